//! Errors that arrive in a page's URL (`?__path=…&__err=…`, a form posted
//! without JavaScript): anyone can write such a link, so only what carries
//! no text to show is kept.

use leptos::prelude::{provide_context, use_context};
use leptos::server::ServerActionError;
use leptos::server_fn::error::ServerFnUrlError;

use super::UserError;
use crate::policy::{KeywordError, PolicyFailure};

impl UserError {
    /// What of an error that arrived in a URL (`?__err=…`) may be shown:
    /// anyone can write such a link, so only closed codes are kept. The
    /// keyword and policy failures that name keywords, account parts or
    /// characters are dropped (the sentence of the error itself still
    /// reads); `Transport`, which the server never sends that way (and
    /// which is what garbage decodes to), leaves nothing to show.
    pub fn from_url(self) -> Option<UserError> {
        match self {
            UserError::Keywords(errors) => Some(UserError::Keywords(
                errors.into_iter().filter(keyword_error_is_closed).collect(),
            )),
            UserError::Policy(failures) => Some(UserError::Policy(
                failures
                    .into_iter()
                    .filter(policy_failure_is_closed)
                    .collect(),
            )),
            UserError::PolicyChanged(failures) => Some(UserError::PolicyChanged(
                failures
                    .into_iter()
                    .filter(policy_failure_is_closed)
                    .collect(),
            )),
            UserError::Transport => None,
            closed @ (UserError::BadCredentials
            | UserError::BadConsoleCredentials
            | UserError::Locked
            | UserError::AccountDisabled
            | UserError::Reported
            | UserError::RecoverySetupRequired
            | UserError::ReportLinkUsed
            | UserError::ReportLinkExpired
            | UserError::TooManyRequests
            | UserError::Busy
            | UserError::Unavailable
            | UserError::NotSignedIn
            | UserError::MustChangePassword
            | UserError::NotAllowed
            | UserError::WrongCurrentPassword
            | UserError::CurrentPasswordLocked
            | UserError::Invalid(_)
            | UserError::CaptchaWrong
            | UserError::CodeWrong { .. }
            | UserError::CodeDead
            | UserError::ResendTooSoon(_)
            | UserError::SmsLimit
            | UserError::SmsNumberLimit
            | UserError::SmsCountryNotAllowed
            | UserError::SmsDomainLimit
            | UserError::AnswersWrong
            | UserError::MethodLocked
            | UserError::FlowExpired
            | UserError::Internal
            | UserError::BadRequest) => Some(closed),
        }
    }
}

/// Keyword errors that name no keyword.
fn keyword_error_is_closed(error: &KeywordError) -> bool {
    match error {
        KeywordError::TooMany { .. } => true,
        KeywordError::TooShort { .. }
        | KeywordError::TooLong { .. }
        | KeywordError::InvalidChars { .. }
        | KeywordError::Duplicate { .. } => false,
    }
}

/// Policy failures that carry only figures and character classes.
fn policy_failure_is_closed(failure: &PolicyFailure) -> bool {
    match failure {
        PolicyFailure::TooShort { .. }
        | PolicyFailure::TooLong { .. }
        | PolicyFailure::TooFewClasses { .. }
        | PolicyFailure::CommonPassword
        | PolicyFailure::ReusedPassword
        | PolicyFailure::Mismatch => true,
        PolicyFailure::InvalidChars { .. }
        | PolicyFailure::ContainsAccount { .. }
        | PolicyFailure::ContainsKeyword { .. } => false,
    }
}

/// The policy failures an address's error (`?__path=…&__err=…`) names,
/// as [`UserError::from_url`] keeps them (none for anything else): what a
/// page the islands router brings says the server refused.
pub fn policy_failures_in_url(url: &str) -> Vec<PolicyFailure> {
    let query = url.split_once('?').map_or("", |(_, query)| query);
    let query = query.split('#').next().unwrap_or_default();
    let Some(err) = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("__err="))
        .and_then(percent_decoded)
    else {
        return Vec::new();
    };
    ServerFnUrlError::<UserError>::decode_err(&err)
        .from_url()
        .map(|error| error.policy_failures().to_vec())
        .unwrap_or_default()
}

/// `%XX` escapes decoded (`+` is not a space in base64).
fn percent_decoded(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Replaces the error the router read from the URL (`?__path=…&__err=…`,
/// see `leptos_router::location::Url::provide_server_action_error`) with
/// what [`UserError::from_url`] keeps of it, re-encoded the way the server
/// encodes it, or with one for a path no server function has when nothing
/// is kept or the text does not decode. Each `ServerAction::new()` reads
/// that context once, when it is created, so this must run first, in an
/// owner the page's actions descend from.
///
/// `<Routes>` provides the context, whenever the URL changes, in the owner
/// it was created in: that overwrites anything provided in the same owner
/// and shadows anything provided above it. It builds each matched route's
/// view in a child of that owner, so the one place a context shadows the
/// router's is inside the route: `App` wraps every route's view in `page`,
/// which calls this first, in the route's owner. It runs when the server
/// renders the page and again when the browser hydrates it, from the same
/// URL, so both render the same alert.
pub fn sanitize_url_error() {
    let Some(from_url) = use_context::<ServerActionError>() else {
        return;
    };
    let kept = ServerFnUrlError::<UserError>::decode_err(from_url.err()).from_url();
    let encoded = kept.and_then(|error| {
        // `to_url` is the server's own encoding (base64 of the JSON).
        let url = ServerFnUrlError::new(from_url.path(), error)
            .to_url("http://app/")
            .ok()?;
        url.query_pairs()
            .find(|(key, _)| key == "__err")
            .map(|(_, value)| value.into_owned())
    });
    provide_context(match encoded {
        Some(err) => ServerActionError::new(from_url.path(), &err),
        None => ServerActionError::new("", ""),
    });
}

#[cfg(test)]
mod tests {
    use base64::engine::general_purpose::URL_SAFE;
    use base64::Engine;
    use leptos::prelude::Owner;

    use super::*;
    use crate::error::{Invalid, NameField};
    use crate::policy::CharClass;
    use leptos::server_fn::error::FromServerFnError;

    const ATTACKER: &str = "Your account is suspended, call +1 800 555 0100";

    fn from_json(json: &str) -> UserError {
        UserError::de(json.as_bytes().to_vec().into())
    }

    #[test]
    fn the_policy_failures_of_an_address_are_read_as_the_page_reads_them() {
        let url = "/settings/security?__path=%2Fapi%2Fchange_password&__err=eyJQb2xpY3kiOlt7ImNvZGUiOiJ0b29fZmV3X2NsYXNzZXMiLCJyZXF1aXJlZCI6MywicHJlc2VudCI6WyJsb3dlcmNhc2UiXX0seyJjb2RlIjoiY29udGFpbnNfa2V5d29yZCIsImtleXdvcmRzIjpbInBhc3N3b3JkIl19XX0%3D";
        let codes: Vec<&str> = policy_failures_in_url(url)
            .iter()
            .map(|failure| failure.rule().code())
            .collect();
        // The keyword failure names text: dropped, as on a full load.
        assert_eq!(codes, ["too_few_classes"]);
        assert!(policy_failures_in_url("/settings/security").is_empty());
        assert!(policy_failures_in_url("/x?__err=%zz").is_empty());
        assert!(policy_failures_in_url("/x?__err=bm90IGpzb24%3D").is_empty());
    }

    #[test]
    fn closed_codes_arrive_through_the_url_unchanged() {
        for error in [
            UserError::BadCredentials,
            UserError::Locked,
            UserError::Internal,
            UserError::CodeWrong { tries_left: 2 },
            UserError::ResendTooSoon(30),
            UserError::Invalid(Invalid::AnswerQuestion { n: 2 }),
            UserError::Invalid(Invalid::EnterName {
                field: NameField::DepartmentName,
            }),
        ] {
            assert_eq!(error.clone().from_url(), Some(error));
        }
    }

    #[test]
    fn an_old_style_invalid_text_does_not_decode_to_anything_shown() {
        let error = from_json(&format!(r#"{{"Invalid":"{ATTACKER}"}}"#));
        assert_eq!(error, UserError::Transport);
        assert_eq!(error.from_url(), None);
    }

    #[test]
    fn a_transport_error_carries_no_text_and_is_not_shown_from_a_url() {
        let error = from_json(&format!(r#"{{"Transport":"{ATTACKER}"}}"#));
        assert_eq!(error, UserError::Transport);
        assert_eq!(error.status(), 500);
        assert_eq!(
            crate::messages::user_error(crate::language::Language::en, &error),
            "The request could not be completed. Check your connection and try again."
        );
        assert_eq!(UserError::Transport.from_url(), None);
        assert_eq!(from_json(r#""Transport""#), UserError::Transport);
    }

    #[test]
    fn keyword_errors_from_a_url_keep_only_the_count() {
        let error = UserError::Keywords(vec![
            KeywordError::TooShort {
                keyword: ATTACKER.into(),
            },
            KeywordError::TooLong {
                keyword: ATTACKER.into(),
            },
            KeywordError::InvalidChars {
                keyword: ATTACKER.into(),
            },
            KeywordError::Duplicate {
                first: ATTACKER.into(),
                second: ATTACKER.into(),
            },
            KeywordError::TooMany {
                count: 201,
                max: 200,
            },
        ]);
        assert!(error.to_string().contains(ATTACKER));
        let kept = error.from_url().unwrap();
        assert_eq!(
            kept,
            UserError::Keywords(vec![KeywordError::TooMany {
                count: 201,
                max: 200
            }])
        );
        assert_eq!(
            crate::messages::user_error(crate::language::Language::en, &kept),
            "The keyword list was not saved: The list has 201 keywords; at most 200 are allowed."
        );
    }

    #[test]
    fn keyword_errors_with_nothing_left_still_read_as_a_sentence() {
        let error = UserError::Keywords(vec![KeywordError::TooShort {
            keyword: ATTACKER.into(),
        }]);
        let kept = error.from_url().unwrap();
        assert_eq!(kept, UserError::Keywords(vec![]));
        assert_eq!(
            crate::messages::user_error(crate::language::Language::en, &kept),
            "The keyword list was not saved."
        );
    }

    #[test]
    fn policy_failures_from_a_url_keep_only_figures_and_classes() {
        let closed = vec![
            PolicyFailure::TooShort { min: 8, actual: 5 },
            PolicyFailure::TooLong {
                max: 64,
                actual: 70,
            },
            PolicyFailure::TooFewClasses {
                letter_and_digit: false,
                required: 3,
                present: vec![CharClass::Lowercase],
            },
            PolicyFailure::Mismatch,
        ];
        let mut failures = closed.clone();
        failures.insert(
            1,
            PolicyFailure::InvalidChars {
                shown: vec![ATTACKER.into()],
            },
        );
        failures.insert(
            3,
            PolicyFailure::ContainsAccount {
                part: ATTACKER.into(),
            },
        );
        failures.push(PolicyFailure::ContainsKeyword {
            keywords: vec![ATTACKER.into()],
        });
        let kept = UserError::Policy(failures).from_url().unwrap();
        assert_eq!(kept, UserError::Policy(closed));
        let only_text = UserError::Policy(vec![PolicyFailure::ContainsKeyword {
            keywords: vec![ATTACKER.into()],
        }]);
        assert_eq!(only_text.from_url(), Some(UserError::Policy(vec![])));
    }

    /// The context `sanitize_url_error` provides, given what the router
    /// read from the URL, as a page below it sees it.
    fn sanitized(path: &str, err: &str) -> ServerActionError {
        let router = Owner::new();
        router.with(|| {
            provide_context(ServerActionError::new(path, err));
            let page = Owner::current().unwrap().child();
            page.with(|| {
                sanitize_url_error();
                use_context::<ServerActionError>().unwrap()
            })
        })
    }

    fn decoded(error: &ServerActionError) -> UserError {
        ServerFnUrlError::<UserError>::decode_err(error.err())
    }

    #[test]
    fn a_page_sees_a_closed_code_from_the_url_as_it_was_sent() {
        let encoded = URL_SAFE.encode(UserError::BadCredentials.ser());
        let seen = sanitized("/api/log_on", &encoded);
        assert_eq!(seen.path(), "/api/log_on");
        assert_eq!(decoded(&seen), UserError::BadCredentials);
    }

    #[test]
    fn a_page_sees_keyword_text_from_the_url_stripped() {
        let error = UserError::Keywords(vec![KeywordError::Duplicate {
            first: ATTACKER.into(),
            second: ATTACKER.into(),
        }]);
        let seen = sanitized("/api/save_keywords", &URL_SAFE.encode(error.ser()));
        assert_eq!(seen.path(), "/api/save_keywords");
        assert_eq!(decoded(&seen), UserError::Keywords(vec![]));
    }

    #[test]
    fn a_page_sees_no_error_for_text_or_garbage_in_the_url() {
        for err in [
            URL_SAFE.encode(format!(r#"{{"Invalid":"{ATTACKER}"}}"#)),
            URL_SAFE.encode(format!(r#"{{"Transport":"{ATTACKER}"}}"#)),
            ATTACKER.to_owned(),
            "%%%".to_owned(),
            String::new(),
            URL_SAFE.encode([0xff, 0xfe, 0x00]),
            URL_SAFE.encode("[".repeat(10_000)),
        ] {
            let seen = sanitized("/api/log_on", &err);
            assert_eq!(seen.path(), "", "{err}");
        }
    }
}

//! The two languages of the app, English and Simplified Chinese
//! (`zh-CN`), and how a request's language is chosen: the person's
//! explicit choice (the "Language" control, kept in the `lang` cookie),
//! else the browser's `Accept-Language`, else English. The translations
//! themselves are `locales/*.json`, compiled into [`crate::i18n`] by
//! leptos_i18n; a key missing from either file fails the build.

pub use crate::i18n::Locale as Language;

/// The cookie the explicit choice is kept in.
pub const COOKIE: &str = "lang";

/// How the language control names each language: in that language.
pub fn own_name(language: Language) -> &'static str {
    match language {
        Language::en => "English",
        Language::zh_CN => "简体中文",
    }
}

/// The `lang` attribute (and cookie value) of a language.
pub fn tag(language: Language) -> &'static str {
    leptos_i18n::Locale::as_str(language)
}

/// A language by its tag as the app writes it (`en`, `zh-CN`), case
/// aside; anything else is `None`.
pub fn from_tag(tag: &str) -> Option<Language> {
    <Language as leptos_i18n::Locale>::get_all()
        .iter()
        .copied()
        .find(|language| self::tag(*language).eq_ignore_ascii_case(tag.trim()))
}

/// The language of a request: the cookie's, when it names one of ours;
/// else the best match of `Accept-Language` (in the order the browser
/// prefers, `q` weights honoured; `zh`, `zh-Hans` and `zh-CN` all mean
/// Simplified Chinese); else English.
pub fn choose(cookie: Option<&str>, accept_language: Option<&str>) -> Language {
    if let Some(language) = cookie.and_then(from_tag) {
        return language;
    }
    let Some(header) = accept_language else {
        return Language::en;
    };
    let mut ranges: Vec<(f32, usize, &str)> = header
        .split(',')
        .enumerate()
        .filter_map(|(order, item)| {
            let mut parts = item.split(';');
            let range = parts.next()?.trim();
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            (!range.is_empty() && range != "*" && weight > 0.0).then_some((weight, order, range))
        })
        .collect();
    ranges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    ranges
        .iter()
        .find_map(|(_, _, range)| of_range(range))
        .unwrap_or(Language::en)
}

/// One `Accept-Language` range, by its primary subtag (and script, for
/// Traditional Chinese, which is not offered).
fn of_range(range: &str) -> Option<Language> {
    let lower = range.to_ascii_lowercase();
    let mut subtags = lower.split(['-', '_']);
    match subtags.next()? {
        "en" => Some(Language::en),
        "zh" => {
            let rest: Vec<&str> = subtags.collect();
            let traditional = rest.contains(&"hant")
                || (!rest.contains(&"hans")
                    && rest.iter().any(|r| matches!(*r, "tw" | "hk" | "mo")));
            (!traditional).then_some(Language::zh_CN)
        }
        _ => None,
    }
}

/// The language the server chose for the request being rendered (the
/// middleware puts it beside the request); English outside a request.
/// Only components rendered on the server ask: an island gets its
/// language as a prop.
pub fn current() -> Language {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<Language>().copied())
            .unwrap_or(Language::en)
    }
    #[cfg(not(feature = "ssr"))]
    {
        Language::en
    }
}

/// The path and query of the page being rendered, for the language
/// control to come back to.
pub fn current_page() -> String {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|parts| parts.uri.path_and_query().map(|pq| pq.as_str().to_owned()))
            .unwrap_or_else(|| "/login".to_owned())
    }
    #[cfg(not(feature = "ssr"))]
    {
        "/login".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_beats_the_header_which_beats_the_default() {
        assert_eq!(
            choose(Some("zh-CN"), Some("en-US,en;q=0.9")),
            Language::zh_CN
        );
        assert_eq!(choose(Some("en"), Some("zh-CN")), Language::en);
        assert_eq!(
            choose(None, Some("zh-CN,zh;q=0.9,en;q=0.8")),
            Language::zh_CN
        );
        assert_eq!(choose(None, None), Language::en);
        // A cookie naming nothing of ours is ignored.
        assert_eq!(choose(Some("fr"), Some("zh")), Language::zh_CN);
    }

    #[test]
    fn accept_language_is_read_by_weight_and_chinese_variants_are_told_apart() {
        assert_eq!(
            choose(None, Some("fr;q=1, zh;q=0.5, en;q=0.4")),
            Language::zh_CN
        );
        assert_eq!(
            choose(None, Some("en;q=0.2, zh-Hans;q=0.9")),
            Language::zh_CN
        );
        assert_eq!(choose(None, Some("zh-TW, en;q=0.5")), Language::en);
        assert_eq!(choose(None, Some("zh-Hant-CN")), Language::en);
        assert_eq!(choose(None, Some("de, fr")), Language::en);
        assert_eq!(choose(None, Some("zh;q=0, en")), Language::en);
        assert_eq!(choose(None, Some("garbage;;;,,")), Language::en);
    }

    #[test]
    fn tags_round_trip() {
        for language in <Language as leptos_i18n::Locale>::get_all() {
            assert_eq!(from_tag(tag(*language)), Some(*language));
        }
        assert_eq!(tag(Language::zh_CN), "zh-CN");
        assert_eq!(from_tag("ZH-cn"), Some(Language::zh_CN));
    }
}

//! What a service is told about the request it serves, read once per
//! server function (in [`crate::server_fn::service`]): who the client is,
//! the cookies it sent, and whether it is a plain form post. The services
//! speak of this, never of HTTP; the cookies they want set come back as
//! [`SetCookie`] values, rendered in one place.

use std::collections::HashMap;

/// Who the client is, as the server's middleware resolved it before any
/// route ran (the socket peer, or the entry a trusted balancer appended to
/// `X-Forwarded-For`). Carried as a request extension.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Client {
    /// The address as the audit trail shows it (`unknown` when there is none).
    pub addr: String,
    /// What per-client limits count by (an IPv6 client by its /64).
    pub limit_key: String,
}

impl Client {
    /// A client nothing is known of.
    pub fn unknown() -> Self {
        Client {
            addr: "unknown".to_owned(),
            limit_key: "unknown".to_owned(),
        }
    }
}

/// Whether cookies are `Secure` (with the `__Host-` prefix): provided as
/// context by the server, from its origin.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SecureCookies(pub bool);

/// One request, as a service sees it.
#[derive(Clone, Debug)]
pub struct Request {
    pub client: Client,
    secure_cookies: bool,
    cookies: HashMap<String, String>,
    plain_form_post: bool,
    language: proto::language::Language,
    /// What the server's middleware attached to this request for its
    /// services (the caller, resolved at most once per request).
    extensions: http::Extensions,
}

impl Request {
    /// Reads the cookies and the kind of post from the headers.
    pub fn new(client: Client, secure_cookies: bool, headers: &http::HeaderMap) -> Self {
        let cookies = headers
            .get_all(http::header::COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(cookie::Cookie::split_parse)
            .filter_map(Result::ok)
            .map(|cookie| (cookie.name().to_owned(), cookie.value().to_owned()))
            .collect();
        // A plain HTML form post (no JavaScript) wants a page back, not data.
        let plain_form_post = headers
            .get(http::header::ACCEPT)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.contains("text/html"));
        Request {
            client,
            secure_cookies,
            cookies,
            plain_form_post,
            language: proto::language::Language::en,
            extensions: http::Extensions::new(),
        }
    }

    /// The same request, carrying what the middleware attached to it.
    pub fn with_extensions(self, extensions: http::Extensions) -> Self {
        Request { extensions, ..self }
    }

    /// A value the server's middleware attached to this request.
    pub fn extension<T: Clone + Send + Sync + 'static>(&self) -> Option<&T> {
        self.extensions.get::<T>()
    }

    /// The same request, read in `language` (what the server chose for it:
    /// an SMS it causes is written in that language).
    pub fn in_language(self, language: proto::language::Language) -> Self {
        Request { language, ..self }
    }

    pub fn language(&self) -> proto::language::Language {
        self.language
    }

    /// The value of the cookie this app set as `name`, when present and
    /// not empty.
    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.cookies
            .get(&wire_name(name, self.secure_cookies))
            .map(String::as_str)
            .filter(|value| !value.is_empty())
    }

    pub fn is_plain_form_post(&self) -> bool {
        self.plain_form_post
    }

    pub fn secure_cookies(&self) -> bool {
        self.secure_cookies
    }
}

/// A cookie's name on the wire: with the `__Host-` prefix when it is
/// `Secure`, so the browser only accepts it from this host, over https,
/// for Path=/ and without a Domain (RFC 6265bis 4.1.3.2). Over plain http
/// on loopback the prefix would make browsers drop it.
pub fn wire_name(name: &str, secure: bool) -> String {
    if secure {
        format!("__Host-{name}")
    } else {
        name.to_owned()
    }
}

/// A cookie a service wants set (or cleared).
#[derive(Clone, PartialEq, Eq)]
pub struct SetCookie {
    pub name: &'static str,
    value: String,
    pub max_age_s: i64,
    /// Where the browser sends it back (only without the `__Host-`
    /// prefix, which requires Path=/).
    pub path: &'static str,
}

impl std::fmt::Debug for SetCookie {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The value is a session token or grant: never printed.
        f.debug_struct("SetCookie")
            .field("name", &self.name)
            .field("max_age_s", &self.max_age_s)
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl SetCookie {
    pub fn new(name: &'static str, value: impl Into<String>, max_age_s: i64) -> Self {
        SetCookie {
            name,
            value: value.into(),
            max_age_s,
            path: "/",
        }
    }

    /// The same cookie, sent back only below `path`.
    pub fn at(self, path: &'static str) -> Self {
        SetCookie { path, ..self }
    }

    /// Tells the browser to forget `name`.
    pub fn clear(name: &'static str) -> Self {
        SetCookie::new(name, "", 0)
    }

    /// The Set-Cookie header value: HttpOnly, SameSite=Strict, and
    /// `Secure` with the `__Host-` prefix unless cookies are not secure
    /// (plain http on loopback).
    pub fn render(&self, secure: bool) -> String {
        cookie::Cookie::build((wire_name(self.name, secure), self.value.clone()))
            .path(if secure { "/" } else { self.path })
            .http_only(true)
            .same_site(cookie::SameSite::Strict)
            .max_age(cookie::time::Duration::seconds(self.max_age_s))
            .secure(secure)
            .build()
            .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(cookie: &str) -> http::HeaderMap {
        let mut headers = http::HeaderMap::new();
        headers.insert(http::header::COOKIE, cookie.parse().unwrap());
        headers
    }

    #[test]
    fn secure_cookies_are_read_and_written_with_the_host_prefix() {
        let request = Request::new(
            Client::unknown(),
            true,
            &headers("mail_session=forged; __Host-mail_session=abc; empty="),
        );
        assert_eq!(request.cookie("mail_session"), Some("abc"));
        assert_eq!(request.cookie("empty"), None);
        let rendered = SetCookie::new("mail_session", "abc", 60)
            .at("/forgot")
            .render(true);
        assert!(
            rendered.starts_with("__Host-mail_session=abc"),
            "{rendered}"
        );
        assert!(
            rendered.contains("Path=/;") || rendered.ends_with("Path=/"),
            "{rendered}"
        );
        assert!(
            rendered.contains("Secure") && rendered.contains("HttpOnly"),
            "{rendered}"
        );
    }

    #[test]
    fn over_plain_http_the_name_is_bare_and_the_path_kept() {
        let request = Request::new(Client::unknown(), false, &headers("recovery_flow=t"));
        assert_eq!(request.cookie("recovery_flow"), Some("t"));
        let rendered = SetCookie::clear("recovery_flow")
            .at("/forgot")
            .render(false);
        assert!(rendered.starts_with("recovery_flow=;"), "{rendered}");
        assert!(
            rendered.contains("Path=/forgot") && !rendered.contains("Secure"),
            "{rendered}"
        );
    }

    #[test]
    fn a_cookie_value_never_reaches_debug_output() {
        let debug = format!("{:?}", SetCookie::new("mail_session", "s3cret", 1));
        assert!(!debug.contains("s3cret"), "{debug}");
    }
}

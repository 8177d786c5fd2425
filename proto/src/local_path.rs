//! Where the app may send a browser: only a path of this site. Every
//! redirect the app builds (a server function's answer, the no-JavaScript
//! error path, `POST /language`) passes through [`is_local_path`], since
//! some of them carry text a form sent (an account id, a `back` field)
//! and anyone can craft a form.

/// Whether `target` is a path on this origin, and stays one however a
/// browser reads it: it starts with one `/` (not `//` or `/\`, which
/// browsers read as another host), has no control characters (browsers
/// drop tabs and newlines, so `/\t/evil` would become `//evil`) and no
/// backslash, and no `.` or `..` segment, written plainly or
/// percent-encoded.
pub fn is_local_path(target: &str) -> bool {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    target.starts_with('/')
        && !target.starts_with("//")
        && !target.chars().any(|c| c.is_control() || c == '\\')
        && !path.split('/').any(is_dot_segment)
}

fn is_dot_segment(segment: &str) -> bool {
    let lower = segment.to_ascii_lowercase();
    let plain = lower.replace("%2e", ".");
    plain == "." || plain == ".."
}

/// `target` when it is a local path, else `fallback`.
pub fn or_else<'a>(target: &'a str, fallback: &'a str) -> &'a str {
    if is_local_path(target) {
        target
    } else {
        fallback
    }
}

#[cfg(test)]
mod tests {
    use super::is_local_path;

    #[test]
    fn paths_of_this_site_are_local() {
        for local in [
            "/",
            "/forgot?expired=1",
            "/admin/accounts/5f0c1d1e-2a3b-4c5d-8e9f-001122334455?reset_form=1",
            "/admin/accounts/a.b",
            "/x?next=//evil.example",
        ] {
            assert!(is_local_path(local), "{local:?}");
        }
    }

    #[test]
    fn anything_a_browser_could_read_as_another_site_is_not() {
        for hostile in [
            "",
            "https://evil.example/",
            "HTTPS://evil.example",
            "//evil.example/x",
            "/\\evil.example",
            "\\\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/x\r\nSet-Cookie: a=b",
            "javascript:alert(1)",
            "data:text/html,x",
            "evil.example",
            "/admin/accounts/../..//evil.example",
            "/a/%2e%2E/x",
            "/a/./b",
            "/a\\b",
        ] {
            assert!(!is_local_path(hostile), "{hostile:?}");
        }
    }
}

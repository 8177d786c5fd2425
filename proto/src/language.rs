//! The two languages of the app, English and Simplified Chinese
//! (`zh-CN`), and how a request's language is chosen: the person's
//! explicit choice (the "Language" control, kept in the `lang` cookie),
//! else the browser's `Accept-Language`, else English. The translations
//! themselves are `locales/<language>/<namespace>.json`, compiled into
//! [`crate::i18n`] by leptos_i18n; a test fails when a key is missing from
//! either language.

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

/// Every language of the app, English first.
pub fn all() -> &'static [Language] {
    <Language as leptos_i18n::Locale>::get_all()
}

/// The `lang` attribute (and cookie value) of a language.
pub fn tag(language: Language) -> &'static str {
    leptos_i18n::Locale::as_str(language)
}

/// A language by its tag as the app writes it (`en`, `zh-CN`), case
/// aside; anything else is `None`.
pub fn from_tag(tag: &str) -> Option<Language> {
    all()
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

    /// Every string of `locales/<language>/<namespace>.json`, by its
    /// dotted key, with the names of its `{{ placeholders }}`.
    fn strings(language: &str) -> std::collections::BTreeMap<String, Vec<String>> {
        fn walk(
            prefix: &str,
            value: &serde_json::Value,
            out: &mut std::collections::BTreeMap<String, Vec<String>>,
        ) {
            match value {
                serde_json::Value::Object(map) => {
                    for (key, value) in map {
                        walk(&format!("{prefix}.{key}"), value, out);
                    }
                }
                serde_json::Value::String(text) => {
                    let mut names: Vec<String> = text
                        .split("{{")
                        .skip(1)
                        .filter_map(|rest| rest.split_once("}}"))
                        .map(|(name, _)| name.trim().to_owned())
                        .collect();
                    names.sort();
                    assert!(!text.trim().is_empty(), "{prefix} is empty");
                    out.insert(prefix.to_owned(), names);
                }
                other => panic!("{prefix} is neither text nor a group: {other}"),
            }
        }
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(language);
        let mut out = std::collections::BTreeMap::new();
        for entry in std::fs::read_dir(&dir).expect("the locale directory") {
            let path = entry.expect("a locale file").path();
            let namespace = path.file_stem().unwrap().to_str().unwrap().to_owned();
            let text = std::fs::read_to_string(&path).expect("a readable locale file");
            let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
            walk(&namespace, &value, &mut out);
        }
        out
    }

    #[test]
    fn every_key_exists_in_both_languages_with_the_same_placeholders() {
        let english = strings("en");
        let chinese = strings("zh-CN");
        assert!(
            english.len() > 100,
            "only {} English strings",
            english.len()
        );
        let only_english: Vec<&String> = english
            .keys()
            .filter(|k| !chinese.contains_key(*k))
            .collect();
        let only_chinese: Vec<&String> = chinese
            .keys()
            .filter(|k| !english.contains_key(*k))
            .collect();
        assert!(
            only_english.is_empty(),
            "missing in zh-CN: {only_english:?}"
        );
        assert!(only_chinese.is_empty(), "missing in en: {only_chinese:?}");
        for (key, names) in &english {
            assert_eq!(names, &chinese[key], "the placeholders of {key} differ");
        }
    }
}

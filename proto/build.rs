//! Generates the translations module from `locales/<language>/<namespace>.json`
//! (leptos_i18n). The namespaces are the files of `locales/en`. A key
//! missing from one language is a build warning here and a failure of the
//! test `every_key_exists_in_both_languages_with_the_same_placeholders`.

use std::error::Error;
use std::path::PathBuf;

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};

/// The common-password list (made by `scripts/gen-common-passwords.sh`);
/// its content hash names the file the browser fetches.
const COMMON_PASSWORDS: &str = "data/common-passwords.txt";

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed={COMMON_PASSWORDS}");
    let list = std::fs::read(COMMON_PASSWORDS)?;
    // FNV-1a 64: a name that changes with the content, not a secret.
    let hash = list.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    println!("cargo::rustc-env=COMMON_PASSWORDS_HASH={hash:016x}");
    println!("cargo::rerun-if-changed=locales");
    let mut namespaces: Vec<String> = std::fs::read_dir("locales/en")?
        .map(|entry| Ok(entry?.path()))
        .collect::<std::io::Result<Vec<PathBuf>>>()?
        .into_iter()
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .filter_map(|path| Some(path.file_stem()?.to_str()?.to_owned()))
        .collect();
    namespaces.sort();
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?).join("i18n");
    // Interpolated strings (`{{ min }}`) are wanted as plain text too, for
    // error sentences and SMS, not only as views.
    let config = Config::new("en")?
        .add_locale("zh-CN")?
        .add_namespaces(&namespaces)?
        .parse_options(ParseOptions::new().interpolate_display(true));
    let translations = TranslationsInfos::parse(config)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    translations.generate_i18n_module(out)?;
    Ok(())
}

//! `server policy check`: the policy for operators and scripts. Reads JSON
//! lines on stdin and answers each with the failed rule codes, through the
//! very function the browser and the server functions use.

use std::io::{BufRead, Write};

use app::policy::{self, common, PolicyInput, Preset};
use serde::{Deserialize, Serialize};

#[derive(Deserialize)]
struct Case {
    password: String,
    account: String,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    confirmation: Option<String>,
    /// A preset key (docs/policy.md "Presets"); `standard` when absent.
    #[serde(default)]
    preset: Option<String>,
}

#[derive(Serialize)]
struct Verdict {
    failures: Vec<&'static str>,
}

#[derive(Serialize)]
struct LineError {
    error: String,
    line: usize,
}

/// One output line per input line (blank lines are skipped). A line that
/// is not a valid case gets `{"error", "line"}` and the rest still run.
/// Returns the number of malformed lines.
pub fn check_lines(input: impl BufRead, mut output: impl Write) -> anyhow::Result<usize> {
    let mut malformed = 0;
    for (index, bytes) in input.split(b'\n').enumerate() {
        let number = index + 1;
        let bytes = bytes?;
        // A line that is not UTF-8 is malformed like any other bad line,
        // rather than ending the run.
        let line = String::from_utf8_lossy(&bytes);
        if line.trim().is_empty() {
            continue;
        }
        let parsed = std::str::from_utf8(&bytes)
            .map_err(|_| "not UTF-8".to_owned())
            .and_then(|text| serde_json::from_str::<Case>(text).map_err(|err| err.to_string()))
            .and_then(|case| {
                let preset = match case.preset.as_deref() {
                    None => Preset::Standard,
                    Some(key) => Preset::from_key(key).ok_or_else(|| {
                        let known: Vec<&str> = Preset::ALL.iter().map(|p| p.key()).collect();
                        format!("unknown preset {key:?} (known: {})", known.join(", "))
                    })?,
                };
                Ok((case, preset))
            });
        let json = match parsed {
            Ok((case, preset)) => {
                let input = PolicyInput {
                    password: &case.password,
                    account: &case.account,
                    keywords: &case.keywords,
                    confirmation: case.confirmation.as_deref(),
                    preset,
                    common: Some(common::embedded()),
                };
                let failures = policy::check(&input).iter().map(|f| f.code()).collect();
                serde_json::to_string(&Verdict { failures })?
            }
            Err(err) => {
                malformed += 1;
                serde_json::to_string(&LineError {
                    error: format!("line {number}: not a policy case: {err}"),
                    line: number,
                })?
            }
        };
        writeln!(output, "{json}")?;
    }
    output.flush()?;
    Ok(malformed)
}

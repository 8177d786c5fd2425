//! `server policy check`, run as the real binary.

use std::io::Write;
use std::process::{Command, Stdio};

fn run_policy_check(input: &[u8]) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["policy", "check"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the server binary starts");
    child.stdin.take().unwrap().write_all(input).unwrap();
    let output = child.wait_with_output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
    )
}

#[test]
fn policy_check_answers_every_shared_vector_with_its_expected_codes() {
    let vectors = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../app/tests/data/policy-vectors.jsonl"
    ))
    .unwrap();
    let (code, stdout) = run_policy_check(vectors.as_bytes());
    assert_eq!(code, 0);
    let cases: Vec<serde_json::Value> = vectors
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let answers: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(answers.len(), cases.len());
    for (case, answer) in cases.iter().zip(&answers) {
        assert_eq!(answer["failures"], case["expected"], "case {case}");
    }
}

#[test]
fn a_malformed_line_gets_an_error_naming_its_line_and_the_rest_still_run() {
    let input = concat!(
        r#"{"password":"Quiet#River88","account":"a.b@example.com","keywords":[]}"#,
        "\n",
        "not json\n",
        r#"{"password":"abc","account":"a.b@example.com","keywords":[],"confirmation":"abd"}"#,
        "\n",
    );
    let (code, stdout) = run_policy_check(input.as_bytes());
    assert_eq!(code, 1, "a malformed line makes the exit status non-zero");
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["failures"], serde_json::json!([]));
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["error"].as_str().unwrap().contains("line 2"));
    assert_eq!(
        lines[2]["failures"],
        serde_json::json!(["too_short", "too_few_classes", "mismatch"])
    );
}

#[test]
fn a_line_that_is_not_utf8_is_reported_not_fatal() {
    let mut input = b"\xff\xfe\n".to_vec();
    input.extend_from_slice(br#"{"password":"Quiet#River88","account":"x@y.io","keywords":[]}"#);
    let (code, stdout) = run_policy_check(&input);
    assert_eq!(code, 1);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].contains(r#""line":1"#), "{}", lines[0]);
    assert!(lines[1].contains(r#""failures":[]"#));
}

#[test]
fn a_line_may_name_a_preset_and_an_unknown_one_is_an_error_for_that_line() {
    let input = concat!(
        r#"{"password":"correct horse battery staple","account":"a@b.io","preset":"nist-800-63b-4"}"#,
        "\n",
        r#"{"password":"quietlantern7","account":"a@b.io","preset":"pci-dss-4"}"#,
        "\n",
        r#"{"password":"quietlantern7","account":"a@b.io","preset":"fips"}"#,
        "\n",
        r#"{"password":"correct horse battery staple","account":"a@b.io"}"#,
        "\n",
    );
    let (code, stdout) = run_policy_check(input.as_bytes());
    assert_eq!(code, 1);
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["failures"], serde_json::json!([]));
    assert_eq!(lines[1]["failures"], serde_json::json!([]));
    assert_eq!(lines[2]["line"], 3);
    let error = lines[2]["error"].as_str().unwrap();
    assert!(
        error.contains("unknown preset") && error.contains("pci-dss-4"),
        "{error}"
    );
    assert_eq!(
        lines[3]["failures"],
        serde_json::json!(["invalid_chars", "too_few_classes"])
    );
}

//! The live checklist of docs/policy.md "What the user sees": one line per rule,
//! pending / met / failed, recomputed on every keystroke in the browser
//! without a request, and merged with the failures a server returned so a
//! rule the server refused turns red even when the local check passed.

use serde::{Deserialize, Serialize};

use super::failure::{PolicyFailure, Rule};
use super::{check, PolicyInput};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleState {
    Pending,
    Met,
    Failed,
}

impl RuleState {
    /// The same string serde writes; handy as a CSS class or data attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleState::Pending => "pending",
            RuleState::Met => "met",
            RuleState::Failed => "failed",
        }
    }
}

/// One checklist line: the rule (`messages::requirement` says it), its
/// state, and the failure to explain it when the state is `Failed`.
#[derive(Clone, Debug, PartialEq)]
pub struct ChecklistLine {
    pub rule: Rule,
    pub state: RuleState,
    pub failure: Option<PolicyFailure>,
    /// Pending only because the browser is still fetching what the rule
    /// needs (the common-password list): the line says it is checking.
    pub checking: bool,
}

/// One line per rule the input's preset has, in `Rule::ALL` order, plus
/// `reused_password` when the server refused it.
///
/// `eager = true` (the dev parity page) judges every rule now; only
/// `Mismatch` waits, and only while there is no confirmation at all
/// (`Some("")` is judged).
///
/// `eager = false` (real forms) does not scold an empty form: every line is
/// pending while the password is empty, and `Mismatch` stays pending while
/// the confirmation is `None` or `Some("")`, i.e. until the user starts the
/// second entry.
///
/// `server_failures` always win: a rule the server failed shows `Failed`
/// with the server's failure, even if the local check passed or is still
/// pending (the keyword list may have changed since the page loaded). The
/// caller clears them once the input changes, since they describe the
/// password that was submitted.
pub fn checklist(
    input: &PolicyInput,
    eager: bool,
    server_failures: &[PolicyFailure],
) -> Vec<ChecklistLine> {
    let local = check(input);
    let all_pending = !eager && input.password.is_empty();
    let mismatch_pending = match input.confirmation {
        None => true,
        Some(confirmation) => !eager && confirmation.is_empty(),
    };
    let server = |rule: Rule| server_failures.iter().find(|f| f.rule() == rule);
    Rule::ALL
        .into_iter()
        .filter(|&rule| input.preset.has_line(rule) || server(rule).is_some())
        .map(|rule| {
            if let Some(server) = server(rule) {
                return ChecklistLine {
                    rule,
                    state: RuleState::Failed,
                    failure: Some(server.clone()),
                    checking: false,
                };
            }
            let checking = rule == Rule::CommonPassword && input.common.is_none();
            if all_pending || checking || (rule == Rule::Mismatch && mismatch_pending) {
                return ChecklistLine {
                    rule,
                    state: RuleState::Pending,
                    failure: None,
                    checking: checking && !all_pending,
                };
            }
            let failure = local.iter().find(|f| f.rule() == rule).cloned();
            let state = if failure.is_some() {
                RuleState::Failed
            } else {
                RuleState::Met
            };
            ChecklistLine {
                rule,
                state,
                failure,
                checking: false,
            }
        })
        .collect()
}

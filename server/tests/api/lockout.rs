//! The logon lockout as its owner and a stranger meet it: familiar
//! browsers keep their own budget, the owner's logons never refresh a
//! stranger's, the same wrong password counts once, a previous password
//! is not an attack, and an unknown, a disabled and an active account read
//! the same to a stranger over time.

mod notices;
mod parity;
mod previous;
mod sources;
mod unlock;

use crate::helpers::secret;
use crate::helpers::{me, Browser};
use app::admin::api::ResetPassword;
use app::auth::api::ChangePassword;
use app::error::UserError;

use crate::helpers::{new_client, user_error, TestApp};

/// A distinct wrong password each call (a guesser tries new ones).
pub fn guess(n: usize) -> String {
    format!("Guess#{n:04}Word")
}

/// A stranger's attempt: a new client (no device cookie), the answer's
/// error, `None` for a sign-in.
pub async fn stranger_logs_on(app: &TestApp, email: &str, password: &str) -> Option<UserError> {
    logs_on_with(app, &new_client(), email, password).await
}

/// An attempt from `client`: the answer's error, `None` for a sign-in.
pub async fn logs_on_with(
    app: &TestApp,
    client: &reqwest::Client,
    email: &str,
    password: &str,
) -> Option<UserError> {
    let response = app.log_on_with(client, email, password).await;
    if response.status() == 200 {
        None
    } else {
        Some(user_error(response).await)
    }
}

/// Failed logons counted against `email`'s strangers (the counter's count).
pub async fn strangers_count(app: &TestApp, email: &str) -> i64 {
    crate::limits::counter(app, &format!("logon:mail:{email}")).await
}

/// The mailbox notices `client`'s signed-in account sees.
pub async fn notices(app: &TestApp, client: &Browser) -> Vec<String> {
    let me = serde_json::to_value(app.read_with(client, me).await.expect("signed in")).unwrap();
    me["notices"]
        .as_array()
        .expect("notices")
        .iter()
        .map(|notice| notice["text"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// One account whose password was just changed, one way or another.
pub struct Changed {
    pub how: &'static str,
    pub login: &'static str,
    pub old: &'static str,
    pub new: &'static str,
}

/// Changes a password each of the four ways (the postmaster's reset, the
/// console owner's reset of the postmaster, Forgot Password, the holder's
/// own change); none requires a change at next logon.
pub async fn change_each_way(app: &TestApp) -> Vec<Changed> {
    use crate::helpers::{CONSOLE_PASSWORD, EMPLOYEE_PASSWORD, POSTMASTER_PASSWORD};
    use crate::recovery::{Flow, ANSWERS, LI, WANG, ZHANG};
    const POSTMASTER: &str = "postmaster@example.com";
    let admin = app.signed_in_client(POSTMASTER, POSTMASTER_PASSWORD).await;
    let id = crate::admin::account_id(app, WANG).await;
    let reset = app
        .call_with(
            &admin,
            ResetPassword {
                id: (id.as_str()).to_string(),
                new_password: secret("Quiet#Harbor77"),
                confirm_password: secret("Quiet#Harbor77"),
                policy_version: None,
                must_change: None,
            },
        )
        .await;
    assert_eq!(
        reset.status(),
        200,
        "the postmaster resets Wang Wu's password"
    );

    let flow = Flow::new(app);
    flow.start(LI).await;
    assert_eq!(flow.choose("questions").await.status(), 200);
    assert_eq!(flow.answer(ANSWERS).await.status(), 200);
    assert_eq!(flow.reset("Lantern#Kite2026").await.status(), 200);

    let console = new_client();
    let logon = app
        .console_log_on_with(&console, "owner", CONSOLE_PASSWORD)
        .await;
    assert_eq!(logon.status(), 200);
    let domain = crate::console::domain_id(app, "example.com").await;
    let reset =
        crate::console::reset_postmaster(app, &console, &domain, "Tide#Lantern55", false).await;
    assert_eq!(
        reset.status(),
        200,
        "the owner resets the postmaster's password"
    );

    let zhang = app.signed_in_client(ZHANG, EMPLOYEE_PASSWORD).await;
    let changed = app
        .call_with(
            &zhang,
            ChangePassword {
                current_password: secret(EMPLOYEE_PASSWORD),
                new_password: secret("Own#Meadow2027"),
                confirm_password: secret("Own#Meadow2027"),
                policy_version: None,
            },
        )
        .await;
    assert_eq!(changed.status(), 200, "Zhang San changes his own password");
    vec![
        Changed {
            how: "postmaster's reset",
            login: WANG,
            old: EMPLOYEE_PASSWORD,
            new: "Quiet#Harbor77",
        },
        Changed {
            how: "Forgot Password",
            login: LI,
            old: EMPLOYEE_PASSWORD,
            new: "Lantern#Kite2026",
        },
        Changed {
            how: "console owner's reset",
            login: POSTMASTER,
            old: POSTMASTER_PASSWORD,
            new: "Tide#Lantern55",
        },
        Changed {
            how: "own change",
            login: ZHANG,
            old: EMPLOYEE_PASSWORD,
            new: "Own#Meadow2027",
        },
    ]
}

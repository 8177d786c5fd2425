//! Every counter the limits keep: what it counts and of whom, its key in
//! the `counters` table and its limit.

use super::{
    Limit, FAILED_LOGONS_PER_ACCOUNT, FAILED_LOGONS_PER_CLIENT, FAILED_LOGONS_PER_FAMILIAR_SOURCE,
    IMAGES_PER_CLIENT, LOCK_NOTICES, QUESTION_FAILURES, RESEND_COOLDOWN, SMS_PER_ACCOUNT,
    SMS_PER_CALLING_CODE, SMS_PER_CLIENT, SMS_PER_DOMAIN_DAY, SMS_PER_NUMBER_DAY,
    SMS_PER_NUMBER_HOUR, STRANGER_FAILURES_PER_DAY, WRONG_CURRENT_PASSWORDS,
};
use crate::infra::sessions::Kind;

/// One counter: what it counts, and of whom.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counter<'a> {
    /// Failed logons of a login as submitted (whether or not an account
    /// has it) from strangers.
    Logon(Kind, &'a str),
    /// The strangers' daily ceiling of the same login.
    LogonStrangersDaily(Kind, &'a str),
    /// Failed logons from one familiar browser (the device's id).
    LogonDevice(&'a str),
    /// Failed logons of a mail login from one familiar client address.
    LogonAddress(&'a str, &'a str),
    /// Lockout SMS sent for one mail account.
    LockNotice(&'a str),
    /// Failed logons from one client (its limit key).
    LogonClient(&'a str),
    /// Wrong current passwords of one account (by id).
    CurrentPassword(Kind, &'a str),
    /// The resend cooldown of one mail account's SMS codes.
    SmsCooldown(&'a str),
    /// SMS codes sent for one mail account.
    SmsAccount(&'a str),
    /// SMS codes sent for one client.
    SmsClient(&'a str),
    /// SMS codes sent to one number (E.164) this hour, and today.
    SmsNumberHour(&'a str),
    SmsNumberDay(&'a str),
    /// SMS codes one domain (its id) sent to one calling code this hour.
    SmsCountry(&'a str, u16),
    /// SMS codes one domain sent today, and its ceiling.
    SmsDomainDay(&'a str, i64),
    /// Forgot Password images made for one client.
    Images(&'a str),
    /// Failed security-question answer sets of one mail account.
    Questions(&'a str),
}

impl Counter<'_> {
    /// The row's key in `counters`.
    pub fn key(&self) -> String {
        match self {
            Counter::Logon(kind, login) => format!("logon:{}:{login}", kind.as_str()),
            Counter::LogonStrangersDaily(kind, login) => {
                format!("logon-daily:{}:{login}", kind.as_str())
            }
            Counter::LogonDevice(id) => format!("logon-device:{id}"),
            Counter::LogonAddress(login, address) => format!("logon-address:{address}:{login}"),
            Counter::LogonClient(client) => format!("logon-client:{client}"),
            Counter::LockNotice(account) => format!("lock-notice:{account}"),
            Counter::CurrentPassword(kind, id) => {
                format!("current-password:{}:{id}", kind.as_str())
            }
            Counter::SmsCooldown(account) => format!("sms:cooldown:{account}"),
            Counter::SmsAccount(account) => format!("sms:account:{account}"),
            Counter::SmsClient(client) => format!("sms:client:{client}"),
            Counter::SmsNumberHour(number) => format!("sms:number-hour:{number}"),
            Counter::SmsNumberDay(number) => format!("sms:number-day:{number}"),
            Counter::SmsCountry(domain, code) => format!("sms:calling-code:{domain}:{code}"),
            Counter::SmsDomainDay(domain, _) => format!("sms:domain-day:{domain}"),
            Counter::Images(client) => format!("captcha:client:{client}"),
            Counter::Questions(account) => format!("questions:{account}"),
        }
    }

    pub fn limit(&self) -> Limit {
        match self {
            Counter::Logon(..) => FAILED_LOGONS_PER_ACCOUNT,
            Counter::LogonStrangersDaily(..) => STRANGER_FAILURES_PER_DAY,
            Counter::LogonDevice(_) | Counter::LogonAddress(..) => {
                FAILED_LOGONS_PER_FAMILIAR_SOURCE
            }
            Counter::LogonClient(_) => FAILED_LOGONS_PER_CLIENT,
            Counter::LockNotice(_) => LOCK_NOTICES,
            Counter::CurrentPassword(..) => WRONG_CURRENT_PASSWORDS,
            Counter::SmsCooldown(_) => RESEND_COOLDOWN,
            Counter::SmsAccount(_) => SMS_PER_ACCOUNT,
            Counter::SmsClient(_) => SMS_PER_CLIENT,
            Counter::SmsNumberHour(_) => SMS_PER_NUMBER_HOUR,
            Counter::SmsNumberDay(_) => SMS_PER_NUMBER_DAY,
            Counter::SmsCountry(..) => SMS_PER_CALLING_CODE,
            Counter::SmsDomainDay(_, ceiling) => Limit {
                max: *ceiling,
                ..SMS_PER_DOMAIN_DAY
            },
            Counter::Images(_) => IMAGES_PER_CLIENT,
            Counter::Questions(_) => QUESTION_FAILURES,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Counter, Kind};

    #[test]
    fn counter_keys_keep_their_stored_form() {
        assert_eq!(
            Counter::Logon(Kind::Mail, "a@b.cn").key(),
            "logon:mail:a@b.cn"
        );
        assert_eq!(
            Counter::CurrentPassword(Kind::Console, "id").key(),
            "current-password:console:id"
        );
        assert_eq!(Counter::Images("1.2.3.4").key(), "captcha:client:1.2.3.4");
        assert_eq!(Counter::SmsCooldown("id").key(), "sms:cooldown:id");
    }
}

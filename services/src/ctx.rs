//! What every service shares: the database, the password hasher, the
//! clock, the request-time settings and the SMS queue. Each service holds
//! one `Arc<Ctx>`; none reaches another service to get at these.

use std::sync::Arc;

use crate::captcha::CaptchaMaker;
use crate::infra::clock::SharedClock;
use crate::infra::db::Db;
use crate::infra::passwords::Hasher;
use crate::infra::sms::SmsQueue;
use crate::lockout::FingerprintKey;
use crate::settings::Settings;

pub struct Ctx {
    pub db: Db,
    pub hasher: Hasher,
    pub clock: SharedClock,
    pub settings: Arc<Settings>,
    /// Wakes the SMS worker after a transaction queued messages.
    pub sms: SmsQueue,
    /// Keys the password fingerprints the lockout keeps.
    pub fingerprints: FingerprintKey,
    /// Draws Forgot Password's images.
    pub captchas: Arc<dyn CaptchaMaker>,
}

impl Ctx {
    /// Unix milliseconds, from the clock every expiry and lockout asks.
    pub fn now(&self) -> i64 {
        self.clock.now()
    }
}

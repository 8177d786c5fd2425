//! The parts of the configuration that handlers and services read at
//! request time. A leaf: it depends on the configuration only, so the
//! shared context (`ctx`) can hold it without reaching back up to the
//! HTTP state (`state`), which holds the services.

use crate::config::Config;

/// The parts of the configuration handlers need at request time.
#[derive(Clone, Debug)]
pub struct Settings {
    pub origin: String,
    pub demo: bool,
    pub trust_forwarded_for: bool,
    pub trusted_hops: u8,
}

impl Settings {
    pub fn from_config(config: &Config) -> Self {
        Settings {
            origin: config.origin(),
            demo: config.demo,
            trust_forwarded_for: config.trust_forwarded_for,
            trusted_hops: config.trusted_hops,
        }
    }

    /// Cookies are Secure unless the app is served over plain http on a
    /// loopback host, where browsers would refuse to store them.
    pub fn cookie_secure(&self) -> bool {
        let Some(rest) = self.origin.strip_prefix("http://") else {
            return true;
        };
        let host = rest.split('/').next().unwrap_or_default();
        let host = host
            .rsplit_once(':')
            .filter(|(_, port)| port.chars().all(|c| c.is_ascii_digit()))
            .map_or(host, |(host, _)| host);
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let loopback = host == "localhost"
            || host
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback());
        !loopback
    }
}

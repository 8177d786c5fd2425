//! Who the client is: the socket peer, or, behind a trusted balancer, the
//! address that balancer appended to `X-Forwarded-For`. Everything before
//! the trusted entries was written by the client itself and proves nothing.

use std::net::{IpAddr, Ipv6Addr};

use http::HeaderMap;

/// The client's address. With `trusted_hops` balancers that each append
/// the address they received from, the client is the entry `trusted_hops`
/// places from the end of the merged header (RFC 7239 section 5.2 and
/// MDN's "X-Forwarded-For: Selecting an IP address"). A header that is
/// missing, too short or malformed falls back to the socket peer.
pub fn client_ip(
    headers: &HeaderMap,
    peer: Option<IpAddr>,
    trust_forwarded_for: bool,
    trusted_hops: u8,
) -> Option<IpAddr> {
    if trust_forwarded_for {
        // Several header lines are one list, in order (RFC 9110 5.3).
        let entries: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .collect();
        let hops = usize::from(trusted_hops.max(1));
        if entries.len() >= hops {
            if let Some(ip) = parse_entry(entries[entries.len() - hops]) {
                return Some(canonical(ip));
            }
        }
    }
    peer.map(canonical)
}

/// An entry as balancers write it: `1.2.3.4`, `2001:db8::1`, and also
/// `[2001:db8::1]:443` or `1.2.3.4:5678` from some proxies.
fn parse_entry(entry: &str) -> Option<IpAddr> {
    if let Ok(ip) = entry.parse() {
        return Some(ip);
    }
    if let Some(rest) = entry.strip_prefix('[') {
        return rest.split_once(']')?.0.parse().ok();
    }
    entry
        .rsplit_once(':')?
        .0
        .parse::<std::net::Ipv4Addr>()
        .ok()
        .map(IpAddr::V4)
}

/// IPv4-mapped IPv6 addresses (`::ffff:1.2.3.4`) are the IPv4 client.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// What per-client limits count by: an IPv4 address, or an IPv6 client's
/// /64, since one subscriber is routinely handed a whole /64 and can
/// rotate through it at will (RFC 6177).
pub fn limit_key(ip: Option<IpAddr>) -> String {
    match ip {
        Some(IpAddr::V4(v4)) => v4.to_string(),
        Some(IpAddr::V6(v6)) => {
            let s = v6.segments();
            let prefix = Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0);
            format!("{prefix}/64")
        }
        None => "unknown".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(lines: &[&str]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for line in lines {
            map.append("x-forwarded-for", line.parse().unwrap());
        }
        map
    }

    const PEER: Option<IpAddr> = Some(IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 9)));

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn the_client_is_the_entry_the_trusted_balancer_appended() {
        // The client forged "6.6.6.6"; the balancer appended 203.0.113.7.
        let h = headers(&["6.6.6.6, 203.0.113.7"]);
        assert_eq!(client_ip(&h, PEER, true, 1), ip("203.0.113.7"));
        // Merged across header lines, in order.
        let h = headers(&["6.6.6.6", "7.7.7.7, 203.0.113.7"]);
        assert_eq!(client_ip(&h, PEER, true, 1), ip("203.0.113.7"));
        // Two balancers: the outer one's entry is second from the end.
        let h = headers(&["6.6.6.6, 203.0.113.7, 10.1.1.1"]);
        assert_eq!(client_ip(&h, PEER, true, 2), ip("203.0.113.7"));
    }

    #[test]
    fn without_trust_or_a_usable_entry_the_peer_is_the_client() {
        let h = headers(&["6.6.6.6"]);
        assert_eq!(client_ip(&h, PEER, false, 1), PEER);
        assert_eq!(client_ip(&headers(&[]), PEER, true, 1), PEER);
        assert_eq!(client_ip(&headers(&["garbage"]), PEER, true, 1), PEER);
        assert_eq!(client_ip(&headers(&["6.6.6.6"]), PEER, true, 2), PEER);
    }

    #[test]
    fn ports_brackets_and_mapped_addresses_are_understood() {
        assert_eq!(
            client_ip(&headers(&["1.2.3.4:5678"]), None, true, 1),
            ip("1.2.3.4")
        );
        assert_eq!(
            client_ip(&headers(&["[2001:db8::1]:443"]), None, true, 1),
            ip("2001:db8::1")
        );
        assert_eq!(
            client_ip(&headers(&["::ffff:1.2.3.4"]), None, true, 1),
            ip("1.2.3.4")
        );
    }

    #[test]
    fn an_ipv6_client_is_limited_by_its_64() {
        assert_eq!(limit_key(ip("2001:db8:1:2:aaaa::1")), "2001:db8:1:2::/64");
        assert_eq!(
            limit_key(ip("2001:db8:1:2:ffff:1:2:3")),
            limit_key(ip("2001:db8:1:2::9"))
        );
        assert_ne!(
            limit_key(ip("2001:db8:1:3::1")),
            limit_key(ip("2001:db8:1:2::1"))
        );
        assert_eq!(limit_key(ip("192.0.2.1")), "192.0.2.1");
    }
}

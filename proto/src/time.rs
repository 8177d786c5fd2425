//! Times as people read them, the same on server and browser (so the
//! hydrated page matches the rendered one): UTC, minute precision.

/// Unix milliseconds as `YYYY-MM-DD HH:MM UTC`.
pub fn format_time(unix_ms: i64) -> String {
    let secs = unix_ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        rem / 3600,
        (rem % 3600) / 60
    )
}

/// A day in milliseconds.
pub const DAY_MS: i64 = 86_400_000;

/// Unix milliseconds as the UTC day `YYYY-MM-DD`.
pub fn format_day(unix_ms: i64) -> String {
    format_time(unix_ms)[..10].to_owned()
}

/// The first millisecond (UTC) of the day holding `unix_ms`.
pub fn day_of(unix_ms: i64) -> i64 {
    unix_ms.div_euclid(DAY_MS) * DAY_MS
}

/// Unix milliseconds as `2026-11-27T08:05:09.123Z` (RFC 3339, UTC).
pub fn rfc3339(unix_ms: i64) -> String {
    let minute = format_time(unix_ms);
    let (date, rest) = minute.split_once(' ').unwrap_or((&minute, "00:00"));
    let hm = rest.trim_end_matches(" UTC");
    let seconds = unix_ms.rem_euclid(60_000);
    format!("{date}T{hm}:{:02}.{:03}Z", seconds / 1000, seconds % 1000)
}

/// The first millisecond (UTC) of a day written `YYYY-MM-DD`, as a date
/// field sends it; `None` for anything else or a day that does not exist.
pub fn day_start(text: &str) -> Option<i64> {
    let mut parts = text.trim().splitn(3, '-');
    let year: i64 = parts.next().filter(|p| p.len() == 4)?.parse().ok()?;
    let month: u32 = parts.next().filter(|p| p.len() == 2)?.parse().ok()?;
    let day: u32 = parts.next().filter(|p| p.len() == 2)?.parse().ok()?;
    if !(1..=12).contains(&month) || day == 0 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    // A day past the month's end (2026-02-30) comes back as another date.
    (civil_from_days(days) == (year, month, day)).then_some(days * 86_400_000)
}

/// Howard Hinnant's civil-to-days algorithm (proleptic Gregorian).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::{day_of, day_start, format_day, format_time, rfc3339};

    #[test]
    fn formats_known_instants() {
        assert_eq!(format_time(0), "1970-01-01 00:00 UTC");
        assert_eq!(format_time(1_795_730_400_000), "2026-11-26 22:00 UTC");
        assert_eq!(format_time(951_782_400_000), "2000-02-29 00:00 UTC");
    }

    #[test]
    fn days_read_back_and_impossible_ones_are_refused() {
        assert_eq!(day_start("1970-01-01"), Some(0));
        assert_eq!(day_start("2000-02-29"), Some(951_782_400_000));
        assert_eq!(
            format_time(day_start("2026-11-26").unwrap()),
            "2026-11-26 00:00 UTC"
        );
        for bad in [
            "",
            "2026-2-01",
            "2026-02-30",
            "2026-13-01",
            "2026-00-10",
            "x",
            "2026-01-01T00",
        ] {
            assert_eq!(day_start(bad), None, "{bad}");
        }
        assert_eq!(rfc3339(1_795_730_405_123), "2026-11-26T22:00:05.123Z");
        assert_eq!(format_day(1_795_730_405_123), "2026-11-26");
        assert_eq!(day_of(1_795_730_405_123), day_start("2026-11-26").unwrap());
    }
}

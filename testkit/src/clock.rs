//! Time helpers: the server's (offset) clock and the two vendors' time formats.

use std::time::{SystemTime, UNIX_EPOCH};

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time};

/// Seconds since the Unix epoch on the server clock, shifted by `offset` seconds.
pub(crate) fn now_unix(offset: i64) -> i64 {
    let real = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0);
    real.saturating_add(offset)
}

/// The UTC calendar date (`YYYY-MM-DD`) of a Unix timestamp, as used in the TC3 scope;
/// `None` when the timestamp is outside the representable range.
pub(crate) fn utc_date(unix: i64) -> Option<String> {
    let t = OffsetDateTime::from_unix_timestamp(unix).ok()?;
    Some(format!(
        "{:04}-{:02}-{:02}",
        t.year(),
        u8::from(t.month()),
        t.day()
    ))
}

/// The `x-acs-date` form (`YYYY-MM-DDTHH:MM:SSZ`) of a Unix timestamp; `None` when the
/// timestamp is outside the representable range.
pub(crate) fn acs_date(unix: i64) -> Option<String> {
    let t = OffsetDateTime::from_unix_timestamp(unix).ok()?;
    Some(format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    ))
}

/// An HTTP `Date` header value (`Tue, 01 Dec 2026 15:40:12 GMT`) for a Unix timestamp.
pub(crate) fn http_date(unix: i64) -> Option<hyper::header::HeaderValue> {
    let t = OffsetDateTime::from_unix_timestamp(unix).ok()?;
    let format = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    hyper::header::HeaderValue::from_str(&t.format(&format).ok()?).ok()
}

/// Parses the `x-acs-date` format `YYYY-MM-DDTHH:MM:SSZ` strictly (the vendor rejects other
/// ISO 8601 spellings) into a Unix timestamp.
pub(crate) fn parse_acs_date(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let shape_ok = b.len() == 20
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && b[19] == b'Z';
    if !shape_ok {
        return None;
    }
    let num = |from: usize, to: usize| -> Option<u32> {
        let part = s.get(from..to)?;
        if !part.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    let year = i32::try_from(num(0, 4)?).ok()?;
    let month = Month::try_from(u8::try_from(num(5, 7)?).ok()?).ok()?;
    let day = u8::try_from(num(8, 10)?).ok()?;
    let hour = u8::try_from(num(11, 13)?).ok()?;
    let minute = u8::try_from(num(14, 16)?).ok()?;
    let second = u8::try_from(num(17, 19)?).ok()?;
    let date = Date::from_calendar_date(year, month, day).ok()?;
    let time = Time::from_hms(hour, minute, second).ok()?;
    Some(
        PrimitiveDateTime::new(date, time)
            .assume_utc()
            .unix_timestamp(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tc3_vector_date() {
        assert_eq!(utc_date(1551113065).as_deref(), Some("2019-02-25"));
    }

    #[test]
    fn http_dates() {
        assert_eq!(
            http_date(1551113065).unwrap(),
            "Mon, 25 Feb 2019 16:44:25 GMT"
        );
    }

    #[test]
    fn acs_date_round_trip_and_rejects() {
        assert_eq!(parse_acs_date("2019-02-25T16:44:25Z"), Some(1551113065));
        assert_eq!(
            acs_date(1551113065).as_deref(),
            Some("2019-02-25T16:44:25Z")
        );
        assert_eq!(parse_acs_date("2019-02-25 16:44:25Z"), None);
        assert_eq!(parse_acs_date("2019-02-25T16:44:25"), None);
        assert_eq!(parse_acs_date("2019-13-25T16:44:25Z"), None);
        assert_eq!(parse_acs_date("2019-02-25T16:44:+5Z"), None);
        assert_eq!(parse_acs_date("2019-02-2\u{e9}6:44:25Z"), None);
    }
}

//! Dates in front matter: `2024-05-02`, `2024-05-02T09:30:00`, or RFC 3339.
//!
//! A date without a UTC offset is taken as UTC. Display follows US usage
//! ("May 2, 2024"), which is what the clinics' readers expect.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};

/// A parsed front-matter date, and whether it was written with an offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub DateTime<FixedOffset>, pub Clock);

/// How a date was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Clock {
    /// With a UTC offset (`Z`, `-05:00`): an instant.
    Offset,
    /// Without one: a time on the clinic's clocks, in site.yaml's
    /// `timezone` (stored as that time in UTC).
    Wall,
}

impl Date {
    /// ISO 8601 for machines: `2024-05-02` when no time was given, otherwise RFC 3339.
    pub fn iso(&self) -> String {
        self.0.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    }

    /// For people: `May 2, 2024`.
    pub fn display(&self) -> String {
        self.0.format("%B %-d, %Y").to_string()
    }

    /// `2024-05-02`, for sitemaps.
    pub fn day(&self) -> String {
        self.0.format("%Y-%m-%d").to_string()
    }

    /// The month, 0 for January.
    pub fn month0(&self) -> usize {
        self.0.month0() as usize
    }

    pub fn day_of_month(&self) -> u32 {
        self.0.day()
    }

    pub fn year(&self) -> i32 {
        self.0.year()
    }

    pub fn is_after(&self, now: DateTime<Utc>) -> bool {
        self.0 > now
    }

    /// Whether the date is still to come at `now`; a date written without
    /// an offset is a time on the clocks of `timezone` (UTC when `None`).
    pub fn is_after_in(&self, now: DateTime<Utc>, timezone: Option<chrono_tz::Tz>) -> bool {
        match (self.1, timezone) {
            (Clock::Wall, Some(tz)) => self.0.naive_utc() > now.with_timezone(&tz).naive_local(),
            _ => self.is_after(now),
        }
    }
}

/// Parse a date as written in front matter. The error says which forms work.
pub fn parse(input: &str) -> Result<Date, String> {
    let s = input.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Ok(Date(dt, Clock::Offset));
    }
    let utc: FixedOffset = Utc.fix();
    for fmt in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(s, fmt) {
            return Ok(Date(utc.from_utc_datetime(&naive), Clock::Wall));
        }
    }
    if let Ok(day) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        let naive = day.and_time(chrono::NaiveTime::MIN);
        return Ok(Date(utc.from_utc_datetime(&naive), Clock::Wall));
    }
    if let Ok(dt) = DateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S %z") {
        return Ok(Date(dt, Clock::Offset));
    }
    Err(format!(
        "`{s}` is not a date: write it as 2024-05-02, or with a time as 2024-05-02T09:30:00"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_table() {
        let ok = [
            ("2024-05-02", "2024-05-02T00:00:00Z", "May 2, 2024"),
            (
                "2015-01-05T09:00:00",
                "2015-01-05T09:00:00Z",
                "January 5, 2015",
            ),
            (
                "2015-01-05 09:00:00",
                "2015-01-05T09:00:00Z",
                "January 5, 2015",
            ),
            (
                "2024-05-02T10:00:00-05:00",
                "2024-05-02T10:00:00-05:00",
                "May 2, 2024",
            ),
            (
                "2024-05-02T10:00:00Z",
                "2024-05-02T10:00:00Z",
                "May 2, 2024",
            ),
            (" 2024-12-31 ", "2024-12-31T00:00:00Z", "December 31, 2024"),
            (
                "2024-05-02 10:00:00 +0200",
                "2024-05-02T10:00:00+02:00",
                "May 2, 2024",
            ),
        ];
        for (input, iso, display) in ok {
            let d = parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(d.iso(), iso, "{input}");
            assert_eq!(d.display(), display, "{input}");
        }
        for bad in [
            "",
            "yesterday",
            "2024-13-01",
            "2024-02-30",
            "02/05/2024",
            "2024",
        ] {
            assert!(parse(bad).is_err(), "{bad} should fail");
        }
    }

    #[test]
    fn wall_clock_dates_go_live_in_the_site_timezone() {
        let chicago: chrono_tz::Tz = "America/Chicago".parse().unwrap();
        // 04:30 UTC on May 2 is 23:30 on May 1 in Chicago (CDT, UTC-5).
        let now = DateTime::parse_from_rfc3339("2024-05-02T04:30:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let day = parse("2024-05-02").unwrap();
        assert!(!day.is_after_in(now, None));
        assert!(day.is_after_in(now, Some(chicago)));
        let later = now + chrono::Duration::minutes(31);
        assert!(!day.is_after_in(later, Some(chicago)));
        // A date with an offset is an instant, whatever the site's zone.
        let instant = parse("2024-05-02T04:00:00Z").unwrap();
        assert!(!instant.is_after_in(now, Some(chicago)));
    }

    #[test]
    fn ordering_respects_offsets() {
        let a = parse("2024-05-02T10:00:00-05:00").unwrap();
        let b = parse("2024-05-02T14:00:00Z").unwrap();
        assert!(a > b);
    }
}

//! The types of [`crate::date`], and how they are written.

use std::fmt;

/// A day of the week.
///
/// # Examples
///
/// ```
/// use mailmime::date::{DateTime, Weekday};
///
/// let date = DateTime::new(1997, 11, 21, 9, 55, 6, -360).unwrap();
/// assert_eq!(date.weekday(), Weekday::Friday);
/// assert_eq!(date.weekday().short_name(), "Fri");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Weekday {
    /// Monday.
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
    /// Saturday.
    Saturday,
    /// Sunday.
    Sunday,
}

impl Weekday {
    /// The RFC 5322 `day-name`: `Mon`, `Tue`, ... `Sun`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::date::Weekday;
    ///
    /// assert_eq!(Weekday::Thursday.short_name(), "Thu");
    /// ```
    pub fn short_name(self) -> &'static str {
        match self {
            Weekday::Monday => "Mon",
            Weekday::Tuesday => "Tue",
            Weekday::Wednesday => "Wed",
            Weekday::Thursday => "Thu",
            Weekday::Friday => "Fri",
            Weekday::Saturday => "Sat",
            Weekday::Sunday => "Sun",
        }
    }
}

const MONTH_NAMES: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// Largest offset from UTC accepted, in minutes: 23:59.
const MAX_OFFSET: i16 = 23 * 60 + 59;

/// A date and time of day with the offset from UTC it was written with
/// (RFC 5322 `date-time`).
///
/// Equality compares the fields, so the same instant written with two
/// offsets gives two unequal values; compare
/// [`unix_timestamp`](Self::unix_timestamp)s for the instant.
///
/// # Examples
///
/// ```
/// use mailmime::date::parse_date_time;
///
/// let date = parse_date_time(b"Sat, 20 Nov 2021 14:22:01 -0800").unwrap();
/// assert_eq!((date.year(), date.month(), date.day()), (2021, 11, 20));
/// assert_eq!(date.offset_minutes(), -480);
/// assert_eq!(date.to_iso8601(), "2021-11-20T14:22:01-08:00");
/// assert_eq!(date.to_string(), "Sat, 20 Nov 2021 14:22:01 -0800");
/// assert_eq!(date.unix_timestamp(), 1_637_446_921);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateTime {
    year: u16,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
    offset: i16,
    offset_known: bool,
}

impl DateTime {
    /// A date and time at `offset_minutes` east of UTC (negative: west), or
    /// `None` when a field is out of range.
    ///
    /// Ranges: year 1–9999, month 1–12, day within the month, hour 0–23,
    /// minute 0–59, second 0–60 (60 is a leap second), offset within ±23:59.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::date::DateTime;
    ///
    /// let date = DateTime::new(2000, 2, 29, 23, 59, 60, 330).unwrap();
    /// assert_eq!(date.to_iso8601(), "2000-02-29T23:59:60+05:30");
    /// assert!(DateTime::new(2001, 2, 29, 0, 0, 0, 0).is_none());
    /// assert!(DateTime::new(2001, 1, 1, 24, 0, 0, 0).is_none());
    /// ```
    pub fn new(
        year: u16,
        month: u8,
        day: u8,
        hour: u8,
        minute: u8,
        second: u8,
        offset_minutes: i16,
    ) -> Option<Self> {
        DateTime::from_fields(year, month, day, hour, minute, second, Some(offset_minutes))
    }

    /// Like [`new`](Self::new); an `offset` of `None` is an unknown offset
    /// (`-0000`).
    pub(crate) fn from_fields(
        year: u16,
        month: u8,
        day: u8,
        hour: u8,
        minute: u8,
        second: u8,
        offset: Option<i16>,
    ) -> Option<Self> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month)
            && hour <= 23
            && minute <= 59
            && second <= 60
            && offset.is_none_or(|offset| (-MAX_OFFSET..=MAX_OFFSET).contains(&offset));
        valid.then_some(DateTime {
            year,
            month,
            day,
            hour,
            minute,
            second,
            offset: offset.unwrap_or(0),
            offset_known: offset.is_some(),
        })
    }

    /// The date and time of the Unix timestamp `timestamp` (seconds since
    /// 1970-01-01T00:00:00Z) as seen at `offset_minutes` east of UTC; `None`
    /// when the offset is beyond ±23:59 or the year falls outside 1–9999.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::date::DateTime;
    ///
    /// let date = DateTime::from_unix(1_637_446_921, -480).unwrap();
    /// assert_eq!(date.to_string(), "Sat, 20 Nov 2021 14:22:01 -0800");
    /// assert_eq!(DateTime::from_unix(0, 0).unwrap().to_iso8601(), "1970-01-01T00:00:00+00:00");
    /// ```
    pub fn from_unix(timestamp: i64, offset_minutes: i16) -> Option<Self> {
        if !(-MAX_OFFSET..=MAX_OFFSET).contains(&offset_minutes) {
            return None;
        }
        let local = timestamp.checked_add(i64::from(offset_minutes) * 60)?;
        let days = local.div_euclid(86_400);
        let seconds = local.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        let year = u16::try_from(year).ok()?;
        DateTime::from_fields(
            year,
            month,
            day,
            (seconds / 3600) as u8,
            (seconds / 60 % 60) as u8,
            (seconds % 60) as u8,
            Some(offset_minutes),
        )
    }

    /// The year, 1–9999.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::date::parse_date_time;
    ///
    /// assert_eq!(parse_date_time(b"21 Nov 97 09:55:06 GMT").unwrap().year(), 1997);
    /// ```
    pub fn year(&self) -> u16 {
        self.year
    }

    /// The month, 1–12.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::date::parse_date_time;
    ///
    /// assert_eq!(parse_date_time(b"21 Nov 97 09:55:06 GMT").unwrap().month(), 11);
    /// ```
    pub fn month(&self) -> u8 {
        self.month
    }

    /// The day of the month, 1–31.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::date::parse_date_time;
    ///
    /// assert_eq!(parse_date_time(b"21 Nov 97 09:55:06 GMT").unwrap().day(), 21);
    /// ```
    pub fn day(&self) -> u8 {
        self.day
    }

    /// The hour, 0–23.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::date::parse_date_time;
    ///
    /// assert_eq!(parse_date_time(b"21 Nov 97 09:55:06 GMT").unwrap().hour(), 9);
    /// ```
    pub fn hour(&self) -> u8 {
        self.hour
    }

    /// The minute, 0–59.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::date::parse_date_time;
    ///
    /// assert_eq!(parse_date_time(b"21 Nov 97 09:55:06 GMT").unwrap().minute(), 55);
    /// ```
    pub fn minute(&self) -> u8 {
        self.minute
    }

    /// The second, 0–60 (60 only for a leap second); 0 when the input had
    /// no seconds.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::date::parse_date_time;
    ///
    /// assert_eq!(parse_date_time(b"21 Nov 97 09:55:06 GMT").unwrap().second(), 6);
    /// assert_eq!(parse_date_time(b"13 Feb 1969 23:32 -0330").unwrap().second(), 0);
    /// ```
    pub fn second(&self) -> u8 {
        self.second
    }

    /// The offset from UTC in minutes, east positive (`-0330` gives -210);
    /// 0 when the offset is unknown.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::date::parse_date_time;
    ///
    /// let date = parse_date_time(b"Thu, 13 Feb 1969 23:32 -0330 (Newfoundland Time)").unwrap();
    /// assert_eq!(date.offset_minutes(), -210);
    /// ```
    pub fn offset_minutes(&self) -> i16 {
        self.offset
    }

    /// Whether the local offset is known. It is not for `-0000`, military
    /// zones other than `Z`, unknown zone names and a missing zone
    /// (RFC 5322 §3.3, §4.3); the time is then taken as UTC.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::date::parse_date_time;
    ///
    /// assert!(parse_date_time(b"21 Nov 1997 09:55:06 +0000").unwrap().offset_is_known());
    /// assert!(!parse_date_time(b"21 Nov 1997 09:55:06 -0000").unwrap().offset_is_known());
    /// assert!(!parse_date_time(b"21 Nov 1997 09:55:06 A").unwrap().offset_is_known());
    /// ```
    pub fn offset_is_known(&self) -> bool {
        self.offset_known
    }

    /// The day of the week, computed from the date.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::date::{parse_date_time, Weekday};
    ///
    /// // The weekday written in the input is ignored.
    /// let date = parse_date_time(b"Mon, 21 Nov 1997 09:55:06 -0600").unwrap();
    /// assert_eq!(date.weekday(), Weekday::Friday);
    /// ```
    pub fn weekday(&self) -> Weekday {
        const DAYS: [Weekday; 7] = [
            Weekday::Monday,
            Weekday::Tuesday,
            Weekday::Wednesday,
            Weekday::Thursday,
            Weekday::Friday,
            Weekday::Saturday,
            Weekday::Sunday,
        ];
        // 1970-01-01 was a Thursday.
        let days = days_from_civil(i64::from(self.year), self.month, self.day);
        DAYS[(days + 3).rem_euclid(7) as usize]
    }

    /// Seconds since 1970-01-01T00:00:00Z. A leap second counts as the first
    /// second of the next minute.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::date::parse_date_time;
    ///
    /// let date = parse_date_time(b"Thu, 1 Jan 1970 01:00:00 +0100").unwrap();
    /// assert_eq!(date.unix_timestamp(), 0);
    /// ```
    pub fn unix_timestamp(&self) -> i64 {
        let days = days_from_civil(i64::from(self.year), self.month, self.day);
        days * 86_400 + i64::from(self.hour) * 3600 + i64::from(self.minute) * 60 + i64::from(self.second)
            - i64::from(self.offset) * 60
    }

    /// ISO 8601 as Python's `datetime.isoformat()` writes it:
    /// `2021-11-20T14:22:01-08:00`, seconds always shown, `+00:00` for UTC,
    /// and no offset at all when it is unknown (Python's naive datetime).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::date::parse_date_time;
    ///
    /// let date = parse_date_time(b"21 Nov 97 09:55 GMT").unwrap();
    /// assert_eq!(date.to_iso8601(), "1997-11-21T09:55:00+00:00");
    /// let date = parse_date_time(b"21 Nov 97 09:55:06 -0000").unwrap();
    /// assert_eq!(date.to_iso8601(), "1997-11-21T09:55:06");
    /// ```
    pub fn to_iso8601(&self) -> String {
        let mut out = self.local_iso();
        if self.offset_known {
            out.push_str(&self.colon_offset());
        }
        out
    }

    /// RFC 3339: like [`to_iso8601`](Self::to_iso8601), but an unknown
    /// offset is written `-00:00` (RFC 3339 §4.3), so there is always one.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::date::parse_date_time;
    ///
    /// let date = parse_date_time(b"21 Nov 97 09:55:06 -0000").unwrap();
    /// assert_eq!(date.to_rfc3339(), "1997-11-21T09:55:06-00:00");
    /// let date = parse_date_time(b"21 Nov 97 09:55:06 +0000").unwrap();
    /// assert_eq!(date.to_rfc3339(), "1997-11-21T09:55:06+00:00");
    /// ```
    pub fn to_rfc3339(&self) -> String {
        let mut out = self.local_iso();
        if self.offset_known {
            out.push_str(&self.colon_offset());
        } else {
            out.push_str("-00:00");
        }
        out
    }

    fn local_iso(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }

    fn colon_offset(&self) -> String {
        let sign = if self.offset < 0 { '-' } else { '+' };
        let minutes = self.offset.unsigned_abs();
        format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
    }
}

/// Writes the RFC 5322 form, `Fri, 21 Nov 1997 09:55:06 -0600`, with the
/// computed day of the week, a two-digit day (as Python's
/// `email.utils.format_datetime`) and `-0000` for an unknown offset.
impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.offset < 0 || !self.offset_known { '-' } else { '+' };
        let minutes = self.offset.unsigned_abs();
        write!(
            f,
            "{}, {:02} {} {:04} {:02}:{:02}:{:02} {sign}{:02}{:02}",
            self.weekday().short_name(),
            self.day,
            MONTH_NAMES[usize::from(self.month - 1)],
            self.year,
            self.hour,
            self.minute,
            self.second,
            minutes / 60,
            minutes % 60
        )
    }
}

fn is_leap_year(year: u16) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to the given proleptic Gregorian date.
fn days_from_civil(year: i64, month: u8, day: u8) -> i64 {
    // Count years from March so that the leap day is the last of its year.
    let month = i64::from(month);
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The proleptic Gregorian date `days` after 1970-01-01: the inverse of
/// [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u8;
    let month = if month_from_march < 10 { month_from_march + 3 } else { month_from_march - 9 } as u8;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::parse_date_time;
    use proptest::prelude::*;

    #[test]
    fn known_timestamps() {
        type Fields = (u16, u8, u8, u8, u8, u8, i16);
        let cases: &[(Fields, i64)] = &[
            ((1970, 1, 1, 0, 0, 0, 0), 0),
            ((1969, 12, 31, 23, 59, 59, 0), -1),
            ((2000, 3, 1, 0, 0, 0, 0), 951_868_800),
            ((2021, 11, 20, 14, 22, 1, -480), 1_637_446_921),
            ((1997, 11, 21, 9, 55, 6, -360), 880_127_706),
            ((1, 1, 1, 0, 0, 0, 0), -62_135_596_800),
            ((9999, 12, 31, 23, 59, 59, 0), 253_402_300_799),
        ];
        for &((year, month, day, hour, minute, second, offset), timestamp) in cases {
            let date = DateTime::new(year, month, day, hour, minute, second, offset).unwrap();
            assert_eq!(date.unix_timestamp(), timestamp, "{date}");
            assert_eq!(DateTime::from_unix(timestamp, offset), Some(date));
        }
    }

    #[test]
    fn leap_second_counts_as_next_minute() {
        let leap = DateTime::new(2016, 12, 31, 23, 59, 60, 0).unwrap();
        let next = DateTime::new(2017, 1, 1, 0, 0, 0, 0).unwrap();
        assert_eq!(leap.unix_timestamp(), next.unix_timestamp());
    }

    #[test]
    fn ranges_are_checked() {
        assert!(DateTime::new(0, 1, 1, 0, 0, 0, 0).is_none());
        assert!(DateTime::new(10000, 1, 1, 0, 0, 0, 0).is_none());
        assert!(DateTime::new(2000, 0, 1, 0, 0, 0, 0).is_none());
        assert!(DateTime::new(2000, 13, 1, 0, 0, 0, 0).is_none());
        assert!(DateTime::new(2000, 4, 31, 0, 0, 0, 0).is_none());
        assert!(DateTime::new(1900, 2, 29, 0, 0, 0, 0).is_none());
        assert!(DateTime::new(2000, 2, 29, 0, 0, 0, 0).is_some());
        assert!(DateTime::new(2000, 1, 1, 0, 60, 0, 0).is_none());
        assert!(DateTime::new(2000, 1, 1, 0, 0, 61, 0).is_none());
        assert!(DateTime::new(2000, 1, 1, 0, 0, 0, 1440).is_none());
        assert!(DateTime::new(2000, 1, 1, 0, 0, 0, -1439).is_some());
        assert!(DateTime::from_unix(0, 1440).is_none());
        assert!(DateTime::from_unix(i64::MAX, 0).is_none());
        assert!(DateTime::from_unix(-62_135_596_801, 0).is_none());
    }

    #[test]
    fn display_and_iso_forms() {
        let date = DateTime::new(2001, 5, 4, 14, 5, 44, -240).unwrap();
        assert_eq!(date.to_string(), "Fri, 04 May 2001 14:05:44 -0400");
        assert_eq!(date.to_iso8601(), "2001-05-04T14:05:44-04:00");
        assert_eq!(date.to_rfc3339(), "2001-05-04T14:05:44-04:00");
        let date = DateTime::new(999, 1, 2, 3, 4, 5, 0).unwrap();
        assert_eq!(date.to_string(), "Wed, 02 Jan 0999 03:04:05 +0000");
        assert_eq!(date.to_iso8601(), "0999-01-02T03:04:05+00:00");
        let date = DateTime::from_fields(1997, 11, 21, 9, 55, 6, None).unwrap();
        assert_eq!(date.to_string(), "Fri, 21 Nov 1997 09:55:06 -0000");
        assert_eq!(date.to_iso8601(), "1997-11-21T09:55:06");
        assert_eq!(date.to_rfc3339(), "1997-11-21T09:55:06-00:00");
        let date = DateTime::new(2020, 6, 7, 8, 9, 10, 345).unwrap();
        assert_eq!(date.to_string(), "Sun, 07 Jun 2020 08:09:10 +0545");
    }

    #[test]
    fn weekdays() {
        let cases = [
            ((1970, 1, 1), Weekday::Thursday),
            ((1969, 2, 13), Weekday::Thursday),
            ((2000, 2, 29), Weekday::Tuesday),
            ((2003, 7, 1), Weekday::Tuesday),
            ((1, 1, 1), Weekday::Monday),
            ((9999, 12, 31), Weekday::Friday),
        ];
        for ((year, month, day), weekday) in cases {
            let date = DateTime::new(year, month, day, 0, 0, 0, 0).unwrap();
            assert_eq!(date.weekday(), weekday, "{year}-{month}-{day}");
        }
    }

    proptest! {
        #[test]
        fn unix_round_trip(timestamp in -62_135_596_800i64..253_402_300_800, offset in -1439i16..=1439) {
            let local = timestamp + i64::from(offset) * 60;
            prop_assume!((-62_135_596_800..253_402_300_800).contains(&local));
            let date = DateTime::from_unix(timestamp, offset).unwrap();
            prop_assert_eq!(date.unix_timestamp(), timestamp);
            prop_assert_eq!(date.offset_minutes(), offset);
        }

        #[test]
        fn display_then_parse_gives_the_same_date(timestamp in -2_208_988_800i64..253_402_300_800, offset in -1439i16..=1439) {
            prop_assume!(DateTime::from_unix(timestamp, offset).is_some());
            let date = DateTime::from_unix(timestamp, offset).unwrap();
            prop_assert_eq!(parse_date_time(date.to_string().as_bytes()), Some(date));
        }

        #[test]
        fn parse_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let _ = parse_date_time(&bytes);
        }

        #[test]
        fn parse_never_panics_on_date_like_text(text in "[A-Za-z0-9 ,:+()\\-]{0,40}") {
            if let Some(date) = parse_date_time(text.as_bytes()) {
                prop_assert!(DateTime::new(date.year(), date.month(), date.day(), date.hour(), date.minute(), date.second(), 0).is_some());
            }
        }
    }
}

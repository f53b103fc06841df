//! Dates and times of the `Date` and `Resent-Date` fields (RFC 5322 §3.3).
//!
//! [`parse_date_time`] reads a header value into a [`DateTime`], keeping the
//! offset from UTC as written. The `Display` impl writes the RFC 5322 form,
//! [`DateTime::to_iso8601`] the form Python's `datetime.isoformat()` gives.
//!
//! # Decisions
//!
//! - **Unknown offsets.** `-0000` means "UTC, local offset unknown"
//!   (RFC 5322 §3.3). Military single-letter zones other than `Z`, unknown
//!   alphabetic zones (`CEST`, `MET`) and a missing zone are read the same
//!   way (§4.3). Such a date has [`DateTime::offset_is_known`] `false` and
//!   offset 0. `Z`, `UT`, `UTC` and `GMT` are a known offset of 0, like Python.
//! - **Years** of two digits are 2000–2049 for `00`–`49` and 1950–1999 for
//!   `50`–`99`; three digits get 1900 added (RFC 5322 §4.3). Python differs
//!   for `50`–`68` (it gives 2050–2068) and for three digits (kept as is).
//! - **Out-of-range values** (day 31 in a 30-day month, hour 24, minute 60,
//!   offset `+2400` or `+0060`, year 0 or above 9999) give `None`. A second of
//!   60 (a leap second) is accepted, as RFC 5322 allows; Python rejects it.
//! - **The day of the week** is never read: a wrong or missing one is
//!   ignored, and [`DateTime::weekday`] computes it.
//! - **Lenient forms** also read: CFWS anywhere the obsolete syntax allows
//!   it (`09(comment):   55  :  06`); `-` between day, month and year; full
//!   month and day names; one-digit hours, minutes and seconds; `.` between
//!   them; fractional seconds (dropped); `+hh:mm` and `-600` offsets; `GMT+0100`
//!   (the offset after `GMT` is used); anything after the zone; the asctime
//!   form `Fri Nov 21 09:55:06 1997`; and ISO 8601 `2001-05-04 14:05:44`
//!   or `2001-05-04T14:05:44Z`.
//!
//! # Examples
//!
//! ```
//! use mailmime::date::{DateTime, Weekday, parse_date_time};
//!
//! let date = parse_date_time(b"Tue, 5 Mar 2024 14:30:00 +0100 (CET)").unwrap();
//! assert_eq!((date.year(), date.month(), date.day()), (2024, 3, 5));
//! assert_eq!(date.weekday(), Weekday::Tuesday);
//! assert_eq!(date.to_rfc3339(), "2024-03-05T14:30:00+01:00");
//! assert_eq!(date.unix_timestamp(), 1_709_645_400);
//!
//! // Obsolete and sloppy forms read too; an unknown zone is an unknown offset.
//! let old = parse_date_time(b"5 Mar 24 14:30 CEST").unwrap();
//! assert!(!old.offset_is_known());
//! assert_eq!(parse_date_time(b"next Tuesday"), None);
//! assert_eq!("Tue, 05 Mar 2024 14:30:00 +0100".parse::<DateTime>()?, date);
//! # Ok::<(), mailmime::Error>(())
//! ```

// The types, in a file that does not call the parser; the grammar's public entry is
// defined with the grammar (with the `FromStr` impls) and named here.
mod datetime;

pub use crate::parse::date::parse_date_time;
pub use datetime::*;

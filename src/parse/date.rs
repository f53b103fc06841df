//! RFC 5322 §3.3 date and time, the obsolete forms of §4.3, and a few
//! non-standard forms common in real mail (asctime, ISO 8601).
//!
//! Values are checked once, when the [`DateTime`] is built: a day, hour or
//! offset out of range makes the whole parse fail rather than fall back.

use nom::Parser;
use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_while1};
use nom::combinator::opt;
use nom::error::{Error, ErrorKind};
use nom::multi::many1_count;
use nom::sequence::preceded;

use super::lexical::{PResult, cfws, fail, is_wsp};
use crate::date::DateTime;

/// Reads a date and time (`Date`, `Resent-Date`, the end of `Received`)
/// from an unfolded header value; `None` when none can be read or a field
/// is out of range.
///
/// See the [module documentation](crate::date) for the forms accepted.
///
/// # Examples
///
/// ```
/// use mailmime::date::parse_date_time;
///
/// let date = parse_date_time(b"Fri, 4 May 2001 14:05:44 -0400 (EDT)").unwrap();
/// assert_eq!(date.to_iso8601(), "2001-05-04T14:05:44-04:00");
/// let date = parse_date_time(b"Tue, 1 Jul 2003 10:52:37 PDT").unwrap();
/// assert_eq!(date.offset_minutes(), -7 * 60);
/// assert!(parse_date_time(b"31 Apr 2001 10:00:00 +0000").is_none());
/// ```
///
/// RFC 5322 (with obsolete forms), asctime or ISO 8601, in that order; anything after
/// the date is ignored.
pub fn parse_date_time(value: &[u8]) -> Option<DateTime> {
    if let Some(date) = plain_date_time(value) {
        return Some(date);
    }
    alt((date_time, asctime_date_time, iso_date_time)).parse(value).ok().map(|(_, date)| date)
}

/// Reads a date and time as a `Date` field holds it, with the forms
/// [`parse_date_time`] accepts (see the [module documentation](crate::date)); the
/// inverse of `Display`.
///
/// # Errors
///
/// [`ErrorKind::InvalidDate`](crate::ErrorKind::InvalidDate) naming the string, for text
/// that is no date-time or has a field out of range.
///
/// # Examples
///
/// ```
/// use mailmime::DateTime;
///
/// let date: DateTime = "Fri, 21 Nov 1997 09:55:06 -0600".parse().unwrap();
/// assert_eq!(date.to_iso8601(), "1997-11-21T09:55:06-06:00");
/// assert_eq!(date.to_string().parse::<DateTime>(), Ok(date));
///
/// let err = "31 Apr 2001 10:00:00 +0000".parse::<DateTime>().unwrap_err();
/// assert_eq!(err.kind(), &mailmime::ErrorKind::InvalidDate);
/// assert_eq!(err.value(), Some("31 Apr 2001 10:00:00 +0000"));
/// ```
impl std::str::FromStr for DateTime {
    type Err = crate::Error;

    fn from_str(s: &str) -> Result<Self, crate::Error> {
        parse_date_time(s.as_bytes()).ok_or_else(|| {
            crate::Error::new(crate::ErrorKind::InvalidDate, None).with_value(s).because(
                "expected an RFC 5322 date-time such as \"Fri, 21 Nov 1997 09:55:06 -0600\", \
                 with every field in range",
            )
        })
    }
}

/// The form almost every message uses, read without the general grammar:
/// `[day-name ", "] 1*2DIGIT SP month SP 4DIGIT SP 2DIGIT ":" 2DIGIT [":" 2DIGIT] SP
/// ("+" / "-") 4DIGIT`, with three-letter names, single spaces, no comment, and nothing
/// or a non-digit after the zone. Gives what [`date_time`] gives; `None` for anything else.
///
/// CR and LF after the zone are passed over when looking for that digit, so a raw value
/// gives what its unfolded form gives (CR and LF anywhere else make it `None`).
pub(crate) fn plain_date_time(value: &[u8]) -> Option<DateTime> {
    let mut v = value.trim_ascii_start();
    if v.first()?.is_ascii_alphabetic() {
        let (name, rest) = v.split_first_chunk::<5>()?;
        if &name[3..] != b", " {
            return None;
        }
        day_name(&name[..3]).ok().filter(|(rest, _)| rest.is_empty())?;
        v = rest;
    }
    let number =
        |b: &[u8]| b.iter().try_fold(0u32, |n, &d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')));
    let day_len = if v.get(1) == Some(&b' ') { 1 } else { 2 };
    let day = number(v.get(..day_len)?)?;
    v = v.get(day_len..)?;
    let (&[b' ', m1, m2, m3, b' '], rest) = v.split_first_chunk::<5>()? else {
        return None;
    };
    let (_, month) = month(&[m1, m2, m3]).ok()?;
    let (&[y1, y2, y3, y4, b' ', h1, h2, b':', n1, n2], mut rest) = rest.split_first_chunk::<10>()? else {
        return None;
    };
    let year = number(&[y1, y2, y3, y4])?;
    let (hour, minute) = (number(&[h1, h2])?, number(&[n1, n2])?);
    let mut second = 0;
    if let Some((&[b':', s1, s2], after)) = rest.split_first_chunk::<3>() {
        second = number(&[s1, s2])?;
        rest = after;
    }
    let (&[b' ', sign @ (b'+' | b'-'), z1, z2, z3, z4], after) = rest.split_first_chunk::<6>()? else {
        return None;
    };
    if after.iter().find(|&&b| b != b'\r' && b != b'\n').is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let (zone_hours, zone_minutes) = (number(&[z1, z2])?, number(&[z3, z4])?);
    if zone_hours > 23 || zone_minutes > 59 {
        return None;
    }
    let magnitude = (zone_hours * 60 + zone_minutes) as i16;
    let offset = match sign {
        b'-' if magnitude == 0 => None,
        b'-' => Some(-magnitude),
        _ => Some(magnitude),
    };
    let (day, year) = (u8::try_from(day).ok()?, u16::try_from(year).ok()?);
    DateTime::from_fields(year, month, day, hour as u8, minute as u8, second as u8, offset)
}

/// An offset read from a zone: `Some(minutes)`, or `None` when unknown.
type Offset = Option<i16>;

/// The date and time of day, checked and assembled.
fn assemble<'a>(
    input: &'a [u8],
    rest: &'a [u8],
    (day, month, year): (u8, u8, u32),
    (hour, minute, second): (u8, u8, u8),
    offset: Offset,
) -> PResult<'a, DateTime> {
    let year = u16::try_from(year).ok();
    match year.and_then(|year| DateTime::from_fields(year, month, day, hour, minute, second, offset)) {
        Some(date) => Ok((rest, date)),
        None => fail(input, ErrorKind::Verify),
    }
}

/// ```text
/// date-time = [ day-of-week "," ] date time [CFWS]
/// time      = time-of-day zone
/// ```
///
/// Lenient: the zone may be missing (the offset is then unknown); the `,`
/// after the day of the week may be missing.
pub(crate) fn date_time(input: &[u8]) -> PResult<'_, DateTime> {
    let (rest, _) = opt(cfws).parse(input)?;
    let (rest, _) = opt(day_of_week).parse(rest)?;
    let (rest, date) = date(rest)?;
    let (rest, time) = time_of_day(rest)?;
    let (rest, offset) = opt(zone).parse(rest)?;
    let (rest, _) = opt(cfws).parse(rest)?;
    assemble(input, rest, date, time, offset.flatten())
}

/// ```text
/// day-of-week     = ([FWS] day-name) / obs-day-of-week
/// obs-day-of-week = [CFWS] day-name [CFWS]
/// ```
///
/// Also takes the `","` that follows in `date-time`, if there is one. The
/// value is not kept: the weekday is computed from the date.
pub(crate) fn day_of_week(input: &[u8]) -> PResult<'_, ()> {
    (opt(cfws), day_name, opt(cfws), opt(tag(",")), opt(cfws)).map(|_| ()).parse(input)
}

/// ```text
/// day-name = "Mon" / "Tue" / "Wed" / "Thu" / "Fri" / "Sat" / "Sun"
/// ```
///
/// Case-insensitive. Lenient: longer names starting with one of these
/// (`Thurs`, `Friday`) are accepted. Gives 0 for Monday to 6 for Sunday.
pub(crate) fn day_name(input: &[u8]) -> PResult<'_, u8> {
    const NAMES: [&[u8; 3]; 7] = [b"mon", b"tue", b"wed", b"thu", b"fri", b"sat", b"sun"];
    name_in(&NAMES, input)
}

/// ```text
/// month = "Jan" / "Feb" / "Mar" / "Apr" / "May" / "Jun" /
///         "Jul" / "Aug" / "Sep" / "Oct" / "Nov" / "Dec"
/// ```
///
/// Case-insensitive. Lenient: longer names starting with one of these
/// (`November`, `Sept`) are accepted. Gives 1 to 12.
pub(crate) fn month(input: &[u8]) -> PResult<'_, u8> {
    const NAMES: [&[u8; 3]; 12] =
        [b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov", b"dec"];
    name_in(&NAMES, input).map(|(rest, index)| (rest, index + 1))
}

/// The index in `names` of the word at the start of `input`, matched on its
/// first three letters, case-insensitively.
fn name_in<'a>(names: &[&[u8; 3]], input: &'a [u8]) -> PResult<'a, u8> {
    let len = input.iter().position(|byte| !byte.is_ascii_alphabetic()).unwrap_or(input.len());
    if len == 0 {
        return fail(input, ErrorKind::TakeWhile1);
    }
    // Lowercased in place, on a copy of three bytes: no allocation for a word this short.
    if let Some(&[a, b, c]) = input.first_chunk::<3>().filter(|_| len >= 3) {
        let prefix = [a.to_ascii_lowercase(), b.to_ascii_lowercase(), c.to_ascii_lowercase()];
        if let Some(index) = names.iter().position(|name| **name == prefix) {
            return Ok((&input[len..], index as u8));
        }
    }
    fail(input, ErrorKind::Tag)
}

/// `min` to `max` ASCII digits, not followed by another digit: the value.
fn digits(min: usize, max: usize) -> impl Fn(&[u8]) -> PResult<'_, u32> {
    move |input| {
        let count = input.iter().take_while(|byte| byte.is_ascii_digit()).count();
        if count < min || count > max {
            return fail(input, ErrorKind::Digit);
        }
        let value = input[..count].iter().fold(0, |value, &digit| value * 10 + u32::from(digit - b'0'));
        Ok((&input[count..], value))
    }
}

/// What may stand between day, month and year: CFWS and `-`, at least one.
fn date_separator(input: &[u8]) -> PResult<'_, ()> {
    many1_count(alt((cfws, tag("-").map(|_| ())))).map(|_| ()).parse(input)
}

/// ```text
/// date = day month year
/// ```
///
/// Gives `(day, month, year)` with the year as [`year`] reads it. Lenient:
/// `-` may separate the parts (`21-Nov-1997`).
pub(crate) fn date(input: &[u8]) -> PResult<'_, (u8, u8, u32)> {
    let (rest, day) = day(input)?;
    let (rest, _) = date_separator(rest)?;
    let (rest, month) = month(rest)?;
    let (rest, _) = date_separator(rest)?;
    let (rest, year) = year(rest)?;
    Ok((rest, (day, month, year)))
}

/// ```text
/// day     = ([FWS] 1*2DIGIT FWS) / obs-day
/// obs-day = [CFWS] 1*2DIGIT [CFWS]
/// ```
///
/// The white space after the digits is left to the caller.
pub(crate) fn day(input: &[u8]) -> PResult<'_, u8> {
    preceded(opt(cfws), digits(1, 2)).map(|day| day as u8).parse(input)
}

/// ```text
/// year     = (FWS 4*DIGIT FWS) / obs-year
/// obs-year = [CFWS] 2*DIGIT [CFWS]
/// ```
///
/// Two digits (one is tolerated) give 2000–2049 for 0–49 and 1950–1999 for
/// 50–99; three digits get 1900 added (RFC 5322 §4.3); four or more are the
/// year itself (up to nine are read; the range is checked later).
pub(crate) fn year(input: &[u8]) -> PResult<'_, u32> {
    let (rest, _) = opt(cfws).parse(input)?;
    let count = rest.iter().take_while(|byte| byte.is_ascii_digit()).count();
    let (rest, value) = digits(1, 9)(rest)?;
    let year = match count {
        1 | 2 if value < 50 => 2000 + value,
        1 | 2 => 1900 + value,
        3 => 1900 + value,
        _ => value,
    };
    let (rest, _) = opt(cfws).parse(rest)?;
    Ok((rest, year))
}

/// `":"`, or `"."` as some clients write.
fn time_separator(input: &[u8]) -> PResult<'_, &[u8]> {
    alt((tag(":"), tag("."))).parse(input)
}

/// ```text
/// time-of-day = hour ":" minute [ ":" second ]
/// hour        = 2DIGIT / obs-hour     obs-hour   = [CFWS] 2DIGIT [CFWS]
/// minute      = 2DIGIT / obs-minute   obs-minute = [CFWS] 2DIGIT [CFWS]
/// second      = 2DIGIT / obs-second   obs-second = [CFWS] 2DIGIT [CFWS]
/// ```
///
/// Gives `(hour, minute, second)`, second 0 when absent. Lenient: one-digit
/// fields; `.` for `:`; a fraction of a second (dropped).
pub(crate) fn time_of_day(input: &[u8]) -> PResult<'_, (u8, u8, u8)> {
    let field = || (opt(cfws), digits(1, 2), opt(cfws)).map(|(_, value, _)| value as u8);
    let (rest, hour) = field().parse(input)?;
    let (rest, _) = time_separator(rest)?;
    let (rest, minute) = field().parse(rest)?;
    let (rest, second) = opt(preceded(time_separator, field())).parse(rest)?;
    let (rest, _) = opt((tag("."), digits(1, 9), opt(cfws))).parse(rest)?;
    Ok((rest, (hour, minute, second.unwrap_or(0))))
}

/// ```text
/// zone     = (FWS ( "+" / "-" ) 4DIGIT) / obs-zone
/// obs-zone = "UT" / "GMT" / "EST" / "EDT" / "CST" / "CDT" /
///            "MST" / "MDT" / "PST" / "PDT" /
///            %d65-73 / %d75-90 / %d97-105 / %d107-122
/// ```
///
/// Gives the offset in minutes, or `None` when it is unknown: `-0000`,
/// military letters other than `Z` and unknown names (RFC 5322 §4.3).
/// Names are case-insensitive; `UTC`, `Z`, `AST` and `ADT` are read as
/// Python reads them. Lenient: `+hh:mm`; three digits as `hmm` (`-600`, as
/// Python); an offset right after `UT`, `UTC` or `GMT` (`GMT+0100`) is used.
///
/// A numeric offset with minutes above 59 or hours above 23 is a
/// [`nom::Err::Failure`]: the date is out of range, not zone-less.
pub(crate) fn zone(input: &[u8]) -> PResult<'_, Offset> {
    let (rest, _) = opt(cfws).parse(input)?;
    alt((numeric_zone, obs_zone)).parse(rest)
}

/// `( "+" / "-" ) 4DIGIT`, or `hh:mm` after the sign.
fn numeric_zone(input: &[u8]) -> PResult<'_, Offset> {
    let (rest, sign) = alt((tag("+"), tag("-"))).parse(input)?;
    let (rest, (hours, minutes)) = alt((
        digits(3, 4).map(|value| (value / 100, value % 100)),
        (digits(2, 2), tag(":"), digits(2, 2)).map(|(hours, _, minutes)| (hours, minutes)),
    ))
    .parse(rest)?;
    if hours > 23 || minutes > 59 {
        return Err(nom::Err::Failure(Error::new(input, ErrorKind::Verify)));
    }
    let magnitude = (hours * 60 + minutes) as i16;
    let offset = match sign {
        b"-" if magnitude == 0 => None,
        b"-" => Some(-magnitude),
        _ => Some(magnitude),
    };
    Ok((rest, offset))
}

/// The named and military zones of `obs-zone`, and any other name (unknown).
fn obs_zone(input: &[u8]) -> PResult<'_, Offset> {
    let (rest, name) = take_while1(|byte: u8| byte.is_ascii_alphabetic()).parse(input)?;
    let hours = match name.to_ascii_uppercase().as_slice() {
        b"UT" | b"UTC" | b"GMT" => {
            if let Ok((after, offset)) = numeric_zone(rest) {
                return Ok((after, offset));
            }
            0
        }
        b"Z" => 0,
        b"AST" => -4,
        b"ADT" => -3,
        b"EST" => -5,
        b"EDT" => -4,
        b"CST" => -6,
        b"CDT" => -5,
        b"MST" => -7,
        b"MDT" => -6,
        b"PST" => -8,
        b"PDT" => -7,
        _ => return Ok((rest, None)),
    };
    Ok((rest, Some(hours * 60)))
}

/// The C `asctime()` form some software writes:
///
/// ```text
/// asctime = [day-name [","]] month day time-of-day [zone] year
/// ```
///
/// `Fri Nov 21 09:55:06 1997`, `Fri Nov 21 09:55:06 PST 1997`.
pub(crate) fn asctime_date_time(input: &[u8]) -> PResult<'_, DateTime> {
    let (rest, _) = opt(cfws).parse(input)?;
    let (rest, _) = opt(day_of_week).parse(rest)?;
    let (rest, month) = month(rest)?;
    let (rest, day) = day(rest)?;
    let (rest, time) = time_of_day(rest)?;
    let (rest, offset) = opt(zone).parse(rest)?;
    let (rest, year) = year(rest)?;
    assemble(input, rest, (day, month, year), time, offset.flatten())
}

/// ISO 8601 / RFC 3339 with a few liberties:
///
/// ```text
/// iso-date-time = 4DIGIT "-" 1*2DIGIT "-" 1*2DIGIT ("T" / 1*WSP) time-of-day [zone]
/// ```
///
/// `2001-05-04 14:05:44`, `2001-05-04T14:05:44Z`, `2001-05-04T14:05:44+02:00`.
pub(crate) fn iso_date_time(input: &[u8]) -> PResult<'_, DateTime> {
    let (rest, _) = opt(cfws).parse(input)?;
    let (rest, (year, _, month, _, day)) =
        (digits(4, 4), tag("-"), digits(1, 2), tag("-"), digits(1, 2)).parse(rest)?;
    let (rest, _) = alt((tag_no_case("t"), take_while1(is_wsp))).parse(rest)?;
    let (rest, time) = time_of_day(rest)?;
    let (rest, offset) = opt(zone).parse(rest)?;
    let (rest, _) = opt(cfws).parse(rest)?;
    assemble(input, rest, (day as u8, month as u8, year), time, offset.flatten())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn general(value: &[u8]) -> Option<DateTime> {
        alt((date_time, asctime_date_time, iso_date_time)).parse(value).ok().map(|(_, date)| date)
    }

    #[test]
    fn plain_dates_are_read_without_the_grammar() {
        for input in [
            &b"Fri, 21 Nov 1997 09:55:06 -0600"[..],
            b"1 Jan 2024 00:00 +0000",
            b"Tue, 1 Jul 2003 10:52:37 +0200 (CEST)",
            b"Mon, 31 Dec 2012 23:59:59 -0000",
        ] {
            assert_eq!(plain_date_time(input), general(input), "{input:?}");
            assert!(plain_date_time(input).is_some(), "{input:?}");
        }
        for input in [
            &b"Fri 21 Nov 1997 09:55:06 -0600"[..],
            b"21 Nov 97 09:55:06 GMT",
            b"21 November 1997 09:55 +0100",
        ] {
            assert!(plain_date_time(input).is_none(), "{input:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn plain_path_agrees_with_the_grammar(input in proptest::prop_oneof![
            "([A-Z][a-z]{2}, )?[0-9]{1,2} [A-Za-z]{3} [0-9]{4} [0-9]{2}:[0-9]{2}(:[0-9]{2})? [-+][0-9]{4}[ (0-9a]{0,3}",
            "[FSMTa-z, 0-9:+-]{0,32}",
        ]) {
            if let Some(fast) = plain_date_time(input.as_bytes()) {
                proptest::prop_assert_eq!(Some(fast), general(input.as_bytes()));
            }
        }
    }

    /// `(input, expected RFC 3339 form, expected remainder)`.
    type Case<'a> = (&'a str, &'a str, &'a str);

    fn check(parser: impl Fn(&[u8]) -> PResult<'_, DateTime>, cases: &[Case<'_>]) {
        for (input, expected, remainder) in cases {
            let (rest, date) =
                parser(input.as_bytes()).unwrap_or_else(|error| panic!("{input:?}: {error:?}"));
            assert_eq!(date.to_rfc3339(), *expected, "value of {input:?}");
            assert_eq!(rest, remainder.as_bytes(), "remainder of {input:?}");
        }
    }

    fn parsed(input: &str) -> Option<String> {
        parse_date_time(input.as_bytes()).map(|date| date.to_rfc3339())
    }

    #[test]
    fn rfc5322_appendix_a_dates() {
        check(
            date_time,
            &[
                // A.1.1, A.3, A.4
                ("Fri, 21 Nov 1997 09:55:06 -0600", "1997-11-21T09:55:06-06:00", ""),
                // A.2
                ("Fri, 21 Nov 1997 10:01:10 -0600", "1997-11-21T10:01:10-06:00", ""),
                ("Fri, 21 Nov 1997 11:00:00 -0600", "1997-11-21T11:00:00-06:00", ""),
                // A.3
                ("Mon, 24 Nov 1997 14:22:01 -0800", "1997-11-24T14:22:01-08:00", ""),
                // A.4 (the dates at the end of the Received fields)
                ("21 Nov 1997 10:01:22 -0600", "1997-11-21T10:01:22-06:00", ""),
                ("  21 Nov 1997 10:05:43 -0600", "1997-11-21T10:05:43-06:00", ""),
                // A.5, folded as in the RFC
                (
                    "Thu,\r\n      13\r\n        Feb\r\n          1969\r\n      23:32\r\n               -0330 (Newfoundland Time)",
                    "1969-02-13T23:32:00-03:30",
                    "",
                ),
                // A.6.1
                ("Tue, 1 Jul 2003 10:52:37 +0200", "2003-07-01T10:52:37+02:00", ""),
                // A.6.2
                ("21 Nov 97 09:55:06 GMT", "1997-11-21T09:55:06+00:00", ""),
                // A.6.3
                ("Fri, 21 Nov 1997 09(comment):   55  :  06 -0600", "1997-11-21T09:55:06-06:00", ""),
            ],
        );
    }

    #[test]
    fn date_time_known_answers() {
        check(
            date_time,
            &[
                ("Fri, 4 May 2001 14:05:44 -0400 (EDT)", "2001-05-04T14:05:44-04:00", ""),
                ("Fri, 21 Nov 1997 09:55:06 +0000 (UTC)", "1997-11-21T09:55:06+00:00", ""),
                ("Fri, 21 Nov 1997 09:55:06 -0000", "1997-11-21T09:55:06-00:00", ""),
                ("Fri, 21 Nov 1997 09:55:06", "1997-11-21T09:55:06-00:00", ""),
                ("Fri, 21 Nov 1997 09:55:06 UT", "1997-11-21T09:55:06+00:00", ""),
                ("Fri, 21 Nov 1997 09:55:06 utc", "1997-11-21T09:55:06+00:00", ""),
                ("Fri, 21 Nov 1997 09:55:06 Z", "1997-11-21T09:55:06+00:00", ""),
                ("Fri, 21 Nov 1997 09:55:06 z", "1997-11-21T09:55:06+00:00", ""),
                ("Fri, 21 Nov 1997 09:55:06 A", "1997-11-21T09:55:06-00:00", ""),
                ("Fri, 21 Nov 1997 09:55:06 m", "1997-11-21T09:55:06-00:00", ""),
                ("Fri, 21 Nov 1997 09:55:06 EST", "1997-11-21T09:55:06-05:00", ""),
                ("Fri, 21 Nov 1997 09:55:06 EDT", "1997-11-21T09:55:06-04:00", ""),
                ("Fri, 21 Nov 1997 09:55:06 CST", "1997-11-21T09:55:06-06:00", ""),
                ("Fri, 21 Nov 1997 09:55:06 CDT", "1997-11-21T09:55:06-05:00", ""),
                ("Fri, 21 Nov 1997 09:55:06 MST", "1997-11-21T09:55:06-07:00", ""),
                ("Fri, 21 Nov 1997 09:55:06 MDT", "1997-11-21T09:55:06-06:00", ""),
                ("Fri, 21 Nov 1997 09:55:06 PST", "1997-11-21T09:55:06-08:00", ""),
                ("Fri, 21 Nov 1997 09:55:06 pdt", "1997-11-21T09:55:06-07:00", ""),
                ("Fri, 21 Nov 1997 09:55:06 AST", "1997-11-21T09:55:06-04:00", ""),
                ("Fri, 21 Nov 1997 09:55:06 CEST", "1997-11-21T09:55:06-00:00", ""),
                ("Fri, 21 Nov 1997 09:55:06 GMT+0100", "1997-11-21T09:55:06+01:00", ""),
                ("Fri, 21 Nov 1997 09:55:06 +05:30", "1997-11-21T09:55:06+05:30", ""),
                ("Fri, 21 Nov 1997 09:55:06 -0600(CST)", "1997-11-21T09:55:06-06:00", ""),
                ("Fri, 21 Nov 1997 09:55:06 -0600 (CST) junk", "1997-11-21T09:55:06-06:00", "junk"),
                ("Fri, 21 Nov 1997 09:55:06 -0600 -0600", "1997-11-21T09:55:06-06:00", "-0600"),
                ("  Fri,  21  Nov  1997  09:55:06  -0600  ", "1997-11-21T09:55:06-06:00", ""),
                ("Fri , 21 Nov 1997 09:55:06 -0600", "1997-11-21T09:55:06-06:00", ""),
                ("Fri,21 Nov 1997 09:55:06 -0600", "1997-11-21T09:55:06-06:00", ""),
                ("Fri 21 Nov 1997 09:55:06 -0600", "1997-11-21T09:55:06-06:00", ""),
                ("Friday, 21 November 1997 09:55:06 -0600", "1997-11-21T09:55:06-06:00", ""),
                ("21 nov 1997 09:55:06 +0100", "1997-11-21T09:55:06+01:00", ""),
                ("21 SEPT 1997 09:55:06 +0100", "1997-09-21T09:55:06+01:00", ""),
                ("21-Nov-1997 09:55:06 -0600", "1997-11-21T09:55:06-06:00", ""),
                ("Fri, 21 Nov 1997 9:55:6 -0600", "1997-11-21T09:55:06-06:00", ""),
                ("Fri, 21 Nov 1997 09.55.06 -0600", "1997-11-21T09:55:06-06:00", ""),
                ("Fri, 21 Nov 1997 09:55:06.123 -0600", "1997-11-21T09:55:06-06:00", ""),
                ("Mon, 21 Aug 95 13:30:57 -600", "1995-08-21T13:30:57-06:00", ""),
                ("Tue, 17 Jul 2012 22:23:35.882 0000", "2012-07-17T22:23:35-00:00", "0000"),
                ("Fri, 21 Nov 1997 09:55 PM -0600", "1997-11-21T09:55:00-00:00", "-0600"),
                // Wrong weekday: ignored.
                ("Mon, 21 Nov 1997 09:55:06 +0100", "1997-11-21T09:55:06+01:00", ""),
                // Leap second.
                ("Sat, 31 Dec 2016 23:59:60 +0000", "2016-12-31T23:59:60+00:00", ""),
                ("Sat, 29 Feb 2000 09:55:06 -0600", "2000-02-29T09:55:06-06:00", ""),
            ],
        );
    }

    #[test]
    fn years_of_two_and_three_digits() {
        check(
            date_time,
            &[
                ("1 Jan 00 00:00:00 +0000", "2000-01-01T00:00:00+00:00", ""),
                ("1 Jan 49 00:00:00 +0000", "2049-01-01T00:00:00+00:00", ""),
                ("1 Jan 50 00:00:00 +0000", "1950-01-01T00:00:00+00:00", ""),
                ("1 Jan 99 00:00:00 +0000", "1999-01-01T00:00:00+00:00", ""),
                ("1 Jan 0 00:00:00 +0000", "2000-01-01T00:00:00+00:00", ""),
                ("1 Jan 100 00:00:00 +0000", "2000-01-01T00:00:00+00:00", ""),
                ("1 Jan 999 00:00:00 +0000", "2899-01-01T00:00:00+00:00", ""),
                ("1 Jan 0999 00:00:00 +0000", "0999-01-01T00:00:00+00:00", ""),
                ("1 Jan 9999 00:00:00 +0000", "9999-01-01T00:00:00+00:00", ""),
            ],
        );
    }

    #[test]
    fn out_of_range_values_give_none() {
        for input in [
            "31 Feb 2001 00:00:00 +0000",
            "29 Feb 1900 00:00:00 +0000",
            "31 Apr 2001 00:00:00 +0000",
            "0 Jan 2001 00:00:00 +0000",
            "32 Jan 2001 00:00:00 +0000",
            "1 Jan 2001 24:00:00 +0000",
            "1 Jan 2001 23:60:00 +0000",
            "1 Jan 2001 23:00:61 +0000",
            "1 Jan 2001 23:00:00 +2400",
            "1 Jan 2001 23:00:00 +0099",
            "1 Jan 2001 23:00:00 -0060",
            "1 Jan 0000 00:00:00 +0000",
            "1 Jan 10000 00:00:00 +0000",
            "1 Jan 1234567890 00:00:00 +0000",
            "Fri, 21 Nov 1997",
            "Fri, 21 Foo 1997 09:55:06 -0600",
            "",
            "garbage",
            "2001-13-04 14:05:44",
        ] {
            assert_eq!(parsed(input), None, "{input:?}");
        }
    }

    #[test]
    fn asctime_known_answers() {
        check(
            asctime_date_time,
            &[
                ("Fri Nov 21 09:55:06 1997", "1997-11-21T09:55:06-00:00", ""),
                ("Fri Nov 21 09:55:06 PST 1997", "1997-11-21T09:55:06-08:00", ""),
                ("Nov  1 09:55:06 +0100 1997 x", "1997-11-01T09:55:06+01:00", "x"),
            ],
        );
        assert!(asctime_date_time(b"21 Nov 1997 09:55:06").is_err());
    }

    #[test]
    fn iso_known_answers() {
        check(
            iso_date_time,
            &[
                ("2001-05-04 14:05:44", "2001-05-04T14:05:44-00:00", ""),
                ("2001-05-04T14:05:44Z", "2001-05-04T14:05:44+00:00", ""),
                ("2001-05-04t14:05:44.5+02:00", "2001-05-04T14:05:44+02:00", ""),
                ("2001-05-04 14:05 -0300 x", "2001-05-04T14:05:00-03:00", "x"),
            ],
        );
        assert!(iso_date_time(b"2001-05-04").is_err());
    }

    #[test]
    fn rule_parsers_known_answers() {
        assert_eq!(day_name(b"Thu,"), Ok((&b","[..], 3)));
        assert_eq!(day_name(b"sunday"), Ok((&b""[..], 6)));
        assert!(day_name(b"Th,").is_err());
        assert_eq!(month(b"Feb 1969"), Ok((&b" 1969"[..], 2)));
        assert_eq!(month(b"DEC"), Ok((&b""[..], 12)));
        assert!(month(b"Foo").is_err());
        assert_eq!(month(b"sEpTember, 1"), Ok((&b", 1"[..], 9)));
        assert!(month(b"No").is_err());
        assert!(month(b"Nox").is_err());
        assert!(month(b"").is_err());
        assert!(month(b"1 Nov").is_err());
        assert_eq!(month(b"Nov1"), Ok((&b"1"[..], 11)));
        assert!(month("Mär".as_bytes()).is_err());
        assert_eq!(day(b" 13 Feb"), Ok((&b" Feb"[..], 13)));
        assert!(day(b"123 Feb").is_err());
        assert_eq!(year(b" 1969 23:32"), Ok((&b"23:32"[..], 1969)));
        assert_eq!(year(b"97 "), Ok((&b""[..], 1997)));
        assert_eq!(time_of_day(b"23:32 -0330"), Ok((&b"-0330"[..], (23, 32, 0))));
        assert_eq!(time_of_day(b"09 (c) : 55 : 06 x"), Ok((&b"x"[..], (9, 55, 6))));
        assert!(time_of_day(b"0955").is_err());
        assert_eq!(zone(b" -0330 (N)"), Ok((&b" (N)"[..], Some(-210))));
        assert_eq!(zone(b" +0000"), Ok((&b""[..], Some(0))));
        assert_eq!(zone(b" -0000"), Ok((&b""[..], None)));
        assert_eq!(zone(b"GMT"), Ok((&b""[..], Some(0))));
        assert_eq!(zone(b"J"), Ok((&b""[..], None)));
        assert!(matches!(zone(b"+2400"), Err(nom::Err::Failure(_))));
        assert!(zone(b"+01").is_err());
        assert_eq!(day_of_week(b" Fri , 21"), Ok((&b"21"[..], ())));
        assert_eq!(date(b"21 Nov 97 09:55"), Ok((&b"09:55"[..], (21, 11, 1997))));
    }

    #[test]
    fn entry_point_tries_each_form() {
        assert_eq!(parsed("Fri Nov 21 09:55:06 1997"), Some("1997-11-21T09:55:06-00:00".into()));
        assert_eq!(parsed("2001-05-04 14:05:44"), Some("2001-05-04T14:05:44-00:00".into()));
        assert_eq!(parsed("21 Nov 1997 09:55:06 +0000junk"), Some("1997-11-21T09:55:06+00:00".into()));
    }

    #[test]
    fn hostile_input_is_fast() {
        let mut inputs = vec![vec![b'('; 1 << 20], vec![b'1'; 1 << 20], b"1 Jan 2001 ".repeat(1 << 16)];
        let mut long = b"1 Jan 2001 00:00:00 +0000 ".to_vec();
        long.extend(vec![b'('; 1 << 20]);
        inputs.push(long);
        for input in &inputs {
            let start = std::time::Instant::now();
            let _ = parse_date_time(input);
            // Loose bound: catches a quadratic step, not a loaded machine.
            assert!(start.elapsed() < std::time::Duration::from_secs(30));
        }
    }
}

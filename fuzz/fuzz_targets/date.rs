//! `date::parse_date_time` on arbitrary bytes, and `DateTime::new` on fields read from
//! them. Every date read or made must hold what `mailmime_fuzz::values::check_date`
//! asserts: fields in range, and the RFC 5322, RFC 3339 and ISO 8601 forms and the Unix
//! timestamp all give the same date back.
#![no_main]

use std::hash::DefaultHasher;

use libfuzzer_sys::fuzz_target;
use mailmime::date::{DateTime, parse_date_time};
use mailmime_fuzz::Recipe;
use mailmime_fuzz::values::check_date;

fuzz_target!(|data: &[u8]| {
    if let Some(date) = parse_date_time(data) {
        check_date(date, &mut DefaultHasher::new());
    }
    let mut r = Recipe::new(data);
    let year = u16::from_be_bytes([r.byte(), r.byte()]);
    let (month, day, hour, minute, second) = (r.byte(), r.byte(), r.byte(), r.byte(), r.byte());
    let offset = i16::from_be_bytes([r.byte(), r.byte()]);
    if let Some(date) = DateTime::new(year, month, day, hour, minute, second, offset) {
        assert_eq!((date.year(), date.month(), date.day()), (year, month, day));
        assert_eq!((date.hour(), date.minute(), date.second()), (hour, minute, second));
        assert!(date.offset_is_known() && date.offset_minutes() == offset);
        check_date(date, &mut DefaultHasher::new());
    }
});

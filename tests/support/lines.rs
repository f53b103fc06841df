//! Line-end checks shared by the edit property test and the `edit` fuzz target (which
//! includes this file by path): plain functions over bytes, no dependency.

/// The line-end style of `bytes`: `Some(true)` LF alone, `Some(false)` CRLF only (or no
/// line end at all), `None` for mixed line ends or a bare CR.
pub(crate) fn line_end_style(bytes: &[u8]) -> Option<bool> {
    let (mut lf, mut crlf) = (false, false);
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'\n' if i > 0 && bytes[i - 1] == b'\r' => crlf = true,
            b'\n' => lf = true,
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => return None,
            _ => {}
        }
    }
    if lf && crlf { None } else { Some(lf) }
}

/// The longest line of `bytes`, line ends not counted.
pub(crate) fn longest_line(bytes: &[u8]) -> usize {
    bytes.split(|&b| b == b'\n').map(|l| l.strip_suffix(b"\r").unwrap_or(l).len()).max().unwrap_or(0)
}

//! JSON that is safe inside a `<script>` element: `<`, `>` and `&` written
//! as `\u003c`, `\u003e` and `\u0026`, and U+2028 and U+2029 (line ends to
//! old JavaScript) as `\u2028` and `\u2029`. They can only occur in JSON
//! strings, where the escapes mean the same, so no text (a title with
//! `</script>` in it) can end the element early. [`ScriptSafe`] does it
//! while serde_json writes, so no escaped second copy is made.

use std::io;

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter};

/// serde_json's compact output with the script breakers escaped in strings.
pub struct ScriptSafe;

impl Formatter for ScriptSafe {
    fn write_string_fragment<W>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()>
    where
        W: ?Sized + io::Write,
    {
        let bytes = fragment.as_bytes();
        // Nearly every fragment (each key and most values) has nothing to
        // escape: one pass without an early exit, which the compiler vectorises.
        if !bytes.iter().fold(false, |any, &b| any | maybe_special(b)) {
            return writer.write_all(bytes);
        }
        let mut run = 0;
        let mut i = 0;
        while i < bytes.len() {
            i = skip_plain(bytes, i);
            // Byte by byte through the block that may hold one.
            let block_end = (i + 16).min(bytes.len());
            while i < block_end {
                let Some((escaped, len)) = escape_at(bytes, i) else {
                    i += 1;
                    continue;
                };
                CompactFormatter.write_string_fragment(writer, &fragment[run..i])?;
                writer.write_all(escaped)?;
                i += len;
                run = i;
            }
        }
        CompactFormatter.write_string_fragment(writer, &fragment[run..])
    }
}

/// The escape of the character at `bytes[i]` and its length in bytes, if
/// it is one to escape.
fn escape_at(bytes: &[u8], i: usize) -> Option<(&'static [u8], usize)> {
    // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8.
    let line_end = |last: u8| bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&last);
    match bytes[i] {
        b'<' => Some((b"\\u003c", 1)),
        b'>' => Some((b"\\u003e", 1)),
        b'&' => Some((b"\\u0026", 1)),
        0xE2 if line_end(0xA8) => Some((b"\\u2028", 3)),
        0xE2 if line_end(0xA9) => Some((b"\\u2029", 3)),
        _ => None,
    }
}

/// Whether byte `b` is (or starts) a character to escape.
fn maybe_special(b: u8) -> bool {
    matches!(b, b'<' | b'>' | b'&' | 0xE2)
}

/// The first index from `i` whose 16-byte block may hold a character to
/// escape (or the end): blocks are checked whole, which the compiler turns
/// into a few vector instructions, since nearly no text has any.
fn skip_plain(bytes: &[u8], mut i: usize) -> usize {
    while let Some(block) = bytes.get(i..i + 16) {
        if block.iter().fold(false, |any, &b| any | maybe_special(b)) {
            return i;
        }
        i += 16;
    }
    i
}

/// `value` as compact JSON that is safe inside `<script>`, appended to `out`.
pub fn write<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> serde_json::Result<()> {
    value.serialize(&mut serde_json::Serializer::with_formatter(out, ScriptSafe))
}

/// JSON text `json` made safe inside `<script>`: the same text with the
/// script breakers escaped (they only occur in its strings).
pub fn escape_for_script(json: &str) -> String {
    let mut out = Vec::with_capacity(json.len() + 16);
    // Writing to a Vec cannot fail, and escapes only replace whole characters.
    let _ = ScriptSafe.write_string_fragment(&mut out, json);
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    const TEXT: &str = "</script><b>& é \u{2028}\u{2029}…";

    #[test]
    fn script_breakers_are_escaped() {
        let s = escape_for_script(&json!({ "t": TEXT }).to_string());
        assert_eq!(
            s,
            "{\"t\":\"\\u003c/script\\u003e\\u003cb\\u003e\\u0026 é \\u2028\\u2029…\"}"
        );
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["t"], TEXT);
    }

    #[test]
    fn escapes_wherever_they_fall_in_long_text() {
        let reference = |s: &str| {
            s.replace('<', "\\u003c")
                .replace('>', "\\u003e")
                .replace('&', "\\u0026")
                .replace('\u{2028}', "\\u2028")
                .replace('\u{2029}', "\\u2029")
        };
        for n in 0..40 {
            for special in ["<", ">", "&", "\u{2028}", "\u{2029}", "’", "é"] {
                let text = format!("{}{special}{}{special}", "a".repeat(n), "b".repeat(n % 17));
                assert_eq!(escape_for_script(&text), reference(&text), "{text:?}");
            }
        }
    }

    #[test]
    fn writing_escapes_as_escaping_the_written_text() {
        let value = json!({ "a\"<": [TEXT, "\\ \n \u{1}", 1.5, null], "b": { "c": TEXT } });
        let mut out = Vec::new();
        write(&mut out, &value).unwrap();
        let written = String::from_utf8(out).unwrap();
        assert_eq!(written, escape_for_script(&value.to_string()));
        let back: Value = serde_json::from_str(&written).unwrap();
        assert_eq!(back, value);
    }
}

//! The hand-written JSON of the index: document files, JSON strings and
//! the varint encoding of postings (a serializer is several times slower on
//! texts that make up most of the index).

use super::ALPHABET;
use super::sources::Source;

/// Append `v` as a varint in [`ALPHABET`].
pub(super) fn push_varint(out: &mut String, mut v: u64) {
    loop {
        let digit = (v & 31) as usize;
        v >>= 5;
        if v == 0 {
            out.push(ALPHABET[digit] as char);
            return;
        }
        out.push(ALPHABET[digit + 32] as char);
    }
}

/// Decode a string of varints (the lengths of `index.json`). For tests and tools.
pub fn decode_numbers(s: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut v: u64 = 0;
    let mut shift = 0;
    for b in s.bytes() {
        let Some(d) = ALPHABET.iter().position(|&a| a == b) else {
            continue;
        };
        v |= ((d & 31) as u64) << shift;
        shift += 5;
        if d < 32 {
            out.push(v);
            v = 0;
            shift = 0;
        }
    }
    out
}

/// Decode a postings string: `(doc, weight)` pairs. For tests and tools.
pub fn decode_postings(s: &str) -> Vec<(u32, u8)> {
    let mut doc: i64 = -1;
    decode_numbers(s)
        .into_iter()
        .map(|v| {
            doc += (v >> 4) as i64;
            (doc as u32, (v & 15) as u8)
        })
        .collect()
}

/// What a result shows, as a JSON object; `search/d/<n>.json` holds an
/// array of them (see `packs`). Keys: `k` kind (`post`, `page`, `author`, `clinic`), `t`
/// title, `u` URL, `d` date for people and `i` in ISO 8601 (posts), `a`
/// authors ("Jane Doe, DPT and Sam Roe", posts), `s` summary, `x` the body as
/// plain text. Written by hand: the texts are most of the index, and this is
/// several times faster than a serializer.
pub(super) fn push_fragment(out: &mut String, src: &Source<'_>, text: &str) {
    let field = |out: &mut String, key: &str, value: &str| {
        if out.ends_with('{') {
            out.push('"');
        } else {
            out.push_str(",\"");
        }
        out.push_str(key);
        out.push_str("\":");
        push_json_str(out, value);
    };
    out.push('{');
    field(out, "k", src.kind);
    field(out, "t", src.title);
    field(out, "u", src.url);
    if let Some(d) = src.date {
        field(out, "d", &d.display);
        field(out, "i", &d.iso);
    }
    if !src.authors.is_empty() {
        field(out, "a", &src.authors);
    }
    field(out, "s", src.summary);
    field(out, "x", text);
    out.push('}');
}

/// `search/titles.json`: what the first paint of a result needs, for every
/// document, column by column (`{"k":[kinds],"t":[titles],"u":[URLs],"d":[..],
/// "i":[..],"a":[..]}`, keys as in [`push_fragment`], `""` where a document
/// has no date or authors). The browser loads it once the search page is
/// idle, so that results show at once and only their snippets wait for the
/// document files.
pub(super) fn titles_json<'a>(docs: &[Source<'a>]) -> String {
    let mut out = String::with_capacity(docs.len() * 192 + 64);
    type Column<'a> = for<'b> fn(&'b Source<'a>) -> &'b str;
    let columns: [(&str, Column<'a>); 6] = [
        ("k", |s| s.kind),
        ("t", |s| s.title),
        ("u", |s| s.url),
        ("d", |s| s.date.map_or("", |d| d.display.as_str())),
        ("i", |s| s.date.map_or("", |d| d.iso.as_str())),
        ("a", |s| s.authors.as_str()),
    ];
    for (c, (key, value)) in columns.iter().enumerate() {
        out.push_str(if c == 0 { "{\"" } else { "],\"" });
        out.push_str(key);
        out.push_str("\":[");
        for (n, src) in docs.iter().enumerate() {
            if n > 0 {
                out.push(',');
            }
            push_json_str(&mut out, value(src));
        }
    }
    out.push_str("]}");
    out
}

/// Bytes a JSON string must escape.
static JSON_ESCAPE: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = true;
        i += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

/// `s` as a JSON string.
pub(super) fn push_json_str(out: &mut String, s: &str) {
    out.push('"');
    let mut run = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if JSON_ESCAPE[b as usize] {
            out.push_str(&s[run..i]);
            match b {
                b'"' => out.push_str("\\\""),
                b'\\' => out.push_str("\\\\"),
                b'\n' => out.push_str("\\n"),
                b'\r' => out.push_str("\\r"),
                b'\t' => out.push_str("\\t"),
                _ => {
                    use std::fmt::Write as _;
                    let _ = write!(out, "\\u{b:04x}");
                }
            }
            run = i + 1;
        }
    }
    out.push_str(&s[run..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_are_escaped() {
        let mut out = String::new();
        push_json_str(&mut out, "a \"quote\" \\ back\nslash\u{1} é </script>");
        let back: String = serde_json::from_str(&out).unwrap();
        assert_eq!(back, "a \"quote\" \\ back\nslash\u{1} é </script>");
    }

    #[test]
    fn varints_round_trip() {
        let postings = [(0u32, 8u8), (1, 1), (40, 3), (5000, 15), (5001, 2)];
        let mut s = String::new();
        let mut prev: i64 = -1;
        for (d, w) in postings {
            push_varint(&mut s, (((d as i64 - prev) as u64) << 4) | w as u64);
            prev = d as i64;
        }
        assert_eq!(decode_postings(&s), postings);
    }
}

//! Site search: the index a build writes below `search/`, read by the theme's
//! `static/js/search.js`.
//!
//! Designed for tens of thousands of posts without a server: the browser loads
//! a small vocabulary first, then only the postings and documents a query needs.
//!
//! ```text
//! search/index.json     vocabulary: words, their stems, document frequencies,
//!                       the stop words, the shard of every stem
//! search/p/<n>.json     postings of a range of stems (shards of ~32 KiB)
//! search/d/<n>.json     documents 8n to 8n+7: title, URL, date, authors,
//!                       summary and plain text, for showing a result and its
//!                       snippet (8 to a file: 10,000 small files would slow
//!                       the build down more than the index itself)
//! ```
//!
//! Documents are posts (newest first, so a lower id is newer), then standalone
//! pages, authors and clinics. A posting is the document id and a 4-bit weight:
//! 8 = in the title, 4 = in the categories, tags or author names (for a bio:
//! role and specialties; for a clinic: its city and address), and 0–3 for how
//! often the word appears in the summary and body. Postings of a stem are
//! encoded as varints of `(doc - previous doc) << 4 | weight` in a 64-letter
//! alphabet (5 bits a letter; letters from the upper half continue the number).
//!
//! Words are lower-cased, common accents folded (`é` → `e`), split on anything
//! but letters and digits (an apostrophe inside a word joins: `men's` →
//! `mens`), and words of one letter, longer than [`MAX_WORD`] or in
//! [`STOP_WORDS`] are left out. Postings are kept per stem ([`stem`]); the
//! vocabulary keeps every surface word, for prefix and typo matching in the
//! browser. `search.js` implements the same [`stem`]; the tokenizing tables
//! (stop words, accents, alphabet) travel in `index.json` so that they exist
//! only here.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;

use crate::build::write::Sink;
use crate::render::present::Views;
use crate::render::views::DateView;
use crate::urls::Urls;

/// Site path of the vocabulary file.
pub const INDEX: &str = "search/index.json";
/// Format version, checked by `search.js`.
pub const VERSION: u32 = 1;
/// Longest word indexed, in characters.
pub const MAX_WORD: usize = 40;
/// A postings shard is closed once it holds this many bytes.
pub const SHARD_BYTES: usize = 32 * 1024;

/// The letters of the postings encoding: 0–31 end a number, 32–63 continue it.
pub const ALPHABET: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// Words too common to search for.
pub const STOP_WORDS: &[&str] = &[
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "nor",
    "of",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "own",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "until",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

/// Accented letters and the letter they fold to (same length, char by char).
pub const FOLD_FROM: &str = "àáâãäåāçćčèéêëēęìíîïīłñńòóôõöøōśšùúûüūýÿžźż";
pub const FOLD_TO: &str = "aaaaaaaccceeeeeeiiiiilnnooooooossuuuuuyyzzz";

const TITLE: u8 = 8;
const META: u8 = 4;

fn fold(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    match FOLD_FROM.chars().position(|f| f == c) {
        Some(i) => FOLD_TO.chars().nth(i).unwrap_or(c),
        None => c,
    }
}

/// Call `f` with every word of `text`, lower-cased and folded (stop words
/// included: callers decide).
pub fn words(text: &str, mut f: impl FnMut(&str)) {
    scan(text, |t| match t {
        Token::Packed(k) => f(&Key::Short(k).word()),
        Token::Text(w) => f(w),
    });
}

/// A word found by [`scan`]: packed as a [`Key`] number when it is plain
/// ASCII of at most 16 letters (the fast path), else as text.
enum Token<'a> {
    Packed(u128),
    Text(&'a str),
}

/// ASCII letters and digits.
static ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = (i as u8).is_ascii_alphanumeric();
        i += 1;
    }
    t
};

/// The [`Key`] number of 1 to 16 ASCII letters and digits, lower-cased: for
/// those, setting bit 5 lower-cases a letter and leaves a digit as it is.
fn pack_lower(bytes: &[u8], start: usize, end: usize) -> u128 {
    let run = &bytes[start..end];
    let raw = match bytes.get(start..start + 16) {
        Some(sixteen) => u128::from_le_bytes(sixteen.try_into().unwrap_or([0; 16])),
        None => {
            let mut a = [0u8; 16];
            a[..run.len()].copy_from_slice(run);
            u128::from_le_bytes(a)
        }
    };
    let mask = if run.len() >= 16 {
        u128::MAX
    } else {
        (1u128 << (8 * run.len())) - 1
    };
    (raw | u128::from_le_bytes([0x20; 16])) & mask
}

/// The tokenizer: words are runs of letters and digits (an apostrophe
/// between two of them joins), lower-cased and folded, of 2 to
/// [`MAX_WORD`] characters.
fn scan(text: &str, mut f: impl FnMut(Token<'_>)) {
    let bytes = text.as_bytes();
    let char_at = |i: usize| text[i..].chars().next().unwrap_or(' ');
    let alnum_at = |i: usize| match bytes.get(i) {
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => char_at(i).is_alphanumeric(),
        None => false,
    };
    // Whether the word ends before byte `i`.
    let ends_at = |i: usize| match bytes.get(i) {
        None => true,
        Some(&b) if b.is_ascii() => !(b == b'\'' && alnum_at(i + 1)),
        Some(_) => {
            let c = char_at(i);
            !(c.is_alphanumeric() || (c == '\u{2019}' && alnum_at(i + c.len_utf8())))
        }
    };
    let mut buf = String::with_capacity(32);
    let mut chars = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if ALNUM[b as usize] {
            let start = i;
            i += 1;
            while i < bytes.len() && ALNUM[bytes[i] as usize] {
                i += 1;
            }
            let n = i - start;
            if buf.is_empty() && n <= 16 && ends_at(i) {
                if n >= 2 {
                    f(Token::Packed(pack_lower(bytes, start, i)));
                }
                continue;
            }
            let from = buf.len();
            buf.push_str(&text[start..i]);
            buf[from..].make_ascii_lowercase();
            chars += n;
            continue;
        }
        let c = if b.is_ascii() {
            i += 1;
            b as char
        } else {
            let c = char_at(i);
            i += c.len_utf8();
            if c.is_alphanumeric() {
                for l in c.to_lowercase() {
                    buf.push(fold(l));
                }
                chars += 1;
                continue;
            }
            c
        };
        if (c == '\'' || c == '\u{2019}') && !buf.is_empty() && alnum_at(i) {
            continue;
        }
        if chars > 0 {
            if (2..=MAX_WORD).contains(&chars) {
                f(Token::Text(&buf));
            }
            buf.clear();
            chars = 0;
        }
    }
    if (2..=MAX_WORD).contains(&chars) {
        f(Token::Text(&buf));
    }
}

fn has_vowel(s: &str) -> bool {
    s.bytes().any(|b| b"aeiouy".contains(&b))
}

/// A light English stemmer: plurals, `-ing`, `-ed` and a final `e`, so that
/// stretch, stretches, stretching and stretched meet, as do muscle and
/// muscles. Words that are not plain lower-case ASCII are kept as they are.
/// `search.js` has the same function: change both together.
pub fn stem(word: &str) -> String {
    if word.len() <= 3 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_string();
    }
    let mut s = word.to_string();
    let n = s.len();
    if s.ends_with("ies") && n >= 5 {
        s.truncate(n - 3);
        s.push('y');
    } else if s.ends_with("es")
        && n >= 5
        && ["s", "x", "z", "ch", "sh"]
            .iter()
            .any(|e| s[..n - 2].ends_with(e))
    {
        s.truncate(n - 2);
    } else if s.ends_with('s') && !s.ends_with("ss") && !s.ends_with("us") && !s.ends_with("is") {
        s.truncate(n - 1);
    }
    let m = s.len();
    let stripped = if s.ends_with("ing") && m >= 6 && has_vowel(&s[..m - 3]) {
        s.truncate(m - 3);
        true
    } else if s.ends_with("ed") && !s.ends_with("eed") && m >= 5 && has_vowel(&s[..m - 2]) {
        s.truncate(m - 2);
        true
    } else {
        false
    };
    if stripped {
        let b = s.as_bytes();
        let k = b.len();
        if k >= 2 && b[k - 1] == b[k - 2] && !b"aeiouylsz".contains(&b[k - 1]) {
            s.truncate(k - 1);
        }
    }
    if s.len() >= 4 && s.ends_with('e') {
        s.truncate(s.len() - 1);
    }
    s
}

/// Bytes [`html_to_text`] stops at: white space but a single space, `&` and `<`.
static SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let special = *b"\n\t\r\x0c&<";
    let mut i = 0;
    while i < special.len() {
        t[special[i] as usize] = true;
        i += 1;
    }
    t
};

/// Plain text of rendered HTML: tags dropped, entities decoded, white space
/// collapsed. Leaves out `<script>`, `<style>` and `<template>` contents and
/// the heading anchors gait adds (`<a class="anchor">`).
pub fn html_to_text(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len() / 2);
    let mut space = true;
    let mut i = 0;
    // Start of the run of plain text not yet copied.
    let mut run = 0;
    let flush = |out: &mut String, space: &mut bool, run: usize, end: usize| {
        if run < end {
            out.push_str(&html[run..end]);
            *space = false;
        }
    };
    let blank = |out: &mut String, space: &mut bool| {
        if !*space {
            out.push(' ');
            *space = true;
        }
    };
    while i < bytes.len() {
        match bytes[i] {
            b' ' | b'\n' | b'\t' | b'\r' | 0x0c => {
                flush(&mut out, &mut space, run, i);
                blank(&mut out, &mut space);
                i += 1;
                run = i;
            }
            b'&' => {
                flush(&mut out, &mut space, run, i);
                match entity(&html[i..]) {
                    Some((c, len)) => {
                        if c.is_whitespace() {
                            blank(&mut out, &mut space);
                        } else {
                            out.push(c);
                            space = false;
                        }
                        i += len;
                    }
                    None => {
                        out.push('&');
                        space = false;
                        i += 1;
                    }
                }
                run = i;
            }
            b'<' => {
                flush(&mut out, &mut space, run, i);
                let rest = &html[i..];
                let Some(gt) = rest.find('>') else {
                    i = bytes.len();
                    run = i;
                    break;
                };
                let tag = &rest[1..gt];
                i += gt + 1;
                let bare = tag.trim_start_matches('/');
                let name_len = bare
                    .bytes()
                    .take_while(|b| b.is_ascii_alphanumeric())
                    .count()
                    .min(16);
                let mut lower = [0u8; 16];
                lower[..name_len].copy_from_slice(&bare.as_bytes()[..name_len]);
                lower.make_ascii_lowercase();
                let name = std::str::from_utf8(&lower[..name_len]).unwrap_or("");
                let closing = tag.starts_with('/');
                let skip_to = match name {
                    "script" if !closing => Some("</script"),
                    "style" if !closing => Some("</style"),
                    "template" if !closing => Some("</template"),
                    "a" if !closing && tag.contains("class=\"anchor\"") => Some("</a"),
                    _ => None,
                };
                if let Some(end) = skip_to {
                    match find_ignore_case(&html[i..], end) {
                        Some(k) => {
                            i += k;
                            i += html[i..].find('>').map_or(html.len() - i, |g| g + 1);
                        }
                        None => i = bytes.len(),
                    }
                }
                // Block-level boundaries separate words.
                if matches!(
                    name,
                    "p" | "br"
                        | "div"
                        | "li"
                        | "h1"
                        | "h2"
                        | "h3"
                        | "h4"
                        | "h5"
                        | "h6"
                        | "td"
                        | "th"
                        | "tr"
                        | "blockquote"
                        | "pre"
                        | "figcaption"
                        | "dt"
                        | "dd"
                        | "section"
                        | "hr"
                        | "img"
                ) {
                    blank(&mut out, &mut space);
                }
                run = i;
            }
            _ => {
                // A run of text; a single space inside it is kept as it is.
                i += 1;
                while i < bytes.len() {
                    let c = bytes[i];
                    if SPECIAL[c as usize]
                        || (c == b' ' && bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()))
                    {
                        break;
                    }
                    i += 1;
                }
            }
        }
    }
    flush(&mut out, &mut space, run, bytes.len().min(i));
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Byte offset of `needle` (ASCII) in `hay`, ignoring ASCII case.
fn find_ignore_case(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    hay.as_bytes()
        .windows(n.len())
        .position(|w| w.eq_ignore_ascii_case(n))
}

/// The character of the entity `s` starts with (`&amp;`, `&#39;`, `&#x27;`)
/// and its length, if it is one.
fn entity(s: &str) -> Option<(char, usize)> {
    let end = s[1..].find(|c: char| !c.is_ascii_alphanumeric() && c != '#')? + 1;
    if !s[end..].starts_with(';') {
        return None;
    }
    let name = &s[1..end];
    let c = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => name
            .strip_prefix("#x")
            .or_else(|| name.strip_prefix("#X"))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
            .and_then(char::from_u32),
    };
    c.map(|c| (c, end + 1))
}

/// Append `v` as a varint in [`ALPHABET`].
fn push_varint(out: &mut String, mut v: u64) {
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

/// Decode a postings string: `(doc, weight)` pairs. For tests and tools.
pub fn decode_postings(s: &str) -> Vec<(u32, u8)> {
    let mut out = Vec::new();
    let mut doc: i64 = -1;
    let mut v: u64 = 0;
    let mut shift = 0;
    for b in s.bytes() {
        let Some(d) = ALPHABET.iter().position(|&a| a == b) else {
            continue;
        };
        v |= ((d & 31) as u64) << shift;
        shift += 5;
        if d < 32 {
            doc += (v >> 4) as i64;
            out.push((doc as u32, (v & 15) as u8));
            v = 0;
            shift = 0;
        }
    }
    out
}

/// One searchable document, borrowed from the views.
struct Source<'a> {
    kind: &'static str,
    title: &'a str,
    url: &'a str,
    date: Option<&'a DateView>,
    authors: String,
    summary: &'a str,
    /// Categories, tags, authors: words that describe the document.
    meta: Vec<&'a str>,
    html: &'a str,
}

/// What a result shows, as a JSON object; `search/d/<n>.json` holds an
/// array of them. Keys: `k` kind (`post`, `page`, `author`, `clinic`), `t`
/// title, `u` URL, `d` date for people and `i` in ISO 8601 (posts), `a`
/// authors ("Jane Doe, DPT and Sam Roe", posts), `s` summary, `x` the body as
/// plain text. Written by hand: the texts are most of the index, and this is
/// several times faster than a serializer.
fn push_fragment(out: &mut String, src: &Source<'_>, text: &str) {
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
fn push_json_str(out: &mut String, s: &str) {
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

#[derive(Serialize)]
struct IndexFile<'a> {
    v: u32,
    /// Changes whenever the index does: appended to shard and document URLs.
    id: String,
    /// Number of documents.
    n: usize,
    alphabet: &'a str,
    stop: &'a [&'a str],
    fold: [&'a str; 2],
    /// Stems, sorted; a stem's id is its position.
    stems: Vec<&'a str>,
    /// Documents per stem.
    df: Vec<u32>,
    /// Every surface word, sorted, and the id of its stem.
    words: Vec<&'a str>,
    ws: Vec<u32>,
    /// The first stem id of every postings shard.
    shards: Vec<u32>,
    /// Documents per `d/<n>.json` file.
    per_file: usize,
}

fn byline(authors: &[crate::render::views::Card<crate::render::views::AuthorRef>]) -> String {
    let names: Vec<String> = authors
        .iter()
        .map(|a| match &a.credentials {
            Some(c) => format!("{}, {c}", a.name),
            None => a.name.clone(),
        })
        .collect();
    names.join(" and ")
}

fn sources(views: &Views) -> Vec<Source<'_>> {
    let mut docs = Vec::with_capacity(views.posts.len() + views.pages.len());
    for p in &views.posts {
        let s = &p.summary;
        let mut meta: Vec<&str> = Vec::new();
        meta.extend(s.categories.iter().map(|c| c.name.as_str()));
        meta.extend(p.tags.iter().map(|t| t.name.as_str()));
        meta.extend(s.authors.iter().map(|a| a.name.as_str()));
        docs.push(Source {
            kind: "post",
            title: &s.title,
            url: &s.url,
            date: Some(&s.date),
            authors: byline(&s.authors),
            summary: &s.summary,
            meta,
            html: &p.content,
        });
    }
    for p in &views.pages {
        docs.push(Source {
            kind: "page",
            title: &p.title,
            url: &p.url,
            date: None,
            authors: String::new(),
            summary: &p.summary,
            meta: Vec::new(),
            html: &p.content,
        });
    }
    for a in &views.authors {
        let c = &a.card;
        let mut meta: Vec<&str> = Vec::new();
        meta.extend(c.credentials.as_deref());
        meta.extend(c.role.as_deref());
        meta.extend(c.specialties.iter().map(String::as_str));
        meta.extend(c.languages.iter().map(String::as_str));
        if let Some(cl) = &c.clinic {
            meta.extend([cl.name.as_str(), cl.city.as_str()]);
        }
        docs.push(Source {
            kind: "author",
            title: &c.name,
            url: &c.url,
            date: None,
            authors: String::new(),
            summary: c.role.as_deref().unwrap_or(""),
            meta,
            html: &a.bio,
        });
    }
    for c in &views.clinics {
        let mut meta: Vec<&str> = vec![c.card.city.as_str(), c.card.state.as_str()];
        meta.extend(c.address.as_deref());
        docs.push(Source {
            kind: "clinic",
            title: &c.card.name,
            url: &c.card.url,
            date: None,
            authors: String::new(),
            summary: "",
            meta,
            html: &c.description,
        });
    }
    docs
}

/// A fast hasher for short words (FxHash): the index hashes millions of them.
#[derive(Default, Clone, Copy)]
struct Fx(u64);

impl std::hash::Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
    }
    fn write_u8(&mut self, b: u8) {
        self.write_u64(b as u64);
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_u128(&mut self, v: u128) {
        self.write_u64(v as u64);
        self.write_u64((v >> 64) as u64);
    }
    fn write_isize(&mut self, v: isize) {
        self.write_u64(v as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fx>>;

/// A word as a map key: words of up to 16 bytes (nearly all) are packed
/// into a number, which hashes and compares far faster than a string.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Key {
    Short(u128),
    Long(Box<str>),
}

impl Key {
    fn new(w: &str) -> Key {
        let b = w.as_bytes();
        if b.len() <= 16 {
            let mut a = [0u8; 16];
            a[..b.len()].copy_from_slice(b);
            Key::Short(u128::from_le_bytes(a))
        } else {
            Key::Long(w.into())
        }
    }

    /// The word again (words never contain a zero byte).
    fn word(&self) -> Box<str> {
        match self {
            Key::Short(k) => {
                let a = k.to_le_bytes();
                let n = a.iter().position(|&x| x == 0).unwrap_or(16);
                String::from_utf8_lossy(&a[..n]).into()
            }
            Key::Long(w) => w.clone(),
        }
    }
}

/// One document's distinct words (stop words left out) and their weights.
struct Analyzed {
    words: Vec<(Key, u8)>,
}

fn analyze(src: &Source<'_>, text: &str) -> Analyzed {
    // word → (title/meta flags, count in summary and body); most words are
    // short, and a number is the fastest key.
    let mut short: FxMap<u128, (u8, u32)> = FxMap::default();
    short.reserve(512);
    let mut seen: FxMap<Key, (u8, u32)> = FxMap::default();
    let mut add = |t: Token<'_>, flag: u8, n: u32| {
        let e = match t {
            Token::Packed(k) => short.entry(k).or_insert((0, 0)),
            Token::Text(w) => match Key::new(w) {
                Key::Short(k) => short.entry(k).or_insert((0, 0)),
                long => seen.entry(long).or_insert((0, 0)),
            },
        };
        e.0 |= flag;
        e.1 += n;
    };
    scan(src.title, |t| add(t, TITLE, 0));
    for m in &src.meta {
        scan(m, |t| add(t, META, 0));
    }
    scan(src.summary, |t| add(t, 0, 2));
    scan(text, |t| add(t, 0, 1));
    let stop = stop_keys();
    let words = short
        .into_iter()
        .filter(|(k, _)| !stop.contains(k))
        .map(|(k, v)| (Key::Short(k), v))
        .chain(seen)
        .map(|(k, (flags, count))| (k, weight(flags, count)))
        .collect();
    Analyzed { words }
}

/// [`STOP_WORDS`] as [`Key`] numbers (they are all short).
fn stop_keys() -> &'static std::collections::HashSet<u128, std::hash::BuildHasherDefault<Fx>> {
    static KEYS: std::sync::OnceLock<
        std::collections::HashSet<u128, std::hash::BuildHasherDefault<Fx>>,
    > = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        STOP_WORDS
            .iter()
            .filter_map(|w| match Key::new(w) {
                Key::Short(k) => Some(k),
                Key::Long(_) => None,
            })
            .collect()
    })
}

fn weight(flags: u8, count: u32) -> u8 {
    let bucket = match count {
        0 => 0,
        1 => 1,
        2..=3 => 2,
        _ => 3,
    };
    flags | bucket
}

/// Documents analysed at a time: bounds memory to a chunk's texts.
const CHUNK: usize = 512;
/// Documents per `search/d/<n>.json` file: fewer files make a faster build;
/// a result then fetches its neighbours too (8 documents: some 50 KB before
/// compression). CHUNK is a multiple of it.
pub const DOCS_PER_FILE: usize = 8;

/// Every surface word and its postings, built document by document.
#[derive(Default)]
struct Vocabulary {
    ids: FxMap<Key, u32>,
    words: Vec<Box<str>>,
    postings: Vec<Vec<(u32, u8)>>,
}

impl Vocabulary {
    fn add(&mut self, doc: u32, a: Analyzed) {
        for (key, w) in a.words {
            let id = match self.ids.get(&key) {
                Some(&id) => id,
                None => {
                    let id = self.words.len() as u32;
                    self.words.push(key.word());
                    self.ids.insert(key, id);
                    self.postings.push(Vec::new());
                    id
                }
            };
            self.postings[id as usize].push((doc, w));
        }
    }
}

/// The finished index in memory: `index.json` and the postings shards.
pub struct Index {
    pub index_json: String,
    pub shards: Vec<String>,
}

/// Analyse every post, page, author and clinic, writing each document's
/// `d/<id>.json` to `sink` on the way (so texts are not all kept at once),
/// then build the vocabulary and the postings.
fn build(docs: &[Source<'_>], sink: &dyn Sink) -> Result<Index> {
    let mut t = crate::timings::Timings::from_env();
    let mut vocab = Vocabulary::default();
    let mut fp = crate::fingerprint::Combiner::new();
    for (c, chunk) in docs.chunks(CHUNK).enumerate() {
        let first = c * CHUNK;
        // One group of DOCS_PER_FILE documents per task: one file each.
        let analyzed: Vec<Result<(Vec<Analyzed>, u64)>> = chunk
            .par_chunks(DOCS_PER_FILE)
            .enumerate()
            .map(|(g, group)| {
                let texts: Vec<String> = group.iter().map(|src| html_to_text(src.html)).collect();
                let size: usize = texts.iter().map(|t| t.len() + 512).sum();
                let mut json = String::with_capacity(size);
                json.push('[');
                for (k, (src, text)) in group.iter().zip(&texts).enumerate() {
                    if k > 0 {
                        json.push(',');
                    }
                    push_fragment(&mut json, src, text);
                }
                json.push(']');
                let file = (first / DOCS_PER_FILE) + g;
                sink.write(Path::new(&fragment_path(file)), json.as_bytes())?;
                let analyzed = group
                    .iter()
                    .zip(&texts)
                    .map(|(src, text)| analyze(src, text))
                    .collect();
                let mut h = Fx::default();
                std::hash::Hasher::write(&mut h, json.as_bytes());
                Ok((analyzed, std::hash::Hasher::finish(&h)))
            })
            .collect();
        let mut doc = first as u32;
        for group in analyzed {
            let (group, hash) = group?;
            fp.add(&hash);
            for a in group {
                vocab.add(doc, a);
                doc += 1;
            }
        }
    }
    t.step("search: docs");
    let Vocabulary {
        words: word_list,
        postings: word_postings,
        ..
    } = vocab;

    // Stems, sorted; each word points at its stem.
    let word_stems: Vec<String> = word_list.par_iter().map(|w| stem(w)).collect();
    let mut stem_list: Vec<&str> = word_stems.iter().map(String::as_str).collect();
    stem_list.sort_unstable();
    stem_list.dedup();
    let stem_id: FxMap<&str, u32> = stem_list
        .iter()
        .enumerate()
        .map(|(i, s)| (*s, i as u32))
        .collect();
    let mut stem_words: Vec<Vec<u32>> = vec![Vec::new(); stem_list.len()];
    for (w, s) in word_stems.iter().enumerate() {
        stem_words[stem_id[s.as_str()] as usize].push(w as u32);
    }

    // Postings per stem: the union of its words', weights combined.
    let encoded: Vec<(String, u32)> = stem_words
        .par_iter()
        .map(|ws| {
            let merged: Vec<(u32, u8)>;
            let postings: &[(u32, u8)] = if ws.len() == 1 {
                &word_postings[ws[0] as usize]
            } else {
                let mut all: Vec<(u32, u8)> = ws
                    .iter()
                    .flat_map(|&w| word_postings[w as usize].iter().copied())
                    .collect();
                all.sort_unstable_by_key(|p| p.0);
                all.dedup_by(|b, a| {
                    if a.0 == b.0 {
                        let flags = (a.1 | b.1) & (TITLE | META);
                        let freq = ((a.1 & 3) + (b.1 & 3)).min(3);
                        a.1 = flags | freq;
                        true
                    } else {
                        false
                    }
                });
                merged = all;
                &merged
            };
            let mut s = String::with_capacity(postings.len() * 2);
            let mut prev: i64 = -1;
            for &(doc, w) in postings {
                let delta = (doc as i64 - prev) as u64;
                push_varint(&mut s, (delta << 4) | w as u64);
                prev = doc as i64;
            }
            (s, postings.len() as u32)
        })
        .collect();
    drop(word_postings);

    let mut shards: Vec<String> = Vec::new();
    let mut shard_starts: Vec<u32> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut size = 0;
    for (i, (s, _)) in encoded.iter().enumerate() {
        if current.is_empty() {
            shard_starts.push(i as u32);
        }
        current.push(s);
        size += s.len() + 3;
        if size >= SHARD_BYTES {
            shards.push(serde_json::to_string(&current)?);
            current.clear();
            size = 0;
        }
    }
    if !current.is_empty() {
        shards.push(serde_json::to_string(&current)?);
    }

    let mut words_sorted: Vec<(&str, u32)> = word_list
        .iter()
        .zip(&word_stems)
        .map(|(w, s)| (&**w, stem_id[s.as_str()]))
        .collect();
    words_sorted.sort_unstable();

    fp.add(&VERSION).add(&shards);
    let index = IndexFile {
        v: VERSION,
        id: format!("{:016x}", fp.finish()),
        n: docs.len(),
        alphabet: std::str::from_utf8(ALPHABET).unwrap_or_default(),
        stop: STOP_WORDS,
        fold: [FOLD_FROM, FOLD_TO],
        stems: stem_list.clone(),
        df: encoded.iter().map(|(_, n)| *n).collect(),
        words: words_sorted.iter().map(|(w, _)| *w).collect(),
        ws: words_sorted.iter().map(|(_, s)| *s).collect(),
        shards: shard_starts,
        per_file: DOCS_PER_FILE,
    };
    let index_json = serde_json::to_string(&index)?;
    t.step("search: index");
    Ok(Index { index_json, shards })
}

/// Site path of postings shard `n`.
pub fn shard_path(n: usize) -> String {
    format!("search/p/{n}.json")
}

/// Site path of the file of documents `n * DOCS_PER_FILE ..`.
pub fn fragment_path(n: usize) -> String {
    format!("search/d/{n}.json")
}

/// Build the index of every post, page, author and clinic and write its
/// files into `sink`; returns their paths.
pub fn write(views: &Views, sink: &dyn Sink) -> Result<Vec<PathBuf>> {
    let docs = sources(views);
    let index = build(&docs, sink)?;
    sink.write(Path::new(INDEX), index.index_json.as_bytes())?;
    index
        .shards
        .par_iter()
        .enumerate()
        .try_for_each(|(n, s)| sink.write(Path::new(&shard_path(n)), s.as_bytes()))?;
    let mut paths = vec![PathBuf::from(INDEX)];
    paths.extend((0..index.shards.len()).map(|n| PathBuf::from(shard_path(n))));
    paths.extend((0..docs.len().div_ceil(DOCS_PER_FILE)).map(|n| PathBuf::from(fragment_path(n))));
    Ok(paths)
}

/// What the search page's template gets as `search`.
#[derive(Debug, Clone, Serialize)]
pub struct SearchView {
    /// Root-relative URL of `index.json`.
    pub index_url: String,
}

impl SearchView {
    pub fn new(urls: &Urls) -> SearchView {
        SearchView {
            index_url: urls.url(INDEX),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_words(s: &str) -> Vec<String> {
        let mut v = Vec::new();
        words(s, |w| v.push(w.to_string()));
        v
    }

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        let mut sorted = STOP_WORDS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, STOP_WORDS);
        assert_eq!(FOLD_FROM.chars().count(), FOLD_TO.chars().count());
    }

    #[test]
    fn words_split_fold_and_join_apostrophes() {
        assert_eq!(
            all_words("Men's HEALTH: a C-section, café & don’t 7:30 — x"),
            ["mens", "health", "section", "cafe", "dont", "30"]
        );
        assert_eq!(all_words(&"a".repeat(41)), Vec::<String>::new());
        assert_eq!(all_words(&"A".repeat(40)), ["a".repeat(40)]);
        assert_eq!(
            all_words(
                "Sixteen-letters: abcdefghijklmnop ABCDEFGHIJKLMNOPQ naïve O'Neil x's 2024's"
            ),
            [
                "sixteen",
                "letters",
                "abcdefghijklmnop",
                "abcdefghijklmnopq",
                "naive",
                "oneil",
                "xs",
                "2024s"
            ]
        );
    }

    #[test]
    fn stems_meet() {
        for group in [
            &["stretch", "stretches", "stretching", "stretched"][..],
            &["muscle", "muscles"],
            &["run", "running", "runs"],
            &["exercise", "exercises", "exercising", "exercised"],
            &["breathe", "breathing", "breathes"],
            &["injury", "injuries"],
            &["hip", "hips"],
            &["need", "needs", "needed"],
            &["move", "moving", "moves"],
            &["sit", "sitting", "sits"],
        ] {
            let stems: Vec<String> = group.iter().map(|w| stem(w)).collect();
            assert!(
                stems.iter().all(|s| s == &stems[0]),
                "{group:?} → {stems:?}"
            );
        }
        for keep in [
            "pelvis", "class", "focus", "bleed", "thing", "string", "abs", "café",
        ] {
            assert_eq!(stem(keep), keep);
        }
    }

    #[test]
    fn html_to_text_drops_tags_and_anchors() {
        let html = "<h2 id=\"x\">Hip &amp; knee<a class=\"anchor\" href=\"#x\"><span aria-hidden=\"true\">#</span><span class=\"visually-hidden\">Link to this section</span></a></h2>\n<p>One<br>two &lt;b&gt; &#x27;three&#39;</p><script>var a = '<p>';</script><ul><li>four</li><li>five</li></ul>";
        assert_eq!(
            html_to_text(html),
            "Hip & knee One two <b> 'three' four five"
        );
        assert_eq!(html_to_text("a &bogus; b & c"), "a &bogus; b & c");
    }

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

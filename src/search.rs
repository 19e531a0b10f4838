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
//! search/d/<id>.json    one document: title, URL, date, authors, summary and
//!                       plain text, for showing a result and its snippet
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

fn is_stop_word(w: &str) -> bool {
    STOP_WORDS.binary_search(&w).is_ok()
}

/// Call `f` with every word of `text`, lower-cased and folded (stop words
/// included: callers decide).
pub fn words(text: &str, mut f: impl FnMut(&str)) {
    let mut buf = String::with_capacity(32);
    let mut chars = 0usize;
    let mut it = text.chars().peekable();
    while let Some(c) = it.next() {
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                buf.push(fold(l));
            }
            chars += 1;
            continue;
        }
        if (c == '\'' || c == '\u{2019}')
            && !buf.is_empty()
            && it.peek().is_some_and(|n| n.is_alphanumeric())
        {
            continue;
        }
        if (2..=MAX_WORD).contains(&chars) {
            f(&buf);
        }
        buf.clear();
        chars = 0;
    }
    if (2..=MAX_WORD).contains(&chars) {
        f(&buf);
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

/// Plain text of rendered HTML: tags dropped, entities decoded, white space
/// collapsed. Leaves out `<script>`, `<style>` and `<template>` contents and
/// the heading anchors gait adds (`<a class="anchor">`).
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut space = true;
    let push_text = |out: &mut String, text: &str, space: &mut bool| {
        for c in text.chars() {
            if c.is_whitespace() {
                if !*space {
                    out.push(' ');
                    *space = true;
                }
            } else {
                out.push(c);
                *space = false;
            }
        }
    };
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            push_text(&mut out, &decode_entities(rest), &mut space);
            break;
        };
        if lt > 0 {
            push_text(&mut out, &decode_entities(&rest[..lt]), &mut space);
        }
        rest = &rest[lt..];
        let Some(gt) = rest.find('>') else {
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
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
            match find_ignore_case(rest, end) {
                Some(i) => {
                    rest = &rest[i..];
                    if let Some(gt) = rest.find('>') {
                        rest = &rest[gt + 1..];
                    }
                }
                None => break,
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
        ) && !space
        {
            out.push(' ');
            space = true;
        }
    }
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

fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..]
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
            .map(|e| e + 1);
        let decoded = match end {
            Some(e) if rest[e..].starts_with(';') => {
                let name = &rest[1..e];
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
                c.map(|c| (c, e + 1))
            }
            _ => None,
        };
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.into()
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

/// What a result shows, written to `search/d/<id>.json`.
#[derive(Serialize)]
struct Fragment<'a> {
    /// Kind: `post`, `page`, `author` or `clinic`.
    k: &'static str,
    t: &'a str,
    u: &'a str,
    /// Date for people, and ISO 8601.
    #[serde(skip_serializing_if = "Option::is_none")]
    d: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    i: Option<&'a str>,
    /// Authors, "Jane Doe, DPT and Sam Roe".
    #[serde(skip_serializing_if = "str::is_empty")]
    a: &'a str,
    s: &'a str,
    /// The body as plain text.
    x: &'a str,
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
}

fn byline(authors: &[std::sync::Arc<crate::render::views::AuthorRef>]) -> String {
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

/// Words of one document: word → (title/meta flags, count in summary and body).
type Counts = HashMap<String, (u8, u32)>;

fn analyze(src: &Source<'_>) -> (Counts, String) {
    let mut counts: Counts = HashMap::with_capacity(256);
    let mut add = |w: &str, flag: u8, n: u32| {
        if is_stop_word(w) {
            return;
        }
        match counts.get_mut(w) {
            Some(e) => {
                e.0 |= flag;
                e.1 += n;
            }
            None => {
                counts.insert(w.to_string(), (flag, n));
            }
        }
    };
    words(src.title, |w| add(w, TITLE, 0));
    for m in &src.meta {
        words(m, |w| add(w, META, 0));
    }
    words(src.summary, |w| add(w, 0, 2));
    let text = html_to_text(src.html);
    words(&text, |w| add(w, 0, 1));
    (counts, text)
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

/// The finished index: `index.json` and the shards, in memory.
pub struct Index {
    pub index_json: String,
    pub shards: Vec<String>,
    /// Per document, `d/<id>.json`.
    pub fragments: Vec<String>,
}

/// Build the index of every post, page, author and clinic.
pub fn build(views: &Views) -> Index {
    let docs = sources(views);
    let analyzed: Vec<(Counts, String)> = docs.par_iter().map(analyze).collect();

    // Fragments, while the texts are at hand.
    let fragments: Vec<String> = docs
        .par_iter()
        .zip(analyzed.par_iter())
        .map(|(src, (_, text))| {
            let f = Fragment {
                k: src.kind,
                t: src.title,
                u: src.url,
                d: src.date.map(|d| d.display.as_str()),
                i: src.date.map(|d| d.iso.as_str()),
                a: &src.authors,
                s: src.summary,
                x: text,
            };
            serde_json::to_string(&f).unwrap_or_default()
        })
        .collect();

    // Surface words and their postings, in document order.
    let mut word_ids: HashMap<String, u32> = HashMap::new();
    let mut word_postings: Vec<Vec<(u32, u8)>> = Vec::new();
    let mut word_list: Vec<String> = Vec::new();
    for (doc, (counts, _)) in analyzed.into_iter().enumerate() {
        for (w, (flags, count)) in counts {
            let id = match word_ids.get(w.as_str()) {
                Some(&id) => id,
                None => {
                    let id = word_list.len() as u32;
                    word_list.push(w.clone());
                    word_ids.insert(w, id);
                    word_postings.push(Vec::new());
                    id
                }
            };
            word_postings[id as usize].push((doc as u32, weight(flags, count)));
        }
    }
    drop(word_ids);

    // Stems, sorted; each word points at its stem.
    let word_stems: Vec<String> = word_list.par_iter().map(|w| stem(w)).collect();
    let mut stem_list: Vec<&str> = word_stems.iter().map(String::as_str).collect();
    stem_list.sort_unstable();
    stem_list.dedup();
    let stem_id: HashMap<&str, u32> = stem_list
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
            let mut postings: Vec<(u32, u8)> = if ws.len() == 1 {
                word_postings[ws[0] as usize].clone()
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
                all
            };
            postings.sort_unstable_by_key(|p| p.0);
            let mut s = String::with_capacity(postings.len() * 2);
            let mut prev: i64 = -1;
            for (doc, w) in &postings {
                let delta = (*doc as i64 - prev) as u64;
                push_varint(&mut s, (delta << 4) | *w as u64);
                prev = *doc as i64;
            }
            (s, postings.len() as u32)
        })
        .collect();

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
            shards.push(serde_json::to_string(&current).unwrap_or_default());
            current.clear();
            size = 0;
        }
    }
    if !current.is_empty() {
        shards.push(serde_json::to_string(&current).unwrap_or_default());
    }

    let mut words_sorted: Vec<(&str, u32)> = word_list
        .iter()
        .zip(&word_stems)
        .map(|(w, s)| (w.as_str(), stem_id[s.as_str()]))
        .collect();
    words_sorted.sort_unstable();

    let mut fp = crate::fingerprint::Combiner::new();
    fp.add(&VERSION).add(&shards).add(&fragments);
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
    };
    Index {
        index_json: serde_json::to_string(&index).unwrap_or_default(),
        shards,
        fragments,
    }
}

/// Site path of postings shard `n`.
pub fn shard_path(n: usize) -> String {
    format!("search/p/{n}.json")
}

/// Site path of document `id`.
pub fn fragment_path(id: usize) -> String {
    format!("search/d/{id}.json")
}

/// Build the index and write its files into `sink`; returns their paths.
pub fn write(views: &Views, sink: &dyn Sink) -> Result<Vec<PathBuf>> {
    let index = build(views);
    sink.write(Path::new(INDEX), index.index_json.as_bytes())?;
    index
        .shards
        .par_iter()
        .enumerate()
        .try_for_each(|(n, s)| sink.write(Path::new(&shard_path(n)), s.as_bytes()))?;
    index
        .fragments
        .par_iter()
        .enumerate()
        .try_for_each(|(id, s)| sink.write(Path::new(&fragment_path(id)), s.as_bytes()))?;
    let mut paths = vec![PathBuf::from(INDEX)];
    paths.extend((0..index.shards.len()).map(|n| PathBuf::from(shard_path(n))));
    paths.extend((0..index.fragments.len()).map(|id| PathBuf::from(fragment_path(id))));
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

//! Building the index: each document's words and weights, the vocabulary
//! and its postings, and `index.json`.

use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;

use super::json::push_fragment;
use super::packs::{Packer, Table};
use super::postings::{Fx, FxMap, META, TITLE, Vocabulary};
use super::sources::Source;
use super::text::html_to_text;
use super::words::{FOLD_FROM, FOLD_TO, Key, STOP_WORDS, Token, scan};
use super::{ALPHABET, DOCUMENTS, VERSION};
use crate::sink::Sink;

#[derive(Serialize)]
struct IndexFile<'a> {
    v: u32,
    /// Changes whenever the index does: appended to the pack URLs.
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
    /// Where each stem's postings are: the first stem of every
    /// `p/<n>.json` and the length in bytes of every stem's item.
    p: Table,
    /// Where each document is: the first document of every `d/<n>.json`
    /// and the length in bytes of every document's item.
    d: Table,
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

/// Each document of `chunk` as its JSON and its words, on all cores.
fn analyze_chunk(chunk: &[Source<'_>]) -> Vec<std::io::Result<(String, Analyzed)>> {
    chunk
        .par_iter()
        .map(|src| {
            let text = html_to_text(&src.html.text()?);
            let mut json = String::with_capacity(text.len() + src.summary.len() + 512);
            push_fragment(&mut json, src, &text);
            Ok((json, analyze(src, &text)))
        })
        .collect()
}

/// Documents analysed at a time: bounds memory to two chunks' texts.
const CHUNK: usize = 256;

/// Analyse every post, page, author and clinic, writing the documents
/// (`d/<n>.json`) and the postings (`p/<n>.json`) into packs as each fills
/// up; returns `index.json` and the number of postings and document packs.
/// Only a chunk of documents' texts and word lists is in memory at a time.
pub(super) fn build(docs: &[Source<'_>], sink: &dyn Sink) -> Result<(String, [usize; 2])> {
    let mut t = crate::timings::Timings::from_env();
    let mut vocab = Vocabulary::default();
    let mut packs = Packer::new(sink, DOCUMENTS);
    let mut doc = 0u32;
    // While one chunk's documents are added (in order, on this thread), the
    // next chunk is analysed on the other cores.
    let mut pending: Vec<std::io::Result<(String, Analyzed)>> = Vec::new();
    for chunk in docs.chunks(CHUNK).map(Some).chain([None]) {
        let (added, analyzed) = rayon::join(
            || -> Result<()> {
                for found in pending.drain(..) {
                    let (json, a) = found?;
                    packs.push(&json)?;
                    vocab.add(doc, a.words);
                    doc += 1;
                }
                Ok(())
            },
            || chunk.map(analyze_chunk).unwrap_or_default(),
        );
        added?;
        pending = analyzed;
    }
    let (d, docs_hash) = packs.finish()?;
    t.step("search: docs");
    let v = vocab.finish(sink)?;
    let mut fp = crate::fingerprint::Combiner::new();
    fp.add(&docs_hash).add(&VERSION).add(&v.hash);
    let files = [v.packs.first.len(), d.first.len()];
    let index = IndexFile {
        v: VERSION,
        id: format!("{:016x}", fp.finish()),
        n: docs.len(),
        alphabet: std::str::from_utf8(ALPHABET).unwrap_or_default(),
        stop: STOP_WORDS,
        fold: [FOLD_FROM, FOLD_TO],
        stems: v.stems.iter().map(String::as_str).collect(),
        df: v.df,
        words: v.words.iter().map(|(w, _)| &**w).collect(),
        ws: v.words.iter().map(|(_, s)| *s).collect(),
        p: v.packs,
        d,
    };
    let index_json = serde_json::to_string(&index)?;
    t.step("search: index");
    Ok((index_json, files))
}

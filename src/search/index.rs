//! Building the index: each document's words and weights, the vocabulary
//! and its postings, and `index.json`.

use std::path::Path;

use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;

use super::json::push_fragment;
use super::postings::{Fx, FxMap, META, TITLE, Vocabulary};
use super::sources::Source;
use super::text::html_to_text;
use super::words::{FOLD_FROM, FOLD_TO, Key, STOP_WORDS, Token, scan};
use super::{ALPHABET, DOCS_PER_FILE, VERSION, fragment_path};
use crate::sink::Sink;

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

/// Analyse every post, page, author and clinic, writing each file of
/// documents (`d/<n>.json`) as its group is analysed and each postings shard
/// (`p/<n>.json`) as it fills up; returns `index.json` and the number of shards. Only a chunk of
/// documents' texts and word lists is in memory at a time.
pub(super) fn build(docs: &[Source<'_>], sink: &dyn Sink) -> Result<(String, usize)> {
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
                let texts = group
                    .iter()
                    .map(|src| Ok(html_to_text(&src.html.text()?)))
                    .collect::<std::io::Result<Vec<String>>>()?;
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
                vocab.add(doc, a.words);
                doc += 1;
            }
        }
    }
    t.step("search: docs");
    let v = vocab.finish(sink)?;
    fp.add(&VERSION).add(&v.shard_hash);
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
        shards: v.shard_starts,
        per_file: DOCS_PER_FILE,
    };
    let shards = index.shards.len();
    let index_json = serde_json::to_string(&index)?;
    t.step("search: index");
    Ok((index_json, shards))
}

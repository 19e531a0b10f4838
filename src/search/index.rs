//! Building the index: each document's words and weights, the vocabulary
//! and its postings, and `index.json`.

use std::collections::HashMap;
use std::path::Path;

use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;

use super::json::{push_fragment, push_varint};
use super::sources::Source;
use super::text::html_to_text;
use super::words::{FOLD_FROM, FOLD_TO, Key, STOP_WORDS, Token, scan, stem};
use super::{ALPHABET, DOCS_PER_FILE, SHARD_BYTES, VERSION, fragment_path};
use crate::build::write::Sink;

const TITLE: u8 = 8;
const META: u8 = 4;

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
pub(super) struct Index {
    pub index_json: String,
    pub shards: Vec<String>,
}

/// Analyse every post, page, author and clinic, writing each document's
/// `d/<id>.json` to `sink` on the way (so texts are not all kept at once),
/// then build the vocabulary and the postings.
pub(super) fn build(docs: &[Source<'_>], sink: &dyn Sink) -> Result<Index> {
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

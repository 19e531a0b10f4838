//! The vocabulary as the build meets it, document by document: every surface
//! word, its stem, and each stem's postings, encoded the moment they arrive
//! (a byte or two a posting, where a vector of `(doc, weight)` pairs took
//! eight and doubled as it grew), then sorted by stem and written into
//! packs (`search/p/<n>.json`) as each fills up.

use std::collections::HashMap;

use anyhow::Result;

use super::POSTINGS;
use super::json::push_varint;
use super::packs::{Packer, Table};
use super::words::{Key, stem};
use crate::sink::Sink;

/// Weight bit: the word is in the title.
pub(super) const TITLE: u8 = 8;
/// Weight bit: the word is in the categories, tags or author names.
pub(super) const META: u8 = 4;

/// A fast hasher for short words (FxHash): the index hashes millions of them.
#[derive(Default, Clone, Copy)]
pub(super) struct Fx(u64);

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

pub(super) type FxMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fx>>;

/// The postings of one stem as a string of varints (see the module comment
/// of `search`). Documents arrive in order; the words of one stem met in the
/// same document (stretch, stretches) make one posting, their weights merged.
struct StemPostings {
    encoded: String,
    /// Postings in `encoded`.
    count: u32,
    /// The last document in `encoded`, -1 before the first.
    prev: i64,
    /// The posting of the current document, not yet encoded.
    open: Option<(u32, u8)>,
}

impl StemPostings {
    fn new() -> StemPostings {
        StemPostings {
            encoded: String::new(),
            count: 0,
            prev: -1,
            open: None,
        }
    }

    fn add(&mut self, doc: u32, w: u8) {
        match &mut self.open {
            Some((d, open)) if *d == doc => *open = merge(*open, w),
            _ => {
                self.close();
                self.open = Some((doc, w));
            }
        }
    }

    fn close(&mut self) {
        if let Some((doc, w)) = self.open.take() {
            let delta = (doc as i64 - self.prev) as u64;
            push_varint(&mut self.encoded, (delta << 4) | w as u64);
            self.prev = doc as i64;
            self.count += 1;
        }
    }
}

/// Two weights of one document: the title and meta flags of either, the
/// frequencies added up (at most 3).
fn merge(a: u8, b: u8) -> u8 {
    let flags = (a | b) & (TITLE | META);
    let freq = ((a & 3) + (b & 3)).min(3);
    flags | freq
}

/// Every surface word met so far, its stem, and the postings of every stem.
#[derive(Default)]
pub(super) struct Vocabulary {
    ids: FxMap<Key, u32>,
    words: Vec<Box<str>>,
    /// The stem of each word, in the order stems were met.
    word_stem: Vec<u32>,
    stem_ids: FxMap<String, u32>,
    stems: Vec<String>,
    postings: Vec<StemPostings>,
}

impl Vocabulary {
    /// Add document `doc` (ids come in increasing order) with its distinct
    /// words and their weights.
    pub(super) fn add(&mut self, doc: u32, words: Vec<(Key, u8)>) {
        for (key, w) in words {
            let id = match self.ids.get(&key) {
                Some(&id) => id,
                None => self.new_word(key),
            };
            self.postings[self.word_stem[id as usize] as usize].add(doc, w);
        }
    }

    fn new_word(&mut self, key: Key) -> u32 {
        let id = self.words.len() as u32;
        let word = key.word();
        let s = stem(&word);
        let sid = match self.stem_ids.get(&s) {
            Some(&sid) => sid,
            None => {
                let sid = self.stems.len() as u32;
                self.stems.push(s.clone());
                self.stem_ids.insert(s, sid);
                self.postings.push(StemPostings::new());
                sid
            }
        };
        self.words.push(word);
        self.word_stem.push(sid);
        self.ids.insert(key, id);
        id
    }

    /// Sort the stems, write their postings into packs as each fills up
    /// (each stem's postings a JSON string: letters of [`super::ALPHABET`],
    /// nothing to escape), and return what `index.json` lists.
    pub(super) fn finish(self, sink: &dyn Sink) -> Result<Finished> {
        let Vocabulary {
            words,
            word_stem,
            stems,
            mut postings,
            ..
        } = self;
        let mut order: Vec<u32> = (0..stems.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| stems[a as usize].cmp(&stems[b as usize]));
        let mut rank = vec![0u32; stems.len()];
        for (new, &old) in order.iter().enumerate() {
            rank[old as usize] = new as u32;
        }

        let mut packs = Packer::new(sink, POSTINGS);
        let mut df = Vec::with_capacity(stems.len());
        for &old in &order {
            let p = &mut postings[old as usize];
            p.close();
            df.push(p.count);
            let encoded = std::mem::take(&mut p.encoded);
            packs.push_with(|json| {
                json.push('"');
                json.push_str(&encoded);
                json.push('"');
            })?;
        }
        let (packs, hash) = packs.finish()?;

        let mut words: Vec<(Box<str>, u32)> = words
            .into_iter()
            .zip(word_stem)
            .map(|(w, s)| (w, rank[s as usize]))
            .collect();
        words.sort_unstable();
        let mut stems = stems;
        stems.sort_unstable();
        Ok(Finished {
            stems,
            df,
            words,
            packs,
            hash,
        })
    }
}

/// The vocabulary, sorted, once the postings are written.
pub(super) struct Finished {
    pub stems: Vec<String>,
    /// Documents per stem.
    pub df: Vec<u32>,
    /// Every surface word, sorted, and the id of its stem.
    pub words: Vec<(Box<str>, u32)>,
    /// Where each stem's postings are.
    pub packs: Table,
    /// A hash of every pack's contents.
    pub hash: u64,
}

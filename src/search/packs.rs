//! Pack files: the postings of many stems, or many documents, in one file.
//!
//! A pack is a JSON array whose items are written as they come and which is
//! closed once it holds [`PACK_BYTES`]: a site writes a few dozen files
//! where one per shard of stems and one per eight documents made over a
//! thousand (on ext4, creating a file costs more than rendering a page). The
//! browser does not download a whole pack: `index.json` gives the first item
//! of every pack and the length in bytes of every item, so `search.js` finds
//! an item's bytes (`[` + the items before it, each with its `,`) and asks
//! for just those with a `Range` request.

use std::path::Path;

use anyhow::Result;

use super::PACK_BYTES;
use super::json::push_varint;
use super::postings::Fx;
use crate::sink::Sink;

/// Site path of pack `n` of the folder `folder` (`search/p/`, `search/d/`).
pub fn pack_path(folder: &str, n: usize) -> String {
    format!("{folder}{n}.json")
}

/// Where the items of one folder of packs are, as `index.json` lists them.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub(super) struct Table {
    /// The first item of every pack.
    pub first: Vec<u32>,
    /// The length in bytes of every item, as varints in [`super::ALPHABET`].
    pub len: String,
}

/// Packs being written, one after the other.
pub(super) struct Packer<'a> {
    sink: &'a dyn Sink,
    folder: &'static str,
    limit: usize,
    json: String,
    /// Items in the open pack, and in the packs before it.
    open: u32,
    done: u32,
    table: Table,
    hash: Fx,
}

impl<'a> Packer<'a> {
    /// Packs of about [`PACK_BYTES`] in `folder`.
    pub fn new(sink: &'a dyn Sink, folder: &'static str) -> Packer<'a> {
        Packer::with_limit(sink, folder, PACK_BYTES)
    }

    /// Packs closed once they hold `limit` bytes.
    pub fn with_limit(sink: &'a dyn Sink, folder: &'static str, limit: usize) -> Packer<'a> {
        Packer {
            sink,
            folder,
            limit,
            json: String::with_capacity(limit + limit / 8),
            open: 0,
            done: 0,
            table: Table::default(),
            hash: Fx::default(),
        }
    }

    /// Append the next item, which `write` appends as JSON to the string it gets.
    pub fn push_with(&mut self, write: impl FnOnce(&mut String)) -> Result<()> {
        self.json.push(if self.open == 0 { '[' } else { ',' });
        let start = self.json.len();
        write(&mut self.json);
        push_varint(&mut self.table.len, (self.json.len() - start) as u64);
        self.open += 1;
        if self.json.len() >= self.limit {
            self.close()?;
        }
        Ok(())
    }

    /// Append the next item, already JSON.
    pub fn push(&mut self, item: &str) -> Result<()> {
        self.push_with(|json| json.push_str(item))
    }

    fn close(&mut self) -> Result<()> {
        if self.open == 0 {
            return Ok(());
        }
        self.json.push(']');
        let n = self.table.first.len();
        self.table.first.push(self.done);
        std::hash::Hasher::write(&mut self.hash, self.json.as_bytes());
        self.sink
            .write(Path::new(&pack_path(self.folder, n)), self.json.as_bytes())?;
        self.done += self.open;
        self.open = 0;
        self.json.clear();
        Ok(())
    }

    /// Write the last pack; where the items are, and a hash of every pack.
    pub fn finish(mut self) -> Result<(Table, u64)> {
        self.close()?;
        Ok((self.table, std::hash::Hasher::finish(&self.hash)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::decode_numbers;
    use std::sync::Mutex;

    /// Keeps what is written, by path.
    #[derive(Default)]
    struct Memory(Mutex<Vec<(String, Vec<u8>)>>);

    impl Sink for Memory {
        fn write(&self, rel: &Path, bytes: &[u8]) -> Result<()> {
            let mut files = self.0.lock().unwrap();
            files.push((rel.to_string_lossy().into_owned(), bytes.to_vec()));
            Ok(())
        }
        fn copy(&self, _: &Path, _: &crate::theme::StaticSource) -> Result<()> {
            unreachable!()
        }
    }

    /// Pack `items` (JSON texts) with `limit`; the files and the table.
    fn pack(items: &[String], limit: usize) -> (Vec<(String, Vec<u8>)>, Table) {
        let sink = Memory::default();
        let mut p = Packer::with_limit(&sink, "search/d/", limit);
        for item in items {
            p.push(item).unwrap();
        }
        let (table, _) = p.finish().unwrap();
        (sink.0.into_inner().unwrap(), table)
    }

    #[test]
    fn every_item_is_found_by_its_byte_range() {
        let items: Vec<String> = (0..40)
            .map(|i| {
                serde_json::json!({ "t": format!("doc {i} é ✓"), "x": "a".repeat(i * 7) })
                    .to_string()
            })
            .collect();
        let (files, table) = pack(&items, 300);
        assert!(files.len() > 3, "{} files", files.len());
        let lens = decode_numbers(&table.len);
        assert_eq!(lens.len(), items.len());
        for (n, (path, bytes)) in files.iter().enumerate() {
            assert_eq!(path, &format!("search/d/{n}.json"));
            // Each pack is a JSON array of its items...
            let all: Vec<serde_json::Value> = serde_json::from_slice(bytes).unwrap();
            let first = table.first[n] as usize;
            // ... and item i is at `[`, then the items before it with their commas.
            let mut at = 1;
            for (k, value) in all.iter().enumerate() {
                let i = first + k;
                let len = lens[i] as usize;
                let one: serde_json::Value = serde_json::from_slice(&bytes[at..at + len]).unwrap();
                assert_eq!(&one, value);
                assert_eq!(one.to_string(), items[i]);
                at += len + 1;
            }
            assert_eq!(at, bytes.len());
        }
        assert_eq!(table.first[0], 0);
    }

    #[test]
    fn nothing_to_pack_writes_nothing() {
        let (files, table) = pack(&[], 300);
        assert!(files.is_empty());
        assert!(table.first.is_empty() && table.len.is_empty());
    }

    /// Like the 10,000-post corpus (10,026 documents of ~4.1 KB as JSON, 337
    /// stems of ~6.4 KB of postings) and ten times it: a few dozen files, and
    /// a few hundred, none much over PACK_BYTES.
    #[test]
    fn a_large_site_writes_a_few_dozen_packs() {
        for (docs, stems, most) in [(10_026, 337, 48), (100_260, 3_370, 450)] {
            let doc_items: Vec<String> = (0..docs)
                .map(|i| format!("{{\"x\":\"{}\"}}", "w".repeat(3_600 + (i * 7919) % 1_000)))
                .collect();
            let stem_items: Vec<String> = (0..stems)
                .map(|i| format!("\"{}\"", "A".repeat(1 + (i * 104_729) % 12_800)))
                .collect();
            let (d, _) = pack(&doc_items, PACK_BYTES);
            let (p, _) = pack(&stem_items, PACK_BYTES);
            let files = d.len() + p.len() + 2;
            assert!(files <= most, "{docs} documents: {files} files");
            for (path, bytes) in d.iter().chain(&p) {
                assert!(
                    bytes.len() < PACK_BYTES + 16_384,
                    "{path}: {} bytes",
                    bytes.len()
                );
            }
        }
    }
}

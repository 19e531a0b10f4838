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
//! search/titles.json    kind, title, URL, date and authors of every document,
//!                       column by column: what a result shows before its
//!                       snippet (loaded once the search page is idle)
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

mod index;
mod json;
mod postings;
mod sources;
mod text;
mod words;

use std::path::{Path, PathBuf};

use anyhow::Result;
use serde::Serialize;

use crate::sink::Sink;
use crate::urls::Urls;
use crate::views::present::Views;

pub use json::decode_postings;
pub use text::html_to_text;
pub use words::{FOLD_FROM, FOLD_TO, STOP_WORDS, stem, words};

/// Site path of the vocabulary file.
pub const INDEX: &str = "search/index.json";
/// Site path of the title, URL, date and authors of every document.
pub const TITLES: &str = "search/titles.json";
/// Format version, checked by `search.js`.
pub const VERSION: u32 = 1;
/// Longest word indexed, in characters.
pub const MAX_WORD: usize = 40;
/// A postings shard is closed once it holds this many bytes.
pub const SHARD_BYTES: usize = 32 * 1024;

/// The letters of the postings encoding: 0–31 end a number, 32–63 continue it.
pub const ALPHABET: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// Documents per `search/d/<n>.json` file: fewer files make a faster build;
/// a result then fetches its neighbours too (8 documents: some 50 KB before
/// compression). CHUNK is a multiple of it.
pub const DOCS_PER_FILE: usize = 8;

/// The folder of the postings shards.
pub const SHARDS: &str = "search/p/";

/// Site path of postings shard `n`.
pub fn shard_path(n: usize) -> String {
    format!("{SHARDS}{n}.json")
}

/// Site path of the file of documents `n * DOCS_PER_FILE ..`.
pub fn fragment_path(n: usize) -> String {
    format!("search/d/{n}.json")
}

/// Add the index's files to the plan: `index.json`, `titles.json`, the
/// document files (their number follows from the number of documents), and
/// the postings folder, whose files are named as they fill.
pub fn plan(site: &crate::model::Site, plan: &mut crate::plan::Plan) {
    use crate::plan::{Claim, Maker};
    let claim = Claim::Gait("the search index");
    plan.made(INDEX.into(), Maker::Search, 0, claim);
    plan.made(TITLES.into(), Maker::Search, 0, claim);
    let docs = site.posts.len() + site.pages.len() + site.authors.len() + site.clinics.len();
    for n in 0..docs.div_ceil(DOCS_PER_FILE) {
        plan.made(fragment_path(n), Maker::Search, 0, claim);
    }
    plan.folder(SHARDS.into(), Maker::Search, claim);
}

/// Build the index of every post, page, author and clinic and write its
/// files into `sink`; returns their paths.
pub fn write(views: &Views, sink: &dyn Sink) -> Result<Vec<PathBuf>> {
    let docs = sources::sources(views);
    sink.write(Path::new(TITLES), json::titles_json(&docs).as_bytes())?;
    let (index_json, shards) = index::build(&docs, sink)?;
    sink.write(Path::new(INDEX), index_json.as_bytes())?;
    let mut paths = vec![PathBuf::from(INDEX), PathBuf::from(TITLES)];
    paths.extend((0..shards).map(|n| PathBuf::from(shard_path(n))));
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

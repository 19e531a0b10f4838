//! Site search: the index a build writes below `search/`, read by the theme's
//! `static/js/search.js`.
//!
//! Designed for tens of thousands of posts without a server: the browser loads
//! a small vocabulary first, then only the postings and documents a query needs.
//!
//! ```text
//! search/index.json     vocabulary: words, their stems, document frequencies,
//!                       the stop words, and where every stem's postings and
//!                       every document are (the first item of each pack file
//!                       and every item's length in bytes)
//! search/p/<n>.json     postings of a range of stems (packs of ~1 MiB)
//! search/titles.json    kind, title, URL, date and authors of every document,
//!                       column by column: what a result shows before its
//!                       snippet (loaded once the search page is idle)
//! search/d/<n>.json     documents in order, packs of ~1 MiB: title, URL, date,
//!                       authors, summary and plain text, for showing a
//!                       result and its snippet
//! ```
//!
//! The packs (see [`packs`]) keep the number of files low (a few dozen for
//! 10,000 posts: creating files is most of what an index costs a build on
//! ext4), and the browser reads only the bytes of the stems and documents a
//! query needs from them, with `Range` requests; a server that ignores them
//! sends the whole pack, which still works.
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
mod packs;
mod postings;
mod sources;
mod text;
mod words;

use std::path::{Path, PathBuf};

use anyhow::Result;
use serde::Serialize;

use crate::model::Site;
use crate::sink::{Below, Sink};
use crate::urls::Urls;
use crate::views::present::Views;

pub use json::{decode_numbers, decode_postings};
pub use packs::pack_path;
pub use text::html_to_text;
pub use words::{FOLD_FROM, FOLD_TO, STOP_WORDS, stem, words};

/// Site path of the vocabulary file.
pub const INDEX: &str = "search/index.json";
/// Site path of the title, URL, date and authors of every document.
pub const TITLES: &str = "search/titles.json";
/// Format version, checked by `search.js`.
pub const VERSION: u32 = 2;
/// Longest word indexed, in characters.
pub const MAX_WORD: usize = 40;
/// A pack file (postings or documents) is closed once it holds this many bytes.
pub const PACK_BYTES: usize = 1 << 20;

/// The letters of the postings encoding: 0–31 end a number, 32–63 continue it.
pub const ALPHABET: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// The folder of the postings packs.
pub const POSTINGS: &str = "search/p/";
/// The folder of the document packs.
pub const DOCUMENTS: &str = "search/d/";

/// Add each language's index files to the plan (below the language's
/// folder): `index.json`, `titles.json`, and the folders of the packs,
/// whose files are named as they fill.
pub fn plan(site: &Site, plan: &mut crate::plan::Plan) {
    use crate::plan::{Claim, Maker};
    let claim = Claim::Gait("the search index");
    for l in site.config.languages.all() {
        let at = |path: &str| site.path_in(l, path);
        plan.made(at(INDEX), Maker::Search(l), 0, claim);
        plan.made(at(TITLES), Maker::Search(l), 0, claim);
        plan.folder(at(POSTINGS), Maker::Search(l), claim);
        plan.folder(at(DOCUMENTS), Maker::Search(l), claim);
    }
}

/// Build each language's index of its posts and pages, and of the authors
/// and clinics, and write its files into `sink`; returns their paths.
/// `texts` is the theme's text of each language (for the bylines' "and").
pub fn write(
    site: &Site,
    views: &Views,
    texts: &[crate::i18n::Text],
    sink: &dyn Sink,
) -> Result<Vec<PathBuf>> {
    let mut paths = Vec::new();
    for l in site.config.languages.all() {
        let folder = PathBuf::from(site.path_in(l, ""));
        let below = Below {
            sink,
            folder: &folder,
        };
        let docs = sources::sources(site, views, l, texts.get(l.index()));
        below.write(Path::new(TITLES), json::titles_json(&docs).as_bytes())?;
        let (index_json, [postings, documents]) = index::build(&docs, &below)?;
        below.write(Path::new(INDEX), index_json.as_bytes())?;
        let files = [INDEX.to_string(), TITLES.to_string()]
            .into_iter()
            .chain((0..postings).map(|n| pack_path(POSTINGS, n)))
            .chain((0..documents).map(|n| pack_path(DOCUMENTS, n)));
        paths.extend(files.map(|f| folder.join(f)));
    }
    Ok(paths)
}

/// What the search page's template gets as `search`.
#[derive(Debug, Clone, Serialize)]
pub struct SearchView {
    /// Root-relative URL of `index.json`.
    pub index_url: String,
}

impl SearchView {
    /// The search of the language whose folder is `home` (a site path: `""` or `es/`).
    pub fn new(urls: &Urls, home: &str) -> SearchView {
        SearchView {
            index_url: urls.url(&format!("{home}{INDEX}")),
        }
    }
}

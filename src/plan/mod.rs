//! The plan: every file a build writes, with its address and what makes it,
//! listed before anything is rendered.
//!
//! Page kinds (`render::kinds`), the feeds, the sitemap, the finder's data,
//! the search index and the static files each add their outputs here. From
//! this one list a build finds two things claiming one address ([`clash`]),
//! checks internal links ([`Known`]), writes the sitemap, and knows which
//! files of an earlier build to remove. [`inputs`] says what each page reads,
//! for the preview server's incremental rebuilds.

pub mod clash;
pub mod inputs;
mod known;

pub use known::{Found, Known};

use crate::i18n::Lang;
use crate::images::PictureSet;
use crate::theme::StaticFile;

/// A page kind: its position in the renderer's list of kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KindId(pub u8);

/// One page to render: which kind, which item of the model (a post, an
/// author, a term...), which page of a paginated listing (1-based; 1 for
/// pages that are not paginated) and in which language. What `item`
/// indexes is the kind's business.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Job {
    pub kind: KindId,
    pub lang: Lang,
    pub item: u32,
    pub page: u32,
}

impl Job {
    /// A page in the site's default language.
    pub fn new(kind: KindId, item: usize, page: usize) -> Job {
        Job {
            kind,
            lang: Lang::DEFAULT,
            item: item as u32,
            page: page as u32,
        }
    }
    /// The same page in `lang`.
    pub fn in_lang(self, lang: Lang) -> Job {
        Job { lang, ..self }
    }
    pub fn item(&self) -> usize {
        self.item as usize
    }
    pub fn page(&self) -> usize {
        self.page as usize
    }
}

/// Whose feed a feed file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeedOf {
    /// The site's newest posts in a language (`feed.xml`, `es/feed.xml`).
    Site(Lang),
    /// Author `item`'s newest posts in a language.
    Author(Lang),
    /// Category or tag `item`'s newest posts (a term is in one language;
    /// tags have feeds with `tag_feeds: true`).
    Term(crate::model::Taxonomy),
}

/// The module that makes a file other than a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Maker {
    Feed(FeedOf),
    Sitemap,
    Robots,
    /// The therapist finder's `therapists.json`.
    FinderData,
    /// A language's search index (`search/*.json` and the folders below it).
    Search(Lang),
    /// A host file: `_redirects`, `_headers`, `.htaccess` (item 0, 1, 2).
    HostFile,
    /// `gait deploy`'s record of what it published, kept at the target.
    DeployRecord,
}

/// What makes an output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    /// A page rendered by a page kind.
    Page(Job),
    /// A file made by one of gait's modules; `item` as for [`Job`].
    Made(Maker, u32),
    /// A file copied as it is: `Plan::copies[n]`.
    Copy(u32),
    /// A published file of picture `picture` of the build's [`PictureSet`]:
    /// its variant `variant` (a width in a format, or the picture itself).
    Picture { picture: u32, variant: u32 },
    /// A folder whose files are named only when they are written (the
    /// search index's postings): nothing else may be put inside it.
    Folder(Maker),
    /// An address kept for a file written outside the build (`gait
    /// deploy`'s record at the target): nothing else may take it.
    Kept(Maker),
}

/// Who asks for an address: named when two outputs clash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    Post(u32),
    /// Alias `alias` of post `post`.
    Alias {
        post: u32,
        alias: u32,
    },
    Author(u32),
    Clinic(u32),
    Page(u32),
    /// Key `key` of site.yaml, which turns on `what` ("the therapist finder").
    Config {
        key: &'static str,
        what: &'static str,
    },
    /// `Plan::copies[n]`.
    Copy(u32),
    /// Variant `variant` of picture `picture` of the build's [`PictureSet`]
    /// (the picture at its own address, or a copy of another width).
    Picture {
        picture: u32,
        variant: u32,
    },
    /// Something gait makes on its own, described for people: "the Atom feed".
    Gait(&'static str),
    /// Something gait makes unless a setting says not to, with how to turn it
    /// off (the help of a file that takes its address).
    Optional {
        what: &'static str,
        help: &'static str,
    },
}

/// One file the build writes.
#[derive(Debug, Clone)]
pub struct Output {
    /// Site path: `posts/x/` for a page (written as `posts/x/index.html`),
    /// `feed.xml` for a file, `search/p/` for a folder.
    pub path: String,
    pub what: What,
    pub claim: Claim,
    /// Listed in the sitemap.
    pub listed: bool,
}

/// Every output of one build.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub outputs: Vec<Output>,
    /// Files copied as they are (theme and site static files, a post folder's own files).
    pub copies: Vec<StaticFile>,
}

impl Plan {
    pub fn with_capacity(n: usize) -> Plan {
        Plan {
            outputs: Vec::with_capacity(n),
            copies: Vec::new(),
        }
    }

    /// A page rendered by a page kind; `listed` puts it in the sitemap.
    pub fn page(&mut self, path: String, job: Job, claim: Claim, listed: bool) {
        self.outputs.push(Output {
            path,
            what: What::Page(job),
            claim,
            listed,
        });
    }

    /// A file made by `maker` (item `item`).
    pub fn made(&mut self, path: String, maker: Maker, item: usize, claim: Claim) {
        self.outputs.push(Output {
            path,
            what: What::Made(maker, item as u32),
            claim,
            listed: false,
        });
    }

    /// A folder whose files `maker` names as it writes them.
    pub fn folder(&mut self, path: String, maker: Maker, claim: Claim) {
        self.outputs.push(Output {
            path,
            what: What::Folder(maker),
            claim,
            listed: false,
        });
    }

    /// An address kept for a file `maker` writes outside the build.
    pub fn keep(&mut self, path: String, maker: Maker, claim: Claim) {
        self.outputs.push(Output {
            path,
            what: What::Kept(maker),
            claim,
            listed: false,
        });
    }

    /// A file copied as it is.
    pub fn copy(&mut self, file: StaticFile) {
        let n = self.copies.len() as u32;
        self.outputs.push(Output {
            path: file.rel.to_string_lossy().replace('\\', "/"),
            what: What::Copy(n),
            claim: Claim::Copy(n),
            listed: false,
        });
        self.copies.push(file);
    }

    /// Every file the pictures of `set` are published as (theme and site
    /// static files, a post folder's own files, in several sizes and formats).
    pub fn pictures(&mut self, set: &PictureSet) {
        for (i, j, v) in set.outputs() {
            self.outputs.push(Output {
                path: v.site_path.clone(),
                what: What::Picture {
                    picture: i as u32,
                    variant: j as u32,
                },
                claim: Claim::Picture {
                    picture: i as u32,
                    variant: j as u32,
                },
                listed: false,
            });
        }
    }

    /// The pages, in plan order.
    pub fn pages(&self) -> impl Iterator<Item = (&str, Job)> {
        self.outputs.iter().filter_map(|o| match o.what {
            What::Page(job) => Some((o.path.as_str(), job)),
            _ => None,
        })
    }

    /// Every file the build writes, relative to the output folder (the
    /// files of a [`What::Folder`] are named only as they are written).
    pub fn files(&self) -> impl Iterator<Item = std::path::PathBuf> + '_ {
        self.outputs.iter().filter_map(|o| match o.what {
            What::Page(_) => Some(crate::urls::output_file(&o.path)),
            What::Made(..) | What::Copy(_) | What::Picture { .. } => {
                Some(std::path::PathBuf::from(&o.path))
            }
            What::Folder(_) | What::Kept(_) => None,
        })
    }

    /// The files made by `maker`, with their items.
    pub fn made_by(&self, maker: Maker) -> impl Iterator<Item = (&str, usize)> {
        self.outputs.iter().filter_map(move |o| match o.what {
            What::Made(m, item) if m == maker => Some((o.path.as_str(), item as usize)),
            _ => None,
        })
    }
}

/// Number of pages a listing of `items` needs (at least 1).
pub fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page.max(1)).max(1)
}

/// `posts/x`, `posts/x/` and `posts/x/index.html` are one address, and
/// (for clashes on file systems that ignore case) so is `Posts/X/`.
pub fn normalize(path: &str) -> String {
    trimmed(path).to_ascii_lowercase()
}

/// `posts/x`, `posts/x/` and `posts/x/index.html` as one address, with its
/// capitals kept.
pub fn trimmed(path: &str) -> &str {
    let p = path.trim_start_matches('/');
    let p = p.strip_suffix("index.html").unwrap_or(p);
    p.trim_end_matches('/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_counts() {
        assert_eq!(page_count(0, 10), 1);
        assert_eq!(page_count(10, 10), 1);
        assert_eq!(page_count(11, 10), 2);
        assert_eq!(page_count(5, 0), 5);
    }

    #[test]
    fn normalize_table() {
        for (a, b) in [
            ("posts/x/", "posts/x"),
            ("/posts/x/index.html", "posts/x"),
            ("Feed.xml", "feed.xml"),
            ("", ""),
        ] {
            assert_eq!(normalize(a), b);
        }
    }
}

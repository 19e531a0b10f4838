//! The resolved site: every reference between files checked and turned into
//! an index, posts sorted, categories and tags collected.
//!
//! Built from [`crate::content::load::Loaded`] by [`resolve`], which reports
//! every unknown author, unknown clinic and clash at once.

use foldhash::{HashMap, HashMapExt};
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::config::Config;
use crate::content::author::AuthorDoc;
use crate::content::clinic::ClinicDoc;
use crate::content::comments::{CommentDoc, CommentsDoc};
use crate::content::load::Loaded;
use crate::content::page::PageDoc;
use crate::content::post::PostDoc;
use crate::content::referrals::Referral;
use crate::diag::{Diagnostic, Diagnostics};
use crate::frontmatter::KeyAt;
use crate::slug::slugify;
use crate::suggest;

/// Which posts a build includes.
#[derive(Debug, Clone, Copy)]
pub struct Selection {
    pub drafts: bool,
    pub future: bool,
    pub now: DateTime<Utc>,
    /// site.yaml's `timezone`: dates without an offset are its clock times.
    pub timezone: Option<chrono_tz::Tz>,
}

#[derive(Debug)]
pub struct Site {
    pub config: Config,
    /// Newest first.
    pub posts: Vec<Post>,
    /// By name.
    pub authors: Vec<Author>,
    /// By name.
    pub clinics: Vec<Clinic>,
    pub pages: Vec<Arc<PageDoc>>,
    /// In order of first use (newest post first); views sort them for display.
    pub categories: Vec<Term>,
    pub tags: Vec<Term>,
    /// Therapists outside the clinic, for the finder.
    pub referrals: Vec<Referral>,
}

#[derive(Debug)]
pub struct Post {
    pub doc: Arc<PostDoc>,
    pub authors: Vec<usize>,
    pub clinic: Option<usize>,
    pub categories: Vec<usize>,
    pub tags: Vec<usize>,
    /// Imported or curated comments, in file order.
    pub comments: Option<Arc<CommentsDoc>>,
}

impl Site {
    /// Drop the entries of a cache kept by post file (between the preview
    /// server's rebuilds) whose post is gone. Each post has its own file, so
    /// a cache holding one entry per post holds nothing stale.
    pub fn forget_gone_posts<V>(&self, cache: &mut HashMap<std::path::PathBuf, V>) {
        if cache.len() != self.posts.len() {
            let current: foldhash::HashSet<&std::path::Path> =
                self.posts.iter().map(|p| p.doc.file.as_path()).collect();
            cache.retain(|file, _| current.contains(file.as_path()));
        }
    }
}

impl Post {
    pub fn comments(&self) -> &[CommentDoc] {
        self.comments
            .as_deref()
            .map(|c| c.comments.as_slice())
            .unwrap_or_default()
    }
}

#[derive(Debug)]
pub struct Author {
    pub doc: Arc<AuthorDoc>,
    pub clinic: Option<usize>,
    /// Newest first.
    pub posts: Vec<usize>,
}

#[derive(Debug)]
pub struct Clinic {
    pub doc: Arc<ClinicDoc>,
    pub authors: Vec<usize>,
    /// Newest first.
    pub posts: Vec<usize>,
}

/// A category or tag.
#[derive(Debug)]
pub struct Term {
    pub name: String,
    pub slug: String,
    /// Newest first.
    pub posts: Vec<usize>,
}

/// Resolve every reference, or report every one that does not resolve.
pub fn resolve(config: Config, loaded: Loaded, sel: Selection) -> Result<Site, Diagnostics> {
    let mut diags = Diagnostics::new();
    let Loaded {
        posts,
        mut authors,
        mut clinics,
        mut pages,
        comments,
        referrals,
        broken,
        ..
    } = loaded;
    let is_broken = |folder: &str, slug: &str| {
        let p = std::path::Path::new("content")
            .join(folder)
            .join(format!("{slug}.md"));
        broken.contains(&p)
    };

    authors.sort_by(|a, b| a.name.cmp(&b.name).then(a.slug.cmp(&b.slug)));
    clinics.sort_by(|a, b| a.name.cmp(&b.name).then(a.slug.cmp(&b.slug)));
    pages.retain(|p| sel.drafts || !p.draft);
    pages.sort_by(|a, b| a.slug.cmp(&b.slug));

    let clinic_slugs: Vec<&str> = clinics.iter().map(|c| c.slug.as_str()).collect();
    let author_slugs: Vec<&str> = authors.iter().map(|a| a.slug.as_str()).collect();
    let clinic_index: HashMap<&str, usize> = clinic_slugs
        .iter()
        .enumerate()
        .map(|(i, s)| (*s, i))
        .collect();
    let author_index: HashMap<&str, usize> = author_slugs
        .iter()
        .enumerate()
        .map(|(i, s)| (*s, i))
        .collect();

    let unknown = |file: &std::path::Path,
                   at: &Option<KeyAt>,
                   what: &str,
                   slug: &str,
                   known: &[&str],
                   folder: &str| {
        let mut d = Diagnostic::error(file, format!("unknown {what} `{slug}`"))
            .at_line(at.as_ref().map(|a| a.line));
        d.snippet = at.as_ref().map(|a| a.text.clone());
        d.with_help(format!(
            "{}; each is a file in {folder}",
            suggest::help_for(slug, known, &format!("{what}s"))
        ))
    };

    // Authors → clinics.
    let author_clinics: Vec<Option<usize>> = authors
        .iter()
        .map(|a| {
            let slug = a.clinic.as_deref()?;
            let found = clinic_index.get(slug).copied();
            if found.is_none() && !is_broken("clinics", slug) {
                diags.push(unknown(
                    &a.file,
                    &a.clinic_at,
                    "clinic",
                    slug,
                    &clinic_slugs,
                    "content/clinics/",
                ));
            }
            found
        })
        .collect();

    // Posts: choose, sort, resolve.
    let all_posts = posts;
    let mut posts: Vec<Arc<PostDoc>> = all_posts
        .iter()
        .filter(|p| {
            (sel.drafts || !p.draft) && (sel.future || !p.date.is_after_in(sel.now, sel.timezone))
        })
        .cloned()
        .collect();
    posts.sort_by(|a, b| b.date.cmp(&a.date).then(a.slug.cmp(&b.slug)));

    let mut seen_slugs: HashMap<&str, &std::path::Path> = HashMap::with_capacity(posts.len());
    for p in &posts {
        if let Some(first) = seen_slugs.insert(p.slug.as_str(), p.file.as_path()) {
            diags.push(
                Diagnostic::error(
                    &p.file,
                    format!("the slug `{}` is also used by {}", p.slug, first.display()),
                )
                .with_help(
                    "two posts cannot share an address: rename one file or set a different `slug:`",
                ),
            );
        }
    }

    let mut categories = TermSet::default();
    let mut tags = TermSet::default();
    let mut resolved = Vec::with_capacity(posts.len());
    for (idx, doc) in posts.into_iter().enumerate() {
        let mut post_authors = Vec::with_capacity(doc.authors.len());
        for slug in &doc.authors {
            match author_index.get(slug.as_str()) {
                Some(&i) => post_authors.push(i),
                None if is_broken("authors", slug) => {}
                None => diags.push(unknown(
                    &doc.file,
                    &doc.author_at,
                    "author",
                    slug,
                    &author_slugs,
                    "content/authors/",
                )),
            }
        }
        let clinic = match doc.clinic.as_deref() {
            Some(slug) => {
                let found = clinic_index.get(slug).copied();
                if found.is_none() && !is_broken("clinics", slug) {
                    diags.push(unknown(
                        &doc.file,
                        &doc.clinic_at,
                        "clinic",
                        slug,
                        &clinic_slugs,
                        "content/clinics/",
                    ));
                }
                found
            }
            None => post_authors.first().and_then(|&a| author_clinics[a]),
        };
        let cats = doc
            .categories
            .iter()
            .filter_map(|c| categories.add(c, idx, &doc, "categories", &mut diags))
            .collect();
        let tgs = doc
            .tags
            .iter()
            .filter_map(|t| tags.add(t, idx, &doc, "tags", &mut diags))
            .collect();
        resolved.push(Post {
            doc,
            authors: post_authors,
            clinic,
            categories: cats,
            tags: tgs,
            comments: None,
        });
    }

    // Comments → posts.
    let post_index: HashMap<&str, usize> = match comments.is_empty() {
        true => HashMap::new(),
        false => resolved
            .iter()
            .enumerate()
            .map(|(i, p)| (p.doc.slug.as_str(), i))
            .collect(),
    };
    let mut post_comments: Vec<(usize, Arc<CommentsDoc>)> = Vec::new();
    for c in comments {
        match post_index.get(c.post_slug.as_str()) {
            Some(&i) => post_comments.push((i, c)),
            // A draft or future post's comments are simply not shown yet.
            None if all_posts.iter().any(|p| p.slug == c.post_slug) => {}
            None => {
                let mut known: Vec<&str> = all_posts.iter().map(|p| p.slug.as_str()).collect();
                known.sort_unstable();
                known.dedup();
                diags.push(
                    Diagnostic::error(
                        &c.file,
                        format!("there is no post `{}` for these comments", c.post_slug),
                    )
                    .with_help(suggest::help_for(
                        &c.post_slug,
                        &known,
                        "posts",
                    )),
                );
            }
        }
    }
    drop(post_index);
    for (i, c) in post_comments {
        resolved[i].comments = Some(c);
    }

    let mut site_authors: Vec<Author> = authors
        .into_iter()
        .zip(author_clinics)
        .map(|(doc, clinic)| Author {
            doc,
            clinic,
            posts: Vec::new(),
        })
        .collect();
    let mut site_clinics: Vec<Clinic> = clinics
        .into_iter()
        .map(|doc| Clinic {
            doc,
            authors: Vec::new(),
            posts: Vec::new(),
        })
        .collect();
    for (i, a) in site_authors.iter().enumerate() {
        if let Some(c) = a.clinic {
            site_clinics[c].authors.push(i);
        }
    }
    for (i, p) in resolved.iter().enumerate() {
        for &a in &p.authors {
            site_authors[a].posts.push(i);
        }
        if let Some(c) = p.clinic {
            site_clinics[c].posts.push(i);
        }
    }

    if diags.has_errors() {
        return Err(diags);
    }
    Ok(Site {
        config,
        posts: resolved,
        authors: site_authors,
        clinics: site_clinics,
        pages,
        categories: categories.finish(),
        tags: tags.finish(),
        referrals,
    })
}

/// Collects terms by slug, keeping the first spelling seen.
#[derive(Default)]
struct TermSet {
    terms: Vec<Term>,
    by_slug: HashMap<String, usize>,
    /// Names already seen, as written: most posts repeat a few names.
    by_name: HashMap<String, usize>,
}

impl TermSet {
    fn add(
        &mut self,
        name: &str,
        post: usize,
        doc: &PostDoc,
        key: &str,
        diags: &mut Diagnostics,
    ) -> Option<usize> {
        if let Some(&i) = self.by_name.get(name) {
            if self.terms[i].posts.last() != Some(&post) {
                self.terms[i].posts.push(post);
            }
            return Some(i);
        }
        let slug = slugify(name);
        if slug.is_empty() {
            diags.push(
                Diagnostic::error(
                    &doc.file,
                    format!(
                        "the name `{name}` in `{key}` has no letters or digits for its address"
                    ),
                )
                .with_help("use a name with at least one plain letter or digit"),
            );
            return None;
        }
        let i = *self.by_slug.entry(slug.clone()).or_insert_with(|| {
            self.terms.push(Term {
                name: name.to_string(),
                slug,
                posts: Vec::new(),
            });
            self.terms.len() - 1
        });
        self.by_name.insert(name.to_string(), i);
        if self.terms[i].posts.last() != Some(&post) {
            self.terms[i].posts.push(post);
        }
        Some(i)
    }

    /// Terms sorted by name; posts keep the index the caller gave.
    fn finish(self) -> Vec<Term> {
        self.terms
    }
}

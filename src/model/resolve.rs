//! [`resolve`]: from the files as loaded to the [`Site`], as a list of steps:
//! order the people and places, choose and sort the posts, resolve each
//! post's references, attach comments, and link authors and clinics back to
//! their posts.

use foldhash::{HashMap, HashMapExt};
use std::path::Path;
use std::sync::Arc;

use super::terms::TermSet;
use super::translations;
use super::{Author, Clinic, LeftOut, Post, Selection, Site};
use crate::config::Config;
use crate::content::author::AuthorDoc;
use crate::content::clinic::ClinicDoc;
use crate::content::comments::CommentsDoc;
use crate::content::load::Loaded;
use crate::content::post::PostDoc;
use crate::diag::{Diagnostic, Diagnostics};
use crate::frontmatter::KeyAt;
use crate::suggest;

/// Resolve every reference, or report every one that does not resolve.
/// Problems of the drafts and scheduled posts this build leaves out are
/// added to `warnings` as warnings.
pub fn resolve(
    config: Config,
    loaded: Loaded,
    sel: Selection,
    warnings: &mut Diagnostics,
) -> Result<Site, Diagnostics> {
    let mut diags = Diagnostics::new();
    let Loaded {
        posts: all_posts,
        mut authors,
        mut clinics,
        mut pages,
        comments,
        author_texts,
        clinic_texts,
        referrals,
        referrals_version,
        broken,
        ..
    } = loaded;
    authors.sort_by(|a, b| a.name.cmp(&b.name).then(a.slug.cmp(&b.slug)));
    clinics.sort_by(|a, b| a.name.cmp(&b.name).then(a.slug.cmp(&b.slug)));
    pages.retain(|p| sel.drafts || !p.draft);
    pages.sort_by(|a, b| a.lang.cmp(&b.lang).then(a.slug.cmp(&b.slug)));
    let languages = config.languages.len();

    let refs = Refs::new(&authors, &clinics, &broken);
    let author_clinics = author_clinics(&authors, &refs, &mut diags);
    let posts = choose_posts(&all_posts, sel);
    let left_out = check_left_out(&all_posts, sel, &refs, warnings);
    check_slugs(&posts, &mut diags);
    let (mut resolved, categories, tags) = resolve_posts(posts, &refs, &author_clinics, &mut diags);
    attach_comments(&mut resolved, comments, &all_posts, &mut diags);
    translations::link_posts(&mut resolved);
    let post_ranges = translations::ranges(&resolved, languages);
    let page_translations = translations::of_pages(&pages);
    let (mut authors, mut clinics) = link_people(authors, author_clinics, clinics, &resolved);
    translations::attach_author_texts(&mut authors, author_texts, languages, &broken, &mut diags);
    translations::attach_clinic_texts(&mut clinics, clinic_texts, languages, &broken, &mut diags);

    if diags.has_errors() {
        return Err(diags);
    }
    Ok(Site {
        config,
        posts: resolved,
        post_ranges,
        authors,
        clinics,
        pages,
        page_translations,
        categories: categories.finish(),
        tags: tags.finish(),
        referrals,
        referrals_version,
        left_out,
    })
}

/// The authors and clinics posts may refer to, by slug.
struct Refs<'a> {
    author_slugs: Vec<&'a str>,
    clinic_slugs: Vec<&'a str>,
    authors: HashMap<&'a str, usize>,
    clinics: HashMap<&'a str, usize>,
    /// Files that failed to load: a reference to one is not reported again.
    broken: &'a [std::path::PathBuf],
}

impl<'a> Refs<'a> {
    fn new(
        authors: &'a [Arc<AuthorDoc>],
        clinics: &'a [Arc<ClinicDoc>],
        broken: &'a [std::path::PathBuf],
    ) -> Refs<'a> {
        let author_slugs: Vec<&str> = authors.iter().map(|a| a.slug.as_str()).collect();
        let clinic_slugs: Vec<&str> = clinics.iter().map(|c| c.slug.as_str()).collect();
        let index = |slugs: &[&'a str]| slugs.iter().enumerate().map(|(i, s)| (*s, i)).collect();
        Refs {
            authors: index(&author_slugs),
            clinics: index(&clinic_slugs),
            author_slugs,
            clinic_slugs,
            broken,
        }
    }

    fn is_broken(&self, folder: &str, slug: &str) -> bool {
        let p = Path::new("content").join(folder).join(format!("{slug}.md"));
        self.broken.contains(&p)
    }

    /// The author `slug`, or an error (unless its file failed to load).
    /// `role` names them in the error: an `author`, a `reviewer`.
    fn author(
        &self,
        role: &str,
        slug: &str,
        file: &Path,
        at: &Option<KeyAt>,
        diags: &mut Diagnostics,
    ) -> Option<usize> {
        let found = self.authors.get(slug).copied();
        if found.is_none() && !self.is_broken("authors", slug) {
            let d = unknown(
                file,
                at,
                "author",
                slug,
                &self.author_slugs,
                "content/authors/",
            );
            diags.push(Diagnostic {
                message: format!("unknown {role} `{slug}`"),
                ..d
            });
        }
        found
    }

    /// The clinic `slug`, or an error (unless its file failed to load).
    fn clinic(
        &self,
        slug: &str,
        file: &Path,
        at: &Option<KeyAt>,
        diags: &mut Diagnostics,
    ) -> Option<usize> {
        let found = self.clinics.get(slug).copied();
        if found.is_none() && !self.is_broken("clinics", slug) {
            diags.push(unknown(
                file,
                at,
                "clinic",
                slug,
                &self.clinic_slugs,
                "content/clinics/",
            ));
        }
        found
    }
}

/// "unknown author `x`", at the key's line, with the closest known slug.
fn unknown(
    file: &Path,
    at: &Option<KeyAt>,
    what: &str,
    slug: &str,
    known: &[&str],
    folder: &str,
) -> Diagnostic {
    let mut d = Diagnostic::error(file, format!("unknown {what} `{slug}`"))
        .at_line(at.as_ref().map(|a| a.line));
    d.snippet = at.as_ref().map(|a| a.text.clone());
    d.with_help(format!(
        "{}; each is a file in {folder}",
        suggest::help_for(slug, known, &format!("{what}s"))
    ))
}

/// Each author's clinic.
fn author_clinics(
    authors: &[Arc<AuthorDoc>],
    refs: &Refs<'_>,
    diags: &mut Diagnostics,
) -> Vec<Option<usize>> {
    authors
        .iter()
        .map(|a| refs.clinic(a.clinic.as_deref()?, &a.file, &a.clinic_at, diags))
        .collect()
}

/// The posts this build publishes, newest first.
fn choose_posts(all: &[Arc<PostDoc>], sel: Selection) -> Vec<Arc<PostDoc>> {
    // Sorted by a key made once per post (a preview sorts on every save).
    let mut keyed: Vec<_> = all
        .iter()
        .filter(|p| (sel.drafts || !p.draft) && (sel.future || !sel.is_future(&p.date)))
        .map(|p| ((p.lang, std::cmp::Reverse(p.date), p.slug.as_str()), p))
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    keyed.into_iter().map(|(_, p)| p.clone()).collect()
}

/// Count the posts this build leaves out, and check their references: an
/// unknown author in a draft is a warning until the draft is built.
fn check_left_out(
    all: &[Arc<PostDoc>],
    sel: Selection,
    refs: &Refs<'_>,
    warnings: &mut Diagnostics,
) -> LeftOut {
    let mut left = LeftOut::default();
    let mut found = Diagnostics::new();
    for p in all {
        let draft = p.draft && !sel.drafts;
        let scheduled = !sel.future && sel.is_future(&p.date);
        match (draft, scheduled) {
            (false, false) => continue,
            (true, _) => left.drafts += 1,
            (false, true) => left.scheduled += 1,
        }
        for slug in &p.authors {
            refs.author("author", slug, &p.file, &p.author_at, &mut found);
        }
        if let Some(r) = &p.review {
            refs.author("reviewer", &r.by, &p.file, &r.by_at, &mut found);
        }
        if let Some(slug) = &p.clinic {
            refs.clinic(slug, &p.file, &p.clinic_at, &mut found);
        }
    }
    warnings.extend(found.into_iter().map(Diagnostic::in_draft));
    left
}

/// Two posts of one language with one slug.
fn check_slugs(posts: &[Arc<PostDoc>], diags: &mut Diagnostics) {
    let mut seen: HashMap<(crate::i18n::Lang, &str), &Path> = HashMap::with_capacity(posts.len());
    for p in posts {
        if let Some(first) = seen.insert((p.lang, p.slug.as_str()), p.file.as_path()) {
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
}

/// Each post's authors, clinic, categories and tags, as indices.
fn resolve_posts(
    posts: Vec<Arc<PostDoc>>,
    refs: &Refs<'_>,
    author_clinics: &[Option<usize>],
    diags: &mut Diagnostics,
) -> (Vec<Post>, TermSet, TermSet) {
    let mut categories = TermSet::default();
    let mut tags = TermSet::default();
    let mut resolved = Vec::with_capacity(posts.len());
    for (idx, doc) in posts.into_iter().enumerate() {
        let authors: Vec<usize> = doc
            .authors
            .iter()
            .filter_map(|slug| refs.author("author", slug, &doc.file, &doc.author_at, diags))
            .collect();
        let reviewer = doc
            .review
            .as_ref()
            .and_then(|r| refs.author("reviewer", &r.by, &doc.file, &r.by_at, diags));
        let clinic = match doc.clinic.as_deref() {
            Some(slug) => refs.clinic(slug, &doc.file, &doc.clinic_at, diags),
            None => authors.first().and_then(|&a| author_clinics[a]),
        };
        let categories = doc
            .categories
            .iter()
            .filter_map(|c| categories.add(c, idx, &doc, "categories", diags))
            .collect();
        let tags = doc
            .tags
            .iter()
            .filter_map(|t| tags.add(t, idx, &doc, "tags", diags))
            .collect();
        resolved.push(Post {
            doc,
            authors,
            reviewer,
            clinic,
            categories,
            tags,
            comments: None,
            translations: Vec::new(),
        });
    }
    (resolved, categories, tags)
}

/// Give each post its comments file. Comments of a draft or future post are
/// simply not shown yet; comments of no post at all are an error.
fn attach_comments(
    posts: &mut [Post],
    comments: Vec<Arc<CommentsDoc>>,
    all_posts: &[Arc<PostDoc>],
    diags: &mut Diagnostics,
) {
    if comments.is_empty() {
        return;
    }
    // Comments belong to the post in the default language.
    let index: HashMap<String, usize> = posts
        .iter()
        .enumerate()
        .filter(|(_, p)| p.doc.lang == crate::i18n::Lang::DEFAULT)
        .map(|(i, p)| (p.doc.slug.clone(), i))
        .collect();
    for c in comments {
        match index.get(c.post_slug.as_str()) {
            Some(&i) => posts[i].comments = Some(c),
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
}

/// Authors and clinics with their posts (newest first) and a clinic's authors.
fn link_people(
    authors: Vec<Arc<AuthorDoc>>,
    author_clinics: Vec<Option<usize>>,
    clinics: Vec<Arc<ClinicDoc>>,
    posts: &[Post],
) -> (Vec<Author>, Vec<Clinic>) {
    let mut authors: Vec<Author> = authors
        .into_iter()
        .zip(author_clinics)
        .map(|(doc, clinic)| Author {
            doc,
            clinic,
            posts: Vec::new(),
            texts: Vec::new(),
        })
        .collect();
    let mut clinics: Vec<Clinic> = clinics
        .into_iter()
        .map(|doc| Clinic {
            doc,
            authors: Vec::new(),
            posts: Vec::new(),
            texts: Vec::new(),
        })
        .collect();
    for (i, a) in authors.iter().enumerate() {
        if let Some(c) = a.clinic {
            clinics[c].authors.push(i);
        }
    }
    for (i, p) in posts.iter().enumerate() {
        for &a in &p.authors {
            authors[a].posts.push(i);
        }
        if let Some(c) = p.clinic {
            clinics[c].posts.push(i);
        }
    }
    (authors, clinics)
}

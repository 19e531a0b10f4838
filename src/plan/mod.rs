//! The list of every page a build writes, with its address.
//!
//! Planning before rendering lets a build catch two things claiming one
//! address (a page called `authors`, an alias equal to a post) and check
//! internal links against the complete set of addresses.

use std::path::{Path, PathBuf};

use foldhash::{HashMap, HashMapExt};

use crate::diag::Diagnostic;
use crate::model::Site;
use crate::urls;

/// One page to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Job {
    /// Page `n` (1-based) of the home listing.
    Home(usize),
    Post(usize),
    Authors,
    Author(usize),
    Clinics,
    Clinic(usize),
    Categories,
    Category {
        term: usize,
        page: usize,
    },
    Tag {
        term: usize,
        page: usize,
    },
    Page(usize),
    /// The therapist finder.
    Finder,
    /// Site search (`search/`).
    Search,
    NotFound,
    /// An alias of post `to`.
    Redirect {
        to: usize,
    },
}

/// A page and its site path (`posts/x/`, `404.html`).
#[derive(Debug, Clone)]
pub struct Planned {
    pub path: String,
    pub job: Job,
}

/// Number of pages a listing of `items` needs (at least 1).
pub fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page.max(1)).max(1)
}

/// Every page of the site, and an error for each address claimed twice (the
/// pages are returned either way, so links can still be checked).
pub fn plan<'a>(site: &'a Site, reserved: &[(String, &'a str)]) -> (Vec<Planned>, Vec<Diagnostic>) {
    let per = site.config.posts_per_page;
    // Each page with the file that asks for it, for clash reports.
    let mut out: Vec<(Planned, Option<&'a Path>)> = Vec::with_capacity(site.posts.len() * 3 / 2);
    let mut add =
        |path: String, job: Job, file: Option<&'a Path>| out.push((Planned { path, job }, file));

    for n in 1..=page_count(site.posts.len(), per) {
        add(urls::paginated("", n), Job::Home(n), None);
    }
    add(urls::SEARCH.into(), Job::Search, None);
    for (i, p) in site.posts.iter().enumerate() {
        add(urls::post(&p.doc.slug), Job::Post(i), Some(&p.doc.file));
        for alias in &p.doc.aliases {
            add(alias.clone(), Job::Redirect { to: i }, Some(&p.doc.file));
        }
    }
    add(urls::AUTHORS.into(), Job::Authors, None);
    for (i, a) in site.authors.iter().enumerate() {
        add(urls::author(&a.doc.slug), Job::Author(i), Some(&a.doc.file));
    }
    add(urls::CLINICS.into(), Job::Clinics, None);
    for (i, c) in site.clinics.iter().enumerate() {
        add(urls::clinic(&c.doc.slug), Job::Clinic(i), Some(&c.doc.file));
    }
    add(urls::CATEGORIES.into(), Job::Categories, None);
    for (i, t) in site.categories.iter().enumerate() {
        for n in 1..=page_count(t.posts.len(), per) {
            add(
                urls::paginated(&urls::category(&t.slug), n),
                Job::Category { term: i, page: n },
                None,
            );
        }
    }
    for (i, t) in site.tags.iter().enumerate() {
        for n in 1..=page_count(t.posts.len(), per) {
            add(
                urls::paginated(&urls::tag(&t.slug), n),
                Job::Tag { term: i, page: n },
                None,
            );
        }
    }
    for (i, p) in site.pages.iter().enumerate() {
        add(urls::page(&p.slug), Job::Page(i), Some(&p.file));
    }
    if let Some(f) = &site.config.finder {
        add(
            format!("{}/", f.path),
            Job::Finder,
            Some(Path::new(crate::config::FILE_NAME)),
        );
    }
    add(urls::NOT_FOUND.into(), Job::NotFound, None);

    let mut errors = Vec::new();
    let mut seen: HashMap<String, Option<&'a Path>> = HashMap::with_capacity(out.len());
    for (path, owner) in reserved {
        seen.insert(normalize(path), Some(Path::new(*owner)));
    }
    for (planned, file) in &out {
        let key = normalize(&planned.path);
        if let Some(first) = seen.get(&key) {
            let who = |f: &Option<&Path>| {
                f.as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| "a page gait makes".to_string())
            };
            errors.push(
                Diagnostic::error(
                    file.map_or_else(|| PathBuf::from("content"), Path::to_path_buf),
                    format!("the address /{} is also used by {}", planned.path, who(first)),
                )
                .with_help("two pages cannot share an address: rename the file, or change its `slug` or `aliases`"),
            );
        } else {
            seen.insert(key, *file);
        }
    }
    (out.into_iter().map(|(p, _)| p).collect(), errors)
}

/// `posts/x`, `posts/x/` and `posts/x/index.html` are one address.
pub fn normalize(path: &str) -> String {
    let p = path.trim_start_matches('/');
    let p = p.strip_suffix("index.html").unwrap_or(p);
    p.trim_end_matches('/').to_ascii_lowercase()
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

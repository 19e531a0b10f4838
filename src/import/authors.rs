//! WordPress users (`wp:author`) as gait authors: login → slug, and the stub
//! file written for each one credited on an imported post.
//!
//! The slug comes from the display name (falling back to the login when the
//! name is empty), so `dreyes` shown as "Dana Reyes" becomes `dana-reyes`,
//! the same file `gait new author "Dana Reyes"` makes. Anything shaped like an
//! e-mail address is cut at the `@`: no address reaches the site.

use std::collections::{HashMap, HashSet};

use super::html_to_md::plain_text;
use super::wxr;
use crate::slug::slugify;

/// One author as imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    pub slug: String,
    pub name: String,
    /// Credited on at least one imported post.
    pub used: bool,
}

/// Every author of the export, by login.
#[derive(Debug, Clone, Default)]
pub struct Authors {
    list: Vec<Author>,
    by_login: HashMap<String, usize>,
    taken: HashSet<String>,
}

impl Authors {
    pub fn new(authors: &[wxr::Author]) -> Authors {
        let mut a = Authors::default();
        for au in authors {
            a.insert(&au.login, &au.display_name);
        }
        a
    }

    fn insert(&mut self, login: &str, display_name: &str) -> usize {
        if let Some(&i) = self.by_login.get(login) {
            return i;
        }
        let mut name = person_name(display_name);
        if name.is_empty() {
            name = person_name(login);
        }
        if name.is_empty() {
            name = "Unknown author".into();
        }
        let mut base = slugify(&name);
        if base.is_empty() {
            base = slugify(&person_name(login));
        }
        if base.is_empty() {
            base = format!("author-{}", self.list.len() + 1);
        }
        let mut slug = base.clone();
        let mut n = 2;
        while self.taken.contains(&slug) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        self.taken.insert(slug.clone());
        self.list.push(Author {
            slug,
            name,
            used: false,
        });
        self.by_login.insert(login.to_string(), self.list.len() - 1);
        self.list.len() - 1
    }

    /// The slug of the author whose login is `login` (from `dc:creator`),
    /// marking them as used. An unknown login becomes an author named after it.
    pub fn credit(&mut self, login: &str) -> String {
        let i = self.insert(login.trim(), "");
        self.list[i].used = true;
        self.list[i].slug.clone()
    }

    /// Authors credited on imported posts, in the order they were first met.
    pub fn used(&self) -> impl Iterator<Item = &Author> {
        self.list.iter().filter(|a| a.used)
    }

    /// How many authors of the export have no imported post (no file is written for them).
    pub fn unused(&self) -> usize {
        self.list.iter().filter(|a| !a.used).count()
    }
}

/// A person's name as plain text, never an e-mail address.
pub fn person_name(raw: &str) -> String {
    let name = plain_text(raw);
    match name.split_once('@') {
        Some((local, _)) => local.trim().to_string(),
        None => name,
    }
}

/// The stub written to `content/authors/<slug>.md`.
pub fn stub_text(name: &str) -> String {
    let fm = super::files::yaml_scalar(name);
    format!(
        "---\nname: {fm}\nfinder: false\n---\n\nImported from WordPress. Add {name}'s credentials, clinic and a short bio for patients here, then remove `finder: false` to list them in the therapist finder.\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wxr_author(login: &str, name: &str) -> wxr::Author {
        wxr::Author {
            login: login.into(),
            display_name: name.into(),
        }
    }

    #[test]
    fn logins_map_to_slugs_from_names() {
        let mut a = Authors::new(&[
            wxr_author("dreyes", "Dana Reyes"),
            wxr_author("ptadmin", ""),
            wxr_author("dana2", "Dana Reyes"),
            wxr_author("front@clinic.example", "front@clinic.example"),
            wxr_author("jo", "Jo &amp; Sam"),
        ]);
        let slugs: Vec<String> = [
            "dreyes",
            "ptadmin",
            "dana2",
            "front@clinic.example",
            "jo",
            "ghost",
        ]
        .iter()
        .map(|l| a.credit(l))
        .collect();
        assert_eq!(
            slugs,
            [
                "dana-reyes",
                "ptadmin",
                "dana-reyes-2",
                "front",
                "jo-sam",
                "ghost"
            ]
        );
        let names: Vec<&str> = a.used().map(|x| x.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Dana Reyes",
                "ptadmin",
                "Dana Reyes",
                "front",
                "Jo & Sam",
                "ghost"
            ]
        );
        assert_eq!(a.unused(), 0);
    }

    #[test]
    fn stub_parses_as_an_author() {
        let text = stub_text("O'Brien: Jo");
        let doc = crate::content::author::parse(
            std::path::Path::new("content/authors/o-brien-jo.md"),
            &text,
        )
        .unwrap();
        assert_eq!(doc.name, "O'Brien: Jo");
        assert!(!doc.finder);
    }
}

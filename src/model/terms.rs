//! Collecting a site's categories and tags from its posts.

use foldhash::HashMap;

use super::Term;
use crate::content::post::PostDoc;
use crate::diag::{Diagnostic, Diagnostics};
use crate::i18n::Lang;
use crate::slug::slugify;

/// Collects terms by language and slug. A term written several ways
/// (`Back Pain`, `back pain`) is shown as most of its posts write it (the
/// first spelling seen when two are as common), so its name does not change
/// with the newest post. Posts are added language by language.
#[derive(Default)]
pub(super) struct TermSet {
    terms: Vec<Term>,
    by_slug: HashMap<String, usize>,
    /// Names already seen, as written (most posts repeat a few names): the
    /// term, the number of posts that write it so, and the order seen.
    by_name: HashMap<String, Spelling>,
    /// The language of the terms in the maps.
    lang: Lang,
}

/// One way of writing a term.
struct Spelling {
    term: usize,
    uses: usize,
    seen: usize,
}

impl TermSet {
    pub(super) fn add(
        &mut self,
        name: &str,
        post: usize,
        doc: &PostDoc,
        key: &str,
        diags: &mut Diagnostics,
    ) -> Option<usize> {
        if doc.lang != self.lang {
            self.settle_names();
            self.by_slug.clear();
            self.lang = doc.lang;
        }
        if let Some(spelling) = self.by_name.get_mut(name) {
            let i = spelling.term;
            if self.terms[i].posts.last() != Some(&post) {
                self.terms[i].posts.push(post);
                spelling.uses += 1;
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
                lang: doc.lang,
                name: name.to_string(),
                slug,
                posts: Vec::new(),
            });
            self.terms.len() - 1
        });
        let uses = match self.terms[i].posts.last() != Some(&post) {
            true => {
                self.terms[i].posts.push(post);
                1
            }
            false => 0,
        };
        let seen = self.by_name.len();
        self.by_name.insert(
            name.to_string(),
            Spelling {
                term: i,
                uses,
                seen,
            },
        );
        Some(i)
    }

    /// Name each term of the language added last as most of its posts write it.
    fn settle_names(&mut self) {
        let mut best: HashMap<usize, (&str, usize, usize)> = HashMap::default();
        for (name, s) in &self.by_name {
            let e = best.entry(s.term).or_insert((name, s.uses, s.seen));
            if (s.uses, std::cmp::Reverse(s.seen)) > (e.1, std::cmp::Reverse(e.2)) {
                *e = (name, s.uses, s.seen);
            }
        }
        for (i, (name, _, _)) in best {
            if self.terms[i].name != name {
                self.terms[i].name = name.to_string();
            }
        }
        self.by_name.clear();
    }

    /// The terms in order of first use.
    pub(super) fn finish(mut self) -> Vec<Term> {
        self.settle_names();
        self.terms
    }
}

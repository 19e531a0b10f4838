//! Collecting a site's categories and tags from its posts.

use foldhash::HashMap;

use super::Term;
use crate::content::post::PostDoc;
use crate::diag::{Diagnostic, Diagnostics};
use crate::i18n::Lang;
use crate::slug::slugify;

/// Collects terms by language and slug, keeping the first spelling seen.
/// Posts are added language by language.
#[derive(Default)]
pub(super) struct TermSet {
    terms: Vec<Term>,
    by_slug: HashMap<String, usize>,
    /// Names already seen, as written: most posts repeat a few names.
    by_name: HashMap<String, usize>,
    /// The language of the terms in the maps.
    lang: Lang,
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
            self.by_slug.clear();
            self.by_name.clear();
            self.lang = doc.lang;
        }
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
                lang: doc.lang,
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

    /// The terms in order of first use.
    pub(super) fn finish(self) -> Vec<Term> {
        self.terms
    }
}

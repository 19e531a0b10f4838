//! Footnotes, rendered by gait rather than pulldown-cmark, so that their ids
//! are their own: a note `[^note]` is `id="fn-note"` and its first reference
//! `id="fnref-note"`, drawn from the same set as the document's heading ids,
//! so that neither a heading `## Note` nor the theme's `id="main"` shares
//! one. The reference is a superscript link named "Footnote 1", and the note
//! ends with a link back to it named "Back to reference 1".

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event};
use pulldown_cmark_escape::{escape_href, escape_html};

use super::{IdSet, Labels};

/// What is known of one note.
struct Note {
    /// Numbered in the order notes are first met (reference or definition),
    /// as pulldown-cmark numbers them.
    number: usize,
    /// The id of its definition.
    id: String,
    /// The id of its first reference, which its back link goes to.
    first_ref: Option<String>,
}

/// The notes of one document, by label (matched without regard to case,
/// as CommonMark matches them).
#[derive(Default)]
pub(super) struct Footnotes {
    notes: HashMap<String, Note>,
    /// Labels of the definitions being read (they may hold one another).
    open: Vec<String>,
    /// Each definition read, with the index among the document's events
    /// where its back link goes.
    ends: Vec<(String, usize)>,
}

/// The part of a footnote id after `fn-` or `fnref-`: the label as a slug,
/// or the note's number when the label has no letters or digits.
pub(super) fn id_part(label: &str, number: usize) -> String {
    let slug = crate::slug::slugify(label);
    if slug.is_empty() {
        number.to_string()
    } else {
        slug
    }
}

impl Footnotes {
    fn note(&mut self, label: &str, ids: &mut IdSet) -> &mut Note {
        let number = self.notes.len() + 1;
        self.notes
            .entry(label.to_lowercase())
            .or_insert_with(|| Note {
                number,
                id: ids.unique(format!("fn-{}", id_part(label, number))),
                first_ref: None,
            })
    }

    /// A reference to note `label`: a superscript link to it, or `[1]` in a
    /// picture's alt text (`in_alt`).
    pub(super) fn reference(
        &mut self,
        label: &str,
        ids: &mut IdSet,
        labels: &Labels,
        in_alt: bool,
    ) -> Event<'static> {
        let note = self.note(label, ids);
        let number = note.number;
        if in_alt {
            return Event::Text(format!("[{number}]").into());
        }
        let target = note.id.clone();
        let first = note.first_ref.is_none();
        let id = ids.unique(format!("fnref-{}", id_part(label, number)));
        if first && let Some(n) = self.notes.get_mut(&label.to_lowercase()) {
            n.first_ref = Some(id.clone());
        }
        let name = labels.footnote.replace("{n}", &number.to_string());
        let mut html = String::from("<sup class=\"footnote-reference\"><a href=\"#");
        let _ = escape_href(&mut html, &target);
        html.push_str("\" id=\"");
        let _ = escape_html(&mut html, &id);
        html.push_str("\" aria-label=\"");
        let _ = escape_html(&mut html, &name);
        html.push_str(&format!("\">{number}</a></sup>"));
        Event::InlineHtml(CowStr::from(html))
    }

    /// The start of note `label`'s definition.
    pub(super) fn definition_start(&mut self, label: &str, ids: &mut IdSet) -> String {
        let note = self.note(label, ids);
        let mut html = String::from("<div class=\"footnote-definition\" id=\"");
        let _ = escape_html(&mut html, &note.id);
        html.push_str(&format!(
            "\"><sup class=\"footnote-definition-label\">{}</sup>\n",
            note.number
        ));
        self.open.push(label.to_lowercase());
        html
    }

    /// The end of the definition being read, whose back link goes at
    /// `at` among the document's events.
    pub(super) fn definition_end(&mut self, at: usize) {
        if let Some(label) = self.open.pop() {
            self.ends.push((label, at));
        }
    }

    /// Each definition's back link to its first reference, with where it
    /// goes, last first (a definition may come before the reference).
    pub(super) fn back_links(&self, labels: &Labels) -> Vec<(usize, Event<'static>)> {
        let mut out = Vec::new();
        for (label, at) in self.ends.iter().rev() {
            let Some(note) = self.notes.get(label) else {
                continue;
            };
            let Some(back) = &note.first_ref else {
                continue;
            };
            let name = labels
                .footnote_back
                .replace("{n}", &note.number.to_string());
            let mut html = String::from(" <a class=\"footnote-backref\" href=\"#");
            let _ = escape_href(&mut html, back);
            html.push_str("\" aria-label=\"");
            let _ = escape_html(&mut html, &name);
            html.push_str("\">↩</a>");
            out.push((*at, Event::InlineHtml(html.into())));
        }
        out.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
        out
    }
}

#[cfg(test)]
mod tests;

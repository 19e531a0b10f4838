//! Markdown to HTML with pulldown-cmark, plus what a clinic site needs on top:
//! heading ids with anchor links, `rel="noopener"` on external links, base-path
//! aware root-relative links, highlighted code, footnotes with ids of their
//! own, a plain-text summary, a word count, and the list of internal links
//! for checking.

mod footnotes;
pub mod highlight;
pub mod html_check;
mod inline;
mod phones;
pub mod pictures;
mod scan;
mod summary;
pub mod video;
mod walk;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use self::highlight::Highlighter;
use self::walk::Walk;
use crate::images::PictureSet;
use crate::urls::Urls;

/// How to render one document.
pub struct RenderOptions<'a> {
    pub urls: &'a Urls,
    /// Staff-written bodies may hold raw HTML; comments may not.
    pub allow_html: bool,
    pub highlighter: &'a Highlighter,
    /// The words gait adds, in the document's language.
    pub labels: &'a Labels,
    /// The build's pictures: an image of one is shown as a `<picture>` in
    /// several sizes ([`pictures`]).
    pub pictures: Option<&'a PictureSet>,
    /// The site path of the page the document is shown on (`posts/x/`),
    /// which relative image addresses start from.
    pub page: &'a str,
}

/// The words gait adds to rendered Markdown (names for screen readers), in
/// a document's language; `Labels::default()` is English.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Labels {
    /// A heading's `#` link.
    pub section_link: String,
    /// A task list's ticked box.
    pub done: String,
    /// A task list's empty box.
    pub not_done: String,
    /// The region a wide table scrolls in.
    pub table: String,
    /// The region a code block scrolls in.
    pub code: String,
    /// A video's title when its link gives none: `{host}` is YouTube or Vimeo.
    pub video: String,
    /// A footnote reference's name: `{n}` is the note's number.
    pub footnote: String,
    /// A note's link back to its reference: `{n}` is the note's number.
    pub footnote_back: String,
}

impl Default for Labels {
    fn default() -> Labels {
        Labels {
            section_link: "Link to this section".into(),
            done: "Done".into(),
            not_done: "Not done".into(),
            table: "Table".into(),
            code: "Code".into(),
            video: "Video on {host}".into(),
            footnote: "Footnote {n}".into(),
            footnote_back: "Back to reference {n}".into(),
        }
    }
}

/// A link or image found in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundLink {
    /// As written.
    pub dest: String,
    /// 0-based line within the Markdown text.
    pub line: usize,
    pub is_image: bool,
}

/// A rendered document.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    /// Plain text of the first paragraph with words of its own (pictures'
    /// alt text only between them): the default summary.
    pub first_paragraph: String,
    pub words: usize,
    pub links: Vec<FoundLink>,
    /// The site path of every image of the site it shows (found or not):
    /// its HTML changes with their pictures.
    pub pictures: Vec<String>,
    /// (0-based line, message) for things the author may want to fix.
    pub warnings: Vec<(usize, String)>,
    /// Accessibility and safety findings, for `gait check`.
    pub lints: Vec<Lint>,
    /// What the document loads from other hosts when its page opens (raw
    /// HTML and pictures), at 0-based lines.
    pub requests: Vec<crate::privacy::Request>,
    /// The player host of each click-to-play video, which loads only when
    /// a reader presses play.
    pub videos: Vec<&'static str>,
    /// Where `html` was set aside during a single build (`html` is then
    /// empty): read it with [`Rendered::html_text`].
    pub spilled: Option<crate::spill::Spilled>,
}

/// Something `gait check` reports about a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lint {
    /// 0-based line within the Markdown text.
    pub line: usize,
    pub kind: LintKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LintKind {
    /// An image with no alt text.
    MissingAlt { dest: String },
    /// A heading more than one level below the one before it, in the
    /// levels as the author wrote them (`###` is 3), although a body with a
    /// `# heading` is shown a level lower. `from` is 0 when the heading
    /// before it is the page title and the body has a `#` heading (without
    /// one, the title is level 1, as `#` would be).
    SkippedHeading { from: u8, to: u8 },
    /// Raw HTML with `<script>` or an inline event handler.
    RiskyHtml { what: String },
    /// A Markdown link whose address runs code (`javascript:`).
    ScriptLink { scheme: String },
    /// Malformed raw HTML (`</img>`, a `</div>` too many, `target="_href_"`).
    Html(html_check::ProblemKind),
}

impl Rendered {
    /// The HTML, read back if it was set aside.
    pub fn html_text(&self) -> std::io::Result<std::borrow::Cow<'_, str>> {
        crate::spill::text(&self.html, self.spilled.as_ref())
    }

    /// Set the HTML aside in `spill`; on failure it stays in memory.
    pub fn spill_into(&mut self, spill: &std::sync::Arc<crate::spill::Spill>) {
        if let Ok(s) = spill.put(&self.html) {
            self.spilled = Some(s);
            self.html = String::new();
        }
    }

    /// Minutes to read at 200 words a minute, at least 1.
    pub fn reading_minutes(&self) -> usize {
        self.words.div_ceil(200).max(1)
    }
}

fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Render `md` to HTML.
pub fn render(md: &str, opts: &RenderOptions<'_>) -> Rendered {
    let mut walk = Walk::new(md, opts);
    let mut iter = Parser::new_ext(md, parser_options()).into_offset_iter();
    while let Some((event, range)) = iter.next() {
        if walk.too_deep(&event, range.start) {
            continue;
        }
        let at = range.start;
        match event {
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => {
                let inner = iter.by_ref().map(|(e, _)| e);
                walk.heading(level, id, classes, inner, at);
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                walk.code_block(&kind, iter.by_ref().map(|(e, _)| e), at)
            }
            // Its first event tells whether it may be a video address alone.
            Event::Start(Tag::Paragraph) => match iter.next() {
                Some((first, r)) if video::may_start(&first) => {
                    walk.maybe_video(first, r.start, &mut iter)
                }
                Some((first, r)) => {
                    walk.paragraph_start();
                    match first {
                        Event::End(TagEnd::Paragraph) => walk.paragraph_end(),
                        inline => walk.inline(inline, r.start),
                    }
                }
                None => walk.paragraph_start(),
            },
            Event::End(TagEnd::Paragraph) => walk.paragraph_end(),
            Event::Start(Tag::FootnoteDefinition(label)) => walk.footnote_start(&label),
            Event::End(TagEnd::FootnoteDefinition) => walk.footnote_end(),
            Event::TaskListMarker(done) => walk.task_marker(done),
            Event::Start(Tag::Table(align)) => walk.table_start(align),
            Event::End(TagEnd::Table) => walk.table_end(),
            other => walk.inline(other, at),
        }
    }
    walk.finish(md.len())
}

fn shifted(level: HeadingLevel, shift: u8) -> u8 {
    (level as u8 + shift).min(6)
}

/// How deep lists, list items and block quotes may nest in the HTML; deeper
/// ones are left out (their text is kept), so that no page is too deep for
/// browsers and feed readers.
pub const MAX_NESTING: usize = 100;

#[derive(Default)]
struct Nesting {
    depth: usize,
    warned: bool,
}

impl Nesting {
    /// Count open containers; whether `event` opens or closes one that is too deep.
    fn too_deep(&mut self, event: &Event<'_>) -> bool {
        match event {
            Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::Item) => {
                self.depth += 1;
                self.depth > MAX_NESTING
            }
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item) => {
                let deep = self.depth > MAX_NESTING;
                self.depth = self.depth.saturating_sub(1);
                deep
            }
            _ => false,
        }
    }
}

/// The ids of a document's headings and footnotes, made unique within it.
#[derive(Default)]
struct IdSet {
    used: std::collections::HashSet<String>,
    /// The last number added to each id given twice.
    last: std::collections::HashMap<String, usize>,
}

impl IdSet {
    /// `id`, or the first of `id-1`, `id-2`... not given yet.
    fn unique(&mut self, id: String) -> String {
        if self.used.insert(id.clone()) {
            return id;
        }
        let n = self.last.entry(id.clone()).or_insert(0);
        loop {
            *n += 1;
            let next = format!("{id}-{n}");
            if self.used.insert(next.clone()) {
                return next;
            }
        }
    }
}

/// Byte offset → 0-based line.
#[cfg(test)]
mod tests;

//! Walking a document's Markdown events: each kind of element (headings,
//! code blocks, paragraphs, footnotes, task lists, tables, inline content)
//! has its own step, which adds HTML events and records what the document
//! says about itself (words, first paragraph, links, lints, warnings).

use std::ops::Range;

use pulldown_cmark::{Alignment, CodeBlockKind, CowStr, Event, HeadingLevel, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};

use super::footnotes::Footnotes;
use super::highlight::{self, Highlighted};
use super::inline::{rewrite_inline, risky_html};
use super::pictures::{self, Collecting};
use super::scan::{LineIndex, count_words, has_h1};
use super::summary::FirstParagraph;
use super::video;
use super::{
    IdSet, Lint, LintKind, MAX_NESTING, Nesting, RenderOptions, Rendered, phones, shifted,
};

/// The state of one document's walk.
pub(super) struct Walk<'a, 'o> {
    opts: &'a RenderOptions<'o>,
    lines: LineIndex,
    /// Levels every heading moves down (1 when the body has its own `# h1`).
    shift: u8,
    out: Rendered,
    ids: IdSet,
    events: Vec<Event<'a>>,
    paragraph_depth: usize,
    /// The page title is the h1, so the first heading should be an h2.
    last_heading: u8,
    /// An image being read: its line, address, and the length of its alt text so far.
    image: Option<(usize, String, usize)>,
    /// An image of one of the site's pictures, being turned into a `<picture>`.
    picture: Option<Collecting<'o>>,
    /// The default summary, read from the paragraphs.
    summary: FirstParagraph,
    nesting: Nesting,
    /// Raw HTML pieces with their lines, checked together at the end.
    raw_html: Vec<(usize, CowStr<'a>)>,
    notes: Footnotes,
}

impl<'a, 'o> Walk<'a, 'o> {
    pub(super) fn new(md: &'a str, opts: &'a RenderOptions<'o>) -> Self {
        Walk {
            opts,
            lines: LineIndex::new(md),
            shift: u8::from(has_h1(md)),
            out: Rendered::default(),
            ids: IdSet::default(),
            events: Vec::new(),
            paragraph_depth: 0,
            last_heading: 1,
            image: None,
            picture: None,
            summary: FirstParagraph::default(),
            nesting: Nesting::default(),
            raw_html: Vec::new(),
            notes: Footnotes::default(),
        }
    }

    /// Whether `event` is inside lists or quotes nested too deeply to show
    /// (warned about once).
    pub(super) fn too_deep(&mut self, event: &Event<'_>, at: usize) -> bool {
        if !self.nesting.too_deep(event) {
            return false;
        }
        if !self.nesting.warned {
            self.nesting.warned = true;
            self.out.warnings.push((
                self.lines.line(at),
                format!("lists and quotes nest more than {MAX_NESTING} levels deep here; the deeper levels are shown flat"),
            ));
        }
        true
    }

    /// A heading, read to its end: moved down a level when the body has an
    /// h1, given a unique id and a `#` link, and checked for skipped levels.
    pub(super) fn heading(
        &mut self,
        level: HeadingLevel,
        id: Option<CowStr<'a>>,
        classes: Vec<CowStr<'a>>,
        rest: impl Iterator<Item = Event<'a>>,
        at: usize,
    ) {
        let mut inner = Vec::new();
        let mut text = String::new();
        for e in rest {
            if matches!(e, Event::End(TagEnd::Heading(_))) {
                break;
            }
            if let Event::FootnoteReference(label) = &e {
                let labels = self.opts.labels;
                inner.push(self.notes.reference(label, &mut self.ids, labels, false));
                continue;
            }
            if let Event::Text(t) | Event::Code(t) = &e {
                text.push_str(t);
                self.out.words += count_words(t);
            }
            inner.push(rewrite_inline(e, self.opts, &self.lines, at, &mut self.out));
        }
        let written = level as u8;
        let level = shifted(level, self.shift);
        if level > self.last_heading + 1 {
            // In the levels as written: the body's `#` is shown as an h2.
            let from = self.last_heading.saturating_sub(self.shift);
            let kind = LintKind::SkippedHeading { from, to: written };
            self.out.lints.push(Lint {
                line: self.lines.line(at),
                kind,
            });
        }
        self.last_heading = level;
        let id = self
            .ids
            .unique(id.map(|s| s.to_string()).unwrap_or_else(|| {
                let s = crate::slug::slugify(&text);
                if s.is_empty() {
                    "section".to_string()
                } else {
                    s
                }
            }));
        let mut html = format!("<h{level} id=\"");
        let _ = escape_html(&mut html, &id);
        html.push('"');
        if !classes.is_empty() {
            html.push_str(" class=\"");
            let _ = escape_html(&mut html, &classes.join(" "));
            html.push('"');
        }
        html.push('>');
        pulldown_cmark::html::push_html(&mut html, inner.into_iter());
        html.push_str("<a class=\"anchor\" href=\"#");
        let _ = escape_href(&mut html, &id);
        html.push_str("\"><span aria-hidden=\"true\">#</span><span class=\"visually-hidden\">");
        let _ = escape_html(&mut html, &self.opts.labels.section_link);
        html.push_str("</span></a>");
        html.push_str(&format!("</h{level}>\n"));
        self.events.push(Event::Html(html.into()));
    }

    /// A code block, read to its end and highlighted.
    pub(super) fn code_block(
        &mut self,
        kind: &CodeBlockKind<'_>,
        rest: impl Iterator<Item = Event<'a>>,
        at: usize,
    ) {
        let mut code = String::new();
        for e in rest {
            match e {
                Event::End(TagEnd::CodeBlock) => break,
                Event::Text(t) => code.push_str(&t),
                _ => {}
            }
        }
        let lang = match kind {
            CodeBlockKind::Fenced(info) => info
                .split([' ', ',', '{'])
                .next()
                .unwrap_or("")
                .trim()
                .to_string(),
            CodeBlockKind::Indented => String::new(),
        };
        let line = self.lines.line(at);
        let html = code_block(&lang, &code, self.opts, line, &mut self.out);
        self.events.push(Event::Html(html.into()));
    }

    pub(super) fn paragraph_start(&mut self) {
        self.paragraph_depth += 1;
        if self.paragraph_depth == 1 {
            self.summary.start();
        }
        self.events
            .push(Event::Start(pulldown_cmark::Tag::Paragraph));
    }

    pub(super) fn paragraph_end(&mut self) {
        self.paragraph_depth = self.paragraph_depth.saturating_sub(1);
        if self.paragraph_depth == 0 {
            self.summary.end();
        }
        self.events.push(Event::End(TagEnd::Paragraph));
    }

    /// A footnote's definition starts.
    pub(super) fn footnote_start(&mut self, label: &str) {
        let html = self.notes.definition_start(label, &mut self.ids);
        self.events.push(Event::Html(html.into()));
    }

    /// A footnote's definition ends; its back link goes at the end of its
    /// last paragraph.
    pub(super) fn footnote_end(&mut self) {
        let last_p = matches!(self.events.last(), Some(Event::End(TagEnd::Paragraph)));
        self.notes
            .definition_end(self.events.len() - usize::from(last_p));
        self.events.push(Event::Html("</div>\n".into()));
    }

    /// A paragraph that starts like a video address, read to its end: a
    /// click-to-play video when the address is all it holds, else an
    /// ordinary paragraph.
    pub(super) fn maybe_video<I>(&mut self, first: Event<'a>, at: usize, iter: &mut I)
    where
        I: Iterator<Item = (Event<'a>, Range<usize>)>,
    {
        let mut events = vec![first];
        let mut offsets = vec![at];
        for (e, range) in iter.by_ref() {
            if matches!(e, Event::End(TagEnd::Paragraph)) {
                break;
            }
            events.push(e);
            offsets.push(range.start);
        }
        if let Some((v, href, title)) = video::lone(&events) {
            let html = video::html(&v, &href, title.as_deref(), &self.opts.labels.video);
            self.out.words += title.as_deref().map_or(0, count_words);
            self.out.videos.push(v.player_host());
            self.events.push(Event::Html(html.into()));
            return;
        }
        self.paragraph_start();
        for (e, at) in events.into_iter().zip(offsets) {
            self.inline(e, at);
        }
        self.paragraph_end();
    }

    /// A task list's box: shown, not editable, with a name.
    pub(super) fn task_marker(&mut self, done: bool) {
        let labels = self.opts.labels;
        let (checked, label) = if done {
            (" checked", &labels.done)
        } else {
            ("", &labels.not_done)
        };
        let mut label_html = String::new();
        let _ = escape_html(&mut label_html, label);
        self.events.push(Event::Html(
            format!("<input type=\"checkbox\" disabled{checked} aria-label=\"{label_html}\"> ")
                .into(),
        ));
    }

    /// A wide table scrolls inside a region that keyboard users can reach.
    pub(super) fn table_start(&mut self, align: Vec<Alignment>) {
        let mut open = String::from(
            "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"",
        );
        let _ = escape_html(&mut open, &self.opts.labels.table);
        open.push_str("\">\n");
        self.events.push(Event::Html(open.into()));
        self.events
            .push(Event::Start(pulldown_cmark::Tag::Table(align)));
    }

    pub(super) fn table_end(&mut self) {
        self.events.push(Event::End(TagEnd::Table));
        self.events.push(Event::Html("</div>\n".into()));
    }

    /// Anything else: text, links, images, raw HTML. Counted, checked, and
    /// its links rewritten.
    pub(super) fn inline(&mut self, event: Event<'a>, at: usize) {
        if let Event::FootnoteReference(label) = &event {
            let (labels, in_alt) = (self.opts.labels, self.image.is_some());
            let note = self.notes.reference(label, &mut self.ids, labels, in_alt);
            return match self.picture {
                Some(_) => self.picture_part(note),
                None => self.events.push(note),
            };
        }
        if let Event::Html(h) | Event::InlineHtml(h) = &event
            && !self.opts.allow_html
        {
            // Comments may not hold HTML: it is shown as text.
            self.events.push(Event::Text(h.clone()));
            return;
        }
        self.check_inline(&event, at);
        if let Event::Text(t) | Event::Code(t) = &event {
            self.out.words += count_words(t);
            self.summary.text(t, self.image.is_some());
        } else if matches!(event, Event::SoftBreak | Event::HardBreak) {
            self.summary.space(self.image.is_some());
        }
        if self.picture.is_some() {
            return self.picture_part(event);
        }
        let found = match &event {
            Event::Start(pulldown_cmark::Tag::Image { dest_url, .. }) => {
                pictures::lookup(self.opts, dest_url)
            }
            _ => (None, None),
        };
        let event = rewrite_inline(event, self.opts, &self.lines, at, &mut self.out);
        self.out.pictures.extend(found.0);
        if let (Some(planned), Event::Start(pulldown_cmark::Tag::Image { title, .. })) =
            (found.1, &event)
        {
            self.picture = Some(Collecting {
                planned,
                title: title.to_string(),
                alt: String::new(),
            });
            return;
        }
        // Phone numbers stay on one line (not in alt text, which is an attribute).
        self.events.push(match self.image {
            None => phones::keep_together(event),
            Some(_) => event,
        });
    }

    /// An event inside an image of the site's pictures: its alt text, read
    /// up to its end, where the `<picture>` goes.
    fn picture_part(&mut self, event: Event<'a>) {
        match event {
            Event::End(TagEnd::Image) => {
                if let Some(c) = self.picture.take() {
                    let html = pictures::markup(&c, self.opts);
                    self.events.push(Event::InlineHtml(html.into()));
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = self.picture.as_mut() {
                    c.alt.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(c) = self.picture.as_mut() {
                    c.alt.push(' ');
                }
            }
            _ => {}
        }
    }

    /// Images without alt text, and risky raw HTML.
    fn check_inline(&mut self, event: &Event<'a>, at: usize) {
        match event {
            Event::Start(pulldown_cmark::Tag::Image { dest_url, .. }) => {
                let line = self.lines.line(at);
                if let Some(host) = crate::privacy::external_host(dest_url) {
                    let kind = crate::privacy::Kind::Img;
                    let request = crate::privacy::Request { line, kind, host };
                    self.out.requests.push(request);
                }
                self.image = Some((line, dest_url.to_string(), 0));
            }
            Event::Text(t) | Event::Code(t) if self.image.is_some() => {
                if let Some(img) = self.image.as_mut() {
                    img.2 += t.trim().len();
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some((line, dest, 0)) = self.image.take() {
                    self.out.lints.push(Lint {
                        line,
                        kind: LintKind::MissingAlt { dest },
                    });
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                self.raw_html.push((self.lines.line(at), h.clone()));
                if let Some(what) = risky_html(h) {
                    self.out.lints.push(Lint {
                        line: self.lines.line(at),
                        kind: LintKind::RiskyHtml { what },
                    });
                }
            }
            _ => {}
        }
    }

    /// The HTML, the first paragraph's text with its spaces tidied, and the
    /// problems of the raw HTML.
    pub(super) fn finish(mut self, md_len: usize) -> Rendered {
        self.out
            .requests
            .extend(crate::privacy::find(&self.raw_html));
        self.out.requests.sort_by_key(|r| r.line);
        let html_problems = super::html_check::check(&self.raw_html).into_iter();
        self.out.lints.extend(html_problems.map(|p| Lint {
            line: p.line,
            kind: LintKind::Html(p.kind),
        }));
        self.out.first_paragraph = self.summary.finish();
        for (at, link) in self.notes.back_links(self.opts.labels) {
            self.events.insert(at, link);
        }
        let mut html = String::with_capacity(md_len * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, self.events.into_iter());
        html.shrink_to_fit();
        self.out.html = html;
        self.out
    }
}

fn code_block(
    lang: &str,
    code: &str,
    opts: &RenderOptions<'_>,
    line: usize,
    out: &mut Rendered,
) -> String {
    let mut html = String::from(highlight::PRE_OPEN);
    let _ = escape_html(&mut html, &opts.labels.code);
    html.push('"');
    if !lang.is_empty() {
        html.push_str(" data-lang=\"");
        let _ = escape_html(&mut html, lang);
        html.push('"');
    }
    html.push_str("><code>");
    match opts.highlighter.highlight(lang, code) {
        Highlighted::Html(h) => html.push_str(&h),
        Highlighted::UnknownLanguage => {
            out.warnings.push((
                line,
                format!(
                    "the code language `{lang}` is not known, so the block is shown without colours"
                ),
            ));
            let _ = escape_html(&mut html, code);
        }
        Highlighted::Plain => {
            let _ = escape_html(&mut html, code);
        }
    }
    html.push_str("</code></pre>\n");
    html
}

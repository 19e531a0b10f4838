//! Markdown to HTML with pulldown-cmark, plus what a clinic site needs on top:
//! heading ids with anchor links, `rel="noopener"` on external links, base-path
//! aware root-relative links, highlighted code, a plain-text summary, a word
//! count, and the list of internal links for checking.

pub mod highlight;
pub mod html_check;
mod scan;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};

use self::highlight::{Highlighted, Highlighter};
use self::scan::{LineIndex, count_words, has_h1};
use crate::urls::Urls;

/// How to render one document.
pub struct RenderOptions<'a> {
    pub urls: &'a Urls,
    /// Staff-written bodies may hold raw HTML; comments may not.
    pub allow_html: bool,
    pub highlighter: &'a Highlighter,
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
    /// Plain text of the first paragraph.
    pub first_paragraph: String,
    pub words: usize,
    pub links: Vec<FoundLink>,
    /// (0-based line, message) for things the author may want to fix.
    pub warnings: Vec<(usize, String)>,
    /// Accessibility and safety findings, for `gait check`.
    pub lints: Vec<Lint>,
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
    /// A heading more than one level below the one before it.
    SkippedHeading { from: u8, to: u8 },
    /// Raw HTML with `<script>` or an inline event handler.
    RiskyHtml { what: String },
    /// A Markdown link whose address runs code (`javascript:`).
    ScriptLink { scheme: String },
    /// Malformed raw HTML (`</img>`, a `</div>` too many, `target="_href_"`).
    Html(html_check::ProblemKind),
}

impl Rendered {
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
    let lines = LineIndex::new(md);
    let shift = u8::from(has_h1(md));
    let mut out = Rendered::default();
    let mut ids = IdSet::default();
    let mut events: Vec<Event> = Vec::new();
    let mut iter = Parser::new_ext(md, parser_options())
        .into_offset_iter()
        .peekable();
    let mut paragraph_depth = 0usize;
    // The page title is the h1, so the first heading should be an h2.
    let mut last_heading = 1u8;
    let mut image: Option<(usize, String, usize)> = None;
    let mut first_done = false;
    let mut in_first = false;
    let mut nesting = Nesting::default();
    let mut raw_html: Vec<(usize, CowStr)> = Vec::new();

    while let Some((event, range)) = iter.next() {
        if nesting.too_deep(&event) {
            if !nesting.warned {
                nesting.warned = true;
                out.warnings.push((
                    lines.line(range.start),
                    format!("lists and quotes nest more than {MAX_NESTING} levels deep here; the deeper levels are shown flat"),
                ));
            }
            continue;
        }
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs: _,
            }) => {
                let mut inner = Vec::new();
                let mut text = String::new();
                for (e, _) in iter.by_ref() {
                    if matches!(e, Event::End(TagEnd::Heading(_))) {
                        break;
                    }
                    if let Event::Text(t) | Event::Code(t) = &e {
                        text.push_str(t);
                        out.words += count_words(t);
                    }
                    inner.push(rewrite_inline(e, opts, &lines, range.start, &mut out));
                }
                let level = shifted(level, shift);
                if level > last_heading + 1 {
                    out.lints.push(Lint {
                        line: lines.line(range.start),
                        kind: LintKind::SkippedHeading {
                            from: last_heading,
                            to: level,
                        },
                    });
                }
                last_heading = level;
                let id = ids.unique(id.map(|s| s.to_string()).unwrap_or_else(|| {
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
                html.push_str("\"><span aria-hidden=\"true\">#</span><span class=\"visually-hidden\">Link to this section</span></a>");
                html.push_str(&format!("</h{level}>\n"));
                events.push(Event::Html(html.into()));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let mut code = String::new();
                for (e, _) in iter.by_ref() {
                    match e {
                        Event::End(TagEnd::CodeBlock) => break,
                        Event::Text(t) => code.push_str(&t),
                        _ => {}
                    }
                }
                let lang = match &kind {
                    CodeBlockKind::Fenced(info) => info
                        .split([' ', ',', '{'])
                        .next()
                        .unwrap_or("")
                        .trim()
                        .to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                events.push(Event::Html(
                    code_block(&lang, &code, opts, lines.line(range.start), &mut out).into(),
                ));
            }
            Event::Start(Tag::Paragraph) => {
                paragraph_depth += 1;
                if !first_done && paragraph_depth == 1 {
                    in_first = true;
                }
                events.push(Event::Start(Tag::Paragraph));
            }
            Event::End(TagEnd::Paragraph) => {
                paragraph_depth = paragraph_depth.saturating_sub(1);
                if in_first && paragraph_depth == 0 {
                    in_first = false;
                    first_done = !out.first_paragraph.trim().is_empty();
                }
                events.push(Event::End(TagEnd::Paragraph));
            }
            Event::TaskListMarker(done) => {
                let (checked, label) = if done {
                    (" checked", "Done")
                } else {
                    ("", "Not done")
                };
                events.push(Event::Html(
                    format!("<input type=\"checkbox\" disabled{checked} aria-label=\"{label}\"> ")
                        .into(),
                ));
            }
            Event::Start(Tag::Table(align)) => {
                // A wide table scrolls inside a region that keyboard users can reach.
                events.push(Event::Html("<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Table\">\n".into()));
                events.push(Event::Start(Tag::Table(align)));
            }
            Event::End(TagEnd::Table) => {
                events.push(Event::End(TagEnd::Table));
                events.push(Event::Html("</div>\n".into()));
            }
            Event::Html(h) | Event::InlineHtml(h) if !opts.allow_html => {
                events.push(Event::Text(h));
            }
            other => {
                match &other {
                    Event::Start(Tag::Image { dest_url, .. }) => {
                        image = Some((lines.line(range.start), dest_url.to_string(), 0));
                    }
                    Event::Text(t) | Event::Code(t) if image.is_some() => {
                        if let Some(img) = image.as_mut() {
                            img.2 += t.trim().len();
                        }
                    }
                    Event::End(TagEnd::Image) => {
                        if let Some((line, dest, 0)) = image.take() {
                            out.lints.push(Lint {
                                line,
                                kind: LintKind::MissingAlt { dest },
                            });
                        }
                    }
                    Event::Html(h) | Event::InlineHtml(h) => {
                        raw_html.push((lines.line(range.start), h.clone()));
                        if let Some(what) = risky_html(h) {
                            out.lints.push(Lint {
                                line: lines.line(range.start),
                                kind: LintKind::RiskyHtml { what },
                            });
                        }
                    }
                    _ => {}
                }
                if let Event::Text(t) | Event::Code(t) = &other {
                    out.words += count_words(t);
                    if in_first {
                        out.first_paragraph.push_str(t);
                    }
                } else if in_first && matches!(other, Event::SoftBreak | Event::HardBreak) {
                    out.first_paragraph.push(' ');
                }
                events.push(rewrite_inline(other, opts, &lines, range.start, &mut out));
            }
        }
    }
    let html_problems = html_check::check(&raw_html).into_iter();
    out.lints.extend(html_problems.map(|p| Lint {
        line: p.line,
        kind: LintKind::Html(p.kind),
    }));
    out.first_paragraph = out
        .first_paragraph
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let mut html = String::with_capacity(md.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html.shrink_to_fit();
    out.html = html;
    out
}

/// Rewrite links and images: record them, add the base path to
/// root-relative ones, and mark external links `rel="noopener"`.
fn rewrite_inline<'a>(
    event: Event<'a>,
    opts: &RenderOptions<'_>,
    lines: &LineIndex,
    offset: usize,
    out: &mut Rendered,
) -> Event<'a> {
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            out.links.push(FoundLink {
                dest: dest_url.to_string(),
                line: lines.line(offset),
                is_image: false,
            });
            if let Some(scheme) = risky_scheme(&dest_url) {
                if !opts.allow_html {
                    // A comment's `[x](javascript:...)`: the text stays, the link goes.
                    return Event::Html("<a>".into());
                }
                if scheme != "data:" {
                    out.lints.push(Lint {
                        line: lines.line(offset),
                        kind: LintKind::ScriptLink {
                            scheme: scheme.to_string(),
                        },
                    });
                }
            }
            let href = opts.urls.resolve_written(&dest_url);
            if is_external(&href, opts.urls) {
                let mut html = String::from("<a href=\"");
                let _ = escape_href(&mut html, &href);
                html.push('"');
                if !title.is_empty() {
                    html.push_str(" title=\"");
                    let _ = escape_html(&mut html, &title);
                    html.push('"');
                }
                html.push_str(" rel=\"noopener\">");
                return Event::Html(html.into());
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url: CowStr::from(href),
                title,
                id,
            })
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            out.links.push(FoundLink {
                dest: dest_url.to_string(),
                line: lines.line(offset),
                is_image: true,
            });
            if !opts.allow_html && risky_scheme(&dest_url).is_some() {
                return Event::Start(Tag::Image {
                    link_type,
                    dest_url: CowStr::from(""),
                    title,
                    id,
                });
            }
            let src = opts.urls.resolve_written(&dest_url);
            Event::Start(Tag::Image {
                link_type,
                dest_url: CowStr::from(src),
                title,
                id,
            })
        }
        Event::Html(h) | Event::InlineHtml(h) if !opts.allow_html => Event::Text(h),
        other => other,
    }
}

/// The scheme of a link address that can run code when followed
/// (`javascript:`, `vbscript:`; `data:` can carry a page). Browsers ignore
/// spaces, tabs and control characters in the scheme, so they are skipped.
fn risky_scheme(url: &str) -> Option<&'static str> {
    let scheme: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(11)
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .into_iter()
        .find(|s| scheme.starts_with(s))
}

fn is_external(href: &str, urls: &Urls) -> bool {
    let lower = href.get(..8).unwrap_or(href).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://") || href.starts_with("//"))
        && !urls.is_own_absolute(href)
}

fn code_block(
    lang: &str,
    code: &str,
    opts: &RenderOptions<'_>,
    line: usize,
    out: &mut Rendered,
) -> String {
    let mut html = String::from("<pre class=\"code\"");
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

/// `<script>` or an inline event handler (`onclick=`) in raw HTML.
fn risky_html(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    if lower.contains("<script") {
        return Some("<script>".to_string());
    }
    let bytes = lower.as_bytes();
    for (i, _) in lower.match_indices("on") {
        let before_ok = i > 0 && (bytes[i - 1].is_ascii_whitespace() || bytes[i - 1] == b'/');
        let name_end = lower[i..]
            .find(|c: char| !c.is_ascii_alphabetic())
            .map(|n| i + n)
            .unwrap_or(lower.len());
        let after = lower[name_end..].trim_start();
        if before_ok && name_end > i + 2 && after.starts_with('=') {
            return Some(format!("{}=", &lower[i..name_end]));
        }
    }
    if lower.contains("javascript:") {
        return Some("javascript: URL".to_string());
    }
    None
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

/// Heading ids, made unique within one document.
#[derive(Default)]
struct IdSet(std::collections::HashMap<String, usize>);

impl IdSet {
    fn unique(&mut self, id: String) -> String {
        let n = self.0.entry(id.clone()).or_insert(0);
        *n += 1;
        if *n == 1 {
            id
        } else {
            format!("{id}-{}", *n - 1)
        }
    }
}

/// Byte offset → 0-based line.
#[cfg(test)]
mod tests;

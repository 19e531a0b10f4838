//! Inline rewriting: links and images recorded for checking, root-relative
//! addresses given the base path, external links `rel="noopener"`, and code
//! in raw HTML and link addresses flagged.

use pulldown_cmark::{CowStr, Event, LinkType, Tag};
use pulldown_cmark_escape::{escape_href, escape_html};

use super::scan::LineIndex;
use super::{FoundLink, Lint, LintKind, RenderOptions, Rendered};
use crate::urls::Urls;

/// Rewrite links and images: record them, add the base path to
/// root-relative ones, and mark external links `rel="noopener"`.
pub(super) fn rewrite_inline<'a>(
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
            // `<name@example.org>` is written as a `mailto:` link.
            let dest = match link_type {
                LinkType::Email => format!("mailto:{dest_url}"),
                _ => dest_url.to_string(),
            };
            out.links.push(FoundLink {
                dest,
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

/// `<script>` or an inline event handler (`onclick=`) in raw HTML.
pub(super) fn risky_html(html: &str) -> Option<String> {
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

//! Rendering every Markdown document of a site, and what is found in them:
//! warnings, broken links and lints, each located in its source file.

use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::i18n::Lang;
use crate::images::PictureSet;
use crate::links::{self, LinkCache};
use crate::markdown::highlight::Highlighter;
use crate::markdown::{self, LintKind, RenderOptions, Rendered};
use crate::model::Site;
use crate::plan::Known;
use crate::urls;
use crate::views::present::Bodies;

pub use super::documents::{Document, documents};

/// Rendered post bodies kept between rebuilds, by file: (fingerprint, HTML).
pub type BodyCache = foldhash::HashMap<PathBuf, (u64, Arc<Rendered>)>;

/// What a build renders its Markdown with.
pub struct With<'a> {
    pub highlighter: &'a Highlighter,
    /// The theme's text in each language (the words gait adds).
    pub texts: &'a [crate::i18n::Text],
    /// The build's pictures: their images become `<picture>`s.
    pub pictures: &'a PictureSet,
    /// Where a single build sets the posts' HTML aside.
    pub spill: Option<&'a Arc<crate::spill::Spill>>,
}

/// Render every document, in parallel, each with the words of its language;
/// images of the build's pictures become `<picture>`s. With a cache, a post
/// whose text, base URL, words and pictures did not change is not rendered
/// again.
pub fn render_bodies(site: &Site, with: &With<'_>, cache: Option<&mut BodyCache>) -> Bodies {
    let urls = &site.config.urls;
    let labels: Vec<markdown::Labels> = with.texts.iter().map(|t| t.markdown_labels()).collect();
    let render = |text: &str, page: &str, l: Lang, allow_html: bool| {
        let options = RenderOptions {
            urls,
            allow_html,
            highlighter: with.highlighter,
            labels: &labels[l.index()],
            pictures: Some(with.pictures),
            page,
        };
        markdown::render(text, &options)
    };
    let md_in = |text: &str, page: &str, l: Lang| render(text, page, l, true);
    let md = |text: &str, page: &str| md_in(text, page, Lang::DEFAULT);
    let langs = &site.config.languages;
    let config = &site.config;
    let (author_texts, clinic_texts) = translated_texts(site, &md_in);
    let unread = std::sync::Mutex::new(Vec::new());
    let posts = post_bodies(site, with, cache, &md_in, &labels, &unread);
    Bodies {
        posts,
        unread: unread.into_inner().unwrap_or_else(|e| e.into_inner()),
        authors: site
            .authors
            .iter()
            .map(|a| md(&a.doc.bio, &urls::author(&a.doc.slug)))
            .collect(),
        clinics: site
            .clinics
            .iter()
            .map(|c| md(&c.doc.description, &urls::clinic(&c.doc.slug)))
            .collect(),
        author_texts,
        clinic_texts,
        pages: site
            .pages
            .iter()
            .map(|p| md_in(&p.body, &site.path_in(p.lang, &urls::page(&p.slug)), p.lang))
            .collect(),
        comments: site
            .posts
            .par_iter()
            .enumerate()
            .map(|(i, p)| {
                let page = site.post_path(i);
                p.comments()
                    .iter()
                    .map(|c| render(&c.body, &page, Lang::DEFAULT, false).html)
                    .collect()
            })
            .collect(),
        callouts: langs
            .all()
            .map(|l| {
                config
                    .callouts_in(l)
                    .iter()
                    .map(|c| md_in(&c.body, "", l).html)
                    .collect()
            })
            .collect(),
        finder_intro: langs
            .all()
            .map(|l| match &config.finder {
                Some(f) => {
                    let page = site.path_in(l, &format!("{}/", f.path));
                    md_in(config.finder_intro_in(l), &page, l).html
                }
                None => String::new(),
            })
            .collect(),
        disclaimer: langs
            .all()
            .map(|l| match config.disclaimer_in(l) {
                (text, _) if text.trim().is_empty() => String::new(),
                (text, written) => md_in(text, "", written).html,
            })
            .collect(),
    }
}

type Md<'a> = dyn Fn(&str, &str, Lang) -> Rendered + Sync + 'a;

/// Per language, the authors' translated bios and the clinics' translated
/// descriptions (`None` where there is none).
type Translated = Vec<Vec<Option<Rendered>>>;

fn translated_texts(site: &Site, md: &Md<'_>) -> (Translated, Translated) {
    let langs = &site.config.languages;
    let authors = langs
        .all()
        .map(|l| {
            site.authors
                .iter()
                .map(|a| {
                    let page = site.path_in(l, &urls::author(&a.doc.slug));
                    a.text(l).map(|t| md(&t.bio, &page, l))
                })
                .collect()
        })
        .collect();
    let clinics = langs
        .all()
        .map(|l| {
            site.clinics
                .iter()
                .map(|c| {
                    let page = site.path_in(l, &urls::clinic(&c.doc.slug));
                    c.text(l).map(|t| md(&t.description, &page, l))
                })
                .collect()
        })
        .collect();
    (authors, clinics)
}

fn post_bodies(
    site: &Site,
    with: &With<'_>,
    cache: Option<&mut BodyCache>,
    md: &Md<'_>,
    labels: &[markdown::Labels],
    unread: &std::sync::Mutex<Vec<Diagnostic>>,
) -> Vec<Arc<Rendered>> {
    let render = |i: usize| {
        let doc = &site.posts[i].doc;
        // A single build reads the Markdown again here (the loader let it go).
        let text = doc.markdown().unwrap_or_else(|d| {
            unread.lock().unwrap_or_else(|e| e.into_inner()).push(d);
            std::borrow::Cow::Borrowed("")
        });
        md(&text, &site.post_path(i), doc.lang)
    };
    // What a body's HTML depends on: its text, the base URL, the words of
    // its language, and the pictures it shows (which only its last
    // rendering knows).
    let words: Vec<u64> = labels.iter().map(crate::fingerprint::of).collect();
    let key = |i: usize, r: &Rendered| {
        let words = words[site.posts[i].doc.lang.index()];
        let shown = with
            .pictures
            .versions(r.pictures.iter().map(String::as_str));
        crate::plan::inputs::Versions::body(site, i, words, shown)
    };
    let Some(cache) = cache else {
        return (0..site.posts.len())
            .into_par_iter()
            .map(|i| {
                let mut r = render(i);
                if let Some(spill) = with.spill {
                    r.spill_into(spill);
                }
                Arc::new(r)
            })
            .collect();
    };
    // (key, body, whether it was rendered now)
    let found: Vec<(u64, Arc<Rendered>, bool)> = site
        .posts
        .par_iter()
        .enumerate()
        .map(|(i, p)| match cache.get(&p.doc.file) {
            Some((old, r)) if *old == key(i, r) => (*old, r.clone(), false),
            _ => {
                let r = render(i);
                (key(i, &r), Arc::new(r), true)
            }
        })
        .collect();
    let mut bodies = Vec::with_capacity(found.len());
    for (p, (k, r, new)) in site.posts.iter().zip(found) {
        if new {
            cache.insert(p.doc.file.clone(), (k, r.clone()));
        }
        bodies.push(r);
    }
    site.forget_gone_posts(cache);
    bodies
}

/// Warnings from rendering (unknown code languages).
pub fn warnings(docs: &[Document<'_>], diags: &mut Diagnostics) {
    for d in docs {
        for (line, msg) in &d.rendered.warnings {
            diags.push(Diagnostic::warning(d.file, msg.clone()).at_line(Some(d.first_line + line)));
        }
    }
}

/// Internal links and images that point nowhere: errors. With a cache, a
/// post whose body was not rendered again is not checked again either,
/// unless the site's set of addresses changed.
pub fn check_links(
    docs: &[Document<'_>],
    known: &Known,
    mut cache: Option<&mut LinkCache>,
    diags: &mut Diagnostics,
) {
    if let Some(c) = cache.as_deref_mut() {
        c.begin(known);
    }
    for d in docs {
        if let (Some(c), Some(r)) = (cache.as_deref(), d.shared)
            && let Some(found) = c.get(r)
        {
            diags.extend(found.iter().cloned());
            continue;
        }
        let mut found = links::check(
            known,
            &d.page(),
            &d.rendered.links,
            d.file,
            d.first_line,
            d.body,
        );
        d.add_snippets(&mut found);
        if let (Some(c), Some(r)) = (cache.as_deref_mut(), d.shared) {
            c.insert(r, found.clone());
        }
        diags.extend(found);
    }
    if let Some(c) = cache {
        c.retain(docs.iter().filter_map(|d| d.shared));
    }
}

/// Accessibility and safety lints. `strict` (gait check) makes missing alt
/// text and skipped headings errors; a build only warns.
pub fn lints(docs: &[Document<'_>], strict: bool, diags: &mut Diagnostics) {
    for d in docs {
        let text = match d.rendered.lints.is_empty() {
            true => std::borrow::Cow::Borrowed(""),
            false => d.text(),
        };
        for lint in &d.rendered.lints {
            let (severity, message, help) = match &lint.kind {
                LintKind::MissingAlt { dest } => (
                    if strict { Severity::Error } else { Severity::Warning },
                    format!("the image `{dest}` has no alt text"),
                    "describe the picture between the brackets: ![A therapist guiding a hip stretch](photo.jpg)".to_string(),
                ),
                LintKind::SkippedHeading { from, to } => {
                    let (message, help) = skipped_heading(*from, *to);
                    let severity = if strict { Severity::Error } else { Severity::Warning };
                    (severity, message, help)
                }
                LintKind::RiskyHtml { what } => (
                    Severity::Warning,
                    format!("raw HTML with {what} runs code in readers' browsers"),
                    "remove it unless you are sure it is needed and safe".to_string(),
                ),
                LintKind::ScriptLink { scheme } => (
                    Severity::Warning,
                    format!("a `{scheme}` link runs code in readers' browsers"),
                    "link to a page instead, or remove the link".to_string(),
                ),
                LintKind::Html(problem) => (
                    if strict { Severity::Error } else { Severity::Warning },
                    problem.message(),
                    problem.help(),
                ),
            };
            let mut diag = Diagnostic::error(d.file, message)
                .at_line(Some(d.first_line + lint.line))
                .with_help(help);
            diag.severity = severity;
            diag.snippet = text
                .lines()
                .nth(lint.line)
                .map(|l| l.trim_end().to_string());
            diags.push(diag);
        }
    }
}

/// The message and help of a heading that skips levels, `from` and `to` as
/// the author wrote them (0: the page title, before a body with a `#`).
fn skipped_heading(from: u8, to: u8) -> (String, String) {
    let message = match from {
        0 => format!("this heading jumps from the page title to level {to}"),
        _ => format!("this heading jumps from level {from} to level {to}"),
    };
    let marks = "#".repeat(usize::from(from) + 1);
    let help = format!("use {marks} so screen-reader users can follow the outline");
    (message, help)
}

#[cfg(test)]
mod tests {
    use super::skipped_heading;

    #[test]
    fn a_skipped_heading_is_told_in_the_levels_as_written() {
        let cases = [
            (
                2,
                4,
                "this heading jumps from level 2 to level 4",
                "use ###",
            ),
            (1, 3, "this heading jumps from level 1 to level 3", "use ##"),
            (
                0,
                3,
                "this heading jumps from the page title to level 3",
                "use #",
            ),
            (
                4,
                6,
                "this heading jumps from level 4 to level 6",
                "use #####",
            ),
        ];
        for (from, to, message, help) in cases {
            assert_eq!(
                skipped_heading(from, to),
                (
                    message.to_string(),
                    format!("{help} so screen-reader users can follow the outline")
                ),
                "{from} {to}"
            );
        }
    }
}

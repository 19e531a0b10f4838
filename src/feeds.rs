//! Machine-readable files: the Atom feeds (the site's, and each author's and
//! category's), the sitemap and robots.txt. [`plan`] adds them to the plan;
//! [`Feeds`], [`sitemap`] and [`robots`] make them.
//!
//! Written in code rather than templates so that XML escaping and absolute
//! URLs are always right.

use std::fmt::Write;
use std::sync::{Arc, OnceLock};

use crate::date::Date;
use crate::i18n::Lang;
use crate::model::{Site, Taxonomy};
use crate::plan::{Claim, FeedOf, Job, Maker, Plan, What};
use crate::urls::{self, Urls};
use crate::views::PostView;

/// Posts in the feed.
pub const FEED_ENTRIES: usize = 20;

/// Text for XML: escaped, and without the characters XML 1.0 forbids even
/// as references (control characters other than tab and line ends, U+FFFE,
/// U+FFFF), which a YAML escape like `"\x01"` can put in a title; one of
/// them would make the whole feed unreadable.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    esc_into(&mut out, s);
    out
}

/// [`esc`], appended to `out`.
fn esc_into(out: &mut String, s: &str) {
    let forbidden = |c: char| {
        (c < '\u{20}' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
    };
    // Bytes that can be (or start) a forbidden character: checked byte-wise
    // first, since nearly every text has none, 16 at a time (without an
    // early exit inside a block, so the compiler can vectorise it).
    let maybe = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0xEF;
    let block = |c: &[u8]| c.iter().fold(false, |any, &b| any | maybe(b));
    if s.as_bytes().chunks(16).any(block) && s.contains(forbidden) {
        let _ = pulldown_cmark_escape::escape_html(&mut *out, &s.replace(forbidden, ""));
    } else {
        let _ = pulldown_cmark_escape::escape_html(&mut *out, s);
    }
}

/// Make every `href` and `src` in a page's HTML absolute, resolved against
/// the page's own address, because feed readers show it out of place.
pub fn absolutize(html: &str, page: &str) -> String {
    let Ok(base) = url::Url::parse(page) else {
        return html.to_string();
    };
    const ATTRS: [&str; 2] = [" href=\"", " src=\""];
    let find = |from: usize, attr: &str| html[from..].find(attr).map(|i| from + i);
    // The next place of each attribute at or after `done`; each is searched
    // for again only once it has been passed.
    let mut next = ATTRS.map(|a| find(0, a));
    let mut out = String::with_capacity(html.len() + 256);
    let mut done = 0;
    while let Some((i, len)) = next
        .iter()
        .zip(ATTRS)
        .filter_map(|(at, a)| at.map(|i| (i, a.len())))
        .min()
    {
        let value_start = i + len;
        let Some(value_len) = html[value_start..].find('"') else {
            break;
        };
        out.push_str(&html[done..value_start]);
        let value = &html[value_start..value_start + value_len];
        // Values are HTML-escaped; `&amp;` in a query stays as it is.
        match base.join(&value.replace("&amp;", "&")) {
            Ok(abs) => out.push_str(&abs.as_str().replace('&', "&amp;")),
            Err(_) => out.push_str(value),
        }
        done = value_start + value_len;
        for (at, a) in next.iter_mut().zip(ATTRS) {
            if at.is_some_and(|p| p < done) {
                *at = find(done, a);
            }
        }
    }
    out.push_str(&html[done..]);
    out
}

/// Site path of the feed of a listing page: `authors/x/` → `authors/x/feed.xml`.
pub fn feed_path(listing_path: &str) -> String {
    format!("{listing_path}feed.xml")
}

/// Add the feeds (each language's), the sitemap and robots.txt to `plan`.
pub fn plan(site: &Site, plan: &mut Plan) {
    let feed = |of| Maker::Feed(of);
    for l in site.config.languages.all() {
        plan.made(
            site.path_in(l, urls::FEED),
            feed(FeedOf::Site(l)),
            0,
            Claim::Gait("the Atom feed"),
        );
        for (i, a) in site.authors.iter().enumerate() {
            let path = feed_path(&site.path_in(l, &urls::author(&a.doc.slug)));
            plan.made(
                path,
                feed(FeedOf::Author(l)),
                i,
                Claim::Gait("an author's Atom feed"),
            );
        }
    }
    let mut terms = vec![(Taxonomy::Categories, "a category's Atom feed")];
    if site.config.tag_feeds {
        terms.push((Taxonomy::Tags, "a tag's Atom feed"));
    }
    for (t, what) in terms {
        for i in 0..site.terms(t).len() {
            let path = feed_path(&site.term_path(t, i));
            plan.made(path, feed(FeedOf::Term(t)), i, Claim::Gait(what));
        }
    }
    plan.made(
        urls::SITEMAP.into(),
        Maker::Sitemap,
        0,
        Claim::Gait("the sitemap"),
    );
    plan.made(
        urls::ROBOTS.into(),
        Maker::Robots,
        0,
        Claim::Gait("robots.txt"),
    );
}

/// The Atom feeds of one write. Each post's `<entry>` (its title, summary
/// and content escaped) is made once, by the first feed that shows it, and
/// reused by every other (the site's, its authors', its categories').
pub struct Feeds<'a> {
    site: &'a Site,
    posts: &'a [Arc<PostView>],
    /// Per post: its entry in its own language's feeds, once made.
    entries: Vec<OnceLock<String>>,
}

impl<'a> Feeds<'a> {
    pub fn new(site: &'a Site, posts: &'a [Arc<PostView>]) -> Feeds<'a> {
        Feeds {
            site,
            posts,
            entries: (0..posts.len()).map(|_| OnceLock::new()).collect(),
        }
    }

    /// The Atom feed `of` item `item` (an author or category). Fails only
    /// when a post's HTML, set aside on disk, cannot be read back.
    pub fn feed(&self, of: FeedOf, item: usize) -> std::io::Result<String> {
        let site = self.site;
        let config = &site.config;
        let newest = |items: &[usize]| items[..items.len().min(FEED_ENTRIES)].to_vec();
        let (lang, name, path, items) = match of {
            FeedOf::Site(l) => {
                let newest: Vec<usize> = site.posts_in(l).take(FEED_ENTRIES).collect();
                let home = site.path_in(l, "");
                let feed = site.path_in(l, urls::FEED);
                let title = config.title_in(l);
                return self.atom(&newest, title, &feed, &home, l);
            }
            FeedOf::Author(l) => {
                let a = &site.authors[item];
                let path = site.path_in(l, &urls::author(&a.doc.slug));
                (l, &a.doc.name, path, newest(site.of_lang(&a.posts, l)))
            }
            FeedOf::Term(taxonomy) => {
                let t = &site.terms(taxonomy)[item];
                let path = site.term_path(taxonomy, item);
                (t.lang, &t.name, path, newest(&t.posts))
            }
        };
        let title = format!("{name} · {}", config.title_in(lang));
        self.atom(&items, &title, &feed_path(&path), &path, lang)
    }

    /// An Atom feed in `lang` titled `title` at site path `self_path`, of
    /// posts `items` (indices, newest first), whose HTML page is at `alternate_path`.
    fn atom(
        &self,
        items: &[usize],
        title: &str,
        self_path: &str,
        alternate_path: &str,
        lang: Lang,
    ) -> std::io::Result<String> {
        let site = self.site;
        let u = &site.config.urls;
        let mut out = String::with_capacity(64 * 1024);
        let updated = items
            .iter()
            .map(|&i| &site.posts[i])
            .map(|p| p.doc.updated.unwrap_or(p.doc.date))
            .max()
            .map(|d| d.iso())
            .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
        let _ = write!(
            out,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n<title>{title}</title>\n<subtitle>{desc}</subtitle>\n<link href=\"{feed}\" rel=\"self\" type=\"application/atom+xml\"/>\n<link href=\"{home}\" rel=\"alternate\" type=\"text/html\"/>\n<id>{home}</id>\n<updated>{updated}</updated>\n<generator>gait</generator>\n",
            lang = esc(site.config.languages.code(lang)),
            title = esc(title),
            desc = esc(site.config.description_in(lang)),
            feed = esc(&u.permalink(self_path)),
            home = esc(&u.permalink(alternate_path)),
        );
        for &i in items {
            // A post's entry in its own language's feeds is made once; in
            // another's (its authors' links differ) it is made afresh.
            match (self.site.posts[i].doc.lang == lang, self.entries[i].get()) {
                (true, Some(entry)) => out.push_str(entry),
                (true, None) => {
                    let entry = self.entry(i, lang)?;
                    out.push_str(self.entries[i].get_or_init(|| entry));
                }
                (false, _) => out.push_str(&self.entry(i, lang)?),
            }
        }
        out.push_str("</feed>\n");
        Ok(out)
    }

    /// Post `i`'s `<entry>` in a feed in `lang`.
    fn entry(&self, i: usize, lang: Lang) -> std::io::Result<String> {
        let site = self.site;
        let u = &site.config.urls;
        let (p, view) = (&site.posts[i], &self.posts[i]);
        let link = u.permalink(&site.post_path(i));
        let content = view.content.text()?;
        let mut out = String::with_capacity(content.len() + 1024);
        let _ = write!(
            out,
            "<entry>\n<title>{title}</title>\n<link href=\"{link}\" rel=\"alternate\" type=\"text/html\"/>\n<id>{link}</id>\n<published>{published}</published>\n<updated>{updated}</updated>\n",
            title = esc(&view.summary.title),
            link = esc(&link),
            published = p.doc.date.iso(),
            updated = p.doc.updated.unwrap_or(p.doc.date).iso(),
        );
        for a in &view.summary.authors {
            let _ = writeln!(
                out,
                "<author><name>{}</name><uri>{}</uri></author>",
                esc(&a.name),
                esc(&u.permalink(&site.path_in(lang, &urls::author(&a.slug))))
            );
        }
        for c in &view.summary.categories {
            let _ = writeln!(
                out,
                "<category term=\"{}\" label=\"{}\"/>",
                esc(&c.slug),
                esc(&c.name)
            );
        }
        out.push_str("<summary>");
        esc_into(&mut out, &view.summary.summary);
        out.push_str("</summary>\n<content type=\"html\">");
        esc_into(&mut out, &absolutize(&content, &link));
        out.push_str("</content>\n</entry>\n");
        Ok(out)
    }
}

/// Every version of a page (language, site path), itself included, or
/// nothing when it has none in another language.
pub type PageVersions<'a> = &'a dyn Fn(Job, &str) -> Vec<(Lang, String)>;

/// The sitemap: every page of `plan` a reader may land on (not redirects or
/// the 404 page), with the last change `lastmod` gives and, on a site in
/// several languages, the page's versions in each (`xhtml:link`).
pub fn sitemap(
    site: &Site,
    plan: &Plan,
    lastmod: &dyn Fn(Job) -> Option<Date>,
    versions: PageVersions<'_>,
) -> String {
    let u = &site.config.urls;
    let langs = &site.config.languages;
    let mut out = String::with_capacity(plan.outputs.len() * 80);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"");
    if langs.is_multilingual() {
        out.push_str(" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"");
    }
    out.push_str(">\n");
    for o in plan.outputs.iter().filter(|o| o.listed) {
        let What::Page(job) = o.what else {
            continue;
        };
        let _ = write!(out, "<url><loc>{}</loc>", esc(&u.permalink(&o.path)));
        if let Some(day) = lastmod(job) {
            let _ = write!(out, "<lastmod>{}</lastmod>", day.day());
        }
        let all = match langs.is_multilingual() {
            true => versions(job, &o.path),
            false => Vec::new(),
        };
        for (l, path) in &all {
            let _ = write!(
                out,
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                esc(langs.code(*l)),
                esc(&u.permalink(path))
            );
        }
        if let Some((_, path)) = all.first() {
            let _ = write!(
                out,
                "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>",
                esc(&u.permalink(path))
            );
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

pub fn robots(urls: &Urls) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        urls.permalink(urls::SITEMAP)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolutize_under_base_path() {
        let page = "https://example.org/blog/posts/y/";
        assert_eq!(
            absolutize(
                "<a href=\"/blog/posts/x/\"><img src=\"/blog/a.svg\"></a><a href=\"#f\"> <img src=\"diagram.svg\"> <a href=\"../z/?a=1&amp;b=2\"> <a href=\"https://apta.org/\" rel=\"noopener\"> <a href=\"mailto:a@b.c\">",
                page
            ),
            "<a href=\"https://example.org/blog/posts/x/\"><img src=\"https://example.org/blog/a.svg\"></a><a href=\"https://example.org/blog/posts/y/#f\"> <img src=\"https://example.org/blog/posts/y/diagram.svg\"> <a href=\"https://example.org/blog/posts/z/?a=1&amp;b=2\"> <a href=\"https://apta.org/\" rel=\"noopener\"> <a href=\"mailto:a@b.c\">"
        );
    }

    #[test]
    fn robots_points_at_sitemap() {
        let u = Urls::new("https://example.org/blog/").unwrap();
        assert_eq!(
            robots(&u),
            "User-agent: *\nAllow: /\n\nSitemap: https://example.org/blog/sitemap.xml\n"
        );
    }
}

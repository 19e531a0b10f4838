//! Machine-readable files: the Atom feed, the sitemap and robots.txt.
//!
//! Written in code rather than templates so that XML escaping and absolute
//! URLs are always right.

use std::fmt::Write;

use super::plan::{Job, Planned};
use super::views::PostView;
use crate::model::Site;
use crate::urls::{self, Urls};

/// Posts in the feed.
pub const FEED_ENTRIES: usize = 20;

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
}

/// Make root-relative `href`/`src` in HTML absolute, for feed readers.
pub fn absolutize(html: &str, urls: &Urls) -> String {
    let origin = urls
        .base_url()
        .strip_suffix(urls.base_path())
        .unwrap_or(urls.base_url());
    html.replace("href=\"/", &format!("href=\"{origin}/"))
        .replace("src=\"/", &format!("src=\"{origin}/"))
}

/// The Atom feed of the newest posts.
pub fn atom(site: &Site, posts: &[PostView]) -> String {
    let u = &site.config.urls;
    let mut out = String::with_capacity(64 * 1024);
    let updated = site
        .posts
        .iter()
        .take(FEED_ENTRIES)
        .map(|p| p.doc.updated.unwrap_or(p.doc.date))
        .max()
        .map(|d| d.iso())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n<title>{title}</title>\n<subtitle>{desc}</subtitle>\n<link href=\"{feed}\" rel=\"self\" type=\"application/atom+xml\"/>\n<link href=\"{home}\" rel=\"alternate\" type=\"text/html\"/>\n<id>{home}</id>\n<updated>{updated}</updated>\n<generator>gait</generator>\n",
        lang = esc(&site.config.language),
        title = esc(&site.config.title),
        desc = esc(&site.config.description),
        feed = esc(&u.permalink(urls::FEED)),
        home = esc(&u.permalink("")),
    );
    for (p, view) in site.posts.iter().zip(posts).take(FEED_ENTRIES) {
        let link = u.permalink(&urls::post(&p.doc.slug));
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
                esc(&u.permalink(&urls::author(&a.slug)))
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
        let _ = write!(
            out,
            "<summary>{}</summary>\n<content type=\"html\">{}</content>\n</entry>\n",
            esc(&view.summary.summary),
            esc(&absolutize(&view.content, u)),
        );
    }
    out.push_str("</feed>\n");
    out
}

/// The sitemap: every page a reader may land on (not redirects or the 404 page).
pub fn sitemap(site: &Site, planned: &[Planned], extra_paths: &[String]) -> String {
    let u = &site.config.urls;
    let mut out = String::with_capacity(planned.len() * 80);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for p in planned {
        let lastmod = match &p.job {
            Job::Redirect { .. } | Job::NotFound => continue,
            Job::Post(i) => {
                let d = &site.posts[*i].doc;
                Some(d.updated.unwrap_or(d.date).day())
            }
            _ => None,
        };
        let _ = write!(out, "<url><loc>{}</loc>", esc(&u.permalink(&p.path)));
        if let Some(day) = lastmod {
            let _ = write!(out, "<lastmod>{day}</lastmod>");
        }
        out.push_str("</url>\n");
    }
    for path in extra_paths {
        let _ = writeln!(out, "<url><loc>{}</loc></url>", esc(&u.permalink(path)));
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
        let u = Urls::new("https://example.org/blog").unwrap();
        assert_eq!(
            absolutize(
                "<a href=\"/blog/posts/x/\"><img src=\"/blog/a.svg\"></a><a href=\"#f\">",
                &u
            ),
            "<a href=\"https://example.org/blog/posts/x/\"><img src=\"https://example.org/blog/a.svg\"></a><a href=\"#f\">"
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

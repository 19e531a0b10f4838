//! URLs of the site: every page's path, under the site's `base_url`.
//!
//! A page is named by its *site path*, like `posts/hip-pain/` (no leading
//! slash, `""` for the home page). [`Urls`] turns that into the root-relative
//! URL used in links (`/blog/posts/hip-pain/` when the site lives under
//! `/blog`), the absolute permalink, and the output file.

use std::path::PathBuf;

/// The site's base URL, split for building links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Urls {
    /// `https://example.org/blog`, without a trailing slash.
    base_url: String,
    /// `/blog`, or `""` at the root of a host.
    base_path: String,
}

impl Urls {
    /// Check and split a base URL such as `https://example.org/blog/`.
    pub fn new(base_url: &str) -> Result<Urls, String> {
        let trimmed = base_url.trim();
        let parsed = url::Url::parse(trimmed).map_err(|e| {
            format!("`{trimmed}` is not a valid URL ({e}): write it like https://www.example.org")
        })?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
            return Err(format!(
                "`{trimmed}` must start with https:// (or http://) and name a host, like https://www.example.org"
            ));
        }
        if parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(format!("`{trimmed}` must not contain `?` or `#`"));
        }
        let base_path = parsed.path().trim_end_matches('/').to_string();
        let origin = parsed.origin().ascii_serialization();
        Ok(Urls {
            base_url: format!("{origin}{base_path}"),
            base_path,
        })
    }

    /// A site at the root of an unnamed host, for code that needs some `Urls`
    /// before the site's are known.
    pub fn root() -> Urls {
        Urls {
            base_url: String::new(),
            base_path: String::new(),
        }
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    /// Root-relative URL of a site path: `posts/x/` → `/blog/posts/x/`.
    pub fn url(&self, site_path: &str) -> String {
        format!("{}/{}", self.base_path, site_path.trim_start_matches('/'))
    }

    /// Absolute URL of a site path.
    pub fn permalink(&self, site_path: &str) -> String {
        format!("{}/{}", self.base_url, site_path.trim_start_matches('/'))
    }

    /// A URL written by a person (in site.yaml or Markdown): root-relative
    /// ones get the base path, anything else (absolute, relative, `#x`,
    /// `mailto:`) is kept as written.
    pub fn resolve_written(&self, written: &str) -> String {
        if written.starts_with('/') && !written.starts_with("//") {
            self.url(written)
        } else {
            written.to_string()
        }
    }

    /// The site path of a root-relative URL of this site, if it is one.
    pub fn site_path_of<'a>(&self, url: &'a str) -> Option<&'a str> {
        let rest = url.strip_prefix(self.base_path.as_str())?;
        rest.strip_prefix('/')
    }

    /// Whether an absolute URL points at this site.
    pub fn is_own_absolute(&self, url: &str) -> bool {
        url.strip_prefix(self.base_url.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    }
}

/// The output file of a site path: `posts/x/` → `posts/x/index.html`;
/// a path with a file name (`feed.xml`) is kept.
pub fn output_file(site_path: &str) -> PathBuf {
    let p = site_path.trim_start_matches('/');
    if p.is_empty() || p.ends_with('/') {
        PathBuf::from(format!("{p}index.html"))
    } else {
        PathBuf::from(p)
    }
}

/// Site path of page `n` (1-based) of a listing whose first page is `first`.
pub fn paginated(first: &str, n: usize) -> String {
    if n <= 1 {
        first.to_string()
    } else {
        format!("{first}page/{n}/")
    }
}

pub fn post(slug: &str) -> String {
    format!("posts/{slug}/")
}
pub fn author(slug: &str) -> String {
    format!("authors/{slug}/")
}
pub fn clinic(slug: &str) -> String {
    format!("clinics/{slug}/")
}
pub fn category(slug: &str) -> String {
    format!("categories/{slug}/")
}
pub fn tag(slug: &str) -> String {
    format!("tags/{slug}/")
}
pub fn page(slug: &str) -> String {
    format!("{slug}/")
}

pub const AUTHORS: &str = "authors/";
pub const CLINICS: &str = "clinics/";
pub const CATEGORIES: &str = "categories/";
pub const SEARCH: &str = "search/";
pub const FEED: &str = "feed.xml";
pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";
pub const NOT_FOUND: &str = "404.html";

/// Whether `url`, written by staff for a link (a booking page, a website),
/// is safe to put in an `href`: a web, mail or phone address, or a path on
/// this site. Schemes such as `javascript:` or `data:` run code or carry
/// content of their own and are refused.
pub fn is_safe_link(url: &str) -> bool {
    let url = url.trim();
    let scheme = url
        .split_once(':')
        .map(|(s, _)| s)
        .filter(|s| !s.contains(['/', '?', '#']));
    match scheme {
        None => !url.is_empty(),
        Some(s) => ["http", "https", "mailto", "tel"]
            .iter()
            .any(|ok| s.eq_ignore_ascii_case(ok)),
    }
}

/// The error (message, help) for a link [`is_safe_link`] refuses; `None`
/// for a safe link or none.
pub fn link_problem(url: Option<&str>) -> Option<(String, &'static str)> {
    let url = url.filter(|u| !is_safe_link(u))?;
    Some((
        format!("`{url}` is not a link readers can safely follow"),
        "write a web address like https://example.com/book (or mailto:, tel:, or a path like /contact/)",
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn safe_links() {
        for ok in [
            "https://book.example.com/kestrel",
            "HTTP://x.org",
            "mailto:front@kestrel.example",
            "tel:+15125550100",
            "/contact/",
            "contact/",
            "/search/?q=a:b",
        ] {
            assert!(is_safe_link(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "data:text/html,<script>",
            "vbscript:x",
            "",
        ] {
            assert!(!is_safe_link(bad), "{bad}");
        }
    }

    use super::*;

    #[test]
    fn base_url_table() {
        let cases = [
            ("https://example.org", "https://example.org", ""),
            ("https://example.org/", "https://example.org", ""),
            (
                "https://example.org/blog",
                "https://example.org/blog",
                "/blog",
            ),
            (
                "https://example.org/blog/",
                "https://example.org/blog",
                "/blog",
            ),
            ("http://127.0.0.1:1111/", "http://127.0.0.1:1111", ""),
            (
                "HTTPS://Example.ORG/a/b/",
                "https://example.org/a/b",
                "/a/b",
            ),
        ];
        for (input, base, path) in cases {
            let u = Urls::new(input).unwrap();
            assert_eq!((u.base_url(), u.base_path()), (base, path), "{input}");
        }
        for bad in [
            "example.org",
            "ftp://example.org",
            "https://",
            "/blog",
            "https://x.org/?a=1",
        ] {
            assert!(Urls::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn urls_with_base_path() {
        let u = Urls::new("https://example.org/blog/").unwrap();
        assert_eq!(u.url(""), "/blog/");
        assert_eq!(u.url(&post("hip")), "/blog/posts/hip/");
        assert_eq!(u.permalink(FEED), "https://example.org/blog/feed.xml");
        assert_eq!(u.resolve_written("/about/"), "/blog/about/");
        assert_eq!(u.resolve_written("https://x.org/"), "https://x.org/");
        assert_eq!(u.resolve_written("img.png"), "img.png");
        assert_eq!(u.resolve_written("//cdn.x.org/a"), "//cdn.x.org/a");
        assert_eq!(u.site_path_of("/blog/posts/x/"), Some("posts/x/"));
        assert_eq!(u.site_path_of("/other/"), None);
        assert!(u.is_own_absolute("https://example.org/blog/posts/"));
        assert!(!u.is_own_absolute("https://example.org/blogx"));
    }

    #[test]
    fn output_files() {
        assert_eq!(output_file(""), PathBuf::from("index.html"));
        assert_eq!(output_file("posts/x/"), PathBuf::from("posts/x/index.html"));
        assert_eq!(output_file("feed.xml"), PathBuf::from("feed.xml"));
        assert_eq!(paginated("", 1), "");
        assert_eq!(paginated("", 3), "page/3/");
        assert_eq!(paginated("tags/hip/", 2), "tags/hip/page/2/");
    }
}

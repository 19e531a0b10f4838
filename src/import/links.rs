//! Addresses on the old WordPress site and what they become.
//!
//! [`OldSite`] knows the old hosts, every imported item's old permalink and
//! post id, and classifies a link found in content: a post or page that was
//! imported (→ its new path), a file under `wp-content/uploads`, another
//! page of the old site, or an outside link left alone.

use std::collections::HashMap;

/// What a link in imported content points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// An imported post or page: its new root-relative address (with any `#fragment`).
    Imported(String),
    /// A file under `wp-content/uploads/`: the path below it (decoded) and the absolute URL.
    Upload { rel: String, absolute: String },
    /// Another address of the old site, as an absolute URL.
    OldSite(String),
    /// Anything else (another site, `mailto:`, an anchor): left as written.
    Outside,
}

/// The old site, as far as the export tells.
#[derive(Debug, Clone, Default)]
pub struct OldSite {
    /// Hosts without a leading `www.`, lower-case.
    hosts: Vec<String>,
    /// `https://example.org`: prefix for root-relative links.
    origin: String,
    /// Decoded old path (`/2019/03/x/`) → new address (`/posts/x/`).
    by_path: HashMap<String, String>,
    /// Post id → new address, for `?p=12` and `?page_id=12` links.
    by_id: HashMap<String, String>,
}

impl OldSite {
    /// From the channel's addresses (`link`, `wp:base_site_url`, `wp:base_blog_url`).
    pub fn new(addresses: &[&str]) -> OldSite {
        let mut site = OldSite::default();
        for a in addresses {
            if let Ok(u) = url::Url::parse(a.trim())
                && let Some(host) = u.host_str()
            {
                let host = bare_host(host);
                if !site.hosts.contains(&host) {
                    site.hosts.push(host);
                }
                if site.origin.is_empty() {
                    site.origin = u.origin().ascii_serialization();
                }
            }
        }
        site
    }

    /// Remember that the item with `id` and old permalink `link` now lives at `new`.
    pub fn add(&mut self, id: &str, link: &str, new: &str) {
        if let Some(path) = self.old_path(link) {
            self.by_path.insert(path_key(&path), new.to_string());
        }
        if !id.is_empty() {
            self.by_id.insert(id.to_string(), new.to_string());
        }
    }

    /// The decoded path of an old permalink on this site, when it has one
    /// that can be an alias (not `?p=12`, not the home page).
    pub fn old_path(&self, link: &str) -> Option<String> {
        let u = self.parse(link)?;
        if u.query().is_some() {
            return None;
        }
        let path = decode(u.path());
        (path != "/" && !path.is_empty()).then_some(path)
    }

    fn parse(&self, link: &str) -> Option<url::Url> {
        let link = link.trim();
        let u = if link.starts_with('/') && !link.starts_with("//") {
            url::Url::parse(&format!("{}{link}", self.origin_or_default())).ok()?
        } else if let Some(rest) = link.strip_prefix("//") {
            url::Url::parse(&format!("https://{rest}")).ok()?
        } else {
            url::Url::parse(link).ok()?
        };
        if !matches!(u.scheme(), "http" | "https") {
            return None;
        }
        let host = bare_host(u.host_str()?);
        self.hosts.contains(&host).then_some(u)
    }

    fn origin_or_default(&self) -> &str {
        if self.origin.is_empty() {
            "http://old.invalid"
        } else {
            &self.origin
        }
    }

    /// Classify a link as written in content.
    pub fn resolve(&self, written: &str) -> Target {
        let root_relative = written.starts_with('/') && !written.starts_with("//");
        if !root_relative && !written.contains("//") {
            return Target::Outside;
        }
        let Some(u) = self.parse(written) else {
            return Target::Outside;
        };
        let fragment = u.fragment().map(|f| format!("#{f}")).unwrap_or_default();
        let path = decode(u.path());
        if let Some(idx) = path.find("/wp-content/uploads/") {
            let rel = path[idx + "/wp-content/uploads/".len()..].to_string();
            return Target::Upload {
                rel,
                absolute: self.absolute(&u),
            };
        }
        let by_query = u.query_pairs().find_map(|(k, v)| {
            matches!(k.as_ref(), "p" | "page_id")
                .then(|| self.by_id.get(v.as_ref()))
                .flatten()
        });
        let found = match by_query {
            Some(new) => Some(new),
            None if u.query().is_none() => self.by_path.get(&path_key(&path)),
            None => None,
        };
        match found {
            Some(new) => Target::Imported(format!("{new}{fragment}")),
            None if root_relative => Target::OldSite(self.absolute(&u)),
            None => Target::OldSite(written.to_string()),
        }
    }

    fn absolute(&self, u: &url::Url) -> String {
        if self.origin.is_empty() {
            return u.as_str().to_string();
        }
        let mut s = format!("{}{}", self.origin, u.path());
        if let Some(q) = u.query() {
            s.push('?');
            s.push_str(q);
        }
        if let Some(f) = u.fragment() {
            s.push('#');
            s.push_str(f);
        }
        s
    }
}

fn bare_host(host: &str) -> String {
    let h = host.to_ascii_lowercase();
    h.strip_prefix("www.").map(str::to_string).unwrap_or(h)
}

/// Paths compare without a trailing slash and case-insensitively.
fn path_key(path: &str) -> String {
    path.trim_end_matches('/').to_lowercase()
}

/// Percent-decode a URL path when the result is UTF-8 text without new
/// separators; otherwise keep it as written.
pub fn decode(path: &str) -> String {
    if !path.contains('%') {
        return path.to_string();
    }
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(b) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                if matches!(b, b'/' | b'\\' | b'?' | b'#' | 0) {
                    return path.to_string();
                }
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| path.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> OldSite {
        let mut s = OldSite::new(&["https://www.clinic.example", "https://clinic.example/blog"]);
        s.add(
            "12",
            "https://clinic.example/2019/03/old-post/",
            "/posts/old-post/",
        );
        s.add("14", "https://clinic.example/about/", "/about/");
        s.add("15", "https://clinic.example/?p=15", "/posts/draft/");
        s
    }

    #[test]
    fn resolve_table() {
        let s = site();
        let cases = [
            (
                "https://clinic.example/2019/03/old-post/",
                Target::Imported("/posts/old-post/".into()),
            ),
            (
                "https://www.clinic.example/2019/03/old-post#step-2",
                Target::Imported("/posts/old-post/#step-2".into()),
            ),
            ("/about/", Target::Imported("/about/".into())),
            (
                "http://clinic.example/?p=12",
                Target::Imported("/posts/old-post/".into()),
            ),
            (
                "https://clinic.example/?page_id=15",
                Target::Imported("/posts/draft/".into()),
            ),
            (
                "/contact/",
                Target::OldSite("https://www.clinic.example/contact/".into()),
            ),
            (
                "https://clinic.example/contact/",
                Target::OldSite("https://clinic.example/contact/".into()),
            ),
            (
                "https://clinic.example/wp-content/uploads/2019/03/Knee%20Brace.jpg",
                Target::Upload {
                    rel: "2019/03/Knee Brace.jpg".into(),
                    absolute:
                        "https://www.clinic.example/wp-content/uploads/2019/03/Knee%20Brace.jpg"
                            .into(),
                },
            ),
            ("https://other.example/2019/03/old-post/", Target::Outside),
            ("mailto:front@clinic.example", Target::Outside),
            ("#top", Target::Outside),
            ("relative.jpg", Target::Outside),
        ];
        for (link, want) in cases {
            assert_eq!(s.resolve(link), want, "{link}");
        }
    }

    #[test]
    fn old_path_table() {
        let s = site();
        let cases = [
            (
                "https://clinic.example/2019/03/old-post/",
                Some("/2019/03/old-post/"),
            ),
            (
                "https://clinic.example/2019/03/ejercicios-p%c3%a9lvicos/",
                Some("/2019/03/ejercicios-pélvicos/"),
            ),
            ("https://clinic.example/a%2f..%2fb/", Some("/a%2f..%2fb/")),
            ("https://clinic.example/?p=123", None),
            ("https://clinic.example/", None),
            ("https://elsewhere.example/x/", None),
        ];
        for (link, want) in cases {
            assert_eq!(s.old_path(link).as_deref(), want, "{link}");
        }
    }
}

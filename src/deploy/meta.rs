//! The metadata an uploaded file carries: its Content-Type, and its
//! Cache-Control by the rules of the host files ([`crate::hostfiles::policy`]).

use crate::hostfiles::policy;

/// What a file is served as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    pub content_type: String,
    pub cache_control: &'static str,
}

/// The metadata of the output file at `path` (relative, with `/`).
pub fn meta(path: &str, fingerprinted: bool) -> Meta {
    Meta {
        content_type: content_type(path),
        cache_control: policy::cache_control(fingerprinted),
    }
}

/// Content-Type by file name: gait's own outputs by name, text with its
/// charset (gait writes UTF-8), anything else by extension.
pub fn content_type(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    if name == crate::urls::FEED {
        return "application/atom+xml".into();
    }
    if [
        crate::hostfiles::REDIRECTS,
        crate::hostfiles::HEADERS,
        crate::hostfiles::HTACCESS,
    ]
    .contains(&name)
    {
        return "text/plain; charset=utf-8".into();
    }
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    let guessed = match ext.as_deref() {
        Some("js" | "mjs") => "text/javascript".to_string(),
        Some("xml") => "application/xml".to_string(),
        Some("webmanifest") => "application/manifest+json".to_string(),
        Some("ico") => "image/x-icon".to_string(),
        Some(e) => mime_guess::from_ext(e)
            .first_raw()
            .unwrap_or("application/octet-stream")
            .to_string(),
        None => "application/octet-stream".to_string(),
    };
    if guessed.starts_with("text/") {
        format!("{guessed}; charset=utf-8")
    } else {
        guessed
    }
}

/// Pages go up after every file they use.
pub fn is_page(path: &str) -> bool {
    path.ends_with(".html") || path.ends_with(".htm")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types() {
        for (path, ty) in [
            ("index.html", "text/html; charset=utf-8"),
            ("posts/x/index.html", "text/html; charset=utf-8"),
            ("css/style.css", "text/css; charset=utf-8"),
            ("js/search.js", "text/javascript; charset=utf-8"),
            ("feed.xml", "application/atom+xml"),
            ("authors/jo/feed.xml", "application/atom+xml"),
            ("sitemap.xml", "application/xml"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("search/index.json", "application/json"),
            ("images/logo.svg", "image/svg+xml"),
            ("posts/x/photo.webp", "image/webp"),
            ("posts/x/photo.JPG", "image/jpeg"),
            ("images/a.png", "image/png"),
            ("files/form.pdf", "application/pdf"),
            ("fonts/a.woff2", "font/woff2"),
            ("_headers", "text/plain; charset=utf-8"),
            (".htaccess", "text/plain; charset=utf-8"),
            ("LICENSE", "application/octet-stream"),
        ] {
            assert_eq!(content_type(path), ty, "{path}");
        }
    }

    #[test]
    fn cache_by_fingerprint() {
        assert_eq!(
            meta("css/style.1a2b.css", true).cache_control,
            "public, max-age=31536000, immutable"
        );
        assert_eq!(
            meta("index.html", false).cache_control,
            "public, max-age=300"
        );
    }
}

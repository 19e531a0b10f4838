//! Which other sites the pages load things from: a quick scan of HTML (the
//! rendered Markdown, raw HTML that staff wrote, and the templates) for tags
//! that fetch a resource, keeping the origin of each absolute address.

use super::policy::Loads;

/// What a tag's address loads, which decides the CSP directive it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Script,
    Style,
    Image,
    Media,
    Frame,
}

/// Collects the origins other than `own_origin` that HTML loads from.
pub struct Scanner {
    own_origin: String,
    pub loads: Loads,
}

impl Scanner {
    /// `own_origin` is the site's (`https://www.example.org`): not another site.
    pub fn new(own_origin: &str) -> Scanner {
        Scanner {
            own_origin: own_origin.to_string(),
            loads: Loads::default(),
        }
    }

    /// Note every resource `html` loads from another site.
    pub fn scan(&mut self, html: &str) {
        let mut rest = html;
        while let Some(i) = rest.find('<') {
            rest = &rest[i + 1..];
            let name_len = rest
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(rest.len());
            let name = rest[..name_len].to_ascii_lowercase();
            rest = &rest[name_len..];
            if !matches!(
                name.as_str(),
                "img" | "script" | "link" | "iframe" | "video" | "audio" | "source" | "track"
            ) {
                continue;
            }
            let (attrs, after) = attributes(rest);
            rest = after;
            self.tag(&name, &attrs);
        }
    }

    /// Note an address used as an image (a post's `image`, an author's `photo`).
    pub fn image(&mut self, url: &str) {
        self.add(url, Kind::Image);
    }

    fn tag(&mut self, name: &str, attrs: &[(String, String)]) {
        let get = |key: &str| {
            attrs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        };
        let mut add = |key: &str, kind: Kind| {
            if let Some(v) = get(key) {
                self.add(v, kind);
            }
        };
        match name {
            "img" => {
                add("src", Kind::Image);
                if let Some(set) = get("srcset") {
                    for candidate in set.split(',') {
                        let url = candidate.split_whitespace().next().unwrap_or("");
                        self.add(url, Kind::Image);
                    }
                }
            }
            "script" => add("src", Kind::Script),
            "link" => {
                let rel = get("rel").unwrap_or("").to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "stylesheet") {
                    add("href", Kind::Style);
                }
            }
            "iframe" => add("src", Kind::Frame),
            "video" | "audio" => {
                add("src", Kind::Media);
                add("poster", Kind::Image);
            }
            // In a <picture> a source names images; in <video> or <audio>, media.
            "source" => match get("srcset") {
                Some(set) => {
                    for candidate in set.split(',') {
                        let url = candidate.split_whitespace().next().unwrap_or("");
                        self.add(url, Kind::Image);
                    }
                }
                None => add("src", Kind::Media),
            },
            _ => add("src", Kind::Media),
        }
    }

    fn add(&mut self, url: &str, kind: Kind) {
        let Some(origin) = origin(url) else {
            return;
        };
        if origin == self.own_origin {
            return;
        }
        let set = match kind {
            Kind::Script => &mut self.loads.scripts,
            Kind::Style => &mut self.loads.styles,
            Kind::Image => &mut self.loads.images,
            Kind::Media => &mut self.loads.media,
            Kind::Frame => &mut self.loads.frames,
        };
        set.insert(origin);
    }
}

/// The origin of an absolute `http(s)` address (`//host/x` counts as https).
fn origin(url: &str) -> Option<String> {
    let url = url.trim().replace("&amp;", "&");
    let url = match url.strip_prefix("//") {
        Some(rest) => format!("https://{rest}"),
        None => url,
    };
    let parsed = url::Url::parse(&url).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return None;
    }
    Some(parsed.origin().ascii_serialization())
}

/// The attributes of a tag (names in lower case) from just after its name,
/// and the text after the tag.
fn attributes(text: &str) -> (Vec<(String, String)>, &str) {
    let mut attrs = Vec::new();
    let mut rest = text;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() || rest.starts_with('>') {
            return (attrs, rest.get(1..).unwrap_or(""));
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '=' | '>' | '/'))
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = rest[name_end..].trim_start();
        let value = match rest.strip_prefix('=') {
            Some(after) => {
                let after = after.trim_start();
                let (value, next) = match after.chars().next() {
                    Some(q @ ('"' | '\'')) => {
                        let body = &after[1..];
                        let end = body.find(q).unwrap_or(body.len());
                        (&body[..end], body.get(end + 1..).unwrap_or(""))
                    }
                    _ => {
                        let end = after
                            .find(|c: char| c.is_whitespace() || c == '>')
                            .unwrap_or(after.len());
                        (&after[..end], &after[end..])
                    }
                };
                rest = next;
                value.to_string()
            }
            None => String::new(),
        };
        if !name.is_empty() {
            attrs.push((name, value));
        } else if !rest.is_empty() {
            // A stray character: step over it.
            let next = rest.chars().next().map_or(1, char::len_utf8);
            rest = &rest[next..];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(html: &str) -> Loads {
        let mut s = Scanner::new("https://www.clinic.example");
        s.scan(html);
        s.loads
    }

    fn list(set: &std::collections::BTreeSet<String>) -> Vec<&str> {
        set.iter().map(String::as_str).collect()
    }

    #[test]
    fn tags_that_load_things() {
        let loads = scan(concat!(
            r#"<p>Hi <img alt="x" src="https://cdn.example.net/a.png?w=1&amp;h=2"></p>"#,
            r#"<img src=/images/own.png><img src="https://www.clinic.example/b.png">"#,
            r#"<iframe width="560" src='https://www.youtube-nocookie.com/embed/x' allowfullscreen></iframe>"#,
            r#"<script src="https://stats.example.org/s.js" defer></script>"#,
            r#"<link rel="stylesheet" href="https://fonts.example.com/css">"#,
            r#"<link rel="canonical" href="https://elsewhere.example/">"#,
            r#"<video poster="//posters.example/p.jpg"><source src="http://media.example/v.mp4"></video>"#,
            r#"<picture><source srcset="https://img.example/a.webp 1x, https://img2.example/b.webp 2x"></picture>"#,
            r#"<a href="https://link.example/">not loaded</a>"#,
        ));
        assert_eq!(
            list(&loads.images),
            [
                "https://cdn.example.net",
                "https://img.example",
                "https://img2.example",
                "https://posters.example"
            ]
        );
        assert_eq!(list(&loads.frames), ["https://www.youtube-nocookie.com"]);
        assert_eq!(list(&loads.scripts), ["https://stats.example.org"]);
        assert_eq!(list(&loads.styles), ["https://fonts.example.com"]);
        assert_eq!(list(&loads.media), ["http://media.example"]);
    }

    #[test]
    fn templates_and_odd_markup_are_safe() {
        let loads = scan(concat!(
            r#"<script src="{{ site.static_url }}js/search.js" defer></script>"#,
            r#"<img src="data:image/png;base64,AAAA"><img src="javascript:x">"#,
            r#"<img / src = "https://spaced.example/x.png" >"#,
            "<img src=\"https://unclosed.example/x.png",
            "a < b and <3 <",
        ));
        assert_eq!(
            list(&loads.images),
            ["https://spaced.example", "https://unclosed.example"]
        );
        assert!(loads.scripts.is_empty());
    }
}

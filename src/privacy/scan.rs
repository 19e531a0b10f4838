//! Where addresses hide in HTML: the attributes of each element that make
//! a browser load something, `srcset` lists, CSS `url()` and `@import`, and
//! addresses written in inline scripts.

use html5ever::tokenizer::Tag;

use super::Kind;

/// The value of attribute `name` of `tag`.
pub(super) fn attr<'t>(tag: &'t Tag, name: &str) -> Option<&'t str> {
    tag.attrs
        .iter()
        .find(|a| a.name.local.as_ref() == name)
        .map(|a| a.value.as_ref())
}

/// Every address a start tag makes the browser load, with what it loads.
pub(super) fn tag_addresses(tag: &Tag) -> Vec<(Kind, String)> {
    let element = tag.name.as_ref();
    let mut out = Vec::new();
    for a in &tag.attrs {
        let value = a.value.as_ref();
        let kind = match (element, a.name.local.as_ref()) {
            ("script", "src") => Kind::Script,
            ("iframe" | "frame", "src") => Kind::Frame,
            ("img" | "input", "src") => Kind::Img,
            ("audio" | "video" | "track" | "source", "src") => Kind::Media,
            ("embed", "src") | ("object", "data") => Kind::Object,
            ("video", "poster") => Kind::Img,
            ("image" | "use" | "feimage", "href" | "xlink:href") => Kind::Img,
            ("link", "href") => match link_kind(tag) {
                Some(kind) => kind,
                None => continue,
            },
            (_, "background") => Kind::Img,
            ("img" | "source", "srcset" | "imagesrcset") | ("link", "imagesrcset") => {
                out.extend(srcset(value).map(|u| (Kind::Img, u.to_string())));
                continue;
            }
            (_, "style") => {
                out.extend(css_urls(value).map(|(_, u)| (Kind::Img, u)));
                continue;
            }
            _ => continue,
        };
        out.push((kind, value.to_string()));
    }
    out
}

/// What a `<link>` loads, by its `rel` (and `as` for preloads).
fn link_kind(tag: &Tag) -> Option<Kind> {
    let rel = attr(tag, "rel").unwrap_or("").to_ascii_lowercase();
    let mut kind = None;
    for token in rel.split_ascii_whitespace() {
        let k = match token {
            "stylesheet" => Kind::Style,
            "icon" | "apple-touch-icon" | "apple-touch-icon-precomposed" | "mask-icon" => Kind::Img,
            "modulepreload" => Kind::Script,
            "preload" | "prefetch" => preload_kind(attr(tag, "as").unwrap_or("")),
            "preconnect" | "dns-prefetch" | "manifest" => Kind::Connect,
            "prerender" => Kind::Frame,
            _ => continue,
        };
        kind.get_or_insert(k);
    }
    kind
}

fn preload_kind(as_: &str) -> Kind {
    match as_.trim().to_ascii_lowercase().as_str() {
        "script" | "worker" | "sharedworker" | "serviceworker" => Kind::Script,
        "style" => Kind::Style,
        "font" => Kind::Font,
        "image" => Kind::Img,
        "audio" | "video" | "track" => Kind::Media,
        "document" | "iframe" => Kind::Frame,
        "embed" | "object" => Kind::Object,
        _ => Kind::Connect,
    }
}

/// The addresses of a `srcset`: each candidate is an address, then an
/// optional width or density, separated by commas.
pub(super) fn srcset(value: &str) -> impl Iterator<Item = &str> {
    value
        .split(',')
        .filter_map(|candidate| candidate.split_ascii_whitespace().next())
}

/// Whether a `<script>` holds code to run (not a JSON-LD block or a template).
pub(super) fn is_inline_code(tag: &Tag) -> bool {
    if attr(tag, "src").is_some() {
        return false;
    }
    let ty = attr(tag, "type").unwrap_or("").trim().to_ascii_lowercase();
    matches!(
        ty.as_str(),
        "" | "module" | "text/javascript" | "application/javascript" | "text/ecmascript"
    )
}

/// `url(...)` in CSS text: (offset, address). Quotes and blanks around the
/// address are left out.
pub(super) fn css_urls(css: &str) -> impl Iterator<Item = (usize, String)> + '_ {
    let lower = css.to_ascii_lowercase();
    let starts: Vec<usize> = lower.match_indices("url(").map(|(i, _)| i).collect();
    starts.into_iter().filter_map(move |i| {
        let rest = css[i + 4..].trim_start();
        let (quote, rest) = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => (Some(q), &rest[1..]),
            _ => (None, rest),
        };
        let end = match quote {
            Some(q) => rest.find(q),
            None => rest.find(')'),
        }?;
        Some((i, rest[..end].trim().to_string()))
    })
}

/// The addresses a stylesheet loads: `@import` (a stylesheet), and
/// `url()` (a font inside `@font-face`, a picture elsewhere).
pub(super) fn stylesheet(css: &str) -> Vec<(usize, Kind, String)> {
    let lower = css.to_ascii_lowercase();
    let mut out: Vec<(usize, Kind, String)> = lower
        .match_indices("@import")
        .filter_map(|(i, _)| {
            let rest = css[i + 7..].trim_start();
            let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\''))?;
            let inner = &rest[1..];
            let end = inner.find(quote)?;
            Some((i, Kind::Style, inner[..end].to_string()))
        })
        .collect();
    for (i, url) in css_urls(css) {
        let before = &lower[..i];
        let kind = if before.trim_end().ends_with("@import") {
            Kind::Style
        } else if before
            .rfind("@font-face")
            .is_some_and(|at| !before[at..].contains('}'))
        {
            Kind::Font
        } else {
            Kind::Img
        };
        out.push((i, kind, url));
    }
    out.sort_by_key(|(i, _, _)| *i);
    out
}

/// Absolute addresses written in an inline script (`'https://host/...'`),
/// which it most likely loads: a tracker's snippet builds its script's
/// address from one.
pub(super) fn script(js: &str) -> Vec<(usize, Kind, String)> {
    let lower = js.to_ascii_lowercase();
    let mut out = Vec::new();
    for scheme in ["https://", "http://"] {
        for (i, _) in lower.match_indices(scheme) {
            let end = js[i..]
                .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`' | ')' | '<'))
                .map_or(js.len(), |n| i + n);
            out.push((i, Kind::Script, js[i..end].to_string()));
        }
    }
    out.sort_by_key(|(i, _, _)| *i);
    out
}

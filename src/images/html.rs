//! `<picture>` markup for a planned picture: WebP candidates in a
//! `<source>`, the picture's own format in the `<img>`, always with `width`
//! and `height` (no layout shift). Pictures below the fold load lazily; the
//! featured picture at the top of an article loads at once with
//! `fetchpriority="high"`. Every candidate's descriptor is its real width.

use std::fmt::Write as _;

use pulldown_cmark_escape::escape_html;

use super::engine::Planned;
use super::names::{Role, Variant};

/// How a picture is shown.
#[derive(Debug, Clone, Copy)]
pub struct Show<'a> {
    /// Alt text (empty for a decorative picture).
    pub alt: &'a str,
    /// The `title` attribute (none when empty).
    pub title: &'a str,
    /// The `sizes` attribute, such as `(min-width: 48rem) 44rem, 100vw`.
    pub sizes: &'a str,
    /// The featured picture at the top of an article: eager, high priority.
    pub featured: bool,
    /// The site's base path (`""` or `/blog`), put before every address.
    pub base_path: &'a str,
}

/// An address of a published file: the base path, then the site path with
/// the characters that would break a `srcset` list or an attribute encoded.
pub fn url(base_path: &str, site_path: &str) -> String {
    let mut out = String::with_capacity(base_path.len() + site_path.len() + 1);
    out.push_str(base_path.trim_end_matches('/'));
    out.push('/');
    for b in site_path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~!$'()*+;=:@".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// A picture address as written in a page's front matter, made root-relative:
/// a bare name (`photo.jpg`, a picture beside the post) is taken from the
/// page's folder `page_path` (`posts/knee/`), so it is found from every page
/// that shows the page's card; other addresses are returned as written.
pub fn beside(page_path: &str, written: &str) -> String {
    let has_scheme = written
        .split_once(':')
        .is_some_and(|(s, _)| !s.is_empty() && !s.contains('/'));
    if written.starts_with('/') || has_scheme || written.is_empty() {
        written.to_string()
    } else {
        format!(
            "/{}/{}",
            page_path.trim_matches('/'),
            written.trim_start_matches("./")
        )
    }
}

/// The `srcset` of a picture's variants with `role`, narrowest first:
/// `/a-480w.webp 480w, /a-960w.webp 960w` (empty when it has none).
pub fn srcset_of(base: &str, p: &Planned, role: Role) -> String {
    srcset(base, p.with_role(role))
}

fn srcset<'a>(base: &str, vs: impl Iterator<Item = &'a Variant>) -> String {
    vs.map(|v| format!("{} {}w", url(base, &v.site_path), v.width))
        .collect::<Vec<_>>()
        .join(", ")
}

fn attr(out: &mut String, name: &str, value: &str) {
    let _ = write!(out, " {name}=\"");
    let _ = escape_html(&mut *out, value);
    out.push('"');
}

/// The HTML for a picture.
pub fn picture(p: &Planned, show: &Show) -> String {
    let base = show.base_path;
    let fallbacks: Vec<&Variant> = p.with_role(Role::Fallback).collect();
    let mut out = String::new();
    let webp: Vec<&Variant> = p.with_role(Role::Webp).collect();
    if !webp.is_empty() {
        out.push_str("<picture><source type=\"image/webp\"");
        attr(&mut out, "srcset", &srcset(base, webp.into_iter()));
        attr(&mut out, "sizes", show.sizes);
        out.push('>');
    }
    // SVG and animations: one file at its own size.
    let single = p
        .variants
        .iter()
        .find(|v| matches!(v.role, Role::Copy | Role::Animated));
    let src = fallbacks.last().copied().or(single);
    out.push_str("<img");
    if let Some(src) = src {
        attr(&mut out, "src", &url(base, &src.site_path));
    }
    if fallbacks.len() > 1 {
        attr(&mut out, "srcset", &srcset(base, fallbacks.iter().copied()));
        attr(&mut out, "sizes", show.sizes);
    }
    if let Some(src) = src.filter(|v| v.width > 0) {
        // The widest candidate's size: the same aspect ratio as every other.
        let _ = write!(out, " width=\"{}\" height=\"{}\"", src.width, src.height);
    }
    attr(&mut out, "alt", show.alt);
    if !show.title.is_empty() {
        attr(&mut out, "title", show.title);
    }
    if show.featured {
        out.push_str(" loading=\"eager\" decoding=\"async\" fetchpriority=\"high\">");
    } else {
        out.push_str(" loading=\"lazy\" decoding=\"async\">");
    }
    if p.with_role(Role::Webp).next().is_some() {
        out.push_str("</picture>");
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::images::engine::Source;
    use crate::images::names::variants;
    use crate::images::probe::{Format, Probe};
    use crate::images::settings::Settings;

    fn planned(
        site_path: &str,
        format: Format,
        width: u32,
        height: u32,
        animated: bool,
    ) -> Planned {
        let probe = Probe {
            format,
            width,
            height,
            alpha: false,
            animated,
            bytes: 1,
        };
        let stem = site_path
            .rsplit('/')
            .next()
            .unwrap()
            .rsplit_once('.')
            .unwrap()
            .0;
        Planned {
            source: Source {
                file: PathBuf::from(site_path),
                site_path: site_path.into(),
            },
            key: "k".into(),
            variants: variants(site_path, stem, &probe, &Settings::default()),
            probe,
            stamp: None,
            settings: "test".into(),
        }
    }

    #[test]
    fn picture_table() {
        let lazy = Show {
            alt: "A \"knee\" brace",
            title: "",
            sizes: "100vw",
            featured: false,
            base_path: "",
        };
        let featured = Show {
            featured: true,
            base_path: "/blog",
            ..lazy
        };
        let cases = [
            (
                planned("posts/k/brace.jpg", Format::Jpeg, 3000, 2000, false),
                lazy,
                "<picture><source type=\"image/webp\" srcset=\"/posts/k/brace-480w.webp 480w, /posts/k/brace-960w.webp 960w, /posts/k/brace-1600w.webp 1600w\" sizes=\"100vw\"><img src=\"/posts/k/brace.jpg\" srcset=\"/posts/k/brace-480w.jpg 480w, /posts/k/brace-960w.jpg 960w, /posts/k/brace.jpg 1600w\" sizes=\"100vw\" width=\"1600\" height=\"1067\" alt=\"A &quot;knee&quot; brace\" loading=\"lazy\" decoding=\"async\"></picture>",
            ),
            (
                planned("a b,c.png", Format::Png, 300, 100, false),
                featured,
                "<picture><source type=\"image/webp\" srcset=\"/blog/a%20b%2Cc-300w.webp 300w\" sizes=\"100vw\"><img src=\"/blog/a%20b%2Cc.png\" width=\"300\" height=\"100\" alt=\"A &quot;knee&quot; brace\" loading=\"eager\" decoding=\"async\" fetchpriority=\"high\"></picture>",
            ),
            (
                planned("x/w.webp", Format::Webp, 900, 600, false),
                lazy,
                "<img src=\"/x/w.webp\" srcset=\"/x/w-480w.webp 480w, /x/w.webp 900w\" sizes=\"100vw\" width=\"900\" height=\"600\" alt=\"A &quot;knee&quot; brace\" loading=\"lazy\" decoding=\"async\">",
            ),
            (
                planned("x/spin.gif", Format::Gif, 64, 48, true),
                lazy,
                "<img src=\"/x/spin.gif\" width=\"64\" height=\"48\" alt=\"A &quot;knee&quot; brace\" loading=\"lazy\" decoding=\"async\">",
            ),
            (
                planned("logo.svg", Format::Svg, 0, 0, false),
                lazy,
                "<img src=\"/logo.svg\" alt=\"A &quot;knee&quot; brace\" loading=\"lazy\" decoding=\"async\">",
            ),
        ];
        for (p, show, want) in cases {
            assert_eq!(picture(&p, &show), want, "{}", p.source.site_path);
        }
    }

    #[test]
    fn beside_table() {
        let cases = [
            ("photo.jpg", "/posts/knee/photo.jpg"),
            ("./photo.jpg", "/posts/knee/photo.jpg"),
            ("img/a b.png", "/posts/knee/img/a b.png"),
            ("/images/x.jpg", "/images/x.jpg"),
            ("https://cdn.example/x.jpg", "https://cdn.example/x.jpg"),
            ("", ""),
        ];
        for (written, want) in cases {
            assert_eq!(beside("/posts/knee/", written), want, "{written}");
        }
        assert_eq!(beside("posts/knee/", "photo.jpg"), "/posts/knee/photo.jpg");
    }

    #[test]
    fn every_descriptor_is_the_variant_width() {
        let p = planned("p/x.jpg", Format::Jpeg, 1234, 777, false);
        let html = picture(
            &p,
            &Show {
                alt: "",
                title: "",
                sizes: "50vw",
                featured: false,
                base_path: "",
            },
        );
        for set in html.split("srcset=\"").skip(1) {
            for cand in set.split('"').next().unwrap().split(", ") {
                let (u, d) = cand.split_once(' ').unwrap();
                let v = p
                    .variants
                    .iter()
                    .find(|v| format!("/{}", v.site_path) == u)
                    .unwrap();
                assert_eq!(d, format!("{}w", v.width));
            }
        }
    }
}

//! Checking that every internal link and image in the content points at a
//! page or file the build produces.

use std::path::Path;
use std::sync::Arc;

use crate::diag::Diagnostic;
use crate::markdown::{FoundLink, Rendered};
use crate::plan::{Found, Known};

/// Resolve `dest` (as written in a page at site path `page`) to a site path.
/// `None` for links that leave the site or only name an anchor.
pub fn target(page: &str, dest: &str) -> Option<String> {
    let dest = dest.split(['#', '?']).next().unwrap_or("");
    if dest.is_empty() || dest.starts_with("//") || has_scheme(dest) {
        return None;
    }
    let joined = if let Some(abs) = dest.strip_prefix('/') {
        abs.to_string()
    } else {
        let dir = if page.ends_with('/') || page.is_empty() {
            page.to_string()
        } else {
            page.rsplit_once('/')
                .map(|(d, _)| format!("{d}/"))
                .unwrap_or_default()
        };
        format!("{dir}{dest}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if joined.ends_with('/') && !out.is_empty() {
        out.push('/');
    }
    Some(percent_decode(&out))
}

/// `name@example.org`: an e-mail address written without `mailto:`.
fn looks_like_email(dest: &str) -> bool {
    dest.split_once('@').is_some_and(|(name, host)| {
        !name.is_empty() && !name.contains('/') && host.contains('.') && !host.contains('/')
    })
}

fn has_scheme(s: &str) -> bool {
    match s.find(':') {
        Some(i) => {
            let scheme = &s[..i];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && !s[..i].contains('/')
        }
        None => false,
    }
}

fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    url::form_urlencoded::parse(format!("x={}", s.replace('+', "%2B")).as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| s.to_string())
}

/// Check the links of one document at site path `page`, found in `file`
/// whose Markdown starts at line `first_line`.
pub fn check(
    known: &Known,
    page: &str,
    links: &[FoundLink],
    file: &Path,
    first_line: usize,
    body: &str,
) -> Vec<Diagnostic> {
    links
        .iter()
        .filter_map(|link| {
            let target = target(page, &link.dest)?;
            let what = if link.is_image { "image" } else { "link" };
            let d = match known.find(&target) {
                Found::Exact => return None,
                Found::Capitals(real) => capitals(file, what, page, &link.dest, real),
                Found::Nothing => nothing(known, file, what, link, &target),
            };
            let mut d = d.at_line(Some(first_line + link.line));
            d.snippet = body
                .lines()
                .nth(link.line)
                .map(|l| l.trim_end().to_string());
            Some(d)
        })
        .collect()
}

/// A link or picture whose address is on the site with other capitals
/// (`real`, the site path without its leading slash).
pub fn capitals(file: &Path, what: &str, page: &str, dest: &str, real: &str) -> Diagnostic {
    let fixed = recapitalize(page, dest, real);
    Diagnostic::error(
        file,
        format!("the {what} `{dest}` is on this site as `{fixed}`, with other capitals"),
    )
    .with_help(format!(
        "write `{fixed}`: most web hosts treat capital and small letters as different, so `{dest}` would lead nowhere there"
    ))
}

/// A link or picture whose address is nowhere on the site.
fn nothing(known: &Known, file: &Path, what: &str, link: &FoundLink, target: &str) -> Diagnostic {
    // A link to a post's file (`knee-pain.md`) rather than its page.
    let md = (!link.is_image)
        .then(|| target.strip_suffix(".md"))
        .flatten()
        .map(|t| t.strip_suffix("/index").unwrap_or(t));
    let suggestion = match md {
        Some(m) => known.page_named(m.rsplit('/').next().unwrap_or(m)),
        None => known.suggestion(target),
    };
    let help = match suggestion {
        _ if !link.is_image && looks_like_email(&link.dest) => {
            format!("for an e-mail address, write `mailto:{}`", link.dest)
        }
        Some(s) if md.is_some() => {
            format!("link to the page the file makes, not to the file: write `/{s}`")
        }
        None if md.is_some() => {
            "link to a post by its page's address, `/posts/<file name>/`, not by its file".to_string()
        }
        Some(s) if !link.is_image => format!("did you mean /{s}?"),
        _ if link.is_image => "put the image in static/ (for /images/x.svg: static/images/x.svg) or beside the post in its folder".to_string(),
        _ => "check the address; a post is at /posts/<file name>/".to_string(),
    };
    Diagnostic::error(
        file,
        format!("the {what} `{}` points to nothing on this site", link.dest),
    )
    .with_help(help)
}

/// `dest` as written in a page at site path `page`, with the capitals of
/// `real`, the site path (without its leading slash) it stands for:
/// `bridge.jpg` for `posts/hip/Bridge.JPG` becomes `Bridge.JPG`. The whole
/// address when changing the ending of `dest` does not lead there.
pub fn recapitalize(page: &str, dest: &str, real: &str) -> String {
    let (path, rest) = dest.split_at(dest.find(['#', '?']).unwrap_or(dest.len()));
    let core = path
        .strip_suffix("index.html")
        .unwrap_or(path)
        .trim_end_matches('/');
    let mut n = core
        .bytes()
        .rev()
        .zip(real.bytes().rev())
        .take_while(|(a, b)| a.eq_ignore_ascii_case(b))
        .count();
    while !(core.is_char_boundary(core.len() - n) && real.is_char_boundary(real.len() - n)) {
        n -= 1;
    }
    let tail = &path[core.len()..];
    let fixed = format!(
        "{}{}{tail}{rest}",
        &core[..core.len() - n],
        &real[real.len() - n..]
    );
    match target(page, &fixed) {
        Some(t) if crate::plan::trimmed(&t) == real => fixed,
        _ => format!("/{real}{tail}{rest}"),
    }
}

/// Link checks of post bodies kept between the preview server's rebuilds: a
/// body rendered once (the same [`Rendered`]), checked against the same set of
/// addresses, has the same broken links.
#[derive(Default)]
pub struct LinkCache {
    known: u64,
    /// By the address of the body checked, which the entry keeps alive.
    checked: foldhash::HashMap<usize, (Arc<Rendered>, Vec<Diagnostic>)>,
}

fn key(rendered: &Arc<Rendered>) -> usize {
    Arc::as_ptr(rendered) as usize
}

impl LinkCache {
    /// Start checking against `known`; results for another set of addresses are dropped.
    pub fn begin(&mut self, known: &Known) {
        if self.known != known.version() {
            self.checked.clear();
            self.known = known.version();
        }
    }

    /// The problems found when `rendered` was checked, if it was.
    pub fn get(&self, rendered: &Arc<Rendered>) -> Option<&[Diagnostic]> {
        self.checked
            .get(&key(rendered))
            .filter(|(r, _)| Arc::ptr_eq(r, rendered))
            .map(|(_, ds)| ds.as_slice())
    }

    /// Remember what checking `rendered` found.
    pub fn insert(&mut self, rendered: &Arc<Rendered>, found: Vec<Diagnostic>) {
        self.checked
            .insert(key(rendered), (rendered.clone(), found));
    }

    /// Forget every body not in `current` (those of this build).
    /// Every body of this build has an entry, so as many entries as bodies
    /// means nothing is stale.
    pub fn retain<'a>(&mut self, current: impl Iterator<Item = &'a Arc<Rendered>> + Clone) {
        if current.clone().count() != self.checked.len() {
            let keep: foldhash::HashSet<usize> = current.map(key).collect();
            self.checked.retain(|k, _| keep.contains(k));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_table() {
        for (dest, want) in [
            ("hello@example.org", true),
            ("front.desk@clinic.example", true),
            ("@example.org", false),
            ("posts/a@b/", false),
            ("a@localhost", false),
            ("/about/", false),
        ] {
            assert_eq!(looks_like_email(dest), want, "{dest}");
        }
    }

    #[test]
    fn target_table() {
        let cases = [
            ("posts/a/", "/posts/b/", Some("posts/b/")),
            ("posts/a/", "diagram.svg", Some("posts/a/diagram.svg")),
            ("posts/a/", "../b/", Some("posts/b/")),
            ("posts/a/", "../../../../etc/passwd", Some("etc/passwd")),
            ("", "about/", Some("about/")),
            ("posts/a/", "/posts/b/#part", Some("posts/b/")),
            ("posts/a/", "#top", None),
            ("posts/a/", "https://x.org/", None),
            ("posts/a/", "mailto:a@b.c", None),
            ("posts/a/", "tel:+15125550100", None),
            ("posts/a/", "//cdn.x.org/a.js", None),
            (
                "posts/a/",
                "/images/my%20pic.svg",
                Some("images/my pic.svg"),
            ),
        ];
        for (page, dest, want) in cases {
            assert_eq!(target(page, dest).as_deref(), want, "{page} + {dest}");
        }
    }

    #[test]
    fn recapitalize_table() {
        let hip = "posts/hip/";
        for (page, dest, real, want) in [
            (hip, "bridge.jpg", "posts/hip/Bridge.JPG", "Bridge.JPG"),
            (hip, "./bridge.jpg", "posts/hip/Bridge.JPG", "./Bridge.JPG"),
            (
                hip,
                "../hip/bridge.jpg",
                "posts/hip/Bridge.JPG",
                "../hip/Bridge.JPG",
            ),
            (
                hip,
                "../Hip/Bridge.JPG",
                "posts/hip/Bridge.JPG",
                "../hip/Bridge.JPG",
            ),
            (hip, "/About/", "about", "/about/"),
            ("", "/About", "about", "/about"),
            (hip, "/About/index.html", "about", "/about/index.html"),
            (
                hip,
                "/Posts/Knee-Pain/#exercises",
                "posts/knee-pain",
                "/posts/knee-pain/#exercises",
            ),
            (
                hip,
                "/images/Logo.PNG?v=2",
                "images/logo.png",
                "/images/logo.png?v=2",
            ),
            (hip, "/Ärzte/", "Ärzte-team", "/Ärzte-team/"),
            // Percent-encoded: the ending in common is changed, the rest kept.
            (
                hip,
                "/images/my%20Pic.svg",
                "images/my pic.svg",
                "/images/my%20pic.svg",
            ),
            // The capitals to change are before a percent-encoded letter.
            (hip, "/Team/%C3%A4rzte/", "team/ärzte", "/team/ärzte/"),
            // A multibyte letter whose last byte matches another's.
            (hip, "é", "©", "/©"),
        ] {
            assert_eq!(recapitalize(page, dest, real), want, "{page} {dest} {real}");
        }
    }

    #[test]
    fn a_link_to_a_posts_file_is_answered_with_its_page() {
        let known = Known::new(
            ["posts/knee-pain/".to_string(), "posts/x/".to_string()],
            Vec::new(),
        );
        let help = |dest: &str| {
            let link = FoundLink {
                dest: dest.into(),
                line: 0,
                is_image: false,
            };
            let ds = check(&known, "posts/x/", &[link], Path::new("x.md"), 1, "");
            ds.first().and_then(|d| d.help.clone()).unwrap_or_default()
        };
        for (dest, want) in [
            (
                "knee-pain.md",
                "link to the page the file makes, not to the file: write `/posts/knee-pain/`",
            ),
            (
                "../knee-pain.md",
                "link to the page the file makes, not to the file: write `/posts/knee-pain/`",
            ),
            (
                "../knee-pain/index.md",
                "link to the page the file makes, not to the file: write `/posts/knee-pain/`",
            ),
            (
                "/content/posts/knee-pain.md",
                "link to the page the file makes, not to the file: write `/posts/knee-pain/`",
            ),
            (
                "gone.md",
                "link to a post by its page's address, `/posts/<file name>/`, not by its file",
            ),
            ("/posts/knee-pian/", "did you mean /posts/knee-pain/?"),
        ] {
            assert_eq!(help(dest), want, "{dest}");
        }
    }

    #[test]
    fn check_reports_line_and_suggestion() {
        let known = Known::new(
            vec!["posts/hip-pain/".to_string(), "".to_string()],
            vec!["images/a.svg".to_string()],
        );
        let links = vec![
            FoundLink {
                dest: "/posts/hip-pian/".into(),
                line: 3,
                is_image: false,
            },
            FoundLink {
                dest: "/posts/hip-pain/".into(),
                line: 4,
                is_image: false,
            },
            FoundLink {
                dest: "/images/a.svg".into(),
                line: 5,
                is_image: true,
            },
            FoundLink {
                dest: "/images/b.svg".into(),
                line: 6,
                is_image: true,
            },
        ];
        let body = "a\nb\nc\nSee [x](/posts/hip-pian/).\n";
        let ds = check(
            &known,
            "posts/x/",
            &links,
            Path::new("content/posts/x.md"),
            5,
            body,
        );
        assert_eq!(ds.len(), 2);
        assert_eq!(
            ds[0].to_string(),
            "error: content/posts/x.md:8: the link `/posts/hip-pian/` points to nothing on this site\n     8 | See [x](/posts/hip-pian/).\n  help: did you mean /posts/hip-pain/?"
        );
        assert_eq!(ds[1].line, Some(11));
    }
}

// The checks of the fuzz targets: `include!`d by each target in
// fuzz_targets/ and by the test that replays every input the fuzzers found
// (tests/it/hostile_fuzz_regressions.rs), so both check the same things.
//
// Each function panics when gait misbehaves on `data`.

#[allow(dead_code)]
mod oracles {
    use std::io::BufReader;
    use std::path::Path;
    use std::sync::OnceLock;

    use gait::diag::Diagnostic;
    use gait::import::plan::{SiteInfo, plan};
    use gait::import::{assemble::assemble, files::self_check, wxr};
    use gait::markdown::highlight::Highlighter;
    use gait::markdown::{RenderOptions, render};
    use gait::urls::Urls;

    fn check_lines(text: &str, diags: &[Diagnostic]) {
        let lines = text.lines().count().max(1);
        for d in diags {
            assert!(!d.message.is_empty(), "an error without a message");
            if let Some(line) = d.line {
                assert!(
                    line >= 1 && line <= lines + 1,
                    "line {line} of a {lines}-line file: {d}"
                );
            }
        }
    }

    fn safe_path(p: &str) {
        assert!(!p.starts_with('/'), "absolute: {p:?}");
        assert!(!p.contains(['\\', '\0', ':']), "unsafe character: {p:?}");
        for seg in p.split('/') {
            assert!(seg != ".." && seg != ".", "dot segment: {p:?}");
            assert!(seg.len() <= 255, "over-long segment: {p:?}");
        }
    }

    /// Every reader of a YAML file a person writes: the first byte picks the
    /// kind (post, author, clinic, page, comments, referrals, site.yaml), the
    /// rest is the file's text. Nothing may panic, and what parses must be
    /// safe to build with: a post's slug and aliases never leave the output
    /// folder, and every error line points into the file.
    pub fn front_matter(data: &[u8]) {
        let Some((&kind, rest)) = data.split_first() else {
            return;
        };
        // As the loader reads files: UTF-8, line ends normalized.
        let text =
            gait::frontmatter::normalize_line_ends(String::from_utf8_lossy(rest).into_owned());
        let text = text.as_str();
        match kind % 8 {
            0 | 7 => {
                match gait::content::post::parse(Path::new("content/posts/p.md"), text, None) {
                    Ok(p) => {
                        assert!(gait::slug::is_slug(&p.slug), "slug {:?}", p.slug);
                        safe_path(&p.slug);
                        for a in &p.aliases {
                            safe_path(a);
                        }
                        for t in p.categories.iter().chain(&p.tags) {
                            let s = gait::slug::slugify(t);
                            if !s.is_empty() {
                                assert!(gait::slug::is_slug(&s), "term slug {s:?}");
                            }
                        }
                    }
                    Err(ds) => check_lines(text, &ds),
                }
            }
            1 => {
                if let Err(ds) =
                    gait::content::author::parse(Path::new("content/authors/a.md"), text)
                {
                    check_lines(text, &ds);
                }
            }
            2 => {
                if let Err(ds) =
                    gait::content::clinic::parse(Path::new("content/clinics/c.md"), text)
                {
                    check_lines(text, &ds);
                }
            }
            3 => {
                if let Err(ds) = gait::content::page::parse(Path::new("content/pages/g.md"), text) {
                    check_lines(text, &ds);
                }
            }
            4 => {
                if let Err(ds) =
                    gait::content::comments::parse(Path::new("content/comments/p.yaml"), text)
                {
                    check_lines(text, &ds);
                }
            }
            5 => {
                if let Err(ds) =
                    gait::content::referrals::parse(Path::new("data/referrals.yaml"), text)
                {
                    check_lines(text, &ds);
                }
            }
            _ => match gait::config::Config::parse(text, &Default::default()) {
                Ok(c) => {
                    if let Some(f) = &c.finder {
                        safe_path(&f.path);
                    }
                    safe_path(&c.theme);
                }
                Err(ds) => check_lines(text, &ds),
            },
        }
    }

    const TAGS: &[&str] = &[
        "a",
        "blockquote",
        "br",
        "code",
        "del",
        "div",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "img",
        "input",
        "li",
        "ol",
        "p",
        "pre",
        "section",
        "span",
        "strong",
        "sup",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    ];
    const ATTRS: &[&str] = &[
        "href",
        "src",
        "alt",
        "title",
        "id",
        "class",
        "style",
        "rel",
        "type",
        "disabled",
        "checked",
        "aria-label",
        "aria-hidden",
        "tabindex",
        "role",
        "start",
        "data-lang",
        "data-footnote-ref",
        "data-footnote-backref",
    ];

    /// Check every tag of `html` (text is escaped, so each `<` opens a tag).
    fn check_comment_html(md: &str, html: &str) {
        let b = html.as_bytes();
        let mut i = 0;
        while let Some(off) = html[i..].find('<') {
            let start = i + off;
            let mut j = start + 1;
            if b.get(j) == Some(&b'/') {
                j += 1;
            }
            let name_end = html[j..]
                .find(|c: char| !c.is_ascii_alphanumeric())
                .map_or(html.len(), |n| j + n);
            let name = &html[j..name_end];
            assert!(TAGS.contains(&name), "tag <{name}> from {md:?}:\n{html}");
            // Attributes up to the closing `>`, honouring quotes.
            let mut k = name_end;
            let mut quote = None;
            let mut attr_start = None;
            while k < b.len() {
                let c = b[k];
                match quote {
                    Some(q) if c == q => quote = None,
                    Some(_) => {}
                    None if c == b'"' || c == b'\'' => quote = Some(c),
                    None if c == b'>' => break,
                    None if c.is_ascii_alphabetic()
                        && attr_start.is_none()
                        && b[k - 1].is_ascii_whitespace() =>
                    {
                        attr_start = Some(k)
                    }
                    None if attr_start.is_some() && (c == b'=' || c.is_ascii_whitespace()) => {
                        let a = &html[attr_start.take().unwrap_or(k)..k];
                        assert!(ATTRS.contains(&a), "attribute {a} from {md:?}:\n{html}");
                        if c == b'=' {
                            let v = &html[k + 1..];
                            let v = v.trim_start_matches(['"', '\'']).to_ascii_lowercase();
                            let v: String = v
                                .chars()
                                .filter(|c| !c.is_whitespace() && !c.is_control())
                                .collect();
                            if a == "href" || a == "src" {
                                for scheme in [
                                    "javascript:",
                                    "vbscript:",
                                    "data:text/html",
                                    "data:image/svg",
                                ] {
                                    assert!(!v.starts_with(scheme), "{a}={v:.40} from {md:?}");
                                }
                            }
                        }
                    }
                    _ => {}
                }
                k += 1;
            }
            i = k.max(start + 1);
        }
    }

    /// Markdown rendering, as for a post (raw HTML allowed) and as for a
    /// comment (raw HTML shown as text). Nothing may panic; a comment's HTML
    /// holds only the tags and attributes gait itself writes, and no link or
    /// image address that runs script.
    pub fn markdown(data: &[u8]) {
        static URLS: OnceLock<Urls> = OnceLock::new();
        static HL: OnceLock<Highlighter> = OnceLock::new();
        let urls = URLS
            .get_or_init(|| Urls::new("https://example.org/blog").expect("a valid constant URL"));
        let highlighter = HL.get_or_init(Highlighter::new);
        let Some((&flags, rest)) = data.split_first() else {
            return;
        };
        let md = String::from_utf8_lossy(rest);
        let allow_html = flags & 1 == 1;
        let out = render(
            &md,
            &RenderOptions {
                urls,
                allow_html,
                highlighter,
                labels: &Default::default(),
                pictures: None,
                page: "",
            },
        );
        if !allow_html {
            check_comment_html(&md, &out.html);
        }
        let lines = md.lines().count().max(1);
        for l in &out.links {
            assert!(l.line <= lines, "link line {} of {lines}", l.line);
        }
    }

    /// The WordPress importer's reader and converter: arbitrary bytes as a
    /// WXR export. Reading must never panic; an export that reads must plan
    /// and convert without panicking, every file the import would write must
    /// pass gait's own readers (its self-check), and stay inside the site.
    pub fn wxr(data: &[u8]) {
        let Ok(export) = wxr::parse(BufReader::new(data)) else {
            return;
        };
        let info = SiteInfo {
            base_path: String::new(),
            reserved: vec!["posts".into(), "feed.xml".into()],
        };
        let plan = plan(&export, &info);
        let assembled = assemble(
            &export,
            &plan,
            None,
            Path::new("/nonexistent/gait-fuzz-site"),
        );
        let problems = self_check(&assembled.files);
        assert!(
            problems.is_empty(),
            "the import wrote files gait cannot read: {problems:#?}"
        );
        for f in &assembled.files {
            let escapes = f
                .path
                .components()
                .any(|c| !matches!(c, std::path::Component::Normal(_)));
            assert!(!escapes, "import path {}", f.path.display());
        }
    }
}

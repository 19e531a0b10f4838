//! Following the internal links of a built site.

use std::collections::BTreeMap;
use std::path::{Component, Path};

use super::{Site, html, is_external, urls_in};

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Some(b) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Where an internal URL found in output file `page` (relative to the output
/// root, e.g. `posts/x/index.html`) points, as a path below the output root,
/// or `Err` when it climbs out of the site. `base_path` (`""` or `/blog`) is
/// removed from root-relative URLs first; one without it is an error.
pub fn resolve_internal(page: &str, url: &str, base_path: &str) -> Result<String, String> {
    let url = url.split(['#', '?']).next().unwrap_or("");
    let joined: String = if let Some(rest) = url.strip_prefix('/') {
        if base_path.is_empty() {
            rest.to_string()
        } else {
            let base = base_path.trim_matches('/');
            match rest.strip_prefix(base) {
                Some("") => String::new(),
                Some(r) if r.starts_with('/') => r[1..].to_string(),
                _ => return Err(format!("`{url}` does not start with {base_path}/")),
            }
        }
    } else {
        let dir = match page.rfind('/') {
            Some(i) => &page[..=i],
            None => "",
        };
        format!("{dir}{url}")
    };
    let mut parts: Vec<String> = Vec::new();
    for c in Path::new(&percent_decode(&joined)).components() {
        match c {
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            // `..` drops one folder; one too many climbs out of the site.
            Component::ParentDir if parts.pop().is_none() => {
                return Err(format!("`{url}` climbs out of the site"));
            }
            _ => {}
        }
    }
    Ok(parts.join("/"))
}

/// Whether a resolved site path names a file of the output: `x` is the file
/// `x` or the page `x/index.html`; `` is `index.html`.
pub fn exists_in_output(public: &Path, site_path: &str) -> bool {
    let p = public.join(site_path);
    (p.is_file() && !site_path.is_empty()) || p.join("index.html").is_file()
}

/// Pages that later issues add: the therapist finder (issue 3) and site
/// search (issue 6). Until they land, links to exactly these two addresses
/// are collected apart instead of failing the link check.
pub const LATER_ISSUES: &[&str] = &["find-a-therapist", "search"];

/// The outcome of checking every internal `href`/`src` of public/.
#[derive(Debug, Default)]
pub struct LinkReport {
    /// Internal URLs looked at.
    pub checked: usize,
    /// Missing target (or reason) → the pages that link to it.
    pub broken: BTreeMap<String, Vec<String>>,
    /// Links to pages of later issues that are not built yet.
    pub later: Vec<String>,
    /// Every root-relative URL seen, as written.
    pub root_relative: Vec<(String, String)>,
}

impl LinkReport {
    pub fn describe_broken(&self) -> String {
        self.broken
            .iter()
            .map(|(what, pages)| {
                let more = if pages.len() > 3 {
                    format!(" and {} more", pages.len() - 3)
                } else {
                    String::new()
                };
                format!(
                    "{what}  (linked from {}{more})",
                    pages.iter().take(3).cloned().collect::<Vec<_>>().join(", ")
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Check every internal URL of every HTML file in the site's public/.
/// `base_path` is `""` or the path of base_url, like `/blog`.
pub fn check_internal_links(site: &Site, base_path: &str) -> LinkReport {
    let public = site.public();
    let mut report = LinkReport::default();
    for page in site.html_files() {
        let doc = html(&site.read_out(&page));
        for url in urls_in(&doc) {
            if is_external(&url) {
                continue;
            }
            report.checked += 1;
            if url.starts_with('/') {
                report.root_relative.push((page.clone(), url.clone()));
            }
            let problem = match resolve_internal(&page, &url, base_path) {
                Ok(target) if exists_in_output(&public, &target) => None,
                Ok(target) if LATER_ISSUES.contains(&target.trim_end_matches('/')) => {
                    if !report.later.contains(&target) {
                        report.later.push(target);
                    }
                    None
                }
                Ok(target) => Some(format!("`{url}` → public/{target} is missing")),
                Err(why) => Some(why),
            };
            if let Some(p) = problem {
                let pages = report.broken.entry(p).or_default();
                if !pages.contains(&page) {
                    pages.push(page.clone());
                }
            }
        }
    }
    report
}

//! The text of each host file: `_redirects` and `_headers` (Netlify and
//! Cloudflare Pages) and `.htaccess` (Apache).

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::policy::{self, CACHE_FINGERPRINTED, CACHE_SHORT};
use super::{HostSite, Redirect};

/// One `FROM TO 301` line per alias.
pub fn redirects(redirects: &[Redirect]) -> String {
    let mut out = String::from("# Old addresses, moved for good (written by gait).\n");
    for r in redirects {
        let _ = writeln!(out, "{} {} 301", encode(&r.from), encode(&r.to));
    }
    out
}

/// The security headers for every path, then the caching rules.
///
/// Cloudflare Pages joins the values of a header that two matching rules
/// set, and Netlify keeps the last: so no path is matched by two rules that
/// both set `Cache-Control`. Without fingerprinted assets, the site-wide
/// rule carries the short cache; with them, the short cache goes on every
/// part of the site that holds none, and each fingerprinted file gets a year.
pub fn headers(site: &HostSite) -> String {
    let base = site.base_path;
    let mut out = String::from("# Response headers (written by gait).\n");
    let _ = writeln!(out, "{base}/*");
    let exempt = has_admin(site);
    for (name, value) in policy::security_headers(site.loads) {
        if !(exempt && name == policy::CSP) {
            let _ = writeln!(out, "  {name}: {value}");
        }
    }
    if exempt {
        // Hosts join the values of two matching rules, so the browser
        // editor, which loads Decap CMS from its CDN and talks to GitHub,
        // cannot get a policy of its own: the site's goes on every other part.
        let csp = policy::content_security_policy(site.loads);
        for rule in csp_rules(site) {
            let _ = writeln!(out, "\n{base}/{rule}\n  {}: {csp}", policy::CSP);
        }
    }
    if site.fingerprinted.is_empty() {
        let _ = writeln!(out, "  Cache-Control: {CACHE_SHORT}");
        return out;
    }
    for rule in short_cache_rules(site) {
        let _ = writeln!(out, "\n{base}/{rule}\n  Cache-Control: {CACHE_SHORT}");
    }
    for path in site.fingerprinted {
        let _ = writeln!(
            out,
            "\n{base}/{}\n  Cache-Control: {CACHE_FINGERPRINTED}",
            encode(path)
        );
    }
    out
}

/// The folder of the browser editor's admin (`gait cms init`).
pub const ADMIN: &str = "admin/";

/// Whether the output has the browser editor's admin.
fn has_admin(site: &HostSite) -> bool {
    site.outputs
        .iter()
        .any(|p| p.to_string_lossy().replace('\\', "/").starts_with(ADMIN))
}

/// Patterns for every top-level file and folder of the output but the admin.
fn csp_rules(site: &HostSite) -> Vec<String> {
    let mut tops: BTreeSet<String> = BTreeSet::new();
    for p in site.outputs {
        let p = p.to_string_lossy().replace('\\', "/");
        match p.split_once('/') {
            Some((folder, _)) => tops.insert(format!("{}/*", encode(folder))),
            None => tops.insert(encode(&p)),
        };
    }
    tops.remove(&format!("{ADMIN}*"));
    let mut rules = vec![String::new()];
    rules.extend(tops);
    rules
}

/// The number of rules (path blocks) in a `_headers` file.
pub fn header_rules(text: &str) -> usize {
    text.lines().filter(|l| l.starts_with('/')).count()
}

/// Patterns (site paths; a trailing `*` for a whole folder) that cover every
/// output file except the fingerprinted ones, with as few rules as may be.
fn short_cache_rules(site: &HostSite) -> Vec<String> {
    let fingerprinted: BTreeSet<&str> = site.fingerprinted.iter().map(String::as_str).collect();
    let files: Vec<String> = site
        .outputs
        .iter()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    let mut rules = Vec::new();
    cover("", &files, &fingerprinted, &mut rules);
    rules
}

/// Rules for the files under folder `prefix` (`""` or `css/`).
fn cover(prefix: &str, files: &[String], fingerprinted: &BTreeSet<&str>, rules: &mut Vec<String>) {
    let inside: Vec<&String> = files.iter().filter(|f| f.starts_with(prefix)).collect();
    if !fingerprinted.iter().any(|f| f.starts_with(prefix)) {
        rules.push(format!("{}*", encode(prefix)));
        return;
    }
    // The folder's own address (`/css/`) serves its index page.
    if inside.iter().any(|f| f[prefix.len()..] == *"index.html") {
        rules.push(encode(prefix));
    }
    let mut names: BTreeSet<&str> = BTreeSet::new();
    let mut folders: BTreeSet<&str> = BTreeSet::new();
    for f in &inside {
        let rest = &f[prefix.len()..];
        match rest.split_once('/') {
            Some((folder, _)) => folders.insert(folder),
            None => names.insert(rest),
        };
    }
    for name in names {
        let path = format!("{prefix}{name}");
        if !fingerprinted.contains(path.as_str()) {
            rules.push(encode(&path));
        }
    }
    for folder in folders {
        cover(&format!("{prefix}{folder}/"), files, fingerprinted, rules);
    }
}

/// Apache: the 404 page, a `Redirect 301` per alias, and the same headers
/// (with mod_headers, which shared hosts have on).
pub fn htaccess(site: &HostSite) -> String {
    let mut out = String::from(
        "# Apache settings (written by gait): the 404 page, old addresses, headers.\n",
    );
    let _ = writeln!(out, "ErrorDocument 404 {}", quote(&site.not_found));
    if !site.redirects.is_empty() {
        out.push('\n');
    }
    for r in &site.redirects {
        let _ = writeln!(out, "Redirect 301 {} {}", quote(&r.from), quote(&r.to));
    }
    out.push_str("\n<IfModule mod_headers.c>\n");
    let exempt = has_admin(site);
    for (name, value) in policy::security_headers(site.loads) {
        match exempt && name == policy::CSP {
            // Not on the browser editor's admin (see `headers`).
            true => {
                let admin = format!("{}/{ADMIN}", site.base_path);
                let _ = writeln!(
                    out,
                    "  Header always set {name} \"{value}\" \"expr=%{{REQUEST_URI}} !~ m#^{admin}#\""
                );
            }
            false => {
                let _ = writeln!(out, "  Header always set {name} \"{value}\"");
            }
        }
    }
    let _ = writeln!(out, "  Header set Cache-Control \"{CACHE_SHORT}\"");
    if !site.fingerprinted.is_empty() {
        // In the order of the names without their fingerprints (`finder.css`
        // before `finder.js`), which stays the same from build to build.
        let names: BTreeSet<(String, String)> = site
            .fingerprinted
            .iter()
            .map(|p| p.rsplit('/').next().unwrap_or(p))
            .map(|name| (unfingerprinted(name), regex_escape(name)))
            .collect();
        let names: Vec<String> = names.into_iter().map(|(_, escaped)| escaped).collect();
        let _ = writeln!(
            out,
            "  <FilesMatch \"^({})$\">\n    Header set Cache-Control \"{CACHE_FINGERPRINTED}\"\n  </FilesMatch>",
            names.join("|")
        );
    }
    out.push_str("</IfModule>\n");
    out
}

/// A path as a URL on one line: spaces, non-ASCII and other bytes that
/// would split the line or confuse a parser are percent-encoded.
fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@%".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// An Apache argument: quoted when it holds a space or a quote.
fn quote(arg: &str) -> String {
    if arg.contains([' ', '"', '\t']) {
        format!("\"{}\"", arg.replace('"', "\\\""))
    } else {
        arg.to_string()
    }
}

fn regex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        if "\\.+*?()|[]{}^$\"".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `finder.css` for `finder.177d4fd938.css`: a file name without the
/// fingerprint before its extension.
fn unfingerprinted(name: &str) -> String {
    let mut parts: Vec<&str> = name.split('.').collect();
    if parts.len() >= 3
        && parts[parts.len() - 2]
            .bytes()
            .all(|b| b.is_ascii_hexdigit())
    {
        parts.remove(parts.len() - 2);
    }
    parts.join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unfingerprinted_table() {
        for (name, want) in [
            ("finder.177d4fd938.css", "finder.css"),
            ("finder.dd6ec83c45.js", "finder.js"),
            ("style.css", "style.css"),
            ("jquery.min.js", "jquery.min.js"),
            ("a.b.1a2b.js", "a.b.js"),
        ] {
            assert_eq!(unfingerprinted(name), want, "{name}");
        }
    }

    #[test]
    fn encode_table() {
        for (a, b) in [
            ("/2019/03/old-post/", "/2019/03/old-post/"),
            ("/a b/", "/a%20b/"),
            ("/café/", "/caf%C3%A9/"),
            ("/x%20y/", "/x%20y/"),
        ] {
            assert_eq!(encode(a), b);
        }
    }

    #[test]
    fn apache_quoting_and_regexes() {
        assert_eq!(quote("/a b/"), "\"/a b/\"");
        assert_eq!(quote("/plain/"), "/plain/");
        assert_eq!(regex_escape("style.1a2b.css"), "style\\.1a2b\\.css");
    }
}

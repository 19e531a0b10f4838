//! What pages load from other hosts: every request found in a document
//! (posts, pages, bios, clinic descriptions) or a template is a warning
//! naming its file, line and host, or an error under `privacy: strict`,
//! unless site.yaml's `third_party_allowed` lists the host. The allowed
//! hosts the site loads, by kind, are kept for a Content-Security-Policy,
//! with the players of click-to-play videos (which load only on a click).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::bodies::Document;
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::privacy::{Hosts, Kind, Request};
use crate::theme::TemplateSource;

/// Report what `docs` and `templates` load from other hosts; the allowed
/// hosts, by kind.
pub fn check(
    docs: &[Document<'_>],
    templates: &[TemplateSource],
    config: &Config,
    diags: &mut Diagnostics,
) -> Hosts {
    let own = url::Url::parse(config.urls.base_url())
        .ok()
        .and_then(|u| u.host_str().map(str::to_ascii_lowercase));
    let mut report = Report {
        config,
        own,
        hosts: Hosts::default(),
        seen: HashSet::new(),
        diags,
    };
    for d in docs {
        let text = match d.rendered.requests.is_empty() {
            true => std::borrow::Cow::Borrowed(""),
            false => d.text(),
        };
        for r in &d.rendered.requests {
            let snippet = text.lines().nth(r.line);
            report.request(d.file, d.first_line + r.line, snippet, r, "this page");
        }
        for &player in &d.rendered.videos {
            if !report.hosts.after_click.contains(player) {
                report.hosts.after_click.insert(player.to_string());
            }
        }
    }
    for t in templates {
        for r in crate::privacy::find_in_text(&t.text) {
            let snippet = t.text.lines().nth(r.line);
            report.request(&t.origin, r.line + 1, snippet, &r, "this template");
        }
    }
    report.hosts
}

struct Report<'a> {
    config: &'a Config,
    own: Option<String>,
    hosts: Hosts,
    /// What was reported: one message per line, kind and host.
    seen: HashSet<(PathBuf, usize, Kind, String)>,
    diags: &'a mut Diagnostics,
}

impl Report<'_> {
    /// One request, at a 1-based line of `file`.
    fn request(
        &mut self,
        file: &Path,
        line: usize,
        snippet: Option<&str>,
        r: &Request,
        what: &str,
    ) {
        if self.own.as_deref() == Some(r.host.as_str()) {
            return;
        }
        let policy = &self.config.privacy;
        if policy.allows(&r.host) {
            self.hosts.add(r.kind, &r.host);
            return;
        }
        let host = &r.host;
        let message = format!("{what} {} `{host}`, another site", r.kind.loads());
        let mut d = Diagnostic::error(file, message)
            .at_line(Some(line))
            .with_help(format!(
                "as the page opens, readers' browsers tell `{host}` which page they read: remove it, or if the clinic accepts that, add `{host}` to `third_party_allowed` in site.yaml"
            ));
        d.severity = match policy.strict {
            true => Severity::Error,
            false => Severity::Warning,
        };
        d.snippet = snippet.map(|s| s.trim_end().to_string());
        let key = (file.to_path_buf(), line, r.kind, host.clone());
        if self.seen.insert(key) {
            self.diags.push(d);
        }
    }
}

//! `gait cms init`: read the site, write `static/admin/index.html` and
//! `config.yml`, and move a bare `data/referrals.yaml` list under a key.
//!
//! Nothing is written unless everything could be prepared: a config that
//! exists without `--force`, or a referrals file that cannot be moved
//! safely, stops the command before any file changes.

use std::path::{Path, PathBuf};

use anyhow::Result;

use super::admin_page::{self, AdminPage};
use super::config::{self, SiteFacts};
use super::located;
use super::referrals_file;
use crate::config::{Config, Overrides};
use crate::content::referrals;
use crate::diag::{Diagnostic, SiteErrors};
use crate::fsx;

/// The command line of `gait cms init`.
#[derive(Debug, Clone)]
pub struct InitOptions {
    pub root: PathBuf,
    /// `OWNER/NAME` of the GitHub repository.
    pub repo: Option<String>,
    pub branch: String,
    pub force: bool,
    /// Load Decap CMS from here instead of the pinned copy on the CDN.
    pub decap_url: Option<String>,
}

/// Written when no repository is given.
const PLACEHOLDER_REPO: &str = "OWNER/NAME";

/// Run the command; returns what to tell the user, one line each.
pub fn init(opts: &InitOptions) -> Result<Vec<String>> {
    let root = &opts.root;
    let site_text = crate::content::load::read_text(
        &root.join(crate::config::FILE_NAME),
        Path::new(crate::config::FILE_NAME),
    )
    .map_err(|ds| SiteErrors(ds.into_iter().collect()))?;
    let site = Config::parse(&site_text, &Overrides::default())
        .map_err(|ds| SiteErrors(ds.into_iter().collect()))?;
    let config_path = root.join(config::FILE);
    let old = match config_path.is_file() {
        true => Some(fsx::read_to_string(&config_path)?),
        false => None,
    };
    if !opts.force {
        for rel in [config::FILE, config::INDEX] {
            if root.join(rel).exists() {
                return Err(SiteErrors::single(
                    Diagnostic::error(rel, "this file already exists").with_help(
                        "run `gait cms init --force` to write the admin again (config.yml keeps its `backend` settings)",
                    ),
                )
                .into());
            }
        }
    }
    let kept = |key: &str| old.as_deref().and_then(|t| top_level_block(t, key));
    let mut said = Vec::new();
    let backend = match (&opts.repo, kept("backend")) {
        (Some(repo), _) => config::github_backend(repo, &opts.branch),
        (None, Some(block)) => {
            said.push("Kept the `backend` settings of the old config.yml.".to_string());
            block
        }
        (None, None) => {
            said.push(format!(
                "Set your GitHub repository in {} (or run again with --repo OWNER/NAME) before editing on the web; editing on this computer works now.",
                config::FILE
            ));
            config::github_backend(PLACEHOLDER_REPO, &opts.branch)
        }
    };
    let local_backend = kept("local_backend").unwrap_or_else(|| "local_backend: true\n".into());
    let facts = SiteFacts {
        base_url: site.urls.base_url().to_string(),
        tags: used_tags(root),
    };
    let stylesheet = format!("{}/css/style.css", site.urls.base_path());
    let page = admin_page::render(&AdminPage {
        site_title: &site.title,
        stylesheet: &stylesheet,
        decap_url: opts.decap_url.as_deref(),
    });
    let referrals_path = root.join(referrals::FILE);
    let wrapped = match referrals_path.is_file() {
        true => referrals_file::wrap(&fsx::read_to_string(&referrals_path)?).map_err(|why| {
            SiteErrors::single(
                Diagnostic::error(
                    referrals::FILE,
                    format!("this list cannot be moved under a `referrals:` key for Decap CMS: {why}"),
                )
                .with_help("put `referrals:` on the first line and indent the list below it by two spaces, then run the command again"),
            )
        })?,
        false => None,
    };
    fsx::write(&root.join(config::INDEX), page)?;
    fsx::write(
        &config_path,
        config::render(&facts, &backend, &local_backend),
    )?;
    said.insert(0, format!("Wrote {} and {}.", config::INDEX, config::FILE));
    if let Some(text) = wrapped {
        fsx::write(&referrals_path, text)?;
        said.push(format!(
            "Moved the list in {} under a `referrals:` key, which Decap CMS can edit (the entries are unchanged).",
            referrals::FILE
        ));
    }
    said.push(format!(
        "Edit on this computer: run `npx decap-server` and `gait serve`, then open {}/admin/ (see docs/editing-in-the-browser.md).",
        site.urls.base_path()
    ));
    Ok(said)
}

/// The lines of a top-level `key:` and its value, as written (comments
/// inside kept, trailing blank and comment lines left out).
pub fn top_level_block(text: &str, key: &str) -> Option<String> {
    let doc = located::parse(text).ok()?;
    let entries = doc.entries();
    let i = entries.iter().position(|e| e.key == key)?;
    let lines: Vec<&str> = text.lines().collect();
    let start = entries[i].line.checked_sub(1)?;
    let end = entries.get(i + 1).map_or(lines.len(), |e| e.line - 1);
    let mut block = lines.get(start..end)?.to_vec();
    while block
        .last()
        .is_some_and(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        block.pop();
    }
    Some(block.iter().map(|l| format!("{l}\n")).collect())
}

/// The tags the posts use, most used first (then by name). Files that do
/// not parse are left out: this only feeds a hint.
fn used_tags(root: &Path) -> Vec<String> {
    let langs = crate::config::Config::languages_at(root);
    let (loaded, _) = crate::content::load::Loader::default().load_hinted(root, None, &langs);
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for post in &loaded.posts {
        for tag in &post.tags {
            *counts.entry(tag.as_str()).or_default() += 1;
        }
    }
    let mut tags: Vec<(&str, usize)> = counts.into_iter().collect();
    tags.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    tags.into_iter().map(|(t, _)| t.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_level_block_table() {
        let text = "# head\nbackend:\n  name: github # mine\n  repo: a/b\n\n# about the next key\nlocal_backend: {url: 'http://127.0.0.1:9/api/v1'}\nsite_url: x\n";
        assert_eq!(
            top_level_block(text, "backend").as_deref(),
            Some("backend:\n  name: github # mine\n  repo: a/b\n")
        );
        assert_eq!(
            top_level_block(text, "local_backend").as_deref(),
            Some("local_backend: {url: 'http://127.0.0.1:9/api/v1'}\n")
        );
        assert_eq!(top_level_block(text, "media_folder"), None);
        assert_eq!(top_level_block("backend: [\n", "backend"), None);
    }
}

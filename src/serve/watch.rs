//! Watching the site's folders for changes with notify (debounced): a burst of
//! saves arrives as one batch, and editors' temporary and swap files are ignored.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use anyhow::{Context, Result};
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::content::load::is_ignored_name;

/// Folders below the root whose changes rebuild the site.
pub const WATCHED: &[&str] = &["content", "templates", "themes", "static", "data", "i18n"];
/// How long a file must be quiet before its change is reported: long
/// enough for an editor's save (write, rename) to be one change, short
/// enough not to be felt between a save and the reload.
pub const DEBOUNCE: Duration = Duration::from_millis(5);

pub struct Watcher {
    debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    root: PathBuf,
    watching: Vec<PathBuf>,
}

/// Whether a changed path matters to the site at `root`.
pub fn is_relevant(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = rel.components();
    let Some(first) = parts.next() else {
        return false;
    };
    let first = first.as_os_str().to_string_lossy();
    let top_ok = WATCHED.contains(&first.as_ref())
        || (first == crate::config::FILE_NAME && parts.clone().next().is_none());
    top_ok
        && !rel
            .components()
            .any(|c| is_ignored_name(&c.as_os_str().to_string_lossy()))
}

impl Watcher {
    /// Start watching `root`; batches of changed paths arrive on the receiver.
    pub fn start(root: &Path) -> Result<(Watcher, Receiver<Vec<PathBuf>>)> {
        let (tx, rx) = channel::<Vec<PathBuf>>();
        let root_for_events = root.to_path_buf();
        let debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
            let Ok(events) = result else { return };
            let mut paths: Vec<PathBuf> = events
                .iter()
                .filter(|e| !matches!(e.kind, EventKind::Access(_)))
                .flat_map(|e| e.paths.iter().cloned())
                .filter(|p| {
                    is_relevant(&root_for_events, p)
                        || p.parent() == Some(root_for_events.as_path())
                })
                .collect();
            paths.sort();
            paths.dedup();
            if !paths.is_empty() {
                let _ = tx.send(paths);
            }
        })
        .context("could not start watching files")?;
        let mut watcher = Watcher {
            debouncer,
            root: root.to_path_buf(),
            watching: Vec::new(),
        };
        watcher
            .debouncer
            .watch(root, RecursiveMode::NonRecursive)
            .with_context(|| format!("could not watch {}", root.display()))?;
        watcher.refresh()?;
        Ok((watcher, rx))
    }

    /// Watch the site's folders that exist now (a folder created later is
    /// picked up on the next change at the top of the site).
    pub fn refresh(&mut self) -> Result<()> {
        for name in WATCHED {
            let dir = self.root.join(name);
            if dir.is_dir() && !self.watching.contains(&dir) {
                self.debouncer
                    .watch(&dir, RecursiveMode::Recursive)
                    .with_context(|| format!("could not watch {}", dir.display()))?;
                self.watching.push(dir);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relevant_paths() {
        let root = Path::new("/site");
        let yes = [
            "/site/content/posts/a.md",
            "/site/site.yaml",
            "/site/themes/clinic/static/css/style.css",
            "/site/data/referrals.yaml",
        ];
        let no = [
            "/site/public/index.html",
            "/site/content/posts/.a.md.swp",
            "/site/content/posts/a.md~",
            "/site/content/posts/4913",
            "/site/content/posts/#a.md#",
            "/site/target/debug/x",
            "/elsewhere/content/a.md",
            "/site/site.yaml/x",
        ];
        for p in yes {
            assert!(is_relevant(root, Path::new(p)), "{p}");
        }
        for p in no {
            assert!(!is_relevant(root, Path::new(p)), "{p}");
        }
    }
}

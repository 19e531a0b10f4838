//! The set of every address a build produces, for checking links.

use foldhash::HashSet;

use super::{Plan, What, normalize};
use crate::fingerprint::Combiner;
use crate::suggest;

/// Every address the build will produce, normalized.
pub struct Known {
    set: HashSet<String>,
    /// Page paths, for suggestions.
    pages: Vec<String>,
    /// Fingerprint of the whole set.
    version: u64,
}

impl Known {
    /// Every output of `plan`; its pages are suggested for broken links.
    pub fn of(plan: &Plan) -> Known {
        Known::new(
            plan.pages().map(|(path, _)| path.to_string()),
            plan.outputs
                .iter()
                .filter(|o| !matches!(o.what, What::Page(_) | What::Kept(_)))
                .map(|o| o.path.clone()),
        )
    }

    pub fn new(
        pages: impl IntoIterator<Item = String>,
        files: impl IntoIterator<Item = String>,
    ) -> Known {
        let pages: Vec<String> = pages.into_iter().collect();
        let mut c = Combiner::new();
        let mut set: HashSet<String> = pages
            .iter()
            .map(|p| normalize(p))
            .inspect(|p| {
                c.add(p);
            })
            .collect();
        c.add("files");
        set.extend(files.into_iter().map(|f| normalize(&f)).inspect(|f| {
            c.add(f);
        }));
        Known {
            set,
            pages,
            version: c.finish(),
        }
    }

    /// Changes whenever an address is added or removed.
    pub fn version(&self) -> u64 {
        self.version
    }

    pub fn contains(&self, site_path: &str) -> bool {
        self.set.contains(&normalize(site_path))
    }

    pub fn suggestion(&self, target: &str) -> Option<&str> {
        let t = normalize(target);
        suggest::closest(&t, self.pages.iter().map(String::as_str)).or_else(|| {
            // Compare last segments: a mistyped slug under the right folder.
            let last = t.rsplit('/').next().unwrap_or(&t);
            self.pages
                .iter()
                .map(String::as_str)
                .find(|p| normalize(p).rsplit('/').next() == Some(last))
        })
    }
}

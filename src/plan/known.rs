//! The set of every address a build produces, for checking links.

use foldhash::{HashMap, HashSet};

use super::{Plan, What, normalize, trimmed};
use crate::fingerprint::Combiner;
use crate::suggest;

/// Every address the build will produce, normalized.
pub struct Known {
    set: HashSet<String>,
    /// The addresses written with capitals, as written, by their
    /// normalized form (most sites have none).
    capitals: HashMap<String, String>,
    /// Page paths, for suggestions.
    pages: Vec<String>,
    /// Fingerprint of the whole set, capitals included.
    version: u64,
}

/// What a link's address finds among the site's.
#[derive(Debug, PartialEq, Eq)]
pub enum Found<'a> {
    /// The address, exactly.
    Exact,
    /// An address that differs only in capitals: this one (without its
    /// leading slash), which a web host that tells capitals apart serves
    /// instead of the address written.
    Capitals(&'a str),
    Nothing,
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
        let mut set = HashSet::default();
        let mut capitals = HashMap::default();
        let mut add = |c: &mut Combiner, path: &str| {
            let exact = trimmed(path);
            c.add(exact);
            let lower = exact.to_ascii_lowercase();
            if lower != exact {
                capitals.insert(lower.clone(), exact.to_string());
            }
            set.insert(lower);
        };
        for page in &pages {
            add(&mut c, page);
        }
        c.add("files");
        for file in files {
            add(&mut c, &file);
        }
        Known {
            set,
            capitals,
            pages,
            version: c.finish(),
        }
    }

    /// Changes whenever an address is added or removed.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// What `site_path` finds, telling capitals apart as most web hosts do.
    pub fn find(&self, site_path: &str) -> Found<'_> {
        let exact = trimmed(site_path);
        let lower = exact.to_ascii_lowercase();
        let Some(known) = self.set.get(&lower) else {
            return Found::Nothing;
        };
        let real = self.capitals.get(&lower).unwrap_or(known);
        match real == exact {
            true => Found::Exact,
            false => Found::Capitals(real),
        }
    }

    pub fn suggestion(&self, target: &str) -> Option<&str> {
        let t = normalize(target);
        suggest::closest(&t, self.pages.iter().map(String::as_str)).or_else(|| {
            // Compare last segments: a mistyped slug under the right folder.
            self.page_named(t.rsplit('/').next().unwrap_or(&t))
        })
    }

    /// The page whose address ends in `name` (`knee-pain` for
    /// `posts/knee-pain/`), capitals aside.
    pub fn page_named(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.pages
            .iter()
            .map(String::as_str)
            .find(|p| normalize(p).rsplit('/').next() == Some(name.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_tells_capitals_apart() {
        let known = Known::new(
            ["about/".to_string(), "posts/knee-pain/".to_string()],
            [
                "posts/hip/Bridge.JPG".to_string(),
                "images/logo.png".to_string(),
            ],
        );
        for (path, want) in [
            ("about/", Found::Exact),
            ("/about", Found::Exact),
            ("about/index.html", Found::Exact),
            ("About/", Found::Capitals("about")),
            ("posts/Knee-Pain/", Found::Capitals("posts/knee-pain")),
            ("posts/hip/Bridge.JPG", Found::Exact),
            (
                "posts/hip/bridge.jpg",
                Found::Capitals("posts/hip/Bridge.JPG"),
            ),
            (
                "POSTS/HIP/BRIDGE.JPG",
                Found::Capitals("posts/hip/Bridge.JPG"),
            ),
            ("images/Logo.PNG", Found::Capitals("images/logo.png")),
            ("images/logo.svg", Found::Nothing),
            ("", Found::Nothing),
        ] {
            assert_eq!(known.find(path), want, "{path}");
        }
    }

    #[test]
    fn the_version_changes_with_capitals() {
        let files = |f: &str| Known::new(Vec::new(), [f.to_string()]).version();
        assert_ne!(files("posts/hip/bridge.jpg"), files("posts/hip/Bridge.JPG"));
        assert_eq!(
            files("posts/hip/Bridge.JPG"),
            files("/posts/hip/Bridge.JPG")
        );
    }
}

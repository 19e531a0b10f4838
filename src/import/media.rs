//! Files from `wp-content/uploads` (given with `--uploads DIR`) and where
//! they go: beside their post (`content/posts/<slug>/<name>`), or for pages
//! under `static/wp-content/uploads/`, so the old address keeps working.
//!
//! Local names are plain lower-case ASCII; two different files that would get
//! one name in a post folder are told apart with `-2`, `-3`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::slug::slugify;

/// A copy of the old site's `wp-content/uploads` folder.
#[derive(Debug, Clone)]
pub struct Uploads {
    dir: PathBuf,
}

impl Uploads {
    pub fn new(dir: PathBuf) -> Uploads {
        Uploads { dir }
    }

    /// The file for `rel` (a decoded path below `uploads/`, like `2019/03/knee-300x200.jpg`);
    /// when a resized copy is missing, the full-size original.
    pub fn find(&self, rel: &str) -> Option<PathBuf> {
        let parts = safe_parts(rel)?;
        let mut path = self.dir.clone();
        path.extend(&parts);
        if path.is_file() {
            return Some(path);
        }
        let name = parts.last()?;
        let original = without_size_suffix(name)?;
        let path = path.with_file_name(original);
        path.is_file().then_some(path)
    }
}

/// The components of a relative path, when none of them can leave the folder.
fn safe_parts(rel: &str) -> Option<Vec<&str>> {
    let parts: Vec<&str> = rel.split('/').collect();
    let ok = parts.iter().all(|p| {
        !p.is_empty()
            && *p != "."
            && *p != ".."
            && !p.contains(['\\', ':', '\0'])
            && !p.starts_with('.')
    });
    ok.then_some(parts)
}

/// `knee-300x200.jpg` → `knee.jpg` (WordPress's resized copies).
pub(crate) fn without_size_suffix(name: &str) -> Option<String> {
    let (stem, ext) = name.rsplit_once('.')?;
    let (base, size) = stem.rsplit_once('-')?;
    let (w, h) = size.split_once('x')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(w) && digits(h) && !base.is_empty()).then(|| format!("{base}.{ext}"))
}

/// A file name safe for any file system and URL: `Knee Brace (1).JPG` → `knee-brace-1.jpg`.
pub fn local_name(name: &str) -> String {
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() => (s, e),
        _ => (name, ""),
    };
    let mut stem = slugify(stem);
    if stem.is_empty() {
        stem = "file".into();
    }
    let ext: String = ext
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(10)
        .collect::<String>()
        .to_ascii_lowercase();
    if ext.is_empty() || matches!(ext.as_str(), "md" | "markdown" | "yaml" | "yml" | "html") {
        // Never a file gait would read as content or a page.
        if ext.is_empty() {
            stem
        } else {
            format!("{stem}-{ext}.txt")
        }
    } else {
        format!("{stem}.{ext}")
    }
}

/// Where one post's or page's uploads go.
#[derive(Debug, Clone, Default)]
pub struct Bundle {
    /// For a page: files go under `static/wp-content/uploads/`, linked from the site root.
    shared: bool,
    by_rel: HashMap<String, String>,
    /// (source file, destination relative to the post folder or to `static/`).
    pub files: Vec<(PathBuf, String)>,
}

impl Bundle {
    /// Files beside a post, linked by bare name.
    pub fn beside_post() -> Bundle {
        Bundle::default()
    }

    /// Files under `static/wp-content/uploads/`, linked as `/wp-content/uploads/...`.
    pub fn shared() -> Bundle {
        Bundle {
            shared: true,
            ..Bundle::default()
        }
    }

    /// Add the file found for `rel`; returns the link to use in the Markdown.
    pub fn add(&mut self, rel: &str, source: &Path) -> String {
        if let Some(dest) = self.by_rel.get(rel) {
            return self.link(dest);
        }
        let file_name = source
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let name = local_name(&file_name);
        let dest = if self.shared {
            let dirs: Vec<String> = rel
                .rsplit_once('/')
                .map(|(d, _)| {
                    d.split('/')
                        .map(slugify)
                        .filter(|s| !s.is_empty())
                        .collect()
                })
                .unwrap_or_default();
            let mut d = String::from("wp-content/uploads/");
            for dir in dirs {
                d.push_str(&dir);
                d.push('/');
            }
            d.push_str(&name);
            d
        } else {
            self.unique(&name)
        };
        self.by_rel.insert(rel.to_string(), dest.clone());
        self.files.push((source.to_path_buf(), dest.clone()));
        self.link(&dest)
    }

    fn link(&self, dest: &str) -> String {
        if self.shared {
            format!("/{dest}")
        } else {
            dest.to_string()
        }
    }

    /// `name`, or `name-2`, `name-3`... when another file of this post has it.
    fn unique(&self, name: &str) -> String {
        let taken = |n: &str| n == "index.md" || self.files.iter().any(|(_, d)| d == n);
        if !taken(name) {
            return name.to_string();
        }
        let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
        // Some suffix is free: there are fewer files than numbers.
        let mut i = 2usize;
        loop {
            let candidate = if ext.is_empty() {
                format!("{stem}-{i}")
            } else {
                format!("{stem}-{i}.{ext}")
            };
            if !taken(&candidate) {
                return candidate;
            }
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_name_table() {
        let cases = [
            ("knee.jpg", "knee.jpg"),
            ("Knee Brace (1).JPG", "knee-brace-1.jpg"),
            ("rodilla-ñandú.png", "rodilla-nandu.png"),
            ("日本.gif", "ri-ben.gif"),
            ("\u{E000}.gif", "file.gif"),
            ("notes.md", "notes-md.txt"),
            ("README", "readme"),
        ];
        for (input, want) in cases {
            assert_eq!(local_name(input), want, "{input}");
        }
    }

    #[test]
    fn size_suffix_and_unsafe_paths() {
        assert_eq!(
            without_size_suffix("knee-300x200.jpg").as_deref(),
            Some("knee.jpg")
        );
        assert_eq!(without_size_suffix("knee-x.jpg"), None);
        assert_eq!(without_size_suffix("2019.jpg"), None);
        for bad in [
            "../x.jpg",
            "2019/../../x",
            "/etc/passwd",
            "a//b",
            ".htaccess",
            "c:x",
        ] {
            assert!(safe_parts(bad).is_none(), "{bad}");
        }
        assert!(safe_parts("2019/03/knee.jpg").is_some());
    }

    #[test]
    fn bundle_names_never_clash() {
        let mut b = Bundle::beside_post();
        assert_eq!(
            b.add("2019/03/knee.jpg", Path::new("/u/2019/03/knee.jpg")),
            "knee.jpg"
        );
        assert_eq!(
            b.add("2020/01/knee.jpg", Path::new("/u/2020/01/knee.jpg")),
            "knee-2.jpg"
        );
        assert_eq!(
            b.add("2019/03/knee.jpg", Path::new("/u/2019/03/knee.jpg")),
            "knee.jpg"
        );
        assert_eq!(b.files.len(), 2);
        let mut s = Bundle::shared();
        assert_eq!(
            s.add(
                "2019/03/Team Photo.JPG",
                Path::new("/u/2019/03/Team Photo.JPG")
            ),
            "/wp-content/uploads/2019/03/team-photo.jpg"
        );
    }
}

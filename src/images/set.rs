//! The pictures of one build, found by address: a picture by the address
//! it is written with (`posts/knee/brace.jpg`, for the Markdown and the
//! front matter), a published file by its own address (for the plan and the
//! preview server), and the version of what a page showing a picture prints.

use std::collections::HashMap;

use super::engine::Planned;
use super::names::Variant;
use crate::fingerprint::Combiner;

/// Every planned picture of a build, indexed.
#[derive(Debug, Default)]
pub struct PictureSet {
    pictures: Vec<Planned>,
    /// A picture's own address → its position.
    by_source: HashMap<String, usize>,
    /// A published file's address → (picture, variant), each address once.
    by_output: HashMap<String, (usize, usize)>,
}

impl PictureSet {
    pub fn new(pictures: Vec<Planned>) -> PictureSet {
        let mut by_source = HashMap::with_capacity(pictures.len());
        let mut by_output = HashMap::with_capacity(pictures.len() * 8);
        for (i, p) in pictures.iter().enumerate() {
            by_source.insert(p.source.site_path.clone(), i);
            for (j, v) in p.variants.iter().enumerate() {
                by_output.entry(v.site_path.clone()).or_insert((i, j));
            }
        }
        PictureSet {
            pictures,
            by_source,
            by_output,
        }
    }

    /// Every picture, in the order they were planned.
    pub fn pictures(&self) -> &[Planned] {
        &self.pictures
    }

    pub fn len(&self) -> usize {
        self.pictures.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pictures.is_empty()
    }

    /// The picture written as `site_path` (no leading slash, decoded).
    pub fn get(&self, site_path: &str) -> Option<&Planned> {
        self.by_source.get(site_path).map(|&i| &self.pictures[i])
    }

    /// The picture and variant published at `site_path`.
    pub fn published(&self, site_path: &str) -> Option<(&Planned, &Variant)> {
        let &(i, j) = self.by_output.get(site_path)?;
        let p = &self.pictures[i];
        Some((p, &p.variants[j]))
    }

    /// Every file of every picture: (picture index, variant index,
    /// variant), pictures in order, each picture's variants in order, each
    /// of a picture's addresses once (its `og:image` is often one of its
    /// widths). Two pictures may give the same address: the plan finds it.
    pub fn outputs(&self) -> impl Iterator<Item = (usize, usize, &Variant)> {
        self.pictures.iter().enumerate().flat_map(move |(i, p)| {
            p.variants
                .iter()
                .enumerate()
                .filter(move |(j, v)| !p.variants[..*j].iter().any(|w| w.site_path == v.site_path))
                .map(move |(j, v)| (i, j, v))
        })
    }

    /// The version of what a page showing the picture written as
    /// `site_path` prints (its variants' names and sizes, its bytes); a
    /// version of its own for a picture that does not exist.
    pub fn version(&self, site_path: &str) -> u64 {
        let mut c = Combiner::new();
        c.add(site_path);
        if let Some(p) = self.get(site_path) {
            c.add(&p.key).add(&p.variants);
        }
        c.finish()
    }

    /// The version of every picture in `site_paths`, combined.
    pub fn versions<'a>(&self, site_paths: impl IntoIterator<Item = &'a str>) -> u64 {
        let mut c = Combiner::new();
        for p in site_paths {
            c.add(&self.version(p));
        }
        c.finish()
    }

    /// Changes whenever a published address is added or removed.
    pub fn shape(&self) -> u64 {
        let mut c = Combiner::new();
        for (i, _, v) in self.outputs() {
            c.add(&i).add(&v.site_path);
        }
        c.finish()
    }
}

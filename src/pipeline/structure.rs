//! The site's structure: every page's address (the plan) and the set of
//! addresses links may point to. The preview server keeps it between
//! rebuilds for as long as no post, term, author, clinic, page or static file
//! is added, removed or renamed, so that editing a post's text does not plan
//! 15,000 pages again.

use std::sync::Arc;

use super::files::OutputFile;
use crate::diag::{Diagnostic, Diagnostics};
use crate::fingerprint::Combiner;
use crate::links::Known;
use crate::model::Site;
use crate::plan::{self, Planned};

/// The plan and the addresses it makes.
#[derive(Clone)]
pub struct Structure {
    pub planned: Arc<Vec<Planned>>,
    pub known: Arc<Known>,
}

/// The structure of the last build, with the fingerprint of what it was made
/// from and the clashes it found.
#[derive(Default)]
pub struct StructureCache {
    last: Option<(u64, Structure, Vec<Diagnostic>)>,
}

/// Plan the site and collect its addresses, with every clash of two pages
/// at one address.
pub fn make(
    site: &Site,
    reserved: &[(String, &str)],
    files: &[OutputFile],
) -> (Structure, Vec<Diagnostic>) {
    let (planned, clashes) = plan::plan(site, reserved);
    let known = known_addresses(&planned, reserved, files);
    let structure = Structure {
        planned: Arc::new(planned),
        known: Arc::new(known),
    };
    (structure, clashes)
}

impl StructureCache {
    /// Like [`make`], reusing the last structure when its inputs are the same.
    pub fn get(
        &mut self,
        site: &Site,
        reserved: &[(String, &str)],
        files: &[OutputFile],
        diags: &mut Diagnostics,
    ) -> Structure {
        let key = shape(site, reserved, files);
        if let Some((k, structure, clashes)) = &self.last {
            if *k == key {
                diags.extend(clashes.iter().cloned());
                return structure.clone();
            }
        }
        let (structure, clashes) = make(site, reserved, files);
        diags.extend(clashes.iter().cloned());
        self.last = Some((key, structure.clone(), clashes));
        structure
    }
}

/// Fingerprint of everything [`plan::plan`] and the address set depend on:
/// each page's address, which file asks for it, and the listings' lengths.
fn shape(site: &Site, reserved: &[(String, &str)], files: &[OutputFile]) -> u64 {
    let mut c = Combiner::new();
    c.add(&site.config.posts_per_page)
        .add(&site.config.finder.as_ref().map(|f| &f.path));
    for p in &site.posts {
        c.add(&p.doc.slug)
            .add(bytes(&p.doc.file))
            .add(&p.doc.aliases);
    }
    c.add("authors");
    for a in &site.authors {
        c.add(&a.doc.slug).add(bytes(&a.doc.file));
    }
    c.add("clinics");
    for k in &site.clinics {
        c.add(&k.doc.slug).add(bytes(&k.doc.file));
    }
    c.add("terms");
    for t in site.categories.iter().chain(&site.tags) {
        c.add(&t.slug).add(&t.posts.len());
    }
    c.add(&site.categories.len());
    for p in &site.pages {
        c.add(&p.slug).add(bytes(&p.file));
    }
    c.add("reserved");
    for (path, owner) in reserved {
        c.add(path).add(owner);
    }
    c.add("files");
    for f in files {
        c.add(bytes(&f.rel));
    }
    c.finish()
}

/// A path's bytes: hashed much faster than a `Path`, which hashes by component.
fn bytes(path: &std::path::Path) -> &[u8] {
    path.as_os_str().as_encoded_bytes()
}

fn known_addresses(
    planned: &[Planned],
    reserved: &[(String, &str)],
    files: &[OutputFile],
) -> Known {
    let pages = planned
        .iter()
        .map(|p| p.path.clone())
        .chain(reserved.iter().map(|(p, _)| p.clone()));
    Known::new(
        pages,
        files
            .iter()
            .map(|f| f.rel.to_string_lossy().replace('\\', "/")),
    )
}

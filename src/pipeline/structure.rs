//! The site's structure: the plan of every output, its clashes, and the set
//! of addresses links may point to. The preview server keeps it between
//! rebuilds for as long as planning would read the same
//! ([`Versions::shape`]), so that editing a post's text does not plan
//! 15,000 pages again.

use std::sync::Arc;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Site;
use crate::plan::inputs::Versions;
use crate::plan::{Known, Plan, clash};
use crate::theme::StaticFile;

/// The plan and the addresses it makes.
#[derive(Clone)]
pub struct Structure {
    pub plan: Arc<Plan>,
    pub known: Arc<Known>,
}

/// The structure of the last build, with the version of what it was made
/// from and the clashes it found.
#[derive(Default)]
pub struct StructureCache {
    last: Option<(u64, Structure, Vec<Diagnostic>)>,
}

/// Plan every output of the site: each page kind's pages, the feeds, the
/// sitemap and robots.txt, the finder's data, the search index, the
/// copied files and the pictures' files (`names.pictures`). Returns the
/// structure and every clash.
pub fn make(
    site: &Site,
    copies: Vec<StaticFile>,
    names: &clash::Cx<'_>,
) -> (Structure, Vec<Diagnostic>) {
    let mut plan = Plan::with_capacity(site.posts.len() * 3 / 2 + copies.len() + 64);
    crate::render::kinds::plan(site, &mut plan);
    crate::feeds::plan(site, &mut plan);
    crate::finder::plan(site, &mut plan);
    crate::search::plan(site, &mut plan);
    crate::hostfiles::plan(site, &mut plan);
    for file in copies {
        plan.copy(file);
    }
    plan.pictures(names.pictures);
    let clashes = clash::check(&plan, names);
    let known = Known::of(&plan);
    let structure = Structure {
        plan: Arc::new(plan),
        known: Arc::new(known),
    };
    (structure, clashes)
}

impl StructureCache {
    /// Like [`make`], reusing the last structure when planning would read the same.
    pub fn get(
        &mut self,
        site: &Site,
        copies: Vec<StaticFile>,
        names: &clash::Cx<'_>,
        diags: &mut Diagnostics,
    ) -> Structure {
        let key = Versions::shape(site, &copies, names.pictures.shape());
        if let Some((k, structure, clashes)) = &self.last
            && *k == key
        {
            diags.extend(clashes.iter().cloned());
            return structure.clone();
        }
        let (structure, clashes) = make(site, copies, names);
        diags.extend(clashes.iter().cloned());
        self.last = Some((key, structure.clone(), clashes));
        structure
    }
}

//! What the pages of one write are made from: related posts, the views,
//! the templates with the site-wide `site` value and the finder's cards.
//! Owned here so that every page's [`Cx`] can borrow it.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::Prepared;
use super::incremental::Incremental;
use crate::finder::{self, FinderView, TherapistCard};
use crate::plan::inputs::{Input, PictureVersions, Versions};
use crate::render::kinds::Cx;
use crate::render::prerendered::Prerendered;
use crate::render::related;
use crate::render::templates::Templates;
use crate::views::present::{self, Views};

pub struct Frame {
    /// Per post: up to three related posts.
    pub related: Arc<Vec<Vec<usize>>>,
    pub views: Views,
    pub templates: Templates,
    /// Every therapist of the finder.
    pub cards: Vec<TherapistCard>,
    pub finder: Option<FinderView>,
    /// The versions of the pictures each document shows.
    pub pictures: PictureVersions,
}

impl Frame {
    /// The frame of `prepared`, reusing what a preview's [`Incremental`]
    /// kept whose inputs did not change.
    pub fn new(
        prepared: &Prepared,
        now: DateTime<Utc>,
        mut inc: Option<&mut Incremental>,
    ) -> Frame {
        let site = &prepared.site;
        let related = match inc.as_deref_mut() {
            Some(inc) => inc.related(site),
            None => Arc::new(related::related(site)),
        };
        let pictures = super::pictures::versions(site, &prepared.bodies, &prepared.pictures);
        let views = {
            let versions = Versions::new(site, &related, &pictures);
            let global = prepared.global_version;
            let key = |i: usize| {
                let post = versions.of(Input::Post(i as u32));
                crate::fingerprint::Combiner::new()
                    .add(&global)
                    .add(&post)
                    .finish()
            };
            let cache = inc.map(|c| (&mut c.views, &key as present::ViewKey<'_>));
            present::present(site, &prepared.bodies, &prepared.pictures, now, cache)
        };
        let mut templates = prepared.templates.clone();
        templates.set_site(&views.site);
        templates.set_assets(&prepared.assets, &site.config.urls);
        let cards = finder::cards(site, &views.authors, &views.clinics);
        let intro = prepared.bodies.finder_intro.clone();
        let finder = finder::view(site, &cards, intro, &site.config.urls);
        Frame {
            related,
            views,
            templates,
            cards,
            finder,
            pictures,
        }
    }

    /// The input versions of this write.
    pub fn versions<'a>(&'a self, prepared: &'a Prepared) -> Versions<'a> {
        Versions::new(&prepared.site, &self.related, &self.pictures)
    }

    /// Room for the HTML that pages share (header, footer, post cards), kept
    /// apart so that a write can drop it once the pages are done.
    pub fn shared_html(&self) -> Prerendered {
        Prerendered::new(&self.templates, self.views.posts.len())
    }

    /// What every page of this write reads.
    pub fn cx<'a>(&'a self, prepared: &'a Prepared, prerendered: &'a Prerendered) -> Cx<'a> {
        Cx {
            site: &prepared.site,
            views: &self.views,
            templates: &self.templates,
            comment_bodies: &prepared.bodies.comments,
            related: &self.related,
            finder: self.finder.as_ref(),
            prerendered,
        }
    }
}

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
    /// Per language: the templates with its `site` and `t`.
    pub templates: Vec<Templates>,
    /// Every therapist of the finder, in the default language (`therapists.json`).
    pub cards: Vec<TherapistCard>,
    /// Per language: the finder page's view (empty when the finder is off).
    pub finders: Vec<FinderView>,
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
            let shown = present::Shown {
                texts: &prepared.texts,
                pictures: &prepared.pictures,
            };
            present::present(site, &prepared.bodies, &shown, now, cache)
        };
        let templates = site
            .config
            .languages
            .all()
            .map(|l| {
                let mut t = prepared.templates[l.index()].clone();
                t.set_site(&views.sites[l.index()]);
                t.set_assets(&prepared.assets, &site.config.urls);
                t.set_text(prepared.texts[l.index()].value());
                t
            })
            .collect();
        let (cards, finders) = finders(prepared, &views);
        Frame {
            related,
            views,
            templates,
            cards,
            finders,
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
        Prerendered::new(
            &self.templates[0],
            self.views.posts.len(),
            self.templates.len(),
        )
    }

    /// What every page of this write reads.
    pub fn cx<'a>(&'a self, prepared: &'a Prepared, prerendered: &'a Prerendered) -> Cx<'a> {
        Cx {
            site: &prepared.site,
            views: &self.views,
            templates: &self.templates,
            texts: &prepared.texts,
            comment_bodies: &prepared.bodies.comments,
            related: &self.related,
            finders: &self.finders,
            prerendered,
        }
    }
}

/// The finder's cards in the default language (for `therapists.json`), and
/// its page's view in each language (none when it is off).
fn finders(prepared: &Prepared, views: &Views) -> (Vec<TherapistCard>, Vec<FinderView>) {
    let site = &prepared.site;
    let mut default_cards = Vec::new();
    let mut pages = Vec::new();
    for l in site.config.languages.all() {
        let i = l.index();
        let cards = finder::cards(site, &views.authors[i], &views.clinics[i]);
        let intro = prepared.bodies.finder_intro[i].clone();
        let link = views.sites[i].finder.as_ref();
        pages.extend(link.and_then(|link| finder::view(site, &cards, intro, link)));
        if i == 0 {
            default_cards = cards;
        }
    }
    (default_cards, pages)
}

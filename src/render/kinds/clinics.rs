//! The locations page (`/clinics/`) and each clinic's page
//! (`/clinics/<slug>/`) with its therapists and articles.

use serde::Serialize;

use super::PageKind;
use super::authors::NEWEST_CARDS;
use super::common::{crumb, home, in_every_language, meta, with_ld};
use super::cx::{HasMeta, PageCx};
use crate::diag::Diagnostic;
use crate::i18n::Key;
use crate::model::Site;
use crate::plan::inputs::{Deps, Input, Listing, shown};
use crate::plan::{Claim, Job, KindId, Plan};
use crate::render::prerendered::CardKind;
use crate::views::{AuthorRef, ClinicView, Link, Meta, PostSummary, Shared};
use crate::{seo, urls};

/// `clinics.html`'s context.
#[derive(Serialize)]
struct ClinicsPage<'a> {
    meta: Meta,
    breadcrumbs: Vec<Link>,
    clinics: Vec<&'a ClinicView>,
}

/// `clinic.html`'s context.
#[derive(Serialize)]
struct ClinicPage<'a> {
    meta: Meta,
    breadcrumbs: Vec<Link>,
    clinic: &'a ClinicView,
    therapists: Vec<&'a AuthorRef>,
    /// Every article from the clinic, newest first.
    posts: Vec<&'a Shared<PostSummary>>,
    /// The `post_card` (level 3, in a row of three) of the newest
    /// [`NEWEST_CARDS`] of `posts`, as safe HTML.
    cards: Vec<tera::Value>,
    /// The rest of `posts`, for a compact list.
    more_posts: Vec<&'a Shared<PostSummary>>,
}

impl HasMeta for ClinicsPage<'_> {
    fn meta(&self) -> &Meta {
        &self.meta
    }
}

impl HasMeta for ClinicPage<'_> {
    fn meta(&self) -> &Meta {
        &self.meta
    }
}

/// The locations page.
pub struct Clinics;

impl PageKind for Clinics {
    fn template(&self) -> Option<&'static str> {
        Some("clinics.html")
    }

    fn plan(&self, id: KindId, site: &Site, plan: &mut Plan) {
        let claim = Claim::Gait("the locations page");
        in_every_language(site, plan, urls::CLINICS, Job::new(id, 0, 1), claim);
    }

    fn inputs(&self, site: &Site, job: Job, _: &[Vec<usize>], deps: &mut Deps) {
        for c in 0..site.clinics.len() {
            deps.add(Input::Clinic(job.lang, c as u32));
        }
    }

    fn render(&self, cx: &PageCx<'_>, _: Job, out: &mut Vec<u8>) -> Result<(), Diagnostic> {
        let s = cx.site();
        let text = cx.text();
        let title = text.get(Key::Locations);
        let breadcrumbs = vec![home(cx), crumb(title, &s.clinics_url)];
        let description = text.fill(Key::LocationsDescription, &[("site", &s.title)]);
        let page_meta = meta(cx, "clinics", title, &description, &s.clinics_url);
        let page = ClinicsPage {
            meta: with_ld(cx, page_meta, &breadcrumbs, Vec::new()),
            breadcrumbs,
            clinics: (0..cx.clinic_count()).map(|c| cx.clinic(c)).collect(),
        };
        cx.render("clinics.html", &page, out)
    }
}

/// One clinic's page.
pub struct Clinic;

impl PageKind for Clinic {
    fn template(&self) -> Option<&'static str> {
        Some("clinic.html")
    }

    fn plan(&self, id: KindId, site: &Site, plan: &mut Plan) {
        for (i, c) in site.clinics.iter().enumerate() {
            let claim = Claim::Clinic(i as u32);
            let path = urls::clinic(&c.doc.slug);
            in_every_language(site, plan, &path, Job::new(id, i, 1), claim);
        }
    }

    fn inputs(&self, site: &Site, job: Job, _: &[Vec<usize>], deps: &mut Deps) {
        let of = Listing::Clinic(job.lang, job.item);
        deps.add(Input::Clinic(job.lang, job.item))
            .add(Input::ClinicTeam(job.item))
            .add(Input::Listing { of, page: 0 });
        for &a in &site.clinics[job.item()].authors {
            deps.add(Input::Author(job.lang, a as u32));
        }
        for i in shown(site, of, 0).0 {
            deps.add(Input::PostCard(i as u32));
        }
    }

    fn render(&self, cx: &PageCx<'_>, job: Job, out: &mut Vec<u8>) -> Result<(), Diagnostic> {
        let s = cx.site();
        let text = cx.text();
        let c = cx.clinic(job.item());
        let description = text.fill(
            Key::ClinicDescription,
            &[
                ("name", &c.card.name),
                ("city", &c.card.city),
                ("state", &c.card.state),
            ],
        );
        let breadcrumbs = vec![
            home(cx),
            crumb(text.get(Key::Locations), &s.clinics_url),
            crumb(&c.card.name, &c.card.url),
        ];
        let therapists: Vec<&AuthorRef> = cx
            .team(job.item())
            .iter()
            .map(|&a| cx.author_card(a))
            .collect();
        let permalink = cx.urls().permalink(cx.path());
        let node = seo::clinic(s, c, &permalink, &therapists);
        let page_meta = meta(cx, "clinic", &c.card.name, &description, &s.clinics_url);
        let posts = cx.listing(Listing::Clinic(job.lang, job.item), 0).shown;
        let newest = &posts[..posts.len().min(NEWEST_CARDS)];
        let page = ClinicPage {
            meta: with_ld(cx, page_meta, &breadcrumbs, vec![node]),
            breadcrumbs,
            clinic: c,
            therapists,
            posts: cx.summaries(&posts),
            cards: cx.cards(newest, CardKind::Related)?,
            more_posts: cx.summaries(&posts[newest.len()..]),
        };
        cx.render("clinic.html", &page, out)
    }
}

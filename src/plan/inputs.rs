//! What each output reads, and the versions of those inputs: the one place
//! where the preview server's incremental rebuilds decide what changed.
//!
//! A page kind declares the [`Input`]s of each of its pages
//! (`PageKind::inputs`); a page's fingerprint is the site-wide version (site.yaml,
//! templates, build options) combined with the version of every input it
//! declares ([`fingerprint`]). The renderer hands a page its data only
//! through accessors that record which input they read, so a test renders
//! every page and checks that it read nothing it did not declare.
//!
//! The caches kept between rebuilds are keyed by the same versions: a post's
//! rendered Markdown by [`Versions::body`], its view by [`Input::Post`],
//! related posts by [`Versions::terms_of_posts`], the plan by [`Versions::shape`].

use crate::fingerprint::Combiner;
use crate::i18n::Lang;
use crate::model::{Site, Taxonomy};
use crate::theme::StaticFile;

/// A list of posts that a page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Listing {
    /// Every post of a language (the home page).
    Home(Lang),
    /// An author's posts in a language.
    Author(Lang, u32),
    /// A clinic's posts in a language.
    Clinic(Lang, u32),
    /// A category's or tag's posts (a term is in one language).
    Term(Taxonomy, u32),
}

/// Something a page shows. Indices are positions in the model: posts newest
/// first, authors and clinics by name, terms in order of first use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Input {
    /// A post's card: title, date, summary, picture, reading time, and the
    /// cards of its authors, clinic and categories.
    PostCard(u32),
    /// A post's page: its card, body, updated date, tags and comments.
    Post(u32),
    /// Which posts are related to a post (their cards are inputs of their own).
    Related(u32),
    /// An author's page and card in a language: the author's file, its
    /// translation into the language, and their clinic's card.
    Author(Lang, u32),
    /// A clinic's page and card in a language (its file and translation).
    Clinic(Lang, u32),
    /// Which authors work at a clinic (their cards are inputs of their own).
    ClinicTeam(u32),
    /// A category or tag: its name, address and number of posts.
    Term(Taxonomy, u32),
    /// A standalone page.
    Page(u32),
    /// Which posts page `page` of a listing shows, and how many the listing
    /// has (page 0: the whole listing).
    Listing { of: Listing, page: u32 },
    /// Every card of the therapist finder in a language: its authors,
    /// their clinics and the referrals.
    Finder(Lang),
    /// The languages and addresses of a post's translations.
    PostTranslations(u32),
    /// The languages and addresses of a standalone page's translations.
    PageTranslations(u32),
}

/// The posts page `page` of a listing shows (all of them for page 0), and
/// how many the listing has.
pub fn shown(site: &Site, of: Listing, page: usize) -> (Vec<usize>, usize) {
    let items: &[usize] = match of {
        Listing::Home(_) => &[],
        Listing::Author(l, a) => site.of_lang(&site.authors[a as usize].posts, l),
        Listing::Clinic(l, c) => site.of_lang(&site.clinics[c as usize].posts, l),
        Listing::Term(t, n) => &site.terms(t)[n as usize].posts,
    };
    let home = match of {
        Listing::Home(l) => Some(site.posts_in(l)),
        _ => None,
    };
    let total = match &home {
        Some(range) => range.len(),
        None => items.len(),
    };
    let per = site.config.posts_per_page.max(1);
    let range = match page {
        0 => 0..total,
        n => {
            let start = ((n - 1) * per).min(total);
            start..(start + per).min(total)
        }
    };
    let shown = match home {
        Some(all) => range.map(|i| all.start + i).collect(),
        None => items[range].to_vec(),
    };
    (shown, total)
}

/// The inputs of one output, as its page kind declares them.
#[derive(Debug, Default)]
pub struct Deps {
    pub inputs: Vec<Input>,
}

impl Deps {
    pub fn add(&mut self, input: Input) -> &mut Self {
        self.inputs.push(input);
        self
    }
}

/// The version of the pictures each document shows, by model index (0
/// where it shows none): a post's featured image (on its card), the images
/// of a post's Markdown, an author's photo and the images of their bio, the
/// images of a clinic's description and of a page. A page showing one of
/// them re-renders when its picture changes.
#[derive(Debug, Default, Clone)]
pub struct PictureVersions {
    pub post_cards: Vec<u64>,
    pub post_bodies: Vec<u64>,
    pub authors: Vec<u64>,
    pub clinics: Vec<u64>,
    pub pages: Vec<u64>,
}

fn at(versions: &[u64], i: usize) -> u64 {
    versions.get(i).copied().unwrap_or(0)
}

/// The version of every input of one build.
pub struct Versions<'a> {
    site: &'a Site,
    post_cards: Vec<u64>,
    posts: Vec<u64>,
    /// By language, then author.
    authors: Vec<Vec<u64>>,
    /// By language, then clinic.
    clinics: Vec<Vec<u64>>,
    pages: Vec<u64>,
    terms: [Vec<u64>; 2],
    related: &'a [Vec<usize>],
}

/// The version of every clinic's card and page in `lang`.
fn clinic_versions(site: &Site, lang: Lang, pictures: &PictureVersions) -> Vec<u64> {
    site.clinics
        .iter()
        .enumerate()
        .map(|(i, clinic)| {
            let mut c = Combiner::new();
            c.add(&clinic.doc.version).add(&at(&pictures.clinics, i));
            if let Some(t) = clinic.text(lang) {
                c.add(&t.version);
            }
            c.finish()
        })
        .collect()
}

/// The version of every author's card and page in `lang`, given the
/// clinics' versions in `lang`.
fn author_versions(
    site: &Site,
    lang: Lang,
    clinics: &[u64],
    pictures: &PictureVersions,
) -> Vec<u64> {
    site.authors
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let mut c = Combiner::new();
            c.add(&a.doc.version)
                .add(&a.clinic.map(|k| clinics[k]))
                .add(&at(&pictures.authors, i));
            if let Some(t) = a.text(lang) {
                c.add(&t.version);
            }
            c.finish()
        })
        .collect()
}

fn term_versions(site: &Site, t: Taxonomy) -> Vec<u64> {
    site.terms(t)
        .iter()
        .map(|t| {
            Combiner::new()
                .add(&t.name)
                .add(&t.slug)
                .add(&t.posts.len())
                .finish()
        })
        .collect()
}

impl<'a> Versions<'a> {
    /// The versions of `site`'s inputs, with `related` posts of every post
    /// and the versions of the `pictures` each document shows.
    pub fn new(
        site: &'a Site,
        related: &'a [Vec<usize>],
        pictures: &PictureVersions,
    ) -> Versions<'a> {
        let langs = &site.config.languages;
        let clinics: Vec<Vec<u64>> = langs
            .all()
            .map(|l| clinic_versions(site, l, pictures))
            .collect();
        let authors: Vec<Vec<u64>> = langs
            .all()
            .map(|l| author_versions(site, l, &clinics[l.index()], pictures))
            .collect();
        let terms = [
            term_versions(site, Taxonomy::Categories),
            term_versions(site, Taxonomy::Tags),
        ];
        let post_cards: Vec<u64> = site
            .posts
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let lang = p.doc.lang;
                let mut c = Combiner::new();
                c.add(&p.doc.version)
                    .add(&p.clinic.map(|k| clinics[lang.index()][k]))
                    .add(&at(&pictures.post_cards, i));
                for &a in &p.authors {
                    c.add(&authors[lang.index()][a]);
                }
                for &t in &p.categories {
                    c.add(&terms[0][t]);
                }
                c.finish()
            })
            .collect();
        let posts = site
            .posts
            .iter()
            .zip(&post_cards)
            .enumerate()
            .map(|(i, (p, card))| {
                let mut c = Combiner::new();
                c.add(card)
                    .add(&p.comments.as_ref().map(|c| c.version))
                    .add(&at(&pictures.post_bodies, i));
                for &t in &p.tags {
                    c.add(&terms[1][t]);
                }
                c.finish()
            })
            .collect();
        let pages = site
            .pages
            .iter()
            .enumerate()
            .map(|(i, p)| {
                Combiner::new()
                    .add(&p.version)
                    .add(&at(&pictures.pages, i))
                    .finish()
            })
            .collect();
        Versions {
            site,
            post_cards,
            posts,
            authors,
            clinics,
            pages,
            terms,
            related,
        }
    }

    /// The version of `input`.
    pub fn of(&self, input: Input) -> u64 {
        let site = self.site;
        let i = |n: u32| n as usize;
        match input {
            Input::PostCard(n) => self.post_cards[i(n)],
            Input::Post(n) => self.posts[i(n)],
            Input::Related(n) => crate::fingerprint::of(&self.related[i(n)]),
            Input::Author(l, n) => self.authors[l.index()][i(n)],
            Input::Clinic(l, n) => self.clinics[l.index()][i(n)],
            Input::ClinicTeam(n) => crate::fingerprint::of(&site.clinics[i(n)].authors),
            Input::Term(t, n) => self.terms[t as usize][i(n)],
            Input::Page(n) => self.pages[i(n)],
            Input::Listing { of, page } => self.listing(of, i(page)),
            Input::Finder(l) => self.finder(l),
            Input::PostTranslations(n) => {
                let posts = &site.posts;
                let of = |j: &usize| (posts[*j].doc.lang, posts[*j].doc.slug.as_str());
                let t: Vec<(Lang, &str)> = posts[i(n)].translations.iter().map(of).collect();
                crate::fingerprint::of(&t)
            }
            Input::PageTranslations(n) => {
                let pages = &site.pages;
                let of = |j: &usize| (pages[*j].lang, pages[*j].slug.as_str());
                let t: Vec<(Lang, &str)> = site.page_translations[i(n)].iter().map(of).collect();
                crate::fingerprint::of(&t)
            }
        }
    }

    fn listing(&self, of: Listing, page: usize) -> u64 {
        let (shown, total) = shown(self.site, of, page);
        Combiner::new().add(&total).add(&shown).finish()
    }

    fn finder(&self, lang: Lang) -> u64 {
        let site = self.site;
        let mut c = Combiner::new();
        for (a, v) in site.authors.iter().zip(&self.authors[lang.index()]) {
            c.add(&a.doc.finder).add(v);
        }
        c.add(&site.referrals_version);
        c.finish()
    }

    /// What a post's rendered Markdown depends on: its file, the base URL,
    /// the version of the words gait adds in its language (`words`) and the
    /// version of the pictures it shows (`pictures`, from
    /// [`crate::images::PictureSet::versions`]).
    pub fn body(site: &Site, post: usize, words: u64, pictures: u64) -> u64 {
        Combiner::new()
            .add(&site.posts[post].doc.version)
            .add(site.config.urls.base_url())
            .add(&words)
            .add(&pictures)
            .finish()
    }

    /// What related posts are computed from: which terms each post (by
    /// position in date order) has.
    pub fn terms_of_posts(site: &Site) -> u64 {
        let mut c = Combiner::new();
        c.add(&site.posts.len());
        for p in &site.posts {
            c.add(&p.categories).add(&p.tags);
        }
        c.finish()
    }

    /// What planning reads: every address-giving name (slugs, aliases, the
    /// files that ask for them), the listings' lengths, the finder's path,
    /// whether the host files and the tags' feeds are on, the languages, the
    /// static files, and the addresses of the pictures' files (`pictures`,
    /// [`crate::images::PictureSet::shape`]).
    pub fn shape(site: &Site, copies: &[StaticFile], pictures: u64) -> u64 {
        let bytes = |p: &std::path::Path| p.as_os_str().as_encoded_bytes().to_vec();
        let mut c = Combiner::new();
        c.add(&site.config.posts_per_page)
            .add(&site.config.finder.as_ref().map(|f| &f.path))
            .add(&site.config.publishing.host_files)
            .add(&site.config.tag_feeds)
            .add(site.config.languages.codes());
        for p in &site.posts {
            c.add(&p.doc.slug)
                .add(&bytes(&p.doc.file))
                .add(&p.doc.aliases);
        }
        c.add("authors");
        for a in &site.authors {
            c.add(&a.doc.slug).add(&bytes(&a.doc.file));
        }
        c.add("clinics");
        for k in &site.clinics {
            c.add(&k.doc.slug).add(&bytes(&k.doc.file));
        }
        c.add("terms");
        for t in site.categories.iter().chain(&site.tags) {
            c.add(&t.slug).add(&t.posts.len());
        }
        c.add(&site.categories.len());
        for p in &site.pages {
            c.add(&p.slug).add(&bytes(&p.file));
        }
        c.add("files");
        for f in copies {
            c.add(&bytes(&f.rel));
        }
        c.add(&pictures);
        c.finish()
    }
}

/// The fingerprint of the output at `path` that declares `deps`, in a build
/// whose site-wide version is `site`, where `version` gives each input's version.
pub fn fingerprint(path: &str, site: u64, deps: &Deps, version: &dyn Fn(Input) -> u64) -> u64 {
    let mut c = Combiner::new();
    c.add(path).add(&site);
    for &input in &deps.inputs {
        c.add(&input).add(&version(input));
    }
    c.finish()
}

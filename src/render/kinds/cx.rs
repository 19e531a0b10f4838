//! What a page kind may read while it builds a page: the shared views of one
//! build ([`Cx`]), handed to each page through accessors that record which
//! [`Input`] they read ([`PageCx`]). A test renders every page with recording
//! on and checks each page read only what its kind declares.

use std::cell::RefCell;
use std::ops::Range;

use serde::Serialize;

use super::Alternates;
use crate::diag::Diagnostic;
use crate::finder::FinderView;
use crate::i18n::{Lang, Text};
use crate::model::{Site, Taxonomy};
use crate::plan::inputs::{Input, Listing};
use crate::plan::{Job, page_count};
use crate::render::prerendered::{CardKind, Prerendered};
use crate::render::templates::Templates;
use crate::urls::Urls;
use crate::views::present::Views;
use crate::views::{
    Alternate, AuthorRef, AuthorView, ClinicView, CommentView, Meta, PageView, PostSummary,
    PostView, Shared, SiteView, TermRef,
};

/// Everything pages are made from in one build, shared by all threads.
pub struct Cx<'a> {
    pub site: &'a Site,
    pub views: &'a Views,
    /// Per language: the templates, with the language's `site` and `t`.
    pub templates: &'a [Templates],
    /// Per language: the theme's text.
    pub texts: &'a [Text],
    /// Per post, per comment: rendered HTML.
    pub comment_bodies: &'a [Vec<String>],
    /// Per post: up to three related posts.
    pub related: &'a [Vec<usize>],
    /// Per language: the finder's view (empty when the finder is off).
    pub finders: &'a [FinderView],
    /// Header, footer and post cards, rendered once for all pages.
    pub prerendered: &'a Prerendered,
}

/// One page's view of [`Cx`]: every accessor records the input it reads
/// when recording is on. Values of the page's language come first.
pub struct PageCx<'a> {
    cx: &'a Cx<'a>,
    path: &'a str,
    job: Job,
    reads: Option<RefCell<Vec<Input>>>,
}

/// One page of a listing: the posts it shows and how many the listing has.
pub struct Slice {
    pub shown: Vec<usize>,
    pub total: usize,
}

impl<'a> PageCx<'a> {
    pub fn new(cx: &'a Cx<'a>, path: &'a str, job: Job) -> PageCx<'a> {
        PageCx {
            cx,
            path,
            job,
            reads: None,
        }
    }

    /// Like [`PageCx::new`], recording every input read (see [`PageCx::reads`]).
    pub fn recording(cx: &'a Cx<'a>, path: &'a str, job: Job) -> PageCx<'a> {
        PageCx {
            reads: Some(RefCell::new(Vec::new())),
            ..PageCx::new(cx, path, job)
        }
    }

    /// The inputs read so far (empty unless recording).
    pub fn reads(&self) -> Vec<Input> {
        self.reads
            .as_ref()
            .map(|r| r.borrow().clone())
            .unwrap_or_default()
    }

    fn read(&self, input: Input) {
        if let Some(r) = &self.reads {
            r.borrow_mut().push(input);
        }
    }

    /// The page's site path.
    pub fn path(&self) -> &'a str {
        self.path
    }

    // Site-wide values: part of every page's fingerprint.

    /// The page's language.
    pub fn lang(&self) -> Lang {
        self.job.lang
    }
    /// The `site` value of the page's language.
    pub fn site(&self) -> &'a SiteView {
        &self.cx.views.sites[self.lang().index()]
    }
    /// The theme's text in the page's language.
    pub fn text(&self) -> &'a Text {
        &self.cx.texts[self.lang().index()]
    }
    pub fn urls(&self) -> &'a Urls {
        &self.cx.site.config.urls
    }
    /// The site path of `path` in the page's language.
    pub fn path_in_lang(&self, path: &str) -> String {
        self.cx.site.path_in(self.lang(), path)
    }
    pub fn finder(&self) -> Option<&'a FinderView> {
        self.read(Input::Finder(self.lang()));
        self.cx.finders.get(self.lang().index())
    }

    // Posts.

    pub fn post(&self, i: usize) -> &'a PostView {
        self.read(Input::Post(i as u32));
        &self.cx.views.posts[i]
    }
    pub fn summary(&self, i: usize) -> &'a Shared<PostSummary> {
        self.read(Input::PostCard(i as u32));
        self.cx.views.summary(i)
    }
    /// The summary of post `i`, if it is one of the page language's posts.
    pub fn summary_if(&self, i: usize) -> Option<&'a Shared<PostSummary>> {
        self.posts_in_lang().contains(&i).then(|| self.summary(i))
    }
    /// The posts of the page's language (newest first).
    pub fn posts_in_lang(&self) -> Range<usize> {
        self.cx.site.posts_in(self.lang())
    }
    pub fn summaries(&self, idx: &[usize]) -> Vec<&'a Shared<PostSummary>> {
        idx.iter().map(|&i| self.summary(i)).collect()
    }
    /// The rendered cards of posts `idx` (empty when the theme has none).
    pub fn cards(&self, idx: &[usize], kind: CardKind) -> Result<Vec<tera::Value>, Diagnostic> {
        let cx = self.cx;
        let templates = |i: usize| &cx.templates[cx.site.posts[i].doc.lang.index()];
        cx.prerendered.cards(
            idx.iter().map(|&i| (i, self.summary(i), templates(i))),
            kind,
        )
    }
    pub fn comments(&self, i: usize) -> (Vec<CommentView>, usize) {
        self.read(Input::Post(i as u32));
        let post = &self.cx.site.posts[i];
        let text = &self.cx.texts[post.doc.lang.index()];
        let tree = crate::render::comments::comment_tree(post, &self.cx.comment_bodies[i], text);
        (tree, post.comments().len())
    }
    /// The card of the author who reviewed post `i`, if anyone did.
    pub fn reviewer(&self, i: usize) -> Option<&'a AuthorRef> {
        self.read(Input::Post(i as u32));
        let r = self.cx.site.posts[i].reviewer?;
        Some(self.author_card(r))
    }
    pub fn related(&self, i: usize) -> &'a [usize] {
        self.read(Input::Related(i as u32));
        &self.cx.related[i]
    }
    /// Whether the site has more than one language.
    pub fn site_is_multilingual(&self) -> bool {
        self.cx.site.config.languages.is_multilingual()
    }
    /// The language of post `j` (its address and language are inputs of
    /// the pages that link to it as a translation).
    pub fn post_lang(&self, j: usize) -> Lang {
        self.cx.site.posts[j].doc.lang
    }
    /// The site path of post `j`'s page.
    pub fn post_path(&self, j: usize) -> String {
        self.cx.site.post_path(j)
    }
    /// Post `i`'s versions in other languages.
    pub fn post_translations(&self, i: usize) -> &'a [usize] {
        self.read(Input::PostTranslations(i as u32));
        &self.cx.site.posts[i].translations
    }

    /// Page `n` of a listing (the whole listing for `n = 0`).
    pub fn listing(&self, of: Listing, n: usize) -> Slice {
        self.read(Input::Listing { of, page: n as u32 });
        let (shown, total) = crate::plan::inputs::shown(self.cx.site, of, n);
        Slice { shown, total }
    }
    pub fn per_page(&self) -> usize {
        self.cx.site.config.posts_per_page.max(1)
    }
    /// Whether tags have feeds (`tag_feeds` in site.yaml, as every page's
    /// version covers).
    pub fn tag_feeds(&self) -> bool {
        self.cx.site.config.tag_feeds
    }
    /// Pages of a listing of `items` posts.
    pub fn page_count(&self, items: usize) -> usize {
        page_count(items, self.per_page())
    }

    // People, places, terms and pages, in the page's language.

    pub fn author(&self, a: usize) -> &'a AuthorView {
        self.read(Input::Author(self.lang(), a as u32));
        &self.cx.views.authors[self.lang().index()][a]
    }
    pub fn author_count(&self) -> usize {
        self.cx.site.authors.len()
    }
    pub fn author_card(&self, a: usize) -> &'a AuthorRef {
        &self.author(a).card
    }
    pub fn clinic(&self, c: usize) -> &'a ClinicView {
        self.read(Input::Clinic(self.lang(), c as u32));
        &self.cx.views.clinics[self.lang().index()][c]
    }
    pub fn clinic_count(&self) -> usize {
        self.cx.site.clinics.len()
    }
    /// The authors who work at clinic `c`.
    pub fn team(&self, c: usize) -> &'a [usize] {
        self.read(Input::ClinicTeam(c as u32));
        &self.cx.site.clinics[c].authors
    }
    pub fn term(&self, t: Taxonomy, i: usize) -> &'a TermRef {
        self.read(Input::Term(t, i as u32));
        match t {
            Taxonomy::Categories => &self.cx.views.categories[i],
            Taxonomy::Tags => &self.cx.views.tags[i],
        }
    }
    /// The terms of the page's language (terms are grouped by language).
    pub fn terms_in_lang(&self, t: Taxonomy) -> Range<usize> {
        terms_in(self.cx.site, t, self.lang())
    }
    pub fn page(&self, p: usize) -> &'a PageView {
        self.read(Input::Page(p as u32));
        &self.cx.views.pages[p]
    }

    /// The page in each of the site's languages (empty on a site in one
    /// language), and the URL for `hreflang="x-default"` when the page has
    /// a version in another language.
    pub fn alternates(&self) -> (Vec<Alternate>, Option<String>) {
        let site = self.cx.site;
        let langs = &site.config.languages;
        if !langs.is_multilingual() {
            return (Vec::new(), None);
        }
        if let Alternates::These(input, _) = super::alternates(site, self.job) {
            self.read(input);
        }
        let versions = super::versions(site, self.job, self.path);
        let u = self.urls();
        let out: Vec<Alternate> = langs
            .all()
            .map(|l| {
                let own = versions
                    .iter()
                    .find(|(v, _)| *v == l)
                    .map(|(_, p)| p.clone());
                let path = match (&own, l == self.lang()) {
                    (_, true) => self.path.to_string(),
                    (Some(p), false) => p.clone(),
                    (None, false) => site.path_in(l, ""),
                };
                Alternate {
                    lang: langs.code(l).to_string(),
                    name: self.cx.texts[l.index()]
                        .get(crate::i18n::Key::LanguageName)
                        .to_string(),
                    url: u.url(&path),
                    permalink: u.permalink(&path),
                    current: l == self.lang(),
                    translated: own.is_some(),
                }
            })
            .collect();
        let x_default = versions.first().map(|(_, p)| u.permalink(p));
        (out, x_default)
    }

    /// Render `template` with `context` (and the header and footer of the
    /// page's language and nav state) into `out`.
    pub fn render<C: Serialize + HasMeta>(
        &self,
        template: &str,
        context: &C,
        out: &mut Vec<u8>,
    ) -> Result<(), Diagnostic> {
        let mut tera_context = crate::render::prerendered::ctx(context)?;
        let cx = self.cx;
        let templates = &cx.templates[self.lang().index()];
        if let Some(chrome) =
            cx.prerendered
                .chrome(templates, self.lang(), &context.meta().section_url)?
        {
            tera_context.insert("chrome", &chrome);
        }
        templates.render_into(template, &tera_context, out)
    }
}

/// The terms of `t` in `lang` (the model keeps them grouped by language).
pub fn terms_in(site: &Site, t: Taxonomy, lang: Lang) -> Range<usize> {
    let terms = site.terms(t);
    let start = terms.partition_point(|x| x.lang < lang);
    let end = terms.partition_point(|x| x.lang <= lang);
    start..end
}

/// A page's context: it has the `meta` every page has.
pub trait HasMeta {
    fn meta(&self) -> &Meta;
}

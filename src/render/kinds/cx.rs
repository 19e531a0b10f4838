//! What a page kind may read while it builds a page: the shared views of one
//! build ([`Cx`]), handed to each page through accessors that record which
//! [`Input`] they read ([`PageCx`]). A test renders every page with recording
//! on and checks each page read only what its kind declares.

use std::cell::RefCell;

use serde::Serialize;

use crate::diag::Diagnostic;
use crate::finder::FinderView;
use crate::model::{Site, Taxonomy};
use crate::plan::inputs::{Input, Listing};
use crate::plan::page_count;
use crate::render::prerendered::{CardKind, Prerendered};
use crate::render::templates::Templates;
use crate::urls::Urls;
use crate::views::present::Views;
use crate::views::{
    AuthorRef, AuthorView, ClinicView, CommentView, Meta, PageView, PostSummary, PostView, Shared,
    SiteView, TermRef,
};

/// Everything pages are made from in one build, shared by all threads.
pub struct Cx<'a> {
    pub site: &'a Site,
    pub views: &'a Views,
    pub templates: &'a Templates,
    /// Per post, per comment: rendered HTML.
    pub comment_bodies: &'a [Vec<String>],
    /// Per post: up to three related posts.
    pub related: &'a [Vec<usize>],
    pub finder: Option<&'a FinderView>,
    /// Header, footer and post cards, rendered once for all pages.
    pub prerendered: &'a Prerendered,
}

/// One page's view of [`Cx`]: every accessor records the input it reads
/// when recording is on.
pub struct PageCx<'a> {
    cx: &'a Cx<'a>,
    path: &'a str,
    reads: Option<RefCell<Vec<Input>>>,
}

/// One page of a listing: the posts it shows and how many the listing has.
pub struct Slice {
    pub shown: Vec<usize>,
    pub total: usize,
}

impl<'a> PageCx<'a> {
    pub fn new(cx: &'a Cx<'a>, path: &'a str) -> PageCx<'a> {
        PageCx {
            cx,
            path,
            reads: None,
        }
    }

    /// Like [`PageCx::new`], recording every input read (see [`PageCx::reads`]).
    pub fn recording(cx: &'a Cx<'a>, path: &'a str) -> PageCx<'a> {
        PageCx {
            reads: Some(RefCell::new(Vec::new())),
            ..PageCx::new(cx, path)
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

    pub fn site(&self) -> &'a SiteView {
        &self.cx.views.site
    }
    pub fn urls(&self) -> &'a Urls {
        &self.cx.site.config.urls
    }
    pub fn finder(&self) -> Option<&'a FinderView> {
        self.read(Input::Finder);
        self.cx.finder
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
    /// The summary of post `i`, if there is such a post.
    pub fn summary_if(&self, i: usize) -> Option<&'a Shared<PostSummary>> {
        (i < self.cx.views.summaries.len()).then(|| self.summary(i))
    }
    pub fn summaries(&self, idx: &[usize]) -> Vec<&'a Shared<PostSummary>> {
        idx.iter().map(|&i| self.summary(i)).collect()
    }
    /// The rendered cards of posts `idx` (empty when the theme has none).
    pub fn cards(&self, idx: &[usize], kind: CardKind) -> Result<Vec<tera::Value>, Diagnostic> {
        let cx = self.cx;
        cx.prerendered.cards(
            cx.templates,
            idx.iter().map(|&i| (i, self.summary(i))),
            kind,
        )
    }
    pub fn comments(&self, i: usize) -> (Vec<CommentView>, usize) {
        self.read(Input::Post(i as u32));
        let post = &self.cx.site.posts[i];
        let tree = crate::render::comments::comment_tree(post, &self.cx.comment_bodies[i]);
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

    /// Page `n` of a listing (the whole listing for `n = 0`).
    pub fn listing(&self, of: Listing, n: usize) -> Slice {
        self.read(Input::Listing { of, page: n as u32 });
        let (shown, total) = crate::plan::inputs::shown(self.cx.site, of, n);
        Slice { shown, total }
    }
    pub fn per_page(&self) -> usize {
        self.cx.site.config.posts_per_page.max(1)
    }
    /// Pages of a listing of `items` posts.
    pub fn page_count(&self, items: usize) -> usize {
        page_count(items, self.per_page())
    }

    // People, places, terms and pages.

    pub fn author(&self, a: usize) -> &'a AuthorView {
        self.read(Input::Author(a as u32));
        &self.cx.views.authors[a]
    }
    pub fn author_count(&self) -> usize {
        self.cx.views.authors.len()
    }
    pub fn author_card(&self, a: usize) -> &'a AuthorRef {
        &self.author(a).card
    }
    pub fn clinic(&self, c: usize) -> &'a ClinicView {
        self.read(Input::Clinic(c as u32));
        &self.cx.views.clinics[c]
    }
    pub fn clinic_count(&self) -> usize {
        self.cx.views.clinics.len()
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
    pub fn term_count(&self, t: Taxonomy) -> usize {
        self.cx.site.terms(t).len()
    }
    pub fn page(&self, p: usize) -> &'a PageView {
        self.read(Input::Page(p as u32));
        &self.cx.views.pages[p]
    }

    /// Render `template` with `context` (and the header and footer of the
    /// page's nav state) into `out`.
    pub fn render<C: Serialize + HasMeta>(
        &self,
        template: &str,
        context: &C,
        out: &mut Vec<u8>,
    ) -> Result<(), Diagnostic> {
        let mut tera_context = crate::render::prerendered::ctx(context)?;
        let cx = self.cx;
        if let Some(chrome) = cx
            .prerendered
            .chrome(cx.templates, &context.meta().section_url)?
        {
            tera_context.insert("chrome", &chrome);
        }
        cx.templates.render_into(template, &tera_context, out)
    }
}

/// A page's context: it has the `meta` every page has.
pub trait HasMeta {
    fn meta(&self) -> &Meta;
}

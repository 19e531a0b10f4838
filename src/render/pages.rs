//! Rendering one planned page: its typed context and its template.

use serde::Serialize;
use tera::Context;

use super::comments::comment_tree;
use super::page_contexts::*;
use super::prerendered::{CardKind, Prerendered};
use super::templates::Templates;
use crate::diag::Diagnostic;
use crate::finder::FinderView;
use crate::model::Site;
use crate::plan::Job;
use crate::search::SearchView;
use crate::views::present::Views;
use crate::views::*;
use crate::{seo, urls};

/// Everything a page renderer needs, shared by all threads.
pub struct RenderCx<'a> {
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

impl RenderCx<'_> {
    /// Render the page at site path `path`.
    /// Render the page at site path `path` into `out` (appended).
    pub fn render(&self, path: &str, job: &Job, out: &mut Vec<u8>) -> Result<(), Diagnostic> {
        let v = self.views;
        let s = &v.site;
        let u = &self.site.config.urls;
        let home = || Link {
            title: "Home".into(),
            url: s.home_url.clone(),
        };
        let crumb = |title: &str, url: &str| Link {
            title: title.to_string(),
            url: url.to_string(),
        };
        let meta = |kind: &'static str, title: &str, description: &str, section: &str| Meta {
            kind,
            title: title.to_string(),
            description: if description.is_empty() {
                s.description.clone()
            } else {
                description.to_string()
            },
            url: u.url(path),
            permalink: u.permalink(path),
            section_url: section.to_string(),
            image: None,
            json_ld: String::new(),
            feed: None,
        };
        // A page's meta with its JSON-LD: `nodes` and the breadcrumbs.
        let with_ld = |m: Meta, crumbs: &[Link], nodes: Vec<serde_json::Value>| Meta {
            json_ld: seo::json_ld(s, crumbs, nodes),
            ..m
        };
        let feed_link = |title: String, page_path: &str| {
            Some(Link {
                title,
                url: u.url(&crate::feeds::feed_path(page_path)),
            })
        };
        let (template, context) = match job {
            Job::Home(n) => {
                let title = if *n == 1 {
                    s.title.clone()
                } else {
                    format!("Page {n}")
                };
                let all: Vec<usize> = (0..self.site.posts.len()).collect();
                let (paginator, shown) = self.paginate(&all, *n, "");
                let (posts, cards) = self.listing(shown)?;
                let description = if *n == 1 {
                    String::new()
                } else {
                    format!(
                        "Articles from {}, page {n} of {}",
                        s.title, paginator.total_pages
                    )
                };
                let nodes = if *n == 1 { seo::website(s) } else { Vec::new() };
                let page = ListingPage {
                    meta: with_ld(meta("home", &title, &description, &s.home_url), &[], nodes),
                    breadcrumbs: Vec::new(),
                    paginator,
                    posts,
                    cards,
                    term: None,
                };
                ("index.html", ctx(&page)?)
            }
            Job::Post(i) => {
                let post = &v.posts[*i];
                let model = &self.site.posts[*i];
                let comments = comment_tree(model, &self.comment_bodies[*i]);
                let mut breadcrumbs = vec![home()];
                if let Some(c) = post.summary.categories.first() {
                    breadcrumbs.push(crumb(&c.name, &c.url));
                }
                breadcrumbs.push(crumb(&post.summary.title, &post.summary.url));
                let permalink = u.permalink(path);
                let page = PostPage {
                    meta: Meta {
                        image: post
                            .summary
                            .image
                            .as_ref()
                            .map(|i| seo::absolute_image(&permalink, i)),
                        ..with_ld(
                            meta(
                                "post",
                                &post.summary.title,
                                &post.summary.summary,
                                &s.categories_url,
                            ),
                            &breadcrumbs,
                            vec![seo::article(s, post, &permalink)],
                        )
                    },
                    breadcrumbs,
                    post,
                    older: (i + 1 < v.posts.len()).then(|| v.summary(i + 1)),
                    newer: i.checked_sub(1).map(|j| v.summary(j)),
                    related: v.summaries(&self.related[*i]).collect(),
                    related_cards: self.prerendered.cards(
                        self.templates,
                        self.related[*i].iter().map(|&j| (j, v.summary(j))),
                        CardKind::Related,
                    )?,
                    comment_count: model.comments().len(),
                    comments,
                };
                ("post.html", ctx(&page)?)
            }
            Job::Authors => {
                let breadcrumbs = vec![home(), crumb("Our team", &s.authors_url)];
                let description = format!("Meet the physical therapists of {}", s.title);
                let page = AuthorsPage {
                    meta: with_ld(
                        meta("authors", "Our team", &description, &s.authors_url),
                        &breadcrumbs,
                        Vec::new(),
                    ),
                    breadcrumbs,
                    authors: v.authors.iter().map(|a| &a.card).collect(),
                };
                ("authors.html", ctx(&page)?)
            }
            Job::Author(i) => {
                let a = &v.authors[*i];
                let title = match &a.card.credentials {
                    Some(c) => format!("{}, {c}", a.card.name),
                    None => a.card.name.clone(),
                };
                let description = match (&a.card.role, &a.card.clinic) {
                    (Some(r), Some(c)) => format!("{title}: {r} at {}", c.name),
                    (Some(r), None) => format!("{title}: {r}"),
                    (None, Some(c)) => format!("{title}, {}", c.name),
                    (None, None) => title.clone(),
                };
                let breadcrumbs = vec![
                    home(),
                    crumb("Our team", &s.authors_url),
                    crumb(&a.card.name, &a.card.url),
                ];
                let permalink = u.permalink(path);
                let page = AuthorPage {
                    meta: Meta {
                        image: a
                            .card
                            .photo
                            .as_ref()
                            .map(|i| seo::absolute_image(&permalink, i)),
                        feed: feed_link(format!("Articles by {}", a.card.name), path),
                        ..with_ld(
                            meta("author", &title, &description, &s.authors_url),
                            &breadcrumbs,
                            vec![seo::person(s, a, &permalink)],
                        )
                    },
                    breadcrumbs,
                    author: a,
                    posts: v.summaries(&self.site.authors[*i].posts).collect(),
                };
                ("author.html", ctx(&page)?)
            }
            Job::Clinics => {
                let breadcrumbs = vec![home(), crumb("Locations", &s.clinics_url)];
                let description = format!(
                    "Locations of {}: addresses, opening hours and phone numbers",
                    s.title
                );
                let page = ClinicsPage {
                    meta: with_ld(
                        meta("clinics", "Locations", &description, &s.clinics_url),
                        &breadcrumbs,
                        Vec::new(),
                    ),
                    breadcrumbs,
                    clinics: &v.clinics,
                };
                ("clinics.html", ctx(&page)?)
            }
            Job::Clinic(i) => {
                let c = &v.clinics[*i];
                let model = &self.site.clinics[*i];
                let description = format!("{} in {}, {}", c.card.name, c.card.city, c.card.state);
                let breadcrumbs = vec![
                    home(),
                    crumb("Locations", &s.clinics_url),
                    crumb(&c.card.name, &c.card.url),
                ];
                let therapists: Vec<&AuthorRef> =
                    model.authors.iter().map(|&a| &v.authors[a].card).collect();
                let node = seo::clinic(s, c, &u.permalink(path), &therapists);
                let page = ClinicPage {
                    meta: with_ld(
                        meta("clinic", &c.card.name, &description, &s.clinics_url),
                        &breadcrumbs,
                        vec![node],
                    ),
                    breadcrumbs,
                    clinic: c,
                    therapists,
                    posts: v.summaries(&model.posts).collect(),
                };
                ("clinic.html", ctx(&page)?)
            }
            Job::Categories => {
                let mut categories: Vec<&TermRef> = v.categories.iter().collect();
                categories.sort_by_key(|t| t.name.to_lowercase());
                let mut tags: Vec<&TermRef> = v.tags.iter().collect();
                tags.sort_by_key(|t| t.name.to_lowercase());
                let breadcrumbs = vec![home(), crumb("Topics", &s.categories_url)];
                let description = format!("Every topic and tag of the articles on {}", s.title);
                let page = CategoriesPage {
                    meta: with_ld(
                        meta("categories", "Topics", &description, &s.categories_url),
                        &breadcrumbs,
                        Vec::new(),
                    ),
                    breadcrumbs,
                    categories,
                    tags,
                };
                ("categories.html", ctx(&page)?)
            }
            Job::Category { term, page } | Job::Tag { term, page } => {
                let is_cat = matches!(job, Job::Category { .. });
                let (t, model) = if is_cat {
                    (&v.categories[*term], &self.site.categories[*term])
                } else {
                    (&v.tags[*term], &self.site.tags[*term])
                };
                let first = if is_cat {
                    urls::category(&t.slug)
                } else {
                    urls::tag(&t.slug)
                };
                let (paginator, shown) = self.paginate(&model.posts, *page, &first);
                let (posts, cards) = self.listing(shown)?;
                // A tag may share its name with a category: titles stay unique.
                let name = if is_cat {
                    t.name.clone()
                } else {
                    format!("Tag: {}", t.name)
                };
                let (title, description) = if *page == 1 {
                    (name.clone(), format!("Articles about {}", t.name))
                } else {
                    (
                        format!("{name} (page {page})"),
                        format!(
                            "Articles about {}, page {page} of {}",
                            t.name, paginator.total_pages
                        ),
                    )
                };
                let description = if is_cat {
                    description
                } else {
                    description.replacen("Articles about", "Articles tagged", 1)
                };
                let breadcrumbs = vec![
                    home(),
                    crumb("Topics", &s.categories_url),
                    crumb(&t.name, &t.url),
                ];
                let listing = ListingPage {
                    meta: Meta {
                        feed: if is_cat {
                            feed_link(format!("Articles about {}", t.name), &first)
                        } else {
                            None
                        },
                        ..with_ld(
                            meta(
                                if is_cat { "category" } else { "tag" },
                                &title,
                                &description,
                                &s.categories_url,
                            ),
                            &breadcrumbs,
                            Vec::new(),
                        )
                    },
                    breadcrumbs,
                    paginator,
                    posts,
                    cards,
                    term: Some(t),
                };
                ("taxonomy.html", ctx(&listing)?)
            }
            Job::Page(i) => {
                let p = &v.pages[*i];
                let breadcrumbs = vec![home(), crumb(&p.title, &p.url)];
                let page = StandalonePage {
                    meta: with_ld(
                        meta("page", &p.title, &p.summary, &p.url),
                        &breadcrumbs,
                        Vec::new(),
                    ),
                    breadcrumbs,
                    page: p,
                };
                ("page.html", ctx(&page)?)
            }
            Job::Finder => {
                let Some(f) = self.finder else {
                    return Err(Diagnostic::error(
                        "site.yaml",
                        "the therapist finder is turned off",
                    ));
                };
                let description =
                    format!("Find a physical therapist near you: {} therapists", f.total);
                let breadcrumbs = vec![home(), crumb(&f.title, &f.url)];
                let page = FinderPage {
                    meta: with_ld(
                        meta("finder", &f.title, &description, &f.url),
                        &breadcrumbs,
                        Vec::new(),
                    ),
                    breadcrumbs,
                    finder: f,
                };
                ("finder.html", ctx(&page)?)
            }
            Job::Search => {
                let breadcrumbs = vec![home(), crumb("Search", &s.search_url)];
                let description = format!("Search the articles of {}", s.title);
                let page = SearchPage {
                    meta: with_ld(
                        meta("search", "Search", &description, ""),
                        &breadcrumbs,
                        Vec::new(),
                    ),
                    breadcrumbs,
                    search: SearchView::new(u),
                };
                ("search.html", ctx(&page)?)
            }
            Job::NotFound => {
                let page = BarePage {
                    meta: meta("404", "Page not found", "", ""),
                    breadcrumbs: Vec::new(),
                };
                ("404.html", ctx(&page)?)
            }
            Job::Redirect { to } => {
                out.extend_from_slice(
                    redirect_html(
                        &v.posts[*to].summary,
                        u.permalink(&urls::post(&v.posts[*to].summary.slug)),
                        &s.language,
                    )
                    .as_bytes(),
                );
                return Ok(());
            }
        };
        let mut context = context;
        let section = context
            .get("meta")
            .and_then(|m| m.get_from_path("section_url"))
            .and_then(tera::Value::as_str)
            .unwrap_or_default();
        if let Some(chrome) = self.prerendered.chrome(self.templates, section)? {
            context.insert("chrome", &chrome);
        }
        self.templates.render_into(template, &context, out)
    }
}

pub(super) fn ctx<T: Serialize>(page: &T) -> Result<Context, Diagnostic> {
    Context::from_serialize(page)
        .map_err(|e| Diagnostic::error("templates", format!("could not prepare a page: {e}")))
}

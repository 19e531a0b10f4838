//! What each item of the export becomes: a post, a page, an attachment to
//! list, or a skip with its reason; and each post's and page's slug, dates,
//! author, terms, summary and aliases (its old permalink path).
//!
//! Slugs are made unique in export order, so the same export always gives the
//! same files. Aliases that would land on another page's address are dropped
//! and noted.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{FixedOffset, NaiveDateTime, TimeZone};

use super::authors::Authors;
use super::html_to_md::plain_text;
use super::links::OldSite;
use super::wxr::{Export, Item};
use crate::slug::{is_slug, slugify};

/// What the site the export goes into already decides.
#[derive(Debug, Clone, Default)]
pub struct SiteInfo {
    /// The path of the new site's `base_url` (`/blog`, or `""`).
    pub base_path: String,
    /// First path segments gait uses itself (`posts`, `authors`, the finder's, ...).
    pub reserved: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Post,
    Page,
}

/// A post or page to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub kind: Kind,
    /// Index into the export's items.
    pub item: usize,
    pub slug: String,
    pub title: String,
    pub date: String,
    pub updated: Option<String>,
    pub author: String,
    pub categories: Vec<String>,
    pub tags: Vec<String>,
    pub summary: Option<String>,
    pub draft: bool,
    pub aliases: Vec<String>,
    pub wp_id: String,
    /// The featured image (`_thumbnail_id`): its address and alt text.
    pub featured: Option<Featured>,
    /// The featured image once placed beside the post: (link, alt text).
    pub image: Option<(String, String)>,
}

/// A post's featured image, as the export names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Featured {
    pub url: String,
    /// The attachment's alt text, else its title, else the post's title.
    pub alt: String,
}

impl Entry {
    /// The new root-relative address.
    pub fn address(&self) -> String {
        match self.kind {
            Kind::Post => format!("/posts/{}/", self.slug),
            Kind::Page => format!("/{}/", self.slug),
        }
    }
}

/// The whole plan of an import.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub entries: Vec<Entry>,
    /// `post 12 "Title" (line 40): private`, one per skipped post or page.
    pub skipped: Vec<String>,
    /// Items of other types (menu entries, revisions, ...), counted by type.
    pub other_types: BTreeMap<String, usize>,
    /// Every attachment's URL, in export order.
    pub attachments: Vec<String>,
    /// The attachments, for `[gallery]`.
    pub media: super::media_shortcodes::Attachments,
    /// The content of each reusable block (`wp_block`), by id.
    pub reusable: HashMap<String, String>,
    /// Things the user should know: changed page addresses, dropped aliases.
    pub notes: Vec<String>,
    pub old_site: OldSite,
    pub authors: Authors,
}

pub fn plan(export: &Export, info: &SiteInfo) -> Plan {
    let mut p = Plan {
        old_site: OldSite::new(&[&export.link, &export.base_site_url, &export.base_blog_url]),
        authors: Authors::new(&export.authors),
        media: super::media_shortcodes::Attachments::new(export),
        reusable: export
            .items
            .iter()
            .filter(|it| it.post_type == "wp_block")
            .map(|it| (it.id.clone(), it.content.clone()))
            .collect(),
        ..Plan::default()
    };
    let mut slugs = Slugs::new(export, info);
    for (i, it) in export.items.iter().enumerate() {
        let Some(kind) = p.sort(it) else {
            continue;
        };
        if let Some(entry) = p.entry(export, it, i, kind, &mut slugs) {
            if !entry.draft {
                p.old_site.add(&it.id, &it.link, &entry.address());
            }
            p.entries.push(entry);
        }
    }
    super::aliases::assign(&mut p, export, info);
    p
}

/// The slugs of an import: those WordPress gave explicitly are claimed
/// first, so a post without one (a draft) never takes the slug of a post
/// that has it.
struct Slugs<'a> {
    claimed: HashMap<(Kind, String), usize>,
    posts: HashSet<String>,
    pages: HashSet<String>,
    info: &'a SiteInfo,
}

impl<'a> Slugs<'a> {
    fn new(export: &Export, info: &'a SiteInfo) -> Slugs<'a> {
        let mut claimed: HashMap<(Kind, String), usize> = HashMap::new();
        for (i, it) in export.items.iter().enumerate() {
            if let (Some(kind), Ok(_), false) =
                (kind_of(it), verdict(it), it.name.trim().is_empty())
            {
                claimed.entry((kind, base_slug(it, ""))).or_insert(i);
            }
        }
        let mut posts: HashSet<String> = HashSet::new();
        let mut pages: HashSet<String> = info.reserved.iter().cloned().collect();
        for (kind, slug) in claimed.keys() {
            match kind {
                Kind::Post => posts.insert(slug.clone()),
                Kind::Page => pages.insert(slug.clone()),
            };
        }
        Slugs {
            claimed,
            posts,
            pages,
            info,
        }
    }

    /// The slug of item `i`: its own when it claimed it, else a free one.
    fn slug(&mut self, it: &Item, i: usize, kind: Kind, title: &str) -> String {
        let base = base_slug(it, title);
        let own_claim = self.claimed.get(&(kind, base.clone())) == Some(&i);
        let reserved = kind == Kind::Page && self.info.reserved.contains(&base);
        let taken = match kind {
            Kind::Post => &mut self.posts,
            Kind::Page => &mut self.pages,
        };
        match own_claim && !reserved {
            true => base,
            false => unique_slug(base, taken),
        }
    }
}

impl Plan {
    /// A post or page item's kind; attachments and other types are counted instead.
    fn sort(&mut self, it: &Item) -> Option<Kind> {
        match it.post_type.as_str() {
            "post" => Some(Kind::Post),
            "page" => Some(Kind::Page),
            "attachment" => {
                if !it.attachment_url.is_empty() {
                    self.attachments.push(it.attachment_url.clone());
                }
                None
            }
            other => {
                let name = if other.is_empty() { "(no type)" } else { other };
                *self.other_types.entry(name.to_string()).or_default() += 1;
                None
            }
        }
    }

    /// The entry of post or page item `i`, or `None` (with the reason in
    /// `skipped`) when it is not imported.
    fn entry(
        &mut self,
        export: &Export,
        it: &Item,
        i: usize,
        kind: Kind,
        slugs: &mut Slugs<'_>,
    ) -> Option<Entry> {
        let noun = if kind == Kind::Post { "post" } else { "page" };
        let what = format!(
            "{noun} {} \"{}\" (line {})",
            it.id,
            plain_text(&it.title),
            it.line
        );
        let skip = |p: &mut Plan, why: String| p.skipped.push(format!("{what}: {why}"));
        let draft = match verdict(it) {
            Ok(draft) => draft,
            Err(why) => {
                skip(self, why.to_string());
                return None;
            }
        };
        if super::body::nests_too_deep(&it.content) {
            let why = format!(
                "its HTML nests elements more than {} levels deep (a damaged post?)",
                super::body::MAX_HTML_DEPTH
            );
            skip(self, why);
            return None;
        }
        let Some(date) =
            wp_date(&it.date, &it.date_gmt).or_else(|| wp_date(&it.modified, &it.modified_gmt))
        else {
            skip(self, "it has no valid date".into());
            return None;
        };
        let updated =
            wp_date(&it.modified, &it.modified_gmt).filter(|m| m.get(..10) > date.get(..10));
        let title = match plain_text(&it.title) {
            t if t.is_empty() => {
                let title = untitled(it);
                self.notes.push(format!(
                    "{noun} {} (line {}) has no title in WordPress: it is called \"{title}\" now (change it in the file)",
                    it.id, it.line
                ));
                title
            }
            t => t,
        };
        let featured = featured(export, it, &title);
        Some(Entry {
            featured,
            kind,
            item: i,
            slug: slugs.slug(it, i, kind, &title),
            title,
            date,
            updated,
            author: match kind {
                Kind::Post => self.authors.credit(&it.creator),
                Kind::Page => String::new(),
            },
            categories: terms(it, "category"),
            tags: terms(it, "post_tag"),
            summary: Some(plain_text(&it.excerpt)).filter(|s| !s.is_empty()),
            draft,
            aliases: Vec::new(),
            wp_id: it.id.clone(),
            image: None,
        })
    }
}

/// A title for an item without one: its first sentence (cut after about
/// 60 characters), or `Untitled <id>` when it has no text either.
fn untitled(it: &Item) -> String {
    let text = plain_text(&super::body::strip_wp_comments(&it.content));
    let sentence = match text
        .find(". ")
        .or_else(|| text.find("! "))
        .or_else(|| text.find("? "))
    {
        Some(end) => &text[..=end],
        None => text.as_str(),
    };
    if sentence.is_empty() {
        return format!("Untitled {}", it.id);
    }
    if sentence.chars().count() <= 70 {
        return sentence.to_string();
    }
    let mut title = String::new();
    for word in sentence.split(' ') {
        if title.chars().count() + 1 + word.chars().count() > 60 {
            break;
        }
        if !title.is_empty() {
            title.push(' ');
        }
        title.push_str(word);
    }
    if title.is_empty() {
        title = sentence.chars().take(60).collect();
    }
    format!("{}…", title.trim_end_matches([',', ';', ':']))
}

/// The attachment a post names as its featured image.
fn featured(export: &Export, it: &Item, post_title: &str) -> Option<Featured> {
    let id = it.thumbnail_id.trim();
    if id.is_empty() {
        return None;
    }
    let a = export
        .items
        .iter()
        .find(|a| a.post_type == "attachment" && a.id == id && !a.attachment_url.is_empty())?;
    let alt = [plain_text(&a.image_alt), plain_text(&a.title)]
        .into_iter()
        .find(|t| !t.trim().is_empty())
        .unwrap_or_else(|| post_title.to_string());
    Some(Featured {
        url: a.attachment_url.clone(),
        alt,
    })
}

/// Posts and pages are imported; other item types are not.
fn kind_of(it: &Item) -> Option<Kind> {
    match it.post_type.as_str() {
        "post" => Some(Kind::Post),
        "page" => Some(Kind::Page),
        _ => None,
    }
}

/// Ok(draft) for an item to import, Err(reason) for one to skip.
fn verdict(it: &Item) -> Result<bool, &'static str> {
    if !it.password.is_empty() {
        return Err("it is password-protected");
    }
    match it.status.as_str() {
        "publish" | "future" => Ok(false),
        "draft" | "pending" => Ok(true),
        "private" => Err("it is private (only logged-in users could see it)"),
        "trash" => Err("it is in the trash"),
        "auto-draft" => Err("it is an unsaved auto-draft"),
        _ => Err("its status is not publish, future, draft or pending"),
    }
}

/// `wp:post_name` (percent-decoded), or the title, as a slug of at most
/// [`crate::safe_path::MAX_SLUG`] bytes.
fn base_slug(it: &Item, title: &str) -> String {
    crate::safe_path::shorten_slug(&any_slug(it, title))
}

fn any_slug(it: &Item, title: &str) -> String {
    let name = super::links::decode(it.name.trim());
    if is_slug(&name) {
        return name;
    }
    let from_name = slugify(&name);
    if !from_name.is_empty() {
        return from_name;
    }
    let from_title = slugify(title);
    if from_title.is_empty() {
        format!("item-{}", slugify(&it.id))
    } else {
        from_title
    }
}

fn unique_slug(base: String, taken: &mut HashSet<String>) -> String {
    let mut slug = base.clone();
    let mut n = 2;
    // Room for `-<n>` within the longest slug.
    let stem = base
        .get(..crate::safe_path::MAX_SLUG - 8)
        .unwrap_or(&base)
        .trim_end_matches('-');
    while taken.contains(&slug) {
        slug = format!("{stem}-{n}");
        n += 1;
    }
    taken.insert(slug.clone());
    slug
}

/// Names of the item's terms of one domain, decoded; WordPress's default
/// "Uncategorized" is left out. Old exports (WXR 1.0) put tags in the `tag`
/// domain, and repeat each category without a domain.
fn terms(it: &Item, domain: &str) -> Vec<String> {
    let in_domain = |d: &str| match domain {
        "category" => d == "category" || d.is_empty(),
        "post_tag" => d == "post_tag" || d == "tag",
        _ => d == domain,
    };
    let mut out: Vec<String> = Vec::new();
    for t in it.terms.iter().filter(|t| in_domain(&t.domain)) {
        let slug = match t.nicename.as_str() {
            "" => slugify(&plain_text(&t.name)),
            n => n.to_string(),
        };
        if domain == "category" && slug == "uncategorized" {
            continue;
        }
        let name = fit_address(plain_text(&t.name));
        if !name.is_empty() && !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// A term name cut short enough for its address to be a slug gait accepts
/// ([`crate::safe_path::MAX_SLUG`]); WordPress allows 200 characters too, so
/// only a damaged export has longer ones.
fn fit_address(name: String) -> String {
    if slugify(&name).len() <= crate::safe_path::MAX_SLUG {
        return name;
    }
    let mut n = name.chars().count();
    while n > 0 {
        n -= n / 10 + 1;
        let cut: String = name.chars().take(n).collect();
        if slugify(&cut).len() <= crate::safe_path::MAX_SLUG {
            return cut.trim_end().to_string();
        }
    }
    String::new()
}

/// A WordPress date (`2019-03-05 14:22:10`, site time) with its GMT twin,
/// as RFC 3339 with the site's offset; without a usable GMT date, as local time.
pub fn wp_date(local: &str, gmt: &str) -> Option<String> {
    let fmt = "%Y-%m-%d %H:%M:%S";
    let local = NaiveDateTime::parse_from_str(local.trim(), fmt).ok()?;
    if local.and_utc().timestamp() < -62_000_000_000 {
        return None;
    }
    let offset = NaiveDateTime::parse_from_str(gmt.trim(), fmt)
        .ok()
        .map(|g| (local - g).num_seconds())
        .filter(|s| s.abs() < 86_400 && s % 60 == 0)
        .and_then(|s| FixedOffset::east_opt(i32::try_from(s).ok()?));
    Some(
        match offset.and_then(|o| o.from_local_datetime(&local).single()) {
            Some(dt) => dt.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            None => local.format("%Y-%m-%dT%H:%M:%S").to_string(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wp_date_table() {
        let cases = [
            (
                "2019-03-05 14:22:10",
                "2019-03-05 20:22:10",
                Some("2019-03-05T14:22:10-06:00"),
            ),
            (
                "2019-03-05 14:22:10",
                "2019-03-05 14:22:10",
                Some("2019-03-05T14:22:10Z"),
            ),
            (
                "2021-07-01 09:00:00",
                "2021-07-01 03:30:00",
                Some("2021-07-01T09:00:00+05:30"),
            ),
            (
                "2019-03-05 14:22:10",
                "0000-00-00 00:00:00",
                Some("2019-03-05T14:22:10"),
            ),
            ("0000-00-00 00:00:00", "0000-00-00 00:00:00", None),
            ("yesterday", "", None),
        ];
        for (local, gmt, want) in cases {
            assert_eq!(wp_date(local, gmt).as_deref(), want, "{local} / {gmt}");
            if let Some(w) = want {
                assert!(
                    crate::date::parse(w).is_ok(),
                    "{w} parses as a front-matter date"
                );
            }
        }
    }

    #[test]
    fn a_draft_without_a_slug_never_takes_another_posts_slug() {
        let item = |id: &str, title: &str, name: &str, status: &str| Item {
            id: id.into(),
            title: title.into(),
            name: name.into(),
            status: status.into(),
            post_type: "post".into(),
            date: "2020-01-01 10:00:00".into(),
            ..Item::default()
        };
        let export = Export {
            items: vec![
                item("1", "Hip pain", "", "draft"),
                item("2", "Hip pain", "hip-pain", "publish"),
                item("3", "Hip pain again", "hip-pain", "publish"),
                Item {
                    post_type: "page".into(),
                    ..item("4", "Search", "search", "publish")
                },
            ],
            ..Export::default()
        };
        let info = SiteInfo {
            base_path: String::new(),
            reserved: vec!["search".into()],
        };
        let p = plan(&export, &info);
        let slugs: Vec<&str> = p.entries.iter().map(|e| e.slug.as_str()).collect();
        assert_eq!(slugs, ["hip-pain-2", "hip-pain", "hip-pain-3", "search-2"]);
    }

    #[test]
    fn untitled_table() {
        let item = |content: &str| Item {
            id: "12".into(),
            content: content.into(),
            ..Item::default()
        };
        let cases = [
            (
                "A quick note: we are closed on Monday. Back on Tuesday.",
                "A quick note: we are closed on Monday.",
            ),
            (
                "<!-- wp:paragraph -->\n<p>Closed <em>today</em></p>\n<!-- /wp:paragraph -->",
                "Closed today",
            ),
            (
                "Our winter hours run from the first of November to the end of February every year",
                "Our winter hours run from the first of November to the end…",
            ),
            ("", "Untitled 12"),
            ("<p> </p>", "Untitled 12"),
        ];
        for (content, want) in cases {
            assert_eq!(untitled(&item(content)), want, "{content}");
        }
    }

    #[test]
    fn slugs_are_unique_and_clean() {
        let mut taken = HashSet::new();
        let item = |name: &str| Item {
            name: name.into(),
            id: "7".into(),
            ..Item::default()
        };
        assert_eq!(
            unique_slug(base_slug(&item("hip-pain"), "x"), &mut taken),
            "hip-pain"
        );
        assert_eq!(
            unique_slug(base_slug(&item(""), "Hip pain"), &mut taken),
            "hip-pain-2"
        );
        assert_eq!(
            unique_slug(
                base_slug(&item("ejercicios-p%c3%a9lvicos"), "x"),
                &mut taken
            ),
            "ejercicios-pelvicos"
        );
        assert_eq!(
            unique_slug(base_slug(&item(""), "日本"), &mut taken),
            "ri-ben"
        );
        assert_eq!(
            unique_slug(base_slug(&item(""), "\u{E000}"), &mut taken),
            "item-7"
        );
    }
}

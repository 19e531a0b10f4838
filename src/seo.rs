//! Search-engine markup: schema.org JSON-LD built from the template views.
//!
//! Every page with breadcrumbs gets a `BreadcrumbList`; articles a
//! `BlogPosting` (authors as `Person` with their credentials, the clinic as
//! publisher) and, when medically reviewed, a `MedicalWebPage`; bios a
//! `Person` with their NPI and licenses; clinic pages a `MedicalClinic` and
//! `Physiotherapy` with its full address, coordinates and opening hours
//! (`medical.rs`), and the home page the `WebSite` and its `Organization`. Nodes refer to each other by stable `@id`s: the
//! page's permalink plus `#article`, `#person`, `#clinic`, `#organization`.
//!
//! The result is one `<script type="application/ld+json">` body per page, as
//! a string for templates to print with `| safe`: valid JSON in which `<`, `>`
//! and `&` are written as `\u003c`, `\u003e` and `\u0026`, so no text (a
//! title with `</script>` in it) can end the script element early.

mod medical;

pub use medical::reviewed_page;
use serde_json::{Map, Value, json};

use crate::views::{AuthorRef, AuthorView, ClinicRef, ClinicView, Image, Link, PostView, SiteView};

/// The page's JSON-LD: `nodes` plus a `BreadcrumbList` of `crumbs` (when
/// there are any), in one `@graph`. Empty when there is nothing to say.
pub fn json_ld(site: &SiteView, crumbs: &[Link], mut nodes: Vec<Value>) -> String {
    if let Some(b) = breadcrumb_list(site, crumbs) {
        nodes.push(b);
    }
    if nodes.is_empty() {
        return String::new();
    }
    let doc = json!({
        "@context": "https://schema.org",
        "@graph": nodes,
    });
    escape_for_script(&serde_json::to_string(&doc).unwrap_or_default())
}

/// JSON text that is safe inside `<script>`: `<`, `>` and `&` only occur in
/// JSON strings, where their `\u` escapes mean the same.
pub fn escape_for_script(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 16);
    let bytes = json.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8.
        let (escaped, len) = match bytes[i] {
            b'<' => ("\\u003c", 1),
            b'>' => ("\\u003e", 1),
            b'&' => ("\\u0026", 1),
            0xE2 if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA8) => {
                ("\\u2028", 3)
            }
            0xE2 if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA9) => {
                ("\\u2029", 3)
            }
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&json[run..i]);
        out.push_str(escaped);
        i += len;
        run = i;
    }
    out.push_str(&json[run..]);
    out
}

/// `https://example.org` for a site at `https://example.org/blog`.
fn origin(site: &SiteView) -> &str {
    let path = site.home_url.trim_end_matches('/');
    site.base_url.strip_suffix(path).unwrap_or(&site.base_url)
}

/// An absolute URL for a root-relative one (`/blog/posts/x/`); others as they are.
pub fn absolute(site: &SiteView, url: &str) -> String {
    if url.starts_with('/') && !url.starts_with("//") {
        format!("{}{url}", origin(site))
    } else {
        url.to_string()
    }
}

/// The picture of page `permalink` for link previews, with an absolute
/// URL: the site's own pictures by their copy of at most 1200 pixels with
/// its size, others as they are (root-relative and relative addresses, a
/// post folder's own `hero.svg`, resolved).
pub fn absolute_image(permalink: &str, img: &Image) -> Image {
    let og = img.picture.as_ref().and_then(|p| p.og.as_ref());
    let (url, width, height) = match og {
        Some(f) => (&f.url, Some(f.width), Some(f.height)),
        None => (&img.url, img.width, img.height),
    };
    let absolute = url::Url::parse(permalink)
        .and_then(|base| base.join(url))
        .map(|u| u.to_string())
        .unwrap_or_else(|_| url.clone());
    Image {
        url: absolute,
        alt: img.alt.clone(),
        width,
        height,
        picture: None,
    }
}

fn home(site: &SiteView) -> String {
    format!("{}/", site.base_url)
}

fn organization_id(site: &SiteView) -> String {
    format!("{}#organization", home(site))
}

/// Insert `key` when `value` is present (and not an empty string or list).
fn put(map: &mut Map<String, Value>, key: &str, value: impl Into<Value>) {
    let v: Value = value.into();
    let empty = match &v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    };
    if !empty {
        map.insert(key.to_string(), v);
    }
}

/// The clinic (the site's owner) as publisher.
pub fn organization(site: &SiteView) -> Value {
    let mut m = Map::new();
    put(&mut m, "@type", "Organization");
    put(&mut m, "@id", organization_id(site));
    put(&mut m, "name", site.title.as_str());
    put(&mut m, "url", home(site));
    if let Some(logo) = site.extra.get("logo").and_then(|v| v.as_str()) {
        let url = absolute(
            site,
            &format!("{}{}", site.static_url, logo.trim_start_matches('/')),
        );
        put(&mut m, "logo", json!({"@type": "ImageObject", "url": url}));
    }
    if let Some(p) = &site.phone {
        put(&mut m, "telephone", p.display.as_str());
    }
    put(&mut m, "email", site.email.clone());
    Value::Object(m)
}

/// The home page: the `WebSite` (with its search) and the `Organization`.
pub fn website(site: &SiteView) -> Vec<Value> {
    let mut m = Map::new();
    put(&mut m, "@type", "WebSite");
    // The site in this language: its own home page (`/es/`).
    let lang_home = absolute(site, &site.home_url);
    put(&mut m, "@id", format!("{lang_home}#website"));
    put(&mut m, "url", lang_home);
    put(&mut m, "name", site.title.as_str());
    put(&mut m, "description", site.description.as_str());
    put(&mut m, "inLanguage", site.language.as_str());
    put(&mut m, "publisher", json!({"@id": organization_id(site)}));
    put(
        &mut m,
        "potentialAction",
        json!({
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": format!("{}?q={{search_term_string}}", absolute(site, &site.search_url)),
            },
            "query-input": "required name=search_term_string",
        }),
    );
    vec![Value::Object(m), organization(site)]
}

/// `DPT, PRPC` → two `EducationalOccupationalCredential`s.
fn credentials(text: Option<&str>) -> Vec<Value> {
    text.unwrap_or("")
        .split([',', ';'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|c| json!({"@type": "EducationalOccupationalCredential", "name": c}))
        .collect()
}

fn person_id(site: &SiteView, author_url: &str) -> String {
    format!("{}#person", absolute(site, author_url))
}

fn clinic_id(site: &SiteView, clinic_url: &str) -> String {
    format!("{}#clinic", absolute(site, clinic_url))
}

fn clinic_ref(site: &SiteView, c: &ClinicRef) -> Value {
    json!({
        "@type": "MedicalClinic",
        "@id": clinic_id(site, &c.url),
        "name": c.name,
        "url": absolute(site, &c.url),
    })
}

/// A `Person` as a byline shows them: in a `BlogPosting` or a clinic's staff.
fn person_ref(site: &SiteView, a: &AuthorRef) -> Value {
    let mut m = Map::new();
    put(&mut m, "@type", "Person");
    put(&mut m, "@id", person_id(site, &a.url));
    put(&mut m, "name", a.name.as_str());
    put(&mut m, "url", absolute(site, &a.url));
    put(&mut m, "jobTitle", a.role.clone());
    put(
        &mut m,
        "hasCredential",
        credentials(a.credentials.as_deref()),
    );
    Value::Object(m)
}

/// A translation of an article, for its structured data.
#[derive(Debug, Clone)]
pub struct Translation {
    /// Whether it is the original (the site's default language's version).
    pub original: bool,
    /// Its absolute address.
    pub permalink: String,
}

/// An article: `BlogPosting`. A translation points at its original
/// (`translationOfWork`); the original lists its translations (`workTranslation`).
pub fn article(
    site: &SiteView,
    post: &PostView,
    permalink: &str,
    translations: &[Translation],
) -> Value {
    let s = &post.summary;
    let mut m = Map::new();
    put(&mut m, "@type", "BlogPosting");
    put(&mut m, "@id", format!("{permalink}#article"));
    put(&mut m, "mainEntityOfPage", permalink);
    put(&mut m, "url", permalink);
    put(&mut m, "headline", s.title.as_str());
    put(&mut m, "description", s.summary.as_str());
    put(&mut m, "datePublished", s.date.iso.as_str());
    put(
        &mut m,
        "dateModified",
        post.updated.as_ref().unwrap_or(&s.date).iso.as_str(),
    );
    put(&mut m, "inLanguage", site.language.as_str());
    put(
        &mut m,
        "author",
        s.authors
            .iter()
            .map(|a| person_ref(site, a))
            .collect::<Vec<_>>(),
    );
    put(&mut m, "publisher", organization(site));
    if let Some(img) = &s.image {
        let img = absolute_image(permalink, img);
        put(&mut m, "image", vec![img.url]);
    }
    put(
        &mut m,
        "articleSection",
        s.categories
            .iter()
            .map(|c| c.name.clone())
            .collect::<Vec<_>>(),
    );
    put(
        &mut m,
        "keywords",
        post.tags.iter().map(|t| t.name.clone()).collect::<Vec<_>>(),
    );
    if let Some(c) = &s.clinic {
        put(&mut m, "sourceOrganization", clinic_ref(site, c));
    }
    let id = |t: &Translation| json!({"@id": format!("{}#article", t.permalink)});
    match translations.iter().find(|t| t.original) {
        Some(original) => put(&mut m, "translationOfWork", id(original)),
        None => put(
            &mut m,
            "workTranslation",
            translations.iter().map(id).collect::<Vec<_>>(),
        ),
    }
    Value::Object(m)
}

/// A bio page: `Person`.
pub fn person(site: &SiteView, a: &AuthorView, permalink: &str) -> Value {
    let c = &a.card;
    let mut m = Map::new();
    put(&mut m, "@type", "Person");
    put(&mut m, "@id", format!("{permalink}#person"));
    put(&mut m, "name", c.name.as_str());
    put(&mut m, "url", permalink);
    put(&mut m, "mainEntityOfPage", permalink);
    put(&mut m, "jobTitle", c.role.clone());
    put(&mut m, "honorificSuffix", c.credentials.clone());
    put(
        &mut m,
        "hasCredential",
        credentials(c.credentials.as_deref()),
    );
    put(&mut m, "identifier", medical::identifiers(a));
    put(&mut m, "knowsLanguage", c.languages.clone());
    put(&mut m, "knowsAbout", c.specialties.clone());
    if let Some(cl) = &c.clinic {
        put(&mut m, "worksFor", clinic_ref(site, cl));
    }
    if let Some(photo) = &c.photo {
        put(&mut m, "image", absolute_image(permalink, photo).url);
    }
    Value::Object(m)
}

/// A clinic page: `MedicalClinic` and `Physiotherapy`, with the therapists who work there.
pub fn clinic(
    site: &SiteView,
    c: &ClinicView,
    permalink: &str,
    therapists: &[&AuthorRef],
) -> Value {
    let mut m = Map::new();
    medical::clinic_facts(c, &mut m);
    put(&mut m, "@id", format!("{permalink}#clinic"));
    put(&mut m, "name", c.card.name.as_str());
    put(&mut m, "url", permalink);
    put(&mut m, "mainEntityOfPage", permalink);
    let mut address = Map::new();
    put(&mut address, "@type", "PostalAddress");
    put(&mut address, "streetAddress", c.address.clone());
    put(&mut address, "addressLocality", c.card.city.as_str());
    put(&mut address, "addressRegion", c.card.state.as_str());
    put(&mut address, "postalCode", c.zip.clone());
    if crate::finder::state_name(&c.card.state).is_some() {
        put(&mut address, "addressCountry", "US");
    }
    put(&mut m, "address", Value::Object(address));
    if let (Some(lat), Some(lon)) = (c.lat, c.lon) {
        put(
            &mut m,
            "geo",
            json!({"@type": "GeoCoordinates", "latitude": lat, "longitude": lon}),
        );
    }
    if let Some(p) = &c.card.phone {
        put(&mut m, "telephone", p.display.as_str());
    }
    put(&mut m, "email", c.email.clone());
    let hours: Vec<OpeningHours> = c
        .opening_hours
        .iter()
        .filter_map(|h| opening_hours(h))
        .collect();
    put(
        &mut m,
        "openingHours",
        hours.iter().map(|h| h.short()).collect::<Vec<_>>(),
    );
    put(
        &mut m,
        "openingHoursSpecification",
        hours.iter().map(|h| h.specification()).collect::<Vec<_>>(),
    );
    put(&mut m, "hasMap", c.map_url.clone());
    put(
        &mut m,
        "parentOrganization",
        json!({"@id": organization_id(site), "name": site.title}),
    );
    put(
        &mut m,
        "employee",
        therapists
            .iter()
            .map(|a| person_ref(site, a))
            .collect::<Vec<_>>(),
    );
    Value::Object(m)
}

/// `BreadcrumbList` of a page's trail.
pub fn breadcrumb_list(site: &SiteView, crumbs: &[Link]) -> Option<Value> {
    if crumbs.is_empty() {
        return None;
    }
    let items: Vec<Value> = crumbs
        .iter()
        .enumerate()
        .map(|(i, c)| {
            json!({
                "@type": "ListItem",
                "position": i + 1,
                "name": c.title,
                "item": absolute(site, &c.url),
            })
        })
        .collect();
    Some(json!({"@type": "BreadcrumbList", "itemListElement": items}))
}

pub use crate::hours::{OpeningHours, opening_hours};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_breakers_are_escaped() {
        let text = "</script><b>& é \u{2028}\u{2029}…";
        let s = escape_for_script(&json!({ "t": text }).to_string());
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        assert!(!s.contains('\u{2028}') && !s.contains('\u{2029}') && s.contains('é'));
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["t"], text);
    }
}

//! Old permalinks as aliases: each published post keeps its WordPress
//! address (below the new site's base path) as an alias that redirects to it,
//! unless that address is not a plain path, or another page, gait address or
//! alias already has it. Pages cannot redirect: a page whose address changes
//! is noted instead.

use std::collections::HashSet;

use super::plan::{Kind, Plan, SiteInfo};
use super::wxr::Export;
use crate::content::post::clean_site_path;

/// Give each published post its old permalink path as an alias, unless that
/// path is taken by a new address or another alias; note pages whose address changes.
pub fn assign(p: &mut Plan, export: &Export, info: &SiteInfo) {
    let key = |s: &str| s.trim_matches('/').to_lowercase();
    let mut used: HashSet<String> = p.entries.iter().map(|e| key(&e.address())).collect();
    used.extend(info.reserved.iter().map(|r| key(r)));
    for e in &mut p.entries {
        if e.draft {
            continue;
        }
        let it = &export.items[e.item];
        let Some(old) = p.old_site.old_path(&it.link) else {
            continue;
        };
        let old = match info.base_path.trim_end_matches('/') {
            "" => old,
            base => old
                .strip_prefix(base)
                .filter(|r| r.starts_with('/'))
                .map(str::to_string)
                .unwrap_or(old),
        };
        if key(&old) == key(&e.address()) {
            continue;
        }
        if e.kind == Kind::Page {
            p.notes.push(format!(
                "the page \"{}\" moves from {old} to {} (pages cannot redirect: update links to it)",
                e.title,
                e.address()
            ));
            continue;
        }
        if let Err(why) = clean_site_path(&old) {
            p.notes.push(format!(
                "the old address {old} of \"{}\" {why}: no redirect",
                e.title
            ));
        } else if !used.insert(key(&old)) {
            p.notes.push(format!(
                "the old address {old} of \"{}\" is also another page's address: no redirect",
                e.title
            ));
        } else {
            e.aliases.push(old);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::plan::plan;
    use crate::import::wxr::Item;

    #[test]
    fn aliases_are_below_the_new_base_path_and_never_clash() {
        let item = |id: &str, link: &str, name: &str| Item {
            id: id.into(),
            title: name.into(),
            link: link.into(),
            name: name.into(),
            status: "publish".into(),
            post_type: "post".into(),
            date: "2020-01-01 10:00:00".into(),
            ..Item::default()
        };
        let export = Export {
            link: "https://old.example/blog".into(),
            items: vec![
                item("1", "https://old.example/blog/2019/03/hip/", "hip"),
                item("2", "https://old.example/blog/posts/hip/", "knee"),
                item("3", "https://old.example/blog/?p=3", "back"),
                item("4", "https://old.example/blog/a%2f..%2fb/", "odd"),
            ],
            ..Export::default()
        };
        let info = SiteInfo {
            base_path: "/blog".into(),
            reserved: Vec::new(),
        };
        let p = plan(&export, &info);
        let aliases: Vec<&[String]> = p.entries.iter().map(|e| e.aliases.as_slice()).collect();
        assert_eq!(aliases, [&["/2019/03/hip/".to_string()][..], &[], &[], &[]]);
        assert_eq!(
            p.notes,
            [
                "the old address /posts/hip/ of \"knee\" is also another page's address: no redirect",
                "the old address /a%2f..%2fb/ of \"odd\" leaves the site folder: no redirect",
            ]
        );
    }
}

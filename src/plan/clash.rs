//! Two outputs at one address: found over the whole plan, and reported at
//! the claim a person can most easily change (an alias before a post, a post
//! before a page gait makes), naming the other.
//!
//! Two outputs clash when their addresses are the same (`posts/x/`,
//! `posts/x/index.html` and `Posts/X` are one address), and when one is a
//! file where the other needs a folder (a static file `feed.xml` and an alias
//! `/feed.xml/`, whose page would be `feed.xml/index.html`), or when anything
//! is put inside a folder that a module fills on its own (the search index).

use std::path::PathBuf;

use foldhash::{HashMap, HashMapExt};

use super::{Claim, Output, Plan, What, normalize};
use crate::diag::Diagnostic;
use crate::frontmatter::KeyAt;
use crate::model::Site;
use crate::urls;

/// Every clash in `plan`, as errors. `config_text` is site.yaml, for the
/// line of a key that asks for an address.
pub fn check(plan: &Plan, cx: &Cx<'_>) -> Vec<Diagnostic> {
    pairs(plan)
        .into_iter()
        .map(|pair| report(plan, cx, &pair))
        .collect()
}

/// What a clash report needs to name the files involved.
pub struct Cx<'a> {
    pub site: &'a Site,
    /// The site's folder.
    pub root: &'a std::path::Path,
    /// The text of site.yaml.
    pub config_text: &'a str,
    /// The build's pictures (which `What::Picture` outputs index).
    pub pictures: &'a crate::images::PictureSet,
}

/// The file an output becomes, normalized: a page `posts/x/` is the file
/// `posts/x/index.html`, a folder claim is the folder itself.
fn file_key(o: &Output) -> String {
    let file = match o.what {
        What::Page(_) => urls::output_file(&o.path).to_string_lossy().into_owned(),
        _ => o.path.trim_end_matches('/').to_string(),
    };
    file.to_ascii_lowercase()
}

/// Two outputs that cannot both be written: `first` was planned first.
/// `more` counts other outputs that clash with `first` the same way (a
/// file where a whole folder of pages goes).
struct Pair {
    first: usize,
    second: usize,
    more: usize,
    /// `first` is a file (or folder) where `second` needs a folder of its own.
    folder: bool,
}

/// Every clash, each once.
fn pairs(plan: &Plan) -> Vec<Pair> {
    use rayon::prelude::*;
    // Each output's address and file, normalized (on all cores: a large
    // site has hundreds of thousands).
    let keys: Vec<(String, String)> = plan
        .outputs
        .par_iter()
        .map(|o| (normalize(&o.path), file_key(o)))
        .collect();
    let mut out = Vec::new();
    let mut by_address: HashMap<&str, usize> = HashMap::with_capacity(keys.len());
    let mut by_file: HashMap<&str, usize> = HashMap::with_capacity(keys.len());
    for (i, (address, file)) in keys.iter().enumerate() {
        match by_address.get(address.as_str()) {
            Some(&first) => out.push(Pair {
                first,
                second: i,
                more: 0,
                folder: false,
            }),
            None => {
                by_address.insert(address, i);
                by_file.insert(file, i);
            }
        }
    }
    // A file (or a module's folder) where other outputs need a folder: one
    // report per such file, naming the first output inside it.
    let mut blocked: HashMap<usize, Pair> = HashMap::new();
    for (i, (_, key)) in keys.iter().enumerate() {
        let mut parent = key.as_str();
        while let Some((dir, _)) = parent.rsplit_once('/') {
            let owner = by_file.get(dir).copied();
            if let Some(owner) = owner.filter(|&w| w != i && !is_page(plan, w)) {
                blocked
                    .entry(owner)
                    .and_modify(|p| p.more += 1)
                    .or_insert(Pair {
                        first: owner,
                        second: i,
                        more: 0,
                        folder: true,
                    });
            }
            parent = dir;
        }
    }
    let mut blocked: Vec<Pair> = blocked.into_values().collect();
    blocked.sort_by_key(|p| p.first);
    out.extend(blocked);
    out
}

fn is_page(plan: &Plan, i: usize) -> bool {
    matches!(plan.outputs[i].what, What::Page(_))
}

/// How easily a person can change a claim: the clash is reported at the
/// lowest (an alias, then a file of theirs, then something gait makes).
fn rank(claim: &Claim, cx: &Cx<'_>) -> u8 {
    match claim {
        Claim::Alias { .. } => 0,
        Claim::Copy(_) => 1,
        // A picture at its own address is a file to rename; a copy of
        // another width is named after a picture.
        Claim::Picture { picture, variant } => match picture_copy(cx, *picture, *variant) {
            None => 1,
            Some(_) => 2,
        },
        Claim::Post(_) | Claim::Author(_) | Claim::Clinic(_) | Claim::Page(_) => 2,
        Claim::Config { .. } => 3,
        Claim::Gait(_) | Claim::Optional { .. } => 4,
    }
}

/// Where a claim was made, for people.
struct Place {
    file: PathBuf,
    at: Option<KeyAt>,
    /// How the other side of the clash names it.
    name: String,
    help: &'static str,
}

const PAGE_HELP: &str =
    "two pages cannot share an address: rename the file, or change its `slug` or `aliases`";

fn place(plan: &Plan, cx: &Cx<'_>, claim: &Claim) -> Place {
    let site = cx.site;
    let file = |f: &std::path::Path, help| Place {
        file: f.to_path_buf(),
        at: None,
        name: f.display().to_string(),
        help,
    };
    match *claim {
        Claim::Post(i) => file(&site.posts[i as usize].doc.file, PAGE_HELP),
        Claim::Alias { post, alias } => {
            let doc = &site.posts[post as usize].doc;
            Place {
                at: doc.alias_at.get(alias as usize).cloned().flatten(),
                ..file(
                    &doc.file,
                    "an alias cannot take an address the site already uses: remove it from `aliases`, or correct it",
                )
            }
        }
        Claim::Author(i) => file(&site.authors[i as usize].doc.file, PAGE_HELP),
        Claim::Clinic(i) => file(&site.clinics[i as usize].doc.file, PAGE_HELP),
        Claim::Page(i) => file(&site.pages[i as usize].file, PAGE_HELP),
        Claim::Copy(n) => {
            let f = plan.copies[n as usize].origin(cx.root);
            file(&f, "rename or move the file, or remove it")
        }
        Claim::Picture { picture, variant } => {
            let source = &cx.pictures.pictures()[picture as usize].source.file;
            let f = source.strip_prefix(cx.root).unwrap_or(source);
            let mut p = file(f, "rename or move the file, or remove it");
            if let Some(what) = picture_copy(cx, picture, variant) {
                p.name = format!("{what} of {}", p.name);
            }
            p
        }
        Claim::Config { key, what } => Place {
            file: PathBuf::from(crate::config::FILE_NAME),
            at: key_at(cx.config_text, key),
            name: format!("{what} (`{key}` in site.yaml)"),
            help: "choose an address the site does not use yet",
        },
        Claim::Gait(what) => Place {
            file: PathBuf::from("content"),
            at: None,
            name: format!("{what} (gait makes it)"),
            help: PAGE_HELP,
        },
        Claim::Optional { what, help } => Place {
            file: PathBuf::from("content"),
            at: None,
            name: format!("{what} (gait makes it)"),
            help,
        },
    }
}

/// What a variant of a picture published at another address than the
/// picture's own is, for people: "the 480-pixel copy"; `None` for the
/// picture at its own address.
fn picture_copy(cx: &Cx<'_>, picture: u32, variant: u32) -> Option<String> {
    let p = &cx.pictures.pictures()[picture as usize];
    let v = &p.variants[variant as usize];
    (v.site_path != p.source.site_path).then(|| match v.role {
        crate::images::Role::Og => "the link-preview copy".to_string(),
        _ => format!("the {}-pixel {} copy", v.width, v.format.name()),
    })
}

/// The line of a top-level `key:` of a YAML file, with its text.
fn key_at(text: &str, key: &str) -> Option<KeyAt> {
    let line = crate::yaml::key_line(text, key)?;
    Some(KeyAt {
        line,
        text: text.lines().nth(line - 1)?.trim_end().to_string(),
    })
}

fn report(plan: &Plan, cx: &Cx<'_>, pair: &Pair) -> Diagnostic {
    let (first, second) = (&plan.outputs[pair.first], &plan.outputs[pair.second]);
    // Reported at the claim easiest to change; between equals, the later one.
    let (here, there) = match rank(&first.claim, cx) < rank(&second.claim, cx) {
        true => (first, second),
        false => (second, first),
    };
    let mut p = place(plan, cx, &here.claim);
    let other = place(plan, cx, &there.claim);
    // A file in the way of something a setting can turn off says how.
    if let (Claim::Copy(_) | Claim::Picture { .. }, Claim::Optional { help, .. }) =
        (here.claim, there.claim)
    {
        p.help = help;
    }
    let more = match pair.more {
        0 => String::new(),
        n => format!(
            " (and {n} other {})",
            crate::diag::plural(n, "file", "files")
        ),
    };
    let message = match pair.folder && std::ptr::eq(here, first) {
        true => format!(
            "the file /{} stands where {}{more} needs a folder",
            here.path, other.name
        ),
        false => format!(
            "the address /{} is also used by {}{more}",
            here.path, other.name
        ),
    };
    let mut d = Diagnostic::error(p.file, message).with_help(p.help);
    if let Some(at) = p.at {
        d = d.at_line(Some(at.line));
        d.snippet = Some(at.text);
    }
    d
}

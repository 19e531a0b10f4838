//! The preview server's incremental rebuilds, through the library: a kept
//! `Session` must report exactly what a fresh build of the same files would,
//! whatever it reuses (parsed files, rendered bodies, link checks, the plan).

use std::path::PathBuf;

use chrono::Utc;
use gait::diag::SiteErrors;
use gait::pipeline::{BuildOptions, Session, Strictness};
use gait::sink::DirSink;

use crate::common::Site;

/// A kept session over a copy of the basic fixture, writing into a temp folder.
struct Preview {
    site: Site,
    session: Session,
    out: PathBuf,
}

impl Preview {
    fn new() -> Preview {
        Preview::of("basic")
    }

    /// A kept session over the fixture `name`, built once.
    fn of(name: &str) -> Preview {
        let site = Site::fixture(name);
        let out = site.tmp.path().join("preview");
        let session = Session::incremental(BuildOptions {
            root: site.root.clone(),
            output: out.clone(),
            base_url: None,
            drafts: false,
            future: false,
            fingerprint_assets: false,
        });
        let mut p = Preview { site, session, out };
        p.rebuild(&[]).expect("the fixture builds");
        p
    }

    /// Write `rel` and rebuild, telling the session that only it changed.
    fn save(&mut self, rel: &str, text: &str) -> Result<String, String> {
        self.site.write(rel, text);
        self.rebuild(&[rel])
    }

    fn delete(&mut self, rel: &str) -> Result<String, String> {
        self.site.remove(rel);
        self.rebuild(&[rel])
    }

    /// Rebuild: the broken links of a good build (a preview publishes with
    /// them, as warnings), or the error text of a failed one.
    fn rebuild(&mut self, changed: &[&str]) -> Result<String, String> {
        let paths = changed.iter().map(|r| self.site.path(r)).collect();
        self.session.set_changed(paths);
        let now = Utc::now();
        let prepared = self
            .session
            .prepare(now, Strictness::Build)
            .map_err(|e| match e.downcast_ref::<SiteErrors>() {
                Some(s) => s.to_string(),
                None => format!("{e:#}"),
            })?;
        self.session
            .write(&prepared, &DirSink(self.out.clone()), now)
            .map_err(|e| format!("{e:#}"))?;
        Ok(links_text(&prepared))
    }

    /// What a fresh preview of the same files says, on its first build.
    fn fresh(&self) -> Result<String, String> {
        let mut session = Session::incremental(BuildOptions {
            output: self.site.tmp.path().join("fresh"),
            ..self.session.opts.clone()
        });
        session
            .prepare(Utc::now(), Strictness::Build)
            .map(|prepared| links_text(&prepared))
            .map_err(|e| e.to_string())
    }

    fn page(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out.join(rel)).unwrap_or_default()
    }
}

const GENTLE: &str = "content/posts/gentle-core-work.md";
const NIGHT: &str = "content/posts/hip-pain-at-night.md";

fn gentle(body: &str) -> String {
    format!(
        "---\ntitle: Gentle core work for sore hips\ndate: 2024-01-15\nauthor: sam-lee\ncategories: [Hip Pain]\n---\n\n{body}\n"
    )
}

#[test]
fn an_edited_post_shows_its_new_text() {
    let mut p = Preview::new();
    p.save(
        GENTLE,
        &gentle("Breathe out as you lift, then rest for a count of four."),
    )
    .unwrap();
    assert!(
        p.page("posts/gentle-core-work/index.html")
            .contains("Breathe out as you lift, then rest for a count of four.")
    );
}

#[test]
fn a_broken_link_stays_reported_while_other_posts_are_edited() {
    let mut p = Preview::new();
    let broken = p
        .save(GENTLE, &gentle("See [the plan](/posts/no-such-post/)."))
        .unwrap();
    assert!(
        broken.contains("the link `/posts/no-such-post/` points to nothing"),
        "{broken}"
    );
    // Another post changes; the broken one is not rendered again, but its
    // link is still wrong and must still be reported.
    let again = p
        .save(
            NIGHT,
            &std::fs::read_to_string(p.site.path(NIGHT))
                .unwrap()
                .replace("Many people notice", "Most people notice"),
        )
        .unwrap();
    assert_eq!(again, p.fresh().unwrap());
    assert!(again.contains("/posts/no-such-post/"), "{again}");
    // Fixed: the warning is gone.
    let fixed = p
        .save(
            GENTLE,
            &gentle("See [the plan](/posts/running-after-birth/)."),
        )
        .unwrap();
    assert_eq!(fixed, "");
}

#[test]
fn deleting_a_linked_post_breaks_the_link_and_restoring_it_mends_it() {
    let mut p = Preview::new();
    // hip-pain-at-night links to /posts/bladder-diary/ (a folder post).
    let diary = "content/posts/bladder-diary/index.md";
    let text = std::fs::read_to_string(p.site.path(diary)).unwrap();
    let links = p.delete(diary).unwrap();
    assert!(links.contains("hip-pain-at-night.md"), "{links}");
    assert!(
        links.contains("the link `/posts/bladder-diary/` points to nothing"),
        "{links}"
    );
    assert_eq!(links, p.fresh().unwrap());
    assert_eq!(p.save(diary, &text).unwrap(), "", "restored: mended");
}

#[test]
fn a_new_alias_can_be_linked_to_at_once() {
    let mut p = Preview::new();
    let links = p
        .save(GENTLE, &gentle("Old address: [running](/2020/running/)."))
        .unwrap();
    assert!(links.contains("/2020/running/"), "{links}");
    let running = "content/posts/running-after-birth.md";
    let text = std::fs::read_to_string(p.site.path(running)).unwrap();
    let with_alias = text.replace(
        "  - /2019/04/running-after-birth/\n",
        "  - /2019/04/running-after-birth/\n  - /2020/running/\n",
    );
    assert_ne!(text, with_alias);
    // Both files change in one batch, as when a burst of saves is merged.
    p.site.write(running, &with_alias);
    assert_eq!(p.rebuild(&[running, GENTLE]).unwrap(), "");
    assert!(
        p.page("2020/running/index.html")
            .contains("posts/running-after-birth/")
    );
}

#[test]
fn two_posts_claiming_one_address_are_reported_every_time() {
    let mut p = Preview::new();
    let clash = "content/posts/gentle-core-work-2.md";
    let err = p
        .save(
            clash,
            "---\ntitle: Another\ndate: 2024-02-01\nauthor: sam-lee\nslug: gentle-core-work\n---\n\nText.\n",
        )
        .unwrap_err();
    assert!(err.contains("gentle-core-work"), "{err}");
    // An unrelated edit keeps the error.
    let again = p
        .save(GENTLE, &gentle("Start with breathing; move slowly."))
        .unwrap_err();
    assert_eq!(again, p.fresh().unwrap_err());
    p.delete(clash).unwrap();
}

/// Every file of a fresh build of the preview's files (with the preview's
/// options), compared with what the kept session wrote: any difference is a
/// page the preview left stale.
fn assert_same_as_fresh(p: &Preview, after: &str) {
    let fresh = p.site.tmp.path().join("fresh-build");
    let opts = BuildOptions {
        output: fresh.clone(),
        ..p.session.opts.clone()
    };
    let mut session = Session::new(opts);
    let now = Utc::now();
    let prepared = session.prepare(now, Strictness::Build).unwrap();
    session
        .write(&prepared, &DirSink(fresh.clone()), now)
        .unwrap();
    let want = crate::common::snapshot(&fresh);
    let got = crate::common::snapshot(&p.out);
    let stale: Vec<&String> = want
        .iter()
        .filter(|(path, _)| !path.starts_with(".gait"))
        .filter(|(path, bytes)| got.get(*path) != Some(bytes))
        .map(|(path, _)| path)
        .collect();
    assert!(
        stale.is_empty(),
        "after {after}, the preview differs from a fresh build in {stale:?}"
    );
    std::fs::remove_dir_all(&fresh).unwrap();
}

#[test]
fn after_every_kind_of_edit_the_preview_equals_a_fresh_build() {
    let mut p = Preview::new();
    assert_same_as_fresh(&p, "the first build");
    let edits: &[(&str, &str, &str)] = &[
        (
            "an author's name",
            "content/authors/sam-lee.md",
            "---\nname: Samuel Lee\ncredentials: PT, DPT\nrole: Physical therapist\nclinic: hillcrest\nspecialties: [low back pain]\n---\n\nSam works with runners.\n",
        ),
        (
            "a clinic's phone and name",
            "content/clinics/riverside.md",
            "---\nname: Riverside Pelvic Clinic\naddress: 12 Water Street\ncity: Portland\nstate: OR\nzip: \"97201\"\nphone: 503-555-0199\n---\n\nBy the river.\n",
        ),
        (
            "a new category on a post",
            GENTLE,
            "---\ntitle: Gentle core work for sore hips\ndate: 2024-01-15\nauthor: sam-lee\ncategories: [Hip Pain, Core Strength]\ntags: [sleep]\n---\n\nBreathing first.\n",
        ),
        (
            "a post's title",
            NIGHT,
            "---\ntitle: Why sore hips ache more at night\ndate: 2024-03-01\nauthor: dana-reyes\ncategories: [Hip Pain]\ntags: [sleep]\n---\n\nMany people notice it when they lie down.\n",
        ),
        (
            "a new author, who reviews",
            "content/authors/ines-alvarez.md",
            "---\nname: Ines Alvarez\ncredentials: DPT\nclinic: riverside\n---\n\nInes reviews the clinic's articles.\n",
        ),
        (
            "a post's reviewer",
            NIGHT,
            "---\ntitle: Why sore hips ache more at night\ndate: 2024-03-01\nauthor: dana-reyes\nreviewed_by: ines-alvarez\nlast_reviewed: 2024-03-05\ncategories: [Hip Pain]\ntags: [sleep]\n---\n\nMany people notice it when they lie down.\n",
        ),
        (
            // Only the review shows her on that post's page: the page must
            // follow her file all the same.
            "the reviewer's credentials",
            "content/authors/ines-alvarez.md",
            "---\nname: Ines Alvarez\ncredentials: DPT, PRPC, OCS\nclinic: riverside\nnpi: \"1234567893\"\n---\n\nInes reviews the clinic's articles.\n",
        ),
        (
            "a comment",
            "content/comments/hip-pain-at-night.yaml",
            "- id: 1\n  parent: null\n  author: Lou\n  date: 2024-03-02\n  body: A pillow between the knees helped me.\n",
        ),
        (
            "a standalone page",
            "content/pages/about.md",
            "---\ntitle: About us\nsummary: Who we are.\n---\n\nTwo clinics, one team.\n",
        ),
        (
            "a new post",
            "content/posts/new-post.md",
            "---\ntitle: A new post in the middle\ndate: 2024-02-10\nauthor: dana-reyes\nclinic: riverside\ncategories: [Postpartum]\ntags: [running]\n---\n\nNew text.\n",
        ),
        (
            "the referrals",
            "data/referrals.yaml",
            "- name: Alex Moreno\n  credentials: DPT\n  city: Tucson\n  state: AZ\n  specialties: [pelvic pain]\n",
        ),
        (
            "site.yaml",
            "site.yaml",
            "title: Riverbend Pelvic Health\nbase_url: https://riverbend.example\nposts_per_page: 2\n",
        ),
        (
            "tag feeds turned on",
            "site.yaml",
            "title: Riverbend Pelvic Health\nbase_url: https://riverbend.example\nposts_per_page: 2\ntag_feeds: true\n",
        ),
    ];
    for (what, rel, text) in edits {
        p.save(rel, text).unwrap();
        assert_same_as_fresh(&p, what);
    }
    assert!(
        p.page("posts/hip-pain-at-night/index.html")
            .contains("Ines Alvarez</a><span class=\"credentials\">, DPT, PRPC, OCS</span>"),
        "the reviewed post shows its reviewer's new credentials"
    );
    p.delete("content/posts/new-post.md").unwrap();
    assert_same_as_fresh(&p, "deleting a post");
}

#[test]
fn after_a_picture_changes_the_pages_showing_it_equal_a_fresh_build() {
    use crate::pictures_support::{jpeg, photo};
    let mut p = Preview::new();
    let diary = "content/posts/bladder-diary/index.md";
    let picture = "content/posts/bladder-diary/photo.jpg";
    let sam = "content/authors/sam-lee.md";
    let text = std::fs::read_to_string(p.site.path(diary)).unwrap();
    let with_photo = text.replacen(
        "categories: [Bladder Health]\n",
        "categories: [Bladder Health]\nimage: photo.jpg\nimage_alt: A diary on a desk\n",
        1,
    ) + "\n![The diary on a desk](photo.jpg)\n";
    p.site.write(picture, jpeg(&photo(800, 600, 1)));
    p.site.write(diary, &with_photo);
    p.rebuild(&[picture, diary]).unwrap();
    assert_same_as_fresh(&p, "a new picture shown by a post");
    assert!(
        p.page("posts/bladder-diary/index.html")
            .contains("photo-480w.webp 480w")
    );
    // The same file, now a narrower picture of another shape: new widths
    // and sizes on the article, its cards and its link preview.
    p.site.write(picture, jpeg(&photo(700, 700, 2)));
    p.rebuild(&[picture]).unwrap();
    assert_same_as_fresh(&p, "a picture replaced by one of another size");
    let article = p.page("posts/bladder-diary/index.html");
    assert!(
        article.contains("width=\"700\" height=\"700\""),
        "{article}"
    );
    // An author's photo, shown on their page and in every byline card.
    let photo_at = "static/images/sam.jpg";
    p.site.write(photo_at, jpeg(&photo(500, 500, 3)));
    let author = std::fs::read_to_string(p.site.path(sam)).unwrap().replacen(
        "role: Physical therapist\n",
        "role: Physical therapist\nphoto: /images/sam.jpg\nphoto_alt: Sam Lee\n",
        1,
    );
    p.save(sam, &author).unwrap();
    assert_same_as_fresh(&p, "an author's new photo");
    p.site.write(photo_at, jpeg(&photo(600, 400, 4)));
    p.rebuild(&[photo_at]).unwrap();
    assert_same_as_fresh(&p, "an author's photo replaced");
}

/// The broken links of a prepared site, one diagnostic a line.
fn links_text(prepared: &gait::pipeline::Prepared) -> String {
    let lines: Vec<String> = prepared
        .broken_links
        .iter()
        .map(ToString::to_string)
        .collect();
    lines.join("\n")
}

/// A sink that writes into a folder and remembers the HTML pages written.
struct Recorder {
    dir: DirSink,
    pages: std::sync::Mutex<Vec<String>>,
}

impl gait::sink::Sink for Recorder {
    fn write(&self, rel: &std::path::Path, bytes: &[u8]) -> anyhow::Result<()> {
        let name = rel.to_string_lossy().replace('\\', "/");
        if name.ends_with(".html") {
            self.pages.lock().unwrap().push(name);
        }
        self.dir.write(rel, bytes)
    }
    fn copy(
        &self,
        rel: &std::path::Path,
        source: &gait::theme::StaticSource,
    ) -> anyhow::Result<()> {
        self.dir.copy(rel, source)
    }
}

/// A kept session over the translations fixture: save `rel` as `text` and
/// return the pages the rebuild rendered.
fn rendered_after(p: &mut Preview, rel: &str, text: &str) -> Vec<String> {
    p.site.write(rel, text);
    p.session.set_changed(vec![p.site.path(rel)]);
    let now = Utc::now();
    let prepared = p.session.prepare(now, Strictness::Build).expect("builds");
    let sink = Recorder {
        dir: DirSink(p.out.clone()),
        pages: Default::default(),
    };
    p.session.write(&prepared, &sink, now).expect("writes");
    let mut pages = sink.pages.into_inner().unwrap();
    pages.sort();
    pages
}

fn translated_preview() -> Preview {
    Preview::of("translations")
}

#[test]
fn editing_a_spanish_post_renders_only_the_pages_that_show_it() {
    let mut p = translated_preview();
    let rel = "content/posts/solo-en-espanol.es.md";
    let text = std::fs::read_to_string(p.site.path(rel)).unwrap();
    // Its page and the pages that show its card (which a change to the
    // file may change), all of them Spanish.
    let shows_it = [
        "es/authors/sam-lee/index.html",
        "es/categories/noticias/index.html",
        "es/clinics/hillcrest/index.html",
        "es/index.html",
        "es/posts/correr-despues-del-parto/index.html",
        "es/posts/solo-en-espanol/index.html",
    ];
    let titled = text.replace("Una guía solo en español", "Una guía en español");
    assert_eq!(rendered_after(&mut p, rel, &titled), shows_it);
    let body = titled.replace("no tiene versión", "todavía no tiene versión");
    assert_eq!(rendered_after(&mut p, rel, &body), shows_it);
    assert_same_as_fresh(&p, "a Spanish post's title");
}

#[test]
fn editing_a_spanish_bio_leaves_the_english_pages_alone() {
    let mut p = translated_preview();
    let rel = "content/authors/dana-reyes.es.md";
    let text = std::fs::read_to_string(p.site.path(rel)).unwrap();
    let pages = rendered_after(
        &mut p,
        rel,
        &text.replace(
            "role: Fisioterapeuta",
            "role: Fisioterapeuta del suelo pélvico",
        ),
    );
    assert!(
        pages.contains(&"es/authors/dana-reyes/index.html".to_string()),
        "{pages:?}"
    );
    // Spanish pages only (the redirect from the Spanish post's old address is one).
    let spanish = |p: &String| p.starts_with("es/") || p == "2019/dolor-de-cadera/index.html";
    assert!(pages.iter().all(spanish), "{pages:?}");
    assert_same_as_fresh(&p, "a Spanish bio");
}

#[test]
fn after_every_kind_of_translated_edit_the_preview_equals_a_fresh_build() {
    let mut p = translated_preview();
    assert_same_as_fresh(&p, "the first build");
    let edits: &[(&str, &str, &str)] = &[
        (
            "a new Spanish translation of an English post",
            "content/posts/gentle-core-work.es.md",
            "---\ntitle: Ejercicios suaves para la cadera\ndate: 2021-01-20\nauthor: sam-lee\ncategories: [Dolor de cadera]\n---\n\nPrimero, respirar.\n",
        ),
        (
            "a translated clinic",
            "content/clinics/hillcrest.es.md",
            "---\nname: Clínica Hillcrest\n---\n\nEn la colina.\n",
        ),
        (
            "a translated page",
            "content/pages/virtual.es.md",
            "---\ntitle: Consultas por video\n---\n\nAtendemos por video.\n",
        ),
        (
            "the site's Spanish words",
            "i18n/es.yaml",
            "min_read: minutos de lectura\nmd_table: Tabla de datos\n",
        ),
        (
            "the translation's settings",
            "site.yaml",
            "title: Riverbend Pelvic Therapy\nbase_url: https://riverbend.example\nposts_per_page: 2\ntranslations:\n  es:\n    title: Riverbend en español\n",
        ),
    ];
    for (what, rel, text) in edits {
        p.save(rel, text).unwrap();
        assert_same_as_fresh(&p, what);
    }
    p.delete("content/posts/gentle-core-work.es.md").unwrap();
    assert_same_as_fresh(&p, "deleting a translation");
}

#[test]
fn a_changed_template_is_compiled_again_and_a_broken_one_is_reported_at_every_save() {
    const FOOTER: &str = "templates/partials/footer.html";
    let theirs = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/clinic/templates/partials/footer.html"),
    )
    .unwrap();
    let mut p = Preview::new();
    let marked = theirs.replace(
        "<footer class=\"site-footer\">",
        "<footer class=\"site-footer\"><p>Open late on Thursdays</p>",
    );
    assert_ne!(
        marked, theirs,
        "the theme's footer has the tag this test marks"
    );
    p.save(FOOTER, &marked).unwrap();
    assert!(p.page("index.html").contains("Open late on Thursdays"));
    assert_same_as_fresh(&p, "the site's own footer");

    let broken = marked.replace("{%- endif %}", "{%- endiff %}");
    for (rel, text) in [
        (FOOTER, broken.as_str()),
        (GENTLE, &gentle("Breathing first, then a bridge.")),
    ] {
        let err = p
            .save(rel, text)
            .expect_err("a broken template stops the preview");
        assert!(err.contains("footer.html"), "after saving {rel}: {err}");
    }

    p.save(FOOTER, &theirs).unwrap();
    assert!(!p.page("index.html").contains("Open late on Thursdays"));
    assert_same_as_fresh(&p, "the footer put back");
}

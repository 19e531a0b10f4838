//! Mistakes in translations, each reported with its file and line (exact
//! text), the warnings about missing theme text, and `gait check
//! --translations`.

use crate::common::Site;

#[test]
fn a_language_the_site_does_not_have_fails_with_file_and_line() {
    let site = Site::fixture("basic");
    site.write(
        "content/posts/hip-pain-at-night.fr.md",
        "---\ntitle: Douleur à la hanche\ndate: 2021-01-01\nauthor: sam-lee\n---\nTexte.\n",
    );
    site.write(
        "content/posts/gentle-core-work.en.md",
        "---\ntitle: Gentle\ndate: 2021-01-01\nauthor: sam-lee\n---\nText.\n",
    );
    site.build(&[]).expect_code(1).expect_stderr(&[
        "error: content/posts/gentle-core-work.en.md:1: `en` in the file name is the site's default language",
        "  help: a file in the default language has no language in its name: rename it `gentle-core-work.md`",
        "error: content/posts/hip-pain-at-night.fr.md:1: `fr` in the file name is not one of the site's languages (en)",
        "  help: add `fr:` under `translations:` in site.yaml, or rename the file",
        "2 errors in 2 files",
        "Nothing was written: the output folder is unchanged.",
    ]);
    assert!(!site.public().exists());
}

#[test]
fn a_dotted_name_that_is_no_language_stays_a_name() {
    let site = Site::fixture("basic");
    site.write(
        "content/posts/node.js.md",
        "---\ntitle: Node\ndate: 2021-01-01\nauthor: sam-lee\n---\nText.\n",
    );
    site.build_ok(&[]);
    assert!(site.out_exists("posts/node-js/index.html"));
}

#[test]
fn bad_translations_in_site_yaml_are_located() {
    let site = Site::fixture("basic");
    let yaml = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        format!(
            "{yaml}translations:\n  es_MX:\n    title: X\n  en:\n    title: Y\n  es:\n    title: Z\n    nav:\n      - title: Inicio\n        url: javascript:alert(1)\n"
        ),
    );
    site.build(&[]).expect_code(1).expect_stderr(&[
        "error: site.yaml:13: `es_MX` is not a language tag",
        "    13 |   es_MX:",
        "  help: write a tag like `es` or `pt-BR`",
        "error: site.yaml:15: `en` is the site's own language (`language: en`)",
        "    15 |   en:",
        "  help: list each other language once under `translations:`",
        "error: site.yaml:19: `javascript:alert(1)` is not a link readers can safely follow",
        "    19 |     nav:",
        "  help: write a web address like https://example.com/book (or mailto:, tel:, or a path like /contact/)",
        "3 errors in 1 file",
        "Nothing was written: the output folder is unchanged.",
    ]);
    site.write(
        "site.yaml",
        format!("{yaml}translations:\n  es:\n    titel: Z\n"),
    );
    site.build(&[]).expect_code(1).expect_stderr(&[
        "error: site.yaml:14:5: unknown key `titel` (in `translations`, `es`)",
        "    14 |     titel: Z",
        "  help: did you mean `title`? Known keys: `title`, `description`, `nav`, `callouts`, `finder`, `disclaimer`, `extra`. Put anything custom under `extra:`",
        "1 error in 1 file",
        "Nothing was written: the output folder is unchanged.",
    ]);
    site.write(
        "site.yaml",
        format!(
            "{yaml}translations:\n  es:\n    nav:\n      - title: Inicio\n        url: /es/nada/\n"
        ),
    );
    site.build(&[]).expect_code(1).expect_stderr(&[
        "error: site.yaml: the link `/es/nada/` points to nothing on this site",
        "  help: check the address in `nav` or `callouts`",
        "1 error in 1 file",
        "Nothing was written: the output folder is unchanged.",
    ]);
}

#[test]
fn a_translation_may_change_words_only_and_needs_its_original() {
    let site = Site::fixture("translations");
    site.write(
        "content/authors/sam-lee.es.md",
        "---\nrole: Fisioterapeuta\ncredentials: DPT\n---\nBio.\n",
    );
    site.write("content/authors/nadie.es.md", "---\nrole: X\n---\nBio.\n");
    site.write("content/clinics/hillcrest.es.md", "---\ncity: Salem\n---\n");
    site.build(&[]).expect_code(1).expect_stderr(&[
        "error: content/authors/sam-lee.es.md:3: `credentials` cannot be translated: it comes from content/authors/sam-lee.md",
        "     3 | credentials: DPT",
        "  help: remove it here; a translation only changes words (see docs/site-format.md, \"Translations\")",
        "error: content/clinics/hillcrest.es.md:2: `city` cannot be translated: it comes from content/clinics/hillcrest.md",
        "     2 | city: Salem",
        "  help: remove it here; a translation only changes words (see docs/site-format.md, \"Translations\")",
        "error: content/authors/nadie.es.md: there is no content/authors/nadie.md for this translation",
        "  help: a translated author file needs the original it translates; known authors: `dana-reyes`, `sam-lee`",
        "3 errors in 3 files",
        "Nothing was written: the output folder is unchanged.",
    ]);
    site.remove("content/authors/nadie.es.md");
    site.remove("content/clinics/hillcrest.es.md");
    site.write(
        "content/authors/sam-lee.es.md",
        "---\nrole: Fisioterapeuta\nspecialties: [dolor de espalda, correr]\n---\nBio.\n",
    );
    site.build(&[]).expect_code(1).expect_stderr(&[
        "error: content/authors/sam-lee.es.md:3: `specialties` has 2 entries, but content/authors/sam-lee.md has 1",
        "     3 | specialties: [dolor de espalda, correr]",
        "  help: translate each entry of the original's `specialties`, in the same order (the finder filters by the original's)",
        "1 error in 1 file",
        "Nothing was written: the output folder is unchanged.",
    ]);
}

#[test]
fn two_posts_of_one_language_cannot_share_a_slug() {
    let site = Site::fixture("translations");
    site.write(
        "content/posts/otra.es.md",
        "---\ntitle: Otra\ndate: 2021-06-01\nauthor: sam-lee\nslug: solo-en-espanol\n---\nTexto.\n",
    );
    let run = site.build(&[]);
    run.expect_code(1);
    assert_eq!(
        run.stderr_lines()[0],
        "error: content/posts/solo-en-espanol.es.md: the slug `solo-en-espanol` is also used by content/posts/otra.es.md"
    );
}

#[test]
fn missing_theme_text_falls_back_to_english_with_a_warning() {
    let site = Site::fixture("translations");
    let yaml = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        yaml.replace(
            "translations:\n",
            "translations:\n  fr:\n    title: Riverbend\n",
        ),
    );
    site.write(
        "i18n/fr.yaml",
        "language_name: Français\nhome: Accueil\nmin_read: min de lecture\npage_n: Page\nmnis_read: x\n",
    );
    site.write("i18n/es.yaml", "min_read: minutos de lectura\n");
    let run = site.build_ok(&[]);
    run.expect_stderr(&[
        "warning: i18n/fr.yaml: no text for `about_location`, `accepting`, `accepting_short`, `all_topics_and_tags`, `and`, `any_language`, `any_specialty`, `any_state` and 198 more: the English text is shown",
        "  help: add these keys, translated (see the theme's en.yaml)",
        "warning: i18n/fr.yaml: the placeholders of `page_n` differ from English",
        "  help: keep each `{name}` of the English text, translated around it",
        "warning: i18n/fr.yaml: unknown key `mnis_read`: nothing shows it",
        "  help: did you mean `min_read`?",
    ]);
    // The site's own word wins over the theme's; the rest stay the theme's.
    let es = site.read_out("es/index.html");
    assert!(es.contains("1 minutos de lectura"), "{es}");
    assert!(es.contains("Saltar al contenido principal"));
    let fr = site.read_out("fr/index.html");
    assert!(fr.contains("<html lang=\"fr\">"));
    assert!(
        fr.contains(">Accueil</a>"),
        "a French word (the theme's menu)"
    );
    assert!(
        fr.contains("Skip to main content"),
        "English where French has none"
    );
}

#[test]
fn a_language_without_text_files_is_shown_in_english_with_one_warning() {
    let site = Site::fixture("basic");
    let yaml = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    site.write("site.yaml", format!("{yaml}translations:\n  de: {{}}\n"));
    site.build_ok(&[]).expect_stderr(&[
        "warning: i18n/de.yaml: the theme has no text in `de`: its pages show the English text",
        "  help: copy the theme's i18n/en.yaml to i18n/de.yaml in the site and translate it",
    ]);
    assert!(
        site.read_out("de/index.html")
            .contains("<html lang=\"de\">")
    );
}

#[test]
fn check_lists_missing_and_older_translations() {
    let site = Site::fixture("translations");
    let run = site.run(&["check", "--translations"]);
    run.expect_success();
    assert_eq!(
        run.stdout,
        "Checked 6 posts and 44 pages: no errors\n\
Translations (a translation is older than its original when its `updated`, or its `date` without one, comes first):\n  \
es: 1 post has no translation:\n    \
content/posts/gentle-core-work.md\n  \
es: 1 translation is older than its original:\n    \
content/posts/hip-pain-at-night.es.md (2021-03-02) is older than content/posts/hip-pain-at-night.md (2021-03-10)\n"
    );
    let one = Site::fixture("basic");
    let run = one.run(&["check", "--translations"]);
    assert!(
        run.stdout.ends_with(
            "Translations: the site has one language (en); add others under `translations:` in site.yaml\n"
        ),
        "{}",
        run.stdout
    );
}

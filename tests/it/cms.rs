//! `gait cms init` and the config drift that `gait check` reports, run with
//! the real binary on fixture sites.

use crate::common::{Site, gait_in, repo_root};
use crate::serve_support::Server;

const CONFIG: &str = "static/admin/config.yml";

fn read(site: &Site, rel: &str) -> String {
    std::fs::read_to_string(site.path(rel)).unwrap()
}

#[test]
fn cms_init_writes_the_admin_and_the_site_still_checks_and_builds() {
    let site = Site::fixture("cms");
    let run = site.run(&["cms", "init", "--repo", "harbor-light/website"]);
    run.expect_success();
    assert_eq!(
        run.stdout.lines().collect::<Vec<_>>(),
        [
            "Wrote static/admin/index.html and static/admin/config.yml.",
            "Moved the list in data/referrals.yaml under a `referrals:` key, which Decap CMS can edit (the entries are unchanged).",
            "Edit on this computer: run `npx decap-server` and `gait serve`, then open /admin/ (see docs/editing-in-the-browser.md).",
        ]
    );
    let config = read(&site, CONFIG);
    assert!(config.contains(
        "backend:\n  name: github\n  repo: harbor-light/website\n  branch: main\nlocal_backend: true\nsite_url: https://harborlight.example\n"
    ));
    assert!(config.contains(
        "hint: 'Separate with commas. Used so far: bladder control, breathing, core, prostate.'\n"
    ));
    assert!(read(&site, "data/referrals.yaml").starts_with(
        "# Therapists we refer to outside Tacoma (fictional).\nreferrals:\n  - name: Iris Calder\n    credentials: DPT\n"
    ));
    site.run(&["check"]).expect_success();
    site.build_ok(&[]);
    assert!(
        site.read_out("admin/index.html")
            .contains("decap-cms@3.16.3")
    );
    assert!(site.out_exists("admin/config.yml"));
    // The referral moved under the key is still in the finder.
    assert!(
        site.read_out("find-a-therapist/index.html")
            .contains("Iris Calder")
    );
}

#[test]
fn cms_init_refuses_to_overwrite_and_force_keeps_the_backend() {
    let site = Site::fixture("cms");
    site.run(&["cms", "init"]).expect_success();
    site.run(&["cms", "init"])
        .expect_code(1)
        .expect_stderr(&[
            "error: static/admin/config.yml: this file already exists",
            "  help: run `gait cms init --force` to write the admin again (config.yml keeps its `backend` settings)",
            "1 error in 1 file",
            "Nothing was written: the site's files are unchanged.",
        ]);
    // The user's own backend and a config that drifted from the model.
    let ours = "backend:\n  name: gitlab # self-hosted\n  repo: harbor/site\n  api_root: https://git.harborlight.example/api/v4\n";
    let config = read(&site, CONFIG);
    let start = config.find("backend:").unwrap();
    let end = config.find("local_backend:").unwrap();
    let drifted = format!("{}{ours}{}", &config[..start], &config[end..]).replace(
        "    name: summary\n    widget: text\n    required: false\n",
        "    name: summary\n    widget: text\n",
    );
    std::fs::write(site.path(CONFIG), &drifted).unwrap();
    assert_eq!(site.run(&["check"]).code, 1);
    let run = site.run(&["cms", "init", "--force"]);
    run.expect_success();
    assert!(
        run.stdout
            .contains("Kept the `backend` settings of the old config.yml.")
    );
    let again = read(&site, CONFIG);
    assert!(again.contains(&format!(
        "# `backend` and `local_backend` settings below.\n{ours}local_backend: true\n"
    )));
    site.run(&["check"]).expect_success();
}

#[test]
fn check_names_config_yml_and_a_removed_field() {
    let site = Site::fixture("cms");
    site.run(&["cms", "init"]).expect_success();
    let config = read(&site, CONFIG);
    let start = config.find("  - label: Author\n").unwrap();
    let end = config.find("  - label: Clinic\n").unwrap();
    let without = format!("{}{}", &config[..start], &config[end..]);
    let line = without[..start].lines().count()
        - without[..start]
            .lines()
            .rev()
            .position(|l| l == "  fields:")
            .unwrap();
    std::fs::write(site.path(CONFIG), without).unwrap();
    site.run(&["check"]).expect_code(1).expect_stderr(&[
        &format!("error: static/admin/config.yml:{line}: the posts collection has no field for `author`"),
        &format!("  {line:>4} |   fields:"),
        "  help: add it back, or run `gait cms init --force` to write config.yml again from gait's model (your backend settings are kept)",
        "1 error in 1 file",
    ]);
}

#[test]
fn check_reports_config_drift_together_with_content_errors() {
    let site = Site::fixture("cms");
    site.run(&["cms", "init"]).expect_success();
    // The first relation to the authors is the post's `author`.
    let config =
        read(&site, CONFIG).replacen("    collection: authors\n", "    collection: clinics\n", 1);
    std::fs::write(site.path(CONFIG), &config).unwrap();
    let line = config
        .lines()
        .position(|l| l == "    name: author")
        .unwrap()
        + 1;
    site.write(
        "data/referrals.yaml",
        "- name: Iris Calder\n  city: Hood River\n  state: OR\n",
    );
    site.write("content/posts/broken.md", "---\ntitle: Broken\n---\n");
    let run = site.run(&["check"]);
    run.expect_code(1);
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("error:"))
        .collect();
    assert_eq!(
        errors,
        [
            "error: content/posts/broken.md: the required key `date` is missing",
            "error: data/referrals.yaml:1: this file is a plain list, which Decap CMS cannot edit: it would show no therapists, and saving would replace them",
            &format!(
                "error: static/admin/config.yml:{line}: `author` in the posts collection picks from `clinics`, but it should pick from the authors collection"
            ),
        ]
    );
    assert!(run.stderr.contains(
        "  help: put the list under a `referrals:` key (`gait cms init --force` does it for you)\n"
    ));
    assert!(run.stderr.contains("  help: write `collection: authors`\n"));
}

#[test]
fn cms_init_on_a_new_site_and_bad_command_lines() {
    let tmp = tempfile::tempdir().unwrap();
    gait_in(tmp.path(), &["init", "site"]).expect_success();
    let root = tmp.path().join("site");
    gait_in(&root, &["cms", "init", "--branch", "trunk"]).expect_success();
    let config = std::fs::read_to_string(root.join(CONFIG)).unwrap();
    assert!(config.contains("backend:\n  name: github\n  repo: OWNER/NAME\n  branch: trunk\n"));
    gait_in(&root, &["check"]).expect_success();
    let bad = gait_in(&root, &["cms", "init", "--repo", "not a repo"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(
        bad.stderr
            .contains("write the GitHub repository as OWNER/NAME, like kestrel-clinic/website")
    );
    let empty = tempfile::tempdir().unwrap();
    let run = gait_in(empty.path(), &["cms", "init"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("site.yaml"), "{}", run.stderr);
}

#[test]
fn gait_serve_serves_the_admin_at_admin() {
    let site = Site::fixture("cms");
    site.run(&["cms", "init"]).expect_success();
    let server = Server::start(&site.root, &["--port", "0"]);
    let page = server.get("/admin/");
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains("<meta name=\"gait-live-reload\" content=\"off\">")
    );
    let config = server.get("/admin/config.yml");
    assert_eq!(config.status, 200);
    assert!(config.body.contains("name: posts"));
}

/// The Decap CMS that the admin page loads is the one the tests run.
#[test]
fn the_admin_page_pins_the_decap_release_the_tests_install() {
    use gait::cms::admin_page::DECAP_VERSION;
    let package = std::fs::read_to_string(repo_root().join("tests/tools/package.json")).unwrap();
    assert!(
        package.contains(&format!("\"decap-cms\": \"{DECAP_VERSION}\"")),
        "tests/tools/package.json pins another decap-cms than {DECAP_VERSION}"
    );
}

/// The integrity hash in the page is that of the installed release's script.
#[test]
#[cfg_attr(
    gait_missing_decap,
    ignore = "needs chromium, chromedriver and tests/tools/node_modules: apt-get install chromium chromium-driver nodejs npm && npm ci --prefix tests/tools"
)]
fn the_integrity_hash_matches_the_installed_decap_script() {
    use gait::cms::admin_page::DECAP_SRI;
    let script = repo_root().join("tests/tools/node_modules/decap-cms/dist/decap-cms.js");
    let out = std::process::Command::new("node")
        .arg("-e")
        .arg("const c = require('crypto'); process.stdout.write('sha384-' + c.createHash('sha384').update(require('fs').readFileSync(process.argv[1])).digest('base64'));")
        .arg(&script)
        .output()
        .expect("run node");
    assert_eq!(String::from_utf8_lossy(&out.stdout), DECAP_SRI);
}

#[test]
fn cms_init_leaves_everything_when_the_referral_list_cannot_be_moved() {
    let site = Site::fixture("cms");
    let text = format!("---\n{}", read(&site, "data/referrals.yaml"));
    site.write("data/referrals.yaml", &text);
    site.run(&["cms", "init"]).expect_code(1).expect_stderr(&[
        "error: data/referrals.yaml: this list cannot be moved under a `referrals:` key for Decap CMS: it has `---` or `...` document markers",
        "  help: put `referrals:` on the first line and indent the list below it by two spaces, then run the command again",
        "1 error in 1 file",
        "Nothing was written: the site's files are unchanged.",
    ]);
    assert!(!site.path("static/admin").exists());
    assert_eq!(read(&site, "data/referrals.yaml"), text);
}

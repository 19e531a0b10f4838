//! `_redirects`, `_headers` and `.htaccess` on a fixture site, exactly;
//! `host_files: false`; names that the host files reserve; `timezone`;
//! `gait init --ci github`.

use crate::common::{Site, gait_in};

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self'; media-src 'self'; font-src 'self'; connect-src 'self'; frame-src 'none'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";
const PERMISSIONS: &str = "accelerometer=(), camera=(), geolocation=(self), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

#[test]
fn host_files_of_a_fixture_site() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    assert_eq!(
        site.read_out("_redirects"),
        "# Old addresses, moved for good (written by gait).\n/2019/04/running-after-birth/ /posts/running-after-birth/ 301\n"
    );
    // The security headers for every path, five minutes of caching for
    // everything but the fingerprinted assets, a year for those.
    let short = |path: &str| format!("{path}\n  Cache-Control: public, max-age=300\n");
    let year =
        |path: &str| format!("{path}\n  Cache-Control: public, max-age=31536000, immutable\n");
    let mut want = format!(
        "# Response headers (written by gait).\n/*\n  Content-Security-Policy: {CSP}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n  Permissions-Policy: {PERMISSIONS}\n"
    );
    let plain = [
        "/",
        "/.htaccess",
        "/404.html",
        "/_headers",
        "/_redirects",
        "/feed.xml",
        "/index.html",
        "/robots.txt",
        "/sitemap.xml",
        "/2019/*",
        "/about/*",
        "/authors/*",
        "/categories/*",
        "/clinics/*",
        "/css/finder.css",
        "/css/highlight.css",
        "/css/search.css",
        "/css/style.css",
        "/find-a-therapist/*",
        "/finder/*",
        "/images/*",
        "/js/finder.js",
        "/js/search.js",
        "/js/video.js",
        "/page/*",
        "/posts/*",
        "/search/*",
        "/tags/*",
    ];
    for p in plain {
        want.push_str(&format!("\n{}", short(p)));
    }
    for p in [
        "/css/finder.HASH.css",
        "/css/highlight.HASH.css",
        "/css/search.HASH.css",
        "/css/style.HASH.css",
        "/js/finder.HASH.js",
        "/js/search.HASH.js",
        "/js/video.HASH.js",
    ] {
        want.push_str(&format!("\n{}", year(p)));
    }
    assert_eq!(without_hashes(&site.read_out("_headers")), want);
    assert_eq!(
        without_hashes(&site.read_out(".htaccess"))
            .lines()
            .collect::<Vec<_>>(),
        [
            "# Apache settings (written by gait): the 404 page, old addresses, headers.",
            "ErrorDocument 404 /404.html",
            "",
            "Redirect 301 /2019/04/running-after-birth/ /posts/running-after-birth/",
            "",
            "<IfModule mod_headers.c>",
            &format!("  Header always set Content-Security-Policy \"{CSP}\""),
            "  Header always set X-Content-Type-Options \"nosniff\"",
            "  Header always set Referrer-Policy \"strict-origin-when-cross-origin\"",
            &format!("  Header always set Permissions-Policy \"{PERMISSIONS}\""),
            "  Header set Cache-Control \"public, max-age=300\"",
            "  <FilesMatch \"^(finder\\.HASH\\.css|finder\\.HASH\\.js|highlight\\.HASH\\.css|search\\.HASH\\.css|search\\.HASH\\.js|style\\.HASH\\.css|video\\.HASH\\.js)$\">",
            "    Header set Cache-Control \"public, max-age=31536000, immutable\"",
            "  </FilesMatch>",
            "</IfModule>",
        ]
    );
    // The meta-refresh page stays, for hosts that read none of these.
    assert!(
        site.read_out("2019/04/running-after-birth/index.html")
            .contains("http-equiv=\"refresh\"")
    );
}

/// `text` with each fingerprint (ten hex digits between dots) written `HASH`.
fn without_hashes(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('.') {
        out.push_str(&rest[..=i]);
        rest = &rest[i + 1..];
        let hex = rest
            .get(..10)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
        let dot = matches!(rest.get(10..11), Some(".") | Some("\\"));
        if let (Some(_), true) = (hex, dot) {
            out.push_str("HASH");
            rest = &rest[10..];
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn base_path_and_other_sites_loaded_in_posts() {
    let site = Site::fixture("basic");
    let yaml = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        yaml.replace(
            "https://riverbend.example",
            "https://riverbend.example/blog",
        ) + "third_party_allowed: [images.example.net, www.youtube-nocookie.com]\n",
    );
    let post = site.path("content/posts/gentle-core-work.md");
    let text = std::fs::read_to_string(&post).unwrap();
    std::fs::write(
        &post,
        text + "\n<iframe src=\"https://www.youtube-nocookie.com/embed/abc\" title=\"Breathing\"></iframe>\n\n![A chart](https://images.example.net/chart.png)\n\n![A pixel](https://tracker.example.com/p.gif)\n",
    )
    .unwrap();
    site.build_ok(&[]);
    assert_eq!(
        site.read_out("_redirects").lines().nth(1),
        Some("/blog/2019/04/running-after-birth/ /blog/posts/running-after-birth/ 301")
    );
    let headers = site.read_out("_headers");
    assert_eq!(headers.lines().nth(1), Some("/blog/*"));
    // The policy follows `third_party_allowed`: the tracker is not in it.
    assert!(
        headers.contains("; img-src 'self' https://images.example.net;"),
        "{headers}"
    );
    assert!(!headers.contains("tracker.example.com"), "{headers}");
    assert!(
        headers.contains("; frame-src 'self' https://www.youtube-nocookie.com;"),
        "{headers}"
    );
    assert!(
        site.read_out(".htaccess")
            .contains("\nErrorDocument 404 /blog/404.html\n")
    );
}

#[test]
fn host_files_can_be_turned_off() {
    let site = Site::fixture("basic");
    site.append("site.yaml", "host_files: false\n");
    site.write("static/_redirects", "/old /new 302\n");
    site.build_ok(&[]);
    assert!(!site.out_exists("_headers") && !site.out_exists(".htaccess"));
    // The site's own file is copied as it is.
    assert_eq!(site.read_out("_redirects"), "/old /new 302\n");
}

#[test]
fn names_the_host_files_take() {
    let site = Site::fixture("basic");
    site.write("static/_headers", "/*\n  X-Test: 1\n");
    let post = site.path("content/posts/gentle-core-work.md");
    let text = std::fs::read_to_string(&post).unwrap();
    std::fs::write(
        &post,
        text.replace("categories:", "aliases: [/_redirects]\ncategories:"),
    )
    .unwrap();
    let run = site.build(&[]);
    run.expect_code(1);
    run.expect_stderr(&[
        "error: content/posts/gentle-core-work.md:5: the address /_redirects is also used by the host files (gait makes it)",
        "     5 | aliases: [/_redirects]",
        "  help: an alias cannot take an address the site already uses: remove it from `aliases`, or correct it",
        "error: static/_headers: the address /_headers is also used by the host files (gait makes it)",
        "  help: remove this file, or set `host_files: false` in site.yaml to write your own",
        "2 errors in 2 files",
        "Nothing was written: the output folder is unchanged.",
    ]);
}

#[test]
fn a_bad_timezone_is_located_with_a_suggestion() {
    let site = Site::fixture("basic");
    site.append("site.yaml", "timezone: America/Chicgo\n");
    let run = site.build(&[]);
    run.expect_code(1);
    let line = std::fs::read_to_string(site.path("site.yaml"))
        .unwrap()
        .lines()
        .count();
    run.expect_stderr(&[
        &format!("error: site.yaml:{line}: `America/Chicgo` is not a time zone"),
        &format!("  {line:>4} | timezone: America/Chicgo"),
        "  help: did you mean `America/Chicago`? Use a name from the IANA time zone database, like America/Chicago",
        "1 error in 1 file",
        "Nothing was written: the output folder is unchanged.",
    ]);
}

#[test]
fn a_post_dated_today_on_the_clinic_clocks_is_published() {
    // A post dated the day after today in UTC is in the future everywhere
    // west of UTC+12... except where it is already that day. Pick the zone
    // where it is tomorrow now (UTC+14 is ahead of UTC by 14 hours).
    let site = Site::fixture("basic");
    let kiritimati: chrono_tz::Tz = "Pacific/Kiritimati".parse().unwrap();
    let today_there = chrono::Utc::now().with_timezone(&kiritimati).date_naive();
    let utc_before = chrono::Utc::now().date_naive();
    site.write(
        "content/posts/on-the-island.md",
        format!(
            "---\ntitle: Dated by the island's clock\ndate: {today_there}\nauthor: sam-lee\n---\n\nText.\n"
        ),
    );
    site.build_ok(&[]);
    let utc_after = chrono::Utc::now().date_naive();
    if utc_before == utc_after {
        assert_eq!(
            site.out_exists("posts/on-the-island/index.html"),
            today_there <= utc_after,
            "without a timezone, the date is a UTC day"
        );
    }
    site.append("site.yaml", "timezone: Pacific/Kiritimati\n");
    site.build_ok(&[]);
    assert!(site.out_exists("posts/on-the-island/index.html"));
}

#[test]
fn init_writes_a_github_workflow() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("clinic");
    let run = gait_in(tmp.path(), &["init", "clinic", "--ci", "github"]);
    run.expect_success();
    let workflow = std::fs::read_to_string(dir.join(".github/workflows/deploy.yml")).unwrap();
    assert!(
        workflow.contains("\n    - cron: \"15 0 * * *\"\n"),
        "{workflow}"
    );
    assert!(workflow.contains("\n        run: gait deploy\n"));
    // An existing site gets only the workflow, at midnight on its clocks.
    let yaml = std::fs::read_to_string(dir.join("site.yaml")).unwrap();
    std::fs::write(dir.join("site.yaml"), yaml + "timezone: America/Chicago\n").unwrap();
    std::fs::remove_file(dir.join(".github/workflows/deploy.yml")).unwrap();
    let run = gait_in(tmp.path(), &["init", "clinic", "--ci", "github"]);
    run.expect_success();
    assert_eq!(
        run.stdout.trim(),
        format!(
            "Wrote {}: add the secrets it names in the repository's settings, and set `deploy:` in site.yaml",
            std::path::Path::new("clinic/.github/workflows/deploy.yml").display()
        )
    );
    let workflow = std::fs::read_to_string(dir.join(".github/workflows/deploy.yml")).unwrap();
    assert!(
        workflow.contains("\n    - cron: \"15 6 * * *\"\n"),
        "{workflow}"
    );
    let again = gait_in(tmp.path(), &["init", "clinic", "--ci", "github"]);
    again.expect_code(1);
    assert_eq!(
        again.stderr.trim(),
        "error: clinic/.github/workflows/deploy.yml already exists; remove it first to write a new one"
    );
}

#[test]
fn more_aliases_than_cloudflare_reads_is_a_warning() {
    let site = Site::fixture("basic");
    // With the fixture's own alias, 2,002.
    let aliases: String = (0..2001).map(|i| format!("  - /old/{i}/\n")).collect();
    let post = site.path("content/posts/gentle-core-work.md");
    let text = std::fs::read_to_string(&post).unwrap();
    std::fs::write(
        &post,
        text.replace("categories:", &format!("aliases:\n{aliases}categories:")),
    )
    .unwrap();
    let run = site.build_ok(&[]);
    assert_eq!(
        run.stderr_lines()[..2],
        [
            "warning: content/posts: the posts have 2002 aliases, more than the 2000 redirects Cloudflare Pages reads from _redirects",
            "  help: on Cloudflare Pages the others still redirect through their meta-refresh pages, without a 301; a Bulk Redirect list takes more",
        ]
    );
    assert_eq!(site.read_out("_redirects").lines().count(), 1 + 2002);
}

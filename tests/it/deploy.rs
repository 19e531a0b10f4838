//! `gait deploy` against real servers on 127.0.0.1: moto's S3 server and
//! OpenSSH's sshd. The target must hold the build byte for byte, a deploy
//! with nothing changed must write nothing, an edit and a removal must
//! touch only what they change, and `--dry-run` must write nothing.

use std::collections::BTreeMap;

use crate::common::Site;
use crate::deploy_support::{Moto, Sshd, changes, deploy, stamps, tree};

const MANIFEST: &str = ".gait-deploy.json";
const CREDENTIALS: [(&str, &str); 2] = [
    ("AWS_ACCESS_KEY_ID", "testing"),
    ("AWS_SECRET_ACCESS_KEY", "testing"),
];

fn with_deploy(site: &Site, section: &str) {
    site.append("site.yaml", &format!("\ndeploy:\n{section}"));
}

/// The target's files without gait's manifest.
fn without_manifest(mut files: BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    assert!(
        files.remove(MANIFEST).is_some(),
        "no manifest at the target"
    );
    files
}

/// Edit one post's text and remove another.
fn edit_and_remove(site: &Site) {
    let post = site.path("content/posts/hip-pain-at-night.md");
    let text = std::fs::read_to_string(&post).unwrap();
    std::fs::write(
        &post,
        text + "\nOne more sentence about sleeping positions.\n",
    )
    .unwrap();
    site.remove("content/posts/gentle-core-work.md");
}

fn s3_site(moto: &Moto) -> Site {
    moto.create_bucket("clinic-site");
    let site = Site::fixture("basic");
    with_deploy(
        &site,
        &format!(
            "  target: s3://clinic-site/www\n  endpoint: {}\n  region: us-east-1\n",
            moto.endpoint()
        ),
    );
    site
}

#[test]
#[cfg_attr(
    gait_missing_moto,
    ignore = "needs moto's S3 server: python3 -m venv tests/tools/venv && tests/tools/venv/bin/pip install -r tests/tools/requirements.txt"
)]
fn s3_holds_the_build_and_gets_only_what_changed() {
    let moto = Moto::start();
    let site = s3_site(&moto);

    moto.reset();
    let dry = deploy(&site.root, &["--dry-run"], &CREDENTIALS);
    dry.expect_success();
    assert!(
        dry.stdout.contains("upload index.html (new, "),
        "{}",
        dry.stdout
    );
    assert!(
        dry.stdout.contains("Nothing was written."),
        "{}",
        dry.stdout
    );
    assert_eq!(moto.writes("clinic-site", "www"), (vec![], vec![]));
    assert!(moto.keys("clinic-site", "www").is_empty());

    moto.reset();
    let first = deploy(&site.root, &[], &CREDENTIALS);
    first.expect_success();
    let built = tree(&site.public());
    assert_eq!(without_manifest(moto.objects("clinic-site", "www")), built);
    assert!(first.stdout.contains(&format!(
        "Deployed to s3://clinic-site/www: uploaded {} files",
        built.len()
    )));
    // Every page went up after every other file.
    let puts: Vec<String> = moto
        .requests()
        .into_iter()
        .filter(|(m, _, _)| m == "PUT")
        .map(|(_, u, _)| u)
        .filter(|u| !u.ends_with(MANIFEST))
        .collect();
    let first_page = puts.iter().position(|u| u.ends_with(".html")).unwrap();
    assert!(puts[first_page..].iter().all(|u| u.ends_with(".html")));
    for (key, content_type) in [
        ("index.html", "text/html; charset=utf-8"),
        ("posts/bladder-diary/chart.svg", "image/svg+xml"),
        ("feed.xml", "application/atom+xml"),
        ("css/style.css", "text/css; charset=utf-8"),
        ("js/search.js", "text/javascript; charset=utf-8"),
        ("sitemap.xml", "application/xml"),
    ] {
        let r = moto.get("clinic-site", &format!("www/{key}"));
        assert_eq!(r.header("content-type"), Some(content_type), "{key}");
        assert_eq!(
            r.header("cache-control"),
            Some("public, max-age=300"),
            "{key}"
        );
    }
    // The theme's files under content-hashed names are kept for a year.
    let hashed: Vec<&String> = built
        .keys()
        .filter(|k| k.starts_with("css/style.") && *k != "css/style.css")
        .collect();
    assert_eq!(hashed.len(), 1, "{hashed:?}");
    let r = moto.get("clinic-site", &format!("www/{}", hashed[0]));
    assert_eq!(r.header("content-type"), Some("text/css; charset=utf-8"));
    assert_eq!(
        r.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );

    moto.reset();
    let again = deploy(&site.root, &[], &CREDENTIALS);
    again.expect_success();
    assert_eq!(
        again.stdout.lines().last(),
        Some(
            format!(
                "Nothing to deploy: s3://clinic-site/www already holds this build ({} files).",
                built.len()
            )
            .as_str()
        )
    );
    assert_eq!(moto.writes("clinic-site", "www"), (vec![], vec![]));

    edit_and_remove(&site);
    moto.reset();
    deploy(&site.root, &[], &CREDENTIALS).expect_success();
    let rebuilt = tree(&site.public());
    let (mut changed, removed) = changes(&built, &rebuilt);
    assert!(changed.contains(&"posts/hip-pain-at-night/index.html".to_string()));
    assert!(removed.contains(&"posts/gentle-core-work/index.html".to_string()));
    changed.push(MANIFEST.to_string());
    changed.sort();
    assert_eq!(moto.writes("clinic-site", "www"), (changed, removed));
    assert_eq!(
        without_manifest(moto.objects("clinic-site", "www")),
        rebuilt
    );
}

#[test]
#[cfg_attr(
    gait_missing_moto,
    ignore = "needs moto's S3 server: python3 -m venv tests/tools/venv && tests/tools/venv/bin/pip install -r tests/tools/requirements.txt"
)]
fn s3_deploy_that_would_delete_too_much_writes_nothing() {
    let moto = Moto::start();
    let site = s3_site(&moto);
    deploy(&site.root, &[], &CREDENTIALS).expect_success();
    let built = tree(&site.public());
    site.remove("content/posts/gentle-core-work.md");
    moto.reset();
    let run = deploy(&site.root, &["--max-deletes", "1"], &CREDENTIALS);
    run.expect_code(1);
    let (_, removed) = changes(&built, &tree(&site.public()));
    assert!(removed.len() > 1);
    let n = removed.len();
    assert_eq!(
        run.stderr.lines().rev().take(2).collect::<Vec<_>>(),
        [
            format!(
                "  help: check that the target and the build are the right ones; if so, run again with --max-deletes {n}"
            ),
            format!(
                "error: the deploy would delete {n} files at s3://clinic-site/www, more than --max-deletes 1; nothing was written"
            ),
        ],
        "{}",
        run.stderr
    );
    assert_eq!(moto.writes("clinic-site", "www"), (vec![], vec![]));
}

fn sftp_site(sshd: &Sshd, known_hosts: &std::path::Path) -> (Site, std::path::PathBuf) {
    let www = sshd.dir.path().join("www");
    let site = Site::fixture("basic");
    with_deploy(
        &site,
        &format!(
            "  target: sftp://{}@127.0.0.1:{}{}\n  identity: {}\n  known_hosts: {}\n",
            sshd.user,
            sshd.port,
            www.display(),
            sshd.identity.display(),
            known_hosts.display()
        ),
    );
    (site, www)
}

#[test]
#[cfg_attr(
    gait_missing_sshd,
    ignore = "needs sshd: apt-get install openssh-server"
)]
fn sftp_holds_the_build_and_gets_only_what_changed() {
    let sshd = Sshd::start();
    let (site, www) = sftp_site(&sshd, &sshd.known_hosts);

    let dry = deploy(&site.root, &["--dry-run"], &[]);
    dry.expect_success();
    assert!(
        dry.stdout.contains("Nothing was written."),
        "{}",
        dry.stdout
    );
    assert!(!www.exists());

    deploy(&site.root, &[], &[]).expect_success();
    let built = tree(&site.public());
    assert_eq!(without_manifest(tree(&www)), built);

    let before = stamps(&www);
    let again = deploy(&site.root, &[], &[]);
    again.expect_success();
    assert!(
        again.stdout.contains("Nothing to deploy: sftp://"),
        "{}",
        again.stdout
    );
    assert_eq!(stamps(&www), before);

    edit_and_remove(&site);
    deploy(&site.root, &[], &[]).expect_success();
    let rebuilt = tree(&site.public());
    assert_eq!(without_manifest(tree(&www)), rebuilt);
    let after = stamps(&www);
    let written: Vec<String> = after
        .iter()
        .filter(|(f, s)| before.get(*f) != Some(*s))
        .map(|(f, _)| f.clone())
        .collect();
    let (mut changed, removed) = changes(&built, &rebuilt);
    changed.push(MANIFEST.to_string());
    changed.sort();
    assert_eq!(written, changed);
    assert!(removed.iter().all(|f| !www.join(f).exists()));
    // The removed post's folder went with it.
    assert!(!www.join("posts/gentle-core-work").exists());
}

#[test]
#[cfg_attr(
    gait_missing_sshd,
    ignore = "needs sshd: apt-get install openssh-server"
)]
fn sftp_refuses_an_unknown_or_changed_host_key() {
    let sshd = Sshd::start();
    let other = sshd.dir.path().join("other_key");
    let status = std::process::Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(&other)
        .status()
        .unwrap();
    assert!(status.success());
    let wrong = sshd.dir.path().join("known_hosts_wrong");
    let other_pub = std::fs::read_to_string(other.with_extension("pub")).unwrap();
    std::fs::write(&wrong, format!("[127.0.0.1]:{} {other_pub}", sshd.port)).unwrap();
    let (site, www) = sftp_site(&sshd, &wrong);
    let run = deploy(&site.root, &[], &[]);
    run.expect_code(1);
    let name = format!("[127.0.0.1]:{}", sshd.port);
    let file = wrong.display();
    assert_eq!(
        run.stderr.lines().rev().take(2).collect::<Vec<_>>(),
        [
            format!(
                "  help: ask your host whether they changed the key; only if they did, remove the old line with `ssh-keygen -f {file} -R '{name}'` and add the new key"
            ),
            format!(
                "error: the host key of {name} does not match line 1 of {file}: the server's key changed, or someone is in between (the server's key now: {})",
                sshd.fingerprint()
            ),
        ]
    );
    assert!(
        !www.exists(),
        "nothing may be written to an unverified server"
    );

    let empty = sshd.dir.path().join("known_hosts_empty");
    std::fs::write(&empty, "").unwrap();
    let (site, www) = sftp_site(&sshd, &empty);
    let run = deploy(&site.root, &[], &[]);
    run.expect_code(1);
    let file = empty.display();
    assert_eq!(
        run.stderr.lines().rev().take(2).collect::<Vec<_>>(),
        [
            format!(
                "  help: compare that fingerprint with the one your host publishes, then add the key: `ssh-keyscan -p {} 127.0.0.1 >> {file}` (or log in once with ssh)",
                sshd.port
            ),
            format!(
                "error: the host key of {name} is not in {file}, so gait cannot tell that it is talking to your server (the server's key: {})",
                sshd.fingerprint()
            ),
        ]
    );
    assert!(!www.exists());
}

#[test]
#[cfg_attr(
    gait_missing_sshd,
    ignore = "needs sshd: apt-get install openssh-server"
)]
fn sftp_failed_deploy_says_what_was_published_and_a_rerun_finishes() {
    let sshd = Sshd::start();
    let (site, www) = sftp_site(&sshd, &sshd.known_hosts);
    // A file where the stylesheets' folder must go.
    std::fs::create_dir_all(&www).unwrap();
    std::fs::write(www.join("css"), "in the way").unwrap();
    let run = deploy(&site.root, &[], &[]);
    run.expect_code(1);
    let built = tree(&site.public());
    let css: Vec<&String> = built.keys().filter(|f| f.starts_with("css/")).collect();
    let pages = built.keys().filter(|f| f.ends_with(".html")).count();
    let others = built.len() - pages - css.len();
    let target = format!(
        "sftp://{}@127.0.0.1:{}{}",
        sshd.user,
        sshd.port,
        www.display()
    );
    let lines: Vec<&str> = run.stderr.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("error: the deploy to"))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    assert_eq!(
        lines[at],
        format!("error: the deploy to {target} did not finish")
    );
    assert_eq!(
        lines[at + 1],
        format!(
            "{} files of {} could not be uploaded:",
            css.len(),
            built.len()
        )
    );
    assert_eq!(
        lines[at + 2],
        format!(
            "  {}: cannot create the folder {}/css: Failure: Failure",
            css[0],
            www.display()
        )
    );
    assert_eq!(
        lines[lines.len() - 2],
        format!(
            "Published: {others} files. Not published: {} files; {pages} pages held back so that no page goes up before the files it uses.",
            css.len()
        )
    );
    assert_eq!(
        lines[lines.len() - 1],
        "  help: fix the cause and run gait deploy again: it sends only what the target still lacks"
    );
    assert!(
        !www.join("index.html").exists(),
        "a page went up before its stylesheet"
    );

    std::fs::remove_file(www.join("css")).unwrap();
    let rerun = deploy(&site.root, &[], &[]);
    rerun.expect_success();
    assert!(
        rerun.stdout.contains(&format!(
            "Deployed to {target}: uploaded {} files",
            css.len() + pages
        )),
        "{}",
        rerun.stdout
    );
    assert_eq!(without_manifest(tree(&www)), built);
}

#[test]
fn deploy_settings_errors() {
    let site = Site::fixture("basic");
    with_deploy(
        &site,
        "  target: ftp://files.example.org/www\n  regoin: us-east-1\n",
    );
    let run = site.build(&[]);
    run.expect_code(1);
    let yaml = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    let line = yaml.lines().position(|l| l.contains("regoin")).unwrap() + 1;
    assert_eq!(
        run.stderr_lines()[..3],
        [
            format!("error: site.yaml:{line}:3: unknown key `regoin` (in `deploy`)"),
            format!("  {line:>4} |   regoin: us-east-1"),
            "  help: did you mean `region`? Known keys: `target`, `endpoint`, `region`, `identity`, `known_hosts`. Put anything custom under `extra:`".to_string(),
        ]
    );

    let site = Site::fixture("basic");
    with_deploy(&site, "  target: ftp://files.example.org/www\n");
    let run = site.run(&["deploy"]);
    run.expect_code(1);
    let line = line - 1;
    run.expect_stderr(&[
        &format!("error: site.yaml:{line}: `ftp://files.example.org/www` is not a deploy target: gait deploys to s3:// and sftp://, not ftp://"),
        &format!("  {line:>4} |   target: ftp://files.example.org/www"),
        "  help: write it like s3://bucket/prefix or sftp://user@host:port/path/to/site",
        "1 error in 1 file",
        "Nothing was written: the output folder is unchanged.",
    ]);

    let site = Site::fixture("basic");
    let run = site.run(&["deploy", "--dry-run"]);
    run.expect_code(1);
    run.expect_stderr(&[
        "error: site.yaml: there is no `deploy:` section, so gait does not know where to publish",
        "  help: add `deploy:` with a `target:` (write it like s3://bucket/prefix or sftp://user@host:port/path/to/site), or pass --target",
        "1 error in 1 file",
        "Nothing was written: the output folder is unchanged.",
    ]);
    assert!(
        !site.public().exists(),
        "nothing is built when there is nowhere to deploy"
    );

    let run = site.run(&["deploy", "--target", "s3://"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("invalid value 's3://' for '--target <URL>': `s3://` names no bucket: write it like s3://bucket/prefix or sftp://user@host:port/path/to/site"),
        "{}",
        run.stderr
    );
}

#[test]
fn s3_without_credentials_says_where_they_go() {
    let site = Site::fixture("basic");
    with_deploy(
        &site,
        "  target: s3://clinic-site/www\n  endpoint: http://127.0.0.1:9\n",
    );
    let run = deploy(&site.root, &[], &[("AWS_PROFILE", "clinic")]);
    run.expect_code(1);
    assert_eq!(
        run.stderr.lines().rev().take(2).collect::<Vec<_>>(),
        [
            "  help: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add the profile `clinic` to ~/.aws/credentials (never to site.yaml)",
            "error: there are no S3 credentials for s3://clinic-site",
        ]
    );
    // A profile in the shared credentials file is enough to get further:
    // to the (closed) port 9 of the endpoint.
    site.write(
        ".aws/credentials",
        "[clinic]\naws_access_key_id = testing\naws_secret_access_key = testing\n",
    );
    let run = deploy(&site.root, &[], &[("AWS_PROFILE", "clinic")]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("error: cannot list the bucket"),
        "{}",
        run.stderr
    );
}

use super::*;

fn s3(bucket: &str, prefix: &str) -> Target {
    Target::S3 {
        bucket: bucket.into(),
        prefix: prefix.into(),
    }
}

fn sftp(user: Option<&str>, host: &str, port: u16, path: &str) -> Target {
    Target::Sftp {
        user: user.map(str::to_string),
        host: host.into(),
        port,
        path: path.into(),
    }
}

#[test]
fn targets() {
    for (url, target) in [
        ("s3://bucket", s3("bucket", "")),
        ("s3://bucket/", s3("bucket", "")),
        ("s3://my-bucket/site/www/", s3("my-bucket", "site/www")),
        (
            "sftp://deploy@example.org/var/www/site/",
            sftp(Some("deploy"), "example.org", 22, "/var/www/site"),
        ),
        (
            "sftp://127.0.0.1:2222/srv",
            sftp(None, "127.0.0.1", 2222, "/srv"),
        ),
        ("sftp://host", sftp(None, "host", 22, "/")),
        ("sftp://u@host/~/www", sftp(Some("u"), "host", 22, "/~/www")),
        ("sftp://u@[::1]:2200/x", sftp(Some("u"), "::1", 2200, "/x")),
    ] {
        assert_eq!(parse_target(url), Ok(target.clone()), "{url}");
    }
    assert_eq!(
        sftp(Some("u"), "host", 2200, "/x").to_string(),
        "sftp://u@host:2200/x"
    );
    assert_eq!(s3("b", "p/q").to_string(), "s3://b/p/q");
    for (url, message) in [
        (
            "ftp://host/x",
            "`ftp://host/x` is not a deploy target: gait deploys to s3:// and sftp://, not ftp://",
        ),
        (
            "public/",
            "`public/` is not a deploy target (relative URL without a base)",
        ),
        (
            "sftp://u:secret@host/x",
            "`sftp://u:secret@host/x` holds a password: gait logs in with a key, and site.yaml is no place for secrets",
        ),
        ("s3:///x", "`s3:///x` names no bucket"),
        (
            "s3://b:9000/x",
            "`s3://b:9000/x` must not have a port, `?` or `#`",
        ),
    ] {
        assert_eq!(parse_target(url), Err(message.to_string()), "{url}");
    }
}

fn check_text(text: &str) -> (Publishing, Vec<String>) {
    let raw: crate::config::RawConfig = crate::yaml::from_str(text, 1).unwrap();
    let mut errors = Vec::new();
    let p = check(text, raw.deploy, raw.host_files, raw.timezone, &mut errors);
    (p, errors.iter().map(ToString::to_string).collect())
}

#[test]
fn defaults_and_a_full_section() {
    let (p, errors) = check_text("title: C\n");
    assert!(errors.is_empty());
    assert!(p.host_files && p.deploy.is_none() && p.timezone.is_none());
    let (p, errors) = check_text(
        "title: C\nhost_files: false\ntimezone: America/Chicago\ndeploy:\n  target: s3://b/site\n  endpoint: http://127.0.0.1:9000\n  region: auto\n",
    );
    assert_eq!(errors, Vec::<String>::new());
    assert!(!p.host_files);
    assert_eq!(p.timezone, Some(chrono_tz::America::Chicago));
    assert_eq!(
        p.deploy,
        Some(Deploy {
            target: s3("b", "site"),
            endpoint: Some("http://127.0.0.1:9000".into()),
            region: Some("auto".into()),
            identity: None,
            known_hosts: None,
        })
    );
}

#[test]
fn errors_name_the_line_and_what_to_do() {
    let (_, errors) =
        check_text("title: C\ntimezone: America/Chicgo\ndeploy:\n  # where\n  target: ftp://x/y\n");
    assert_eq!(
        errors,
        [
            "error: site.yaml:2: `America/Chicgo` is not a time zone\n     2 | timezone: America/Chicgo\n  help: did you mean `America/Chicago`? Use a name from the IANA time zone database, like America/Chicago",
            "error: site.yaml:5: `ftp://x/y` is not a deploy target: gait deploys to s3:// and sftp://, not ftp://\n     5 |   target: ftp://x/y\n  help: write it like s3://bucket/prefix or sftp://user@host:port/path/to/site",
        ]
    );
    let (_, errors) = check_text(
        "title: C\ndeploy:\n  target: s3://b\n  identity: ~/.ssh/id_ed25519\n  endpoint: r2.example.com\n",
    );
    assert_eq!(
        errors,
        [
            "error: site.yaml:5: the endpoint `r2.example.com` is not a web address\n     5 |   endpoint: r2.example.com\n  help: write the S3-compatible service's address, like https://ACCOUNT.r2.cloudflarestorage.com",
            "error: site.yaml:4: `identity` is only for sftp:// targets\n     4 |   identity: ~/.ssh/id_ed25519\n  help: remove it, or change `target`",
        ]
    );
    let (_, errors) = check_text("title: C\ndeploy:\n  region: us-east-1\n");
    assert_eq!(
        errors,
        [
            "error: site.yaml:2: `deploy` has no `target`\n     2 | deploy:\n  help: add `target: s3://bucket/prefix` or `target: sftp://user@host:port/path` under `deploy:`"
        ]
    );
}

#[test]
fn nested_lines() {
    let text = "deploy:\n  target: a\n\n  region: b\nregion: top\n";
    assert_eq!(nested_key_line(text, "deploy", "region"), Some(4));
    assert_eq!(nested_key_line(text, "deploy", ""), Some(1));
    assert_eq!(nested_key_line(text, "deploy", "endpoint"), None);
    assert_eq!(nested_key_line(text, "finder", "path"), None);
}

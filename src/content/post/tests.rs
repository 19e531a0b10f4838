use super::*;

fn parse_str(text: &str) -> Result<PostDoc, Vec<Diagnostic>> {
    parse(Path::new("content/posts/hip-pain.md"), text, None)
}

#[test]
fn parses_a_full_post() {
    let p = parse_str(
        "---\ntitle: Hip pain\ndate: 2024-05-02\nauthor: [jo, sam]\nclinic: austin\ncategories: [Hip Pain, Hip Pain]\ntags: [running]\naliases: [/2019/03/hip/]\n---\n\nBody text\n",
    )
    .unwrap();
    assert_eq!(p.slug, "hip-pain");
    assert_eq!(p.authors, ["jo", "sam"]);
    assert_eq!(p.categories, ["Hip Pain"]);
    assert_eq!(p.aliases, ["2019/03/hip/"]);
    assert_eq!(p.body, "\nBody text\n");
    assert_eq!(p.body_line, 10);
    assert_eq!(
        p.author_at.map(|a| (a.line, a.text)),
        Some((4, "author: [jo, sam]".to_string()))
    );
}

#[test]
fn reports_every_problem_of_a_post() {
    let errs = parse_str(
        "---\ntitle: T\ndate: 2024-02-30\nauthor: jo\nslug: Hip Pain\nimage: /a.png\naliases: [../../etc]\n---\n",
    )
    .unwrap_err();
    let msgs: Vec<_> = errs.iter().map(|e| (e.line, e.message.as_str())).collect();
    assert_eq!(
        msgs,
        [
            (
                Some(5),
                "the slug `Hip Pain` is not lower-case letters, digits and hyphens"
            ),
            (Some(6), "`image` is set but `image_alt` is missing"),
            (
                Some(7),
                "the alias `../../etc` must be a path starting with `/`"
            ),
            (
                Some(3),
                "`2024-02-30` is not a date: write it as 2024-05-02, or with a time as 2024-05-02T09:30:00"
            ),
        ]
    );
    assert_eq!(errs[0].help.as_deref(), Some("write `slug: hip-pain`"));
}

#[test]
fn unknown_key_names_line_and_suggests() {
    let errs = parse_str("---\ntitle: T\ndate: 2024-01-01\nauthor: jo\ncategores: [x]\n---\n")
        .unwrap_err();
    assert_eq!(errs[0].line, Some(5));
    assert_eq!(errs[0].message, "unknown key `categores`");
    assert!(
        errs[0]
            .help
            .as_deref()
            .unwrap()
            .starts_with("did you mean `categories`?")
    );
}

/// Front matter as Decap CMS writes it: its date forms, quoting, list
/// styles, and emptied optional fields (`""`, `[]`, `null`).
#[test]
fn reads_what_a_browser_editor_writes() {
    let head = "---\ntitle: \"Yes: a title\"\nauthor: jo\n";
    // (the rest of the front matter, date as read, summary, image, clinic)
    let cases: &[(&str, &str)] = &[
        ("date: 2024-05-02\n", "2024-05-02T00:00:00Z"),
        ("date: 2024-05-02T09:30:00.000Z\n", "2024-05-02T09:30:00Z"),
        (
            "date: 2024-05-02T09:30:00-05:00\n",
            "2024-05-02T09:30:00-05:00",
        ),
        (
            "date: 2024-05-02\nsummary: \"\"\nimage: \"\"\nimage_alt: \"\"\ntags: []\ncategories:\n  - Pelvic Pain\n  - \"Men's Health\"\nclinic: null\nupdated: \"\"\nslug: \"\"\naliases:\n  - \"\"\ndraft: true\n",
            "2024-05-02T00:00:00Z",
        ),
        (
            "date: 2024-05-02\nsummary: A long summary that the writer folds onto a second line because it is\n  longer than eighty characters\ncategories:\nclinic: \"\"\n",
            "2024-05-02T00:00:00Z",
        ),
    ];
    for (rest, date) in cases {
        let p = parse_str(&format!("{head}{rest}---\nBody\n"))
            .unwrap_or_else(|e| panic!("{rest:?}: {e:?}"));
        assert_eq!(p.date.iso(), *date, "{rest:?}");
        assert_eq!(
            (
                p.image,
                p.clinic,
                p.updated,
                p.slug.as_str(),
                p.aliases.len()
            ),
            (None, None, None, "hip-pain", 0),
            "{rest:?}"
        );
        assert!(
            p.summary
                .as_deref()
                .is_none_or(|s| s.ends_with("eighty characters"))
        );
    }
}

#[test]
fn clean_site_path_table() {
    let ok = [
        ("/2019/03/x/", "2019/03/x/"),
        ("/old.html", "old.html"),
        ("/a//b", "a//b"),
    ];
    for (input, want) in ok {
        assert_eq!(clean_site_path(input).as_deref(), Ok(want));
    }
    for bad in [
        "x/",
        "/",
        "/../x",
        "/a/%2e%2e/b",
        "/a\\b",
        "//evil.org/x",
        "/C:/x",
        "/a?b",
        "/a/b:c/",
        "/a|b",
    ] {
        assert!(clean_site_path(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_review_names_its_reviewer_and_day_together() {
    let p = parse_str(
        "---\ntitle: T\ndate: 2024-01-01\nauthor: jo\nreviewed_by: sam\nlast_reviewed: 2024-03-02\n---\n",
    )
    .unwrap();
    let review = p.review.unwrap();
    assert_eq!(
        (review.by.as_str(), review.date.iso(), review.date_line),
        ("sam", "2024-03-02T00:00:00Z".to_string(), Some(6))
    );
    assert_eq!(review.by_at.map(|a| a.line), Some(5));
    let cases = [
        (
            "reviewed_by: sam\n",
            (5, "`reviewed_by` is set but `last_reviewed` is missing"),
        ),
        (
            "last_reviewed: 2024-03-02\n",
            (5, "`last_reviewed` is set but `reviewed_by` is missing"),
        ),
        (
            "reviewed_by: sam\nlast_reviewed: March 2024\n",
            (
                6,
                "`March 2024` is not a date: write it as 2024-05-02, or with a time as 2024-05-02T09:30:00",
            ),
        ),
    ];
    for (lines, (line, message)) in cases {
        let errs = parse_str(&format!(
            "---\ntitle: T\ndate: 2024-01-01\nauthor: jo\n{lines}---\n"
        ))
        .unwrap_err();
        let got: Vec<_> = errs.iter().map(|e| (e.line, e.message.as_str())).collect();
        assert_eq!(got, [(Some(line), message)], "{lines}");
    }
}

#[test]
fn a_set_aside_text_is_read_again_as_it_was_and_a_changed_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("knee.md");
    // Line ends as Windows editors write them: the text is normalized.
    let file = "---\r\ntitle: Knee\r\ndate: 2024-03-01\r\nauthor: ana\r\n---\r\nFirst *line*.\r\n\r\nSecond, ünïcode.\r\n";
    std::fs::write(&path, file).unwrap();
    let rel = Path::new("content/posts/knee.md");
    let text = crate::content::load::read_text(&path, rel).unwrap();
    let mut post = parse(rel, &text, None).unwrap();
    let held = post.body.clone();
    assert_eq!(post.markdown().unwrap(), held);

    post.set_text_aside(&path, &text);
    assert!(post.body.is_empty());
    assert_eq!(post.markdown().unwrap(), held);

    // Saved again while the build runs: the front matter read before no
    // longer goes with this text.
    std::fs::write(&path, file.replace("Second", "Third")).unwrap();
    let e = post.markdown().unwrap_err();
    assert_eq!(e.file, rel);
    assert_eq!(e.message, "the file changed while the site was being built");
    std::fs::remove_file(&path).unwrap();
    let e = post.markdown().unwrap_err();
    assert_eq!(e.file, rel);
    assert!(
        e.message.starts_with("could not read the file"),
        "{}",
        e.message
    );

    // A text the Markdown does not end is never set aside.
    let mut other = parse(rel, &text, None).unwrap();
    other.set_text_aside(&path, "something else");
    assert_eq!((other.body, other.set_aside), (held, None));
}

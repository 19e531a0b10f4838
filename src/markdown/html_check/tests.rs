use super::*;

fn kinds(pieces: &[(usize, &str)]) -> Vec<(usize, ProblemKind)> {
    check(pieces)
        .into_iter()
        .map(|p| (p.line, p.kind))
        .collect()
}

/// Raw HTML pieces, and the problems expected in them.
type Case = (&'static [(usize, &'static str)], Vec<(usize, ProblemKind)>);

fn name(s: &str) -> String {
    s.to_string()
}

#[test]
fn problems_table() {
    use ProblemKind::*;
    let cases: Vec<Case> = vec![
        (
            &[(3, "<img src=\"a.jpg\" alt=\"A\"></img>\n")],
            vec![(3, VoidEndTag { name: name("img") })],
        ),
        (
            &[(0, "<br>"), (4, "</br>")],
            vec![(4, VoidEndTag { name: name("br") })],
        ),
        (
            &[(0, "<p>Hello</p>\n"), (2, "</div>\n")],
            vec![(2, StrayEndTag { name: name("div") })],
        ),
        (
            &[(0, "<div>\n"), (1, "<p>Never closed\n")],
            vec![(0, Unclosed { name: name("div") })],
        ),
        (
            &[(0, "<b>"), (0, "<i>"), (0, "</b>"), (0, "</i>")],
            vec![(
                0,
                Misnested {
                    closed: name("b"),
                    open: name("i"),
                },
            )],
        ),
        (
            &[(0, "<div><span>\n"), (1, "</div></span>\n")],
            vec![(
                1,
                Misnested {
                    closed: name("div"),
                    open: name("span"),
                },
            )],
        ),
        (
            &[(0, "<p><div>x</div></p>\n")],
            vec![(0, ParagraphEnded { by: name("div") })],
        ),
        (
            &[(0, "<div/>\n"), (1, "text\n")],
            vec![(0, SelfClosing { name: name("div") })],
        ),
        (
            &[(0, "<table><div>x</div><tr><td>1</td></tr></table>\n")],
            vec![(
                0,
                Misplaced {
                    name: name("div"),
                    parent: Some(name("table")),
                },
            )],
        ),
        (
            &[
                (0, "<table>\n"),
                (1, "Total\n"),
                (2, "<tr><td>1</td></tr></table>\n"),
            ],
            vec![(
                2,
                TextInTable {
                    parent: name("table"),
                },
            )],
        ),
        (
            &[(0, "<a href=\"a\"><a href=\"b\">x</a></a>\n")],
            vec![(
                0,
                Misplaced {
                    name: name("a"),
                    parent: Some(name("a")),
                },
            )],
        ),
        (
            &[(0, "<body>\n")],
            vec![(
                0,
                Misplaced {
                    name: name("body"),
                    parent: None,
                },
            )],
        ),
        (
            &[(0, "<a href=\"x\"title=\"y\">"), (0, "</a>")],
            vec![(0, BadSyntax)],
        ),
        (&[(1, "<p>if pain < 3</p>\n")], vec![(1, BadSyntax)]),
        (
            &[(0, "<a href=\"x\" href=\"y\">"), (0, "</a>")],
            vec![(0, DuplicateAttribute)],
        ),
        (
            &[(0, "Intro\n"), (5, "<div class=\"x\n"), (6, "more\n")],
            vec![(5, Unfinished)],
        ),
        (&[(2, "<!-- note\n")], vec![(2, Unfinished)]),
        (
            &[(7, "<a href=\"/x/\" target=\"_href_\">"), (7, "</a>")],
            vec![(
                7,
                BadValue {
                    attr: name("target"),
                    value: name("_href_"),
                    why: "is not a valid target: a name that starts with `_` must be `_blank`, `_self`, `_parent` or `_top`",
                    help: "write `target=\"_blank\"` to open the link in a new tab, or remove `target`",
                },
            )],
        ),
    ];
    for (pieces, want) in cases {
        assert_eq!(kinds(pieces), want, "{pieces:?}");
    }
}

#[test]
fn attribute_values_table() {
    // (tag, the attributes found wrong)
    let cases: &[(&str, &[&str])] = &[
        ("<a href=x target=_blank>", &[]),
        ("<a href=x target=_SELF>", &[]),
        ("<a href=x target=_parent>", &[]),
        ("<a href=x target=_top>", &[]),
        ("<a href=x target=booking>", &[]),
        ("<a href=x target=_new>", &["target"]),
        ("<a href=x target=\"\">", &["target"]),
        ("<form target=_href_>", &["target"]),
        ("<div target=_anything>", &[]),
        ("<img src=x loading=lazy dir=rtl id=hip>", &[]),
        ("<img src=x loading=later>", &["loading"]),
        ("<iframe src=x loading=EAGER>", &[]),
        ("<p dir=up>", &["dir"]),
        ("<h2 id=\"home exercises\">", &["id"]),
        ("<h2 id=\"\">", &["id"]),
    ];
    for (html, want) in cases {
        let found: Vec<String> = check(&[(0, *html)])
            .into_iter()
            .filter_map(|p| match p.kind {
                ProblemKind::BadValue { attr, .. } => Some(attr),
                _ => None,
            })
            .collect();
        assert_eq!(found, *want, "{html}");
    }
}

#[test]
fn well_formed_html_passes() {
    let cases: &[&[(usize, &str)]] = &[
        &[(
            0,
            "<figure class=\"wp-block-image\"><img src=\"k.jpg\" alt=\"Knee\"><figcaption>A knee</figcaption></figure>\n",
        )],
        &[(
            0,
            "<iframe src=\"https://www.youtube.com/embed/x\" width=\"100%\" height=\"315\" allowfullscreen loading=\"lazy\"></iframe>\n",
        )],
        &[(
            0,
            "<svg viewBox=\"0 0 10 10\"><path d=\"M0 0h10\"/><circle r=\"2\"/></svg>\n",
        )],
        &[
            (0, "<details>\n"),
            (1, "<summary>Why?</summary>\n"),
            (6, "</details>\n"),
        ],
        &[
            (0, "<table>\n"),
            (1, "<tr><th>Day<th>Reps\n"),
            (2, "<tr><td>Mon<td>10\n"),
            (3, "</table>\n"),
        ],
        &[(
            0,
            "<ul><li>one<li>two</ul><dl><dt>a<dd>b</dl><p>one<p>two\n",
        )],
        &[
            (0, "<span class=\"x\">"),
            (0, "</span>"),
            (2, "<br>"),
            (2, "<kbd>"),
            (2, "</kbd>"),
        ],
        &[
            (0, "<!-- a note for the editor -->\n"),
            (1, "<center><font color=\"red\">old</font></center>\n"),
        ],
        &[
            (0, "<script>if (a < b && c) {}</script>\n"),
            (1, "<textarea><b></textarea>\n"),
        ],
        &[
            (0, "<img src=\"a.jpg\" alt=\"A\" />\n"),
            (1, "<br/>\n"),
            (2, "<hr />\n"),
        ],
        &[(
            0,
            "<video controls><source src=\"a.mp4\" type=\"video/mp4\"></video>\n",
        )],
        &[
            (0, "<p align=\"center\">\n"),
            (
                1,
                "  <a href=\"/x/\" target=\"_blank\" rel=\"noopener\">x</a>\n",
            ),
            (2, "</p>\n"),
        ],
    ];
    for pieces in cases {
        assert_eq!(kinds(pieces), vec![], "{pieces:?}");
    }
    assert_eq!(kinds(&[]), vec![]);
}

#[test]
fn messages_table() {
    use ProblemKind::*;
    let cases = [
        (
            VoidEndTag { name: name("img") },
            "`</img>` is not needed: `<img>` never has an end tag",
            "remove `</img>`",
        ),
        (
            StrayEndTag { name: name("div") },
            "`</div>` closes a `<div>` that is not open here",
            "remove `</div>`, or add the `<div>` it should close before it",
        ),
        (
            ParagraphEnded { by: name("ul") },
            "`</p>` has no `<p>` to close: the `<ul>` inside it ended the paragraph, because a `<p>` cannot hold a `<ul>`",
            "use `<div>` instead of `<p>` around the `<ul>`, or close the `<p>` before it",
        ),
        (
            Misnested {
                closed: name("b"),
                open: name("i"),
            },
            "`</b>` closes `<b>` while the `<i>` opened inside it is still open",
            "close tags in the reverse order you opened them: `<b><i>...</i></b>`",
        ),
        (
            Unclosed { name: name("div") },
            "the `<div>` opened here is never closed",
            "add `</div>` where the part it wraps ends",
        ),
        (
            SelfClosing { name: name("div") },
            "`<div/>` does not close the `<div>`: only empty elements such as `<br/>` close themselves",
            "write `<div></div>`",
        ),
        (
            Misplaced {
                name: name("div"),
                parent: Some(name("tr")),
            },
            "`<div>` cannot go inside `<tr>` here, so browsers move or drop it",
            "put `<div>` inside a cell (`<td>`), or move it out of the table",
        ),
        (
            Misplaced {
                name: name("a"),
                parent: Some(name("a")),
            },
            "`<a>` cannot go inside `<a>` here, so browsers move or drop it",
            "close the first `<a>` before you open another",
        ),
        (
            Misplaced {
                name: name("body"),
                parent: None,
            },
            "`<body>` cannot go here, so browsers move or drop it",
            "check the tags around it: each must be closed inside the element it was opened in, and a page has only one `<html>`, `<head>` and `<body>`",
        ),
        (
            TextInTable {
                parent: name("table"),
            },
            "text cannot go directly inside `<table>`, so browsers move it above the table",
            "put the text inside a cell (`<td>`), or move it out of the table",
        ),
        (
            DuplicateAttribute,
            "a tag on this line has the same attribute twice; browsers use only the first",
            "remove one of the two",
        ),
        (
            BadSyntax,
            "a tag on this line is not written correctly",
            "check its `<`, `>`, quotes and the spaces between attributes; write `&lt;` for a `<` that does not start a tag",
        ),
        (
            Unfinished,
            "the HTML after this line never ends: a tag is missing its `>` or a closing quote, or a comment its `-->`",
            "add the missing `>`, quote or `-->`",
        ),
    ];
    let cases = cases.into_iter().chain([
        (
            TooDeep,
            "elements here are nested more than 500 deep, so browsers flatten them; the HTML after this line is not checked",
            "close the elements you opened before opening more",
        ),
        (
            TooMany,
            "there is more wrong with the HTML from this line on; it is not checked further",
            "fix the problems above first, then check again",
        ),
    ]);
    for (kind, message, help) in cases {
        assert_eq!(kind.message(), message, "{kind:?}");
        assert_eq!(kind.help(), help, "{kind:?}");
    }
    let bad: Vec<(String, String)> = check(&[(0, "<img src=x loading=later dir=up id=\"my id\">")])
        .into_iter()
        .map(|p| (p.kind.message(), p.kind.help()))
        .collect();
    assert_eq!(
        bad,
        [
            (
                "`loading=\"later\"` is not a valid `loading` value, so browsers load it at once",
                "use `loading=\"lazy\"` or `loading=\"eager\"`, or remove `loading`"
            ),
            (
                "`dir=\"up\"` is not a valid direction, so browsers ignore it",
                "use `dir=\"ltr\"`, `dir=\"rtl\"` or `dir=\"auto\"`"
            ),
            (
                "`id=\"my id\"` is not a valid id: it is empty or holds a space, so no link can lead to it",
                "use one word, with hyphens instead of spaces: `id=\"home-exercises\"`"
            ),
        ]
        .map(|(m, h)| (m.to_string(), h.to_string()))
    );
}

#[test]
fn deep_or_very_broken_html_is_checked_only_so_far() {
    // 100,000 nested elements: the check stops at the limit (past it, the
    // parser's work would grow with the square of the depth).
    let deep = "<div>".repeat(100_000);
    let found = kinds(&[(3, deep.as_str())]);
    assert_eq!(found, vec![(3, ProblemKind::TooDeep)]);

    let stray: Vec<(usize, &str)> = (0..1000).map(|l| (l, "</div>\n")).collect();
    let found = kinds(&stray);
    assert_eq!(found.len(), MAX_PROBLEMS);
    assert_eq!(
        found[MAX_PROBLEMS - 2],
        (
            MAX_PROBLEMS - 2,
            ProblemKind::StrayEndTag { name: name("div") }
        )
    );
    assert_eq!(
        found[MAX_PROBLEMS - 1],
        (MAX_PROBLEMS - 1, ProblemKind::TooMany)
    );
}

#[test]
fn problems_are_on_the_lines_of_the_markdown() {
    let urls = crate::urls::Urls::new("https://example.org").unwrap();
    let highlighter = crate::markdown::highlight::Highlighter::new();
    let opts = crate::markdown::RenderOptions {
        urls: &urls,
        allow_html: true,
        highlighter: &highlighter,
        labels: &Default::default(),
        pictures: None,
        page: "",
    };
    let md = "Intro\n\n> Quoted <b>bold</i>, <br></br>\n\n- item\n- <span class=\"x\">open\n\n```html\n</div>\n```\n\n<div>\n\n**Markdown inside**\n\n</div>\n</div>\n";
    let lints: Vec<(usize, ProblemKind)> = crate::markdown::render(md, &opts)
        .lints
        .into_iter()
        .filter_map(|l| match l.kind {
            crate::markdown::LintKind::Html(kind) => Some((l.line, kind)),
            _ => None,
        })
        .collect();
    // Code blocks are not raw HTML; what is left open is named where it opens.
    assert_eq!(
        lints,
        vec![
            (2, ProblemKind::StrayEndTag { name: name("i") }),
            (2, ProblemKind::VoidEndTag { name: name("br") }),
            (16, ProblemKind::StrayEndTag { name: name("div") }),
            (2, ProblemKind::Unclosed { name: name("b") }),
            (5, ProblemKind::Unclosed { name: name("span") }),
        ]
    );
}

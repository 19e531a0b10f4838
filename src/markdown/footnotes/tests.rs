use crate::markdown::tests::md;

#[test]
fn footnotes_have_ids_of_their_own_and_links_both_ways() {
    let back = |id: &str, n: u8| {
        format!(
            " <a class=\"footnote-backref\" href=\"#{id}\" aria-label=\"Back to reference {n}\">↩</a>"
        )
    };
    let cases: [(&str, &[&str]); 7] = [
        // A heading and the page's `<main id="main">` keep their ids.
        (
            "See[^note]. More[^main].\n\n## Note\n\n[^note]: The note.\n[^main]: Another.\n",
            &[
                "<sup class=\"footnote-reference\"><a href=\"#fn-note\" id=\"fnref-note\" aria-label=\"Footnote 1\">1</a></sup>",
                "<a href=\"#fn-main\" id=\"fnref-main\" aria-label=\"Footnote 2\">2</a>",
                "<h2 id=\"note\">",
                "<div class=\"footnote-definition\" id=\"fn-note\"><sup class=\"footnote-definition-label\">1</sup>\n",
                &format!("<p>The note.{}</p>\n</div>\n", back("fnref-note", 1)),
                &format!("<p>Another.{}</p>\n</div>\n", back("fnref-main", 2)),
            ],
        ),
        // A second reference has an id of its own; the back link goes to the first.
        (
            "A[^n] b[^n].\n\n[^n]: Note.\n",
            &[
                "<a href=\"#fn-n\" id=\"fnref-n\" aria-label=\"Footnote 1\">1</a>",
                "<a href=\"#fn-n\" id=\"fnref-n-1\" aria-label=\"Footnote 1\">1</a>",
                &format!("<p>Note.{}</p>", back("fnref-n", 1)),
            ],
        ),
        // A heading that slugs to a footnote's id: both stay unique.
        (
            "## Fn note\n\nSee[^note].\n\n[^note]: The note.\n",
            &[
                "<h2 id=\"fn-note\">",
                "<a href=\"#fn-note-1\" id=\"fnref-note\"",
                "<div class=\"footnote-definition\" id=\"fn-note-1\">",
            ],
        ),
        // A definition before its reference still links back to it.
        (
            "[^early]: Defined first.\n\nThen used[^early].\n",
            &[
                &format!("<p>Defined first.{}</p>", back("fnref-early", 1)),
                "<a href=\"#fn-early\" id=\"fnref-early\"",
            ],
        ),
        // Labels become slugs, matched without regard to case; a label
        // without letters or digits is the note's number.
        (
            "A[^My Note] b[^*].\n\n[^my note]: One.\n\n[^*]: Two.\n",
            &[
                "<a href=\"#fn-my-note\" id=\"fnref-my-note\"",
                "<a href=\"#fn-2\" id=\"fnref-2\"",
                "<div class=\"footnote-definition\" id=\"fn-my-note\">",
                "<div class=\"footnote-definition\" id=\"fn-2\">",
            ],
        ),
        // In a heading, a reference is a link too.
        (
            "## Why[^w]\n\n[^w]: Because.\n",
            &[
                "<h2 id=\"why\">Why<sup class=\"footnote-reference\"><a href=\"#fn-w\" id=\"fnref-w\"",
            ],
        ),
        // A note never defined stays as written.
        ("Text[^nowhere].\n", &["<p>Text[^nowhere].</p>"]),
    ];
    for (text, wants) in cases {
        let html = md(text).html;
        for want in wants {
            assert!(html.contains(want), "{text:?}: no {want:?} in\n{html}");
        }
        let doc_ids: Vec<&str> = html
            .split(" id=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .collect();
        let mut unique = doc_ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), doc_ids.len(), "{text:?}: ids {doc_ids:?}");
    }
}

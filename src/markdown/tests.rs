use super::scan::{count_words, has_h1, might_have_h1};
use super::*;

pub(super) fn md(text: &str) -> Rendered {
    md_at("https://example.org", text)
}

fn md_at(base: &str, text: &str) -> Rendered {
    let urls = Urls::new(base).unwrap();
    let hl = Highlighter::new();
    render(
        text,
        &RenderOptions {
            urls: &urls,
            allow_html: true,
            highlighter: &hl,
            labels: &Default::default(),
            pictures: None,
            page: "",
        },
    )
}

#[test]
fn html_table() {
    let cases = [
        (
            "*a* **b** ~~c~~",
            "<p><em>a</em> <strong>b</strong> <del>c</del></p>\n",
        ),
        ("\"Hi\" -- it's", "<p>“Hi” – it’s</p>\n"),
        (
            "- [x] done\n- [ ] todo\n",
            "<ul>\n<li><input type=\"checkbox\" disabled checked aria-label=\"Done\"> done</li>\n<li><input type=\"checkbox\" disabled aria-label=\"Not done\"> todo</li>\n</ul>\n",
        ),
        (
            "[out](https://apta.org/x)",
            "<p><a href=\"https://apta.org/x\" rel=\"noopener\">out</a></p>\n",
        ),
        (
            "[own](https://example.org/about/)",
            "<p><a href=\"https://example.org/about/\">own</a></p>\n",
        ),
        ("[in](/posts/x/)", "<p><a href=\"/posts/x/\">in</a></p>\n"),
        (
            "![A hip](hip.svg)",
            "<p><img src=\"hip.svg\" alt=\"A hip\" /></p>\n",
        ),
        (
            "<div class=\"x\">raw</div>\n",
            "<div class=\"x\">raw</div>\n",
        ),
    ];
    for (input, want) in cases {
        assert_eq!(md(input).html, want, "{input:?}");
    }
}

#[test]
fn base_path_is_added_to_root_relative_links() {
    let r = md_at(
        "https://example.org/blog/",
        "[in](/posts/x/) ![i](/images/a.svg)",
    );
    assert_eq!(
        r.html,
        "<p><a href=\"/blog/posts/x/\">in</a> <img src=\"/blog/images/a.svg\" alt=\"i\" /></p>\n"
    );
    assert_eq!(r.links.len(), 2);
    assert_eq!(r.links[0].dest, "/posts/x/");
    assert!(r.links[1].is_image);
}

#[test]
fn headings_get_unique_ids_and_anchors() {
    let r = md("## Try this at home\n\n## Try this at home\n");
    assert!(r.html.starts_with("<h2 id=\"try-this-at-home\">Try this at home<a class=\"anchor\" href=\"#try-this-at-home\">"), "{}", r.html);
    assert!(r.html.contains("<h2 id=\"try-this-at-home-1\">"));
}

#[test]
fn an_h1_in_the_body_is_demoted_so_the_title_stays_the_only_h1() {
    let r = md("# Big\n\n## Small\n");
    assert!(r.html.contains("<h2 id=\"big\">"));
    assert!(r.html.contains("<h3 id=\"small\">"));
    assert!(!r.html.contains("<h1"));
}

#[test]
fn the_quick_h1_check_never_misses_one() {
    let with_h1 = [
        "# Big",
        "Intro\n\n#\tTab\n",
        "   # Indented\n",
        "> # Quoted\n",
        "- # In a list\n",
        "1. # Numbered\n",
        "#\n",
        "Setext\n===\n",
        "Setext\r\n=  \r\n",
        "> Quoted setext\n> ======\n",
        "# Title {#custom-id}\n",
    ];
    for text in with_h1 {
        let parsed = Parser::new_ext(text, parser_options()).any(|e| {
            matches!(
                e,
                Event::Start(Tag::Heading {
                    level: HeadingLevel::H1,
                    ..
                })
            )
        });
        assert!(parsed, "{text:?} has an h1");
        assert!(might_have_h1(text), "{text:?}");
        assert!(has_h1(text), "{text:?}");
    }
    let without = [
        "## Small\n\nText with a #hashtag and a = sign.\n### Smaller ###\n",
        "a == b is true\n",
        "",
    ];
    for text in without {
        assert!(!might_have_h1(text), "{text:?}");
        assert!(!has_h1(text), "{text:?}");
    }
    // Candidates that turn out not to be headings are checked by the parser.
    for text in ["```\n# a comment\n```\n", "a = b =\n", "    # code\n"] {
        assert!(might_have_h1(text), "{text:?}");
        assert!(!has_h1(text), "{text:?}");
    }
}

#[test]
fn words_are_counted_as_split_whitespace_counts_them() {
    for text in [
        "",
        " ",
        "one",
        "  two words\t",
        "a\nb\rc\x0bd\x0ce",
        "x\u{1c}y \u{7f} z",
        "non\u{a0}breaking and em\u{2003}space, café",
    ] {
        assert_eq!(
            count_words(text),
            text.split_whitespace().count(),
            "{text:?}"
        );
    }
}

#[test]
fn footnotes_and_tables_render() {
    let r = md("Text[^1].\n\n[^1]: A note.\n\n| A | B |\n|---|---|\n| 1 | 2 |\n");
    assert!(
        r.html.contains("<sup class=\"footnote-reference\"><a href=\"#fn-1\" id=\"fnref-1\" aria-label=\"Footnote 1\">1</a></sup>"),
        "{}",
        r.html
    );
    assert!(
        r.html
            .contains("<div class=\"footnote-definition\" id=\"fn-1\">")
    );
    assert!(r.html.contains("<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Table\">\n<table>"), "{}", r.html);
    assert!(r.html.contains("</table>\n</div>"));
}

#[test]
fn heading_ids_stay_unique_when_a_slug_looks_like_a_numbered_one() {
    let r = md("## A\n\n## A\n\n## A 1\n");
    for id in ["<h2 id=\"a\">", "<h2 id=\"a-1\">", "<h2 id=\"a-1-1\">"] {
        assert!(r.html.contains(id), "{id} in {}", r.html);
    }
}

#[test]
fn summary_words_and_reading_time() {
    let r = md("First *para*\ngoes on.\n\nSecond para.\n");
    assert_eq!(r.first_paragraph, "First para goes on.");
    assert_eq!(r.words, 6);
    assert_eq!(r.reading_minutes(), 1);
    let long = "word ".repeat(401);
    assert_eq!(md(&long).reading_minutes(), 3);
    assert_eq!(
        md("## Only a heading\n\nThen text.").first_paragraph,
        "Then text."
    );
}

#[test]
fn the_summary_is_the_first_paragraph_with_words_of_its_own() {
    let cases = [
        (
            "![A pelvis model](model.jpg)\n\nThe real first paragraph.\n",
            "The real first paragraph.",
        ),
        ("![A](a.jpg) ![B](b.jpg)\n![C](c.jpg)\n\nText.\n", "Text."),
        (
            "[![A pelvis model](model.jpg)](big.jpg)\n\nText.\n",
            "Text.",
        ),
        (
            "![A pelvis model](model.jpg)\nThe pelvis, up close.\n",
            "The pelvis, up close.",
        ),
        (
            "Press the ![gear](gear.svg) button.\n",
            "Press the gear button.",
        ),
        ("Our new room. ![The room](room.jpg)\n", "Our new room."),
        ("[Book a visit ![](arrow.svg)](/book/)\n", "Book a visit"),
        (
            "> ![Quoted](q.jpg)\n\n- ![Listed](l.jpg)\n\n  In a list\n",
            "In a list",
        ),
        ("![Only a picture](p.jpg)\n", ""),
        (
            "## Heading\n\n![A](a.jpg)\n\n*Emphasis* first.\n",
            "Emphasis first.",
        ),
    ];
    for (text, want) in cases {
        assert_eq!(md(text).first_paragraph, want, "{text:?}");
    }
}

#[test]
fn code_highlighting_is_lazy_and_unknown_languages_warn() {
    let urls = Urls::new("https://example.org").unwrap();
    let hl = Highlighter::new();
    let opts = RenderOptions {
        urls: &urls,
        allow_html: true,
        highlighter: &hl,
        labels: &Default::default(),
        pictures: None,
        page: "",
    };
    let r = render("```\nplain <b>\n```\n", &opts);
    assert_eq!(
        r.html,
        "<pre class=\"code\" tabindex=\"0\" role=\"region\" aria-label=\"Code\"><code>plain &lt;b&gt;\n</code></pre>\n"
    );
    assert!(!hl.is_loaded(), "no language named: syntaxes must not load");
    let r = render("```yaml\nweeks: 6\n```\n", &opts);
    assert!(hl.is_loaded());
    assert!(
        r.html
            .starts_with("<pre class=\"code\" tabindex=\"0\" role=\"region\" aria-label=\"Code\" data-lang=\"yaml\"><code><span class=\"hl-"),
        "{}",
        r.html
    );
    let r = render("Intro\n\n```klingon\nx\n```\n", &opts);
    assert_eq!(
        r.warnings,
        vec![(
            2,
            "the code language `klingon` is not known, so the block is shown without colours"
                .to_string()
        )]
    );
    assert!(
        r.html
            .contains("<pre class=\"code\" tabindex=\"0\" role=\"region\" aria-label=\"Code\" data-lang=\"klingon\"><code>x\n</code></pre>")
    );
}

#[test]
fn raw_html_is_escaped_when_not_allowed() {
    let urls = Urls::new("https://example.org").unwrap();
    let hl = Highlighter::new();
    let opts = RenderOptions {
        urls: &urls,
        allow_html: false,
        highlighter: &hl,
        labels: &Default::default(),
        pictures: None,
        page: "",
    };
    let r = render(
        "Hi <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n",
        &opts,
    );
    assert!(!r.html.contains("<script"), "{}", r.html);
    assert!(!r.html.contains("<img"), "{}", r.html);
    assert!(r.html.contains("&lt;script&gt;"));
}

#[test]
fn lints_find_missing_alt_skipped_headings_and_scripts() {
    let r = md(
        "## A\n\n#### B\n\n![](x.png)\n\n![ok](y.png)\n\n<div onclick=\"go()\">x</div>\n\n<script>x()</script>\n",
    );
    assert_eq!(
        r.lints,
        vec![
            Lint {
                line: 2,
                kind: LintKind::SkippedHeading { from: 2, to: 4 }
            },
            Lint {
                line: 4,
                kind: LintKind::MissingAlt {
                    dest: "x.png".into()
                }
            },
            Lint {
                line: 8,
                kind: LintKind::RiskyHtml {
                    what: "onclick=".into()
                }
            },
            Lint {
                line: 10,
                kind: LintKind::RiskyHtml {
                    what: "<script>".into()
                }
            },
        ]
    );
    assert!(
        md("## A\n\n<p>Only on Mondays = fine</p>\n")
            .lints
            .is_empty()
    );
    assert_eq!(md("### Starts too deep\n").lints.len(), 1);
}

#[test]
fn skipped_headings_are_found_in_the_levels_as_written() {
    let cases: [(&str, Option<(u8, u8)>); 7] = [
        ("## A\n\n#### B\n", Some((2, 4))),
        ("### Starts too deep\n", Some((1, 3))),
        // A body's `#` is shown as an h2, the `###` as an h4: the author
        // wrote `#` then `###`, and should write `##`.
        ("# My post\n\nIntro.\n\n### Exercises\n", Some((1, 3))),
        ("# My post\n\n## Exercises\n\n#### Sets\n", Some((2, 4))),
        ("### Early\n\n# My post\n", Some((0, 3))),
        ("# My post\n\n## Exercises\n\n### Sets\n", None),
        ("## Exercises\n\n### Sets\n\n## Next\n", None),
    ];
    for (text, want) in cases {
        let got: Vec<(u8, u8)> = md(text)
            .lints
            .iter()
            .filter_map(|l| match l.kind {
                LintKind::SkippedHeading { from, to } => Some((from, to)),
                _ => None,
            })
            .collect();
        assert_eq!(got, want.into_iter().collect::<Vec<_>>(), "{text:?}");
    }
}

#[test]
fn a_lone_video_address_becomes_a_click_to_play_poster() {
    let r = md(
        "Try this first.\n\nhttps://www.youtube.com/watch?v=kP3vR8dW2xQ\n\n[Bridges, slowly](https://vimeo.com/76979871)\n\nSee https://youtu.be/kP3vR8dW2xQ for more.\n",
    );
    assert_eq!(
        r.html,
        "<p>Try this first.</p>\n<div class=\"video\" data-video-player=\"https://www.youtube-nocookie.com/embed/kP3vR8dW2xQ?autoplay=1\" data-video-host=\"YouTube\">\n<a class=\"video-poster\" href=\"https://www.youtube.com/watch?v=kP3vR8dW2xQ\" rel=\"noopener\"><span class=\"video-play\" aria-hidden=\"true\"></span><span class=\"video-title\">Video on YouTube</span></a>\n</div>\n<div class=\"video\" data-video-player=\"https://player.vimeo.com/video/76979871?dnt=1&amp;autoplay=1\" data-video-host=\"Vimeo\">\n<a class=\"video-poster\" href=\"https://vimeo.com/76979871\" rel=\"noopener\"><span class=\"video-play\" aria-hidden=\"true\"></span><span class=\"video-title\">Bridges, slowly</span></a>\n</div>\n<p>See https://youtu.be/kP3vR8dW2xQ for more.</p>\n"
    );
    assert_eq!(r.videos, ["www.youtube-nocookie.com", "player.vimeo.com"]);
    assert_eq!(r.first_paragraph, "Try this first.");
    // Nothing is requested from the video hosts when the page loads.
    assert_eq!(r.requests, []);
    // A paragraph that only starts like an address is an ordinary one.
    let r = md("https://youtu.be/kP3vR8dW2xQ shows the *first* step, 512-555-0100.\n");
    assert_eq!(
        r.html,
        "<p>https://youtu.be/kP3vR8dW2xQ shows the <em>first</em> step, <span class=\"phone-number\">512-555-0100</span>.</p>\n"
    );
    assert_eq!(
        r.first_paragraph,
        "https://youtu.be/kP3vR8dW2xQ shows the first step, 512-555-0100."
    );
    assert!(r.videos.is_empty());
}

#[test]
fn requests_to_other_hosts_are_found_at_their_lines() {
    use crate::privacy::{Kind, Request};
    let r = md(
        "Intro.\n\n![A map](https://maps.example.net/static.png)\n\n<div>\n<iframe src=\"https://www.google.com/maps/embed?pb=1\"></iframe>\n</div>\n\n![Own](/images/a.png) <img src=\"//px.example.org/p.gif\" alt=\"\">\n",
    );
    let req = |line, kind, host: &str| Request {
        line,
        kind,
        host: host.to_string(),
    };
    assert_eq!(
        r.requests,
        [
            req(2, Kind::Img, "maps.example.net"),
            req(5, Kind::Frame, "www.google.com"),
            req(8, Kind::Img, "px.example.org"),
        ]
    );
}

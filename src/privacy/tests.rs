use super::*;

/// A request as (line, kind, host).
type Found = (usize, Kind, String);

fn found(pieces: &[(usize, &str)]) -> Vec<Found> {
    find(pieces)
        .into_iter()
        .map(|r| (r.line, r.kind, r.host))
        .collect()
}

fn one(html: &str) -> Vec<Found> {
    found(&[(0, html)])
}

fn req(line: usize, kind: Kind, host: &str) -> Found {
    (line, kind, host.to_string())
}

const GTM_SNIPPET: &str = "<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':\nnew Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],\nj=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;j.src=\n'https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);\n})(window,document,'script','dataLayer','GTM-K7Q2XD4');</script>\n";

#[test]
fn every_element_that_loads_something() {
    use Kind::*;
    let cases: &[(&str, Vec<Found>)] = &[
        (
            "<script async src=\"https://www.googletagmanager.com/gtag/js?id=G-4XQ9\"></script>",
            vec![req(0, Script, "www.googletagmanager.com")],
        ),
        (
            "<iframe src=\"https://www.google.com/maps/embed?pb=!1m18\" width=\"600\" height=\"450\" loading=\"lazy\"></iframe>",
            vec![req(0, Frame, "www.google.com")],
        ),
        (
            "<img src=\"https://cdn.example.net/a.jpg\" srcset=\"https://img.example.net/a-2x.jpg 2x, /local.jpg 1x\" alt=\"\">",
            vec![
                req(0, Img, "cdn.example.net"),
                req(0, Img, "img.example.net"),
            ],
        ),
        (
            "<picture><source srcset=\"//pics.example.com/a.webp\" type=\"image/webp\"><img src=\"a.jpg\" alt=\"\"></picture>",
            vec![req(0, Img, "pics.example.com")],
        ),
        (
            "<link rel=\"stylesheet\" href=\"https://fonts.googleapis.com/css2?family=Inter\">",
            vec![req(0, Style, "fonts.googleapis.com")],
        ),
        (
            "<link rel=\"preload\" as=\"font\" href=\"https://fonts.gstatic.com/s/inter.woff2\" crossorigin>",
            vec![req(0, Font, "fonts.gstatic.com")],
        ),
        (
            "<link rel=\"preconnect\" href=\"https://fonts.gstatic.com\"><link rel=\"canonical\" href=\"https://other.example/\">",
            vec![req(0, Connect, "fonts.gstatic.com")],
        ),
        (
            "<video src=\"https://media.example.org/v.mp4\" poster=\"https://media.example.org/p.jpg\" controls><track src=\"https://subs.example.org/en.vtt\"></video>",
            vec![
                req(0, Media, "media.example.org"),
                req(0, Img, "media.example.org"),
                req(0, Media, "subs.example.org"),
            ],
        ),
        (
            "<audio controls><source src=\"https://sound.example.org/a.mp3\"></audio>",
            vec![req(0, Media, "sound.example.org")],
        ),
        (
            "<object data=\"https://flash.example.org/a.swf\"></object><embed src=\"http://plug.example.org/b.pdf\">",
            vec![
                req(0, Object, "flash.example.org"),
                req(0, Object, "plug.example.org"),
            ],
        ),
        (
            "<div style=\"background-image: url('https://bg.example.org/a.png')\">Hi</div>",
            vec![req(0, Img, "bg.example.org")],
        ),
        (
            "<table background=\"https://old.example.org/t.gif\"><tr><td>x</td></tr></table>",
            vec![req(0, Img, "old.example.org")],
        ),
        (
            "<svg><image href=\"https://svg.example.org/a.png\"/><use xlink:href=\"https://svg2.example.org/s.svg#i\"/></svg>",
            vec![
                req(0, Img, "svg.example.org"),
                req(0, Img, "svg2.example.org"),
            ],
        ),
        (
            "<iframe srcdoc=\"<script src='https://inner.example.org/x.js'></script>\"></iframe>",
            vec![req(0, Script, "inner.example.org")],
        ),
        (
            "<noscript><iframe src=\"https://www.googletagmanager.com/ns.html?id=GTM-K7Q2XD4\" height=\"0\" width=\"0\"></iframe></noscript>",
            vec![req(0, Frame, "www.googletagmanager.com")],
        ),
        (
            GTM_SNIPPET,
            vec![req(3, Script, "www.googletagmanager.com")],
        ),
        (
            "<style>\n@import url(\"https://fonts.googleapis.com/css?family=Lato\");\n@font-face { font-family: X; src: url(https://fonts.gstatic.com/x.woff2); }\nbody { background: url(//bg.example.org/b.png) }\n</style>",
            vec![
                req(1, Style, "fonts.googleapis.com"),
                req(2, Font, "fonts.gstatic.com"),
                req(3, Img, "bg.example.org"),
            ],
        ),
        (
            "<style>@import 'https://css.example.org/a.css';</style>",
            vec![req(0, Style, "css.example.org")],
        ),
    ];
    for (html, want) in cases {
        assert_eq!(&one(html), want, "{html}");
    }
}

#[test]
fn what_loads_nothing_from_elsewhere() {
    for html in [
        "<a href=\"https://www.youtube.com/watch?v=abc\">A video</a>",
        "<img src=\"/images/a.jpg\" alt=\"\"><img src=\"photo.jpg\" alt=\"\">",
        "<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"\">",
        "<!-- <script src=\"https://www.googletagmanager.com/gtag/js\"></script> -->",
        "<script type=\"application/ld+json\">{\"@context\": \"https://schema.org\"}</script>",
        "<textarea><img src=\"https://shown.example.org/as-text.png\"></textarea>",
        "<form action=\"https://forms.example.org/submit\"><button>Send</button></form>",
        "<p>Write to https://www.example.org for more.</p>",
        "<link rel=\"alternate\" href=\"https://feeds.example.org/feed.xml\">",
        "<img src=\"mailto:x@example.org\" alt=\"\"><iframe src=\"about:blank\"></iframe>",
    ] {
        assert_eq!(one(html), Vec::new(), "{html}");
    }
}

#[test]
fn lines_lead_back_to_the_markdown() {
    // Raw HTML pieces as the Markdown walk hands them over: (line, HTML).
    let pieces = [
        (2, "<div class=\"map\">\n"),
        (
            3,
            "<iframe src=\"https://www.google.com/maps/embed?pb=1\"></iframe>\n",
        ),
        (4, "</div>\n"),
        (9, "<img src=\"https://px.example.org/p.gif\" alt=\"\">"),
    ];
    assert_eq!(
        found(&pieces),
        [
            req(3, Kind::Frame, "www.google.com"),
            req(9, Kind::Img, "px.example.org"),
        ]
    );
    let text = "<p>\n<script src=\"https://a.example.org/a.js\"></script>\n</p>";
    assert_eq!(
        find_in_text(text)
            .into_iter()
            .map(|r| r.line)
            .collect::<Vec<_>>(),
        [1]
    );
}

#[test]
fn external_host_table() {
    let cases = [
        ("https://WWW.Example.org/a", Some("www.example.org")),
        ("http://example.org:8080/a", Some("example.org")),
        ("//cdn.example.org/x.js", Some("cdn.example.org")),
        ("  https://a.example.org/", Some("a.example.org")),
        ("ht\ttps://tab.example.org/", Some("tab.example.org")),
        ("HTTPS:\\\\back.example.org\\x", Some("back.example.org")),
        ("/images/a.png", None),
        ("images/a.png", None),
        ("example.org/a.png", None),
        ("data:image/gif;base64,R0lGOD", None),
        ("javascript:alert(1)", None),
        ("#top", None),
        ("", None),
    ];
    for (url, want) in cases {
        assert_eq!(external_host(url).as_deref(), want, "{url:?}");
    }
}

#[test]
fn allowed_hosts_and_patterns() {
    let p = Policy {
        allowed: vec!["player.vimeo.com".into(), "*.example.org".into()],
        strict: true,
    };
    let cases = [
        ("player.vimeo.com", true),
        ("vimeo.com", false),
        ("cdn.example.org", true),
        ("a.b.example.org", true),
        ("example.org", false),
        ("badexample.org", false),
    ];
    for (host, want) in cases {
        assert_eq!(p.allows(host), want, "{host}");
    }
    for ok in [
        "www.google.com",
        "*.gstatic.com",
        "localhost",
        "xn--bcher-kva.example",
    ] {
        assert!(is_host_pattern(ok), "{ok}");
    }
    for bad in [
        "https://www.google.com",
        "www.google.com/maps",
        "",
        "*.",
        "a..b",
        "*",
    ] {
        assert!(!is_host_pattern(bad), "{bad}");
    }
}

#[test]
fn hosts_by_directive_and_the_summary_check_prints() {
    let mut h = Hosts::default();
    h.after_click.insert("www.youtube-nocookie.com".into());
    h.add(Kind::Frame, "www.google.com");
    h.add(Kind::Img, "i.example.org");
    h.add(Kind::Img, "i.example.org");
    h.add(Kind::Img, "a.example.org");
    h.add(Kind::Connect, "fonts.gstatic.com");
    let directives = h.directives();
    let d: Vec<(&str, Vec<&str>)> = directives
        .iter()
        .map(|(k, v)| (*k, v.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(
        d,
        [
            ("img-src", vec!["a.example.org", "i.example.org"]),
            (
                "frame-src",
                vec!["www.google.com", "www.youtube-nocookie.com"]
            ),
        ]
    );
    assert_eq!(
        h.summary(),
        [
            "Pages load from other sites that site.yaml allows: a.example.org, i.example.org (pictures); www.google.com (embedded pages)",
            "Videos play from www.youtube-nocookie.com only when a reader presses play: nothing is requested from there as a page opens",
        ]
    );
    assert!(Hosts::default().summary().is_empty());
}

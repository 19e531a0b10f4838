//! Phone numbers in the text of rendered Markdown, kept on one line.
//!
//! A narrow screen would otherwise break "828-555-0163" after a hyphen, and a
//! reader could not tell the number from two. The numbers gait recognizes are
//! North American ones as clinics write them: `512-555-0100`,
//! `512.555.0100`, `512 555 0100`, `(512) 555-0100`, with an optional `1` or
//! `+1` in front. Each becomes `<span class="phone-number">…</span>`, which
//! the theme sets in `white-space: nowrap`.

use std::ops::Range;

use pulldown_cmark::Event;
use pulldown_cmark_escape::escape_html;

/// The class of the `<span>` around a phone number.
pub const CLASS: &str = "phone-number";

/// `event`, with the phone numbers of a text event wrapped in
/// `<span class="phone-number">`; any other event as it is.
pub fn keep_together(event: Event<'_>) -> Event<'_> {
    let Event::Text(text) = &event else {
        return event;
    };
    let found = find(text);
    if found.is_empty() {
        return event;
    }
    let mut html = String::with_capacity(text.len() + found.len() * 40);
    let mut last = 0;
    for r in found {
        let _ = escape_html(&mut html, &text[last..r.start]);
        html.push_str("<span class=\"");
        html.push_str(CLASS);
        html.push_str("\">");
        let _ = escape_html(&mut html, &text[r.start..r.end]);
        html.push_str("</span>");
        last = r.end;
    }
    let _ = escape_html(&mut html, &text[last..]);
    Event::Html(html.into())
}

/// Byte ranges of the phone numbers in `text`, in order.
pub fn find(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let can_start = matches!(b[i], b'0'..=b'9' | b'(' | b'+')
            && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b"-.+/".contains(&b[i - 1])));
        match can_start.then(|| number_at(b, i)).flatten() {
            Some(end) => {
                out.push(i..end);
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// The end of the phone number that starts at `i`, if one does.
fn number_at(b: &[u8], i: usize) -> Option<usize> {
    let country = if b.get(i) == Some(&b'+') {
        exact(b, i + 1, b"1").and_then(|j| sep(b, j))
    } else {
        exact(b, i, b"1").and_then(|j| sep(b, j))
    };
    let end = country
        .and_then(|j| local_at(b, j))
        .or_else(|| local_at(b, i))?;
    // Not the start of something longer: `512-555-01001`, `512-555-0100a`.
    match b.get(end) {
        Some(c) if c.is_ascii_alphanumeric() => None,
        Some(b'-' | b'.') if b.get(end + 1).is_some_and(u8::is_ascii_digit) => None,
        _ => Some(end),
    }
}

/// `(512) 555-0100` or `512-555-0100` at `i` (without a country code).
fn local_at(b: &[u8], i: usize) -> Option<usize> {
    let j = if b.get(i) == Some(&b'(') {
        let j = exact(b, digits(b, i + 1, 3)?, b")")?;
        if b.get(j) == Some(&b' ') { j + 1 } else { j }
    } else {
        sep(b, digits(b, i, 3)?)?
    };
    digits(b, sep(b, digits(b, j, 3)?)?, 4)
}

/// The end of exactly `n` ASCII digits at `i`.
fn digits(b: &[u8], i: usize, n: usize) -> Option<usize> {
    let end = i + n;
    (b.get(i..end)?.iter().all(u8::is_ascii_digit)).then_some(end)
}

/// The end of `what` at `i`.
fn exact(b: &[u8], i: usize, what: &[u8]) -> Option<usize> {
    b.get(i..)?.starts_with(what).then_some(i + what.len())
}

/// The end of one separator (`-`, `.` or a space) at `i`.
fn sep(b: &[u8], i: usize) -> Option<usize> {
    matches!(b.get(i)?, b'-' | b'.' | b' ').then_some(i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_numbers_clinics_write() {
        let cases: &[(&str, &[&str])] = &[
            ("Call 828-555-0163 today.", &["828-555-0163"]),
            (
                "Call 828.555.0163 or 828 555 0163",
                &["828.555.0163", "828 555 0163"],
            ),
            (
                "(512) 555-0100 and (512)555-0100",
                &["(512) 555-0100", "(512)555-0100"],
            ),
            ("Call +1 512-555-0100.", &["+1 512-555-0100"]),
            ("Call 1-800-555-0199.", &["1-800-555-0199"]),
            ("Linh (503-555-0127) or Rosa", &["503-555-0127"]),
            ("**512-555-0100**", &["512-555-0100"]),
            ("512-555-0100", &["512-555-0100"]),
            // Not phone numbers.
            ("On 2024-06-01 at 10.30", &[]),
            ("ISBN 978-0-306-40615-7", &[]),
            ("id 5512-555-0100", &[]),
            ("512-555-01001 and 512-555-0100a", &[]),
            ("x512-555-0100 and 512-555-0100-22", &[]),
            ("12-555-0100, 512-55-0100", &[]),
            ("", &[]),
        ];
        for (text, want) in cases {
            let got: Vec<&str> = find(text).into_iter().map(|r| &text[r]).collect();
            assert_eq!(&got, want, "{text:?}");
        }
    }

    #[test]
    fn wraps_numbers_and_escapes_the_rest() {
        let html = |s: &'static str| match keep_together(Event::Text(s.into())) {
            Event::Html(h) => h.to_string(),
            other => format!("{other:?}"),
        };
        assert_eq!(
            html("Call <us> at 828-555-0163 & ask."),
            "Call &lt;us&gt; at <span class=\"phone-number\">828-555-0163</span> &amp; ask."
        );
        assert_eq!(
            html("503-555-0127 or 859-555-0118"),
            "<span class=\"phone-number\">503-555-0127</span> or <span class=\"phone-number\">859-555-0118</span>"
        );
        assert_eq!(html("No number"), "Text(Borrowed(\"No number\"))");
        let code = keep_together(Event::Code("512-555-0100".into()));
        assert_eq!(code, Event::Code("512-555-0100".into()));
    }

    #[test]
    fn rendered_text_and_links_get_the_span_but_alt_text_and_code_do_not() {
        let urls = crate::urls::Urls::new("https://example.org").unwrap();
        let hl = super::super::highlight::Highlighter::new();
        for allow_html in [true, false] {
            let opts = super::super::RenderOptions {
                urls: &urls,
                allow_html,
                highlighter: &hl,
                labels: &Default::default(),
                pictures: None,
                page: "",
            };
            let md = "Call **828-555-0163** or [503-555-0127](tel:+15035550127).\n\n\
                      ![Sign: call 828-555-0163](/a.png) `512-555-0100`\n";
            assert_eq!(
                super::super::render(md, &opts).html,
                "<p>Call <strong><span class=\"phone-number\">828-555-0163</span></strong> or \
                 <a href=\"tel:+15035550127\"><span class=\"phone-number\">503-555-0127</span></a>.</p>\n\
                 <p><img src=\"/a.png\" alt=\"Sign: call 828-555-0163\" /> <code>512-555-0100</code></p>\n",
                "allow_html: {allow_html}"
            );
        }
    }
}

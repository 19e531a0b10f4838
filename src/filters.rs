//! Tera filters that gait adds for themes (registered in every build's
//! engine by `render::templates`).
//!
//! - `email_breaks`: an e-mail address as HTML that a narrow screen may break
//!   only after the `@` and before a dot (`<wbr>`), never in the middle of
//!   a word: `austin@<wbr>kestrelpelvichealth<wbr>.example`. Use it for the
//!   text of a link, not for its `href`.

use tera::{Kwargs, State, Tera, Value};

/// Add gait's filters to `tera`.
pub fn register(tera: &mut Tera) {
    tera.register_filter(
        "email_breaks",
        |email: &str, _: Kwargs, _: &State| -> Value { Value::safe_string(&email_breaks(email)) },
    );
}

/// `email`, escaped for HTML, with `<wbr>` after each `@` and before each dot.
pub fn email_breaks(email: &str) -> String {
    let mut out = String::with_capacity(email.len() + 16);
    for c in email.chars() {
        if c == '.' && !out.is_empty() && !out.ends_with('>') {
            out.push_str("<wbr>");
        }
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
        if c == '@' {
            out.push_str("<wbr>");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn break_opportunities_after_at_and_before_dots() {
        let cases = [
            (
                "austin@kestrelpelvichealth.example",
                "austin@<wbr>kestrelpelvichealth<wbr>.example",
            ),
            (
                "first.last@mail.clinic.example",
                "first<wbr>.last@<wbr>mail<wbr>.clinic<wbr>.example",
            ),
            ("hello", "hello"),
            ("", ""),
            (".x@y", ".x@<wbr>y"),
            ("a@.b", "a@<wbr>.b"),
            (
                "<script>\"x\"&'y'@b.c",
                "&lt;script&gt;&quot;x&quot;&amp;&#39;y&#39;@<wbr>b<wbr>.c",
            ),
        ];
        for (email, want) in cases {
            assert_eq!(email_breaks(email), want, "{email:?}");
        }
    }

    #[test]
    fn the_filter_output_is_not_escaped_again() {
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html"]);
        register(&mut tera);
        tera.add_raw_template("t.html", "{{ e | email_breaks }}")
            .unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("e", "a&b@c.example");
        assert_eq!(
            tera.render("t.html", &ctx).unwrap(),
            "a&amp;b@<wbr>c<wbr>.example"
        );
    }
}

//! The admin page, `static/admin/index.html`: loads a pinned Decap CMS,
//! gives its preview pane the theme's stylesheet, and lays out posts and
//! pages in the preview as the theme does.
//!
//! Pure: [`render`] returns the page's text.

/// The Decap CMS release the page loads; `tests/tools/package.json` pins
/// the same one for the browser tests.
pub const DECAP_VERSION: &str = "3.16.3";
/// Subresource integrity of that release's `dist/decap-cms.js`, so a
/// changed file on the CDN is refused by the browser.
pub const DECAP_SRI: &str =
    "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p";

/// The pinned script on the CDN.
pub fn cdn_url() -> String {
    format!("https://unpkg.com/decap-cms@{DECAP_VERSION}/dist/decap-cms.js")
}

/// What the page needs to know.
#[derive(Debug, Clone)]
pub struct AdminPage<'a> {
    pub site_title: &'a str,
    /// The theme's stylesheet, as the site serves it (`/css/style.css`).
    pub stylesheet: &'a str,
    /// Where to load Decap CMS from; `None` for the pinned copy on the CDN.
    pub decap_url: Option<&'a str>,
}

/// The page's HTML.
pub fn render(page: &AdminPage<'_>) -> String {
    let script = match page.decap_url {
        Some(url) => format!("<script src=\"{}\"></script>", attr(url)),
        None => format!(
            "<script src=\"{}\" integrity=\"{DECAP_SRI}\" crossorigin=\"anonymous\"></script>",
            cdn_url()
        ),
    };
    let stylesheet = serde_json::to_string(page.stylesheet).unwrap_or_default();
    let title = text(page.site_title);
    format!(
        r#"<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <!-- gait serve: no live reload here, it would throw away unsaved edits. -->
  <meta name="gait-live-reload" content="off">
  <title>Edit {title}</title>
</head>
<body>
  <!-- Written by `gait cms init`: Decap CMS {DECAP_VERSION}, set up in config.yml beside this page. -->
  {script}
  <script>
    CMS.registerPreviewStyle({stylesheet});
    (function () {{
      var h = window.h;
      function dates(entry) {{
        var date = entry.getIn(["data", "date"]);
        return date ? h("p", {{ className: "dates" }}, String(date)) : null;
      }}
      function article(withDates) {{
        return createClass({{
          render: function () {{
            var entry = this.props.entry;
            var categories = entry.getIn(["data", "categories"]);
            var first = categories && categories.first ? categories.first() : null;
            return h("article", {{ className: "post" }},
              h("header", {{ className: "post-header wrap-narrow" }},
                first ? h("p", {{ className: "eyebrow" }}, first) : null,
                h("h1", {{}}, entry.getIn(["data", "title"])),
                withDates ? dates(entry) : null),
              h("div", {{ className: "content wrap-narrow" }}, this.props.widgetFor("body")));
          }}
        }});
      }}
      CMS.registerPreviewTemplate("posts", article(true));
      CMS.registerPreviewTemplate("pages", article(false));
    }})();
  </script>
</body>
</html>
"#
    )
}

/// Text for an HTML attribute value in double quotes.
fn attr(s: &str) -> String {
    text(s).replace('"', "&quot;")
}

/// Text for HTML element content.
fn text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_table() {
        let cdn = render(&AdminPage {
            site_title: "Kestrel & <Co>",
            stylesheet: "/blog/css/style.css",
            decap_url: None,
        });
        assert!(cdn.contains("<title>Edit Kestrel &amp; &lt;Co&gt;</title>"));
        assert!(cdn.contains(&format!(
            "<script src=\"https://unpkg.com/decap-cms@3.16.3/dist/decap-cms.js\" integrity=\"{DECAP_SRI}\" crossorigin=\"anonymous\"></script>"
        )));
        assert!(cdn.contains("CMS.registerPreviewStyle(\"/blog/css/style.css\");"));
        let local = render(&AdminPage {
            site_title: "K",
            stylesheet: "/css/style.css",
            decap_url: Some("/admin/decap/decap-cms.js?a=1&b=\"2\""),
        });
        assert!(local.contains(
            "<script src=\"/admin/decap/decap-cms.js?a=1&amp;b=&quot;2&quot;\"></script>"
        ));
        assert!(!local.contains("unpkg"));
    }
}

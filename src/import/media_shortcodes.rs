//! WordPress's media shortcodes as HTML the converter keeps: `[gallery]`
//! becomes the pictures it showed (from the export's attachments: their
//! address, alt text and caption), `[audio]` and `[video]` become players.
//! A shortcode whose pictures or file are not known stays text, and the
//! report names it.

use std::collections::HashMap;

use super::html_to_md::plain_text;
use super::shortcodes::attr;
use super::wxr::{Export, Item};

/// An attachment of the export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Attachment {
    id: String,
    url: String,
    /// Its alt text, else its title (what the featured image falls back to).
    alt: String,
    caption: String,
    parent: String,
    order: i64,
}

/// The export's attachments, by id and by the post they were uploaded to.
#[derive(Debug, Clone, Default)]
pub struct Attachments {
    list: Vec<Attachment>,
    by_id: HashMap<String, usize>,
}

/// Picture files a gallery shows (WordPress shows only images in one).
const IMAGE_EXTENSIONS: &[&str] = &["jpg", "jpeg", "png", "gif", "webp", "avif", "svg", "bmp"];

impl Attachments {
    pub fn new(export: &Export) -> Attachments {
        let mut a = Attachments::default();
        for it in export
            .items
            .iter()
            .filter(|it| it.post_type == "attachment")
        {
            a.add(it);
        }
        a
    }

    fn add(&mut self, it: &Item) {
        if it.attachment_url.is_empty() || self.by_id.contains_key(&it.id) {
            return;
        }
        self.by_id.insert(it.id.clone(), self.list.len());
        self.list.push(Attachment {
            id: it.id.clone(),
            url: it.attachment_url.clone(),
            alt: [&it.image_alt, &it.title]
                .into_iter()
                .map(|s| plain_text(s))
                .find(|s| !s.is_empty())
                .unwrap_or_default(),
            caption: plain_text(&it.excerpt),
            parent: it.parent.clone(),
            order: it.menu_order.parse().unwrap_or(0),
        });
    }

    /// The pictures of `[gallery attrs]` in the post `post_id`, as HTML;
    /// `None` when the export does not have them.
    pub fn gallery(&self, attrs: &str, post_id: &str) -> Option<String> {
        let ids = |key: &str| -> Vec<&str> {
            attr(attrs, key)
                .map(|v| {
                    v.split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .collect()
                })
                .unwrap_or_default()
        };
        let listed = [ids("ids"), ids("include")].concat();
        let pictures: Vec<&Attachment> = if listed.is_empty() {
            let parent = attr(attrs, "id").unwrap_or(post_id);
            let exclude = ids("exclude");
            let mut children: Vec<&Attachment> = self
                .list
                .iter()
                .filter(|a| a.parent == parent && !exclude.contains(&a.id.as_str()))
                .collect();
            children.sort_by_key(|a| (a.order, a.id.parse::<u64>().unwrap_or(u64::MAX)));
            children
        } else {
            listed
                .iter()
                .filter_map(|id| self.by_id.get(*id).map(|&i| &self.list[i]))
                .collect()
        };
        let pictures: Vec<&Attachment> =
            pictures.into_iter().filter(|a| is_image(&a.url)).collect();
        if pictures.is_empty() {
            return None;
        }
        let mut html = String::new();
        for a in pictures {
            let img = format!(
                "<img src=\"{}\" alt=\"{}\">",
                escape(&a.url),
                escape(&a.alt)
            );
            if a.caption.is_empty() {
                html.push_str(&format!("<p>{img}</p>"));
            } else {
                html.push_str(&format!(
                    "<figure>{img}<figcaption>{}</figcaption></figure>",
                    escape(&a.caption)
                ));
            }
        }
        Some(html)
    }
}

fn is_image(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    path.rsplit_once('.')
        .is_some_and(|(_, ext)| IMAGE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}

/// `[audio src="..."]` (or `mp3=`, `ogg=`, ...) as an `<audio>` player.
pub fn audio(attrs: &str) -> Option<String> {
    let src = ["src", "mp3", "m4a", "ogg", "wav", "wma", "flac"]
        .iter()
        .find_map(|k| attr(attrs, k).filter(|v| !v.trim().is_empty()))?;
    Some(format!(
        "<audio controls src=\"{}\"></audio>",
        escape(src.trim())
    ))
}

/// `[video src="..."]` (or `mp4=`, `webm=`, ...) as a `<video>` player,
/// with its size and poster picture.
pub fn video(attrs: &str) -> Option<String> {
    let src = ["src", "mp4", "m4v", "webm", "ogv", "wmv", "flv"]
        .iter()
        .find_map(|k| attr(attrs, k).filter(|v| !v.trim().is_empty()))?;
    let mut html = format!("<video controls src=\"{}\"", escape(src.trim()));
    for key in ["poster", "width", "height"] {
        if let Some(v) = attr(attrs, key).filter(|v| !v.trim().is_empty()) {
            html.push_str(&format!(" {key}=\"{}\"", escape(v.trim())));
        }
    }
    html.push_str("></video>");
    Some(html)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attachment(id: &str, parent: &str, url: &str, alt: &str, caption: &str) -> Item {
        Item {
            id: id.into(),
            parent: parent.into(),
            post_type: "attachment".into(),
            attachment_url: url.into(),
            image_alt: alt.into(),
            excerpt: caption.into(),
            ..Item::default()
        }
    }

    fn library() -> Attachments {
        Attachments::new(&Export {
            items: vec![
                attachment(
                    "51",
                    "50",
                    "https://x.example/u/room-1.jpg",
                    "Room 1",
                    "The window",
                ),
                attachment(
                    "52",
                    "50",
                    "https://x.example/u/room-2.jpg",
                    "Room \"2\"",
                    "",
                ),
                Item {
                    menu_order: "-1".into(),
                    title: "The <em>gym</em>".into(),
                    ..attachment("53", "50", "https://x.example/u/gym.JPG", "", "")
                },
                attachment("55", "9", "https://x.example/u/mat.jpg", "", "A mat"),
                attachment("54", "50", "https://x.example/u/program.pdf", "", ""),
                attachment("60", "7", "https://x.example/u/other.png", "Other", ""),
            ],
            ..Export::default()
        })
    }

    #[test]
    fn gallery_table() {
        let lib = library();
        let cases = [
            (
                "ids=\"52,51\"",
                Some(
                    "<p><img src=\"https://x.example/u/room-2.jpg\" alt=\"Room &quot;2&quot;\"></p><figure><img src=\"https://x.example/u/room-1.jpg\" alt=\"Room 1\"><figcaption>The window</figcaption></figure>",
                ),
            ),
            (
                "",
                Some(
                    "<p><img src=\"https://x.example/u/gym.JPG\" alt=\"The gym\"></p><figure><img src=\"https://x.example/u/room-1.jpg\" alt=\"Room 1\"><figcaption>The window</figcaption></figure><p><img src=\"https://x.example/u/room-2.jpg\" alt=\"Room &quot;2&quot;\"></p>",
                ),
            ),
            (
                "exclude=\"51,53\" link=\"file\"",
                Some(
                    "<p><img src=\"https://x.example/u/room-2.jpg\" alt=\"Room &quot;2&quot;\"></p>",
                ),
            ),
            (
                "id=\"7\"",
                Some("<p><img src=\"https://x.example/u/other.png\" alt=\"Other\"></p>"),
            ),
            (
                "ids=\"55\"",
                Some(
                    "<figure><img src=\"https://x.example/u/mat.jpg\" alt=\"\"><figcaption>A mat</figcaption></figure>",
                ),
            ),
            ("ids=\"999\"", None),
            ("ids=\"54\"", None),
        ];
        for (attrs, want) in cases {
            assert_eq!(lib.gallery(attrs, "50").as_deref(), want, "{attrs}");
        }
        assert_eq!(lib.gallery("", "12"), None);
    }

    #[test]
    fn audio_and_video_table() {
        assert_eq!(
            audio("mp3=\"https://x.example/a.mp3\"").as_deref(),
            Some("<audio controls src=\"https://x.example/a.mp3\"></audio>")
        );
        assert_eq!(
            audio("src='https://x.example/a.ogg' loop=\"on\"").as_deref(),
            Some("<audio controls src=\"https://x.example/a.ogg\"></audio>")
        );
        assert_eq!(audio("loop=\"on\""), None);
        assert_eq!(
            video("width=\"640\" height=\"360\" mp4=\"https://x.example/t.mp4\" poster=\"https://x.example/t.jpg\"").as_deref(),
            Some("<video controls src=\"https://x.example/t.mp4\" poster=\"https://x.example/t.jpg\" width=\"640\" height=\"360\"></video>")
        );
        assert_eq!(video("src=\"\""), None);
    }
}

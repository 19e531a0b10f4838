//! Videos without tracking: a YouTube or Vimeo address alone in a paragraph
//! (as WordPress embeds them) becomes a click-to-play video. The page shows
//! a neutral poster (drawn by the theme, nothing from the video host) with
//! the video's title, as a link to the video; the theme's script turns it
//! into a button that loads the host's privacy-enhanced player
//! (`youtube-nocookie.com`, Vimeo with `dnt=1`) only when pressed.

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};

/// Where a video is hosted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Host {
    YouTube,
    Vimeo,
}

/// A video found in an address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Video {
    pub host: Host,
    pub id: String,
    /// Where to start, in seconds (YouTube's `t=1m30s`).
    pub start: Option<u32>,
    /// The key of an unlisted Vimeo video (`vimeo.com/<id>/<key>`).
    pub key: Option<String>,
}

impl Video {
    /// The host's name, as people know it.
    pub fn host_name(&self) -> &'static str {
        match self.host {
            Host::YouTube => "YouTube",
            Host::Vimeo => "Vimeo",
        }
    }

    /// The host the player loads from once a reader presses play.
    pub fn player_host(&self) -> &'static str {
        match self.host {
            Host::YouTube => "www.youtube-nocookie.com",
            Host::Vimeo => "player.vimeo.com",
        }
    }

    /// The privacy-enhanced player, starting at once.
    pub fn player_url(&self) -> String {
        let host = self.player_host();
        match self.host {
            Host::YouTube => {
                let start = self
                    .start
                    .map(|s| format!("&start={s}"))
                    .unwrap_or_default();
                format!("https://{host}/embed/{}?autoplay=1{start}", self.id)
            }
            Host::Vimeo => {
                let key = self
                    .key
                    .as_ref()
                    .map(|k| format!("&h={k}"))
                    .unwrap_or_default();
                format!("https://{host}/video/{}?dnt=1&autoplay=1{key}", self.id)
            }
        }
    }
}

/// The video at `url`: `youtube.com/watch?v=ID`, `youtu.be/ID`,
/// `youtube.com/shorts/ID` or `vimeo.com/ID` (with `www.` or `m.`).
pub fn parse(url: &str) -> Option<Video> {
    let parsed = url::Url::parse(url.trim()).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return None;
    }
    let host = parsed.host_str()?.to_ascii_lowercase();
    let host = host
        .strip_prefix("www.")
        .or_else(|| host.strip_prefix("m."))
        .unwrap_or(&host);
    let segments: Vec<&str> = parsed.path_segments()?.filter(|s| !s.is_empty()).collect();
    let query = |key: &str| {
        parsed
            .query_pairs()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.into_owned())
    };
    let youtube = |id: String| {
        is_youtube_id(&id).then(|| Video {
            host: Host::YouTube,
            id,
            start: query("t")
                .or_else(|| query("start"))
                .and_then(|t| seconds(&t)),
            key: None,
        })
    };
    match (host, segments.as_slice()) {
        ("youtube.com", ["watch"]) => youtube(query("v")?),
        ("youtube.com", ["shorts", id]) | ("youtu.be", [id]) => youtube(id.to_string()),
        ("vimeo.com", [id, rest @ ..]) if rest.len() <= 1 && is_digits(id) => {
            let key = rest.first().map(|k| k.to_string());
            key.as_deref()
                .is_none_or(|k| k.bytes().all(|b| b.is_ascii_alphanumeric()))
                .then(|| Video {
                    host: Host::Vimeo,
                    id: id.to_string(),
                    start: None,
                    key,
                })
        }
        _ => None,
    }
}

fn is_youtube_id(id: &str) -> bool {
    id.len() == 11
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.len() <= 12 && s.bytes().all(|b| b.is_ascii_digit())
}

/// `90`, `90s`, `1m30s`, `1h2m3s` → seconds.
fn seconds(t: &str) -> Option<u32> {
    if let Ok(n) = t.parse::<u32>() {
        return Some(n);
    }
    let mut total: u32 = 0;
    let mut number = String::new();
    for c in t.chars() {
        match c {
            '0'..='9' => number.push(c),
            'h' | 'm' | 's' => {
                let unit = match c {
                    'h' => 3600,
                    'm' => 60,
                    _ => 1,
                };
                let n: u32 = number.parse().ok()?;
                total = total.checked_add(n.checked_mul(unit)?)?;
                number.clear();
            }
            _ => return None,
        }
    }
    number.is_empty().then_some(total)
}

/// Whether a paragraph that starts with `event` may be a lone video address,
/// and is worth reading to its end to find out.
pub(super) fn may_start(event: &Event<'_>) -> bool {
    match event {
        Event::Text(t) => {
            let t = t.trim_start().get(..4).unwrap_or("");
            t.eq_ignore_ascii_case("http")
        }
        Event::Start(Tag::Link { dest_url, .. }) => parse(dest_url).is_some(),
        _ => false,
    }
}

/// A video address alone in a paragraph: the video, the address as
/// written, and the link's own text (its title) when it has one.
pub(super) type Lone = (Video, String, Option<String>);

/// A paragraph's content (its events, without the paragraph's own start and
/// end) that is a video address and nothing else.
pub(super) fn lone(events: &[Event<'_>]) -> Option<Lone> {
    if let Some(Event::Start(Tag::Link {
        link_type,
        dest_url,
        ..
    })) = events.first()
    {
        if !matches!(events.last(), Some(Event::End(TagEnd::Link))) {
            return None;
        }
        let mut title = String::new();
        for e in &events[1..events.len() - 1] {
            match e {
                Event::Text(t) | Event::Code(t) => title.push_str(t),
                Event::Start(Tag::Emphasis | Tag::Strong) => {}
                Event::End(TagEnd::Emphasis | TagEnd::Strong) => {}
                _ => return None,
            }
        }
        let title = title.trim();
        let own_text = !matches!(link_type, LinkType::Autolink)
            && !title.is_empty()
            && title != dest_url.trim();
        let title = own_text.then(|| title.to_string());
        return parse(dest_url).map(|v| (v, dest_url.to_string(), title));
    }
    let mut text = String::new();
    for e in events {
        match e {
            Event::Text(t) => text.push_str(t),
            _ => return None,
        }
    }
    parse(text.trim()).map(|v| (v, text.trim().to_string(), None))
}

/// The click-to-play markup: a poster that links to the video (`href`, as
/// written), with the player's address for the theme's script.
/// `untitled` names a video without a title (`{host}`: YouTube or Vimeo).
pub(super) fn html(video: &Video, href: &str, title: Option<&str>, untitled: &str) -> String {
    let fallback = untitled.replace("{host}", video.host_name());
    let title = title.unwrap_or(&fallback);
    let mut out = String::from("<div class=\"video\" data-video-player=\"");
    let _ = escape_html(&mut out, &video.player_url());
    out.push_str("\" data-video-host=\"");
    out.push_str(video.host_name());
    out.push_str("\">\n<a class=\"video-poster\" href=\"");
    let _ = escape_href(&mut out, href.trim());
    out.push_str("\" rel=\"noopener\"><span class=\"video-play\" aria-hidden=\"true\"></span><span class=\"video-title\">");
    let _ = escape_html(&mut out, title);
    out.push_str("</span></a>\n</div>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    #[test]
    fn addresses_table() {
        let yt = |id: &str, start: Option<u32>| {
            Some(Video {
                host: Host::YouTube,
                id: id.into(),
                start,
                key: None,
            })
        };
        let vimeo = |id: &str, key: Option<&str>| {
            Some(Video {
                host: Host::Vimeo,
                id: id.into(),
                start: None,
                key: key.map(str::to_string),
            })
        };
        let cases = [
            (
                "https://www.youtube.com/watch?v=kP3vR8dW2xQ",
                yt("kP3vR8dW2xQ", None),
            ),
            (
                "https://youtube.com/watch?feature=share&v=kP3vR8dW2xQ&t=1m30s",
                yt("kP3vR8dW2xQ", Some(90)),
            ),
            (
                "http://m.youtube.com/watch?v=kP3vR8dW2xQ",
                yt("kP3vR8dW2xQ", None),
            ),
            (
                "https://youtu.be/kP3vR8dW2xQ?t=42",
                yt("kP3vR8dW2xQ", Some(42)),
            ),
            (
                "https://www.youtube.com/shorts/Zx_9-aB3cD4",
                yt("Zx_9-aB3cD4", None),
            ),
            ("https://vimeo.com/76979871", vimeo("76979871", None)),
            (
                "https://vimeo.com/76979871/3f9a2b1c4d",
                vimeo("76979871", Some("3f9a2b1c4d")),
            ),
            ("https://www.youtube.com/watch?v=short", None),
            ("https://www.youtube.com/channel/UC123", None),
            ("https://youtube.com.evil.example/watch?v=kP3vR8dW2xQ", None),
            ("https://vimeo.com/channels/staffpicks", None),
            ("ftp://youtu.be/kP3vR8dW2xQ", None),
            ("youtu.be/kP3vR8dW2xQ", None),
        ];
        for (url, want) in cases {
            assert_eq!(parse(url), want, "{url}");
        }
    }

    #[test]
    fn players_are_privacy_enhanced() {
        let v = parse("https://youtu.be/kP3vR8dW2xQ?t=42").unwrap();
        assert_eq!(
            v.player_url(),
            "https://www.youtube-nocookie.com/embed/kP3vR8dW2xQ?autoplay=1&start=42"
        );
        let v = parse("https://vimeo.com/76979871/3f9a2b1c4d").unwrap();
        assert_eq!(
            v.player_url(),
            "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1&h=3f9a2b1c4d"
        );
    }

    #[test]
    fn lone_addresses_in_paragraphs() {
        let content = |md: &str| -> Vec<Event<'static>> {
            let events: Vec<Event<'static>> = Parser::new(md).map(|e| e.into_static()).collect();
            events[1..events.len() - 1].to_vec()
        };
        let title = |md: &str| lone(&content(md)).map(|(v, _, t)| (v.id, t));
        let id = || "kP3vR8dW2xQ".to_string();
        let cases = [
            (
                "https://www.youtube.com/watch?v=kP3vR8dW2xQ",
                Some((id(), None)),
            ),
            ("<https://youtu.be/kP3vR8dW2xQ>", Some((id(), None))),
            (
                "[https://youtu.be/kP3vR8dW2xQ](https://youtu.be/kP3vR8dW2xQ)",
                Some((id(), None)),
            ),
            (
                "[Hip bridge, *slowly*](https://youtu.be/kP3vR8dW2xQ)",
                Some((id(), Some("Hip bridge, slowly".to_string()))),
            ),
            ("Watch https://youtu.be/kP3vR8dW2xQ", None),
            ("https://youtu.be/kP3vR8dW2xQ and more", None),
            (
                "[a](https://youtu.be/kP3vR8dW2xQ) [b](https://youtu.be/kP3vR8dW2xQ)",
                None,
            ),
            ("https://www.example.org/video", None),
        ];
        for (md, want) in cases {
            assert_eq!(title(md), want, "{md}");
        }
    }

    #[test]
    fn the_poster_escapes_what_it_is_given() {
        let v = parse("https://youtu.be/kP3vR8dW2xQ").unwrap();
        assert_eq!(
            html(
                &v,
                "https://youtu.be/kP3vR8dW2xQ?a=1&b=\"2\"",
                Some("<Bridges> & \"rolls\""),
                "Video on {host}"
            ),
            "<div class=\"video\" data-video-player=\"https://www.youtube-nocookie.com/embed/kP3vR8dW2xQ?autoplay=1\" data-video-host=\"YouTube\">\n<a class=\"video-poster\" href=\"https://youtu.be/kP3vR8dW2xQ?a=1&amp;b=%222%22\" rel=\"noopener\"><span class=\"video-play\" aria-hidden=\"true\"></span><span class=\"video-title\">&lt;Bridges&gt; &amp; &quot;rolls&quot;</span></a>\n</div>\n"
        );
        assert!(
            html(&v, "https://youtu.be/kP3vR8dW2xQ", None, "Video on {host}")
                .contains(">Video on YouTube</span>")
        );
    }
}

//! The HTTP headers gait asks hosts to send: the security headers every
//! response gets, and how long each file may be cached. `_headers`,
//! `.htaccess` and `gait deploy`'s object metadata all take them from here.

use std::collections::BTreeSet;

/// Fingerprinted assets (a hash in the name) never change: a year, immutable.
pub const CACHE_FINGERPRINTED: &str = "public, max-age=31536000, immutable";
/// Everything else, HTML first of all, may change on the next deploy: five minutes.
pub const CACHE_SHORT: &str = "public, max-age=300";

/// Cache-Control for a file of the site.
pub fn cache_control(fingerprinted: bool) -> &'static str {
    if fingerprinted {
        CACHE_FINGERPRINTED
    } else {
        CACHE_SHORT
    }
}

/// Other sites' origins (`https://www.youtube-nocookie.com`) that the pages
/// load something from, by the kind of thing loaded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loads {
    pub scripts: BTreeSet<String>,
    pub styles: BTreeSet<String>,
    pub images: BTreeSet<String>,
    pub media: BTreeSet<String>,
    pub frames: BTreeSet<String>,
    pub fonts: BTreeSet<String>,
}

impl Loads {
    /// Everything `self` or `other` loads.
    pub fn merge(mut self, other: Loads) -> Loads {
        for (mine, theirs) in [
            (&mut self.scripts, other.scripts),
            (&mut self.styles, other.styles),
            (&mut self.images, other.images),
            (&mut self.media, other.media),
            (&mut self.frames, other.frames),
            (&mut self.fonts, other.fonts),
        ] {
            mine.extend(theirs);
        }
        self
    }
}

/// The Content-Security-Policy for the site. Scripts, styles, fonts and
/// fetches come from the site itself (the theme's search and finder fetch
/// their JSON from it); images, audio, video and frames also from the
/// origins in `loads`. No inline script runs: the theme has none, and
/// `gait check` warns about them in content. Inline `style` attributes are
/// allowed (Markdown's aligned table cells use them), `<style>` elements are not.
pub fn content_security_policy(loads: &Loads) -> String {
    let with = |base: &str, extra: &BTreeSet<String>| {
        extra
            .iter()
            .fold(base.to_string(), |acc, o| format!("{acc} {o}"))
    };
    let frames = match loads.frames.is_empty() {
        true => "'none'".to_string(),
        false => with("'self'", &loads.frames),
    };
    [
        "default-src 'self'".to_string(),
        format!("script-src {}", with("'self'", &loads.scripts)),
        format!("style-src {}", with("'self'", &loads.styles)),
        "style-src-attr 'unsafe-inline'".to_string(),
        format!("img-src {}", with("'self'", &loads.images)),
        format!("media-src {}", with("'self'", &loads.media)),
        format!("font-src {}", with("'self'", &loads.fonts)),
        "connect-src 'self'".to_string(),
        format!("frame-src {frames}"),
        "object-src 'none'".to_string(),
        "base-uri 'self'".to_string(),
        "form-action 'self'".to_string(),
        "frame-ancestors 'self'".to_string(),
    ]
    .join("; ")
}

/// The name of the policy header.
pub const CSP: &str = "Content-Security-Policy";

/// Browser features the site never uses are switched off; the therapist
/// finder's "use my location" button needs geolocation on the site itself.
pub const PERMISSIONS_POLICY: &str = "accelerometer=(), camera=(), geolocation=(self), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

/// The headers every response gets, in the order the host files list them.
pub fn security_headers(loads: &Loads) -> Vec<(&'static str, String)> {
    vec![
        (CSP, content_security_policy(loads)),
        ("X-Content-Type-Options", "nosniff".to_string()),
        (
            "Referrer-Policy",
            "strict-origin-when-cross-origin".to_string(),
        ),
        ("Permissions-Policy", PERMISSIONS_POLICY.to_string()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_without_other_origins_is_self_only() {
        assert_eq!(
            content_security_policy(&Loads::default()),
            "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self'; media-src 'self'; font-src 'self'; connect-src 'self'; frame-src 'none'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
        );
    }

    #[test]
    fn other_origins_join_their_directive() {
        let mut loads = Loads::default();
        loads.images.insert("https://images.example.net".into());
        loads.images.insert("https://cdn.example.com".into());
        loads
            .frames
            .insert("https://www.youtube-nocookie.com".into());
        let csp = content_security_policy(&loads);
        assert!(
            csp.contains("; img-src 'self' https://cdn.example.com https://images.example.net;")
        );
        assert!(csp.contains("; frame-src 'self' https://www.youtube-nocookie.com;"));
        assert!(csp.contains("; script-src 'self';"));
    }

    #[test]
    fn cache_rules() {
        assert_eq!(cache_control(true), "public, max-age=31536000, immutable");
        assert_eq!(cache_control(false), "public, max-age=300");
    }
}

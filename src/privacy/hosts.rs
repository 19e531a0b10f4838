//! The other hosts a site loads from, by kind, with the players of
//! click-to-play videos apart: what a Content-Security-Policy must allow,
//! and what `gait check` tells about the site's third parties.

use std::collections::BTreeSet;

use serde::Serialize;

use super::Kind;

/// The other hosts a site loads from, by kind: what a Content-Security-Policy
/// must allow besides `'self'`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Hosts {
    pub script: BTreeSet<String>,
    pub frame: BTreeSet<String>,
    pub img: BTreeSet<String>,
    pub style: BTreeSet<String>,
    pub font: BTreeSet<String>,
    pub media: BTreeSet<String>,
    pub object: BTreeSet<String>,
    /// The players of click-to-play videos: loaded only after a reader
    /// presses play, never as a page opens (a policy's `frame-src` must
    /// still allow them).
    pub after_click: BTreeSet<String>,
}

impl Hosts {
    /// The kinds a policy has a directive for, in the order it lists them.
    const KINDS: [Kind; 7] = [
        Kind::Script,
        Kind::Style,
        Kind::Img,
        Kind::Font,
        Kind::Media,
        Kind::Frame,
        Kind::Object,
    ];

    /// The hosts of one kind (none for connections, which no directive governs).
    pub fn of(&self, kind: Kind) -> Option<&BTreeSet<String>> {
        Some(match kind {
            Kind::Script => &self.script,
            Kind::Frame => &self.frame,
            Kind::Img => &self.img,
            Kind::Style => &self.style,
            Kind::Font => &self.font,
            Kind::Media => &self.media,
            Kind::Object => &self.object,
            Kind::Connect => return None,
        })
    }

    pub fn add(&mut self, kind: Kind, host: &str) {
        let set = match kind {
            Kind::Script => &mut self.script,
            Kind::Frame => &mut self.frame,
            Kind::Img => &mut self.img,
            Kind::Style => &mut self.style,
            Kind::Font => &mut self.font,
            Kind::Media => &mut self.media,
            Kind::Object => &mut self.object,
            Kind::Connect => return,
        };
        if !set.contains(host) {
            set.insert(host.to_string());
        }
    }

    /// Each CSP directive with the hosts it must allow (directives without
    /// hosts left out): `script-src`, `style-src`, `img-src`, `font-src`,
    /// `media-src`, `frame-src` (with the video players), `object-src`.
    pub fn directives(&self) -> Vec<(&'static str, BTreeSet<String>)> {
        Self::KINDS
            .iter()
            .filter_map(|&k| {
                let mut hosts = self.of(k)?.clone();
                if k == Kind::Frame {
                    hosts.extend(self.after_click.iter().cloned());
                }
                Some((k.directive()?, hosts))
            })
            .filter(|(_, hosts)| !hosts.is_empty())
            .collect()
    }

    /// What `gait check` tells about the site's third parties: the hosts
    /// site.yaml allows, by what they serve, and the video players, which
    /// load only on a click. Empty when pages load nothing from elsewhere.
    pub fn summary(&self) -> Vec<String> {
        let mut out = Vec::new();
        let loaded: Vec<String> = Self::KINDS
            .iter()
            .filter_map(|&k| {
                let hosts = self.of(k)?;
                (!hosts.is_empty()).then(|| format!("{} ({})", join(hosts), k.plural()))
            })
            .collect();
        if !loaded.is_empty() {
            out.push(format!(
                "Pages load from other sites that site.yaml allows: {}",
                loaded.join("; ")
            ));
        }
        if !self.after_click.is_empty() {
            out.push(format!(
                "Videos play from {} only when a reader presses play: nothing is requested from there as a page opens",
                join(&self.after_click)
            ));
        }
        out
    }
}

fn join(hosts: &BTreeSet<String>) -> String {
    hosts
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

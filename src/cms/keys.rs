//! The one table of gait's front-matter keys, for the browser editor.
//!
//! Each content kind lists its keys once: name, kind of value, whether gait
//! requires it, and a hint for the person typing it. The Decap CMS config
//! (`config.rs`) is generated from these rows and `gait check` compares a
//! config against them (`drift.rs`). Which keys exist at all is not written
//! here a second time: [`Collection::known_keys`] reads them from the same
//! serde structs whose field lists the parsers' "did you mean" help quotes,
//! and the tests below fail when a row is missing or required flags differ.
//!
//! Adding a key to the model is one row here (plus its field in the raw
//! struct).

use serde_aux::serde_introspection::serde_introspect;

use crate::content::{author, clinic, page, post, referrals};

/// What a key holds, which decides its widget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One line of text.
    Text,
    /// A few sentences.
    Paragraph,
    /// A day, written `2024-05-02`.
    Date,
    /// `true` or `false`, off in a new entry.
    Flag,
    /// `true` or `false`, on in a new entry (a new post starts as a draft).
    FlagOn,
    /// A web address, a `mailto:` or `tel:` address, or a path on the site.
    Link,
    /// A picture from the media folder.
    Image,
    /// A short list typed with commas: `running, postpartum`.
    Words,
    /// A list with one line per item (opening hours, old addresses).
    Lines,
    /// Names picked from those the posts already use (categories).
    Terms,
    /// The slug of an entry of another collection.
    Relation(Collection),
    /// A two-letter state code.
    State,
    /// A list of two-letter state codes.
    States,
    /// State licenses: a list of `{state, number}`.
    Licenses,
    /// A ZIP code, kept as text.
    Zip,
    /// A decimal number (latitude, longitude).
    Decimal,
    /// Custom keys (`extra`): kept as written, not edited in the browser.
    Custom,
}

/// One front-matter key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub name: &'static str,
    pub kind: Kind,
    /// gait refuses a file without it.
    pub required: bool,
    /// Shown under the field.
    pub hint: &'static str,
}

const fn required(name: &'static str, kind: Kind, hint: &'static str) -> Key {
    Key {
        name,
        kind,
        required: true,
        hint,
    }
}

const fn optional(name: &'static str, kind: Kind, hint: &'static str) -> Key {
    Key {
        name,
        kind,
        required: false,
        hint,
    }
}

use Collection::{Authors, Clinics};
use Kind::*;

// Rows that team members and referrals share.
const CREDENTIALS: Key = optional("credentials", Text, "For example: DPT, PRPC");
const SPECIALTIES: Key = optional("specialties", Words, "Separate with commas.");
const VIRTUAL: Key = optional("virtual", Flag, "Sees patients by video.");
const TELEHEALTH: Key = optional(
    "telehealth_states",
    States,
    "States where they are licensed to see patients by video.",
);
const ACCEPTING: Key = optional("accepting_patients", Flag, "Accepting new patients.");
const BOOKING: Key = optional(
    "booking_url",
    Link,
    "A web address (https://…), or a path on this site such as /contact/",
);
const ZIP: Key = optional("zip", Zip, "Five digits, or ZIP+4.");

pub const POST_KEYS: &[Key] = &[
    required("title", Text, ""),
    required(
        "date",
        Date,
        "The day the post is published. Posts dated in the future stay off the site until that day.",
    ),
    required(
        "author",
        Relation(Authors),
        "Who wrote it: their byline shows credentials and clinic.",
    ),
    optional(
        "clinic",
        Relation(Clinics),
        "Leave empty to use the author's clinic.",
    ),
    optional("categories", Terms, "Topics: each has an archive page."),
    optional("tags", Words, "Separate with commas."),
    optional(
        "summary",
        Paragraph,
        "Shown in lists, the feed and search results. Empty: the first paragraph.",
    ),
    optional(
        "image",
        Image,
        "A picture for the post. It needs a description (below).",
    ),
    optional(
        "image_alt",
        Text,
        "What the picture shows, for people who cannot see it. Required when there is a picture.",
    ),
    optional("updated", Date, "The day of the last real change, if any."),
    optional(
        "reviewed_by",
        Relation(Authors),
        "A clinician who checked the post: shown as “Medically reviewed by”. Needs the day (below).",
    ),
    optional(
        "last_reviewed",
        Date,
        "The day of the last clinical review. Needed with a reviewer.",
    ),
    optional(
        "draft",
        FlagOn,
        "A draft stays off the site. Switch it off to publish.",
    ),
    optional(
        "slug",
        Text,
        "The address of the post: lower-case words and hyphens. Empty: from the file name.",
    ),
    optional(
        "aliases",
        Lines,
        "Old addresses that should lead here, such as /2019/03/old-post/",
    ),
    optional("extra", Custom, ""),
];

pub const PAGE_KEYS: &[Key] = &[
    required("title", Text, ""),
    optional(
        "summary",
        Paragraph,
        "One or two sentences for search engines and search results.",
    ),
    optional(
        "draft",
        FlagOn,
        "A draft stays off the site. Switch it off to publish.",
    ),
    optional("extra", Custom, ""),
];

pub const AUTHOR_KEYS: &[Key] = &[
    required("name", Text, "Full name, as in the byline."),
    CREDENTIALS,
    optional("role", Text, "For example: Clinic lead, Portland"),
    optional("clinic", Relation(Clinics), "Where they see patients."),
    optional(
        "photo",
        Image,
        "A portrait. It needs a description (below).",
    ),
    optional(
        "photo_alt",
        Text,
        "What the photo shows. Required when there is a photo.",
    ),
    optional("pronouns", Text, "For example: she/her"),
    SPECIALTIES,
    optional(
        "languages",
        Words,
        "Languages they see patients in, separated with commas.",
    ),
    VIRTUAL,
    TELEHEALTH,
    ACCEPTING,
    BOOKING,
    optional("finder", FlagOn, "Listed in the therapist finder."),
    optional(
        "npi",
        Text,
        "National Provider Identifier: ten digits, from the NPI registry (NPPES).",
    ),
    optional(
        "licenses",
        Licenses,
        "State licenses, shown on the bio so patients can check them.",
    ),
    optional("extra", Custom, ""),
];

pub const CLINIC_KEYS: &[Key] = &[
    required("name", Text, ""),
    optional("address", Text, "Street and suite."),
    required("city", Text, ""),
    required("state", State, ""),
    ZIP,
    optional("phone", Text, ""),
    optional("email", Text, ""),
    optional(
        "lat",
        Decimal,
        "Latitude, for the map and distances (with longitude).",
    ),
    optional("lon", Decimal, "Longitude (with latitude)."),
    optional(
        "hours",
        Lines,
        "One line per row, such as Mon–Thu 7:00–19:00",
    ),
    optional("virtual", Flag, "Offers video visits."),
    BOOKING,
    optional(
        "insurance",
        Words,
        "Insurance plans you accept, separated with commas.",
    ),
    optional(
        "accepting_new_patients",
        Flag,
        "The clinic is taking new patients.",
    ),
    optional("extra", Custom, ""),
];

pub const REFERRAL_KEYS: &[Key] = &[
    required("name", Text, ""),
    CREDENTIALS,
    optional("practice", Text, ""),
    optional("address", Text, ""),
    required("city", Text, ""),
    required("state", State, ""),
    ZIP,
    optional("lat", Decimal, "Latitude (with longitude)."),
    optional("lon", Decimal, "Longitude (with latitude)."),
    optional("phone", Text, ""),
    optional("url", Link, BOOKING.hint),
    SPECIALTIES,
    optional("languages", Words, "Separate with commas."),
    VIRTUAL,
    TELEHEALTH,
    ACCEPTING,
    BOOKING,
];

/// The kinds of content the browser editor edits, in menu order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Collection {
    Posts,
    Pages,
    Authors,
    Clinics,
    Referrals,
}

impl Collection {
    pub const ALL: [Collection; 5] = [
        Collection::Posts,
        Collection::Pages,
        Collection::Authors,
        Collection::Clinics,
        Collection::Referrals,
    ];

    /// The collection's `name` in config.yml.
    pub fn name(self) -> &'static str {
        match self {
            Collection::Posts => "posts",
            Collection::Pages => "pages",
            Collection::Authors => "authors",
            Collection::Clinics => "clinics",
            Collection::Referrals => "referrals",
        }
    }

    /// The table's rows for this collection.
    pub fn keys(self) -> &'static [Key] {
        match self {
            Collection::Posts => POST_KEYS,
            Collection::Pages => PAGE_KEYS,
            Collection::Authors => AUTHOR_KEYS,
            Collection::Clinics => CLINIC_KEYS,
            Collection::Referrals => REFERRAL_KEYS,
        }
    }

    /// Every key gait's parser accepts: the field list of the raw serde
    /// struct, which is also what "did you mean" suggests from.
    pub fn known_keys(self) -> &'static [&'static str] {
        match self {
            Collection::Posts => serde_introspect::<post::RawPost>(),
            Collection::Pages => serde_introspect::<page::RawPage>(),
            Collection::Authors => serde_introspect::<author::RawAuthor>(),
            Collection::Clinics => serde_introspect::<clinic::RawClinic>(),
            Collection::Referrals => serde_introspect::<referrals::RawReferral>(),
        }
    }

    /// The row of `name`, if the table has one.
    pub fn key(self, name: &str) -> Option<&'static Key> {
        self.keys().iter().find(|k| k.name == name)
    }

    /// The label of the Markdown text after the front matter, if the files have one.
    pub fn body_label(self) -> Option<&'static str> {
        match self {
            Collection::Posts | Collection::Pages => Some("Text"),
            Collection::Authors => Some("Bio"),
            Collection::Clinics => Some("Description"),
            Collection::Referrals => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn the_table_has_one_row_per_key_the_parser_knows() {
        for c in Collection::ALL {
            let rows: Vec<&str> = c.keys().iter().map(|k| k.name).collect();
            assert_eq!(
                rows,
                c.known_keys(),
                "{}: rows in the parser's order",
                c.name()
            );
        }
    }

    /// A file with only the table's required keys parses; without any one
    /// of them, it does not.
    #[test]
    fn required_flags_match_the_parsers() {
        let value = |k: &Key| match k.kind {
            Date => "2024-05-02",
            State => "TX",
            _ => "jo",
        };
        let doc = |keys: &[&Key]| -> String {
            keys.iter()
                .map(|k| format!("{}: {}\n", k.name, value(k)))
                .collect()
        };
        for c in Collection::ALL {
            let required: Vec<&Key> = c.keys().iter().filter(|k| k.required).collect();
            let parses = |yaml: &str| match c {
                Collection::Posts => post::parse(
                    Path::new("content/posts/a.md"),
                    &format!("---\n{yaml}---\n"),
                    None,
                )
                .is_ok(),
                Collection::Pages => page::parse(
                    Path::new("content/pages/a.md"),
                    &format!("---\n{yaml}---\n"),
                )
                .is_ok(),
                Collection::Authors => author::parse(
                    Path::new("content/authors/a.md"),
                    &format!("---\n{yaml}---\n"),
                )
                .is_ok(),
                Collection::Clinics => clinic::parse(
                    Path::new("content/clinics/a.md"),
                    &format!("---\n{yaml}---\n"),
                )
                .is_ok(),
                Collection::Referrals => {
                    let item = yaml.replace('\n', "\n  ");
                    referrals::parse(Path::new(referrals::FILE), &format!("- {item}\n")).is_ok()
                }
            };
            assert!(
                parses(&doc(&required)),
                "{}: only the required keys",
                c.name()
            );
            for left_out in &required {
                let rest: Vec<&Key> = required
                    .iter()
                    .copied()
                    .filter(|k| k.name != left_out.name)
                    .collect();
                assert!(
                    !parses(&doc(&rest)),
                    "{}: `{}` is marked required, but a file without it parses",
                    c.name(),
                    left_out.name
                );
            }
        }
    }
}

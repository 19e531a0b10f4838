//! One front-matter key as one Decap CMS form field: the widget and its
//! options follow from the key's [`Kind`] in the table (`keys.rs`).

use serde::Serialize;

use super::config::SiteFacts;
use super::keys::{Collection, Key, Kind};

/// How a date is written: a form gait reads (see `crate::date`).
pub const DATE_FORMAT: &str = "YYYY-MM-DD";

/// One field of a form, with the options of every widget gait uses.
#[derive(Serialize, Default, Debug, Clone)]
pub struct Field {
    pub label: String,
    pub name: String,
    pub widget: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<serde_yaml::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collection: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_field: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub search_fields: Vec<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub display_fields: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub multiple: Option<bool>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_format: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<[&'static str; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label_singular: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<Box<Field>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
}

/// The form field of one key; `None` for keys not edited in the browser.
pub fn field(k: &Key, site: &SiteFacts) -> Option<Field> {
    let mut hint = k.hint.to_string();
    if k.kind == Kind::Words && k.name == "tags" && !site.tags.is_empty() {
        let used: Vec<&str> = site.tags.iter().take(12).map(String::as_str).collect();
        hint = format!("{hint} Used so far: {}.", used.join(", "));
    }
    let base = Field {
        label: label(k.name),
        name: k.name.into(),
        required: (!k.required).then_some(false),
        hint: (!hint.is_empty()).then_some(hint),
        ..Field::default()
    };
    match k.kind {
        Kind::Custom => None,
        Kind::Lines | Kind::Terms | Kind::Relation(_) | Kind::State | Kind::States => {
            Some(choice(k, base))
        }
        Kind::Licenses => Some(licenses(base)),
        _ => Some(single(k, base)),
    }
}

/// A field that holds one value.
fn single(k: &Key, base: Field) -> Field {
    let widget = |widget| Field {
        widget,
        ..base.clone()
    };
    match k.kind {
        Kind::Text => widget("string"),
        Kind::Paragraph => widget("text"),
        Kind::Flag => widget("boolean"),
        Kind::Image => widget("image"),
        Kind::Words => widget("list"),
        Kind::Date => Field {
            widget: "datetime",
            format: Some(DATE_FORMAT),
            date_format: Some(DATE_FORMAT),
            time_format: Some(false),
            default: k.required.then(|| "{{now}}".into()),
            ..base
        },
        Kind::FlagOn => Field {
            widget: "boolean",
            default: Some(true.into()),
            ..base
        },
        Kind::Link => Field {
            widget: "string",
            pattern: Some([
                "^(https?://|mailto:|tel:|/)",
                "Start with https://, mailto:, tel: or /",
            ]),
            ..base
        },
        Kind::Zip => Field {
            widget: "string",
            pattern: Some(["^[0-9]{5}(-[0-9]{4})?$", "Five digits, or ZIP+4"]),
            ..base
        },
        _ => Field {
            widget: "number",
            value_type: Some("float"),
            ..base
        },
    }
}

/// A field whose values are chosen from a list, or one per line.
fn choice(k: &Key, base: Field) -> Field {
    match k.kind {
        Kind::Lines => Field {
            widget: "list",
            field: Some(Box::new(Field {
                label: label(k.name),
                name: "line".into(),
                widget: "string",
                ..Field::default()
            })),
            ..base
        },
        Kind::Terms => Field {
            widget: "relation",
            collection: Some(Collection::Posts.name()),
            value_field: Some(TERMS_VALUE_FIELD),
            search_fields: vec![TERMS_VALUE_FIELD],
            display_fields: vec![TERMS_VALUE_FIELD],
            multiple: Some(true),
            ..base
        },
        Kind::Relation(to) => Field {
            widget: "relation",
            collection: Some(to.name()),
            value_field: Some(RELATION_VALUE_FIELD),
            search_fields: vec!["name"],
            display_fields: vec!["name"],
            ..base
        },
        _ => Field {
            widget: "select",
            options: STATES.to_vec(),
            multiple: (k.kind == Kind::States).then_some(true),
            ..base
        },
    }
}

/// State licenses: a list of `{state, number}`.
fn licenses(base: Field) -> Field {
    Field {
        widget: "list",
        label_singular: Some("license"),
        summary: Some("{{fields.state}} {{fields.number}}"),
        fields: vec![
            Field {
                label: "State".into(),
                name: "state".into(),
                widget: "select",
                options: STATES.to_vec(),
                ..Field::default()
            },
            Field {
                label: "License number".into(),
                name: "number".into(),
                widget: "string",
                ..Field::default()
            },
        ],
        ..base
    }
}

/// A relation stores the other entry's slug, its file name: what gait's keys hold.
pub const RELATION_VALUE_FIELD: &str = "{{slug}}";
/// Categories are offered from those the posts already use.
pub const TERMS_VALUE_FIELD: &str = "categories.*";

/// The form label of a key.
fn label(name: &str) -> String {
    let named = match name {
        "image_alt" => "Picture description",
        "image" => "Picture",
        "photo_alt" => "Photo description",
        "booking_url" => "Booking link",
        "url" => "Website",
        "lat" => "Latitude",
        "lon" => "Longitude",
        "zip" => "ZIP code",
        "virtual" => "Video visits",
        "finder" => "In the therapist finder",
        "accepting_patients" => "Accepting new patients",
        "accepting_new_patients" => "Accepting new patients",
        "npi" => "NPI",
        "reviewed_by" => "Medically reviewed by",
        "last_reviewed" => "Last reviewed on",
        "telehealth_states" => "Licensed for video visits in",
        "slug" => "Address (slug)",
        "aliases" => "Old addresses",
        "updated" => "Updated on",
        "email" => "E-mail",
        _ => "",
    };
    if !named.is_empty() {
        return named.to_string();
    }
    let spaced = name.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// US states, DC and the territories, as two-letter codes.
const STATES: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM",
    "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA",
    "WV", "WI", "WY", "AS", "GU", "MP", "PR", "VI",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cms::config::test_facts as facts;
    use crate::cms::keys::{POST_KEYS, REFERRAL_KEYS};

    #[test]
    fn field_table() {
        let f = |name: &str| {
            let k = POST_KEYS.iter().find(|k| k.name == name).unwrap();
            serde_yaml::to_string(&field(k, &facts()).unwrap()).unwrap()
        };
        assert_eq!(
            f("author"),
            "label: Author\nname: author\nwidget: relation\nhint: 'Who wrote it: their byline shows credentials and clinic.'\ncollection: authors\nvalue_field: '{{slug}}'\nsearch_fields:\n- name\ndisplay_fields:\n- name\n"
        );
        assert_eq!(
            f("date"),
            "label: Date\nname: date\nwidget: datetime\nhint: The day the post is published. Posts dated in the future stay off the site until that day.\ndefault: '{{now}}'\nformat: YYYY-MM-DD\ndate_format: YYYY-MM-DD\ntime_format: false\n"
        );
        assert_eq!(
            f("draft"),
            "label: Draft\nname: draft\nwidget: boolean\nrequired: false\nhint: A draft stays off the site. Switch it off to publish.\ndefault: true\n"
        );
        assert!(f("tags").contains("Used so far: running, postpartum."));
        let extra = POST_KEYS.iter().find(|k| k.name == "extra").unwrap();
        assert!(field(extra, &facts()).is_none());
        let state = REFERRAL_KEYS.iter().find(|k| k.name == "state").unwrap();
        let state = field(state, &facts()).unwrap();
        assert_eq!(
            (state.widget, state.required, state.options.len()),
            ("select", None, 56)
        );
    }
}

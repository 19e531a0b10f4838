//! Every place where a Decap CMS config.yml and gait's content model
//! disagree, with file and line. Pure: config text in, diagnostics out
//! (`check.rs` reads the site's files for `gait check`).

use super::config::{FILE, REFERRALS_FIELD};
use super::fields::{DATE_FORMAT, RELATION_VALUE_FIELD, TERMS_VALUE_FIELD};
use super::keys::{Collection, Key, Kind};
use super::located::{self, Node};
use crate::content::referrals;
use crate::diag::Diagnostic;

/// Date formats (Decap's, in dayjs tokens) whose output gait reads.
const READABLE_DATES: &[&str] = &[
    DATE_FORMAT,
    "YYYY-MM-DDTHH:mm",
    "YYYY-MM-DDTHH:mm:ss",
    "YYYY-MM-DD HH:mm",
    "YYYY-MM-DD HH:mm:ss",
    "YYYY-MM-DDTHH:mm:ssZ",
    "YYYY-MM-DDTHH:mm:ss.SSSZ",
    "YYYY-MM-DDTHH:mm:ss[Z]",
];

/// Compare config.yml's text with the model.
pub fn drift(text: &str) -> Vec<Diagnostic> {
    let doc = match located::parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            return vec![
                Diagnostic::error(FILE, format!("this is not valid YAML: {}", e.message))
                    .at_line(Some(e.line))
                    .with_snippet_from(text)
                    .with_help("check the indentation and quoting on this line"),
            ];
        }
    };
    let mut out = Drift {
        text,
        found: Vec::new(),
    };
    let Some(collections) = doc.entry("collections") else {
        out.error(1, "there is no `collections` list".into(), REGENERATE_HELP);
        return out.found;
    };
    for c in Collection::ALL {
        match collections.value.item_with("name", c.name()) {
            Some(node) => out.collection(c, node),
            None => out.error(
                collections.line,
                format!("there is no `{}` collection", c.name()),
                REGENERATE_HELP,
            ),
        }
    }
    out.found
}

const REGENERATE_HELP: &str = "add it back, or run `gait cms init --force` to write config.yml again from gait's model (your backend settings are kept)";

struct Drift<'t> {
    text: &'t str,
    found: Vec<Diagnostic>,
}

impl Drift<'_> {
    fn error(&mut self, line: usize, message: String, help: impl Into<String>) {
        self.found.push(
            Diagnostic::error(FILE, message)
                .at_line(Some(line))
                .with_snippet_from(self.text)
                .with_help(help),
        );
    }

    fn collection(&mut self, c: Collection, node: &Node) {
        let name = c.name();
        let fields = match c {
            // `referral_fields` has said what is missing.
            Collection::Referrals => match self.referral_fields(node) {
                Some(fields) => Some(fields),
                None => return,
            },
            _ => {
                let folder = format!("content/{name}");
                match node.entry("folder") {
                    Some(e) if e.value.as_str() != Some(folder.as_str()) => self.error(
                        e.line,
                        format!(
                            "the {name} collection reads `{}`, but gait reads {name} from `{folder}`",
                            e.value.as_str().unwrap_or("?")
                        ),
                        format!("write `folder: {folder}`"),
                    ),
                    Some(_) => {}
                    None => self.error(
                        node.line,
                        format!("the {name} collection has no `folder`"),
                        format!("add `folder: {folder}`"),
                    ),
                }
                node.entry("fields")
            }
        };
        let Some(fields) = fields else {
            self.error(
                node.line,
                format!("the {name} collection has no `fields`"),
                REGENERATE_HELP,
            );
            return;
        };
        self.fields(c, fields.line, &fields.value);
    }

    /// The list field inside the referrals file, whose items are the referrals.
    fn referral_fields<'n>(&mut self, node: &'n Node) -> Option<&'n located::Entry> {
        let file = node
            .get("files")
            .and_then(|f| f.item_with("file", referrals::FILE));
        let list = file
            .and_then(|f| f.get("fields"))
            .and_then(|f| f.item_with("name", REFERRALS_FIELD));
        let fields = list.and_then(|l| l.entry("fields"));
        if fields.is_none() {
            self.error(
                file.map_or(node.line, |f| f.line),
                format!(
                    "the referrals collection has no file `{}` with a list field `{REFERRALS_FIELD}`",
                    referrals::FILE
                ),
                REGENERATE_HELP,
            );
        }
        fields
    }

    fn fields(&mut self, c: Collection, line: usize, fields: &Node) {
        let known = c.known_keys();
        let mut seen: Vec<&str> = Vec::new();
        for f in fields.items() {
            let Some(entry) = f.entry("name") else {
                continue;
            };
            let Some(name) = entry.value.as_str() else {
                continue;
            };
            seen.push(name);
            if name == "body" && c.body_label().is_some() {
                continue;
            }
            match c.key(name) {
                Some(key) => self.field(c, key, f, entry.line),
                None if !known.contains(&name) => self.error(
                    entry.line,
                    format!("the {} collection has a field `{name}`, which is not a key gait knows", c.name()),
                    format!(
                        "{}. gait refuses files with unknown keys: remove the field, or keep custom values under `extra`",
                        crate::suggest::help_for(name, known, "keys")
                    ),
                ),
                None => {}
            }
        }
        for key in c.keys().iter().filter(|k| k.kind != Kind::Custom) {
            if !seen.contains(&key.name) {
                self.error(
                    line,
                    format!(
                        "the {} collection has no field for `{}`",
                        c.name(),
                        key.name
                    ),
                    REGENERATE_HELP,
                );
            }
        }
        if c.body_label().is_some() && !seen.contains(&"body") {
            self.error(
                line,
                format!(
                    "the {} collection has no field for the text (`body`)",
                    c.name()
                ),
                REGENERATE_HELP,
            );
        }
    }

    /// One field against its row of the table.
    fn field(&mut self, c: Collection, key: &Key, f: &Node, line: usize) {
        let (coll, name) = (c.name(), key.name);
        if key.kind == Kind::Custom {
            return;
        }
        let required = f.bool_of("required").unwrap_or(true);
        if required != key.required {
            let (message, help) = match key.required {
                true => (
                    format!("`{name}` is optional in the {coll} collection, but gait requires it"),
                    "remove `required: false` from the field",
                ),
                false => (
                    format!(
                        "`{name}` is required in the {coll} collection, but gait does not require it"
                    ),
                    "add `required: false` to the field",
                ),
            };
            self.error(line, message, help);
        }
        let relation = match key.kind {
            Kind::Relation(to) => Some((to.name(), RELATION_VALUE_FIELD)),
            Kind::Terms => Some((Collection::Posts.name(), TERMS_VALUE_FIELD)),
            _ => None,
        };
        if let Some((to, value_field)) = relation {
            let fix = format!(
                "use `widget: relation` with `collection: {to}` and `value_field: \"{value_field}\"`"
            );
            let widget = f.str_of("widget").unwrap_or("string");
            if widget != "relation" {
                self.error(
                    line,
                    format!("`{name}` in the {coll} collection is a `{widget}` field, but it should pick from the {to} collection"),
                    fix,
                );
            } else if f.str_of("collection") != Some(to) {
                self.error(
                    line,
                    format!(
                        "`{name}` in the {coll} collection picks from `{}`, but it should pick from the {to} collection",
                        f.str_of("collection").unwrap_or("?")
                    ),
                    format!("write `collection: {to}`"),
                );
            } else if f.str_of("value_field") != Some(value_field) {
                self.error(
                    line,
                    format!(
                        "`{name}` in the {coll} collection stores `{}`, but gait needs `{value_field}`",
                        f.str_of("value_field").unwrap_or("?")
                    ),
                    format!("write `value_field: \"{value_field}\"`"),
                );
            }
        }
        if key.kind == Kind::Date
            && let Some(format) = f.str_of("format")
            && !READABLE_DATES.contains(&format)
        {
            self.error(
                        line,
                        format!("`{name}` in the {coll} collection is written as `{format}`, which gait cannot read"),
                        format!("write `format: {DATE_FORMAT}`, or leave `format` out"),
                    );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cms::config::{render, test_facts};

    fn generated() -> String {
        render(
            &test_facts(),
            "backend:\n  name: github\n  repo: a/b\n",
            "local_backend: true\n",
        )
    }

    fn problems(text: &str) -> Vec<String> {
        drift(text)
            .iter()
            .map(|d| format!("{}: {}", d.location(), d.message))
            .collect()
    }

    fn line_of(text: &str, needle: &str) -> usize {
        text.lines().position(|l| l.contains(needle)).unwrap() + 1
    }

    #[test]
    fn the_generated_config_has_no_drift() {
        assert_eq!(problems(&generated()), Vec::<String>::new());
    }

    /// Each change to the generated file, and what `gait check` says about it.
    #[test]
    fn drift_table() {
        let base = generated();
        // (what to replace, with what, the line to expect it on (by a needle), message)
        let cases: &[(&str, &str, &str, &str)] = &[
            (
                "  - label: Pronouns\n    name: pronouns\n    widget: string\n    required: false\n    hint: 'For example: she/her'\n",
                "  - label: Pronouns\n    name: pronouns\n    widget: string\n    required: false\n    hint: 'For example: she/her'\n  - {label: Pronoun, name: pronoun, required: false}\n",
                "name: pronoun,",
                "the authors collection has a field `pronoun`, which is not a key gait knows",
            ),
            (
                "    name: summary\n    widget: text\n    required: false\n",
                "    name: summary\n    widget: text\n",
                "name: summary",
                "`summary` is required in the posts collection, but gait does not require it",
            ),
            (
                "    name: title\n    widget: string\n",
                "    name: title\n    widget: string\n    required: false\n",
                "name: title",
                "`title` is optional in the posts collection, but gait requires it",
            ),
            (
                "    name: author\n    widget: relation\n",
                "    name: author\n    widget: string\n",
                "name: author",
                "`author` in the posts collection is a `string` field, but it should pick from the authors collection",
            ),
            (
                "    collection: authors\n",
                "    collection: clinics\n",
                "name: author",
                "`author` in the posts collection picks from `clinics`, but it should pick from the authors collection",
            ),
            (
                "format: YYYY-MM-DD\n",
                "format: DD.MM.YYYY\n",
                "name: date",
                "`date` in the posts collection is written as `DD.MM.YYYY`, which gait cannot read",
            ),
            (
                "folder: content/clinics\n",
                "folder: content/clinic\n",
                "folder: content/clinic",
                "the clinics collection reads `content/clinic`, but gait reads clinics from `content/clinics`",
            ),
            (
                "  folder: content/pages\n",
                "",
                "- name: pages",
                "the pages collection has no `folder`",
            ),
            (
                "    value_field: '{{slug}}'\n",
                "    value_field: '{{fields.name}}'\n",
                "name: author",
                "`author` in the posts collection stores `{{fields.name}}`, but gait needs `{{slug}}`",
            ),
            (
                "    file: data/referrals.yaml\n",
                "    file: data/referral.yaml\n",
                "- name: referrals",
                "the referrals collection has no file `data/referrals.yaml` with a list field `referrals`",
            ),
        ];
        for (from, to, needle, message) in cases {
            assert!(
                base.contains(from),
                "{from:?} is not in the generated config"
            );
            let changed = base.replacen(from, to, 1);
            let line = line_of(&changed, needle);
            assert_eq!(
                problems(&changed),
                [format!("static/admin/config.yml:{line}: {message}")],
                "{from:?} -> {to:?}"
            );
        }
    }

    #[test]
    fn a_removed_field_is_named_at_the_fields_line() {
        let base = generated();
        let start = base.find("  - label: Author\n").unwrap();
        let end = start + base[start..].find("  - label: Clinic\n").unwrap();
        let removed = format!("{}{}", &base[..start], &base[end..]);
        let fields_line = removed[..start]
            .lines()
            .collect::<Vec<_>>()
            .iter()
            .rposition(|l| *l == "  fields:")
            .unwrap()
            + 1;
        let found = drift(&removed);
        assert_eq!(
            found
                .iter()
                .map(|d| format!("{}: {}", d.location(), d.message))
                .collect::<Vec<_>>(),
            [format!(
                "static/admin/config.yml:{fields_line}: the posts collection has no field for `author`"
            )]
        );
        assert_eq!(found[0].help.as_deref(), Some(REGENERATE_HELP));
    }

    #[test]
    fn a_removed_body_field_is_named() {
        let base = generated();
        let without = base.replacen(
            "  - label: Bio\n    name: body\n    widget: markdown\n    required: false\n",
            "",
            1,
        );
        let authors = without.find("- name: authors").unwrap();
        let fields_line = without[..authors].lines().count()
            + without[authors..]
                .lines()
                .position(|l| l == "  fields:")
                .unwrap()
            + 1;
        assert_eq!(
            problems(&without),
            [format!(
                "static/admin/config.yml:{fields_line}: the authors collection has no field for the text (`body`)"
            )]
        );
    }

    #[test]
    fn flow_style_and_missing_collections() {
        let text = "collections:\n  - {name: pages, folder: content/pages, fields: [{name: title, label: T}, {name: sumary, required: false}]}\n";
        let got = problems(text);
        assert!(
            got.contains(&"static/admin/config.yml:1: there is no `posts` collection".to_string()),
            "{got:#?}"
        );
        assert!(got.contains(&"static/admin/config.yml:2: the pages collection has a field `sumary`, which is not a key gait knows".to_string()), "{got:#?}");
        assert!(
            got.contains(
                &"static/admin/config.yml:2: the pages collection has no field for `draft`"
                    .to_string()
            ),
            "{got:#?}"
        );
        assert_eq!(
            problems("backend: {name: github}\n"),
            ["static/admin/config.yml:1: there is no `collections` list"]
        );
        assert_eq!(
            problems("collections:\n  - {name: pages, folder: content/pages}\n"),
            [
                "static/admin/config.yml:1: there is no `posts` collection",
                "static/admin/config.yml:2: the pages collection has no `fields`",
                "static/admin/config.yml:1: there is no `authors` collection",
                "static/admin/config.yml:1: there is no `clinics` collection",
                "static/admin/config.yml:1: there is no `referrals` collection",
            ]
        );
        assert_eq!(
            problems("collections: [\n"),
            [
                "static/admin/config.yml:2: this is not valid YAML: while parsing a node, did not find expected node content"
            ]
        );
    }
}

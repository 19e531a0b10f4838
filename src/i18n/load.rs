//! Reading the theme's text files (`themes/<theme>/i18n/<code>.yaml`, and
//! the site's own `i18n/<code>.yaml`, which win key by key) into a [`Text`]
//! per language. English (`en.yaml`) names every key; a key a language
//! lacks is shown in English, with a warning naming it and the file it
//! belongs in.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::tag::Languages;
use super::text::{Entries, Entry, Text, TextFile, template_value};
use crate::diag::Diagnostic;

/// The placeholders of a text (`{n}`, `{site}`), in order.
fn placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        out.push(&rest[start + 1..start + len]);
        rest = &rest[start + len..];
    }
    out.sort_unstable();
    out
}

/// Read a text file: a mapping of keys to texts, lists of texts (`months`)
/// or mappings of texts (a script's texts).
fn parse(origin: &Path, text: &str) -> Result<Entries, Diagnostic> {
    let raw: BTreeMap<String, serde_yaml::Value> =
        crate::yaml::from_str(text, 1).map_err(|e| e.into_diagnostic(origin, text))?;
    let mut out = Entries::new();
    for (key, value) in raw {
        let entry = match value {
            serde_yaml::Value::String(s) => Some(Entry::Text(s)),
            serde_yaml::Value::Sequence(items) => items
                .into_iter()
                .map(|v| v.as_str().map(str::to_string))
                .collect::<Option<Vec<String>>>()
                .map(Entry::List),
            serde_yaml::Value::Mapping(m) => m
                .into_iter()
                .map(|(k, v)| Some((k.as_str()?.to_string(), v.as_str()?.to_string())))
                .collect::<Option<BTreeMap<String, String>>>()
                .map(Entry::Map),
            _ => None,
        };
        match entry {
            Some(e) => {
                out.insert(key, e);
            }
            None => {
                return Err(Diagnostic::error(origin, format!("`{key}` is not text"))
                    .at_line(crate::yaml::key_line(text, &key))
                    .with_snippet_from(text)
                    .with_help("write the text in quotes, like `min_read: \"min read\"`"));
            }
        }
    }
    if let Some(e) = out.get("months")
        && !matches!(e, Entry::List(m) if m.len() == 12)
    {
        return Err(
            Diagnostic::error(origin, "`months` must list the twelve months")
                .at_line(crate::yaml::key_line(text, "months"))
                .with_snippet_from(text)
                .with_help("write them in order, like `months: [January, February, ...]`"),
        );
    }
    Ok(out)
}

/// The parsed files of one build, most important first: the site's, then
/// the theme's, then the built-in English.
struct Sources {
    files: Vec<(String, PathBuf, Entries)>,
    /// The built-in English, which the scripts carry.
    builtin_en: Entries,
}

impl Sources {
    /// Files of the language `code` (or of its primary language, `pt` for `pt-BR`).
    fn of<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a (String, PathBuf, Entries)> {
        let primary = code.split('-').next().unwrap_or(code);
        let exact = self
            .files
            .iter()
            .filter(move |(c, _, _)| c.eq_ignore_ascii_case(code));
        let general = self.files.iter().filter(move |(c, _, _)| {
            !c.eq_ignore_ascii_case(code) && c.eq_ignore_ascii_case(primary)
        });
        exact.chain(general)
    }

    /// Every English key with its value, the site's over the theme's over
    /// the built-in ones.
    fn english(&self) -> Entries {
        let mut out = self.builtin_en.clone();
        for (_, _, entries) in self.of("en").collect::<Vec<_>>().into_iter().rev() {
            merge(&mut out, entries);
        }
        out
    }
}

/// `over` on top of `base`, key by key (and within a script's texts).
fn merge(base: &mut Entries, over: &Entries) {
    for (k, v) in over {
        match (base.get_mut(k), v) {
            (Some(Entry::Map(b)), Entry::Map(o)) => {
                b.extend(o.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
            _ => {
                base.insert(k.clone(), v.clone());
            }
        }
    }
}

/// The text of every language of the site, with the problems found:
/// errors for files that cannot be read, warnings for missing keys.
pub fn load(
    site_files: &[TextFile],
    theme_files: &[TextFile],
    builtin_en: &TextFile,
    langs: &Languages,
) -> (Vec<Text>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut files = Vec::new();
    for f in site_files.iter().chain(theme_files) {
        match parse(&f.origin, &f.text) {
            Ok(entries) => files.push((f.code.clone(), f.origin.clone(), entries)),
            Err(d) => diags.push(d),
        }
    }
    let sources = Sources {
        files,
        builtin_en: parse(&builtin_en.origin, &builtin_en.text).unwrap_or_default(),
    };
    let english = sources.english();
    let texts = langs
        .all()
        .map(|l| one_language(&sources, &english, langs.code(l), &mut diags))
        .collect();
    (texts, diags)
}

/// The text of language `code`: its files over English, and a warning for
/// each file's unknown keys and for the keys no file of it has.
fn one_language(
    sources: &Sources,
    english: &Entries,
    code: &str,
    diags: &mut Vec<Diagnostic>,
) -> Text {
    let own: Vec<&(String, PathBuf, Entries)> = sources.of(code).collect();
    let is_english = code
        .split('-')
        .next()
        .is_some_and(|p| p.eq_ignore_ascii_case("en"));
    let mut entries = english.clone();
    for (_, _, e) in own.iter().rev() {
        merge(&mut entries, e);
    }
    for (_, origin, e) in &own {
        unknown_keys(origin, e, english, diags);
    }
    if !is_english {
        match own.last() {
            Some((_, origin, _)) => missing_keys(origin, &own, english, diags),
            None => diags.push(
                Diagnostic::warning(
                    PathBuf::from("i18n").join(format!("{code}.yaml")),
                    format!("the theme has no text in `{code}`: its pages show the English text"),
                )
                .with_help(format!(
                    "copy the theme's i18n/en.yaml to i18n/{code}.yaml in the site and translate it"
                )),
            ),
        }
    }
    let value = template_value(&entries, &sources.builtin_en);
    Text::new(code, entries, value)
}

/// Warn about the keys of a language file that English does not have,
/// and about a script's texts (`finder_js.zip_place`) it does not know.
fn unknown_keys(origin: &Path, entries: &Entries, english: &Entries, diags: &mut Vec<Diagnostic>) {
    // `key` of the map `within` (`finder_js.`, or empty at the top).
    let unknown = |within: &str, key: &str, known: Vec<&str>| {
        Diagnostic::warning(
            origin,
            format!("unknown key `{within}{key}`: nothing shows it"),
        )
        .with_help(match crate::suggest::closest(key, known.iter().copied()) {
            Some(best) => format!("did you mean `{within}{best}`?"),
            None => "the theme's en.yaml names every key".to_string(),
        })
    };
    for (key, value) in entries {
        match (english.get(key), value) {
            (None, _) => diags.push(unknown(
                "",
                key,
                english.keys().map(String::as_str).collect(),
            )),
            (Some(Entry::Map(known)), Entry::Map(own)) => {
                for sub in own.keys().filter(|s| !known.contains_key(*s)) {
                    let within = format!("{key}.");
                    diags.push(unknown(
                        &within,
                        sub,
                        known.keys().map(String::as_str).collect(),
                    ));
                }
            }
            _ => {}
        }
    }
}

/// Warn, in the language's file, about the English keys none of its files
/// has, and texts whose placeholders differ from the English ones.
fn missing_keys(
    origin: &Path,
    own: &[&(String, PathBuf, Entries)],
    english: &Entries,
    diags: &mut Vec<Diagnostic>,
) {
    let has = |key: &str, sub: Option<&str>| {
        own.iter().find_map(|(_, _, e)| match (e.get(key), sub) {
            (Some(Entry::Map(m)), Some(s)) => m.get(s).map(String::as_str),
            (Some(Entry::Text(t)), None) => Some(t.as_str()),
            (Some(Entry::List(_)), None) => Some(""),
            _ => None,
        })
    };
    let mut missing = Vec::new();
    let mut wrong = Vec::new();
    let mut check = |name: String, en: &str, found: Option<&str>| match found {
        None => missing.push(name),
        Some(t) if placeholders(t) != placeholders(en) => wrong.push(name),
        Some(_) => {}
    };
    for (key, value) in english {
        match value {
            Entry::Map(m) => {
                for (sub, en) in m {
                    check(format!("{key}.{sub}"), en, has(key, Some(sub)));
                }
            }
            Entry::Text(en) => check(key.clone(), en, has(key, None)),
            Entry::List(_) => check(key.clone(), "", has(key, None)),
        }
    }
    // Named up to eight at a time: a new language lacks all of them.
    let listed = |keys: &[String]| {
        let named = keys
            .iter()
            .take(8)
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
        match keys.len() {
            n if n > 8 => format!("{named} and {} more", n - 8),
            _ => named,
        }
    };
    if !missing.is_empty() {
        let what = crate::diag::plural(missing.len(), "this key", "these keys");
        diags.push(
            Diagnostic::warning(
                origin,
                format!(
                    "no text for {}: the English text is shown",
                    listed(&missing)
                ),
            )
            .with_help(format!("add {what}, translated (see the theme's en.yaml)")),
        );
    }
    if !wrong.is_empty() {
        diags.push(
            Diagnostic::warning(
                origin,
                format!("the placeholders of {} differ from English", listed(&wrong)),
            )
            .with_help("keep each `{name}` of the English text, translated around it"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::text::builtin;
    use crate::i18n::{Key, Lang};

    fn file(code: &str, text: &str) -> TextFile {
        TextFile {
            code: code.into(),
            origin: PathBuf::from(format!("i18n/{code}.yaml")),
            text: text.into(),
        }
    }

    #[test]
    fn the_builtin_files_have_every_key_with_its_placeholders() {
        let en = crate::theme::builtin_text("en").unwrap();
        let es = crate::theme::builtin_text("es").unwrap();
        let en_entries = parse(&en.origin, &en.text).unwrap();
        let es_entries = parse(&es.origin, &es.text).unwrap();
        for key in Key::ALL {
            assert!(en_entries.contains_key(key.name()), "{key:?}");
        }
        let langs = Languages::new("en", ["es".to_string()]);
        let (texts, diags) = load(&[], &[en.clone(), es.clone()], &en, &langs);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(texts.len(), 2);
        let keys = |e: &Entries| {
            e.iter()
                .flat_map(|(k, v)| match v {
                    Entry::Map(m) => m.keys().map(|s| format!("{k}.{s}")).collect(),
                    _ => vec![k.clone()],
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(keys(&en_entries), keys(&es_entries));
    }

    /// The English a script carries is the English of `en.yaml`.
    #[test]
    fn the_scripts_carry_the_english_texts() {
        let en = crate::theme::builtin_text("en").unwrap();
        let entries = parse(&en.origin, &en.text).unwrap();
        let scripts = [
            (
                "finder_js",
                include_str!("../../themes/clinic/static/js/finder.js"),
            ),
            (
                "search_js",
                include_str!("../../themes/clinic/static/js/search.js"),
            ),
        ];
        for (key, js) in scripts {
            let Some(Entry::Map(words)) = entries.get(key) else {
                panic!("en.yaml has no {key}");
            };
            let start = js.find("var TEXT = {").unwrap();
            let block = &js[start..start + js[start..].find("};").unwrap()];
            let carried: BTreeMap<String, String> = block
                .lines()
                .filter_map(|l| {
                    let (k, v) = l.trim().split_once(": '")?;
                    Some((
                        k.to_string(),
                        v.trim_end_matches(',').trim_end_matches('\'').to_string(),
                    ))
                })
                .collect();
            assert_eq!(&carried, words, "{key}");
        }
    }

    #[test]
    fn dates_in_each_language() {
        let langs = Languages::new("en", ["es".to_string()]);
        let d = crate::date::parse("2021-03-02").unwrap();
        assert_eq!(builtin(&langs, Lang(0)).date(&d), "March 2, 2021");
        assert_eq!(builtin(&langs, Lang(1)).date(&d), "2 de marzo de 2021");
    }

    #[test]
    fn a_missing_key_falls_back_to_english_with_a_warning() {
        let en = file(
            "en",
            "home: Home\npage_n: Page {n}\nfinder_js:\n  no_match: None\n",
        );
        let es = file(
            "es",
            "home: Inicio\npage_n: Página\nhmoe: x\nfinder_js:\n  no_mach: Nada\n",
        );
        let langs = Languages::new("en", ["es".to_string()]);
        let (texts, diags) = load(&[], &[es], &en, &langs);
        assert_eq!(texts[1].get(Key::Home), "Inicio");
        let shown: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            shown,
            [
                "warning: i18n/es.yaml: unknown key `finder_js.no_mach`: nothing shows it\n  help: did you mean `finder_js.no_match`?",
                "warning: i18n/es.yaml: unknown key `hmoe`: nothing shows it\n  help: did you mean `home`?",
                "warning: i18n/es.yaml: no text for `finder_js.no_match`: the English text is shown\n  help: add this key, translated (see the theme's en.yaml)",
                "warning: i18n/es.yaml: the placeholders of `page_n` differ from English\n  help: keep each `{name}` of the English text, translated around it",
            ]
        );
    }

    #[test]
    fn the_site_wins_over_the_theme_key_by_key() {
        let en = file("en", "home: Home\nsearch: Search\n");
        let theme_es = file("es", "home: Inicio\nsearch: Buscar\n");
        let site_es = file("es", "search: Búsqueda\n");
        let langs = Languages::new("en", ["es-MX".to_string()]);
        let (texts, diags) = load(&[site_es], &[theme_es], &en, &langs);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(texts[1].get(Key::Search), "Búsqueda");
        assert_eq!(texts[1].get(Key::Home), "Inicio");
    }

    #[test]
    fn a_bad_value_is_an_error_at_its_line() {
        let en = file("en", "home: Home\n");
        let es = file("es", "home: Inicio\nmonths: [enero]\n");
        let (_, diags) = load(&[], &[es], &en, &Languages::new("en", ["es".into()]));
        assert_eq!(
            diags[0].to_string(),
            "error: i18n/es.yaml:2: `months` must list the twelve months\n     2 | months: [enero]\n  help: write them in order, like `months: [January, February, ...]`"
        );
    }
}

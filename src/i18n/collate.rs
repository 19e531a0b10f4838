//! Sorting names for people ([`key`]): "cáncer" comes between "cadera" and
//! "consentimiento", not after every name without an accent, as comparing
//! the bytes of UTF-8 puts it.

/// A sort key for `name` in the language `lang` (a tag such as `es`):
/// lower case, with the accents of Latin letters folded (`á` sorts as `a`,
/// `ß` as `ss`), and in Spanish `ñ` as its own letter after `n`. Names
/// equal under the key (`Cancer`, `cáncer`) are for the caller to order
/// further, by the name itself.
pub fn key(name: &str, lang: &str) -> String {
    let spanish = lang
        .split('-')
        .next()
        .is_some_and(|p| p.eq_ignore_ascii_case("es"));
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii() {
            out.push(c);
        } else if spanish && c == 'ñ' {
            // After every other "n…": caña after cano.
            out.push('n');
            out.push(char::MAX);
        } else if is_latin_letter(c) {
            match deunicode::deunicode_char(c) {
                Some(plain) if !plain.is_empty() => {
                    out.extend(plain.chars().flat_map(char::to_lowercase))
                }
                _ => out.push(c),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Latin letters beyond ASCII: Latin-1, Latin Extended-A and -B and
/// Latin Extended Additional (Vietnamese).
fn is_latin_letter(c: char) -> bool {
    c.is_alphabetic() && matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
}

#[cfg(test)]
mod tests {
    use super::key;

    fn sorted(names: &[&str], lang: &str) -> Vec<String> {
        let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        v.sort_by_cached_key(|n| (key(n, lang), n.clone()));
        v
    }

    #[test]
    fn accents_sort_with_their_letter() {
        assert_eq!(
            sorted(
                &[
                    "consentimiento",
                    "cáncer",
                    "cadera",
                    "Embarazo",
                    "ejercicio"
                ],
                "es"
            ),
            [
                "cadera",
                "cáncer",
                "consentimiento",
                "ejercicio",
                "Embarazo"
            ]
        );
        assert_eq!(
            sorted(&["Über", "Zebra", "ubiquitous", "Ärger", "apple"], "en"),
            ["apple", "Ärger", "Über", "ubiquitous", "Zebra"]
        );
        assert_eq!(key("Straße", "de"), "strasse");
    }

    #[test]
    fn spanish_n_with_tilde_comes_after_n() {
        assert_eq!(
            sorted(&["caña", "cano", "canal"], "es"),
            ["canal", "cano", "caña"]
        );
        assert_eq!(
            sorted(&["niño", "ñandú", "nube"], "es-MX"),
            ["niño", "nube", "ñandú"]
        );
        // Elsewhere ñ is an n with an accent.
        assert_eq!(sorted(&["caña", "cano"], "en"), ["caña", "cano"]);
    }

    #[test]
    fn other_scripts_keep_their_letters() {
        assert_eq!(key("Здоровье", "ru"), "здоровье");
        assert_eq!(key("健康", "zh"), "健康");
        assert_eq!(key("", "es"), "");
    }
}

//! Language tags (`es`, `pt-BR`), the site's languages in order, and the
//! language a content file's name gives (`hip-pain.es.md`).

/// A language of the site: its position in site.yaml (0 is `language:`,
/// the default; then `translations:` in the order written).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Lang(pub u8);

impl Lang {
    /// The site's default language.
    pub const DEFAULT: Lang = Lang(0);

    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

/// Whether `s` is a language tag gait accepts: a language of two or three
/// letters, then optionally a script of four letters and a region of two
/// letters or three digits (`es`, `en-US`, `pt-BR`, `zh-Hant-TW`, `es-419`).
pub fn is_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let lang = parts.next().unwrap_or("");
    if !(2..=3).contains(&lang.len()) || !lang.bytes().all(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    let rest: Vec<&str> = parts.collect();
    let script = |p: &str| p.len() == 4 && p.bytes().all(|b| b.is_ascii_alphabetic());
    let region = |p: &str| {
        (p.len() == 2 && p.bytes().all(|b| b.is_ascii_alphabetic()))
            || (p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit()))
    };
    match rest.as_slice() {
        [] => true,
        [a] => script(a) || region(a),
        [a, b] => script(a) && region(b),
        _ => false,
    }
}

/// The two-letter codes of ISO 639-1: a file name ending in `.<code>.md`
/// with one of these is taken as a translation even when the site does not
/// declare the language (and then refused), so that a typo is not silently
/// published as a post of its own. Other endings (`node.js.md`) stay part of
/// the name.
const ISO_639_1: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs \
ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn \
gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn \
ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng \
nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm \
sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa \
wo xh yi yo za zh zu";

fn is_iso_639_1(code: &str) -> bool {
    code.len() == 2
        && ISO_639_1
            .split_ascii_whitespace()
            .any(|c| c.eq_ignore_ascii_case(code))
}

/// The site's languages: the default first, then its translations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Languages {
    codes: Vec<String>,
}

/// What the end of a file name (`x.es.md` → `es`) says about its language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileLang {
    /// No language: the whole stem is the name.
    None,
    /// One of the site's translations.
    Translation(Lang),
    /// The site's default language, written out (`x.en.md`).
    Default(String),
    /// A language the site does not have.
    Undeclared(String),
}

impl Languages {
    /// The languages `default` and then `translations`, as written.
    pub fn new(default: &str, translations: impl IntoIterator<Item = String>) -> Languages {
        let mut codes = vec![default.to_string()];
        codes.extend(translations);
        Languages { codes }
    }

    /// A site in one language.
    pub fn single(code: &str) -> Languages {
        Languages::new(code, [])
    }

    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Always false: a site has at least its default language.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// Whether the site has translations.
    pub fn is_multilingual(&self) -> bool {
        self.codes.len() > 1
    }

    /// Every language, default first.
    pub fn all(&self) -> impl Iterator<Item = Lang> + use<> {
        (0..self.codes.len()).map(|i| Lang(i as u8))
    }

    /// The tag of `lang`, as written in site.yaml.
    pub fn code(&self, lang: Lang) -> &str {
        self.codes
            .get(lang.index())
            .map(String::as_str)
            .unwrap_or("")
    }

    /// The codes, default first.
    pub fn codes(&self) -> &[String] {
        &self.codes
    }

    /// The folder of a language's pages: `""` for the default, `es/` or
    /// `pt-br/` (lower case) for a translation.
    pub fn prefix(&self, lang: Lang) -> String {
        match lang {
            Lang::DEFAULT => String::new(),
            l => format!("{}/", self.code(l).to_ascii_lowercase()),
        }
    }

    /// The language `code` names, if it is one of the site's (case aside).
    pub fn find(&self, code: &str) -> Option<Lang> {
        self.codes
            .iter()
            .position(|c| c.eq_ignore_ascii_case(code))
            .map(|i| Lang(i as u8))
    }

    /// The language a file stem's last dotted part names (`hip-pain.es`),
    /// and the stem without it.
    pub fn of_stem<'a>(&self, stem: &'a str) -> (&'a str, FileLang) {
        let Some((base, code)) = stem.rsplit_once('.') else {
            return (stem, FileLang::None);
        };
        if base.is_empty() || !is_tag(code) {
            return (stem, FileLang::None);
        }
        match self.find(code) {
            Some(Lang::DEFAULT) => (base, FileLang::Default(code.to_string())),
            Some(l) => (base, FileLang::Translation(l)),
            None if is_iso_639_1(code.split('-').next().unwrap_or("")) => {
                (base, FileLang::Undeclared(code.to_string()))
            }
            None => (stem, FileLang::None),
        }
    }

    /// `en, es`: for messages.
    pub fn listed(&self) -> String {
        self.codes.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags() {
        for ok in ["es", "en-US", "pt-BR", "zh-Hant-TW", "es-419", "fil", "EN"] {
            assert!(is_tag(ok), "{ok}");
        }
        for bad in ["", "e", "spanish", "en_US", "es-", "1a", "en-USA-x", "pt-B"] {
            assert!(!is_tag(bad), "{bad}");
        }
    }

    #[test]
    fn file_names_give_languages() {
        let langs = Languages::new("en", ["es".to_string(), "pt-BR".to_string()]);
        let cases = [
            ("hip-pain", "hip-pain", FileLang::None),
            ("hip-pain.es", "hip-pain", FileLang::Translation(Lang(1))),
            ("hip-pain.ES", "hip-pain", FileLang::Translation(Lang(1))),
            ("index.pt-br", "index", FileLang::Translation(Lang(2))),
            ("hip-pain.en", "hip-pain", FileLang::Default("en".into())),
            ("hip-pain.fr", "hip-pain", FileLang::Undeclared("fr".into())),
            ("node.js", "node.js", FileLang::None),
            ("v1.2", "v1.2", FileLang::None),
            (".es", ".es", FileLang::None),
        ];
        for (stem, base, lang) in cases {
            assert_eq!(langs.of_stem(stem), (base, lang), "{stem}");
        }
        assert_eq!(langs.prefix(Lang(2)), "pt-br/");
        assert_eq!(langs.prefix(Lang::DEFAULT), "");
    }
}

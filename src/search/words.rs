//! Words as the index sees them: the tokenizer (lower-casing, accent
//! folding, apostrophes), the stop words, the stemmer `search.js` mirrors,
//! and [`Key`], a word packed into a number for fast maps.

use super::MAX_WORD;

/// Words too common to search for.
pub const STOP_WORDS: &[&str] = &[
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "nor",
    "of",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "own",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "until",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

/// Accented letters and the letter they fold to (same length, char by char).
pub const FOLD_FROM: &str = "àáâãäåāçćčèéêëēęìíîïīłñńòóôõöøōśšùúûüūýÿžźż";
pub const FOLD_TO: &str = "aaaaaaaccceeeeeeiiiiilnnooooooossuuuuuyyzzz";

fn fold(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    match FOLD_FROM.chars().position(|f| f == c) {
        Some(i) => FOLD_TO.chars().nth(i).unwrap_or(c),
        None => c,
    }
}

/// Call `f` with every word of `text`, lower-cased and folded (stop words
/// included: callers decide).
pub fn words(text: &str, mut f: impl FnMut(&str)) {
    scan(text, |t| match t {
        Token::Packed(k) => f(&Key::Short(k).word()),
        Token::Text(w) => f(w),
    });
}

/// A word found by [`scan`]: packed as a [`Key`] number when it is plain
/// ASCII of at most 16 letters (the fast path), else as text.
pub(super) enum Token<'a> {
    Packed(u128),
    Text(&'a str),
}

/// ASCII letters and digits.
static ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = (i as u8).is_ascii_alphanumeric();
        i += 1;
    }
    t
};

/// The [`Key`] number of 1 to 16 ASCII letters and digits, lower-cased: for
/// those, setting bit 5 lower-cases a letter and leaves a digit as it is.
fn pack_lower(bytes: &[u8], start: usize, end: usize) -> u128 {
    let run = &bytes[start..end];
    let raw = match bytes.get(start..start + 16) {
        Some(sixteen) => u128::from_le_bytes(sixteen.try_into().unwrap_or([0; 16])),
        None => {
            let mut a = [0u8; 16];
            a[..run.len()].copy_from_slice(run);
            u128::from_le_bytes(a)
        }
    };
    let mask = if run.len() >= 16 {
        u128::MAX
    } else {
        (1u128 << (8 * run.len())) - 1
    };
    (raw | u128::from_le_bytes([0x20; 16])) & mask
}

/// The tokenizer: words are runs of letters and digits (an apostrophe
/// between two of them joins), lower-cased and folded, of 2 to
/// [`MAX_WORD`] characters.
pub(super) fn scan(text: &str, mut f: impl FnMut(Token<'_>)) {
    let bytes = text.as_bytes();
    let char_at = |i: usize| text[i..].chars().next().unwrap_or(' ');
    let alnum_at = |i: usize| match bytes.get(i) {
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => char_at(i).is_alphanumeric(),
        None => false,
    };
    // Whether the word ends before byte `i`.
    let ends_at = |i: usize| match bytes.get(i) {
        None => true,
        Some(&b) if b.is_ascii() => !(b == b'\'' && alnum_at(i + 1)),
        Some(_) => {
            let c = char_at(i);
            !(c.is_alphanumeric() || (c == '\u{2019}' && alnum_at(i + c.len_utf8())))
        }
    };
    let mut buf = String::with_capacity(32);
    let mut chars = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if ALNUM[b as usize] {
            let start = i;
            i += 1;
            while i < bytes.len() && ALNUM[bytes[i] as usize] {
                i += 1;
            }
            let n = i - start;
            if buf.is_empty() && n <= 16 && ends_at(i) {
                if n >= 2 {
                    f(Token::Packed(pack_lower(bytes, start, i)));
                }
                continue;
            }
            let from = buf.len();
            buf.push_str(&text[start..i]);
            buf[from..].make_ascii_lowercase();
            chars += n;
            continue;
        }
        let c = if b.is_ascii() {
            i += 1;
            b as char
        } else {
            let c = char_at(i);
            i += c.len_utf8();
            if c.is_alphanumeric() {
                for l in c.to_lowercase() {
                    buf.push(fold(l));
                }
                chars += 1;
                continue;
            }
            c
        };
        if (c == '\'' || c == '\u{2019}') && !buf.is_empty() && alnum_at(i) {
            continue;
        }
        if chars > 0 {
            if (2..=MAX_WORD).contains(&chars) {
                f(Token::Text(&buf));
            }
            buf.clear();
            chars = 0;
        }
    }
    if (2..=MAX_WORD).contains(&chars) {
        f(Token::Text(&buf));
    }
}

fn has_vowel(s: &str) -> bool {
    s.bytes().any(|b| b"aeiouy".contains(&b))
}

/// A light English stemmer: plurals, `-ing`, `-ed` and a final `e`, so that
/// stretch, stretches, stretching and stretched meet, as do muscle and
/// muscles. Words that are not plain lower-case ASCII are kept as they are.
/// `search.js` has the same function: change both together.
pub fn stem(word: &str) -> String {
    if word.len() <= 3 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_string();
    }
    let mut s = word.to_string();
    let n = s.len();
    if s.ends_with("ies") && n >= 5 {
        s.truncate(n - 3);
        s.push('y');
    } else if s.ends_with("es")
        && n >= 5
        && ["s", "x", "z", "ch", "sh"]
            .iter()
            .any(|e| s[..n - 2].ends_with(e))
    {
        s.truncate(n - 2);
    } else if s.ends_with('s') && !s.ends_with("ss") && !s.ends_with("us") && !s.ends_with("is") {
        s.truncate(n - 1);
    }
    let m = s.len();
    let stripped = if s.ends_with("ing") && m >= 6 && has_vowel(&s[..m - 3]) {
        s.truncate(m - 3);
        true
    } else if s.ends_with("ed") && !s.ends_with("eed") && m >= 5 && has_vowel(&s[..m - 2]) {
        s.truncate(m - 2);
        true
    } else {
        false
    };
    if stripped {
        let b = s.as_bytes();
        let k = b.len();
        if k >= 2 && b[k - 1] == b[k - 2] && !b"aeiouylsz".contains(&b[k - 1]) {
            s.truncate(k - 1);
        }
    }
    if s.len() >= 4 && s.ends_with('e') {
        s.truncate(s.len() - 1);
    }
    s
}

/// A word as a map key: words of up to 16 bytes (nearly all) are packed
/// into a number, which hashes and compares far faster than a string.
#[derive(Clone, PartialEq, Eq, Hash)]
pub(super) enum Key {
    Short(u128),
    Long(Box<str>),
}

impl Key {
    pub(super) fn new(w: &str) -> Key {
        let b = w.as_bytes();
        if b.len() <= 16 {
            let mut a = [0u8; 16];
            a[..b.len()].copy_from_slice(b);
            Key::Short(u128::from_le_bytes(a))
        } else {
            Key::Long(w.into())
        }
    }

    /// The word again (words never contain a zero byte).
    pub(super) fn word(&self) -> Box<str> {
        match self {
            Key::Short(k) => {
                let a = k.to_le_bytes();
                let n = a.iter().position(|&x| x == 0).unwrap_or(16);
                String::from_utf8_lossy(&a[..n]).into()
            }
            Key::Long(w) => w.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_words(s: &str) -> Vec<String> {
        let mut v = Vec::new();
        words(s, |w| v.push(w.to_string()));
        v
    }

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        let mut sorted = STOP_WORDS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, STOP_WORDS);
        assert_eq!(FOLD_FROM.chars().count(), FOLD_TO.chars().count());
    }

    #[test]
    fn words_split_fold_and_join_apostrophes() {
        assert_eq!(
            all_words("Men's HEALTH: a C-section, café & don’t 7:30 — x"),
            ["mens", "health", "section", "cafe", "dont", "30"]
        );
        assert_eq!(all_words(&"a".repeat(41)), Vec::<String>::new());
        assert_eq!(all_words(&"A".repeat(40)), ["a".repeat(40)]);
        assert_eq!(
            all_words(
                "Sixteen-letters: abcdefghijklmnop ABCDEFGHIJKLMNOPQ naïve O'Neil x's 2024's"
            ),
            [
                "sixteen",
                "letters",
                "abcdefghijklmnop",
                "abcdefghijklmnopq",
                "naive",
                "oneil",
                "xs",
                "2024s"
            ]
        );
    }

    #[test]
    fn stems_meet() {
        for group in [
            &["stretch", "stretches", "stretching", "stretched"][..],
            &["muscle", "muscles"],
            &["run", "running", "runs"],
            &["exercise", "exercises", "exercising", "exercised"],
            &["breathe", "breathing", "breathes"],
            &["injury", "injuries"],
            &["hip", "hips"],
            &["need", "needs", "needed"],
            &["move", "moving", "moves"],
            &["sit", "sitting", "sits"],
        ] {
            let stems: Vec<String> = group.iter().map(|w| stem(w)).collect();
            assert!(
                stems.iter().all(|s| s == &stems[0]),
                "{group:?} → {stems:?}"
            );
        }
        for keep in [
            "pelvis", "class", "focus", "bleed", "thing", "string", "abs", "café",
        ] {
            assert_eq!(stem(keep), keep);
        }
    }
}

//! Credentials a patient can check: a therapist's National Provider
//! Identifier (`npi`) and state licenses (`licenses`), as an author file
//! writes them. An NPI carries a check digit (the Luhn algorithm over the
//! prefix 80840 and its first nine digits), so a mistyped one is caught.

use std::path::Path;

use serde::Deserialize;

use super::string_or_number;
use crate::diag::Diagnostic;
use crate::frontmatter::{Split, entry_at, key_line};

/// One license as written: `{state: TX, number: "1234"}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLicense {
    #[serde(default, deserialize_with = "string_or_number")]
    pub state: Option<String>,
    #[serde(default, deserialize_with = "string_or_number")]
    pub number: Option<String>,
}

/// A state license.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct License {
    /// Two capital letters.
    pub state: String,
    pub number: String,
}

/// The NPI check digit of its first nine digits: the Luhn check digit of
/// `80840` followed by them.
pub fn npi_check_digit(first_nine: &[u8; 9]) -> u8 {
    let payload = b"80840".iter().chain(first_nine.iter());
    let sum: u32 = payload
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let v = u32::from(d - b'0');
            match i % 2 {
                0 if v * 2 > 9 => v * 2 - 9,
                0 => v * 2,
                _ => v,
            }
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

/// What is wrong with an NPI, if anything.
pub fn npi_problem(npi: &str) -> Option<String> {
    let bytes = npi.as_bytes();
    if !bytes.iter().all(u8::is_ascii_digit) {
        return Some(format!(
            "the NPI `{npi}` holds characters other than digits"
        ));
    }
    let Ok(digits) = <&[u8; 10]>::try_from(bytes) else {
        return Some(format!(
            "the NPI `{npi}` has {} digits, not 10",
            bytes.len()
        ));
    };
    let mut first = [0u8; 9];
    first.copy_from_slice(&digits[..9]);
    let want = npi_check_digit(&first);
    let got = digits[9] - b'0';
    (got != want).then(|| {
        format!("the NPI `{npi}` has a wrong check digit: its last digit is {got}, but its first nine digits call for {want}")
    })
}

/// The checked `npi` and `licenses` of an author file, or their problems.
pub(super) fn check(
    file: &Path,
    text: &str,
    split: &Split<'_>,
    npi: Option<&str>,
    licenses: &[RawLicense],
) -> (Option<String>, Vec<License>, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let at = |line: Option<usize>, msg: String, help: &str| {
        Diagnostic::error(file, msg)
            .at_line(line)
            .with_snippet_from(text)
            .with_help(help)
    };
    let npi = npi.map(str::trim).filter(|n| !n.is_empty());
    if let Some(problem) = npi.and_then(npi_problem) {
        errors.push(at(
            key_line(split, "npi"),
            problem,
            "copy the ten digits from the NPI registry (NPPES), like `npi: \"1234567893\"`",
        ));
    }
    let mut out = Vec::new();
    for l in licenses {
        let state = l.state.as_deref().map(str::trim).unwrap_or("");
        let number = l.number.as_deref().map(str::trim).unwrap_or("");
        let line = entry_at(
            split,
            "licenses",
            if number.is_empty() { state } else { number },
        )
        .map(|k| k.line);
        if !(state.len() == 2 && state.bytes().all(|b| b.is_ascii_uppercase())) {
            errors.push(at(
                line,
                format!("`{state}` in `licenses` is not a two-letter state code"),
                "write each license as `{state: TX, number: \"1234\"}`, with the state in capitals",
            ));
        } else if number.is_empty() {
            errors.push(at(
                line,
                format!("the {state} license in `licenses` has no `number`"),
                "write each license as `{state: TX, number: \"1234\"}`",
            ));
        } else {
            out.push(License {
                state: state.to_string(),
                number: number.to_string(),
            });
        }
    }
    (npi.map(str::to_string), out, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fictional NPIs in the real format (a 1 or 2, eight digits, the check
    /// digit), and what is wrong with each.
    #[test]
    fn npi_table() {
        let cases: &[(&str, Option<&str>)] = &[
            ("1234567893", None),
            ("1679576722", None),
            ("1457393282", None),
            ("2871654325", None),
            ("1902847619", None),
            (
                "1234567890",
                Some(
                    "the NPI `1234567890` has a wrong check digit: its last digit is 0, but its first nine digits call for 3",
                ),
            ),
            (
                "1679576727",
                Some(
                    "the NPI `1679576727` has a wrong check digit: its last digit is 7, but its first nine digits call for 2",
                ),
            ),
            (
                "123456789",
                Some("the NPI `123456789` has 9 digits, not 10"),
            ),
            (
                "12345678931",
                Some("the NPI `12345678931` has 11 digits, not 10"),
            ),
            (
                "123-456-7893",
                Some("the NPI `123-456-7893` holds characters other than digits"),
            ),
        ];
        for (npi, want) in cases {
            assert_eq!(npi_problem(npi).as_deref(), *want, "{npi}");
        }
    }

    #[test]
    fn one_mistyped_digit_changes_the_check_digit() {
        let good = *b"123456789";
        let want = npi_check_digit(&good);
        for i in 0..9 {
            let mut typo = good;
            typo[i] = if typo[i] == b'9' { b'0' } else { typo[i] + 1 };
            assert_ne!(npi_check_digit(&typo), want, "digit {i}");
        }
    }
}

//! "Did you mean …?" suggestions for misspelt keys and slugs.

/// The known name closest to `input`, if it is close enough to be a likely typo.
pub fn closest<'a, I>(input: &str, known: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let input_lower = input.to_lowercase();
    known
        .into_iter()
        .map(|k| {
            (
                k,
                strsim::damerau_levenshtein(&input_lower, &k.to_lowercase()),
            )
        })
        .filter(|(k, d)| {
            let longest = input.chars().count().max(k.chars().count());
            *d <= 2.max(longest / 3) && *d < longest
        })
        .min_by_key(|(_, d)| *d)
        .map(|(k, _)| k)
}

/// A help sentence: "did you mean `x`?" when one is close, and the full list.
pub fn help_for(input: &str, known: &[&str], what: &str) -> String {
    let list = known
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match closest(input, known.iter().copied()) {
        Some(best) => format!("did you mean `{best}`? Known {what}: {list}"),
        None if known.is_empty() => format!("there are no {what} yet"),
        None => format!("known {what}: {list}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_table() {
        let keys = [
            "title",
            "date",
            "author",
            "clinic",
            "categories",
            "tags",
            "summary",
        ];
        let cases = [
            ("titel", Some("title")),
            ("autor", Some("author")),
            ("category", Some("categories")),
            ("Tags", Some("tags")),
            ("zzzzzz", None),
            ("x", None),
        ];
        for (input, want) in cases {
            assert_eq!(closest(input, keys), want, "closest({input:?})");
        }
    }

    #[test]
    fn help_lists_known() {
        assert_eq!(
            help_for("jane-do", &["jane-doe", "sam-lee"], "authors"),
            "did you mean `jane-doe`? Known authors: `jane-doe`, `sam-lee`"
        );
        assert_eq!(help_for("x", &[], "clinics"), "there are no clinics yet");
    }
}

//! `data/referrals.yaml` in the shape Decap CMS can edit.
//!
//! gait reads the file as a bare list or as a `referrals:` key holding the
//! list. Decap edits only mappings, so `gait cms init` moves a bare list
//! under the key: every line indented two spaces, comments kept, and the
//! result checked to hold the very same entries.

use super::config::REFERRALS_FIELD;

/// The text with the list under `referrals:`, or `None` when the file is
/// not a bare list. `Err` when the file cannot be moved safely.
pub fn wrap(text: &str) -> Result<Option<String>, String> {
    let text = crate::frontmatter::strip_bom(text);
    let before: serde_yaml::Value = match serde_yaml::from_str(text) {
        Ok(v) => v,
        Err(e) => return Err(format!("it is not valid YAML ({e})")),
    };
    if !before.is_sequence() {
        return Ok(None);
    }
    if text
        .lines()
        .any(|l| l.starts_with("---") || l.starts_with("..."))
    {
        return Err("it has `---` or `...` document markers".into());
    }
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut lines = text.lines().peekable();
    // Comments at the top stay at the top.
    while let Some(l) = lines.next_if(|l| l.trim().is_empty() || l.starts_with('#')) {
        out.push_str(l);
        out.push('\n');
    }
    out.push_str(REFERRALS_FIELD);
    out.push_str(":\n");
    for l in lines {
        if !l.trim().is_empty() {
            out.push_str("  ");
            out.push_str(l);
        }
        out.push('\n');
    }
    let after: serde_yaml::Value = serde_yaml::from_str(&out)
        .map_err(|e| format!("the moved list does not read back ({e})"))?;
    match after.get(REFERRALS_FIELD) {
        Some(list) if *list == before => Ok(Some(out)),
        _ => Err("the moved list does not read back the same".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_table() {
        let cases: &[(&str, Result<Option<&str>, ()>)] = &[
            (
                "# Who we refer to.\n- name: A\n  city: Waco\n\n- name: B # note\n  specialties: [x]\n  bio: |\n    two\n    lines\n",
                Ok(Some(
                    "# Who we refer to.\nreferrals:\n  - name: A\n    city: Waco\n\n  - name: B # note\n    specialties: [x]\n    bio: |\n      two\n      lines\n",
                )),
            ),
            ("referrals:\n  - name: A\n", Ok(None)),
            ("[{name: A}]\n", Ok(Some("referrals:\n  [{name: A}]\n"))),
            ("---\n- name: A\n", Err(())),
            ("- a: [\n", Err(())),
        ];
        for (input, want) in cases {
            let got = wrap(input);
            match want {
                Ok(w) => assert_eq!(got.as_ref().map(|o| o.as_deref()), Ok(*w), "{input:?}"),
                Err(()) => assert!(got.is_err(), "{input:?}: {got:?}"),
            }
        }
    }
}

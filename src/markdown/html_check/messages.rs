//! What each problem with raw HTML means and what to do about it, in words
//! a writer who does not write HTML every day understands.

use super::ProblemKind;

impl ProblemKind {
    /// What is wrong, in words a writer understands.
    pub fn message(&self) -> String {
        match self {
            ProblemKind::VoidEndTag { name } => {
                format!("`</{name}>` is not needed: `<{name}>` never has an end tag")
            }
            ProblemKind::StrayEndTag { name } => {
                format!("`</{name}>` closes a `<{name}>` that is not open here")
            }
            ProblemKind::ParagraphEnded { by } => format!(
                "`</p>` has no `<p>` to close: the `<{by}>` inside it ended the paragraph, because a `<p>` cannot hold a `<{by}>`"
            ),
            ProblemKind::Misnested { closed, open } => format!(
                "`</{closed}>` closes `<{closed}>` while the `<{open}>` opened inside it is still open"
            ),
            ProblemKind::Unclosed { name } => {
                format!("the `<{name}>` opened here is never closed")
            }
            ProblemKind::SelfClosing { name } => format!(
                "`<{name}/>` does not close the `<{name}>`: only empty elements such as `<br/>` close themselves"
            ),
            ProblemKind::Misplaced { name, parent } => match parent {
                Some(p) => format!("`<{name}>` cannot go inside `<{p}>` here, so browsers move or drop it"),
                None => format!("`<{name}>` cannot go here, so browsers move or drop it"),
            },
            ProblemKind::TextInTable { parent } => {
                format!("text cannot go directly inside `<{parent}>`, so browsers move it above the table")
            }
            ProblemKind::DuplicateAttribute => {
                "a tag on this line has the same attribute twice; browsers use only the first".into()
            }
            ProblemKind::BadSyntax => "a tag on this line is not written correctly".into(),
            ProblemKind::Unfinished => {
                "the HTML after this line never ends: a tag is missing its `>` or a closing quote, or a comment its `-->`".into()
            }
            ProblemKind::TooDeep => format!(
                "elements here are nested more than {} deep, so browsers flatten them; the HTML after this line is not checked",
                super::MAX_DEPTH
            ),
            ProblemKind::TooMany => {
                "there is more wrong with the HTML from this line on; it is not checked further".into()
            }
            ProblemKind::BadValue {
                attr, value, why, ..
            } => format!("`{attr}=\"{value}\"` {why}"),
        }
    }

    /// What to do about it.
    pub fn help(&self) -> String {
        match self {
            ProblemKind::VoidEndTag { name } => format!("remove `</{name}>`"),
            ProblemKind::StrayEndTag { name } => {
                format!("remove `</{name}>`, or add the `<{name}>` it should close before it")
            }
            ProblemKind::ParagraphEnded { by } => format!(
                "use `<div>` instead of `<p>` around the `<{by}>`, or close the `<p>` before it"
            ),
            ProblemKind::Misnested { closed, open } => format!(
                "close tags in the reverse order you opened them: `<{closed}><{open}>...</{open}></{closed}>`"
            ),
            ProblemKind::Unclosed { name } => {
                format!("add `</{name}>` where the part it wraps ends")
            }
            ProblemKind::SelfClosing { name } => format!("write `<{name}></{name}>`"),
            ProblemKind::Misplaced { name, parent } => match parent.as_deref() {
                Some("table" | "thead" | "tbody" | "tfoot" | "tr") => {
                    format!("put `<{name}>` inside a cell (`<td>`), or move it out of the table")
                }
                Some(p) if p == name => {
                    format!("close the first `<{name}>` before you open another")
                }
                _ => "check the tags around it: each must be closed inside the element it was opened in, and a page has only one `<html>`, `<head>` and `<body>`".into(),
            },
            ProblemKind::TextInTable { .. } => {
                "put the text inside a cell (`<td>`), or move it out of the table".into()
            }
            ProblemKind::DuplicateAttribute => "remove one of the two".into(),
            ProblemKind::BadSyntax => "check its `<`, `>`, quotes and the spaces between attributes; write `&lt;` for a `<` that does not start a tag".into(),
            ProblemKind::Unfinished => "add the missing `>`, quote or `-->`".into(),
            ProblemKind::TooDeep => "close the elements you opened before opening more".into(),
            ProblemKind::TooMany => "fix the problems above first, then check again".into(),
            ProblemKind::BadValue { help, .. } => (*help).to_string(),
        }
    }
}

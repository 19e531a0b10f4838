//! HTML tables as GFM (pipe) tables, for the converter in `html_to_md`.
//!
//! A GFM table needs a header row; WordPress tables often have none (the
//! Gutenberg table block's default, most classic-editor tables: clinic
//! hours, insurance lists). The first row is the header: its `<thead>` row,
//! a row of `<th>` cells, or, in a table with no header at all, its first
//! row of data (read top to bottom, the page says the same thing; only that
//! row is bold). `<th>` cells further down (row labels) are made bold.
//! Cells keep their inline Markdown on one line: a `<br>` (and a paragraph
//! or list item break) stays `<br>`, which GFM cells allow, and `|` is
//! escaped. A layout table, one whose cells hold headings, lists, quotes or
//! other tables, cannot be a GFM table: its contents are kept one after
//! another, as before.

use std::rc::Rc;

use htmd::Element;
use htmd::element_handler::{HandlerResult, Handlers};
use markup5ever_rcdom::{Node, NodeData};

/// Columns and rows kept at most (a hostile export cannot make the table,
/// or a `colspan`, grow without end); what is past them is left out.
const MAX_COLUMNS: usize = 64;
const MAX_ROWS: usize = 10_000;

/// Elements that make a table a layout table.
const BLOCKS_IN_CELLS: &[&str] = &[
    "table",
    "ul",
    "ol",
    "dl",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "hr",
    "iframe",
    "video",
    "audio",
];

/// One row: its cells' Markdown, and which of them were `<th>`.
struct Row {
    cells: Vec<(String, bool)>,
}

/// The handler for `<table>`.
pub fn table(handlers: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    let node = element.node;
    if is_layout(node) {
        let content = handlers.walk_children(node).content;
        return Some(format!("\n\n{}\n\n", content.trim_matches('\n')).into());
    }
    let mut caption = String::new();
    let mut rows = Vec::new();
    for child in children(node) {
        match tag(&child) {
            Some("caption") => caption = handlers.walk_children(&child).content,
            Some("thead" | "tbody" | "tfoot") => {
                for tr in children(&child) {
                    if tag(&tr) == Some("tr") && rows.len() < MAX_ROWS {
                        rows.push(row(handlers, &tr));
                    }
                }
            }
            Some("tr") if rows.len() < MAX_ROWS => rows.push(row(handlers, &child)),
            _ => {}
        }
    }
    let md = render(&rows);
    let caption = cell_text(&caption);
    let md = match (md.is_empty(), caption.is_empty()) {
        (true, true) => return Some(String::new().into()),
        (true, false) => caption,
        (false, true) => md,
        (false, false) => format!("{caption}\n\n{md}"),
    };
    Some(format!("\n\n{md}\n\n").into())
}

fn row(handlers: &dyn Handlers, tr: &Rc<Node>) -> Row {
    let mut cells = Vec::new();
    for cell in children(tr) {
        let is_th = match tag(&cell) {
            Some("th") => true,
            Some("td") => false,
            _ => continue,
        };
        let text = cell_text(&handlers.walk_children(&cell).content);
        let span = super::html_to_md::attr_of(&cell, "colspan")
            .and_then(|s| s.trim().parse::<usize>().ok())
            .unwrap_or(1)
            .clamp(1, MAX_COLUMNS);
        cells.push((text, is_th));
        for _ in 1..span {
            cells.push((String::new(), is_th));
        }
    }
    cells.truncate(MAX_COLUMNS);
    Row { cells }
}

/// The rows as a GFM table, the first one its header; empty when no row
/// has a cell.
fn render(rows: &[Row]) -> String {
    let columns = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    if columns == 0 {
        return String::new();
    }
    let rows: Vec<Vec<String>> = rows
        .iter()
        .filter(|r| !r.cells.is_empty())
        .enumerate()
        .map(|(i, r)| {
            let mut cells: Vec<String> = r
                .cells
                .iter()
                .map(|(text, th)| {
                    if *th && i > 0 && !text.is_empty() {
                        format!("**{text}**")
                    } else {
                        text.clone()
                    }
                })
                .collect();
            cells.resize(columns, String::new());
            cells
        })
        .collect();
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .map(|r| r[c].chars().count())
                .max()
                .unwrap_or(0)
                .max(1)
        })
        .collect();
    let line = |cells: &[String]| {
        let mut s = String::from("|");
        for (cell, w) in cells.iter().zip(&widths) {
            let pad = w.saturating_sub(cell.chars().count());
            s.push_str(&format!(" {cell}{} |", " ".repeat(pad)));
        }
        s
    };
    let mut out = vec![line(&rows[0])];
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    out.push(line(&rule));
    out.extend(rows[1..].iter().map(|r| line(r)));
    out.join("\n")
}

/// A cell's Markdown on one line: line breaks become `<br>` (one for a
/// blank line too), `|` is escaped.
pub fn cell_text(md: &str) -> String {
    let mut out = String::new();
    for line in md.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            out.push_str("<br>");
        }
        let line = match line.strip_suffix('\\') {
            Some(rest) if trailing_backslashes(line) % 2 == 1 => rest.trim_end(),
            _ => line,
        };
        out.push_str(&line.replace('|', "\\|"));
    }
    // A `<br>` at a cell's end shows nothing.
    while let Some(rest) = out.strip_suffix("<br>") {
        out.truncate(rest.len());
    }
    out
}

fn trailing_backslashes(s: &str) -> usize {
    s.bytes().rev().take_while(|&b| b == b'\\').count()
}

fn is_layout(table: &Rc<Node>) -> bool {
    let mut stack: Vec<Rc<Node>> = children(table);
    while let Some(n) = stack.pop() {
        if tag(&n).is_some_and(|t| BLOCKS_IN_CELLS.contains(&t)) {
            return true;
        }
        stack.extend(children(&n));
    }
    false
}

fn children(node: &Rc<Node>) -> Vec<Rc<Node>> {
    node.children.borrow().iter().cloned().collect()
}

fn tag(node: &Rc<Node>) -> Option<&str> {
    match &node.data {
        NodeData::Element { name, .. } => Some(name.local.as_ref()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_text_table() {
        let cases = [
            ("", ""),
            ("Monday", "Monday"),
            ("  Yes \n", "Yes"),
            ("9–1\\\n(call first)", "9–1<br>(call first)"),
            ("a | b", "a \\| b"),
            ("`x|y`", "`x\\|y`"),
            ("One\n\nTwo", "One<br>Two"),
            ("Ends\\\n", "Ends"),
            ("Literal \\\\", "Literal \\\\"),
            ("**Bold**", "**Bold**"),
        ];
        for (md, want) in cases {
            assert_eq!(cell_text(md), want, "cell_text({md:?})");
        }
    }

    fn md(html: &str) -> String {
        crate::import::html_to_md::convert(html, &mut |_, _| None)
    }

    #[test]
    fn tables_table() {
        let cases = [
            (
                "<figure class=\"wp-block-table\"><table><tbody><tr><td>Monday</td><td>7am–7pm</td></tr><tr><td>Saturday</td><td>Closed</td></tr></tbody></table></figure>",
                "| Monday   | 7am–7pm |\n| -------- | ------- |\n| Saturday | Closed  |\n",
            ),
            (
                "<table><tr><th>Plan</th><th>Accepted</th></tr><tr><td>Aetna | PPO</td><td>Yes</td></tr></table>",
                "| Plan         | Accepted |\n| ------------ | -------- |\n| Aetna \\| PPO | Yes      |\n",
            ),
            (
                "<table><thead><tr><th>Day</th><th>Hours</th></tr></thead><tbody><tr><th>Sat</th><td>9–1<br>(call first)</td></tr></tbody></table>",
                "| Day     | Hours               |\n| ------- | ------------------- |\n| **Sat** | 9–1<br>(call first) |\n",
            ),
            (
                "<table><tr><td colspan=\"2\">Closed on holidays</td></tr><tr><td>Mon</td><td>Yes</td></tr></table>",
                "| Closed on holidays |     |\n| ------------------ | --- |\n| Mon                | Yes |\n",
            ),
            (
                "<table><tr><td>Only</td></tr><tr><td>a</td><td>b</td></tr></table>",
                "| Only |   |\n| ---- | - |\n| a    | b |\n",
            ),
            ("<table></table><p>After</p>", "After\n"),
            (
                "<table><tr><td><h3>Our team</h3><p>Dana</p></td></tr></table>",
                "### Our team\n\nDana\n",
            ),
        ];
        for (html, want) in cases {
            assert_eq!(md(html), want, "convert({html:?})");
        }
    }
}

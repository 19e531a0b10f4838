//! A YAML document as a tree whose every node knows its line, for errors
//! that point into a hand-edited config.yml (`key: value` or flow style
//! `{name: title, widget: string}` alike).
//!
//! Built from yaml-rust2's marked events; values stay text (the drift check
//! compares names and flags, not numbers). Aliases are kept as opaque nodes.

use yaml_rust2::Event;
use yaml_rust2::parser::{MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// One node and the 1-based line where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub line: usize,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Scalar(String),
    List(Vec<Node>),
    /// Keys in file order, each with the line of the key.
    Map(Vec<Entry>),
    Alias,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub line: usize,
    pub value: Node,
}

/// Why a document could not be read: a message and its 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

impl Node {
    /// The value of `key` when this is a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    pub fn entry(&self, key: &str) -> Option<&Entry> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|e| e.key == key),
            _ => None,
        }
    }

    pub fn entries(&self) -> &[Entry] {
        match &self.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }

    pub fn items(&self) -> &[Node] {
        match &self.value {
            Value::List(items) => items,
            _ => &[],
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The text of `key`'s value, when it is a scalar.
    pub fn str_of(&self, key: &str) -> Option<&str> {
        self.get(key).and_then(Node::as_str)
    }

    /// `key` read as a YAML 1.2 boolean (`true`, `false` in any case).
    pub fn bool_of(&self, key: &str) -> Option<bool> {
        match self.str_of(key)?.to_ascii_lowercase().as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }

    /// The item of a list of mappings whose `key` is `value`.
    pub fn item_with(&self, key: &str, value: &str) -> Option<&Node> {
        self.items().iter().find(|n| n.str_of(key) == Some(value))
    }
}

/// Parse the first document of `text`. An empty text is an empty mapping.
pub fn parse(text: &str) -> Result<Node, ParseError> {
    let mut builder = Builder::default();
    Parser::new_from_str(text)
        .load(&mut builder, false)
        .map_err(|e| ParseError {
            line: e.marker().line(),
            message: e.info().to_string(),
        })?;
    Ok(builder.done.unwrap_or(Node {
        line: 1,
        value: Value::Map(Vec::new()),
    }))
}

/// A list or mapping being filled; a mapping holds its pending key.
enum Open {
    List(usize, Vec<Node>),
    Map(usize, Vec<Entry>, Option<(String, usize)>),
}

#[derive(Default)]
struct Builder {
    stack: Vec<Open>,
    done: Option<Node>,
}

impl Builder {
    fn add(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => {
                if self.done.is_none() {
                    self.done = Some(node);
                }
            }
            Some(Open::List(_, items)) => items.push(node),
            Some(Open::Map(_, entries, pending)) => match pending.take() {
                None => {
                    let key = match node.value {
                        Value::Scalar(s) => s,
                        _ => String::new(),
                    };
                    *pending = Some((key, node.line));
                }
                Some((key, line)) => entries.push(Entry {
                    key,
                    line,
                    value: node,
                }),
            },
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let line = mark.line();
        match ev {
            Event::Scalar(s, ..) => self.add(Node {
                line,
                value: Value::Scalar(s),
            }),
            Event::Alias(_) => self.add(Node {
                line,
                value: Value::Alias,
            }),
            Event::SequenceStart(..) => self.stack.push(Open::List(line, Vec::new())),
            Event::MappingStart(..) => self.stack.push(Open::Map(line, Vec::new(), None)),
            Event::SequenceEnd | Event::MappingEnd => {
                let node = match self.stack.pop() {
                    Some(Open::List(line, items)) => Node {
                        line,
                        value: Value::List(items),
                    },
                    Some(Open::Map(line, entries, _)) => Node {
                        line,
                        value: Value::Map(entries),
                    },
                    None => return,
                };
                self.add(node);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_and_flow_nodes_know_their_lines() {
        let doc = parse(
            "# comment\nbackend:\n  name: github\ncollections:\n  - name: posts\n    fields:\n      - {label: Title, name: title}\n      - label: Date\n        name: date\n        required: false\n",
        )
        .unwrap();
        assert_eq!(doc.entry("backend").unwrap().line, 2);
        let posts = doc
            .get("collections")
            .unwrap()
            .item_with("name", "posts")
            .unwrap();
        assert_eq!(posts.line, 5);
        let fields = posts.get("fields").unwrap().items();
        assert_eq!(fields[0].line, 7);
        assert_eq!(fields[0].str_of("name"), Some("title"));
        assert_eq!(fields[1].entry("name").unwrap().line, 9);
        assert_eq!(fields[1].bool_of("required"), Some(false));
        assert_eq!(fields[0].bool_of("required"), None);
    }

    #[test]
    fn errors_and_empty_documents() {
        let e = parse("a: [1, 2\nb: c\n").unwrap_err();
        assert!(e.line >= 1, "{e:?}");
        assert_eq!(parse("").unwrap().entries(), &[]);
    }
}

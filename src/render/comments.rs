//! A post's comments as a tree for templates: replies under their parent,
//! threads deeper than [`MAX_COMMENT_DEPTH`] shown flat at that depth.

use std::collections::HashMap;

use crate::i18n::Text;
use crate::model::Post;
use crate::views::CommentView;
use crate::views::present::date_view;

/// Threads deeper than this are shown flat at the deepest level: themes
/// render replies recursively, and Tera limits recursion.
pub const MAX_COMMENT_DEPTH: usize = 10;

/// Comments of a post as a tree, replies under their parent, dated in the
/// language of `text`.
pub fn comment_tree(post: &Post, bodies: &[String], text: &Text) -> Vec<CommentView> {
    let comments = post.comments();
    let mut children: HashMap<Option<&str>, Vec<usize>> = HashMap::new();
    for (i, c) in comments.iter().enumerate() {
        children.entry(c.parent.as_deref()).or_default().push(i);
    }
    let view = |i: usize, replies: Vec<CommentView>| CommentView {
        id: comments[i].id.clone(),
        author: comments[i].author.clone(),
        date: date_view(&comments[i].date, text),
        body: bodies.get(i).cloned().unwrap_or_default(),
        replies,
    };
    // Every comment below `i`, in thread order, without nesting.
    let flatten = |i: usize| {
        let mut out = Vec::new();
        let mut stack: Vec<usize> = children
            .get(&Some(comments[i].id.as_str()))
            .into_iter()
            .flatten()
            .rev()
            .copied()
            .collect();
        while let Some(j) = stack.pop() {
            if out.len() > comments.len() {
                break;
            }
            out.push(view(j, Vec::new()));
            stack.extend(
                children
                    .get(&Some(comments[j].id.as_str()))
                    .into_iter()
                    .flatten()
                    .rev()
                    .copied(),
            );
        }
        out
    };
    fn build(
        parent: Option<&str>,
        depth: usize,
        children: &HashMap<Option<&str>, Vec<usize>>,
        comments: &[crate::content::comments::CommentDoc],
        view: &dyn Fn(usize, Vec<CommentView>) -> CommentView,
        flatten: &dyn Fn(usize) -> Vec<CommentView>,
    ) -> Vec<CommentView> {
        let Some(kids) = children.get(&parent) else {
            return Vec::new();
        };
        kids.iter()
            .map(|&i| {
                let replies = if depth + 1 >= MAX_COMMENT_DEPTH {
                    flatten(i)
                } else {
                    build(
                        Some(comments[i].id.as_str()),
                        depth + 1,
                        children,
                        comments,
                        view,
                        flatten,
                    )
                };
                view(i, replies)
            })
            .collect()
    }
    build(None, 0, &children, comments, &view, &flatten)
}

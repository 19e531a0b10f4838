//! From the resolved site to output files: views, templates, the page plan,
//! page rendering, feeds and related posts.

pub mod comments;
pub mod page_contexts;
pub mod pages;
pub mod prerendered;
pub mod related;
pub mod templates;

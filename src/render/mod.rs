//! Pages from the views: the page kinds (`kinds/`), the Tera templates, the
//! HTML shared between pages (header, footer, post cards), comment trees
//! and related posts.

pub mod comments;
mod inline;
pub mod kinds;
pub mod prerendered;
pub mod related;
pub mod templates;

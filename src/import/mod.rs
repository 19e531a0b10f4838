//! Importing content from other systems into a gait site.

pub mod wordpress;

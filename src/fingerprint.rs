//! Content fingerprints: a 64-bit hash used to tell whether something changed
//! between two builds of the preview server. Only compared within one process.

use std::hash::{DefaultHasher, Hash, Hasher};

/// Fingerprint of any hashable value.
pub fn of<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// Combines fingerprints in order.
#[derive(Default)]
pub struct Combiner(DefaultHasher);

impl Combiner {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn add<T: Hash + ?Sized>(&mut self, value: &T) -> &mut Self {
        value.hash(&mut self.0);
        self
    }
    pub fn finish(&self) -> u64 {
        self.0.finish()
    }
}

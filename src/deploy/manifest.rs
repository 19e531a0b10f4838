//! The manifest gait keeps at the target, `.gait-deploy.json`: every file it
//! published there, with its size and SHA-256. The next deploy compares the
//! build with it to upload only what changed, and deletes only files that
//! gait itself published.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The manifest's name, at the top of the target.
pub const NAME: &str = ".gait-deploy.json";

/// What gait knows a published file holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub size: u64,
    pub sha256: String,
}

/// Published files by path (relative, with `/`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The manifest format; 1 so far.
    pub gait_deploy: u32,
    pub files: BTreeMap<String, Entry>,
}

impl Manifest {
    pub fn new() -> Manifest {
        Manifest {
            gait_deploy: 1,
            files: BTreeMap::new(),
        }
    }

    /// Read a manifest found at the target. One that cannot be read is
    /// treated as none: every file is uploaded again, nothing deleted.
    pub fn parse(bytes: &[u8]) -> Option<Manifest> {
        serde_json::from_slice::<Manifest>(bytes)
            .ok()
            .filter(|m| m.gait_deploy == 1)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = serde_json::to_vec_pretty(self).unwrap_or_default();
        out.push(b'\n');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_rejects() {
        let mut m = Manifest::new();
        m.files.insert(
            "index.html".into(),
            Entry {
                size: 3,
                sha256: "ab".into(),
            },
        );
        let bytes = m.to_bytes();
        assert_eq!(
            String::from_utf8(bytes.clone()).unwrap(),
            "{\n  \"gait_deploy\": 1,\n  \"files\": {\n    \"index.html\": {\n      \"size\": 3,\n      \"sha256\": \"ab\"\n    }\n  }\n}\n"
        );
        assert_eq!(Manifest::parse(&bytes), Some(m));
        assert_eq!(Manifest::parse(b"not json"), None);
        assert_eq!(
            Manifest::parse(b"{\"gait_deploy\": 9, \"files\": {}}"),
            None
        );
    }
}

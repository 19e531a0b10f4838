//! Rendered post bodies set aside on disk during a single build, so that
//! the build's memory grows with the number of posts by a small record
//! each, not with their text. The bodies go into one unnamed temporary file
//! beside the output folder (on its disk, not in a RAM-backed `/tmp`): it
//! has no name, so it disappears with the process however the build ends.
//! Each body is read back when its page, its feed entry or its search
//! document is made.

use std::borrow::Cow;
use std::fs::File;
use std::io;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

/// The file the bodies of one build are set aside in.
#[derive(Debug)]
pub struct Spill {
    file: File,
    /// Where the next text goes; on systems without positioned writes the
    /// lock also guards the file's cursor.
    end: Mutex<u64>,
}

/// A text set aside: where it is in its [`Spill`].
#[derive(Debug, Clone)]
pub struct Spilled {
    spill: Arc<Spill>,
    offset: u64,
    len: usize,
}

impl Spill {
    /// A new, empty spill in the folder that holds `output` (or in the
    /// current folder when `output` has no parent).
    pub fn beside(output: &Path) -> io::Result<Arc<Spill>> {
        let dir = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        Ok(Arc::new(Spill {
            file: tempfile::tempfile_in(dir)?,
            end: Mutex::new(0),
        }))
    }

    /// Set `text` aside; many threads may do this at once.
    pub fn put(self: &Arc<Self>, text: &str) -> io::Result<Spilled> {
        let len = text.len();
        let mut end = self.end.lock().unwrap_or_else(PoisonError::into_inner);
        let offset = *end;
        *end += len as u64;
        #[cfg(unix)]
        {
            drop(end);
            std::os::unix::fs::FileExt::write_all_at(&self.file, text.as_bytes(), offset)?;
        }
        #[cfg(not(unix))]
        {
            use std::io::{Seek, SeekFrom, Write};
            let mut f = &self.file;
            f.seek(SeekFrom::Start(offset))?;
            f.write_all(text.as_bytes())?;
            drop(end);
        }
        Ok(Spilled {
            spill: self.clone(),
            offset,
            len,
        })
    }
}

impl Spilled {
    /// The text, read back.
    pub fn read(&self) -> io::Result<String> {
        let mut bytes = vec![0; self.len];
        #[cfg(unix)]
        std::os::unix::fs::FileExt::read_exact_at(&self.spill.file, &mut bytes, self.offset)?;
        #[cfg(not(unix))]
        {
            use std::io::{Read, Seek, SeekFrom};
            let _cursor = self
                .spill
                .end
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            let mut f = &self.spill.file;
            f.seek(SeekFrom::Start(self.offset))?;
            f.read_exact(&mut bytes)?;
        }
        String::from_utf8(bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }
}

/// A text kept in memory or set aside.
pub fn text<'a>(kept: &'a str, spilled: Option<&Spilled>) -> io::Result<Cow<'a, str>> {
    match spilled {
        Some(s) => s.read().map(Cow::Owned),
        None => Ok(Cow::Borrowed(kept)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_put_from_many_threads_read_back_whole() {
        let dir = tempfile::tempdir().unwrap();
        let spill = Spill::beside(&dir.path().join("public")).unwrap();
        let texts: Vec<String> = (0..200)
            .map(|i| format!("<p>post {i}: {}</p>", "é".repeat(i)))
            .collect();
        let put: Vec<Spilled> = std::thread::scope(|s| {
            let handles: Vec<_> = texts
                .chunks(50)
                .map(|chunk| {
                    let spill = &spill;
                    s.spawn(move || {
                        chunk
                            .iter()
                            .map(|t| spill.put(t).unwrap())
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap())
                .collect()
        });
        for (t, s) in texts.iter().zip(&put) {
            assert_eq!(&s.read().unwrap(), t);
        }
        assert_eq!(text("kept", None).unwrap(), "kept");
        assert_eq!(text("ignored", Some(&put[3])).unwrap(), texts[3]);
        // The file has no name: nothing is left in the folder.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn an_empty_text_and_a_folder_without_a_parent() {
        let spill = Spill::beside(Path::new("public")).unwrap();
        assert_eq!(spill.put("").unwrap().read().unwrap(), "");
    }
}

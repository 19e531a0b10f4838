//! A folder on an SFTP server (shared hosting, a VPS): list it, read,
//! write and delete files, creating folders as needed and removing those a
//! delete leaves empty. Each operation is retried with backoff.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use anyhow::{Result, anyhow};
use futures_util::StreamExt;
use russh_sftp::client::SftpSession;
use russh_sftp::client::error::Error as SftpError;
use russh_sftp::protocol::StatusCode;
use tokio::io::AsyncWriteExt;

use super::retry::retry;
use super::ssh::{Connection, Login};

pub struct Sftp {
    connection: Connection,
    session: SftpSession,
    /// The target folder as the server names it (`/var/www/site`, or
    /// `www` below the login folder).
    root: String,
    /// Folders known to exist (relative; `""` is the root).
    dirs: tokio::sync::Mutex<HashSet<String>>,
}

/// How many requests are in flight at once while listing.
const LIST_CONCURRENCY: usize = 16;

impl Sftp {
    /// Log in and start SFTP. A target path `/~/www` is `www` in the login folder.
    pub async fn connect(login: &Login<'_>, path: &str) -> Result<Sftp> {
        let connection = Connection::open(login).await?;
        let session = connection.sftp().await?;
        let root = match path {
            "/~" => ".".to_string(),
            p => p.strip_prefix("/~/").unwrap_or(p).to_string(),
        };
        Ok(Sftp {
            connection,
            session,
            root,
            dirs: tokio::sync::Mutex::new(HashSet::new()),
        })
    }

    fn abs(&self, rel: &str) -> String {
        match rel.is_empty() {
            true => self.root.clone(),
            false => format!("{}/{rel}", self.root.trim_end_matches('/')),
        }
    }

    /// Every file under the target folder, with its size (none when the
    /// folder does not exist yet).
    pub async fn list(&self) -> Result<BTreeMap<String, u64>> {
        let mut files = BTreeMap::new();
        let mut found_dirs = HashSet::new();
        let mut level = vec![String::new()];
        while !level.is_empty() {
            let listed: Vec<_> = futures_util::stream::iter(std::mem::take(&mut level))
                .map(|dir| async move {
                    let abs = self.abs(&dir);
                    let entries = retry(|| self.session.read_dir(abs.clone())).await;
                    (dir, entries)
                })
                .buffer_unordered(LIST_CONCURRENCY)
                .collect()
                .await;
            for (dir, entries) in listed {
                let entries = match entries {
                    Ok(e) => e,
                    Err(e) if dir.is_empty() && is_missing(&e) => return Ok(files),
                    Err(e) => return Err(anyhow!("cannot list {}: {e}", self.abs(&dir))),
                };
                found_dirs.insert(dir.clone());
                for entry in entries {
                    let rel = join(&dir, &entry.file_name());
                    let meta = entry.metadata();
                    if meta.file_type().is_dir() {
                        level.push(rel);
                    } else if meta.file_type().is_file() {
                        files.insert(rel, meta.len());
                    }
                }
            }
        }
        *self.dirs.lock().await = found_dirs;
        Ok(files)
    }

    /// A file's bytes, or `None` when it does not exist.
    pub async fn get(&self, rel: &str) -> Result<Option<Vec<u8>>> {
        match retry(|| self.session.read(self.abs(rel))).await {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if is_missing(&e) => Ok(None),
            Err(e) => Err(anyhow!("cannot read {}: {e}", self.abs(rel))),
        }
    }

    /// Write a file, creating its folders.
    pub async fn put(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let parent = rel.rsplit_once('/').map_or("", |(p, _)| p);
        self.make_dirs(parent).await?;
        let abs = self.abs(rel);
        retry(|| async {
            let mut file = self.session.create(abs.clone()).await?;
            file.write_all(bytes)
                .await
                .map_err(|e| SftpError::IO(e.to_string()))?;
            file.close()
                .await
                .map_err(|e| SftpError::IO(e.to_string()))?;
            Ok::<(), SftpError>(())
        })
        .await
        .map_err(|e| anyhow!("cannot write {abs}: {e}"))
    }

    /// Create folder `rel` and those above it, once each.
    async fn make_dirs(&self, rel: &str) -> Result<()> {
        let mut known = self.dirs.lock().await;
        let mut todo = Vec::new();
        let mut dir = rel;
        while !known.contains(dir) {
            todo.push(dir);
            match dir.rsplit_once('/') {
                Some((up, _)) => dir = up,
                None if dir.is_empty() => break,
                None => dir = "",
            }
        }
        for dir in todo.into_iter().rev() {
            let abs = self.abs(dir);
            let made = retry(|| self.session.create_dir(abs.clone())).await;
            if let Err(e) = made {
                // It may exist already (as a folder: fine; as a file: not).
                let is_dir = self
                    .session
                    .metadata(abs.clone())
                    .await
                    .is_ok_and(|m| m.file_type().is_dir());
                if !is_dir {
                    return Err(anyhow!("cannot create the folder {abs}: {e}"));
                }
            }
            known.insert(dir.to_string());
        }
        Ok(())
    }

    pub async fn delete(&self, rel: &str) -> Result<()> {
        let abs = self.abs(rel);
        match retry(|| self.session.remove_file(abs.clone())).await {
            Ok(()) => Ok(()),
            Err(e) if is_missing(&e) => Ok(()),
            Err(e) => Err(anyhow!("cannot delete {abs}: {e}")),
        }
    }

    /// Remove the folders that deleting `deleted` left empty, deepest first.
    pub async fn remove_empty_dirs(&self, deleted: &[String]) {
        let mut dirs: Vec<&str> = deleted
            .iter()
            .flat_map(|d| ancestors(d))
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        dirs.sort_by_key(|d| std::cmp::Reverse(d.matches('/').count()));
        for dir in dirs {
            // Fails, as it should, when the folder still holds something.
            if self.session.remove_dir(self.abs(dir)).await.is_ok() {
                self.dirs.lock().await.remove(dir);
            }
        }
    }

    pub async fn close(self) {
        let _ = self.session.close().await;
        self.connection.close().await;
    }
}

fn join(dir: &str, name: &str) -> String {
    match dir.is_empty() {
        true => name.to_string(),
        false => format!("{dir}/{name}"),
    }
}

/// The folders above a file (`a/b/c.html` → `a/b`, `a`).
fn ancestors(rel: &str) -> impl Iterator<Item = &str> {
    Path::new(rel)
        .ancestors()
        .skip(1)
        .filter_map(Path::to_str)
        .filter(|d| !d.is_empty())
}

fn is_missing(e: &SftpError) -> bool {
    matches!(e, SftpError::Status(s) if s.status_code == StatusCode::NoSuchFile)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_above_a_file() {
        assert_eq!(ancestors("a/b/c.html").collect::<Vec<_>>(), ["a/b", "a"]);
        assert!(ancestors("index.html").next().is_none());
        assert_eq!(join("", "x"), "x");
        assert_eq!(join("a", "x"), "a/x");
    }
}

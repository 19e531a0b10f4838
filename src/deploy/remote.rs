//! The target of a deploy, whichever protocol it speaks: list, read, write
//! and delete files by their path below the target.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Result;

use super::meta::Meta;
use super::s3::S3;
use super::settings::{Deploy, Target, expand_path};
use super::sftp::Sftp;
use super::ssh::Login;

pub enum Remote {
    S3(S3),
    Sftp(Box<Sftp>),
}

impl Remote {
    /// Connect to the target of `deploy` (paths in it are relative to `root`).
    pub async fn connect(deploy: &Deploy, root: &Path) -> Result<Remote> {
        match &deploy.target {
            Target::S3 { bucket, prefix } => Ok(Remote::S3(S3::connect(
                bucket,
                prefix,
                deploy.endpoint.as_deref(),
                deploy.region.as_deref(),
            )?)),
            Target::Sftp {
                user,
                host,
                port,
                path,
            } => {
                let user = user.clone().unwrap_or_else(local_user);
                let known_hosts = expand_path(
                    deploy
                        .known_hosts
                        .as_deref()
                        .unwrap_or("~/.ssh/known_hosts"),
                    root,
                );
                let identity = deploy.identity.as_deref().map(|i| expand_path(i, root));
                let login = Login {
                    host,
                    port: *port,
                    user: &user,
                    known_hosts: &known_hosts,
                    identity: identity.as_deref(),
                };
                Ok(Remote::Sftp(Box::new(Sftp::connect(&login, path).await?)))
            }
        }
    }

    /// Every file at the target, with its size.
    pub async fn list(&self) -> Result<BTreeMap<String, u64>> {
        match self {
            Remote::S3(s) => s.list().await,
            Remote::Sftp(s) => s.list().await,
        }
    }

    pub async fn get(&self, rel: &str) -> Result<Option<Vec<u8>>> {
        match self {
            Remote::S3(s) => s.get(rel).await,
            Remote::Sftp(s) => s.get(rel).await,
        }
    }

    /// Write a file; S3 also records its Content-Type and Cache-Control
    /// (an SFTP server's web server decides those itself).
    pub async fn put(&self, rel: &str, bytes: Vec<u8>, meta: &Meta) -> Result<()> {
        match self {
            Remote::S3(s) => s.put(rel, bytes, meta).await,
            Remote::Sftp(s) => s.put(rel, &bytes).await,
        }
    }

    pub async fn delete(&self, rel: &str) -> Result<()> {
        match self {
            Remote::S3(s) => s.delete(rel).await,
            Remote::Sftp(s) => s.delete(rel).await,
        }
    }

    /// After deletes: remove the folders they left empty (S3 has none).
    pub async fn tidy(&self, deleted: &[String]) {
        if let Remote::Sftp(s) = self {
            s.remove_empty_dirs(deleted).await;
        }
    }

    pub async fn close(self) {
        if let Remote::Sftp(s) = self {
            s.close().await;
        }
    }
}

/// The login name on this computer, for an SFTP target without `user@`.
fn local_user() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .unwrap_or_else(|_| "root".into())
}

//! Amazon S3 and S3-compatible services (R2, B2, MinIO, Wasabi) through the
//! `object_store` crate, which retries failed requests with backoff.
//!
//! Credentials come from the environment (`AWS_ACCESS_KEY_ID`,
//! `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, web identity, container
//! roles), else from the shared credentials file (`~/.aws/credentials`,
//! profile `AWS_PROFILE` or `default`): never from site.yaml.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use futures_util::TryStreamExt;
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::path::Path as Key;
use object_store::{
    Attribute, Attributes, BackoffConfig, ClientOptions, ObjectStore, ObjectStoreExt, PutOptions,
    PutPayload, RetryConfig,
};

use super::meta::Meta;

pub struct S3 {
    store: AmazonS3,
    /// The key prefix, without slashes at its ends (`""` for the whole bucket).
    prefix: String,
}

impl S3 {
    pub fn connect(
        bucket: &str,
        prefix: &str,
        endpoint: Option<&str>,
        region: Option<&str>,
    ) -> Result<S3> {
        let mut builder = AmazonS3Builder::from_env()
            .with_bucket_name(bucket)
            .with_retry(RetryConfig {
                backoff: BackoffConfig {
                    init_backoff: Duration::from_millis(200),
                    max_backoff: Duration::from_secs(10),
                    base: 2.0,
                },
                max_retries: 5,
                retry_timeout: Duration::from_secs(120),
            })
            .with_client_options(
                ClientOptions::new()
                    .with_connect_timeout(Duration::from_secs(10))
                    .with_timeout(Duration::from_secs(120)),
            );
        let from_env = [
            "AWS_ACCESS_KEY_ID",
            "AWS_WEB_IDENTITY_TOKEN_FILE",
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        ]
        .iter()
        .any(|v| std::env::var_os(v).is_some());
        if !from_env {
            let Some(creds) = shared_credentials() else {
                bail!(
                    "there are no S3 credentials for s3://{bucket}\n  help: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add the profile `{}` to ~/.aws/credentials (never to site.yaml)",
                    profile()
                );
            };
            builder = builder
                .with_access_key_id(creds.key_id)
                .with_secret_access_key(creds.secret);
            if let Some(token) = creds.token {
                builder = builder.with_token(token);
            }
        }
        if let Some(endpoint) = endpoint {
            builder = builder
                .with_endpoint(endpoint)
                .with_allow_http(endpoint.starts_with("http://"));
        }
        let region = region
            .map(str::to_string)
            .or_else(|| std::env::var("AWS_REGION").ok())
            .or_else(|| std::env::var("AWS_DEFAULT_REGION").ok())
            .or_else(config_region);
        if let Some(region) = region {
            builder = builder.with_region(region);
        }
        let store = builder
            .build()
            .with_context(|| format!("cannot use the bucket {bucket}"))?;
        Ok(S3 {
            store,
            prefix: prefix.to_string(),
        })
    }

    fn key(&self, rel: &str) -> Result<Key> {
        let full = match self.prefix.is_empty() {
            true => rel.to_string(),
            false => format!("{}/{rel}", self.prefix),
        };
        Key::parse(&full).with_context(|| format!("`{rel}` cannot be an object name"))
    }

    /// Every object under the prefix: its path below the prefix, and size.
    pub async fn list(&self) -> Result<BTreeMap<String, u64>> {
        let prefix = match self.prefix.is_empty() {
            true => None,
            false => Some(Key::parse(&self.prefix)?),
        };
        let objects: Vec<_> = self
            .store
            .list(prefix.as_ref())
            .try_collect()
            .await
            .context("cannot list the bucket")?;
        let strip = match self.prefix.is_empty() {
            true => String::new(),
            false => format!("{}/", self.prefix),
        };
        Ok(objects
            .into_iter()
            .filter_map(|o| {
                let rel = o
                    .location
                    .as_ref()
                    .strip_prefix(strip.as_str())?
                    .to_string();
                Some((rel, o.size))
            })
            .collect())
    }

    /// An object's bytes, or `None` when there is no such object.
    pub async fn get(&self, rel: &str) -> Result<Option<Vec<u8>>> {
        match self.store.get(&self.key(rel)?).await {
            Ok(got) => Ok(Some(got.bytes().await?.to_vec())),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    pub async fn put(&self, rel: &str, bytes: Vec<u8>, meta: &Meta) -> Result<()> {
        let mut attributes = Attributes::new();
        attributes.insert(Attribute::ContentType, meta.content_type.clone().into());
        attributes.insert(Attribute::CacheControl, meta.cache_control.into());
        let opts = PutOptions {
            attributes,
            ..Default::default()
        };
        self.store
            .put_opts(&self.key(rel)?, PutPayload::from(bytes), opts)
            .await?;
        Ok(())
    }

    pub async fn delete(&self, rel: &str) -> Result<()> {
        self.store.delete(&self.key(rel)?).await?;
        Ok(())
    }
}

struct Credentials {
    key_id: String,
    secret: String,
    token: Option<String>,
}

fn aws_file(var: &str, name: &str) -> Option<PathBuf> {
    std::env::var_os(var)
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".aws").join(name)))
}

fn profile() -> String {
    std::env::var("AWS_PROFILE").unwrap_or_else(|_| "default".into())
}

/// The profile's keys in the shared credentials file.
fn shared_credentials() -> Option<Credentials> {
    let ini =
        ini::Ini::load_from_file(aws_file("AWS_SHARED_CREDENTIALS_FILE", "credentials")?).ok()?;
    let section = ini.section(Some(profile()))?;
    Some(Credentials {
        key_id: section.get("aws_access_key_id")?.to_string(),
        secret: section.get("aws_secret_access_key")?.to_string(),
        token: section.get("aws_session_token").map(str::to_string),
    })
}

/// The profile's region in the shared config file (`~/.aws/config`).
fn config_region() -> Option<String> {
    let ini = ini::Ini::load_from_file(aws_file("AWS_CONFIG_FILE", "config")?).ok()?;
    let name = match profile().as_str() {
        "default" => "default".to_string(),
        p => format!("profile {p}"),
    };
    ini.section(Some(name))?.get("region").map(str::to_string)
}

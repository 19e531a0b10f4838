//! site.yaml's publishing settings: the `deploy:` section (where `gait
//! deploy` publishes), `host_files:` and `timezone:`. The raw section as
//! written, and the checked [`Publishing`], with errors at their line.

use std::path::PathBuf;

use serde::Deserialize;

use crate::config::FILE_NAME;
use crate::diag::Diagnostic;

/// The `deploy:` section as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDeploy {
    pub target: Option<String>,
    pub endpoint: Option<String>,
    pub region: Option<String>,
    pub identity: Option<String>,
    pub known_hosts: Option<String>,
}

/// The checked publishing settings.
#[derive(Debug, Clone)]
pub struct Publishing {
    pub deploy: Option<Deploy>,
    /// Write `_redirects`, `_headers` and `.htaccess` (default on).
    pub host_files: bool,
    /// What "today" means for posts' dates; `None`: UTC.
    pub timezone: Option<chrono_tz::Tz>,
}

impl Default for Publishing {
    fn default() -> Self {
        Publishing {
            deploy: None,
            host_files: true,
            timezone: None,
        }
    }
}

/// Where and how `gait deploy` publishes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deploy {
    pub target: Target,
    /// An S3-compatible service's address (R2, B2, MinIO, ...).
    pub endpoint: Option<String>,
    pub region: Option<String>,
    /// SFTP: the private key; `None`: ssh-agent, then `~/.ssh/id_*`.
    pub identity: Option<String>,
    /// SFTP: the known_hosts file; `None`: `~/.ssh/known_hosts`.
    pub known_hosts: Option<String>,
}

/// A deploy target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `s3://bucket/prefix`: objects under `prefix` (no slashes at its ends).
    S3 { bucket: String, prefix: String },
    /// `sftp://user@host:port/path`: files under `path`.
    Sftp {
        user: Option<String>,
        host: String,
        port: u16,
        path: String,
    },
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Target::S3 { bucket, prefix } if prefix.is_empty() => write!(f, "s3://{bucket}"),
            Target::S3 { bucket, prefix } => write!(f, "s3://{bucket}/{prefix}"),
            Target::Sftp {
                user,
                host,
                port,
                path,
            } => {
                let user = user.as_ref().map(|u| format!("{u}@")).unwrap_or_default();
                write!(f, "sftp://{user}{host}:{port}{path}")
            }
        }
    }
}

/// What a target URL should look like.
pub const TARGET_HELP: &str =
    "write it like s3://bucket/prefix or sftp://user@host:port/path/to/site";

/// Parse a target URL: `s3://bucket/prefix` or `sftp://user@host:port/path`.
pub fn parse_target(s: &str) -> Result<Target, String> {
    let s = s.trim();
    let parsed = url::Url::parse(s).map_err(|e| format!("`{s}` is not a deploy target ({e})"))?;
    let host = parsed.host_str().filter(|h| !h.is_empty());
    match parsed.scheme() {
        "s3" => {
            let bucket = host.ok_or_else(|| format!("`{s}` names no bucket"))?;
            if parsed.query().is_some() || parsed.fragment().is_some() || parsed.port().is_some() {
                return Err(format!("`{s}` must not have a port, `?` or `#`"));
            }
            let prefix = decode(parsed.path())?.trim_matches('/').to_string();
            Ok(Target::S3 {
                bucket: bucket.to_string(),
                prefix,
            })
        }
        "sftp" => {
            let host = host.ok_or_else(|| format!("`{s}` names no host"))?;
            if parsed.password().is_some() {
                return Err(format!(
                    "`{s}` holds a password: gait logs in with a key, and site.yaml is no place for secrets"
                ));
            }
            let path = decode(parsed.path())?;
            let path = match path.trim_end_matches('/') {
                "" => "/".to_string(),
                p => p.to_string(),
            };
            Ok(Target::Sftp {
                user: Some(parsed.username())
                    .filter(|u| !u.is_empty())
                    .map(decode)
                    .transpose()?,
                host: host.trim_matches(['[', ']']).to_string(),
                port: parsed.port().unwrap_or(22),
                path,
            })
        }
        other => Err(format!(
            "`{s}` is not a deploy target: gait deploys to s3:// and sftp://, not {other}://"
        )),
    }
}

fn decode(s: &str) -> Result<String, String> {
    percent_decode(s).ok_or_else(|| format!("`{s}` is not valid UTF-8 once decoded"))
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// Check the publishing keys of site.yaml, whose whole text is `text`;
/// problems go to `errors`.
pub fn check(
    text: &str,
    deploy: Option<RawDeploy>,
    host_files: Option<bool>,
    timezone: Option<String>,
    errors: &mut Vec<Diagnostic>,
) -> Publishing {
    let at = |key: &str, sub: Option<&str>, msg: String, help: &str| {
        let line = sub
            .and_then(|s| nested_key_line(text, key, s))
            .or_else(|| nested_key_line(text, key, ""));
        Diagnostic::error(FILE_NAME, msg)
            .at_line(line)
            .with_snippet_from(text)
            .with_help(help)
    };
    let timezone = timezone.and_then(|name| match name.trim().parse::<chrono_tz::Tz>() {
        Ok(tz) => Some(tz),
        Err(_) => {
            errors.push(at(
                "timezone",
                None,
                format!("`{name}` is not a time zone"),
                &timezone_help(&name),
            ));
            None
        }
    });
    let deploy = deploy.and_then(|raw| check_deploy(raw, &at, errors));
    Publishing {
        deploy,
        host_files: host_files.unwrap_or(true),
        timezone,
    }
}

/// Makes the error for a key (`deploy`, and the key inside it, if any).
type Locate<'a> = dyn Fn(&str, Option<&str>, String, &str) -> Diagnostic + 'a;

fn check_deploy(raw: RawDeploy, at: &Locate<'_>, errors: &mut Vec<Diagnostic>) -> Option<Deploy> {
    let before = errors.len();
    let target = match raw.target.as_deref().map(parse_target) {
        Some(Ok(t)) => Some(t),
        Some(Err(msg)) => {
            errors.push(at("deploy", Some("target"), msg, TARGET_HELP));
            None
        }
        None => {
            errors.push(at(
                "deploy",
                None,
                "`deploy` has no `target`".into(),
                "add `target: s3://bucket/prefix` or `target: sftp://user@host:port/path` under `deploy:`",
            ));
            None
        }
    };
    if let Some(endpoint) = &raw.endpoint {
        let ok = url::Url::parse(endpoint)
            .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some());
        if !ok {
            errors.push(at(
                "deploy",
                Some("endpoint"),
                format!("the endpoint `{endpoint}` is not a web address"),
                "write the S3-compatible service's address, like https://ACCOUNT.r2.cloudflarestorage.com",
            ));
        }
    }
    let only = |key: &str, set: bool, kind: &str, errors: &mut Vec<Diagnostic>| {
        if set {
            errors.push(at(
                "deploy",
                Some(key),
                format!("`{key}` is only for {kind} targets"),
                "remove it, or change `target`",
            ));
        }
    };
    match &target {
        Some(Target::S3 { .. }) => {
            only("identity", raw.identity.is_some(), "sftp://", errors);
            only("known_hosts", raw.known_hosts.is_some(), "sftp://", errors);
        }
        Some(Target::Sftp { .. }) => {
            only("endpoint", raw.endpoint.is_some(), "s3://", errors);
            only("region", raw.region.is_some(), "s3://", errors);
        }
        None => {}
    }
    let target = target?;
    (errors.len() == before).then_some(Deploy {
        target,
        endpoint: raw.endpoint,
        region: raw.region,
        identity: raw.identity,
        known_hosts: raw.known_hosts,
    })
}

fn timezone_help(name: &str) -> String {
    let names = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name());
    match crate::suggest::closest(name.trim(), names) {
        Some(best) => format!(
            "did you mean `{best}`? Use a name from the IANA time zone database, like America/Chicago"
        ),
        None => {
            "use a name from the IANA time zone database, like America/Chicago or Europe/London"
                .into()
        }
    }
}

/// 1-based line of `sub:` inside the top-level mapping `key:` (of `key:`
/// itself when `sub` is empty).
fn nested_key_line(text: &str, key: &str, sub: &str) -> Option<usize> {
    let mut lines = text.lines().enumerate();
    let start = lines.find(|(_, l)| {
        l.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    })?;
    if sub.is_empty() {
        return Some(start.0 + 1);
    }
    lines
        .take_while(|(_, l)| l.is_empty() || l.starts_with([' ', '\t', '#']))
        .find(|(_, l)| {
            l.trim_start()
                .strip_prefix(sub)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|(i, _)| i + 1)
}

/// A path from site.yaml: `~/` is the home folder, a relative path is
/// relative to the site's folder.
pub fn expand_path(written: &str, root: &std::path::Path) -> PathBuf {
    match written.strip_prefix("~/") {
        Some(rest) => std::env::var_os("HOME")
            .map(PathBuf::from)
            .unwrap_or_default()
            .join(rest),
        None => root.join(written),
    }
}

#[cfg(test)]
mod tests;

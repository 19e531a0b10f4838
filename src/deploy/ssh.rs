//! An SSH connection for SFTP, with `russh`: the server's host key is checked
//! against known_hosts (an unknown or changed key is refused, with what to
//! do), then the login tries the `identity` key from site.yaml, or the keys
//! of ssh-agent and then `~/.ssh/id_ed25519`, `id_ecdsa` and `id_rsa`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result, anyhow, bail};
use russh::client::AuthResult;
use russh::client::{self, Handle};
use russh::keys::{HashAlg, PrivateKeyWithHashAlg, PublicKey, PublicKeyOrCertificate};

/// Why a host key was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostKeyProblem {
    /// known_hosts has no key of this type for the host.
    Unknown { fingerprint: String },
    /// known_hosts has a different key for the host, at this line.
    Changed { line: usize, fingerprint: String },
    /// The server showed a certificate; gait checks plain host keys only.
    Certificate,
    /// known_hosts could not be read.
    Unreadable(String),
}

/// Checks the server's key against a known_hosts file.
struct KnownHosts {
    host: String,
    port: u16,
    file: PathBuf,
    problem: Arc<Mutex<Option<HostKeyProblem>>>,
}

impl KnownHosts {
    fn verdict(&self, key: &PublicKey) -> Result<(), HostKeyProblem> {
        let fingerprint = key.fingerprint(HashAlg::Sha256).to_string();
        match russh::keys::check_known_hosts_path(&self.host, self.port, key, &self.file) {
            Ok(true) => Ok(()),
            Ok(false) => Err(HostKeyProblem::Unknown { fingerprint }),
            Err(russh::keys::Error::KeyChanged { line }) => {
                Err(HostKeyProblem::Changed { line, fingerprint })
            }
            Err(e) => Err(HostKeyProblem::Unreadable(e.to_string())),
        }
    }
}

impl client::Handler for KnownHosts {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        key: &PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        let verdict = match key {
            PublicKeyOrCertificate::PublicKey { key, .. } => self.verdict(key),
            PublicKeyOrCertificate::Certificate(_) => Err(HostKeyProblem::Certificate),
        };
        let ok = verdict.is_ok();
        if let (Err(problem), Ok(mut slot)) = (verdict, self.problem.lock()) {
            *slot = Some(problem);
        }
        Ok(ok)
    }
}

/// Where to connect and how to log in.
pub struct Login<'a> {
    pub host: &'a str,
    pub port: u16,
    pub user: &'a str,
    pub known_hosts: &'a Path,
    /// The private key from site.yaml, if any.
    pub identity: Option<&'a Path>,
}

/// A logged-in connection.
pub struct Connection {
    handle: Handle<KnownHosts>,
}

impl Connection {
    pub async fn open(login: &Login<'_>) -> Result<Connection> {
        let problem = Arc::new(Mutex::new(None));
        let handler = KnownHosts {
            host: login.host.to_string(),
            port: login.port,
            file: login.known_hosts.to_path_buf(),
            problem: problem.clone(),
        };
        let config = Arc::new(client::Config {
            inactivity_timeout: Some(std::time::Duration::from_secs(120)),
            ..Default::default()
        });
        let address = (login.host, login.port);
        let connected = tokio::time::timeout(
            std::time::Duration::from_secs(20),
            client::connect(config, address, handler),
        )
        .await
        .map_err(|_| anyhow!("no answer from {}:{} in 20 s", login.host, login.port));
        let mut handle = match connected? {
            Ok(h) => h,
            Err(e) => {
                let found = problem.lock().ok().and_then(|mut p| p.take());
                return Err(match found {
                    Some(p) => host_key_error(login, &p),
                    None => anyhow!("cannot connect to {}:{}: {e}", login.host, login.port),
                });
            }
        };
        authenticate(&mut handle, login).await?;
        Ok(Connection { handle })
    }

    /// Start the SFTP subsystem.
    pub async fn sftp(&self) -> Result<russh_sftp::client::SftpSession> {
        let channel = self.handle.channel_open_session().await?;
        channel
            .request_subsystem(true, "sftp")
            .await
            .context("the server offers no SFTP")?;
        let session = russh_sftp::client::SftpSession::new(channel.into_stream())
            .await
            .context("the server offers no SFTP")?;
        session.set_timeout(60);
        Ok(session)
    }

    pub async fn close(&self) {
        let _ = self
            .handle
            .disconnect(russh::Disconnect::ByApplication, "", "en")
            .await;
    }
}

/// The error for a refused host key: what is wrong and what to do.
pub fn host_key_error(login: &Login<'_>, problem: &HostKeyProblem) -> anyhow::Error {
    let name = match login.port {
        22 => login.host.to_string(),
        port => format!("[{}]:{port}", login.host),
    };
    let file = login.known_hosts.display();
    let keyscan = match login.port {
        22 => format!("ssh-keyscan {}", login.host),
        port => format!("ssh-keyscan -p {port} {}", login.host),
    };
    match problem {
        HostKeyProblem::Unknown { fingerprint } => anyhow!(
            "the host key of {name} is not in {file}, so gait cannot tell that it is talking to your server (the server's key: {fingerprint})\n  help: compare that fingerprint with the one your host publishes, then add the key: `{keyscan} >> {file}` (or log in once with ssh)"
        ),
        HostKeyProblem::Changed { line, fingerprint } => anyhow!(
            "the host key of {name} does not match line {line} of {file}: the server's key changed, or someone is in between (the server's key now: {fingerprint})\n  help: ask your host whether they changed the key; only if they did, remove the old line with `ssh-keygen -f {file} -R '{name}'` and add the new key"
        ),
        HostKeyProblem::Certificate => anyhow!(
            "{name} showed a host certificate; gait checks plain host keys against {file}\n  help: add the server's plain host key to {file}"
        ),
        HostKeyProblem::Unreadable(e) => anyhow!("cannot read {file}: {e}"),
    }
}

async fn authenticate(handle: &mut Handle<KnownHosts>, login: &Login<'_>) -> Result<()> {
    let rsa_hash = handle
        .best_supported_rsa_hash()
        .await
        .ok()
        .flatten()
        .flatten();
    if let Some(path) = login.identity {
        let key = load_key(path)?;
        let result = handle
            .authenticate_publickey(
                login.user,
                PrivateKeyWithHashAlg::new(Arc::new(key), rsa_hash),
            )
            .await?;
        if result.success() {
            return Ok(());
        }
        bail!(
            "{}@{} did not accept the key {}\n  help: add its public key ({}.pub) to ~/.ssh/authorized_keys on the server",
            login.user,
            login.host,
            path.display(),
            path.display()
        );
    }
    if try_agent(handle, login.user, rsa_hash).await {
        return Ok(());
    }
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    for name in ["id_ed25519", "id_ecdsa", "id_rsa"] {
        let path = home.join(".ssh").join(name);
        let Ok(key) = russh::keys::load_secret_key(&path, None) else {
            continue;
        };
        let key = PrivateKeyWithHashAlg::new(Arc::new(key), rsa_hash);
        if matches!(
            handle.authenticate_publickey(login.user, key).await,
            Ok(AuthResult::Success)
        ) {
            return Ok(());
        }
    }
    bail!(
        "{}@{} accepted none of this computer's keys (ssh-agent, ~/.ssh/id_ed25519, id_ecdsa, id_rsa)\n  help: set `identity:` under `deploy:` in site.yaml to your key, and put its public key in ~/.ssh/authorized_keys on the server",
        login.user,
        login.host
    )
}

fn load_key(path: &Path) -> Result<russh::keys::PrivateKey> {
    if !path.is_file() {
        bail!(
            "the identity {} does not exist\n  help: set `identity:` under `deploy:` in site.yaml to your private key",
            path.display()
        );
    }
    russh::keys::load_secret_key(path, None).map_err(|e| match e {
        russh::keys::Error::KeyIsEncrypted => anyhow!(
            "the key {} has a passphrase\n  help: add it to ssh-agent with `ssh-add {}` and remove `identity:` from site.yaml",
            path.display(),
            path.display()
        ),
        e => anyhow!("cannot read the key {}: {e}", path.display()),
    })
}

/// Log in with each key ssh-agent holds; false when none works (or no agent runs).
async fn try_agent(handle: &mut Handle<KnownHosts>, user: &str, rsa_hash: Option<HashAlg>) -> bool {
    if std::env::var_os("SSH_AUTH_SOCK").is_none() {
        return false;
    }
    let Ok(mut agent) = russh::keys::agent::client::AgentClient::connect_env().await else {
        return false;
    };
    let Ok(identities) = agent.request_identities().await else {
        return false;
    };
    for identity in identities {
        let russh::keys::agent::AgentIdentity::PublicKey { key, .. } = identity else {
            continue;
        };
        let hash = if key.algorithm().is_rsa() {
            rsa_hash
        } else {
            None
        };
        if matches!(
            handle
                .authenticate_publickey_with(user, key, hash, &mut agent)
                .await,
            Ok(AuthResult::Success)
        ) {
            return true;
        }
    }
    false
}

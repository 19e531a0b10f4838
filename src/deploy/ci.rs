//! `gait init --ci github`: a GitHub Actions workflow that builds and
//! deploys the site on every push to `main`, and once a day just after
//! midnight in site.yaml's `timezone`, so that posts dated today go live.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use chrono::{Offset, TimeZone};

/// Where the workflow goes, in the site's folder.
pub const WORKFLOW: &str = ".github/workflows/deploy.yml";

/// The daily run, as a cron line in UTC: 00:15 in `timezone` (standard
/// time; 01:15 while daylight saving time is on), 00:15 UTC without one.
pub fn cron(timezone: Option<chrono_tz::Tz>) -> String {
    let offset_minutes = timezone.map_or(0, |tz| {
        // January: standard time north of the equator. Either way the
        // run falls between midnight and 02:00 on the clinic's clocks.
        let january = chrono::NaiveDate::from_ymd_opt(2025, 1, 15)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .unwrap_or_default();
        tz.offset_from_utc_datetime(&january)
            .fix()
            .local_minus_utc()
            / 60
    });
    let utc_minutes = (15 - offset_minutes).rem_euclid(24 * 60);
    format!("{} {} * * *", utc_minutes % 60, utc_minutes / 60)
}

/// The workflow's text.
pub fn workflow(timezone: Option<chrono_tz::Tz>) -> String {
    let zone = timezone.map_or("UTC".to_string(), |tz| tz.name().to_string());
    WORKFLOW_TEXT
        .replace("{cron}", &cron(timezone))
        .replace("{zone}", &zone)
}

const WORKFLOW_TEXT: &str = r#"# Builds the site and publishes it with `gait deploy` on every push to main,
# and once a day just after midnight ({zone}), so that posts dated today go
# live. Written by `gait init --ci github`.
#
# In the repository's Settings > Secrets and variables > Actions, add:
# - for an s3:// target: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY;
# - for an sftp:// target: DEPLOY_SSH_KEY (a private key whose public key is
#   in the server's authorized_keys) and DEPLOY_KNOWN_HOSTS (the server's line
#   of your own ~/.ssh/known_hosts, checked against what your host publishes).
name: Deploy

on:
  push:
    branches: [main]
  schedule:
    - cron: "{cron}"
  workflow_dispatch:

concurrency:
  group: deploy
  cancel-in-progress: false

jobs:
  deploy:
    runs-on: ubuntu-latest
    env:
      AWS_ACCESS_KEY_ID: ${{ secrets.AWS_ACCESS_KEY_ID }}
      AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}
      DEPLOY_SSH_KEY: ${{ secrets.DEPLOY_SSH_KEY }}
      DEPLOY_KNOWN_HOSTS: ${{ secrets.DEPLOY_KNOWN_HOSTS }}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/cache@v4
        with:
          path: ~/.cargo/bin/gait
          key: gait-${{ runner.os }}
      - name: Install gait
        run: command -v gait || cargo install --locked gait
      - name: SSH key for an sftp:// target
        if: env.DEPLOY_SSH_KEY != ''
        run: |
          install -d -m 700 ~/.ssh
          printf '%s\n' "$DEPLOY_SSH_KEY" > ~/.ssh/id_ed25519
          printf '%s\n' "$DEPLOY_KNOWN_HOSTS" > ~/.ssh/known_hosts
          chmod 600 ~/.ssh/id_ed25519 ~/.ssh/known_hosts
      - name: Build and deploy
        run: gait deploy
"#;

/// Write the workflow into the site at `dir`, never over an existing one.
pub fn write(dir: &Path) -> Result<PathBuf> {
    let path = dir.join(WORKFLOW);
    if path.exists() {
        bail!(
            "{} already exists; remove it first to write a new one",
            path.display()
        );
    }
    let timezone = site_timezone(dir);
    crate::fsx::write(&path, workflow(timezone))?;
    Ok(path)
}

/// site.yaml's `timezone`, if the site has one that gait reads.
fn site_timezone(dir: &Path) -> Option<chrono_tz::Tz> {
    let text = std::fs::read_to_string(dir.join(crate::config::FILE_NAME)).ok()?;
    let overrides = crate::config::Overrides {
        base_url: Some("https://www.example.org".into()),
    };
    crate::config::Config::parse(&text, &overrides)
        .ok()?
        .publishing
        .timezone
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn daily_run_just_after_midnight_on_the_clinic_clocks() {
        let tz = |name: &str| Some(name.parse::<chrono_tz::Tz>().unwrap());
        assert_eq!(cron(None), "15 0 * * *");
        // UTC-6 in January: 00:15 there is 06:15 UTC.
        assert_eq!(cron(tz("America/Chicago")), "15 6 * * *");
        // UTC+5:30: 00:15 there is 18:45 UTC the day before.
        assert_eq!(cron(tz("Asia/Kolkata")), "45 18 * * *");
        assert_eq!(cron(tz("Europe/London")), "15 0 * * *");
    }

    #[test]
    fn workflow_names_its_schedule() {
        let text = workflow(Some("America/Chicago".parse().unwrap()));
        assert!(text.contains("    - cron: \"15 6 * * *\"\n"));
        assert!(text.contains("just after midnight (America/Chicago)"));
        assert!(text.contains("        run: gait deploy\n"));
    }
}

//! `gait init DIR`: a new site that builds, with the default theme copied in
//! so it can be changed, one clinic, one author and a first post.

use std::path::Path;

use anyhow::{Result, bail};

use crate::cli::{CiService, InitArgs};
use crate::fsx;
use crate::theme;

const SITE_YAML: &str = "\
title: My Physical Therapy Clinic
base_url: https://www.example.org
description: Articles from our physical therapists.
language: en
theme: clinic
posts_per_page: 10
phone: 555-0100
callouts:
  - title: Book a visit
    body: Call us or book online. Most patients are seen within a week.
    url: /clinics/
    label: See our locations
# What \"today\" means for posts' dates (an IANA time zone name):
# timezone: America/Chicago
# Where `gait deploy` publishes (see docs/site-format.md):
# deploy:
#   target: s3://my-bucket/site
";

const CLINIC: &str = "\
---
name: Main Street Clinic
address: 100 Main Street
city: Springfield
state: IL
zip: \"62701\"
phone: 217-555-0100
hours:
  - Mon–Fri 8:00–18:00
virtual: true
---

Our first location. Describe parking, access and what to bring here.
";

const AUTHOR: &str = "\
---
name: Jordan Example
credentials: DPT
role: Physical therapist
clinic: main-street
specialties: [low back pain]
languages: [English]
virtual: true
---

A few sentences about Jordan: training, interests and what patients can expect.
";

const POST: &str = "\
---
title: Welcome to our blog
date: 2024-01-01
author: jordan-example
categories: [Clinic News]
summary: Why we write, and what you will find here.
---

This is the first post. Edit it in `content/posts/welcome.md`, or add a new
file next to it. Every post needs a `title`, a `date` and an `author`.
";

const ABOUT: &str = "\
---
title: About us
---

Who we are and how we care for patients.
";

/// `gait init DIR [--ci github]`: a new site; with `--ci` and a folder that
/// already holds a site, only the CI workflow.
pub fn run(args: &InitArgs) -> Result<()> {
    let existing = args.ci.is_some() && args.dir.join(crate::config::FILE_NAME).is_file();
    if !existing {
        init(&args.dir)?;
        crate::diag::say(format_args!(
            "Created a new site in {dir}. Build it with: gait build --root {dir}",
            dir = args.dir.display()
        ));
    }
    if let Some(CiService::Github) = args.ci {
        let path = crate::deploy::ci::write(&args.dir)?;
        crate::diag::say(format_args!(
            "Wrote {}: add the secrets it names in the repository's settings, and set `deploy:` in site.yaml",
            path.display()
        ));
    }
    Ok(())
}

pub fn init(dir: &Path) -> Result<()> {
    if dir.exists() && fsx::is_non_empty_dir(dir)? {
        bail!(
            "{} already exists and is not empty; choose a new folder",
            dir.display()
        );
    }
    let files: [(&str, &str); 5] = [
        ("site.yaml", SITE_YAML),
        ("content/clinics/main-street.md", CLINIC),
        ("content/authors/jordan-example.md", AUTHOR),
        ("content/posts/welcome.md", POST),
        ("content/pages/about.md", ABOUT),
    ];
    for (rel, text) in files {
        fsx::write(&dir.join(rel), text)?;
    }
    fsx::create_dir_all(&dir.join("static"))?;
    for (rel, bytes) in theme::builtin_files() {
        fsx::write(
            &dir.join("themes").join(theme::DEFAULT_THEME).join(rel),
            bytes,
        )?;
    }
    fsx::write(
        &dir.join(".gitignore"),
        "public/\n.public.gait-*/\n.gait/\n",
    )?;
    Ok(())
}

//! The picture engine's API, for the build and the preview server.
//!
//! 1. [`Pictures::plan`] (cheap: reads, hashes and probes each source) gives
//!    every picture's variants with their site paths and sizes, enough to
//!    write the HTML before any pixel is encoded.
//! 2. [`Pictures::make`] encodes what the cache lacks, in parallel, with a
//!    progress bar. [`Pictures::file_for`] makes one picture (the preview
//!    server, on first request); [`Pictures::make_aside`] makes them on
//!    threads of their own (the preview server, after a save).
//! 3. [`Pictures::outputs`] lists every published file (site path, file to
//!    copy), and [`Pictures::write_to`] links or copies them into a build's sink.
//! 4. [`Pictures::prune`] removes cache entries nothing uses.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use anyhow::Result;
use rayon::prelude::*;

use super::cache::{self, Cache};
use super::encode;
use super::names::{self, Role, Variant};
use super::pixels;
use super::probe::{self, Format, Probe};
use super::set::PictureSet;
use super::settings::Settings;
use super::stamps::{self, Known};
use crate::diag::Diagnostic;
use crate::fsx::FileStamp;
use crate::progress::Progress;
use crate::sink::Sink;

/// A picture the site references.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Source {
    /// The file, absolute or relative to the working folder.
    pub file: PathBuf,
    /// Its address on the site without a leading slash: `posts/knee/brace.jpg`.
    pub site_path: String,
}

/// A picture with its variants decided (not necessarily made yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub source: Source,
    /// Cache key: hash of the bytes and the settings.
    pub key: String,
    pub probe: Probe,
    pub variants: Vec<Variant>,
    /// The source's size and times when it was read: a later plan with the
    /// same `settings` trusts `key` and `probe` while they are unchanged.
    /// None when it had just been modified (see [`stamps`]).
    pub stamp: Option<FileStamp>,
    /// The settings' cache tag it was planned with.
    pub settings: Arc<str>,
}

impl Planned {
    /// The variants with one role, narrowest first.
    pub fn with_role(&self, role: Role) -> impl Iterator<Item = &Variant> {
        self.variants.iter().filter(move |v| v.role == role)
    }

    /// The picture for `og:image`, if it has one (SVG and animations have none).
    pub fn og(&self) -> Option<&Variant> {
        self.with_role(Role::Og).next()
    }
}

/// The engine for one site.
#[derive(Debug, Clone)]
pub struct Pictures {
    root: PathBuf,
    settings: Settings,
    cache: Cache,
}

impl Pictures {
    pub fn new(site_root: &Path, settings: &Settings) -> Pictures {
        Pictures {
            root: site_root.to_path_buf(),
            settings: settings.clone(),
            cache: Cache::new(site_root),
        }
    }

    /// Read, hash and probe every source (in parallel) and decide its
    /// variants. A file that is not a picture gait can read is an error
    /// naming it; the others are planned all the same. A source whose size
    /// and times are what the last plan of the site kept (in
    /// [`stamps::FILE`]) is not read again.
    pub fn plan(&self, sources: &[Source]) -> (Vec<Planned>, Vec<Diagnostic>) {
        self.replan(sources, &[])
    }

    /// [`Pictures::plan`], reading again only the sources whose size or
    /// times changed since `previous` (the preview server's last plan; when
    /// it is empty, the last plan kept on disk): neither a save nor a build
    /// rereads a folder of unchanged photos.
    pub fn replan(
        &self,
        sources: &[Source],
        previous: &[Planned],
    ) -> (Vec<Planned>, Vec<Diagnostic>) {
        let stems = stems(sources);
        let tag: Arc<str> = Arc::from(self.settings.cache_tag());
        let known = match previous.is_empty() {
            true => Known::load(&self.root, &tag),
            false => Known::planned(previous, &tag),
        };
        let results: Vec<(Result<Planned, Diagnostic>, bool)> = sources
            .par_iter()
            .zip(stems.par_iter())
            .map(|(source, stem)| {
                let now = FileStamp::of(&source.file);
                match known.get(&source.file, now) {
                    Some((key, probe)) => {
                        let variants =
                            names::variants(&source.site_path, stem, &probe, &self.settings);
                        let p = Planned {
                            source: source.clone(),
                            key: key.to_string(),
                            probe,
                            variants,
                            stamp: now,
                            settings: tag.clone(),
                        };
                        (Ok(p), false)
                    }
                    None => (self.plan_one(source, stem, &tag), true),
                }
            })
            .collect();
        let read = results.iter().filter(|(_, read)| *read).count();
        let mut planned = Vec::new();
        let mut errors = Vec::new();
        for (r, _) in results {
            match r {
                Ok(p) => planned.push(p),
                Err(d) => errors.push(d),
            }
        }
        if read > 0 || planned.len() != known.count() {
            // A failure only costs the next build some reading.
            let _ = stamps::keep(&self.root, &tag, &planned);
        }
        (planned, errors)
    }

    fn plan_one(&self, source: &Source, stem: &str, tag: &Arc<str>) -> Result<Planned, Diagnostic> {
        // Taken before reading: a change while reading shows next time.
        let stamp = FileStamp::of(&source.file);
        let bytes = std::fs::read(&source.file)
            .map_err(|e| self.error(source, format!("could not read this picture: {e}")))?;
        let stamp = stamp.and_then(|s| s.settled(SystemTime::now()));
        let probe = probe::probe(&source.site_path, &bytes).map_err(|e| {
            self.error(
                source,
                format!("could not read this picture: {}", e.trim_end()),
            )
        })?;
        Ok(Planned {
            source: source.clone(),
            key: cache::key(&bytes, &self.settings),
            variants: names::variants(&source.site_path, stem, &probe, &self.settings),
            probe,
            stamp,
            settings: tag.clone(),
        })
    }

    fn error(&self, source: &Source, msg: String) -> Diagnostic {
        let file = source.file.strip_prefix(&self.root).unwrap_or(&source.file);
        Diagnostic::error(file, msg)
            .with_help("save it again as JPEG, PNG, WebP or GIF, or remove it")
    }

    /// Make every variant the cache lacks, in parallel, with a progress bar
    /// on a terminal. Returns an error for each picture that failed.
    pub fn make(&self, planned: &[Planned]) -> Vec<Diagnostic> {
        let todo: Vec<&Planned> = planned
            .iter()
            .filter(|p| needs_cache(p) && !self.cache.has(&p.key))
            .collect();
        let progress = Progress::labelled(todo.len(), "Pictures", "pictures");
        let errors: Vec<Diagnostic> = todo
            .par_iter()
            .filter_map(|p| {
                let r = self.make_one(p);
                progress.tick();
                r.err().map(|e| self.error(&p.source, e))
            })
            .collect();
        progress.finish();
        errors
    }

    /// Make one picture's variants unless the cache has them.
    pub fn make_one(&self, p: &Planned) -> Result<(), String> {
        if !needs_cache(p) || self.cache.has(&p.key) {
            return Ok(());
        }
        let bytes = std::fs::read(&p.source.file)
            .map_err(|e| format!("could not read this picture: {e}"))?;
        // The file changed since it was planned: the next plan will see it
        // (and reads every picture, should a kept stamp have been wrong).
        if cache::key(&bytes, &self.settings) != p.key {
            stamps::forget(&self.root);
            return Err("the picture changed while the site was being built; build again".into());
        }
        let files = render(&bytes, p, self.settings.quality)
            .map_err(|e| format!("could not convert this picture: {e}"))?;
        self.cache
            .store(&p.key, &files)
            .map_err(|e| format!("{e:#}"))
    }

    /// Make every picture the cache lacks on `threads` threads of their own,
    /// so that work on rayon's global pool (the preview's rebuilds) never
    /// waits behind a picture; `stop` is asked before each picture, and
    /// ends the work early when it says so (a newer plan came). Returns how
    /// many pictures were made, and an error for each that failed.
    pub fn make_aside(
        &self,
        planned: &[Planned],
        threads: usize,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> (usize, Vec<Diagnostic>) {
        let todo: Vec<&Planned> = planned
            .iter()
            .filter(|p| needs_cache(p) && !self.cache.has(&p.key))
            .collect();
        let work = || -> Vec<Result<bool, Diagnostic>> {
            todo.par_iter()
                .map(|p| match stop() {
                    true => Ok(false),
                    false => self
                        .make_one(p)
                        .map(|()| true)
                        .map_err(|e| self.error(&p.source, e)),
                })
                .collect()
        };
        let results = match rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .build()
        {
            Ok(pool) => pool.install(work),
            Err(_) => work(),
        };
        let made = results.iter().filter(|r| matches!(r, Ok(true))).count();
        (made, results.into_iter().filter_map(Result::err).collect())
    }

    /// The file to serve for a site path (making its picture first when
    /// needed), or `None` when no planned picture publishes that path.
    pub fn file_for(&self, set: &PictureSet, site_path: &str) -> Result<Option<PathBuf>, String> {
        let Some((p, v)) = set.published(site_path) else {
            return Ok(None);
        };
        self.make_one(p)?;
        Ok(Some(self.file(p, v)))
    }

    /// The file a variant is published from: the cache entry's file, or the
    /// source for a picture copied as is.
    pub fn file(&self, p: &Planned, v: &Variant) -> PathBuf {
        if v.role == Role::Copy {
            p.source.file.clone()
        } else {
            self.cache.entry(&p.key).join(&v.file)
        }
    }

    /// Every published file: (site path, file to copy), each site path once.
    pub fn outputs(&self, planned: &[Planned]) -> Vec<(String, PathBuf)> {
        let mut seen = HashSet::new();
        planned
            .iter()
            .flat_map(|p| p.variants.iter().map(move |v| (p, v)))
            .filter(|(_, v)| seen.insert(v.site_path.clone()))
            .map(|(p, v)| (v.site_path.clone(), self.file(p, v)))
            .collect()
    }

    /// Put every published file into a build's output: linked to its
    /// cache file where the sink can (the cache's files never change).
    pub fn write_to(&self, planned: &[Planned], sink: &dyn Sink) -> Result<()> {
        self.outputs(planned)
            .into_par_iter()
            .try_for_each(|(site_path, file)| sink.link(Path::new(&site_path), &file))
    }

    /// Remove cache entries that no planned picture uses.
    pub fn prune(&self, planned: &[Planned]) -> Result<usize> {
        let keep: HashSet<String> = planned.iter().map(|p| p.key.clone()).collect();
        self.cache.prune(&keep)
    }
}

/// SVG is copied from the source; everything else comes from the cache.
fn needs_cache(p: &Planned) -> bool {
    p.probe.format != Format::Svg
}

/// The cache files of one picture: (name in the entry, bytes).
fn render(bytes: &[u8], p: &Planned, quality: u8) -> Result<Vec<(String, Vec<u8>)>, String> {
    if p.probe.animated {
        let file = p
            .variants
            .first()
            .map(|v| v.file.clone())
            .unwrap_or_default();
        return Ok(vec![(
            file,
            encode::animation(bytes, p.probe.format, quality)?,
        )]);
    }
    let full = pixels::decode(bytes)?;
    // Widest first, each made from the next wider one: resizing 3000 px
    // down to 480 directly costs four times more than from 960.
    let mut jobs: Vec<&Variant> = Vec::new();
    for v in &p.variants {
        if !jobs.iter().any(|j| j.file == v.file) {
            jobs.push(v);
        }
    }
    jobs.sort_by_key(|v| std::cmp::Reverse(v.width));
    let mut sizes: Vec<(u32, u32)> = jobs.iter().map(|v| (v.width, v.height)).collect();
    sizes.dedup();
    let mut files = Vec::new();
    let mut current = full;
    for (w, h) in sizes {
        current = current.resized(w, h)?;
        for v in jobs.iter().filter(|v| (v.width, v.height) == (w, h)) {
            files.push((v.file.clone(), encode::encode(&current, v.format, quality)?));
        }
    }
    Ok(files)
}

/// The stem of each source's variant names: its file name without the
/// extension, or with the extension folded in (`team-png`) when another
/// picture in the same folder has the same stem.
fn stems(sources: &[Source]) -> Vec<String> {
    let split = |s: &Source| -> (String, String, String) {
        let (dir, name) = s.site_path.rsplit_once('/').unwrap_or(("", &s.site_path));
        let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
        (dir.to_string(), stem.to_string(), ext.to_ascii_lowercase())
    };
    let mut count: HashMap<(String, String), usize> = HashMap::new();
    for s in sources {
        let (dir, stem, _) = split(s);
        *count.entry((dir, stem)).or_default() += 1;
    }
    sources
        .iter()
        .map(|s| {
            let (dir, stem, ext) = split(s);
            if count.get(&(dir, stem.clone())).copied().unwrap_or(0) > 1 {
                format!("{stem}-{ext}")
            } else {
                stem
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_fold_in_the_extension_only_on_a_clash() {
        let s = |p: &str| Source {
            file: PathBuf::from(p),
            site_path: p.to_string(),
        };
        let sources = [
            s("a/team.jpg"),
            s("a/team.png"),
            s("b/team.jpg"),
            s("logo.svg"),
        ];
        assert_eq!(stems(&sources), ["team-jpg", "team-png", "team", "logo"]);
    }
}

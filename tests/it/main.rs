//! Every integration test in one binary: thirty-odd test files linked once instead
//! of thirty-odd times, which keeps `cargo test` fast to link and small on disk.
//! Each file is a module; the helpers (`common`, `browser`, `serve_support`,
//! `hostile_support`) are shared modules. Fixture sites live in `tests/fixtures/`.

mod browser;
mod common;
mod deploy_support;
mod hostile_support;
mod pictures_support;
mod serve_support;

mod a11y;
mod assets;
mod base_path;
mod broken_links;
mod check_and_new;
mod cms;
mod cms_browser;
mod code_blocks;
mod csp_browser;
mod demo_site;
mod deploy;
mod drafts;
mod errors_content;
mod errors_site;
mod errors_translations;
mod finder_browser;
mod host_files;
mod hostile_escaping;
mod hostile_faults;
mod hostile_formats;
mod hostile_fuzz_regressions;
mod hostile_import;
mod hostile_paths;
mod hostile_serve;
mod import_field;
mod import_media;
mod import_wild;
mod import_wordpress;
mod incremental;
mod init_and_templates;
mod inputs;
mod layout_browser;
mod markdown_text;
mod new_post;
mod output_safety;
mod pictures;
mod plan;
mod raw_html;
mod search;
mod search_bench;
mod search_browser;
mod search_bytes_bench;
mod search_packs_browser;
mod search_page_browser;
mod seo;
mod serve;
mod serve_browser;
mod third_parties;
mod translations;
mod translations_browser;
mod trust;
mod video_browser;

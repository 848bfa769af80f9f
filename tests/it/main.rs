//! The integration tests, one binary (as ripgrep's `tests/tests.rs`): one link of the
//! library and the test harness instead of one per file. `cargo test --test it cli::` runs the
//! tests of one file (`tests/it/cli.rs`). A new test file is `tests/it/NAME.rs` and one `mod
//! NAME;` line here; helpers shared by the files are `common` (`use crate::common;`).

mod common;

/// The checks of the fuzz targets (`fuzz/src/lib.rs`), shared with the property tests.
#[allow(
    dead_code,
    reason = "shared with the fuzz crate; not every check is used here"
)]
#[path = "../../fuzz/src/lib.rs"]
mod checks;

mod align_properties;
mod batch;
mod browser;
mod check_properties;
mod check_quality;
mod check_snapshots;
mod claims_quality;
mod cli;
mod cli_bad_input;
mod cli_check;
mod cli_claims;
mod cli_habits;
mod cli_lang;
mod cli_workflows;
mod confidence;
mod extract;
mod fuzz_regressions;
mod git;
mod harden;
mod history;
mod html;
mod json_schema;
mod markdown;
mod markdown_inert;
mod properties;
mod render_properties;
mod segment_cases;
mod snapshots;

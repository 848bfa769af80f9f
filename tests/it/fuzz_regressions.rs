//! Replays the fuzz seed corpus (`fuzz/corpus/TARGET/seed-*`) and every input that once made
//! a fuzz target fail (`tests/data/fuzz/TARGET/*`) through the same checks as the fuzz
//! targets, so they run on stable in the normal test suite. See docs/testing.md.

use std::fs;
use std::path::{Path, PathBuf};

use crate::checks;

/// The files of `dir` (sorted, so failures are reported in a stable order); none if absent.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    out.retain(|p| p.is_file());
    out.sort();
    out
}

/// Run `check` on every seed and regression input of `target`; returns how many ran.
fn replay(target: &str, check: Check) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds = files(&root.join("fuzz/corpus").join(target));
    let seeds = seeds.into_iter().filter(|p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("seed-"))
    });
    let regressions = files(&root.join("tests/data/fuzz").join(target));
    let mut n = 0;
    for path in seeds.chain(regressions) {
        let data = fs::read(&path).unwrap();
        let result = std::panic::catch_unwind(|| check(&data));
        assert!(result.is_ok(), "{target} fails on {}", path.display());
        n += 1;
    }
    n
}

/// A fuzz target's body: panics when an invariant fails.
type Check = fn(&[u8]);

/// Every target's seeds and regression inputs pass its checks.
#[test]
fn every_target_passes_its_seeds_and_regressions() {
    let targets: [(&str, Check); 5] = [
        ("segmenter", checks::segmenter),
        ("compare", checks::compare),
        ("json_render", checks::json_render),
        ("batch_line", checks::batch_line),
        ("decode", checks::decode),
    ];
    for (name, check) in targets {
        assert!(replay(name, check) > 0, "no seed corpus for {name}");
    }
}

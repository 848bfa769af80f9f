//! Helpers shared by the CLI test files (`mod common;` in each).
#![allow(
    dead_code,
    reason = "each test file that includes this module uses only some of it"
)]

use std::path::PathBuf;

use assert_cmd::Command;
use tempfile::TempDir;

/// The repository root (tests run the binary from there, so `seeds/...` paths work).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `claimdiff` binary, run from the repository root, with the colour environment
/// removed (the colour tests set it explicitly).
pub fn cmd() -> Command {
    let mut c = Command::cargo_bin("claimdiff").expect("binary built");
    c.current_dir(root());
    c.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
    c
}

/// Write `bytes` to a file named `name` in `dir` and return its path.
pub fn write(dir: &TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// `text` as UTF-16 with a byte-order mark, little- or big-endian.
pub fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for u in text.encode_utf16() {
        out.extend(if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

/// Compare the texts `old` and `new` (written to temporary files) with `args` and
/// `--format json`; the parsed report. The texts must differ (exit status 1).
pub fn json_diff(args: &[&str], old: &str, new: &str) -> claimdiff::render::json::JsonReport {
    let dir = TempDir::new().unwrap();
    let a = write(&dir, "old.txt", old.as_bytes());
    let b = write(&dir, "new.txt", new.as_bytes());
    let out = cmd()
        .args(args)
        .args(["--format", "json"])
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

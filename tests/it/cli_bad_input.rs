//! CLI tests for the rows of the bad-input table (docs/errors.md) that `tests/cli.rs` does not
//! already cover: unreadable files, exact spans after decoding BOMs, UTF-16 and mixed line
//! endings, a strict closed-pipe check, the rest of the malformed `batch` lines, and (ignored,
//! for the performance issue) the big inputs.

use std::io::Read;
use std::process::{Command as StdCommand, Stdio};

use assert_cmd::Command;
use claimdiff::ChangeKind;
use claimdiff::render::json::{JsonDocument, JsonReport};
use tempfile::TempDir;

use crate::common;
use common::{cmd, json_diff, utf16, write};

/// Exit code, stdout, stderr.
fn run(c: &mut Command) -> (i32, String, String) {
    let out = c.output().expect("runs");
    (
        out.status.code().expect("exited normally, not by a signal"),
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    )
}

fn json_of(stdout: &str) -> JsonReport {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("bad JSON ({e}): {stdout}"))
}

/// The document rebuilds `text` and every sentence's `text` is `text[start..end]`.
fn assert_exact(doc: &JsonDocument, text: &str) {
    assert_eq!(doc.rebuild(), text);
    for s in &doc.sentences {
        assert_eq!(text.get(s.start..s.end), Some(s.text.as_str()), "{s:?}");
    }
}

/// Text with abbreviations, non-ASCII before the sentences (so byte and char offsets differ)
/// and a character outside the BMP (a surrogate pair in UTF-16).
const MIXED: &str = "Déjà vu 😀. Dr. Ng met the U.S. envoy.\n\nСлово. 中文句子。 Done!\n";

#[test]
fn unreadable_file_exits_2_naming_it() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    let p = write(&dir, "secret.txt", b"Hidden text.");
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&p).is_ok() {
        // Running as root (as in some containers): permissions do not stop root from
        // reading, so there is nothing to test here.
        eprintln!("skipped: the process can read a mode-000 file (root)");
        return;
    }
    let (code, stdout, stderr) = run(cmd().arg(&p).arg("seeds/figures.txt"));
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("secret.txt"), "{stderr}");
    assert!(stderr.contains("Permission denied"), "{stderr}");
}

#[test]
fn bom_and_utf16_spans_are_exact() {
    let dir = TempDir::new().unwrap();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(MIXED.as_bytes());
    let inputs = [
        ("bom.txt", bom),
        ("le.txt", utf16(MIXED, false)),
        ("be.txt", utf16(MIXED, true)),
    ];
    let plain = write(&dir, "plain.txt", MIXED.as_bytes());
    for (name, bytes) in inputs {
        let p = write(&dir, name, &bytes);
        let (code, stdout, stderr) = run(cmd().args(["--format", "json"]).arg(&p).arg(&plain));
        assert_eq!(code, 0, "{name}: decoded text differs: {stderr}");
        let rep = json_of(&stdout);
        assert_exact(&rep.old, MIXED);
        assert_eq!(rep.old.sentences, rep.new.sentences, "{name}: spans differ");
        // `segment` gives the same spans.
        let (code, stdout, _) = run(cmd().args(["segment", "--format", "json"]).arg(&p));
        assert_eq!(code, 0);
        let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        let doc: JsonDocument = serde_json::from_value(v["document"].clone()).unwrap();
        assert_exact(&doc, MIXED);
    }
}

#[test]
fn mixed_line_endings_in_one_file_are_exact_and_never_shown() {
    let dir = TempDir::new().unwrap();
    let old = "First line here.\r\nSecond line here.\rThird line here.\n\r\n\rA new paragraph.\r";
    let new = "First line here.\nSecond line changed.\r\nThird line here.\r\rA new paragraph.";
    let a = write(&dir, "old.txt", old.as_bytes());
    let b = write(&dir, "new.txt", new.as_bytes());
    let (code, stdout, _) = run(cmd().args(["--format", "json"]).arg(&a).arg(&b));
    assert_eq!(code, 1);
    let rep = json_of(&stdout);
    assert_exact(&rep.old, old);
    assert_exact(&rep.new, new);
    assert_eq!(rep.old.sentences.len(), 4, "{:?}", rep.old.sentences);
    assert_eq!(rep.stats.reworded, 1, "{:?}", rep.stats);
    // `\r\n\r` and `\r\r` are blank lines: the last sentence starts a paragraph.
    assert_eq!(rep.old.sentences[3].paragraph, 1);
    assert_eq!(rep.new.sentences[3].paragraph, 1);
    for args in [
        &["--context", "all"][..],
        &["--split", "lines"],
        &["--stat"],
    ] {
        let (_, stdout, _) = run(cmd().args(args).arg(&a).arg(&b));
        assert!(!stdout.contains('\r'), "{args:?}: {stdout:?}");
    }
}

#[test]
fn closed_stdout_exits_0_with_nothing_on_stderr() {
    // Far more output than a pipe buffer holds, so the write really fails (exit 1 would mean
    // the run finished before the pipe closed).
    let dir = TempDir::new().unwrap();
    let old: String = (0..5000)
        .map(|i| format!("Sentence {i} is about item {i} in some detail.\n"))
        .collect();
    let new = old.replace("detail", "depth");
    let a = write(&dir, "a.txt", old.as_bytes());
    let b = write(&dir, "b.txt", new.as_bytes());
    let mut child = StdCommand::new(env!("CARGO_BIN_EXE_claimdiff"))
        .args(["--context", "all"])
        .arg(&a)
        .arg(&b)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The read end is dropped here, as `| head -c 64` would.
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{:?}", out.status);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn batch_lines_of_every_wrong_shape_get_error_objects() {
    let dir = TempDir::new().unwrap();
    let mut input = [
        r#"[1, 2]"#,
        r#""just a string""#,
        r#"{"id": "arr", "old": ["One.", 2], "new": "One."}"#,
        r#"{"id": "null", "old": null, "new": "One."}"#,
        r#"{"id": "obj", "old": "One.", "new": {"text": "One."}}"#,
        r#"{"id": {"nested": true}, "old": "One.", "new": "One."}"#,
    ]
    .join("\n")
    .into_bytes();
    // A line that is not UTF-8 is an error object (see below for `--lossy`).
    input.extend_from_slice(b"\n{\"id\": \"bytes\", \"old\": \"A\xFF.\", \"new\": \"A\xFF.\"}\n");
    let p = write(&dir, "in.jsonl", &input);
    let (code, stdout, stderr) = run(cmd().arg("batch").arg(&p));
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let out: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(out.len(), 7, "{stdout}");
    let errors: Vec<(u64, &str)> = out[..5]
        .iter()
        .map(|v| (v["line"].as_u64().unwrap(), v["error"].as_str().unwrap()))
        .collect();
    assert_eq!(errors[0], (1, "expected a JSON object"));
    assert_eq!(errors[1], (2, "expected a JSON object"));
    for (k, field) in [(2, "old"), (3, "old"), (4, "new")] {
        assert_eq!(errors[k].0, k as u64 + 1);
        assert!(
            errors[k].1.contains(&format!("`{field}`")),
            "{:?}",
            errors[k]
        );
    }
    // Any JSON value is a valid id.
    assert_eq!(out[5]["id"]["nested"], true);
    assert!(out[5].get("error").is_none());
    assert_eq!(out[6]["line"], 7);
    assert!(
        out[6]["error"]
            .as_str()
            .is_some_and(|e| e.starts_with("invalid UTF-8 at byte")),
        "{}",
        out[6]
    );
    // With --lossy it is read with U+FFFD, and then is still good JSON.
    let (code, stdout, stderr) = run(cmd().args(["batch", "--lossy"]).arg(&p));
    assert_eq!(code, 2, "{stderr}");
    let last = stdout.lines().last().unwrap();
    let rep: JsonReport = serde_json::from_str(last).unwrap();
    assert_eq!(rep.old.rebuild(), "A\u{FFFD}.");
    assert_eq!(rep.stats.unchanged, 1);
}

// ---------------------------------------------------------------- big inputs
//
// For the performance issue: run with `cargo test --release --test cli_bad_input -- --ignored`
// (a debug build takes minutes). `scripts/big_inputs.sh` runs the same inputs under
// `/usr/bin/time -v` to report time and peak memory.

/// Compare `old` with `new` (JSON) and check that every sentence is accounted for.
fn compare_big(old: &str, new: &str) -> JsonReport {
    let rep = json_diff(&[], old, new);
    let covered: usize = rep.changes.iter().map(|c| c.old.len()).sum();
    assert_eq!(covered, rep.old.sentences.len());
    let covered: usize = rep.changes.iter().map(|c| c.new.len()).sum();
    assert_eq!(covered, rep.new.sentences.len());
    rep
}

#[test]
#[ignore = "big input for the performance issue; run in release"]
fn big_line_without_punctuation() {
    let old = "word ".repeat(10 * 1024 * 1024); // 50 MiB, one line, no punctuation
    let new = format!("{old}tail");
    let rep = compare_big(&old, &new);
    assert_eq!(rep.old.sentences.len(), 1);
}

#[test]
#[ignore = "big input for the performance issue; run in release"]
fn million_one_word_sentences() {
    let old: String = (0..1_000_000).map(|i| format!("W{i}. ")).collect();
    let new = format!("Start. {old}");
    let rep = compare_big(&old, &new);
    assert_eq!(rep.old.sentences.len(), 1_000_000);
    assert_eq!(rep.stats.added, 1);
}

#[test]
#[ignore = "big input for the performance issue; run in release"]
fn hundred_thousand_identical_sentences() {
    let old = "The same sentence again. ".repeat(100_000);
    let new = format!("{old}One more at the end.");
    let rep = compare_big(&old, &new);
    assert_eq!(rep.stats.unchanged, 100_000);
    assert!(rep.changes.iter().any(|c| c.kind == ChangeKind::Added));
}

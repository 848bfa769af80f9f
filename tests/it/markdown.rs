//! Markdown input end to end: `.md` files are segmented by blocks (or with
//! `--split markdown`), markup-only changes are cosmetic, and snapshots of the terminal and
//! JSON output of the Markdown seed pair (`seeds/handbook.md` vs `seeds/handbook.new.md`).
//! Update with `INSTA_UPDATE=always cargo test --test markdown` and review the `.snap` diff.

use std::path::PathBuf;

use assert_cmd::Command;
use claimdiff::render::terminal::Context;
use claimdiff::render::{Json, Terminal, to_string};
use claimdiff::{ChangeKind, Options, SplitMode, compare_texts};

fn seeds() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

fn read(name: &str) -> String {
    std::fs::read_to_string(seeds().join(name)).unwrap()
}

fn markdown() -> Options {
    let mut opts = Options::default();
    opts.segment.split = SplitMode::Markdown;
    opts
}

fn claimdiff(args: &[&str]) -> (Option<i32>, String) {
    let out = Command::cargo_bin("claimdiff")
        .unwrap()
        .current_dir(seeds())
        .args(args)
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap())
}

#[test]
fn md_files_are_segmented_by_blocks() {
    let (code, out) = claimdiff(&["segment", "handbook.md"]);
    assert_eq!(code, Some(0));
    let lines: Vec<&str> = out.lines().collect();
    for block in [
        "# Lab Safety Handbook (Draft 4)",
        "## Access",
        "- Labs are open from 8:00 to 18:00 on weekdays.",
        "| lab coat | 25 | term |",
        "|------|--------:|-------------|",
        "``` waste-log add --container red --litres 2 ```",
    ] {
        assert!(
            lines.contains(&block),
            "{block:?} not a sentence in:\n{out}"
        );
    }
    // Forced prose rules glue the table rows (no full stop between them).
    let (_, prose) = claimdiff(&["segment", "handbook.md", "--split", "prose"]);
    assert!(
        !prose.lines().any(|l| l == "| lab coat | 25 | term |"),
        "{prose}"
    );
}

#[test]
fn split_markdown_forces_blocks_on_other_names() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "| a | b |\n|---|---|\n| 1 | 2 |\n").unwrap();
    let path = path.to_str().unwrap();
    let (_, auto) = claimdiff(&["segment", path]);
    let (_, forced) = claimdiff(&["segment", path, "--split", "markdown"]);
    assert_eq!(forced, "| a | b |\n|---|---|\n| 1 | 2 |\n");
    assert_ne!(auto, forced);
}

#[test]
fn markup_only_changes_are_cosmetic() {
    let cmp = compare_texts(&read("handbook.md"), &read("handbook.new.md"), &markdown());
    let text = |c: &claimdiff::Change| cmp.new.sentence_text(c.new[0]).to_owned();
    let cosmetic: Vec<String> = cmp
        .changes
        .iter()
        .filter(|c| c.kind == ChangeKind::Reworded && !c.substantive)
        .map(text)
        .collect();
    for expected in [
        "### Access",
        "Read it before your first session.",
        "* Labs are open from 8:00 to 18:00 on weekdays.",
    ] {
        assert!(
            cosmetic.iter().any(|t| t == expected),
            "{expected:?} in {cosmetic:?}"
        );
    }
    assert!(
        cosmetic
            .iter()
            .any(|t| t.starts_with("See the [equipment guide]")),
        "a changed link target alone is cosmetic: {cosmetic:?}"
    );
    for c in cmp.changes.iter().filter(|c| !c.substantive) {
        assert!(c.claim_changes.is_empty(), "{c:?}");
    }
    let substantive: Vec<String> = cmp
        .changes
        .iter()
        .filter(|c| c.substantive)
        .map(text)
        .collect();
    assert!(substantive.iter().any(|t| t.contains("(Draft 5)")));
    assert!(substantive.iter().any(|t| t.contains("should be logged")));
    assert!(substantive.iter().any(|t| t.contains("| 30 |")));
    let (code, out) = claimdiff(&[
        "handbook.md",
        "handbook.new.md",
        "--ignore-cosmetic",
        "--stat",
    ]);
    assert_eq!(code, Some(1));
    let line = format!("cosmetic {:>6}", cosmetic.len());
    assert!(
        out.lines()
            .any(|l| l.split_whitespace().eq(line.split_whitespace())),
        "{out}"
    );
}

#[test]
fn a_list_reordered_with_new_bullets_is_one_move() {
    let old = "# Rules\n- Alpha rule holds.\n- Beta rule holds.\n- Gamma rule holds.\n";
    let new = "## Rules\n* Gamma rule holds.\n* Alpha rule holds.\n* Beta rule holds.\n";
    let cmp = compare_texts(old, new, &markdown());
    let kinds: Vec<ChangeKind> = cmp.changes.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds.iter().filter(|k| **k == ChangeKind::Moved).count(),
        1,
        "one item moved, not two: {kinds:?}"
    );
}

#[test]
fn markdown_seed_snapshots() {
    let cmp = compare_texts(&read("handbook.md"), &read("handbook.new.md"), &markdown());
    let terminal = to_string(
        &Terminal {
            color: false,
            context: Context::All,
            width: None,
        },
        &cmp,
    );
    insta::assert_snapshot!("handbook_terminal", terminal);
    let json = Json {
        pretty: true,
        old_path: Some("seeds/handbook.md".into()),
        new_path: Some("seeds/handbook.new.md".into()),
    };
    let value: serde_json::Value = serde_json::from_str(&to_string(&json, &cmp)).unwrap();
    insta::assert_snapshot!(
        "handbook_json",
        serde_json::to_string_pretty(&value).unwrap()
    );
}

//! End-to-end tests of the `claimdiff` binary: exit codes, error messages, input decoding,
//! colour policy, terminal safety, JSON contract, subcommands and broken pipes.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};

use assert_cmd::Command;
use claimdiff::ChangeKind;
use claimdiff::render::json::JsonReport;
use predicates::prelude::*;
use tempfile::TempDir;

use crate::common;
use common::{cmd, root, utf16, write};

const PAIRS: [&str; 3] = ["statement", "figures", "policy"];

fn seed(name: &str) -> PathBuf {
    root().join("seeds").join(name)
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(c: &mut Command) -> Run {
    let out = c.output().expect("runs");
    Run {
        code: out.status.code().expect("exited normally, not by a signal"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

fn json_of(stdout: &str) -> JsonReport {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("bad JSON ({e}): {stdout}"))
}

/// Every old and every new sentence index appears in exactly one change.
fn assert_partition(r: &JsonReport) {
    let mut old = vec![0usize; r.old.sentences.len()];
    let mut new = vec![0usize; r.new.sentences.len()];
    for c in &r.changes {
        for &i in &c.old {
            old[i] += 1;
        }
        for &i in &c.new {
            new[i] += 1;
        }
    }
    assert!(old.iter().all(|&n| n == 1), "old coverage {old:?}");
    assert!(new.iter().all(|&n| n == 1), "new coverage {new:?}");
}

/// Stderr is exactly one line.
fn assert_one_line(stderr: &str) {
    assert!(
        stderr.ends_with('\n'),
        "stderr not newline-terminated: {stderr:?}"
    );
    assert_eq!(stderr.lines().count(), 1, "stderr: {stderr:?}");
}

// ---------------------------------------------------------------- exit codes, seeds

#[test]
fn same_file_exits_0_and_says_no_changes() {
    let r = run(cmd().args(["seeds/statement.txt", "seeds/statement.txt"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("no changes"), "{}", r.stdout);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
}

#[test]
fn every_seed_pair_exits_1() {
    for name in PAIRS {
        let r = run(cmd().args([format!("seeds/{name}.txt"), format!("seeds/{name}.new.txt")]));
        assert_eq!(r.code, 1, "{name}: {}", r.stderr);
        assert!(!r.stdout.contains("no changes"), "{name}");
        assert!(r.stderr.is_empty(), "{name}: {}", r.stderr);
    }
}

#[test]
fn no_arguments_exits_2() {
    let r = run(&mut cmd());
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
}

// ---------------------------------------------------------------- input errors

#[test]
fn missing_file_exits_2_with_one_line_naming_it() {
    let r = run(cmd().args(["seeds/statement.txt", "seeds/does-not-exist.txt"]));
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    assert_one_line(&r.stderr);
    assert!(
        r.stderr.contains("seeds/does-not-exist.txt"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("No such file"), "{}", r.stderr);
}

#[test]
fn directory_exits_2_with_one_line_naming_it() {
    let dir = TempDir::new().unwrap();
    let sub = dir.path().join("a-directory");
    std::fs::create_dir(&sub).unwrap();
    let r = run(cmd().arg(&sub).arg("seeds/statement.txt"));
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    assert_one_line(&r.stderr);
    assert!(
        r.stderr.contains(&sub.display().to_string()),
        "{}",
        r.stderr
    );
}

#[test]
fn invalid_utf8_exits_2_naming_path_and_offset() {
    let dir = TempDir::new().unwrap();
    let bad = write(&dir, "bad.txt", b"Good start. Then \xFF bad.");
    let r = run(cmd().arg(&bad).arg("seeds/statement.txt"));
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    assert_one_line(&r.stderr);
    assert!(
        r.stderr.contains("invalid UTF-8 at byte 17"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(&bad.display().to_string()),
        "{}",
        r.stderr
    );
}

#[test]
fn lossy_accepts_invalid_utf8_with_a_warning() {
    let dir = TempDir::new().unwrap();
    let bad = write(&dir, "bad.txt", b"Good start. Then \xFF bad.");
    let good = write(
        &dir,
        "good.txt",
        "Good start. Then \u{FFFD} bad.".as_bytes(),
    );
    let r = run(cmd().arg("--lossy").arg(&bad).arg(&good));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("warning"), "{}", r.stderr);
    assert!(
        r.stderr.contains(&bad.display().to_string()),
        "{}",
        r.stderr
    );
    let r = run(cmd().arg("--lossy").arg(&bad).arg("seeds/figures.txt"));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("warning"), "{}", r.stderr);
}

#[test]
fn nul_byte_is_binary_unless_text() {
    let dir = TempDir::new().unwrap();
    let bin = write(&dir, "bin.txt", b"One sentence.\0 Two sentences.");
    let r = run(cmd().arg(&bin).arg(&bin));
    assert_eq!(r.code, 2);
    assert_one_line(&r.stderr);
    assert!(r.stderr.contains("binary file"), "{}", r.stderr);
    assert!(
        r.stderr.contains(&bin.display().to_string()),
        "{}",
        r.stderr
    );
    let r = run(cmd().arg("--text").arg(&bin).arg(&bin));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("no changes"));
}

#[test]
fn utf8_bom_is_decoded() {
    let dir = TempDir::new().unwrap();
    let text = std::fs::read(seed("statement.txt")).unwrap();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(&text);
    let p = write(&dir, "bom.txt", &bom);
    let r = run(cmd().arg(&p).arg("seeds/statement.txt"));
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    // The mark is not part of the text.
    let r = run(cmd().args(["--format", "json"]).arg(&p).arg(&p));
    let rep = json_of(&r.stdout);
    assert_eq!(rep.old.rebuild().as_bytes(), &text[..]);
}

#[test]
fn utf16_le_and_be_are_decoded() {
    let dir = TempDir::new().unwrap();
    let text = std::fs::read_to_string(seed("statement.new.txt")).unwrap();
    for (name, be) in [("le.txt", false), ("be.txt", true)] {
        let p = write(&dir, name, &utf16(&text, be));
        let r = run(cmd().arg(&p).arg("seeds/statement.new.txt"));
        assert_eq!(r.code, 0, "{name}: {}{}", r.stdout, r.stderr);
        let r = run(cmd()
            .args(["--format", "json"])
            .arg(&p)
            .arg("seeds/statement.txt"));
        assert_eq!(r.code, 1, "{name}: {}", r.stderr);
        assert_eq!(json_of(&r.stdout).old.rebuild(), text, "{name}");
    }
}

#[test]
fn max_bytes_refuses_larger_input() {
    let r = run(cmd().args([
        "--max-bytes",
        "10",
        "seeds/statement.txt",
        "seeds/statement.txt",
    ]));
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    assert_one_line(&r.stderr);
    assert!(r.stderr.contains("seeds/statement.txt"), "{}", r.stderr);
    assert!(r.stderr.contains("limit of 10 bytes"), "{}", r.stderr);
}

#[test]
fn both_sides_stdin_exits_2() {
    let r = run(cmd().args(["-", "-"]).write_stdin("A. B."));
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    assert_one_line(&r.stderr);
}

#[test]
fn one_side_stdin_is_read() {
    let text = std::fs::read_to_string(seed("figures.txt")).unwrap();
    let r = run(cmd()
        .args(["-", "seeds/figures.txt"])
        .write_stdin(text.clone()));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(cmd()
        .args(["seeds/figures.new.txt", "-", "--format", "json"])
        .write_stdin(text.clone()));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(json_of(&r.stdout).new.rebuild(), text);
}

#[test]
fn empty_vs_empty_exits_0() {
    let dir = TempDir::new().unwrap();
    let a = write(&dir, "a.txt", b"");
    let b = write(&dir, "b.txt", b"");
    let r = run(cmd().arg(&a).arg(&b));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("no changes"), "{}", r.stdout);
}

#[test]
fn empty_vs_text_adds_every_sentence() {
    let dir = TempDir::new().unwrap();
    let a = write(&dir, "a.txt", b"");
    let r = run(cmd()
        .args(["--format", "json"])
        .arg(&a)
        .arg("seeds/statement.txt"));
    assert_eq!(r.code, 1, "{}", r.stderr);
    let rep = json_of(&r.stdout);
    assert!(rep.old.sentences.is_empty());
    assert!(!rep.new.sentences.is_empty());
    assert_eq!(rep.changes.len(), rep.new.sentences.len());
    assert!(rep.changes.iter().all(|c| c.kind == ChangeKind::Added));
    assert_partition(&rep);
    assert_eq!(rep.stats.added, rep.new.sentences.len());
}

#[test]
fn crlf_and_cr_never_reach_the_terminal() {
    let dir = TempDir::new().unwrap();
    let lf = std::fs::read_to_string(seed("statement.txt")).unwrap();
    let lf_new = std::fs::read_to_string(seed("statement.new.txt")).unwrap();
    for (tag, eol) in [("crlf", "\r\n"), ("cr", "\r")] {
        let old = write(
            &dir,
            &format!("{tag}.txt"),
            lf.replace('\n', eol).as_bytes(),
        );
        let new = write(
            &dir,
            &format!("{tag}.new.txt"),
            lf_new.replace('\n', eol).as_bytes(),
        );
        let r = run(cmd().args(["--context", "all"]).arg(&old).arg(&new));
        assert_eq!(r.code, 1, "{tag}: {}", r.stderr);
        assert!(!r.stdout.contains('\r'), "{tag}: {:?}", r.stdout);
        // Mixed with the LF original.
        let r = run(cmd()
            .args(["--context", "all"])
            .arg(&old)
            .arg("seeds/statement.new.txt"));
        assert!(!r.stdout.contains('\r'), "{tag} mixed: {:?}", r.stdout);
        let r = run(cmd().arg("segment").arg(&old));
        assert_eq!(r.code, 0, "{tag}: {}", r.stderr);
        assert!(!r.stdout.contains('\r'), "{tag} segment: {:?}", r.stdout);
    }
}

// ---------------------------------------------------------------- colour

fn seeds_pair() -> [&'static str; 2] {
    ["seeds/statement.txt", "seeds/statement.new.txt"]
}

#[test]
fn no_escape_when_stdout_is_not_a_terminal() {
    let r = run(cmd().args(seeds_pair()));
    assert_eq!(r.code, 1);
    assert!(!r.stdout.contains('\x1b'), "{:?}", r.stdout);
}

#[test]
fn color_never_has_no_escape() {
    let r = run(cmd().args(seeds_pair()).args(["--color", "never"]));
    assert_eq!(r.code, 1);
    assert!(!r.stdout.contains('\x1b'));
}

#[test]
fn color_always_has_escape() {
    let r = run(cmd().args(seeds_pair()).args(["--color", "always"]));
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("\x1b["), "{:?}", r.stdout);
    // NO_COLOR only affects `auto`.
    let r = run(cmd()
        .args(seeds_pair())
        .args(["--color", "always"])
        .env("NO_COLOR", "1"));
    assert!(r.stdout.contains("\x1b["));
}

#[test]
fn no_color_env_with_auto_has_no_escape() {
    let r = run(cmd().args(seeds_pair()).env("NO_COLOR", "1"));
    assert_eq!(r.code, 1);
    assert!(!r.stdout.contains('\x1b'));
}

/// Run the binary with stdout on a pseudo-terminal (through `script`), if available.
fn run_on_tty(args: &str, no_color: bool) -> Option<String> {
    if StdCommand::new("script").arg("--version").output().is_err() {
        return None;
    }
    let bin = env!("CARGO_BIN_EXE_claimdiff");
    let mut c = StdCommand::new("script");
    c.args(["-qec", &format!("{bin} {args}"), "/dev/null"])
        .current_dir(root())
        .env("TERM", "xterm")
        .env_remove("NO_COLOR")
        // On a terminal the output would go through a pager; `cat` means none.
        .env("CLAIMDIFF_PAGER", "cat")
        .stdin(Stdio::null());
    if no_color {
        c.env("NO_COLOR", "1");
    }
    let out = c.output().ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn auto_colours_a_terminal_unless_no_color() {
    let args = "seeds/statement.txt seeds/statement.new.txt";
    let Some(tty) = run_on_tty(args, false) else {
        eprintln!("`script` not available: skipping the pseudo-terminal check");
        return;
    };
    assert!(tty.contains("\x1b["), "auto on a terminal: {tty:?}");
    let tty = run_on_tty(args, true).unwrap();
    assert!(tty.contains("reworded"), "{tty:?}");
    assert!(!tty.contains('\x1b'), "NO_COLOR=1 on a terminal: {tty:?}");
}

// ---------------------------------------------------------------- terminal safety

const NASTY_OLD: &str = "Plain first sentence here. Second one is calm.\n";
const NASTY_NEW: &str = "Plain first sentence here. Second \x1b[31mred\x1b[0m one \u{202E}is\u{200B} calm.\nThird \x07bell \u{202E}added\u{200B} here.\n";

#[test]
fn escapes_bidi_and_zero_width_are_shown_escaped() {
    let dir = TempDir::new().unwrap();
    let old = write(&dir, "old.txt", NASTY_OLD.as_bytes());
    let new = write(&dir, "new.txt", NASTY_NEW.as_bytes());
    for colour in ["never", "always"] {
        let r = run(cmd()
            .args(["--context", "all", "--color", colour])
            .arg(&old)
            .arg(&new));
        assert_eq!(r.code, 1, "{}", r.stderr);
        let out = &r.stdout;
        assert!(!out.contains('\u{202E}'), "{out:?}");
        assert!(!out.contains('\u{200B}'), "{out:?}");
        assert!(!out.contains('\x07'), "{out:?}");
        assert!(!out.contains("\x1b[31mred"), "{out:?}");
        assert!(out.contains("<U+202E>"), "{out:?}");
        assert!(out.contains("<U+200B>"), "{out:?}");
        assert!(out.contains("\\x1b"), "{out:?}");
        assert!(out.contains("\\x07"), "{out:?}");
        if colour == "never" {
            assert!(!out.contains('\x1b'), "{out:?}");
        }
    }
    // The same in `segment`.
    let r = run(cmd().arg("segment").arg(&new));
    assert_eq!(r.code, 0);
    assert!(!r.stdout.contains('\x1b') && !r.stdout.contains('\u{202E}'));
    assert!(r.stdout.contains("<U+202E>") && r.stdout.contains("\\x1b"));
}

#[test]
fn escapes_are_kept_exact_in_json() {
    let dir = TempDir::new().unwrap();
    let old = write(&dir, "old.txt", NASTY_OLD.as_bytes());
    let new = write(&dir, "new.txt", NASTY_NEW.as_bytes());
    let r = run(cmd().args(["--format", "json"]).arg(&old).arg(&new));
    assert_eq!(r.code, 1);
    // JSON escapes control characters, so the raw ESC never reaches stdout...
    assert!(!r.stdout.contains('\x1b'));
    // ...but decoding gives the exact text back.
    let rep = json_of(&r.stdout);
    assert_eq!(rep.old.rebuild(), NASTY_OLD);
    assert_eq!(rep.new.rebuild(), NASTY_NEW);
    let all: String = rep.new.sentences.iter().map(|s| s.text.as_str()).collect();
    assert!(all.contains("\x1b[31mred\x1b[0m"));
    assert!(all.contains('\u{202E}') && all.contains('\u{200B}'));
}

#[test]
fn error_messages_escape_control_characters_in_paths() {
    let r = run(cmd().args(["seeds/statement.txt", "no\x1b[31msuch\nfile"]));
    assert_eq!(r.code, 2);
    assert_one_line(&r.stderr);
    assert!(!r.stderr.contains('\x1b'), "{:?}", r.stderr);
}

// ---------------------------------------------------------------- JSON contract

#[test]
fn json_partitions_and_rebuilds_every_seed_pair() {
    for name in PAIRS {
        let (o, n) = (format!("seeds/{name}.txt"), format!("seeds/{name}.new.txt"));
        let r = run(cmd().args(["--format", "json", &o, &n]));
        assert_eq!(r.code, 1, "{name}: {}", r.stderr);
        assert_eq!(r.stdout.lines().count(), 1, "{name}: one line of JSON");
        let rep = json_of(&r.stdout);
        assert_eq!(rep.version, 1);
        assert_partition(&rep);
        assert_eq!(
            rep.old.rebuild().as_bytes(),
            std::fs::read(seed(&format!("{name}.txt"))).unwrap()
        );
        assert_eq!(
            rep.new.rebuild().as_bytes(),
            std::fs::read(seed(&format!("{name}.new.txt"))).unwrap()
        );
        assert_eq!(rep.old.path.as_deref(), Some(o.as_str()));
        assert_eq!(rep.new.path.as_deref(), Some(n.as_str()));
        // Sentence offsets agree with the text.
        for doc in [&rep.old, &rep.new] {
            let text = doc.rebuild();
            for s in &doc.sentences {
                assert_eq!(&text[s.start..s.end], s.text);
            }
        }
        // Stats agree with the changes.
        let mut counts: BTreeMap<ChangeKind, usize> = BTreeMap::new();
        for c in &rep.changes {
            *counts.entry(c.kind).or_default() += 1;
            if matches!(c.kind, ChangeKind::Added | ChangeKind::Removed) {
                assert!(c.similarity.is_none());
            } else {
                let s = c.similarity.expect("similarity on a two-sided change");
                assert!((0.0..=1.0).contains(&s), "{s}");
            }
        }
        for kind in ChangeKind::ALL {
            assert_eq!(
                rep.stats.count(kind),
                counts.get(&kind).copied().unwrap_or(0),
                "{name} {kind:?}"
            );
        }
    }
}

// ---------------------------------------------------------------- options

#[test]
fn stat_prints_counts_per_kind() {
    let r = run(cmd().args(seeds_pair()).arg("--stat"));
    assert_eq!(r.code, 1);
    let json = json_of(&run(cmd().args(seeds_pair()).args(["--format", "json"])).stdout);
    for kind in ChangeKind::ALL {
        let line = r
            .stdout
            .lines()
            .find(|l| l.split_whitespace().next() == Some(kind.name()))
            .unwrap_or_else(|| panic!("no line for {}: {}", kind.name(), r.stdout));
        let n: usize = line.split_whitespace().nth(1).unwrap().parse().unwrap();
        assert_eq!(n, json.stats.count(kind), "{line}");
    }
    assert!(r.stdout.contains(&format!(
        "{} old, {} new",
        json.old.sentences.len(),
        json.new.sentences.len()
    )));
}

#[test]
fn context_zero_shows_no_unchanged_sentence() {
    let zero = run(cmd().args(seeds_pair()).args(["--context", "0"]));
    let all = run(cmd().args(seeds_pair()).args(["--context", "all"]));
    let one = run(cmd().args(seeds_pair()));
    assert_eq!((zero.code, all.code, one.code), (1, 1, 1));
    assert!(zero.stdout.len() < one.stdout.len());
    assert!(one.stdout.len() < all.stdout.len());
    assert!(
        zero.stdout.contains("unchanged sentence"),
        "{}",
        zero.stdout
    );
    assert!(!all.stdout.contains('⋯'), "{}", all.stdout);
    // With no context, no line is an unchanged sentence (two spaces then text).
    let rep = json_of(&run(cmd().args(seeds_pair()).args(["--format", "json"])).stdout);
    for c in rep
        .changes
        .iter()
        .filter(|c| c.kind == ChangeKind::Unchanged)
    {
        let text = &rep.new.sentences[c.new[0]].text;
        let head: String = text
            .split_whitespace()
            .take(6)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(all.stdout.contains(&head), "all context lacks {head}");
        assert!(
            !zero.stdout.contains(&format!("  {head}")),
            "zero context shows {head}"
        );
    }
}

#[test]
fn bad_context_exits_2() {
    let r = run(cmd().args(seeds_pair()).args(["--context", "x"]));
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("--context"), "{}", r.stderr);
}

#[test]
fn split_lines_makes_one_sentence_per_line() {
    let dir = TempDir::new().unwrap();
    let a = write(&dir, "a.txt", b"One. Two. Three\nFour\n\nFive.\n");
    let r = run(cmd()
        .args(["--split", "lines", "--format", "json"])
        .arg(&a)
        .arg(&a));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let texts: Vec<String> = json_of(&r.stdout)
        .old
        .sentences
        .into_iter()
        .map(|s| s.text)
        .collect();
    assert_eq!(texts, ["One. Two. Three", "Four", "Five."]);
    let r = run(cmd().args(["segment", "--split", "lines"]).arg(&a));
    assert_eq!(r.stdout, "One. Two. Three\nFour\nFive.\n");
    let r = run(cmd().args(["segment"]).arg(&a));
    assert!(r.stdout.lines().count() > 3, "{}", r.stdout);
}

#[test]
fn no_moves_reports_no_moved_sentence() {
    let with = json_of(&run(cmd().args(seeds_pair()).args(["--format", "json"])).stdout);
    assert!(
        with.changes.iter().any(|c| c.kind == ChangeKind::Moved),
        "the statement pair has moves by default"
    );
    let r = run(cmd()
        .args(seeds_pair())
        .args(["--format", "json", "--no-moves"]));
    assert_eq!(r.code, 1);
    let without = json_of(&r.stdout);
    assert!(without.changes.iter().all(|c| c.kind != ChangeKind::Moved));
    assert_eq!(without.stats.moved, 0);
    assert_partition(&without);
}

#[test]
fn format_text_is_an_alias_of_terminal() {
    let a = run(cmd().args(seeds_pair()).args(["--format", "text"]));
    let b = run(cmd().args(seeds_pair()).args(["--format", "terminal"]));
    assert_eq!(a.code, 1);
    assert_eq!(a.stdout, b.stdout);
}

// ---------------------------------------------------------------- segment

#[test]
fn segment_text_prints_one_sentence_per_line() {
    let r = run(cmd().args(["segment", "seeds/statement.txt"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rep = json_of(
        &run(cmd().args([
            "--format",
            "json",
            "seeds/statement.txt",
            "seeds/statement.txt",
        ]))
        .stdout,
    );
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), rep.old.sentences.len());
    for (line, s) in lines.iter().zip(&rep.old.sentences) {
        let flat: Vec<&str> = s.text.split_whitespace().collect();
        assert_eq!(line.split(' ').collect::<Vec<_>>(), flat);
    }
}

#[test]
fn segment_json_spans_rebuild_the_text() {
    let dir = TempDir::new().unwrap();
    let md = dir.path().join("policy.md");
    std::fs::write(
        &md,
        "---\ntitle: Terms\ntopics:\n- Legal\n---\n\n## Scope {#scope}\n\n<aside>\nA note. Two.\n</aside>\n\nSee [FAQ][f].\n\n[f]: https://example.com\n",
    )
    .unwrap();
    let names = [seed("statement.txt"), seed("policy.new.txt"), md];
    for name in &names {
        let r = run(cmd().args(["segment", "--format", "json"]).arg(name));
        assert_eq!(r.code, 0, "{}", r.stderr);
        let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        assert_eq!(v["version"], 1);
        let doc: claimdiff::render::json::JsonDocument =
            serde_json::from_value(v["document"].clone()).unwrap();
        let text = std::fs::read_to_string(name).unwrap();
        assert_eq!(doc.rebuild(), text);
        assert!(!doc.sentences.is_empty());
        let mut pos = 0;
        for s in &doc.sentences {
            assert!(s.start >= pos && s.start < s.end, "{s:?}");
            assert_eq!(
                &text[s.start..s.end],
                format!("{}{}{}", s.markup_before, s.text, s.markup_after)
            );
            assert_eq!(&text[pos..s.start], s.space_before);
            assert!(s.space_before.trim().is_empty());
            pos = s.end;
        }
    }
    let r = run(cmd().args(["segment", "--format", "json"]).arg(&names[2]));
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let texts: Vec<&str> = v["document"]["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "title: Terms",
            "topics:",
            "- Legal",
            "## Scope {#scope}",
            "A note.",
            "Two.",
            "See [FAQ][f]."
        ]
    );
    assert_eq!(v["document"]["sentences"][0]["markup_before"], "---\n");
    assert_eq!(
        v["document"]["sentences"][6]["markup_after"],
        "\n\n[f]: https://example.com"
    );
}

// ---------------------------------------------------------------- batch

fn lines_json(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn batch_mixed_lines_keep_order_and_report_errors() {
    let dir = TempDir::new().unwrap();
    let input = [
        r#"{"id": "good", "old": "The sky is blue. It rained.", "new": "The sky is green. It rained."}"#,
        "",
        r#"{"id": 2, "old": ["One.", "Two."], "new": ["One.", "Two."]}"#,
        r#"{"id": "badjson", "old": "#,
        "   ",
        r#"{"id": "missing", "old": "Only old."}"#,
        r#"{"id": "wrongtype", "old": 42, "new": "Text."}"#,
        r#"{"id": "last", "old": "Same.", "new": ["Same.", "Added."]}"#,
    ]
    .join("\n");
    let p = write(&dir, "in.jsonl", format!("{input}\n").as_bytes());
    let r = run(cmd().arg("batch").arg(&p));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_one_line(&r.stderr);
    let out = lines_json(&r.stdout);
    assert_eq!(out.len(), 6, "one output per non-blank line: {}", r.stdout);
    // Good lines: full reports with their id.
    assert_eq!(out[0]["id"], "good");
    assert_eq!(out[0]["version"], 1);
    let rep: JsonReport = serde_json::from_value(out[0].clone()).unwrap();
    assert_eq!(rep.stats.reworded, 1);
    assert_eq!(rep.old.rebuild(), "The sky is blue. It rained.");
    assert_eq!(out[1]["id"], 2);
    let rep: JsonReport = serde_json::from_value(out[1].clone()).unwrap();
    assert_eq!(rep.stats.unchanged, 2);
    assert_eq!(rep.old.sentences.len(), 2);
    assert_eq!(out[5]["id"], "last");
    let rep: JsonReport = serde_json::from_value(out[5].clone()).unwrap();
    assert_eq!((rep.stats.unchanged, rep.stats.added), (1, 1));
    // Error lines: 1-based line numbers in the file, an error message, no report.
    for (k, line, id, needle) in [
        (2, 4, serde_json::Value::Null, "invalid JSON"),
        (3, 6, "missing".into(), "missing field `new`"),
        (4, 7, "wrongtype".into(), "`old`"),
    ] {
        let v = &out[k];
        assert_eq!(v["line"], line, "{v}");
        assert_eq!(v["id"], id, "{v}");
        let err = v["error"].as_str().expect("error is a string");
        assert!(err.contains(needle), "{err}");
        assert!(v.get("changes").is_none(), "{v}");
    }
}

#[test]
fn batch_only_good_lines_exits_1_or_0() {
    let dir = TempDir::new().unwrap();
    let diff = write(
        &dir,
        "diff.jsonl",
        b"{\"id\":1,\"old\":\"A cat sat.\",\"new\":\"A cat sat.\"}\n{\"id\":2,\"old\":\"A dog ran.\",\"new\":\"A dog slept.\"}\n",
    );
    let r = run(cmd().arg("batch").arg(&diff));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.is_empty());
    let out = lines_json(&r.stdout);
    assert_eq!(out.len(), 2);
    assert_eq!(
        (out[0]["id"].clone(), out[1]["id"].clone()),
        (1.into(), 2.into())
    );
    let same = b"{\"id\":1,\"old\":\"A cat sat.\",\"new\":\"A cat sat.\"}\n{\"id\":2,\"old\":[\"X.\"],\"new\":\"X.\"}";
    let p = write(&dir, "same.jsonl", same);
    let r = run(cmd().arg("batch").arg(&p));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(lines_json(&r.stdout).len(), 2);
    // Standard input works the same.
    let r = run(cmd().arg("batch").write_stdin(same.to_vec()));
    assert_eq!(r.code, 0);
    assert_eq!(lines_json(&r.stdout).len(), 2);
}

#[test]
fn batch_missing_file_exits_2() {
    let r = run(cmd().args(["batch", "no-such-input.jsonl"]));
    assert_eq!(r.code, 2);
    assert_one_line(&r.stderr);
    assert!(r.stderr.contains("no-such-input.jsonl"));
}

// ---------------------------------------------------------------- broken pipe

/// Spawn the binary, read one line of stdout, close the pipe, and wait.
fn read_one_line_then_close(args: &[&Path]) -> (std::process::ExitStatus, String, String) {
    let mut child = StdCommand::new(env!("CARGO_BIN_EXE_claimdiff"))
        .args(args)
        .args(["--context", "all"])
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    reader.read_line(&mut first).unwrap();
    drop(reader);
    let out = child.wait_with_output().unwrap();
    (
        out.status,
        first,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn closed_stdout_is_not_a_panic() {
    let (status, first, stderr) = read_one_line_then_close(&[
        Path::new("seeds/statement.txt"),
        Path::new("seeds/statement.new.txt"),
    ]);
    assert!(!first.is_empty());
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        matches!(status.code(), Some(0..=2)),
        "status {status:?}, stderr {stderr}"
    );
}

#[test]
fn closed_stdout_with_large_output_is_not_a_panic() {
    // Much more output than a pipe buffer holds, so writing really fails.
    let dir = TempDir::new().unwrap();
    let mut old = String::new();
    for i in 0..3000 {
        old.push_str(&format!(
            "Sentence number {i} talks about item {i} at length.\n"
        ));
    }
    let new = format!("{old}A final added sentence.\n");
    let a = write(&dir, "a.txt", old.as_bytes());
    let b = write(&dir, "b.txt", new.as_bytes());
    let (status, first, stderr) = read_one_line_then_close(&[&a, &b]);
    assert!(!first.is_empty());
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        matches!(status.code(), Some(0..=2)),
        "status {status:?}, stderr {stderr}"
    );
}

#[test]
fn version_and_help_exit_0() {
    let r = run(cmd().arg("--version"));
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("claimdiff "));
    let r = run(cmd().arg("--help"));
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("Exit status"));
    let mut c = cmd();
    c.arg("--help");
    c.assert()
        .success()
        .stdout(predicate::str::contains("--context"));
}

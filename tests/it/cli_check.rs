//! End-to-end tests of `claimdiff check`: exit codes, errors naming the file, terminal and
//! JSON output, several reports, evidence and omitted options, input flags, batch lines.

use std::path::PathBuf;

use assert_cmd::Command;
use claimdiff::check::CHECK_JSON_VERSION;
use claimdiff::check::{FlagType, Verdict};
use claimdiff::render::check::JsonCheck;
use tempfile::TempDir;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn cmd() -> Command {
    let mut c = Command::cargo_bin("claimdiff").expect("binary built");
    c.current_dir(root());
    c.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
    c
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    run_cmd(cmd().args(args))
}

fn run_cmd(c: &mut Command) -> Run {
    let out = c.output().expect("runs");
    Run {
        code: out.status.code().expect("exited normally"),
        stdout: String::from_utf8(out.stdout).expect("UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8"),
    }
}

/// A file named `name` holding `bytes` in a new temporary folder (kept while the
/// returned `TempDir` lives), and its path.
fn temp(name: &str, bytes: &[u8]) -> (TempDir, String) {
    let dir = TempDir::new().unwrap();
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    let path = p.display().to_string();
    (dir, path)
}

const STATEMENT: &str = "seeds/statement.txt";
const SUPPORT: &str = "seeds/statement-support.txt";
const REPORT: &str = "seeds/report-summary.txt";

#[test]
fn unaddressed_sentences_exit_1() {
    let r = run(&["check", STATEMENT, "--against", REPORT]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.contains("unaddressed "), "{}", r.stdout);
    assert!(r.stdout.contains("statement sentences: "), "{}", r.stdout);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
}

#[test]
fn every_sentence_supported_exits_0() {
    let (_dir, s) = temp(
        "s.txt",
        b"Employment schemes in the region show indications of coercion and discrimination.\n",
    );
    let r = run(&["check", &s, "--against", REPORT]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.starts_with("supported "), "{}", r.stdout);
    // The report checked against itself: every sentence supported, nothing omitted.
    let r = run(&["check", REPORT, "--against", REPORT, "--format", "json"]);
    assert_eq!(r.code, 0);
    let j: JsonCheck = serde_json::from_str(&r.stdout).unwrap();
    assert!(j.claims.iter().all(|c| c.verdict == Verdict::Supported));
    assert!(j.omitted.is_empty());
    assert_eq!(j.summary.reflected, j.summary.findings);
}

#[test]
fn missing_files_exit_2_naming_them() {
    let r = run(&["check", "nope-statement.txt", "--against", REPORT]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.starts_with("claimdiff: nope-statement.txt: "),
        "{}",
        r.stderr
    );
    assert_eq!(r.stderr.lines().count(), 1);
    let r = run(&[
        "check",
        SUPPORT,
        "--against",
        REPORT,
        "--against",
        "nope-report.txt",
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("nope-report.txt"), "{}", r.stderr);
    assert!(r.stdout.is_empty());
}

#[test]
fn bad_input_and_arguments_exit_2() {
    let (_dir, bin) = temp("report.bin", b"text\0more");
    let r = run(&["check", SUPPORT, "--against", &bin]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("report.bin"), "{}", r.stderr);
    // --text accepts it (global input flags apply).
    assert_eq!(
        run(&["check", SUPPORT, "--against", &bin, "--text"]).code,
        1
    );
    let big = run(&["check", SUPPORT, "--against", REPORT, "--max-bytes", "10"]);
    assert_eq!(big.code, 2);
    assert!(
        big.stderr.contains("statement-support.txt"),
        "{}",
        big.stderr
    );
    // No --against at all, a bad --evidence and an unknown format are usage errors.
    let bad = run(&["check", SUPPORT, "--against", REPORT, "--format", "pdf"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("pdf"), "{}", bad.stderr);
    assert_eq!(run(&["check", SUPPORT]).code, 2);
    assert_eq!(
        run(&["check", SUPPORT, "--against", REPORT, "--evidence", "x"]).code,
        2
    );
    let r = run(&["check", "-", "--against", "-"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("standard input"), "{}", r.stderr);
}

#[test]
fn html_format_exits_as_the_terminal_view() {
    // 1: some statement sentence is disputed or unaddressed.
    let r = run(&["check", STATEMENT, "--against", REPORT, "--format", "html"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.starts_with("<!DOCTYPE html>"), "{}", r.stdout);
    assert!(r.stdout.trim_end().ends_with("</html>"));
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    let json = run(&["check", STATEMENT, "--against", REPORT, "--format", "json"]);
    let j: JsonCheck = serde_json::from_str(&json.stdout).unwrap();
    for v in Verdict::ALL {
        let rows = r
            .stdout
            .matches(&format!("data-kind=\"{}\"", v.name()))
            .count();
        assert_eq!(rows, j.summary.count(v), "{}", v.name());
    }
    assert_eq!(
        r.stdout.matches("data-of=\"omitted\"").count(),
        j.summary.omitted
    );
    // 1 too for the supporting statement: two of its sentences (the "one million" figure,
    // the call for an investigation) are not in the report.
    let r = run(&["check", SUPPORT, "--against", REPORT, "--format", "html"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.contains("data-kind=\"supported\""));
    // 2: trouble, and nothing on stdout.
    let r = run(&["check", "nope.txt", "--against", REPORT, "--format", "html"]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    assert!(
        r.stderr.starts_with("claimdiff: nope.txt: "),
        "{}",
        r.stderr
    );
}

#[test]
fn html_format_is_self_contained_and_escapes_input() {
    let (_d1, s) = temp(
        "s.txt",
        "Officials <script>alert(1)</script> & \"quoted\" broke \u{202E} procurement rules.\n"
            .as_bytes(),
    );
    let (_d2, rep) = temp(
        "r&<b>.txt",
        b"Officials may have broken procurement rules.\n\nRain <i>fell</i>.\n",
    );
    let r = run(&["check", &s, "--against", &rep, "--format", "html"]);
    // 1: the markup words leave the sentence below the floor; the escaping is the point.
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let page = &r.stdout;
    assert!(page.contains("Content-Security-Policy"));
    for needle in ["http://", "https://", " src=", "@import", "url(", "<link"] {
        assert!(!page.contains(needle), "page refers to {needle}");
    }
    assert!(page.contains("@media print") && page.contains("prefers-color-scheme: dark"));
    assert_eq!(page.matches("<script").count(), 1, "only the page's script");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot;"));
    assert!(page.contains("<span class=\"esc\">&lt;U+202E&gt;</span>"));
    assert!(!page.contains('\u{202E}'));
    assert!(!page.contains("<i>fell") && !page.contains("&<b>"));
    assert!(page.contains("r&amp;&lt;b&gt;.txt"));
}

#[test]
fn html_no_omitted_starts_with_the_omitted_filter_unticked() {
    let on = run(&["check", STATEMENT, "--against", REPORT, "--format", "html"]);
    assert!(on.stdout.contains("data-filter=\"omitted\" checked>"));
    assert!(!on.stdout.contains(" hidden>"));
    let off = run(&[
        "check",
        STATEMENT,
        "--against",
        REPORT,
        "--format",
        "html",
        "--no-omitted",
    ]);
    assert_eq!(off.code, 1);
    assert!(off.stdout.contains("data-filter=\"omitted\"><span"));
    let j: JsonCheck = serde_json::from_str(
        &run(&["check", STATEMENT, "--against", REPORT, "--format", "json"]).stdout,
    )
    .unwrap();
    assert_eq!(
        off.stdout.matches("data-of=\"omitted\" hidden>").count(),
        j.summary.omitted
    );
}

#[test]
fn lossy_reads_invalid_utf8_with_a_warning() {
    let (_dir, s) = temp("bad.txt", b"Employment schemes show coercion \xff.\n");
    assert_eq!(run(&["check", &s, "--against", REPORT]).code, 2);
    let r = run(&["check", &s, "--against", REPORT, "--lossy"]);
    assert!(r.code == 0 || r.code == 1);
    assert!(
        r.stderr.contains("bad.txt") && r.stderr.contains("U+FFFD"),
        "{}",
        r.stderr
    );
}

#[test]
fn json_has_the_documented_fields() {
    let r = run(&["check", SUPPORT, "--against", REPORT, "--format", "json"]);
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["version"], CHECK_JSON_VERSION);
    assert_eq!(v["mode"], "check");
    assert!(v["statement"]["sentences"].is_array());
    assert_eq!(v["reports"][0]["path"], REPORT);
    let claim = &v["claims"][1];
    assert_eq!(claim["sentence"], 1);
    assert!(claim["verdict"].is_string());
    let ev = &claim["evidence"][0];
    for field in [
        "report",
        "sentence",
        "similarity",
        "paragraph",
        "shared",
        "claim_changes",
    ] {
        assert!(!ev[field].is_null(), "evidence.{field}");
    }
    assert!(v["omitted"][0]["report"].is_u64() && v["omitted"][0]["sentence"].is_u64());
    for field in [
        "statement_sentences",
        "supported",
        "partial",
        "disputed",
        "unaddressed",
        "findings",
        "reflected",
        "omitted",
    ] {
        assert!(v["summary"][field].is_u64(), "summary.{field}");
    }
    // Typed read-back, and the flags of the seed: "constitutes" vs "may constitute".
    let j: JsonCheck = serde_json::from_str(&r.stdout).unwrap();
    assert!(j.claims[1].flags.iter().any(|f| f.kind == FlagType::Hedge));
    assert_eq!(
        j.reports[0].rebuild(),
        std::fs::read_to_string(root().join(REPORT)).unwrap()
    );
    assert_eq!(j.claims.len(), j.statement.sentences.len());
}

#[test]
fn several_reports_are_numbered_in_order() {
    let (_dir, extra) = temp(
        "group.txt",
        b"The group said that more than one million people have been held in the camps.\n",
    );
    let r = run(&[
        "check",
        SUPPORT,
        "--against",
        REPORT,
        "--against",
        &extra,
        "--format",
        "json",
    ]);
    let j: JsonCheck = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(j.reports.len(), 2);
    assert_eq!(j.reports[1].path.as_deref(), Some(extra.as_str()));
    let camps = &j.claims[5];
    assert_ne!(camps.verdict, Verdict::Unaddressed);
    assert_eq!(
        (camps.evidence[0].report, camps.evidence[0].sentence),
        (1, 0)
    );
    let t = run(&["check", SUPPORT, "--against", REPORT, "--against", &extra]);
    assert!(
        t.stdout.contains("group.txt, paragraph 1, sentence 1"),
        "{}",
        t.stdout
    );
}

#[test]
fn evidence_and_omitted_options() {
    let one = run(&[
        "check",
        SUPPORT,
        "--against",
        REPORT,
        "--evidence",
        "1",
        "--format",
        "json",
    ]);
    let j: JsonCheck = serde_json::from_str(&one.stdout).unwrap();
    assert!(j.claims.iter().all(|c| c.evidence.len() <= 1));
    let three = run(&[
        "check",
        SUPPORT,
        "--against",
        REPORT,
        "--evidence",
        "3",
        "--format",
        "json",
    ]);
    let j3: JsonCheck = serde_json::from_str(&three.stdout).unwrap();
    assert!(j3.claims.iter().any(|c| c.evidence.len() == 3));
    let verdicts = |j: &JsonCheck| j.claims.iter().map(|c| c.verdict).collect::<Vec<_>>();
    assert_eq!(
        verdicts(&j),
        verdicts(&j3),
        "verdicts do not depend on --evidence"
    );
    assert_eq!(j.omitted, j3.omitted, "nor does what is omitted");
    let shown = run(&["check", SUPPORT, "--against", REPORT]);
    assert!(shown.stdout.contains("omitted (report findings"));
    let hidden = run(&["check", SUPPORT, "--against", REPORT, "--no-omitted"]);
    assert!(!hidden.stdout.contains("omitted (report findings"));
    assert!(
        hidden.stdout.contains("omitted\n"),
        "summary still counts: {}",
        hidden.stdout
    );
    let last = run(&[
        "check",
        SUPPORT,
        "--against",
        REPORT,
        "--no-omitted",
        "--omitted",
    ]);
    assert!(last.stdout.contains("omitted (report findings"));
}

#[test]
fn terminal_colour_policy_and_escaping() {
    let plain = run(&["check", SUPPORT, "--against", REPORT]);
    assert!(!plain.stdout.contains('\x1b'));
    let never = run(&["check", SUPPORT, "--against", REPORT, "--color", "never"]);
    assert!(!never.stdout.contains('\x1b'));
    let always = run(&["check", SUPPORT, "--against", REPORT, "--color", "always"]);
    assert!(
        always.stdout.contains("\x1b[1;32mdetention\x1b[0m"),
        "shared words highlighted"
    );
    let (_dir, s) = temp(
        "evil.txt",
        "Employment schemes\x1b[2J show \u{202E}coercion.\n".as_bytes(),
    );
    let r = run(&["check", &s, "--against", REPORT, "--color", "always"]);
    assert!(
        !r.stdout.contains("\x1b[2J") && !r.stdout.contains('\u{202E}'),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("\\x1b[2J") && r.stdout.contains("<U+202E>"));
}

#[test]
fn stdin_split_and_lang_apply() {
    let r = run_cmd(
        cmd()
            .args(["check", "-", "--against", REPORT, "--format", "json"])
            .write_stdin("The office called for the prompt release of everyone arbitrarily deprived of their liberty.\n"),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        serde_json::from_str::<JsonCheck>(&r.stdout)
            .unwrap()
            .statement
            .path
            .as_deref(),
        Some("-")
    );
    let (_dir, s) = temp(
        "lines.txt",
        b"prompt release of everyone\nbananas are yellow\n",
    );
    let prose = run(&["check", &s, "--against", REPORT, "--format", "json"]);
    let lines = run(&[
        "check",
        &s,
        "--against",
        REPORT,
        "--format",
        "json",
        "--split",
        "lines",
    ]);
    let n = |out: &str| serde_json::from_str::<JsonCheck>(out).unwrap().claims.len();
    assert_eq!((n(&prose.stdout), n(&lines.stdout)), (1, 2));
    let de = run(&["check", SUPPORT, "--against", REPORT, "--lang", "de"]);
    assert!(de.code == 0 || de.code == 1, "{}", de.stderr);
}

#[test]
fn batch_accepts_check_lines() {
    let input = concat!(
        r#"{"id": "a", "statement": ["Rain fell in March.", "Bananas are yellow."], "against": [["Rain fell in March."]]}"#,
        "\n",
        r#"{"id": "b", "statement": "Rain fell in March.", "against": ["Snow fell. Rain fell in March."]}"#,
        "\n",
    );
    let r = run_cmd(cmd().args(["batch", "-"]).write_stdin(input));
    assert_eq!(r.code, 1, "{}", r.stderr);
    let out: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(out[0]["id"], "a");
    assert_eq!(out[0]["claims"][1]["verdict"], "unaddressed");
    assert_eq!(out[1]["claims"][0]["evidence"][0]["sentence"], 1);
    let ok = run_cmd(
        cmd()
            .args(["batch", "-"])
            .write_stdin(&input[input.find('\n').unwrap() + 1..]),
    );
    assert_eq!(ok.code, 0);
}

#[test]
fn markdown_format_and_no_pager() {
    let r = run(&[
        "check",
        SUPPORT,
        "--against",
        REPORT,
        "--format",
        "markdown",
        "--no-pager",
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("### claimdiff check: "),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("| verdict | statement | evidence |"));
    let json = run(&["check", SUPPORT, "--against", REPORT, "--format", "json"]);
    let j: JsonCheck = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(
        r.stdout.lines().filter(|l| l.starts_with("| **")).count(),
        j.claims.len(),
        "one row per statement sentence"
    );
    assert!(r.stdout.contains("**Omitted**"));
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    // `md` is an alias; --no-pager is accepted by the terminal view too (stdout is a pipe
    // here, so nothing is paged either way).
    let md = run(&["check", SUPPORT, "--against", REPORT, "--format", "md"]);
    assert_eq!(md.stdout, r.stdout);
    let t = run(&["check", SUPPORT, "--against", REPORT, "--no-pager"]);
    assert_eq!(t.code, 1);
    assert!(t.stdout.contains("statement sentences: "));
}

//! The JSON output read back with types written from docs/json.md alone, each with
//! `deny_unknown_fields`: a field the program writes and the document does not name (or a
//! renamed one) fails here, so docs/json.md stays the schema.
#![allow(
    dead_code,
    reason = "the fields exist to be read by serde: a missing or unknown one fails the parse"
)]

use crate::common;

use std::collections::BTreeMap;

use common::{cmd, write};
use serde::Deserialize;
use tempfile::TempDir;

type Span = Option<[usize; 2]>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Report {
    version: u32,
    old: Doc,
    new: Doc,
    changes: Vec<Change>,
    stats: Stats,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Doc {
    path: Option<String>,
    sentences: Vec<Sentence>,
    trailing: String,
    #[serde(default)]
    blocks: Option<Vec<Block>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Block {
    start: usize,
    end: usize,
    kind: String,
    source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sentence {
    start: usize,
    end: usize,
    paragraph: usize,
    text: String,
    #[serde(default)]
    markup_before: Option<String>,
    #[serde(default)]
    markup_after: Option<String>,
    space_before: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Change {
    kind: String,
    old: Vec<usize>,
    new: Vec<usize>,
    similarity: Option<f64>,
    confidence: Option<f64>,
    edits: Vec<Edit>,
    substantive: bool,
    claim_changes: Vec<ClaimChange>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    op: String,
    text: String,
    old_span: Span,
    new_span: Span,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClaimChange {
    #[serde(rename = "type")]
    kind: String,
    old: Option<String>,
    new: Option<String>,
    old_span: Span,
    new_span: Span,
    #[serde(default)]
    reason: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Stats {
    old_sentences: usize,
    new_sentences: usize,
    unchanged: usize,
    reworded: usize,
    moved: usize,
    split: usize,
    merged: usize,
    added: usize,
    removed: usize,
    cosmetic: usize,
    claim_changes: BTreeMap<String, usize>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SegmentOutput {
    version: u32,
    document: Doc,
}

const KINDS: [&str; 7] = [
    "unchanged",
    "reworded",
    "moved",
    "split",
    "merged",
    "added",
    "removed",
];
const CLAIM_TYPES: [&str; 6] = [
    "number",
    "negation",
    "modality",
    "attribution",
    "entity",
    "intensity",
];

/// Run `claimdiff ARGS --format json` and read its output back as a [`Report`].
fn report(args: &[&str]) -> Report {
    let out = cmd()
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.code().is_some_and(|c| c < 2), "{out:?}");
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not the schema of docs/json.md: {e}\n{}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

/// What the document says of every report, whatever the input.
fn check_documented(r: &Report) {
    assert_eq!(r.version, 1);
    for c in &r.changes {
        assert!(KINDS.contains(&c.kind.as_str()), "kind {}", c.kind);
        for e in &c.edits {
            assert!(["equal", "delete", "insert"].contains(&e.op.as_str()));
            assert_eq!(e.old_span.is_some(), e.op != "insert", "{e:?}");
            assert_eq!(e.new_span.is_some(), e.op != "delete", "{e:?}");
        }
        for cc in &c.claim_changes {
            assert!(CLAIM_TYPES.contains(&cc.kind.as_str()), "type {}", cc.kind);
            assert_eq!(cc.old.is_some(), cc.old_span.is_some(), "{cc:?}");
            assert_eq!(cc.new.is_some(), cc.new_span.is_some(), "{cc:?}");
            if let Some(reason) = &cc.reason {
                assert!(["hedge", "antonym"].contains(&reason.as_str()), "{reason}");
            }
        }
    }
    let keys: Vec<&str> = r.stats.claim_changes.keys().map(String::as_str).collect();
    let mut types = CLAIM_TYPES.to_vec();
    types.sort_unstable();
    assert_eq!(keys, types);
    for doc in [&r.old, &r.new] {
        for s in &doc.sentences {
            assert!(
                s.start <= s.end && s.space_before.trim().is_empty(),
                "{s:?}"
            );
            // Absent when empty (docs/json.md).
            assert_ne!(s.markup_before.as_deref(), Some(""));
            assert_ne!(s.markup_after.as_deref(), Some(""));
        }
    }
    let s = &r.stats;
    let total = s.unchanged + s.reworded + s.moved + s.split + s.merged + s.added + s.removed;
    assert_eq!(total + s.cosmetic, r.changes.len());
    assert_eq!(s.old_sentences, r.old.sentences.len());
    assert_eq!(s.new_sentences, r.new.sentences.len());
}

#[test]
fn diff_json_of_text_reads_back() {
    let r = report(&["seeds/figures.txt", "seeds/figures.new.txt"]);
    check_documented(&r);
    assert_eq!(r.old.path.as_deref(), Some("seeds/figures.txt"));
    assert!(r.old.blocks.is_none(), "no blocks for plain text");
    assert!(r.changes.iter().any(|c| !c.claim_changes.is_empty()));
}

#[test]
fn diff_json_of_markdown_and_options_reads_back() {
    for extra in [
        &[][..],
        &["--ignore-cosmetic"][..],
        &["--only", "number,negation"][..],
    ] {
        let mut args = vec!["seeds/handbook.md", "seeds/handbook.new.md"];
        args.extend_from_slice(extra);
        check_documented(&report(&args));
    }
}

#[test]
fn diff_json_of_html_has_documented_blocks() {
    let dir = TempDir::new().unwrap();
    let old = write(
        &dir,
        "old.html",
        b"<html><body><h1>Report</h1><p>More than 60 people came.</p></body></html>",
    );
    let new = write(
        &dir,
        "new.html",
        b"<html><body><h1>Report</h1><p>Nearly 70 people came.</p></body></html>",
    );
    let r = report(&[old.to_str().unwrap(), new.to_str().unwrap()]);
    check_documented(&r);
    let blocks = r.new.blocks.as_ref().expect("blocks for an extracted page");
    let kinds = [
        "heading",
        "paragraph",
        "list-item",
        "table-row",
        "preformatted",
    ];
    assert!(!blocks.is_empty());
    for b in blocks {
        assert!(kinds.contains(&b.kind.as_str()) && b.start < b.end && !b.source.is_empty());
    }
}

#[test]
fn segment_json_reads_back() {
    let out = cmd()
        .args(["segment", "seeds/figures.txt", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let seg: SegmentOutput = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(seg.version, 1);
    assert_eq!(seg.document.path.as_deref(), Some("seeds/figures.txt"));
    assert!(!seg.document.sentences.is_empty());
    assert!(seg.document.trailing.trim().is_empty());
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckReport {
    version: u32,
    mode: String,
    statement: Doc,
    reports: Vec<Doc>,
    claims: Vec<CheckClaim>,
    omitted: Vec<Omitted>,
    summary: CheckSummary,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckClaim {
    sentence: usize,
    verdict: String,
    confidence: f64,
    evidence: Vec<Evidence>,
    flags: Vec<Flag>,
    quotes: Vec<Quote>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Evidence {
    report: usize,
    sentence: usize,
    paragraph: usize,
    similarity: f64,
    shared: Vec<String>,
    claim_changes: Vec<ClaimChange>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Flag {
    #[serde(rename = "type")]
    kind: String,
    evidence: usize,
    statement: Option<String>,
    report: Option<String>,
    statement_span: Span,
    report_span: Span,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Quote {
    text: String,
    statement_span: [usize; 2],
    found: Vec<Found>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Found {
    report: usize,
    sentence: usize,
    span: [usize; 2],
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Omitted {
    report: usize,
    sentence: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckSummary {
    statement_sentences: usize,
    supported: usize,
    partial: usize,
    disputed: usize,
    unaddressed: usize,
    report_sentences: usize,
    findings: usize,
    reflected: usize,
    omitted: usize,
    flags: usize,
    quotes: usize,
    quotes_not_found: usize,
}

#[test]
fn check_json_reads_back() {
    for statement in ["seeds/statement.txt", "seeds/statement-support.txt"] {
        let out = cmd()
            .args(["check", statement, "--against", "seeds/report-summary.txt"])
            .args(["--format", "json"])
            .output()
            .unwrap();
        assert!(out.status.code().is_some_and(|c| c < 2), "{out:?}");
        let r: CheckReport = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "not the check schema of docs/json.md: {e}\n{}",
                String::from_utf8_lossy(&out.stdout)
            )
        });
        assert_eq!(
            (r.version, r.mode.as_str()),
            (claimdiff::check::CHECK_JSON_VERSION, "check")
        );
        assert_eq!(r.reports.len(), 1);
        assert_eq!(r.claims.len(), r.statement.sentences.len());
        assert_eq!(r.summary.statement_sentences, r.claims.len());
        let verdicts = ["supported", "partial", "disputed", "unaddressed"];
        for c in &r.claims {
            assert!(verdicts.contains(&c.verdict.as_str()), "{}", c.verdict);
            assert!((0.5..=1.0).contains(&c.confidence), "{}", c.confidence);
            for f in &c.flags {
                assert!(f.evidence < c.evidence.len(), "{f:?}");
            }
        }
        assert_eq!(r.summary.omitted, r.omitted.len());
    }
}

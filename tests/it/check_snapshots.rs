//! Snapshots of `claimdiff check` on the seeds: the denial statement (`seeds/statement.txt`)
//! and the supporting one (`seeds/statement-support.txt`), each against
//! `seeds/report-summary.txt`, in the terminal view and as JSON.
//!
//! Update after an intended change of output with
//! `INSTA_UPDATE=always cargo test --test check_snapshots` and review the `.snap` diff.

use std::path::PathBuf;

use claimdiff::check::{CheckOptions, CheckReport, Verdict, check};
use claimdiff::render::check::{CheckJson, CheckTerminal};
use claimdiff::{Document, SegmentOptions};

fn read(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("seeds")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn run(statement: &str) -> CheckReport {
    let seg = SegmentOptions::default();
    check(
        Document::new(read(statement), &seg),
        vec![Document::new(read("report-summary.txt"), &seg)],
        &CheckOptions::default(),
    )
}

fn terminal(c: &CheckReport) -> String {
    let mut buf = Vec::new();
    CheckTerminal {
        color: false,
        omitted: true,
        report_paths: vec![Some("seeds/report-summary.txt".into())],
    }
    .render(c, &mut buf)
    .unwrap();
    String::from_utf8(buf).unwrap()
}

fn json(c: &CheckReport, statement: &str) -> String {
    let mut buf = Vec::new();
    CheckJson {
        statement_path: Some(format!("seeds/{statement}")),
        report_paths: vec![Some("seeds/report-summary.txt".into())],
    }
    .render(c, &mut buf)
    .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&buf).expect("valid JSON");
    serde_json::to_string_pretty(&value).unwrap()
}

#[test]
fn denial_statement_against_the_report() {
    let c = run("statement.txt");
    // The statement attacks the report: most of its sentences are unaddressed. The word
    // "genocide" it says the assessment avoided is looked up, and shown where the summary
    // says so ("The word "genocide" does not appear in the assessment.").
    let s = c.summary();
    assert!(s.unaddressed * 2 > s.statement_sentences, "{s:?}");
    let genocide = c
        .claims
        .iter()
        .flat_map(|cl| &cl.quotes)
        .find(|q| q.text == "genocide")
        .expect("the quoted word is looked up");
    assert_eq!(genocide.found.len(), 1);
    assert!(
        c.reports[0]
            .sentence_text(genocide.found[0].sentence)
            .contains("does not appear")
    );
    insta::assert_snapshot!("check_statement_terminal", terminal(&c));
    insta::assert_snapshot!("check_statement_json", json(&c, "statement.txt"));
}

#[test]
fn supporting_statement_against_the_report() {
    let c = run("statement-support.txt");
    // It restates the report: most sentences have a counterpart, and the dropped hedge
    // ("may constitute" -> "constitutes") is flagged.
    let s = c.summary();
    assert!(
        (s.supported + s.partial) * 2 > s.statement_sentences,
        "{s:?}"
    );
    assert_ne!(c.claims[1].verdict, Verdict::Unaddressed);
    assert!(
        c.claims[1]
            .flags
            .iter()
            .any(|f| f.report.as_deref() == Some("may"))
    );
    insta::assert_snapshot!("check_support_terminal", terminal(&c));
    insta::assert_snapshot!("check_support_json", json(&c, "statement-support.txt"));
}

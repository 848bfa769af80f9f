//! The segmentation case suite: `tests/data/segment_cases.jsonl`, one case per line
//! (`{"id", "text", "sentences", "format", "source", "category"}`). Every case must give
//! exactly its sentences (the compared text of each unit). The blind parts
//! (`segment_blind.jsonl`, `segment_blind2.jsonl`) are not run here: each is scored once, by
//! hand, to measure the rules on cases they were not tuned on (see docs/quality.md).

use claimdiff::Document;
use claimdiff::segment::{SegmentOptions, SplitMode};

/// The compared texts of `text` segmented in `format` (`prose`, `markdown` or `lines`).
fn units(text: &str, format: &str) -> Vec<String> {
    let split = match format {
        "markdown" => SplitMode::Markdown,
        "lines" => SplitMode::Lines,
        _ => SplitMode::Prose,
    };
    let mut opts = SegmentOptions::default();
    opts.split = split;
    let doc = Document::new(text.to_owned(), &opts);
    (0..doc.len())
        .map(|i| doc.sentence_text(i).to_owned())
        .collect()
}

fn run(file: &str) -> (usize, Vec<String>) {
    let path = format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
    let data = std::fs::read_to_string(&path).unwrap();
    let mut failures = Vec::new();
    let mut n = 0;
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let case: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = case["text"].as_str().unwrap();
        let format = case["format"].as_str().unwrap_or("prose");
        let want: Vec<String> = case["sentences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_owned())
            .collect();
        let got = units(text, format);
        n += 1;
        if got != want {
            failures.push(format!(
                "{} ({}): want {want:?}, got {got:?}",
                case["id"], case["category"]
            ));
        }
    }
    (n, failures)
}

#[test]
fn segment_cases_all_pass() {
    let (n, failures) = run("segment_cases.jsonl");
    assert!(
        failures.is_empty(),
        "{} of {n} cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(n >= 150, "only {n} cases");
}

/// Prints the blind part's score; run by hand once (`cargo test --test segment_cases --
/// --ignored --nocapture`).
#[test]
#[ignore = "the blind part is scored once, by hand"]
fn segment_blind_score() {
    let (n, failures) = run("segment_blind.jsonl");
    println!("blind: {} of {n} cases pass", n - failures.len());
    for f in &failures {
        println!("  {f}");
    }
}

/// Prints the second blind part's score (45 cases written before the session's changes); run
/// by hand once (`cargo test --test segment_cases segment_blind2_score -- --ignored
/// --nocapture`).
#[test]
#[ignore = "the blind part is scored once, by hand"]
fn segment_blind2_score() {
    let (n, failures) = run("segment_blind2.jsonl");
    println!("blind2: {} of {n} cases pass", n - failures.len());
    for f in &failures {
        println!("  {f}");
    }
}

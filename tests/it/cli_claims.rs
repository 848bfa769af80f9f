//! CLI tests for the claim-change options: `--only`, `--ignore-cosmetic`, `--stat` counts and the
//! JSON fields `substantive` and `claim_changes`.

use assert_cmd::Command;
use claimdiff::render::json::JsonReport;
use std::fs;

fn claimdiff() -> Command {
    Command::cargo_bin("claimdiff").unwrap()
}

fn json(args: &[&str]) -> (JsonReport, i32) {
    let out = claimdiff()
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let report: JsonReport = serde_json::from_slice(&out.stdout).unwrap();
    (report, out.status.code().unwrap())
}

#[test]
fn only_keeps_units_with_that_claim_type_and_exit_reflects_all_differences() {
    let out = claimdiff()
        .args([
            "seeds/figures.txt",
            "seeds/figures.new.txt",
            "--only",
            "negation",
            "--context",
            "0",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let changed: Vec<&str> = text.lines().filter(|l| l.starts_with('~')).collect();
    assert_eq!(changed.len(), 3, "{text}");
    assert!(changed.iter().all(|l| l.contains("[negation")), "{text}");
    assert!(!text.contains("[number"), "{text}");
}

#[test]
fn only_hedge_is_accepted_as_modality_and_tags_show_the_type_name() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    fs::write(&a, "The so-called camps were closed. It rained.\n").unwrap();
    fs::write(&b, "The camps were closed. It rained.\n").unwrap();
    for only in ["hedge", "modality"] {
        let out = claimdiff()
            .args([a.to_str().unwrap(), b.to_str().unwrap(), "--only", only])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "--only {only}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("[modality (hedge) removed: \"so-called\"]"),
            "--only {only}: {text}"
        );
    }
}

#[test]
fn unknown_only_type_is_a_usage_error() {
    claimdiff()
        .args([
            "seeds/figures.txt",
            "seeds/figures.new.txt",
            "--only",
            "colour",
        ])
        .assert()
        .code(2);
}

#[test]
fn ignore_cosmetic_turns_quote_style_changes_into_no_difference() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    fs::write(&a, "He said “yes.” It rained.\n").unwrap();
    fs::write(&b, "He said \"yes.\" It rained.\n").unwrap();
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    // Without the option the quote change is a (cosmetic) rewording: exit 1.
    let (report, code) = json(&[a, b]);
    assert_eq!(code, 1);
    let reworded: Vec<_> = report
        .changes
        .iter()
        .filter(|c| !c.edits.is_empty())
        .collect();
    assert_eq!(reworded.len(), 1);
    let out = claimdiff()
        .args([a, b, "--ignore-cosmetic"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("1 cosmetic rewording ignored"), "{text}");
}

#[test]
fn json_carries_substantive_and_claim_changes_with_spans() {
    let (report, code) = json(&["seeds/figures.txt", "seeds/figures.new.txt"]);
    assert_eq!(code, 1);
    let value: serde_json::Value = serde_json::from_slice(
        &claimdiff()
            .args([
                "seeds/figures.txt",
                "seeds/figures.new.txt",
                "--format",
                "json",
            ])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let changes = value["changes"].as_array().unwrap();
    let nurses = changes
        .iter()
        .find(|c| {
            c["claim_changes"]
                .as_array()
                .is_some_and(|cc| cc.iter().any(|x| x["old"] == "60" && x["new"] == "70"))
        })
        .expect("the 60 -> 70 nurses change");
    assert_eq!(nurses["substantive"], true);
    let cc = &nurses["claim_changes"].as_array().unwrap()[0];
    assert_eq!(cc["type"], "number");
    let old_text = report.old.rebuild();
    let span = cc["old_span"].as_array().unwrap();
    let (s, e) = (
        span[0].as_u64().unwrap() as usize,
        span[1].as_u64().unwrap() as usize,
    );
    assert_eq!(&old_text[s..e], "60");
    assert!(
        changes
            .iter()
            .filter(|c| c["kind"] == "unchanged")
            .all(|c| c["substantive"] == false)
    );
}

#[test]
fn stat_counts_claim_changes_by_type() {
    let out = claimdiff()
        .args(["seeds/figures.txt", "seeds/figures.new.txt", "--stat"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("6 number, 3 negation"), "{text}");
}

#[test]
fn only_with_nothing_left_says_so_and_still_exits_1() {
    // figures has number changes; `--only attribution` leaves none of them, yet the texts
    // differ: the output must not claim "no changes" while the exit status says 1.
    let out = claimdiff()
        .args([
            "seeds/figures.txt",
            "seeds/figures.new.txt",
            "--only",
            "attribution",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("no changes"), "{text}");
    assert!(
        text.starts_with("no change of the chosen claim types; ")
            && text.trim_end().ends_with("not shown"),
        "{text}"
    );
}

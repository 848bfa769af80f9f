//! The confidence of pairings: in the JSON, marked when low in the terminal and HTML views,
//! and `--min-confidence` leaving low pairings as removed + added.

use crate::common;

use claimdiff::render::terminal::Context;
use claimdiff::render::{Html, LOW_CONFIDENCE, Terminal, to_string};
use claimdiff::{ChangeKind, Options, compare_texts};
use common::{cmd, json_diff, write};
use tempfile::TempDir;

/// A retelling: no sentence in common, two weak pairings in place.
const OLD: &str = "A fox saw some grapes hanging high on a vine.\nHe jumped and jumped but could not reach them.\nSo he walked away and said they were sour.\n";
const NEW: &str = "One hot day a hungry fox spotted a bunch of grapes.\nThe fox leapt many times without success.\nHe left, muttering that they were surely sour.\n";

#[test]
fn every_pairing_has_a_confidence_and_only_pairings_do() {
    let report = json_diff(&["--split", "lines"], OLD, NEW);
    assert!(
        report
            .changes
            .iter()
            .any(|c| c.kind == ChangeKind::Reworded)
    );
    for c in &report.changes {
        let paired = !c.old.is_empty() && !c.new.is_empty();
        assert_eq!(c.confidence.is_some(), paired, "{c:?}");
        if let Some(x) = c.confidence {
            assert!((0.0..=1.0).contains(&x), "{x}");
        }
    }
}

#[test]
fn min_confidence_leaves_low_pairings_as_removed_and_added() {
    let all = json_diff(&["--split", "lines"], OLD, NEW);
    let low = all
        .changes
        .iter()
        .filter_map(|c| c.confidence)
        .fold(1.0f64, f64::min);
    let cut = format!("{:.4}", low + 1e-3);
    let some = json_diff(&["--split", "lines", "--min-confidence", &cut], OLD, NEW);
    assert!(some.changes.len() > all.changes.len());
    assert!(
        some.changes
            .iter()
            .all(|c| c.confidence.is_none_or(|x| x >= low + 1e-3))
    );
    // Every sentence still in exactly one unit.
    let mut olds: Vec<usize> = some.changes.iter().flat_map(|c| c.old.clone()).collect();
    let mut news: Vec<usize> = some.changes.iter().flat_map(|c| c.new.clone()).collect();
    olds.sort_unstable();
    news.sort_unstable();
    assert_eq!((olds, news), (vec![0, 1, 2], vec![0, 1, 2]));
    let none = json_diff(&["--split", "lines", "--min-confidence", "1"], OLD, NEW);
    assert!(none.changes.iter().all(|c| c.confidence.is_none()));
}

#[test]
fn min_confidence_out_of_range_is_a_usage_error() {
    let dir = TempDir::new().unwrap();
    let a = write(&dir, "a.txt", OLD.as_bytes());
    let b = write(&dir, "b.txt", NEW.as_bytes());
    let out = cmd()
        .args(["--min-confidence", "1.5"])
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--min-confidence"), "{err}");
}

#[test]
fn unsure_pairings_are_marked_in_terminal_and_html() {
    let mut cmp = compare_texts(OLD, NEW, &Options::default());
    let k = cmp
        .changes
        .iter()
        .position(|c| c.kind == ChangeKind::Reworded)
        .unwrap();
    cmp.changes[k].confidence = Some(LOW_CONFIDENCE - 0.2);
    let term = Terminal {
        color: false,
        context: Context::All,
        width: None,
    };
    let text = to_string(&term, &cmp);
    assert_eq!(
        text.matches("? unsure pairing (confidence 0.30)").count(),
        1,
        "{text}"
    );
    let html = to_string(&Html::default(), &cmp);
    assert_eq!(html.matches("class=\"k-reworded unsure\"").count(), 1);
    assert!(html.contains("unsure pairing (confidence 0.30)"));
    cmp.changes[k].confidence = Some(LOW_CONFIDENCE);
    assert!(!to_string(&term, &cmp).contains("unsure"));
}

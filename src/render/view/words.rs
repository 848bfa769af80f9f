//! The tool's own words that several views print: summary lines, the line for hidden
//! sentences, positions, the parts of a claim-change tag. Raw text: a format escapes it as
//! it escapes document text (it holds file names and quoted words).

#![allow(
    clippy::indexing_slicing,
    reason = "reviewed: indexes are positions in the check report's own sentence lists"
)]

use crate::check::{CheckReport, CheckSummary, Claim, Flag, Verdict};
use crate::{ChangeKind, ClaimChange, Stats};

/// `no changes: 3 sentences unchanged[, 1 cosmetic rewording ignored]`.
pub fn no_changes_line(stats: &Stats) -> String {
    let n = stats.unchanged;
    let mut line = format!("no changes: {n} sentence{} unchanged", plural(n));
    if stats.cosmetic > 0 {
        let c = stats.cosmetic;
        line.push_str(&format!(", {c} cosmetic rewording{} ignored", plural(c)));
    }
    line
}

/// `  ⋯ 2 unchanged sentences`: the line that stands for sentences left out of the context.
pub fn hidden_line(hidden: usize) -> String {
    format!("  ⋯ {hidden} unchanged sentence{}", plural(hidden))
}

/// `3 unchanged, 7 reworded`: the counts of the kinds that occur.
pub fn summary_line(stats: &Stats) -> String {
    let summary: Vec<String> = ChangeKind::ALL
        .iter()
        .filter(|k| stats.count(**k) > 0)
        .map(|k| format!("{} {}", stats.count(*k), k.name()))
        .collect();
    summary.join(", ")
}

/// What a claim-change tag says after its label: `a → b`, `added: “b”` or `removed:
/// “a”`, each text passed through `escape` and quoted with `quotes`; `None` when neither
/// side has text. Shared by the terminal, Markdown, side-by-side and HTML views.
pub fn claim_text(
    cc: &ClaimChange,
    escape: impl Fn(&str) -> String,
    (open, close): (&str, &str),
) -> Option<String> {
    Some(match (&cc.old, &cc.new) {
        (Some(o), Some(n)) => format!("{} → {}", escape(o), escape(n)),
        (None, Some(n)) => format!("added: {open}{}{close}", escape(n)),
        (Some(o), None) => format!("removed: {open}{}{close}", escape(o)),
        (None, None) => return None,
    })
}

/// `s` unless `n` is one.
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The name of report `k`: its path from `paths`, or `report N` (1-based) when missing.
/// Raw text: the caller escapes it for its output.
pub fn report_name(paths: &[Option<String>], k: usize) -> String {
    match paths.get(k) {
        Some(Some(p)) => p.clone(),
        _ => format!("report {}", k + 1),
    }
}

/// Where sentence `j` of report `k` is: `report.txt, paragraph 2, sentence 5` (both
/// 1-based). Raw text: the caller escapes it for its output.
pub fn place(check: &CheckReport, paths: &[Option<String>], k: usize, j: usize) -> String {
    let para = check.reports[k].sentences[j].paragraph;
    format!(
        "{}, paragraph {}, sentence {}",
        report_name(paths, k),
        para + 1,
        j + 1
    )
}

/// The two sides of a flag: `statement none, report "may"`, each phrase made safe by
/// `safe` and put between `open` and `close`.
pub fn flag_sides(f: &Flag, open: &str, close: &str, safe: fn(&str) -> String) -> String {
    let side = |s: &Option<String>| {
        s.as_deref()
            .map_or("none".to_owned(), |t| format!("{open}{}{close}", safe(t)))
    };
    format!(
        "statement {}, report {}",
        side(&f.statement),
        side(&f.report)
    )
}

/// How many of a claim's evidence items the views show: all of them, except for an
/// `unaddressed` sentence, which shows only its nearest report sentence, for orientation.
pub fn shown_evidence(c: &Claim) -> usize {
    if c.verdict == Verdict::Unaddressed {
        c.evidence.len().min(1)
    } else {
        c.evidence.len()
    }
}

/// `9 statement sentences: 5 supported, 2 partial, 2 unaddressed; 7 addressed; 7 of 12
/// report findings reflected, 5 omitted`.
pub fn check_summary_line(s: &CheckSummary) -> String {
    let counts: Vec<String> = Verdict::ALL
        .iter()
        .map(|&v| (s.count(v), v.name()))
        .filter(|(n, _)| *n > 0)
        .map(|(n, name)| format!("{n} {name}"))
        .collect();
    let mut line = format!(
        "{} statement sentence{}",
        s.statement_sentences,
        plural(s.statement_sentences)
    );
    if !counts.is_empty() {
        line.push_str(&format!(": {}", counts.join(", ")));
    }
    line.push_str(&format!(
        "; {} addressed",
        s.statement_sentences - s.unaddressed
    ));
    if s.quotes > 0 {
        line.push_str(&format!(
            "; {} quotation{} looked up, {} not in the reports",
            s.quotes,
            plural(s.quotes),
            s.quotes_not_found
        ));
    }
    line.push_str(&format!(
        "; {} of {} report finding{} reflected, {} omitted",
        s.reflected,
        s.findings,
        plural(s.findings),
        s.omitted
    ));
    line
}

//! The tool's own words that several views print: summary lines, the line for hidden
//! sentences, positions, the parts of a claim-change tag. Raw text: a format escapes it as
//! it escapes document text (it holds file names and quoted words).

#![allow(
    clippy::indexing_slicing,
    reason = "reviewed: indexes are positions in the check report's own sentence lists"
)]

use crate::check::{CheckReport, CheckSummary, Claim, Flag, Verdict};
use crate::classify::Change;
use crate::{ChangeKind, ClaimChange, Comparison, Document, Stats};

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

/// What a claim-type filter (`--only`) hid, so that no view hides changes silently: `2
/// other changes not shown (not of the chosen claim types)`, or, when it hid every
/// difference (`nothing_left`), `no change of the chosen claim types; 2 other changes not
/// shown`. `None` when it hid nothing.
pub fn left_out_line_of(left_out: usize, nothing_left: bool) -> Option<String> {
    let n = left_out;
    let s = plural(n);
    match (n, nothing_left) {
        (0, _) => None,
        (_, true) => Some(format!(
            "no change of the chosen claim types; {n} other change{s} not shown"
        )),
        (_, false) => Some(format!(
            "{n} other change{s} not shown (not of the chosen claim types)"
        )),
    }
}

/// [`left_out_line_of`] for a comparison.
pub fn left_out_line(cmp: &Comparison) -> Option<String> {
    left_out_line_of(cmp.left_out, !cmp.has_differences())
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

/// What a split or merge is: `split 1 → 2`, `merged 3 → 1`.
pub fn joined_note(c: &Change) -> String {
    format!("{} {} → {}", c.kind.name(), c.old.len(), c.new.len())
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

/// Where sentence `i` of `doc` is, as every view for a reader says it: `paragraph 3,
/// sentence 2`, counted from 1, the sentence counted within its paragraph. (The JSON counts
/// from 0 over the whole text: its sentence `i` has `paragraph` P; here it is paragraph
/// P + 1, sentence `i` minus the index of P's first sentence, plus 1.)
pub fn position(doc: &Document, i: usize) -> String {
    let para = doc.sentences[i].paragraph;
    // Paragraph numbers never decrease along the text, so the paragraph's first sentence is
    // found by bisection: a scan back to it made every view quadratic on a long paragraph
    // (a 16 MB text without blank lines, all sentences moved: 45 s).
    let first = doc.sentences[..i].partition_point(|s| s.paragraph < para);
    format!("paragraph {}, sentence {}", para + 1, i - first + 1)
}

/// Where sentence `j` of report `k` is: `report.txt, paragraph 2, sentence 1` (as
/// [`position`]). Raw text: the caller escapes it for its output.
pub fn place(check: &CheckReport, paths: &[Option<String>], k: usize, j: usize) -> String {
    format!(
        "{}, {}",
        report_name(paths, k),
        position(&check.reports[k], j)
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

#[cfg(test)]
mod tests {
    use super::position;
    use crate::{Document, SegmentOptions};

    #[test]
    fn position_counts_the_sentence_within_its_paragraph_from_one() {
        let doc = Document::new(
            "One. Two. Three.\n\nFour. Five.\n\nSix.".to_owned(),
            &SegmentOptions::default(),
        );
        let got: Vec<String> = (0..doc.len()).map(|i| position(&doc, i)).collect();
        assert_eq!(
            got,
            [
                "paragraph 1, sentence 1",
                "paragraph 1, sentence 2",
                "paragraph 1, sentence 3",
                "paragraph 2, sentence 1",
                "paragraph 2, sentence 2",
                "paragraph 3, sentence 1",
            ]
        );
        // Paragraph numbers never decrease along the text (what the bisection relies on).
        assert!(
            doc.sentences
                .windows(2)
                .all(|w| w[0].paragraph <= w[1].paragraph)
        );
    }
}

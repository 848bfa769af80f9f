//! Property tests of `check`: one claim per statement sentence in order, evidence bounded
//! and best first, omitted sentences exactly those nothing draws on, a text checked against
//! itself is all supported, the verdicts do not depend on `--evidence`, and a report's
//! omitted findings do not grow when other reports are passed beside it.

use std::collections::BTreeSet;

use claimdiff::Document;
use claimdiff::check::{CheckOptions, Verdict, check};
use proptest::prelude::*;

/// Words of statements and reports: claim markers (negation, modal, numbers, distancing)
/// among topic words, so that flags and every verdict occur.
const VOCAB: &str = "office found detention schools closed 60 70 not may so-called “free” \
    assessment said the of and a in witnesses credible allegations";

fn sentences(max: usize) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(
        prop::collection::vec(
            prop::sample::select(VOCAB.split_whitespace().collect::<Vec<_>>()),
            1..10,
        )
        .prop_map(|w| w.join(" ") + "."),
        0..max,
    )
}

fn run(
    statement: &[String],
    reports: &[Vec<String>],
    evidence: usize,
) -> claimdiff::check::CheckReport {
    check(
        Document::from_sentences(statement),
        reports
            .iter()
            .map(|r| Document::from_sentences(r))
            .collect(),
        &{
            let mut opts = CheckOptions::default();
            opts.evidence = evidence;
            opts
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn claims_cover_the_statement_and_evidence_is_bounded(
        statement in sentences(8),
        reports in prop::collection::vec(sentences(8), 1..3),
        n in 0usize..4,
    ) {
        let r = run(&statement, &reports, n);
        prop_assert_eq!(r.claims.len(), statement.len());
        for (i, c) in r.claims.iter().enumerate() {
            prop_assert_eq!(c.sentence, i);
            prop_assert!(c.evidence.len() <= n);
            for e in &c.evidence {
                prop_assert!(e.sentence < reports[e.report].len());
                prop_assert!((0.0..=1.0).contains(&e.similarity));
            }
            for f in &c.flags {
                prop_assert!(f.evidence < c.evidence.len());
            }
        }
        // Omitted: sorted, unique, within the reports.
        let omitted: BTreeSet<(usize, usize)> = r.omitted.iter().copied().collect();
        prop_assert_eq!(omitted.len(), r.omitted.len());
        prop_assert!(r.omitted.windows(2).all(|w| w[0] < w[1]));
        prop_assert!(r.omitted.iter().all(|&(k, j)| j < reports[k].len()));
        for c in &r.claims {
            prop_assert!((0.5..=1.0).contains(&c.confidence), "{}", c.confidence);
            let sentence = &r.statement.sentences[c.sentence];
            for q in &c.quotes {
                prop_assert!(sentence.start <= q.statement_span.0 && q.statement_span.1 <= sentence.end);
            }
        }
        let s = r.summary();
        prop_assert_eq!(s.supported + s.partial + s.disputed + s.unaddressed, s.statement_sentences);
        prop_assert!(s.reflected + s.omitted <= s.findings);
        prop_assert!(s.findings <= s.report_sentences);
        prop_assert_eq!(r.all_supported(), s.disputed + s.unaddressed == 0);
        // A report's omitted findings do not grow when other reports are passed beside it
        // (they only shrink by the findings another report also carries).
        let alone = run(&statement, &reports[..1], n);
        prop_assert!(r.omitted.iter().filter(|p| p.0 == 0).all(|p| alone.omitted.contains(p)));
    }

    #[test]
    fn verdicts_and_omitted_do_not_depend_on_evidence(
        statement in sentences(8),
        report in sentences(10),
    ) {
        let one = run(&statement, std::slice::from_ref(&report), 1);
        let five = run(&statement, std::slice::from_ref(&report), 5);
        let v = |r: &claimdiff::check::CheckReport| r.claims.iter().map(|c| c.verdict).collect::<Vec<_>>();
        prop_assert_eq!(v(&one), v(&five));
        prop_assert_eq!(one.omitted, five.omitted);
    }

    #[test]
    fn a_text_checked_against_itself_is_all_supported(text in sentences(10)) {
        let r = run(&text, std::slice::from_ref(&text), 2);
        for c in &r.claims {
            prop_assert_eq!(c.verdict, Verdict::Supported);
            prop_assert!((c.evidence[0].similarity - 1.0).abs() < 1e-4);
        }
        prop_assert!(r.omitted.is_empty());
    }
}

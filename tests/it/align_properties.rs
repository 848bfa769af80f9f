//! Property tests of the aligner on sentences given as arrays (no segmentation involved):
//! a pure reordering is only moves, swapping OLD and NEW gives the mirror image (also for
//! shuffles with duplicate sentences), and every sentence is in exactly one unit.

use std::collections::BTreeSet;

use claimdiff::align::align_texts;
use claimdiff::{AlignOptions, ChangeKind, Document, compare};
use proptest::prelude::*;

/// Words shared by many sentences, so that sentences look alike and a weak pairing in
/// place is always on offer.
const VOCAB: &[&str] = &[
    "council", "budget", "tax", "river", "school", "police", "mayor", "court", "report",
    "minister", "said", "not", "may", "more", "than", "60", "70", "the", "of", "would",
];

fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(VOCAB), 3..10).prop_map(|w| {
        let mut s = w.join(" ");
        s.push('.');
        s
    })
}

/// Distinct sentences (duplicates dropped, order kept).
fn distinct(n: std::ops::Range<usize>) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(sentence(), n).prop_map(|v| {
        let mut seen = BTreeSet::new();
        v.into_iter().filter(|s| seen.insert(s.clone())).collect()
    })
}

type Triple = (ChangeKind, Vec<usize>, Vec<usize>);

fn units(old: &[String], new: &[String]) -> Vec<Triple> {
    let o: Vec<&str> = old.iter().map(String::as_str).collect();
    let n: Vec<&str> = new.iter().map(String::as_str).collect();
    align_texts(&o, &n, claimdiff::Lang::English, &AlignOptions::default())
        .into_iter()
        .map(|u| (u.kind, u.old, u.new))
        .collect()
}

/// Every old and every new sentence in exactly one unit.
/// Comparing NEW with OLD gives the mirror image of `u` (the units of OLD with NEW).
fn check_mirror(old: &[String], new: &[String], u: Vec<Triple>) -> Result<(), TestCaseError> {
    let f: BTreeSet<Triple> = u.into_iter().collect();
    let g: BTreeSet<Triple> = units(new, old)
        .into_iter()
        .map(|(k, o, n)| (k.mirrored(), n, o))
        .collect();
    prop_assert_eq!(f, g);
    Ok(())
}

fn check_cover(old: &[String], new: &[String], u: &[Triple]) -> Result<(), TestCaseError> {
    let mut o: Vec<usize> = u.iter().flat_map(|t| t.1.clone()).collect();
    let mut n: Vec<usize> = u.iter().flat_map(|t| t.2.clone()).collect();
    o.sort_unstable();
    n.sort_unstable();
    prop_assert_eq!(o, (0..old.len()).collect::<Vec<_>>());
    prop_assert_eq!(n, (0..new.len()).collect::<Vec<_>>());
    Ok(())
}

/// A shuffle of sentences drawn (with repeats) from a small pool, some dropped or added.
fn shuffle_with_duplicates() -> impl Strategy<Value = (Vec<String>, Vec<String>)> {
    distinct(2..8).prop_flat_map(|pool| {
        let k = pool.len();
        (
            prop::collection::vec(0..k, 1..16),
            prop::collection::vec(0..k, 0..4),
        )
            .prop_flat_map(move |(picks, extra)| {
                let old: Vec<String> = picks.iter().map(|&i| pool[i].clone()).collect();
                let mut new = old.clone();
                new.extend(extra.iter().map(|&i| pool[i].clone()));
                (Just(old), Just(new).prop_shuffle())
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// A pure reordering of distinct sentences is only unchanged and moved units of
    /// identical sentences: no invented rewording, no claim tags.
    #[test]
    fn a_reordering_is_only_moves(
        (old, new) in distinct(1..40).prop_flat_map(|v| (Just(v.clone()), Just(v).prop_shuffle()))
    ) {
        let u = units(&old, &new);
        check_cover(&old, &new, &u)?;
        for (kind, o, n) in &u {
            prop_assert!(
                matches!(kind, ChangeKind::Unchanged | ChangeKind::Moved),
                "{:?} {:?} {:?} in a reordering", kind, o, n
            );
            prop_assert_eq!(&old[o[0]], &new[n[0]], "paired sentences differ");
        }
        let cmp = compare(
            Document::from_sentences(&old),
            Document::from_sentences(&new),
            &AlignOptions::default(),
        );
        prop_assert!(cmp.changes.iter().all(|c| c.claim_changes.is_empty()));
    }

    /// Swapping OLD and NEW gives the mirror image, for shuffles with duplicates too.
    #[test]
    fn shuffles_with_duplicates_are_mirror_images((old, new) in shuffle_with_duplicates()) {
        check_mirror(&old, &new, units(&old, &new))?;
    }

    /// Every sentence in exactly one unit, whatever the two lists.
    #[test]
    fn every_sentence_in_exactly_one_unit(
        old in prop::collection::vec(sentence(), 0..25),
        new in prop::collection::vec(sentence(), 0..25),
    ) {
        let u = units(&old, &new);
        check_cover(&old, &new, &u)?;
    }
}

/// Random sentences of a richer vocabulary, so that long lists are mostly distinct and some
/// pairs are confident: the lists below make gaps larger than one table takes (cut at
/// confident pairs, then aligned in diagonal blocks).
fn long_sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(0u32..400, 4..12).prop_map(|w| {
        let mut s = w
            .iter()
            .map(|k| format!("w{k}"))
            .collect::<Vec<_>>()
            .join(" ");
        s.push('.');
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Large gaps: every sentence in exactly one unit, and swapping OLD and NEW gives the
    /// mirror image.
    #[test]
    fn large_gaps_cover_everything_and_mirror(
        old in prop::collection::vec(long_sentence(), 100..220),
        edits in prop::collection::vec((0usize..1000, long_sentence()), 0..120),
        tweak in any::<bool>(),
    ) {
        // NEW: OLD with some sentences replaced by others and a few moved to the end; with
        // `tweak`, every sentence also gets one more word, so that no sentence anchors and
        // the whole text is one gap.
        let mut new: Vec<String> = if tweak {
            old.iter().map(|s| format!("{s} extra")).collect()
        } else {
            old.clone()
        };
        for (at, s) in &edits {
            let k = at % new.len();
            if at % 3 == 0 {
                let moved = new.remove(k);
                new.push(moved);
            } else {
                new[k] = s.clone();
            }
        }
        let u = units(&old, &new);
        check_cover(&old, &new, &u)?;
        check_mirror(&old, &new, u)?;
    }

    /// A large pure reordering of distinct sentences is only unchanged and moved units.
    #[test]
    fn a_large_reordering_is_only_moves(
        (old, new) in prop::collection::vec(long_sentence(), 100..220).prop_map(|v| {
            let mut seen = BTreeSet::new();
            v.into_iter().filter(|s| seen.insert(s.clone())).collect::<Vec<_>>()
        }).prop_flat_map(|v| (Just(v.clone()), Just(v).prop_shuffle()))
    ) {
        let u = units(&old, &new);
        check_cover(&old, &new, &u)?;
        for (kind, o, n) in &u {
            prop_assert!(
                matches!(kind, ChangeKind::Unchanged | ChangeKind::Moved),
                "{:?} {:?} {:?} in a reordering", kind, o, n
            );
            prop_assert_eq!(&old[o[0]], &new[n[0]], "paired sentences differ");
        }
    }
}

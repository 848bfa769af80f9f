//! Intensity: intensifiers, downtoners, quantifiers and focus words added, removed or
//! swapped (`completely`, `partly`, `all`, `most`, `only`).
//!
//! Two words of the list are only counted in their intensifying use: `so` after a linking
//! verb or before an `-ly` word or `many`/`much` (`is so important`, not `and so on`), and
//! `far` before a comparative (`far more`, `far beyond`). Words inside a number phrase
//! (`some 60`, `just under 100`) belong to the number.

#![allow(
    clippy::indexing_slicing,
    reason = "reviewed: token indexes come from scans of the same token list"
)]

use super::number::NumberSpans;
use super::{ClaimChange, ClaimType, Mention, Pair, Side, diff_mentions};

/// Report intensity changes.
///
/// Before: `is completely different`; after: `is different`:
/// `intensity: completely -> (none)`. Before: `Most residents`; after: `All residents`:
/// `intensity: Most -> All`.
pub(crate) fn detect(pair: &Pair, numbers: &NumberSpans, out: &mut Vec<ClaimChange>) {
    let old = mentions(pair, &pair.old, &numbers.0);
    let new = mentions(pair, &pair.new, &numbers.1);
    let mut found = Vec::new();
    diff_mentions(pair, ClaimType::Intensity, (&old, &new), true, &mut found);
    // A quantifier replaced by a negator (`all of the pros do not` -> `none of the pros`)
    // is a change of polarity, which negation reports, not of degree.
    found.retain(|c| match (c.old_span, c.new_span) {
        (Some(span), None) => !replaced_by_negator(pair, &pair.old, &pair.new, span),
        (None, Some(span)) => !replaced_by_negator(pair, &pair.new, &pair.old, span),
        _ => true,
    });
    // One degree word removed and another added, each alone, is one word replaced,
    // wherever the two stand: before, `rose significantly` -> `sharply rose` gave two
    // changes; after, one (`significantly` -> `sharply`).
    let removed: Vec<usize> = (0..found.len())
        .filter(|&k| found[k].new_span.is_none())
        .collect();
    let added: Vec<usize> = (0..found.len())
        .filter(|&k| found[k].old_span.is_none())
        .collect();
    if let ([r], [a]) = (removed.as_slice(), added.as_slice()) {
        let (r, a) = (*r, *a);
        let mut joined = found[r].clone();
        joined.new = found[a].new.clone();
        joined.new_span = found[a].new_span;
        found = found
            .into_iter()
            .enumerate()
            .filter(|&(k, _)| k != r && k != a)
            .map(|(_, c)| c)
            .collect();
        found.push(joined);
    }
    out.extend(found);
    antonyms(pair, out);
}

/// Report a verb replaced by one of opposite sense in the same run of changes, as an
/// intensity change with the reason `antonym`: the claim now says the opposite.
///
/// Before: `The board approved the plan`; after: `The board rejected the plan`:
/// `intensity (antonym): approved -> rejected`. The pairs are WordNet's verb antonyms
/// (`src/data/en/antonym_verbs.txt`, made by `scripts/make_wordnet_lists`); each word is
/// tried in its base forms (`rejected` -> `reject`, `fell` -> `fall`).
fn antonyms(pair: &Pair, out: &mut Vec<ClaimChange>) {
    let lex = pair.lex;
    if lex.antonym_verbs.by_first_is_empty() {
        return;
    }
    let changed = |side: &Side| -> Vec<(usize, usize, Vec<String>)> {
        side.toks
            .iter()
            .enumerate()
            .filter_map(|(i, t)| {
                let h = side.hunk[i]?;
                t.word.then(|| (i, h, lex.base_forms(&t.norm)))
            })
            .collect()
    };
    let (old, new) = (changed(&pair.old), changed(&pair.new));
    let mut used_new = Vec::new();
    for (i, h, forms_o) in &old {
        let hit = new.iter().find(|(j, hn, forms_n)| {
            hn == h
                && !used_new.contains(j)
                && forms_o
                    .iter()
                    .any(|a| forms_n.iter().any(|b| lex.antonym_verbs.links(a, b)))
        });
        if let Some((j, _, _)) = hit {
            used_new.push(*j);
            let mut c = pair.change(ClaimType::Intensity, Some((*i, i + 1)), Some((*j, j + 1)));
            c.reason = Some("antonym".to_owned());
            out.push(c);
        }
    }
}

/// Whether the run of changes holding byte span `span` of `side` has a negator on the
/// `other` side.
fn replaced_by_negator(pair: &Pair, side: &Side, other: &Side, span: (usize, usize)) -> bool {
    let Some(lo) = side.toks.iter().position(|t| t.start == span.0) else {
        return false;
    };
    let Some(h) = side.hunk_of(lo, lo + 1) else {
        return false;
    };
    pair.lex
        .negation
        .find_all(&other.toks)
        .iter()
        .any(|&(a, _, _)| other.hunk[a] == Some(h))
}

/// Verbs after which `so` intensifies: `is so`, `seemed so`.
const LINKING: [&str; 20] = [
    "is", "are", "was", "were", "be", "been", "being", "'s", "'re", "seem", "seems", "seemed",
    "look", "looks", "feel", "felt", "become", "became", "remain", "remains",
];

/// Words after which `far` intensifies: `far more`, `far beyond`.
const FAR_BEFORE: [&str; 18] = [
    "more",
    "less",
    "fewer",
    "too",
    "beyond",
    "above",
    "below",
    "better",
    "worse",
    "greater",
    "higher",
    "lower",
    "larger",
    "smaller",
    "exceed",
    "exceeds",
    "outweigh",
    "outweighs",
];

/// Uses of list words that are not intensity: `at all`, `after all`, `some day`.
fn idiom(side: &Side, lo: usize) -> bool {
    let w = side.toks[lo].norm.as_str();
    let before = lo.checked_sub(1).map(|k| side.toks[k].norm.as_str());
    let after = side.toks.get(lo + 1).map(|t| t.norm.as_str());
    match w {
        "all" => matches!(before, Some("at" | "after" | "above")) || after == Some("right"),
        "some" => matches!(after, Some("day" | "time" | "way" | "point" | "how")),
        "just" => matches!(after, Some("as" | "like")),
        "most" => before == Some("at"),
        _ => false,
    }
}

fn mentions(pair: &Pair, side: &Side, numbers: &[(usize, usize)]) -> Vec<Mention> {
    let toks = &side.toks;
    let in_number = |k: usize| numbers.iter().any(|&(a, b)| a <= k && k < b);
    let mut out: Vec<Mention> = pair
        .lex
        .intensifiers
        .find_all(toks)
        .into_iter()
        .filter(|&(lo, _, _)| !in_number(lo) && !idiom(side, lo))
        .map(|(lo, hi, key)| Mention::new(lo, hi, key))
        .collect();
    // `so` and `far` are degree words by rule in the languages whose rules say so.
    let so_far = pair.lex.rules.so_far_degree;
    for k in (0..toks.len()).filter(|_| so_far) {
        let before = k.checked_sub(1).map(|j| toks[j].norm.as_str());
        let after = toks.get(k + 1).map(|t| t.norm.as_str());
        let hit = match toks[k].norm.as_str() {
            "so" => {
                before.is_some_and(|b| LINKING.contains(&b))
                    || after.is_some_and(|a| a.ends_with("ly") || matches!(a, "many" | "much"))
            }
            "far" => after.is_some_and(|a| FAR_BEFORE.contains(&a)) || before == Some("by"),
            _ => false,
        };
        if hit {
            out.push(Mention::new(k, k + 1, toks[k].norm.clone()));
        }
    }
    out.sort_by_key(|m| m.lo);
    out
}

#[cfg(test)]
mod tests {
    use crate::claims::ClaimType::Intensity;
    use crate::claims::tests::{of_type, s};

    fn int(old: &str, new: &str) -> Vec<(Option<String>, Option<String>)> {
        of_type(Intensity, old, new)
    }

    #[test]
    fn verbs_of_opposite_sense() {
        let (c, _) = crate::claims::compare_sentences(
            "The board approved the plan on Monday.",
            "The board rejected the plan on Monday.",
            crate::Lang::English,
        );
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].kind, Intensity);
        assert_eq!(c[0].reason.as_deref(), Some("antonym"));
        assert_eq!(
            int("Shares fell sharply.", "Shares rose sharply."),
            [(s("fell"), s("rose"))]
        );
        // A verb replaced by another that is not its opposite is no intensity change.
        assert!(
            int(
                "The board approved the plan.",
                "The board discussed the plan."
            )
            .is_empty()
        );
    }

    #[test]
    fn one_removed_and_one_added_are_one_replacement() {
        assert_eq!(
            int(
                "Costs rose significantly after the war.",
                "After the war, costs sharply rose."
            ),
            [(s("significantly"), s("sharply"))]
        );
    }

    #[test]
    fn added_removed_swapped() {
        assert_eq!(
            int("It is completely different.", "It is different."),
            [(s("completely"), None)]
        );
        assert_eq!(
            int("Most residents agree.", "All residents agree."),
            [(s("Most"), s("All"))]
        );
        assert_eq!(
            int("It is not beyond reach.", "It is not far beyond reach."),
            [(None, s("far"))]
        );
        assert_eq!(
            int("It is important.", "It is so important."),
            [(None, s("so"))]
        );
    }

    #[test]
    fn not_intensity() {
        assert!(int("Some day I will pay.", "One day I will pay.").is_empty());
        assert!(int("It rained, and so we left.", "It rained, and we left.").is_empty());
        assert!(int("Some 60 came.", "About 60 came.").is_empty());
        assert!(int("He was not at all sure.", "He was not sure.").is_empty());
    }

    #[test]
    fn not_degree_but_rewording_or_polarity() {
        // A clause rewritten wholesale: its intensifiers come with the new wording.
        assert!(
            int(
                "It fails, because the cost of making these vehicles are very high.",
                "It fails, because these vehicles will require technology that will cost thousands."
            )
            .is_empty()
        );
        // A quantifier replaced by a negator is negation's.
        assert!(
            int(
                "All of the pros do not seem to change.",
                "None of the pros seem to change."
            )
            .is_empty()
        );
        // One word swapped inside a kept sentence still counts.
        assert_eq!(
            int(
                "It has an impact on so many new industries.",
                "It has an impact on many new industries."
            ),
            [(s("so"), None)]
        );
    }
}

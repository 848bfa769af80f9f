//! Negation: a negator added or removed so that the polarity of the claim flips.
//!
//! Negators are counted, not compared word by word: a negator that moves (`Not until 2019
//! did it` -> `it did not ... until 2019`), is swapped for another (`never` -> `not`,
//! `can't` -> `nought`, `will not` -> `refuse to`) or is contracted (`did not` ->
//! `didn't`) leaves the count unchanged and is no change. Only the surplus on one side is
//! reported.

#![allow(
    clippy::indexing_slicing,
    reason = "reviewed: token indexes come from scans of the same token list"
)]

use super::{
    ClaimChange, ClaimType, Mention, Pair, Side, in_rewritten_content, is_content, pair_up,
    single_where,
};

/// Report negators added or removed.
///
/// Before: `The panel did not find evidence`; after: `The panel found evidence`:
/// `negation: not -> (none)`.
pub(crate) fn detect(pair: &Pair, out: &mut Vec<ClaimChange>) {
    let old = mentions(pair, &pair.old);
    let new = mentions(pair, &pair.new);
    for (o, n) in pair_up(pair, &old, &new) {
        // A negator paired with a negator is a swap: the polarity holds. A negator added
        // or removed with a clause, or inside a clause rewritten wholesale
        // ([`in_rewritten_content`]), negates the new wording, not the old claim: before,
        // `Any user affected by your request may decide to dispute` -> `If a user believes
        // the content in question is not sensitive data ...` read `negation added`.
        if (o.is_some() && n.is_some())
            || is_content(pair, &old, &new, o, n)
            || single_where(pair, &old, &new, o, n, in_rewritten_content)
        {
            continue;
        }
        // A negator added where the other side says the same with a negative word
        // keeps the polarity: `has been missing` -> `does not define`, `have not
        // yielded` -> `have been unable to`, `stopping to supply` -> `not supplying`.
        let kept = match (o, n) {
            (Some(i), None) => negative_word_in_hunk(pair, &pair.old, &pair.new, old[i].lo),
            (None, Some(j)) => negative_word_in_hunk(pair, &pair.new, &pair.old, new[j].lo),
            _ => false,
        };
        if kept {
            continue;
        }
        out.push(pair.change(
            ClaimType::Negation,
            o.map(|i| old[i].range()),
            n.map(|j| new[j].range()),
        ));
    }
}

/// Negators of one side, all with the same key, minus those in phrases that do not negate
/// (`not only`, `no doubt`) and the interjection `No,`.
/// Words whose sense is negative without a negator (base forms): a negator swapped for
/// one of them keeps the claim's polarity. A closed class of English lexical negatives
/// (absence, inability, cessation, failure), chosen from the errors of half A of the
/// realrev-format dev sets and kept to the class, not to the examples.
const NEGATIVE_WORDS: [&str; 16] = [
    "unable",
    "missing",
    "miss",
    "absent",
    "lack",
    "lacking",
    "fail",
    "stop",
    "cease",
    "unaware",
    "impossible",
    "without",
    "neither",
    "nor",
    "none",
    "nothing",
];

/// Whether the run of changes holding token `lo` of `side` has, on the `other` side, a
/// word of [`NEGATIVE_WORDS`] (in any of its forms).
fn negative_word_in_hunk(pair: &Pair, side: &Side, other: &Side, lo: usize) -> bool {
    let Some(h) = side.hunk[lo] else {
        return false;
    };
    other
        .toks
        .iter()
        .zip(&other.hunk)
        .filter(|(t, x)| t.word && **x == Some(h))
        .any(|(t, _)| {
            pair.lex
                .base_forms(&t.norm)
                .iter()
                .any(|f| NEGATIVE_WORDS.contains(&f.as_str()))
        })
}

pub(super) fn mentions(pair: &Pair, side: &Side) -> Vec<Mention> {
    let skip = pair.lex.negation_not.find_all(&side.toks);
    let mut found = pair
        .lex
        .negation
        .find_all(&side.toks)
        .into_iter()
        .filter(|(lo, _, _)| !skip.iter().any(|(a, b, _)| a <= lo && lo < b))
        .filter(|&(lo, hi, _)| {
            let interjection = side.toks[lo].norm == "no"
                && side
                    .toks
                    .get(hi)
                    .is_some_and(|t| matches!(t.norm.as_str(), "," | "!" | "."));
            !interjection
        })
        .map(|(lo, hi, _)| Mention::new(lo, hi, "neg"))
        .chain(after_ne(pair, side))
        .collect::<Vec<_>>();
    found.sort_by_key(|m| m.lo);
    found
        .into_iter()
        .fold(Vec::new(), |mut kept: Vec<Mention>, m| {
            if !concord(pair, side, &kept, &m) {
                kept.push(m);
            }
            kept
        })
}

/// Words that negate only after the particle `ne` (French `ne ... plus`, "no longer"):
/// `plus` is a negator when `ne`/`n'` stands at most three words before it, with no
/// punctuation or other negator between, and no `de`/`que` after it (`ne ... pas plus de
/// 60` is a comparison). Before: `il ne travaille plus` had no negator; after: `plus`.
fn after_ne(pair: &Pair, side: &Side) -> Vec<Mention> {
    let rules = pair.lex.rules;
    let toks = &side.toks;
    let mut out = Vec::new();
    for (k, t) in toks.iter().enumerate() {
        if !rules.after_ne.contains(&t.norm.as_str())
            || toks
                .get(k + 1)
                .is_some_and(|n| matches!(n.norm.as_str(), "de" | "d'" | "que" | "qu'"))
        {
            continue;
        }
        let lo = k.saturating_sub(3);
        let Some(ne) = (lo..k)
            .rev()
            .find(|&j| rules.ne.contains(&toks[j].norm.as_str()))
        else {
            continue;
        };
        let between = &toks[ne + 1..k];
        let clean =
            between.iter().all(|b| b.word) && pair.lex.negation.find_all(between).is_empty();
        if clean {
            out.push(Mention::new(k, k + 1, "neg"));
        }
    }
    out
}

/// Negative concord (Spanish): after a head negator (`no`), later negators of the same
/// clause restate it. Before: `No hay ninguna prueba` counted `No` and `ninguna`, so
/// `Hay pruebas` lost two negations; after: one. A chain (`no ... nada ... nunca`) all
/// restates the first `no`.
fn concord(pair: &Pair, side: &Side, kept: &[Mention], m: &Mention) -> bool {
    let heads = pair.lex.rules.concord_heads;
    kept.iter().any(|h| {
        heads.contains(&side.toks[h.lo].norm.as_str())
            && !side.toks[h.hi..m.lo]
                .iter()
                .any(|t| !t.word && matches!(t.norm.as_str(), "." | ";" | ":" | "," | "?" | "!"))
    })
}

#[cfg(test)]
mod tests {
    use crate::claims::ClaimType::Negation;
    use crate::claims::tests::{of_type, s};

    fn neg(old: &str, new: &str) -> Vec<(Option<String>, Option<String>)> {
        of_type(Negation, old, new)
    }

    #[test]
    fn negator_for_a_negative_word_keeps_the_polarity() {
        let neg =
            |o: &str, n: &str| crate::claims::tests::of_type(super::ClaimType::Negation, o, n);
        assert!(
            neg(
                "The search has been unable to locate it.",
                "The search has not located it."
            )
            .is_empty()
        );
        assert!(
            neg(
                "A channel has been missing so far.",
                "A channel does not exist so far."
            )
            .is_empty()
        );
        assert_eq!(
            neg("The search located it.", "The search has not located it.").len(),
            1
        );
    }

    #[test]
    fn added_and_removed() {
        assert_eq!(neg("It is legal.", "It is not legal."), [(None, s("not"))]);
        assert_eq!(
            neg("The panel did not find it.", "The panel found it."),
            [(s("not"), None)]
        );
        assert_eq!(neg("This isn't true.", "This is true."), [(s("n't"), None)]);
        assert_eq!(
            neg("They came without delay.", "They came with delay."),
            [(s("without"), None)]
        );
        assert_eq!(
            neg("He works here.", "He no longer works here."),
            [(None, s("no longer"))]
        );
    }

    #[test]
    fn moves_swaps_and_contractions_are_not_flips() {
        assert!(neg("Not until 2019 did it act.", "It did not act until 2019.").is_empty());
        assert!(neg("This will never be the case.", "This will not be the case.").is_empty());
        assert!(neg("They did not go.", "They didn't go, sadly.").is_empty());
        assert!(neg("They will not release it.", "They refuse to release it.").is_empty());
        assert!(neg("Not only A but B.", "A and B.").is_empty());
    }

    #[test]
    fn alternatives_and_tag_questions_do_not_negate() {
        assert!(
            neg(
                "There are concerns about whether or not it will work.",
                "There are concerns about its functionality."
            )
            .is_empty()
        );
        assert!(neg("You are from Athens, are you not?", "You are from Athens.").is_empty());
    }

    #[test]
    fn a_negator_in_a_clause_rewritten_wholesale_is_no_flip() {
        // The new clause says something else; its `not` negates nothing the old one said.
        assert!(
            neg(
                "Any user affected by your request may decide to dispute your request.",
                "If a user believes the content in question is not sensitive data subject to this Policy, they may dispute it."
            )
            .is_empty()
        );
        // A negator put into a claim that stays is still a flip.
        assert_eq!(
            neg("The user may dispute it.", "The user may not dispute it."),
            [(None, s("not"))]
        );
    }
}

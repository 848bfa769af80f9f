//! Attribution: who a claim is attributed to, and whether it is quoted or reported.
//!
//! A reporting clause is a reporting verb (`said`, `according to`, `believe`) with its
//! speaker: the words before it (`Wang said`, `critics say`), or after it when the verb
//! follows a quotation or a comma (`,” said Wang`). Speakers are compared by their words
//! without articles, so re-ordering (`Wang said X` -> `X, Wang said`) and another verb for
//! the same speaker (`asked the Satyr` -> `said the Satyr`) are no change.

use super::{ClaimChange, ClaimType, Mention, Pair, Side, diff_mentions, is_quote};

/// Token ranges of the speakers found on each side (old, new), so that a name inside a
/// reporting clause is not also reported as an entity.
pub(crate) type SpeakerSpans = (Vec<(usize, usize)>, Vec<(usize, usize)>);

/// Report attribution changes.
///
/// Before: `… ,” said Wang.`; after: `… ,” said the spokesperson.`:
/// `attribution: said Wang -> said the spokesperson`.
/// Before: `“It is false,” said Wang.`; after: `Wang said that it was false.`:
/// `attribution: said Wang -> Wang said` (a quote became reported speech).
pub(crate) fn detect(pair: &Pair, out: &mut Vec<ClaimChange>) -> SpeakerSpans {
    let old = clauses(pair, &pair.old);
    let new = clauses(pair, &pair.new);
    let old_m: Vec<Mention> = old.iter().map(|c| c.mention.clone()).collect();
    let new_m: Vec<Mention> = new.iter().map(|c| c.mention.clone()).collect();
    let before = out.len();
    diff_mentions(pair, ClaimType::Attribution, &old_m, &new_m, out);
    if out.len() == before
        && let (Some(o), Some(n)) = (old_m.first(), new_m.first())
        && has_quotation(&pair.old) != has_quotation(&pair.new)
    {
        out.push(pair.change(ClaimType::Attribution, Some(o.range()), Some(n.range())));
    }
    (
        old.iter().map(|c| c.speaker).collect(),
        new.iter().map(|c| c.speaker).collect(),
    )
}

struct Clause {
    /// The whole clause (speaker and verb), keyed by the speaker.
    mention: Mention,
    /// The speaker's tokens.
    speaker: (usize, usize),
}

/// Function words a speaker may contain: articles, possessives and pronouns.
const SPEAKER_FUNCTION_WORDS: [&str; 17] = [
    "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "he", "she", "they", "it",
    "we", "i", "you",
];

/// Words between a speaker and the verb: `Wang also said`, `police have said`.
const BETWEEN: [&str; 10] = [
    "also",
    "has",
    "have",
    "had",
    "was",
    "were",
    "is",
    "are",
    "later",
    "previously",
];

/// The most words a speaker has: enough for `the little Frog`, `the UN human rights office`.
const MAX_SPEAKER_WORDS: usize = 5;

fn speaker_word(pair: &Pair, side: &Side, k: usize) -> bool {
    let t = &side.toks[k];
    t.word
        && (!pair.lex.is_stopword(&t.norm) || SPEAKER_FUNCTION_WORDS.contains(&t.norm.as_str()))
        && !pair.lex.speech_verbs.contains_word(&t.norm)
        && !matches!(t.norm.as_str(), "that" | "which" | "who" | "and" | "but")
}

fn clauses(pair: &Pair, side: &Side) -> Vec<Clause> {
    let toks = &side.toks;
    let mut out = Vec::new();
    for (lo, hi, verb) in pair.lex.speech_verbs.find_all(toks) {
        let speaker = if verb == "according to" {
            let end = (hi..toks.len().min(hi + MAX_SPEAKER_WORDS))
                .take_while(|&k| speaker_word(pair, side, k))
                .last()
                .map(|k| k + 1);
            end.map(|e| (hi, e))
        } else {
            let mut p = lo;
            while p > 0 && BETWEEN.contains(&toks[p - 1].norm.as_str()) && p + 2 > lo {
                p -= 1;
            }
            let before_is_word = p > 0 && toks[p - 1].word;
            if before_is_word {
                let mut s = p;
                while s > 0 && p - s < MAX_SPEAKER_WORDS && speaker_word(pair, side, s - 1) {
                    s -= 1;
                }
                (s < p).then_some((s, p))
            } else if p > 0 {
                // After a quotation or a comma: `,” said Wang`, `, said the Bull;`.
                let e = (hi..toks.len().min(hi + MAX_SPEAKER_WORDS))
                    .take_while(|&k| speaker_word(pair, side, k))
                    .count();
                (e > 0).then_some((hi, hi + e))
            } else {
                None
            }
        };
        let Some((s, e)) = speaker else { continue };
        let words: Vec<&str> = toks[s..e]
            .iter()
            .map(|t| t.norm.as_str())
            .filter(|w| !matches!(*w, "the" | "a" | "an"))
            .collect();
        // `I believe`, `we think`: the writer's certainty (modality), not a source.
        if matches!(verb.as_str(), "believe" | "think")
            && matches!(words.as_slice(), ["i"] | ["we"])
        {
            continue;
        }
        if words.is_empty() {
            continue;
        }
        let (clo, chi) = (s.min(lo), e.max(hi));
        out.push(Clause {
            mention: Mention::new(clo, chi, words.join(" ")),
            speaker: (s, e),
        });
    }
    out
}

/// Whether the side quotes someone: a quotation mark followed by three or more words
/// (scare quotes around a word or two do not count).
fn has_quotation(side: &Side) -> bool {
    let toks = &side.toks;
    (0..toks.len()).any(|k| {
        is_quote(&toks[k])
            && toks[k + 1..]
                .iter()
                .take_while(|t| t.word || matches!(t.norm.as_str(), "," | "-"))
                .filter(|t| t.word)
                .count()
                >= 3
    })
}

#[cfg(test)]
mod tests {
    use crate::claims::ClaimType::{Attribution, Entity};
    use crate::claims::tests::kinds;

    fn attr(old: &str, new: &str) -> Vec<(Option<String>, Option<String>)> {
        kinds(old, new)
            .into_iter()
            .filter(|c| c.0 == Attribution)
            .map(|c| (c.1, c.2))
            .collect()
    }

    fn s(x: &str) -> Option<String> {
        Some(x.to_owned())
    }

    #[test]
    fn speaker_swapped() {
        assert_eq!(
            attr(
                "“It is false,” said Wang.",
                "“It is false,” said the spokesperson."
            ),
            [(s("said Wang"), s("said the spokesperson"))]
        );
        assert_eq!(
            attr(
                "Reuters said the plant closed.",
                "The BBC said the plant closed."
            ),
            [(s("Reuters said"), s("The BBC said"))]
        );
        assert_eq!(
            attr(
                "According to the police, two died.",
                "According to witnesses, two died."
            ),
            [(s("According to the police"), s("According to witnesses"))]
        );
        // The speaker is not also an entity change.
        assert!(
            !kinds("Taxes rose, said Wang.", "Taxes rose, said Li.")
                .iter()
                .any(|c| c.0 == Entity)
        );
    }

    #[test]
    fn added_and_removed() {
        assert_eq!(
            attr("The plan failed.", "The plan failed, critics say."),
            [(None, s("critics say"))]
        );
        assert_eq!(
            attr("Two died, police said.", "Two died."),
            [(s("police said"), None)]
        );
    }

    #[test]
    fn quote_to_reported() {
        assert_eq!(
            attr(
                "“The economy is strong,” Wang said.",
                "Wang said the economy was strong."
            ),
            [(s("Wang said"), s("Wang said"))]
        );
    }

    #[test]
    fn same_source() {
        assert!(attr("Wang said the plan failed.", "The plan failed, Wang said.").is_empty());
        assert!(attr("“Why?” asked the Satyr.", "“What for?” said the Satyr.").is_empty());
        assert!(attr("I believe it works.", "It works.").is_empty());
    }
}

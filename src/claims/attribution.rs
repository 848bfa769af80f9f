//! Attribution: who a claim is attributed to, and whether it is quoted or reported.
//!
//! A reporting clause is a reporting verb (`said`, `according to`, `believe`) with its
//! speaker: the words before it (`Wang said`, `critics say`), or after it when the verb
//! follows a quotation or a comma (`,” said Wang`). Speakers are compared by their words
//! without articles, so re-ordering (`Wang said X` -> `X, Wang said`) and another verb for
//! the same speaker (`asked the Satyr` -> `said the Satyr`) are no change.

#![allow(
    clippy::indexing_slicing,
    reason = "reviewed: token indexes and ranges come from scans of the same token list"
)]

use super::entity::said_on;
use super::{ClaimChange, ClaimType, Mention, Pair, Side, is_quote, pair_up};

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
    let mut pairs = pair_up(pair, &old_m, &new_m);
    // A clause whose speaker is kept word for word is the same source with another
    // verb: `Police confirmed` -> `Police said` (a modality change, if any).
    let kept = |side: &Side, c: &Clause| side.hunk_of(c.speaker.0, c.speaker.1).is_none();
    // So is a clause added or removed whose speaker the other side still names by the
    // speaker's last word (the surname, the head noun: `Zurbuchen`, `police`): before,
    // `associate administrator Thomas Zurbuchen said: “...` -> `“...,” said Thomas
    // Zurbuchen` reported the clause removed.
    let named = |side: &Side, c: &Clause, other: &Side| {
        let (lo, hi) = c.speaker;
        hi > lo && said_on(side, hi - 1, hi, other)
    };
    pairs.retain(|&p| match p {
        (Some(i), None) => !kept(&pair.old, &old[i]) && !named(&pair.old, &old[i], &pair.new),
        (None, Some(j)) => !kept(&pair.new, &new[j]) && !named(&pair.new, &new[j], &pair.old),
        _ => true,
    });
    // One source removed and another added, each alone, is one source replaced, wherever
    // the two clauses stand: before, `The Coast Guard said that ...` -> `..., Mauger
    // said.` gave two changes; after, one (`The Coast Guard said` -> `Mauger said`).
    let removed: Vec<usize> = (0..pairs.len()).filter(|&k| pairs[k].1.is_none()).collect();
    let added: Vec<usize> = (0..pairs.len()).filter(|&k| pairs[k].0.is_none()).collect();
    // (Both lists hold indexes of single clauses: `pair_up` never gives `(None, None)`.)
    if let ([r], [a]) = (removed.as_slice(), added.as_slice()) {
        let joined = (pairs[*r].0, pairs[*a].1);
        pairs.retain(|p| p.0.is_some() && p.1.is_some());
        pairs.push(joined);
    }
    for (o, n) in pairs {
        out.push(pair.change(
            ClaimType::Attribution,
            o.map(|i| old_m[i].range()),
            n.map(|j| new_m[j].range()),
        ));
    }
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

/// Whether the reporting verb at `lo` is a noun here (`More than 60 states who care`).
fn not_a_verb(pair: &Pair, side: &Side, lo: usize) -> bool {
    let Some(prev) = lo.checked_sub(1).map(|k| &side.toks[k]) else {
        return false;
    };
    pair.lex
        .rules
        .verb_noun_before
        .contains(&prev.norm.as_str())
        || prev.norm.starts_with(|c: char| c.is_ascii_digit())
        || pair.lex.number_words.contains_word(&prev.norm)
}

/// The most words a speaker has: enough for `the little Frog`, `the UN human rights office`.
const MAX_SPEAKER_WORDS: usize = 5;

fn speaker_word(pair: &Pair, side: &Side, k: usize) -> bool {
    let t = &side.toks[k];
    t.word
        && (!pair.lex.is_stopword(&t.norm) || pair.lex.rules.speaker_function_words.contains(&t.norm.as_str()))
        && !pair.lex.speech_verbs.contains_word(&t.norm)
        && !matches!(t.norm.as_str(), "that" | "which" | "who" | "and" | "but")
        // A speaker is not counted: `70 countries wrote` is content, not a source.
        && !t.norm.starts_with(|c: char| c.is_ascii_digit())
        && !pair.lex.number_words.contains_word(&t.norm)
}

/// The end of a speaker that starts at token `lo` and runs forward: `the Centers for
/// Disease Control` (connectors between capitalised words are part of the name).
fn forward(pair: &Pair, side: &Side, lo: usize) -> usize {
    let toks = &side.toks;
    let mut e = lo;
    while e < toks.len() && e - lo < MAX_SPEAKER_WORDS {
        if speaker_word(pair, side, e) {
            e += 1;
        } else if e > lo
            && toks[e - 1].cap
            && toks.get(e + 1).is_some_and(|t| t.cap && t.word)
            && matches!(toks[e].norm.as_str(), "of" | "for" | "and")
        {
            e += 2;
        } else {
            break;
        }
    }
    e
}

fn clauses(pair: &Pair, side: &Side) -> Vec<Clause> {
    let toks = &side.toks;
    let mut out = Vec::new();
    for (lo, hi, verb) in pair.lex.speech_verbs.find_all(toks) {
        let speaker = if verb == "according to" {
            let e = forward(pair, side, hi);
            (e > hi).then_some((hi, e))
        } else if is_passive(pair, side, lo) {
            // `He was asked`, `it is said`: the subject is not the source.
            None
        } else {
            let mut p = lo;
            while p > 0 && pair.lex.rules.between.contains(&toks[p - 1].norm.as_str()) && p + 2 > lo
            {
                p -= 1;
            }
            let before_is_word = p > 0 && toks[p - 1].word;
            if before_is_word {
                if not_a_verb(pair, side, lo) {
                    continue;
                }
                let mut s = p;
                while s > 0 && p - s < MAX_SPEAKER_WORDS {
                    if speaker_word(pair, side, s - 1) {
                        s -= 1;
                    } else if s > 1
                        && s < p
                        && toks[s].cap
                        && toks[s - 2].cap
                        && matches!(toks[s - 1].norm.as_str(), "of" | "for" | "and")
                    {
                        // `Centers for Disease Control states`.
                        s -= 2;
                    } else {
                        break;
                    }
                }
                // The speaker must start a clause: `, critics say`, `Police said`; not
                // `friends who have been to Xinjiang said`.
                let starts_clause = s == 0
                    || !toks[s - 1].word
                    || pair
                        .lex
                        .rules
                        .clause_start
                        .contains(&toks[s - 1].norm.as_str());
                (s < p && starts_clause).then_some((s, p))
            } else if p > 0 {
                // After a quotation or a comma: `,” said Wang`, `, said the Bull;`.
                let e = forward(pair, side, hi);
                (e > hi).then_some((hi, e))
            } else {
                None
            }
        };
        let Some((s, e)) = speaker else { continue };
        let words: Vec<&str> = toks[s..e]
            .iter()
            .map(|t| t.norm.as_str())
            .filter(|w| !pair.lex.rules.articles.contains(w))
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

/// Whether the reporting verb at `lo` is passive: a passive auxiliary before it (English
/// `be`, German `wurde`, French `été`, Spanish `fue`) and not an `-ing` form (`was
/// asked`, `is said`; but `was saying` is active).
fn is_passive(pair: &Pair, side: &Side, lo: usize) -> bool {
    lo.checked_sub(1)
        .and_then(|k| side.toks.get(k))
        .is_some_and(|t| pair.lex.rules.passive.contains(&t.norm.as_str()))
        && side.toks.get(lo).is_some_and(|t| !t.norm.ends_with("ing"))
}

/// Whether the side quotes someone: an opening quotation mark followed by three or more
/// words (scare quotes around a word or two do not count, nor the words after a closing
/// mark: before, `The “vast majority” of the 17,000 people` read as a quotation, so
/// `according to Kristi Olio` -> `said Kristi Olio` was a quote made of reported speech).
fn has_quotation(side: &Side) -> bool {
    let toks = &side.toks;
    (0..toks.len()).any(|k| {
        opens_quotation(side, k)
            && toks[k + 1..]
                .iter()
                .take_while(|t| t.word || matches!(t.norm.as_str(), "," | "-"))
                .filter(|t| t.word)
                .count()
                >= 3
    })
}

/// Whether token `k` is an opening quotation mark: a curly or angled opening mark, or a
/// straight one with a word right after it and a space (or nothing, or an opening
/// bracket) before it.
fn opens_quotation(side: &Side, k: usize) -> bool {
    let toks = &side.toks;
    let t = &toks[k];
    if !is_quote(t) {
        return false;
    }
    match side.text.get(t.start..t.end).unwrap_or_default() {
        "“" | "‘" | "«" | "„" | "‚" => true,
        "”" | "’" | "»" => false,
        _ => {
            let before = k.checked_sub(1).map(|j| &toks[j]);
            let free_before = before.is_none_or(|b| b.end < t.start || (!b.word && !is_quote(b)));
            let word_after = toks.get(k + 1).is_some_and(|n| n.word && n.start == t.end);
            free_before && word_after
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::claims::ClaimType::{Attribution, Entity};
    use crate::claims::tests::{kinds, of_type, s};

    fn attr(old: &str, new: &str) -> Vec<(Option<String>, Option<String>)> {
        of_type(Attribution, old, new)
    }

    #[test]
    fn a_source_removed_and_another_added_is_one_replacement() {
        assert_eq!(
            attr(
                "The Coast Guard said that the debris showed an implosion.",
                "The debris suggests an implosion of the vessel, Mauger said."
            ),
            [(s("The Coast Guard said"), s("Mauger said"))]
        );
    }

    #[test]
    fn words_after_a_closing_quote_are_no_quotation() {
        // Scare quotes in one version only: the source is the same, reported alike.
        assert!(
            attr(
                "There were 17,000 people under orders, according to Kristi Olio.",
                "The “vast majority” of the 17,000 people went home, said Kristi Olio."
            )
            .is_empty()
        );
        // A speaker the other side still names, with a longer title there: no change.
        assert_eq!(
            attr(
                "Agency associate administrator Thomas Zurbuchen said: “This is a find.",
                "“This is a find,” said Thomas Zurbuchen, associate administrator."
            ),
            []
        );
        // A quotation left open (its sentence ends inside it) is still a quotation.
        assert!(
            attr(
                "Thomas Zurbuchen said: “This discovery could be a significant piece.",
                "“This discovery could be a significant piece,” said Thomas Zurbuchen."
            )
            .is_empty()
        );
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

    #[test]
    fn passive_reporting_verbs_name_no_source() {
        assert!(
            attr(
                "Wang said it at a briefing when asked what China will do.",
                "Wang said it at a briefing. He was asked what China will do."
            )
            .is_empty()
        );
        assert!(attr("The plan is sound.", "The plan is said to be sound.").is_empty());
        assert_eq!(
            attr("The plan is sound.", "The plan is sound, Wang was saying."),
            [(None, s("Wang was saying"))]
        );
    }
}

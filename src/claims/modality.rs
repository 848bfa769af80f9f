//! Modality: certainty or obligation changed (modal and evidential verbs, certainty words)
//! and distancing hedges added or removed (`allegedly`, `so-called`, scare quotes).

#![allow(
    clippy::indexing_slicing,
    reason = "reviewed: token indexes and ranges come from scans of the same token list"
)]

use super::{ClaimChange, ClaimType, Mention, Pair, Side, diff_mentions, is_quote};

/// Report modality changes.
///
/// Before: `The tax will rise`; after: `The tax may rise`: `modality: will -> may`.
/// Before: `the so-called camps`; after: `the camps`: `modality: so-called -> (none)`.
/// Before: `an “independent” panel`; after: `an independent panel`: the scare quotes.
/// Forms of one verb are the same modality: `proves` = `proved`, `won't` keeps `will`.
pub(crate) fn detect(pair: &Pair, out: &mut Vec<ClaimChange>) {
    let old = mentions(pair, &pair.old);
    let new = mentions(pair, &pair.new);
    let mut found = Vec::new();
    diff_mentions(pair, ClaimType::Modality, (&old, &new), true, &mut found);
    // A modal fused into a swapped negation is no modality change: `will not release`
    // -> `refuse to release` (both hunks hold a negator).
    let negs = |side: &Side| pair.lex.negation.find_all(&side.toks);
    let (on, nn) = (negs(&pair.old), negs(&pair.new));
    found.retain(|c| {
        let hunk_with_neg =
            |span: Option<(usize, usize)>, side: &Side, ns: &[(usize, usize, String)]| {
                let (s, _) = span?;
                let k = side.toks.iter().position(|t| t.start == s)?;
                let h = side.hunk[k]?;
                ns.iter()
                    .any(|(lo, _, _)| side.hunk[*lo] == Some(h))
                    .then_some(h)
            };
        let single = c.old.is_none() || c.new.is_none();
        let h =
            hunk_with_neg(c.old_span, &pair.old, &on).or(hunk_with_neg(c.new_span, &pair.new, &nn));
        let other_has_neg = |h: usize| {
            on.iter().any(|(lo, _, _)| pair.old.hunk[*lo] == Some(h))
                && nn.iter().any(|(lo, _, _)| pair.new.hunk[*lo] == Some(h))
        };
        !(single && h.is_some_and(other_has_neg))
    });
    found.retain(scare_quotes_moved);
    found.retain(|c| quoted_words_said_bare(pair, c));
    out.extend(found);
}

/// Whether a change is no scare-quote replacement nor code: quote marks around other
/// words on each side are a quotation altered, and backticks mark code, not a hedge.
/// Before: `“catastrophic implosion”` -> `"catastrophic loss"` and `` `_boot` `` ->
/// `` `_signal` `` were hedges; after: no modality change. Scare quotes added or removed
/// (`an “independent” panel` -> `an independent panel`) still are.
fn scare_quotes_moved(c: &ClaimChange) -> bool {
    let code = |t: &Option<String>| t.as_deref().is_some_and(|t| t.starts_with('`'));
    let quoted = |t: &Option<String>| t.as_deref().is_some_and(is_quoted);
    !(code(&c.old) || code(&c.new) || (quoted(&c.old) && quoted(&c.new)))
}

/// Words before which a modal word is a noun: `the will`, `free will`, `a show`.
const NOUN_BEFORE: [&str; 9] = [
    "the", "a", "an", "free", "his", "her", "their", "its", "own",
];

fn mentions(pair: &Pair, side: &Side) -> Vec<Mention> {
    let mut out = Vec::new();
    for list in [&pair.lex.modality, &pair.lex.hedges] {
        for (lo, hi, key) in list.find_all(&side.toks) {
            let t = &side.toks[lo];
            // `wo`, `ca` and `sha` only as parts of `won't`, `can't`, `shan't`.
            if matches!(t.norm.as_str(), "wo" | "ca" | "sha")
                && side.toks.get(lo + 1).is_none_or(|n| n.norm != "n't")
            {
                continue;
            }
            // `May` next to a figure is the month.
            if t.norm == "may" && t.cap && !side.sentence_initial(lo) {
                continue;
            }
            let before = lo.checked_sub(1).map(|k| side.toks[k].norm.as_str());
            let verbal = matches!(
                key.as_str(),
                "will" | "show" | "prove" | "can" | "may" | "must"
            );
            if verbal && before.is_some_and(|b| NOUN_BEFORE.contains(&b)) {
                continue;
            }
            // `a certain person` is not certainty.
            if key == "certain" && before.is_some_and(|b| matches!(b, "a" | "an" | "in")) {
                continue;
            }
            out.push(Mention::new(lo, hi, key));
        }
    }
    for (lo, hi, word) in scare_quotes(side) {
        out.push(Mention::new(lo, hi, format!("scare:{word}")));
    }
    out.sort_by_key(|m| m.lo);
    out
}

/// Whether a scare-quote change (`"experts"` added or removed) puts quotation marks on or
/// takes them off words the other side says bare: the distancing is the change. Words
/// quoted only because they are new (a key name `"dohpath"` introduced, `"vast majority"`
/// in a rewritten clause) or a quoted word replaced by another (`"alpn"` -> `MUST`) are no
/// change of stance. Other modality changes pass.
fn quoted_words_said_bare(pair: &Pair, c: &ClaimChange) -> bool {
    let check = |text: &Option<String>, span: Option<(usize, usize)>, side: &Side, other: &Side| {
        if !text.as_deref().is_some_and(is_quoted) {
            return true;
        }
        let Some((s, e)) = span else {
            return true;
        };
        let words: Vec<&str> = side
            .toks
            .iter()
            .filter(|t| t.word && s <= t.start && t.end <= e)
            .map(|t| t.norm.as_str())
            .collect();
        let bare = |k: usize| {
            let quote_at = |i: Option<usize>| {
                i.and_then(|i| other.toks.get(i))
                    .is_some_and(|t| is_quote(t) || t.norm == "`")
            };
            !quote_at(k.checked_sub(1)) && !quote_at(Some(k + words.len()))
        };
        !words.is_empty()
            && (0..other.toks.len().saturating_sub(words.len() - 1)).any(|k| {
                other.toks[k..k + words.len()]
                    .iter()
                    .zip(&words)
                    .all(|(t, w)| t.word && t.norm == *w)
                    && bare(k)
            })
    };
    check(&c.old, c.old_span, &pair.old, &pair.new)
        && check(&c.new, c.new_span, &pair.new, &pair.old)
}

/// Whether `text` is a word in quotation marks (a scare quote as reported).
pub(crate) fn is_quoted(text: &str) -> bool {
    let t = text.trim();
    let q = |c: char| matches!(c, '"' | '“' | '”' | '\'' | '‘' | '’');
    t.chars().next().is_some_and(q) && t.chars().last().is_some_and(q) && t.chars().count() > 2
}

/// Scare quotes: one or two lower-case words in quotation marks inside a sentence, not a
/// quotation introduced by a colon or a reporting verb. `an “independent” panel`: yes;
/// `he said: “no”`: no. Returns `(open quote, end after close quote, inner words)`.
pub(crate) fn scare_quotes(side: &Side) -> Vec<(usize, usize, String)> {
    let toks = &side.toks;
    let mut out = Vec::new();
    for lo in 0..toks.len() {
        if !is_quote(&toks[lo]) || lo == 0 || !toks[lo - 1].word {
            continue;
        }
        let words = (lo + 1..toks.len()).take_while(|&k| toks[k].word).count();
        let close = lo + 1 + words;
        if !(1..=2).contains(&words) || close >= toks.len() || !is_quote(&toks[close]) {
            continue;
        }
        // A capital inside (`"maxFS"`, `"SvcParam"`) makes it an identifier, quoted
        // as a literal, not a word held at a distance.
        if toks[lo + 1..close]
            .iter()
            .any(|t| t.cap || side.text[t.start..t.end].chars().any(char::is_uppercase))
        {
            continue;
        }
        let inner: Vec<&str> = toks[lo + 1..close]
            .iter()
            .map(|t| t.norm.as_str())
            .collect();
        out.push((lo, close + 1, inner.join(" ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::claims::ClaimType::Modality;
    use crate::claims::tests::{of_type, s};

    fn modal(old: &str, new: &str) -> Vec<(Option<String>, Option<String>)> {
        of_type(Modality, old, new)
    }

    #[test]
    fn modal_swaps() {
        assert_eq!(
            modal("The tax will rise.", "The tax may rise."),
            [(s("will"), s("may"))]
        );
        assert_eq!(
            modal("Staff must report.", "Staff should report."),
            [(s("must"), s("should"))]
        );
        assert_eq!(
            modal("It shows harm.", "It suggests harm."),
            [(s("shows"), s("suggests"))]
        );
        assert_eq!(modal("It fell.", "It could fall."), [(None, s("could"))]);
    }

    #[test]
    fn quoted_words_replaced_and_code_are_no_hedge() {
        assert!(
            modal(
                "It showed a “catastrophic implosion” of the vessel.",
                "It showed a \"catastrophic loss\" of the vessel."
            )
            .is_empty()
        );
        assert!(
            modal(
                "Use the label `_boot` here.",
                "Use the label `_signal` here."
            )
            .is_empty()
        );
        // Evidential verbs of one strength: `showing` = `demonstrating`.
        assert!(modal("* Showing empathy", "* Demonstrating empathy").is_empty());
    }

    #[test]
    fn hedges_and_scare_quotes() {
        assert_eq!(
            modal("The so-called camps.", "The camps."),
            [(s("so-called"), None)]
        );
        assert_eq!(
            modal("He stole it.", "He reportedly stole it."),
            [(None, s("reportedly"))]
        );
        assert_eq!(
            modal("An “independent” panel met.", "An independent panel met."),
            [(s("“independent”"), None)]
        );
    }

    #[test]
    fn same_modality() {
        assert!(modal("It proves harm, they say.", "It proved harm, they said.").is_empty());
        assert!(modal("They won't pay us.", "They will not pay them.").is_empty());
        assert!(modal("Drivers are able to rest.", "Drivers can rest well.").is_empty());
        assert!(modal("They met on 12 May.", "They met on 21 May.").is_empty());
        assert!(modal("It is his free will.", "It is his own will.").is_empty());
        assert!(modal("They will not release it.", "They refuse to release it.").is_empty());
    }

    #[test]
    fn scare_quotes_count_only_on_words_said_bare_elsewhere() {
        // Quotes put on a word the other side says bare: a distancing change.
        assert_eq!(
            modal("The experts agreed.", "The \"experts\" agreed."),
            [(None, s("\"experts\""))]
        );
        // A quoted key name that is new, or replaced by another word: no change of stance.
        assert!(modal("The default is TLS.", "The default is \"dot\" here.").is_empty());
        assert!(modal("If the \"alpn\" key is set.", "If the client is set.").is_empty());
        // A quoted identifier (a capital inside) is a literal, never a scare quote.
        assert!(modal("Based on the \"maxFS\" parameter.", "Based on maxFS.").is_empty());
    }
}

//! Entities: names of people, organisations and places, acronyms and titled works.
//!
//! A name is a run of capitalised words (joined by `of`, `for`, `the`, `and`, `de`:
//! `High Commissioner for Human Rights`), an acronym (`NATO`), or a title in quotation
//! marks written in title case. Not names: a lone capitalised word opening a sentence
//! (`Drivers`, `Analysts`), `I`, month and day names (numbers handle dates), a word that the
//! other side has in lower case (`ministry` -> `Ministry` is case only), and speakers of
//! reporting clauses (attribution handles them). Names compare by their letters, without
//! a leading `the`, so `U.S.` = `US` and `Piræus` = `Piraeus`.

use super::attribution::SpeakerSpans;
use super::cosmetic::{expansion_at, fold_letters, spelling};
use super::{ClaimChange, ClaimType, Mention, Pair, Side, is_quote, pair_up};

/// Report names added, removed or replaced.
///
/// Before: `talks in Geneva`; after: `talks in Vienna`: `entity: Geneva -> Vienna`.
/// Before: `the IMF said`; after: `the International Monetary Fund said`: no change.
pub(crate) fn detect(pair: &Pair, speakers: &SpeakerSpans, out: &mut Vec<ClaimChange>) {
    let old = mentions(pair, &pair.old, &pair.new, &speakers.0);
    let new = mentions(pair, &pair.new, &pair.old, &speakers.1);
    for (o, n) in pair_up(pair, &old, &new) {
        if let (Some(i), Some(j)) = (o, n)
            && (expands(&pair.old, &pair.new, &old[i], &new[j])
                || expands(&pair.new, &pair.old, &new[j], &old[i]))
        {
            continue;
        }
        // A weak mention (a sentence's capitalised first word) is never reported itself;
        // nor is a name that the other side still has elsewhere (`in Xinjiang` -> `there`
        // when Xinjiang is named earlier in the sentence).
        let o = o.filter(|&i| !old[i].weak && !new.iter().any(|m| m.key == old[i].key));
        let n = n.filter(|&j| !new[j].weak && !old.iter().any(|m| m.key == new[j].key));
        if o.is_none() && n.is_none() {
            continue;
        }
        out.push(pair.change(
            ClaimType::Entity,
            o.map(|i| old[i].range()),
            n.map(|j| new[j].range()),
        ));
    }
}

/// Whether `long` on side `a` spells out the acronym `short` on side `b`.
fn expands(a: &Side, b: &Side, long: &Mention, short: &Mention) -> bool {
    short.hi - short.lo == 1
        && b.toks[short.lo].upper
        && expansion_at(a, b, long.lo).is_some_and(|n| long.lo + n == long.hi)
}

/// Lower-case words that may join capitalised words into one name.
const CONNECTORS: [&str; 8] = ["of", "for", "the", "and", "de", "on", "du", "von"];

/// Capitalised words that are not names.
const NOT_NAMES: [&str; 21] = [
    "i",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "mr",
];

/// Quoted titles: `"Top 20 Pros and Cons Associated with Self-Driving Cars,"` (two or more
/// words, first capitalised, at least half of them capitalised). Token ranges inside the
/// quotation marks.
pub(crate) fn titles(side: &Side) -> Vec<(usize, usize)> {
    let toks = &side.toks;
    let mut out = Vec::new();
    let mut k = 0;
    while k < toks.len() {
        if !is_quote(&toks[k]) {
            k += 1;
            continue;
        }
        let lo = k + 1;
        let mut hi = lo;
        while hi < toks.len() && (toks[hi].word || matches!(toks[hi].norm.as_str(), "-" | ":")) {
            hi += 1;
        }
        let words: Vec<_> = toks[lo..hi].iter().filter(|t| t.word).collect();
        let caps = words
            .iter()
            .filter(|t| t.cap || t.norm.starts_with(|c: char| c.is_ascii_digit()))
            .count();
        if words.len() >= 2 && toks.get(lo).is_some_and(|t| t.cap) && caps * 2 > words.len() {
            out.push((lo, hi));
            k = hi;
        } else {
            k += 1;
        }
    }
    out
}

fn mentions(pair: &Pair, side: &Side, other: &Side, speakers: &[(usize, usize)]) -> Vec<Mention> {
    let toks = &side.toks;
    let in_speaker = |k: usize| speakers.iter().any(|&(a, b)| a <= k && k < b);
    // The other side's lower-case words, spelling folded: `defence` there makes
    // `Defense` here a case change, not a name.
    let lower: Vec<String> = other
        .toks
        .iter()
        .filter(|t| t.word && !t.cap)
        .map(|t| spelling(pair, &fold_letters(&t.norm)))
        .collect();
    let is_name_word = |k: usize| -> bool {
        let t = &toks[k];
        t.word
            && t.cap
            && !NOT_NAMES.contains(&t.norm.as_str())
            && !in_speaker(k)
            && (t.upper || !lower.contains(&spelling(pair, &fold_letters(&t.norm))))
    };
    let titles = titles(side);
    let mut out = Vec::new();
    for &(lo, hi) in &titles {
        out.push(Mention::new(lo, hi, key(side, lo, hi)));
    }
    let mut k = 0;
    while k < toks.len() {
        if let Some(&(_, hi)) = titles.iter().find(|&&(a, _)| a == k) {
            k = hi;
            continue;
        }
        if !is_name_word(k) {
            k += 1;
            continue;
        }
        let lo = k;
        let mut hi = k + 1;
        loop {
            if hi < toks.len() && is_name_word(hi) {
                hi += 1;
            } else if hi + 1 < toks.len()
                && CONNECTORS.contains(&toks[hi].norm.as_str())
                && !toks[hi].cap
                && is_name_word(hi + 1)
            {
                hi += 2;
            } else {
                break;
            }
        }
        k = hi;
        let mut lo2 = lo;
        // A leading `The` or `A` is not part of the name.
        if pair.lex.is_stopword(&toks[lo2].norm) {
            lo2 += 1;
        }
        if lo2 >= hi {
            continue;
        }
        let single = hi - lo2 == 1;
        let t = &toks[lo2];
        // A long all-capitals word opening a sentence is emphasis (`A RIVER carried`).
        if t.upper && t.norm.chars().count() >= 5 && lo2 <= 1 {
            continue;
        }
        // A lone capitalised word opening a sentence may be any word (`Drivers`): it
        // counts only when the other side has the same name (weak).
        let mut m = Mention::new(lo2, hi, key(side, lo2, hi));
        m.weak = single && !t.upper && side.sentence_initial(lo2);
        out.push(m);
    }
    out.sort_by_key(|m| m.lo);
    out
}

fn key(side: &Side, lo: usize, hi: usize) -> String {
    side.toks[lo..hi]
        .iter()
        .filter(|t| t.word && t.norm != "the")
        .map(|t| fold_letters(&t.norm))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use crate::claims::ClaimType::Entity;
    use crate::claims::tests::kinds;

    fn ent(old: &str, new: &str) -> Vec<(Option<String>, Option<String>)> {
        kinds(old, new)
            .into_iter()
            .filter(|c| c.0 == Entity)
            .map(|c| (c.1, c.2))
            .collect()
    }

    fn s(x: &str) -> Option<String> {
        Some(x.to_owned())
    }

    #[test]
    fn replaced_added_removed() {
        assert_eq!(
            ent("Talks were held in Geneva.", "Talks were held in Vienna."),
            [(s("Geneva"), s("Vienna"))]
        );
        assert_eq!(
            ent("They met in Beijing today.", "They met today."),
            [(s("Beijing"), None)]
        );
        assert_eq!(
            ent("A deal with NATO.", "A deal with the EU."),
            [(s("NATO"), s("EU"))]
        );
        assert_eq!(
            ent(
                "He wrote to the High Commissioner for Human Rights yesterday.",
                "He wrote to the UN Secretary-General yesterday."
            ),
            [(
                s("High Commissioner for Human Rights"),
                s("UN Secretary-General")
            )]
        );
    }

    #[test]
    fn not_entities() {
        assert!(ent("Drivers rest.", "Analysts rest.").is_empty());
        assert!(
            ent(
                "The ministry of defence spoke.",
                "The Ministry of Defense spoke loudly."
            )
            .is_empty()
        );
        assert!(ent("The U.S. agreed.", "The US agreed at once.").is_empty());
        assert!(
            ent(
                "The IMF agreed.",
                "The International Monetary Fund agreed quickly."
            )
            .is_empty()
        );
        assert!(ent("They met on 12 May.", "They met on 21 May.").is_empty());
    }
}

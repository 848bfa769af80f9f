//! Cosmetic or substantive: do two sentences differ only in how they are written?
//!
//! Both sides are reduced to a *key* and compared. The key drops whitespace, punctuation
//! (so hyphenation, `Mr.`/`Mr`, quote style and line wrapping vanish), lower-cases words,
//! expands contractions, writes numbers as values, folds spelling variants and diacritics,
//! and replaces an acronym's spelled-out name by the acronym when the other side has it.

#![allow(
    clippy::indexing_slicing,
    reason = "reviewed: token indexes and byte offsets come from scans of the same token list and text"
)]

use std::collections::{HashMap, HashSet};

use super::{Pair, Side, modality, number};

/// Longest link destination looked at, in bytes: a `](` without a closing `)` this close is
/// not a link, and the scan stays linear.
const MAX_LINK_TARGET: usize = 2048;

/// Byte ranges of Markdown link targets in `text`: the `(destination "title")` of an inline
/// link or image and the `[label]` of a reference link. The reader sees only the link text,
/// so claim detectors skip these ranges and a changed target alone is cosmetic.
///
/// Before: `see [the form](https://x.org/2024/a) or [this][ref]`; ranges cover
/// `(https://x.org/2024/a)` and `[ref]`.
pub(crate) fn link_targets(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] != b']' || !matches!(bytes[i + 1], b'(' | b'[') {
            i += 1;
            continue;
        }
        let open = i + 1;
        let (opener, closer) = if bytes[open] == b'(' {
            (b'(', b')')
        } else {
            (b'[', b']')
        };
        let mut depth = 0usize;
        let mut end = None;
        for (k, &b) in bytes[open..].iter().enumerate().take(MAX_LINK_TARGET) {
            if b == opener {
                depth += 1;
            } else if b == closer {
                depth -= 1;
                if depth == 0 {
                    end = Some(open + k + 1);
                    break;
                }
            } else if b == b'\n' && opener == b'[' {
                break;
            }
        }
        match end {
            Some(e) => {
                out.push((open, e));
                i = e;
            }
            None => i = open,
        }
    }
    out
}

/// Whether the pair differs only cosmetically.
///
/// Before/after pairs that are cosmetic: `organisation` / `organization`,
/// `did not` / `didn't`, `Sixty-two` / `62`, `4.2 percent` / `4.2%`, `e-mail` / `email`,
/// `IMF` / `International Monetary Fund`, `“so”` / `"so"`, and Markdown markup:
/// `*so*` / `so`, `## Scope` / `### Scope`, `- item` / `* item`, `[form](a.pdf)` /
/// `[form](b.pdf)` (link targets are skipped, see [`link_targets`]). Not cosmetic: `us` /
/// `US`.
pub(crate) fn is_cosmetic(pair: &Pair) -> bool {
    let (ok, nk) = (
        key(pair, &pair.old, &pair.new),
        key(pair, &pair.new, &pair.old),
    );
    ok == nk && small_caps_words(pair, &pair.old) == small_caps_words(pair, &pair.new)
}

/// Acronyms that spell a function word (`US`, `IT`, `WHO`): lower-casing them changes the
/// meaning (`us` -> `US`), so their count must agree on both sides.
fn small_caps_words(pair: &Pair, side: &Side) -> Vec<String> {
    let mut v: Vec<String> = side
        .toks
        .iter()
        .filter(|t| t.upper && pair.lex.is_stopword(&t.norm))
        .map(|t| t.norm.clone())
        .collect();
    v.sort();
    v
}

/// The comparison key of `side` (`other` is used to spot acronym expansions).
fn key(pair: &Pair, side: &Side, other: &Side) -> Vec<String> {
    // By first token, so that the walk below looks each one up in constant time.
    let numbers: HashMap<usize, (usize, String)> = number::values(pair, side)
        .into_iter()
        .map(|(lo, hi, v)| (lo, (hi, v)))
        .collect();
    let scare: HashSet<usize> = modality::scare_quotes(side)
        .into_iter()
        .map(|(lo, _, _)| lo)
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < side.toks.len() {
        // Scare quotes are a hedge, not quote style: keep a mark for them.
        if scare.contains(&i) {
            out.push("\u{1}".to_owned());
        }
        if let Some((hi, value)) = numbers.get(&i).map(|(h, v)| (*h, v)) {
            out.push(value.clone());
            i = hi.max(i + 1);
            continue;
        }
        if let Some(n) = expansion_at(side, other, i) {
            out.push(acronym_of(side, i, i + n));
            i += n;
            continue;
        }
        let t = &side.toks[i];
        i += 1;
        if !t.word {
            continue;
        }
        if let Some(w) = expand_clitic(side, i - 1) {
            out.push(w.to_owned());
            continue;
        }
        let plain = fold_letters(&t.norm);
        if plain.is_empty() {
            continue;
        }
        out.push(spelling(pair, &plain));
    }
    // Join and split again so that `self driving` and `self-driving` agree.
    vec![out.concat()]
}

/// `n't` -> `not`, `'ll` -> `will`, `wo` (of `won't`) -> `will`, `'s` after a pronoun ->
/// `is`. Before: `It's` `won't`; after: `it is` `will not`.
fn expand_clitic(side: &Side, i: usize) -> Option<&'static str> {
    let t = &side.toks[i];
    let next_is_nt = side.toks.get(i + 1).is_some_and(|n| n.norm == "n't");
    Some(match t.norm.as_str() {
        "n't" => "not",
        "'ll" => "will",
        "'re" => "are",
        "'ve" => "have",
        "'m" => "am",
        "wo" if next_is_nt => "will",
        "ca" if next_is_nt => "can",
        "sha" if next_is_nt => "shall",
        "'s" if i > 0
            && matches!(
                side.toks[i - 1].norm.as_str(),
                "it" | "that" | "he" | "she" | "there" | "what" | "who" | "here" | "where"
            ) =>
        {
            "is"
        }
        _ => return None,
    })
}

/// Letters and digits only, lower case, common diacritics and ligatures folded; a dot
/// between digits is kept (`1.5` is not `15`).
///
/// Before: `Piræus`, `U.S`, `e-mail`; after: `piraeus`, `us`, `email`.
pub(crate) fn fold_letters(norm: &str) -> String {
    let chars: Vec<char> = norm.chars().collect();
    let mut out = String::with_capacity(norm.len());
    for (k, &c) in chars.iter().enumerate() {
        let digit_dot = c == '.'
            && k > 0
            && chars[k - 1].is_ascii_digit()
            && chars.get(k + 1).is_some_and(char::is_ascii_digit);
        if digit_dot {
            out.push('.');
            continue;
        }
        match c {
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'ß' => out.push_str("ss"),
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => out.push('a'),
            'ç' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' => out.push('i'),
            'ñ' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            c if c.is_alphanumeric() => out.push(c),
            _ => {}
        }
    }
    out
}

/// British spellings mapped to American ones: the list in `spelling.txt`, then regular
/// endings on words long enough not to collide with short words (`four` is not `for`).
///
/// Before: `organisation`, `behaviour`, `centre`, `analyse`; after: `organization`,
/// `behavior`, `center`, `analyze`.
pub(crate) fn spelling(pair: &Pair, word: &str) -> String {
    let tok = super::Tok {
        start: 0,
        end: 0,
        norm: word.to_owned(),
        word: true,
        cap: false,
        upper: false,
        gap: false,
    };
    if let Some((key, _)) = pair.lex.spelling.match_at(std::slice::from_ref(&tok), 0) {
        return key.to_owned();
    }
    let mut w = word.to_owned();
    // The regular endings are British and American English.
    if pair.lex.lang != crate::segment::Lang::English {
        return w;
    }
    if w.len() >= 6 {
        for (from, to) in [
            ("isation", "ization"),
            ("ising", "izing"),
            ("ised", "ized"),
            ("ises", "izes"),
            ("ise", "ize"),
            ("yse", "yze"),
            ("ysed", "yzed"),
            ("our", "or"),
            ("ours", "ors"),
            ("oured", "ored"),
            ("ence", "ense"),
        ] {
            if let Some(stem) = w.strip_suffix(from) {
                w = format!("{stem}{to}");
                break;
            }
        }
    }
    if w.len() >= 5 {
        for (from, to) in [("tre", "ter"), ("bre", "ber"), ("tres", "ters")] {
            if let Some(stem) = w.strip_suffix(from) {
                w = format!("{stem}{to}");
                break;
            }
        }
    }
    w
}

/// Capitalised words skipped when forming an acronym: `International Monetary Fund` and
/// `Bank for International Settlements` spell `IMF` and `BIS`.
const ACRONYM_SKIP: [&str; 5] = ["of", "for", "the", "and", "on"];

/// The acronym a run of capitalised words spells, lower case.
fn acronym_of(side: &Side, lo: usize, hi: usize) -> String {
    side.toks[lo..hi]
        .iter()
        .filter(|t| t.word && !ACRONYM_SKIP.contains(&t.norm.as_str()))
        .filter_map(|t| t.norm.chars().next())
        .collect()
}

/// If tokens from `i` on spell out an acronym that `other` uses and `side` does not,
/// the number of tokens of the spelled-out name. `International Monetary Fund` with `IMF`
/// on the other side: 3.
pub(crate) fn expansion_at(side: &Side, other: &Side, i: usize) -> Option<usize> {
    let t = side.toks.get(i)?;
    if !t.word || !t.cap || t.upper || ACRONYM_SKIP.contains(&t.norm.as_str()) {
        return None;
    }
    if other.acronyms.is_empty() {
        return None;
    }
    // The acronym grows one letter per word; no acronym is longer than
    // MAX_ACRONYM_LETTERS, which also bounds the work on a long run of capitalised words.
    let mut acr = String::new();
    let mut hi = i;
    let mut best = None;
    while let Some(w) = side.toks.get(hi) {
        let skip = ACRONYM_SKIP.contains(&w.norm.as_str());
        if !w.word || !(w.cap || skip) {
            break;
        }
        hi += 1;
        if skip {
            continue;
        }
        if let Some(c) = w.norm.chars().next() {
            acr.push(c);
        }
        if acr.chars().count() > MAX_ACRONYM_LETTERS {
            break;
        }
        if hi - i >= 2 && other.has_acronym(&acr) && !side.has_acronym(&acr) {
            best = Some(hi - i);
        }
    }
    best
}

/// The longest acronym looked for (`UNESCO`, `OHCHR`, `NASDAQ` are 5-6).
const MAX_ACRONYM_LETTERS: usize = 12;

#[cfg(test)]
mod tests {
    use super::link_targets;
    use crate::Lang;
    use crate::claims::compare_sentences;

    fn cosmetic(old: &str, new: &str) -> bool {
        !compare_sentences(old, new, Lang::English).1
    }

    #[test]
    fn spelling_case_and_punctuation() {
        assert!(cosmetic("The organisation met.", "The organization met."));
        assert!(cosmetic(
            "The ministry of defence.",
            "The Ministry of Defense."
        ));
        assert!(cosmetic(
            "A self driving car, e-mail.",
            "A self-driving car email"
        ));
        assert!(cosmetic("“Yes,” said Mr. Li.", "\"Yes\" said Mr Li."));
        assert!(cosmetic("The city centre", "The city center"));
        assert!(cosmetic("He went to Piræus.", "He went to Piraeus."));
    }

    #[test]
    fn contractions_and_numbers() {
        assert!(cosmetic("They won't pay.", "They will not pay."));
        assert!(cosmetic("It's over.", "It is over."));
        assert!(cosmetic("Sixty-two people came.", "62 people came."));
        assert!(cosmetic("Growth was 4.2 percent.", "Growth was 4.2%."));
        assert!(cosmetic("It cost 10,000 euros.", "It cost 10 000 euros."));
    }

    #[test]
    fn acronym_expansion() {
        assert!(cosmetic(
            "The IMF said so.",
            "The International Monetary Fund said so."
        ));
    }

    #[test]
    fn substantive_differences() {
        assert!(!cosmetic("They gave it to us.", "They gave it to the US."));
        assert!(!cosmetic("It cost 1.5 million.", "It cost 15 million."));
        assert!(!cosmetic("It is legal.", "It is not legal."));
        assert!(!cosmetic("The four of them.", "The for of them."));
    }

    #[test]
    fn markdown_markup_only_is_cosmetic() {
        assert!(cosmetic(
            "Staff must *always* ask.",
            "Staff must always ask."
        ));
        assert!(cosmetic(
            "Staff must **always** ask.",
            "Staff must __always__ ask."
        ));
        assert!(cosmetic("## Scope", "### Scope"));
        assert!(cosmetic("- First item here.", "* First item here."));
        assert!(cosmetic(
            "See [the form](https://x.example/forms/2024/ra1 \"Form\") today.",
            "See [the form](https://x.example/forms/2025/ra2) today."
        ));
        assert!(cosmetic(
            "See [the form][f1] today.",
            "See [the form][f2] today."
        ));
        assert!(!cosmetic(
            "See [the 2024 form](https://x.example/a) today.",
            "See [the 2025 form](https://x.example/a) today."
        ));
        assert!(!cosmetic(
            "Staff must *always* ask.",
            "Staff must *never* ask."
        ));
    }

    #[test]
    fn link_targets_are_found_and_bounded() {
        let t = "a [b](c (d) e) f [g][h] i](j";
        let got: Vec<&str> = link_targets(t).iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(got, ["(c (d) e)", "[h]"]);
        assert!(link_targets("no links] here (at all)").is_empty());
        let long = format!("[a]({}", "x".repeat(10_000));
        assert!(link_targets(&long).is_empty());
    }

    #[test]
    fn a_long_run_of_capitalised_words_is_cheap() {
        // Found by review: acronym look-ups used to rescan the run and both sides for
        // every word (cubic); 3,000 words took minutes. Now bounded by the acronym length.
        let words = ["Ab", "Cd", "Ef", "Gh", "Of", "The"];
        let run: Vec<&str> = (0..3000).map(|k| words[k * 7 % words.len()]).collect();
        let old = format!("{} IMF.", run.join(" "));
        let new = format!("{} BIS IMF.", run.join(" "));
        let (_, substantive) = compare_sentences(&old, &new, Lang::English);
        assert!(substantive);
    }
}

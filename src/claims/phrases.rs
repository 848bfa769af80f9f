//! The claim phrases of one sentence on its own: its number phrases and its negators, as
//! the detectors of this module find them. Check mode (`crate::check`) compares a
//! statement sentence with a report sentence that is not a version of it, so it pairs the
//! phrases itself (a figure with the figure that counts the same thing, a negator with the
//! words it governs) instead of by their place in a word diff.
//!
//! ```
//! use claimdiff::claims::phrases::{negators, numbers};
//! use claimdiff::Lang;
//!
//! let s = "Nearly a quarter of the 2,400 schools did not open.";
//! let n = numbers(s, (0, s.len()), Lang::English);
//! assert_eq!(n[0].approx.as_deref(), Some("nearly"));
//! assert_eq!(n[0].value, "0.25");
//! assert_eq!(n[1].value, "2400");
//! let neg = negators(s, (0, s.len()), Lang::English);
//! assert_eq!(&s[neg[0].0..neg[0].1], "not");
//! ```

#![allow(
    clippy::indexing_slicing,
    reason = "reviewed: mention token ranges come from scans of the same token list"
)]

use super::{Lexicon, Pair, negation, number};
use crate::segment::Lang;

/// A number phrase of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberPhrase {
    /// Byte range of the whole phrase (approximator included) in the text.
    pub span: (usize, usize),
    /// The approximator's class (`more than`, `nearly`, `about`, `up to`, `at least`,
    /// `fewer than`, `exactly`; the key of `src/data/<lang>/approximators.txt`), if any.
    pub approx: Option<String>,
    /// The value key of the core, as the number detector compares it: the value in
    /// digits with its units after a space (`2500000`, `9.4 %`, `14.2 £`), or a tagged
    /// form for what is not a plain quantity: a date (`month10 6 2022`), a weekday
    /// (`weekday:monday`), a time (`time:1:35pm`), a vague count (`~1000`: thousands),
    /// a multiple (`x2`: doubled), a ratio or range (`1 in 5`, `10 to 20`).
    pub value: String,
    /// A lone `one` (too often a pronoun to count as a number unless paired: "one day").
    pub weak: bool,
}

/// The number phrases of `text[span]` (outside titles, list markers and references), in
/// order.
///
/// # Panics
/// If `span` is out of range or not on a character boundary.
pub fn numbers(text: &str, span: (usize, usize), lang: Lang) -> Vec<NumberPhrase> {
    let pair = Pair::new(text, span, text, span, Lexicon::get(lang));
    number::mentions(&pair, &pair.old)
        .into_iter()
        .map(|m| {
            let (approx, value) = m.key.split_once('|').unwrap_or(("", m.key.as_str()));
            NumberPhrase {
                span: pair.old.span(m.lo, m.hi),
                approx: (!approx.is_empty()).then(|| approx.to_owned()),
                value: value.to_owned(),
                weak: m.weak,
            }
        })
        .collect()
}

/// Byte ranges of the negators of `text[span]` (`not`, `n't`, `never`, `no`, `none`,
/// `It is not true that`), in order; phrases that do not negate (`not only`, `no doubt`,
/// the interjection `No,`) are left out.
///
/// # Panics
/// If `span` is out of range or not on a character boundary.
pub fn negators(text: &str, span: (usize, usize), lang: Lang) -> Vec<(usize, usize)> {
    let pair = Pair::new(text, span, text, span, Lexicon::get(lang));
    negation::mentions(&pair, &pair.old)
        .into_iter()
        .map(|m| pair.old.span(m.lo, m.hi))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_phrases_with_approximators_units_and_dates() {
        let s = "More than 60 countries, or 9.4 percent, met on 6 October 2022 and doubled aid.";
        let n = numbers(s, (0, s.len()), Lang::English);
        let got: Vec<(&str, Option<&str>, &str)> = n
            .iter()
            .map(|p| {
                (
                    &s[p.span.0..p.span.1],
                    p.approx.as_deref(),
                    p.value.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("More than 60", Some("more than"), "60"),
                ("9.4 percent", None, "9.4 %"),
                ("6 October 2022", None, "month10 6 2022"),
                ("doubled", None, "x2"),
            ]
        );
    }

    #[test]
    fn spans_are_absolute_and_negators_found() {
        let text = "First sentence. It is not true that nobody came, never.";
        let span = (16, text.len());
        let neg: Vec<&str> = negators(text, span, Lang::English)
            .into_iter()
            .map(|(a, b)| &text[a..b])
            .collect();
        assert!(neg.contains(&"never"), "{neg:?}");
        assert!(neg.iter().any(|n| n.contains("not")), "{neg:?}");
        assert!(numbers(text, span, Lang::English).is_empty());
        let s = "Not only the 12 members voted.";
        assert!(negators(s, (0, s.len()), Lang::English).is_empty());
    }
}

//! Numbers: quantities, percentages, amounts, dates and years, with their approximators.
//!
//! A number phrase is an optional approximator (`more than`, `nearly`, `up to`) and a core:
//! figures (`1,000`, `10 000`, `$1.2bn`, `4.2%`), number words (`sixty-two`, `half a
//! million`), month names next to a figure (`12 May`, `September 2025`) and ratios (`one in
//! five`). Its key is the approximator's class and the values, so `Sixty-two` = `62`,
//! `over 60` = `more than 60`, `4.2 percent` = `4.2%`, while `More than 60` != `Nearly 70`.

#![allow(
    clippy::indexing_slicing,
    reason = "reviewed: token indexes come from scans of the same token list"
)]

use super::{ClaimChange, ClaimType, Mention, Pair, Side, diff_mentions, entity};
use crate::segment::Lang;

/// Token ranges of the number phrases found on each side (old, new).
pub(crate) type NumberSpans = (Vec<(usize, usize)>, Vec<(usize, usize)>);

/// Report number phrases that changed, appeared or disappeared.
///
/// Before: `More than 60 countries`; after: `Nearly 70 countries`:
/// `number: More than 60 -> Nearly 70`. `four legs` -> `four-legged` is no change.
pub(crate) fn detect(pair: &Pair, out: &mut Vec<ClaimChange>) -> NumberSpans {
    let old = mentions(pair, &pair.old);
    let new = mentions(pair, &pair.new);
    let mut found = Vec::new();
    diff_mentions(pair, ClaimType::Number, (&old, &new), false, &mut found);
    found.sort_by_key(ClaimChange::position);
    for c in found {
        match out.last_mut() {
            Some(last) if last.kind == ClaimType::Number && adjacent(pair, last, &c) => {
                join(last, &c, pair);
            }
            _ => out.push(c),
        }
    }
    (
        old.iter().map(Mention::range).collect(),
        new.iter().map(Mention::range).collect(),
    )
}

/// Whether number change `b` follows `a` with nothing but a little punctuation between
/// them on each side where they have a phrase (both or neither side must have one): one
/// figure written in parts, so one change. Before: `Monday, July 11` removed read two
/// changes, a score `6-2 6-2 7-6` three, a time `1:35` two, a path `/version/1/4` ->
/// `/version/2/0` two; after: one each.
fn adjacent(pair: &Pair, a: &ClaimChange, b: &ClaimChange) -> bool {
    let gap = |text: &str, x: Option<(usize, usize)>, y: Option<(usize, usize)>| match (x, y) {
        (None, None) => Some(None),
        (Some(x), Some(y)) if x.1 <= y.0 => {
            let between = text.get(x.1..y.0)?;
            (between.len() <= MAX_JOIN_GAP_BYTES && !between.chars().any(char::is_alphanumeric))
                .then_some(Some(()))
        }
        _ => None,
    };
    match (
        gap(pair.old.text, a.old_span, b.old_span),
        gap(pair.new.text, a.new_span, b.new_span),
    ) {
        (Some(o), Some(n)) => o.is_some() || n.is_some(),
        _ => false,
    }
}

/// Most bytes between two number changes that [`adjacent`] joins: a separator and a space
/// (`, `, ` - `); more is a second figure in a list (`6, 7 and 8`). Read from the
/// realrev-format news and revision dev sets (the parts of dates, times and scores there
/// stand one to three bytes apart).
const MAX_JOIN_GAP_BYTES: usize = 3;

/// Extend number change `a` over `b`, which [`adjacent`] found right after it.
fn join(a: &mut ClaimChange, b: &ClaimChange, pair: &Pair) {
    let span = |x: Option<(usize, usize)>, y: Option<(usize, usize)>| match (x, y) {
        (Some(x), Some(y)) => Some((x.0, y.1)),
        (x, y) => x.or(y),
    };
    a.old_span = span(a.old_span, b.old_span);
    a.new_span = span(a.new_span, b.new_span);
    a.old = a
        .old_span
        .and_then(|(s, e)| pair.old.text.get(s..e))
        .map(str::to_owned);
    a.new = a
        .new_span
        .and_then(|(s, e)| pair.new.text.get(s..e))
        .map(str::to_owned);
}

/// Number phrases of one side, with approximators, outside titles.
pub(super) fn mentions(pair: &Pair, side: &Side) -> Vec<Mention> {
    let titles = entity::titles(side);
    scan(pair, side)
        .into_iter()
        .filter(|f| !titles.iter().any(|&(a, b)| f.lo < b && f.hi > a))
        .filter(|f| !is_list_marker(side, f))
        .filter(|f| !is_reference(side, f))
        .map(|f| Mention {
            lo: f.lo,
            hi: f.hi,
            key: format!("{}|{}", f.approx.unwrap_or_default(), f.value),
            class: f.value,
            weak: f.weak,
        })
        .collect()
}

/// A list enumerator, not a quantity: a lone figure that opens a sentence and is followed
/// by `.` or `)`. Before: `4. Staff must…` -> `5. Staff should…` reported `number 4 -> 5`;
/// after: only the modality change (renumbering a list is not a claim).
fn is_list_marker(side: &Side, f: &Found) -> bool {
    f.approx.is_none()
        && f.hi == f.lo + 1
        && side.sentence_initial(f.lo)
        && side.toks[f.lo].norm.chars().all(|c| c.is_ascii_digit())
        && side
            .toks
            .get(f.hi)
            .is_some_and(|t| t.norm == "." || t.norm == ")")
}

/// Words before which a figure is a reference, not a quantity: `RFC 5681`, `Section
/// 3.3`, `requirement 4.1`. Before: `updates RFC 4341, RFC 5681` reported five numbers
/// added; after: none (a cited document or section is no claim about a quantity).
const REFERENCE_WORDS: [&str; 17] = [
    "rfc",
    "rfcs",
    "section",
    "sections",
    "chapter",
    "article",
    "clause",
    "appendix",
    "annex",
    "figure",
    "table",
    "requirement",
    "paragraph",
    "step",
    "rule",
    "item",
    "§",
];

/// Whether a number phrase is a figure right after one of [`REFERENCE_WORDS`], or the
/// next figure of a list of them (`RFC 4341, RFC 5681`; `Sections 2 and 3`).
/// A figure written right after `#` is a reference too (`rule #2`, `issue #14`, the
/// character reference `&#64;`).
fn is_reference(side: &Side, f: &Found) -> bool {
    let before = |k: usize| f.lo.checked_sub(k).map(|i| &side.toks[i]);
    f.approx.is_none()
        && (before(1).is_some_and(|t| REFERENCE_WORDS.contains(&t.norm.as_str()))
            || before(1).is_some_and(|t| t.norm == "#" && t.end == side.toks[f.lo].start))
}

/// A time of day written `1:35` (with `a.m.`/`p.m.` after it): the figure before the
/// colon was read alone, and the minutes as a second number. Returns the end token and
/// the key of the time, when a colon and two-digit minutes follow token `hi - 1` with
/// no space.
fn time_at(side: &Side, hi: usize) -> Option<(usize, String)> {
    let toks = &side.toks;
    let (h, colon, m) = (
        toks.get(hi.checked_sub(1)?)?,
        toks.get(hi)?,
        toks.get(hi + 1)?,
    );
    let tight = h.end == colon.start && colon.end == m.start;
    let minutes = m.norm.len() == 2 && m.norm.chars().all(|c| c.is_ascii_digit());
    let hour = h.norm.len() <= 2 && h.norm.chars().all(|c| c.is_ascii_digit());
    if !(tight && minutes && hour && colon.norm == ":") {
        return None;
    }
    let mut end = hi + 2;
    let mut half = "";
    if let Some(t) = toks.get(end)
        && matches!(
            t.norm.as_str(),
            "a.m" | "p.m" | "am" | "pm" | "a.m." | "p.m."
        )
    {
        half = if t.norm.starts_with('a') { "am" } else { "pm" };
        end += 1;
        if toks.get(end).is_some_and(|t| t.norm == "." && !t.gap) && half.len() == 2 {
            end += 1;
        }
    }
    Some((end, format!("time:{}:{}{half}", h.norm, m.norm)))
}

/// The value key of every number core on one side, without approximators:
/// `(first token, end token, value)`. Used by the cosmetic check (`Sixty-two` = `62`).
pub(crate) fn values(pair: &Pair, side: &Side) -> Vec<(usize, usize, String)> {
    scan(pair, side)
        .into_iter()
        .map(|f| (f.core_lo, f.hi, f.value))
        .collect()
}

struct Found {
    lo: usize,
    core_lo: usize,
    hi: usize,
    approx: Option<String>,
    value: String,
    weak: bool,
}

/// Words before which `one` is a pronoun, not a number: `no one`, `every one`, `the one`.
const ONE_PRONOUN_BEFORE: [&str; 9] = [
    "no", "any", "every", "each", "some", "the", "this", "that", "which",
];

fn scan(pair: &Pair, side: &Side) -> Vec<Found> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < side.toks.len() {
        let approx = pair.lex.approximators.match_at(&side.toks, i);
        if let Some((class, n)) = approx
            && let Some(core) = core_at(pair, side, i + n)
        {
            out.push(Found {
                lo: i,
                core_lo: i + n,
                hi: core.hi,
                approx: Some(class.to_owned()),
                value: core.value,
                weak: false,
            });
            i = core.hi.max(i + 1);
            continue;
        }
        if let Some(core) = core_at(pair, side, i) {
            let (hi, value, weak) = match time_at(side, core.hi) {
                Some((end, key)) => (end, key, false),
                None => (core.hi, core.value, core.weak),
            };
            out.push(Found {
                lo: i,
                core_lo: i,
                hi,
                approx: None,
                value,
                weak,
            });
            // Always move on, even if a core were ever empty.
            i = hi.max(i + 1);
            continue;
        }
        // A weekday is a date, reported when it changes (`Monday` -> `Tuesday`), like a month
        // with its day. English only: the other languages have no labelled set to check it.
        if pair.lex.lang == Lang::English
            && pair
                .lex
                .rules
                .weekdays
                .contains(&side.toks[i].norm.as_str())
        {
            out.push(Found {
                lo: i,
                core_lo: i,
                hi: i + 1,
                approx: None,
                value: format!("weekday:{}", side.toks[i].norm),
                weak: false,
            });
        }
        i += 1;
    }
    out
}

struct Core {
    hi: usize,
    value: String,
    weak: bool,
}

#[derive(Debug, Clone, PartialEq)]
enum Elem {
    Num(f64),
    Tag(String),
}

/// What one number word stands for.
enum WordValue {
    Value(f64),
    Scale(f64),
    Unit(String),
    Month(String),
    /// A multiple: `twice`, `doubled`, `halved` (`times 2`, `times 0.5` in the list).
    Times(f64),
}

fn word_value(pair: &Pair, side: &Side, i: usize) -> Option<(WordValue, usize)> {
    let (key, n) = pair.lex.number_words.match_at(&side.toks, i)?;
    let v = if let Some(s) = key.strip_prefix("scale ") {
        WordValue::Scale(s.parse().ok()?)
    } else if let Some(u) = key.strip_prefix("unit ") {
        WordValue::Unit(u.to_owned())
    } else if let Some(m) = key.strip_prefix("month ") {
        WordValue::Month(m.to_owned())
    } else if let Some(x) = key.strip_prefix("times ") {
        WordValue::Times(x.parse().ok()?)
    } else {
        WordValue::Value(key.parse().ok()?)
    };
    Some((v, n))
}

/// The value of a figure like `1,000`, `3.5`, `1.2bn`, `21st`, `1990s`: (value, suffix).
///
/// English: `,` groups thousands and `.` is the decimal point. German, French and
/// Spanish write a decimal comma: `3,5` = 3.5, and a full stop groups thousands, so
/// `1.000` = 1000 and `1.234,5` = 1234.5; a full stop not followed by groups of exactly
/// three digits stays a decimal point (`1.5` = 1.5, as English-style figures are also
/// written there).
fn parse_figure(norm: &str, lang: Lang) -> Option<(f64, String)> {
    if !norm.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let digits_end = norm
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .map_or(norm.len(), |(i, _)| i);
    let raw = norm[..digits_end].trim_end_matches('.');
    let digits: String = if lang == Lang::English {
        raw.chars().filter(|&c| c != ',').collect()
    } else {
        let grouped = raw.contains(',') || raw.split('.').skip(1).all(|g| g.len() == 3);
        if grouped {
            raw.chars()
                .filter(|&c| c != '.')
                .map(|c| if c == ',' { '.' } else { c })
                .collect()
        } else {
            raw.to_owned()
        }
    };
    let value: f64 = digits.parse().ok()?;
    Some((value, norm[digits_end..].to_owned()))
}

fn fmt(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        format!("{}", (v * 1e6).round() / 1e6)
    }
}

/// The number core starting at token `i`, if any.
fn core_at(pair: &Pair, side: &Side, i: usize) -> Option<Core> {
    let toks = &side.toks;
    let lang = pair.lex.lang;
    let rules = pair.lex.rules;
    let figure_at = |k: usize| {
        toks.get(k)
            .is_some_and(|x| parse_figure(&x.norm, lang).is_some())
    };
    let spanish_de =
        |k: usize| lang == Lang::Spanish && toks.get(k).is_some_and(|x| x.norm == "de");
    let mut elems: Vec<Elem> = Vec::new();
    let mut units: Vec<String> = Vec::new();
    let mut j = i;
    let mut has_figure = false;
    let mut only_one = true;
    while let Some(t) = toks.get(j) {
        let prev_num = matches!(elems.last(), Some(Elem::Num(_)));
        // Currency sign before a figure.
        if !t.word && matches!(t.norm.as_str(), "$" | "€" | "£") {
            if toks
                .get(j + 1)
                .is_some_and(|n| parse_figure(&n.norm, lang).is_some())
            {
                units.push(t.norm.clone());
                j += 1;
                continue;
            }
            break;
        }
        if !t.word && t.norm == "%" && prev_num {
            units.push("%".into());
            j += 1;
            continue;
        }
        // A comma between a date and its year: `May 12, 2023`.
        if !t.word
            && t.norm == ","
            && !elems.is_empty()
            && elems
                .iter()
                .any(|e| matches!(e, Elem::Tag(s) if s.starts_with("month")))
            && toks
                .get(j + 1)
                .is_some_and(|n| n.norm.len() == 4 && parse_figure(&n.norm, lang).is_some())
        {
            j += 1;
            continue;
        }
        // Day-month-year joiners: Spanish `5 de marzo de 2025` (`de` between day, month
        // and year), German `3. März 2025` (the full stop marks the ordinal day).
        let day_then_month = matches!(elems.last(), Some(Elem::Num(d)) if (1.0..=31.0).contains(d) && d.fract() == 0.0)
            && matches!(
                word_value(pair, side, j + 1),
                Some((WordValue::Month(_), _))
            );
        let month_then_year = matches!(elems.last(), Some(Elem::Tag(m)) if m.starts_with("month"))
            && figure_at(j + 1);
        let joiner = if spanish_de(j) {
            day_then_month || month_then_year
        } else {
            lang == Lang::German && t.norm == "." && elems.len() == 1 && day_then_month
        };
        if joiner {
            j += 1;
            continue;
        }
        if !t.word {
            break;
        }
        if let Some((mut v, suffix)) = parse_figure(&t.norm, lang) {
            // `10 000`: a group of three digits after a space continues the figure (in
            // French, German and Spanish also after a no-break space: `10\u{a0}000`).
            while let Some(n) = toks.get(j + 1)
                && group_space(side, toks[j].end, n, lang)
                && n.norm.len() == 3
                && n.norm.chars().all(|c| c.is_ascii_digit())
                && suffix.is_empty()
            {
                v = v * 1000.0 + n.norm.parse::<f64>().unwrap_or(0.0);
                j += 1;
            }
            has_figure = true;
            only_one = false;
            elems.push(Elem::Num(v));
            match suffix.as_str() {
                "" | "st" | "nd" | "rd" | "th" => {}
                s => {
                    let tok = super::Tok {
                        norm: s.to_owned(),
                        ..t.clone()
                    };
                    match pair
                        .lex
                        .number_words
                        .match_at(std::slice::from_ref(&tok), 0)
                    {
                        Some((k, _)) if k.starts_with("scale ") => {
                            let f: f64 = k[6..].parse().unwrap_or(1.0);
                            elems.pop();
                            elems.push(Elem::Num(v * f));
                        }
                        Some((k, _)) if k.starts_with("unit ") => units.push(k[5..].to_owned()),
                        _ => elems.push(Elem::Tag(s.to_owned())),
                    }
                }
            }
            j += 1;
            continue;
        }
        // Hyphenated number words: `sixty-two` (62), `four-legged` (4). The longest
        // listed start, then the rest added: `quatre-vingt-dix-sept` = 90 + 7 (English
        // lists no hyphenated word, so the start is the first part there).
        if t.norm.contains('-') {
            let parts: Vec<&str> = t.norm.split('-').collect();
            let head = (1..=parts.len())
                .rev()
                .find_map(|k| single_value(pair, &parts[..k].join("-")).map(|v| (k, v)));
            let Some((k, mut v)) = head else { break };
            let rest: Vec<Option<f64>> = parts[k..].iter().map(|p| single_value(pair, p)).collect();
            for x in rest.iter().map_while(|x| *x) {
                v += x;
            }
            only_one &= v == 1.0;
            elems.push(Elem::Num(v));
            j += 1;
            if rest.iter().any(Option::is_none) {
                break;
            }
            continue;
        }
        // `a`/`an` before a scale or a fraction: `a million`, `a quarter`, `half a million`.
        if matches!(t.norm.as_str(), "a" | "an") {
            if let Some((WordValue::Scale(_) | WordValue::Value(_), _)) =
                word_value(pair, side, j + 1)
                && toks.get(j + 1).is_some_and(|n| {
                    matches!(
                        n.norm.as_str(),
                        "half"
                            | "quarter"
                            | "third"
                            | "million"
                            | "billion"
                            | "thousand"
                            | "hundred"
                            | "trillion"
                            | "dozen"
                    )
                })
            {
                if !prev_num {
                    elems.push(Elem::Num(1.0));
                }
                j += 1;
                continue;
            }
            break;
        }
        // An indefinite article before a scale: `eine Million`, `un millón`.
        if rules.one_before_scale.contains(&t.norm.as_str())
            && let Some((WordValue::Scale(_), _)) = word_value(pair, side, j + 1)
        {
            if !prev_num {
                elems.push(Elem::Num(1.0));
            }
            j += 1;
            continue;
        }
        // The word joining tens and units: `treinta y dos` (32), `vingt et un` (21).
        if rules.number_and.contains(&t.norm.as_str())
            && matches!(elems.last(), Some(Elem::Num(c)) if *c >= 20.0 && *c < 100.0 && *c % 10.0 == 0.0)
        {
            let unit = match word_value(pair, side, j + 1) {
                Some((WordValue::Value(v), 1)) if (1.0..10.0).contains(&v) => Some(v),
                _ if toks
                    .get(j + 1)
                    .is_some_and(|n| rules.one_before_scale.contains(&n.norm.as_str())) =>
                {
                    Some(1.0)
                }
                _ => None,
            };
            if let (Some(u), Some(Elem::Num(c))) = (unit, elems.last_mut()) {
                *c += u;
                j += 2;
                continue;
            }
            break;
        }
        // Connectors between two numbers: `one in five`, `10 to 20`, `a quarter or third`.
        if prev_num && matches!(t.norm.as_str(), "in" | "or" | "to" | "and") {
            let next_is_number = toks
                .get(j + 1)
                .is_some_and(|n| parse_figure(&n.norm, lang).is_some())
                || matches!(
                    word_value(pair, side, j + 1),
                    Some((WordValue::Value(_), _))
                );
            if next_is_number {
                elems.push(Elem::Tag(t.norm.clone()));
                j += 1;
                continue;
            }
            break;
        }
        match word_value(pair, side, j) {
            Some((WordValue::Value(v), n)) => {
                let word = t.norm.as_str();
                // `third` and `quarter` are ordinals unless counted: `a quarter`, `or third`.
                if matches!(word, "third" | "quarter")
                    && !matches!(elems.last(), Some(Elem::Num(_) | Elem::Tag(_)))
                {
                    break;
                }
                if lang != Lang::English && v == 1.0 && n == 1 {
                    // `uno`, `eins`: as weak as `one`.
                } else if word == "one" && n == 1 {
                    let before = j.checked_sub(1).map(|k| toks[k].norm.as_str());
                    let after = toks.get(j + 1).map(|t| t.norm.as_str());
                    if before.is_some_and(|b| ONE_PRONOUN_BEFORE.contains(&b))
                        || matches!(after, Some("another" | "'s"))
                    {
                        break;
                    }
                } else {
                    only_one = false;
                }
                match elems.last_mut() {
                    Some(Elem::Num(c))
                        if v < 1.0 && *c >= 1.0 && *c < 10.0 && j > i && !toks[j - 1].word =>
                    {
                        break;
                    }
                    Some(Elem::Num(c)) if v < 1.0 => *c *= v,
                    Some(Elem::Num(c))
                        if *c >= 20.0 && *c < 100.0 && *c % 10.0 == 0.0 && v < 10.0 =>
                    {
                        *c += v
                    }
                    Some(Elem::Num(c)) if *c >= 100.0 && v < 100.0 => *c += v,
                    _ => elems.push(Elem::Num(v)),
                }
                j += n;
            }
            Some((WordValue::Scale(s), n)) if prev_num => {
                if let Some(Elem::Num(c)) = elems.last_mut() {
                    *c *= s;
                }
                only_one = false;
                j += n;
            }
            // A plural scale on its own is a vague count: `thousands of dollars`,
            // `hundreds of people` (`thousands` -> `millions` is a change of magnitude).
            Some((WordValue::Scale(s), 1)) if elems.is_empty() && t.norm.ends_with('s') => {
                elems.push(Elem::Tag(format!("{MAGNITUDE}{}", fmt(s))));
                only_one = false;
                j += 1;
                break;
            }
            // A scale on its own outside English: a plural is a vague count (`Tausende`,
            // `milliers`, `miles`), a singular a figure (`tausend`, `mille`, `mil`).
            Some((WordValue::Scale(s), n)) if elems.is_empty() && lang != Lang::English => {
                let w = t.norm.as_str();
                let plural = match lang {
                    Lang::German => w.ends_with('e') || w.ends_with("en"),
                    _ => w.ends_with('s'),
                };
                j += n;
                only_one = false;
                if plural {
                    elems.push(Elem::Tag(format!("{MAGNITUDE}{}", fmt(s))));
                    break;
                }
                elems.push(Elem::Num(s));
            }
            // A multiple on its own: `doubled` -> `tripled`, `met him twice`.
            Some((WordValue::Times(x), n)) if elems.is_empty() => {
                elems.push(Elem::Tag(format!("{TIMES}{}", fmt(x))));
                only_one = false;
                j += n;
                break;
            }
            Some((WordValue::Unit(u), n)) if prev_num => {
                units.push(u);
                j += n;
            }
            // French and Spanish months are lower case: a month only next to a figure
            // (`le 5 mars`, `en marzo de 2025`).
            Some((WordValue::Month(m), n))
                if !t.cap
                    && matches!(lang, Lang::French | Lang::Spanish)
                    && (prev_num
                        || figure_at(j + n)
                        || (spanish_de(j + n) && figure_at(j + n + 1))) =>
            {
                elems.push(Elem::Tag(format!("month{m}")));
                only_one = false;
                has_figure = true;
                j += n;
            }
            Some((WordValue::Month(m), n)) if t.cap => {
                // `May` is a month only next to a figure (`12 May`, `May 2023`).
                let next_fig = toks
                    .get(j + n)
                    .is_some_and(|x| parse_figure(&x.norm, lang).is_some());
                if m == "5" && lang == Lang::English && !prev_num && !next_fig {
                    break;
                }
                elems.push(Elem::Tag(format!("month{m}")));
                only_one = false;
                has_figure = true;
                j += n;
            }
            _ => break,
        }
    }
    // Trailing connectors are not part of the number. Only a tag that is the last token
    // taken is one: the suffix of `1.2in` (1.2 inches) is a tag of the figure's own token.
    while let Some(Elem::Tag(t)) = elems.last()
        && matches!(t.as_str(), "in" | "or" | "to" | "and")
        && j > i
        && toks.get(j - 1).is_some_and(|prev| prev.norm == *t)
    {
        elems.pop();
        j -= 1;
    }
    if elems.is_empty()
        || !elems.iter().any(|e| {
            matches!(e, Elem::Num(_))
                || matches!(e, Elem::Tag(t) if t.starts_with("month") || t.starts_with(MAGNITUDE) || t.starts_with(TIMES))
        })
    {
        return None;
    }
    units.sort();
    // `3 March 2024` = `March 3, 2024`: the day goes after its month in the key.
    if let [Elem::Num(d), Elem::Tag(m), ..] = elems.as_slice()
        && m.starts_with("month")
        && *d >= 1.0
        && *d <= 31.0
        && d.fract() == 0.0
    {
        elems.swap(0, 1);
    }
    let value = elems
        .iter()
        .map(|e| match e {
            Elem::Num(v) => fmt(*v),
            Elem::Tag(t) => t.clone(),
        })
        .collect::<Vec<_>>()
        .join(" ");
    let weak = only_one && !has_figure && units.is_empty();
    Some(Core {
        hi: j,
        value: if units.is_empty() {
            value
        } else {
            format!("{value} {}", units.join(" "))
        },
        weak,
    })
}

/// Whether `next` continues a figure ending at byte `end` as a group of thousands: one
/// space between them (or, outside English, one no-break space).
fn group_space(side: &Side, end: usize, next: &super::Tok, lang: Lang) -> bool {
    let sep = &side.text[end..next.start];
    (sep == " " && !next.gap) || (lang != Lang::English && matches!(sep, "\u{a0}" | "\u{202f}"))
}

/// Key prefix of a vague count (`thousands`: `~1000`).
const MAGNITUDE: &str = "~";

/// Key prefix of a multiple (`twice`, `doubled`: `x2`).
const TIMES: &str = "x";

/// The value of one number word (`sixty`), if it is a plain value.
fn single_value(pair: &Pair, word: &str) -> Option<f64> {
    let key = pair
        .lex
        .number_words
        .entries
        .iter()
        .find(|(w, _)| w.len() == 1 && w[0] == word)?
        .1
        .as_str();
    key.parse().ok()
}

#[cfg(test)]
mod tests {
    use crate::claims::ClaimType::Number;
    use crate::claims::tests::{of_type, s};

    fn num(old: &str, new: &str) -> Vec<(Option<String>, Option<String>)> {
        of_type(Number, old, new)
    }

    #[test]
    fn approximator_and_value() {
        // Before: `More than 60 countries`; after: `Nearly 70 countries`.
        assert_eq!(
            num(
                "More than 60 countries wrote.",
                "Nearly 70 countries wrote."
            ),
            [(s("More than 60"), s("Nearly 70"))]
        );
        // Only the approximator changes.
        assert_eq!(
            num("Nearly 1,000 came.", "More than 1,000 came."),
            [(s("Nearly 1,000"), s("More than 1,000"))]
        );
    }

    #[test]
    fn same_value_written_otherwise() {
        assert!(num("Sixty-two died, a big loss.", "62 died, a huge loss.").is_empty());
        assert!(num("It rose 4.2 percent at once.", "It rose 4.2% quickly.").is_empty());
        assert!(num("Over 60 came today.", "More than 60 came yesterday.").is_empty());
        assert!(num("It had four legs.", "It was four-legged.").is_empty());
    }

    #[test]
    fn words_money_dates() {
        assert_eq!(
            num("Twelve died.", "Twenty died."),
            [(s("Twelve"), s("Twenty"))]
        );
        assert_eq!(
            num("It cost $1.2bn.", "It cost $1.5bn."),
            [(s("$1.2bn"), s("$1.5bn"))]
        );
        assert_eq!(
            num("On 12 May they met.", "On 21 May they met."),
            [(s("12 May"), s("21 May"))]
        );
        assert_eq!(
            num("One in five agreed.", "One in four agreed."),
            [(s("One in five"), s("One in four"))]
        );
        assert_eq!(
            num("Half a million fled.", "Nearly half a million fled."),
            [(s("Half a million"), s("Nearly half a million"))]
        );
    }

    #[test]
    fn weekdays_times_and_references() {
        assert_eq!(
            num("They met on Monday.", "They met on Tuesday."),
            [(s("Monday"), s("Tuesday"))]
        );
        assert!(num("They met on Monday.", "On Monday they met.").is_empty());
        assert_eq!(
            num(
                "It struck at 1:35 a.m. today.",
                "It struck at 1:30 a.m. today."
            ),
            [(s("1:35 a.m."), s("1:30 a.m."))]
        );
        assert!(num("It updates RFC 5681.", "It updates RFC 5681 and RFC 9002.").is_empty());
        assert!(num("See Section 3.", "See Section 4.").is_empty());
    }

    #[test]
    fn heading_enumerators() {
        assert!(
            num(
                "### 4. Services Usage Limits",
                "### 5. Services Usage Limits"
            )
            .is_empty()
        );
        assert!(num("- 2) Staff may leave.", "- 3) Staff may leave.").is_empty());
    }

    #[test]
    fn not_numbers() {
        // `May` the modal, `one day`, `no one`, ordinals.
        assert!(num("It may rain.", "It will rain.").is_empty());
        assert!(num("Some day I will pay.", "One day I will pay.").is_empty());
        assert!(num("The Third Committee met.", "The committee met.").is_empty());
    }

    #[test]
    fn multiples_and_vague_magnitudes() {
        assert_eq!(
            num("The defence budget doubled.", "The defence budget tripled."),
            [(s("doubled"), s("tripled"))]
        );
        assert_eq!(
            num("She had never met him.", "She had met him twice."),
            [(None, s("twice"))]
        );
        assert_eq!(
            num(
                "It will cost hundreds of dollars.",
                "It will cost thousands of dollars."
            ),
            [(s("hundreds"), s("thousands"))]
        );
        // The magnitude is unchanged; the weekday added is a date (issue 14: weekdays count).
        assert_eq!(
            num("Thousands marched.", "Thousands marched on Sunday."),
            [(None, s("Sunday"))]
        );
    }

    #[test]
    fn day_and_month_in_either_order() {
        assert!(
            num(
                "The vote was on 3 March 2024.",
                "The vote was on March 3, 2024."
            )
            .is_empty()
        );
        assert_eq!(
            num(
                "The vote was on 3 March 2024.",
                "The vote was on March 4, 2024."
            ),
            [(s("3 March 2024"), s("March 4, 2024"))]
        );
    }

    #[test]
    fn suffix_that_reads_as_a_connector() {
        // Found by the `compare` fuzz target: the suffix of `1.2in` was taken for a trailing
        // `in` and given back as a token, so the number ended where it began and the scan
        // looped, filling memory.
        assert_eq!(
            num("It cost 1.2in today.", "It cost 1.3in today."),
            [(s("1.2in"), s("1.3in"))]
        );
        assert_eq!(
            num("Pipes of 2or 3 metres.", "Pipes of 2to 3 metres."),
            [(s("2or 3"), s("2to 3"))]
        );
    }

    #[test]
    fn parts_of_one_figure_are_one_change() {
        assert_eq!(
            num(
                "It opens on Monday, July 11 in Paris.",
                "It opens in Paris."
            ),
            [(s("Monday, July 11"), None)]
        );
        assert_eq!(
            num("He won 6-2 6-2 7-6 in the end.", "He won in the end."),
            [(s("6-2 6-2 7-6"), None)]
        );
        assert_eq!(
            num("See /version/1/4 now.", "See /version/2/0 now."),
            [(s("1/4"), s("2/0"))]
        );
        // Two figures with words between stay two changes.
        assert_eq!(
            num(
                "The 6 boats and the 9 cars.",
                "The 7 boats and the 10 cars."
            ),
            [(s("6"), s("7")), (s("9"), s("10"))]
        );
    }

    #[test]
    fn a_figure_after_a_hash_is_a_reference() {
        assert!(
            num(
                "In rule #2, inc is a function.",
                "The function limit returns."
            )
            .is_empty()
        );
        assert!(num("Mail support&#64;example.com.", "Mail us.").is_empty());
    }
}

//! Typed claim changes between two sentences: numbers, negation, modality, attribution,
//! entities and intensity, and whether a rewording is only cosmetic.
//!
//! Every detector follows the same plan:
//!
//! 1. Both sides are cut into tokens (words and punctuation with absolute byte spans;
//!    contractions split: `isn't` -> `is` + `n't`, `cannot` -> `can` + `not`).
//! 2. A word diff between the sides gives each changed token a *hunk* number (tokens in
//!    the same run of changes share it).
//! 3. Each detector lists its *mentions* on each side (`more than 60`, `not`, `said Wang`),
//!    each with a normalised key (`>|60`, `neg`, `wang`).
//! 4. Pairing matches mentions with equal keys (unchanged, wherever they moved), then
//!    pairs the rest by hunk (a replacement), and reports what is left as added or removed.
//!
//! Word lists are data, one file per language under `src/data/<lang>/` (English, German,
//! French, Spanish), read once per language; the few function words the rules look at
//! (articles, auxiliaries, connectors) are small per-language tables in `rules.rs`.
//!
//! ```
//! use claimdiff::claims::{ClaimType, compare_sentences};
//! use claimdiff::Lang;
//!
//! let (changes, substantive) = compare_sentences(
//!     "More than 60 countries signed.",
//!     "Nearly 70 countries signed.",
//!     Lang::English,
//! );
//! assert!(substantive);
//! assert_eq!(changes[0].kind, ClaimType::Number);
//! assert_eq!(changes[0].old.as_deref(), Some("More than 60"));
//! assert_eq!(changes[0].new.as_deref(), Some("Nearly 70"));
//! ```

#![allow(
    clippy::indexing_slicing,
    reason = "reviewed: token indexes and ranges come from scans of the same token list (`Side::toks`) and its parallel hunk/peer vectors of equal length"
)]

use foldhash::HashMap;

use serde::{Deserialize, Serialize};
use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};

use crate::segment::Lang;
use crate::text::{TokenKind, fold_char, tokens};

mod attribution;
mod cosmetic;
mod entity;
mod intensity;
#[cfg(test)]
mod lang_tests;
pub(crate) mod modality;
pub(crate) mod negation;
pub(crate) mod number;
pub mod phrases;
pub(crate) mod rules;

/// The type of a claim change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ClaimType {
    /// A quantity, percentage, amount, date or year (with its approximator) changed.
    Number,
    /// A negation was added or removed (polarity flipped).
    Negation,
    /// Certainty or obligation changed: modal verbs, evidential verbs, hedges.
    Modality,
    /// Who the claim is attributed to changed, or a quotation changed: altered, cut,
    /// turned from reported speech into a quotation or back (reason `quote`).
    Attribution,
    /// A named person, organisation, place, acronym or titled work changed.
    Entity,
    /// An intensifier, downtoner, quantifier or focus word changed, or a verb was
    /// replaced by one of opposite sense (reason `antonym`: `approved` -> `rejected`).
    Intensity,
}

impl ClaimType {
    /// Every type, in display order.
    pub const ALL: [ClaimType; 6] = [
        ClaimType::Number,
        ClaimType::Negation,
        ClaimType::Modality,
        ClaimType::Attribution,
        ClaimType::Entity,
        ClaimType::Intensity,
    ];

    /// The lower-case name used in JSON, on the terminal and by `--only`.
    pub fn name(self) -> &'static str {
        match self {
            ClaimType::Number => "number",
            ClaimType::Negation => "negation",
            ClaimType::Modality => "modality",
            ClaimType::Attribution => "attribution",
            ClaimType::Entity => "entity",
            ClaimType::Intensity => "intensity",
        }
    }

    /// The type named `name` (as [`ClaimType::name`] gives it, any case), if any. Earlier
    /// names are kept as aliases: `hedge` (the terminal's old tag for a distancing
    /// modality change) is `modality`, `quote` is `attribution`.
    pub fn from_name(name: &str) -> Option<Self> {
        let name = name.to_ascii_lowercase();
        match name.as_str() {
            "hedge" | "hedges" => Some(ClaimType::Modality),
            "quote" | "quotes" | "quotation" => Some(ClaimType::Attribution),
            _ => Self::ALL.into_iter().find(|t| t.name() == name),
        }
    }
}

/// One typed change of a claim between an old and a new sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimChange {
    /// What kind of change.
    pub kind: ClaimType,
    /// The old phrase (`More than 60`), or `None` when it was added.
    pub old: Option<String>,
    /// The new phrase (`Nearly 70`), or `None` when it was removed.
    pub new: Option<String>,
    /// Byte range of `old` in the old document text.
    pub old_span: Option<(usize, usize)>,
    /// Byte range of `new` in the new document text.
    pub new_span: Option<(usize, usize)>,
    /// Why a change of this type, when its type alone does not say (see
    /// `docs/claims.md`): `hedge` (a distancing modality change: `so-called`, scare
    /// quotes), `quote` (an attribution change inside or of a quotation), `antonym` (an
    /// intensity change to a verb of opposite sense). `None` otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl ClaimChange {
    /// The name shown on a tag: the type's name, with the reason when there is one
    /// (`modality (hedge)`, `attribution (quote)`). Every view and `--only` use the same
    /// type names.
    pub fn label(&self) -> String {
        match &self.reason {
            Some(r) => format!("{} ({r})", self.kind.name()),
            None => self.kind.name().to_owned(),
        }
    }

    /// Whether this is a distancing hedge (`allegedly`, `so-called`, scare quotes) rather
    /// than another modality change; such a change has the reason `hedge`.
    pub fn is_hedge(&self) -> bool {
        if self.kind != ClaimType::Modality {
            return false;
        }
        // The change does not say its language: a hedge of any language with claim rules
        // counts (the lists share no word with another language's modal words), by a
        // list's key (`so-called`) or any of its forms (`sogenannten`).
        [&self.old, &self.new].into_iter().flatten().any(|t| {
            let lower = t.to_lowercase();
            rules::LANGS.iter().any(|&l| {
                let hedges = &Lexicon::get(l).hedges;
                hedges.has_key(&lower) || hedges.has_phrase(&lower)
            }) || modality::is_quoted(t)
        })
    }

    /// Where the change sits, for ordering: its old start, else its new start.
    fn position(&self) -> (usize, usize) {
        (
            self.old_span.map_or(usize::MAX, |s| s.0),
            self.new_span.map_or(usize::MAX, |s| s.0),
        )
    }
}

/// Longest sentence (bytes, either side) whose claim changes are analysed; longer ones
/// are reported substantive with no typed changes. The longest sentence of the labelled
/// sets is under 1 KB; 64 KB keeps any real sentence.
pub const MAX_CLAIM_BYTES: usize = 64 * 1024;

/// The claim changes between `old_text[old_span]` and `new_text[new_span]`, and whether the
/// rewording is substantive (`false` when only whitespace, punctuation, case, quote style,
/// a spelling variant, a contraction or the way a number is written differ; then the list
/// is empty). Spans in the result are absolute byte ranges in `old_text` / `new_text`.
/// Sentences longer than [`MAX_CLAIM_BYTES`] are substantive with no typed changes.
///
/// # Panics
/// If a span is out of range or not on a character boundary.
pub fn claim_changes(
    old_text: &str,
    old_span: (usize, usize),
    new_text: &str,
    new_span: (usize, usize),
    lang: Lang,
) -> (Vec<ClaimChange>, bool) {
    // A "sentence" this long is a text without stops (a log, a table flattened to one
    // line): its claims cannot be read, and the token lists would cost tens of bytes per
    // byte of input. It counts as substantive, with no typed changes.
    if old_span.1.saturating_sub(old_span.0) > MAX_CLAIM_BYTES
        || new_span.1.saturating_sub(new_span.0) > MAX_CLAIM_BYTES
    {
        return (Vec::new(), true);
    }
    let lex = Lexicon::get(lang);
    let pair = Pair::new(old_text, old_span, new_text, new_span, lex);
    if cosmetic::is_cosmetic(&pair) {
        return (Vec::new(), false);
    }
    let mut out = Vec::new();
    let numbers = number::detect(&pair, &mut out);
    negation::detect(&pair, &mut out);
    modality::detect(&pair, &mut out);
    let speakers = attribution::detect(&pair, &mut out);
    entity::detect(&pair, &speakers, &mut out);
    intensity::detect(&pair, &numbers, &mut out);
    for c in &mut out {
        if c.reason.is_none() && c.is_hedge() {
            c.reason = Some("hedge".to_owned());
        }
    }
    out.sort_by_key(ClaimChange::position);
    (out, true)
}

/// [`claim_changes`] on two plain sentences; spans are byte ranges in `old` and `new`.
pub fn compare_sentences(old: &str, new: &str, lang: Lang) -> (Vec<ClaimChange>, bool) {
    claim_changes(old, (0, old.len()), new, (0, new.len()), lang)
}

// ---------------------------------------------------------------------------------------
// Word lists

/// A list of phrases, each with the key it stands for. Parsed from a data file whose lines
/// are `key = variant, variant` or a lone phrase (its own key); `#` starts a comment.
#[derive(Debug, Default)]
pub(crate) struct PhraseList {
    /// (words of the variant, key), longest variants first.
    entries: Vec<(Vec<String>, String)>,
    /// Indexes into `entries` (ascending) by the variant's first word, so that a lookup
    /// tries only the variants that can match instead of the whole list.
    by_first: HashMap<String, Vec<usize>>,
}

impl PhraseList {
    pub(crate) fn parse(src: &str) -> Self {
        let mut entries = Vec::new();
        for line in src.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (key, variants) = match line.split_once(" = ") {
                Some((k, v)) => (k.trim(), v),
                None => (line, ""),
            };
            let words = |p: &str| -> Vec<String> { p.split_whitespace().map(norm_word).collect() };
            entries.push((words(key), key.to_owned()));
            for v in variants.split(',').map(str::trim).filter(|v| !v.is_empty()) {
                entries.push((words(v), key.to_owned()));
            }
        }
        entries.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::default();
        for (k, (words, _)) in entries.iter().enumerate() {
            // A variant without words would match everywhere without moving on; none exists.
            if let Some(first) = words.first() {
                by_first.entry(first.clone()).or_default().push(k);
            }
        }
        Self { entries, by_first }
    }

    /// Whether the list has no entries (a language without this list).
    pub(crate) fn by_first_is_empty(&self) -> bool {
        self.by_first.is_empty()
    }

    /// Whether some entry has the key `key`.
    pub(crate) fn has_key(&self, key: &str) -> bool {
        self.entries.iter().any(|(_, k)| k == key)
    }

    /// The key and length (in tokens) of the longest variant starting at token `i`.
    pub(crate) fn match_at(&self, toks: &[Tok], i: usize) -> Option<(&str, usize)> {
        let candidates = self.by_first.get(&toks.get(i)?.norm)?;
        candidates.iter().find_map(|&k| {
            let (words, key) = &self.entries[k];
            let n = words.len();
            (i + n <= toks.len() && toks[i..i + n].iter().zip(words).all(|(t, w)| t.norm == *w))
                .then_some((key.as_str(), n))
        })
    }

    /// Every match, leftmost-longest, not overlapping: `(first token, end token, key)`.
    pub(crate) fn find_all(&self, toks: &[Tok]) -> Vec<(usize, usize, String)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            if let Some((key, n)) = self.match_at(toks, i) {
                out.push((i, i + n, key.to_owned()));
                i += n;
            } else {
                i += 1;
            }
        }
        out
    }

    /// Whether `phrase` (lower case, words separated by single spaces) is a variant.
    pub(crate) fn has_phrase(&self, phrase: &str) -> bool {
        let words: Vec<String> = phrase.split_whitespace().map(norm_word).collect();
        self.entries.iter().any(|(w, _)| *w == words)
    }

    /// Whether the one-word `word` (normalised) is a variant.
    pub(crate) fn contains_word(&self, word: &str) -> bool {
        self.by_first
            .get(word)
            .is_some_and(|ks| ks.iter().any(|&k| self.entries[k].0.len() == 1))
    }

    /// The key of the one-word variant `word` (normalised), if any.
    pub(crate) fn key_of_word(&self, word: &str) -> Option<&str> {
        self.by_first.get(word).and_then(|ks| {
            ks.iter()
                .map(|&k| &self.entries[k])
                .find(|(w, _)| w.len() == 1)
                .map(|(_, key)| key.as_str())
        })
    }

    /// Whether one-word entries link `a` and `b` (either is the key of a line that has
    /// the other as a variant): for lists of pairs such as `accept = reject`.
    pub(crate) fn links(&self, a: &str, b: &str) -> bool {
        let linked = |x: &str, y: &str| {
            self.by_first.get(x).is_some_and(|ks| {
                ks.iter()
                    .any(|&k| self.entries[k].0.len() == 1 && self.entries[k].1 == y)
            })
        };
        a != b && (linked(a, b) || linked(b, a))
    }
}

/// The word lists of one language, with its small function-word tables.
#[derive(Debug)]
pub(crate) struct Lexicon {
    pub lang: Lang,
    pub rules: &'static rules::Rules,
    pub negation: PhraseList,
    pub negation_not: PhraseList,
    pub modality: PhraseList,
    pub hedges: PhraseList,
    pub intensifiers: PhraseList,
    pub approximators: PhraseList,
    pub number_words: PhraseList,
    pub speech_verbs: PhraseList,
    pub spelling: PhraseList,
    pub stopwords: PhraseList,
    pub institutions: PhraseList,
    /// Words only ever written in lower case in the dictionary (WordNet, English only).
    pub common_words: PhraseList,
    /// Verbs of opposite sense, `lemma = lemma` pairs (WordNet, English only).
    pub antonym_verbs: PhraseList,
    /// Irregular verb forms, `lemma = form` (WordNet, English only).
    pub verb_forms: PhraseList,
}

/// The word list `src/data/$dir/$name.txt`, built into the binary.
macro_rules! list {
    ($dir:literal, $name:literal) => {
        PhraseList::parse(include_str!(concat!("../data/", $dir, "/", $name, ".txt")))
    };
}

/// The lexicon of `$lang` from the files in `src/data/$dir/`.
macro_rules! lexicon {
    ($lang:expr, $dir:literal) => {
        Lexicon {
            lang: $lang,
            rules: rules::rules($lang),
            negation: list!($dir, "negation"),
            negation_not: list!($dir, "negation_not"),
            modality: list!($dir, "modality"),
            hedges: list!($dir, "hedges"),
            intensifiers: list!($dir, "intensifiers"),
            approximators: list!($dir, "approximators"),
            number_words: list!($dir, "number_words"),
            speech_verbs: list!($dir, "speech_verbs"),
            spelling: list!($dir, "spelling"),
            stopwords: list!($dir, "stopwords"),
            institutions: list!($dir, "institutions"),
            common_words: list!($dir, "common_words"),
            antonym_verbs: list!($dir, "antonym_verbs"),
            verb_forms: list!($dir, "verb_forms"),
        }
    };
}

pub(crate) use {lexicon, list};

impl Lexicon {
    /// The lists for `lang`, read once per language.
    pub(crate) fn get(lang: Lang) -> &'static Lexicon {
        lang.pack().lexicon()
    }

    pub(crate) fn is_stopword(&self, norm: &str) -> bool {
        self.stopwords.contains_word(norm)
    }

    /// The base forms `norm` (a lower-case word) may be an inflection of, itself first:
    /// `participants` -> `participant`, `rejected` -> `reject`, `stopped` -> `stop`,
    /// `fell` -> `fall` (irregular forms from [`Lexicon::verb_forms`]). Candidates only:
    /// a caller keeps those its list has.
    pub(crate) fn base_forms(&self, norm: &str) -> Vec<String> {
        let mut out = vec![norm.to_owned()];
        if let Some(lemma) = self.verb_forms.key_of_word(norm) {
            out.push(lemma.to_owned());
        }
        let n = norm.chars().count();
        if n < 4 {
            return out;
        }
        for (suffix, add) in [
            ("ies", "y"),
            ("ied", "y"),
            ("es", ""),
            ("s", ""),
            ("ed", ""),
            ("ed", "e"),
            ("d", ""),
            ("ing", ""),
            ("ing", "e"),
        ] {
            if let Some(stem) = norm.strip_suffix(suffix) {
                out.push(format!("{stem}{add}"));
                // A doubled final consonant: `stopped` -> `stop`, `planning` -> `plan`.
                let b = stem.as_bytes();
                if add.is_empty()
                    && (suffix == "ed" || suffix == "ing")
                    && b.len() >= 2
                    && b[b.len() - 1] == b[b.len() - 2]
                {
                    out.push(stem[..stem.len() - 1].to_owned());
                }
            }
        }
        out
    }

    /// Whether `norm` is a common word in some form: a dictionary word never written
    /// with a capital (`participants`, `encrypted`), so that capitalised it is a heading
    /// word or a defined term, not a name.
    pub(crate) fn is_common_word(&self, norm: &str) -> bool {
        self.base_forms(norm)
            .iter()
            .any(|w| self.common_words.contains_word(w))
    }
}

// ---------------------------------------------------------------------------------------
// Tokens and the pair of sides

/// A word or punctuation token with its absolute byte span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tok {
    /// Absolute byte range in the document text.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
    /// Lower-cased, quotes and dashes folded (`’` -> `'`, `—` -> `-`).
    pub norm: String,
    /// A word (letters or digits), not punctuation.
    pub word: bool,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// Two or more letters, all upper-case (`NATO`, `US`).
    pub upper: bool,
    /// Whitespace (other than a single space) before this token: a line break, double space.
    pub gap: bool,
}

/// Lower-case a word and fold its quotes and dashes.
pub(crate) fn norm_word(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    for c in w.chars() {
        match fold_char(c) {
            Some(s) => out.push_str(s),
            None => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Contraction suffixes split off a word: `'ll`, `'re`... (`n't` is handled apart).
const CLITICS: [&str; 6] = ["'ll", "'re", "'ve", "'m", "'s", "'d"];

/// Cut `text[span]` into tokens with absolute spans.
///
/// Before: `They can't go`; after: `They` `ca` `n't` `go`. `cannot` gives `can` `not`.
#[cfg(test)]
pub(crate) fn toks(text: &str, span: (usize, usize)) -> Vec<Tok> {
    toks_with(text, span, &[])
}

/// [`toks`], also splitting the elided articles and pronouns `elisions` off the front of
/// a word. Before: `l'ONU n'a` (French); after: `l'` `ONU` `n'` `a`.
pub(crate) fn toks_with(text: &str, span: (usize, usize), elisions: &[&str]) -> Vec<Tok> {
    let base = span.0;
    let slice = &text[span.0..span.1];
    let mut out = Vec::new();
    let mut gap = false;
    // Link targets are not read (sorted ranges, walked along with the tokens).
    let hidden = cosmetic::link_targets(slice);
    let mut h = 0;
    for t in tokens(slice) {
        while hidden.get(h).is_some_and(|r| r.1 <= t.span.start) {
            h += 1;
        }
        if hidden.get(h).is_some_and(|r| r.0 <= t.span.start) {
            continue;
        }
        let raw = &slice[t.span.clone()];
        let (s, e) = (base + t.span.start, base + t.span.end);
        match t.kind {
            TokenKind::Space => {
                gap = raw != " ";
            }
            TokenKind::Punct => {
                out.push(make_tok(s, e, raw, false, gap));
                gap = false;
            }
            TokenKind::Word => {
                let norm = norm_word(raw);
                // Byte length of a suffix in `raw` that normalises to `suffix` (same char count).
                let cut = |suffix_chars: usize| -> usize {
                    raw.char_indices()
                        .rev()
                        .nth(suffix_chars - 1)
                        .map_or(0, |(i, _)| i)
                };
                let elided = elisions.iter().find(|el| {
                    norm.starts_with(*el)
                        && norm.len() > el.len()
                        && norm[el.len()..].starts_with(char::is_alphanumeric)
                });
                if let Some(el) = elided {
                    // Same char count in `raw` and `norm` (quotes fold one for one).
                    let k = raw
                        .char_indices()
                        .nth(el.chars().count())
                        .map_or(raw.len(), |(i, _)| i);
                    out.push(make_tok(s, s + k, &raw[..k], true, gap));
                    out.push(make_tok(s + k, e, &raw[k..], true, false));
                } else if norm.ends_with("n't") && norm.len() > 3 {
                    let k = cut(3);
                    out.push(make_tok(s, s + k, &raw[..k], true, gap));
                    out.push(make_tok(s + k, e, &raw[k..], true, false));
                } else if norm == "cannot" {
                    out.push(make_tok(s, s + 3, &raw[..3], true, gap));
                    out.push(make_tok(s + 3, e, &raw[3..], true, false));
                } else if let Some(cl) = CLITICS
                    .iter()
                    .find(|c| norm.ends_with(*c) && norm.len() > c.len())
                {
                    let k = cut(cl.chars().count());
                    out.push(make_tok(s, s + k, &raw[..k], true, gap));
                    out.push(make_tok(s + k, e, &raw[k..], true, false));
                } else {
                    out.push(make_tok_norm(s, e, raw, norm, true, gap));
                }
                gap = false;
            }
        }
    }
    out
}

fn make_tok(start: usize, end: usize, raw: &str, word: bool, gap: bool) -> Tok {
    make_tok_norm(start, end, raw, norm_word(raw), word, gap)
}

/// [`make_tok`] with the normalised text already computed.
fn make_tok_norm(start: usize, end: usize, raw: &str, norm: String, word: bool, gap: bool) -> Tok {
    // Two or more letters, all upper case (no allocation).
    let (mut letters, mut all_upper) = (0usize, true);
    for c in raw.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        all_upper &= c.is_uppercase();
    }
    Tok {
        start,
        end,
        norm,
        word,
        cap: raw.chars().next().is_some_and(char::is_uppercase),
        upper: letters >= 2 && all_upper,
        gap,
    }
}

/// Is `t` an opening or closing quotation mark?
pub(crate) fn is_quote(t: &Tok) -> bool {
    !t.word && matches!(t.norm.as_str(), "\"" | "'")
}

/// One side of a pair: the document text, its tokens, and each token's hunk.
#[derive(Debug)]
pub(crate) struct Side<'a> {
    pub text: &'a str,
    pub toks: Vec<Tok>,
    /// For each token, the run of changes it is in (`None`: kept as is).
    pub hunk: Vec<Option<usize>>,
    /// For each token kept as is, its index on the other side.
    pub peer: Vec<Option<usize>>,
    /// The all-capitals words of this side (`NATO`, `IMF`), normalised, sorted, unique:
    /// for acronym look-ups without a scan of the tokens.
    pub acronyms: Vec<String>,
}

/// The sorted, unique normalised all-capitals words of `toks`.
fn acronyms(toks: &[Tok]) -> Vec<String> {
    let mut v: Vec<String> = toks
        .iter()
        .filter(|t| t.upper)
        .map(|t| t.norm.clone())
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

impl Side<'_> {
    /// Whether this side has the all-capitals word `norm`.
    pub(crate) fn has_acronym(&self, norm: &str) -> bool {
        self.acronyms
            .binary_search_by(|a| a.as_str().cmp(norm))
            .is_ok()
    }

    /// Byte span of tokens `lo..hi`.
    pub(crate) fn span(&self, lo: usize, hi: usize) -> (usize, usize) {
        (self.toks[lo].start, self.toks[hi - 1].end)
    }

    /// Text of tokens `lo..hi`, as written.
    pub(crate) fn slice(&self, lo: usize, hi: usize) -> &str {
        let (s, e) = self.span(lo, hi);
        &self.text[s..e]
    }

    /// Whether token `i` starts a sentence: nothing before it but opening quotes and
    /// Markdown marks (`### `, `- `, `* `, `> `), or after a full stop, question or
    /// exclamation mark, a colon or a table cell's `|`.
    /// Before: `### 4. Services` read `4` as mid-sentence (a `#` before it); after: it
    /// opens the heading, so it is an enumerator, not a quantity.
    pub(crate) fn sentence_initial(&self, i: usize) -> bool {
        let mut k = i;
        while k > 0 {
            k -= 1;
            let t = &self.toks[k];
            if t.word {
                return false;
            }
            if matches!(t.norm.as_str(), "." | "!" | "?" | ":" | "|") {
                return true;
            }
            if !is_quote(t) && !matches!(t.norm.as_str(), "(" | "[" | "-" | "#" | "*" | "+" | ">") {
                return false;
            }
        }
        true
    }

    /// The first hunk among tokens `lo..hi`.
    pub(crate) fn hunk_of(&self, lo: usize, hi: usize) -> Option<usize> {
        self.hunk[lo..hi].iter().find_map(|h| *h)
    }
}

/// The two sides being compared and the word lists.
#[derive(Debug)]
pub(crate) struct Pair<'a> {
    pub old: Side<'a>,
    pub new: Side<'a>,
    pub lex: &'static Lexicon,
}

impl<'a> Pair<'a> {
    pub(crate) fn new(
        old_text: &'a str,
        old_span: (usize, usize),
        new_text: &'a str,
        new_span: (usize, usize),
        lex: &'static Lexicon,
    ) -> Self {
        let ot = toks_with(old_text, old_span, lex.rules.elisions);
        let nt = toks_with(new_text, new_span, lex.rules.elisions);
        let ((oh, op), (nh, np)) = hunks(&ot, &nt);
        Pair {
            old: Side {
                text: old_text,
                acronyms: acronyms(&ot),
                toks: ot,
                hunk: oh,
                peer: op,
            },
            new: Side {
                text: new_text,
                acronyms: acronyms(&nt),
                toks: nt,
                hunk: nh,
                peer: np,
            },
            lex,
        }
    }

    /// A change of `kind` between old tokens `o` and new tokens `n` (either may be absent).
    pub(crate) fn change(
        &self,
        kind: ClaimType,
        o: Option<(usize, usize)>,
        n: Option<(usize, usize)>,
    ) -> ClaimChange {
        ClaimChange {
            kind,
            old: o.map(|(lo, hi)| self.old.slice(lo, hi).to_owned()),
            new: n.map(|(lo, hi)| self.new.slice(lo, hi).to_owned()),
            old_span: o.map(|(lo, hi)| self.old.span(lo, hi)),
            new_span: n.map(|(lo, hi)| self.new.span(lo, hi)),
            reason: None,
        }
    }
}

/// Per side: each token's hunk, and the index of the same token on the other side for
/// tokens kept as they are.
type Hunks = (Vec<Option<usize>>, Vec<Option<usize>>);

/// Equal tokens that do not end a hunk when they sit alone between two changes:
/// `few among [the] many` -> `some of [the]` is one run of changes.
const HUNK_GLUE: [&str; 7] = ["the", "a", "an", "of", "to", "and", ","];

/// Hunk numbers for the tokens of both sides: consecutive non-equal diff operations share
/// one number, so a replacement `More than 60` -> `Nearly 70` is one hunk on both sides.
fn hunks(old: &[Tok], new: &[Tok]) -> (Hunks, Hunks) {
    let on: Vec<&str> = old.iter().map(|t| t.norm.as_str()).collect();
    let nn: Vec<&str> = new.iter().map(|t| t.norm.as_str()).collect();
    let mut oh = vec![None; old.len()];
    let mut nh = vec![None; new.len()];
    let mut op_ = vec![None; old.len()];
    let mut np = vec![None; new.len()];
    let mut id = 0;
    let mut in_change = false;
    let deadline = std::time::Instant::now() + crate::classify::WORD_DIFF_DEADLINE;
    for op in capture_diff_slices_deadline(Algorithm::Myers, &on, &nn, Some(deadline)) {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            for k in 0..len {
                op_[old_index + k] = Some(new_index + k);
                np[new_index + k] = Some(old_index + k);
            }
            let glue = len == 1 && HUNK_GLUE.contains(&on[old_index]);
            if in_change && !glue {
                id += 1;
                in_change = false;
            }
            continue;
        }
        in_change = true;
        op.old_range().for_each(|i| oh[i] = Some(id));
        op.new_range().for_each(|i| nh[i] = Some(id));
    }
    ((oh, op_), (nh, np))
}

// ---------------------------------------------------------------------------------------
// Mentions and how they pair

/// Something a detector found on one side: tokens `lo..hi` and a normalised key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mention {
    pub lo: usize,
    pub hi: usize,
    pub key: String,
    /// A coarser key: leftovers of one class pair up as a replacement wherever they
    /// are (`upwards of 33,000` -> `33,000`: the value). Empty: no class.
    pub class: String,
    /// Reported only when paired with a mention on the other side (`one` alone is too
    /// often a pronoun to call a number).
    pub weak: bool,
}

impl Mention {
    pub(crate) fn new(lo: usize, hi: usize, key: impl Into<String>) -> Self {
        Self {
            lo,
            hi,
            key: key.into(),
            class: String::new(),
            weak: false,
        }
    }

    pub(crate) fn range(&self) -> (usize, usize) {
        (self.lo, self.hi)
    }
}

/// Match old and new mentions and return the unmatched ones as changes:
/// `(Some(o), Some(n))` replaced, `(Some(o), None)` removed, `(None, Some(n))` added.
///
/// 1. Equal keys match (first those both in unchanged text, then any): no change, even
///    when the mention moved. `not ... until` -> `until ... not` keeps its `not`.
/// 2. Leftovers at the same place ([`corresponds`]) pair up as replacements: `must` ->
///    `should`; then leftovers of the same class (`upwards of 33,000` -> `33,000`).
/// 3. Leftovers in the hunk of a replacement are folded into it.
/// 4. The rest are single additions or removals; weak mentions are dropped.
pub(crate) fn pair_up(
    pair: &Pair,
    old: &[Mention],
    new: &[Mention],
) -> Vec<(Option<usize>, Option<usize>)> {
    let mut used_o = vec![false; old.len()];
    let mut used_n = vec![false; new.len()];
    for strict in [true, false] {
        for (i, o) in old.iter().enumerate() {
            if used_o[i] || (strict && pair.old.hunk_of(o.lo, o.hi).is_some()) {
                continue;
            }
            let hit = new.iter().enumerate().position(|(j, n)| {
                !used_n[j] && n.key == o.key && (!strict || pair.new.hunk_of(n.lo, n.hi).is_none())
            });
            if let Some(j) = hit {
                used_o[i] = true;
                used_n[j] = true;
            }
        }
    }
    let mut out = Vec::new();
    for related in [
        corresponds as fn(&Pair, &Mention, &Mention) -> bool,
        same_class,
    ] {
        for (i, o) in old.iter().enumerate() {
            if used_o[i] {
                continue;
            }
            let hit = (0..new.len()).find(|&j| !used_n[j] && related(pair, o, &new[j]));
            if let Some(j) = hit {
                used_o[i] = true;
                used_n[j] = true;
                out.push((Some(i), Some(j)));
            }
        }
    }
    // Leftovers in the hunk of a replacement belong to it: `few among the many` ->
    // `some of` is one change, not `few` -> `some` plus `many` removed.
    let replaced_old: Vec<Option<usize>> = out
        .iter()
        .filter_map(|&(a, b)| {
            Some(pair.old.hunk_of(old[a?].lo, old[a?].hi)).filter(|_| b.is_some())
        })
        .collect();
    let replaced_new: Vec<Option<usize>> = out
        .iter()
        .filter_map(|&(a, b)| {
            Some(pair.new.hunk_of(new[b?].lo, new[b?].hi)).filter(|_| a.is_some())
        })
        .collect();
    for (i, o) in old.iter().enumerate() {
        let h = pair.old.hunk_of(o.lo, o.hi);
        used_o[i] |= h.is_some() && replaced_old.contains(&h);
    }
    for (j, n) in new.iter().enumerate() {
        let h = pair.new.hunk_of(n.lo, n.hi);
        used_n[j] |= h.is_some() && replaced_new.contains(&h);
    }
    out.extend(
        (0..old.len())
            .filter(|&i| !used_o[i] && !old[i].weak)
            .map(|i| (Some(i), None)),
    );
    out.extend(
        (0..new.len())
            .filter(|&j| !used_n[j] && !new[j].weak)
            .map(|j| (None, Some(j))),
    );
    out
}

/// Whether tokens `lo..hi` of `side` sit in a clause-sized stretch of text that has no
/// counterpart at all on the other side (five or more words added or removed outright):
/// a modal or negator there belongs to new content, not to a changed claim.
/// Before: `… ancient technology.`; after: `… ancient technology; this city will become
/// reality long before …`: the `will` is content, not a modality change.
pub(crate) fn in_added_content(side: &Side, other: &Side, lo: usize, hi: usize) -> bool {
    let Some(h) = side.hunk_of(lo, hi) else {
        return false;
    };
    let count = |s: &Side| hunk_words(s, h);
    let mention = side.toks[lo..hi].iter().filter(|t| t.word).count();
    count(side) >= mention + ADDED_CONTENT_WORDS - 1 && count(other) == 0
}

/// How many words of `side` are in run of changes `h`.
fn hunk_words(side: &Side, h: usize) -> usize {
    side.toks
        .iter()
        .zip(&side.hunk)
        .filter(|(t, x)| t.word && **x == Some(h))
        .count()
}

/// Words in a run with no counterpart for [`in_added_content`]: a clause, not a phrase
/// (`no need for a driving license`: yes; `It is not true that`: the negator itself).
const ADDED_CONTENT_WORDS: usize = 5;

/// Whether tokens `lo..hi` of `side` sit in a stretch rewritten wholesale: its run of
/// changes holds at least [`REWRITE_MIN_SIDE`] words on each side and
/// [`REWRITE_WORDS`] in all. A modal or intensifier there comes with the new wording, not
/// as a change of certainty or degree of the old claim.
/// Before: `the cost of making these vehicles are very high`; after: `these vehicles will
/// require technology that will cost thousands of dollars`: neither `very` nor `will` is
/// reported. Before: `"It's all the same to me," replied the Bull`; after: `"Just as you
/// please," said the Bull`: no `all`.
pub(crate) fn in_rewritten_content(side: &Side, other: &Side, lo: usize, hi: usize) -> bool {
    let Some(h) = side.hunk_of(lo, hi) else {
        return false;
    };
    let count = |s: &Side| hunk_words(s, h);
    let (mine, theirs) = (count(side), count(other));
    mine.min(theirs) >= REWRITE_MIN_SIDE && mine + theirs >= REWRITE_WORDS
}

/// Words on each side of a run of changes for [`in_rewritten_content`]. Tuned on the dev
/// half of `tests/data/claims.jsonl` (even ids): 3 keeps `so many` -> `many` and
/// `will` -> `may` (one-word runs) while dropping clause rewrites.
const REWRITE_MIN_SIDE: usize = 3;

/// Words in all (both sides) of a run of changes for [`in_rewritten_content`].
const REWRITE_WORDS: usize = 10;

/// Whether two mentions stand at the same place: they share a hunk, or a token of one is
/// kept as a token of the other (`about 60,000` -> `about 60,000 dollars`).
fn corresponds(pair: &Pair, o: &Mention, n: &Mention) -> bool {
    let oh: Vec<usize> = pair.old.hunk[o.lo..o.hi]
        .iter()
        .flatten()
        .copied()
        .collect();
    pair.new.hunk[n.lo..n.hi]
        .iter()
        .flatten()
        .any(|h| oh.contains(h))
        || pair.old.peer[o.lo..o.hi]
            .iter()
            .flatten()
            .any(|&k| n.lo <= k && k < n.hi)
}

/// Whether two mentions have the same (non-empty) class.
fn same_class(_: &Pair, o: &Mention, n: &Mention) -> bool {
    !o.class.is_empty() && o.class == n.class
}

/// [`pair_up`], turned into changes of `kind`. With `skip_content`, single additions and
/// removals inside added or removed content ([`in_added_content`]) are left out.
pub(crate) fn diff_mentions(
    pair: &Pair,
    kind: ClaimType,
    (old, new): (&[Mention], &[Mention]),
    skip_content: bool,
    out: &mut Vec<ClaimChange>,
) {
    for (o, n) in pair_up(pair, old, new) {
        if skip_content
            && (is_content(pair, old, new, o, n)
                || single_where(pair, old, new, o, n, in_rewritten_content))
        {
            continue;
        }
        out.push(pair.change(kind, o.map(|i| old[i].range()), n.map(|j| new[j].range())));
    }
}

/// Whether a single addition or removal sits in added or removed content.
pub(crate) fn is_content(
    pair: &Pair,
    old: &[Mention],
    new: &[Mention],
    o: Option<usize>,
    n: Option<usize>,
) -> bool {
    single_where(pair, old, new, o, n, in_added_content)
}

/// Whether a single addition or removal (`o` or `n` alone) passes `test` on its side.
pub(crate) fn single_where(
    pair: &Pair,
    old: &[Mention],
    new: &[Mention],
    o: Option<usize>,
    n: Option<usize>,
    test: fn(&Side, &Side, usize, usize) -> bool,
) -> bool {
    match (o, n) {
        (Some(i), None) => test(&pair.old, &pair.new, old[i].lo, old[i].hi),
        (None, Some(j)) => test(&pair.new, &pair.old, new[j].lo, new[j].hi),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn kinds(old: &str, new: &str) -> Vec<(ClaimType, Option<String>, Option<String>)> {
        compare_sentences(old, new, Lang::English)
            .0
            .into_iter()
            .map(|c| (c.kind, c.old, c.new))
            .collect()
    }

    /// The (old, new) texts of the claim changes of type `kind` between two sentences.
    pub(crate) fn of_type(
        kind: ClaimType,
        old: &str,
        new: &str,
    ) -> Vec<(Option<String>, Option<String>)> {
        kinds(old, new)
            .into_iter()
            .filter(|c| c.0 == kind)
            .map(|c| (c.1, c.2))
            .collect()
    }

    /// `Some(x)` as an owned string, for expected values.
    pub(crate) fn s(x: &str) -> Option<String> {
        Some(x.to_owned())
    }

    #[test]
    fn contractions_split() {
        let t = toks("They can't go; it cannot, won't.", (0, 32));
        let norms: Vec<&str> = t.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(
            norms,
            [
                "they", "ca", "n't", "go", ";", "it", "can", "not", ",", "wo", "n't", "."
            ]
        );
    }

    #[test]
    fn spans_are_absolute() {
        let old = "Intro. It is legal.";
        let new = "Intro! It is not legal.";
        let (c, sub) = claim_changes(old, (7, old.len()), new, (7, new.len()), Lang::English);
        assert!(sub);
        assert_eq!(c[0].new_span, Some((13, 16)));
        assert_eq!(&new[13..16], "not");
    }

    #[test]
    fn identical_is_not_substantive() {
        assert_eq!(
            compare_sentences("A b.", "A b.", Lang::English),
            (vec![], false)
        );
    }

    #[test]
    fn type_names_round_trip() {
        for t in ClaimType::ALL {
            assert_eq!(ClaimType::from_name(t.name()), Some(t));
        }
        assert_eq!(ClaimType::from_name("hedge"), Some(ClaimType::Modality));
        assert_eq!(ClaimType::from_name("Quote"), Some(ClaimType::Attribution));
        assert_eq!(ClaimType::from_name("hedges!"), None);
    }

    #[test]
    fn a_hedge_is_modality_with_a_reason() {
        let (c, _) = compare_sentences(
            "The protest was peaceful.",
            "The so-called protest was peaceful.",
            Lang::English,
        );
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].kind, ClaimType::Modality);
        assert_eq!(c[0].reason.as_deref(), Some("hedge"));
        assert_eq!(c[0].label(), "modality (hedge)");
    }

    #[test]
    fn base_forms_of_inflections() {
        let lex = Lexicon::get(Lang::English);
        for (form, base) in [
            ("participants", "participant"),
            ("rejected", "reject"),
            ("approved", "approve"),
            ("stopped", "stop"),
            ("fell", "fall"),
        ] {
            assert!(lex.base_forms(form).iter().any(|b| b == base), "{form}");
        }
        assert!(lex.is_common_word("participants"));
        assert!(!lex.is_common_word("court"));
    }

    #[test]
    fn sentences_past_the_limit_are_substantive_without_types() {
        let long = "word ".repeat(MAX_CLAIM_BYTES / 5 + 10);
        let (old, new) = (format!("{long}60 left."), format!("{long}70 left."));
        let (changes, substantive) = compare_sentences(&old, &new, Lang::English);
        assert!(changes.is_empty());
        assert!(substantive);
        // Under the limit the same change is typed.
        let (changes, _) = compare_sentences("word 60 left.", "word 70 left.", Lang::English);
        assert_eq!(changes.len(), 1);
    }
}

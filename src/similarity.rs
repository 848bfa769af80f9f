//! How alike two sentences are: stemmed words weighted by rarity (TF-IDF cosine).
//!
//! Every sentence of both documents becomes a sparse vector of stemmed, lower-cased terms.
//! A term's weight is its count times its inverse document frequency over the sentences of
//! *both* documents, so words that recur everywhere ("said", "the") count little and rare
//! words ("sterilization", "70") count a lot. Function words are kept at a low weight
//! rather than dropped, so that a sentence made only of them still has a vector.

#![allow(
    clippy::indexing_slicing,
    reason = "reviewed: term ids index tables sized by the vocabulary that issued them"
)]

use foldhash::HashMap;
use std::ops::Range;

use rust_stemmers::Stemmer;

use crate::segment::Lang;
use crate::text::{TokenKind, tokens};

/// Weight factor of a function word ("the", "of"). Not zero: "It is not." must still match
/// "It is not!" . Tuned on the ArgRewrite dev split (0.1-0.5 changed pair F1 by < .005).
const STOPWORD_WEIGHT: f32 = 0.3;
/// Sentences added to the document count in the IDF formula, as if that many more
/// sentences without the term had been seen. Without it, two short documents give words
/// they share the lowest weight of all (df = 2 of N = 2). Tuned on ArgRewrite dev.
const IDF_PRIOR: f32 = 10.0;
/// Weight factor of a token with a digit: figures carry claims ("60" vs "70").
const NUMBER_WEIGHT: f32 = 1.0;

/// Weight factor of a sentence's leading enumerator (`4.` in `### 4. Privacy`, `2)` in a
/// list): structure, not content. At full number weight a renumbered heading (`### 6.
/// Privacy` -> `### 7. Privacy`) scores below an unrelated heading that kept the number.
/// The function-word weight: present, so that `4.` alone still has a vector.
const ENUMERATOR_WEIGHT: f32 = STOPWORD_WEIGHT;

/// Whether the word at `span` of `text` (its first word) is an enumerator: digits (and
/// dots between them) followed by `.` or `)`, a space and more text, with only markup
/// before it (`60.` alone is a figure, not an enumerator).
fn is_enumerator(text: &str, span: &Range<usize>) -> bool {
    let Some(word) = text.get(span.clone()) else {
        return false;
    };
    let rest = text.get(span.end..).unwrap_or("");
    let mut after = rest.chars();
    !word.is_empty()
        && word.chars().all(|c| c.is_ascii_digit() || c == '.')
        && word.starts_with(|c: char| c.is_ascii_digit())
        && matches!(after.next(), Some('.' | ')'))
        && after.next().is_some_and(char::is_whitespace)
        && after.any(char::is_alphanumeric)
}

/// A sparse term vector, sorted by term id, with its Euclidean norm.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SparseVec {
    /// `(term id, weight)` pairs sorted by term id, ids unique.
    pub terms: Vec<(u32, f32)>,
    /// Euclidean norm of the weights (0 for an empty vector).
    pub norm: f32,
}

impl SparseVec {
    fn from_terms(terms: Vec<(u32, f32)>) -> Self {
        let norm = terms.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        Self { terms, norm }
    }
}

/// Dot product of two sorted sparse vectors.
fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// Cosine similarity in `0..=1` (0 when either vector is empty).
pub fn cosine(a: &SparseVec, b: &SparseVec) -> f32 {
    if a.norm == 0.0 || b.norm == 0.0 {
        return 0.0;
    }
    (dot(&a.terms, &b.terms) / (a.norm * b.norm)).clamp(0.0, 1.0)
}

/// Sum of two sparse vectors: the vector of two sentences read as one.
pub fn join(a: &SparseVec, b: &SparseVec) -> SparseVec {
    let mut out = Vec::with_capacity(a.terms.len() + b.terms.len());
    let (mut i, mut j) = (0, 0);
    while i < a.terms.len() || j < b.terms.len() {
        match (a.terms.get(i), b.terms.get(j)) {
            (Some(x), Some(y)) if x.0 == y.0 => {
                out.push((x.0, x.1 + y.1));
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x.0 < y.0 => {
                out.push(*x);
                i += 1;
            }
            (Some(x), None) => {
                out.push(*x);
                i += 1;
            }
            (_, Some(y)) => {
                out.push(*y);
                j += 1;
            }
            (None, None) => break,
        }
    }
    SparseVec::from_terms(out)
}

/// Turns text into weighted terms for one language.
pub struct Analyzer {
    stemmer: Stemmer,
    stopwords: Vec<&'static str>,
    lang: Lang,
}

impl Analyzer {
    /// An analyzer with the stemmer and function-word list of `lang`.
    pub fn new(lang: Lang) -> Self {
        let pack = lang.pack();
        let (algorithm, list) = (pack.stemmer, pack.stopwords);
        let mut stopwords: Vec<&'static str> = list
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        stopwords.sort_unstable();
        Self {
            stemmer: Stemmer::create(algorithm),
            stopwords,
            lang,
        }
    }

    /// Is `lower` (a lower-cased word) a function word?
    pub fn is_stopword(&self, lower: &str) -> bool {
        self.stopwords.binary_search(&lower).is_ok()
    }

    /// Calls `emit(term, factor)` for every word of `text`: the lower-cased stem (numbers
    /// with their separators removed, prefixed by `#`) and its weight factor.
    pub fn terms(&self, text: &str, mut emit: impl FnMut(&str, f32)) {
        self.term_spans(text, |term, factor, _| emit(term, factor));
    }

    /// As [`Analyzer::terms`], with the byte range in `text` of the word each term comes
    /// from (for showing which words two sentences share).
    pub fn term_spans(&self, text: &str, mut emit: impl FnMut(&str, f32, Range<usize>)) {
        let mut buf = String::new();
        for tok in tokens(text) {
            if tok.kind == TokenKind::Word {
                let factor = self.term(&text[tok.span.clone()], &mut buf);
                emit(&buf, factor, tok.span);
            }
        }
    }

    /// The term of one word (a `Word` token of `text::tokens`), written to `buf`, and its
    /// weight factor. A pure function of the word, so callers may cache it per word.
    pub fn term(&self, word: &str, buf: &mut String) -> f32 {
        buf.clear();
        if word.chars().any(|c| c.is_ascii_digit()) {
            buf.push('#');
            buf.extend(word.chars().filter(|c| !matches!(c, ',' | '\'' | '’')));
            return NUMBER_WEIGHT;
        }
        buf.extend(word.chars().flat_map(char::to_lowercase));
        if self.is_stopword(buf) {
            return STOPWORD_WEIGHT;
        }
        let stemmed = match self.stemmer.stem(buf) {
            std::borrow::Cow::Owned(stem) => Some(stem),
            std::borrow::Cow::Borrowed(_) => None,
        };
        if let Some(stem) = stemmed {
            *buf = stem;
        }
        1.0
    }
}

/// Words whose term a thread has computed, per language: `claimdiff batch` meets the same
/// words pair after pair, and stemming is the costliest part of vectorising a short pair.
/// Emptied when it holds [`TERM_CACHE_MAX`] words, so memory stays bounded.
type TermCache = Vec<HashMap<Box<str>, (Box<str>, f32)>>;

/// Most words kept in a thread's term cache (a few MB).
const TERM_CACHE_MAX: usize = 1 << 16;

thread_local! {
    static TERMS: std::cell::RefCell<TermCache> = const { std::cell::RefCell::new(Vec::new()) };
}

impl Analyzer {
    /// [`Analyzer::term`] through this thread's cache of terms.
    fn term_cached(&self, word: &str, buf: &mut String) -> f32 {
        let lang = self.lang as usize;
        TERMS.with_borrow_mut(|caches| {
            if caches.len() <= lang {
                caches.resize_with(lang + 1, HashMap::default);
            }
            let cache = &mut caches[lang];
            if let Some((term, factor)) = cache.get(word) {
                buf.clear();
                buf.push_str(term);
                return *factor;
            }
            let factor = self.term(word, buf);
            if cache.len() >= TERM_CACHE_MAX {
                cache.clear();
            }
            cache.insert(word.into(), (buf.as_str().into(), factor));
            factor
        })
    }
}

/// An inverted index of sentence vectors by term: proposes, for a query vector, the indexed
/// sentences that share its rarer terms, without scoring every pair.
///
/// For each query the partial dot product is accumulated over the postings of its terms,
/// skipping any term found in more than `max_postings` indexed sentences (common terms still
/// count in an exact [`cosine`] computed afterwards by the caller). The cost of a query is
/// bounded by its number of terms times `max_postings`, whatever the size of the index.
///
/// Before: a query `detention of Uyghurs` over 20,000 sentences; after: the few sentences
/// that contain `uyghur` or `detent`, best partial score first (`the`, `of` are skipped once
/// they are everywhere).
#[derive(Debug, Clone, Default)]
pub struct TermIndex {
    postings: HashMap<u32, Vec<(u32, f32)>>,
    len: usize,
    max_postings: usize,
}

impl TermIndex {
    /// Index `vectors` (their positions in the iterator are the ids returned by
    /// [`Searcher::candidates`]); terms in more than `max_postings` of them propose nothing.
    pub fn new<'a>(vectors: impl IntoIterator<Item = &'a SparseVec>, max_postings: usize) -> Self {
        let mut postings: HashMap<u32, Vec<(u32, f32)>> = HashMap::default();
        let mut len = 0;
        for (pos, v) in vectors.into_iter().enumerate() {
            for &(term, w) in &v.terms {
                postings.entry(term).or_default().push((pos as u32, w));
            }
            len = pos + 1;
        }
        Self {
            postings,
            len,
            max_postings,
        }
    }

    /// A searcher with its own scratch space, for many queries in a row.
    pub fn searcher(&self) -> Searcher<'_> {
        Searcher {
            index: self,
            acc: vec![0.0; self.len],
            touched: Vec::new(),
        }
    }
}

/// Runs queries against a [`TermIndex`], reusing its accumulators between queries.
#[derive(Debug)]
pub struct Searcher<'a> {
    index: &'a TermIndex,
    acc: Vec<f32>,
    touched: Vec<usize>,
}

impl Searcher<'_> {
    /// Up to `limit` indexed positions sharing a usable term with `query`, best partial
    /// score first; ties go to the earlier position, so the result does not depend on hash
    /// order.
    pub fn candidates(&mut self, query: &SparseVec, limit: usize) -> Vec<usize> {
        for &(term, w) in &query.terms {
            match self.index.postings.get(&term) {
                Some(list) if list.len() <= self.index.max_postings => {
                    for &(pos, w2) in list {
                        let pos = pos as usize;
                        if self.acc[pos] == 0.0 {
                            self.touched.push(pos);
                        }
                        self.acc[pos] += w * w2;
                    }
                }
                _ => {}
            }
        }
        let acc = &self.acc;
        let order = |a: &usize, b: &usize| acc[*b].total_cmp(&acc[*a]).then(a.cmp(b));
        let mut out = self.touched.clone();
        if out.len() > limit && limit > 0 {
            out.select_nth_unstable_by(limit - 1, order);
        }
        out.truncate(limit);
        out.sort_unstable_by(order);
        for &pos in &self.touched {
            self.acc[pos] = 0.0;
        }
        self.touched.clear();
        out
    }
}

/// TF-IDF vectors for the sentences of two documents, sharing one vocabulary.
#[derive(Debug, Clone, Default)]
pub struct Vectors {
    /// One vector per old sentence.
    pub old: Vec<SparseVec>,
    /// One vector per new sentence.
    pub new: Vec<SparseVec>,
    /// Number of sentences (over both sides) that contain each term id.
    pub df: Vec<u32>,
}

impl Vectors {
    /// Vectorise the old and new sentences together (document frequency over both).
    pub fn build<'a>(
        analyzer: &Analyzer,
        old: impl IntoIterator<Item = &'a str>,
        new: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        let mut ids: HashMap<String, u32> = HashMap::default();
        let mut df: Vec<u32> = Vec::new();
        // Each distinct word is lower-cased, looked up and stemmed once: (term id, factor).
        let mut seen: HashMap<&'a str, (u32, f32)> = HashMap::default();
        let mut buf = String::new();
        // Term rows of the old sentences, then of the new ones. A sentence text seen before
        // (most anchored pairs, repeated lines) gets a copy of that row: same terms, same ids.
        let mut rows: Vec<Vec<(u32, f32)>> = Vec::new();
        let mut memo: HashMap<&'a str, usize> = HashMap::default();
        let mut add = |text: &'a str| {
            if let Some(&k) = memo.get(text) {
                let row = rows[k].clone();
                for (id, _) in &row {
                    df[*id as usize] += 1;
                }
                rows.push(row);
                return;
            }
            let mut terms: Vec<(u32, f32)> = Vec::new();
            let mut first = true;
            for tok in tokens(text) {
                if tok.kind != TokenKind::Word {
                    continue;
                }
                let enumerator = first && is_enumerator(text, &tok.span);
                first = false;
                let word = &text[tok.span];
                let term = match seen.get(word) {
                    Some(&t) => t,
                    None => {
                        let factor = analyzer.term_cached(word, &mut buf);
                        let id = match ids.get(buf.as_str()) {
                            Some(&id) => id,
                            None => {
                                let id = ids.len() as u32;
                                ids.insert(buf.clone(), id);
                                df.push(0);
                                id
                            }
                        };
                        seen.insert(word, (id, factor));
                        (id, factor)
                    }
                };
                terms.push(if enumerator {
                    (term.0, term.1 * ENUMERATOR_WEIGHT)
                } else {
                    term
                });
            }
            terms.sort_by_key(|t| t.0);
            let mut merged: Vec<(u32, f32)> = Vec::with_capacity(terms.len());
            for (id, w) in terms {
                match merged.last_mut() {
                    Some(last) if last.0 == id => last.1 += w,
                    _ => merged.push((id, w)),
                }
            }
            for (id, _) in &merged {
                df[*id as usize] += 1;
            }
            memo.insert(text, rows.len());
            rows.push(merged);
        };
        let mut old_len = 0;
        for text in old {
            add(text);
            old_len += 1;
        }
        new.into_iter().for_each(&mut add);
        let new_raw = rows.split_off(old_len);
        let old_raw = rows;
        let n = (old_raw.len() + new_raw.len()) as f32 + IDF_PRIOR;
        let idf: Vec<f32> = df.iter().map(|&d| (1.0 + n / d as f32).ln()).collect();
        let weigh = |rows: Vec<Vec<(u32, f32)>>| -> Vec<SparseVec> {
            rows.into_iter()
                .map(|mut terms| {
                    for (id, w) in &mut terms {
                        *w *= idf[*id as usize];
                    }
                    SparseVec::from_terms(terms)
                })
                .collect()
        };
        Vectors {
            old: weigh(old_raw),
            new: weigh(new_raw),
            df,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sims(a: &str, b: &str, others: &[&str]) -> f32 {
        let an = Analyzer::new(Lang::English);
        let mut new = vec![b];
        new.extend_from_slice(others);
        let v = Vectors::build(&an, [a], new);
        cosine(&v.old[0], &v.new[0])
    }

    #[test]
    fn identical_is_one() {
        let s = sims("The cat sat on the mat.", "The cat sat on the mat.", &[]);
        assert!((s - 1.0).abs() < 1e-5, "{s}");
    }

    #[test]
    fn case_punctuation_and_inflection_do_not_matter() {
        let s = sims(
            "Countries ARE protesting!",
            "the country is protesting",
            &[],
        );
        assert!(s > 0.8, "{s}");
    }

    #[test]
    fn rewording_scores_above_unrelated() {
        let others = ["Bananas are yellow.", "The weather was fine."];
        let close = sims(
            "More than 60 countries sent a letter to the commissioner.",
            "Nearly 70 countries sent a joint letter to the commissioner.",
            &others,
        );
        let far = sims(
            "More than 60 countries sent a letter to the commissioner.",
            "Bananas are yellow.",
            &others,
        );
        assert!(close > 0.5 && far < 0.1, "{close} {far}");
    }

    #[test]
    fn repeated_sentences_get_equal_vectors_and_count_twice() {
        let an = Analyzer::new(Lang::English);
        let v = Vectors::build(
            &an,
            ["Cats sleep.", "Dogs bark."],
            ["Cats sleep.", "Cats sleep."],
        );
        assert_eq!(v.old[0], v.new[0]);
        assert_eq!(v.new[0], v.new[1]);
        let fresh = Vectors::build(&an, ["Cats sleep."], ["Dogs bark."]);
        assert_eq!(v.df[..2], [3, 3], "cat and sleep in three sentences");
        assert_eq!(fresh.df[..2], [1, 1]);
    }

    #[test]
    fn cached_terms_equal_computed_terms() {
        let (en, de) = (Analyzer::new(Lang::English), Analyzer::new(Lang::German));
        let (mut a, mut b) = (String::new(), String::new());
        for word in ["Running", "the", "1,000", "Häuser", "running", "Running"] {
            for an in [&en, &de] {
                let fa = an.term(word, &mut a);
                let fb = an.term_cached(word, &mut b);
                assert_eq!((fa, &a), (fb, &b), "{word}");
            }
        }
    }

    #[test]
    fn a_leading_enumerator_is_structure() {
        let at = |t: &str| {
            let tok = tokens(t).into_iter().find(|k| k.kind == TokenKind::Word);
            tok.is_some_and(|k| is_enumerator(t, &k.span))
        };
        assert!(at("### 6. Privacy"));
        assert!(at("2) Terms"));
        assert!(at("4.1. Scope"));
        assert!(!at("2024 was a hot year."));
        assert!(!at("3.5 million people voted."));
        assert!(!at("Section 6. Privacy"));
        assert!(!at("60."));
        assert!(!at("7.Privacy"));
    }

    #[test]
    fn join_sums_weights() {
        let a = SparseVec::from_terms(vec![(1, 1.0), (3, 2.0)]);
        let b = SparseVec::from_terms(vec![(2, 1.0), (3, 1.0)]);
        assert_eq!(join(&a, &b).terms, vec![(1, 1.0), (2, 1.0), (3, 3.0)]);
    }

    #[test]
    fn empty_vectors_score_zero() {
        assert_eq!(cosine(&SparseVec::default(), &SparseVec::default()), 0.0);
    }
}

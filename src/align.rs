//! Old/new sentences -> aligned units: exact anchors, a monotone pass over each gap, then moves.
//!
//! 1. Sentences that are identical after `normalized_key` anchor the alignment
//!    (a patience-style pass over the sentence keys whose ties do not depend on which side
//!    is old: `anchors.rs`).
//! 2. Each gap between anchors is aligned by dynamic programming over the units 1-1, 1-0,
//!    0-1, 1-k (split) and k-1 (merge), k up to 4, scored by TF-IDF cosine ([`crate::similarity`]).
//!    A gap too large for the table is first cut by mutual best matches from an index of
//!    rare terms (their longest in-order chain), then each piece is aligned as above.
//! 3. Leftover removed and added sentences anywhere in the documents that are each other's
//!    best match become `moved` units (a moved sentence may also be reworded).

#![allow(
    clippy::indexing_slicing,
    reason = "reviewed: indexes are sentence positions from the documents' own sentence lists and gap ranges inside them, and table cells computed from the gap's sizes"
)]

use foldhash::HashMap;
use std::ops::Range;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use similar::DiffOp;

use crate::anchors::{KeyInfo, anchor_ops};
use crate::document::Document;
use crate::segment::Lang;
use crate::similarity::{Analyzer, SparseVec, TermIndex, Vectors, cosine, join};
use crate::text::{TokenKind, normalized_key, same_modulo_whitespace, tokens};

/// What happened to the sentences of one unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ChangeKind {
    /// One old sentence, one new sentence, same text (whitespace aside).
    Unchanged,
    /// One old sentence, one new sentence at the same place in the order, other words.
    Reworded,
    /// One old sentence found elsewhere in the new text (possibly reworded).
    Moved,
    /// One old sentence became several (up to four) new ones.
    Split,
    /// Several (up to four) old sentences became one new one.
    Merged,
    /// A new sentence with no old counterpart.
    Added,
    /// An old sentence with no new counterpart.
    Removed,
}

impl ChangeKind {
    /// Every kind, in display order.
    pub const ALL: [ChangeKind; 7] = [
        ChangeKind::Unchanged,
        ChangeKind::Reworded,
        ChangeKind::Moved,
        ChangeKind::Split,
        ChangeKind::Merged,
        ChangeKind::Added,
        ChangeKind::Removed,
    ];

    /// The kind the same unit has when OLD and NEW are swapped: added and removed trade
    /// places, as do split and merged; the others stay (`Split.mirrored() == Merged`).
    pub fn mirrored(self) -> ChangeKind {
        match self {
            ChangeKind::Added => ChangeKind::Removed,
            ChangeKind::Removed => ChangeKind::Added,
            ChangeKind::Split => ChangeKind::Merged,
            ChangeKind::Merged => ChangeKind::Split,
            k => k,
        }
    }

    /// The lower-case name used in JSON and on the terminal.
    pub fn name(self) -> &'static str {
        match self {
            ChangeKind::Unchanged => "unchanged",
            ChangeKind::Reworded => "reworded",
            ChangeKind::Moved => "moved",
            ChangeKind::Split => "split",
            ChangeKind::Merged => "merged",
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
        }
    }
}

/// A group of old and new sentences that correspond (either side may be empty).
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// What happened.
    pub kind: ChangeKind,
    /// Old sentence indexes, sorted and contiguous.
    pub old: Vec<usize>,
    /// New sentence indexes, sorted and contiguous.
    pub new: Vec<usize>,
    /// How alike the two sides are (`0..=1`), for units with both sides.
    pub similarity: Option<f32>,
    /// How likely the pairing is right (`0..=1`), for units with both sides: a logistic
    /// model of the similarity, the kind of unit and how much of the two texts is
    /// unchanged, calibrated on the dev sets (see [`confidence()`]).
    pub confidence: Option<f32>,
}

/// Thresholds of the aligner. `Default` gives the tuned values (see `docs/tuning.md`).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct AlignOptions {
    /// Least cosine for two sentences at the same place to pair as `reworded`.
    /// Default: [`PAIR_MIN`].
    pub pair_min: f32,
    /// Least cosine for a removed and an added sentence far apart to pair as `moved`.
    /// Default: [`MOVE_MIN`].
    pub move_min: f32,
    /// Look for moved sentences at all. Default: true.
    pub moves: bool,
    /// Pairings whose [`Unit::confidence`] is below this are left as removed + added.
    /// Default: 0 (every pairing kept).
    pub min_confidence: f32,
    /// Pair what the words leave unpaired by meaning too ([`crate::meaning`]; English
    /// only, other languages ignore it). Default: false (it buys next to nothing on the dev
    /// sets yet; see docs/quality.md).
    pub meaning: bool,
    /// Least cosine for any pairing, whatever the document similarity: the loosest the pair
    /// threshold gets for retellings. Default: [`PAIR_FLOOR`].
    pub floor: f32,
}

impl Default for AlignOptions {
    fn default() -> Self {
        Self {
            pair_min: PAIR_MIN,
            move_min: MOVE_MIN,
            moves: true,
            floor: PAIR_FLOOR,
            min_confidence: 0.0,
            meaning: false,
        }
    }
}

/// Least cosine for a 1-1 pair inside a gap. The plain TF-IDF baseline uses .40; we score
/// stems and down-weighted function words, tuned on ArgRewrite dev (see docs/tuning.md).
pub const PAIR_MIN: f32 = 0.3;
/// Least cosine for a move: a pair across the document needs more evidence than a pair at
/// the same place, where order already supports it.
pub const MOVE_MIN: f32 = 0.5;
/// Least cosine for a move whose meaning agrees ([`MOVE_MEANING_MIN`]): a removed and an
/// added sentence that are each other's best partner between this and
/// [`AlignOptions::move_min`] pair as `moved` when their meaning similarity
/// ([`crate::meaning::MeaningTable::similarity`], static weights) is at least
/// [`MOVE_MEANING_MIN`]. Tuned with it on half A of the dev documents (sha1 parity) and
/// read on half B; see docs/tuning.md.
const LOOSE_MOVE_MIN: f32 = 0.2;
/// Least meaning similarity for a move below [`AlignOptions::move_min`] (see
/// [`LOOSE_MOVE_MIN`]). Unrelated sentence pairs score up to .56-.69 in meaning (99th
/// percentile on the dev sets, docs/quality.md), so the gate sits above them. Tried .55-.70
/// with the cosine floor at .2 and .3: below .7 ArgRewrite loses pairs (it has no gold
/// moves; .973-.977), at .7 no set loses.
const MOVE_MEANING_MIN: f32 = 0.7;
/// Each part of a split or merge must share at least this fraction of the pair threshold
/// in cosine with the other side, so that each part adds something (an unrelated sentence
/// next to a reworded one is not merged). A fraction, so that it slides with the threshold
/// for paraphrase. Tuned on both dev splits (0.67 = 0.20 for revisions).
const PART_SHARE: f32 = 0.67;
/// A split or merge must close this share of what its best single part leaves unmatched
/// (`join - best >= JOIN_GAIN * (1 - best)`): a part that adds nothing is not joined, and a
/// short part next to a long, near-identical one still is.
const JOIN_GAIN: f32 = 0.5;
/// Margin under which the upper bound of a joined cosine must fall before the join is
/// skipped unbuilt (guards against rounding; the bound itself is exact).
const JOIN_BOUND_SLACK: f32 = 1e-4;
/// The most sentences one side of a split or merge may have. Retellings merge up to four
/// sentences into one (Aesop dev gold has 3-1 and 4-1 units); revisions rarely pass two.
const MAX_JOIN: usize = 4;
/// Least combined lexical and meaning score ([`crate::meaning::combine`]) for the meaning
/// pass to pair two unpaired sentences. Its scale is not the cosine's (unrelated pairs
/// score .2-.3 higher). Tuned on the five dev sets from .25 to .60: .35-.40 best on either
/// half of the documents; at .40 ArgRewrite dev pair F1 .977 -> .977 (odd half .977 ->
/// .979), the other sets unchanged; below .35 realrev and ArgRewrite lose (docs/tuning.md).
const MEANING_PAIR_MIN: f32 = 0.40;
/// The largest run of unpaired sentences (old x new) the meaning pass aligns.
const MEANING_MAX_CELLS: usize = 10_000;
/// The most words a line may have to pair by its frame alone ([`Frame`]): headings,
/// date lines and labels, not sentences. The realrev dev headings and date lines have 1-5.
const FRAME_MAX_WORDS: usize = 6;
/// What a pair of lines of the same frame gains in the gap table at least (its score is
/// raised to the pair threshold plus this): enough to pair when nothing better competes,
/// less than any real rewording next to it.
const FRAME_GAIN: f32 = 0.01;
/// How much better than a pairing in place a partner elsewhere must be (in cosine) to
/// outbid it, when that partner is good enough for a move: a near-verbatim sentence
/// elsewhere beats a weak pairing in place, two comparable candidates leave order to
/// decide. Tuned on the dev sets: ArgRewrite, realrev, news and revs dev read the same
/// from 0 to 0.5; Aesop dev pair F1 .567 at 0, .587 at 0.1-0.2, .599 from 0.3 (both halves).
const RIVAL_MARGIN: f32 = 0.3;
/// A partner elsewhere at or above this cosine is the same sentence (give or take a word):
/// it outbids any pairing in place that is less alike, by more than [`NEAR_VERBATIM_EDGE`],
/// whatever [`RIVAL_MARGIN`] says. Without it a pure reordering of sentences that share
/// words pairs some of them in place as rewordings. Identical sentences score 1.
const NEAR_VERBATIM: f32 = 0.9;
/// How much less alike a pairing in place must be than a near-verbatim partner elsewhere
/// to lose to it: above rounding, below any real rewording.
const NEAR_VERBATIM_EDGE: f32 = 0.01;
/// The pair threshold for texts that share no sentence at all but are about the same thing
/// (retellings, translations, summaries: document similarity at least
/// [`RELATED_DOC_SIM`]): with no identical sentence to anchor on, order and a little
/// shared vocabulary are all the evidence there is. Tuned on Aesop dev: pair F1 .516 at
/// 0.12, .570 at 0.06, .599 at 0.045, .594 at 0.03.
pub const PAIR_FLOOR: f32 = 0.045;
/// Document similarity (cosine of the two texts each read as one bag of weighted terms) at
/// or below which two texts that share no sentence count as unrelated: the pair threshold
/// stays at [`AlignOptions::pair_min`], so that an unrelated sentence is not forced onto an
/// old one. Between this and [`RELATED_DOC_SIM`] the threshold slides down to
/// [`PAIR_FLOOR`]. Tuned on Aesop dev: the 31 fable pairs have document
/// similarity .12-.46 (median .29), the same fables paired with other fables .02-.19
/// (median .09); ArgRewrite revisions .66-.99. With (0.10, 0.20), 6 of 362 sentences of
/// mismatched fables are paired (36 with the earlier fixed threshold of 0.12).
pub const UNRELATED_DOC_SIM: f32 = 0.10;
/// Document similarity from which two texts count fully as related (see
/// [`UNRELATED_DOC_SIM`]).
pub const RELATED_DOC_SIM: f32 = 0.20;
/// Share of sentences anchored (identical on both sides) from which a pair of texts counts
/// fully as revisions and [`AlignOptions::pair_min`] applies as is; below it the threshold
/// slides linearly down to the threshold for texts that share no sentence.
const REVISION_ANCHOR_SHARE: f32 = 0.25;
/// Weight of a unit's distance from the gap's diagonal in the gap table: small enough to
/// decide only between (near-)equal scores. Checked on the dev sets: the figures of
/// `scripts/eval` are the same with and without it.
const TIE_BREAK: f64 = 1e-4;
/// Weight of a unit's text hash in the gap table: decides exact ties left by
/// [`TIE_BREAK`] (mirror images such as a split `A -> B C` against a merge `A D -> B`).
const TIE_HASH: f64 = 1e-8;
/// The most cells (old x new sentences) per sentence of a gap that the full table may
/// have: bounds the table's work to a constant per sentence, so that a shuffle (whose
/// exact anchors leave gaps that grow with the square root of the text) or two unrelated
/// texts stay linear. 32 admits square gaps up to 64 x 64; every gap of the dev sets fits
/// (the figures of `scripts/eval` and `scripts/eval_real` are the same with and without
/// the bound; docs/tuning.md).
const TABLE_CELLS_PER_SENTENCE: usize = 32;
/// A gap of at most this many cells always gets the full table, whatever its shape (a
/// 1 x 200 gap is cheap).
const MIN_TABLE_CELLS: usize = 4_096;
/// How many times a gap too large for the table is cut at confident pairs before the
/// pieces left are aligned in blocks.
const MAX_CUT_DEPTH: u8 = 2;
/// The most sentences a side of one block of a large gap has ([`Aligner::blocks`]): the
/// table's square bound ([`TABLE_CELLS_PER_SENTENCE`] x 2).
const BLOCK: usize = 2 * TABLE_CELLS_PER_SENTENCE;
/// A term found in more sentences than this is not used to propose candidates (it still
/// counts in the exact cosine). Bounds the candidate search on repetitive text.
const MAX_POSTINGS: usize = 64;
/// How many best candidates by partial score get an exact cosine.
const CANDIDATES: usize = 4;
/// Time allowed for the anchor diff before `similar` falls back to a coarser answer.
const DIFF_DEADLINE: Duration = Duration::from_secs(5);

/// Align the sentences of `old` and `new` into units covering every sentence exactly once.
///
/// Units come in reading order: in-order units by position, a moved sentence at its new
/// place, a removed sentence at its old place.
pub fn align(old: &Document, new: &Document, opts: &AlignOptions) -> Vec<Unit> {
    let old_texts: Vec<&str> = (0..old.len()).map(|i| old.sentence_text(i)).collect();
    let new_texts: Vec<&str> = (0..new.len()).map(|i| new.sentence_text(i)).collect();
    align_texts(&old_texts, &new_texts, old.lang, opts)
}

/// [`align`] over plain sentence texts in `lang`.
pub fn align_texts(old: &[&str], new: &[&str], lang: Lang, opts: &AlignOptions) -> Vec<Unit> {
    let analyzer = Analyzer::new(lang);
    // The anchors and the vectors do not depend on each other: build them side by side.
    let ((old_keys, new_keys, info, ops), vectors) = rayon::join(
        || {
            let mut keys: HashMap<String, u32> = HashMap::default();
            let mut info: Vec<KeyInfo> = Vec::new();
            // A sentence text seen before reuses its key without normalising it again.
            let mut by_text: HashMap<&str, u32> = HashMap::default();
            let mut key_of = |t| {
                *by_text.entry(t).or_insert_with(|| {
                    let next = keys.len() as u32;
                    *keys.entry(normalized_key(t)).or_insert_with_key(|k| {
                        info.push(KeyInfo::of(k));
                        next
                    })
                })
            };
            let old_keys: Vec<u32> = old.iter().map(|t| key_of(t)).collect();
            let new_keys: Vec<u32> = new.iter().map(|t| key_of(t)).collect();
            let deadline = std::time::Instant::now() + DIFF_DEADLINE;
            let ops = anchor_ops(&old_keys, &new_keys, &info, deadline);
            (old_keys, new_keys, info, ops)
        },
        || Vectors::build(&analyzer, old.iter().copied(), new.iter().copied()),
    );
    let anchored: usize = ops
        .iter()
        .map(|op| match op {
            DiffOp::Equal { len, .. } => 2 * len,
            _ => 0,
        })
        .sum();
    let share = anchored as f32 / (old.len() + new.len()).max(1) as f32;
    let slide = (share / REVISION_ANCHOR_SHARE).min(1.0);
    // Texts that share few sentences are either retellings of one another (pair loosely)
    // or unrelated (pair strictly): how alike the two documents are as wholes decides.
    let related = ((doc_similarity(&vectors) - UNRELATED_DOC_SIM)
        / (RELATED_DOC_SIM - UNRELATED_DOC_SIM))
        .clamp(0.0, 1.0);
    let paraphrase = opts.pair_min + (opts.floor.min(opts.pair_min) - opts.pair_min) * related;
    let pair_min = if opts.pair_min > paraphrase {
        paraphrase + (opts.pair_min - paraphrase) * slide
    } else {
        opts.pair_min
    };
    let mut aligner = Aligner {
        old_keys: &old_keys,
        new_keys: &new_keys,
        info: &info,
        pair_min,
        old,
        new,
        vectors: &vectors,
        opts,
        lang,
        old_rivals: Vec::new(),
        new_rivals: Vec::new(),
    };
    if opts.moves {
        aligner.find_rivals(&ops);
    }
    let mut units = Vec::with_capacity(old.len().max(new.len()));
    for op in ops {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                for k in 0..len {
                    units.push(aligner.pair(old_index + k, new_index + k));
                }
            }
            _ => aligner.gap(op.old_range(), op.new_range(), 0, &mut units),
        }
    }
    if opts.moves {
        aligner.find_moves(&mut units);
    }
    if opts.meaning {
        aligner.meaning_pass(&mut units);
    }
    assign_confidence(&mut units, old.len() + new.len());
    if opts.min_confidence > 0.0 {
        units = unpair_below(units, opts.min_confidence);
    }
    units
}

/// Weights of the confidence model `1 / (1 + exp(-z))`, `z = CONF_BIAS + CONF_SIM * sim +
/// CONF_MOVED * moved + CONF_JOINED * joined + CONF_RETELLING * retelling`, where `moved`
/// and `joined` are 1 for moved and split/merged units, and `retelling` is 1 minus the
/// share of sentences in unchanged units over [`REVISION_ANCHOR_SHARE`] (0 for revisions,
/// 1 for texts that share no sentence). Fitted by `scripts/calibrate_confidence`
/// (L2-regularised logistic regression by Newton steps) on the pairings of realrev,
/// ArgRewrite, Aesop and the news and revision dev sets, a pairing counting as right when
/// all its (old, new) pairs are gold pairs. Cross-validated (fit on one half of the
/// documents, score the other): among pairings at >= .9, 96.1% and 98.7% are right.
const CONF_BIAS: f32 = -0.821;
/// Weight of the similarity (see [`CONF_BIAS`]).
const CONF_SIM: f32 = 6.555;
/// Weight of a move (see [`CONF_BIAS`]): a pair across the document is less sure than one
/// at the same place with the same similarity.
const CONF_MOVED: f32 = -2.859;
/// Weight of a split or merge (see [`CONF_BIAS`]): every one of its pairs must be right.
const CONF_JOINED: f32 = -4.063;
/// Weight of a retelling (see [`CONF_BIAS`]).
const CONF_RETELLING: f32 = -0.265;

/// The confidence of one pairing: a logistic model of its similarity, its kind and the
/// share of sentences in unchanged units (weights `CONF_*`, fitted by
/// `scripts/calibrate_confidence`; see docs/json.md).
pub fn confidence(kind: ChangeKind, similarity: f32, unchanged_share: f32) -> f32 {
    let retelling = 1.0 - (unchanged_share / REVISION_ANCHOR_SHARE).clamp(0.0, 1.0);
    let flag = |b: bool| if b { 1.0 } else { 0.0 };
    let z = CONF_BIAS
        + CONF_SIM * similarity
        + CONF_MOVED * flag(kind == ChangeKind::Moved)
        + CONF_JOINED * flag(matches!(kind, ChangeKind::Split | ChangeKind::Merged))
        + CONF_RETELLING * retelling;
    1.0 / (1.0 + (-z).exp())
}

/// Set [`Unit::confidence`] on every unit with both sides; `sentences` is the number of
/// old and new sentences.
fn assign_confidence(units: &mut [Unit], sentences: usize) {
    let unchanged = units
        .iter()
        .filter(|u| u.kind == ChangeKind::Unchanged)
        .count();
    let share = (2 * unchanged) as f32 / sentences.max(1) as f32;
    for u in units {
        if let Some(s) = u.similarity
            && !u.old.is_empty()
            && !u.new.is_empty()
        {
            u.confidence = Some(confidence(u.kind, s, share));
        }
    }
}

/// Units with a confidence below `min` become removed + added units: each added sentence
/// where the unit was, each removed one right after the unit of the old sentence before
/// it (at the start for the first). Linear in the number of units.
fn unpair_below(units: Vec<Unit>, min: f32) -> Vec<Unit> {
    let old_len = units
        .iter()
        .flat_map(|u| u.old.iter())
        .max()
        .map_or(0, |&m| m + 1);
    // For each old sentence: the index in `kept` of its unit, or None when it is dropped.
    let mut home: Vec<Option<usize>> = vec![None; old_len];
    let mut kept: Vec<Unit> = Vec::with_capacity(units.len());
    let mut dropped: Vec<usize> = Vec::new();
    for u in units {
        if u.confidence.is_some_and(|c| c < min) {
            dropped.extend(u.old.iter().copied());
            kept.extend(u.new.iter().map(|&n| Unit {
                kind: ChangeKind::Added,
                confidence: None,
                old: vec![],
                new: vec![n],
                similarity: None,
            }));
        } else {
            for &o in &u.old {
                if let Some(h) = home.get_mut(o) {
                    *h = Some(kept.len());
                }
            }
            kept.push(u);
        }
    }
    dropped.sort_unstable();
    // after[k + 1]: removed units that go right after kept unit k (after[0]: at the start).
    let mut after: Vec<Vec<usize>> = vec![Vec::new(); kept.len() + 1];
    let mut last_slot = 0;
    let mut prev: Option<usize> = None;
    for &o in &dropped {
        let slot = match o.checked_sub(1) {
            None => 0,
            Some(p) if prev == Some(p) => last_slot,
            Some(p) => home.get(p).copied().flatten().map_or(0, |k| k + 1),
        };
        after[slot].push(o);
        (last_slot, prev) = (slot, Some(o));
    }
    let removed = |o: usize| Unit {
        kind: ChangeKind::Removed,
        confidence: None,
        old: vec![o],
        new: vec![],
        similarity: None,
    };
    let mut out = Vec::with_capacity(kept.len() + dropped.len());
    out.extend(after[0].iter().map(|&o| removed(o)));
    for (k, u) in kept.into_iter().enumerate() {
        out.push(u);
        out.extend(after[k + 1].iter().map(|&o| removed(o)));
    }
    out
}

/// Cosine of the two documents, each read as the sum of its sentence vectors (dense sums
/// over the vocabulary: linear in the input).
fn doc_similarity(v: &Vectors) -> f32 {
    let dense = |side: &[SparseVec]| {
        let mut d = vec![0f32; v.df.len()];
        for s in side {
            for &(t, w) in &s.terms {
                d[t as usize] += w;
            }
        }
        d
    };
    let (a, b) = (dense(&v.old), dense(&v.new));
    let dot: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
    let na: f32 = a.iter().map(|x| x * x).sum::<f32>().sqrt();
    let nb: f32 = b.iter().map(|x| x * x).sum::<f32>().sqrt();
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        (dot / (na * nb)).clamp(0.0, 1.0)
    }
}

struct Aligner<'a> {
    /// Interned normalised key of each old sentence ([`normalized_key`]).
    old_keys: &'a [u32],
    /// Interned normalised key of each new sentence.
    new_keys: &'a [u32],
    /// Length and hash of each key.
    info: &'a [KeyInfo],
    /// The pair threshold for this pair of texts (see [`REVISION_ANCHOR_SHARE`]).
    pair_min: f32,
    old: &'a [&'a str],
    new: &'a [&'a str],
    vectors: &'a Vectors,
    opts: &'a AlignOptions,
    /// The language of the texts (the meaning table is English only).
    lang: Lang,
    /// For each old sentence outside the anchors, its best two partners among the new
    /// sentences outside the anchors (empty when moves are off): what a pairing in place
    /// competes with.
    old_rivals: Vec<Rivals>,
    /// The same for each new sentence, among the old ones.
    new_rivals: Vec<Rivals>,
}

/// A sentence's two best partners on the other side, as (sentence index, cosine), best first.
type Rivals = [Option<(usize, f32)>; 2];

/// Which side of the comparison a list of sentences is on.
#[derive(Clone, Copy)]
enum Side {
    Old,
    New,
}

impl Aligner<'_> {
    fn vec(&self, side: Side, i: usize) -> &SparseVec {
        match side {
            Side::Old => &self.vectors.old[i],
            Side::New => &self.vectors.new[i],
        }
    }

    /// Fill [`Aligner::old_rivals`] and [`Aligner::new_rivals`] for the sentences of the
    /// gaps between the anchors of `ops`.
    fn find_rivals(&mut self, ops: &[DiffOp]) {
        let mut olds = Vec::new();
        let mut news = Vec::new();
        for op in ops {
            if !matches!(op, DiffOp::Equal { .. }) {
                olds.extend(op.old_range());
                news.extend(op.new_range());
            }
        }
        if olds.is_empty() || news.is_empty() {
            return;
        }
        let mut old_rivals = vec![[None, None]; self.old.len()];
        for (k, r) in self
            .top_partners(Side::Old, &olds, Side::New, &news)
            .into_iter()
            .enumerate()
        {
            old_rivals[olds[k]] = r;
        }
        let mut new_rivals = vec![[None, None]; self.new.len()];
        for (k, r) in self
            .top_partners(Side::New, &news, Side::Old, &olds)
            .into_iter()
            .enumerate()
        {
            new_rivals[news[k]] = r;
        }
        // An identical sentence is the best partner there is, whether or not the candidate
        // search (bounded on repetitive text) proposed it.
        let mut by_key: HashMap<u32, usize> = HashMap::default();
        for &n in news.iter().rev() {
            by_key.insert(self.new_keys[n], n);
        }
        for &o in &olds {
            if let Some(&n) = by_key.get(&self.old_keys[o]) {
                let r = &mut old_rivals[o];
                if r[0].is_none_or(|(j, _)| j != n) {
                    *r = [Some((n, 1.0)), r[0]];
                }
            }
        }
        let mut by_key: HashMap<u32, usize> = HashMap::default();
        for &o in olds.iter().rev() {
            by_key.insert(self.old_keys[o], o);
        }
        for &n in &news {
            if let Some(&o) = by_key.get(&self.new_keys[n]) {
                let r = &mut new_rivals[n];
                if r[0].is_none_or(|(j, _)| j != o) {
                    *r = [Some((o, 1.0)), r[0]];
                }
            }
        }
        self.old_rivals = old_rivals;
        self.new_rivals = new_rivals;
    }

    /// Whether sentence `i` of `side` has a partner other than those `taken` says are in
    /// the unit that is clearly better than the unit's `sim`: identical to it while the
    /// unit is not (`identical`), or good enough to be a move ([`AlignOptions::move_min`])
    /// and either more than [`RIVAL_MARGIN`] above `sim` or near-verbatim. A pairing in
    /// place that such a partner outbids is not made: the move wins.
    fn outbid(
        &self,
        side: Side,
        i: usize,
        taken: impl Fn(usize) -> bool,
        sim: f32,
        identical: bool,
    ) -> bool {
        let (rivals, key, other_keys) = match side {
            Side::Old => (self.old_rivals.get(i), self.old_keys.get(i), self.new_keys),
            Side::New => (self.new_rivals.get(i), self.new_keys.get(i), self.old_keys),
        };
        let Some(&(j, r)) = rivals.and_then(|r| r.iter().flatten().find(|(j, _)| !taken(*j)))
        else {
            return false;
        };
        if !identical && key.is_some() && key == other_keys.get(j) {
            return true;
        }
        r >= self.opts.move_min
            && (r > sim + RIVAL_MARGIN || (r >= NEAR_VERBATIM && r > sim + NEAR_VERBATIM_EDGE))
    }

    /// A 1-1 unit at the same place: unchanged or reworded.
    fn pair(&self, o: usize, n: usize) -> Unit {
        if same_modulo_whitespace(self.old[o], self.new[n]) {
            Unit {
                kind: ChangeKind::Unchanged,
                confidence: None,
                old: vec![o],
                new: vec![n],
                similarity: Some(1.0),
            }
        } else {
            let sim = cosine(&self.vectors.old[o], &self.vectors.new[n]);
            Unit {
                kind: ChangeKind::Reworded,
                confidence: None,
                old: vec![o],
                new: vec![n],
                similarity: Some(sim),
            }
        }
    }

    /// A hash of a unit's text that does not depend on which side is called old: the
    /// hashes of the two sides' keys (in order), combined by xor.
    fn unit_hash(&self, old: Range<usize>, new: Range<usize>) -> u32 {
        let side = |keys: &[u32], r: Range<usize>| {
            keys[r].iter().fold(0x9e37_79b9u32, |h, &k| {
                (h ^ self.info[k as usize].hash).wrapping_mul(0x0100_0193)
            })
        };
        side(self.old_keys, old) ^ side(self.new_keys, new)
    }

    /// Align one gap (`old` range x `new` range) and push its units in order.
    ///
    /// Bounded work per sentence on any input: the full table only for gaps of at most
    /// [`TABLE_CELLS_PER_SENTENCE`] cells per sentence (or [`MIN_TABLE_CELLS`] in all);
    /// a larger gap is cut at a chain of confident in-order pairs found through the term
    /// index, up to [`MAX_CUT_DEPTH`] times, and what is still too large is aligned in
    /// blocks along its diagonal ([`Aligner::blocks`]).
    fn gap(&self, old: Range<usize>, new: Range<usize>, depth: u8, units: &mut Vec<Unit>) {
        let cells = old.len().saturating_mul(new.len());
        if old.is_empty() || new.is_empty() {
            push_unpaired(old, new, units);
        } else if cells <= MIN_TABLE_CELLS.max(TABLE_CELLS_PER_SENTENCE * (old.len() + new.len())) {
            self.table(old, new, units);
        } else if depth < MAX_CUT_DEPTH {
            // Cut the gap at a chain of confident in-order pairs, then align the pieces.
            let pairs = self.confident_pairs(old.clone(), new.clone());
            let chain = symmetric_chain(&pairs);
            if chain.is_empty() {
                self.blocks(old, new, units);
                return;
            }
            let (mut o, mut n) = (old.start, new.start);
            for (po, pn, _) in chain {
                self.gap(o..po, n..pn, depth + 1, units);
                units.push(self.pair(po, pn));
                o = po + 1;
                n = pn + 1;
            }
            self.gap(o..old.end, n..new.end, depth + 1, units);
        } else {
            self.blocks(old, new, units);
        }
    }

    /// Pairs `(old, new, cosine)` of a gap, sorted by old index, that are each other's best
    /// partner with cosine at least the pair threshold and [`MOVE_MIN`]: the places to cut a
    /// gap too large for the table. Read from the rivals (each sentence's best partners over
    /// every gap, found once) when moves are on; from the term index of the gap otherwise.
    fn confident_pairs(&self, old: Range<usize>, new: Range<usize>) -> Vec<(usize, usize, f32)> {
        let min = self.pair_min.max(MOVE_MIN);
        if self.old_rivals.is_empty() || self.new_rivals.is_empty() {
            let olds: Vec<usize> = old.collect();
            let news: Vec<usize> = new.collect();
            return self.mutual_best(&olds, &news, min);
        }
        old.filter_map(|o| {
            let (n, s) = self.old_rivals[o][0]?;
            let back = self.new_rivals.get(n)?[0]?;
            (new.contains(&n) && back.0 == o && s >= min).then_some((o, n, s))
        })
        .collect()
    }

    /// Align a gap too large for one table as the same number of consecutive blocks of
    /// each side, block `p` of the old side against block `p` of the new (a band along
    /// the diagonal), each at most [`BLOCK`] sentences a side: the work stays linear in
    /// the gap's sentences. The blocks depend only on the two sizes, so they are the same
    /// with OLD and NEW swapped.
    fn blocks(&self, old: Range<usize>, new: Range<usize>, units: &mut Vec<Unit>) {
        for (o, nw) in block_ranges(old, new) {
            if o.is_empty() || nw.is_empty() {
                push_unpaired(o, nw, units);
            } else {
                self.table(o, nw, units);
            }
        }
    }

    /// Dynamic programming over one gap with the steps removed (1-0), added (0-1), pair
    /// (1-1), split (1-k) and merge (k-1), k up to [`MAX_JOIN`].
    ///
    /// A pair gains `sim - pair_min`; a split or merge of k parts gains `k * (sim -
    /// pair_min)` on the joined text, and only when each part shares words with the other
    /// side and the join closes a [`JOIN_GAIN`] share of what its best part leaves unmatched. Before: `A` vs
    /// `A1. A2.` pairs `A-A1` and adds `A2`; after: one split unit `A -> A1 A2`.
    fn table(&self, old: Range<usize>, new: Range<usize>, units: &mut Vec<Unit>) {
        let (n, m) = (old.len(), new.len());
        let t = self.pair_min;
        let mut sim = vec![0f32; n * m];
        for i in 0..n {
            for j in 0..m {
                sim[i * m + j] = cosine(
                    &self.vectors.old[old.start + i],
                    &self.vectors.new[new.start + j],
                );
            }
        }
        // Short structural lines of the same frame (headings of one level, date lines) may
        // pair in order whatever words they share: they are what changed in their place.
        let frames = |texts: &[&str], r: Range<usize>| -> Vec<(usize, Frame)> {
            r.filter_map(|k| Frame::of(texts[k]).map(|f| (k, f)))
                .collect()
        };
        let (old_frames, new_frames) =
            (frames(self.old, old.clone()), frames(self.new, new.clone()));
        for (o, fo) in &old_frames {
            for (nw, fnw) in &new_frames {
                let cell = &mut sim[(o - old.start) * m + (nw - new.start)];
                if fo.matches(fnw) && *cell < t + FRAME_GAIN {
                    *cell = t + FRAME_GAIN;
                }
            }
        }
        // Where a unit stands in the gap, old side against new side, as a share of each:
        // equal scores go to the unit nearer the diagonal, then to the earlier one, then by
        // a hash of the unit's text; rules that read the same with OLD and NEW swapped
        // (taking the first or last of equals in the table's order would not).
        let tie = |oi: usize, di: usize, nj: usize, dj: usize| {
            let at = |start: usize, len: usize, total: usize| {
                (start as f64 + len as f64 / 2.0) / total as f64
            };
            let (a, b) = (at(oi, di, n), at(nj, dj, m));
            let h = self.unit_hash(
                old.start + oi..old.start + oi + di,
                new.start + nj..new.start + nj + dj,
            );
            TIE_BREAK * ((a - b).abs() + (a + b) / 8.0)
                + TIE_HASH * f64::from(h) / f64::from(u32::MAX)
        };
        let w = m + 1;
        let mut score = vec![f64::NEG_INFINITY; (n + 1) * w];
        // The step that reached each cell: (old sentences taken, new sentences taken).
        let mut back = vec![(0u8, 0u8); (n + 1) * w];
        score[0] = 0.0;
        for i in 0..=n {
            for j in 0..=m {
                if i == 0 && j == 0 {
                    continue;
                }
                let mut best = f64::NEG_INFINITY;
                let mut step = (0u8, 0u8);
                let mut consider = |cand: f64, s: (u8, u8)| {
                    if cand > best {
                        best = cand;
                        step = s;
                    }
                };
                if i > 0 && j > 0 {
                    let s = sim[(i - 1) * m + j - 1];
                    let (o, nw) = (old.start + i - 1, new.start + j - 1);
                    let same = self.old_keys[o] == self.new_keys[nw];
                    if s >= t
                        && !self.outbid(Side::Old, o, |x| x == nw, s, same)
                        && !self.outbid(Side::New, nw, |x| x == o, s, same)
                    {
                        consider(
                            score[(i - 1) * w + j - 1] + f64::from(s - t) - tie(i - 1, 1, j - 1, 1),
                            (1, 1),
                        );
                    }
                    // Split (one old sentence against k new) and merge (k old against one
                    // new) are the same step with the sides swapped.
                    for k in 2..=MAX_JOIN {
                        for split in [true, false] {
                            let (di, dj) = if split { (1, k) } else { (k, 1) };
                            if di > i || dj > j {
                                continue;
                            }
                            let (oi, nj) = (i - di, j - dj); // first sentence of the unit
                            let part = |q: usize| {
                                if split {
                                    sim[oi * m + nj + q]
                                } else {
                                    sim[(oi + q) * m + nj]
                                }
                            };
                            let joined = if split {
                                self.joined(
                                    Side::Old,
                                    old.start + oi,
                                    Side::New,
                                    new.start + nj,
                                    k,
                                    part,
                                )
                            } else {
                                self.joined(
                                    Side::New,
                                    new.start + nj,
                                    Side::Old,
                                    old.start + oi,
                                    k,
                                    part,
                                )
                            };
                            if let Some(s) = joined {
                                consider(
                                    score[oi * w + nj] + k as f64 * f64::from(s - t)
                                        - tie(oi, di, nj, dj),
                                    (di as u8, dj as u8),
                                );
                            }
                        }
                    }
                }
                if i > 0 {
                    consider(score[(i - 1) * w + j], (1, 0));
                }
                if j > 0 {
                    consider(score[i * w + j - 1], (0, 1));
                }
                score[i * w + j] = best;
                back[i * w + j] = step;
            }
        }
        // Walk back from the end, then emit in order.
        let mut path = Vec::new();
        let (mut i, mut j) = (n, m);
        while i > 0 || j > 0 {
            let (di, dj) = back[i * w + j];
            let (di, dj) = (usize::from(di), usize::from(dj));
            if di == 0 && dj == 0 {
                break; // unreachable: every cell but the origin has a step
            }
            i -= di;
            j -= dj;
            path.push((old.start + i, di, new.start + j, dj));
        }
        let first = units.len();
        for (o, di, nw, dj) in path.into_iter().rev() {
            let olds: Vec<usize> = (o..o + di).collect();
            let news: Vec<usize> = (nw..nw + dj).collect();
            let unit = match (di, dj) {
                (1, 0) => Unit {
                    kind: ChangeKind::Removed,
                    confidence: None,
                    old: olds,
                    new: news,
                    similarity: None,
                },
                (0, 1) => Unit {
                    kind: ChangeKind::Added,
                    confidence: None,
                    old: olds,
                    new: news,
                    similarity: None,
                },
                (1, 1) => self.pair(o, nw),
                (1, _) => Unit {
                    kind: ChangeKind::Split,
                    confidence: None,
                    similarity: Some(cosine(
                        self.vec(Side::Old, o),
                        &self.joined_vec(Side::New, nw..nw + dj),
                    )),
                    old: olds,
                    new: news,
                },
                _ => Unit {
                    kind: ChangeKind::Merged,
                    confidence: None,
                    similarity: Some(cosine(
                        self.vec(Side::New, nw),
                        &self.joined_vec(Side::Old, o..o + di),
                    )),
                    old: olds,
                    new: news,
                },
            };
            units.push(unit);
        }
        order_unpaired_runs(&mut units[first..]);
    }

    /// The vector of several sentences of one side read as one text.
    fn joined_vec(&self, side: Side, indexes: Range<usize>) -> SparseVec {
        indexes.fold(SparseVec::default(), |acc, i| join(&acc, self.vec(side, i)))
    }

    /// Cosine of sentence `one` against `k` sentences from `two` on read together, when
    /// that join is worth a split/merge unit (see [`Aligner::table`]); `part(q)` is the
    /// cosine of `one` with part `q`. Cheap tests first: the joined vector is only built
    /// when every part shares enough words with `one`.
    fn joined(
        &self,
        one_side: Side,
        one: usize,
        two_side: Side,
        two: usize,
        k: usize,
        part: impl Fn(usize) -> f32,
    ) -> Option<f32> {
        let mut best_part = 0.0f32;
        // An upper bound of the joined cosine from the parts alone: with non-negative
        // weights |P1 + ... + Pk|^2 >= sum |Pq|^2, so cos(one, join) <= sum cq |Pq| /
        // sqrt(sum |Pq|^2). When even that cannot pass, the joined vector is not built.
        let (mut dot, mut sq) = (0.0f32, 0.0f32);
        for q in 0..k {
            let p = part(q);
            if p < PART_SHARE * self.pair_min {
                return None;
            }
            best_part = best_part.max(p);
            let norm = self.vec(two_side, two + q).norm;
            dot += p * norm;
            sq += norm * norm;
        }
        let needed = self.pair_min.max(best_part + JOIN_GAIN * (1.0 - best_part));
        if sq > 0.0 && dot / sq.sqrt() < needed - JOIN_BOUND_SLACK {
            return None;
        }
        let s = cosine(
            self.vec(one_side, one),
            &self.joined_vec(two_side, two..two + k),
        );
        let parts = two..two + k;
        let outbid = self.outbid(one_side, one, |x| parts.contains(&x), s, false)
            || parts
                .clone()
                .any(|q| self.outbid(two_side, q, |x| x == one, s, false));
        (s >= self.pair_min && s - best_part >= JOIN_GAIN * (1.0 - best_part) && !outbid)
            .then_some(s)
    }

    /// Pairs `(old, new, cosine)` where each is the other's best match among the given
    /// sentences, with cosine at least `min`, sorted by old index. Candidates come from an
    /// inverted index of terms, so the cost is linear in the input for bounded postings.
    fn mutual_best(&self, olds: &[usize], news: &[usize], min: f32) -> Vec<(usize, usize, f32)> {
        let fwd = self.best_partners(Side::Old, olds, Side::New, news);
        let bwd = self.best_partners(Side::New, news, Side::Old, olds);
        let mut pairs = Vec::new();
        for (k, best) in fwd.iter().enumerate() {
            if let Some((j, s)) = *best
                && s >= min
                && bwd[j].is_some_and(|(back, _)| back == k)
            {
                pairs.push((olds[k], news[j], s));
            }
        }
        pairs
    }

    /// For each sentence of `from`, its two best partners in `to` as (sentence index,
    /// cosine), best first.
    fn top_partners(
        &self,
        from_side: Side,
        from: &[usize],
        to_side: Side,
        to: &[usize],
    ) -> Vec<Rivals> {
        let index = TermIndex::new(to.iter().map(|&s| self.vec(to_side, s)), MAX_POSTINGS);
        let mut searcher = index.searcher();
        from.iter()
            .map(|&s| {
                let v = self.vec(from_side, s);
                let mut top: Rivals = [None, None];
                for pos in searcher.candidates(v, CANDIDATES) {
                    let c = cosine(v, self.vec(to_side, to[pos]));
                    let entry = Some((to[pos], c));
                    if top[0].is_none_or(|(_, b)| c > b) {
                        top = [entry, top[0]];
                    } else if top[1].is_none_or(|(_, b)| c > b) {
                        top[1] = entry;
                    }
                }
                top
            })
            .collect()
    }

    /// For each sentence of `from`, its best partner in `to` as (position in `to`, cosine).
    fn best_partners(
        &self,
        from_side: Side,
        from: &[usize],
        to_side: Side,
        to: &[usize],
    ) -> Vec<Option<(usize, f32)>> {
        let index = TermIndex::new(to.iter().map(|&s| self.vec(to_side, s)), MAX_POSTINGS);
        let mut searcher = index.searcher();
        from.iter()
            .map(|&s| {
                let v = self.vec(from_side, s);
                // The few best by partial score get an exact cosine.
                let mut best: Option<(usize, f32)> = None;
                for pos in searcher.candidates(v, CANDIDATES) {
                    let c = cosine(v, self.vec(to_side, to[pos]));
                    if best.is_none_or(|(_, b)| c > b) {
                        best = Some((pos, c));
                    }
                }
                best
            })
            .collect()
    }

    /// Pair, in order, the removed and added sentences of each run of unpaired units by
    /// the combined lexical and meaning score ([`crate::meaning::combine`]): a monotone
    /// table over the run, a pair gaining `score - MEANING_PAIR_MIN`. Runs larger than
    /// [`MEANING_MAX_CELLS`] are left as they are. The units keep the lexical cosine as
    /// their similarity (and so a confidence that says how little the words agree).
    fn meaning_pass(&self, units: &mut Vec<Unit>) {
        let Some(table) = crate::meaning::MeaningTable::for_lang(self.lang) else {
            return;
        };
        let unpaired = |u: &Unit| matches!(u.kind, ChangeKind::Removed | ChangeKind::Added);
        let mut out: Vec<Unit> = Vec::with_capacity(units.len());
        let mut k = 0;
        while k < units.len() {
            if !unpaired(&units[k]) {
                out.push(units[k].clone());
                k += 1;
                continue;
            }
            let mut end = k;
            while end < units.len() && unpaired(&units[end]) {
                end += 1;
            }
            let run = &units[k..end];
            let olds: Vec<usize> = run.iter().flat_map(|u| u.old.iter().copied()).collect();
            let news: Vec<usize> = run.iter().flat_map(|u| u.new.iter().copied()).collect();
            let (n, m) = (olds.len(), news.len());
            if n == 0 || m == 0 || n.saturating_mul(m) > MEANING_MAX_CELLS {
                out.extend(run.iter().cloned());
                k = end;
                continue;
            }
            let (mo, mn) = table.documents(
                olds.iter().map(|&o| self.old[o]),
                news.iter().map(|&j| self.new[j]),
            );
            let w = m + 1;
            let mut score = vec![f32::NEG_INFINITY; (n + 1) * w];
            let mut back = vec![0u8; (n + 1) * w]; // 1 = pair, 2 = skip old, 3 = skip new
            score[0] = 0.0;
            for i in 0..=n {
                for j in 0..=m {
                    if i == 0 && j == 0 {
                        continue;
                    }
                    let (mut best, mut step) = (f32::NEG_INFINITY, 0u8);
                    if i > 0 && j > 0 {
                        let lex = cosine(
                            self.vec(Side::Old, olds[i - 1]),
                            self.vec(Side::New, news[j - 1]),
                        );
                        let s =
                            crate::meaning::combine(lex, table.similarity(&mo[i - 1], &mn[j - 1]));
                        if s >= MEANING_PAIR_MIN {
                            best = score[(i - 1) * w + j - 1] + (s - MEANING_PAIR_MIN);
                            step = 1;
                        }
                    }
                    if i > 0 && score[(i - 1) * w + j] > best {
                        best = score[(i - 1) * w + j];
                        step = 2;
                    }
                    if j > 0 && score[i * w + j - 1] > best {
                        best = score[i * w + j - 1];
                        step = 3;
                    }
                    score[i * w + j] = best;
                    back[i * w + j] = step;
                }
            }
            let mut path = Vec::new();
            let (mut i, mut j) = (n, m);
            while i > 0 || j > 0 {
                match back[i * w + j] {
                    1 => {
                        i -= 1;
                        j -= 1;
                        path.push((Some(olds[i]), Some(news[j])));
                    }
                    2 => {
                        i -= 1;
                        path.push((Some(olds[i]), None));
                    }
                    3 => {
                        j -= 1;
                        path.push((None, Some(news[j])));
                    }
                    _ => break,
                }
            }
            let first = out.len();
            for step in path.into_iter().rev() {
                out.push(match step {
                    (Some(o), Some(nw)) => self.pair(o, nw),
                    (Some(o), None) => Unit {
                        kind: ChangeKind::Removed,
                        confidence: None,
                        old: vec![o],
                        new: vec![],
                        similarity: None,
                    },
                    (_, nw) => Unit {
                        kind: ChangeKind::Added,
                        confidence: None,
                        old: vec![],
                        new: nw.into_iter().collect(),
                        similarity: None,
                    },
                });
            }
            order_unpaired_runs(&mut out[first..]);
            k = end;
        }
        *units = out;
    }

    /// Turn removed/added pairs that are each other's best match into `moved` units, placed
    /// where the added sentence was; the removed unit is dropped.
    fn find_moves(&self, units: &mut Vec<Unit>) {
        let mut removed = Vec::new();
        let mut added = Vec::new();
        for (k, u) in units.iter().enumerate() {
            match u.kind {
                ChangeKind::Removed => removed.push((u.old[0], k)),
                ChangeKind::Added => added.push((u.new[0], k)),
                _ => {}
            }
        }
        if removed.is_empty() || added.is_empty() {
            return;
        }
        // Identical sentences first (same key), in order: cheap, certain, and immune to
        // the candidate index's limits on repetitive text.
        let mut waiting: HashMap<u32, std::collections::VecDeque<usize>> = HashMap::default();
        for &(o, _) in &removed {
            waiting.entry(self.old_keys[o]).or_default().push_back(o);
        }
        let mut pairs = Vec::new();
        let mut taken_old = std::collections::HashSet::new();
        let mut news = Vec::new();
        for &(n, _) in &added {
            match waiting
                .get_mut(&self.new_keys[n])
                .and_then(|q| q.pop_front())
            {
                Some(o) => {
                    pairs.push((o, n, 1.0));
                    taken_old.insert(o);
                }
                None => news.push(n),
            }
        }
        let olds: Vec<usize> = removed
            .iter()
            .map(|r| r.0)
            .filter(|o| !taken_old.contains(o))
            .collect();
        // Below the move threshold, a mutual best pair is a move only when its meaning
        // agrees (languages without a meaning table keep the threshold).
        let table = crate::meaning::MeaningTable::for_lang(self.lang);
        let loose = if table.is_some() {
            self.opts.move_min.min(LOOSE_MOVE_MIN)
        } else {
            self.opts.move_min
        };
        pairs.extend(
            self.mutual_best(&olds, &news, loose)
                .into_iter()
                .filter(|&(o, n, s)| {
                    s >= self.opts.move_min
                        || table.is_some_and(|t| {
                            let (a, b) = (t.sentence(self.old[o]), t.sentence(self.new[n]));
                            t.similarity(&a, &b) >= MOVE_MEANING_MIN
                        })
                }),
        );
        if pairs.is_empty() {
            return;
        }
        let unit_of_old: HashMap<usize, usize> = removed.into_iter().collect();
        let unit_of_new: HashMap<usize, usize> = added.into_iter().collect();
        let mut drop = vec![false; units.len()];
        for (o, n, s) in pairs {
            let (Some(&ru), Some(&au)) = (unit_of_old.get(&o), unit_of_new.get(&n)) else {
                continue;
            };
            let identical = same_modulo_whitespace(self.old[o], self.new[n]);
            units[au] = Unit {
                kind: ChangeKind::Moved,
                confidence: None,
                old: vec![o],
                new: vec![n],
                similarity: Some(if identical { 1.0 } else { s }),
            };
            drop[ru] = true;
        }
        let mut k = 0;
        units.retain(|_| {
            k += 1;
            !drop[k - 1]
        });
    }
}

/// What frames a short structural line: at most [`FRAME_MAX_WORDS`] words, its opening
/// markup (`## `, `- `, `(`), its label before a colon (`Updated:`), and its text with
/// figures taken out (`Version 2.1` -> `Version 3.0`). Two lines of the same frame may
/// pair in a gap whatever words they share. Before: `Updated: August 2023` -> `Updated:
/// January 2024` between two anchors was removed + added (its only shared word is the
/// label); after: reworded.
#[derive(Debug, PartialEq)]
struct Frame {
    /// The markup it opens with (`##`, `-`, `(`), whitespace left out; may be empty.
    markup: String,
    /// The label before a colon, lower-cased, if any.
    label: Option<String>,
    /// The line lower-cased with its figures taken out.
    bare: String,
}

impl Frame {
    /// The frame of a line of at most [`FRAME_MAX_WORDS`] words (none for longer lines and
    /// lines without a word).
    fn of(t: &str) -> Option<Frame> {
        let words = tokens(t)
            .into_iter()
            .filter(|k| k.kind == TokenKind::Word)
            .count();
        if words == 0 || words > FRAME_MAX_WORDS {
            return None;
        }
        let t = t.trim();
        Some(Frame {
            markup: t
                .chars()
                .take_while(|c| !c.is_alphanumeric())
                .filter(|c| !c.is_whitespace())
                .collect(),
            label: t
                .split_once(':')
                .map(|(l, _)| l.trim().to_lowercase())
                .filter(|l| !l.is_empty()),
            bare: t
                .chars()
                .filter(|c| !c.is_ascii_digit())
                .flat_map(char::to_lowercase)
                .collect(),
        })
    }

    /// Whether two frames match: same opening markup, or same label, or same text once
    /// figures are out.
    fn matches(&self, other: &Frame) -> bool {
        (!self.markup.is_empty() && self.markup == other.markup)
            || (self.label.is_some() && self.label == other.label)
            || self.bare == other.bare
    }
}

/// The blocks of [`Aligner::blocks`]: `k` consecutive ranges of each side, `k` the least
/// number that keeps every block within [`BLOCK`] sentences a side.
fn block_ranges(old: Range<usize>, new: Range<usize>) -> Vec<(Range<usize>, Range<usize>)> {
    let (n, m) = (old.len(), new.len());
    let k = n.max(m).div_ceil(BLOCK).max(1);
    (0..k)
        .map(|p| {
            (
                old.start + p * n / k..old.start + (p + 1) * n / k,
                new.start + p * m / k..new.start + (p + 1) * m / k,
            )
        })
        .collect()
}

/// Units for a gap with nothing to pair: removed sentences first, then added ones.
fn push_unpaired(old: Range<usize>, new: Range<usize>, units: &mut Vec<Unit>) {
    units.extend(old.map(|o| Unit {
        kind: ChangeKind::Removed,
        confidence: None,
        old: vec![o],
        new: vec![],
        similarity: None,
    }));
    units.extend(new.map(|n| Unit {
        kind: ChangeKind::Added,
        confidence: None,
        old: vec![],
        new: vec![n],
        similarity: None,
    }));
}

/// Within each run of unpaired units, put removed before added (stable), so that output
/// reads like a diff: what went, then what came.
fn order_unpaired_runs(units: &mut [Unit]) {
    let mut start = 0;
    while start < units.len() {
        let mut end = start;
        while end < units.len()
            && matches!(units[end].kind, ChangeKind::Removed | ChangeKind::Added)
        {
            end += 1;
        }
        units[start..end].sort_by_key(|u| u.kind == ChangeKind::Added);
        start = end + 1;
    }
}

/// The pairs that are on the longest chain read both ways: [`longest_chain`] of the pairs by
/// old index, and of the same pairs by new index, kept where the two agree. Several chains
/// may be longest and each reading picks one, so either alone could differ with OLD and NEW
/// swapped; what both pick does not. Still a chain (a subset of one). `pairs` sorted by old
/// index, each old and each new index at most once.
fn symmetric_chain(pairs: &[(usize, usize, f32)]) -> Vec<(usize, usize, f32)> {
    let by_old = longest_chain(pairs);
    let mut swapped: Vec<(usize, usize, f32)> = pairs.iter().map(|&(o, n, s)| (n, o, s)).collect();
    swapped.sort_unstable_by_key(|p| p.0);
    let by_new: std::collections::HashSet<(usize, usize)> = longest_chain(&swapped)
        .into_iter()
        .map(|(n, o, _)| (o, n))
        .collect();
    by_old
        .into_iter()
        .filter(|&(o, n, _)| by_new.contains(&(o, n)))
        .collect()
}

/// The longest chain of pairs increasing in both old and new index (pairs sorted by old).
fn longest_chain(pairs: &[(usize, usize, f32)]) -> Vec<(usize, usize, f32)> {
    // Patience-sorting LIS over new indexes, O(n log n).
    let mut tails: Vec<usize> = Vec::new(); // index into pairs of the smallest tail per length
    let mut prev: Vec<Option<usize>> = vec![None; pairs.len()];
    for (k, p) in pairs.iter().enumerate() {
        let pos = tails.partition_point(|&t| pairs[t].1 < p.1);
        prev[k] = pos.checked_sub(1).map(|q| tails[q]);
        if pos == tails.len() {
            tails.push(k);
        } else {
            tails[pos] = k;
        }
    }
    let mut chain = Vec::with_capacity(tails.len());
    let mut cur = tails.last().copied();
    while let Some(k) = cur {
        chain.push(pairs[k]);
        cur = prev[k];
    }
    chain.reverse();
    chain
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mirrored_kinds_swap_sides_and_twice_is_the_identity() {
        assert_eq!(ChangeKind::Added.mirrored(), ChangeKind::Removed);
        assert_eq!(ChangeKind::Split.mirrored(), ChangeKind::Merged);
        assert_eq!(ChangeKind::Moved.mirrored(), ChangeKind::Moved);
        for k in ChangeKind::ALL {
            assert_eq!(k.mirrored().mirrored(), k);
        }
    }

    fn kinds(old: &[&str], new: &[&str]) -> Vec<(ChangeKind, Vec<usize>, Vec<usize>)> {
        align_texts(old, new, Lang::English, &AlignOptions::default())
            .into_iter()
            .map(|u| (u.kind, u.old, u.new))
            .collect()
    }

    use ChangeKind::*;

    #[test]
    fn identical_texts_are_unchanged() {
        let s = ["One fish.", "Two fish.", "Red fish."];
        assert!(kinds(&s, &s).iter().all(|u| u.0 == Unchanged));
    }

    #[test]
    fn reworded_added_removed() {
        let old = [
            "The council approved the budget on Monday.",
            "Taxes will rise by two percent.",
            "The mayor was absent.",
        ];
        let new = [
            "The council approved the budget on Tuesday.",
            "Parks get new funding.",
            "The mayor was absent.",
        ];
        assert_eq!(
            kinds(&old, &new),
            vec![
                (Reworded, vec![0], vec![0]),
                (Removed, vec![1], vec![]),
                (Added, vec![], vec![1]),
                (Unchanged, vec![2], vec![2]),
            ]
        );
    }

    #[test]
    fn split_and_merge() {
        let old = [
            "Intro sentence here.",
            "The ministry rejected the report and called it a political tool of Western forces.",
            "Closing remark.",
        ];
        let new = [
            "Intro sentence here.",
            "The ministry rejected the report.",
            "It called it a political tool of Western forces.",
            "Closing remark.",
        ];
        assert_eq!(kinds(&old, &new)[1], (Split, vec![1], vec![1, 2]));
        let back: Vec<_> = kinds(&new, &old);
        assert_eq!(back[1], (Merged, vec![1, 2], vec![1]));
    }

    #[test]
    fn moved_sentence_is_found() {
        let old = [
            "Alpha beta gamma delta.",
            "The harvest festival drew record crowds this autumn.",
            "Epsilon zeta eta theta.",
            "Iota kappa lambda mu.",
            "Nu xi omicron pi.",
        ];
        let new = [
            "Alpha beta gamma delta.",
            "Epsilon zeta eta theta.",
            "Iota kappa lambda mu.",
            "Nu xi omicron pi.",
            "The harvest festival drew record crowds this autumn.",
        ];
        let units = kinds(&old, &new);
        assert!(units.contains(&(Moved, vec![1], vec![4])), "{units:?}");
        assert_eq!(units.len(), 5);
    }

    #[test]
    fn a_near_verbatim_sentence_elsewhere_beats_a_weak_pairing_in_place() {
        let old = [
            "Opening line stays.",
            "The council will vote on the river bridge budget in March.",
            "The police report on the school fire was published today.",
            "Closing line stays.",
        ];
        // In place of the bridge sentence stands another about the council; the bridge
        // sentence itself moved to the end, word for word.
        let new = [
            "Opening line stays.",
            "The council met in March.",
            "The police report on the school fire was published today.",
            "Closing line stays.",
            "The council will vote on the river bridge budget in March.",
        ];
        let units = kinds(&old, &new);
        assert!(units.contains(&(Moved, vec![1], vec![4])), "{units:?}");
        assert!(units.contains(&(Added, vec![], vec![1])), "{units:?}");
    }

    #[test]
    fn a_moved_sentence_reworded_with_other_words_is_a_move_when_its_meaning_agrees() {
        let old = [
            "Our pledge covers every member of the community.",
            "Showing empathy towards other community members.",
            "Being respectful of differing opinions and experiences.",
            "Giving and gracefully accepting constructive feedback.",
            "Focusing on what is best for the overall community.",
        ];
        let new = [
            "Our pledge covers every member of the community.",
            "Being respectful of differing opinions and experiences.",
            "Giving and gracefully accepting constructive feedback.",
            "Focusing on what is best for the overall community.",
            "Demonstrating empathy and kindness toward other people.",
        ];
        let units = kinds(&old, &new);
        assert!(units.contains(&(Moved, vec![1], vec![4])), "{units:?}");
        // Without a meaning table (German here) the cosine alone must reach the move
        // threshold: the same texts stay removed + added.
        let units: Vec<_> = align_texts(&old, &new, Lang::German, &AlignOptions::default())
            .into_iter()
            .map(|u| (u.kind, u.old, u.new))
            .collect();
        assert!(units.contains(&(Removed, vec![1], vec![])), "{units:?}");
    }

    #[test]
    fn a_renumbered_heading_pairs_in_place() {
        let old = [
            "### 5. Advertising",
            "Ads are allowed in 5 places.",
            "### 6. Privacy",
            "Privacy matters to us and privacy rules apply.",
        ];
        let new = [
            "### 6. Advertising",
            "Ads are allowed in 5 places.",
            "### 7. Privacy",
            "Privacy matters to us and privacy rules apply.",
        ];
        let units = kinds(&old, &new);
        assert!(units.contains(&(Reworded, vec![2], vec![2])), "{units:?}");
        assert!(units.contains(&(Reworded, vec![0], vec![0])), "{units:?}");
    }

    #[test]
    fn short_lines_of_one_frame_pair_in_their_place() {
        let old = [
            "# Terms of service",
            "Updated: August 2023",
            "We keep your data safe and never sell it to anyone.",
            "## Equivalence",
            "Two resolvers are equivalent when they give the same answers.",
        ];
        let new = [
            "# Terms of service",
            "Updated: January 2024",
            "We keep your data safe and never sell it to anyone.",
            "## Designation",
            "A network designates a resolver by pointing clients to it.",
        ];
        let units = kinds(&old, &new);
        assert!(units.contains(&(Reworded, vec![1], vec![1])), "{units:?}");
        assert!(units.contains(&(Reworded, vec![3], vec![3])), "{units:?}");
        // A sentence is not a frame: the replaced sentence stays removed + added.
        assert!(units.contains(&(Removed, vec![4], vec![])), "{units:?}");
        let frame = |t: &str| Frame::of(t);
        assert!(frame("A sentence of many more words than a heading has.").is_none());
        let (a, b) = (
            frame("(Photo: City Fire Department)"),
            frame("(Getty Images)"),
        );
        assert!(a.zip(b).is_some_and(|(a, b)| a.matches(&b)));
        let (a, b) = (frame("Privacy"), frame("Security"));
        assert!(!a.zip(b).is_some_and(|(a, b)| a.matches(&b)));
    }

    #[test]
    fn a_gap_too_large_for_one_table_still_pairs_in_place_and_covers_everything() {
        // 150 x 150 sentences with no identical pair: more cells than the table takes, so
        // the gap is cut at confident pairs and the rest aligned in blocks.
        let old: Vec<String> = (0..150)
            .map(|i| format!("Report {i} says the quarry{i} permit for zone{i} was delayed."))
            .collect();
        let new: Vec<String> = (0..150)
            .map(|i| format!("The quarry{i} permit in zone{i} is late, report {i} says now."))
            .collect();
        assert!(150 * 150 > MIN_TABLE_CELLS.max(TABLE_CELLS_PER_SENTENCE * 300));
        let (o, n): (Vec<&str>, Vec<&str>) = (
            old.iter().map(String::as_str).collect(),
            new.iter().map(String::as_str).collect(),
        );
        let units = kinds(&o, &n);
        let in_place = units
            .iter()
            .filter(|u| u.0 == Reworded && u.1 == u.2)
            .count();
        assert!(in_place >= 145, "{in_place} of 150 paired in place");
        let mut seen_old: Vec<usize> = units.iter().flat_map(|u| u.1.clone()).collect();
        let mut seen_new: Vec<usize> = units.iter().flat_map(|u| u.2.clone()).collect();
        seen_old.sort_unstable();
        seen_new.sort_unstable();
        assert_eq!(seen_old, (0..150).collect::<Vec<_>>());
        assert_eq!(seen_new, (0..150).collect::<Vec<_>>());
    }

    #[test]
    fn blocks_split_both_sides_alike_and_stay_within_the_bound() {
        // The blocks of a gap depend only on its two sizes: the same with the sides swapped.
        let cut = |n: usize, m: usize| block_ranges(5..5 + n, 9..9 + m);
        for (n, m) in [(1000, 700), (65, 65), (3000, 10)] {
            let a = cut(n, m);
            let b: Vec<_> = cut(m, n).into_iter().map(|(x, y)| (y, x)).collect();
            let shift = |v: &[(Range<usize>, Range<usize>)]| -> Vec<(usize, usize)> {
                v.iter().map(|(x, y)| (x.len(), y.len())).collect()
            };
            assert_eq!(shift(&a), shift(&b));
            assert!(a.iter().all(|(x, y)| x.len() <= BLOCK && y.len() <= BLOCK));
            // Consecutive and covering: each block starts where the one before ended.
            assert_eq!(a.first().map(|b| (b.0.start, b.1.start)), Some((5, 9)));
            assert_eq!(a.last().map(|b| (b.0.end, b.1.end)), Some((5 + n, 9 + m)));
            assert!(
                a.windows(2)
                    .all(|w| w[0].0.end == w[1].0.start && w[0].1.end == w[1].1.start)
            );
        }
    }

    #[test]
    fn the_symmetric_chain_reads_the_same_with_the_sides_swapped() {
        // Two longest chains: (0,2) (1,3) and (2,0) (3,1); each reading picks one.
        let pairs = [
            (0, 2, 1.0),
            (1, 3, 1.0),
            (2, 0, 1.0),
            (3, 1, 1.0),
            (4, 4, 1.0),
        ];
        let mut swapped: Vec<_> = pairs.iter().map(|&(o, n, s)| (n, o, s)).collect();
        swapped.sort_unstable_by_key(|p| p.0);
        let a: Vec<(usize, usize)> = symmetric_chain(&pairs).iter().map(|p| (p.0, p.1)).collect();
        let mut b: Vec<(usize, usize)> = symmetric_chain(&swapped)
            .iter()
            .map(|p| (p.1, p.0))
            .collect();
        b.sort_unstable();
        assert_eq!(a, b);
        assert!(a.contains(&(4, 4)));
    }

    #[test]
    fn chain_is_longest_increasing() {
        let pairs = [
            (0, 5, 1.0),
            (1, 1, 1.0),
            (2, 2, 1.0),
            (3, 0, 1.0),
            (4, 3, 1.0),
        ];
        let chain: Vec<_> = longest_chain(&pairs).iter().map(|p| p.0).collect();
        assert_eq!(chain, vec![1, 2, 4]);
    }
}

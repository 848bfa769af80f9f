//! claimdiff compares texts at the level of sentences and claims.
//!
//! The pipeline, one plain type at each step:
//!
//! 1. [`input::decode`]: bytes -> text (UTF-8, BOMs, UTF-16; binary and size checks).
//! 2. [`segment::segment`] / [`Document::new`]: text -> [`Sentence`] byte spans (lossless:
//!    the gaps between sentences are whitespace only).
//! 3. [`align::align`]: old and new sentences -> [`Unit`]s (unchanged, reworded, moved, split,
//!    merged, added, removed), every sentence in exactly one unit.
//! 4. [`classify()`]: units -> [`Change`]s with word-level [`Edit`]s; then
//!    [`annotate_claims`] adds each rewording's typed [`claims::ClaimChange`]s
//!    (number, negation, modality, attribution, entity, intensity) and whether it is
//!    substantive or only cosmetic.
//! 5. [`render`]: a [`Comparison`] -> bytes (terminal, JSON, stat), through one small trait.
//!
//! Check mode ([`check::check`]) reuses steps 1-2 and the claim detectors to check a
//! statement against the report(s) it refers to: verdicts, evidence, flags, omitted report
//! sentences.
//!
//! ```
//! use claimdiff::{compare_texts, ChangeKind, Options};
//!
//! let old = "The council met. More than 60 people came. It rained.";
//! let new = "The council met. Nearly 70 people came. It rained.";
//! let cmp = compare_texts(old, new, &Options::default());
//! let kinds: Vec<ChangeKind> = cmp.changes.iter().map(|c| c.kind).collect();
//! assert_eq!(kinds, [ChangeKind::Unchanged, ChangeKind::Reworded, ChangeKind::Unchanged]);
//! assert!(cmp.has_differences());
//! ```

#![warn(missing_docs)]
// Panics on input data: no unwrap/expect/panic in library code (tests may), and every
// indexing is either checked (`get`) or in a module whose `allow` says why it is in range;
// the fuzz targets (docs/testing.md) exercise these paths.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::todo,
        clippy::unimplemented
    )
)]
#![cfg_attr(not(test), warn(clippy::indexing_slicing))]

pub mod align;
mod anchors;
pub mod batch;
pub mod check;
pub mod claims;
mod classify;
mod document;
mod error;
pub mod extract;
pub mod history;
pub mod input;
pub mod lang;
pub mod meaning;
pub mod render;
pub mod segment;
pub mod similarity;
mod text;

pub use align::{AlignOptions, ChangeKind, Unit, align};
pub use claims::{ClaimChange, ClaimType};
pub use classify::{Change, Edit, EditOp, annotate_claims, apply_edits, classify};
pub use document::Document;
pub use error::Error;
pub use lang::Lang;
pub use segment::{SegmentOptions, Sentence, SplitMode, segment};

use serde::{Deserialize, Serialize};

/// Everything that shapes a comparison.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Options {
    /// How texts are cut into sentences.
    pub segment: SegmentOptions,
    /// How sentences are aligned.
    pub align: AlignOptions,
}

impl Options {
    /// The default options for texts in `lang`: the one place a comparison's language is
    /// chosen (it is [`SegmentOptions::lang`]; each [`Document`] records it, and alignment,
    /// claim detection and check read it from there).
    ///
    /// ```
    /// use claimdiff::{Lang, Options, compare_texts};
    ///
    /// let opts = Options::for_lang(Lang::German);
    /// let cmp = compare_texts("Am 3. Oktober tagt der Rat.", "Am 4. Oktober tagt der Rat.", &opts);
    /// assert_eq!(cmp.old.lang, Lang::German);
    /// assert_eq!(cmp.old.len(), 1, "a German ordinal ends no sentence");
    /// ```
    pub fn for_lang(lang: Lang) -> Self {
        let mut opts = Self::default();
        opts.segment.lang = lang;
        opts
    }
}

/// The result of comparing two documents: both documents and the changes, in reading order
/// (new order; a removed sentence at its old place).
#[derive(Debug, Clone)]
pub struct Comparison {
    /// The old document.
    pub old: Document,
    /// The new document.
    pub new: Document,
    /// Every old and every new sentence is in exactly one change (unless some were left
    /// out by [`Comparison::retain_claim_types`]).
    pub changes: Vec<Change>,
    /// How many changes [`Comparison::retain_claim_types`] left out (0 before filtering),
    /// so that a renderer can say that differences exist but are not shown.
    pub left_out: usize,
}

/// Counts per kind of change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    /// Sentences in the old text.
    pub old_sentences: usize,
    /// Sentences in the new text.
    pub new_sentences: usize,
    /// Units whose text is the same (whitespace aside).
    pub unchanged: usize,
    /// Units reworded in place.
    pub reworded: usize,
    /// Units moved (maybe also reworded).
    pub moved: usize,
    /// One old sentence became several.
    pub split: usize,
    /// Several old sentences became one.
    pub merged: usize,
    /// New sentences with no old counterpart.
    pub added: usize,
    /// Old sentences with no new counterpart.
    pub removed: usize,
    /// Reworded units whose change is only cosmetic, shown as unchanged because of
    /// [`Comparison::ignore_cosmetic`] (and so counted here, not under `unchanged`).
    /// 0 unless cosmetic changes are ignored.
    #[serde(default)]
    pub cosmetic: usize,
    /// Claim changes by type, over all units.
    #[serde(default)]
    pub claim_changes: ClaimCounts,
}

/// Claim changes counted by type (see [`claims`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimCounts {
    /// Numbers, amounts, dates changed.
    pub number: usize,
    /// Negations added or removed.
    pub negation: usize,
    /// Modality and hedges changed.
    pub modality: usize,
    /// Attributions changed.
    pub attribution: usize,
    /// Names changed.
    pub entity: usize,
    /// Intensifiers and quantifiers changed.
    pub intensity: usize,
}

impl ClaimCounts {
    /// The count for one type.
    pub fn count(&self, kind: ClaimType) -> usize {
        match kind {
            ClaimType::Number => self.number,
            ClaimType::Negation => self.negation,
            ClaimType::Modality => self.modality,
            ClaimType::Attribution => self.attribution,
            ClaimType::Entity => self.entity,
            ClaimType::Intensity => self.intensity,
        }
    }

    fn bump(&mut self, kind: ClaimType) {
        let slot = match kind {
            ClaimType::Number => &mut self.number,
            ClaimType::Negation => &mut self.negation,
            ClaimType::Modality => &mut self.modality,
            ClaimType::Attribution => &mut self.attribution,
            ClaimType::Entity => &mut self.entity,
            ClaimType::Intensity => &mut self.intensity,
        };
        *slot += 1;
    }
}

impl Stats {
    /// The count for one kind.
    pub fn count(&self, kind: ChangeKind) -> usize {
        match kind {
            ChangeKind::Unchanged => self.unchanged,
            ChangeKind::Reworded => self.reworded,
            ChangeKind::Moved => self.moved,
            ChangeKind::Split => self.split,
            ChangeKind::Merged => self.merged,
            ChangeKind::Added => self.added,
            ChangeKind::Removed => self.removed,
        }
    }

    fn bump(&mut self, kind: ChangeKind) {
        let slot = match kind {
            ChangeKind::Unchanged => &mut self.unchanged,
            ChangeKind::Reworded => &mut self.reworded,
            ChangeKind::Moved => &mut self.moved,
            ChangeKind::Split => &mut self.split,
            ChangeKind::Merged => &mut self.merged,
            ChangeKind::Added => &mut self.added,
            ChangeKind::Removed => &mut self.removed,
        };
        *slot += 1;
    }
}

impl Comparison {
    /// Counts per kind.
    pub fn stats(&self) -> Stats {
        let mut s = Stats {
            old_sentences: self.old.len(),
            new_sentences: self.new.len(),
            ..Stats::default()
        };
        for c in &self.changes {
            if self.hidden_cosmetic(c) {
                s.cosmetic += 1;
            } else {
                s.bump(c.kind);
            }
            for cc in &c.claim_changes {
                s.claim_changes.bump(cc.kind);
            }
        }
        s
    }

    /// Whether `c` is a cosmetic rewording shown as unchanged by
    /// [`Comparison::ignore_cosmetic`]: unchanged, yet its texts differ beyond whitespace.
    pub fn hidden_cosmetic(&self, c: &Change) -> bool {
        c.kind == ChangeKind::Unchanged
            && match (self.old.span_of(&c.old), self.new.span_of(&c.new)) {
                (Some(o), Some(n)) => !text::same_modulo_whitespace(
                    &self.old.text[o.0..o.1],
                    &self.new.text[n.0..n.1],
                ),
                _ => false,
            }
    }

    /// Show cosmetic rewordings (not [`Change::substantive`]) as unchanged: they no longer
    /// count as differences, and [`Stats::cosmetic`] counts them. Moved, split and merged
    /// units stay as they are (their place or shape changed).
    pub fn ignore_cosmetic(&mut self) {
        for c in &mut self.changes {
            if c.kind == ChangeKind::Reworded && !c.substantive {
                c.kind = ChangeKind::Unchanged;
            }
        }
    }

    /// Keep only the units with a claim change of one of `types` (and the unchanged units,
    /// for context). For `--only`: what is shown, and the counts of what is shown; check
    /// [`Comparison::has_differences`] before filtering for the exit status.
    pub fn retain_claim_types(&mut self, types: &[ClaimType]) {
        let before = self.changes.len();
        self.changes.retain(|c| {
            c.kind == ChangeKind::Unchanged
                || c.claim_changes.iter().any(|cc| types.contains(&cc.kind))
        });
        self.left_out += before - self.changes.len();
    }

    /// Whether any change is not `unchanged` (the exit status 1 of the CLI).
    pub fn has_differences(&self) -> bool {
        self.changes.iter().any(|c| c.kind != ChangeKind::Unchanged)
    }
}

/// Compare two segmented documents.
pub fn compare(old: Document, new: Document, opts: &AlignOptions) -> Comparison {
    let units = align(&old, &new, opts);
    let mut changes = classify(&old, &new, units);
    annotate_claims(&old, &new, &mut changes, old.lang);
    Comparison {
        old,
        new,
        changes,
        left_out: 0,
    }
}

/// Segment two texts and compare them.
pub fn compare_texts(old: &str, new: &str, opts: &Options) -> Comparison {
    compare(
        Document::new(old.to_owned(), &opts.segment),
        Document::new(new.to_owned(), &opts.segment),
        &opts.align,
    )
}

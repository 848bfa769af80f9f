//! Aligned units -> changes: each unit gets its word-level edits.

#![allow(
    clippy::indexing_slicing,
    reason = "reviewed: token ranges come from the word diff of the same token lists"
)]

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};

use crate::align::{ChangeKind, Unit};
use crate::claims::{ClaimChange, claim_changes};
use crate::document::Document;
use crate::segment::Lang;
use crate::text::tokens;

/// What an edit does to the old text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EditOp {
    /// Text kept as is.
    Equal,
    /// Old text taken out.
    Delete,
    /// New text put in.
    Insert,
}

/// One word-level edit inside a unit. Applying a unit's edits in order turns its old text
/// (the old document from its first sentence's start to its last sentence's end) into its
/// new text: `equal` and `delete` spans cover the old text, `equal` and `insert` the new.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Keep, delete or insert.
    pub op: EditOp,
    /// Byte range in the old document (`equal`, `delete`).
    pub old: Option<(usize, usize)>,
    /// Byte range in the new document (`equal`, `insert`).
    pub new: Option<(usize, usize)>,
}

impl Edit {
    /// The text this edit keeps, deletes or inserts.
    pub fn text<'a>(&self, old: &'a Document, new: &'a Document) -> &'a str {
        match (self.old, self.new) {
            (Some((s, e)), _) => &old.text[s..e],
            (None, Some((s, e))) => &new.text[s..e],
            (None, None) => "",
        }
    }
}

/// One change: an aligned unit with its word-level edits.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// What happened.
    pub kind: ChangeKind,
    /// Old sentence indexes (sorted, contiguous).
    pub old: Vec<usize>,
    /// New sentence indexes (sorted, contiguous).
    pub new: Vec<usize>,
    /// How alike the two sides are, for units with both sides.
    pub similarity: Option<f32>,
    /// How likely the pairing is right, for units with both sides ([`Unit::confidence`]).
    pub confidence: Option<f32>,
    /// Word-level edits from the old text to the new text; empty when both texts are
    /// byte-identical or when one side is empty.
    pub edits: Vec<Edit>,
    /// Typed claim changes ([`crate::claims`]) for units that pair sentences (reworded,
    /// moved, split, merged). Empty for unchanged units, and for added and removed ones,
    /// which have nothing to compare with.
    pub claim_changes: Vec<ClaimChange>,
    /// Whether the wording changed in substance, not only in whitespace, punctuation,
    /// case, quote style, spelling variant or contraction. False for unchanged units, and
    /// for added and removed ones (not a rewording; their kind already says what happened).
    pub substantive: bool,
}

/// Units handed to one thread at a time when [`classify`] and [`annotate_claims`] spread
/// the units of a long text over the cores: enough to outweigh the cost of a task.
const PAR_MIN_UNITS: usize = 64;

/// Turn aligned units into changes with word-level edits (in parallel over the units;
/// the result does not depend on the number of threads).
pub fn classify(old: &Document, new: &Document, units: Vec<Unit>) -> Vec<Change> {
    units
        .into_par_iter()
        .with_min_len(PAR_MIN_UNITS)
        .map(|u| {
            let edits = match (old.span_of(&u.old), new.span_of(&u.new)) {
                (Some(o), Some(n)) if old.text[o.0..o.1] != new.text[n.0..n.1] => {
                    word_edits(&old.text, o, &new.text, n)
                }
                _ => Vec::new(),
            };
            Change {
                kind: u.kind,
                old: u.old,
                new: u.new,
                similarity: u.similarity,
                confidence: u.confidence,
                edits,
                claim_changes: Vec::new(),
                substantive: false,
            }
        })
        .collect()
}

/// Fill in [`Change::claim_changes`] and [`Change::substantive`] for every unit that pairs
/// sentences (reworded, moved, split, merged), comparing its old and new text in `lang`.
pub fn annotate_claims(old: &Document, new: &Document, changes: &mut [Change], lang: Lang) {
    changes
        .par_iter_mut()
        .with_min_len(PAR_MIN_UNITS)
        .for_each(|c| {
            let pairs = matches!(
                c.kind,
                ChangeKind::Reworded | ChangeKind::Moved | ChangeKind::Split | ChangeKind::Merged
            );
            if let (true, Some(o), Some(n)) = (pairs, old.span_of(&c.old), new.span_of(&c.new)) {
                // Identical text (a sentence moved as it was) has no claim change and is
                // not substantive: what `claim_changes` finds, without tokenizing it.
                if old.text[o.0..o.1] != new.text[n.0..n.1] {
                    (c.claim_changes, c.substantive) =
                        claim_changes(&old.text, o, &new.text, n, lang);
                }
            }
        })
}

/// Time allowed for one unit's word diff; past it `similar` returns a coarser (still
/// correct, less minimal) edit script, so a pathological sentence cannot stall the run.
pub const WORD_DIFF_DEADLINE: std::time::Duration = std::time::Duration::from_millis(500);

/// An edit over token indexes: (op, old token range, new token range).
type TokenOp = (EditOp, (usize, usize), (usize, usize));

/// The tokens of `text` ([`tokens`]) as slices of it.
fn token_slices(text: &str) -> Vec<&str> {
    tokens(text)
        .into_iter()
        .filter_map(|tok| text.get(tok.span))
        .collect()
}

/// Word-level edits turning `old[o.0..o.1]` into `new[n.0..n.1]`, with absolute spans.
///
/// A run of whitespace kept between two changes is folded into them, so that
/// `more than 60` -> `nearly 70` reads as one replacement rather than three.
pub fn word_edits(old: &str, o: (usize, usize), new: &str, n: (usize, usize)) -> Vec<Edit> {
    let (ot, nt) = (&old[o.0..o.1], &new[n.0..n.1]);
    // Only the token texts are kept (their byte offsets are recovered from the slices):
    // on a sentence of millions of words the token list would double the memory.
    let (ostr, nstr) = (token_slices(ot), token_slices(nt));
    let deadline = std::time::Instant::now() + WORD_DIFF_DEADLINE;
    let ops = capture_diff_slices_deadline(Algorithm::Myers, &ostr, &nstr, Some(deadline));

    // Token-level ops: (op, old token range, new token range).
    let mut raw: Vec<TokenOp> = Vec::new();
    for op in ops {
        let (or, nr) = (op.old_range(), op.new_range());
        match op {
            DiffOp::Equal { .. } => {
                raw.push((EditOp::Equal, (or.start, or.end), (nr.start, nr.end)))
            }
            DiffOp::Delete { .. } => {
                raw.push((EditOp::Delete, (or.start, or.end), (nr.start, nr.start)))
            }
            DiffOp::Insert { .. } => {
                raw.push((EditOp::Insert, (or.start, or.start), (nr.start, nr.end)))
            }
            DiffOp::Replace { .. } => {
                raw.push((EditOp::Delete, (or.start, or.end), (nr.start, nr.start)));
                raw.push((EditOp::Insert, (or.end, or.end), (nr.start, nr.end)));
            }
        }
    }
    // Fold whitespace-only equal runs that sit between two changes.
    let mut folded: Vec<TokenOp> = Vec::new();
    for k in 0..raw.len() {
        let (op, orng, nrng) = raw[k];
        let between = k > 0
            && k + 1 < raw.len()
            && raw[k - 1].0 != EditOp::Equal
            && raw[k + 1].0 != EditOp::Equal;
        if op == EditOp::Equal
            && between
            && ostr[orng.0..orng.1]
                .iter()
                .all(|t| t.starts_with(char::is_whitespace))
        {
            folded.push((EditOp::Delete, orng, (nrng.0, nrng.0)));
            folded.push((EditOp::Insert, (orng.1, orng.1), nrng));
        } else {
            folded.push((op, orng, nrng));
        }
    }
    // Within each run of changes, all deletes then all inserts, each merged into one edit.
    // Byte range (absolute, from `base`) of tokens `a..b` of `toks`, slices of `text`.
    let byte = |text: &str, toks: &[&str], base: usize, a: usize, b: usize| -> (usize, usize) {
        let at = |t: &str| t.as_ptr() as usize - text.as_ptr() as usize;
        let start = toks
            .get(a)
            .map_or(base + toks.last().map_or(0, |t| at(t) + t.len()), |t| {
                base + at(t)
            });
        let end = match b.checked_sub(1).and_then(|k| toks.get(k)) {
            Some(t) if b > a => base + at(t) + t.len(),
            _ => start,
        };
        (start, end)
    };
    let mut edits = Vec::new();
    let mut k = 0;
    while k < folded.len() {
        if folded[k].0 == EditOp::Equal {
            let (_, orng, nrng) = folded[k];
            edits.push(Edit {
                op: EditOp::Equal,
                old: Some(byte(ot, &ostr, o.0, orng.0, orng.1)),
                new: Some(byte(nt, &nstr, n.0, nrng.0, nrng.1)),
            });
            k += 1;
            continue;
        }
        let mut end = k;
        let (mut olo, mut ohi, mut nlo, mut nhi) = (usize::MAX, 0, usize::MAX, 0);
        while end < folded.len() && folded[end].0 != EditOp::Equal {
            let (op, orng, nrng) = folded[end];
            if op == EditOp::Delete {
                olo = olo.min(orng.0);
                ohi = ohi.max(orng.1);
            } else {
                nlo = nlo.min(nrng.0);
                nhi = nhi.max(nrng.1);
            }
            end += 1;
        }
        if olo < ohi {
            edits.push(Edit {
                op: EditOp::Delete,
                old: Some(byte(ot, &ostr, o.0, olo, ohi)),
                new: None,
            });
        }
        if nlo < nhi {
            edits.push(Edit {
                op: EditOp::Insert,
                old: None,
                new: Some(byte(nt, &nstr, n.0, nlo, nhi)),
            });
        }
        k = end;
    }
    edits
}

/// Apply a change's edits: the old text of the unit, rebuilt as the new text. Used by tests
/// and by readers of the JSON to check that edits are complete.
pub fn apply_edits(old: &Document, new: &Document, change: &Change) -> Option<String> {
    let (os, oe) = old.span_of(&change.old)?;
    if change.edits.is_empty() {
        return Some(old.text[os..oe].to_owned());
    }
    let mut out = String::new();
    let mut pos = os;
    for e in &change.edits {
        match e.op {
            EditOp::Equal => {
                let (s, t) = e.old?;
                if s != pos {
                    return None;
                }
                out.push_str(&old.text[s..t]);
                pos = t;
            }
            EditOp::Delete => {
                let (s, t) = e.old?;
                if s != pos {
                    return None;
                }
                pos = t;
            }
            EditOp::Insert => out.push_str(e.text(old, new)),
        }
    }
    (pos == oe).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(old: &str, new: &str) -> String {
        let od = Document::from_sentences(&[old]);
        let nd = Document::from_sentences(&[new]);
        word_edits(&od.text, (0, old.len()), &nd.text, (0, new.len()))
            .iter()
            .map(|e| match e.op {
                EditOp::Equal => e.text(&od, &nd).to_owned(),
                EditOp::Delete => format!("[-{}-]", e.text(&od, &nd)),
                EditOp::Insert => format!("{{+{}+}}", e.text(&od, &nd)),
            })
            .collect()
    }

    #[test]
    fn replacement_reads_as_one_edit() {
        assert_eq!(
            show(
                "More than 60 countries wrote.",
                "Nearly 70 countries wrote."
            ),
            "[-More than 60-]{+Nearly 70+} countries wrote."
        );
    }

    #[test]
    fn insertion_and_deletion() {
        assert_eq!(
            show("It is legal.", "It is not legal."),
            "It is {+not +}legal."
        );
        assert_eq!(
            show("It is not legal.", "It is legal."),
            "It is [-not -]legal."
        );
    }

    #[test]
    fn edits_apply() {
        let old = Document::from_sentences(&["A b c d. E f."]);
        let new = Document::from_sentences(&["A x c d! E f g."]);
        let units = vec![Unit {
            kind: ChangeKind::Reworded,
            confidence: None,
            old: vec![0],
            new: vec![0],
            similarity: Some(0.5),
        }];
        let changes = classify(&old, &new, units);
        assert_eq!(
            apply_edits(&old, &new, &changes[0]).as_deref(),
            Some("A x c d! E f g.")
        );
    }
}

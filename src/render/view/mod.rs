//! The renderer-neutral presentation layer: what every view shows, before any format.
//!
//! ```text
//!   Comparison / CheckReport
//!        │  cut (this module)            layout           words
//!        ▼                               (which rows,     (summary lines,
//!   [Segment { role, text: &str }]        in what order)   claim-tag parts)
//!        │
//!        ▼  Markup (plain · ANSI · Markdown · HTML): escape, mark, paint
//!   bytes of one format (render/terminal.rs, markdown.rs, side_by_side.rs, html.rs, check.rs)
//! ```
//!
//! One cutter turns the word edits of a change (or the shared-word spans of a check) into
//! [`Segment`]s: slices of the original text, each with its [`Role`]. The segments of a
//! sentence concatenate to the text the view shows for it, so every format shows the same
//! words and differs only in how it marks them. [`markup::Markup`] writes segments in one
//! target; [`layout`] chooses the rows and their order; [`words`] holds the sentences of
//! the tool's own (summary lines, positions, claim-tag parts) that several formats print.

#![allow(
    clippy::indexing_slicing,
    reason = "reviewed: indexes are positions in the comparison's own sentence lists"
)]

pub mod escape;
pub mod layout;
pub mod markup;
pub mod words;
pub mod wrap;

use crate::Comparison;
use crate::Document;
use crate::classify::{Change, EditOp};

pub use layout::Context;

/// What a piece of text is in the view: its role decides its marker or colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Text both sides share (and a whole sentence shown without word edits).
    Shared,
    /// Words only the old text has.
    Deleted,
    /// Words only the new text has.
    Inserted,
    /// Words highlighted for another reason: the content words a check's statement
    /// sentence and a report sentence share.
    Marked,
}

/// A slice of an original text with its role. Text is never copied: a segment borrows from
/// the document it was cut from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment<'a> {
    /// How the slice is shown.
    pub role: Role,
    /// The slice, as written in the document (not yet escaped).
    pub text: &'a str,
}

/// Which of a change's word edits a sentence shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cut {
    /// An old sentence with both the deletions and the insertions, inline, each where it
    /// falls in the old text (the terminal and Markdown views of a reworded or moved
    /// sentence).
    Inline,
    /// An old sentence with its deletions.
    Old,
    /// A new sentence with its insertions.
    New,
}

/// Sentence `sentence` of change `change`, cut into segments by the change's word edits.
/// [`Cut::Inline`] and [`Cut::Old`] read `sentence` in the old text, [`Cut::New`] in the
/// new. An edit that crosses a sentence boundary is cut to the sentence (in the inline cut a
/// deletion or insertion is shown whole, as the sentence has no other place for it). A
/// change without edits is its sentence, shared.
///
/// Before: `It is legal.` → `It is not legal.`, inline; after: `It is ` shared, `not `
/// inserted, `legal.` shared.
pub fn segments<'a>(
    cmp: &'a Comparison,
    change: &Change,
    sentence: usize,
    cut: Cut,
) -> Vec<Segment<'a>> {
    let doc: &Document = if cut == Cut::New { &cmp.new } else { &cmp.old };
    let s = &doc.sentences[sentence];
    if change.edits.is_empty() {
        return vec![Segment {
            role: Role::Shared,
            text: &doc.text[s.start..s.end],
        }];
    }
    let mut out = Vec::with_capacity(change.edits.len());
    for e in &change.edits {
        let span = if cut == Cut::New { e.new } else { e.old };
        let role = match (e.op, cut) {
            (EditOp::Equal, _) => Role::Shared,
            (EditOp::Delete, Cut::Inline | Cut::Old) => Role::Deleted,
            (EditOp::Insert, Cut::Inline | Cut::New) => Role::Inserted,
            _ => continue,
        };
        let text = match (role, cut) {
            (Role::Deleted | Role::Inserted, Cut::Inline) => e.text(&cmp.old, &cmp.new),
            _ => match span {
                Some((a, b)) => {
                    let (a, b) = (a.max(s.start), b.min(s.end));
                    if a >= b {
                        continue;
                    }
                    &doc.text[a..b]
                }
                None => continue,
            },
        };
        out.push(Segment { role, text });
    }
    out
}

/// Sentence `i` of `doc` cut into segments, [`Role::Marked`] for the byte ranges `spans`
/// (absolute, in any order; those outside the sentence or overlapping an earlier one are
/// skipped) and [`Role::Shared`] between them. The segments concatenate to the sentence.
///
/// Before: `Rain fell on Bus fares.` with the spans of `Bus` and `fares`; after: `Rain fell
/// on ` shared, `Bus` marked, ` ` shared, `fares` marked, `.` shared.
pub fn marked<'a>(doc: &'a Document, i: usize, spans: &[(usize, usize)]) -> Vec<Segment<'a>> {
    let s = &doc.sentences[i];
    let mut sorted: Vec<(usize, usize)> = spans.to_vec();
    sorted.sort_unstable();
    let mut out = Vec::new();
    let mut pos = s.start;
    let shared = |text| Segment {
        role: Role::Shared,
        text,
    };
    for (a, b) in sorted {
        if a < pos || b > s.end || a >= b {
            continue;
        }
        if pos < a {
            out.push(shared(&doc.text[pos..a]));
        }
        out.push(Segment {
            role: Role::Marked,
            text: &doc.text[a..b],
        });
        pos = b;
    }
    if pos < s.end {
        out.push(shared(&doc.text[pos..s.end]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Options, SegmentOptions, compare_texts};

    fn roles<'a>(segs: &[Segment<'a>]) -> Vec<(Role, &'a str)> {
        segs.iter().map(|s| (s.role, s.text)).collect()
    }

    #[test]
    fn inline_cut_holds_both_sides_old_and_new_cuts_one() {
        let cmp = compare_texts("It is legal.", "It is not legal.", &Options::default());
        let c = &cmp.changes[0];
        let inline = segments(&cmp, c, 0, Cut::Inline);
        assert!(inline.iter().any(|s| s.role == Role::Inserted));
        let old: String = segments(&cmp, c, 0, Cut::Old)
            .iter()
            .map(|s| s.text)
            .collect();
        let new: String = segments(&cmp, c, 0, Cut::New)
            .iter()
            .map(|s| s.text)
            .collect();
        assert_eq!(old, "It is legal.");
        assert_eq!(new, "It is not legal.");
    }

    #[test]
    fn split_sentences_each_get_their_part() {
        let cmp = compare_texts(
            "The council approved the budget on Monday after a long debate that lasted hours.",
            "The council approved the budget on Monday. The debate lasted hours.",
            &Options::default(),
        );
        let c = &cmp.changes[0];
        for (i, &n) in c.new.iter().enumerate() {
            let text: String = segments(&cmp, c, n, Cut::New)
                .iter()
                .map(|s| s.text)
                .collect();
            assert_eq!(text, cmp.new.sentence_text(n), "sentence {i}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(64))]
        /// The old and new cuts of every sentence of every change concatenate to the
        /// sentence: the cutter loses and invents nothing, whatever the edits.
        #[test]
        fn cuts_concatenate_to_their_sentences(
            old in "([A-Za-z\u{301}\u{1F44D}\u{1F3FD}-]{1,8}[ ,.]{1,2}){1,14}",
            new in "([A-Za-z\u{301}\u{1F44D}\u{1F3FD}-]{1,8}[ ,.]{1,2}){1,14}",
        ) {
            let cmp = compare_texts(&old, &new, &Options::default());
            for c in &cmp.changes {
                for &i in &c.old {
                    let text: String = segments(&cmp, c, i, Cut::Old).iter().map(|s| s.text).collect();
                    proptest::prop_assert_eq!(text, cmp.old.sentence_text(i));
                }
                for &i in &c.new {
                    let text: String = segments(&cmp, c, i, Cut::New).iter().map(|s| s.text).collect();
                    proptest::prop_assert_eq!(text, cmp.new.sentence_text(i));
                }
            }
        }
    }

    #[test]
    fn marked_spans_concatenate_to_the_sentence() {
        let doc = Document::new("Rain fell on Bus fares.".into(), &SegmentOptions::default());
        let segs = marked(&doc, 0, &[(17, 22), (13, 16), (14, 15)]);
        assert_eq!(
            roles(&segs),
            [
                (Role::Shared, "Rain fell on "),
                (Role::Marked, "Bus"),
                (Role::Shared, " "),
                (Role::Marked, "fares"),
                (Role::Shared, "."),
            ]
        );
    }
}

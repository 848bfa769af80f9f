//! The side-by-side terminal view: OLD on the left, NEW on the right, one row per unit.
//!
//! ```text
//!   The council met.               │ The council met.
//! ~ It cost [-$1.2bn-].            │ It cost {+$1.5bn+}. [number $1.2bn → $1.5bn]
//! ~ One long sentence, and         │ One long sentence.
//!   another part.                  │ Another part.
//! > ↓1 A sentence that moved.      │
//! - A removed sentence.            │
//! + An added sentence.             │
//! >                                │ ↑1 A sentence that moved.
//! ```
//!
//! A split or merge is one row: one cell against several lines. A moved sentence has a row
//! at its old place (left) and one at its new place (right), linked by the same number with
//! an arrow pointing to its partner. Text is wrapped to the width in display columns
//! (grapheme clusters measured with `unicode-width`, so wide CJK and emoji take two columns
//! and combining marks none), and escaped as in the inline view ([`terminal_safe`]).
//!
//! [`terminal_safe`]: super::terminal_safe

#![allow(
    clippy::indexing_slicing,
    reason = "reviewed: indexes are positions in the comparison's own change and sentence lists and in wrapped line buffers built here"
)]

use std::io::{self, Write};

#[cfg(test)]
use unicode_width::UnicodeWidthStr;

use super::Render;
use super::view::layout::{Context, Row as Place, layout, visible};
use super::view::markup::{ADDED, DIM, JOINED, MOVED, Markup, REMOVED, REWORDED, Style};
use super::view::words::{hidden_line, joined_note, left_out_line, no_changes_line, summary_line};
use super::view::wrap::{self, Run};
use super::view::{Cut, segments};
use crate::classify::Change;
use crate::{ChangeKind, Comparison};

/// Width used when the output is not a terminal and no width is given: wide enough for two
/// readable columns of prose (about 57 columns each).
pub const DEFAULT_WIDTH: usize = 120;

/// Narrowest total width accepted: below it each column holds fewer than 7 columns of text.
pub const MIN_WIDTH: usize = 20;

/// Widest total width used: a wider `width` (a huge `$COLUMNS`) is clamped to it. No
/// terminal at a readable font size is near 4096 columns, and it keeps each column's padding
/// far below the 65,535 that Rust's formatting width allows (a wider pad panicked).
pub const MAX_WIDTH: usize = 4096;

/// Columns taken by the marker (`~ `) and the separator (` │ `).
const CHROME: usize = 2 + 3;

/// Side-by-side renderer.
#[derive(Debug, Clone)]
pub struct SideBySide {
    /// Emit ANSI colours. Default: false.
    pub color: bool,
    /// Unchanged sentences shown around changes. Default: one.
    pub context: Context,
    /// Total width in terminal columns (clamped to [`MIN_WIDTH`]..=[`MAX_WIDTH`]). Default:
    /// [`DEFAULT_WIDTH`].
    pub width: usize,
    /// Names shown above the two columns (usually the file names), when given.
    pub labels: Option<(String, String)>,
}

impl Default for SideBySide {
    fn default() -> Self {
        SideBySide {
            color: false,
            context: Context::default(),
            width: DEFAULT_WIDTH,
            labels: None,
        }
    }
}

/// One row of the view before wrapping: a marker and the blocks of each side (one block
/// per sentence; a split has one block on the left and several on the right).
struct Row {
    marker: (&'static str, Style),
    old: Vec<Vec<Run>>,
    new: Vec<Vec<Run>>,
    /// New paragraph of the row, for blank lines between paragraphs.
    paragraph: Option<usize>,
}

/// What the view shows, in order.
enum Line {
    Row(Row),
    Hidden(usize),
}

impl SideBySide {
    /// Width of the left and right text columns.
    fn columns(&self) -> (usize, usize) {
        let text = self.width.clamp(MIN_WIDTH, MAX_WIDTH) - CHROME;
        (text / 2, text - text / 2)
    }

    /// The rows: changes in reading order (new order) and, for each moved sentence, a row
    /// at its old place: right after the row that holds the old sentence before it, the
    /// order of the HTML report ([`super::html`]).
    fn lines(&self, p: Markup, cmp: &Comparison) -> Vec<Line> {
        let shown = visible(&cmp.changes, self.context);
        // The order of the HTML report: `(change, is the old row of a move)`.
        let order: Vec<(usize, bool)> = layout(cmp)
            .into_iter()
            .map(|row| match row {
                Place::Change(k) => (k, false),
                Place::Origin(k) => (k, true),
            })
            .collect();
        // Where each change's row and each move's old row are, to point the arrows; and the
        // number of each move, in new order.
        let n = cmp.changes.len();
        let (mut at, mut old_at) = (vec![0; n], vec![0; n]);
        for (i, &(k, out_row)) in order.iter().enumerate() {
            if out_row { old_at[k] = i } else { at[k] = i }
        }
        let mut number = vec![0; n];
        let moves = (0..n).filter(|&k| cmp.changes[k].kind == ChangeKind::Moved);
        for (m, k) in moves.enumerate() {
            number[k] = m + 1;
        }

        let mut lines = Vec::new();
        let mut hidden = 0;
        for (i, &(k, out_row)) in order.iter().enumerate() {
            let c = &cmp.changes[k];
            if !out_row && !shown[k] {
                hidden += 1;
                continue;
            }
            if hidden > 0 {
                lines.push(Line::Hidden(hidden));
                hidden = 0;
            }
            let row = if c.kind == ChangeKind::Moved {
                let partner = if out_row { at[k] } else { old_at[k] };
                let arrow = if partner > i { "↓" } else { "↑" };
                let tag = Run::styled(MOVED, format!("{arrow}{}", number[k]));
                self.moved_row(p, cmp, c, out_row, tag)
            } else {
                self.row(p, cmp, c)
            };
            lines.push(Line::Row(row));
        }
        if hidden > 0 {
            lines.push(Line::Hidden(hidden));
        }
        lines
    }

    fn moved_row(&self, p: Markup, cmp: &Comparison, c: &Change, out_row: bool, tag: Run) -> Row {
        let mut block = vec![tag, Run::plain(" ")];
        let (old, new) = if out_row {
            block.extend(p.runs(&segments(cmp, c, c.old[0], Cut::Old)));
            (vec![block], Vec::new())
        } else {
            block.extend(p.runs(&segments(cmp, c, c.new[0], Cut::New)));
            block.extend(p.claim_tag_runs(c));
            (Vec::new(), vec![block])
        };
        Row {
            marker: (">", MOVED),
            old,
            new,
            paragraph: (!out_row).then(|| cmp.new.sentences[c.new[0]].paragraph),
        }
    }

    fn row(&self, p: Markup, cmp: &Comparison, c: &Change) -> Row {
        let paragraph = c.new.first().map(|&n| cmp.new.sentences[n].paragraph);
        let whole = |old: bool, i: usize, style: Style| {
            let doc = if old { &cmp.old } else { &cmp.new };
            vec![Run::styled(style, p.escape(doc.sentence_text(i)))]
        };
        let (marker, old, mut new) = match c.kind {
            ChangeKind::Unchanged => (
                (" ", Style::default()),
                vec![whole(true, c.old[0], DIM)],
                vec![whole(false, c.new[0], DIM)],
            ),
            ChangeKind::Removed => (("-", REMOVED), vec![whole(true, c.old[0], REMOVED)], vec![]),
            ChangeKind::Added => (("+", ADDED), vec![], vec![whole(false, c.new[0], ADDED)]),
            ChangeKind::Reworded | ChangeKind::Moved | ChangeKind::Split | ChangeKind::Merged => {
                let marker = match c.kind {
                    ChangeKind::Reworded => ("~", REWORDED),
                    _ => ("~", JOINED),
                };
                let old = c.old.iter();
                let mut old: Vec<Vec<Run>> = old
                    .map(|&o| p.runs(&segments(cmp, c, o, Cut::Old)))
                    .collect();
                // A split or merge says so before its old sentences, as the HTML report does.
                if matches!(c.kind, ChangeKind::Split | ChangeKind::Merged)
                    && let Some(first) = old.first_mut()
                {
                    let note = Run::styled(JOINED, format!("[{}]", joined_note(c)));
                    first.splice(0..0, [note, Run::plain(" ")]);
                }
                let new = c.new.iter();
                let new = new.map(|&n| p.runs(&segments(cmp, c, n, Cut::New)));
                (marker, old, new.collect())
            }
        };
        if let Some(last) = new.last_mut() {
            last.extend(p.claim_tag_runs(c));
        }
        Row {
            marker,
            old,
            new,
            paragraph,
        }
    }
}

impl Render for SideBySide {
    fn render(&self, cmp: &Comparison, out: &mut dyn Write) -> io::Result<()> {
        let p = Markup::terminal(self.color);
        let stats = cmp.stats();
        let width = self.width.clamp(MIN_WIDTH, MAX_WIDTH);
        let left_out = left_out_line(cmp);
        if !cmp.has_differences() {
            let line = left_out.unwrap_or_else(|| no_changes_line(&stats));
            return write_wrapped(out, p, &line, width);
        }
        let (lw, rw) = self.columns();
        if let Some((old, new)) = &self.labels {
            let header = Row {
                marker: (" ", Style::default()),
                old: vec![vec![Run::plain(p.escape(old))]],
                new: vec![vec![Run::plain(p.escape(new))]],
                paragraph: None,
            };
            write_row(out, p, &header, lw, rw, true)?;
        }
        let mut last_para = None;
        for line in self.lines(p, cmp) {
            match line {
                Line::Hidden(n) => write_wrapped(out, p, &hidden_line(n), width)?,
                Line::Row(row) => {
                    if let Some(para) = row.paragraph {
                        if last_para.is_some_and(|l| l != para) {
                            writeln!(out, "{:w$}│", "", w = lw + 3)?;
                        }
                        last_para = Some(para);
                    }
                    write_row(out, p, &row, lw, rw, false)?;
                }
            }
        }
        writeln!(out)?;
        write_wrapped(out, p, &summary_line(&stats), width)?;
        if let Some(line) = left_out {
            write_wrapped(out, p, &line, width)?;
        }
        Ok(())
    }
}

/// Write a line of the view's own words (not a row), dimmed, wrapped to the whole width.
fn write_wrapped(out: &mut dyn Write, p: Markup, text: &str, width: usize) -> io::Result<()> {
    for (line, _) in wrap::wrap(&[Run::styled(DIM, text)], width) {
        writeln!(out, "{}", p.paint_runs(&line))?;
    }
    Ok(())
}

/// Write one row: the marker on its first line, each side's blocks wrapped to its column,
/// the left padded to its width. `rule` underlines the row (the header).
fn write_row(
    out: &mut dyn Write,
    p: Markup,
    row: &Row,
    lw: usize,
    rw: usize,
    rule: bool,
) -> io::Result<()> {
    let lines = |blocks: &[Vec<Run>], width| -> Vec<(String, usize)> {
        let lines = blocks.iter().flat_map(|b| wrap::wrap(b, width));
        lines.map(|(l, w)| (p.paint_runs(&l), w)).collect()
    };
    let (left, right) = (lines(&row.old, lw), lines(&row.new, rw));
    let height = left.len().max(right.len()).max(1);
    for i in 0..height {
        let marker = if i == 0 {
            p.paint(row.marker.0, row.marker.1).into_owned()
        } else {
            " ".to_owned()
        };
        let (l, lwidth) = left.get(i).map_or(("", 0), |(s, w)| (s.as_str(), *w));
        let pad = lw - lwidth.min(lw);
        match right.get(i) {
            Some((r, _)) => writeln!(out, "{marker} {l}{:pad$} │ {r}", "")?,
            None => writeln!(out, "{marker} {l}{:pad$} │", "")?,
        }
    }
    if rule {
        writeln!(out, "{}┼{}", "─".repeat(lw + 3), "─".repeat(rw + 1))?;
    }
    Ok(())
}

/// Wrap plain `text` (no escape codes) to lines of at most `width` display columns, each
/// with its width (the wrapping the view uses on styled runs).
///
/// Before (width 6): `"中文字 ab cd"`; after: `["中文字", "ab cd"]` (6 and 5 columns).
pub fn wrap(text: &str, width: usize) -> Vec<(String, usize)> {
    wrap::wrap(&[Run::plain(text)], width)
        .into_iter()
        .map(|(l, w)| (l.into_iter().map(|r| r.text).collect(), w))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::to_string;
    use crate::{Options, compare_texts};

    #[test]
    fn wraps_plain_text() {
        let lines = wrap("one two three four", 9);
        let texts: Vec<&str> = lines.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(texts, ["one two", "three", "four"]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(64))]
        /// Whatever the texts and the width, no rendered line is wider than the width.
        #[test]
        fn rendered_lines_fit_the_width(
            old in "([A-Za-z\u{4E2D}\u{301}]{1,12}[ .]){1,12}",
            new in "([A-Za-z\u{4E2D}\u{301}]{1,12}[ .]){1,12}",
            width in MIN_WIDTH..70,
        ) {
            for line in render(&old, &new, width).lines() {
                proptest::prop_assert!(UnicodeWidthStr::width(line) <= width, "{:?}", line);
            }
        }
    }

    fn render(old: &str, new: &str, width: usize) -> String {
        let cmp = compare_texts(old, new, &Options::default());
        to_string(
            &SideBySide {
                width,
                context: Context::All,
                ..SideBySide::default()
            },
            &cmp,
        )
    }

    #[test]
    fn reworded_row_marks_each_side() {
        let out = render("It is legal today.", "It is not legal today.", 60);
        let first = out.lines().next().unwrap();
        assert_eq!(
            first,
            "~ It is legal today.          │ It is {+not+} legal today."
        );
    }

    #[test]
    fn no_line_is_wider_than_the_width() {
        let old = "First sentence here. Second one is a rather long sentence that must wrap. 中文句子很长很长很长很长很长很长。";
        let new = "First sentence here. Second one is a rather long sentence that has to wrap. 中文句子很长很长很长很长很长。 Added at the end.";
        for width in [20, 33, 50, 80] {
            let out = render(old, new, width);
            for line in out.lines() {
                assert!(UnicodeWidthStr::width(line) <= width, "{width}: {line:?}");
            }
        }
    }

    #[test]
    fn splits_and_merges_are_named() {
        let old =
            "The council approved the budget on Monday after a long debate that lasted hours.";
        let new = "The council approved the budget on Monday. The debate lasted hours.";
        let out = render(old, new, 100);
        assert!(out.starts_with("~ [split 1 → 2] The council"), "{out}");
        let out = render(new, old, 100);
        assert!(out.starts_with("~ [merged 2 → 1] The council"), "{out}");
    }

    #[test]
    fn moved_sentences_are_linked_both_ways() {
        let old = "Alpha one is here. Beta two is here. Gamma three is here. Delta four is here. The moved sentence talks about harbours.";
        let new = "The moved sentence talks about harbours. Alpha one is here. Beta two is here. Gamma three is here. Delta four is here.";
        let out = render(old, new, 100);
        assert!(out.contains("↓1 The moved"), "{out}");
        assert!(out.contains("↑1 The moved"), "{out}");
        let up = out.lines().position(|l| l.contains("↑1")).unwrap();
        let down = out.lines().position(|l| l.contains("↓1")).unwrap();
        assert!(down < up, "{out}");
    }
}

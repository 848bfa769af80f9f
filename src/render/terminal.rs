//! The terminal view: changes in reading order with markers that read without colour.
//!
//! ```text
//!   unchanged context sentence
//! ~ More than [-60-]{+70+} countries sent a letter.
//! - a removed sentence
//! + an added sentence
//! > a moved sentence
//!   ↳ moved from paragraph 2, sentence 5
//! ~ split 1 → 2 (similarity 0.91)
//!   - the old sentence, [-deleted words-] marked
//!   + the first new sentence
//!   + the second, {+inserted words+} marked
//! ```
//!
//! Claim changes follow the sentence as tags: `[number 60 → 70]`,
//! `[negation added: "not"]`, `[modality (hedge) removed: "so-called"]` (dim when coloured).

#![allow(
    clippy::indexing_slicing,
    reason = "reviewed: indexes are positions in the comparison's own change, sentence and edit lists"
)]

use std::io::{self, Write};

use super::view::markup::{ADDED, DIM, JOINED, MOVED, Markup, REMOVED, REWORDED};
use super::view::words::{
    hidden_line, joined_note, left_out_line, no_changes_line, position, summary_line,
};
use super::view::wrap::{Run, wrap};
use super::view::{Cut, layout, segments};
use super::{Render, terminal_safe};
use crate::classify::Change;
use crate::text::same_modulo_whitespace;
use crate::{ChangeKind, Comparison};

pub use super::view::Context;

/// Terminal renderer.
#[derive(Debug, Clone, Default)]
pub struct Terminal {
    /// Emit ANSI colours. Default: false. The caller decides (tty, `NO_COLOR`, `--color`).
    pub color: bool,
    /// Unchanged sentences shown around changes. Default: one.
    pub context: Context,
    /// Wrap each sentence's line to this many display columns, continuation lines indented
    /// under the text (words are kept whole unless longer than a line; grapheme clusters are
    /// never cut). Default: `None`, no wrapping (the command line wraps at the terminal's
    /// width when standard output is a terminal, or at `--width`).
    pub width: Option<usize>,
}

/// Fewest columns a wrapped line's text gets after its lead, so that a tiny `width` still
/// shows words rather than one character a line.
pub const MIN_TEXT_WIDTH: usize = 20;

impl Render for Terminal {
    fn render(&self, cmp: &Comparison, out: &mut dyn Write) -> io::Result<()> {
        let p = Markup::terminal(self.color);
        let stats = cmp.stats();
        let left_out = left_out_line(cmp);
        if !cmp.has_differences()
            && let Some(line) = &left_out
        {
            // `--only` left every difference out: say so, as the exit status says they differ.
            return writeln!(out, "{}", p.paint(line, DIM));
        }
        if !cmp.has_differences() {
            return writeln!(out, "{}", p.paint(&no_changes_line(&stats), DIM));
        }
        let visible = layout::visible(&cmp.changes, self.context);
        let mut hidden = 0usize;
        let mut last_para: Option<usize> = None;
        for (k, c) in cmp.changes.iter().enumerate() {
            if !visible[k] {
                hidden += 1;
                continue;
            }
            if hidden > 0 {
                writeln!(out, "{}", p.paint(&hidden_line(hidden), DIM))?;
                hidden = 0;
            }
            if let Some(&n) = c.new.first() {
                let para = cmp.new.sentences[n].paragraph;
                if last_para.is_some_and(|l| l != para) {
                    writeln!(out)?;
                }
                last_para = Some(para);
            }
            self.change(p, cmp, c, out)?;
            if let Some(x) = super::unsure(c) {
                let note = format!("  ? unsure pairing (confidence {x:.2})");
                writeln!(out, "{}", p.paint(&note, DIM))?;
            }
        }
        if hidden > 0 {
            writeln!(out, "{}", p.paint(&hidden_line(hidden), DIM))?;
        }
        writeln!(out)?;
        writeln!(out, "{}", p.paint(&summary_line(&stats), DIM))?;
        if let Some(line) = left_out {
            writeln!(out, "{}", p.paint(&line, DIM))?;
        }
        Ok(())
    }
}

impl Terminal {
    fn change(
        &self,
        p: Markup,
        cmp: &Comparison,
        c: &Change,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let plain = |t: &str| Run::plain(t.to_owned());
        let styled = |style, t: &str| Run::styled(style, t.to_owned());
        match c.kind {
            ChangeKind::Unchanged => {
                let text = terminal_safe(cmp.new.sentence_text(c.new[0]));
                self.line(p, out, vec![plain("  ")], vec![styled(DIM, &text)])
            }
            ChangeKind::Removed => {
                let text = terminal_safe(cmp.old.sentence_text(c.old[0]));
                self.line(
                    p,
                    out,
                    vec![styled(REMOVED, "- ")],
                    vec![styled(REMOVED, &text)],
                )
            }
            ChangeKind::Added => {
                let text = terminal_safe(cmp.new.sentence_text(c.new[0]));
                self.line(
                    p,
                    out,
                    vec![styled(ADDED, "+ ")],
                    vec![styled(ADDED, &text)],
                )
            }
            ChangeKind::Reworded | ChangeKind::Moved => {
                let mark = if c.kind == ChangeKind::Moved {
                    styled(MOVED, ">")
                } else {
                    styled(REWORDED, "~")
                };
                let mut body = p.runs(&segments(cmp, c, c.old[0], Cut::Inline));
                body.extend(p.claim_tag_runs(c));
                self.line(p, out, vec![mark, plain(" ")], body)?;
                if c.kind != ChangeKind::Moved {
                    return Ok(());
                }
                let mut note = format!("moved from {}", position(&cmp.old, c.old[0]));
                let (old_text, new_text) = (
                    cmp.old.sentence_text(c.old[0]),
                    cmp.new.sentence_text(c.new[0]),
                );
                if !same_modulo_whitespace(old_text, new_text) {
                    note.push_str(&format!(
                        " (reworded, similarity {:.2})",
                        c.similarity.unwrap_or(0.0)
                    ));
                }
                self.line(p, out, vec![styled(DIM, "  ↳ ")], vec![styled(DIM, &note)])
            }
            ChangeKind::Split | ChangeKind::Merged => {
                let header = format!(
                    "{} (similarity {:.2})",
                    joined_note(c),
                    c.similarity.unwrap_or(0.0)
                );
                let mut body = vec![styled(JOINED, &header)];
                body.extend(p.claim_tag_runs(c));
                self.line(p, out, vec![styled(JOINED, "~ ")], body)?;
                for &o in &c.old {
                    let body = p.runs(&segments(cmp, c, o, Cut::Old));
                    let lead = vec![plain("  "), styled(REMOVED, "-"), plain(" ")];
                    self.line(p, out, lead, body)?;
                }
                for &n in &c.new {
                    let body = p.runs(&segments(cmp, c, n, Cut::New));
                    let lead = vec![plain("  "), styled(ADDED, "+"), plain(" ")];
                    self.line(p, out, lead, body)?;
                }
                Ok(())
            }
        }
    }

    /// One sentence's line: `lead` (the marker and its spaces), then `body`. Without a width
    /// it is one line, painted as one run where the lead and the body's first run share a
    /// style (so `- text` is one coloured stretch); with a width the body is wrapped to the
    /// columns the lead leaves, each continuation line indented by the lead's width.
    fn line(
        &self,
        p: Markup,
        out: &mut dyn Write,
        mut lead: Vec<Run>,
        mut body: Vec<Run>,
    ) -> io::Result<()> {
        let Some(width) = self.width else {
            if let (Some(last), Some(first)) = (lead.last_mut(), body.first())
                && last.style == first.style
            {
                last.text.push_str(&first.text);
                body.remove(0);
            }
            return writeln!(out, "{}{}", p.paint_runs(&lead), p.paint_runs(&body));
        };
        let indent: usize = lead
            .iter()
            .map(|r| unicode_width::UnicodeWidthStr::width(r.text.as_str()))
            .sum();
        let lines = wrap(&body, width.saturating_sub(indent).max(MIN_TEXT_WIDTH));
        if lines.is_empty() {
            return writeln!(out, "{}", p.paint_runs(&lead).trim_end());
        }
        for (k, (runs, _)) in lines.iter().enumerate() {
            if k == 0 {
                write!(out, "{}", p.paint_runs(&lead))?;
            } else {
                write!(out, "{:indent$}", "")?;
            }
            writeln!(out, "{}", p.paint_runs(runs))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::to_string;
    use crate::{Options, compare_texts};

    fn plain(old: &str, new: &str, context: Context) -> String {
        let cmp = compare_texts(old, new, &Options::default());
        to_string(
            &Terminal {
                color: false,
                context,
                width: None,
            },
            &cmp,
        )
    }

    #[test]
    fn a_width_wraps_each_line_under_its_text() {
        let old = "The committee said on Tuesday that more than 60 countries had written to the office about the assessment.";
        let new = "The committee said on Tuesday that nearly 70 countries had written to the office about the assessment.";
        let cmp = compare_texts(old, new, &Options::default());
        let term = |width| Terminal {
            color: false,
            context: Context::All,
            width,
        };
        let wrapped = to_string(&term(Some(40)), &cmp);
        let lines: Vec<&str> = wrapped.lines().collect();
        assert!(lines.len() > 3, "{wrapped}");
        assert!(lines.iter().all(|l| l.chars().count() <= 40), "{wrapped}");
        assert!(lines[0].starts_with("~ The committee"), "{wrapped}");
        // Continuation lines are indented under the text, after the `~ ` lead.
        assert!(
            lines[1].starts_with("  ") && !lines[1].starts_with("   "),
            "{wrapped}"
        );
        // The same words, in the same order, as the unwrapped line.
        let unwrapped = to_string(&term(None), &cmp);
        let words = |t: &str| t.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(words(&wrapped), words(&unwrapped));
        // Coloured, each line opens and closes its own colours.
        let coloured = to_string(
            &Terminal {
                color: true,
                context: Context::All,
                width: Some(40),
            },
            &cmp,
        );
        for line in coloured.lines() {
            let resets = line.matches("\x1b[0m").count();
            assert_eq!(line.matches("\x1b[").count(), 2 * resets, "{line:?}");
        }
    }

    #[test]
    fn reworded_inline_markers() {
        let out = plain(
            "More than 60 countries wrote to her.",
            "Nearly 70 countries wrote to her.",
            Context::All,
        );
        assert_eq!(
            out,
            "~ [-More than 60-]{+Nearly 70+} countries wrote to her. [number More than 60 → Nearly 70]\n\n1 reworded\n"
        );
    }

    #[test]
    fn claim_tags_follow_the_sentence() {
        let out = plain("It is legal today.", "It is not legal today.", Context::All);
        assert_eq!(
            out,
            "~ It is {+not+} legal today. [negation added: \"not\"]\n\n1 reworded\n"
        );
        let out = plain(
            "The so-called camps held 60 people.",
            "The camps held 70 people.",
            Context::All,
        );
        assert!(
            out.contains(" [modality (hedge) removed: \"so-called\"] [number 60 → 70]"),
            "{out}"
        );
    }

    #[test]
    fn context_hides_far_unchanged() {
        let old = "A one. B two. C three. D four. E five.";
        let new = "A one. B two. C three. D four. E five. F six.";
        let out = plain(old, new, Context::Lines(1));
        assert_eq!(
            out,
            "  ⋯ 4 unchanged sentences\n  E five.\n+ F six.\n\n5 unchanged, 1 added\n"
        );
    }

    #[test]
    fn no_escape_codes_without_color_and_codes_with() {
        let cmp = compare_texts("It is so.", "It is not so.", &Options::default());
        let plain = to_string(&Terminal::default(), &cmp);
        assert!(!plain.contains('\x1b'));
        let colored = to_string(
            &Terminal {
                color: true,
                context: Context::All,
                width: None,
            },
            &cmp,
        );
        assert!(colored.contains("\x1b[1;32mnot\x1b[0m"), "{colored:?}");
    }

    #[test]
    fn same_text_says_so() {
        assert_eq!(
            plain("A b. C d.", "A b. C d.", Context::Lines(1)),
            "no changes: 2 sentences unchanged\n"
        );
    }

    #[test]
    fn filtered_out_changes_are_not_called_no_changes() {
        let mut cmp = compare_texts(
            "It cost 5 dollars. Sky.",
            "It cost 7 dollars. Sky.",
            &Options::default(),
        );
        cmp.retain_claim_types(&[crate::ClaimType::Negation]);
        let out = to_string(&Terminal::default(), &cmp);
        assert_eq!(
            out,
            "no change of the chosen claim types; 1 other change not shown\n"
        );
    }

    #[test]
    fn moved_from_counts_from_one_within_the_paragraph_as_the_json_gives_it() {
        let old = "Intro one is here.\n\nAlpha one is here. Beta two is here. Gamma three is here. \
                   Delta four is here. The river flooded the town.";
        let new = "Intro one is here.\n\nThe river flooded the town. Alpha one is here. \
                   Beta two is here. Gamma three is here. Delta four is here.";
        let cmp = compare_texts(old, new, &Options::default());
        let out = plain(old, new, Context::All);
        let json = crate::render::json::JsonReport::new(&cmp, None, None);
        let moved = json
            .changes
            .iter()
            .find(|c| c.kind == ChangeKind::Moved)
            .expect("a move");
        let i = moved.old[0];
        let para = json.old.sentences[i].paragraph;
        let first = json
            .old
            .sentences
            .iter()
            .position(|s| s.paragraph == para)
            .unwrap_or(0);
        let note = format!(
            "moved from paragraph {}, sentence {}",
            para + 1,
            i - first + 1
        );
        assert_eq!(note, "moved from paragraph 2, sentence 5");
        assert!(out.contains(&note), "{out}");
    }

    #[test]
    fn an_insertion_after_a_glued_deletion_keeps_its_space() {
        let (old, new) = (
            "Prices rose 5% last year.",
            "Prices rose 5 percent last year.",
        );
        let out = plain(old, new, Context::All);
        assert!(
            out.starts_with("~ Prices rose 5[-%-] {+percent+} last year."),
            "{out}"
        );
        let md = to_string(
            &crate::render::Markdown::default(),
            &compare_texts(old, new, &Options::default()),
        );
        assert!(
            md.contains("Prices rose 5<del>%</del> <ins>percent</ins> last year."),
            "{md}"
        );
    }

    #[test]
    fn the_word_diff_never_splits_a_grapheme_cluster() {
        let out = plain("Great job 👍 today.", "Great job 👍🏽 today.", Context::All);
        assert!(out.starts_with("~ Great job [-👍-]{+👍🏽+} today."), "{out}");
        let out = plain("The cafe\u{301} opened.", "The cafe opened.", Context::All);
        assert!(
            out.starts_with("~ The [-cafe\u{301}-]{+cafe+} opened."),
            "{out}"
        );
        let (a, b) = ("👨\u{200D}👩\u{200D}👧", "👨\u{200D}👩\u{200D}👦");
        let out = plain(
            &format!("Family {a} here."),
            &format!("Family {b} here."),
            Context::All,
        );
        // The joiner shows escaped (as every invisible character does), the family whole.
        let (a, b) = (terminal_safe(a), terminal_safe(b));
        assert!(
            out.starts_with(&format!("~ Family [-{a}-]{{+{b}+}} here.")),
            "{out}"
        );
    }

    #[test]
    fn the_filter_says_what_it_hid() {
        let mut cmp = compare_texts(
            "It cost 5 dollars. It is legal.",
            "It cost 7 dollars. It is not legal.",
            &Options::default(),
        );
        cmp.retain_claim_types(&[crate::ClaimType::Negation]);
        let out = to_string(&Terminal::default(), &cmp);
        assert!(
            out.ends_with("\n1 other change not shown (not of the chosen claim types)\n"),
            "{out}"
        );
    }
}

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

use std::borrow::Cow;
use std::io::{self, Write};

use colored::Color;

use super::{Render, terminal_safe};
use crate::classify::{Change, EditOp};
use crate::text::same_modulo_whitespace;
use crate::{ChangeKind, Comparison, Document, Stats};

/// How many unchanged sentences to show around each change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Context {
    /// Up to N unchanged sentences before and after each change.
    Lines(usize),
    /// Every sentence.
    All,
}

impl Default for Context {
    /// One sentence of context on each side: enough to place a change in prose.
    fn default() -> Self {
        Context::Lines(1)
    }
}

/// Terminal renderer.
#[derive(Debug, Clone, Default)]
pub struct Terminal {
    /// Emit ANSI colours. Default: false. The caller decides (tty, `NO_COLOR`, `--color`).
    pub color: bool,
    /// Unchanged sentences shown around changes. Default: one.
    pub context: Context,
}

/// A text style; rendered as ANSI codes only when colour is on.
#[derive(Clone, Copy, Default)]
pub(crate) struct Style {
    fg: Option<Color>,
    bold: bool,
    dim: bool,
    strike: bool,
}

pub(crate) const fn fg(c: Color) -> Style {
    Style {
        fg: Some(c),
        bold: false,
        dim: false,
        strike: false,
    }
}

pub(crate) const DIM: Style = Style {
    fg: None,
    bold: false,
    dim: true,
    strike: false,
};
pub(crate) const REMOVED: Style = fg(Color::Red);
pub(crate) const ADDED: Style = fg(Color::Green);
pub(crate) const REWORDED: Style = fg(Color::Yellow);
pub(crate) const MOVED: Style = fg(Color::Cyan);
pub(crate) const JOINED: Style = fg(Color::Magenta);
const DELETED_WORDS: Style = Style {
    fg: Some(Color::Red),
    bold: false,
    dim: false,
    strike: true,
};
pub(crate) const INSERTED_WORDS: Style = Style {
    fg: Some(Color::Green),
    bold: true,
    dim: false,
    strike: false,
};

/// How marked text is written: plain markers, ANSI colours, or Markdown/HTML tags.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Markup {
    /// `[-deleted-]` / `{+inserted+}`, no colour.
    Plain,
    /// ANSI colours, no brackets.
    Ansi,
    /// `<del>deleted</del>` / `<ins>inserted</ins>`, text escaped for Markdown.
    Markdown,
}

/// Writes styled and marked text in one [`Markup`]; every renderer that shows sentence
/// text goes through it, so escaping and markers are the same everywhere.
pub(crate) struct Painter {
    pub(crate) markup: Markup,
}

impl Painter {
    /// A painter for the terminal: ANSI colours when `color`, plain markers otherwise.
    pub(crate) fn terminal(color: bool) -> Self {
        Painter {
            markup: if color { Markup::Ansi } else { Markup::Plain },
        }
    }

    /// Whether this painter writes ANSI colours.
    pub(crate) fn color(&self) -> bool {
        self.markup == Markup::Ansi
    }

    /// Text from a document made safe for the output: [`terminal_safe`], then Markdown
    /// escaping for [`Markup::Markdown`].
    pub(crate) fn escape(&self, text: &str) -> String {
        let safe = terminal_safe(text);
        match self.markup {
            Markup::Markdown => super::markdown::escape(&safe),
            _ => safe,
        }
    }

    /// `text` in `style` (ANSI only; unchanged in the other markups).
    pub(crate) fn paint<'a>(&self, text: &'a str, style: Style) -> Cow<'a, str> {
        if self.markup != Markup::Ansi || text.is_empty() {
            return Cow::Borrowed(text);
        }
        let mut codes: Vec<Cow<'static, str>> = Vec::new();
        if style.bold {
            codes.push("1".into());
        }
        if style.dim {
            codes.push("2".into());
        }
        if style.strike {
            codes.push("9".into());
        }
        if let Some(c) = style.fg {
            codes.push(c.to_fg_str());
        }
        if codes.is_empty() {
            return Cow::Borrowed(text);
        }
        Cow::Owned(format!("\x1b[{}m{}\x1b[0m", codes.join(";"), text))
    }

    /// Word-level markers: coloured without brackets, or `[-…-]` / `{+…+}` in plain text.
    /// Spaces at either end stay outside the marker: `{+not+} `, not `{+not +}`.
    fn deleted(&self, text: &str) -> String {
        self.mark(text, DELETED_WORDS, "[-", "-]")
    }

    fn inserted(&self, text: &str) -> String {
        self.mark(text, INSERTED_WORDS, "{+", "+}")
    }

    fn mark(&self, text: &str, style: Style, open: &str, close: &str) -> String {
        let core = text.trim();
        let lead = &text[..text.len() - text.trim_start().len()];
        let tail = &text[text.trim_end().len()..];
        match self.markup {
            Markup::Ansi => format!("{lead}{}{tail}", self.paint(core, style)),
            Markup::Plain => format!("{lead}{open}{core}{close}{tail}"),
            Markup::Markdown => {
                let tag = if open == "[-" { "del" } else { "ins" };
                format!("{lead}<{tag}>{core}</{tag}>{tail}")
            }
        }
    }
}

/// Which word edits to show on a line.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Show {
    /// Both deletions and insertions, inline.
    Both,
    /// The old side with its deletions marked.
    Old,
    /// The new side with its insertions marked.
    New,
}

/// Which changes are shown: every change, and unchanged units within the context.
pub(crate) fn visible(changes: &[Change], context: Context) -> Vec<bool> {
    let n = changes.len();
    let radius = match context {
        Context::All => return vec![true; n],
        Context::Lines(r) => r,
    };
    let mut show = vec![false; n];
    for (k, c) in changes.iter().enumerate() {
        if c.kind != ChangeKind::Unchanged {
            let lo = k.saturating_sub(radius);
            let hi = (k + radius + 1).min(n);
            show[lo..hi].iter_mut().for_each(|s| *s = true);
        }
    }
    show
}

/// The text of one sentence with the word edits that fall inside it marked.
pub(crate) fn marked_sentence(
    p: &Painter,
    cmp: &Comparison,
    change: &Change,
    doc_is_old: bool,
    sentence: usize,
    show: Show,
) -> String {
    let doc: &Document = if doc_is_old { &cmp.old } else { &cmp.new };
    let s = &doc.sentences[sentence];
    if change.edits.is_empty() {
        return p.escape(&doc.text[s.start..s.end]);
    }
    let mut out = String::new();
    let mut after_delete = false;
    for e in &change.edits {
        let span = if doc_is_old { e.old } else { e.new };
        let was_after_delete = std::mem::replace(&mut after_delete, false);
        match e.op {
            EditOp::Equal => {
                if let Some((a, b)) = span {
                    let (a, b) = (a.max(s.start), b.min(s.end));
                    if a < b {
                        out.push_str(&p.escape(&doc.text[a..b]));
                    }
                }
            }
            EditOp::Delete | EditOp::Insert => {
                // Inline view (`Both`): every edit, where it falls in the old text. Old or
                // new view: only that side's edits, cut to this sentence, so that an edit
                // across a sentence boundary shows its part on each line.
                let mine = match e.op {
                    EditOp::Delete => show != Show::New,
                    _ => show != Show::Old,
                };
                if !mine {
                    continue;
                }
                let piece = match (show, span) {
                    (Show::Both, _) => p.escape(e.text(&cmp.old, &cmp.new)),
                    (_, Some((a, b))) if a < s.end && b > s.start => {
                        p.escape(&doc.text[a.max(s.start)..b.min(s.end)])
                    }
                    _ => continue,
                };
                if piece.trim().is_empty() {
                    if !out.ends_with(' ') {
                        out.push(' ');
                    }
                } else if e.op == EditOp::Delete {
                    out.push_str(&p.deleted(&piece));
                    after_delete = true;
                    continue;
                } else {
                    // A replacement reads `[-old-]{+new+} `: a space that trailed the
                    // deleted words moves after the inserted ones.
                    let moved_space = was_after_delete && out.ends_with(' ');
                    if moved_space {
                        out.pop();
                    }
                    // The space before the deleted words already separates the pair.
                    let piece = if was_after_delete {
                        piece.trim_start()
                    } else {
                        &piece
                    };
                    out.push_str(&p.inserted(piece));
                    if moved_space && !out.ends_with(' ') {
                        out.push(' ');
                    }
                }
            }
        }
    }
    collapse_spaces(out.trim())
}

fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_space = false;
    for c in s.chars() {
        if c == ' ' && prev_space {
            continue;
        }
        prev_space = c == ' ';
        out.push(c);
    }
    out
}

impl Render for Terminal {
    fn render(&self, cmp: &Comparison, out: &mut dyn Write) -> io::Result<()> {
        let p = Painter::terminal(self.color);
        let stats = cmp.stats();
        if !cmp.has_differences() && cmp.left_out > 0 {
            // `--only` left every difference out: say so, as the exit status says they differ.
            let n = cmp.left_out;
            let line = format!(
                "no change of the chosen claim types; {n} other change{} not shown",
                plural(n)
            );
            return writeln!(out, "{}", p.paint(&line, DIM));
        }
        if !cmp.has_differences() {
            return writeln!(out, "{}", p.paint(&no_changes_line(&stats), DIM));
        }
        let visible = visible(&cmp.changes, self.context);
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
            self.change(&p, cmp, c, out)?;
            if let Some(x) = super::unsure(c) {
                let note = format!("  ? unsure pairing (confidence {x:.2})");
                writeln!(out, "{}", p.paint(&note, DIM))?;
            }
        }
        if hidden > 0 {
            writeln!(out, "{}", p.paint(&hidden_line(hidden), DIM))?;
        }
        writeln!(out)?;
        writeln!(out, "{}", p.paint(&summary_line(&stats), DIM))
    }
}

/// `no changes: 3 sentences unchanged[, 1 cosmetic rewording ignored]`.
pub(crate) fn no_changes_line(stats: &Stats) -> String {
    let n = stats.unchanged;
    let mut line = format!("no changes: {n} sentence{} unchanged", plural(n));
    if stats.cosmetic > 0 {
        let c = stats.cosmetic;
        line.push_str(&format!(", {c} cosmetic rewording{} ignored", plural(c)));
    }
    line
}

/// `  ⋯ 2 unchanged sentences`: the line that stands for sentences left out of the context.
pub(crate) fn hidden_line(hidden: usize) -> String {
    format!("  ⋯ {hidden} unchanged sentence{}", plural(hidden))
}

/// `3 unchanged, 7 reworded`: the counts of the kinds that occur.
pub(crate) fn summary_line(stats: &Stats) -> String {
    let summary: Vec<String> = ChangeKind::ALL
        .iter()
        .filter(|k| stats.count(**k) > 0)
        .map(|k| format!("{} {}", stats.count(*k), k.name()))
        .collect();
    summary.join(", ")
}

/// The claim-change tags of a change, each with a leading space; empty when there are none.
///
/// Before: a `60` -> `70` number change and an added `so-called`; after:
/// ` [number 60 → 70] [modality (hedge) added: "so-called"]`.
pub(crate) fn claim_tags(p: &Painter, c: &Change) -> String {
    let mut out = String::new();
    for cc in &c.claim_changes {
        let Some(what) = super::claim_text(cc, |t| p.escape(t), ("\"", "\"")) else {
            continue;
        };
        let tag = format!("[{} {what}]", cc.label());
        out.push(' ');
        out.push_str(&p.paint(&tag, DIM));
    }
    out
}

pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

impl Terminal {
    fn change(
        &self,
        p: &Painter,
        cmp: &Comparison,
        c: &Change,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        match c.kind {
            ChangeKind::Unchanged => {
                let text = terminal_safe(cmp.new.sentence_text(c.new[0]));
                writeln!(out, "  {}", p.paint(&text, DIM))
            }
            ChangeKind::Removed => {
                let text = terminal_safe(cmp.old.sentence_text(c.old[0]));
                writeln!(out, "{}", p.paint(&format!("- {text}"), REMOVED))
            }
            ChangeKind::Added => {
                let text = terminal_safe(cmp.new.sentence_text(c.new[0]));
                writeln!(out, "{}", p.paint(&format!("+ {text}"), ADDED))
            }
            ChangeKind::Reworded => {
                let text = marked_sentence(p, cmp, c, true, c.old[0], Show::Both);
                let tags = claim_tags(p, c);
                writeln!(out, "{} {text}{tags}", p.paint("~", REWORDED))
            }
            ChangeKind::Moved => {
                let text = marked_sentence(p, cmp, c, true, c.old[0], Show::Both);
                let tags = claim_tags(p, c);
                writeln!(out, "{} {text}{tags}", p.paint(">", MOVED))?;
                let from = &cmp.old.sentences[c.old[0]];
                let mut note = format!(
                    "  ↳ moved from paragraph {}, sentence {}",
                    from.paragraph + 1,
                    c.old[0] + 1
                );
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
                writeln!(out, "{}", p.paint(&note, DIM))
            }
            ChangeKind::Split | ChangeKind::Merged => {
                let header = format!(
                    "~ {} {} → {} (similarity {:.2})",
                    c.kind.name(),
                    c.old.len(),
                    c.new.len(),
                    c.similarity.unwrap_or(0.0)
                );
                writeln!(out, "{}{}", p.paint(&header, JOINED), claim_tags(p, c))?;
                for &o in &c.old {
                    let text = marked_sentence(p, cmp, c, true, o, Show::Old);
                    writeln!(out, "  {} {text}", p.paint("-", REMOVED))?;
                }
                for &n in &c.new {
                    let text = marked_sentence(p, cmp, c, false, n, Show::New);
                    writeln!(out, "  {} {text}", p.paint("+", ADDED))?;
                }
                Ok(())
            }
        }
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
            },
            &cmp,
        )
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
}

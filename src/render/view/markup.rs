//! One [`Markup`] per target: how segments and the tool's own words are escaped, marked and
//! painted in plain text, ANSI colour, Markdown and HTML.
//!
//! ```text
//! plain     It is {+not+} legal; it cost [-5-]{+7+} dollars.
//! ANSI      It is \e[1;32mnot\e[0m legal; it cost \e[9;31m5\e[0m\e[1;32m7\e[0m dollars.
//! Markdown  It is <ins>not</ins> legal; it cost <del>5</del><ins>7</ins> dollars.
//! HTML      It is <ins>not</ins> legal; it cost <del>5</del><ins>7</ins> dollars.
//! ```

use std::borrow::Cow;

use colored::Color;

use super::wrap::Run;
use super::{Role, Segment, escape, words};
use crate::classify::Change;
use crate::render::terminal_safe;

/// A text style; written as ANSI codes only by [`Markup::Ansi`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    fg: Option<Color>,
    bold: bool,
    dim: bool,
    strike: bool,
}

/// A style of one foreground colour.
pub const fn fg(c: Color) -> Style {
    Style {
        fg: Some(c),
        bold: false,
        dim: false,
        strike: false,
    }
}

/// Context, notes and the tool's own words.
pub const DIM: Style = Style {
    fg: None,
    bold: false,
    dim: true,
    strike: false,
};
/// A removed sentence and its marker.
pub const REMOVED: Style = fg(Color::Red);
/// An added sentence and its marker.
pub const ADDED: Style = fg(Color::Green);
/// The marker of a reworded sentence.
pub const REWORDED: Style = fg(Color::Yellow);
/// A moved sentence's marker and number.
pub const MOVED: Style = fg(Color::Cyan);
/// The marker of a split or merge.
pub const JOINED: Style = fg(Color::Magenta);
/// Deleted words: red, struck through.
pub const DELETED_WORDS: Style = Style {
    fg: Some(Color::Red),
    bold: false,
    dim: false,
    strike: true,
};
/// Inserted words (and a check's shared words): bold green.
pub const INSERTED_WORDS: Style = Style {
    fg: Some(Color::Green),
    bold: true,
    dim: false,
    strike: false,
};

/// How text is written for one target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    /// `[-deleted-]` / `{+inserted+}`, no colour.
    Plain,
    /// ANSI colours, no brackets.
    Ansi,
    /// `<del>deleted</del>` / `<ins>inserted</ins>`, text escaped for Markdown.
    Markdown,
    /// `<del>`, `<ins>` and `<mark>`, text escaped for HTML with hidden characters shown.
    Html,
}

impl Markup {
    /// The markup of a terminal: ANSI colours when `color`, plain markers otherwise.
    pub fn terminal(color: bool) -> Self {
        if color { Markup::Ansi } else { Markup::Plain }
    }

    /// Whether this markup writes ANSI colours.
    pub fn color(self) -> bool {
        self == Markup::Ansi
    }

    /// Text from a document (or the tool's words that quote it) made safe for the target:
    /// [`terminal_safe`], then Markdown escaping for [`Markup::Markdown`];
    /// [`escape::html_text`] for [`Markup::Html`].
    pub fn escape(self, text: &str) -> String {
        match self {
            Markup::Plain | Markup::Ansi => terminal_safe(text),
            Markup::Markdown => escape::markdown(&terminal_safe(text)),
            Markup::Html => escape::html_text(text),
        }
    }

    /// `text` in `style` (ANSI only; unchanged in the other markups).
    pub fn paint(self, text: &str, style: Style) -> Cow<'_, str> {
        if self != Markup::Ansi || text.is_empty() {
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

    /// Escaped words in the marker of `role`: `(lead, marked, tail)`, the marked part
    /// styled (ANSI) or between markers: `[-…-]` / `{+…+}` in plain text, `<del>` / `<ins>`
    /// / `<mark>` in Markdown. Spaces at either end stay outside the marker (`{+not+} `, not
    /// `{+not +}`). In plain text a deletion that begins or ends with `-` (an insertion with
    /// `+`) gets a space inside its marker, so that a deleted `--` reads `[- -- -]`, not
    /// `[----]`.
    fn mark(self, text: &str, role: Role) -> (&str, Run, &str) {
        let core = text.trim();
        let lead = &text[..text.len() - text.trim_start().len()];
        let tail = &text[text.trim_end().len()..];
        let (open, close, sign, tag, style) = match role {
            Role::Deleted => ("[-", "-]", '-', "del", DELETED_WORDS),
            Role::Inserted => ("{+", "+}", '+', "ins", INSERTED_WORDS),
            Role::Marked => ("", "", ' ', "mark", INSERTED_WORDS),
            Role::Shared => return (lead, Run::plain(core), tail),
        };
        let marked = match self {
            Markup::Ansi => return (lead, Run::styled(style, core), tail),
            Markup::Plain if core.starts_with(sign) || core.ends_with(sign) => {
                format!("{open} {core} {close}")
            }
            Markup::Plain => format!("{open}{core}{close}"),
            Markup::Markdown | Markup::Html => format!("<{tag}>{core}</{tag}>"),
        };
        (lead, Run::plain(marked), tail)
    }

    /// A sentence's segments in this markup.
    ///
    /// HTML writes every segment exactly, each escaped and marked. The text markups read as
    /// prose: a whitespace-only deletion or insertion is one space; a replacement reads
    /// `[-old-]{+new+} ` (a space that trailed the deleted words moves after the inserted
    /// ones, and the inserted words drop their leading space when the deleted words already
    /// had one, but keep it when they were glued on: `5%` → `5 percent` reads
    /// `5[-%-] {+percent+}`); runs of spaces are one, none at either end. Plain text marks
    /// no [`Role::Marked`] words (its colour is their only marker).
    pub fn sentence(self, segments: &[Segment<'_>]) -> String {
        if self == Markup::Html {
            return segments
                .iter()
                .map(|s| {
                    let text = self.escape(s.text);
                    match s.role {
                        Role::Shared => text,
                        Role::Deleted => format!("<del>{text}</del>"),
                        Role::Inserted => format!("<ins>{text}</ins>"),
                        Role::Marked => format!("<mark>{text}</mark>"),
                    }
                })
                .collect();
        }
        let mut runs = self.runs(segments);
        if let [one] = runs.as_mut_slice()
            && one.style == Style::default()
        {
            // Plain text and Markdown are one unstyled run: no copy.
            return std::mem::take(&mut one.text);
        }
        self.paint_runs(&runs)
    }

    /// A sentence's segments in a text markup as styled [`Run`]s, before painting (the
    /// rules of [`Markup::sentence`]); side by side wraps them before it paints them.
    pub fn runs(self, segments: &[Segment<'_>]) -> Vec<Run> {
        let mut out = Runs::default();
        let mut after_delete = false;
        let mut delete_after_space = false;
        for seg in segments {
            let was_after_delete = std::mem::replace(&mut after_delete, false);
            let piece = self.escape(seg.text);
            match seg.role {
                Role::Shared => out.plain(&piece),
                Role::Marked if self == Markup::Ansi => out.mark(self, &piece, seg.role),
                Role::Marked => out.plain(&piece),
                _ if piece.trim().is_empty() => {
                    if !out.ends_with_space() {
                        out.plain(" ");
                    }
                }
                Role::Deleted => {
                    delete_after_space =
                        out.is_empty() || out.ends_with_space() || piece.starts_with(' ');
                    out.mark(self, &piece, Role::Deleted);
                    after_delete = true;
                }
                Role::Inserted => {
                    let moved_space = was_after_delete && out.ends_with_space();
                    if moved_space {
                        out.pop_space();
                    }
                    let piece = if was_after_delete && delete_after_space {
                        piece.trim_start()
                    } else {
                        &piece
                    };
                    out.mark(self, piece, Role::Inserted);
                    if moved_space && !out.ends_with_space() {
                        out.plain(" ");
                    }
                }
            }
        }
        out.finish()
    }

    /// [`Markup::claim_tags`] as runs: a space, then each tag dimmed.
    pub fn claim_tag_runs(self, c: &Change) -> Vec<Run> {
        let mut out = Vec::new();
        for cc in &c.claim_changes {
            let Some(what) = words::claim_text(cc, |t| self.escape(t), ("\"", "\"")) else {
                continue;
            };
            out.push(Run::plain(" "));
            out.push(Run::styled(DIM, format!("[{} {what}]", cc.label())));
        }
        out
    }

    /// The claim-change tags of a change in the text markups, each with a leading space;
    /// empty when there are none.
    ///
    /// Before: a `60` -> `70` number change and an added `so-called`; after:
    /// ` [number 60 → 70] [modality (hedge) added: "so-called"]`.
    pub fn claim_tags(self, c: &Change) -> String {
        let mut out = String::new();
        for cc in &c.claim_changes {
            let Some(what) = words::claim_text(cc, |t| self.escape(t), ("\"", "\"")) else {
                continue;
            };
            let tag = format!("[{} {what}]", cc.label());
            out.push(' ');
            out.push_str(&self.paint(&tag, DIM));
        }
        out
    }
}

/// Runs being joined as prose: unstyled text merges into one run; spaces are handled as
/// the painted text would show them (a styled run never begins or ends with a space).
#[derive(Default)]
struct Runs(Vec<Run>);

impl Runs {
    fn is_empty(&self) -> bool {
        self.0.iter().all(|r| r.text.is_empty())
    }

    fn ends_with_space(&self) -> bool {
        self.0
            .last()
            .is_some_and(|r| r.style == Style::default() && r.text.ends_with(' '))
    }

    fn pop_space(&mut self) {
        if let Some(r) = self.0.last_mut() {
            r.text.pop();
            if r.text.is_empty() {
                self.0.pop();
            }
        }
    }

    fn plain(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        match self.0.last_mut() {
            Some(r) if r.style == Style::default() => r.text.push_str(text),
            _ => self.0.push(Run::plain(text)),
        }
    }

    fn mark(&mut self, markup: Markup, text: &str, role: Role) {
        let (lead, run, tail) = markup.mark(text, role);
        self.plain(lead);
        if run.style == Style::default() {
            self.plain(&run.text);
        } else if !run.text.is_empty() {
            self.0.push(run);
        }
        self.plain(tail);
    }

    /// The runs with no space at either end and no two spaces in a row (one copy of each).
    fn finish(self) -> Vec<Run> {
        let mut runs = self.0;
        let last = runs.len().saturating_sub(1);
        let mut prev_space = false;
        for (k, r) in runs.iter_mut().enumerate() {
            let mut src = r.text.as_str();
            if k == 0 {
                src = src.trim_start();
            }
            if k == last {
                src = src.trim_end();
            }
            let mut text = String::with_capacity(src.len());
            for c in src.chars() {
                if c == ' ' && prev_space {
                    continue;
                }
                prev_space = c == ' ';
                text.push(c);
            }
            if r.style != Style::default() {
                prev_space = false;
            }
            r.text = text;
        }
        runs.retain(|r| !r.text.is_empty());
        runs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(role: Role, text: &str) -> Segment<'_> {
        Segment { role, text }
    }

    #[test]
    fn an_insertion_glued_to_a_deletion_keeps_its_space() {
        let segs = [
            seg(Role::Shared, "It rose 5"),
            seg(Role::Deleted, "%"),
            seg(Role::Inserted, " percent"),
            seg(Role::Shared, "."),
        ];
        assert_eq!(Markup::Plain.sentence(&segs), "It rose 5[-%-] {+percent+}.");
        assert_eq!(
            Markup::Markdown.sentence(&segs),
            "It rose 5<del>%</del> <ins>percent</ins>."
        );
        // A replacement after a space reads as one pair.
        let segs = [
            seg(Role::Shared, "It cost "),
            seg(Role::Deleted, "5"),
            seg(Role::Inserted, "7"),
            seg(Role::Shared, " dollars."),
        ];
        assert_eq!(Markup::Plain.sentence(&segs), "It cost [-5-]{+7+} dollars.");
    }

    #[test]
    fn deleted_dashes_stay_readable() {
        let segs = [
            seg(Role::Shared, "A "),
            seg(Role::Deleted, "--"),
            seg(Role::Inserted, "—"),
            seg(Role::Shared, " b."),
        ];
        assert_eq!(Markup::Plain.sentence(&segs), "A [- -- -]{+—+} b.");
        let segs = [seg(Role::Shared, "x "), seg(Role::Inserted, "+1")];
        assert_eq!(Markup::Plain.sentence(&segs), "x {+ +1 +}");
    }

    #[test]
    fn html_writes_every_segment_escaped() {
        let segs = [
            seg(Role::Shared, "a <b> "),
            seg(Role::Deleted, " "),
            seg(Role::Marked, "c&d"),
        ];
        assert_eq!(
            Markup::Html.sentence(&segs),
            "a &lt;b&gt; <del> </del><mark>c&amp;d</mark>"
        );
    }
}

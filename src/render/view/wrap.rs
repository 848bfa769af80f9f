//! Wrapping styled text to a width in display columns, before it is painted.
//!
//! A view builds its text as [`Run`]s (escaped text with a [`Style`]), wraps the runs, and
//! paints each line on its own ([`Markup::paint_runs`]), so width is measured on the text
//! itself, never on escape codes, and each line opens and closes its own colours (padding
//! and separators stay uncoloured). Widths are those of grapheme clusters as `unicode-width`
//! gives them: wide CJK and emoji take two columns, combining marks none, and no cluster
//! (an emoji with its skin tone, a ZWJ sequence, a letter with its marks) is ever cut.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::markup::{Markup, Style};

/// Escaped text in one style (`Style::default()`: unstyled).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// How the text is painted.
    pub style: Style,
    /// The text, escaped for its target, without escape codes.
    pub text: String,
}

impl Run {
    /// Unstyled text.
    pub fn plain(text: impl Into<String>) -> Self {
        Run {
            style: Style::default(),
            text: text.into(),
        }
    }

    /// Text in `style`.
    pub fn styled(style: Style, text: impl Into<String>) -> Self {
        Run {
            style,
            text: text.into(),
        }
    }
}

/// One grapheme cluster with its run and width.
#[derive(Clone, Copy)]
struct Piece<'a> {
    run: usize,
    text: &'a str,
    width: usize,
}

impl Piece<'_> {
    fn is_space(&self) -> bool {
        self.text == " "
    }
}

/// Wrap `runs` to lines of at most `width` display columns, breaking at spaces where it
/// can and between clusters only when a word is longer than a line; a space at a break is
/// dropped, and so are spaces at the end of a line. Each line comes with its width.
///
/// Before (width 6): `中文字 ab cd`; after: `中文字` (6 columns) and `ab cd` (5).
pub fn wrap(runs: &[Run], width: usize) -> Vec<(Vec<Run>, usize)> {
    let width = width.max(1);
    let pieces = runs.iter().enumerate().flat_map(|(run, r)| {
        r.text.graphemes(true).map(move |g| Piece {
            run,
            text: g,
            width: UnicodeWidthStr::width(g),
        })
    });
    let mut lines: Vec<Vec<Piece>> = Vec::new();
    let mut line: Vec<Piece> = Vec::new();
    let mut used = 0;
    for piece in pieces {
        let w = piece.width;
        if piece.is_space() && used == 0 && !lines.is_empty() {
            continue; // no space at the start of a continuation line
        }
        if used + w > width {
            let cut = if piece.is_space() {
                None
            } else {
                line.iter().rposition(Piece::is_space)
            };
            let rest = match cut {
                Some(at) => {
                    let rest = line.split_off(at + 1);
                    line.pop();
                    rest
                }
                None => Vec::new(),
            };
            let full = std::mem::replace(&mut line, rest);
            if !full.is_empty() {
                lines.push(full);
            }
            used = line.iter().map(|p| p.width).sum();
            if piece.is_space() {
                continue;
            }
            if used + w > width && !line.is_empty() {
                // The word carried over does not leave room: it ends its own line.
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
        }
        line.push(piece);
        used += w;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
        .into_iter()
        .map(|line| {
            let end = line
                .iter()
                .rposition(|p| !p.is_space())
                .map_or(0, |i| i + 1);
            let mut out: Vec<Run> = Vec::new();
            let mut last_run = None;
            let mut w = 0;
            for p in line.iter().take(end) {
                w += p.width;
                match out.last_mut() {
                    Some(r) if last_run == Some(p.run) => r.text.push_str(p.text),
                    _ => {
                        let style = runs.get(p.run).map(|r| r.style).unwrap_or_default();
                        out.push(Run::styled(style, p.text));
                    }
                }
                last_run = Some(p.run);
            }
            (out, w)
        })
        .collect()
}

impl Markup {
    /// `runs` painted: each run in its style ([`Markup::paint`]), one after the other.
    pub fn paint_runs(self, runs: &[Run]) -> String {
        runs.iter().map(|r| self.paint(&r.text, r.style)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::markup::REMOVED;
    use super::*;

    fn texts(lines: &[(Vec<Run>, usize)]) -> Vec<String> {
        lines
            .iter()
            .map(|(l, _)| Markup::Ansi.paint_runs(l))
            .collect()
    }

    /// The display width of `runs`.
    fn columns(runs: &[Run]) -> usize {
        runs.iter()
            .map(|r| UnicodeWidthStr::width(r.text.as_str()))
            .sum()
    }

    fn plain(text: &str, width: usize) -> Vec<(Vec<Run>, usize)> {
        wrap(&[Run::plain(text)], width)
    }

    #[test]
    fn wraps_at_spaces_and_measures_columns() {
        let lines = plain("one two three four", 9);
        assert_eq!(texts(&lines), ["one two", "three", "four"]);
        assert_eq!(lines.iter().map(|l| l.1).collect::<Vec<_>>(), [7, 5, 4]);
    }

    #[test]
    fn wide_and_combining_characters_take_their_display_width() {
        // Each CJK character takes two columns: three fit in six.
        let lines = plain("中文字 ab cd", 6);
        assert_eq!(texts(&lines), ["中文字", "ab cd"]);
        assert_eq!(lines[0].1, 6);
        // A long CJK run breaks between characters, never inside one.
        let lines = plain("中文中文中", 5);
        assert_eq!(texts(&lines), ["中文", "中文", "中"]);
        assert!(lines.iter().all(|l| l.1 <= 5));
        // `e` + combining acute is one cluster of width one; it is never cut from its mark.
        let lines = plain("e\u{301}e\u{301}e\u{301}e\u{301}", 3);
        assert_eq!(texts(&lines), ["e\u{301}e\u{301}e\u{301}", "e\u{301}"]);
        assert_eq!(lines[0].1, 3);
        // An emoji with a skin-tone modifier is one cluster of width two, and so is a ZWJ
        // family.
        let lines = plain("👍🏽👍🏽", 3);
        assert_eq!(texts(&lines), ["👍🏽", "👍🏽"]);
        let family = "👨\u{200D}👩\u{200D}👧";
        let lines = plain(&format!("{family}{family}"), 3);
        assert_eq!(texts(&lines), [family, family]);
    }

    #[test]
    fn each_line_paints_its_own_colour() {
        let runs = [Run::styled(REMOVED, "red words here"), Run::plain(" ok")];
        let lines = wrap(&runs, 9);
        assert_eq!(
            texts(&lines),
            ["\x1b[31mred words\x1b[0m", "\x1b[31mhere\x1b[0m ok"]
        );
        assert_eq!(lines[0].1, 9);
    }

    proptest::proptest! {
        /// Wrapping loses nothing but spaces at breaks, cuts no grapheme cluster, and no
        /// line is wider than the width (a single cluster wider than the width aside).
        #[test]
        fn wrap_keeps_text_and_fits(
            text in "[a-z \u{301}\u{4E2D}\u{6587}\u{1F44D}\u{1F3FD}e.]{0,60}",
            width in 1usize..12,
        ) {
            let lines = plain(&text, width);
            let kept: String = texts(&lines).concat();
            let squeeze = |s: &str| s.replace(' ', "");
            proptest::prop_assert_eq!(squeeze(&kept), squeeze(&text));
            for ((runs, w), line) in lines.iter().zip(texts(&lines)) {
                proptest::prop_assert_eq!(*w, columns(runs));
                proptest::prop_assert!(*w <= width || line.graphemes(true).count() == 1);
            }
            let clusters = |s: &str| s.graphemes(true).filter(|g| *g != " ").count();
            let total: usize = texts(&lines).iter().map(|l| clusters(l)).sum();
            proptest::prop_assert_eq!(total, clusters(&text));
        }
    }
}

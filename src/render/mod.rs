//! Comparison -> bytes: one small trait, one file per output format.
//!
//! Renderers see only the finished [`Comparison`]; they never segment or align. Colour is a
//! property of the renderer (set by the caller), so every renderer can be tested as plain
//! text.

use std::io;

use crate::Comparison;

pub mod check;
mod format_chars;
pub mod history;
pub mod html;
pub mod json;
pub mod markdown;
pub mod side_by_side;
pub mod stat;
pub mod terminal;
pub(crate) mod view;

pub use html::Html;
pub use json::Json;
pub use markdown::Markdown;
pub use side_by_side::SideBySide;
pub use stat::Stat;
pub use terminal::Terminal;

/// Something that writes one result in one format: a comparison (`Render`, the default) or a
/// check report (`Render<CheckReport>`: [`check::CheckTerminal`], [`check::CheckJson`],
/// [`check::CheckMarkdown`], [`check::CheckHtml`]), so diff and check renderers are one kind.
pub trait Render<T: ?Sized = Comparison> {
    /// Write `value` to `out`.
    fn render(&self, value: &T, out: &mut dyn io::Write) -> io::Result<()>;
}

/// Render to a `String` (for tests and for callers that want the text).
pub fn to_string<T: ?Sized>(renderer: &dyn Render<T>, value: &T) -> String {
    let mut buf = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = renderer.render(value, &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

/// The check renderers as [`Render<CheckReport>`]: each keeps its own `render` method too.
macro_rules! render_check {
    ($($t:ty),*) => {$(
        impl Render<crate::check::CheckReport> for $t {
            fn render(
                &self,
                value: &crate::check::CheckReport,
                out: &mut dyn io::Write,
            ) -> io::Result<()> {
                <$t>::render(self, value, out)
            }
        }
    )*};
}

render_check!(
    check::CheckTerminal,
    check::CheckJson,
    check::CheckMarkdown,
    check::CheckHtml
);

/// Below this confidence a pairing is marked as unsure in the terminal and HTML views.
/// On the dev sets, pairings under .5 are right about half the time (41% over realrev,
/// ArgRewrite, Aesop, news and revision dev; `scripts/calibrate_confidence`): a reader
/// should check them.
pub const LOW_CONFIDENCE: f32 = 0.5;

/// The confidence of a pairing shown as unsure ([`LOW_CONFIDENCE`]), if it is one.
pub(crate) fn unsure(c: &crate::Change) -> Option<f32> {
    c.confidence.filter(|&x| x < LOW_CONFIDENCE)
}

/// Text made safe and compact for a terminal: every run of whitespace (line breaks, tabs,
/// carriage returns) becomes one space, and characters that could take over or fool the
/// terminal are shown escaped: control characters as `\x1b`, bidirectional overrides and
/// invisible characters as `<U+202E>`.
///
/// Before: `"a\r\n\x1b[31mb\u{202E}c"`; after: `a \x1b[31mb<U+202E>c` (all visible).
pub fn terminal_safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for shown in visible(text) {
        match shown {
            Shown::Char(c) => out.push(c),
            Shown::Space => out.push(' '),
            Shown::Escaped(e) => out.push_str(&e),
        }
    }
    out
}

/// [`terminal_safe`] for text laid out in lines (argument errors and usage, which quote the
/// command line): line breaks, spaces and tabs stay as they are, every other whitespace
/// character becomes a space, and control, bidirectional and invisible characters are shown
/// escaped the same way.
///
/// Before: `"error: 'x\x1b]0;t\x07'\n  usage"`; after: `error: 'x\x1b]0;t\x07'` (escaped,
/// visible), a line break, then `  usage`.
pub fn terminal_safe_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | ' ' | '\t' => out.push(c),
            _ if c.is_whitespace() => out.push(' '),
            _ => {
                for shown in visible(c.encode_utf8(&mut [0; 4])) {
                    match shown {
                        Shown::Char(c) => out.push(c),
                        Shown::Space => out.push(' '),
                        Shown::Escaped(e) => out.push_str(&e),
                    }
                }
            }
        }
    }
    out
}

/// One piece of input text as a reader should see it (see [`visible`]).
pub(crate) enum Shown {
    /// A character shown as it is.
    Char(char),
    /// A run of whitespace, shown as one space.
    Space,
    /// A character that could take over or fool the display, spelled out: `\x1b`, `<U+202E>`.
    Escaped(String),
}

/// The characters of `text` as [`terminal_safe`] and the HTML report show them: whitespace
/// runs folded to one [`Shown::Space`], control, bidirectional and invisible characters
/// spelled out, everything else as it is.
pub(crate) fn visible(text: &str) -> impl Iterator<Item = Shown> + '_ {
    let mut in_space = false;
    text.chars().filter_map(move |c| {
        if c.is_whitespace() {
            let first = !in_space;
            in_space = true;
            return first.then_some(Shown::Space);
        }
        in_space = false;
        let v = c as u32;
        Some(if c.is_control() && v < 0x100 {
            Shown::Escaped(format!("\\x{v:02x}"))
        } else if c.is_control() || is_invisible_or_bidi(c) {
            Shown::Escaped(format!("<U+{v:04X}>"))
        } else {
            Shown::Char(c)
        })
    })
}

/// Characters that can make text display differently from what it is: every format
/// character (Unicode category Cf: bidi controls such as U+202E that turn text around,
/// zero-width characters such as U+200B, tag characters U+E0000..U+E007F that can spell an
/// invisible " not", the soft hyphen), and the line and paragraph separators U+2028/U+2029.
/// The joiner U+200D is among them, so an emoji ZWJ sequence shows its parts.
pub(crate) fn is_invisible_or_bidi(c: char) -> bool {
    c == '\u{2028}' || c == '\u{2029}' || is_format(c)
}

/// Unicode general category Cf, by binary search in the generated table.
fn is_format(c: char) -> bool {
    format_chars::FORMAT_RANGES
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Whether JSON output writes `c` as a `\uXXXX` escape although JSON allows it raw: DEL and
/// the C1 controls (U+007F..U+009F, which some terminals obey when the JSON is printed) and
/// the characters of [`is_invisible_or_bidi`].
pub(crate) fn json_escapes(c: char) -> bool {
    ('\u{7F}'..='\u{9F}').contains(&c) || is_invisible_or_bidi(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_could_take_over_the_terminal() {
        assert_eq!(
            terminal_safe("a\r\n\x1b[31mb\u{202E}c\u{200B}d\x07"),
            "a \\x1b[31mb<U+202E>c<U+200B>d\\x07"
        );
    }

    #[test]
    fn every_format_character_is_shown_escaped() {
        // Category Cf as the Unicode 16 database lists it (its sample ends of each range).
        for c in [
            '\u{AD}',
            '\u{600}',
            '\u{605}',
            '\u{61C}',
            '\u{6DD}',
            '\u{70F}',
            '\u{890}',
            '\u{8E2}',
            '\u{180E}',
            '\u{200B}',
            '\u{200D}',
            '\u{200F}',
            '\u{202A}',
            '\u{2064}',
            '\u{2066}',
            '\u{206F}',
            '\u{FEFF}',
            '\u{FFF9}',
            '\u{FFFB}',
            '\u{110BD}',
            '\u{110CD}',
            '\u{13430}',
            '\u{1343F}',
            '\u{1BCA0}',
            '\u{1D173}',
            '\u{1D17A}',
            '\u{E0001}',
            '\u{E0020}',
            '\u{E0041}',
            '\u{E007F}',
        ] {
            let shown = terminal_safe(&format!("a{c}b"));
            assert_eq!(shown, format!("a<U+{:04X}>b", c as u32));
        }
        // Neighbours that are not format characters stay as they are.
        for c in [
            '\u{AC}',
            '\u{606}',
            '\u{2065}',
            '\u{FFFC}',
            '\u{E0000}',
            '\u{E0080}',
            'é',
        ] {
            assert_eq!(terminal_safe(&format!("a{c}b")), format!("a{c}b"));
        }
        let table: usize = format_chars::FORMAT_RANGES
            .iter()
            .map(|&(lo, hi)| hi as usize - lo as usize + 1)
            .sum();
        assert_eq!(table, 170);
        assert!(
            format_chars::FORMAT_RANGES
                .windows(2)
                .all(|w| w[0].1 < w[1].0)
        );
    }

    #[test]
    fn lines_keep_their_layout_and_lose_their_controls() {
        assert_eq!(
            terminal_safe_lines("error: 'x\x1b]0;t\x07'\n\n  usage:\tx\r\u{202E}\n"),
            "error: 'x\\x1b]0;t\\x07'\n\n  usage:\tx <U+202E>\n"
        );
        assert_eq!(terminal_safe_lines("\na"), "\na");
        assert_eq!(terminal_safe_lines(""), "");
    }

    #[test]
    fn keeps_ordinary_unicode() {
        assert_eq!(terminal_safe("“Ünïcode” 中文 👍🏽"), "“Ünïcode” 中文 👍🏽");
    }
}

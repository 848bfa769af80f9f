//! Comparison -> bytes: one small trait, one file per output format.
//!
//! Renderers see only the finished [`Comparison`]; they never segment or align. Colour is a
//! property of the renderer (set by the caller), so every renderer can be tested as plain
//! text.

use std::io;

use crate::{ClaimChange, Comparison};

pub mod check;
pub mod html;
pub mod json;
pub mod markdown;
pub mod side_by_side;
pub mod stat;
pub mod terminal;

pub use html::Html;
pub use json::Json;
pub use markdown::Markdown;
pub use side_by_side::SideBySide;
pub use stat::Stat;
pub use terminal::Terminal;

/// Something that writes a comparison in one format.
pub trait Render {
    /// Write `cmp` to `out`.
    fn render(&self, cmp: &Comparison, out: &mut dyn io::Write) -> io::Result<()>;
}

/// Render to a `String` (for tests and for callers that want the text).
pub fn to_string(renderer: &dyn Render, cmp: &Comparison) -> String {
    let mut buf = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = renderer.render(cmp, &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

/// What a claim-change tag says after its label: `a → b`, `added: “b”` or `removed:
/// “a”`, each text passed through `escape` and quoted with `quotes`; `None` when neither
/// side has text. Shared by the terminal, Markdown, side-by-side and HTML views.
/// Below this confidence a pairing is marked as unsure in the terminal and HTML views.
/// On the dev sets, pairings under .5 are right about half the time (41% over realrev,
/// ArgRewrite, Aesop, news and revision dev; `scripts/calibrate_confidence`): a reader
/// should check them.
pub const LOW_CONFIDENCE: f32 = 0.5;

/// The confidence of a pairing shown as unsure ([`LOW_CONFIDENCE`]), if it is one.
pub(crate) fn unsure(c: &crate::Change) -> Option<f32> {
    c.confidence.filter(|&x| x < LOW_CONFIDENCE)
}

pub(crate) fn claim_text(
    cc: &ClaimChange,
    escape: impl Fn(&str) -> String,
    (open, close): (&str, &str),
) -> Option<String> {
    Some(match (&cc.old, &cc.new) {
        (Some(o), Some(n)) => format!("{} → {}", escape(o), escape(n)),
        (None, Some(n)) => format!("added: {open}{}{close}", escape(n)),
        (Some(o), None) => format!("removed: {open}{}{close}", escape(o)),
        (None, None) => return None,
    })
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

/// Bidirectional controls and invisible formatting characters that can make text display
/// differently from what it is (U+202E turns text around; U+200B hides a break).
fn is_invisible_or_bidi(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{200B}'
            | '\u{200C}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{00AD}'
    )
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
    fn keeps_ordinary_unicode() {
        assert_eq!(terminal_safe("“Ünïcode” 中文 👍🏽"), "“Ünïcode” 中文 👍🏽");
    }
}

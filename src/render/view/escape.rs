//! Escaping of document text for each target: Markdown (inert on GitHub) and HTML. The
//! terminal's escaping is [`terminal_safe`](crate::render::terminal_safe).

use crate::render::{Shown, visible};

/// An invisible break (U+200B, written as an entity) that GitHub's autolinker, mention and
/// reference filters cannot see through: they match on the text after entities are
/// decoded, so a backslash escape (`\@octocat` renders as `@octocat`) or an entity alone
/// (`&#64;`) still leaves a live mention.
pub const BREAK: &str = "&#8203;";

/// Text made safe for Markdown and inline HTML, already free of control characters (see
/// [`terminal_safe`](crate::render::terminal_safe)): `<`, `>` and `&` become entities, and every
/// other ASCII punctuation mark that Markdown could read as markup gets a backslash
/// (CommonMark renders `\*` as `*`). It is also inert on GitHub: an invisible break
/// (U+200B, as `&#8203;`) follows every `@` and `#` (no mention, team mention, e-mail link or issue
/// reference), every `-` between a letter and a digit (no `GH-7` reference), every `:`
/// directly followed by a letter or `/` (no bare URL, `mailto:` or `xmpp:` link), and every
/// `.` after `www` or followed by `/` or two letters (no `www.` host, no domain such as
/// `example.com`; such a `.` also gets a backslash). Numbers (`3.5`) and abbreviations
/// (`a.m.`, `U.S.`) are left as they are.
///
/// Before: ``<b>*a*_|`[x]`` ; after: ``&lt;b&gt;\*a\*\_\|\`\[x\]``. Before: `@bob #1
/// www.x.org`; after: `\@&#8203;bob \#&#8203;1 www\.&#8203;x\.&#8203;org`.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let at = |k: usize| chars.get(k).copied();
        let letter = |k: usize| at(k).is_some_and(|n| n.is_ascii_alphabetic());
        let after_letter = i > 0 && at(i - 1).is_some_and(char::is_alphabetic);
        // A host or scheme goes on: `.com`, `://`, `mailto:x`; GFM's `www.` always links.
        let www = i >= 3
            && chars
                .get(i - 3..i)
                .is_some_and(|w| w.iter().all(|w| w.eq_ignore_ascii_case(&'w')));
        let link = match c {
            '.' => www || at(i + 1) == Some('/') || (letter(i + 1) && letter(i + 2)),
            ':' => at(i + 1) == Some('/') || letter(i + 1),
            _ => false,
        };
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '+' | '-' | '!'
            | '|' | '~' | '@' | ':' | '=' | '^' | '$' => {
                out.push('\\');
                out.push(c);
            }
            // The autolinker reads `www.` in the source: the backslash hides it there.
            '.' if link => out.push_str("\\."),
            _ => out.push(c),
        }
        let reference = c == '-' && after_letter && at(i + 1).is_some_and(|n| n.is_ascii_digit());
        if c == '@' || c == '#' || reference || link {
            out.push_str(BREAK);
        }
    }
    out
}

/// Escape `s` for HTML text and attribute values (`&`, `<`, `>`, `"`, `'`).
///
/// Before: `<script>"a" & 'b'`; after: `&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;`.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        push_escaped(&mut out, c);
    }
    out
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        _ => out.push(c),
    }
}

/// Input text as HTML: escaped, every whitespace run shown as one space (as in the terminal
/// view), and characters that could fool the reader shown visibly in a
/// `<span class="esc">`: control characters as `\x1b`, bidirectional overrides and
/// invisible characters as `<U+202E>`.
///
/// Before: `"a\u{202E}b </style>"`; after:
/// `a<span class="esc">&lt;U+202E&gt;</span>b &lt;/style&gt;`.
pub fn html_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for shown in visible(s) {
        match shown {
            Shown::Char(c) => push_escaped(&mut out, c),
            Shown::Space => out.push(' '),
            Shown::Escaped(e) => {
                out.push_str("<span class=\"esc\">");
                out.push_str(&html(&e));
                out.push_str("</span>");
            }
        }
    }
    out
}

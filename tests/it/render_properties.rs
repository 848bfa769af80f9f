//! Every renderer over hostile text (issue #16, class 8): no panic; on the terminal views
//! (inline, side by side at any width, stat, check) nothing but line breaks and the
//! renderer's own colour sequences is raw, and no Unicode format character; side-by-side
//! lines stay within the (clamped) width; JSON escapes C1 and format controls and rebuilds
//! both texts; Markdown has no raw markup but its `<del>`/`<ins>` and no `@` or `#` that
//! could become a mention; HTML has exactly its own `<script>` and `<style>`. File names
//! (labels) are hostile too.

use claimdiff::check::{CheckOptions, check};
use claimdiff::render::check::{CheckHtml, CheckJson, CheckTerminal};
use claimdiff::render::json::JsonReport;
use claimdiff::render::side_by_side::{MAX_WIDTH, MIN_WIDTH};
use claimdiff::render::terminal::Context;
use claimdiff::render::{Html, Json, Markdown, Render, SideBySide, Stat, Terminal, to_string};
use claimdiff::{Document, Options, compare_texts};
use proptest::prelude::*;
use proptest::sample::select;
use unicode_width::UnicodeWidthStr;

/// Pieces that attack a renderer: terminal controls (C0, C1, OSC, CSI), bidi and format
/// characters (tag characters that spell a hidden word), Markdown and HTML syntax, GitHub
/// mentions, references and links, wide and combining characters.
const PIECES: &[&str] = &[
    "Plain words here.",
    "\x1b]0;title\x07 \x1b[2J cleared?",
    "C1 \u{9B}31m red \u{85} next \u{9D}8;;http://x\u{9C} link.",
    "DEL \u{7F} and NUL \0 byte.",
    "It is\u{E0020}\u{E006E}\u{E006F}\u{E0074} legal.",
    "pay\u{202E}lanigiro\u{202C}.txt and \u{2066}iso\u{2069} ok.",
    "zero\u{200B}width\u{2060}joiner\u{FEFF} and \u{AD}soft.",
    "Ask @octocat about #123 and org/repo#4 or GH-5.",
    "See www.example.com/login, https://evil.example/x and admin@example.org.",
    "<script>alert(1)</script> <style>*{}</style> &amp; \"q\" 'a'.",
    "**bold** _it_ `code` [a](b) | pipe | ~~s~~ <del>x</del>.",
    "# Heading\n- item\n> quote",
    "中文字 👩\u{200D}💻 e\u{301} wide.",
    "line\u{2028}sep\u{2029}para.",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => select(PIECES).prop_map(String::from),
        1 => "[a-z]{1,12}( [a-z]{1,12}){0,6}\\.".prop_map(String::from),
        1 => "[a-zA-Z]{100,600}".prop_map(|t| format!("Long {t} end.")),
    ]
}

fn hostile() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        (piece(), select(&[" ", "\n", "\n\n", "\r\n", "\t"][..])),
        0..7,
    )
    .prop_map(|parts| parts.into_iter().map(|(p, sep)| p + sep).collect())
}

/// Unicode category Cf, written out independently of the library's table.
fn is_format(c: char) -> bool {
    matches!(c as u32,
        0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x890..=0x891 | 0x8E2 | 0x180E
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F | 0xFEFF
        | 0xFFF9..=0xFFFB | 0x110BD | 0x110CD | 0x13430..=0x1343F | 0x1BCA0..=0x1BCA3
        | 0x1D173..=0x1D17A | 0xE0001 | 0xE0020..=0xE007F)
}

/// `out` without its SGR colour sequences (`ESC [ digits/; m`), which renderers write.
fn without_sgr(out: &str) -> String {
    let mut s = String::with_capacity(out.len());
    let mut rest = out;
    while let Some(i) = rest.find("\x1b[") {
        s.push_str(&rest[..i]);
        let tail = &rest[i + 2..];
        let end = tail
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(tail.len());
        if tail[end..].starts_with('m') {
            rest = &tail[end + 1..];
        } else {
            // Not a colour sequence: keep the ESC so the check below reports it.
            s.push('\x1b');
            rest = &rest[i + 1..];
        }
    }
    s.push_str(rest);
    s
}

fn assert_terminal_safe(out: &str, what: &str) -> Result<(), TestCaseError> {
    let plain = without_sgr(out);
    for c in plain.chars() {
        prop_assert!(
            c == '\n' || !(c.is_control() || is_format(c)),
            "{}: raw {:?} in {:?}",
            what,
            c,
            out
        );
    }
    Ok(())
}

fn render(r: &dyn Render, cmp: &claimdiff::Comparison) -> String {
    to_string(r, cmp)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn every_renderer_is_safe_on_hostile_text(
        old in hostile(),
        new in hostile(),
        label in select(PIECES),
        color in any::<bool>(),
        width in prop_oneof![
            Just(0usize), Just(MIN_WIDTH), 21usize..200, Just(MAX_WIDTH), Just(MAX_WIDTH + 1),
            Just(200_000), Just(usize::MAX)
        ],
    ) {
        let cmp = compare_texts(&old, &new, &Options::default());
        let labels = Some((label.to_owned(), format!("{label}.new")));
        for context in [Context::All, Context::Lines(0)] {
            let out = render(&Terminal {
                color,
                context,
                width: None,
            }, &cmp);
            assert_terminal_safe(&out, "terminal")?;
            let sbs = SideBySide { color, context, width, labels: labels.clone() };
            let out = render(&sbs, &cmp);
            assert_terminal_safe(&out, "side by side")?;
            let limit = width.clamp(MIN_WIDTH, MAX_WIDTH);
            for line in without_sgr(&out).lines() {
                prop_assert!(line.width() <= limit, "{} columns > {}: {:?}", line.width(), limit, line);
            }
        }
        assert_terminal_safe(&render(&Stat, &cmp), "stat")?;

        for pretty in [false, true] {
            let json = Json { pretty, old_path: Some(label.to_owned()), new_path: None };
            let out = render(&json, &cmp);
            for c in out.chars() {
                prop_assert!(
                    !(('\u{7F}'..='\u{9F}').contains(&c) || is_format(c) || c == '\u{2028}'),
                    "raw {:?} in JSON", c
                );
            }
            let back: JsonReport = serde_json::from_str(&out).unwrap();
            prop_assert_eq!(back.old.rebuild(), old.as_str());
            prop_assert_eq!(back.new.rebuild(), new.as_str());
        }

        let md = render(&Markdown { labels: labels.clone() }, &cmp);
        assert_terminal_safe(&md, "markdown")?;
        for (i, _) in md.match_indices('<') {
            let tag = &md[i..];
            prop_assert!(
                ["<del>", "<ins>", "</del>", "</ins>"].iter().any(|t| tag.starts_with(t)),
                "raw markup in Markdown: {:?}", &tag[..tag.len().min(20)]
            );
        }
        // The heading's `###` is the renderer's own markup.
        let md = md.strip_prefix("### ").unwrap_or(&md);
        for (i, c) in md.char_indices().filter(|&(_, c)| c == '@' || c == '#') {
            let after = &md[i + c.len_utf8()..];
            // `&#8203;` is the break itself (its `#` is part of the entity).
            let entity = c == '#' && md[..i].ends_with('&') && after.starts_with("8203;");
            prop_assert!(entity || after.starts_with("&#8203;"), "live {} in {:?}", c, md);
        }

        let html = render(&Html { old_path: Some(label.to_owned()), new_path: None }, &cmp);
        prop_assert_eq!(html.matches("<script").count(), 1);
        prop_assert_eq!(html.matches("<style").count(), 1);
        prop_assert!(!html.contains("'unsafe-inline'"));
        for c in html.chars() {
            prop_assert!(c == '\n' || !(c.is_control() || is_format(c)), "raw {:?} in HTML", c);
        }

        let report = check(
            Document::new(new.clone(), &Default::default()),
            vec![Document::new(old.clone(), &Default::default())],
            &CheckOptions::default(),
        );
        let paths = vec![Some(label.to_owned())];
        let mut out = Vec::new();
        CheckTerminal { color, omitted: true, report_paths: paths.clone() }
            .render(&report, &mut out)
            .unwrap();
        assert_terminal_safe(&String::from_utf8(out).unwrap(), "check terminal")?;
        let mut out = Vec::new();
        CheckJson { statement_path: Some(label.to_owned()), report_paths: paths.clone() }
            .render(&report, &mut out)
            .unwrap();
        let out = String::from_utf8(out).unwrap();
        let raw = out.chars().find(|&c| ('\u{7F}'..='\u{9F}').contains(&c) || is_format(c));
        prop_assert_eq!(raw, None, "raw character in check JSON");
        serde_json::from_str::<serde_json::Value>(&out).unwrap();
        let mut out = Vec::new();
        CheckHtml { statement_path: Some(label.to_owned()), report_paths: paths, omitted: true }
            .render(&report, &mut out)
            .unwrap();
        let out = String::from_utf8(out).unwrap();
        prop_assert_eq!(out.matches("<script").count(), 1);
        let raw = out.chars().find(|&c| c != '\n' && (c.is_control() || is_format(c)));
        prop_assert_eq!(raw, None, "raw character in check HTML");
    }
}

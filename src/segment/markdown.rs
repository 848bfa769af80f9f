//! Markdown input: cut the text into blocks first, then apply the prose rules inside blocks.
//!
//! A line-based block scan in the spirit of CommonMark, bounded and linear:
//!
//! | block | becomes |
//! | --- | --- |
//! | ATX heading `## Scope`, setext heading (`Scope` over `=====`) | one sentence |
//! | table row (`\| a \| b \|`, the delimiter row included) | one sentence per row |
//! | fenced code (```` ``` ```` or `~~~`), indented code, front matter (`---` … `---` at the top) | one sentence, blank lines inside included |
//! | thematic break (`***`, `- - -`) | one sentence |
//! | list item (`-`, `*`, `+`, `1.`, `1)`) with its continuation lines | prose rules (the marker stays in the first sentence) |
//! | block quote (lines starting with `>`) | prose rules |
//! | paragraph | prose rules |
//!
//! Markup stays inside the spans (`## Scope`, `- Staff must ...`): the segmenter only
//! decides where sentences start and end, so the result keeps the invariant of
//! [`super::segment`]: the text between sentences is whitespace. A code block is the only
//! sentence that may contain a blank line; it keeps the paragraph number of its first line.
//!
//! Not handled (read as paragraphs): HTML blocks, link reference definitions, lazy
//! continuation of block quotes across block starts, list items nested in block quotes.

#![allow(
    clippy::indexing_slicing,
    reason = "reviewed: line and block indexes come from the line table built from the same text"
)]

use super::{SegmentOptions, Sentence, SplitMode};

/// One line: the byte range of its content, without the line ending (`\n`, `\r\n`, `\r`).
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
}

/// What to do with a block's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// One sentence, whatever it holds.
    Unit,
    /// Cut by the prose rules.
    Prose,
    /// Cut by the prose rules; a list item (an indented line after it is not code).
    Item,
}

/// Lines `first..=last` of the text, as one kind of block.
#[derive(Debug, Clone, Copy)]
struct Block {
    first: usize,
    last: usize,
    kind: Kind,
}

/// Cut Markdown `text` into sentences (see the module docs).
pub(super) fn segment(text: &str, opts: &SegmentOptions) -> Vec<Sentence> {
    let lines = lines(text);
    let paras = line_paragraphs(text, &lines);
    let prose = SegmentOptions {
        split: SplitMode::Prose,
        lang: opts.lang,
    };
    let mut out = Vec::new();
    for b in blocks(text, &lines) {
        let (start, end) = (lines[b.first].start, lines[b.last].end);
        let para = paras[b.first];
        match b.kind {
            Kind::Unit => {
                let body = &text[start..end];
                let trimmed = body.trim_start();
                let s = start + (body.len() - trimmed.len());
                let e = s + trimmed.trim_end().len();
                if s < e {
                    out.push(Sentence {
                        start: s,
                        end: e,
                        paragraph: para,
                    });
                }
            }
            Kind::Prose | Kind::Item => {
                out.extend(
                    super::segment(&text[start..end], &prose)
                        .into_iter()
                        .map(|s| Sentence {
                            start: start + s.start,
                            end: start + s.end,
                            paragraph: para + s.paragraph,
                        }),
                );
            }
        }
    }
    out
}

/// The lines of `text`; a line ends at `\n`, `\r\n` or a lone `\r`.
fn lines(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                out.push(Line { start, end: i });
                start = i + 1;
            }
            b'\r' => {
                out.push(Line { start, end: i });
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < bytes.len() || out.is_empty() {
        out.push(Line {
            start,
            end: bytes.len(),
        });
    }
    out
}

fn is_blank(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}

/// The paragraph number of each line: a run of blank lines between two non-blank lines
/// is one paragraph break (as the prose segmenter counts them).
fn line_paragraphs(text: &str, lines: &[Line]) -> Vec<usize> {
    let mut para = 0;
    let (mut seen, mut blank_since) = (false, false);
    lines
        .iter()
        .map(|l| {
            if is_blank(&text[l.start..l.end]) {
                blank_since |= seen;
            } else {
                if blank_since {
                    para += 1;
                    blank_since = false;
                }
                seen = true;
            }
            para
        })
        .collect()
}

/// Columns of leading indentation (a tab counts 4) and the rest of the line.
fn indent(line: &str) -> (usize, &str) {
    let mut cols = 0;
    for (i, c) in line.char_indices() {
        match c {
            ' ' => cols += 1,
            '\t' => cols += 4,
            _ => return (cols, &line[i..]),
        }
    }
    (cols, "")
}

/// An opening code fence: its character and length (```` ``` ````, `~~~~`).
fn fence(rest: &str) -> Option<(char, usize)> {
    let c = rest.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let n = rest.chars().take_while(|&d| d == c).count();
    // A backtick fence's info string may not contain a backtick.
    let info_ok = c == '~' || !rest[n..].contains('`');
    (n >= 3 && info_ok).then_some((c, n))
}

/// Does `rest` close a fence opened with `n` times `c`?
fn closes_fence(rest: &str, c: char, n: usize) -> bool {
    let run = rest.chars().take_while(|&d| d == c).count();
    run >= n && is_blank(&rest[run * c.len_utf8()..])
}

/// `# Title` ... `###### Title` (a `#` run of 1 to 6, then whitespace or the end).
fn is_atx_heading(rest: &str) -> bool {
    let n = rest.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&n) && rest[n..].chars().next().is_none_or(char::is_whitespace)
}

/// `***`, `---`, `___`, `- - -`: three or more of one of these and nothing else.
fn is_thematic_break(rest: &str) -> bool {
    let Some(c) = rest.chars().next().filter(|c| matches!(c, '*' | '-' | '_')) else {
        return false;
    };
    let mut n = 0;
    for d in rest.chars() {
        if d == c {
            n += 1;
        } else if !d.is_whitespace() {
            return false;
        }
    }
    n >= 3
}

/// A setext underline: a run of `=` or of `-`, then only whitespace.
fn is_setext_underline(rest: &str) -> bool {
    let t = rest.trim_end();
    !t.is_empty() && (t.bytes().all(|b| b == b'=') || t.bytes().all(|b| b == b'-'))
}

/// A list item marker: `-`, `*` or `+`, or 1 to 9 digits and `.` or `)`, then whitespace
/// or the end of the line.
fn is_list_item(rest: &str) -> bool {
    let bytes = rest.as_bytes();
    let after = match bytes.first() {
        Some(b'-' | b'*' | b'+') => 1,
        Some(b'0'..=b'9') => {
            let n = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            if n > 9 || !matches!(bytes.get(n), Some(b'.' | b')')) {
                return false;
            }
            n + 1
        }
        _ => return false,
    };
    rest[after..].chars().next().is_none_or(char::is_whitespace)
}

/// A table delimiter row: `|---|:--:|`, `--- | ---` (dashes, colons, pipes, spaces; at
/// least one dash and one pipe).
fn is_delimiter_row(rest: &str) -> bool {
    let t = rest.trim_end();
    t.contains('-')
        && t.contains('|')
        && t.chars()
            .all(|c| matches!(c, '-' | ':' | '|') || c.is_whitespace())
}

struct Scan<'a> {
    text: &'a str,
    lines: &'a [Line],
}

impl Scan<'_> {
    fn line(&self, i: usize) -> &str {
        let l = self.lines[i];
        &self.text[l.start..l.end]
    }

    fn blank(&self, i: usize) -> bool {
        is_blank(self.line(i))
    }

    /// Indentation and rest of line `i`, if it is indented at most 3 columns (where block
    /// markers count).
    fn marker_rest(&self, i: usize) -> Option<&str> {
        let (cols, rest) = indent(self.line(i));
        (cols <= 3).then_some(rest)
    }

    /// A table starts at `i`: a row with a pipe over a delimiter row, or a line that starts
    /// with a pipe.
    fn table_row_start(&self, i: usize) -> bool {
        let Some(rest) = self.marker_rest(i) else {
            return false;
        };
        rest.starts_with('|')
            || (rest.contains('|')
                && i + 1 < self.lines.len()
                && self.marker_rest(i + 1).is_some_and(is_delimiter_row))
    }

    /// Line `i` opens a block that interrupts a paragraph or list item.
    fn interrupts(&self, i: usize) -> bool {
        let Some(rest) = self.marker_rest(i) else {
            return false;
        };
        fence(rest).is_some()
            || is_atx_heading(rest)
            || is_thematic_break(rest)
            || is_list_item(rest)
            || rest.starts_with('>')
            || self.table_row_start(i)
    }

    /// The last line of the run starting at `i` that continues while `more` holds for a
    /// non-blank line.
    fn run_end(&self, i: usize, more: impl Fn(usize) -> bool) -> usize {
        let mut j = i;
        while j + 1 < self.lines.len() && !self.blank(j + 1) && more(j + 1) {
            j += 1;
        }
        j
    }

    /// Front matter: `---` on the first line, closed by `---` or `...`; its last line.
    fn front_matter(&self) -> Option<usize> {
        if self.line(0).trim_end() != "---" {
            return None;
        }
        (1..self.lines.len()).find(|&j| matches!(self.line(j).trim_end(), "---" | "..."))
    }
}

/// The blocks of the text, in order; every non-blank line is in exactly one block.
fn blocks(text: &str, lines: &[Line]) -> Vec<Block> {
    let sc = Scan { text, lines };
    let n = lines.len();
    let mut out: Vec<Block> = Vec::new();
    let unit = |first, last| Block {
        first,
        last,
        kind: Kind::Unit,
    };
    let mut i = 0;
    if let Some(last) = sc.front_matter() {
        out.push(unit(0, last));
        i = last + 1;
    }
    let mut in_table = false;
    while i < n {
        if sc.blank(i) {
            in_table = false;
            i += 1;
            continue;
        }
        let (cols, _) = indent(sc.line(i));
        let after_blank = i == 0 || sc.blank(i - 1);
        let rest = sc.marker_rest(i);
        let block = if let Some((c, len)) = rest.and_then(fence) {
            let last = (i + 1..n)
                .find(|&j| sc.marker_rest(j).is_some_and(|r| closes_fence(r, c, len)))
                .unwrap_or(n - 1);
            unit(i, last)
        } else if cols >= 4 && after_blank && out.last().is_none_or(|b| b.kind != Kind::Item) {
            // Indented code: not after a list item, where indentation continues the item.
            unit(i, sc.run_end(i, |j| indent(sc.line(j)).0 >= 4))
        } else if in_table && sc.line(i).contains('|') || sc.table_row_start(i) {
            in_table = true;
            unit(i, i)
        } else if rest.is_some_and(|r| is_atx_heading(r) || is_thematic_break(r)) {
            unit(i, i)
        } else if rest.is_some_and(|r| r.starts_with('>')) {
            let last = sc.run_end(i, |j| sc.marker_rest(j).is_some_and(|r| r.starts_with('>')));
            Block {
                first: i,
                last,
                kind: Kind::Prose,
            }
        } else if rest.is_some_and(is_list_item) {
            Block {
                first: i,
                last: sc.run_end(i, |j| !sc.interrupts(j)),
                kind: Kind::Item,
            }
        } else {
            let last = sc.run_end(i, |j| {
                !sc.interrupts(j) && !sc.marker_rest(j).is_some_and(is_setext_underline)
            });
            let underline = last + 1 < n
                && !sc.blank(last + 1)
                && sc.marker_rest(last + 1).is_some_and(is_setext_underline);
            if underline {
                unit(i, last + 1)
            } else {
                Block {
                    first: i,
                    last,
                    kind: Kind::Prose,
                }
            }
        };
        if block.kind != Kind::Unit || block.first != block.last {
            in_table = false;
        }
        i = block.last + 1;
        out.push(block);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn texts(text: &str) -> Vec<&str> {
        let opts = SegmentOptions {
            split: SplitMode::Markdown,
            ..SegmentOptions::default()
        };
        super::super::segment(text, &opts)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn headings_are_their_own_sentences() {
        assert_eq!(
            texts("# Remote work\nStaff may work from home. Managers decide.\n## Scope\nAll staff"),
            [
                "# Remote work",
                "Staff may work from home.",
                "Managers decide.",
                "## Scope",
                "All staff"
            ]
        );
        assert_eq!(
            texts("Remote work policy\n==================\nText here"),
            ["Remote work policy\n==================", "Text here"]
        );
        assert_eq!(
            texts("#hashtag is not a heading"),
            ["#hashtag is not a heading"]
        );
    }

    #[test]
    fn list_items_are_split_as_prose_and_never_joined() {
        assert_eq!(
            texts(
                "Rules:\n- Staff must ask first\n- Managers reply. They explain\n  a refusal.\n1. one\n2) two"
            ),
            [
                "Rules:",
                "- Staff must ask first",
                "- Managers reply.",
                "They explain\n  a refusal.",
                "1. one",
                "2) two"
            ]
        );
    }

    #[test]
    fn table_rows_are_sentences() {
        assert_eq!(
            texts("Costs:\n\n| item | cost |\n|---|--:|\n| laptop | 900 |\nbare | row\n\nAfter."),
            [
                "Costs:",
                "| item | cost |",
                "|---|--:|",
                "| laptop | 900 |",
                "bare | row",
                "After."
            ]
        );
        assert_eq!(
            texts("a | b\n--- | ---\n1 | 2"),
            ["a | b", "--- | ---", "1 | 2"]
        );
    }

    #[test]
    fn block_quotes_stand_apart_and_split_as_prose() {
        assert_eq!(
            texts("He said:\n> We will not. Never.\n> Not ever.\nThen left."),
            [
                "He said:",
                "> We will not.",
                "Never.",
                "> Not ever.",
                "Then left."
            ]
        );
    }

    #[test]
    fn code_is_kept_whole_even_across_blank_lines() {
        let text = "Run:\n\n```sh\nmake. all\n\nmake test\n```\nDone.\n\n    indented. code\n    more\n\nEnd.";
        assert_eq!(
            texts(text),
            [
                "Run:",
                "```sh\nmake. all\n\nmake test\n```",
                "Done.",
                "    indented. code\n    more".trim_start(),
                "End."
            ]
        );
        let opts = SegmentOptions {
            split: SplitMode::Markdown,
            ..SegmentOptions::default()
        };
        let paras: Vec<usize> = super::super::segment(text, &opts)
            .iter()
            .map(|s| s.paragraph)
            .collect();
        assert_eq!(paras, [0, 1, 2, 3, 4]);
        assert_eq!(
            texts("```\nnot closed. Still code"),
            ["```\nnot closed. Still code"]
        );
    }

    #[test]
    fn front_matter_and_rules() {
        assert_eq!(
            texts("---\ntitle: A. B\n---\nText.\n\n***\n\nMore."),
            ["---\ntitle: A. B\n---", "Text.", "***", "More."]
        );
    }

    #[test]
    fn indented_line_after_list_item_continues_it() {
        assert_eq!(
            texts("- Item one.\n\n    Still item one. Yes."),
            ["- Item one.", "Still item one.", "Yes."]
        );
    }

    /// Markdown-ish text from pieces that exercise the block rules.
    fn markdown_text() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "# ", "## ", "#", "- ", "* ", "+ ", "1. ", "2) ", "> ", "| ", " | ", "|---|", "---",
            "===", "***", "```", "~~~", "    ", "\t", "Word", "word.", "Mr.", "end.", " ", "\n",
            "\r\n", "\r", "\n\n", "\u{2028}", "\u{a0}", "é", "`", "|", ":", "-", "=",
        ]);
        prop::collection::vec(piece, 0..50).prop_map(|v| v.concat())
    }

    fn check(text: &str) -> Result<(), TestCaseError> {
        let opts = SegmentOptions {
            split: SplitMode::Markdown,
            ..SegmentOptions::default()
        };
        let got = super::super::segment(text, &opts);
        let mut pos = 0;
        let mut para = 0;
        for s in &got {
            prop_assert!(
                s.start >= pos && s.start < s.end && s.end <= text.len(),
                "{s:?}"
            );
            prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            prop_assert!(text[pos..s.start].chars().all(char::is_whitespace));
            let body = &text[s.start..s.end];
            prop_assert_eq!(body.trim(), body);
            prop_assert!(s.paragraph >= para);
            para = s.paragraph;
            pos = s.end;
        }
        prop_assert!(text[pos..].chars().all(char::is_whitespace));
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(600))]

        #[test]
        fn lossless_on_markdown(text in markdown_text()) {
            check(&text)?;
        }

        #[test]
        fn lossless_on_any_string(text in any::<String>()) {
            check(&text)?;
        }
    }
}

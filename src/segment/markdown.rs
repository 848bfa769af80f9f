//! Markdown input: cut the text into blocks first, then apply the prose rules inside blocks.
//!
//! A line-based block scan in the spirit of CommonMark, bounded and linear:
//!
//! | block | becomes |
//! | --- | --- |
//! | ATX heading `## Scope`, setext heading (`Scope` over `=====`) | one sentence |
//! | table row (`\| a \| b \|`, the delimiter row included) | one sentence per row |
//! | fenced code (```` ``` ```` or `~~~`), indented code | one sentence, blank lines inside included |
//! | front matter at the top (`---`, `+++`, mmark `%%%`; kramdown-rfc `--- abstract`) | one sentence per field (drafting headers: only the title compared) |
//! | Pandoc title block (`% Title`, `% Author`, `% Date` on the first lines) | one sentence per field |
//! | footnote definition (`[^1]: text`) | prose rules (link reference definitions are markup) |
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
    /// One sentence; a trailing anchor or attribute list (`{#scope}`) is kept in its text but
    /// out of the compared text.
    Heading,
    /// Cut by the prose rules.
    Prose,
    /// Cut by the prose rules; a list item (an indented line after it is not code).
    Item,
    /// Markup a reader does not see as text; it joins the next sentence's span (not its
    /// compared text).
    MarkupOpen,
    /// As [`Kind::MarkupOpen`], but joins the previous sentence's span.
    MarkupClose,
}

/// Lines `first..=last` of the text, as one kind of block.
#[derive(Debug, Clone, Copy)]
struct Block {
    first: usize,
    last: usize,
    kind: Kind,
}

/// Markup waiting for a sentence to join: its trimmed byte range.
#[derive(Debug, Clone, Copy)]
struct Markup {
    start: usize,
    end: usize,
    /// Joins the next sentence (else the previous one).
    opens: bool,
}

/// Cut Markdown `text` into sentences (see the module docs).
pub(super) fn segment(text: &str, opts: &SegmentOptions) -> Vec<Sentence> {
    let lines = lines(text);
    let paras = line_paragraphs(text, &lines);
    let prose = SegmentOptions {
        split: SplitMode::Markdown,
        lang: opts.lang,
    };
    let mut out: Vec<Sentence> = Vec::new();
    let mut markup: Vec<(usize, Markup)> = Vec::new();
    for b in blocks(text, &lines) {
        let (start, end) = (lines[b.first].start, lines[b.last].end);
        let para = paras[b.first];
        let Some((s, e)) = trimmed(text, start, end) else {
            continue;
        };
        match b.kind {
            Kind::Unit => out.push(Sentence::new(s, e, para)),
            Kind::Heading => {
                let mut sent = Sentence::new(s, e, para);
                sent.compared_end = s + strip_anchor(&text[s..e]).len();
                out.push(sent);
            }
            Kind::Prose | Kind::Item => out.extend(
                super::Segmenter::new(&text[start..end], &prose)
                    .run()
                    .into_iter()
                    .map(|x| x.shifted(start, para)),
            ),
            Kind::MarkupOpen | Kind::MarkupClose => markup.push((
                out.len(),
                Markup {
                    start: s,
                    end: e,
                    opens: b.kind == Kind::MarkupOpen,
                },
            )),
        }
    }
    attach_markup(out, &markup, &paras, &lines)
}

/// The byte range of `text[start..end]` without surrounding whitespace, if not blank.
fn trimmed(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let body = &text[start..end];
    let t = body.trim_start();
    let s = start + (body.len() - t.len());
    let e = s + t.trim_end().len();
    (s < e).then_some((s, e))
}

/// A heading's text without a trailing anchor or attribute list: `## TXT Record {#txt}`
/// -> `## TXT Record`, `# Notes {:numbered="false"}` -> `# Notes`.
fn strip_anchor(heading: &str) -> &str {
    let t = heading.trim_end();
    if let Some(body) = t.strip_suffix('}')
        && let Some(open) = body.rfind('{')
        && body[open + 1..].starts_with(['#', ':', '.'])
        && !body[open + 1..].contains(['{', '}'])
    {
        let kept = body[..open].trim_end();
        if !kept.trim_start_matches('#').trim().is_empty() {
            return kept;
        }
    }
    t
}

/// Put each markup range into the span of a neighbouring sentence (the next one for
/// opening markup, the previous one for closing markup, the other one when that side has
/// none); markup with no sentence at all becomes a sentence of its own.
fn attach_markup(
    mut out: Vec<Sentence>,
    markup: &[(usize, Markup)],
    paras: &[usize],
    lines: &[Line],
) -> Vec<Sentence> {
    if markup.is_empty() {
        return out;
    }
    if out.is_empty() {
        // Nothing but markup: each piece is a sentence (compared as is).
        return markup
            .iter()
            .map(|&(_, m)| Sentence::new(m.start, m.end, para_at(paras, lines, m.start)))
            .collect();
    }
    for &(next, m) in markup {
        // `next`: the index of the first sentence after the markup.
        let target = if (m.opens && next < out.len()) || next == 0 {
            next.min(out.len() - 1)
        } else {
            next - 1
        };
        let s = &mut out[target];
        s.start = s.start.min(m.start);
        s.end = s.end.max(m.end);
    }
    out
}

/// The paragraph number of the line holding byte `pos`.
fn para_at(paras: &[usize], lines: &[Line], pos: usize) -> usize {
    let i = lines.partition_point(|l| l.end < pos);
    paras.get(i).copied().unwrap_or(0)
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

/// `<div ...>`, `</aside>`, `<!-- ...`: a line that opens an HTML block (CommonMark types
/// 2 and 6-7: a tag name or a comment right after `<`).
fn is_html_start(rest: &str) -> bool {
    let Some(after) = rest.strip_prefix('<') else {
        return false;
    };
    let after = after.strip_prefix('/').unwrap_or(after);
    rest.starts_with("<!--") || after.starts_with(|c: char| c.is_ascii_alphabetic())
}

/// A line made only of HTML tags and comments (`<aside class="q">`, `</p> </aside>`): markup.
/// `Some(true)` when every tag closes (`</p>`), `Some(false)` otherwise, `None` when the line
/// holds text.
fn tags_only(rest: &str) -> Option<bool> {
    let mut t = rest.trim();
    let mut closing = true;
    if t.is_empty() {
        return None;
    }
    while !t.is_empty() {
        let body = t.strip_prefix('<')?;
        let close = body.find('>')?;
        closing &= body.starts_with('/');
        t = body[close + 1..].trim_start();
    }
    Some(closing)
}

/// A kramdown attribute list alone on a line: `{: #designation}`, `{:numbered="false"}`.
fn is_attribute_list(rest: &str) -> bool {
    let t = rest.trim_end();
    t.starts_with("{:") && t.ends_with('}') && !t.contains('\n')
}

/// A link reference definition: `[homepage]: https://example.org "Title"`.
fn is_link_definition(rest: &str) -> bool {
    let Some(body) = rest.strip_prefix('[') else {
        return false;
    };
    let Some(close) = body.find("]:") else {
        return false;
    };
    let label = &body[..close];
    // `[^1]: text` is a footnote: its text is read, so it stays prose.
    !label.is_empty()
        && !label.starts_with('^')
        && !label.contains(['[', ']'])
        && !body[close + 2..].trim().is_empty()
}

/// A kramdown-rfc section line (`--- abstract`, `--- middle`, `--- back`) or an mmark one
/// (`{mainmatter}`, `{backmatter}`, `{frontmatter}`).
fn is_section_marker(rest: &str) -> bool {
    let lower_word = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase());
    let rest = rest.trim_end();
    rest.strip_prefix("--- ").is_some_and(lower_word)
        || rest
            .strip_prefix('{')
            .and_then(|r| r.strip_suffix("matter}"))
            .is_some_and(lower_word)
}

/// The `title` field of a drafting tool's header (`title: "X"`, mmark's `Title = "X"`).
fn is_title_field(line: &str) -> bool {
    line.get(..5)
        .is_some_and(|k| k.eq_ignore_ascii_case("title"))
        && line[5..].trim_start().starts_with([':', '='])
}

/// How a front matter block ends.
#[derive(Debug, Clone, Copy)]
struct FrontMatter {
    /// The closing line (`---`, `...`, `+++`, `--- abstract`).
    close: usize,
    /// Closed by a kramdown-rfc section line (`--- abstract`): later `--- middle` lines are
    /// markup too.
    sections: bool,
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

    /// The rest of line `i` after its indentation, if it is indented at most 3 columns
    /// (where block markers count) or `deep` (inside a list, where nested blocks are
    /// indented further).
    fn marker_rest(&self, i: usize, deep: bool) -> Option<&str> {
        let (cols, rest) = indent(self.line(i));
        (deep || cols <= 3).then_some(rest)
    }

    /// A table starts at `i`: a row with a pipe over a delimiter row, or a line that starts
    /// with a pipe.
    fn table_row_start(&self, i: usize, deep: bool) -> bool {
        let Some(rest) = self.marker_rest(i, deep) else {
            return false;
        };
        rest.starts_with('|')
            || (rest.contains('|')
                && i + 1 < self.lines.len()
                && self.marker_rest(i + 1, deep).is_some_and(is_delimiter_row))
    }

    /// Line `i` opens a block that interrupts a paragraph or list item.
    fn interrupts(&self, i: usize, deep: bool) -> bool {
        let Some(rest) = self.marker_rest(i, deep) else {
            return false;
        };
        fence(rest).is_some()
            || is_atx_heading(rest)
            || is_thematic_break(rest)
            || is_list_item(rest)
            || rest.starts_with('>')
            || is_attribute_list(rest)
            || tags_only(rest).is_some()
            || self.table_row_start(i, deep)
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

    /// Front matter: `---` (YAML) or `+++` (TOML) on the first line, closed by the same
    /// line (`...` for YAML too) or, in kramdown-rfc drafts, by `--- abstract`; or an mmark
    /// draft's TOML header between `%%%` lines (read as a draft header, like kramdown-rfc's).
    fn front_matter(&self) -> Option<FrontMatter> {
        let open = self.line(0).trim_end();
        if open != "---" && open != "+++" && open != "%%%" {
            return None;
        }
        (1..self.lines.len()).find_map(|j| {
            let l = self.line(j).trim_end();
            if l == open || (open == "---" && l == "...") {
                Some(FrontMatter {
                    close: j,
                    sections: open == "%%%",
                })
            } else {
                (open == "---" && is_section_marker(l)).then_some(FrontMatter {
                    close: j,
                    sections: true,
                })
            }
        })
    }

    /// The fields of front matter lines `first..last` (exclusive), one block each: a line,
    /// with the more indented lines under it unless it opens a nested map or list (`key:`),
    /// so `redirect_from:` and each `- /path` are units, and a list entry holding a map
    /// (`-` over `  name: ...`, `  org: ...`) is one unit.
    fn front_fields(&self, first: usize, last: usize, out: &mut Vec<Block>) {
        let mut i = first;
        while i < last {
            if self.blank(i) {
                i += 1;
                continue;
            }
            let (cols, rest) = indent(self.line(i));
            let mut j = i;
            if !rest.trim_end().ends_with(':') {
                while j + 1 < last && !self.blank(j + 1) && indent(self.line(j + 1)).0 > cols {
                    j += 1;
                }
            }
            out.push(Block {
                first: i,
                last: j,
                kind: Kind::Unit,
            });
            i = j + 1;
        }
    }
}

/// The blocks of the text, in order; every non-blank line is in exactly one block.
fn blocks(text: &str, lines: &[Line]) -> Vec<Block> {
    let sc = Scan { text, lines };
    let n = lines.len();
    let mut out: Vec<Block> = Vec::new();
    let block = |first, last, kind| Block { first, last, kind };
    let unit = |first, last| block(first, last, Kind::Unit);
    let mut i = 0;
    let mut sections = false;
    if let Some(fm) = sc.front_matter() {
        out.push(block(0, 0, Kind::MarkupOpen));
        let fields = out.len();
        sc.front_fields(1, fm.close, &mut out);
        if fm.sections {
            // A kramdown-rfc draft: the header configures the build (docname, ipr, pi,
            // author records); of it a reader sees the title, so the other fields are kept
            // in the title's span but not compared.
            for b in &mut out[fields..] {
                if !is_title_field(sc.line(b.first)) {
                    b.kind = Kind::MarkupClose;
                }
            }
        }
        out.push(block(fm.close, fm.close, Kind::MarkupClose));
        sections = fm.sections;
        i = fm.close + 1;
    }
    if i == 0 {
        // A Pandoc title block (`% Title`, `% Author`, `% Date` on the first lines): one unit
        // per field, an indented line continuing the field above.
        while i < n && sc.line(i).starts_with('%') && sc.line(i) != "%%%" {
            let last = sc.run_end(i, |j| sc.line(j).starts_with([' ', '\t']));
            out.push(unit(i, last));
            i = last + 1;
        }
    }
    let mut in_table = false;
    // Inside a list: indented lines continue items, nested markers count at any indent.
    let mut in_list = false;
    // Inside an HTML block (until a blank line): lines of bare tags are markup.
    let mut in_html = false;
    while i < n {
        if sc.blank(i) {
            in_table = false;
            in_html = false;
            i += 1;
            continue;
        }
        let (cols, _) = indent(sc.line(i));
        let after_blank = i == 0 || sc.blank(i - 1);
        if cols <= 3 && after_blank {
            in_list &= sc.marker_rest(i, false).is_some_and(is_list_item);
        }
        let rest = sc.marker_rest(i, in_list);
        let b = if let Some((c, len)) = rest.and_then(fence) {
            let last = (i + 1..n)
                .find(|&j| {
                    sc.marker_rest(j, in_list)
                        .is_some_and(|r| closes_fence(r, c, len))
                })
                .unwrap_or(n - 1);
            unit(i, last)
        } else if cols >= 4 && after_blank && !in_list && !in_html {
            unit(i, sc.run_end(i, |j| indent(sc.line(j)).0 >= 4))
        } else if (in_html || rest.is_some_and(is_html_start))
            && let Some(closing) = tags_only(indent(sc.line(i)).1)
        {
            in_html = true;
            let kind = if closing {
                Kind::MarkupClose
            } else {
                Kind::MarkupOpen
            };
            block(i, i, kind)
        } else if in_html || rest.is_some_and(is_html_start) {
            // Text inside an HTML block: prose up to the next line of bare tags.
            in_html = true;
            let last = sc.run_end(i, |j| tags_only(sc.line(j)).is_none());
            block(i, last, Kind::Prose)
        } else if rest.is_some_and(is_attribute_list) {
            let kind = if after_blank {
                Kind::MarkupOpen
            } else {
                Kind::MarkupClose
            };
            block(i, i, kind)
        } else if sections && rest.is_some_and(is_section_marker) {
            block(i, i, Kind::MarkupOpen)
        } else if after_blank && rest.is_some_and(is_link_definition) {
            let last = sc.run_end(i, |j| {
                sc.marker_rest(j, false).is_some_and(is_link_definition)
            });
            block(i, last, Kind::MarkupClose)
        } else if in_table && sc.line(i).contains('|') || sc.table_row_start(i, in_list) {
            in_table = true;
            unit(i, i)
        } else if rest.is_some_and(is_atx_heading) {
            block(i, i, Kind::Heading)
        } else if rest.is_some_and(is_thematic_break) {
            unit(i, i)
        } else if rest.is_some_and(|r| r.starts_with('>')) {
            let last = sc.run_end(i, |j| {
                sc.marker_rest(j, in_list)
                    .is_some_and(|r| r.starts_with('>'))
            });
            block(i, last, Kind::Prose)
        } else if let Some(r) = rest.filter(|r| is_list_item(r)) {
            in_list = true;
            if item_content(r).is_some_and(is_atx_heading) {
                // `- #### Bullying and harassment`: a heading, whatever follows.
                block(i, i, Kind::Heading)
            } else {
                block(i, sc.run_end(i, |j| !sc.interrupts(j, true)), Kind::Item)
            }
        } else {
            let last = sc.run_end(i, |j| {
                !sc.interrupts(j, in_list)
                    && !sc.marker_rest(j, in_list).is_some_and(is_setext_underline)
            });
            let underline = last + 1 < n
                && !sc.blank(last + 1)
                && sc
                    .marker_rest(last + 1, in_list)
                    .is_some_and(is_setext_underline);
            if underline {
                unit(i, last + 1)
            } else {
                block(i, last, Kind::Prose)
            }
        };
        if b.kind != Kind::Unit || b.first != b.last {
            in_table = false;
        }
        i = b.last + 1;
        out.push(b);
    }
    out
}

/// The content of a list item line after its marker and the spaces after it.
fn item_content(rest: &str) -> Option<&str> {
    let marker = rest.find(char::is_whitespace)?;
    Some(rest[marker..].trim_start())
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

    /// The compared texts (what the aligner sees).
    fn compared(text: &str) -> Vec<String> {
        let opts = SegmentOptions {
            split: SplitMode::Markdown,
            ..SegmentOptions::default()
        };
        let doc = crate::document::Document::new(text.to_owned(), &opts);
        (0..doc.len())
            .map(|i| doc.sentence_text(i).to_owned())
            .collect()
    }

    #[test]
    fn inline_markup_is_transparent() {
        assert_eq!(
            texts("Read the [Terms. Section 3](t.md) now. Run `make. all` first. Then go."),
            [
                "Read the [Terms. Section 3](t.md) now.",
                "Run `make. all` first.",
                "Then go."
            ]
        );
        assert_eq!(
            texts("* **Third-party cookies.** Our partners set them."),
            ["* **Third-party cookies.**", "Our partners set them."]
        );
    }

    #[test]
    fn front_matter_one_unit_per_field_fences_not_compared() {
        let text =
            "---\ntitle: Terms\nredirect_from:\n- /terms\nversions:\n  fpt: '*'\n---\n\nText.";
        assert_eq!(
            compared(text),
            [
                "title: Terms",
                "redirect_from:",
                "- /terms",
                "versions:",
                "fpt: '*'",
                "Text."
            ]
        );
        // The fences are in the spans: the first and last fields hold them.
        assert_eq!(
            texts(text),
            [
                "---\ntitle: Terms",
                "redirect_from:",
                "- /terms",
                "versions:",
                "fpt: '*'\n---",
                "Text."
            ]
        );
        assert_eq!(
            compared("+++\nversion = \"2.1\"\naliases = [\"/v/2/1\"]\n+++\n\n# Code"),
            ["version = \"2.1\"", "aliases = [\"/v/2/1\"]", "# Code"]
        );
        // A list entry that holds a map is one field.
        assert_eq!(
            compared("---\nauthor:\n  -\n    name: A\n    org: B\n---\nX."),
            ["author:", "-\n    name: A\n    org: B", "X."]
        );
    }

    #[test]
    fn kramdown_rfc_header_only_title_compared() {
        let text = "---\ntitle: \"A Draft\"\nabbrev: AD\nipr: trust\n--- abstract\n\nThis defines X.\n\n--- middle\n\n# Introduction {#intro}\n{:numbered=\"false\"}\n\nText.";
        assert_eq!(
            compared(text),
            [
                "title: \"A Draft\"",
                "This defines X.",
                "# Introduction",
                "Text."
            ]
        );
        let opts = SegmentOptions {
            split: SplitMode::Markdown,
            ..SegmentOptions::default()
        };
        let got = super::super::segment(text, &opts);
        // The heading's text keeps its anchor; only the comparison drops it.
        let h = got[2];
        assert_eq!(&text[h.text_start..h.text_end], "# Introduction {#intro}");
        assert_eq!(
            &text[h.start..h.end],
            "--- middle\n\n# Introduction {#intro}\n{:numbered=\"false\"}"
        );
    }

    #[test]
    fn mmark_header_only_title_compared() {
        let text = "%%%\nTitle = \"A Draft\"\nabbrev = \"ad\"\n\n[seriesInfo]\nname = \"Internet-Draft\"\n\n[[author]]\ninitials = \"P.\"\n%%%\n\n.# Abstract\n\nThis defines X.\n\n{mainmatter}\n\n# Introduction\n\nText.";
        assert_eq!(
            compared(text),
            [
                "Title = \"A Draft\"",
                ".# Abstract",
                "This defines X.",
                "# Introduction",
                "Text."
            ]
        );
        // Outside a draft header, `{mainmatter}` is text like any other.
        assert_eq!(compared("{mainmatter}\n\nText."), ["{mainmatter}", "Text."]);
    }

    #[test]
    fn pandoc_title_block_one_unit_per_field() {
        assert_eq!(
            compared(
                "% Remote Work Policy\n% Ana Ruiz;\n  Li Wei\n% March 2024\n\nStaff may work from home."
            ),
            [
                "% Remote Work Policy",
                "% Ana Ruiz;\n  Li Wei",
                "% March 2024",
                "Staff may work from home."
            ]
        );
        // Only on the first lines: a `%` line later is text.
        assert_eq!(
            compared("Rates rose.\n% change was small"),
            ["Rates rose.", "% change was small"]
        );
    }

    #[test]
    fn footnote_definitions_are_read() {
        assert_eq!(
            compared(
                "Logs are kept.[^1] Then deleted.\n\n[^1]: Security logs are kept longer.\n\n[a]: https://example.org"
            ),
            [
                "Logs are kept.[^1]",
                "Then deleted.",
                "[^1]: Security logs are kept longer."
            ]
        );
    }

    #[test]
    fn bracketed_aside_is_no_link_text() {
        // `[ Ed note: ... ]` has no link target: its sentences are cut as usual.
        assert_eq!(
            compared(
                "[ Ed note: This is kept at\n<https://example.org/>.\nPull requests are welcome. ]"
            ),
            [
                "[ Ed note: This is kept at\n<https://example.org/>.",
                "Pull requests are welcome. ]"
            ]
        );
        assert_eq!(
            compared("See the [Terms. Section 3](terms.md) first. Then sign."),
            ["See the [Terms. Section 3](terms.md) first.", "Then sign."]
        );
    }

    #[test]
    fn html_blocks_tags_are_markup_text_is_prose() {
        let text = "Intro.\n\n<aside class=\"q\">\n  A quote. It ends.\n  <p class=\"credit\">\n— Someone\n  </p>\n</aside>\n\nAfter.";
        assert_eq!(
            compared(text),
            ["Intro.", "A quote.", "It ends.", "— Someone", "After."]
        );
        assert_eq!(
            compared("<p align=\"center\">\n  <img src=\"logo.png\">\n</p>\n\n# Project"),
            ["# Project"]
        );
        // Only markup: it is compared as it is.
        assert_eq!(compared("<br>"), ["<br>"]);
    }

    #[test]
    fn link_definitions_and_attribute_lists_are_markup() {
        assert_eq!(
            compared("See the [FAQ][faq]. It helps.\n\n[faq]: https://example.com/faq"),
            ["See the [FAQ][faq].", "It helps."]
        );
        assert_eq!(
            compared("Text.\n\n{: #designation}\n## Designation\n\nMore."),
            ["Text.", "## Designation", "More."]
        );
    }

    #[test]
    fn nested_list_paragraphs_and_heading_items() {
        assert_eq!(
            compared(
                "1. Account\n\n    You own it. Keep it safe.\n\n    We may lock it. We email first.\n\n2. Next"
            ),
            [
                "1. Account",
                "You own it.",
                "Keep it safe.",
                "We may lock it.",
                "We email first.",
                "2. Next"
            ]
        );
        assert_eq!(
            compared("- Top\n    - Nested. Two.\n- Back"),
            ["- Top", "- Nested.", "Two.", "- Back"]
        );
        assert_eq!(
            compared("- #### Bullying and harassment\nDo not bully. It is banned."),
            [
                "- #### Bullying and harassment",
                "Do not bully.",
                "It is banned."
            ]
        );
        // After the list, an indented block is code again.
        assert_eq!(
            compared("- item\n\nPara.\n\n    code. here"),
            ["- item", "Para.", "code. here"]
        );
    }

    /// Markdown-ish text from pieces that exercise the block rules.
    fn markdown_text() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "# ",
            "## ",
            "#",
            "- ",
            "* ",
            "+ ",
            "1. ",
            "2) ",
            "> ",
            "| ",
            " | ",
            "|---|",
            "---",
            "===",
            "***",
            "```",
            "~~~",
            "    ",
            "\t",
            "Word",
            "word.",
            "Mr.",
            "end.",
            " ",
            "\n",
            "\r\n",
            "\r",
            "\n\n",
            "\u{2028}",
            "\u{a0}",
            "é",
            "`",
            "|",
            ":",
            "-",
            "=",
            "+++",
            "--- abstract",
            "<div>",
            "</div>",
            "<!--",
            "{: #x}",
            " {#a}",
            "[r]: u",
            "[",
            "](u)",
            "**",
            "_",
            "🙏",
            "title: x",
            "  - ",
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
            prop_assert!(
                s.start <= s.text_start && s.text_start < s.text_end,
                "{s:?}"
            );
            prop_assert!(
                s.text_start < s.compared_end && s.compared_end <= s.text_end,
                "{s:?}"
            );
            prop_assert!(s.text_end <= s.end, "{s:?}");
            for i in [s.text_start, s.text_end, s.compared_end] {
                prop_assert!(text.is_char_boundary(i));
            }
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

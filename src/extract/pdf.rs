//! PDF files: the text layer of each page, with paragraphs rebuilt.
//!
//! The text is read by `pdf-extract` (on `lopdf`), which places the characters of each page
//! in content order, starts a line when the baseline moves down and leaves a blank line
//! where the gap between lines is over 1.5 times the font size (a paragraph break). On that
//! text, page by page:
//!
//! - running headers and footers are left out: the first or last line of a page, standing
//!   alone (a blank line after a header, before a footer: they are set apart from the text),
//!   when, with digits masked, the same line starts (or ends) at least half of the pages of a
//!   document of [`RUNNING_MIN_PAGES`] pages or more, and any such line that is only a page
//!   number (`7`, `Page 7`, `7 of 12`, `- 7 -`);
//! - the lines of a paragraph are joined with a space, and a word hyphenated at a line end
//!   (`regu-` / `lation`: a letter, `-`, then a lower-case letter) is joined without the
//!   hyphen;
//! - a paragraph cut by a page break (no full stop at the end of the page, a lower-case
//!   letter at the start of the next) is joined across it.
//!
//! Each paragraph is a block whose [`super::Block::source`] is `page[n]` (its first page,
//! 1-based). A PDF whose pages have no text (a scan without OCR) is refused with
//! [`ExtractError::NoTextLayer`]. Reading order is the order of the content stream: right
//! for single-column documents and most generated reports, not always for multi-column
//! layouts.

use super::{BlockKind, ExtractError, Extracted};

/// Fewest pages for a repeated first or last line to count as a running header or footer:
/// with two pages, a repeated line is as likely to be content (a form's field name) as a
/// header; three is the smallest document where "at least half" means more than one page
/// and still fewer than all.
pub const RUNNING_MIN_PAGES: usize = 3;

/// Least share of pages on which the same first (or last) line must appear to be a running
/// header (or footer). Half, not all: title pages and section openers often drop the
/// header, and odd and even pages often carry different ones (the document title, the
/// chapter title), each on half of the pages.
pub const RUNNING_SHARE: f64 = 0.5;

/// Extract the text of a PDF file from its bytes (see the module docs). The file is refused
/// with [`ExtractError::Inflates`] when its Flate-compressed streams inflate to more than
/// `max_inflated` bytes in all (a decompression bomb), before the PDF reader sees it.
pub fn extract(bytes: &[u8], max_inflated: u64) -> Result<Extracted, ExtractError> {
    check_inflated(bytes, max_inflated)?;
    let pages = read_pages(bytes)?;
    let out = from_pages(&pages);
    if out.blocks.is_empty() {
        return Err(ExtractError::NoTextLayer);
    }
    Ok(out)
}

/// Refuse a PDF whose zlib (FlateDecode) streams inflate past `max` bytes in all. Each
/// `stream` keyword's data is inflated into a sink, at most `max` + 1 bytes over the whole
/// file, so a bomb costs its compressed size to read and no more memory than a buffer. Only
/// streams whose data starts with a zlib header are counted (FlateDecode, the filter of
/// nearly every compressed PDF stream; images in DCT or JPX are not inflated by the reader
/// either); a stream whose data is damaged counts what inflated before the damage.
fn check_inflated(bytes: &[u8], max: u64) -> Result<(), ExtractError> {
    use std::io::Read;
    const KEYWORD: &[u8] = b"stream";
    let mut total: u64 = 0;
    let mut at = 0;
    let mut buf = [0u8; 16 * 1024];
    while let Some(k) = bytes
        .get(at..)
        .and_then(|rest| rest.windows(KEYWORD.len()).position(|w| w == KEYWORD))
    {
        let kw = at + k;
        at = kw + KEYWORD.len();
        // `endstream` closes a stream; the keyword that opens one ends its line.
        if kw >= 3 && bytes.get(kw - 3..kw) == Some(b"end".as_slice()) {
            continue;
        }
        let data = match bytes.get(at..) {
            Some([b'\r', b'\n', rest @ ..]) | Some([b'\n', rest @ ..]) => rest,
            _ => continue,
        };
        // A zlib header: compression method 8, and the check bits (RFC 1950).
        let zlib = matches!(data, [cmf, flg, ..]
            if cmf & 0x0f == 8 && (u16::from(*cmf) << 8 | u16::from(*flg)) % 31 == 0);
        if !zlib {
            continue;
        }
        let mut inflater = flate2::read::ZlibDecoder::new(data);
        loop {
            match inflater.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    total = total.saturating_add(n as u64);
                    if total > max {
                        return Err(ExtractError::Inflates(max));
                    }
                }
            }
        }
    }
    Ok(())
}

/// Serializes [`read_pages`], which swaps the process-wide panic hook.
static PANIC_HOOK: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The text of each page. pdf-extract can panic on a damaged file: the panic is caught and
/// becomes [`ExtractError::Pdf`], with the panic hook silenced meanwhile so that the user sees
/// one error line, not a panic message. Calls are serialized (the hook is global), so two PDFs
/// are read one after the other.
fn read_pages(bytes: &[u8]) -> Result<Vec<String>, ExtractError> {
    let _guard = PANIC_HOOK
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem_by_pages(bytes));
    std::panic::set_hook(hook);
    result
        .map_err(|_| ExtractError::Pdf("the PDF reader failed on this file".to_owned()))?
        .map_err(|e| ExtractError::Pdf(e.to_string()))
}

/// Rebuild blocks from the text of each page (see the module docs).
pub fn from_pages(pages: &[String]) -> Extracted {
    let lines: Vec<Vec<&str>> = pages
        .iter()
        .map(|p| p.lines().map(str::trim_end).collect())
        .collect();
    let headers = running(&lines, first_alone);
    let footers = running(&lines, last_alone);
    // Paragraphs as (first page, text).
    let mut paras: Vec<(usize, String)> = Vec::new();
    let mut open = false; // whether the last paragraph may continue on the next page
    for (n, page) in lines.iter().enumerate() {
        let body = strip_running(page, &headers, &footers);
        let mut current: Option<(usize, String)> = None;
        let mut first = true;
        for line in body.iter().chain(std::iter::once(&"")) {
            let line = line.trim();
            if line.is_empty() {
                if let Some(para) = current.take() {
                    paras.push(para);
                }
                continue;
            }
            match current.as_mut() {
                Some((_, text)) => join_line(text, line),
                None => {
                    let continued = (first && open && starts_lower(line))
                        .then(|| paras.pop())
                        .flatten();
                    current = Some(match continued {
                        Some((page, mut text)) => {
                            join_line(&mut text, line);
                            (page, text)
                        }
                        None => (n + 1, line.to_owned()),
                    });
                }
            }
            first = false;
        }
        open = paras.last().is_some_and(|(_, t)| !ends_sentence(t));
    }
    let mut out = Extracted::default();
    for (page, text) in &paras {
        out.push(text, BlockKind::Paragraph, format!("page[{page}]"));
    }
    out
}

/// The index of the first non-blank line of `page` when it stands alone (a blank line or
/// the end of the page after it): a running header is set apart from the text below it, so
/// pdf-extract leaves a blank line after it, while a first line of running text does not.
fn first_alone(page: &[&str]) -> Option<usize> {
    let i = page.iter().position(|s| !s.trim().is_empty())?;
    page.get(i + 1)
        .is_none_or(|s| s.trim().is_empty())
        .then_some(i)
}

/// The index of the last non-blank line of `page` when it stands alone (a blank line or the
/// start of the page before it), as a running footer does.
fn last_alone(page: &[&str]) -> Option<usize> {
    let i = page.iter().rposition(|s| !s.trim().is_empty())?;
    (i == 0 || page.get(i - 1).is_some_and(|s| s.trim().is_empty())).then_some(i)
}

/// The masked lines that are a running header (or footer, by `pick`, which gives the index
/// of a page's candidate line).
fn running(pages: &[Vec<&str>], pick: fn(&[&str]) -> Option<usize>) -> Vec<String> {
    if pages.len() < RUNNING_MIN_PAGES {
        return Vec::new();
    }
    let mut counts: Vec<(String, usize)> = Vec::new();
    for p in pages {
        let Some(line) = pick(p).and_then(|i| p.get(i)) else {
            continue;
        };
        let key = mask(line);
        match counts.iter_mut().find(|(k, _)| *k == key) {
            Some((_, c)) => *c += 1,
            None => counts.push((key, 1)),
        }
    }
    let least = (pages.len() as f64 * RUNNING_SHARE).ceil() as usize;
    counts
        .into_iter()
        .filter(|(_, c)| *c >= least.max(2))
        .map(|(k, _)| k)
        .collect()
}

/// `page` without its running header and footer and page-number lines at either end (each
/// only where it stands alone).
fn strip_running<'a>(page: &[&'a str], headers: &[String], footers: &[String]) -> Vec<&'a str> {
    let mut lines: Vec<&str> = page.to_vec();
    if let Some(i) = first_alone(&lines)
        && lines
            .get(i)
            .is_some_and(|l| headers.contains(&mask(l)) || is_page_number(l))
    {
        lines.remove(i);
    }
    if let Some(i) = last_alone(&lines)
        && lines
            .get(i)
            .is_some_and(|l| footers.contains(&mask(l)) || is_page_number(l))
    {
        lines.remove(i);
    }
    lines
}

/// A line with digits replaced by `#` and white space collapsed, to compare running lines
/// whose page number changes.
fn mask(line: &str) -> String {
    super::collapse_space(line)
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// Whether `line` is only a page number: `7`, `Page 7`, `p. 7`, `7 of 12`, `7/12`, `- 7 -`.
fn is_page_number(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    let rest = lower
        .strip_prefix("page")
        .or_else(|| lower.strip_prefix("p."))
        .unwrap_or(&lower);
    let words: Vec<&str> = rest
        .split(|c: char| c.is_whitespace() || c == '/' || c == '-' || c == '–')
        .filter(|w| !w.is_empty())
        .collect();
    let number = |w: &str| !w.is_empty() && w.len() <= 5 && w.chars().all(|c| c.is_ascii_digit());
    match words.as_slice() {
        [n] => number(n),
        [n, m] => number(n) && number(m),
        [n, "of", m] => number(n) && number(m),
        _ => false,
    }
}

/// Append `line` to paragraph `text`: without the hyphen after a word cut at the line end,
/// else after a space.
fn join_line(text: &mut String, line: &str) {
    let mut tail = text.chars().rev();
    let hyphenated = tail.next() == Some('-')
        && tail.next().is_some_and(char::is_alphabetic)
        && starts_lower(line);
    if hyphenated {
        text.pop();
    } else {
        text.push(' ');
    }
    text.push_str(line);
}

fn starts_lower(line: &str) -> bool {
    line.chars().next().is_some_and(char::is_lowercase)
}

/// Whether a paragraph ends like a finished sentence (or a heading-like line without
/// letters at the end).
fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| matches!(c, '.' | '!' | '?' | ':' | '"' | '”' | ')' | '’'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(e: &Extracted) -> Vec<&str> {
        e.blocks.iter().map(|b| &e.text[b.start..b.end]).collect()
    }

    #[test]
    fn hyphens_headers_page_numbers_and_page_breaks() {
        let pages = [
            "Annual Report 2025\n\nThe agency spent 4 million on regu-\nlation and hired\n12 staff.\n\nIt plans to grow\n\n1".to_owned(),
            "Annual Report 2025\n\nnext year. Costs rose.\n\nPage 2 of 3".to_owned(),
            "Annual Report 2025\n\nA well-\nKnown risk remains.\n\n3".to_owned(),
        ];
        let e = from_pages(&pages);
        assert_eq!(
            texts(&e),
            [
                "The agency spent 4 million on regulation and hired 12 staff.",
                "It plans to grow next year. Costs rose.",
                "A well- Known risk remains."
            ]
        );
        let sources: Vec<&str> = e.blocks.iter().map(|b| b.source.as_str()).collect();
        assert_eq!(sources, ["page[1]", "page[1]", "page[3]"]);
    }

    #[test]
    fn repeated_first_lines_of_running_text_are_kept() {
        // The same text opens every page but runs on into the next line: not a header.
        let page = |end: &str| format!("Section text starts here\nand goes on.\n\n{end}");
        let pages = [page("Alpha."), page("Beta."), page("Gamma.")];
        assert_eq!(
            texts(&from_pages(&pages)),
            [
                "Section text starts here and goes on.",
                "Alpha.",
                "Section text starts here and goes on.",
                "Beta.",
                "Section text starts here and goes on.",
                "Gamma."
            ]
        );
    }

    #[test]
    fn short_documents_keep_repeated_lines() {
        let pages = ["Notice\n\nOne.".to_owned(), "Notice\n\nTwo.".to_owned()];
        assert_eq!(
            texts(&from_pages(&pages)),
            ["Notice", "One.", "Notice", "Two."]
        );
    }

    #[test]
    fn page_numbers() {
        for yes in ["7", "Page 7", "p. 7", "7 of 12", "7/12", "- 7 -"] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in ["2025 budget", "Page seven", "7 days", ""] {
            assert!(!is_page_number(no), "{no}");
        }
    }

    #[test]
    fn no_text_and_not_a_pdf() {
        assert!(from_pages(&["\n\n".to_owned()]).blocks.is_empty());
        assert!(matches!(
            extract(b"%PDF-1.4 junk", u64::MAX),
            Err(ExtractError::Pdf(_))
        ));
    }
}

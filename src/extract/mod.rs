//! Documents that are not plain text: HTML pages, Word (.docx) and PDF files become a text
//! of blocks (headings, paragraphs, list items, table rows), each block its own paragraph.
//!
//! The extracted text is what gets segmented and compared: blocks are joined by a blank
//! line (`\n\n`), so the prose segmenter starts a new paragraph at each block and a heading
//! without a full stop never runs into the paragraph after it. Sentence spans are byte
//! offsets into that text (lossless with respect to it, not to the original markup), and
//! each [`Block`] records its span and where it came from (an element path, a paragraph
//! number, a page).
//!
//! [`detect`] tells the format from the bytes first (`%PDF-`, the zip signature, an HTML
//! prologue) and the file name second.

pub mod docx;
pub mod html;
pub mod pdf;

use std::path::Path;

use serde::{Deserialize, Serialize};

/// The format of an input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum InputFormat {
    /// Plain text, cut by the prose rules (or `--split`).
    Text,
    /// Markdown, cut into blocks by [`crate::SplitMode::Markdown`].
    Markdown,
    /// An HTML page: its main text (or the whole body), see [`html`].
    Html,
    /// A Word document (Office Open XML), see [`docx`].
    Docx,
    /// A PDF file: the text layer of its pages, see [`pdf`].
    Pdf,
}

impl InputFormat {
    /// The lower-case name used on the command line and in messages.
    pub fn name(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Markdown => "markdown",
            Self::Html => "html",
            Self::Docx => "docx",
            Self::Pdf => "pdf",
        }
    }
}

/// How far into the input [`detect`] looks for an HTML prologue (`<!doctype html`,
/// `<html`, `<head`, `<body`). Pages put these in the first few hundred bytes (after a
/// byte-order mark, comments or an XML declaration); 1 KiB leaves room for long comments
/// without reading a text file's body, where a quoted tag is more likely than in its head.
pub const HTML_SNIFF_BYTES: usize = 1024;

/// The format of `bytes`, read from `path` (if any): content first, then extension.
///
/// - `%PDF-` at the start: PDF; the zip signature `PK\x03\x04`: .docx (the reader then
///   checks for `word/document.xml`);
/// - extension `.html`, `.htm`, `.xhtml`: HTML; `.docx`: .docx; `.pdf`: PDF; `.md`,
///   `.markdown`: Markdown;
/// - an HTML prologue within [`HTML_SNIFF_BYTES`]: HTML (e.g. a page saved without
///   extension or read from standard input);
/// - otherwise plain text.
pub fn detect(path: Option<&Path>, bytes: &[u8]) -> InputFormat {
    if bytes.starts_with(b"%PDF-") {
        return InputFormat::Pdf;
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return InputFormat::Docx;
    }
    let ext = path
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" | "xhtml" => return InputFormat::Html,
        "docx" => return InputFormat::Docx,
        "pdf" => return InputFormat::Pdf,
        "md" | "markdown" => return InputFormat::Markdown,
        _ => {}
    }
    if looks_like_html(bytes) {
        InputFormat::Html
    } else {
        InputFormat::Text
    }
}

/// Whether the head of `bytes` holds an HTML prologue (case-insensitive).
fn looks_like_html(bytes: &[u8]) -> bool {
    let head = bytes.get(..HTML_SNIFF_BYTES).unwrap_or(bytes);
    let lower = head.to_ascii_lowercase();
    let trimmed = lower
        .strip_prefix(b"\xef\xbb\xbf")
        .unwrap_or(&lower)
        .trim_ascii_start();
    if trimmed.starts_with(b"<!doctype html") || trimmed.starts_with(b"<html") {
        return true;
    }
    // After an XML declaration or comments: a root element near the start.
    trimmed.starts_with(b"<")
        && [b"<html".as_slice(), b"<head", b"<body"]
            .iter()
            .any(|tag| lower.windows(tag.len()).any(|w| w == *tag))
}

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum BlockKind {
    /// A heading (`h1`..`h6`, a page title, a Word `Heading`/`Title` style).
    Heading,
    /// A paragraph or other run of text.
    Paragraph,
    /// A list item (`li`, a numbered or bulleted Word paragraph).
    ListItem,
    /// A table row: its cells joined by ` | `.
    TableRow,
    /// Preformatted text (`pre`).
    Preformatted,
}

/// One block of extracted text and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// Byte offset of its first byte in the extracted text.
    pub start: usize,
    /// Byte offset one past its last byte.
    pub end: usize,
    /// What it is.
    pub kind: BlockKind,
    /// Where it came from: an element path for HTML (`body/main/article/p[3]`), a
    /// paragraph or table position for .docx (`p[12]`, `tbl[1]/tr[2]`), the first page of
    /// a PDF paragraph (`page[3]`).
    pub source: String,
}

/// An extracted document: the text to compare and its blocks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    /// The blocks' texts joined by `\n\n`.
    pub text: String,
    /// The blocks in text order.
    pub blocks: Vec<Block>,
}

impl Extracted {
    /// Append a block; `text` is collapsed (runs of white space become one space, ends
    /// trimmed) and an empty block is dropped.
    pub fn push(&mut self, text: &str, kind: BlockKind, source: String) {
        let collapsed = collapse_space(text);
        if collapsed.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        let start = self.text.len();
        self.text.push_str(&collapsed);
        self.blocks.push(Block {
            start,
            end: self.text.len(),
            kind,
            source,
        });
    }
}

/// `s` with each run of white space replaced by one space and both ends trimmed.
pub fn collapse_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// What can go wrong extracting text from a document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ExtractError {
    /// The file is not a readable .docx.
    #[error("not a readable .docx file ({0})")]
    Docx(String),
    /// The file is not a readable PDF.
    #[error("not a readable PDF file ({0})")]
    Pdf(String),
    /// A PDF whose compressed streams inflate past the limit (`--max-bytes`): a
    /// decompression bomb, or a document too large to compare.
    #[error("its compressed streams inflate to more than {0} bytes (see --max-bytes)")]
    Inflates(u64),
    /// A PDF without text (a scan): there is nothing to compare until it is OCR'd.
    #[error("PDF has no text layer (a scanned document?); run OCR first, e.g. ocrmypdf")]
    NoTextLayer,
    /// Nothing to compare came out of the document.
    #[error("no text found in the {0} document")]
    Empty(&'static str),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection_by_content_then_name() {
        let p = |s: &str| Some(Path::new(s).to_path_buf());
        assert_eq!(detect(p("a.txt").as_deref(), b"%PDF-1.7"), InputFormat::Pdf);
        assert_eq!(detect(None, b"PK\x03\x04rest"), InputFormat::Docx);
        assert_eq!(detect(p("a.HTM").as_deref(), b"Hi."), InputFormat::Html);
        assert_eq!(detect(p("a.md").as_deref(), b"# Hi"), InputFormat::Markdown);
        assert_eq!(detect(p("a.docx").as_deref(), b"x"), InputFormat::Docx);
        assert_eq!(
            detect(None, b"\xef\xbb\xbf  <!DOCTYPE html><p>Hi"),
            InputFormat::Html
        );
        assert_eq!(
            detect(None, b"<?xml version=\"1.0\"?>\n<html xmlns=\"x\">"),
            InputFormat::Html
        );
        assert_eq!(detect(None, b"Use <html> tags."), InputFormat::Text);
        assert_eq!(detect(p("notes").as_deref(), b"Plain."), InputFormat::Text);
    }

    #[test]
    fn push_collapses_and_separates_blocks() {
        let mut e = Extracted::default();
        e.push("  Title \n", BlockKind::Heading, "h1".into());
        e.push(" \t ", BlockKind::Paragraph, "p".into());
        e.push("One.\n  Two.", BlockKind::Paragraph, "p[2]".into());
        assert_eq!(e.text, "Title\n\nOne. Two.");
        assert_eq!(e.blocks.len(), 2);
        let b = &e.blocks[1];
        assert_eq!(&e.text[b.start..b.end], "One. Two.");
    }
}

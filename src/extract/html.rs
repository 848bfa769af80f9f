//! HTML pages: the main text (by default) or the whole body, as blocks.
//!
//! The page is parsed by html5ever (through `dom_query`), the HTML5 parsing algorithm
//! browsers use, so broken markup, entities and implied tags come out as a browser shows
//! them. The main content is chosen by `dom_smoothie`, a port of Mozilla's Readability
//! (Firefox's reader view): it scores containers by text density, commas and class names
//! and drops navigation, footers, sidebars, forms, scripts and styles. With
//! [`HtmlOptions::all`] (`--html-all`) the whole `<body>` is read instead, without
//! `script`, `style`, `noscript`, `template` and `svg`.
//!
//! Blocks: `h1`..`h6` (headings), `p`, `div` and other block containers (paragraphs: text
//! directly inside a container is its own block), `li` (list items), `tr` (one block per
//! row, cells joined by ` | `), `pre`. White space is collapsed inside each block, `<br>`
//! is a space. The page title found by Readability (from `<title>`, `og:title` or the
//! first heading, without the site name) comes first as a heading unless the article
//! already starts with it.
//!
//! [`super::Block::source`] is an element path from `body` (`body/main/article/p[3]`,
//! `[n]` the 1-based position among siblings of the same name, left out when 1). With
//! main-content extraction it is the path inside the extracted article, which Readability
//! rebuilds (its root is a `div`), not inside the original page. When Readability finds no
//! article (a short page, a list of links) the whole body is read without `nav`, `header`,
//! `footer`, `aside` and `form`.

use dom_query::{Document, NodeRef};
use dom_smoothie::Readability;

use super::{BlockKind, ExtractError, Extracted};

/// How far into a page [`declared_charset`] looks for `charset=`: the HTML standard has the
/// encoding declaration within the first 1024 bytes, and browsers look no further.
pub const CHARSET_SNIFF_BYTES: usize = 1024;

/// The encoding a page declares (`<meta charset="windows-1252">` or an `http-equiv`
/// `content-type` with `charset=`) within [`CHARSET_SNIFF_BYTES`], when it is one other than
/// UTF-8 that `encoding_rs` knows (the WHATWG labels). A page without a declaration, or that
/// declares UTF-8, is read as UTF-8 like any text.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = bytes
        .get(..CHARSET_SNIFF_BYTES)
        .unwrap_or(bytes)
        .to_ascii_lowercase();
    let at = head.windows(8).position(|w| w == b"charset=")?;
    let rest = head.get(at + 8..)?;
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':')))
        .unwrap_or(rest.len());
    let encoding = encoding_rs::Encoding::for_label(rest.get(..end)?)?;
    (encoding != encoding_rs::UTF_8).then_some(encoding)
}

/// Options of HTML extraction.
#[derive(Debug, Clone, Copy, Default)]
#[non_exhaustive]
pub struct HtmlOptions {
    /// Read the whole body instead of the main content (`--html-all`).
    pub all: bool,
}

/// Elements never read: code, styles, templates, pictures.
const NEVER: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "head", "iframe", "object", "canvas",
    "select", "button",
];

/// Page furniture skipped in the whole-body fallback when Readability finds no article.
const FURNITURE: &[&str] = &["nav", "header", "footer", "aside", "form"];

/// Elements that start and end a block.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "td",
    "th",
    "ul",
];

/// Extract the text of an HTML page (see the module docs).
pub fn extract(html: &str, opts: &HtmlOptions) -> Result<Extracted, ExtractError> {
    let out = if opts.all {
        body_blocks(&Document::from(html), &[])
    } else {
        main_blocks(html).unwrap_or_else(|| body_blocks(&Document::from(html), FURNITURE))
    };
    if out.blocks.is_empty() {
        return Err(ExtractError::Empty("HTML"));
    }
    Ok(out)
}

/// The article found by Readability with its title, or `None` when it finds none.
fn main_blocks(html: &str) -> Option<Extracted> {
    let mut reader = Readability::new(html, None, None).ok()?;
    let article = reader.parse().ok()?;
    // After `parse`, the reader's document is the article, rooted at the element Readability
    // names `readability-page-1` (the `div` its `content` HTML starts with): walked in place,
    // not serialized and parsed again.
    let root = reader.doc.select("#readability-page-1");
    let node = root.nodes().first()?;
    let mut blocks = Extracted::default();
    let mut walker = Walker {
        out: &mut blocks,
        skip: &[],
    };
    walker.block(node, "body/div".to_owned());
    if blocks.blocks.is_empty() {
        return None;
    }
    let title = super::collapse_space(&article.title);
    let starts_with_title = blocks
        .blocks
        .first()
        .is_some_and(|b| blocks.text.get(b.start..b.end) == Some(title.as_str()));
    if title.is_empty() || starts_with_title {
        return Some(blocks);
    }
    let mut out = Extracted::default();
    out.push(&title, BlockKind::Heading, "title".to_owned());
    for b in &blocks.blocks {
        out.push(
            blocks.text.get(b.start..b.end).unwrap_or(""),
            b.kind,
            b.source.clone(),
        );
    }
    Some(out)
}

/// The blocks of the whole body, without elements named in `skip`.
fn body_blocks(doc: &Document, skip: &[&str]) -> Extracted {
    let mut out = Extracted::default();
    if let Some(body) = doc.body() {
        let mut walker = Walker {
            out: &mut out,
            skip,
        };
        walker.block(&body, "body".to_owned());
    }
    out
}

/// A depth-first walk that collects inline text into the innermost block.
struct Walker<'a, 'o> {
    out: &'o mut Extracted,
    skip: &'a [&'a str],
}

impl Walker<'_, '_> {
    /// Read block element `node` at `path`: its inline text runs become blocks, its block
    /// children are read in turn.
    fn block(&mut self, node: &NodeRef<'_>, path: String) {
        let name = node.node_name().map(|n| n.to_string()).unwrap_or_default();
        if name == "tr" {
            let cells: Vec<String> = node
                .element_children()
                .iter()
                .filter(|c| matches!(c.node_name().as_deref(), Some("td" | "th")))
                .map(|c| super::collapse_space(&self.inline_text(c)))
                .filter(|c| !c.is_empty())
                .collect();
            self.out.push(&cells.join(" | "), BlockKind::TableRow, path);
            return;
        }
        let kind = match name.as_str() {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading,
            "li" => BlockKind::ListItem,
            "pre" => BlockKind::Preformatted,
            _ => BlockKind::Paragraph,
        };
        let mut run = String::new();
        let mut seen: Vec<(String, usize)> = Vec::new();
        for child in node.children() {
            if child.is_text() {
                run.push_str(&child.text());
                continue;
            }
            let Some(child_name) = child.node_name().map(|n| n.to_string()) else {
                continue;
            };
            if self.skipped(&child_name) {
                continue;
            }
            let nth = match seen.iter_mut().find(|(n, _)| *n == child_name) {
                Some((_, k)) => {
                    *k += 1;
                    *k
                }
                None => {
                    seen.push((child_name.clone(), 1));
                    1
                }
            };
            if BLOCK.contains(&child_name.as_str()) {
                self.out.push(&run, kind, path.clone());
                run.clear();
                let child_path = if nth == 1 {
                    format!("{path}/{child_name}")
                } else {
                    format!("{path}/{child_name}[{nth}]")
                };
                self.block(&child, child_path);
            } else {
                run.push_str(&self.inline_text(&child));
            }
        }
        self.out.push(&run, kind, path);
    }

    /// The text of an inline subtree (nested block elements, rare inside inline ones, are
    /// read as inline text). `<br>` is a space.
    fn inline_text(&self, node: &NodeRef<'_>) -> String {
        let mut s = String::new();
        self.collect(node, &mut s);
        s
    }

    fn collect(&self, node: &NodeRef<'_>, s: &mut String) {
        if node.is_text() {
            s.push_str(&node.text());
            return;
        }
        let Some(name) = node.node_name() else {
            return;
        };
        if self.skipped(&name) {
            return;
        }
        if &*name == "br" || BLOCK.contains(&&*name) {
            s.push(' ');
        }
        for child in node.children() {
            self.collect(&child, s);
        }
        if BLOCK.contains(&&*name) {
            s.push(' ');
        }
    }

    fn skipped(&self, name: &str) -> bool {
        NEVER.contains(&name) || self.skip.contains(&name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(e: &Extracted) -> Vec<&str> {
        e.blocks.iter().map(|b| &e.text[b.start..b.end]).collect()
    }

    #[test]
    fn whole_body_blocks_and_paths() {
        let html = "<html><head><title>T</title><style>p{}</style></head><body>\
            <nav><a href=/>Home</a></nav><main><h1>Head line</h1>\
            <p>One <b>bold</b>\n word.</p><p>Two.<br>Three.</p>\
            <ul><li>Item &amp; more</li><li>Second</li></ul>\
            <table><tr><th>A</th><td>1</td></tr></table>\
            <script>var x = 1;</script></main></body></html>";
        let all = extract(html, &HtmlOptions { all: true }).unwrap();
        assert_eq!(
            texts(&all),
            [
                "Home",
                "Head line",
                "One bold word.",
                "Two. Three.",
                "Item & more",
                "Second",
                "A | 1"
            ]
        );
        let sources: Vec<&str> = all.blocks.iter().map(|b| b.source.as_str()).collect();
        assert_eq!(sources[2], "body/main/p");
        assert_eq!(sources[3], "body/main/p[2]");
        assert_eq!(sources[5], "body/main/ul/li[2]");
        assert_eq!(all.blocks[1].kind, BlockKind::Heading);
        assert_eq!(all.blocks[4].kind, BlockKind::ListItem);
        assert_eq!(all.blocks[6].kind, BlockKind::TableRow);
        assert!(!all.text.contains("var x"));
    }

    #[test]
    fn bare_text_in_containers_is_its_own_block() {
        let html = "<body><div>Lead text.<p>Para.</p>Tail text.</div></body>";
        let e = extract(html, &HtmlOptions { all: true }).unwrap();
        assert_eq!(texts(&e), ["Lead text.", "Para.", "Tail text."]);
    }

    #[test]
    fn declared_charsets() {
        let latin = b"<html><head><meta charset=\"windows-1252\"><title>Caf\xe9</title>";
        assert_eq!(declared_charset(latin), Some(encoding_rs::WINDOWS_1252));
        let equiv = b"<meta http-equiv=Content-Type content='text/html; charset=ISO-8859-1'>";
        assert_eq!(declared_charset(equiv), Some(encoding_rs::WINDOWS_1252));
        assert_eq!(declared_charset(b"<meta charset=utf-8>"), None);
        assert_eq!(declared_charset(b"<meta charset=bogus>"), None);
        assert_eq!(declared_charset(b"<p>No declaration.</p>"), None);
    }

    #[test]
    fn empty_page_is_an_error() {
        let e = extract(
            "<html><body><script>x</script></body></html>",
            &HtmlOptions::default(),
        );
        assert_eq!(e, Err(ExtractError::Empty("HTML")));
    }
}

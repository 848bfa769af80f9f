//! Word documents (.docx, Office Open XML): the body of `word/document.xml` as blocks.
//!
//! Read with `zip` (the container) and `quick-xml` (a streaming parser: no tree is built).
//!
//! | in the document | becomes |
//! | --- | --- |
//! | paragraph (`w:p`) with a `Heading…` or `Title` style, or an outline level | a heading block |
//! | paragraph with numbering (`w:numPr`: bullets, numbers) | a list-item block |
//! | other paragraph | a paragraph block |
//! | table row (`w:tr`) | one block, its cells' text joined by ` | ` |
//!
//! Tracked changes are read as if accepted: inserted text (`w:ins`) is kept, deleted text
//! (`w:del`, `w:delText`) is left out, so the text is the document as it now reads.
//! Comments (kept in `word/comments.xml`), footnotes, headers and footers, field codes
//! (`w:instrText`), text boxes and the fallback copies of drawings (`mc:Fallback`) are
//! left out. A tab (`w:tab`) and a line break (`w:br`) are a space.
//!
//! [`super::Block::source`] is `p[n]` (the n-th body paragraph outside tables, 1-based)
//! or `tbl[t]/tr[r]` (row r of the t-th top-level table).

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{BlockKind, ExtractError, Extracted};

/// Largest `word/document.xml` read by default, in bytes (after decompression): 256 MiB,
/// the default input limit of the command line. The command line passes its `--max-bytes`
/// instead, so a zip bomb (a small file that inflates to gigabytes) takes no more memory
/// than any other input; real documents of thousands of pages stay well below it.
pub const MAX_XML_BYTES: u64 = 256 * 1024 * 1024;

/// Extract the text of a .docx file from its bytes (see the module docs), reading at most
/// `max_xml` bytes of inflated `word/document.xml` (e.g. [`MAX_XML_BYTES`]).
pub fn extract(bytes: &[u8], max_xml: u64) -> Result<Extracted, ExtractError> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| ExtractError::Docx(e.to_string()))?;
    let entry = zip
        .by_name("word/document.xml")
        .map_err(|_| ExtractError::Docx("no word/document.xml in the zip".to_owned()))?;
    let mut xml = String::new();
    entry
        .take(max_xml.saturating_add(1))
        .read_to_string(&mut xml)
        .map_err(|e| ExtractError::Docx(format!("word/document.xml: {e}")))?;
    if xml.len() as u64 > max_xml {
        return Err(ExtractError::Docx(format!(
            "word/document.xml inflates to more than {max_xml} bytes (see --max-bytes)"
        )));
    }
    let out = from_xml(&xml)?;
    if out.blocks.is_empty() {
        return Err(ExtractError::Empty(".docx"));
    }
    Ok(out)
}

/// Paragraph being read.
#[derive(Default)]
struct Para {
    text: String,
    kind: Option<BlockKind>,
}

/// Extract the blocks of a `word/document.xml` text.
pub fn from_xml(xml: &str) -> Result<Extracted, ExtractError> {
    let mut reader = Reader::from_str(xml);
    let mut out = Extracted::default();
    let mut para: Option<Para> = None;
    // Open table rows (innermost last), each a list of cell texts.
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut table_depth = 0usize;
    let (mut tables, mut row_in_table, mut paras) = (0usize, 0usize, 0usize);
    // Depth inside elements whose text is left out (deletions, field codes, fallbacks).
    let mut skip = 0usize;
    let mut in_text = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| ExtractError::Docx(format!("word/document.xml: {e}")))?;
        match event {
            Event::Start(e) => {
                let name = local(&e);
                if skip > 0 || is_skipped(&name) {
                    skip += 1;
                    continue;
                }
                match name.as_str() {
                    "p" => para = Some(Para::default()),
                    "t" => in_text = true,
                    "tbl" => {
                        table_depth += 1;
                        if table_depth == 1 {
                            tables += 1;
                            row_in_table = 0;
                        }
                    }
                    "tr" => {
                        rows.push(Vec::new());
                        if table_depth == 1 {
                            row_in_table += 1;
                        }
                    }
                    "tc" => {
                        if let Some(row) = rows.last_mut() {
                            row.push(String::new());
                        }
                    }
                    _ => style(&e, &name, para.as_mut()),
                }
            }
            Event::Empty(e) => {
                let name = local(&e);
                if skip > 0 {
                    continue;
                }
                match name.as_str() {
                    "tab" | "br" | "cr" => {
                        if let Some(p) = para.as_mut() {
                            p.text.push(' ');
                        }
                    }
                    _ => style(&e, &name, para.as_mut()),
                }
            }
            Event::End(e) => {
                let name = e.local_name().as_ref().to_owned();
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                match name.as_str() {
                    "t" => in_text = false,
                    "p" => {
                        let Some(p) = para.take() else { continue };
                        if let Some(cell) = rows.last_mut().and_then(|r| r.last_mut()) {
                            if !cell.is_empty() {
                                cell.push(' ');
                            }
                            cell.push_str(&p.text);
                        } else {
                            paras += 1;
                            let kind = p.kind.unwrap_or(BlockKind::Paragraph);
                            out.push(&p.text, kind, format!("p[{paras}]"));
                        }
                    }
                    "tr" => {
                        if let Some(row) = rows.pop() {
                            let cells: Vec<String> = row
                                .iter()
                                .map(|c| super::collapse_space(c))
                                .filter(|c| !c.is_empty())
                                .collect();
                            let source = format!("tbl[{tables}]/tr[{row_in_table}]");
                            out.push(&cells.join(" | "), BlockKind::TableRow, source);
                        }
                    }
                    "tbl" => table_depth = table_depth.saturating_sub(1),
                    _ => {}
                }
            }
            Event::Text(t) if in_text && skip == 0 => {
                if let Some(p) = para.as_mut() {
                    p.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_text && skip == 0 => {
                if let Some(p) = para.as_mut() {
                    if let Ok(Some(c)) = r.resolve_char_ref() {
                        p.text.push(c);
                    } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(&r) {
                        p.text.push_str(s);
                    }
                }
            }
            Event::CData(t) if in_text && skip == 0 => {
                if let Some(p) = para.as_mut() {
                    p.text.push_str(&t);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// The local name of an element (`w:p` -> `p`).
fn local(e: &BytesStart<'_>) -> String {
    e.local_name().as_ref().to_owned()
}

/// Elements whose content is left out (see the module docs).
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "del" | "delText" | "instrText" | "Fallback" | "txbxContent" | "commentReference"
    )
}

/// Record a paragraph property: a heading style or outline level, or numbering.
fn style(e: &BytesStart<'_>, name: &str, para: Option<&mut Para>) {
    let Some(p) = para else { return };
    let val = || {
        e.attributes()
            .flatten()
            .find(|a| a.key.local_name().as_ref() == "val")
            .map(|a| a.value.into_owned())
    };
    match name {
        "pStyle" => {
            let v = val().unwrap_or_default().to_ascii_lowercase();
            if v.starts_with("heading") || v == "title" || v == "subtitle" {
                p.kind = Some(BlockKind::Heading);
            } else if v.starts_with("list") && p.kind.is_none() {
                p.kind = Some(BlockKind::ListItem);
            }
        }
        "outlineLvl" => p.kind = Some(BlockKind::Heading),
        "numPr" if p.kind.is_none() => p.kind = Some(BlockKind::ListItem),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

    fn doc(body: &str) -> String {
        format!("<?xml version=\"1.0\"?><w:document {W}><w:body>{body}</w:body></w:document>")
    }

    fn texts(e: &Extracted) -> Vec<&str> {
        e.blocks.iter().map(|b| &e.text[b.start..b.end]).collect()
    }

    #[test]
    fn paragraphs_headings_lists_tables() {
        let xml = doc(concat!(
            "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>Scope</w:t></w:r></w:p>",
            "<w:p><w:r><w:t xml:space=\"preserve\">Staff </w:t></w:r><w:r><w:t>must &amp; will.</w:t></w:r></w:p>",
            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/></w:numPr></w:pPr><w:r><w:t>First</w:t><w:tab/><w:t>item</w:t></w:r></w:p>",
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Fee</w:t></w:r></w:p></w:tc>",
            "<w:tc><w:p><w:r><w:t>10 USD</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
            "<w:p/>"
        ));
        let e = from_xml(&xml).unwrap();
        assert_eq!(
            texts(&e),
            ["Scope", "Staff must & will.", "First item", "Fee | 10 USD"]
        );
        let kinds: Vec<BlockKind> = e.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Heading,
                BlockKind::Paragraph,
                BlockKind::ListItem,
                BlockKind::TableRow
            ]
        );
        assert_eq!(e.blocks[1].source, "p[2]");
        assert_eq!(e.blocks[3].source, "tbl[1]/tr[1]");
    }

    #[test]
    fn tracked_changes_are_accepted_and_comments_dropped() {
        let xml = doc(concat!(
            "<w:p><w:r><w:t xml:space=\"preserve\">Fees rise by </w:t></w:r>",
            "<w:del w:id=\"1\"><w:r><w:delText>5</w:delText></w:r></w:del>",
            "<w:ins w:id=\"2\"><w:r><w:t>7</w:t></w:r></w:ins>",
            "<w:commentRangeStart w:id=\"3\"/><w:r><w:t xml:space=\"preserve\"> percent.</w:t></w:r>",
            "<w:commentRangeEnd w:id=\"3\"/><w:r><w:commentReference w:id=\"3\"/></w:r>",
            "<w:r><w:fldChar w:fldCharType=\"begin\"/><w:instrText>PAGE</w:instrText></w:r></w:p>"
        ));
        let e = from_xml(&xml).unwrap();
        assert_eq!(texts(&e), ["Fees rise by 7 percent."]);
    }

    #[test]
    fn not_a_zip_or_no_document() {
        assert!(matches!(
            extract(b"PK\x03\x04junk", MAX_XML_BYTES),
            Err(ExtractError::Docx(_))
        ));
        let mut buf = Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            z.start_file("other.xml", zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut z, b"<x/>").unwrap();
            z.finish().unwrap();
        }
        let err = extract(buf.get_ref(), MAX_XML_BYTES).unwrap_err();
        assert!(err.to_string().contains("no word/document.xml"), "{err}");
    }
}

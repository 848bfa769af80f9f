//! Inputs by content: HTML pages, .docx and PDF files compared by their extracted text, format
//! detection, `--input-format`, `--html-all`, and bad input (exit 2, one line naming the
//! file).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use claimdiff::ChangeKind;
use claimdiff::render::json::JsonReport;
use tempfile::TempDir;

use crate::common;
use common::{cmd, root, write};

fn page(name: &str) -> PathBuf {
    root().join("tests/data/extract").join(name)
}

/// Run a comparison with `--format json`: exit code and report.
fn json(args: &[&str], old: &Path, new: &Path) -> (i32, JsonReport) {
    let out = cmd()
        .args(args)
        .args(["--format", "json"])
        .arg(old)
        .arg(new)
        .output()
        .unwrap();
    let report = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().unwrap_or(-1), report)
}

/// The (old, new) texts of every change that is not `unchanged`.
fn changed(r: &JsonReport) -> Vec<(String, String)> {
    let join = |doc: &claimdiff::render::json::JsonDocument, ix: &[usize]| {
        ix.iter()
            .map(|&i| doc.sentences[i].text.clone())
            .collect::<Vec<_>>()
            .join(" ")
    };
    r.changes
        .iter()
        .filter(|c| c.kind != ChangeKind::Unchanged)
        .map(|c| (join(&r.old, &c.old), join(&r.new, &c.new)))
        .collect()
}

const FURNITURE: &[&str] = &[
    "Subscribe",
    "Podcasts",
    "Related stories",
    "All rights reserved",
    "Privacy policy",
    "gtag",
    "Advertisement",
    "color:",
];

#[test]
fn html_pair_reports_exactly_the_changed_sentences() {
    let (code, r) = json(&[], &page("old.html"), &page("new.html"));
    assert_eq!(code, 1);
    assert_eq!(
        changed(&r),
        [
            (
                "The wall will cost 12 million euros and will be finished by 2028, according to \
                 the council's planning office."
                    .to_owned(),
                "The wall will cost 15 million euros and will be finished by 2028, according to \
                 the council's planning office."
                    .to_owned()
            ),
            (
                "Its organisers said they would not challenge the vote in court.".to_owned(),
                "Its organisers said they would challenge the vote in court.".to_owned()
            ),
        ]
    );
    for doc in [&r.old, &r.new] {
        let text = doc.rebuild();
        for f in FURNITURE {
            assert!(!text.contains(f), "page furniture {f:?} in {text}");
        }
        assert!(text.starts_with("Harbour council approves new flood wall\n\n"));
        // Blocks: spans into the text, where each came from.
        assert!(doc.blocks.len() >= 8);
        assert_eq!(doc.blocks[0].source, "title");
        for b in &doc.blocks {
            assert!(b.start < b.end && b.end <= text.len());
            assert!(b.source.starts_with("body/") || b.source == "title");
        }
        let heading = doc
            .blocks
            .iter()
            .find(|b| &text[b.start..b.end] == "Residents divided")
            .unwrap();
        assert_eq!(heading.kind, claimdiff::extract::BlockKind::Heading);
    }
}

#[test]
fn html_all_reads_the_furniture_too() {
    let (_, r) = json(&["--html-all"], &page("old.html"), &page("new.html"));
    let text = r.new.rebuild();
    assert!(text.contains("Podcasts") && text.contains("All rights reserved"));
    assert!(!text.contains("gtag") && !text.contains("color:"));
    let added: Vec<String> = changed(&r).into_iter().map(|(_, n)| n).collect();
    assert!(added.iter().any(|n| n == "Podcasts"), "{added:?}");
}

#[test]
fn html_detected_by_content_and_overridden_by_input_format() {
    let dir = TempDir::new().unwrap();
    let html = std::fs::read(page("old.html")).unwrap();
    let plain = write(&dir, "page", &html);
    let out = cmd().arg("segment").arg(&plain).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("Harbour council approves new flood wall\n"),
        "{text}"
    );
    assert!(!text.contains('<'));
    // Forced to text: the markup is compared as it is.
    let out = cmd()
        .args(["segment", "--input-format", "text"])
        .arg(&plain)
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains("<title>"));
    // Forced to HTML: a fragment in a .txt file.
    let frag = write(&dir, "frag.txt", b"<p>One.</p><p>Two</p>");
    let out = cmd()
        .args(["segment", "--input-format", "html"])
        .arg(&frag)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "One.\nTwo\n");
    // Forced to Markdown: a heading without a stop is its own sentence in a .txt file.
    let md = write(&dir, "notes.txt", b"# Scope\nStaff must comply. Always.\n");
    let out = cmd()
        .args(["segment", "--input-format", "markdown"])
        .arg(&md)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "# Scope\nStaff must comply.\nAlways.\n"
    );
    // A page in the legacy encoding it declares.
    let latin = write(
        &dir,
        "latin.html",
        b"<html><head><meta charset=\"windows-1252\"></head><body><p>Caf\xe9 prices rose.</p></body></html>",
    );
    let out = cmd()
        .args(["segment", "--html-all"])
        .arg(&latin)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "Caf\u{e9} prices rose.\n"
    );
    // From standard input, by content.
    let out = cmd()
        .args(["segment", "-"])
        .write_stdin(html)
        .output()
        .unwrap();
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .starts_with("Harbour council")
    );
}

#[test]
fn check_reads_html_reports() {
    let dir = TempDir::new().unwrap();
    let statement = write(
        &dir,
        "statement.txt",
        b"Its organisers said they would not challenge the vote in court.",
    );
    let run = |report: &str, code: i32| {
        let out = cmd()
            .args(["check", "--color", "never", "--no-omitted"])
            .arg(&statement)
            .arg("--against")
            .arg(page(report))
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(code),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let old = run("old.html", 0);
    assert!(old.starts_with("supported"), "{old}");
    // The new page says the opposite ("would challenge"): disputed, exit 1.
    let new = run("new.html", 1);
    assert!(
        new.starts_with("disputed") && new.contains("negation"),
        "{new}"
    );
    assert!(!new.contains("Subscribe") && !new.contains("gtag"));
}

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

/// A minimal .docx (content types and the main part) around `body`.
fn docx(body: &str) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    let opts = zip::write::SimpleFileOptions::default();
    z.start_file("[Content_Types].xml", opts).unwrap();
    z.write_all(
        b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
          <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>",
    )
    .unwrap();
    z.start_file("word/document.xml", opts).unwrap();
    write!(
        z,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document {W}><w:body>{body}</w:body></w:document>"
    )
    .unwrap();
    z.finish().unwrap();

    buf.into_inner()
}

fn para(style: Option<&str>, text: &str) -> String {
    let ppr = style.map_or(String::new(), |s| {
        format!("<w:pPr><w:pStyle w:val=\"{s}\"/></w:pPr>")
    });
    format!("<w:p>{ppr}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

fn item(text: &str) -> String {
    format!(
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>\
         <w:r><w:t>{text}</w:t></w:r></w:p>"
    )
}

fn row(cells: &[&str]) -> String {
    let cells: String = cells
        .iter()
        .map(|c| format!("<w:tc><w:p><w:r><w:t>{c}</w:t></w:r></w:p></w:tc>"))
        .collect();
    format!("<w:tr>{cells}</w:tr>")
}

fn policy(fee: &str, retention: &str, tracked: &str) -> Vec<u8> {
    let body = [
        para(Some("Title"), "Data Retention Policy"),
        para(Some("Heading1"), "Scope"),
        para(
            None,
            "This policy applies to all staff and contractors. It covers records in every format.",
        ),
        item("Staff must encrypt laptops."),
        item(&format!("Records are kept for {retention} years.")),
        format!(
            "<w:p><w:r><w:t xml:space=\"preserve\">Requests are answered within </w:t></w:r>{tracked}\
             <w:r><w:t xml:space=\"preserve\"> days.</w:t></w:r>\
             <w:commentRangeStart w:id=\"9\"/><w:r><w:commentReference w:id=\"9\"/></w:r></w:p>"
        ),
        "<w:tbl>".to_owned() + &row(&["Service", "Fee"]) + &row(&["Copy of a record", fee]) + "</w:tbl>",
        para(None, "Questions go to the records office."),
    ]
    .concat();
    docx(&body)
}

#[test]
fn docx_pair_reports_exactly_the_changed_sentences() {
    let dir = TempDir::new().unwrap();
    let old = write(
        &dir,
        "old.docx",
        &policy("10 EUR", "five", "<w:r><w:t>30</w:t></w:r>"),
    );
    // New: a changed fee and retention period; a tracked change that keeps the number.
    let new = write(
        &dir,
        "new.docx",
        &policy(
            "12 EUR",
            "seven",
            "<w:del w:id=\"1\"><w:r><w:delText>14</w:delText></w:r></w:del>\
             <w:ins w:id=\"2\"><w:r><w:t>30</w:t></w:r></w:ins>",
        ),
    );
    let (code, r) = json(&[], &old, &new);
    assert_eq!(code, 1);
    assert_eq!(
        changed(&r),
        [
            (
                "Records are kept for five years.".to_owned(),
                "Records are kept for seven years.".to_owned()
            ),
            (
                "Copy of a record | 10 EUR".to_owned(),
                "Copy of a record | 12 EUR".to_owned()
            ),
        ]
    );
    let text = r.new.rebuild();
    assert!(
        text.contains("Requests are answered within 30 days."),
        "{text}"
    );
    assert!(!text.contains("14"));
    let kinds: Vec<_> = r
        .new
        .blocks
        .iter()
        .map(|b| (b.kind, b.source.as_str()))
        .collect();
    use claimdiff::extract::BlockKind::*;
    assert_eq!(
        kinds,
        [
            (Heading, "p[1]"),
            (Heading, "p[2]"),
            (Paragraph, "p[3]"),
            (ListItem, "p[4]"),
            (ListItem, "p[5]"),
            (Paragraph, "p[6]"),
            (TableRow, "tbl[1]/tr[1]"),
            (TableRow, "tbl[1]/tr[2]"),
            (Paragraph, "p[7]"),
        ]
    );
}

/// Runs `args` expecting exit 2 and one line on standard error naming `name`.
fn fails(args: &[&str], paths: &[&Path], name: &str, what: &str) {
    let out = cmd().args(args).args(paths).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(name) && err.contains(what), "{err}");
}

#[test]
fn bad_documents_exit_2_naming_the_file() {
    let dir = TempDir::new().unwrap();
    let good = write(&dir, "good.txt", b"Fine.");
    let junk = write(&dir, "broken.docx", b"PK\x03\x04 not really a zip");
    fails(&[], &[&good, &junk], "broken.docx", "not a readable .docx");
    let nodoc = write(&dir, "archive.zip", &{
        let mut buf = std::io::Cursor::new(Vec::new());
        let mut z = zip::ZipWriter::new(&mut buf);
        z.start_file("a.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(b"hello").unwrap();
        z.finish().unwrap();

        buf.into_inner()
    });
    fails(&[], &[&nodoc, &good], "archive.zip", "no word/document.xml");
    let pdf = write(&dir, "report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
    fails(&[], &[&good, &pdf], "report.pdf", "not a readable PDF");
    let empty = write(
        &dir,
        "empty.html",
        b"<html><body><script>x()</script></body></html>",
    );
    fails(&["segment"], &[&empty], "empty.html", "no text found");
    let bad_xml = write(
        &dir,
        "bad.docx",
        &docx("<w:p><w:r><w:t>open</w:p></w:body>"),
    );
    fails(&["segment"], &[&bad_xml], "bad.docx", ".docx");
    // Forced to .docx, a text file is refused, not read as text.
    fails(
        &["segment", "--input-format", "docx"],
        &[&good],
        "good.txt",
        ".docx",
    );
}

proptest::proptest! {
    /// Any tag soup: extraction never panics, blocks are ordered spans of the text that
    /// hold no blank line, and the segmented document rebuilds the extracted text.
    #[test]
    fn html_blocks_are_ordered_spans(
        parts in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::strategy::Just("<p>".to_owned()),
                proptest::strategy::Just("</p>".to_owned()),
                proptest::strategy::Just("<li>".to_owned()),
                proptest::strategy::Just("<h2>".to_owned()),
                proptest::strategy::Just("<nav>".to_owned()),
                proptest::strategy::Just("<script>".to_owned()),
                proptest::strategy::Just("<tr><td>".to_owned()),
                proptest::strategy::Just("<br>".to_owned()),
                "[a-zA-Z .,&;]{0,12}",
            ],
            0..40,
        ),
        all in proptest::bool::ANY,
    ) {
        let html = parts.concat();
        let mut opts = claimdiff::extract::html::HtmlOptions::default();
        opts.all = all;
        if let Ok(e) = claimdiff::extract::html::extract(&html, &opts) {
            let mut pos = 0;
            for b in &e.blocks {
                proptest::prop_assert!(pos <= b.start && b.start < b.end && b.end <= e.text.len());
                proptest::prop_assert!(!e.text[b.start..b.end].contains("\n\n"));
                pos = b.end;
            }
            let doc = claimdiff::Document::from_extracted(e.clone(), &claimdiff::SegmentOptions::default());
            proptest::prop_assert_eq!(doc.rebuild(), e.text);
        }
    }
}

/// A PDF of `pages`, each a list of (baseline y from the bottom, font size, text) lines
/// in Helvetica (a standard font: no font file needed).
fn pdf(pages: &[Vec<(u32, u32, String)>]) -> Vec<u8> {
    pdf_with(pages, false)
}

/// [`pdf`], with the page content streams Flate-compressed when `flate` (as most PDFs are).
fn pdf_with(pages: &[Vec<(u32, u32, String)>], flate: bool) -> Vec<u8> {
    use std::io::Write;
    let n = pages.len();
    let mut objects: Vec<Vec<u8>> = Vec::new();
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    objects.push(format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).into_bytes());
    objects.push(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    );
    for (i, lines) in pages.iter().enumerate() {
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
                 /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
                5 + 2 * i
            )
            .into_bytes(),
        );
        let mut stream: Vec<u8> = lines
            .iter()
            .map(|(y, size, text)| format!("BT /F1 {size} Tf 72 {y} Td ({text}) Tj ET\n"))
            .collect::<String>()
            .into_bytes();
        let mut filter = "";
        if flate {
            let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
            z.write_all(&stream).unwrap();
            stream = z.finish().unwrap();
            filter = " /Filter /FlateDecode";
        }
        let mut body = format!("<< /Length {}{filter} >>\nstream\n", stream.len()).into_bytes();
        body.extend(stream);
        body.extend(b"\nendstream");
        objects.push(body);
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (k, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", k + 1).bytes());
        out.extend(body);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    out
}

/// A three-page report: a running header, page numbers, a hyphenated word and a paragraph
/// across a page break; `figure` and `verb` change between versions.
fn report(figure: &str, verb: &str) -> Vec<u8> {
    let page = |k: usize, body: &[&str]| {
        let mut lines = vec![(760, 9, "City Audit Office - Annual Report".to_owned())];
        let mut y = 700;
        for para in body {
            for line in para.split('\n') {
                lines.push((y, 11, line.to_owned()));
                y -= 14;
            }
            y -= 20;
        }
        lines.push((40, 9, format!("Page {k} of 3")));
        lines
    };
    let p1 = format!(
        "The office reviewed {figure} contracts signed by the city in 2025.\nMost were awarded after an open ten-\nder."
    );
    let p2 = format!("Three contracts {verb} the rules on\ndirect awards.");
    pdf(&[
        page(1, &[&p1, "The review took\nsix months and"]),
        page(2, &["covered every department.", &p2]),
        page(3, &["The office will publish its next report in June."]),
    ])
}

#[test]
fn pdf_pair_reports_exactly_the_changed_sentences() {
    let dir = TempDir::new().unwrap();
    let old = write(&dir, "old.pdf", &report("214", "broke"));
    let new = write(&dir, "new.pdf", &report("241", "may have broken"));
    let (code, r) = json(&[], &old, &new);
    assert_eq!(code, 1);
    assert_eq!(
        changed(&r),
        [
            (
                "The office reviewed 214 contracts signed by the city in 2025.".to_owned(),
                "The office reviewed 241 contracts signed by the city in 2025.".to_owned()
            ),
            (
                "Three contracts broke the rules on direct awards.".to_owned(),
                "Three contracts may have broken the rules on direct awards.".to_owned()
            ),
        ]
    );
    let text = r.old.rebuild();
    assert!(text.contains("after an open tender."), "{text}");
    assert!(text.contains("The review took six months and covered every department."));
    assert!(
        !text.contains("Annual Report") && !text.contains("Page "),
        "{text}"
    );
    let sources: Vec<&str> = r.old.blocks.iter().map(|b| b.source.as_str()).collect();
    assert_eq!(sources, ["page[1]", "page[1]", "page[2]", "page[3]"]);
}

#[test]
fn pdf_without_text_layer_exits_2() {
    let dir = TempDir::new().unwrap();
    let scan = write(&dir, "scan.pdf", &pdf(&[vec![], vec![]]));
    let good = write(&dir, "good.txt", b"Fine.");
    fails(&[], &[&good, &scan], "scan.pdf", "no text layer");
    // A font the page does not define makes the PDF reader panic: caught, one line, exit 2.
    let text = String::from_utf8(pdf(&[vec![(700, 11, "Hello.".to_owned())]])).unwrap();
    let broken = write(
        &dir,
        "broken.pdf",
        text.replace("/F1 11 Tf", "/F9 11 Tf").as_bytes(),
    );
    fails(&["segment"], &[&broken], "broken.pdf", "not a readable PDF");
}

#[test]
fn a_docx_inflating_past_max_bytes_is_refused() {
    // A zip bomb in small: 60 KB of repeated paragraphs compress to a few hundred bytes, well
    // under --max-bytes, but inflate past it; the inflated XML is bounded by the same limit.
    let dir = TempDir::new().unwrap();
    let good = write(&dir, "good.txt", b"Fine.");
    let body = "<w:p><w:r><w:t>The same sentence again.</w:t></w:r></w:p>".repeat(1000);
    let bomb = write(&dir, "bomb.docx", &docx(&body));
    assert!(std::fs::metadata(&bomb).unwrap().len() < 20_000);
    fails(
        &["--max-bytes", "20000"],
        &[&good, &bomb],
        "bomb.docx",
        "inflates to more than 20000 bytes",
    );
}

#[test]
fn a_pdf_inflating_past_max_bytes_is_refused() {
    // A decompression bomb in small: 2,000 repeated lines (70 KB) compress to about a
    // kilobyte, well under --max-bytes, but inflate past it; the streams are inflated into a
    // sink, at most --max-bytes + 1 bytes, before the PDF reader sees the file.
    let dir = TempDir::new().unwrap();
    let good = write(&dir, "good.txt", b"Fine.");
    let lines: Vec<(u32, u32, String)> = (0..2000)
        .map(|k| {
            (
                700 - (k % 40) * 14,
                11,
                "The same sentence again.".to_owned(),
            )
        })
        .collect();
    let bytes = pdf_with(&[lines], true);
    assert!(bytes.len() < 20_000, "{}", bytes.len());
    let bomb = write(&dir, "bomb.pdf", &bytes);
    fails(
        &["--max-bytes", "20000"],
        &[&good, &bomb],
        "bomb.pdf",
        "inflate to more than 20000 bytes",
    );
    // Under the default limit the same compressed PDF is read.
    let small = pdf_with(
        &[vec![(700, 11, "Hello from a compressed page.".to_owned())]],
        true,
    );
    let ok = write(&dir, "ok.pdf", &small);
    let out = cmd().arg("segment").arg(&ok).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Hello from a compressed page."));
}

//! The HTML page shell shared by every HTML report: document head, escaping, base CSS and JS.
//!
//! A report writes its body through [`Page::write`]; the shell adds everything else. The
//! page is self-contained: inline CSS and JS, no fonts, images or requests, and a
//! Content-Security-Policy that forbids any network access, so a report opened from disk
//! cannot load anything even if some input text slipped through unescaped.
//!
//! What the shell gives every report:
//!
//! - colours as CSS variables for light and dark (`prefers-color-scheme`) and a print style;
//! - `.summary`, `.tag`, `table.grid` and `ins`/`del` styles;
//! - filters: a checkbox `<input type="checkbox" data-filter="NAME">` hides or shows every
//!   element with `data-kind="NAME"` or `data-of="NAME"`;
//! - partner links: a click on `<a data-partner="ID">` scrolls to the element with that id
//!   and highlights it (class `flash`), both ways when both ends carry a link.

use std::io::{self, Write};

pub use crate::render::view::escape::{html as escape, html_text as text};

/// Styles shared by the HTML reports: colours (light, dark), layout, tags, print.
pub const BASE_CSS: &str = include_str!("base.css");

/// Behaviour shared by the HTML reports: kind filters and partner links. It only toggles
/// attributes and classes and never writes markup (no `innerHTML`).
pub const BASE_JS: &str = include_str!("base.js");

/// Content-Security-Policy of every page: nothing fetched, no `<base>` or form target, and
/// only the page's own inline style and script run, named by their SHA-256 hashes (see
/// [`csp`]): markup that slipped into the page through some input text could not run a script.
pub fn csp(style: &str, script: &str) -> String {
    format!(
        "default-src 'none'; style-src 'sha256-{}'; script-src 'sha256-{}'; \
         base-uri 'none'; form-action 'none'",
        sha256_base64(style),
        sha256_base64(script)
    )
}

/// The base64 of the SHA-256 of `text`, as CSP hash sources spell it.
fn sha256_base64(text: &str) -> String {
    use sha2::Digest as _;
    base64(&sha2::Sha256::digest(text.as_bytes()))
}

/// Standard base64 with padding (RFC 4648, section 4).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().fold(0u32, |n, &b| (n << 8) | u32::from(b)) << (8 * (3 - chunk.len()));
        for k in 0..4 {
            if k <= chunk.len() {
                let index = ((n >> (18 - 6 * k)) & 63) as usize;
                out.push(char::from(ALPHABET.get(index).copied().unwrap_or(b'=')));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// One self-contained HTML page.
#[derive(Debug, Clone, Copy)]
pub struct Page<'a> {
    /// The `<title>`, as plain text (escaped when written).
    pub title: &'a str,
    /// CSS added after [`BASE_CSS`] (trusted: written as is).
    pub css: &'a str,
    /// JavaScript added after [`BASE_JS`] (trusted: written as is).
    pub script: &'a str,
}

impl Page<'_> {
    /// Write the page: head, then `body` (which writes the inside of `<body>`), then scripts.
    pub fn write(
        &self,
        out: &mut dyn Write,
        body: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<()> {
        // The exact contents of the <style> and <script> elements, which the CSP hashes.
        let style = format!("\n{BASE_CSS}{}", self.css);
        let script = format!("\n{BASE_JS}{}", self.script);
        writeln!(out, "<!DOCTYPE html>")?;
        writeln!(out, "<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")?;
        writeln!(
            out,
            "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
            csp(&style, &script)
        )?;
        writeln!(
            out,
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        )?;
        writeln!(out, "<meta name=\"color-scheme\" content=\"light dark\">")?;
        writeln!(out, "<title>{}</title>", text(self.title))?;
        writeln!(out, "<style>{style}</style>\n</head>\n<body>")?;
        body(out)?;
        writeln!(out, "<script>{script}</script>")?;
        writeln!(out, "</body>\n</html>")
    }
}

/// A filter for the summary: a checkbox `data-filter="NAME"` (see the module docs) with a
/// coloured dot of class `dot`, the `count` in bold and a `label`, ticked when `checked`.
/// `name`, `dot` and `label` are the report's own words, escaped all the same.
///
/// Before: `filter("moved", "moved", 2, "k-moved", true)`; after:
/// `<label class="filter" data-count-of="moved"><input type="checkbox" data-filter="moved"
/// checked><span class="dot k-moved"></span><b>2</b> moved</label>`.
pub fn filter(name: &str, label: &str, count: usize, dot: &str, checked: bool) -> String {
    let name = escape(name);
    format!(
        "<label class=\"filter\" data-count-of=\"{name}\"><input type=\"checkbox\" data-filter=\"{name}\"{}><span class=\"dot {}\"></span><b>{count}</b> {}</label>",
        if checked { " checked" } else { "" },
        escape(dot),
        escape(label)
    )
}

/// A tag: a bold `label` (its type) followed by `html` (markup, already escaped), with the
/// class `tag` and `class`, and `attrs` (trusted markup, empty or starting with a space)
/// on the outer `<span>`.
///
/// Before: `tag("t-number", "", "number", "60 → 70")`; after:
/// `<span class="tag t-number"><span class="type">number</span>60 → 70</span>`.
pub fn tag(class: &str, attrs: &str, label: &str, html: &str) -> String {
    format!(
        "<span class=\"tag {}\"{attrs}><span class=\"type\">{}</span>{html}</span>",
        escape(class),
        escape(label)
    )
}

/// Open a line of the summary: `<div class="line">` with its `label`; with `group`, the
/// line is a group of filters named `group` for screen readers. The caller writes the
/// contents, then `</div>`. `label` and `group` are the report's own words, escaped all the
/// same.
pub fn line_start(out: &mut dyn Write, label: &str, group: Option<&str>) -> io::Result<()> {
    let role = group.map_or(String::new(), |g| {
        format!(" role=\"group\" aria-label=\"{}\"", escape(g))
    });
    writeln!(
        out,
        "<div class=\"line\"{role}><span class=\"label\">{}</span>",
        escape(label)
    )
}

/// Open a table of class `grid CLASS`: a `<colgroup>` with one `<col>` per entry of `cols`
/// (that class, or none when empty), a header row of `heads` (markup, already escaped),
/// and `<tbody>`. The caller writes the rows, then `</tbody></table>`.
pub fn grid_start(
    out: &mut dyn Write,
    class: &str,
    cols: &[&str],
    heads: &[&str],
) -> io::Result<()> {
    let cols: String = cols
        .iter()
        .map(|c| {
            if c.is_empty() {
                "<col>".to_owned()
            } else {
                format!("<col class=\"{}\">", escape(c))
            }
        })
        .collect();
    let heads: String = heads.iter().map(|h| format!("<th>{h}</th>")).collect();
    writeln!(
        out,
        "<table class=\"grid {}\"><colgroup>{cols}</colgroup>",
        escape(class)
    )?;
    writeln!(out, "<thead><tr>{heads}</tr></thead>\n<tbody>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_and_sha256_match_known_values() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        // The CSP specification's example: 'sha256-' of `alert('Hello, world.');`.
        assert_eq!(
            sha256_base64("alert('Hello, world.');"),
            "qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng="
        );
    }

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<script>\"a\" & 'b'</style>"),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/style&gt;"
        );
    }

    #[test]
    fn text_shows_hidden_characters_and_collapses_space() {
        assert_eq!(
            text("a\r\n\x1b[1m\u{202E}b\u{200B} <i>"),
            "a <span class=\"esc\">\\x1b</span>[1m<span class=\"esc\">&lt;U+202E&gt;</span>b\
             <span class=\"esc\">&lt;U+200B&gt;</span> &lt;i&gt;"
        );
    }

    #[test]
    fn filter_and_tag_escape_their_words() {
        assert_eq!(
            filter("a\"b", "<x>", 3, "k-a", false),
            "<label class=\"filter\" data-count-of=\"a&quot;b\"><input type=\"checkbox\" \
             data-filter=\"a&quot;b\"><span class=\"dot k-a\"></span><b>3</b> &lt;x&gt;</label>"
        );
        assert_eq!(
            tag("t-x", " data-n=\"1\"", "<b>", "&amp;"),
            "<span class=\"tag t-x\" data-n=\"1\"><span class=\"type\">&lt;b&gt;</span>&amp;</span>"
        );
    }

    #[test]
    fn page_has_one_head_and_body_and_no_external_resource() {
        let page = Page {
            title: "a </title> b",
            css: ".x{}",
            script: "var x;",
        };
        let mut buf = Vec::new();
        page.write(&mut buf, &mut |out| write!(out, "<p>hi</p>"))
            .unwrap();
        let html = String::from_utf8(buf).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>\n"));
        assert!(html.contains("<title>a &lt;/title&gt; b</title>"));
        assert!(html.contains(".x{}</style>"));
        assert!(html.contains("<p>hi</p><script>"));
        assert!(html.contains("var x;</script>"));
        for needle in ["http:", "https:", "src=", "@import", "url("] {
            assert!(!html.contains(needle), "page refers to {needle}");
        }
    }
}

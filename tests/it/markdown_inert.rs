//! The Markdown view is inert on GitHub: text from the compared documents never becomes a
//! mention (`@octocat`, `@org/team`), an issue or pull-request reference (`#123`,
//! `owner/repo#123`), or a link (bare URLs, `www.` hosts, e-mail addresses). Checked with a
//! real GFM parser, Debian's `cmark-gfm` with GitHub's extensions (autolink, table,
//! strikethrough, tagfilter): no `<a` in its HTML, and no text node (entities decoded, as
//! GitHub's mention and reference filters see it) that holds `@` or `#` followed by a word
//! character. Skips visibly when `cmark-gfm` is not installed (`.ci/run` installs it);
//! `CLAIMDIFF_REQUIRE_CMARK=1` makes that a failure.

use crate::common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::{cmd, write};
use tempfile::TempDir;

/// GitHub's HTML for `markdown`, by `cmark-gfm`; `None` when it is not installed.
fn github_html(markdown: &str) -> Option<String> {
    let child = Command::new("cmark-gfm")
        // `--unsafe` keeps raw HTML (the `<ins>`/`<del>` of GitHub's allow-list).
        .args([
            "--unsafe",
            "-e",
            "autolink",
            "-e",
            "table",
            "-e",
            "strikethrough",
            "-e",
            "tagfilter",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        assert!(
            std::env::var_os("CLAIMDIFF_REQUIRE_CMARK").is_none(),
            "CLAIMDIFF_REQUIRE_CMARK is set but cmark-gfm was not found"
        );
        eprintln!("SKIPPED: cmark-gfm not installed (apt-get install cmark-gfm)");
        return None;
    };
    child.stdin.take()?.write_all(markdown.as_bytes()).ok()?;
    let out = child.wait_with_output().ok()?;
    assert!(out.status.success());
    String::from_utf8(out.stdout).ok()
}

/// The text nodes of `html`, tags removed and entities decoded.
fn text_of(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let end = rest[i..].find(';').map_or(rest.len(), |e| i + e + 1);
        let entity = &rest[i..end];
        let decoded = match entity {
            "&amp;" => Some('&'),
            "&lt;" => Some('<'),
            "&gt;" => Some('>'),
            "&quot;" => Some('"'),
            _ if entity.starts_with("&#x") => u32::from_str_radix(&entity[3..entity.len() - 1], 16)
                .ok()
                .and_then(char::from_u32),
            _ if entity.starts_with("&#") => entity[2..entity.len() - 1]
                .parse()
                .ok()
                .and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => out.push(c),
            None => out.push_str(entity),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Live on GitHub: `@` or `#` directly before a word character (mentions, team mentions,
/// issue references), or `GH-` before a digit.
fn live_reference(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let mention = chars.windows(2).find_map(|w| {
        ((w[0] == '@' || w[0] == '#') && (w[1].is_alphanumeric() || w[1] == '_'))
            .then(|| w.iter().collect())
    });
    mention.or_else(|| {
        chars.windows(4).find_map(|w| {
            let gh = w[0].eq_ignore_ascii_case(&'g') && w[1].eq_ignore_ascii_case(&'h');
            (gh && w[2] == '-' && w[3].is_ascii_digit()).then(|| w.iter().collect())
        })
    })
}

const HOSTILE: &str = "Ask @octocat and @github/security about #123 and owner/repo#45. \
     Log in at www.example.com/login or https://evil.example/x?a=1 now. \
     Mail admin@example.org or mailto:root@example.net today. \
     See ftp://files.example/x and xmpp:bot@example.chat too. \
     Issue GH-7 and <b>bold</b> *stars* and [a](https://x.example) link.";

#[test]
fn markdown_view_has_no_live_mention_reference_or_link_on_github() {
    let dir = TempDir::new().unwrap();
    let old = write(
        &dir,
        "old@octocat #9.txt",
        b"Ask nobody. Nothing here. Mail nobody. See nothing. Issue none.\n",
    );
    let new = write(&dir, "www.example.com #1.txt", HOSTILE.as_bytes());
    let out = cmd()
        .args(["--format", "markdown"])
        .arg(&old)
        .arg(&new)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let markdown = String::from_utf8(out.stdout).unwrap();
    let Some(html) = github_html(&markdown) else {
        return;
    };
    assert!(!html.contains("<a "), "a live link:\n{markdown}\n{html}");
    assert!(!html.contains("<b>"), "{html}");
    let text = text_of(&html);
    assert_eq!(live_reference(&text), None, "{text}");
    // The words still read as written once the invisible breaks are ignored.
    let plain = text.replace('\u{200B}', "");
    for shown in [
        "@octocat",
        "@github/security",
        "#123",
        "owner/repo#45",
        "www.example.com/login",
        "https://evil.example/x?a=1",
        "admin@example.org",
        "<b>bold</b>",
        "*stars*",
        "GH-7",
    ] {
        assert!(plain.contains(shown), "{shown} not shown in {plain}");
    }
}

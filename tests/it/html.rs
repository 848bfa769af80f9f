//! The HTML reports from the command line: exit status, a self-contained page, and a
//! snapshot of the page body for each seed pair and for the two seed checks (`check
//! statement.txt` and `check statement-support.txt` against `report-summary.txt`; the
//! shell's CSS and JS are left out of the snapshots; `src/render/html` tests them). Update with
//! `INSTA_UPDATE=always cargo test --test html` and review the `.snap` diff.

use std::path::PathBuf;

use assert_cmd::Command;

fn seed(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("seeds")
        .join(name)
}

/// Run claimdiff in `seeds/` with `args`, then `--format html`: exit status and page.
fn page(args: &[&str]) -> (Option<i32>, String) {
    let out = Command::cargo_bin("claimdiff")
        .unwrap()
        .current_dir(seed(""))
        .args(args)
        .args(["--format", "html"])
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap())
}

fn html(old: &str, new: &str, extra: &[&str]) -> (Option<i32>, String) {
    page(&[&[old, new], extra].concat())
}

/// The inside of `<body>` without the script.
fn body(page: &str) -> &str {
    let start = page.find("<body>").unwrap() + "<body>".len();
    let end = page.rfind("<script>").unwrap();
    &page[start..end]
}

#[test]
fn html_report_is_one_self_contained_page() {
    let (code, page) = html("statement.txt", "statement.new.txt", &[]);
    assert_eq!(code, Some(1));
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.trim_end().ends_with("</html>"));
    assert!(page.contains("Content-Security-Policy"));
    for needle in ["http://", "https://", " src=", "@import", "url(", "<link"] {
        assert!(!page.contains(needle), "page refers to {needle}");
    }
    assert!(page.contains("@media print") && page.contains("prefers-color-scheme: dark"));
}

#[test]
fn html_report_of_identical_texts_says_so_and_exits_0() {
    let (code, page) = html("figures.txt", "figures.txt", &[]);
    assert_eq!(code, Some(0));
    assert!(page.contains("<p>No differences.</p>"));
}

#[test]
fn html_report_honours_only() {
    let (_, page) = html("figures.txt", "figures.new.txt", &["--only", "negation"]);
    let rows: Vec<&str> = page
        .lines()
        .filter(|l| l.starts_with("<tr ") && !l.contains("data-kind=\"unchanged\""))
        .collect();
    assert!(!rows.is_empty());
    for row in rows {
        assert!(
            row.contains("<span class=\"type\">negation</span>"),
            "{row}"
        );
    }
}

#[test]
fn html_snapshots_of_seed_pairs() {
    for (name, ext) in [
        ("figures", "txt"),
        ("handbook", "md"),
        ("policy", "txt"),
        ("statement", "txt"),
    ] {
        let (_, page) = html(&format!("{name}.{ext}"), &format!("{name}.new.{ext}"), &[]);
        insta::assert_snapshot!(format!("{name}_html"), body(&page));
    }
}

#[test]
fn html_snapshots_of_seed_checks() {
    for (name, statement, code) in [
        ("statement", "statement.txt", 1),
        ("support", "statement-support.txt", 1),
    ] {
        let (status, html) = page(&["check", statement, "--against", "report-summary.txt"]);
        assert_eq!(status, Some(code), "{statement}");
        insta::assert_snapshot!(format!("check_{name}_html"), body(&html));
    }
}

//! Command-line habits (issue 17, rough edges 2, 7 and 11): options that do not apply are
//! refused with a message, not ignored; an option given twice takes its last value; claim
//! types in any case and in the completions; one-line file errors; the man page's sections.

use crate::common;

use common::cmd;

const PAIR: [&str; 2] = ["seeds/figures.txt", "seeds/figures.new.txt"];

/// Exit code, stdout and stderr of `claimdiff PAIR ARGS`.
fn run_pair(args: &[&str]) -> (Option<i32>, String, String) {
    let out = cmd().args(PAIR).args(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The option is refused: exit 2, nothing on stdout, one line on stderr naming `names`.
fn assert_refused(args: &[&str], names: &[&str]) {
    let (code, out, err) = run_pair(args);
    assert_eq!(code, Some(2), "{args:?}: {err}");
    assert!(out.is_empty(), "{args:?}: {out}");
    assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    for name in names {
        assert!(err.contains(name), "{args:?}: {err}");
    }
}

#[test]
fn stat_with_another_format_is_refused() {
    for format in ["json", "html", "markdown"] {
        assert_refused(&["--stat", "--format", format], &["--stat", format]);
    }
    // With the terminal format (the default, or given) it is the counts.
    for args in [&["--stat"][..], &["--stat", "--format", "terminal"]] {
        let (code, out, _) = run_pair(args);
        assert_eq!(code, Some(1));
        assert!(out.starts_with("unchanged"), "{out}");
    }
}

#[test]
fn layout_width_and_context_are_refused_where_they_do_not_apply() {
    assert_refused(
        &["--format", "json", "--layout", "side-by-side"],
        &["--layout", "json"],
    );
    assert_refused(
        &["--format", "html", "--context", "2"],
        &["--context", "html"],
    );
    assert_refused(&["--format", "markdown", "--width", "100"], &["--width"]);
    assert_refused(&["--stat", "--context", "all"], &["--context", "--stat"]);
    assert_refused(&["--stat", "--layout", "inline"], &["--layout", "--stat"]);
    // Where they apply they are honoured: side by side fills the width, the inline view
    // wraps each sentence's line at it, continuation lines indented under the text.
    let (code, out, _) = run_pair(&["--width", "60"]);
    assert_eq!(code, Some(1));
    let widest = out.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest <= 60, "widest line {widest}:\n{out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("  ") && !l.trim().is_empty()),
        "{out}"
    );
    let (_, unwrapped, _) = run_pair(&[]);
    let words = |t: &str| t.split_whitespace().filter(|w| !w.starts_with('⋯')).count();
    assert_eq!(
        words(&out),
        words(&unwrapped),
        "wrapping loses or adds words"
    );
    let (code, out, _) = run_pair(&["--layout", "side-by-side", "--width", "100"]);
    assert_eq!(code, Some(1));
    let widest = out.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest <= 100 && widest > 80, "widest line {widest}");
    let (one, _, _) = run_pair(&["--context", "0"]);
    assert_eq!(one, Some(1));
}

#[test]
fn the_last_of_a_repeated_option_wins() {
    let (code, out, err) = run_pair(&["--color", "always", "--color", "never"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(!out.contains('\x1b'), "{out}");
    let (_, out, _) = run_pair(&["--color", "never", "--color", "always"]);
    assert!(out.contains('\x1b'), "{out}");
    let (_, out, _) = run_pair(&["--format", "html", "--format", "json"]);
    assert!(out.starts_with('{'), "{out}");
    // Repeatable options still add up.
    let (_, only_both, _) = run_pair(&["--only", "number", "--only", "negation"]);
    let (_, only_list, _) = run_pair(&["--only", "number,negation"]);
    assert_eq!(only_both, only_list);
}

#[test]
fn claim_types_are_accepted_in_any_case_and_listed_when_unknown() {
    let (lower, out_lower, _) = run_pair(&["--only", "number"]);
    let (upper, out_upper, err) = run_pair(&["--only", "Number"]);
    assert_eq!((lower, upper), (Some(1), Some(1)), "{err}");
    assert_eq!(out_lower, out_upper);
    let (code, _, err) = run_pair(&["--only", "numbers-ish"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("number, negation, modality, attribution, entity, intensity"),
        "{err}"
    );
}

#[test]
fn completions_offer_claim_types_after_only_and_languages_after_lang() {
    let out = cmd().args(["completions", "bash"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let script = String::from_utf8(out.stdout).unwrap();
    let after = |flag: &str| {
        let at = script.find(&format!("{flag})")).unwrap();
        script[at..].lines().nth(1).unwrap().to_owned()
    };
    let only = after("--only");
    assert!(
        only.contains("\"number negation modality attribution entity intensity\""),
        "{only}"
    );
    assert!(
        !only.contains("compgen -f"),
        "file names offered after --only: {only}"
    );
    assert!(after("--lang").contains("\"en de fr es\""));
}

#[test]
fn a_missing_file_is_one_line_naming_it_without_the_os_error_number() {
    let out = cmd()
        .args(["no-such-file.txt", "seeds/figures.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err,
        "claimdiff: no-such-file.txt: No such file or directory\n"
    );
    let out = cmd()
        .args(["check", "seeds/statement.txt", "--against", "gone.txt"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        err.contains("gone.txt") && !err.contains("os error"),
        "{err}"
    );
}

#[test]
fn unknown_language_is_refused_with_the_codes() {
    let (code, _, err) = run_pair(&["--lang", "xx"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("en, de, fr, es"), "{err}");
    let (code, _, err) = run_pair(&["--lang", "DE"]);
    assert_eq!(code, Some(1), "{err}");
}

#[test]
fn man_page_has_exit_status_environment_examples_and_check_options() {
    let out = cmd().arg("man").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let page = String::from_utf8(out.stdout).unwrap();
    for section in [
        ".SH OPTIONS",
        ".SH COMMANDS",
        ".SH \"EXIT STATUS\"",
        ".SH ENVIRONMENT",
        ".SH EXAMPLES",
    ] {
        assert!(page.contains(section), "no {section}");
    }
    for option in [
        "\\-\\-against",
        "\\-\\-evidence",
        "\\-\\-no\\-omitted",
        "\\-\\-jobs",
    ] {
        assert!(page.contains(option), "no {option}");
    }
    for var in ["CLAIMDIFF_PAGER", "NO_COLOR", "COLUMNS"] {
        assert!(page.contains(var), "no {var}");
    }
    // No sub-pages that are never generated (clap_mangen's `claimdiff-check(1)`).
    assert!(!page.contains("claimdiff\\-check"), "names a sub-page");
    assert!(!page.contains("(1)"), "names a sub-page");
}

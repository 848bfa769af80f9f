//! CLI tests for the workflow features: `--layout side-by-side` and `--width`,
//! `--format markdown`, the git external-diff form, `completions`, `man` and the pager.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;
use unicode_width::UnicodeWidthStr;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The binary in the repository root, with an environment that does not decide colour,
/// width or paging behind the test's back.
fn cmd() -> Command {
    let mut c = Command::cargo_bin("claimdiff").expect("binary built");
    c.current_dir(root());
    for var in [
        "NO_COLOR",
        "CLICOLOR_FORCE",
        "COLUMNS",
        "PAGER",
        "CLAIMDIFF_PAGER",
    ] {
        c.env_remove(var);
    }
    c
}

fn run(c: &mut Command) -> (i32, String, String) {
    let out = c.output().expect("runs");
    (
        out.status.code().expect("exited normally"),
        String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    )
}

/// `old` and `new` written to `old.txt` and `new.txt` in a new temporary folder (kept alive
/// by the returned `TempDir`), with their paths.
fn pair(old: &str, new: &str) -> (TempDir, String, String) {
    let dir = TempDir::new().unwrap();
    let path = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.display().to_string()
    };
    let (old, new) = (path("old.txt", old), path("new.txt", new));
    (dir, old, new)
}

const FIGURES: [&str; 2] = ["seeds/figures.txt", "seeds/figures.new.txt"];

fn widest(out: &str) -> usize {
    out.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

#[test]
fn side_by_side_fits_the_given_width() {
    for width in ["40", "72", "130"] {
        let (code, out, _) =
            run(cmd()
                .args(FIGURES)
                .args(["--layout", "side-by-side", "--width", width]));
        assert_eq!(code, 1);
        assert_eq!(widest(&out), width.parse::<usize>().unwrap(), "{out}");
        assert!(
            out.lines().filter(|l| l.contains(" │ ")).count() > 10,
            "{out}"
        );
        assert!(
            out.contains("[-1.2bn-]") && out.contains("{+1.5bn+}"),
            "{out}"
        );
    }
}

#[test]
fn side_by_side_width_default_and_columns_when_not_a_terminal() {
    let args = ["--layout", "side-by-side"];
    let (_, out, _) = run(cmd().args(FIGURES).args(args));
    assert_eq!(widest(&out), 120, "documented default: {out}");
    let (_, out, _) = run(cmd().args(FIGURES).args(args).env("COLUMNS", "90"));
    assert_eq!(
        widest(&out),
        90,
        "COLUMNS (set by git under its pager): {out}"
    );
}

#[test]
fn too_narrow_a_width_is_refused() {
    let (code, _, err) = run(cmd().args(FIGURES).args(["--width", "10"]));
    assert_eq!(code, 2);
    assert!(err.contains("--width"), "{err}");
}

#[test]
fn side_by_side_respects_context_and_colour() {
    let base = ["--layout", "side-by-side", "--width", "100"];
    let (_, all, _) = run(cmd().args(FIGURES).args(base).args(["--context", "all"]));
    let (_, none, _) = run(cmd().args(FIGURES).args(base).args(["--context", "0"]));
    assert!(
        !all.contains('⋯') && none.contains("⋯ 2 unchanged sentences"),
        "{none}"
    );
    assert!(all.lines().count() > none.lines().count());
    assert!(!all.contains('\x1b'));
    let (_, colored, _) = run(cmd().args(FIGURES).args(base).args(["--color", "always"]));
    assert!(colored.contains("\x1b[1;32m1.5bn\x1b[0m"), "{colored}");
}

#[test]
fn side_by_side_shows_control_and_bidi_characters_escaped() {
    let (_dir, old, new) = pair(
        "We met today. It is fine.\n",
        "We met today. It is \x1b[31mred\u{202E} fine \u{7}now.\n",
    );
    for color in ["never", "always"] {
        let (code, out, _) =
            run(cmd()
                .args([&old, &new])
                .args(["--layout", "side-by-side", "--color", color]));
        assert_eq!(code, 1);
        assert!(out.contains("\\x1b[31mred<U+202E>"), "{out}");
        assert!(out.contains("\\x07now"), "{out}");
        assert!(!out.contains('\u{202E}') && !out.contains('\u{7}'), "{out}");
        assert!(!out.contains("\x1b[31m"), "the input's escape is never raw");
    }
}

#[test]
fn markdown_output_has_a_table_and_escapes_the_text() {
    let (code, out, _) = run(cmd().args(FIGURES).args(["--format", "markdown"]));
    assert_eq!(code, 1);
    // File names too are inert on GitHub: `.` before a letter is escaped and followed by an
    // invisible break (no `figures.txt` link).
    assert!(
        out.starts_with(
            "### claimdiff: seeds/figures\\.&#8203;txt → seeds/figures\\.&#8203;new\\.&#8203;txt\n"
        ),
        "{out}"
    );
    assert!(out.contains("| reworded | 7 |"), "{out}");
    assert!(out.contains("| negation | 3 |"), "{out}");
    assert!(out.contains("<del>1.2bn</del><ins>1.5bn</ins>"), "{out}");

    let (_dir, old, new) = pair(
        "Say hi. It is *so*.\n",
        "Say hi. It is <script>x()</script> *so* _a_ | `b` [c](d).\n",
    );
    let (_, out, _) = run(cmd().args([&old, &new, "--format", "md"]));
    assert!(!out.contains("<script>"), "{out}");
    assert!(
        out.contains(
            "&lt;script&gt;x\\(\\)&lt;/script&gt; \\*so\\* \\_a\\_ \\| \\`b\\` \\[c\\]\\(d\\)"
        ),
        "{out}"
    );
}

/// Subcommands and a flag that completions and the man page must mention.
const NAMES: [&str; 5] = ["segment", "batch", "completions", "man", "layout"];

#[test]
fn completions_for_each_shell_name_the_subcommands() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let (code, out, err) = run(cmd().args(["completions", shell]));
        assert_eq!(code, 0, "{shell}: {err}");
        for word in NAMES.iter().chain(&["no-pager"]) {
            assert!(out.contains(word), "{shell} completion lacks {word}");
        }
    }
    let (code, _, err) = run(cmd().args(["completions", "tcsh"]));
    assert_eq!(code, 2);
    assert!(err.contains("tcsh"), "{err}");
}

#[test]
fn man_page_is_roff_and_names_the_subcommands_and_flags() {
    let (code, out, _) = run(cmd().arg("man"));
    assert_eq!(code, 0);
    assert!(out.contains(".TH claimdiff"), "{out}");
    // roff writes a dash in an option name as `\-`.
    for word in NAMES.iter().chain(&["no\\-pager"]) {
        assert!(out.contains(word), "man page lacks {word}");
    }
}

/// A pager command that leaves a file behind when it runs.
fn marker_pager(dir: &TempDir) -> (String, PathBuf) {
    let marker = dir.path().join("pager-ran");
    (format!("touch '{}'; cat", marker.display()), marker)
}

#[test]
fn no_pager_when_stdout_is_not_a_terminal() {
    let dir = TempDir::new().unwrap();
    let (pager, marker) = marker_pager(&dir);
    for var in ["PAGER", "CLAIMDIFF_PAGER"] {
        let (code, out, _) = run(cmd().args(FIGURES).env(var, &pager));
        assert_eq!(code, 1);
        assert!(out.contains("7 reworded"), "written directly: {out}");
        assert!(!marker.exists(), "{var}: no pager for a pipe");
    }
    let (code, _, _) = run(cmd().args(FIGURES).arg("--no-pager").env("PAGER", &pager));
    assert_eq!(code, 1);
    assert!(!marker.exists());
}

/// Run the binary with `args` and stdout on a pseudo-terminal (through util-linux
/// `script`), with `CLAIMDIFF_PAGER` set to `pager`; `None` when `script` is missing.
fn on_tty(args: &str, pager: &str) -> Option<String> {
    let probe = std::process::Command::new("script")
        .arg("--version")
        .output();
    if probe.is_err() {
        eprintln!("`script` not available: skipping the pseudo-terminal pager check");
        return None;
    }
    let line = format!("{} {args}", env!("CARGO_BIN_EXE_claimdiff"));
    let out = std::process::Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .current_dir(root())
        .env("TERM", "xterm")
        .env("CLAIMDIFF_PAGER", pager)
        .env_remove("LESS")
        .stdin(std::process::Stdio::null())
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn pager_on_a_terminal_with_less_defaults_and_no_pager_flag() {
    let dir = TempDir::new().unwrap();
    let less = dir.path().join("less-env");
    // A pager that notes the LESS it was given, then shows its input.
    let pager = format!("printf %s \"$LESS\" > '{}'; cat", less.display());
    let args = "seeds/figures.txt seeds/figures.new.txt";
    let Some(out) = on_tty(args, &pager) else {
        return;
    };
    assert!(out.contains("7 reworded"), "{out:?}");
    assert_eq!(std::fs::read_to_string(&less).unwrap(), "FRX");

    std::fs::remove_file(&less).unwrap();
    let out = on_tty(&format!("{args} --no-pager"), &pager).unwrap();
    assert!(out.contains("7 reworded"), "{out:?}");
    assert!(!less.exists(), "--no-pager");
    let out = on_tty(&format!("{args} --format json"), &pager).unwrap();
    assert!(out.contains("\"version\""), "{out:?}");
    assert!(!less.exists(), "JSON is not paged");

    // A pager that cannot be started: the output is written directly.
    let out = on_tty(args, "claimdiff-no-such-pager -R").unwrap();
    assert!(out.contains("7 reworded"), "{out:?}");
}

fn hex() -> &'static str {
    "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"
}

#[test]
fn git_seven_argument_form_exits_0_and_names_the_file() {
    let old = root().join(FIGURES[0]);
    let new = root().join(FIGURES[1]);
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    let args = ["notes.txt", old, hex(), "100644", new, hex(), "100644"];
    let (code, out, _) = run(cmd().args(args));
    assert_eq!(code, 0, "git aborts on a non-zero exit");
    assert!(
        out.starts_with("claimdiff a/notes.txt b/notes.txt\n"),
        "{out}"
    );
    assert!(out.contains("7 reworded"));

    // Options written before git's arguments apply.
    let (code, out, _) = run(cmd().args(["--format", "json"]).args(args));
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["old"]["path"], "a/notes.txt");

    // An added file: the old side is /dev/null.
    let added = ["new.txt", "/dev/null", ".", ".", new, hex(), "100644"];
    let (code, out, _) = run(cmd().args(added));
    assert_eq!(code, 0);
    assert!(out.trim_end().ends_with("\n10 added"), "{out}");
    assert!(
        out.lines().filter(|l| l.starts_with("+ ")).count() > 5,
        "{out}"
    );
}

#[test]
fn git_form_still_reports_trouble() {
    let missing = Path::new("no-such-file.txt").display().to_string();
    let args = [
        "x.txt",
        &missing,
        hex(),
        "100644",
        FIGURES[1],
        hex(),
        "100644",
    ];
    let (code, _, err) = run(cmd().args(args));
    assert_eq!(code, 2);
    assert!(err.contains("no-such-file.txt"), "{err}");
}

//! claimdiff run by real git in a temporary repository: as `GIT_EXTERNAL_DIFF`, as a
//! `diff.<driver>.command` chosen by `.gitattributes`, and as `git difftool -x`.
//! Skipped (with a note) when git is not installed.

use std::path::Path;
use std::process::{Command, Output};

use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_claimdiff");

/// `BIN` quoted for the shell through which git runs external commands.
fn quoted_bin() -> String {
    format!("'{}'", BIN.replace('\'', r"'\''"))
}

fn git_available() -> bool {
    Command::new("git").arg("--version").output().is_ok()
}

/// git in `repo`, isolated from the user's and the system's configuration.
fn git(repo: &Path, args: &[&str]) -> Command {
    let mut c = Command::new("git");
    c.current_dir(repo)
        .args(args)
        .env("HOME", repo)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", repo.join(".no-global-config"))
        .env("GIT_PAGER", "cat")
        .env_remove("GIT_EXTERNAL_DIFF")
        .env_remove("COLUMNS")
        .env_remove("NO_COLOR");
    c
}

fn ok(mut c: Command) -> String {
    let out: Output = c.output().expect("git runs");
    assert!(
        out.status.success(),
        "{c:?} failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// A repository with `notes.txt`, `gone.txt` committed, then `notes.txt` reworded; `None`
/// (the test is skipped, with a note) when git is not installed.
fn repo() -> Option<TempDir> {
    if !git_available() {
        eprintln!("git not installed: skipped");
        return None;
    }
    let dir = TempDir::new().unwrap();
    let p = dir.path();
    ok(git(p, &["init", "-q"]));
    ok(git(p, &["config", "user.email", "test@example.org"]));
    ok(git(p, &["config", "user.name", "Test"]));
    std::fs::write(
        p.join("notes.txt"),
        "The council met on Monday. It approved a budget of $1.2bn. Nobody objected.\n",
    )
    .unwrap();
    std::fs::write(p.join("gone.txt"), "This file will be deleted.\n").unwrap();
    ok(git(p, &["add", "."]));
    ok(git(p, &["commit", "-q", "-m", "first"]));
    std::fs::write(
        p.join("notes.txt"),
        "The council met on Monday. It approved a budget of $1.5bn. Nobody objected.\n",
    )
    .unwrap();
    Some(dir)
}

#[test]
fn git_external_diff_shows_sentence_changes_and_exits_0() {
    let Some(dir) = repo() else { return };
    let p = dir.path();
    let mut c = git(p, &["diff"]);
    c.env("GIT_EXTERNAL_DIFF", BIN);
    let out = ok(c);
    assert!(
        out.starts_with("claimdiff a/notes.txt b/notes.txt\n"),
        "{out}"
    );
    assert!(
        out.contains("~ It approved a budget of $[-1.2bn-]{+1.5bn+}."),
        "{out}"
    );
    assert!(out.contains("2 unchanged, 1 reworded"), "{out}");

    // Options in the configured command; an added and a deleted file (git passes /dev/null).
    std::fs::write(p.join("added.txt"), "A new file. It has two sentences.\n").unwrap();
    ok(git(p, &["add", "added.txt"]));
    ok(git(p, &["rm", "-q", "gone.txt"]));
    let mut c = git(p, &["diff", "--cached"]);
    c.env(
        "GIT_EXTERNAL_DIFF",
        format!("{} --layout side-by-side --width 60", quoted_bin()),
    );
    let out = ok(c);
    assert!(
        out.contains("a/added.txt") && out.contains("b/added.txt"),
        "{out}"
    );
    assert!(out.contains("+ ") && out.contains("│ A new file."), "{out}");
    assert!(out.contains("- This file will be deleted."), "{out}");
    assert!(
        out.contains("2 added") && out.contains("1 removed"),
        "{out}"
    );
    // The second file of the run starts after a blank line (GIT_DIFF_PATH_COUNTER).
    assert!(out.contains("2 added\n\n  a/gone.txt "), "{out}");
}

#[test]
fn gitattributes_driver_for_txt_and_md() {
    let Some(dir) = repo() else { return };
    let p = dir.path();
    std::fs::write(
        p.join(".gitattributes"),
        "*.txt diff=claimdiff\n*.md diff=claimdiff\n",
    )
    .unwrap();
    ok(git(p, &["config", "diff.claimdiff.command", &quoted_bin()]));
    let out = ok(git(p, &["diff"]));
    assert!(out.contains("claimdiff a/notes.txt b/notes.txt"), "{out}");
    assert!(out.contains("{+1.5bn+}"), "{out}");
    // `--no-ext-diff` gives git's own line diff back.
    let out = ok(git(p, &["diff", "--no-ext-diff"]));
    assert!(
        out.contains("-The council met") && !out.contains("{+"),
        "{out}"
    );
}

#[test]
fn git_difftool_runs_claimdiff_on_each_file() {
    let Some(dir) = repo() else { return };
    let out = ok(git(
        dir.path(),
        &["difftool", "--no-prompt", "-x", &quoted_bin()],
    ));
    assert!(out.contains("$[-1.2bn-]{+1.5bn+}"), "{out}");
}

#[test]
fn tracked_files_named_like_options_are_paths() {
    let Some(dir) = repo() else { return };
    let p = dir.path();
    for name in ["-", "--stat", "--format", "-x"] {
        std::fs::write(p.join(name), "Rain fell in March. Wind blew.\n").unwrap();
    }
    ok(git(p, &["add", "--", "-", "--stat", "--format", "-x"]));
    ok(git(p, &["commit", "-q", "-m", "odd names"]));
    for name in ["-", "--stat", "--format", "-x"] {
        std::fs::write(p.join(name), "Rain fell in May. Wind blew.\n").unwrap();
    }
    let mut c = git(p, &["diff"]);
    c.env("GIT_EXTERNAL_DIFF", BIN)
        .stdin(std::process::Stdio::null());
    let out = ok(c);
    for name in ["-", "--stat", "--format", "-x"] {
        assert!(
            out.contains(&format!("claimdiff a/{name} b/{name}\n")),
            "{name}: {out}"
        );
    }
    assert_eq!(
        out.matches("~ Rain fell in [-March-]{+May+}.").count(),
        4,
        "{out}"
    );
}

//! Hardening (issue #16), end to end with the binary: memory bounded by `--max-bytes` on
//! every input path (under a memory cap), no panic or hang on hostile output targets and
//! arguments, nothing from the input reaching a terminal raw (in a pty where it matters),
//! JSON escaping of C1 and format controls, exact batch ids, and the HTML page's CSP.
//! The Markdown (cmark-gfm) checks are in `tests/markdown_inert.rs`, git paths in
//! `tests/git.rs`.

use crate::common;

use std::io::{Read, Write};
use std::process::{Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use common::{cmd, root, write};
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_claimdiff");

/// Address-space cap (KiB, for `ulimit -v`) of the memory-capped runs: far above what a
/// refusal needs (the binary maps about 100 MB of code, stacks and allocator arenas), far
/// below what reading an endless input whole would take.
const MEMORY_CAP_KB: u64 = 1024 * 1024;

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// `script` (a shell command line) under `sh -c` with the address space capped at
/// [`MEMORY_CAP_KB`]; `$BIN` is the claimdiff binary.
fn capped(script: &str) -> Run {
    let out = StdCommand::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_CAP_KB}; {script}"))
        .env("BIN", BIN)
        .current_dir(root())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn assert_refused(r: &Run, name: &str) {
    assert_eq!(r.code, Some(2), "stderr: {}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains(name), "{}", r.stderr);
    assert!(
        r.stderr.contains("more than the limit of 1000 bytes"),
        "{}",
        r.stderr
    );
}

// ---------------------------------------------------------------- 1. memory

#[test]
fn endless_file_is_refused_within_the_memory_cap() {
    let dir = TempDir::new().unwrap();
    let small = write(&dir, "small.txt", b"A short text. Two sentences.\n");
    let small = small.display();
    for script in [
        format!("exec \"$BIN\" /dev/zero '{small}' --max-bytes 1000"),
        format!("exec \"$BIN\" '{small}' /dev/zero --max-bytes 1000 --text"),
        "exec \"$BIN\" segment /dev/zero --max-bytes 1000".to_owned(),
        format!("exec \"$BIN\" check /dev/zero --against '{small}' --max-bytes 1000"),
        format!("exec \"$BIN\" check '{small}' --against /dev/zero --max-bytes 1000"),
    ] {
        let r = capped(&script);
        assert_refused(&r, "/dev/zero");
    }
}

#[test]
fn endless_stdin_is_refused_within_the_memory_cap() {
    let r = capped("exec \"$BIN\" - seeds/statement.txt --max-bytes 1000 < /dev/zero");
    assert_refused(&r, "-");
    let r = capped("yes 'More text.' | \"$BIN\" segment - --max-bytes 1000");
    assert_refused(&r, "-");
}

#[test]
fn growing_file_is_read_no_further_than_the_limit() {
    // A file that grows while claimdiff reads it: a writer appends without end.
    let dir = TempDir::new().unwrap();
    let grow = dir.path().join("grow.txt");
    std::fs::write(&grow, "Start.\n").unwrap();
    let path = grow.display().to_string();
    let r = capped(&format!(
        "(while :; do echo 'More words here.' >> '{path}' || exit; done) & w=$!; \
         sleep 0.2; \"$BIN\" '{path}' seeds/statement.txt --max-bytes 1000; c=$?; kill $w; exit $c"
    ));
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(r.stderr.contains("grow.txt"), "{}", r.stderr);
    assert!(r.stderr.contains("more than the limit"), "{}", r.stderr);
}

#[test]
fn regular_file_over_the_limit_is_refused_before_it_is_read() {
    // A sparse 100 GiB file: refused from its size, in no time and no memory (reading it
    // would exceed the memory cap long before the end).
    let dir = TempDir::new().unwrap();
    let big = dir.path().join("big.txt");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(100 << 30).unwrap();
    drop(f);
    let r = capped(&format!(
        "exec \"$BIN\" '{}' seeds/statement.txt --max-bytes 1000",
        big.display()
    ));
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("input is 107374182400 bytes, more than the limit of 1000 bytes"),
        "{}",
        r.stderr
    );
}

#[test]
fn batch_endless_line_is_one_error_object_within_the_memory_cap() {
    let r = capped("head -c 50000000 /dev/zero | \"$BIN\" batch --max-bytes 1000");
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", r.stdout);
    let v: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(v["line"], 1);
    assert!(
        v["error"]
            .as_str()
            .unwrap()
            .contains("longer than the limit"),
        "{v}"
    );
}

#[test]
fn batch_million_empty_strings_is_refused_and_the_good_lines_are_kept() {
    let dir = TempDir::new().unwrap();
    let mut input = String::from("{\"id\":1,\"old\":\"A b.\",\"new\":\"A c.\"}\n");
    input.push_str("{\"id\":2,\"old\":[");
    input.push_str(&vec!["\"\""; 1_000_000].join(","));
    input.push_str("],\"new\":\"x\"}\n");
    input.push_str("{\"id\":3,\"old\":\"A b.\",\"new\":\"A b.\"}\n");
    let file = write(&dir, "in.jsonl", input.as_bytes());
    let r = capped(&format!(
        "exec \"$BIN\" batch --max-bytes 100000 '{}'",
        file.display()
    ));
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    let lines: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "{}", r.stdout);
    assert_eq!(lines[0]["id"], 1);
    assert!(lines[0].get("changes").is_some());
    assert_eq!(lines[1]["id"], serde_json::Value::Null);
    assert_eq!(lines[1]["line"], 2);
    assert_eq!(lines[2]["id"], 3);
    assert!(lines[2].get("changes").is_some());
}

// ---------------------------------------------------------------- 2. panics and hangs

fn to_dev_full(args: &[&str]) -> Option<Run> {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .ok()?;
    let out = StdCommand::new(BIN)
        .args(args)
        .current_dir(root())
        .stdout(full)
        .output()
        .unwrap();
    Some(Run {
        code: out.status.code(),
        stdout: String::new(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    })
}

#[test]
fn writing_to_a_full_disk_exits_2_with_a_message() {
    for args in [
        &["completions", "bash"][..],
        &["completions", "zsh"],
        &["man"],
        &["--help"],
        &["--version"],
        &["segment", "--help"],
        &["seeds/statement.txt", "seeds/statement.new.txt"],
        &["segment", "--format", "json", "seeds/statement.txt"],
    ] {
        let Some(r) = to_dev_full(args) else {
            eprintln!("no /dev/full: skipped");
            return;
        };
        assert_eq!(r.code, Some(2), "{args:?}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"), "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.starts_with("claimdiff: ") && r.stderr.contains("No space left on device"),
            "{args:?}: {}",
            r.stderr
        );
        assert_eq!(r.stderr.lines().count(), 1, "{args:?}: {}", r.stderr);
    }
}

#[test]
fn huge_columns_is_clamped_in_side_by_side() {
    for columns in ["131080", "200000", "99999999999"] {
        let r = cmd()
            .env("COLUMNS", columns)
            .args(["--layout", "side-by-side"])
            .args(["seeds/statement.txt", "seeds/statement.new.txt"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&r.stderr);
        assert_eq!(r.status.code(), Some(1), "COLUMNS={columns}: {stderr}");
        let out = String::from_utf8_lossy(&r.stdout);
        let widest = out.lines().map(|l| l.chars().count()).max().unwrap_or(0);
        assert!(
            widest <= claimdiff::render::side_by_side::MAX_WIDTH,
            "COLUMNS={columns}: a line of {widest} columns"
        );
    }
}

#[test]
fn batch_many_jobs_is_capped_and_finishes() {
    let mut child = StdCommand::new(BIN)
        .args(["batch", "--jobs", "10000"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for k in 0..50 {
        writeln!(stdin, r#"{{"id":{k},"old":"A b. C d.","new":"A b. C e."}}"#).unwrap();
    }
    drop(stdin);
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(30) {
            child.kill().unwrap();
            panic!("batch --jobs 10000 did not finish in 30 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 50);
}

/// Spawn `args`, read `n` bytes of stdout, close the pipe; the exit status and stderr.
fn read_then_close(args: &[&str], n: usize) -> (Option<i32>, String) {
    let mut child = StdCommand::new(BIN)
        .args(args)
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut buf = vec![0; n];
    stdout.read_exact(&mut buf).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn closed_pipe_ends_every_json_output_quietly() {
    let dir = TempDir::new().unwrap();
    let mut text = String::new();
    for i in 0..4000 {
        text.push_str(&format!(
            "Sentence number {i} talks about item {i} at length. "
        ));
    }
    let big = write(&dir, "big.txt", text.as_bytes());
    // Every sentence reworded: every format's output is far more than a pipe holds.
    let other = write(
        &dir,
        "other.txt",
        text.replace("talks", "speaks").as_bytes(),
    );
    let (big, other) = (big.to_str().unwrap(), other.to_str().unwrap());
    for args in [
        &["segment", "--format", "json", big][..],
        &["segment", big],
        &["--format", "json", big, other],
        &["--format", "html", big, other],
        &["--format", "markdown", big, other],
        &["check", "--format", "json", big, "--against", other],
        &["check", "--format", "html", big, "--against", other],
        &["check", big, "--against", other],
    ] {
        let (code, stderr) = read_then_close(args, 1);
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}

// ---------------------------------------------------------------- 3. terminal

const OSC: &str = "\x1b]0;pwned\x07";

fn assert_no_raw_controls(s: &str, what: &str) {
    assert!(
        !s.chars()
            .any(|c| (c.is_control() && c != '\n') || is_format(c)),
        "{what}: {s:?}"
    );
}

/// Unicode category Cf (format), as listed by the Unicode 16 character database; written
/// out here independently of the library's table.
fn is_format(c: char) -> bool {
    matches!(c as u32,
        0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x890..=0x891 | 0x8E2 | 0x180E
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F | 0xFEFF
        | 0xFFF9..=0xFFFB | 0x110BD | 0x110CD | 0x13430..=0x1343F | 0x1BCA0..=0x1BCA3
        | 0x1D173..=0x1D17A | 0xE0001 | 0xE0020..=0xE007F)
}

#[test]
fn file_names_in_warnings_and_summaries_are_escaped() {
    let dir = TempDir::new().unwrap();
    let name = format!("bad{OSC}\u{202E}.txt");
    let bad = write(&dir, &name, b"One \xFF two.\n");
    let r = cmd()
        .args(["--lossy"])
        .arg(&bad)
        .arg("seeds/statement.txt")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(stderr.contains("warning"), "{stderr}");
    assert_no_raw_controls(&stderr, "lossy warning");
    let lines = write(&dir, &format!("in{OSC}.jsonl"), b"{bad\n");
    let r = cmd().arg("batch").arg(&lines).output().unwrap();
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(2));
    assert!(stderr.contains("some lines"), "{stderr}");
    assert_no_raw_controls(&stderr, "batch summary");
}

#[test]
fn bad_arguments_are_not_echoed_raw() {
    for args in [
        vec!["--format".to_owned(), format!("x{OSC}")],
        vec![format!("--bogus{OSC}")],
        vec!["--context".to_owned(), format!("{OSC}\u{E0041}")],
        vec![
            "segment".to_owned(),
            "--format".to_owned(),
            OSC.to_owned(),
            "a".to_owned(),
        ],
        vec![
            "--format".to_owned(),
            "\u{9B}31m\u{202E}x\u{E0041}".to_owned(),
        ],
    ] {
        let r = cmd().args(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&r.stderr);
        assert_eq!(r.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("error"), "{stderr}");
        assert_no_raw_controls(&stderr, "clap error");
    }
}

/// Run `args` (shell words, already quoted) on a pseudo-terminal with `script`; its output.
fn on_tty(args: &str) -> Option<String> {
    if StdCommand::new("script").arg("--version").output().is_err() {
        eprintln!("`script` not available: skipping the pseudo-terminal check");
        return None;
    }
    let out = StdCommand::new("script")
        .args(["-qec", &format!("'{BIN}' {args}"), "/dev/null"])
        .current_dir(root())
        .env("TERM", "xterm")
        .env("CLAIMDIFF_PAGER", "cat")
        .stdin(Stdio::null())
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn on_a_terminal_bad_arguments_and_format_characters_are_shown_escaped() {
    let Some(tty) = on_tty("--format \"$(printf 'x\\033]0;pwned\\007')\" a b") else {
        return;
    };
    assert!(tty.contains("invalid value"), "{tty:?}");
    assert!(!tty.contains(OSC) && !tty.contains('\x07'), "{tty:?}");
    // Tag characters (U+E0000..U+E007F) can spell a hidden " not"; other format characters.
    let dir = TempDir::new().unwrap();
    let hidden: String = " not"
        .chars()
        .map(|c| char::from_u32(0xE0000 + c as u32).unwrap())
        .collect();
    let old = write(&dir, "old.txt", b"The plan is legal. Fine.\n");
    let new_text = format!("The plan is{hidden} legal\u{200D}\u{2062}\u{FFF9}\u{206A}. Fine.\n");
    let new = write(&dir, "new.txt", new_text.as_bytes());
    let tty = on_tty(&format!(
        "--color always --context all '{}' '{}'",
        old.display(),
        new.display()
    ))
    .unwrap();
    assert!(!tty.chars().any(is_format), "{tty:?}");
    for shown in [
        "<U+E0020>",
        "<U+E006E>",
        "<U+200D>",
        "<U+2062>",
        "<U+FFF9>",
        "<U+206A>",
    ] {
        assert!(tty.contains(shown), "{shown}: {tty:?}");
    }
    let tty = on_tty(&format!("segment '{}'", new.display())).unwrap();
    assert!(
        !tty.chars().any(is_format) && tty.contains("<U+E0074>"),
        "{tty:?}"
    );
}

const HOSTILE: &str =
    "Plain one. Bad \u{85}c1\u{9B}31m and \u{202E}bidi\u{2066} \u{E0041}tag\u{200D} \u{2028}sep.\n";

fn assert_json_escaped(out: &str, what: &str) {
    assert!(
        !out.chars().any(|c| ('\u{80}'..='\u{9F}').contains(&c)
            || is_format(c)
            || c == '\u{2028}'
            || c == '\u{2029}'),
        "{what}: raw control in {out:?}"
    );
    for esc in [
        "\\u0085",
        "\\u009b",
        "\\u202e",
        "\\u2066",
        "\\udb40\\udc41",
        "\\u200d",
        "\\u2028",
    ] {
        assert!(out.contains(esc), "{what}: no {esc} in {out}");
    }
}

#[test]
fn json_escapes_c1_and_format_controls_everywhere() {
    let dir = TempDir::new().unwrap();
    let old = write(&dir, "old.txt", b"Plain one. Calm.\n");
    let new = write(&dir, "new.txt", HOSTILE.as_bytes());
    let r = cmd()
        .args(["--format", "json"])
        .arg(&old)
        .arg(&new)
        .output()
        .unwrap();
    let out = String::from_utf8(r.stdout).unwrap();
    assert_json_escaped(&out, "diff");
    let rep: claimdiff::render::json::JsonReport = serde_json::from_str(&out).unwrap();
    assert_eq!(rep.new.rebuild(), HOSTILE);
    let r = cmd()
        .args(["segment", "--format", "json"])
        .arg(&new)
        .output()
        .unwrap();
    assert_json_escaped(&String::from_utf8(r.stdout).unwrap(), "segment");
    let r = cmd()
        .args(["check", "--format", "json"])
        .arg(&new)
        .arg("--against")
        .arg(&new)
        .output()
        .unwrap();
    assert_json_escaped(&String::from_utf8(r.stdout).unwrap(), "check");
    let line = serde_json::json!({"id": "\u{202E}x\u{85}", "old": "Plain one.", "new": HOSTILE});
    let r = cmd()
        .arg("batch")
        .write_stdin(format!(
            "{line}\n{{\"id\":\"\u{9B}\u{E0041}\",\"old\":1}}\n"
        ))
        .output()
        .unwrap();
    let out = String::from_utf8(r.stdout).unwrap();
    assert_json_escaped(&out, "batch");
    let first: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(first["id"], "\u{202E}x\u{85}");
    assert!(out.contains("\\u009b\\udb40\\udc41"), "{out}");
}

// ---------------------------------------------------------------- 6. batch ids

#[test]
fn batch_ids_are_copied_exactly() {
    let ids = [
        "123456789012345678901234567890",
        "-98765432109876543210",
        "1.50",
        "1e400",
        "0.1000000000000000055511151231257827",
        "{\"a\": [1, 2.0, 18446744073709551616]}",
        "\"\\u00e9 \\/\"",
    ];
    let mut input = String::new();
    for id in ids {
        input.push_str(&format!(
            "{{\"id\": {id}, \"old\": \"A b.\", \"new\": \"A c.\"}}\n"
        ));
    }
    // The id of a bad line too.
    input.push_str("{\"id\": 99999999999999999999, \"old\": 3, \"new\": \"x\"}\n");
    let r = cmd().arg("batch").write_stdin(input).output().unwrap();
    let out = String::from_utf8(r.stdout).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), ids.len() + 1, "{out}");
    for (line, id) in lines.iter().zip(ids) {
        assert!(line.starts_with(&format!("{{\"id\":{id},")), "{id}: {line}");
    }
    assert!(
        lines[ids.len()].starts_with("{\"id\":99999999999999999999,\"line\":8,"),
        "{}",
        lines[ids.len()]
    );
}

// ---------------------------------------------------------------- 7. HTML CSP

/// base64 of the SHA-256 of `text`, with coreutils' `sha256sum`; `None` when absent.
fn sha256_base64(text: &str) -> Option<String> {
    let mut child = StdCommand::new("sha256sum")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(text.as_bytes()).ok()?;
    let out = child.wait_with_output().ok()?;
    let hex = String::from_utf8(out.stdout).ok()?;
    let bytes: Vec<u8> = (0..64)
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect();
    const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut s = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().fold(0u32, |n, &b| n << 8 | u32::from(b)) << (8 * (3 - chunk.len()));
        for k in 0..4 {
            if k <= chunk.len() {
                s.push(ABC[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                s.push('=');
            }
        }
    }
    Some(s)
}

/// The contents of every `<tag>...</tag>` of `html`.
fn inline(html: &str, tag: &str) -> Vec<String> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    html.match_indices(&open)
        .map(|(i, _)| {
            let start = i + open.len();
            let end = start + html[start..].find(&close).unwrap();
            html[start..end].to_owned()
        })
        .collect()
}

#[test]
fn html_csp_allows_only_the_pages_own_script_and_style() {
    let dir = TempDir::new().unwrap();
    let old = write(&dir, "old.txt", b"One. Two.\n");
    let new = write(&dir, "new.txt", b"One. Three.\n");
    let diff = cmd()
        .args(["--format", "html"])
        .arg(&old)
        .arg(&new)
        .output()
        .unwrap();
    let check = cmd()
        .args(["check", "--format", "html"])
        .arg(&new)
        .arg("--against")
        .arg(&old)
        .output()
        .unwrap();
    for out in [diff.stdout, check.stdout] {
        let html = String::from_utf8(out).unwrap();
        let start = html.find("Content-Security-Policy\" content=\"").unwrap() + 34;
        let csp = &html[start..start + html[start..].find('"').unwrap()];
        assert!(!csp.contains("unsafe"), "{csp}");
        for part in [
            "default-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ] {
            assert!(csp.contains(part), "{csp}");
        }
        let (scripts, styles) = (inline(&html, "script"), inline(&html, "style"));
        assert_eq!((scripts.len(), styles.len()), (1, 1));
        let Some(script_hash) = sha256_base64(&scripts[0]) else {
            eprintln!("no sha256sum: hashes not checked");
            return;
        };
        let style_hash = sha256_base64(&styles[0]).unwrap();
        assert!(
            csp.contains(&format!("script-src 'sha256-{script_hash}'")),
            "{csp}"
        );
        assert!(
            csp.contains(&format!("style-src 'sha256-{style_hash}'")),
            "{csp}"
        );
    }
}

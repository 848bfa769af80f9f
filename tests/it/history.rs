//! `claimdiff history`: CLI (exit codes, formats, inputs, bad input), snapshots of the views,
//! the real 10-version history of tests/data/history, and properties (a history of two
//! versions agrees with `compare`; a history of one text repeated has no change; every sentence
//! of every version is in exactly one claim).

use std::path::Path;

use claimdiff::history::{Claim, EventKind, History, history_texts};
use claimdiff::render::history::{
    HistoryHtml, HistoryJson, HistoryReport, HistoryTerminal, to_string,
};
use claimdiff::{ChangeKind, ClaimType, Options, compare_texts};
use proptest::prelude::*;
use tempfile::TempDir;

use crate::common;
use common::{cmd, write};

/// Exit code, stdout, stderr.
fn run(args: &[&str]) -> (i32, String, String) {
    let out = cmd().args(args).output().expect("runs");
    (
        out.status.code().expect("exited normally"),
        String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    )
}

const V1: &str = "The council met on Monday. More than 60 people came. The mayor resigned after the vote. It rained.\n";
const V2: &str = "The council met on Monday. Nearly 70 people came. It rained.\n";
const V3: &str =
    "The council met on Monday. Nearly 70 people came. It rained. Residents planted trees.\n";
const V4: &str = "The council met on Monday. Nearly 70 people came. The mayor resigned after the vote. It rained.\n";

fn fixture() -> (TempDir, Vec<String>) {
    let dir = TempDir::new().unwrap();
    let paths = [V1, V2, V3, V4]
        .iter()
        .enumerate()
        .map(|(k, t)| {
            write(&dir, &format!("v{}.txt", k + 1), t.as_bytes())
                .display()
                .to_string()
        })
        .collect();
    (dir, paths)
}

fn report(stdout: &str) -> HistoryReport {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("bad JSON ({e}): {stdout}"))
}

#[test]
fn changes_exit_1_and_json_has_every_timeline() {
    let (_dir, paths) = fixture();
    let mut args = vec!["history", "--format", "json"];
    args.extend(paths.iter().map(String::as_str));
    let (code, out, err) = run(&args);
    assert_eq!(code, 1, "{err}");
    let r = report(&out);
    assert_eq!(r.kind, "history");
    assert_eq!(r.version, 1);
    assert_eq!(r.versions.len(), 4);
    assert_eq!(r.versions[2].path, paths[2]);
    let mayor = r
        .claims
        .iter()
        .find(|c| c.texts[0].as_deref() == Some("The mayor resigned after the vote."))
        .unwrap();
    let events: Vec<(usize, EventKind)> =
        mayor.events.iter().map(|e| (e.version, e.event)).collect();
    assert_eq!(
        events,
        [
            (0, EventKind::Appeared),
            (1, EventKind::Removed),
            (3, EventKind::Returned)
        ]
    );
    let people = r
        .claims
        .iter()
        .find(|c| c.texts[0].as_deref() == Some("More than 60 people came."))
        .unwrap();
    assert_eq!(people.events[1].change, Some(ChangeKind::Reworded));
    assert_eq!(people.events[1].claim_changes[0].kind, ClaimType::Number);
    assert_eq!(r.stats.returned, 1);
    assert_eq!(r.stats.versions, 4);
}

#[test]
fn identical_versions_exit_0() {
    let dir = TempDir::new().unwrap();
    let a = write(&dir, "a.txt", V1.as_bytes());
    let b = write(&dir, "b.txt", V1.as_bytes());
    let c = write(&dir, "c.txt", V1.as_bytes());
    let (code, out, _) = run(&[
        "history",
        "--color",
        "never",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        c.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    assert!(
        out.contains("4 claims unchanged through all 3 versions (folded)"),
        "{out}"
    );
}

#[test]
fn html_is_one_page_with_filters() {
    let (_dir, paths) = fixture();
    let mut args = vec!["history", "--format", "html"];
    args.extend(paths.iter().map(String::as_str));
    let (code, out, _) = run(&args);
    assert_eq!(code, 1);
    assert!(out.starts_with("<!DOCTYPE html>"));
    assert!(out.contains("name=\"viewport\""));
    assert!(out.contains("data-f=\"number\""));
    assert!(out.contains("data-f=\"event-returned\""));
    assert!(out.trim_end().ends_with("</html>"));
}

#[test]
fn only_keeps_claims_with_the_type_and_keeps_the_exit_status() {
    let (_dir, paths) = fixture();
    let mut args = vec!["history", "--format", "json", "--only", "number"];
    args.extend(paths.iter().map(String::as_str));
    let (code, out, _) = run(&args);
    assert_eq!(code, 1);
    let r = report(&out);
    assert_eq!(r.claims.len(), 1);
    assert!(r.left_out > 0);
    assert_eq!(r.stats.claims, r.claims.len() + r.left_out);
    let (code, _, err) = run(&["history", "--only", "colour", &paths[0], &paths[1]]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn a_directory_a_glob_and_a_list_give_the_versions_in_natural_order() {
    let dir = TempDir::new().unwrap();
    for (name, text) in [("v10.txt", V4), ("v2.txt", V2), ("v1.txt", V1)] {
        write(&dir, name, text.as_bytes());
    }
    write(&dir, ".hidden", b"not a version");
    let names = |out: &str| -> Vec<String> {
        report(out)
            .versions
            .iter()
            .map(|v| {
                Path::new(&v.path)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect()
    };
    let d = dir.path().to_str().unwrap();
    let (code, out, err) = run(&["history", "--format", "json", d]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(names(&out), ["v1.txt", "v2.txt", "v10.txt"]);
    let glob = format!("{d}/v*.txt");
    let (_, out, _) = run(&["history", "--format", "json", &glob]);
    assert_eq!(names(&out), ["v1.txt", "v2.txt", "v10.txt"]);
    let list = write(&dir, "list", b"# oldest first\nv2.txt\n\nv1.txt\n");
    let (_, out, _) = run(&[
        "history",
        "--format",
        "json",
        "--from",
        list.to_str().unwrap(),
    ]);
    assert_eq!(names(&out), ["v2.txt", "v1.txt"]);
}

/// Bad input: one line on standard error naming the file, exit 2, nothing on stdout.
fn assert_trouble(args: &[&str], names: &str) {
    let (code, out, err) = run(args);
    assert_eq!(code, 2, "{args:?}: {err}");
    assert!(out.is_empty(), "{out}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains(names), "{err} should name {names}");
}

#[test]
fn bad_input_is_one_line_naming_the_file() {
    let dir = TempDir::new().unwrap();
    let a = write(&dir, "a.txt", V1.as_bytes());
    let a = a.to_str().unwrap();
    let bin = write(&dir, "b.bin", b"text\0with\0nul\0bytes");
    let bin = bin.to_str().unwrap();
    let missing = dir.path().join("missing.txt");
    let missing = missing.to_str().unwrap();
    assert_trouble(&["history", a, missing], "missing.txt");
    assert_trouble(&["history", a, bin], "b.bin");
    assert_trouble(&["history", a], "at least 2 versions");
    assert_trouble(&["history", a], "a.txt");
    assert_trouble(&["history"], "at least 2 versions");
    let empty = TempDir::new().unwrap();
    assert_trouble(&["history", empty.path().to_str().unwrap()], "no file");
    let glob = format!("{}/*.md", dir.path().display());
    assert_trouble(&["history", &glob], "no file matches");
    let list = write(&dir, "list", b"# nothing\n");
    assert_trouble(&["history", "--from", list.to_str().unwrap()], "list");
    assert_trouble(&["history", "--from", missing], "missing.txt");
}

// ---------------------------------------------------------------------------------------
// Snapshots

fn labels(n: usize) -> Vec<String> {
    (1..=n).map(|k| format!("drafts/draft-{k}.txt")).collect()
}

#[test]
fn snapshot_terminal() {
    let h = history_texts(&[V1, V2, V3, V4], &Options::default());
    insta::assert_snapshot!(to_string(&HistoryTerminal { color: false }, &h, &labels(4)));
}

#[test]
fn snapshot_json() {
    let h = history_texts(&[V1, V2, V3, V4], &Options::default());
    let text = to_string(&HistoryJson::default(), &h, &labels(4));
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    insta::assert_snapshot!(serde_json::to_string_pretty(&value).unwrap());
}

#[test]
fn snapshot_html() {
    let h = history_texts(&[V1, V2, V3, V4], &Options::default());
    insta::assert_snapshot!(to_string(&HistoryHtml, &h, &labels(4)));
}

/// The real 10-version history (tests/data/history): its terminal view, as a regression
/// check of the whole pipeline on real text.
#[test]
fn snapshot_real_history() {
    let (code, out, err) = run(&[
        "history",
        "--color",
        "never",
        "--from",
        "tests/data/history/versions.list",
    ]);
    assert_eq!(code, 1, "{err}");
    insta::assert_snapshot!(out);
}

// ---------------------------------------------------------------------------------------
// Properties

/// Sentences from a small vocabulary, so that versions share, reword and drop sentences.
fn sentence() -> impl Strategy<Value = String> {
    const WORDS: &[&str] = &[
        "council", "mayor", "voted", "not", "60", "70", "people", "may", "must", "Paris", "London",
        "very", "the", "report", "said", "budget", "rose", "fell",
    ];
    proptest::collection::vec(proptest::sample::select(WORDS), 2..7).prop_map(|ws| {
        let mut s = ws.join(" ");
        if let Some(c) = s.get(0..1) {
            let up = c.to_uppercase();
            s.replace_range(0..1, &up);
        }
        s.push('.');
        s
    })
}

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(sentence(), 0..7).prop_map(|ss| ss.join(" "))
}

/// Two to four versions, each a text of the same small vocabulary.
fn versions() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec(text(), 2..5)
}

fn claim_of(h: &History, version: usize, sentence: usize) -> &Claim {
    h.claims
        .iter()
        .find(|c| c.sentences[version].contains(&sentence))
        .expect("every sentence is in a claim")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// history([A, B]) says what `compare(A, B)` says: each added sentence starts a claim,
    /// each removed one ends its claim, each paired unit that is not unchanged is one
    /// `changed` event of the same kind and tags on the claim of its first old sentence.
    #[test]
    fn two_versions_agree_with_compare(a in text(), b in text()) {
        let opts = Options::default();
        let h = history_texts(&[&a, &b], &opts);
        let cmp = compare_texts(&a, &b, &opts);
        let mut changed = 0;
        for c in &cmp.changes {
            match (c.old.first(), c.new.first()) {
                (None, Some(_)) => {
                    for &j in &c.new {
                        let claim = claim_of(&h, 1, j);
                        let kinds: Vec<(usize, EventKind)> =
                            claim.events.iter().map(|e| (e.version, e.kind)).collect();
                        prop_assert_eq!(kinds, vec![(1, EventKind::Appeared)]);
                    }
                }
                (Some(_), None) => {
                    for &i in &c.old {
                        let claim = claim_of(&h, 0, i);
                        prop_assert!(claim.sentences[1].is_empty());
                        prop_assert_eq!(claim.events.last().map(|e| (e.version, e.kind)),
                            Some((1, EventKind::Removed)));
                    }
                }
                (Some(&i), Some(_)) => {
                    let claim = claim_of(&h, 0, i);
                    prop_assert_eq!(&claim.sentences[1], &c.new);
                    let at1: Vec<_> = claim.events.iter().filter(|e| e.version == 1).collect();
                    if c.kind == ChangeKind::Unchanged {
                        prop_assert!(at1.is_empty());
                    } else {
                        changed += 1;
                        prop_assert_eq!(at1.len(), 1);
                        prop_assert_eq!(at1[0].kind, EventKind::Changed);
                        prop_assert_eq!(at1[0].change, Some(c.kind));
                        prop_assert_eq!(&at1[0].claim_changes, &c.claim_changes);
                    }
                    for &other in c.old.iter().skip(1) {
                        let o = claim_of(&h, 0, other);
                        prop_assert_eq!(o.events.last().map(|e| e.kind), Some(EventKind::Merged));
                    }
                }
                (None, None) => {}
            }
        }
        let events = h.claims.iter().flat_map(|c| &c.events)
            .filter(|e| e.kind == EventKind::Changed).count();
        prop_assert_eq!(events, changed);
        prop_assert_eq!(h.has_differences(), cmp.has_differences());
    }

    /// The same text N times: no event but the appearances, every claim in every version.
    #[test]
    fn repeated_text_has_no_change(a in text(), n in 2usize..6) {
        let versions = vec![a.clone(); n];
        let h = history_texts(&versions, &Options::default());
        prop_assert!(!h.has_differences());
        for c in &h.claims {
            prop_assert!(c.is_unchanged());
            prop_assert!(c.texts.iter().all(Option::is_some));
        }
        prop_assert_eq!(h.stats().unchanged, h.claims.len());
    }

    /// Every sentence of every version is in exactly one claim; claims are numbered in
    /// order; every timeline starts with `appeared` and is in version order.
    #[test]
    fn every_sentence_is_in_one_claim(vs in versions()) {
        let h = history_texts(&vs, &Options::default());
        for (v, doc) in h.versions.iter().enumerate() {
            let mut seen = vec![0; doc.len()];
            for c in &h.claims {
                for &s in &c.sentences[v] {
                    seen[s] += 1;
                }
            }
            prop_assert!(seen.iter().all(|&n| n == 1), "version {}: {:?}", v, seen);
        }
        for (k, c) in h.claims.iter().enumerate() {
            prop_assert_eq!(c.id, k);
            prop_assert_eq!(c.events.first().map(|e| e.kind), Some(EventKind::Appeared));
            prop_assert!(c.events.windows(2).all(|w| w[0].version <= w[1].version));
        }
    }
}

// ---------------------------------------------------------------------------------------
// The HTML page in a real browser (skipped without Chromium unless CLAIMDIFF_REQUIRE_BROWSER)

fn chromium() -> Option<std::path::PathBuf> {
    if let Some(p) = std::env::var_os("CLAIMDIFF_CHROMIUM") {
        return Some(p.into());
    }
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| {
            std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
                .map(move |dir| dir.join(name))
                .collect::<Vec<_>>()
        })
        .find(|p| p.is_file());
    if found.is_none() {
        assert!(
            std::env::var_os("CLAIMDIFF_REQUIRE_BROWSER").is_none(),
            "CLAIMDIFF_REQUIRE_BROWSER is set but no chromium was found"
        );
        eprintln!("SKIPPED history browser test: no chromium on PATH");
    }
    found
}

/// The DOM of `html` after load in headless Chromium, 400 pixels wide, no network.
fn dom_at_400px(bin: &Path, html: &str) -> String {
    let dir = TempDir::new().unwrap();
    let page = dir.path().join("history.html");
    std::fs::write(&page, html).unwrap();
    let out = std::process::Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=400,800",
            "--dump-dom",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("file://{}", page.display()))
        .stderr(std::process::Stdio::null())
        .output()
        .expect("chromium runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// At 400 pixels the page needs no sideways scrolling; its own script runs under its CSP;
/// ticking `entity` shows exactly the claims with an entity change (as the JSON says).
#[test]
fn html_works_in_chromium_at_400px() {
    let Some(bin) = chromium() else {
        return;
    };
    let list = "tests/data/history/versions.list";
    let (_, html, _) = run(&["history", "--format", "html", "--from", list]);
    let (_, json, _) = run(&["history", "--format", "json", "--from", list]);
    let with_entity = report(&json)
        .claims
        .iter()
        .filter(|c| {
            c.events
                .iter()
                .any(|e| e.claim_changes.iter().any(|t| t.kind == ClaimType::Entity))
        })
        .count();
    // As served: the page's script ran (it marks the body), so the CSP lets it.
    let dom = dom_at_400px(&bin, &html);
    assert!(
        dom.contains("data-ready=\"1\""),
        "the page's script did not run"
    );
    // With a probe (and the CSP taken out so that the probe may run).
    let start = html
        .find("<meta http-equiv=\"Content-Security-Policy\"")
        .unwrap();
    let end = start + html[start..].find('>').unwrap() + 1;
    let probe = "<script>window.addEventListener('load', function () {\
        var r = {width: document.documentElement.scrollWidth, inner: window.innerWidth};\
        var shown = function () { var n = 0; document.querySelectorAll('section.claim')\
          .forEach(function (s) { if (s.offsetParent !== null) { n++; } }); return n; };\
        r.before = shown();\
        var box = document.querySelector('input[data-f=\"entity\"]');\
        box.checked = true; box.dispatchEvent(new Event('change'));\
        r.entity = shown();\
        var pre = document.createElement('pre'); pre.id = 'probe';\
        pre.textContent = JSON.stringify(r); document.body.appendChild(pre); });</script>";
    let probed = format!("{}{}", &html[..start], &html[end..])
        .replace("</body>", &format!("{probe}</body>"));
    let dom = dom_at_400px(&bin, &probed);
    let at = dom.find("<pre id=\"probe\">").expect("the probe ran") + 16;
    let raw = &dom[at..at + dom[at..].find("</pre>").unwrap()];
    let r: serde_json::Value = serde_json::from_str(&raw.replace("&quot;", "\"")).unwrap();
    assert!(
        r["width"].as_u64().unwrap() <= r["inner"].as_u64().unwrap(),
        "{r}"
    );
    assert!(with_entity > 0);
    assert_eq!(r["entity"].as_u64().unwrap() as usize, with_entity, "{r}");
    assert!(r["before"].as_u64().unwrap() as usize > with_entity, "{r}");
}

/// Versions are read as in diff mode: an HTML page by its main text, standard input as `-`.
#[test]
fn html_versions_and_standard_input() {
    let dir = TempDir::new().unwrap();
    let page = |body: &str| {
        format!(
            "<!DOCTYPE html><html><head><title>Notice</title></head><body><nav>Home | About</nav>\
             <main><article><h1>Notice</h1><p>{body}</p></article></main><footer>© 2024</footer></body></html>"
        )
    };
    let a = write(
        &dir,
        "a.html",
        page("The pool opens on Monday. Entry costs 3 euros.").as_bytes(),
    );
    let b = write(
        &dir,
        "b.html",
        page("The pool opens on Tuesday. Entry costs 4 euros.").as_bytes(),
    );
    let out = cmd()
        .args(["history", "--format", "json"])
        .arg(&a)
        .arg(&b)
        .arg("-")
        .write_stdin("The pool opens on Tuesday. Entry costs 4 euros.\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let r = report(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(r.versions[2].path, "-");
    let texts: Vec<&str> = r
        .claims
        .iter()
        .filter_map(|c| c.texts[0].as_deref())
        .collect();
    assert!(texts.contains(&"Entry costs 3 euros."), "{texts:?}");
    assert!(
        !texts
            .iter()
            .any(|t| t.contains("Home") || t.contains("2024")),
        "{texts:?}"
    );
    let cost = r
        .claims
        .iter()
        .find(|c| c.texts[0].as_deref() == Some("Entry costs 3 euros."))
        .unwrap();
    assert_eq!(cost.events[1].claim_changes[0].kind, ClaimType::Number);
    let (code, _, err) = run(&["history", "-", "-"]);
    assert_eq!(code, 2, "{err}");
}

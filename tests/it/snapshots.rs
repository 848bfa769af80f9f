//! Snapshots of the terminal (inline and side by side), JSON and Markdown output for every
//! seed pair (`seeds/NAME.txt` vs
//! `seeds/NAME.new.txt`, discovered from `seeds/*.new.txt`), and checks that each pair shows
//! the kinds of change its `seeds/NAME.CHANGES.md` announces.
//!
//! Update the snapshots after an intended change of output with
//! `INSTA_UPDATE=always cargo test --test snapshots` and review the `.snap` diff.

use std::collections::BTreeSet;
use std::path::PathBuf;

use claimdiff::render::terminal::Context;
use claimdiff::render::{Json, Markdown, SideBySide, Terminal, to_string};
use claimdiff::{ChangeKind, Comparison, Options, compare_texts};

fn seeds_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// Names of the seed pairs, sorted: every `seeds/NAME.new.txt` with a `seeds/NAME.txt`.
fn pairs() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(seeds_dir())
        .expect("seeds/ exists")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            let stem = name.strip_suffix(".new.txt")?.to_owned();
            seeds_dir()
                .join(format!("{stem}.txt"))
                .is_file()
                .then_some(stem)
        })
        .collect();
    names.sort();
    names
}

fn read(name: &str) -> String {
    std::fs::read_to_string(seeds_dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn compare_pair(name: &str) -> Comparison {
    compare_texts(
        &read(&format!("{name}.txt")),
        &read(&format!("{name}.new.txt")),
        &Options::default(),
    )
}

fn kinds_of(cmp: &Comparison) -> BTreeSet<ChangeKind> {
    cmp.changes.iter().map(|c| c.kind).collect()
}

fn kind_named(word: &str) -> Option<ChangeKind> {
    ChangeKind::ALL.into_iter().find(|k| k.name() == word)
}

/// Kinds announced in `seeds/NAME.CHANGES.md`: every table cell whose first word is the
/// name of a kind (`reworded (number)`, `split (1 of 2)`, `moved + reworded`, ...).
fn announced_kinds(name: &str) -> BTreeSet<ChangeKind> {
    let path = seeds_dir().join(format!("{name}.CHANGES.md"));
    let Ok(md) = std::fs::read_to_string(&path) else {
        return BTreeSet::new();
    };
    md.lines()
        .filter(|l| l.trim_start().starts_with('|'))
        .flat_map(|l| l.split('|'))
        .filter_map(|cell| {
            let first = cell.split_whitespace().next()?;
            kind_named(first.trim_matches(|c: char| !c.is_ascii_alphabetic()))
        })
        .collect()
}

#[test]
fn seed_pairs_are_discovered() {
    let names = pairs();
    for expected in ["figures", "policy", "statement"] {
        assert!(names.iter().any(|n| n == expected), "{names:?}");
    }
}

#[test]
fn terminal_output_of_each_seed_pair() {
    for name in pairs() {
        let cmp = compare_pair(&name);
        let out = to_string(
            &Terminal {
                color: false,
                context: Context::All,
                width: None,
            },
            &cmp,
        );
        assert!(!out.contains('\x1b'), "{name}: colour off");
        insta::assert_snapshot!(format!("{name}_terminal"), out);
    }
}

/// Side by side at a fixed width, so that the snapshots do not depend on the terminal.
fn side_by_side(color: bool) -> SideBySide {
    SideBySide {
        color,
        context: Context::All,
        width: 100,
        labels: Some(("OLD".into(), "NEW".into())),
    }
}

#[test]
fn side_by_side_output_of_each_seed_pair() {
    for name in pairs() {
        let out = to_string(&side_by_side(false), &compare_pair(&name));
        assert!(!out.contains('\x1b'), "{name}: colour off");
        insta::assert_snapshot!(format!("{name}_side_by_side"), out);
    }
}

#[test]
fn side_by_side_coloured_output() {
    // One pair is enough to pin down the colour codes; escapes are shown as `\x1b`.
    let out = to_string(&side_by_side(true), &compare_pair("figures"));
    assert!(out.contains("\x1b["), "colour on");
    insta::assert_snapshot!("figures_side_by_side_color", out.replace('\x1b', "\\x1b"));
}

#[test]
fn markdown_output_of_each_seed_pair() {
    for name in pairs() {
        let renderer = Markdown {
            labels: Some((format!("seeds/{name}.txt"), format!("seeds/{name}.new.txt"))),
        };
        insta::assert_snapshot!(
            format!("{name}_markdown"),
            to_string(&renderer, &compare_pair(&name))
        );
    }
}

#[test]
fn json_output_of_each_seed_pair() {
    for name in pairs() {
        let cmp = compare_pair(&name);
        let renderer = Json {
            pretty: true,
            old_path: Some(format!("seeds/{name}.txt")),
            new_path: Some(format!("seeds/{name}.new.txt")),
        };
        let value: serde_json::Value =
            serde_json::from_str(&to_string(&renderer, &cmp)).expect("valid JSON");
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        insta::assert_snapshot!(format!("{name}_json"), pretty);
    }
}

#[test]
fn each_seed_pair_shows_the_kinds_its_changes_file_announces() {
    let mut checked = 0;
    for name in pairs() {
        let announced = announced_kinds(&name);
        if announced.is_empty() {
            continue;
        }
        checked += 1;
        let found = kinds_of(&compare_pair(&name));
        let missing: Vec<&str> = announced.difference(&found).map(|k| k.name()).collect();
        assert!(
            missing.is_empty(),
            "{name}: announced {announced:?}, found {found:?}, missing {missing:?}"
        );
    }
    assert!(checked >= 3, "CHANGES files were read");
}

#[test]
fn changes_files_announce_what_we_expect() {
    // Guards the parser of the CHANGES tables above.
    use ChangeKind::*;
    assert_eq!(
        announced_kinds("statement"),
        BTreeSet::from([Unchanged, Reworded, Moved, Split, Merged, Added, Removed])
    );
    assert!(announced_kinds("figures").is_superset(&BTreeSet::from([Unchanged, Reworded])));
    assert!(announced_kinds("policy").is_superset(&BTreeSet::from([
        Unchanged, Reworded, Moved, Split, Removed
    ])));
}

fn statement_has(kind: ChangeKind) {
    let cmp = compare_pair("statement");
    assert!(
        kinds_of(&cmp).contains(&kind),
        "statement pair has no {} change: {:?}",
        kind.name(),
        cmp.changes
            .iter()
            .map(|c| (c.kind, c.old.clone(), c.new.clone()))
            .collect::<Vec<_>>()
    );
}

#[test]
fn statement_has_unchanged() {
    statement_has(ChangeKind::Unchanged);
}

#[test]
fn statement_has_reworded() {
    statement_has(ChangeKind::Reworded);
}

#[test]
fn statement_has_moved() {
    statement_has(ChangeKind::Moved);
}

#[test]
fn statement_has_split() {
    statement_has(ChangeKind::Split);
}

#[test]
fn statement_has_merged() {
    statement_has(ChangeKind::Merged);
}

#[test]
fn statement_has_added() {
    statement_has(ChangeKind::Added);
}

#[test]
fn statement_has_removed() {
    statement_has(ChangeKind::Removed);
}

/// The "Expected alignment" block of `seeds/statement.CHANGES.md`, as
/// (kind, old indexes, new indexes), sorted.
fn expected_statement_alignment() -> Vec<(ChangeKind, Vec<usize>, Vec<usize>)> {
    let md = read("statement.CHANGES.md");
    let block = md
        .split("## Expected alignment")
        .nth(1)
        .and_then(|s| s.split("```").nth(1))
        .expect("an Expected alignment code block");
    let side = |s: &str| -> Vec<usize> {
        if s == "-" {
            Vec::new()
        } else {
            s.split(',').map(|n| n.trim().parse().unwrap()).collect()
        }
    };
    let mut out: Vec<_> = block
        .lines()
        .filter(|l| l.contains("->"))
        .map(|l| {
            let (o, rest) = l.split_once("->").unwrap();
            let mut words = rest.split_whitespace();
            let n = words.next().unwrap();
            let kind = kind_named(words.next().unwrap()).expect("a kind name");
            (kind, side(o.trim().replace(' ', "").as_str()), side(n))
        })
        .collect();
    out.sort();
    out
}

#[test]
fn statement_alignment_matches_the_changes_file() {
    let expected = expected_statement_alignment();
    assert_eq!(expected.len(), 15, "{expected:?}");
    let cmp = compare_pair("statement");
    let mut got: Vec<_> = cmp
        .changes
        .iter()
        .map(|c| (c.kind, c.old.clone(), c.new.clone()))
        .collect();
    got.sort();
    assert_eq!(got, expected);
}

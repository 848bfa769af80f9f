//! CLI tests for `--lang`: a short revision pair per language, compared end to end.
//! See docs/languages.md for what changes per language.

use crate::common;

use claimdiff::ChangeKind;
use claimdiff::render::json::JsonReport;
use common::{cmd, json_diff};

/// Compare `old` and `new` with `--lang lang`; the parsed JSON report.
fn compare(lang: &str, old: &str, new: &str) -> JsonReport {
    json_diff(&["--lang", lang], old, new)
}

/// Kinds of the changes, in order.
fn kinds(r: &JsonReport) -> Vec<ChangeKind> {
    r.changes.iter().map(|c| c.kind).collect()
}

/// Segment `text` with `--lang lang`; the sentences as text.
fn sentences(lang: &str, text: &str) -> Vec<String> {
    let out = cmd()
        .args(["segment", "--lang", lang, "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

const DE_OLD: &str = "Der Vorstand hat z.B. die Kosten für Häuser gesenkt. \
Am 3. Oktober tagt der Rat. Die Gemeinde baut ein neues Haus.";
const DE_NEW: &str = "Der Vorstand hat z.B. die Kosten für Häuser gesenkt. \
Am 3. Oktober tagt der Rat. Die Gemeinden bauen neue Häuser.";

#[test]
fn lang_de_keeps_abbreviations_and_ordinals_and_pairs_inflections() {
    assert_eq!(sentences("de", DE_OLD).len(), 3);
    // English rules split at the German ordinal: `Am 3.` | `Oktober tagt der Rat.`
    assert!(sentences("en", DE_OLD).len() > 3);
    let r = compare("de", DE_OLD, DE_NEW);
    assert_eq!(
        kinds(&r),
        [
            ChangeKind::Unchanged,
            ChangeKind::Unchanged,
            ChangeKind::Reworded
        ]
    );
}

#[test]
fn lang_fr_keeps_titles_and_spaced_guillemets() {
    let old = "M. Dupont a parlé. « Nous continuerons les négociations. » Puis il est parti.";
    let new = "M. Dupont a parlé. « Nous continuons la négociation. » Puis il est parti.";
    let s = sentences("fr", old);
    assert_eq!(s.len(), 3, "{s:?}");
    assert!(s[1].ends_with('»'), "{s:?}");
    let r = compare("fr", old, new);
    assert_eq!(
        kinds(&r),
        [
            ChangeKind::Unchanged,
            ChangeKind::Reworded,
            ChangeKind::Unchanged
        ]
    );
}

#[test]
fn lang_es_keeps_titles_and_inverted_marks() {
    let old = "El Sr. García llegó tarde. ¿Dónde estaban los documentos? Nadie lo sabía.";
    let new = "El Sr. García llegó tarde. ¿Dónde estaba el documento? Nadie lo sabía.";
    let s = sentences("es", old);
    assert_eq!(s.len(), 3, "{s:?}");
    assert!(s[1].starts_with('¿'), "{s:?}");
    let r = compare("es", old, new);
    assert_eq!(
        kinds(&r),
        [
            ChangeKind::Unchanged,
            ChangeKind::Reworded,
            ChangeKind::Unchanged
        ]
    );
}

/// `(type, old, new)` of every claim change in the report, in order.
fn claims(r: &JsonReport) -> Vec<(String, Option<String>, Option<String>)> {
    r.changes
        .iter()
        .flat_map(|c| &c.claim_changes)
        .map(|c| (c.kind.name().to_owned(), c.old.clone(), c.new.clone()))
        .collect()
}

fn some(s: &str) -> Option<String> {
    Some(s.to_owned())
}

/// Claim changes use the language's own lists: a German negator, decimal comma and
/// thousands point, and a sentence-initial noun that is no name.
#[test]
fn lang_de_claim_changes() {
    let old = "Die Stadt wird die Klinik eröffnen. Die Steuer steigt um 3,5 Prozent. \
Das Projekt kostet 1.000 Euro.";
    let new = "Die Stadt wird die Klinik nicht eröffnen. Die Steuer steigt um 4,1 Prozent. \
Das Projekt kostet 1.000 Euro.";
    let r = compare("de", old, new);
    assert_eq!(
        claims(&r),
        [
            ("negation".into(), None, some("nicht")),
            ("number".into(), some("3,5 Prozent"), some("4,1 Prozent")),
        ]
    );
    // With the English lists, `nicht` is no negator.
    let en = compare("en", old, new);
    assert!(
        claims(&en).iter().all(|c| c.0 != "negation"),
        "{:?}",
        claims(&en)
    );
}

/// `ne ... pas` counts once (by `pas`); `selon` names a source.
#[test]
fn lang_fr_claim_changes() {
    let old = "Selon Wang, la ville va ouvrir une clinique. Le conseil a voté le 5 mars.";
    let new =
        "Selon le ministère, la ville ne va pas ouvrir de clinique. Le conseil a voté le 7 mars.";
    let r = compare("fr", old, new);
    assert_eq!(
        claims(&r),
        [
            (
                "attribution".into(),
                some("Selon Wang"),
                some("Selon le ministère")
            ),
            ("negation".into(), None, some("pas")),
            ("number".into(), some("5 mars"), some("7 mars")),
        ]
    );
}

/// A modal swapped and a hedge added; `3,5 por ciento` = `3,5 %` is cosmetic.
#[test]
fn lang_es_claim_changes() {
    let old = "La ciudad puede abrir una clínica. Los campos existen. \
El impuesto sube un 3,5 por ciento.";
    let new = "La ciudad debe abrir una clínica. Los supuestos campos existen. \
El impuesto sube un 3,5 %.";
    let r = compare("es", old, new);
    assert_eq!(
        claims(&r),
        [
            ("modality".into(), some("puede"), some("debe")),
            ("modality".into(), None, some("supuestos")),
        ]
    );
    assert!(!r.changes[2].substantive);
}

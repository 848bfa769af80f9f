//! History -> bytes: a timeline per claim on the terminal, as versioned JSON
//! (`docs/json.md`, "History") and as one self-contained HTML page.

use std::io;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use similar::{ChangeTag, TextDiff};

use super::terminal_safe;
use super::view::escape::html as esc;
use super::view::words::claim_text;
use crate::history::{Claim, Event, EventKind, History, HistoryStats};
use crate::{ChangeKind, ClaimChange, ClaimType};

/// Version of the history JSON schema ([`HistoryReport`]). Bumped on any change that could
/// break a reader; adding a field is not such a change.
pub const HISTORY_JSON_VERSION: u32 = 1;

/// Something that writes a history in one format.
pub trait RenderHistory {
    /// Write `h` to `out`; `labels` names the versions (one per version, file names).
    fn render(&self, h: &History, labels: &[String], out: &mut dyn io::Write) -> io::Result<()>;
}

/// Render to a `String` (for tests).
pub fn to_string(renderer: &dyn RenderHistory, h: &History, labels: &[String]) -> String {
    let mut buf = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = renderer.render(h, labels, &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

fn label(labels: &[String], v: usize) -> String {
    labels
        .get(v)
        .cloned()
        .unwrap_or_else(|| format!("v{}", v + 1))
}

/// The word shown for an event on the terminal and in HTML.
fn event_word(e: &Event) -> &'static str {
    match (e.kind, e.change) {
        (EventKind::Appeared, _) => "appeared",
        (EventKind::Changed, Some(k)) => k.name(),
        (EventKind::Changed, None) => "changed",
        (EventKind::Merged, _) => "merged",
        (EventKind::Removed, _) => "removed",
        (EventKind::Returned, _) => "returned",
    }
}

fn tags(ccs: &[ClaimChange], escape: impl Fn(&str) -> String, quotes: (&str, &str)) -> String {
    ccs.iter()
        .map(|cc| match claim_text(cc, &escape, quotes) {
            Some(t) => format!("[{}: {t}]", cc.label()),
            None => format!("[{}]", cc.label()),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Longest a word diff of one event may take. A claim is a sentence or a few, diffed in
/// microseconds; the bound only keeps a pathological "sentence" (a text without stops, up to
/// the input limit) from stalling a view: past it the diff is coarser, never wrong.
const WORD_DIFF_TIMEOUT: Duration = Duration::from_millis(50);

/// The words of `before` and `after` as runs kept, deleted and inserted, in reading order.
fn word_diff(before: &str, after: &str) -> Vec<(ChangeTag, String)> {
    let diff = TextDiff::configure()
        .timeout(WORD_DIFF_TIMEOUT)
        .diff_unicode_words(before, after);
    let changes: Vec<(ChangeTag, &str)> = diff
        .iter_all_changes()
        .map(|c| (c.tag(), c.value()))
        .collect();
    // One deleted and one inserted run per changed stretch: white space kept between two
    // changed words joins them (`[-More than 60-]{+Nearly 70+}`, not word by word).
    let mut runs: Vec<(ChangeTag, String)> = Vec::new();
    let (mut del, mut ins) = (String::new(), String::new());
    let mut it = changes.iter().peekable();
    while let Some(&(tag, text)) = it.next() {
        match tag {
            ChangeTag::Delete => del.push_str(text),
            ChangeTag::Insert => ins.push_str(text),
            ChangeTag::Equal => {
                // Only when both sides have words: then neither run is ever white space only,
                // and both texts still rebuild from the runs.
                let pending = !del.is_empty() && !ins.is_empty();
                let more = it.peek().is_some_and(|(t, _)| *t != ChangeTag::Equal);
                if pending && more && text.trim().is_empty() {
                    del.push_str(text);
                    ins.push_str(text);
                    continue;
                }
                flush(&mut runs, &mut del, &mut ins);
                match runs.last_mut() {
                    Some((ChangeTag::Equal, run)) => run.push_str(text),
                    _ => runs.push((ChangeTag::Equal, text.to_owned())),
                }
            }
        }
    }
    flush(&mut runs, &mut del, &mut ins);
    runs
}

/// Push the pending deleted and inserted runs, if any.
fn flush(runs: &mut Vec<(ChangeTag, String)>, del: &mut String, ins: &mut String) {
    for (tag, run) in [(ChangeTag::Delete, del), (ChangeTag::Insert, ins)] {
        if !run.is_empty() {
            runs.push((tag, std::mem::take(run)));
        }
    }
}

// ---------------------------------------------------------------------------------------
// Terminal

/// The terminal view: a summary, then a timeline per claim, changed claims first; claims
/// unchanged through every version are folded into one line.
#[derive(Debug, Clone, Default)]
pub struct HistoryTerminal {
    /// ANSI colours.
    pub color: bool,
}

impl HistoryTerminal {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    fn event_line(&self, e: &Event) -> String {
        let (mark, code) = match e.kind {
            EventKind::Appeared => ("+", "32"),
            EventKind::Changed => ("~", "33"),
            EventKind::Merged => (">", "36"),
            EventKind::Removed => ("-", "31"),
            EventKind::Returned => ("↺", "35"),
        };
        let mut line = format!(
            "  {} {} {}",
            self.paint(code, mark),
            short(e.version),
            self.paint(code, event_word(e))
        );
        if e.kind == EventKind::Changed && !e.substantive && e.change == Some(ChangeKind::Reworded)
        {
            line.push_str(" (cosmetic)");
        }
        if let Some(into) = e.into {
            line.push_str(&format!(" into claim {}", into + 1));
        }
        let t = tags(&e.claim_changes, terminal_safe, ("“", "”"));
        if !t.is_empty() {
            line.push(' ');
            line.push_str(&self.paint("1", &t));
        }
        match (e.kind, &e.after) {
            (EventKind::Removed | EventKind::Merged, _) | (_, None) => {}
            (EventKind::Appeared, Some(a)) => {
                line.push_str(&format!(": {}", terminal_safe(a)));
            }
            (_, Some(a)) => {
                let shown = match &e.before {
                    Some(b) if b != a => self.diffed(b, a),
                    _ => terminal_safe(a),
                };
                line.push_str(&format!("\n      now: {shown}"));
            }
        }
        line
    }

    /// `after` with the words changed from `before` marked: deleted words red and struck
    /// through, inserted ones green (with colour); `[-deleted-]{+inserted+}` without.
    fn diffed(&self, before: &str, after: &str) -> String {
        let mut out = String::new();
        for (tag, run) in word_diff(before, after) {
            let text = terminal_safe(&run);
            match (tag, self.color) {
                (ChangeTag::Equal, _) => out.push_str(&text),
                (ChangeTag::Delete, true) => out.push_str(&format!("\x1b[9;31m{text}\x1b[0m")),
                (ChangeTag::Insert, true) => out.push_str(&format!("\x1b[32m{text}\x1b[0m")),
                (ChangeTag::Delete, false) => out.push_str(&format!("[-{text}-]")),
                (ChangeTag::Insert, false) => out.push_str(&format!("{{+{text}+}}")),
            }
        }
        out
    }
}

impl RenderHistory for HistoryTerminal {
    fn render(&self, h: &History, labels: &[String], out: &mut dyn io::Write) -> io::Result<()> {
        let s = h.stats();
        writeln!(out, "{}", summary(&s))?;
        for v in 0..h.versions.len() {
            writeln!(
                out,
                "  {:>4}  {}",
                short(v),
                terminal_safe(&label(labels, v))
            )?;
        }
        let (changed, unchanged): (Vec<&Claim>, Vec<&Claim>) =
            h.claims.iter().partition(|c| !c.is_unchanged());
        for c in &changed {
            writeln!(out)?;
            let first = c.first_text();
            writeln!(
                out,
                "{} {}",
                self.paint("1", &format!("claim {}:", c.id + 1)),
                terminal_safe(first)
            )?;
            for e in &c.events {
                if e.is_first_appearance() {
                    writeln!(out, "  {} {} present", self.paint("2", "·"), short(0))?;
                    continue;
                }
                writeln!(out, "{}", self.event_line(e))?;
            }
        }
        if !unchanged.is_empty() {
            writeln!(out)?;
            writeln!(
                out,
                "{} claim{} unchanged through all {} versions (folded)",
                unchanged.len(),
                if unchanged.len() == 1 { "" } else { "s" },
                labels.len().max(h.versions.len())
            )?;
        }
        if h.left_out > 0 {
            writeln!(
                out,
                "{} claim{} without a change of the chosen types not shown",
                h.left_out,
                if h.left_out == 1 { "" } else { "s" }
            )?;
        }
        Ok(())
    }
}

fn summary(s: &HistoryStats) -> String {
    format!(
        "history of {} versions, {} claims: {} changed, {} added later, {} removed, {} returned, {} unchanged; {} in the last version",
        s.versions, s.claims, s.changed, s.added, s.removed, s.returned, s.unchanged, s.present
    )
}

/// The short name of version `v` on the terminal and in HTML: `v1`, `v2`, ... (the header
/// lists which file each is).
fn short(v: usize) -> String {
    format!("v{}", v + 1)
}

// ---------------------------------------------------------------------------------------
// JSON

/// The whole history (`claimdiff history ... --format json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryReport {
    /// Always `"history"`, so that a reader can tell it from a comparison.
    pub kind: String,
    /// Schema version ([`HISTORY_JSON_VERSION`]).
    pub version: u32,
    /// The versions, oldest first.
    pub versions: Vec<JsonVersion>,
    /// Every claim, numbered from 0 in order of first appearance.
    pub claims: Vec<JsonClaim>,
    /// Counts (of every claim, before `--only`).
    pub stats: HistoryStats,
    /// Claims left out by `--only`.
    #[serde(default)]
    pub left_out: usize,
}

/// One version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonVersion {
    /// 0-based index, as used by the events.
    pub index: usize,
    /// The file name as given.
    pub path: String,
    /// Its number of sentences.
    pub sentences: usize,
}

/// One claim and its timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonClaim {
    /// Its number (0-based).
    pub id: usize,
    /// The version it first appears in.
    pub first_version: usize,
    /// Whether it is in the last version.
    pub present: bool,
    /// Whether nothing happened to it after its appearance in the first version.
    pub unchanged: bool,
    /// Its text in each version (`null` where absent).
    pub texts: Vec<Option<String>>,
    /// Its sentence indexes in each version (empty where absent).
    pub sentences: Vec<Vec<usize>>,
    /// Its timeline, the first event is `appeared`.
    pub events: Vec<JsonEvent>,
}

/// One event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonEvent {
    /// The version at which it is seen.
    pub version: usize,
    /// `appeared`, `changed`, `merged`, `removed` or `returned`.
    pub event: EventKind,
    /// For `changed`: `reworded`, `moved`, `split`, `merged` or `removed` (part removed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<ChangeKind>,
    /// The claim's text before (null for `appeared`).
    pub before: Option<String>,
    /// The claim's text after (null for `removed` and `merged`).
    pub after: Option<String>,
    /// Whether the wording changed in substance.
    pub substantive: bool,
    /// How alike `before` and `after` are (4 decimals), when both exist.
    pub similarity: Option<f64>,
    /// For `merged`: the claim it went into.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub into: Option<usize>,
    /// Typed claim changes between `before` and `after`.
    pub claim_changes: Vec<JsonTag>,
}

/// One typed claim change of an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonTag {
    /// `number`, `negation`, `modality`, `attribution`, `entity` or `intensity`.
    #[serde(rename = "type")]
    pub kind: ClaimType,
    /// The old phrase, or null when added.
    pub old: Option<String>,
    /// The new phrase, or null when removed.
    pub new: Option<String>,
    /// Why a change of this type (`hedge`, `quote`, `antonym`), when the type does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

fn round4(x: f32) -> f64 {
    (f64::from(x) * 10_000.0).round() / 10_000.0
}

impl HistoryReport {
    /// The report of `h` (with `stats` from before filtering).
    pub fn new(h: &History, labels: &[String], stats: HistoryStats) -> Self {
        Self {
            kind: "history".to_owned(),
            version: HISTORY_JSON_VERSION,
            versions: h
                .versions
                .iter()
                .enumerate()
                .map(|(index, d)| JsonVersion {
                    index,
                    path: label(labels, index),
                    sentences: d.len(),
                })
                .collect(),
            claims: h
                .claims
                .iter()
                .map(|c| JsonClaim {
                    id: c.id,
                    first_version: c.first_version(),
                    present: c.is_present(),
                    unchanged: c.is_unchanged(),
                    texts: c.texts.clone(),
                    sentences: c.sentences.clone(),
                    events: c
                        .events
                        .iter()
                        .map(|e| JsonEvent {
                            version: e.version,
                            event: e.kind,
                            change: e.change,
                            before: e.before.clone(),
                            after: e.after.clone(),
                            substantive: e.substantive,
                            similarity: e.similarity.map(round4),
                            into: e.into,
                            claim_changes: e
                                .claim_changes
                                .iter()
                                .map(|cc| JsonTag {
                                    kind: cc.kind,
                                    old: cc.old.clone(),
                                    new: cc.new.clone(),
                                    reason: cc.reason.clone(),
                                })
                                .collect(),
                        })
                        .collect(),
                })
                .collect(),
            stats,
            left_out: h.left_out,
        }
    }
}

/// The JSON view: one [`HistoryReport`] on one line.
#[derive(Debug, Clone, Default)]
pub struct HistoryJson {
    /// Counts from before `--only` (else those of what is shown).
    pub stats: Option<HistoryStats>,
}

impl RenderHistory for HistoryJson {
    fn render(&self, h: &History, labels: &[String], out: &mut dyn io::Write) -> io::Result<()> {
        let stats = self.stats.clone().unwrap_or_else(|| h.stats());
        let report = HistoryReport::new(h, labels, stats);
        super::json::to_writer(&mut *out, &report, false).map_err(io::Error::from)?;
        writeln!(out)
    }
}

// ---------------------------------------------------------------------------------------
// HTML

/// One self-contained HTML page: a summary, then a timeline per claim (changed first,
/// unchanged in a folded list), with filters by claim tag and by event. Readable on a
/// 400-pixel-wide screen (one column, wrapped text). Its Content-Security-Policy is the one
/// of the other reports: nothing is fetched, and only its own style and script run.
#[derive(Debug, Clone, Default)]
pub struct HistoryHtml;

const STYLE: &str = "body{font:16px/1.45 system-ui,sans-serif;margin:0 auto;max-width:60em;padding:0 .75em;color:#222;background:#fff}\
h1{font-size:1.3em}ol.t{list-style:none;padding-left:0;margin:.4em 0}ol.t li{border-left:3px solid #bbb;padding:.15em .6em;margin:.2em 0;overflow-wrap:anywhere}\
section.claim{border:1px solid #ddd;border-radius:6px;padding:.4em .7em;margin:.7em 0}section.claim h2{font-size:1em;margin:.2em 0;overflow-wrap:anywhere}\
.v{font-weight:600}ol.t li.ev-appeared{border-color:#2a2}ol.t li.ev-changed{border-color:#c90}ol.t li.ev-removed{border-color:#c22}ol.t li.ev-returned{border-color:#93c}ol.t li.ev-merged{border-color:#29b}\
.tag{display:inline-block;background:#eef;border-radius:3px;padding:0 .3em;margin:.1em .2em 0 0;font-size:.9em}.now{color:#555}del{background:#fdd;color:#900}ins{background:#dfd;color:#060;text-decoration:none}\
ol.versions{list-style:none;padding-left:0;overflow-wrap:anywhere}fieldset{border:1px solid #ddd;display:flex;flex-wrap:wrap;gap:.3em 1em}label{white-space:nowrap}.hidden{display:none}\
@media (max-width:480px){body{font-size:15px;padding:0 .4em}}";

const SCRIPT: &str = "(function(){var boxes=document.querySelectorAll('input[data-f]');\
function apply(){var on={};boxes.forEach(function(b){on[b.getAttribute('data-f')]=b.checked;});\
var any=Object.keys(on).some(function(k){return on[k];});\
document.querySelectorAll('section.claim').forEach(function(s){var f=(s.getAttribute('data-f')||'').split(' ');\
var show=!any||f.some(function(x){return on[x];});s.classList.toggle('hidden',!show);});}\
boxes.forEach(function(b){b.addEventListener('change',apply);});apply();document.body.setAttribute('data-ready','1');})();";

impl HistoryHtml {
    fn claim(c: &Claim, labels: &[String], out: &mut dyn io::Write) -> io::Result<()> {
        let mut filters: Vec<String> = c
            .events
            .iter()
            .flat_map(|e| &e.claim_changes)
            .map(|cc| cc.kind.name().to_owned())
            .collect();
        filters.extend(
            c.events
                .iter()
                .filter(|e| !e.is_first_appearance())
                .map(|e| format!("event-{}", e.kind.name())),
        );
        filters.sort();
        filters.dedup();
        let first = c.first_text();
        writeln!(
            out,
            "<section class=\"claim\" id=\"claim-{}\" data-f=\"{}\"><h2>Claim {}: {}</h2><ol class=\"t\">",
            c.id + 1,
            esc(&filters.join(" ")),
            c.id + 1,
            esc(first)
        )?;
        for e in &c.events {
            let word = if e.is_first_appearance() {
                "present"
            } else {
                event_word(e)
            };
            write!(
                out,
                "<li class=\"ev-{}\"><span class=\"v\" title=\"{}\">{}</span> {}",
                e.kind.name(),
                esc(&label(labels, e.version)),
                short(e.version),
                word
            )?;
            if let Some(into) = e.into {
                write!(
                    out,
                    " into <a href=\"#claim-{}\">claim {}</a>",
                    into + 1,
                    into + 1
                )?;
            }
            if e.kind == EventKind::Changed
                && !e.substantive
                && e.change == Some(ChangeKind::Reworded)
            {
                write!(out, " (cosmetic)")?;
            }
            for cc in &e.claim_changes {
                let text = claim_text(cc, esc, ("“", "”")).unwrap_or_default();
                write!(
                    out,
                    " <span class=\"tag\">{}: {}</span>",
                    esc(&cc.label()),
                    text
                )?;
            }
            if let (Some(a), true) = (&e.after, e.version > 0 || e.kind != EventKind::Appeared) {
                write!(out, "<br><span class=\"now\">")?;
                match &e.before {
                    Some(b) if b != a => {
                        for (tag, run) in word_diff(b, a) {
                            match tag {
                                ChangeTag::Equal => write!(out, "{}", esc(&run))?,
                                ChangeTag::Delete => write!(out, "<del>{}</del>", esc(&run))?,
                                ChangeTag::Insert => write!(out, "<ins>{}</ins>", esc(&run))?,
                            }
                        }
                    }
                    _ => write!(out, "{}", esc(a))?,
                }
                write!(out, "</span>")?;
            }
            writeln!(out, "</li>")?;
        }
        writeln!(out, "</ol></section>")
    }
}

impl RenderHistory for HistoryHtml {
    fn render(&self, h: &History, labels: &[String], out: &mut dyn io::Write) -> io::Result<()> {
        let s = h.stats();
        writeln!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
             <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>claimdiff history</title><style>{STYLE}</style></head><body>",
            // The report pages' policy: nothing fetched, only this style and script run.
            super::html::page::csp(STYLE, SCRIPT)
        )?;
        writeln!(out, "<h1>History of {} versions</h1>", s.versions)?;
        writeln!(out, "<ol class=\"versions\">")?;
        for v in 0..h.versions.len() {
            writeln!(
                out,
                "<li><span class=\"v\">{}</span> {}</li>",
                short(v),
                esc(&label(labels, v))
            )?;
        }
        writeln!(
            out,
            "</ol><p>{} claims: {} changed, {} added later, {} removed, {} returned, {} unchanged.</p>",
            s.claims, s.changed, s.added, s.removed, s.returned, s.unchanged
        )?;
        writeln!(
            out,
            "<fieldset><legend>Show claims with (none ticked: all)</legend>"
        )?;
        for t in ClaimType::ALL {
            writeln!(
                out,
                "<label><input type=\"checkbox\" data-f=\"{0}\"> {0}</label>",
                t.name()
            )?;
        }
        for k in [
            EventKind::Appeared,
            EventKind::Changed,
            EventKind::Removed,
            EventKind::Returned,
            EventKind::Merged,
        ] {
            writeln!(
                out,
                "<label><input type=\"checkbox\" data-f=\"event-{0}\"> {0}</label>",
                k.name()
            )?;
        }
        writeln!(out, "</fieldset>")?;
        let (changed, unchanged): (Vec<&Claim>, Vec<&Claim>) =
            h.claims.iter().partition(|c| !c.is_unchanged());
        for c in changed {
            Self::claim(c, labels, out)?;
        }
        if !unchanged.is_empty() {
            writeln!(
                out,
                "<details><summary>{} claims unchanged through all versions</summary>",
                unchanged.len()
            )?;
            for c in unchanged {
                Self::claim(c, labels, out)?;
            }
            writeln!(out, "</details>")?;
        }
        if h.left_out > 0 {
            writeln!(
                out,
                "<p>{} claims without a change of the chosen types are not shown.</p>",
                h.left_out
            )?;
        }
        writeln!(out, "<script>{SCRIPT}</script></body></html>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Options;
    use crate::history::history_texts;

    fn sample() -> (History, Vec<String>) {
        let h = history_texts(
            &[
                "The council met on Monday. More than 60 people came. It rained.",
                "The council met on Monday. Nearly 70 people came. It rained.",
                "The council met on Monday. It rained.",
            ],
            &Options::default(),
        );
        (h, vec!["v1".into(), "v2".into(), "v3".into()])
    }

    #[test]
    fn terminal_shows_changed_claims_and_folds_the_rest() {
        let (h, labels) = sample();
        let text = to_string(&HistoryTerminal { color: false }, &h, &labels);
        assert!(
            text.contains("claim 2: More than 60 people came."),
            "{text}"
        );
        assert!(
            text.contains("~ v2 reworded [number: More than 60 → Nearly 70]"),
            "{text}"
        );
        assert!(text.contains("- v3 removed"), "{text}");
        assert!(
            text.contains("now: [-More than 60-]{+Nearly 70+} people came."),
            "{text}"
        );
        assert!(text.contains("2 claims unchanged through all 3 versions (folded)"));
        assert!(!text.contains("claim 1:"));
    }

    #[test]
    fn word_diff_joins_changed_words_and_rebuilds_both_texts() {
        let pairs = [
            ("More than 60 people came.", "Nearly 70 people came."),
            ("a b c d", "a x c y"),
            ("a b x c", "a c"),
            ("", "new text"),
            ("old text", ""),
            ("same", "same"),
        ];
        for (b, a) in pairs {
            let runs = word_diff(b, a);
            let side = |keep: ChangeTag| -> String {
                runs.iter()
                    .filter(|(t, _)| *t == ChangeTag::Equal || *t == keep)
                    .map(|(_, r)| r.as_str())
                    .collect()
            };
            assert_eq!(side(ChangeTag::Delete), b);
            assert_eq!(side(ChangeTag::Insert), a);
        }
        let runs = word_diff(pairs[0].0, pairs[0].1);
        assert_eq!(runs[0], (ChangeTag::Delete, "More than 60".to_owned()));
        assert_eq!(runs[1], (ChangeTag::Insert, "Nearly 70".to_owned()));
    }

    #[test]
    fn json_reads_back_with_the_schema_types() {
        let (h, labels) = sample();
        let text = to_string(&HistoryJson::default(), &h, &labels);
        let r: HistoryReport = serde_json::from_str(&text).unwrap();
        assert_eq!(r.version, HISTORY_JSON_VERSION);
        assert_eq!(r.kind, "history");
        assert_eq!(r.versions.len(), 3);
        assert_eq!(r.claims.len(), 3);
        let c = &r.claims[1];
        let events: Vec<EventKind> = c.events.iter().map(|e| e.event).collect();
        assert_eq!(
            events,
            [EventKind::Appeared, EventKind::Changed, EventKind::Removed]
        );
        assert_eq!(c.texts[2], None);
        assert_eq!(c.events[1].claim_changes[0].kind, ClaimType::Number);
    }

    #[test]
    fn html_escapes_and_has_filters() {
        let h = history_texts(
            &["A <b>bold</b> claim & more.", "A <i>bold</i> claim & more."],
            &Options::default(),
        );
        let text = to_string(&HistoryHtml, &h, &["a".into(), "b".into()]);
        assert!(!text.contains("<b>bold"));
        assert!(text.contains("&lt;<del>b</del><ins>i</ins>&gt;"), "{text}");
        assert!(text.contains("data-f=\"number\""));
        assert!(text.contains("name=\"viewport\""));
        assert!(text.contains("Content-Security-Policy"));
        assert!(!text.contains("unsafe-inline"));
    }
}

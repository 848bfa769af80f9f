//! The fuzz targets' bodies: each takes arbitrary bytes, runs one part of claimdiff and
//! panics when an invariant fails. The binaries in `fuzz_targets/` call them; the normal
//! test suite (`tests/fuzz_regressions.rs`) includes this file and replays the seed corpus
//! and every input that once failed, so a fixed crash stays fixed without a nightly
//! toolchain.
//!
//! Inputs whose first byte is a flag byte use its bits as documented on each function.

use claimdiff::batch::{Outcome, process_line};
use claimdiff::input::{DecodeOptions, Encoding, decode as decode_bytes};
use claimdiff::render::json::JsonReport;
use claimdiff::render::terminal::Context;
use claimdiff::render::{Json, Stat, Terminal, terminal_safe, to_string};
use claimdiff::{Comparison, Document, Lang, Options, SegmentOptions, SplitMode, segment};

/// Segment options from the low three bits of a flag byte: bit 0 `lines`, bits 1-2 the
/// language.
fn segment_options(flags: u8) -> SegmentOptions {
    let mut opts = SegmentOptions::default();
    opts.split = if flags & 1 == 0 {
        SplitMode::Prose
    } else {
        SplitMode::Lines
    };
    opts.lang = match (flags >> 1) & 3 {
        0 => Lang::English,
        1 => Lang::German,
        2 => Lang::French,
        _ => Lang::Spanish,
    };
    opts
}

/// Full options from a flag byte: [`segment_options`], bit 3 turns moves off.
fn options(flags: u8) -> Options {
    let mut opts = Options::default();
    opts.segment = segment_options(flags);
    opts.align.moves = flags & 8 == 0;
    opts
}

/// Split `data` into a flag byte and the rest (an empty input gives flags 0).
fn flags_and_rest(data: &[u8]) -> (u8, &[u8]) {
    match data.split_first() {
        Some((&f, rest)) => (f, rest),
        None => (0, data),
    }
}

/// Split `data` at its first 0xFF byte (a byte that never occurs in UTF-8) into an old and
/// a new side, each decoded with U+FFFD for invalid sequences.
fn two_texts(data: &[u8]) -> (String, String) {
    let (old, new) = match data.iter().position(|&b| b == 0xFF) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &data[..0]),
    };
    (
        String::from_utf8_lossy(old).into_owned(),
        String::from_utf8_lossy(new).into_owned(),
    )
}

/// Sentences are sorted, non-overlapping, non-empty, on char boundaries, without leading
/// or trailing whitespace, with whitespace-only gaps (so nothing is lost), and their
/// paragraph numbers never decrease.
pub fn check_sentences(text: &str, doc: &Document) {
    let mut pos = 0;
    let mut paragraph = 0;
    for s in &doc.sentences {
        assert!(
            pos <= s.start && s.start < s.end && s.end <= text.len(),
            "{s:?} after {pos}"
        );
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "{s:?}"
        );
        let gap = &text[pos..s.start];
        assert!(
            gap.chars().all(char::is_whitespace),
            "gap {gap:?} before {s:?}"
        );
        let body = &text[s.start..s.end];
        assert_eq!(body.trim(), body, "sentence {s:?} has outer whitespace");
        assert!(s.paragraph >= paragraph, "paragraph goes back at {s:?}");
        paragraph = s.paragraph;
        pos = s.end;
    }
    let tail = &text[pos..];
    assert!(
        tail.chars().all(char::is_whitespace),
        "text lost after the last sentence: {tail:?}"
    );
    assert_eq!(doc.rebuild(), text);
}

/// `segmenter`: flag byte ([`segment_options`]), then the text (invalid UTF-8 replaced).
/// Checks [`check_sentences`] for every split mode and language the flag byte selects.
pub fn segmenter(data: &[u8]) {
    let (flags, rest) = flags_and_rest(data);
    let text = String::from_utf8_lossy(rest);
    let opts = segment_options(flags);
    let doc = Document {
        text: text.to_string(),
        sentences: segment(&text, &opts),
        blocks: Vec::new(),
        lang: opts.lang,
    };
    check_sentences(&text, &doc);
}

/// Every sentence index of each side is in exactly one change, and each change's indexes
/// are sorted and contiguous.
pub fn check_partition(cmp: &Comparison) {
    let mut seen_old = vec![0u32; cmp.old.len()];
    let mut seen_new = vec![0u32; cmp.new.len()];
    for c in &cmp.changes {
        for (indexes, seen) in [(&c.old, &mut seen_old), (&c.new, &mut seen_new)] {
            assert!(
                indexes.windows(2).all(|w| w[1] == w[0] + 1),
                "{indexes:?} not contiguous"
            );
            for &i in indexes {
                let slot = seen.get_mut(i).expect("sentence index out of range");
                *slot += 1;
            }
        }
    }
    assert!(
        seen_old.iter().all(|&n| n == 1),
        "old sentences: {seen_old:?}"
    );
    assert!(
        seen_new.iter().all(|&n| n == 1),
        "new sentences: {seen_new:?}"
    );
}

/// The JSON output parses back into the same report, each sentence's `text` is its span,
/// and it rebuilds both texts byte for byte.
pub fn check_json(cmp: &Comparison, pretty: bool) {
    let json = Json {
        pretty,
        ..Json::default()
    };
    let out = to_string(&json, cmp);
    check_json_escaped(&out);
    let back: JsonReport = serde_json::from_str(&out).expect("the JSON output parses");
    assert_eq!(back, JsonReport::new(cmp, None, None));
    for (side, doc) in [(&back.old, &cmp.old), (&back.new, &cmp.new)] {
        assert_eq!(side.rebuild(), doc.text, "JSON does not rebuild the text");
        for s in &side.sentences {
            assert_eq!(doc.text.get(s.start..s.end), Some(s.text.as_str()));
        }
    }
}

/// The terminal output has nothing that [`terminal_safe`] would escape or change: no control
/// character but `\n`, no `\r`, no bidi override or invisible character.
pub fn check_terminal(cmp: &Comparison, context: Context) {
    let term = Terminal {
        color: false,
        context,
        width: None,
    };
    let out = to_string(&term, cmp);
    let mut buf = [0u8; 4];
    for c in out.chars().filter(|&c| c != '\n') {
        let s: &str = c.encode_utf8(&mut buf);
        assert_eq!(terminal_safe(s), s, "raw {c:?} in terminal output");
    }
}

/// `compare`: flag byte ([`options`]; bit 4 context `all`, else bits 5-6 the number of
/// context sentences), then the old and new text separated by the first 0xFF byte.
/// Checks [`check_partition`], [`check_json`], [`check_terminal`] and that `--stat` renders.
pub fn compare(data: &[u8]) {
    let (flags, rest) = flags_and_rest(data);
    let (old, new) = two_texts(rest);
    let opts = options(flags);
    let cmp = claimdiff::compare_texts(&old, &new, &opts);
    check_sentences(&old, &cmp.old);
    check_sentences(&new, &cmp.new);
    check_partition(&cmp);
    check_json(&cmp, false);
    let context = if flags & 16 != 0 {
        Context::All
    } else {
        Context::Lines(usize::from((flags >> 5) & 3))
    };
    check_terminal(&cmp, context);
    let stat = to_string(&Stat, &cmp);
    assert!(stat.ends_with('\n'), "stat output {stat:?}");
}

/// `json_render`: flag byte ([`options`]; bit 4 pretty JSON), then old and new separated by
/// the first 0xFF byte, each cut into given sentences at 0xFE bytes (as `batch` takes
/// arrays: sentences may be empty, hold line breaks or only whitespace). Checks
/// [`check_partition`] and [`check_json`].
pub fn json_render(data: &[u8]) {
    let (flags, rest) = flags_and_rest(data);
    let (old, new) = match rest.iter().position(|&b| b == 0xFF) {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, &rest[..0]),
    };
    let doc = |bytes: &[u8]| {
        let parts: Vec<String> = if bytes.is_empty() {
            Vec::new()
        } else {
            bytes
                .split(|&b| b == 0xFE)
                .map(|p| String::from_utf8_lossy(p).into_owned())
                .collect()
        };
        Document::from_sentences(&parts)
    };
    let cmp = claimdiff::compare(doc(old), doc(new), &options(flags).align);
    check_partition(&cmp);
    check_json(&cmp, flags & 16 != 0);
    check_terminal(&cmp, Context::All);
}

/// JSON output holds no raw character that a terminal could obey or that hides text: no
/// control character and nothing [`terminal_safe`] would escape (C1 controls, format
/// characters such as bidi controls or tag characters), whitespace aside.
pub fn check_json_escaped(out: &str) {
    for c in out.chars() {
        let s = c.to_string();
        assert!(
            c == '\n' || c.is_whitespace() && !c.is_control() || terminal_safe(&s) == s,
            "raw {c:?} in JSON output"
        );
    }
}

/// `batch_line`: flag byte ([`options`]), then one input line (invalid UTF-8 replaced).
/// Checks that the output is one line of JSON: an error object (`line`, `error`) exactly
/// when the outcome is an error, else a report that rebuilds the given `old` and `new`.
pub fn batch_line(data: &[u8]) {
    let (flags, rest) = flags_and_rest(data);
    let line = String::from_utf8_lossy(rest);
    let Some((out, outcome)) = process_line(&line, 3, &options(flags)) else {
        assert!(line.trim().is_empty(), "no output for a non-blank line");
        return;
    };
    assert!(!out.contains('\n'), "output is more than one line");
    check_json_escaped(&out);
    let value: serde_json::Value = serde_json::from_str(&out).expect("output is JSON");
    // The id is the input's (as a value: its text is copied as written).
    if let Ok(serde_json::Value::Object(input)) = serde_json::from_str::<serde_json::Value>(&line) {
        let id = input.get("id").cloned().unwrap_or(serde_json::Value::Null);
        assert_eq!(value["id"], id, "id not copied");
    }
    if outcome == Outcome::Error {
        assert_eq!(value["line"], 3);
        assert!(value["error"].is_string(), "{out}");
        return;
    }
    let report: JsonReport = serde_json::from_value(value).expect("output is a report");
    let input: serde_json::Value = serde_json::from_str(&line).expect("input was JSON");
    for (side, name) in [(&report.old, "old"), (&report.new, "new")] {
        let expected = match &input[name] {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Array(items) => items
                .iter()
                .map(|v| v.as_str().expect("array of strings"))
                .collect::<Vec<_>>()
                .join("\n"),
            other => panic!("`{name}` accepted as {other}"),
        };
        assert_eq!(side.rebuild(), expected, "`{name}` not rebuilt");
    }
    let differs = report
        .changes
        .iter()
        .any(|c| c.kind != claimdiff::ChangeKind::Unchanged);
    assert_eq!(differs, outcome == Outcome::Different);
}

/// `decode`: flag byte (bit 0 `--text`, bit 1 `--lossy`, bit 2 a small `--max-bytes` taken
/// from the next byte), then the input bytes. Checks that a decoded text is exactly the
/// input when nothing was replaced, that NUL passes only with `--text`, and that every
/// error's offset or size is true of the input.
pub fn decode(data: &[u8]) {
    let (flags, rest) = flags_and_rest(data);
    let (max_bytes, bytes) = match (flags & 4 != 0, rest.split_first()) {
        (true, Some((&m, tail))) => (usize::from(m), tail),
        _ => (claimdiff::input::DEFAULT_MAX_BYTES, rest),
    };
    let mut opts = DecodeOptions::default();
    opts.allow_binary = flags & 1 != 0;
    opts.lossy = flags & 2 != 0;
    opts.max_bytes = max_bytes;
    assert_eq!(
        claimdiff::input::decode_vec(bytes.to_vec(), &opts),
        decode_bytes(bytes, &opts),
        "decode_vec and decode disagree"
    );
    match claimdiff::input::read_limited(bytes, max_bytes, Some(bytes.len() as u64 / 2)) {
        Ok(Ok(read)) => assert!(read == bytes && bytes.len() <= max_bytes),
        Ok(Err(claimdiff::Error::OverLimit { max })) => {
            assert!(max == max_bytes && bytes.len() > max_bytes);
        }
        other => panic!("read_limited: {other:?}"),
    }
    match decode_bytes(bytes, &opts) {
        Ok(d) => {
            assert!(bytes.len() <= max_bytes);
            assert!(opts.allow_binary || !d.text.contains('\0'), "NUL accepted");
            assert!(opts.lossy || d.replaced == 0, "replaced without --lossy");
            let body = match d.encoding {
                Encoding::Utf8 => Some(bytes),
                Encoding::Utf8Bom => bytes.get(3..),
                _ => None,
            };
            if let Some(body) = body.filter(|_| d.replaced == 0) {
                assert_eq!(d.text.as_bytes(), body, "UTF-8 text changed");
            }
            if d.encoding == Encoding::Utf16le && d.replaced == 0 {
                let units: Vec<u8> = d.text.encode_utf16().flat_map(u16::to_le_bytes).collect();
                assert_eq!(
                    Some(units.as_slice()),
                    bytes.get(2..),
                    "UTF-16 text changed"
                );
            }
        }
        Err(claimdiff::Error::TooLarge { size, max }) => {
            assert_eq!((size, max), (bytes.len(), max_bytes));
            assert!(size > max);
        }
        Err(claimdiff::Error::Binary { offset }) => {
            assert!(!opts.allow_binary);
            assert_eq!(bytes.get(offset), Some(&0), "no NUL at offset {offset}");
        }
        Err(claimdiff::Error::InvalidUtf8 { offset }) => {
            assert!(!opts.lossy);
            assert!(offset < bytes.len());
            let start = if bytes.starts_with(b"\xEF\xBB\xBF") {
                3
            } else {
                0
            };
            let valid = bytes.get(start..offset).expect("offset after the BOM");
            assert!(
                std::str::from_utf8(valid).is_ok(),
                "bytes before {offset} invalid"
            );
        }
        Err(claimdiff::Error::InvalidUtf16 { .. }) => {
            assert!(!opts.lossy);
            assert!(bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]));
        }
        Err(e) => panic!("unexpected error {e}"),
    }
}

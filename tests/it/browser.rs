//! The HTML reports in a real browser: headless Chromium opens a report with a small probe
//! script added, and the probe reports what was rendered.
//!
//! The diff report of the statement seed pair: the number of rows of each kind equals the
//! counts of the JSON output; every partner link points to a row; a click on a moved
//! sentence's marker scrolls its partner into view and highlights it, and the partner's
//! marker leads back; unticking a kind's filter hides its rows.
//!
//! The check report of both seed statements against `seeds/report-summary.txt`: the rows
//! per verdict and the reflected and omitted report rows equal the counts of the JSON
//! summary; every partner link points to a row; a click on an evidence link scrolls to the
//! report sentence and highlights it, and its link back leads to the statement sentence;
//! unticking a verdict's filter hides exactly that verdict's rows, and unticking `omitted`
//! hides the omitted report sentences.
//!
//! Skips (passes with a message on stderr) when no Chromium is installed; `.ci/run`
//! installs Debian's `chromium` and sets `CLAIMDIFF_REQUIRE_BROWSER=1`, so that in CI it
//! runs or fails. Set `CLAIMDIFF_CHROMIUM` to use
//! another binary. Chromium runs with networking off and a fresh profile in a temporary
//! directory.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::cargo::CommandCargoExt;

const KINDS: [&str; 7] = [
    "unchanged",
    "reworded",
    "moved",
    "split",
    "merged",
    "added",
    "removed",
];

/// Helpers of the probes, in a `<script>` before each probe: `probe.dangling()` counts
/// partner links without a target, `probe.counts(attr, names)` the body rows with each
/// value of `attr`, `probe.shown(selector)` the matching elements on display (not hidden),
/// `probe.inView(el)` whether `el` is wholly in the window, `probe.onScreen(el)` whether it
/// is at least partly, and `probe.done(r)` writes the findings `r` as JSON into a
/// `<pre id="probe">` (with textContent, so the output stays plain text).
const PROBE_LIB: &str = r#"<script>
var probe = {
  dangling: function () {
    var n = 0;
    document.querySelectorAll('a[data-partner]').forEach(function (a) {
      if (!document.getElementById(a.getAttribute('data-partner'))) { n++; }
    });
    return n;
  },
  counts: function (attr, names) {
    var c = {};
    names.forEach(function (k) {
      c[k] = document.querySelectorAll('tbody tr[' + attr + '="' + k + '"]').length;
    });
    return c;
  },
  shown: function (sel) {
    var n = 0;
    document.querySelectorAll(sel).forEach(function (el) { if (el.offsetParent !== null) { n++; } });
    return n;
  },
  inView: function (el) {
    var b = el.getBoundingClientRect();
    return b.top >= 0 && b.bottom <= window.innerHeight;
  },
  onScreen: function (el) {
    var b = el.getBoundingClientRect();
    return b.bottom > 0 && b.top < window.innerHeight;
  },
  done: function (r) {
    r.injectedRan = window.injected === true;
    var out = document.createElement('pre');
    out.id = 'probe';
    out.textContent = JSON.stringify(r);
    document.body.appendChild(out);
  }
};
</script>
"#;

/// Runs on `load`, after the report's own script: counts rows, clicks the first moved
/// marker and its partner's marker, unticks a filter, and reports the findings.
const PROBE: &str = r#"<script>
window.addEventListener('load', function () {
  var r = { dangling: probe.dangling() };
  r.counts = probe.counts('data-kind',
    ['unchanged', 'reworded', 'moved', 'split', 'merged', 'added', 'removed']);
  var inView = probe.inView;
  var marker = document.querySelector('tr[data-kind="moved"] a[data-partner]');
  if (marker) {
    var row = marker.closest('tr');
    window.scrollTo(0, document.body.scrollHeight);
    var partner = document.getElementById(marker.getAttribute('data-partner'));
    r.partnerInViewBefore = inView(partner);
    marker.click();
    r.partnerInView = inView(partner);
    r.partnerFlash = partner.classList.contains('flash');
    r.partnerIsOrigin = partner.getAttribute('data-of') === 'moved';
    var back = partner.querySelector('a[data-partner]');
    r.backTo = back ? back.getAttribute('data-partner') === row.id : false;
    if (back) {
      window.scrollTo(0, document.body.scrollHeight);
      r.rowInViewBefore = inView(row);
      back.click();
      r.backInView = inView(row);
      r.backFlash = row.classList.contains('flash');
      r.partnerFlashCleared = !partner.classList.contains('flash');
    }
  }
  document.querySelector('input[data-filter="unchanged"]').click();
  r.unchangedShownAfterUntick = probe.shown('tr[data-kind="unchanged"]');
  probe.done(r);
});
</script>
"#;

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CLAIMDIFF_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|p| p.is_file())
}

fn seed(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("seeds")
        .join(name)
}

/// Run claimdiff in `seeds/` with `args`, expecting exit status `code`; its standard output.
fn claimdiff(args: &[&str], code: i32) -> String {
    let out = Command::cargo_bin("claimdiff")
        .unwrap()
        .current_dir(seed(""))
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(code), "claimdiff {args:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// The diff of the statement seed pair in `format`.
fn diff_seeds(format: &str) -> String {
    claimdiff(
        &["statement.txt", "statement.new.txt", "--format", format],
        1,
    )
}

/// Chromium's flags for a run that touches no network and no existing profile.
fn chromium_command(bin: &Path, profile: &Path, width: u32) -> Command {
    let mut cmd = Command::new(bin);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ])
    .arg(format!("--window-size={width},500"))
    .arg(format!("--user-data-dir={}", profile.display()));
    cmd
}

/// Run `cmd`, killing it after `limit`; its standard output.
fn run_with_limit(mut cmd: Command, limit: Duration) -> String {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().unwrap()
}

/// The Chromium to use, or `None` when there is none and the browser is not required: the
/// test named `test` then passes without running, and says so on the real standard error
/// (written to the stream itself, not with `eprintln!`, which `cargo test` captures and
/// hides for a passing test), so the skip shows in the output of `cargo test`.
fn browser_or_skip(test: &str) -> Option<PathBuf> {
    let bin = chromium();
    if bin.is_none() {
        assert!(
            std::env::var_os("CLAIMDIFF_REQUIRE_BROWSER").is_none(),
            "CLAIMDIFF_REQUIRE_BROWSER is set but no chromium was found"
        );
        use std::io::Write as _;
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED {test}: no chromium on PATH (install Debian's `chromium`, or set \
             CLAIMDIFF_CHROMIUM; CI sets CLAIMDIFF_REQUIRE_BROWSER=1, which fails instead)"
        );
    }
    bin
}

/// A script that slipped into the page (no hash in the CSP): it must not run.
const INJECTED: &str = "<script>window.injected = true;</script>";

/// The CSP hash source of a `<script>` element's contents: `'sha256-BASE64'`.
fn hash_source(script: &str) -> String {
    use sha2::Digest as _;
    let body = script
        .trim_end()
        .strip_prefix("<script>")
        .and_then(|s| s.strip_suffix("</script>"))
        .unwrap();
    let digest = sha2::Sha256::digest(body.as_bytes());
    const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut b64 = String::new();
    for chunk in digest.chunks(3) {
        let n = chunk.iter().fold(0u32, |n, &b| (n << 8) | u32::from(b)) << (8 * (3 - chunk.len()));
        for k in 0..4 {
            b64.push(if k <= chunk.len() {
                ABC[((n >> (18 - 6 * k)) & 63) as usize] as char
            } else {
                '='
            });
        }
    }
    format!("'sha256-{b64}'")
}

/// Open `html` in headless Chromium with [`PROBE_LIB`] and `probe` (a `<script>` that
/// ends with `probe.done(findings)`) added at the end of the body, their hashes added to
/// the page's CSP, and an unhashed [`INJECTED`] script that must not run; the findings.
fn run_probe(bin: &Path, html: &str, probe: &str) -> serde_json::Value {
    run_probe_at(bin, html, probe, 1000)
}

/// [`run_probe`] in a window `width` CSS pixels wide. Headless Chromium opens no window
/// narrower than 500 pixels, so a narrower one is a frame of that width in a page of our
/// own, which copies the findings out of the frame when it has loaded (file pages may read
/// each other with `--allow-file-access-from-files`).
fn run_probe_at(bin: &Path, html: &str, probe: &str, width: u32) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    let trusted = format!(
        "script-src {} {} ",
        hash_source(PROBE_LIB),
        hash_source(probe)
    );
    assert!(
        html.contains("script-src 'sha256-"),
        "the page's CSP names its script"
    );
    std::fs::write(
        &page,
        html.replacen("script-src ", &trusted, 1)
            .replace("</body>", &format!("{INJECTED}{PROBE_LIB}{probe}</body>")),
    )
    .unwrap();
    let mut cmd = chromium_command(bin, &dir.path().join("profile"), width.max(500));
    let mut open = page.clone();
    if width < 500 {
        open = dir.path().join("frame.html");
        std::fs::write(
            &open,
            format!(
                "<!doctype html><html><body style=\"margin:0\">\
                 <iframe id=\"f\" src=\"report.html\" style=\"width:{width}px;height:900px;border:0\"></iframe>\
                 <script>document.getElementById('f').addEventListener('load', function () {{\
                 var p = this.contentDocument.getElementById('probe');\
                 var out = document.createElement('pre'); out.id = 'probe';\
                 out.textContent = p ? p.textContent : '{{}}'; document.body.appendChild(out);\
                 }});</script></body></html>"
            ),
        )
        .unwrap();
        cmd.arg("--allow-file-access-from-files");
    }
    cmd.arg("--dump-dom")
        .arg(format!("file://{}", open.display()));
    let dom = run_with_limit(cmd, Duration::from_secs(90));
    let start = dom.find("<pre id=\"probe\">").expect("the probe ran") + 16;
    let end = start + dom[start..].find("</pre>").unwrap();
    let raw = dom[start..end]
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    let findings: serde_json::Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(
        findings["injectedRan"], false,
        "an unhashed script ran: {findings}"
    );
    findings
}

#[test]
fn report_renders_rows_links_and_filters_in_chromium() {
    let Some(bin) = browser_or_skip("report_renders_rows_links_and_filters_in_chromium") else {
        return;
    };
    let probe = run_probe(&bin, &diff_seeds("html"), PROBE);

    let json: serde_json::Value = serde_json::from_str(&diff_seeds("json")).unwrap();
    for kind in KINDS {
        assert_eq!(
            probe["counts"][kind], json["stats"][kind],
            "rows of kind {kind}: {probe}"
        );
    }
    assert!(
        json["stats"]["moved"].as_u64().unwrap() > 0,
        "the seeds have moves"
    );
    assert_eq!(probe["dangling"], 0, "every partner link has a target");
    assert_eq!(probe["partnerIsOrigin"], true, "{probe}");
    assert_eq!(
        probe["partnerInViewBefore"], false,
        "partner starts out of view: {probe}"
    );
    assert_eq!(
        probe["partnerInView"], true,
        "click scrolls to the partner: {probe}"
    );
    assert_eq!(probe["partnerFlash"], true, "partner highlighted: {probe}");
    assert_eq!(probe["backTo"], true, "partner links back: {probe}");
    assert_eq!(probe["rowInViewBefore"], false, "{probe}");
    assert_eq!(probe["backInView"], true, "{probe}");
    assert_eq!(probe["backFlash"], true, "{probe}");
    assert_eq!(probe["partnerFlashCleared"], true, "{probe}");
    assert_eq!(
        probe["unchangedShownAfterUntick"], 0,
        "filter hides: {probe}"
    );
}

const VERDICTS: [&str; 4] = ["supported", "partial", "disputed", "unaddressed"];

/// The probe of the check report: counts rows per verdict and report rows, clicks the last
/// evidence link and the report sentence's link back, then unticks the filter of the
/// verdict filters one by one (ticking each again) and the `omitted` filter.
const CHECK_PROBE: &str = r#"<script>
window.addEventListener('load', function () {
  var verdicts = ['supported', 'partial', 'disputed', 'unaddressed'];
  var r = { dangling: probe.dangling(), shownAfterUntick: {} };
  r.counts = probe.counts('data-kind', verdicts);
  r.report = probe.counts('data-of', ['reflected', 'omitted']);
  // On screen at least in part: a statement row can be taller than the window.
  var inView = probe.onScreen;
  var links = document.querySelectorAll('td.ev a[data-partner]');
  r.evidenceLinks = links.length;
  var link = links[0];
  if (link) {
    var row = link.closest('tr');
    var target = document.getElementById(link.getAttribute('data-partner'));
    window.scrollTo(0, 0);
    r.targetInViewBefore = inView(target);
    link.click();
    r.targetIsReport = target.hasAttribute('data-of');
    r.targetInView = inView(target);
    r.targetFlash = target.classList.contains('flash');
    var back = target.querySelector('a[data-partner="' + row.id + '"]');
    r.backTo = back !== null;
    if (back) {
      r.rowInViewBefore = inView(row);
      back.click();
      r.backInView = inView(row);
      r.backFlash = row.classList.contains('flash');
    }
  }
  verdicts.forEach(function (v) {
    var box = document.querySelector('input[data-filter="' + v + '"]');
    box.click();
    var after = {};
    verdicts.forEach(function (w) { after[w] = probe.shown('tbody tr[data-kind="' + w + '"]'); });
    r.shownAfterUntick[v] = after;
    box.click();
  });
  document.querySelector('input[data-filter="omitted"]').click();
  r.omittedShownAfterUntick = probe.shown('tbody tr[data-of="omitted"]');
  r.reflectedShownAfterUntick = probe.shown('tbody tr[data-of="reflected"]');
  probe.done(r);
});
</script>
"#;

#[test]
fn check_report_renders_verdict_rows_links_and_filters_in_chromium() {
    let Some(bin) =
        browser_or_skip("check_report_renders_verdict_rows_links_and_filters_in_chromium")
    else {
        return;
    };
    for (statement, code) in [("statement.txt", 1), ("statement-support.txt", 1)] {
        let args = [
            "check",
            statement,
            "--against",
            "report-summary.txt",
            "--format",
        ];
        let html = claimdiff(&[&args[..], &["html"]].concat(), code);
        let probe = run_probe(&bin, &html, CHECK_PROBE);
        let json: serde_json::Value =
            serde_json::from_str(&claimdiff(&[&args[..], &["json"]].concat(), code)).unwrap();
        let summary = &json["summary"];
        for v in VERDICTS {
            assert_eq!(
                probe["counts"][v], summary[v],
                "{statement}: rows of verdict {v}: {probe}"
            );
            // Unticking a verdict hides its rows and only those.
            for w in VERDICTS {
                let expected = if v == w {
                    0
                } else {
                    summary[w].as_u64().unwrap()
                };
                assert_eq!(
                    probe["shownAfterUntick"][v][w], expected,
                    "{statement}: {w} rows shown with {v} unticked: {probe}"
                );
            }
        }
        assert_eq!(probe["report"]["omitted"], summary["omitted"], "{probe}");
        assert_eq!(
            probe["report"]["reflected"], summary["reflected"],
            "{probe}"
        );
        assert_eq!(probe["dangling"], 0, "every partner link has a target");
        assert!(probe["evidenceLinks"].as_u64().unwrap() > 0, "{probe}");
        assert_eq!(probe["targetIsReport"], true, "{probe}");
        assert_eq!(probe["targetInViewBefore"], false, "{probe}");
        assert_eq!(probe["targetInView"], true, "click scrolls: {probe}");
        assert_eq!(probe["targetFlash"], true, "{probe}");
        assert_eq!(probe["backTo"], true, "report sentence links back: {probe}");
        assert_eq!(probe["rowInViewBefore"], false, "{probe}");
        assert_eq!(probe["backInView"], true, "{probe}");
        assert_eq!(probe["backFlash"], true, "{probe}");
        assert_eq!(probe["omittedShownAfterUntick"], 0, "{probe}");
        assert_eq!(
            probe["reflectedShownAfterUntick"], summary["reflected"],
            "{probe}"
        );
    }
}

/// Phone width: the window width, how wide the page is (a page wider than the window
/// scrolls sideways), and the words of at most [`WHOLE_WORD`] characters that the layout
/// broke across two lines (a word's text range with boxes on two lines). Words are cut at
/// spaces, hyphens, dashes and slashes, where a line may end.
const PHONE_PROBE: &str = r#"<script>
(function () {
  var root = document.documentElement;
  var r = { window: window.innerWidth, page: root.scrollWidth, broken: [] };
  var walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  var node;
  while ((node = walk.nextNode())) {
    var el = node.parentElement;
    if (!el || el.closest('script, style, #probe') || el.getClientRects().length === 0) { continue; }
    var re = /[^\s\-\u2010-\u2014\/]+/g, m;
    while ((m = re.exec(node.data))) {
      if (m[0].length > 16) { continue; }
      var range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      var tops = {};
      Array.prototype.forEach.call(range.getClientRects(), function (b) {
        if (b.width > 0) { tops[Math.round(b.top)] = true; }
      });
      if (Object.keys(tops).length > 1) { r.broken.push(m[0]); }
    }
  }
  probe.done(r);
})();
</script>
"#;

/// The longest word [`PHONE_PROBE`] requires to stay whole: 16 characters is about 130
/// CSS pixels of body text, a third of a 400 px screen; longer strings (URLs, hashes) may
/// break.
const WHOLE_WORD: usize = 16;

/// A phone's width in CSS pixels (the narrow end of common phones, 360 to 430).
const PHONE: u32 = 400;

#[test]
fn reports_fit_a_phone_without_sideways_scroll_or_broken_words() {
    let Some(bin) = browser_or_skip("reports_fit_a_phone_without_sideways_scroll_or_broken_words")
    else {
        return;
    };
    let check = [
        "check",
        "statement.txt",
        "--against",
        "report-summary.txt",
        "--format",
        "html",
    ];
    for (name, html) in [
        ("diff", diff_seeds("html")),
        ("check", claimdiff(&check, 1)),
    ] {
        let probe = run_probe_at(&bin, &html, PHONE_PROBE, PHONE);
        assert_eq!(
            probe["window"], PHONE,
            "{name}: the window is a phone's: {probe}"
        );
        assert!(
            probe["page"].as_u64().unwrap() <= u64::from(PHONE),
            "{name}: the page scrolls sideways: {probe}"
        );
        assert_eq!(
            probe["broken"].as_array().unwrap().len(),
            0,
            "{name}: words of up to {WHOLE_WORD} characters broken: {probe}"
        );
    }
}

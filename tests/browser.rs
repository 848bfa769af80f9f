//! The HTML report in a real browser: headless Chromium opens the report of the statement
//! seed pair with a small probe script added, and the probe reports what was rendered.
//!
//! Checks: the number of rows of each kind equals the counts of the JSON output; every
//! partner link points to a row; a click on a moved sentence's marker scrolls its partner
//! into view and highlights it, and the partner's marker leads back; unticking a kind's
//! filter hides its rows.
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

/// Runs on `load`, after the report's own script: counts rows, clicks the first moved
/// marker and its partner's marker, unticks a filter, and writes the findings as JSON into
/// a `<pre id="probe">` (with textContent, so the output stays plain text).
const PROBE: &str = r#"<script>
window.addEventListener('load', function () {
  var r = { counts: {}, dangling: 0 };
  document.querySelectorAll('a[data-partner]').forEach(function (a) {
    if (!document.getElementById(a.getAttribute('data-partner'))) { r.dangling++; }
  });
  ['unchanged', 'reworded', 'moved', 'split', 'merged', 'added', 'removed'].forEach(function (k) {
    r.counts[k] = document.querySelectorAll('tbody tr[data-kind="' + k + '"]').length;
  });
  function inView(el) {
    var b = el.getBoundingClientRect();
    return b.top >= 0 && b.bottom <= window.innerHeight;
  }
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
  var box = document.querySelector('input[data-filter="unchanged"]');
  box.click();
  var shown = 0;
  document.querySelectorAll('tr[data-kind="unchanged"]').forEach(function (tr) {
    if (tr.offsetParent !== null) { shown++; }
  });
  r.unchangedShownAfterUntick = shown;
  var out = document.createElement('pre');
  out.id = 'probe';
  out.textContent = JSON.stringify(r);
  document.body.appendChild(out);
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

fn claimdiff(format: &str) -> String {
    let out = Command::cargo_bin("claimdiff")
        .unwrap()
        .arg(seed("statement.txt"))
        .arg(seed("statement.new.txt"))
        .args(["--format", format])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "the seeds differ");
    String::from_utf8(out.stdout).unwrap()
}

/// Chromium's flags for a run that touches no network and no existing profile.
fn chromium_command(bin: &Path, profile: &Path) -> Command {
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
        "--window-size=1000,500",
    ])
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

#[test]
fn report_renders_rows_links_and_filters_in_chromium() {
    let Some(bin) = chromium() else {
        assert!(
            std::env::var_os("CLAIMDIFF_REQUIRE_BROWSER").is_none(),
            "CLAIMDIFF_REQUIRE_BROWSER is set but no chromium was found"
        );
        eprintln!(
            "SKIPPED report_renders_rows_links_and_filters_in_chromium: no chromium on PATH \
             (install Debian's `chromium`, or set CLAIMDIFF_CHROMIUM)"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let html = claimdiff("html").replace("</body>", &format!("{PROBE}</body>"));
    let page = dir.path().join("report.html");
    std::fs::write(&page, html).unwrap();

    let mut cmd = chromium_command(&bin, &dir.path().join("profile"));
    cmd.arg("--dump-dom")
        .arg(format!("file://{}", page.display()));
    let dom = run_with_limit(cmd, Duration::from_secs(90));
    let start = dom.find("<pre id=\"probe\">").expect("the probe ran") + 16;
    let end = start + dom[start..].find("</pre>").unwrap();
    let raw = dom[start..end]
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    let probe: serde_json::Value = serde_json::from_str(&raw).unwrap();

    let json: serde_json::Value = serde_json::from_str(&claimdiff("json")).unwrap();
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

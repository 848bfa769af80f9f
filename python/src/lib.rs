//! `claimdiff._claimdiff`: the native part of the Python package (PyO3).
//!
//! Every function returns JSON text written by the same serde structures and writer as
//! `claimdiff --format json`, `claimdiff check --format json` and `claimdiff batch`
//! ([`claimdiff::render::json::JsonReport`], [`claimdiff::render::check::JsonCheck`],
//! [`claimdiff::batch::process_bytes`]); `python/claimdiff/__init__.py` parses it into dicts,
//! so the dicts cannot drift from the command line's JSON. The work runs with the GIL
//! released ([`Python::detach`]).

use claimdiff::batch::{self, Outcome};
use claimdiff::check::{CheckOptions, check};
use claimdiff::input::DecodeOptions;
use claimdiff::render::check::JsonCheck;
use claimdiff::render::json::{JsonReport, to_string};
use claimdiff::{
    AlignOptions, ClaimType, Document, Lang, Options, SegmentOptions, SplitMode, compare,
};
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString};
use rayon::prelude::*;

/// The most evidence sentences per statement sentence, as `claimdiff check --evidence`
/// allows (the check scores no more candidates than this).
const MAX_EVIDENCE: usize = 16;

/// A text argument: a string (segmented) or a list of strings (taken as the sentences).
enum Text {
    Whole(String),
    Sentences(Vec<String>),
}

impl Text {
    /// Read `obj` (the argument called `name`, for messages).
    fn from_py(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Text> {
        if let Ok(s) = obj.cast::<PyString>() {
            return Ok(Text::Whole(s.to_str()?.to_owned()));
        }
        if let Ok(list) = obj.cast::<PyList>() {
            let mut parts = Vec::with_capacity(list.len());
            for (k, item) in list.iter().enumerate() {
                match item.cast::<PyString>() {
                    Ok(s) => parts.push(s.to_str()?.to_owned()),
                    Err(_) => {
                        return Err(PyTypeError::new_err(format!(
                            "{name}[{k}] must be a str, not {}",
                            type_name(&item)
                        )));
                    }
                }
            }
            return Ok(Text::Sentences(parts));
        }
        Err(PyTypeError::new_err(format!(
            "{name} must be a str or a list of str, not {}",
            type_name(obj)
        )))
    }

    fn document(&self, seg: &SegmentOptions) -> Document {
        match self {
            Text::Whole(s) => Document::new(s.clone(), seg),
            Text::Sentences(parts) => Document::from_sentences(parts),
        }
    }
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map_or_else(|_| "an unknown type".to_owned(), |n| n.to_string())
}

/// The options shared by every function, as the command line names them.
struct Shared {
    options: Options,
}

#[allow(clippy::too_many_arguments)]
fn shared(
    split: &str,
    lang: &str,
    moves: bool,
    pair_min: Option<f32>,
    move_min: Option<f32>,
    pair_floor: Option<f32>,
    min_confidence: Option<f32>,
    meaning: bool,
) -> PyResult<Shared> {
    let split = match split {
        "prose" => SplitMode::Prose,
        "lines" => SplitMode::Lines,
        "markdown" => SplitMode::Markdown,
        other => {
            return Err(PyValueError::new_err(format!(
                "split must be \"prose\", \"lines\" or \"markdown\", not {other:?}"
            )));
        }
    };
    let lang = Lang::from_code(lang).ok_or_else(|| {
        let codes: Vec<String> = Lang::ALL
            .iter()
            .map(|l| format!("{:?}", l.code()))
            .collect();
        PyValueError::new_err(format!(
            "lang must be one of {}, not {lang:?}",
            codes.join(", ")
        ))
    })?;
    let unit = |name: &str, v: Option<f32>| -> PyResult<Option<f32>> {
        match v {
            Some(x) if !(0.0..=1.0).contains(&x) => Err(PyValueError::new_err(format!(
                "{name} must be between 0 and 1, not {x}"
            ))),
            _ => Ok(v),
        }
    };
    let defaults = AlignOptions::default();
    let mut segment = SegmentOptions::default();
    segment.split = split;
    segment.lang = lang;
    let mut align = AlignOptions::default();
    align.moves = moves;
    align.pair_min = unit("pair_min", pair_min)?.unwrap_or(defaults.pair_min);
    align.move_min = unit("move_min", move_min)?.unwrap_or(defaults.move_min);
    align.floor = unit("pair_floor", pair_floor)?.unwrap_or(defaults.floor);
    align.min_confidence =
        unit("min_confidence", min_confidence)?.unwrap_or(defaults.min_confidence);
    align.meaning = meaning;
    let mut options = Options::default();
    options.segment = segment;
    options.align = align;
    Ok(Shared { options })
}

fn claim_types(only: Option<Vec<String>>) -> PyResult<Vec<ClaimType>> {
    only.unwrap_or_default()
        .iter()
        .map(|name| {
            ClaimType::from_name(name).ok_or_else(|| {
                let known: Vec<&str> = ClaimType::ALL.iter().map(|t| t.name()).collect();
                PyValueError::new_err(format!(
                    "only: unknown claim type {name:?} (known: {})",
                    known.join(", ")
                ))
            })
        })
        .collect()
}

fn json_error(e: serde_json::Error) -> PyErr {
    PyRuntimeError::new_err(format!("cannot write JSON: {e}"))
}

/// Compare `old` and `new` as `claimdiff OLD NEW --format json` does; the JSON report.
#[pyfunction]
#[pyo3(signature = (
    old, new, *, split = "prose", lang = "en", moves = true, ignore_cosmetic = false,
    only = None, pair_min = None, move_min = None, pair_floor = None, min_confidence = None,
    meaning = false
))]
#[allow(clippy::too_many_arguments)]
fn compare_json(
    py: Python<'_>,
    old: &Bound<'_, PyAny>,
    new: &Bound<'_, PyAny>,
    split: &str,
    lang: &str,
    moves: bool,
    ignore_cosmetic: bool,
    only: Option<Vec<String>>,
    pair_min: Option<f32>,
    move_min: Option<f32>,
    pair_floor: Option<f32>,
    min_confidence: Option<f32>,
    meaning: bool,
) -> PyResult<String> {
    let opts = shared(
        split,
        lang,
        moves,
        pair_min,
        move_min,
        pair_floor,
        min_confidence,
        meaning,
    )?
    .options;
    let only = claim_types(only)?;
    let (old, new) = (Text::from_py(old, "old")?, Text::from_py(new, "new")?);
    py.detach(move || {
        let (old, new) = (old.document(&opts.segment), new.document(&opts.segment));
        let mut cmp = compare(old, new, &opts.align);
        if ignore_cosmetic {
            cmp.ignore_cosmetic();
        }
        if !only.is_empty() {
            cmp.retain_claim_types(&only);
        }
        to_string(&JsonReport::new(&cmp, None, None))
    })
    .map_err(json_error)
}

/// Check `statement` against `reports` as `claimdiff check --format json` does; the JSON.
#[pyfunction]
#[pyo3(signature = (statement, reports, *, split = "prose", lang = "en", evidence = 2))]
fn check_json(
    py: Python<'_>,
    statement: &Bound<'_, PyAny>,
    reports: &Bound<'_, PyAny>,
    split: &str,
    lang: &str,
    evidence: usize,
) -> PyResult<String> {
    let opts = shared(split, lang, true, None, None, None, None, false)?.options;
    if !(1..=MAX_EVIDENCE).contains(&evidence) {
        return Err(PyValueError::new_err(format!(
            "evidence must be between 1 and {MAX_EVIDENCE}, not {evidence}"
        )));
    }
    let statement = Text::from_py(statement, "statement")?;
    // One report (a str), or a list of reports, each a str or a list of str; as in batch,
    // a list of str is a list of reports (wrap it once more for one pre-split report).
    let reports: Vec<Text> = if reports.cast::<PyString>().is_ok() {
        vec![Text::from_py(reports, "reports")?]
    } else if let Ok(list) = reports.cast::<PyList>() {
        if list.is_empty() {
            return Err(PyValueError::new_err("reports must not be empty"));
        }
        list.iter()
            .enumerate()
            .map(|(k, r)| Text::from_py(&r, &format!("reports[{k}]")))
            .collect::<PyResult<_>>()?
    } else {
        return Err(PyTypeError::new_err(format!(
            "reports must be a str or a list of reports (each a str or a list of str), not {}",
            type_name(reports)
        )));
    };
    py.detach(move || {
        let statement = statement.document(&opts.segment);
        let reports = reports.iter().map(|r| r.document(&opts.segment)).collect();
        let mut check_opts = CheckOptions::default();
        check_opts.evidence = evidence;
        let result = check(statement, reports, &check_opts);
        to_string(&JsonCheck::new(&result, None, &[]))
    })
    .map_err(json_error)
}

/// Runs batch records (JSON lines) in parallel with the options of one `batch()` call.
#[pyclass(module = "claimdiff._claimdiff", frozen)]
struct Batcher {
    options: Options,
    decode: DecodeOptions,
    pool: rayon::ThreadPool,
}

#[pymethods]
impl Batcher {
    #[new]
    #[pyo3(signature = (
        *, jobs = 0, split = "prose", lang = "en", moves = true, pair_min = None,
        move_min = None, pair_floor = None, min_confidence = None, meaning = false,
        max_bytes = None, allow_binary = false, lossy = false
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        jobs: usize,
        split: &str,
        lang: &str,
        moves: bool,
        pair_min: Option<f32>,
        move_min: Option<f32>,
        pair_floor: Option<f32>,
        min_confidence: Option<f32>,
        meaning: bool,
        max_bytes: Option<usize>,
        allow_binary: bool,
        lossy: bool,
    ) -> PyResult<Self> {
        let options = shared(
            split,
            lang,
            moves,
            pair_min,
            move_min,
            pair_floor,
            min_confidence,
            meaning,
        )?
        .options;
        let mut decode = DecodeOptions::default();
        decode.allow_binary = allow_binary;
        decode.lossy = lossy;
        decode.max_bytes = max_bytes.unwrap_or(decode.max_bytes);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(batch::effective_jobs(jobs))
            .build()
            .map_err(|e| PyRuntimeError::new_err(format!("cannot start threads: {e}")))?;
        Ok(Batcher {
            options,
            decode,
            pool,
        })
    }

    /// How many records one `run` should get to keep every thread busy.
    #[getter]
    fn chunk(&self) -> usize {
        batch::LINES_PER_JOB * self.pool.current_num_threads()
    }

    /// Process `lines` (JSON lines, without their newlines), the first being line
    /// `first_line` (1-based), with the GIL released: one output line per input line, in
    /// order, as `claimdiff batch` writes it, or None for a blank line.
    fn run(
        &self,
        py: Python<'_>,
        lines: &Bound<'_, PyList>,
        first_line: usize,
    ) -> PyResult<Vec<Option<String>>> {
        let mut owned: Vec<Vec<u8>> = Vec::with_capacity(lines.len());
        for (k, item) in lines.iter().enumerate() {
            if let Ok(s) = item.cast::<PyString>() {
                owned.push(s.to_str()?.as_bytes().to_vec());
            } else if let Ok(b) = item.cast::<PyBytes>() {
                owned.push(b.as_bytes().to_vec());
            } else {
                return Err(PyTypeError::new_err(format!(
                    "record {} must be a str or bytes line, not {}",
                    first_line + k - 1,
                    type_name(&item)
                )));
            }
        }
        let lines = owned;
        Ok(py.detach(|| {
            self.pool.install(|| {
                lines
                    .par_iter()
                    .enumerate()
                    .map(|(k, line)| {
                        batch::process_bytes(line, first_line + k, &self.options, &self.decode)
                            .map(|(json, _outcome): (String, Outcome)| json)
                    })
                    .collect()
            })
        }))
    }
}

/// The native module.
#[pymodule]
fn _claimdiff(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(compare_json, m)?)?;
    m.add_function(wrap_pyfunction!(check_json, m)?)?;
    m.add_class::<Batcher>()?;
    m.add("JSON_VERSION", claimdiff::render::json::JSON_VERSION)?;
    Ok(())
}

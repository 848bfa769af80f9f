//! The `claimdiff` binary: parses arguments, reads files, picks a renderer, maps errors to
//! exit codes (0 same, 1 different, 2 trouble). Everything else is in the library.

mod cli;

use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use claimdiff::batch::BatchOptions;
use claimdiff::input::{DecodeOptions, decode};
use claimdiff::render::json::{JSON_VERSION, JsonDocument};
use claimdiff::render::terminal::Context;
use claimdiff::render::{Json, Render, Stat, Terminal, terminal_safe};
use claimdiff::{AlignOptions, Document, Lang, Options, SegmentOptions, SplitMode, compare};
use clap::Parser;

use cli::{
    Cli, ColorChoice, Command, ContextArg, Format, InputArgs, LangArg, SegmentFormat, SplitArg,
};

fn main() -> ExitCode {
    // SAFETY: mi_option_set only records an option value, before any other thread exists.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            // terminal_safe keeps the message on one line whatever the cause text holds.
            eprintln!("claimdiff: {}", terminal_safe(&format!("{err:#}")));
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Some(Command::Segment {
            file,
            format,
            input,
        }) => segment_cmd(&file, format, &input),
        Some(Command::Batch { file, jobs, input }) => batch_cmd(file.as_deref(), jobs, &input),
        None => {
            let (Some(old), Some(new)) = (cli.old, cli.new) else {
                bail!("two files are needed: claimdiff OLD NEW");
            };
            diff_cmd(&old, &new, &cli.diff, &cli.input)
        }
    }
}

fn options(input: &InputArgs, no_moves: bool) -> Options {
    let lang = match input.lang {
        LangArg::En => Lang::English,
        LangArg::De => Lang::German,
        LangArg::Fr => Lang::French,
        LangArg::Es => Lang::Spanish,
    };
    let split = match input.split {
        SplitArg::Prose => SplitMode::Prose,
        SplitArg::Lines => SplitMode::Lines,
    };
    let defaults = AlignOptions::default();
    Options {
        segment: SegmentOptions { split, lang },
        align: AlignOptions {
            lang,
            moves: !no_moves,
            pair_min: input.pair_min.unwrap_or(defaults.pair_min),
            move_min: input.move_min.unwrap_or(defaults.move_min),
        },
    }
}

/// Read and decode one input; `-` is standard input. Errors name the path.
fn read_text(path: &Path, input: &InputArgs) -> Result<String> {
    let name = path.display().to_string();
    let bytes = if name == "-" {
        let mut buf = Vec::new();
        io::stdin()
            .lock()
            .read_to_end(&mut buf)
            .context("reading standard input")?;
        buf
    } else {
        std::fs::read(path).with_context(|| name.clone())?
    };
    let decoded = decode(&bytes, &decode_options(input)).with_context(|| name.clone())?;
    if decoded.replaced > 0 {
        eprintln!(
            "claimdiff: warning: {name}: replaced {} invalid sequence{} with U+FFFD",
            decoded.replaced,
            if decoded.replaced == 1 { "" } else { "s" }
        );
    }
    Ok(decoded.text)
}

fn decode_options(input: &InputArgs) -> DecodeOptions {
    DecodeOptions {
        allow_binary: input.text,
        lossy: input.lossy,
        max_bytes: input.max_bytes,
    }
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
        }
    }
}

fn diff_cmd(old: &Path, new: &Path, args: &cli::DiffArgs, input: &InputArgs) -> Result<u8> {
    if old.as_os_str() == "-" && new.as_os_str() == "-" {
        bail!("only one of OLD and NEW can be `-` (standard input)");
    }
    let opts = options(input, args.no_moves);
    let (old_text, new_text) = (read_text(old, input)?, read_text(new, input)?);
    let (old_doc, new_doc) = rayon::join(
        || Document::new(old_text, &opts.segment),
        || Document::new(new_text, &opts.segment),
    );
    let mut cmp = compare(old_doc, new_doc, &opts.align);
    if args.ignore_cosmetic {
        cmp.ignore_cosmetic();
    }
    let differ = cmp.has_differences();
    if !args.only.is_empty() && !args.stat {
        cmp.retain_claim_types(&args.only);
    }
    let renderer: Box<dyn Render> = if args.stat {
        Box::new(Stat)
    } else {
        match args.format {
            Format::Json => Box::new(Json {
                pretty: false,
                old_path: Some(old.display().to_string()),
                new_path: Some(new.display().to_string()),
            }),
            Format::Terminal => Box::new(Terminal {
                color: use_color(args.color),
                context: match args.context {
                    ContextArg::All => Context::All,
                    ContextArg::Lines(n) => Context::Lines(n),
                },
            }),
        }
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    renderer.render(&cmp, &mut out)?;
    out.flush()?;
    Ok(u8::from(differ))
}

fn segment_cmd(file: &Path, format: SegmentFormat, input: &InputArgs) -> Result<u8> {
    let opts = options(input, false);
    let doc = Document::new(read_text(file, input)?, &opts.segment);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match format {
        SegmentFormat::Text => {
            for i in 0..doc.len() {
                writeln!(out, "{}", terminal_safe(doc.sentence_text(i)))?;
            }
        }
        SegmentFormat::Json => {
            let body = serde_json::json!({
                "version": JSON_VERSION,
                "document": JsonDocument::from_document(&doc, Some(&file.display().to_string())),
            });
            serde_json::to_writer(&mut out, &body)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(0)
}

fn batch_cmd(file: Option<&Path>, jobs: Option<u32>, input: &InputArgs) -> Result<u8> {
    let (reader, total): (Box<dyn BufRead>, Option<u64>) = match file {
        None => (Box::new(io::stdin().lock()), None),
        Some(p) if p.as_os_str() == "-" => (Box::new(io::stdin().lock()), None),
        Some(p) => {
            let f = std::fs::File::open(p).with_context(|| p.display().to_string())?;
            let len = f.metadata().ok().map(|m| m.len());
            (Box::new(io::BufReader::new(f)), len)
        }
    };
    let name = file.map_or("standard input".to_owned(), |p| p.display().to_string());
    let opts = BatchOptions {
        options: options(input, false),
        decode: decode_options(input),
        jobs: jobs.map_or(0, |j| j as usize),
    };
    let bar = io::stderr().is_terminal().then(|| progress_bar(total));
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let summary = claimdiff::batch::run(reader, &mut out, &opts, |lines, bytes| {
        if let Some(bar) = &bar {
            bar.set_position(if total.is_some() { bytes } else { lines });
        }
    })
    .with_context(|| name.clone())?;
    out.flush()?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if summary.errors > 0 {
        eprintln!("claimdiff: {name}: some lines could not be processed (see their error objects)");
        return Ok(2);
    }
    Ok(u8::from(summary.different > 0))
}

/// The progress bar of `batch` on standard error: bytes of a file of known size, else lines.
fn progress_bar(total: Option<u64>) -> indicatif::ProgressBar {
    match total {
        Some(len) => indicatif::ProgressBar::new(len).with_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {binary_bytes}/{binary_total_bytes} ({binary_bytes_per_sec}, {eta})",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        ),
        None => indicatif::ProgressBar::new_spinner().with_style(
            indicatif::ProgressStyle::with_template("{spinner} {pos} lines ({per_sec})")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        ),
    }
}

/// mimalloc instead of the system allocator: the pipeline allocates many small vectors (tokens,
/// term rows, edits); it cut user time by about a fifth on the 10 MB bench pair and in batch.
/// Built without transparent huge pages (`no_thp`; with them the 1 MB bench pair peaked at
/// 54 MB instead of 16 MB), and `main` sets the purge delay to 0 so that freed memory goes
/// back at once (10 MB pair: 147 MB -> 102 MB peak RSS, no measured cost in time).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (its option numbers are stable across its versions:
/// retired options keep their slot).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

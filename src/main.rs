//! The `claimdiff` binary: parses arguments, reads files, picks a renderer, maps errors to
//! exit codes (0 same, 1 different, 2 trouble). Everything else is in the library.

mod cli;

use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use claimdiff::batch::{Outcome, process_line};
use claimdiff::check::{CheckOptions, check};
use claimdiff::input::{DecodeOptions, decode};
use claimdiff::render::check::{CheckHtml, CheckJson, CheckTerminal};
use claimdiff::render::json::{JSON_VERSION, JsonDocument};
use claimdiff::render::terminal::Context;
use claimdiff::render::{Html, Json, Render, Stat, Terminal, terminal_safe};
use claimdiff::{AlignOptions, Document, Lang, Options, SegmentOptions, SplitMode, compare};
use clap::Parser;

use cli::{
    CheckFormat, Cli, ColorChoice, Command, ContextArg, Format, InputArgs, LangArg, SegmentFormat,
    SplitArg,
};

fn main() -> ExitCode {
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
        Some(Command::Batch { file, input }) => batch_cmd(file.as_deref(), &input),
        Some(Command::Check {
            statement,
            against,
            evidence,
            omitted: _,
            no_omitted,
            format,
            color,
            input,
        }) => check_cmd(
            &statement,
            &against,
            &CheckArgs {
                evidence,
                omitted: !no_omitted,
                format,
                color,
            },
            &input,
        ),
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
        SplitArg::Auto | SplitArg::Prose => SplitMode::Prose,
        SplitArg::Lines => SplitMode::Lines,
        SplitArg::Markdown => SplitMode::Markdown,
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

/// With `--split auto`: Markdown when any of `paths` is a Markdown file, else `given`.
fn split_for(input: &InputArgs, paths: &[&Path], given: SplitMode) -> SplitMode {
    let markdown = paths
        .iter()
        .any(|p| SplitMode::for_path(p) == SplitMode::Markdown);
    if input.split == SplitArg::Auto && markdown {
        SplitMode::Markdown
    } else {
        given
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
    let opts = DecodeOptions {
        allow_binary: input.text,
        lossy: input.lossy,
        max_bytes: input.max_bytes,
    };
    let decoded = decode(&bytes, &opts).with_context(|| name.clone())?;
    if decoded.replaced > 0 {
        eprintln!(
            "claimdiff: warning: {name}: replaced {} invalid sequence{} with U+FFFD",
            decoded.replaced,
            if decoded.replaced == 1 { "" } else { "s" }
        );
    }
    Ok(decoded.text)
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
    let mut opts = options(input, args.no_moves);
    opts.segment.split = split_for(input, &[old, new], opts.segment.split);
    let old_doc = Document::new(read_text(old, input)?, &opts.segment);
    let new_doc = Document::new(read_text(new, input)?, &opts.segment);
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
            Format::Html => Box::new(Html {
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

/// Output options of `claimdiff check`.
struct CheckArgs {
    evidence: usize,
    omitted: bool,
    format: CheckFormat,
    color: ColorChoice,
}

fn check_cmd(
    statement: &Path,
    against: &[PathBuf],
    args: &CheckArgs,
    input: &InputArgs,
) -> Result<u8> {
    let stdin_uses = std::iter::once(statement)
        .chain(against.iter().map(PathBuf::as_path))
        .filter(|p| p.as_os_str() == "-")
        .count();
    if stdin_uses > 1 {
        bail!("only one of STATEMENT and the reports can be `-` (standard input)");
    }
    let opts = options(input, false);
    let statement_doc = Document::new(read_text(statement, input)?, &opts.segment);
    let reports = against
        .iter()
        .map(|p| Ok(Document::new(read_text(p, input)?, &opts.segment)))
        .collect::<Result<Vec<_>>>()?;
    let report = check(
        statement_doc,
        reports,
        &CheckOptions {
            lang: opts.segment.lang,
            evidence: args.evidence,
        },
    );
    let report_paths: Vec<Option<String>> = against
        .iter()
        .map(|p| Some(p.display().to_string()))
        .collect();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match args.format {
        CheckFormat::Json => CheckJson {
            statement_path: Some(statement.display().to_string()),
            report_paths,
        }
        .render(&report, &mut out)?,
        CheckFormat::Html => CheckHtml {
            statement_path: Some(statement.display().to_string()),
            report_paths,
            omitted: args.omitted,
        }
        .render(&report, &mut out)?,
        CheckFormat::Terminal => CheckTerminal {
            color: use_color(args.color),
            omitted: args.omitted,
            report_paths,
        }
        .render(&report, &mut out)?,
    }
    out.flush()?;
    Ok(u8::from(!report.all_supported()))
}

fn segment_cmd(file: &Path, format: SegmentFormat, input: &InputArgs) -> Result<u8> {
    let mut opts = options(input, false);
    opts.segment.split = split_for(input, &[file], opts.segment.split);
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

fn batch_cmd(file: Option<&Path>, input: &InputArgs) -> Result<u8> {
    let opts = options(input, false);
    let reader: Box<dyn BufRead> = match file {
        None => Box::new(io::stdin().lock()),
        Some(p) if p.as_os_str() == "-" => Box::new(io::stdin().lock()),
        Some(p) => Box::new(io::BufReader::new(
            std::fs::File::open(p).with_context(|| p.display().to_string())?,
        )),
    };
    let name = file.map_or("standard input".to_owned(), |p| p.display().to_string());
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let (mut differ, mut errors) = (false, false);
    for (k, line) in reader.split(b'\n').enumerate() {
        let bytes = line.with_context(|| name.clone())?;
        let text = String::from_utf8_lossy(&bytes);
        if let Some((json, outcome)) = process_line(&text, k + 1, &opts) {
            writeln!(out, "{json}")?;
            differ |= outcome == Outcome::Different;
            errors |= outcome == Outcome::Error;
        }
    }
    out.flush()?;
    if errors {
        eprintln!("claimdiff: {name}: some lines could not be processed (see their error objects)");
        return Ok(2);
    }
    Ok(u8::from(differ))
}

//! The `claimdiff` binary: parses arguments, reads files, picks a renderer, maps errors to
//! exit codes (0 same, 1 different, 2 trouble). Everything else is in the library.

mod cli;
mod git;
mod history_cmd;
mod pager;

use std::ffi::OsString;
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use claimdiff::batch::BatchOptions;
use claimdiff::check::{CheckOptions, check};
use claimdiff::extract::{self, InputFormat, html::HtmlOptions};
use claimdiff::input::{DecodeOptions, decode_vec, read_limited};
use claimdiff::render::check::{CheckHtml, CheckJson, CheckMarkdown, CheckTerminal};
use claimdiff::render::json::{JSON_VERSION, JsonDocument};
use claimdiff::render::side_by_side::{DEFAULT_WIDTH, MAX_WIDTH, MIN_WIDTH};
use claimdiff::render::terminal::Context;
use claimdiff::render::{
    Html, Json, Markdown, Render, SideBySide, Stat, Terminal, terminal_safe, terminal_safe_lines,
};
use claimdiff::{Document, Options, SegmentOptions, SplitMode, compare};
use clap::{CommandFactory, Parser as _};
use git::GitDiff;
use pager::Output;

use cli::{
    CheckFormat, Cli, ColorChoice, Command, ContextArg, Format, InputArgs, InputFormatArg, Layout,
    SegmentFormat, SplitArg,
};

fn main() -> ExitCode {
    // SAFETY: mi_option_set only records an option value, before any other thread exists.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
    let args: Vec<OsString> = std::env::args_os().collect();
    // Called by git as an external diff: 7 (or 9) positional arguments after any options.
    let git = args
        .split_first()
        .and_then(|(_, rest)| GitDiff::parse(rest));
    let line = match &git {
        Some(g) => g.command_line(&args[0]),
        None => args,
    };
    let cli = match Cli::try_parse_from(line) {
        Ok(cli) => cli,
        Err(e) => return clap_exit(&e),
    };
    match run(cli, git.as_ref()) {
        // git stops the whole diff when an external diff exits non-zero: report
        // differences with 0 there (trouble still exits 2, with its message).
        Ok(_) if git.is_some() => ExitCode::SUCCESS,
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            // terminal_safe keeps the message on one line whatever the cause text holds.
            eprintln!(
                "claimdiff: {}",
                terminal_safe(&without_os_error(&format!("{err:#}")))
            );
            ExitCode::from(2)
        }
    }
}

/// What clap's `exit` would do, but checked and safe: help and version go to stdout and a
/// failed write (a full disk) is an error (exit 2); an argument error is written with
/// [`terminal_safe_lines`], so a bad argument's escape sequences are shown, not obeyed.
fn clap_exit(e: &clap::Error) -> ExitCode {
    if e.use_stderr() {
        let text = terminal_safe_lines(&e.render().to_string());
        eprint!("{text}");
        return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
    }
    // Help and version: our own words, coloured by clap when stdout is a terminal.
    let styled = e.render();
    let text = if io::stdout().is_terminal() {
        styled.ansi().to_string()
    } else {
        styled.to_string()
    };
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!(
                "claimdiff: {}",
                terminal_safe(&without_os_error(&err.to_string()))
            );
            ExitCode::from(2)
        }
    }
}

/// `message` without the ` (os error N)` that `io::Error` appends to its description
/// (`seeds/x.txt: No such file or directory`): the error number says nothing to a reader.
fn without_os_error(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(" (os error ") {
        let (head, tail) = rest.split_at(at);
        out.push_str(head);
        let digits = &tail[" (os error ".len()..];
        let n = digits.bytes().take_while(u8::is_ascii_digit).count();
        if n > 0 && digits[n..].starts_with(')') {
            rest = &digits[n + 1..];
        } else {
            out.push_str(" (os error ");
            rest = digits;
        }
    }
    out.push_str(rest);
    out
}

/// The options that do not apply to the chosen output, refused rather than ignored:
/// `--stat` prints text counts (the JSON report carries them as `stats`, the other formats
/// show the changes); `--layout` and `--width` are of the terminal views;
/// `--context` only of the terminal views (JSON and HTML show every sentence, Markdown the
/// changes).
fn refuse_inapplicable(args: &cli::DiffArgs) -> Result<()> {
    let format = match args.format {
        Format::Terminal => "terminal",
        Format::Json => "json",
        Format::Markdown => "markdown",
        Format::Html => "html",
    };
    if args.stat {
        if args.format != Format::Terminal {
            bail!(
                "--stat prints the counts as text and cannot be combined with --format {format} \
                 (leave out one of them)"
            );
        }
        for (given, name) in [
            (args.layout.is_some(), "--layout"),
            (args.width.is_some(), "--width"),
            (args.context.is_some(), "--context"),
        ] {
            if given {
                bail!("{name} does not apply to --stat, which prints only counts");
            }
        }
        return Ok(());
    }
    if args.format != Format::Terminal {
        for (given, name) in [
            (args.layout.is_some(), "--layout"),
            (args.width.is_some(), "--width"),
            (args.context.is_some(), "--context"),
        ] {
            if given {
                bail!("{name} applies only to the terminal view, not to --format {format}");
            }
        }
    }
    Ok(())
}

/// A closed output pipe, however it is wrapped (an `io::Error`, or serde_json's error for
/// a failed write).
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            || e.downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind)
                == Some(io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli, git: Option<&GitDiff>) -> Result<u8> {
    match cli.command {
        Some(Command::Segment {
            file,
            format,
            input,
        }) => segment_cmd(&file, format, &input),
        Some(Command::Batch { file, jobs, input }) => batch_cmd(file.as_deref(), jobs, &input),
        Some(Command::History {
            versions,
            from,
            format,
            only,
            color,
            no_pager,
            no_moves,
            input,
        }) => history_cmd::run(
            &versions,
            from.as_deref(),
            &history_cmd::Args {
                format,
                only,
                color: use_color(color),
                no_pager,
                no_moves,
            },
            &input,
        ),
        Some(Command::Completions { shell }) => {
            // clap_complete panics when a write fails: generate into memory, then write.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "claimdiff", &mut script);
            let mut out = io::stdout().lock();
            out.write_all(&script)?;
            out.flush()?;
            Ok(0)
        }
        Some(Command::Man) => {
            let mut page = Vec::new();
            man_page(&mut page)?;
            let mut out = io::stdout().lock();
            out.write_all(&page)?;
            out.flush()?;
            Ok(0)
        }
        Some(Command::Check {
            statement,
            against,
            evidence,
            omitted: _,
            no_omitted,
            format,
            color,
            no_pager,
            input,
        }) => check_cmd(
            &statement,
            &against,
            &CheckArgs {
                evidence,
                omitted: !no_omitted,
                format,
                color,
                no_pager,
            },
            &input,
        ),
        None => {
            let (Some(old), Some(new)) = (cli.old, cli.new) else {
                bail!("two files are needed: claimdiff OLD NEW");
            };
            diff_cmd(&old, &new, &cli.diff, &cli.input, git)
        }
    }
}

fn options(input: &InputArgs, no_moves: bool) -> Options {
    let lang = input.lang;
    let split = match input.split {
        SplitArg::Auto | SplitArg::Prose => SplitMode::Prose,
        SplitArg::Lines => SplitMode::Lines,
        SplitArg::Markdown => SplitMode::Markdown,
    };
    let mut opts = Options::default();
    opts.segment.split = split;
    opts.segment.lang = lang;
    let align = &mut opts.align;
    align.moves = !no_moves;
    align.pair_min = input.pair_min.unwrap_or(align.pair_min);
    align.move_min = input.move_min.unwrap_or(align.move_min);
    align.floor = input.pair_floor.unwrap_or(align.floor);
    align.min_confidence = input.min_confidence.unwrap_or(align.min_confidence);
    align.meaning = input.meaning;
    opts
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

/// Read one input's bytes; `-` is standard input. Errors name the path. Reading stops after
/// `--max-bytes` + 1 bytes, so an endless or growing input takes no more memory than the
/// limit; a regular file whose size is already over the limit is not read at all.
fn read_bytes(path: &Path, input: &InputArgs) -> Result<Vec<u8>> {
    let name = path.display().to_string();
    let max = input.max_bytes;
    let bytes = if name == "-" {
        read_limited(io::stdin().lock(), max, None).context("reading standard input")?
    } else {
        let file = std::fs::File::open(path).with_context(|| name.clone())?;
        let meta = file.metadata().with_context(|| name.clone())?;
        let size = meta.is_file().then_some(meta.len());
        if let Some(len) = size
            && len > u64::try_from(max).unwrap_or(u64::MAX)
        {
            let size = usize::try_from(len).unwrap_or(usize::MAX);
            return Err(claimdiff::Error::TooLarge { size, max }).context(name);
        }
        read_limited(file, max, size).with_context(|| name.clone())?
    }
    .with_context(|| name.clone())?;
    Ok(bytes)
}

/// Decode text bytes read from `name`, warning about replaced sequences.
fn decode_text(bytes: Vec<u8>, name: &str, input: &InputArgs) -> Result<String> {
    let decoded = decode_vec(bytes, &decode_options(input)).with_context(|| name.to_owned())?;
    if decoded.replaced > 0 {
        eprintln!(
            "claimdiff: warning: {}: replaced {} invalid sequence{} with U+FFFD",
            terminal_safe(name),
            decoded.replaced,
            if decoded.replaced == 1 { "" } else { "s" }
        );
    }
    Ok(decoded.text)
}

/// Read one input and segment it: plain text and Markdown as they are, HTML and .docx by
/// their extracted text (see `claimdiff::extract`). `seg` is the segmentation chosen for
/// text inputs; extracted text uses the prose rules unless `--split` names a mode.
fn read_document(path: &Path, input: &InputArgs, seg: &SegmentOptions) -> Result<Document> {
    let name = path.display().to_string();
    let bytes = read_bytes(path, input)?;
    let format = match input.input_format {
        InputFormatArg::Auto => {
            let named = (name != "-").then_some(path);
            extract::detect(named, &bytes)
        }
        InputFormatArg::Text => InputFormat::Text,
        InputFormatArg::Markdown => InputFormat::Markdown,
        InputFormatArg::Html => InputFormat::Html,
        InputFormatArg::Docx => InputFormat::Docx,
        InputFormatArg::Pdf => InputFormat::Pdf,
    };
    let mut seg = seg.clone();
    let extracted = match format {
        InputFormat::Text | InputFormat::Markdown => {
            if format == InputFormat::Markdown && input.split == SplitArg::Auto {
                seg.split = SplitMode::Markdown;
            }
            return Ok(Document::new(decode_text(bytes, &name, input)?, &seg));
        }
        InputFormat::Html => {
            let html = match extract::html::declared_charset(&bytes) {
                // A page in a legacy encoding it declares: decoded by it (WHATWG rules:
                // unmappable bytes become U+FFFD, as in a browser).
                Some(encoding) => encoding.decode_with_bom_removal(&bytes).0.into_owned(),
                None => decode_text(bytes, &name, input)?,
            };
            let mut opts = HtmlOptions::default();
            opts.all = input.html_all;
            extract::html::extract(&html, &opts)
        }
        InputFormat::Docx => {
            let max_xml = u64::try_from(input.max_bytes).unwrap_or(u64::MAX);
            extract::docx::extract(&bytes, max_xml)
        }
        InputFormat::Pdf => {
            extract::pdf::extract(&bytes, u64::try_from(input.max_bytes).unwrap_or(u64::MAX))
        }
        _ => bail!("{name}: an input format this claimdiff cannot read"),
    }
    .with_context(|| name.clone())?;
    if input.split == SplitArg::Auto {
        seg.split = SplitMode::Prose;
    }
    Ok(Document::from_extracted(extracted, &seg))
}

fn decode_options(input: &InputArgs) -> DecodeOptions {
    let mut opts = DecodeOptions::default();
    opts.allow_binary = input.text;
    opts.lossy = input.lossy;
    opts.max_bytes = input.max_bytes;
    opts
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

/// Width of the side-by-side view: `--width`, else the terminal's width when stdout is a
/// terminal, else `COLUMNS` (git sets it for the commands it runs under its pager), else
/// [`DEFAULT_WIDTH`]; at most [`MAX_WIDTH`] (a larger value is lowered to it).
fn width(arg: Option<u16>) -> usize {
    if let Some(w) = arg {
        return usize::from(w).min(MAX_WIDTH);
    }
    if io::stdout().is_terminal()
        && let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size()
    {
        return usize::from(w).clamp(MIN_WIDTH, MAX_WIDTH);
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&w| w >= MIN_WIDTH)
        .map_or(DEFAULT_WIDTH, |w| w.min(MAX_WIDTH))
}

/// Width the inline view wraps at: `--width`, else the terminal's width when stdout is a
/// terminal (the pager shows it at that width), else none: piped or redirected output keeps
/// one line per sentence, for grep and scripts.
fn inline_width(arg: Option<u16>) -> Option<usize> {
    if let Some(w) = arg {
        return Some(usize::from(w).min(MAX_WIDTH));
    }
    if io::stdout().is_terminal()
        && let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size()
    {
        return Some(usize::from(w).clamp(MIN_WIDTH, MAX_WIDTH));
    }
    None
}

/// Where the diff goes: through a pager when stdout is a terminal and the output is for
/// the terminal (not JSON or Markdown), unless `--no-pager` or called by git (which pages
/// itself).
fn output(args: &cli::DiffArgs, git: Option<&GitDiff>) -> Output {
    let for_terminal = args.stat || args.format == Format::Terminal;
    paged(git.is_some() || args.no_pager || !for_terminal)
}

/// Standard output, through a pager when stdout is a terminal unless `plain` (as
/// [`output`]).
fn paged(plain: bool) -> Output {
    if plain || !io::stdout().is_terminal() {
        return Output::stdout();
    }
    let var = |name| std::env::var_os(name).map(|v| v.to_string_lossy().into_owned());
    match pager::choose(var("CLAIMDIFF_PAGER").as_deref(), var("PAGER").as_deref()) {
        Some(command) => {
            let out = Output::paged(&command);
            if out.is_paged() {
                pager::ignore_interrupts();
            }
            out
        }
        None => Output::stdout(),
    }
}

fn diff_cmd(
    old: &Path,
    new: &Path,
    args: &cli::DiffArgs,
    input: &InputArgs,
    git: Option<&GitDiff>,
) -> Result<u8> {
    if old.as_os_str() == "-" && new.as_os_str() == "-" {
        bail!("only one of OLD and NEW can be `-` (standard input)");
    }
    refuse_inapplicable(args)?;
    let mut opts = options(input, args.no_moves);
    opts.segment.split = split_for(input, &[old, new], opts.segment.split);
    let (old_doc, new_doc) = rayon::join(
        || read_document(old, input, &opts.segment),
        || read_document(new, input, &opts.segment),
    );
    let (old_doc, new_doc) = (old_doc?, new_doc?);
    let mut cmp = compare(old_doc, new_doc, &opts.align);
    if args.ignore_cosmetic {
        cmp.ignore_cosmetic();
    }
    let differ = cmp.has_differences();
    if !args.only.is_empty() && !args.stat {
        cmp.retain_claim_types(&args.only);
    }
    let (old_label, new_label) = git.map_or_else(
        || (old.display().to_string(), new.display().to_string()),
        GitDiff::labels,
    );
    let color = use_color(args.color);
    let context = match args.context.unwrap_or(ContextArg::Lines(1)) {
        ContextArg::All => Context::All,
        ContextArg::Lines(n) => Context::Lines(n),
    };
    let layout = args.layout.unwrap_or(Layout::Inline);
    let inline = args.stat || (args.format == Format::Terminal && layout == Layout::Inline);
    let renderer: Box<dyn Render> = if args.stat {
        Box::new(Stat)
    } else {
        match (args.format, layout) {
            (Format::Json, _) => Box::new(Json {
                pretty: false,
                old_path: Some(old_label.clone()),
                new_path: Some(new_label.clone()),
            }),
            (Format::Html, _) => Box::new(Html {
                old_path: Some(old_label.clone()),
                new_path: Some(new_label.clone()),
            }),
            (Format::Markdown, _) => Box::new(Markdown {
                labels: Some((old_label.clone(), new_label.clone())),
            }),
            (Format::Terminal, Layout::Inline) => Box::new(Terminal {
                color,
                context,
                width: inline_width(args.width),
            }),
            (Format::Terminal, Layout::SideBySide) => Box::new(SideBySide {
                color,
                context,
                width: width(args.width),
                labels: Some((old_label.clone(), new_label.clone())),
            }),
        }
    };
    let mut out = output(args, git);
    if git.is_some() && args.format == Format::Terminal && git::later_file() {
        writeln!(out)?;
    }
    if git.is_some() && inline {
        // Several files in one git diff: name each, as git's own `diff --git a/.. b/..`.
        let header = terminal_safe(&format!("claimdiff {old_label} {new_label}"));
        if color {
            writeln!(out, "\x1b[1m{header}\x1b[0m")?;
        } else {
            writeln!(out, "{header}")?;
        }
    }
    renderer.render(&cmp, &mut out)?;
    out.finish()?;
    Ok(u8::from(differ))
}

/// The man page: clap_mangen's title, name, synopsis, description and options, then every
/// subcommand with its own options in this page (clap_mangen's SUBCOMMANDS section names
/// pages `claimdiff-check(1)`... that are never generated), EXIT STATUS, ENVIRONMENT and
/// EXAMPLES.
fn man_page(out: &mut dyn Write) -> io::Result<()> {
    let cmd = Cli::command();
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    writeln!(out, ".SH COMMANDS")?;
    for sub in cmd.get_subcommands() {
        let mut usage = sub
            .clone()
            .bin_name(format!("claimdiff {}", sub.get_name()));
        let synopsis = usage.render_usage().to_string();
        let synopsis = synopsis.trim_start_matches("Usage: ");
        writeln!(out, ".SS \\fB{}\\fR", roff(synopsis))?;
        if let Some(about) = sub.get_long_about().or_else(|| sub.get_about()) {
            for para in about.to_string().split("\n\n") {
                writeln!(out, ".PP\n{}", roff(para))?;
            }
        }
        for arg in sub
            .get_arguments()
            .filter(|a| !a.is_hide_set() && !a.is_global_set())
        {
            let long = arg.get_long().map(roff);
            let name = match (long, arg.get_short()) {
                (Some(l), Some(s)) => format!("\\-{s}, \\-\\-{l}"),
                (Some(l), None) => format!("\\-\\-{l}"),
                (None, Some(s)) => format!("\\-{s}"),
                (None, None) => String::new(),
            };
            let value = arg
                .get_value_names()
                .map(|v| {
                    v.iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .filter(|_| arg.get_action().takes_values())
                .unwrap_or_default();
            let head = match (name.is_empty(), value.is_empty()) {
                (true, _) => format!("\\fI{}\\fR", roff(&value)),
                (false, true) => format!("\\fB{name}\\fR"),
                (false, false) => format!("\\fB{name}\\fR \\fI{}\\fR", roff(&value)),
            };
            writeln!(out, ".TP\n{head}")?;
            let help = arg
                .get_long_help()
                .or_else(|| arg.get_help())
                .map(ToString::to_string)
                .unwrap_or_default();
            let values: Vec<String> = arg
                .get_possible_values()
                .iter()
                .filter(|_| arg.get_action().takes_values())
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_owned())
                .collect();
            let mut text = help;
            if !values.is_empty() {
                text.push_str(&format!(" [values: {}]", values.join(", ")));
            }
            if let Some(d) = arg
                .get_default_values()
                .first()
                .filter(|_| arg.get_action().takes_values())
            {
                text.push_str(&format!(" [default: {}]", d.to_string_lossy()));
            }
            writeln!(out, "{}", roff(&text))?;
        }
    }
    writeln!(out, ".SH \"EXIT STATUS\"")?;
    for (code, text) in [
        (
            "0",
            "No differences (check: every statement sentence supported or partial).",
        ),
        (
            "1",
            "Differences (check: some statement sentences disputed or unaddressed; batch: some pair differs).",
        ),
        (
            "2",
            "Trouble: a file that cannot be read or decoded, a bad option, a batch line in error. The message is one line on standard error naming the file.",
        ),
    ] {
        writeln!(out, ".TP\n\\fB{code}\\fR\n{}", roff(text))?;
    }
    writeln!(
        out,
        ".PP\n{}",
        roff(
            "Run by git as an external diff (GIT_EXTERNAL_DIFF or diff.external), claimdiff exits 0 when the texts differ, so that git goes on to the next file."
        )
    )?;
    writeln!(out, ".SH ENVIRONMENT")?;
    for (var, text) in [
        (
            "CLAIMDIFF_PAGER",
            "The pager for terminal output when standard output is a terminal (it wins over PAGER, even when empty); empty or `cat` for none.",
        ),
        (
            "PAGER",
            "The pager when CLAIMDIFF_PAGER is unset (default: less -R, with LESS=FRX when LESS is unset).",
        ),
        (
            "NO_COLOR",
            "When set and not empty, --color auto does not colour.",
        ),
        ("TERM", "When `dumb`, --color auto does not colour."),
        (
            "COLUMNS",
            "The width of the side-by-side view when standard output is not a terminal and --width is not given.",
        ),
        (
            "GIT_DIFF_PATH_COUNTER",
            "Set by git for an external diff: later files of one diff start with a blank line.",
        ),
    ] {
        writeln!(out, ".TP\n\\fB{var}\\fR\n{}", roff(text))?;
    }
    writeln!(out, ".SH EXAMPLES")?;
    for (what, line) in [
        (
            "Compare two versions of a text:",
            "claimdiff old.txt new.txt",
        ),
        (
            "Only the changed figures and negations, old text left, new right:",
            "claimdiff old.txt new.txt --only number,negation --layout side-by-side",
        ),
        (
            "Counts per kind of change, cosmetic rewordings aside:",
            "claimdiff old.md new.md --stat --ignore-cosmetic",
        ),
        (
            "A report for the browser, German texts:",
            "claimdiff alt.html neu.html --lang de --format html > report.html",
        ),
        (
            "Check a statement against the report it quotes:",
            "claimdiff check statement.txt --against report.pdf",
        ),
        (
            "Compare many pairs, four at a time:",
            "claimdiff batch pairs.jsonl -j 4 > results.jsonl",
        ),
        (
            "Use it for git diffs of prose:",
            "GIT_EXTERNAL_DIFF=claimdiff git diff",
        ),
    ] {
        writeln!(
            out,
            ".PP\n{}\n.PP\n.RS\n.nf\n{}\n.fi\n.RE",
            roff(what),
            roff(line)
        )?;
    }
    man.render_version_section(out)?;
    Ok(())
}

/// `text` for a roff line: backslashes and hyphens escaped, line breaks joined, no line
/// starting with a control character.
fn roff(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\e"),
            '-' => out.push_str("\\-"),
            '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
    if out.starts_with(['.', '\'']) {
        out.insert_str(0, "\\&");
    }
    out
}

/// Output options of `claimdiff check`.
struct CheckArgs {
    evidence: usize,
    omitted: bool,
    format: CheckFormat,
    color: ColorChoice,
    no_pager: bool,
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
    let mut opts = options(input, false);
    let paths: Vec<&Path> = std::iter::once(statement)
        .chain(against.iter().map(PathBuf::as_path))
        .collect();
    opts.segment.split = split_for(input, &paths, opts.segment.split);
    let statement_doc = read_document(statement, input, &opts.segment)?;
    let reports = against
        .iter()
        .map(|p| read_document(p, input, &opts.segment))
        .collect::<Result<Vec<_>>>()?;
    let mut check_opts = CheckOptions::default();
    check_opts.evidence = args.evidence;
    let report = check(statement_doc, reports, &check_opts);
    let report_paths: Vec<Option<String>> = against
        .iter()
        .map(|p| Some(p.display().to_string()))
        .collect();
    let mut out = paged(args.no_pager || args.format != CheckFormat::Terminal);
    match args.format {
        CheckFormat::Markdown => CheckMarkdown {
            statement_path: Some(statement.display().to_string()),
            report_paths,
            omitted: args.omitted,
        }
        .render(&report, &mut out)?,
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
    out.finish()?;
    Ok(u8::from(!report.all_supported()))
}

fn segment_cmd(file: &Path, format: SegmentFormat, input: &InputArgs) -> Result<u8> {
    let mut opts = options(input, false);
    opts.segment.split = split_for(input, &[file], opts.segment.split);
    let doc = read_document(file, input, &opts.segment)?;
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
            claimdiff::render::json::to_writer(&mut out, &body, false).map_err(io::Error::from)?;
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
    let mut opts = BatchOptions::default();
    opts.options = options(input, false);
    opts.decode = decode_options(input);
    opts.jobs = jobs.map_or(0, |j| j as usize);
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
        eprintln!(
            "claimdiff: {}: some lines could not be processed (see their error objects)",
            terminal_safe(&name)
        );
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

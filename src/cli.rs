//! Command-line definitions (clap derive); `main.rs` turns them into library calls.

use std::path::PathBuf;

use clap::builder::TypedValueParser;
use clap::{Args, Parser, Subcommand, ValueEnum};

/// Compare texts at the level of sentences and claims.
///
/// Shows which sentences of NEW are unchanged, reworded (changed words highlighted),
/// moved, split, merged or added, and which sentences of OLD were removed.
/// Exit status: 0 no differences, 1 differences, 2 trouble.
#[derive(Debug, Parser)]
#[command(name = "claimdiff", version, args_conflicts_with_subcommands = true)]
#[command(subcommand_negates_reqs = true)]
// An option given twice takes its last value (`--color always --color never` is never), so
// that an alias or a git config can be overridden on the command line; repeatable options
// (`--against`, `--only`) still add up.
#[command(args_override_self = true)]
pub struct Cli {
    /// The old text (`-` for standard input).
    #[arg(required = true)]
    pub old: Option<PathBuf>,
    /// The new text (`-` for standard input).
    #[arg(required = true)]
    pub new: Option<PathBuf>,
    #[command(flatten)]
    pub diff: DiffArgs,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show how a text is cut into sentences.
    Segment {
        /// The text (`-` for standard input).
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = SegmentFormat::Text)]
        format: SegmentFormat,
        #[command(flatten)]
        input: InputArgs,
    },
    /// Check a statement against the report(s) it refers to: for each statement sentence,
    /// its verdict (supported, partial, disputed, unaddressed) with a confidence, evidence,
    /// flags and the quoted words looked up; then the report findings it leaves out. Exit
    /// status: 0 every statement sentence is supported or partial, 1 some are disputed or
    /// unaddressed, 2 trouble.
    Check {
        /// The statement (`-` for standard input).
        statement: PathBuf,
        /// A report the statement refers to (repeat for several; `-` for standard input).
        #[arg(long = "against", value_name = "REPORT", required = true)]
        against: Vec<PathBuf>,
        /// Report sentences given as evidence per statement sentence (at most 16).
        #[arg(long, value_name = "N", default_value_t = 2)]
        evidence: usize,
        /// List the report sentences no statement sentence draws on (the default).
        #[arg(long, overrides_with = "no_omitted")]
        omitted: bool,
        /// Do not list them (the summary still counts them; in HTML they start hidden, their
        /// filter unticked).
        #[arg(long, overrides_with = "omitted")]
        no_omitted: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CheckFormat::Terminal)]
        format: CheckFormat,
        /// When to colour the output (`auto`: when stdout is a terminal and NO_COLOR is unset).
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
        /// Do not page terminal output (otherwise it goes through $CLAIMDIFF_PAGER, $PAGER or
        /// `less -FRX` when stdout is a terminal, as in diff mode).
        #[arg(long)]
        no_pager: bool,
        #[command(flatten)]
        input: InputArgs,
    },
    /// Compare many pairs: JSON Lines `{"id", "old", "new"}` in, one JSON line out per pair.
    Batch {
        /// JSON Lines input (`-` or nothing for standard input).
        file: Option<PathBuf>,
        /// Pairs compared at the same time (default: one per core; at most 4 per core, a
        /// larger value is lowered). Output order is input order whatever the value.
        #[arg(long, short = 'j', value_parser = clap::value_parser!(u32).range(1..))]
        jobs: Option<u32>,
        #[command(flatten)]
        input: InputArgs,
    },
    /// Follow each claim (sentence) through versions of a document, oldest first: when it
    /// first appears, each change with its claim tags, when it is removed and whether it
    /// comes back. VERSIONS are files, a directory (its files in natural name order) or a
    /// glob such as `drafts/v*.md` (quote it; matched in natural name order). Exit status: 0
    /// nothing changed, 1 some claim changed, 2 trouble.
    History {
        /// The versions, oldest first.
        #[arg(value_name = "VERSIONS")]
        versions: Vec<PathBuf>,
        /// A file listing the versions, one path per line, oldest first (blank lines and
        /// lines starting with `#` skipped; relative paths are relative to that file's
        /// folder). Read before VERSIONS.
        #[arg(long, value_name = "FILE")]
        from: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = HistoryFormat::Terminal)]
        format: HistoryFormat,
        /// Show only claims with a change of these types (number, negation, modality,
        /// attribution, entity, intensity), comma-separated. The exit status still reflects
        /// all changes.
        #[arg(long, value_delimiter = ',', value_parser = ClaimTypeParser)]
        only: Vec<claimdiff::ClaimType>,
        /// When to colour the output (`auto`: when stdout is a terminal and NO_COLOR is unset).
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
        /// Do not page terminal output.
        #[arg(long)]
        no_pager: bool,
        /// Do not look for moved sentences.
        #[arg(long)]
        no_moves: bool,
        #[command(flatten)]
        input: InputArgs,
    },
    /// Print a shell completion script.
    ///
    /// For example: `claimdiff completions bash > ~/.local/share/bash-completion/completions/claimdiff`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    ///
    /// For example: `claimdiff man > ~/.local/share/man/man1/claimdiff.1`.
    Man,
}

/// Options of the comparison and its output.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Terminal)]
    pub format: Format,
    /// Terminal layout: changes in reading order (`inline`, the default), or OLD left and
    /// NEW right. Only for `--format terminal` (refused with another format or `--stat`).
    #[arg(long, value_enum)]
    pub layout: Option<Layout>,
    /// Width of the terminal views in columns, at most 4096 (a larger value is lowered).
    /// Side by side: default the terminal's width; when stdout is not a terminal, $COLUMNS,
    /// else 120. Inline: each sentence's line is wrapped at the width, continuation lines
    /// indented; default the terminal's width, and no wrapping when stdout is not a terminal.
    #[arg(long, value_parser = clap::value_parser!(u16).range(claimdiff::render::side_by_side::MIN_WIDTH as i64..))]
    pub width: Option<u16>,
    /// Do not page terminal output (otherwise it goes through $CLAIMDIFF_PAGER, $PAGER or
    /// `less -R` when stdout is a terminal).
    #[arg(long)]
    pub no_pager: bool,
    /// Show counts per kind of change instead of the changes (text; with `--format json` the
    /// counts are the report's `stats`, so the two are refused together).
    #[arg(long)]
    pub stat: bool,
    /// Unchanged sentences shown around each change in the terminal views: a number or
    /// `all` (default 1; refused with `--stat` and with the JSON, HTML and Markdown
    /// formats, which show every sentence or only the changes).
    #[arg(long, value_parser = parse_context)]
    pub context: Option<ContextArg>,
    /// When to colour the output (`auto`: when stdout is a terminal and NO_COLOR is unset).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Do not look for moved sentences (far removed/added pairs stay as they are).
    #[arg(long)]
    pub no_moves: bool,
    /// Show rewordings that change only whitespace, punctuation, case, quote style,
    /// spelling variant or contraction as unchanged (counted as `cosmetic` in stats; not
    /// a difference for the exit status).
    #[arg(long)]
    pub ignore_cosmetic: bool,
    /// Show only units with a claim change of these types (number, negation, modality,
    /// attribution, entity, intensity), comma-separated. The exit status still reflects
    /// all differences.
    #[arg(long, value_delimiter = ',', value_parser = ClaimTypeParser)]
    pub only: Vec<claimdiff::ClaimType>,
}

fn parse_unit_interval(s: &str) -> Result<f32, String> {
    match s.trim().parse::<f32>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!("expected a number from 0 to 1, got `{s}`")),
    }
}

/// `--only`: a claim type by [`claimdiff::ClaimType::from_name`] (any case, and its aliases
/// such as `hedge`), while the help and the shell completions offer the six type names.
#[derive(Debug, Clone, Copy)]
pub struct ClaimTypeParser;

impl TypedValueParser for ClaimTypeParser {
    type Value = claimdiff::ClaimType;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Self::Value, clap::Error> {
        let text = value.to_string_lossy();
        claimdiff::ClaimType::from_name(text.trim()).ok_or_else(|| {
            let names: Vec<&str> = claimdiff::ClaimType::ALL.iter().map(|t| t.name()).collect();
            let mut err = clap::Error::new(clap::error::ErrorKind::InvalidValue).with_cmd(cmd);
            if let Some(arg) = arg {
                err.insert(
                    clap::error::ContextKind::InvalidArg,
                    clap::error::ContextValue::String(arg.to_string()),
                );
            }
            err.insert(
                clap::error::ContextKind::InvalidValue,
                clap::error::ContextValue::String(text.into_owned()),
            );
            err.insert(
                clap::error::ContextKind::ValidValue,
                clap::error::ContextValue::Strings(names.iter().map(|n| (*n).to_owned()).collect()),
            );
            err
        })
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            claimdiff::ClaimType::ALL
                .iter()
                .map(|t| clap::builder::PossibleValue::new(t.name())),
        ))
    }
}

/// `--lang`: the codes of the language packs (`claimdiff::Lang::ALL`), so that the help,
/// the completions and the error message list them.
fn lang_parser() -> impl TypedValueParser<Value = claimdiff::Lang> {
    let codes: Vec<&'static str> = claimdiff::Lang::ALL.iter().map(|l| l.code()).collect();
    clap::builder::PossibleValuesParser::new(codes)
        .map(|code: String| claimdiff::Lang::from_code(&code).unwrap_or_default())
}

/// Options of reading and segmenting input.
#[derive(Debug, Args, Clone)]
pub struct InputArgs {
    /// How to cut text into sentences: by prose rules, one sentence per line, or Markdown
    /// blocks (`auto`: Markdown when a file name ends in .md or .markdown, else prose).
    #[arg(long, value_enum, default_value_t = SplitArg::Auto, global = true)]
    pub split: SplitArg,
    /// Language of the texts (segmentation rules, stemming, function words, claim word
    /// lists): en (English), de (German), fr (French) or es (Spanish).
    #[arg(long, default_value = "en", ignore_case = true, value_parser = lang_parser(), global = true)]
    pub lang: claimdiff::Lang,
    /// Compare files with NUL bytes as text instead of refusing them as binary.
    #[arg(long, global = true)]
    pub text: bool,
    /// Replace invalid UTF-8 with U+FFFD (and warn) instead of refusing the file.
    #[arg(long, global = true)]
    pub lossy: bool,
    /// What the inputs are: `auto` tells HTML, .docx and PDF from the bytes and the file
    /// name (see README, "Inputs"); the others force one format for every input.
    #[arg(long, value_enum, default_value_t = InputFormatArg::Auto, global = true)]
    pub input_format: InputFormatArg,
    /// HTML: read the whole body instead of the main content (navigation, footers and all).
    #[arg(long, global = true)]
    pub html_all: bool,
    /// Refuse inputs larger than this many bytes.
    #[arg(long, default_value_t = claimdiff::input::DEFAULT_MAX_BYTES, global = true)]
    pub max_bytes: usize,
    /// Least similarity (0..1) for two sentences at the same place to pair (tuning).
    #[arg(long, global = true, hide = true)]
    pub pair_min: Option<f32>,
    /// Least similarity (0..1) for a sentence far away to pair as moved (tuning).
    #[arg(long, global = true, hide = true)]
    pub move_min: Option<f32>,
    /// Least similarity (0..1) for any pairing, whatever the document similarity (tuning).
    #[arg(long, global = true, hide = true)]
    pub pair_floor: Option<f32>,
    /// Leave pairings whose confidence (0..1) is below this as removed + added.
    #[arg(long, global = true, value_parser = parse_unit_interval)]
    pub min_confidence: Option<f32>,
    /// Also pair by meaning (a static table distilled from all-MiniLM-L6-v2) what the words
    /// leave unpaired. English only.
    #[arg(long, global = true)]
    pub meaning: bool,
}

/// `--context`.
#[derive(Debug, Clone, Copy)]
pub enum ContextArg {
    /// A number of sentences.
    Lines(usize),
    /// Everything.
    All,
}

fn parse_context(s: &str) -> Result<ContextArg, String> {
    if s == "all" {
        return Ok(ContextArg::All);
    }
    s.parse()
        .map(ContextArg::Lines)
        .map_err(|_| format!("expected a number or `all`, got `{s}`"))
}

/// Output formats of the comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Human-readable, coloured when on a terminal.
    #[value(alias = "text")]
    Terminal,
    /// The versioned JSON described in docs/json.md.
    Json,
    /// Markdown for pull-request comments: a summary table and the changes.
    #[value(alias = "md")]
    Markdown,
    /// One self-contained HTML page: summary, both texts side by side, filters.
    Html,
}

/// `--layout`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Layout {
    /// Changes in reading order, word changes marked inline.
    Inline,
    /// OLD on the left, NEW on the right, aligned units on one row.
    SideBySide,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Human-readable, coloured when on a terminal.
    #[value(alias = "text")]
    Terminal,
    /// The versioned JSON described in docs/json.md ("Check mode").
    Json,
    /// One self-contained HTML page: summary, claims with their evidence, report
    /// sentences (omitted ones marked), filters.
    Html,
    /// GitHub-flavoured Markdown: a table of verdicts and evidence, the omitted findings.
    #[value(alias = "md")]
    Markdown,
}

/// Output formats of `history`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HistoryFormat {
    /// A timeline per claim, changed claims first, unchanged ones folded.
    #[value(alias = "text")]
    Terminal,
    /// The versioned JSON described in docs/json.md ("History").
    Json,
    /// One self-contained HTML page: a timeline per claim, filters by tag and event.
    Html,
}

/// Output formats of `segment`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SegmentFormat {
    /// One sentence per line.
    Text,
    /// JSON with byte spans and paragraph numbers.
    Json,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// `--input-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormatArg {
    /// From the bytes (`%PDF-`, zip, an HTML prologue), then the extension.
    Auto,
    /// Plain text.
    Text,
    /// Markdown.
    Markdown,
    /// An HTML page.
    Html,
    /// A Word document.
    Docx,
    /// A PDF file.
    Pdf,
}

/// `--split`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SplitArg {
    /// Markdown for files named *.md or *.markdown, prose rules otherwise.
    Auto,
    /// Prose rules.
    Prose,
    /// One sentence per non-empty line.
    Lines,
    /// Markdown blocks (headings, list items, table rows, quotes, code), prose inside.
    Markdown,
}

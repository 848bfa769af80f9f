//! `claimdiff history`: the versions from the command line (files, a directory, a glob,
//! `--from FILE`), read and segmented as in diff mode, then followed claim by claim
//! ([`claimdiff::history`]).

use std::cmp::Ordering;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use claimdiff::history::history;
use claimdiff::render::history::{HistoryHtml, HistoryJson, HistoryTerminal, RenderHistory};

use crate::cli::{HistoryFormat, InputArgs};
use crate::{options, paged, read_document, split_for};

/// Output options of `claimdiff history`.
pub struct Args {
    pub format: HistoryFormat,
    pub only: Vec<claimdiff::ClaimType>,
    pub color: bool,
    pub no_pager: bool,
    pub no_moves: bool,
}

pub fn run(given: &[PathBuf], from: Option<&Path>, args: &Args, input: &InputArgs) -> Result<u8> {
    let mut paths = Vec::new();
    if let Some(list) = from {
        paths.extend(read_list(list)?);
    }
    for p in given {
        paths.extend(expand(p)?);
    }
    if paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        bail!("only one version can be `-` (standard input)");
    }
    if paths.len() < 2 {
        let named = paths
            .first()
            .or(given.first())
            .map_or_else(String::new, |p| format!(" ({})", p.display()));
        bail!(
            "history needs at least 2 versions, got {}{named}",
            paths.len()
        );
    }
    let mut opts = options(input, args.no_moves);
    let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    opts.segment.split = split_for(input, &refs, opts.segment.split);
    let docs = paths
        .iter()
        .map(|p| read_document(p, input, &opts.segment))
        .collect::<Result<Vec<_>>>()?;
    let labels: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let mut h = history(docs, &opts.align);
    let differ = h.has_differences();
    let stats = h.stats();
    if !args.only.is_empty() {
        h.retain_claim_types(&args.only);
    }
    let renderer: Box<dyn RenderHistory> = match args.format {
        HistoryFormat::Terminal => Box::new(HistoryTerminal { color: args.color }),
        HistoryFormat::Json => Box::new(HistoryJson { stats: Some(stats) }),
        HistoryFormat::Html => Box::new(HistoryHtml),
    };
    let mut out = paged(args.no_pager || args.format != HistoryFormat::Terminal);
    renderer.render(&h, &labels, &mut out)?;
    out.flush()?;
    out.finish()?;
    Ok(u8::from(differ))
}

/// The paths listed in `list`: one a line, blank lines and `#` comments skipped, relative
/// paths taken from the list's folder.
fn read_list(list: &Path) -> Result<Vec<PathBuf>> {
    let name = list.display().to_string();
    let text = std::fs::read_to_string(list).with_context(|| name.clone())?;
    let base = list.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let p = PathBuf::from(line);
        out.push(if p.is_absolute() { p } else { base.join(p) });
    }
    if out.is_empty() {
        bail!("{name}: lists no version");
    }
    Ok(out)
}

/// A directory: its files (not hidden) in natural name order. A path with `*` or `?` in its
/// last part that does not exist: the matching files of its folder, in natural order (an
/// error when none match). Anything else as it is (a missing file fails when read).
fn expand(p: &Path) -> Result<Vec<PathBuf>> {
    let name = p.display().to_string();
    if p.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(p)
            .with_context(|| name.clone())?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|f| f.is_file() && !is_hidden(f))
            .collect();
        files.sort_by(|a, b| natural(&file_name(a), &file_name(b)));
        if files.is_empty() {
            bail!("{name}: the folder holds no file");
        }
        return Ok(files);
    }
    let pattern = file_name(p);
    if !p.exists() && (pattern.contains('*') || pattern.contains('?')) {
        let dir = match p.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .with_context(|| dir.display().to_string())?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|f| f.is_file() && glob_match(&pattern, &file_name(f)))
            .collect();
        files.sort_by(|a, b| natural(&file_name(a), &file_name(b)));
        if files.is_empty() {
            bail!("{name}: no file matches");
        }
        return Ok(files);
    }
    Ok(vec![p.to_path_buf()])
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn is_hidden(p: &Path) -> bool {
    file_name(p).starts_with('.')
}

/// `*` (any run) and `?` (one character) against a file name.
fn glob_match(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    // Classic two-pointer match with backtracking to the last `*`.
    let (mut i, mut j, mut star, mut mark) = (0, 0, None, 0);
    while j < n.len() {
        match p.get(i) {
            Some('*') => {
                star = Some(i);
                mark = j;
                i += 1;
            }
            Some(&c) if c == '?' || Some(&c) == n.get(j) => {
                i += 1;
                j += 1;
            }
            _ => match star {
                Some(s) => {
                    i = s + 1;
                    mark += 1;
                    j = mark;
                }
                None => return false,
            },
        }
    }
    p.get(i..)
        .is_some_and(|rest| rest.iter().all(|&c| c == '*'))
}

/// Natural order: runs of digits compare by value (`v2` before `v10`), the rest by text.
fn natural(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a.chars().peekable(), b.chars().peekable());
    loop {
        match (x.peek().copied(), y.peek().copied()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let num = |it: &mut std::iter::Peekable<std::str::Chars<'_>>| {
                    let mut s = String::new();
                    while let Some(c) = it.peek().copied().filter(char::is_ascii_digit) {
                        s.push(c);
                        it.next();
                    }
                    s
                };
                let (m, n) = (num(&mut x), num(&mut y));
                let (m, n) = (m.trim_start_matches('0'), n.trim_start_matches('0'));
                let ord = m.len().cmp(&n.len()).then_with(|| m.cmp(n));
                if ord != Ordering::Equal {
                    return ord;
                }
            }
            (Some(c), Some(d)) => {
                if c != d {
                    return c.cmp(&d);
                }
                x.next();
                y.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order_reads_numbers_as_numbers() {
        let mut v = vec!["v10.md", "v2.md", "v1.md", "v02b.md"];
        v.sort_by(|a, b| natural(a, b));
        assert_eq!(v, ["v1.md", "v2.md", "v02b.md", "v10.md"]);
    }

    #[test]
    fn globs_match_names() {
        assert!(glob_match("v*.md", "v10.md"));
        assert!(glob_match("v?.md", "v1.md"));
        assert!(!glob_match("v?.md", "v10.md"));
        assert!(!glob_match("*.txt", "a.md"));
        assert!(glob_match("*", "x"));
    }
}

//! git's external diff calling convention (`GIT_EXTERNAL_DIFF`, `diff.<driver>.command`):
//! `path old-file old-hex old-mode new-file new-hex new-mode`, with `new-path xfrm-msg`
//! added for a rename, after any options written into the configured command.

use std::ffi::{OsStr, OsString};

/// One file pair as git hands it to an external diff.
#[derive(Debug, PartialEq, Eq)]
pub struct GitDiff {
    /// Options written before git's arguments (`GIT_EXTERNAL_DIFF='claimdiff --context 0'`).
    pub options: Vec<OsString>,
    /// The path in the repository (the old path of a rename).
    pub path: String,
    /// A file holding the old version (`/dev/null` for an added file).
    pub old_file: OsString,
    /// A file holding the new version (`/dev/null` for a deleted file).
    pub new_file: OsString,
    /// The new path of a rename.
    pub new_path: Option<String>,
}

impl GitDiff {
    /// Recognise git's arguments (without the program name): the last 7 (or 9, for a
    /// rename) must have an object name or `.` in the hex places and a six-digit octal mode
    /// or `.` in the mode places. Anything else is an ordinary command line.
    pub fn parse(args: &[OsString]) -> Option<GitDiff> {
        for n in [9, 7] {
            let Some(start) = args.len().checked_sub(n) else {
                continue;
            };
            let tail = &args[start..];
            let fits =
                is_hex(&tail[2]) && is_mode(&tail[3]) && is_hex(&tail[5]) && is_mode(&tail[6]);
            if fits {
                return Some(GitDiff {
                    options: args[..start].to_vec(),
                    path: tail[0].to_string_lossy().into_owned(),
                    old_file: tail[1].clone(),
                    new_file: tail[4].clone(),
                    new_path: (n == 9).then(|| tail[7].to_string_lossy().into_owned()),
                });
            }
        }
        None
    }

    /// The command line claimdiff parses instead: the options, `--`, then OLD and NEW, so
    /// that files named `--stat` or `--format` are paths, not options; a file named `-` is
    /// given as `./-` (a path, not standard input).
    pub fn command_line(&self, program: &OsStr) -> Vec<OsString> {
        let mut line = vec![program.to_owned()];
        line.extend(self.options.iter().cloned());
        line.push("--".into());
        for file in [&self.old_file, &self.new_file] {
            line.push(if file == "-" {
                "./-".into()
            } else {
                file.clone()
            });
        }
        line
    }

    /// Names to show for the two sides, as git shows them: `a/path` and `b/path`.
    pub fn labels(&self) -> (String, String) {
        let new = self.new_path.as_deref().unwrap_or(&self.path);
        (format!("a/{}", self.path), format!("b/{new}"))
    }
}

/// Whether git is running claimdiff for the second or a later file of one diff
/// (`GIT_DIFF_PATH_COUNTER` > 1): the terminal views then start with a blank line.
pub fn later_file() -> bool {
    std::env::var("GIT_DIFF_PATH_COUNTER")
        .ok()
        .and_then(|v| v.parse::<u32>().ok())
        .is_some_and(|n| n > 1)
}

/// An object name (40 or 64 hex digits) or git's `.` for a missing side.
fn is_hex(s: &OsStr) -> bool {
    let s = s.to_string_lossy();
    s == "." || ((s.len() == 40 || s.len() == 64) && s.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A file mode such as `100644`, or `.` for a missing side.
fn is_mode(s: &OsStr) -> bool {
    let s = s.to_string_lossy();
    s == "." || (s.len() == 6 && s.bytes().all(|b| (b'0'..=b'7').contains(&b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(v: &[&str]) -> Vec<OsString> {
        v.iter().map(OsString::from).collect()
    }

    const HEX: &str = "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391";

    #[test]
    fn seven_arguments_with_options_before() {
        let a = args(&[
            "--context",
            "0",
            "notes.txt",
            "/tmp/x",
            HEX,
            "100644",
            "notes.txt",
            ".",
            ".",
        ]);
        let g = GitDiff::parse(&a).expect("git form");
        assert_eq!(g.options, args(&["--context", "0"]));
        assert_eq!(
            (g.path.as_str(), g.new_path.as_deref()),
            ("notes.txt", None)
        );
        assert_eq!(g.old_file, "/tmp/x");
        assert_eq!(
            g.command_line(OsStr::new("claimdiff")),
            args(&["claimdiff", "--context", "0", "--", "/tmp/x", "notes.txt"])
        );
    }

    #[test]
    fn file_names_like_options_stay_paths() {
        let a = args(&["-", "/tmp/x", HEX, "100644", "-", ".", "."]);
        let g = GitDiff::parse(&a).unwrap();
        assert_eq!(
            g.command_line(OsStr::new("claimdiff")),
            args(&["claimdiff", "--", "/tmp/x", "./-"])
        );
        let a = args(&["--stat", "/tmp/x", HEX, "100644", "--stat", ".", "."]);
        let line = GitDiff::parse(&a).unwrap().command_line(OsStr::new("c"));
        assert_eq!(line, args(&["c", "--", "/tmp/x", "--stat"]));
    }

    #[test]
    fn added_file_and_rename() {
        let a = args(&["new.md", "/dev/null", ".", ".", "new.md", HEX, "100644"]);
        assert_eq!(GitDiff::parse(&a).unwrap().old_file, "/dev/null");
        let a = args(&[
            "old.md",
            "/tmp/a",
            HEX,
            "100644",
            "/tmp/b",
            HEX,
            "100644",
            "new.md",
            "similarity index 90%\n",
        ]);
        let g = GitDiff::parse(&a).unwrap();
        assert_eq!(g.labels(), ("a/old.md".into(), "b/new.md".into()));
    }

    #[test]
    fn ordinary_command_lines_are_not_git() {
        assert_eq!(GitDiff::parse(&args(&["old.txt", "new.txt"])), None);
        let a = args(&["a", "b", "c", "d", "e", "f", "g"]);
        assert_eq!(GitDiff::parse(&a), None);
    }
}

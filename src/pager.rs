//! Paging as git does it: terminal output goes through `$CLAIMDIFF_PAGER`, else `$PAGER`,
//! else `less -R`, when stdout is a terminal.

use std::io::{self, Write};
use std::process::{Child, Command, Stdio};

/// The pager when neither `CLAIMDIFF_PAGER` nor `PAGER` is set.
pub const DEFAULT_PAGER: &str = "less -R";

/// `LESS` when it is unset, as git sets it: quit if one screen (F), keep colours (R), do
/// not clear the screen (X).
const DEFAULT_LESS: &str = "FRX";

/// The pager command to run, from the values of `CLAIMDIFF_PAGER` and `PAGER`: the first
/// that is set wins, even when empty; neither set means [`DEFAULT_PAGER`]. `None` (write
/// directly) when the chosen value is empty or `cat`.
pub fn choose(claimdiff_pager: Option<&str>, pager: Option<&str>) -> Option<String> {
    let command = claimdiff_pager.or(pager).unwrap_or(DEFAULT_PAGER).trim();
    (!command.is_empty() && command != "cat").then(|| command.to_owned())
}

/// Characters that make a pager command need a shell (the set git checks); a command
/// without them is run directly, split at whitespace, so that a missing program is a spawn
/// error (and claimdiff writes directly) rather than a shell's "not found".
fn needs_shell(command: &str) -> bool {
    command.contains(|c| "|&;<>()$`\\\"'*?[#~=%\n".contains(c))
}

/// Start the pager with its stdin piped; `None` when it cannot be started.
pub fn spawn(command: &str) -> Option<Child> {
    let mut cmd = if needs_shell(command) {
        let mut c = Command::new("sh");
        c.arg("-c").arg(command);
        c
    } else {
        let mut words = command.split_whitespace();
        let mut c = Command::new(words.next()?);
        c.args(words);
        c
    };
    if std::env::var_os("LESS").is_none() {
        cmd.env("LESS", DEFAULT_LESS);
    }
    if std::env::var_os("LV").is_none() {
        cmd.env("LV", "-c");
    }
    cmd.stdin(Stdio::piped()).spawn().ok()
}

/// Once the pager runs, Ctrl-C is the pager's (less uses it to stop a search), as in git:
/// claimdiff ignores SIGINT and SIGQUIT so that it does not exit and hand the terminal back
/// to the shell while the pager still draws on it. Quitting the pager ends claimdiff. Call
/// it once [`Output::is_paged`].
pub fn ignore_interrupts() {
    #[cfg(unix)]
    // SAFETY: `signal` with SIG_IGN installs no handler code; it only changes the
    // disposition of two signals for this process (after the pager was spawned, so the
    // pager keeps the default dispositions).
    unsafe {
        libc::signal(libc::SIGINT, libc::SIG_IGN);
        libc::signal(libc::SIGQUIT, libc::SIG_IGN);
    }
}

/// Where output goes: stdout, or a pager's stdin. When the user quits the pager before the
/// end, later writes are dropped quietly instead of failing with a broken pipe.
pub struct Output {
    inner: Box<dyn Write>,
    pager: Option<Child>,
    closed: bool,
}

impl Output {
    /// Standard output.
    pub fn stdout() -> Self {
        Output {
            inner: Box::new(io::BufWriter::new(io::stdout())),
            pager: None,
            closed: false,
        }
    }

    /// Through `command` when it can be started; standard output otherwise.
    pub fn paged(command: &str) -> Self {
        match spawn(command) {
            Some(mut child) => match child.stdin.take() {
                Some(stdin) => Output {
                    inner: Box::new(io::BufWriter::new(stdin)),
                    pager: Some(child),
                    closed: false,
                },
                None => Output::stdout(),
            },
            None => Output::stdout(),
        }
    }

    /// Whether a pager was started.
    pub fn is_paged(&self) -> bool {
        self.pager.is_some()
    }

    /// Flush, close the pager's input and wait for the user to quit it.
    pub fn finish(mut self) -> io::Result<()> {
        self.flush()?;
        drop(self.inner);
        if let Some(mut child) = self.pager.take() {
            child.wait()?;
        }
        Ok(())
    }

    /// A broken pipe to the pager means the user quit it: stop writing, quietly.
    fn absorb<T>(&mut self, r: io::Result<T>, done: T) -> io::Result<T> {
        match r {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe && self.pager.is_some() => {
                self.closed = true;
                Ok(done)
            }
            r => r,
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let r = self.inner.write(buf);
        self.absorb(r, buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let r = self.inner.flush();
        self.absorb(r, ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claimdiff_pager_then_pager_then_less() {
        assert_eq!(choose(Some("most"), Some("more")).as_deref(), Some("most"));
        assert_eq!(choose(None, Some("more")).as_deref(), Some("more"));
        assert_eq!(choose(None, None).as_deref(), Some("less -R"));
    }

    #[test]
    fn empty_or_cat_means_no_pager_even_when_pager_is_set() {
        assert_eq!(choose(Some(""), Some("more")), None);
        assert_eq!(choose(Some("cat"), Some("more")), None);
        assert_eq!(choose(None, Some("  ")), None);
        assert_eq!(choose(None, Some("cat")), None);
    }

    #[test]
    fn shell_only_for_commands_that_need_it() {
        assert!(!needs_shell("less -R"));
        assert!(needs_shell("less -R | tee log"));
        assert!(needs_shell("LESS=R less"));
    }

    #[test]
    fn a_missing_pager_means_writing_directly() {
        assert!(spawn("claimdiff-no-such-pager-program -x").is_none());
    }

    #[cfg(unix)]
    #[test]
    fn output_goes_through_the_pager_and_a_quit_pager_is_quiet() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("paged");
        let mut out = Output::paged(&format!("cat > '{}'", file.display()));
        assert!(out.pager.is_some());
        writeln!(out, "hello").unwrap();
        out.finish().unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "hello\n");

        // `true` exits without reading: later writes hit a closed pipe and are dropped.
        let mut out = Output::paged("true");
        std::thread::sleep(std::time::Duration::from_millis(200));
        for _ in 0..1000 {
            out.write_all(&[b'x'; 1024]).unwrap();
        }
        out.finish().unwrap();
    }
}

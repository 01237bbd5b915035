//! Running the external tools (poppler's `pdfinfo`, `pdftotext`,
//! `pdftoppm`; `tesseract`) and turning their failures into [`PdfError`]s.
//!
//! Only this module starts processes; it knows which Debian package holds
//! each tool, so that a missing one is reported with the command that
//! installs it. Every run is bounded: a run that outlasts its time limit is
//! killed ([`run_with_timeout`]), and on Unix the tool's address space is
//! capped by `ulimit -v` in a `/bin/sh` that then `exec`s the tool (the
//! crate forbids `unsafe`, so no `pre_exec` hook; the shell is the
//! dependency-free way to set `RLIMIT_AS` on the child alone). Elsewhere
//! there is no memory limit.

use std::ffi::{OsStr, OsString};
use std::io::{ErrorKind, Read};
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::time::{Duration, Instant};

use crate::{PdfError, Result};

/// An external program and the Debian packages that provide it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tool {
    /// The program name.
    pub name: &'static str,
    /// What to `apt-get install` for it.
    pub packages: &'static str,
}

pub(crate) const PDFINFO: Tool = Tool {
    name: "pdfinfo",
    packages: "poppler-utils",
};
pub(crate) const PDFTOTEXT: Tool = Tool {
    name: "pdftotext",
    packages: "poppler-utils",
};
pub(crate) const PDFTOPPM: Tool = Tool {
    name: "pdftoppm",
    packages: "poppler-utils",
};
pub(crate) const PDFSEPARATE: Tool = Tool {
    name: "pdfseparate",
    packages: "poppler-utils",
};

pub(crate) const PDFUNITE: Tool = Tool {
    name: "pdfunite",
    packages: "poppler-utils",
};

pub(crate) const TESSERACT: Tool = Tool {
    name: "tesseract",
    packages: "tesseract-ocr tesseract-ocr-chi-sim",
};

/// How long a version or language query may take.
const QUERY_TIMEOUT: Duration = Duration::from_secs(20);

/// How often a running tool is looked at while waiting for it.
const POLL: Duration = Duration::from_millis(10);

/// The exit status a shell gives when it cannot find the program to `exec`.
const SHELL_NOT_FOUND: i32 = 127;

/// Where and within which bounds tools run.
#[derive(Debug, Clone)]
pub(crate) struct Runner {
    /// The folder the tools are taken from; `None` searches `PATH`.
    pub dir: Option<PathBuf>,
    /// The longest one run may take.
    pub tool_timeout: Duration,
    /// When the whole file's time is up.
    pub deadline: Instant,
    /// The whole file's time, for messages.
    pub file_timeout: Duration,
    /// The address space each tool may take, in bytes.
    pub memory_bytes: Option<u64>,
}

impl Runner {
    /// Runs `tool` with `args` and returns its output, whatever its exit
    /// status. A tool that cannot be started, that outlasts its time limit
    /// or the file's, is an error.
    pub fn run<I, S>(&self, tool: Tool, args: I) -> Result<Output>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(PdfError::FileTimeLimit {
                seconds: self.file_timeout.as_secs(),
            });
        }
        let (timeout, file_bound) = if left < self.tool_timeout {
            (left, true)
        } else {
            (self.tool_timeout, false)
        };
        let program = self.program(tool);
        let command = limited_command(&program, args, self.memory_bytes);
        match run_with_timeout(command, timeout).map_err(|source| spawn_error(tool, source))? {
            Some(output) if is_shell_not_found(&output, self.memory_bytes) => {
                Err(PdfError::ToolMissing {
                    tool: tool.name,
                    packages: tool.packages,
                })
            }
            Some(output) => Ok(output),
            None if file_bound => Err(PdfError::FileTimeLimit {
                seconds: self.file_timeout.as_secs(),
            }),
            None => Err(PdfError::ToolTimeout {
                tool: tool.name,
                seconds: self.tool_timeout.as_secs_f64(),
            }),
        }
    }

    /// The program to start for `tool`.
    fn program(&self, tool: Tool) -> OsString {
        match &self.dir {
            Some(dir) => dir.join(tool.name).into_os_string(),
            None => OsString::from(tool.name),
        }
    }

    /// The first line of the tool's version output (poppler prints it on
    /// stderr, tesseract on stdout), or `None` when the tool is not there.
    pub fn version(&self, tool: Tool) -> Option<String> {
        let flag = if tool.name == TESSERACT.name {
            "--version"
        } else {
            "-v"
        };
        let output = self.query(tool, flag)?;
        let text = [output.stdout, output.stderr].concat();
        String::from_utf8_lossy(&text)
            .lines()
            .find(|l| !l.trim().is_empty())
            .map(|l| l.trim().to_owned())
    }

    /// Whether Tesseract is installed with the data for `language`.
    pub fn has_ocr_language(&self, language: &str) -> bool {
        self.query(TESSERACT, "--list-langs").is_some_and(|output| {
            let text = [output.stdout, output.stderr].concat();
            String::from_utf8_lossy(&text)
                .lines()
                .any(|l| l.trim() == language)
        })
    }

    /// A short run of `tool` with one flag, outside the file's time.
    fn query(&self, tool: Tool, flag: &str) -> Option<Output> {
        let mut command = Command::new(self.program(tool));
        command.arg(flag);
        run_with_timeout(command, QUERY_TIMEOUT).ok().flatten()
    }
}

/// The command that starts `program` with `args`, its address space capped
/// at `memory_bytes` where the system allows it.
fn limited_command<I, S>(program: &OsStr, args: I, memory_bytes: Option<u64>) -> Command
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut command = match memory_bytes {
        Some(bytes) if cfg!(unix) => {
            let mut shell = Command::new("/bin/sh");
            // `$0` is the program and `$@` its arguments: nothing of them is
            // read by the shell as code.
            let kib = (bytes / 1024).max(1);
            shell
                .arg("-c")
                .arg(format!("ulimit -v {kib} && exec \"$0\" \"$@\""))
                .arg(program);
            shell
        }
        _ => Command::new(program),
    };
    command.args(args);
    command
}

/// Whether a tool started through the limiting shell was not found.
fn is_shell_not_found(output: &Output, memory_bytes: Option<u64>) -> bool {
    memory_bytes.is_some()
        && cfg!(unix)
        && output.status.code() == Some(SHELL_NOT_FOUND)
        && String::from_utf8_lossy(&output.stderr).contains("not found")
}

fn spawn_error(tool: Tool, source: std::io::Error) -> PdfError {
    match source.kind() {
        ErrorKind::NotFound => PdfError::ToolMissing {
            tool: tool.name,
            packages: tool.packages,
        },
        _ => PdfError::Io {
            tool: tool.name,
            source,
        },
    }
}

/// Runs `command` with its output captured; `None` when it was still
/// running after `timeout`, in which case it has been killed and reaped.
pub(crate) fn run_with_timeout(
    mut command: Command,
    timeout: Duration,
) -> std::io::Result<Option<Output>> {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let started = Instant::now();
    let mut child = command.spawn()?;
    // Both pipes are drained while the child runs, so that a large output
    // never blocks it on a full pipe.
    let stdout = child.stdout.take().map(drain);
    let stderr = child.stderr.take().map(drain);
    let status = wait_until(&mut child, started + timeout)?;
    let collect = |reader: Option<std::thread::JoinHandle<Vec<u8>>>| {
        reader
            .and_then(|handle| handle.join().ok())
            .unwrap_or_default()
    };
    let stdout = collect(stdout);
    let stderr = collect(stderr);
    Ok(status.map(|status| Output {
        status,
        stdout,
        stderr,
    }))
}

/// Reads a pipe to its end on a thread of its own.
fn drain(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        // A read error ends the output where it is; the exit status says
        // whether the run went well.
        let _ = pipe.read_to_end(&mut bytes);
        bytes
    })
}

/// Waits for `child` until `deadline`; kills and reaps it past that and
/// returns `None`.
fn wait_until(child: &mut Child, deadline: Instant) -> std::io::Result<Option<ExitStatus>> {
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        let now = Instant::now();
        if now >= deadline {
            // The child may have ended just now: then kill fails, and wait
            // reaps it all the same.
            let _ = child.kill();
            child.wait()?;
            return Ok(None);
        }
        std::thread::sleep(POLL.min(deadline - now));
    }
}

/// The tool's stderr, trimmed to its first few lines, for messages.
pub(crate) fn stderr_of(output: &Output) -> String {
    let text = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(3)
        .collect();
    if lines.is_empty() {
        format!("exit status {}", output.status)
    } else {
        lines.join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runner(tool_timeout: Duration, memory_bytes: Option<u64>) -> Runner {
        Runner {
            dir: None,
            tool_timeout,
            deadline: Instant::now() + Duration::from_secs(600),
            file_timeout: Duration::from_secs(600),
            memory_bytes,
        }
    }

    #[test]
    fn a_run_past_its_time_is_killed() {
        let mut sleep = Command::new("sleep");
        sleep.arg("30");
        let started = Instant::now();
        let output = run_with_timeout(sleep, Duration::from_millis(200)).expect("sleep starts");
        assert!(output.is_none(), "the sleep was reported as finished");
        // Killed, not waited for: far below the 30 s it asked for.
        assert!(started.elapsed() < Duration::from_secs(25));
    }

    #[test]
    fn a_run_within_its_time_gives_its_output() {
        let mut echo = Command::new("sh");
        echo.args(["-c", "echo out; echo err >&2; exit 3"]);
        let output = run_with_timeout(echo, Duration::from_secs(20))
            .expect("sh starts")
            .expect("sh ends in time");
        assert_eq!(output.stdout, b"out\n");
        assert_eq!(output.stderr, b"err\n");
        assert_eq!(output.status.code(), Some(3));
    }

    #[test]
    fn a_tool_that_hangs_is_a_timeout_naming_tool_and_limit() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let script = dir.path().join(PDFINFO.name);
        std::fs::write(&script, "#!/bin/sh\nsleep 30\n").expect("script written");
        let chmod = Command::new("chmod").arg("+x").arg(&script).status();
        assert!(chmod.is_ok_and(|s| s.success()));
        let mut runner = runner(Duration::from_millis(300), Some(1 << 30));
        runner.dir = Some(dir.path().to_path_buf());
        let error = runner
            .run(PDFINFO, ["x.pdf"])
            .expect_err("the hang is stopped");
        assert!(
            matches!(
                error,
                PdfError::ToolTimeout {
                    tool: "pdfinfo",
                    ..
                }
            ),
            "{error}"
        );
        assert!(error.to_string().contains("pdfinfo"), "{error}");
        assert!(error.to_string().contains("0.3 s"), "{error}");
    }

    #[test]
    fn the_file_time_bounds_every_run() {
        let mut runner = runner(Duration::from_secs(60), None);
        runner.deadline = Instant::now();
        let error = runner.run(PDFINFO, ["-v"]).expect_err("no time left");
        assert!(matches!(error, PdfError::FileTimeLimit { .. }), "{error}");
    }

    #[test]
    fn the_memory_limit_holds_for_the_child() {
        // 200 MiB asked for under a 100 MiB address space: refused.
        let program = OsStr::new("sh");
        let mut command = limited_command(
            program,
            [
                "-c",
                "x=$(head -c 209715200 /dev/zero | tr '\\0' a); echo ${#x}",
            ],
            Some(100 << 20),
        );
        command.env("LC_ALL", "C");
        let output = run_with_timeout(command, Duration::from_secs(60))
            .expect("sh starts")
            .expect("sh ends");
        assert!(!output.status.success() || output.stdout != b"209715200\n");
    }

    #[test]
    fn a_missing_tool_behind_the_limit_is_still_missing() {
        let mut runner = runner(Duration::from_secs(20), Some(1 << 30));
        runner.dir = Some(PathBuf::from("/nonexistent-gazette-tools"));
        let error = runner.run(PDFTOTEXT, ["-v"]).expect_err("no such tool");
        assert!(
            matches!(
                error,
                PdfError::ToolMissing {
                    tool: "pdftotext",
                    ..
                }
            ),
            "{error}"
        );
    }
}

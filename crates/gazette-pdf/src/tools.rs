//! Running the external tools (poppler's `pdfinfo`, `pdftotext`,
//! `pdftoppm`; `tesseract`) and turning their failures into [`PdfError`]s.
//!
//! Only this module starts processes; it knows which Debian package holds
//! each tool, so that a missing one is reported with the command that
//! installs it.

use std::ffi::OsStr;
use std::io::ErrorKind;
use std::process::{Command, Output};

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
pub(crate) const TESSERACT: Tool = Tool {
    name: "tesseract",
    packages: "tesseract-ocr tesseract-ocr-chi-sim",
};

/// Runs `tool` with `args` and returns its output, whatever its exit
/// status; only a tool that cannot be started is an error.
pub(crate) fn run<I, S>(tool: Tool, args: I) -> Result<Output>
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    Command::new(tool.name)
        .args(args)
        .output()
        .map_err(|source| match source.kind() {
            ErrorKind::NotFound => PdfError::ToolMissing {
                tool: tool.name,
                packages: tool.packages,
            },
            _ => PdfError::Io {
                tool: tool.name,
                source,
            },
        })
}

/// The first line of the tool's version output (poppler prints it on
/// stderr, tesseract on stdout), or `None` when the tool is not there.
pub(crate) fn version(tool: Tool) -> Option<String> {
    let flag = if tool.name == TESSERACT.name {
        "--version"
    } else {
        "-v"
    };
    let output = run(tool, [flag]).ok()?;
    let text = [output.stdout, output.stderr].concat();
    String::from_utf8_lossy(&text)
        .lines()
        .find(|l| !l.trim().is_empty())
        .map(|l| l.trim().to_owned())
}

/// Whether Tesseract is installed with the data for `language`.
pub(crate) fn has_ocr_language(language: &str) -> bool {
    run(TESSERACT, ["--list-langs"]).is_ok_and(|output| {
        let text = [output.stdout, output.stderr].concat();
        String::from_utf8_lossy(&text)
            .lines()
            .any(|l| l.trim() == language)
    })
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

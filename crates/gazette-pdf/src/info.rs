//! What `pdfinfo` says about a file before anything is rendered: whether
//! poppler can open it at all (it fails cleanly on encrypted and broken
//! files), how many pages it has (checked against
//! [`crate::PdfLimits::max_pages`]) and each page's size in points, which
//! bounds the resolution of its OCR.

use std::path::Path;

use crate::tools::{stderr_of, Runner, PDFINFO};
use crate::{file_error, PdfError, Result};

/// Pages and page sizes of a file.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct PdfInfo {
    /// Pages in the file.
    pub pages: usize,
    /// (page, width, height in points), for the pages pdfinfo listed.
    pub sizes: Vec<(u32, f64, f64)>,
}

impl PdfInfo {
    /// The size of page `page` (from 1), when pdfinfo gave it.
    pub fn size(&self, page: u32) -> Option<(f64, f64)> {
        self.sizes
            .iter()
            .find(|(number, _, _)| *number == page)
            .map(|&(_, width, height)| (width, height))
    }
}

/// Runs `pdfinfo` on `path` (sizes of the first `max_pages` + 1 pages at
/// most) and refuses a file over `max_pages`.
pub(crate) fn read(runner: &Runner, path: &Path, max_pages: usize) -> Result<PdfInfo> {
    let last = max_pages.saturating_add(1).to_string();
    let output = runner.run(
        PDFINFO,
        [
            "-f".as_ref(),
            "1".as_ref(),
            "-l".as_ref(),
            last.as_ref(),
            path.as_os_str(),
        ],
    )?;
    if !output.status.success() {
        return Err(file_error(&stderr_of(&output)));
    }
    let info = parse(&String::from_utf8_lossy(&output.stdout));
    if info.pages > max_pages {
        return Err(PdfError::TooManyPages {
            pages: info.pages,
            limit: max_pages,
        });
    }
    Ok(info)
}

/// Reads `Pages:` and the `Page N size: W x H pts` lines.
fn parse(text: &str) -> PdfInfo {
    let mut info = PdfInfo::default();
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["Pages:", pages, ..] => info.pages = pages.parse().unwrap_or(0),
            ["Page", page, "size:", width, "x", height, ..] => {
                if let (Ok(page), Ok(width), Ok(height)) =
                    (page.parse(), width.parse(), height.parse())
                {
                    info.sizes.push((page, width, height));
                }
            }
            _ => {}
        }
    }
    info
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_pages_and_sizes() {
        let text = "Producer:        x\nPages:           2\nEncrypted:       no\n\
                    Page    1 size:  595.3 x 841.9 pts (A4)\nPage    1 rot:   0\n\
                    Page    2 size:  4500 x 4500 pts\nPage    2 rot:   90\nFile size:       545 bytes\n";
        let info = parse(text);
        assert_eq!(info.pages, 2);
        assert_eq!(info.size(1), Some((595.3, 841.9)));
        assert_eq!(info.size(2), Some((4500.0, 4500.0)));
        assert_eq!(info.size(3), None);
    }
}

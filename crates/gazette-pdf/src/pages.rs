//! A run of pages of a PDF as a PDF of its own, for downloading part of an
//! issue (issue 16 §1: “the original file downloadable whole and by page
//! range”): poppler's `pdfseparate` cuts the pages out, `pdfunite` joins
//! them, within the same limits as text extraction. The pages are the
//! file's own, unchanged; nothing is re-rendered.
//!
//! Not for: choosing the pages (the caller maps 目录 or document pages to
//! them), nor serving them.

use crate::tools::stderr_of;
use crate::tools::{PDFSEPARATE, PDFUNITE};
use crate::{file_error, info, stage, temporary_file, ExtractOptions, PdfError, Result, Staged};

/// Pages `first` to `last` (1-based, inclusive) of the PDF `bytes`, as a
/// PDF. Fails with [`PdfError::PageRange`] when the file has no such
/// pages, and as [`crate::extract`] does for a file that is no PDF, a
/// missing tool or a limit passed.
pub fn page_range(
    bytes: &[u8],
    first: u32,
    last: u32,
    options: &ExtractOptions,
) -> Result<Vec<u8>> {
    let Staged {
        runner,
        dir,
        path: input,
    } = stage(bytes, options)?;
    let pages = info::read(&runner, &input, options.limits.max_pages)?.pages;
    let within = |page: u32| usize::try_from(page).is_ok_and(|p| (1..=pages).contains(&p));
    if first > last || !within(first) || !within(last) {
        return Err(PdfError::PageRange { first, last, pages });
    }
    let pattern = dir.path().join("page-%d.pdf");
    let (first_arg, last_arg) = (first.to_string(), last.to_string());
    let output = runner.run(
        PDFSEPARATE,
        [
            "-f".as_ref(),
            first_arg.as_ref(),
            "-l".as_ref(),
            last_arg.as_ref(),
            input.as_os_str(),
            pattern.as_os_str(),
        ],
    )?;
    if !output.status.success() {
        return Err(file_error(&stderr_of(&output)));
    }
    let parts: Vec<_> = (first..=last)
        .map(|page| dir.path().join(format!("page-{page}.pdf")))
        .collect();
    let joined = if let [only] = parts.as_slice() {
        only.clone()
    } else {
        let joined = dir.path().join("pages.pdf");
        let mut args: Vec<&std::ffi::OsStr> = parts.iter().map(|p| p.as_os_str()).collect();
        args.push(joined.as_os_str());
        let output = runner.run(PDFUNITE, args)?;
        if !output.status.success() {
            return Err(file_error(&stderr_of(&output)));
        }
        joined
    };
    std::fs::read(&joined).map_err(temporary_file)
}

//! Commands whose reader goes away (`gazette audit --json | head -1`) end
//! quietly with success, never with a panic on the closed pipe.

use std::process::{Command, Stdio};

use crate::archive::{gazette, sample};

/// Runs `gazette args` with standard output a pipe whose reading end is
/// closed before the command starts, so its first write meets a closed pipe.
fn with_closed_stdout(data: &std::path::Path, args: &[&str]) -> std::process::Output {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(args)
        .env("GAZETTE_DATA", data)
        .stdout(Stdio::from(writer))
        .stderr(Stdio::piped())
        .output()
        .expect("runs gazette")
}

#[test]
fn every_printing_command_ends_quietly_when_its_reader_goes_away() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let sample = sample().display().to_string();
    let out = gazette(&data, &["ingest", &sample]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let runs: &[&[&str]] = &[
        &["audit", "--json"],
        &["audit"],
        &["search", "社会保险"],
        &["search", "社会保险", "--json"],
        &["token", "list"],
        &["token", "list", "--json"],
        &["reindex"],
        &["ingest", &sample],
        &["ingest", &sample, "--json"],
    ];
    for args in runs {
        let out = with_closed_stdout(&data, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && !stderr.contains("panicked"),
            "gazette {}: {:?}\n{stderr}",
            args.join(" "),
            out.status
        );
    }
    // An export cut by its reader is an incomplete export: it says so and
    // fails, without a panic.
    let out = with_closed_stdout(&data, &["export"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && !stderr.contains("panicked") && stderr.contains("error"),
        "gazette export: {:?}\n{stderr}",
        out.status
    );
}

//! Beside a running `gazette serve` (issue 14, finding 15): the commands
//! that only read work (read-only, as the archive is on disk), `gazette
//! backup` makes a consistent copy, and the copy restored into a fresh
//! directory is a whole archive whose indexes are rebuilt at open.

use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::archive::{gazette, sample, stdout};

/// A `gazette serve` child process, killed when dropped.
struct Server {
    child: Child,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `gazette serve` on a free loopback port over `data`, and waits
/// for it to say where it listens.
fn serve(data: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .env("GAZETTE_DATA", data)
        .env("RUST_LOG", "info")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn gazette serve");
    let stderr = child.stderr.take().expect("piped standard error");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        // Read to the end, so that the server never blocks on its log.
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if line.contains("serving http://") {
                let _ = tx.send(line);
            }
        }
    });
    let server = Server { child };
    rx.recv_timeout(Duration::from_secs(120))
        .expect("the server says where it listens");
    server
}

fn assert_success(out: &std::process::Output, what: &str) {
    assert!(
        out.status.success(),
        "{what}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn reading_commands_and_backup_work_while_serving_and_the_backup_restores() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    assert_success(
        &gazette(&data, &["ingest", &sample().display().to_string()]),
        "ingest",
    );
    let server = serve(&data);

    let out = gazette(&data, &["search", "降低社会保险费率", "--json"]);
    assert_success(&out, "search");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["hits"][0]["doc_number"], "青政办发〔2019〕4号");
    let out = gazette(&data, &["show", "青政办字〔2019〕31号"]);
    assert_success(&out, "show");
    assert!(
        stdout(&out).contains("青政办字〔2019〕31号"),
        "{}",
        stdout(&out)
    );
    let out = gazette(&data, &["status", "青政办字〔2019〕30号"]);
    assert_success(&out, "status");
    assert!(stdout(&out).contains("未核实"), "{}", stdout(&out));
    let out = gazette(&data, &["export"]);
    assert_success(&out, "export");
    assert_eq!(stdout(&out).lines().count(), 1, "one issue, no status");
    assert_success(&gazette(&data, &["units"]), "units");

    let copy = dir.path().join("backups").join("copy.sqlite");
    let out = gazette(&data, &["backup", &copy.display().to_string()]);
    assert_success(&out, "backup");
    assert!(
        stdout(&out).contains("backed up 1 issue(s), 6 document(s)"),
        "{}",
        stdout(&out)
    );
    let again = gazette(&data, &["backup", &copy.display().to_string()]);
    assert!(!again.status.success(), "an existing backup was replaced");
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists"));
    drop(server);

    // Restore: the file alone, into a fresh directory.
    let fresh = dir.path().join("restored");
    std::fs::create_dir_all(&fresh).expect("fresh directory");
    std::fs::copy(&copy, fresh.join("archive.sqlite")).expect("restore");
    let out = gazette(&fresh, &["search", "降低社会保险费率", "--json"]);
    assert_success(&out, "search the restored archive");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["hits"][0]["doc_number"], "青政办发〔2019〕4号");
}

//! Beside a running `gazette serve` (issue 14, finding 15): the commands
//! that only read work (read-only, as the archive is on disk), `gazette
//! backup` makes a consistent copy, and the copy restored into a fresh
//! directory is a whole archive whose indexes are rebuilt at open.

use crate::archive::{gazette, sample, stdout};
use crate::server::Server;

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
    let server = Server::start(&data, None);

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

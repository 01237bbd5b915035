//! [`Jobs`]: uploads that outlast the answer. An upload is read, extracted
//! and stored by a task of its own; when that takes longer than the
//! configured threshold the client gets `202 Accepted` with the job's
//! address, and the task goes on whatever the client does (it may hang up):
//! a write that is stored is never reported as failed, and one that fails
//! says so at the job's address.
//!
//! In memory, per process: a restart forgets the jobs (a job whose write
//! had committed is in the store and the audit log all the same). The
//! registry keeps the latest [`MAX_JOBS`]; older finished ones are dropped.
//! This module holds the states, not the work (see `api::upload`).

use std::collections::BTreeMap;
use std::sync::{Mutex, PoisonError};

use gazette_archive::FileOutcome;
use serde::Serialize;

/// Jobs kept; past this the oldest finished ones are forgotten.
pub const MAX_JOBS: usize = 1_000;

/// Where a job is.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum JobState {
    /// Waiting for a free extraction worker.
    Queued,
    /// Being read, extracted, parsed or stored.
    Running,
    /// Finished: the issue it is (new or already archived), or the reason
    /// the file is not an issue (nothing stored).
    Done {
        /// What became of the file.
        outcome: FileOutcome,
        /// The issue, when the file is one.
        #[serde(skip_serializing_if = "Option::is_none")]
        issue_id: Option<i64>,
        /// Its API address.
        #[serde(skip_serializing_if = "Option::is_none")]
        issue_url: Option<String>,
    },
    /// The server failed before the write committed: nothing was stored.
    Failed {
        /// What went wrong, for people.
        error: String,
    },
}

/// One upload's job.
#[derive(Debug, Clone, Serialize)]
pub struct Job {
    /// Its number, as in `/api/v1/jobs/{id}`.
    pub id: u64,
    /// The upload's file name.
    pub file_name: String,
    /// The token that made it (only it, or an admin, may read the job).
    #[serde(skip)]
    pub owner: String,
    /// When it was made (RFC 3339).
    pub created_at: String,
    /// Where it is.
    #[serde(flatten)]
    pub state: JobState,
}

impl Job {
    /// Whether it has finished, well or not.
    pub fn finished(&self) -> bool {
        matches!(self.state, JobState::Done { .. } | JobState::Failed { .. })
    }
}

/// The jobs of this process.
#[derive(Debug, Default)]
pub struct Jobs {
    inner: Mutex<Registry>,
}

#[derive(Debug, Default)]
struct Registry {
    last: u64,
    jobs: BTreeMap<u64, Job>,
}

impl Jobs {
    /// A new queued job for `owner`'s upload of `file_name`; its id.
    pub fn create(&self, owner: &str, file_name: &str, created_at: String) -> u64 {
        let mut registry = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        registry.last += 1;
        let id = registry.last;
        registry.jobs.insert(
            id,
            Job {
                id,
                file_name: file_name.to_owned(),
                owner: owner.to_owned(),
                created_at,
                state: JobState::Queued,
            },
        );
        registry.forget_old();
        id
    }

    /// Moves job `id` to `state`.
    pub fn set(&self, id: u64, state: JobState) {
        let mut registry = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(job) = registry.jobs.get_mut(&id) {
            job.state = state;
        }
    }

    /// Job `id`, as it is now.
    pub fn get(&self, id: u64) -> Option<Job> {
        let registry = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        registry.jobs.get(&id).cloned()
    }
}

impl Registry {
    /// Drops the oldest finished jobs past [`MAX_JOBS`] (running ones stay).
    fn forget_old(&mut self) {
        let excess = self.jobs.len().saturating_sub(MAX_JOBS);
        let old: Vec<u64> = self
            .jobs
            .values()
            .filter(|job| job.finished())
            .map(|job| job.id)
            .take(excess)
            .collect();
        for id in old {
            self.jobs.remove(&id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_finished_jobs_are_forgotten() {
        let jobs = Jobs::default();
        let first = jobs.create("a", "running.pdf", String::new());
        for _ in 0..MAX_JOBS + 5 {
            let id = jobs.create("a", "x.txt", String::new());
            jobs.set(
                id,
                JobState::Failed {
                    error: "x".to_owned(),
                },
            );
        }
        assert!(jobs.get(first).is_some(), "a running job is kept");
        assert_eq!(jobs.get(first).map(|j| j.state), Some(JobState::Queued));
        assert!(jobs.get(2).is_none(), "the oldest finished one is gone");
        let registry = jobs.inner.lock().expect("lock");
        assert!(registry.jobs.len() <= MAX_JOBS + 1);
    }
}

//! The server's indexes follow the store (issue 17 §2): a task waits for
//! writes to the store that this server's search index has not seen —
//! made by another `gazette serve` on the same PostgreSQL database, by
//! `gazette ingest` or `gazette status` beside this server, or by this
//! server itself — and catches its indexes up with them through the
//! archive's writer ([`gazette_archive::Archive::catch_up`], the one code
//! path of every change), so that they are searchable here within about a
//! second. Once a minute it catches up even without a write, for what
//! changes with the day.
//!
//! A store that cannot be reached (a database server restarting) is
//! logged once when it goes and once when it comes back; the task tries
//! again every second meanwhile. This module does not answer requests:
//! while the store is unreachable, handlers answer 503 themselves.

use std::time::{Duration, Instant};

use gazette_archive::StoreFollower;

use crate::state::AppState;

/// How long one wait for a write lasts before the task looks again.
const WAIT: Duration = Duration::from_secs(1);
/// How long the task pauses after a failure before it tries again.
const RETRY: Duration = Duration::from_secs(1);
/// How often the indexes are caught up without a write.
const DAILY_CHECK: Duration = Duration::from_secs(60);

/// Follows the store until the runtime stops; spawn it once per server.
pub(crate) async fn follow_store(state: AppState) {
    let mut health = Health::default();
    let mut follower: Option<StoreFollower> = None;
    let mut last_catch_up = Instant::now();
    loop {
        let waiting = match follower.take() {
            Some(waiting) => waiting,
            None => match state.write(|archive| Ok(archive.follower())).await {
                Ok(Ok(made)) => made,
                Ok(Err(error)) => {
                    health.failed(&error);
                    tokio::time::sleep(RETRY).await;
                    continue;
                }
                Err(error) => {
                    health.failed(&error);
                    tokio::time::sleep(RETRY).await;
                    continue;
                }
            },
        };
        let waited = tokio::task::spawn_blocking(move || {
            let changed = waiting.wait(WAIT);
            (waiting, changed)
        })
        .await;
        let Ok((waiting, changed)) = waited else {
            // The runtime is shutting down.
            return;
        };
        follower = Some(waiting);
        let due = match changed {
            // After a failure the writer's own connection may be the
            // next to meet the loss: a catch-up makes it connect again
            // now rather than at the next client's write.
            Ok(changed) => changed || health.failing || last_catch_up.elapsed() >= DAILY_CHECK,
            Err(error) => {
                health.failed(&error);
                tokio::time::sleep(RETRY).await;
                continue;
            }
        };
        if !due {
            continue;
        }
        // The archive's own error is kept whole (cause included) for the
        // log; only a store found replaced fails the write itself.
        let caught_up = match state.write(|archive| Ok(archive.catch_up())).await {
            Ok(result) => result.map_err(|error| error.to_string()),
            Err(error) => Err(error.to_string()),
        };
        match caught_up {
            Ok(documents) => {
                last_catch_up = Instant::now();
                health.recovered();
                if documents > 0 {
                    tracing::debug!(documents, "indexes caught up with the store");
                }
            }
            Err(error) => {
                health.failed(&error);
                tokio::time::sleep(RETRY).await;
            }
        }
    }
}

/// Whether the last attempt failed, so that an outage is logged once.
#[derive(Default)]
struct Health {
    failing: bool,
}

impl Health {
    fn failed(&mut self, error: &dyn std::fmt::Display) {
        if !self.failing {
            tracing::warn!(
                %error,
                "cannot follow the archive's store; trying again every second"
            );
        }
        self.failing = true;
    }

    fn recovered(&mut self) {
        if self.failing {
            tracing::info!("following the archive's store again");
        }
        self.failing = false;
    }
}

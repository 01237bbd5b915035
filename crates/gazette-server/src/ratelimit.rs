//! A token bucket per key — an API token for writes, a client address for
//! public reads: a key may make `burst` requests at once and regains
//! `per_second` each second. In memory, per process; it forgets everything
//! on restart, which is fine for a guard against runaway scripts (it is
//! not an accounting of use). Past [`MAX_KEYS`] keys, the buckets that have
//! filled up again (idle keys) are forgotten, so many clients cannot grow
//! it without bound.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::Instant;

/// Keys kept before the idle ones are forgotten.
pub const MAX_KEYS: usize = 10_000;

/// Buckets by key.
#[derive(Debug)]
pub struct RateLimiter {
    burst: f64,
    per_second: f64,
    buckets: Mutex<HashMap<String, Bucket>>,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl RateLimiter {
    /// A limiter allowing `burst` writes at once, `per_second` after.
    pub fn new(burst: u32, per_second: f64) -> RateLimiter {
        RateLimiter {
            burst: f64::from(burst.max(1)),
            per_second: if per_second > 0.0 { per_second } else { 1.0 },
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one write from `key`'s bucket; `Err(seconds)` to wait when it
    /// is empty.
    pub fn check(&self, key: &str) -> Result<(), u64> {
        self.check_at(key, Instant::now())
    }

    fn check_at(&self, key: &str, now: Instant) -> Result<(), u64> {
        let mut buckets = self.buckets.lock().unwrap_or_else(PoisonError::into_inner);
        if buckets.len() >= MAX_KEYS && !buckets.contains_key(key) {
            let (burst, per_second) = (self.burst, self.per_second);
            buckets.retain(|_, b| {
                let elapsed = now.saturating_duration_since(b.at).as_secs_f64();
                b.tokens + elapsed * per_second < burst
            });
        }
        let bucket = buckets.entry(key.to_owned()).or_insert(Bucket {
            tokens: self.burst,
            at: now,
        });
        let elapsed = now.saturating_duration_since(bucket.at).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * self.per_second).min(self.burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            return Ok(());
        }
        let wait = (1.0 - bucket.tokens) / self.per_second;
        // At least one second: Retry-After counts whole seconds.
        Err((wait.ceil() as u64).max(1))
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn a_burst_then_a_wait_then_one_more() {
        let limiter = RateLimiter::new(2, 0.5);
        let start = Instant::now();
        assert_eq!(limiter.check_at("a", start), Ok(()));
        assert_eq!(limiter.check_at("a", start), Ok(()));
        assert_eq!(limiter.check_at("a", start), Err(2));
        // Other tokens have their own bucket.
        assert_eq!(limiter.check_at("b", start), Ok(()));
        let later = start + Duration::from_secs(2);
        assert_eq!(limiter.check_at("a", later), Ok(()));
        assert!(limiter.check_at("a", later).is_err());
    }
}

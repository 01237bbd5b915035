//! Helpers of the story suite over the fixtures.

use gazette_store::Store;

use crate::harness::Harness;

pub use crate::fixture::*;

/// A store holding the sample as issue 1.
pub fn store_with_sample(h: &mut Harness) -> Box<dyn Store> {
    let mut store = h.store();
    add(&mut *store, &Parsed::sample(), "qingdao-2019.txt");
    store
}

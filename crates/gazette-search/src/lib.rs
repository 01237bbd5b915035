//! Chinese full-text search over gazette documents (work in progress).

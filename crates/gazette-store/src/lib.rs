//! Storage of gazette issues and documents (work in progress).

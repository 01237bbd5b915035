//! What the site says of itself everywhere: its name, in page titles, the
//! home page, feeds and calendar files. Both `api` and `pages` read it
//! here; this module holds no addresses (see `urls`) and renders nothing.

/// The site's name.
pub const SITE_NAME: &str = "政府公报库";

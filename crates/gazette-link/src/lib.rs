//! What the documents of an archive say about things beyond themselves:
//! the documents they cite ([`citations`]), the units responsible for their
//! tasks ([`units`]), the people they appoint and remove ([`personnel`]),
//! the deadlines and periods they set ([`deadlines`], exported as iCalendar
//! by [`ics`]), the quantities in force over time ([`provisions`]) and what
//! they say of validity, theirs and other documents' ([`validity`], with
//! the cleanup lists that declare many at once: [`cleanup`]), the
//! document a 解读 explains ([`interpretation`]);
//! [`describe`] gives the words both faces print for them.
//!
//! Every function here reads a parsed [`gazette_model::Document`] and returns
//! plain records, each with the [`gazette_model::Span`] of the text it came
//! from. Precision comes before recall: what cannot be read with confidence
//! is left out or reported, never guessed. This crate does no I/O and knows
//! no store; resolving a citation against an archive is the caller's job,
//! done through the keys this crate computes.

pub mod citations;
pub mod cleanup;
pub mod deadlines;
pub mod describe;
pub mod ics;
pub mod interpretation;
pub mod personnel;
pub mod provisions;
mod text;
pub mod units;
pub mod validity;

//! papertui: a terminal reader for Chinese newspaper page dumps.
//!
//! Raw text extracted from page PDFs is turned into clean articles ([`ingest`]), the people in
//! them are found ([`people`]), and the result is exported ([`export`]) or read and searched in
//! the terminal. The parsing library knows nothing of the terminal.

pub mod corpus;
pub mod export;
pub mod ingest;
pub mod model;
pub mod people;
pub mod sample;

//! Shared test support: the gold development corpus and screen helpers.
#![allow(dead_code)]

pub mod gold;
pub mod screen;

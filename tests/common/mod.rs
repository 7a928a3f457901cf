//! Support shared by the integration tests: the reference scorer and screen helpers.
#![allow(dead_code)]

pub mod scoring;
pub mod screen;

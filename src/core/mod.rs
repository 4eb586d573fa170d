//! The pure-Rust core: no web-sys, no leptos. See ARCHITECTURE.md for the data flow.
pub mod yaml;

//! Switchboard: what a Kubernetes cluster does with your Services, drawn.
pub mod core;
#[cfg(target_arch = "wasm32")]
pub mod ui;

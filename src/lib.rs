//! Switchboard: what a Kubernetes cluster does with your Services, drawn.
pub mod core;
#[cfg(not(target_arch = "wasm32"))]
pub mod fuzz;
pub mod hostopts;
#[cfg(target_arch = "wasm32")]
pub mod ui;

//! One `core::analyze` of a file, as `Switchboard.analyze(text)` runs it in the page (the
//! report made and dropped), for counting instructions under load (issue #12):
//!
//!     cargo build --release --example callgrind_analyze
//!     valgrind --tool=callgrind --toggle-collect='callgrind_analyze::analyze_once' \
//!         target/release/examples/callgrind_analyze /tmp/dumps/pods-10000.yaml
//!
//! Timing in seconds on a shared machine is noise; instruction counts repeat.

use switchboard::core::config::Config;

#[inline(never)]
fn analyze_once(text: &str) -> (usize, usize, usize) {
    let r = switchboard::core::analyze(text, &Config::default());
    (r.services.len(), r.pods.len(), r.diagnostics.len())
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: callgrind_analyze FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(1);
        }
    };
    let (services, pods, diagnostics) = analyze_once(&text);
    println!("{services} services, {pods} pods, {diagnostics} diagnostics");
}

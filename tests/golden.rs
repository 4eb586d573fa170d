//! Golden reports: the tutorial's example and one scene per Service type (and the broken ones),
//! analysed and compared with `tests/golden/<preset>.json`. After an intended change, rerun
//! with `UPDATE_GOLDEN=1 cargo test --test golden` and review the diff.
#![cfg(not(target_arch = "wasm32"))]

use switchboard::core::config::Config;
use switchboard::core::{analyze, presets};

#[test]
fn golden_reports_match() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut failures = Vec::new();
    for p in presets::ALL {
        let report = analyze(p.yaml, &Config { cloud: p.cloud, ..Config::default() });
        let got = report.to_json() + "\n";
        let file = dir.join(format!("{}.json", p.id));
        if update {
            std::fs::write(&file, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&file).unwrap_or_default();
        if want != got {
            failures.push(p.id);
        }
    }
    assert!(failures.is_empty(), "reports differ from tests/golden for {failures:?} (UPDATE_GOLDEN=1 to accept)");
}

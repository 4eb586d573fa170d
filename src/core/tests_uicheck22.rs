//! uicheck22: the merged page of session 22 as a user sees it (fidfix25, qa9, learn18, uifix19,
//! perf16, corpus12, size5, mem16 together). Each test reads real YAML (tests/fixtures/).

use super::analyze;
use super::config::Config;
use super::layout::layout;
use super::paths::Entry;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap()
}

/// The TLSRoute scene (fidfix25, envoyproxy/gateway#402): the diagram draws the Gateway box
/// "Gateway eg · routes to the endpoints" on the route's path (core::layout gateway_boxes), while
/// the problems list beside it said of the same Gateway "it is not drawn" (the IgnoredKind note
/// shared by every Gateway API kind). The Gateway's note now says it is drawn; a TLSRoute, which
/// has no box of its own, still says it is not.
#[test]
fn the_gateway_note_says_the_gateway_is_drawn_as_the_diagram_draws_it() {
    let r = analyze(&fixture("fidfix25/tlsroute-passthrough-eg402.yaml"), &Config::default());
    let si = r.services.iter().position(|s| s.name == "my-nginx").unwrap();
    assert!(r.services[si].paths.iter().any(|p| p.entry == Entry::HttpRoute), "the TLSRoute's path");
    for width in [1280.0, 780.0, 360.0] {
        let l = layout(&r, Some(si), width);
        assert!(l.find("external", "gateway/eg").is_some(), "the Gateway box at {width} px");
    }
    let note = |kind: &str| {
        r.diagnostics
            .iter()
            .find(|d| d.code == "IgnoredKind" && d.message.starts_with(&format!("{kind} (")))
            .map(|d| d.message.clone())
            .unwrap_or_else(|| panic!("the {kind} note: {:#?}", r.diagnostics))
    };
    let gw = note("Gateway");
    assert!(!gw.contains("not drawn"), "{gw}");
    assert!(gw.contains("it is drawn as a Gateway box"), "{gw}");
    assert!(gw.contains("its listeners and addresses are shown on the paths of the routes attached to it"), "{gw}");
    let tls = note("TLSRoute");
    assert!(tls.contains("it is not drawn, but Gateway API's routing is used"), "{tls}");
}

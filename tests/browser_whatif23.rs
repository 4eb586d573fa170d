//! Browser test of whatif23: the down node's frame in the diagram says NotReady in text (a
//! `.t-miss` mark after its name: "NotReady · down (what-if)"), a node written NotReady says
//! "NotReady", a Ready node says nothing; the mark is in the frame's accessible name too, and it
//! goes when the node is brought back. The words are core's (layout.rs not_ready_mark;
//! tests_whatif23).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

fn el(sel: &str) -> web_sys::HtmlElement {
    doc().query_selector(sel).unwrap().unwrap_or_else(|| panic!("{sel} drawn")).dyn_into().unwrap()
}

/// The NotReady mark drawn on a node's frame (its `.t-miss` text), if any.
fn mark(node: &str) -> Option<String> {
    let frame = doc().query_selector(&format!("[data-kind='node'][data-name='{node}']")).unwrap()?;
    frame.query_selector(".t-miss").unwrap().and_then(|t| t.text_content())
}

/// taint-control-plane: worker-2 is written NotReady, worker-1 runs web. Pressing worker-1's
/// "Node goes down (NotReady)" marks its frame "NotReady · down (what-if)" (and its accessible
/// name); worker-2 keeps "NotReady"; cp (the control plane) has none; "Bring node back" removes the mark.
#[wasm_bindgen_test]
async fn the_down_nodes_frame_says_not_ready() {
    remount().await;
    show(include_str!("../presets/taint-control-plane.yaml")).await;
    poll(40, || count("[data-kind='node'][data-name='worker-1']") == 1).await;
    assert_eq!(mark("worker-1"), None);
    assert_eq!(mark("worker-2").as_deref(), Some("NotReady"), "the node written NotReady");
    assert_eq!(mark("cp"), None);
    doc().query_selector("[data-kind='node'][data-name='worker-1']").unwrap().expect("worker-1 drawn").dispatch_event(&bubbling_click()).unwrap();
    poll(40, || text("#selected .details-title").contains("Node worker-1")).await;
    el("#selected [data-kind='node-down']").click();
    poll(40, || mark("worker-1").is_some()).await;
    assert_eq!(mark("worker-1").as_deref(), Some("NotReady · down (what-if)"));
    let label = attr("[data-kind='node'][data-name='worker-1']", "aria-label").unwrap_or_default();
    assert!(label.contains("NotReady · down (what-if)"), "{label}");
    assert_eq!(mark("worker-2").as_deref(), Some("NotReady"));
    assert_eq!(mark("cp"), None);
    el("#selected [data-kind='node-down']").click();
    poll(40, || mark("worker-1").is_none()).await;
    assert_eq!(mark("worker-1"), None);
}

//! Browser test of uicheck23: the two what-ifs pressed together on the page, as nobody had
//! checked them: node-1's "Node goes down (NotReady)", then a web pod's "Roll out a new
//! version". The rollout's new pod was drawn inside node-1's frame, beside the status words
//! "NoSchedule: no new pod goes there". The rule is core's (cluster.rs, tests_uicheck23).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

fn el(sel: &str) -> web_sys::HtmlElement {
    doc().query_selector(sel).unwrap().unwrap_or_else(|| panic!("{sel} drawn")).dyn_into().unwrap()
}

/// The web pods drawn: (name, class, accessible name).
fn web_pods() -> Vec<(String, String, String)> {
    let l = doc().query_selector_all("[data-kind='pod']").unwrap();
    (0..l.length())
        .filter_map(|i| l.item(i)?.dyn_into::<web_sys::Element>().ok())
        .map(|e| (e.get_attribute("data-name").unwrap_or_default(), e.get_attribute("class").unwrap_or_default(), e.get_attribute("aria-label").unwrap_or_default()))
        .filter(|(n, _, _)| n.starts_with("web-"))
        .collect()
}

#[wasm_bindgen_test]
async fn the_rollouts_new_pod_is_not_drawn_on_the_down_node() {
    remount().await;
    show(include_str!("fixtures/uicheck23/lb-node-down-and-rollout.yaml")).await;
    poll(40, || web_pods().len() == 3).await;
    let before = web_pods();
    let on_node_1: Vec<_> = before.iter().filter(|(_, _, a)| a.contains(" on node-1")).cloned().collect();
    assert_eq!(on_node_1.len(), 1, "{before:?}");
    // node-1's panel: Node goes down
    doc().query_selector("[data-kind='node'][data-name='node-1']").unwrap().expect("node-1 drawn").dispatch_event(&bubbling_click()).unwrap();
    poll(40, || text("#selected .details-title").contains("Node node-1")).await;
    el("#selected [data-kind='node-down']").click();
    poll(40, || web_pods().iter().any(|(n, c, _)| *n == on_node_1[0].0 && c.contains("not-ready-endpoint"))).await;
    assert!(text("[data-kind='edit-status']").contains("NoSchedule: no new pod goes there"), "{}", text("[data-kind='edit-status']"));
    // a web pod on another node: Roll out a new version
    let other = before.iter().find(|(_, _, a)| !a.contains(" on node-1")).unwrap().0.clone();
    doc().query_selector(&format!("[data-kind='pod'][data-name='{other}']")).unwrap().unwrap().dispatch_event(&bubbling_click()).unwrap();
    poll(40, || count("#selected [data-kind='rollout']") == 1).await;
    el("#selected [data-kind='rollout']").click();
    poll(40, || web_pods().len() == 4).await;
    let after = web_pods();
    let new: Vec<_> = after.iter().filter(|(n, _, _)| !before.iter().any(|b| b.0 == *n)).collect();
    assert_eq!(new.len(), 1, "{after:?}");
    let (name, class, label) = new[0];
    assert!(class.contains("not-ready-endpoint"), "{name}: {class}");
    assert!(!label.contains(" on node-1"), "the rollout's new pod {name} is drawn on the down node-1: {label}");
    assert!(label.contains(" on node-2") || label.contains(" on node-3"), "{name}: {label}");
    // the old pod stays on node-1, not Ready
    let kept = after.iter().find(|(n, _, _)| *n == on_node_1[0].0).unwrap();
    assert!(kept.2.contains(" on node-1") && kept.1.contains("not-ready-endpoint"), "{kept:?}");
    assert!(text("[data-kind='whatif-kept']").contains("down (NotReady) node-1") && text("[data-kind='whatif-kept']").contains("rolling out a new version of default/web"), "{}", text("[data-kind='whatif-kept']"));
    el("[data-kind='reset-whatif']").click();
    poll(40, || web_pods().len() == 3).await;
}

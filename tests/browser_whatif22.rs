//! Browser test of whatif22's "Node goes down (NotReady)" (learn18's question 08: "what happens
//! when the node of one pod goes down?"): the node panel's button beside Cordon and Drain marks
//! the node's pods not Ready in the page (their boxes are not-ready endpoints, their story is
//! the node lifecycle controller's), says the 300 s eviction in words, and is undone by "Bring
//! node back". The chain is core's (cluster.rs nodes_down; tests_whatif22).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

fn el(sel: &str) -> web_sys::HtmlElement {
    doc().query_selector(sel).unwrap().unwrap_or_else(|| panic!("{sel} drawn")).dyn_into().unwrap()
}

/// The web pods drawn on worker-1: (name, class, accessible name).
fn web_pods_on_worker_1() -> Vec<(String, String, String)> {
    let l = doc().query_selector_all("[data-kind='pod']").unwrap();
    (0..l.length())
        .filter_map(|i| l.item(i)?.dyn_into::<web_sys::Element>().ok())
        .map(|e| (e.get_attribute("data-name").unwrap_or_default(), e.get_attribute("class").unwrap_or_default(), e.get_attribute("aria-label").unwrap_or_default()))
        .filter(|(n, _, a)| n.starts_with("web-") && n != "web-old" && a.contains(" on worker-1"))
        .collect()
}

/// taint-control-plane: worker-1 runs web's three replicas. Its panel offers "Node goes down
/// (NotReady)"; pressing it makes the three not-ready endpoints in the lifecycle controller's
/// words, the node Ready Unknown with the unreachable taints, and the kept what-if says so;
/// "Bring node back" undoes it.
#[wasm_bindgen_test]
async fn node_goes_down_marks_its_pods_not_ready() {
    remount().await;
    show(include_str!("../presets/taint-control-plane.yaml")).await;
    poll(40, || web_pods_on_worker_1().len() == 3).await;
    let before = web_pods_on_worker_1();
    assert_eq!(before.len(), 3, "{before:?}");
    assert!(before.iter().all(|(_, c, _)| c.contains("endpoint") && !c.contains("not-ready-endpoint")), "{before:?}");
    doc().query_selector("[data-kind='node'][data-name='worker-1']").unwrap().expect("worker-1 drawn").dispatch_event(&bubbling_click()).unwrap();
    poll(40, || text("#selected .details-title").contains("Node worker-1")).await;
    // the button sits beside Cordon and Drain
    let row = el("#selected [data-kind='node-down']").parent_element().unwrap();
    assert!(row.query_selector("[data-kind='cordon']").unwrap().is_some() && row.query_selector("[data-kind='drain']").unwrap().is_some());
    assert_eq!(el("#selected [data-kind='node-down']").text_content().unwrap_or_default(), "Node goes down (NotReady)");
    el("#selected [data-kind='node-down']").click();
    poll(40, || web_pods_on_worker_1().iter().all(|(_, c, _)| c.contains("not-ready-endpoint"))).await;
    let after = web_pods_on_worker_1();
    assert_eq!(after.len(), 3, "the pods stay on worker-1: {after:?}");
    for (n, c, a) in &after {
        assert!(c.contains("not-ready-endpoint"), "{n}: {c}");
        assert!(a.contains("node worker-1 went down") && a.contains("MarkPodsNotReady"), "{n}: {a}");
    }
    let status = text("[data-kind='edit-status']");
    assert!(status.contains("node-monitor-grace-period") && status.contains("node.kubernetes.io/unreachable") && status.contains("300 s later"), "{status}");
    let panel = text("#selected");
    assert!(panel.contains("Unknown (what-if: the node went down") && panel.contains("node.kubernetes.io/unreachable:NoExecute"), "{panel}");
    assert!(text("[data-kind='whatif-kept']").contains("down (NotReady) worker-1"), "{}", text("[data-kind='whatif-kept']"));
    assert_eq!(el("#selected [data-kind='node-down']").text_content().unwrap_or_default(), "Bring node back");
    // back: Ready again
    el("#selected [data-kind='node-down']").click();
    poll(40, || web_pods_on_worker_1().iter().all(|(_, c, _)| !c.contains("not-ready-endpoint"))).await;
    assert_eq!(web_pods_on_worker_1(), before);
    assert!(text("[data-kind='edit-status']").contains("Node worker-1 is back"));
}

/// The web pods drawn: (name, class).
fn web_pods() -> Vec<(String, String)> {
    let l = doc().query_selector_all("[data-kind='pod']").unwrap();
    (0..l.length())
        .filter_map(|i| l.item(i)?.dyn_into::<web_sys::Element>().ok())
        .map(|e| (e.get_attribute("data-name").unwrap_or_default(), e.get_attribute("class").unwrap_or_default()))
        .filter(|(n, _)| n.starts_with("web-"))
        .collect()
}

/// web-clusterip (replicas 3, maxSurge 25% → 1, maxUnavailable 25% → 0): a web pod's panel
/// offers "Roll out a new version"; pressing it adds one pod of a new ReplicaSet, a not-ready
/// endpoint of web, keeps the three old ones, and says the rest in the controller's numbers.
#[wasm_bindgen_test]
async fn roll_out_a_new_version_adds_a_new_pod_not_ready() {
    remount().await;
    show(include_str!("../presets/web-clusterip.yaml")).await;
    poll(40, || web_pods().len() == 3).await;
    let before = web_pods();
    assert_eq!(before.len(), 3, "{before:?}");
    doc().query_selector(&format!("[data-kind='pod'][data-name='{}']", before[0].0)).unwrap().unwrap().dispatch_event(&bubbling_click()).unwrap();
    poll(40, || count("#selected [data-kind='rollout']") == 1).await;
    assert_eq!(el("#selected [data-kind='rollout']").text_content().unwrap_or_default(), "Roll out a new version");
    el("#selected [data-kind='rollout']").click();
    poll(40, || web_pods().len() == 4).await;
    let after = web_pods();
    assert_eq!(after.len(), 4, "{after:?}");
    let new: Vec<_> = after.iter().filter(|p| !before.contains(p)).collect();
    assert_eq!(new.len(), 1, "{after:?}");
    assert!(new[0].1.contains("not-ready-endpoint"), "{:?}", new[0]);
    assert!(before.iter().all(|b| after.contains(b)), "the old pods stay: {after:?}");
    let status = text("[data-kind='edit-status']");
    assert!(status.contains("kubectl set image deployment/web") && status.contains("maxSurge 25% → 1 and maxUnavailable 25% → 0 of 3") && status.contains("clusterIP, DNS name and selector stay the same"), "{status}");
    assert!(text("[data-kind='whatif-kept']").contains("rolling out a new version of default/web"), "{}", text("[data-kind='whatif-kept']"));
    // undone with the kept what-ifs' button
    el("[data-kind='reset-whatif']").click();
    poll(40, || web_pods().len() == 3).await;
    assert_eq!(web_pods(), before);
}

/// The worker (texts over 256 KiB) analyses with the same what-ifs: `TextDoc::analyze`'s
/// `down` and `rollout` lines give the report core::analyze gives with Config::down / rollout.
#[wasm_bindgen_test]
fn the_worker_carries_the_node_down_and_the_rollout() {
    use switchboard::core::config::Config;
    use switchboard::ui::worker::TextDoc;
    let text = include_str!("../presets/taint-control-plane.yaml");
    let mut doc = TextDoc::new();
    assert!(doc.set(text.as_bytes().to_vec()));
    doc.analyze(3, false, "", "", "", "", "", "", "worker-1", "default/web");
    let got = switchboard::core::wire::decode(&doc.encode()).unwrap();
    let want = switchboard::core::analyze(text, &Config { down: vec!["worker-1".into()], rollout: vec!["default/web".into()], ..Config::default() });
    assert_eq!(got.to_json(), want.to_json());
    assert!(want.diagnostics.iter().any(|d| d.code == "RollingUpdate") && want.pods.iter().any(|p| p.not_ready_reason.as_deref().is_some_and(|r| r.contains("node worker-1 went down"))));
}

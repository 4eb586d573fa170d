//! Browser tests of the learnfix19 fixes (learn19's learner test). Q07: the Service panel shows
//! what `kubectl get endpoints web` prints (core::getep). Q03: during the rollout what-if the pod
//! panel's scale row shows spec.replicas, not the pods (replicas + the surge), and "+" steps
//! from it. Q01: a down node's panel says its NoSchedule taint keeps new pods off, in the text
//! face. The leftover: the box under the diagram lets go of the last tabbed pod once the focus
//! leaves the diagram. The words are core's (tests_learnfix19).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

fn el(sel: &str) -> web_sys::HtmlElement {
    doc().query_selector(sel).unwrap().unwrap_or_else(|| panic!("{sel} drawn")).dyn_into().unwrap()
}

/// A drawn box (an SVG `g`).
fn drawn(sel: &str) -> web_sys::SvgElement {
    doc().query_selector(sel).unwrap().unwrap_or_else(|| panic!("{sel} drawn")).dyn_into().unwrap()
}

/// The dd after the dt `term` in the selected thing's facts.
fn fact(term: &str) -> Option<web_sys::Element> {
    let dts = doc().query_selector_all("#selected dl.facts dt").unwrap();
    (0..dts.length()).map(|i| dts.item(i).unwrap().dyn_into::<web_sys::Element>().unwrap()).find(|dt| dt.text_content().unwrap_or_default() == term).and_then(|dt| dt.next_element_sibling())
}

fn yaml() -> String {
    doc().get_element_by_id("yaml").unwrap().dyn_into::<web_sys::HtmlTextAreaElement>().unwrap().value()
}

/// Q07: the tutorial's Service: the command, the API server's warning, kubectl's two columns
/// with the three ready `ip:8080`, and what the column is.
#[wasm_bindgen_test]
async fn service_panel_shows_kubectl_get_endpoints() {
    remount().await;
    show(include_str!("../presets/web-clusterip.yaml")).await;
    poll(40, || count("[data-kind='service'][data-name='web']") == 1).await;
    select_service("web").await;
    let block = "#selected [data-kind='kubectl-get-endpoints']";
    poll(40, || count(block) == 1).await;
    assert_eq!(text(&format!("{block} .getsvc-cmd")), "$ kubectl get endpoints web");
    assert_eq!(text(&format!("{block} .getep-warn")), "Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice");
    assert_eq!(text(&format!("{block} .getep-table")), "NAME   ENDPOINTS\nweb    10.244.0.2:8080,10.244.1.2:8080,10.244.2.2:8080");
    let words = items(&format!("{block} li"));
    assert!(words[0].starts_with("ENDPOINTS: the ready addresses of the v1 Endpoints object web"), "{words:?}");
    // before the EndpointSlice block
    let slice = doc().query_selector("#selected [data-kind='endpointslice']").unwrap().unwrap();
    let ep = doc().query_selector(block).unwrap().unwrap();
    assert!(ep.compare_document_position(&slice) & web_sys::Node::DOCUMENT_POSITION_FOLLOWING != 0);
}

/// Q03: "Roll out a new version" on a web pod: 4 pods (3 old + 1 surge), the scale row still says
/// 3 replicas, and "+" writes `replicas: 4` (it wrote 5, from the pods).
#[wasm_bindgen_test]
async fn rollout_scale_row_shows_spec_replicas() {
    remount().await;
    show(include_str!("../presets/web-clusterip.yaml")).await;
    poll(40, || count("[data-kind='pod'][data-name^='web-']") == 3).await;
    drawn("[data-kind='pod'][data-name^='web-']").dispatch_event(&bubbling_click()).unwrap();
    poll(40, || count("#selected [data-kind='rollout']") == 1).await;
    el("#selected [data-kind='rollout']").click();
    poll(40, || count("[data-kind='pod'][data-name^='web-']") == 4).await;
    assert_eq!(count("[data-kind='pod'][data-name^='web-']"), 4);
    poll(40, || text("#selected [data-kind='scale-group'] span") == "Deployment web: 3 replicas").await;
    assert_eq!(text("#selected [data-kind='scale-group'] span"), "Deployment web: 3 replicas");
    el("#selected [data-kind='scale-up']").click();
    poll(40, || yaml().contains("replicas: 4")).await;
    assert!(yaml().contains("  replicas: 4\n"), "{}", yaml());
}

/// Q01: node-2 goes down: Schedulable names the unreachable NoSchedule taint (it said "yes"),
/// and that sentence and Ready's are set in the text face, not the values' monospace.
#[wasm_bindgen_test]
async fn down_node_schedulable_names_its_no_schedule_taint() {
    remount().await;
    show(include_str!("../presets/web-clusterip.yaml")).await;
    poll(40, || count("[data-kind='node'][data-name='node-2']") == 1).await;
    drawn("[data-kind='node'][data-name='node-2']").dispatch_event(&bubbling_click()).unwrap();
    poll(40, || count("#selected [data-kind='node-down']") == 1).await;
    assert_eq!(fact("Schedulable").unwrap().text_content().unwrap_or_default(), "yes");
    el("#selected [data-kind='node-down']").click();
    poll(40, || fact("Schedulable").is_some_and(|d| d.text_content().unwrap_or_default() != "yes")).await;
    let dd = fact("Schedulable").unwrap();
    assert!(dd.text_content().unwrap_or_default().starts_with("not cordoned, but its taint node.kubernetes.io/unreachable:NoSchedule keeps off every new pod"), "{}", dd.text_content().unwrap_or_default());
    // (the test page does not resolve the app's font variables: the class, and the rule for it)
    let ip = fact("IP").unwrap();
    assert!(dd.class_list().contains("prose") && fact("Ready").unwrap().class_list().contains("prose") && !ip.class_list().contains("prose"));
    assert!(include_str!("../style/main.css").contains(".details-panel .facts dd.prose { font-family: inherit;"));
    // the status says "it" of its one pod
    assert!(text("#selected").contains("lists it ready: false and kube-proxy sends it no new connections"), "{}", text("#selected"));
}

/// The leftover: Tab onto a pod shows its text under the diagram; the focus moving on into the
/// panel below lets it go (it kept the pod's text).
#[wasm_bindgen_test]
async fn details_box_lets_go_of_the_pod_when_focus_leaves_the_diagram() {
    remount().await;
    show(include_str!("../presets/web-clusterip.yaml")).await;
    poll(40, || count("[data-kind='pod'][data-name^='web-']") == 3).await;
    select_service("web").await;
    let pod = drawn("[data-kind='pod'][data-name^='web-']");
    let name = pod.get_attribute("data-name").unwrap();
    pod.focus().unwrap();
    poll(40, || text("#details").contains(&name)).await;
    assert!(text("#details").contains(&name), "{}", text("#details"));
    el("#selected [data-kind='details-close']").focus().unwrap();
    poll(40, || !text("#details").contains(&name)).await;
    assert!(!text("#details").contains(&name), "{}", text("#details"));
    assert!(text("#details").contains("Service web is selected"), "{}", text("#details"));
}

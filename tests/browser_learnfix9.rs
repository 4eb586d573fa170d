//! Browser tests of the learner9 fixes (inputs in tests/fixtures/learner9): the terminating
//! fallback in Why and the pod details (pkg/proxy/topology.go CategorizeEndpoints), no readiness
//! what-if on a finished pod (endpointslice ShouldPodBeInEndpoints), the UDP Connections panel
//! (conntrack flows; pkg/proxy/conntrack/cleanup.go), and a share link's port, client mode and
//! the URL's theme.
#![cfg(target_arch = "wasm32")]

use switchboard::core::share::{self, SharedScene};
use switchboard::ui::api::mount_with;
use switchboard::ui::Options;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

async fn show(yaml: &str) {
    let ta: web_sys::HtmlTextAreaElement = doc().get_element_by_id("yaml").unwrap().dyn_into().unwrap();
    ta.set_value(yaml);
    fire(&ta, "input");
    settle(400).await;
}

async fn choose(id: &str, value: &str) {
    let s: web_sys::HtmlSelectElement = doc().get_element_by_id(id).unwrap().dyn_into().unwrap();
    s.set_value(value);
    assert_eq!(s.value(), value, "#{id} has no option {value}");
    fire(&s, "change");
    settle(200).await;
}

async fn click_pod(name: &str) {
    let el = doc().query_selector(&format!("[data-kind='pod'][data-name='{name}']")).unwrap().unwrap_or_else(|| panic!("pod {name} drawn"));
    fire(&el, "click");
    settle(200).await;
}

/// W1 (q/08): every endpoint terminating, web-1 still serving. Why warns (no ✗, no "Fix its
/// readiness probe"), web-1's details say it gets the traffic and show its EndpointSlice
/// conditions; after "Make it Ready" on web-2 its details follow.
#[wasm_bindgen_test]
async fn terminating_fallback_why_and_details_agree() {
    remount().await;
    show(include_str!("fixtures/learner9/08-terminating-all.yaml")).await;
    poll(40, || count("#why-no-traffic [data-check='ready']") == 1).await;
    assert_eq!(attr("#why-no-traffic [data-check='ready']", "data-status").as_deref(), Some("warn"));
    let why = text("#why-no-traffic");
    assert!(!why.contains("Fix its readiness probe") && why.contains("serving: web-1"), "{why}");
    click_pod("web-1").await;
    let d = text("#selected");
    assert!(d.contains("gets traffic on 8080 (terminating, serving: kube-proxy falls back to it"), "{d}");
    assert!(d.contains("ready=false serving=true terminating=true"), "{d}");
    click_pod("web-2").await;
    assert!(text("#selected").contains("terminating, not serving"), "{}", text("#selected"));
    let flip = doc().query_selector("#selected [data-kind='flip-ready']").unwrap().expect("Make it Ready").dyn_into::<web_sys::HtmlElement>().unwrap();
    flip.click();
    settle(400).await;
    poll(40, || text("#selected").contains("gets traffic on 8080")).await;
    assert!(text("#selected").contains("gets traffic on 8080 (terminating, serving"), "{}", text("#selected"));
}

/// U Q10 (q/10): a Succeeded pod matched by the selector: "selected by web but not an
/// endpoint", and no "Make it Ready" (a finished pod is never an endpoint).
#[wasm_bindgen_test]
async fn finished_pod_has_no_readiness_what_if() {
    remount().await;
    show(include_str!("fixtures/learner9/10-succeeded-failed.yaml")).await;
    click_pod("migrate-ok").await;
    let d = text("#selected");
    assert!(d.contains("selected by web but not an endpoint: phase Succeeded"), "{d}");
    assert_eq!(count("#selected [data-kind='flip-ready']"), 0);
    assert_eq!(count("#selected [data-kind='readiness-note']"), 0);
}

/// U Q15 (q/15): on 53/UDP the Connections panel says UDP has conntrack flows, not connections,
/// and offers no keep-alive or gRPC mode; on 53/TCP the modes are back.
#[wasm_bindgen_test]
async fn udp_port_connections_are_conntrack_flows() {
    remount().await;
    show(include_str!("fixtures/learner9/15-udp-dns.yaml")).await;
    choose("port", "53/UDP").await;
    poll(40, || count("#connections [data-kind='udp-flows']") == 1).await;
    assert!(text("#connections [data-kind='udp-flows']").contains("UDP has no connections"));
    assert!(doc().query_selector("#connections .conn-form").unwrap().unwrap().has_attribute("hidden"));
    choose("port", "53/TCP").await;
    poll(40, || count("#connections [data-kind='udp-flows']") == 0).await;
    assert_eq!(count("#connections [data-kind='udp-flows']"), 0);
    assert!(!doc().query_selector("#connections .conn-form").unwrap().unwrap().has_attribute("hidden"));
}

/// Q37: a link carries the selected port and the client mode; `?theme=dark` beats the link's
/// theme.
#[wasm_bindgen_test]
async fn share_link_keeps_port_and_mode_url_theme_wins() {
    let path = web_sys::window().unwrap().location().pathname().unwrap();
    let scene = SharedScene {
        yaml: include_str!("fixtures/learner9/15-udp-dns.yaml").into(),
        service: "dns".into(),
        entry: "pod".into(),
        theme: "light".into(),
        nodes: 3,
        port: Some(53),
        protocol: "TCP".into(),
        mode: "keepalive-3".into(),
        ..Default::default()
    };
    web_sys::window().unwrap().history().unwrap().replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}?theme=dark#s={}", share::encode(&scene)))).unwrap();
    let opts = Options::from_location();
    assert_eq!(opts.link_error, None);
    let host: web_sys::HtmlElement = doc().create_element("div").unwrap().dyn_into().unwrap();
    host.set_id("l9");
    doc().body().unwrap().append_child(&host).unwrap();
    let _h = mount_with(host, opts);
    settle(400).await;
    let port: web_sys::HtmlSelectElement = doc().query_selector(&sel_in("l9", "port")).unwrap().expect("port select").dyn_into().unwrap();
    assert_eq!(port.value(), "53/TCP");
    let mode: web_sys::HtmlSelectElement = doc().query_selector(&sel_in("l9", "client-mode")).unwrap().expect("mode select").dyn_into().unwrap();
    assert_eq!(mode.value(), "keepalive");
    let n: web_sys::HtmlInputElement = doc().query_selector(&sel_in("l9", "keepalive-n")).unwrap().expect("N").dyn_into().unwrap();
    assert_eq!(n.value(), "3");
    assert_eq!(doc().get_element_by_id("l9").unwrap().get_attribute("data-theme").as_deref(), Some("dark"));
    web_sys::window().unwrap().history().unwrap().replace_state_with_url(&JsValue::NULL, "", Some(&path)).unwrap();
}

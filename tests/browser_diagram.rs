//! Browser tests of the diagram: for each Service type and each broken preset, what is drawn
//! (counts by data-kind, names) and where a request ends (pod and port, or the reason it stops).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

async fn tick() {
    leptos::task::tick().await;
}
async fn choose(select_id: &str, value: &str) {
    let s: web_sys::HtmlSelectElement = doc().get_element_by_id(select_id).unwrap().dyn_into().unwrap();
    s.set_value(value);
    assert_eq!(s.value(), value, "#{select_id} has no option {value}");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    s.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
    tick().await;
}
async fn click(id: &str) {
    let b: web_sys::HtmlElement = doc().get_element_by_id(id).unwrap().dyn_into().unwrap();
    b.click();
    tick().await;
}
/// Step to the end of the current path; returns the number of hops.
async fn step_to_end() -> u32 {
    click("reset").await;
    let mut n = 0;
    for _ in 0..12 {
        let before = attr("[data-kind='packet']", "data-step");
        click("step").await;
        if attr("[data-kind='packet']", "data-step") == before {
            break;
        }
        n += 1;
    }
    n
}
fn outcome() -> String {
    attr(".caption-outcome", "data-outcome").unwrap_or_default()
}

#[wasm_bindgen_test]
async fn every_service_type_and_broken_scene() {
    switchboard::ui::mount();
    tick().await;

    // ---- ClusterIP (default scene): cluster, 3 nodes with kube-proxy, 3 pods + the client, DNS
    if count("[data-kind='cluster']") != 1 { let l = doc().query_selector_all("[data-kind='cluster']").unwrap(); for i in 0..l.length() { web_sys::console::log_1(&l.item(i).unwrap().dyn_into::<web_sys::Element>().unwrap().outer_html().chars().take(300).collect::<String>().into()); } }
    assert_eq!(count("[data-kind='cluster']"), 1);
    assert_eq!(count("[data-kind='node']"), 3);
    assert_eq!(count("[data-kind='kube-proxy']"), 3);
    assert_eq!(count("[data-kind='pod']"), 4);
    assert_eq!(count("[data-kind='pod'].endpoint"), 3);
    assert_eq!(count("[data-kind='service'][data-name='web'][data-type='ClusterIP']"), 1);
    assert_eq!(count("[data-kind='dns']"), 1);
    assert_eq!(count("[data-kind='client'][data-name='outside']"), 1);
    assert_eq!(count("[data-kind='load-balancer']"), 0);
    assert_eq!(count("#summary-table tr.lit[data-type='ClusterIP']"), 1);
    // a pod's request: DNS, to the clusterIP, DNAT to a pod on :8080
    assert_eq!(step_to_end().await, 3);
    assert_eq!(outcome(), "delivered");
    assert!(text(".caption-addr").contains(":8080"), "{}", text(".caption-addr"));
    assert_eq!(count("[data-kind='hop']"), 3);
    assert_eq!(count(".packet.arrived"), 1);
    // an outside client cannot reach a ClusterIP
    choose("entry", "outside").await;
    step_to_end().await;
    assert_eq!(outcome(), "dropped");
    assert!(text(".caption-text").contains("internal only"));

    // ---- NodePort: the same nodePort on every node
    choose("preset", "web-nodeport").await;
    assert_eq!(count("[data-kind='service'][data-type='NodePort']"), 1);
    assert_eq!(count("#entry option[value^='nodeport@']"), 3);
    for node in ["node-1", "node-2", "node-3"] {
        choose("entry", &format!("nodeport@{node}")).await;
        step_to_end().await;
        assert_eq!(outcome(), "delivered", "{node}");
        // DNAT to the pod, and (externalTrafficPolicy Cluster) SNAT to the node's address
        let addr = text(".caption-addr");
        // (each rewrite named: learner8 U Q06, core::paths::Hop::addresses_labelled)
        assert!(addr.contains(" ⇒ 192.168.49.") && addr.contains("(SNAT)") && addr.contains(":30080 ⇒ 10.244.") && addr.contains("(DNAT)"), "{addr}");
    }

    // ---- LoadBalancer with a cloud: LB → a node's nodePort → pod
    choose("preset", "web-loadbalancer").await;
    assert_eq!(count("[data-kind='load-balancer'][data-name='web']"), 1);
    assert_eq!(count("[data-kind='load-balancer'].pending"), 0);
    choose("entry", "loadbalancer").await;
    assert_eq!(step_to_end().await, 3);
    assert_eq!(outcome(), "delivered");
    assert!(text("[data-kind='load-balancer']").contains("203.0.113."));

    // ---- LoadBalancer without a cloud: pending, but the nodePorts work
    choose("preset", "broken-lb-pending").await;
    assert_eq!(count("[data-kind='load-balancer'].pending"), 1);
    step_to_end().await;
    assert_eq!(outcome(), "pending");
    choose("entry", "nodeport@node-1").await;
    step_to_end().await;
    assert_eq!(outcome(), "delivered");

    // ---- ExternalName: a CNAME, then straight to the outside host; no endpoints, no clusterIP
    choose("preset", "web-externalname").await;
    assert_eq!(count("[data-kind='external'][data-name='web.example.com']"), 1);
    assert_eq!(count("[data-kind='pod'].endpoint"), 0);
    assert!(text("[data-kind='dns']").contains("→ CNAME"));
    assert!(text("[data-kind='dns']").contains("web.example.com"));
    assert_eq!(step_to_end().await, 3);
    assert_eq!(outcome(), "external");
    assert!(text(".caption-addr").contains("web.example.com:80"));

    // ---- headless StatefulSet: DNS answers pod IPs, the client connects to a pod directly
    choose("preset", "headless-statefulset").await;
    assert_eq!(count("[data-kind='pod'][data-name^='db-']"), 3);
    assert!(text("[data-kind='service'][data-name='db']").contains("headless"));
    assert_eq!(step_to_end().await, 2);
    assert_eq!(outcome(), "delivered");
    assert!(text(".caption-addr").contains(":5432"));

    // ---- named targetPort: v1 pods 8080, v2 pod 9090; a burst spreads over all three
    choose("preset", "named-targetport").await;
    assert_eq!(count("[data-kind='pod'].endpoint"), 3);
    click("send-burst").await;
    landed().await;
    let hits = doc().query_selector_all("[data-kind='pod'] .hits").unwrap().length();
    assert!(hits >= 2, "12 requests should reach more than one pod, reached {hits}");

    // ---- sessionAffinity ClientIP: 12 requests, one pod (pods declare no containerPort: 8080 is used anyway)
    choose("preset", "session-affinity").await;
    click("send-burst").await;
    assert!(text(".caption-text").is_empty() || text(".caption-addr").contains(":8080"));
    landed().await;
    assert_eq!(count("[data-kind='pod'] .hits"), 1);
    assert_eq!(text("[data-kind='pod'] .hits"), "12");
    assert!(text("[data-kind='pod'].endpoint").contains("no containerPorts"));

    // ---- broken: selector typo → no endpoints, rejected with the nearest miss, pods greyed
    choose("preset", "broken-selector-typo").await;
    assert_eq!(count("[data-kind='pod'].endpoint"), 0);
    assert_eq!(count("[data-kind='pod'].near-miss"), 3);
    assert!(text("[data-kind='pod'].near-miss .t-miss").contains("✗ app=web ≠ wbe"), "{}", text("[data-kind='pod'].near-miss .t-miss"));
    step_to_end().await;
    assert_eq!(outcome(), "rejected");
    assert!(text(".caption-outcome").contains("selector app=wbe matches 0 pods"));

    // ---- broken: named targetPort the pods lack
    choose("preset", "broken-targetport").await;
    step_to_end().await;
    assert_eq!(outcome(), "rejected");
    assert_eq!(count(".diag[data-code='NamedPortUnresolved']"), 1);

    // ---- flip a pod's readiness: click it, then the details panel's button; its endpoint
    // leaves, the others stay
    choose("preset", "web-clusterip").await;
    let first = doc().query_selector("[data-kind='pod'].endpoint").unwrap().unwrap();
    let name = first.get_attribute("data-name").unwrap();
    first.dispatch_event(&bubbling_click()).unwrap();
    tick().await;
    let flip = || doc().query_selector("#selected [data-kind='flip-ready']").unwrap().expect("the details panel offers the flip").dyn_into::<web_sys::HtmlElement>().unwrap();
    flip().click();
    tick().await;
    assert_eq!(count("[data-kind='pod'].endpoint:not(.not-ready-endpoint)"), 2);
    assert_eq!(count(&format!("[data-kind='pod'][data-name='{name}'].not-ready-endpoint.flipped")), 1);
    assert!(text(".caption-outcome").contains("2 endpoints"), "{}", text(".caption-outcome"));
    flip().click();
    tick().await;
    assert_eq!(count("[data-kind='pod'].endpoint:not(.not-ready-endpoint)"), 3);

    // ---- broken: not ready → endpoints drawn as not ready, no traffic
    choose("preset", "broken-not-ready").await;
    assert_eq!(count("[data-kind='pod'].not-ready-endpoint"), 2);
    step_to_end().await;
    assert_eq!(outcome(), "rejected");

    // ---- broken: pods in another namespace
    choose("preset", "broken-namespace").await;
    step_to_end().await;
    assert_eq!(outcome(), "rejected");
    assert!(text(".caption-outcome").contains("namespace shop"));

    // ---- externalTrafficPolicy Local: one node delivers, the others drop
    choose("preset", "nodeport-local").await;
    let mut delivered = 0;
    for node in ["node-1", "node-2", "node-3"] {
        choose("entry", &format!("nodeport@{node}")).await;
        step_to_end().await;
        if outcome() == "delivered" {
            delivered += 1;
            assert!(text(".caption-text").contains("client IP preserved"));
        } else {
            assert_eq!(outcome(), "dropped");
        }
    }
    assert_eq!(delivered, 1);

    // ---- the user's own text comes back after trying presets
    assert_eq!(count("#preset option[value='draft']"), 0, "no user text was typed, nothing to restore");
}

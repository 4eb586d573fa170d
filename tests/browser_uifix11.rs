//! Browser tests of the uifix11 menu fixes (/work/learner11/report.md; inputs in
//! tests/fixtures/uifix11): the Service menu names namespaces and a pasted dump opens on its
//! broken Service (q/48), the From menu offers the learner's own `client` pod of another
//! namespace (q/10), and an Ingress to a missing Service stays in From (q/04).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

fn select_value(id: &str) -> String {
    doc().get_element_by_id(id).unwrap().dyn_into::<web_sys::HtmlSelectElement>().unwrap().value()
}

fn options(id: &str) -> Vec<(String, String)> {
    let o = doc().query_selector_all(&format!("#{id} option")).unwrap();
    (0..o.length()).filter_map(|i| o.item(i)).filter_map(|n| n.dyn_into::<web_sys::Element>().ok()).map(|e| (e.get_attribute("value").unwrap_or_default(), e.text_content().unwrap_or_default())).collect()
}

/// q/48, a `kubectl get all -A` List pasted over the preset web-clusterip: it opens on
/// shop/orders (its targetPort "http" is no pod's port), not on the healthy default/web the
/// preset's Service name found; each option names its namespace.
#[wasm_bindgen_test]
async fn pasted_dump_opens_on_its_broken_service_and_the_menu_names_namespaces() {
    remount().await;
    show(include_str!("fixtures/uifix11/48-get-all-dump-one-broken.yaml")).await;
    poll(40, || select_value("service") == "orders").await;
    assert_eq!(select_value("service"), "orders");
    let o = options("service");
    assert!(o.contains(&("orders".into(), "shop/orders (NodePort)".into())), "{o:?}");
    assert!(o.contains(&("web".into(), "default/web (ClusterIP)".into())), "{o:?}");
    // one namespace: the names alone, as before
    show(include_str!("fixtures/uifix11/04-ingress-missing-service.yaml")).await;
    poll(40, || options("service").iter().any(|(_, t)| t == "web (ClusterIP)")).await;
    assert_eq!(options("service"), vec![("web".to_string(), "web (ClusterIP)".to_string())]);
}

/// q/10: the learner's own pod client in namespace frontend is offered in From, and choosing it
/// makes it the sender: the NetworkPolicy's namespaceSelector for frontend admits it.
#[wasm_bindgen_test]
async fn from_offers_a_client_pod_of_another_namespace() {
    remount().await;
    show(include_str!("fixtures/uifix11/10-netpol-namespace-selector.yaml")).await;
    poll(40, || options("entry").iter().any(|(k, _)| k == "pod~frontend")).await;
    let o = options("entry");
    assert!(o.contains(&("pod~frontend".into(), "Your pod frontend/client, on node-2".into())), "{o:?}");
    // the default client first, as before
    assert_eq!(o[0].0, "pod", "{o:?}");
    choose("entry", "pod~frontend").await;
    poll(40, || options("entry").iter().any(|(k, t)| k == "pod" && t == "Your pod frontend/client, on node-2")).await;
    let o = options("entry");
    assert!(o.contains(&("pod".into(), "Your pod frontend/client, on node-2".into())), "{o:?}");
    assert!(o.contains(&("pod~".into(), "A pod inside the cluster (namespace default)".into())), "{o:?}");
    assert_eq!(select_value("entry"), "pod");
    // and back to the default client
    choose("entry", "pod~").await;
    poll(40, || options("entry").iter().any(|(k, _)| k == "pod~frontend")).await;
    assert!(options("entry").iter().any(|(k, _)| k == "pod~frontend"), "{:?}", options("entry"));
}

/// q/04: the Ingress whose backend Service (web-svc) does not exist stays in From, so its 503
/// can be stepped.
#[wasm_bindgen_test]
async fn ingress_to_a_missing_service_stays_in_from() {
    remount().await;
    show(include_str!("fixtures/uifix11/04-ingress-missing-service.yaml")).await;
    poll(40, || options("entry").iter().any(|(k, _)| k == "ingress@web")).await;
    assert!(options("entry").contains(&("ingress@web".into(), "Outside client → Ingress web's controller".into())), "{:?}", options("entry"));
    choose("entry", "ingress@web").await;
    assert_eq!(select_value("entry"), "ingress@web");
}

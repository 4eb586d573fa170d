//! Browser test of fidfix20's From entry (qa3 q/19, killer-sh/cks-course-environment#2): any
//! input pod that is not an endpoint of the selected Service can be the in-cluster client, and
//! its labels decide the egress NetworkPolicy and DNS checks (k8s.io/api networking/v1 types.go
//! NetworkPolicySpec.Egress).
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

/// From offers pod frontend (not backend, the Service's endpoint); chosen, the path from it is
/// dropped at its DNS query, and back to the stand-in client it is delivered again.
#[wasm_bindgen_test]
async fn from_offers_any_input_pod_and_its_egress_policy_decides() {
    remount().await;
    show(include_str!("fixtures/fidfix20/19-egress-policy-drops-dns.yaml")).await;
    poll(40, || options("entry").iter().any(|(k, _)| k == "pod~default/frontend")).await;
    let o = options("entry");
    assert!(o.contains(&("pod~default/frontend".into(), "Your pod frontend, on node-1".into())), "{o:?}");
    assert!(!o.iter().any(|(k, _)| k == "pod~default/backend"), "the Service's endpoint is not offered: {o:?}");
    assert_eq!(count(".path[data-entry='pod'][data-outcome='delivered']"), 1);
    choose("entry", "pod~default/frontend").await;
    poll(40, || count(".path[data-entry='pod'][data-outcome='dropped']") == 1).await;
    assert_eq!(count(".path[data-entry='pod'][data-outcome='dropped']"), 1);
    assert_eq!(select_value("entry"), "pod");
    let o = options("entry");
    assert!(o.iter().any(|(k, t)| k == "pod" && t.starts_with("Your pod frontend, on ")), "{o:?}");
    assert!(o.contains(&("pod~".into(), "A pod inside the cluster (namespace default)".into())), "{o:?}");
    // and back to the stand-in client
    choose("entry", "pod~").await;
    poll(40, || count(".path[data-entry='pod'][data-outcome='delivered']") == 1).await;
    assert_eq!(count(".path[data-entry='pod'][data-outcome='delivered']"), 1);
}

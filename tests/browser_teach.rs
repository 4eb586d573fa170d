//! Browser tests of the teaching panels (issue #11): kube-proxy's iptables rules with the
//! playing hop's rules lit, DNS lookups from a pod, client connection modes, and the
//! "Why no traffic?" checklist with its one-click fixes.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

fn texts(sel: &str) -> Vec<String> {
    let l = doc().query_selector_all(sel).unwrap();
    (0..l.length()).map(|i| l.item(i).unwrap().text_content().unwrap_or_default()).collect()
}
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
async fn type_into(id: &str, value: &str) {
    let i: web_sys::HtmlInputElement = doc().get_element_by_id(id).unwrap().dyn_into().unwrap();
    i.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    i.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
    tick().await;
}
/// `document.execCommand(cmd)`: what Ctrl+Z / Ctrl+Shift+Z do in a focused textarea
/// (synthetic key events have no default action, so the test asks for the command itself).
fn exec(cmd: &str) {
    let f: js_sys::Function = js_sys::Reflect::get(&doc(), &"execCommand".into()).unwrap().dyn_into().unwrap();
    let ok = f.call1(&doc(), &cmd.into()).unwrap();
    assert_eq!(ok.as_bool(), Some(true), "execCommand({cmd})");
}
async fn click(id: &str) {
    let b: web_sys::HtmlElement = doc().get_element_by_id(id).unwrap().dyn_into().unwrap();
    b.click();
    tick().await;
}

#[wasm_bindgen_test]
async fn teaching_panels() {
    switchboard::ui::mount();
    tick().await;
    choose("preset", "web-clusterip").await;

    // ---- kube-proxy's rules: one KUBE-SEP DNAT per ready endpoint, picks 1/3, 1/2, then certain
    let svc = "KUBE-SVC-LOLE4ISW44XBNF3G"; // sha256("default/webtcp"), base32, 16 chars (see core::iptables tests)
    let picks = texts(&format!("[data-kind='iptables-rule'][data-chain='{svc}'] code"));
    let picks: Vec<&String> = picks.iter().filter(|l| l.contains("-j KUBE-SEP-")).collect();
    assert_eq!(picks.len(), 3, "{picks:?}");
    assert!(picks[0].contains("--probability 0.3333333333"));
    assert!(picks[1].contains("--probability 0.5000000000"));
    assert!(!picks[2].contains("statistic"));
    let dnat = texts("[data-kind='iptables-rule'] code").into_iter().filter(|l| l.contains("-j DNAT --to-destination")).count();
    assert_eq!(dnat, 3);
    assert_eq!(count("[data-kind='iptables-rule'][data-chain='KUBE-SERVICES']"), 2);
    assert_eq!(count("[data-kind='iptables-rule'].hit"), 0, "nothing lit before the request moves");
    // step to the DNAT hop: capture, the pick and the SEP's DNAT light up
    click("reset").await;
    for _ in 0..3 {
        click("step").await;
    }
    assert!(count("[data-kind='iptables-rule'].hit") >= 3);
    assert_eq!(attr("[data-kind='iptables-rule'].hit", "data-chain").as_deref(), Some("KUBE-SERVICES"));
    assert_eq!(count(&format!("[data-kind='iptables-rule'].hit[data-chain='{svc}']")), 1);
    let lit = texts("[data-kind='iptables-rule'].hit code");
    assert!(lit.last().unwrap().contains("-j DNAT --to-destination 10.244."), "{lit:?}");

    // ---- connections: gRPC (one connection) lands all 12 on one pod; new connections spread
    choose("client-mode", "grpc").await;
    click("send-burst").await;
    landed().await;
    assert_eq!(count("[data-kind='pod'] .hits"), 1);
    assert_eq!(texts("[data-kind='pod'] .hits"), vec!["12".to_string()]);
    assert_eq!(count("[data-kind='connection-row']"), 1);
    assert!(texts("[data-kind='connection']")[0].contains("rides connection #1"), "{:?}", texts("[data-kind='connection']"));
    assert!(texts("[data-kind='packet-label']").iter().any(|t| t.contains("conn #1")) || count("[data-kind='packet-label'].hidden") == 1);
    choose("client-mode", "new").await;
    click("send-burst").await;
    landed().await;
    assert!(count("[data-kind='pod'] .hits") >= 2, "new connections spread");
    assert!(texts("[data-kind='connection']")[0].contains("opens connection #12"));
    choose("client-mode", "keepalive").await;
    click("send-burst").await;
    landed().await;
    assert_eq!(count("[data-kind='connection-row']"), 2);
    choose("client-mode", "new").await;
    click("reset").await;

    // ---- DNS: `web` from a pod in default: the first search suffix answers the clusterIP
    assert_eq!(count("[data-kind='dns-query']"), 1);
    assert_eq!(attr("#dns-pod", "data-kind").as_deref(), Some("dns-pod"));
    type_into("dns-query", "web").await;
    let rows = texts("[data-kind='dns-answer']");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].contains("web.default.svc.cluster.local."), "{rows:?}");
    assert!(rows[0].contains("NOERROR") && rows[0].contains("A 10.102.52.187"), "{rows:?}");
    // the suggestion chips fill the query: the absolute name is asked once, as is
    let chip: web_sys::HtmlElement = doc().query_selector("[data-kind='dns-suggestion']:nth-of-type(3)").unwrap().unwrap().dyn_into().unwrap();
    assert_eq!(chip.text_content().unwrap(), "web.default.svc.cluster.local.");
    chip.click();
    tick().await;
    assert_eq!(count("[data-kind='dns-answer']"), 1);
    assert_eq!(attr("[data-kind='dns-answer']", "data-query").as_deref(), Some("web.default.svc.cluster.local."));
    // a name outside the zone: three NXDOMAINs down the search path, then upstream
    type_into("dns-query", "example.org").await;
    let rcodes: Vec<String> = {
        let l = doc().query_selector_all("[data-kind='dns-answer']").unwrap();
        (0..l.length()).map(|i| l.item(i).unwrap().dyn_into::<web_sys::Element>().unwrap().get_attribute("data-rcode").unwrap()).collect()
    };
    assert_eq!(rcodes, vec!["NXDOMAIN", "NXDOMAIN", "NXDOMAIN", "FORWARDED"]);

    // ---- ExternalName scene: `db` answers the CNAME
    choose("preset", "web-externalname").await;
    type_into("dns-query", "db").await;
    let rows = texts("[data-kind='dns-answer']");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].contains("CNAME db.example.com"), "{rows:?}");

    // ---- Why no traffic? From the selector-typo preset, one click on the first fix
    choose("preset", "broken-selector-typo").await;
    let yaml = || doc().get_element_by_id("yaml").unwrap().dyn_into::<web_sys::HtmlTextAreaElement>().unwrap().value();
    assert!(yaml().contains("app: wbe"));
    assert_eq!(attr("[data-kind='check'][data-check='selector']", "data-status").as_deref(), Some("fail"));
    assert!(texts("#diagnostics").concat().contains("matches 0 pods"));
    let fix: web_sys::HtmlElement = doc().query_selector("[data-kind='fix']").unwrap().unwrap().dyn_into().unwrap();
    assert_eq!(fix.text_content().unwrap(), "Set selector app: web");
    fix.click();
    tick().await;
    assert!(yaml().contains("selector:\n    app: web\n"), "{}", yaml());
    assert!(!yaml().contains("app: wbe"));
    assert!(!texts("#diagnostics").concat().contains("matches 0 pods"), "the warning disappears");
    assert_eq!(count("[data-kind='check'][data-status='fail']"), 0);
    click("reset").await;
    for _ in 0..3 {
        click("step").await;
    }
    assert_eq!(attr(".caption-outcome", "data-outcome").as_deref(), Some("delivered"));
    // Ctrl+Z: the browser's undo of the textarea (what the key does) restores the typo
    exec("undo");
    tick().await;
    assert!(yaml().contains("app: wbe"), "{}", yaml());
    assert_eq!(attr("[data-kind='check'][data-check='selector']", "data-status").as_deref(), Some("fail"));
    exec("redo");
    tick().await;
    assert!(yaml().contains("app: web"), "redo");

    // ---- targetPort: the declared containerPort
    choose("preset", "broken-targetport").await;
    let fix: web_sys::HtmlElement = doc().query_selector("[data-kind='fix'][data-check='targetPort']").unwrap().unwrap().dyn_into().unwrap();
    assert_eq!(fix.text_content().unwrap(), "Set targetPort: 8080");
    fix.click();
    tick().await;
    assert!(yaml().contains("targetPort: 8080"));
    assert_eq!(count("[data-kind='check'][data-status='fail']"), 0);

    // ---- headless: no rules, and why
    choose("preset", "headless-statefulset").await;
    assert_eq!(count("[data-kind='iptables-rule']"), 0);
    assert_eq!(count("[data-kind='iptables-none']"), 1);
}

/// "From: A pod inside the cluster, on node-2": the in-cluster client moves to that node (a
/// what-if beside the YAML, WhatIf::client_node), so internalTrafficPolicy: Local drops the
/// request from a node without an endpoint (pkg/proxy/topology.go CategorizeEndpoints: no
/// fallback for Local) and delivers it from the endpoint's node.
#[wasm_bindgen_test]
async fn from_a_pod_on_another_node() {
    remount().await;
    let ta: web_sys::HtmlTextAreaElement = doc().get_element_by_id("yaml").unwrap().dyn_into().unwrap();
    ta.set_value("apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, internalTrafficPolicy: Local, ports: [{port: 80}]}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: web-1, labels: {app: web}}\nspec: {nodeName: node-1, containers: [{name: c, image: nginx}]}\n");
    fire(&ta, "input");
    settle(10).await;
    let entry = || doc().get_element_by_id("entry").unwrap().dyn_into::<web_sys::HtmlSelectElement>().unwrap();
    let shown = || entry().selected_options().item(0).and_then(|o| o.text_content()).unwrap_or_default();
    let outcome = || attr("[data-outcome]", "data-outcome").unwrap_or_default();
    assert_eq!(entry().value(), "pod");
    assert_eq!(shown(), "A pod inside the cluster, on node-1");
    assert_eq!(outcome(), "delivered");
    assert_eq!(count("#entry option[value^='pod@']"), 2, "node-2 and node-3");
    choose("entry", "pod@node-2").await;
    settle(10).await;
    assert_eq!(entry().value(), "pod");
    assert_eq!(shown(), "A pod inside the cluster, on node-2");
    assert_eq!(outcome(), "dropped");
    assert!(text("[data-kind='whatif-kept']").contains("the client pod runs on node-2"), "{}", text("[data-kind='whatif-kept']"));
    // and back
    choose("entry", "pod@node-1").await;
    settle(10).await;
    assert_eq!(outcome(), "delivered");
}

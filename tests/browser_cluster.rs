//! Browser test of a whole-cluster paste (issue #12): the Service picker's filter by name or
//! namespace, and the diagram drawing only the selected Service's neighbourhood.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

/// 60 Services in 6 namespaces, 2 pods each.
fn cluster() -> String {
    let mut t = String::new();
    for i in 0..60 {
        let ns = format!("team-{}", i % 6);
        t.push_str(&format!("---\napiVersion: v1\nkind: Service\nmetadata:\n  name: svc-{i}\n  namespace: {ns}\nspec:\n  selector:\n    app: app-{i}\n  ports:\n  - port: 80\n"));
        for j in 0..2 {
            t.push_str(&format!("---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: app-{i}-{j}\n  namespace: {ns}\n  labels:\n    app: app-{i}\nspec:\n  containers:\n  - name: c\n    image: x\n"));
        }
    }
    t
}

#[wasm_bindgen_test]
async fn a_whole_cluster_filters_services_and_draws_one_neighbourhood() {
    remount().await;
    assert_eq!(count("#service-filter"), 0, "no filter for the tutorial's few Services");

    let ta: web_sys::HtmlTextAreaElement = doc().get_element_by_id("yaml").unwrap().dyn_into().unwrap();
    ta.set_value(&cluster());
    fire(&ta, "input");
    // texts over 64 KiB are analysed after a pause in typing; this one is smaller, but wait anyway
    poll(40, || count("#service option") == 60).await;
    assert_eq!(count("#service option"), 60);
    assert_eq!(count("#service-filter"), 1);
    // the neighbourhood: one Service drawn, its 2 pods (+ near misses, at most 8) and the client
    assert_eq!(count("[data-kind='service']"), 1);
    assert!(count("[data-kind='pod']") <= 1 + 2 + 8, "{}", count("[data-kind='pod']"));

    // the tutorial's Service ("web") is not in this text: the first Service is drawn, and the
    // picker shows that one as selected
    let s: web_sys::HtmlSelectElement = doc().get_element_by_id("service").unwrap().dyn_into().unwrap();
    assert_eq!(s.value(), "svc-0");
    assert_eq!(count("[data-kind='service'][data-name='svc-0']"), 1);

    // filter by namespace: team-3 has 10 Services (plus the selected one, always kept)
    let f: web_sys::HtmlInputElement = doc().get_element_by_id("service-filter").unwrap().dyn_into().unwrap();
    f.set_value("TEAM-3");
    fire(&f, "input");
    leptos::task::tick().await;
    let n = count("#service option");
    assert!(n == 10 || n == 11, "{n}");
    // the selection follows the filter: the Service it hid gives way to the first it shows, and
    // the diagram draws what the picker shows (the bug: the picker said svc-77, the diagram svc-0)
    assert_eq!(s.value(), "svc-3");
    assert_eq!(count("[data-kind='service'][data-name='svc-3']"), 1);
    assert_eq!(count("[data-kind='service']"), 1);
    // by name
    f.set_value("svc-42");
    fire(&f, "input");
    leptos::task::tick().await;
    assert!(count("#service option[value='svc-42']") == 1 && count("#service option") <= 2);
    assert_eq!(s.value(), "svc-42");
    assert_eq!(count("[data-kind='service'][data-name='svc-42']"), 1, "drawn without choosing it again");
    // a filter that matches nothing leaves the selection (and the picker) alone
    f.set_value("no-such-service");
    fire(&f, "input");
    leptos::task::tick().await;
    assert_eq!(s.value(), "svc-42");
    assert_eq!(count("[data-kind='service'][data-name='svc-42']"), 1);
    f.set_value("svc-42");
    fire(&f, "input");
    leptos::task::tick().await;
    // choosing it draws its neighbourhood
    let s: web_sys::HtmlSelectElement = doc().get_element_by_id("service").unwrap().dyn_into().unwrap();
    s.set_value("svc-42");
    fire(&s, "change");
    leptos::task::tick().await;
    assert_eq!(count("[data-kind='service'][data-name='svc-42']"), 1);
    assert_eq!(count("[data-kind='service']"), 1);
    let l = doc().query_selector_all("[data-kind='pod'],[data-kind='node']").unwrap();
    let names: Vec<String> = (0..l.length()).filter_map(|i| l.item(i)?.dyn_into::<web_sys::Element>().ok()?.get_attribute("data-name")).collect();
    assert_eq!(count("[data-kind='pod'][data-name='app-42-0']") + count("[data-kind='pod'][data-name='app-42-1']"), 2, "{names:?}");

    // the tables list 50 Service cards at first (the selected one among them), the rest on demand
    assert_eq!(count(".service-card"), 50);
    assert_eq!(count(".service-card[data-name='svc-55']"), 0);
    f.set_value("svc-55");
    fire(&f, "input");
    leptos::task::tick().await;
    assert_eq!(count(".service-card"), 51, "50 first cards and the selected svc-55");
    assert_eq!(count(".service-card[data-name='svc-55']"), 1);
    let more: web_sys::HtmlElement = doc().get_element_by_id("show-all-services").unwrap().dyn_into().unwrap();
    more.click();
    leptos::task::tick().await;
    assert_eq!(count(".service-card"), 60);
    assert_eq!(count("#show-all-services"), 0);

    // 250 pods: 200 rows at first, then all of them; the DNS panel lists at most 200 askers
    let mut t = String::from("apiVersion: v1\nkind: Service\nmetadata:\n  name: many\nspec:\n  selector:\n    app: many\n  ports:\n  - port: 80\n");
    for i in 0..250 {
        t.push_str(&format!("---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p-{i}\n  labels:\n    app: many\nspec:\n  containers:\n  - name: c\n    image: x\n"));
    }
    ta.set_value(&t);
    fire(&ta, "input");
    poll(60, || count(".service-card[data-name='many']") == 1).await;
    assert_eq!(count(".service-card[data-name='many']"), 1);
    assert_eq!(count("#pods .pod-row"), 200);
    assert!(count("#dns-pod option") <= 202, "{}", count("#dns-pod option"));
    let more: web_sys::HtmlElement = doc().get_element_by_id("show-all-pods").unwrap().dyn_into().unwrap();
    more.click();
    leptos::task::tick().await;
    assert_eq!(count("#pods .pod-row"), 250);
    assert_eq!(count("#show-all-pods"), 0);
}

/// The "Nodes" setting simulates node-1..node-N only when the manifests name no node: beside a
/// dump's two nodes it shows 2 and is disabled (learner5: "Nodes 3" beside a 2-node dump), and
/// it comes back when the text names none again.
#[wasm_bindgen_test]
async fn the_nodes_setting_shows_a_dumps_own_nodes() {
    remount().await;
    let nodes = || -> web_sys::HtmlInputElement { doc().get_element_by_id("nodes").unwrap().dyn_into().unwrap() };
    assert_eq!((nodes().value(), nodes().disabled()), ("3".to_string(), false), "the tutorial's scene: simulated nodes");

    let ta: web_sys::HtmlTextAreaElement = doc().get_element_by_id("yaml").unwrap().dyn_into().unwrap();
    let pod = |name: &str, node: &str| format!("---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  labels:\n    app: web\nspec:\n  nodeName: {node}\n  containers:\n  - name: c\n    image: nginx\n");
    ta.set_value(&format!("{}{}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n", pod("a", "kind-worker"), pod("b", "kind-worker2")));
    fire(&ta, "input");
    poll(40, || nodes().disabled()).await;
    assert_eq!((nodes().value(), nodes().disabled()), ("2".to_string(), true), "the dump's own two nodes");
    assert_eq!(count("[data-kind='node']"), 2);

    ta.set_value(&pod("a", "").replace("  nodeName: \n", ""));
    fire(&ta, "input");
    poll(40, || !nodes().disabled()).await;
    assert_eq!((nodes().value(), nodes().disabled()), ("3".to_string(), false), "simulated again");
}

/// The "IP family" setting (learner5 item 6: an `ipFamilies: [IPv6]` Service was "not
/// configured on this cluster", with no way to switch): dual-stack gives a PreferDualStack
/// Service a clusterIP of each family in its card, and IPv6 gives the tutorial's Service an
/// address from kind's fd00:10:96::/112.
#[wasm_bindgen_test]
async fn the_ip_family_setting_reaches_the_service_card() {
    remount().await;
    let families = || -> web_sys::HtmlSelectElement { doc().get_element_by_id("families").unwrap().dyn_into().unwrap() };
    assert_eq!(families().value(), "ipv4", "IPv4 by default");
    let labels: Vec<String> = (0..families().length()).map(|i| families().item(i).unwrap().text_content().unwrap()).collect();
    assert_eq!(labels, ["IPv4", "IPv6", "IPv4, IPv6 (dual-stack)", "IPv6, IPv4 (dual-stack)"]);
    let addr = || doc().query_selector(".service-card[data-name='web'] .addr").unwrap().and_then(|e| e.text_content()).unwrap_or_default();
    let until = |want: &'static str| async move {
        poll(40, || addr().contains(want)).await;
    };
    let choose = |v: &str| {
        families().set_value(v);
        fire(&families(), "change");
    };
    // the tutorial's Service, IPv6: an address from fd00:10:96::/112
    assert!(addr().starts_with("clusterIP 10."), "{}", addr());
    choose("ipv6");
    until("fd00:10:96::").await;
    assert!(addr().starts_with("clusterIP fd00:10:96::"), "{}", addr());
    assert!(doc().query_selector("[data-kind='pod']").unwrap().is_some());

    // a PreferDualStack Service on a dual-stack cluster: both clusterIPs, IPv4 first
    let ta: web_sys::HtmlTextAreaElement = doc().get_element_by_id("yaml").unwrap().dyn_into().unwrap();
    ta.set_value("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ipFamilyPolicy: PreferDualStack\n  selector:\n    app: web\n  ports:\n  - port: 80\n");
    fire(&ta, "input");
    choose("ipv4,ipv6");
    until("clusterIPs").await;
    let a = addr();
    let ips: Vec<&str> = a.strip_prefix("clusterIPs ").expect("two clusterIPs").split(", ").collect();
    assert_eq!(ips.len(), 2, "{a}");
    assert!(ips[0].starts_with("10.") && ips[1].starts_with("fd00:10:96::"), "{a}");
    // IPv6 first: the same two families, the other order
    choose("ipv6,ipv4");
    until("clusterIPs fd00").await;
    assert!(addr().starts_with("clusterIPs fd00:10:96::") && addr().contains(", 10."), "{}", addr());
    // a shared link carries the choice
    let w = web_sys::window().unwrap();
    let page = w.location().pathname().unwrap();
    doc().get_element_by_id("copy-link").unwrap().dyn_into::<web_sys::HtmlElement>().unwrap().click();
    leptos::task::tick().await;
    let hash = w.location().hash().unwrap();
    let shared = switchboard::core::share::decode(hash.strip_prefix("#s=").expect("the link is in the address")).unwrap();
    assert_eq!(shared.families, "ipv6,ipv4");
    w.history().unwrap().replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&page)).unwrap();
    // back to IPv4: one address (PreferDualStack on a single-stack cluster)
    choose("ipv4");
    until("clusterIP 10.").await;
    assert!(addr().starts_with("clusterIP 10."), "{}", addr());
}

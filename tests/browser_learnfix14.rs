//! Browser tests of the learnfix14 fixes (/work/learner12/report.md, session 15's "Left:
//! Learners"): Why names the NetworkPolicy rule that admits the learner's own pod, the DNS box
//! lists every address of its answer, and the Service details and the load balancer box say
//! healthCheckNodePort with each node's answer. The words are core's (tests_learnfix14).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

fn options(id: &str) -> Vec<String> {
    let o = doc().query_selector_all(&format!("#{id} option")).unwrap();
    (0..o.length()).filter_map(|i| o.item(i)).filter_map(|n| n.dyn_into::<web_sys::Element>().ok()).map(|e| e.get_attribute("value").unwrap_or_default()).collect()
}

/// learner12 q/e-netpol-ns (learner11 q/10): From "Your pod frontend/client", and Why's
/// NetworkPolicy check names the namespaceSelector rule that lets it in (was "NetworkPolicy lets
/// this request through (ok)" with nothing more).
#[wasm_bindgen_test]
async fn why_names_the_rule_that_admits_your_own_pod() {
    remount().await;
    show(include_str!("fixtures/uifix11/10-netpol-namespace-selector.yaml")).await;
    poll(40, || options("entry").iter().any(|k| k == "pod~frontend")).await;
    choose("entry", "pod~frontend").await;
    let why = || text(".whynot [data-check='netpol'] .check-why");
    poll(40, || why().starts_with("Allowed by NetworkPolicy allow-frontend-ns")).await;
    assert_eq!(
        why(),
        "Allowed by NetworkPolicy allow-frontend-ns, ingress rule 1 (spec.ingress[0]): from namespaceSelector kubernetes.io/metadata.name=frontend on every port (the connection is on 8080/TCP)."
    );
    assert_eq!(attr(".whynot [data-check='netpol']", "data-status").as_deref(), Some("ok"));
}

/// learner12 shots/dual-1280-light.png: "→ A + AAAA" over one address. A RequireDualStack
/// Service on a dual-stack cluster: the DNS box lists both clusterIPs.
#[wasm_bindgen_test]
async fn dns_box_lists_both_addresses_of_a_dual_stack_service() {
    remount().await;
    show("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ipFamilyPolicy: RequireDualStack\n  selector:\n    app: web\n  ports:\n  - port: 80\n").await;
    choose("families", "ipv4,ipv6").await;
    let addr = || doc().query_selector(".service-card[data-name='web'] .addr").unwrap().and_then(|e| e.text_content()).unwrap_or_default();
    poll(40, || addr().starts_with("clusterIPs ")).await;
    let a = addr();
    let ips: Vec<&str> = a.strip_prefix("clusterIPs ").expect("two clusterIPs").split(", ").collect();
    poll(40, || text("svg [data-kind='dns']").contains("→ A + AAAA")).await;
    let dns = text("svg [data-kind='dns']");
    for ip in &ips {
        assert!(dns.contains(ip), "{ip} not in the DNS box: {dns}");
    }
    choose("families", "ipv4").await;
}

/// learner12 / learner11 q/27: externalTrafficPolicy Local. The Service details list
/// healthCheckNodePort (allocated) and each node's 200/503; the load balancer box's title says
/// the same (was "forwards to every node's nodePort").
#[wasm_bindgen_test]
async fn service_details_and_lb_title_say_the_health_check() {
    remount().await;
    show("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: LoadBalancer\n  externalTrafficPolicy: Local\n  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: 8080\nstatus:\n  loadBalancer:\n    ingress:\n    - ip: 203.0.113.10\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: app\n        image: nginx\n        ports:\n        - containerPort: 8080\n").await;
    // (a load balancer gets an address only with "Cloud load balancers" on)
    let cloud: web_sys::HtmlInputElement = doc().get_element_by_id("cloud").unwrap().dyn_into().unwrap();
    if !cloud.checked() {
        click("cloud");
    }
    let title = || text("svg [data-kind='load-balancer'] title");
    poll(40, || title().contains("healthCheckNodePort")).await;
    let title = title();
    assert!(title.starts_with("Cloud load balancer ") && title.contains(": healthCheckNodePort ") && title.contains("(allocated by the API server; externalTrafficPolicy Local)") && title.contains(": 503 (0 local endpoints)"), "{title}");
    fire(&doc().query_selector("svg [data-kind='service']").unwrap().unwrap(), "click");
    poll(40, || count(".details-panel dl.facts") > 0).await;
    let dts = doc().query_selector_all(".details-panel dl.facts dt").unwrap();
    let i = (0..dts.length()).find(|&i| dts.item(i).and_then(|n| n.text_content()).as_deref() == Some("Health check")).expect("a Health check fact");
    let dd = dts.item(i).unwrap().dyn_into::<web_sys::Element>().unwrap().next_element_sibling().unwrap().text_content().unwrap_or_default();
    assert!(dd.starts_with("healthCheckNodePort ") && dd.contains(": 200 (1 local endpoint)") && dd.contains(": 503 (0 local endpoints)"), "{dd}");
    assert!(title.ends_with(&dd), "{title} / {dd}");
    click("cloud");
}

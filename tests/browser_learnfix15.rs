//! Browser tests of the learnfix15 fixes: Why's NetworkPolicy check names the closest rule from
//! an outside entry (a nodePort on another node), the probe-port trap is a warning on Why's
//! Ready check with its line and fix, and our hint on a quoted Kubernetes error is its own muted
//! line under Why's check, the caption's outcome and the Service's path. The words are core's
//! (tests_learnfix15).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

/// Service shop/web NodePort (80 → 8080) over pod web on node-1, and a NetworkPolicy that admits
/// pods app=frontend only. From node-2's nodePort the pod sees node-2's address after SNAT: no
/// pod, so the podSelector rule cannot admit it.
const NODEPORT_POLICY: &str = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  type: NodePort\n  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: 8080\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\n  labels:\n    app: web\nspec:\n  nodeName: node-1\n  containers:\n  - name: app\n    image: nginx\n    ports:\n    - containerPort: 8080\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web-in\n  namespace: shop\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n  policyTypes:\n  - Ingress\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          app: frontend\n";

#[wasm_bindgen_test]
async fn why_names_the_closest_rule_from_a_nodeport() {
    remount().await;
    show(NODEPORT_POLICY).await;
    choose("entry", "nodeport@node-2").await;
    let why = || text(".whynot [data-check='netpol'] .check-why");
    poll(40, || why().contains("closest rule")).await;
    let w = why();
    assert!(w.contains("node-2's address ") && w.contains("after SNAT"), "{w}");
    assert!(w.contains("(web-in's closest rule is ingress rule 1 (spec.ingress[0]), from podSelector app=frontend on every port — it lacks the peer: the source is no pod, and pod and namespace selectors select only pods;"), "{w}");
    assert_eq!(attr(".whynot [data-check='netpol']", "data-status").as_deref(), Some("fail"));
}

/// learner10 q/25: readinessProbe httpGet port 80, containerPort 8080 only. Why said "every
/// check passes"; its Ready check now warns with the line, and offers the declared port.
#[wasm_bindgen_test]
async fn probe_port_trap_is_a_warning_on_why_ready() {
    remount().await;
    show("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: 8080\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: app\n        image: nginx\n        ports:\n        - containerPort: 8080\n        readinessProbe:\n          httpGet:\n            path: /\n            port: 80\n").await;
    let status = || attr(".whynot [data-check='ready']", "data-status");
    poll(40, || status().as_deref() == Some("warn")).await;
    let why = text(".whynot [data-check='ready'] .check-why");
    assert!(why.contains("Taken as Ready here, but the readinessProbe at line 34 (spec.template.spec.containers[0].readinessProbe.httpGet.port) probes port 80 and container app declares only containerPort 8080: if the app listens only on 8080, the probe fails, the pod never becomes Ready and the Service gets no endpoints."), "{why}");
    assert_eq!(text(".whynot [data-kind='fix'][data-check='ready']"), "Set readinessProbe port: 8080 (if the app listens on 8080)");
    assert!(text(".whynot summary").contains("to look at"), "{}", text(".whynot summary"));
}

/// A Service refused for an unknown field (strict decoding) with our "did you mean": Why's check
/// quotes Kubernetes' words, the hint is its own muted line (was "… (did you mean …)" inline);
/// the caption's outcome and the Service's path carry it the same way.
#[wasm_bindgen_test]
async fn hint_is_its_own_line_under_why_caption_and_path() {
    remount().await;
    show("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selecter:\n    app: web\n  ports:\n  - port: 80\n").await;
    let hint = || text(".whynot [data-check='accepted'] .check-hint");
    poll(40, || hint().starts_with("hint: ")).await;
    let h = hint();
    assert!(h.contains("did you mean \"selector\"?"), "{h}");
    let why = text(".whynot [data-check='accepted'] .check-why");
    assert!(!why.contains("did you mean"), "{why}");
    assert_eq!(attr(".whynot [data-check='accepted'] .check-hint", "class").as_deref(), Some("diag-hint check-hint"));
    // the caption: the outcome's reason, then the hint on a line of its own
    poll(40, || text("[data-kind='reason-hint']").starts_with("hint: ")).await;
    assert_eq!(text("[data-kind='reason-hint']"), h);
    // the Service's paths list
    poll(40, || count(".path-hint") > 0).await;
    assert_eq!(text(".path-hint"), h);
    // a Service without an error: no hint line
    show("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n").await;
    poll(40, || count(".whynot .check-hint") == 0).await;
    assert_eq!(text("[data-kind='reason-hint']"), "");
}

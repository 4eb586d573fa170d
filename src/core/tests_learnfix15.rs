//! learnfix15: Why's NetworkPolicy check names the closest rule and what it lacks on the
//! outside entries too (nodePort, load balancer, the ingress controller), the probe-port trap is
//! a warning on Why's Ready check, and a probe port name no container port has is a warning at
//! its line. Each test names its upstream source.

use super::analyze;
use super::checklist::checklist;
use super::config::Config;
use super::paths::{Entry, Outcome};
use super::report::Report;

/// Service shop/web (`svc_type`, 80 → 8080) over one pod app=web, then `policy`.
fn scene(svc_type: &str, extra: &str, policy: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  type: {svc_type}\n{extra}  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: 8080\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\n  labels:\n    app: web\nspec:\n  containers:\n  - name: app\n    image: nginx\n    ports:\n    - containerPort: 8080\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web-in\n  namespace: shop\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n  policyTypes:\n  - Ingress\n{policy}"
    )
}

fn netpol_check(text: &str, r: &Report, entry: &str) -> (String, String) {
    let c = checklist(text, r, &r.service_key(0), entry).into_iter().find(|c| c.key == "netpol").expect("netpol check");
    (c.status, c.why)
}

/// A nodePort entry from a node the pod does not run on (its own node always passes:
/// NetworkPolicy docs, "traffic to and from the node where a Pod is running is always allowed").
fn cross_node_path(r: &Report, entry: Entry) -> &super::paths::Path {
    let home = r.services[0].endpoints[0].node.clone().expect("placed");
    r.services[0].paths.iter().find(|p| p.entry == entry && p.node.as_deref() != Some(home.as_str())).expect("a path from another node")
}

/// learnfix14 named the closest rule for the in-cluster client only. Outside, the peer a policy
/// sees is an address that is no pod: with externalTrafficPolicy Cluster the entry node's
/// after kube-proxy's SNAT (pkg/proxy/iptables/proxier.go: KUBE-MARK-MASQ on external traffic,
/// MASQUERADE in KUBE-POSTROUTING), with Local the client's own (kubernetes.io "Create an
/// External Load Balancer", Preserving the client source IP). A podSelector / namespaceSelector
/// peer selects only pods (NetworkPolicyPeer, k8s.io/api networking/v1 types.go); an ipBlock
/// decides on the address; a rule's ports are the pod's (NetworkPolicyPort).
#[test]
fn outside_refusal_names_the_closest_rule_networking_v1_peer_and_kube_proxy_snat() {
    // a podSelector rule: the SNATed node address is no pod
    let text = scene("NodePort", "", "  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          app: frontend\n");
    let r = analyze(&text, &Config::default());
    let p = cross_node_path(&r, Entry::NodePort);
    assert_eq!(p.outcome, Outcome::Dropped, "{}", p.reason);
    let node = p.node.clone().unwrap();
    assert!(p.reason.contains(&format!("{node}'s address ")), "{}", p.reason);
    assert!(
        p.reason.contains("drops the connection (web-in's closest rule is ingress rule 1 (spec.ingress[0]), from podSelector app=frontend on every port — it lacks the peer: the source is no pod, and pod and namespace selectors select only pods; an ipBlock holding that address, or a rule with no `from`, admits it;"),
        "{}",
        p.reason
    );
    let (status, why) = netpol_check(&text, &r, &format!("nodeport@{node}"));
    assert_eq!(status, "fail");
    assert!(why.contains("web-in's closest rule is ingress rule 1 (spec.ingress[0])"), "{why}");

    // externalTrafficPolicy Local: the client's own address, not in the ipBlock of the nodes
    let text = scene("LoadBalancer", "  externalTrafficPolicy: Local\n", "  ingress:\n  - from:\n    - ipBlock:\n        cidr: 192.168.0.0/16\n");
    let r = analyze(&text, &Config { cloud: true, ..Config::default() });
    let p = r.services[0].paths.iter().find(|p| p.entry == Entry::LoadBalancer).expect("lb path");
    assert_eq!(p.outcome, Outcome::Dropped, "{}", p.reason);
    assert!(
        p.reason.contains("the client's own address 198.51.100.7 (externalTrafficPolicy Local keeps it), on 8080/TCP: a network plugin that enforces NetworkPolicy drops the connection (web-in's closest rule is ingress rule 1 (spec.ingress[0]), from ipBlock 192.168.0.0/16 on every port — it lacks the peer: ipBlock 192.168.0.0/16 does not hold the source's address 198.51.100.7;"),
        "{}",
        p.reason
    );
    let (status, why) = netpol_check(&text, &r, "loadbalancer");
    assert_eq!(status, "fail");
    assert!(why.contains("it lacks the peer: ipBlock 192.168.0.0/16 does not hold the source's address 198.51.100.7"), "{why}");

    // the peer right (every address), the port the Service's: it lacks the port
    let text = scene("NodePort", "", "  ingress:\n  - from:\n    - ipBlock:\n        cidr: 0.0.0.0/0\n    ports:\n    - port: 80\n");
    let r = analyze(&text, &Config::default());
    let p = cross_node_path(&r, Entry::NodePort);
    assert_eq!(p.outcome, Outcome::Dropped, "{}", p.reason);
    assert!(p.reason.contains("(web-in's closest rule is ingress rule 1 (spec.ingress[0]), from ipBlock 0.0.0.0/0 on port 80/TCP — it lacks the port: it names 80/TCP, the connection is on 8080/TCP;"), "{}", p.reason);
}

/// The Ingress entry: the peer is the ingress controller's pod (ingress-nginx's own install when
/// the input has none: namespace ingress-nginx, kubernetes/ingress-nginx deploy.yaml labels),
/// and a podSelector without a namespaceSelector picks the policy's own namespace only
/// (NetworkPolicyPeer.podSelector, networking/v1 types.go).
#[test]
fn ingress_controller_refusal_names_the_closest_rule_networking_v1_peer() {
    let ing = "---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  ingressClassName: nginx\n  rules:\n  - http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: web\n            port:\n              number: 80\n";
    let text = format!("{}{ing}", scene("ClusterIP", "", "  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          app.kubernetes.io/name: ingress-nginx\n"));
    let r = analyze(&text, &Config::default());
    let p = r.services[0].paths.iter().find(|p| p.entry == Entry::Ingress).expect("ingress path");
    assert_eq!(p.outcome, Outcome::Dropped, "{}", p.reason);
    assert!(
        p.reason.contains("to the endpoint pods (web-in's closest rule is ingress rule 1 (spec.ingress[0]), from podSelector app.kubernetes.io/name=ingress-nginx on every port — it lacks the namespace: a podSelector without a namespaceSelector picks pods of the policy's own namespace shop, and the ingress controller is in ingress-nginx (add namespaceSelector {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}} to that peer)): they are dropped"),
        "{}",
        p.reason
    );
    let (status, why) = netpol_check(&text, &r, "ingress@web");
    assert_eq!(status, "fail");
    assert!(why.contains("web-in's closest rule is ingress rule 1"), "{why}");
}

/// Deployment web: a readinessProbe `probe` (httpGet / tcpSocket) on a container that declares
/// containerPort 8080 (named http), behind Service web 80 → 8080.
fn probe_scene(probe: &str) -> String {
    format!("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: 8080\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: app\n        image: nginx\n        ports:\n        - name: http\n          containerPort: 8080\n        readinessProbe:\n{probe}")
}

fn ready_check(text: &str, r: &Report) -> super::checklist::Check {
    checklist(text, r, &r.service_key(0), "pod").into_iter().find(|c| c.key == "ready").expect("ready check")
}

/// learner10 q/25, the probe-port trap: readinessProbe httpGet port 80, the container declares
/// only 8080. The API server takes it (validation.go validateHTTPGetAction:
/// ValidatePortNumOrName) and the kubelet probes 80 as is (pkg/probe/util.go
/// ResolveContainerPort: an int is used unchanged), so if the app listens only on 8080 every
/// probe fails. The pods are taken as Ready here and Why said "every check passes": now its
/// Ready check warns (not fails: containerPort is informational), names the line, and offers
/// the port. A dump's pod whose status says Ready is the kubelet's word: no warning.
#[test]
fn probe_port_trap_warns_on_why_ready_probe_util_resolve_container_port() {
    for handler in ["httpGet:\n            path: /\n            port: 80\n", "tcpSocket:\n            port: 80\n"] {
        let text = probe_scene(&format!("          {handler}"));
        let r = analyze(&text, &Config::default());
        assert!(r.pods.iter().all(|p| p.ready));
        let c = ready_check(&text, &r);
        assert_eq!(c.status, "warn", "{}", c.why);
        let h = if handler.starts_with("httpGet") { "httpGet" } else { "tcpSocket" };
        let line = text.lines().position(|l| l.trim() == "port: 80").unwrap() + 1;
        assert_eq!(
            c.why,
            format!("2 Ready endpoints. Taken as Ready here, but the readinessProbe at line {line} (spec.template.spec.containers[0].readinessProbe.{h}.port) probes port 80 and container app declares only containerPort 8080: if the app listens only on 8080, the probe fails, the pod never becomes Ready and the Service gets no endpoints. (containerPort is informational: if the app does listen on 80, this passes.)")
        );
        assert_eq!(c.fix.as_ref().map(|f| f.label.as_str()), Some("Set readinessProbe port: 8080 (if the app listens on 8080)"));
    }
    // the declared port: ok as before
    let text = probe_scene("          httpGet:\n            path: /\n            port: 8080\n");
    let r = analyze(&text, &Config::default());
    assert_eq!(ready_check(&text, &r).status, "ok");
    // a pod whose status the input gives (Ready True): the kubelet's probe passed
    let pod = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: 8080\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web-1\n  labels:\n    app: web\nspec:\n  nodeName: node-1\n  containers:\n  - name: app\n    image: nginx\n    ports:\n    - containerPort: 8080\n    readinessProbe:\n      tcpSocket:\n        port: 80\nstatus:\n  phase: Running\n  podIP: 10.244.1.9\n  conditions:\n  - type: Ready\n    status: \"True\"\n";
    let r = analyze(pod, &Config::default());
    assert_eq!(ready_check(pod, &r).status, "ok", "{}", ready_check(pod, &r).why);
}

/// A probe port *name* no port of the container has: the kubelet cannot resolve it
/// (pkg/probe/util.go ResolveContainerPort → findPortByName: `port %q not found`), the probe
/// errors, and pkg/kubelet/prober/prober.go probe takes an error as results.Failure — every
/// time, so the pod is never Ready. A warning at the probe's line (was only the pod's reason),
/// and Why's Ready check (a failure) names that line.
#[test]
fn probe_port_name_not_found_is_a_warning_at_its_line_prober_find_port_by_name() {
    let text = probe_scene("          httpGet:\n            path: /\n            port: web\n");
    let r = analyze(&text, &Config::default());
    let line = text.lines().position(|l| l.trim() == "port: web").unwrap() as u32 + 1;
    let d = r.diagnostics.iter().find(|d| d.code == "ProbePortNotFound").expect("a warning");
    assert_eq!(d.severity, super::diag::Severity::Warning);
    assert_eq!(d.line, line);
    assert_eq!(
        d.message,
        "spec.template.spec.containers[0].readinessProbe.httpGet.port: port \"web\" not found: container app has no port named web (its ports are named http), so the kubelet cannot resolve the probe's port, every readinessProbe errors and the pod never becomes Ready (no endpoint: the Service sends it nothing)"
    );
    assert!(r.pods.iter().all(|p| !p.ready));
    let c = ready_check(&text, &r);
    assert_eq!(c.status, "fail");
    assert!(c.why.ends_with(&format!(" The line: spec.template.spec.containers[0].readinessProbe.httpGet.port (line {line}).")), "{}", c.why);
    // the declared name: no warning, Ready
    let text = probe_scene("          httpGet:\n            path: /\n            port: http\n");
    let r = analyze(&text, &Config::default());
    assert!(r.diagnostics.iter().all(|d| d.code != "ProbePortNotFound"));
    assert_eq!(ready_check(&text, &r).status, "ok");
}

/// Our advice apart from Kubernetes' words where our prose quotes an error (the Diagnostic
/// keeps `message` and `hint` apart, qa2 E1): Why's check carries the error's `hint` as its own
/// field (the page shows it as a muted line, as the problems list does), and a path whose reason
/// quotes a refused object's first error carries that error's hint in `hint` (JSON: added;
/// CLI text: a `hint:` line under the path). Strict decoding's unknown field
/// (k8s.io/apimachinery pkg/runtime/serializer/json strict errors: `unknown field "…"`) with our
/// "did you mean" (core::strict).
#[test]
fn hints_stay_apart_in_why_and_paths_strict_unknown_field() {
    // the Service itself refused
    let svc = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selecter:\n    app: web\n  ports:\n  - port: 80\n";
    let r = analyze(svc, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.severity == super::diag::Severity::Error).expect("an error");
    let hint = d.hint.clone().expect("a hint");
    let c = checklist(svc, &r, &r.service_key(0), "pod").into_iter().find(|c| c.key == "accepted").expect("accepted");
    assert_eq!(c.status, "fail");
    assert!(!c.why.contains(&hint), "{}", c.why);
    assert_eq!(c.hint.as_deref(), Some(hint.as_str()));
    let p = &r.services[0].paths[0];
    assert!(p.reason.starts_with("the API server rejected this Service") && p.reason.ends_with(&d.message), "{}", p.reason);
    assert_eq!(p.hint.as_deref(), Some(hint.as_str()));
    assert!(serde_json::to_string(&r).unwrap().contains(&format!("\"hint\":{}", serde_json::to_string(&hint).unwrap())));
    assert!(r.to_text().contains(&format!("    hint: {hint}\n")), "{}", r.to_text());

    // a Deployment it would select refused: the path's reason quotes its error, the hint apart
    let dep = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replica: 1\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx\n";
    let r = analyze(dep, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.severity == super::diag::Severity::Error && d.object.as_deref() == Some("Deployment/default/web")).expect("an error");
    let hint = d.hint.clone().expect("a hint");
    let p = &r.services[0].paths[0];
    assert!(p.reason.contains("Deployment web was refused by the API server, so it does not exist ("), "{}", p.reason);
    assert!(!p.reason.contains(&hint), "{}", p.reason);
    assert_eq!(p.hint.as_deref(), Some(hint.as_str()));
    let c = checklist(dep, &r, &r.service_key(0), "pod").into_iter().find(|c| c.key == "selector").expect("selector");
    assert!(c.why.contains("Deployment web was refused by the API server, so it runs no pods: "), "{}", c.why);
    assert!(!c.why.contains(&hint), "{}", c.why);
    assert_eq!(c.hint.as_deref(), Some(hint.as_str()));
    // no hint: no field
    let r = analyze(&dep.replace("replica:", "replicas:"), &Config::default());
    assert!(r.services[0].paths.iter().all(|p| p.hint.is_none()));
    assert!(!serde_json::to_string(&r.services[0].paths).unwrap().contains("\"hint\""));
}

/// The embedding `error` event (crate::ui::api; docs/embedding.md "postMessage"): `errors` as
/// before (`line:column: message`, Kubernetes' words only) and, added, each error's hint apart
/// (`hints`; `hint` the first's). validateServicePort: a quoted number as targetPort is a port
/// name and needs a letter (pkg/apis/core/validation/validation.go), with our "without quotes".
#[test]
fn embedding_error_event_carries_the_hint_apart_validation_go_validate_service_port() {
    let svc = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: \"8080\"\n";
    let r = analyze(svc, &Config::default());
    let f = crate::hostopts::error_event_fields(&r.diagnostics);
    assert_eq!(
        f,
        vec![("10:17: spec.ports[0].targetPort: Invalid value: \"8080\": must contain at least one letter (a-z)".to_string(), Some("write 8080 without quotes: a quoted number is a port name".to_string()))]
    );
}

/// The Gateway API entry: the Gateway's proxy connects to the endpoint pods itself (Envoy
/// Gateway's routingType Endpoint, envoyproxy_types.go), so an ingress policy isolating them
/// must admit the proxy's pods — whose namespace and labels the input does not show. Why's
/// NetworkPolicy check said "No NetworkPolicy in the input refuses this request"; it now warns
/// with the policy (NetworkPolicySpec: an isolated pod takes only what a rule allows,
/// networking/v1 types.go). A rule with no `from` on the port admits it: nothing said.
#[test]
fn gateway_route_names_the_policy_its_proxy_must_pass_networking_v1_policy_spec() {
    let svc = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: 8080\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n  - name: app\n    image: nginx\n    ports:\n    - containerPort: 8080\n---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: web\nspec:\n  parentRefs:\n  - name: gateway\n  rules:\n  - backendRefs:\n    - name: web\n      port: 80\n---\n";
    let np = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web-in\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          app: frontend\n";
    let text = format!("{svc}{np}");
    let r = analyze(&text, &Config::default());
    let p = r.services[0].paths.iter().find(|p| p.entry == Entry::HttpRoute).expect("route path");
    assert_eq!(p.outcome, Outcome::Delivered, "{}", p.reason);
    assert!(p.reason.ends_with("; NetworkPolicy web-in isolates the endpoint pods for ingress: it must admit the Gateway's proxy pods (their namespace and labels are the Gateway implementation's, not in this input), or an enforcing network plugin drops the proxy's connections"), "{}", p.reason);
    let (status, why) = netpol_check(&text, &r, "httproute@web");
    assert_eq!(status, "warn");
    assert!(why.starts_with("NetworkPolicy web-in isolates the endpoint pods"), "{why}");
    // a rule admitting every source on the port: nothing to say
    let open = np.replace("  - from:\n    - podSelector:\n        matchLabels:\n          app: frontend\n", "  - ports:\n    - port: 8080\n");
    let r = analyze(&format!("{svc}{open}"), &Config::default());
    let p = r.services[0].paths.iter().find(|p| p.entry == Entry::HttpRoute).expect("route path");
    assert!(!p.reason.contains("NetworkPolic"), "{}", p.reason);
}

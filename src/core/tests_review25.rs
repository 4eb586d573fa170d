//! review25: session 22's rules read against upstream (whatif22's node-down and rollout,
//! learn18's EndpointSlice block, corpus12's kubectl validation and metav1.Time words,
//! uicheck22's Gateway note). Each test fails without its fix and names the upstream function.

use super::analyze;
use super::config::Config;
use super::presets;

fn preset(id: &str, down: &[&str]) -> super::Report {
    let p = presets::find(id).unwrap();
    analyze(p.yaml, &Config { cloud: p.cloud, down: down.iter().map(|s| s.to_string()).collect(), ..Config::default() })
}

/// headless-statefulset: the node of db's first pod goes down. The taint eviction controller
/// deletes the pod 300 s later, but the pod stays Terminating (its kubelet, which confirms a
/// graceful deletion, is unreachable: kubernetes/kubernetes#54368, closed as by design), and
/// the StatefulSet controller creates a pod of an ordinal only when none exists
/// (pkg/controller/statefulset/stateful_set_control.go: "StatefulSet is waiting for Pod to
/// Terminate"). whatif22's note said "its controller then creates a replacement, which the
/// scheduler places on a node without the taint" (WRONG for a StatefulSet's pod).
#[test]
fn statefulset_pod_on_a_down_node_is_not_replaced_stateful_set_control_waits_for_terminate() {
    let before = preset("headless-statefulset", &[]);
    let db0 = before.pods.iter().find(|p| p.pod.owner.as_deref() == Some("StatefulSet/db")).unwrap();
    let node = db0.pod.node.clone().unwrap();
    let after = preset("headless-statefulset", &[&node]);
    let notes: Vec<&str> = after.diagnostics.iter().filter(|d| d.code == "TaintEviction").map(|d| d.message.as_str()).collect();
    let db = notes.iter().find(|m| m.contains(&format!("on node {node}:")) && m.contains("db-")).unwrap_or_else(|| panic!("{notes:#?}"));
    assert!(!db.contains("creates a replacement"), "{db}");
    // (the what-if's words are learnfix19's: "creates no new db-N while the old one exists")
    assert!(db.contains("stays Terminating") && db.contains("the StatefulSet controller creates no new db-"), "{db}");
    // a Deployment's pods on a down node are still replaced (a terminating pod is not an active
    // one: controller_utils.go FilterActivePods)
    let web = preset("web-clusterip", &[]);
    let n = web.pods[0].pod.node.clone().unwrap();
    let web = preset("web-clusterip", &[&n]);
    assert!(web.diagnostics.iter().any(|d| d.code == "TaintEviction" && d.message.contains("it creates a replacement")));
}

/// The page's node-down and node-back words (ui/whatif_node.rs, now from the core). whatif22
/// said "300 s later (the toleration the DefaultTolerationSeconds admission plugin gives every
/// pod) … their controllers create replacements on the other nodes" (OVERCLAIM: the plugin
/// adds none to a pod that tolerates the taint itself, plugin/pkg/admission/
/// defaulttolerationseconds; WRONG for a StatefulSet, stateful_set_control.go waits for its
/// Terminating pod, which an unreachable kubelet never ends: kubernetes/kubernetes#54368), and
/// on the way back "the node lifecycle controller sets Ready True" (WRONG: the kubelet posts the
/// Ready condition, kubelet nodestatus setters.go ReadyCondition; the controller only removes
/// the taints, node_lifecycle_controller.go doNoScheduleTaintingPass / markNodeAsReachable).
#[test]
fn node_down_and_back_words_kubelet_posts_ready_statefulset_waits_for_terminate() {
    let down = super::cluster::node_down_status("worker-1", &["web-1", "db-0"]);
    assert!(down.contains("its 2 pods (web-1, db-0) are marked Ready=False"), "{down}");
    assert!(down.contains("gives every pod that sets none of its own"), "{down}");
    assert!(!down.contains("their controllers create replacements"), "{down}");
    assert!(down.contains("a StatefulSet creates none until its pod is gone"), "{down}");
    assert!(down.contains("they stay Terminating"), "{down}");
    // (whatif23 places the replacements by the scheduler's filters, or leaves them Pending: the
    // page's words do not promise "the other nodes")
    assert!(!down.contains("places on the other nodes") && down.contains("places where its filters allow"), "{down}");
    let back = super::cluster::node_back_status("worker-1");
    assert!(!back.contains("controller sets Ready True"), "{back}");
    assert!(back.contains("its kubelet posts status again with Ready True, so the node lifecycle controller removes the node.kubernetes.io/unreachable taints"), "{back}");
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap()
}

/// learn18's EndpointSlice block printed what `kubectl get endpointslices -o yaml` prints, but
/// without the Service's own labels (its words even said they are copied), without each
/// endpoint's zone and without the hints of trafficDistribution (WRONG for such inputs):
/// k8s.io/endpointslice utils.go setEndpointSliceLabels (the Service's labels but the reserved
/// keys, then service-name and managed-by), podToEndpoint (`zone` from the node's
/// topology.kubernetes.io/zone when not empty), trafficdist.go preferCloseHeuristic.update
/// (ready endpoints with a zone get `hints.forZones` of it; none for the others).
#[test]
fn endpointslice_yaml_has_service_labels_zone_and_hints_set_endpoint_slice_labels_pod_to_endpoint() {
    let r = analyze(&fixture("review25/epslice-zones-labels-prefer-close.yaml"), &Config::default());
    let s = r.services.iter().find(|s| s.name == "web").unwrap();
    let v = super::epslice::view(s, &r.nodes);
    let y = v.yaml.unwrap();
    let want = "\
  - addresses:
    - ADDR_A
    conditions:
      ready: true
      serving: true
      terminating: false
    hints:
      forZones:
      - name: zone-a
    nodeName: node-1
    targetRef:
      kind: Pod
      name: web-a
      namespace: default
    zone: zone-a
  - addresses:
    - ADDR_B
    conditions:
      ready: true
      serving: true
      terminating: false
    nodeName: node-2
    targetRef:
      kind: Pod
      name: web-b
      namespace: default
  - addresses:
    - ADDR_C
    conditions:
      ready: false
      serving: false
      terminating: false
    nodeName: node-3
    targetRef:
      kind: Pod
      name: web-c
      namespace: default
    zone: zone-b
  kind: EndpointSlice
  metadata:
    generateName: web-
    labels:
      app.kubernetes.io/name: web
      endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io
      helm.sh/chart: web-1.2.0
      kubernetes.io/service-name: web
    name: web-xxxxx
";
    let ip = |p: &str| s.endpoints.iter().find(|e| e.pod.as_deref() == Some(p)).unwrap().ip.clone();
    let want = want.replace("ADDR_A", &ip("web-a")).replace("ADDR_B", &ip("web-b")).replace("ADDR_C", &ip("web-c"));
    assert!(y.contains(&want), "{y}");
    assert!(v.lines.iter().any(|l| l.starts_with("hints: trafficDistribution PreferClose: the controller hints each ready endpoint for its own zone;")), "{:#?}", v.lines);
    // without trafficDistribution: the zone stays, no hints
    let plain = fixture("review25/epslice-zones-labels-prefer-close.yaml").replace("  trafficDistribution: PreferClose\n", "");
    let r = analyze(&plain, &Config::default());
    let y = super::epslice::view(r.services.iter().find(|s| s.name == "web").unwrap(), &r.nodes).yaml.unwrap();
    assert!(!y.contains("hints:") && y.contains("    zone: zone-a\n"), "{y}");
}

/// uicheck22's Gateway note said "it is drawn as a Gateway box outside the cluster, in front of
/// the Services its routes lead to" for every Gateway (OVERCLAIM: core::layout gateway_boxes
/// draws one only for a route path of the selected Service whose first hop is the Gateway; a
/// Gateway pasted without routes has no box). Real YAML: the Gateway of gateway-api's
/// examples/standard/simple-gateway/gateway.yaml (prod-web), alone.
#[test]
fn a_gateway_without_routes_is_not_said_to_be_drawn_layout_gateway_boxes() {
    let yaml = "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: prod-web\nspec:\n  gatewayClassName: example\n  listeners:\n  - protocol: HTTP\n    port: 80\n    name: prod-web-gw\n    allowedRoutes:\n      namespaces:\n        from: Same\n";
    let r = analyze(yaml, &Config::default());
    let note = r.diagnostics.iter().find(|d| d.code == "IgnoredKind" && d.message.starts_with("Gateway (")).unwrap_or_else(|| panic!("{:#?}", r.diagnostics));
    assert!(!note.message.contains("; it is drawn as a Gateway box"), "{}", note.message);
    assert!(note.message.contains("where a route of the input names it as its parent and leads to one of the input's Services, it is drawn as a Gateway box"), "{}", note.message);
}

/// whatif22's rollout what-if rolled a paused Deployment out like any other (WRONG: the
/// deployment controller's syncDeployment only scales a paused Deployment,
/// `if d.Spec.Paused { return dc.sync(ctx, d, rsList) }`, and sync creates no new ReplicaSet:
/// getAllReplicaSetsAndSyncRevision(…, createIfNotExisted false); `kubectl rollout pause`).
/// web-clusterip with `paused: true`: the pods stay the old ReplicaSet's, and the note says why.
#[test]
fn a_paused_deployment_rolls_nothing_out_sync_deployment_paused() {
    let p = presets::find("web-clusterip").unwrap();
    let paused = p.yaml.replacen("spec:\n  replicas: 3\n", "spec:\n  paused: true\n  replicas: 3\n", 1);
    assert_ne!(paused, p.yaml);
    let cfg = |rollout: Vec<String>| Config { cloud: p.cloud, rollout, ..Config::default() };
    let before = analyze(&paused, &cfg(Vec::new()));
    let after = analyze(&paused, &cfg(vec!["default/web".into()]));
    let names = |r: &super::Report| r.pods.iter().map(|p| (p.name.clone(), p.ready)).collect::<Vec<_>>();
    assert_eq!(names(&after), names(&before));
    let note = after.diagnostics.iter().find(|d| d.code == "RollingUpdate").unwrap_or_else(|| panic!("{:#?}", after.diagnostics));
    assert!(note.message.starts_with("Deployment web rolls out no new version while it is paused (spec.paused: true"), "{}", note.message);
    assert!(note.message.contains("kubectl rollout resume deployment/web"), "{}", note.message);
}

fn ingress_note(r: &super::Report, svc: &str) -> String {
    let s = r.services.iter().find(|s| s.name == svc).unwrap();
    s.paths.iter().find(|p| p.entry == super::paths::Entry::Ingress).and_then(|p| p.note.clone()).unwrap_or_default()
}

/// qa10 09 said the controller answers 502 whenever the TLS backend refuses plain HTTP,
/// "(\"400 The plain HTTP request was sent to HTTPS port\", or a reset)" (WRONG for an nginx
/// backend: its 400 is an HTTP response, which ingress-nginx's proxy_pass hands to the client;
/// 502 comes from a close or reset), and called backend-protocol "FCGI" unknown, so HTTP
/// (WRONG: ingress-nginx v1.15 internal/ingress/annotations/backendprotocol/main.go
/// validProtocols = auto_http, http, https, grpc, grpcs, fcgi; docs/user-guide/fcgi-services.md).
#[test]
fn plain_http_to_tls_backend_words_backendprotocol_valid_protocols_fcgi() {
    let text = fixture("qa10-09-https-backend-443.yaml");
    let n = ingress_note(&analyze(&text, &Config::default()), "tt-core-web-service-dev");
    assert!(!n.contains("or a reset) and the controller answers 502"), "{n}");
    assert!(n.contains("an nginx backend answers 400 \"The plain HTTP request was sent to HTTPS port\", which the controller passes on to the client, and a server that closes or resets the connection instead makes the controller answer 502 Bad Gateway"), "{n}");
    let fcgi = text.replacen("    nginx.ingress.kubernetes.io/rewrite-target: /\n", "    nginx.ingress.kubernetes.io/rewrite-target: /\n    nginx.ingress.kubernetes.io/backend-protocol: \"FCGI\"\n", 1);
    assert_ne!(fcgi, text);
    let n = ingress_note(&analyze(&fcgi, &Config::default()), "tt-core-web-service-dev");
    assert!(!n.contains("is not one it knows") && !n.contains("speaks plain HTTP"), "{n}");
}

/// qa10 05: the SCTP port-forward note said "the runtime dials TCP port <Service port> in the pod"
/// (WRONG where targetPort differs: kubectl portforward.go translateServicePortToTargetPort
/// forwards to the pod port the Service port targets); the service-proxy-name words said every
/// connection "times out" where no proxy serves the name (OVERCLAIM: at a nodePort nothing
/// listens, so the node refuses the connection). kpng#61's Service with targetPort 7000.
#[test]
fn sctp_port_forward_dials_the_target_port_translate_service_port_to_target_port() {
    let text = fixture("qa10-05-service-proxy-name.yaml");
    let moved = text.replacen("    protocol: SCTP\n---", "    protocol: SCTP\n    targetPort: 7000\n---", 1);
    assert_ne!(moved, text);
    let r = analyze(&moved, &Config::default());
    let s = r.services.iter().find(|s| s.name == "sctp-test").unwrap();
    let n = s.paths.iter().find(|p| p.entry == super::paths::Entry::Outside).and_then(|p| p.note.clone()).unwrap();
    assert!(!n.contains("dials TCP port 6000"), "{n}");
    assert!(n.contains("the runtime dials TCP, in the pod it picks, to the pod port that Service port 6000 targets"), "{n}");
    let d = r.diagnostics.iter().find(|d| d.code == "ServiceProxyName").unwrap();
    assert!(!d.message.contains("connections to them time out."), "{}", d.message);
    assert!(d.message.contains("connections to them fail (they time out, or are refused where a node's port has no listener)"), "{}", d.message);
    let p = s.paths.iter().find(|p| p.entry == super::paths::Entry::Pod).unwrap();
    assert!(p.hops.last().unwrap().explanation.ends_with("the connection fails (it times out, or is refused where a node's port has no listener)"), "{:#?}", p.hops);
}

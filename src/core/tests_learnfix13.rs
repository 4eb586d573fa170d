//! What the learner11 test found (/work/learner11/report.md), fixed: each test feeds the
//! learner's own input (tests/fixtures/learner11) and asserts the sentence that answers it, with
//! the upstream source it rests on (each test's doc names the repository path and function).

use super::analyze;
use super::config::Config;
use super::diag::Severity;
use super::paths::Entry;
use super::report::Report;

fn fixture(file: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/learner11").join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn messages(r: &Report, code: &str) -> Vec<String> {
    r.diagnostics.iter().filter(|d| d.code == code).map(|d| d.message.clone()).collect()
}

/// W q/38: two ports 80/TCP. The error stays the API server's: ValidateService
/// (pkg/apis/core/validation/validation.go) `field.Duplicate(portPath, key)` with key
/// `core.ServicePort{Protocol, Port}`, printed by apimachinery field/errors.go ErrorBody with
/// json.Marshal since c58e197e "Nicer value rendering in API errors" (kubernetes-1.34.0; the
/// `%#v` the learner quoted is the fallback for values Marshal fails on, and what releases
/// before 1.34 printed). After it, a plain info names the two entries.
#[test]
fn duplicate_service_port_validate_service_field_duplicate_then_plain_hint() {
    let r = analyze(&fixture("38-multiport-duplicate-port.yaml"), &Config::default());
    let errs: Vec<&str> = r.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| d.message.as_str()).collect();
    assert_eq!(errs, vec!["spec.ports[1]: Duplicate value: {\"Name\":\"\",\"Protocol\":\"TCP\",\"AppProtocol\":null,\"Port\":80,\"TargetPort\":0,\"NodePort\":0}"]);
    let hint = r.diagnostics.iter().find(|d| d.code == "DuplicatePortHint").expect("a hint");
    assert_eq!(hint.severity, Severity::Info);
    assert_eq!(hint.object.as_deref(), Some("Service/default/web"));
    assert!(hint.message.starts_with("80/TCP is used by ports[0] and ports[1]"), "{}", hint.message);
    assert_eq!(hint.line, 12);
    // the path still says the API server's words first
    let p = &r.services[0].paths[0];
    assert!(p.reason.ends_with("spec.ports[1]: Duplicate value: {\"Name\":\"\",\"Protocol\":\"TCP\",\"AppProtocol\":null,\"Port\":80,\"TargetPort\":0,\"NodePort\":0}"), "{}", p.reason);
}

/// M q/08: an Ingress without spec.ingressClassName (nor kubernetes.io/ingress.class), no
/// default IngressClass: an info (ingress-nginx ignores it unless --watch-ingress-without-class,
/// charts/ingress-nginx values.yaml watchIngressWithoutClass "Defaults to false"), and the path's
/// note says so. With an IngressClass annotated ingressclass.kubernetes.io/is-default-class:
/// "true" the DefaultIngressClass admission plugin (plugin/pkg/admission/network/
/// defaultingressclass admission.go Admit, getDefaultClass) sets the field: the path names the
/// class, and no "ignored" note.
#[test]
fn ingress_without_class_defaultingressclass_admission_admit() {
    let text = fixture("08-ingress-no-class.yaml");
    let r = analyze(&text, &Config::default());
    let m = messages(&r, "IngressClassName");
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].contains("ingress controllers ignore an Ingress without a class") && m[0].contains("--watch-ingress-without-class") && m[0].contains("ingressclass.kubernetes.io/is-default-class"), "{}", m[0]);
    let p = r.services[0].paths.iter().find(|p| p.entry == Entry::Ingress).expect("an ingress path");
    assert!(p.note.as_deref().is_some_and(|n| n.contains("names no class")), "{:?}", p.note);

    let class = "---\napiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: nginx\n  annotations:\n    ingressclass.kubernetes.io/is-default-class: \"true\"\nspec:\n  controller: k8s.io/ingress-nginx\n";
    let with = format!("{text}{class}");
    let r = analyze(&with, &Config::default());
    let d = messages(&r, "DefaultIngressClass");
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(d[0].starts_with("IngressClass nginx is the default"), "{}", d[0]);
    let m = messages(&r, "IngressClassName");
    assert!(m.len() == 1 && m[0].contains("the DefaultIngressClass admission plugin sets it to nginx"), "{m:?}");
    let p = r.services[0].paths.iter().find(|p| p.entry == Entry::Ingress).expect("an ingress path");
    assert!(p.hops[0].explanation.contains("(class nginx: the default IngressClass"), "{}", p.hops[0].explanation);
    assert!(p.note.is_none(), "{:?}", p.note);
    // "True" is not "true" (getDefaultClass compares the string)
    let r = analyze(&with.replace("\"true\"", "\"True\""), &Config::default());
    assert!(messages(&r, "DefaultIngressClass").is_empty());
    // a class named: nothing said
    let named = text.replace("spec:\n  rules:", "spec:\n  ingressClassName: nginx\n  rules:");
    let r = analyze(&named, &Config::default());
    assert!(messages(&r, "IngressClassName").is_empty());
}

/// M q/24: sessionAffinity: ClientIP behind an Ingress. kube-proxy keeps the affinity; the
/// controller's own connections to the endpoints skip kube-proxy, so the path's note says it is
/// unused and names ingress-nginx's nginx.ingress.kubernetes.io/affinity: cookie
/// (kubernetes/ingress-nginx docs examples/affinity/cookie).
#[test]
fn affinity_behind_ingress_unused_ingress_nginx_affinity_cookie() {
    let text = fixture("24-affinity-behind-ingress.yaml");
    let r = analyze(&text, &Config::default());
    let p = r.services[0].paths.iter().find(|p| p.entry == Entry::Ingress).expect("an ingress path");
    let note = p.note.as_deref().unwrap_or_default();
    assert!(note.contains("sessionAffinity: ClientIP is not used on this path") && note.contains("nginx.ingress.kubernetes.io/affinity: cookie") && note.contains("has none"), "{note}");
    let cookie = text.replace("  name: web\nspec:\n  ingressClassName", "  name: web\n  annotations:\n    nginx.ingress.kubernetes.io/affinity: cookie\nspec:\n  ingressClassName");
    assert_ne!(cookie, text);
    let r = analyze(&cookie, &Config::default());
    let p = r.services[0].paths.iter().find(|p| p.entry == Entry::Ingress).expect("an ingress path");
    assert!(p.note.as_deref().is_some_and(|n| n.contains("This Ingress asks ingress-nginx for nginx.ingress.kubernetes.io/affinity: cookie")), "{:?}", p.note);
    // no affinity: no note
    let r = analyze(&text.replace("  sessionAffinity: ClientIP\n", ""), &Config::default());
    let p = r.services[0].paths.iter().find(|p| p.entry == Entry::Ingress).expect("an ingress path");
    assert!(p.note.is_none(), "{:?}", p.note);
}

/// U q/11: a policy port naming the Service's port (80), not the pod's (8080). NetworkPolicyPort
/// (networking/v1 types.go: "the port on the given protocol" of the selected pods) is matched
/// after kube-proxy's DNAT: the drop says which port the rule names and which it must name.
#[test]
fn policy_port_is_service_port_networkpolicyport_after_dnat() {
    let r = analyze(&fixture("11-netpol-port-is-service-port.yaml"), &Config::default());
    let p = &r.services[0].paths[0];
    assert!(p.reason.contains("(the rule names port 80, the Service's port; policies see the pod's port 8080 after kube-proxy's DNAT: name 8080)"), "{}", p.reason);
    // naming 8080: admitted, and nothing of the kind said
    let r = analyze(&fixture("11-netpol-port-is-service-port.yaml").replace("    - port: 80\n", "    - port: 8080\n"), &Config::default());
    assert!(!r.services[0].paths[0].reason.contains("the Service's port"), "{}", r.services[0].paths[0].reason);
}

/// U q/21 and q/20: `<hostname>.<subdomain>` not found. The record is
/// `<hostname>.<subdomain>.<ns>.svc.<zone>` (kubernetes/dns docs/specification.md 2.4.1; a
/// StatefulSet's pods take hostname = pod name, subdomain = serviceName: pkg/controller/
/// statefulset stateful_set_utils.go updateIdentity): from another namespace the tip names the
/// namespace, not the trailing dot; under the wrong subdomain it names the pod's.
#[test]
fn pod_hostname_subdomain_other_namespace_or_subdomain_spec_2_4_1() {
    let r = analyze(&fixture("21-sts-other-namespace-dns.yaml"), &Config::default());
    let l = super::dnsquery::lookup(&r, "default", "client", "db-0.db");
    assert!(l.summary.contains("pod db-0 is in namespace data, not default: ask db-0.db.data"), "{}", l.summary);
    assert!(!l.summary.contains("trailing dot"), "{}", l.summary);
    let r = analyze(&fixture("20-sts-servicename-missing.yaml"), &Config::default());
    let client = r.pods.iter().find(|p| p.namespace == "default").map(|p| p.name.clone()).expect("a pod");
    let l = super::dnsquery::lookup(&r, "default", &client, "db-0.db-hl");
    assert!(l.summary.contains("pod db-0's subdomain is db, not db-hl"), "{}", l.summary);
}

/// U q/07: an Ingress backend `web.shop`: the DNS-1035 error (ValidateIngressBackend,
/// pkg/apis/networking/validation) stays, and an info says a backend names a Service of the
/// Ingress's own namespace (networking/v1 IngressServiceBackend.name: "The service must exist in
/// the same namespace as the Ingress object") and what reaches another namespace.
#[test]
fn ingress_backend_other_namespace_ingress_service_backend_same_namespace() {
    let r = analyze(&fixture("07-ingress-other-namespace-backend.yaml"), &Config::default());
    assert!(r.diagnostics.iter().any(|d| d.severity == Severity::Error && d.message.contains("Invalid value: \"web.shop\": a DNS-1035 label")));
    let m = messages(&r, "IngressBackendNamespace");
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].contains("make an ExternalName Service here (externalName: web.shop.svc.cluster.local"), "{}", m[0]);
}

/// U q/17: `externalName: api.example.com.` (a trailing dot: fully qualified) printed
/// "api.example.com.." at a sentence's end.
#[test]
fn externalname_trailing_dot_no_doubled_dot() {
    let r = analyze(&fixture("17-externalname-trailing-dot.yaml"), &Config::default());
    let text: String = r.services[0].paths.iter().flat_map(|p| p.hops.iter()).map(|h| h.explanation.clone()).collect::<Vec<_>>().join("\n");
    assert!(!text.contains(".."), "{text}");
    assert!(text.contains("is an alias of api.example.com. There is no clusterIP"), "{text}");
}

/// M q/49: service.kubernetes.io/topology-mode: Auto. The EndpointSlice controller's topology
/// cache (k8s.io/endpointslice topologycache topologycache.go SetNodes, getAllocations,
/// AddHints; event.go messages) hints each ready endpoint for its own zone when every counted
/// node has a zone and CPU, there are two zones or more, and each zone's endpoints fit its CPU
/// share; kube-proxy then keeps the endpoints hinted for its node's zone (pkg/proxy/topology.go
/// topologyModeFromHints). Else the path says the controller's own reason.
#[test]
fn topology_mode_auto_topologycache_add_hints_and_kube_proxy_topology_mode_from_hints() {
    let text = fixture("49-topology-mode-auto.yaml");
    let r = analyze(&text, &Config { client_node: Some("node-3".into()), ..Config::default() });
    let p = r.services[0].paths.iter().find(|p| p.entry == Entry::Pod).expect("a pod path");
    assert_eq!(p.backends.len(), 1, "{p:#?}");
    assert_eq!(p.backends[0].pod.as_deref(), Some("web-3"));
    let said = p.hops.iter().map(|h| h.explanation.as_str()).collect::<Vec<_>>().join("\n");
    assert!(said.contains("service.kubernetes.io/topology-mode: Auto: the EndpointSlice controller hints each ready endpoint for its own zone") && said.contains("uses the endpoints hinted for its zone zone-c only") && said.contains("counted as 1 CPU here"), "{said}");
    // two zones only with endpoints, three zones of nodes: zone-c gets none, "Insufficient
    // number of endpoints" is not it (3 endpoints), but the spread does not match the CPU
    let two = text.replace("  nodeName: node-3\n", "  nodeName: node-2\n");
    let r = analyze(&two, &Config::default());
    let p = r.services[0].paths.iter().find(|p| p.entry == Entry::Pod).expect("a pod path");
    assert_eq!(p.backends.len(), 3);
    let said = p.hops.iter().map(|h| h.explanation.as_str()).collect::<Vec<_>>().join("\n");
    assert!(said.contains("are not spread as the zones' CPU is"), "{said}");
    // a node without a zone: InsufficientNodeInfo
    let nozone = text.replace("    topology.kubernetes.io/zone: zone-c\n", "");
    let r = analyze(&nozone, &Config::default());
    let p = r.services[0].paths.iter().find(|p| p.entry == Entry::Pod).expect("a pod path");
    let said = p.hops.iter().map(|h| h.explanation.as_str()).collect::<Vec<_>>().join("\n");
    assert!(said.contains("\"Insufficient Node information: allocatable CPU or zone not specified on one or more nodes, addressType: IPv4\" (node node-3 has no topology.kubernetes.io/zone label)"), "{said}");
    assert_eq!(p.backends.len(), 3);
    // one endpoint for three zones: InsufficientNumberOfEndpoints
    let one = text.replace("  name: web-2\n", "  name: web-2\n  namespace: other\n").replace("  name: web-3\n", "  name: web-3\n  namespace: other\n");
    let r = analyze(&one, &Config::default());
    let s = r.services.iter().find(|s| s.namespace == "default").expect("web");
    let said = s.paths.iter().find(|p| p.entry == Entry::Pod).map(|p| p.hops.iter().map(|h| h.explanation.clone()).collect::<Vec<_>>().join("\n")).unwrap_or_default();
    assert!(said.contains("\"Insufficient number of endpoints (1 endpoints, 3 zones), addressType: IPv4\""), "{said}");
}

/// U q/30: internalTrafficPolicy Local and a nodePort: ITP filters the clusterEndpoints only,
/// externalTrafficPolicy the externalEndpoints (pkg/proxy/topology.go CategorizeEndpoints), so
/// node-2 (no endpoint) still delivers; the hop says why.
#[test]
fn itp_local_nodeport_categorize_endpoints_external_policy_governs() {
    let r = analyze(&fixture("30-itp-local-from-outside.yaml"), &Config::default());
    let p = r.services[0].paths.iter().find(|p| p.entry == Entry::NodePort && p.node.as_deref() == Some("node-2")).expect("node-2's nodePort path");
    assert_eq!(p.backends.len(), 1);
    assert!(p.hops.iter().any(|h| h.explanation.contains("internalTrafficPolicy Local does not apply here: it governs traffic from inside the cluster to the clusterIP")), "{p:#?}");
}

/// U q/34: a dual-stack Service's text names spec.clusterIP = clusterIPs[0] (core/v1 types.go
/// ServiceSpec.ClusterIPs), the CLUSTER-IP of `kubectl get service` (printers.go printService).
#[test]
fn dual_stack_cluster_ip_is_cluster_ips_0_printers_print_service() {
    let r = analyze(&fixture("34-dual-require-which-clusterip.yaml"), &Config { dual_stack: true, ..Config::default() });
    let s = &r.services[0];
    assert_eq!(s.cluster_ips.len(), 2, "{:?}", s.cluster_ips);
    let text = r.to_text();
    assert!(text.contains(&format!("; spec.clusterIP is clusterIPs[0], {}: the CLUSTER-IP kubectl get service shows", s.cluster_ips[0])), "{text}");
}

/// U q/41: port-forward to svc/web 80 with targetPort http: kubectl maps the Service port to
/// the pod's container port (kubernetes/kubectl pkg/cmd/portforward portforward.go
/// translateServicePortToTargetPort); the note names it.
#[test]
fn port_forward_named_target_port_translate_service_port_to_target_port() {
    let r = analyze(&fixture("41-port-forward-named-targetport.yaml"), &Config::default());
    let p = r.services[0].paths.iter().find(|p| p.entry == Entry::Outside).expect("outside");
    let note = p.note.as_deref().unwrap_or_default();
    assert!(note.contains("kubectl maps Service port 80 to targetPort http, which is container port 8080 of the pod it picks: localhost:8080 reaches that pod's port 8080."), "{note}");
}

/// q/27: LoadBalancer, externalTrafficPolicy Local: kube-proxy's health server on
/// healthCheckNodePort (pkg/proxy/healthcheck service_health.go ServeHTTP) answers 200 on the
/// nodes with ready local endpoints, 503 elsewhere: the report lists each node's answer (JSON
/// `healthCheck`, and a line per node in the text).
#[test]
fn etp_local_health_check_per_node_service_health_serve_http() {
    let r = analyze(&fixture("27-etp-local-lb-health.yaml"), &Config::default());
    let s = &r.services[0];
    assert!(s.health_check_node_port.is_some());
    let answers: Vec<(String, usize, u32)> = s.health_check.iter().map(|a| (a.node.clone(), a.local_endpoints, a.status)).collect();
    let on: Vec<&str> = r.pods.iter().filter_map(|p| p.node.as_deref()).collect();
    assert_eq!(answers.len(), 3);
    for (node, n, status) in &answers {
        let want = on.iter().filter(|x| **x == node).count();
        assert_eq!((*n, *status), (want, if want == 0 { 503 } else { 200 }), "{node}");
    }
    assert!(answers.iter().any(|a| a.2 == 503) && answers.iter().any(|a| a.2 == 200), "{answers:?}");
    let json: serde_json::Value = serde_json::from_str(&r.to_json()).expect("json");
    assert_eq!(json["services"][0]["healthCheck"][1]["status"], 503, "{json}");
    assert_eq!(json["services"][0]["healthCheck"][0]["localEndpoints"], 1, "{json}");
    let text = r.to_text();
    assert!(text.contains("    node node-2: 503 (0 local endpoints)") || text.contains(": 503 (0 local endpoints)"), "{text}");
    // no healthCheckNodePort: no field
    let r = analyze(&fixture("27-etp-local-lb-health.yaml").replace("  externalTrafficPolicy: Local\n", ""), &Config::default());
    assert!(r.services[0].health_check.is_empty() && !r.to_json().contains("\"healthCheck\""));
}

/// q/49, the rules panel: kube-proxy on node-3 writes one pick, for web-3 (the same hints as the
/// path: paths::auto_hints; pkg/proxy/topology.go topologyModeFromHints).
#[test]
fn topology_mode_auto_rules_pick_the_zone_endpoints_only() {
    let r = analyze(&fixture("49-topology-mode-auto.yaml"), &Config::default());
    let set = super::iptables::rules_for(&r.services[0], &r, "node-3");
    assert_eq!(set.rules.iter().filter(|x| x.matches == super::iptables::Match::Pick).count(), 1, "{set:#?}");
    let nozone = fixture("49-topology-mode-auto.yaml").replace("    topology.kubernetes.io/zone: zone-c\n", "");
    let r = analyze(&nozone, &Config::default());
    let set = super::iptables::rules_for(&r.services[0], &r, "node-3");
    assert_eq!(set.rules.iter().filter(|x| x.matches == super::iptables::Match::Pick).count(), 3);
}

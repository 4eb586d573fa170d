//! qafix3: what real questions (helper qa3's 33 Stack Overflow / GitHub threads) showed the
//! report gets wrong or misses. Each test reads the thread's own YAML (tests/fixtures/qa3-*).

use super::analyze;
use super::config::Config;
use super::paths::{Entry, Outcome};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap()
}

/// qa3 24 (Addyvan/valheim-k8s#24): a UDP Service before containerPorts written without protocol
/// (so TCP, SetDefaults_ContainerPort). We said "no container declares port 2456 … the
/// connection is refused" and offered "Set protocol: TCP" on the Service, which breaks a UDP game
/// server. Container.Ports "is primarily informational. Not specifying a port here DOES NOT
/// prevent that port from being exposed" (staging/src/k8s.io/api/core/v1/types.go): UDP arrives.
/// The likelier wrong side is the containerPort: its fix comes first, the Service's second.
#[test]
fn udp_service_before_a_tcp_containerport_is_informational_core_v1_container_ports() {
    let text = fixture("qa3-24-udp-service-tcp-containerport.yaml");
    let r = analyze(&text, &Config::default());
    let s = r.services.iter().find(|s| s.name == "valheim-server").expect("Service");
    let p = s.paths.iter().find(|p| p.entry == Entry::Pod && p.port == Some(2456)).expect("in-cluster path");
    assert_eq!(p.outcome, Outcome::UndeclaredPort);
    assert!(!p.reason.contains("refused") && !p.reason.contains("no container"), "{}", p.reason);
    assert!(p.reason.contains("declares port 2456 only as TCP") && p.reason.contains("UDP arrives"), "{}", p.reason);
    let last = &p.hops.last().unwrap().explanation;
    assert!(last.contains("only as TCP") && !last.contains("refused"), "{last}");
    let d = r.diagnostics.iter().find(|d| d.message.contains("spec.ports[0].targetPort")).expect("the targetPort warning");
    assert!(d.message.contains("only as 2456/TCP") && d.message.contains("most likely the containerPort lacks protocol: UDP") && !d.message.contains("refused"), "{}", d.message);
    let checks = super::checklist::checklist(&text, &r, "default/valheim-server", "pod");
    let c = checks.iter().find(|c| c.key == "targetPort").expect("targetPort check");
    let fix = c.fix.as_ref().expect("a fix");
    assert!(fix.label.starts_with("Set protocol: UDP on containerPort 2456"), "{}", fix.label);
    assert_eq!(fix.edit.new.trim(), "protocol: UDP", "{:?}", fix.edit);
    assert!(c.more_fixes.iter().any(|f| f.label.contains("Set protocol: TCP on the Service port (if the app serves only TCP)")), "{:?}", c.more_fixes.iter().map(|f| &f.label).collect::<Vec<_>>());
    assert!(c.why.contains("Most likely the containerPort lacks protocol: UDP"), "{}", c.why);
}

/// qa3 25 (Kong/charts#681): the reverse — the Service port's protocol is not written (TCP) and
/// the pod declares 9999/UDP: the Service side is the likelier wrong one; its fix stays first.
#[test]
fn tcp_service_before_a_udp_containerport_fixes_the_service_first_set_defaults_service() {
    let text = fixture("qa3-25-tcp-service-udp-containerport.yaml");
    let r = analyze(&text, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.message.contains("spec.ports[0].targetPort")).expect("the targetPort warning");
    assert!(d.message.contains("only as 9999/UDP") && d.message.contains("set protocol: UDP on this Service port") && !d.message.contains("refused"), "{}", d.message);
    let checks = super::checklist::checklist(&text, &r, "", "pod");
    let c = checks.iter().find(|c| c.key == "targetPort").expect("targetPort check");
    assert_eq!(c.fix.as_ref().map(|f| f.label.as_str()), Some("Set protocol: UDP"));
}

/// qa3 15 (zalando/skipper#246): the Ingress backend names port 8080, the targetPort of Service
/// port 80. The path said "rejected — 503 (ingress-nginx's words)" while the diagnostic said
/// ingress-nginx accepts a targetPort. The controller these paths model is ingress-nginx (every
/// class but alb), and it does: kubernetes/ingress-nginx internal/ingress/controller/controller.go
/// serviceEndpoints matches `servicePort.TargetPort.String() == backendPort`. Path, note and
/// diagnostic now agree, and say other controllers need port 80.
#[test]
fn ingress_backend_port_equal_to_a_target_port_is_routed_by_ingress_nginx_service_endpoints() {
    let text = fixture("qa3-15-ingress-backend-targetport.yaml");
    let r = analyze(&text, &Config::default());
    let s = r.services.iter().find(|s| s.name == "myapp").expect("Service");
    let p = s.paths.iter().find(|p| p.entry == Entry::Ingress).expect("ingress path");
    assert_eq!(p.outcome, Outcome::Delivered, "{}", p.reason);
    assert!(!p.hops.iter().any(|h| h.explanation.contains("503")), "{:?}", p.hops);
    assert_eq!(p.hops.last().map(|h| h.dst.as_str()), Some("10.244.0.2:8080"));
    let note = p.note.as_deref().unwrap_or_default();
    assert!(note.contains("ingress-nginx, the controller drawn here, matches a targetPort too") && note.contains("set port number 80"), "{note}");
    let d = r.diagnostics.iter().find(|d| d.message.contains("is a targetPort of Service myapp")).expect("the diagnostic");
    assert!(d.message.contains("ingress-nginx (the controller the paths model) matches a targetPort too and routes this") && d.message.contains("set port number 80"), "{}", d.message);
    // the class alb (AWS Load Balancer Controller) is another controller: no such port, 503
    let alb = text.replace("spec:\n  rules:", "spec:\n  ingressClassName: alb\n  rules:");
    let r = analyze(&alb, &Config::default());
    let p = r.services.iter().find(|s| s.name == "myapp").and_then(|s| s.paths.iter().find(|p| p.entry == Entry::Ingress)).expect("ingress path");
    assert_eq!(p.outcome, Outcome::Rejected, "{}", p.reason);
}

/// qa3 07 (kubernetes#80175): a headless Service without selector, its port named mongodb, and
/// a hand-written Endpoints whose port has no name. The DNS box said the SRV name has "No
/// Service, pod or endpoint" (false: the Service and 3 endpoints exist); the SRV record needs an
/// endpoint port of that name (kubernetes/dns docs/specification.md §2.4.2; coredns
/// plugin/kubernetes findServices). Why failed "kube-proxy has no endpoint for Service port
/// 27017", but kube-proxy skips headless Services (pkg/proxy/util ShouldSkipService).
#[test]
fn headless_srv_needs_a_named_endpoint_port_dns_spec_2_4_2_and_should_skip_service() {
    let text = fixture("qa3-07-headless-unnamed-endpoints-port.yaml");
    let r = analyze(&text, &Config::default());
    let l = super::dnsquery::lookup(&r, "srvtest", "client", "_mongodb._tcp.mongodb.srvtest.svc.cluster.local");
    // (the absolute name is asked first: 6 dots ≥ ndots 5; the search-path tries follow)
    let last = l.tries.iter().find(|t| t.query == "_mongodb._tcp.mongodb.srvtest.svc.cluster.local.").expect("the absolute query");
    assert_eq!(last.rcode, "NXDOMAIN");
    assert!(!last.note.contains("No Service, pod or endpoint"), "{}", last.note);
    assert!(last.note.contains("no endpoint has a port named mongodb") && last.note.contains("Name the Endpoints' port mongodb"), "{}", last.note);
    assert!(l.summary.contains("no endpoint has a port named mongodb"), "{}", l.summary);
    let checks = super::checklist::checklist(&text, &r, "srvtest/mongodb", "pod");
    let c = checks.iter().find(|c| c.key == "endpointPorts").expect("endpointPorts check");
    assert_eq!(c.status, "warn", "{}", c.why);
    assert!(!c.why.contains("kube-proxy has no endpoint") && c.why.contains("ShouldSkipService") && c.why.contains("_mongodb._tcp.mongodb.srvtest.svc.<zone> SRV has no answer"), "{}", c.why);
}

/// qa3 06 (kubernetes#90427): a Service without selector, targetPort 15461, Endpoints port 15460.
/// We printed "rewritten to 10.12.28.52:15460 (targetPort 15461)". Without a selector the
/// endpoints controller skips the Service (pkg/controller/endpoint/endpoints_controller.go
/// syncService), targetPort is never resolved, and kube-proxy uses the Endpoints' port.
#[test]
fn selectorless_service_target_port_is_unused_endpoints_controller_sync_service() {
    let text = fixture("qa3-06-selectorless-targetport-unused.yaml");
    let r = analyze(&text, &Config::default());
    let s = r.services.iter().find(|s| s.name == "postgres-metrics").expect("Service");
    let p = s.paths.iter().find(|p| p.entry == Entry::Pod).expect("in-cluster path");
    let last = &p.hops.last().unwrap().explanation;
    assert!(last.contains("to 10.12.28.52:15460 (the Endpoints' port: without a selector, targetPort 15461 is unused)"), "{last}");
    let t = r.to_text();
    assert!(t.contains("  port metrics:15460/TCP -> targetPort 15461\n    (no selector: targetPort 15461 is unused; traffic goes to the port your Endpoints give: 15460)"), "{t}");
}

/// qa3 20 (kubernetes#110445): a hostNetwork pod declares hostPort/containerPort 9999 while
/// nginx listens on 80; the report showed only the pod line. With hostNetwork the process binds
/// the node's ports itself and nothing remaps (pkg/apis/core/validation/validation.go
/// validateHostNetwork: hostPort must match containerPort). Said on the CLI pod line and in the
/// page's pod details (poddetails::host_ports).
#[test]
fn host_network_pod_ports_only_declare_validate_host_network() {
    let text = fixture("qa3-20-hostnetwork-hostport.yaml");
    let r = analyze(&text, &Config::default());
    let t = r.to_text();
    assert!(t.contains("  pod default/test-hostport on node-1 ip 192.168.49.2 Running, Ready [run=test-hostport]\n    hostNetwork: the process binds node-1's (192.168.49.2) ports itself"), "{t}");
    assert!(t.contains("and nothing remaps them (with hostNetwork hostPort must equal containerPort)"), "{t}");
    let p = r.pods.iter().find(|p| p.name == "test-hostport").unwrap();
    let lines = super::poddetails::host_ports(p, Some("192.168.49.2"));
    assert!(lines.len() == 1 && lines[0].starts_with("hostNetwork: "), "{lines:?}");
}

/// qa3 11 (nats-io/k8s#441, kubernetes#66234): StatefulSet peers dial nats-0.nats.nats.svc…
/// while the readinessProbe waits for the cluster to form. Per-pod names exist only for ready
/// endpoints (kubernetes/dns docs/specification.md §2.4.1) unless the headless Service sets
/// publishNotReadyAddresses (core/v1 types.go ServiceSpec.PublishNotReadyAddresses: StatefulSet
/// peer discovery). An info, worded as a likely cause; gone once the field is set.
#[test]
fn statefulset_peers_need_publish_not_ready_addresses_dns_spec_2_4_1() {
    let text = fixture("qa3-11-statefulset-peers-not-ready.yaml");
    let r = analyze(&text, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.message.contains("publishNotReadyAddresses")).expect("the note");
    assert_eq!(d.severity, super::diag::Severity::Info);
    assert!(d.message.contains("nats-0.nats.nats.svc") && d.message.contains("may never form") && d.message.contains("set publishNotReadyAddresses: true on Service nats"), "{}", d.message);
    let set = text.replace("  clusterIP: None\n", "  clusterIP: None\n  publishNotReadyAddresses: true\n");
    assert_ne!(set, text);
    let r = analyze(&set, &Config::default());
    assert!(!r.diagnostics.iter().any(|d| d.message.contains("set publishNotReadyAddresses")));
}

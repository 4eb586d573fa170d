//! Fidelity II (issue #8): each test names the upstream function (kubernetes/kubernetes unless
//! said) whose behaviour it pins, on the YAML people really paste.

use super::diag::{ErrorType, Severity};
use super::paths::Outcome;
use super::config::Config;
use super::tests::{deployment, errors, has_error, run, run_cfg, service, svc, PODS};

// core/v1 types.go ServiceSpec.Selector ("If empty or not present, the service is assumed to
// have an external process managing its endpoints"); pkg/controller/endpointslice
// endpointslice_controller.go syncService skips Services without a selector
#[test]
fn service_spec_selector_empty_is_no_selector() {
    let r = run(&format!("{}{PODS}", service("  selector: {}\n  ports:\n  - port: 80\n")));
    let s = svc(&r, "web");
    assert!(s.selector.is_none(), "{{}} must not select every pod");
    assert!(s.endpoints.is_empty());
    assert_eq!(s.paths[0].outcome, Outcome::Rejected);
    assert!(r.diagnostics.iter().any(|d| d.code == "Selectorless" && d.message.contains("empty selector")));
}

const TWO_SUBSETS: &str = "apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  ports:
  - {name: http, port: 80, targetPort: 8080}
  - {name: metrics, port: 9090, targetPort: 9100}
---
apiVersion: v1
kind: Endpoints
metadata: {name: db}
subsets:
- addresses: [{ip: 10.0.0.5}]
  ports: [{name: http, port: 8080}]
- addresses: [{ip: 10.0.0.5}]
  ports: [{name: metrics, port: 9100}]
";

// pkg/proxy/endpointslicecache.go endpointInfoByServicePort / addEndpoints: endpoints are grouped
// per Service port name and deduplicated by ip:port, not by IP
#[test]
fn endpointslicecache_groups_by_port_name_not_ip() {
    let r = run(TWO_SUBSETS);
    let s = svc(&r, "db");
    for port in [80, 9090] {
        let p = s.paths.iter().find(|p| p.entry == "pod" && p.port == Some(port)).unwrap();
        assert_eq!(p.outcome, Outcome::Delivered, "port {port}: {}", p.reason);
    }
    let metrics = s.paths.iter().find(|p| p.port == Some(9090)).unwrap();
    assert_eq!(metrics.backends[0].port, 9100);
    assert_eq!(metrics.backends[0].ip, "10.0.0.5");
}

// the same with two EndpointSlices naming the Service
#[test]
fn endpointslicecache_two_slices_same_ip_different_ports() {
    let src = TWO_SUBSETS.split("---").next().unwrap().to_string()
        + "---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: db-a, labels: {kubernetes.io/service-name: db}}
addressType: IPv4
endpoints: [{addresses: [10.0.0.5]}]
ports: [{name: http, port: 8080}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: db-b, labels: {kubernetes.io/service-name: db}}
addressType: IPv4
endpoints: [{addresses: [10.0.0.5]}]
ports: [{name: metrics, port: 9100}]
";
    let r = run(&src);
    let s = svc(&r, "db");
    assert!(s.paths.iter().filter(|p| p.entry == "pod").all(|p| p.outcome == Outcome::Delivered), "{:?}", s.paths);
}

// pkg/proxy/endpointslicecache.go addEndpoints: serving = Conditions.Serving == nil || *Serving;
// pkg/proxy/topology.go CategorizeEndpoints falls back to serving-and-terminating endpoints
#[test]
fn endpointslicecache_absent_serving_is_true_for_terminating_fallback() {
    let src = "apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  ports: [{port: 80}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: db-1, labels: {kubernetes.io/service-name: db}}
addressType: IPv4
endpoints:
- addresses: [10.0.0.7]
  conditions: {ready: false, terminating: true}
ports: [{port: 80}]
";
    let r = run(src);
    let p = &svc(&r, "db").paths[0];
    assert_eq!(p.outcome, Outcome::Delivered, "{}", p.reason);
    assert!(p.hops.last().unwrap().explanation.contains("terminating"));
}

// staging/src/k8s.io/endpointslice reconciler.go reconcileByAddressType: a pod whose ports do
// not resolve is still an endpoint (empty port list); kubernetes/dns specification 2.4.1: a
// headless Service has an A record per ready endpoint
#[test]
fn endpointslice_reconciler_headless_unresolved_named_port_still_publishes_a_records() {
    let src = format!(
        "{}{PODS}",
        service("  clusterIP: None\n  selector: {app: web}\n  ports:\n  - {name: grpc, port: 50051, targetPort: grpc}\n")
    );
    let r = run(&src);
    let s = svc(&r, "web");
    let fqdn = "web.default.svc.cluster.local";
    let a: Vec<&str> = s.dns_records.iter().filter(|d| d.kind == "A" && d.name == fqdn).map(|d| d.answer.as_str()).collect();
    assert_eq!(a.len(), 2, "{:?}", s.dns_records);
    assert!(s.endpoints.iter().all(|e| e.ports.is_empty()));
    assert_ne!(s.paths[0].outcome, Outcome::Nxdomain);
}

// ... and on a ClusterIP Service the same pods get no traffic on that port
#[test]
fn endpointslice_reconciler_clusterip_unresolved_named_port_gets_no_traffic() {
    let r = run(&format!("{}{PODS}", service("  selector: {app: web}\n  ports:\n  - {port: 80, targetPort: grpc}\n")));
    let s = svc(&r, "web");
    assert_eq!(s.endpoints.len(), 2);
    assert_eq!(s.paths[0].outcome, Outcome::Rejected);
    assert!(s.paths[0].reason.contains("no container port named \"grpc\""), "{}", s.paths[0].reason);
}

fn nodeport(ports: &str) -> String {
    service(&format!("  type: NodePort\n  selector: {{app: web}}\n  ports:\n{ports}"))
}

// pkg/registry/core/service/storage/alloc.go initNodePorts: two ports with different `port`
// numbers cannot request the same nodePort, even with different protocols
#[test]
fn init_node_ports_same_node_port_different_port_numbers_is_already_allocated() {
    let r = run(&nodeport("  - {name: a, port: 53, protocol: TCP, nodePort: 30053}\n  - {name: b, port: 54, protocol: UDP, nodePort: 30053}\n"));
    assert_eq!(errors(&r), vec!["spec.ports[1].nodePort: Invalid value: 30053: provided port is already allocated".to_string()]);
    assert!(svc(&r, "web").rejected);
}

// initNodePorts + findRequestedNodePort: ports with the same `port` number share the nodePort any
// of them requests — the TCP port without a nodePort gets the UDP port's 30054
#[test]
fn init_node_ports_find_requested_node_port_shares_by_port_number() {
    let r = run(&nodeport("  - {name: dns, port: 53, protocol: TCP}\n  - {name: dns-udp, port: 53, protocol: UDP, nodePort: 30054}\n"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let s = svc(&r, "web");
    assert_eq!(s.ports[0].node_port, Some(30054));
    assert_eq!(s.ports[1].node_port, Some(30054));
}

// alloc.go initNodePorts: the same port number may still ask for two different nodePorts
// (then ValidateService's Duplicate (port, protocol) check decides)
#[test]
fn init_node_ports_out_of_range_reports_the_range() {
    let r = run(&nodeport("  - {port: 80, nodePort: 80}\n"));
    assert!(has_error(&r, "spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767"), "{:?}", errors(&r));
}

// alloc.go txnAllocNodePorts: a healthCheckNodePort failure is errors.NewInternalError
#[test]
fn alloc_health_check_node_port_failure_is_an_internal_error() {
    let src = format!(
        "{}---\n{}",
        nodeport("  - {port: 80, nodePort: 30080}\n"),
        "apiVersion: v1\nkind: Service\nmetadata: {name: lb}\nspec:\n  type: LoadBalancer\n  externalTrafficPolicy: Local\n  healthCheckNodePort: 30080\n  selector: {app: web}\n  ports: [{port: 80}]\n"
    );
    let r = run(&src);
    let d = r.diagnostics.iter().find(|d| d.object.as_deref() == Some("Service/default/lb")).expect("an error on lb");
    assert_eq!(d.kind, ErrorType::Internal);
    assert_eq!(d.message, "Internal error occurred: failed to allocate requested HealthCheck NodePort 30080: provided port is already allocated");
    assert!(d.field.is_none());
}

// alloc.go initNodePorts: AllocateNext failing is errors.NewInternalError("failed to allocate a nodePort: range is full")
#[test]
fn init_node_ports_range_full_is_an_internal_error() {
    let cfg = super::config::Config { node_port_range: (30000, 30000), ..Default::default() };
    let r = super::analyze(&nodeport("  - {name: a, port: 80}\n  - {name: b, port: 81}\n"), &cfg);
    let d = r.diagnostics.iter().find(|d| d.severity == Severity::Error).unwrap();
    assert_eq!(d.message, "Internal error occurred: failed to allocate a nodePort: range is full");
    assert_eq!(d.kind, ErrorType::Internal);
}

// pkg/apis/core/validation ValidateNonSpecialIP on spec.externalIPs
#[test]
fn validate_non_special_ip_external_ips() {
    let r = run(&service("  selector: {app: web}\n  externalIPs: [169.254.169.254, 0.0.0.0, 224.0.0.5, 127.0.0.1, 203.0.113.9]\n  ports: [{port: 80}]\n"));
    let e = errors(&r);
    assert!(e.contains(&"spec.externalIPs[0]: Invalid value: \"169.254.169.254\": may not be in the link-local range (169.254.0.0/16, fe80::/10)".to_string()), "{e:?}");
    assert!(e.contains(&"spec.externalIPs[1]: Invalid value: \"0.0.0.0\": may not be unspecified (0.0.0.0)".to_string()), "{e:?}");
    assert!(e.contains(&"spec.externalIPs[2]: Invalid value: \"224.0.0.5\": may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)".to_string()), "{e:?}");
    assert!(e.contains(&"spec.externalIPs[3]: Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)".to_string()), "{e:?}");
    assert_eq!(e.len(), 4, "{e:?}");
}

// ValidateService has no nodePort rule for ExternalName (only ClusterIP forbids it)
#[test]
fn validate_service_external_name_node_port_is_not_forbidden() {
    let r = run(&service("  type: ExternalName\n  externalName: db.example.com\n  ports: [{port: 5432, nodePort: 30432}]\n"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
}

// pkg/api/v1/pod/util.go FindPort uses a number as is; containerPort is informational
#[test]
fn find_port_numeric_target_port_not_declared_warns_and_says_what_happens() {
    let r = run(&format!("{}{PODS}", service("  selector: {app: web}\n  ports:\n  - {port: 80}\n")));
    let s = svc(&r, "web");
    let p = &s.paths[0];
    assert_eq!(p.outcome, Outcome::UndeclaredPort);
    assert!(p.reason.contains("refused unless the process listens on 80"), "{}", p.reason);
    let w = r.diagnostics.iter().find(|d| d.code == "TargetPortNotDeclared").expect("warning");
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(w.field.as_deref(), Some("spec.ports[0].targetPort"));
    // a declared port is delivered without a warning
    let ok = run(&format!("{}{PODS}", service("  selector: {app: web}\n  ports:\n  - {port: 80, targetPort: http}\n")));
    assert_eq!(svc(&ok, "web").paths[0].outcome, Outcome::Delivered);
    assert!(!ok.diagnostics.iter().any(|d| d.code == "TargetPortNotDeclared"));
}

// pods that declare no ports at all: nothing to compare, no warning
#[test]
fn find_port_numeric_target_port_pods_without_ports_no_warning() {
    let src = format!(
        "{}---\napiVersion: v1\nkind: Pod\nmetadata: {{name: p, labels: {{app: web}}}}\nspec:\n  containers: [{{name: c, image: nginx}}]\n",
        service("  selector: {app: web}\n  ports:\n  - {port: 80}\n")
    );
    let r = run(&src);
    assert_eq!(svc(&r, "web").paths[0].outcome, Outcome::Delivered);
    assert!(!r.diagnostics.iter().any(|d| d.code == "TargetPortNotDeclared"));
    // ...unless another selected pod declares the port: a Helm test pod carrying the app's labels
    // (corpus4: opentelemetry-demo's grafana-test beside grafana's containerPort 3000)
    let src = format!(
        "{src}---
apiVersion: v1
kind: Pod
metadata: {{name: q, labels: {{app: web}}}}
spec:
  containers: [{{name: c, image: nginx, ports: [{{containerPort: 80}}]}}]
"
    );
    let r = run(&src);
    let w = r.diagnostics.iter().find(|d| d.code == "TargetPortNotDeclared").expect("warning");
    assert!(w.message.contains("1 selected pod declares no containerPort 80/TCP (p declares no container ports, while other selected pods declare this one)"), "{}", w.message);
}

// alloc.go initNodePorts with allocateLoadBalancerNodePorts=false allocates nothing unasked, so a
// pending load balancer leaves no nodePort open
#[test]
fn init_node_ports_no_allocation_pending_lb_says_no_node_ports() {
    let r = run(&format!(
        "{}{PODS}",
        service("  type: LoadBalancer\n  allocateLoadBalancerNodePorts: false\n  selector: {app: web}\n  ports: [{port: 80, targetPort: http}]\n")
    ));
    let s = svc(&r, "web");
    assert!(s.ports[0].node_port.is_none());
    let p = s.paths.iter().find(|p| p.entry == "loadbalancer").unwrap();
    assert_eq!(p.outcome, Outcome::Pending);
    let text = &p.hops[0].explanation;
    assert!(!text.contains("open on every node"), "{text}");
    assert!(text.contains("none was allocated"), "{text}");
}

#[test]
fn outcomes_and_hop_kinds_serialise_to_the_report_strings() {
    for o in Outcome::ALL {
        assert_eq!(serde_json::to_string(o).unwrap(), format!("\"{}\"", o.as_str()));
    }
    for k in super::paths::HopKind::ALL {
        assert_eq!(serde_json::to_string(k).unwrap(), format!("\"{}\"", k.as_str()));
    }
}

// validation.go ValidateServiceClusterIPsRelatedFields (run first by alloc.go initIPFamilyFields)
#[test]
fn validate_service_cluster_ips_related_fields() {
    let r = run(&service("  clusterIPs: [10.96.0.50]\n  selector: {app: web}\n  ports: [{port: 80}]\n"));
    assert_eq!(errors(&r), vec!["spec.clusterIPs: Invalid value: [\"10.96.0.50\"]: must be empty when `clusterIP` is not specified"]);
    let r = run(&service("  clusterIP: 10.96.0.50\n  clusterIPs: [10.96.0.51]\n  selector: {app: web}\n  ports: [{port: 80}]\n"));
    assert_eq!(errors(&r), vec!["spec.clusterIPs: Invalid value: [\"10.96.0.51\"]: first value must match `clusterIP`"]);
    // both agreeing is fine
    let r = run(&service("  clusterIP: 10.96.0.50\n  clusterIPs: [10.96.0.50]\n  selector: {app: web}\n  ports: [{port: 80}]\n"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert_eq!(svc(&r, "web").cluster_ip.as_deref(), Some("10.96.0.50"));
}

// ipallocator NewIPAllocator: the network and broadcast addresses of the service CIDR are not
// allocatable (ErrNotInRange)
#[test]
fn ipallocator_refuses_network_and_broadcast_addresses() {
    for ip in ["10.96.0.0", "10.111.255.255"] {
        let r = run(&service(&format!("  clusterIP: {ip}\n  selector: {{app: web}}\n  ports: [{{port: 80}}]\n")));
        assert_eq!(
            errors(&r),
            vec![format!("spec.clusterIPs: Invalid value: [\"{ip}\"]: failed to allocate IP {ip}: the provided IP ({ip}) is not in the valid range. The range of valid IPs is 10.96.0.0/12")]
        );
    }
    let r = run(&service("  clusterIP: 10.96.0.2\n  selector: {app: web}\n  ports: [{port: 80}]\n"));
    assert!(errors(&r).is_empty());
}

// alloc.go initIPFamilyFields: headless + selectorless is special-cased before the
// RequireDualStack check, so a single-stack cluster accepts it; with a selector it is refused
#[test]
fn init_ip_family_fields_headless_selectorless_accepts_require_dual_stack() {
    let r = run(&service("  clusterIP: None\n  ipFamilyPolicy: RequireDualStack\n  ports: [{port: 5432}]\n"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let r = run(&service("  clusterIP: None\n  ipFamilyPolicy: RequireDualStack\n  selector: {app: db}\n  ports: [{port: 5432}]\n"));
    assert_eq!(errors(&r), vec!["spec.ipFamilyPolicy: Invalid value: \"RequireDualStack\": this cluster is not configured for dual-stack services"]);
}

// initIPFamilyFields: an IPv6 clusterIP with no ipFamilies names the clusterIPs entry
#[test]
fn init_ip_family_fields_ipv6_cluster_ip_not_configured() {
    let r = run(&service("  clusterIP: fd00::10\n  selector: {app: web}\n  ports: [{port: 80}]\n"));
    assert_eq!(errors(&r), vec!["spec.clusterIPs[0]: Invalid value: [\"fd00::10\"]: IPv6 is not configured on this cluster"]);
}

// apimachinery validation/ip.go IsValidIP (strict): leading zeros and non-canonical forms
#[test]
fn is_valid_ip_strict_forms() {
    let r = run(&service("  selector: {app: web}\n  externalIPs: [010.1.2.3, '2001:DB8::1', nope]\n  ports: [{port: 80}]\n"));
    assert_eq!(
        errors(&r),
        vec![
            "spec.externalIPs[0]: Invalid value: \"010.1.2.3\": must not have leading 0s",
            "spec.externalIPs[1]: Invalid value: \"2001:DB8::1\": must be in canonical form (\"2001:db8::1\")",
            "spec.externalIPs[2]: Invalid value: \"nope\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
        ]
    );
}

// ---------------------------------------------------------------- strict decoding (KEP-2885)

// sigs.k8s.io/json UnmarshalCaseSensitivePreserveInts strict errors, worded by apiserver
// handlers/rest.go transformDecodeError: the Service is refused, not silently selector-less
#[test]
fn strict_decoding_unknown_field_refuses_the_service() {
    let r = run(&format!("{}{PODS}", service("  selectr: {app: web}\n  ports: [{port: 80, targetPort: http}]\n")));
    let d = r.diagnostics.iter().find(|d| d.code == "UnknownField").expect("unknown field");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.message, "Service in version \"v1\" cannot be handled as a Service: strict decoding error: unknown field \"spec.selectr\"");
    assert_eq!(d.hint.as_deref(), Some("did you mean \"selector\"?"));
    assert_eq!((d.line, d.column), (6, 3));
    let s = svc(&r, "web");
    assert!(s.rejected);
    assert_eq!(s.paths[0].outcome, Outcome::NotCreated);
    assert!(s.paths[0].reason.contains("unknown field \"spec.selectr\""), "{}", s.paths[0].reason);
}

// case matters in strict mode: `targetport` is not `targetPort`
#[test]
fn strict_decoding_case_mismatch_is_unknown() {
    let r = run(&service("  selector: {app: web}\n  ports:\n  - port: 80\n    targetport: 8080\n"));
    let d = r.diagnostics.iter().find(|d| d.code == "UnknownField").expect("unknown field");
    assert!(d.message.ends_with("unknown field \"spec.ports[0].targetport\""), "{}", d.message);
    assert_eq!(d.hint.as_deref(), Some("did you mean \"targetPort\"?"));
    assert_eq!(d.line, 9);
}

// a refused Pod does not exist, and the Service says so
#[test]
fn strict_decoding_refused_pod_is_named_by_the_service() {
    let src = format!(
        "{}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: cache-0\n  label: {{app: web}}\nspec:\n  containers: [{{name: c, image: redis}}]\n",
        service("  selector: {app: web}\n  ports: [{port: 80}]\n")
    );
    let r = run(&src);
    assert!(r.pods.is_empty(), "a refused pod is not in the cluster");
    let s = svc(&r, "web");
    assert!(s.paths[0].reason.contains("Pod cache-0 was refused by the API server"), "{}", s.paths[0].reason);
    // (the hint apart since learnfix15: the path's own `hint`)
    assert!(s.paths[0].reason.contains("unknown field \"metadata.label\")"), "{}", s.paths[0].reason);
    assert_eq!(s.paths[0].hint.as_deref(), Some("did you mean \"labels\"?"));
    let w = r.diagnostics.iter().find(|d| d.code == "NoPodsSelected").unwrap();
    assert!(w.message.contains("Pod cache-0 was refused"), "{}", w.message);
}

// k8s.io/apimachinery pkg/api/meta/errors.go NoKindMatchError
#[test]
fn no_kind_match_deployment_in_v1() {
    let r = run("apiVersion: v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx}]}\n");
    assert!(has_error(&r, "no matches for kind \"Deployment\" in version \"v1\""), "{:?}", errors(&r));
    assert!(r.pods.is_empty());
}

// A repeated key through kubectl: cli-runtime pkg/resource/visitor.go StreamVisitor.Visit →
// apimachinery pkg/util/yaml/decoder.go YAMLToJSONDecoder.Decode → sigs.k8s.io/yaml Unmarshal
// (go-yaml v2 non-strict decode.go `mapping`: the last value wins) — the server gets JSON without
// the repeat, so the object is made with the last value (kubectl v1.32 `annotate --local -f` of
// /tmp/qa/h4-dupkeys.yaml prints `port: 81`). Only the API server alone, sent the YAML, refuses
// it (YAMLToJSONStrict, decode.go setMapIndex): the warning quotes that.
#[test]
fn yaml_to_json_duplicate_key_through_kubectl_keeps_the_last_value() {
    let r = run(&service("  selector: {app: web}\n  ports:\n  - port: 80\n    targetPort: 8080\n    port: 81\n"));
    let d = r.diagnostics.iter().find(|d| d.code == "DuplicateKey").expect("duplicate key");
    assert_eq!(d.severity, Severity::Warning);
    assert!(d.message.contains("kubectl apply/create keeps the last value, 81 "), "{}", d.message);
    assert!(d.message.ends_with("the API server would refuse the object: strict decoding error: yaml: unmarshal errors:\n  line 10: key \"port\" already set in map"), "{}", d.message);
    assert_eq!((d.line, d.field.as_deref()), (10, Some("spec.ports[0].port")));
    assert!(!r.diagnostics.iter().any(|d| d.severity == Severity::Error), "{:?}", errors(&r));
    let s = svc(&r, "web");
    assert!(!s.rejected);
    assert_eq!(s.ports.iter().map(|p| p.port).collect::<Vec<_>>(), vec![81]);
}

// go-yaml v2 non-strict: a repeated key keeps its last value for every reader, not only
// Node::get — here model.rs resource_checks (ValidateResourceRequirements) reads a limits map:
// `cpu: 1` then `cpu: 4` is a limit of 4, so a request of 2 is within it
#[test]
fn repeated_resource_key_keeps_the_last_value() {
    let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {app: web}}\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      limits: {cpu: 1, cpu: 4}\n      requests: {cpu: 2}\n";
    let r = run(pod);
    assert!(!r.diagnostics.iter().any(|d| d.severity == Severity::Error), "{:?}", errors(&r));
    assert!(r.diagnostics.iter().any(|d| d.code == "DuplicateKey" && d.severity == Severity::Warning));
    // and the other way round: the last limit, 1, is below the request
    let r = run(&pod.replace("{cpu: 1, cpu: 4}", "{cpu: 4, cpu: 1}"));
    assert!(r.diagnostics.iter().any(|d| d.severity == Severity::Error && d.message.contains("must be less than or equal to cpu limit")), "{:?}", errors(&r));
}

// a real `kubectl get -o yaml` dump decodes without a single unknown field
#[test]
fn strict_decoding_accepts_a_real_kubectl_dump() {
    let r = run(include_str!("../../tests/fixtures/kubectl-get-all.yaml"));
    assert!(!r.diagnostics.iter().any(|d| d.code == "UnknownField" || d.code == "DuplicateKey" || d.code == "NoKindMatch"), "{:?}", errors(&r));
}

// ---------------------------------------------------------------- Endpoints / EndpointSlice

// validation.go validateEndpointSubsets / validateEndpointAddress / validateEndpointPort
#[test]
fn validate_endpoints_subsets_addresses_ports() {
    let src = "apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  ports: [{name: a, port: 80}, {name: b, port: 81}]
---
apiVersion: v1
kind: Endpoints
metadata: {name: db}
subsets:
- addresses: [{ip: 127.0.0.1, hostname: Db_1}]
  ports: [{port: 80}, {name: b, port: 0, protocol: HTTP}]
- ports: [{port: 5432}]
";
    let r = run(src);
    let e = errors(&r);
    for want in [
        "subsets[0].addresses[0].ip: Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)",
        "subsets[0].ports[0].name: Required value",
        "subsets[0].ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive",
        "subsets[0].ports[1].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
        "subsets[1]: Required value: must specify `addresses` or `notReadyAddresses`",
    ] {
        assert!(e.iter().any(|m| m == want), "missing {want}\n{e:#?}");
    }
    assert!(e.iter().any(|m| m.starts_with("subsets[0].addresses[0].hostname: Invalid value: \"Db_1\": a lowercase RFC 1123 label")), "{e:#?}");
    // refused: the Service has no endpoints from it
    assert!(svc(&r, "db").endpoints.is_empty());
    assert!(svc(&r, "db").paths[0].reason.contains("Endpoints db was refused by the API server"), "{}", svc(&r, "db").paths[0].reason);
}

// discovery validation.go validateAddressType / validateEndpoints / validatePorts
#[test]
fn validate_endpoint_slice_create() {
    let src = "apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: db-1, labels: {kubernetes.io/service-name: db}}
addressType: IPv5
endpoints:
- addresses: []
- addresses: [169.254.1.1]
ports: [{name: http, port: 80}, {name: http, port: 81}]
";
    let r = run(src);
    let e = errors(&r);
    for want in [
        "addressType: Unsupported value: \"IPv5\": supported values: \"FQDN\", \"IPv4\", \"IPv6\"",
        "endpoints[0].addresses: Required value: must contain at least 1 address",
        "ports[1].name: Duplicate value: \"http\"",
    ] {
        assert!(e.iter().any(|m| m == want), "missing {want}\n{e:#?}");
    }
    let r = run(&src.replace("IPv5", "IPv4"));
    assert!(errors(&r).iter().any(|m| m == "endpoints[1].addresses[0]: Invalid value: \"169.254.1.1\": may not be in the link-local range (169.254.0.0/16, fe80::/10)"), "{:#?}", errors(&r));
}

// a valid manual EndpointSlice is accepted and used
#[test]
fn validate_endpoint_slice_valid_is_used() {
    let src = "apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  ports: [{port: 5432}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: db-1, labels: {kubernetes.io/service-name: db}}
addressType: IPv4
endpoints: [{addresses: [10.1.2.3], conditions: {ready: true}}]
ports: [{port: 5432}]
";
    let r = run(src);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert_eq!(svc(&r, "db").paths[0].outcome, Outcome::Delivered);
}

// ---------------------------------------------------------------- DNS (kubernetes/dns specification)

// 2.3.3 PTR for a clusterIP; 2.4.1/2.4.3 per-endpoint names; CoreDNS pod records
#[test]
fn dns_specification_ptr_endpoint_and_pod_records() {
    let r = run(&format!("{}{PODS}", service("  clusterIP: 10.96.0.50\n  selector: {app: web}\n  ports: [{name: http, port: 80, targetPort: http}]\n")));
    let s = svc(&r, "web");
    assert!(s.dns_records.iter().any(|d| d.kind == "PTR" && d.name == "50.0.96.10.in-addr.arpa" && d.answer == "web.default.svc.cluster.local"), "{:?}", s.dns_records);
    let ip = r.pods[0].ip.clone().unwrap();
    assert!(r.pod_dns_records.iter().any(|d| d.name == format!("{}.default.pod.cluster.local", ip.replace('.', "-")) && d.answer == ip));
    // headless without hostnames: a dashed-IP A record per ready endpoint
    let r = run(&format!("{}{PODS}", service("  clusterIP: None\n  selector: {app: web}\n  ports: [{name: http, port: 80, targetPort: http}]\n")));
    let s = svc(&r, "web");
    for e in &s.endpoints {
        let name = format!("{}.web.default.svc.cluster.local", e.ip.replace('.', "-"));
        assert!(s.dns_records.iter().any(|d| d.kind == "A" && d.name == name && d.answer == e.ip), "{name} in {:?}", s.dns_records);
    }
}

// review11 c03/c23: coredns plugin/kubernetes/reverse.go serviceRecordForIP answers the PTR of
// every ready endpoint address (with no hostname: its dashed-IP name), under a headless Service
// and under one with a clusterIP alike (ptr_hostname_only off, the default)
#[test]
fn coredns_service_record_for_ip_ptr_for_every_endpoint_address() {
    for cip in ["10.96.0.50", "None"] {
        let r = run(&format!("{}{PODS}", service(&format!("  clusterIP: {cip}\n  selector: {{app: web}}\n  ports: [{{name: http, port: 80, targetPort: http}}]\n"))));
        let s = svc(&r, "web");
        assert!(!s.endpoints.is_empty());
        for e in s.endpoints.iter().filter(|e| e.ready) {
            let o: Vec<&str> = e.ip.split('.').collect();
            let rev = format!("{}.{}.{}.{}.in-addr.arpa", o[3], o[2], o[1], o[0]);
            let name = format!("{}.web.default.svc.cluster.local", e.ip.replace('.', "-"));
            // (listed in a headless Service's records; answered when asked under a clusterIP)
            let ptr = super::dnsquery::lookup(&r, "default", "client", &format!("{rev}."));
            assert!(ptr.tries.iter().any(|t| t.answers.iter().any(|d| d.kind == "PTR" && d.answer == name)), "{cip}: {rev}: {}", ptr.summary);
            let a = super::dnsquery::lookup(&r, "default", "client", &format!("{name}."));
            assert_eq!(a.tries[0].answers.iter().map(|d| d.answer.as_str()).collect::<Vec<_>>(), [e.ip.as_str()], "{cip}: {name}: {}", a.summary);
            assert_eq!(s.dns_records.iter().any(|d| d.name == name), cip == "None", "{cip}: listed only for a headless Service");
        }
    }
}

// review11 c22: coredns plugin/backend_lookup.go SRV: the weight is floor(100 / the answers to
// the query), and `_metrics._tcp.<svc>` answers only the endpoints that carry that port
#[test]
fn coredns_backend_lookup_srv_weight_counts_the_answers_for_the_port() {
    let src = "apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  clusterIP: None
  ports: [{name: http, port: 80}, {name: metrics, port: 9090}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: web-a, labels: {kubernetes.io/service-name: web}}
addressType: IPv4
ports: [{name: http, port: 80}]
endpoints: [{addresses: [10.244.1.5]}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: web-b, labels: {kubernetes.io/service-name: web}}
addressType: IPv4
ports: [{name: http, port: 80}, {name: metrics, port: 9090}]
endpoints: [{addresses: [10.244.1.6]}]
";
    let r = run(src);
    let s = svc(&r, "web");
    let srv = |n: &str| s.dns_records.iter().filter(|d| d.kind == "SRV" && d.name == n).map(|d| d.answer.clone()).collect::<Vec<_>>();
    assert_eq!(srv("_metrics._tcp.web.default.svc.cluster.local"), ["0 100 9090 10-244-1-6.web.default.svc.cluster.local"], "{:?}", s.dns_records);
    assert_eq!(srv("_http._tcp.web.default.svc.cluster.local").iter().filter(|a| a.starts_with("0 50 80 ")).count(), 2, "{:?}", s.dns_records);
}

// k8s.io/apimachinery pkg/api/meta/errors.go NoKindMatchError: a GA built-in group version holds
// only its registered kinds (k8s.io/api register.go), so a misspelt kind matches nothing
#[test]
fn no_kind_match_misspelt_kind_in_a_closed_group() {
    let r = run("apiVersion: v1\nkind: Servce\nmetadata: {name: web}\nspec:\n  ports: [{port: 80}]\n");
    let d = r.diagnostics.iter().find(|d| d.code == "NoKindMatch").expect("no match");
    assert_eq!(d.message, "no matches for kind \"Servce\" in version \"v1\"");
    assert_eq!(d.hint.as_deref(), Some("did you mean kind \"Service\"?"));
    assert_eq!((d.line, d.field.as_deref()), (2, Some("kind")));
    assert!(!r.diagnostics.iter().any(|d| d.code == "IgnoredKind"));
    let r = run("apiVersion: apps/v1\nkind: deployment\nmetadata: {name: web}\n");
    assert!(errors(&r).iter().any(|m| m == "no matches for kind \"deployment\" in version \"apps/v1\""), "{:?}", errors(&r));
    assert!(r.diagnostics.iter().any(|d| d.hint.as_deref() == Some("did you mean kind \"Deployment\"?")));
    // kinds that exist but are not modelled stay ignored; custom groups are never refused
    let r = run("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n---\napiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: m}\n");
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
}

// pkg/proxy EndpointSliceUpdate: kube-proxy ignores slices of an address type it does not proxy
#[test]
fn kube_proxy_ignores_fqdn_endpoint_slices() {
    let src = "apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  ports: [{port: 80}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: db-1, labels: {kubernetes.io/service-name: db}}
addressType: FQDN
endpoints: [{addresses: [db.example.com]}]
ports: [{port: 80}]
";
    let r = run(src);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let s = svc(&r, "db");
    assert!(s.endpoints.is_empty());
    assert_eq!(s.paths[0].outcome, Outcome::Rejected);
}

// apps validation: an empty workload selector is Invalid, not Required; StatefulSet ordinals.start
#[test]
fn validate_deployment_spec_empty_selector_and_statefulset_start_ordinal() {
    let r = run("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec:\n  selector: {}\n  template:\n    metadata: {labels: {app: a}}\n    spec: {containers: [{name: c, image: nginx}]}\n");
    assert_eq!(errors(&r), vec!["spec.selector: Invalid value: {}: empty selector is invalid for deployment"]);
    let r = run("apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web}\nspec:\n  serviceName: web\n  replicas: 2\n  ordinals: {start: 1}\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx}]}\n");
    let names: Vec<&str> = r.pods.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, vec!["web-1", "web-2"]);
}

// kubelet status/generate.go GeneratePodReadyCondition: an unset readiness gate keeps the pod
// not Ready, so it is no ready endpoint
#[test]
fn generate_pod_ready_condition_readiness_gate_not_set() {
    let src = format!(
        "{}---\napiVersion: v1\nkind: Pod\nmetadata: {{name: p, labels: {{app: web}}}}\nspec:\n  readinessGates: [{{conditionType: \"example.com/lb-ready\"}}]\n  containers: [{{name: c, image: nginx, ports: [{{containerPort: 80}}]}}]\n",
        service("  selector: {app: web}\n  ports: [{port: 80}]\n")
    );
    let r = run(&src);
    assert!(!r.pods[0].ready);
    assert!(r.pods[0].not_ready_reason.as_deref().unwrap_or("").contains("readiness gate \"example.com/lb-ready\" does not exist"));
    assert_eq!(svc(&r, "web").paths[0].outcome, Outcome::Rejected);
}

// scheduler NodePorts.Filter counts explicit hostPorts of any pod, not only hostNetwork ones
#[test]
fn nodeports_filter_explicit_host_port() {
    let r = run("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: hp}\nspec:\n  replicas: 4\n  selector: {matchLabels: {app: hp}}\n  template:\n    metadata: {labels: {app: hp}}\n    spec:\n      containers: [{name: c, image: nginx, ports: [{containerPort: 8080, hostPort: 8080}]}]\n");
    let pending: Vec<&str> = r.pods.iter().filter(|p| p.node.is_none()).map(|p| p.name.as_str()).collect();
    assert_eq!(pending.len(), 1, "{:?}", r.pods.iter().map(|p| (&p.name, &p.node)).collect::<Vec<_>>());
    let reason = r.pods.iter().find(|p| p.node.is_none()).unwrap().pending_reason.clone().unwrap_or_default();
    assert!(reason.contains("node(s) didn't have free ports for the requested pod ports"), "{reason}");
}

// The classic guestbook (kubernetes/examples guestbook/legacy redis-master-controller.yaml and
// redis-master-service.yaml): a core/v1 ReplicationController, its selector a plain label map.
const GUESTBOOK_RC: &str = "apiVersion: v1
kind: ReplicationController
metadata:
  name: redis-master
  labels:
    app: redis
    role: master
    tier: backend
spec:
  replicas: 1
  template:
    metadata:
      labels:
        app: redis
        role: master
        tier: backend
    spec:
      containers:
      - name: master
        image: redis
        ports:
        - containerPort: 6379
---
apiVersion: v1
kind: Service
metadata:
  name: redis-master
spec:
  ports:
  - port: 6379
    targetPort: 6379
  selector:
    app: redis
    role: master
    tier: backend
";

// pkg/apis/core/v1/defaults.go SetDefaults_ReplicationController + pkg/controller/replication
// (the ReplicaSet controller run for core/v1 RCs; controller_utils.go getPodsPrefix names the
// pods `<rc>-<5 chars>`): the RC's pods exist and the Service selects them
#[test]
fn replication_controller_pods_are_endpoints() {
    let r = run(GUESTBOOK_RC);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let s = svc(&r, "redis-master");
    assert_eq!(s.endpoints.len(), 1, "{:?}", s.endpoints);
    let pod = s.endpoints[0].pod.clone().unwrap_or_default();
    assert!(pod.starts_with("redis-master-"), "{pod:?}");
    assert_eq!(pod.len(), "redis-master-".len() + 5);
    assert_eq!(s.paths[0].outcome, Outcome::Delivered, "{}", s.paths[0].reason);
    assert!(!r.diagnostics.iter().any(|d| d.message.contains("ignored") && d.object.as_deref().unwrap_or("").contains("ReplicationController")));
}

// SetDefaults_ReplicationController: no selector → the template's labels; replicas nil → 1
#[test]
fn set_defaults_replication_controller_selector_from_template() {
    let src = GUESTBOOK_RC.replacen("  replicas: 1\n", "", 1);
    let r = run(&src);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert_eq!(svc(&r, "redis-master").endpoints.len(), 1);
    // three replicas of an RC whose selector was left out
    let src = GUESTBOOK_RC.replacen("  replicas: 1\n", "  replicas: 3\n", 1);
    let r = run(&src);
    assert_eq!(svc(&r, "redis-master").endpoints.len(), 3);
}

// ValidateReplicationControllerSpec → ValidatePodTemplateSpecForRC: the selector must match the
// template's labels; ValidateNonEmptySelector: no selector and no template labels is Required
#[test]
fn validate_pod_template_spec_for_rc() {
    let src = GUESTBOOK_RC.replacen("  replicas: 1\n", "  replicas: 1\n  selector:\n    app: cache\n", 1);
    let r = run(&src);
    assert!(
        has_error(&r, "spec.template.metadata.labels: Invalid value: {\"app\":\"redis\",\"role\":\"master\",\"tier\":\"backend\"}: `selector` does not match template `labels`"),
        "{:?}",
        errors(&r)
    );
    assert!(svc(&r, "redis-master").endpoints.is_empty());
    let bare = "apiVersion: v1\nkind: ReplicationController\nmetadata: {name: bare}\nspec:\n  replicas: 1\n  template:\n    spec:\n      containers: [{name: c, image: nginx}]\n";
    let r = run(bare);
    assert!(has_error(&r, "spec.selector: Required value"), "{:?}", errors(&r));
    let no_template = "apiVersion: v1\nkind: ReplicationController\nmetadata: {name: bare}\nspec:\n  selector: {app: x}\n";
    let r = run(no_template);
    assert!(has_error(&r, "spec.template: Required value"), "{:?}", errors(&r));
    // ValidateReplicationControllerSpec reports the selector before the template
    let r = run("apiVersion: v1\nkind: ReplicationController\nmetadata: {name: bare}\nspec: {replicas: 1}\n");
    assert_eq!(errors(&r), ["spec.selector: Required value", "spec.template: Required value"]);
}

// strict decoding knows the RC's fields (core/v1 ReplicationControllerSpec): a typo is refused
#[test]
fn replication_controller_strict_unknown_field() {
    let src = GUESTBOOK_RC.replacen("  replicas: 1\n", "  replica: 1\n", 1);
    let r = run(&src);
    assert!(r.diagnostics.iter().any(|d| d.message.contains("unknown field \"spec.replica\"")), "{:?}", errors(&r));
}

/// A Deployment whose pods keep apart (or together) per node, as Helm charts write it.
fn spread(name: &str, replicas: u32, which: &str, app: &str) -> String {
    let affinity = format!(
        "      affinity:
        {which}:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector:
              matchExpressions:
              - {{key: app, operator: In, values: [{app}]}}
            topologyKey: kubernetes.io/hostname
"
    );
    deployment(name, replicas, &affinity)
}

// pkg/scheduler/framework/plugins/interpodaffinity/filtering.go Filter → satisfyPodAntiAffinity
// (Unschedulable): required anti-affinity on kubernetes.io/hostname puts one replica per node;
// the fourth of 4 on 3 nodes stays Pending with FitError's words (preemption finds no victims:
// every pod has priority 0)
#[test]
fn interpodaffinity_filter_required_anti_affinity_one_per_node() {
    let r = run(&spread("web", 4, "podAntiAffinity", "web"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let placed: Vec<&str> = r.pods.iter().filter_map(|p| p.node.as_deref()).collect();
    assert_eq!(placed.len(), 3, "{placed:?}");
    let mut distinct = placed.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 3, "one per node: {placed:?}");
    let pending: Vec<_> = r.pods.iter().filter(|p| p.node.is_none()).collect();
    assert_eq!(pending.len(), 1);
    assert_eq!(
        pending[0].pending_reason.as_deref(),
        Some("0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.")
    );
}

// satisfyExistingPodsAntiAffinity: a placed pod's anti-affinity keeps a pod it matches off its
// node, even when the incoming pod has no affinity of its own
#[test]
fn interpodaffinity_filter_existing_pods_anti_affinity() {
    let src = format!("{}{}", spread("loner", 3, "podAntiAffinity", "web"), spread_plain("web", 1));
    let r = run(&src);
    let web = r.pods.iter().find(|p| p.name.starts_with("web-")).unwrap();
    assert!(web.node.is_none(), "{:?}", web.node);
    assert_eq!(
        web.pending_reason.as_deref(),
        Some("0/3 nodes are available: 3 node(s) didn't satisfy existing pods anti-affinity rules. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.")
    );
}

fn spread_plain(name: &str, replicas: u32) -> String {
    deployment(name, replicas, "")
}

// satisfyPodAffinity (UnschedulableAndUnresolvable): pods with required affinity to `cache` go
// where a cache pod runs; with no cache pod at all and not matching themselves they stay Pending;
// a group with affinity to itself may start anywhere (podMatchesAllAffinityTerms on itself)
#[test]
fn interpodaffinity_filter_required_affinity() {
    let src = format!("{}{}", spread_plain("cache", 1), spread("web", 2, "podAffinity", "cache"));
    let r = run(&src);
    let cache_node = r.pods.iter().find(|p| p.name.starts_with("cache-")).and_then(|p| p.node.clone()).unwrap();
    for p in r.pods.iter().filter(|p| p.name.starts_with("web-")) {
        assert_eq!(p.node.as_deref(), Some(cache_node.as_str()), "{} follows the cache pod", p.name);
    }
    let r = run(&spread("web", 2, "podAffinity", "cache"));
    for p in r.pods.iter() {
        assert_eq!(
            p.pending_reason.as_deref(),
            Some("0/3 nodes are available: 3 node(s) didn't match pod affinity rules. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.")
        );
    }
    let r = run(&spread("web", 3, "podAffinity", "web"));
    let nodes: Vec<_> = r.pods.iter().map(|p| p.node.clone()).collect();
    assert!(nodes.iter().all(|n| n.is_some() && *n == nodes[0]), "all together: {nodes:?}");
}

// validatePodAffinityTerm: `topologyKey: Required value: can not be empty`
#[test]
fn validate_pod_affinity_term_topology_key_required() {
    let src = spread("web", 2, "podAntiAffinity", "web").replace("            topologyKey: kubernetes.io/hostname\n", "            topologyKey: \"\"\n");
    let r = run(&src);
    assert!(
        has_error(&r, "spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty"),
        "{:?}",
        errors(&r)
    );
    assert!(r.pods.is_empty(), "the Deployment is refused, no pods");
}

// pkg/controller/statefulset/stateful_set_control.go processReplica: with the default
// podManagementPolicy OrderedReady, a pod that is not Running and Ready stops the controller
// ("StatefulSet is waiting for Pod to be Running and Ready"); Parallel creates them all
#[test]
fn statefulset_ordered_ready_waits_for_each_pod() {
    let sts = |extra: &str| {
        format!(
            "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {{name: db}}\nspec:\n  serviceName: db\n  replicas: 3\n{extra}  selector: {{matchLabels: {{app: db}}}}\n  template:\n    metadata: {{labels: {{app: db}}}}\n    spec:\n      nodeSelector: {{disk: ssd}}\n      containers: [{{name: c, image: postgres}}]\n"
        )
    };
    // no node has disk=ssd: db-0 is Pending, so db-1 and db-2 are never created
    let r = run(&sts(""));
    let names: Vec<&str> = r.pods.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["db-0"]);
    let d = r.diagnostics.iter().find(|d| d.code == "StatefulSetWaiting").expect("a note says why");
    assert!(d.message.starts_with("db-0 (Pending: 0/3 nodes are available"), "{}", d.message);
    assert!(d.message.contains("its log says \"StatefulSet is waiting for Pod to be Running and Ready\"): 1 of 3 replicas exist"), "{}", d.message);
    // Parallel: all three exist (all Pending)
    let r = run(&sts("  podManagementPolicy: Parallel\n"));
    assert_eq!(r.pods.len(), 3);
    assert!(r.pods.iter().all(|p| p.node.is_none()));
    // ValidateStatefulSetSpec
    let r = run(&sts("  podManagementPolicy: Sequential\n"));
    assert!(has_error(&r, "spec.podManagementPolicy: Invalid value: \"Sequential\": must be 'OrderedReady' or 'Parallel'"), "{:?}", errors(&r));
}

// pkg/registry/core/pod/strategy.go applyMatchLabelKeysAndMismatchLabelKeys: `matchLabelKeys:
// [pod-template-hash]` narrows the term to the pod's own ReplicaSet, so a canary Deployment with
// the same `app` label is not kept away by the main one's pods
#[test]
fn apply_match_label_keys_narrows_anti_affinity_to_own_replicaset() {
    let term = |name: &str| {
        deployment(name, 2, "      affinity:\n        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n          - labelSelector: {matchLabels: {tier: web}}\n            matchLabelKeys: [pod-template-hash]\n            topologyKey: kubernetes.io/hostname\n")
            .replace("metadata: {labels: {app: ", "metadata: {labels: {tier: web, app: ")
    };
    let r = run(&format!("{}{}", term("web"), term("canary")));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert!(r.pods.iter().all(|p| p.node.is_some()), "{:?}", r.pods.iter().map(|p| (&p.name, &p.pending_reason)).collect::<Vec<_>>());
    // without matchLabelKeys the 4 pods share one anti-affinity group: one of them waits
    let r = run(&format!("{}{}", term("web"), term("canary")).replace("            matchLabelKeys: [pod-template-hash]\n", ""));
    assert_eq!(r.pods.iter().filter(|p| p.node.is_none()).count(), 1);
}

// validateWeightedPodAffinityTerms: weight in 1-100, and the term's topologyKey is required
#[test]
fn validate_weighted_pod_affinity_terms() {
    let r = run(&deployment("web", 1, "      affinity:\n        podAntiAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n          - weight: 0\n            podAffinityTerm:\n              labelSelector: {matchLabels: {app: web}}\n"));
    let f = "spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0]";
    assert!(has_error(&r, &format!("{f}.weight: Invalid value: 0: must be in the range 1-100")), "{:?}", errors(&r));
    assert!(has_error(&r, &format!("{f}.podAffinityTerm.topologyKey: Required value: can not be empty")), "{:?}", errors(&r));
}

// ValidatePodTemplateSpecForReplicaSet: a controller's pods restart Always
#[test]
fn validate_pod_template_spec_for_replica_set_restart_policy() {
    let r = run(&deployment("web", 1, "      restartPolicy: Never\n"));
    assert!(has_error(&r, "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\""), "{:?}", errors(&r));
    assert!(r.pods.is_empty());
    let r = run(&GUESTBOOK_RC.replace("      containers:", "      restartPolicy: OnFailure\n      containers:"));
    assert!(has_error(&r, "spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\""), "{:?}", errors(&r));
}

// kubelet updateDefaultLabels: a Node written without labels still has kubernetes.io/hostname,
// so hostname anti-affinity spreads over it
#[test]
fn kubelet_default_labels_on_given_nodes() {
    let nodes = "apiVersion: v1\nkind: Node\nmetadata: {name: n1}\n---\napiVersion: v1\nkind: Node\nmetadata: {name: n2}\n";
    let r = run(&format!("{nodes}{}", spread("web", 3, "podAntiAffinity", "web")));
    assert_eq!(r.pods.iter().filter(|p| p.node.is_some()).count(), 2);
    assert!(r.pods.iter().any(|p| p.pending_reason.as_deref().is_some_and(|m| m.starts_with("0/2 nodes are available: 2 node(s) didn't match pod anti-affinity rules."))));
}

fn spread_constraint(key: &str) -> String {
    format!("      topologySpreadConstraints:\n      - maxSkew: 1\n        topologyKey: {key}\n        whenUnsatisfiable: DoNotSchedule\n        labelSelector: {{matchLabels: {{app: web}}}}\n")
}

// pkg/scheduler/framework/plugins/podtopologyspread/filtering.go Filter: a node without the
// constraint's topologyKey is UnschedulableAndUnresolvable — zone spreading on a cluster whose
// nodes have no zone label (kind, minikube) leaves every pod Pending
#[test]
fn podtopologyspread_filter_missing_required_label() {
    let r = run(&deployment("web", 2, &spread_constraint("topology.kubernetes.io/zone")));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    for p in r.pods.iter() {
        assert_eq!(
            p.pending_reason.as_deref(),
            Some("0/3 nodes are available: 3 node(s) didn't match pod topology spread constraints (missing required label). preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.")
        );
    }
}

// Filter: matchNum + selfMatch - minMatchNum > maxSkew rejects a node; nodeTaintsPolicy Ignore
// (the default) still counts a tainted node as an empty domain, so with one of 3 nodes tainted
// only 2 of 4 replicas run (the well-known maxSkew trap)
#[test]
fn podtopologyspread_filter_max_skew() {
    let r = run(&deployment("web", 6, &spread_constraint("kubernetes.io/hostname")));
    let mut per_node: Vec<usize> = ["node-1", "node-2", "node-3"].iter().map(|n| r.pods.iter().filter(|p| p.node.as_deref() == Some(*n)).count()).collect();
    per_node.sort();
    assert_eq!(per_node, [2, 2, 2]);
    let nodes = "apiVersion: v1\nkind: Node\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Node\nmetadata: {name: b}\n---\napiVersion: v1\nkind: Node\nmetadata: {name: c}\nspec:\n  taints: [{key: dedicated, value: db, effect: NoSchedule}]\n";
    let r = run(&format!("{nodes}{}", deployment("web", 4, &spread_constraint("kubernetes.io/hostname"))));
    assert_eq!(r.pods.iter().filter(|p| p.node.is_some()).count(), 2, "{:?}", r.pods.iter().map(|p| &p.pending_reason).collect::<Vec<_>>());
    let pending = r.pods.iter().find(|p| p.node.is_none()).unwrap();
    assert_eq!(
        pending.pending_reason.as_deref(),
        Some("0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't match pod topology spread constraints. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.")
    );
}

// validateTopologySpreadConstraints
#[test]
fn validate_topology_spread_constraints() {
    let bad = "      topologySpreadConstraints:\n      - maxSkew: 0\n        topologyKey: kubernetes.io/hostname\n        whenUnsatisfiable: Never\n";
    let r = run(&deployment("web", 1, bad));
    let f = "spec.template.spec.topologySpreadConstraints[0]";
    assert!(has_error(&r, &format!("{f}.maxSkew: Invalid value: 0: must be greater than zero")), "{:?}", errors(&r));
    assert!(has_error(&r, &format!("{f}.whenUnsatisfiable: Unsupported value: \"Never\": supported values: \"DoNotSchedule\", \"ScheduleAnyway\"")), "{:?}", errors(&r));
}

fn node_affinity(terms: &str) -> String {
    format!("      affinity:\n        nodeAffinity:\n{terms}")
}

// ValidateNodeSelectorRequirement (pkg/apis/core/validation/validation.go): the operator decides
// how many values there may be; anything else is "not a valid selector operator"; the key is a
// label name and, in a required term, each value a label value. The object is refused: no pods.
#[test]
fn validate_node_selector_requirement_operators_and_values() {
    let req = "          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n            - matchExpressions:\n";
    let f = "spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions";
    let r = run(&deployment("web", 2, &node_affinity(&format!("{req}              - {{key: zone, operator: Equals, values: [a]}}\n"))));
    assert!(has_error(&r, &format!("{f}[0].operator: Invalid value: \"Equals\": not a valid selector operator")), "{:?}", errors(&r));
    assert!(r.pods.is_empty(), "a refused Deployment makes no pods");
    let r = run(&deployment(
        "web",
        1,
        &node_affinity(&format!(
            "{req}              - {{key: zone, operator: In}}\n              - {{key: zone, operator: Exists, values: [a]}}\n              - {{key: cpus, operator: Gt, values: [\"1\", \"2\"]}}\n              - {{key: \"bad key!\", operator: In, values: [\"not ok!\"]}}\n"
        )),
    ));
    assert!(has_error(&r, &format!("{f}[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'")), "{:?}", errors(&r));
    assert!(has_error(&r, &format!("{f}[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'")), "{:?}", errors(&r));
    assert!(has_error(&r, &format!("{f}[2].values: Required value: must be specified single value when `operator` is 'Lt' or 'Gt'")), "{:?}", errors(&r));
    assert!(errors(&r).iter().any(|e| e.contains(&format!("{f}[3].key: Invalid value: \"bad key!\": name part must consist of alphanumeric characters"))), "{:?}", errors(&r));
    assert!(errors(&r).iter().any(|e| e.contains(&format!("{f}[3].values[0]: Invalid value: \"not ok!\": a valid label must be an empty string"))), "{:?}", errors(&r));
    // a valid term: no error, and the pods are scheduled by it
    let r = run(&deployment("web", 1, &node_affinity(&format!("{req}              - {{key: kubernetes.io/hostname, operator: In, values: [node-2]}}\n"))));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert_eq!(r.pods[0].node.as_deref(), Some("node-2"));
}

// ValidateNodeSelector: at least one term; ValidateNodeFieldSelectorRequirement: only
// metadata.name, In/NotIn with exactly one node name
#[test]
fn validate_node_selector_terms_and_field_selector_requirement() {
    let f = "spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution";
    let r = run(&deployment("web", 1, &node_affinity("          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms: []\n")));
    assert!(has_error(&r, &format!("{f}.nodeSelectorTerms: Required value: must have at least one node selector term")), "{:?}", errors(&r));
    let r = run(&deployment(
        "web",
        1,
        &node_affinity("          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n            - matchFields:\n              - {key: metadata.labels, operator: In, values: [a]}\n              - {key: metadata.name, operator: In, values: [node-1, node-2]}\n              - {key: metadata.name, operator: Exists}\n              - {key: metadata.name, operator: In, values: [Node_1]}\n"),
    ));
    let m = format!("{f}.nodeSelectorTerms[0].matchFields");
    assert!(has_error(&r, &format!("{m}[0].key: Invalid value: \"metadata.labels\": not a valid field selector key")), "{:?}", errors(&r));
    assert!(has_error(&r, &format!("{m}[1].values: Required value: must be only one value when `operator` is 'In' or 'NotIn' for node field selector")), "{:?}", errors(&r));
    assert!(has_error(&r, &format!("{m}[2].operator: Invalid value: \"Exists\": not a valid selector operator")), "{:?}", errors(&r));
    assert!(errors(&r).iter().any(|e| e.starts_with(&format!("{m}[3].values[0]: Invalid value: \"Node_1\": a lowercase RFC 1123 subdomain"))), "{:?}", errors(&r));
}

// ValidatePreferredSchedulingTerms: weight 1-100; the preference's label values are not checked
// ("we always allow invalid label-value for preferred affinity"), its operators are
#[test]
fn validate_preferred_scheduling_terms() {
    let r = run(&deployment(
        "web",
        1,
        &node_affinity("          preferredDuringSchedulingIgnoredDuringExecution:\n          - weight: 101\n            preference:\n              matchExpressions:\n              - {key: zone, operator: In, values: [\"not ok!\"]}\n              - {key: zone, operator: Like, values: [a]}\n"),
    ));
    let f = "spec.template.spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0]";
    assert!(has_error(&r, &format!("{f}.weight: Invalid value: 101: must be in the range 1-100")), "{:?}", errors(&r));
    assert!(has_error(&r, &format!("{f}.preference.matchExpressions[1].operator: Invalid value: \"Like\": not a valid selector operator")), "{:?}", errors(&r));
    assert!(!errors(&r).iter().any(|e| e.contains("not ok!")), "{:?}", errors(&r));
}

// ValidatePodSpec: activeDeadlineSeconds is 1..MaxInt32 on a Pod; a controller's template may
// not set it at all (ValidatePodTemplateSpecForRC, ValidatePodTemplateSpecForReplicaSet,
// ValidateStatefulSetSpec, ValidateDaemonSetSpec: Forbidden, "… in <kind> is not Supported")
#[test]
fn validate_active_deadline_seconds() {
    let pod = |v: &str| format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: p, labels: {{app: web}}}}\nspec:\n  activeDeadlineSeconds: {v}\n  containers:\n  - {{name: c, image: nginx}}\n");
    let r = run(&pod("30"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert_eq!(r.pods.len(), 1);
    let r = run(&pod("0"));
    assert!(has_error(&r, "spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive"), "{:?}", errors(&r));
    assert!(r.pods.is_empty());
    let r = run(&deployment("web", 2, "      activeDeadlineSeconds: 30\n"));
    assert!(has_error(&r, "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported"), "{:?}", errors(&r));
    assert!(r.pods.is_empty());
    for kind in ["StatefulSet", "DaemonSet", "ReplicaSet"] {
        // (a DaemonSet has no spec.replicas: strict decoding would refuse it first)
        let r = run(&deployment("web", 1, "      activeDeadlineSeconds: 30\n").replace("kind: Deployment", &format!("kind: {kind}")).replace("  replicas: 1\n", if kind == "DaemonSet" { "" } else { "  replicas: 1\n" }));
        assert!(has_error(&r, &format!("spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in {kind} is not Supported")), "{kind}: {:?}", errors(&r));
    }
    let r = run(&GUESTBOOK_RC.replace("      containers:", "      activeDeadlineSeconds: 30\n      containers:"));
    assert!(has_error(&r, "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicationController is not Supported"), "{:?}", errors(&r));
}

// pkg/controller/tainteviction/taint_eviction.go processPodOnNode + getMinTolerationTime: a pod
// that tolerates its node's NoExecute taints for tolerationSeconds is deleted then; without
// tolerationSeconds it stays; DaemonSet pods tolerate not-ready/unreachable forever
// (AddOrUpdateDaemonPodTolerations), other pods for 300 s (DefaultTolerationSeconds)
#[test]
fn taint_eviction_after_toleration_seconds() {
    let node = "apiVersion: v1\nkind: Node\nmetadata: {name: n1}\nspec:\n  taints: [{key: dedicated, value: gpu, effect: NoExecute}]\n---\n";
    let pod = |tol: &str| format!("{node}apiVersion: v1\nkind: Pod\nmetadata: {{name: p, labels: {{app: web}}}}\nspec:\n  nodeName: n1\n  tolerations: [{tol}]\n  containers: [{{name: c, image: nginx}}]\n");
    let notes = |r: &super::Report| r.diagnostics.iter().filter(|d| d.code == "TaintEviction").map(|d| d.message.clone()).collect::<Vec<_>>();
    let r = run(&pod("{key: dedicated, operator: Exists, effect: NoExecute, tolerationSeconds: 60}, {operator: Exists, effect: NoExecute, tolerationSeconds: 600}"));
    assert_eq!(
        notes(&r),
        vec!["pod p on node n1: the taint dedicated=gpu:NoExecute is tolerated for 60 s only (tolerationSeconds), so the taint eviction controller deletes it 60 s after it met the taint"]
    );
    assert_eq!(r.pods[0].phase, "Running", "until then it runs and serves");
    // tolerated without tolerationSeconds: forever
    assert!(notes(&run(&pod("{key: dedicated, operator: Exists, effect: NoExecute}"))).is_empty());
    // not tolerated at all: the kubelet refuses it (no eviction timer)
    let r = run(&pod(""));
    assert!(notes(&r).is_empty());
    assert_eq!(r.pods[0].phase, "Failed");
    // a NotReady node: a Deployment's pods get 300 s (DefaultTolerationSeconds), a DaemonSet's stay
    let not_ready = "apiVersion: v1\nkind: Node\nmetadata: {name: n1}\nstatus:\n  conditions: [{type: Ready, status: \"False\"}]\n---\n";
    let ds = format!(
        "{not_ready}apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {{name: agent}}\nspec:\n  selector: {{matchLabels: {{app: agent}}}}\n  template:\n    metadata: {{labels: {{app: agent}}}}\n    spec: {{containers: [{{name: c, image: x}}]}}\n---\napiVersion: v1\nkind: Pod\nmetadata: {{name: old}}\nspec:\n  nodeName: n1\n  containers: [{{name: c, image: x}}]\n"
    );
    let r = run(&ds);
    assert_eq!(
        notes(&r),
        vec!["pod old on node n1: the taint node.kubernetes.io/not-ready:NoExecute is tolerated for 300 s only (the 300 s toleration the DefaultTolerationSeconds admission plugin adds), so the taint eviction controller deletes it 300 s after it met the taint"]
    );
}

// KEP-3070: automatic nodePorts come from above the static band (30000 + min(max(16, 2768/32),
// 128) = 30086 for the default range; portallocator/allocator.go calculateRangeOffset), so a
// Service that asks for a low nodePort (tutorials' 30007) is not beaten to it by one that asked
// for none
#[test]
fn node_port_auto_allocation_skips_the_static_band() {
    let mut src = String::new();
    for i in 0..300 {
        src.push_str(&format!("---\napiVersion: v1\nkind: Service\nmetadata: {{name: auto-{i}}}\nspec:\n  type: NodePort\n  selector: {{app: a}}\n  ports: [{{port: 80}}]\n"));
    }
    for np in 30000..30086 {
        src.push_str(&format!("---\napiVersion: v1\nkind: Service\nmetadata: {{name: fixed-{np}}}\nspec:\n  type: NodePort\n  selector: {{app: a}}\n  ports: [{{port: 80, nodePort: {np}}}]\n"));
    }
    let r = run(&src);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r).first());
    for s in r.services.iter().filter(|s| s.name.starts_with("auto-")) {
        let np = s.ports[0].node_port.expect("allocated");
        assert!((30086..=32767).contains(&np), "{} got {np}", s.name);
    }
}

// ipallocator.go: automatic ClusterIPs come from above the static band too (first address after
// the network's + min(max(16, size/16), 256)): a /24 keeps .1–.16 for addresses users ask for
#[test]
fn cluster_ip_auto_allocation_skips_the_static_band() {
    let cfg = Config { service_cidr: super::config::Cidr::parse("10.0.0.0/24").expect("cidr"), ..Config::default() };
    let mut src = String::new();
    for i in 0..200 {
        src.push_str(&format!("---\napiVersion: v1\nkind: Service\nmetadata: {{name: s-{i}}}\nspec:\n  selector: {{app: a}}\n  ports: [{{port: 80}}]\n"));
    }
    let r = run_cfg(&src, cfg.clone());
    assert!(errors(&r).is_empty(), "{:?}", errors(&r).first());
    for s in &r.services {
        let last: u32 = s.cluster_ip.as_deref().and_then(|ip| ip.rsplit('.').next()).and_then(|o| o.parse().ok()).expect("ip");
        assert!((17..=254).contains(&last), "{} got {:?}", s.name, s.cluster_ip);
    }
    // when the dynamic band is full, the static band is used
    let mut more = src.clone();
    for i in 200..250 {
        more.push_str(&format!("---\napiVersion: v1\nkind: Service\nmetadata: {{name: s-{i}}}\nspec:\n  selector: {{app: a}}\n  ports: [{{port: 80}}]\n"));
    }
    let r = run_cfg(&more, cfg);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r).first());
    assert!(r.services.iter().any(|s| s.cluster_ip.as_deref().and_then(|ip| ip.rsplit('.').next()).and_then(|o| o.parse::<u32>().ok()).is_some_and(|o| o <= 16)));
}

// validateContainers / validateInitContainers / validateContainerCommon / validateContainerPorts /
// validatePullPolicy / validateDNSPolicy (pkg/apis/core/validation/validation.go): a template the
// API server refuses makes no pods
#[test]
fn validate_containers_image_protocol_names_policies() {
    let src = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      dnsPolicy: ClusterFirstWithHostNetwork\n      initContainers:\n      - {name: init, image: busybox, restartPolicy: OnFailure}\n      - {name: side, image: envoy, restartPolicy: Always, ports: [{containerPort: 9901, name: admin}]}\n      containers:\n      - name: web\n        ports: [{containerPort: 80, protocol: tcp}]\n        imagePullPolicy: always\n      - {name: My_Container, image: x, restartPolicy: Always}\n      - {name: side, image: x}\n";
    let r = run(src);
    let p = "spec.template.spec";
    for want in [
        format!("{p}.dnsPolicy: Unsupported value: \"ClusterFirstWithHostNetwork\": supported values: \"ClusterFirstWithHostNet\", \"ClusterFirst\", \"Default\", \"None\""),
        format!("{p}.initContainers[0].restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\""),
        format!("{p}.initContainers[1].name: Duplicate value: \"side\""),
        format!("{p}.containers[0].image: Required value"),
        format!("{p}.containers[0].ports[0].protocol: Unsupported value: \"tcp\": supported values: \"SCTP\", \"TCP\", \"UDP\""),
        format!("{p}.containers[0].imagePullPolicy: Unsupported value: \"always\": supported values: \"Always\", \"IfNotPresent\", \"Never\""),
        format!("{p}.containers[1].restartPolicy: Forbidden: may not be set for non-init containers"),
    ] {
        assert!(has_error(&r, &want), "{want}\n{:#?}", errors(&r));
    }
    assert!(errors(&r).iter().any(|e| e.starts_with(&format!("{p}.containers[1].name: Invalid value: \"My_Container\": a lowercase RFC 1123 label"))), "{:#?}", errors(&r));
    assert!(r.pods.is_empty());
    // no containers at all
    let r = run("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: []\n");
    assert!(has_error(&r, "spec.containers: Required value"), "{:?}", errors(&r));
    // a sidecar's port is found at its own index in initContainers
    let r = run("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers:\n  - {name: a, image: x}\n  - {name: b, image: x, restartPolicy: Always, ports: [{containerPort: 0}]}\n  containers: [{name: c, image: x}]\n");
    assert!(has_error(&r, "spec.initContainers[1].ports[0].containerPort: Required value"), "{:?}", errors(&r));
}

// validateLoadBalancerClassField: a LoadBalancer's class is a qualified name; the cloud controller
// skips a Service that has one (cloud-provider controllers/service/controller.go wantsLoadBalancer)
#[test]
fn load_balancer_class_validated_and_left_to_its_controller() {
    let lb = |class: &str| format!("apiVersion: v1\nkind: Service\nmetadata: {{name: web}}\nspec:\n  type: LoadBalancer\n  loadBalancerClass: {class}\n  selector: {{app: web}}\n  ports: [{{port: 80}}]\n");
    let r = run(&lb("\"my class!\""));
    assert!(errors(&r).iter().any(|e| e.starts_with("spec.loadBalancerClass: Invalid value: \"my class!\": name part must consist of alphanumeric characters")), "{:?}", errors(&r));
    let cfg = Config { cloud: true, ..Config::default() };
    let r = run_cfg(&lb("example.com/internal"), cfg.clone());
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let s = svc(&r, "web");
    assert_eq!(s.load_balancer, super::service::LoadBalancer::Pending);
    let p = s.paths.iter().find(|p| p.outcome == Outcome::Pending).expect("pending path");
    assert_eq!(p.reason, "no controller for loadBalancerClass example.com/internal: EXTERNAL-IP <pending>");
    // without a class the simulated cloud answers
    let r = run_cfg(&lb("null"), cfg);
    assert!(matches!(svc(&r, "web").load_balancer, super::service::LoadBalancer::Ready { .. }));
}

// ValidateService: with no spec.loadBalancerSourceRanges, the
// service.beta.kubernetes.io/load-balancer-source-ranges annotation gets the same checks
#[test]
fn load_balancer_source_ranges_annotation_validated() {
    let src = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  annotations:\n    service.beta.kubernetes.io/load-balancer-source-ranges: \" 10.0.0.0/8, bogus \"\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n";
    let r = run(src);
    let f = "metadata.annotations[service.beta.kubernetes.io/load-balancer-source-ranges]";
    assert!(has_error(&r, &format!("{f}: Forbidden: may only be used when `type` is 'LoadBalancer'")), "{:?}", errors(&r));
    assert!(has_error(&r, &format!("{f}: Invalid value: \"bogus\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)")), "{:?}", errors(&r));
    let r = run(&src.replace("bogus ", "192.168.0.0/16").replace("spec:\n", "spec:\n  type: LoadBalancer\n"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
}

// ValidateNamespace / ValidateObjectMeta: namespace names are DNS-1123 labels, for the Namespace
// object and for every namespaced object's metadata.namespace
#[test]
fn validate_namespace_name() {
    let r = run("apiVersion: v1\nkind: Namespace\nmetadata: {name: Staging}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: Shop}\nspec: {containers: [{name: c, image: x}]}\n");
    assert!(errors(&r).iter().any(|e| e.starts_with("metadata.name: Invalid value: \"Staging\": a lowercase RFC 1123 label")), "{:?}", errors(&r));
    assert!(errors(&r).iter().any(|e| e.starts_with("metadata.namespace: Invalid value: \"Shop\": a lowercase RFC 1123 label")), "{:?}", errors(&r));
    assert!(r.pods.is_empty());
    assert!(!r.diagnostics.iter().any(|d| d.code == "NamespaceAssumed"));
}

// A dumped Pod the scheduler could not place (condition PodScheduled False, reason
// Unschedulable): it stays Pending with the scheduler's own message, not scheduled again here
#[test]
fn dumped_unschedulable_pod_keeps_the_schedulers_message() {
    let src = "apiVersion: v1\nkind: Node\nmetadata: {name: n1}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: big, labels: {app: web}}\nspec:\n  containers: [{name: c, image: x, resources: {requests: {cpu: \"4\"}}}]\nstatus:\n  phase: Pending\n  conditions:\n  - {type: PodScheduled, status: \"False\", reason: Unschedulable, message: \"0/1 nodes are available: 1 Insufficient cpu.\"}\n";
    let r = run(src);
    let p = &r.pods[0];
    assert_eq!((p.node.as_deref(), p.phase.as_str()), (None, "Pending"));
    assert_eq!(p.pending_reason.as_deref(), Some("0/1 nodes are available: 1 Insufficient cpu."));
    // a Pending pod whose PodScheduled is True (it has a node, its containers are starting) is placed
    let r = run(&src.replace("status: \"False\", reason: Unschedulable, message: \"0/1 nodes are available: 1 Insufficient cpu.\"", "status: \"True\""));
    assert!(r.pods[0].node.is_some());
}

// NodeResourcesFit.Filter (pkg/scheduler/framework/plugins/noderesources/fit.go fitsRequest) and
// resource.PodRequests: a node's status.allocatable minus what its pods request must hold the
// new pod's requests (a limit stands in for a missing request, SetDefaults_Pod); each shortfall
// counts in the FitError. The kubelet's admission of a pod bound by nodeName does the same check
// first (AdmissionCheck → InsufficientResourceError).
#[test]
fn noderesources_fit_insufficient_cpu_and_memory() {
    let nodes = "apiVersion: v1\nkind: Node\nmetadata: {name: n1}\nstatus:\n  allocatable: {cpu: \"2\", memory: 4Gi, pods: \"110\"}\n---\napiVersion: v1\nkind: Node\nmetadata: {name: n2}\nstatus:\n  allocatable: {cpu: 1500m, memory: 1Gi, pods: \"110\"}\n---\n";
    let dep = |res: &str| format!("{nodes}apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: web}}\nspec:\n  replicas: 3\n  selector: {{matchLabels: {{app: web}}}}\n  template:\n    metadata: {{labels: {{app: web}}}}\n    spec:\n      containers: [{{name: c, image: x, resources: {res}}}]\n");
    let r = run(&dep("{requests: {cpu: 900m, memory: 1.5Gi}}"));
    let pending: Vec<&str> = r.pods.iter().filter_map(|p| p.pending_reason.as_deref()).collect();
    assert_eq!(
        pending,
        vec!["0/2 nodes are available: 1 Insufficient cpu, 2 Insufficient memory. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod."]
    );
    assert_eq!(r.pods.iter().filter(|p| p.node.as_deref() == Some("n1")).count(), 2);
    // limits only: the requests default to them
    let r = run(&dep("{limits: {cpu: \"1\"}}"));
    assert_eq!(r.pods.iter().filter(|p| p.node.is_none()).count(), 0, "2 on n1 (2 CPUs) and 1 on n2 (1.5)");
    let r = run(&dep("{limits: {cpu: 1100m}}"));
    assert_eq!(r.pods.iter().filter(|p| p.node.is_none()).count(), 1);
    // nothing requested, nothing checked but the pod count; nodes that say nothing are not checked
    assert!(run(&dep("{}")).pods.iter().all(|p| p.node.is_some()));
    // a sidecar's requests add to the pod's; an init container's turn only counts if larger
    let pod = |init: &str| format!("{nodes}apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n  initContainers: [{init}]\n  containers: [{{name: c, image: x, resources: {{requests: {{cpu: 1}}}}}}]\n");
    assert!(run(&pod("{name: i, image: x, resources: {requests: {cpu: 1500m}}}")).pods[0].node.is_some(), "max(1.5, 1) fits n1");
    assert!(run(&pod("{name: s, image: x, restartPolicy: Always, resources: {requests: {cpu: 1500m}}}")).pods[0].node.is_none(), "1 + 1.5 fits nowhere");
    // bound by nodeName: the kubelet refuses it
    let r = run(&format!("{nodes}apiVersion: v1\nkind: Pod\nmetadata: {{name: big}}\nspec:\n  nodeName: n1\n  containers: [{{name: c, image: x, resources: {{requests: {{cpu: \"4\"}}}}}}]\n"));
    assert_eq!(r.pods[0].phase, "Failed");
    assert_eq!(r.pods[0].failed_reason.as_deref(), Some("Pod was rejected: Node didn't have enough resource: cpu, requested: 4000, used: 0, capacity: 2000"));
}

// resource.ParseQuantity forms, rounded up (MilliValue / Value)
#[test]
fn quantity_parse_and_round_up() {
    use super::model::quantity;
    assert_eq!(quantity("500m", 1000), Some(500));
    assert_eq!(quantity("0.5", 1000), Some(500));
    assert_eq!(quantity("2", 1000), Some(2000));
    assert_eq!(quantity("1.5Gi", 1), Some(1610612736));
    assert_eq!(quantity("128Mi", 1), Some(134217728));
    assert_eq!(quantity("1G", 1), Some(1_000_000_000));
    assert_eq!(quantity("1e3", 1), Some(1000));
    assert_eq!(quantity("100n", 1000), Some(1), "0.0001 millicores rounds up");
    assert_eq!(quantity("1.5.1", 1), None);
    assert_eq!(quantity("-1", 1), None);
    assert_eq!(quantity("5 Gi", 1), None);
}

// With no ready endpoint, kube-proxy falls back to terminating endpoints that still serve
// (pkg/proxy/topology.go CategorizeEndpoints): the warning says so instead of "no traffic"
#[test]
fn no_ready_endpoints_warning_names_the_terminating_fallback() {
    let src = "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: old, labels: {app: web}, deletionTimestamp: \"2026-01-01T00:00:00Z\"}\nspec: {containers: [{name: c, image: x}]}\nstatus:\n  phase: Running\n  podIP: 10.244.0.5\n  conditions: [{type: Ready, status: \"True\"}]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: new, labels: {app: web}}\nspec: {containers: [{name: c, image: x}]}\nstatus:\n  phase: Running\n  podIP: 10.244.0.6\n  conditions: [{type: Ready, status: \"False\"}]\n";
    let r = run(src);
    let d = r.diagnostics.iter().find(|d| d.code == "NoReadyEndpoints").expect("warning");
    assert_eq!(d.message, "no endpoint is ready: 1 terminating pod still serving gets the traffic as kube-proxy's fallback until it stops; 1 other endpoint is not ready (Ready condition is not True)");
}

// kube-proxy pairs a selectorless Service's ports with the Endpoints' ports by name: a near-miss
// name is said as such, not "no Endpoints name it"
#[test]
fn selectorless_endpoints_port_name_mismatch_is_named() {
    let r = run("apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec:\n  ports: [{name: metrics, port: 9100}]\n---\napiVersion: v1\nkind: Endpoints\nmetadata: {name: db}\nsubsets:\n- addresses: [{ip: 10.1.2.3}]\n  ports: [{name: metric, port: 9100}]\n");
    let p = &svc(&r, "db").paths[0];
    assert_eq!(p.reason, "Service db has no selector; its Endpoints/EndpointSlices list 1 address, but none of their ports is named \"metrics\" as this Service port is (endpoint ports are matched to Service ports by name)");
}

// kube-proxy reads every EndpointSlice labelled with the Service's name
// (pkg/proxy/endpointslicecache.go endpointSliceCacheKeys); the EndpointSlice controller manages
// only its own (managed-by label) for a Service with a selector, so a hand-made slice adds its
// endpoints to the selector's, while the controller's own slices in a dump stand for its result
#[test]
fn manual_endpointslice_adds_to_a_selector_service() {
    let slice = |managed: &str| format!("apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: web-extra\n  labels:\n    kubernetes.io/service-name: web\n{managed}addressType: IPv4\nendpoints:\n- addresses: [192.0.2.50]\nports: [{{name: http, port: 8080, protocol: TCP}}]\n");
    let base = "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{name: http, port: 80, targetPort: 8080}]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {app: web}}\nspec: {containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]}\n---\n";
    let r = run(&format!("{base}{}", slice("")));
    let ips: Vec<&str> = svc(&r, "web").endpoints.iter().map(|e| e.ip.as_str()).collect();
    assert_eq!(ips.len(), 2, "{ips:?}");
    assert!(ips.contains(&"192.0.2.50"));
    let r = run(&format!("{base}{}", slice("    endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io\n")));
    assert_eq!(svc(&r, "web").endpoints.len(), 1);
}

// trafficDistribution: the EndpointSlice controller hints each ready endpoint for its node's zone
// (and node, for PreferSameNode: k8s.io/endpointslice trafficdist.go preferCloseHeuristic);
// kube-proxy keeps the hinted ones for its own zone/node when every ready endpoint has a hint
// and one matches (pkg/proxy/topology.go topologyModeFromHints); else all
#[test]
fn traffic_distribution_topology_hints() {
    let zones = |b: &str| format!("apiVersion: v1\nkind: Node\nmetadata: {{name: n-a, labels: {{topology.kubernetes.io/zone: zone-a}}}}\n---\napiVersion: v1\nkind: Node\nmetadata: {{name: n-b, labels: {{{b}}}}}\n---\n");
    let rest = |td: &str| format!("apiVersion: v1\nkind: Service\nmetadata: {{name: web}}\nspec:\n  type: NodePort\n  trafficDistribution: {td}\n  selector: {{app: web}}\n  ports: [{{port: 80, targetPort: 8080}}]\n---\napiVersion: v1\nkind: Pod\nmetadata: {{name: wa, labels: {{app: web}}}}\nspec: {{nodeName: n-a, containers: [{{name: c, image: x}}]}}\n---\napiVersion: v1\nkind: Pod\nmetadata: {{name: wb, labels: {{app: web}}}}\nspec: {{nodeName: n-b, containers: [{{name: c, image: x}}]}}\n");
    let picks = |r: &super::Report, node: &str| -> Vec<String> {
        let p = svc(r, "web").paths.iter().find(|p| p.entry == super::paths::Entry::NodePort && p.node.as_deref() == Some(node)).expect("nodeport path");
        p.backends.iter().filter_map(|b| b.pod.clone()).collect()
    };
    let r = run(&format!("{}{}", zones("topology.kubernetes.io/zone: zone-b"), rest("PreferClose")));
    assert_eq!(picks(&r, "n-a"), vec!["wa"]);
    assert_eq!(picks(&r, "n-b"), vec!["wb"]);
    // the rules kube-proxy writes on n-a pick only wa
    let set = super::iptables::rules_for(svc(&r, "web"), &r, "n-a");
    assert_eq!(set.rules.iter().filter(|x| x.matches == super::iptables::Match::Pick).count(), 1);
    // a node without a zone: not every endpoint has a zone hint, so no topology
    let r = run(&format!("{}{}", zones("kubernetes.io/os: linux"), rest("PreferClose")));
    assert_eq!(picks(&r, "n-a").len(), 2);
    // no trafficDistribution: no hints
    let r = run(&format!("{}{}", zones("topology.kubernetes.io/zone: zone-b"), rest("null")));
    assert_eq!(picks(&r, "n-a").len(), 2);
    // PreferSameNode, both in one zone: each node keeps its own pod
    let r = run(&format!("{}{}", zones("topology.kubernetes.io/zone: zone-a"), rest("PreferSameNode")));
    assert_eq!(picks(&r, "n-b"), vec!["wb"]);
    let r = run(&format!("{}{}", zones("topology.kubernetes.io/zone: zone-a"), rest("PreferClose")));
    assert_eq!(picks(&r, "n-b").len(), 2, "same zone: both");
}


// validateServiceTrafficDistribution (PreferSameTrafficDistribution on by default)
#[test]
fn validate_service_traffic_distribution() {
    let r = run("apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  trafficDistribution: Closest\n  selector: {app: web}\n  ports: [{port: 80}]\n");
    assert!(has_error(&r, "spec.trafficDistribution: Unsupported value: \"Closest\": supported values: \"PreferClose\", \"PreferSameNode\", \"PreferSameZone\""), "{:?}", errors(&r));
}

// validatePodDNSConfig: dnsPolicy None needs a dnsConfig with a nameserver;
// validatePodHostNetworkDeps: on the host network a hostPort must be its containerPort
#[test]
fn validate_pod_dns_config_and_host_network_ports() {
    let pod = |spec: &str| format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n{spec}  containers: [{{name: c, image: x, ports: [{{containerPort: 80, hostPort: 8080}}]}}]\n");
    let r = run(&pod("  dnsPolicy: None\n"));
    assert!(has_error(&r, "spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None"), "{:?}", errors(&r));
    let r = run(&pod("  dnsPolicy: None\n  dnsConfig: {}\n"));
    assert!(has_error(&r, "spec.dnsConfig.nameservers: Required value: must provide at least one DNS nameserver when `dnsPolicy` is None"), "{:?}", errors(&r));
    let r = run(&pod("  dnsPolicy: None\n  dnsConfig: {nameservers: [1.1.1.1]}\n"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let r = run(&pod("  hostNetwork: true\n"));
    assert!(has_error(&r, "spec.containers[0].ports[0].hostPort: Invalid value: 8080: must match `containerPort` when `hostNetwork` is true"), "{:?}", errors(&r));
}

// updateIdentity (pkg/controller/statefulset/stateful_set_utils.go): StatefulSet pods carry
// apps.kubernetes.io/pod-index (PodIndexLabel, GA v1.32), so a Service can select one replica
#[test]
fn statefulset_pod_index_label() {
    let src = "apiVersion: v1\nkind: Service\nmetadata: {name: db-0}\nspec:\n  selector: {app: db, apps.kubernetes.io/pod-index: \"0\"}\n  ports: [{port: 5432}]\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  serviceName: db\n  replicas: 2\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec: {containers: [{name: pg, image: postgres}]}\n";
    let r = run(src);
    let eps: Vec<&str> = svc(&r, "db-0").endpoints.iter().filter_map(|e| e.pod.as_deref()).collect();
    assert_eq!(eps, vec!["db-0"]);
}

// checkHostPortConflicts / AccumulateUniqueHostPorts: a host port once per protocol/hostIP/port
// across a pod's containers (each init container on its own); on the host network an unset
// hostPort is the containerPort
#[test]
fn validate_unique_host_ports() {
    let pod = |spec: &str| format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n{spec}");
    let r = run(&pod("  containers:\n  - {name: a, image: x, ports: [{containerPort: 80, hostPort: 8080}]}\n  - {name: b, image: x, ports: [{containerPort: 81, hostPort: 8080}]}\n"));
    assert!(has_error(&r, "spec.containers[1].ports[0].hostPort: Duplicate value: \"TCP//8080\""), "{:?}", errors(&r));
    // another protocol or hostIP is another port
    let r = run(&pod("  containers:\n  - {name: a, image: x, ports: [{containerPort: 80, hostPort: 8080}, {containerPort: 80, hostPort: 8080, protocol: UDP}, {containerPort: 81, hostPort: 8080, hostIP: 10.0.0.1}]}\n"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let r = run(&pod("  hostNetwork: true\n  containers:\n  - {name: a, image: x, ports: [{containerPort: 80}]}\n  - {name: b, image: x, ports: [{containerPort: 80}]}\n"));
    assert!(has_error(&r, "spec.containers[1].ports[0].hostPort: Duplicate value: \"TCP//80\""), "{:?}", errors(&r));
}

/// A batch/v1 Job with `spec` lines and a template with `labels` / `tspec` lines (2 spaces in).
fn job(name: &str, spec: &str, labels: &str, tspec: &str) -> String {
    format!(
        "apiVersion: batch/v1\nkind: Job\nmetadata: {{name: {name}}}\nspec:\n{spec}  template:\n    metadata:\n      labels: {{{labels}}}\n    spec:\n{tspec}      containers: [{{name: c, image: x, ports: [{{containerPort: 8080}}]}}]\n"
    )
}

// The docs' "Job with Pod-to-Pod Communication": generateSelector
// (pkg/registry/batch/job/strategy.go) puts `job-name` on the template; manageJob
// (pkg/controller/job/job_controller.go) gives an Indexed Job's pods the hostname
// `<job>-<index>` and the completion-index label; ShouldSetHostname
// (pkg/controller/util/endpoint) makes them the headless Service's named endpoints
#[test]
fn job_controller_indexed_pods_get_hostnames_under_a_headless_service() {
    let src = format!(
        "apiVersion: v1\nkind: Service\nmetadata: {{name: headless-svc}}\nspec:\n  clusterIP: None\n  selector: {{job-name: example-job}}\n---\n{}",
        job("example-job", "  completions: 3\n  parallelism: 3\n  completionMode: Indexed\n", "", "      subdomain: headless-svc\n      restartPolicy: Never\n")
    );
    let r = run(&src);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let s = svc(&r, "headless-svc");
    assert_eq!(s.endpoints.len(), 3);
    for i in 0..3 {
        assert!(s.dns.contains(&format!("example-job-{i}.headless-svc.default.svc.cluster.local")), "{:?}", s.dns);
    }
    let p = r.pods.iter().find(|p| p.hostname.as_deref() == Some("example-job-1")).expect("index 1");
    assert!(p.name.starts_with("example-job-1-") && p.name.len() == "example-job-1-".len() + 5, "{}", p.name);
    let label = |k: &str| p.labels.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str());
    assert_eq!(label("batch.kubernetes.io/job-completion-index"), Some("1"));
    assert_eq!(label("job-name"), Some("example-job"));
    assert_eq!(label("batch.kubernetes.io/job-name"), Some("example-job"));
    let uid = label("controller-uid").expect("uid label");
    assert_eq!(label("batch.kubernetes.io/controller-uid"), Some(uid));
    assert_eq!(uid.len(), 36);
    assert_eq!(p.owner.as_deref(), Some("Job/example-job"));
    assert!(r.diagnostics.iter().any(|d| d.code == "JobEndpoints" && d.message.contains("Job/example-job")), "{:?}", r.diagnostics);
}

// SetDefaults_Job (pkg/apis/batch/v1/defaults.go) and manageJob's wantActive: min(parallelism,
// completions − succeeded); firstPendingIndexes starts the lowest indexes not completed;
// a suspended or finished Job gets no pods
#[test]
fn job_controller_how_many_pods() {
    let names = |src: &str| -> Vec<String> { run(src).pods.iter().map(|p| p.name.clone()).collect() };
    assert_eq!(names(&job("pi", "", "app: pi", "      restartPolicy: Never\n")).len(), 1);
    assert_eq!(names(&job("pi", "  parallelism: 4\n", "app: pi", "      restartPolicy: Never\n")).len(), 4);
    assert_eq!(names(&job("pi", "  completions: 5\n  parallelism: 2\n", "app: pi", "      restartPolicy: Never\n")).len(), 2);
    assert_eq!(names(&job("pi", "  completions: 2\n  parallelism: 5\n", "app: pi", "      restartPolicy: Never\n")).len(), 2);
    assert_eq!(names(&job("pi", "  parallelism: 0\n", "app: pi", "      restartPolicy: Never\n")).len(), 0);
    let r = run(&job("pi", "  completions: 5\n  parallelism: 2\n  completionMode: Indexed\n", "app: pi", "      restartPolicy: Never\n"));
    let hosts: Vec<&str> = r.pods.iter().filter_map(|p| p.hostname.as_deref()).collect();
    assert_eq!(hosts, vec!["pi-0", "pi-1"]);
    let dumped = format!(
        "{}status:\n  succeeded: 2\n  completedIndexes: 0,2\n",
        job("pi", "  completions: 5\n  parallelism: 2\n  completionMode: Indexed\n", "app: pi", "      restartPolicy: Never\n")
    );
    let hosts: Vec<String> = run(&dumped).pods.iter().filter_map(|p| p.hostname.clone()).collect();
    assert_eq!(hosts, vec!["pi-1", "pi-3"]);
    let r = run(&job("pi", "  suspend: true\n", "app: pi", "      restartPolicy: Never\n"));
    assert!(r.pods.is_empty());
    assert!(r.diagnostics.iter().any(|d| d.code == "JobNotRunning" && d.message.contains("suspended")), "{:?}", r.diagnostics);
    let done = format!("{}status:\n  succeeded: 1\n  conditions:\n  - {{type: Complete, status: \"True\"}}\n", job("pi", "", "app: pi", "      restartPolicy: Never\n"));
    let r = run(&done);
    assert!(r.pods.is_empty());
    assert!(r.diagnostics.iter().any(|d| d.code == "JobNotRunning" && d.message.contains("condition Complete")), "{:?}", r.diagnostics);
}

// validateJobSpec / ValidateJob / validateGeneratedSelector (pkg/apis/batch/validation/validation.go)
#[test]
fn validate_job() {
    let r = run(&job("pi", "", "app: pi", ""));
    assert!(has_error(&r, "spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\""), "{:?}", errors(&r));
    assert!(r.pods.is_empty());
    let r = run(&job("pi", "", "app: pi", "      restartPolicy: Always\n"));
    assert!(has_error(&r, "spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\""), "{:?}", errors(&r));
    let r = run(&job("pi", "", "app: pi", "      restartPolicy: OnFailure\n      activeDeadlineSeconds: 30\n"));
    assert!(errors(&r).is_empty(), "a Job's pods may have a deadline: {:?}", errors(&r));
    let r = run(&job("pi", "  parallelism: -1\n  backoffLimit: -2\n", "app: pi", "      restartPolicy: Never\n"));
    assert!(has_error(&r, "spec.parallelism: Invalid value: -1: must be greater than or equal to 0"), "{:?}", errors(&r));
    assert!(has_error(&r, "spec.backoffLimit: Invalid value: -2: must be greater than or equal to 0"), "{:?}", errors(&r));
    let r = run(&job("pi", "  completionMode: Indexed\n", "app: pi", "      restartPolicy: Never\n"));
    assert!(has_error(&r, "spec.completions: Required value: when completion mode is Indexed"), "{:?}", errors(&r));
    let r = run(&job("pi", "  completionMode: indexed\n", "app: pi", "      restartPolicy: Never\n"));
    assert!(has_error(&r, "spec.completionMode: Unsupported value: \"indexed\": supported values: \"NonIndexed\", \"Indexed\""), "{:?}", errors(&r));
    // a written generated label with another value is kept, then refused
    let r = run(&job("pi", "", "job-name: other", "      restartPolicy: Never\n"));
    assert!(errors(&r).iter().any(|e| e.starts_with("spec.template.metadata.labels[job-name]: Invalid value: {") && e.ends_with(": must be 'pi'")), "{:?}", errors(&r));
    // a written selector gets the uid key merged in; one that the generated labels do not match is refused
    let r = run(&job("pi", "  selector: {matchLabels: {app: pi}}\n", "app: pi", "      restartPolicy: Never\n"));
    assert!(errors(&r).iter().any(|e| e.starts_with("spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"pi\",\"batch.kubernetes.io/controller-uid\":") && e.ends_with("`selector` not auto-generated")), "{:?}", errors(&r));
    let r = run(&job("pi", "  selector: {matchLabels: {job-name: pi}}\n", "app: pi", "      restartPolicy: Never\n"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    // manualSelector: the selector is the user's, and must match the template
    let r = run(&job("pi", "  manualSelector: true\n  selector: {matchLabels: {app: pi}}\n", "app: pi", "      restartPolicy: Never\n"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert!(r.pods[0].labels.iter().all(|(k, _)| k == "app"), "no generated labels: {:?}", r.pods[0].labels);
    // the job name is a label value on the template: at most 63 characters (ValidatePodTemplateSpec)
    let long = "j".repeat(64);
    let r = run(&job(&long, "", "app: pi", "      restartPolicy: Never\n"));
    assert!(has_error(&r, &format!("spec.template.labels: Invalid value: \"{long}\": must be no more than 63 characters")), "{:?}", errors(&r));
    // ValidateJob: the last index's hostname must be a DNS label
    let name = "j".repeat(62);
    let r = run(&job(&name, "  completions: 10\n  completionMode: Indexed\n", "app: pi", "      restartPolicy: Never\n"));
    assert!(has_error(&r, &format!("metadata.name: Invalid value: \"{name}\": will not able to create pod with invalid DNS label: {name}-9")), "{:?}", errors(&r));
}

// A dumped Job whose pods are in the dump (ownerReferences) is not expanded again
#[test]
fn dumped_job_pods_are_not_created_twice() {
    let src = format!(
        "{}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: pi-abcde\n  labels: {{app: pi}}\n  ownerReferences: [{{apiVersion: batch/v1, kind: Job, name: pi, uid: u}}]\nspec:\n  restartPolicy: Never\n  containers: [{{name: c, image: x}}]\n",
        job("pi", "", "app: pi", "      restartPolicy: Never\n")
    );
    let names: Vec<String> = run(&src).pods.iter().map(|p| p.name.clone()).collect();
    assert_eq!(names, vec!["pi-abcde"]);
}

// ValidateResourceRequirements (pkg/apis/core/validation/validation.go): requests at most their
// limits, quoted as Quantity.String() (k8s.io/apimachinery resource CanonicalizeBytes), no
// negative quantity, and extended resources (helper.IsOvercommitAllowed false) need a limit
// equal to the request
#[test]
fn validate_resource_requirements() {
    let pod = |res: &str| format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n  containers:\n  - name: c\n    image: x\n    resources:\n{res}");
    let r = run(&pod("      requests: {cpu: 2, memory: 1024Mi}\n      limits: {cpu: 1000m, memory: 512Mi}\n"));
    assert!(has_error(&r, "spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1"), "{:?}", errors(&r));
    assert!(has_error(&r, "spec.containers[0].resources.requests: Invalid value: \"1Gi\": must be less than or equal to memory limit of 512Mi"), "{:?}", errors(&r));
    assert!(r.pods.is_empty(), "the API server refuses the pod");
    let r = run(&pod("      requests: {cpu: 0.5}\n      limits: {cpu: 500m}\n"));
    assert!(errors(&r).is_empty(), "equal is fine: {:?}", errors(&r));
    let r = run(&pod("      requests: {cpu: \"-1\"}\n"));
    assert!(has_error(&r, "spec.containers[0].resources.requests[cpu]: Invalid value: \"-1\": must be greater than or equal to 0"), "{:?}", errors(&r));
    let r = run(&pod("      requests: {nvidia.com/gpu: 1}\n"));
    assert!(has_error(&r, "spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources"), "{:?}", errors(&r));
    let r = run(&pod("      requests: {nvidia.com/gpu: 1}\n      limits: {nvidia.com/gpu: 2}\n"));
    assert!(has_error(&r, "spec.containers[0].resources.requests: Invalid value: \"1\": must be equal to nvidia.com/gpu limit of 2"), "{:?}", errors(&r));
    let r = run(&pod("      limits: {nvidia.com/gpu: 2}\n"));
    assert!(errors(&r).is_empty(), "a limit alone defaults the request: {:?}", errors(&r));
}

// ValidateDeploymentSpec: a nil selector is Required, and LabelSelectorAsSelector(nil) =
// labels.Nothing() matches no template (ValidatePodTemplateSpecForReplicaSet); ValidateDaemonSetSpec
// has only the second error
#[test]
fn validate_workload_without_selector() {
    let w = |kind: &str| format!("apiVersion: apps/v1\nkind: {kind}\nmetadata: {{name: b}}\nspec:\n  template:\n    metadata: {{labels: {{app: b}}}}\n    spec: {{containers: [{{name: c, image: x}}]}}\n");
    let mismatch = "spec.template.metadata.labels: Invalid value: {\"app\":\"b\"}: `selector` does not match template `labels`";
    assert_eq!(errors(&run(&w("Deployment"))), ["spec.selector: Required value", mismatch]);
    assert_eq!(errors(&run(&w("StatefulSet"))), ["spec.selector: Required value", mismatch]);
    assert_eq!(errors(&run(&w("DaemonSet"))), [mismatch]);
}

// host-local IPAM (containernetworking/plugins plugins/ipam/host-local backend/allocator
// allocator.go Get): an address in use is never handed out again — a simulated pod skips the
// addresses written pods hold
#[test]
fn ipam_skips_addresses_written_pods_hold() {
    let src = "apiVersion: v1\nkind: Pod\nmetadata: {name: existing}\nspec:\n  nodeName: node-1\n  containers: [{name: c, image: x}]\nstatus: {phase: Running, podIP: 10.244.0.2}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: newone}\nspec:\n  nodeName: node-1\n  containers: [{name: c, image: x}]\n";
    let r = run(src);
    let ip = |n: &str| r.pods.iter().find(|p| p.name == n).and_then(|p| p.ip.clone());
    assert_eq!(ip("existing").as_deref(), Some("10.244.0.2"));
    assert_eq!(ip("newone").as_deref(), Some("10.244.0.3"));
}

// A dump without Node objects: each node's address is what its pods' status.hostIP says (the
// kubelet's report), its pod range the /24 of its pods' addresses
#[test]
fn dumped_pods_give_their_node_its_address() {
    let src = "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  nodeName: kind-worker\n  containers: [{name: c, image: x}]\nstatus: {phase: Running, hostIP: 172.18.0.3, podIP: 10.244.1.7}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: extra}\nspec:\n  selector: {matchLabels: {app: e}}\n  template:\n    metadata: {labels: {app: e}}\n    spec: {containers: [{name: c, image: x}]}\n";
    let r = run(src);
    assert_eq!(r.nodes.len(), 1);
    assert_eq!(r.nodes[0].ip, "172.18.0.3");
    let new = r.pods.iter().find(|p| p.name.starts_with("extra-")).expect("the Deployment's pod");
    let ip = new.ip.as_deref().unwrap_or_default();
    assert!(ip.starts_with("10.244.1.") && ip != "10.244.1.7", "{ip}");
}

// deployment/sync.go getNewReplicaSet names the ReplicaSet `<deployment>-<pod-template-hash>`:
// pods owned by it, in a dump without ReplicaSets, are that Deployment's pods (not created twice)
#[test]
fn dumped_pods_of_a_missing_replicaset_belong_to_their_deployment() {
    let src = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: x}]}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web-5d4f8b9c7b-h2x8k\n  labels: {app: web, pod-template-hash: 5d4f8b9c7b}\n  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5d4f8b9c7b, uid: u}]\nspec:\n  containers: [{name: c, image: x}]\n";
    let names: Vec<String> = run(src).pods.iter().map(|p| p.name.clone()).collect();
    assert_eq!(names, vec!["web-5d4f8b9c7b-h2x8k"]);
}

const KUBERNETES_SVC: &str = "apiVersion: v1\nkind: Service\nmetadata: {name: kubernetes, namespace: default, labels: {component: apiserver, provider: kubernetes}}\nspec:\n  clusterIP: CIP\n  ports: [{name: https, port: 443, protocol: TCP, targetPort: 6443}]\n  type: ClusterIP\n";

// pkg/controlplane/controller/kubernetesservice: `kubernetes` holds the first address of the
// API server's --service-cluster-ip-range; a managed cluster's dump (EKS: 172.20.0.0/16) is
// read in its own range, not refused Service by Service
#[test]
fn service_cidr_from_the_kubernetes_service_of_a_dump() {
    let src = format!(
        "{}---\napiVersion: v1\nkind: Service\nmetadata: {{name: shop}}\nspec:\n  clusterIP: 172.20.118.4\n  selector: {{app: shop}}\n  ports: [{{port: 80}}]\n",
        KUBERNETES_SVC.replace("CIP", "172.20.0.1")
    );
    let r = run(&src);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert_eq!(r.cluster.service_cidr, "172.20.0.0/16");
    assert!(r.diagnostics.iter().any(|d| d.code == "ServiceCIDR" && d.message.contains("172.20.0.0/16")));
    // a range the user chose stays
    let cfg = Config { service_cidr_set: true, ..Config::default() };
    assert!(!errors(&run_cfg(&src, cfg)).is_empty());
    // a learner's own ClusterIP outside the range is still refused
    let own = "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  clusterIP: 172.20.0.5\n  ports: [{port: 80}]\n";
    assert!(!errors(&run(own)).is_empty());
}

// pkg/controlplane/reconcilers: the API server keeps `kubernetes`'s endpoints itself (its
// address, --secure-port); in a dump those are the kube-apiserver static pods
#[test]
fn kubernetes_service_endpoints_are_the_apiserver() {
    let apiserver = "apiVersion: v1\nkind: Pod\nmetadata: {name: kube-apiserver-cp, namespace: kube-system, labels: {component: kube-apiserver, tier: control-plane}}\nspec:\n  nodeName: cp\n  hostNetwork: true\n  containers: [{name: kube-apiserver, image: registry.k8s.io/kube-apiserver:v1.32.0}]\nstatus:\n  phase: Running\n  hostIP: 172.18.0.2\n  podIP: 172.18.0.2\n  conditions: [{type: Ready, status: \"True\"}]\n";
    let r = run(&format!("{}---\n{apiserver}", KUBERNETES_SVC.replace("CIP", "10.96.0.1")));
    let s = svc(&r, "kubernetes");
    assert_eq!(s.endpoints.len(), 1);
    assert_eq!(s.endpoints[0].ip, "172.18.0.2");
    assert_eq!(s.endpoints[0].ports[0].port, 6443);
    let text = KUBERNETES_SVC.replace("CIP", "10.96.0.1");
    let r = run(&text);
    assert!(r.diagnostics.iter().any(|d| d.code == "Selectorless" && d.message.contains("API server keeps its endpoints itself")), "{:?}", r.diagnostics);
    // no kube-apiserver pod (a managed control plane, or a hand-made List): the request still
    // reaches the API server, drawn off the nodes — not "rejected: no endpoints" (learner QA n34)
    let s = svc(&r, "kubernetes");
    let p = s.paths.iter().find(|p| p.entry == super::paths::Entry::Pod).expect("pod path");
    assert_eq!(p.outcome, Outcome::External, "{p:?}");
    assert_eq!(p.hops.last().map(|h| h.to.as_str()), Some("external:kube-apiserver"));
    assert_eq!(p.hops.last().and_then(|h| h.rewritten.clone()).as_deref(), Some("<the API server's address>:6443"));
    let l = super::layout::layout(&r, Some(0), 1280.0);
    assert!(l.items.iter().any(|i| i.kind == "external" && i.name == "kube-apiserver"));
    let c = super::checklist::checklist(&text, &r, "kubernetes", "pod");
    assert!(c.iter().all(|c| c.status != "fail"), "{c:?}");
}

// ValidateAnnotations (k8s.io/apimachinery pkg/api/validation/objectmeta.go): keys are qualified
// names (lower-cased first), the whole at most 256 KiB (field.TooLong)
#[test]
fn validate_annotations() {
    let svc_with = |ann: &str| format!("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  annotations:\n{ann}spec:\n  ports: [{{port: 80}}]\n");
    let r = run(&svc_with("    my annotation: x\n"));
    assert!(errors(&r).iter().any(|e| e.starts_with("metadata.annotations: Invalid value: \"my annotation\": name part must consist of")), "{:?}", errors(&r));
    let r = run(&svc_with("    Example.COM/Owner: x\n"));
    assert!(errors(&r).is_empty(), "case does not matter: {:?}", errors(&r));
    let big = "a".repeat(300 * 1024);
    let r = run(&svc_with(&format!("    note: {big}\n")));
    assert!(has_error(&r, "metadata.annotations: Too long: may not be more than 262144 bytes"), "{:?}", errors(&r));
    assert!(svc(&r, "web").rejected);
}

// validateContainersOnlyForPod: a Pod's image has no surrounding whitespace (a template's is
// not checked there)
#[test]
fn validate_pod_image_whitespace() {
    let r = run("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: \"nginx:latest \"}]\n");
    assert!(has_error(&r, "spec.containers[0].image: Invalid value: \"nginx:latest \": must not have leading or trailing whitespace"), "{:?}", errors(&r));
}

// pkg/apis/networking/validation ValidateIngressSpec / validateHTTPIngressPath /
// validateIngressBackend, then what an ingress controller finds for each backend: the Service's
// *port* (not its targetPort), the Service in the Ingress's namespace, ready endpoints
#[test]
fn ingress_backends_name_the_service_port() {
    let ing = |paths: &str| format!("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {{name: web}}\nspec:\n  rules:\n  - host: web.example.com\n    http:\n      paths:\n{paths}");
    let path = |p: &str, svc: &str, port: &str| format!("      - path: {p}\n        pathType: Prefix\n        backend: {{service: {{name: {svc}, port: {{{port}}}}}}}\n");
    let web = service("  selector: {app: web}\n  ports:\n  - {name: http, port: 80, targetPort: 8080}\n");
    let src = format!("{web}{PODS}---\n{}", ing(&format!("{}{}{}", path("/", "web", "number: 8080"), path("/api", "api", "name: http"), path("/ok", "web", "name: http"))));
    let r = run(&src);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let notes: Vec<(Severity, &str)> = r.diagnostics.iter().filter(|d| d.code == "IngressBackend").map(|d| (d.severity, d.message.as_str())).collect();
    assert_eq!(notes.len(), 2, "{notes:?}");
    // a targetPort named instead of the port: ingress-nginx (serviceEndpoints) takes it too
    assert!(notes[0].0 == Severity::Info && notes[0].1.contains("8080 is a targetPort of Service web"), "{notes:?}");
    assert!(notes[1].0 == Severity::Warning && notes[1].1.contains("Service \"api\" does not exist in namespace default"), "{notes:?}");
    // an Ingress a cluster printed, dumped alone (dumps6): its Service is not in the input, not
    // missing from the cluster: an info note, not "does not exist … 503"
    let dumped = ing(&path("/api", "api", "name: http")).replace("metadata: {name: web}", "metadata: {name: web, uid: 0b5c3f4e-1f1e-4b8a-9c1d-2a3b4c5d6e7f, resourceVersion: \"812\"}");
    let r = run(&dumped);
    let notes: Vec<(Severity, &str)> = r.diagnostics.iter().filter(|d| d.code == "IngressBackend").map(|d| (d.severity, d.message.as_str())).collect();
    assert!(notes.len() == 1 && notes[0].0 == Severity::Info && notes[0].1.contains("Service \"api\" is not in this input (the Ingress was printed by a cluster"), "{notes:?}");
    let r = run(&format!("{web}{PODS}---\n{}", ing(&path("/", "web", "number: 9999"))));
    assert!(r.diagnostics.iter().any(|d| d.code == "IngressBackend" && d.severity == Severity::Warning && d.message.contains("Service web has no port 9999")), "{:?}", r.diagnostics);
    // hosts (validateIngressRules) and paths (validateHTTPIngressPath)
    let host = |h: &str| run(&format!("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {{name: web}}\nspec:\n  rules:\n  - host: \"{h}\"\n    http:\n      paths:\n{}", path("/", "web", "number: 80")));
    assert!(errors(&host("*.example.com")).is_empty());
    assert!(errors(&host("foo.*.com")).iter().any(|e| e.starts_with("spec.rules[0].host: Invalid value: \"foo.*.com\": a wildcard DNS-1123 subdomain must start with '*.'")), "{:?}", errors(&host("foo.*.com")));
    assert!(has_error(&host("10.0.0.1"), "spec.rules[0].host: Invalid value: \"10.0.0.1\": must be a DNS name, not an IP address"));
    let r = run(&ing(&path("/a//b", "web", "number: 80")));
    assert!(has_error(&r, "spec.rules[0].http.paths[0].path: Invalid value: \"/a//b\": must not contain '//'"), "{:?}", errors(&r));
    // validation
    let r = run(&ing("      - path: api\n        pathType: Prefix\n        backend: {service: {name: web, port: {number: 80}}}\n"));
    assert!(has_error(&r, "spec.rules[0].http.paths[0].path: Invalid value: \"api\": must be an absolute path"), "{:?}", errors(&r));
    let r = run(&ing("      - path: /\n        backend: {service: {name: web, port: {number: 80}}}\n"));
    assert!(has_error(&r, "spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified"), "{:?}", errors(&r));
    let r = run(&ing("      - path: /\n        pathType: Prefix\n        backend: {service: {name: web, port: {number: 80, name: http}}}\n"));
    assert!(has_error(&r, "spec.rules[0].http.paths[0].backend: Invalid value: \"\": cannot set both port name & port number"), "{:?}", errors(&r));
    let r = run(&ing("      - path: /\n        pathType: Prefix\n        backend: {service: {name: web}}\n"));
    assert!(has_error(&r, "spec.rules[0].http.paths[0].backend: Required value: port name or number is required"), "{:?}", errors(&r));
    // strict decoding knows v1's fields: the v1beta1 shape is an unknown field
    let r = run("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: x}\nspec:\n  backend: {serviceName: web, servicePort: 80}\n");
    assert!(r.diagnostics.iter().any(|d| d.code == "UnknownField" && d.message.contains("unknown field \"spec.backend\"")), "{:?}", r.diagnostics);
}

// The same object twice in one input (/tmp/qa/h12-twice.yaml). `kubectl apply -f` applies the
// documents in order (cli-runtime pkg/resource/visitor.go StreamVisitor.Visit; kubectl
// pkg/cmd/apply/apply.go applyOneObject): the second finds the first and patches it
// (pkg/cmd/apply/patcher.go Patcher.Patch, three-way merge against the last-applied-configuration),
// so one Service and one Deployment exist, as the later manifests say. `kubectl create -f` fails on
// the second: apimachinery pkg/api/errors/errors.go NewAlreadyExists (`<resource>[.<group>] "<name>"
// already exists`). mod.rs replaced_objects.
#[test]
fn apply_twice_the_later_definition_replaces_the_earlier_one() {
    let dep = |replicas: u32| format!("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: {replicas}\n  selector:\n    matchLabels: {{app: web}}\n  template:\n    metadata:\n      labels: {{app: web}}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n        ports: [{{containerPort: 80, name: http}}]\n");
    let svc_doc = |port: u32| service(&format!("  selector: {{app: web}}\n  ports:\n  - port: {port}\n    targetPort: http\n"));
    let src = format!("{}---\n{}---\n{}---\n{}", svc_doc(80), dep(2), svc_doc(8080), dep(3));
    // svc 1-10, `---` 11, deployment 12-27, `---` 28, svc 29-38, `---` 39, deployment 40-
    let r = run(&src);
    assert_eq!(r.services.len(), 1);
    assert_eq!(svc(&r, "web").ports.iter().map(|p| p.port).collect::<Vec<_>>(), vec![8080]);
    assert_eq!(r.pods.len(), 3, "{:?}", r.pods.iter().map(|p| &p.name).collect::<Vec<_>>());
    let again: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "DefinedAgain").collect();
    assert_eq!(again.len(), 2, "{:?}", r.diagnostics);
    assert_eq!((again[0].line, again[1].line), (1, 11));
    assert_eq!(again[0].severity, Severity::Warning);
    assert_eq!(again[0].kind, ErrorType::Kubectl);
    assert_eq!(again[0].object.as_deref(), Some("Service/default/web"));
    assert!(again[0].message.starts_with("Service default/web is defined again at line 28: `kubectl apply -f` applies the documents in order"), "{}", again[0].message);
    assert!(again[0].message.contains("Error from server (AlreadyExists): services \"web\" already exists"), "{}", again[0].message);
    assert!(again[1].message.starts_with("Deployment default/web is defined again at line 38:"), "{}", again[1].message);
    assert!(again[1].message.contains("Error from server (AlreadyExists): deployments.apps \"web\" already exists"), "{}", again[1].message);
    assert_eq!(r.objects, 2);
}

// Identity is what the API server keys the object by: namespace after defaulting (`default`
// written or not is one object; another namespace is another), none for a cluster-scoped kind
// (Node), and no merging without a name (each generateName create is a new object); three
// definitions: each earlier one names the next, the last one stays; a List's items likewise
// (meta.ExtractList, then the same apply per item)
#[test]
fn defined_again_identity_namespace_cluster_scope_and_no_name() {
    let svc = |ns: &str, port: u32| format!("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n{ns}spec:\n  ports:\n  - port: {port}\n");
    let r = run(&format!("{}---\n{}---\n{}", svc("", 80), svc("  namespace: default\n", 81), svc("  namespace: shop\n", 82)));
    assert_eq!(r.services.len(), 2);
    assert_eq!(r.services.iter().map(|s| (s.namespace.as_str(), s.ports[0].port)).collect::<Vec<_>>(), vec![("default", 81), ("shop", 82)]);

    let r = run(&format!("{}---\n{}---\n{}", svc("", 80), svc("", 81), svc("", 82)));
    assert_eq!(svc_ports(&r), vec![82]);
    let again: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "DefinedAgain").collect();
    assert_eq!(again.iter().map(|d| d.line).collect::<Vec<_>>(), vec![1, 9]);
    assert!(again[0].message.contains("defined again at line 9:") && again[0].message.ends_with("Switchboard shows the last definition, at line 17."), "{}", again[0].message);
    assert!(again[1].message.contains("defined again at line 17:") && again[1].message.ends_with("Switchboard shows the later one."), "{}", again[1].message);

    let node = |ns: &str| format!("apiVersion: v1\nkind: Node\nmetadata:\n  name: node-9\n{ns}");
    let r = run(&format!("{}---\n{}", node(""), node("  namespace: x\n")));
    let again: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "DefinedAgain").collect();
    assert!(again.len() == 1 && again[0].message.starts_with("Node node-9 is defined again at line 6") && again[0].message.contains("nodes \"node-9\" already exists"), "{:?}", r.diagnostics);

    let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  generateName: p-\n  labels: {app: web}\nspec:\n  containers:\n  - name: c\n";
    let r = run(&format!("{pod}---\n{pod}"));
    assert!(!r.diagnostics.iter().any(|d| d.code == "DefinedAgain"), "{:?}", r.diagnostics);

    let item = |port: u32| format!("- apiVersion: v1\n  kind: Service\n  metadata:\n    name: web\n  spec:\n    ports:\n    - port: {port}\n");
    let r = run(&format!("apiVersion: v1\nkind: List\nitems:\n{}{}", item(80), item(81)));
    assert_eq!(svc_ports(&r), vec![81]);
    assert!(r.diagnostics.iter().any(|d| d.code == "DefinedAgain" && d.line == 4), "{:?}", r.diagnostics);
}

fn svc_ports(r: &super::report::Report) -> Vec<i64> {
    assert_eq!(r.services.len(), 1, "{:?}", r.services.iter().map(|s| &s.name).collect::<Vec<_>>());
    r.services[0].ports.iter().map(|p| p.port).collect()
}

// An earlier definition's errors belong to it, not to the one kept: the API server refuses the
// first (an unknown field, json.go UnmarshalStrict), creates the second, so the Service exists
// (apply: the first fails, the second is a create)
#[test]
fn defined_again_the_earlier_ones_errors_stay_with_it() {
    let bad = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selectr: {app: web}\n  ports:\n  - port: 80\n";
    let good = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 81\n";
    let r = run(&format!("{bad}---\n{good}"));
    assert!(r.diagnostics.iter().any(|d| d.code == "UnknownField" && d.line == 6), "{:?}", r.diagnostics);
    let s = svc(&r, "web");
    assert!(!s.rejected);
    assert_eq!(svc_ports(&r), vec![81]);
    // and a duplicate key is no syntax error: the page's picture is not kept stale for it
    let r = run(&format!("{good}    port: 82\n"));
    assert!(r.diagnostics.iter().any(|d| d.code == "DuplicateKey") && !r.diagnostics.iter().any(|d| d.kind == ErrorType::Syntax), "{:?}", r.diagnostics);
}

// k8s.io/api networking/v1 NetworkPolicySpec: a pod selected by a policy with Ingress in its
// (SetDefaults_NetworkPolicy-defaulted) policyTypes is isolated; only what a rule allows gets in
// (no `from`: every source; a podSelector peer alone: pods of the policy's namespace)
#[test]
fn network_policy_isolates_the_service_pods() {
    let web = service("  selector: {app: web}\n  ports:\n  - {port: 80, targetPort: 8080}\n");
    let np = |spec: &str| format!("---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: np}}\nspec:\n{spec}");
    let denies = |src: &str| run(src).diagnostics.iter().any(|d| d.code == "NetworkPolicyDenies");
    // default deny: an empty podSelector, no ingress rules
    assert!(denies(&format!("{web}{PODS}{}", np("  podSelector: {}\n  policyTypes: [Ingress]\n"))));
    // allowed only from app=frontend pods: the client (run=client) is not one
    assert!(denies(&format!("{web}{PODS}{}", np("  podSelector: {matchLabels: {app: web}}\n  ingress:\n  - from: [{podSelector: {matchLabels: {app: frontend}}}]\n"))));
    // allowed from every pod of the namespace, on 8080
    assert!(!denies(&format!("{web}{PODS}{}", np("  podSelector: {matchLabels: {app: web}}\n  ingress:\n  - from: [{podSelector: {}}]\n    ports: [{port: 8080}]\n"))));
    // ...but not on another port
    assert!(denies(&format!("{web}{PODS}{}", np("  podSelector: {matchLabels: {app: web}}\n  ingress:\n  - ports: [{port: 9090}]\n"))));
    // a policy of egress only isolates nothing for ingress
    assert!(!denies(&format!("{web}{PODS}{}", np("  podSelector: {}\n  policyTypes: [Egress]\n"))));
    // a policy that selects other pods changes nothing
    assert!(!denies(&format!("{web}{PODS}{}", np("  podSelector: {matchLabels: {app: db}}\n"))));
}

// Review of this session's rules: host-local IPAM gives an address once even where nodes made
// from a dump share a range (a VPC CNI's pods sit in the nodes' subnet)
#[test]
fn ipam_gives_each_address_once_across_nodes_sharing_a_range() {
    let pod = |n: &str, node: &str, ip: &str| format!("---\napiVersion: v1\nkind: Pod\nmetadata: {{name: {n}}}\nspec:\n  nodeName: {node}\n  containers: [{{name: c, image: x}}]\nstatus: {{phase: Running, hostIP: 192.168.34.10, podIP: {ip}}}\n");
    let dep = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 4\n  selector: {matchLabels: {app: w}}\n  template:\n    metadata: {labels: {app: w}}\n    spec: {containers: [{name: c, image: x}]}\n";
    let src = format!("{dep}{}{}", pod("a", "ip-192-168-34-10", "192.168.34.20"), pod("b", "ip-192-168-34-11", "192.168.34.21"));
    let r = run(&src);
    let ips: Vec<&str> = r.pods.iter().filter_map(|p| p.ip.as_deref()).collect();
    let mut unique = ips.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ips.len(), "{ips:?}");
    assert!(!ips.contains(&"192.168.34.10"), "a node's own address is not a pod's: {ips:?}");
}

// Without a kubernetes Service, the ClusterIPs of dumped Services (they exist already) give the range
#[test]
fn service_cidr_from_dumped_services_without_the_kubernetes_service() {
    let svc = |n: &str, ip: &str| format!("---\napiVersion: v1\nkind: Service\nmetadata: {{name: {n}, namespace: shop, uid: 0b6f, resourceVersion: \"12\"}}\nspec:\n  clusterIP: {ip}\n  ports: [{{port: 80}}]\n");
    let r = run(&format!("{}{}", svc("a", "172.21.5.3"), svc("b", "172.21.200.9")));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert_eq!(r.cluster.service_cidr, "172.21.0.0/16");
}

// validateGeneratedSelector checks the legacy labels first; ValidateJobSpec: the selector —
// matchExpressions too — must select the template's labels (a manualSelector Job)
#[test]
fn validate_job_selector_order_and_expressions() {
    let r = run(&job("pi", "", "job-name: x, controller-uid: u1", "      restartPolicy: Never\n"));
    let e = errors(&r);
    assert!(e.len() >= 2 && e[0].starts_with("spec.template.metadata.labels[controller-uid]") && e[1].starts_with("spec.template.metadata.labels[job-name]"), "{e:?}");
    let r = run(&job("pi", "  manualSelector: true\n  selector:\n    matchExpressions: [{key: app, operator: In, values: [x]}]\n", "app: z", "      restartPolicy: Never\n"));
    assert!(has_error(&r, "spec.template.metadata.labels: Invalid value: {\"app\":\"z\"}: `selector` does not match template `labels`"), "{:?}", errors(&r));
    assert!(r.pods.is_empty());
}

/// An ExternalName Service naming a Service of this cluster (`<name>.<ns>.svc.<zone>`, the
/// documented way to reach another namespace's Service by a local name): cluster DNS follows
/// the in-zone CNAME itself (coredns plugin/backend_lookup.go A) and the client goes through
/// the target's clusterIP to its pods — not "out of the cluster" (paths::chase_external_name).
#[test]
fn coredns_backend_lookup_a_externalname_to_an_in_cluster_service_goes_through_its_cluster_ip() {
    let target = "apiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: shop}\nspec: {selector: {app: api}, ports: [{port: 80, targetPort: 8080}]}\n---\n\
                  apiVersion: v1\nkind: Pod\nmetadata: {name: api-1, namespace: shop, labels: {app: api}}\nspec: {containers: [{name: api, image: nginx, ports: [{containerPort: 8080}]}]}\n";
    let alias = |spec: &str| format!("apiVersion: v1\nkind: Service\nmetadata: {{name: api}}\nspec: {{type: ExternalName, {spec}}}\n---\n{target}");
    let pod_path = |r: &super::report::Report| {
        let s = r.services.iter().find(|s| s.namespace == "default").expect("the ExternalName");
        s.paths.iter().find(|p| p.entry == super::paths::Entry::Pod).expect("pod path").clone()
    };
    // no ports on the alias: the client dials the target's port; the Service defined later in the input
    let r = run(&alias("externalName: api.shop.svc.cluster.local"));
    let cip = r.services.iter().find(|s| s.namespace == "shop").and_then(|s| s.cluster_ip.clone()).expect("clusterIP");
    let p = pod_path(&r);
    assert_eq!(p.outcome, Outcome::Delivered, "{p:?}");
    assert!(p.hops[0].explanation.contains(&format!("clusterIP {cip}")), "{}", p.hops[0].explanation);
    assert_eq!(p.hops.last().map(|h| (h.to.as_str(), h.rewritten.clone())), Some(("pod:api-1", Some("10.244.0.2:8080".to_string()))));
    assert_eq!(p.backends.len(), 1);
    assert!(!p.hops.iter().any(|h| h.to.starts_with("external:")), "{p:?}");
    // the alias declares a port the target does not have: no rule for it on the clusterIP
    let p = pod_path(&run(&alias("externalName: api.shop.svc.cluster.local., ports: [{port: 5432}]")));
    assert_eq!((p.outcome, p.port), (Outcome::Dropped, Some(5432)), "{p:?}");
    // an in-zone name no Service has: cluster DNS answers nothing
    let p = pod_path(&run(&alias("externalName: api.billing.svc.cluster.local")));
    assert_eq!(p.outcome, Outcome::Nxdomain, "{p:?}");
    // a name outside the zone is still left to the upstream resolver
    let p = pod_path(&run(&alias("externalName: api.example.com")));
    assert_eq!(p.outcome, Outcome::External, "{p:?}");
}

/// Chains of ExternalName Services (coredns plugin/backend_lookup.go A): CoreDNS follows in-zone
/// CNAMEs one after another (recursively, at most 8, a CNAME already followed left out), so
/// a → b (an ExternalName of this cluster) → shop/api reaches api's pods; a chain that ends
/// outside the zone leaves the cluster for the last name (drawn as the external host); a loop
/// resolves to nothing (paths::chase_external_name, core::chase_external_names).
#[test]
fn coredns_backend_lookup_a_follows_chains_of_in_zone_externalnames_and_stops_at_loops() {
    let target = "apiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: shop}\nspec: {selector: {app: api}, ports: [{port: 80, targetPort: 8080}]}\n---\n\
                  apiVersion: v1\nkind: Pod\nmetadata: {name: api-1, namespace: shop, labels: {app: api}}\nspec: {containers: [{name: api, image: nginx, ports: [{containerPort: 8080}]}]}\n";
    let ext = |name: &str, to: &str| format!("apiVersion: v1\nkind: Service\nmetadata: {{name: {name}}}\nspec: {{type: ExternalName, externalName: {to}}}\n---\n");
    let path_of = |r: &super::report::Report, name: &str| {
        let s = r.services.iter().find(|s| s.name == name).expect("the Service");
        s.paths.iter().find(|p| p.entry == super::paths::Entry::Pod).expect("pod path").clone()
    };
    let r = run(&format!("{}{}{target}", ext("a", "b.default.svc.cluster.local"), ext("b", "api.shop.svc.cluster.local")));
    let p = path_of(&r, "a");
    assert_eq!(p.outcome, Outcome::Delivered, "{p:?}");
    assert!(p.hops[0].explanation.contains("an alias of b.default.svc.cluster.local, itself an ExternalName Service: an alias of api.shop.svc.cluster.local"), "{}", p.hops[0].explanation);
    assert_eq!(p.hops.last().map(|h| h.to.as_str()), Some("pod:api-1"));
    // ending outside the zone: the external host is the last name
    let r = run(&format!("{}{}", ext("a", "b.default.svc.cluster.local"), ext("b", "db.example.com")));
    let p = path_of(&r, "a");
    assert_eq!(p.outcome, Outcome::External, "{p:?}");
    assert_eq!(p.hops.last().map(|h| h.to.as_str()), Some("external:db.example.com"));
    let i = r.services.iter().position(|s| s.name == "a");
    let l = super::layout::layout(&r, i, 1280.0);
    assert!(l.items.iter().any(|it| it.kind == "external" && it.name == "db.example.com"), "{:?}", l.items.iter().map(|i| (i.kind, &i.name)).collect::<Vec<_>>());
    // a loop: nothing
    let r = run(&format!("{}{}", ext("a", "b.default.svc.cluster.local"), ext("b", "a.default.svc.cluster.local")));
    assert_eq!(path_of(&r, "a").outcome, Outcome::Nxdomain);
    assert_eq!(path_of(&r, "b").outcome, Outcome::Nxdomain);
    let text = format!("{}{}", ext("a", "b.default.svc.cluster.local"), ext("b", "a.default.svc.cluster.local"));
    let c = super::checklist::checklist(&text, &r, "a", "pod");
    assert!(c.iter().any(|c| c.key == "selector" && c.status == "fail" && c.why.contains("itself an ExternalName Service")), "{c:?}");
    // a single out-of-zone ExternalName: cluster DNS resolves the target through its upstream
    // (the kubernetes plugin's Lookup is k.Upstream.Lookup) and answers with the CNAME and addresses
    let r = run(&ext("a", "db.example.com"));
    let p = path_of(&r, "a");
    assert_eq!((p.hops[1].from.as_str(), p.hops[1].to.as_str()), ("dns:cluster-dns", "external:db.example.com"));
}

/// An ExternalName to a headless Service of this cluster: DNS answers the pods' own addresses,
/// and the client dials them on the port its application uses (the alias's port): no virtual IP,
/// no targetPort mapping (the headless Service's ports do not apply; spec §2.4.1).
#[test]
fn externalname_to_a_headless_service_dials_the_pods_on_the_aliases_port() {
    let y = |alias_port: i64| format!("apiVersion: v1\nkind: Service\nmetadata: {{name: db}}\nspec: {{type: ExternalName, externalName: db.data.svc.cluster.local, ports: [{{port: {alias_port}}}]}}\n---\n\
        apiVersion: v1\nkind: Service\nmetadata: {{name: db, namespace: data}}\nspec: {{clusterIP: None, selector: {{app: db}}, ports: [{{port: 80, targetPort: 8080}}]}}\n---\n\
        apiVersion: v1\nkind: Pod\nmetadata: {{name: db-0, namespace: data, labels: {{app: db}}}}\nspec: {{containers: [{{name: c, image: postgres, ports: [{{containerPort: 5432}}]}}]}}\n");
    let path_of = |r: &super::report::Report| r.services.iter().find(|s| s.namespace == "default").and_then(|s| s.paths.first().cloned()).expect("path");
    // 5432: the pod declares it
    let p = path_of(&run(&y(5432)));
    assert_eq!((p.outcome, p.port), (Outcome::Delivered, Some(5432)), "{p:?}");
    assert_eq!(p.hops.last().map(|h| h.dst.as_str()), Some("10.244.0.2:5432"));
    assert!(p.reason.contains("a containerPort it declares"), "{}", p.reason);
    // 80: the Service says the pod serves 80 on 8080, and nothing remaps it
    let p = path_of(&run(&y(80)));
    assert_eq!((p.outcome, p.port), (Outcome::PortMismatch, Some(80)), "{p:?}");
    // 8080: the Service's targetPort
    assert_eq!(path_of(&run(&y(8080))).outcome, Outcome::Delivered);
}

/// "A Service selects a Deployment" (reference M5): the selector matches the Deployment's own
/// metadata.labels, not its pods' (the EndpointSlice controller lists pods with the Service's
/// selector): an info note names the workload and its template's labels; none when a pod matches.
#[test]
fn endpointslice_reconcile_lists_pods_not_workloads_a_note_names_the_workload_whose_own_labels_match() {
    let y = |tl: &str| format!("apiVersion: v1\nkind: Service\nmetadata: {{name: web}}\nspec: {{selector: {{team: shop}}, ports: [{{port: 80}}]}}\n---\n\
        apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: web, labels: {{team: shop}}}}\nspec:\n  selector: {{matchLabels: {{app: web}}}}\n  template:\n    metadata: {{labels: {{app: web{tl}}}}}\n    spec: {{containers: [{{name: c, image: nginx}}]}}\n");
    let r = run(&y(""));
    let d = r.diagnostics.iter().find(|d| d.code == "SelectorMatchesWorkload").expect("a note");
    assert_eq!(d.severity, Severity::Info);
    assert!(d.message.contains("Deployment/web itself") && d.message.contains("spec.template.metadata.labels: app=web"), "{}", d.message);
    assert_eq!((d.line, d.field.as_deref()), (4, Some("spec.selector")));
    let r = run(&y(", team: shop"));
    assert!(!r.diagnostics.iter().any(|d| d.code == "SelectorMatchesWorkload"));
    assert_eq!(r.services[0].endpoints.len(), 1);
}

/// initNodePorts picks a free nodePort for a port that sets none: the path says the number is
/// the API server's pick (a learner's cluster shows another), and says nothing of a written one.
#[test]
fn init_node_ports_a_picked_node_port_is_said_to_be_picked() {
    let np_hop = |ports: &str| {
        let r = run(&service(&format!("  type: NodePort\n  selector: {{app: web}}\n  ports: [{ports}]\n")));
        let p = r.services[0].paths.iter().find(|p| p.entry == super::paths::Entry::NodePort).expect("nodeport path").clone();
        p.hops[0].explanation.clone()
    };
    assert!(np_hop("{port: 80}").contains("the API server picked a free one"));
    assert!(!np_hop("{port: 80, nodePort: 30080}").contains("picked"));
}

/// 53/UDP and 53/TCP are two Service ports (validateServicePort: unique by port and protocol),
/// and kube-proxy writes rules for each: each gets its own path, told apart by its protocol (the
/// page's port picker offers `53/UDP` and `53/TCP`; learner QA q28).
#[test]
fn service_ports_of_one_number_and_two_protocols_have_a_path_each() {
    let r = run(&format!("{}---\n{PODS}", service("  selector: {app: web}\n  ports: [{name: dns-udp, port: 53, protocol: UDP, targetPort: 8080}, {name: dns-tcp, port: 53, targetPort: 8080}]\n")));
    let pod: Vec<(Option<i64>, Option<&str>)> = r.services[0].paths.iter().filter(|p| p.entry == super::paths::Entry::Pod).map(|p| (p.port, p.protocol.as_deref())).collect();
    assert_eq!(pod, vec![(Some(53), Some("UDP")), (Some(53), Some("TCP"))]);
}

/// The tour's NodePort step tells the learner to set 4 nodes and enter through node-4: it holds
/// only if node-4 runs no pod of web and still delivers (every node opens the nodePort:
/// proxier.go KUBE-NODEPORTS), which is what this checks.
#[test]
fn tour_nodeport_step_node4_runs_no_pod_and_still_delivers() {
    let p = super::presets::find("web-nodeport").expect("preset");
    let r = run_cfg(p.yaml, Config { nodes: 4, ..Config::default() });
    assert!(r.pods.iter().all(|p| p.node.as_deref() != Some("node-4")));
    let path = r.services[0].paths.iter().find(|p| p.entry == super::paths::Entry::NodePort && p.node.as_deref() == Some("node-4")).expect("node-4's nodePort");
    assert_eq!(path.outcome, Outcome::Delivered);
    assert!(super::tour::STEPS.iter().any(|s| s.preset == "web-nodeport" && s.try_it.contains("node-4")));
}

/// The user's own `client` pod in `default` is the in-cluster client (paths::user_client): a
/// request starts from its node and address, so internalTrafficPolicy: Local drops it when that
/// node has no endpoint (pkg/proxy/topology.go CategorizeEndpoints: no fallback for Local);
/// the stand-in client (first node) would have been delivered. Drawn once; NetworkPolicy
/// peers are matched against its own labels (learner QA q21, and a learner's pod named client
/// was drawn twice).
#[test]
fn topology_categorize_endpoints_local_from_the_users_own_client_pod() {
    let y = |client: &str| format!(
        "apiVersion: v1\nkind: Node\nmetadata: {{name: node-1}}\n---\napiVersion: v1\nkind: Node\nmetadata: {{name: node-2}}\n---\n\
         apiVersion: v1\nkind: Service\nmetadata: {{name: web}}\nspec: {{internalTrafficPolicy: Local, selector: {{app: web}}, ports: [{{port: 80}}]}}\n---\n\
         apiVersion: v1\nkind: Pod\nmetadata: {{name: web-1, labels: {{app: web}}}}\nspec: {{nodeName: node-1, containers: [{{name: c, image: nginx}}]}}\n{client}");
    let pod_path = |r: &super::report::Report| r.services[0].paths.iter().find(|p| p.entry == super::paths::Entry::Pod).expect("pod path").clone();
    let r = run(&y("---\napiVersion: v1\nkind: Pod\nmetadata: {name: client, labels: {role: probe}}\nspec: {nodeName: node-2, containers: [{name: c, image: busybox}]}\n"));
    assert_eq!(r.cluster.client_pod.node.as_deref(), Some("node-2"));
    assert_eq!(r.cluster.client_pod.labels, vec![("role".to_string(), "probe".to_string())]);
    let p = pod_path(&r);
    assert_eq!((p.outcome, p.node.as_deref()), (Outcome::Dropped, Some("node-2")), "{p:?}");
    assert_eq!(p.hops[0].src, format!("{}:43512", r.cluster.client_pod.ip.clone().unwrap_or_default()));
    let l = super::layout::layout(&r, Some(0), 1280.0);
    assert_eq!(l.items.iter().filter(|i| i.kind == "pod" && i.name == "client").count(), 1);
    // without it: the stand-in on the first node, where the endpoint runs
    let r = run(&y(""));
    assert_eq!((pod_path(&r).outcome, r.cluster.client_pod.node.as_deref()), (Outcome::Delivered, Some("node-1")));
    // the client asked to run on node-2 (the page's "From: a pod on node-2", --client-node)
    let on = |node: &str| Config { client_node: Some(node.into()), ..Config::default() };
    let r = run_cfg(&y(""), on("node-2"));
    assert_eq!((pod_path(&r).outcome, r.cluster.client_pod.node.as_deref()), (Outcome::Dropped, Some("node-2")));
    // asked for node-1 while the user's own client runs on node-2: a stand-in on node-1 (the
    // user's pod is drawn as any pod), with the stand-in's labels
    let r = run_cfg(&y("---\napiVersion: v1\nkind: Pod\nmetadata: {name: client, labels: {role: probe}}\nspec: {nodeName: node-2, containers: [{name: c, image: busybox}]}\n"), on("node-1"));
    assert_eq!((pod_path(&r).outcome, r.cluster.client_pod.node.as_deref(), r.cluster.client_pod.line), (Outcome::Delivered, Some("node-1"), 0));
    assert_eq!(r.cluster.client_pod.labels, vec![("run".to_string(), "client".to_string())]);
    // a node the cluster lacks: as if none was asked for
    assert_eq!(run_cfg(&y(""), on("node-9")).cluster.client_pod.node.as_deref(), Some("node-1"));
}

/// pkg/api/service/warnings.go GetWarningsForService: the warnings the API server returns with a
/// Service it created (kubectl prints `Warning: …`); the Service is created all the same.
#[test]
fn get_warnings_for_service() {
    let warnings = |spec: &str, meta: &str| {
        let r = run(&format!("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n{meta}spec:\n{spec}"));
        assert!(!r.services[0].rejected, "{:?}", errors(&r));
        r.diagnostics.iter().filter(|d| d.code == "ServerWarning").map(|d| (d.field.clone().unwrap_or_default(), d.message.clone())).collect::<Vec<_>>()
    };
    let w = warnings("  externalIPs: [203.0.113.10]\n  ports: [{port: 80}]\n", "");
    assert_eq!(w.len(), 1);
    assert!(w[0].1.starts_with("spec.externalIPs is deprecated and may no longer be implemented in some clusters"), "{w:?}");
    let w = warnings("  clusterIP: None\n  sessionAffinity: ClientIP\n  selector: {app: web}\n  ports: [{port: 80}]\n", "");
    assert!(w.iter().any(|(f, m)| f == "spec.sessionAffinity" && m.starts_with("spec.SessionAffinity is ignored for headless services")), "{w:?}");
    let w = warnings("  type: ExternalName\n  externalName: db.example.com\n  externalIPs: [203.0.113.10]\n", "");
    assert!(w.iter().any(|(_, m)| m.starts_with("spec.externalIPs is ignored when spec.type is \"ExternalName\"")), "{w:?}");
    let w = warnings("  externalName: db.example.com\n  ports: [{port: 80}]\n", "");
    assert!(w.iter().any(|(_, m)| m.starts_with("spec.externalName is ignored when spec.type is not \"ExternalName\"")), "{w:?}");
    let w = warnings("  trafficDistribution: PreferClose\n  ports: [{port: 80}]\n", "  annotations: {service.kubernetes.io/topology-aware-hints: auto}\n");
    assert!(w.iter().any(|(_, m)| m.starts_with("spec.trafficDistribution: \"PreferClose\" is deprecated; use \"PreferSameZone\"")), "{w:?}");
    assert!(w.iter().any(|(_, m)| m.starts_with("annotation service.kubernetes.io/topology-aware-hints is deprecated, please use service.kubernetes.io/topology-mode instead")), "{w:?}");
    assert!(warnings("  selector: {app: web}\n  ports: [{port: 80}]\n", "").is_empty());
}

/// An ExternalName that is an IP address: accepted (a DNS-1123 subdomain of digits), but CoreDNS
/// serves an ExternalName only when its host is a name (plugin/kubernetes/kubernetes.go
/// findServices: `HostType() == dns.TypeCNAME`): no record, the name does not resolve (learner
/// QA n36: was drawn as an external host the client connects to).
#[test]
fn coredns_find_services_an_externalname_ip_has_no_record() {
    let text = "apiVersion: v1\nkind: Service\nmetadata: {name: legacy}\nspec: {type: ExternalName, externalName: 10.1.2.3}\n";
    let r = run(text);
    assert!(errors(&r).is_empty());
    let s = svc(&r, "legacy");
    assert!(s.dns_records.is_empty(), "{:?}", s.dns_records);
    assert_eq!(s.paths[0].outcome, Outcome::Nxdomain);
    assert!(r.diagnostics.iter().any(|d| d.code == "ExternalNameIsIP" && d.severity == Severity::Warning));
    let l = super::layout::layout(&r, Some(0), 1280.0);
    assert!(!l.items.iter().any(|i| i.kind == "external"));
    let c = super::checklist::checklist(text, &r, "legacy", "pod");
    assert!(c.iter().any(|c| c.key == "selector" && c.status == "fail" && c.why.contains("is an IP address")), "{c:?}");
    // a name is still a CNAME
    assert_eq!(svc(&run(&text.replace("10.1.2.3", "db.example.com")), "legacy").dns_records.len(), 1);
}

/// "Why no endpoints?" when the matching workload is scaled to zero: said first (before the
/// nearest unrelated pod), and the Why panel offers no selector edit (a real sweep: tempo's
/// replicas: 0 StatefulSets read as a label typo). A selector key kubernetes.io/metadata.name
/// (a Namespace's label, never a pod's): the other namespace's pods are the near misses.
#[test]
fn no_pods_selected_names_a_workload_scaled_to_zero_and_namespace_labels() {
    let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 0\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx}]}\n---\n\
        apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n---\n\
        apiVersion: v1\nkind: Pod\nmetadata: {name: other, labels: {app: wbe}}\nspec: {containers: [{name: c, image: nginx}]}\n";
    let r = run(text);
    let d = r.diagnostics.iter().find(|d| d.code == "NoPodsSelected").expect("warning");
    assert!(d.message.starts_with("selector app=web matches 0 pods in namespace default; Deployment web has replicas: 0, so it runs no pods"), "{}", d.message);
    let s = svc(&r, "web");
    assert!(s.paths[0].reason.contains("; Deployment web has replicas: 0, so it runs no pods (its pod template's labels match the selector); nearest: other"), "{}", s.paths[0].reason);
    let c = super::checklist::checklist(text, &r, "web", "pod");
    let sel = c.iter().find(|c| c.key == "selector").expect("selector check");
    assert!(sel.status == "fail" && sel.why.contains("Scale it up"), "{sel:?}");
    // the report carries the workload (scaledToZero), and the fix is its replicas: 1, in place
    // (learner6 k1: no button, and no pod left to scale from)
    assert_eq!(s.scaled_to_zero.iter().map(|w| (w.kind.as_str(), w.name.as_str(), w.line)).collect::<Vec<_>>(), vec![("Deployment", "web", 1)]);
    let fix = sel.fix.as_ref().expect("a fix");
    assert_eq!(fix.label, "Scale Deployment web to 1");
    let fixed = super::checklist::apply(text, &fix.edit).expect("applies");
    assert_eq!(fixed, text.replace("replicas: 0", "replicas: 1"));
    let r1 = run(&fixed);
    assert!(svc(&r1, "web").scaled_to_zero.is_empty() && !svc(&r1, "web").endpoints.is_empty());
    let c = super::checklist::checklist(&fixed, &r1, "web", "pod");
    assert_eq!(c.iter().find(|c| c.key == "selector").map(|c| c.status.as_str()), Some("ok"));
    // replicas 1: selected, nothing said
    let r = run(&text.replace("replicas: 0", "replicas: 1"));
    assert!(!r.diagnostics.iter().any(|d| d.code == "NoPodsSelected"));

    let text = "apiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: frontend}\nspec:\n  selector: {app: api, kubernetes.io/metadata.name: backend}\n  ports: [{port: 80}]\n---\n\
        apiVersion: v1\nkind: Pod\nmetadata: {name: api-0, namespace: backend, labels: {app: api}}\nspec: {containers: [{name: c, image: api}]}\n";
    let r = run(text);
    let s = svc(&r, "api");
    let m = s.near_misses.first().expect("a near miss");
    assert_eq!((m.namespace.as_str(), m.pod.as_str()), ("backend", "api-0"));
    assert!(m.reason.contains("a label of the Namespace backend, not of its pods"), "{}", m.reason);
}

/// Hand-made endpoint objects that serve no Service are said where they are: a slice without
/// kubernetes.io/service-name (pkg/proxy/endpointslicecache.go endpointSliceCacheKeys: no label,
/// no Service), and Endpoints for a Service with a selector (pkg/controller/endpoint rewrites
/// them from the selector) — learner QA n46, n47.
#[test]
fn endpoint_objects_that_serve_no_service_are_said() {
    let text = "apiVersion: v1\nkind: Service\nmetadata: {name: legacy-db}\nspec: {ports: [{port: 5432}]}\n---\n\
        apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: legacy-db-1}\naddressType: IPv4\nports: [{port: 5432}]\nendpoints: [{addresses: [192.168.10.5]}]\n";
    let r = run(text);
    let d = r.diagnostics.iter().find(|d| d.code == "EndpointSliceUnattached").expect("a warning");
    assert!(d.message.ends_with("add the label kubernetes.io/service-name: legacy-db to serve Service legacy-db"), "{}", d.message);
    assert!(svc(&r, "legacy-db").endpoints.is_empty());
    let c = super::checklist::checklist(text, &r, "legacy-db", "pod");
    assert!(c.iter().any(|c| c.key == "selector" && c.why.contains("has no label kubernetes.io/service-name")), "{c:?}");
    // with the label: attached, nothing said
    let r = run(&text.replace("metadata: {name: legacy-db-1}", "metadata: {name: legacy-db-1, labels: {kubernetes.io/service-name: legacy-db}}"));
    assert!(!r.diagnostics.iter().any(|d| d.code == "EndpointSliceUnattached"));
    assert_eq!(svc(&r, "legacy-db").endpoints.len(), 1);
    // Endpoints for a Service with a selector: replaced by the controller
    let r = run(&format!("{}{PODS}\n---\napiVersion: v1\nkind: Endpoints\nmetadata: {{name: web}}\nsubsets: [{{addresses: [{{ip: 192.168.10.9}}], ports: [{{port: 8080}}]}}]\n", service("  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n")));
    assert!(r.diagnostics.iter().any(|d| d.code == "EndpointsOverwritten" && d.severity == Severity::Warning), "{:?}", r.diagnostics);
    assert!(!svc(&r, "web").endpoints.iter().any(|e| e.ip == "192.168.10.9"));
    // the same Endpoints printed by a cluster (`kubectl get ep -o yaml`): the controller's own,
    // nothing to say (learner4 c01)
    let r = run(&format!("{}{PODS}\n---\napiVersion: v1\nkind: Endpoints\nmetadata: {{name: web, uid: 3d1f, resourceVersion: \"812\"}}\nsubsets: [{{addresses: [{{ip: 10.244.1.7}}], ports: [{{port: 8080}}]}}]\n", service("  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n")));
    assert!(!r.diagnostics.iter().any(|d| d.code == "EndpointsOverwritten"), "{:?}", r.diagnostics);
}

/// trafficDistribution that narrows nothing says why (k8s.io/endpointslice trafficdist.go: an
/// endpoint is hinted for its node's zone only when the node has topology.kubernetes.io/zone;
/// pkg/proxy/topology.go: hints are used only when every endpoint has them) — learner QA n16.
#[test]
fn traffic_distribution_without_zones_says_every_endpoint_is_used() {
    let r = run(&(service("  trafficDistribution: PreferClose\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n") + PODS));
    let p = &svc(&r, "web").paths[0];
    assert_eq!(p.outcome, Outcome::Delivered);
    assert!(p.hops.iter().any(|h| h.explanation.contains("trafficDistribution PreferClose: the endpoints' nodes have no topology.kubernetes.io/zone label, so the EndpointSlice controller writes no zone hints and every endpoint is used")), "{p:?}");
}

/// The CLI's text names the healthCheckNodePort (pkg/proxy/healthcheck service_health.go: 200
/// with a local endpoint, 503 without); it was in the JSON only (learner QA n15).
#[test]
fn text_report_names_the_health_check_node_port() {
    let r = run(&(service("  type: LoadBalancer\n  externalTrafficPolicy: Local\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n") + PODS));
    let h = svc(&r, "web").health_check_node_port.expect("allocated");
    assert!(r.to_text().contains(&format!("healthCheckNodePort {h}: every node answers /healthz there, 200 when it runs a ready endpoint, 503 when not")));
}

/// A dump without Node objects (`kubectl get all -A`): the node that runs the kube-apiserver
/// static pod is a kubeadm/kind control plane (tainted node-role.kubernetes.io/control-plane:
/// NoSchedule by kubeadm markcontrolplane), so the stand-in client does not run there while
/// another node exists (a dumps QA: internalTrafficPolicy Local was "dropped" from it).
#[test]
fn stand_in_client_avoids_a_dumped_control_plane_node() {
    let pod = |name: &str, ns: &str, node: &str, ip: &str, labels: &str| format!(
        "---\napiVersion: v1\nkind: Pod\nmetadata: {{name: {name}, namespace: {ns}, uid: u-{name}, labels: {{{labels}}}}}\nspec: {{nodeName: {node}, containers: [{{name: c, image: x}}]}}\nstatus: {{phase: Running, hostIP: 172.18.0.{}, podIP: {ip}, conditions: [{{type: Ready, status: \"True\"}}]}}\n",
        if node == "kind-control-plane" { 3 } else { 2 });
    let text = format!("apiVersion: v1\nkind: Service\nmetadata: {{name: cache, uid: s1}}\nspec: {{internalTrafficPolicy: Local, selector: {{app: cache}}, ports: [{{port: 6379}}]}}\n{}{}",
        pod("kube-apiserver-kind-control-plane", "kube-system", "kind-control-plane", "172.18.0.3", "component: kube-apiserver, tier: control-plane"),
        pod("cache-1", "default", "kind-worker", "10.244.1.5", "app: cache"));
    let r = run(&text);
    assert_eq!(r.cluster.client_pod.node.as_deref(), Some("kind-worker"));
    assert_eq!(svc(&r, "cache").paths[0].outcome, Outcome::Delivered);
}

/// A StatefulSet's serviceName that names no Service, or one with a clusterIP: its pods' DNS
/// names do not resolve (stateful_set_utils.go updateIdentity sets the subdomain; DNS spec
/// §2.4.1) — learner QA m07b.
#[test]
fn statefulset_service_name_naming_no_headless_service_is_said() {
    let sts = |sn: &str| format!("apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {{name: web}}\nspec:\n  serviceName: {sn}\n  replicas: 1\n  selector: {{matchLabels: {{app: nginx}}}}\n  template:\n    metadata: {{labels: {{app: nginx}}}}\n    spec: {{containers: [{{name: c, image: nginx}}]}}\n");
    let headless = "---\napiVersion: v1\nkind: Service\nmetadata: {name: nginx}\nspec: {clusterIP: None, selector: {app: nginx}, ports: [{port: 80}]}\n";
    let r = run(&format!("{}{headless}", sts("nginx-hl")));
    let d = r.diagnostics.iter().find(|d| d.code == "StatefulSetServiceName").expect("a warning");
    assert_eq!((d.severity, d.line), (Severity::Warning, 5));
    assert!(d.message.ends_with("the headless Service selecting them is nginx: set serviceName: nginx"), "{}", d.message);
    assert!(!run(&format!("{}{headless}", sts("nginx"))).diagnostics.iter().any(|d| d.code == "StatefulSetServiceName"));
    let r = run(&format!("{}{}", sts("nginx"), headless.replace("clusterIP: None, ", "")));
    assert!(r.diagnostics.iter().any(|d| d.code == "StatefulSetServiceName" && d.message.contains("names a Service with a clusterIP")));
    // only the StatefulSet in the input: a note
    let r = run(&sts("nginx"));
    assert_eq!(r.diagnostics.iter().find(|d| d.code == "StatefulSetServiceName").map(|d| d.severity), Some(Severity::Info));
}

/// A pod naming another scheduler is not bound by the default one (scheduler profiles: only
/// pods whose schedulerName a profile has are scheduled): Pending, said why; default-scheduler
/// written out is the default (learner QA m30).
#[test]
fn pods_for_another_scheduler_stay_pending() {
    let pod = |sn: &str| format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: p, labels: {{app: web}}}}\nspec: {{schedulerName: {sn}, containers: [{{name: c, image: nginx}}]}}\n");
    let r = run(&pod("my-scheduler"));
    assert_eq!(r.pods[0].phase, "Pending");
    assert!(r.pods[0].pending_reason.as_deref().is_some_and(|m| m.starts_with("schedulerName my-scheduler: the default scheduler binds only pods with schedulerName default-scheduler")), "{:?}", r.pods[0].pending_reason);
    let r = run(&pod("default-scheduler"));
    assert_eq!(r.pods[0].phase, "Running");
}

/// A StatefulSet next to a written Pod of one of its names: pod names are unique, so the
/// controller does not create a second db-0; it adopts the orphan whose labels match
/// (ClaimPods) and, OrderedReady, waits for it to be Running and Ready before db-1
/// (stateful_set_control.go) — learner QA m08 (a phantom Ready db-0 got the traffic).
#[test]
fn statefulset_adopts_a_written_pod_of_its_name_and_waits_for_it() {
    let text = |ready: &str| format!("apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {{name: db}}\nspec:\n  serviceName: db\n  replicas: 3\n  selector: {{matchLabels: {{app: db}}}}\n  template:\n    metadata: {{labels: {{app: db}}}}\n    spec: {{containers: [{{name: pg, image: postgres}}]}}\n---\n\
        apiVersion: v1\nkind: Pod\nmetadata: {{name: db-0, labels: {{app: db}}}}\nspec: {{containers: [{{name: pg, image: postgres}}]}}\nstatus: {{phase: Running, podIP: 10.244.1.9, conditions: [{{type: Ready, status: \"{ready}\"}}]}}\n");
    let r = run(&text("False"));
    let names: Vec<&str> = r.pods.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, vec!["db-0"], "one db-0, and no db-1 while it is not Ready");
    assert!(r.diagnostics.iter().any(|d| d.code == "StatefulSetWaiting" && d.message.contains("1 of 3 replicas exist")));
    let r = run(&text("True"));
    let mut names: Vec<&str> = r.pods.iter().map(|p| p.name.as_str()).collect();
    names.sort();
    assert_eq!(names, vec!["db-0", "db-1", "db-2"]);
}

/// The cloud load balancer leaves out nodes labelled
/// node.kubernetes.io/exclude-from-external-load-balancers (k8s.io/cloud-provider service
/// controller nodeIncludedPredicate; kubeadm labels its control-plane nodes so) — a dumps QA.
#[test]
fn load_balancer_skips_nodes_excluded_from_external_load_balancers() {
    let text = "apiVersion: v1\nkind: Node\nmetadata: {name: cp, labels: {node.kubernetes.io/exclude-from-external-load-balancers: \"\"}}\n---\n\
        apiVersion: v1\nkind: Node\nmetadata: {name: worker}\n---\n\
        apiVersion: v1\nkind: Service\nmetadata: {name: web, uid: 5f0c2d7e}\nspec: {type: LoadBalancer, selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}\nstatus: {loadBalancer: {ingress: [{ip: 203.0.113.9}]}}\n---\n\
        apiVersion: v1\nkind: Pod\nmetadata: {name: web-1, labels: {app: web}}\nspec: {nodeName: worker, containers: [{name: c, image: nginx}]}\n";
    let r = run(text);
    let p = svc(&r, "web").paths.iter().find(|p| p.entry == super::paths::Entry::LoadBalancer).expect("lb path").clone();
    assert_eq!(p.node.as_deref(), Some("worker"), "{p:?}");
}

/// A dump of a dual-stack cluster (IPv4 first): its Services hold an IPv6 clusterIP second, which
/// the API server of that cluster accepted (alloc.go initIPFamilyFields has an IPv6 allocator
/// there) — read as dual-stack, not refused with "not configured on this cluster" (dumps QA).
#[test]
fn a_dual_stack_dump_is_read_as_dual_stack() {
    let svc = |meta: &str| format!("apiVersion: v1\nkind: Service\nmetadata: {{name: web{meta}}}\nspec:\n  clusterIP: 10.96.77.5\n  clusterIPs: [10.96.77.5, \"fd00:10:96::6a3b\"]\n  ipFamilies: [IPv4, IPv6]\n  ipFamilyPolicy: PreferDualStack\n  selector: {{app: web}}\n  ports: [{{port: 80}}]\n");
    let r = run(&svc(", uid: 1a2b, resourceVersion: \"1190\""));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert_eq!(svc_cip(&r), Some("10.96.77.5".to_string()));
    assert!(r.diagnostics.iter().any(|d| d.code == "DualStack"));
    // the same manifest, not from a cluster: the assumed single-stack cluster refuses it
    assert!(!errors(&run(&svc(""))).is_empty());
}

fn svc_cip(r: &super::report::Report) -> Option<String> {
    r.services.first().and_then(|s| s.cluster_ip.clone())
}

/// EKS's Service range 10.100.0.0/16 lies inside the default 10.96.0.0/12: the kubernetes
/// Service at 10.100.0.1 (the range's first address) still tells it (dumps QA).
#[test]
fn service_cidr_from_a_kubernetes_service_inside_the_default_range() {
    let r = run("apiVersion: v1\nkind: Service\nmetadata: {name: kubernetes, namespace: default, uid: k1}\nspec: {clusterIP: 10.100.0.1, ports: [{name: https, port: 443, targetPort: 443}]}\n");
    assert_eq!(r.cluster.service_cidr, "10.100.0.0/16");
}

/// A HorizontalPodAutoscaler keeps its target's replicas within minReplicas..maxReplicas before
/// it reads any metric (pkg/controller/podautoscaler/horizontal.go reconcileAutoscaler; minReplicas
/// defaults to 1; replicas 0 disables it) — learner QA m15 (replicas 2 under minReplicas 4).
#[test]
fn horizontal_pod_autoscaler_bounds_its_targets_replicas() {
    let y = |replicas: u32, hpa: &str| format!("apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: web}}\nspec:\n  replicas: {replicas}\n  selector: {{matchLabels: {{app: web}}}}\n  template:\n    metadata: {{labels: {{app: web}}}}\n    spec: {{containers: [{{name: c, image: nginx}}]}}\n---\n\
        apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {{name: web}}\nspec:\n  scaleTargetRef: {{apiVersion: apps/v1, kind: Deployment, name: web}}\n{hpa}");
    let r = run(&y(2, "  minReplicas: 4\n  maxReplicas: 10\n"));
    assert_eq!(r.pods.len(), 4);
    assert!(r.diagnostics.iter().any(|d| d.code == "Autoscaled" && d.message.starts_with("HorizontalPodAutoscaler web sets replicas to 4: 2 is below its minReplicas 4")), "{:?}", r.diagnostics);
    assert!(!r.diagnostics.iter().any(|d| d.code == "IgnoredKind"));
    assert_eq!(run(&y(12, "  minReplicas: 2\n  maxReplicas: 5\n")).pods.len(), 5);
    assert_eq!(run(&y(3, "  maxReplicas: 5\n")).pods.len(), 3);
    // replicas 0: autoscaling disabled
    assert_eq!(run(&y(0, "  minReplicas: 2\n  maxReplicas: 5\n")).pods.len(), 0);
}

/// The drain what-if asks the Eviction API, which refuses an eviction a PodDisruptionBudget
/// does not allow (eviction.go checkAndDecrement: "Cannot evict pod as it would violate the
/// pod's disruption budget."; disruptionsAllowed = healthy − minAvailable): the pod stays and
/// drain keeps retrying — learner QA (the pod was evicted and recreated elsewhere).
#[test]
fn drain_respects_a_pod_disruption_budget() {
    let y = |pdb: &str| format!("apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: web}}\nspec:\n  replicas: 2\n  selector: {{matchLabels: {{app: web}}}}\n  template:\n    metadata: {{labels: {{app: web}}}}\n    spec: {{containers: [{{name: c, image: nginx}}]}}\n---\n\
        apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {{name: web-pdb}}\nspec:\n  {pdb}\n  selector: {{matchLabels: {{app: web}}}}\n");
    let drain = Config { drained: vec!["node-1".into()], ..Config::default() };
    let on_node1 = |r: &super::report::Report| r.pods.iter().filter(|p| p.node.as_deref() == Some("node-1")).count();
    let r = run_cfg(&y("minAvailable: 2"), drain.clone());
    assert_eq!(on_node1(&r), 1, "the pod stays");
    let d = r.diagnostics.iter().find(|d| d.code == "EvictionRefused").expect("said");
    assert!(d.message.contains("Cannot evict pod as it would violate the pod's disruption budget.") && d.message.contains("minAvailable 2, 2 of 2 selected pods healthy"), "{}", d.message);
    // a budget that allows one disruption: evicted, replaced elsewhere
    let r = run_cfg(&y("maxUnavailable: 1"), drain.clone());
    assert_eq!(on_node1(&r), 0);
    assert!(!r.diagnostics.iter().any(|d| d.code == "EvictionRefused"));
    // percentages round up: minAvailable 50% of 2 = 1, one disruption allowed
    assert_eq!(on_node1(&run_cfg(&y("minAvailable: 50%"), drain)), 0);
}

/// `kubectl run web --image nginx --port 80 --expose --dry-run=client -o yaml` prints the pod
/// with `status: {}`: the API server resets a created pod's status (pkg/registry/core/pod/
/// strategy.go podStrategy.PrepareForCreate), so the pod runs and is Ready like one written
/// without status (corpus3: bmuschko/cka-crash-course exercises; learner4 b06). A status that
/// states something (the presets' not-Ready pods) is still what the cluster shows.
#[test]
fn empty_pod_status_is_no_observed_state() {
    let text = |status: &str| format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: web, labels: {{run: web}}}}\nspec:\n  containers: [{{name: web, image: nginx, ports: [{{containerPort: 80}}]}}]\n{status}---\napiVersion: v1\nkind: Service\nmetadata: {{name: web}}\nspec:\n  selector: {{run: web}}\n  ports: [{{port: 80, targetPort: 80}}]\n");
    let r = run(&text("status: {}\n"));
    assert!(r.pods[0].ready, "{:?}", r.pods[0]);
    assert_eq!(svc(&r, "web").paths[0].outcome, super::paths::Outcome::Delivered);
    let r = run(&text("status:\n  phase: Running\n  conditions: [{type: Ready, status: \"False\"}]\n"));
    assert!(!r.pods[0].ready);
}

/// The kubelet still labels its Node `beta.kubernetes.io/os` and `beta.kubernetes.io/arch`
/// (pkg/kubelet/kubelet_node_status.go initialNode: kubeletapis.LabelOS / LabelArch), which older
/// manifests select on (Sock Shop's complete-demo.yaml, coredns 1.7: every pod was Pending).
#[test]
fn beta_os_node_selector_schedules() {
    let r = run("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: carts}\nspec:\n  selector: {matchLabels: {name: carts}}\n  template:\n    metadata: {labels: {name: carts}}\n    spec:\n      nodeSelector: {beta.kubernetes.io/os: linux}\n      containers: [{name: carts, image: weaveworksdemos/carts}]\n");
    assert!(!r.pods.is_empty() && r.pods.iter().all(|p| p.node.is_some()), "{:?}", r.pods);
}

/// A written (not dumped) Service's status.loadBalancer is not applied: the API server resets
/// a created Service's status (pkg/registry/core/service/strategy.go svcStrategy.
/// PrepareForCreate) — corpus3: calico's kubectl-input.yaml, whose "80.15.0.1/32" was drawn as
/// the live load balancer. A dumped one (uid) is the cloud's answer.
#[test]
fn written_load_balancer_status_is_not_applied() {
    let text = |meta: &str| format!("apiVersion: v1\nkind: Service\nmetadata: {meta}\nspec: {{type: LoadBalancer, selector: {{app: web}}, ports: [{{port: 80}}]}}\nstatus: {{loadBalancer: {{ingress: [{{ip: 198.51.100.7}}]}}}}\n");
    let r = run(&text("{name: web}"));
    assert_eq!(svc(&r, "web").load_balancer, super::service::LoadBalancer::Pending);
    assert!(r.diagnostics.iter().any(|d| d.code == "StatusIgnored"));
    let r = run(&text("{name: web, uid: 0b7c2f1e}"));
    assert!(matches!(&svc(&r, "web").load_balancer, super::service::LoadBalancer::Ready { ingress, simulated: false } if ingress == &vec!["198.51.100.7".to_string()]));
    assert!(!r.diagnostics.iter().any(|d| d.code == "StatusIgnored"));
}

/// `helm template` prints a chart's test hook (helm.sh/hook: test) beside the release; `helm
/// install` does not create it (Helm "Chart Tests"), so it is no endpoint of the chart's Service
/// (learner4 c02: every `helm create` chart's test pod was drawn as one).
#[test]
fn helm_test_hooks_are_left_out() {
    let text = "apiVersion: v1\nkind: Service\nmetadata: {name: rel-shop}\nspec:\n  selector: {app.kubernetes.io/name: shop}\n  ports: [{port: 80, targetPort: http}]\n---\n\
        apiVersion: v1\nkind: Pod\nmetadata:\n  name: rel-shop-test-connection\n  labels: {app.kubernetes.io/name: shop}\n  annotations:\n    \"helm.sh/hook\": test\nspec:\n  restartPolicy: Never\n  containers: [{name: wget, image: busybox, command: [wget], args: ['rel-shop:80']}]\n";
    let r = run(text);
    assert!(r.pods.is_empty(), "{:?}", r.pods);
    assert!(r.diagnostics.iter().any(|d| d.code == "HelmTestHook" && d.severity == Severity::Info));
    // another hook (a pre-install Job's pod template, a post-install Pod) is created by install
    let r = run(&text.replace("\"helm.sh/hook\": test", "\"helm.sh/hook\": post-install"));
    assert_eq!(r.pods.len(), 1);
}

/// A Deployment defined again with another spec.selector: the apps/v1 update is refused
/// (pkg/registry/apps/deployment/strategy.go ValidateUpdate → ValidateImmutableField), so the
/// first stays — corpus3: gke-networking-recipes gateway/gke-gateway-controller/ applied as one
/// directory, where Switchboard showed the refused second one (its Service 0 endpoints, the
/// other's 2, the reverse of the cluster).
#[test]
fn redefined_workload_with_another_selector_is_refused_and_the_first_stays() {
    let dep = |labels: &str| format!("apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: foo-v2}}\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {labels}\n  template:\n    metadata:\n      labels: {labels}\n    spec:\n      containers: [{{name: whereami, image: whereami, ports: [{{containerPort: 8080}}]}}]\n");
    let svc_of = |name: &str, sel: &str| format!("apiVersion: v1\nkind: Service\nmetadata: {{name: {name}}}\nspec:\n  selector: {sel}\n  ports: [{{port: 8080}}]\n");
    let text = [dep("{app: foo-v2}"), svc_of("foo-v2-svc", "{app: foo-v2}"), dep("{app: foo, version: v2}"), svc_of("foo-v2", "{app: foo, version: v2}")].join("---\n");
    let r = run(&text);
    assert_eq!(
        errors(&r),
        vec!["spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"foo\",\"version\":\"v2\"}}: field is immutable"]
    );
    assert!(r.diagnostics.iter().any(|d| d.code == "UpdateRefused" && d.severity == Severity::Warning));
    assert!(!r.diagnostics.iter().any(|d| d.code == "DefinedAgain"), "the first is not replaced");
    assert_eq!(svc(&r, "foo-v2-svc").endpoints.len(), 2);
    assert!(svc(&r, "foo-v2").endpoints.is_empty());
    assert!(!svc(&r, "foo-v2").paths[0].reason.contains("does not exist"), "{}", svc(&r, "foo-v2").paths[0].reason);
    // the same selector written again (any other change): patched, the later one shown
    let text = [dep("{app: foo-v2}"), dep("{app: foo-v2}").replace("replicas: 2", "replicas: 3")].join("---\n");
    let r = run(&text);
    assert!(errors(&r).is_empty());
    assert!(r.diagnostics.iter().any(|d| d.code == "DefinedAgain"));
    assert_eq!(r.pods.len(), 3);
    // Semantic.DeepEqual: `matchLabels: {}` is no matchLabels (review9 e02)
    let empty = |sel: &str| format!("apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: d}}\nspec:\n  selector: {sel}\n  template:\n    metadata: {{labels: {{app: d}}}}\n    spec: {{containers: [{{name: c, image: nginx}}]}}\n");
    let r = run(&[empty("{matchExpressions: [{key: app, operator: In, values: [d]}]}"), empty("{matchLabels: {}, matchExpressions: [{key: app, operator: In, values: [d]}]}")].join("---\n"));
    assert!(!r.diagnostics.iter().any(|d| d.code == "FieldImmutable"), "{:?}", errors(&r));
    // a StatefulSet: only some spec fields may change (ValidateStatefulSetUpdate)
    let sts = |svc: &str| format!("apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {{name: db}}\nspec:\n  serviceName: {svc}\n  replicas: 1\n  selector: {{matchLabels: {{app: db}}}}\n  template:\n    metadata: {{labels: {{app: db}}}}\n    spec: {{containers: [{{name: c, image: postgres}}]}}\n");
    let r = run(&[sts("db"), sts("db-headless")].join("---\n"));
    assert_eq!(errors(&r), vec!["spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"]);
    assert!(r.diagnostics.iter().any(|d| d.code == "UpdateRefused" && d.message.contains("with another spec.serviceName")));
    let r = run(&[sts("db"), sts("db").replace("replicas: 1", "replicas: 3")].join("---\n"));
    assert!(errors(&r).is_empty());
    // the page's incremental analysis agrees
    let mut inc = super::incremental::Incremental::new();
    inc.set([dep("{app: foo-v2}"), dep("{app: foo, version: v2}")].join("---\n"));
    let a = inc.analyze(&Config::default());
    assert_eq!(a.pods.len(), 2);
    assert_eq!(errors(&a).len(), 1);
}

/// An ExternalName to an in-zone name no Service has (NXDOMAIN: CoreDNS leaves out the CNAME)
/// names the nearest Service of that namespace — a kustomize namePrefix the externalName did not
/// get (learner4 c03b: web.dev.svc.cluster.local while the Service is dev-web).
#[test]
fn external_name_to_a_missing_service_suggests_the_nearest() {
    let text = "apiVersion: v1\nkind: Service\nmetadata: {name: dev-web, namespace: dev}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n---\n\
        apiVersion: v1\nkind: Service\nmetadata: {name: dev-frontend, namespace: dev}\nspec: {type: ExternalName, externalName: web.dev.svc.cluster.local}\n";
    let r = run(text);
    let p = &svc(&r, "dev-frontend").paths[0];
    assert_eq!(p.outcome, Outcome::Nxdomain);
    assert!(p.reason.ends_with("; did you mean dev-web.dev.svc.cluster.local?"), "{}", p.reason);
    // nothing near: nothing suggested
    let r = run(&text.replace("externalName: web.dev", "externalName: payments.dev"));
    assert!(!svc(&r, "dev-frontend").paths[0].reason.contains("did you mean"));
}

/// A readiness (or startup) probe on a port name its container does not declare: the kubelet
/// resolves a probe's named port on that container only (pkg/probe/util.go
/// ResolveContainerPort → findPortByName, then strconv.Atoi as a last try), so every probe
/// errors and the pod is never Ready — its Service gets no endpoint (learner4 a20's neighbour).
#[test]
fn probe_on_an_undeclared_port_name_is_never_ready() {
    let pod = |probe_port: &str| format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: web, labels: {{app: web}}}}\nspec:\n  containers:\n  - name: web\n    image: nginx\n    ports: [{{name: http, containerPort: 8080}}]\n    readinessProbe: {{httpGet: {{path: /healthz, port: {probe_port}}}}}\n---\napiVersion: v1\nkind: Service\nmetadata: {{name: web}}\nspec: {{selector: {{app: web}}, ports: [{{port: 80, targetPort: http}}]}}\n");
    let r = run(&pod("health"));
    assert!(!r.pods[0].ready);
    assert_eq!(r.pods[0].not_ready_reason.as_deref(), Some("the readinessProbe of container web uses port \"health\", a name the container does not declare: the kubelet cannot resolve it (port \"health\" not found), so every probe errors, none succeeds, and the pod is never Ready"));
    assert!(svc(&r, "web").endpoints.iter().all(|e| !e.ready));
    // a declared name, a number: Ready
    for port in ["http", "8080"] {
        assert!(run(&pod(port)).pods[0].ready, "{port}");
    }
    // a number in quotes is a port name, and ValidatePortNumOrName refuses it (review9 f04),
    // as it does a name IsValidPortName refuses (f07) and a missing port (0)
    assert_eq!(errors(&run(&pod("\"8080\""))), vec!["spec.containers[0].readinessProbe.httpGet.port: Invalid value: \"8080\": must contain at least one letter (a-z)"]);
    assert_eq!(errors(&run(&pod("Http_Port"))), vec!["spec.containers[0].readinessProbe.httpGet.port: Invalid value: \"Http_Port\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"]);
    assert_eq!(errors(&run(&pod("0"))), vec!["spec.containers[0].readinessProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive"]);
}

/// review9: the kubelet's beta OS/arch labels follow the stable ones (initialNode sets both from
/// one GOOS/GOARCH), Helm hook events are case-insensitive and an install event beside `test`
/// creates the object on install, envFrom names are checked with prefix = true (a trailing '-'
/// is masked), and a Secret's base64 wrapped over lines counts its data only.
#[test]
fn review9_neighbours_stay_accepted() {
    let r = run("apiVersion: v1\nkind: Node\nmetadata: {name: pi, labels: {kubernetes.io/arch: arm64}}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  nodeSelector: {beta.kubernetes.io/arch: arm64}\n  containers: [{name: c, image: nginx}]\n");
    assert_eq!(r.pods[0].node.as_deref(), Some("pi"));
    let hook = |h: &str| format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: t\n  annotations: {{\"helm.sh/hook\": \"{h}\"}}\nspec: {{restartPolicy: Never, containers: [{{name: c, image: busybox}}]}}\n");
    assert!(run(&hook("Test")).pods.is_empty());
    assert_eq!(run(&hook("post-install,test")).pods.len(), 1);
    assert_eq!(run(&hook("test-failure")).pods.len(), 1, "not a Helm 3 hook");
    assert!(errors(&run("apiVersion: v1\nkind: Pod\nmetadata: {name: e}\nspec:\n  containers: [{name: c, image: nginx, envFrom: [{configMapRef: {name: app-config-}}]}]\n")).is_empty());
    let wrapped: String = "QUJD".repeat(19 * 4000).as_bytes().chunks(76).map(|c| format!("    {}\n", std::str::from_utf8(c).unwrap())).collect();
    let r = run(&format!("apiVersion: v1\nkind: Secret\nmetadata: {{name: big}}\ndata:\n  blob: |\n{wrapped}"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
}

/// learner5: a selectorless Service's Endpoints whose port name pairs with no Service port get a
/// warning (the CLI said nothing beside "rejected"); a selector spanning two workloads (blue/green)
/// gets an info note, the two ReplicaSets of one Deployment in a rollout do not; a headless
/// Service with publishNotReadyAddresses does not call its DNS answers "the ready pods' IPs".
#[test]
fn learner5_endpoint_port_names_workload_spans_and_published_dns() {
    let r = run("apiVersion: v1\nkind: Service\nmetadata: {name: legacy-db}\nspec:\n  ports: [{name: db, port: 5432}]\n---\napiVersion: v1\nkind: Endpoints\nmetadata: {name: legacy-db}\nsubsets:\n- addresses: [{ip: 192.168.10.5}]\n  ports: [{name: postgres, port: 5432}]\n");
    let d = r.diagnostics.iter().find(|d| d.code == "EndpointPortUnpaired").expect("a warning");
    assert!(d.message.starts_with("Endpoints legacy-db lists \"postgres\" 5432/TCP but Service legacy-db port 5432/TCP wants a port named \"db\""), "{}", d.message);
    let dep = |name: &str, version: &str| format!("apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: {name}}}\nspec:\n  replicas: 2\n  selector: {{matchLabels: {{app: web, version: {version}}}}}\n  template:\n    metadata: {{labels: {{app: web, version: {version}}}}}\n    spec: {{containers: [{{name: c, image: nginx}}]}}\n");
    let svc_text = "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n";
    let r = run(&[svc_text.to_string(), dep("web-blue", "blue"), dep("web-green", "green")].join("---\n"));
    assert!(r.diagnostics.iter().any(|d| d.code == "SelectorSpansWorkloads" && d.message.contains("(Deployment/web-blue, Deployment/web-green)")), "{:?}", r.diagnostics);
    let r = run(&[svc_text.to_string(), dep("web-blue", "blue")].join("---\n"));
    assert!(!r.diagnostics.iter().any(|d| d.code == "SelectorSpansWorkloads"));
    let headless = "apiVersion: v1\nkind: Service\nmetadata: {name: etcd}\nspec: {clusterIP: None, publishNotReadyAddresses: true, selector: {app: etcd}, ports: [{port: 2379}]}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: etcd-0, labels: {app: etcd}}\nspec: {containers: [{name: c, image: etcd}]}\nstatus: {phase: Running, podIP: 10.244.0.9, conditions: [{type: Ready, status: \"False\"}]}\n";
    let r = run(headless);
    let dns = &svc(&r, "etcd").paths[0].hops[0].explanation;
    assert!(dns.contains("publishNotReadyAddresses: true publishes every selected pod") && !dns.contains("the ready pods"), "{dns}");
}

/// A Service defined again with another clusterIP: ValidateServiceUpdate →
/// validateUpgradeDowngradeClusterIPs (pkg/apis/core/validation) refuses the patch ("may not
/// change once set"; clusterIPs follows clusterIP in the registry's normalizeClusterIPs), so the
/// first one stays; without a written clusterIP the later one keeps the allocated address
/// (patchAllocatedValues) and replaces the first; ExternalName and headless↔headless are not
/// compared.
#[test]
fn validate_upgrade_downgrade_cluster_ips_refuses_a_redefined_services_new_cluster_ip() {
    let svc_doc = |extra: &str| format!("apiVersion: v1\nkind: Service\nmetadata: {{name: web}}\nspec:\n  selector: {{app: web}}\n{extra}  ports: [{{port: 80}}]\n");
    let r = run(&[svc_doc("  clusterIP: 10.96.0.50\n"), svc_doc("  clusterIP: 10.96.0.60\n")].join("---\n"));
    assert_eq!(errors(&r), vec!["spec.clusterIPs[0]: Invalid value: [\"10.96.0.60\"]: may not change once set"]);
    let e = r.diagnostics.iter().find(|d| d.severity == Severity::Error).unwrap();
    assert_eq!((e.line, e.field.as_deref(), e.code.as_str()), (14, Some("spec.clusterIPs[0]"), "FieldImmutable"));
    assert!(r.diagnostics.iter().any(|d| d.code == "UpdateRefused" && d.message.contains("with another spec.clusterIP")));
    assert_eq!(svc(&r, "web").cluster_ip.as_deref(), Some("10.96.0.50"), "the first stays");
    // the first allocated (none written), the later one writes one: refused too
    let r = run(&[svc_doc(""), svc_doc("  clusterIP: 10.96.0.60\n")].join("---\n"));
    assert_eq!(errors(&r).len(), 1);
    assert_ne!(svc(&r, "web").cluster_ip.as_deref(), Some("10.96.0.60"));
    // headless → ClusterIP, and clusterIPs written: the new list is the value
    let r = run(&[svc_doc("  clusterIP: None\n"), svc_doc("  clusterIPs: [10.96.0.60]\n")].join("---\n"));
    assert_eq!(errors(&r), vec!["spec.clusterIPs[0]: Invalid value: [\"10.96.0.60\"]: may not change once set"]);
    // accepted: the same address, none written later, both headless, an ExternalName on either side
    for (a, b) in [
        ("  clusterIP: 10.96.0.50\n", "  clusterIP: 10.96.0.50\n"),
        ("  clusterIP: 10.96.0.50\n", ""),
        ("  clusterIP: None\n", "  clusterIP: None\n"),
        ("  type: ExternalName\n  externalName: db.example.com\n", "  clusterIP: 10.96.0.60\n"),
    ] {
        let r = run(&[svc_doc(a), svc_doc(b).replace("ports: [{port: 80}]", "ports: [{port: 81}]")].join("---\n"));
        assert!(errors(&r).is_empty(), "{a:?} then {b:?}: {:?}", errors(&r));
        assert!(r.diagnostics.iter().any(|d| d.code == "DefinedAgain"), "{a:?} then {b:?}");
        assert_eq!(svc(&r, "web").ports[0].port, 81, "the later one is shown");
    }
}

/// A Pod defined again with another spec: ValidatePodUpdate (pkg/apis/core/validation) refuses
/// another number of containers (ValidateContainerUpdates: "pod updates may not add or remove
/// containers") and any change beyond images, activeDeadlineSeconds and tolerations ("pod
/// updates may not change fields other than …"); the refused patch changes nothing, labels
/// included, so the first Pod stays (corpus4 finding 2: kubernauts/practical-kubernetes-problems
/// alpine-pod-2-containers.yaml + alpine-pod.yaml applied as one directory).
#[test]
fn validate_pod_update_refuses_a_redefined_pods_new_spec() {
    let pod = |labels: &str, containers: &str| format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: p, labels: {labels}}}\nspec:\n  containers:\n{containers}");
    let sleep = "  - {name: c, image: busybox, command: [sleep, \"3600\"]}\n";
    let web = "  - {name: d, image: nginx, ports: [{containerPort: 80}]}\n";
    let q = "---\napiVersion: v1\nkind: Service\nmetadata: {name: q}\nspec: {selector: {app: q}, ports: [{port: 80}]}\n";
    let r = run(&format!("{}---\n{}{q}", pod("{app: p}", sleep), pod("{app: q}", &format!("{sleep}{web}"))));
    assert_eq!(errors(&r), vec!["spec.containers: Forbidden: pod updates may not add or remove containers"]);
    assert!(r.diagnostics.iter().any(|d| d.code == "UpdateRefused" && d.message.contains("with another spec.containers")));
    assert_eq!(r.pods.len(), 1);
    assert!(svc(&r, "q").endpoints.is_empty(), "the relabelling was refused with the rest");
    // same containers, another port: the spec check
    let r = run(&format!("{}---\n{}", pod("{app: p}", web), pod("{app: q}", &web.replace("80}", "8080}"))));
    assert_eq!(
        errors(&r),
        vec!["spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"]
    );
    assert_eq!(r.pods[0].labels.iter().find(|(k, _)| k == "app").map(|(_, v)| v.as_str()), Some("p"));
    // accepted: another image, other labels, a default written out (protocol: TCP, restartPolicy:
    // Always), the same map in another order
    for (a, b) in [
        (web, web.replace("nginx", "nginx:1.27")),
        (web, web.replace("containerPort: 80}", "containerPort: 80, protocol: TCP}")),
        ("  - {name: c, image: x, env: [{name: A, value: '1'}], ports: [{name: h, containerPort: 80}]}\n", "  - {name: c, image: x, env: [{value: '1', name: A}], ports: [{containerPort: 80, name: h}]}\n".to_string()),
    ] {
        let r = run(&format!("{}---\n{}", pod("{app: p}", a), pod("{app: q}", &b)));
        assert!(errors(&r).is_empty(), "{b}: {:?}", errors(&r));
        assert_eq!(r.pods[0].labels.iter().find(|(k, _)| k == "app").map(|(_, v)| v.as_str()), Some("q"), "the later one is shown");
    }
    let r = run(&format!("{}---\n{}", pod("{app: p}", web), pod("{app: q}", web).replace("spec:\n", "spec:\n  restartPolicy: Always\n")));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    // a dumped pod (the server's nodeName, token volume…) and a manifest of it: not compared
    let dumped = pod("{app: p}", web).replace("metadata: {name: p,", "metadata: {uid: 1b2c, name: p,").replace("spec:\n", "spec:\n  nodeName: node-1\n");
    let r = run(&format!("{dumped}---\n{}", pod("{app: q}", web)));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
}

/// pkg/api/pod/warnings.go warningsForPodSpecAndMeta: a port name another container already
/// declares is the API server's warning (FindPort takes the first: learner6 a3, an envoy sidecar
/// and the app both naming a port `http`), for a Pod and a workload's template alike; init
/// containers (VisitContainersWithPath) are visited before containers, each later duplicate
/// against the first (review10 w01, w02).
#[test]
fn warnings_for_pod_spec_duplicate_port_name() {
    // `message (hint)`: the API server's words, then ours (apart in the diagnostic: tests_hintfix)
    let warnings = |r: &crate::core::Report| r.diagnostics.iter().filter(|d| d.code == "ServerWarning").map(|d| d.message_and_hint()).collect::<Vec<_>>();
    let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: web-0, labels: {app: web}}\nspec:\n  containers:\n  - {name: envoy, image: envoy, ports: [{name: http, containerPort: 15001}]}\n  - {name: app, image: nginx, ports: [{name: admin, containerPort: 9000}, {name: http, containerPort: 8080}]}\n";
    assert_eq!(
        warnings(&run(pod)),
        vec!["spec.containers[1].ports[1]: duplicate port name \"http\" with spec.containers[0].ports[0], services and probes that select ports by name will use spec.containers[0].ports[0] (the API server's warning: the Pod is created)"]
    );
    let dep = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      initContainers:\n      - {name: setup, image: busybox, ports: [{name: http, containerPort: 1}]}\n      - {name: proxy, image: envoy, restartPolicy: Always, ports: [{name: http, containerPort: 15001}]}\n      containers:\n      - {name: app, image: nginx, ports: [{name: http, containerPort: 8080}]}\n";
    assert_eq!(
        warnings(&run(dep)),
        vec![
            "spec.template.spec.initContainers[1].ports[0]: duplicate port name \"http\" with spec.template.spec.initContainers[0].ports[0], services and probes that select ports by name will use spec.template.spec.initContainers[0].ports[0] (the API server's warning: the Deployment is created)",
            "spec.template.spec.containers[0].ports[0]: duplicate port name \"http\" with spec.template.spec.initContainers[0].ports[0], services and probes that select ports by name will use spec.template.spec.initContainers[0].ports[0] (the API server's warning: the Deployment is created)"
        ]
    );
    // distinct names: nothing
    assert!(warnings(&run(&pod.replace("{name: http, containerPort: 8080}", "{name: web, containerPort: 8080}"))).is_empty());
}

/// pkg/proxy/iptables/proxier.go: loadBalancerSourceRanges become the KUBE-FW chain, entered only
/// for `-d <load balancer IP>` ("For loadbalancers which direct traffic to service NodePort, the
/// firewall rules will not apply"): the nodePort stays open to any source (learner6 c2)
#[test]
fn load_balancer_source_ranges_leave_node_ports_open() {
    let lb = |extra: &str| format!("apiVersion: v1\nkind: Service\nmetadata: {{name: admin}}\nspec:\n  type: LoadBalancer\n  selector: {{app: admin}}\n  loadBalancerSourceRanges: [203.0.113.0/24]\n{extra}  ports: [{{port: 443, nodePort: 30264}}]\n");
    let r = run(&lb(""));
    let w = r.diagnostics.iter().find(|d| d.code == "SourceRangesNotOnNodePorts").expect("warning");
    assert!(w.message.contains("nodePort 30264 on every node accepts any source"), "{}", w.message);
    assert_eq!(w.field.as_deref(), Some("spec.loadBalancerSourceRanges"));
    // no nodePorts (allocateLoadBalancerNodePorts: false, none written): nothing to say
    let r = run(&lb("  allocateLoadBalancerNodePorts: false\n").replace(", nodePort: 30264", ""));
    assert!(!r.diagnostics.iter().any(|d| d.code == "SourceRangesNotOnNodePorts"));
}

/// appProtocol (Service docs, "Application protocol"; KEP-3726 kubernetes.io/h2c, ws, wss) is a
/// hint for implementations; kube-proxy writes no rule from it: one info note per Service says
/// so (learner6 a7: "does kubernetes.io/h2c make kube-proxy speak HTTP/2?")
#[test]
fn app_protocol_is_a_hint_kube_proxy_does_not_use() {
    let r = run(&service("  selector: {app: web}\n  ports:\n  - {name: grpc, port: 50051, appProtocol: kubernetes.io/h2c}\n  - {name: web, port: 80, appProtocol: http}\n"));
    let notes: Vec<&str> = r.diagnostics.iter().filter(|d| d.code == "AppProtocolHint").map(|d| d.message.as_str()).collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].starts_with("appProtocol \"kubernetes.io/h2c\" (HTTP/2 over cleartext, RFC 7540) on port 50051, \"http\" on port 80: a hint"), "{}", notes[0]);
    assert!(notes[0].contains("kube-proxy forwards the connection's bytes by protocol and port and does not use it"));
    assert!(!run(&service("  selector: {app: web}\n  ports:\n  - {port: 80}\n")).diagnostics.iter().any(|d| d.code == "AppProtocolHint"));
}

/// SetDefaults_Service (pkg/apis/core/v1/defaults.go): targetPort 0 or "" becomes the port; the
/// page said "targetPort 80" with nothing about where the 80 came from (learner6 d5)
#[test]
fn set_defaults_service_target_port_zero_is_the_port_and_says_so() {
    let r = run(&service("  selector: {app: web}\n  ports:\n  - {port: 80, targetPort: 0}\n  - {name: b, port: 81, targetPort: \"\"}\n  - {name: c, port: 82}\n".replace("  - {port: 80", "  - {name: a, port: 80").as_str()));
    let notes: Vec<&str> = r.diagnostics.iter().filter(|d| d.code == "TargetPortDefaulted").map(|d| d.message.as_str()).collect();
    assert_eq!(
        notes,
        vec![
            "spec.ports[0].targetPort: 0 is defaulted to the port, 80 (SetDefaults_Service: a targetPort of 0 or \"\" is the same as none)",
            "spec.ports[1].targetPort: \"\" is defaulted to the port, 81 (SetDefaults_Service: a targetPort of 0 or \"\" is the same as none)"
        ]
    );
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
}

/// A nodeSelector on a node-role.kubernetes.io/ label no node carries: the scheduler's FitError,
/// then why (the kubelet may not set node-role labels on itself; kubeadm sets only
/// node-role.kubernetes.io/control-plane) — corpus4: Sock Shop's 14 Deployments all Pending on a
/// kubeadm/kind cluster
#[test]
fn failed_scheduling_on_a_node_role_label_says_who_sets_it() {
    let dep = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: carts}\nspec:\n  selector: {matchLabels: {name: carts}}\n  template:\n    metadata: {labels: {name: carts}}\n    spec:\n      nodeSelector: {node-role.kubernetes.io/worker: \"\"}\n      containers: [{name: c, image: carts}]\n";
    let r = run(dep);
    let w = r.diagnostics.iter().find(|d| d.code == "FailedScheduling").expect("pending");
    assert!(w.message.contains("0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector."), "{}", w.message);
    assert!(w.message.ends_with("(node-role.kubernetes.io/worker is not a label the kubelet sets: kubeadm sets only node-role.kubernetes.io/control-plane, on its control-plane nodes; OpenShift and some installers label workers; `kubectl label node <node> node-role.kubernetes.io/worker=` adds it)"), "{}", w.message);
    // another label: the scheduler's words alone
    let r = run(&dep.replace("node-role.kubernetes.io/worker", "disktype"));
    assert!(!r.diagnostics.iter().find(|d| d.code == "FailedScheduling").expect("pending").message.contains("kubelet sets"));
}

/// review10's false refusals of a redefined object, each against upstream: an earlier definition
/// the API server refuses on create is no live object (kubectl apply.go applyOneObject: Get →
/// NotFound → Create), so the later one is created and its errors are the earlier one's own;
/// and two Pod manifests equal once decoded and defaulted are no change (ValidatePodUpdate's
/// Semantic.DeepEqual after SetDefaults_*VolumeSource defaultMode 0644, defaultHostNetworkPorts,
/// Convert_v1_PodSpec_To_core_PodSpec's serviceAccount alias, JSON's 80.0 == 80).
#[test]
fn redefined_objects_refused_only_when_the_update_is() {
    let svc = |ip: &str, port: u32| format!("apiVersion: v1\nkind: Service\nmetadata: {{name: s}}\nspec:\n  selector: {{app: web}}\n  clusterIP: {ip}\n  ports: [{{port: {port}}}]\n");
    // s13: the first refused (port 0): the second is created with its own clusterIP
    let r = run(&[svc("10.96.0.50", 0), svc("10.96.0.60", 80)].join("---\n"));
    assert_eq!(errors(&r), vec!["spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive", "spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive"]);
    assert_eq!(super::tests::svc(&r, "s").cluster_ip.as_deref(), Some("10.96.0.60"));
    assert!(r.diagnostics.iter().any(|d| d.code == "DefinedAgain" && d.message.contains("the API server refuses this one, so `kubectl apply -f` finds nothing to patch")));
    // p42: a Pod refused on create
    let pod = |spec: &str| format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: p, labels: {{app: web}}}}\nspec:\n{spec}");
    let c = "  containers:\n  - name: c\n    image: nginx\n";
    let r = run(&[pod(&format!("{c}    ports: [{{containerPort: 0}}]\n")), pod(&format!("{c}    ports: [{{containerPort: 8080}}]\n"))].join("---\n"));
    assert!(!r.diagnostics.iter().any(|d| d.code == "FieldImmutable"), "{:?}", errors(&r));
    assert_eq!(r.pods.len(), 1);
    // equal once defaulted: accepted, the later one shown
    for (a, b) in [
        (format!("{c}  serviceAccountName: builder\n"), c.to_string()),
        (format!("{c}  serviceAccount: builder\n"), format!("{c}  serviceAccountName: builder\n")),
        (format!("{c}  volumes:\n  - name: v\n    configMap: {{name: x}}\n"), format!("{c}  volumes:\n  - name: v\n    configMap: {{name: x, defaultMode: 0644}}\n")),
        (format!("{c}  volumes:\n  - name: v\n    secret: {{secretName: x}}\n"), format!("{c}  volumes:\n  - name: v\n    secret: {{secretName: x, defaultMode: 420}}\n")),
        (format!("  hostNetwork: true\n{c}    ports: [{{containerPort: 8080}}]\n"), format!("  hostNetwork: true\n{c}    ports: [{{containerPort: 8080, hostPort: 8080}}]\n")),
        (format!("{c}    ports: [{{containerPort: 80}}]\n"), format!("{c}    ports: [{{containerPort: 80.0}}]\n")),
    ] {
        let r = run(&[pod(&a), pod(&b).replace("app: web", "app: web2")].join("---\n"));
        assert!(errors(&r).is_empty(), "{a:?} then {b:?}: {:?}", errors(&r));
        assert!(r.pods[0].labels.iter().any(|(k, v)| k == "app" && v == "web2"), "{b:?}: the later one is shown");
    }
    // ...and still refused: another service account, another defaultMode, another hostPort
    for (a, b) in [
        (c.to_string(), format!("{c}  serviceAccountName: builder\n")),
        (format!("{c}  volumes:\n  - name: v\n    configMap: {{name: x}}\n"), format!("{c}  volumes:\n  - name: v\n    configMap: {{name: x, defaultMode: 0600}}\n")),
        (format!("  hostNetwork: true\n{c}    ports: [{{containerPort: 8080}}]\n"), format!("  hostNetwork: true\n{c}    ports: [{{containerPort: 8080, hostPort: 9090}}]\n")),
    ] {
        let r = run(&[pod(&a), pod(&b)].join("---\n"));
        assert!(r.diagnostics.iter().any(|d| d.code == "FieldImmutable"), "{a:?} then {b:?}: {:?}", errors(&r));
    }
}

/// validateJobSpec (pkg/apis/batch/validation): a podFailurePolicy allows restartPolicy Never
/// only — for a Job and a CronJob's job template alike (review10 c76, c77)
#[test]
fn validate_job_spec_pod_failure_policy_needs_never() {
    let job = |rp: &str| format!("apiVersion: batch/v1\nkind: Job\nmetadata: {{name: j}}\nspec:\n  podFailurePolicy:\n    rules: [{{action: FailJob, onExitCodes: {{operator: In, values: [42]}}}}]\n  template:\n    spec:\n      restartPolicy: {rp}\n      containers: [{{name: c, image: busybox}}]\n");
    assert_eq!(errors(&run(&job("OnFailure"))), vec!["spec.template.spec.restartPolicy: Invalid value: \"OnFailure\": only \"Never\" is supported when podFailurePolicy is specified"]);
    assert!(errors(&run(&job("Never"))).is_empty(), "{:?}", errors(&run(&job("Never"))));
}

// ---------------------------------------------------------------- review11 (endpoints, kube-proxy)

/// Nodes n1 (zone a) and n2 (zone b), for the review11 cases.
const R11_NODES: &str = "apiVersion: v1
kind: Node
metadata: {name: n1, labels: {topology.kubernetes.io/zone: a}}
status: {addresses: [{type: InternalIP, address: 172.18.0.2}], conditions: [{type: Ready, status: \"True\"}]}
---
apiVersion: v1
kind: Node
metadata: {name: n2, labels: {topology.kubernetes.io/zone: b}}
status: {addresses: [{type: InternalIP, address: 172.18.0.3}], conditions: [{type: Ready, status: \"True\"}]}
";

/// A dumped pod of app web on `node` with `ip`; `meta` adds to its metadata, `status` replaces its status's rest.
fn r11_pod(name: &str, node: &str, meta: &str, status: &str) -> String {
    format!("---\napiVersion: v1\nkind: Pod\nmetadata: {{name: {name}, labels: {{app: web}}{meta}}}\nspec: {{nodeName: {node}, containers: [{{name: c, image: nginx}}]}}\nstatus: {{{status}}}\n")
}

fn r11_ready(ip: &str, ready: bool) -> String {
    format!("phase: Running, podIP: {ip}, conditions: [{{type: Ready, status: \"{}\"}}]", if ready { "True" } else { "False" })
}

// review11 a25: staging/src/k8s.io/endpointslice/reconciler.go reconcileByAddressType skips a pod
// whose Node is not found ("skipping Pod for Service, Node not found") unless
// publishNotReadyAddresses; with no Node in the input the pods' nodes are simulated and kept
#[test]
fn reconcile_by_address_type_skips_a_pod_whose_node_is_not_found() {
    let svc_yaml = |pnra: &str| format!("---\napiVersion: v1\nkind: Service\nmetadata: {{name: web}}\nspec: {{selector: {{app: web}}, ports: [{{port: 80, targetPort: 8080}}]{pnra}}}\n");
    let pod = r11_pod("p1", "ghost", "", &r11_ready("10.244.9.5", true));
    let r = run(&format!("{R11_NODES}{}{pod}", svc_yaml("")));
    let s = svc(&r, "web");
    assert!(s.endpoints.is_empty(), "{:?}", s.endpoints);
    assert_eq!(s.paths[0].outcome, Outcome::Rejected);
    assert!(s.near_misses.iter().any(|m| m.pod == "p1" && m.reason.contains("Node not found")), "{:?}", s.near_misses);
    assert!(r.diagnostics.iter().any(|d| d.code == "NodeNotFound" && d.message.contains("leaves this pod out")), "{:?}", r.diagnostics);
    // publishNotReadyAddresses keeps it
    let r = run(&format!("{R11_NODES}{}{pod}", svc_yaml(", publishNotReadyAddresses: true")));
    assert_eq!(svc(&r, "web").endpoints.len(), 1);
    // no Node in the input: "ghost" is a simulated node, the pod an endpoint
    let r = run(&format!("{}{pod}", svc_yaml("")));
    assert_eq!(svc(&r, "web").endpoints.len(), 1);
    assert_eq!(svc(&r, "web").paths[0].outcome, Outcome::Delivered);
}

// review11 b29/b33: pkg/proxy/endpointschangetracker.go getLocalReadyEndpointIPs: the
// health check counts only ready local endpoints (not terminating ones); with no healthy node
// the load balancer path says so, and that what follows is the provider's
#[test]
fn get_local_ready_endpoint_ips_no_healthy_node_is_said() {
    let svc_yaml = "---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {type: LoadBalancer, selector: {app: web}, ports: [{port: 80, targetPort: 8080}], externalTrafficPolicy: Local}\n";
    let cfg = || Config { cloud: true, ..Config::default() };
    let lb = |r: &super::report::Report| svc(r, "web").paths.iter().find(|p| p.entry == super::paths::Entry::LoadBalancer).cloned().expect("lb path");
    // b29: n1's only endpoint is terminating (serving), n2's not ready
    let terminating = r11_pod("p1", "n1", ", deletionTimestamp: \"2026-01-01T00:00:00Z\"", &r11_ready("10.244.1.5", true));
    let r = run_cfg(&format!("{R11_NODES}{svc_yaml}{terminating}{}", r11_pod("p2", "n2", "", &r11_ready("10.244.2.5", false))), cfg());
    let p = lb(&r);
    let text: String = p.hops.iter().map(|h| h.explanation.as_str()).collect::<Vec<_>>().join(" | ");
    assert!(text.contains("no node passes the load balancer's health check"), "{text}");
    assert!(text.contains("depends on the cloud provider"), "{text}");
    assert!(!text.contains("it picks n1"), "{text}");
    // one ready local endpoint: that node is picked, as before
    let r = run_cfg(&format!("{R11_NODES}{svc_yaml}{}", r11_pod("p2", "n2", "", &r11_ready("10.244.2.5", true))), cfg());
    let text: String = lb(&r).hops.iter().map(|h| h.explanation.as_str()).collect::<Vec<_>>().join(" | ");
    assert!(text.contains("marks only nodes with a ready local endpoint as healthy; it picks n2"), "{text}");
}

// review11 b13: reconciler.go reconcileByAddressType `canUseTrafficDistribution :=
// validTrafficDistribution(…) && !hintsEnabled(service.Annotations)`: with the topology-mode (or
// the older topology-aware-hints) annotation Auto, trafficDistribution writes no hints
#[test]
fn hints_enabled_annotation_turns_traffic_distribution_off() {
    let pods = format!("{}{}", r11_pod("p1", "n1", "", &r11_ready("10.244.1.5", true)), r11_pod("p2", "n2", "", &r11_ready("10.244.2.5", true)));
    let svc_yaml = |ann: &str| format!("---\napiVersion: v1\nkind: Service\nmetadata: {{name: web{ann}}}\nspec: {{selector: {{app: web}}, ports: [{{port: 80, targetPort: 8080}}], trafficDistribution: PreferClose}}\n");
    let cfg = || Config { client_node: Some("n1".into()), ..Config::default() };
    let r = run_cfg(&format!("{R11_NODES}{}{pods}", svc_yaml("")), cfg());
    assert_eq!(svc(&r, "web").paths[0].backends.len(), 1, "PreferClose alone keeps n1's traffic in zone a");
    for ann in [
        ", annotations: {service.kubernetes.io/topology-mode: Auto}",
        ", annotations: {service.kubernetes.io/topology-aware-hints: auto}",
        // both set: hintsEnabled reads the deprecated one first, but ValidateService accepts
        // both only with the same value (review22)
        ", annotations: {service.kubernetes.io/topology-aware-hints: auto, service.kubernetes.io/topology-mode: auto}",
    ] {
        let r = run_cfg(&format!("{R11_NODES}{}{pods}", svc_yaml(ann)), cfg());
        let p = &svc(&r, "web").paths[0];
        // (learnfix13: the annotation's own hints are modelled — topologycache.go AddHints —
        // and, one endpoint per zone on zone-labelled nodes, they keep n1's traffic in zone a too)
        assert_eq!(p.backends.len(), 1, "{ann}");
        assert!(p.hops.iter().any(|h| h.explanation.contains("trafficDistribution PreferClose is not used: the annotation wins") && h.explanation.contains("the EndpointSlice controller hints each ready endpoint for its own zone")), "{ann}: {:?}", p.hops);
    }
    // different values: the API server refuses the Service (ValidateService: "must match
    // annotations[service.kubernetes.io/topology-aware-hints] when both are specified"; review22)
    for (hints, mode) in [("Disabled", "Auto"), ("auto", "Disabled")] {
        let r = run_cfg(&format!("{R11_NODES}{}{pods}", svc_yaml(&format!(", annotations: {{service.kubernetes.io/topology-aware-hints: {hints}, service.kubernetes.io/topology-mode: {mode}}}"))), cfg());
        let want = format!("metadata.annotations[service.kubernetes.io/topology-mode]: Invalid value: \"{mode}\": must match annotations[service.kubernetes.io/topology-aware-hints] when both are specified");
        assert!(r.diagnostics.iter().any(|d| d.severity == Severity::Error && d.message.contains(&want)), "{hints}/{mode}: {:?}", r.diagnostics);
    }
}

// review11 a21: a selector-less Service whose Endpoints list only notReadyAddresses
// (pkg/controller/endpointslicemirroring utils.go addressToEndpoint: ready false) gets no
// traffic because they are not ready, not because of a port name
#[test]
fn endpointslicemirroring_address_to_endpoint_not_ready_is_the_reason() {
    let r = run("apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  ports: [{port: 80}]
---
apiVersion: v1
kind: Endpoints
metadata: {name: web}
subsets:
- notReadyAddresses: [{ip: 192.168.5.10}]
  ports: [{port: 9000}]
");
    let p = &svc(&r, "web").paths[0];
    assert_eq!(p.outcome, Outcome::Rejected);
    assert!(p.reason.contains("list 1 address for this port, but none is ready"), "{}", p.reason);
    assert!(!p.reason.contains("matched to Service ports by name"), "{}", p.reason);
}

// review11 b35: pkg/proxy/iptables/proxier.go writeServiceToEndpointRules: `-s <endpoint IP>
// -j KUBE-MARK-MASQ`: a pod reaching itself through its Service is masqueraded (hairpin)
#[test]
fn write_service_to_endpoint_rules_hairpin_is_masqueraded() {
    let pod = "---\napiVersion: v1\nkind: Pod\nmetadata: {name: client, labels: {app: web}}\nspec: {nodeName: n1, containers: [{name: c, image: nginx}]}\nstatus: {phase: Running, podIP: 10.244.1.5, conditions: [{type: Ready, status: \"True\"}]}\n";
    let svc_yaml = "---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}\n";
    let r = run(&format!("{R11_NODES}{svc_yaml}{pod}"));
    let p = &svc(&r, "web").paths[0];
    assert_eq!(p.backends[0].ip, "10.244.1.5");
    let last = p.hops.last().unwrap();
    assert!(last.explanation.contains("(hairpin)") && last.explanation.contains("-s 10.244.1.5 -j KUBE-MARK-MASQ"), "{}", last.explanation);
    // another pod as the endpoint: no such words
    let r = run(&format!("{R11_NODES}{svc_yaml}{}", pod.replace("name: client", "name: web-1").replace("10.244.1.5", "10.244.1.6")));
    assert!(!svc(&r, "web").paths[0].hops.iter().any(|h| h.explanation.contains("hairpin")));
}

// review11 a08/a31: staging/src/k8s.io/endpointslice/util/controller_utils.go
// ShouldPodBeInEndpoints: no PodIP, no endpoint. A dumped pod with a status but no podIP gets
// no invented address; a pod without status (simulated) still gets one
#[test]
fn should_pod_be_in_endpoints_no_pod_ip_no_endpoint() {
    let svc_yaml = "---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}\n";
    for ready in ["True", "False"] {
        let pod = r11_pod("p1", "n1", "", &format!("phase: Running, conditions: [{{type: Ready, status: \"{ready}\"}}]"));
        let r = run(&format!("{R11_NODES}{svc_yaml}{pod}"));
        assert_eq!(r.pods.iter().find(|p| p.name == "p1").unwrap().ip, None, "{ready}");
        let s = svc(&r, "web");
        assert!(s.endpoints.is_empty(), "{ready}: {:?}", s.endpoints);
        assert!(s.near_misses.iter().any(|m| m.reason.contains("its status has no podIP")), "{:?}", s.near_misses);
    }
    let simulated = "---\napiVersion: v1\nkind: Pod\nmetadata: {name: p1, labels: {app: web}}\nspec: {nodeName: n1, containers: [{name: c, image: nginx}]}\n";
    let r = run(&format!("{R11_NODES}{svc_yaml}{simulated}"));
    assert!(r.pods[0].ip.is_some());
    assert_eq!(svc(&r, "web").endpoints.len(), 1);
}

/// learner7 9b: under externalTrafficPolicy Cluster the outside client's source is rewritten to
/// the node's address (pkg/proxy/iptables/proxier.go: KUBE-MARK-MASQ, then KUBE-POSTROUTING's
/// `-j MASQUERADE --random-fully`): the hop says so in its addresses, not only in its words;
/// under Local the source is kept (no srcRewritten).
#[test]
fn proxier_masquerade_rewrites_the_outside_source_under_cluster_policy() {
    let y = |policy: &str| format!("apiVersion: v1\nkind: Service\nmetadata: {{name: web}}\nspec: {{type: NodePort, externalTrafficPolicy: {policy}, selector: {{app: web}}, ports: [{{port: 80, targetPort: 8080, nodePort: 30080}}]}}\n---\napiVersion: v1\nkind: Pod\nmetadata: {{name: web-1, labels: {{app: web}}}}\nspec: {{containers: [{{name: c, image: nginx}}]}}\n");
    let r = run(&y("Cluster"));
    let p = svc(&r, "web").paths.iter().find(|p| p.entry == crate::core::paths::Entry::NodePort && p.outcome == crate::core::paths::Outcome::Delivered).expect("a delivered nodePort path");
    let h = p.hops.iter().find(|h| h.kind == crate::core::paths::HopKind::SnatDnat).expect("the SNAT+DNAT hop");
    let node_ip = h.dst.rsplit_once(':').expect("ip:port").0;
    assert_eq!(h.src_rewritten.as_deref(), Some(node_ip), "{h:?}");
    assert_eq!(h.addresses(" → ", " ⇒ "), format!("{} → {} ⇒ {node_ip} → {}", h.src, h.dst, h.rewritten.as_deref().expect("DNAT")));
    assert!(r.to_text().contains(&format!(" => {node_ip} -> ")), "the CLI's text says it too");
    let r = run(&y("Local"));
    assert!(svc(&r, "web").paths.iter().flat_map(|p| &p.hops).all(|h| h.src_rewritten.is_none()), "Local keeps the client's address");
}

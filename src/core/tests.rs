//! Rule tests: each names the upstream function it follows (kubernetes/kubernetes unless said).

use super::config::Config;
use super::diag::Severity;
use super::report::{Report, ServiceReport};
use super::*;

pub(super) fn run(src: &str) -> Report {
    analyze(src, &Config::default())
}
pub(super) fn run_cfg(src: &str, cfg: Config) -> Report {
    analyze(src, &cfg)
}
pub(super) fn svc<'a>(r: &'a Report, name: &str) -> &'a ServiceReport {
    r.services.iter().find(|s| s.name == name).unwrap_or_else(|| panic!("no service {name}"))
}
pub(super) fn errors(r: &Report) -> Vec<String> {
    r.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| d.message.clone()).collect()
}
pub(super) fn has_error(r: &Report, msg: &str) -> bool {
    errors(r).iter().any(|m| m == msg)
}

const WEB: &str = include_str!("../../examples/web.yaml");

pub(super) fn service(spec: &str) -> String {
    format!("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n{spec}")
}

pub(super) const PODS: &str = "
---
apiVersion: v1
kind: Pod
metadata: {name: web-1, labels: {app: web}}
spec:
  containers:
  - name: c
    image: x
    ports: [{name: http, containerPort: 8080}]
---
apiVersion: v1
kind: Pod
metadata: {name: web-2, labels: {app: web}}
spec:
  containers:
  - name: c
    image: x
    ports: [{name: http, containerPort: 9090}]
";

// ---------------------------------------------------------------- defaults

// pkg/apis/core/v1/defaults.go SetDefaults_Service: type ClusterIP, protocol TCP, targetPort = port,
// sessionAffinity None, internalTrafficPolicy Cluster; no externalTrafficPolicy for ClusterIP
#[test]
fn set_defaults_service_clusterip() {
    let r = run(&service("  selector: {app: web}\n  ports:\n  - port: 80\n"));
    let s = svc(&r, "web");
    assert_eq!(s.type_, "ClusterIP");
    assert_eq!(s.ports[0].protocol, "TCP");
    assert_eq!(s.ports[0].target_port, model::IntOrString::Int(80));
    assert_eq!(s.session_affinity, "None");
    assert_eq!(s.internal_traffic_policy.as_deref(), Some("Cluster"));
    assert_eq!(s.external_traffic_policy, None);
    assert_eq!(s.namespace, "default");
}

// SetDefaults_Service: targetPort 0 is defaulted to port, not rejected
#[test]
fn set_defaults_service_target_port_zero_becomes_port() {
    let r = run(&service("  selector: {app: web}\n  ports:\n  - port: 81\n    targetPort: 0\n"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert_eq!(svc(&r, "web").ports[0].target_port, model::IntOrString::Int(81));
}

// SetDefaults_Service + ExternallyAccessible (pkg/api/service/util.go): ETP Cluster for NodePort
#[test]
fn set_defaults_service_external_traffic_policy_for_nodeport() {
    let r = run(&service("  type: NodePort\n  selector: {app: web}\n  ports:\n  - port: 80\n"));
    assert_eq!(svc(&r, "web").external_traffic_policy.as_deref(), Some("Cluster"));
}

// SetDefaults_Service: ClientIP affinity gets timeoutSeconds 10800
#[test]
fn set_defaults_service_client_ip_timeout() {
    let r = run(&(service("  sessionAffinity: ClientIP\n  selector: {app: web}\n  ports:\n  - port: 80\n") + PODS));
    let p = &svc(&r, "web").paths[0];
    assert!(p.hops.last().unwrap().explanation.contains("10800 s"), "{:?}", p.hops.last());
}

// pkg/apis/apps/v1/defaults.go SetDefaults_Deployment: replicas nil → 1
#[test]
fn set_defaults_deployment_replicas_one() {
    let src = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  selector: {matchLabels: {app: api}}\n  template:\n    metadata: {labels: {app: api}}\n    spec: {containers: [{name: c, image: x}]}\n";
    let r = run(src);
    assert_eq!(r.pods.len(), 1);
    assert!(r.pods[0].name.starts_with("api-"));
    assert_eq!(r.pods[0].name.matches('-').count(), 2, "{}", r.pods[0].name);
}

// ---------------------------------------------------------------- validation (ValidateService)

// validation.go validateServicePort: port must be 1..65535
#[test]
fn validate_service_port_range() {
    let r = run(&service("  selector: {app: web}\n  ports:\n  - port: 0\n    targetPort: 80\n"));
    assert!(has_error(&r, "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive"), "{:?}", errors(&r));
    let d = r.diagnostics.iter().find(|d| d.field.as_deref() == Some("spec.ports[0].port")).unwrap();
    assert_eq!((d.line, d.column), (8, 11));
    assert_eq!(d.object.as_deref(), Some("Service/default/web"));
    assert!(svc(&r, "web").rejected);
}

// validateServicePort: a missing port is 0, and the defaulted targetPort (= 0) is reported too
#[test]
fn validate_service_missing_port_reports_port_and_target_port() {
    let r = run(&service("  selector: {app: web}\n  ports:\n  - name: http\n"));
    assert!(has_error(&r, "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive"));
    assert!(has_error(&r, "spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive"));
}

// ValidateService: more than one port → every port needs a name; names unique
#[test]
fn validate_service_port_names_required_and_unique() {
    let r = run(&service("  selector: {app: web}\n  ports:\n  - port: 80\n  - port: 443\n"));
    assert!(has_error(&r, "spec.ports[0].name: Required value"));
    assert!(has_error(&r, "spec.ports[1].name: Required value"));
    let r = run(&service("  selector: {app: web}\n  ports:\n  - {name: a, port: 80}\n  - {name: a, port: 443}\n"));
    assert!(has_error(&r, "spec.ports[1].name: Duplicate value: \"a\""), "{:?}", errors(&r));
}

// ValidateService: duplicate (port, protocol); 53/TCP + 53/UDP is fine
#[test]
fn validate_service_duplicate_port_protocol() {
    let r = run(&service("  selector: {app: web}\n  ports:\n  - {name: a, port: 80}\n  - {name: b, port: 80}\n"));
    // field.Duplicate(portPath, core.ServicePort{Protocol, Port}) rendered by json.Marshal (internal type: Go field names)
    assert!(has_error(&r, "spec.ports[1]: Duplicate value: {\"Name\":\"\",\"Protocol\":\"TCP\",\"AppProtocol\":null,\"Port\":80,\"TargetPort\":0,\"NodePort\":0}"), "{:?}", errors(&r));
    let r = run(&service("  selector: {app: web}\n  ports:\n  - {name: dns, port: 53, protocol: UDP}\n  - {name: dns-tcp, port: 53, protocol: TCP}\n"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
}

// validateServicePort: protocol must be SCTP/TCP/UDP (case-sensitive)
#[test]
fn validate_service_protocol_not_supported() {
    let r = run(&service("  selector: {app: web}\n  ports:\n  - port: 80\n    protocol: HTTP\n"));
    assert!(has_error(&r, "spec.ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\""), "{:?}", errors(&r));
}

// validateServicePort: a string targetPort must be an IANA_SVC_NAME (IsValidPortName)
#[test]
fn validate_service_named_target_port_syntax() {
    let r = run(&service("  selector: {app: web}\n  ports:\n  - port: 80\n    targetPort: \"8080\"\n"));
    assert!(has_error(&r, "spec.ports[0].targetPort: Invalid value: \"8080\": must contain at least one letter (a-z)"), "{:?}", errors(&r));
}

// ValidateServiceName = NameIsDNS1035Label: Service names start with a letter
#[test]
fn validate_service_name_dns1035() {
    let src = "apiVersion: v1\nkind: Service\nmetadata:\n  name: 1web\nspec:\n  ports: [{port: 80}]\n";
    let r = run(src);
    let e = errors(&r);
    assert!(e[0].starts_with("metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of"), "{e:?}");
    let d = &r.diagnostics[0];
    assert_eq!((d.line, d.column), (4, 9));
    // the name a Deployment takes: the error says why a Service's differs (learner6 d3)
    assert!(e[0].ends_with("regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"), "{e:?}");
    assert_eq!(d.hint.as_deref(), Some("a Service's name becomes a DNS label, <name>.<namespace>.svc, so it follows RFC 1035 and starts with a letter; Deployments, Pods and most other kinds take a DNS-1123 name, which may start with a digit"));
    // a name no kind takes (upper case): the error alone
    let e = errors(&run(&src.replace("1web", "Web")));
    assert!(!e[0].contains("RFC 1035"), "{e:?}");
}

// ValidateService: ports required unless headless or ExternalName
#[test]
fn validate_service_ports_required() {
    let r = run(&service("  selector: {app: web}\n"));
    assert!(has_error(&r, "spec.ports: Required value"));
    let r = run(&service("  clusterIP: None\n  selector: {app: web}\n"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
}

// ValidateService: nodePort forbidden on ClusterIP
#[test]
fn validate_service_node_port_forbidden_on_clusterip() {
    let r = run(&service("  selector: {app: web}\n  ports:\n  - port: 80\n    nodePort: 30080\n"));
    assert!(has_error(&r, "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"));
}

// ValidateService: type is NotSupported outside the four values (case-sensitive)
#[test]
fn validate_service_type_not_supported() {
    let r = run(&service("  type: Nodeport\n  selector: {app: web}\n  ports: [{port: 80}]\n"));
    assert!(has_error(&r, "spec.type: Unsupported value: \"Nodeport\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\""), "{:?}", errors(&r));
}

// ValidateService: clusterIP None with NodePort is invalid (spec.clusterIPs[0])
#[test]
fn validate_service_headless_nodeport() {
    let r = run(&service("  type: NodePort\n  clusterIP: None\n  selector: {app: web}\n  ports: [{port: 80}]\n"));
    assert!(has_error(&r, "spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services"), "{:?}", errors(&r));
}

// ValidateService: ExternalName needs a DNS-1123 subdomain externalName; clusterIP forbidden
#[test]
fn validate_service_external_name() {
    let r = run(&service("  type: ExternalName\n"));
    assert!(has_error(&r, "spec.externalName: Required value"));
    let r = run(&service("  type: ExternalName\n  externalName: My_DB.example.com\n"));
    assert!(errors(&r)[0].starts_with("spec.externalName: Invalid value: \"My_DB.example.com\": a lowercase RFC 1123 subdomain"), "{:?}", errors(&r));
    let r = run(&service("  type: ExternalName\n  externalName: db.example.com.\n  clusterIP: 10.96.0.50\n"));
    assert!(has_error(&r, "spec.clusterIPs: Forbidden: may not be set for ExternalName services"), "{:?}", errors(&r));
}

// validateServiceExternalTrafficPolicy: only for externally-accessible Services
#[test]
fn validate_service_external_traffic_policy_on_clusterip() {
    let r = run(&service("  externalTrafficPolicy: Local\n  selector: {app: web}\n  ports: [{port: 80}]\n"));
    assert!(has_error(&r, "spec.externalTrafficPolicy: Invalid value: \"Local\": may only be set for externally-accessible services"));
}

// validateClientIPAffinityConfig: timeoutSeconds 1..86400
#[test]
fn validate_client_ip_affinity_timeout() {
    let r = run(&service("  sessionAffinity: ClientIP\n  sessionAffinityConfig: {clientIP: {timeoutSeconds: 0}}\n  selector: {app: web}\n  ports: [{port: 80}]\n"));
    assert!(has_error(&r, "spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 0: must be greater than 0 and less than 86400"), "{:?}", errors(&r));
}

// ValidateService: LoadBalancer-only fields are Forbidden elsewhere (sic capital L path)
#[test]
fn validate_service_load_balancer_only_fields() {
    let r = run(&service("  loadBalancerSourceRanges: [10.0.0.0/8]\n  allocateLoadBalancerNodePorts: true\n  selector: {app: web}\n  ports: [{port: 80}]\n"));
    assert!(has_error(&r, "spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'"));
    assert!(has_error(&r, "spec.allocateLoadBalancerNodePorts: Forbidden: may only be used when `type` is 'LoadBalancer'"));
}

// ValidateService (validation.go as stored, 000f2605): each loadBalancerSourceRanges entry is
// checked with IsValidCIDR under spec.LoadBalancerSourceRanges[i] (older releases gave one error
// for the whole list: "must be a list of IP ranges")
#[test]
fn validate_load_balancer_source_ranges() {
    let r = run(&service("  type: LoadBalancer\n  loadBalancerSourceRanges: [10.0.0.0/8, office, 10.0.0.1/24]\n  selector: {app: web}\n  ports: [{port: 80}]\n"));
    assert_eq!(
        errors(&r),
        vec![
            "spec.LoadBalancerSourceRanges[1]: Invalid value: \"office\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)",
            "spec.LoadBalancerSourceRanges[2]: Invalid value: \"10.0.0.1/24\": must not have bits set beyond the prefix length",
        ]
    );
}

// ValidateLabels on spec.selector; a YAML 1.1 boolean is not a string (sigs.k8s.io/yaml → go-yaml v2)
#[test]
fn selector_values_must_be_strings() {
    let r = run(&service("  selector:\n    app: yes\n  ports: [{port: 80}]\n"));
    let d = r.diagnostics.iter().find(|d| d.field.as_deref() == Some("spec.selector.app")).expect("type error");
    assert_eq!(d.severity, Severity::Error);
    assert!(d.hint.as_deref().is_some_and(|h| h.contains("quote it: \"yes\"")), "{:?}", d.hint);
    assert_eq!((d.line, d.column), (7, 10));
}

// ---------------------------------------------------------------- allocation (alloc.go)

// allocClusterIPs: from the service CIDR, never .1 (kubernetes) — deterministic per name
#[test]
fn alloc_cluster_ip_in_range_and_stable() {
    let r1 = run(WEB);
    let r2 = run(WEB);
    let ip = svc(&r1, "web").cluster_ip.clone().unwrap();
    assert_eq!(Some(ip.clone()), svc(&r2, "web").cluster_ip);
    let cidr = config::Cidr::parse("10.96.0.0/12").unwrap();
    let addr: std::net::IpAddr = ip.parse().unwrap();
    assert!(cidr.contains(addr));
    assert_ne!(ip, "10.96.0.1");
}

// allocClusterIPs: an explicit IP outside the range → Invalid spec.clusterIPs, reported alone.
// With MultiCIDRServiceAllocator (GA in v1.33) no ServiceCIDR holds it: MetaAllocator.getAllocator
// returns ErrMismatchedNetwork (ipallocator/cidrallocator.go)
#[test]
fn alloc_cluster_ip_out_of_range_reported_alone() {
    let r = run(&service("  clusterIP: 10.0.0.5\n  selector: {app: web}\n  ports: [{port: 0}]\n"));
    assert_eq!(
        errors(&r),
        vec!["spec.clusterIPs: Invalid value: [\"10.0.0.5\"]: failed to allocate IP 10.0.0.5: the provided network does not match the current range"]
    );
    // which range this picture assumes: our hint, beside the API server's words (qa2 E1)
    let d = r.diagnostics.iter().find(|d| d.field.as_deref() == Some("spec.clusterIPs")).expect("range error");
    assert_eq!(d.hint.as_deref(), Some("this picture's Service range is 10.96.0.0/12, the kubeadm default; the CLI's --service-cidr sets your cluster's"));
}

// ipallocator: an IP already used by an earlier Service
#[test]
fn alloc_cluster_ip_already_allocated() {
    let src = "apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {clusterIP: 10.96.0.50, ports: [{port: 80}]}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: b}\nspec: {clusterIP: 10.96.0.50, ports: [{port: 80}]}\n";
    let r = run(src);
    assert_eq!(errors(&r), vec!["spec.clusterIPs: Invalid value: [\"10.96.0.50\"]: failed to allocate IP 10.96.0.50: provided IP is already allocated"]);
    assert!(!svc(&r, "a").rejected);
    assert!(svc(&r, "b").rejected);
}

// initNodePorts / portallocator: range check; allocation runs before ValidateService
#[test]
fn alloc_node_port_out_of_range() {
    let r = run(&service("  type: NodePort\n  selector: {app: web}\n  ports:\n  - port: 80\n    nodePort: 40000\n"));
    assert_eq!(errors(&r), vec!["spec.ports[0].nodePort: Invalid value: 40000: provided port is not in the valid range. The range of valid ports is 30000-32767"]);
}

// initNodePorts: a repeated nodePort inside one Service is "already allocated" on create (v1.22+)
#[test]
fn alloc_node_port_repeated_in_one_service() {
    let r = run(&service("  type: NodePort\n  selector: {app: web}\n  ports:\n  - {name: a, port: 80, nodePort: 30080}\n  - {name: b, port: 81, nodePort: 30080}\n"));
    assert_eq!(errors(&r), vec!["spec.ports[1].nodePort: Invalid value: 30080: provided port is already allocated"]);
}

// svcPortToNodePort: same port number, two protocols → one shared nodePort
#[test]
fn alloc_node_port_shared_by_same_port_number() {
    let r = run(&service("  type: NodePort\n  selector: {app: web}\n  ports:\n  - {name: dns, port: 53, protocol: UDP}\n  - {name: dns-tcp, port: 53, protocol: TCP}\n"));
    let s = svc(&r, "web");
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert!(s.ports[0].node_port.is_some());
    assert_eq!(s.ports[0].node_port, s.ports[1].node_port);
}

// configurable ranges: --service-node-port-range / --service-cluster-ip-range
#[test]
fn alloc_respects_configured_ranges() {
    let cfg = Config { node_port_range: (31000, 31010), service_cidr: config::Cidr::parse("172.20.0.0/16").unwrap(), ..Config::default() };
    let r = run_cfg(&service("  type: NodePort\n  selector: {app: web}\n  ports: [{port: 80}]\n"), cfg);
    let s = svc(&r, "web");
    let np = s.ports[0].node_port.unwrap();
    assert!((31000..=31010).contains(&np));
    assert!(s.cluster_ip.as_ref().unwrap().starts_with("172.20."));
}

// allocHealthCheckNodePort: LoadBalancer + externalTrafficPolicy Local
#[test]
fn alloc_health_check_node_port() {
    let r = run(&service("  type: LoadBalancer\n  externalTrafficPolicy: Local\n  selector: {app: web}\n  ports: [{port: 80}]\n"));
    assert!(svc(&r, "web").health_check_node_port.is_some());
}

// ---------------------------------------------------------------- endpoints and FindPort

// EndpointSlice controller: selector AND of all pairs, same namespace only (podLister.Pods(ns))
#[test]
fn endpoints_selector_and_namespace() {
    let src = format!("{}{PODS}\n---\napiVersion: v1\nkind: Pod\nmetadata: {{name: other, namespace: shop, labels: {{app: web}}}}\nspec: {{containers: [{{name: c, image: x}}]}}\n", service("  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n"));
    let r = run(&src);
    let s = svc(&r, "web");
    assert_eq!(s.endpoints.len(), 2);
    assert!(s.near_misses.iter().any(|m| m.pod == "other" && m.reason.contains("namespace shop")), "{:?}", s.near_misses);
}

// FindPort (pkg/api/v1/pod/util.go): a named targetPort resolves per pod
#[test]
fn find_port_named_target_port_differs_per_pod() {
    let r = run(&(service("  selector: {app: web}\n  ports: [{port: 80, targetPort: http}]\n") + PODS));
    let s = svc(&r, "web");
    let ports: Vec<i64> = s.endpoints.iter().map(|e| e.ports[0].port).collect();
    assert_eq!(ports, vec![8080, 9090]);
}

// FindPort matches name AND protocol; a pod without the name serves nothing on that port
#[test]
fn find_port_name_and_protocol() {
    let src = service("  selector: {app: web}\n  ports: [{port: 53, targetPort: dns, protocol: UDP}]\n")
        + "---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {app: web}}\nspec:\n  containers: [{name: c, image: x, ports: [{name: dns, containerPort: 5353}]}]\n";
    let r = run(&src);
    let s = svc(&r, "web");
    // the EndpointSlice reconciler still lists the pod, with no ports (reconcileByAddressType)
    assert!(s.endpoints.iter().all(|e| e.ports.is_empty()));
    assert!(r.diagnostics.iter().any(|d| d.code == "NamedPortUnresolved" && d.line == 7), "{:?}", r.diagnostics);
    assert_eq!(s.paths[0].outcome, "rejected");
}

// FindPort: a numeric targetPort is used even if the pod declares no containerPort
#[test]
fn find_port_numeric_needs_no_declaration() {
    let src = service("  selector: {app: web}\n  ports: [{port: 80, targetPort: 9999}]\n")
        + "---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {app: web}}\nspec: {containers: [{name: c, image: x}]}\n";
    let r = run(&src);
    assert_eq!(svc(&r, "web").endpoints[0].ports[0].port, 9999);
}

// podToEndpoint: serving = Ready condition; ready = publishNotReadyAddresses || (serving && !terminating)
#[test]
fn endpoint_conditions_ready_terminating_publish_not_ready() {
    let pods = "---\napiVersion: v1\nkind: Pod\nmetadata: {name: nr, labels: {app: web}}\nspec: {containers: [{name: c, image: x}]}\nstatus:\n  phase: Running\n  podIP: 10.244.1.9\n  conditions: [{type: Ready, status: \"False\"}]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: term, labels: {app: web}, deletionTimestamp: \"2026-01-01T00:00:00Z\"}\nspec: {containers: [{name: c, image: x}]}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: done, labels: {app: web}}\nspec: {containers: [{name: c, image: x}]}\nstatus: {phase: Succeeded, podIP: 10.244.1.10}\n";
    let r = run(&(service("  selector: {app: web}\n  ports: [{port: 80}]\n") + pods));
    let s = svc(&r, "web");
    let nr = s.endpoints.iter().find(|e| e.pod.as_deref() == Some("nr")).unwrap();
    assert!(!nr.ready && !nr.serving);
    let term = s.endpoints.iter().find(|e| e.pod.as_deref() == Some("term")).unwrap();
    assert!(term.terminating && term.serving && !term.ready);
    assert!(!s.endpoints.iter().any(|e| e.pod.as_deref() == Some("done")), "terminal pods are not endpoints");
    // only a terminating-but-serving endpoint is left: kube-proxy falls back to it (CategorizeEndpoints)
    assert_eq!(s.paths[0].outcome, "delivered");
    assert!(s.paths[0].hops.last().unwrap().explanation.contains("fallback"));
    let r = run(&(service("  publishNotReadyAddresses: true\n  selector: {app: web}\n  ports: [{port: 80}]\n") + pods));
    assert!(svc(&r, "web").endpoints.iter().all(|e| e.ready));
}

// ShouldPodBeInEndpoints: a pod with no IP (Pending) is not an endpoint
#[test]
fn pending_pod_without_ip_is_not_an_endpoint() {
    let src = service("  selector: {app: web}\n  ports: [{port: 80}]\n") + "---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {app: web}}\nspec: {containers: [{name: c, image: x}]}\nstatus: {phase: Pending}\n";
    let r = run(&src);
    assert!(svc(&r, "web").endpoints.is_empty());
    assert!(svc(&r, "web").near_misses[0].reason.contains("no pod IP"));
}

// E1: selectorless Services use manual Endpoints / EndpointSlices (kubernetes.io/service-name)
#[test]
fn selectorless_service_uses_manual_endpoints_and_slices() {
    let src = "apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec: {ports: [{name: pg, port: 5432}]}\n---\napiVersion: v1\nkind: Endpoints\nmetadata: {name: db}\nsubsets:\n- addresses: [{ip: 192.0.2.10}]\n  ports: [{name: pg, port: 5432}]\n---\napiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: db-x, labels: {kubernetes.io/service-name: db}}\naddressType: IPv4\nendpoints:\n- addresses: [192.0.2.11]\n  conditions: {ready: true}\nports: [{name: pg, port: 5432}]\n";
    let r = run(src);
    let s = svc(&r, "db");
    let ips: Vec<&str> = s.endpoints.iter().map(|e| e.ip.as_str()).collect();
    assert_eq!(ips, vec!["192.0.2.10", "192.0.2.11"]);
    assert_eq!(s.paths[0].outcome, "delivered");
}

// Workloads: the Service selects pods by template labels, never the Deployment's own labels
#[test]
fn service_selects_pod_template_labels_not_deployment_labels() {
    let src = service("  selector: {app: shop}\n  ports: [{port: 80}]\n")
        + "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: shop, labels: {app: shop}}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: shop-web}}\n  template:\n    metadata: {labels: {app: shop-web}}\n    spec: {containers: [{name: c, image: x}]}\n";
    let r = run(&src);
    let s = svc(&r, "web");
    assert!(s.endpoints.is_empty());
    let d = r.diagnostics.iter().find(|d| d.code == "NoPodsSelected").unwrap();
    assert!(d.message.contains("selector app=shop matches 0 pods"), "{}", d.message);
    assert!(d.message.contains("app=shop-web (wanted app=shop)"), "{}", d.message);
}

// apps validation: selector must match template labels
#[test]
fn deployment_selector_must_match_template() {
    let src = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: b}}\n    spec: {containers: [{name: c, image: x}]}\n";
    let r = run(src);
    assert!(has_error(&r, "spec.template.metadata.labels: Invalid value: {\"app\":\"b\"}: `selector` does not match template `labels`"), "{:?}", errors(&r));
    assert!(r.pods.is_empty());
}

// StatefulSet pods: <name>-0..N-1, hostname = pod name, subdomain = serviceName (updateIdentity)
#[test]
fn statefulset_headless_dns() {
    let src = "apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec:\n  clusterIP: None\n  selector: {app: db}\n  ports: [{name: pg, port: 5432}]\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  serviceName: db\n  replicas: 2\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec: {containers: [{name: pg, image: x, ports: [{containerPort: 5432}]}]}\n";
    let r = run(src);
    let s = svc(&r, "db");
    assert!(s.headless);
    assert_eq!(s.cluster_ip.as_deref(), Some("None"));
    assert!(s.dns.contains(&"db.default.svc.cluster.local".to_string()));
    assert!(s.dns.contains(&"db-0.db.default.svc.cluster.local".to_string()));
    assert!(s.dns.contains(&"db-1.db.default.svc.cluster.local".to_string()));
    assert!(s.dns.contains(&"_pg._tcp.db.default.svc.cluster.local".to_string()));
    let a: Vec<&str> = s.dns_records.iter().filter(|r| r.kind == "A" && r.name == "db.default.svc.cluster.local").map(|r| r.answer.as_str()).collect();
    assert_eq!(a.len(), 2);
    assert_eq!(s.paths[0].outcome, "delivered");
}

// DNS spec 2.4: headless with no ready endpoints → NXDOMAIN (dns empty)
#[test]
fn headless_without_ready_endpoints_is_nxdomain() {
    let r = run(&service("  clusterIP: None\n  selector: {app: nothing}\n  ports: [{port: 80}]\n"));
    let s = svc(&r, "web");
    assert!(s.dns.is_empty());
    assert_eq!(s.paths[0].outcome, "nxdomain");
}

// Headless: no port remapping for raw A lookups (T10)
#[test]
fn headless_does_not_remap_ports() {
    let r = run(&(service("  clusterIP: None\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n") + PODS));
    assert_eq!(svc(&r, "web").paths[0].outcome, "port-mismatch");
}

// DNS spec 2.3: A record → clusterIP; SRV only for named ports
#[test]
fn dns_clusterip_a_and_srv() {
    let r = run(&service("  selector: {app: web}\n  ports:\n  - {name: http, port: 80}\n  - {name: metrics, port: 9100}\n"));
    let s = svc(&r, "web");
    assert_eq!(s.dns[0], "web.default.svc.cluster.local");
    assert!(s.dns.contains(&"_http._tcp.web.default.svc.cluster.local".to_string()));
    let r = run_cfg(WEB, Config { cluster_domain: "corp.internal".into(), ..Config::default() });
    // (the endpoints' own names, which CoreDNS answers too, are not listed: dnsquery asks them)
    assert_eq!(svc(&r, "web").dns, vec!["web.default.svc.corp.internal".to_string()]);
}

// DNS spec 2.5: ExternalName → CNAME only; no clusterIP, no endpoints
#[test]
fn external_name_is_a_cname() {
    let r = run(&service("  type: ExternalName\n  externalName: db.example.com\n"));
    let s = svc(&r, "web");
    assert_eq!(s.cluster_ip, None);
    assert_eq!(s.dns_records[0].kind, "CNAME");
    assert_eq!(s.dns_records[0].answer, "db.example.com");
    assert_eq!(s.paths[0].outcome, "external");
}

// ---------------------------------------------------------------- traffic paths (kube-proxy)

// proxier.go: clusterIP DNAT to podIP:targetPort on the client's node
#[test]
fn path_clusterip_dnat_to_target_port() {
    let r = run(WEB);
    let s = svc(&r, "web");
    let p = s.paths.iter().find(|p| p.entry == "pod").unwrap();
    assert_eq!(p.outcome, "delivered");
    let last = p.hops.last().unwrap();
    assert_eq!(last.dst, format!("{}:80", s.cluster_ip.as_ref().unwrap()));
    assert!(last.rewritten.as_ref().unwrap().ends_with(":8080"));
    assert_eq!(last.from, "kube-proxy:node-1");
    assert_eq!(p.backends.len(), 3);
    let outside = s.paths.iter().find(|p| p.entry == "outside").unwrap();
    assert_eq!(outside.outcome, "dropped");
}

// proxier.go KUBE-NODEPORTS: every node opens the nodePort; ETP Local drops on nodes without a local endpoint
#[test]
fn path_nodeport_every_node_and_local_policy() {
    let one_pod = "---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {app: web}}\nspec: {nodeName: node-2, containers: [{name: c, image: x}]}\n";
    let r = run(&(service("  type: NodePort\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080, nodePort: 30080}]\n") + one_pod));
    let np: Vec<_> = svc(&r, "web").paths.iter().filter(|p| p.entry == "nodeport").collect();
    assert_eq!(np.len(), 3);
    assert!(np.iter().all(|p| p.outcome == "delivered"));
    assert_eq!(np[0].hops[0].dst, "192.168.49.2:30080");
    assert!(np[0].hops.last().unwrap().explanation.contains("SNAT"));
    let r = run(&(service("  type: NodePort\n  externalTrafficPolicy: Local\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080, nodePort: 30080}]\n") + one_pod));
    let outcomes: Vec<&str> = svc(&r, "web").paths.iter().filter(|p| p.entry == "nodeport").map(|p| p.outcome.as_str()).collect();
    assert_eq!(outcomes, vec!["dropped", "delivered", "dropped"]);
}

// LoadBalancer without a cloud controller stays pending; with one it goes LB → node:nodePort → pod
#[test]
fn path_load_balancer_pending_and_cloud() {
    let src = service("  type: LoadBalancer\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n") + PODS;
    let r = run(&src);
    let s = svc(&r, "web");
    assert_eq!(s.load_balancer, service::LoadBalancer::Pending);
    assert!(s.paths.iter().any(|p| p.entry == "loadbalancer" && p.outcome == "pending"));
    assert!(s.paths.iter().any(|p| p.entry == "nodeport" && p.outcome == "delivered"));
    let r = run_cfg(&src, Config { cloud: true, ..Config::default() });
    let s = svc(&r, "web");
    let service::LoadBalancer::Ready { ingress, .. } = &s.load_balancer else { panic!("{:?}", s.load_balancer) };
    assert!(ingress[0].starts_with("203.0.113."));
    let p = s.paths.iter().find(|p| p.entry == "loadbalancer").unwrap();
    assert_eq!(p.outcome, "delivered");
    assert_eq!(p.hops[1].kind, "forward");
    assert!(p.hops[1].dst.ends_with(&format!(":{}", s.ports[0].node_port.unwrap())));
}

// No endpoints: kube-proxy REJECTs, and the path names the nearest miss
#[test]
fn path_no_endpoints_names_nearest_miss() {
    let src = service("  selector: {app: web}\n  ports: [{port: 80}]\n")
        + "---\napiVersion: v1\nkind: Pod\nmetadata: {name: v2, labels: {app: web-v2}}\nspec: {containers: [{name: c, image: x}]}\n";
    let r = run(&src);
    let p = &svc(&r, "web").paths[0];
    assert_eq!(p.outcome, "rejected");
    assert!(p.reason.contains("selector app=web matches 0 pods in namespace default"), "{}", p.reason);
    assert!(p.reason.contains("v2: app=web-v2 (wanted app=web)"), "{}", p.reason);
}

// internalTrafficPolicy Local: no local endpoint → dropped, no fallback
#[test]
fn path_internal_traffic_policy_local() {
    let src = service("  internalTrafficPolicy: Local\n  selector: {app: web}\n  ports: [{port: 80}]\n")
        + "---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {app: web}}\nspec: {nodeName: node-3, containers: [{name: c, image: x}]}\n";
    let r = run(&src);
    assert_eq!(svc(&r, "web").paths[0].outcome, "dropped");
}

// ---------------------------------------------------------------- input handling

// kubectl unpacks kind: List; every item is its own object with positions in the same text
#[test]
fn kind_list_is_unpacked() {
    let src = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata: {name: a}\n  spec: {ports: [{port: 0}]}\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: c}\n";
    let r = run(src);
    assert_eq!(r.services.len(), 1);
    let d = r.diagnostics.iter().find(|d| d.field.as_deref() == Some("spec.ports[0].port")).unwrap();
    assert_eq!(d.line, 7);
    assert!(r.diagnostics.iter().any(|d| d.code == "IgnoredKind" && d.severity == Severity::Info && d.line == 8));
}

#[test]
fn missing_kind_and_a_broken_document_each_stop_the_stream() {
    let src = format!("metadata: {{name: x}}\n---\nkey: [1, 2\n---\n{WEB}");
    let r = run(&src);
    assert!(r.diagnostics.iter().any(|d| d.code == "MissingKind" && d.line == 1));
    // k8s.io/cli-runtime pkg/resource/visitor.go StreamVisitor.Visit: kubectl's validation
    // refuses the first document and reads no further, so the broken one is never met
    // (corpfix13; before, the broken one was reported and stopped the stream: streamfix)
    assert!(!r.diagnostics.iter().any(|d| d.code == "YAMLSyntax"));
    assert_eq!(r.services.len(), 0);
    let r = run(&format!("{WEB}---\nmetadata: {{name: x}}\n---\nkey: [1, 2\n"));
    assert!(r.diagnostics.iter().any(|d| d.code == "MissingKind"));
    assert!(!r.diagnostics.iter().any(|d| d.code == "YAMLSyntax"));
    // the documents before it are sent
    assert_eq!(svc(&r, "web").endpoints.len(), 3);
    let r = run(&format!("key: [1, 2\n---\n{WEB}"));
    assert!(r.diagnostics.iter().any(|d| d.code == "YAMLSyntax"));
    assert_eq!(r.services.len(), 0);
}

#[test]
fn wrong_types_are_field_errors_not_panics() {
    // the decoder reports its first type error only (sigs.k8s.io/json saveError)
    let r = run(&service("  ports: 80\n  selector: [app]\n"));
    let mismatches: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "TypeMismatch").collect();
    assert_eq!(mismatches.len(), 1, "{mismatches:?}");
    assert_eq!(mismatches[0].field.as_deref(), Some("spec.ports"));
    let r = run(&service("  selector: [app]\n"));
    assert!(r.diagnostics.iter().any(|d| d.field.as_deref() == Some("spec.selector") && d.code == "TypeMismatch"));
    for junk in ["\u{0}\u{1}\u{2}", "- - - -", "kind: [", "{{{{", "kind: Service\nspec: {ports: [{port: 99999999999999999999}]}", ": : :", "\t\tkind: Pod"] {
        let _ = run(junk);
    }
}

#[test]
fn report_json_has_the_contract_fields() {
    let r = run(WEB);
    let v: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
    assert_eq!(v["version"], 1);
    let s = &v["services"][0];
    for k in ["name", "namespace", "type", "headless", "clusterIP", "externalName", "dns", "ports", "endpoints", "paths"] {
        assert!(s.get(k).is_some(), "missing {k}");
    }
    assert_eq!(s["ports"][0]["targetPort"], 8080);
    assert_eq!(s["ports"][0]["nodePort"], serde_json::Value::Null);
    assert_eq!(s["ports"][0]["name"], serde_json::Value::Null);
    let e = &s["endpoints"][0];
    for k in ["pod", "namespace", "ip", "node", "ready", "ports"] {
        assert!(e.get(k).is_some(), "missing endpoint {k}");
    }
}

// ---------------------------------------------------------------- presets: each teaches one thing

fn preset(id: &str) -> Report {
    let p = presets::find(id).unwrap();
    run_cfg(p.yaml, Config { cloud: p.cloud, ..Config::default() })
}
fn path<'a>(r: &'a Report, entry: &str) -> &'a paths::Path {
    r.services[0].paths.iter().find(|p| p.entry == entry).unwrap_or_else(|| panic!("no {entry} path"))
}

#[test]
fn presets_parse_without_errors_and_show_their_point() {
    for p in presets::ALL {
        let r = preset(p.id);
        // the field-typo scene is refused on purpose (strict decoding), everything else is accepted
        if p.id == "broken-field-typo" {
            assert_eq!(errors(&r), vec!["Service in version \"v1\" cannot be handled as a Service: strict decoding error: unknown field \"spec.selectr\""]);
            continue;
        }
        // (and the two unnamed ports: validateServicePort's Required name, learnfix16)
        if p.id == "broken-multiport-names" {
            assert_eq!(errors(&r), vec!["spec.ports[0].name: Required value", "spec.ports[1].name: Required value"]);
            continue;
        }
        assert!(errors(&r).is_empty(), "{}: {:?}", p.id, errors(&r));
        assert!(r.services.iter().any(|s| s.name == p.service), "{}", p.id);
        assert!(r.services[0].paths.iter().any(|x| x.entry == p.entry), "{} has no {} path", p.id, p.entry);
    }
    assert_eq!(path(&preset("web-clusterip"), "pod").outcome, "delivered");
    assert_eq!(path(&preset("web-clusterip"), "outside").outcome, "dropped");
    assert_eq!(path(&preset("web-nodeport"), "nodeport").hops[0].dst, "192.168.49.2:30080");
    assert_eq!(path(&preset("web-loadbalancer"), "loadbalancer").outcome, "delivered");
    assert_eq!(path(&preset("broken-lb-pending"), "loadbalancer").outcome, "pending");
    assert_eq!(path(&preset("web-externalname"), "pod").outcome, "external");
    assert_eq!(path(&preset("broken-selector-typo"), "pod").outcome, "rejected");
    assert_eq!(path(&preset("broken-targetport"), "pod").outcome, "rejected");
    assert_eq!(path(&preset("broken-not-ready"), "pod").outcome, "rejected");
    assert_eq!(path(&preset("broken-namespace"), "pod").outcome, "rejected");
    assert!(path(&preset("broken-namespace"), "pod").reason.contains("namespace shop"));
    let named = preset("named-targetport");
    let mut ports: Vec<i64> = named.services[0].endpoints.iter().map(|e| e.ports[0].port).collect();
    ports.sort();
    assert_eq!(ports, vec![8080, 8080, 9090]);
    assert_eq!(path(&preset("deployment-labels"), "pod").outcome, "rejected");
    assert!(path(&preset("deployment-labels"), "pod").reason.contains("app=shop-web (wanted app=shop)"));
    assert!(path(&preset("session-affinity"), "pod").hops.last().unwrap().explanation.contains("sticks this client"));
    let local = preset("nodeport-local");
    let outcomes: Vec<&str> = local.services[0].paths.iter().filter(|p| p.entry == "nodeport").map(|p| p.outcome.as_str()).collect();
    assert_eq!(outcomes.iter().filter(|o| **o == "delivered").count(), 1);
    assert_eq!(outcomes.iter().filter(|o| **o == "dropped").count(), 2);
}

// a pod with status.podIP and no nodeName sits on the node whose podCIDR holds that IP
#[test]
fn pod_ip_places_pod_on_its_node() {
    let r = preset("broken-not-ready");
    let nodes: Vec<&str> = r.pods.iter().map(|p| p.node.as_deref().unwrap()).collect();
    assert_eq!(nodes, vec!["node-2", "node-3"]);
}

// ValidatePod (ValidateObjectMeta + validateContainerPorts): an invalid pod is refused, so it
// never becomes an endpoint
#[test]
fn validate_pod_labels_and_container_ports() {
    let src = service("  selector: {app: web}\n  ports: [{port: 80, targetPort: http}]\n")
        + "---\napiVersion: v1\nkind: Pod\nmetadata: {name: bad, labels: {app: web, tier: '<b>'}}\nspec: {containers: [{name: c, image: x, ports: [{name: http, containerPort: 8080}]}]}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: worse, labels: {app: web}}\nspec:\n  containers:\n  - name: c\n    image: x\n    ports:\n    - {name: http, containerPort: 70000}\n    - {name: HTTP_ALT, containerPort: 8081}\n";
    let r = run(&src);
    let e = errors(&r);
    assert!(e.iter().any(|m| m.starts_with("metadata.labels: Invalid value: \"<b>\": a valid label must be")), "{e:?}");
    assert!(e.contains(&"spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive".to_string()), "{e:?}");
    assert!(e.iter().any(|m| m.starts_with("spec.containers[0].ports[1].name: Invalid value: \"HTTP_ALT\"")), "{e:?}");
    assert!(r.pods.is_empty());
    assert!(svc(&r, "web").endpoints.is_empty());
}

// ---------------------------------------------------------------- robustness (a cheap, deterministic fuzz)

/// Every preset, mutated 400 ways (bytes deleted, duplicated, swapped for YAML punctuation):
/// `analyze` never panics, is deterministic, and every diagnostic points inside the text.
#[test]
fn mutated_inputs_never_panic_and_positions_stay_inside_the_text() {
    let mut seed: u64 = 0x5eed;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    const NOISE: &[&str] = &[":", "-", " ", "\n", "{", "}", "[", "]", "&a", "*a", "\"", "'", "#", "---\n", "\t", "0", "yes", "~", "|", ">", "!!str "];
    for p in presets::ALL {
        for _ in 0..400 / presets::ALL.len() + 1 {
            let mut s = p.yaml.to_string();
            for _ in 0..(next() % 6 + 1) {
                let mut at = (next() as usize) % (s.len() + 1);
                while !s.is_char_boundary(at) {
                    at -= 1;
                }
                match next() % 3 {
                    0 => {
                        let mut end = (at + (next() % 12) as usize).min(s.len());
                        while !s.is_char_boundary(end) {
                            end -= 1;
                        }
                        s.replace_range(at..end, "");
                    }
                    1 => s.insert_str(at, NOISE[(next() as usize) % NOISE.len()]),
                    _ => {
                        let mut end = (at + (next() % 40) as usize).min(s.len());
                        while !s.is_char_boundary(end) {
                            end -= 1;
                        }
                        let piece = s[at..end].to_string();
                        s.insert_str(at, &piece);
                    }
                }
            }
            let r1 = run(&s);
            let r2 = run(&s);
            assert_eq!(r1, r2, "not deterministic for {s:?}");
            let lines = s.split('\n').count() as u32;
            for d in r1.diagnostics.iter() {
                assert!(d.line >= 1 && d.line <= lines + 1, "line {} of {lines} in {s:?}: {}", d.line, d.message);
                assert!(d.column >= 1, "{d:?}");
            }
            let _ = layout::layout(&r1, Some(0), 700.0);
            let _ = r1.to_text();
        }
    }
}

// NamespaceLifecycle admission: a namespace must exist; we assume it and say so once
#[test]
fn undeclared_namespace_is_noted_once() {
    let r = preset("broken-namespace");
    let notes: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "NamespaceAssumed").collect();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].severity, Severity::Info);
    assert!(notes[0].message.contains("namespaces \"shop\" not found"));
    let src = format!("apiVersion: v1\nkind: Namespace\nmetadata: {{name: shop}}\n---\n{}", presets::find("broken-namespace").unwrap().yaml);
    assert!(!run(&src).diagnostics.iter().any(|d| d.code == "NamespaceAssumed"));
}

// Config::flip_ready plays a failing readiness probe: the pod stays Running, its endpoint turns
// not ready (serving=false), kube-proxy stops sending to it (podToEndpoint, CategorizeEndpoints)
#[test]
fn flipping_readiness_moves_an_endpoint_out_and_back() {
    let r = run(WEB);
    let pod = r.pods[0].name.clone();
    let cfg = Config { flip_ready: vec![format!("default/{pod}")], ..Config::default() };
    let r2 = run_cfg(WEB, cfg);
    let s = svc(&r2, "web");
    let e = s.endpoints.iter().find(|e| e.pod.as_deref() == Some(pod.as_str())).unwrap();
    assert!(!e.ready && !e.serving);
    assert!(r2.pods[0].ready_flipped && r2.pods[0].phase == "Running");
    let p = s.paths.iter().find(|p| p.entry == "pod").unwrap();
    assert_eq!(p.backends.len(), 2);
    assert!(!p.backends.iter().any(|b| b.pod.as_deref() == Some(pod.as_str())));
}

// proxier.go: externalIPs get a KUBE-SERVICES rule → KUBE-EXT-* on the node the network routes
// them to; a ClusterIP Service with externalIPs is reachable from outside that way (T8)
#[test]
fn path_external_ip() {
    let r = run(&(service("  externalIPs: [192.0.2.50]\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n") + PODS));
    let s = svc(&r, "web");
    assert_eq!(s.external_traffic_policy.as_deref(), Some("Cluster"));
    assert!(!s.paths.iter().any(|p| p.entry == "outside"), "not 'internal only' any more");
    let p = s.paths.iter().find(|p| p.entry == "externalip").unwrap();
    assert_eq!(p.outcome, "delivered");
    assert_eq!(p.hops[0].dst, "192.0.2.50:80");
    assert!(p.hops.last().unwrap().rewritten.as_ref().unwrap().ends_with(":8080"));
}

// Nodes come from Node objects when given (status.addresses InternalIP, spec.podCIDR);
// spec.nodeName places a pod; a DaemonSet runs one pod per node; an unknown nodeName never starts
#[test]
fn node_objects_node_name_and_daemonset() {
    let src = "apiVersion: v1\nkind: Node\nmetadata: {name: worker-a}\nspec: {podCIDR: 10.200.1.0/24}\nstatus: {addresses: [{type: InternalIP, address: 172.18.0.2}]}\n---\napiVersion: v1\nkind: Node\nmetadata: {name: worker-b}\nspec: {podCIDR: 10.200.2.0/24}\nstatus: {addresses: [{type: InternalIP, address: 172.18.0.3}]}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: pinned, labels: {app: x}}\nspec: {nodeName: worker-b, containers: [{name: c, image: x}]}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: lost, labels: {app: x}}\nspec: {nodeName: worker-z, containers: [{name: c, image: x}]}\n---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: agent}}\n    spec: {containers: [{name: c, image: x}]}\n";
    let r = run(src);
    let names: Vec<(&str, &str)> = r.nodes.iter().map(|n| (n.name.as_str(), n.ip.as_str())).collect();
    assert_eq!(names, vec![("worker-a", "172.18.0.2"), ("worker-b", "172.18.0.3")]);
    let pinned = r.pods.iter().find(|p| p.name == "pinned").unwrap();
    assert_eq!(pinned.node.as_deref(), Some("worker-b"));
    assert!(pinned.ip.as_deref().unwrap().starts_with("10.200.2."));
    let lost = r.pods.iter().find(|p| p.name == "lost").unwrap();
    assert_eq!((lost.node.as_deref(), lost.ip.as_deref(), lost.phase.as_str()), (None, None, "Pending"));
    assert!(r.diagnostics.iter().any(|d| d.code == "NodeNotFound" && d.message.contains("worker-z")));
    let agents: Vec<&str> = r.pods.iter().filter(|p| p.name.starts_with("agent-")).map(|p| p.node.as_deref().unwrap()).collect();
    assert_eq!(agents, vec!["worker-a", "worker-b"]);
}

// A `kubectl get all -o yaml` dump: the Pods are there already, so the ReplicaSet and the
// Deployment that own them (metadata.ownerReferences) are not expanded again; the nodes are the
// ones the pods name. An unquoted 6e068097 is a YAML float: that pod is refused, with the line.
#[test]
fn kubectl_dump_uses_its_own_pods_and_nodes() {
    let r = run(include_str!("../../tests/fixtures/kubectl-get-all.yaml"));
    let pods: Vec<&str> = r.pods.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(pods, vec!["web-6e068097-q9wzt"], "the quoted one only; nothing synthesised");
    let d = r.diagnostics.iter().find(|d| d.field.as_deref() == Some("metadata.labels.pod-template-hash")).expect("type error");
    assert_eq!((d.line, d.severity), (8, Severity::Error));
    assert!(d.hint.as_deref().is_some_and(|h| h.contains("quote it: \"6e068097\"")), "{:?}", d.hint);
    let nodes: Vec<&str> = r.nodes.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(nodes, vec!["minikube"]);
    let web = svc(&r, "web");
    assert_eq!(web.cluster_ip.as_deref(), Some("10.103.44.12"));
    assert_eq!(web.endpoints.iter().map(|e| e.ip.as_str()).collect::<Vec<_>>(), vec!["10.244.0.6"]);
    // default/kubernetes keeps the address reserved for it (10.96.0.1); nobody else may take it
    let k = svc(&r, "kubernetes");
    assert_eq!((k.rejected, k.cluster_ip.as_deref()), (false, Some("10.96.0.1")));
    let r = run(&service("  clusterIP: 10.96.0.1\n  ports: [{port: 80}]\n"));
    assert!(errors(&r)[0].ends_with("failed to allocate IP 10.96.0.1: provided IP is already allocated"), "{:?}", errors(&r));
}

// ---------------------------------------------------------------- scheduling (issue #8 item 3)

/// A kubeadm cluster as `kubectl get nodes -o yaml` shows it: a control-plane node with
/// kubeadm's `node-role.kubernetes.io/control-plane:NoSchedule` taint and two workers.
fn kubeadm_nodes(worker2_ready: &str, worker2_extra_spec: &str) -> String {
    format!(
        "apiVersion: v1
kind: Node
metadata:
  name: cp
  labels: {{kubernetes.io/hostname: cp, node-role.kubernetes.io/control-plane: \"\"}}
spec:
  podCIDR: 10.244.0.0/24
  taints:
  - {{effect: NoSchedule, key: node-role.kubernetes.io/control-plane}}
status:
  addresses: [{{type: InternalIP, address: 172.18.0.2}}]
  conditions: [{{type: Ready, status: \"True\"}}]
---
apiVersion: v1
kind: Node
metadata:
  name: worker-1
  labels: {{kubernetes.io/hostname: worker-1, disktype: ssd, gpu-count: \"4\"}}
spec: {{podCIDR: 10.244.1.0/24}}
status:
  addresses: [{{type: InternalIP, address: 172.18.0.3}}]
  conditions: [{{type: Ready, status: \"True\"}}]
---
apiVersion: v1
kind: Node
metadata:
  name: worker-2
  labels: {{kubernetes.io/hostname: worker-2, disktype: hdd}}
spec: {{podCIDR: 10.244.2.0/24{worker2_extra_spec}}}
status:
  addresses: [{{type: InternalIP, address: 172.18.0.4}}]
  conditions: [{{type: Ready, status: \"{worker2_ready}\"}}]
"
    )
}

pub(super) fn deployment(name: &str, replicas: u32, pod_spec_extra: &str) -> String {
    format!(
        "---
apiVersion: apps/v1
kind: Deployment
metadata: {{name: {name}}}
spec:
  replicas: {replicas}
  selector: {{matchLabels: {{app: {name}}}}}
  template:
    metadata: {{labels: {{app: {name}}}}}
    spec:
{pod_spec_extra}      containers:
      - name: c
        image: x
        ports: [{{containerPort: 8080}}]
"
    )
}

fn nodes_of<'a>(r: &'a Report, prefix: &str) -> Vec<Option<&'a str>> {
    r.pods.iter().filter(|p| p.name.starts_with(prefix)).map(|p| p.node.as_deref()).collect()
}

// TaintToleration.Filter (pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go):
// kubeadm's control-plane NoSchedule taint keeps a Deployment's pods off the control plane
#[test]
fn tainttoleration_filter_control_plane_noschedule() {
    let r = run(&(kubeadm_nodes("True", "") + &deployment("web", 4, "")));
    let nodes = nodes_of(&r, "web-");
    assert_eq!(nodes.len(), 4);
    assert!(nodes.iter().all(|n| matches!(n, Some("worker-1") | Some("worker-2"))), "{nodes:?}");
    assert!(r.pods.iter().all(|p| p.ip.is_some() && p.pending_reason.is_none()));
    let cp = r.nodes.iter().find(|n| n.name == "cp").unwrap();
    assert_eq!(cp.taints.len(), 1);
    assert!(r.diagnostics.iter().all(|d| d.code != "FailedScheduling"));
}

// ToleratesTaint (staging/src/k8s.io/api/core/v1/toleration.go): empty effect matches every
// effect, empty key + Exists matches every key, Equal compares values, Lt/Gt (alpha) nothing
#[test]
fn tolerates_taint_matching_rules() {
    use super::cluster::tolerates;
    use super::model::{Taint, Toleration};
    let taint = Taint { key: "dedicated".into(), value: "db".into(), effect: "NoSchedule".into() };
    let tol = |key: &str, op: &str, value: &str, effect: &str| Toleration { key: key.into(), operator: op.into(), value: value.into(), effect: effect.into(), toleration_seconds: None };
    assert!(tolerates(&tol("dedicated", "Equal", "db", "NoSchedule"), &taint));
    assert!(tolerates(&tol("dedicated", "", "db", ""), &taint), "empty operator is Equal, empty effect any");
    assert!(!tolerates(&tol("dedicated", "Equal", "web", "NoSchedule"), &taint));
    assert!(tolerates(&tol("dedicated", "Exists", "", "NoSchedule"), &taint));
    assert!(tolerates(&tol("", "Exists", "", ""), &taint), "tolerate everything");
    assert!(!tolerates(&tol("dedicated", "Exists", "", "NoExecute"), &taint));
    assert!(!tolerates(&tol("dedicated", "Gt", "1", "NoSchedule"), &taint));
}

// A pod that tolerates the control-plane taint and selects the control-plane role lands there
// (TaintToleration + NodeAffinity filters both pass only on cp)
#[test]
fn tainttoleration_filter_tolerated_control_plane() {
    let extra = "      tolerations: [{key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}]\n      nodeSelector: {node-role.kubernetes.io/control-plane: \"\"}\n";
    let r = run(&(kubeadm_nodes("True", "") + &deployment("etcd-backup", 2, extra)));
    assert_eq!(nodes_of(&r, "etcd-backup-"), vec![Some("cp"), Some("cp")]);
}

// FitError.Error (pkg/scheduler/framework/types.go) + DefaultPreemption's PostFilter message:
// nothing fits → the pod stays Pending, no IP, the scheduler's own sentence; histogram sorted
#[test]
fn fit_error_message_when_no_node_fits() {
    let src = kubeadm_nodes("True", "")
        + &deployment("web", 2, "      nodeSelector: {disktype: nvme}\n")
        + "---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n";
    let r = run(&src);
    let want = "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";
    let pods: Vec<_> = r.pods.iter().filter(|p| p.name.starts_with("web-")).collect();
    assert_eq!(pods.len(), 2);
    for p in &pods {
        assert_eq!((p.node.as_deref(), p.ip.as_deref(), p.phase.as_str(), p.ready), (None, None, "Pending", false));
        assert_eq!(p.pending_reason.as_deref(), Some(want));
    }
    let d = r.diagnostics.iter().find(|d| d.code == "FailedScheduling").expect("FailedScheduling note");
    assert!(d.message.ends_with(want) && d.message.starts_with("2 pods ("), "{}", d.message);
    assert!(svc(&r, "web").endpoints.is_empty());
    let json = r.to_json();
    assert!(json.contains("\"pendingReason\": \"0/3 nodes are available:"), "the report carries the reason");
}

// NodeAffinity.Filter: spec.nodeSelector must match the node's labels
#[test]
fn nodeaffinity_filter_node_selector() {
    let r = run(&(kubeadm_nodes("True", "") + &deployment("db", 3, "      nodeSelector: {disktype: ssd}\n")));
    assert_eq!(nodes_of(&r, "db-"), vec![Some("worker-1"); 3]);
}

// nodeaffinity.go (component-helpers) nodeSelectorRequirementsAsSelector: In / NotIn / Exists /
// DoesNotExist / Gt / Lt; terms are ORed, requirements ANDed; an empty term matches nothing
#[test]
fn nodeaffinity_required_node_selector_terms() {
    let aff = |terms: &str| {
        format!("      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n{terms}")
    };
    let cases = [
        ("            - matchExpressions: [{key: disktype, operator: In, values: [hdd, nvme]}]\n", vec![Some("worker-2")]),
        ("            - matchExpressions: [{key: disktype, operator: NotIn, values: [hdd]}]\n", vec![Some("worker-1")]),
        ("            - matchExpressions: [{key: gpu-count, operator: Gt, values: [\"2\"]}]\n", vec![Some("worker-1")]),
        ("            - matchExpressions: [{key: gpu-count, operator: Lt, values: [\"2\"]}]\n", vec![None]),
        ("            - matchExpressions: [{key: gpu-count, operator: DoesNotExist}]\n", vec![Some("worker-2")]),
        ("            - matchExpressions: [{key: disktype, operator: Exists}, {key: disktype, operator: In, values: [ssd]}]\n", vec![Some("worker-1")]),
        ("            - matchExpressions: [{key: disktype, operator: In, values: [nvme]}]\n            - matchExpressions: [{key: disktype, operator: In, values: [hdd]}]\n", vec![Some("worker-2")]),
        ("            - {}\n", vec![None]),
    ];
    for (terms, want) in cases {
        let r = run(&(kubeadm_nodes("True", "") + &deployment("app", 1, &aff(terms))));
        assert_eq!(nodes_of(&r, "app-"), want, "{terms}");
    }
}

// NodeAffinity.PreFilter: matchFields metadata.name In narrows the nodes the Filter sees; the
// others read "node(s) didn't satisfy plugin(s) [NodeAffinity]" (schedule_one.go)
#[test]
fn nodeaffinity_prefilter_match_fields_metadata_name() {
    let aff = |node: &str| {
        format!("      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n            - matchFields: [{{key: metadata.name, operator: In, values: [{node}]}}]\n")
    };
    let r = run(&(kubeadm_nodes("True", "") + &deployment("pin", 2, &aff("worker-2"))));
    assert_eq!(nodes_of(&r, "pin-"), vec![Some("worker-2"), Some("worker-2")]);
    let r = run(&(kubeadm_nodes("True", "") + &deployment("pin", 1, &aff("cp"))));
    let p = r.pods.iter().find(|p| p.name.starts_with("pin-")).unwrap();
    assert_eq!(
        p.pending_reason.as_deref(),
        Some("0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.")
    );
}

// PreferNoSchedule taints only score (countIntolerableTaintsPreferNoSchedule), never filter
#[test]
fn tainttoleration_prefer_no_schedule_does_not_filter() {
    let r = run(&(kubeadm_nodes("True", ", taints: [{key: spot, value: \"true\", effect: PreferNoSchedule}]") + &deployment("web", 2, "      nodeSelector: {disktype: hdd}\n")));
    assert_eq!(nodes_of(&r, "web-"), vec![Some("worker-2"), Some("worker-2")]);
}

// NodeUnschedulable.Filter (nodeunschedulable/node_unschedulable.go): a cordoned node takes no
// new pods, unless the pod tolerates node.kubernetes.io/unschedulable:NoSchedule. The histogram
// is sorted as strings (sort.Strings in FitError.Error), so "didn't" comes before "had".
#[test]
fn nodeunschedulable_filter_cordoned_node() {
    let sel = "      nodeSelector: {disktype: hdd}\n";
    let r = run(&(kubeadm_nodes("True", ",\n  unschedulable: true") + &deployment("web", 1, sel)));
    let p = r.pods.iter().find(|p| p.name.starts_with("web-")).unwrap();
    assert_eq!(
        p.pending_reason.as_deref(),
        Some("0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint(s), 1 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.")
    );
    let w2 = r.nodes.iter().find(|n| n.name == "worker-2").unwrap();
    assert!(w2.unschedulable && w2.taints.iter().any(|t| t.key == "node.kubernetes.io/unschedulable" && t.effect == "NoSchedule"));
    let tol = "      tolerations: [{key: node.kubernetes.io/unschedulable, operator: Exists, effect: NoSchedule}]\n";
    let r = run(&(kubeadm_nodes("True", ",\n  unschedulable: true") + &deployment("web", 1, &format!("{sel}{tol}"))));
    assert_eq!(nodes_of(&r, "web-"), vec![Some("worker-2")]);
}

// node_lifecycle_controller.go: Ready=False → not-ready NoSchedule + NoExecute taints (no new
// pods there); MarkPodsNotReady → a pod already bound there is not Ready, so not a ready endpoint
#[test]
fn node_lifecycle_not_ready_taints_and_mark_pods_not_ready() {
    let src = kubeadm_nodes("False", "")
        + &deployment("web", 3, "")
        + "---\napiVersion: v1\nkind: Pod\nmetadata: {name: old, labels: {app: web}}\nspec: {nodeName: worker-2, containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]}\n"
        + "---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n";
    let r = run(&src);
    assert_eq!(nodes_of(&r, "web-"), vec![Some("worker-1"); 3]);
    let w2 = r.nodes.iter().find(|n| n.name == "worker-2").unwrap();
    assert!(!w2.ready);
    let keys: Vec<(&str, &str)> = w2.taints.iter().map(|t| (t.key.as_str(), t.effect.as_str())).collect();
    assert_eq!(keys, vec![("node.kubernetes.io/not-ready", "NoSchedule"), ("node.kubernetes.io/not-ready", "NoExecute")]);
    let old = r.pods.iter().find(|p| p.name == "old").unwrap();
    assert_eq!((old.node.as_deref(), old.phase.as_str(), old.ready), (Some("worker-2"), "Running", false));
    assert!(old.not_ready_reason.as_deref().unwrap().contains("MarkPodsNotReady"));
    let e = svc(&r, "web").endpoints.iter().find(|e| e.pod.as_deref() == Some("old")).unwrap();
    assert!(!e.ready);
    // Ready=Unknown (the kubelet stopped reporting): the unreachable taints instead
    let r = run(&kubeadm_nodes("Unknown", ""));
    let w2 = r.nodes.iter().find(|n| n.name == "worker-2").unwrap();
    assert!(w2.taints.iter().all(|t| t.key == "node.kubernetes.io/unreachable") && w2.taints.len() == 2);
}

// AddOrUpdateDaemonPodTolerations (pkg/controller/daemon/util/daemonset_util.go) +
// NodeShouldRunDaemonPod (daemon_controller.go): DaemonSet pods tolerate unschedulable (a
// cordoned worker still gets one) but not the control-plane taint, nor not-ready:NoSchedule
#[test]
fn daemonset_add_or_update_daemon_pod_tolerations() {
    let ds = |extra: &str| {
        format!("---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata: {{name: agent}}\nspec:\n  selector: {{matchLabels: {{app: agent}}}}\n  template:\n    metadata: {{labels: {{app: agent}}}}\n    spec:\n{extra}      containers: [{{name: c, image: x}}]\n")
    };
    let r = run(&(kubeadm_nodes("True", ",\n  unschedulable: true") + &ds("")));
    assert_eq!(nodes_of(&r, "agent-"), vec![Some("worker-1"), Some("worker-2")]);
    let r = run(&(kubeadm_nodes("False", "") + &ds("")));
    assert_eq!(nodes_of(&r, "agent-"), vec![Some("worker-1")]);
    // kube-proxy style: tolerate everything → every node
    let r = run(&(kubeadm_nodes("True", "") + &ds("      tolerations: [{operator: Exists}]\n")));
    assert_eq!(nodes_of(&r, "agent-"), vec![Some("cp"), Some("worker-1"), Some("worker-2")]);
    // and a DaemonSet respects its nodeSelector
    let r = run(&(kubeadm_nodes("True", "") + &ds("      nodeSelector: {disktype: ssd}\n")));
    assert_eq!(nodes_of(&r, "agent-"), vec![Some("worker-1")]);
    assert!(r.diagnostics.iter().all(|d| d.code != "FailedScheduling"), "the DaemonSet controller creates no Pending pods");
}

// kubelet generateAPIPodStatus: "HostNetwork Pods inherit the node IPs as PodIPs", so the
// endpoint of a hostNetwork pod is its node's IP
#[test]
fn kubelet_host_network_pod_ip_is_node_ip() {
    let src = kubeadm_nodes("True", "")
        + &deployment("ingress", 2, "      hostNetwork: true\n")
        + "---\napiVersion: v1\nkind: Service\nmetadata: {name: ingress}\nspec:\n  selector: {app: ingress}\n  ports: [{port: 80, targetPort: 8080}]\n";
    let r = run(&src);
    let mut placed: Vec<(&str, &str)> = r.pods.iter().filter(|p| p.host_network).map(|p| (p.node.as_deref().unwrap(), p.ip.as_deref().unwrap())).collect();
    placed.sort();
    assert_eq!(placed, vec![("worker-1", "172.18.0.3"), ("worker-2", "172.18.0.4")]);
    let mut ips: Vec<&str> = svc(&r, "ingress").endpoints.iter().map(|e| e.ip.as_str()).collect();
    ips.sort();
    assert_eq!(ips, vec!["172.18.0.3", "172.18.0.4"]);
}

// ValidatePodSpec (pkg/apis/core/validation/validation.go): hostname and subdomain are
// DNS-1123 labels (ValidateDNS1123Label); the refused pod does not exist, so no DNS record
#[test]
fn validate_pod_spec_hostname_dns1123_label() {
    let src = "apiVersion: v1\nkind: Service\nmetadata: {name: sub}\nspec:\n  clusterIP: None\n  selector: {app: x}\n  ports: [{port: 80}]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {app: x}}\nspec: {hostname: My_Host, subdomain: sub, containers: [{name: c, image: x}]}\n";
    let r = run(src);
    let e = errors(&r);
    assert!(
        e.contains(&"spec.hostname: Invalid value: \"My_Host\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')".to_string()),
        "{e:?}"
    );
    assert!(r.pods.is_empty());
    assert!(svc(&r, "sub").dns_records.iter().all(|d| !d.name.contains("my_host") && !d.name.contains("My_Host")));
    let r = run(&deployment("web", 1, "      subdomain: web.svc\n"));
    assert!(errors(&r).iter().any(|m| m.starts_with("spec.template.spec.subdomain: Invalid value: \"web.svc\"")), "{:?}", errors(&r));
    assert!(r.pods.is_empty());
}

// Simulated nodes (no Node objects) have no taints: the round-robin spread is unchanged; they
// carry the labels a kubelet registers (InitialNode: hostname, os, arch), so the common
// `nodeSelector: {kubernetes.io/os: linux}` fits
#[test]
fn simulated_nodes_have_no_taints() {
    let r = run(&deployment("web", 3, ""));
    assert_eq!(nodes_of(&r, "web-"), vec![Some("node-1"), Some("node-2"), Some("node-3")]);
    assert!(r.nodes.iter().all(|n| n.taints.is_empty() && n.ready && n.simulated));
    let r = run(&deployment("web", 2, "      nodeSelector: {kubernetes.io/os: linux}\n"));
    assert_eq!(nodes_of(&r, "web-"), vec![Some("node-1"), Some("node-2")]);
    let r = run(&deployment("web", 1, "      nodeSelector: {kubernetes.io/hostname: node-3}\n"));
    assert_eq!(nodes_of(&r, "web-"), vec![Some("node-3")]);
}

// NodePorts.Filter + SetDefaults_PodSpec defaultHostNetworkPorts: a hostNetwork pod's container
// ports are host ports, so a third replica finds no node with port 8080 free; preemption finds no
// lower-priority victims on those two nodes (SelectVictimsOnNode)
#[test]
fn nodeports_filter_host_network_ports_conflict() {
    let r = run(&(kubeadm_nodes("True", "") + &deployment("ingress", 3, "      hostNetwork: true\n")));
    let nodes = nodes_of(&r, "ingress-");
    assert_eq!(nodes.iter().filter(|n| n.is_some()).count(), 2, "{nodes:?}");
    let p = r.pods.iter().find(|p| p.name.starts_with("ingress-") && p.node.is_none()).unwrap();
    assert_eq!(
        p.pending_reason.as_deref(),
        Some("0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't have free ports for the requested pod ports. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.")
    );
}

// predicateAdmitHandler.Admit (pkg/kubelet/lifecycle/predicate.go): a pod bound with
// spec.nodeName skips the scheduler, so a NoSchedule taint does not stop it; its kubelet still
// checks node affinity/selector and NoExecute taints, and rejectPod marks it Failed
#[test]
fn kubelet_admit_node_name_bypasses_scheduler() {
    let pod = |name: &str, node: &str, extra: &str| format!("---\napiVersion: v1\nkind: Pod\nmetadata: {{name: {name}, labels: {{app: web}}}}\nspec: {{nodeName: {node}, {extra}containers: [{{name: c, image: x}}]}}\n");
    let src = kubeadm_nodes("True", ", taints: [{key: maintenance, effect: NoExecute}]")
        + &pod("on-cp", "cp", "")
        + &pod("wrong-disk", "worker-1", "nodeSelector: {disktype: hdd}, ")
        + &pod("evicted", "worker-2", "");
    let r = run(&src);
    let get = |n: &str| r.pods.iter().find(|p| p.name == n).unwrap();
    let cp = get("on-cp");
    assert_eq!((cp.node.as_deref(), cp.phase.as_str(), cp.ready), (Some("cp"), "Running", true), "NoSchedule only binds the scheduler");
    let wd = get("wrong-disk");
    assert_eq!((wd.phase.as_str(), wd.ip.as_deref()), ("Failed", None));
    assert_eq!(wd.failed_reason.as_deref(), Some("Pod was rejected: Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector"));
    assert_eq!(get("evicted").failed_reason.as_deref(), Some("Pod was rejected: Predicate TaintToleration failed: node(s) had taints that the pod didn't tolerate"));
    assert_eq!(r.diagnostics.iter().filter(|d| d.code == "PodRejected").count(), 2);
}

// ReplaceDaemonSetPodNodeNameNodeAffinity: a DaemonSet pod is pinned by node affinity and bound by
// the scheduler, so a hostNetwork DaemonSet whose port is taken on a node stays Pending there
#[test]
fn daemonset_pod_pinned_by_node_affinity_meets_nodeports() {
    let src = kubeadm_nodes("True", "")
        + "---\napiVersion: v1\nkind: Pod\nmetadata: {name: squatter}\nspec: {nodeName: worker-2, hostNetwork: true, containers: [{name: c, image: x, ports: [{containerPort: 9100}]}]}\n"
        + "---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: node-exporter}\nspec:\n  selector: {matchLabels: {app: ne}}\n  template:\n    metadata: {labels: {app: ne}}\n    spec:\n      hostNetwork: true\n      containers: [{name: c, image: x, ports: [{containerPort: 9100}]}]\n";
    let r = run(&src);
    let ne: Vec<_> = r.pods.iter().filter(|p| p.name.starts_with("node-exporter-")).collect();
    assert_eq!(ne.len(), 2);
    assert_eq!((ne[0].ip.as_deref(), ne[1].node.as_deref()), (Some("172.18.0.3"), None));
    assert_eq!(
        ne[1].pending_reason.as_deref(),
        Some("0/3 nodes are available: 1 node(s) didn't have free ports for the requested pod ports, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.")
    );
}

// The preset: kubeadm's control-plane taint and a NotReady node leave one worker; the canary's
// nodeSelector matches no node, so it is Pending with the scheduler's sentence as a near miss
#[test]
fn preset_taint_control_plane_shows_scheduling() {
    let r = preset("taint-control-plane");
    let web = svc(&r, "web");
    let ready: Vec<&str> = web.endpoints.iter().filter(|e| e.ready).map(|e| e.node.as_deref().unwrap()).collect();
    assert_eq!(ready, vec!["worker-1"; 3]);
    assert!(web.endpoints.iter().any(|e| e.pod.as_deref() == Some("web-old") && !e.ready));
    let miss = web.near_misses.iter().find(|m| m.pod.starts_with("web-canary-")).expect("canary near miss");
    assert!(miss.reason.contains("0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector"), "{}", miss.reason);
    assert_eq!(r.cluster.client_pod.node.as_deref(), Some("worker-1"), "the client pod is scheduled too");
}

// ValidateTolerations (pkg/apis/core/validation/validation.go): an empty key needs Exists, the
// operator is Equal or Exists, tolerationSeconds needs NoExecute; the pod is refused
#[test]
fn validate_tolerations_refuses_the_pod() {
    let r = run(&deployment("web", 1, "      tolerations:\n      - {operator: Equal, effect: NoSchedule}\n      - {key: dedicated, operator: exists}\n      - {key: dedicated, operator: Exists, effect: NoSchedule, tolerationSeconds: 60}\n      - {key: dedicated, effect: NoRun}\n"));
    let e = errors(&r);
    for want in [
        "spec.template.spec.tolerations[0].operator: Invalid value: \"Equal\": operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
        "spec.template.spec.tolerations[1].operator: Unsupported value: \"exists\": supported values: \"Equal\", \"Exists\"",
        "spec.template.spec.tolerations[2].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set",
        "spec.template.spec.tolerations[3].effect: Unsupported value: \"NoRun\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"",
    ] {
        assert!(e.iter().any(|m| m == want), "missing {want}\n{e:?}");
    }
    assert!(r.pods.is_empty());
}

// nodeConditionToTaintKeyStatusMap (node_lifecycle_controller.go): a pressure condition becomes a
// NoSchedule taint; DaemonSet pods tolerate memory-pressure (AddOrUpdateDaemonPodTolerations),
// Deployment pods do not
#[test]
fn node_lifecycle_pressure_conditions_become_taints() {
    let src = kubeadm_nodes("True", "").replace(
        "conditions: [{type: Ready, status: \"True\"}]\n---\napiVersion: v1\nkind: Node\nmetadata:\n  name: worker-2",
        "conditions: [{type: MemoryPressure, status: \"True\"}, {type: Ready, status: \"True\"}]\n---\napiVersion: v1\nkind: Node\nmetadata:\n  name: worker-2",
    ) + &deployment("web", 2, "")
        + "---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: agent}}\n    spec: {containers: [{name: c, image: x}]}\n";
    let r = run(&src);
    let w1 = r.nodes.iter().find(|n| n.name == "worker-1").unwrap();
    assert_eq!(w1.taints.iter().map(|t| (t.key.as_str(), t.effect.as_str())).collect::<Vec<_>>(), vec![("node.kubernetes.io/memory-pressure", "NoSchedule")]);
    assert!(w1.ready);
    assert_eq!(nodes_of(&r, "web-"), vec![Some("worker-2"), Some("worker-2")]);
    assert_eq!(nodes_of(&r, "agent-"), vec![Some("worker-1"), Some("worker-2")]);
}

//! qafix4: what helper qa4's real-question sweep (26 GitHub threads) found the report gets
//! WRONG, MISSES or BURIES. Each test reads the thread's own YAML (tests/fixtures/qa4-*).

use super::analyze;
use super::config::Config;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap()
}

/// qa4 09 (kubernetes#126879): a hostNetwork Deployment, containerPort 9033 and no hostPort,
/// replicas 2 on 1 node. The Pending pod's "didn't have free ports for the requested pod ports"
/// sat above "containerPort/hostPort (9033/TCP) only declare": wrong for scheduling. Defaulting
/// sets hostPort = containerPort (pkg/apis/core/v1/defaults.go defaultHostNetworkPorts) and the
/// scheduler's NodePorts filter (pkg/scheduler/framework/plugins/nodeports/node_ports.go Filter)
/// allows one such pod per node. The true half (nothing remaps) stays.
#[test]
fn host_network_ports_are_reserved_host_ports_default_host_network_ports() {
    let text = fixture("qa4-09-hostnetwork-deployment.yaml").replace("replicas: 1", "replicas: 2");
    let r = analyze(&text, &Config { nodes: 1, ..Config::default() });
    let t = r.to_text();
    assert!(t.contains("didn't have free ports for the requested pod ports"), "{t}");
    assert!(!t.contains("only declare"), "{t}");
    assert!(t.contains("nothing remaps them"), "{t}");
    assert!(t.contains("the API server sets hostPort = containerPort (9033/TCP) for a hostNetwork pod and the scheduler reserves it on the node, so at most one such pod per node"), "{t}");
}

fn gateway_hops(r: &super::Report, svc: &str) -> Vec<String> {
    let s = r.services.iter().find(|s| s.name == svc).expect("Service");
    let p = s.paths.iter().find(|p| p.entry == super::paths::Entry::HttpRoute).expect("the route's path");
    p.hops.iter().map(|h| h.explanation.clone()).collect()
}

/// qa4 04 (cilium#30085): the route attaches to listener https (HTTPS, 443) and step 1 read
/// "sends a request for http://app.example.com/". The URL takes the listener's protocol
/// (kubernetes-sigs/gateway-api apis/v1/gateway_types.go Listener.Protocol, HTTPS terminates
/// TLS): https://. The class is cilium, so step 2 no longer says "Envoy Gateway's default
/// routingType Endpoint" (gateway-api site-src/concepts/service-facets.md: endpoint vs Service
/// routing is the implementation's choice); class eg keeps Envoy Gateway's words
/// (envoyproxy/gateway api/v1alpha1/envoyproxy_types.go RoutingType).
#[test]
fn gateway_url_takes_the_listener_protocol_and_envoy_words_only_for_envoy_listener_protocol() {
    // (fidfix21: the listener's certificateRef names a Secret in namespace cilium-secrets, which
    // the thread's manifest admits with no ReferenceGrant: ListenerTLSConfig.CertificateRefs makes
    // that RefNotPermitted and the listener serves nothing. This test is about the URL and the
    // class's words on a served path, so the grant the reference needs is added here)
    let grant = "---\napiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata:\n  name: gateway-certs\n  namespace: cilium-secrets\nspec:\n  from:\n  - group: gateway.networking.k8s.io\n    kind: Gateway\n    namespace: cilium-gateway\n  to:\n  - group: \"\"\n    kind: Secret\n";
    let text = format!("{}{grant}", fixture("qa4-04-gateway-https-listener.yaml"));
    let r = analyze(&text, &Config::default());
    let hops = gateway_hops(&r, "app");
    assert!(hops[0].starts_with("The client sends a request for https://app.example.com/ to Gateway cilium-gateway/internal of class cilium, listener https (HTTPS on port 443)"), "{}", hops[0]);
    assert!(!hops[1].contains("Envoy"), "{}", hops[1]);
    assert!(hops[1].contains("not through its clusterIP (endpoint routing, what most Gateway API implementations do; the API leaves the endpoints or the clusterIP to the implementation, here class cilium's)"), "{}", hops[1]);
    let eg = analyze(&text.replace("gatewayClassName: cilium", "gatewayClassName: eg"), &Config::default());
    let hops = gateway_hops(&eg, "app");
    assert!(hops[1].contains("(Envoy Gateway's default routingType Endpoint)"), "{}", hops[1]);
    // an HTTP listener stays http://
    let http = analyze(&text.replace("sectionName: https", "sectionName: http").replace("from: Same", "from: All"), &Config::default());
    let hops = gateway_hops(&http, "app");
    assert!(hops[0].starts_with("The client sends a request for http://app.example.com/"), "{}", hops[0]);
}

/// qa4 15 (SREGym#803): internalTrafficPolicy Local, the single replica pinned to node-1 of 3.
/// The default client is on node-1 (delivered), so the drop showed only with another From. A
/// warning at the field names the nodes whose clients are dropped: pkg/proxy/iptables/proxier.go
/// syncProxyRules ("internalTrafficPolicy is \"Local\" but there are no local endpoints. Traffic
/// to the clusterIP will be dropped").
#[test]
fn internal_traffic_policy_local_names_the_nodes_without_endpoints_proxier_sync_proxy_rules() {
    let text = fixture("qa4-15-internal-traffic-policy-local.yaml");
    let r = analyze(&text, &Config { nodes: 3, ..Config::default() });
    let d = r.diagnostics.iter().find(|d| d.code == "InternalTrafficPolicyLocal").expect("the warning");
    assert_eq!(d.severity, super::diag::Severity::Warning);
    assert!(d.message.contains("Service recommendation's endpoints are on node-1 only: clients on node-2, node-3 that connect to it are dropped"), "{}", d.message);
    let line = text.lines().position(|l| !l.starts_with('#') && l.contains("internalTrafficPolicy")).unwrap() as u32 + 1;
    assert_eq!(d.line, line, "{d:?}");
    // one node: every client is on the endpoint's node
    let one = analyze(&text, &Config { nodes: 1, ..Config::default() });
    assert!(!one.diagnostics.iter().any(|d| d.code == "InternalTrafficPolicyLocal"));
}

/// qa4 11 (calico#1683): a default-deny (podSelector {}) created in namespace default while the
/// pods are in foo and bar: the report said nothing. A NetworkPolicy selects in its own namespace
/// (staging/src/k8s.io/api/networking/v1/types.go NetworkPolicySpec.PodSelector: "An empty
/// podSelector matches all pods in this namespace"): a warning at its podSelector.
#[test]
fn network_policy_in_a_namespace_without_pods_names_the_others_network_policy_spec_pod_selector() {
    let text = fixture("qa4-11-netpol-other-namespace.yaml");
    let r = analyze(&text, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "NetworkPolicyOtherNamespace").expect("the warning");
    assert!(d.message.starts_with("NetworkPolicy default-deny selects pods only in namespace default (0 pods there in this input); the pods in bar, foo are not isolated by it"), "{}", d.message);
    let line = text.lines().position(|l| !l.starts_with('#') && l.contains("podSelector: {}")).unwrap() as u32 + 1;
    assert_eq!(d.line, line, "{d:?}");
    // created in bar, it selects bar's pod: no such warning
    let bar = analyze(&text.replacen("namespace: default", "namespace: bar", 1), &Config::default());
    assert!(!bar.diagnostics.iter().any(|d| d.code == "NetworkPolicyOtherNamespace"));
}

/// qa4 08 (ingress-nginx#4626): a Deployment with hostPort 80/443/6379, 1 replica on a 1-node
/// cluster: the patched pod stays Pending ("didn't have free ports for the requested pod
/// ports"). RollingUpdate's defaults (pkg/apis/apps/v1/defaults.go SetDefaults_Deployment: 25%
/// and 25%) resolve to surge 1, unavailable 0 (pkg/controller/deployment/util/deployment_util.go
/// ResolveFenceposts): the new pod comes first and no node has the ports free.
#[test]
fn rollout_surge_pod_with_host_ports_stays_pending_resolve_fenceposts() {
    let text = fixture("qa4-08-rollout-hostport.yaml");
    let r = analyze(&text, &Config { nodes: 1, ..Config::default() });
    let d = r.diagnostics.iter().find(|d| d.code == "RolloutHostPort").expect("the warning");
    assert!(d.message.starts_with("Deployment nginx-ingress-controller: a rollout's new pod needs hostPort 80, 443, 6379 on a node, and the old pods hold them on node-1: strategy RollingUpdate (maxSurge 25% → 1, maxUnavailable 25% → 0 of 1 replica) starts the new pod before deleting an old one, so it stays Pending (0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports."), "{}", d.message);
    assert!(d.message.ends_with("Use strategy type: Recreate, or rollingUpdate maxSurge: 0 with maxUnavailable: 1"), "{}", d.message);
    // two nodes: the new pod fits on the other; Recreate, or maxUnavailable 1: the old pod goes first
    for (text, cfg) in [
        (text.clone(), Config { nodes: 2, ..Config::default() }),
        (text.replace("  replicas: 1\n", "  replicas: 1\n  strategy: {type: Recreate}\n"), Config { nodes: 1, ..Config::default() }),
        (text.replace("  replicas: 1\n", "  replicas: 1\n  strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 1}}\n"), Config { nodes: 1, ..Config::default() }),
    ] {
        let r = analyze(&text, &cfg);
        assert!(!r.diagnostics.iter().any(|d| d.code == "RolloutHostPort"), "{text}");
    }
    // qa4 09: hostNetwork, containerPort 9033 only
    let r = analyze(&fixture("qa4-09-hostnetwork-deployment.yaml"), &Config { nodes: 1, ..Config::default() });
    let d = r.diagnostics.iter().find(|d| d.code == "RolloutHostPort").expect("the hostNetwork warning");
    assert!(d.message.contains("needs hostPort 9033 (hostNetwork: its containerPorts are host ports) on a node"), "{}", d.message);
}

/// qa4 01 (class nginx): the NotAllowedByListeners warning quoted Envoy Gateway's message as if
/// it were this Gateway's. The reason is the spec's (gateway-api apis/v1/shared_types.go
/// RouteReasonNotAllowedByListeners); the message is Envoy Gateway's, and the note now says
/// class nginx's controller words its own.
#[test]
fn not_allowed_by_listeners_message_is_envoy_words_only_for_envoy_route_reason_not_allowed_by_listeners() {
    let text = fixture("qa4-01-gateway-kinds-nginx.yaml");
    let r = analyze(&text, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "GatewayParentRef").expect("the parentRef warning");
    assert!(d.message.contains("\", Envoy Gateway's words; class nginx's controller words its message its own way): "), "{}", d.message);
}

/// qa4 10 (keycloak-kubernetes#14): an Ingress without a class and no default IngressClass: the
/// asker gets 404 while Why said "every check passes" and the cause was an info. ingress-nginx
/// ignores it ("ingress does not contain a valid IngressClass", internal/ingress/controller/store
/// store.go); the DefaultIngressClass admission plugin (plugin/pkg/admission/network/
/// defaultingressclass admission.go Admit) sets a class only when one is the default. Now a
/// warning, and a Why warn row.
#[test]
fn ingress_without_class_is_a_warning_and_a_why_row_default_ingress_class_admit() {
    let text = fixture("qa4-10-ingress-no-class.yaml");
    let r = analyze(&text, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "IngressClassName").expect("the class note");
    assert_eq!(d.severity, super::diag::Severity::Warning);
    let checks = super::checklist::checklist(&text, &r, "default/krakend", "ingress@gateway-ingress");
    let c = checks.iter().find(|c| c.key == "ingressClass").expect("the Why row");
    assert_eq!(c.status, "warn");
    assert!(c.why.starts_with("Ingress gateway-ingress names no class (spec.ingressClassName)") && c.why.ends_with("if one serves it."), "{}", c.why);
}

/// qa4 22 (kubernetes/website#46546): rewrite-target /$1 with path / (no capture group): nothing
/// was said. ingress-nginx writes `rewrite "(?i)/" /$1 break;` (internal/ingress/controller/
/// template/template.go buildProxyPass): $1 is empty, every request reaches web as /.
#[test]
fn rewrite_target_group_without_a_capture_group_in_the_path_build_proxy_pass() {
    let text = fixture("qa4-22-rewrite-target-no-group.yaml");
    let r = analyze(&text, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "RewriteTargetNoCaptureGroup").expect("the warning");
    assert!(d.message.starts_with("nginx.ingress.kubernetes.io/rewrite-target: /$1 uses $1 but path / has no capture group: ingress-nginx writes rewrite \"(?i)/\" /$1 break;, so $1 is empty and web receives every request under / as /."), "{}", d.message);
    let line = text.lines().position(|l| !l.starts_with('#') && l.contains("rewrite-target")).unwrap() as u32 + 1;
    assert_eq!(d.line, line);
    // a path with a group: nothing
    let grouped = analyze(&text.replace("- path: /\n", "- path: /(.*)\n"), &Config::default());
    assert!(!grouped.diagnostics.iter().any(|d| d.code == "RewriteTargetNoCaptureGroup"));
}

//! review24: an independent review of session 22's new rules against upstream. Each test fails
//! without its fix and names the upstream function it follows.

use super::analyze;
use super::config::Config;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap()
}

/// qa9's pod-name lookup hint (dnsquery::pod_name_lookup_hint) for a pod with spec.subdomain and
/// no spec.hostname said "create one named myservice to give it mypod1.myservice.default.svc…".
/// WRONG: the EndpointSlice controller sets an endpoint's hostname only when the pod sets one
/// (pkg/controller/util/endpointslice ShouldSetHostname: `len(pod.Spec.Hostname) > 0 &&
/// pod.Spec.Subdomain == svc.Name && svc.Namespace == pod.Namespace`), and CoreDNS names an
/// endpoint without hostname by its dashed address (plugin/kubernetes endpointHostname). The
/// Service alone gives `<a-b-c-d>.myservice…`; the pod's name needs spec.hostname too.
#[test]
fn pod_subdomain_without_hostname_needs_hostname_too_should_set_hostname() {
    let text = fixture("review24/pod-subdomain-without-hostname.yaml");
    let r = analyze(&text, &Config::default());
    let l = super::dnsquery::lookup(&r, "default", super::paths::CLIENT_POD, "mypod1");
    assert!(l.summary.contains("a pod's name is no DNS name"), "{}", l.summary);
    assert!(!l.summary.contains("in namespace default: create one named myservice to give it mypod1.myservice"), "{}", l.summary);
    assert!(l.summary.contains("set spec.hostname: mypod1 in the pod and create one named myservice"), "{}", l.summary);
    // the tool's own DNS model agrees: with the headless Service and no hostname, the pod
    // answers by its dashed address, not by mypod1.myservice
    let svc = "apiVersion: v1\nkind: Service\nmetadata:\n  name: myservice\nspec:\n  selector:\n    name: mypod\n  clusterIP: None\n---\n";
    let r = analyze(&format!("{svc}{text}"), &Config::default());
    let l = super::dnsquery::lookup(&r, "default", super::paths::CLIENT_POD, "mypod1.myservice");
    assert!(l.tries.iter().all(|t| t.answers.is_empty()), "{l:#?}");
    // with spec.hostname set too, the hint keeps naming the record the Service gives
    let with_host = text.replace("  subdomain: myservice\n", "  hostname: mypod1\n  subdomain: myservice\n");
    let r = analyze(&with_host, &Config::default());
    let l = super::dnsquery::lookup(&r, "default", super::paths::CLIENT_POD, "mypod1");
    assert!(l.summary.contains("create one named myservice to give it mypod1.myservice.default.svc.cluster.local"), "{}", l.summary);
}

/// qa9's BudgetAllowsNoDisruption said "so kubectl drain of their nodes, a node upgrade or the
/// cluster autoscaler waits forever". The Eviction API refuses each eviction
/// (pkg/registry/core/pod/storage/eviction.go checkAndDecrement, 429 "Cannot evict pod as it
/// would violate the pod's disruption budget."); kubectl drain retries it every 5 s until its
/// --timeout (0, "infinite", by default: kubectl pkg/drain). What a node upgrade or the cluster
/// autoscaler does then is theirs, not the API's (the autoscaler skips the node's scale-down;
/// GKE's surge upgrade evicts anyway after an hour; EKS's managed upgrade fails): OVERCLAIM.
#[test]
fn budget_allowing_no_disruption_says_only_what_eviction_refuses_eviction_check_and_decrement() {
    let r = analyze(&fixture("qa9-17-pdb-min-available-one-replica.yaml"), &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "BudgetAllowsNoDisruption").expect("the budget note");
    assert!(!d.message.contains("waits forever"), "{}", d.message);
    assert!(d.message.contains("every voluntary eviction of its pods is refused (\"Cannot evict pod as it would violate the pod's disruption budget.\"): kubectl drain of their nodes retries until its --timeout (none by default), and a node upgrade or the cluster autoscaler that evicts is refused too"), "{}", d.message);
}

/// fidfix25's UDPRoute path said of the Gateway's hop to the pod "It opens its own TCP
/// connection" (and "the connection's bytes", "balances each connection"): WRONG for UDP. A
/// UDPRoute forwards datagrams (gateway-api apis/v1 udproute_types.go UDPRouteRule.BackendRefs:
/// "Packet drops must respect weight"; a UDP listener, the Service's UDP port: envoyproxy/gateway
/// validate.go validateBackendRefService); no TCP connection is opened to the pod.
#[test]
fn udproute_hop_to_the_pod_opens_no_tcp_connection_udproute_rule_backend_refs() {
    let r = analyze(&fixture("fidfix25/tcproute-udproute-v1.yaml"), &Config::default());
    let dns = r.services.iter().find(|s| s.name == "coredns").unwrap().paths.iter().find(|p| p.entry == super::paths::Entry::HttpRoute).expect("the UDPRoute's path");
    let hop = &dns.hops[1];
    assert!(!hop.explanation.contains("TCP connection"), "{}", hop.explanation);
    assert!(!hop.explanation.contains("connection"), "{}", hop.explanation);
    assert!(hop.explanation.contains("The Gateway's proxy forwards the datagrams to the Service's endpoints directly on the targetPort"), "{}", hop.explanation);
    assert!(hop.explanation.contains("Each datagram is sent on as it came (UDP proxying). It sends them from its own socket, so kube-proxy is not in this path and the pod sees the proxy's address"), "{}", hop.explanation);
    // the TCPRoute's hop keeps its words
    let pg = r.services.iter().find(|s| s.name == "postgres").unwrap().paths.iter().find(|p| p.entry == super::paths::Entry::HttpRoute).expect("the TCPRoute's path");
    assert!(pg.hops[1].explanation.contains("forwards the connection's bytes") && pg.hops[1].explanation.contains("It opens its own TCP connection"), "{}", pg.hops[1].explanation);
}

/// learn18's EndpointSlice block said of every Service's slices "kube-proxy on every node and
/// cluster DNS read them", of an empty one "kube-proxy then rejects connections to the
/// Service" and of its ports "only kube-proxy's rules map it"; and the pod panel's other-Services
/// line gave each "its own kube-proxy rules". WRONG for a headless Service: kube-proxy's
/// EndpointSlice informer takes only slices without the service.kubernetes.io/headless label
/// (kubernetes/kubernetes cmd/kube-proxy/app/server.go: the noHeadlessEndpoints label
/// requirement), so it writes no rule for one; cluster DNS answers its name with the pods'
/// addresses.
#[test]
fn headless_service_slices_are_not_read_by_kube_proxy_no_headless_endpoints() {
    let p = super::presets::find("headless-statefulset").expect("preset");
    let r = analyze(p.yaml, &Config { cloud: p.cloud, ..Config::default() });
    let db = r.services.iter().find(|s| s.name == "db").unwrap();
    assert!(db.headless);
    let v = super::epslice::view(db, &r.nodes);
    let all = v.lines.join("\n");
    assert!(!all.contains("kube-proxy on every node and cluster DNS read"), "{all}");
    assert!(!all.contains("only kube-proxy's rules map it"), "{all}");
    assert!(all.contains("cluster DNS reads"), "{all}");
    assert!(all.contains("kube-proxy skips the slices of a headless Service"), "{all}");
    assert!(all.contains("a headless Service has no kube-proxy rules, so nothing maps it"), "{all}");
    // a headless Service with no pod: no kube-proxy REJECT either
    let none = "apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  clusterIP: None\n  selector:\n    app: nothing\n  ports:\n  - port: 5432\n";
    let r0 = analyze(none, &Config::default());
    let v0 = super::epslice::view(r0.services.iter().find(|s| s.name == "db").unwrap(), &r0.nodes);
    let all0 = v0.lines.join("\n");
    assert!(!all0.contains("kube-proxy then rejects connections"), "{all0}");
    assert!(all0.contains("the Service's DNS name then answers no address"), "{all0}");
    // the pod panel: a headless Service beside a ClusterIP one over the same pods
    let yaml = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/learnfix18-two-services.yaml")).unwrap().replace("  type: NodePort\n", "  clusterIP: None\n");
    let r2 = analyze(&yaml, &Config::default());
    let web = r2.services.iter().find(|s| s.name == "web").unwrap();
    let pod = r2.pods.iter().find(|p| p.name.starts_with("web-")).unwrap();
    let line = super::poddetails::other_services(&r2.services, Some(web), pod).expect("another Service");
    assert!(line.contains("its own kube-proxy rules (headless web-admin: none, its DNS name gives the pod's address to connect to)"), "{line}");
}

/// corpus12's IngressClassName info for an ingress-nginx run with --watch-ingress-without-class
/// said "(other controllers ignore it)": OVERCLAIM. ingress-nginx's store.go GetIngressClass
/// takes the Ingress ("_" class) and that is all the input says; Traefik's Kubernetes Ingress
/// provider with its `ingressClass` option unset processes "Ingresses missing the annotation,
/// having an empty value, or the value traefik" (doc.traefik.io, kubernetes provider).
#[test]
fn ingress_without_class_other_controllers_are_not_all_ignoring_it_get_ingress_class() {
    let src = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/corpus12/kind-ingress-nginx-usage.yaml")).unwrap();
    let r = analyze(&src, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "IngressClassName").expect("the class note");
    assert!(!d.message.contains("other controllers ignore it"), "{}", d.message);
    assert!(d.message.ends_with("so it serves this Ingress (a controller that does not take Ingresses without a class ignores it)"), "{}", d.message);
}

/// corpus12's WindowsNodesSimulated said "(nodeSelector kubernetes.io/os: windows)" also when
/// the pods ask by required node affinity, which the note counts too (cluster.rs
/// windows_requests; kubelet_node_status.go initialNode labels kubernetes.io/os): WRONG words
/// for that input, which has no nodeSelector.
#[test]
fn windows_node_simulated_by_affinity_names_no_node_selector() {
    let yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: iis\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: iis\n  template:\n    metadata:\n      labels:\n        app: iis\n    spec:\n      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n            - matchExpressions:\n              - key: kubernetes.io/os\n                operator: In\n                values: [windows]\n      containers:\n      - name: iis\n        image: mcr.microsoft.com/windows/servercore/iis\n";
    let r = analyze(yaml, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "WindowsNodesSimulated").expect("the Windows note");
    assert!(!d.message.contains("(nodeSelector kubernetes.io/os: windows)"), "{}", d.message);
    assert!(d.message.contains("ask for Windows nodes (kubernetes.io/os: windows, by nodeSelector or required node affinity)"), "{}", d.message);
}

//! fidfix26: session 22's fidelity leftovers, each read upstream (the file and function named in
//! each test) and fixed. Each test reads real YAML (tests/fixtures/fidfix26/ and older fixtures).

use super::analyze;
use super::config::Config;
use super::paths::{Entry, Outcome};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap()
}

fn codes<'a>(r: &'a super::Report, code: &str) -> Vec<&'a str> {
    r.diagnostics.iter().filter(|d| d.code == code).map(|d| d.message.as_str()).collect()
}

/// Item 1: NodeLocal DNSCache bound to the kube-dns clusterIP (`-localip 169.254.20.10,10.96.0.10`).
/// kubernetes/dns cmd/node-cache/app/cache_app.go initIptables: raw PREROUTING/OUTPUT NOTRACK for
/// each local IP on port 53 (udp, tcp), so kube-proxy's nat DNAT never sees the packet; the
/// node's cache answers (nodelocaldns.yaml Corefile: `bind`, `forward . __PILLAR__CLUSTER__DNS__`
/// filled from `-upstreamsvc`, main.go parseAndValidateFlags). Was: the client's path to kube-dns
/// drawn through kube-proxy's DNAT to a CoreDNS pod on another node.
#[test]
fn node_local_dns_on_the_kube_dns_address_answers_on_the_clients_node_cache_app_init_iptables_notrack() {
    let text = fixture("fidfix26/nodelocaldns-iptables-mode.yaml");
    let r = analyze(&text, &Config::default());
    let dns = r.services.iter().find(|s| s.name == "kube-dns").unwrap();
    let from_pod: Vec<_> = dns.paths.iter().filter(|p| p.entry == Entry::Pod).collect();
    assert_eq!(from_pod.len(), 2, "{from_pod:#?}");
    for p in &from_pod {
        assert_eq!(p.outcome, Outcome::Delivered, "{p:#?}");
        assert!(!p.hops.iter().any(|h| h.to.starts_with("kube-proxy:") || h.rewritten.is_some()), "{p:#?}");
        let h = p.hops.last().unwrap();
        assert!(h.to.starts_with("pod:node-local-dns-"), "{h:#?}");
        assert_eq!(h.dst, "10.96.0.10:53");
        assert!(h.explanation.contains("NOTRACK") && h.explanation.contains("on the client's own node (node-1)") && h.explanation.contains("-upstreamsvc") && h.explanation.contains("/etc/resolv.conf"), "{}", h.explanation);
        assert_eq!(p.backends.len(), 1);
        assert_eq!(p.backends[0].ip, "10.96.0.10");
        assert_eq!(p.backends[0].node.as_deref(), Some("node-1"));
        assert!(p.reason.contains("NodeLocal DNSCache"), "{}", p.reason);
    }
    // every lookup of the client goes to that cache: its DNS hops say so (here the Service's own)
    for p in &from_pod {
        assert!(p.hops[0].explanation.contains("The query itself goes to 10.96.0.10:53 on the client's own node (node-1): the NodeLocal DNSCache node-local-dns-"), "{}", p.hops[0].explanation);
    }
    // the Service's other ports are not taken out of conntrack: only port 53 (LocalPort)
    let with_metrics = text.replacen("  - name: dns-tcp\n    port: 53\n    protocol: TCP\n", "  - name: dns-tcp\n    port: 53\n    protocol: TCP\n  - name: metrics\n    port: 9153\n    protocol: TCP\n", 1);
    assert_ne!(with_metrics, text);
    let r2 = analyze(&with_metrics, &Config::default());
    let m = r2.services.iter().find(|s| s.name == "kube-dns").unwrap().paths.iter().find(|p| p.entry == Entry::Pod && p.port == Some(9153)).unwrap();
    assert!(m.hops.iter().any(|h| h.to == "kube-proxy:node-1"), "{m:#?}");

    // an egress policy meets the query at 10.96.0.10, no pod: an ipBlock admits it …
    let policy = |peer: &str| format!("{text}---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: dns-only\n  namespace: default\nspec:\n  podSelector: {{}}\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - {peer}\n    ports:\n    - {{port: 53, protocol: UDP}}\n    - {{port: 53, protocol: TCP}}\n");
    let r = analyze(&policy("ipBlock: {cidr: 10.96.0.10/32}"), &Config::default());
    let p = r.services.iter().find(|s| s.name == "kube-dns").unwrap().paths.iter().find(|p| p.entry == Entry::Pod).unwrap();
    assert_eq!(p.outcome, Outcome::Delivered, "{p:#?}");
    assert!(p.allowed_by.as_deref().is_some_and(|a| a.contains("ipBlock")), "{p:#?}");
    // … a namespaceSelector for kube-system does not (qa9 10's finding, on the path too)
    let r = analyze(&policy("namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}"), &Config::default());
    let p = r.services.iter().find(|s| s.name == "kube-dns").unwrap().paths.iter().find(|p| p.entry == Entry::Pod).unwrap();
    assert_eq!(p.outcome, Outcome::Dropped, "{p:#?}");

    // without the DaemonSet: through kube-proxy to a CoreDNS pod (unchanged)
    let cut = text.find("---\napiVersion: apps/v1\nkind: DaemonSet").unwrap();
    let r = analyze(&text[..cut], &Config::default());
    let p = r.services.iter().find(|s| s.name == "kube-dns").unwrap().paths.iter().find(|p| p.entry == Entry::Pod).unwrap();
    assert!(p.hops.last().unwrap().to.starts_with("pod:coredns-") && p.hops.last().unwrap().rewritten.is_some(), "{p:#?}");
    assert!(!p.hops[0].explanation.contains("NodeLocal"), "{}", p.hops[0].explanation);
    assert!(codes(&r, "NodeLocalDNSLinkLocalOnly").is_empty());
}

/// Item 1: NodeLocal DNSCache on the link-local address only (`-localip 169.254.20.10`, the
/// addon's IPVS mode). Its NOTRACK rules and dummy interface hold only 169.254.20.10
/// (cache_app.go initIptables); a pod asks it only when its resolv.conf names it — the kubelet's
/// --cluster-dns (pkg/kubelet/network/dns/dns.go GetPodDNS: `clusterDNS` as the nameservers of a
/// ClusterFirst pod) or dnsConfig — which no manifest shows. Was: nothing said. Now an info says
/// what is known and that the paths keep the cluster DNS Service; the paths stay kube-proxy's.
#[test]
fn node_local_dns_on_the_link_local_address_only_depends_on_the_kubelets_cluster_dns_get_pod_dns() {
    let r = analyze(&fixture("fidfix26/nodelocaldns-link-local-only.yaml"), &Config::default());
    let n = codes(&r, "NodeLocalDNSLinkLocalOnly");
    assert_eq!(n.len(), 1, "{:#?}", r.diagnostics);
    assert!(n[0].contains("binds only 169.254.20.10") && n[0].contains("--cluster-dns") && n[0].contains("not known here") && n[0].contains("still goes through kube-proxy"), "{}", n[0]);
    let d = r.diagnostics.iter().find(|d| d.code == "NodeLocalDNSLinkLocalOnly").unwrap();
    assert_eq!(d.object.as_deref(), Some("DaemonSet/kube-system/node-local-dns"), "{d:#?}");
    let p = r.services.iter().find(|s| s.name == "kube-dns").unwrap().paths.iter().find(|p| p.entry == Entry::Pod).unwrap();
    assert!(p.hops.iter().any(|h| h.to == "kube-proxy:node-1") && p.hops.last().unwrap().to.starts_with("pod:coredns-"), "{p:#?}");
    // bound to the kube-dns address too: no such info
    let r = analyze(&fixture("fidfix26/nodelocaldns-iptables-mode.yaml"), &Config::default());
    assert!(codes(&r, "NodeLocalDNSLinkLocalOnly").is_empty(), "{:?}", codes(&r, "NodeLocalDNSLinkLocalOnly"));
}

/// Item 2 (review24's leftover of qa9 04): `--lookup mypod1` for a pod with hostname and
/// subdomain whose headless Service exists and selects it, while the pod is not Ready. CoreDNS
/// builds endpoint records from EndpointSlice endpoints and skips the not-ready ones (coredns
/// plugin/kubernetes/object/endpoint.go EndpointSliceToEndpoints, `endpointsliceReady`); the
/// slice marks it ready: false unless publishNotReadyAddresses (pkg/controller/util/endpointslice
/// utils.go podToEndpoint). Was: "its subdomain myservice names no headless Service selecting it
/// … create one named myservice" — false, the Service is there.
#[test]
fn a_not_ready_pods_name_under_its_headless_service_waits_for_ready_coredns_endpoint_slice_to_endpoints() {
    let text = fixture("fidfix26/headless-pod-not-ready-lookup.yaml");
    let r = analyze(&text, &Config::default());
    assert!(!r.pods.iter().find(|p| p.name == "mypod1").unwrap().ready);
    let l = super::dnsquery::lookup(&r, "default", super::paths::CLIENT_POD, "mypod1");
    assert!(l.tries.iter().all(|t| t.answers.is_empty()), "{l:#?}");
    assert!(!l.summary.contains("names no headless Service"), "{}", l.summary);
    assert!(l.summary.contains("headless Service myservice selects it, but the pod is not Ready") && l.summary.contains("publishNotReadyAddresses") && l.summary.contains("(then mypod1.myservice.default.svc.cluster.local)"), "{}", l.summary);
    // and indeed the name has no record yet
    let l = super::dnsquery::lookup(&r, "default", super::paths::CLIENT_POD, "mypod1.myservice");
    assert!(l.tries.iter().all(|t| t.answers.is_empty()), "{l:#?}");
    // publishNotReadyAddresses: true publishes it: the name answers
    let published = text.replacen("  clusterIP: None\n", "  clusterIP: None\n  publishNotReadyAddresses: true\n", 1);
    assert_ne!(published, text);
    let r = analyze(&published, &Config::default());
    let l = super::dnsquery::lookup(&r, "default", super::paths::CLIENT_POD, "mypod1.myservice");
    assert!(l.tries.iter().any(|t| !t.answers.is_empty()), "{l:#?}");
    let l = super::dnsquery::lookup(&r, "default", super::paths::CLIENT_POD, "mypod1");
    assert!(!l.summary.contains("is not Ready"), "{}", l.summary);
}

/// Item 5 (review24): the Gateway box said "sends each request" for TCPRoute/UDPRoute/TLSRoute
/// too; those carry connections and datagrams (gateway-api apis/v1 tcproute_types.go
/// TCPRouteRule.BackendRefs "connection attempts", udproute_types.go "Packet drops",
/// tlsroute_types.go). The route paths' entry stays `httproute` (the JSON is a contract); each
/// now carries `kind` (the route's kind) in the JSON.
#[test]
fn gateway_box_and_route_paths_say_connections_for_tcp_and_datagrams_for_udp_routes_tcproute_types() {
    let r = analyze(&fixture("fidfix25/tcproute-udproute-v1.yaml"), &Config::default());
    let pg = r.services.iter().find(|s| s.name == "postgres").unwrap();
    let p = pg.paths.iter().find(|p| p.entry == Entry::HttpRoute).unwrap();
    assert_eq!(p.route_kind.as_deref(), Some("TCPRoute"));
    let json = serde_json::to_value(p).unwrap();
    assert_eq!(json["entry"], "httproute");
    assert_eq!(json["kind"], "TCPRoute");
    let t = super::gateway::gateway_box_title(Some(pg), "eg");
    assert_eq!(t, "Gateway eg: its proxy takes the routes attached to it and sends each connection to the Service's endpoints itself");
    let dns = r.services.iter().find(|s| s.name == "coredns").unwrap();
    assert_eq!(dns.paths.iter().find(|p| p.entry == Entry::HttpRoute).unwrap().route_kind.as_deref(), Some("UDPRoute"));
    assert!(super::gateway::gateway_box_title(Some(dns), "eg").contains("sends each datagram"));
    let tls = analyze(&fixture("fidfix25/tlsroute-passthrough-eg402.yaml"), &Config::default());
    let s = tls.services.iter().find(|s| s.name == "my-nginx").unwrap();
    assert_eq!(s.paths.iter().find(|p| p.entry == Entry::HttpRoute).unwrap().route_kind.as_deref(), Some("TLSRoute"));
    assert!(super::gateway::gateway_box_title(Some(s), "eg").contains("sends each connection"));
    // an HTTPRoute's Gateway keeps its words, and its path says HTTPRoute
    let http = analyze(&fixture("qa4-01-gateway-kinds-nginx.yaml"), &Config::default());
    let (s, p) = http.services.iter().find_map(|s| s.paths.iter().find(|p| p.entry == Entry::HttpRoute).map(|p| (s, p))).expect("an HTTPRoute path");
    assert_eq!(p.route_kind.as_deref(), Some("HTTPRoute"));
    let gw = p.hops[0].to.trim_start_matches("external:gateway/");
    assert_eq!(super::gateway::gateway_box_title(Some(s), gw), format!("Gateway {gw}: its proxy matches the routes attached to it and sends each request to the Service's endpoints itself"));
}

/// Item 3: the EndpointSlice block said "conditions.ready is what kube-proxy and DNS use", but
/// kube-proxy falls back to serving-and-terminating endpoints when none is ready
/// (kubernetes/kubernetes pkg/proxy/topology.go CategorizeEndpoints: `if len(clusterEndpoints) ==
/// 0` → `ep.IsServing() && ep.IsTerminating()`); and the pod panel said "That Service has its own
/// selector" of a selectorless Service whose hand-written EndpointSlice names the pod
/// (endpointslice_controller.go syncService writes nothing for a Service without selector).
#[test]
fn ready_is_not_all_kube_proxy_reads_and_a_selectorless_service_has_no_selector_categorize_endpoints() {
    let r = analyze(&fixture("learnfix18-two-services.yaml"), &Config::default());
    let web = r.services.iter().find(|s| s.name == "web").unwrap();
    let lines = super::epslice::view(web, &r.nodes).lines.join("\n");
    assert!(!lines.contains("conditions.ready is what kube-proxy and DNS use"), "{lines}");
    assert!(lines.contains("when no endpoint of the Service is ready, kube-proxy falls back to those still serving while terminating"), "{lines}");

    let text = fixture("fidfix26/selectorless-service-names-a-selected-pod.yaml");
    let ip = analyze(&text, &Config::default()).pods.iter().find(|p| p.name == "web-0").and_then(|p| p.ip.clone()).unwrap();
    let r = analyze(&text.replace("__IP__", &ip), &Config::default());
    let web = r.services.iter().find(|s| s.name == "web").unwrap();
    let legacy = r.services.iter().find(|s| s.name == "legacy").unwrap();
    assert!(legacy.endpoints.iter().any(|e| e.pod.as_deref() == Some("web-0")), "{:#?}", legacy.endpoints);
    let pod = r.pods.iter().find(|p| p.name == "web-0").unwrap();
    let line = super::poddetails::other_services(&r.services, Some(web), pod).expect("another Service");
    assert!(!line.contains("its own selector"), "{line}");
    assert!(line.contains("its own EndpointSlice (for legacy: no selector, an EndpointSlice or Endpoints written by hand lists this pod's address)"), "{line}");
    // seen from legacy, web has a selector of its own
    let back = super::poddetails::other_services(&r.services, Some(legacy), pod).expect("another Service");
    assert!(back.contains("its own selector, its own EndpointSlice"), "{back}");
}

/// Item 4: "answers 503" was said of every ingress controller for a backend Service that does
/// not exist. ingress-nginx's words (internal/ingress/controller/controller.go createUpstreams:
/// an upstream without endpoints → 503); Traefik and Contour leave such a path out
/// (traefik/traefik#1748, #9242; projectcontour/contour#3039), Traefik answers 404 for a
/// Service without endpoints unless allowEmptyServices.
#[test]
fn a_missing_ingress_backend_says_whose_503_it_is_ingress_nginx_create_upstreams() {
    let r = analyze(&fixture("qa9-08-ingress-backend-other-namespace.yaml"), &Config::default());
    let all: Vec<&str> = r.diagnostics.iter().map(|d| d.message.as_str()).filter(|m| m.contains("503")).collect();
    assert!(!all.is_empty(), "{:#?}", r.diagnostics);
    for m in &all {
        assert!(!m.contains("the ingress controller has no upstream and answers 503") && !m.contains("the ingress controller answers 503"), "{m}");
    }
    assert!(all.iter().any(|m| m.contains("ingress-nginx has no upstream and answers 503 (Traefik and Contour leave such a path out instead: the request matches another path of the Ingress or gets 404)")), "{all:?}");
    // no ready endpoints: whose 503, and Traefik's 404
    let r = analyze(&fixture("qa1-22-ingress-port-503.yaml"), &Config::default());
    for p in r.services.iter().flat_map(|s| &s.paths).filter(|p| p.entry == Entry::Ingress && p.outcome == Outcome::Rejected) {
        assert!(p.reason.starts_with("ingress-nginx answers 503"), "{}", p.reason);
    }
    let none = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: nothing\n  ports:\n  - port: 80\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  ingressClassName: nginx\n  rules:\n  - http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: web\n            port:\n              number: 80\n";
    let r = analyze(none, &Config::default());
    let m: Vec<&str> = r.diagnostics.iter().map(|d| d.message.as_str()).filter(|m| m.contains("has no ready endpoints")).collect();
    assert!(m.iter().any(|m| m.contains("ingress-nginx answers 503 Service Temporarily Unavailable") && m.contains("Traefik answers 404 unless its provider sets allowEmptyServices")), "{m:?}");
}

/// Item 1, with qa9 10's policy (a namespaceSelector for kube-system): the lookup times out, and
/// the one warning is the DNS one on the policy (with the ipBlock advice); the kube-dns Service
/// gets no second warning that speaks of "this Service's endpoints" and of kube-proxy's DNAT,
/// which the node-local cache's NOTRACK rules skip. Over TCP alone (UDP admitted), the query
/// to the node's cache is dropped in the same words.
#[test]
fn node_local_dns_refused_by_policy_is_said_once_as_the_dns_query_cache_app_init_iptables() {
    let text = fixture("qa9-10-nodelocaldns-netpol.yaml");
    let r = analyze(&text, &Config::default());
    let d: Vec<&str> = codes(&r, "NetworkPolicyEgressDenies");
    assert_eq!(d.len(), 1, "{d:#?}");
    assert!(!d[0].contains("kube-proxy rewrote"), "{}", d[0]);
    // UDP by ipBlock, TCP only to the CoreDNS pods: the TCP query to the cache is dropped
    let udp_only = text.replacen("    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: kube-system\n    ports:\n    - port: 53\n      protocol: UDP\n    - port: 53\n      protocol: TCP\n", "    - ipBlock:\n        cidr: 10.96.0.10/32\n    ports:\n    - port: 53\n      protocol: UDP\n", 1);
    assert_ne!(udp_only, text);
    let r = analyze(&udp_only, &Config::default());
    let dns = r.services.iter().find(|s| s.name == "kube-dns").unwrap();
    let tcp = dns.paths.iter().find(|p| p.entry == Entry::Pod && p.protocol.as_deref() == Some("TCP")).unwrap();
    assert_eq!(tcp.outcome, Outcome::Dropped, "{tcp:#?}");
    let last = tcp.hops.last().unwrap();
    assert!(last.explanation.contains("no rule admits its DNS query (TCP 53 to 10.96.0.10") && !last.explanation.contains("kube-proxy rewrote"), "{}", last.explanation);
    let udp = dns.paths.iter().find(|p| p.entry == Entry::Pod && p.protocol.as_deref() == Some("UDP")).unwrap();
    assert_eq!(udp.outcome, Outcome::Delivered, "{udp:#?}");
    assert!(!codes(&r, "NetworkPolicyEgressDenies").iter().any(|m| m.contains("this Service's endpoints")), "{:?}", codes(&r, "NetworkPolicyEgressDenies"));
}

/// Item 7: EndpointSlice addresses (pkg/apis/discovery/validation/validation.go validateEndpoints,
/// kubernetes 76f1684: IsValidIPv6Address / IsValidIPv4Address, both ParseIPSloppy, then
/// ValidateEndpointIP). Was: names::valid_ip (IsValidIP, strict) refused "2001:DB8::1" with
/// "must be in canonical form" and "010.1.2.3" with "must not have leading 0s" — upstream takes
/// both. An IPv4-mapped address is IPv4 to To4(): an IPv6 slice refuses it. Endpoints addresses
/// (IsValidIPForLegacyField) do not need canonical form either.
#[test]
fn endpointslice_ipv6_addresses_need_no_canonical_form_is_valid_ipv6_address_parse_ip_sloppy() {
    let r = analyze(&fixture("fidfix26/endpointslice-ipv6-non-canonical.yaml"), &Config::default());
    let errs: Vec<String> = r.diagnostics.iter().filter(|d| d.severity == super::diag::Severity::Error).map(|d| d.message.clone()).collect();
    assert!(!errs.iter().any(|m| m.contains("canonical form") || m.contains("leading 0s")), "{errs:#?}");
    assert!(errs.iter().any(|m| m == "endpoints[2].addresses[0]: Invalid value: \"::ffff:10.0.0.3\": must be a valid IPv6 address"), "{errs:#?}");
    assert!(errs.iter().any(|m| m.starts_with("endpoints[3].addresses[0]: Invalid value: \"fe80::4\": may not be in the link-local range")), "{errs:#?}");
    assert!(!errs.iter().any(|m| m.contains("2001:DB8::1") || m.contains("2001:db8:0:0:0:0:0:2") || m.contains("010.1.2.3")), "{errs:#?}");
    // an unparsable address: both messages, as upstream appends both
    let bad = fixture("fidfix26/endpointslice-ipv6-non-canonical.yaml").replacen("2001:DB8::1", "2001:DB8::1::2", 1);
    let r = analyze(&bad, &Config::default());
    let m: Vec<&str> = r.diagnostics.iter().map(|d| d.message.as_str()).filter(|m| m.contains("2001:DB8::1::2")).collect();
    assert_eq!(m, ["endpoints[0].addresses[0]: Invalid value: \"2001:DB8::1::2\": must be a valid IPv6 address", "endpoints[0].addresses[0]: Invalid value: \"2001:DB8::1::2\": must be a valid IP address"], "{m:#?}");
    // Endpoints (core/v1): IsValidIPForLegacyField takes non-canonical IPv6 too
    let ep = "apiVersion: v1\nkind: Service\nmetadata:\n  name: ext\nspec:\n  ipFamilies: [IPv6]\n  ports:\n  - port: 80\n---\napiVersion: v1\nkind: Endpoints\nmetadata:\n  name: ext\nsubsets:\n- addresses:\n  - ip: 2001:DB8::7\n  ports:\n  - port: 80\n";
    let r = analyze(ep, &Config::default());
    assert!(!r.diagnostics.iter().any(|d| d.message.contains("canonical form")), "{:#?}", r.diagnostics);
}

/// Item 6: a BackendTLSPolicy (gateway-api v1.6.1 apis/v1 backendtlspolicy_types.go, standard
/// since v1.4) targeting the Service: the route path's hop from the Gateway says the Gateway
/// speaks TLS to the pod with the policy's hostname as SNI. Was: "custom resource … read and
/// ignored (not drawn)" and a plain HTTP hop. Its CRD rules: validation needs caCertificateRefs
/// or wellKnownCACertificates, not both (BackendTLSPolicyValidation CEL), targetRefs required.
#[test]
fn backend_tls_policy_makes_the_gateway_speak_tls_to_the_pods_backendtlspolicy_types() {
    let text = fixture("fidfix26/backendtlspolicy-httproute.yaml");
    let r = analyze(&text, &Config::default());
    let errs: Vec<&str> = r.diagnostics.iter().filter(|d| d.severity == super::diag::Severity::Error).map(|d| d.message.as_str()).collect();
    assert!(errs.is_empty(), "{errs:#?}");
    assert!(!r.diagnostics.iter().any(|d| d.message.contains("BackendTLSPolicy") && d.message.contains("read and ignored")), "{:#?}", r.diagnostics);
    let web = r.services.iter().find(|s| s.name == "web").unwrap();
    let p = web.paths.iter().find(|p| p.entry == Entry::HttpRoute).expect("the route's path");
    assert_eq!(p.outcome, Outcome::Delivered, "{p:#?}");
    let last = p.hops.last().unwrap();
    assert!(last.explanation.contains("BackendTLSPolicy web-tls targets this Service: the Gateway speaks TLS to the pod itself, with SNI web.internal.example.com") && last.explanation.contains("the System CA certificates"), "{}", last.explanation);
    // without the policy: no such words
    let cut = text.find("---\napiVersion: gateway.networking.k8s.io/v1\nkind: BackendTLSPolicy").unwrap();
    let end = text[cut + 4..].find("---\n").unwrap() + cut + 4;
    let without = format!("{}{}", &text[..cut], &text[end..]);
    let r = analyze(&without, &Config::default());
    let p = r.services.iter().find(|s| s.name == "web").unwrap().paths.iter().find(|p| p.entry == Entry::HttpRoute).unwrap();
    assert!(!p.hops.last().unwrap().explanation.contains("BackendTLSPolicy"), "{p:#?}");
    // a sectionName naming another port: not this one
    let other = text.replacen("    name: web\n  validation:", "    name: web\n    sectionName: metrics\n  validation:", 1);
    assert_ne!(other, text);
    let r = analyze(&other, &Config::default());
    let p = r.services.iter().find(|s| s.name == "web").unwrap().paths.iter().find(|p| p.entry == Entry::HttpRoute).unwrap();
    assert!(!p.hops.last().unwrap().explanation.contains("BackendTLSPolicy"), "{p:#?}");
    // CRD rules
    let both = text.replacen("    wellKnownCACertificates: System\n", "    wellKnownCACertificates: System\n    caCertificateRefs:\n    - group: \"\"\n      kind: ConfigMap\n      name: ca\n", 1);
    let e: Vec<String> = analyze(&both, &Config::default()).diagnostics.iter().filter(|d| d.severity == super::diag::Severity::Error).map(|d| d.message.clone()).collect();
    assert!(e.contains(&"spec.validation: Invalid value: \"object\": must not contain both CACertificateRefs and WellKnownCACertificates".to_string()), "{e:#?}");
    let neither = text.replacen("    wellKnownCACertificates: System\n", "", 1);
    let e: Vec<String> = analyze(&neither, &Config::default()).diagnostics.iter().filter(|d| d.severity == super::diag::Severity::Error).map(|d| d.message.clone()).collect();
    assert!(e.contains(&"spec.validation: Invalid value: \"object\": must specify either CACertificateRefs or WellKnownCACertificates".to_string()), "{e:#?}");
    let no_targets = text.replacen("  targetRefs:\n  - group: \"\"\n    kind: Service\n    name: web\n", "", 1);
    let e: Vec<String> = analyze(&no_targets, &Config::default()).diagnostics.iter().filter(|d| d.severity == super::diag::Severity::Error).map(|d| d.message.clone()).collect();
    assert!(e.iter().any(|m| m == "spec.targetRefs: Required value"), "{e:#?}");
    assert!(e.iter().any(|m| m.contains("some validation rules were not checked")), "{e:#?}");
}

/// Item 6: Gateway `spec.addresses` (v1.6.1 gateways.yaml: `maxItems: 16`, CEL `IPAddress
/// values must be unique`, `Hostname values must be unique`, a Hostname value's pattern). Was:
/// not checked.
#[test]
fn gateway_addresses_must_be_unique_gateways_yaml_cel() {
    let text = fixture("fidfix26/backendtlspolicy-httproute.yaml");
    let dup = text.replacen("  - type: IPAddress\n    value: 192.0.2.10\n", "  - type: IPAddress\n    value: 192.0.2.10\n  - value: 192.0.2.10\n  - type: Hostname\n    value: gw.example.com\n  - type: Hostname\n    value: gw.example.com\n  - type: Hostname\n    value: Bad_Name\n", 1);
    assert_ne!(dup, text);
    let e: Vec<String> = analyze(&dup, &Config::default()).diagnostics.iter().filter(|d| d.severity == super::diag::Severity::Error).map(|d| d.message.clone()).collect();
    assert!(e.contains(&"spec.addresses: Invalid value: \"array\": IPAddress values must be unique".to_string()), "{e:#?}");
    assert!(e.contains(&"spec.addresses: Invalid value: \"array\": Hostname values must be unique".to_string()), "{e:#?}");
    assert!(e.iter().any(|m| m.starts_with("spec.addresses[4]: Invalid value: \"object\": Hostname value must be empty or contain only valid characters")), "{e:#?}");
    let many = text.replacen("  - type: IPAddress\n    value: 192.0.2.10\n", &(1..=17).map(|i| format!("  - value: 192.0.2.{i}\n")).collect::<String>(), 1);
    let e: Vec<String> = analyze(&many, &Config::default()).diagnostics.iter().filter(|d| d.severity == super::diag::Severity::Error).map(|d| d.message.clone()).collect();
    assert!(e.contains(&"spec.addresses: Too many: 17: must have at most 16 items".to_string()), "{e:#?}");
}

/// Item 6 (nested MaxItems): an HTTPRoute backendRef's own filters, `maxItems: 16` (v1.6.1
/// httproutes.yaml, HTTPBackendRef.Filters). Was: not counted.
#[test]
fn httproute_backend_ref_filters_at_most_16_httproutes_yaml_max_items() {
    let text = fixture("fidfix26/backendtlspolicy-httproute.yaml");
    let filters: String = (0..17).map(|i| format!("      - type: RequestHeaderModifier\n        requestHeaderModifier:\n          set:\n          - name: x-{i}\n            value: v\n")).collect();
    let many = text.replacen("    - name: web\n      port: 443\n", &format!("    - name: web\n      port: 443\n      filters:\n{filters}"), 1);
    assert_ne!(many, text);
    let e: Vec<String> = analyze(&many, &Config::default()).diagnostics.iter().filter(|d| d.severity == super::diag::Severity::Error).map(|d| d.message.clone()).collect();
    assert!(e.contains(&"spec.rules[0].backendRefs[0].filters: Too many: 17: must have at most 16 items".to_string()), "{e:#?}");
}

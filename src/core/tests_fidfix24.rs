//! fidfix24: fidelity leftovers of session 20 (a host-network client's DNS hop to its node's
//! resolver, its words, NetworkPolicy and host-network clients, publishNotReadyAddresses, pod
//! records under a non-headless Service, `\/` in a `{` text read as YAML, PodSimulated's cap,
//! restartPolicy Never behind a Service). Each test reads real YAML (tests/fixtures/fidfix24/)
//! and names the upstream rule.

use super::analyze;
use super::config::Config;
use super::paths::{Entry, Outcome};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap()
}

/// The name of the pod of `prefix` on `node` (generated names).
fn pod_on(r: &super::Report, prefix: &str, node: &str) -> String {
    r.pods.iter().find(|p| p.name.starts_with(prefix) && p.node.as_deref() == Some(node)).map(|p| p.name.clone()).unwrap()
}

/// The qa6 11 scene (docker/for-mac#2646) with --client-pod on the DaemonSet's pod on node-1.
fn qa6_11_client() -> super::Report {
    let text = fixture("qa6-11-hostnetwork-daemonset-cluster-dns.yaml");
    let r = analyze(&text, &Config::default());
    let pod = pod_on(&r, "dns-test-", "node-1");
    analyze(&text, &Config { client_pod: Some(pod), ..Config::default() })
}

/// Item 1. A host-network client with dnsPolicy ClusterFirst asks its node's resolver
/// (pkg/kubelet/network/dns/dns.go getPodDNSType: "Fallback to DNSDefault for pod on
/// hostnetwork"): its DNS hop ends at the node (`resolver:node-1`), on the node's frame, and the
/// packet rests there, not on node-1's kube-proxy strip (kube-proxy plays no part in a query to
/// the node's nameserver). Was: `node:node-1`, drawn around the node and down onto its
/// kube-proxy box, the packet resting on the strip. At 1280 and 360 px.
#[test]
fn node_resolver_hop_ends_on_the_node_frame_not_kube_proxy_get_pod_dns_type() {
    let r = qa6_11_client();
    let s = r.services.iter().position(|s| s.name == "etcd").unwrap();
    let paths: Vec<_> = r.services[s].paths.iter().filter(|p| p.entry == Entry::Pod).collect();
    assert!(!paths.is_empty());
    for w in [1280.0, 360.0] {
        let l = crate::core::layout::layout(&r, Some(s), w);
        let node = l.find("node", "node-1").unwrap().rect;
        let kp = l.find("kube-proxy", "node-1").unwrap().rect;
        for p in &paths {
            assert_eq!(p.outcome, Outcome::Nxdomain);
            let h = &p.hops[0];
            assert_eq!(h.to, "resolver:node-1", "{w}");
            let drawn = l.drawn_route(&h.from, &h.to);
            let end = *drawn.last().unwrap();
            // the line ends on the node's frame (its left or right side, or its top edge)
            let on_frame = (end.0 - node.x).abs() < 1.0 || (end.0 - (node.x + node.w)).abs() < 1.0 || (end.1 - node.y).abs() < 1.0;
            assert!(on_frame, "{w}: ends at {end:?}, node {node:?}");
            let inside_kp = |(x, y): (f64, f64)| x > kp.x && x < kp.x + kp.w && y > kp.y && y < kp.y + kp.h;
            assert!(!inside_kp(end), "{w}: ends on kube-proxy: {end:?}");
            // the packet rests inside the node, off its kube-proxy strip and off every box in it
            let at = l.rest(&h.to).unwrap();
            assert!(at.0 > node.x && at.0 < node.x + node.w && at.1 > node.y && at.1 < node.y + node.h, "{w}: {at:?}");
            assert!(!inside_kp(at), "{w}: rests on kube-proxy: {at:?}");
            let dot = crate::core::layout::Rect { x: at.0 - 9.0, y: at.1 - 9.0, w: 18.0, h: 18.0 };
            for it in l.items.iter().filter(|i| matches!(i.kind, "pod" | "kube-proxy") && node.contains(&i.rect)) {
                assert!(!it.rect.overlaps(&dot), "{w}: the packet covers {} {}", it.kind, it.name);
            }
        }
    }
    // an outside client's hop into a node still goes on to its kube-proxy strip (uifix12)
    let text = fixture("qa6-01-lb-mixed-tcp-udp-443.yaml");
    let r = analyze(&text, &Config::default());
    let (si, p) = r.services.iter().enumerate().find_map(|(i, s)| s.paths.iter().find(|p| p.hops.iter().any(|h| h.to.starts_with("node:"))).map(|p| (i, p))).unwrap();
    let l = crate::core::layout::layout(&r, Some(si), 1280.0);
    let h = p.hops.iter().find(|h| h.to.starts_with("node:")).unwrap();
    let kp = l.find("kube-proxy", h.to.trim_start_matches("node:")).unwrap().rect;
    let at = l.rest(&h.to).unwrap();
    assert!(at.1 > kp.y && at.1 < kp.y + kp.h, "{at:?} {kp:?}");
}

/// Item 2. The qa6 11 path's reason is one sentence without nested parentheses, and each text
/// names the fix (dnsPolicy ClusterFirstWithHostNet) once: it read "the client pod does not use
/// the cluster DNS (hostNetwork: true with dnsPolicy ClusterFirst (set ClusterFirstWithHostNet
/// to keep the cluster DNS)): …" with "Set dnsPolicy: ClusterFirstWithHostNet" again in the hop.
/// A pod-network pod with dnsPolicy Default is told ClusterFirst (getPodDNSType: ClusterFirst is
/// podDNSCluster off the host network), not ClusterFirstWithHostNet.
#[test]
fn node_resolver_reason_is_one_sentence_naming_the_fix_once_get_pod_dns_type() {
    let r = qa6_11_client();
    let s = r.services.iter().find(|s| s.name == "etcd").unwrap();
    let nested = |t: &str| {
        let mut depth = 0i32;
        t.chars().any(|c| {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            depth > 1
        })
    };
    for p in s.paths.iter().filter(|p| p.entry == Entry::Pod) {
        assert!(!nested(&p.reason), "{}", p.reason);
        assert!(!p.reason.contains("). ") && !p.reason.contains(". "), "one sentence: {}", p.reason);
        assert!(p.reason.contains("hostNetwork: true and dnsPolicy ClusterFirst") && p.reason.contains("node's resolver"), "{}", p.reason);
        let h = &p.hops[0].explanation;
        assert!(!nested(h), "{h}");
        assert_eq!(h.matches("ClusterFirstWithHostNet").count() + p.reason.matches("ClusterFirstWithHostNet").count(), 1, "{}\n{h}", p.reason);
    }
    // --lookup: the summary names the cause without nesting, the query's note the fix once
    let pod = r.cluster.client_pod.name.clone();
    let l = super::dnsquery::lookup(&r, "default", &pod, "etcd");
    assert!(!nested(&l.summary), "{}", l.summary);
    assert!(l.summary.contains("(hostNetwork: true and dnsPolicy ClusterFirst)"), "{}", l.summary);
    assert_eq!(l.tries[0].note.matches("ClusterFirstWithHostNet").count(), 1, "{}", l.tries[0].note);
    // dnsPolicy Default on the pod network: the fix is ClusterFirst
    let text = fixture("qa6-11-hostnetwork-daemonset-cluster-dns.yaml").replacen("      hostNetwork: true\n", "      dnsPolicy: Default\n", 1);
    let r = analyze(&text, &Config::default());
    let pod = r.pods.iter().find(|p| p.name.starts_with("dns-test-")).unwrap().name.clone();
    let r = analyze(&text, &Config { client_pod: Some(pod.clone()), ..Config::default() });
    let p = r.services.iter().find(|s| s.name == "etcd").unwrap().paths.iter().find(|p| p.entry == Entry::Pod).unwrap();
    assert!(p.hops[0].explanation.contains("Set dnsPolicy: ClusterFirst in the pod spec"), "{}", p.hops[0].explanation);
    assert!(!p.hops[0].explanation.contains("ClusterFirstWithHostNet"), "{}", p.hops[0].explanation);
    let l = super::dnsquery::lookup(&r, "default", &pod, "etcd");
    assert!(l.tries[0].note.contains("dnsPolicy: ClusterFirst would use the cluster DNS"), "{}", l.tries[0].note);
}

/// Item 3. A hostNetwork client (kubernetes/website concepts/services-networking/
/// network-policies.md, "NetworkPolicy and hostNetwork pods": "NetworkPolicy behaviour for
/// hostNetwork pods is undefined, but it should be limited to 2 possibilities" — the plugin
/// applies policy to it as to a pod-network pod, or "ignores hostNetwork pods when matching
/// podSelector and namespaceSelector" and treats its traffic as the node's, "the most common
/// implementation"; the API's comments in k8s.io/api networking/v1 types.go say nothing of
/// hostNetwork, only NetworkPolicySpec.ingress's "OR if the traffic source is the pod's local
/// node"). The api pods admit only app=agent: api-1 on the agent's node is admitted either way
/// (its own node), api-2 on node-2 only by a plugin that matches the agent's labels: said as
/// undecided, not "admitted". Was: both admitted by the podSelector rule, as for any pod.
#[test]
fn host_network_client_as_ingress_source_is_undefined_off_its_node_network_policies_host_network_pods() {
    let text = fixture("fidfix24/03-hostnetwork-agent-netpol.yaml");
    let r = analyze(&text, &Config { client_pod: Some("agent".into()), ..Config::default() });
    let s = r.services.iter().find(|s| s.name == "api").unwrap();
    let p = s.paths.iter().find(|p| p.entry == Entry::Pod).unwrap();
    assert_eq!(p.outcome, Outcome::Delivered, "{p:#?}");
    assert!(p.reason.contains("the client is a hostNetwork pod, which sends from its node's address"), "{}", p.reason);
    assert!(p.reason.contains("\"NetworkPolicy behaviour for hostNetwork pods is undefined\""), "{}", p.reason);
    assert!(p.reason.contains("To api-2, a network plugin that applies NetworkPolicy to it as to a pod-network pod admits it"), "{}", p.reason);
    assert!(p.reason.contains("(the most common implementation) refuses it: NetworkPolicy api-from-agent selects api-2 for ingress"), "{}", p.reason);
    assert!(!r.diagnostics.iter().any(|d| d.code == "NetworkPolicyDenies"), "{:#?}", r.diagnostics);
    // the same agent on the pod network is admitted by the rule (allowed_by), nothing undecided
    let text = text.replace("  hostNetwork: true\n  dnsPolicy: ClusterFirstWithHostNet\n", "");
    let r = analyze(&text, &Config { client_pod: Some("agent".into()), ..Config::default() });
    let p = r.services.iter().find(|s| s.name == "api").unwrap().paths.iter().find(|p| p.entry == Entry::Pod).unwrap().clone();
    assert_eq!(p.outcome, Outcome::Delivered);
    assert!(!p.reason.contains("hostNetwork"), "{}", p.reason);
    assert!(p.allowed_by.as_deref().is_some_and(|a| a.contains("api-from-agent")), "{:?}", p.allowed_by);
}

/// Item 3, egress. A default-deny egress policy selects the hostNetwork agent by its labels:
/// whether it isolates a hostNetwork pod at all is the plugin's choice (network-policies.md:
/// "This applies when a hostNetwork pod is selected by spec.podSelector"), so the request and
/// its DNS lookup are not said to be dropped (nor the lookup to time out): both possibilities
/// are said. Was: "Dropped", the lookup timing out, as for a pod-network client.
#[test]
fn host_network_client_own_egress_policy_is_undefined_network_policies_host_network_pods() {
    let text = fixture("fidfix24/03b-hostnetwork-agent-egress-deny.yaml");
    let r = analyze(&text, &Config { client_pod: Some("agent".into()), ..Config::default() });
    let s = r.services.iter().find(|s| s.name == "api").unwrap();
    let p = s.paths.iter().find(|p| p.entry == Entry::Pod).unwrap();
    assert_ne!(p.outcome, Outcome::Dropped, "{p:#?}");
    assert!(p.reason.contains("but the client is a hostNetwork pod"), "{}", p.reason);
    assert!(p.reason.contains("a network plugin that applies NetworkPolicy to it as to a pod-network pod drops its lookups, one that treats its traffic as the node's (the most common implementation) does not"), "{}", p.reason);
    assert!(!r.diagnostics.iter().any(|d| d.code == "NetworkPolicyEgressDenies" && d.message.contains("the in-cluster client")), "{:#?}", r.diagnostics);
    let l = super::dnsquery::lookup(&r, "default", "agent", "api");
    assert_ne!(l.tries[0].rcode, "TIMEOUT", "{l:#?}");
    // on the pod network the same policy drops it
    let text = text.replace("  hostNetwork: true\n  dnsPolicy: ClusterFirstWithHostNet\n", "");
    let r = analyze(&text, &Config { client_pod: Some("agent".into()), ..Config::default() });
    let p = r.services.iter().find(|s| s.name == "api").unwrap().paths.iter().find(|p| p.entry == Entry::Pod).unwrap().clone();
    assert_eq!(p.outcome, Outcome::Dropped, "{p:#?}");
}

/// Item 4. A headless Service whose pods are not Ready (a readiness gate whose condition never
/// appears, qa6 19's shape) or not for their first 30 s (qa6 20, kubernetes#78290's
/// elasticsearch discovery Service): an info suggests publishNotReadyAddresses, the known fix
/// for peer discovery (core/v1 types.go ServiceSpec.PublishNotReadyAddresses; k8s.io/endpointslice
/// utils.go podToEndpoint: `ready := service.Spec.PublishNotReadyAddresses || (serving &&
/// !terminating)`). With the field set the endpoints are ready and nothing is said; with a
/// clusterIP (qa6 19 as asked) nothing is suggested: the field would send traffic there too.
#[test]
fn headless_service_with_not_ready_peers_suggests_publish_not_ready_addresses_pod_to_endpoint() {
    let text = fixture("fidfix24/04-headless-peers-readiness-gate.yaml");
    let r = analyze(&text, &Config::default());
    let d: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "HeadlessNotReadyPeers").collect();
    assert_eq!(d.len(), 1, "{:#?}", r.diagnostics);
    assert_eq!(d[0].severity, super::diag::Severity::Info);
    assert_eq!(d[0].line, 9, "spec.clusterIP");
    assert!(d[0].message.starts_with("Service kube-httpcache-peers is headless and 2 of its pods (kube-httpcache-"), "{}", d[0].message);
    assert!(d[0].message.contains("publishNotReadyAddresses: true makes the EndpointSlice controller list every selected pod as ready"), "{}", d[0].message);
    assert!(d[0].hint.as_deref().unwrap().contains("set publishNotReadyAddresses: true"), "{:?}", d[0].hint);
    // set: every endpoint ready (A records for both pods), nothing said
    let fixed = text.replacen("  clusterIP: None\n", "  clusterIP: None\n  publishNotReadyAddresses: true\n", 1);
    let r = analyze(&fixed, &Config::default());
    assert!(!r.diagnostics.iter().any(|d| d.code == "HeadlessNotReadyPeers"), "{:#?}", r.diagnostics);
    let s = r.services.iter().find(|s| s.name == "kube-httpcache-peers").unwrap();
    assert!(s.endpoints.len() == 2 && s.endpoints.iter().all(|e| e.ready), "{:?}", s.endpoints);
    assert_eq!(s.dns_records.iter().filter(|r| r.kind == "A" && r.name == "kube-httpcache-peers.default.svc.cluster.local").count(), 2);
    // qa6 20: ready in the picture, not for the first 30 s
    let r = analyze(&fixture("qa6-20-headless-readiness-initial-delay.yaml"), &Config::default());
    let d: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "HeadlessNotReadyPeers").collect();
    assert_eq!(d.len(), 1, "{:#?}", r.diagnostics);
    assert!(d[0].message.contains("its pods are not Ready for at least 30 s after each start"), "{}", d[0].message);
    // qa6 19 as asked: a Service with a clusterIP: not suggested
    let r = analyze(&fixture("qa6-19-readiness-gate-no-status.yaml"), &Config::default());
    assert!(!r.diagnostics.iter().any(|d| d.code == "HeadlessNotReadyPeers"), "{:#?}", r.diagnostics);
}

/// Item 5. A pod with spec.hostname and spec.subdomain under a Service with a clusterIP that
/// selects it: CoreDNS answers hostname.subdomain (plugin/kubernetes/kubernetes.go findServices:
/// `if svc.Headless() || r.endpoint != ""`; listed among the Service's records and answered by
/// the lookup), but the DNS specification defines it only under a headless Service (2.4.1) and
/// kube-dns makes none (kubernetes/dns pkg/dns/dns.go addDNSUsingEndpoints: `if svc == nil ||
/// v1.IsServiceIPSet(svc) … return nil`): an info says so. Was: nothing said (the pod's name
/// was listed as if every cluster DNS answered it).
#[test]
fn pod_hostname_under_clusterip_service_is_coredns_only_find_services() {
    let text = fixture("fidfix24/05-hostname-subdomain-clusterip.yaml");
    let r = analyze(&text, &Config::default());
    let s = r.services.iter().find(|s| s.name == "db").unwrap();
    assert!(!s.headless);
    let ip = r.pods.iter().find(|p| p.name == "db-main").unwrap().ip.clone().unwrap();
    assert!(s.dns_records.iter().any(|d| d.kind == "A" && d.name == "primary.db.default.svc.cluster.local" && d.answer == ip), "{:?}", s.dns_records);
    let l = super::dnsquery::lookup(&r, "default", "client", "primary.db");
    assert_eq!(l.tries[0].rcode, "NOERROR", "{l:#?}");
    assert!(l.tries[0].note.contains("the DNS spec requires it only for a headless Service"), "{}", l.tries[0].note);
    let d: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "SubdomainClusterIPService").collect();
    assert_eq!(d.len(), 1, "{:#?}", r.diagnostics);
    assert!(d[0].message.contains("CoreDNS answers primary.db.default.svc.cluster.local with the pod's address while it is a ready endpoint"), "{}", d[0].message);
    assert!(d[0].message.contains("only under a headless Service (clusterIP: None)"), "{}", d[0].message);
    // headless: the specification's own case, nothing to say
    let r = analyze(&text.replacen("  selector:\n", "  clusterIP: None\n  selector:\n", 1), &Config::default());
    assert!(!r.diagnostics.iter().any(|d| d.code == "SubdomainClusterIPService"), "{:#?}", r.diagnostics);
}

/// Item 6. A `{` text whose first value is not JSON (an unquoted key, `data:`) is read again as
/// YAML (apimachinery pkg/util/yaml/decoder.go `YAMLOrJSONDecoder.Decode`, Kubernetes 1.33,
/// kubernetes/kubernetes#130666: `NewYAMLToJSONDecoder` → sigs.k8s.io/yaml → go-yaml v2), and
/// go-yaml v2's double-quoted scalar knows no `\/` (scannerc.go yaml_parser_scan_flow_scalar:
/// YAML 1.2's escape, not 1.1's): "found unknown escape character", so the YAML fails too and
/// the JSON error stands (`firstErr`). Was: the flip kept `\/` as in JSON (the check looked at the
/// text's first character) and read the ConfigMap. Without the escape the flip reads it.
#[test]
fn json_flip_to_yaml_refuses_slash_escape_yaml_or_json_decoder_go_yaml_v2() {
    let text = fixture("fidfix24/06-json-flip-slash-escape.yaml");
    let r = analyze(&text, &Config::default());
    let errs: Vec<&str> = r.diagnostics.iter().filter(|d| d.severity == super::diag::Severity::Error).map(|d| d.message.as_str()).collect();
    assert_eq!(errs.len(), 1, "{:#?}", r.diagnostics);
    assert!(errs[0].contains("invalid character 'd' looking for beginning of object key string"), "{errs:?}");
    assert!(!r.diagnostics.iter().any(|d| d.code == "IgnoredKind"), "{:#?}", r.diagnostics);
    // `/` unescaped: the YAML reading succeeds, a ConfigMap
    let plain = text.replace("\\/", "/");
    let r = analyze(&plain, &Config::default());
    assert!(!r.diagnostics.iter().any(|d| d.severity == super::diag::Severity::Error), "{:#?}", r.diagnostics);
    assert!(r.diagnostics.iter().any(|d| d.code == "IgnoredKind" && d.message.starts_with("ConfigMap")), "{:#?}", r.diagnostics);
    // a JSON text keeps `\/` (encoding/json's escape)
    let json = text.replace("data:", "\"data\":");
    let r = analyze(&json, &Config::default());
    assert!(!r.diagnostics.iter().any(|d| d.severity == super::diag::Severity::Error), "{:#?}", r.diagnostics);
    // and a YAML stream's document that starts with `{` is go-yaml's too
    let r = analyze(&format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\n{json}"), &Config::default());
    assert!(r.diagnostics.iter().any(|d| d.severity == super::diag::Severity::Error && d.message.contains("found unknown escape character")), "{:#?}", r.diagnostics);
}

/// Item 7. A dump with 25 pods written by hand beside it (no status: fidfix23's PodSimulated,
/// pkg/registry/core/pod/strategy.go PrepareForCreate gives every created pod a status): one
/// info per pod for the first cluster::MAX_SIMULATED_NOTES (20), then one for the other 5. Was:
/// 25 infos with the same words.
#[test]
fn pod_simulated_infos_are_capped_prepare_for_create() {
    let r = analyze(&fixture("fidfix24/07-dump-with-hand-written-pods.yaml"), &Config::default());
    let d: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "PodSimulated").collect();
    assert_eq!(super::cluster::MAX_SIMULATED_NOTES, 20);
    assert_eq!(d.len(), 21, "{:#?}", d.iter().map(|d| &d.message).collect::<Vec<_>>());
    assert!(d[0].message.starts_with("Pod debug-01 has no status"), "{}", d[0].message);
    assert!(d[19].message.starts_with("Pod debug-20 has no status"), "{}", d[19].message);
    let last = d[20];
    assert!(last.message.starts_with("5 more Pods have no status, unlike the input's other pods, which a cluster printed (debug-21, debug-22, debug-23, …)"), "{}", last.message);
    assert_eq!(last.object.as_deref(), Some("Pod/default/debug-21"));
    // every hand-written pod is still simulated
    assert_eq!(r.pods.iter().filter(|p| p.name.starts_with("debug-")).count(), 25);
}

/// Item 8. A bare Pod with restartPolicy Never whose container exited 1 (phase Failed) behind a
/// Service: the EndpointSlice controller never lists a terminal pod whatever its restartPolicy
/// (k8s.io/endpointslice util/controller_utils.go ShouldPodBeInEndpoints: `if isPodTerminal(pod)
/// { return false }`), and the kubelet does not restart it (kubelet_pods.go getPhase: Never and a
/// failed container → Failed): the words say how it got there and that it stays. Was: "phase
/// Failed: terminal pods are never endpoints", nothing of restartPolicy or what comes next.
#[test]
fn failed_pod_with_restart_policy_never_is_no_endpoint_for_good_should_pod_be_in_endpoints() {
    let r = analyze(&fixture("fidfix24/08-failed-pod-restart-never.yaml"), &Config::default());
    let s = r.services.iter().find(|s| s.name == "report").unwrap();
    assert_eq!(s.endpoints.iter().filter_map(|e| e.pod.as_deref()).collect::<Vec<_>>(), ["report-live"]);
    let m = s.near_misses.iter().find(|m| m.pod == "report-once").expect("the Failed pod is said");
    assert!(m.reason.starts_with("phase Failed: a container exited with an error and restartPolicy: Never keeps the kubelet from restarting it"), "{}", m.reason);
    assert!(m.reason.contains("the EndpointSlice controller never lists one (ShouldPodBeInEndpoints)"), "{}", m.reason);
    assert!(m.reason.ends_with("nothing recreates a bare Pod: it stays until deleted"), "{}", m.reason);
    // restartPolicy Always (the default): the pod was failed from outside, not by its exit
    let text = fixture("fidfix24/08-failed-pod-restart-never.yaml").replacen("  restartPolicy: Never\n", "", 1);
    let r = analyze(&text, &Config::default());
    let m = r.services[0].near_misses.iter().find(|m| m.pod == "report-once").unwrap();
    assert!(m.reason.starts_with("phase Failed: with restartPolicy: Always the kubelet restarts a container that fails, so the pod itself was failed"), "{}", m.reason);
}

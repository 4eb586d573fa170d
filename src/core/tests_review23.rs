//! review23: an independent review of session 21's new rules (qa7, review22, and the merges that
//! followed) against upstream. Each test fails on the rule as it was merged and cites the upstream
//! function it was read against.

use super::analyze;
use super::config::Config;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap()
}

/// OVERCLAIM (qa7 351619c): "the resolver reads /etc/hosts before DNS (hosts: files dns)" for
/// every image. musl (src/network/lookup_name.c: name_from_hosts before name_from_dns_search) and
/// Go's resolver do, and glibc does with the usual nsswitch.conf; but glibc without
/// /etc/nsswitch.conf uses its default `hosts: dns [!UNAVAIL=return] files` (the glibc manual,
/// "Notes on NSS Configuration File"): DNS first, /etc/hosts only when DNS is unreachable. The
/// kubelet side (pkg/kubelet/kubelet_pods.go ensureHostsFile → managedHostsFileContent,
/// hostsEntriesFromHostAliases) is right and stays.
#[test]
fn etc_hosts_answer_names_the_resolvers_that_read_it_first_glibc_nss_default_dns_first() {
    let r = analyze(&fixture("qa7-11-hostaliases-lookup.yaml"), &Config { client_namespace: Some("default".into()), client_pod: Some("hostaliases-pod".into()), ..Config::default() });
    let l = super::dnsquery::lookup(&r, "default", "hostaliases-pod", "foo.local");
    assert_eq!(l.tries[0].rcode, "HOSTS", "{l:#?}");
    let note = &l.tries[0].note;
    assert!(note.contains("musl, Go's resolver and glibc with the usual /etc/nsswitch.conf (hosts: files dns) read /etc/hosts before DNS"), "{note}");
    assert!(note.contains("an image with glibc and no /etc/nsswitch.conf asks DNS first and reads /etc/hosts only when DNS is unreachable (glibc's default hosts: dns [!UNAVAIL=return] files)"), "{note}");
    assert!(!note.contains("the resolver reads /etc/hosts before DNS"), "{note}");
    assert!(l.summary.ends_with("before any DNS query (unless the image has glibc and no /etc/nsswitch.conf)"), "{}", l.summary);
}

/// OVERCLAIM (qa7 24d38bb): DaemonSetBehindClusterIP advised internalTrafficPolicy: Local without
/// its cost. kube-proxy pkg/proxy/iptables/proxier.go syncProxyRules: with InternalPolicyLocal()
/// and no local endpoints, hasInternalEndpoints = false and the clusterIP rule is a DROP ("has no
/// local endpoints"): a client on a node without a ready pod of the DaemonSet loses its connection.
#[test]
fn daemonset_note_says_internal_traffic_policy_local_drops_where_no_local_pod_proxier_has_internal_endpoints() {
    let r = analyze(&fixture("qa7-16-daemonset-service-etp-local.yaml"), &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "DaemonSetBehindClusterIP").expect("the note");
    assert!(d.message.ends_with("set internalTrafficPolicy: Local (kube-proxy then uses only that node's endpoints, and drops the connection of a client on a node where no ready pod of it runs)"), "{}", d.message);
}

/// OVERCLAIM (qa7 50a6fc3): ContainerPortShared said "only one process in the pod can listen on
/// 8080/TCP … the second one's bind fails … and it restarts". Two sockets that both set
/// SO_REUSEPORT share a port (socket(7)), and whether a container restarts after a failed bind is
/// its program's and the pod's restartPolicy's business. The same-protocol condition is right
/// (UDP and TCP on one number do not conflict), and hostIP plays no part in a container's bind.
#[test]
fn shared_container_port_note_claims_a_bind_conflict_only_socket_reuseport() {
    let r = analyze(&fixture("qa7-08-two-containers-same-port.yaml"), &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "ContainerPortShared").expect("the note");
    assert!(d.message.contains("so two processes in the pod cannot both listen on 8080/TCP (unless both set SO_REUSEPORT): if both containers try, the second one's bind fails (\"address already in use\")"), "{}", d.message);
    assert!(!d.message.contains("and it restarts") && !d.message.contains("only one process"), "{}", d.message);
    // UDP beside TCP on the same number: nothing said
    let text = fixture("qa7-08-two-containers-same-port.yaml");
    let udp = text.replacen("containerPort: 8080", "containerPort: 8080\n      protocol: UDP", 1);
    assert_ne!(udp, text);
    let r = analyze(&udp, &Config::default());
    assert!(r.diagnostics.iter().all(|d| d.code != "ContainerPortShared"), "{:#?}", r.diagnostics);
}

/// WRONG (qa7 747572a): a route without hostnames whose parentRef names no sectionName attaches
/// to both HTTP listeners of port 80 (gateway-api apis/v1/shared_types.go
/// ParentReference.SectionName: "When unspecified (empty string), this will reference the entire
/// resource"), hostnames a.example.com and b.example.com; each listener takes it with its own
/// hostname (apis/v1/httproute_types.go HTTPRouteSpec.Hostnames). The path said "The Gateway
/// matches host a.example.com only … a request for another host does not match the listener",
/// false for b.example.com.
#[test]
fn route_on_two_listeners_matches_both_listener_hostnames_parent_reference_section_name() {
    let text = fixture("review23/01-gateway-two-listener-hostnames-route-without-sectionname.yaml");
    let r = analyze(&text, &Config::default());
    let s = r.services.iter().find(|s| s.name == "coffee").unwrap();
    let p = s.paths.iter().find(|p| p.entry == super::paths::Entry::HttpRoute).expect("the route's path");
    let first = &p.hops[0].explanation;
    assert!(!first.contains("host a.example.com only"), "{first}");
    assert!(first.contains("The Gateway matches host a.example.com or b.example.com only (the route names no hostnames, so it takes the hostname of each of its listeners site-a, site-b: a request for another host matches none of them)"), "{first}");
    // route hostnames: the ones outside both listeners' are ignored
    let r = analyze(&text.replace("  rules:\n  - backendRefs:", "  hostnames: [a.example.com, b.example.com, c.example.com]\n  rules:\n  - backendRefs:"), &Config::default());
    let s = r.services.iter().find(|s| s.name == "coffee").unwrap();
    let first = &s.paths.iter().find(|p| p.entry == super::paths::Entry::HttpRoute).unwrap().hops[0].explanation;
    assert!(first.contains("The Gateway matches host a.example.com or b.example.com (the route's hostnames c.example.com do not match the hostnames of its listeners site-a, site-b (a.example.com, b.example.com), so they are ignored there)"), "{first}");
    // only listener site-b intersects the route's hostnames: it alone takes the route
    let r = analyze(&text.replace("  rules:\n  - backendRefs:", "  hostnames: [b.example.com, c.example.com]\n  rules:\n  - backendRefs:"), &Config::default());
    let s = r.services.iter().find(|s| s.name == "coffee").unwrap();
    let first = &s.paths.iter().find(|p| p.entry == super::paths::Entry::HttpRoute).unwrap().hops[0].explanation;
    assert!(first.contains("The Gateway matches host b.example.com (the route's hostnames c.example.com do not match listener site-b's hostname b.example.com, so they are ignored there)"), "{first}");
    // a listener on another port is not on this path: one listener, as before
    let r = analyze(&text.replace("  - name: site-b\n    port: 80", "  - name: site-b\n    port: 8080"), &Config::default());
    let s = r.services.iter().find(|s| s.name == "coffee").unwrap();
    let first = &s.paths.iter().find(|p| p.entry == super::paths::Entry::HttpRoute).unwrap().hops[0].explanation;
    assert!(first.contains("host a.example.com only (the route names no hostnames, so it takes listener site-a's hostname a.example.com"), "{first}");
    // one listener without a hostname takes any host: no narrowing
    let r = analyze(&text.replace("    hostname: b.example.com\n", ""), &Config::default());
    let s = r.services.iter().find(|s| s.name == "coffee").unwrap();
    let first = &s.paths.iter().find(|p| p.entry == super::paths::Entry::HttpRoute).unwrap().hops[0].explanation;
    assert!(first.contains("The Gateway matches any host"), "{first}");
}

/// WRONG (learn17 6b81e1e): getsvc said "Only ports 80, 8080 are open on <clusterIP>: … a client
/// that dials <clusterIP>:8080 (the pods' port) matches none of them and reaches no pod" for a
/// Service whose second port is 8080 itself. kube-proxy writes one KUBE-SERVICES rule per Service
/// port (pkg/proxy/iptables/proxier.go syncProxyRules), so 8080 is caught there. With one port
/// (80 → 8080) the sentence stays.
#[test]
fn get_svc_target_port_sentence_only_when_no_service_port_has_that_number_proxier_per_port_rule() {
    let r = analyze(&fixture("review23/02-service-port-and-target-port-both-open.yaml"), &Config::default());
    let s = r.services.iter().find(|s| s.name == "web").unwrap();
    let words = super::getsvc::explain(s, &r.cluster.service_cidr).join("\n");
    assert!(!words.contains("matches none of them"), "{words}");
    let text = fixture("review23/02-service-port-and-target-port-both-open.yaml").replace("  - {name: app, port: 8080, targetPort: 8080}\n", "");
    let r = analyze(&text, &Config::default());
    let s = r.services.iter().find(|s| s.name == "web").unwrap();
    let words = super::getsvc::explain(s, &r.cluster.service_cidr).join("\n");
    assert!(words.contains("Only port 80 is open on") && words.contains(":8080 (the pods' port) matches none of them and reaches no pod"), "{words}");
}

/// OVERCLAIM (learn17 6b81e1e): "No network interface holds it" of every clusterIP. True with
/// kube-proxy in iptables (and nftables) mode; in IPVS mode kube-proxy binds each clusterIP to the
/// kube-ipvs0 dummy device (pkg/proxy/ipvs/proxier.go syncService → netlinkHandle.EnsureAddressBind),
/// as layout.rs's ping words already say.
#[test]
fn get_svc_cluster_ip_words_name_the_proxy_mode_ipvs_binds_kube_ipvs0() {
    let r = analyze(&fixture("review23/02-service-port-and-target-port-both-open.yaml"), &Config::default());
    let s = r.services.iter().find(|s| s.name == "web").unwrap();
    let words = super::getsvc::explain(s, &r.cluster.service_cidr).join("\n");
    assert!(!words.contains("No network interface holds it"), "{words}");
    assert!(words.contains("With kube-proxy in iptables mode (the usual one) no network interface holds it, and kube-proxy's rules on every node catch packets sent to it (IPVS mode puts it on each node's kube-ipvs0 device)."), "{words}");
}

/// WRONG (qa8 1c7503c): an Ingress with kubernetes.io/ingress.class and spec.ingressClassName
/// both "nginx" was refused with "can not be set when the class field is also set", the rule of
/// v1.18–v1.26. kubernetes/kubernetes pkg/apis/networking/validation/validation.go
/// ValidateIngressCreate since v1.27 (kubernetes#115447): `annotationIsSet &&
/// IngressClassName != nil && annotationVal != *IngressClassName` → "must match
/// `ingressClassName` when both are specified"; equal values are accepted.
#[test]
fn ingress_class_annotation_equal_to_the_field_is_accepted_validate_ingress_create_since_1_27() {
    let text = fixture("qa8-07-ingress-class-annotation-and-field.yaml");
    let r = analyze(&text, &Config::default());
    assert!(r.diagnostics.iter().all(|d| d.severity != super::diag::Severity::Error), "{:#?}", r.diagnostics);
    let r = analyze(&text.replacen("  ingressClassName: nginx\n", "  ingressClassName: public\n", 1), &Config::default());
    let d = r.diagnostics.iter().find(|d| d.field.as_deref() == Some("annotations.kubernetes.io/ingress.class")).expect("the create error");
    assert!(d.message.ends_with("Invalid value: \"nginx\": must match `ingressClassName` when both are specified"), "{}", d.message);
}

/// OVERCLAIM (fidfix24 e5c76e6): a Failed pod with restartPolicy: Never was said to have failed
/// because "a container exited with an error". The kubelet's getPhase (kubelet_pods.go) gives
/// that, but an eviction (eviction manager: phase Failed, reason Evicted), activeDeadlineSeconds
/// (kubelet active deadline handler) or a node shutdown fail the pod whatever its restartPolicy;
/// the report keeps no container exit codes, so it cannot tell which. The words now name both.
#[test]
fn failed_never_pod_words_name_eviction_too_kubelet_get_phase_and_eviction() {
    let r = analyze(&fixture("fidfix24/08-failed-pod-restart-never.yaml"), &Config::default());
    let s = r.services.iter().find(|s| s.name == "report").unwrap();
    let m = s.near_misses.iter().find(|m| m.pod == "report-once").expect("the Failed pod is said");
    assert!(m.reason.starts_with("phase Failed: a container exited with an error and restartPolicy: Never keeps the kubelet from restarting it (or the pod itself was failed: evicted, past activeDeadlineSeconds, or its node shut down)"), "{}", m.reason);
}

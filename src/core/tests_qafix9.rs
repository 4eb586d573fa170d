//! qafix9: what helper qa9's real-question sweep (15 threads) found the report gets WRONG or
//! MISSES. Each test reads the thread's own YAML (tests/fixtures/qa9-*), trimmed, with the source
//! URL in its header comment.

use super::analyze;
use super::config::Config;
use super::diag::Severity;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap()
}

fn egress_denies(r: &super::Report) -> Vec<&super::diag::Diagnostic> {
    r.diagnostics.iter().filter(|d| d.code == "NetworkPolicyEgressDenies").collect()
}

/// qa9 10 (kubernetes/kubernetes#70555, blakebarnett): a policy admitting DNS egress to
/// namespace kube-system by namespaceSelector, with NodeLocal DNSCache in its iptables mode
/// (`-localip 169.254.20.10,<kube-dns clusterIP>`). Was: "allowed by NetworkPolicy …
/// namespaceSelector kubernetes.io/metadata.name=kube-system" — the query judged against a
/// CoreDNS pod after kube-proxy's DNAT. kubernetes/dns cmd/node-cache/app/cache_app.go
/// initIptables: a raw-table NOTRACK rule per -localip address on port 53, so no DNAT; the
/// query's destination stays 10.96.0.10 on the client's own node, which is no pod, and
/// NetworkPolicyPeer's selectors select pods. An ipBlock holding the address admits it (the
/// asker's fix).
#[test]
fn node_local_dns_on_the_dns_address_is_no_pod_cache_app_init_iptables_notrack() {
    let text = fixture("qa9-10-nodelocaldns-netpol.yaml");
    let r = analyze(&text, &Config::default());
    let d = egress_denies(&r);
    assert_eq!(d.len(), 1, "{:#?}", r.diagnostics);
    assert!(d[0].message.contains("no rule admits its DNS query (UDP 53 to 10.96.0.10, which DaemonSet/node-local-dns (namespace kube-system, hostNetwork) answers on the pod's own node"), "{}", d[0].message);
    assert!(d[0].message.contains("to: [{ipBlock: {cidr: 10.96.0.10/32}}]"), "{}", d[0].message);
    let dns = r.services.iter().find(|s| s.name == "kube-dns").unwrap();
    let from_pod: Vec<_> = dns.paths.iter().filter(|p| p.entry == super::paths::Entry::Pod).collect();
    assert!(!from_pod.is_empty() && from_pod.iter().all(|p| p.reason.contains("the lookup of kube-dns.kube-system.svc.cluster.local times out")), "{from_pod:#?}");

    // without node-local-dns: kube-proxy rewrites the address to a CoreDNS pod, which the
    // namespaceSelector admits (unchanged)
    let cut = text.find("---\napiVersion: apps/v1\nkind: DaemonSet").unwrap();
    let r = analyze(&text[..cut], &Config::default());
    assert!(egress_denies(&r).is_empty(), "{:#?}", r.diagnostics);

    // the asker's fix: an ipBlock holding the DNS address
    let fixed = text.replacen("    - namespaceSelector:\n", "    - ipBlock:\n        cidr: 10.96.0.10/32\n    - namespaceSelector:\n", 1);
    assert_ne!(fixed, text);
    let r = analyze(&fixed, &Config::default());
    assert!(egress_denies(&r).is_empty(), "{:#?}", r.diagnostics);

    // node-cache without its iptables rules (-setupiptables=false), or bound only to the
    // link-local address (IPVS mode: pods reach it only through the kubelet's --cluster-dns,
    // not known here): kube-proxy's DNAT stands
    for other in [
        text.replacen("\"-localip\", \"169.254.20.10,10.96.0.10\",", "\"-localip\", \"169.254.20.10,10.96.0.10\", \"-setupiptables=false\",", 1),
        text.replacen("\"169.254.20.10,10.96.0.10\"", "\"169.254.20.10\"", 1),
    ] {
        assert_ne!(other, text);
        let r = analyze(&other, &Config::default());
        assert!(egress_denies(&r).is_empty(), "{:#?}", r.diagnostics);
    }
    // `-localip=…` and `--localip …` are the same flag (Go's flag package)
    for form in ["\"-localip=169.254.20.10,10.96.0.10\",", "\"--localip\", \"169.254.20.10,10.96.0.10\","] {
        let r = analyze(&text.replacen("\"-localip\", \"169.254.20.10,10.96.0.10\",", form, 1), &Config::default());
        assert_eq!(egress_denies(&r).len(), 1, "{form}: {:#?}", r.diagnostics);
    }
}

/// qa9 08 (hashicorp/terraform-provider-kubernetes#1198): an Ingress in namespace edge whose
/// backend is Service hellonode, which the input has in namespace default. Was (main 2c7847e):
/// an info "Service \"hellonode\" is not in this input (nor any Service of namespace edge: paste
/// it too …)" — false, and the asker's cause hidden. k8s.io/api networking/v1 types.go
/// IngressServiceBackend.Name: "The service must exist in the same namespace as the Ingress
/// object".
#[test]
fn ingress_backend_in_another_namespace_of_the_input_is_named_ingress_service_backend_same_namespace() {
    let text = fixture("qa9-08-ingress-backend-other-namespace.yaml");
    let r = analyze(&text, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "IngressBackend" || d.message.contains("route the default backend")).expect("the backend note");
    assert_eq!(d.severity, Severity::Warning, "{d:#?}");
    assert!(d.message.contains("Service \"hellonode\" does not exist in namespace edge: the input's Service hellonode is in namespace default, and an Ingress reaches only Services of its own namespace"), "{}", d.message);
    assert!(d.message.contains("externalName: hellonode.default.svc.cluster.local"), "{}", d.message);
    assert!(!d.message.contains("is not in this input"), "{}", d.message);
    // with no Service of that name anywhere, still a partial input (corpus11)
    let cut = text.find("---\napiVersion: v1\nkind: Service").unwrap();
    let r = analyze(&text[..cut], &Config::default());
    let d = r.diagnostics.iter().find(|d| d.message.contains("route the default backend")).expect("the backend note");
    assert_eq!(d.severity, Severity::Info, "{d:#?}");
    assert!(d.message.contains("is not in this input"), "{}", d.message);
}

/// qa9 04 (canonical/microk8s#948): `nslookup mypod1`, a pod behind headless Service
/// myservice without hostname/subdomain. Was: NXDOMAIN down the search path and the upstream
/// forward, with no word why. kubernetes/dns docs/specification.md 2.4.1 (`<hostname>.<service>`
/// under a headless Service only for a pod whose subdomain names it) and 2.6 (pod A records by
/// dashed address); CoreDNS plugin/kubernetes endpointHostname (an endpoint without hostname
/// is named by its dashed address).
#[test]
fn a_pods_name_looked_up_says_it_is_no_dns_name_dns_specification_2_4_1() {
    let r = analyze(&fixture("qa9-04-headless-pods-no-hostname.yaml"), &Config::default());
    let ip = r.pods.iter().find(|p| p.name == "mypod1").and_then(|p| p.ip.clone()).unwrap();
    let dashed = ip.replace('.', "-");
    for typed in ["mypod1", "mypod1.default", "mypod1.default.svc.cluster.local"] {
        let l = super::dnsquery::lookup(&r, "default", super::paths::CLIENT_POD, typed);
        assert!(l.tries.iter().all(|t| t.answers.is_empty()), "{typed}: {l:#?}");
        assert!(l.summary.contains("mypod1 is the name of pod default/mypod1, and a pod's name is no DNS name"), "{typed}: {}", l.summary);
        assert!(l.summary.contains(&format!("this pod answers as {dashed}.myservice.default.svc.cluster.local")), "{typed}: {}", l.summary);
        assert!(l.summary.contains("with spec.hostname: mypod1 and spec.subdomain: myservice in the pod it answers as mypod1.myservice.default.svc.cluster.local"), "{typed}: {}", l.summary);
        assert!(l.summary.contains(&format!("{dashed}.default.pod.cluster.local")), "{typed}: {}", l.summary);
    }
    // the asker's fix: hostname and subdomain; the name then answers
    let fixed = fixture("qa9-04-headless-pods-no-hostname.yaml").replacen("spec:\n  containers:\n  - image: localhost:32000/titansim_image:2\n    command: [\"sleep\", \"infinity\"]\n    name: mycontainer1", "spec:\n  hostname: mypod1\n  subdomain: myservice\n  containers:\n  - image: localhost:32000/titansim_image:2\n    command: [\"sleep\", \"infinity\"]\n    name: mycontainer1", 1);
    let r = analyze(&fixed, &Config::default());
    let l = super::dnsquery::lookup(&r, "default", super::paths::CLIENT_POD, "mypod1.myservice");
    assert!(l.tries.iter().any(|t| t.answers.iter().any(|a| a.answer == ip)), "{l:#?}");
    // a Service's name is not a pod's: no such hint
    let l = super::dnsquery::lookup(&r, "default", super::paths::CLIENT_POD, "nosuch");
    assert!(!l.summary.contains("no DNS name"), "{}", l.summary);
}

/// qa9 08, the same mistake in a Gateway API route: a backendRef without namespace names the
/// route's own (gateway-api apis/v1 BackendObjectReference.Namespace "When unspecified, the
/// local namespace is inferred"); the input's Service of that name in another namespace is the
/// one meant. Was: "nor any Service of that namespace: paste it too" (an info).
#[test]
fn route_backend_in_another_namespace_of_the_input_is_named_backend_object_reference_namespace() {
    let text = fixture("qa9-08-ingress-backend-other-namespace.yaml");
    let cut = text.find("---\napiVersion: v1\nkind: Service").unwrap();
    let route = "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: hello\n  namespace: edge\nspec:\n  rules:\n  - backendRefs:\n    - name: hellonode\n      port: 80\n";
    let r = analyze(&format!("{route}{}", &text[cut..]), &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "GatewayBackendRef").expect("the backendRef note");
    assert_eq!(d.severity, Severity::Warning, "{d:#?}");
    assert!(d.message.contains("ResolvedRefs False, reason BackendNotFound"), "{}", d.message);
    assert!(d.message.contains("the input's Service hellonode is in namespace default: set namespace: default on this backendRef, with a ReferenceGrant in namespace default"), "{}", d.message);
    // no Service of that name anywhere: still a partial input
    let r = analyze(route, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "GatewayBackendRef").expect("the backendRef note");
    assert_eq!(d.severity, Severity::Info, "{d:#?}");
    assert!(d.message.contains("paste it too"), "{}", d.message);
}

/// qa9 15 (kubernetes/kubernetes#97687): three ScheduleAnyway constraints on keys two of the
/// eight Nodes lack; the asker expected Pending. Was: pods placed, nothing said.
/// pkg/scheduler/framework/plugins/podtopologyspread/scoring.go initPreScoreState
/// (IgnoredNodes) and NormalizeScore (score 0); filtering.go calPreFilterState filters with
/// DoNotSchedule constraints only.
#[test]
fn schedule_anyway_on_a_node_without_the_key_is_said_podtopologyspread_scoring_ignored_nodes() {
    let text = fixture("qa9-15-topology-spread-schedule-anyway.yaml");
    let r = analyze(&text, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "SpreadScheduleAnyway").expect("the ScheduleAnyway note");
    assert_eq!(d.severity, Severity::Info);
    assert!(d.message.starts_with("spec.template.spec.topologySpreadConstraints[0].whenUnsatisfiable: ScheduleAnyway only ranks nodes: pod "), "{}", d.message);
    assert!(d.message.contains("which has no label zone") && d.message.contains("whenUnsatisfiable: DoNotSchedule keeps pods off nodes without the label"), "{}", d.message);
    assert!(r.pods.iter().filter(|p| p.owner.as_deref() == Some("StatefulSet/web")).all(|p| p.node.is_some()), "{:#?}", r.pods);
    // DoNotSchedule: the unlabelled nodes are filtered out, and no ScheduleAnyway note
    let hard = text.replace("whenUnsatisfiable: ScheduleAnyway", "whenUnsatisfiable: DoNotSchedule");
    let r = analyze(&hard, &Config::default());
    assert!(r.diagnostics.iter().all(|d| d.code != "SpreadScheduleAnyway"), "{:#?}", r.diagnostics);
    assert!(r.pods.iter().filter_map(|p| p.node.as_deref()).all(|n| n != "node-7" && n != "node-8"), "{:#?}", r.pods);
    // simulated nodes (no Node objects): their labels are not the cluster's, nothing said
    let cut = text.find("apiVersion: apps/v1").unwrap();
    let r = analyze(&text[cut..], &Config::default());
    assert!(r.diagnostics.iter().all(|d| d.code != "SpreadScheduleAnyway"), "{:#?}", r.diagnostics);
}

/// qa9 17 (kubernetes/kubernetes#66811): a Deployment of 1 replica and a PodDisruptionBudget
/// minAvailable 1: "kubectl drain got stuck … allowed disruptions was always 0". Was: nothing
/// said unless the page's drain what-if was used. pkg/controller/disruption/disruption.go
/// updatePdbStatus (disruptionsAllowed = currentHealthy − desiredHealthy).
#[test]
fn budget_allowing_no_disruption_is_said_disruption_controller_update_pdb_status() {
    let text = fixture("qa9-17-pdb-min-available-one-replica.yaml");
    let r = analyze(&text, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "BudgetAllowsNoDisruption").expect("the budget note");
    assert_eq!(d.severity, Severity::Info);
    assert!(d.message.starts_with("PodDisruptionBudget web: minAvailable 1 with its one pod (web-"), "{}", d.message);
    assert!(d.message.contains("allows 0 disruptions (the disruption controller's disruptionsAllowed = 1 healthy − 1 desired)"), "{}", d.message);
    // two replicas: one disruption allowed, nothing said
    let r = analyze(&text.replacen("replicas: 1", "replicas: 2", 1), &Config::default());
    assert!(r.diagnostics.iter().all(|d| d.code != "BudgetAllowsNoDisruption"), "{:#?}", r.diagnostics);
    // maxUnavailable 0 refuses every eviction too
    let r = analyze(&text.replacen("minAvailable: 1", "maxUnavailable: 0", 1).replacen("replicas: 1", "replicas: 3", 1), &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "BudgetAllowsNoDisruption").expect("the budget note");
    assert!(d.message.contains("maxUnavailable 0 with all 3 of its pods healthy allows 0 disruptions"), "{}", d.message);
}

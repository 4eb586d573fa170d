//! What the learner9 test found (/work/learner9/report.md), fixed: each test feeds the learner's
//! own input (tests/fixtures/learner9) and asserts the sentence that answers it, with the
//! upstream source it rests on (kubernetes/kubernetes paths and functions in each test's doc).

use super::checklist::{checklist, Check};
use super::config::Config;
use super::layout::relation;
use super::report::Report;
use super::analyze;

fn fixture(file: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/learner9").join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn find<'a>(c: &'a [Check], key: &str) -> &'a Check {
    c.iter().find(|c| c.key == key).unwrap_or_else(|| panic!("no {key} check in {c:#?}"))
}

fn details(r: &Report, svc: &str, pod: &str) -> String {
    let s = r.services.iter().find(|s| s.name == svc).expect("service");
    let p = r.pods.iter().find(|p| p.name == pod).expect("pod");
    relation(Some(s), p).1
}

/// W1 (q/08): every endpoint terminating, web-1 still serving (Ready), web-2 not. kube-proxy
/// falls back to the serving terminating endpoint (pkg/proxy/topology.go CategorizeEndpoints:
/// no ready endpoints → the serving terminating ones), so the path delivers to web-1; the Why
/// check must not fail with "Fix its readiness probe", and web-1's details must say it gets the
/// traffic. After "Make it Ready" on web-2 both serve and both get traffic.
#[test]
fn terminating_fallback_topology_go_categorize_endpoints_why_and_details_agree() {
    let text = fixture("08-terminating-all.yaml");
    let r = analyze(&text, &Config::default());
    let s = &r.services[0];
    let pod_path = s.paths.iter().find(|p| p.entry == super::paths::Entry::Pod).expect("pod path");
    assert_eq!(pod_path.outcome, super::paths::Outcome::Delivered, "{pod_path:#?}");
    let c = checklist(&text, &r, "default/web", "pod");
    let ready = find(&c, "ready");
    assert_eq!(ready.status, "warn", "{}", ready.why);
    assert!(!ready.why.contains("Fix its readiness probe"), "{}", ready.why);
    assert!(ready.why.contains("(serving: web-1)") && ready.why.contains("web-2 no longer passes its readiness probe"), "{}", ready.why);
    assert!(!c.iter().any(|c| c.status == "fail"), "{c:#?}");
    let d1 = details(&r, "web", "web-1");
    assert!(d1.contains("gets traffic on 8080 (terminating, serving: kube-proxy falls back to it"), "{d1}");
    let d2 = details(&r, "web", "web-2");
    assert!(d2.contains("terminating, not serving") && d2.contains("no traffic"), "{d2}");

    // "Make it Ready" on web-2: both serve now; kube-proxy picks between them
    let r = analyze(&text, &Config { flip_ready: vec!["default/web-2".into()], ..Config::default() });
    for pod in ["web-1", "web-2"] {
        let d = details(&r, "web", pod);
        assert!(d.contains("gets traffic on 8080 (terminating, serving"), "{pod}: {d}");
    }
    let c = checklist(&text, &r, "default/web", "pod");
    assert!(find(&c, "ready").why.contains("(serving: web-1, web-2)"), "{}", find(&c, "ready").why);
}

/// U Q09/Q10: a Pending pod with no IP and Succeeded/Failed pods match the selector but are no
/// endpoints (staging/src/k8s.io/endpointslice/utils.go ShouldPodBeInEndpoints: terminal phase or
/// no PodIP): details say "selected by web but not an endpoint", and the Why check gives no
/// readiness-probe advice ("it stays Running" of a pod that never ran or has finished).
#[test]
fn pending_and_finished_pods_should_pod_be_in_endpoints_selected_not_endpoint() {
    let text = fixture("10-succeeded-failed.yaml");
    let r = analyze(&text, &Config::default());
    for pod in ["migrate-ok", "migrate-bad"] {
        let d = details(&r, "web", pod);
        assert!(d.starts_with("selected by web but not an endpoint: phase "), "{pod}: {d}");
    }
    let c = checklist(&text, &r, "default/web", "pod");
    let ready = find(&c, "ready");
    assert!(!ready.why.contains("readiness probe does not restart") && !ready.why.contains("stays Running"), "{}", ready.why);
    assert!(ready.why.contains("migrate-ok: Succeeded") && ready.why.contains("migrate-bad: Failed"), "{}", ready.why);

    let text = fixture("09-pending-no-ip.yaml");
    let r = analyze(&text, &Config::default());
    let d = details(&r, "web", "web-pending");
    assert!(d.starts_with("selected by web but not an endpoint: Pending with no pod IP"), "{d}");
    let c = checklist(&text, &r, "default/web", "pod");
    let ready = find(&c, "ready");
    assert!(!ready.why.contains("stays Running"), "{}", ready.why);
    assert!(ready.why.contains("web-pending: Pending, 0/3 nodes are available"), "{}", ready.why);
}

fn lb_first_hop(r: &Report) -> String {
    let s = &r.services[0];
    let p = s.paths.iter().find(|p| p.entry == super::paths::Entry::LoadBalancer).expect("lb path");
    p.hops[0].explanation.clone()
}

/// W2 (q/22 dump): status.loadBalancer.ingress `ip: 203.0.113.50, ipMode: Proxy` — kube-proxy
/// keeps only VIP-mode ingress IPs (pkg/proxy/serviceport.go newBaseServiceInfo: `if ing.IP ==
/// "" || !proxyutil.IsVIPMode(ing) { continue }`), so no "loadbalancer IP" rule; the LB path says
/// in-cluster traffic to that address leaves through the cloud load balancer.
#[test]
fn lb_ipmode_proxy_serviceport_go_new_base_service_info_writes_no_rule() {
    let r = analyze(&fixture("22-lb-ip-proxy-dump.yaml"), &Config::default());
    let s = &r.services[0];
    assert_eq!(s.lb_no_rules, vec!["203.0.113.50".to_string()]);
    let set = super::iptables::rules_for(s, &r, &r.nodes[0].name);
    assert!(!set.rules.iter().any(|l| l.line.contains("loadbalancer IP") || l.line.contains("203.0.113.50")), "{:#?}", set.rules.iter().map(|r| &r.line).collect::<Vec<_>>());
    let h = lb_first_hop(&r);
    assert!(h.contains("ipMode: Proxy, so kube-proxy writes no rule for 203.0.113.50") && h.contains("leave through the cloud load balancer"), "{h}");
    // a VIP-mode ingress (no ipMode) keeps its rule
    let vip = fixture("22-lb-ip-proxy-dump.yaml").replace("      ipMode: Proxy\n", "");
    let r = analyze(&vip, &Config::default());
    let set = super::iptables::rules_for(&r.services[0], &r, &r.nodes[0].name);
    assert!(set.rules.iter().any(|l| l.line.contains("\"default/web loadbalancer IP\" -m tcp -p tcp -d 203.0.113.50")), "{:#?}", set.rules.iter().map(|r| &r.line).collect::<Vec<_>>());
    assert!(r.services[0].lb_no_rules.is_empty());
}

/// M2 (q/21 dump): an ingress with only a hostname (an AWS ELB) gets no kube-proxy rule
/// (newBaseServiceInfo: `ing.IP == ""`): the path says pods dialing the name go out through the
/// cloud load balancer.
#[test]
fn lb_hostname_only_serviceport_go_skips_empty_ip() {
    let r = analyze(&fixture("21-lb-hostname-dump.yaml"), &Config::default());
    let h = lb_first_hop(&r);
    assert!(h.contains("only a hostname (a1b2c3-123456789.eu-west-1.elb.amazonaws.com)") && h.contains("kube-proxy writes rules only for ingress IPs"), "{h}");
}

/// W3 (q/34 pod ndots-one): spec.dnsConfig.options ndots "1" is merged into the pod's
/// resolv.conf (pkg/kubelet/network/dns/dns.go GetPodDNS → appendDNSConfig → mergeDNSOptions:
/// the pod's option overwrites the default ndots:5), so "web.default" (1 dot ≥ ndots 1) is asked
/// as typed first; searches and nameservers are appended (omitDuplicates); dnsPolicy None takes
/// dnsConfig alone.
#[test]
fn pod_dns_config_dns_go_append_dns_config_merge_dns_options() {
    let r = analyze(&fixture("34-dnspolicy-default.yaml"), &Config::default());
    let conf = super::dnsquery::resolv_conf(&r, "default", "ndots-one");
    assert!(conf.contains("options ndots:1") && !conf.contains("ndots:5"), "{conf}");
    let l = super::dnsquery::lookup(&r, "default", "ndots-one", "web.default");
    assert_eq!(l.ndots, 1);
    assert_eq!(l.tries[0].query, "web.default.", "{:?}", l.tries.iter().map(|t| &t.query).collect::<Vec<_>>());
    // the default client still has ndots:5 and the search list first
    let l = super::dnsquery::lookup(&r, "default", "client", "web.default");
    assert_eq!(l.tries[0].query, "web.default.default.svc.cluster.local.");

    let pod = |spec: &str| format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: asker}}\nspec:\n{spec}  containers: [{{name: c, image: x}}]\n---\n{}", fixture("24-dns-ndots.yaml"));
    // searches appended after the cluster's, options merged by name
    let r = analyze(&pod("  dnsConfig:\n    searches: [corp.example, svc.cluster.local]\n    options: [{name: ndots, value: \"2\"}, {name: edns0}]\n"), &Config::default());
    let conf = super::dnsquery::resolv_conf(&r, "default", "asker");
    assert_eq!(conf, "nameserver 10.96.0.10\nsearch default.svc.cluster.local svc.cluster.local cluster.local corp.example\noptions ndots:2 edns0");
    // dnsPolicy None naming the cluster DNS: its searches only, glibc's default ndots 1
    let r = analyze(&pod("  dnsPolicy: None\n  dnsConfig:\n    nameservers: [10.96.0.10]\n    searches: [default.svc.cluster.local]\n"), &Config::default());
    let l = super::dnsquery::lookup(&r, "default", "asker", "web");
    assert_eq!((l.ndots, l.search.clone()), (1, vec!["default.svc.cluster.local".to_string()]));
    assert!(l.summary.contains("answers A"), "{}", l.summary);
    // dnsPolicy None naming another server: not the cluster DNS
    let r = analyze(&pod("  dnsPolicy: None\n  dnsConfig:\n    nameservers: [1.1.1.1]\n"), &Config::default());
    let l = super::dnsquery::lookup(&r, "default", "asker", "web");
    assert_eq!(l.tries[0].rcode, "FORWARDED");
    assert!(l.summary.contains("nameserver 1.1.1.1"), "{}", l.summary);
}

/// W4 (q/25, dual-stack PreferDualStack): an A query answers A records only, an AAAA query AAAA
/// only (kubernetes/dns docs/specification.md 2.3.1; CoreDNS plugin/kubernetes answers by
/// qtype): the lookup shows both queries, each with its own answer.
#[test]
fn dual_stack_lookup_asks_a_and_aaaa_separately_specification_2_3_1() {
    let text = fixture("25-dualstack-prefer.yaml");
    // the learner's "IP family: IPv4, IPv6" cluster (the CLI's --ip-family)
    let r = analyze(&text, &Config { dual_stack: true, secondary_cidr: super::config::Cidr::parse("fd00:10:96::/112"), ..Config::default() });
    assert_eq!(r.services[0].cluster_ips.len(), 2);
    let l = super::dnsquery::lookup(&r, "default", "client", "web");
    let answered: Vec<&super::dnsquery::DnsTry> = l.tries.iter().filter(|t| !t.answers.is_empty()).collect();
    assert_eq!(answered.len(), 2, "{:#?}", l.tries);
    assert_eq!((answered[0].qtype.as_str(), answered[0].answers[0].kind.as_str()), ("A", "A"));
    assert_eq!((answered[1].qtype.as_str(), answered[1].answers[0].kind.as_str()), ("AAAA", "AAAA"));
    assert!(l.summary.contains("an A and an AAAA query each"), "{}", l.summary);
}

/// W5 (q/24): `kubernetes` from a pod answers in every cluster — the API server creates
/// default/kubernetes itself (pkg/controlplane/controller/kubernetesservice controller.go
/// CreateOrUpdateMasterServiceIfNeeded, port 443 "https") with the first address of the Service
/// range (pkg/controlplane/services.go ServiceIPRange: GetIndexedIP(&serviceClusterIPRange, 1)),
/// which the allocator never hands to another Service (service::Allocations::reserved). The
/// report's Services list does not grow.
#[test]
fn kubernetes_default_answers_without_yaml_kubernetesservice_controller() {
    let r = analyze(&fixture("24-dns-ndots.yaml"), &Config::default());
    assert!(!r.services.iter().any(|s| s.name == "kubernetes"));
    let l = super::dnsquery::lookup(&r, "default", "client", "kubernetes");
    let t = l.tries.iter().find(|t| !t.answers.is_empty()).unwrap_or_else(|| panic!("{:#?}", l.tries));
    assert_eq!(t.query, "kubernetes.default.svc.cluster.local.");
    assert_eq!(t.answers[0].answer, "10.96.0.1");
    assert!(t.note.contains("It is not in your YAML"), "{}", t.note);
    let l = super::dnsquery::lookup(&r, "default", "client", "kubernetes.default");
    assert!(l.summary.contains("A 10.96.0.1"), "{}", l.summary);
    // no user Service takes the first address, however many ask
    let many: String = (0..60).map(|i| format!("---\napiVersion: v1\nkind: Service\nmetadata: {{name: s{i}}}\nspec: {{ports: [{{port: 80}}]}}\n")).collect();
    let r = analyze(&many, &Config { service_cidr: super::config::Cidr::parse("10.96.0.0/26").unwrap(), ..Config::default() });
    assert!(r.services.iter().all(|s| s.cluster_ip.as_deref() != Some("10.96.0.1")), "{:?}", r.services.iter().map(|s| &s.cluster_ip).collect::<Vec<_>>());
}

/// U Q02 (q/02, internalTrafficPolicy Local): the step that picks says why only the client's
/// node's endpoints count (pkg/proxy/topology.go CategorizeEndpoints: InternalPolicyLocal →
/// the node-local endpoints), as the PreferClose hints' step does.
#[test]
fn itp_local_caption_topology_go_categorize_endpoints_internal_policy_local() {
    let r = analyze(&fixture("02-itp-local-both.yaml"), &Config::default());
    let s = &r.services[0];
    let p = s.paths.iter().find(|p| p.entry == super::paths::Entry::Pod).expect("pod path");
    let pick = p.hops.iter().find(|h| h.explanation.contains("kube-proxy's rules")).expect("pick hop");
    assert!(pick.explanation.contains("(internalTrafficPolicy Local: kube-proxy on node-"), "{}", pick.explanation);
    assert!(pick.explanation.contains("uses only the endpoints on node-"), "{}", pick.explanation);
}

/// U Q06 (q/06): sessionAffinity None with sessionAffinityConfig timeoutSeconds 300 — the API
/// server's SetDefaults_Service (pkg/apis/core/v1/defaults.go) sets SessionAffinityConfig = nil
/// when SessionAffinity is None, so it is accepted silently and dropped: an info says so.
#[test]
fn session_affinity_none_config_set_defaults_service_drops_it() {
    let r = analyze(&fixture("06-affinity-none-config.yaml"), &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "SessionAffinityConfigDropped").unwrap_or_else(|| panic!("{:#?}", r.diagnostics));
    assert!(d.message.starts_with("spec.sessionAffinityConfig is dropped: sessionAffinity is None, so the API server's defaulting (SetDefaults_Service) removes the config"), "{}", d.message);
    assert_eq!(d.line, 10, "at the config (obj.pos convention: the value)");
    assert_eq!(r.services[0].session_affinity_timeout, None);
    // ClientIP keeps it: no info
    let r = analyze(&fixture("06-affinity-none-config.yaml").replace("sessionAffinity: None", "sessionAffinity: ClientIP"), &Config::default());
    assert!(!r.diagnostics.iter().any(|d| d.code == "SessionAffinityConfigDropped"));
    assert_eq!(r.services[0].session_affinity_timeout, Some(300));
}

/// U Q07 (q/07): the endpoint's EndpointSlice conditions in the pod's details
/// (staging/src/k8s.io/endpointslice/utils.go podToEndpoint: serving = Ready condition,
/// terminating = deletionTimestamp, ready = serving && !terminating).
#[test]
fn endpoint_slice_conditions_pod_to_endpoint_in_details() {
    let r = analyze(&fixture("08-terminating-all.yaml"), &Config::default());
    let s = &r.services[0];
    let c = |name: &str| super::poddetails::slice_conditions(Some(s), r.pods.iter().find(|p| p.name == name).unwrap()).unwrap();
    assert!(c("web-1").starts_with("ready=false serving=true terminating=true (being deleted but still passing"), "{}", c("web-1"));
    assert!(c("web-2").starts_with("ready=false serving=false terminating=true"), "{}", c("web-2"));
    let r = analyze(&fixture("10-succeeded-failed.yaml"), &Config::default());
    let s = &r.services[0];
    assert_eq!(super::poddetails::slice_conditions(Some(s), r.pods.iter().find(|p| p.name == "web-1").unwrap()).as_deref(), Some("ready=true serving=true terminating=false (Ready)"));
    assert_eq!(super::poddetails::slice_conditions(Some(s), r.pods.iter().find(|p| p.name == "migrate-ok").unwrap()), None);
}

/// M Q12 (q/12): a hostPort is reachable only at its node's address (the CNI portmap plugin,
/// fed by the kubelet's sandbox PortMappings: kuberuntime_sandbox.go generatePodSandboxConfig),
/// not through kube-proxy or a Service.
#[test]
fn host_port_kuberuntime_sandbox_port_mappings_only_its_node() {
    let r = analyze(&fixture("12-hostport.yaml"), &Config::default());
    let p = r.pods.iter().find(|p| p.containers.iter().any(|c| c.ports.iter().any(|x| x.host_port.is_some()))).expect("a hostPort pod");
    let node = r.nodes.iter().find(|n| Some(&n.name) == p.node.as_ref()).expect("node");
    let lines = super::poddetails::host_ports(p, Some(node.ip.as_str()));
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with(&format!("hostPort 8080 → container port 8080/TCP: only {}'s address {}:8080 reaches this pod", node.name, node.ip)), "{}", lines[0]);
    assert!(lines[0].contains("CNI portmap plugin") && lines[0].contains("not kube-proxy and not a Service"), "{}", lines[0]);
}

/// U Q13 (q/13): a UDP container port shows "/UDP" beside its name (FindPort matches name and
/// protocol: pkg/api/v1/pod/util.go FindPort), TCP ones stay as they were.
#[test]
fn udp_container_port_shows_its_protocol_find_port() {
    let r = analyze(&fixture("13-named-proto-mismatch.yaml"), &Config::default());
    let all: Vec<String> = r.pods.iter().map(super::layout::pod_ports).collect();
    assert!(all.iter().any(|p| p.contains("http:9090/UDP")), "{all:?}");
    assert!(all.iter().any(|p| p.contains("http:8080") && !p.contains("8080/")), "{all:?}");
}

/// U Q15 (q/15, DNS on 53/UDP and 53/TCP): the UDP path's pick is per conntrack flow, not
/// per connection (kube-proxy's DNAT is kept in conntrack; pkg/proxy/conntrack/cleanup.go
/// CleanStaleEntries deletes a gone endpoint's UDP flows); the TCP path keeps "per connection".
#[test]
fn udp_pick_is_per_conntrack_flow_cleanup_go() {
    let r = analyze(&fixture("15-udp-dns.yaml"), &Config::default());
    let s = &r.services[0];
    let pick = |proto: &str| {
        let p = s.paths.iter().find(|p| p.entry == super::paths::Entry::Pod && p.protocol.as_deref().unwrap_or("TCP") == proto).unwrap_or_else(|| panic!("{proto} path"));
        p.hops.iter().map(|h| h.explanation.clone()).find(|e| e.contains("kube-proxy's rules")).unwrap_or_default()
    };
    assert!(pick("UDP").contains("per flow: UDP has no connections"), "{}", pick("UDP"));
    assert!(pick("TCP").contains("per connection"), "{}", pick("TCP"));
}

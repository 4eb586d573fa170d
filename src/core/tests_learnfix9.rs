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

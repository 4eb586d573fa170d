//! What the learner8 test found on the page (/work/learner8/report.md): each test feeds the
//! learner's own input (tests/fixtures/learner8) or a preset and asserts the sentence, check or
//! fix that answers it, with the upstream source it rests on.

use super::checklist::{apply, checklist, Check};
use super::config::Config;
use super::connections::{endpoint_column, mode_line, picker, Client, ClientMode, Picker};
use super::paths::Outcome;
use super::presets;
use super::report::Report;
use super::analyze;

fn fixture(dir: &str, file: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(dir).join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn fixtures(dir: &str) -> Vec<(String, String)> {
    let d = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(dir);
    let mut v: Vec<(String, String)> = std::fs::read_dir(&d)
        .expect("fixtures")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .map(|n| (n.clone(), fixture(dir, &n)))
        .collect();
    v.sort();
    v
}

fn entry_key(p: &super::paths::Path) -> String {
    match (p.entry.as_str(), &p.node) {
        ("nodeport", Some(n)) => format!("nodeport@{n}"),
        (e, _) => e.to_string(),
    }
}

fn find<'a>(c: &'a [Check], key: &str) -> &'a Check {
    c.iter().find(|c| c.key == key).unwrap_or_else(|| panic!("no {key} check in {c:#?}"))
}

fn preset(id: &str) -> &'static presets::Preset {
    presets::ALL.iter().find(|p| p.id == id).expect("preset")
}

/// W1: kube-proxy skips a headless Service (kubernetes/kubernetes pkg/proxy/util/utils.go
/// ShouldSkipService: no clusterIP), so Send 12 on headless-statefulset must not say "kube-proxy's
/// KUBE-SVC rules picked 1 of 1 endpoints", nor the panel "kube-proxy picks an endpoint for every
/// new connection", nor the table "pod (DNAT)": the client dials an address DNS gave it (which
/// one is its resolver's choice).
#[test]
fn headless_send_twelve_credits_the_client_not_kube_proxy() {
    for (text, cloud) in [(preset("headless-statefulset").yaml.to_string(), false), (fixture("learner8", "29-headless-deploy.yaml"), false)] {
        let r = analyze(&text, &Config { cloud, ..Config::default() });
        let s = r.services.iter().find(|s| s.headless).expect("headless");
        let p = &s.paths[0];
        let pk = picker(p);
        let ready = s.endpoints.iter().filter(|e| e.ready).count();
        assert_eq!(pk, Picker::ClientDns { records: ready });
        let mut c = Client::default();
        let d: Vec<_> = (0..12).filter_map(|_| c.send_by(&pk, ClientMode::PerRequest, &p.backends, s.session_affinity == "ClientIP", |_| true)).collect();
        assert_eq!(d.len(), 12);
        for d in &d {
            assert!(!d.why.contains("kube-proxy's KUBE-SVC"), "{}", d.why);
            assert!(d.why.contains(&format!("resolved the name to {}", super::report::count(ready, "A record", "A records"))) && d.why.contains("resolver's choice"), "{}", d.why);
            assert!(d.why.ends_with("nothing DNATs it.") && d.why.contains("the page shows the first, "), "{}", d.why);
        }
        for m in [ClientMode::PerRequest, ClientMode::KeepAlive(2), ClientMode::Multiplexed] {
            let line = mode_line(&pk, m);
            assert!(!line.contains("kube-proxy picks") && !line.contains("kube-proxy picked"), "{line}");
            assert!(line.contains("kube-proxy skips this Service"), "{line}");
        }
        assert!(!endpoint_column(&pk).contains("(DNAT)"));
        // the hop says the choice is the client's resolver's, not a rule about the first record
        let direct = p.hops.iter().find(|h| h.kind == super::paths::HopKind::Direct).expect("direct hop");
        assert!(direct.explanation.contains("resolver's choice"), "{}", direct.explanation);
    }
    // a ClusterIP Service keeps kube-proxy's words
    let r = analyze(preset("web-clusterip").yaml, &Config::default());
    let p = &r.services[0].paths[0];
    assert_eq!(picker(p), Picker::KubeProxy);
    let d = Client::default().send_by(&Picker::KubeProxy, ClientMode::PerRequest, &p.backends, false, |_| true).expect("delivered");
    assert!(d.why.contains("kube-proxy's KUBE-SVC rules picked 1 of 3"), "{}", d.why);
    assert_eq!(endpoint_column(&picker(p)), "pod (DNAT)");
}

/// W1: an ExternalName Service is a CNAME: the client follows it out of the cluster and nothing
/// forwards it (ShouldSkipService skips type ExternalName).
#[test]
fn externalname_panel_says_nothing_in_the_cluster_forwards() {
    let r = analyze(preset("web-externalname").yaml, &Config::default());
    let p = &r.services[0].paths[0];
    let pk = picker(p);
    assert_eq!(pk, Picker::Cname { target: "web.example.com".into() });
    for m in [ClientMode::PerRequest, ClientMode::KeepAlive(2), ClientMode::Multiplexed] {
        let line = mode_line(&pk, m);
        assert!(line.contains("follows the CNAME to web.example.com") && line.contains("nothing in the cluster forwards"), "{line}");
        assert!(!line.contains("kube-proxy picks"), "{line}");
    }
}

/// W2: q/23-lb-source-ranges.yaml (loadBalancerSourceRanges 203.0.113.0/24, cloud on, from the
/// load balancer) is dropped — kube-proxy's KUBE-FW-* chain accepts only those sources and
/// KUBE-PROXY-FIREWALL drops the rest (pkg/proxy/iptables/proxier.go syncProxyRules,
/// usesFWChain) — and the Why panel said "every check passes". Now a failing check, with a fix
/// that lets the client in, in a flow and in a block sequence.
#[test]
fn lb_source_ranges_fail_a_check_whose_fix_delivers() {
    let text = fixture("learner8", "23-lb-source-ranges.yaml");
    let cfg = Config { cloud: true, ..Config::default() };
    for text in [text.clone(), text.replace("  loadBalancerSourceRanges: [\"203.0.113.0/24\"]\n", "  loadBalancerSourceRanges:\n  - 203.0.113.0/24\n")] {
        let r = analyze(&text, &cfg);
        let lb = r.services[0].paths.iter().find(|p| p.entry == super::paths::Entry::LoadBalancer).expect("lb path");
        assert_eq!(lb.outcome, Outcome::Dropped);
        let c = checklist(&text, &r, "web", "loadbalancer");
        let k = find(&c, "sourceRanges");
        assert_eq!(k.status, "fail", "{k:?}");
        assert!(k.why.contains("does not include the client 198.51.100.7"), "{}", k.why);
        let f = k.fix.as_ref().expect("a fix");
        assert_eq!(f.label, "Allow the client: add 198.51.100.7/32 to loadBalancerSourceRanges");
        let fixed = apply(&text, &f.edit).expect("applies");
        let r = analyze(&fixed, &cfg);
        assert!(r.diagnostics.iter().all(|d| d.severity != super::diag::Severity::Error), "{fixed}");
        assert_eq!(r.services[0].load_balancer_source_ranges, ["203.0.113.0/24", "198.51.100.7/32"], "{fixed}");
        let lb = r.services[0].paths.iter().find(|p| p.entry == super::paths::Entry::LoadBalancer).expect("lb path");
        assert_eq!(lb.outcome, Outcome::Delivered, "{}", lb.reason);
        assert_eq!(find(&checklist(&fixed, &r, "web", "loadbalancer"), "sourceRanges").status, "ok");
    }
}

/// W2, the guard: for every preset and every learner7/learner8 fixture, cloud load balancers off
/// and on, every Service and every entry point, a path that does not deliver has a failing or
/// warning check in the Why panel ("external" — an ExternalName's CNAME out of the cluster — is
/// its normal ending).
#[test]
fn every_path_that_does_not_deliver_fails_or_warns_a_check() {
    let mut inputs: Vec<(String, String)> = presets::ALL.iter().map(|p| (p.id.to_string(), p.yaml.to_string())).collect();
    inputs.extend(fixtures("learner7"));
    inputs.extend(fixtures("learner8"));
    let mut missing = Vec::new();
    for (name, text) in &inputs {
        for cloud in [false, true] {
            let r: Report = analyze(text, &Config { cloud, ..Config::default() });
            for s in &r.services {
                for p in &s.paths {
                    if matches!(p.outcome, Outcome::Delivered | Outcome::External) {
                        continue;
                    }
                    let entry = entry_key(p);
                    let key = if r.services.iter().filter(|o| o.name == s.name).count() > 1 { format!("{}/{}", s.namespace, s.name) } else { s.name.clone() };
                    let c = checklist(text, &r, &key, &entry);
                    if !c.iter().any(|c| c.status == "fail" || c.status == "warn") {
                        missing.push(format!("{name} cloud={cloud} {} {entry} port {:?}: {} ({})", s.name, p.port, p.outcome, p.reason));
                    }
                }
            }
        }
    }
    assert!(missing.is_empty(), "{} path(s) not delivered beside no failing check:\n{}", missing.len(), missing.join("\n"));
}

/// M Q12b: from outside on a ClusterIP Service, one line on `kubectl port-forward svc/NAME`
/// (kubectl pkg/cmd/portforward/portforward.go: one pod, its container port by
/// util.LookupContainerPortNumberByServicePort, through the API server; kube-proxy bypassed);
/// M Q24: through a load balancer, a Service is L4 — TLS termination and host/path routing
/// are an Ingress's or Gateway's job.
#[test]
fn port_forward_and_l4_lines_under_their_outcomes() {
    let r = analyze(preset("web-clusterip").yaml, &Config::default());
    let s = &r.services[0];
    let out = s.paths.iter().find(|p| p.entry == super::paths::Entry::Outside).expect("outside path");
    let n = super::paths::entry_note(out, &s.name, true).expect("a port-forward line");
    assert!(n.contains("kubectl port-forward svc/web 8080:80") && n.contains("through the API server") && n.contains("kube-proxy is bypassed") && n.contains("debugging"), "{n}");
    assert_eq!(super::paths::entry_note(&s.paths[0], &s.name, true), None, "not from a pod");
    let r = analyze(preset("web-loadbalancer").yaml, &Config { cloud: true, ..Config::default() });
    let s = &r.services[0];
    let lb = s.paths.iter().find(|p| p.entry == super::paths::Entry::LoadBalancer).expect("lb path");
    let n = super::paths::entry_note(lb, &s.name, true).expect("an L4 line");
    assert!(n.contains("L4 (TCP/UDP)") && n.contains("Ingress") && n.contains("Gateway") && n.contains("kube-proxy terminates no TLS"), "{n}");
    // (not under a load balancer path that never gets through: q/23's loadBalancerSourceRanges)
    let r = analyze(&fixture("learner8", "23-lb-source-ranges.yaml"), &Config { cloud: true, ..Config::default() });
    let lb = r.services[0].paths.iter().find(|p| p.entry == super::paths::Entry::LoadBalancer).expect("lb path");
    assert_eq!(super::paths::entry_note(lb, "web", true), None);
}

/// U Q06: the NodePort address line names the SNAT and the DNAT (proxier.go: KUBE-MARK-MASQ +
/// MASQUERADE, and the KUBE-SEP DNAT).
#[test]
fn nodeport_address_line_names_snat_and_dnat() {
    let r = analyze(preset("web-nodeport").yaml, &Config::default());
    let p = r.services[0].paths.iter().find(|p| p.entry == super::paths::Entry::NodePort && p.node.as_deref() == Some("node-2")).expect("node-2 path");
    let h = p.hops.iter().find(|h| h.kind == super::paths::HopKind::SnatDnat).expect("snat-dnat hop");
    let line = h.addresses_labelled();
    let s = h.src_rewritten.as_deref().expect("snat");
    let d = h.rewritten.as_deref().expect("dnat");
    assert_eq!(line, format!("src {} ⇒ {s} (SNAT) · dst {} ⇒ {d} (DNAT)", h.src, h.dst));
    let r = analyze(preset("web-clusterip").yaml, &Config::default());
    let h = r.services[0].paths[0].hops.iter().find(|h| h.kind == super::paths::HopKind::Dnat).expect("dnat hop");
    assert!(h.addresses_labelled().ends_with(" (DNAT)"), "{}", h.addresses_labelled());
}

/// U Q10: a selector-less Service with a hand-written Endpoints: its EndpointSlice is mirrored
/// from it (pkg/controller/endpointslicemirroring), and no "a port named (unnamed)".
#[test]
fn selectorless_endpoints_are_mirrored_and_the_unnamed_port_reads_plainly() {
    let text = fixture("learner8", "10-no-selector.yaml");
    let r = analyze(&text, &Config::default());
    let c = checklist(&text, &r, "web", "pod");
    let sel = find(&c, "selector");
    assert_eq!(sel.title, "No selector: endpoints come from your Endpoints web (mirrored into an EndpointSlice)");
    assert!(sel.why.contains("the EndpointSlice mirroring controller copies it"), "{}", sel.why);
    let ep = find(&c, "endpointPorts");
    assert_eq!((ep.status.as_str(), ep.title.as_str()), ("ok", "The Endpoints have an unnamed port for the unnamed port 80"));
    assert!(c.iter().all(|c| !c.title.contains("(unnamed)")), "{c:#?}");
}

/// U Q27: an ExternalName Service with a selector: an Info note that it is ignored
/// (endpoints_controller.go syncService returns early for ExternalName), and Why does not say
/// "no selector".
#[test]
fn externalname_selector_is_noted_as_ignored() {
    let text = fixture("learner8", "26b-externalname-selector.yaml");
    let r = analyze(&text, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "SelectorIgnored").expect("a note");
    assert_eq!(d.severity, super::diag::Severity::Info);
    assert!(d.message.starts_with("spec.selector is ignored for type ExternalName"), "{}", d.message);
    let c = checklist(&text, &r, &r.services[0].name, "pod");
    let sel = find(&c, "selector");
    assert!(!sel.why.contains("no selector") && sel.why.contains("its selector is ignored"), "{}", sel.why);
    // none without a selector
    let r = analyze(preset("web-externalname").yaml, &Config::default());
    assert!(r.diagnostics.iter().all(|d| d.code != "SelectorIgnored"));
}

/// U Q33: publishNotReadyAddresses: the counts say which pods, once (it read as 4 pods).
#[test]
fn publish_not_ready_counts_read_as_the_same_pods() {
    let text = fixture("learner8", "33-publish-not-ready.yaml");
    let r = analyze(&text, &Config::default());
    let c = checklist(&text, &r, &r.services[0].name, "pod");
    let k = find(&c, "ready");
    assert!(k.why.contains("are not Ready, but publishNotReadyAddresses: true lists them as ready endpoints") && k.why.contains("those pods included"), "{}", k.why);
    assert!(!k.why.contains("Ready endpoint(s). "), "{}", k.why);
}

/// U Q13: the step-2 caption ("Nothing listens on that address") carries the ping catch
/// (proxier.go writeServiceToEndpointRules matches `-p proto --dport port` only).
#[test]
fn step_two_caption_says_ping_gets_no_answer() {
    let r = analyze(preset("web-clusterip").yaml, &Config::default());
    let send = r.services[0].paths[0].hops.iter().find(|h| h.kind == super::paths::HopKind::Send).expect("send hop");
    assert!(super::layout::step_note(send).expect("note").contains("ping"));
    let dns = &r.services[0].paths[0].hops[0];
    assert_eq!(super::layout::step_note(dns), None);
}

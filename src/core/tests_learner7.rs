//! The misconceptions a learner test (learner7, /work/shared/teaching/misconceptions.md) found
//! the page leaving standing: each test feeds the learner's own input (tests/fixtures/learner7)
//! and asserts the sentence or the fix that answers it, with the upstream source it rests on.

use super::checklist::{apply, checklist, Check};
use super::config::Config;
use super::paths::Outcome;
use super::report::Report;
use super::{analyze, layout};

fn learner(file: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/learner7").join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn checks(text: &str, cfg: Config) -> (Report, Vec<Check>) {
    let r = analyze(text, &cfg);
    let svc = r.services[0].name.clone();
    let c = checklist(text, &r, &svc, "pod");
    (r, c)
}

fn find<'a>(c: &'a [Check], key: &str) -> &'a Check {
    c.iter().find(|c| c.key == key).unwrap_or_else(|| panic!("no {key} check in {c:#?}"))
}

/// W 10b: a headless Service (clusterIP: None) with port 80 → targetPort 8080, unnamed. kube-proxy
/// skips it (pkg/proxy/util/utils.go ShouldSkipService), so nothing remaps the port: the Why panel
/// said "every check passes" beside the port-mismatch outcome. Now a failing check offers
/// `port: 8080` and `targetPort: 80`; and the outcome no longer sends the learner to an SRV
/// record the unnamed port does not have (kubernetes/dns docs/specification.md 2.4.2: "Unnamed
/// ports do not have an SRV record").
#[test]
fn headless_port_mismatch_fails_a_check_with_both_fixes_and_no_srv_for_an_unnamed_port() {
    let text = learner("10-headless.yaml");
    let (r, c) = checks(&text, Config::default());
    let p = &r.services[0].paths[0];
    assert_eq!(p.outcome, Outcome::PortMismatch);
    assert!(!p.reason.contains("must use the SRV record"), "{}", p.reason);
    assert!(p.reason.contains("the port has no name, so it has no SRV record"), "{}", p.reason);
    let h = find(&c, "headlessPort");
    assert_eq!(h.status, "fail", "{h:?}");
    assert!(h.why.contains("nothing rewrites the port") && h.why.contains("no SRV record"), "{}", h.why);
    let labels: Vec<&str> = h.fixes().map(|f| f.label.as_str()).collect();
    assert_eq!(labels, ["Set port: 8080 (clients dial what the pods serve)", "Set targetPort: 80 (if the app listens on 80)"]);
    // each fix delivers
    for f in h.fixes() {
        let fixed = apply(&text, &f.edit).expect("applies");
        let r = analyze(&fixed, &Config::default());
        assert_eq!(r.services[0].paths[0].outcome, Outcome::Delivered, "{}: {}", f.label, r.services[0].paths[0].reason);
        let c = checklist(&fixed, &r, "peers", "pod");
        assert!(!c.iter().any(|c| c.key == "headlessPort"), "{}", f.label);
    }
    // a named port: the SRV record carries the target port, and the text names it
    let named = text.replace("  - port: 80\n", "  - name: peer\n    port: 80\n");
    let r = analyze(&named, &Config::default());
    assert!(r.services[0].paths[0].reason.contains("_peer._tcp.peers.default.svc.cluster.local"), "{}", r.services[0].paths[0].reason);
    let c = checklist(&named, &r, "peers", "pod");
    assert!(find(&c, "headlessPort").why.contains("SRV lookup of _peer._tcp.peers.default.svc.cluster.local gives port 8080"));
}

/// 2b: targetPort not written defaults to the port, not to a containerPort
/// (pkg/apis/core/v1/defaults.go SetDefaults_Service): the check says so, and its first fix
/// writes `targetPort: 8080` (the only fix was "Declare containerPort 80").
#[test]
fn target_port_not_set_says_it_defaults_to_the_port_and_offers_the_declared_one_first() {
    let text = learner("02-targetport-default.yaml");
    let (_, c) = checks(&text, Config::default());
    let t = find(&c, "targetPort");
    assert_eq!(t.title, "targetPort not set: defaults to port 80");
    assert!(t.why.starts_with("targetPort is not set, so it defaults to the port, 80 (not to a containerPort)."), "{}", t.why);
    let fix = t.fix.as_ref().expect("a first fix");
    assert_eq!(fix.label, "Set targetPort: 8080 (if the app listens on 8080)");
    assert!(t.more_fixes.iter().any(|f| f.label.starts_with("Declare containerPort 80")), "{:?}", t.more_fixes);
    let fixed = apply(&text, &fix.edit).expect("applies");
    assert!(fixed.contains("  - port: 80\n    targetPort: 8080\n---"), "{fixed}");
    let r = analyze(&fixed, &Config::default());
    let c = checklist(&fixed, &r, "shop", "pod");
    assert_eq!(find(&c, "targetPort").status, "ok");
    assert_eq!(find(&c, "targetPort").title, "targetPort 8080 of port 80 is a port the pods declare");
}

/// 1b: a two-key selector; pods carrying one of the keys are near misses. Their chips show the
/// key they do carry (✓ app=web) beside the one they miss, and the passing selector check
/// counts "1 of the 3 app=web pods" (a selector is an AND: labels.SelectorFromSet).
#[test]
fn near_miss_chips_show_matched_keys_and_the_selector_check_counts_the_wider_set() {
    let text = learner("01-two-key-selector.yaml");
    let (r, c) = checks(&text, Config::default());
    let s = find(&c, "selector");
    assert_eq!(s.status, "ok");
    // (a passing check shows only its title on the page)
    assert_eq!(s.title, "Selector matches 1 of the 3 app=web pods (every key=value must match)");
    assert_eq!(s.why, "app=web,tier=frontend matches 1 of the 3 app=web pods: the other 2 miss tier=frontend (a selector is an AND of every key=value).");
    let svc = Some(&*r.services[0]);
    let backend = r.pods.iter().find(|p| p.name.starts_with("web-backend")).expect("a backend pod");
    let (full, missed) = layout::miss_lines(svc, backend).expect("a near miss");
    assert_eq!((full.as_str(), missed.as_str()), ("✓ app=web ✗ tier=backend ≠ frontend", "✗ tier=backend ≠ frontend"));
    let (_, why) = layout::relation(svc, backend);
    assert_eq!(why, "not selected by web: ✓ app=web ✗ tier=backend ≠ frontend (a selector needs every key=value)");
}

/// 1a: the selector copies the Deployment's own metadata.labels: the sentence (an info note
/// beside the editor, core::mod SelectorMatchesWorkload) is in the failing selector check too.
#[test]
fn selector_matching_the_deployments_own_labels_is_said_in_the_why_panel() {
    let text = learner("01-deploy-metadata-labels.yaml");
    let (_, c) = checks(&text, Config::default());
    let s = find(&c, "selector");
    assert_eq!(s.status, "fail");
    assert!(s.why.contains("You matched the workload's own metadata.labels: app=api matches the labels of Deployment/api itself"), "{}", s.why);
    assert_eq!(s.fix.as_ref().map(|f| f.label.as_str()), Some("Set selector app: api-server"));
}

/// 5b: a pod failing its readiness probe is not restarted (only a failing livenessProbe
/// restarts a container: kuberuntime_manager.go computePodActions); the Ready check says so.
#[test]
fn not_ready_check_says_readiness_does_not_restart_the_pod() {
    let text = learner("05-readiness.yaml");
    let (_, c) = checks(&text, Config::default());
    let ready = find(&c, "ready");
    assert_eq!(ready.status, "warn", "{ready:?}");
    assert!(ready.why.contains("A failing readiness probe does not restart the pod"), "{}", ready.why);
    // flipping every pod's readiness (the page's what-if): the failing check says it too
    let cfg = Config { flip_ready: vec!["default/web-1".into(), "default/web-2".into()], ..Config::default() };
    let (r, c) = checks(&text, cfg);
    assert!(r.pods.iter().all(|p| !p.ready), "{:?}", r.pods.iter().map(|p| (&p.name, p.ready)).collect::<Vec<_>>());
    let ready = find(&c, "ready");
    assert_eq!(ready.status, "fail");
    assert!(ready.why.contains("(a failing livenessProbe is what restarts a container)"), "{}", ready.why);
}

/// M 4a: "can I ping the ClusterIP?" — the Service's details say no under iptables mode (rules
/// match protocol and port only: pkg/proxy/iptables/proxier.go) and yes under IPVS (the address
/// on kube-ipvs0: pkg/proxy/ipvs/proxier.go defaultDummyDevice); a headless Service has no
/// address to ping.
#[test]
fn ping_note_for_a_cluster_ip_and_none_for_headless() {
    let r = analyze(&learner("04-clusterip-ping.yaml"), &Config::default());
    let n = layout::ping_note(&r.services[0]).expect("a ClusterIP");
    assert!(n.starts_with(&format!("ping {} gets no answer with kube-proxy in iptables mode", r.services[0].cluster_ip.as_deref().unwrap())), "{n}");
    assert!(n.contains("kube-ipvs0"), "{n}");
    let r = analyze(&learner("10-headless.yaml"), &Config::default());
    assert_eq!(layout::ping_note(&r.services[0]), None);
}

/// M 8b: an ExternalName over HTTP/HTTPS: the client sends the Service's name as Host/SNI
/// (kubernetes.io Service docs, ExternalName warning): said under the path's outcome and in the
/// Why panel's ExternalName check; nothing of it on a ClusterIP path.
#[test]
fn external_name_path_says_the_client_sends_the_services_name_as_host_and_sni() {
    let text = learner("08-externalname-ports.yaml");
    let (r, c) = checks(&text, Config::default());
    let n = layout::external_name_host_note(&r.services[0].paths[0]).expect("an ExternalName path");
    assert_eq!(n, "Over HTTP or HTTPS the client still sends the name it used (db or db.default.svc.cluster.local) as the Host header and the TLS SNI: the server at db.prod.example.com may not serve that name (a 404, or a certificate for another name). Call it by db.prod.example.com, or have it accept this name.");
    assert!(find(&c, "selector").why.ends_with(&n), "{}", find(&c, "selector").why);
    let r = analyze(&learner("04-clusterip-ping.yaml"), &Config::default());
    assert!(r.services[0].paths.iter().all(|p| layout::external_name_host_note(p).is_none()));
}

/// The pod details' "Created by": the pod is what is not written, its controller is.
#[test]
fn created_by_says_the_pod_is_not_written_not_the_controller() {
    assert_eq!(layout::created_by_owner("Deployment/api"), "Deployment/api: its controller made this pod (the pod itself is not written in the YAML)");
}

/// learner7 leftovers: the CLI's text said neither which selector keys a near-miss pod carries
/// (the diagram's ✓ chips) nor a port's appProtocol and what it means for connections
/// (connections::mode_for_app_protocol; kube-proxy DNATs per connection, proxier.go
/// writeServiceToEndpointRules).
#[test]
fn cli_text_shows_matched_selector_keys_and_the_app_protocol_connection_line() {
    let r = analyze(&learner("01-two-key-selector.yaml"), &Config::default());
    let text = r.to_text();
    assert!(text.contains("tier=backend (wanted tier=frontend); matches app=web"), "{text}");
    let r = analyze(&learner("06-grpc.yaml"), &Config::default());
    let text = r.to_text();
    assert!(text.contains("port grpc:50051/TCP (appProtocol kubernetes.io/h2c) -> targetPort 50051"), "{text}");
    assert!(text.contains("connections: appProtocol kubernetes.io/h2c: one long-lived connection"), "{text}");
    assert!(text.contains("a headless Service (clusterIP: None) gives the client every pod's IP"), "{text}");
}

//! learnfix16: what learn16's learner test found (/work/learn16/report.md ranked list): the
//! diagram names the Service port fields (port, targetPort, nodePort) and the pods'
//! containerPort, the nodePort caption says which number is which, Why shows the Service's
//! EndpointSlice, "click a pod" says which button flips readiness, sessionAffinity sticks to the
//! caption's first pick, a headless Service's badge and menu say headless, and the DNS panel's
//! "§2.3.1" names the spec. Real preset YAML; each test names its upstream source.

use super::analyze;
use super::checklist::checklist;
use super::config::Config;
use super::connections::{picker, Client, ClientMode};
use super::paths::Entry;
use super::presets;
use super::report::Report;

fn preset(id: &str) -> (String, Report) {
    let text = presets::find(id).expect("preset").yaml.to_string();
    let r = analyze(&text, &Config::default());
    (text, r)
}

/// The drawn texts of the item `kind`/`name` at `width`.
fn drawn(r: &Report, kind: &str, name: &str, width: f64) -> Vec<String> {
    let l = super::layout::layout(r, Some(0), width);
    let it = l.items.iter().find(|i| i.kind == kind && i.name == name).unwrap_or_else(|| panic!("{kind} {name} drawn at {width}"));
    it.texts.iter().map(|t| t.text.clone()).collect()
}

/// Q01: the Service box named neither targetPort nor nodePort ("port 80→8080 (node 30080)"), the
/// pods said "ports 8080". The field names are ServicePort's `port`, `targetPort`, `nodePort` and
/// ContainerPort's `containerPort` (k8s.io/api core/v1 types.go ServicePort, ContainerPort).
#[test]
fn diagram_names_service_port_fields_core_v1_service_port() {
    let (_, r) = preset("web-nodeport");
    let s = &r.services[0];
    assert_eq!(super::layout::ports_named(s), "port 80 → targetPort 8080 · nodePort 30080");
    let svc = drawn(&r, "service", "web", 1280.0);
    assert!(svc.iter().any(|t| t.contains("targetPort 8080")), "{svc:?}");
    let pod = r.pods.iter().find(|p| p.labels.iter().any(|(k, v)| k == "app" && v == "web")).expect("a web pod");
    assert_eq!(super::layout::pod_ports(pod), "containerPort 8080");
    let texts = drawn(&r, "pod", &pod.name, 1280.0);
    assert!(texts.iter().any(|t| t == "containerPort 8080"), "{texts:?}");
    // a ClusterIP Service has no nodePort to name
    let (_, r) = preset("web-clusterip");
    assert_eq!(super::layout::ports_named(&r.services[0]), "port 80 → targetPort 8080");
    // a narrow box keeps every number in the shorter forms
    let narrow = drawn(&preset("web-nodeport").1, "service", "web", 360.0);
    assert!(narrow.iter().any(|t| t.contains("80") && t.contains("8080") && t.contains("30080")), "{narrow:?}");
}

/// Q01: the nodePort path's DNAT words say which field each number is, as the clusterIP path's
/// "(targetPort 8080)" did: kube-proxy's KUBE-NODEPORTS → KUBE-EXT → KUBE-SVC → KUBE-SEP DNAT
/// to the endpoint's port (pkg/proxy/iptables/proxier.go syncProxyRules, writeServiceToEndpointRules).
#[test]
fn nodeport_dnat_names_node_port_and_target_port_proxier_go() {
    let (_, r) = preset("web-nodeport");
    let p = r.services[0].paths.iter().find(|p| p.entry == Entry::NodePort).expect("nodePort path");
    assert!(p.hops.iter().any(|h| h.explanation.contains("(nodePort 30080 → targetPort 8080)")), "{:?}", p.hops.iter().map(|h| &h.explanation).collect::<Vec<_>>());
    let r = analyze(presets::find("web-loadbalancer").expect("preset").yaml, &Config { cloud: true, ..Config::default() });
    let p = r.services[0].paths.iter().find(|p| p.entry == Entry::LoadBalancer && p.hops.len() > 2).expect("load balancer path");
    assert!(p.hops.iter().any(|h| h.explanation.contains("→ targetPort 8080)") && h.explanation.contains("(nodePort ")), "{:?}", p.hops.iter().map(|h| &h.explanation).collect::<Vec<_>>());
    // tour step "2. NodePort" names the three Service port numbers
    let step = super::tour::STEPS.iter().find(|s| s.title == "2. NodePort").expect("step");
    for w in ["nodePort 30080", "port 80", "targetPort 8080", "containerPort"] {
        assert!(step.text.contains(w), "{w}: {}", step.text);
    }
}

/// Q12: Why shows the EndpointSlice the controller writes for a Service with a selector, named
/// `web-` + a random suffix and labelled kubernetes.io/service-name=web (pkg/controller/endpointslice
/// endpointslice_controller.go syncService; staging/src/k8s.io/endpointslice utils.go
/// getEndpointSlicePrefix, setEndpointSliceLabels), not-Ready pods listed with ready: false
/// (utils.go podToEndpoint).
#[test]
fn why_shows_the_endpointslice_endpointslice_controller_sync_service() {
    let (text, r) = preset("web-clusterip");
    let n = r.services[0].endpoints.len();
    let c = checklist(&text, &r, "web", "pod").into_iter().find(|c| c.key == "endpointslice").expect("endpointslice line");
    assert_eq!(c.status, "info");
    assert_eq!(c.title, format!("EndpointSlice web-…: {n} endpoints, {n} ready"));
    assert!(c.why.contains("kubectl get endpointslices -l kubernetes.io/service-name=web"), "{}", c.why);
    let (text, r) = preset("broken-not-ready");
    let s = &r.services[0];
    let (n, ready) = (s.endpoints.len(), s.endpoints.iter().filter(|e| e.ready).count());
    assert!(n > ready);
    let c = checklist(&text, &r, "web", "pod").into_iter().find(|c| c.key == "endpointslice").expect("endpointslice line");
    assert_eq!(c.title, format!("EndpointSlice web-…: {n} endpoints, {ready} ready"));
    assert!(c.why.contains("ready: false"), "{}", c.why);
    // 101 pods: more than one slice holds (100 per slice by default:
    // pkg/controller/endpointslice/config/v1alpha1/defaults.go)
    let big = presets::find("web-clusterip").expect("preset").yaml.replace("replicas: 3", "replicas: 101");
    let r = analyze(&big, &Config::default());
    let c = checklist(&big, &r, "web", "pod").into_iter().find(|c| c.key == "endpointslice").expect("endpointslice line");
    assert_eq!(c.title, "EndpointSlice web-…: 101 endpoints, 101 ready");
    assert!(c.why.contains("several slices of at most 100"), "{}", c.why);
    // no selector, no controller-written slice; ExternalName: none either
    let (text, r) = preset("web-externalname");
    assert!(checklist(&text, &r, &r.service_key(0), "pod").iter().all(|c| c.key != "endpointslice"));
}

/// Q08: a click on a pod opens its details; readiness flips with the details' button (ui
/// selection.rs: "Make it Ready" / "Fail its readiness probe"). The tour and Why said "click the
/// pod to make it Ready".
#[test]
fn click_a_pod_wording_names_the_button() {
    for s in super::tour::STEPS {
        assert!(!s.try_it.contains("Click a pod to make it") && !s.embed_try.contains("Click a pod to make it"), "{}", s.title);
    }
    let step = super::tour::STEPS.iter().find(|s| s.preset == "broken-not-ready").expect("step");
    assert!(step.try_it.contains("\"Make it Ready\""), "{}", step.try_it);
    assert!(super::tour::STEPS[0].try_it.contains("\"Fail its readiness probe\""), "{}", super::tour::STEPS[0].try_it);
    let (text, r) = preset("broken-not-ready");
    let c = checklist(&text, &r, "web", "pod").into_iter().find(|c| c.key == "ready").expect("ready check");
    assert!(c.why.contains("click the pod, then \"Make it Ready\"") && !c.why.contains("click the pod to flip it"), "{}", c.why);
}

/// Q14: the caption says "first pick X … sticks this client to the first pick"; Send 12 stuck to
/// another pod. The drawn request is the client's first connection, so under sessionAffinity
/// ClientIP -m recent remembers its pod and every later connection goes there
/// (pkg/proxy/iptables/proxier.go: KUBE-SEP's `-m recent --set`, KUBE-SVC's `-m recent --rcheck`
/// before the statistic rules). The page's Send does this (ui controls.rs pick); the browser test
/// checks the page.
#[test]
fn session_affinity_sticks_to_the_first_pick_proxier_go_recent() {
    let (_, r) = preset("session-affinity");
    let s = &r.services[0];
    assert_eq!(s.session_affinity, "ClientIP");
    for p in s.paths.iter().filter(|p| p.backends.len() > 1) {
        let first = p.backends[0].pod.clone();
        assert!(p.reason.contains(&format!("first pick {}", first.clone().unwrap_or_default())), "{}", p.reason);
        let mut c = Client::default();
        c.adopt_first_pick(&p.backends[0]);
        let pods: Vec<Option<String>> = (0..12).filter_map(|_| c.send_by(&picker(p), ClientMode::PerRequest, &p.backends, true, |_| true)).map(|d| d.pod).collect();
        assert_eq!(pods.len(), 12);
        assert!(pods.iter().all(|x| *x == first), "{:?}: {pods:?}", p.entry);
    }
}

/// Q05: a headless Service (type ClusterIP, clusterIP: None: pkg/apis/core/types.go
/// ClusterIPNone) is drawn with a "headless" badge and named `db (ClusterIP, headless)` in the
/// menu; the report's `type` stays ClusterIP (the JSON contract).
#[test]
fn headless_badge_and_menu_say_headless_cluster_ip_none() {
    let (_, r) = preset("headless-statefulset");
    let i = r.services.iter().position(|s| s.headless).expect("headless");
    let s = &r.services[i];
    assert_eq!(s.type_, "ClusterIP");
    assert_eq!(super::layout::type_words(s), "ClusterIP, headless");
    let l = super::layout::layout(&r, Some(i), 1280.0);
    let it = l.items.iter().find(|it| it.kind == "service" && it.name == s.name).expect("drawn");
    assert!(it.texts.iter().any(|t| t.text == "headless"), "{:?}", it.texts.iter().map(|t| &t.text).collect::<Vec<_>>());
    assert!(!it.texts.iter().any(|t| t.text == "ClusterIP"));
    let (_, r) = preset("web-clusterip");
    assert_eq!(super::layout::type_words(&r.services[0]), "ClusterIP");
}

/// Q07: "Found (§2.3.1: …)" named no document: the sections are the Kubernetes DNS-Based
/// Service Discovery spec's (kubernetes/dns docs/specification.md).
#[test]
fn dns_answer_names_the_dns_spec_kubernetes_dns_specification() {
    let (_, r) = preset("web-clusterip");
    let l = super::dnsquery::lookup(&r, "default", &r.pods[0].name, "web");
    let found = l.tries.iter().find(|t| !t.answers.is_empty()).expect("an answer");
    assert!(found.note.starts_with("Found (Kubernetes DNS spec §2.3.1: "), "{}", found.note);
    let (_, r) = preset("headless-statefulset");
    let l = super::dnsquery::lookup(&r, "default", &r.pods[0].name, "db");
    let found = l.tries.iter().find(|t| !t.answers.is_empty()).expect("an answer");
    assert!(found.note.starts_with("Found (Kubernetes DNS spec §2.4.1: "), "{}", found.note);
}

/// Q16, Q11: a default-deny NetworkPolicy and a two-port Service without names were right only
/// from pasted YAML; each is a scene now. deny-all (`podSelector: {}`, policyTypes [Ingress], no
/// rule) isolates every pod and admits nothing (k8s.io/api networking/v1 types.go
/// NetworkPolicySpec); the unnamed ports are refused (pkg/apis/core/validation/validation.go
/// validateServicePort: `requireName && len(sp.Name) == 0` → field.Required).
#[test]
fn netpol_deny_and_multiport_scenes_network_policy_spec_and_validate_service_port() {
    let (_, r) = preset("broken-netpol-deny");
    let p = r.services[0].paths.iter().find(|p| p.entry == Entry::Pod).expect("pod path");
    assert_eq!(p.outcome, super::paths::Outcome::Dropped, "{}", p.reason);
    assert!(p.reason.contains("NetworkPolicy deny-all selects") && p.reason.contains("admits nothing"), "{}", p.reason);
    let (_, r) = preset("broken-multiport-names");
    assert!(r.services[0].rejected);
    let msgs: Vec<&str> = r.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert!(msgs.iter().any(|m| m.ends_with("spec.ports[0].name: Required value")) && msgs.iter().any(|m| m.ends_with("spec.ports[1].name: Required value")), "{msgs:?}");
    // the tour's what-if: Why's fix names port 80, the next one port 9090, then a pod answers
    let mut text = presets::find("broken-multiport-names").expect("preset").yaml.to_string();
    for port in ["80", "9090"] {
        let r = analyze(&text, &Config::default());
        let fix = checklist(&text, &r, "web", "pod").into_iter().next().and_then(|c| c.fix).expect("a fix");
        assert!(fix.label.starts_with(&format!("Name port {port}: ")), "{}", fix.label);
        text = super::checklist::apply(&text, &fix.edit).expect("applies");
    }
    let r = analyze(&text, &Config::default());
    assert!(!r.services[0].rejected);
    assert_eq!(r.services[0].paths.iter().find(|p| p.entry == Entry::Pod).map(|p| p.outcome), Some(super::paths::Outcome::Delivered));
    // the deny-all step's what-if: without the policy the request is delivered
    let text = presets::find("broken-netpol-deny").expect("preset").yaml;
    let without = &text[..text.rfind("---\napiVersion: networking.k8s.io/v1").expect("policy document")];
    let r = analyze(without, &Config::default());
    assert_eq!(r.services[0].paths.iter().find(|p| p.entry == Entry::Pod).map(|p| p.outcome), Some(super::paths::Outcome::Delivered));
}

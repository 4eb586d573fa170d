//! teachfix9: the page's and CLI's remaining wording defects for learners — a hand-written
//! Endpoints named as such (mirrored into an EndpointSlice), counts in proper singular/plural,
//! and the caption's port-forward / L4 notes in the report (so `--format text` prints them).

use super::analyze;
use super::config::Config;
use super::layout::layout;
use super::paths::Entry;
use super::presets;

const ENDPOINTS: &str = "apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec: {ports: [{port: 5432}]}\n---\napiVersion: v1\nkind: Endpoints\nmetadata: {name: db}\nsubsets:\n- addresses: [{ip: 192.168.10.5}]\n  ports: [{port: 5432}]\n";
const SLICE: &str = "apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec: {ports: [{port: 5432}]}\n---\napiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: db-1, labels: {kubernetes.io/service-name: db}}\naddressType: IPv4\nports: [{port: 5432}]\nendpoints: [{addresses: [192.168.10.5]}]\n";

fn preset(id: &str) -> &'static presets::Preset {
    presets::ALL.iter().find(|p| p.id == id).expect(id)
}

/// Item 1: a Service without a selector and a hand-written v1 Endpoints: the EndpointSlice
/// mirroring controller copies the Endpoints into an EndpointSlice, and only for a Service whose
/// selector is nil (kubernetes/kubernetes pkg/controller/endpointslicemirroring
/// endpointslicemirroring_controller.go syncEndpoints). The endpoint box, its title and the
/// CLI's endpoint line said "from your EndpointSlice"; a hand-written EndpointSlice keeps it.
#[test]
fn a_hand_written_endpoints_is_named_as_mirrored_not_as_an_endpointslice() {
    let r = analyze(ENDPOINTS, &Config::default());
    let s = &r.services[0];
    assert!(s.endpoints[0].from_endpoints, "{:?}", s.endpoints);
    let l = layout(&r, Some(0), 1280.0);
    let ext = l.find("external", "192.168.10.5").expect("the endpoint's box");
    let words: Vec<&str> = ext.texts.iter().map(|t| t.full.as_str()).collect();
    assert!(words.contains(&"from your Endpoints"), "{words:?}");
    assert!(!words.iter().any(|w| w.contains("EndpointSlice")), "{words:?}");
    let text = r.to_text();
    assert!(
        text.contains("endpoint 192.168.10.5:5432 (no pod: an address from your Endpoints db, which the EndpointSlice mirroring controller copies into an EndpointSlice that kube-proxy reads) ready"),
        "{text}"
    );
    assert!(r.to_json().contains("\"fromEndpoints\": true"));
    // the Why check says so too (checklist, learner8 U Q10)
    let checks = super::checklist::checklist(ENDPOINTS, &r, "db", "pod");
    let sel = checks.iter().find(|c| c.key == "selector").expect("selector check");
    assert!(sel.title.contains("your Endpoints db (mirrored into an EndpointSlice)") && sel.why.contains("1 endpoint (192.168.10.5) comes from the Endpoints db you wrote"), "{} / {}", sel.title, sel.why);

    // a hand-written EndpointSlice: the current words
    let r = analyze(SLICE, &Config::default());
    assert!(!r.services[0].endpoints[0].from_endpoints);
    let l = layout(&r, Some(0), 1280.0);
    let ext = l.find("external", "192.168.10.5").expect("the endpoint's box");
    assert!(ext.texts.iter().any(|t| t.full == "from your EndpointSlice"), "{:?}", ext.texts);
    assert!(r.to_text().contains("(no pod: an address from an Endpoints/EndpointSlice object) ready"));
    assert!(!r.to_json().contains("fromEndpoints"), "the field is left out when false");
}

/// Item 3: the caption's port-forward line (from outside to a ClusterIP) and L4/TLS line
/// (through a load balancer) are the path's `note` in the report, and `--format text` prints
/// them (they lived in core::layout, above the report: the CLI lacked them).
#[test]
fn the_port_forward_and_l4_notes_are_in_the_report_and_its_text() {
    let p = preset("web-clusterip");
    let r = analyze(p.yaml, &Config::default());
    let out = r.services[0].paths.iter().find(|p| p.entry == Entry::Outside).expect("outside path");
    let note = out.note.as_deref().expect("a note");
    assert!(note.starts_with("For debugging from your machine, kubectl port-forward svc/web 8080:80"), "{note}");
    assert!(r.to_text().contains(&format!("    note: {note}\n")), "{}", r.to_text());
    assert!(r.to_json().contains("\"note\": \"For debugging from your machine"));
    assert!(r.services[0].paths.iter().filter(|p| p.entry != Entry::Outside).all(|p| p.note.is_none()));

    let p = preset("web-loadbalancer");
    let r = analyze(p.yaml, &Config { cloud: true, ..Config::default() });
    let lb = r.services[0].paths.iter().find(|p| p.entry == Entry::LoadBalancer).expect("lb path");
    assert!(lb.note.as_deref().is_some_and(|n| n.starts_with("A Service is L4 (TCP/UDP)")), "{:?}", lb.note);
    assert!(r.to_text().contains("    note: A Service is L4 (TCP/UDP)"), "{}", r.to_text());
    // (the worker's binary form keeps it: the page reads the note from there)
    let back = super::wire::decode(&super::wire::encode(&r)).expect("decodes");
    assert_eq!(back.services[0].paths, r.services[0].paths);
}

/// Item 3 (found on the way): `kubectl port-forward svc/NAME` needs a selector — kubectl finds
/// the pod by it and refuses a Service without one (kubernetes/kubectl
/// pkg/polymorphichelpers/helpers.go SelectorsForObject: "invalid service '%s': Service is
/// defined without a selector"), so the note for a selector-less Service does not offer it.
#[test]
fn no_port_forward_offer_for_a_service_without_a_selector() {
    let r = analyze(ENDPOINTS, &Config::default());
    let out = r.services[0].paths.iter().find(|p| p.entry == Entry::Outside).expect("outside path");
    let note = out.note.as_deref().expect("a note");
    assert!(note.starts_with("kubectl port-forward svc/db does not work here") && note.contains("Service is defined without a selector"), "{note}");
    assert!(!note.contains("works without changing the type"), "{note}");
}

/// Item 2: counts read "1 endpoint" / "3 nodes", never "(s)", in the CLI's text of every preset
/// and in the Why checks and diagnostics; Kubernetes' own scheduler messages, quoted verbatim,
/// keep their "node(s)".
#[test]
fn counts_are_singular_or_plural_never_s_in_parentheses() {
    let mut seen = 0;
    for p in presets::ALL {
        let r = analyze(p.yaml, &Config { cloud: p.cloud, ..Config::default() });
        let mut texts = vec![r.to_text()];
        for (si, s) in r.services.iter().enumerate() {
            for entry in ["pod", "outside", "nodeport", "loadbalancer"] {
                for c in super::checklist::checklist(p.yaml, &r, &r.service_key(si), entry) {
                    texts.push(format!("{} {}", c.title, c.why));
                }
            }
            let l = layout(&r, Some(si), 1280.0);
            texts.extend(l.items.iter().flat_map(|i| i.texts.iter().map(|t| t.full.clone())));
            texts.extend(s.paths.iter().map(|p| p.reason.clone()));
        }
        for t in texts {
            let scrubbed = t.replace("node(s) had", "").replace("node(s) didn't", "").replace("node(s) were", "").replace("plugin(s)", "").replace("untolerated taint(s)", "");
            assert!(!scrubbed.contains("(s)") && !scrubbed.contains("(es)"), "{}: {t}", p.id);
            seen += 1;
        }
    }
    assert!(seen > 100);
    let r = analyze(preset("web-clusterip").yaml, &Config::default());
    let text = r.to_text();
    assert!(text.starts_with("Cluster: 3 nodes,"), "{text}");
    assert!(text.contains("delivered — 2 endpoints; first pick") || text.contains("delivered — 3 endpoints; first pick"), "{text}");
    let r = analyze(ENDPOINTS, &Config::default());
    assert!(r.to_text().contains("delivered — 1 endpoint; first pick 192.168.10.5"), "{}", r.to_text());
    assert_eq!(super::report::count(1, "hop", "hops"), "1 hop");
    assert_eq!(super::report::count(0, "hop", "hops"), "0 hops");
    assert_eq!(super::report::count(2, "hop", "hops"), "2 hops");
}


/// learner9 B: at a true 360 px (the diagram 330 px wide) a headless Service's box read
/// "clusterIP: None (he…)", cutting the one word that matters; it says "headless" whole.
#[test]
fn a_narrow_headless_service_box_keeps_the_word_headless() {
    for id in ["headless-statefulset", "job-indexed-headless"] {
        let r = analyze(preset(id).yaml, &Config::default());
        for (si, s) in r.services.iter().enumerate().filter(|(_, s)| s.headless) {
            for width in [320.0, 330.0, 360.0, 1280.0] {
                let l = layout(&r, Some(si), width);
                let it = l.find("service", &s.name).expect("service box");
                let line = &it.texts[1];
                assert!(line.text.contains("headless") && !line.text.contains('…'), "{id} {} at {width}: {:?}", s.name, line.text);
            }
        }
    }
}

//! What the learner9 test left (/work/learner9/report.md), fixed by learnfix10: each test feeds
//! the learner's own input (tests/fixtures/learner9) and asserts the words that answer it, with
//! the upstream source it rests on in its doc.

use super::analyze;
use super::checklist::checklist;
use super::config::Config;
use super::connections::{picker, Client, ClientMode, Picker};
use super::paths::{Entry, HopKind, Outcome};

fn fixture(file: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/learner9").join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Item 1 (q/28, M Q32): an Ingress routing to a Service gives it an `ingress` entry: client →
/// the Ingress's controller (the rule's host/path → backend service:port) → the endpoints
/// directly (kubernetes/ingress-nginx docs/user-guide/nginx-configuration/annotations.md
/// "Service Upstream": by default a list of all endpoints, Pod IP/port, not the clusterIP).
/// The learner's backend names port "https", which Service web lacks: the 503 is on the
/// controller's hop (the same case ingress.rs backend_notes warns of), and Why fails on it.
#[test]
fn ingress_entry_steps_client_controller_endpoints_ingress_nginx_service_upstream() {
    let text = fixture("28-ingress.yaml");
    let r = analyze(&text, &Config::default());
    let s = r.services.iter().find(|s| s.name == "web").expect("web");
    let p = s.paths.iter().find(|p| p.entry == Entry::Ingress).expect("an ingress entry");
    assert_eq!((p.ingress.as_deref(), p.port, p.outcome), (Some("web"), None, Outcome::Rejected), "{p:#?}");
    assert_eq!(p.hops.len(), 2);
    assert_eq!((p.hops[0].from.as_str(), p.hops[0].to.as_str()), ("client:outside", "external:ingress/web"));
    assert!(p.hops[0].explanation.contains("rule host shop.example.com path / (Prefix) → backend service web port \"https\""), "{}", p.hops[0].explanation);
    assert_eq!(p.hops[1].kind, HopKind::Reject);
    assert!(p.hops[1].explanation.contains("Service web has no port \"https\" (its ports: http:80→8080)") && p.hops[1].explanation.contains("503"), "{}", p.hops[1].explanation);
    assert_eq!(crate::hostopts::entry_key(p), "ingress@web");
    let c = checklist(&text, &r, "web", "ingress@web");
    let ing = c.iter().find(|c| c.key == "ingress").expect("ingress check");
    assert_eq!(ing.status, "fail", "{}", ing.why);
    // a ClusterIP Service is fine behind an Ingress: no "use NodePort" failure
    assert!(!c.iter().any(|c| c.key == "type"), "{c:#?}");
    // the CLI's text lists it like the other entries
    let t = r.to_text();
    assert!(t.contains("path from ingress via Ingress web: rejected — ingress-nginx answers 503"), "{t}");
    // JSON: a new field, the old ones unchanged
    let json = serde_json::to_value(&*r.services[0]).expect("json");
    let ij = json["paths"].as_array().expect("paths").iter().find(|p| p["entry"] == "ingress").expect("ingress path json");
    assert_eq!(ij["ingress"], "web");

    // the backend fixed (port name http): delivered to a pod, straight from the controller
    let fixed = text.replace("name: https", "name: http");
    let r = analyze(&fixed, &Config::default());
    let p = r.services[0].paths.iter().find(|p| p.entry == Entry::Ingress).expect("ingress entry");
    assert_eq!((p.port, p.outcome, p.backends.len()), (Some(80), Outcome::Delivered, 2), "{p:#?}");
    let last = p.hops.last().expect("hop");
    assert!(last.to.starts_with("pod:web-") && last.dst.ends_with(":8080") && last.rewritten.is_none(), "{last:#?}");
    assert!(last.explanation.starts_with("ingress-nginx (by default; Traefik's default too) sends to the Service's endpoints directly, not through its clusterIP"), "{}", last.explanation);
    assert!(!p.hops.iter().any(|h| h.from.starts_with("kube-proxy:") || h.to.starts_with("kube-proxy:")), "kube-proxy is not on this path");
    // the controller picks per request, in turn, whatever the client's connection mode
    assert_eq!(picker(p), Picker::IngressController);
    let mut client = Client::default();
    let pods: Vec<String> = (0..4).filter_map(|_| client.send_by(&picker(p), ClientMode::Multiplexed, &p.backends, false, |_| true)).map(|d| d.pod.unwrap_or_default()).collect();
    assert_ne!(pods[0], pods[1], "{pods:?}");
    assert_eq!(pods[0], pods[2], "{pods:?}");
    let mut q = p.clone();
    super::paths::retarget(&mut q, 1);
    let b = &q.backends[1];
    assert_eq!(q.hops.last().map(|h| h.dst.clone()), Some(format!("{}:{}", b.ip, b.port)));
    assert!(q.reason.contains(&format!("this request: {}", b.pod.clone().unwrap_or_default())), "{}", q.reason);
    let c = checklist(&fixed, &r, "web", "ingress@web");
    assert_eq!(c.iter().find(|c| c.key == "ingress").map(|c| c.status.as_str()), Some("ok"));
    assert!(!c.iter().any(|c| c.status == "fail"), "{c:#?}");
}

/// Item 2 (q/19, U Q19): loadBalancerClass with the cloud on. The Why check blames the class,
/// as the caption does: k8s.io/cloud-provider controllers/service/controller.go
/// wantsLoadBalancer (`… && service.Spec.LoadBalancerClass == nil`) skips the Service.
#[test]
fn load_balancer_class_why_blames_the_class_cloud_provider_wants_load_balancer() {
    let text = fixture("19-lb-class.yaml");
    let r = analyze(&text, &Config { cloud: true, ..Config::default() });
    let c = checklist(&text, &r, "web", "loadbalancer");
    let t = c.iter().find(|c| c.key == "type").expect("type check");
    assert_eq!(t.status, "warn");
    assert!(t.why.contains("loadBalancerClass example.com/internal-lb") && !t.why.contains("no cloud controller gives it"), "{}", t.why);
    // without a class and without a cloud: the old words
    let plain = text.replace("  loadBalancerClass: example.com/internal-lb\n", "");
    let r = analyze(&plain, &Config::default());
    let c = checklist(&plain, &r, "web", "loadbalancer");
    assert!(c.iter().any(|c| c.key == "type" && c.why.contains("no cloud controller gives it an address")), "{c:#?}");
}

/// Item 3 (q/21, U Q22b): a written status.loadBalancer is not applied (pkg/registry/core/service
/// strategy.go PrepareForCreate resets status); the Info is at the status.loadBalancer line, not
/// at 1:1 — the analysed tree drops `status` (mod.rs trim_tree) but keeps its place.
#[test]
fn status_load_balancer_note_at_its_line_strategy_prepare_for_create() {
    let text = fixture("21-lb-hostname.yaml");
    let r = analyze(&text, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "StatusIgnored").expect("StatusIgnored");
    let line = text.lines().position(|l| l.trim_start().starts_with("loadBalancer:")).expect("line") as u32 + 1;
    // (the value's place: the line under `loadBalancer:`)
    assert!(d.line == line || d.line == line + 1, "{}:{} (status.loadBalancer at {line})", d.line, d.column);
    assert_ne!((d.line, d.column), (1, 1));
}

/// Item 4 (q/31, minor Q34): a `kubectl get all -A -o yaml` List opens on the first Service with
/// a problem (shop/api: targetPort "http" no pod declares), not on default/kubernetes.
#[test]
fn list_dump_opens_on_the_broken_service_not_kubernetes() {
    let r = analyze(&fixture("31-get-all-list.yaml"), &Config::default());
    let s = &r.services[r.default_service()];
    assert_eq!((s.namespace.as_str(), s.name.as_str()), ("shop", "api"));
    // a name asked for still wins
    assert_eq!(r.find_service("kubernetes").map(|i| r.services[i].name.as_str()), Some("kubernetes"));
    // nothing broken: the first Service outside kube-system other than default/kubernetes
    let r = analyze(&fixture("28-ingress.yaml").replace("name: https", "name: http"), &Config::default());
    assert_eq!(r.default_service(), 0);
}

/// Item 5 (q/14): a named targetPort only a native sidecar declares. FindPort
/// (pkg/api/v1/pod/util.go) looks at restartable init containers since v1.32 (kubernetes#127976),
/// but the EndpointSlice controller's own findPort (staging/src/k8s.io/endpointslice/utils.go)
/// only since v1.33 (kubernetes#128850, not backported): the hop says so. A container's port has
/// no such note.
#[test]
fn sidecar_named_port_notes_v1_33_endpointslice_find_port() {
    let r = analyze(&fixture("14-sidecar-port.yaml"), &Config::default());
    let s = &r.services[0];
    let hop = |port: i64| s.paths.iter().find(|p| p.entry == Entry::Pod && p.port == Some(port)).and_then(|p| p.hops.last()).expect("hop").explanation.clone();
    let m = hop(9090);
    assert!(m.contains("\"metrics\" is a port of the native sidecar metrics-proxy") && m.contains("v1.33 and later (kubernetes#128850)") && m.contains("use the number 9901"), "{m}");
    assert!(!hop(80).contains("sidecar"), "{}", hop(80));
}

/// Item 6 (q/15, U Q15): on a UDP port the client's "connections" are conntrack flows: each
/// datagram from a new source port opens one, whatever mode was chosen before
/// (pkg/proxy/conntrack/cleanup.go CleanStaleEntries keeps per-flow state).
#[test]
fn udp_rows_are_flows_conntrack() {
    let r = analyze(&fixture("15-udp-dns.yaml"), &Config::default());
    let p = r.services[0].paths.iter().find(|p| p.entry == Entry::Pod && p.protocol.as_deref() == Some("UDP")).expect("udp path");
    let mut c = Client::default();
    c.udp = true;
    let d = c.send_by(&picker(p), ClientMode::KeepAlive(2), &p.backends, false, |_| true).expect("sent");
    assert!(d.why.starts_with("Datagram 1 is sent from a new source port, so it opens flow #1: kube-proxy's KUBE-SVC rules picked"), "{}", d.why);
    let d = c.send_by(&picker(p), ClientMode::KeepAlive(2), &p.backends, false, |_| true).expect("sent");
    assert!(d.why.contains("opens flow #2"), "{}", d.why);
    assert_eq!(super::connections::conn_noun(true), "flow");
}

/// Item 1's new report field crosses to the page's worker and back (core::wire names every
/// field of Path): the Ingress path of q/28 decodes equal.
#[test]
fn ingress_path_field_survives_the_wire() {
    let r = analyze(&fixture("28-ingress.yaml").replace("name: https", "name: http"), &Config::default());
    let back = super::wire::decode(&super::wire::encode(&r)).expect("decoded");
    let p = back.services[0].paths.iter().find(|p| p.entry == Entry::Ingress).expect("ingress path");
    assert_eq!(p.ingress.as_deref(), Some("web"));
    assert_eq!(back.services[0].paths, r.services[0].paths);
}

/// Item 1, drawn: the controller box sits in the outside column and the hop that leaves it for
/// a pod is cut at its edge, not drawn across its text ("Ingress web" was struck through at
/// 360 px when the box was anchored at its left edge like an outside host).
#[test]
fn ingress_controller_box_routes_leave_from_its_edge() {
    let r = analyze(&fixture("28-ingress.yaml").replace("name: https", "name: http"), &Config::default());
    let p = r.services[0].paths.iter().find(|p| p.entry == Entry::Ingress).expect("ingress path");
    for width in [1280.0, 700.0, 360.0] {
        let l = super::layout::layout(&r, Some(0), width);
        let b = l.item_for("external:ingress/web").unwrap_or_else(|| panic!("controller drawn at {width}")).rect;
        for h in &p.hops {
            let drawn = l.drawn_route(&h.from, &h.to);
            assert!(drawn.len() >= 2, "{width}: {} → {}", h.from, h.to);
            // no segment runs through the box's inside
            for w in drawn.windows(2) {
                let mid = ((w[0].0 + w[1].0) / 2.0, (w[0].1 + w[1].1) / 2.0);
                let inside = mid.0 > b.x + 1.0 && mid.0 < b.x + b.w - 1.0 && mid.1 > b.y + 1.0 && mid.1 < b.y + b.h - 1.0;
                assert!(!inside, "{width}: {} → {} crosses the controller box {b:?}: {drawn:?}", h.from, h.to);
            }
        }
    }
}

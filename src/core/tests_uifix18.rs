//! uifix18: the page on busy and small screens. The pods behind the selected Service (for the
//! page's "Pods behind …" panel: core::poddetails::pods_behind); the "+N other Services" fold
//! beside cluster DNS on a phone.

use super::analyze;
use super::config::Config;
use super::layout::{layout, Layout, SERVICES_GROUP, SERVICES_GROUP_KIND};
use super::poddetails::pods_behind;

fn fixture(path: &str) -> super::Report {
    let yaml = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
    analyze(&yaml, &Config::default())
}

fn busy() -> (super::Report, usize) {
    let r = fixture("tests/fixtures/uifix14/busy-frontend-36-pods.yaml");
    let si = r.services.iter().position(|s| s.name == "busy-frontend").unwrap();
    (r, si)
}

fn preset(id: &str) -> (super::Report, usize) {
    let p = super::presets::find(id).unwrap();
    let r = analyze(p.yaml, &Config { cloud: p.cloud, ..Config::default() });
    let si = r.services.iter().position(|s| s.name == p.service).unwrap();
    (r, si)
}

/// The busy scene: busy-frontend selects 36 pods of namespace shop (4 not Ready); the ten other
/// Services' pods (namespaces ns-0 … ns-9) and the client are not behind it. The not-Ready ones
/// come first.
#[test]
fn the_pods_behind_busy_frontend_are_its_36_the_4_not_ready_first() {
    let (r, si) = busy();
    let s = &r.services[si];
    let pods = pods_behind(s, &r.pods);
    assert_eq!(pods.len(), 36, "{:?}", pods.iter().map(|p| &p.name).collect::<Vec<_>>());
    assert!(pods.iter().all(|p| p.namespace == "shop" && p.name.starts_with("busy-frontend-")));
    let not_ready: Vec<&str> = pods.iter().filter(|p| !p.ready).map(|p| p.name.as_str()).collect();
    assert_eq!(not_ready.len(), 4, "{not_ready:?}");
    assert!(pods[..4].iter().all(|p| !p.ready), "not Ready first");
    // every endpoint's pod is among them (the EndpointSlice controller lists selected pods)
    for e in &s.endpoints {
        assert!(pods.iter().any(|p| Some(p.name.as_str()) == e.pod.as_deref()), "{e:?}");
    }
}

/// taint-control-plane: web selects its three Running pods, web-old (Running, not Ready) and
/// the canary that no node takes (Pending, no IP: not an endpoint, ShouldPodBeInEndpoints, but
/// selected — and the one the reader asks about).
#[test]
fn a_pending_pod_the_service_selects_is_behind_it_though_it_is_no_endpoint() {
    let (r, si) = preset("taint-control-plane");
    let s = &r.services[si];
    let pods = pods_behind(s, &r.pods);
    let names: Vec<&str> = pods.iter().map(|p| p.name.as_str()).collect();
    let pending = pods.iter().find(|p| p.phase == "Pending").unwrap_or_else(|| panic!("{names:?}"));
    assert!(pending.ip.is_none() && !s.endpoints.iter().any(|e| e.pod.as_deref() == Some(pending.name.as_str())));
    assert!(pending.pending_reason.is_some(), "{:?}", pending.pending_reason);
    let old = pods.iter().find(|p| p.name == "web-old").unwrap_or_else(|| panic!("{names:?}"));
    // the words the pods table's "why not Ready" shows
    assert!(!old.ready && old.not_ready_reason.is_some(), "{:?}", old.not_ready_reason);
    assert!(pods.iter().take_while(|p| !p.ready).count() >= 2, "{names:?}");
    assert!(pods.iter().skip_while(|p| !p.ready).all(|p| p.ready), "{names:?}");
}

/// Not behind: an ExternalName (no pods), and pods of another namespace with the same labels.
#[test]
fn an_externalname_and_other_namespaces_pods_are_not_behind() {
    let r = fixture("tests/fixtures/uifix17/externalname-to-an-in-cluster-service.yaml");
    let alias = r.services.iter().find(|s| s.name == "alias").unwrap();
    assert!(pods_behind(alias, &r.pods).is_empty());
    let (r, si) = busy();
    let s = &r.services[si];
    for o in r.services.iter().filter(|o| o.name != s.name) {
        assert!(pods_behind(o, &r.pods).iter().all(|p| p.namespace == o.namespace), "{}", o.name);
    }
}

fn fold(l: &Layout) -> super::layout::Rect {
    l.find(SERVICES_GROUP_KIND, SERVICES_GROUP).unwrap().rect
}

/// At 320-360 px the fold "+10 other Services" took a row of its own under busy-frontend's box
/// (60 px + a gap), while the row of cluster DNS had ~150 px free right of it
/// (/work/uifix18/scratch/shots/before-busy-360-diagram.png). Now it sits there, as tall as
/// DNS, its words whole or in their short forms, nothing over it, and the nodes start higher.
#[test]
fn on_a_phone_the_services_fold_sits_beside_cluster_dns() {
    let (r, si) = busy();
    let mut n = 0;
    for k in 0..=16 {
        let width = 300.0 + 5.0 * k as f64;
        let l = layout(&r, Some(si), width);
        let dns = l.find("dns", "cluster-dns").unwrap().rect;
        let svc = l.find("service", "busy-frontend").unwrap().rect;
        let f = fold(&l);
        if svc.y <= dns.y {
            continue; // the Service beside DNS: the fold goes after it, as before
        }
        n += 1;
        assert_eq!(f.y, dns.y, "at {width}: fold {f:?}, DNS {dns:?}");
        assert!(f.x >= dns.x + dns.w, "at {width}");
        let cluster = l.find("cluster", "cluster").unwrap().rect;
        assert!(cluster.contains(&f), "at {width}");
        for it in l.items.iter().filter(|i| i.kind != "cluster" && i.name != SERVICES_GROUP) {
            assert!(!it.rect.overlaps(&f), "at {width}: {} {} over the fold", it.kind, it.name);
        }
        let g = l.find(SERVICES_GROUP_KIND, SERVICES_GROUP).unwrap();
        for t in &g.texts {
            assert!(f.contains(&t.bbox()), "at {width}: {t:?}");
        }
        // it still says how many, that they are off the path, and which
        assert!(g.texts[0].text.starts_with("+10"), "at {width}: {:?}", g.texts[0]);
        assert!(g.texts[1].text.starts_with("not on"), "at {width}: {:?}", g.texts[1]);
        assert!(g.texts[2].text.starts_with("svc-0"), "at {width}: {:?}", g.texts[2]);
        // the first node as far under the Service as it was under the fold (that row, 70 px, gone)
        let first_node = l.items.iter().filter(|i| i.kind == "node").map(|i| i.rect.y).fold(f64::INFINITY, f64::min);
        assert!(first_node - (svc.y + svc.h) < 75.0, "at {width}: first node at {first_node}, Service ends {}", svc.y + svc.h);
    }
    assert!(n >= 8, "{n} widths with the Service under DNS");
}

/// The hops that ran 5.8-7.9 px beside a border (uifix16/uifix17: 42 of the 320-1600 px sweep,
/// 36 of 22,490 on main at uifix18's start, 34 of them 7.9 px) are at none of the widths the
/// page is looked at: 360, 780 and 1280 px, and the diagram's own width in such a window (315,
/// 711, 776 px). Every preset × client node there keeps 8 px off the borders it passes; this
/// keeps it so.
#[test]
fn at_360_780_and_1280_px_every_presets_hops_keep_8_px_off_the_borders_they_pass() {
    let (mut n, mut bad) = (0, Vec::new());
    for (what, l, from, to) in super::tests_uifix13::hops_at(&[1280.0, 780.0, 360.0, 776.0, 711.0, 315.0]) {
        n += 1;
        if let Some((d, s)) = super::tests_uifix15::nearest(&l, &from, &to) {
            if d < 7.95 {
                bad.push(format!("{what}: {s}"));
            }
        }
    }
    assert!(n > 2000, "{n}");
    assert!(bad.is_empty(), "{} of {n}:\n{}", bad.len(), bad.join("\n"));
}

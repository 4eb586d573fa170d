//! uifix14: the diagram's routes at every width (not only 1280/780/360), gutters wide enough
//! for a route to keep clear of both borders, and a busy scene (a Service with many pods).

use super::analyze;
use super::config::Config;
use super::layout::layout;
use super::presets;

/// Diagram widths every 20 px from 320 to 1600.
fn widths() -> impl Iterator<Item = f64> {
    (0..=64).map(|k| 320.0 + 20.0 * k as f64)
}

/// A hop into a node that has a kube-proxy box: its drawn line ends on that box (the next hop
/// leaves from it), not on the node's top border above it. Before uifix14 364 of these 3,380
/// hops (every preset × client node × 320-1600 px, every 20 px) stopped at the node's top
/// border: at 560, 800-840 and 980-1020 px the node's one-line head ("192.168.49.2 · pods
/// 10.244.0.0/24", shortened to fit) left no column clear of it (the embed view at 900 px: its
/// diagram is the page's width less the margins, the same layout()).
#[test]
fn every_hop_into_a_node_goes_on_to_its_kube_proxy_box_at_every_width() {
    let w: Vec<f64> = widths().collect();
    let mut bad = Vec::new();
    let mut n = 0;
    for (what, l, from, to) in super::tests_uifix13::hops_at(&w) {
        let Some(node) = to.strip_prefix("node:") else { continue };
        let Some(kp) = l.find("kube-proxy", node) else { continue };
        n += 1;
        let route = l.drawn_route(&from, &to);
        let end = *route.last().unwrap();
        let r = kp.rect;
        let on = end.0 >= r.x - 0.5 && end.0 <= r.x + r.w + 0.5 && end.1 >= r.y - 0.5 && end.1 <= r.y + r.h + 0.5;
        if !on {
            bad.push(format!("{what}: ends {end:?}, kube-proxy {r:?}, route {:?}", l.route(&from, &to)));
        }
    }
    assert!(n > 1000, "{n}");
    assert!(bad.is_empty(), "{} of {n}:\n{}", bad.len(), bad.join("\n"));
}

/// The busy scene (tests/fixtures/uifix14/busy-frontend-36-pods.yaml: tools/bench_dump.py's
/// 100-pod dump, ten Services, and a LoadBalancer Service shop/busy-frontend selecting 36 pods
/// on three nodes, 4 not ready).
fn busy() -> super::Report {
    let yaml = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/uifix14/busy-frontend-36-pods.yaml")).unwrap();
    analyze(&yaml, &Config::default())
}

/// The selected Service is drawn: with eleven Services (fewer than the neighbourhood's 50) the
/// diagram drew the first ten, and shop/busy-frontend, the 11th, had no box (the hop from the
/// client to its address had nothing to end at; /work/uifix14/shots/before-busy-1280-light.png).
#[test]
fn the_selected_service_has_its_box_among_the_first_ten() {
    let r = busy();
    let si = r.services.iter().position(|s| s.name == "busy-frontend").unwrap();
    assert!(si >= super::layout::MAX_SERVICES, "{si}");
    assert!(r.services[si].endpoints.len() >= 30, "{}", r.services[si].endpoints.len());
    for width in [1280.0, 780.0, 360.0] {
        let l = layout(&r, Some(si), width);
        assert!(l.items.iter().any(|i| i.kind == "service" && i.index == Some(si)), "at {width}");
        assert!(l.items.iter().filter(|i| i.kind == "service").count() <= super::layout::MAX_SERVICES);
        for h in r.services[si].paths.iter().flat_map(|p| p.hops.iter()) {
            for k in [&h.from, &h.to] {
                assert!(l.item_for(k).is_some() || l.anchor(k).is_some(), "at {width}: {k} has no box");
            }
        }
    }
}

/// The gutters a route takes between two nodes and between the cluster's frame and the boxes
/// along it are 16 px (2 × layout's CLEAR): a route in the middle keeps 8 px off each border.
/// Before uifix14 10 px between nodes (5 each side) and 12 px inside the frame (6 each side).
/// Every preset at 320-1600 px; and at 360 px nothing drawn leaves the drawing's width.
#[test]
fn gutters_between_nodes_and_inside_the_frame_are_16_px() {
    let mut bad = Vec::new();
    for p in presets::ALL {
        let r = analyze(p.yaml, &Config { cloud: p.cloud, ..Config::default() });
        let Some(si) = r.services.iter().position(|s| s.name == p.service) else { continue };
        for width in widths() {
            let l = layout(&r, Some(si), width);
            let cluster = l.items.iter().find(|i| i.kind == "cluster").unwrap().rect;
            let nodes: Vec<&super::layout::Rect> = l.items.iter().filter(|i| matches!(i.kind, "node" | "node-group")).map(|i| &i.rect).collect();
            for n in &nodes {
                let inside = [n.x - cluster.x, cluster.x + cluster.w - n.x - n.w, cluster.y + cluster.h - n.y - n.h];
                if inside.iter().any(|&d| d < 15.9) {
                    bad.push(format!("{} at {width}: node {n:?} {inside:?} inside the frame {cluster:?}", p.id));
                }
                for m in &nodes {
                    let beside = m.x > n.x && (m.y - n.y).abs() < 0.5;
                    if beside && m.x - n.x - n.w < 15.9 {
                        bad.push(format!("{} at {width}: nodes {n:?} and {m:?} {} px apart", p.id, m.x - n.x - n.w));
                    }
                }
            }
            if (width - 360.0).abs() < 0.5 {
                for i in &l.items {
                    if i.rect.x < 0.0 || i.rect.x + i.rect.w > width + 0.5 {
                        bad.push(format!("{} at 360: {} {} {:?} leaves the drawing", p.id, i.kind, i.name, i.rect));
                    }
                }
            }
        }
    }
    assert!(bad.is_empty(), "{}:\n{}", bad.len(), bad.iter().take(20).cloned().collect::<Vec<_>>().join("\n"));
}

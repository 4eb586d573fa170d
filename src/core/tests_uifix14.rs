//! uifix14: the diagram's routes at every width (not only 1280/780/360), gutters wide enough
//! for a route to keep clear of both borders, and a busy scene (a Service with many pods).

use super::analyze;
use super::config::Config;
use super::layout::{layout, Layout};
use super::presets;

/// Diagram widths every 20 px from 320 to 1600.
fn widths() -> impl Iterator<Item = f64> {
    (0..=64).map(|k| 320.0 + 20.0 * k as f64)
}

/// Every preset × client node (none, node-1..3) × `widths`: (what, layout, from, to) for each
/// distinct hop of the preset's Service's paths.
fn hops(widths: &[f64]) -> Vec<(String, Layout, String, String)> {
    let mut out = Vec::new();
    for p in presets::ALL {
        for client in [None, Some("node-1"), Some("node-2"), Some("node-3")] {
            let r = analyze(p.yaml, &Config { cloud: p.cloud, client_node: client.map(str::to_string), ..Config::default() });
            let Some(si) = r.services.iter().position(|s| s.name == p.service) else { continue };
            for &width in widths {
                let l = layout(&r, Some(si), width);
                let mut seen = Vec::new();
                for path in &r.services[si].paths {
                    for h in &path.hops {
                        if h.from == h.to || seen.contains(&(h.from.clone(), h.to.clone())) {
                            continue;
                        }
                        seen.push((h.from.clone(), h.to.clone()));
                        out.push((format!("{} from {client:?} at {width}: {} → {}", p.id, h.from, h.to), l.clone(), h.from.clone(), h.to.clone()));
                    }
                }
            }
        }
    }
    out
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
    for (what, l, from, to) in hops(&w) {
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

//! uifix13: routes that hug borders. At 360 px the ingress and load-balancer routes ran along
//! box borders; at 1280 px the NodePort preset's outside-client route ran ~8 px inside the
//! cluster's left frame (/work/lead15/np-dark.png).

use super::analyze;
use super::config::Config;
use super::layout::{layout, Layout, Rect};
use super::presets;

/// Every preset × client node (none, node-1..3) × diagram width 1280/780/360, each Service's
/// paths' hops: (what, layout, from, to).
fn hops() -> Vec<(String, Layout, String, String)> {
    hops_at(&[1280.0, 780.0, 360.0])
}

/// [`hops`] at the given diagram widths (tests_uifix14 sweeps 320–1600 px).
pub(super) fn hops_at(widths: &[f64]) -> Vec<(String, Layout, String, String)> {
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

/// The boxes a hop starts or ends at (for a hop into a node, also its kube-proxy box, where its
/// line goes on to: Layout::drawn_route).
pub(super) fn ends(l: &Layout, from: &str, to: &str) -> Vec<Rect> {
    let mut out: Vec<Rect> = [from, to].iter().filter_map(|k| l.item_for(k)).map(|i| i.rect).collect();
    if let Some(n) = to.strip_prefix("node:") {
        out.extend(l.find("kube-proxy", n).map(|i| i.rect));
    }
    out
}

/// The nearest a segment `p`–`q` runs alongside one of `r`'s four borders: parallel to it and
/// beside it over more than 2 px (a segment that crosses a border at right angles is not
/// alongside it).
pub(super) fn alongside(p: (f64, f64), q: (f64, f64), r: &Rect) -> Option<f64> {
    let horizontal = (p.1 - q.1).abs() < 1e-9;
    let (lo, hi, at) = if horizontal { (p.0.min(q.0), p.0.max(q.0), p.1) } else { (p.1.min(q.1), p.1.max(q.1), p.0) };
    let (a, b, e1, e2) = if horizontal { (r.x, r.x + r.w, r.y, r.y + r.h) } else { (r.y, r.y + r.h, r.x, r.x + r.w) };
    (hi.min(b) - lo.max(a) > 2.0).then(|| (at - e1).abs().min((at - e2).abs()))
}

/// Each hop's drawn line: the nearest any of its segments runs alongside a border of a box it
/// neither starts nor ends at (the cluster's frame, a node's, a pod's, the Service's…), with
/// what it runs along.
fn hugs() -> Vec<(f64, String)> {
    let mut out = Vec::new();
    for (what, l, from, to) in hops() {
        let route = l.drawn_route(&from, &to);
        let skip = ends(&l, &from, &to);
        let mut worst: Option<(f64, String)> = None;
        for w in route.windows(2) {
            for i in l.items.iter().filter(|i| !skip.contains(&i.rect)) {
                if let Some(d) = alongside(w[0], w[1], &i.rect) {
                    if worst.as_ref().is_none_or(|(m, _)| d < *m) {
                        worst = Some((d, format!("{what}: {:?}–{:?} {d:.1} px from {} {}'s border {:?}", w[0], w[1], i.kind, i.name, i.rect)));
                    }
                }
            }
        }
        out.extend(worst);
    }
    out
}

/// Before uifix13 519 of the 990 hops (every preset × client node × 1280/780/360 px) ran 4 px
/// beside a border they neither start nor end at (the grid's lines were 4 px off each box):
/// the NodePort preset's outside client down the cluster's left gutter 4 px from the DNS box,
/// the load balancer's route 4 px beside the Service box at 360 px. Now none runs nearer than
/// 4.5 px: the middle of a gutter (10 px between two nodes: 5 px each side; 12 px between the
/// cluster's frame and the boxes along it: 6), else 8 px off ([`super::layout`]'s CLEAR).
#[test]
fn no_route_runs_along_a_border_it_does_not_start_or_end_at() {
    let h = hugs();
    let bad: Vec<&String> = h.iter().filter(|(d, _)| *d < 4.5).map(|(_, s)| s).collect();
    assert!(h.len() > 900, "{}", h.len());
    assert!(bad.is_empty(), "{} of {} hops:\n{}", bad.len(), h.len(), bad.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n"));
}

/// learner11 s7 (tests/fixtures/uifix12/15-netpol-nodeport-from-outside.yaml, the NodePort
/// entry on node-2, at the 1280 px window's diagram width 780): the outside client's line ran
/// 4 px beside the DNS box down the cluster's left gutter and 4 px above node-1's top
/// (cramped). Now at least 5 px from every border it passes.
#[test]
fn s7_the_outside_clients_line_keeps_clear_of_the_borders_it_passes() {
    let yaml = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/uifix12/15-netpol-nodeport-from-outside.yaml")).unwrap();
    let r = analyze(&yaml, &Config::default());
    let l = layout(&r, Some(0), 780.0);
    let route = l.drawn_route("client:outside", "node:node-2");
    let skip = ends(&l, "client:outside", "node:node-2");
    let near = route.windows(2).flat_map(|w| l.items.iter().filter(|i| !skip.contains(&i.rect)).filter_map(|i| alongside(w[0], w[1], &i.rect))).fold(f64::INFINITY, f64::min);
    eprintln!("s7 at 780: {route:?}, nearest border {near} px");
    assert!(near >= 5.0, "{near} {route:?}");
}

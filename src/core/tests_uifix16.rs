//! uifix16: routes that keep [`CLEAR`](super::layout) px off the borders they pass where the
//! grid has a line that far off: the grid search weighs a line nearer than CLEAR to a border
//! (off a gutter's middle) at three times its length (`layout::runs_near`, `NEAR_COST`).

use super::analyze;
use super::config::Config;
use super::layout::{layout, Layout, Rect};
use super::tests_uifix13::hops_at;
use super::tests_uifix15::nearest;

fn scene(id: &str, client: Option<&str>) -> (super::Report, usize) {
    let p = super::presets::find(id).unwrap();
    let r = analyze(p.yaml, &Config { cloud: p.cloud, client_node: client.map(str::to_string), ..Config::default() });
    let si = r.services.iter().position(|s| s.name == p.service).unwrap();
    (r, si)
}

/// The leftovers uifix15 named, one by one. At 360 px the load balancer's line down to node-1
/// (web-loadbalancer) ran 4.8 px beside the Service box, on the kube-proxy strip's 4 px line
/// (x 332; the Service box ends at 327.2, the cluster's frame at 352: room for 8 px); at 340 px
/// the Ingress's line down to the pod ran 5 px outside the cluster's right frame.
#[test]
fn the_load_balancer_line_at_360_px_and_the_ingress_line_at_340_px_keep_8_px() {
    let near = |l: &Layout, from: &str, to: &str| nearest(l, from, to).map_or(f64::INFINITY, |(d, _)| d);
    for client in [None, Some("node-2")] {
        let (r, si) = scene("web-loadbalancer", client);
        let l = layout(&r, Some(si), 360.0);
        assert!(near(&l, "load-balancer:web", "node:node-1") >= 7.95, "{:?}", nearest(&l, "load-balancer:web", "node:node-1"));
        let (r, si) = scene("web-nodeport", client);
        let l = layout(&r, Some(si), 360.0);
        assert!(near(&l, "client:outside", "node:node-1") >= 7.95, "{:?}", nearest(&l, "client:outside", "node:node-1"));
        let (r, si) = scene("ingress", client);
        let l = layout(&r, Some(si), 340.0);
        let s = &r.services[si];
        let hop = s.paths.iter().flat_map(|p| p.hops.iter()).find(|h| h.from == "external:ingress/web" && h.to.starts_with("pod:")).unwrap();
        assert!(near(&l, &hop.from, &hop.to) >= 7.95, "{:?}", nearest(&l, &hop.from, &hop.to));
    }
}

/// The sweep of tests_uifix15 (every preset × client node × 320-1600 px every 20 px): before
/// uifix16 76 of its 21,450 hops ran nearer than 8 px beside a border, nearest 4.5 px (the
/// shop pods of deployment-labels), 4.8 px (the load balancer's line at 360 px, 11 hops),
/// 5.0 px (the Ingress's at 340 px); now 42, nearest 5.8 px (the ExternalName client's line up
/// past node-3 at 740 px), 35 of them 7.9 px.
#[test]
fn hops_keep_8_px_off_the_borders_they_pass_fewer_and_none_under_5_5_px() {
    let step: usize = std::env::var("UIFIX15_STEP").ok().and_then(|v| v.parse().ok()).unwrap_or(1);
    let w: Vec<f64> = (0..=64).map(|k| 320.0 + 20.0 * k as f64).step_by(step).collect();
    let (mut n, mut bad) = (0, Vec::new());
    for (what, l, from, to) in hops_at(&w) {
        n += 1;
        if let Some((d, s)) = nearest(&l, &from, &to) {
            if d < 7.95 {
                bad.push((d, format!("{what}: {s}")));
            }
        }
    }
    assert!(n > 21000 || step > 1, "{n}");
    let under7 = bad.iter().filter(|b| b.0 < 7.0).count();
    eprintln!("{} of {n} hops within 8 px, {under7} within 7 px", bad.len());
    assert!(bad.len() <= 45, "{} of {n}:\n{}", bad.len(), bad.iter().map(|b| b.1.as_str()).collect::<Vec<_>>().join("\n"));
    assert!(bad.iter().all(|b| b.0 >= 5.5), "{}", bad.iter().filter(|b| b.0 < 5.5).map(|b| b.1.as_str()).collect::<Vec<_>>().join("\n"));
    assert!(under7 <= 6, "{under7}");
}

/// The embed view of web-loadbalancer at step 2 ("the load balancer forwards to a node's
/// nodePort; here node-1"): the packet rested in node-1's lower right corner, beside the pod
/// web-…-6nmzf, as if the request were already there (/work/uifix16/shots
/// before-embed-lb-dark.png). A packet at a node now rests on its kube-proxy box, where the
/// hop's drawn line ends and the next hop leaves (under the line's end, or where the strip's
/// text is there, at its right end), at every preset's steps into a node, 320-1600 px.
#[test]
fn a_packet_at_a_node_rests_on_its_kube_proxy_box_where_the_line_ends() {
    use super::layout::packet_key;
    let (mut n, mut bad) = (0, Vec::new());
    for p in super::presets::ALL {
        for client in [None, Some("node-2")] {
            let r = analyze(p.yaml, &Config { cloud: p.cloud, client_node: client.map(str::to_string), ..Config::default() });
            let Some(si) = r.services.iter().position(|s| s.name == p.service) else { continue };
            for width in [1600.0, 1280.0, 900.0, 700.0, 360.0, 320.0] {
                let l = layout(&r, Some(si), width);
                for path in &r.services[si].paths {
                    for step in 1..=path.hops.len() {
                        let Some(key) = packet_key(path, step) else { continue };
                        let Some(node) = key.strip_prefix("node:") else { continue };
                        let Some(kp) = l.find("kube-proxy", node) else { continue };
                        n += 1;
                        let at = l.rest(key).unwrap();
                        let dot = Rect { x: at.0 - 9.0, y: at.1 - 9.0, w: 18.0, h: 18.0 };
                        let h = &path.hops[step - 1];
                        let end = *l.drawn_route(&h.from, &h.to).last().unwrap();
                        // under the line's end where that is clear of the strip's text, else at
                        // the strip's clear right end
                        let under = Rect { x: end.0 - 9.0, ..dot };
                        let clear = |r: &Rect| !kp.texts.iter().any(|t| t.bbox().overlaps(r));
                        let placed = if clear(&under) && kp.rect.contains(&under) { (at.0 - end.0).abs() < 0.5 } else { at.0 > end.0 };
                        if !kp.rect.inflate(0.5).contains(&dot) || !clear(&dot) || !placed {
                            bad.push(format!("{} {:?} {} step {step} at {width}: packet {at:?}, kube-proxy {:?}, line ends {end:?}", p.id, client, path.entry, kp.rect));
                        }
                    }
                }
            }
        }
    }
    assert!(n > 100, "{n}");
    assert!(bad.is_empty(), "{} of {n}:\n{}", bad.len(), bad.join("\n"));
}

/// From 700 px up a node folds its pods only to hide three or more of them: the
/// taint-control-plane preset at 1280 px drew worker-1's client, one of web's three endpoints
/// and "+2 more endpoints of web" (2 ready · 0 not ready) in the slot a third pod would take,
/// beside an empty cp node (/work/uifix16/shots/before-preset-taint-control-plane-diagram.png).
/// A fold that would hide one row's pods and one is now one row more. Every preset × client
/// node at 1600-700 px (narrower, a phone keeps three rows: the packet's label needs the room).
#[test]
fn a_fold_hides_three_pods_or_more_and_taint_control_plane_draws_all_of_webs_endpoints() {
    let mut n = 0;
    for p in super::presets::ALL {
        for client in [None, Some("node-1"), Some("node-2"), Some("node-3")] {
            let r = analyze(p.yaml, &Config { cloud: p.cloud, client_node: client.map(str::to_string), ..Config::default() });
            let Some(si) = r.services.iter().position(|s| s.name == p.service) else { continue };
            for width in [1600.0, 1280.0, 1000.0, 900.0, 780.0, 700.0] {
                let l = layout(&r, Some(si), width);
                for g in l.items.iter().filter(|i| i.kind == "pod-group") {
                    n += 1;
                    let hidden = l.folded.iter().filter(|(_, group)| *group == g.name).count();
                    assert!(hidden >= 3, "{} {client:?} at {width}: {} hides {hidden}", p.id, g.name);
                }
            }
        }
    }
    eprintln!("{n} folds in the presets");
    let (r, si) = scene("taint-control-plane", None);
    let l = layout(&r, Some(si), 1280.0);
    assert!(l.find("pod-group", "worker-1-more").is_none(), "{:?}", l.folded);
    for e in &r.services[si].endpoints {
        let pod = e.pod.as_deref().unwrap();
        assert!(l.find("pod", pod).is_some(), "{pod} not drawn: {:?}", l.folded);
    }
}

//! uifix12: share links and `?embed` URLs carry the From choice (uifix11's client_namespace);
//! and (its layout commit, cherry-picked by uifix13) learner11's s5 and s7 screenshots
//! (/work/learner11/report.md "Picture defects"; its inputs in tests/fixtures/uifix12): the
//! address pill under the cluster's frame away from its hop, and the outside → node-2 line that
//! stopped at node-2's top border while the next hop started at node-2's kube-proxy box.

use super::analyze;
use super::config::Config;
use super::layout::{crosses_frame, current_hop, label_lines, label_size, layout, packet_key, packet_label, Layout, Rect};
use super::paths::{Entry, Path};
use super::report::Report;

fn fixture(file: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/uifix12").join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// (the pill, the packet's resting spot, the hop's drawn line)
type Placed = (Rect, (f64, f64), Vec<(f64, f64)>);

fn pill(l: &Layout, p: &Path, step: usize) -> Option<Placed> {
    let at = packet_key(p, step).and_then(|k| l.rest(k))?;
    let (w, h) = label_size(&label_lines(&format!("{} · conn #12", packet_label(p, step)), l.label_max()));
    let hop = current_hop(p, step)?;
    let route = l.drawn_route(&hop.from, &hop.to);
    Some((l.place_pill(at, &route, w, h), at, route))
}

fn to_route(r: &Rect, route: &[(f64, f64)]) -> f64 {
    route
        .windows(2)
        .map(|s| {
            let (x0, x1, y0, y1) = (s[0].0.min(s[1].0), s[0].0.max(s[1].0), s[0].1.min(s[1].1), s[0].1.max(s[1].1));
            let dx = (r.x - x1).max(x0 - (r.x + r.w)).max(0.0);
            let dy = (r.y - y1).max(y0 - (r.y + r.h)).max(0.0);
            (dx * dx + dy * dy).sqrt()
        })
        .fold(f64::INFINITY, f64::min)
}

/// Learner11's two inputs and every preset, each Service selected: (what, report, Service index).
fn scenes() -> Vec<(String, Report, usize)> {
    let mut out = Vec::new();
    let mut add = |what: &str, r: Report| {
        for si in 0..r.services.len() {
            out.push((format!("{what} {}", r.services[si].name), r.clone(), si));
        }
    };
    for file in ["10-netpol-namespace-selector.yaml", "15-netpol-nodeport-from-outside.yaml"] {
        add(file, analyze(&fixture(file), &Config::default()));
    }
    for p in crate::core::presets::ALL {
        add(p.id, analyze(p.yaml, &Config { cloud: p.cloud, ..Config::default() }));
    }
    out
}

const WIDTHS: [f64; 3] = [1280.0, 780.0, 360.0];

/// What is wrong with a pill (tests_uifix10's faults): it covers a box, a node's header, a text
/// or counter, or the packet, or sits across a frame.
fn faults(l: &Layout, lr: &Rect, at: (f64, f64)) -> Vec<String> {
    let mut out = Vec::new();
    out.extend(l.pill_blockers().iter().filter(|b| b.overlaps(lr)).map(|b| format!("covers {b:?}")));
    out.extend(l.ink().iter().filter(|t| t.overlaps(lr)).map(|t| format!("covers text {t:?}")));
    if (Rect { x: at.0 - 9.0, y: at.1 - 9.0, w: 18.0, h: 18.0 }).overlaps(lr) {
        out.push("covers the packet".into());
    }
    out.extend(l.items.iter().filter(|i| crosses_frame(lr, &i.rect)).map(|i| format!("across {} {}'s frame", i.kind, i.name)));
    out
}

fn inside(r: &Rect, p: (f64, f64)) -> bool {
    p.0 >= r.x - 1.0 && p.0 <= r.x + r.w + 1.0 && p.1 >= r.y - 1.0 && p.1 <= r.y + r.h + 1.0
}

/// learner11 s5 (q/10) and s7 (q/15, the NodePort entry): at the last step (the delivery into
/// the pod, a hop into itself) the pill "10.244.0.2:8080" sat under the cluster's frame. Now, at
/// every step of every path, in learner11's inputs and the presets at 1280/780/360 px: a pill
/// whose hop runs inside the cluster lies inside the cluster's frame, covers nothing, crosses no
/// frame and is within 200 px (uifix10's bound: the nearest open spot for a hop with no open line, the band above the nodes) of its hop's drawn line (the line of the hop that brought the
/// packet, for a hop into itself).
#[test]
fn the_pill_of_a_hop_in_the_cluster_sits_inside_its_frame_by_its_line() {
    let (mut bad, mut all, mut worst) = (Vec::new(), 0, 0.0f64);
    for (what, r, si) in scenes() {
        for width in WIDTHS {
            let l = layout(&r, Some(si), width);
            let Some(cluster) = l.items.iter().find(|i| i.kind == "cluster").map(|i| i.rect) else { continue };
            for p in &r.services[si].paths {
                for step in 1..=p.hops.len() {
                    let Some((lr, at, route)) = pill(&l, p, step) else { continue };
                    let (Some(&a), Some(&b)) = (route.first(), route.last()) else { continue };
                    if route.len() < 2 || !inside(&cluster, a) || !inside(&cluster, b) {
                        continue;
                    }
                    all += 1;
                    let d = to_route(&lr, &route);
                    let mut f = faults(&l, &lr, at);
                    if !cluster.contains(&lr) {
                        f.push(format!("outside the cluster's frame {cluster:?}"));
                    }
                    if d > 200.0 {
                        f.push(format!("{d:.0} px from its hop's line"));
                    }
                    worst = worst.max(d);
                    if !f.is_empty() {
                        bad.push(format!("{what} {} step {step} at {width}: pill {lr:?}: {}", p.entry, f.join("; ")));
                    }
                }
            }
        }
    }
    eprintln!("{all} pills, worst {worst:.0} px from the line");
    assert!(all > 100, "{all}");
    assert!(bad.is_empty(), "{} of {all}:\n{}", bad.len(), bad.join("\n"));
}

/// learner11 s7 itself: q/15, the NodePort entry on node-2 at the 1280 px window's diagram
/// width (780): the last step's pill is inside the cluster, within 40 px of the line into the pod.
#[test]
fn s7_the_delivered_pills_is_by_the_line_into_the_pod() {
    let r = analyze(&fixture("15-netpol-nodeport-from-outside.yaml"), &Config::default());
    let l = layout(&r, Some(0), 780.0);
    let cluster = l.items.iter().find(|i| i.kind == "cluster").unwrap().rect;
    let p = r.services[0].paths.iter().find(|p| p.entry == Entry::NodePort && p.node.as_deref() == Some("node-2")).expect("NodePort via node-2");
    let (lr, _, route) = pill(&l, p, p.hops.len()).unwrap();
    assert!(cluster.contains(&lr), "{lr:?} outside {cluster:?}");
    assert!(to_route(&lr, &route) <= 40.0, "{lr:?} {route:?}");
}

/// learner11 s7: the outside → node-2 line stopped at node-2's top border while the next hop
/// began at node-2's kube-proxy box. Now a hop into `node:X` followed by one from
/// `kube-proxy:X` ends on that kube-proxy box's top edge, in learner11's inputs and every
/// preset at 1280/780/360 px (all entries, each node).
#[test]
fn a_hop_into_a_node_goes_on_to_the_kube_proxy_the_next_leaves_from() {
    let (mut bad, mut all) = (Vec::new(), 0);
    for (what, r, si) in scenes() {
        for width in WIDTHS {
            let l = layout(&r, Some(si), width);
            for p in &r.services[si].paths {
                for w in p.hops.windows(2) {
                    let Some(node) = w[0].to.strip_prefix("node:") else { continue };
                    if w[1].from != format!("kube-proxy:{node}") {
                        continue;
                    }
                    let Some(kp) = l.find("kube-proxy", node) else { continue };
                    all += 1;
                    let line = l.drawn_route(&w[0].from, &w[0].to);
                    let end = *line.last().unwrap();
                    let on = (end.1 - kp.rect.y).abs() < 0.5 && end.0 >= kp.rect.x && end.0 <= kp.rect.x + kp.rect.w;
                    if !on {
                        bad.push(format!("{what} {} {} → {} at {width}: ends at {end:?}, kube-proxy {:?}", p.entry, w[0].from, w[0].to, kp.rect));
                    }
                }
            }
        }
    }
    assert!(all > 20, "{all}");
    assert!(bad.is_empty(), "{} of {all}:\n{}", bad.len(), bad.join("\n"));
}

/// uifix11's From choice "Your pod frontend/client" (Config::client_namespace) in a share link
/// and an `?embed` URL (the same `#s=` payload): carried as an appended field
/// `client_namespace` and restored; a link made before it (no such field) opens with the
/// stand-in client; a value that is no namespace name (apimachinery IsDNS1123Label) is dropped.
#[test]
fn a_share_link_carries_the_client_pods_namespace() {
    use super::share::{decode, encode, SharedScene};
    use crate::hostopts::HostOptions;
    let sc = SharedScene { yaml: "y".into(), nodes: 3, client: "node-2".into(), mode: "keepalive-2".into(), client_namespace: "frontend".into(), ..Default::default() };
    let payload = encode(&sc);
    assert_eq!(decode(&payload).unwrap(), sc);
    for search in ["", "?embed", "?embed&readonly"] {
        let o = HostOptions::parse(search, &format!("#s={payload}"));
        assert_eq!((o.client_namespace.as_deref(), o.client.as_deref(), o.client_mode.as_deref()), (Some("frontend"), Some("node-2"), Some("keepalive-2")), "{search}");
    }
    // an old link: the fields before it only
    let old = encode(&SharedScene { yaml: "y".into(), client: "node-2".into(), ..Default::default() });
    assert_eq!(HostOptions::parse("", &format!("#s={old}")).client_namespace, None);
    let bad = encode(&SharedScene { yaml: "y".into(), client_namespace: "Not_A/ns".into(), ..Default::default() });
    assert_eq!(HostOptions::parse("", &format!("#s={bad}")).client_namespace, None);
}

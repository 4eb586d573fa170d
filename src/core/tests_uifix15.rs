//! uifix15: a busy diagram that shows the selected Service's own pods first and says what its
//! folds hide; routes that keep [`CLEAR`](super::layout) px off the borders they pass; parallel
//! routes at 360 px that stand apart.

use super::analyze;
use super::config::Config;
use super::layout::{layout, Layout};
use super::tests_uifix13::{alongside, ends, hops_at};

/// Diagram widths every 20 px from 320 to 1600 (tests_uifix14's sweep).
fn widths() -> Vec<f64> {
    (0..=64).map(|k| 320.0 + 20.0 * k as f64).collect()
}

/// Each hop's nearest run alongside a border of a box it neither starts nor ends at.
fn nearest(l: &Layout, from: &str, to: &str) -> Option<(f64, String)> {
    let route = l.drawn_route(from, to);
    let skip = ends(l, from, to);
    let mut worst: Option<(f64, String)> = None;
    for w in route.windows(2) {
        for i in l.items.iter().filter(|i| !skip.contains(&i.rect)) {
            if let Some(d) = alongside(w[0], w[1], &i.rect) {
                if worst.as_ref().is_none_or(|(m, _)| d < *m) {
                    worst = Some((d, format!("{:?}–{:?} {d:.1} px from {} {} {:?}", w[0], w[1], i.kind, i.name, i.rect)));
                }
            }
        }
    }
    worst
}

#[test]
#[ignore]
fn measure_hops_within_8_px() {
    let mut n = 0;
    let mut bad = Vec::new();
    for (what, l, from, to) in hops_at(&widths()) {
        n += 1;
        if let Some((d, s)) = nearest(&l, &from, &to) {
            if d < 7.95 {
                bad.push(format!("{what}: {s}"));
            }
        }
    }
    let mut kinds = std::collections::BTreeMap::new();
    for b in &bad {
        let k = b.split(": ").nth(1).unwrap_or("").to_string();
        let k = format!("{} | {}", k, b.split(" px from ").nth(1).unwrap_or("").split(' ').next().unwrap_or(""));
        *kinds.entry(k).or_insert(0) += 1;
    }
    eprintln!("{} of {n} hops within 8 px", bad.len());
    for (k, v) in &kinds {
        eprintln!("{v:5} {k}");
    }
    for b in bad.iter().step_by((bad.len() / 40).max(1)) {
        eprintln!("{b}");
    }
}

/// The busy scene (tests/fixtures/uifix14/busy-frontend-36-pods.yaml: 100 pods of ten Services
/// and shop/busy-frontend's 36 on three nodes, the client on node-1).
fn busy() -> (super::Report, usize) {
    let yaml = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/uifix14/busy-frontend-36-pods.yaml")).unwrap();
    let r = analyze(&yaml, &Config::default());
    let si = r.services.iter().position(|s| s.name == "busy-frontend").unwrap();
    (r, si)
}

/// Issue #12 item 4 ("the diagram shows the selected Service's neighbourhood"): on each node of
/// the busy scene the selected Service's endpoints come before any other pod (after the client,
/// where the request starts), and a fold that hides some of them says so in two counts. Before
/// uifix15 node-1's fold said "+111 more pods" (11 of busy-frontend's endpoints and 100 other
/// Services' pods, /work/uifix14/shots); now "+11 more endpoints of busy-frontend" (or as much
/// of it as fits), their readiness, and "+100 other pods".
#[test]
fn the_busy_scenes_folds_count_the_services_endpoints_apart_from_other_pods() {
    let (r, si) = busy();
    let s = &r.services[si];
    let own = |name: &str| s.endpoints.iter().any(|e| e.pod.as_deref() == Some(name));
    for width in [1600.0, 1280.0, 900.0, 780.0, 360.0] {
        let l = layout(&r, Some(si), width);
        for node in l.items.iter().filter(|i| i.kind == "node") {
            let pods: Vec<&str> = l.items.iter().filter(|i| i.kind == "pod" && node.rect.contains(&i.rect)).map(|i| i.name.as_str()).collect();
            let group = format!("{}-more", node.name);
            let hidden: Vec<&str> = l.folded.iter().filter(|(_, g)| *g == group).map(|(p, _)| p.as_str()).collect();
            // no endpoint is folded while another Service's pod is drawn on the node
            if hidden.iter().any(|p| own(p)) {
                let other = pods.iter().find(|p| !own(p) && **p != r.cluster.client_pod.name);
                assert!(other.is_none(), "at {width}: {} draws {other:?} and folds endpoints", node.name);
            }
            let Some(g) = l.find("pod-group", &group) else { continue };
            let (e, o) = (hidden.iter().filter(|p| own(p)).count(), hidden.iter().filter(|p| !own(p)).count());
            let said: Vec<&str> = g.texts.iter().map(|t| t.text.as_str()).collect();
            let full: Vec<&str> = g.texts.iter().map(|t| t.full.as_str()).collect();
            eprintln!("{width} {}: {} drawn, fold {said:?}", node.name, pods.len());
            if e > 0 {
                assert_eq!(full[0], format!("+{e} more endpoints of busy-frontend"), "at {width}");
                assert!(said[0].starts_with(&format!("+{e}")), "at {width}: {said:?}");
                assert!(said[1].contains("ready"), "at {width}: {said:?}");
            }
            if o > 0 {
                let last = if e > 0 { said[2] } else { said[0] };
                assert!(last.starts_with(&format!("+{o} other")) || (width < 400.0 && last == format!("+{o}")), "at {width}: {said:?}");
            }
        }
    }
    // at 1280 px node-1's fold: 11 endpoints and 100 other pods
    let l = layout(&r, Some(si), 1280.0);
    let full: Vec<String> = l.find("pod-group", "node-1-more").unwrap().texts.iter().map(|t| t.full.clone()).collect();
    assert_eq!(full[0], "+11 more endpoints of busy-frontend");
    assert_eq!(full[2], "+100 other pods");
}

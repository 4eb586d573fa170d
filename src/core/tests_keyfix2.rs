//! keyfix2 (issue #12, keystroke budget): `layout::route_between` searches the grid with an A*
//! (a consistent lower bound: the grid steps' truncated lengths to the goal's lines plus the
//! bends any route must still make) instead of a Dijkstra that settled every state cheaper than
//! the goal, and rebuilds the route by the Dijkstra's own tie-break (each state's predecessor:
//! the one of least (dist, state) giving it its dist). Renaming the tutorial's Service widens its
//! box, a strict obstacle of every other hop: each keystroke searched 5 routes again. Checked
//! here against the Dijkstra kept beside it (`route_between_dijkstra`, the search before this
//! change): the same points, bit for bit, for every hop, selector edge and box pair of every
//! preset, Service and width, strict and not; and far fewer states expanded.

use super::analyze;
use super::config::Config;
use super::layout::{layout, route_between, route_between_dijkstra, Layout, EXPANDED};

/// The hops of every path, the selected Service to each endpoint pod, and each box to every
/// third box.
fn pairs(r: &super::report::Report, si: usize, l: &Layout) -> Vec<(String, String)> {
    let s = &r.services[si];
    let mut out: Vec<(String, String)> = s.paths.iter().flat_map(|p| p.hops.iter().map(|h| (h.from.clone(), h.to.clone()))).collect();
    out.extend(s.endpoints.iter().filter_map(|e| e.pod.as_ref().map(|pod| (format!("service:{}", s.name), format!("pod:{pod}")))));
    let keys: Vec<String> = l.items.iter().map(|it| format!("{}:{}", it.kind, it.name)).collect();
    for (i, a) in keys.iter().enumerate() {
        for b in keys.iter().skip(i % 3).step_by(3) {
            if a != b {
                out.push((a.clone(), b.clone()));
            }
        }
    }
    out
}

type Route = Option<Vec<(f64, f64)>>;

/// Both searches on one hop, strict and not: (A*'s, Dijkstra's) per strictness.
fn both(l: &Layout, from: &str, to: &str) -> Vec<(Route, Route)> {
    let (Some(a), Some(b)) = (l.anchor(from), l.anchor(to)) else { return Vec::new() };
    let frames = l.frames();
    [true, false]
        .into_iter()
        .map(|strict| {
            let obstacles = l.obstacles(from, to, strict);
            (route_between(a, b, &obstacles, &frames, l.width, l.height), route_between_dijkstra(a, b, &obstacles, &frames, l.width, l.height))
        })
        .collect()
}

fn bits(r: &Route) -> Option<Vec<(u64, u64)>> {
    r.as_ref().map(|v| v.iter().map(|p| (p.0.to_bits(), p.1.to_bits())).collect())
}

#[test]
fn astar_routes_are_the_dijkstras_in_every_preset_service_and_width() {
    let mut searched = 0;
    for p in crate::core::presets::ALL {
        let r = analyze(p.yaml, &Config { cloud: p.cloud, ..Config::default() });
        for si in 0..r.services.len() {
            for width in [1280.0, 780.0, 360.0] {
                let l = layout(&r, Some(si), width);
                for (from, to) in pairs(&r, si, &l) {
                    for (astar, dijkstra) in both(&l, &from, &to) {
                        assert_eq!(bits(&astar), bits(&dijkstra), "{} {} {width}: {from} -> {to}", p.id, r.services[si].name);
                        searched += 1;
                    }
                }
            }
        }
    }
    assert!(searched > 2000, "{searched} searches compared");
}

/// The tutorial as `./dev bench` types into it: its Service renamed `web`, `webx`, `webxx`…
/// at the widths a page gives the diagram.
fn tutorial_keystrokes() -> Vec<(super::report::Report, usize, Layout)> {
    tutorial_keystrokes_at(&[1000.0, 800.0, 640.0, 480.0])
}

/// [`tutorial_keystrokes`] at these widths (tests_keyfix3 takes more).
pub(super) fn tutorial_keystrokes_at(widths: &[f64]) -> Vec<(super::report::Report, usize, Layout)> {
    let base = crate::core::presets::DEFAULT.yaml;
    let pos = base.find("name: web").expect("the Service's name") + "name: web".len();
    let mut out = Vec::new();
    for n in 0..6 {
        let text = format!("{}{}{}", &base[..pos], "x".repeat(n), &base[pos..]);
        let r = analyze(&text, &Config::default());
        let si = r.default_service();
        for &width in widths {
            let l = layout(&r, Some(si), width);
            out.push((r.clone(), si, l));
        }
    }
    out
}

#[test]
fn astar_routes_are_the_dijkstras_while_the_tutorials_service_is_renamed() {
    for (r, si, l) in tutorial_keystrokes() {
        for (from, to) in pairs(&r, si, &l) {
            for (astar, dijkstra) in both(&l, &from, &to) {
                assert_eq!(bits(&astar), bits(&dijkstra), "{} {}: {from} -> {to}", r.services[si].name, l.width);
            }
        }
    }
}

#[test]
fn a_tutorial_keystrokes_routes_expand_a_fraction_of_the_states() {
    let (mut astar, mut dijkstra) = (0, 0);
    for (r, si, l) in tutorial_keystrokes() {
        let s = &r.services[si];
        // what the diagram routes on a keystroke: the selector edges and the path's hops
        let mut hops: Vec<(String, String)> = s.endpoints.iter().filter_map(|e| e.pod.as_ref().map(|pod| (format!("service:{}", s.name), format!("pod:{pod}")))).collect();
        hops.extend(s.paths.iter().flat_map(|p| p.hops.iter().map(|h| (h.from.clone(), h.to.clone()))));
        for (from, to) in hops {
            let (Some(a), Some(b)) = (l.anchor(&from), l.anchor(&to)) else { continue };
            let (obstacles, frames) = (l.obstacles(&from, &to, true), l.frames());
            EXPANDED.with(|n| n.set(0));
            route_between(a, b, &obstacles, &frames, l.width, l.height);
            astar += EXPANDED.with(|n| n.get());
            EXPANDED.with(|n| n.set(0));
            route_between_dijkstra(a, b, &obstacles, &frames, l.width, l.height);
            dijkstra += EXPANDED.with(|n| n.get());
        }
    }
    println!("states expanded: A* {astar}, Dijkstra {dijkstra}");
    assert!(dijkstra > 0 && astar * 4 <= dijkstra, "A* {astar}, Dijkstra {dijkstra}");
}

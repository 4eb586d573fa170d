//! keyfix (issue #12, keystroke budget): `Layout::place_pill` picks the first open candidate in
//! (score, y, x) order by one scan instead of sorting every candidate (thousands: a grid over the
//! whole drawing) on each keystroke; the pill must land exactly where the sort put it, for every
//! preset, Service, entry, step and width (tests_uifix12's scenes). (`route_between`'s grid
//! search now tests each grid line's edges against only the boxes and frames that line meets,
//! the same tests; checked once against main's layout.rs copied beside it: every hop's drawn
//! route, and the route from every box to every third box, equal in every preset, Service and width.)

use super::analyze;
use super::config::Config;
use super::layout::{current_hop, label_lines, label_size, layout, packet_key, packet_label};

#[test]
fn the_pill_lands_where_sorting_every_candidate_put_it() {
    let mut placed = 0;
    for p in crate::core::presets::ALL {
        let r = analyze(p.yaml, &Config { cloud: p.cloud, ..Config::default() });
        for si in 0..r.services.len() {
            for width in [1280.0, 780.0, 360.0] {
                let l = layout(&r, Some(si), width);
                for path in &r.services[si].paths {
                    for step in 0..=path.hops.len() {
                        let (Some(at), Some(hop)) = (packet_key(path, step).and_then(|k| l.rest(k)), current_hop(path, step)) else { continue };
                        let (w, h) = label_size(&label_lines(&format!("{} · conn #12", packet_label(path, step)), l.label_max()));
                        let route = l.drawn_route(&hop.from, &hop.to);
                        let (a, b) = (l.place_pill(at, &route, w, h), l.place_pill_sorted(at, &route, w, h));
                        assert!(a.x.to_bits() == b.x.to_bits() && a.y.to_bits() == b.y.to_bits(), "{} {} {width} step {step}: {a:?} vs {b:?}", p.id, r.services[si].name);
                        placed += 1;
                    }
                }
            }
        }
    }
    assert!(placed > 200, "{placed} pills compared");
}


//! keyfix3 (issue #12, keystroke budget): two searches of a tutorial keystroke made cheaper
//! with the same answers.
//! - `Layout::place_pill` leaves out the grid candidates whose lower bound (the distance to the
//!   route's bounding box plus a quarter of the distance to the packet: the score's first two
//!   terms, each no larger) is above the best open score so far, whole rows by their vertical
//!   distances; it tests first the text or blocker that covered the last candidate tested. A
//!   keystroke scored all ~25,000 grid candidates; here ~4x fewer over every step and width.
//!   The pill lands where sorting every candidate put it (`place_pill_sorted`, here at every
//!   step of the tutorial keystrokes and widths, and in tests_keyfix for every preset).
//! - `route_between`'s per-line lists (the boxes a grid line runs through, the frames it runs
//!   along) come from two binary searches per rect over the sorted lines (`PerLine`) instead of
//!   testing every rect against every line: the same rects per line as those tests, checked here
//!   on the grid of every hop of every preset, Service and width; the routes themselves stay
//!   the Dijkstra's (tests_keyfix2).

use super::analyze;
use super::config::Config;
use super::layout::{current_hop, grid_lines, label_lines, label_size, layout, packet_key, packet_label, Layout, PerLine, Rect, Along, Through, ALONG, SCORED};

/// The tutorial as `./dev bench` types into it (tests_keyfix2's scenes): its Service renamed
/// `web`, `webx`, `webxx`… at the widths a page gives the diagram.
fn tutorial_keystrokes() -> Vec<(super::report::Report, usize, Layout)> {
    super::tests_keyfix2::tutorial_keystrokes_at(&[1280.0, 1000.0, 800.0, 640.0, 480.0, 360.0])
}

#[test]
fn the_pill_lands_where_sorting_every_candidate_put_it_scoring_a_fraction() {
    let (mut fast, mut sorted, mut placed) = (0, 0, 0);
    for (r, si, l) in tutorial_keystrokes() {
        for p in &r.services[si].paths {
            for step in 0..=p.hops.len() {
                let at = packet_key(p, step).and_then(|k| l.rest(k)).unwrap_or((l.width / 2.0, 20.0));
                let (w, h) = label_size(&label_lines(&packet_label(p, step), l.label_max()));
                let route = current_hop(p, step).map(|h| l.drawn_route(&h.from, &h.to)).unwrap_or_default();
                SCORED.with(|n| n.set(0));
                let a = l.place_pill(at, &route, w, h);
                fast += SCORED.with(|n| n.get());
                SCORED.with(|n| n.set(0));
                let b = l.place_pill_sorted(at, &route, w, h);
                sorted += SCORED.with(|n| n.get());
                assert!(a.x.to_bits() == b.x.to_bits() && a.y.to_bits() == b.y.to_bits(), "{} {} step {step}: {a:?} vs {b:?}", r.services[si].name, l.width);
                placed += 1;
            }
        }
    }
    println!("{placed} pills: {fast} candidates scored, {sorted} by the sort");
    assert!(placed > 100 && fast * 3 <= sorted, "{placed} pills: {fast} candidates scored, {sorted} by the sort");
}

fn brute(lines: &[f64], rects: &[Rect], span: fn(&Rect) -> (f64, f64), along: bool) -> Vec<Vec<Rect>> {
    lines
        .iter()
        .map(|&v| {
            rects
                .iter()
                .filter(|r| if along { (v - span(r).0).abs() < ALONG || (v - span(r).0 - span(r).1).abs() < ALONG } else { span(r).0 < v && v < span(r).0 + span(r).1 })
                .copied()
                .collect()
        })
        .collect()
}

/// `PerLine` for these lines: each line's rects, each once, in the rects' order.
fn flat(lines: &[f64], rects: &[Rect], span: fn(&Rect) -> (f64, f64), along: bool) -> Vec<Vec<Rect>> {
    let p = PerLine::new(lines, rects, span, if along { Along } else { Through });
    (0..lines.len())
        .map(|k| {
            let got = p.at(k);
            rects.iter().filter(|r| got.iter().any(|g| g == *r)).copied().collect::<Vec<Rect>>()
        })
        .zip(0..lines.len())
        .map(|(v, k)| {
            // (and nothing else: every rect listed is one of them)
            assert!(p.at(k).iter().all(|g| v.contains(g)));
            v
        })
        .collect()
}

#[test]
fn each_grid_lines_rects_are_those_testing_every_rect_finds() {
    let mut lines = 0;
    for p in crate::core::presets::ALL {
        let r = analyze(p.yaml, &Config { cloud: p.cloud, ..Config::default() });
        for si in 0..r.services.len() {
            for width in [1280.0, 780.0, 360.0] {
                let l = layout(&r, Some(si), width);
                let frames = l.frames();
                let s = &r.services[si];
                let mut hops: Vec<(String, String)> = s.paths.iter().flat_map(|p| p.hops.iter().map(|h| (h.from.clone(), h.to.clone()))).collect();
                hops.extend(s.endpoints.iter().filter_map(|e| e.pod.as_ref().map(|pod| (format!("service:{}", s.name), format!("pod:{pod}")))));
                for (from, to) in hops {
                    let (Some(a), Some(b)) = (l.anchor(&from), l.anchor(&to)) else { continue };
                    for strict in [true, false] {
                        let obstacles = l.obstacles(&from, &to, strict);
                        let (xs, ys, _) = grid_lines(a, b, &obstacles, &frames, l.width, l.height);
                        for (at, span) in [(&ys, (|r: &Rect| (r.y, r.h)) as fn(&Rect) -> (f64, f64)), (&xs, |r: &Rect| (r.x, r.w))] {
                            assert_eq!(flat(at, &obstacles, span, false), brute(at, &obstacles, span, false), "{} {}: {from} -> {to}", p.id, s.name);
                            assert_eq!(flat(at, &frames, span, true), brute(at, &frames, span, true), "{} {}: {from} -> {to}", p.id, s.name);
                            lines += at.len();
                        }
                    }
                }
            }
        }
    }
    assert!(lines > 10_000, "{lines} lines compared");
}

#[test]
fn a_lines_rects_at_its_borders_and_half_a_px_off_are_those_tested() {
    // lines right on, just inside and just outside a box's borders and ALONG off them
    let rects = [Rect { x: 10.0, y: 20.0, w: 30.0, h: 9.0 }, Rect { x: 10.0, y: 25.0, w: 4.0, h: 4.0 }, Rect { x: 0.1, y: 0.2, w: 0.3, h: 0.7 }];
    let mut lines: Vec<f64> = Vec::new();
    for r in &rects {
        for e in [r.y, r.y + r.h, r.x, r.x + r.w] {
            for d in [0.0, ALONG, -ALONG] {
                lines.extend([e + d, (e + d).next_up(), (e + d).next_down()]);
            }
        }
    }
    lines.sort_by(f64::total_cmp);
    lines.dedup();
    for span in [(|r: &Rect| (r.y, r.h)) as fn(&Rect) -> (f64, f64), |r: &Rect| (r.x, r.w)] {
        for along in [false, true] {
            assert_eq!(flat(&lines, &rects, span, along), brute(&lines, &rects, span, along));
        }
    }
}

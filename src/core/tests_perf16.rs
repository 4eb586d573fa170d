//! perf16 (issue #12, keystroke budget): `route_between`'s lists of the boxes and frames each grid
//! line runs near (uifix16's NEAR_COST) come from binary searches over the sorted lines
//! (`PerLine::near`) instead of testing every box and frame against every line (`near_lists`, a
//! Vec per line: ~12% of a tutorial keystroke's routes). The same rects per line as those tests,
//! on the grid of every hop and selector edge of every preset, Service and width, and on lines
//! right at, and one ulp either side of, ALONG and CLEAR - 0.05 off each border.

use super::analyze;
use super::config::Config;
use super::layout::{grid_lines, layout, near_lists, PerLine, Rect, ALONG};

/// `PerLine::near`'s rects per line, each once, in `walls`' order (a rect near a line by both
/// borders is listed twice there; `runs_near` only asks whether any is run near).
fn flat(lines: &[f64], walls: &[Rect], span: Span, mids: &[f64]) -> Vec<Vec<Rect>> {
    let p = PerLine::near(lines, walls, span, mids);
    (0..lines.len())
        .map(|k| {
            let got = p.at(k);
            assert!(got.iter().all(|g| walls.contains(g)));
            walls.iter().filter(|r| got.contains(r)).copied().collect()
        })
        .collect()
}

/// `near_lists`' answer, each rect once (it lists each once already; two equal rects in `walls`
/// are one here as in `flat`).
fn brute(lines: &[f64], obstacles: &[Rect], frames: &[Rect], span: Span, mids: &[f64]) -> Vec<Vec<Rect>> {
    let walls: Vec<Rect> = obstacles.iter().chain(frames).copied().collect();
    near_lists(lines, span, mids, obstacles, frames).into_iter().map(|got| walls.iter().filter(|r| got.contains(r)).copied().collect()).collect()
}

/// A rect's start and length on one axis.
type Span = fn(&Rect) -> (f64, f64);

const SPANS: [Span; 2] = [|r: &Rect| (r.y, r.h), |r: &Rect| (r.x, r.w)];

#[test]
fn each_grid_lines_near_rects_are_those_near_lists_found() {
    let (mut lines, mut listed) = (0, 0);
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
                        let walls: Vec<Rect> = obstacles.iter().chain(&frames).copied().collect();
                        let (xs, ys, middles) = grid_lines(a, b, &obstacles, &frames, l.width, l.height);
                        for (at, span, mids) in [(&ys, SPANS[0], &middles[1]), (&xs, SPANS[1], &middles[0])] {
                            let want = brute(at, &obstacles, &frames, span, mids);
                            assert_eq!(flat(at, &walls, span, mids), want, "{} {}: {from} -> {to}", p.id, s.name);
                            lines += at.len();
                            listed += want.iter().map(Vec::len).sum::<usize>();
                        }
                    }
                }
            }
        }
    }
    assert!(lines > 10_000 && listed > 1_000, "{lines} lines compared, {listed} rects near them");
}

#[test]
fn a_lines_near_rects_at_the_bounds_and_an_ulp_off_are_those_tested() {
    const FAR: f64 = 8.0 - 0.05;
    let obstacles = [Rect { x: 10.0, y: 20.0, w: 30.0, h: 9.0 }, Rect { x: 10.0, y: 25.0, w: 4.0, h: 4.0 }, Rect { x: 0.1, y: 0.2, w: 0.3, h: 0.7 }];
    let frames = [Rect { x: 2.0, y: 3.0, w: 60.0, h: 40.0 }];
    let walls: Vec<Rect> = obstacles.iter().chain(&frames).copied().collect();
    let mut lines: Vec<f64> = Vec::new();
    for r in &walls {
        for e in [r.y, r.y + r.h, r.x, r.x + r.w] {
            for d in [0.0, ALONG, -ALONG, FAR, -FAR, 6.0, -6.0] {
                lines.extend([e + d, (e + d).next_up(), (e + d).next_down()]);
            }
        }
    }
    lines.sort_by(f64::total_cmp);
    lines.dedup();
    // no gutter middle, and one at a line in the thick of them
    let mid = [lines[lines.len() / 2]];
    for span in SPANS {
        for mids in [&[][..], &mid[..]] {
            let want = brute(&lines, &obstacles, &frames, span, mids);
            assert!(want.iter().any(|v| !v.is_empty()));
            assert_eq!(flat(&lines, &walls, span, mids), want);
        }
    }
}

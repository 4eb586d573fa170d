//! `cargo bench --bench tutorial`: the page's main-thread work per keystroke on the tutorial
//! scene (issue #12: keystroke -> diagram p95 <= 16 ms), natively and deterministic, for
//! `valgrind --tool=callgrind` (instruction counts do not move with the machine's load): one
//! character typed at the end of the tutorial Service's name (`web`, `webx`, `webxx`…, as
//! tools/bench.py types), then what ui::mod and ui::diagram compute from it: `analyze` of the
//! whole text, the report compared with the last (the `analysis` memo), `layout` and its
//! comparison (the `lay` memo), the selector edges' and the path's hops' routes (ui::diagram's
//! `route`, with its cache keyed as there), the packet's rest and label. Each stage is a
//! function of its own (`stage_*`, never inlined), so `callgrind_annotate --inclusive=yes`
//! gives its instructions. Prints each stage's median wall time too; asserts nothing.
//! `SWITCHBOARD_BENCH_KEYS=N` keystrokes (default 30), `SWITCHBOARD_BENCH_WIDTH=W` the
//! diagram's width (default 1000), `SWITCHBOARD_BENCH_FILE=path` another text (its first
//! Service's name is typed into).

use std::collections::HashMap;
use std::time::Instant;

use switchboard::core::analyze;
use switchboard::core::config::Config;
use switchboard::core::layout::{current_hop, label_lines, label_size, layout, packet_key, packet_label, Layout};
use switchboard::core::report::Report;

type Route = Vec<(f64, f64)>;

/// ui::diagram's `route`: `drawn_route_among`, remembered by everything it depends on
/// (`Layout::route_key`).
fn route(l: &Layout, cache: &mut HashMap<u64, Route>, from: &str, to: &str) -> Route {
    let (key, obstacles) = l.route_key(from, to);
    if let Some(r) = cache.get(&key) {
        return r.clone();
    }
    let r = l.drawn_route_among(from, to, [&obstacles[0], &obstacles[1]]);
    cache.insert(key, r.clone());
    r
}

#[inline(never)]
fn stage_analyze(text: &str, cfg: &Config) -> Report {
    analyze(text, cfg)
}

#[inline(never)]
fn stage_compare_reports(a: &Report, b: Option<&Report>) -> bool {
    b != Some(a)
}

#[inline(never)]
fn stage_layout(r: &Report, si: usize, width: f64) -> Layout {
    layout(r, Some(si), width)
}

#[inline(never)]
fn stage_compare_layouts(a: &Layout, b: Option<&Layout>) -> bool {
    b != Some(a)
}

/// The selector edges and the path's hops (ui::diagram `edges`, `hops`).
#[inline(never)]
fn stage_routes(r: &Report, si: usize, l: &Layout, cache: &mut HashMap<u64, Route>) -> usize {
    let s = &r.services[si];
    let mut points = 0;
    if s.endpoints.len() <= 24 {
        for e in &s.endpoints {
            let Some(pod) = &e.pod else { continue };
            points += route(l, cache, &format!("service:{}", s.name), &format!("pod:{pod}")).len();
        }
    }
    if let Some(p) = s.paths.first() {
        for h in &p.hops {
            points += route(l, cache, &h.from, &h.to).len();
        }
    }
    points
}

/// The packet's rest and its label's place on the current hop's line (ui::diagram `packet`)
/// at the page's step.
#[inline(never)]
fn stage_packet(r: &Report, si: usize, l: &Layout, cache: &mut HashMap<u64, Route>) -> f64 {
    let s = &r.services[si];
    let Some(p) = s.paths.first() else { return 0.0 };
    let mut sum = 0.0;
    // (the page's step: 0 as the tutorial opens; SWITCHBOARD_BENCH_STEP=all walks every step)
    let steps = match std::env::var("SWITCHBOARD_BENCH_STEP").as_deref() {
        Ok("all") => 0..=p.hops.len(),
        Ok(n) => n.parse().map_or(0..=0, |n: usize| n.min(p.hops.len())..=n.min(p.hops.len())),
        Err(_) => 0..=0,
    };
    for step in steps {
        let pos = packet_key(p, step).and_then(|k| l.rest(k)).unwrap_or((l.width / 2.0, 20.0));
        let lines = label_lines(&packet_label(p, step), l.label_max());
        let (lw, lh) = label_size(&lines);
        let cur = current_hop(p, step);
        let line = cur.map(|h| route(l, cache, &h.from, &h.to)).unwrap_or_default();
        // (uifix17) and off the path's other lines where it can (ui::diagram's `others`)
        let others: Vec<Route> = p.hops.iter().filter(|h| !cur.is_some_and(|c| std::ptr::eq(c, *h))).map(|h| route(l, cache, &h.from, &h.to)).filter(|r| r.len() >= 2 && r.first() != r.last()).collect();
        sum += l.place_pill_among(pos, &line, &others, lw, lh).x;
    }
    sum
}

fn main() {
    let keys: usize = std::env::var("SWITCHBOARD_BENCH_KEYS").ok().and_then(|s| s.parse().ok()).unwrap_or(30);
    let width: f64 = std::env::var("SWITCHBOARD_BENCH_WIDTH").ok().and_then(|s| s.parse().ok()).unwrap_or(1000.0);
    let base = match std::env::var("SWITCHBOARD_BENCH_FILE") {
        Ok(p) => std::fs::read_to_string(p).expect("the text"),
        Err(_) => switchboard::core::presets::DEFAULT.yaml.to_string(),
    };
    let svc = base.find("kind: Service").expect("a Service");
    let mut pos = svc + base[svc..].find(" name: ").expect("its name") + " name: ".len();
    pos += base[pos..].find('\n').unwrap();
    let cfg = Config { cloud: switchboard::core::presets::DEFAULT.cloud, ..Config::default() };
    let mut text = base.clone();
    // the page as loaded: the first analysis, layout and routes (not counted per keystroke)
    let first = stage_analyze(&text, &cfg);
    let si = first.default_service();
    let mut lay = stage_layout(&first, si, width);
    let mut cache = HashMap::new();
    stage_routes(&first, si, &lay, &mut cache);
    stage_packet(&first, si, &lay, &mut cache);
    let mut last = first;
    let names = ["analyze", "compare reports", "layout", "compare layouts", "routes (edges, hops)", "packet (rest, pill)"];
    let mut t: Vec<Vec<f64>> = vec![Vec::new(); names.len()];
    let mut sink = 0.0;
    for _ in 0..keys {
        text.insert(pos, 'x');
        pos += 1;
        let mut clock = Instant::now();
        let mut lap = |k: usize, t: &mut Vec<Vec<f64>>| {
            t[k].push(clock.elapsed().as_secs_f64() * 1e3);
            clock = Instant::now();
        };
        let r = stage_analyze(&text, &cfg);
        lap(0, &mut t);
        let changed = stage_compare_reports(&r, Some(&last));
        lap(1, &mut t);
        let si = r.default_service();
        let l = stage_layout(&r, si, width);
        lap(2, &mut t);
        let moved = stage_compare_layouts(&l, Some(&lay));
        lap(3, &mut t);
        sink += stage_routes(&r, si, &l, &mut cache) as f64;
        lap(4, &mut t);
        sink += stage_packet(&r, si, &l, &mut cache);
        lap(5, &mut t);
        sink += f64::from(u8::from(changed) + u8::from(moved));
        last = r;
        lay = l;
    }
    println!("{} bytes, {keys} keystrokes at {width} px (route cache: {} routes); median and least, ms:", text.len(), cache.len());
    for (k, name) in names.iter().enumerate() {
        let mut v = std::mem::take(&mut t[k]);
        v.sort_by(f64::total_cmp);
        if !v.is_empty() {
            println!("  {name:<24} {:>8.3} {:>8.3}", v[v.len() / 2], v[0]);
        }
    }
    println!("({sink})");
}

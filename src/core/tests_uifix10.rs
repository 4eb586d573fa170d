//! uifix10: the busy diagram at 1280 and 360 px (learner9's "Visual defects", its own inputs in
//! tests/fixtures/uifix10, the scenes of /work/learner9/shots.py): where the packet's label sits,
//! the node's zone in its header, names fitted by a smaller font before an ellipsis.

use super::config::Config;
use super::layout::{crosses_frame, current_hop, label_lines, label_size, layout, packet_key, packet_label, Layout, Rect};
use super::paths::Path;
use super::report::Report;
use super::layout::Text;
use super::textfit::Font;
use super::analyze;

fn fixture(file: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/uifix10").join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// learner9's six scenes: (name, file, the client's node, the Service shown).
const SCENES: [(&str, &str, Option<&str>, &str); 6] = [
    ("itp", "01-itp-local-no-local.yaml", Some("node-2"), "web"),
    ("preferclose", "03-prefer-close.yaml", Some("node-3"), ""),
    ("terminating", "08-terminating-all.yaml", None, ""),
    ("headless-dns", "23-pod-hostname-subdomain.yaml", None, ""),
    ("list-dump", "31-get-all-list.yaml", None, "api"),
    ("busy", "32-busy-multiport.yaml", None, "shop"),
];

fn scene(file: &str, client: Option<&str>) -> Report {
    analyze(&fixture(file), &Config { client_node: client.map(str::to_string), ..Config::default() })
}

fn selected(r: &Report, name: &str) -> usize {
    r.services.iter().position(|s| s.name == name).unwrap_or(0)
}

/// The diagram's width in a 1280 px window (the editor takes the rest), a 1000 px one, the
/// stacked widths, and a true 360 px phone's 330.
const WIDTHS: [f64; 7] = [1600.0, 1280.0, 1000.0, 780.0, 540.0, 360.0, 330.0];

/// The pill as the page places it (ui::diagram's packet memo): on the current hop's drawn line.
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

/// What is wrong with a pill: it covers a box, a node's header, a text or counter, or the packet,
/// or sits across a frame.
fn faults(l: &Layout, lr: &Rect, at: (f64, f64)) -> Vec<String> {
    let mut out = Vec::new();
    for b in l.pill_blockers() {
        if b.overlaps(lr) {
            let it = l.items.iter().find(|i| i.rect.x == b.x && i.rect.y == b.y).map(|i| format!("{} {}", i.kind, i.name)).unwrap_or_default();
            out.push(format!("covers {it} {b:?}"));
        }
    }
    for t in l.ink() {
        if t.overlaps(lr) {
            out.push(format!("covers text {t:?}"));
        }
    }
    if (Rect { x: at.0 - 9.0, y: at.1 - 9.0, w: 18.0, h: 18.0 }).overlaps(lr) {
        out.push("covers the packet".into());
    }
    for i in &l.items {
        if crosses_frame(lr, &i.rect) {
            out.push(format!("across {} {}'s frame", i.kind, i.name));
        }
    }
    out
}

/// learner9 visual defects: at 1280 px the packet's label sat under the cluster's frame, away
/// from the path (preferclose, busy), over node-2's header (itp) and over worker-a's box and its
/// ✓ (headless-dns). At every step of every path of its scenes, at every width from 1600 px to a
/// phone's 330: the pill covers no box, no node header, no text, no counter and not the packet,
/// sits across no frame, and touches the current hop's line or lies within 200 px of it (the
/// nearest open spot: a hop between two boxes of one node has no open line; the spot is then
/// mostly the band between the Services and the nodes, right above the hop).
#[test]
fn the_pill_sits_on_its_hops_line_in_the_open_in_learner9s_scenes() {
    let (mut bad, mut on_line, mut all) = (Vec::new(), 0, 0);
    let mut worst: f64 = 0.0;
    for (name, file, client, svc) in SCENES {
        let r = scene(file, client);
        let si = selected(&r, svc);
        let s = &r.services[si];
        for width in WIDTHS {
            let l = layout(&r, Some(si), width);
            for p in &s.paths {
                for step in 1..=p.hops.len() {
                    let Some((lr, at, route)) = pill(&l, p, step) else { continue };
                    if route.len() < 2 {
                        continue;
                    }
                    all += 1;
                    let d = to_route(&lr, &route);
                    worst = worst.max(d);
                    on_line += usize::from(d < 0.5);
                    let mut f = faults(&l, &lr, at);
                    if d > 200.0 {
                        f.push(format!("{d:.0} px from its hop's line"));
                    }
                    if !f.is_empty() {
                        bad.push(format!("{name} {} {} step {step} at {width}: pill {lr:?}: {}", s.name, super::layout::packet_label(p, step), f.join("; ")));
                    }
                }
            }
        }
    }
    assert!(bad.is_empty(), "{} of {all} pills misplaced (worst {worst:.0} px from the line):\n{}", bad.len(), bad.join("\n"));
    assert!(on_line * 5 > all, "only {on_line} of {all} pills on their line");
}

/// The same in every preset (the tests of layout.rs check `place_label` at ≤ 540 px; the page
/// places the pill with `place_pill`): covers nothing, across no frame, at every width.
#[test]
fn the_pill_covers_nothing_in_every_preset_at_every_width() {
    let mut bad = Vec::new();
    for pr in super::presets::ALL {
        let r = analyze(pr.yaml, &Config { cloud: pr.cloud, ..Config::default() });
        for (si, s) in r.services.iter().enumerate() {
            for width in [1280.0, 780.0, 330.0] {
                let l = layout(&r, Some(si), width);
                for p in &s.paths {
                    for step in 1..=p.hops.len() {
                        let Some((lr, at, route)) = pill(&l, p, step) else { continue };
                        let f = faults(&l, &lr, at);
                        let d = if route.len() >= 2 { to_route(&lr, &route) } else { 0.0 };
                        if !f.is_empty() || d > 200.0 {
                            bad.push(format!("{} {} {} step {step} at {width}: pill {lr:?} {d:.0} px from the line: {}", pr.id, s.name, p.entry, f.join("; ")));
                        }
                    }
                }
            }
        }
    }
    assert!(bad.is_empty(), "{} pills misplaced:\n{}", bad.len(), bad.join("\n"));
}

/// learner9 (m360-busy-dark-diagram.png): at 360 px the outside client's route into node-2 ran
/// across node-2's title; the node's anchor was 20 px below its top edge, inside its title
/// lines. No hop of learner9's scenes runs across a node's title (name, addresses, zone) at any
/// width.
#[test]
fn no_hop_crosses_a_node_title_in_learner9s_scenes() {
    let crosses = super::layout::segment_crosses;
    let mut bad = Vec::new();
    for (name, file, client, svc) in SCENES {
        let r = scene(file, client);
        let si = selected(&r, svc);
        let s = &r.services[si];
        for width in WIDTHS {
            let l = layout(&r, Some(si), width);
            for p in &s.paths {
                for h in &p.hops {
                    let route = l.drawn_route(&h.from, &h.to);
                    // a hop into a node ends at its frame, not inside its title band
                    if let (Some(("node", nn)), Some(end)) = (h.to.split_once(':'), route.last()) {
                        let n = l.find("node", nn).expect("the node drawn");
                        // (or, uifix12, goes on through a clear column to its kube-proxy box's top)
                        let at_proxy = l.find("kube-proxy", nn).is_some_and(|k| (end.1 - k.rect.y).abs() < 0.5);
                        if end.1 > n.rect.y + 0.5 && !at_proxy {
                            bad.push(format!("{name} {} {} → {} at {width}: ends at {end:?}, inside {}'s title band", p.entry, h.from, h.to, n.name));
                        }
                    }
                    for n in l.items.iter().filter(|i| i.kind == "node") {
                        for t in n.texts.iter().map(Text::bbox) {
                            if route.windows(2).any(|w| crosses(w[0], w[1], &t)) {
                                bad.push(format!("{name} {} {} → {} at {width}: across {}'s title {t:?}", p.entry, h.from, h.to, n.name));
                            }
                        }
                    }
                }
            }
        }
    }
    bad.dedup();
    assert!(bad.is_empty(), "{} routes across a node's title:\n{}", bad.len(), bad.join("\n"));
}

/// learner9: "Nodes never show topology.kubernetes.io/zone, the key fact of a PreferClose
/// scene". A Node that carries the well-known zone label (k8s.io/api core/v1
/// well_known_labels.go LabelTopologyZone; pkg/proxy/topology.go compares the endpoints' zone
/// hints with it) has it drawn on its title line after its name, whole, from 1600 px down to a
/// phone's 330, inside the node and clear of its other title lines; a Node without it draws none.
#[test]
fn nodes_show_their_zone_in_the_header() {
    for file in ["03-prefer-close.yaml", "32-busy-multiport.yaml"] {
        let r = scene(file, None);
        for width in WIDTHS {
            let l = layout(&r, Some(0), width);
            for n in l.items.iter().filter(|i| i.kind == "node") {
                let zone = r.nodes.iter().find(|c| c.name == n.name).and_then(|c| c.labels.iter().find(|(k, _)| k == super::layout::ZONE_LABEL)).map(|(_, v)| v.clone()).expect("a zone label");
                let z = n.texts.iter().find(|t| t.class == "t-zone").unwrap_or_else(|| panic!("{file} at {width}: {} draws no zone: {:?}", n.name, n.texts));
                assert!(z.text.contains(&zone) && !z.text.contains('…'), "{file} at {width}: {:?}", z.text);
                assert_eq!(z.full, format!("zone {zone}"));
                assert!(n.rect.contains(&z.bbox()), "{file} at {width}: zone outside {}", n.name);
                for t in n.texts.iter().filter(|t| t.class != "t-zone") {
                    assert!(!t.bbox().overlaps(&z.bbox()), "{file} at {width}: zone over {:?}", t.text);
                }
                assert_eq!(n.texts[0].text, n.name, "{file} at {width}: the name whole");
            }
        }
    }
    let r = analyze(super::presets::DEFAULT.yaml, &Config::default());
    let l = layout(&r, Some(0), 780.0);
    assert!(l.items.iter().filter(|i| i.kind == "node").all(|n| n.texts.iter().all(|t| t.class != "t-zone")));
}

/// learner9 (m360-list-dump-light-diagram.png): at 360 px the Service box beside its ClusterIP
/// badge read "kuber…tes". A name that does not fit its bold line takes one font step smaller
/// (11 px bold) before anything is cut; the middle goes only when that does not fit either.
#[test]
fn a_name_takes_a_smaller_font_before_its_middle_is_cut() {
    let r = scene("31-get-all-list.yaml", None);
    // (a true 360 px phone draws the diagram 330 px wide: learner9's screenshot)
    for width in [360.0, 330.0] {
        let l = layout(&r, Some(selected(&r, "api")), width);
        let k = l.find("service", "kubernetes").expect("the kubernetes Service");
        assert_eq!(k.texts[0].text, "kubernetes", "at {width}");
        assert_eq!(k.texts[0].font, if width == 330.0 { Font::NameSmall } else { Font::Name }, "at {width}");
        assert!(k.rect.contains(&k.texts[0].bbox()));
        let badge = k.texts.iter().find(|t| t.font == Font::Badge).expect("its type badge");
        assert!(!badge.bbox().overlaps(&k.texts[0].bbox()));
        // where it fits, the usual bold line
        let wide = layout(&r, Some(selected(&r, "api")), 1280.0);
        assert_eq!(wide.find("service", "kubernetes").unwrap().texts[0].font, Font::Name);
    }
    // the headless Service's box keeps "headless" at a phone's width (learner9 B, q/23)
    let r = scene("23-pod-hostname-subdomain.yaml", None);
    for width in [360.0, 330.0] {
        let l = layout(&r, Some(0), width);
        let line = &l.find("service", "workers").unwrap().texts[1];
        assert!(line.text.contains("headless") && !line.text.contains('…'), "at {width}: {:?}", line.text);
    }
}

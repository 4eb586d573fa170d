//! uifix17: the busy diagram and the narrow screen. The Services the request does not go through
//! fold into one box; a single row of nodes draws more of its pods; the packet's pill keeps off
//! the path's other lines; a packet at a node rests under the end of its line.

use super::analyze;
use super::config::Config;
use super::layout::{current_hop, label_lines, label_size, layout, packet_key, packet_label, segment_crosses, Layout, SERVICES_GROUP, SERVICES_GROUP_KIND};

fn fixture(path: &str) -> super::Report {
    let yaml = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
    analyze(&yaml, &Config::default())
}

/// tests/fixtures/uifix14: ten Services of tools/bench_dump.py's 100-pod dump and
/// shop/busy-frontend, a LoadBalancer selecting 36 pods on three nodes (4 not ready).
fn busy() -> (super::Report, usize) {
    let r = fixture("tests/fixtures/uifix14/busy-frontend-36-pods.yaml");
    let si = r.services.iter().position(|s| s.name == "busy-frontend").unwrap();
    (r, si)
}

fn services(l: &Layout) -> Vec<&str> {
    l.items.iter().filter(|i| i.kind == "service").map(|i| i.name.as_str()).collect()
}

/// The busy scene drew busy-frontend and nine unrelated Service boxes (svc-0 … svc-8) above the
/// nodes: at 360 px they stacked ~900 px high before the first node (/work/uifix16/shots
/// after-busy-360.png). Now busy-frontend alone, and one box "+10 other Services" naming them
/// (svc-9 too, which had no box), beside it or under it; the first node starts near the top.
#[test]
fn the_busy_scene_draws_its_service_and_folds_the_ten_others_into_one_box() {
    let (r, si) = busy();
    for width in [1600.0, 1280.0, 786.0, 360.0, 320.0] {
        let l = layout(&r, Some(si), width);
        assert_eq!(services(&l), ["busy-frontend"], "at {width}");
        let fold = l.find(SERVICES_GROUP_KIND, SERVICES_GROUP).unwrap_or_else(|| panic!("no fold at {width}"));
        assert_eq!(fold.index, Some(10), "at {width}");
        assert!(fold.texts[0].full == "+10 other Services", "{:?}", fold.texts[0]);
        assert!(fold.texts.iter().any(|t| t.full.contains("svc-0") && t.full.contains("svc-9")), "{:?}", fold.texts);
        let cluster = l.find("cluster", "cluster").unwrap().rect;
        assert!(cluster.contains(&fold.rect), "at {width}");
        // nothing drawn over it
        for it in l.items.iter().filter(|i| !matches!(i.kind, "cluster") && i.name != SERVICES_GROUP) {
            assert!(!it.rect.overlaps(&fold.rect), "at {width}: {} {} over the fold", it.kind, it.name);
        }
        for t in &fold.texts {
            assert!(fold.rect.contains(&t.bbox()), "at {width}: {t:?}");
        }
        let first_node = l.items.iter().filter(|i| i.kind == "node").map(|i| i.rect.y).fold(f64::INFINITY, f64::min);
        // (before: 520 px at 786 px, 1,015 px at 360 px)
        assert!(first_node < 480.0, "at {width}: the first node at y {first_node}");
    }
}

/// The curated presets show one or two Services: drawn as before, no fold (and with no Service
/// selected, none either).
#[test]
fn the_presets_fold_no_service() {
    for p in super::presets::ALL {
        let r = analyze(p.yaml, &Config { cloud: p.cloud, ..Config::default() });
        let si = r.services.iter().position(|s| s.name == p.service);
        for width in [1280.0, 360.0] {
            let l = layout(&r, si, width);
            assert!(l.find(SERVICES_GROUP_KIND, SERVICES_GROUP).is_none(), "{} at {width}", p.id);
            assert_eq!(services(&l).len(), r.services.len().min(super::layout::MAX_SERVICES), "{} at {width}", p.id);
        }
    }
    let (r, _) = busy();
    assert!(layout(&r, None, 1280.0).find(SERVICES_GROUP_KIND, SERVICES_GROUP).is_none());
}

/// An ExternalName whose name is an in-cluster Service's DNS name goes through that Service
/// (cluster DNS answers the CNAME, then web's name: kubernetes/dns docs/specification.md 2.5):
/// both drawn in full, the three others folded.
#[test]
fn an_externalname_draws_the_in_cluster_service_it_names() {
    let r = fixture("tests/fixtures/uifix17/externalname-to-an-in-cluster-service.yaml");
    let si = r.services.iter().position(|s| s.name == "alias").unwrap();
    for width in [1280.0, 360.0] {
        let l = layout(&r, Some(si), width);
        assert_eq!(services(&l), ["alias", "web"], "at {width}");
        let fold = l.find(SERVICES_GROUP_KIND, SERVICES_GROUP).unwrap();
        assert_eq!(fold.index, Some(3));
        assert!(fold.texts.iter().any(|t| t.full == "cache, queue, metrics"), "{:?}", fold.texts);
    }
    // web selected: alias is not on its path
    let wi = r.services.iter().position(|s| s.name == "web").unwrap();
    let l = layout(&r, Some(wi), 1280.0);
    assert_eq!(services(&l), ["web"]);
    assert_eq!(l.find(SERVICES_GROUP_KIND, SERVICES_GROUP).unwrap().index, Some(4));
}

/// With the room the fold frees, a single row of nodes (from 700 px) draws twice the rows of
/// pods: the busy scene at 786 px (the diagram of a 1280 px window) drew 5 of busy-frontend's
/// 36 endpoints ("+11 more endpoints" on node-1); now 14, and each fold still counts the
/// endpoints it hides that are not ready. At 360 px (a node a row) three rows, as before.
#[test]
fn a_single_row_of_nodes_draws_more_of_the_busy_services_endpoints() {
    let (r, si) = busy();
    let s = &r.services[si];
    let drawn = |l: &Layout| s.endpoints.iter().filter(|e| e.pod.as_deref().is_some_and(|p| l.find("pod", p).is_some())).count();
    let l = layout(&r, Some(si), 786.0);
    assert!(drawn(&l) >= 14, "{} of {} drawn", drawn(&l), s.endpoints.len());
    let folds: Vec<_> = l.items.iter().filter(|i| i.kind == "pod-group").collect();
    assert_eq!(folds.len(), 3);
    let not_ready: usize = s.endpoints.iter().filter(|e| !e.ready && e.pod.as_deref().is_some_and(|p| l.find("pod", p).is_none())).count();
    let said: usize = folds.iter().flat_map(|f| f.texts.iter()).filter_map(|t| t.full.split(" · ").nth(1)?.strip_suffix(" not ready")?.parse::<usize>().ok()).sum();
    assert_eq!(said, not_ready, "{:?}", folds.iter().map(|f| &f.texts).collect::<Vec<_>>());
    // the whole drawing no taller than before (1,237 px with the ten Service boxes)
    assert!(l.height < 1240.0, "{}", l.height);
    let l = layout(&r, Some(si), 360.0);
    assert_eq!(drawn(&l), 5, "{:?}", l.folded.len());
}

/// The pill covers none of the path's other lines where a spot allows: at 848 px (the
/// diagram of a 900 px window), step 3 of the tutorial's scene (web-clusterip, kube-proxy →
/// pod), it sat on the client → DNS line (/work/uifix16/shots
/// after-default-900-step3-diagram.png). Every preset × 320-1600 px × step: fewer pills on
/// another line than place_pill's.
#[test]
fn the_packets_pill_keeps_off_the_paths_other_lines() {
    let crosses = |r: &super::layout::Rect, lines: &[Vec<(f64, f64)>]| lines.iter().any(|l| l.windows(2).any(|s| segment_crosses(s[0], s[1], &r.inflate(1.0))));
    let (mut n, mut before, mut after) = (0, 0, 0);
    let mut tutorial = None;
    for p in super::presets::ALL {
        let r = analyze(p.yaml, &Config { cloud: p.cloud, ..Config::default() });
        let Some(si) = r.services.iter().position(|s| s.name == p.service) else { continue };
        for width in (0..=32).map(|k| 320.0 + 40.0 * k as f64).chain([848.0]) {
            let l = layout(&r, Some(si), width);
            for path in &r.services[si].paths {
                for step in 1..=path.hops.len() {
                    let pos = packet_key(path, step).and_then(|k| l.rest(k)).unwrap_or((l.width / 2.0, 20.0));
                    let (lw, lh) = label_size(&label_lines(&packet_label(path, step), l.label_max()));
                    let cur = current_hop(path, step);
                    let line = cur.map(|h| l.drawn_route(&h.from, &h.to)).unwrap_or_default();
                    let others: Vec<Vec<(f64, f64)>> = path.hops.iter().filter(|h| !cur.is_some_and(|c| std::ptr::eq(c, *h))).map(|h| l.drawn_route(&h.from, &h.to)).filter(|r| r.len() >= 2 && r.first() != r.last()).collect();
                    if others.is_empty() {
                        continue;
                    }
                    n += 1;
                    let (old, new) = (l.place_pill(pos, &line, lw, lh), l.place_pill_among(pos, &line, &others, lw, lh));
                    before += usize::from(crosses(&old, &others));
                    after += usize::from(crosses(&new, &others));
                    if p.id == "web-clusterip" && width == 848.0 && step == 3 && path.entry == super::paths::Entry::Pod {
                        tutorial = Some((crosses(&old, &others), crosses(&new, &others)));
                    }
                }
            }
        }
    }
    eprintln!("{n} pills beside other lines: {before} on one before, {after} now");
    assert_eq!(tutorial, Some((true, false)));
    // (578 of 2,516 before uifix17)
    assert!(after == 0 && before > 0, "{after} of {n} (before: {before})");
}

/// A packet at a node rests under the end of the line into it, at every width from 700 px:
/// the kube-proxy strip of a node a hop enters keeps its text short of the line's column. At
/// 1600 px the strip's text ("kube-proxy · iptables (KUBE-SERVICES, KUBE-NODEPORTS)") lay
/// there, and the packet rested at the strip's right end, ~180 px right of the line's end.
#[test]
fn a_packet_at_a_node_rests_under_its_lines_end_at_every_width() {
    let (mut n, mut bad) = (0, Vec::new());
    for p in super::presets::ALL {
        for client in [None, Some("node-2")] {
            let r = analyze(p.yaml, &Config { cloud: p.cloud, client_node: client.map(str::to_string), ..Config::default() });
            let Some(si) = r.services.iter().position(|s| s.name == p.service) else { continue };
            for width in (0..=9).map(|k| 700.0 + 100.0 * k as f64) {
                let l = layout(&r, Some(si), width);
                for path in &r.services[si].paths {
                    for step in 1..=path.hops.len() {
                        let Some(key) = packet_key(path, step) else { continue };
                        if !key.starts_with("node:") {
                            continue;
                        }
                        n += 1;
                        let h = &path.hops[step - 1];
                        let end = *l.drawn_route(&h.from, &h.to).last().unwrap();
                        let at = l.rest(key).unwrap();
                        if (at.0 - end.0).abs() > 0.5 {
                            bad.push(format!("{} {client:?} step {step} at {width}: packet {at:?}, line ends {end:?}", p.id));
                        }
                    }
                }
            }
        }
    }
    assert!(n > 100, "{n}");
    assert!(bad.is_empty(), "{} of {n}:\n{}", bad.len(), bad.join("\n"));
}



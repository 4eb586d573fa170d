//! uifix20: session 22's leftovers on the page (uifix19's and uicheck22's reports): sentence
//! ends, the host-network DNS pill at 315–320 px, the busy scene's empty slot at 780 px.

use super::analyze;
use super::config::Config;
use super::report::Report;

/// Every report the tests can reach from real YAML: each preset (with its cloud, and with the
/// cloud ticked both ways) and each file under tests/fixtures (with the default config and
/// with cloud load balancers), so that every path kind and hop kind shows up somewhere.
fn reports() -> Vec<(String, Report)> {
    let mut out = Vec::new();
    for p in super::presets::ALL {
        for cloud in [p.cloud, !p.cloud] {
            out.push((format!("preset {} (cloud {cloud})", p.id), analyze(p.yaml, &Config { cloud, ..Config::default() })));
        }
    }
    let mut stack = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")];
    let mut files = Vec::new();
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "yaml" || x == "yml") {
                files.push(path);
            }
        }
    }
    files.sort();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        for cloud in [false, true] {
            out.push((format!("fixture {name} (cloud {cloud})"), analyze(&text, &Config { cloud, ..Config::default() })));
        }
    }
    out
}

/// A text of more than one sentence (an inner ". ") ends like a sentence: ".", "?", "!" or a
/// closing parenthesis. A single clause ("…cluster DNS answers with the clusterIP 10.0.0.1")
/// keeps the report's convention of no final period.
fn ends_badly(s: &str) -> bool {
    s.contains(". ") && !s.trim_end().ends_with(['.', '?', '!', ')'])
}

/// uicheck22 item 3 and 4, uifix19 item 7's rest: about a dozen hop explanations (the
/// nodePort hop "…No nodePort was set, so the API server picked a free one…shows it", the
/// pending load balancer's "…The Service still works as a NodePort Service: its nodePorts are
/// open on every node", the ClusterIP hop "The client sends to … catch the packet", …) were two
/// or more sentences and lacked the last one's period, in the caption, the CLI's text and the
/// JSON. Every hop explanation and path note of every preset and fixture that is more than one
/// sentence now ends with one.
#[test]
fn every_explanation_of_more_than_one_sentence_ends_with_its_period() {
    let (mut n, mut bad) = (0, std::collections::BTreeMap::<String, String>::new());
    for (what, r) in reports() {
        for s in &r.services {
            for p in &s.paths {
                let texts = p.hops.iter().map(|h| ("hop", h.explanation.as_str())).chain(p.note.as_deref().map(|t| ("note", t)));
                for (kind, t) in texts {
                    n += 1;
                    if ends_badly(t) {
                        // one line per distinct ending: the same words recur across fixtures
                        let tail: String = t.chars().rev().take(60).collect::<Vec<_>>().into_iter().rev().collect();
                        bad.entry(format!("{kind} …{tail}")).or_insert(format!("{what}, {} {} ({:?})", s.name, p.entry, t));
                    }
                }
            }
        }
    }
    assert!(n > 4000, "{n}");
    assert!(bad.is_empty(), "{} endings of {n} texts:\n{}", bad.len(), bad.iter().map(|(k, v)| format!("{k}\n    first in {v}")).collect::<Vec<_>>().join("\n"));
}

/// Not a check: `UIFIX20_DUMP=<file> cargo test --lib uifix20_dump -- --ignored` writes every
/// preset's and fixture's layout (selected Service, widths 320–1600 every 40 px and the page's
/// 315/711/776) as a hash of its `{:?}`, to compare a layout change's before and after byte for byte.
#[test]
#[ignore]
fn uifix20_dump_layouts() {
    use std::fmt::Write;
    let Some(out) = std::env::var_os("UIFIX20_DUMP") else { return };
    let mut s = String::new();
    for (what, r) in reports() {
        for si in std::iter::once(None).chain((0..r.services.len().min(3)).map(Some)) {
            for width in [315.0, 711.0, 776.0].into_iter().chain((0..=32).map(|k| 320.0 + 40.0 * k as f64)) {
                use std::hash::{Hash, Hasher};
                let l = super::layout::layout(&r, si, width);
                let mut h = std::collections::hash_map::DefaultHasher::new();
                format!("{l:?}").hash(&mut h);
                writeln!(s, "{what} {si:?} {width}: {:016x}", h.finish()).unwrap();
            }
        }
    }
    std::fs::write(out, s).unwrap();
}

/// uicheck22's u18-busy-780: at 780 px the busy scene's last row (node-3 alone, widened by
/// uifix19 to the row's width, its pods two across) drew its old cap of three slots — two pods
/// and "+10 more endpoints" — so its second row had an empty slot beside the fold. A box that
/// folds fills every row it draws; at every width from 320 to 1600 px, in the busy scene (each
/// of its Services selected, and none) and in every preset. The widths where no row is widened
/// keep their layout byte for byte (uifix20_dump_layouts, before/after).
#[test]
fn a_node_that_folds_leaves_no_empty_pod_slot() {
    let text = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/uifix14/busy-frontend-36-pods.yaml")).unwrap();
    let busy = analyze(&text, &Config::default());
    let mut scenes: Vec<(String, &Report, Option<usize>)> = (0..busy.services.len()).map(|i| (format!("busy {}", busy.services[i].name), &busy, Some(i))).collect();
    scenes.push(("busy, none selected".into(), &busy, None));
    let presets: Vec<(String, Report)> = super::presets::ALL.iter().map(|p| (p.id.to_string(), analyze(p.yaml, &Config { cloud: p.cloud, ..Config::default() }))).collect();
    for (id, r) in &presets {
        scenes.push((id.clone(), r, Some(0)));
    }
    let (mut folds, mut bad, mut at_780) = (0, Vec::new(), None);
    for (what, r, si) in &scenes {
        for width in [780.0, 776.0, 711.0].into_iter().chain((0..=32).map(|k| 320.0 + 40.0 * k as f64)) {
            let l = super::layout::layout(r, *si, width);
            for g in l.items.iter().filter(|i| i.kind == "pod-group" && i.name.ends_with("-more")) {
                // the box the fold is in, and the pod slots drawn in it
                let Some(node) = l.items.iter().find(|n| matches!(n.kind, "node" | "node-group") && n.rect.contains(&g.rect)) else { continue };
                let slots: Vec<_> = l.items.iter().filter(|i| matches!(i.kind, "pod" | "pod-group") && node.rect.contains(&i.rect)).map(|i| i.rect).collect();
                let mut cols: Vec<i64> = slots.iter().map(|r| r.x.round() as i64).collect();
                cols.sort_unstable();
                cols.dedup();
                let mut rows: Vec<i64> = slots.iter().map(|r| r.y.round() as i64).collect();
                rows.sort_unstable();
                rows.dedup();
                folds += 1;
                if what == "busy busy-frontend" && width == 711.0 && node.name == "node-3" {
                    at_780 = Some((slots.len(), cols.len(), rows.len()));
                }
                if slots.len() != cols.len() * rows.len() {
                    bad.push(format!("{what} at {width}: {} {} draws {} slots in {} columns and {} rows", node.kind, node.name, slots.len(), cols.len(), rows.len()));
                }
            }
        }
    }
    // node-3 in the 780 px window (a 711 px diagram): three pods and "+9 more endpoints", two across, two rows
    assert_eq!(at_780, Some((4, 2, 2)), "node-3 at 711 px: (slots, columns, rows)");
    assert!(folds > 100, "{folds}");
    assert!(bad.is_empty(), "{} of {folds} folds:\n{}", bad.len(), bad.join("\n"));
}

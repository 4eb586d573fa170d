//! Session 15, the lead's own fixes.

use super::analyze;
use super::config::Config;
use super::layout::{layout, segment_crosses, Text};
use super::presets;

/// Session 14's screenshot (NodePort preset, outside client → node-2's nodePort, 1280 px): the
/// outside client's route dropped through the cluster's title "Kubernetes cluster · Services
/// 10.96.0.0/12 · nodePorts 30000-32767". No hop of any preset, from any client node, at any
/// width, runs across the cluster's title.
#[test]
fn no_hop_crosses_the_cluster_title_in_any_preset() {
    let mut bad = Vec::new();
    for p in presets::ALL {
        for client in [None, Some("node-1"), Some("node-2"), Some("node-3")] {
            let r = analyze(p.yaml, &Config { cloud: p.cloud, client_node: client.map(str::to_string), ..Config::default() });
            let Some(si) = r.services.iter().position(|s| s.name == p.service) else { continue };
            for width in [1600.0, 1280.0, 1000.0, 780.0, 540.0, 360.0, 330.0] {
                let l = layout(&r, Some(si), width);
                let title: Vec<_> = l.find("cluster", "cluster").expect("the cluster drawn").texts.iter().map(Text::bbox).collect();
                for path in &r.services[si].paths {
                    for h in &path.hops {
                        let route = l.drawn_route(&h.from, &h.to);
                        for t in &title {
                            if route.windows(2).any(|w| segment_crosses(w[0], w[1], t)) {
                                bad.push(format!("{} from {client:?} {} {} → {} at {width}: across the cluster title {t:?}", p.id, path.entry, h.from, h.to));
                            }
                        }
                    }
                }
            }
        }
    }
    bad.dedup();
    assert!(bad.is_empty(), "{} routes across the cluster's title:\n{}", bad.len(), bad.join("\n"));
}

/// corpus9: the CLI's path header "path from nodeport via node-1 port 80" read as if the outside
/// client dialled 80; it dials the nodePort (the hop below says 192.168.49.2:30080). The header
/// names both; a ClusterIP path's header is unchanged.
#[test]
fn a_nodeport_paths_header_names_the_nodeport_the_client_dials() {
    let p = presets::ALL.iter().find(|p| p.id == "web-nodeport").expect("the NodePort preset");
    let text = analyze(p.yaml, &Config::default()).to_text();
    assert!(text.contains("path from nodeport via node-1 port 80 (nodePort 30080): delivered"), "{text}");
    assert!(text.contains("path from pod via node-1 port 80: delivered"), "{text}");
}

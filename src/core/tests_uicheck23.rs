//! uicheck23: the merged page of session 23 as a user sees it (review25, corpus13, qa10,
//! whatif23, learn19 … together). Each test reads real YAML (tests/fixtures/).

use super::analyze;
use super::config::Config;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap()
}

/// The two what-ifs together, as a user presses them on the page: node-1's panel "Node goes
/// down (NotReady)", then a web pod's panel "Roll out a new version". The status line says the
/// down node is tainted node.kubernetes.io/unreachable "NoSchedule: no new pod goes there", yet
/// the rollout's new pod (ReplicaSet web-<new hash>) was drawn on node-1, inside the down node's
/// frame. The scheduler's TaintToleration filter (pkg/scheduler/framework/plugins/
/// tainttoleration/taint_toleration.go Filter) leaves node-1 out for a pod created now: only
/// NoExecute is tolerated (DefaultTolerationSeconds). The old pod bound to node-1 stays there.
#[test]
fn the_rollouts_new_pod_is_not_scheduled_on_the_down_node() {
    let text = fixture("uicheck23/lb-node-down-and-rollout.yaml");
    let rollout = Config { rollout: vec!["default/web".into()], ..Config::default() };
    let before = analyze(&text, &Config::default());
    let old: Vec<&str> = before.pods.iter().filter(|p| p.name.starts_with("web-")).map(|p| p.name.as_str()).collect();
    assert_eq!(old.len(), 3, "{old:?}");
    let on_node_1: Vec<&str> = before.pods.iter().filter(|p| p.node.as_deref() == Some("node-1") && p.name.starts_with("web-")).map(|p| p.name.as_str()).collect();
    assert!(!on_node_1.is_empty(), "the preset runs a web pod on node-1: {:?}", before.pods.iter().map(|p| (&p.name, &p.node)).collect::<Vec<_>>());
    // the rollout alone: its new pod goes where the round-robin leads (node-1 here)
    let alone = analyze(&text, &rollout);
    let new_alone: Vec<_> = alone.pods.iter().filter(|p| p.name.starts_with("web-") && !old.contains(&p.name.as_str())).collect();
    assert_eq!(new_alone.len(), 1, "{:?}", alone.pods.iter().map(|p| &p.name).collect::<Vec<_>>());
    assert_eq!(new_alone[0].node.as_deref(), Some("node-1"), "the case this test is about");
    // both what-ifs: the new pod is bound to a node that is up; the old pod stays on node-1
    let both = analyze(&text, &Config { down: vec!["node-1".into()], ..rollout });
    let new: Vec<_> = both.pods.iter().filter(|p| p.name.starts_with("web-") && !old.contains(&p.name.as_str())).collect();
    assert_eq!(new.len(), 1, "{:?}", both.pods.iter().map(|p| &p.name).collect::<Vec<_>>());
    let n = new[0];
    assert!(n.node.is_some() && n.node.as_deref() != Some("node-1"), "the rollout's new pod {} is on {:?}, a down node", n.name, n.node);
    assert!(!n.ready, "{} just created: not Ready", n.name);
    assert!(n.not_ready_reason.as_deref().is_some_and(|r| r.starts_with("a new pod of the rollout")), "{:?}", n.not_ready_reason);
    for p in &on_node_1 {
        let kept = both.pods.iter().find(|q| q.name == *p).unwrap_or_else(|| panic!("{p} kept"));
        assert_eq!(kept.node.as_deref(), Some("node-1"), "{p} stays bound to node-1");
        assert!(!kept.ready, "{p}: node-1 is down, so it is not Ready");
    }
    // the status words the page shows beside it
    assert!(super::cluster::node_down_status("node-1", &on_node_1).contains("NoSchedule: no new pod goes there"));
}

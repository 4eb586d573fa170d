//! review25: session 22's rules read against upstream (whatif22's node-down and rollout,
//! learn18's EndpointSlice block, corpus12's kubectl validation and metav1.Time words,
//! uicheck22's Gateway note). Each test fails without its fix and names the upstream function.

use super::analyze;
use super::config::Config;
use super::presets;

fn preset(id: &str, down: &[&str]) -> super::Report {
    let p = presets::find(id).unwrap();
    analyze(p.yaml, &Config { cloud: p.cloud, down: down.iter().map(|s| s.to_string()).collect(), ..Config::default() })
}

/// headless-statefulset: the node of db's first pod goes down. The taint eviction controller
/// deletes the pod 300 s later, but the pod stays Terminating (its kubelet, which confirms a
/// graceful deletion, is unreachable: kubernetes/kubernetes#54368, closed as by design), and
/// the StatefulSet controller creates a pod of an ordinal only when none exists
/// (pkg/controller/statefulset/stateful_set_control.go: "StatefulSet is waiting for Pod to
/// Terminate"). whatif22's note said "its controller then creates a replacement, which the
/// scheduler places on a node without the taint" (WRONG for a StatefulSet's pod).
#[test]
fn statefulset_pod_on_a_down_node_is_not_replaced_stateful_set_control_waits_for_terminate() {
    let before = preset("headless-statefulset", &[]);
    let db0 = before.pods.iter().find(|p| p.pod.owner.as_deref() == Some("StatefulSet/db")).unwrap();
    let node = db0.pod.node.clone().unwrap();
    let after = preset("headless-statefulset", &[&node]);
    let notes: Vec<&str> = after.diagnostics.iter().filter(|d| d.code == "TaintEviction").map(|d| d.message.as_str()).collect();
    let db = notes.iter().find(|m| m.contains(&format!("on node {node}:")) && m.contains("db-")).unwrap_or_else(|| panic!("{notes:#?}"));
    assert!(!db.contains("creates a replacement"), "{db}");
    assert!(db.contains("stays Terminating") && db.contains("the StatefulSet controller creates no pod of the same name until that pod is gone"), "{db}");
    // a Deployment's pods on a down node are still replaced (a terminating pod is not an active
    // one: controller_utils.go FilterActivePods)
    let web = preset("web-clusterip", &[]);
    let n = web.pods[0].pod.node.clone().unwrap();
    let web = preset("web-clusterip", &[&n]);
    assert!(web.diagnostics.iter().any(|d| d.code == "TaintEviction" && d.message.contains("its controller then creates a replacement")));
}

/// The page's node-down and node-back words (ui/whatif_node.rs, now from the core). whatif22
/// said "300 s later (the toleration the DefaultTolerationSeconds admission plugin gives every
/// pod) … their controllers create replacements on the other nodes" (OVERCLAIM: the plugin
/// adds none to a pod that tolerates the taint itself, plugin/pkg/admission/
/// defaulttolerationseconds; WRONG for a StatefulSet, stateful_set_control.go waits for its
/// Terminating pod, which an unreachable kubelet never ends: kubernetes/kubernetes#54368), and
/// on the way back "the node lifecycle controller sets Ready True" (WRONG: the kubelet posts the
/// Ready condition, kubelet nodestatus setters.go ReadyCondition; the controller only removes
/// the taints, node_lifecycle_controller.go doNoScheduleTaintingPass / markNodeAsReachable).
#[test]
fn node_down_and_back_words_kubelet_posts_ready_statefulset_waits_for_terminate() {
    let down = super::cluster::node_down_status("worker-1", &["web-1", "db-0"]);
    assert!(down.contains("its 2 pods (web-1, db-0) are marked Ready=False"), "{down}");
    assert!(down.contains("gives every pod that sets none of its own"), "{down}");
    assert!(!down.contains("their controllers create replacements"), "{down}");
    assert!(down.contains("a StatefulSet creates none until its pod is gone"), "{down}");
    assert!(down.contains("they stay Terminating"), "{down}");
    let back = super::cluster::node_back_status("worker-1");
    assert!(!back.contains("controller sets Ready True"), "{back}");
    assert!(back.contains("its kubelet posts status again with Ready True, so the node lifecycle controller removes the node.kubernetes.io/unreachable taints"), "{back}");
}

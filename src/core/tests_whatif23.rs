//! whatif23: what whatif22's "node goes down" and "roll out" what-ifs left alone.
//! - Paths through a down node fail: its nodePort (and an externalIP routed to it) answers
//!   nothing, a load balancer's health checks leave it out (k8s.io/cloud-provider
//!   controllers/service/controller.go: ensureLoadBalancer / nodeSyncService list nodes with
//!   stableNodeSetPredicates — nodeNotDeletedPredicate, nodeIncludedPredicate (the
//!   node.kubernetes.io/exclude-from-external-load-balancers label), nodeUnTaintedPredicate —
//!   and no readiness predicate: the node stays in the set, its health checks fail), a client
//!   pod on it sends nothing.
//! - Pending pods are scheduled again against the new taints (the TaintToleration filter runs
//!   before NodeAffinity and NodePorts), and the 300 s eviction's replacements go where the
//!   scheduler's filters let them (feasible_nodes), or stay Pending.
//! - The node's frame carries a NotReady mark (text).
//! - A rollout of a Deployment whose pods a cluster printed says why it is not drawn.
//! - The new pod-template-hash is said to be a stand-in (controller_utils.go ComputeHash).

use super::analyze;
use super::config::Config;
use super::paths::{Entry, Outcome};
use super::presets;

const PENDING: &str = include_str!("../../tests/fixtures/whatif23-down-pending.yaml");

fn down(text: &str, nodes: &[&str]) -> super::Report {
    analyze(text, &Config { down: nodes.iter().map(|s| s.to_string()).collect(), ..Config::default() })
}

/// web-nodeport: a client entering at the down node's nodePort gets no answer (the node is
/// unreachable: neither its kernel nor kube-proxy's rules there see the packet); the other
/// nodes' nodePorts still deliver.
#[test]
fn a_node_port_on_a_down_node_answers_nothing() {
    let p = presets::find("web-nodeport").unwrap();
    let before = analyze(p.yaml, &Config::default());
    let after = down(p.yaml, &["node-2"]);
    let np = |r: &super::Report, n: &str| r.services[0].paths.iter().find(|x| x.entry == Entry::NodePort && x.node.as_deref() == Some(n)).cloned().unwrap();
    assert_eq!(np(&before, "node-2").outcome, Outcome::Delivered);
    let p2 = np(&after, "node-2");
    assert_eq!(p2.outcome, Outcome::Dropped, "{p2:?}");
    assert_eq!(p2.reason, "node node-2 is down: nothing answers at its address");
    let last = p2.hops.last().unwrap();
    assert!(last.explanation.contains("the client's connection attempt times out") && last.explanation.contains("node.kubernetes.io/unreachable"), "{}", last.explanation);
    assert!(p2.backends.is_empty());
    for n in ["node-1", "node-3"] {
        assert_eq!(np(&after, n).outcome, Outcome::Delivered, "{n}");
    }
}

/// web-loadbalancer (cloud): the node the load balancer's path went through goes down; the
/// service controller keeps it in the load balancer's node set (stableNodeSetPredicates asks
/// nothing of readiness), its health checks fail, the load balancer sends to another node.
/// Every node down: nothing to send to.
#[test]
fn a_load_balancer_leaves_a_down_node_out_by_its_health_checks() {
    let p = presets::find("web-loadbalancer").unwrap();
    let cfg = |d: Vec<String>| Config { cloud: p.cloud, down: d, ..Config::default() };
    let before = analyze(p.yaml, &cfg(vec![]));
    let lb = |r: &super::Report| r.services.iter().flat_map(|s| s.paths.iter()).find(|x| x.entry == Entry::LoadBalancer).cloned().unwrap();
    let first = lb(&before);
    assert_eq!(first.outcome, Outcome::Delivered);
    let node = first.node.clone().unwrap();
    let after = analyze(p.yaml, &cfg(vec![node.clone()]));
    let moved = lb(&after);
    assert_eq!(moved.outcome, Outcome::Delivered, "{moved:?}");
    assert_ne!(moved.node.as_deref(), Some(node.as_str()));
    let why = &moved.hops[1].explanation;
    assert!(why.contains(&format!("Node {node} is down (what-if)")) && why.contains("stableNodeSetPredicates") && why.contains("sends only to the nodes that answer"), "{why}");
    let all: Vec<String> = before.nodes.iter().map(|n| n.name.clone()).collect();
    let none = lb(&analyze(p.yaml, &cfg(all)));
    assert_eq!(none.outcome, Outcome::Dropped, "{none:?}");
    assert!(none.reason.contains("the load balancer has no node to send to"), "{}", none.reason);
}

/// The in-cluster client placed on the down node (--client-node) sends nothing; without
/// --client-node the stand-in client is put on a node a plain pod can go to, which the down
/// node no longer is (node.kubernetes.io/unreachable:NoSchedule), so it still reaches web.
#[test]
fn a_client_pod_on_a_down_node_sends_nothing() {
    let on_a = |d: Vec<String>| analyze(PENDING, &Config { client_node: Some("node-a".into()), down: d, ..Config::default() });
    let pod_paths = |r: &super::Report| r.services.iter().find(|s| s.name == "web").unwrap().paths.iter().filter(|x| x.entry == Entry::Pod).cloned().collect::<Vec<_>>();
    assert!(pod_paths(&on_a(vec![])).iter().all(|x| x.outcome == Outcome::Delivered));
    let after = pod_paths(&on_a(vec!["node-a".into()]));
    assert!(!after.is_empty());
    for x in &after {
        assert_eq!((x.outcome, x.reason.as_str()), (Outcome::Dropped, "the client's node node-a is down: its pod sends nothing"), "{x:?}");
        assert_eq!(x.hops.len(), 1);
        assert!(x.hops[0].explanation.contains("The client pod runs on node node-a, which is down (what-if)"), "{}", x.hops[0].explanation);
    }
    let moved = down(PENDING, &["node-a"]);
    let ok = pod_paths(&moved);
    assert!(ok.iter().all(|x| x.outcome == Outcome::Delivered && x.node.as_deref() == Some("node-b")), "{ok:?}");
}

/// The Pending pod of cache (ssd only; node-a's hostPort 80 is taken) is scheduled again once
/// node-a is down: node-a now fails TaintToleration (node.kubernetes.io/unreachable:NoSchedule)
/// before NodePorts looks, so the FailedScheduling words change; it stays Pending.
#[test]
fn failed_scheduling_is_recomputed_with_the_unreachable_taint() {
    let fs = |r: &super::Report| r.diagnostics.iter().filter(|d| d.code == "FailedScheduling").map(|d| d.message.clone()).collect::<Vec<_>>();
    let before = fs(&down(PENDING, &[]));
    assert_eq!(before.len(), 1, "{before:?}");
    assert!(before[0].contains("1 node(s) didn't have free ports for the requested pod ports") && !before[0].contains("untolerated"), "{}", before[0]);
    let after_r = down(PENDING, &["node-a"]);
    let after = fs(&after_r);
    assert_eq!(after.len(), 1, "{after:?}");
    assert!(after[0].starts_with("pod cache-") && after[0].contains("stays Pending: 0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint(s)."), "{}", after[0]);
    assert!(!after[0].contains("free ports"), "{}", after[0]);
    let cache = after_r.pods.iter().find(|p| p.name.starts_with("cache-")).unwrap();
    assert!(cache.node.is_none() && cache.pending_reason.as_deref().is_some_and(|r| r.contains("untolerated taint(s)")));
    // node-b down: it fails TaintToleration before NodeAffinity looks at its labels, node-a
    // still on its ports
    let b = fs(&down(PENDING, &["node-b"]));
    assert!(b[0].contains("0/2 nodes are available: 1 node(s) didn't have free ports for the requested pod ports, 1 node(s) had untolerated taint(s)."), "{}", b[0]);
}

/// The 300 s eviction's replacements: web's pod on node-b goes to node-a (the one node the
/// filters leave); ssd-web's pod on node-a has no other ssd node, so its replacement stays
/// Pending in the scheduler's words; the bare pod hog is not created again.
#[test]
fn replacements_go_where_the_filters_let_them_or_stay_pending() {
    let note = |r: &super::Report, who: &str| r.diagnostics.iter().find(|d| d.code == "TaintEviction" && d.message.starts_with(&format!("pod {who}"))).map(|d| d.message.clone()).unwrap_or_else(|| panic!("{who}: {:?}", r.diagnostics.iter().filter(|d| d.code == "TaintEviction").collect::<Vec<_>>()));
    let b = down(PENDING, &["node-b"]);
    let web_b = b.pods.iter().find(|p| p.name.starts_with("web-") && p.node.as_deref() == Some("node-b")).unwrap().name.clone();
    assert!(note(&b, &web_b).ends_with("; its controller does not wait for that: it creates a replacement, and the scheduler's filters leave it node node-a"), "{}", note(&b, &web_b));
    let a = down(PENDING, &["node-a"]);
    let ssd = a.pods.iter().find(|p| p.name.starts_with("ssd-web-")).unwrap().name.clone();
    let m = note(&a, &ssd);
    assert!(m.contains("; its controller does not wait for that: it creates a replacement, which no node can take, so it stays Pending: 0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint(s)."), "{m}");
    assert!(note(&a, "hog").ends_with("; no controller owns it, so nothing creates it again"));
}

/// The down node's frame says NotReady in text (t-miss, not colour alone), "down (what-if)"
/// where it fits; a node written NotReady says NotReady; Ready nodes say nothing.
#[test]
fn the_node_frame_carries_a_not_ready_mark() {
    let p = presets::find("taint-control-plane").unwrap();
    let r = analyze(p.yaml, &Config { down: vec!["worker-1".into()], ..Config::default() });
    let l = super::layout::layout(&r, Some(0), 1280.0);
    let mark = |n: &str| l.items.iter().find(|i| i.kind == "node" && i.name == n).unwrap().texts.iter().find(|t| t.class == "t-miss").map(|t| (t.text.clone(), t.full.clone()));
    assert_eq!(mark("worker-1"), Some(("NotReady · down (what-if)".into(), "NotReady · down (what-if)".into())));
    assert_eq!(mark("worker-2"), Some(("NotReady".into(), "NotReady".into())), "written NotReady");
    let ready: Vec<&str> = r.nodes.iter().filter(|n| n.ready).map(|n| n.name.as_str()).collect();
    assert!(!ready.is_empty());
    for n in ready {
        assert_eq!(mark(n), None, "{n}");
    }
    // the mark sits after the name on its line, inside the frame
    let frame = l.items.iter().find(|i| i.kind == "node" && i.name == "worker-1").unwrap();
    let (name, m) = (&frame.texts[0], frame.texts.iter().find(|t| t.class == "t-miss").unwrap());
    assert!(m.y == name.y && m.x > name.x + name.width() && m.x + m.width() <= frame.rect.x + frame.rect.w, "{name:?} {m:?} {:?}", frame.rect);
    // narrow: the shorter words, never cut below "NotReady"
    let narrow = super::layout::layout(&r, Some(0), 390.0);
    let t = narrow.items.iter().find(|i| i.kind == "node" && i.name == "worker-1").and_then(|i| i.texts.iter().find(|t| t.class == "t-miss").cloned());
    if let Some(t) = t {
        assert!(["NotReady · down (what-if)", "NotReady · down", "NotReady"].contains(&t.text.as_str()), "{}", t.text);
    }
}

/// A Deployment whose pods a cluster printed (kubectl get all -o yaml: pods owned by ReplicaSet
/// web-6e068097 by ownerReferences, labelled with its pod-template-hash): the rollout is not
/// drawn, and the words say why and the first step's numbers (whatif22's "no pods to roll out"
/// misled).
#[test]
fn a_rollout_of_dumped_pods_says_why_it_is_not_drawn() {
    let text = include_str!("../../tests/fixtures/kubectl-get-all.yaml");
    let before = analyze(text, &Config::default());
    let after = analyze(text, &Config { rollout: vec!["default/web".into()], ..Config::default() });
    let note = after.diagnostics.iter().find(|d| d.code == "RolloutNotDrawn").unwrap_or_else(|| panic!("{:?}", after.diagnostics));
    assert_eq!(note.object.as_deref(), Some("Deployment/default/web"));
    assert!(note.message.starts_with("Deployment web is not rolled out in this picture (what-if: kubectl set image): its pods are in the input as the cluster printed them (2 of ReplicaSet web-6e068097, by their ownerReferences)"), "{}", note.message);
    assert!(note.message.contains("maxSurge 25% → 1, maxUnavailable 25% → 0 of 2) would make a new ReplicaSet with 1 pod not Ready yet and keep the old one at 2"), "{}", note.message);
    assert_eq!(after.pods, before.pods);
    assert!(!after.diagnostics.iter().any(|d| d.code == "RollingUpdate"));
}

/// replicas 0: nothing changes, and the words say so rather than "no pods".
#[test]
fn a_rollout_of_zero_replicas_says_so() {
    let p = presets::find("web-clusterip").unwrap();
    let zero = p.yaml.replace("replicas: 3", "replicas: 0");
    let r = analyze(&zero, &Config { rollout: vec!["default/web".into()], ..Config::default() });
    let note = r.diagnostics.iter().find(|d| d.code == "RolloutNotDrawn").unwrap();
    assert!(note.message.contains("it has replicas 0: the new ReplicaSet is created with 0 pods, so no pod changes"), "{}", note.message);
}

/// The rollout's words say the new pod-template-hash is a stand-in for ComputeHash's.
#[test]
fn the_rollout_says_its_pod_template_hash_is_a_stand_in() {
    let p = presets::find("web-clusterip").unwrap();
    let r = analyze(p.yaml, &Config { rollout: vec!["default/web".into()], ..Config::default() });
    let note = r.diagnostics.iter().find(|d| d.code == "RollingUpdate").unwrap();
    assert!(note.message.contains("are stand-ins: the controller's own is ComputeHash (FNV-32a over the pod template as Go prints it, plus the Deployment's collisionCount, rendered with rand.SafeEncodeString"), "{}", note.message);
}

/// No what-if: the node reports serialize as before (no `down` field), and a down node's does.
#[test]
fn the_down_flag_is_in_the_json_only_when_true() {
    let p = presets::find("web-clusterip").unwrap();
    let r = analyze(p.yaml, &Config::default());
    assert!(!serde_json::to_string(&r.nodes).unwrap().contains("\"down\""));
    let r = analyze(p.yaml, &Config { down: vec!["node-1".into()], ..Config::default() });
    assert!(serde_json::to_string(&r.nodes[0]).unwrap().contains("\"down\":true"));
}

//! whatif22: the what-if "a node goes down" (Config::down; learn18's question 08, "what happens
//! when the node of one pod goes down?"). Upstream: node_lifecycle_controller.go
//! tryUpdateNodeHealth (Ready Unknown after node-monitor-grace-period), doNoScheduleTaintingPass
//! and processTaintBaseEviction (node.kubernetes.io/unreachable NoSchedule and NoExecute),
//! controllerutil.MarkPodsNotReady (every pod bound there Ready=False), endpointslice utils.go
//! podToEndpoint (ready = publishNotReadyAddresses || IsPodReady), taint_eviction.go
//! processPodOnNode with DefaultTolerationSeconds' 300 s. Real YAML: the presets.

use super::analyze;
use super::config::Config;
use super::presets;
use super::share::{self, SharedScene};

fn preset(id: &str, down: &[&str]) -> super::Report {
    let p = presets::find(id).unwrap();
    analyze(p.yaml, &Config { cloud: p.cloud, down: down.iter().map(|s| s.to_string()).collect(), ..Config::default() })
}

/// web-clusterip (three simulated nodes): the node of web's first endpoint goes down. Its pods
/// are marked not Ready in the lifecycle controller's words, web's endpoints list them ready:
/// false, the node is Ready Unknown with both unreachable taints, and nothing else moves: the
/// other pods keep their node, address and readiness (no time machine: the eviction 300 s later
/// is said, not drawn).
#[test]
fn mark_pods_not_ready_when_the_node_goes_down() {
    let before = preset("web-clusterip", &[]);
    let web = before.services.iter().find(|s| s.name == "web").unwrap();
    assert!(web.endpoints.iter().all(|e| e.ready), "{:?}", web.endpoints);
    let node = web.endpoints[0].node.clone().unwrap();
    let after = preset("web-clusterip", &[&node]);
    let n = after.nodes.iter().find(|n| n.name == node).unwrap();
    assert!(!n.ready);
    let taints: Vec<(&str, &str)> = n.taints.iter().map(|t| (t.key.as_str(), t.effect.as_str())).collect();
    assert!(taints.contains(&("node.kubernetes.io/unreachable", "NoSchedule")) && taints.contains(&("node.kubernetes.io/unreachable", "NoExecute")), "{taints:?}");
    assert_eq!(after.pods.len(), before.pods.len());
    let mut marked = 0;
    for (b, a) in before.pods.iter().zip(after.pods.iter()) {
        assert_eq!((&a.name, &a.node, &a.ip, &a.phase), (&b.name, &b.node, &b.ip, &b.phase), "nothing is rescheduled");
        if a.node.as_deref() == Some(node.as_str()) {
            marked += 1;
            assert!(!a.ready, "{}", a.name);
            let why = a.not_ready_reason.as_deref().unwrap_or_default();
            assert!(why.contains(&format!("node {node} went down")) && why.contains("node-monitor-grace-period") && why.contains("MarkPodsNotReady") && why.contains("ready: false"), "{why}");
        } else {
            assert_eq!((a.ready, &a.not_ready_reason), (b.ready, &b.not_ready_reason), "{}", a.name);
        }
    }
    assert!(marked >= 1);
    let web = after.services.iter().find(|s| s.name == "web").unwrap();
    for e in &web.endpoints {
        assert_eq!(e.ready, e.node.as_deref() != Some(node.as_str()), "{e:?}");
    }
    // the 300 s in words: the Deployment's pods are deleted and replaced on another node
    let note = after.diagnostics.iter().find(|d| d.code == "TaintEviction").unwrap_or_else(|| panic!("{:?}", after.diagnostics));
    assert!(note.message.contains(&format!("on node {node}: the taint node.kubernetes.io/unreachable:NoExecute is tolerated for 300 s only (the 300 s toleration the DefaultTolerationSeconds admission plugin adds)")), "{}", note.message);
    // (learnfix19 Q20: the old pod object stays Terminating meanwhile; whatif23: where the
    // replacements can go, by the scheduler's filters: the two other nodes)
    assert!(note.message.contains("its controller does not wait for that: it creates replacements, and the scheduler's filters leave them nodes") || note.message.contains("its controller does not wait for that: it creates a replacement, and the scheduler's filters leave it nodes"), "{}", note.message);
    assert!(!before.diagnostics.iter().any(|d| d.code == "TaintEviction"));
}

/// taint-control-plane: worker-2 is written NotReady (Ready False: not-ready taints); it going
/// down turns them into the unreachable ones (Ready Unknown). Its bare pod web-old is deleted
/// 300 s later and nothing creates it again; one eviction note for it, not two.
#[test]
fn a_not_ready_node_going_down_swaps_its_taints_and_its_bare_pod_is_not_replaced() {
    let before = preset("taint-control-plane", &[]);
    let after = preset("taint-control-plane", &["worker-2"]);
    let keys = |r: &super::Report| r.nodes.iter().find(|n| n.name == "worker-2").unwrap().taints.iter().map(|t| format!("{}:{}", t.key, t.effect)).collect::<Vec<_>>();
    assert_eq!(keys(&before), ["node.kubernetes.io/not-ready:NoSchedule", "node.kubernetes.io/not-ready:NoExecute"]);
    assert_eq!(keys(&after), ["node.kubernetes.io/unreachable:NoSchedule", "node.kubernetes.io/unreachable:NoExecute"]);
    let notes: Vec<&str> = after.diagnostics.iter().filter(|d| d.code == "TaintEviction").map(|d| d.message.as_str()).collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].starts_with("pod web-old on node worker-2: the taint node.kubernetes.io/unreachable:NoExecute") && notes[0].ends_with("; no controller owns it, so nothing creates it again"), "{}", notes[0]);
    // (web-old was not Ready already: it keeps the NotReady node's words)
    let old = after.pods.iter().find(|p| p.name == "web-old").unwrap();
    assert!(!old.ready && old.not_ready_reason.as_deref().unwrap_or_default().contains("is NotReady"), "{:?}", old.not_ready_reason);
}

/// taint-control-plane: worker-1 runs all three web replicas; it going down leaves web no ready
/// endpoint, and the checklist says why in the lifecycle controller's words.
#[test]
fn every_endpoint_not_ready_when_their_one_node_goes_down() {
    let after = preset("taint-control-plane", &["worker-1"]);
    let web = after.services.iter().find(|s| s.name == "web").unwrap();
    assert!(!web.endpoints.is_empty() && web.endpoints.iter().all(|e| !e.ready), "{:?}", web.endpoints);
    let on_w1: Vec<_> = after.pods.iter().filter(|p| p.node.as_deref() == Some("worker-1")).collect();
    assert_eq!(on_w1.len(), 3);
    assert!(on_w1.iter().all(|p| p.not_ready_reason.as_deref().unwrap_or_default().contains("node worker-1 went down")));
    let note = after.diagnostics.iter().find(|d| d.code == "TaintEviction" && d.message.contains("worker-1")).unwrap();
    assert!(note.message.starts_with("3 pods (web-"), "{}", note.message);
}

/// A name no node has changes nothing; no what-if is the report of before.
#[test]
fn an_unknown_node_going_down_changes_nothing() {
    assert_eq!(preset("web-clusterip", &["node-9"]), preset("web-clusterip", &[]));
}

/// The share link carries the nodes that went down; a link made before the field (no `down`,
/// or the array form of 18 fields) still reads, with none down.
#[test]
fn the_share_link_carries_the_nodes_down_and_old_links_still_load() {
    let s = SharedScene { yaml: presets::DEFAULT.yaml.into(), down: vec!["node-2".into()], nodes: 3, ..Default::default() };
    let json = String::from_utf8(serde_json::to_vec(&s).unwrap()).unwrap();
    assert!(json.ends_with(",\"down\":[\"node-2\"]}"), "{json}");
    assert_eq!(share::decode(&share::encode(&s)).unwrap(), s);
    let old = SharedScene { yaml: "y".into(), drained: vec!["node-1".into()], nodes: 3, ..Default::default() };
    let back = share::decode(&share::encode(&old)).unwrap();
    assert!(back.down.is_empty() && back.drained == ["node-1"]);
    let array: SharedScene = serde_json::from_str(r#"["y", "svc", "pod", 3, "dark", 2, true, [], [], [], [], "", "", null, "", "", "", ""]"#).unwrap();
    assert!(array.down.is_empty());
}

fn rolled(id: &str, text: Option<&str>) -> super::Report {
    let p = presets::find(id).unwrap();
    analyze(text.unwrap_or(p.yaml), &Config { cloud: p.cloud, rollout: vec!["default/web".into()], ..Config::default() })
}

/// web-clusterip (replicas 3, strategy defaulted: maxSurge 25% → 1, maxUnavailable 25% → 0,
/// SetDefaults_Deployment + ResolveFenceposts): the rollout's first step keeps the 3 old pods
/// and adds 1 of a new ReplicaSet (a new pod-template-hash), not Ready yet: a not-ready
/// endpoint of web. web's clusterIP, DNS name and selector do not change.
#[test]
fn rolling_update_first_step_surges_one_new_pod_not_ready() {
    let before = preset("web-clusterip", &[]);
    let after = rolled("web-clusterip", None);
    let hash = |p: &super::PodReport| p.labels.iter().find(|(k, _)| k == "pod-template-hash").map(|(_, v)| v.clone()).unwrap();
    let old_hash = hash(&before.pods[0]);
    let (old, new): (Vec<_>, Vec<_>) = after.pods.iter().partition(|p| hash(p) == old_hash);
    assert_eq!((old.len(), new.len()), (3, 1), "{:?}", after.pods.iter().map(|p| &p.name).collect::<Vec<_>>());
    let new_hash = hash(new[0]);
    assert_ne!(new_hash, old_hash);
    assert!(new[0].name.starts_with(&format!("web-{new_hash}-")), "{}", new[0].name);
    assert!(!new[0].ready && new[0].ip.is_some());
    assert!(new[0].not_ready_reason.as_deref().unwrap_or_default().contains("a new pod of the rollout"));
    for (b, a) in before.pods.iter().zip(old.iter()) {
        assert_eq!((&a.name, &a.ip, a.ready), (&b.name, &b.ip, b.ready));
    }
    let (sb, sa) = (&before.services[0], &after.services[0]);
    assert_eq!((&sa.cluster_ip, &sa.selector), (&sb.cluster_ip, &sb.selector));
    assert_eq!(sa.endpoints.len(), 4);
    assert_eq!(sa.endpoints.iter().filter(|e| e.ready).count(), 3);
    assert!(sa.endpoints.iter().any(|e| !e.ready && e.pod.as_deref() == Some(new[0].name.as_str())));
    let note = after.diagnostics.iter().find(|d| d.code == "RollingUpdate").unwrap();
    assert!(note.message.contains("maxSurge 25% → 1 and maxUnavailable 25% → 0 of 3") && note.message.contains("has 1 pod (created, not Ready yet)") && note.message.contains("keeps 3 pods"), "{}", note.message);
    assert!(!before.diagnostics.iter().any(|d| d.code == "RollingUpdate"));
}

/// replicas 8 with the defaults: maxSurge 25% → 2, maxUnavailable 25% → 2; the first step makes
/// 2 new pods and scales the old ReplicaSet to 6 (reconcileOldReplicaSets: 10 pods − 6 minimum
/// available − 2 new unavailable = 2 down), and the next sync scales the new one up to 4
/// (learn19: NewRSNewReplicas, 8 + 2 − 8 = 2 more): 6 old + 4 new, not Ready, until one is
/// available. Recreate: no old pod, 8 new ones.
#[test]
fn rolling_update_respects_max_surge_and_max_unavailable_and_recreate_replaces_all() {
    let p = presets::find("web-clusterip").unwrap();
    let eight = p.yaml.replace("replicas: 3", "replicas: 8");
    let after = rolled("web-clusterip", Some(&eight));
    let not_ready = after.pods.iter().filter(|p| !p.ready).count();
    assert_eq!((after.pods.len(), not_ready), (10, 4));
    let recreate = eight.replace("spec:\n  replicas: 8", "spec:\n  strategy:\n    type: Recreate\n  replicas: 8");
    assert_ne!(recreate, eight);
    let after = rolled("web-clusterip", Some(&recreate));
    assert_eq!(after.pods.len(), 8);
    assert!(after.pods.iter().all(|p| !p.ready));
    assert!(after.services[0].endpoints.iter().all(|e| !e.ready));
    assert!(after.diagnostics.iter().any(|d| d.code == "RollingUpdate" && d.message.contains("strategy Recreate")));
}

//! learnfix19: what learn19's learner test found (/work/learn19/report.md, ranked list). Real
//! preset YAML (or the fixtures under tests/fixtures/learnfix19); each test names its upstream
//! source.
//! - Q02/Q20: a down node's StatefulSet pod was said to be replaced; every evicted pod there
//!   stays Terminating (stateful_set_control.go processReplica, controller.FilterActivePods).
//! - Q18: "Make it Ready" on a rollout's new pod left it not Ready.
//! - Q04: the rollout's picture with maxUnavailable > 0 stopped one sync early
//!   (deployment_util.go NewRSNewReplicas, rolling.go reconcileOldReplicaSets).
//! - Q03: the pod panel's scale row counted pods (spec.replicas + the surge) — edit::replicas.
//! - Q07: `kubectl get endpoints` (endpoints_controller.go syncService, printers.go
//!   formatEndpoints) — core::getep.

use super::analyze;
use super::config::Config;
use super::edit;
use super::getep::{self, DEPRECATION_WARNING};
use super::presets;
use super::report::{Report, ServiceReport};

fn preset_with(id: &str, cfg: Config) -> Report {
    let p = presets::find(id).expect("preset");
    analyze(p.yaml, &Config { cloud: p.cloud, ..cfg })
}

fn svc<'a>(r: &'a Report, name: &str) -> &'a ServiceReport {
    r.services.iter().find(|s| s.name == name).unwrap_or_else(|| panic!("Service {name}"))
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/learnfix19/{name}", env!("CARGO_MANIFEST_DIR"))).expect("fixture")
}

/// Q02: headless-statefulset, db-1's node goes down. pkg/controller/statefulset/
/// stateful_set_control.go processReplica waits while a replica isTerminating, and the pod on an
/// unreachable node is only marked for deletion (its kubelet never confirms: kubernetes#54368),
/// so no new db-1 is made; the words say how the name is freed. The Deployment's pods (Q20) are
/// replaced (controller.FilterActivePods skips a pod with a deletionTimestamp) but stay
/// Terminating too.
#[test]
fn down_node_statefulset_pod_is_not_replaced_stateful_set_control_process_replica() {
    let before = preset_with("headless-statefulset", Config::default());
    let node = before.pods.iter().find(|p| p.name == "db-1").and_then(|p| p.node.clone()).expect("db-1's node");
    let after = preset_with("headless-statefulset", Config { down: vec![node.clone()], ..Config::default() });
    let note = after.diagnostics.iter().find(|d| d.code == "TaintEviction" && d.message.contains("db-1")).unwrap_or_else(|| panic!("{:?}", after.diagnostics));
    assert!(!note.message.contains("creates a replacement"), "{}", note.message);
    for words in [
        "but the pod object stays Terminating, since only its kubelet can confirm the delete",
        "the StatefulSet controller creates no new db-1 while the old one exists",
        "waiting for Pod … to Terminate",
        "its Node object is deleted",
        "node.kubernetes.io/out-of-service",
        "kubectl delete pod --force --grace-period=0",
    ] {
        assert!(note.message.contains(words), "{words:?} in {}", note.message);
    }
    // the Deployment's pod on a down node: replaced, and said to stay Terminating meanwhile
    let web = preset_with("web-clusterip", Config::default());
    let node = web.pods.iter().find(|p| p.name.starts_with("web-")).and_then(|p| p.node.clone()).unwrap();
    let after = preset_with("web-clusterip", Config { down: vec![node], ..Config::default() });
    let note = after.diagnostics.iter().find(|d| d.code == "TaintEviction").unwrap();
    assert!(note.message.contains("the pod object stays Terminating (kubectl get pods), since only its kubelet can confirm the delete, until the node comes back or its Node object is deleted; its controller does not wait for that: it creates a replacement, and the scheduler's filters leave it node"), "{}", note.message);
}

/// Q18: web-clusterip rolled out; the new pod is not Ready (just created). Flipping its
/// readiness ("Make it Ready") makes it Ready — a ready endpoint of web beside the 3 old ones —
/// where it stayed not Ready before (place() had flipped the simulated Ready).
#[test]
fn make_it_ready_on_a_rollout_pod_makes_it_ready() {
    let cfg = |flip: Vec<String>| Config { rollout: vec!["default/web".into()], flip_ready: flip, ..Config::default() };
    let rolled = preset_with("web-clusterip", cfg(vec![]));
    let new = rolled.pods.iter().find(|p| !p.ready).expect("the new pod").name.clone();
    let flipped = preset_with("web-clusterip", cfg(vec![format!("default/{new}")]));
    let p = flipped.pods.iter().find(|p| p.name == new).unwrap();
    assert!(p.ready, "{:?}", p.not_ready_reason);
    let web = svc(&flipped, "web");
    assert_eq!((web.endpoints.len(), web.endpoints.iter().filter(|e| e.ready).count()), (4, 4));
}

/// Q04: replicas 3, maxSurge 0, maxUnavailable 1. reconcileOldReplicaSets scales the old
/// ReplicaSet to 2 (3 − 2 available − 0 new unavailable = 1 down); NewRSNewReplicas then scales
/// the new one to 3 + 0 − 2 = 1; then nothing moves until that pod is available: 2 old Ready + 1
/// new not Ready — not "0 pods (created, not Ready yet)".
#[test]
fn rollout_with_max_unavailable_shows_the_state_that_lasts_new_rs_new_replicas() {
    let text = fixture("rollout-maxunavailable.yaml");
    let r = analyze(&text, &Config { rollout: vec!["default/web".into()], ..Config::default() });
    let (ready, not_ready): (Vec<_>, Vec<_>) = r.pods.iter().filter(|p| p.name.starts_with("web-")).partition(|p| p.ready);
    assert_eq!((ready.len(), not_ready.len()), (2, 1), "{:?}", r.pods.iter().map(|p| (&p.name, p.ready)).collect::<Vec<_>>());
    let note = r.diagnostics.iter().find(|d| d.code == "RollingUpdate").unwrap();
    assert!(note.message.contains("has 1 pod (created, not Ready yet)") && note.message.contains("keeps 2 pods"), "{}", note.message);
    assert!(!note.message.contains("0 pods (created"), "{}", note.message);
}

/// Q03: spec.replicas as written (3), 1 when unset (SetDefaults_Deployment), None for a
/// Deployment not in the text or a replicas that is not an integer — whatever the pods are.
#[test]
fn replicas_reads_spec_replicas_set_defaults_deployment() {
    let p = presets::find("web-clusterip").unwrap();
    assert_eq!(edit::replicas(p.yaml, "Deployment", "default", "web"), Some(3));
    let unset = p.yaml.replace("  replicas: 3\n", "");
    assert_ne!(unset, p.yaml);
    assert_eq!(edit::replicas(&unset, "Deployment", "default", "web"), Some(1));
    assert_eq!(edit::replicas(p.yaml, "Deployment", "shop", "web"), None);
    assert_eq!(edit::replicas(p.yaml, "StatefulSet", "default", "web"), None);
    assert_eq!(edit::replicas(&p.yaml.replace("replicas: 3", "replicas: three"), "Deployment", "default", "web"), None);
    // during the rollout the pods are 4, the replicas still 3
    let rolled = preset_with("web-clusterip", Config { rollout: vec!["default/web".into()], ..Config::default() });
    assert_eq!(rolled.pods.iter().filter(|p| p.name.starts_with("web-")).count(), 4);
}

/// Q07: the tutorial's Service: printers.go formatEndpoints' three `ip:port` (the targetPort,
/// addresses sorted by IP: SortSubsets / LessEndpointAddress), under kubectl's NAME/ENDPOINTS
/// columns, and the deprecation warning.
#[test]
fn get_endpoints_row_is_format_endpoints() {
    let r = preset_with("web-clusterip", Config::default());
    let v = getep::view(svc(&r, "web")).expect("a row");
    assert_eq!(v.command, "kubectl get endpoints web");
    assert_eq!(v.table.as_deref(), Some("NAME   ENDPOINTS\nweb    10.244.0.2:8080,10.244.1.2:8080,10.244.2.2:8080"));
    assert!(v.error.is_none());
    assert!(v.lines[0].contains("the port it resolved (8080, the targetPort on the pod, not the Service's port)"), "{:?}", v.lines);
    assert_eq!(DEPRECATION_WARNING, "Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice");
    // scaled to 5: the first three, then " + 2 more..."
    let p = presets::find("web-clusterip").unwrap();
    let r = analyze(&p.yaml.replace("replicas: 3", "replicas: 5"), &Config::default());
    let t = getep::view(svc(&r, "web")).unwrap().table.unwrap();
    assert!(t.lines().nth(1).unwrap().ends_with(" + 2 more..."), "{t}");
    assert_eq!(t.lines().nth(1).unwrap().matches(":8080").count(), 3, "{t}");
}

/// Q07: broken-not-ready: the pods are selected but not Ready — addEndpointSubset puts them in
/// notReadyAddresses, and the column (ready addresses only) is empty, not `<none>`; a selector
/// that matches nothing leaves the object without subsets: `<none>`.
#[test]
fn get_endpoints_not_ready_is_empty_and_no_match_is_none_add_endpoint_subset() {
    let r = preset_with("broken-not-ready", Config::default());
    let s = svc(&r, "web");
    assert!(!s.endpoints.is_empty() && s.endpoints.iter().all(|e| !e.ready));
    let v = getep::view(s).unwrap();
    assert_eq!(v.table.as_deref(), Some("NAME   ENDPOINTS\nweb"));
    assert!(v.lines[0].starts_with("ENDPOINTS is empty:") && v.lines[0].contains("all in notReadyAddresses"), "{:?}", v.lines);
    let r = preset_with("broken-selector-typo", Config::default());
    let v = getep::view(svc(&r, "web")).unwrap();
    assert_eq!(v.table.as_deref(), Some("NAME   ENDPOINTS\nweb    <none>"));
    assert!(v.lines[0].starts_with("ENDPOINTS <none>:"), "{:?}", v.lines);
}

/// Q07: one pod not Ready of three (a readiness flip): two addresses in the column, the third
/// named as left out (notReadyAddresses) and kept ready: false in the EndpointSlice.
#[test]
fn get_endpoints_names_the_not_ready_pod_it_leaves_out() {
    let r0 = preset_with("web-clusterip", Config::default());
    let pod = r0.pods.iter().find(|p| p.name.starts_with("web-")).unwrap();
    let (name, ip) = (pod.name.clone(), pod.ip.clone().unwrap());
    let r = preset_with("web-clusterip", Config { flip_ready: vec![format!("default/{name}")], ..Config::default() });
    let v = getep::view(svc(&r, "web")).unwrap();
    let row = v.table.unwrap();
    assert!(!row.contains(&format!("{ip}:8080")) && row.matches(":8080").count() == 2, "{row}");
    assert!(v.lines.iter().any(|l| l.starts_with("Left out of the column: 1 pod not Ready (") && l.contains(&name) && l.contains("notReadyAddresses")), "{:?}", v.lines);
}

/// Q07: a Service without a selector and no Endpoints object written: the API server's
/// NotFound (syncService returns before writing one for a nil selector); ExternalName alike.
#[test]
fn get_endpoints_without_selector_is_not_found_sync_service() {
    let text = fixture("selectorless.yaml");
    let r = analyze(&text, &Config::default());
    let v = getep::view(svc(&r, "db")).unwrap();
    assert!(v.table.is_none());
    assert_eq!(v.error.as_deref(), Some("Error from server (NotFound): endpoints \"db\" not found"));
    let r = preset_with("web-externalname", Config::default());
    let v = getep::view(svc(&r, "web")).unwrap();
    assert_eq!(v.error.as_deref(), Some("Error from server (NotFound): endpoints \"web\" not found"));
}

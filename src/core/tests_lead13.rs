//! The lead's fixes of session 13: what a Service that selects nothing is told about the
//! objects that would have given it pods (mod.rs refused_dependencies).

use super::*;

fn cfg() -> Config {
    Config::default()
}

fn reasons(text: &str, svc: &str) -> Vec<String> {
    let r = analyze(text, &cfg());
    assert!(r.services.iter().any(|s| s.name == svc), "no Service {svc}");
    r.diagnostics.iter().filter(|d| d.object.as_deref().is_some_and(|o| o.ends_with(&format!("/{svc}")) && o.starts_with("Service"))).map(|d| d.message.clone()).collect()
}

/// diffsweep2 (rook): a refused workload whose template labels the selector cannot match is
/// not named beside "matches 0 pods" — the Service would not have selected its pods anyway.
#[test]
fn a_refused_workload_of_other_labels_is_not_blamed() {
    let y = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: other}\nspec:\n  selector: {matchLabels: {app: b}}\n  template:\n    metadata: {labels: {app: b}}\n    spec:\n      serviceAccountName: BAD_SA\n      containers: [{name: c, image: nginx}]\n---\napiVersion: v1\nkind: Service\nmetadata: {name: svc-a}\nspec:\n  selector: {app: a}\n  ports: [{port: 80}]\n";
    let all = reasons(y, "svc-a").join("\n");
    assert!(!all.contains("Deployment other"), "{all}");
    // the same Deployment with the Service's labels is named
    let y2 = y.replace("app: b", "app: a");
    let all = reasons(&y2, "svc-a").join("\n");
    assert!(all.contains("Deployment other was refused by the API server"), "{all}");
}

/// A StatefulSet the API server takes but whose pods it refuses (the controller's create fails:
/// stateful_pod_control.go CreateStatefulPod, event FailedCreate — here the pods'
/// `controller-revision-hash` label over 63 characters, kubernetes#64023; a template pod spec
/// error refuses the set itself since 1.34, kubernetes#131790): the Service that selects its
/// pods is told why it has none.
#[test]
fn a_service_is_told_its_workload_creates_no_pods() {
    let y = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: webxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx}\nspec:\n  serviceName: web\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: c, image: nginx}]\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  clusterIP: None\n  selector: {app: web}\n  ports: [{port: 80}]\n";
    let r = analyze(y, &cfg());
    assert!(r.diagnostics.iter().all(|d| d.severity != Severity::Error), "{:?}", r.diagnostics);
    let all = reasons(y, "web").join("\n");
    assert!(all.contains("StatefulSet webxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx creates no pods: the API server refuses them (FailedCreate: metadata.labels: Invalid value: \"webxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-"), "{all}");
}

//! The lead's fixes of session 14 (corpus8's semantics findings).

use super::*;

fn near(text: &str, svc: &str) -> Vec<String> {
    let r = analyze(text, &Config::default());
    let s = r.services.iter().find(|s| s.name == svc).unwrap_or_else(|| panic!("no Service {svc}"));
    s.near_misses.iter().map(|m| format!("{} {}", m.pod, m.reason)).collect()
}

fn app(name: &str, label: &str) -> String {
    format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}, labels: {{app: {label}}}}}\nspec:\n  containers: [{{name: c, image: nginx, ports: [{{containerPort: 80}}]}}]\n---\n")
}

/// corpus8 S2 (microservices-demo release/kubernetes-manifests.yaml): a Service that selects its
/// own pods lists no other application's pods as near misses — only a value that reads like a
/// typo of its own (resolve.rs typo_of); a Service that selects nothing still lists the nearest.
#[test]
fn near_misses_of_a_working_service_are_typos_only() {
    let svc = "apiVersion: v1\nkind: Service\nmetadata: {name: redis-cart}\nspec:\n  selector: {app: redis-cart}\n  ports: [{port: 80}]\n";
    let y = format!("{}{}{}{}{svc}", app("redis-cart-0", "redis-cart"), app("ad-0", "adservice"), app("cart-0", "cartservice"), app("typo-0", "redis-crat"));
    let n = near(&y, "redis-cart");
    assert_eq!(n, vec!["typo-0 app=redis-crat (wanted app=redis-cart)".to_string()], "{n:?}");
    // case only: a typo too
    let y = format!("{}{}{svc}", app("redis-cart-0", "redis-cart"), app("upper-0", "Redis-Cart"));
    assert_eq!(near(&y, "redis-cart").len(), 1);
    // no pod selected: the nearest values are what the learner may have meant
    let y = format!("{}{}{svc}", app("ad-0", "adservice"), app("cart-0", "cartservice"));
    let n = near(&y, "redis-cart");
    assert_eq!(n.len(), 2, "{n:?}");
}

/// corpus8 S3 (kops' coredns addon, `resourceVersion: "0"` in a generated manifest): not a dump
/// (etcd3 store Create refuses only a non-zero resourceVersion), so its clusterIP outside the
/// default range is refused as on a default cluster, and no "dumped Services" range is inferred.
/// `creationTimestamp: null` (kubectl create --dry-run -o yaml) is no dump either; a uid is.
#[test]
fn resource_version_zero_is_no_dump() {
    let svc = |meta: &str| format!("apiVersion: v1\nkind: Service\nmetadata:\n  name: kube-dns\n  namespace: kube-system\n{meta}spec:\n  clusterIP: 100.64.0.10\n  selector: {{k8s-app: kube-dns}}\n  ports: [{{port: 53, protocol: UDP}}]\n");
    let r = analyze(&svc("  resourceVersion: \"0\"\n  creationTimestamp: null\n"), &Config::default());
    let all: Vec<&str> = r.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert!(all.iter().any(|m| m.contains("spec.clusterIPs: Invalid value: [\"100.64.0.10\"]: failed to allocate IP 100.64.0.10: the provided network does not match the current range")), "{all:#?}");
    assert!(!all.iter().any(|m| m.contains("dumped")), "{all:#?}");
    let r = analyze(&svc("  resourceVersion: \"4521\"\n  uid: 0b6f3c7e-1b2a-4c1d-9e8f-0a1b2c3d4e5f\n"), &Config::default());
    assert!(r.diagnostics.iter().all(|d| d.severity != Severity::Error), "{:?}", r.diagnostics);
}

/// valfix15's adoption (controller_ref_manager.go ClaimPods): the adopted Pod is written in the
/// input, so its "Created by" says so (layout::adopted_by_owner; the pod details panel), not the
/// controller-made pods' "not written in the YAML"; the JSON says `adopted: true` on it only.
#[test]
fn an_adopted_pod_is_said_to_be_written_and_adopted() {
    let y = "apiVersion: v1\nkind: Pod\nmetadata: {name: stray, labels: {app: web}}\nspec:\n  containers: [{name: c, image: nginx}]\n---\napiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: web}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: c, image: nginx}]\n";
    let r = analyze(y, &Config::default());
    let stray = r.pods.iter().find(|p| p.name == "stray").expect("stray");
    assert!(stray.adopted && stray.owner.as_deref() == Some("ReplicaSet/web"));
    assert!(r.pods.iter().filter(|p| p.name != "stray").all(|p| !p.adopted && p.owner.as_deref() == Some("ReplicaSet/web")));
    assert_eq!(r.pods.len(), 2);
    let json = r.to_json();
    assert_eq!(json.matches("\"adopted\": true").count(), 1, "{json}");
    assert_eq!(json.matches("\"adopted\"").count(), 1, "{json}");
    assert_eq!(
        layout::adopted_by_owner("ReplicaSet/web", stray.line),
        "the YAML, line 1; ReplicaSet/web adopted it (no controller owned it and its labels match its selector), so it counts toward its replicas"
    );
}

/// learnfix10's left item: the pending load balancer box of a Service with a loadBalancerClass
/// blames the class (k8s.io/cloud-provider controllers/service/controller.go wantsLoadBalancer
/// skips it), as its path and Why do; without a class it says "no cloud controller".
#[test]
fn a_pending_load_balancer_box_of_a_class_blames_the_class() {
    let text = include_str!("../../tests/fixtures/learner9/19-lb-class.yaml");
    let note = |text: &str, cloud: bool| {
        let r = analyze(text, &Config { cloud, ..Config::default() });
        let i = r.services.iter().position(|s| s.name == "web").expect("web");
        let l = layout::layout(&r, Some(i), 1280.0);
        let lb = l.items.iter().find(|it| it.kind == "load-balancer").expect("load balancer box");
        lb.texts.iter().map(|t| t.full.clone()).collect::<Vec<_>>().join(" | ")
    };
    let with_class = note(text, true);
    assert!(with_class.contains("no controller for its class"), "{with_class}");
    let plain = text.replace("  loadBalancerClass: example.com/internal-lb\n", "");
    assert_ne!(plain, text);
    let without = note(&plain, false);
    assert!(without.contains("no cloud controller"), "{without}");
}

/// diffsweep3 S1: siblings are no typos (argocd-repo-server against argocd-server: 5 edits). A
/// working Service of several labels keeps its one-label-off pods (learner7 1b: "✓ app=web
/// ✗ tier=backend" teaches that a selector is an AND; tests_corpfix7).
#[test]
fn near_misses_of_a_working_service_skip_siblings() {
    let pod = |name: &str, labels: &str| format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}, labels: {labels}}}\nspec:\n  containers: [{{name: c, image: nginx}}]\n---\n");
    let svc = "apiVersion: v1\nkind: Service\nmetadata: {name: argocd-server}\nspec:\n  selector: {app: argocd-server}\n  ports: [{port: 80}]\n";
    let y = format!("{}{}{}{svc}", pod("server", "{app: argocd-server}"), pod("repo", "{app: argocd-repo-server}"), pod("dex", "{app: argocd-dex-server}"));
    assert!(near(&y, "argocd-server").is_empty(), "{:?}", near(&y, "argocd-server"));
    let y = format!("{}{}{svc}", pod("server", "{app: argocd-server}"), pod("typo", "{app: argocd-sevrer}"));
    assert_eq!(near(&y, "argocd-server").len(), 1);
}

/// diffsweep3 S2: a missing env source shows as CreateContainerConfigError, a missing volume
/// source as ContainerCreating (FailedMount).
#[test]
fn a_missing_env_source_is_create_container_config_error() {
    let base = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: nginx\n";
    let env = format!("{base}    env:\n    - name: A\n      valueFrom: {{configMapKeyRef: {{name: cfg, key: a}}}}\n");
    let vol = format!("{base}  volumes:\n  - name: tls\n    secret: {{secretName: tls}}\n");
    let note = |y: &str| analyze(y, &Config::default()).diagnostics.iter().find(|d| d.code == "ReferenceAssumed").map(|d| d.message.clone()).unwrap_or_default();
    let e = note(&env);
    assert!(e.contains("the pod stays CreateContainerConfigError") && !e.contains("ContainerCreating"), "{e}");
    let v = note(&vol);
    assert!(v.contains("the pod stays ContainerCreating") && v.contains("FailedMount"), "{v}");
}

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

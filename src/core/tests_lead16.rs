//! lead16: qa1's Why contradiction (two policies) and other fixes of session 16.

use super::analyze;
use super::config::Config;

/// qa1 q/29 (kubernetes#112467): two NetworkPolicies select the backend pods and neither admits
/// the client. The path is dropped ("NetworkPolicies a, b select … and no rule admits …"), and the
/// Why checklist's netpol check said "ok" (netpol::path_note tested the reason for the singular
/// "NetworkPolicy" only). Semantics: k8s.io/api networking/v1 types.go NetworkPolicySpec (a pod
/// selected by several policies is isolated; a connection is allowed if any of them admits it).
#[test]
fn why_netpol_fails_when_two_policies_drop_the_client_networking_v1_policy_union() {
    let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n    ports:\n    - containerPort: 8080\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: 8080\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: a\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          role: admin\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: b\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n";
    let r = analyze(text, &Config::default());
    let s = r.services.iter().find(|s| s.name == "web").expect("Service web");
    let p = s.paths.iter().find(|p| p.entry == super::paths::Entry::Pod).expect("the in-cluster path");
    assert_eq!(p.outcome, super::paths::Outcome::Dropped, "{}", p.reason);
    assert!(p.reason.starts_with("NetworkPolicies a, b "), "{}", p.reason);
    let checks = super::checklist::checklist(text, &r, "default/web", "pod");
    let np = checks.iter().find(|c| c.key == "netpol").expect("the netpol check");
    assert_eq!(np.status, "fail", "{}", np.why);
    assert!(np.why.starts_with("NetworkPolicies a, b"), "{}", np.why);
}

/// qa1 q/17 (rancher#25455): "ExternalName port 8080 → targetPort 80 implies a remap": the CLI
/// text printed `port http:8080/TCP -> targetPort 80` like any Service's; the truth (no rule,
/// no remap: pkg/proxy/util ShouldSkipService skips ExternalName; DNS answers a CNAME) was in
/// the path's third hop only. Now the port line says so.
#[test]
fn an_external_name_services_port_line_says_nothing_is_remapped_should_skip_service() {
    let text = "apiVersion: v1\nkind: Service\nmetadata:\n  name: monachus\nspec:\n  type: ExternalName\n  externalName: www.monach.us\n  ports:\n  - name: http\n    port: 8080\n    targetPort: 80\n  - name: same\n    port: 9000\n";
    let r = analyze(text, &Config::default());
    let t = r.to_text();
    assert!(t.contains("  port http:8080/TCP -> targetPort 80\n    (not remapped: an ExternalName Service is only a DNS alias, so a client dialling 8080 reaches www.monach.us on 8080; targetPort 80 is stored and never used)"), "{t}");
    assert!(!t.contains("dialling 9000"), "{t}");
}

/// qa1 q/22 (nais/naiserator#575): an Ingress backend names port 80 of a Service whose only port
/// is 8080: the controller answers 503 (ingress-nginx: no upstream). The page opens on the pod
/// entry (delivered) and Why said every check passes; the 503 was only in the diagnostics list.
/// Now any entry's checklist warns about a failing Ingress route to the Service.
#[test]
fn why_from_the_pod_entry_warns_of_an_ingress_route_that_answers_503() {
    let text = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/qa1-22-ingress-port-503.yaml")).unwrap();
    let r = analyze(&text, &Config::default());
    let checks = super::checklist::checklist(&text, &r, "", "pod");
    let ing = checks.iter().find(|c| c.key == "ingress").expect("an ingress check from the pod entry");
    assert_eq!(ing.status, "warn");
    assert!(ing.why.starts_with("Ingress some-name-nais-ingress-9a3064dc: ") && ing.why.contains("has no port 80"), "{}", ing.why);
    // from the Ingress's own entry: the existing fail, once
    let checks = super::checklist::checklist(&text, &r, "", "ingress@some-name-nais-ingress-9a3064dc");
    assert_eq!(checks.iter().filter(|c| c.key == "ingress").map(|c| c.status.as_str()).collect::<Vec<_>>(), ["fail"]);
}

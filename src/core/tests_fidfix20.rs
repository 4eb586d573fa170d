//! fidfix20: the fidelity and learner items qa3's real-question sweep left. Each test reads the
//! thread's own YAML (tests/fixtures/qa3-*).

use super::analyze;
use super::config::Config;
use super::paths::{Entry, Outcome};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap()
}

/// qa3 19 (killer-sh/cks-course-environment#2): an egress policy on run=frontend admits only
/// run=backend port 80; "curl backend" from frontend fails because its DNS query is dropped.
/// k8s.io/api networking/v1 types.go NetworkPolicySpec.Egress: outgoing traffic of a selected pod
/// is allowed only if it "matches at least one egress rule" — UDP 53 to the cluster DNS pods
/// matches none. Any input pod can now be the in-cluster client (Config::client_pod, CLI
/// --client-pod): its labels and namespace meet the policies, so the path from frontend ends
/// at the DNS query; and without it a warning says the policy leaves frontend without DNS.
#[test]
fn any_input_pod_is_the_client_and_an_egress_policy_without_dns_warns_networking_v1_egress() {
    let text = fixture("qa3-19-egress-policy-drops-dns.yaml");
    // (before: the stand-in client, which no policy selects: delivered, and no warning)
    let r = analyze(&text, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "NetworkPolicyEgressDenies").expect("the DNS warning");
    assert_eq!(d.severity, super::diag::Severity::Warning);
    assert!(d.message.starts_with("NetworkPolicy frontend selects pod frontend (run=frontend) in namespace default for egress and no rule admits its DNS query (UDP 53"), "{}", d.message);
    assert!(d.message.contains("ports 53/UDP and 53/TCP lets it through"), "{}", d.message);
    assert_eq!(d.line, 12, "at the policy's podSelector");

    let r = analyze(&text, &Config { client_pod: Some("frontend".into()), ..Config::default() });
    let c = &r.cluster.client_pod;
    assert_eq!((c.namespace.as_str(), c.name.as_str()), ("default", "frontend"));
    assert!(c.line > 0, "the input's own pod");
    let s = r.services.iter().find(|s| s.name == "backend").unwrap();
    let p = s.paths.iter().find(|p| p.entry == Entry::Pod).unwrap();
    assert_eq!(p.outcome, Outcome::Dropped, "{}", p.reason);
    assert!(p.reason.contains("selects the client (pods labelled run=frontend in namespace default) for egress and no rule admits its DNS query"), "{}", p.reason);
    assert!(r.cluster.dns_blocked.iter().any(|(k, _)| k == "default/frontend"), "{:?}", r.cluster.dns_blocked);
    // one warning on the policy: the client's, not the pod's again
    let n = r.diagnostics.iter().filter(|d| d.code == "NetworkPolicyEgressDenies").count();
    assert_eq!(n, 1, "{:?}", r.diagnostics.iter().map(|d| &d.message).collect::<Vec<_>>());

    // the backend pod is not isolated: from it, delivered as before
    let r = analyze(&text, &Config { client_pod: Some("backend".into()), ..Config::default() });
    assert_eq!(r.cluster.client_pod.name, "backend");
    // a name no pod has: the stand-in client, as before
    let r = analyze(&text, &Config { client_pod: Some("nope".into()), ..Config::default() });
    assert_eq!(r.cluster.client_pod.name, "client");
}

/// qa3 19, the page's From menu: every input pod that is not an endpoint of the selected Service
/// is offered as the client (paths::client_candidates): frontend for Service backend, not
/// backend itself.
#[test]
fn from_menu_offers_every_input_pod_but_the_services_endpoints() {
    let r = analyze(&fixture("qa3-19-egress-policy-drops-dns.yaml"), &Config::default());
    let s = r.services.iter().find(|s| s.name == "backend").unwrap();
    assert_eq!(super::paths::client_candidates(&r.pods, s), vec![("default".to_string(), "frontend".to_string())]);
}

/// qa3 33 (jacksontj/promxy#372): livenessProbe and readinessProbe on port "web", the container
/// names no port. pkg/probe/util.go findPortByName: `port %q not found` (port "web" not found);
/// the readiness probe keeps the pod out of the endpoints, and the liveness one gets the
/// container killed and restarted (pkg/kubelet/kuberuntime/kuberuntime_manager.go
/// computePodActions: "Container %s failed liveness probe" + ", will be restarted"). The
/// restart is said on the pod and in the warning, and the cause is in the path's headline.
#[test]
fn liveness_probe_on_an_undeclared_port_name_restarts_and_the_headline_says_why_find_port_by_name() {
    let text = fixture("qa3-33-liveness-named-port-undeclared.yaml");
    let r = analyze(&text, &Config::default());
    let pod = r.pods.iter().find(|p| p.name.starts_with("promxy-")).unwrap();
    let why = pod.not_ready_reason.as_deref().unwrap_or_default();
    // (fidfix21: the errored liveness result is thrown away, so no restart: worker.go doProbe)
    assert!(why.contains("(port \"web\" not found)") && why.contains("never restarts the container"), "{why}");
    let d = r.diagnostics.iter().find(|d| d.code == "ProbePortNotFound").expect("the probe warning");
    assert!(d.message.starts_with("spec.template.spec.containers[0].readinessProbe.httpGet.port: port \"web\" not found"), "{}", d.message);
    assert!(d.message.contains("the livenessProbe uses port \"web\" too") && d.message.contains("never restarts container promxy"), "{}", d.message);
    let s = r.services.iter().find(|s| s.name == "promxy").unwrap();
    let p = s.paths.iter().find(|p| p.entry == Entry::Pod).unwrap();
    assert_eq!(p.outcome, Outcome::Rejected);
    assert!(p.reason.starts_with("selector app=promxy matches 1 pod, but it is not a ready endpoint for this port; promxy-"), "{}", p.reason);
    assert!(p.reason.contains("uses port \"web\", a name the container does not declare") && p.reason.contains("never restarts the container"), "{}", p.reason);

    // a liveness probe alone on the undeclared name: a warning that says the restart
    let live_only = text.replace("        readinessProbe:\n          httpGet:\n            path: \"/-/ready\"\n            port: web\n          initialDelaySeconds: 3\n", "");
    assert_ne!(live_only, text);
    let r = analyze(&live_only, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "ProbePortNotFound").expect("the liveness warning");
    assert!(d.message.starts_with("spec.template.spec.containers[0].livenessProbe.httpGet.port: port \"web\" not found") && d.message.contains("every livenessProbe errors") && d.message.contains("never restarts container promxy"), "{}", d.message);
}

/// The Ingress path's undeclared port, declared with another protocol (qa3 15's scene with the
/// containerPort 8080 written protocol: UDP): said so, as the Service path does since qafix3
/// (resolve::declared_as; Container.Ports "is primarily informational",
/// staging/src/k8s.io/api/core/v1/types.go), not "no container declares port 8080".
#[test]
fn ingress_path_says_a_port_declared_with_another_protocol_core_v1_container_ports() {
    let text = fixture("qa3-15-ingress-backend-targetport.yaml")
        .replace("    - containerPort: 8080\n", "    - containerPort: 8080\n      protocol: UDP\n")
        .replace("              number: 8080", "              number: 80");
    let r = analyze(&text, &Config::default());
    let s = r.services.iter().find(|s| s.name == "myapp").unwrap();
    let p = s.paths.iter().find(|p| p.entry == Entry::Ingress).expect("the Ingress path");
    assert_eq!(p.outcome, Outcome::UndeclaredPort, "{}", p.reason);
    assert!(p.reason.contains("declares port 8080 only as UDP") && !p.reason.contains("no container"), "{}", p.reason);
    // not declared at all: as before
    let text = text.replace("    ports:\n    - containerPort: 8080\n      protocol: UDP\n", "    ports:\n    - containerPort: 9090\n");
    let r = analyze(&text, &Config::default());
    let p = r.services[0].paths.iter().find(|p| p.entry == Entry::Ingress).unwrap();
    assert!(p.reason.contains("but no container in myapp declares port 8080: refused unless the process listens there"), "{}", p.reason);
}

/// The Gateway box says what the route's Accepted condition says (kubernetes-sigs/gateway-api
/// apis/v1/shared_types.go RouteConditionAccepted; core::gateway::attaches / not_served): a
/// route in namespace shop on a `from: Same` listener of Gateway infra/shared is
/// NotAllowedByListeners, so the box no longer says "routes to the endpoints" (the hop already
/// said "does not accept the route"); allowed (from: All), it does.
#[test]
fn gateway_box_caption_agrees_with_the_routes_accepted_condition_route_condition_accepted() {
    let app = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: 8080\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\n  labels:\n    app: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n    ports:\n    - containerPort: 8080\n";
    let scene = |allowed: &str| format!("apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: shared\n  namespace: infra\nspec:\n  gatewayClassName: eg\n  listeners:\n  - name: http\n    protocol: HTTP\n    port: 80\n{allowed}---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  parentRefs:\n  - name: shared\n    namespace: infra\n  rules:\n  - backendRefs:\n    - name: web\n      port: 80\n---\n{app}");
    let caption = |text: &str| {
        let r = analyze(text, &Config::default());
        let i = r.services.iter().position(|s| s.name == "web").unwrap();
        let p = r.services[i].paths.iter().find(|p| p.entry == Entry::HttpRoute).unwrap();
        let l = super::layout::layout(&r, Some(i), 1000.0);
        let b = l.items.iter().find(|i| i.kind == "external" && i.name == "gateway/infra/shared").unwrap_or_else(|| panic!("no Gateway box: {:?}", l.items.iter().map(|i| &i.name).collect::<Vec<_>>()));
        (p.outcome, b.texts.iter().map(|t| t.text.clone()).collect::<Vec<_>>())
    };
    let (outcome, texts) = caption(&scene(""));
    assert_eq!(outcome, Outcome::Rejected);
    assert!(texts.iter().any(|t| t == "does not accept the route") && !texts.iter().any(|t| t == "routes to the endpoints"), "{texts:?}");
    let (outcome, texts) = caption(&scene("    allowedRoutes:\n      namespaces:\n        from: All\n"));
    assert_eq!(outcome, Outcome::Delivered);
    assert!(texts.iter().any(|t| t == "routes to the endpoints"), "{texts:?}");
}

/// qa3 26 (kubernetes/kubernetes#61226; the Service docs' ExternalName warning about HTTP and
/// HTTPS): the Host/SNI catch was on the page only (layout::external_name_host_note); the CLI's
/// text report says it too, the same words from the core.
#[test]
fn cli_text_says_the_external_name_host_and_sni_catch_service_docs_externalname() {
    let r = analyze(&fixture("qa3-26-externalname-https.yaml"), &Config::default());
    let p = &r.services[0].paths[0];
    let note = super::layout::external_name_host_note(p).expect("the page's note");
    assert!(note.contains("a 404, or a certificate for another name"), "{note}");
    let text = r.to_text();
    assert!(text.contains(&format!("    note: {note}\n")), "{text}");
}

/// A share link carries the input pod chosen as the client (SharedScene::client_pod, an appended
/// field; the JSON contract only grows): restored with its namespace; a link made before it has
/// none; a value that is no pod name (apimachinery IsDNS1123Subdomain) is dropped.
#[test]
fn a_share_link_carries_the_client_pod_is_dns1123_subdomain() {
    use super::share::{decode, encode, SharedScene};
    use crate::hostopts::HostOptions;
    let sc = SharedScene { yaml: "y".into(), nodes: 3, client_namespace: "shop".into(), client_pod: "frontend-7d9f.x".into(), ..Default::default() };
    let payload = encode(&sc);
    assert_eq!(decode(&payload).unwrap(), sc);
    let o = HostOptions::parse("", &format!("#s={payload}"));
    assert_eq!((o.client_namespace.as_deref(), o.client_pod.as_deref()), (Some("shop"), Some("frontend-7d9f.x")));
    let old = encode(&SharedScene { yaml: "y".into(), client_namespace: "shop".into(), ..Default::default() });
    assert_eq!(HostOptions::parse("", &format!("#s={old}")).client_pod, None);
    let bad = encode(&SharedScene { yaml: "y".into(), client_pod: "Front_End".into(), ..Default::default() });
    assert_eq!(HostOptions::parse("", &format!("#s={bad}")).client_pod, None);
}

/// The diagram's client box for an input pod chosen as the client (From "Your pod frontend")
/// carries that pod's name, not the stand-in's "client (curl)" (the lead's screenshot of qa3 19:
/// the box said "client (curl)" at frontend's address 10.244.0.2); the stand-in keeps its name.
#[test]
fn the_client_box_of_a_chosen_input_pod_shows_its_name() {
    let text = fixture("qa3-19-egress-policy-drops-dns.yaml");
    let name_of_client = |cfg: &Config| {
        let r = analyze(&text, cfg);
        let si = r.services.iter().position(|s| s.name == "backend").unwrap();
        let l = super::layout::layout(&r, Some(si), 1280.0);
        let c = l.items.iter().find(|i| i.kind == "pod" && i.name == r.cluster.client_pod.name).expect("the client's box");
        c.texts[0].text.clone()
    };
    assert_eq!(name_of_client(&Config { client_pod: Some("frontend".into()), ..Config::default() }), "frontend");
    assert_eq!(name_of_client(&Config::default()), "client (curl)");
}

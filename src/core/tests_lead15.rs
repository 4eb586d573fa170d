//! Session 15, the lead's own fixes.

use super::analyze;
use super::config::Config;
use super::layout::{layout, segment_crosses, Text};
use super::presets;

/// Session 14's screenshot (NodePort preset, outside client → node-2's nodePort, 1280 px): the
/// outside client's route dropped through the cluster's title "Kubernetes cluster · Services
/// 10.96.0.0/12 · nodePorts 30000-32767". No hop of any preset, from any client node, at any
/// width, runs across the cluster's title.
#[test]
fn no_hop_crosses_the_cluster_title_in_any_preset() {
    let mut bad = Vec::new();
    for p in presets::ALL {
        for client in [None, Some("node-1"), Some("node-2"), Some("node-3")] {
            let r = analyze(p.yaml, &Config { cloud: p.cloud, client_node: client.map(str::to_string), ..Config::default() });
            let Some(si) = r.services.iter().position(|s| s.name == p.service) else { continue };
            for width in [1600.0, 1280.0, 1000.0, 780.0, 540.0, 360.0, 330.0] {
                let l = layout(&r, Some(si), width);
                let title: Vec<_> = l.find("cluster", "cluster").expect("the cluster drawn").texts.iter().map(Text::bbox).collect();
                for path in &r.services[si].paths {
                    for h in &path.hops {
                        let route = l.drawn_route(&h.from, &h.to);
                        for t in &title {
                            if route.windows(2).any(|w| segment_crosses(w[0], w[1], t)) {
                                bad.push(format!("{} from {client:?} {} {} → {} at {width}: across the cluster title {t:?}", p.id, path.entry, h.from, h.to));
                            }
                        }
                    }
                }
            }
        }
    }
    bad.dedup();
    assert!(bad.is_empty(), "{} routes across the cluster's title:\n{}", bad.len(), bad.join("\n"));
}

/// corpus9: the CLI's path header "path from nodeport via node-1 port 80" read as if the outside
/// client dialled 80; it dials the nodePort (the hop below says 192.168.49.2:30080). The header
/// names both; a ClusterIP path's header is unchanged.
#[test]
fn a_nodeport_paths_header_names_the_nodeport_the_client_dials() {
    let p = presets::ALL.iter().find(|p| p.id == "web-nodeport").expect("the NodePort preset");
    let text = analyze(p.yaml, &Config::default()).to_text();
    assert!(text.contains("path from nodeport via node-1 port 80 (nodePort 30080): delivered"), "{text}");
    assert!(text.contains("path from pod via node-1 port 80: delivered"), "{text}");
}

fn infos(r: &super::report::Report, code: &str) -> Vec<String> {
    r.diagnostics.iter().filter(|d| d.code == code).map(|d| d.message.clone()).collect()
}

fn fixture(file: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// corpus9: Pods and a NetworkPolicy with no Service got no word about the policy. Each policy
/// says which pods of its namespace its podSelector selects and what it isolates them for
/// (k8s.io/api networking/v1 types.go NetworkPolicySpec.podSelector / policyTypes;
/// pkg/apis/networking/v1/defaults.go SetDefaults_NetworkPolicy: no policyTypes is Ingress).
#[test]
fn a_network_policy_says_which_pods_it_isolates_networking_v1_network_policy_spec() {
    let r = analyze(&fixture("lead15-netpol-pods.yaml"), &Config::default());
    assert_eq!(
        infos(&r, "NetworkPolicySelects"),
        ["NetworkPolicy deny-web selects 1 pod in namespace default (web). Ingress: isolated, and this policy allows no connection to it"]
    );
    let r = analyze(&fixture("lead15-netpol-deployment.yaml"), &Config::default());
    let sel = infos(&r, "NetworkPolicySelects");
    assert_eq!(sel.len(), 1, "{sel:?}");
    assert!(sel[0].starts_with("NetworkPolicy allow-fe selects 5 pods in namespace shop (web-"), "{}", sel[0]);
    assert!(
        sel[0].contains(", …). Ingress: isolated; only connections that one of its 2 ingress rules (or another policy selecting them) allows get through. Egress: isolated, and this policy allows no connection from them (DNS lookups included)"),
        "{}",
        sel[0]
    );
    // (its second rule's `namespaceSelector: {}`: from every namespace, qafix6 / qa6 05)
    assert!(sel[0].contains(". Ingress rule 2 (spec.ingress[1]) admits every pod from every namespace, not only shop (namespaceSelector {} selects all namespaces): in this input shop/web-"), "{}", sel[0]);
    // a podSelector that matches none of the namespace's pods (a typo: app=wbe), with the
    // nearest label (learnfix14: resolve::nearest_label)
    assert_eq!(
        infos(&r, "NetworkPolicySelectsNothing"),
        ["NetworkPolicy typo selects none of the 5 pods of namespace shop (its podSelector matches no pod's labels): it isolates nothing yet. podSelector app: wbe — did you mean app: web (5 pods)?"]
    );
    // a namespace with no pod in the input: nothing said (its pods may come later)
    assert!(!r.diagnostics.iter().any(|d| d.object.as_deref() == Some("NetworkPolicy/other/elsewhere") && d.code.starts_with("NetworkPolicySelects")));
}

/// learner11 q/01, q/02: "does /apiv2 (or /api/v1, or /login/) match my Ingress path?" — the
/// ingress path's first hop says how its pathType matches (k8s.io/api networking/v1 types.go
/// PathTypePrefix: element by element, /foo/bar does not match /foo/barbaz; PathTypeExact).
#[test]
fn an_ingress_path_says_what_its_path_type_matches_networking_v1_path_type() {
    use super::ingress::{path_matching, Backend, IngressPath};
    let p = |path: &str, t: Option<&str>| IngressPath { field: String::new(), path: path.into(), path_type: t.map(str::to_string), backend: Backend { field: String::new(), service: None, resource: false } };
    let prefix = path_matching(&p("/api", Some("Prefix"))).expect("a Prefix path");
    assert!(prefix.starts_with("Prefix /api matches /api, /api/ and every path under it, element by element: /api/x yes, /apix no"), "{prefix}");
    assert_eq!(path_matching(&p("/api/", Some("Prefix"))).map(|m| m.starts_with("Prefix /api/ matches /api, /api/ and")), Some(true));
    assert_eq!(path_matching(&p("/login", Some("Exact"))).as_deref(), Some("Exact /login matches the request path /login only (case-sensitive; not /login/, nor a longer path)"));
    assert!(path_matching(&p("/", Some("Prefix"))).is_some_and(|m| m.starts_with("Prefix / matches every request path")));
    assert!(path_matching(&p("/x", Some("ImplementationSpecific"))).is_some_and(|m| m.contains("up to the controller of the IngressClass")));
    // a path the API server refuses says nothing
    assert_eq!(path_matching(&p("/x", None)), None);
    assert_eq!(path_matching(&p("x", Some("Prefix"))), None);
    // and the ingress entry's first hop carries it
    let r = analyze(&fixture("lead15-ingress-paths.yaml"), &Config::default());
    let path = r.services[0].paths.iter().find(|p| p.entry == super::paths::Entry::Ingress).expect("the ingress path");
    assert!(path.hops[0].explanation.contains("path /api (Prefix) → backend service web port 80. Prefix /api matches /api, /api/"), "{}", path.hops[0].explanation);
}

/// diffsweep4 W4/W5: a policy whose podSelector matches only host-network pods (kube-prometheus
/// node-exporter) was said to "match no pod's labels"; a rule with no `from` and no `ports`
/// (argo-cd's `ingress: [{}]`) read as a restriction (NetworkPolicyIngressRule: an empty from
/// matches all sources, empty ports all ports).
#[test]
fn network_policy_infos_name_host_network_pods_and_allow_all_rules() {
    let r = analyze(&fixture("lead15-netpol-hostnetwork-open.yaml"), &Config::default());
    let nothing = infos(&r, "NetworkPolicySelectsNothing");
    assert_eq!(nothing.len(), 1, "{nothing:?}");
    assert!(nothing[0].starts_with("NetworkPolicy ne matches only host-network pods in namespace mon (node-exporter-"), "{}", nothing[0]);
    assert_eq!(
        infos(&r, "NetworkPolicySelects"),
        ["NetworkPolicy open selects 1 pod in namespace default (web). Ingress: every connection allowed (its rule has no from and no ports, which allows all)"]
    );
}

/// diffsweep4 F1: a CRD default in format uuid3 was refused for lacking the [89ab] variant
/// digit; kube-openapi pkg/validation/strfmt/default.go UUID3Pattern has none (uuid4/uuid5 do).
#[test]
fn crd_default_uuid3_needs_no_variant_digit_strfmt_uuid3_pattern() {
    let crd = |format: &str, v: &str| {
        format!(
            "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: things.example.com\nspec:\n  group: example.com\n  names: {{kind: Thing, plural: things}}\n  scope: Namespaced\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n        type: object\n        properties:\n          id:\n            type: string\n            format: {format}\n            default: \"{v}\"\n"
        )
    };
    let errors = |y: &str| analyze(y, &Config::default()).diagnostics.iter().filter(|d| d.severity == super::diag::Severity::Error).map(|d| d.message.clone()).collect::<Vec<_>>();
    assert_eq!(errors(&crd("uuid3", "a987fbc9-4bed-3078-cf07-9141ba07c9f3")), Vec::<String>::new());
    // uuid4 keeps the variant check
    assert_eq!(errors(&crd("uuid4", "a987fbc9-4bed-4078-cf07-9141ba07c9f3")).len(), 1);
}

/// diffsweep4 W3: an Ingress whose class is the legacy annotation kubernetes.io/ingress.class:
/// traefik was judged as ingress-nginx's ("504 … admit namespace ingress-nginx"); its controller's
/// namespace is not in the input, so the path says what the policy must admit instead.
#[test]
fn ingress_class_annotation_is_the_class_a_network_policy_is_judged_for() {
    let r = analyze(&fixture("lead15-ingress-class-annotation.yaml"), &Config::default());
    let p = r.services[0].paths.iter().find(|p| p.entry == super::paths::Entry::Ingress).expect("the ingress path");
    assert!(!p.reason.contains("ingress-nginx") && p.reason.contains("class-traefik ingress controller"), "{}", p.reason);
}

/// diffsweep4 W2 (nginxinc/kubernetes-ingress tests/data/externalname-services): an Ingress
/// backend that is an ExternalName alias of a name in the cluster's zone whose Service does not
/// exist was drawn as delivered "outside the cluster"; cluster DNS has no record for it
/// (paths::external_target / service_of), so the controller has no address to send to.
#[test]
fn ingress_to_an_external_name_of_a_missing_in_cluster_service_is_rejected() {
    let r = analyze(&fixture("lead15-ingress-externalname-missing.yaml"), &Config::default());
    let p = r.services.iter().flat_map(|s| s.paths.iter()).find(|p| p.entry == super::paths::Entry::Ingress).expect("the ingress path");
    assert_eq!(p.outcome, super::paths::Outcome::Rejected);
    assert!(p.reason.contains("cannot resolve external-backend-svc.external-ns.svc.cluster.local (no Service external-backend-svc exists in namespace external-ns"), "{}", p.reason);
}

/// learner12: a pasted multi-namespace dump opens on its first Service with a problem
/// (Report::default_service: the menu, diagram and caption) but Why checked the first Service
/// (default/kubernetes: "every check passes"). With no key, the checklist is the same Service's.
#[test]
fn why_without_a_key_checks_the_service_the_page_opens_on() {
    let text = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/uifix11/48-get-all-dump-one-broken.yaml")).expect("the q/48 dump");
    let r = analyze(&text, &Config::default());
    let d = &r.services[r.default_service()];
    assert_eq!((d.namespace.as_str(), d.name.as_str()), ("shop", "orders"));
    let checks = super::checklist::checklist(&text, &r, "", "pod");
    assert!(checks.iter().any(|c| c.status == "fail"), "{:?}", checks.iter().map(|c| (&c.key, &c.status)).collect::<Vec<_>>());
    assert_eq!(super::checklist::checklist(&text, &r, "", "pod"), super::checklist::checklist(&text, &r, "shop/orders", "pod"));
}

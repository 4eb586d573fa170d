//! learner12's leftovers (/work/learner12/report.md "Unclear wording", /work/lead15/closing15.md
//! "Left: Learners"), fixed: Why's NetworkPolicy check names the rule that admits the learner's
//! client, or each isolating policy's closest rule and what it lacks; a NetworkPolicy selector
//! typo gets the Service selector's nearest-label hint. Each test names its upstream source.

use super::analyze;
use super::checklist::checklist;
use super::config::Config;
use super::paths::{Entry, Outcome};
use super::report::Report;

const NS: &str = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    kubernetes.io/metadata.name: shop\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: frontend\n  labels:\n    kubernetes.io/metadata.name: frontend\n---\n";

/// Service shop/web (80 → 8080) over 2 pods app=web, and the learner's own pod frontend/client
/// labelled app=client; then `policy` (a NetworkPolicy in shop).
fn scene(policy: &str) -> String {
    format!(
        "{NS}apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: 8080\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: app\n        image: nginx\n        ports:\n        - containerPort: 8080\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: client\n  namespace: frontend\n  labels:\n    app: client\nspec:\n  nodeName: node-2\n  containers:\n  - name: app\n    image: nginx\n---\n{policy}"
    )
}

fn policy(name: &str, spec: &str) -> String {
    format!("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: {name}\n  namespace: shop\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n  policyTypes:\n  - Ingress\n{spec}")
}

fn from_frontend() -> Config {
    Config { client_namespace: Some("frontend".into()), ..Config::default() }
}

fn pod_path(r: &Report) -> &super::paths::Path {
    r.services[0].paths.iter().find(|p| p.entry == Entry::Pod).expect("a pod path")
}

fn netpol_check(text: &str, r: &Report) -> (String, String) {
    let c = checklist(text, r, &r.service_key(0), "pod").into_iter().find(|c| c.key == "netpol").expect("netpol check");
    (c.status, c.why)
}

/// learner12 q/e-netpol-ns: the learner's own frontend/client is admitted by a namespaceSelector
/// rule; Why said only "NetworkPolicy lets this request through". NetworkPolicyIngressRule.from
/// and .ports (k8s.io/api networking/v1 types.go): a connection is allowed when one rule's
/// peers and ports both match; the peer here is NetworkPolicyPeer.namespaceSelector.
#[test]
fn admitted_client_names_the_rule_networking_v1_ingress_rule_from_and_ports() {
    let text = scene(&policy(
        "allow-frontend-ns",
        "  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          app: admin\n  - from:\n    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: frontend\n    ports:\n    - port: 8080\n",
    ));
    let r = analyze(&text, &from_frontend());
    let p = pod_path(&r);
    assert_eq!(p.outcome, Outcome::Delivered, "{}", p.reason);
    let want = "allowed by NetworkPolicy allow-frontend-ns, ingress rule 2 (spec.ingress[1]): from namespaceSelector kubernetes.io/metadata.name=frontend on port 8080/TCP";
    assert_eq!(p.allowed_by.as_deref(), Some(want));
    // the same words in the JSON, the CLI text and Why
    assert!(serde_json::to_string(&r).unwrap().contains(&format!("\"allowed_by\":\"{want}\"")));
    assert!(r.to_text().contains(&format!("    policy: {want}\n")), "{}", r.to_text());
    let (status, why) = netpol_check(&text, &r);
    assert_eq!(status, "ok");
    assert_eq!(why, format!("A{}.", &want[1..]));
    // no policy isolating either end: no field, and Why says so as before
    let r = analyze(&scene(""), &from_frontend());
    assert_eq!(pod_path(&r).allowed_by, None);
    assert!(!serde_json::to_string(&r).unwrap().contains("allowed_by"));
}

/// An egress policy on the client and an ingress one on the pods: both rules are named.
/// NetworkPolicySpec (networking/v1 types.go): a connection needs the sender's egress and the
/// receiver's ingress allowed.
#[test]
fn egress_and_ingress_rules_both_named_networking_v1_policy_spec() {
    let egress = "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: client-out\n  namespace: frontend\nspec:\n  podSelector: {}\n  policyTypes:\n  - Egress\n  egress:\n  - ports:\n    - port: 53\n      protocol: UDP\n  - to:\n    - namespaceSelector: {}\n      podSelector:\n        matchLabels:\n          app: web\n";
    let text = scene(&format!("{}{egress}", policy("web-in", "  ingress:\n  - from:\n    - namespaceSelector: {}\n")));
    let r = analyze(&text, &from_frontend());
    let p = pod_path(&r);
    assert_eq!(p.outcome, Outcome::Delivered, "{}", p.reason);
    assert_eq!(
        p.allowed_by.as_deref(),
        Some("allowed by NetworkPolicy client-out, egress rule 2 (spec.egress[1]): to namespaceSelector {} and podSelector app=web on every port (the connection is on 8080/TCP); and by NetworkPolicy web-in, ingress rule 1 (spec.ingress[0]): from namespaceSelector {} on every port (the connection is on 8080/TCP)")
    );
}

/// No rule admits the client: each isolating policy is named with its closest rule and what it
/// lacks — the namespace (NetworkPolicyPeer.podSelector without a namespaceSelector "selects the
/// Pods matching PodSelector in the policy's own Namespace"), the peer's labels, or the port
/// (NetworkPolicyPort). k8s.io/api networking/v1 types.go.
#[test]
fn refused_client_closest_rule_lacks_namespace_peer_or_port_networking_v1_peer() {
    // a podSelector without namespaceSelector: the client's labels match, its namespace does not
    let text = scene(&policy("api-allow", "  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          app: client\n    ports:\n    - port: 8080\n"));
    let r = analyze(&text, &from_frontend());
    let p = pod_path(&r);
    assert_eq!(p.outcome, Outcome::Dropped);
    assert!(p.allowed_by.is_none());
    assert!(
        p.reason.contains("drops the connection (api-allow's closest rule is ingress rule 1 (spec.ingress[0]), from podSelector app=client on port 8080/TCP — it lacks the namespace: a podSelector without a namespaceSelector picks pods of the policy's own namespace shop, and the client is in frontend (add namespaceSelector {matchLabels: {kubernetes.io/metadata.name: frontend}} to that peer))"),
        "{}",
        p.reason
    );
    let (status, why) = netpol_check(&text, &r);
    assert_eq!(status, "fail");
    assert!(why.contains("api-allow's closest rule is ingress rule 1"), "{why}");
    assert!(r.to_text().contains("api-allow's closest rule is ingress rule 1"));

    // the namespace right, the labels wrong; a second policy with no ingress rule at all
    let deny = "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny-all\n  namespace: shop\nspec:\n  podSelector: {}\n  policyTypes:\n  - Ingress\n";
    let text = scene(&format!(
        "{}{deny}",
        policy("api-allow", "  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: frontend\n      podSelector:\n        matchLabels:\n          app: frontend\n")
    ));
    let r = analyze(&text, &from_frontend());
    let p = pod_path(&r);
    assert_eq!(p.outcome, Outcome::Dropped);
    assert!(
        p.reason.contains("(api-allow's closest rule is ingress rule 1 (spec.ingress[0]), from namespaceSelector kubernetes.io/metadata.name=frontend and podSelector app=frontend on every port — it lacks the peer: the client's labels (app=client) do not match podSelector app=frontend; deny-all has no ingress rule, so it admits nothing)"),
        "{}",
        p.reason
    );

    // the peer right, the port wrong (the Service's port 80, not the pod's 8080); the closest
    // of two rules is the one missing one thing
    let text = scene(&policy(
        "api-allow",
        "  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          app: other\n  - from:\n    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: frontend\n    ports:\n    - port: 80\n",
    ));
    let r = analyze(&text, &from_frontend());
    let p = pod_path(&r);
    assert_eq!(p.outcome, Outcome::Dropped);
    assert!(
        p.reason.contains("(api-allow's closest rule is ingress rule 2 (spec.ingress[1]), from namespaceSelector kubernetes.io/metadata.name=frontend on port 80/TCP — it lacks the port: it names 80/TCP, the connection is on 8080/TCP)"),
        "{}",
        p.reason
    );
}

/// learner12 "typo-none": a policy podSelector `app: wbe` selects nothing and got no nearest
/// label, unlike a Service selector (resolve.rs near misses: typo_of on distance). The policy's
/// own podSelector (NetworkPolicySpec.podSelector: "Selects the pods to which this
/// NetworkPolicy object applies", networking/v1 types.go) and a rule's from.podSelector
/// (NetworkPolicyPeer.podSelector, in the policy's namespace or the namespaceSelector's) get
/// "did you mean" with the pods that carry it.
#[test]
fn policy_selector_typo_nearest_label_networking_v1_pod_selector() {
    let typo = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: api-allow\n  namespace: shop\nspec:\n  podSelector:\n    matchLabels:\n      app: wbe\n  policyTypes:\n  - Ingress\n";
    let r = analyze(&scene(typo), &from_frontend());
    let d = r.diagnostics.iter().find(|d| d.code == "NetworkPolicySelectsNothing").expect("a note");
    assert!(d.message.ends_with("it isolates nothing yet. podSelector app: wbe — did you mean app: web (2 pods)?"), "{}", d.message);
    // the Service selector's own rule: another application's value is no typo
    let other = typo.replace("app: wbe", "app: payments");
    let r = analyze(&scene(&other), &from_frontend());
    let d = r.diagnostics.iter().find(|d| d.code == "NetworkPolicySelectsNothing").expect("a note");
    assert!(d.message.ends_with("it isolates nothing yet"), "{}", d.message);

    // a from.podSelector typo, with a namespaceSelector picking frontend (pod app=client)
    let text = scene(&policy(
        "web-in",
        "  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: frontend\n      podSelector:\n        matchLabels:\n          app: cleint\n",
    ));
    let r = analyze(&text, &from_frontend());
    let d = r.diagnostics.iter().find(|d| d.code == "NetworkPolicyPeerSelectsNothing").expect("a peer note");
    assert_eq!(d.message, "NetworkPolicy web-in's ingress rule 1 (spec.ingress[0]): podSelector app=cleint matches no pod in namespace frontend: app: cleint — did you mean app: client (1 pod)?");
    // (at the selector's value: its matchLabels line, as validation errors point)
    let at = text.lines().position(|l| l.starts_with("      podSelector:")).map(|i| i as u32 + 2);
    assert_eq!((Some(d.line), d.object.as_deref()), (at, Some("NetworkPolicy/shop/web-in")));
    // one under another key: the Debug Services page's run=hostnames vs app=hostnames
    let text = scene(&policy("web-in", "  ingress:\n  - from:\n    - namespaceSelector: {}\n      podSelector:\n        matchLabels:\n          run: client\n"));
    let r = analyze(&text, &from_frontend());
    let d = r.diagnostics.iter().find(|d| d.code == "NetworkPolicyPeerSelectsNothing").expect("a peer note");
    assert!(d.message.ends_with("podSelector run=client matches no pod in namespaces frontend, shop: run: client — did you mean app: client (1 pod)?"), "{}", d.message);
    // a peer selecting pods the input does not show, with nothing near: no note
    let text = scene(&policy("web-in", "  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          app: prometheus\n"));
    let r = analyze(&text, &from_frontend());
    assert!(r.diagnostics.iter().all(|d| d.code != "NetworkPolicyPeerSelectsNothing"));
}

fn dual() -> Config {
    Config { dual_stack: true, secondary_cidr: super::config::Cidr::parse("fd00:10:96::/112"), ..Config::default() }
}

/// The DNS box's texts after its "→ …" line: the addresses it lists.
fn dns_box(r: &Report, width: f64) -> (Vec<String>, super::layout::Rect) {
    let l = super::layout::layout(r, Some(0), width);
    let item = l.items.iter().find(|i| i.kind == "dns").expect("a DNS box");
    let at = item.texts.iter().position(|t| t.text.starts_with("→ ")).expect("the answer's kind");
    for t in &item.texts {
        assert!(t.y < item.rect.y + item.rect.h, "{:?} below the box {:?}", t.text, item.rect);
    }
    (item.texts[at..].iter().map(|t| t.text.clone()).collect(), item.rect)
}

/// learner12 shots/dual-1280-light.png (learner11 s6): "→ A ×2 + AAAA ×2" over one address.
/// A headless Service answers every ready endpoint's address, A for IPv4 and AAAA for IPv6
/// (kubernetes/dns docs/specification.md 2.4.1); a dual-stack ClusterIP Service one record per
/// clusterIP of the asked family (2.3.1; CoreDNS plugin/kubernetes kubernetes.go findServices).
/// The box lists them all, A first; at 360 px in narrower lines; many in three lines, the last
/// "+N more".
#[test]
fn dns_box_lists_every_address_dns_specification_2_3_1_and_2_4_1() {
    let headless = "apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  clusterIP: None\n  ipFamilyPolicy: PreferDualStack\n  selector:\n    app: db\n  ports:\n  - name: pg\n    port: 5432\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  replicas: 2\n  selector:\n    matchLabels:\n      app: db\n  template:\n    metadata:\n      labels:\n        app: db\n    spec:\n      containers:\n      - name: db\n        image: postgres:16\n        ports:\n        - name: pg\n          containerPort: 5432\n";
    let r = analyze(headless, &dual());
    let addrs: Vec<String> = r.services[0].dns_records.iter().filter(|d| d.name == "db.default.svc.cluster.local").map(|d| d.answer.clone()).collect();
    assert_eq!(addrs.len(), 4, "{addrs:?}");
    let (texts, rect) = dns_box(&r, 1280.0);
    assert_eq!(texts[0], "→ A ×2 + AAAA ×2");
    let listed = texts[1..].join(", ");
    for a in &addrs {
        assert!(listed.contains(a.as_str()), "{a} not in {texts:?}");
    }
    assert!(listed.find(&addrs.iter().find(|a| !a.contains(':')).unwrap()[..]) < listed.find(&addrs.iter().find(|a| a.contains(':')).unwrap()[..]), "A first: {texts:?}");
    assert!(rect.h > 78.0, "{rect:?}");
    // a phone: the same addresses, in narrower lines
    let (texts, _) = dns_box(&r, 360.0);
    let listed = texts[1..].join(", ");
    assert!(addrs.iter().all(|a| listed.contains(a.as_str())), "{texts:?}");

    // a dual-stack ClusterIP Service: its two clusterIPs
    let svc = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ipFamilyPolicy: RequireDualStack\n  selector:\n    app: web\n  ports:\n  - port: 80\n";
    let r = analyze(svc, &dual());
    let (texts, _) = dns_box(&r, 1280.0);
    assert_eq!(texts[0], "→ A + AAAA");
    assert_eq!(texts[1..].join(", "), r.services[0].cluster_ips.join(", "), "{texts:?}");

    // one address: one line, the box as before
    let r = analyze("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n", &Config::default());
    let (texts, rect) = dns_box(&r, 1280.0);
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert_eq!(rect.h, 78.0);

    // ten endpoints: three lines, the last "+N more"
    let r = analyze(&headless.replace("replicas: 2", "replicas: 10"), &dual());
    let (texts, _) = dns_box(&r, 1280.0);
    assert_eq!(texts.len(), 4, "{texts:?}");
    let shown: usize = texts[1..3].iter().map(|t| t.matches(", ").count() + 1).sum();
    assert_eq!(texts[3], format!("+{} more", 20 - shown));
}

/// learner12 / learner11 q/27: the load balancer's details left out healthCheckNodePort and
/// each node's answer. With externalTrafficPolicy Local the API server allocates the port when
/// the spec gives none (pkg/registry/core/service/storage/alloc.go allocHealthCheckNodePort),
/// and kube-proxy answers /healthz there 200 with ready local endpoints, 503 without
/// (pkg/proxy/healthcheck/service_health.go hcHandler.ServeHTTP). The page's details panel and
/// the load balancer box's title say `health_check_text`; the CLI's node lines are the same.
#[test]
fn health_check_text_alloc_go_alloc_health_check_node_port_and_service_health_serve_http() {
    let lb = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: LoadBalancer\n  externalTrafficPolicy: Local\n  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: 8080\nstatus:\n  loadBalancer:\n    ingress:\n    - ip: 203.0.113.10\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: app\n        image: nginx\n        ports:\n        - containerPort: 8080\n";
    let r = analyze(lb, &Config::default());
    let s = &r.services[0];
    let h = s.health_check_node_port.expect("allocated");
    assert!(!s.health_check_node_port_given);
    let t = s.health_check_text().expect("a text");
    assert!(t.starts_with(&format!("healthCheckNodePort {h} (allocated by the API server; externalTrafficPolicy Local): the load balancer asks each node for /healthz there and sends only to nodes answering 200")), "{t}");
    let lines: Vec<String> = s.health_check.iter().map(|a| a.line()).collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines.iter().any(|l| l.ends_with(": 503 (0 local endpoints)")), "{lines:?}");
    assert!(lines.iter().any(|l| l.ends_with(": 200 (1 local endpoint)")), "{lines:?}");
    assert!(t.ends_with(&lines.join("; ")), "{t}");
    // the CLI's lines are the same words
    let text = r.to_text();
    for l in &lines {
        assert!(text.contains(&format!("    node {l}\n")), "{text}");
    }
    assert!(!serde_json::to_string(&r).unwrap().contains("healthCheckNodePortGiven"));
    // given in the spec
    let r = analyze(&lb.replace("  externalTrafficPolicy: Local\n", "  externalTrafficPolicy: Local\n  healthCheckNodePort: 32669\n"), &Config::default());
    let s = &r.services[0];
    assert!(s.health_check_node_port_given);
    assert!(s.health_check_text().unwrap().starts_with("healthCheckNodePort 32669 (given in spec.healthCheckNodePort; "));
    assert!(serde_json::to_string(&r).unwrap().contains("\"healthCheckNodePortGiven\":true"));
    // Cluster: none
    let r = analyze(&lb.replace("  externalTrafficPolicy: Local\n", ""), &Config::default());
    assert_eq!(r.services[0].health_check_text(), None);
}

/// learner12 q/e-netpol-ns, From left on the stand-in client: the problems list warned that
/// allow-frontend-ns "allows no ingress from the in-cluster client (… run=client in namespace
/// default)" and never said the learner's own frontend/client is admitted. The warning now
/// names the client it judged and, after it, the learner's own pod that a rule admits (its
/// namespaceSelector: NetworkPolicyPeer, k8s.io/api networking/v1 types.go).
#[test]
fn denies_warning_names_your_own_admitted_pod_networking_v1_namespace_selector() {
    let text = scene(&policy("allow-frontend-ns", "  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: frontend\n"));
    let r = analyze(&text, &Config::default());
    let w = r.diagnostics.iter().find(|d| d.code == "NetworkPolicyDenies").expect("a warning");
    assert!(w.message.contains("allows no ingress from the in-cluster client (a pod labelled run=client in namespace default) on 8080/TCP"), "{}", w.message);
    assert!(
        w.message.ends_with(". But your pod frontend/client is admitted (allowed by NetworkPolicy allow-frontend-ns, ingress rule 1 (spec.ingress[0]): from namespaceSelector kubernetes.io/metadata.name=frontend on every port (the connection is on 8080/TCP)): send from it with From \"Your pod frontend/client\" (CLI: --client-namespace frontend)"),
        "{}",
        w.message
    );
    // sent from it: no warning
    let r = analyze(&text, &from_frontend());
    assert!(r.diagnostics.iter().all(|d| d.code != "NetworkPolicyDenies"));
    // a policy that admits neither: the warning alone
    let text = scene(&policy("allow-admin", "  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          app: admin\n"));
    let r = analyze(&text, &Config::default());
    let w = r.diagnostics.iter().find(|d| d.code == "NetworkPolicyDenies").expect("a warning");
    assert!(w.message.ends_with("drops the connection"), "{}", w.message);
}

//! uifix11: the picture and menu defects learner11 found (/work/learner11/report.md, "Picture
//! defects" and MISSING 1 / UNCLEAR q/04, q/48; its inputs in tests/fixtures/uifix11).

use super::analyze;
use super::config::Config;
use super::layout::{layout, Layout};
use super::paths::{Entry, Outcome};
use super::report::Report;

fn fixture(file: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/uifix11").join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn service(r: &Report, ns: &str, name: &str) -> usize {
    r.services.iter().position(|s| s.namespace == ns && s.name == name).unwrap_or_else(|| panic!("no Service {ns}/{name}"))
}

fn texts(l: &Layout, kind: &str, name: &str) -> Vec<String> {
    l.find(kind, name).unwrap_or_else(|| panic!("no {kind} {name}")).texts.iter().map(|t| t.text.clone()).collect()
}

/// learner11 s1-dump-orders (q/48, a `kubectl get all -A` List): with shop/orders selected, a
/// node that folds its pods folds other Services' pods, not orders' own (its near misses: the
/// targetPort names a port its pods do not have), at every width.
#[test]
fn a_folding_node_keeps_the_selected_services_pods_drawn() {
    let r = analyze(&fixture("48-get-all-dump-one-broken.yaml"), &Config::default());
    let orders = service(&r, "shop", "orders");
    let own: Vec<&str> = r.pods.iter().filter(|p| p.namespace == "shop" && p.name.starts_with("orders-")).map(|p| p.name.as_str()).collect();
    assert_eq!(own.len(), 3, "{own:?}");
    for width in [1600.0, 1280.0, 1000.0, 780.0, 540.0, 360.0, 330.0] {
        let l = layout(&r, Some(orders), width);
        for p in &own {
            assert!(l.find("pod", p).is_some(), "{p} is not drawn at {width} px; folded: {:?}", l.folded);
        }
        // a fold happens at these widths: the pods folded are others'
        assert!(l.folded.iter().all(|(p, _)| !own.contains(&p.as_str())), "{width}: {:?}", l.folded);
    }
    // and the selected Service's pods win over another Service's where one node folds (at
    // 1280 px until uifix17, where a single row of nodes now draws six rows of pods; at 540 px
    // still)
    let l = layout(&r, Some(orders), 540.0);
    assert!(!l.folded.is_empty(), "q/48 at 540 px folds some pods (the case learner11 saw)");
}

/// learner11 q/04: an Ingress whose backend Service (web-svc) does not exist keeps its entry on
/// the Service of its namespace it most likely means (web), ending in the controller's 503
/// (ingress-nginx internal/ingress/controller/controller.go createUpstreams: "Error obtaining
/// Service %q", an upstream without endpoints), so the 503 can be stepped as in q/05 and q/08.
#[test]
fn an_ingress_to_a_missing_service_keeps_its_entry_ending_in_503() {
    let r = analyze(&fixture("04-ingress-missing-service.yaml"), &Config::default());
    let web = &r.services[service(&r, "default", "web")];
    let p = web.paths.iter().find(|p| p.entry == Entry::Ingress).unwrap_or_else(|| panic!("no Ingress entry: {:?}", web.paths.iter().map(|p| &p.entry).collect::<Vec<_>>()));
    assert_eq!(p.ingress.as_deref(), Some("web"));
    assert_eq!(p.outcome, Outcome::Rejected);
    assert!(p.reason.contains("ingress-nginx answers 503: Service \"web-svc\" does not exist in namespace default"), "{}", p.reason);
    assert_eq!(p.hops.len(), 2, "{:?}", p.hops);
    assert_eq!(p.hops[0].to, "external:ingress/web");
    // (the warning is as it was)
    assert!(r.diagnostics.iter().any(|d| d.message.contains("Service \"web-svc\" does not exist in namespace default")));
}

/// With two Services in the namespace and neither name near the missing one, no entry is made
/// up (which one the learner meant is unknown).
#[test]
fn an_ingress_to_a_missing_service_without_a_likely_one_adds_no_entry() {
    let y = fixture("04-ingress-missing-service.yaml").replace("name: web-svc", "name: api-backend")
        + "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: other\nspec:\n  selector:\n    app: other\n  ports:\n  - port: 80\n";
    let r = analyze(&y, &Config::default());
    assert!(r.services.iter().all(|s| s.paths.iter().all(|p| p.entry != Entry::Ingress)));
}

/// learner11 s3-lb-local: a LoadBalancer with externalTrafficPolicy: Local. The load balancer
/// sends only to the nodes whose health check answers 200 — those with a ready local endpoint
/// (pkg/proxy/healthcheck/service_health.go hcHandler.ServeHTTP: `count != 0`, else 503) — not
/// "→ nodePort on every node"; each node's kube-proxy line says what its health check answers;
/// "cloud load balancer" gives way to a shorter name, not "cloud load balanc…", at 360 px.
#[test]
fn etp_local_load_balancer_says_which_nodes_pass_its_health_check() {
    let r = analyze(&fixture("27-etp-local-lb-health.yaml"), &Config { cloud: true, ..Config::default() });
    let web = service(&r, "default", "web");
    let with_pod: Vec<String> = r.services[web].endpoints.iter().filter(|e| e.ready).filter_map(|e| e.node.clone()).collect();
    assert_eq!(with_pod.len(), 2, "{with_pod:?}");
    for width in [1280.0, 360.0] {
        let l = layout(&r, Some(web), width);
        let lb = texts(&l, "load-balancer", "web");
        assert!(lb.iter().all(|t| !t.contains("every node") && !t.ends_with('…')), "{width}: {lb:?}");
        assert!(lb.iter().any(|t| t == "→ nodes with a ready endpoint" || t == "→ healthy nodes"), "{width}: {lb:?}");
        for n in &r.nodes {
            let item = l.find("kube-proxy", &n.name).expect("kube-proxy box");
            let t = &item.texts[0];
            if with_pod.contains(&n.name) {
                assert!(t.text.ends_with("200") && t.class.is_empty(), "{width} {}: {:?}", n.name, t.text);
            } else {
                assert!(t.text.ends_with("503") && t.class == "t-miss", "{width} {}: {:?}", n.name, t.text);
            }
        }
    }
    // externalTrafficPolicy: Cluster is as it was
    let r = analyze(&fixture("27-etp-local-lb-health.yaml").replace("externalTrafficPolicy: Local", "externalTrafficPolicy: Cluster"), &Config { cloud: true, ..Config::default() });
    let l = layout(&r, Some(service(&r, "default", "web")), 1280.0);
    assert!(texts(&l, "load-balancer", "web").contains(&"→ nodePort on every node".to_string()));
    assert!(r.nodes.iter().all(|n| texts(&l, "kube-proxy", &n.name)[0].starts_with("kube-proxy · iptables") && !texts(&l, "kube-proxy", &n.name)[0].contains("health")));
}

/// learner11 s6-dual-headless: in a dual-stack cluster each pod (and the client) has two
/// addresses (status.podIPs); the pod boxes show both, not only the IPv4 one.
#[test]
fn dual_stack_pods_show_both_addresses() {
    let cfg = super::config::Families::Ipv4Ipv6.apply(Config::default());
    let r = analyze(&fixture("35-dual-headless-aaaa.yaml"), &cfg);
    assert!(r.pods.iter().all(|p| p.ip_other.is_some()), "the fixture is dual-stack");
    let l = layout(&r, r.services.iter().position(|s| s.headless), 1280.0);
    for p in r.pods.iter() {
        let t = texts(&l, "pod", &p.name);
        assert!(t.contains(p.ip.as_ref().unwrap()) && t.contains(p.ip_other.as_ref().unwrap()), "{}: {t:?}", p.name);
    }
    let c = &r.cluster.client_pod;
    let t: Vec<String> = l.items.iter().find(|i| i.kind == "pod" && i.index.is_none()).expect("the client").texts.iter().map(|t| t.text.clone()).collect();
    assert!(t.contains(c.ip.as_ref().unwrap()) && t.contains(c.ip_other.as_ref().expect("the client's IPv6")), "{t:?}");
}

fn pod_path(r: &Report, ns: &str, name: &str) -> super::paths::Path {
    r.services[service(r, ns, name)].paths.iter().find(|p| p.entry == Entry::Pod).expect("a pod path").clone()
}

/// learner11 MISSING 1 (q/10, q/14): the learner's own pod `client` in namespace frontend can be
/// the sender (Config::client_namespace, the From menu's "Your pod frontend/client"): the path
/// starts from its node and address, the NetworkPolicy verdict uses its labels and its
/// namespace's (a namespaceSelector for frontend admits it in q/10; q/14's namespaceSelector AND
/// podSelector role=gateway does not), and its DNS search path is frontend's (kubelet
/// pkg/kubelet/network/dns/dns.go generateSearchesForDNSClusterFirst). Without the choice, the
/// default client (namespace default) is as it was.
#[test]
fn a_client_pod_of_another_namespace_can_be_the_sender() {
    let y = fixture("10-netpol-namespace-selector.yaml");
    let r = analyze(&y, &Config::default());
    assert_eq!(super::paths::client_namespaces(&r.pods), vec!["frontend".to_string()]);
    assert_eq!(r.cluster.client_pod.namespace, "default");
    let p = pod_path(&r, "shop", "web");
    assert_eq!(p.outcome, Outcome::Dropped, "{}", p.reason);
    assert!(p.reason.contains("from namespace default"), "{}", p.reason);

    let r = analyze(&y, &Config { client_namespace: Some("frontend".into()), ..Config::default() });
    let c = &r.cluster.client_pod;
    assert_eq!((c.namespace.as_str(), c.name.as_str(), c.node.as_deref()), ("frontend", "client", Some("node-2")));
    assert!(c.line > 0, "the user's own pod");
    let p = pod_path(&r, "shop", "web");
    assert!(matches!(p.outcome, Outcome::Delivered), "{:?}: {}", p.outcome, p.reason);
    assert_eq!(p.node.as_deref(), Some("node-2"));
    assert!(p.hops[0].explanation.contains("The client (namespace frontend) asks for \"web.shop\": a bare \"web\" would expand to web.frontend.svc.cluster.local"), "{}", p.hops[0].explanation);
    assert!(p.hops[0].src.starts_with(c.ip.as_deref().unwrap()), "{}", p.hops[0].src);

    let r = analyze(&fixture("14-netpol-and-vs-or.yaml"), &Config { client_namespace: Some("frontend".into()), ..Config::default() });
    let p = pod_path(&r, "shop", "web");
    assert_eq!(p.outcome, Outcome::Dropped, "{}", p.reason);
    assert!(p.reason.contains("from namespace frontend"), "{}", p.reason);

    // a namespace without a pod named client: the default client, as before
    let r = analyze(&y, &Config { client_namespace: Some("shop".into()), ..Config::default() });
    assert_eq!(r.cluster.client_pod.namespace, "default");
}

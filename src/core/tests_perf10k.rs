//! perf10k: the per-Service work of a whole-cluster dump (issue #12, 10,000 pods): what is found
//! once per analysis gives the same answers as when it was looked up per Service.

use super::analyze;
use super::config::Config;
use super::paths::Entry;

fn fixture(file: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/uifix11").join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The client's namespace (paths::client_namespace_on, the DNS search path of kubelet
/// pkg/kubelet/network/dns/dns.go generateSearchesForDNSClusterFirst) is looked up once per
/// analysis, on the client's node: the user's pod frontend/client on node-2 when the client runs
/// there, the stand-in's (default) when Config::client_node puts the client on another node.
#[test]
fn the_client_namespace_found_once_follows_the_client_node() {
    let y = fixture("10-netpol-namespace-selector.yaml");
    let first_hop = |cfg: &Config| {
        let r = analyze(&y, cfg);
        let s = r.services.iter().find(|s| s.namespace == "shop" && s.name == "web").expect("shop/web");
        s.paths.iter().find(|p| p.entry == Entry::Pod).expect("a pod path").hops[0].explanation.clone()
    };
    let on_its_node = first_hop(&Config { client_namespace: Some("frontend".into()), ..Config::default() });
    assert!(on_its_node.contains("The client (namespace frontend) asks for \"web.shop\""), "{on_its_node}");
    let elsewhere = first_hop(&Config { client_namespace: Some("frontend".into()), client_node: Some("node-1".into()), ..Config::default() });
    assert!(elsewhere.contains("The client (namespace default) asks for \"web.shop\""), "{elsewhere}");
    let default = first_hop(&Config::default());
    assert!(default.contains("The client (namespace default)"), "{default}");
}

/// resolve::typo_of with its two tests in either order (diffsweep3 S1): the same letters in
/// another case or with spaces around them, or at most two edits and one in three characters.
#[test]
fn typo_of_answers_as_before_with_the_distance_first() {
    use super::resolve::typo_of;
    assert!(typo_of(" Web ", "web", 2));
    assert!(typo_of("WEB", "web", 3), "case only, three edits");
    assert!(typo_of("wbe", "web", 1));
    assert!(!typo_of("adservice", "cartservice", 3));
    assert!(!typo_of("argocd-repo-server", "argocd-server", 5));
    assert!(!typo_of("ab", "xy", 2), "two edits in two characters");
    assert!(typo_of("app-12", "app-13", 1));
}

/// The trees a whole-cluster analysis keeps (Trees::Analysed, trim_tree) hold no room for what
/// was cut from them (status, managedFields, annotations nothing reads), and labels read into
/// the model no room past their count: the CLI's peak memory on a 10,000-pod dump (issue #12,
/// < 10x the input).
#[test]
fn trimmed_trees_and_labels_keep_no_spare_room() {
    use super::yaml::NodeKind;
    let y = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {a: '1', b: '2', c: '3'}\n  managedFields: []\n  annotations:\n    x/y: z\n    seccomp.security.alpha.kubernetes.io/pod: runtime/default\nspec:\n  containers: [{name: c, image: i}]\nstatus:\n  phase: Running\n";
    let mut root = super::yaml::parse_stream(y).0.into_iter().next().and_then(|d| d.root).expect("a document");
    super::trim_tree(&mut root);
    let NodeKind::Map(entries) = &root.kind else { panic!("a map") };
    assert_eq!((entries.len(), entries.capacity()), (4, 4), "status cut, its room given back");
    let meta = root.get("metadata").expect("metadata");
    let NodeKind::Map(m) = &meta.kind else { panic!("a map") };
    assert_eq!((m.len(), m.capacity()), (3, 3), "managedFields cut");
    let NodeKind::Map(a) = &meta.get("annotations").expect("annotations").kind else { panic!("a map") };
    assert_eq!((a.len(), a.capacity()), (1, 1), "one annotation read later");
    let mut diags = Vec::new();
    let objects = super::read_objects(y, &mut diags);
    let labels = &objects[0].meta.labels;
    assert_eq!((labels.len(), labels.capacity()), (3, 3));
}

/// A Service's endpoints, DNS records and near misses grow one by one in resolve::resolve and
/// live in the report to the end: they keep no room past their count (10,000 pods behind 1,000
/// Services: the CLI's peak memory on the dump, issue #12, < 10x the input).
#[test]
fn resolved_lists_kept_in_the_report_hold_no_spare_room() {
    let mut y = String::from("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: 8080\n");
    for i in 0..5 {
        y.push_str(&format!("---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web-{i}\n  labels:\n    app: web\nspec:\n  containers:\n  - name: c\n    image: nginx\n    ports:\n    - containerPort: 8080\n"));
    }
    y.push_str("---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: wbe\n  labels:\n    app: wbe\nspec:\n  containers:\n  - name: c\n    image: nginx\n");
    let r = analyze(&y, &Config::default());
    let s = r.services.iter().find(|s| s.name == "web").expect("web");
    assert_eq!(s.endpoints.len(), 5);
    assert_eq!(s.endpoints.capacity(), s.endpoints.len(), "endpoints");
    assert!(!s.dns_records.is_empty());
    assert_eq!(s.dns_records.capacity(), s.dns_records.len(), "DNS records");
    assert_eq!(s.near_misses.capacity(), s.near_misses.len(), "near misses");
}

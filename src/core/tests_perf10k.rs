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

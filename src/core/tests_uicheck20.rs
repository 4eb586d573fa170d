//! uicheck20: the merged page as a user sees it. qafix6 drew a host-network client's DNS hop to
//! its node's resolver (`--client-pod`), but the page's From menu (paths::client_candidates)
//! left host-network pods out, so the page could not show that scene.

use super::analyze;
use super::config::Config;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap()
}

/// qa6 11 (docker/for-mac#2646): the hostNetwork DaemonSet's pods are offered in From, and the
/// one chosen there gets the node-resolver path (pkg/kubelet/network/dns/dns.go getPodDNSType:
/// ClusterFirst on a host-network pod falls back to DNSDefault). The Service's own endpoint
/// (etcd-0) is still not offered.
#[test]
fn from_menu_offers_host_network_pods_whose_dns_goes_to_the_node_get_pod_dns_type() {
    let text = fixture("qa6-11-hostnetwork-daemonset-cluster-dns.yaml");
    let r = analyze(&text, &Config::default());
    let s = r.services.iter().find(|s| s.name == "etcd").unwrap();
    let offered = super::paths::client_candidates(&r.pods, s);
    let daemon: Vec<&(String, String)> = offered.iter().filter(|(ns, n)| ns == "default" && n.starts_with("dns-test-")).collect();
    assert_eq!(daemon.len(), 3, "one per node: {offered:?}");
    assert!(!offered.iter().any(|(_, n)| n == "etcd-0"), "{offered:?}");
    // the first one offered, chosen as the client: its DNS hop ends at its node
    let cfg = Config { client_pod: Some(daemon[0].1.clone()), ..Config::default() };
    let r = analyze(&text, &cfg);
    let s = r.services.iter().find(|s| s.name == "etcd").unwrap();
    let p = s.paths.iter().find(|p| p.entry == super::paths::Entry::Pod).unwrap();
    assert_eq!(p.outcome, super::paths::Outcome::Nxdomain);
    // (fidfix24: the node's resolver, `resolver:<node>`, no longer `node:<node>`)
    assert!(p.hops[0].to.starts_with("resolver:"), "{:?}", p.hops[0].to);
}

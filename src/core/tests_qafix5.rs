//! qafix5: what helper qa5's real-question sweep (25 GitHub threads) found the report gets
//! WRONG, MISSES or BURIES. Each test reads the thread's own YAML (tests/fixtures/qa5-*).

use super::analyze;
use super::config::Config;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap()
}

fn messages(r: &super::Report, code: &str) -> Vec<String> {
    r.diagnostics.iter().filter(|d| d.code == code).map(|d| d.message.clone()).collect()
}

/// qa5 11 (kubernetes/kubernetes#118897): a headless selectorless Service, then the same with a
/// selector, on a single-stack cluster. Was: "the result is the later manifest", a headless
/// Service with a selector. pkg/registry/core/service/storage/alloc.go initIPFamilyFields: the
/// create defaults headless + selectorless to RequireDualStack with both families; the update
/// (no ipFamilyPolicy written: "it will adopt the policy from before") is no longer the
/// special case and "Demanding dual-stack on a non dual-stack cluster" refuses it.
#[test]
fn adding_a_selector_to_a_headless_selectorless_service_is_refused_single_stack_init_ip_family_fields() {
    let text = fixture("qa5-11-headless-selectorless-then-selector.yaml");
    let r = analyze(&text, &Config::default());
    let errs: Vec<&super::diag::Diagnostic> = r.diagnostics.iter().filter(|d| d.severity == super::diag::Severity::Error).collect();
    assert!(
        errs.iter().any(|d| d.message == "spec.ipFamilyPolicy: Invalid value: \"RequireDualStack\": this cluster is not configured for dual-stack services" && d.line == 27),
        "{errs:#?}"
    );
    assert!(errs.iter().any(|d| d.message == "spec.ipFamilies[1]: Invalid value: \"IPv6\": not configured on this cluster"), "{errs:#?}");
    let refused = messages(&r, "UpdateRefused");
    assert_eq!(refused.len(), 1, "{:#?}", r.diagnostics);
    assert!(refused[0].contains("RequireDualStack") && refused[0].contains("Write ipFamilyPolicy: SingleStack"), "{}", refused[0]);
    assert!(messages(&r, "DefinedAgain").is_empty(), "{:#?}", r.diagnostics);
    // the live Service stays selectorless
    let s = r.services.iter().find(|s| s.name == "test-headless").unwrap();
    assert!(s.selector.as_ref().is_none_or(|l| l.is_empty()), "{:?}", s.selector);
    // the way out: SingleStack written in the later manifest (initIPFamilyFields' update prep
    // trims the unchanged families to the first)
    let fixed = text.replacen("  selector:\n    app: test\n", "  selector:\n    app: test\n  ipFamilyPolicy: SingleStack\n", 1);
    let r = analyze(&fixed, &Config::default());
    assert!(messages(&r, "UpdateRefused").is_empty(), "{:#?}", r.diagnostics);
    assert!(!r.services.iter().find(|s| s.name == "test-headless").unwrap().selector.as_ref().unwrap().is_empty());
    // a dual-stack cluster has both families: accepted
    let dual = Config::default().with_service_cidrs("10.96.0.0/12,fd00:10:96::/112").unwrap();
    let r = analyze(&text, &dual);
    assert!(messages(&r, "UpdateRefused").is_empty(), "{:#?}", r.diagnostics);
    assert_eq!(messages(&r, "DefinedAgain").len(), 1);
}

/// qa5 20 (kubernetes/kubernetes#105279, #39188): service01 with 31337/UDP, then service02 with
/// 31337/TCP and 31337/UDP, kubectl apply. Was: "the result is the later manifest" and both
/// ports drawn. k8s.io/api core/v1 types.go ServiceSpec.Ports is `patchStrategy:"merge"
/// patchMergeKey:"port"`: client-side apply merges the two entries into one.
#[test]
fn reapplied_service_ports_sharing_a_number_merge_by_port_patch_merge_key_port() {
    let text = fixture("qa5-20-apply-add-tcp-to-udp-same-port.yaml");
    let r = analyze(&text, &Config::default());
    let again = messages(&r, "DefinedAgain");
    assert_eq!(again.len(), 1);
    assert!(again[0].contains("the result is the later manifest except for spec.ports, which the warning at line 26 explains"), "{}", again[0]);
    let merged: Vec<&super::diag::Diagnostic> = r.diagnostics.iter().filter(|d| d.code == "PortsMergedByPort").collect();
    assert_eq!(merged.len(), 1, "{:#?}", r.diagnostics);
    assert_eq!((merged[0].line, merged[0].field.as_deref()), (26, Some("spec.ports")));
    assert!(merged[0].message.contains("by `port` alone") && merged[0].message.contains("it keeps one port 31337"), "{}", merged[0].message);
    assert!(merged[0].hint.as_deref().unwrap().contains("--server-side"));
    // the same two ports in both manifests: nothing for the patch to merge
    let both = text.replacen("    - name: udp-debug\n      protocol: UDP\n      port: 31337\n      nodePort: 31337\n---", "    - name: tcp-debug\n      protocol: TCP\n      port: 31337\n      nodePort: 31337\n    - name: udp-debug\n      protocol: UDP\n      port: 31337\n      nodePort: 31337\n---", 1);
    assert_ne!(both, text);
    let r = analyze(&both, &Config::default());
    assert!(messages(&r, "PortsMergedByPort").is_empty(), "{:#?}", r.diagnostics);
    assert!(messages(&r, "DefinedAgain")[0].contains("the result is the later manifest (were"));
}

/// qa5 15 (kubernetes/kubernetes#112759): a DaemonSet whose nodeSelector picks the control-plane
/// node, which has kubeadm's NoSchedule taint. Was: nothing about the DaemonSet (0 pods, only
/// "selector matches 0 pods" on the Service). pkg/controller/daemon/daemon_controller.go
/// NodeShouldRunDaemonPod: fitsNodeAffinity and fitsTaints per node.
#[test]
fn daemonset_on_no_node_names_nodes_and_taint_node_should_run_daemon_pod() {
    let text = fixture("qa5-15-daemonset-control-plane-taint.yaml");
    let r = analyze(&text, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "DaemonSetNodesSkipped").unwrap_or_else(|| panic!("{:#?}", r.diagnostics));
    assert_eq!(d.object.as_deref(), Some("DaemonSet/default/agent"));
    assert!(d.message.starts_with("DaemonSet agent runs on no node"), "{}", d.message);
    assert!(d.message.contains("node cp-1 with taint node-role.kubernetes.io/control-plane:NoSchedule, which the pod template does not tolerate"), "{}", d.message);
    assert!(d.message.contains("node worker-1 not matching node-role.kubernetes.io/control-plane="), "{}", d.message);
    assert!(d.hint.as_deref().unwrap().contains("{key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}"));
    // the toleration: the DaemonSet runs on cp-1, nothing said
    let tolerated = text.replacen(
        "      containers:\n",
        "      tolerations:\n      - key: node-role.kubernetes.io/control-plane\n        operator: Exists\n        effect: NoSchedule\n      containers:\n",
        1,
    );
    let r = analyze(&tolerated, &Config::default());
    assert!(messages(&r, "DaemonSetNodesSkipped").is_empty(), "{:#?}", r.diagnostics);
    assert!(r.pods.iter().any(|p| p.node.as_deref() == Some("cp-1")));
    // no nodeSelector: it runs on worker-1, and cp-1 is left out for the taint alone
    let everywhere = text.replacen("      nodeSelector:\n        node-role.kubernetes.io/control-plane: \"\"\n", "", 1);
    let r = analyze(&everywhere, &Config::default());
    let m = messages(&r, "DaemonSetNodesSkipped");
    assert_eq!(m.len(), 1, "{:#?}", r.diagnostics);
    assert!(m[0].starts_with("DaemonSet agent runs on 1 of 2 nodes: node cp-1 with taint"), "{}", m[0]);
    // the simulated nodes (no Node in the input) carry no control-plane label: named together
    let without_nodes: Vec<&str> = text.split("---\n").filter(|d| !d.contains("kind: Node\n")).collect();
    let r = analyze(&without_nodes.join("---\n"), &Config::default());
    let m = messages(&r, "DaemonSetNodesSkipped");
    assert!(m[0].contains("runs on no node (it creates no pod, so none is Pending): nodes node-1, node-2, node-3 not matching node-role.kubernetes.io/control-plane="), "{}", m[0]);
}

/// qa5 25 (kubernetes/kubernetes#109575) and 12 (#119656): loadBalancerSourceRanges filter
/// in-cluster clients of the load balancer's address too. Was: only the outside client judged.
/// pkg/proxy/iptables/proxier.go syncProxyRules: KUBE-SERVICES → KUBE-FW for `-d <LB IP>` from
/// any source, `-s <range>` passes, the rest is dropped by KUBE-PROXY-FIREWALL; the node passes
/// only when a range holds its IP (allowFromNode).
#[test]
fn source_ranges_filter_pods_and_nodes_too_sync_proxy_rules_kube_fw() {
    let text = fixture("qa5-25-lb-source-ranges-pod-client.yaml");
    let cloud = Config { cloud: true, ..Config::default() };
    let r = analyze(&text, &cloud);
    let m = messages(&r, "SourceRangesInCluster");
    assert_eq!(m.len(), 1, "{:#?}", r.diagnostics);
    let s = r.services.iter().find(|s| s.name == "web").unwrap();
    let super::service::LoadBalancer::Ready { ingress, .. } = &s.load_balancer else { panic!("{:?}", s.load_balancer) };
    assert!(m[0].contains(&format!("every packet for the load balancer's address {} to its KUBE-FW chain", ingress[0])), "{}", m[0]);
    assert!(m[0].contains("so pods (their pod IPs, in 10.244.0.0/24, 10.244.1.0/24, 10.244.2.0/24, are the source) and nodes node-1 (192.168.49.2), node-2 (192.168.49.3), node-3 (192.168.49.4) and hostNetwork pods connecting to that address are dropped"), "{}", m[0]);
    // pending (no cloud): said for the address to come
    let r = analyze(&text, &Config::default());
    assert!(messages(&r, "SourceRangesInCluster")[0].contains("for the load balancer's address (once the cloud gives it one)"));
    // ranges holding the pod and node ranges: nothing to say
    let open = text.replacen("  - 203.0.113.0/24\n", "  - 203.0.113.0/24\n  - 10.244.0.0/16\n  - 192.168.49.0/24\n", 1);
    assert!(messages(&analyze(&open, &cloud), "SourceRangesInCluster").is_empty());
    // qa5 12: the asker's dual-stack nodes on 192.168.1.0/24, ranges 192.168.2.0/24 only
    let text = fixture("qa5-12-lb-source-ranges-from-node.yaml");
    let dual = Config { cloud: true, ..Config::default() }.with_service_cidrs("10.96.0.0/12,fd00:10:96::/112").unwrap();
    let r = analyze(&text, &dual);
    let m = messages(&r, "SourceRangesInCluster");
    assert_eq!(m.len(), 1, "{:#?}", r.diagnostics);
    assert!(m[0].contains("nodes vm-002 (192.168.1.2), vm-003 (192.168.1.3) and hostNetwork pods"), "{}", m[0]);
}

/// qa5 07 (kubernetes/kubernetes#80175): a headless selectorless Service with port "mongodb",
/// hand-made Endpoints whose port is unnamed: no `_mongodb._tcp` SRV. Was: the warning blamed
/// kube-proxy (which programs nothing for a headless Service: pkg/proxy/util ShouldSkipService)
/// and never named the missing SRV. coredns plugin/kubernetes/kubernetes.go findServices:
/// a headless Service's SRV answers come from the endpoint ports matched by *name*.
#[test]
fn headless_unnamed_endpoint_port_says_the_missing_srv_coredns_find_services() {
    let r = analyze(&fixture("qa5-07-headless-selectorless-srv-unnamed-endpoint-port.yaml"), &Config::default());
    let m = messages(&r, "EndpointPortUnpaired");
    assert_eq!(m.len(), 1, "{:#?}", r.diagnostics);
    assert!(m[0].contains("so there is no SRV _mongodb._tcp.mongodb.srvtest.svc.cluster.local (its A records stay); name them alike"), "{}", m[0]);
    assert!(m[0].contains("kube-proxy programs nothing for a headless Service"), "{}", m[0]);
    // the SRV is indeed absent, the A records there
    let s = r.services.iter().find(|s| s.name == "mongodb").unwrap();
    assert!(!s.dns_records.iter().any(|d| d.kind == "SRV"), "{:?}", s.dns_records);
    assert_eq!(s.dns_records.iter().filter(|d| d.kind == "A" && d.name == "mongodb.srvtest.svc.cluster.local").count(), 3, "{:?}", s.dns_records);
}

/// qa5 01 (kubernetes/kubernetes#103000): ClientIP affinity on a two-port Service is per Service
/// port in iptables mode (pkg/proxy/iptables/proxier.go writeServiceToEndpointRules: the
/// `-m recent` list is the port's KUBE-SEP chain). Was: only the page's connections panel knew.
#[test]
fn client_ip_affinity_is_said_per_service_port_write_service_to_endpoint_rules() {
    let r = analyze(&fixture("qa5-01-sessionaffinity-two-ports.yaml"), &Config::default());
    let s = r.services.iter().find(|s| s.name == "web").unwrap();
    let pod_paths: Vec<&super::paths::Path> = s.paths.iter().filter(|p| p.entry == super::paths::Entry::Pod).collect();
    assert_eq!(pod_paths.len(), 2);
    let last = pod_paths[0].hops.last().unwrap().explanation.clone();
    assert!(last.contains("sticks this client to the first pick for 10800 s on this Service port only: each port keeps its own affinity list"), "{last}");
    assert!(last.contains("so on 9090/TCP this client may stick to another pod"), "{last}");
}

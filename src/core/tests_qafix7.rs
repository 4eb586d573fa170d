//! qafix7: what helper qa7's real-question sweep (20 threads) found the report gets WRONG or
//! MISSES. Each test reads the thread's own YAML (tests/fixtures/qa7-*), trimmed, with the source
//! URL in its header comment.

use super::analyze;
use super::config::Config;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap()
}

/// The fixture's pod as the in-cluster client (`--client-pod NS/POD`).
fn as_client(text: &str, ns: &str, pod: &str) -> super::Report {
    analyze(text, &Config { client_namespace: Some(ns.into()), client_pod: Some(pod.into()), ..Config::default() })
}

/// qa7 11 (kubernetes/kubernetes#53495, the docs' HostAliases example): `foo.local` is in the
/// pod's /etc/hosts. Was: the lookup walked the search list and "goes to the upstream resolver".
/// kubernetes/kubernetes pkg/kubelet/kubelet_pods.go ensureHostsFile → managedHostsFileContent
/// appends hostsEntriesFromHostAliases; the stub resolver reads /etc/hosts before DNS
/// (nsswitch `hosts: files dns`), so no query is sent.
#[test]
fn host_alias_is_answered_from_etc_hosts_kubelet_pods_managed_hosts_file_content() {
    let r = as_client(&fixture("qa7-11-hostaliases-lookup.yaml"), "default", "hostaliases-pod");
    let l = super::dnsquery::lookup(&r, "default", "hostaliases-pod", "foo.local");
    assert_eq!(l.tries.len(), 1, "{l:#?}");
    assert_eq!((l.tries[0].rcode.as_str(), l.tries[0].answers[0].answer.as_str()), ("HOSTS", "127.0.0.1"), "{l:#?}");
    assert!(l.summary.contains("spec.hostAliases[0]") && l.summary.contains("before any DNS query"), "{}", l.summary);
    let l = super::dnsquery::lookup(&r, "default", "hostaliases-pod", "BAR.remote");
    assert_eq!(l.tries[0].answers[0].answer, "10.1.2.3", "{l:#?}");
    // the pod's own name and localhost are lines of the same file
    let own = super::dnsquery::lookup(&r, "default", "hostaliases-pod", "hostaliases-pod");
    assert_eq!(own.tries[0].rcode, "HOSTS", "{own:#?}");
    let lo = super::dnsquery::lookup(&r, "default", "hostaliases-pod", "localhost");
    assert_eq!(lo.tries[0].answers.iter().map(|a| a.answer.as_str()).collect::<Vec<_>>(), ["127.0.0.1", "::1"], "{lo:#?}");
    // another pod's lookup does not see these lines
    let other = super::dnsquery::lookup(&r, "default", "client", "foo.local");
    assert_ne!(other.tries[0].rcode, "HOSTS", "{other:#?}");
}

/// qa7 04 (kubernetes/kubernetes#122420, YAML of kubeedge/kubeedge#3812): a hostNetwork pod's
/// hostAliases are in its /etc/hosts too (kubelet_pods.go nodeHostsFileContent: the node's file
/// plus hostsEntriesFromHostAliases). Was: "goes to its node's resolver".
#[test]
fn host_network_pod_host_alias_is_answered_from_etc_hosts_kubelet_pods_node_hosts_file_content() {
    let r = as_client(&fixture("qa7-04-hostaliases-hostnetwork.yaml"), "default", "hostaliases-pod");
    let l = super::dnsquery::lookup(&r, "default", "hostaliases-pod", "bar.local");
    assert_eq!((l.tries[0].rcode.as_str(), l.tries[0].answers[0].answer.as_str()), ("HOSTS", "127.0.0.1"), "{l:#?}");
    // a name not in the file still goes to the node's resolver
    let l = super::dnsquery::lookup(&r, "default", "hostaliases-pod", "etcd");
    assert_eq!(l.tries[0].rcode, "FORWARDED", "{l:#?}");
    // the node's own /etc/hosts is not modelled: the pod's name is not claimed from it
    let own = super::dnsquery::lookup(&r, "default", "hostaliases-pod", "localhost");
    assert_ne!(own.tries[0].rcode, "HOSTS", "{own:#?}");
}

/// qa7 20 (nginx/nginx-gateway-fabric#606): an HTTPRoute without hostnames attached to a listener
/// with hostname cafe.example.com. Was: "The Gateway matches any host", for
/// http://<the Gateway's address>/. kubernetes-sigs/gateway-api apis/v1/gateway_types.go
/// Listener.Hostname ("When unspecified, all hostnames are matched": one given matches only it)
/// and apis/v1/httproute_types.go HTTPRouteSpec.Hostnames (route hostnames outside the listener's
/// are ignored): gateway::request_hosts.
#[test]
fn route_without_hostnames_takes_the_listener_hostname_gateway_types_listener_hostname() {
    let r = analyze(&fixture("qa7-20-httproute-no-hostnames-listener-hostname.yaml"), &Config::default());
    let s = r.services.iter().find(|s| s.name == "coffee").unwrap();
    let p = s.paths.iter().find(|p| p.entry == super::paths::Entry::HttpRoute).expect("the route's path");
    let first = &p.hops[0].explanation;
    assert!(!first.contains("any host"), "{first}");
    assert!(first.contains("http://cafe.example.com/coffee") || first.contains("http://cafe.example.com/"), "{first}");
    assert!(first.contains("host cafe.example.com only (the route names no hostnames, so it takes listener http's hostname cafe.example.com"), "{first}");
    // route hostnames beside the listener's: those outside it are ignored there
    let text = fixture("qa7-20-httproute-no-hostnames-listener-hostname.yaml").replace("  rules:\n  - matches:", "  hostnames: [cafe.example.com, tea.example.net]\n  rules:\n  - matches:");
    let r = analyze(&text, &Config::default());
    let s = r.services.iter().find(|s| s.name == "coffee").unwrap();
    let first = &s.paths.iter().find(|p| p.entry == super::paths::Entry::HttpRoute).unwrap().hops[0].explanation;
    assert!(first.contains("host cafe.example.com (the route's hostnames tea.example.net do not match listener http's hostname cafe.example.com, so they are ignored there)"), "{first}");
}

/// qa7 19 (kubernetes/website#7895; projectcalico/calico#1360): egress rules, no policyTypes, no
/// ingress rule. The report said "Ingress: isolated" and dropped the client's connection without
/// saying why. kubernetes/kubernetes pkg/apis/networking/v1/defaults.go SetDefaults_NetworkPolicy:
/// no policyTypes → [Ingress] (+ Egress with egress rules): netpol::ingress_by_default.
#[test]
fn egress_rules_without_policy_types_isolate_ingress_too_set_defaults_network_policy() {
    let r = analyze(&fixture("qa7-19-egress-rules-no-policytypes.yaml"), &Config::default());
    let info = r.diagnostics.iter().find(|d| d.code == "NetworkPolicySelects").expect("the policy's info");
    assert!(info.message.contains("Ingress: isolated, and this policy allows no connection to it (policyTypes is not written, so the API server sets it to [Ingress, Egress] because the policy has egress rules: it isolates ingress too; write policyTypes: [Egress] for an egress-only policy)"), "{}", info.message);
    let web = r.services.iter().find(|s| s.name == "web").unwrap();
    let p = web.paths.iter().find(|p| p.entry == super::paths::Entry::Pod).unwrap();
    assert!(p.reason.contains("allow-all has no ingress rule, so it admits nothing (policyTypes is not written"), "{}", p.reason);
    // policyTypes: [Egress] written: neither isolated nor said
    let r = analyze(&fixture("qa7-19-egress-rules-no-policytypes.yaml").replace("  egress:\n  - {}", "  policyTypes: [Egress]\n  egress:\n  - {}"), &Config::default());
    let web = r.services.iter().find(|s| s.name == "web").unwrap();
    assert_eq!(web.paths.iter().find(|p| p.entry == super::paths::Entry::Pod).unwrap().outcome, super::paths::Outcome::Delivered);
    assert!(r.diagnostics.iter().all(|d| !d.message.contains("policyTypes is not written")), "{:#?}", r.diagnostics);
}

/// qa7 06 (kubernetes/ingress-nginx#8438; #9510): host "*.omkar-app.com", a.b.omkar-app.com gets
/// 404. Was: the rule shown as host *.omkar-app.com, nothing about what it covers. k8s.io/api
/// networking/v1 types.go IngressRule.Host (the suffix after removing the first label) and the
/// Ingress concept's table ("wildcard only covers a single DNS label"): ingress::wildcard_words.
#[test]
fn wildcard_ingress_host_covers_one_label_ingress_rule_host() {
    let r = analyze(&fixture("qa7-06-ingress-wildcard-one-label.yaml"), &Config::default());
    let s = r.services.iter().find(|s| s.name == "omkar-app-srv").unwrap();
    let p = s.paths.iter().find(|p| p.entry == super::paths::Entry::Ingress).expect("the Ingress path");
    assert!(
        p.hops[0].explanation.contains("host *.omkar-app.com (a wildcard host stands for exactly one DNS label: a.omkar-app.com matches it, a.b.omkar-app.com and omkar-app.com do not)"),
        "{}",
        p.hops[0].explanation
    );
}

/// qa7 15 (stakater/application#464): a CronJob's job template carries the Service's selector
/// label. Was: only "CronJob is not modelled … read and ignored". The EndpointSlice controller
/// keeps a matching pod until it is terminal (k8s.io/endpointslice util.go ShouldPodBeInEndpoints,
/// pkg/api/v1/pod/util.go IsPodTerminal): operated::cronjob_notes.
#[test]
fn cronjob_template_labels_matching_a_service_selector_are_said_should_pod_be_in_endpoints() {
    let r = analyze(&fixture("qa7-15-cronjob-pods-in-service.yaml"), &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "CronJobPodsSelected").expect("the CronJob note");
    assert_eq!(d.object.as_deref(), Some("Service/default/app"));
    assert!(d.message.contains("Service app's selector app.kubernetes.io/name=app also matches the pods of CronJob app-report (its spec.jobTemplate.spec.template.metadata.labels)"), "{}", d.message);
    // a job template with its own label set: nothing said
    let r = analyze(&fixture("qa7-15-cronjob-pods-in-service.yaml").replace("metadata: {labels: {app.kubernetes.io/name: app}}\n        spec:\n          restartPolicy", "metadata: {labels: {app.kubernetes.io/name: app-report}}\n        spec:\n          restartPolicy"), &Config::default());
    assert!(r.diagnostics.iter().all(|d| d.code != "CronJobPodsSelected"), "{:#?}", r.diagnostics);
    // in another namespace: nothing said
    let r = analyze(&fixture("qa7-15-cronjob-pods-in-service.yaml").replace("metadata: {name: app-report}", "metadata: {name: app-report, namespace: jobs}"), &Config::default());
    assert!(r.diagnostics.iter().all(|d| d.code != "CronJobPodsSelected"), "{:#?}", r.diagnostics);
}

/// qa7 16 (kubernetes/kubernetes#64905): a DaemonSet behind a NodePort Service with
/// externalTrafficPolicy: Local; "will a pod's request to the ServiceIP go to its own node's
/// pod?" No: kube-proxy pkg/proxy/topology.go CategorizeEndpoints uses every endpoint for
/// internal traffic unless internalTrafficPolicy is Local: mod.rs daemonset_spread_notes.
#[test]
fn daemonset_behind_cluster_ip_names_internal_traffic_policy_categorize_endpoints() {
    let r = analyze(&fixture("qa7-16-daemonset-service-etp-local.yaml"), &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "DaemonSetBehindClusterIP").expect("the note");
    assert!(d.message.contains("Service proxy-cache sends to the pods of DaemonSet/proxy-cache, one per node: a pod's connection to its clusterIP goes to any of the 3 nodes' pods"), "{}", d.message);
    assert!(d.message.contains("externalTrafficPolicy: Local does not change that") && d.message.contains("set internalTrafficPolicy: Local"), "{}", d.message);
    // with internalTrafficPolicy: Local, nothing to say
    let r = analyze(&fixture("qa7-16-daemonset-service-etp-local.yaml").replace("  externalTrafficPolicy: Local\n", "  externalTrafficPolicy: Local\n  internalTrafficPolicy: Local\n"), &Config::default());
    assert!(r.diagnostics.iter().all(|d| d.code != "DaemonSetBehindClusterIP"), "{:#?}", r.diagnostics);
}

/// qa7 08 (kubernetes/website#1278; kubernetes/kubernetes#91279): two containers of one pod both
/// declare containerPort 8080 (hostPorts 8083, 8082: pkg/api/pod/warnings.go says nothing). They
/// share the pod's network namespace: podchecks::shared_port_note.
#[test]
fn two_containers_declaring_one_port_are_said_to_share_the_network_namespace() {
    let r = analyze(&fixture("qa7-08-two-containers-same-port.yaml"), &Config::default());
    assert!(r.diagnostics.iter().all(|d| d.code != "ServerWarning"), "{:#?}", r.diagnostics);
    let d = r.diagnostics.iter().find(|d| d.code == "ContainerPortShared").expect("the note");
    assert!(d.message.starts_with("spec.containers[1].ports[0]: containers database and app both declare containerPort 8080/TCP"), "{}", d.message);
    assert!(d.message.contains("hostPorts 8083 and 8082 both lead to the pod's one port 8080"), "{}", d.message);
    // a plain init container runs before the others: no conflict
    let text = fixture("qa7-08-two-containers-same-port.yaml").replace("  containers:\n  - name: database", "  initContainers:\n  - name: database").replace("  - name: app\n", "  containers:\n  - name: app\n");
    let r = analyze(&text, &Config::default());
    assert!(r.diagnostics.iter().all(|d| d.code != "ContainerPortShared"), "{:#?}", r.diagnostics);
}

/// qa7 13 (kubernetes/kubernetes#102646): "the SCTP port of the externalIP is not open in
/// netstat". kube-proxy writes rules, not sockets (pkg/proxy/iptables/proxier.go: the
/// externalIP's KUBE-SERVICES rule): the externalIP hop says so.
#[test]
fn external_ip_hop_says_no_socket_listens_proxier_external_ip_rule() {
    let r = analyze(&fixture("qa7-13-externalips-sctp.yaml"), &Config::default());
    let s = r.services.iter().find(|s| s.name == "amf-service").unwrap();
    let p = s.paths.iter().find(|p| p.entry == super::paths::Entry::ExternalIp).expect("the externalIP path");
    assert!(p.hops[0].explanation.contains("not a listening socket (netstat or ss there shows nothing on that port"), "{}", p.hops[0].explanation);
}

//! qafix6: what helper qa6's real-question sweep (25 GitHub threads) found the report gets
//! WRONG or MISSES. Each test reads the thread's own YAML (tests/fixtures/qa6-*).

use super::analyze;
use super::config::Config;
use super::paths::{Entry, Outcome};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap()
}

fn messages(r: &super::Report, code: &str) -> Vec<String> {
    r.diagnostics.iter().filter(|d| d.code == code).map(|d| d.message.clone()).collect()
}

fn pod_paths<'a>(r: &'a super::Report, svc: &str) -> Vec<&'a super::paths::Path> {
    r.services.iter().find(|s| s.name == svc).unwrap().paths.iter().filter(|p| p.entry == Entry::Pod).collect()
}

/// qa6 25 (cloudnativelabs/kube-router#905): an egress rule selecting the CoreDNS pods
/// (app.kubernetes.io/name=coredns in a namespace labelled app.kubernetes.io/name=kube-system),
/// the lookup sent to the kube-dns clusterIP. Was: "no rule admits its DNS query (… k8s-app=kube-dns
/// in namespace kube-system)", judged against a stand-in, and a rule advised that would not
/// match these pods. The query's destination, after kube-proxy's DNAT, is an endpoint pod of the
/// Service at the cluster DNS address (kubelet pkg/kubelet/network/dns/dns.go GetPodDNS
/// nameserver = --cluster-dns; k8s.io/api networking/v1 NetworkPolicyPeer selects pods):
/// netpol::dns_side reads the input's kube-dns Service and its endpoint pods.
#[test]
fn dns_egress_is_judged_against_the_inputs_dns_service_pods_netpol_dns_side_get_pod_dns() {
    let text = fixture("qa6-25-egress-to-coredns-via-clusterip.yaml");
    let r = analyze(&text, &Config::default());
    assert!(messages(&r, "NetworkPolicyEgressDenies").is_empty(), "{:#?}", r.diagnostics);
    for p in pod_paths(&r, "kube-dns") {
        assert_eq!(p.outcome, Outcome::Delivered, "{p:#?}");
    }
    assert!(r.cluster.dns_blocked.is_empty(), "{:?}", r.cluster.dns_blocked);
    let l = super::dnsquery::lookup(&r, "default", "client", "kube-dns.kube-system");
    assert!(l.tries.iter().all(|t| t.rcode != "TIMEOUT") && l.tries.iter().any(|t| !t.answers.is_empty()), "{l:#?}");
    // the same with the client named as --client-pod does
    let cfg = Config { client_namespace: Some("default".into()), client_pod: Some("client".into()), ..Config::default() };
    let r = analyze(&text, &cfg);
    assert!(messages(&r, "NetworkPolicyEgressDenies").is_empty(), "{:#?}", r.diagnostics);
    // a rule that misses these pods (kubeadm's k8s-app=kube-dns) drops the query, and the
    // warning names and advises the labels the input's DNS Service selects
    let wrong = text.replacen("      podSelector:\n        matchLabels:\n          app.kubernetes.io/name: coredns", "      podSelector:\n        matchLabels:\n          k8s-app: kube-dns", 1);
    assert_ne!(wrong, text);
    let r = analyze(&wrong, &Config::default());
    let w: Vec<&String> = r.diagnostics.iter().filter(|d| d.code == "NetworkPolicyEgressDenies" && d.object.as_deref() == Some("NetworkPolicy/default/allow-dns")).map(|d| &d.message).collect();
    assert_eq!(w.len(), 1, "{:#?}", r.diagnostics);
    assert!(w[0].contains("(UDP 53 to the cluster DNS pods, app.kubernetes.io/name=coredns in namespace kube-system)"), "{}", w[0]);
    assert!(w[0].contains("podSelector: {matchLabels: {app.kubernetes.io/name: coredns}}"), "{}", w[0]);
    for p in pod_paths(&r, "kube-dns") {
        assert_eq!(p.outcome, Outcome::Dropped, "{p:#?}");
        assert!(p.reason.contains("app.kubernetes.io/name=coredns in namespace kube-system"), "{}", p.reason);
    }
    // without a DNS Service in the input: kubeadm's CoreDNS stands in, as before
    let no_svc = text.replacen("kind: Service\nmetadata:\n  name: kube-dns\n", "kind: Service\nmetadata:\n  name: other-dns\n", 1);
    let r = analyze(&no_svc, &Config::default());
    let w = messages(&r, "NetworkPolicyEgressDenies");
    assert!(w.iter().any(|m| m.contains("k8s-app=kube-dns in namespace kube-system") && m.contains("podSelector: {matchLabels: {k8s-app: kube-dns}}")), "{w:#?}");
}

/// The name of the DaemonSet's pod on node-1 (pod names are generated).
fn daemon_pod_on(r: &super::Report, prefix: &str, node: &str) -> String {
    r.pods.iter().find(|p| p.name.starts_with(prefix) && p.node.as_deref() == Some(node)).map(|p| p.name.clone()).unwrap()
}

/// qa6 11 (docker/for-mac#2646, kubernetes/kubernetes#17406): a hostNetwork DaemonSet (dnsPolicy
/// unset: ClusterFirst) pings the Service etcd, "bad address". Was, with --client-pod on that
/// pod: "its search path … expands that to etcd.default.svc.cluster.local; cluster DNS answers",
/// delivered — while --lookup on the same run said the node's resolver is asked.
/// pkg/kubelet/network/dns/dns.go getPodDNSType: ClusterFirst on a host-network pod falls back
/// to DNSDefault (podDNSHost); ClusterFirstWithHostNet keeps the cluster DNS.
#[test]
fn host_network_client_with_cluster_first_does_not_resolve_service_names_get_pod_dns_type() {
    let text = fixture("qa6-11-hostnetwork-daemonset-cluster-dns.yaml");
    let r = analyze(&text, &Config::default());
    let pod = daemon_pod_on(&r, "dns-test-", "node-1");
    let cfg = Config { client_pod: Some(pod.clone()), ..Config::default() };
    let r = analyze(&text, &cfg);
    let paths = pod_paths(&r, "etcd");
    assert!(!paths.is_empty());
    let ip = r.services.iter().find(|s| s.name == "etcd").unwrap().cluster_ip.clone().unwrap();
    for p in &paths {
        assert_eq!(p.outcome, Outcome::Nxdomain, "{p:#?}");
        assert_eq!(p.hops.len(), 1, "{p:#?}");
        let h = &p.hops[0];
        // (fidfix24: to the node's resolver, `resolver:node-1`, drawn on the node's frame; it was
        // `node:node-1`, drawn on to node-1's kube-proxy strip)
        assert_eq!((h.from.as_str(), h.to.as_str()), ("pod:client", "resolver:node-1"));
        assert!(h.explanation.contains("hostNetwork: true and dnsPolicy ClusterFirst") && h.explanation.contains("node-1's resolver") && h.explanation.contains("Set dnsPolicy: ClusterFirstWithHostNet"), "{}", h.explanation);
        assert!(h.explanation.contains(&format!("By its clusterIP ({ip}) the Service is still reached")), "{}", h.explanation);
        assert!(!h.explanation.contains("cluster DNS answers"), "{}", h.explanation);
        assert!(p.reason.contains("instead of the cluster DNS"), "{}", p.reason);
    }
    // and an info on the DaemonSet's hostNetwork, whichever client is asked about
    let d = diags(&r, "HostNetworkClusterFirst");
    assert_eq!(d.len(), 1, "{:#?}", r.diagnostics);
    assert_eq!((d[0].line, d[0].object.as_deref()), (18, Some("DaemonSet/default/dns-test")));
    assert!(d[0].hint.as_deref().unwrap().contains("ClusterFirstWithHostNet"));
    // the hop is drawn: both ends are boxes of the picture
    let l = crate::core::layout::layout(&r, r.services.iter().position(|s| s.name == "etcd"), 1280.0);
    for p in &paths {
        assert!(l.rest(&p.hops[0].from).is_some(), "from {:?}", p.hops[0]);
        assert!(l.rest(&p.hops[0].to).is_some(), "to {:?}", p.hops[0]);
    }
    // the path and --lookup agree: the node's resolver
    let l = super::dnsquery::lookup(&r, "default", &pod, "etcd");
    assert_eq!(l.tries[0].rcode, "FORWARDED", "{l:#?}");
    // ClusterFirstWithHostNet: the cluster DNS answers and the path is delivered
    let fixed = text.replacen("      hostNetwork: true\n", "      hostNetwork: true\n      dnsPolicy: ClusterFirstWithHostNet\n", 1);
    assert_ne!(fixed, text);
    let r = analyze(&fixed, &cfg);
    assert!(diags(&r, "HostNetworkClusterFirst").is_empty(), "{:#?}", r.diagnostics);
    for p in pod_paths(&r, "etcd") {
        assert_eq!(p.outcome, Outcome::Delivered, "{p:#?}");
        assert!(p.hops[0].explanation.contains("cluster DNS answers with the clusterIP"), "{}", p.hops[0].explanation);
    }
    // a pod-network client with dnsPolicy Default asks its node's resolver too
    let default = text.replacen("      hostNetwork: true\n", "      dnsPolicy: Default\n", 1);
    let r = analyze(&default, &Config::default());
    let pod = r.pods.iter().find(|p| p.name.starts_with("dns-test-")).unwrap().name.clone();
    let r = analyze(&default, &Config { client_pod: Some(pod), ..Config::default() });
    assert!(pod_paths(&r, "etcd").iter().all(|p| p.outcome == Outcome::Nxdomain && p.hops[0].explanation.contains("runs with dnsPolicy: Default")));
    // the stand-in client (no --client-pod) is an ordinary ClusterFirst pod: delivered
    let r = analyze(&text, &Config::default());
    assert!(pod_paths(&r, "etcd").iter().all(|p| p.outcome == Outcome::Delivered));
}

fn diags<'a>(r: &'a super::Report, code: &str) -> Vec<&'a super::diag::Diagnostic> {
    r.diagnostics.iter().filter(|d| d.code == code).collect()
}

/// qa6 22 (kubernetes/ingress-nginx#1044, #4909): spec.tls lists foo.bar.com, the one rule has no
/// host: "Kubernetes Ingress Controller Fake Certificate". Was: spec.tls never mentioned.
/// ingress-nginx controller.go createServers picks certificates per rule host (a rule without
/// host is the catch-all server `_`) through extractTLSSecretName.
#[test]
fn tls_host_that_no_rule_has_gets_the_default_certificate_create_servers_extract_tls_secret_name() {
    let text = fixture("qa6-22-ingress-tls-host-not-in-rules.yaml");
    let r = analyze(&text, &Config::default());
    let d = diags(&r, "IngressTLSHostNotInRules");
    assert_eq!(d.len(), 1, "{:#?}", r.diagnostics);
    assert_eq!((d[0].line, d[0].severity), (12, super::diag::Severity::Warning));
    assert!(d[0].message.starts_with("spec.tls[0].hosts[0] foo.bar.com is the host of no rule (no rule of this Ingress names a host)"), "{}", d[0].message);
    assert!(d[0].message.contains("Secret tls-secret is never used for foo.bar.com") && d[0].message.contains("Kubernetes Ingress Controller Fake Certificate"), "{}", d[0].message);
    assert!(d[0].hint.as_deref().unwrap().contains("host: foo.bar.com"));
    // the fix of #4909: the rule names the host
    let fixed = text.replacen("  rules:\n  - http:", "  rules:\n  - host: foo.bar.com\n    http:", 1);
    assert_ne!(fixed, text);
    let r = analyze(&fixed, &Config::default());
    assert!(diags(&r, "IngressTLSHostNotInRules").is_empty() && diags(&r, "IngressTLSWithoutSecret").is_empty(), "{:#?}", r.diagnostics);
    // a wildcard tls host covers rule hosts through the certificate's names: not said
    let wild = fixed.replacen("    - foo.bar.com\n", "    - \"*.bar.com\"\n", 1);
    let r = analyze(&wild, &Config::default());
    assert!(diags(&r, "IngressTLSHostNotInRules").is_empty(), "{:#?}", r.diagnostics);
}

/// qa6 23 (kubernetes/ingress-nginx#1641): `- secretName: mytls` and `- hosts: [myhost.ex.net]` as
/// two tls items. Was: nothing. extractTLSSecretName returns the secretName of the first item
/// listing the host, here empty: "Host %q is listed in the TLS section but secretName is empty.
/// Using default certificate".
#[test]
fn tls_hosts_and_secret_name_in_two_items_default_certificate_extract_tls_secret_name() {
    let text = fixture("qa6-23-ingress-tls-secret-and-hosts-split.yaml");
    let r = analyze(&text, &Config::default());
    let d = diags(&r, "IngressTLSWithoutSecret");
    assert_eq!(d.len(), 1, "{:#?}", r.diagnostics);
    assert_eq!(d[0].line, 12);
    assert!(d[0].message.starts_with("spec.tls[1] lists myhost.ex.net without a secretName: the controller terminates TLS for it with its default certificate"), "{}", d[0].message);
    assert!(d[0].message.contains("spec.tls[0] has secretName mytls but no hosts"), "{}", d[0].message);
    assert_eq!(d[0].hint.as_deref(), Some("Move secretName: mytls into spec.tls[1], beside its hosts"));
    // the Ingress path says it too
    let web = r.services.iter().find(|s| s.name == "web").unwrap();
    let p = web.paths.iter().find(|p| p.entry == Entry::Ingress).unwrap();
    assert!(p.hops[0].explanation.contains("with its default certificate, since the spec.tls item listing it has no secretName"), "{}", p.hops[0].explanation);
    // one item: fine
    let fixed = text.replacen("  - secretName: mytls\n  - hosts:\n    - myhost.ex.net\n", "  - hosts:\n    - myhost.ex.net\n    secretName: mytls\n", 1);
    assert_ne!(fixed, text);
    let r = analyze(&fixed, &Config::default());
    assert!(diags(&r, "IngressTLSWithoutSecret").is_empty(), "{:#?}", r.diagnostics);
    let p = r.services.iter().find(|s| s.name == "web").unwrap().paths.iter().find(|p| p.entry == Entry::Ingress).unwrap().hops[0].explanation.clone();
    assert!(p.contains("terminates TLS for this host (spec.tls)") && !p.contains("default certificate"), "{p}");
}

/// qa6 24 (MicrosoftDocs/azure-docs#64792): the TLS Secret in default, the Ingress in
/// ingress-basic. Was: "Secret is not modelled … read and ignored". IngressTLS has no namespace
/// field; ingress-nginx createServers reads `ing.Namespace/secretName`.
#[test]
fn tls_secret_in_another_namespace_is_not_found_create_servers_ing_namespace() {
    let text = fixture("qa6-24-ingress-tls-secret-other-namespace.yaml");
    let r = analyze(&text, &Config::default());
    let d = diags(&r, "IngressTLSSecretNotFound");
    assert_eq!(d.len(), 1, "{:#?}", r.diagnostics);
    assert_eq!(d[0].line, 29);
    assert!(d[0].message.starts_with("spec.tls[0].secretName aks-ingress-tls: no Secret aks-ingress-tls in namespace ingress-basic, the Ingress's own (this input creates one in namespace default)"), "{}", d[0].message);
    assert!(d[0].message.ends_with("serves its default certificate (ingress-nginx: \"Kubernetes Ingress Controller Fake Certificate\", which no browser trusts) for demo.azure.com"), "{}", d[0].message);
    assert_eq!(d[0].hint.as_deref(), Some("Create the Secret aks-ingress-tls in namespace ingress-basic"));
    // the fix: the Secret in the Ingress's namespace
    let fixed = text.replacen("  name: aks-ingress-tls\n  namespace: default\n", "  name: aks-ingress-tls\n  namespace: ingress-basic\n", 1);
    assert_ne!(fixed, text);
    let r = analyze(&fixed, &Config::default());
    assert!(diags(&r, "IngressTLSSecretNotFound").is_empty(), "{:#?}", r.diagnostics);
}

/// qa6 16 (rancher/rancher#6600): a Pod with hostname foo, subdomain bar, and no Service bar.
/// Was: only the pod. pkg/controller/util/endpoint/controller_utils.go ShouldSetHostname: the
/// pod's name foo.bar.default.svc… is an endpoint hostname of the Service named bar.
#[test]
fn hostname_and_subdomain_without_the_headless_service_do_not_resolve_should_set_hostname() {
    let text = fixture("qa6-16-pod-hostname-subdomain-no-service.yaml");
    let r = analyze(&text, &Config::default());
    let d = diags(&r, "SubdomainWithoutService");
    assert_eq!(d.len(), 1, "{:#?}", r.diagnostics);
    assert_eq!((d[0].line, d[0].severity, d[0].object.as_deref()), (11, super::diag::Severity::Warning, Some("Pod/default/nginx-2")));
    assert!(d[0].message.starts_with("spec.subdomain bar: no Service named bar in namespace default, so foo.bar.default.svc.cluster.local does not resolve"), "{}", d[0].message);
    assert_eq!(d[0].hint.as_deref(), Some("Create a headless Service (clusterIP: None) named bar in namespace default whose selector matches the pod (app=nginx)"));
    // with the headless Service of the thread's answer: the record exists, nothing said
    let fixed = format!("{text}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: bar\nspec:\n  clusterIP: None\n  selector:\n    app: nginx\n  ports:\n  - port: 80\n");
    let r = analyze(&fixed, &Config::default());
    assert!(diags(&r, "SubdomainWithoutService").is_empty(), "{:#?}", r.diagnostics);
    let bar = r.services.iter().find(|s| s.name == "bar").unwrap();
    assert!(bar.dns_records.iter().any(|rec| rec.name == "foo.bar.default.svc.cluster.local"), "{:#?}", bar.dns_records);
    // a Service bar that selects other pods: still no record
    let other = fixed.replacen("  selector:\n    app: nginx\n  ports:", "  selector:\n    app: web\n  ports:", 1);
    let r = analyze(&other, &Config::default());
    let d = diags(&r, "SubdomainWithoutService");
    assert_eq!(d.len(), 1, "{:#?}", r.diagnostics);
    assert!(d[0].message.contains("Service bar does not select this pod (selector app=web; the pod's labels: app=nginx)"), "{}", d[0].message);
}

/// qa6 17 (kubernetes/kubernetes#111536): Deployment pods with subdomain dep and setHostnameAsFQDN,
/// no spec.hostname; the headless Service dep exists. Was: only the dashed-address records.
/// ShouldSetHostname needs spec.hostname, so no <pod>.dep… record exists.
#[test]
fn subdomain_without_hostname_has_no_per_pod_name_should_set_hostname() {
    let text = fixture("qa6-17-deployment-subdomain-no-hostname.yaml");
    let r = analyze(&text, &Config::default());
    assert!(diags(&r, "SubdomainWithoutService").is_empty(), "{:#?}", r.diagnostics);
    let d = diags(&r, "SubdomainWithoutHostname");
    assert_eq!(d.len(), 1, "{:#?}", r.diagnostics);
    assert_eq!((d[0].line, d[0].severity, d[0].object.as_deref()), (18, super::diag::Severity::Info, Some("Deployment/default/pod-deployment")));
    assert!(d[0].message.starts_with("spec.subdomain dep without spec.hostname: its pods have no DNS names of their own (no pod-deployment-"), "{}", d[0].message);
    assert!(r.pods.iter().filter(|p| p.name.starts_with("pod-deployment-")).any(|p| d[0].message.contains(&format!("by their addresses under the headless Service dep, as {}.dep.default.svc.cluster.local and the like", p.ip.as_deref().unwrap().replace('.', "-")))), "{}", d[0].message);
    assert!(d[0].message.contains("With setHostnameAsFQDN: true the pod's own hostname is that name, which nobody can resolve"), "{}", d[0].message);
    assert!(d[0].hint.as_deref().unwrap().contains("StatefulSet with serviceName: dep"));
    // a StatefulSet of the same pods: its serviceName gives them names, nothing said
    let sts = text.replacen("kind: Deployment", "kind: StatefulSet", 1).replacen("spec:\n  selector:", "spec:\n  serviceName: dep\n  selector:", 1);
    let r = analyze(&sts, &Config::default());
    assert!(diags(&r, "SubdomainWithoutHostname").is_empty() && diags(&r, "SubdomainWithoutService").is_empty(), "{:#?}", r.diagnostics);
}

/// qa6 20 (kubernetes/kubernetes#78290): the readinessProbe delay info on a Service with one
/// endpoint read "its one ready endpoint wait out"; the verb agrees with its subject now.
#[test]
fn readiness_delay_info_verb_agrees_with_one_endpoint() {
    let r = analyze(&fixture("qa6-20-headless-readiness-initial-delay.yaml"), &Config::default());
    let m = messages(&r, "ReadinessInitialDelay");
    assert_eq!(m.len(), 1, "{:#?}", r.diagnostics);
    assert!(m[0].starts_with("Service elasticsearch-discovery: its one ready endpoint waits out a readinessProbe initialDelaySeconds (container es: 30 s)"), "{}", m[0]);
}

/// qa6 19 (mittwald/kube-httpcache#222): a readiness gate whose condition nothing sets. The pod
/// line named the gate; the Service's NoReadyEndpoints warning said only "Ready condition is not
/// True". kubelet status/generate.go GeneratePodReadyCondition: the reason ReadinessGatesNotReady
/// and its message now end that warning too.
#[test]
fn no_ready_endpoints_warning_names_the_readiness_gate_generate_pod_ready_condition() {
    let r = analyze(&fixture("qa6-19-readiness-gate-no-status.yaml"), &Config::default());
    let m = messages(&r, "NoReadyEndpoints");
    assert_eq!(m.len(), 1, "{:#?}", r.diagnostics);
    assert!(m[0].starts_with("the one endpoint is not ready (Ready condition is not True: ReadinessGatesNotReady: corresponding condition of pod readiness gate \"target-health.elbv2.k8s.aws/"), "{}", m[0]);
    assert!(m[0].ends_with("does not exist), so no traffic reaches it"), "{}", m[0]);
}

/// qa6 05 (artifact-keeper/artifact-keeper-iac#273): `namespaceSelector: {}` with a podSelector
/// admits pods of that label from every namespace. It was said only at the tail of the Service's
/// warning about the stand-in client; the policy's own info now says "from every namespace" and
/// names the input's pods. k8s.io/api networking/v1 types.go NetworkPolicyPeer.NamespaceSelector.
#[test]
fn empty_namespace_selector_admits_from_every_namespace_said_on_the_policy_network_policy_peer() {
    let r = analyze(&fixture("qa6-05-netpol-empty-nsselector-any-namespace.yaml"), &Config::default());
    let m: Vec<String> = messages(&r, "NetworkPolicySelects").into_iter().filter(|m| m.starts_with("NetworkPolicy backend ")).collect();
    assert_eq!(m.len(), 1, "{:#?}", r.diagnostics);
    assert!(m[0].contains(". Ingress rule 1 (spec.ingress[0]) admits pods matching app.kubernetes.io/name=ingress-nginx from every namespace, not only artifact-keeper (namespaceSelector {} selects all namespaces): in this input ingress-nginx/ingress-nginx-controller, tenant-a/impostor"), "{}", m[0]);
}

/// qa6 15 (kubernetes/ingress-nginx#9034): "only / and /setting should answer, everything else
/// 404". The reason was said (Prefix / matches every path); the way out, pathType Exact for /,
/// is said beside it now (networking/v1 HTTPIngressPath.PathType: Exact "Matches the URL path
/// exactly").
#[test]
fn prefix_root_names_exact_as_the_way_to_match_only_root_http_ingress_path_path_type() {
    let r = analyze(&fixture("qa6-15-ingress-exact-root-whitelist.yaml"), &Config::default());
    let hops: Vec<&String> = r.services.iter().flat_map(|s| s.paths.iter()).filter(|p| p.entry == Entry::Ingress).map(|p| &p.hops[0].explanation).filter(|e| e.contains("path / (Prefix)")).collect();
    assert!(!hops.is_empty());
    assert!(hops.iter().all(|e| e.contains("with pathType Exact, / matches only /, and a path no other rule matches gets the controller's default backend, 404")), "{hops:#?}");
}

/// qa6 07 (kubernetes/kubernetes#35028): Deployment hostname (selector run=hostname) and its
/// canary (run=hostname,track=canary). Was: only the Service's "picks the pods of 2 workloads".
/// The Deployment documentation: "Do not overlap labels or selectors with other controllers".
#[test]
fn deployment_selector_matching_the_canarys_template_is_said_deployment_docs_overlapping_selectors() {
    let text = fixture("qa6-07-canary-overlapping-deployment-selectors.yaml");
    let r = analyze(&text, &Config::default());
    let d = diags(&r, "WorkloadSelectorOverlaps");
    assert_eq!(d.len(), 1, "{:#?}", r.diagnostics);
    assert_eq!((d[0].line, d[0].severity, d[0].object.as_deref()), (11, super::diag::Severity::Info, Some("Deployment/default/hostname")));
    assert!(d[0].message.starts_with("Deployment hostname's selector run=hostname also matches the pod template of Deployment hostname-canary (run=hostname,track=canary)"), "{}", d[0].message);
    assert!(d[0].hint.as_deref().unwrap().contains("track: stable"));
    // the stable Deployment selecting track=stable: no overlap
    let fixed = text.replacen("  selector:\n    matchLabels:\n      run: hostname\n  template:\n    metadata:\n      labels:\n        run: hostname\n", "  selector:\n    matchLabels:\n      run: hostname\n      track: stable\n  template:\n    metadata:\n      labels:\n        run: hostname\n        track: stable\n", 1);
    assert_ne!(fixed, text);
    let r = analyze(&fixed, &Config::default());
    assert!(diags(&r, "WorkloadSelectorOverlaps").is_empty(), "{:#?}", r.diagnostics);
}

/// qa6 08 (dgkanatsios/CKAD-exercises#233): green 3 replicas, blue 1, one Service: "75/25". The
/// info said "the split follows their replica counts"; it now gives each workload's share of the
/// ready endpoints (kube-proxy iptables: one probability per endpoint, pkg/proxy/iptables
/// proxier.go writeServiceToEndpointRules).
#[test]
fn blue_green_split_states_each_workloads_share_of_ready_endpoints() {
    let r = analyze(&fixture("qa6-08-blue-green-75-25-split.yaml"), &Config::default());
    let m = messages(&r, "SelectorSpansWorkloads");
    assert_eq!(m.len(), 1, "{:#?}", r.diagnostics);
    assert!(m[0].contains(": here Deployment/nginx-green 3 of 4 ready endpoints, about 75% of connections; Deployment/nginx-blue 1 of 4 ready endpoints, about 25% of connections;"), "{}", m[0]);
}

/// qa6 01 (kubernetes/kubernetes#103464): 443/TCP and 443/UDP on one LoadBalancer. Accepted, one
/// nodePort for both (alloc.go initNodePorts); the info now adds that the cloud provider decides
/// whether its load balancer serves the mix (Service docs, "Load balancers with mixed protocol
/// types").
#[test]
fn mixed_protocol_load_balancer_says_the_provider_decides_mixed_protocol_lb_service() {
    let text = fixture("qa6-01-lb-mixed-tcp-udp-443.yaml");
    let r = analyze(&text, &Config::default());
    let m = messages(&r, "MixedProtocolLoadBalancer");
    assert_eq!(m.len(), 1, "{:#?}", r.diagnostics);
    assert!(m[0].contains("a LoadBalancer with ports of more than one protocol (TCP, UDP): the API server accepts it (MixedProtocolLBService, GA since Kubernetes 1.26), but the cloud provider decides"), "{}", m[0]);
    let s = &r.services[0];
    assert_eq!(s.ports.len(), 2);
    assert_eq!(s.ports[0].node_port, s.ports[1].node_port);
}

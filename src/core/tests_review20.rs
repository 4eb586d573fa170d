//! review20: an independent review of the rules added since 2026-11-27 against upstream. Each
//! test reads real YAML (tests/fixtures/review20/) and names the upstream function whose
//! behaviour the rule had wrong.

use super::analyze;
use super::config::Config;
use super::diag::Severity;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/review20").join(name)).unwrap()
}

/// learnfix13 said that with two IngressClasses marked default "the DefaultIngressClass admission
/// plugin cannot pick one (\"2 default IngressClasses were found, only 1 allowed\")". Since
/// Kubernetes 1.25 (kubernetes/kubernetes#110974) plugin/pkg/admission/network/
/// defaultingressclass/admission.go getDefaultClass sorts the defaults by creationTimestamp,
/// newest first (a tie by name) and returns the first: the Ingress is created with that class.
/// The path note also said "no IngressClass in this input is the default", and each class's
/// info that it is the one set on every new Ingress.
#[test]
fn two_default_ingress_classes_admission_get_default_class_picks_the_newest() {
    let r = analyze(&fixture("01-two-default-ingress-classes.yaml"), &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "IngressClassName").expect("the Ingress's class note");
    assert!(!d.message.contains("cannot pick one"), "{}", d.message);
    assert!(d.message.contains("2 IngressClasses are marked ingressclass.kubernetes.io/is-default-class: \"true\" (nginx, traefik)"), "{}", d.message);
    assert!(d.message.contains("sets it to the newest of them, the one created last"), "{}", d.message);
    assert!(d.message.contains("the first by name: nginx"), "{}", d.message);
    assert!(d.message.contains("Kubernetes 1.25 and later"), "{}", d.message);
    assert_eq!(d.severity, Severity::Warning);

    // each default class's info names the other and the rule
    let infos: Vec<&str> = r.diagnostics.iter().filter(|d| d.code == "DefaultIngressClass").map(|d| d.message.as_str()).collect();
    assert_eq!(infos.len(), 2);
    assert!(infos[0].starts_with("IngressClass nginx is marked the default") && infos[0].contains("and so is traefik"), "{}", infos[0]);
    assert!(infos[1].starts_with("IngressClass traefik is marked the default") && infos[1].contains("and so is nginx"), "{}", infos[1]);
    assert!(infos.iter().all(|m| !m.contains("on each new Ingress that names no class\"") && m.contains("newest of them")));

    // the ingress path's note: no longer "no IngressClass in this input is the default"
    let web = r.services.iter().find(|s| s.name == "web").unwrap();
    let notes: Vec<&str> = web.paths.iter().filter_map(|p| p.note.as_deref()).collect();
    assert!(notes.iter().all(|n| !n.contains("no IngressClass in this input is the default")), "{notes:?}");
    assert!(notes.iter().any(|n| n.contains("2 IngressClasses of this input are the default (nginx, traefik)")), "{notes:?}");

    // one default: as before, the plugin sets it
    let one = fixture("01-two-default-ingress-classes.yaml").replacen("    ingressclass.kubernetes.io/is-default-class: \"true\"\nspec:\n  controller: traefik", "    ingressclass.kubernetes.io/is-default-class: \"false\"\nspec:\n  controller: traefik", 1);
    let r = analyze(&one, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "IngressClassName").unwrap();
    assert!(d.message.starts_with("spec.ingressClassName is not set: the DefaultIngressClass admission plugin sets it to nginx"), "{}", d.message);
    assert_eq!(d.severity, Severity::Info);
    let info = r.diagnostics.iter().find(|d| d.code == "DefaultIngressClass").unwrap();
    assert!(info.message.starts_with("IngressClass nginx is the default"), "{}", info.message);
}

/// qafix4/fidfix21's TrafficDistribution info said kube-proxy sends a node's connections to the
/// endpoints hinted for its zone. pkg/proxy/topology.go CategorizeEndpoints reads the hints
/// (topologyModeFromHints) only `if svcInfo.UsesClusterEndpoints()`, which
/// pkg/proxy/serviceport.go answers false for internalTrafficPolicy: Local unless the port is
/// reachable from outside with externalTrafficPolicy Cluster: in-cluster connections go to the
/// client's own node's endpoints only, whatever the hints.
#[test]
fn traffic_distribution_with_internal_traffic_policy_local_topology_categorize_endpoints_uses_cluster_endpoints() {
    let text = fixture("02-traffic-distribution-itp-local.yaml");
    let note = |t: &str| analyze(t, &Config::default()).diagnostics.iter().find(|d| d.code == "TrafficDistribution").map(|d| d.message.clone()).expect("the TrafficDistribution info");
    let m = note(&text);
    assert!(m.starts_with("spec.trafficDistribution: PreferSameZone: not used by kube-proxy for this Service: with internalTrafficPolicy: Local it sends each connection only to the ready endpoints on the node it is on"), "{m}");
    assert!(!m.contains("sends that node's connections only to the endpoints hinted"), "{m}");

    // a NodePort (externalTrafficPolicy defaults to Cluster): the rule holds for outside connections only
    let m = note(&text.replace("  internalTrafficPolicy: Local\n", "  internalTrafficPolicy: Local\n  type: NodePort\n"));
    assert!(m.starts_with("spec.trafficDistribution: PreferSameZone: with internalTrafficPolicy: Local it governs only connections from outside the cluster"), "{m}");
    assert!(m.contains("For those outside connections: the EndpointSlice controller hints each ready endpoint for its node's zone"), "{m}");

    // NodePort with externalTrafficPolicy: Local too: not used at all
    let m = note(&text.replace("  internalTrafficPolicy: Local\n", "  internalTrafficPolicy: Local\n  type: NodePort\n  externalTrafficPolicy: Local\n"));
    assert!(m.contains("not used by kube-proxy for this Service: with internalTrafficPolicy: Local and externalTrafficPolicy: Local"), "{m}");

    // without internalTrafficPolicy: Local, the zone rule as before
    let m = note(&text.replace("  internalTrafficPolicy: Local\n", ""));
    assert!(m.starts_with("spec.trafficDistribution: PreferSameZone: the EndpointSlice controller hints each ready endpoint for its node's zone"), "{m}");
}

/// gwapi said a Service backendRef without a port gets ResolvedRefs False, reason
/// PortNotSpecified, and the Gateway answers its requests HTTP 500. The Gateway API CRDs refuse
/// such a route at create (kubernetes-sigs/gateway-api apis/v1/object_reference_types.go
/// BackendObjectReference: XValidation "Must have port for Service reference", rule
/// "(size(self.group) == 0 && self.kind == 'Service') ? has(self.port) : true"): the HTTPRoute
/// never exists, so no Gateway serves it.
#[test]
fn httproute_service_backend_ref_without_port_is_refused_backend_object_reference_cel() {
    let text = fixture("03-httproute-backendref-without-port.yaml");
    let r = analyze(&text, &Config::default());
    let e = r.diagnostics.iter().find(|d| d.severity == Severity::Error).expect("the CRD's refusal");
    assert!(e.message.contains("spec.rules[0].backendRefs[0]") && e.message.contains("Invalid value: \"object\": Must have port for Service reference"), "{}", e.message);
    assert_eq!((e.line, e.object.as_deref()), (26, Some("HTTPRoute/default/web")));
    assert!(r.diagnostics.iter().all(|d| !d.message.contains("PortNotSpecified")), "{:?}", r.diagnostics);
    assert!(r.diagnostics.iter().any(|d| d.message.starts_with("HTTPRoute (gateway.networking.k8s.io/v1) is a custom resource") && d.message.contains("(its fields are checked here only for some of the CRD's rules: a Service backendRef's port, hostnames")));
    let web = r.services.iter().find(|s| s.name == "web").unwrap();
    assert!(web.paths.iter().all(|p| p.entry != super::paths::Entry::HttpRoute), "no route path: the route does not exist");

    // with its port: accepted, and the route's path is there
    let r = analyze(&text.replace("    - name: web\n---", "    - name: web\n      port: 80\n---"), &Config::default());
    assert!(r.diagnostics.iter().all(|d| d.severity != Severity::Error), "{:?}", r.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect::<Vec<_>>());
    let web = r.services.iter().find(|s| s.name == "web").unwrap();
    assert!(web.paths.iter().any(|p| p.entry == super::paths::Entry::HttpRoute));
    // another kind without a port (implementation-specific) is not the rule's
    let r = analyze(&text.replace("    - name: web\n---", "    - name: web\n      group: gateway.envoyproxy.io\n      kind: Backend\n---"), &Config::default());
    assert!(r.diagnostics.iter().all(|d| d.severity != Severity::Error));
}

/// The PreferSameNode node rule is kube-proxy's only with the PreferSameTrafficDistribution
/// feature gate (pkg/proxy/topology.go topologyModeFromHints: `if
/// utilfeature.DefaultFeatureGate.Enabled(features.PreferSameTrafficDistribution)`;
/// pkg/features/kube_features.go: alpha, off, 1.33; beta, on, 1.34): the info says so.
#[test]
fn prefer_same_node_names_its_feature_gate_topology_mode_from_hints() {
    let text = fixture("02-traffic-distribution-itp-local.yaml").replace("  internalTrafficPolicy: Local\n", "").replace("PreferSameZone", "PreferSameNode");
    let r = analyze(&text, &Config::default());
    let m = &r.diagnostics.iter().find(|d| d.code == "TrafficDistribution").unwrap().message;
    assert!(m.contains("(the node rule is kube-proxy's PreferSameTrafficDistribution feature: beta and on by default since Kubernetes 1.34, alpha and off in 1.33)"), "{m}");
}

/// GatewayClassNotFound concluded from the input alone that no controller manages the Gateway;
/// a GatewayClass is cluster-scoped and usually installed with its controller (Envoy Gateway's
/// chart), not pasted beside the Gateway. The warning now says it holds unless the cluster has
/// the class (apis/v1 gateway_types.go GatewayReasonPending: "no controller has reconciled the
/// Gateway").
#[test]
fn gateway_class_not_found_says_unless_the_cluster_has_it_gateway_reason_pending() {
    let text = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fidfix21/04-gateway-cert-other-namespace.yaml")).unwrap();
    let r = analyze(&text.replace("gatewayClassName: eg", "gatewayClassName: envoy"), &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "GatewayClassNotFound").expect("the warning");
    assert!(d.message.contains("(its GatewayClasses: eg): unless the cluster has one that this input leaves out, no controller manages the Gateway"), "{}", d.message);
}

/// The source an isolated pod sees for a nodePort connection under externalTrafficPolicy
/// Cluster was called the entry node's address. kube-proxy marks it (KUBE-MARK-MASQ) and
/// MASQUERADE (pkg/proxy/iptables/proxier.go, KUBE-POSTROUTING) rewrites it to the address of
/// the interface the packet leaves by: with an overlay (flannel's flannel.1, Calico's tunl0) that
/// is the tunnel device's address, not the node's InternalIP, so an ipBlock of node addresses
/// does not admit it there. The words now say so.
#[test]
fn nodeport_snat_source_names_the_overlay_tunnel_address_proxier_masquerade() {
    let text = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/qa1-27-netpol-nodeport.yaml")).unwrap();
    let r = analyze(&text, &Config::default());
    let reasons: Vec<&str> = r.services.iter().flat_map(|s| s.paths.iter()).map(|p| p.reason.as_str()).filter(|t| t.contains("after SNAT")).collect();
    assert!(!reasons.is_empty());
    for t in reasons {
        assert!(t.contains("masquerades outside traffic to the address of the interface it leaves by; with an overlay network plugin, such as flannel's VXLAN or Calico's IPIP, that is the node's tunnel address, not 192.168.49."), "{t}");
    }
}

//! networking.k8s.io/v1 NetworkPolicy, read for one question: may the in-cluster client (the
//! `run=client` pod of namespace default every "pod" path starts from) connect to a Service's
//! endpoint pods? kube-proxy picks the pods regardless; a network plugin that enforces
//! NetworkPolicy then drops what no policy allows. Semantics from the API's own definition
//! (k8s.io/api networking/v1 types.go NetworkPolicySpec, NetworkPolicyIngressRule,
//! NetworkPolicyPeer, NetworkPolicyPort): a pod selected by any policy with Ingress in its
//! policyTypes is isolated for ingress; what the union of those policies' ingress rules allows
//! gets in; a rule with no `from` allows every source, with no `ports` every port.
//! SetDefaults_NetworkPolicy (pkg/apis/networking/v1/defaults.go): no policyTypes means Ingress
//! (plus Egress when egress rules are written); SetDefaults_NetworkPolicyPort: protocol TCP.

use super::cluster::{selector_matches, Cluster, PodInst};
use super::diag::{Diagnostic, ErrorType, Severity};
use super::model::{label_selector, IntOrString, LabelSelector, Labels, Object, Reader};
use super::report::ServiceReport;
use super::yaml::Node;

#[derive(Debug, Clone, PartialEq)]
pub struct Peer {
    pub pod: Option<LabelSelector>,
    pub namespace: Option<LabelSelector>,
    pub ip_block: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PolicyPort {
    pub protocol: String,
    pub port: Option<IntOrString>,
    pub end_port: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IngressRule {
    pub from: Vec<Peer>,
    pub ports: Vec<PolicyPort>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct NetworkPolicySpec {
    /// spec.podSelector (absent is the zero LabelSelector: every pod of the namespace)
    pub pod_selector: LabelSelector,
    /// Ingress is among the (defaulted) policyTypes
    pub ingress_type: bool,
    pub ingress: Vec<IngressRule>,
}

pub fn decode(r: &mut Reader, root: &Node) -> NetworkPolicySpec {
    let Some(spec) = r.map(root.get("spec"), &"spec") else { return NetworkPolicySpec { ingress_type: true, ..Default::default() } };
    let pod_selector = label_selector(r, spec.get("podSelector"), &"spec.podSelector").unwrap_or_default();
    let types: Vec<String> = r.seq(spec.get("policyTypes"), &"spec.policyTypes").iter().filter_map(|t| t.as_str().map(str::to_string)).collect();
    let mut ingress = Vec::new();
    for (i, rule) in r.seq(spec.get("ingress"), &"spec.ingress").iter().enumerate() {
        let f = format!("spec.ingress[{i}]");
        let mut from = Vec::new();
        for (j, p) in r.seq(rule.get("from"), &format_args!("{f}.from")).iter().enumerate() {
            let pf = format!("{f}.from[{j}]");
            from.push(Peer {
                pod: label_selector(r, p.get("podSelector"), &format_args!("{pf}.podSelector")),
                namespace: label_selector(r, p.get("namespaceSelector"), &format_args!("{pf}.namespaceSelector")),
                ip_block: p.get("ipBlock").is_some_and(|b| !b.is_null()),
            });
        }
        let mut ports = Vec::new();
        for (j, p) in r.seq(rule.get("ports"), &format_args!("{f}.ports")).iter().enumerate() {
            let pf = format!("{f}.ports[{j}]");
            ports.push(PolicyPort {
                protocol: r.string(p.get("protocol"), &format_args!("{pf}.protocol")).filter(|s| !s.is_empty()).unwrap_or_else(|| "TCP".into()),
                port: r.int_or_string(p.get("port"), &format_args!("{pf}.port")),
                end_port: r.int(p.get("endPort"), &format_args!("{pf}.endPort")),
            });
        }
        ingress.push(IngressRule { from, ports });
    }
    let ingress_type = types.is_empty() || types.iter().any(|t| t == "Ingress");
    NetworkPolicySpec { pod_selector, ingress_type, ingress }
}

/// The client a "pod" path starts from: namespace default, labels run=client.
struct Client<'a> {
    namespace: &'a str,
    labels: Labels,
    ns_labels: Labels,
}

/// Whether a peer admits the client; None when it cannot be told here (an ipBlock: whether
/// pod-to-pod traffic is matched by ipBlock is up to the plugin, the API says).
fn peer_allows(p: &Peer, policy_ns: &str, c: &Client) -> Option<bool> {
    if p.ip_block {
        return None;
    }
    let ns_ok = match &p.namespace {
        Some(sel) => selector_matches(Some(sel), &c.ns_labels),
        None => c.namespace == policy_ns,
    };
    let pod_ok = match &p.pod {
        Some(sel) => selector_matches(Some(sel), &c.labels),
        None => true,
    };
    Some(ns_ok && pod_ok)
}

/// Whether a policy port admits the pod's `port`/`protocol` (a named port is the pod's
/// container port of that name).
fn port_allows(pp: &PolicyPort, pod: &PodInst, port: i64, protocol: &str) -> bool {
    if pp.protocol != protocol {
        return false;
    }
    match &pp.port {
        None => true,
        Some(IntOrString::Int(p)) => match pp.end_port {
            Some(end) => (*p..=end).contains(&port),
            None => *p == port,
        },
        Some(IntOrString::Str(name)) => pod.containers.iter().chain(pod.sidecars.iter()).flat_map(|c| c.ports.iter()).any(|cp| {
            cp.name.as_deref() == Some(name.as_str()) && cp.container_port == port && cp.protocol.as_deref().unwrap_or("TCP") == protocol
        }),
    }
}

/// For each Service with endpoints, the policies that isolate its pods and whether any lets the
/// in-cluster client in on the endpoint's port: a warning when none does for any endpoint.
pub fn notes(objects: &[Object], policies: &[usize], services: &[std::sync::Arc<ServiceReport>], cluster: &Cluster, client_node: &str, pod_of: &dyn Fn(&str, &str) -> Option<usize>, diags: &mut Vec<Diagnostic>) {
    if policies.is_empty() {
        return;
    }
    use super::paths::{CLIENT_LABEL, CLIENT_NAMESPACE};
    // (the user's own `client` pod, with its own labels, when the input has one and the client
    // was not asked to run on another node)
    let labels = super::paths::user_client(cluster).filter(|p| p.node.as_deref() == Some(client_node)).map_or_else(|| vec![(CLIENT_LABEL.0.into(), CLIENT_LABEL.1.into())], |p| p.labels.clone());
    let c = Client { namespace: CLIENT_NAMESPACE, labels, ns_labels: cluster.namespace_labels(CLIENT_NAMESPACE) };
    for s in services.iter().filter(|s| !s.rejected && !s.endpoints.is_empty()) {
        let mut isolating: Vec<String> = Vec::new();
        let (mut denied, mut unknown, mut pods) = (0usize, false, 0usize);
        let mut shown_port = String::new();
        for e in &s.endpoints {
            let Some(pi) = e.pod.as_deref().and_then(|p| pod_of(&e.namespace, p)) else { continue };
            let pod = &cluster.pods[pi];
            // a host-network pod is the node's network namespace: NetworkPolicy does not apply
            if pod.host_network {
                continue;
            }
            pods += 1;
            let selecting: Vec<(&Object, &NetworkPolicySpec)> = policies
                .iter()
                .filter_map(|&i| match &objects[i].body {
                    super::model::Body::NetworkPolicy(spec) if objects[i].meta.namespace == pod.namespace && spec.ingress_type => Some((&objects[i], &**spec)),
                    _ => None,
                })
                .filter(|(_, spec)| selector_matches(Some(&spec.pod_selector), &pod.labels))
                .collect();
            if selecting.is_empty() {
                continue;
            }
            for (o, _) in &selecting {
                if !isolating.contains(&o.meta.name) {
                    isolating.push(o.meta.name.clone());
                }
            }
            let Some(ep) = e.ports.first() else { continue };
            shown_port = format!("{}/{}", ep.port, ep.protocol);
            let mut allowed = Some(false);
            for (o, spec) in &selecting {
                for rule in &spec.ingress {
                    let from = if rule.from.is_empty() {
                        Some(true)
                    } else {
                        // any peer that admits it admits it; else an undecidable one leaves it open
                        let peers: Vec<Option<bool>> = rule.from.iter().map(|p| peer_allows(p, &o.meta.namespace, &c)).collect();
                        if peers.contains(&Some(true)) {
                            Some(true)
                        } else if peers.contains(&None) {
                            None
                        } else {
                            Some(false)
                        }
                    };
                    let ports = rule.ports.is_empty() || rule.ports.iter().any(|pp| port_allows(pp, pod, ep.port, &ep.protocol));
                    allowed = match (allowed, from, ports) {
                        (Some(true), _, _) => Some(true),
                        (_, Some(true), true) => Some(true),
                        (_, None, true) => None,
                        (a, _, _) => a,
                    };
                }
            }
            match allowed {
                Some(false) => denied += 1,
                None => unknown = true,
                Some(true) => {}
            }
        }
        if denied > 0 && !unknown && denied == pods {
            let id = format!("Service/{}/{}", s.namespace, s.name);
            let which = isolating.join(", ");
            let msg = format!(
                "NetworkPolicy {which} (namespace {}) selects every endpoint pod of this Service and allows no ingress from the in-cluster client (a pod labelled run=client in namespace default) on {shown_port}: kube-proxy still picks a pod, and a network plugin that enforces NetworkPolicy (Calico, Cilium, …) drops the connection",
                s.namespace
            );
            let line = objects.iter().find(|o| o.kind == "Service" && o.meta.name == s.name && o.meta.namespace == s.namespace).map(|o| o.pos("spec.selector"));
            let pos = line.unwrap_or(super::yaml::Pos { line: s.line, column: 1 });
            diags.push(Diagnostic::note(Severity::Warning, ErrorType::Resolution, "NetworkPolicyDenies", msg, pos).on(&id));
        }
    }
}

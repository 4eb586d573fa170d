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
use super::config::Cidr;
use super::diag::{Diagnostic, ErrorType, Severity};
use super::model::{label_selector, IntOrString, LabelSelector, Labels, Object, Reader};
use super::report::ServiceReport;
use super::yaml::Node;

#[derive(Debug, Clone, PartialEq)]
pub struct Peer {
    pub pod: Option<LabelSelector>,
    pub namespace: Option<LabelSelector>,
    /// an ipBlock: its cidr and except (empty when the peer has none)
    pub ip_block: Option<IpBlock>,
}

/// NetworkPolicyPeer.ipBlock: `cidr`, minus the `except` ranges.
#[derive(Debug, Clone, PartialEq)]
pub struct IpBlock {
    pub cidr: String,
    pub except: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PolicyPort {
    pub protocol: String,
    pub port: Option<IntOrString>,
    pub end_port: Option<i64>,
}

/// A NetworkPolicyIngressRule (`from`) or NetworkPolicyEgressRule (`to`): its peers and ports.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub peers: Vec<Peer>,
    pub ports: Vec<PolicyPort>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct NetworkPolicySpec {
    /// spec.podSelector (absent is the zero LabelSelector: every pod of the namespace)
    pub pod_selector: LabelSelector,
    /// Ingress is among the (defaulted) policyTypes
    pub ingress_type: bool,
    pub ingress: Vec<Rule>,
    /// Egress is among the (defaulted) policyTypes
    pub egress_type: bool,
    pub egress: Vec<Rule>,
}

fn decode_rules(r: &mut Reader, spec: &Node, key: &str, peers_key: &str) -> Vec<Rule> {
    let mut out = Vec::new();
    for (i, rule) in r.seq(spec.get(key), &format_args!("spec.{key}")).iter().enumerate() {
        let f = format!("spec.{key}[{i}]");
        let mut peers = Vec::new();
        for (j, p) in r.seq(rule.get(peers_key), &format_args!("{f}.{peers_key}")).iter().enumerate() {
            let pf = format!("{f}.{peers_key}[{j}]");
            let ip_block = p.get("ipBlock").filter(|b| !b.is_null()).map(|b| IpBlock {
                cidr: r.string(b.get("cidr"), &format_args!("{pf}.ipBlock.cidr")).unwrap_or_default(),
                except: r.seq(b.get("except"), &format_args!("{pf}.ipBlock.except")).iter().filter_map(|e| e.as_str().map(str::to_string)).collect(),
            });
            peers.push(Peer {
                pod: label_selector(r, p.get("podSelector"), &format_args!("{pf}.podSelector")),
                namespace: label_selector(r, p.get("namespaceSelector"), &format_args!("{pf}.namespaceSelector")),
                ip_block,
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
        out.push(Rule { peers, ports });
    }
    out
}

pub fn decode(r: &mut Reader, root: &Node) -> NetworkPolicySpec {
    let Some(spec) = r.map(root.get("spec"), &"spec") else { return NetworkPolicySpec { ingress_type: true, ..Default::default() } };
    let pod_selector = label_selector(r, spec.get("podSelector"), &"spec.podSelector").unwrap_or_default();
    let types: Vec<String> = r.seq(spec.get("policyTypes"), &"spec.policyTypes").iter().filter_map(|t| t.as_str().map(str::to_string)).collect();
    let ingress = decode_rules(r, spec, "ingress", "from");
    let egress = decode_rules(r, spec, "egress", "to");
    // SetDefaults_NetworkPolicy: no policyTypes is Ingress, plus Egress when egress rules are
    // written (`len(obj.Spec.Egress) != 0`: `egress: []` adds nothing)
    let ingress_type = types.is_empty() || types.iter().any(|t| t == "Ingress");
    let egress_type = if types.is_empty() { !egress.is_empty() } else { types.iter().any(|t| t == "Egress") };
    NetworkPolicySpec { pod_selector, ingress_type, ingress, egress_type, egress }
}

/// One end of a connection as policies see it: a pod (its namespace, labels and the labels of
/// its namespace, its address, its named ports), or an address that is no pod (labels None).
#[derive(Debug, Clone)]
struct Side {
    namespace: String,
    labels: Option<Labels>,
    ns_labels: Labels,
    ip: Option<std::net::Ipv4Addr>,
    /// (name, port, protocol) of its container ports: what a named policy port means
    ports: Vec<(Option<String>, i64, String)>,
}

impl Side {
    fn pod(p: &PodInst, cluster: &Cluster) -> Side {
        Side {
            namespace: p.namespace.clone(),
            labels: Some(p.labels.clone()),
            ns_labels: cluster.namespace_labels(&p.namespace),
            ip: p.ip.as_deref().and_then(|i| i.parse().ok()),
            ports: p.containers.iter().chain(p.sidecars.iter()).flat_map(|c| c.ports.iter()).map(|cp| (cp.name.clone(), cp.container_port, cp.protocol.clone().unwrap_or_else(|| "TCP".into()))).collect(),
        }
    }
}

/// Whether an ipBlock admits an address: Some(true) when its cidr (minus except) plainly holds
/// it; None otherwise. The API meant ipBlock for cluster-external addresses ("these should be
/// cluster-external IPs, since Pod IPs are ephemeral", NetworkPolicy docs), and whether it is
/// matched against a pod's address, or one rewritten by NAT, is up to the network plugin.
fn ip_block_admits(b: &IpBlock, ip: Option<std::net::Ipv4Addr>) -> Option<bool> {
    let (cidr, ip) = (Cidr::parse(&b.cidr)?, ip?);
    let excepted = b.except.iter().filter_map(|e| Cidr::parse(e)).any(|e| e.contains(ip));
    (cidr.contains(ip) && !excepted).then_some(true)
}

/// Whether a peer admits `other`; None when it cannot be told here (an ipBlock that does not
/// plainly hold the address).
fn peer_admits(p: &Peer, policy_ns: &str, other: &Side) -> Option<bool> {
    if let Some(b) = &p.ip_block {
        return ip_block_admits(b, other.ip);
    }
    // podSelector and namespaceSelector select pods: an address that is no pod matches neither
    let Some(labels) = &other.labels else { return Some(false) };
    let ns_ok = match &p.namespace {
        Some(sel) => selector_matches(Some(sel), &other.ns_labels),
        None => other.namespace == policy_ns,
    };
    let pod_ok = match &p.pod {
        Some(sel) => selector_matches(Some(sel), labels),
        None => true,
    };
    Some(ns_ok && pod_ok)
}

/// Whether a policy port admits `port`/`protocol` on the destination (a named port is the
/// destination pod's container port of that name).
fn port_admits(pp: &PolicyPort, dest: &Side, port: i64, protocol: &str) -> bool {
    if pp.protocol != protocol {
        return false;
    }
    match &pp.port {
        None => true,
        Some(IntOrString::Int(p)) => match pp.end_port {
            Some(end) => (*p..=end).contains(&port),
            None => *p == port,
        },
        Some(IntOrString::Str(name)) => dest.ports.iter().any(|(n, p, pr)| n.as_deref() == Some(name.as_str()) && *p == port && pr == protocol),
    }
}

/// Ingress or egress.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Dir {
    Ingress,
    Egress,
}

/// What the policies that select `subject` for `dir` make of a connection with `other` on the
/// destination's `port`/`protocol`.
#[derive(Debug, Clone, PartialEq)]
struct Decision {
    /// the policies selecting the subject for this direction (none: not isolated)
    policies: Vec<String>,
    /// Some(true) admitted, Some(false) refused, None: an ipBlock rule may admit it
    admitted: Option<bool>,
}

fn decide(objects: &[Object], policies: &[usize], dir: Dir, subject: &Side, other: &Side, dest: &Side, port: i64, protocol: &str) -> Decision {
    let mut names = Vec::new();
    let mut admitted = Some(false);
    let Some(subject_labels) = &subject.labels else { return Decision { policies: names, admitted: Some(true) } };
    for &i in policies {
        let o = &objects[i];
        let super::model::Body::NetworkPolicy(spec) = &o.body else { continue };
        let typed = match dir {
            Dir::Ingress => spec.ingress_type,
            Dir::Egress => spec.egress_type,
        };
        if !typed || o.meta.namespace != subject.namespace || !selector_matches(Some(&spec.pod_selector), subject_labels) {
            continue;
        }
        names.push(o.meta.name.clone());
        let rules = match dir {
            Dir::Ingress => &spec.ingress,
            Dir::Egress => &spec.egress,
        };
        for rule in rules {
            // a rule with no peers admits every peer, with no ports every port
            let peers = if rule.peers.is_empty() {
                Some(true)
            } else {
                let each: Vec<Option<bool>> = rule.peers.iter().map(|p| peer_admits(p, &o.meta.namespace, other)).collect();
                if each.contains(&Some(true)) {
                    Some(true)
                } else if each.contains(&None) {
                    None
                } else {
                    Some(false)
                }
            };
            let ports = rule.ports.is_empty() || rule.ports.iter().any(|pp| port_admits(pp, dest, port, protocol));
            admitted = match (admitted, peers, ports) {
                (Some(true), _, _) | (_, Some(true), true) => Some(true),
                (_, None, true) => None,
                (a, _, _) => a,
            };
        }
    }
    if names.is_empty() {
        admitted = Some(true);
    }
    Decision { policies: names, admitted }
}

/// The client a "pod" path starts from: namespace default, labels run=client (or the user's own
/// `client` pod's, when the client was not asked to run on another node), at `client_ip`.
fn client_side(cluster: &Cluster, (client_node, client_ip): (&str, &str)) -> Side {
    use super::paths::{CLIENT_LABEL, CLIENT_NAMESPACE};
    let labels = super::paths::user_client(cluster).filter(|p| p.node.as_deref() == Some(client_node)).map_or_else(|| vec![(CLIENT_LABEL.0.into(), CLIENT_LABEL.1.into())], |p| p.labels.clone());
    Side { namespace: CLIENT_NAMESPACE.into(), labels: Some(labels), ns_labels: cluster.namespace_labels(CLIENT_NAMESPACE), ip: client_ip.parse().ok(), ports: Vec::new() }
}

/// For each Service with endpoints, the policies that isolate its pods and whether any lets the
/// in-cluster client in on the endpoint's port: a warning when none does for any endpoint.
pub fn notes(objects: &[Object], policies: &[usize], services: &[std::sync::Arc<ServiceReport>], cluster: &Cluster, client: (&str, &str), pod_of: &dyn Fn(&str, &str) -> Option<usize>, diags: &mut Vec<Diagnostic>) {
    if policies.is_empty() {
        return;
    }
    let c = client_side(cluster, client);
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
            let Some(ep) = e.ports.first() else { continue };
            let side = Side::pod(pod, cluster);
            let d = decide(objects, policies, Dir::Ingress, &side, &c, &side, ep.port, &ep.protocol);
            if d.policies.is_empty() {
                continue;
            }
            for name in d.policies {
                if !isolating.contains(&name) {
                    isolating.push(name);
                }
            }
            shown_port = format!("{}/{}", ep.port, ep.protocol);
            match d.admitted {
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

//! Traffic paths: for each Service and entry point, the ordered hops a request takes, with the
//! address rewrite at each hop and a plain-language explanation.
//!
//! Sources: kube-proxy iptables mode (kubernetes/kubernetes pkg/proxy/iptables/proxier.go
//! syncProxyRules: KUBE-SERVICES, KUBE-SVC-*, KUBE-SEP-*, KUBE-NODEPORTS, KUBE-EXT-*, KUBE-SVL-*),
//! pkg/proxy/topology.go CategorizeEndpoints (traffic policies, terminating fallback), and the
//! cluster DNS specification for headless and ExternalName Services.

use std::fmt::Write as _;
use serde::Serialize;

use super::cluster::{self, Cluster};
use super::model::PodSpec;
use super::config::{host_port, Cidr};
use super::resolve::{Endpoint, Resolution};
use super::service::{LoadBalancer, Svc, SvcPort};

/// The in-cluster client every "pod" path starts from, and the outside client.
pub const CLIENT_POD: &str = "client";
/// The in-cluster client's namespace and its one label (`kubectl run client`: run=client).
pub const CLIENT_NAMESPACE: &str = "default";
pub const CLIENT_LABEL: (&str, &str) = ("run", "client");
pub const OUTSIDE_IP: &str = "198.51.100.7";
/// The outside client of an IPv6 Service: an address in the documentation prefix 2001:db8::/32
/// (RFC 3849), as [`OUTSIDE_IP`] is in TEST-NET-2.
pub const OUTSIDE_IP_V6: &str = "2001:db8:5100::7";

/// The outside client's address for a Service of that family.
pub fn outside_ip(v6: bool) -> &'static str {
    if v6 {
        OUTSIDE_IP_V6
    } else {
        OUTSIDE_IP
    }
}

/// The outside client's address for a Service with that clusterIP (None, "None": the cluster's
/// primary family is not known here, IPv4).
pub fn outside_ip_for(cluster_ip: Option<&str>) -> &'static str {
    outside_ip(cluster_ip.is_some_and(|c| c.contains(':')))
}

/// The Service routes IPv6: its first family is IPv6.
pub fn is_v6(svc: &Svc) -> bool {
    svc.ipv6
}

/// `<outside client>:<its source port>` for the Service's family.
fn outside_src(svc: &Svc) -> String {
    host_port(outside_ip(is_v6(svc)), OUTSIDE_SPORT)
}
const CLIENT_SPORT: u32 = 43512;
const OUTSIDE_SPORT: u32 = 51000;
/// Most ports per Service and nodes per Service that get their own paths.
const MAX_PORTS: usize = 4;
const MAX_NODES: usize = 12;

/// Declares a closed set of strings as an enum that serialises to (and compares with) the same
/// strings the JSON report has always carried.
macro_rules! string_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = $s:literal,)* }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
        pub enum $name { $($(#[$vm])* #[serde(rename = $s)] $v,)* }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$v,)*];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$v => $s,)* }
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }
    };
}

string_enum! {
    /// What one hop does to the packet.
    HopKind {
        /// a DNS question and its answer
        Dns = "dns",
        /// the packet leaves a client
        Send = "send",
        /// kube-proxy rewrites the destination (clusterIP → pod)
        Dnat = "dnat",
        /// kube-proxy rewrites source and destination (outside traffic, Cluster policy)
        SnatDnat = "snat-dnat",
        /// a load balancer or node forwards it
        Forward = "forward",
        /// straight to an address, no kube-proxy (headless, ExternalName)
        Direct = "direct",
        /// silently dropped
        Drop = "drop",
        /// refused (ICMP port unreachable)
        Reject = "reject",
        /// waits for something that never comes (EXTERNAL-IP <pending>)
        Pending = "pending",
    }
}

string_enum! {
    /// How a path ends.
    Outcome {
        Delivered = "delivered",
        /// delivered to a pod port that no container declares: refused unless something listens there
        UndeclaredPort = "undeclared-port",
        Rejected = "rejected",
        Dropped = "dropped",
        Nxdomain = "nxdomain",
        Pending = "pending",
        External = "external",
        PortMismatch = "port-mismatch",
        NotCreated = "not-created",
    }
}

string_enum! {
    /// Where a request starts.
    Entry {
        Pod = "pod",
        Outside = "outside",
        NodePort = "nodeport",
        LoadBalancer = "loadbalancer",
        ExternalIp = "externalip",
        /// an outside client through an Ingress's controller (core::ingress::paths)
        Ingress = "ingress",
        /// an outside client through the Gateway of a Gateway API route (core::gateway::paths;
        /// the route's name in `ingress`)
        HttpRoute = "httproute",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hop {
    pub kind: HopKind,
    /// drawn things, as `data-kind:data-name` (e.g. `pod:client`, `kube-proxy:node-1`)
    pub from: String,
    pub to: String,
    /// source and destination address:port as the packet leaves `from`
    pub src: String,
    pub dst: String,
    /// the destination after this hop's rewrite, when it rewrites
    pub rewritten: Option<String>,
    pub explanation: String,
    /// the source after this hop's rewrite (kube-proxy's masquerade: the node's address; its
    /// port is picked anew, `--random-fully`), when it rewrites the source
    #[serde(rename = "srcRewritten", skip_serializing_if = "Option::is_none")]
    pub src_rewritten: Option<String>,
}

impl Hop {
    /// `src → dst`, then `{arrow}` and what this hop rewrites them to: the destination, and the
    /// source before it when that is rewritten too (`… ⇒ 192.168.49.2 → 10.244.0.2:8080`).
    pub fn addresses(&self, to: &str, arrow: &str) -> String {
        let before = format!("{}{to}{}", self.src, self.dst);
        match (&self.src_rewritten, &self.rewritten) {
            (None, None) => before,
            (None, Some(d)) => format!("{before}{arrow}{d}"),
            (Some(s), d) => format!("{before}{arrow}{s}{to}{}", d.as_deref().unwrap_or(&self.dst)),
        }
    }
}

impl Hop {
    /// The caption's address line: [`Hop::addresses`] with each rewrite named (learner8 U Q06:
    /// "198.51.100.7:51000 → 192.168.49.3:30080 ⇒ 192.168.49.3 → …" left the masquerade
    /// unlabelled): `src A ⇒ B (SNAT) · dst C ⇒ D (DNAT)` where kube-proxy rewrites both
    /// (KUBE-MARK-MASQ then KUBE-POSTROUTING's MASQUERADE, and the KUBE-SEP DNAT:
    /// pkg/proxy/iptables/proxier.go syncProxyRules); `A → C ⇒ D (DNAT)` where it rewrites the
    /// destination only.
    pub fn addresses_labelled(&self) -> String {
        let nat = matches!(self.kind, HopKind::Dnat | HopKind::SnatDnat);
        match (&self.src_rewritten, &self.rewritten) {
            (Some(s), d) => format!(
                "src {} ⇒ {s} (SNAT) · dst {}{}",
                self.src,
                self.dst,
                d.as_ref().map(|d| format!(" ⇒ {d}{}", if nat { " (DNAT)" } else { "" })).unwrap_or_default()
            ),
            (None, Some(d)) if nat => format!("{} → {} ⇒ {d} (DNAT)", self.src, self.dst),
            _ => self.addresses(" → ", " ⇒ "),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Backend {
    pub pod: Option<String>,
    pub ip: String,
    pub port: i64,
    pub node: Option<String>,
    pub probability: f64,
    /// the pod declares this port as a containerPort (None: unknown)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub declared: Option<bool>,
    /// why a NetworkPolicy drops this path's connection (the in-cluster client's, or an outside
    /// client's as the pod sees its source) to this endpoint (core::netpol; None: admitted, or
    /// not judged)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refused: Option<String>,
    /// when `declared` is false: the protocol the pod declares this port number with instead
    #[serde(skip_serializing_if = "Option::is_none")]
    pub declared_as: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Path {
    pub entry: Entry,
    /// the node an outside client enters through (nodeport/loadbalancer)
    pub node: Option<String>,
    /// which Service port (its number)
    pub port: Option<i64>,
    /// and its protocol (53/UDP and 53/TCP are two ports, with a path each)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
    pub hops: Vec<Hop>,
    pub outcome: Outcome,
    pub reason: String,
    /// endpoints kube-proxy chooses between (each with its chance)
    pub backends: Vec<Backend>,
    /// what a learner needs next to this path and is not a hop: how to reach a ClusterIP from
    /// their own machine anyway, or that a LoadBalancer forwards L4 bytes ([`entry_note`]);
    /// the page's caption and the CLI's text both print it
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// the Ingress whose controller this path goes through (`ingress` entry: its name, or
    /// `namespace/name` outside the Service's namespace — never, an Ingress reaches only its own);
    /// on an `httproute` entry the HTTPRoute's (or GRPCRoute's) name (core::gateway::paths)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ingress: Option<String>,
    /// the NetworkPolicy rules that admit this request where policies isolate its ends (the
    /// client for egress, the endpoint pod for ingress): "allowed by NetworkPolicy api-allow,
    /// ingress rule 1 (spec.ingress[0]): from podSelector app=frontend on port 8080/TCP"
    /// (core::netpol::apply_to_paths; learnfix14). None: no policy isolates either end, or the
    /// request is refused (the reason says why)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_by: Option<String>,
    /// our advice on the Kubernetes error the reason quotes (the refused object's first error's
    /// diagnostic `hint`: the rejected Service's, or a refused workload's it would select), kept
    /// out of `reason` as the diagnostic keeps it out of `message` (learnfix15)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// on an `httproute` entry, the route's kind — HTTPRoute, GRPCRoute, TLSRoute, TCPRoute or
    /// UDPRoute (fidfix26 5): the entry keeps its name for every route (the JSON is a contract),
    /// and TLS/TCP/UDP routes carry connections or datagrams, not requests
    #[serde(rename = "kind", skip_serializing_if = "Option::is_none")]
    pub route_kind: Option<String>,
}

fn hop(kind: HopKind, from: String, to: String, src: String, dst: String, rewritten: Option<String>, explanation: String) -> Hop {
    Hop { kind, from, to, src, dst, rewritten, explanation, src_rewritten: None }
}

/// What a pod inside the cluster meets when it dials a load balancer address kube-proxy writes
/// no rule for: pkg/proxy/serviceport.go newBaseServiceInfo keeps only VIP-mode ingress IPs
/// (`if ing.IP == "" || !proxyutil.IsVIPMode(ing) { continue }`), so a hostname or an
/// ipMode: Proxy IP is not short-cut on the node (learner9 W2/M2).
fn lb_no_rules_note(svc: &Svc, lb: &str) -> String {
    if !svc.lb_no_rules.iter().any(|a| a == lb) {
        return String::new();
    }
    if lb.parse::<std::net::IpAddr>().is_ok() {
        format!(". Its status says ipMode: Proxy, so kube-proxy writes no rule for {lb}: a pod inside the cluster that dials {lb} is not caught on its node, its packets leave through the cloud load balancer, which proxies them back in (the pod that answers sees the load balancer as the source, not the client pod)")
    } else {
        format!(". The load balancer has only a hostname ({lb}), and kube-proxy writes rules only for ingress IPs: a pod inside the cluster that dials {lb} resolves it to the cloud's address, and its packets leave the cluster through the cloud load balancer and come back in")
    }
}

/// The name of the box a request to `default/kubernetes` ends at when the input shows no
/// kube-apiserver pod (`external:kube-apiserver`).
pub const API_SERVER: &str = "kube-apiserver";

/// The user's own in-cluster client: a running pod named `client` in `default` in the input
/// (`kubectl run client …`, or a manifest of that name), or the input pod Config::client_namespace
/// and Config::client_pod name (fidfix20: any pod, frontend in qa3's q/19), scheduled and with an
/// address. Requests then start from it — its node and address — instead of from a stand-in of
/// the same name; its namespace and labels meet the NetworkPolicies (netpol::client_side).
pub fn user_client(cluster: &Cluster) -> Option<&cluster::PodInst> {
    let ns = if cluster.client_namespace.is_empty() { CLIENT_NAMESPACE } else { cluster.client_namespace.as_str() };
    let name = if cluster.client_name.is_empty() { CLIENT_POD } else { cluster.client_name.as_str() };
    cluster.pods.iter().find(|p| p.name == name && p.namespace == ns && p.phase == "Running" && p.node.is_some() && p.ip.is_some())
}

/// Why pod `p`'s lookups do not go to the cluster DNS, when they go to its node's resolver:
/// kubernetes/kubernetes pkg/kubelet/network/dns/dns.go getPodDNSType — `case
/// v1.DNSClusterFirstWithHostNet: return podDNSCluster`; `case v1.DNSClusterFirst: if
/// !kubecontainer.IsHostNetworkPod(pod) { return podDNSCluster }` "Fallback to DNSDefault for
/// pod on hostnetwork" (fallthrough); `case v1.DNSDefault: return podDNSHost`. (dnsPolicy None
/// asks the nameservers of spec.dnsConfig: not this.) dnsquery::resolver says the same.
pub fn node_resolver_reason(p: &cluster::PodInst) -> Option<NodeResolver> {
    node_resolver_policy(p.dns_policy.as_deref(), p.host_network)
}

/// The kind of the path endpoint `resolver:<node>`: that node's own resolver (its
/// /etc/resolv.conf's nameserver), which a client asks when it does not use the cluster DNS
/// ([`node_resolver_paths`]); drawn on the node's frame (layout::Layout::anchor).
pub const NODE_RESOLVER: &str = "resolver";

/// A pod that asks its node's resolver ([`node_resolver_policy`]): why, and the dnsPolicy that
/// gives it the cluster DNS.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NodeResolver {
    /// what the pod runs with: "hostNetwork: true and dnsPolicy ClusterFirst", "dnsPolicy: Default"
    pub cause: &'static str,
    /// the dnsPolicy that uses the cluster DNS: ClusterFirstWithHostNet on the host network
    /// (getPodDNSType's `case v1.DNSClusterFirstWithHostNet: return podDNSCluster`), ClusterFirst
    /// on the pod network
    pub fix: &'static str,
}

/// [`node_resolver_reason`] from a pod's `dnsPolicy` (None: the default, ClusterFirst) and
/// `hostNetwork`, for the pods of the report too (dnsquery::resolver).
pub fn node_resolver_policy(dns_policy: Option<&str>, host_network: bool) -> Option<NodeResolver> {
    let fix = if host_network { "ClusterFirstWithHostNet" } else { "ClusterFirst" };
    match dns_policy {
        None | Some("ClusterFirst") if host_network => Some(NodeResolver { cause: "hostNetwork: true and dnsPolicy ClusterFirst", fix }),
        Some("Default") => Some(NodeResolver { cause: "dnsPolicy: Default", fix }),
        _ => None,
    }
}

/// The user's client pod on `client_node` resolves no cluster name ([`node_resolver_paths`],
/// [`dns_none_paths`]): each of its paths that starts with the DNS lookup ends there,
/// `Nxdomain`, drawn to the client's node's resolver. `still_reached` ends the sentence "By its
/// clusterIP (…) the Service is still reached"; `words(typed, name, by_ip)` gives the hop's
/// explanation and the path's reason, where `typed` is what the application types (the bare name
/// in its own namespace, name.namespace else) and `name` the name the cluster DNS would answer.
/// Kept reports are not changed in place (Arc::make_mut).
fn end_at_client_resolver(
    services: &mut [std::sync::Arc<super::report::ServiceReport>],
    p: &cluster::PodInst,
    client_node: &str,
    still_reached: &str,
    words: impl Fn(&str, &str, &str) -> (String, String),
) {
    let client = format!("pod:{CLIENT_POD}");
    for slot in services.iter_mut() {
        let hits: Vec<usize> = slot.paths.iter().enumerate().filter(|(_, path)| path.entry == Entry::Pod && path.hops.first().is_some_and(|h| h.kind == HopKind::Dns && h.from == client)).map(|(i, _)| i).collect();
        if hits.is_empty() {
            continue;
        }
        let by_ip = match (&slot.cluster_ip, slot.headless) {
            (Some(ip), false) => format!(" By its clusterIP ({ip}) the Service is still reached{still_reached}"),
            _ => String::new(),
        };
        let typed = if slot.namespace == p.namespace { slot.name.clone() } else { format!("{}.{}", slot.name, slot.namespace) };
        let s = std::sync::Arc::make_mut(slot);
        for i in hits {
            let path = &mut s.paths[i];
            let h = path.hops[0].clone();
            let (explanation, reason) = words(&typed, h.dst.trim_end_matches('?'), &by_ip);
            // (to the client's node's resolver: not to the cluster DNS box, and not `node:X`,
            // which the layout draws on to the node's kube-proxy strip, where an outside
            // client's next hop leaves (fidfix24): `resolver:X` ends at the node's frame,
            // Layout::anchor)
            path.hops = vec![hop(HopKind::Dns, client.clone(), format!("{NODE_RESOLVER}:{client_node}"), h.src, format!("{typed}?"), None, explanation)];
            path.outcome = Outcome::Nxdomain;
            path.reason = reason;
            path.backends = Vec::new();
        }
    }
}

/// qa6 11 (docker/for-mac#2646, kubernetes/kubernetes#17406): the user's own client pod
/// (`--client-pod`, [`user_client`]) asks its node's resolver, not the cluster DNS
/// ([`node_resolver_reason`]), so a path that starts by looking a Service's name up in cluster
/// DNS does not happen: the name does not resolve (the node's /etc/resolv.conf knows no names
/// of the cluster zone). Each such path of the in-cluster client ends at its DNS hop, as
/// `Nxdomain`; the words say that the clusterIP itself is reached (kube-proxy's rules catch
/// the node's own packets too) and that ClusterFirstWithHostNet is the fix. Kept reports are
/// not changed in place (Arc::make_mut).
pub fn node_resolver_paths(services: &mut [std::sync::Arc<super::report::ServiceReport>], cluster: &Cluster, client_node: &str, domain: &str) {
    let Some(p) = user_client(cluster).filter(|p| p.node.as_deref() == Some(client_node)) else { return };
    let Some(NodeResolver { cause, fix }) = node_resolver_reason(p) else { return };
    end_at_client_resolver(services, p, client_node, " from the node: kube-proxy's rules catch the node's own packets too", |typed, name, by_ip| {
        // fidfix25 (qa6 11): the hop is labelled with what the client asks, "etcd", as the
        // words and --lookup (dnsquery: the FORWARDED query) say; it read
        // `etcd.default.svc.cluster.local?`, a name only the cluster DNS's search path (which
        // this pod does not get) makes of it. With the node's resolv.conf (ndots 1 unless it
        // sets another: the kubelet adds ndots:5 only for ClusterFirst, dns.go GetPodDNS) a
        // name with fewer dots than ndots is tried with the node's own search domains
        // first, if it lists any, then as is (glibc resolv/res_query.c
        // __res_context_search, musl src/network/lookup_name.c name_from_dns_search)
        let explanation = format!(
            "The client pod {}/{} runs with {cause}: the kubelet gives it its node's /etc/resolv.conf, not the cluster DNS (no {}.svc.{domain} search path), so it asks {client_node}'s resolver for \"{typed}\" (with the node's own search domains first, if its resolv.conf lists any), which knows no {domain} names: \"{typed}\" never becomes {name}, and the name does not resolve (ping: \"bad address\", curl: \"Could not resolve host\"). Set dnsPolicy: {fix} in the pod spec to use the cluster DNS.{by_ip}",
            p.namespace, p.name, p.namespace
        );
        // (fidfix24: one sentence; it read "… (hostNetwork: true with dnsPolicy ClusterFirst
        // (set ClusterFirstWithHostNet to keep the cluster DNS)): …", the fix said again in
        // the hop's explanation)
        (explanation, format!("the client pod runs with {cause}, so it asks its node's resolver instead of the cluster DNS, and that resolver does not resolve {typed}"))
    });
}

/// qa10 12 (SREGym/SREGym#46: `dnsPolicy: None`, `dnsConfig: {nameservers: [8.8.8.8],
/// searches: []}`, "Pod loses all resolution"): with dnsPolicy None the kubelet writes the pod's
/// resolv.conf from spec.dnsConfig alone — pkg/kubelet/network/dns/dns.go GetPodDNS: `case
/// podDNSNone: // DNSNone should use empty DNS settings as the base.` then appendDNSConfig — so
/// neither the cluster DNS nor its search path is there. The first nameserver it names when that
/// is plainly not a cluster resolver: not `dns_ip` (the cluster DNS Service), not in the Service
/// range (another resolver Service), not link-local (169.254.0.0/16: NodeLocal DNSCache's
/// -localip) and not in a node's pod range (a resolver pod). None otherwise.
pub fn dns_none_nameserver(p: &cluster::PodInst, cluster: &Cluster, dns_ip: &str, service_cidrs: &[super::config::Cidr]) -> Option<String> {
    if p.dns_policy.as_deref() != Some("None") {
        return None;
    }
    let first = p.dns_config.as_ref()?.nameservers.first()?.clone();
    let ip: std::net::IpAddr = first.parse().ok()?;
    let link_local = match ip {
        std::net::IpAddr::V4(v4) => v4.is_link_local(),
        std::net::IpAddr::V6(v6) => (v6.segments()[0] & 0xffc0) == 0xfe80,
    };
    let in_cluster = first == dns_ip
        || link_local
        || service_cidrs.iter().any(|c| c.contains(ip))
        || cluster.nodes.iter().flat_map(|n| std::iter::once(&n.pod_cidr).chain(n.pod_cidr_other.as_ref())).filter_map(|c| super::config::Cidr::parse(c)).any(|c| c.contains(ip));
    (!in_cluster).then_some(first)
}

/// qa10 12: the user's own client pod (`--client-pod`, [`user_client`]) runs with dnsPolicy None
/// and a nameserver outside the cluster ([`dns_none_nameserver`]): a path that starts by asking
/// the cluster DNS with the namespace's search path does not happen. The pod asks that
/// nameserver for what the application types, with only the searches its dnsConfig lists, and
/// that resolver knows no names of the cluster zone: each such path of the in-cluster client
/// ends at its DNS hop, as `Nxdomain`, drawn to the client's node (`resolver:<node>`, where its
/// query leaves the cluster). Kept reports are not changed in place (Arc::make_mut).
pub fn dns_none_paths(services: &mut [std::sync::Arc<super::report::ServiceReport>], cluster: &Cluster, client_node: &str, domain: &str, dns_ip: &str, service_cidrs: &[super::config::Cidr]) {
    let Some(p) = user_client(cluster).filter(|p| p.node.as_deref() == Some(client_node)) else { return };
    let Some(ns) = dns_none_nameserver(p, cluster, dns_ip, service_cidrs) else { return };
    let searches = p.dns_config.as_ref().map(|c| c.searches.clone()).unwrap_or_default();
    let search = if searches.is_empty() { "no search domains (spec.dnsConfig.searches is empty)".to_string() } else { format!("only the search domains spec.dnsConfig lists ({})", searches.join(", ")) };
    end_at_client_resolver(services, p, client_node, ": kube-proxy's rules do not depend on DNS", |typed, name, by_ip| {
        let explanation = format!(
            "The client pod {}/{} runs with dnsPolicy: None: the kubelet writes its /etc/resolv.conf from spec.dnsConfig alone, so it has nameserver {ns} and {search}, not the cluster DNS {dns_ip} nor the {}.svc.{domain} search path. It asks {ns} for \"{typed}\", a resolver outside the cluster that knows no {domain} names (unless it forwards them to the cluster DNS): \"{typed}\" never becomes {name}, and the name does not resolve. Remove dnsPolicy: None (ClusterFirst is the default), or name {dns_ip} first in spec.dnsConfig.nameservers with the search domains {}.svc.{domain} svc.{domain} {domain}.{by_ip}",
            p.namespace, p.name, p.namespace, p.namespace
        );
        (explanation, format!("the client pod runs with dnsPolicy: None and asks nameserver {ns} (spec.dnsConfig), not the cluster DNS, which does not resolve {typed}"))
    });
}

/// The namespace of the client a "pod" path starts from on `client_node`: the user's own
/// `client` pod's when it runs there ([`user_client`]: default/client, or the one
/// Config::client_namespace picks), else the stand-in's, default.
pub fn client_namespace_on<'a>(cluster: &'a Cluster, client_node: &str) -> &'a str {
    user_client(cluster).filter(|p| p.node.as_deref() == Some(client_node)).map_or(CLIENT_NAMESPACE, |p| p.namespace.as_str())
}

/// The namespaces that hold a pod named `client` the page's From menu can make the in-cluster
/// client (Running, scheduled, with an address, as [`user_client`] asks), default first.
pub fn client_namespaces(pods: &[super::report::PodReport]) -> Vec<String> {
    let mut out: Vec<String> = pods.iter().filter(|p| p.name == CLIENT_POD && p.phase == "Running" && p.node.is_some() && p.ip.is_some()).map(|p| p.namespace.clone()).collect();
    super::sort::sort_by_key(&mut out, |n| (n != CLIENT_NAMESPACE, n.clone()));
    out.dedup();
    out
}

/// How many input pods the page's From menu offers as the client (a whole cluster has
/// thousands; [`client_candidates`]).
pub const MAX_CLIENT_CANDIDATES: usize = 20;

/// The input pods the page's From menu can make the in-cluster client besides those named
/// `client` (fidfix20: qa3's q/19 asked why "curl backend" fails from pod frontend): Running,
/// scheduled, with an address, and not an endpoint of the Service `svc` (a pod sending to itself
/// through its Service is another question). Host-network pods too (uicheck20): `--client-pod`
/// takes them and [`node_resolver_paths`] draws their DNS hop to the node's resolver (qafix6,
/// pkg/kubelet/network/dns/dns.go getPodDNSType), a scene the page could not reach while the menu
/// left them out. The Service's namespace first; at most [`MAX_CLIENT_CANDIDATES`];
/// `(namespace, name)`.
pub fn client_candidates(pods: &[super::report::PodReport], svc: &super::report::ServiceReport) -> Vec<(String, String)> {
    let out: Vec<(String, String)> = pods.iter().filter(|p| p.name != CLIENT_POD && may_send_to(p, svc)).map(|p| (p.namespace.clone(), p.name.clone())).collect();
    first_candidates(out, |(ns, _)| ns, &svc.namespace)
}

/// Whether input pod `p` can be the in-cluster client of a request to `svc` ([`client_candidates`],
/// netpol's "your pod … is admitted"): Running, scheduled, with an address, not on the host
/// network, and not an endpoint of `svc`.
pub(crate) fn may_be_client(p: &super::cluster::PodInst, svc: &super::report::ServiceReport) -> bool {
    may_send_to(p, svc) && !p.host_network
}

/// Running, scheduled, with an address, and not an endpoint of `svc`: a pod the From menu offers
/// as the client ([`client_candidates`]; host-network ones included, unlike [`may_be_client`]).
fn may_send_to(p: &super::cluster::PodInst, svc: &super::report::ServiceReport) -> bool {
    p.phase == "Running" && p.node.is_some() && p.ip.is_some() && !svc.endpoints.iter().any(|e| e.namespace == p.namespace && e.pod.as_deref() == Some(p.name.as_str()))
}

/// `candidates` with those in namespace `first` (the Service's) before the others, in their
/// order otherwise, at most [`MAX_CLIENT_CANDIDATES`] ([`client_candidates`], netpol's).
pub(crate) fn first_candidates<T>(mut candidates: Vec<T>, namespace: fn(&T) -> &str, first: &str) -> Vec<T> {
    super::sort::sort_by_key(&mut candidates, |c| namespace(c) != first);
    candidates.truncate(MAX_CLIENT_CANDIDATES);
    candidates
}

/// The client's address for a Service of the other family than its first one: on a dual-stack
/// cluster every pod has an address of each family (status.podIPs) and dials an IPv4 clusterIP
/// from its IPv4 one, an IPv6 clusterIP from its IPv6 one. The user's own client pod's second
/// address when the dump has it; else a stand-in near the top of the node's range of that
/// family (10.244.N.250, or fd00:10:244:N::fa).
fn client_ip_of_family(cluster: &Cluster, node: &str, ip: String, svc: &Svc) -> String {
    if ip.contains(':') == svc.ipv6 || svc.cluster_ip.is_none() {
        return ip;
    }
    if let Some(other) = user_client(cluster).filter(|p| p.ip.as_deref() == Some(ip.as_str())).and_then(|p| p.ip_other.clone()) {
        return other;
    }
    let idx = cluster.nodes.iter().position(|n| n.name == node).unwrap_or(0);
    // the client's node's own range of that family (a dual-stack node has one per family),
    // at the offset the stand-in client has in the other
    if let Some(c) = cluster.nodes.get(idx).and_then(|n| n.pod_cidr_other.as_deref()).and_then(Cidr::parse).filter(|c| c.v6 == svc.ipv6) {
        return c.nth(if c.v6 { 0xfa } else { c.size().saturating_sub(6) }).to_string();
    }
    if svc.ipv6 {
        Cidr { base: (0xfd00_0010_0244_0000u128 | idx as u128) << 64, prefix: 64, v6: true }.nth(0xfa).to_string()
    } else {
        format!("10.244.{}.250", idx.min(255))
    }
}

/// The client pod's node and IP: on node `on` when one is asked for (Config::client_node) and
/// the cluster has it; else the user's own `client` pod's ([`user_client`]); else the first
/// node's. A stand-in client has an address near the top of its node's pod CIDR.
pub fn client_pod(cluster: &Cluster, on: Option<&str>) -> (String, String) {
    let stand_in = |n: &cluster::ClusterNode| {
        // (an IPv6 range: its ::fa, the same offset an IPv4 /24's .250 has)
        let ip = Cidr::parse(&n.pod_cidr).map(|c| c.nth(if c.v6 { 0xfa } else { c.size().saturating_sub(6) }).to_string()).unwrap_or_else(|| "10.244.0.250".into());
        (n.name.clone(), ip)
    };
    if let Some(n) = on.and_then(|on| cluster.nodes.iter().find(|n| n.name == on)) {
        return match user_client(cluster) {
            Some(p) if p.node.as_deref() == Some(n.name.as_str()) => (n.name.clone(), p.ip.clone().unwrap_or_default()),
            _ => stand_in(n),
        };
    }
    if let Some(p) = user_client(cluster) {
        return (p.node.clone().unwrap_or_default(), p.ip.clone().unwrap_or_default());
    }
    // `kubectl run` gives a pod without tolerations or a node selector: the first node the
    // scheduler's filters let it on (not a tainted control-plane node), else the first node.
    // A node made from a dump's pods (no Node object: its taints unknown) that runs the
    // kube-apiserver static pod is a kubeadm/kind control plane, tainted
    // node-role.kubernetes.io/control-plane:NoSchedule (kubeadm markcontrolplane): not there
    // either while another node exists
    let plain = PodSpec::default();
    let control_plane = |n: &cluster::ClusterNode| {
        n.simulated
            && cluster.pods.iter().any(|p| p.node.as_deref() == Some(n.name.as_str()) && p.namespace == "kube-system" && p.labels.iter().any(|(k, v)| k == "component" && v == "kube-apiserver"))
    };
    let first_fit = cluster.nodes.iter().filter(|n| cluster::accepts(&plain, n));
    match first_fit.clone().find(|n| !control_plane(n)).or_else(|| first_fit.clone().next()).or(cluster.nodes.first()) {
        Some(n) => stand_in(n),
        None => ("node-1".into(), "10.244.0.250".into()),
    }
}

/// The endpoints kube-proxy on a node uses for this Service port (topology.go
/// CategorizeEndpoints): `node_filter` for a Local traffic policy; otherwise, with `topology`
/// (the node and the cluster), the ready endpoints the EndpointSlice hints leave it
/// ([`topology_mode`]). Also: whether only terminating endpoints were left (the fallback), and
/// the topology rule that narrowed the choice, in words.
fn backends_for(eps: &[Endpoint], sp: &SvcPort, node_filter: Option<&str>, topology: Option<(&Svc, &str, &Cluster)>) -> (Vec<Backend>, bool, Option<String>) {
    let with_port = |e: &&Endpoint| e.ports.iter().any(|p| p.name == sp.name && p.protocol == sp.protocol);
    let local = |e: &&Endpoint| node_filter.is_none_or(|n| e.node.as_deref() == Some(n));
    let mut chosen: Vec<&Endpoint> = eps.iter().filter(with_port).filter(local).filter(|e| e.ready).collect();
    let mut note = None;
    if let (None, Some((svc, node, cluster))) = (node_filter, topology) {
        let zone_of = |n: &str| node_zone(&cluster.nodes, n);
        match topology_mode(svc.traffic_distribution_used(), chosen.iter().map(|e| e.node.as_deref()), &zone_of, node) {
            TopologyMode::SameNode => {
                chosen.retain(|e| e.node.as_deref() == Some(node));
                note = Some(format!("trafficDistribution PreferSameNode: the EndpointSlice hints send {node}'s traffic to the endpoints on {node} only"));
            }
            TopologyMode::SameZone(zone) => {
                chosen.retain(|e| e.node.as_deref().and_then(zone_of) == Some(zone));
                note = Some(format!(
                    "trafficDistribution {}: the EndpointSlice hints keep {node}'s traffic in its zone {zone}",
                    svc.traffic_distribution.as_deref().unwrap_or("PreferClose")
                ));
            }
            // reconciler.go reconcileByAddressType: `canUseTrafficDistribution := … &&
            // !hintsEnabled(service.Annotations)`: the annotation's topology cache writes the
            // hints ([`auto_hints`]); kube-proxy reads them as any (pkg/proxy/topology.go
            // topologyModeFromHints: every ready endpoint hinted, one for the node's zone —
            // then only those)
            TopologyMode::Any if svc.topology_hints_auto && !chosen.is_empty() => {
                let ann = svc.topology_hints_annotation.as_deref().unwrap_or("service.kubernetes.io/topology-mode: Auto");
                let td = svc.traffic_distribution.as_deref().map(|t| format!(" (spec.trafficDistribution {t} is not used: the annotation wins)")).unwrap_or_default();
                let ready: Vec<Option<&str>> = chosen.iter().map(|e| e.node.as_deref()).collect();
                note = Some(match auto_hints(&cluster.nodes, &ready, chosen.iter().any(|e| e.ip.contains(':'))) {
                    Ok(assumed) => {
                        let cpu = if assumed { "; a Node that lists no status.allocatable is counted as 1 CPU here (its kubelet reports the real one)" } else { "" };
                        match zone_of(node) {
                            Some(zone) if chosen.iter().any(|e| e.node.as_deref().and_then(zone_of) == Some(zone)) => {
                                chosen.retain(|e| e.node.as_deref().and_then(zone_of) == Some(zone));
                                format!("{ann}{td}: the EndpointSlice controller hints each ready endpoint for its own zone (every node has a zone and CPU, and each zone enough endpoints for its CPU share), so kube-proxy on {node} uses the endpoints hinted for its zone {zone} only{cpu}")
                            }
                            Some(zone) => format!("{ann}{td}: the EndpointSlice controller writes hints, but none is for {node}'s zone {zone}, so kube-proxy there uses every endpoint{cpu}"),
                            None => format!("{ann}{td}: the EndpointSlice controller writes hints, but the client's node {node} has no {ZONE_LABEL} label, so kube-proxy there uses every endpoint{cpu}"),
                        }
                    }
                    Err(why) => format!("{ann}{td}: {why}{}", if why.ends_with("every endpoint is used") { "" } else { ", so kube-proxy uses every endpoint" }),
                });
            }
            // a trafficDistribution that narrows nothing here: say why, not nothing
            TopologyMode::Any if matches!(svc.traffic_distribution.as_deref(), Some("PreferClose" | "PreferSameZone" | "PreferSameNode")) && !chosen.is_empty() => {
                let td = svc.traffic_distribution.as_deref().unwrap_or_default();
                let zoned = chosen.iter().filter(|e| e.node.as_deref().and_then(zone_of).is_some()).count();
                note = Some(if zoned == 0 {
                    format!("trafficDistribution {td}: the endpoints' nodes have no {ZONE_LABEL} label, so the EndpointSlice controller writes no zone hints and every endpoint is used")
                } else if zoned < chosen.len() {
                    format!("trafficDistribution {td}: {} of the {} ready endpoints' nodes have no {ZONE_LABEL} label, so the EndpointSlice hints are not usable and every endpoint is used", chosen.len() - zoned, chosen.len())
                } else if zone_of(node).is_none() {
                    format!("trafficDistribution {td}: the client's node {node} has no {ZONE_LABEL} label, so kube-proxy there uses every endpoint")
                } else {
                    format!("trafficDistribution {td}: no ready endpoint is in {node}'s zone, so every endpoint is used")
                });
            }
            TopologyMode::Any => {}
        }
    }
    let mut fallback = false;
    if chosen.is_empty() {
        // CategorizeEndpoints: serving-but-terminating endpoints only when no ready ones exist
        chosen = eps.iter().filter(with_port).filter(local).filter(|e| e.serving && e.terminating).collect();
        fallback = !chosen.is_empty();
    }
    let n = chosen.len().max(1) as f64;
    let b = chosen
        .iter()
        .map(|e| {
            let port = e.ports.iter().find(|p| p.name == sp.name && p.protocol == sp.protocol);
            Backend {
                pod: e.pod.clone(),
                ip: e.ip.clone(),
                port: port.map(|p| p.port).unwrap_or(0),
                node: e.node.clone(),
                probability: 1.0 / n,
                declared: port.and_then(|p| p.declared),
                refused: None,
                declared_as: port.and_then(|p| p.declared_as.clone()),
            }
        })
        .collect();
    (b, fallback, note)
}

/// What the EndpointSlice controller's topology cache makes of a Service annotated
/// service.kubernetes.io/topology-mode: Auto (k8s.io/endpointslice topologycache
/// topologycache.go): SetNodes counts the ready nodes without a control-plane/master role label,
/// each of which needs a zone label and allocatable CPU (else "Insufficient Node information"), in
/// two zones or more; getAllocations gives each zone a share of the ready endpoints by its CPU
/// (minimum ceil(share / 1.2): overloadThreshold 0.2), refusing when zones outnumber endpoints
/// or the minimums exceed them; AddHints hints each ready endpoint for its own zone ("One or more
/// endpoints do not have a zone specified" when one has none), then moves hints from zones with
/// more same-zone endpoints than their desired count (CPU share, at least the minimum) to zones
/// with fewer (utils.go getGivingAndReceivingZones, redistributeHints) — even inside the
/// minimum..maximum range (review22). Every event message ends ", addressType: IPv4" (or IPv6).
/// Ok: every endpoint hinted for its own zone (no move needed). Err: the controller's event
/// message (event.go) and why, in words; or a redistribution this model does not follow.
/// A Node that does not list allocatable CPU (hand-written) counts as 1 CPU: its kubelet
/// reports one (`assumed` says so).
pub fn auto_hints(nodes: &[cluster::ClusterNode], ready_nodes: &[Option<&str>], ipv6: bool) -> Result<bool, String> {
    // AddHints: every event message goes through FormatWithAddressType (utils.go): ", addressType: IPv4"
    let at = if ipv6 { "IPv6" } else { "IPv4" };
    let counted: Vec<&cluster::ClusterNode> = nodes
        .iter()
        .filter(|n| n.ready && !n.labels.iter().any(|(k, _)| k == "node-role.kubernetes.io/control-plane" || k == "node-role.kubernetes.io/master"))
        .collect();
    let mut assumed = false;
    let mut cpu_by_zone: Vec<(&str, u64)> = Vec::new();
    for n in &counted {
        let zone = n.labels.iter().find(|(k, _)| k == ZONE_LABEL).map(|(_, v)| v.as_str()).filter(|z| !z.is_empty());
        let cpu = match (n.allocatable_cpu(), n.simulated) {
            (Some(c), _) => c,
            (None, false) => {
                assumed = true;
                1000
            }
            (None, true) => 0,
        };
        let Some(zone) = zone.filter(|_| cpu > 0) else {
            return Err(format!("the EndpointSlice controller writes no hints: TopologyAwareHintsDisabled \"Insufficient Node information: allocatable CPU or zone not specified on one or more nodes, addressType: {at}\" (node {} {})", n.name, if zone.is_none() { format!("has no {ZONE_LABEL} label") } else { "lists no allocatable CPU".to_string() }));
        };
        match cpu_by_zone.iter_mut().find(|(z, _)| *z == zone) {
            Some((_, c)) => *c += cpu,
            None => cpu_by_zone.push((zone, cpu)),
        }
    }
    if cpu_by_zone.len() < 2 {
        return Err(format!(
            "the EndpointSlice controller writes no hints: TopologyAwareHintsDisabled \"Insufficient Node information: allocatable CPU or zone not specified on one or more nodes, addressType: {at}\" (its nodes are in {} zone{}: topology aware routing needs two or more)",
            cpu_by_zone.len(),
            if cpu_by_zone.len() == 1 { "" } else { "s" }
        ));
    }
    let n = ready_nodes.len();
    if cpu_by_zone.len() > n {
        return Err(format!("the EndpointSlice controller writes no hints: TopologyAwareHintsDisabled \"Insufficient number of endpoints ({n} endpoints, {} zones), addressType: {at}\": each zone needs one at least", cpu_by_zone.len()));
    }
    let total: u64 = cpu_by_zone.iter().map(|(_, c)| c).sum();
    let mut allocations: Vec<(&str, usize)> = Vec::new();
    let mut min_total = 0;
    for (zone, cpu) in &cpu_by_zone {
        let desired = *cpu as f64 / total as f64 * n as f64;
        let minimum = (desired * (1.0 / 1.2)).ceil() as usize;
        min_total += minimum;
        if min_total > n {
            return Err(format!("the EndpointSlice controller writes no hints: TopologyAwareHintsDisabled \"Unable to allocate minimum required endpoints to each zone without exceeding overload threshold ({n} endpoints, {} zones), addressType: {at}\"", cpu_by_zone.len()));
        }
        allocations.push((zone, minimum));
    }
    // allocation.desired: max(desired, minimum) — getGivingAndReceivingZones aims at it
    let desired_of = |zone: &str| {
        let cpu = cpu_by_zone.iter().find(|(z, _)| *z == zone).map_or(0, |(_, c)| *c);
        let desired = cpu as f64 / total as f64 * n as f64;
        desired.max((desired * (1.0 / 1.2)).ceil())
    };
    let zone_of = |node: &str| nodes.iter().find(|x| x.name == node).and_then(|x| x.labels.iter().find(|(k, _)| k == ZONE_LABEL)).map(|(_, v)| v.as_str()).filter(|z| !z.is_empty());
    let mut by_zone: Vec<(&str, usize)> = Vec::new();
    for node in ready_nodes {
        let Some(z) = node.and_then(zone_of) else {
            return Err(format!("the EndpointSlice controller writes no hints: TopologyAwareHintsDisabled \"One or more endpoints do not have a zone specified, addressType: {at}\" (an endpoint's node has no zone label)"));
        };
        match by_zone.iter_mut().find(|(x, _)| *x == z) {
            Some((_, c)) => *c += 1,
            None => by_zone.push((z, 1)),
        }
    }
    // utils.go getGivingAndReceivingZones: a zone with more same-zone hints than its desired
    // count gives, one with fewer receives; one endpoint moves while the zone with the most to
    // give and the one with the most to receive both lack 0.5 or more, and one of them 1 or
    // more — inside [minimum, maximum] too (two zones of 3 and 1 CPU, 5 + 3 endpoints: desired
    // 6 and 2, so one of zone b's endpoints is hinted for zone a). redistributeHints then moves
    // that many, so hints move exactly when the first step finds a pair.
    let have = |zone: &str| by_zone.iter().find(|(z, _)| *z == zone).map_or(0, |(_, c)| *c);
    let mut giving: Vec<(&str, f64)> = Vec::new();
    let mut receiving: Vec<(&str, f64)> = Vec::new();
    for (zone, _) in &allocations {
        let (h, d) = (have(zone) as f64, desired_of(zone));
        if h > d {
            giving.push((zone, h - d));
        } else if h < d {
            receiving.push((zone, d - h));
        }
    }
    let most = |v: &[(&str, f64)]| v.iter().map(|(_, x)| *x).fold(0.0_f64, f64::max);
    let (give, receive) = (most(&giving), most(&receiving));
    let moves = give > 0.0 && receive > 0.0 && !(give < 1.0 && receive < 1.0) && give >= 0.5 && receive >= 0.5;
    if moves {
        let counts = allocations
            .iter()
            .map(|(zone, _)| format!("{zone}: {} (its CPU share: {})", have(zone), { let d = super::decimal::fixed(desired_of(zone), 1); d.strip_suffix(".0").map(str::to_string).unwrap_or(d) }))
            .collect::<Vec<_>>()
            .join(", ");
        return Err(format!("the ready endpoints are not spread as the zones' CPU is ({counts}): the EndpointSlice controller hints some endpoints for another zone than their own (redistributeHints, in the EndpointSlices' order: not followed here); here every endpoint is used"));
    }
    Ok(assumed)
}

/// The node label the EndpointSlice controller reads an endpoint's zone from.
pub const ZONE_LABEL: &str = "topology.kubernetes.io/zone";

/// The zone of the node named `name` (its ZONE_LABEL), as the EndpointSlice controller reads it.
pub fn node_zone<'a>(nodes: &'a [cluster::ClusterNode], name: &str) -> Option<&'a str> {
    nodes.iter().find(|x| x.name == name).and_then(|x| x.labels.iter().find(|(k, _)| k == ZONE_LABEL)).map(|(_, v)| v.as_str())
}

/// Which endpoints kube-proxy on a node keeps under trafficDistribution.
#[derive(Debug, Clone, PartialEq)]
pub enum TopologyMode<'a> {
    Any,
    SameZone(&'a str),
    SameNode,
}

/// kube-proxy's topologyModeFromHints (pkg/proxy/topology.go) over the hints the EndpointSlice
/// controller writes for `trafficDistribution` (k8s.io/endpointslice trafficdist.go
/// preferCloseHeuristic: for PreferClose, PreferSameZone and PreferSameNode each ready endpoint
/// is hinted for its own zone when its node has one, and for PreferSameNode for its own node
/// too; any other value writes no hints). `ready` are the ready endpoints' nodes. Same node
/// when every ready endpoint has a node hint and one is on `node` (the PreferSameTrafficDistribution
/// gate, on by default); else same zone when every one has a zone hint and one is in `node`'s zone.
pub fn topology_mode<'a, 'b>(td: Option<&str>, ready: impl Iterator<Item = Option<&'b str>>, zone_of: &dyn Fn(&str) -> Option<&'a str>, node: &str) -> TopologyMode<'a> {
    if !matches!(td, Some("PreferClose" | "PreferSameZone" | "PreferSameNode")) {
        return TopologyMode::Any;
    }
    let node_hints = td == Some("PreferSameNode");
    let my_zone = zone_of(node);
    let (mut any, mut all_node, mut for_node, mut all_zone, mut for_zone) = (false, true, false, true, false);
    for n in ready {
        any = true;
        match n {
            Some(n) if node_hints => for_node |= n == node,
            _ => all_node = false,
        }
        match n.and_then(zone_of) {
            Some(z) => for_zone |= my_zone == Some(z),
            None => all_zone = false,
        }
    }
    if !any {
        TopologyMode::Any
    } else if node_hints && all_node && for_node {
        TopologyMode::SameNode
    } else if all_zone && for_zone {
        my_zone.map_or(TopologyMode::Any, TopologyMode::SameZone)
    } else {
        TopologyMode::Any
    }
}

/// The full stop after a sentence that ends with a name: none when the name is written
/// fully qualified with its own trailing dot (`api.example.com.`; learner11 q/17 read
/// "api.example.com..").
fn full_stop(sentence: &str) -> &'static str {
    if sentence.ends_with('.') {
        ""
    } else {
        "."
    }
}

/// Whether `text` is more than one sentence (an inner ". ") that does not end like one:
/// ".", "?", "!" or a closing parenthesis. A single clause ("…cluster DNS answers with the
/// clusterIP 10.96.0.10") keeps the report's convention of no final period.
pub(crate) fn lacks_its_period(text: &str) -> bool {
    text.contains(". ") && !text.ends_with(['.', '?', '!', ')'])
}

/// (uifix20; uicheck22 items 3-4, uifix19 item 7's rest) every hop explanation and path note
/// of more than one sentence ends with its period: about thirty places compose one from a
/// sentence and a clause that, alone, ends without one ("…(ICMP port unreachable). {why}",
/// "…catch the packet", "…no answer comes, the client's connection times out{others}", the
/// pending load balancer's "…its nodePorts are open on every node"), so the caption, the CLI's
/// text and the JSON showed ~30 explanations ending mid-air. Done once, after every pass that
/// writes them (paths, NetworkPolicy, the node resolver, Ingress, Gateway), so that words
/// written later keep the rule too. A Service whose texts all end well is not copied.
pub fn end_sentences(services: &mut [std::sync::Arc<super::report::ServiceReport>]) {
    for slot in services.iter_mut() {
        // (a Service the incremental cache reused, its texts untouched since: not copied)
        if slot.paths.iter().any(|p| p.hops.iter().any(|h| lacks_its_period(&h.explanation)) || p.note.as_deref().is_some_and(lacks_its_period)) {
            end_path_sentences(&mut std::sync::Arc::make_mut(slot).paths);
        }
    }
}

/// [`end_sentences`] of one Service's paths: done also as [`paths`] makes them, before the
/// incremental cache keeps the Service's report (core::ServiceCache), so that a reused report
/// is not copied again at every keystroke to add the same periods.
pub fn end_path_sentences(paths: &mut [Path]) {
    for p in paths.iter_mut() {
        for h in p.hops.iter_mut().filter(|h| lacks_its_period(&h.explanation)) {
            h.explanation.push('.');
        }
        if let Some(n) = p.note.as_mut().filter(|n| lacks_its_period(n)) {
            n.push('.');
        }
    }
}

/// Why nothing answers: the nearest misses, in one sentence.
fn no_endpoint_reason(svc: &Svc, res: &Resolution, sp: Option<&SvcPort>, cluster: &Cluster) -> String {
    let sel = match &svc.selector {
        None => {
            // addresses that carry this port but none ready (notReadyAddresses, which
            // endpointslicemirroring writes ready=false: utils.go addressToEndpoint; or
            // conditions.ready false): that is why
            let carrying = sp.map_or(0, |sp| res.endpoints.iter().filter(|e| e.ports.iter().any(|p| p.name == sp.name && p.protocol == sp.protocol)).count());
            let mut s = if res.endpoints.is_empty() {
                format!("Service {} has no selector and no Endpoints/EndpointSlices name it, so it has no endpoints", svc.name)
            } else if carrying > 0 {
                format!(
                    "Service {} has no selector; its Endpoints/EndpointSlices list {} for this port, but none is ready (notReadyAddresses, or conditions.ready false), so kube-proxy sends no traffic to {}",
                    svc.name,
                    super::report::count(carrying, "address", "addresses"),
                    super::report::agree(carrying, "it", "them"),
                )
            } else {
                // endpoints exist, but none for this port: kube-proxy pairs a Service port with the
                // endpoint ports of the same name (pkg/proxy/endpointslicecache.go)
                let port = sp.map_or_else(|| "of this Service port's name".to_string(), |p| match &p.name {
                    Some(n) => format!("named \"{n}\" as this Service port is"),
                    None => "unnamed as this Service port is".to_string(),
                });
                format!(
                    "Service {} has no selector; its Endpoints/EndpointSlices list {}, but none of their ports is {port} (endpoint ports are matched to Service ports by name)",
                    svc.name,
                    super::report::count(res.endpoints.len(), "address", "addresses"),
                )
            };
            if !res.refused.is_empty() {
                let _ = write!(s, "; {}", res.refused.join("; "));
            }
            return s;
        }
        Some(s) => super::model::labels_text(s, ","),
    };
    let mut s = if res.selected.is_empty() {
        format!("selector {sel} matches 0 pods in namespace {}", svc.namespace)
    } else {
        match res.selected.len() {
            1 => format!("selector {sel} matches 1 pod, but it is not a ready endpoint for this port"),
            n => format!("selector {sel} matches {n} pods, but none is a ready endpoint for this port"),
        }
    };
    // group pods that miss for the same reason
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for m in &res.near_misses {
        match groups.iter_mut().find(|(r, _)| *r == m.reason) {
            Some(g) => g.1.push(&m.pod),
            None => groups.push((&m.reason, vec![&m.pod])),
        }
    }
    let misses: Vec<String> = groups
        .iter()
        .take(3)
        .map(|(reason, pods)| {
            let who = if pods.len() > 3 { format!("{}, … ({} pods)", pods[..2].join(", "), pods.len()) } else { pods.join(", ") };
            format!("{who}: {reason}")
        })
        .collect();
    // why the selected pods are not Ready, when the pods say (cluster.rs not_ready_reason: a
    // probe on an undeclared port name, a readiness gate, a container's state): the headline a
    // learner reads first names the cause, not only "not a ready endpoint" (fidfix20: qa3's
    // q/33, jacksontj/promxy#372, probes on port web the container does not name)
    let mut unready: Vec<(&str, Vec<&str>)> = Vec::new();
    for name in res.selected.iter().take(3) {
        let Some(why) = cluster.pods.iter().find(|p| p.name == *name && p.namespace == svc.namespace && !p.ready).and_then(|p| p.not_ready_reason.as_deref()) else { continue };
        match unready.iter_mut().find(|(r, _)| *r == why) {
            Some(g) => g.1.push(name),
            None => unready.push((why, vec![name])),
        }
    }
    for (why, pods) in unready.iter().take(2) {
        let _ = write!(s, "; {}: {why}", pods.join(", "));
    }
    // (a refused or scaled-to-zero workload first: it is why, more than the nearest pod)
    if !res.refused.is_empty() {
        let _ = write!(s, "; {}", res.refused.join("; "));
    }
    if !misses.is_empty() {
        let _ = write!(s, "; nearest: {}", misses.join("; "));
    }
    s
}

fn kube_proxy_choice(backends: &[Backend], svc: &Svc, sp: &SvcPort, fallback: bool, topology: Option<&str>) -> String {
    // UDP has no connections: the pick is kept per conntrack flow (learner9 U Q15;
    // pkg/proxy/conntrack/cleanup.go CleanStaleEntries clears a gone endpoint's UDP flows)
    let per = if sp.protocol == "UDP" { "per flow: UDP has no connections, conntrack keeps each source port's pick" } else { "per connection" };
    let mut s = if backends.len() == 1 {
        "kube-proxy's rules have one endpoint to pick".to_string()
    } else {
        format!("kube-proxy's rules pick one of {} endpoints at random (1/{} each, {per})", backends.len(), backends.len())
    };
    if let Some(t) = topology {
        let _ = write!(s, " ({t})");
    }
    if svc.session_affinity == "ClientIP" {
        let _ = write!(s, "; sessionAffinity ClientIP sticks this client to the first pick for {} s", svc.session_affinity_timeout.unwrap_or(10800));
        // qa5 01 (kubernetes/kubernetes#103000): the stickiness is per Service port — each
        // port's KUBE-SVC chain checks `-m recent --name <its KUBE-SEP chain>`
        // (pkg/proxy/iptables/proxier.go writeServiceToEndpointRules), so one client may stick
        // to different pods on the Service's different ports
        let others: Vec<String> = svc.ports.iter().filter(|p| p.port != sp.port || p.protocol != sp.protocol).map(|p| format!("{}/{}", p.port, p.protocol)).collect();
        if !others.is_empty() {
            let _ = write!(s, 
                " on this Service port only: each port keeps its own affinity list (kube-proxy's -m recent list is named after that port's endpoint chain), so on {} this client may stick to another pod",
                others.join(", ")
            );
        }
        // qa8 08 (kubernetes/kubernetes#86522, timeoutSeconds: 2 "did not take affect"): the
        // KUBE-SVC chain's `-m recent --rcheck --seconds T --reap` reads the time the client was
        // last seen, and the endpoint chain's `-m recent --set` re-sets it on every new
        // connection (pkg/proxy/iptables/proxier.go writeServiceToEndpointRules, syncProxyRules):
        // the count restarts with each connection, it is not a lifetime from the first
        let t = svc.session_affinity_timeout.unwrap_or(10800);
        let _ = write!(s, 
            "; the {t} s count from this client's latest new connection, not its first: each new connection re-sets kube-proxy's -m recent entry, so connections less than {t} s apart stay on that pod"
        );
    }
    if fallback {
        s.push_str("; only terminating-but-serving endpoints are left, so they are used as a fallback");
    }
    s
}

/// A delivered path whose first pick is a pod that declares no such containerPort: Kubernetes
/// forwards anyway (containerPort is informational, FindPort uses a number as is), so the
/// connection reaches the pod and is refused unless the process listens there.
fn delivered(b: &Backend, proto: Option<&str>, reason: String) -> (Outcome, String) {
    match (b.declared, &b.declared_as) {
        // the number declared with another protocol (qa3 24, valheim-k8s#24: containerPorts
        // without protocol, so TCP, behind a UDP Service): Container.Ports "is primarily
        // informational. Not specifying a port here DOES NOT prevent that port from being exposed"
        // (staging/src/k8s.io/api/core/v1/types.go), so the packet arrives either way
        (Some(false), Some(other)) => {
            let proto = proto.unwrap_or("this port's protocol");
            (
                Outcome::UndeclaredPort,
                format!(
                    "forwarded to {}, where {} declares port {} only as {other}: containerPort is informational, so {proto} arrives and is answered if the app serves {proto} on {}; the protocol on one side is wrong (the containerPort's, if the app serves {proto}; else the Service port's)",
                    host_port(&b.ip, b.port),
                    b.pod.clone().unwrap_or_else(|| b.ip.clone()),
                    b.port,
                    b.port
                ),
            )
        }
        (Some(false), None) => (
            Outcome::UndeclaredPort,
            format!(
                "forwarded to {}, but no container in {} declares port {}: containerPort is informational, so the packet arrives and the connection is refused unless the process listens on {}",
                host_port(&b.ip, b.port),
                b.pod.clone().unwrap_or_else(|| b.ip.clone()),
                b.port,
                b.port
            ),
        ),
        _ => (Outcome::Delivered, reason),
    }
}

/// The reason of a controller's path (Ingress, Gateway) whose first pick declares no such
/// containerPort, as [`delivered`] says it for kube-proxy's: declared with another protocol
/// (fidfix20; qafix3's `declared_as`), or not at all. The controller opens TCP connections.
pub fn proxied_undeclared(b: &Backend) -> String {
    let target = host_port(&b.ip, b.port);
    let pod = b.pod.clone().unwrap_or_else(|| b.ip.clone());
    match &b.declared_as {
        Some(other) => format!(
            "forwarded to {target}, where {pod} declares port {} only as {other}: containerPort is informational, so TCP arrives and is answered if the app serves TCP on {}; the protocol on one side is wrong (the containerPort's, if the app serves TCP; else the Service port's)",
            b.port, b.port
        ),
        None => format!("forwarded to {target}, but no container in {pod} declares port {}: refused unless the process listens there", b.port),
    }
}

fn undeclared_note(b: &Backend) -> String {
    match (b.declared, &b.declared_as) {
        (Some(false), Some(other)) => format!(" This pod declares that port only as {other} (containerPort is informational): it is forwarded anyway, and answered if the app serves this protocol there."),
        (Some(false), None) => " No container of this pod declares that port; it is forwarded anyway, and refused unless a process listens there.".to_string(),
        _ => String::new(),
    }
}

/// The sentence saying the packet crosses to another node to reach `b`, if it does.
fn cross_note(b: &Backend, via_node: &str) -> String {
    match &b.node {
        Some(n) if n != via_node => format!(" The pod runs on {n}, so the packet crosses the pod network from {via_node} to {n}."),
        _ => String::new(),
    }
}

fn deliver_hop(kind: HopKind, from: String, src: &str, dst: &str, b: &Backend, via_node: &str, explanation: String) -> Hop {
    let to = format!("pod:{}", b.pod.clone().unwrap_or_else(|| b.ip.clone()));
    let target = host_port(&b.ip, b.port);
    hop(kind, from, to, src.to_string(), dst.to_string(), Some(target), format!("{explanation}.{}{}", cross_note(b, via_node), undeclared_note(b)))
}

/// A named targetPort that the endpoint's pod declares only on a native sidecar (an init
/// container with restartPolicy: Always): which clusters resolve it (learner9 Q14). FindPort
/// (pkg/api/v1/pod/util.go) looks at restartable init containers since v1.32 (kubernetes#127976),
/// but the EndpointSlice controller uses its own copy, findPort in
/// staging/src/k8s.io/endpointslice/utils.go ("also support sidecar container"), fixed only in
/// v1.33 (kubernetes#128850, not backported): before that the endpoint is published without
/// this port. Empty when the name is a container's, or the port is a number.
fn sidecar_port_note(svc: &Svc, sp: &SvcPort, b: &Backend, cluster: &Cluster) -> String {
    let super::model::IntOrString::Str(name) = &sp.target_port else { return String::new() };
    // (no pod has a sidecar port: no search through every pod for each path — 10% of a
    // 10,000-pod dump's analysis, session 14's bench)
    if cluster.pods_with_sidecar_ports == 0 {
        return String::new();
    }
    let Some(pod) = b.pod.as_deref().and_then(|n| cluster.pods.iter().find(|p| p.name == n && p.namespace == svc.namespace)) else { return String::new() };
    let named = |c: &&super::model::Container| c.ports.iter().any(|p| p.name.as_deref() == Some(name.as_str()) && p.protocol.as_deref().unwrap_or("TCP") == sp.protocol);
    if pod.containers.iter().any(|c| named(&c)) {
        return String::new();
    }
    let Some(c) = pod.sidecars.iter().find(|c| named(c)) else { return String::new() };
    format!(
        ". \"{name}\" is a port of the native sidecar {} (an init container with restartPolicy: Always): the EndpointSlice controller resolves it on v1.33 and later (kubernetes#128850); older clusters publish the endpoint without this port, so nothing reaches it there: use the number {} as targetPort",
        c.name, b.port
    )
}

/// Where the DNAT's port comes from: the targetPort, or — a Service without a selector, whose
/// endpoints are the user's Endpoints/EndpointSlices — their port: the endpoints controller skips
/// such a Service (pkg/controller/endpoint/endpoints_controller.go syncService), so targetPort
/// is never resolved (qa3 06, kubernetes#90427: targetPort 15461, Endpoints 15460).
fn target_words(svc: &Svc, sp: &SvcPort, b: &Backend) -> String {
    if svc.selector.is_none() && b.pod.is_none() {
        if sp.target_port.to_string() == b.port.to_string() {
            "the Endpoints' port".to_string()
        } else {
            format!("the Endpoints' port: without a selector, targetPort {} is unused", sp.target_port)
        }
    } else {
        format!("targetPort {}", sp.target_port)
    }
}

/// How the words on a hairpin connection (the client reaching itself) begin.
const HAIRPIN: &str = ". The client is this endpoint itself (hairpin)";

/// Aim a path's last hop at backend `i` (kube-proxy's pick for one request of a burst, or the
/// pod sessionAffinity keeps): the paths name the first backend, whose address, node crossing and
/// undeclared-port words ([`deliver_hop`]) become this backend's, and the reason names it.
pub fn retarget(path: &mut Path, i: usize) {
    if i == 0 || i >= path.backends.len() {
        return;
    }
    let (first, b) = (path.backends[0].clone(), path.backends[i].clone());
    let name = |b: &Backend| b.pod.clone().unwrap_or_else(|| b.ip.clone());
    // a NetworkPolicy's drop at the first pick (core::netpol: a Drop hop at the pod after
    // kube-proxy's DNAT) comes off; this backend's own, if it refuses too, goes back on
    // an ingress controller's own connection (core::ingress::paths): no DNAT, its destination
    // is the endpoint it picked
    if matches!(path.entry, Entry::Ingress | Entry::HttpRoute) {
        if let Some(last) = path.hops.last_mut().filter(|h| h.to.starts_with("pod:")) {
            last.explanation = last.explanation.replace(&format!("; here {}.", name(&first)), &format!("; this request: {}.", name(&b)));
            last.to = format!("pod:{}", name(&b));
            last.dst = host_port(&b.ip, b.port);
        }
        path.reason = path.reason.replace(&format!("first pick {}", name(&first)), &format!("this request: {}", name(&b)));
        return;
    }
    let policy_drop = first.refused.is_some() && path.hops.last().is_some_and(|h| h.kind == HopKind::Drop && h.from == h.to && h.from.starts_with("pod:"));
    if policy_drop {
        path.hops.pop();
    }
    if let Some(last) = path.hops.last_mut() {
        if let (true, Some(old)) = (last.to.starts_with("pod:"), last.rewritten.clone()) {
            let new = host_port(&b.ip, b.port);
            // a hop from a node's kube-proxy crosses to the backend's node; a load balancer that
            // sends straight to pods was given the backend's own node (no crossing)
            let via = match last.from.split_once(':') {
                Some(("kube-proxy", via)) => Some(via.to_string()),
                _ => None,
            };
            let tail = |b: &Backend| format!("{}{}", via.as_deref().map(|v| cross_note(b, v)).unwrap_or_default(), undeclared_note(b));
            let base = last.explanation.strip_suffix(&tail(&first)).unwrap_or(&last.explanation).replace(&old, &new);
            // (the first pick's hairpin words are not this backend's)
            let base = base.split(HAIRPIN).next().unwrap_or_default().to_string();
            last.explanation = format!("{base}{} This request: {}.", tail(&b), name(&b));
            last.to = format!("pod:{}", name(&b));
            last.rewritten = Some(new);
        }
    }
    path.reason = path.reason.replace(&format!("first pick {}", name(&first)), &format!("this request: {}", name(&b)));
    if let (Some(why), Some(last)) = (&b.refused, path.hops.last().cloned()) {
        let to = format!("pod:{}", name(&b));
        path.hops.push(hop(HopKind::Drop, to.clone(), to, last.src.clone(), host_port(&b.ip, b.port), None,
            format!("The packet reaches {}'s network interface. {why}; no answer comes, the client's connection times out", name(&b))));
        path.outcome = Outcome::Dropped;
        path.reason = format!("this request: {}: {why}", name(&b));
    } else if policy_drop {
        // the first pick was refused, this backend admits the client
        (path.outcome, path.reason) = delivered(&b, path.protocol.as_deref(), format!("this request: {}", name(&b)));
    }
}

/// How the in-cluster client asks for a Service's name, in words. The client pod lives in
/// `client_ns` (default, or the user's own client's); its resolv.conf search list is
/// <ns>.svc.<zone> svc.<zone> <zone> (dnsPolicy ClusterFirst: kubelet pkg/kubelet/network/dns
/// dns.go generateSearchesForDNSClusterFirst), so a bare name works only for Services in its
/// own namespace.
fn asked(name: &str, namespace: &str, client_ns: &str, domain: &str) -> String {
    let fqdn = super::resolve::concat(&[name, ".", namespace, ".svc.", domain]);
    if namespace == client_ns {
        format!("The client asks for \"{name}\"; its search path ({client_ns}.svc.{domain}, svc.{domain}, {domain}) expands that to {fqdn}")
    } else {
        format!("The client (namespace {client_ns}) asks for \"{name}.{namespace}\": a bare \"{name}\" would expand to {name}.{client_ns}.svc.{domain} and miss. The search path makes it {fqdn}")
    }
}

/// An ExternalName's target as cluster DNS sees it: the name without its trailing dot, in lower
/// case (DNS compares names case-insensitively), and whether it lies in the cluster's zone.
pub fn external_target(ext: &str, domain: &str) -> (String, bool) {
    let t = ext.trim_end_matches('.').to_ascii_lowercase();
    let zone = domain.trim_end_matches('.').to_ascii_lowercase();
    let in_zone = t == zone || t.ends_with(&format!(".{zone}"));
    (t, in_zone)
}

/// The Service (`namespace`, `name`) an in-zone name `<name>.<namespace>.svc.<zone>` stands for.
pub fn service_of(target: &str, domain: &str) -> Option<(String, String)> {
    let zone = domain.trim_end_matches('.').to_ascii_lowercase();
    let rest = target.strip_suffix(&format!(".svc.{zone}"))?;
    let (name, ns) = rest.split_once('.')?;
    (!name.is_empty() && !ns.is_empty() && !ns.contains('.')).then(|| (ns.to_string(), name.to_string()))
}

/// What an ExternalName's in-zone target is, for [`chase_external_name`].
pub enum ChaseTarget<'a> {
    /// no Service has that name (or the API server refused it): cluster DNS has no record
    Missing,
    /// the CNAMEs loop, or more than 8 follow one another: CoreDNS stops adding them
    /// (backend_lookup.go A: `len(previousRecords) > 7`, `dnsutil.DuplicateCNAME`)
    Loop,
    /// the chain of ExternalNames ends at this name outside the cluster zone
    Outside(String),
    /// a Service of this cluster with a clusterIP or headless: its own paths from the client
    Service {
        namespace: &'a str,
        name: &'a str,
        headless: bool,
        cluster_ip: Option<&'a str>,
        ports: &'a [SvcPort],
        paths: &'a [Path],
        answers: Vec<String>,
        /// its ready endpoints (a headless target's client dials their own addresses)
        endpoints: &'a [Endpoint],
    },
}

/// The in-cluster client's path through an ExternalName Service whose externalName is a name in
/// the cluster's own zone (the documented way to reach a Service of another namespace by a local
/// name). Cluster DNS does not hand such a CNAME back for the client to chase outside: CoreDNS
/// follows a CNAME whose target is in its zone itself and answers with the CNAME and the
/// target's records, or with nothing when the target has none (coredns/coredns
/// plugin/backend_lookup.go `A`: `dns.IsSubDomain(zone, serv.Host)` → `A(…, state1, …)`, the CNAME
/// kept only `if len(nextRecords) > 0`). The client then talks to the target as if it had asked
/// for it: through its clusterIP (kube-proxy, the target's ports), or to its pods (headless).
/// `chain`: the names the CNAMEs lead through, the externalName first (more than one where that
/// name is itself an ExternalName Service of this cluster). `own_port`: the ExternalName's first
/// port and protocol (its ports are informational: the application dials it), else the
/// target's first is dialled. `declares(endpoint, port, protocol)`: whether the endpoint's pod
/// declares that containerPort. None when the target's path for that port is not drawn.
#[allow(clippy::too_many_arguments)]
pub fn chase_external_name(
    svc_name: &str,
    svc_ns: &str,
    chain: &[String],
    own_port: Option<(i64, &str)>,
    target: ChaseTarget<'_>,
    declares: &dyn Fn(&Endpoint, i64, &str) -> Option<bool>,
    (client_node, client_ip): (&str, &str),
    client_ns: &str,
    domain: &str,
) -> Option<Path> {
    let fqdn = format!("{svc_name}.{svc_ns}.svc.{domain}");
    let t = chain.last().cloned().unwrap_or_default();
    let client = format!("pod:{CLIENT_POD}");
    let csrc = host_port(client_ip, CLIENT_SPORT);
    let mut cname = format!("{}. Cluster DNS holds a CNAME: {fqdn} is an alias of {}", asked(svc_name, svc_ns, client_ns, domain), chain.first().map(String::as_str).unwrap_or_default());
    for w in chain.windows(2) {
        let _ = write!(cname, ", itself an ExternalName Service: an alias of {}", w[1]);
    }
    let dns = |text: String| hop(HopKind::Dns, client.clone(), "dns:cluster-dns".into(), csrc.clone(), format!("{fqdn}?"), None, text);
    let path = |port: Option<i64>, protocol: Option<String>, hops: Vec<Hop>, outcome: Outcome, reason: String| Path { route_kind: None, protocol, entry: Entry::Pod, node: Some(client_node.to_string()), port, hops, outcome, reason, backends: vec![], note: None, ingress: None, allowed_by: None, hint: None };
    let in_zone = format!("{cname}{} That name is in the cluster's own zone ({domain}), so cluster DNS follows the CNAME itself", full_stop(&cname));
    let (namespace, name, headless, cluster_ip, ports, paths, answers, endpoints) = match target {
        ChaseTarget::Missing => {
            return Some(path(own_port.map(|p| p.0), None, vec![dns(format!("{in_zone}, finds no Service, pod or endpoint by that name and answers with nothing: CoreDNS leaves out a CNAME whose in-zone target has no records, so the name does not resolve"))],
                Outcome::Nxdomain, format!("ExternalName to {t}, a name in the cluster zone that no Service has: cluster DNS answers nothing")));
        }
        ChaseTarget::Loop => {
            return Some(path(own_port.map(|p| p.0), None, vec![dns(format!("{cname}. The aliases lead back to a name already followed (or more than 8 follow one another): cluster DNS stops following them and answers with nothing, so the name does not resolve"))],
                Outcome::Nxdomain, "ExternalName Services that alias each other in a loop: cluster DNS answers nothing".to_string()));
        }
        ChaseTarget::Outside(out) => {
            let (dst, dialled) = match own_port {
                Some((p, _)) => (format!("{out}:{p}"), format!("on the port it dialled ({p})")),
                None => (out.clone(), "on whatever port its application dials (this Service declares no ports)".to_string()),
            };
            return Some(path(own_port.map(|p| p.0), own_port.map(|p| p.1.to_string()), vec![
                dns(format!("{cname}. The last name is outside the cluster zone: cluster DNS follows the in-zone aliases itself, asks its upstream resolver for {out}, and answers with every CNAME and {out}'s addresses")),
                hop(HopKind::Direct, client.clone(), format!("external:{out}"), csrc.clone(), dst, None,
                    format!("The client connects straight to {out} {dialled}. kube-proxy is not involved and no port is remapped: an ExternalName Service is only a DNS alias")),
            ], Outcome::External, format!("DNS alias (through {}) to {out}; traffic leaves the cluster directly", chain[..chain.len() - 1].join(", "))));
        }
        ChaseTarget::Service { namespace, name, headless, cluster_ip, ports, paths, answers, endpoints } => (namespace, name, headless, cluster_ip, ports, paths, answers, endpoints),
    };
    let dialled = own_port.map(|p| p.0).or_else(|| ports.first().map(|p| p.port));
    let answer = if answers.is_empty() { "no address".to_string() } else { answers.join(", ") };
    let what = if headless { format!("the headless Service {namespace}/{name}'s ready pod IPs: {answer}") } else { format!("{namespace}/{name}'s clusterIP {answer}") };
    let dns_hop = || dns(format!("{in_zone} and answers with the CNAME and {what}"));
    if headless {
        let ready: Vec<&Endpoint> = endpoints.iter().filter(|e| e.ready).collect();
        let Some(e) = ready.first().copied() else {
            return Some(path(dialled, None, vec![dns(format!("{in_zone}, but the headless Service {namespace}/{name} has no ready endpoints, so there is no record to answer with: CoreDNS leaves out the CNAME and the name does not resolve"))],
                Outcome::Nxdomain, format!("ExternalName to the headless Service {namespace}/{name}, which has no ready endpoints")));
        };
        // a headless Service has no virtual IP and no port mapping: the client dials the pod's
        // own address on the port its application uses (the ExternalName's declared port), and
        // whether anything answers there depends on the pod alone
        let d = dialled.unwrap_or(80);
        let protocol = own_port.map(|p| p.1.to_string()).or_else(|| ports.first().map(|p| p.protocol.clone())).unwrap_or_else(|| "TCP".into());
        let pod = e.pod.clone().unwrap_or_else(|| e.ip.clone());
        let direct = hop(HopKind::Direct, client.clone(), format!("pod:{pod}"), csrc.clone(), host_port(&e.ip, d), None,
            format!("The client connects directly to one of those addresses (which one is its resolver's choice; drawn: the first), on the port it dialled ({d}). No virtual IP, no kube-proxy, no port remapping: the Service's ports do not apply"));
        // what the target Service says the pod serves on `d`
        let by_port = ports.iter().find(|p| p.port == d && p.protocol == protocol);
        let tp_of = |sp: &SvcPort| e.ports.iter().find(|p| p.name == sp.name).map(|p| p.port);
        let served = ports.iter().filter(|p| p.protocol == protocol).any(|sp| tp_of(sp) == Some(d));
        let declared = declares(e, d, &protocol);
        let (outcome, reason) = match (by_port.and_then(tp_of), served, declared) {
            (_, true, _) => (Outcome::Delivered, format!("ExternalName to the headless Service {namespace}/{name}: reaches {pod} directly on {d}")),
            (_, _, Some(true)) => (Outcome::Delivered, format!("ExternalName to the headless Service {namespace}/{name}: reaches {pod} directly on {d}, a containerPort it declares")),
            (Some(tp), false, _) => (Outcome::PortMismatch, format!(
                "ExternalName to the headless Service {namespace}/{name}: headless Services do no port remapping: the client reaches {}, but the Service says this pod serves port {d} on {tp}; dial {tp}", host_port(&e.ip, d))),
            _ => (Outcome::Delivered, format!(
                "ExternalName to the headless Service {namespace}/{name}: reaches {pod} directly on {d}, a port neither the Service nor the pod declares: the connection is refused unless the process listens on {d}")),
        };
        let b = Backend { pod: e.pod.clone(), ip: e.ip.clone(), port: d, node: e.node.clone(), probability: 1.0 / ready.len() as f64, declared, refused: None, declared_as: None };
        return Some(Path { route_kind: None, note: None, ingress: None, allowed_by: None, hint: None, protocol: Some(protocol), entry: Entry::Pod, node: Some(client_node.to_string()), port: Some(d), hops: vec![dns_hop(), direct], outcome, reason, backends: vec![b] });
    }
    // the target's own path for the port the client dials (its DNS hop replaced by the chase)
    let own = paths.iter().find(|p| p.entry == Entry::Pod && p.port == dialled);
    let Some(own) = own else {
        let d = dialled?;
        if ports.iter().any(|p| p.port == d) {
            return None; // a port past the first MAX_PORTS: no path drawn for it
        }
        let cip = cluster_ip.unwrap_or_default();
        let vip = host_port(cip, d);
        let known: Vec<String> = ports.iter().map(|p| format!("{}/{}", p.port, p.protocol)).collect();
        return Some(path(Some(d), None, vec![
            dns_hop(),
            hop(HopKind::Drop, client.clone(), format!("kube-proxy:{client_node}"), csrc.clone(), vip.clone(), None,
                format!("The client dials {vip}, the port this ExternalName Service declares, but {namespace}/{name} has no port {d} ({}): kube-proxy has no rule for it, and nothing else answers on a clusterIP, so the packet goes nowhere", known.join(", "))),
        ], Outcome::Dropped, format!("ExternalName to {namespace}/{name}, which has no port {d}")));
    };
    let mut hops = vec![dns_hop()];
    hops.extend(own.hops.iter().skip_while(|h| h.kind == HopKind::Dns).cloned());
    Some(Path { route_kind: None, note: None, ingress: None, allowed_by: None, hint: None, protocol: own.protocol.clone(), entry: Entry::Pod, node: own.node.clone(), port: own.port, hops, outcome: own.outcome,
        reason: format!("ExternalName to {namespace}/{name} in this cluster: {}", own.reason), backends: own.backends.clone() })
}

/// `client`: [`client_pod`]'s node and address, found once per analysis (it looks through every
/// pod for the user's own client).
/// `client_ns`: [`client_namespace_on`] the client's node, also found once per analysis (it is
/// [`user_client`]'s scan of every pod: once per Service, 10,000 pods × 1,000 Services; perf10k).
/// The NodeLocal DNSCache that answers `ip` on `node`: a running hostNetwork pod there whose
/// node-cache container binds it (its `-localip` list, model::node_local_dns_ips). Such a
/// container adds, per address, raw-table NOTRACK rules for port 53 over UDP and TCP and holds
/// the address on its dummy interface (kubernetes/dns cmd/node-cache/app/cache_app.go
/// initIptables, Init → setupNetworking): a pod's packet to it skips connection tracking, so
/// kube-proxy's nat rules never rewrite it, and the cache on the pod's own node answers.
pub fn node_local_cache<'a>(cluster: &'a Cluster, node: &str, ip: &str) -> Option<&'a super::cluster::PodInst> {
    let ip: std::net::IpAddr = ip.parse().ok()?;
    cluster.pods.iter().find(|p| p.host_network && p.phase == "Running" && p.node.as_deref() == Some(node) && p.containers.iter().any(|c| c.probes().node_local_dns.iter().any(|a| a.parse::<std::net::IpAddr>().ok() == Some(ip))))
}

/// The in-cluster client's DNS hops when a NodeLocal DNSCache on its node binds the cluster DNS
/// address `dns_ip` (fidfix26 1): the query goes to that address on the client's own node, where
/// the cache answers it (from its cache, or by asking CoreDNS through its -upstreamsvc Service:
/// [`node_local_cache_words`]), not through kube-proxy to a CoreDNS pod. Said on each path's DNS
/// hop (`dns:cluster-dns`); run before core::netpol, whose refusal replaces the hop.
pub fn node_local_dns_hops(services: &mut [std::sync::Arc<super::report::ServiceReport>], cluster: &Cluster, dns_ip: &str) {
    if !cluster.pods.iter().any(|p| p.host_network && p.containers.iter().any(|c| !c.probes().node_local_dns.is_empty())) {
        return;
    }
    let client = format!("pod:{CLIENT_POD}");
    for slot in services.iter_mut() {
        let hits: Vec<(usize, String)> = slot
            .paths
            .iter()
            .enumerate()
            .filter(|(_, p)| p.entry == Entry::Pod && p.hops.first().is_some_and(|h| h.kind == HopKind::Dns && h.from == client && h.to == "dns:cluster-dns"))
            .filter_map(|(i, p)| Some((i, node_local_cache(cluster, p.node.as_deref()?, dns_ip)?.name.clone())))
            .collect();
        if hits.is_empty() {
            continue;
        }
        let svc = std::sync::Arc::make_mut(slot);
        for (i, cache) in hits {
            let p = &mut svc.paths[i];
            let node = p.node.clone().unwrap_or_default();
            let sep = if p.hops[0].explanation.ends_with('.') { " " } else { ". " };
            let _ = write!(p.hops[0].explanation, "{sep}The query itself goes to {dns_ip}:53 on the client's own node ({node}): the NodeLocal DNSCache {cache} there holds that address, so kube-proxy does not send it to a CoreDNS pod; the cache answers from its cache or asks CoreDNS through its upstream Service");
        }
    }
}

/// What a client's DNS packet to `vip` does when `cache` (on `node`) binds its address: the
/// NOTRACK rules (cache_app.go initIptables) keep kube-proxy's DNAT off it; the cache answers from
/// its cache or asks upstream. Upstream, as the addon's Corefile template says
/// (kubernetes/kubernetes cluster/addons/dns/nodelocaldns/nodelocaldns.yaml): the cluster zone and
/// the reverse zones `forward . __PILLAR__CLUSTER__DNS__ { force_tcp }`, which node-cache fills
/// with the clusterIP of its `-upstreamsvc` Service (cmd/node-cache/main.go: default "kube-dns";
/// cache_app.go NewCacheApp reads `$<NAME>_SERVICE_HOST`; the manifest names kube-dns-upstream,
/// a second Service selecting the same CoreDNS pods) — a connection from the node that kube-proxy
/// rewrites to a CoreDNS pod; every other name `forward . __PILLAR__UPSTREAM__SERVERS__`, the
/// node's /etc/resolv.conf.
fn node_local_cache_words(cache: &super::cluster::PodInst, node: &str, vip: &str) -> String {
    format!(
        "The client sends to {vip}. The NodeLocal DNSCache pod {} (namespace {}, hostNetwork) on the client's own node ({node}) holds that address (its -localip) and its raw-table NOTRACK rules take port 53 out of connection tracking, so kube-proxy's rules never rewrite it: the cache on {node} answers, from its cache or by asking upstream — names of the cluster zone over TCP to the clusterIP of its -upstreamsvc Service (kube-dns unless the flag names another; the addon's manifest names kube-dns-upstream, which selects the same CoreDNS pods), a connection from {node} that kube-proxy sends to a CoreDNS pod; other names to the nameservers of {node}'s /etc/resolv.conf",
        cache.name, cache.namespace
    )
}

pub fn paths(svc: &Svc, res: &Resolution, cluster: &Cluster, client: &(String, String), client_ns: &str, domain: &str, first_error: Option<&str>) -> Vec<Path> {
    let mut out = service_paths(svc, res, cluster, client, client_ns, domain, first_error);
    if cluster.nodes.iter().any(|n| n.down) {
        down_node_paths(&mut out, cluster, &svc.name);
    }
    for p in &mut out {
        p.note = entry_note(p, &svc.name, svc.selector.as_ref().is_some_and(|s| !s.is_empty()));
        // the pod port the tunnel reaches (learner11 q/41): kubectl maps the Service port to
        // the picked pod's container port (kubernetes/kubectl pkg/cmd/portforward
        // portforward.go translateServicePortToTargetPort: a named targetPort looked up among
        // the pod's container ports, a number used as is)
        if let (Entry::Outside, Some(note)) = (p.entry, p.note.as_mut()) {
            let sp = svc.ports.iter().find(|sp| Some(sp.port) == p.port);
            let pod_port = sp.and_then(|sp| res.endpoints.iter().filter(|e| e.pod.is_some()).find_map(|e| e.ports.iter().find(|q| q.name == sp.name && q.protocol == sp.protocol).map(|q| q.port)));
            // (a named targetPort only: a number is the pod's port as written)
            if let (Some(sp), Some(pod_port), true) = (sp, pod_port, note.starts_with("For debugging")) {
                if let super::model::IntOrString::Str(name) = &sp.target_port {
                    let _ = write!(note, " kubectl maps Service port {} to targetPort {name}, which is container port {pod_port} of the pod it picks: localhost:8080 reaches that pod's port {pod_port}.", sp.port);
                }
            }
        }
        if let (Entry::Outside, Some(note)) = (p.entry, p.note.as_mut()) {
            if let Some(words) = port_forward_not_tcp(&svc.name, p.port, p.protocol.as_deref(), &svc.ports) {
                if note.starts_with("For debugging") {
                    *note = words;
                }
            }
        }
    }
    out
}

/// The label that hands a Service to another proxy than kube-proxy (KEP-2447, "Make kube-proxy
/// service abstraction optional").
pub const SERVICE_PROXY_NAME: &str = "service.kubernetes.io/service-proxy-name";

/// qa10 05 (kubernetes-retired/kpng#61, uablrek: "This will make the kube-proxy to ignore the
/// service"): kube-proxy lists Services and EndpointSlices with the label selector
/// `service.kubernetes.io/service-proxy-name` DoesNotExist (cmd/kube-proxy/app/server.go
/// ProxyServer.Run: noProxyName, informers.WithTweakListOptions), so a Service carrying the
/// label gets no rule of kube-proxy's: no clusterIP, nodePort, externalIP or load-balancer rule.
/// Only a proxy that serves that name (Cilium's k8s.serviceProxyName, AntreaProxy's
/// serviceProxyName, kpng, a mesh: not in this input) routes it. Each path that goes through
/// kube-proxy stops where the packet would meet kube-proxy's rules, `Dropped` there (what
/// happens where no such proxy runs; the words name the proxy that would route it);
/// paths that do not (an Ingress's or a Gateway's, to the endpoints) are left alone.
pub fn other_proxy_paths(paths: &mut [Path], proxy: &str) {
    for p in paths.iter_mut() {
        let Some(k) = p.hops.iter().position(|h| h.from.starts_with("kube-proxy:") || h.to.starts_with("kube-proxy:")) else { continue };
        // into kube-proxy (a pod's send): keep that hop; from it (a node's nodePort): stop before
        let keep = if p.hops[k].from.starts_with("kube-proxy:") { k } else { k + 1 };
        if keep == 0 {
            continue;
        }
        p.hops.truncate(keep);
        let last = p.hops.last_mut().expect("kept one");
        let first = last.explanation.split_once(". ").map_or(last.explanation.as_str(), |(a, _)| a).trim_end_matches('.').to_string();
        last.explanation = format!(
            "{first}. kube-proxy ignores this Service: it watches only Services without the label {SERVICE_PROXY_NAME}, and this one has {proxy}, so no rule of kube-proxy's catches the packet. Only a proxy that serves Services labelled {proxy} (not in this input) routes it; where none runs, the connection fails (it times out, or is refused where a node's port has no listener)"
        );
        // (Dropped, not Pending: a LoadBalancer's `<pending>` words are read off the first
        // Pending path, report.rs and ui/tables.rs)
        p.outcome = Outcome::Dropped;
        p.reason = format!("kube-proxy ignores Services labelled {SERVICE_PROXY_NAME} (here {proxy}) and writes no rule for it: only the proxy that serves {proxy}, not in this input, routes it");
        p.backends = Vec::new();
        p.note = None;
    }
}

/// qa10 05 (kubernetes-retired/kpng#61: an SCTP Service): `kubectl port-forward` tunnels TCP
/// only. For a Service port that is UDP with no TCP port of the same number kubectl refuses —
/// kubernetes/kubectl pkg/cmd/portforward/portforward.go checkUDPPortInService, checkUDPPorts:
/// "UDP protocol is not supported for %s" — and for an SCTP port it forwards, but the runtime's
/// end of the tunnel dials TCP in the pod's network namespace (containerd
/// internal/cri/server/sandbox_portforward_linux.go portForward: `net.Dial("tcp4", …)`), which
/// an SCTP server does not answer. The note says so instead of "port-forward … works".
fn port_forward_not_tcp(service: &str, port: Option<i64>, protocol: Option<&str>, ports: &[super::service::SvcPort]) -> Option<String> {
    let port = port?;
    let tcp_too = ports.iter().any(|sp| sp.port == port && sp.protocol == "TCP");
    let instead = "From your machine use a NodePort or LoadBalancer Service for this port, or send from a pod inside the cluster (kubectl run or kubectl exec)";
    match protocol? {
        "UDP" if !tcp_too => Some(format!(
            "kubectl port-forward svc/{service} 8080:{port} does not work for this port: port-forward tunnels TCP only, and for a UDP port kubectl refuses (error: UDP protocol is not supported for {port}). {instead}."
        )),
        "SCTP" if !tcp_too => Some(format!(
            "kubectl port-forward svc/{service} 8080:{port} does not reach this port: port-forward tunnels TCP only (the runtime dials TCP, in the pod it picks, to the pod port that Service port {port} targets), and this port is SCTP, so nothing answers the tunnel. {instead}."
        )),
        _ => None,
    }
}

/// The what-if "node goes down" (Config::down; whatif23, cluster.rs `nodes_down`): the node
/// itself is unreachable (power or network lost), so nothing on it answers — not its kernel,
/// not the iptables/ipvs rules kube-proxy wrote there. A path that enters the cluster at that
/// node (its nodePort, an externalIP routed to it) ends there with no answer: the client's
/// connection attempt times out. A load balancer's path reaches it only when every node is down
/// (the load balancer's health checks leave a down node out: see `service_paths`). A path from
/// the in-cluster client on that node (--client-node, or the user's own client pod bound there)
/// goes nowhere: the pod's node is gone.
fn down_node_paths(out: &mut [Path], cluster: &Cluster, service: &str) {
    let down = |n: &Option<String>| n.as_deref().and_then(|n| cluster.node(n)).filter(|n| n.down).map(|n| n.name.clone());
    for p in out.iter_mut() {
        let Some(node) = down(&p.node) else { continue };
        let Some(first) = p.hops.first().cloned() else { continue };
        let gone = "the node lifecycle controller has set its Ready condition Unknown (\"Kubelet stopped posting node status.\") and tainted it node.kubernetes.io/unreachable";
        match p.entry {
            Entry::NodePort | Entry::ExternalIp => {
                let to = first.to.clone();
                let explanation = format!(
                    "Node {node} is down (what-if): {gone}, and the node answers nothing, so neither its kernel nor the rules kube-proxy wrote there see the packet: no reply, no reset, the client's connection attempt times out. The other nodes still answer on the same port; a load balancer's health checks leave {node} out"
                );
                p.hops = vec![first.clone(), hop(HopKind::Drop, to.clone(), to, first.src.clone(), first.dst.clone(), None, explanation)];
                p.reason = format!("node {node} is down: nothing answers at its address");
            }
            Entry::LoadBalancer => {
                let lb = first.to.clone();
                let explanation = format!(
                    "Every node is down (what-if): {gone}, like the others. The service controller keeps them in the load balancer's node set (controllers/service/controller.go stableNodeSetPredicates asks nothing of readiness), but none answers the load balancer's health checks, so it has nowhere to send {service}'s traffic: the connection attempt times out or is refused, as the provider does"
                );
                p.hops = vec![first.clone(), hop(HopKind::Drop, lb.clone(), lb, first.src.clone(), first.dst.clone(), None, explanation)];
                p.reason = format!("every node is down (last {node}): the load balancer has no node to send to");
            }
            Entry::Pod => {
                let explanation = format!(
                    "The client pod runs on node {node}, which is down (what-if): {gone}; the pod's node has lost power or its network, so nothing the pod sends leaves it (a pod on a running node reaches {service})"
                );
                p.hops = vec![hop(HopKind::Drop, first.from.clone(), format!("kube-proxy:{node}"), first.src.clone(), first.dst.clone(), None, explanation)];
                p.reason = format!("the client's node {node} is down: its pod sends nothing");
            }
            _ => continue,
        }
        p.outcome = Outcome::Dropped;
        p.backends.clear();
        p.allowed_by = None;
        p.hint = None;
    }
}

/// A line under an entry point's outcome that answers the learner's next question (learner8
/// M): from outside on a ClusterIP Service, `kubectl port-forward svc/NAME` — kubectl picks one
/// of the Service's pods, maps the Service port to that pod's container port
/// (kubernetes/kubectl pkg/cmd/portforward/portforward.go translateServicePortToTargetPort,
/// util.LookupContainerPortNumberByServicePort) and tunnels to it through the API server's
/// pods/portforward subresource, so kube-proxy and the other pods are not involved; through a
/// load balancer, that a Service is L4: kube-proxy's rules match protocol and port only
/// (pkg/proxy/iptables/proxier.go) and forward the bytes, TLS included, so HTTPS termination and
/// host/path routing are an Ingress's or a Gateway's job (or the cloud load balancer's own
/// annotations). None for other paths. It is the report's `note` of the path (teachfix9: it
/// lived in core::layout, above the report, so the CLI's text lacked it). A Service without a
/// selector has no pod for kubectl to pick: `port-forward svc/NAME` fails (kubernetes/kubectl
/// pkg/polymorphichelpers/helpers.go SelectorsForObject: "invalid service '%s': Service is
/// defined without a selector").
pub fn entry_note(p: &Path, service: &str, selector: bool) -> Option<String> {
    match p.entry {
        Entry::Outside if !selector && p.outcome == Outcome::Dropped && p.reason.starts_with("ClusterIP is reachable only from inside") => Some(format!(
            "kubectl port-forward svc/{service} does not work here: kubectl tunnels to one pod it finds by the Service's selector, and this Service has none (error: cannot attach to *v1.Service: invalid service '{service}': Service is defined without a selector). Its endpoints are addresses you wrote: from your machine, connect to one of them directly if your network routes to it."
        )),
        Entry::Outside if p.outcome == Outcome::Dropped && p.reason.starts_with("ClusterIP is reachable only from inside") => {
            let port = p.port.map(|n| format!("8080:{n}")).unwrap_or_else(|| "8080:80".into());
            Some(format!(
                "For debugging from your machine, kubectl port-forward svc/{service} {port} works without changing the type: kubectl picks one pod of the Service and tunnels to it through the API server, so kube-proxy is bypassed and the other pods get nothing. It is not a way to expose the Service."
            ))
        }
        Entry::LoadBalancer if p.outcome != Outcome::Dropped => Some(
            "A Service is L4 (TCP/UDP): the load balancer and kube-proxy forward bytes, TLS included, and kube-proxy terminates no TLS. HTTPS termination and host/path routing are an Ingress's or a Gateway's job (in front of a ClusterIP Service), or the cloud load balancer's own annotations.".into(),
        ),
        _ => None,
    }
}

fn service_paths(svc: &Svc, res: &Resolution, cluster: &Cluster, client: &(String, String), client_ns: &str, domain: &str, first_error: Option<&str>) -> Vec<Path> {
    let mut out = Vec::new();
    if svc.rejected {
        out.push(Path { route_kind: None, note: None, ingress: None, allowed_by: None, hint: None,
            protocol: None, entry: Entry::Pod,
            node: None,
            port: None,
            hops: vec![],
            outcome: Outcome::NotCreated,
            reason: format!("the API server rejected this Service, so it does not exist: {}", first_error.unwrap_or("see diagnostics")),
            backends: vec![],
        });
        return out;
    }
    let fqdn = super::resolve::concat(&[&svc.name, ".", &svc.namespace, ".svc.", domain]);
    let (client_node, client_ip) = client.clone();
    let asked = asked(&svc.name, &svc.namespace, client_ns, domain);
    let client_ip = client_ip_of_family(cluster, &client_node, client_ip, svc);
    let client = format!("pod:{CLIENT_POD}");
    let csrc = host_port(&client_ip, CLIENT_SPORT);

    if svc.type_ == "ExternalName" && svc.external_name.as_deref().is_some_and(super::resolve::external_name_is_ip) {
        let ext = svc.external_name.clone().unwrap_or_default();
        out.push(Path { route_kind: None, note: None, ingress: None, allowed_by: None, hint: None,
            protocol: svc.ports.first().map(|p| p.protocol.clone()), entry: Entry::Pod,
            node: Some(client_node),
            port: svc.ports.first().map(|p| p.port),
            hops: vec![hop(HopKind::Dns, client.clone(), "dns:cluster-dns".into(), csrc.clone(), format!("{fqdn}?"), None,
                format!("{asked}. The externalName {ext} is an IP address, not a name: cluster DNS serves an ExternalName Service only as a CNAME to a name (CoreDNS skips one whose target parses as an IP), so it answers nothing and the name does not resolve. For a fixed address, use a Service without a selector and an EndpointSlice holding {ext}"))],
            outcome: Outcome::Nxdomain,
            reason: format!("externalName {ext} is an IP address: cluster DNS has no record for this Service"),
            backends: vec![],
        });
        return out;
    }
    if svc.type_ == "ExternalName" {
        let ext = svc.external_name.clone().unwrap_or_default();
        // With no ports declared there is no port to name: the client dials whatever its
        // application uses (ports on an ExternalName Service are informational only).
        let (dst, dialled) = match svc.ports.first() {
            Some(p) => (format!("{ext}:{}", p.port), format!("on the port it dialled ({})", p.port)),
            None => (ext.clone(), "on whatever port its application dials (this Service declares no ports)".to_string()),
        };
        out.push(Path { route_kind: None, note: None, ingress: None, allowed_by: None, hint: None,
            protocol: svc.ports.first().map(|p| p.protocol.clone()), entry: Entry::Pod,
            node: Some(client_node),
            port: svc.ports.first().map(|p| p.port),
            hops: vec![
                hop(HopKind::Dns, client.clone(), "dns:cluster-dns".into(), csrc.clone(), format!("{fqdn}?"), None,
                    format!("{asked}. Cluster DNS answers with a CNAME: {fqdn} is an alias of {ext}{} There is no clusterIP and no endpoints", full_stop(&ext))),
                // CoreDNS resolves an out-of-zone CNAME target itself, through its upstream
                // resolver, and answers with the CNAME and the target's addresses (coredns
                // plugin/backend_lookup.go A: `b.Lookup(ctx, state, target, …)`; the kubernetes
                // plugin's Lookup is `k.Upstream.Lookup`)
                hop(HopKind::Dns, "dns:cluster-dns".into(), format!("external:{ext}"), "cluster DNS".into(), format!("{ext}?"), None,
                    format!("{ext} is outside the cluster zone: cluster DNS asks its upstream resolver for it and answers the client with the CNAME and {ext}'s addresses")),
                hop(HopKind::Direct, client.clone(), format!("external:{ext}"), csrc.clone(), dst, None,
                    format!("The client connects straight to {ext} {dialled}. kube-proxy is not involved and no port is remapped: an ExternalName Service is only a DNS alias")),
            ],
            outcome: Outcome::External,
            reason: format!("DNS alias to {ext}; traffic leaves the cluster directly"),
            backends: vec![],
        });
        return out;
    }

    let ports: Vec<&SvcPort> = svc.ports.iter().take(MAX_PORTS).collect();
    if svc.headless() {
        let ready: Vec<&Endpoint> = res.endpoints.iter().filter(|e| e.ready).collect();
        let sp = ports.first().copied();
        let mut hops = Vec::new();
        if ready.is_empty() {
            hops.push(hop(HopKind::Dns, client.clone(), "dns:cluster-dns".into(), csrc.clone(), format!("{fqdn}?"), None,
                format!("{asked}. The Service is headless (clusterIP: None) and has no ready endpoints, so DNS answers NXDOMAIN")));
            out.push(Path { route_kind: None, note: None, ingress: None, allowed_by: None, hint: None, protocol: sp.map(|p| p.protocol.clone()), entry: Entry::Pod, node: Some(client_node), port: sp.map(|p| p.port), hops, outcome: Outcome::Nxdomain, reason: no_endpoint_reason(svc, res, sp, cluster), backends: vec![] });
            return out;
        }
        let ips: Vec<&str> = ready.iter().map(|e| e.ip.as_str()).collect();
        // publishNotReadyAddresses: every selected pod's address is a ready endpoint
        // (endpointslice utils.go podToEndpoint), so "the ready pods" would not be true
        let whose = if svc.publish_not_ready_addresses {
            "its endpoints' own IPs (publishNotReadyAddresses: true publishes every selected pod, Ready or not)"
        } else {
            "the ready pods' own IPs"
        };
        hops.push(hop(HopKind::Dns, client.clone(), "dns:cluster-dns".into(), csrc.clone(), format!("{fqdn}?"), None,
            format!("{asked}. The Service is headless (clusterIP: None), so DNS answers with {whose}: {}", ips.join(", "))));
        let dialled = sp.map(|p| p.port).unwrap_or(80);
        let e = ready[0];
        let target_port = sp.and_then(|sp| e.ports.iter().find(|p| p.name == sp.name).map(|p| p.port));
        let b = Backend { pod: e.pod.clone(), ip: e.ip.clone(), port: dialled, node: e.node.clone(), probability: 1.0 / ready.len() as f64, declared: None, refused: None, declared_as: None };
        let to = format!("pod:{}", e.pod.clone().unwrap_or_else(|| e.ip.clone()));
        hops.push(hop(HopKind::Direct, client.clone(), to, csrc.clone(), host_port(&e.ip, dialled), None,
            format!("The client connects directly to one of those addresses (which one is its resolver's choice; drawn: the first), on the port it dialled ({dialled}). No virtual IP, no kube-proxy, no load balancing: the client chooses")));
        let (outcome, reason) = match target_port {
            // only a named port has an SRV record (kubernetes/dns docs/specification.md 2.4.2:
            // "Unnamed ports do not have an SRV record"; learner7 10b)
            Some(tp) if tp != dialled => (Outcome::PortMismatch, format!(
                "headless Services do no port remapping: the client reaches {}, but the Service says this pod serves port {dialled} on {tp}; {}",
                host_port(&e.ip, dialled),
                match sp.and_then(|p| p.name.as_deref()) {
                    Some(n) => format!("a client must use the SRV record (_{n}._{}.{fqdn}, which carries {tp}) or dial {tp}", sp.map(|p| p.protocol.to_ascii_lowercase()).unwrap_or_default()),
                    None => format!("the port has no name, so it has no SRV record (only named ports get one): dial {tp}, or give the port a name to get one"),
                })),
            _ => (Outcome::Delivered, format!("reaches {} directly", e.pod.clone().unwrap_or_else(|| e.ip.clone()))),
        };
        out.push(Path { route_kind: None, note: None, ingress: None, allowed_by: None, hint: None, protocol: sp.map(|p| p.protocol.clone()), entry: Entry::Pod, node: Some(client_node), port: sp.map(|p| p.port), hops, outcome, reason, backends: vec![b] });
        return out;
    }

    let cip = svc.cluster_ip.clone().unwrap_or_default();
    let node_ports = svc.type_ == "NodePort" || svc.type_ == "LoadBalancer";
    // where each port's paths begin in `out` (their protocol is set after the loop)
    let mut starts: Vec<(usize, &str)> = Vec::new();
    for sp in &ports {
        starts.push((out.len(), sp.protocol.as_str()));
        // ---- from a pod inside the cluster, through the clusterIP ----
        let vip = host_port(&cip, sp.port);
        let mut hops = vec![
            hop(HopKind::Dns, client.clone(), "dns:cluster-dns".into(), csrc.clone(), format!("{fqdn}?"), None,
                match &svc.cluster_ips[..] {
                    // a dual-stack Service: an A and an AAAA record; which one a client dials is
                    // its resolver's choice (not sourced here): the picture goes over the
                    // Service's first family
                    [first, second] if svc.ip_families.len() == 2 => format!(
                        "{asked}; cluster DNS answers with the clusterIPs {first} ({}) and {second} ({}); the client connects over {} (the Service's first family); the {} clusterIP {second} works the same way through {}",
                        super::resolve::address_kind(first),
                        super::resolve::address_kind(second),
                        svc.ip_families[0],
                        svc.ip_families[1],
                        if second.contains(':') { "ip6tables" } else { "iptables" }
                    ),
                    _ => format!("{asked}; cluster DNS answers with the clusterIP {cip}"),
                }),
            hop(HopKind::Send, client.clone(), format!("kube-proxy:{client_node}"), csrc.clone(), vip.clone(), None,
                format!("The client sends to {vip}. Nothing listens on that address: {} rules that kube-proxy wrote on the client's own node ({client_node}) catch the packet", if is_v6(svc) { "ip6tables" } else { "iptables" })),
        ];
        // NodeLocal DNSCache bound to this clusterIP on the client's node (fidfix26 1): the
        // query never meets kube-proxy's DNAT, the node's cache answers it
        if let Some(cache) = (sp.port == 53 && matches!(sp.protocol.as_str(), "UDP" | "TCP")).then(|| node_local_cache(cluster, &client_node, &cip)).flatten() {
            hops[1] = hop(HopKind::Send, client.clone(), format!("pod:{}", cache.name), csrc.clone(), vip.clone(), None, node_local_cache_words(cache, &client_node, &vip));
            let b = Backend { pod: Some(cache.name.clone()), ip: cip.clone(), port: 53, node: Some(client_node.clone()), probability: 1.0, declared: None, refused: None, declared_as: None };
            let reason = format!("answered on {client_node} by the NodeLocal DNSCache {} (it holds {cip}), not through kube-proxy to the Service's endpoints", cache.name);
            out.push(Path { route_kind: None, note: None, ingress: None, allowed_by: None, hint: None, protocol: None, entry: Entry::Pod, node: Some(client_node.clone()), port: Some(sp.port), hops, outcome: Outcome::Delivered, reason, backends: vec![b] });
        } else {
        let itp_local = svc.internal_traffic_policy.as_deref() == Some("Local");
        let (backends, fallback, topo) = backends_for(&res.endpoints, sp, itp_local.then_some(client_node.as_str()), Some((svc, client_node.as_str(), cluster)));
        // why only the client's node's endpoints count, as the topology hints say theirs
        // (learner9 U Q02): pkg/proxy/topology.go CategorizeEndpoints, `if
        // svcInfo.InternalPolicyLocal()` → localEndpoints only; kube-proxy's KUBE-SVL chain
        let topo = if itp_local && !backends.is_empty() {
            let all = backends_for(&res.endpoints, sp, None, None).0.len();
            Some(format!(
                "internalTrafficPolicy Local: kube-proxy on {client_node} uses only the endpoints on {client_node}, {} of the Service's {all}",
                backends.len()
            ))
        } else {
            topo
        };
        let (outcome, reason) = if backends.is_empty() && res.endpoints.is_empty() && super::resolve::is_apiserver_service(svc) {
            // `default/kubernetes` with no kube-apiserver pod in the input (a managed control
            // plane runs off the nodes): the API server keeps its endpoints itself — its
            // advertise address and secure port (pkg/controlplane/reconcilers, the lease
            // reconciler) — so the request reaches it; the address is not in this input
            let to = sp.target_port.to_string();
            hops.push(hop(HopKind::Dnat, format!("kube-proxy:{client_node}"), format!("external:{API_SERVER}"), csrc.clone(), vip.clone(), Some(format!("<the API server's address>:{to}")),
                format!("kube-proxy rewrites the destination (DNAT) to the API server's own address on port {to}: the API server writes this Service's endpoints itself (its advertise address and secure port), and this input does not show them (a managed control plane runs outside the nodes)")));
            (Outcome::External, "reaches the API server: kube-apiserver keeps this Service's endpoints itself (its address is not in this input)".to_string())
        } else if backends.is_empty() {
            if itp_local && !backends_for(&res.endpoints, sp, None, None).0.is_empty() {
                hops.push(hop(HopKind::Drop, format!("kube-proxy:{client_node}"), format!("kube-proxy:{client_node}"), csrc.clone(), vip.clone(), None,
                    format!("internalTrafficPolicy: Local allows only endpoints on the client's node ({client_node}); there are none, so the packet is dropped")));
                (Outcome::Dropped, format!("internalTrafficPolicy Local and no endpoint on {client_node}"))
            } else {
                let why = no_endpoint_reason(svc, res, Some(sp), cluster);
                hops.push(hop(HopKind::Reject, format!("kube-proxy:{client_node}"), client.clone(), csrc.clone(), vip.clone(), None,
                    format!("The Service has no ready endpoints for port {}, so kube-proxy's rules REJECT the connection (ICMP port unreachable). {why}", sp.port)));
                (Outcome::Rejected, why)
            }
        } else {
            let b = &backends[0];
            // hairpin: the client is the endpoint it reached; the endpoint's KUBE-SEP chain marks
            // a packet from its own address for masquerade (pkg/proxy/iptables/proxier.go
            // writeServiceToEndpointRules: `-s <endpoint IP> -j KUBE-MARK-MASQ`)
            let hairpin = if b.ip == client_ip {
                format!("{HAIRPIN}: its rule -s {} -j KUBE-MARK-MASQ marks the packet, so the source is rewritten (SNAT, masquerade) to an address of {client_node}, and the pod sees the connection come from its node, not from itself", b.ip)
            } else {
                String::new()
            };
            hops.push(deliver_hop(HopKind::Dnat, format!("kube-proxy:{client_node}"), &csrc, &vip, b, &client_node,
                format!("{}; the destination is rewritten (DNAT) from {vip} to {} ({}){}{hairpin}", kube_proxy_choice(&backends, svc, sp, fallback, topo.as_deref()), host_port(&b.ip, b.port), target_words(svc, sp, b), sidecar_port_note(svc, sp, b, cluster))));
            delivered(b, Some(&sp.protocol), format!("{}; first pick {}", super::report::count(backends.len(), "endpoint", "endpoints"), b.pod.clone().unwrap_or_else(|| b.ip.clone())))
        };
        out.push(Path { route_kind: None, note: None, ingress: None, allowed_by: None, hint: None, protocol: None, entry: Entry::Pod, node: Some(client_node.clone()), port: Some(sp.port), hops, outcome, reason, backends });
        }

        // ---- an outside client on a ClusterIP Service (no externalIPs) ----
        if svc.type_ == "ClusterIP" && svc.external_ips.is_empty() {
            let osrc = outside_src(svc);
            out.push(Path { route_kind: None, note: None, ingress: None, allowed_by: None, hint: None,
                protocol: None, entry: Entry::Outside,
                node: None,
                port: Some(sp.port),
                hops: vec![hop(HopKind::Drop, "client:outside".into(), "cluster:cluster".into(), osrc, vip.clone(), None,
                    format!("{cip} is a virtual IP that exists only in kube-proxy's rules inside the cluster; nothing outside routes to it. A ClusterIP Service is internal only: use NodePort or LoadBalancer to let outside clients in"))],
                outcome: Outcome::Dropped,
                reason: "ClusterIP is reachable only from inside the cluster".into(),
                backends: vec![],
            });
        }

        // ---- an outside client through an externalIP ----
        if let (Some(ext), Some(node)) = (svc.external_ips.first(), cluster.nodes.first()) {
            out.push(external_ip_path(svc, sp, ext, &node.name, node.ip_for(svc.ipv6), res, cluster));
        }

        // ---- an outside client through each node's nodePort ----
        if let (true, Some(np)) = (node_ports, sp.node_port) {
            for node in cluster.nodes.iter().take(MAX_NODES) {
                out.push(node_port_path(svc, sp, np, &node.name, node.ip_for(svc.ipv6), res, cluster, None));
            }
        }

        // ---- an outside client through the cloud load balancer ----
        if svc.type_ == "LoadBalancer" {
            let osrc = outside_src(svc);
            match &svc.load_balancer {
                LoadBalancer::Ready { ingress, .. } => {
                    let lb = ingress[0].clone();
                    let lbdst = host_port(&lb, sp.port);
                    let allowed = svc.load_balancer_source_ranges.is_empty()
                        || svc.load_balancer_source_ranges.iter().any(|r| Cidr::parse(r).is_some_and(|c| c.contains(outside_ip(is_v6(svc)).parse().expect("constant"))));
                    if !allowed {
                        out.push(Path { route_kind: None, note: None, ingress: None, allowed_by: None, hint: None,
                            protocol: None, entry: Entry::LoadBalancer, node: None, port: Some(sp.port),
                            hops: vec![hop(HopKind::Drop, "client:outside".into(), format!("load-balancer:{}", svc.name), osrc, lbdst, None,
                                format!("loadBalancerSourceRanges ({}) does not include the client {}: the traffic is dropped", svc.load_balancer_source_ranges.join(", "), outside_ip(is_v6(svc))))],
                            outcome: Outcome::Dropped, reason: "source not in loadBalancerSourceRanges".into(), backends: vec![],
                        });
                        continue;
                    }
                    match sp.node_port {
                        Some(np) => {
                            // the LB spreads over nodes; with Local only nodes passing the health check
                            let local = svc.external_traffic_policy.as_deref() == Some("Local");
                            // the service controller leaves out nodes labelled
                            // node.kubernetes.io/exclude-from-external-load-balancers (k8s.io/
                            // cloud-provider controllers/service nodeIncludedPredicate; kubeadm
                            // labels control-plane nodes so)
                            let excluded = |n: &super::cluster::ClusterNode| n.labels.iter().any(|(k, _)| k == "node.kubernetes.io/exclude-from-external-load-balancers");
                            // a node gone down (the what-if; whatif23) stays in the load
                            // balancer's node set (controllers/service/controller.go
                            // stableNodeSetPredicates: not deleted, not excluded, not tainted
                            // ToBeDeletedByClusterAutoscaler; readiness is not asked, since
                            // StableLoadBalancerNodeSet), but answers no health check
                            let healthy: Vec<&super::cluster::ClusterNode> = cluster.nodes.iter()
                                .filter(|n| !excluded(n) && !n.down)
                                .filter(|n| !local || res.endpoints.iter().any(|e| e.ready && e.node.as_deref() == Some(n.name.as_str())))
                                .collect();
                            let node = healthy.first().copied().or(cluster.nodes.iter().find(|n| !n.down)).or(cluster.nodes.first());
                            if let Some(node) = node {
                                let first = hop(HopKind::Forward, "client:outside".into(), format!("load-balancer:{}", svc.name), osrc.clone(), lbdst.clone(), None,
                                    format!("The client connects to the load balancer's external address {lbdst}{}", lb_no_rules_note(svc, &lb)));
                                let hcnp = svc.health_check_node_port.map(|h| h.to_string()).unwrap_or_default();
                                let why_node = if local && healthy.is_empty() {
                                    // pkg/proxy/endpointschangetracker.go getLocalReadyEndpointIPs:
                                    // only ready endpoints count, not terminating ones
                                    format!("externalTrafficPolicy Local: no node passes the load balancer's health check (healthCheckNodePort {hcnp} answers 503 on every node: none runs a ready endpoint of this Service; terminating ones do not count). What the load balancer does then depends on the cloud provider: some send to every node anyway, some drop the traffic. Drawn here as if it reached {}", node.name)
                                } else if local {
                                    format!("externalTrafficPolicy Local: the load balancer's health check (healthCheckNodePort {hcnp}) marks only nodes with a ready local endpoint as healthy; it picks {}", node.name)
                                } else if svc.lb_no_rules.contains(&lb) {
                                    format!("The load balancer forwards to a node's nodePort (any node will do); here {}", node.name)
                                } else {
                                    // (how the packet reaches the node is the provider's: drawn as a
                                    // nodePort hop, the same rules answer either way)
                                    format!("The load balancer forwards to a node's nodePort (any node will do); here {}. Some providers (GCE, Azure, MetalLB) keep the load balancer's IP as the destination instead: kube-proxy's rules for that IP (KUBE-EXT) catch it on the node just the same.", node.name)
                                };
                                let downs: Vec<&str> = cluster.nodes.iter().filter(|n| n.down && !excluded(n)).map(|n| n.name.as_str()).collect();
                                let why_node = if downs.is_empty() || node.down {
                                    why_node
                                } else {
                                    format!(
                                        "{}. {} {} {} down (what-if): the service controller keeps {} in the load balancer's node set (stableNodeSetPredicates asks nothing of readiness), but {} no health check (the provider's probe of each node: kube-proxy's /healthz on port 10256, or the nodePort itself; healthCheckNodePort under externalTrafficPolicy Local), so the load balancer sends only to the nodes that answer",
                                        why_node.trim_end_matches('.'),
                                        if downs.len() == 1 { "Node" } else { "Nodes" },
                                        downs.join(", "),
                                        if downs.len() == 1 { "is" } else { "are" },
                                        if downs.len() == 1 { "it" } else { "them" },
                                        if downs.len() == 1 { "it answers" } else { "they answer" }
                                    )
                                };
                                out.push(node_port_path(svc, sp, np, &node.name, node.ip_for(svc.ipv6), res, cluster, Some((first, why_node))));
                            }
                        }
                        None => {
                            let (backends, _, _) = backends_for(&res.endpoints, sp, None, None);
                            let mut hops = vec![hop(HopKind::Forward, "client:outside".into(), format!("load-balancer:{}", svc.name), osrc.clone(), lbdst.clone(), None,
                                format!("The client connects to the load balancer's external address {lbdst}{}", lb_no_rules_note(svc, &lb)))];
                            let (outcome, reason) = match backends.first() {
                                Some(b) => {
                                    hops.push(deliver_hop(HopKind::Forward, format!("load-balancer:{}", svc.name), &osrc, &lbdst, b, b.node.as_deref().unwrap_or(""),
                                        "allocateLoadBalancerNodePorts: false — this load balancer sends straight to pod IPs, not to nodePorts".into()));
                                    delivered(b, Some(&sp.protocol), "load balancer routes to pods directly".to_string())
                                }
                                None => (Outcome::Rejected, no_endpoint_reason(svc, res, Some(sp), cluster)),
                            };
                            out.push(Path { route_kind: None, note: None, ingress: None, allowed_by: None, hint: None, protocol: None, entry: Entry::LoadBalancer, node: None, port: Some(sp.port), hops, outcome, reason, backends });
                        }
                    }
                }
                _ => {
                    let (why, reason) = match &svc.load_balancer_class {
                        Some(class) => (
                            format!("spec.loadBalancerClass is {class}: the cloud controller leaves this Service to the load balancer controller of that class, and none runs in this picture, so EXTERNAL-IP stays <pending>."),
                            format!("no controller for loadBalancerClass {class}: EXTERNAL-IP <pending>"),
                        ),
                        None => (
                            // learn17 Q05: what a local cluster runs in place of a cloud controller: minikube's
                            // `minikube tunnel` ("creates a route to services deployed with type
                            // LoadBalancer and sets their Ingress to their ClusterIP",
                            // minikube.sigs.k8s.io/docs/commands/tunnel), kind's Cloud Provider
                            // KIND (kind.sigs.k8s.io/docs/user/loadbalancer), MetalLB
                            "type: LoadBalancer only asks for a load balancer. Nothing in this cluster provides one (no cloud controller, no MetalLB), so EXTERNAL-IP stays <pending>. A local cluster needs its own: run `minikube tunnel` on minikube, Cloud Provider KIND (cloud-provider-kind) on kind, MetalLB on bare metal.".to_string(),
                            "no cloud controller: EXTERNAL-IP <pending>".to_string(),
                        ),
                    };
                    out.push(Path { route_kind: None, note: None, ingress: None, allowed_by: None, hint: None,
                        protocol: None, entry: Entry::LoadBalancer, node: None, port: Some(sp.port),
                        hops: vec![hop(HopKind::Pending, "client:outside".into(), format!("load-balancer:{}", svc.name), osrc, format!("<pending>:{}", sp.port), None,
                            format!("{why} {}", pending_fallback(svc)))],
                        outcome: Outcome::Pending, reason, backends: vec![],
                    })
                }
            }
        }
    }
    for (k, &(start, protocol)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(out.len(), |s| s.0);
        for p in &mut out[start..end] {
            p.protocol = Some(protocol.to_string());
        }
    }
    out
}

/// What still works while a LoadBalancer is `<pending>`: its nodePorts, if any were allocated
/// (allocateLoadBalancerNodePorts: false allocates only the ones asked for — alloc.go initNodePorts).
fn pending_fallback(svc: &Svc) -> String {
    let nps: Vec<String> = svc.ports.iter().filter_map(|p| p.node_port.map(|np| format!("{np} (port {})", p.port))).collect();
    match (nps.is_empty(), svc.allocate_load_balancer_node_ports == Some(false)) {
        (false, false) => "The Service still works as a NodePort Service: its nodePorts are open on every node".into(),
        (false, true) => format!("allocateLoadBalancerNodePorts: false, so only the nodePorts given in the manifest exist: {} is open on every node", nps.join(", ")),
        (true, _) => "allocateLoadBalancerNodePorts: false and no nodePort was given, so none was allocated: until a load balancer appears nothing outside the cluster reaches this Service (inside, its clusterIP works)".into(),
    }
}

/// Outside client → node IP:nodePort → kube-proxy on that node → pod (optionally via the LB).
#[allow(clippy::too_many_arguments)]
fn node_port_path(svc: &Svc, sp: &SvcPort, np: i64, node: &str, node_ip: &str, res: &Resolution, cluster: &Cluster, via_lb: Option<(Hop, String)>) -> Path {
    let osrc = outside_src(svc);
    let ndst = host_port(node_ip, np);
    let mut hops = Vec::new();
    let entry = if via_lb.is_some() { Entry::LoadBalancer } else { Entry::NodePort };
    match via_lb {
        Some((first, why)) => {
            hops.push(first);
            hops.push(hop(HopKind::Forward, format!("load-balancer:{}", svc.name), format!("node:{node}"), osrc, ndst.clone(), None, why));
        }
        None => {
            hops.push(hop(HopKind::Send, "client:outside".into(), format!("node:{node}"), osrc, ndst.clone(), None,
                format!("The client connects to node {node} at {ndst}. nodePort {np} is open on every node (KUBE-NODEPORTS), whether or not that node runs a backend pod{}",
                    if svc.picked_node_ports.contains(&np) { format!(". No nodePort was set, so the API server picked a free one from the range: in a real cluster it differs, and kubectl get service {} shows it", svc.name) } else { String::new() })));
        }
    }
    from_node(svc, sp, entry, node, node_ip, ndst, hops, res, cluster)
}

/// Outside client → an externalIP the network routes to a node → kube-proxy → pod
/// (proxier.go: `-d <externalIP> --dport <port>` in KUBE-SERVICES → KUBE-EXT-*).
fn external_ip_path(svc: &Svc, sp: &SvcPort, ext: &str, node: &str, node_ip: &str, res: &Resolution, cluster: &Cluster) -> Path {
    let dst = host_port(ext, sp.port);
    let hops = vec![hop(HopKind::Send, "client:outside".into(), format!("node:{node}"), outside_src(svc), dst.clone(), None,
        format!("The client connects to the externalIP {dst}. Kubernetes does not own or announce {ext}: the network must route it to a node (here {node}); kube-proxy on that node has a rule for it, not a listening socket (netstat or ss there shows nothing on that port: the packet is rewritten before any socket could see it)"))];
    let mut p = from_node(svc, sp, Entry::ExternalIp, node, node_ip, dst, hops, res, cluster);
    p.node = Some(node.to_string());
    p
}

/// The part after outside traffic reached `node` at `ndst`: kube-proxy's choice under
/// externalTrafficPolicy (topology.go CategorizeEndpoints), SNAT unless Local.
#[allow(clippy::too_many_arguments)]
fn from_node(svc: &Svc, sp: &SvcPort, entry: Entry, node: &str, node_ip: &str, ndst: String, mut hops: Vec<Hop>, res: &Resolution, cluster: &Cluster) -> Path {
    let osrc = outside_src(svc);
    let local = svc.external_traffic_policy.as_deref() == Some("Local");
    let (backends, fallback, topo) = backends_for(&res.endpoints, sp, local.then_some(node), Some((svc, node, cluster)));
    let (outcome, reason) = if backends.is_empty() {
        if local && !backends_for(&res.endpoints, sp, None, None).0.is_empty() {
            hops.push(hop(HopKind::Drop, format!("kube-proxy:{node}"), format!("kube-proxy:{node}"), osrc.clone(), ndst.clone(), None,
                format!("externalTrafficPolicy: Local sends outside traffic only to pods on the node it arrived at; {node} runs none, so the packet is dropped (KUBE-SVL has no endpoints)")));
            (Outcome::Dropped, format!("externalTrafficPolicy Local and no ready endpoint on {node}"))
        } else {
            let why = no_endpoint_reason(svc, res, Some(sp), cluster);
            hops.push(hop(HopKind::Reject, format!("kube-proxy:{node}"), "client:outside".into(), osrc.clone(), ndst.clone(), None,
                format!("No ready endpoints: kube-proxy's rules reject the connection. {why}")));
            (Outcome::Rejected, why)
        }
    } else {
        let b = &backends[0];
        let nat = if local {
            format!("externalTrafficPolicy Local: only pods on {node} are used and the source stays {} (client IP preserved)", outside_ip(is_v6(svc)))
        } else {
            format!("the source is rewritten (SNAT, masquerade) to the node's IP {node_ip}, so the reply comes back through {node}; the pod sees {node_ip}, not the client")
        };
        // pkg/proxy/topology.go CategorizeEndpoints: internalTrafficPolicy filters the
        // clusterEndpoints (clusterIP traffic from inside), externalTrafficPolicy the
        // externalEndpoints (nodePort, load balancer, externalIP): learner11 q/30 saw ITP Local
        // and a nodePort on a node without endpoints deliver, with no word why
        let itp = if !local && svc.internal_traffic_policy.as_deref() == Some("Local") {
            ". internalTrafficPolicy Local does not apply here: it governs traffic from inside the cluster to the clusterIP; traffic that arrives from outside (nodePort, load balancer, externalIP) follows externalTrafficPolicy, Cluster here, so any node's endpoints are used"
        } else {
            ""
        };
        // which Service port field each number is (learn16 Q01: the ClusterIP caption said
        // "(targetPort 8080)", the nodePort one named neither): proxier.go writes the nodePort's
        // and the externalIP's rules to the same KUBE-EXT chain, whose DNAT goes to the endpoint
        // port (the targetPort resolved per pod)
        let via = match (entry, sp.node_port) {
            (Entry::NodePort | Entry::LoadBalancer, Some(np)) => format!("nodePort {np}"),
            _ => format!("port {}", sp.port),
        };
        let mut h = deliver_hop(HopKind::SnatDnat, format!("kube-proxy:{node}"), &osrc, &ndst, b, node,
            format!("{}; the destination is rewritten (DNAT) from {ndst} to {} ({via} → {}); {nat}{}{itp}", kube_proxy_choice(&backends, svc, sp, fallback, topo.as_deref()), host_port(&b.ip, b.port), target_words(svc, sp, b), sidecar_port_note(svc, sp, b, cluster)));
        // (proxier.go: KUBE-POSTROUTING's `-j MASQUERADE --random-fully` for a packet
        // KUBE-MARK-MASQ marked: the node's address, a new source port)
        h.src_rewritten = (!local).then(|| node_ip.to_string());
        hops.push(h);
        delivered(b, Some(&sp.protocol), format!("via {node}: {}", super::report::count(backends.len(), "endpoint", "endpoints")))
    };
    Path { route_kind: None, note: None, ingress: None, allowed_by: None, hint: None, protocol: None, entry, node: Some(node.to_string()), port: Some(sp.port), hops, outcome, reason, backends }
}

#[cfg(test)]
mod externalname_tests {
    use crate::core::{analyze, config::Config};

    /// Issue #10: an ExternalName Service with no ports "dialled 443" while its box said "no ports".
    #[test]
    fn externalname_without_ports_names_no_port() {
        let y = "apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec: {type: ExternalName, externalName: db.example.com}\n";
        let r = analyze(y, &Config::default());
        let s = &r.services[0];
        assert!(s.ports.is_empty());
        let last = s.paths[0].hops.last().unwrap();
        assert_eq!(last.dst, "db.example.com");
        assert!(!last.explanation.contains("443"), "{}", last.explanation);
        assert!(last.explanation.contains("declares no ports"));
        // with a port, that port is dialled
        let y2 = "apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec: {type: ExternalName, externalName: db.example.com, ports: [{port: 5432}]}\n";
        let r2 = analyze(y2, &Config::default());
        assert_eq!(r2.services[0].paths[0].hops.last().unwrap().dst, "db.example.com:5432");
    }

    /// A request of a burst (or the pod sessionAffinity keeps) retargeted to another backend:
    /// the hop's address, node crossing and reason name that backend, not the first pick
    /// (learner QA: the caption said 10.244.0.2 while every request landed on another pod).
    #[test]
    fn retarget_names_the_requests_backend_everywhere() {
        let r = analyze(crate::core::presets::find("session-affinity").expect("preset").yaml, &Config::default());
        let mut p = r.services[0].paths.iter().find(|p| p.entry == super::Entry::Pod && p.backends.len() > 1).expect("pod path").clone();
        let (first, b) = (p.backends[0].clone(), p.backends[1].clone());
        let via = p.node.clone().unwrap_or_default();
        super::retarget(&mut p, 1);
        let last = p.hops.last().expect("hop");
        let (old, new) = (super::host_port(&first.ip, first.port), super::host_port(&b.ip, b.port));
        assert_eq!((last.to.clone(), last.rewritten.clone()), (format!("pod:{}", b.pod.clone().unwrap_or_default()), Some(new.clone())));
        assert!(last.explanation.contains(&new) && !last.explanation.contains(&old), "{}", last.explanation);
        let cross = b.node.as_deref().filter(|n| *n != via).map(|n| format!("The pod runs on {n}"));
        assert_eq!(cross.as_ref().is_some_and(|c| last.explanation.contains(c)), cross.is_some(), "{}", last.explanation);
        assert_eq!(last.explanation.matches("The pod runs on").count(), usize::from(cross.is_some()), "{}", last.explanation);
        assert!(last.explanation.ends_with(&format!("This request: {}.", b.pod.clone().unwrap_or_default())), "{}", last.explanation);
        assert!(p.reason.contains(&format!("this request: {}", b.pod.clone().unwrap_or_default())), "{}", p.reason);
    }
}

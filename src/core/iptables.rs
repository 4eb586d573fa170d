//! The iptables rules kube-proxy (iptables mode) writes for one Service, on one node, as it
//! hands them to `iptables-restore`.
//!
//! Source: kubernetes/kubernetes pkg/proxy/iptables/proxier.go — `syncProxyRules` (the order
//! and the words of every rule), `writeServiceToEndpointRules` (the KUBE-SVC/KUBE-SVL picks),
//! `newServiceInfo` / `newEndpointInfo` (which strings are hashed), `portProtoHash`,
//! `servicePortPolicyClusterChain`, `servicePortPolicyLocalChainName`, `serviceFirewallChainName`,
//! `serviceExternalChainName`, `servicePortEndpointChainName`, `computeProbability` (`%0.10f`);
//! pkg/proxy/types.go `ServicePortName.String` (`namespace/name` plus `:portname` when the port
//! is named); pkg/proxy/topology.go `CategorizeEndpoints`; pkg/proxy/serviceport.go
//! `ExternallyAccessible`, `UsesClusterEndpoints`, `UsesLocalEndpoints`;
//! pkg/proxy/endpointslicecache.go `endpointsMapFromEndpointInfo` (endpoints sorted by their
//! `ip:port` string). Headless and ExternalName Services get no rules
//! (pkg/proxy/util `ShouldSkipService`: no clusterIP).
//!
//! Assumptions, as a kubeadm cluster runs kube-proxy: `--cluster-cidr` = [`CLUSTER_CIDR`] (IPv6: kind's fd00:10:244::/56, or a dump's nodes' common pod prefix; an IPv6 Service's rules are the IPv6 proxier's, for ip6tables-restore)
//! (detect-local-mode ClusterCIDR, so `! -s <cidr>` marks off-cluster traffic to a clusterIP),
//! `--masquerade-all=false`, masquerade bit 14 (`fmt.Sprintf("%#08x", 1<<14)` = `0x00004000`),
//! `--nodeport-addresses` unset (every local address), iptables with `--random-fully`, and
//! fewer than 1,000 endpoints (so comments are kept: `appendServiceCommentLocked`).

use serde::Serialize;

use super::config::{host_port, Cidr};
use super::paths::Hop;
use super::report::{Report, ServiceReport};
use super::service::LoadBalancer;
use super::resolve::Endpoint;

/// kube-proxy `--cluster-cidr` (kubeadm's podSubnet; every simulated node's pod CIDR is in it).
pub const CLUSTER_CIDR: &str = "10.244.0.0/16";
/// `fmt.Sprintf("%#08x", 1<<14)`: Go counts the width in digits, so eight of them.
pub const MASQ_MARK: &str = "0x00004000";

// ---------------------------------------------------------------- chain names

/// SHA-256 (FIPS 180-4), enough for chain names: no dependency for ~40 lines.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
        0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
        0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
        0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];
    let mut h: [u32; 8] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&((data.len() as u64).wrapping_mul(8)).to_be_bytes());
    for block in msg.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (i, c) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([c[0], c[1], c[2], c[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16].wrapping_add(s0).wrapping_add(w[i - 7]).wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh.wrapping_add(s1).wrapping_add(ch).wrapping_add(K[i]).wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 32];
    for (i, x) in h.iter().enumerate() {
        out[i * 4..i * 4 + 4].copy_from_slice(&x.to_be_bytes());
    }
    out
}

/// RFC 4648 base32 (`base32.StdEncoding`), padded.
pub fn base32(data: &[u8]) -> String {
    const A: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::new();
    for chunk in data.chunks(5) {
        let mut buf = [0u8; 5];
        buf[..chunk.len()].copy_from_slice(chunk);
        let n = u64::from_be_bytes([0, 0, 0, buf[0], buf[1], buf[2], buf[3], buf[4]]);
        let chars = (chunk.len() * 8).div_ceil(5);
        for i in 0..8 {
            if i < chars {
                out.push(A[((n >> (35 - i * 5)) & 31) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// proxier.go `portProtoHash`: sha256 of `servicePortName + protocol`, base32, first 16 chars.
pub fn port_proto_hash(service_port_name: &str, protocol: &str) -> String {
    base32(&sha256(format!("{service_port_name}{protocol}").as_bytes()))[..16].to_string()
}

/// pkg/proxy/types.go `ServicePortName.String`: `namespace/name`, then `:port` if the port is named.
pub fn service_port_name(namespace: &str, name: &str, port_name: Option<&str>) -> String {
    match port_name.filter(|p| !p.is_empty()) {
        Some(p) => format!("{namespace}/{name}:{p}"),
        None => format!("{namespace}/{name}"),
    }
}

/// `servicePortPolicyClusterChain`. `protocol` is lower-case, as `newServiceInfo` passes it.
pub fn svc_chain(spn: &str, protocol: &str) -> String {
    format!("KUBE-SVC-{}", port_proto_hash(spn, protocol))
}
/// `servicePortPolicyLocalChainName`
pub fn svl_chain(spn: &str, protocol: &str) -> String {
    format!("KUBE-SVL-{}", port_proto_hash(spn, protocol))
}
/// `serviceFirewallChainName`
pub fn fw_chain(spn: &str, protocol: &str) -> String {
    format!("KUBE-FW-{}", port_proto_hash(spn, protocol))
}
/// `serviceExternalChainName`
pub fn ext_chain(spn: &str, protocol: &str) -> String {
    format!("KUBE-EXT-{}", port_proto_hash(spn, protocol))
}
/// `servicePortEndpointChainName`: sha256 of `servicePortName + protocol + "ip:port"`.
pub fn sep_chain(spn: &str, protocol: &str, endpoint: &str) -> String {
    format!("KUBE-SEP-{}", base32(&sha256(format!("{spn}{protocol}{endpoint}").as_bytes()))[..16].to_owned())
}

/// `computeProbability`: `fmt.Sprintf("%0.10f", 1.0/float64(n))`.
pub fn probability(n: usize) -> String {
    super::decimal::fixed(1.0 / n.max(1) as f64, 10)
}

// ---------------------------------------------------------------- the rules

/// What a rule does to a packet that reaches it, so a hop can be traced through the chains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Match {
    /// `-d <ip> --dport <port>` (or `--dport <nodePort>` on any local address): jump
    Capture,
    /// unconditional jump (`-j KUBE-NODEPORTS` for local addresses, `-j <policy chain>`)
    Jump,
    /// `! -s <cluster CIDR> -j KUBE-MARK-MASQ`: off-cluster sources to the clusterIP
    MasqNotCluster,
    /// `-s <endpoint IP> -j KUBE-MARK-MASQ`: hairpin, a pod reaching itself
    MasqHairpin,
    /// `-j KUBE-MARK-MASQ` (external traffic under Cluster policy)
    MasqAlways,
    /// `-m addrtype --src-type LOCAL`: traffic from the node itself
    LocalSource,
    /// `-s <cluster CIDR>`: pod traffic short-circuited to KUBE-SVC (Local policy)
    PodSource,
    /// `-s <range>` in KUBE-FW: loadBalancerSourceRanges
    SourceRange,
    /// `-m recent --rcheck`: a client seen before goes to the same endpoint (ClientIP affinity)
    Affinity,
    /// `-m statistic --mode random --probability p` (or the last, certain, pick)
    Pick,
    /// `-j DNAT --to-destination`
    Dnat,
    /// REJECT / DROP / ACCEPT in the filter table, or the end of KUBE-FW
    Verdict,
    /// the shared chains (KUBE-MARK-MASQ, KUBE-POSTROUTING)
    Shared,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rule {
    /// `nat` or `filter`
    pub table: String,
    pub chain: String,
    /// the line as kube-proxy hands it to iptables-restore
    pub line: String,
    /// the chain or verdict it jumps to
    pub target: String,
    #[serde(rename = "match")]
    pub matches: Match,
    /// `ip:port` (Capture), or `*:nodePort`
    pub dst: Option<String>,
    /// the source IP or CIDR a rule tests (hairpin, pod source, source range)
    pub src: Option<String>,
    /// the endpoint (`ip:port`) a Pick or Dnat rule is about
    pub endpoint: Option<String>,
    /// the Service port (number) the rule belongs to; None for the shared chains
    pub port: Option<i64>,
    /// what it does, in one sentence
    pub note: String,
}

/// The rules one node's kube-proxy writes for one Service.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct RuleSet {
    pub node: String,
    /// the rules are for IPv6 (the Service's family): kube-proxy runs one proxier per family
    /// (pkg/proxy/iptables NewDualStackProxier) and hands these to ip6tables-restore
    pub ipv6: bool,
    /// why there are none (headless, ExternalName, rejected)
    pub none_because: Option<String>,
    pub rules: Vec<Rule>,
}

#[derive(Clone)]
struct Ep {
    ip: String,
    port: i64,
    node: Option<String>,
    ready: bool,
    serving: bool,
    terminating: bool,
}
impl Ep {
    fn addr(&self) -> String {
        // net.JoinHostPort: an IPv6 endpoint is `[ip]:port` (also in the KUBE-SEP hash)
        host_port(&self.ip, self.port)
    }
}

struct W<'a> {
    rules: &'a mut Vec<Rule>,
    port: Option<i64>,
}
impl W<'_> {
    #[allow(clippy::too_many_arguments)]
    fn put(&mut self, table: &str, chain: &str, args: &str, target: &str, m: Match, dst: Option<String>, src: Option<String>, endpoint: Option<String>, note: String) {
        let tail = if target.starts_with("KUBE-") || ["REJECT", "DROP", "ACCEPT", "RETURN"].contains(&target) { format!(" -j {target}") } else { String::new() };
        let line = format!("-A {chain}{}{}{tail}", if args.is_empty() { "" } else { " " }, args).trim_end().to_string();
        self.rules.push(Rule { table: table.into(), chain: chain.into(), line, target: target.into(), matches: m, dst, src, endpoint, port: self.port, note });
    }
}

/// A dual-stack Service's rules in kube-proxy's proxier of its second family (kube-proxy runs
/// one proxier per family: cmd/kube-proxy app/server_linux.go createProxier →
/// iptables.NewDualStackProxier; each reads the Service's clusterIP of its family and the
/// EndpointSlices of that addressType, and writes its own table, iptables or ip6tables, with
/// the same chain names). None for a Service of one family.
pub fn rules_for_second_family(svc: &ServiceReport, report: &Report, node: &str) -> Option<RuleSet> {
    let [_, second] = &svc.cluster_ips[..] else { return None };
    if svc.rejected || svc.headless {
        return None;
    }
    let v6 = second.contains(':');
    let mut other = svc.clone();
    other.cluster_ip = Some(second.clone());
    // the endpoints of the second family's slice: the pods' addresses of that family
    other.endpoints = svc.endpoints.iter().filter_map(|e| Some(Endpoint { ip: e.ip_second.clone()?, ip_second: None, ..e.clone() })).collect();
    other.external_ips.retain(|ip| ip.contains(':') == v6);
    Some(rules_for(&other, report, node))
}

/// The rules kube-proxy on `node` writes for `svc` (`report` gives node IPs).
pub fn rules_for(svc: &ServiceReport, report: &Report, node: &str) -> RuleSet {
    let mut set = RuleSet { node: node.to_string(), ..RuleSet::default() };
    if svc.rejected {
        set.none_because = Some("the API server rejected this Service, so kube-proxy never sees it".into());
        return set;
    }
    if svc.type_ == "ExternalName" {
        set.none_because = Some("an ExternalName Service has no clusterIP: kube-proxy skips it (ShouldSkipService) and cluster DNS answers a CNAME".into());
        return set;
    }
    if svc.headless {
        set.none_because = Some("a headless Service (clusterIP: None) has no virtual IP: kube-proxy skips it (ShouldSkipService); clients get the pods' IPs from DNS".into());
        return set;
    }
    let Some(cip) = svc.cluster_ip.clone() else {
        set.none_because = Some("no clusterIP".into());
        return set;
    };
    // this proxier's family: the clusterIP's; addresses of the other family are the other
    // proxier's (and ip6tables never sees an IPv4 one)
    let v6 = cip.contains(':');
    // the node's address of that family (a dual-stack node has one of each)
    let node_ip = report.nodes.iter().find(|n| n.name == node).map(|n| n.ip_for(v6).to_string()).unwrap_or_default();
    set.ipv6 = v6;
    let same_family = |ip: &str| ip.parse::<std::net::IpAddr>().is_ok_and(|a| a.is_ipv6() == v6);
    let lb_vips: Vec<String> = match &svc.load_balancer {
        // (no rule for a hostname, nor for an ipMode: Proxy IP: pkg/proxy/serviceport.go
        // newBaseServiceInfo, `if ing.IP == "" || !proxyutil.IsVIPMode(ing) { continue }`)
        LoadBalancer::Ready { ingress, .. } => ingress.iter().filter(|i| same_family(i) && !svc.lb_no_rules.contains(i)).cloned().collect(),
        _ => vec![],
    };
    let source_ranges: Vec<String> = svc.load_balancer_source_ranges.iter().filter_map(|r| Cidr::parse(r).filter(|c| c.v6 == v6).map(|c| c.to_string())).collect();
    let cluster_cidr = if v6 { pod_network_v6(report) } else { CLUSTER_CIDR.to_string() };
    let internal_local = svc.internal_traffic_policy.as_deref() == Some("Local");
    let external_local = svc.external_traffic_policy.as_deref() == Some("Local");
    let mut rules = Vec::new();
    for sp in &svc.ports {
        let proto = sp.protocol.to_ascii_lowercase();
        let spn = service_port_name(&svc.namespace, &svc.name, sp.name.as_deref());
        let svc_c = svc_chain(&spn, &proto);
        let svl_c = svl_chain(&spn, &proto);
        let ext_c = ext_chain(&spn, &proto);
        let fw_c = fw_chain(&spn, &proto);
        let port = sp.port;
        let mut w = W { rules: &mut rules, port: Some(port) };
        let pp = format!("-m {proto} -p {proto}");

        // the endpoints for this port, sorted by "ip:port" (endpointsMapFromEndpointInfo byEndpoint)
        let mut eps: Vec<Ep> = svc
            .endpoints
            .iter()
            .filter_map(|e| {
                let p = e.ports.iter().find(|p| p.name == sp.name && p.protocol == sp.protocol)?;
                Some(Ep { ip: e.ip.clone(), port: p.port, node: e.node.clone(), ready: e.ready, serving: e.serving, terminating: e.terminating })
            })
            .collect();
        crate::core::sort::sort_by_key(&mut eps, |a| a.addr());
        let is_local = |e: &Ep| e.node.as_deref() == Some(node);

        // serviceport.go
        let externally_accessible = sp.node_port.is_some() || !lb_vips.is_empty() || !svc.external_ips.is_empty();
        let uses_cluster = !internal_local || externally_accessible;
        let uses_local = internal_local || (external_local && externally_accessible);
        // topology.go CategorizeEndpoints, with the trafficDistribution hints (paths::topology_mode)
        let mut has_any = false;
        let mut cluster_eps: Vec<Ep> = Vec::new();
        if uses_cluster {
            cluster_eps = eps.iter().filter(|e| e.ready).cloned().collect();
            let zone_of = |n: &str| super::paths::node_zone(&report.nodes, n);
            match super::paths::topology_mode(svc.traffic_distribution.as_deref().filter(|_| !svc.topology_mode_auto), cluster_eps.iter().map(|e| e.node.as_deref()), &zone_of, node) {
                super::paths::TopologyMode::SameNode => cluster_eps.retain(|e| e.node.as_deref() == Some(node)),
                super::paths::TopologyMode::SameZone(z) => cluster_eps.retain(|e| e.node.as_deref().and_then(zone_of) == Some(z)),
                super::paths::TopologyMode::Any => {}
            }
            // topology-mode Auto: the topology cache's hints (paths::auto_hints), each ready
            // endpoint for its own zone when it writes them; kube-proxy keeps its zone's
            // (topology.go topologyModeFromHints), as the path does
            if svc.topology_mode_auto {
                let ready: Vec<Option<&str>> = cluster_eps.iter().map(|e| e.node.as_deref()).collect();
                if let (Ok(_), Some(z)) = (super::paths::auto_hints(&report.nodes, &ready, cluster_eps.iter().any(|e| e.ip.contains(':'))), zone_of(node)) {
                    if cluster_eps.iter().any(|e| e.node.as_deref().and_then(zone_of) == Some(z)) {
                        cluster_eps.retain(|e| e.node.as_deref().and_then(zone_of) == Some(z));
                    }
                }
            }
            if cluster_eps.is_empty() {
                cluster_eps = eps.iter().filter(|e| e.serving && e.terminating).cloned().collect();
            }
            has_any = !cluster_eps.is_empty();
        }
        let mut local_eps: Vec<Ep> = Vec::new();
        let mut serving_terminating = false;
        if uses_local {
            let (mut local_ready, mut local_st) = (false, false);
            for e in &eps {
                if e.ready {
                    has_any = true;
                    local_ready |= is_local(e);
                } else if e.serving && e.terminating {
                    has_any = true;
                    local_st |= is_local(e);
                }
            }
            if local_ready {
                local_eps = eps.iter().filter(|e| is_local(e) && e.ready).cloned().collect();
            } else if local_st {
                serving_terminating = true;
                local_eps = eps.iter().filter(|e| is_local(e) && e.serving && e.terminating).cloned().collect();
            }
        }
        let reachable: Vec<Ep> = if !uses_local {
            cluster_eps.clone()
        } else if !uses_cluster {
            local_eps.clone()
        } else if !serving_terminating {
            cluster_eps.clone()
        } else {
            let mut all = cluster_eps.clone();
            for e in &local_eps {
                if !all.iter().any(|a| a.addr() == e.addr()) {
                    all.push(e.clone());
                }
            }
            crate::core::sort::sort_by_key(&mut all, |a| a.addr());
            all
        };
        let uses_cluster_chain = !cluster_eps.is_empty() && uses_cluster;
        let uses_local_chain = !local_eps.is_empty() && uses_local;
        let mut internal_chain = svc_c.clone();
        let mut has_internal = has_any;
        if internal_local {
            internal_chain = svl_c.clone();
            has_internal = !local_eps.is_empty() && has_any;
        }
        let mut external_policy_chain = svc_c.clone();
        let mut has_external = has_any;
        if external_local {
            external_policy_chain = svl_c.clone();
            has_external = !local_eps.is_empty() && has_any;
        }
        let uses_ext_chain = has_any && externally_accessible;
        let uses_fw = has_any && !lb_vips.is_empty() && !source_ranges.is_empty();
        let lb_chain = if uses_fw { fw_c.clone() } else { ext_c.clone() };
        let (int_target, int_comment, ext_target, ext_comment) = if !has_any {
            ("REJECT", format!("\"{spn} has no endpoints\""), "REJECT", format!("\"{spn} has no endpoints\""))
        } else {
            (
                if has_internal { "" } else { "DROP" },
                format!("\"{spn} has no local endpoints\""),
                if has_external { "" } else { "DROP" },
                format!("\"{spn} has no local endpoints\""),
            )
        };
        let vip = host_port(&cip, port);

        // Capture the clusterIP.
        if has_internal {
            w.put("nat", "KUBE-SERVICES", &format!("-m comment --comment \"{spn} cluster IP\" {pp} -d {cip} --dport {port}"), &internal_chain, Match::Capture, Some(vip.clone()), None, None,
                format!("A packet to the clusterIP {vip} jumps to {}{}", internal_chain, if internal_local { " (internalTrafficPolicy Local: this node's endpoints only)" } else { "" }));
        } else {
            w.put("filter", "KUBE-SERVICES", &format!("-m comment --comment {int_comment} {pp} -d {cip} --dport {port}"), int_target, Match::Verdict, Some(vip.clone()), None, None,
                if int_target == "REJECT" { format!("No endpoints: a connection to {vip} is refused (ICMP port unreachable)") } else { format!("internalTrafficPolicy Local and no endpoint on {node}: packets to {vip} are dropped") });
        }
        // Capture externalIPs.
        for eip in &svc.external_ips {
            let d = host_port(eip, port);
            if has_any {
                w.put("nat", "KUBE-SERVICES", &format!("-m comment --comment \"{spn} external IP\" {pp} -d {eip} --dport {port}"), &ext_c, Match::Capture, Some(d.clone()), None, None,
                    format!("A packet to the externalIP {d} takes the external path ({ext_c})"));
            }
            if !has_external {
                w.put("filter", "KUBE-EXTERNAL-SERVICES", &format!("-m comment --comment {ext_comment} {pp} -d {eip} --dport {port}"), ext_target, Match::Verdict, Some(d.clone()), None, None,
                    format!("Nothing can serve outside traffic to {d} here: {}", ext_target));
            }
        }
        // Capture load-balancer ingress.
        for lb in &lb_vips {
            let d = host_port(lb, port);
            if has_any {
                w.put("nat", "KUBE-SERVICES", &format!("-m comment --comment \"{spn} loadbalancer IP\" {pp} -d {lb} --dport {port}"), &lb_chain, Match::Capture, Some(d.clone()), None, None,
                    format!("A packet still addressed to the load balancer's IP {d} (a load balancer that keeps the destination) jumps to {lb_chain}"));
            }
            if uses_fw {
                w.put("filter", "KUBE-PROXY-FIREWALL", &format!("-m comment --comment \"{spn} traffic not accepted by {fw_c}\" {pp} -d {lb} --dport {port}"), "DROP", Match::Verdict, Some(d.clone()), None, None,
                    format!("Whatever {fw_c} did not accept (a source outside loadBalancerSourceRanges) is dropped here"));
            }
        }
        if !has_external {
            for lb in &lb_vips {
                let d = host_port(lb, port);
                w.put("filter", "KUBE-EXTERNAL-SERVICES", &format!("-m comment --comment {ext_comment} {pp} -d {lb} --dport {port}"), ext_target, Match::Verdict, Some(d), None, None,
                    format!("Nothing on {node} can serve outside traffic to the load balancer IP: {ext_target}"));
            }
        }
        // Capture nodeports.
        if let Some(np) = sp.node_port {
            let d = format!("*:{np}");
            if has_any {
                w.put("nat", "KUBE-NODEPORTS", &format!("-m comment --comment {spn} {pp} --dport {np}"), &ext_c, Match::Capture, Some(d.clone()), None, None,
                    format!("nodePort {np} on any of {node}'s addresses jumps to {ext_c}"));
            }
            if !has_external {
                w.put("filter", "KUBE-EXTERNAL-SERVICES", &format!("-m comment --comment {ext_comment} -m addrtype --dst-type LOCAL {pp} --dport {np}"), ext_target, Match::Verdict, Some(d), None, None,
                    if ext_target == "REJECT" { format!("No endpoints: a connection to nodePort {np} is refused") } else { format!("externalTrafficPolicy Local and no endpoint on {node}: outside traffic to nodePort {np} is dropped") });
            }
        }
        // Capture healthCheckNodePorts.
        // (written once per Service port, as upstream's loop over service ports does)
        if let Some(hc) = svc.health_check_node_port {
            w.put("filter", "KUBE-NODEPORTS", &format!("-m comment --comment \"{spn} health check node port\" -m tcp -p tcp --dport {hc}"), "ACCEPT", Match::Verdict, Some(format!("*:{hc}")), None, None,
                format!("The load balancer's health check reaches kube-proxy on port {hc}: 200 if {node} has a local endpoint, 503 if not"));
        }
        // Internal traffic: masquerade what comes from outside the pod network.
        if has_internal {
            w.put("nat", &internal_chain, &format!("-m comment --comment \"{spn} cluster IP\" {pp} -d {cip} --dport {port} ! -s {cluster_cidr}"), "KUBE-MARK-MASQ", Match::MasqNotCluster, Some(vip.clone()), Some(cluster_cidr.clone()), None,
                format!("A source outside the pod network ({cluster_cidr}), e.g. a node, is marked for masquerade so the reply comes back here"));
        }
        // External traffic.
        if uses_ext_chain {
            if !external_local {
                w.put("nat", &ext_c, &format!("-m comment --comment \"masquerade traffic for {spn} external destinations\""), "KUBE-MARK-MASQ", Match::MasqAlways, None, None, None,
                    "externalTrafficPolicy Cluster: outside traffic is marked for masquerade (SNAT to this node's IP), since the endpoint may be on another node".into());
            } else {
                w.put("nat", &ext_c, &format!("-m comment --comment \"pod traffic for {spn} external destinations\" -s {cluster_cidr}"), &svc_c, Match::PodSource, None, Some(cluster_cidr.clone()), None,
                    "A pod reaching the external address is short-circuited to every endpoint (as if it went out to the load balancer and back)".into());
                w.put("nat", &ext_c, &format!("-m comment --comment \"masquerade LOCAL traffic for {spn} external destinations\" -m addrtype --src-type LOCAL"), "KUBE-MARK-MASQ", Match::LocalSource, None, None, None,
                    "Traffic from the node itself is masqueraded".into());
                w.put("nat", &ext_c, &format!("-m comment --comment \"route LOCAL traffic for {spn} external destinations\" -m addrtype --src-type LOCAL"), &svc_c, Match::LocalSource, None, None, None,
                    "… and sent to every endpoint".into());
            }
            if has_external {
                w.put("nat", &ext_c, "", &external_policy_chain, Match::Jump, None, None, None,
                    if external_local { format!("Everything else (outside clients) goes to {external_policy_chain}: {node}'s own endpoints only, client IP kept") } else { format!("Then on to {external_policy_chain}") });
            }
        }
        // Firewall chain.
        if uses_fw {
            let allow_from_node = node_ip.parse().ok().is_some_and(|ip| source_ranges.iter().any(|r| Cidr::parse(r).is_some_and(|c| c.contains(ip))));
            for r in &source_ranges {
                w.put("nat", &fw_c, &format!("-m comment --comment \"{spn} loadbalancer IP\" -s {r}"), &ext_c, Match::SourceRange, None, Some(r.clone()), None,
                    format!("A source in loadBalancerSourceRanges ({r}) may pass"));
            }
            if allow_from_node {
                for lb in &lb_vips {
                    w.put("nat", &fw_c, &format!("-m comment --comment \"{spn} loadbalancer IP\" -s {lb}"), &ext_c, Match::SourceRange, None, Some(lb.clone()), None,
                        "The node itself may reach the load balancer IP (it loops back with the VIP as source)".into());
                }
            }
            w.put("nat", &fw_c, &format!("-m comment --comment \"other traffic to {spn} will be dropped by KUBE-PROXY-FIREWALL\""), "", Match::Verdict, None, None, None,
                "Any other source falls off the end; the filter table's KUBE-PROXY-FIREWALL drops it".into());
        }
        let affinity = svc.session_affinity == "ClientIP";
        let seconds = svc.session_affinity_timeout.unwrap_or(10800);
        let to_endpoints = |w: &mut W, chain: &str, eps: &[Ep]| {
            // writeServiceToEndpointRules
            if affinity {
                for e in eps {
                    let sep = sep_chain(&spn, &proto, &e.addr());
                    w.put("nat", chain, &format!("-m comment --comment \"{spn} -> {}\" -m recent --name {sep} --rcheck --seconds {seconds} --reap", e.addr()), &sep, Match::Affinity, None, None, Some(e.addr()),
                        format!("sessionAffinity ClientIP: a client seen going to {} in the last {seconds} s goes there again", e.addr()));
                }
            }
            let n = eps.len();
            for (i, e) in eps.iter().enumerate() {
                let sep = sep_chain(&spn, &proto, &e.addr());
                let (stat, note) = if i + 1 < n {
                    (format!(" -m statistic --mode random --probability {}", probability(n - i)), format!("Taken with probability 1/{} of what reaches it (1/{n} overall): {}", n - i, e.addr()))
                } else if n == 1 {
                    (String::new(), format!("The only endpoint: always {}", e.addr()))
                } else {
                    (String::new(), format!("The last rule, no statistic: whatever is left (1/{n} overall) goes to {}", e.addr()))
                };
                w.put("nat", chain, &format!("-m comment --comment \"{spn} -> {}\"{stat}", e.addr()), &sep, Match::Pick, None, None, Some(e.addr()), note);
            }
        };
        if uses_cluster_chain {
            to_endpoints(&mut w, &svc_c, &cluster_eps);
        }
        if uses_local_chain {
            to_endpoints(&mut w, &svl_c, &local_eps);
        }
        for e in &reachable {
            let sep = sep_chain(&spn, &proto, &e.addr());
            w.put("nat", &sep, &format!("-m comment --comment {spn} -s {}", e.ip), "KUBE-MARK-MASQ", Match::MasqHairpin, None, Some(e.ip.clone()), Some(e.addr()),
                format!("Hairpin: if {} is talking to itself through the Service, masquerade so the reply returns", e.ip));
            let aff = if affinity { format!(" -m recent --name {sep} --set") } else { String::new() };
            w.put("nat", &sep, &format!("-m comment --comment {spn}{aff} {pp} -j DNAT --to-destination {}", e.addr()), "DNAT", Match::Dnat, None, None, Some(e.addr()),
                format!("Rewrite the destination to the pod: {}{}", e.addr(), if affinity { " (and remember this client for affinity)" } else { "" }));
        }
    }
    // The shared rules this Service's packets pass through (none when it has no nat rules).
    if !rules.iter().any(|r| r.table == "nat") {
        set.rules = rules;
        return set;
    }
    let mut w = W { rules: &mut rules, port: None };
    w.put("nat", "KUBE-SERVICES", "-m comment --comment \"kubernetes service nodeports; NOTE: this must be the last rule in this chain\" -m addrtype --dst-type LOCAL", "KUBE-NODEPORTS", Match::Jump, None, None, None,
        format!("Last rule of KUBE-SERVICES: a packet to one of {node}'s own addresses tries the nodePorts"));
    w.put("nat", "KUBE-MARK-MASQ", &format!("-j MARK --or-mark {MASQ_MARK}"), "MARK", Match::Shared, None, None, None, "Set the masquerade bit on the packet; it is acted on when the packet leaves".into());
    w.put("nat", "KUBE-POSTROUTING", &format!("-m mark ! --mark {MASQ_MARK}/{MASQ_MARK}"), "RETURN", Match::Shared, None, None, None, "Packets without the bit leave untouched".into());
    w.put("nat", "KUBE-POSTROUTING", &format!("-j MARK --xor-mark {MASQ_MARK}"), "MARK", Match::Shared, None, None, None, "Clear the bit".into());
    w.put("nat", "KUBE-POSTROUTING", "-m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE --random-fully", "MASQUERADE", Match::Shared, None, None, None,
        format!("Source NAT to {node}'s own address{}", if node_ip.is_empty() { String::new() } else { format!(" ({node_ip})") }));

    // Show them chain by chain, in the order a packet meets them; within a chain, as written.
    let rank = |r: &Rule| -> (u8, u8) {
        let t = if r.table == "nat" { 0 } else { 1 };
        let c = r.chain.as_str();
        let k = if c == "KUBE-SERVICES" {
            0
        } else if c == "KUBE-NODEPORTS" {
            1
        } else if c.starts_with("KUBE-EXT-") {
            2
        } else if c.starts_with("KUBE-FW-") {
            3
        } else if c.starts_with("KUBE-SVC-") {
            4
        } else if c.starts_with("KUBE-SVL-") {
            5
        } else if c.starts_with("KUBE-SEP-") {
            6
        } else if c == "KUBE-MARK-MASQ" {
            7
        } else if c == "KUBE-POSTROUTING" {
            8
        } else {
            9
        };
        (t, k)
    };
    crate::core::sort::sort_by_key(&mut rules, rank);
    set.rules = rules;
    set
}

/// The node whose kube-proxy handles a hop: `kube-proxy:node-2` / `node:node-2` in from/to.
pub fn hop_node(hop: &Hop) -> Option<String> {
    [&hop.from, &hop.to].iter().find_map(|s| s.strip_prefix("kube-proxy:").or_else(|| s.strip_prefix("node:")).map(str::to_string))
}

pub(crate) fn ip_of(addr: &str) -> &str {
    if let Some(rest) = addr.strip_prefix('[') {
        return rest.split_once(']').map_or(rest, |(ip, _)| ip);
    }
    addr.rsplit_once(':').map(|(ip, _)| ip).unwrap_or(addr)
}

/// kube-proxy's IPv6 --cluster-cidr: kind's fd00:10:244::/56 for the simulated nodes (their
/// /64s are cut from it), else the prefix a dump's nodes' IPv6 pod ranges share.
fn pod_network_v6(report: &Report) -> String {
    const KIND: &str = "fd00:10:244::/56";
    let ranges: Vec<Cidr> = report.nodes.iter().filter_map(|n| Cidr::parse(n.pod_cidr_for(true))).filter(|c| c.v6).collect();
    let kind = Cidr::parse(KIND).expect("valid");
    let Some(first) = ranges.first() else { return KIND.into() };
    if ranges.iter().all(|r| kind.contains(r.nth(0))) {
        return KIND.into();
    }
    let prefix = ranges.iter().map(|c| ((c.base ^ first.base).leading_zeros() as u8).min(c.prefix)).min().unwrap_or(first.prefix);
    let mask = if prefix == 0 { 0 } else { u128::MAX << (128 - prefix as u32) };
    Cidr { base: first.base & mask, prefix, v6: true }.to_string()
}

fn in_cidr(ip: &str, cidr: &str) -> bool {
    match (ip.parse(), Cidr::parse(cidr)) {
        (Ok(ip), Some(c)) => c.contains(ip),
        _ => ip == cidr,
    }
}

/// The rules (indices into `set.rules`) a hop's packet matches, in order: arriving at a node
/// (send/forward to `kube-proxy:`/`node:`), only the capture; leaving kube-proxy (dnat,
/// snat-dnat, reject, drop), the whole walk: capture, EXT/FW, the pick, the SEP's DNAT, and the
/// masquerade rules when the packet was marked.
pub fn traverse(set: &RuleSet, hop: &Hop) -> Vec<usize> {
    let arriving = hop.to.starts_with("kube-proxy:") || hop.to.starts_with("node:");
    let leaving = hop.from.starts_with("kube-proxy:");
    if !arriving && !leaving {
        return vec![];
    }
    let src_ip = ip_of(&hop.src).to_string();
    let dst = hop.dst.clone();
    let dport = dst.rsplit_once(':').map(|(_, p)| p.to_string()).unwrap_or_default();
    let capture = |r: &Rule| r.dst.as_deref().is_some_and(|d| d == dst || d == format!("*:{dport}"));
    let mut out = Vec::new();
    let nat = |c: &str| set.rules.iter().enumerate().filter(move |(_, r)| r.table == "nat" && r.chain == c).map(|(i, _)| i).collect::<Vec<_>>();
    // 1. nat KUBE-SERVICES: a capture rule for the exact address, else the nodeports tail
    let mut chain: Option<String> = None;
    if let Some(i) = nat("KUBE-SERVICES").into_iter().find(|&i| set.rules[i].matches == Match::Capture && capture(&set.rules[i])) {
        out.push(i);
        chain = Some(set.rules[i].target.clone());
    } else if let Some(i) = nat("KUBE-NODEPORTS").into_iter().find(|&i| set.rules[i].matches == Match::Capture && capture(&set.rules[i])) {
        if let Some(t) = nat("KUBE-SERVICES").into_iter().find(|&j| set.rules[j].target == "KUBE-NODEPORTS") {
            out.push(t);
        }
        out.push(i);
        chain = Some(set.rules[i].target.clone());
    }
    if arriving && !leaving {
        return out;
    }
    // 2. walk the chains
    let target = hop.rewritten.clone();
    let mut marked = false;
    let mut dnat = false;
    let mut guard = 0;
    while let Some(c) = chain.take() {
        guard += 1;
        if guard > 8 {
            break;
        }
        for i in nat(&c) {
            let r = &set.rules[i];
            let hit = match r.matches {
                Match::MasqNotCluster => !in_cidr(&src_ip, r.src.as_deref().unwrap_or(CLUSTER_CIDR)),
                Match::MasqHairpin => r.src.as_deref() == Some(src_ip.as_str()),
                Match::MasqAlways => true,
                Match::LocalSource | Match::Affinity | Match::Shared => false,
                Match::PodSource | Match::SourceRange => r.src.as_deref().is_some_and(|s| in_cidr(&src_ip, s)),
                Match::Pick => target.is_some() && r.endpoint == target,
                Match::Dnat | Match::Jump | Match::Capture => true,
                Match::Verdict => true,
            };
            if !hit {
                continue;
            }
            out.push(i);
            if r.target == "KUBE-MARK-MASQ" {
                marked = true;
                continue; // KUBE-MARK-MASQ returns
            }
            if r.matches == Match::Dnat {
                dnat = true;
            } else if r.target.starts_with("KUBE-") {
                chain = Some(r.target.clone());
            }
            break;
        }
    }
    // 3. not DNATed: the filter table's verdict for this address (REJECT, DROP)
    if !dnat {
        if let Some(i) = set.rules.iter().position(|r| r.table == "filter" && r.matches == Match::Verdict && r.target != "ACCEPT" && capture(r)) {
            out.push(i);
        }
    } else if marked {
        for (i, r) in set.rules.iter().enumerate() {
            if r.chain == "KUBE-MARK-MASQ" || (r.chain == "KUBE-POSTROUTING" && r.target != "RETURN") {
                out.push(i);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{analyze, config::Config, presets};

    // Expected values computed independently with Python, re-implementing portProtoHash /
    // servicePortEndpointChainName:
    //   h = lambda s: base64.b32encode(hashlib.sha256(s.encode()).digest()).decode()[:16]
    //   h('ns1/svc1:p80tcp')                  == 'XPGD46QRK7WJZT7O'  (also in upstream proxier_test.go)
    //   h('ns1/svc1:p80tcp' + '10.180.0.1:80') == 'SXIVWICOYRO3J4NJ'  (also in upstream proxier_test.go)
    //   h('default/webtcp')                   == 'LOLE4ISW44XBNF3G'
    //   h('default/webtcp10.244.0.2:8080')    == '2OYZRSTTDHUPO7SU'
    //   h('default/webtcp10.244.1.2:8080')    == 'PXJ2U7QYT2QW5545'
    //   h('default/webtcp10.244.2.2:8080')    == '5Q3P56IRA2PP7VYF'
    //   h('default/web:httptcp')              == 'CDGGSHYLG3RE2FKL'
    //   '%0.10f' % (1/3), '%0.10f' % (1/2)    == '0.3333333333', '0.5000000000'
    #[test]
    fn sha256_known_vectors() {
        let hex = |b: [u8; 32]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
        assert_eq!(hex(sha256(b"")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_eq!(hex(sha256(b"abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        let long = vec![b'a'; 200];
        assert_eq!(sha256(&long).len(), 32);
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI======");
    }

    #[test]
    fn port_proto_hash_matches_upstream() {
        assert_eq!(svc_chain("ns1/svc1:p80", "tcp"), "KUBE-SVC-XPGD46QRK7WJZT7O");
        assert_eq!(sep_chain("ns1/svc1:p80", "tcp", "10.180.0.1:80"), "KUBE-SEP-SXIVWICOYRO3J4NJ");
        assert_eq!(service_port_name("default", "web", None), "default/web");
        assert_eq!(service_port_name("default", "web", Some("http")), "default/web:http");
        assert_eq!(svc_chain("default/web", "tcp"), "KUBE-SVC-LOLE4ISW44XBNF3G");
        assert_eq!(ext_chain("default/web:http", "tcp"), "KUBE-EXT-CDGGSHYLG3RE2FKL");
        assert_eq!(probability(3), "0.3333333333");
        assert_eq!(probability(2), "0.5000000000");
    }

    fn scene(id: &str) -> Report {
        analyze(presets::find(id).expect("preset").yaml, &Config::default())
    }

    #[test]
    fn clusterip_scene_one_sep_per_ready_endpoint_with_probabilities() {
        let r = scene("web-clusterip");
        let svc = &r.services[0];
        let set = rules_for(svc, &r, "node-1");
        let lines: Vec<&str> = set.rules.iter().map(|r| r.line.as_str()).collect();
        assert!(lines.contains(&"-A KUBE-SERVICES -m comment --comment \"default/web cluster IP\" -m tcp -p tcp -d 10.102.52.187 --dport 80 -j KUBE-SVC-LOLE4ISW44XBNF3G"), "{lines:#?}");
        let picks: Vec<&str> = set.rules.iter().filter(|r| r.matches == Match::Pick).map(|r| r.line.as_str()).collect();
        assert_eq!(
            picks,
            vec![
                "-A KUBE-SVC-LOLE4ISW44XBNF3G -m comment --comment \"default/web -> 10.244.0.2:8080\" -m statistic --mode random --probability 0.3333333333 -j KUBE-SEP-2OYZRSTTDHUPO7SU",
                "-A KUBE-SVC-LOLE4ISW44XBNF3G -m comment --comment \"default/web -> 10.244.1.2:8080\" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-PXJ2U7QYT2QW5545",
                "-A KUBE-SVC-LOLE4ISW44XBNF3G -m comment --comment \"default/web -> 10.244.2.2:8080\" -j KUBE-SEP-5Q3P56IRA2PP7VYF",
            ]
        );
        let dnats: Vec<&str> = set.rules.iter().filter(|r| r.matches == Match::Dnat).map(|r| r.line.as_str()).collect();
        assert_eq!(dnats.len(), 3);
        assert_eq!(dnats[0], "-A KUBE-SEP-2OYZRSTTDHUPO7SU -m comment --comment default/web -m tcp -p tcp -j DNAT --to-destination 10.244.0.2:8080");
        assert!(lines.contains(&"-A KUBE-SEP-2OYZRSTTDHUPO7SU -m comment --comment default/web -s 10.244.0.2 -j KUBE-MARK-MASQ"));
        assert!(lines.contains(&"-A KUBE-SVC-LOLE4ISW44XBNF3G -m comment --comment \"default/web cluster IP\" -m tcp -p tcp -d 10.102.52.187 --dport 80 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ"));
        assert!(lines.contains(&"-A KUBE-MARK-MASQ -j MARK --or-mark 0x00004000"));
        // no nodePort, no EXT chain
        assert!(!set.rules.iter().any(|r| r.chain.starts_with("KUBE-EXT-") || r.chain == "KUBE-NODEPORTS"));
    }

    #[test]
    fn clusterip_hop_walks_capture_pick_and_dnat() {
        let r = scene("web-clusterip");
        let svc = &r.services[0];
        let path = svc.paths.iter().find(|p| p.entry == "pod").expect("pod path");
        let hop = path.hops.iter().find(|h| h.kind == "dnat").expect("dnat hop");
        let set = rules_for(svc, &r, &hop_node(hop).expect("node"));
        let walked: Vec<&str> = traverse(&set, hop).into_iter().map(|i| set.rules[i].chain.as_str()).collect();
        assert_eq!(walked[0], "KUBE-SERVICES");
        assert_eq!(walked[1], "KUBE-SVC-LOLE4ISW44XBNF3G");
        assert!(walked[2].starts_with("KUBE-SEP-"));
        let last = &set.rules[*traverse(&set, hop).last().expect("some")];
        assert_eq!(last.matches, Match::Dnat);
        assert_eq!(last.endpoint, hop.rewritten);
    }

    #[test]
    fn nodeport_scene_ext_chain_masquerades_then_picks() {
        let r = scene("web-nodeport");
        let svc = &r.services[0];
        let path = svc.paths.iter().find(|p| p.entry == "nodeport").expect("nodeport path");
        let hop = path.hops.last().expect("hop");
        let set = rules_for(svc, &r, &hop_node(hop).expect("node"));
        let walk = traverse(&set, hop);
        let chains: Vec<&str> = walk.iter().map(|&i| set.rules[i].chain.as_str()).collect();
        assert_eq!(&chains[..3], &["KUBE-SERVICES", "KUBE-NODEPORTS", chains[2]]);
        assert!(chains[2].starts_with("KUBE-EXT-"), "{chains:?}");
        assert!(chains.contains(&"KUBE-MARK-MASQ") && chains.contains(&"KUBE-POSTROUTING"), "{chains:?}");
        assert_eq!(set.rules[*walk.iter().rev().find(|&&i| set.rules[i].matches == Match::Dnat).expect("dnat")].endpoint, hop.rewritten);
    }

    #[test]
    fn local_policy_writes_svl_with_local_endpoints_only() {
        let r = scene("nodeport-local");
        let svc = &r.services[0];
        for n in &r.nodes {
            let set = rules_for(svc, &r, &n.name);
            let local: Vec<&Rule> = set.rules.iter().filter(|r| r.chain.starts_with("KUBE-SVL-") && r.matches == Match::Pick).collect();
            let here = svc.endpoints.iter().filter(|e| e.ready && e.node.as_deref() == Some(n.name.as_str())).count();
            assert_eq!(local.len(), here, "node {}", n.name);
            if here == 0 {
                assert!(set.rules.iter().any(|r| r.table == "filter" && r.target == "DROP"), "node {} drops", n.name);
            }
        }
    }

    #[test]
    fn no_endpoints_reject_in_filter_table() {
        let r = scene("broken-selector-typo");
        let svc = &r.services[0];
        let set = rules_for(svc, &r, "node-1");
        assert!(set.rules.iter().any(|r| r.table == "filter" && r.chain == "KUBE-SERVICES" && r.target == "REJECT" && r.line.contains("has no endpoints")));
        assert!(!set.rules.iter().any(|r| r.chain.starts_with("KUBE-SVC-")));
        let path = svc.paths.iter().find(|p| p.entry == "pod").expect("pod path");
        let hop = path.hops.iter().find(|h| h.kind == "reject").expect("reject hop");
        let walk = traverse(&set, hop);
        assert_eq!(walk.len(), 1);
        assert_eq!(set.rules[walk[0]].target, "REJECT");
    }

    #[test]
    fn headless_and_externalname_have_none() {
        for id in ["headless-statefulset", "web-externalname"] {
            let r = scene(id);
            let svc = r.services.iter().find(|s| s.headless || s.type_ == "ExternalName").expect("svc");
            let set = rules_for(svc, &r, "node-1");
            assert!(set.rules.is_empty() && set.none_because.is_some(), "{id}");
        }
    }

    #[test]
    fn load_balancer_source_ranges_and_external_ips() {
        let text = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: LoadBalancer\n  externalIPs: [192.0.2.10]\n  loadBalancerSourceRanges: [10.0.0.0/8]\n  selector:\n    app: web\n  ports:\n  - port: 80\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    app: web\nspec:\n  containers:\n  - name: c\n    image: x\nstatus:\n  conditions:\n  - type: Ready\n    status: \"True\"\n";
        let r = analyze(text, &Config { cloud: true, ..Config::default() });
        let svc = &r.services[0];
        let LoadBalancer::Ready { ingress, .. } = &svc.load_balancer else { panic!("no LB: {:?}", svc.load_balancer) };
        let set = rules_for(svc, &r, "node-1");
        let fw = fw_chain("default/web", "tcp");
        let ext = ext_chain("default/web", "tcp");
        let lines: Vec<&str> = set.rules.iter().map(|r| r.line.as_str()).collect();
        assert!(lines.iter().any(|l| l.starts_with("-A KUBE-SERVICES") && l.contains(&format!("-d {} --dport 80 -j {fw}", ingress[0]))), "{lines:#?}");
        assert!(lines.contains(&format!("-A {fw} -m comment --comment \"default/web loadbalancer IP\" -s 10.0.0.0/8 -j {ext}").as_str()), "{lines:#?}");
        assert!(lines.iter().any(|l| l.starts_with("-A KUBE-PROXY-FIREWALL") && l.ends_with("-j DROP")));
        assert!(lines.iter().any(|l| l.contains("\"default/web external IP\"") && l.contains("-d 192.0.2.10 --dport 80") && l.ends_with(&ext)));
        assert!(lines.iter().any(|l| l.starts_with(&format!("-A {ext}")) && l.ends_with("-j KUBE-MARK-MASQ")));
        assert!(set.rules.iter().any(|r| r.chain == "KUBE-NODEPORTS" && r.matches == Match::Capture));
    }

    #[test]
    fn session_affinity_adds_recent_rules() {
        let r = scene("session-affinity");
        let svc = &r.services[0];
        let set = rules_for(svc, &r, "node-1");
        assert!(set.rules.iter().any(|r| r.matches == Match::Affinity && r.line.contains("--rcheck --seconds 600 --reap")));
        assert!(set.rules.iter().any(|r| r.matches == Match::Dnat && r.line.contains("-m recent --name KUBE-SEP-") && r.line.contains("--set")));
    }
}

//! What the simulated cluster looks like where the manifests do not say: the flags a real
//! control plane is started with (kube-apiserver --service-cluster-ip-range,
//! --service-node-port-range; kubelet --cluster-domain), how many nodes, and whether a cloud
//! controller answers LoadBalancer Services.

use std::net::Ipv4Addr;

/// An IPv4 CIDR such as 10.96.0.0/12.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    pub base: u32,
    pub prefix: u8,
}

impl Cidr {
    pub fn parse(s: &str) -> Option<Cidr> {
        let (ip, p) = s.trim().split_once('/')?;
        let ip: Ipv4Addr = ip.parse().ok()?;
        let prefix: u8 = p.parse().ok()?;
        if prefix > 32 {
            return None;
        }
        let mask = if prefix == 0 { 0 } else { u32::MAX << (32 - prefix) };
        Some(Cidr { base: u32::from(ip) & mask, prefix })
    }
    pub fn size(&self) -> u64 {
        1u64 << (32 - self.prefix as u32)
    }
    pub fn contains(&self, ip: Ipv4Addr) -> bool {
        let mask = if self.prefix == 0 { 0 } else { u32::MAX << (32 - self.prefix) };
        u32::from(ip) & mask == self.base
    }
    pub fn nth(&self, n: u64) -> Ipv4Addr {
        Ipv4Addr::from(self.base.wrapping_add(n as u32))
    }
}

impl std::fmt::Display for Cidr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", Ipv4Addr::from(self.base), self.prefix)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Nodes to simulate when the input has no Node objects.
    pub nodes: usize,
    /// kube-apiserver --service-cluster-ip-range (kubeadm default 10.96.0.0/12).
    pub service_cidr: Cidr,
    /// `service_cidr` was chosen by the user (the CLI's --service-cidr): never inferred from a
    /// dump's `kubernetes` Service
    pub service_cidr_set: bool,
    /// kube-apiserver --service-node-port-range (default 30000-32767).
    pub node_port_range: (u16, u16),
    /// kubelet --cluster-domain (default cluster.local).
    pub cluster_domain: String,
    /// A cloud controller (or MetalLB) answers LoadBalancer Services.
    pub cloud: bool,
    /// Where simulated load balancers get addresses (TEST-NET-3).
    pub lb_cidr: Cidr,
    /// Pods (`namespace/name`) whose Ready condition the user flipped in the UI, as a failing
    /// (or recovering) readiness probe would.
    pub flip_ready: Vec<String>,
    /// What-if (issue #11): controller-created pods (`namespace/name`) the user deleted
    /// (`kubectl delete pod`). The YAML does not change in a real cluster: the controller sees a
    /// pod missing and creates a replacement (a new name, or for a StatefulSet the same name,
    /// and a new IP). A name listed twice was deleted twice (a StatefulSet pod).
    pub deleted_pods: Vec<String>,
    /// What-if: nodes the user cordoned (`kubectl cordon`): unschedulable from now on, the pods
    /// already there stay.
    pub cordoned: Vec<String>,
    /// What-if: nodes the user drained (`kubectl drain --ignore-daemonsets`): cordoned, and the
    /// controller pods on them evicted, so their controllers create replacements elsewhere.
    pub drained: Vec<String>,
    /// The node the in-cluster client pod runs on (the page's "From: a pod on node-2", the
    /// CLI's --client-node); None: the first node a plain pod can be scheduled on, or the
    /// user's own `client` pod's (paths::client_pod).
    pub client_node: Option<String>,
    /// The cluster also has an IPv6 Service range (dual-stack, IPv4 first): the CLI's
    /// `--service-cidr <v4>,<v6>`, or read off a dump whose Services hold IPv6 clusterIPs.
    /// IPv6 is then a family a Service may ask for second (its IPv6 clusterIP is kept as
    /// written, not drawn: the picture routes IPv4).
    pub dual_stack: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            nodes: 3,
            service_cidr: Cidr::parse("10.96.0.0/12").expect("valid"),
            service_cidr_set: false,
            node_port_range: (30000, 32767),
            cluster_domain: "cluster.local".into(),
            cloud: false,
            lb_cidr: Cidr::parse("203.0.113.0/24").expect("valid"),
            flip_ready: Vec::new(),
            deleted_pods: Vec::new(),
            cordoned: Vec::new(),
            drained: Vec::new(),
            client_node: None,
            dual_stack: false,
        }
    }
}

/// FNV-1a: a small, stable hash so that the same input always draws the same picture.
pub fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

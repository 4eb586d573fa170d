//! What the simulated cluster looks like where the manifests do not say: the flags a real
//! control plane is started with (kube-apiserver --service-cluster-ip-range,
//! --service-node-port-range; kubelet --cluster-domain), how many nodes, and whether a cloud
//! controller answers LoadBalancer Services.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// An IPv4 or IPv6 CIDR such as 10.96.0.0/12 or fd00:10:96::/112 (kube-apiserver accepts one
/// --service-cluster-ip-range per family). `base` holds the masked network address: an IPv4
/// one in its low 32 bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    pub base: u128,
    pub prefix: u8,
    pub v6: bool,
}

impl Cidr {
    /// An IPv4 range from its 32-bit network address.
    pub fn v4(base: u32, prefix: u8) -> Cidr {
        Cidr { base: base as u128, prefix, v6: false }
    }
    /// The address width: 32 or 128.
    pub fn bits(&self) -> u32 {
        if self.v6 {
            128
        } else {
            32
        }
    }
    fn mask(bits: u32, prefix: u8) -> u128 {
        let all = if bits == 128 { u128::MAX } else { (1u128 << bits) - 1 };
        if prefix == 0 {
            0
        } else {
            all & !(all >> prefix)
        }
    }
    pub fn parse(s: &str) -> Option<Cidr> {
        let (ip, p) = s.trim().split_once('/')?;
        let ip: IpAddr = ip.parse().ok()?;
        let prefix: u8 = p.parse().ok()?;
        let (v, v6) = match ip {
            IpAddr::V4(a) => (u32::from(a) as u128, false),
            IpAddr::V6(a) => (u128::from(a), true),
        };
        let bits = if v6 { 128 } else { 32 };
        if prefix as u32 > bits {
            return None;
        }
        Some(Cidr { base: v & Self::mask(bits, prefix), prefix, v6 })
    }
    /// How many addresses the range holds (saturating at u128::MAX for a ::/0).
    pub fn size(&self) -> u128 {
        1u128.checked_shl(self.bits() - self.prefix as u32).unwrap_or(u128::MAX)
    }
    /// The range holds `ip` (never an address of the other family).
    pub fn contains(&self, ip: IpAddr) -> bool {
        let v = match ip {
            IpAddr::V4(a) if !self.v6 => u32::from(a) as u128,
            IpAddr::V6(a) if self.v6 => u128::from(a),
            _ => return false,
        };
        v & Self::mask(self.bits(), self.prefix) == self.base
    }
    /// The range's `n`-th address (wrapping inside the family's width).
    pub fn nth(&self, n: u128) -> IpAddr {
        Self::addr(self.v6, self.base.wrapping_add(n))
    }
    /// `ip`'s offset from the network address (None: outside the range).
    pub fn offset(&self, ip: IpAddr) -> Option<u128> {
        self.contains(ip).then(|| Self::value(ip) - self.base)
    }
    pub fn value(ip: IpAddr) -> u128 {
        match ip {
            IpAddr::V4(a) => u32::from(a) as u128,
            IpAddr::V6(a) => u128::from(a),
        }
    }
    pub fn addr(v6: bool, v: u128) -> IpAddr {
        if v6 {
            IpAddr::V6(Ipv6Addr::from(v))
        } else {
            IpAddr::V4(Ipv4Addr::from(v as u32))
        }
    }
    /// "IPv4" or "IPv6", as spec.ipFamilies spells the family.
    pub fn family(&self) -> &'static str {
        if self.v6 {
            "IPv6"
        } else {
            "IPv4"
        }
    }
}

impl std::fmt::Display for Cidr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", Self::addr(self.v6, self.base), self.prefix)
    }
}

/// `ip:port` as a client dials it: an IPv6 address in brackets (`[fd00::1]:80`, RFC 3986 /
/// Go's net.JoinHostPort).
pub fn host_port(ip: &str, port: impl std::fmt::Display) -> String {
    // (the same text as format!("[{ip}]:{port}") / format!("{ip}:{port}"), without the
    // formatting machinery: made per hop of every path, issue #12)
    let port = port.to_string();
    if ip.contains(':') {
        super::resolve::concat(&["[", ip, "]:", &port])
    } else {
        super::resolve::concat(&[ip, ":", &port])
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
    /// `node_port_range` was chosen by the user (the CLI's --node-port-range): never widened to
    /// the nodePorts of a dump's Services (service::inferred_node_port_range)
    pub node_port_range_set: bool,
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
    /// What-if (whatif22): nodes that went down (power or network lost: the kubelet stops
    /// posting status), by name. The picture is the state once
    /// node-monitor-grace-period has passed: Ready Unknown, the unreachable taints, the pods
    /// bound there marked not Ready (cluster.rs `nodes_down`); their taint eviction 300 s later is
    /// said in words (a TaintEviction note), not drawn.
    pub down: Vec<String>,
    /// What-if (whatif22): Deployments (`namespace/name`) rolling out a new version (`kubectl
    /// set image`, any change of the pod template). The picture is the rollout's first step
    /// (cluster.rs `rollout_step`): a new ReplicaSet (a new pod-template-hash) with maxSurge new
    /// pods, not Ready yet, and the old one scaled down by maxUnavailable; the rest in words.
    pub rollout: Vec<String>,
    /// The node the in-cluster client pod runs on (the page's "From: a pod on node-2", the
    /// CLI's --client-node); None: the first node a plain pod can be scheduled on, or the
    /// user's own `client` pod's (paths::client_pod).
    pub client_node: Option<String>,
    /// The namespace of the user's own pod named `client` that is the in-cluster client (the
    /// page's "From: Your pod frontend/client"; uifix11: learner11's q/10, a NetworkPolicy
    /// namespaceSelector scene, had its client in namespace frontend, and only default/client
    /// was ever the sender). None: `default` (paths::CLIENT_NAMESPACE).
    pub client_namespace: Option<String>,
    /// The name of the input pod (in `client_namespace`, default `default`) that is the
    /// in-cluster client: any pod of the input, not only one named `client` (the page's "From:
    /// Your pod frontend", the CLI's --client-pod; fidfix20: qa3's q/19, an egress policy on
    /// run=frontend that drops its DNS, was judged from a stand-in the policy never selects).
    /// None: `client` (paths::CLIENT_POD).
    pub client_pod: Option<String>,
    /// The cluster also has a Service range of the other family (dual-stack; the primary family
    /// is `service_cidr`'s): the CLI's `--service-cidr <a>,<b>`, or read off a dump whose
    /// Services hold clusterIPs of both families. The other family is then one a Service may
    /// ask for, and a PreferDualStack/RequireDualStack Service gets a clusterIP of each family
    /// (alloc.go allocClusterIPs: the second drawn from [`Config::second_cidr`], or kept as
    /// written); nodes and pods have an address of each family. The picture routes each
    /// Service over its first family.
    pub dual_stack: bool,
    /// The second range when it is known (the CLI's second CIDR); None: the other family's
    /// conventional default ([`Config::second_cidr`]).
    pub secondary_cidr: Option<Cidr>,
}

impl Config {
    /// The cluster's primary Service family ("IPv4" or "IPv6"): the first range's
    /// (kube-apiserver's defaultServiceIPFamily, getServiceIPAndRanges).
    pub fn primary_family(&self) -> &'static str {
        self.service_cidr.family()
    }
    /// The family `fam` has a Service range here (alloc.go serviceIPAllocatorsByFamily).
    pub fn family_configured(&self, fam: &str) -> bool {
        fam == self.primary_family() || (self.dual_stack && (fam == "IPv4" || fam == "IPv6"))
    }
    /// The dual-stack cluster's second range: the one given, or the other family's default
    /// (kubeadm's 10.96.0.0/12; kind's fd00:10:96::/112 for IPv6).
    pub fn second_cidr(&self) -> Option<Cidr> {
        self.dual_stack.then(|| {
            self.secondary_cidr.unwrap_or_else(|| Cidr::parse(if self.service_cidr.v6 { "10.96.0.0/12" } else { "fd00:10:96::/112" }).expect("valid"))
        })
    }
    /// The range of family `fam` ("IPv4"/"IPv6"), when configured.
    pub fn cidr_of(&self, fam: &str) -> Option<Cidr> {
        if fam == self.primary_family() {
            Some(self.service_cidr)
        } else {
            self.second_cidr().filter(|c| c.family() == fam)
        }
    }
    /// Where simulated load balancers of a Service of that family get addresses: `lb_cidr`, or on
    /// IPv6 a documentation prefix (2001:db8::/32, RFC 3849) when `lb_cidr` is IPv4.
    pub fn lb_cidr_for(&self, v6: bool) -> Cidr {
        if v6 != self.lb_cidr.v6 {
            Cidr::parse(if v6 { "2001:db8:0:113::/120" } else { "203.0.113.0/24" }).expect("valid")
        } else {
            self.lb_cidr
        }
    }
    /// An IPv6-primary cluster (IPv6 single-stack, or dual-stack IPv6 first): its nodes, pods
    /// and load balancers have IPv6 addresses.
    pub fn ipv6(&self) -> bool {
        self.service_cidr.v6
    }
}

impl Config {
    /// kube-apiserver `--service-cluster-ip-range`: one CIDR, or two of different families in
    /// either order, the first being the primary family (cmd/kube-apiserver/app/options
    /// validation.go validateClusterIPFlags; pkg/controlplane/services.go
    /// ServiceIPRange/getServiceIPAndRanges). The CLI's `--service-cidr` and the page's "IP
    /// family" setting ([`Families`]) both set the ranges here. The error is in words, without
    /// the option's name.
    pub fn with_service_cidrs(mut self, v: &str) -> Result<Config, String> {
        let (first, second) = match v.split_once(',') {
            Some((a, b)) => (a.trim(), Some(b.trim())),
            None => (v, None),
        };
        let primary = service_range(first).map_err(|why| format!("{why}: {first:?} (e.g. 10.96.0.0/12, fd00:10:96::/112, or one of each: 10.96.0.0/12,fd00:10:96::/112)"))?;
        self.service_cidr = primary;
        self.dual_stack = false;
        self.secondary_cidr = None;
        if let Some(second) = second {
            let other = if primary.v6 { "IPv4" } else { "IPv6" };
            let c = service_range(second).ok().filter(|c| c.v6 != primary.v6).ok_or(format!("the second range is not an {other} CIDR: {second:?} (one range per family)"))?;
            self.secondary_cidr = Some(c);
            self.dual_stack = true;
        }
        self.service_cidr_set = true;
        Ok(self)
    }
}

/// One --service-cluster-ip-range: an IPv4 CIDR with room for Services (at most /30), or an
/// IPv6 one kube-apiserver accepts (validateMaxCIDRRange: at most 20 host bits, "for 128-bit
/// addresses, the mask must be >= 108"; at most /126).
pub fn service_range(s: &str) -> Result<Cidr, &'static str> {
    let c = Cidr::parse(s).ok_or("not a CIDR")?;
    match (c.v6, c.prefix) {
        (false, p) if p <= 30 => Ok(c),
        (false, _) => Err("an IPv4 range needs room for Services (at most /30)"),
        (true, p) if p < 108 => Err("too large: for 128-bit addresses the mask must be >= 108"),
        (true, p) if p <= 126 => Ok(c),
        (true, _) => Err("an IPv6 range needs room for Services (at most /126)"),
    }
}

/// The page's "IP family" setting: the cluster's Service IP families, in order (the first is
/// the primary one). IPv4 is [`Config::default`] (its range is still inferred from a dump's
/// `kubernetes` Service); the others set the ranges as the CLI's `--service-cidr` with
/// kubeadm's IPv4 default and kind's IPv6 one would.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Families {
    #[default]
    Ipv4,
    Ipv6,
    Ipv4Ipv6,
    Ipv6Ipv4,
}

impl Families {
    pub const ALL: [Families; 4] = [Families::Ipv4, Families::Ipv6, Families::Ipv4Ipv6, Families::Ipv6Ipv4];
    /// The option's value (`?families=ipv4,ipv6`, a shared scene's `families`).
    pub fn key(self) -> &'static str {
        match self {
            Families::Ipv4 => "ipv4",
            Families::Ipv6 => "ipv6",
            Families::Ipv4Ipv6 => "ipv4,ipv6",
            Families::Ipv6Ipv4 => "ipv6,ipv4",
        }
    }
    /// What the page's select shows.
    pub fn label(self) -> &'static str {
        match self {
            Families::Ipv4 => "IPv4",
            Families::Ipv6 => "IPv6",
            Families::Ipv4Ipv6 => "IPv4, IPv6 (dual-stack)",
            Families::Ipv6Ipv4 => "IPv6, IPv4 (dual-stack)",
        }
    }
    /// A value of the option (case and spaces ignored: `IPv6, IPv4` is `ipv6,ipv4`).
    pub fn parse(s: &str) -> Option<Families> {
        let k: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        Families::ALL.into_iter().find(|f| f.key() == k)
    }
    /// The `--service-cidr` value this choice stands for (None: the default, not set).
    pub fn service_cidrs(self) -> Option<&'static str> {
        match self {
            Families::Ipv4 => None,
            Families::Ipv6 => Some("fd00:10:96::/112"),
            Families::Ipv4Ipv6 => Some("10.96.0.0/12,fd00:10:96::/112"),
            Families::Ipv6Ipv4 => Some("fd00:10:96::/112,10.96.0.0/12"),
        }
    }
    /// `cfg` with these families' Service ranges.
    pub fn apply(self, cfg: Config) -> Config {
        match self.service_cidrs() {
            None => cfg,
            Some(v) => cfg.with_service_cidrs(v).expect("valid ranges"),
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            nodes: 3,
            service_cidr: Cidr::parse("10.96.0.0/12").expect("valid"),
            service_cidr_set: false,
            node_port_range: (30000, 32767),
            node_port_range_set: false,
            cluster_domain: "cluster.local".into(),
            cloud: false,
            lb_cidr: Cidr::parse("203.0.113.0/24").expect("valid"),
            flip_ready: Vec::new(),
            deleted_pods: Vec::new(),
            cordoned: Vec::new(),
            drained: Vec::new(),
            down: Vec::new(),
            rollout: Vec::new(),
            client_node: None,
            client_namespace: None,
            client_pod: None,
            dual_stack: false,
            secondary_cidr: None,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The page's "IP family" choices set the ranges exactly as the CLI's `--service-cidr` did
    /// before it shared the helper (service_cidr, dual_stack, secondary_cidr, service_cidr_set),
    /// and IPv4 is the untouched default (its range still inferred from a dump).
    #[test]
    fn families_set_the_ranges_the_cli_flag_sets() {
        let v4 = Cidr::parse("10.96.0.0/12").unwrap();
        let v6 = Cidr::parse("fd00:10:96::/112").unwrap();
        let cli = |primary: Cidr, second: Option<Cidr>| Config { service_cidr: primary, dual_stack: second.is_some(), secondary_cidr: second, service_cidr_set: true, ..Config::default() };
        assert_eq!(Families::Ipv4.apply(Config::default()), Config::default());
        assert!(!Families::Ipv4.apply(Config::default()).service_cidr_set);
        assert_eq!(Families::Ipv6.apply(Config::default()), cli(v6, None));
        assert_eq!(Families::Ipv4Ipv6.apply(Config::default()), cli(v4, Some(v6)));
        assert_eq!(Families::Ipv6Ipv4.apply(Config::default()), cli(v6, Some(v4)));
        for f in Families::ALL {
            let cfg = f.apply(Config::default());
            assert_eq!(Families::parse(f.key()), Some(f));
            assert_eq!(Families::parse(&f.label().replace(" (dual-stack)", "")), Some(f), "{}", f.label());
            assert_eq!(cfg.primary_family(), &f.label()[..4]);
            assert_eq!(cfg.family_configured("IPv4"), f.key().contains("ipv4"));
            assert_eq!(cfg.family_configured("IPv6"), f.key().contains("ipv6"));
            // the other options are kept
            let mine = Config { nodes: 5, cloud: true, ..Config::default() };
            assert_eq!(f.apply(mine), Config { nodes: 5, cloud: true, ..cfg });
        }
        assert_eq!(Families::parse("IPv6"), Some(Families::Ipv6));
        assert_eq!(Families::parse("ipv6;ipv4"), None);
        assert_eq!(Families::parse(""), None);
    }

    #[test]
    fn service_cidrs_refused_with_a_reason() {
        let err = |v: &str| Config::default().with_service_cidrs(v).unwrap_err();
        assert!(err("10.96.0.0/12,10.97.0.0/16").contains("not an IPv6 CIDR"));
        assert!(err("fd00::/112,fd01::/112").contains("not an IPv4 CIDR"));
        assert!(err("fd00::/64").contains("mask must be >= 108"));
        assert!(err("10.0.0.0/31").contains("at most /30"));
        assert!(err("x").starts_with("not a CIDR: \"x\""));
        // spaces around the comma are trimmed, as the CLI always did
        let c = Config::default().with_service_cidrs(" fd00:10:96::/112 , 10.96.0.0/12").unwrap();
        assert_eq!(c, Families::Ipv6Ipv4.apply(Config::default()));
    }
}

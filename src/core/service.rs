//! What the API server does with a Service on create, in upstream's order
//! (kubernetes/kubernetes pkg/registry/core/service/storage/storage.go beginCreate):
//! defaulting (pkg/apis/core/v1/defaults.go SetDefaults_Service) → allocation
//! (pkg/registry/core/service/storage/alloc.go: clusterIPs, nodePorts, healthCheckNodePort;
//! an allocation failure is returned alone) → validation
//! (pkg/apis/core/validation/validation.go ValidateService). A Service that fails either step is
//! `rejected`: it does not exist in the simulated cluster.

use std::collections::HashSet;
use std::net::{IpAddr, Ipv4Addr};

use super::config::Cidr;

use serde::Serialize;

use super::config::{fnv, Config};
use super::diag::{quote, Diagnostic};
use super::model::{IntOrString, Labels, Meta, Object, ServiceSpec};
use super::names;

pub const TYPES: &[&str] = &["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
const PROTOCOLS: &[&str] = &["SCTP", "TCP", "UDP"];

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SvcPort {
    pub name: Option<String>,
    pub protocol: String,
    pub port: i64,
    #[serde(rename = "targetPort")]
    pub target_port: IntOrString,
    #[serde(rename = "nodePort")]
    pub node_port: Option<i64>,
    /// spec.ports[].appProtocol as written (absent when not): the page's Connections panel
    /// starts a `kubernetes.io/h2c`/`grpc`/`http2` port in its long-lived-connection mode
    #[serde(rename = "appProtocol", skip_serializing_if = "Option::is_none")]
    pub app_protocol: Option<String>,
}

/// Where a LoadBalancer Service's external address stands.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "state", rename_all = "lowercase")]
pub enum LoadBalancer {
    /// not a LoadBalancer Service
    None,
    /// no cloud controller answered: `<pending>`
    Pending,
    /// status.loadBalancer.ingress (given, or from the simulated cloud)
    Ready { ingress: Vec<String>, simulated: bool },
}

/// A Service after defaulting and allocation: what exists in the cluster.
#[derive(Debug, Clone, PartialEq)]
pub struct Svc {
    pub name: String,
    pub namespace: String,
    pub type_: String,
    /// `Some("None")` for headless, `None` for ExternalName or rejected
    pub cluster_ip: Option<String>,
    pub external_name: Option<String>,
    pub selector: Option<Labels>,
    pub ports: Vec<SvcPort>,
    pub external_ips: Vec<String>,
    pub external_traffic_policy: Option<String>,
    pub internal_traffic_policy: Option<String>,
    pub session_affinity: String,
    pub session_affinity_timeout: Option<i64>,
    pub publish_not_ready_addresses: bool,
    pub allocate_load_balancer_node_ports: Option<bool>,
    pub health_check_node_port: Option<i64>,
    pub load_balancer: LoadBalancer,
    /// status.loadBalancer.ingress entries kube-proxy writes no rule for: a hostname (no IP), or
    /// an IP with ipMode: Proxy (pkg/proxy/serviceport.go newBaseServiceInfo: `if ing.IP == "" ||
    /// !proxyutil.IsVIPMode(ing) { continue }`)
    pub lb_no_rules: Vec<String>,
    pub load_balancer_source_ranges: Vec<String>,
    /// spec.loadBalancerClass: the cloud controller leaves such a Service to that class's controller
    pub load_balancer_class: Option<String>,
    /// spec.trafficDistribution (PreferClose, PreferSameZone, PreferSameNode: topology hints)
    pub traffic_distribution: Option<String>,
    /// the topology-mode (or topology-aware-hints) annotation is Auto: the EndpointSlice
    /// controller then ignores trafficDistribution (reconciler.go reconcileByAddressType:
    /// `canUseTrafficDistribution := … && !hintsEnabled(service.Annotations)`)
    pub topology_hints_auto: bool,
    /// that annotation as written (`service.kubernetes.io/topology-aware-hints: auto`)
    pub topology_hints_annotation: Option<String>,
    /// the API server refused it (see diagnostics)
    pub rejected: bool,
    /// index of the source object
    pub object: usize,
    /// nodePorts the manifest did not set, which the API server picked (initNodePorts)
    pub picked_node_ports: Vec<i64>,
    /// its first IP family is IPv6 (spec.ipFamilies[0] after initIPFamilyFields): kube-proxy's
    /// IPv6 proxier handles it, and its EndpointSlices are addressType IPv6
    pub ipv6: bool,
    /// spec.clusterIPs once allocated (alloc.go allocClusterIPs): one address per family of
    /// `ip_families`, in that order (a dual-stack Service has two); `["None"]` for headless;
    /// empty for ExternalName or rejected
    pub cluster_ips: Vec<String>,
    /// spec.ipFamilies once initIPFamilyFields defaulted them: the first is the family the
    /// picture routes; a second one on a dual-stack Service (PreferDualStack/RequireDualStack on
    /// a dual-stack cluster, or a headless selectorless Service)
    pub ip_families: Vec<&'static str>,
}

impl Svc {
    /// spec.trafficDistribution as the EndpointSlice controller applies it: not at all when the
    /// topology annotation is Auto (reconciler.go reconcileByAddressType `canUseTrafficDistribution`)
    pub fn traffic_distribution_used(&self) -> Option<&str> {
        self.traffic_distribution.as_deref().filter(|_| !self.topology_hints_auto)
    }
    pub fn headless(&self) -> bool {
        self.cluster_ip.as_deref() == Some("None")
    }
    pub fn id(&self) -> String {
        super::resolve::concat(&["Service/", &self.namespace, "/", &self.name])
    }
}

/// IPs and ports already handed out in the simulated cluster.
#[derive(Debug, Default)]
pub struct Allocations {
    pub cluster_ips: HashSet<IpAddr>,
    pub node_ports: HashSet<i64>,
    pub lb_ips: HashSet<IpAddr>,
}

impl Allocations {
    /// A fresh cluster: the first IP of the range belongs to the `kubernetes` Service; kubeadm
    /// gives cluster DNS (kube-dns) the tenth (cmd/kubeadm/app/constants GetDNSIP).
    pub fn new(cfg: &Config) -> Allocations {
        let mut a = Allocations::default();
        for (ip, _) in Self::reserved(cfg) {
            a.cluster_ips.insert(ip);
        }
        a
    }

    /// The addresses a fresh cluster has already handed out, and to whom (in the primary
    /// range: an IPv6 cluster's kube-dns is conventionally `<range>::a`).
    pub fn reserved(cfg: &Config) -> [(IpAddr, &'static str); 2] {
        [(cfg.service_cidr.nth(1), "default/kubernetes"), (cfg.service_cidr.nth(10), "kube-system/kube-dns")]
    }
}

/// SetDefaults_Service (pkg/apis/core/v1/defaults.go) and ExternallyAccessible
/// (pkg/api/service/util.go).
pub fn apply_defaults(spec: &ServiceSpec) -> (String, Vec<SvcPort>, DefaultedPolicies) {
    let type_ = spec.type_.clone().unwrap_or_else(|| "ClusterIP".into());
    let ports = spec
        .ports
        .iter()
        .map(|p| SvcPort {
            name: p.name.clone(),
            protocol: p.protocol.clone().unwrap_or_else(|| "TCP".into()),
            port: p.port,
            // targetPort absent, 0 or "" → port (an int), never an error (D6)
            target_port: match &p.target_port {
                None | Some(IntOrString::Int(0)) => IntOrString::Int(p.port),
                Some(IntOrString::Str(s)) if s.is_empty() => IntOrString::Int(p.port),
                Some(t) => t.clone(),
            },
            node_port: p.node_port,
            app_protocol: p.app_protocol.clone().filter(|a| !a.is_empty()),
        })
        .collect();
    let externally_accessible =
        type_ == "NodePort" || type_ == "LoadBalancer" || (type_ == "ClusterIP" && !spec.external_ips.is_empty());
    let session_affinity = spec.session_affinity.clone().unwrap_or_else(|| "None".into());
    let session_affinity_timeout = match session_affinity.as_str() {
        // sessionAffinity None clears sessionAffinityConfig (D2)
        "None" => None,
        // ClientIP with no timeout → v1.DefaultClientIPServiceAffinitySeconds (D3)
        "ClientIP" => Some(spec.session_affinity_timeout.unwrap_or(10800)),
        _ => spec.session_affinity_timeout,
    };
    let policies = DefaultedPolicies {
        external_traffic_policy: spec
            .external_traffic_policy
            .clone()
            .or_else(|| externally_accessible.then(|| "Cluster".to_string())),
        internal_traffic_policy: spec
            .internal_traffic_policy
            .clone()
            .or_else(|| (type_ != "ExternalName" && TYPES.contains(&type_.as_str())).then(|| "Cluster".to_string())),
        session_affinity,
        session_affinity_timeout,
        allocate_load_balancer_node_ports: spec
            .allocate_load_balancer_node_ports
            .or_else(|| (type_ == "LoadBalancer").then_some(true)),
        externally_accessible,
    };
    (type_, ports, policies)
}

pub struct DefaultedPolicies {
    pub external_traffic_policy: Option<String>,
    pub internal_traffic_policy: Option<String>,
    pub session_affinity: String,
    pub session_affinity_timeout: Option<i64>,
    pub allocate_load_balancer_node_ports: Option<bool>,
    pub externally_accessible: bool,
}

fn range_msg() -> &'static str {
    "must be between 1 and 65535, inclusive"
}

/// A []string as field.Invalid prints it (spec.clusterIPs).
fn go_string_slice(v: &[String]) -> String {
    // field.Error.ErrorBody renders values that are not simple types with json.Marshal
    // (apimachinery util/validation/field/errors.go, since v1.34): `["10.96.0.50"]`
    super::diag::json(&serde_json::json!(v))
}

/// The hash-probed pick inside a range: stable per name, so editing one Service never
/// renumbers another. (A real allocator picks at random; any free value is equally valid.)
/// KEP-3070: automatic picks come from above the range's static band (`[0, offset)`, left to
/// values users ask for) and fall back to it only when the rest is full (allocator/bitmap.go
/// randomScanStrategyWithOffset; ipallocator.go AllocateNextService's upper then lower range).
fn probe(seed: &str, size: u64, offset: u64, mut free: impl FnMut(u64) -> bool) -> Option<u64> {
    if size == 0 {
        return None;
    }
    let offset = offset.min(size);
    let start = fnv(seed) % size;
    let dynamic = size - offset;
    if dynamic > 0 {
        // from the hash's own place when it falls in the dynamic band (the same pick as without bands)
        let s = if start >= offset { start - offset } else { start % dynamic };
        if let Some(n) = (0..dynamic.min(1 << 20)).map(|i| offset + (s + i) % dynamic).find(|&n| free(n)) {
            return Some(n);
        }
    }
    (0..offset.min(1 << 20)).map(|i| (start + i) % offset).find(|&n| free(n))
}

/// calculateRangeOffset: the static band of a range of `size` values, min(max(min, size/step), max)
/// (0 for ranges of `min` or fewer): nodePorts 16/32/128 (portallocator/allocator.go), Service
/// IPs 16/16/256 (ipallocator.go, counted from the first address after the network's).
fn range_offset(size: u64, (min, step, max): (u64, u64, u64)) -> u64 {
    if size <= min {
        0
    } else {
        (size / step).clamp(min, max)
    }
}
const PORT_BAND: (u64, u64, u64) = (16, 32, 128);
const IP_BAND: (u64, u64, u64) = (16, 16, 256);

/// Admit one Service: defaults, allocation, validation. Pushes diagnostics for the object.
pub fn admit(index: usize, obj: &Object, spec: &ServiceSpec, cfg: &Config, alloc: &mut Allocations, diags: &mut Vec<Diagnostic>) -> Svc {
    let id = obj.id();
    let (type_, ports, pol) = apply_defaults(spec);
    let mut svc = Svc {
        name: obj.meta.name.clone(),
        namespace: obj.meta.namespace.clone(),
        type_: type_.clone(),
        cluster_ip: None,
        external_name: spec.external_name.clone(),
        // an empty selector is no selector: it does not survive the API server's storage round
        // trip (core/v1 types.go ServiceSpec.Selector: "If empty or not present, the service is
        // assumed to have an external process managing its endpoints"; the EndpointSlice
        // controller skips Services whose selector is nil)
        selector: spec.selector.clone().filter(|s| !s.is_empty()),
        ports,
        external_ips: spec.external_ips.clone(),
        external_traffic_policy: pol.external_traffic_policy.clone(),
        internal_traffic_policy: pol.internal_traffic_policy.clone(),
        session_affinity: pol.session_affinity.clone(),
        session_affinity_timeout: pol.session_affinity_timeout,
        publish_not_ready_addresses: spec.publish_not_ready_addresses,
        allocate_load_balancer_node_ports: pol.allocate_load_balancer_node_ports,
        health_check_node_port: spec.health_check_node_port,
        load_balancer: LoadBalancer::None,
        lb_no_rules: Vec::new(),
        load_balancer_source_ranges: spec.load_balancer_source_ranges.clone(),
        load_balancer_class: spec.load_balancer_class.clone(),
        traffic_distribution: spec.traffic_distribution.clone(),
        topology_hints_auto: spec.topology_hints_auto,
        topology_hints_annotation: spec.topology_hints_annotation.clone(),
        rejected: false,
        object: index,
        picked_node_ports: Vec::new(),
        ipv6: false,
        cluster_ips: Vec::new(),
        ip_families: Vec::new(),
    };
    // BeginCreate normalizeClusterIPs: clusterIP copied into clusterIPs
    let mut cluster_ips = spec.cluster_ips.clone();
    if let Some(ip) = &spec.cluster_ip {
        if cluster_ips.is_empty() {
            cluster_ips.push(ip.clone());
        }
    }
    let at = |f: &str| obj.pos(f);
    if obj.refused {
        // the decoder refused it (see the type error): it never reaches defaulting
        svc.rejected = true;
        return svc;
    }

    // ---- allocation (alloc.go); its errors are returned alone ----
    let mut errs: Vec<Diagnostic> = Vec::new();
    let mut new_ips: Vec<IpAddr> = Vec::new();
    let mut new_ports: Vec<i64> = Vec::new();
    let known_type = TYPES.contains(&type_.as_str());
    // qa8 01 (kubernetes/kubernetes#102654): one written family, a dual-stack policy
    let mut appended_family: Option<&'static str> = None;
    if known_type && type_ != "ExternalName" {
        errs = init_ip_family_fields(spec, &cluster_ips, cfg, &at);
        let families = if errs.is_empty() { ip_families(spec, &cluster_ips, cfg) } else { Vec::new() };
        if spec.ip_families.len() == 1 && families.len() == 2 {
            appended_family = Some(families[1]);
        }
        // the Service's first family (initIPFamilyFields: the first clusterIP's, else
        // ipFamilies[0], else the cluster's defaultServiceIPFamily)
        svc.ipv6 = match families.first() {
            Some(f) => *f == "IPv6",
            None => match cluster_ips.first().and_then(|s| s.parse::<IpAddr>().ok()) {
                Some(ip) => ip.is_ipv6(),
                None => spec.ip_families.first().map_or(cfg.primary_family(), |f| if f == "IPv6" { "IPv6" } else { "IPv4" }) == "IPv6",
            },
        };
        if !errs.is_empty() {
        } else if cluster_ips.first().map(String::as_str) == Some("None") {
            svc.cluster_ip = Some("None".into());
            svc.cluster_ips = vec!["None".into()];
        } else {
            // allocClusterIPs: one address per family, the written one or the next free one of
            // that family's allocator (allocIPs); the first failure is returned alone
            for (i, fam) in families.iter().enumerate() {
                let Some(cidr) = cfg.cidr_of(fam) else { break };
                match alloc_cluster_ip(&svc, cluster_ips.get(i).map(String::as_str), &cluster_ips, fam, cidr, cfg, alloc, &at) {
                    Ok(Some(ip)) => new_ips.push(ip),
                    Ok(None) => {}
                    Err(d) => {
                        errs.push(d);
                        break;
                    }
                }
            }
            if errs.is_empty() {
                svc.cluster_ips = new_ips.iter().map(IpAddr::to_string).collect();
                svc.cluster_ip = svc.cluster_ips.first().cloned();
            }
        }
        svc.ip_families = families;
        // nodePorts (initNodePorts): NodePort, and LoadBalancer unless allocateLoadBalancerNodePorts=false
        // (allocateCreate: a clusterIP failure returns before nodePorts are tried)
        let node_port_type = type_ == "NodePort" || type_ == "LoadBalancer";
        if node_port_type && errs.is_empty() {
            let (lo, hi) = (cfg.node_port_range.0 as i64, cfg.node_port_range.1 as i64);
            let auto = !(type_ == "LoadBalancer" && pol.allocate_load_balancer_node_ports == Some(false));
            let written: Vec<Option<i64>> = svc.ports.iter().map(|p| p.node_port).collect();
            if let Err(e) = init_node_ports(&mut svc.ports, auto, (lo, hi), &svc.namespace, &svc.name, alloc, &mut new_ports, &at) {
                errs.push(e);
            }
            svc.picked_node_ports = svc.ports.iter().zip(&written).filter(|(_, w)| w.is_none()).filter_map(|(p, _)| p.node_port).collect();
            // healthCheckNodePort (allocHealthCheckNodePort, when NeedsHealthCheck: LoadBalancer +
            // externalTrafficPolicy Local); txnAllocNodePorts wraps its failures in
            // errors.NewInternalError, so they are not field errors
            if errs.is_empty() && type_ == "LoadBalancer" && pol.external_traffic_policy.as_deref() == Some("Local") {
                match spec.health_check_node_port {
                    Some(h) => match port_allocate(h, (lo, hi), alloc, &new_ports) {
                        Err(e) => errs.push(Diagnostic::internal(&format!("failed to allocate requested HealthCheck NodePort {h}: {e}"), at("spec.healthCheckNodePort"))),
                        Ok(()) => new_ports.push(h),
                    },
                    None => {
                        let seed = format!("{}/{}:healthz", svc.namespace, svc.name);
                        let size = (hi - lo + 1).max(0) as u64;
                        match probe(&seed, size, range_offset(size, PORT_BAND), |n| {
                            let c = lo + n as i64;
                            !alloc.node_ports.contains(&c) && !new_ports.contains(&c)
                        }) {
                            Some(n) => {
                                new_ports.push(lo + n as i64);
                                svc.health_check_node_port = Some(lo + n as i64);
                            }
                            // allocHealthCheckNodePort: "failed to allocate a HealthCheck NodePort %v: %v" (%v of 0)
                            None => errs.push(Diagnostic::internal("failed to allocate a HealthCheck NodePort 0: range is full", at("spec"))),
                        }
                    }
                }
            }
        }
    }
    // ---- validation (ValidateService), only when allocation succeeded ----
    if errs.is_empty() {
        validate(obj, spec, &svc, &pol, &cluster_ips, &mut errs);
    }
    if !errs.is_empty() {
        svc.rejected = true;
        svc.cluster_ip = None;
        svc.cluster_ips.clear();
        diags.extend(errs.into_iter().map(|d| d.on(&id)));
        return svc;
    }

    diags.extend(warnings_for_service(obj, spec, &svc).into_iter().map(|d| d.on(&id)));
    diags.extend(app_protocol_notes(obj, spec).into_iter().map(|d| d.on(&id)));
    // pkg/registry/core/service/storage/alloc.go initIPFamilyFields: a policy other than
    // SingleStack on a dual-stack cluster appends the other family to the one written
    // (kubernetes/kubernetes#102654 expected an error for RequireDualStack + [IPv4]: there is none)
    if let (Some(added), false) = (appended_family, svc.rejected) {
        let policy = spec.ip_family_policy.as_deref().unwrap_or("SingleStack");
        let written = spec.ip_families.first().map(String::as_str).unwrap_or_default();
        diags.push(
            Diagnostic::note(
                super::diag::Severity::Info,
                super::diag::ErrorType::Resolution,
                "IPFamilyAppended",
                format!("spec.ipFamilies names only {written}; ipFamilyPolicy {policy} on this dual-stack cluster makes the API server append {added}: the Service is stored with ipFamilies [{written}, {added}] and a clusterIP of each (the written family stays the primary)"),
                obj.pos("spec.ipFamilies"),
            )
            .on(&id)
            .at_field("spec.ipFamilies"),
        );
    }
    // a selector on an ExternalName Service is ignored: no controller makes endpoints for it
    // (pkg/controller/endpoint endpoints_controller.go syncService: "services with Type
    // ExternalName receive no endpoints from this controller"; the EndpointSlice controller
    // likewise); cluster DNS answers with the CNAME only (learner8 U Q27)
    if type_ == "ExternalName" && spec.selector.as_ref().is_some_and(|s| !s.is_empty()) {
        diags.push(
            Diagnostic::note(
                super::diag::Severity::Info,
                super::diag::ErrorType::Resolution,
                "SelectorIgnored",
                "spec.selector is ignored for type ExternalName: no Endpoints or EndpointSlices are made for it, and cluster DNS answers with the CNAME only".into(),
                obj.pos("spec.selector"),
            )
            .on(&id)
            .at_field("spec.selector"),
        );
    }
    // sessionAffinity None (written or defaulted) with a sessionAffinityConfig: SetDefaults_Service
    // (pkg/apis/core/v1/defaults.go: `if obj.Spec.SessionAffinity == v1.ServiceAffinityNone {
    // obj.Spec.SessionAffinityConfig = nil }`) drops the config before validation, so the API
    // server accepts it silently and stores none (learner9 U Q06)
    if pol.session_affinity == "None" && spec.session_affinity_config_set {
        diags.push(
            Diagnostic::note(
                super::diag::Severity::Info,
                super::diag::ErrorType::Resolution,
                "SessionAffinityConfigDropped",
                format!(
                    "spec.sessionAffinityConfig is dropped: sessionAffinity is None{}, so the API server's defaulting (SetDefaults_Service) removes the config and stores none; every new connection is balanced on its own. Set sessionAffinity: ClientIP to use it",
                    if spec.session_affinity.is_none() { " (the default)" } else { "" }
                ),
                obj.pos("spec.sessionAffinityConfig"),
            )
            .on(&id)
            .at_field("spec.sessionAffinityConfig"),
        );
    }
    // a written `targetPort: 0` or "" is not an error: SetDefaults_Service (pkg/apis/core/v1/
    // defaults.go) replaces it with the port, as if it were not written (learner6 d5)
    for (i, p) in spec.ports.iter().enumerate() {
        if matches!(&p.target_port, Some(IntOrString::Int(0))) || matches!(&p.target_port, Some(IntOrString::Str(t)) if t.is_empty()) {
            let field = format!("spec.ports[{i}].targetPort");
            let written = if matches!(&p.target_port, Some(IntOrString::Int(0))) { "0" } else { "\"\"" };
            diags.push(
                Diagnostic::note(
                    super::diag::Severity::Info,
                    super::diag::ErrorType::Resolution,
                    "TargetPortDefaulted",
                    format!("{field}: {written} is defaulted to the port, {} (SetDefaults_Service: a targetPort of 0 or \"\" is the same as none)", p.port),
                    obj.pos(&field),
                )
                .on(&id)
                .at_field(&field),
            );
        }
    }
    // ---- commit the allocations; the load balancer (cloud controller, or pending) ----
    alloc.cluster_ips.extend(new_ips);
    alloc.node_ports.extend(new_ports);
    if type_ == "LoadBalancer" {
        // a written status.loadBalancer is the cloud's answer only in what a cluster printed:
        // the API server resets a created Service's status (pkg/registry/core/service/
        // strategy.go svcStrategy.PrepareForCreate: `service.Status = api.ServiceStatus{}`),
        // and kubectl apply does not write status
        let written_status = !spec.lb_ingress.is_empty() && !obj.dumped();
        if written_status {
            diags.push(
                Diagnostic::note(
                    super::diag::Severity::Info,
                    super::diag::ErrorType::Resolution,
                    "StatusIgnored",
                    "status.loadBalancer is not applied: the API server resets a created Service's status, and the load balancer's address comes from a cloud controller (or MetalLB) writing it later".into(),
                    obj.pos("status.loadBalancer"),
                )
                .on(&id),
            );
        }
        // loadBalancerSourceRanges filter the load balancer's address only: kube-proxy's KUBE-FW
        // chain matches `-d <ingress IP>` (pkg/proxy/iptables/proxier.go: "For loadbalancers
        // which direct traffic to service NodePort, the firewall rules will not apply"), so the
        // nodePorts the Service also has take any source (learner6 c2)
        let open: Vec<String> = svc.ports.iter().filter_map(|p| p.node_port).map(|n| n.to_string()).collect();
        if !spec.load_balancer_source_ranges.is_empty() && !open.is_empty() {
            diags.push(
                Diagnostic::note(
                    super::diag::Severity::Warning,
                    super::diag::ErrorType::Resolution,
                    "SourceRangesNotOnNodePorts",
                    format!(
                        "spec.loadBalancerSourceRanges filter only traffic to the load balancer's address (kube-proxy's KUBE-FW rules match its IP, and the cloud's firewall): nodePort {} on every node accepts any source unless a firewall outside Kubernetes closes it (allocateLoadBalancerNodePorts: false allocates none, for load balancers that send traffic to the pods directly)",
                        open.join(", ")
                    ),
                    obj.pos("spec.loadBalancerSourceRanges"),
                )
                .on(&id)
                .at_field("spec.loadBalancerSourceRanges"),
            );
        }
        svc.load_balancer = if !spec.lb_ingress.is_empty() && !written_status {
            svc.lb_no_rules = spec.lb_ingress.iter().filter(|a| a.parse::<std::net::IpAddr>().is_err() || spec.lb_ingress_proxy.contains(a)).cloned().collect();
            LoadBalancer::Ready { ingress: spec.lb_ingress.clone(), simulated: false }
        } else if cfg.cloud && spec.load_balancer_class.is_none() {
            // the cloud controller manager skips a Service with a loadBalancerClass
            // (k8s.io/cloud-provider controllers/service/controller.go wantsLoadBalancer)
            let seed = format!("{}/{}", svc.namespace, svc.name);
            let lb = cfg.lb_cidr_for(svc.cluster_ip.as_deref().is_some_and(|ip| ip.contains(':')));
            let size = lb.size().min(u64::MAX as u128) as u64;
            match probe(&seed, size, 0, |n| n != 0 && n + 1 != size && !alloc.lb_ips.contains(&lb.nth(n as u128))) {
                Some(n) => {
                    alloc.lb_ips.insert(lb.nth(n as u128));
                    LoadBalancer::Ready { ingress: vec![lb.nth(n as u128).to_string()], simulated: true }
                }
                None => LoadBalancer::Pending,
            }
        } else {
            LoadBalancer::Pending
        };
    }
    svc
}

/// What a port's appProtocol does (learner6 a7: "does kubernetes.io/h2c make kube-proxy speak
/// HTTP/2?"): it is mirrored into the EndpointSlices' ports for implementations that read it
/// (Ingress and Gateway controllers, service meshes: the Service docs, "Application protocol",
/// KEP-3726 for the kubernetes.io/ values); kube-proxy matches protocol and port only
/// (pkg/proxy/iptables/proxier.go writes no rule from it).
fn app_protocol_notes(obj: &Object, spec: &ServiceSpec) -> Option<Diagnostic> {
    let meaning = |ap: &str| match ap {
        "kubernetes.io/h2c" => " (HTTP/2 over cleartext, RFC 7540)",
        "kubernetes.io/ws" => " (WebSocket over cleartext, RFC 6455)",
        "kubernetes.io/wss" => " (WebSocket over TLS, RFC 6455)",
        // qa8 09 (opentdf/charts#77: `h2c` reached the pods as HTTP/1.1): ServicePort.AppProtocol
        // (staging/src/k8s.io/api/core/v1/types.go) reserves un-prefixed names for IANA service
        // names and defines the kubernetes.io/ ones; Gateway API backends SHOULD recognise those
        // (KEP-3726, grpcroute_types.go GRPCBackendRef)
        h2c if h2c.eq_ignore_ascii_case("h2c") => {
            " (not the Kubernetes-defined name: HTTP/2 over cleartext is kubernetes.io/h2c, the value Gateway API implementations are asked to recognise (KEP-3726); un-prefixed names are for IANA service names, and a controller that reads only kubernetes.io/h2c speaks HTTP/1.1 to these pods)"
        }
        _ => "",
    };
    // one note per Service (meshes' manifests give every port one)
    let written: Vec<(usize, String)> = spec
        .ports
        .iter()
        .enumerate()
        .filter_map(|(i, p)| Some((i, format!("{:?}{} on port {}", p.app_protocol.as_deref().filter(|a| !a.is_empty())?, meaning(p.app_protocol.as_deref()?), p.port))))
        .collect();
    let (first, _) = written.first()?;
    let field = format!("spec.ports[{first}].appProtocol");
    let list = written.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join(", ");
    // a bare h2c is a likely mistake (qa8 09): a warning, not an info
    let bare_h2c = spec.ports.iter().any(|p| p.app_protocol.as_deref().is_some_and(|a| a.eq_ignore_ascii_case("h2c")));
    Some(
        Diagnostic::note(
            if bare_h2c { super::diag::Severity::Warning } else { super::diag::Severity::Info },
            super::diag::ErrorType::Resolution,
            "AppProtocolHint",
            format!("appProtocol {list}: a hint for what reads it (Ingress and Gateway controllers, service meshes; it is copied to the EndpointSlices); kube-proxy forwards the connection's bytes by protocol and port and does not use it"),
            obj.pos(&field),
        )
        .at_field(&field),
    )
}

/// The Service's ipFamilies once alloc.go initIPFamilyFields has defaulted them (called after
/// its checks passed): the written ones, then the families of clusterIPs they do not name;
/// none → the cluster's defaultServiceIPFamily; a policy other than SingleStack adds the other
/// family on a dual-stack cluster (len(serviceIPAllocatorsByFamily) == 2) — and on any cluster
/// for a headless selectorless Service (its special case).
fn ip_families(spec: &ServiceSpec, cluster_ips: &[String], cfg: &Config) -> Vec<&'static str> {
    let fam = |f: &str| if f == "IPv6" { "IPv6" } else { "IPv4" };
    let mut out: Vec<&'static str> = spec.ip_families.iter().map(|f| fam(f)).collect();
    for (i, ip) in cluster_ips.iter().enumerate() {
        if ip == "None" {
            break;
        }
        if i >= out.len() {
            out.push(if ip.contains(':') { "IPv6" } else { "IPv4" });
        }
    }
    let headless = cluster_ips.first().map(String::as_str) == Some("None");
    let selectorless = spec.selector.as_ref().is_none_or(|s| s.is_empty());
    let policy = spec.ip_family_policy.as_deref().unwrap_or(if headless && selectorless { "RequireDualStack" } else { "SingleStack" });
    if out.is_empty() {
        out.push(cfg.primary_family());
    }
    if policy != "SingleStack" && out.len() == 1 && (cfg.dual_stack || (headless && selectorless)) {
        out.push(if out[0] == "IPv4" { "IPv6" } else { "IPv4" });
    }
    out
}

/// alloc.go allocIPs for one family: `written` is checked against that family's range and
/// what is taken (ipallocator Allocate), else the next free address is drawn (AllocateNext; a
/// deterministic draw here, seeded by the Service's name). Ok(None): nothing to allocate.
// (a Diagnostic with its `hint` is 136 bytes on 64-bit: one per refused Service, not boxed)
#[allow(clippy::too_many_arguments, clippy::result_large_err)]
fn alloc_cluster_ip(svc: &Svc, written: Option<&str>, cluster_ips: &[String], family: &str, cidr: Cidr, cfg: &Config, alloc: &Allocations, at: &dyn Fn(&str) -> super::yaml::Pos) -> Result<Option<IpAddr>, Diagnostic> {
    // a second family's range that is only the conventional default (read off a dump) does
    // not refuse the addresses written there
    let checked = family == cfg.primary_family() || cfg.secondary_cidr.is_some();
    match written {
        Some(s) => {
            // init_ip_family_fields refused an address of a family not configured already
            let Ok(ip) = s.parse::<IpAddr>() else { return Ok(None) };
            let fail = |why: String| Diagnostic::invalid("spec.clusterIPs", at("spec.clusterIP"), &go_string_slice(cluster_ips), &format!("failed to allocate IP {ip}: {why}"));
            let reserved_for_it = Allocations::reserved(cfg).iter().any(|(r, owner)| *r == ip && *owner == format!("{}/{}", svc.namespace, svc.name));
            if !checked {
                Ok(Some(ip))
            } else if !cidr.contains(ip) {
                // MultiCIDRServiceAllocator (GA in v1.33): no ServiceCIDR holds the address,
                // MetaAllocator.getAllocator → ErrMismatchedNetwork
                let mut d = fail("the provided network does not match the current range".into());
                // which range is assumed, and how to give yours (a manifest written for a
                // GKE/AKS-style 10.0.0.0/16 cluster lands here)
                // (a range read off a dump is not the kubeadm default: inferred_service_cidr)
                let whose = match () {
                    _ if cfg.service_cidr_set => "",
                    _ if cidr == Config::default().service_cidr || cidr == Cidr::parse("fd00:10:96::/112").expect("valid") => ", the kubeadm default",
                    _ => ", read off the dumped objects",
                };
                d.add_hint(format!("this picture's Service range is {cidr}{whose}; the CLI's --service-cidr sets your cluster's"));
                Err(d)
            } else if cidr.offset(ip) == Some(0) || (!cidr.v6 && cidr.offset(ip).map(|o| o + 1) == Some(cidr.size())) {
                // ipallocator NewIPAllocator: the first usable address is the network
                // address + 1 and, for IPv4, the last is the broadcast address - 1
                Err(fail(format!("the provided IP ({ip}) is not in the valid range. The range of valid IPs is {cidr}")))
            } else if reserved_for_it {
                // a pasted dump: this is the Service the address was reserved for
                Ok(Some(ip))
            } else if alloc.cluster_ips.contains(&ip) {
                Err(fail("provided IP is already allocated".into()))
            } else {
                Ok(Some(ip))
            }
        }
        None => {
            let seed = format!("{}/{}", svc.namespace, svc.name);
            // (an IPv6 range larger than 2^64 addresses is drawn from its first 2^64)
            let size = cidr.size().min(u64::MAX as u128) as u64;
            // the band starts after the network address: offsets count from index 1; the
            // last address is IPv4's broadcast address, never handed out (IPv6 has none)
            let last = if cidr.v6 { None } else { Some(size - 1) };
            let n = probe(&seed, size, 1 + range_offset(size, IP_BAND), |n| n != 0 && Some(n) != last && !alloc.cluster_ips.contains(&cidr.nth(n as u128)));
            match n {
                Some(n) => Ok(Some(cidr.nth(n as u128))),
                // allocIPs: AllocateNext failure is errors.NewInternalError
                None => Err(Diagnostic::internal("failed to allocate a serviceIP: range is full", at("spec"))),
            }
        }
    }
}

/// The warnings the API server sends back with a Service it created (pkg/api/service/warnings.go
/// GetWarningsForService, returned through WarningsOnCreate once validation passed; kubectl
/// prints each as `Warning: …`). Not modelled: the warnings for IP addresses in non-standard
/// forms (leading zeros, IPv4-mapped IPv6).
fn warnings_for_service(obj: &Object, spec: &ServiceSpec, svc: &Svc) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut warn = |field: &str, msg: String| out.push(Diagnostic::note(super::diag::Severity::Warning, super::diag::ErrorType::ServerWarning, "ServerWarning", msg, obj.pos(field)).at_field(field).hint("the API server's warning: the Service is created"));
    if spec.topology_aware_hints_annotation {
        warn("metadata.annotations", "annotation service.kubernetes.io/topology-aware-hints is deprecated, please use service.kubernetes.io/topology-mode instead".into());
    }
    let headless = svc.type_ == "ClusterIP" && spec.cluster_ip.as_deref() == Some("None");
    if headless {
        if spec.load_balancer_ip.is_some() {
            warn("spec.loadBalancerIP", "spec.loadBalancerIP is ignored for headless services".into());
        }
        if !spec.external_ips.is_empty() {
            warn("spec.externalIPs", "spec.externalIPs is ignored for headless services".into());
        }
        if svc.session_affinity != "None" {
            warn("spec.sessionAffinity", "spec.SessionAffinity is ignored for headless services".into());
        }
    }
    if !spec.external_ips.is_empty() && !headless && svc.type_ != "ExternalName" {
        warn("spec.externalIPs", "spec.externalIPs is deprecated and may no longer be implemented in some clusters".into());
    }
    if svc.type_ == "ExternalName" && !spec.external_ips.is_empty() {
        warn("spec.externalIPs", "spec.externalIPs is ignored when spec.type is \"ExternalName\"".into());
    }
    if svc.type_ != "ExternalName" && spec.external_name.as_deref().is_some_and(|e| !e.is_empty()) {
        warn("spec.externalName", "spec.externalName is ignored when spec.type is not \"ExternalName\"".into());
    }
    if spec.traffic_distribution.as_deref() == Some("PreferClose") {
        warn("spec.trafficDistribution", "spec.trafficDistribution: \"PreferClose\" is deprecated; use \"PreferSameZone\"".into());
    }
    out
}

/// alloc.go initIPFamilyFields: first the loose ValidateServiceClusterIPsRelatedFields
/// (validation.go), then the ipFamilyPolicy / ipFamilies checks against the families the
/// cluster has a range for (serviceIPAllocatorsByFamily: the primary one, IPv4 or IPv6, and on a
/// dual-stack cluster the other) — headless selectorless Services are a special case that
/// accepts any families and policy (it returns before the RequireDualStack check). Errors are
/// returned alone.
fn init_ip_family_fields(spec: &ServiceSpec, cluster_ips: &[String], cfg: &Config, at: &dyn Fn(&str) -> super::yaml::Pos) -> Vec<Diagnostic> {
    let mut errs = Vec::new();
    let ips_at = if spec.cluster_ips.is_empty() { at("spec.clusterIP") } else { at("spec.clusterIPs") };
    let all = go_string_slice(cluster_ips);
    // ---- ValidateServiceClusterIPsRelatedFields ----
    match &spec.cluster_ip {
        Some(ip) if cluster_ips.first() != Some(ip) => {
            errs.push(Diagnostic::invalid("spec.clusterIPs", ips_at, &all, "first value must match `clusterIP`"))
        }
        None if !cluster_ips.is_empty() => {
            errs.push(Diagnostic::invalid("spec.clusterIPs", ips_at, &all, "must be empty when `clusterIP` is not specified"))
        }
        _ => {}
    }
    let mut seen: Vec<&str> = Vec::new();
    for (i, fam) in spec.ip_families.iter().enumerate() {
        let f = format!("spec.ipFamilies[{i}]");
        if fam != "IPv4" && fam != "IPv6" {
            errs.push(Diagnostic::not_supported(&f, at(&f), fam, &["IPv4", "IPv6"]));
        }
        if seen.contains(&fam.as_str()) {
            errs.push(Diagnostic::duplicate(&f, at(&f), &quote(fam)));
        }
        seen.push(fam);
    }
    const POLICIES: &[&str] = &["PreferDualStack", "RequireDualStack", "SingleStack"];
    if let Some(p) = &spec.ip_family_policy {
        if !POLICIES.contains(&p.as_str()) {
            errs.push(Diagnostic::not_supported("spec.ipFamilyPolicy", at("spec.ipFamilyPolicy"), p, POLICIES));
        }
    }
    let mut invalid_ips = false;
    let mut parsed: Vec<IpAddr> = Vec::new();
    for (i, ip) in cluster_ips.iter().enumerate() {
        if i == 0 && ip == "None" {
            if cluster_ips.len() > 1 {
                invalid_ips = true;
                errs.push(Diagnostic::invalid("spec.clusterIPs", ips_at, &all, "'None' must be the first and only value"));
            }
            continue;
        }
        match names::valid_ip(ip) {
            Ok(a) => parsed.push(a),
            Err(msgs) => {
                invalid_ips = true;
                let f = format!("spec.clusterIPs[{i}]");
                for m in msgs {
                    errs.push(Diagnostic::invalid(&f, ips_at, &quote(ip), &m));
                }
            }
        }
    }
    if cluster_ips.len() > 2 {
        errs.push(Diagnostic::invalid("spec.clusterIPs", ips_at, &all, "may only hold up to 2 values"));
    }
    if invalid_ips {
        return errs;
    }
    if parsed.len() > 1 && parsed[0].is_ipv4() == parsed[1].is_ipv4() {
        errs.push(Diagnostic::invalid("spec.clusterIPs", ips_at, &all, "may specify no more than one IP for each IP family"));
    }
    let headless = cluster_ips.first().map(String::as_str) == Some("None");
    if !headless {
        for (i, (ip, fam)) in parsed.iter().zip(spec.ip_families.iter()).enumerate() {
            let f = format!("spec.clusterIPs[{i}]");
            if fam == "IPv4" && ip.is_ipv6() {
                errs.push(Diagnostic::invalid(&f, ips_at, &quote(&cluster_ips[i]), &format!("expected an IPv4 value as indicated by `ipFamilies[{i}]`")));
            }
            if fam == "IPv6" && ip.is_ipv4() {
                errs.push(Diagnostic::invalid(&f, ips_at, &quote(&cluster_ips[i]), &format!("expected an IPv6 value as indicated by `ipFamilies[{i}]`")));
            }
        }
    }
    if !errs.is_empty() {
        return errs;
    }
    // ---- initIPFamilyFields ----
    let selectorless = spec.selector.as_ref().is_none_or(|s| s.is_empty());
    let policy = spec.ip_family_policy.clone().unwrap_or_else(|| if headless && selectorless { "RequireDualStack".into() } else { "SingleStack".into() });
    if policy == "SingleStack" {
        if cluster_ips.len() == 2 {
            errs.push(Diagnostic::invalid("spec.ipFamilyPolicy", at("spec.ipFamilyPolicy"), &quote(&policy), "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified"));
        }
        if spec.ip_families.len() == 2 {
            errs.push(Diagnostic::invalid("spec.ipFamilyPolicy", at("spec.ipFamilyPolicy"), &quote(&policy), "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"));
        }
    }
    // a clusterIP whose family ipFamilies does not name: "%s is not configured on this
    // cluster" when the cluster has no range of that family
    for (i, ip) in parsed.iter().enumerate() {
        let fam = if ip.is_ipv6() { "IPv6" } else { "IPv4" };
        if i >= spec.ip_families.len() && !cfg.family_configured(fam) {
            errs.push(Diagnostic::invalid(&format!("spec.clusterIPs[{i}]"), ips_at, &all, &format!("{fam} is not configured on this cluster")));
        }
    }
    if !errs.is_empty() || (headless && selectorless) {
        return errs;
    }
    // (a dual-stack cluster has allocators for both families: RequireDualStack is satisfiable,
    // the second clusterIP is allocated or kept as written)
    if policy == "RequireDualStack" && !cfg.dual_stack {
        errs.push(Diagnostic::invalid("spec.ipFamilyPolicy", at("spec.ipFamilyPolicy"), &quote(&policy), "this cluster is not configured for dual-stack services"));
    }
    for (i, fam) in spec.ip_families.iter().enumerate() {
        if !cfg.family_configured(fam) {
            let f = format!("spec.ipFamilies[{i}]");
            errs.push(Diagnostic::invalid(&f, at(&f), &quote(fam), "not configured on this cluster"));
        }
    }
    errs
}

/// portallocator Allocate (pkg/registry/core/service/portallocator/allocator.go): ErrNotInRange,
/// ErrAllocated — as the PortAllocationOperation sees ports taken by other Services and by
/// earlier ports of this one.
fn port_allocate(np: i64, (lo, hi): (i64, i64), alloc: &Allocations, taken_here: &[i64]) -> Result<(), String> {
    if np < lo || np > hi {
        Err(format!("provided port is not in the valid range. The range of valid ports is {lo}-{hi}"))
    } else if alloc.node_ports.contains(&np) || taken_here.contains(&np) {
        Err("provided port is already allocated".into())
    } else {
        Ok(())
    }
}

/// initNodePorts (pkg/registry/core/service/storage/alloc.go): ports are keyed by their `port`
/// number only (not protocol). The first port with a given number takes the nodePort any port with
/// that number requests (findRequestedNodePort scans the whole list), or the next free one; later
/// ports with the same number share it, or allocate the different nodePort they ask for. A
/// requested nodePort that is out of range or already taken — by another Service, or by an
/// earlier port of this one (`{53/TCP nodePort 30053}, {54/UDP nodePort 30053}`) — is a field
/// error on that port; running out of ports is an InternalError.
#[allow(clippy::too_many_arguments)]
#[allow(clippy::result_large_err)] // (a Diagnostic with its `hint`: see alloc_cluster_ip)
fn init_node_ports(
    ports: &mut [SvcPort],
    auto: bool,
    range: (i64, i64),
    namespace: &str,
    name: &str,
    alloc: &Allocations,
    new_ports: &mut Vec<i64>,
    at: &dyn Fn(&str) -> super::yaml::Pos,
) -> Result<(), Diagnostic> {
    let (lo, hi) = range;
    let requested: Vec<(i64, Option<i64>)> = ports.iter().map(|p| (p.port, p.node_port)).collect();
    let mut by_port: Vec<(i64, i64)> = Vec::new(); // svcPortToNodePort
    for (i, p) in ports.iter_mut().enumerate() {
        if p.node_port.is_none() && !auto {
            continue; // allocateLoadBalancerNodePorts: false — respect requests only
        }
        let f = format!("spec.ports[{i}].nodePort");
        match by_port.iter().find(|(port, _)| *port == p.port).map(|&(_, np)| np) {
            None => {
                let np = requested.iter().find(|(port, np)| *port == p.port && np.is_some()).and_then(|(_, np)| *np);
                match np {
                    Some(np) => {
                        port_allocate(np, range, alloc, new_ports).map_err(|e| Diagnostic::invalid(&f, at(&f), &np.to_string(), &e))?;
                        new_ports.push(np);
                        p.node_port = Some(np);
                        by_port.push((p.port, np));
                    }
                    None => {
                        let seed = format!("{namespace}/{name}:{i}");
                        let size = (hi - lo + 1).max(0) as u64;
                        let n = probe(&seed, size, range_offset(size, PORT_BAND), |n| {
                            let c = lo + n as i64;
                            !alloc.node_ports.contains(&c) && !new_ports.contains(&c)
                        });
                        let Some(n) = n else {
                            return Err(Diagnostic::internal("failed to allocate a nodePort: range is full", at(&format!("spec.ports[{i}]"))));
                        };
                        let np = lo + n as i64;
                        new_ports.push(np);
                        p.node_port = Some(np);
                        by_port.push((p.port, np));
                    }
                }
            }
            Some(shared) if p.node_port != Some(shared) => match p.node_port {
                None => p.node_port = Some(shared),
                Some(np) => {
                    port_allocate(np, range, alloc, new_ports).map_err(|e| Diagnostic::invalid(&f, at(&f), &np.to_string(), &e))?;
                    new_ports.push(np);
                }
            },
            Some(_) => {}
        }
    }
    Ok(())
}

/// Our hint for a port written as a quoted number (`targetPort: "30014"`): in quotes it is a
/// string, and an IntOrString string is a port NAME (k8s.io/apimachinery pkg/util/intstr
/// intstr.go `UnmarshalJSON`: a JSON string stays Type String), which
/// pkg/apis/core/validation/validation.go `ValidatePortNumOrName` checks with
/// `validation.IsValidPortName` ("must contain at least one letter (a-z)"). qa1 q/09, q/21
/// (openshift/origin#10072: "To specify a port number, the value must be unquoted").
pub fn quoted_number_hint(s: &str) -> Option<String> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| format!("write {s} without quotes: a quoted number is a port name"))
}

/// ValidateService and the helpers it calls (validateServicePort, ValidateObjectMeta,
/// validateServiceExternalTrafficPolicy, validateServiceInternalTrafficFieldsValue,
/// ValidateServiceClusterIPsRelatedFields, validateClientIPAffinityConfig).
fn validate(obj: &Object, spec: &ServiceSpec, svc: &Svc, pol: &DefaultedPolicies, cluster_ips: &[String], errs: &mut Vec<Diagnostic>) {
    let at = |f: &str| obj.pos(f);
    // metadata (ValidateObjectMeta with ValidateServiceName = NameIsDNS1035Label)
    let before = errs.len();
    validate_object_meta(obj, names::dns1035_label, true, &at, errs);
    // a name other kinds take (a DNS-1123 subdomain: `1web` for a Deployment) refused here: say
    // why the two differ (a Service's name is a DNS label of the cluster's zone, so it must start
    // with a letter; learner6 d3)
    if names::dns1123_label(&obj.meta.name).is_empty() && !names::dns1035_label(&obj.meta.name).is_empty() {
        if let Some(d) = errs[before..].iter_mut().find(|d| d.field.as_deref() == Some("metadata.name")) {
            d.add_hint("a Service's name becomes a DNS label, <name>.<namespace>.svc, so it follows RFC 1035 and starts with a letter; Deployments, Pods and most other kinds take a DNS-1123 name, which may start with a digit");
        }
    }

    // ValidateService: both topology annotations written with different values are refused
    // ("must match annotations[service.kubernetes.io/topology-aware-hints] when both are
    // specified"; review22: the Service was accepted and the deprecated one used)
    if let Some(mode) = &spec.topology_mode_mismatch {
        errs.push(Diagnostic::invalid(
            "metadata.annotations[service.kubernetes.io/topology-mode]",
            at("metadata.annotations"),
            &quote(mode),
            "must match annotations[service.kubernetes.io/topology-aware-hints] when both are specified",
        ));
    }

    let t = svc.type_.as_str();
    if !TYPES.contains(&t) {
        errs.push(Diagnostic::not_supported("spec.type", at("spec.type"), t, TYPES));
    }
    let headless = svc.headless();
    if t == "ExternalName" {
        if !cluster_ips.is_empty() {
            errs.push(Diagnostic::forbidden("spec.clusterIPs", at("spec.clusterIP"), "may not be set for ExternalName services"));
        }
        if !spec.ip_families.is_empty() {
            errs.push(Diagnostic::forbidden("spec.ipFamilies", at("spec.ipFamilies"), "may not be set for ExternalName services"));
        }
        if spec.ip_family_policy.is_some() {
            errs.push(Diagnostic::forbidden("spec.ipFamilyPolicy", at("spec.ipFamilyPolicy"), "may not be set for ExternalName services"));
        }
        match &spec.external_name {
            None => errs.push(Diagnostic::required("spec.externalName", at("spec"), "")),
            // ValidateService: `cname := strings.TrimSuffix(externalName, ".")`, then
            // ValidateDNS1123Subdomain(cname, …) prints the trimmed value, and a lone "." is
            // Required (review22)
            Some(n) if n == "." => errs.push(Diagnostic::required("spec.externalName", at("spec.externalName"), "")),
            Some(n) => {
                let trimmed = n.strip_suffix('.').unwrap_or(n);
                for m in names::dns1123_subdomain(trimmed) {
                    errs.push(Diagnostic::invalid("spec.externalName", at("spec.externalName"), &quote(trimmed), &m));
                }
            }
        }
    }
    if (t == "NodePort" || t == "LoadBalancer") && headless {
        errs.push(Diagnostic::invalid(
            "spec.clusterIPs[0]",
            at("spec.clusterIP"),
            &quote("None"),
            &format!("may not be set to 'None' for {t} services"),
        ));
    }

    // ports
    let require_ports = !(t == "ExternalName" || headless);
    if svc.ports.is_empty() && require_ports {
        errs.push(Diagnostic::required("spec.ports", at("spec"), ""));
    }
    let mut names_seen: Vec<&str> = Vec::new();
    let mut keys_seen: Vec<(i64, &str)> = Vec::new();
    for (i, p) in svc.ports.iter().enumerate() {
        let f = |k: &str| format!("spec.ports[{i}].{k}");
        match &p.name {
            None if svc.ports.len() > 1 => errs.push(Diagnostic::required(&f("name"), at(&format!("spec.ports[{i}]")), "")),
            None => {}
            Some(n) => {
                for m in names::dns1123_label(n) {
                    errs.push(Diagnostic::invalid(&f("name"), at(&f("name")), &quote(n), &m));
                }
                if names_seen.contains(&n.as_str()) {
                    errs.push(Diagnostic::duplicate(&f("name"), at(&f("name")), &quote(n)));
                }
                names_seen.push(n);
            }
        }
        if !(1..=65535).contains(&p.port) {
            errs.push(Diagnostic::invalid(&f("port"), at(&f("port")), &p.port.to_string(), range_msg()));
        }
        if !PROTOCOLS.contains(&p.protocol.as_str()) {
            errs.push(Diagnostic::not_supported(&f("protocol"), at(&f("protocol")), &p.protocol, PROTOCOLS));
        }
        match &p.target_port {
            IntOrString::Int(n) if !(1..=65535).contains(n) => {
                let pos = if spec.ports[i].target_port.is_some() { at(&f("targetPort")) } else { at(&f("port")) };
                errs.push(Diagnostic::invalid(&f("targetPort"), pos, &n.to_string(), range_msg()));
            }
            IntOrString::Str(s) => {
                for m in names::port_name(s) {
                    let d = Diagnostic::invalid(&f("targetPort"), at(&f("targetPort")), &quote(s), &m);
                    errs.push(d.hint(quoted_number_hint(s).filter(|_| m.contains("at least one letter")).unwrap_or_default()));
                }
            }
            _ => {}
        }
        if let Some(ap) = &spec.ports[i].app_protocol {
            for m in names::qualified_name(ap) {
                errs.push(Diagnostic::invalid(&f("appProtocol"), at(&f("appProtocol")), &quote(ap), &m));
            }
        }
        // duplicate (port, protocol): field.Duplicate(portPath, core.ServicePort{Port, Protocol}), the
        // internal struct (no json tags) rendered by json.Marshal in ErrorBody
        if let Some(first) = keys_seen.iter().position(|k| *k == (p.port, p.protocol.as_str())) {
            errs.push(Diagnostic::duplicate(
                &format!("spec.ports[{i}]"),
                at(&format!("spec.ports[{i}]")),
                &super::diag::json_struct(&[
                    ("Name", "".into()),
                    ("Protocol", p.protocol.as_str().into()),
                    ("AppProtocol", serde_json::Value::Null),
                    ("Port", p.port.into()),
                    ("TargetPort", 0.into()),
                    ("NodePort", 0.into()),
                ]),
            ));
            // the same error in plain words (learner11 q/38: the key struct hides which entries
            // clash): not the API server's, an info after its error
            errs.push(Diagnostic::note(
                super::diag::Severity::Info,
                super::diag::ErrorType::Resolution,
                "DuplicatePortHint",
                format!("{}/{} is used by ports[{first}] and ports[{i}]: each (port, protocol) pair may appear once; give ports[{i}] another port", p.port, p.protocol),
                at(&format!("spec.ports[{i}]")),
            ));
        }
        keys_seen.push((p.port, &p.protocol));
        if t == "ClusterIP" && p.node_port.is_some() {
            errs.push(Diagnostic::forbidden(&f("nodePort"), at(&f("nodePort")), "may not be used when `type` is 'ClusterIP'"));
        }
    }

    // LoadBalancer-only fields
    if t != "LoadBalancer" {
        if spec.allocate_load_balancer_node_ports.is_some() {
            errs.push(Diagnostic::forbidden(
                "spec.allocateLoadBalancerNodePorts",
                at("spec.allocateLoadBalancerNodePorts"),
                "may only be used when `type` is 'LoadBalancer'",
            ));
        }
        if !spec.load_balancer_source_ranges.is_empty() {
            // sic: upstream's path has a capital L
            errs.push(Diagnostic::forbidden(
                "spec.LoadBalancerSourceRanges",
                at("spec.loadBalancerSourceRanges"),
                "may only be used when `type` is 'LoadBalancer'",
            ));
        }
        if spec.load_balancer_class.is_some() {
            errs.push(Diagnostic::forbidden(
                "spec.loadBalancerClass",
                at("spec.loadBalancerClass"),
                "may only be used when `type` is 'LoadBalancer'",
            ));
        }
    }
    // ValidateService: without the field, the same checks on the
    // service.beta.kubernetes.io/load-balancer-source-ranges annotation (comma-separated CIDRs)
    if let (true, Some(val)) = (spec.load_balancer_source_ranges.is_empty(), &spec.source_ranges_annotation) {
        let path = "metadata.annotations[service.beta.kubernetes.io/load-balancer-source-ranges]";
        let pos = at("metadata.annotations");
        if t != "LoadBalancer" {
            errs.push(Diagnostic::forbidden(path, pos, "may only be used when `type` is 'LoadBalancer'"));
        }
        let val = val.trim();
        if !val.is_empty() {
            for v in val.split(',').map(str::trim) {
                for m in names::valid_cidr(v) {
                    errs.push(Diagnostic::invalid(path, pos, &quote(v), &m));
                }
            }
        }
    }
    // validateServiceTrafficDistribution: PreferClose, or with the PreferSameTrafficDistribution
    // gate (on by default since v1.34) also PreferSameZone and PreferSameNode (sets.List order)
    if let Some(td) = spec.traffic_distribution.as_deref().filter(|td| !matches!(*td, "PreferClose" | "PreferSameNode" | "PreferSameZone")) {
        errs.push(Diagnostic::not_supported("spec.trafficDistribution", at("spec.trafficDistribution"), td, &["PreferClose", "PreferSameNode", "PreferSameZone"]));
    }
    // validateLoadBalancerClassField: a LoadBalancer's class is a qualified name
    if let (true, Some(class)) = (t == "LoadBalancer", &spec.load_balancer_class) {
        for m in names::qualified_name(class) {
            errs.push(Diagnostic::invalid("spec.loadBalancerClass", at("spec.loadBalancerClass"), &quote(class), &m));
        }
    }
    // ValidateService: each entry (spaces trimmed — "a historical accident") must pass IsValidCIDR,
    // one error per entry under the sic capital-L path
    for (i, r) in spec.load_balancer_source_ranges.iter().enumerate() {
        let v = r.trim();
        for m in names::valid_cidr(v) {
            errs.push(Diagnostic::invalid(
                &format!("spec.LoadBalancerSourceRanges[{i}]"),
                at(&format!("spec.loadBalancerSourceRanges[{i}]")),
                &quote(v),
                &m,
            ));
        }
    }
    if spec.health_check_node_port.is_some() && !(t == "LoadBalancer" && svc.external_traffic_policy.as_deref() == Some("Local")) {
        errs.push(Diagnostic::invalid(
            "spec.healthCheckNodePort",
            at("spec.healthCheckNodePort"),
            &spec.health_check_node_port.unwrap_or(0).to_string(),
            "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
        ));
    }
    // validateServiceExternalTrafficPolicy
    if let Some(etp) = &spec.external_traffic_policy {
        if !pol.externally_accessible {
            errs.push(Diagnostic::invalid(
                "spec.externalTrafficPolicy",
                at("spec.externalTrafficPolicy"),
                &quote(etp),
                "may only be set for externally-accessible services",
            ));
        } else if etp != "Cluster" && etp != "Local" {
            errs.push(Diagnostic::not_supported("spec.externalTrafficPolicy", at("spec.externalTrafficPolicy"), etp, &["Cluster", "Local"]));
        }
    }
    if let Some(itp) = &spec.internal_traffic_policy {
        if itp != "Cluster" && itp != "Local" {
            errs.push(Diagnostic::not_supported("spec.internalTrafficPolicy", at("spec.internalTrafficPolicy"), itp, &["Cluster", "Local"]));
        }
    }
    // sessionAffinity
    match svc.session_affinity.as_str() {
        "None" => {}
        "ClientIP" => {
            if let Some(to) = svc.session_affinity_timeout {
                if !(1..=86400).contains(&to) {
                    errs.push(Diagnostic::invalid(
                        "spec.sessionAffinityConfig.clientIP.timeoutSeconds",
                        at("spec.sessionAffinityConfig.clientIP.timeoutSeconds"),
                        &to.to_string(),
                        "must be greater than 0 and less than 86400",
                    ));
                }
            }
        }
        other => errs.push(Diagnostic::not_supported("spec.sessionAffinity", at("spec.sessionAffinity"), other, &["ClientIP", "None"])),
    }
    // selector keys/values are labels
    if let Some(sel) = &spec.selector {
        validate_labels(sel, "spec.selector", &at, errs);
    }
    for (i, ip) in spec.external_ips.iter().enumerate() {
        let f = format!("spec.externalIPs[{i}]");
        // IsValidIP, then ValidateNonSpecialIP only when the address is valid
        match names::valid_ip(ip) {
            Err(msgs) => {
                for m in msgs {
                    errs.push(Diagnostic::invalid(&f, at(&f), &quote(ip), &m));
                }
            }
            Ok(a) => {
                for m in names::non_special_ip(a, ip) {
                    errs.push(Diagnostic::invalid(&f, at(&f), &quote(ip), &m));
                }
            }
        }
    }
}

/// ValidateLabels (apimachinery/pkg/api/validation/objectmeta.go → metav1validation.ValidateLabels).
/// ValidateObjectMeta for a namespaced object: a namespace written is a DNS-1123 label
/// (ValidateNamespaceName).
/// ValidateObjectMeta's name check: `metadata.name` required (no generateName here) and valid
/// under the kind's name function (ValidateServiceName = NameIsDNS1035Label, ValidatePodName =
/// NameIsDNSSubdomain, ValidateNamespaceName = a DNS-1123 label, …).
pub fn validate_object_name(obj: &Object, name_rule: fn(&str) -> Vec<String>, at: &dyn Fn(&str) -> super::yaml::Pos, errs: &mut Vec<Diagnostic>) {
    validate_name(&obj.meta, name_rule, at, errs);
}

fn validate_name(meta: &Meta, name_rule: impl Fn(&str) -> Vec<String>, at: &dyn Fn(&str) -> super::yaml::Pos, errs: &mut Vec<Diagnostic>) {
    if meta.name.is_empty() {
        errs.push(Diagnostic::required("metadata.name", at("metadata"), "name or generateName is required"));
    } else {
        for m in name_rule(&meta.name) {
            errs.push(Diagnostic::invalid("metadata.name", at("metadata.name"), &quote(&meta.name), &m));
        }
    }
}

/// ValidateObjectMeta, in its order: the name, the namespace (`namespaced` kinds), the labels,
/// the annotations.
pub fn validate_object_meta(obj: &Object, name_rule: fn(&str) -> Vec<String>, namespaced: bool, at: &dyn Fn(&str) -> super::yaml::Pos, errs: &mut Vec<Diagnostic>) {
    validate_meta(&obj.meta, name_rule, namespaced, at, errs);
}

/// [`validate_object_meta`] of metadata read off a tree no object is made of.
pub fn validate_meta(meta: &Meta, name_rule: impl Fn(&str) -> Vec<String>, namespaced: bool, at: &dyn Fn(&str) -> super::yaml::Pos, errs: &mut Vec<Diagnostic>) {
    validate_name(meta, name_rule, at, errs);
    if namespaced {
        namespace_errors(meta, at, errs);
    }
    validate_labels(&meta.labels, "metadata.labels", at, errs);
    annotation_errors(meta, at, errs);
}

pub fn validate_namespace(obj: &Object, at: &dyn Fn(&str) -> super::yaml::Pos, errs: &mut Vec<Diagnostic>) {
    namespace_errors(&obj.meta, at, errs);
}

fn namespace_errors(meta: &Meta, at: &dyn Fn(&str) -> super::yaml::Pos, errs: &mut Vec<Diagnostic>) {
    if meta.namespace_set {
        for m in names::dns1123_label(&meta.namespace) {
            errs.push(Diagnostic::invalid("metadata.namespace", at("metadata.namespace"), &quote(&meta.namespace), &m));
        }
    }
}

/// ValidateObjectMeta's ValidateAnnotations, right after the labels: what [`super::model::Meta`]
/// found when it read them.
pub fn validate_annotations(obj: &Object, at: &dyn Fn(&str) -> super::yaml::Pos, errs: &mut Vec<Diagnostic>) {
    annotation_errors(&obj.meta, at, errs);
}

fn annotation_errors(meta: &Meta, at: &dyn Fn(&str) -> super::yaml::Pos, errs: &mut Vec<Diagnostic>) {
    for (key, msg) in meta.annotation_errors.iter().flat_map(|e| e.iter()) {
        let f = "metadata.annotations";
        errs.push(match key {
            Some(k) => Diagnostic::invalid(f, at(&format!("{f}.{k}")), &quote(k), msg),
            None => Diagnostic::too_long(f, at(f), 256 * 1024),
        });
    }
}

pub fn validate_labels(labels: &Labels, field: &str, at: &dyn Fn(&str) -> super::yaml::Pos, errs: &mut Vec<Diagnostic>) {
    validate_labels_in(labels, field, field, at, errs);
}

/// [`validate_labels`] where the error's field path is not where the labels are written: a pod
/// template's labels are reported as `spec.template.labels` (ValidatePodTemplateSpec validates
/// them at `fldPath.Child("labels")`) though written at spec.template.metadata.labels.
pub fn validate_labels_in(labels: &Labels, field: &str, written: &str, at: &dyn Fn(&str) -> super::yaml::Pos, errs: &mut Vec<Diagnostic>) {
    for (k, v) in labels {
        for m in names::qualified_name(k) {
            errs.push(Diagnostic::invalid(field, at(&format!("{written}.{k}")), &quote(k), &m));
        }
        for m in names::label_value(v) {
            errs.push(Diagnostic::invalid(field, at(&format!("{written}.{k}")), &quote(v), &m));
        }
    }
}

/// The Service CIDR of the cluster a dump came from, when it is not the configured one: the API
/// server keeps `default/kubernetes` on the first address of its --service-cluster-ip-range
/// (pkg/controlplane/controller/kubernetesservice: ServiceIP = the range's first usable
/// address). A managed cluster's dump (EKS 172.20.0.1 or 10.100.0.1, k3s 10.43.0.1, AKS 10.0.0.1)
/// would otherwise have every ClusterIP refused. The range is taken as the /16 starting one
/// below that address (or the smallest prefix the address is aligned to, when it is not on a
/// /16), widened while a written ClusterIP falls outside it. Without that Service, the
/// ClusterIPs of dumped Services (metadata.uid or resourceVersion: they exist in a cluster
/// already) outside the configured range give it: the /16 (or wider) that holds them all.
/// None when the user set the range, or nothing points outside the configured one. The second
/// value is the Service the note goes on; the third, whether it is `kubernetes`.
/// The first Service a cluster printed (a uid or resourceVersion) whose clusterIPs hold an IPv4
/// then an IPv6 address: the dump comes from a dual-stack cluster.
/// What says the input comes from a dual-stack cluster (its Services may ask for both families).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DualEvidence {
    /// a dumped Service (metadata uid/resourceVersion) holds clusterIPs of both families: the
    /// cluster's allocators gave them (alloc.go allocClusterIPs, one per --service-cluster-ip-range)
    DumpedService,
    /// a Node's spec.podCIDRs hold a range of each family: the node IPAM controller allocates one
    /// per --cluster-cidr (pkg/controller/nodeipam/ipam/range_allocator.go AllocateOrOccupyCIDR,
    /// one per cidrSet), and kube-controller-manager takes two --cluster-cidr only of two
    /// families (cmd/kube-controller-manager/app/core.go startNodeIpamController → validateCIDRs:
    /// "not configured as dual stack (at least one from each IPFamily"): a cluster set up
    /// dual-stack, as kubeadm and kind configure it with a dual --service-cluster-ip-range beside
    PodCidrs,
    /// a Service the input writes (not dumped: a dump whose author trimmed the uids) holds
    /// clusterIPs of both families, and this object (a Node's InternalIPs, a Pod's podIPs) has an
    /// address of each family. Neither alone: a cloud node reports every address the cloud gave
    /// it, IPv6 ones on a single-stack cluster too (KEP-3705 "Current behavior", kubelet without
    /// --node-ip), and written clusterIPs of both families on a single-stack cluster are the
    /// user's mistake the API server refuses (ValidateService: "not configured on this cluster")
    WrittenService(usize),
}

/// The input's evidence that the cluster is dual-stack: the object that shows it and how.
pub fn dual_stack_evidence(objects: &[Object]) -> Option<(usize, DualEvidence)> {
    use super::model::Body;
    let family = |ip: &str| ip.parse::<IpAddr>().ok().map(|a| a.is_ipv6());
    let both = |a: &str, b: &str| family(a).zip(family(b)).is_some_and(|(a, b)| a != b);
    let dual_ips = |o: &Object| !o.refused && matches!(&o.body, Body::Service(s) if s.cluster_ips.len() == 2 && both(&s.cluster_ips[0], &s.cluster_ips[1]));
    let (mut written, mut addresses, mut cidrs) = (None, None, None);
    for (i, o) in objects.iter().enumerate() {
        if o.refused {
            continue;
        }
        match &o.body {
            Body::Service(_) if dual_ips(o) => {
                if o.dumped() {
                    return Some((i, DualEvidence::DumpedService));
                }
                written.get_or_insert(i);
            }
            Body::Node(info) => {
                if info.pod_cidr_other.is_some() {
                    cidrs.get_or_insert(i);
                }
                if info.internal_ip.as_deref().zip(info.internal_ip_other.as_deref()).is_some_and(|(a, b)| both(a, b)) {
                    addresses.get_or_insert(i);
                }
            }
            Body::Pod(_, status) if status.pod_ip.as_deref().zip(status.pod_ip_other.as_deref()).is_some_and(|(a, b)| both(a, b)) => {
                addresses.get_or_insert(i);
            }
            _ => {}
        }
    }
    if let Some(i) = cidrs {
        return Some((i, DualEvidence::PodCidrs));
    }
    Some((written?, DualEvidence::WrittenService(addresses?)))
}

/// kube-apiserver's --service-cluster-ip-range read off a dump: the range, the object that tells,
/// whether the kubernetes Service anchors it (its clusterIP is the range's first address), and how
/// many dumped clusterIPs narrowed it below the widest range aligned there ([`narrowed_v4`]; 0:
/// not narrowed).
pub struct InferredCidr {
    pub cidr: Cidr,
    pub object: usize,
    pub anchored: bool,
    pub narrowed_by: usize,
}

/// The fewest dumped clusterIPs, drawn at random above a range's static band, that narrow it by
/// half ([`narrowed_v4`]): a range twice as wide would have put them all in one half with a
/// chance of at most 2^-10 (under 1 in 1,000).
const NARROWING_EVIDENCE: usize = 10;

/// An IPv4 Service range starting at `base`, `/prefix` wide, narrowed while the dump says so.
/// The ClusterIP allocator draws a Service's address at random, from above the range's static
/// band first (pkg/registry/core/service/ipallocator/bitmap.go AllocateNext over
/// calculateRangeOffset's dynamic band; KEP-3070), so n dumped clusterIPs above the band of a
/// range all lying in its lower half happen with a chance below 2^-n unless the range is that
/// half: with [`NARROWING_EVIDENCE`] of them the range is halved, again and again. The widest
/// aligned range (a /16: EKS, AKS, k3s, OpenShift) is kept when the dump has few Services; a GKE
/// dump with 60 Services in its /20 gets the /20 (not the smallest prefix holding them whatever
/// their number: three Services of an EKS /16 would make it a /18). Only the dumped clusterIPs
/// count: a written one outside the narrowed range is refused as the cluster would (it is not
/// evidence of the range, the dumped ones are). Returns the prefix and how many clusterIPs gave
/// the last halving (0: none).
fn narrowed_v4(base: u32, mut prefix: u8, dumped: &[Ipv4Addr]) -> (u8, usize) {
    let mut by = 0;
    // (pkg/controlplane/services.go ServiceIPRange: "the service cluster IP range must be at
    // least 8 IP addresses"; the evidence asked stops well before a /29)
    while prefix < 29 {
        let size = 1u64 << (32 - prefix);
        // (offsets from the network address; the static band starts at the first after it)
        let band = 1 + range_offset(size, IP_BAND);
        let evidence = dumped.iter().filter(|ip| u64::from(u32::from(**ip).wrapping_sub(base)) > band).count();
        let half = Cidr::v4(base, prefix + 1);
        if evidence < NARROWING_EVIDENCE || !dumped.iter().all(|ip| half.contains(IpAddr::V4(*ip))) {
            break;
        }
        prefix += 1;
        by = evidence;
    }
    (prefix, by)
}

pub fn inferred_service_cidr(objects: &[Object], cfg: &Config) -> Option<InferredCidr> {
    use super::model::Body;
    if cfg.service_cidr_set {
        return None;
    }
    let cluster_ip = |o: &Object| match &o.body {
        Body::Service(spec) if !o.refused => spec.cluster_ip.as_deref()?.parse::<IpAddr>().ok(),
        _ => None,
    };
    let anchor = objects.iter().enumerate().find_map(|(i, o)| Some((i, cluster_ip(o).filter(|_| o.meta.name == "kubernetes" && o.meta.namespace == "default")?)));
    // the cluster's primary family: the kubernetes Service's (it is single-stack, of the first
    // --service-cluster-ip-range's family: kubernetesservice.Controller), else IPv6 when every
    // dumped Service's first clusterIP is IPv6
    let dumped: Vec<(usize, IpAddr)> = objects.iter().enumerate().filter(|(_, o)| o.dumped()).filter_map(|(i, o)| Some((i, cluster_ip(o)?))).collect();
    // (a dump of headless Services only: their ipFamilies tell, and the range is kind's default)
    let families: Vec<(usize, bool)> = objects
        .iter()
        .enumerate()
        .filter(|(_, o)| o.dumped() && !o.refused)
        .filter_map(|(i, o)| match &o.body {
            Body::Service(s) => Some((i, s.ip_families.first()? == "IPv6")),
            _ => None,
        })
        .collect();
    let v6 = match anchor {
        Some((_, ip)) => ip.is_ipv6(),
        None if dumped.is_empty() && families.is_empty() => {
            // no Service tells (a List without uid/resourceVersion, as `kubectl get -o yaml`
            // piped through a cleaner writes it): the nodes' InternalIPs and the pods'
            // status.podIP are of the cluster's primary family (kubelet --node-ip; the pod
            // network's first range), so an IPv6-only set of them is an IPv6 cluster's
            if cfg.service_cidr.v6 {
                return None;
            }
            let addrs = node_and_pod_ips(objects);
            let (&(first, _), true) = (addrs.first()?, addrs.iter().all(|(_, ip)| ip.is_ipv6())) else { return None };
            // the written Services' IPv6 clusterIPs, held by the range inferred
            let written: Vec<(usize, IpAddr)> = objects.iter().enumerate().filter_map(|(i, o)| Some((i, cluster_ip(o)?))).filter(|(_, ip)| ip.is_ipv6()).collect();
            let default = Cidr::parse("fd00:10:96::/112").expect("valid");
            if written.iter().all(|(_, ip)| default.contains(*ip)) {
                return Some(InferredCidr { cidr: default, object: first, anchored: false, narrowed_by: 0 });
            }
            return inferred_other_family(None, &written, true).map(|c| InferredCidr { object: first, anchored: false, ..c });
        }
        None if dumped.is_empty() => !families.is_empty() && families.iter().all(|(_, v6)| *v6),
        None => dumped.iter().all(|(_, ip)| ip.is_ipv6()),
    };
    if v6 != cfg.service_cidr.v6 {
        if dumped.is_empty() && anchor.is_none() {
            let default = Cidr::parse(if v6 { "fd00:10:96::/112" } else { "10.96.0.0/12" }).expect("valid");
            return families.first().map(|(i, _)| InferredCidr { cidr: default, object: *i, anchored: false, narrowed_by: 0 });
        }
        return inferred_other_family(anchor, &dumped, v6);
    }
    let cluster_ip = |o: &Object| match cluster_ip(o)? {
        IpAddr::V4(a) => Some(a),
        IpAddr::V6(_) => None,
    };
    let v4 = |ip: Ipv4Addr| IpAddr::V4(ip);
    let written: Vec<Ipv4Addr> = objects.iter().filter_map(cluster_ip).collect();
    let anchor = anchor.and_then(|(i, ip)| match ip {
        IpAddr::V4(a) => Some((i, a)),
        IpAddr::V6(_) => None,
    });
    if let Some((i, ip)) = anchor {
        // the kubernetes Service holds the range's first address: the default range's, or
        // another range inside it (EKS's 10.100.0.0/16 lies in 10.96.0.0/12: its 10.100.0.1)
        if v4(ip) == cfg.service_cidr.nth(1) || (cfg.service_cidr.contains(v4(ip)) && u32::from(ip) & 0xff != 1) {
            return None;
        }
        let base = u32::from(ip).checked_sub(1)?;
        let aligned = |p: u8| base & (u32::MAX >> p) == 0;
        let mut prefix = (16..=28).find(|&p| aligned(p))?;
        // widened while a written ClusterIP is outside and the address stays the range's first
        // (cmd/kube-apiserver/app/options/validation.go validateClusterIPFlags skips
        // validateMaxCIDRRange's "mask must be >= 12" once MultiCIDRServiceAllocator and
        // DisableAllocatorDualWrite are on — both GA and on by default since v1.34 —, so a /12
        // is no bound for the master we follow; a /8 is kept as one)
        while !written.iter().all(|w| Cidr::v4(base, prefix).contains(v4(*w))) && prefix > 8 && aligned(prefix - 1) {
            prefix -= 1;
        }
        // then narrowed while the dumped clusterIPs say the range is smaller (GKE's /20)
        let dumped: Vec<Ipv4Addr> = dumped.iter().filter_map(|(_, ip)| match ip {
            IpAddr::V4(a) => Some(*a),
            IpAddr::V6(_) => None,
        }).collect();
        let (prefix, narrowed_by) = narrowed_v4(base, prefix, &dumped);
        return Some(InferredCidr { cidr: Cidr::v4(base, prefix), object: i, anchored: true, narrowed_by });
    }
    let outside: Vec<(usize, Ipv4Addr)> =
        objects.iter().enumerate().filter(|(_, o)| o.dumped()).filter_map(|(i, o)| Some((i, cluster_ip(o)?))).filter(|(_, ip)| !cfg.service_cidr.contains(v4(*ip))).collect();
    let (first, ip0) = *outside.first()?;
    let common = outside.iter().map(|(_, ip)| (u32::from(*ip) ^ u32::from(ip0)).leading_zeros()).min().unwrap_or(32);
    let prefix = common.clamp(8, 16) as u8;
    let base = u32::from(ip0) & !(u32::MAX >> prefix);
    Some(InferredCidr { cidr: Cidr::v4(base, prefix), object: first, anchored: false, narrowed_by: 0 })
}

/// A nodePort a dumped Service holds outside the configured range: the object, the field
/// (`spec.ports[0].nodePort`, `spec.healthCheckNodePort`) and the port.
pub struct OutsidePort {
    pub object: usize,
    pub field: String,
    pub port: u16,
}

/// kube-apiserver --service-node-port-range read off a dump: a Service the cluster printed
/// (metadata uid/resourceVersion) holds its nodePorts and healthCheckNodePort because the
/// cluster's allocator admitted them (pkg/registry/core/service/portallocator/allocator.go
/// Allocate: ErrNotInRange for a port outside the range), so the range holds them all. None
/// when the user set the range (the CLI's --node-port-range), or every dumped port is inside
/// `cfg`'s; else `cfg`'s range widened just enough to hold them (the cluster's may be wider
/// still), with the first port found outside it (for the note). One pass over the Services,
/// nothing else looked at.
pub fn inferred_node_port_range(objects: &[Object], cfg: &Config) -> Option<((u16, u16), OutsidePort)> {
    use super::model::Body;
    if cfg.node_port_range_set {
        return None;
    }
    let (mut lo, mut hi) = cfg.node_port_range;
    let mut first: Option<OutsidePort> = None;
    for (i, o) in objects.iter().enumerate() {
        let Body::Service(spec) = &o.body else { continue };
        if !o.dumped() || o.refused || !matches!(spec.type_.as_deref(), Some("NodePort" | "LoadBalancer")) {
            continue;
        }
        // (the port's index, None for healthCheckNodePort: its field path is made only for the
        // note, not for each port of each Service on every keystroke)
        let ports = spec.ports.iter().enumerate().filter_map(|(j, p)| Some((Some(j), p.node_port?)));
        for (at, port) in ports.chain(spec.health_check_node_port.map(|h| (None, h))) {
            // (a port no allocator holds: 0, or beyond 65535, is the validation's to refuse)
            let Ok(port) = u16::try_from(port) else { continue };
            if port == 0 || (cfg.node_port_range.0..=cfg.node_port_range.1).contains(&port) {
                continue;
            }
            lo = lo.min(port);
            hi = hi.max(port);
            if first.is_none() {
                let field = at.map_or_else(|| "spec.healthCheckNodePort".to_string(), |j| format!("spec.ports[{j}].nodePort"));
                first = Some(OutsidePort { object: i, field, port });
            }
        }
    }
    first.map(|f| ((lo, hi), f))
}

/// The Nodes' first InternalIP and the Pods' status.podIP, by object index.
pub fn node_and_pod_ips(objects: &[Object]) -> Vec<(usize, IpAddr)> {
    use super::model::Body;
    objects
        .iter()
        .enumerate()
        .filter(|(_, o)| !o.refused)
        .filter_map(|(i, o)| {
            let ip = match &o.body {
                Body::Node(info) => info.internal_ip.as_deref()?,
                Body::Pod(_, status) => status.pod_ip.as_deref()?,
                _ => return None,
            };
            Some((i, ip.parse().ok()?))
        })
        .collect()
}

/// [`inferred_service_cidr`] for a dump whose primary family is not the configured range's (an
/// IPv6 cluster's dump read with the default IPv4 range: EKS IPv6, kind `ipFamily: ipv6`): the
/// range starts one below the kubernetes Service's address, as wide as kube-apiserver allows an
/// IPv6 range aligned there (validateClusterIPFlags: a 128-bit range's mask must be >= 108), else
/// the /108../112 that holds the dumped Services' clusterIPs.
fn inferred_other_family(anchor: Option<(usize, IpAddr)>, dumped: &[(usize, IpAddr)], v6: bool) -> Option<InferredCidr> {
    let bits: u32 = if v6 { 128 } else { 32 };
    let (min_prefix, max_prefix): (u8, u8) = if v6 { (108, 112) } else { (8, 16) };
    let all = if v6 { u128::MAX } else { u32::MAX as u128 };
    let host = |p: u8| all >> p;
    let fits = |c: Cidr| dumped.iter().all(|(_, ip)| ip.is_ipv6() != v6 || c.contains(*ip));
    if let Some((i, ip)) = anchor {
        let base = Cidr::value(ip).checked_sub(1)?;
        let aligned = |p: u8| base & host(p) == 0;
        let mut prefix = (min_prefix..=(bits as u8 - 4)).find(|&p| aligned(p))?;
        // widened while a written ClusterIP is outside and the address stays the range's first
        while !fits(Cidr { base, prefix, v6 }) && prefix > min_prefix && aligned(prefix - 1) {
            prefix -= 1;
        }
        return Some(InferredCidr { cidr: Cidr { base, prefix, v6 }, object: i, anchored: true, narrowed_by: 0 });
    }
    let mut same = dumped.iter().filter(|(_, ip)| ip.is_ipv6() == v6);
    let &(first, ip0) = same.next()?;
    let common = dumped.iter().filter(|(_, ip)| ip.is_ipv6() == v6).map(|(_, ip)| (Cidr::value(*ip) ^ Cidr::value(ip0)).leading_zeros() - (128 - bits)).min().unwrap_or(bits);
    let prefix = (common as u8).clamp(min_prefix, max_prefix);
    Some(InferredCidr { cidr: Cidr { base: Cidr::value(ip0) & !host(prefix), prefix, v6 }, object: first, anchored: false, narrowed_by: 0 })
}

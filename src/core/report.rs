//! The report: one serialisable answer that the CLI prints and the UI draws.
//! Field names in `services[]` are a contract (issue #3): add fields, never rename them.

use std::sync::Arc;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::cluster::{ClusterNode, PodInst};
use super::diag::{Diagnostic, Severity};
use super::model::Labels;
use super::paths::Path;
use super::resolve::{DnsRecord, Endpoint, Miss};
use super::service::{LoadBalancer, SvcPort};

pub fn labels_as_map<S: Serializer>(l: &Labels, s: S) -> Result<S::Ok, S::Error> {
    let mut m = s.serialize_map(Some(l.len()))?;
    for (k, v) in l {
        m.serialize_entry(k, v)?;
    }
    m.end()
}

fn opt_labels_as_map<S: Serializer>(l: &Option<Labels>, s: S) -> Result<S::Ok, S::Error> {
    match l {
        Some(l) => labels_as_map(l, s),
        None => s.serialize_none(),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceReport {
    pub name: String,
    pub namespace: String,
    #[serde(rename = "type")]
    pub type_: String,
    pub headless: bool,
    #[serde(rename = "clusterIP")]
    pub cluster_ip: Option<String>,
    /// spec.clusterIPs on a dual-stack cluster (absent on a single-stack one, where clusterIP is
    /// the only one): one address per family of `ipFamilies`, the first is clusterIP
    /// (alloc.go allocClusterIPs)
    #[serde(rename = "clusterIPs", skip_serializing_if = "Vec::is_empty")]
    pub cluster_ips: Vec<String>,
    /// spec.ipFamilies on a dual-stack cluster (alloc.go initIPFamilyFields): the first is the
    /// family the paths are drawn over
    #[serde(rename = "ipFamilies", skip_serializing_if = "Vec::is_empty")]
    pub ip_families: Vec<String>,
    #[serde(rename = "externalName")]
    pub external_name: Option<String>,
    /// every name cluster DNS answers for this Service; empty = NXDOMAIN
    pub dns: Vec<String>,
    #[serde(rename = "dnsRecords")]
    pub dns_records: Vec<DnsRecord>,
    pub ports: Vec<SvcPort>,
    pub endpoints: Vec<Endpoint>,
    pub paths: Vec<Path>,
    #[serde(serialize_with = "opt_labels_as_map")]
    pub selector: Option<Labels>,
    /// metadata.labels, which the EndpointSlice controller copies onto the Service's slices
    /// (k8s.io/endpointslice utils.go setEndpointSliceLabels; core::epslice prints them). Not in
    /// the JSON report (review25: read by the slice view only).
    #[serde(skip)]
    pub labels: Labels,
    #[serde(rename = "nearMisses")]
    pub near_misses: Vec<Miss>,
    #[serde(rename = "loadBalancer")]
    pub load_balancer: LoadBalancer,
    /// status.loadBalancer.ingress entries kube-proxy writes no rule for (a hostname, or an IP
    /// with ipMode: Proxy; pkg/proxy/serviceport.go newBaseServiceInfo); absent when none
    #[serde(rename = "loadBalancerIngressWithoutRules", skip_serializing_if = "Vec::is_empty")]
    pub lb_no_rules: Vec<String>,
    #[serde(rename = "externalTrafficPolicy")]
    pub external_traffic_policy: Option<String>,
    #[serde(rename = "internalTrafficPolicy")]
    pub internal_traffic_policy: Option<String>,
    #[serde(rename = "sessionAffinity")]
    pub session_affinity: String,
    /// sessionAffinityConfig.clientIP.timeoutSeconds (defaulted to 10800 with ClientIP)
    #[serde(rename = "sessionAffinityTimeoutSeconds")]
    pub session_affinity_timeout: Option<i64>,
    #[serde(rename = "loadBalancerSourceRanges")]
    pub load_balancer_source_ranges: Vec<String>,
    #[serde(rename = "healthCheckNodePort")]
    pub health_check_node_port: Option<i64>,
    /// what each node answers on healthCheckNodePort (absent without one): kube-proxy's
    /// health server (pkg/proxy/healthcheck service_health.go ServeHTTP) answers 200 while the
    /// node has ready local endpoints of the Service, 503 when it has none, with their count
    /// in the body's `localEndpoints`; the cloud load balancer sends only to the 200 nodes
    #[serde(rename = "healthCheck", skip_serializing_if = "Vec::is_empty")]
    pub health_check: Vec<HealthCheckAnswer>,
    /// healthCheckNodePort was written in the spec (false: the API server picked it,
    /// pkg/registry/core/service/storage/alloc.go allocHealthCheckNodePort "If the request has
    /// no health check nodePort specified, allocate any"); absent when false
    #[serde(rename = "healthCheckNodePortGiven", skip_serializing_if = "std::ops::Not::not")]
    pub health_check_node_port_given: bool,
    #[serde(rename = "externalIPs")]
    pub external_ips: Vec<String>,
    /// spec.trafficDistribution (the topology hints kube-proxy follows); absent when not set
    #[serde(rename = "trafficDistribution", skip_serializing_if = "Option::is_none")]
    pub traffic_distribution: Option<String>,
    /// the annotation service.kubernetes.io/topology-mode (or topology-aware-hints) is Auto: the
    /// EndpointSlice controller then writes no trafficDistribution hints (reconciler.go
    /// hintsEnabled); absent when not
    #[serde(rename = "topologyModeAuto", skip_serializing_if = "std::ops::Not::not")]
    pub topology_mode_auto: bool,
    /// the API server would refuse it; it is drawn crossed out
    pub rejected: bool,
    pub line: u32,
    /// workloads of its namespace whose pod template the selector matches but that run no pods
    /// (`replicas: 0`): why it selects none; looked for only when it selects none, absent when
    /// there is none
    #[serde(rename = "scaledToZero", skip_serializing_if = "Vec::is_empty")]
    pub scaled_to_zero: Vec<ScaledToZero>,
}

/// One node's answer on a Service's healthCheckNodePort (service_health.go ServeHTTP).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HealthCheckAnswer {
    pub node: String,
    /// the ready endpoints of the Service on this node (the body's `localEndpoints`)
    #[serde(rename = "localEndpoints")]
    pub local_endpoints: usize,
    /// 200 (some local endpoint) or 503 (none)
    pub status: u32,
}

impl HealthCheckAnswer {
    /// "node-2: 503 (0 local endpoints)" (the CLI's line after "node ", the page's details)
    pub fn line(&self) -> String {
        format!("{}: {} ({})", self.node, self.status, count(self.local_endpoints, "local endpoint", "local endpoints"))
    }
}

impl ServiceReport {
    /// What the page says of a Service's healthCheckNodePort (learner12/learner11 q/27: the load
    /// balancer's details left it out; learnfix14): the port, whether the spec gave it or the
    /// API server allocated it (alloc.go allocHealthCheckNodePort), and each node's answer on
    /// /healthz there — 200 with its ready local endpoints, 503 with none (kube-proxy,
    /// pkg/proxy/healthcheck/service_health.go hcHandler.ServeHTTP); the cloud load balancer
    /// sends only to the 200 nodes. None without one (or refused).
    pub fn health_check_text(&self) -> Option<String> {
        let h = self.health_check_node_port.filter(|_| !self.rejected)?;
        let how = if self.health_check_node_port_given { "given in spec.healthCheckNodePort" } else { "allocated by the API server" };
        let nodes: Vec<String> = self.health_check.iter().map(HealthCheckAnswer::line).collect();
        let each = if nodes.is_empty() { String::new() } else { format!(": {}", nodes.join("; ")) };
        Some(format!("healthCheckNodePort {h} ({how}; externalTrafficPolicy Local): the load balancer asks each node for /healthz there and sends only to nodes answering 200, those with a ready local endpoint{each}"))
    }
}

/// A Deployment, ReplicaSet, StatefulSet (or ReplicationController) asking for `replicas: 0`
/// whose pod template a Service's selector matches (core::scaled_to_zero).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScaledToZero {
    pub kind: String,
    pub name: String,
    /// the object's first line in the input
    pub line: u32,
}

impl ScaledToZero {
    /// As the path's reason and the NoPodsSelected warning say it.
    pub fn reason(&self) -> String {
        format!("{} {} has replicas: 0, so it runs no pods (its pod template's labels match the selector)", self.kind, self.name)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContainerPortReport {
    pub container: String,
    pub name: Option<String>,
    #[serde(rename = "containerPort")]
    pub container_port: i64,
    pub protocol: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PodReport {
    /// the pod as the cluster model has it (name, namespace, labels, node, ip, phase, ready, …)
    #[serde(flatten)]
    pub pod: PodInst,
    /// container ports, sidecars' included (informational, as in Kubernetes)
    pub ports: Vec<ContainerPortReport>,
    pub line: u32,
}

impl std::ops::Deref for PodReport {
    type Target = PodInst;
    fn deref(&self) -> &PodInst {
        &self.pod
    }
}

impl PodReport {
    pub fn new(pod: &PodInst, line: u32) -> PodReport {
        PodReport::from_inst(pod.clone(), line)
    }
    /// [`PodReport::new`] taking the pod (a whole cluster's pods move into the report).
    pub fn from_inst(pod: PodInst, line: u32) -> PodReport {
        let ports = pod
            .containers
            .iter()
            .chain(pod.sidecars.iter())
            .flat_map(|c| {
                c.ports.iter().map(|cp| ContainerPortReport {
                    container: c.name.clone(),
                    name: cp.name.clone(),
                    container_port: cp.container_port,
                    protocol: cp.protocol.clone().unwrap_or_else(|| "TCP".into()),
                })
            })
            .collect();
        PodReport { pod, ports, line }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterReport {
    #[serde(rename = "serviceCIDR")]
    pub service_cidr: String,
    /// a dual-stack cluster's Service ranges, the primary (serviceCIDR) first
    /// (kube-apiserver --service-cluster-ip-range=<v4>,<v6>); absent on a single-stack cluster
    #[serde(rename = "serviceCIDRs", skip_serializing_if = "Vec::is_empty")]
    pub service_cidrs: Vec<String>,
    #[serde(rename = "nodePortRange")]
    pub node_port_range: String,
    #[serde(rename = "clusterDomain")]
    pub cluster_domain: String,
    pub cloud: bool,
    #[serde(rename = "clientPod")]
    pub client_pod: PodReport,
    /// pods (`namespace/name`; the in-cluster client as `default/client`) whose DNS queries an
    /// egress NetworkPolicy drops, and why (core::netpol::dns_blocked): their lookups time out
    #[serde(rename = "dnsBlocked", skip_serializing_if = "Vec::is_empty")]
    pub dns_blocked: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub version: u32,
    /// shared (`Arc`) where a keystroke usually leaves them as they were: the worker sends the
    /// page only what changed since its last report (core::wire::encode_delta), and the page
    /// takes the rest from the report it holds without copying it (issue #12)
    pub diagnostics: Arc<Vec<Diagnostic>>,
    pub services: Vec<Arc<ServiceReport>>,
    pub nodes: Vec<ClusterNode>,
    pub pods: Arc<Vec<PodReport>>,
    pub cluster: ClusterReport,
    /// objects read, by kind, and the kinds ignored
    pub objects: usize,
    /// pod A records (`10-244-1-2.default.pod.cluster.local`), as CoreDNS `pods insecure` serves them
    #[serde(rename = "podDnsRecords")]
    pub pod_dns_records: Arc<Vec<DnsRecord>>,
}

impl ServiceReport {
    /// Whether two of its ports have the number `port` (53/UDP and 53/TCP): the protocol is then
    /// what tells them apart, wherever a port is named.
    pub fn port_number_shared(&self, port: i64) -> bool {
        self.ports.iter().filter(|p| p.port == port).nth(1).is_some()
    }
}

/// What an ExternalName's `externalName` names as cluster DNS reads it
/// ([`paths::external_target`](super::paths::external_target)): the name, whether it lies in
/// the cluster's zone, and the Service of `services` it is (`<name>.<ns>.svc.<zone>`, one the API
/// server created).
pub fn external_name_target<'a>(services: &'a [Arc<ServiceReport>], ext: &str, domain: &str) -> (String, bool, Option<&'a ServiceReport>) {
    let (t, in_zone) = super::paths::external_target(ext, domain);
    let found = super::paths::service_of(&t, domain)
        .filter(|_| in_zone)
        .and_then(|(ns, name)| services.iter().find(|x| x.namespace == ns && x.name == name && !x.rejected))
        .map(|x| &**x);
    (t, in_zone, found)
}

impl Report {
    /// How the page names Service `i`: its name, or `namespace/name` when another Service has the
    /// same name (Services are unique per namespace, not per cluster).
    pub fn service_key(&self, i: usize) -> String {
        let Some(s) = self.services.get(i) else { return String::new() };
        if self.services.iter().filter(|x| x.name == s.name).nth(1).is_some() {
            format!("{}/{}", s.namespace, s.name)
        } else {
            s.name.clone()
        }
    }

    /// [`Report::service_key`] of every Service, in one pass (a whole cluster has 1,000).
    pub fn service_keys(&self) -> Vec<String> {
        let mut count: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
        for s in self.services.iter() {
            *count.entry(s.name.as_str()).or_default() += 1;
        }
        self.services.iter().map(|s| if count[s.name.as_str()] > 1 { format!("{}/{}", s.namespace, s.name) } else { s.name.clone() }).collect()
    }

    /// The index of the Service a key names: `namespace/name`, or a bare name (the first Service
    /// of that name, as share links and the embed API have always given it).
    pub fn find_service(&self, key: &str) -> Option<usize> {
        match key.split_once('/') {
            Some((ns, name)) => self.services.iter().position(|s| s.namespace == ns && s.name == name),
            None => self.services.iter().position(|s| s.name == key),
        }
    }

    /// The Service shown when none is asked for, or the one asked for is not here (learner9
    /// Q34: a `kubectl get all -A -o yaml` List opened on `default/kubernetes`, not on the broken
    /// `shop/api`): the first Service with a problem — refused, no ready endpoint (not an
    /// ExternalName), or an error or warning about it — other than `default/kubernetes` (the API
    /// server's own, which every dump holds first); else the first Service outside kube-system
    /// other than that one; else the first. A `?service=` or a share link that names a Service
    /// still wins ([`Report::find_service`] first).
    pub fn default_service(&self) -> usize {
        let api = |s: &ServiceReport| s.namespace == "default" && s.name == "kubernetes";
        let problem = |s: &ServiceReport| {
            let id = super::model::object_id("Service", &s.namespace, &s.name);
            s.rejected
                || (s.type_ != "ExternalName" && !s.endpoints.iter().any(|e| e.ready))
                || self.diagnostics.iter().any(|d| matches!(d.severity, Severity::Error | Severity::Warning) && d.object.as_deref() == Some(id.as_str()))
        };
        self.services
            .iter()
            .position(|s| !api(s) && problem(s))
            .or_else(|| self.services.iter().position(|s| !api(s) && s.namespace != "kube-system"))
            .unwrap_or(0)
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }
    pub fn to_json(&self) -> String {
        // (the report's types serialize without fail: derived, maps with string keys; the
        // words of serde_json's errors are not formatted, so their Display, io::Error's and
        // their texts stay out of the wasm: issue #12, bundle)
        serde_json::to_string_pretty(self).unwrap_or_else(|_| "{\"version\":1,\"error\":\"the report could not be written as JSON\"}".into())
    }

    /// The same facts for people.
    pub fn to_text(&self) -> String {
        use std::fmt::Write;
        let mut s = String::new();
        let _ = writeln!(
            s,
            "Cluster: {}, service CIDR {}, nodePorts {}, DNS zone {}{}",
            count(self.nodes.len(), "node", "nodes"),
            // a dual-stack cluster: both ranges, the primary first
            if self.cluster.service_cidrs.is_empty() { self.cluster.service_cidr.clone() } else { format!("{} (dual-stack)", self.cluster.service_cidrs.join(",")) },
            self.cluster.node_port_range,
            self.cluster.cluster_domain,
            if self.cloud_on() { ", simulated cloud load balancers" } else { "" }
        );
        for n in &self.nodes {
            let taints: Vec<String> = n.taints.iter().map(|t| if t.value.is_empty() { format!("{}:{}", t.key, t.effect) } else { format!("{}={}:{}", t.key, t.value, t.effect) }).collect();
            let _ = writeln!(
                s,
                "  node {} {} pods {}{}{}{}",
                n.name,
                match &n.ip_other {
                    Some(o) => format!("{}, {o}", n.ip),
                    None => n.ip.clone(),
                },
                match &n.pod_cidr_other {
                    Some(o) => format!("{}, {o}", n.pod_cidr),
                    None => n.pod_cidr.clone(),
                },
                match (n.ready, n.down) {
                    (true, _) => "",
                    // (the what-if node down: whatif23)
                    (false, true) => ", NotReady (down, what-if)",
                    (false, false) => ", NotReady",
                },
                if n.unschedulable { ", cordoned" } else { "" },
                if taints.is_empty() { String::new() } else { format!(", taints {}", taints.join(" ")) }
            );
        }
        for p in self.pods.iter() {
            let labels = super::model::labels_text(&p.labels, ",");
            let _ = writeln!(
                s,
                "  pod {}/{} on {} ip {} {}{} [{}]",
                p.namespace,
                p.name,
                p.node.as_deref().unwrap_or("(unscheduled)"),
                match (&p.ip, &p.ip_other) {
                    (Some(ip), Some(o)) => format!("{ip}, {o}"),
                    (ip, _) => ip.clone().unwrap_or_else(|| "-".into()),
                },
                p.phase,
                if p.ready { ", Ready" } else { ", not Ready" },
                labels
            );
            if let Some(why) = p.pending_reason.as_ref().or(p.failed_reason.as_ref()).or(p.not_ready_reason.as_ref()) {
                let _ = writeln!(s, "    {why}");
            }
            for note in &p.notes {
                let _ = writeln!(s, "    {note}");
            }
            if let Some(note) = super::poddetails::host_network_note(p, self.nodes.iter().find(|n| Some(&n.name) == p.node.as_ref()).map(|n| n.ip.as_str())) {
                let _ = writeln!(s, "    {note}");
            }
        }
        for svc in &self.services {
            let _ = writeln!(s);
            let _ = writeln!(
                s,
                "Service {}/{} ({}{}){}",
                svc.namespace,
                svc.name,
                svc.type_,
                if svc.headless { ", headless" } else { "" },
                if svc.rejected { " — REJECTED by the API server" } else { "" }
            );
            if svc.cluster_ips.len() > 1 {
                // a dual-stack Service: spec.clusterIPs, one per ipFamilies entry
                // spec.clusterIP is clusterIPs[0] (core/v1 types.go ServiceSpec.ClusterIPs:
                // "clusterIPs[0] and clusterIP have the same value"), the CLUSTER-IP column of
                // `kubectl get service` (pkg/printers/internalversion printers.go printService:
                // svc.Spec.ClusterIP; learner11 q/34)
                let _ = writeln!(
                    s,
                    "  clusterIPs: {} (ipFamilies {}); spec.clusterIP is clusterIPs[0], {}: the CLUSTER-IP kubectl get service shows",
                    svc.cluster_ips.join(", "),
                    svc.ip_families.join(", "),
                    svc.cluster_ips[0]
                );
            } else if let Some(ip) = &svc.cluster_ip {
                let _ = writeln!(s, "  clusterIP: {ip}");
            }
            if let Some(e) = &svc.external_name {
                let _ = writeln!(s, "  externalName: {e}");
            }
            if let LoadBalancer::Ready { ingress, .. } = &svc.load_balancer {
                let _ = writeln!(s, "  load balancer: {}", ingress.join(", "));
            } else if svc.load_balancer == LoadBalancer::Pending {
                // why, as the pending path says it (no cloud controller, or a loadBalancerClass's)
                let why = svc.paths.iter().find(|p| p.outcome == super::paths::Outcome::Pending).and_then(|p| p.reason.split(':').next()).unwrap_or("no cloud controller");
                let _ = writeln!(s, "  load balancer: <pending> ({why})");
            }
            for p in &svc.ports {
                let _ = writeln!(
                    s,
                    "  port {}{}/{}{} -> targetPort {}{}",
                    p.name.as_ref().map(|n| format!("{n}:")).unwrap_or_default(),
                    p.port,
                    p.protocol,
                    p.app_protocol.as_ref().map(|a| format!(" (appProtocol {a})")).unwrap_or_default(),
                    p.target_port,
                    match p.node_port {
                        // only NodePort and LoadBalancer Services get nodePorts allocated and
                        // proxied (alloc.go txnAllocNodePorts; kube-proxy skips ExternalName)
                        Some(n) if svc.type_ == "NodePort" || svc.type_ == "LoadBalancer" => format!(" (nodePort {n} on every node)"),
                        Some(n) => format!(" (nodePort {n} is stored but neither allocated nor opened for a {} Service)", svc.type_),
                        None => String::new(),
                    }
                );
                // an ExternalName Service's ports are stored and never used: cluster DNS answers a
                // CNAME and kube-proxy writes no rule for it (pkg/proxy/util ShouldSkipService), so
                // nothing maps port → targetPort (qa1 q/17, rancher#25455)
                if svc.type_ == "ExternalName" && p.target_port.to_string() != p.port.to_string() {
                    let _ = writeln!(s, "    (not remapped: an ExternalName Service is only a DNS alias, so a client dialling {} reaches {} on {}; targetPort {} is stored and never used)", p.port, svc.external_name.as_deref().unwrap_or("the external name"), p.port, p.target_port);
                }
                // no selector: the endpoints controller writes no Endpoints for it
                // (pkg/controller/endpoint/endpoints_controller.go syncService), so targetPort is
                // never resolved; kube-proxy sends to the port the user's Endpoints/EndpointSlices
                // give (pkg/proxy/endpointslicecache.go) — qa3 06, kubernetes#90427
                if svc.type_ != "ExternalName" && svc.selector.is_none() {
                    let mut eps: Vec<i64> = svc.endpoints.iter().flat_map(|e| e.ports.iter()).filter(|ep| ep.name == p.name && ep.protocol == p.protocol).map(|ep| ep.port).collect();
                    super::sort::sort(&mut eps);
                    eps.dedup();
                    if !eps.is_empty() && eps.iter().any(|n| n.to_string() != p.target_port.to_string()) {
                        let _ = writeln!(s, "    (no selector: targetPort {} is unused; traffic goes to the port your Endpoints give: {})", p.target_port, eps.iter().map(i64::to_string).collect::<Vec<_>>().join(", "));
                    }
                }
            }
            // a port marked HTTP/2 or gRPC: its clients keep one connection, and kube-proxy picks
            // an endpoint per connection (the page's Connections panel; learner7 6a, CLI too)
            if let Some((_, why)) = svc.ports.iter().find_map(|p| super::connections::mode_for_app_protocol(p.app_protocol.as_deref())).filter(|_| !svc.rejected && !svc.headless) {
                let _ = writeln!(s, "  connections: {why} kube-proxy picks an endpoint per connection, so every request on it reaches the same pod. {}", super::connections::LONG_LIVED_REMEDY);
            }
            if let (Some(h), false) = (svc.health_check_node_port, svc.rejected) {
                // (LoadBalancer + externalTrafficPolicy Local: the cloud load balancer's probe)
                let _ = writeln!(s, "  healthCheckNodePort {h}: every node answers /healthz there, 200 when it runs a ready endpoint, 503 when not");
                for a in &svc.health_check {
                    let _ = writeln!(s, "    node {}", a.line());
                }
            }
            if svc.dns.is_empty() {
                let _ = writeln!(s, "  DNS: NXDOMAIN");
            }
            for r in &svc.dns_records {
                let _ = writeln!(s, "  DNS {} {} -> {}", r.kind, r.name, r.answer);
            }
            if svc.endpoints.is_empty() && !svc.rejected && svc.type_ != "ExternalName" {
                let _ = writeln!(s, "  endpoints: none");
            }
            for e in &svc.endpoints {
                // an endpoint that resolves none of the Service's ports (a headless Service's A
                // record only) is its address alone
                // with its protocol when not all TCP (a DNS Service's 53/UDP and 53/TCP)
                let all_tcp = e.ports.iter().all(|p| p.protocol == "TCP");
                // each port once: two Service ports with one targetPort resolve to the same pod
                // port (corpus9: `10.244.0.2:3000,3000` said 3000 twice)
                let mut shown: Vec<String> = Vec::with_capacity(e.ports.len());
                for p in &e.ports {
                    let t = if all_tcp { p.port.to_string() } else { format!("{}/{}", p.port, p.protocol) };
                    if !shown.contains(&t) {
                        shown.push(t);
                    }
                }
                let ports = shown.join(",");
                let ports = if ports.is_empty() { ports } else { format!(":{ports}") };
                // an IPv6 address before its ports goes in brackets: [fd00::5]:80
                let bracket = |ip: &str| if ip.contains(':') && !ports.is_empty() { format!("[{ip}]") } else { ip.to_string() };
                let ip = bracket(&e.ip);
                // a dual-stack Service's endpoint: the pod's address in its second-family slice too
                let ip = match &e.ip_second {
                    Some(o) => format!("{ip}{ports} and {}", bracket(o)),
                    None => ip,
                };
                // a hand-made endpoint names an address, not a pod (nor, unless written, a node)
                let who = match (&e.pod, &e.node) {
                    (Some(p), Some(n)) => format!("{p} {ip}{ports} on {n}"),
                    (Some(p), None) => format!("{p} {ip}{ports}"),
                    // (a hand-written Endpoints: mirrored into a slice, layout::endpoint_origin)
                    (None, Some(n)) => format!("{ip}{ports} (no pod: {}) on {n}", super::layout::endpoint_origin(e, &svc.name)),
                    (None, None) => format!("{ip}{ports} (no pod: {})", super::layout::endpoint_origin(e, &svc.name)),
                };
                let _ = writeln!(
                    s,
                    "  endpoint {who} {}{}",
                    if e.ready { "ready" } else if e.terminating { "terminating" } else { "not ready" },
                    if e.ports.is_empty() { " (no port of the Service resolves on it)" } else { "" }
                );
            }
            for m in &svc.near_misses {
                // the selector keys the pod does carry: a selector is an AND of every key=value
                // (learner7 1b; the diagram's ✓ chips, layout::miss_lines)
                let labels = self.pods.iter().find(|p| p.name == m.pod && p.namespace == m.namespace).map(|p| &p.labels);
                let matched: Vec<String> = svc
                    .selector
                    .iter()
                    .flatten()
                    .filter(|(k, v)| !m.mismatched.iter().any(|(mk, _, _)| mk == k) && labels.is_some_and(|l| l.iter().any(|(lk, lv)| lk == k && lv == v)))
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect();
                let matched = if matched.is_empty() || m.mismatched.is_empty() { String::new() } else { format!("; matches {}", matched.join(", ")) };
                let _ = writeln!(s, "  near miss {}/{}: {}{matched}", m.namespace, m.pod, m.reason);
            }
            for p in &svc.paths {
                let _ = writeln!(
                    s,
                    "  path from {}{}{}: {} — {}",
                    p.entry,
                    p.node.as_ref().map(|n| format!(" via {n}")).or_else(|| p.ingress.as_ref().map(|n| if p.entry == super::paths::Entry::HttpRoute { format!(" via route {n}") } else { format!(" via Ingress {n}") })).unwrap_or_default(),
                    // 53/UDP and 53/TCP: two lines that must not read the same
                    p.port.map(|n| {
                        let port = match (&p.protocol, svc.port_number_shared(n)) {
                            (Some(proto), true) => format!(" port {n}/{proto}"),
                            _ => format!(" port {n}"),
                        };
                        // what the outside client dials is the nodePort, not the Service's
                        // port (corpus9: "path from nodeport via node-1 port 8080" read as if
                        // the client connected to 8080)
                        let node_port = (p.entry == super::paths::Entry::NodePort)
                            .then(|| svc.ports.iter().find(|sp| sp.port == n && p.protocol.as_deref().is_none_or(|pr| pr == sp.protocol)).and_then(|sp| sp.node_port))
                            .flatten();
                        match node_port {
                            Some(np) => format!("{port} (nodePort {np})"),
                            None => port,
                        }
                    }).unwrap_or_default(),
                    p.outcome,
                    p.reason
                );
                // our hint on the error the reason quotes, on a line of its own (learnfix15)
                if let Some(h) = &p.hint {
                    let _ = writeln!(s, "    hint: {h}");
                }
                for (i, h) in p.hops.iter().enumerate() {
                    // a hop that ends where it is (a drop at a pod's interface or in kube-proxy's
                    // rules: from == to) is said as a place, not as a loop `pod:x -> pod:x`
                    // (corpus7 S5)
                    let place = if h.from == h.to { format!("at {}", h.from) } else { format!("{} -> {}", h.from, h.to) };
                    let _ = writeln!(s, "    {}. {place}  {}", i + 1, h.addresses(" -> ", " => "));
                    let _ = writeln!(s, "       {}", h.explanation);
                }
                // the page's caption note under the outcome (paths::entry_note): port-forward
                // from outside a ClusterIP, L4 behind a load balancer
                if let Some(n) = &p.note {
                    let _ = writeln!(s, "    note: {n}");
                }
                // an ExternalName path's Host/SNI catch, the page caption's words (fidfix20: qa3's
                // q/26, kubernetes/kubernetes#61226: it was on the page only)
                if let Some(n) = super::layout::external_name_host_note(p) {
                    let _ = writeln!(s, "    note: {n}");
                }
                // the NetworkPolicy rules that admit it (core::netpol::apply_to_paths; learnfix14)
                if let Some(a) = &p.allowed_by {
                    let _ = writeln!(s, "    policy: {a}");
                }
            }
        }
        if !self.diagnostics.is_empty() {
            let _ = writeln!(s);
            let _ = writeln!(s, "Diagnostics:");
            for d in self.diagnostics.iter() {
                let sev = match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Info => "info",
                };
                let _ = writeln!(
                    s,
                    "  {}:{}: {sev}: {}{}",
                    d.line,
                    d.column,
                    d.object.as_ref().map(|o| format!("{o}: ")).unwrap_or_default(),
                    d.message
                );
                // our hint on a line of its own: the line above is Kubernetes' words alone
                if let Some(h) = &d.hint {
                    let _ = writeln!(s, "      hint: {h}");
                }
            }
        }
        s
    }

    fn cloud_on(&self) -> bool {
        self.cluster.cloud
    }
}

/// A count with its noun in the right number, "1 endpoint" / "2 endpoints": page and CLI text
/// never print "2 hop(s)" (teachfix9). Kubernetes' own messages quoted verbatim keep their
/// "(s)" (the scheduler's "1 node(s) didn't match Pod's node affinity/selector").
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// `one` when `n` is 1, else `many`: a verb that agrees with a [`count`] ("is"/"are").
pub fn agree<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

//! The manifest model: typed Kubernetes objects read from the YAML tree, each keeping its
//! source tree so any field path can be turned back into a line:column.
//!
//! Decoding follows what the API server's JSON decoder accepts: a field of the wrong type is an
//! error on that field (the API server rejects the whole object), unknown fields are ignored.

use std::fmt::Write as _;
use std::fmt::Display;
use super::diag::{quote, Diagnostic, ErrorType, Severity};
use super::yaml::{Node, NodeKind, Pos, Value};

/// IntOrString (k8s.io/apimachinery/pkg/util/intstr).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(untagged)]
pub enum IntOrString {
    Int(i64),
    Str(String),
}

impl std::fmt::Display for IntOrString {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IntOrString::Int(i) => write!(f, "{i}"),
            IntOrString::Str(s) => write!(f, "{s}"),
        }
    }
}

pub type Labels = Vec<(String, String)>;

/// `app=web,tier=fe` (with `sep` between pairs).
pub fn labels_text(l: &[(String, String)], sep: &str) -> String {
    l.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(sep)
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    pub name: String,
    pub namespace: String,
    /// namespace was given in the manifest (not defaulted)
    pub namespace_set: bool,
    pub labels: Labels,
    pub deleting: bool,
    /// metadata.ownerReferences: (kind, name) of the controllers that own this object
    pub owners: Vec<(String, String)>,
    /// one of metadata.ownerReferences has `controller: true` (metav1.GetControllerOf): a
    /// controller owns it, so no other adopts it (pkg/controller/controller_ref_manager.go ClaimObject)
    pub controlled: bool,
    /// what ValidateAnnotations refuses (read once here, where the annotations are): a key
    /// that is not a qualified name with its message, or (None) a total over 256 KiB
    pub annotation_errors: Option<Box<[AnnotationError]>>,
    /// a cluster printed it (`kubectl get -o yaml`): metadata has a uid or resourceVersion
    /// (read once here: [`Object::dumped`] is asked of every object on every keystroke)
    pub dumped: bool,
    /// metadata.uid as written, when a non-empty string (read once here: mod.rs
    /// replaced_objects compares the uids of every object defined twice on each keystroke)
    pub uid: Option<String>,
}

/// A key ValidateAnnotations refuses with its message, or (None) the total size over the limit.
pub type AnnotationError = (Option<String>, String);

/// ValidateAnnotations (k8s.io/apimachinery pkg/api/validation/objectmeta.go): each key is a
/// qualified name once lower-cased, and keys plus values total at most
/// TotalAnnotationSizeLimitB (256 KiB).
fn annotation_errors(a: Option<&Node>) -> Option<Box<[AnnotationError]>> {
    let a = a.filter(|n| matches!(n.kind, NodeKind::Map(_)))?;
    let mut out = Vec::new();
    let mut total = 0usize;
    // (a repeated key is its last value, as kubectl sends it)
    for (k, v) in a.last_entries() {
        let Some(key) = k.as_str() else { continue };
        total += key.len() + v.as_str().map_or(0, str::len);
        for m in super::names::qualified_name(&key.to_ascii_lowercase()) {
            out.push((Some(key.to_string()), m));
        }
    }
    if total > 256 * 1024 {
        out.push((None, String::new()));
    }
    (!out.is_empty()).then(|| out.into_boxed_slice())
}

#[derive(Debug, Clone, PartialEq)]
pub struct ServicePort {
    pub name: Option<String>,
    pub protocol: Option<String>,
    pub port: i64,
    pub target_port: Option<IntOrString>,
    pub node_port: Option<i64>,
    pub app_protocol: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ServiceSpec {
    pub type_: Option<String>,
    pub cluster_ip: Option<String>,
    pub cluster_ips: Vec<String>,
    pub selector: Option<Labels>,
    pub ports: Vec<ServicePort>,
    pub external_name: Option<String>,
    pub external_ips: Vec<String>,
    pub external_traffic_policy: Option<String>,
    pub internal_traffic_policy: Option<String>,
    pub session_affinity: Option<String>,
    pub session_affinity_timeout: Option<i64>,
    pub session_affinity_config_set: bool,
    pub publish_not_ready_addresses: bool,
    pub allocate_load_balancer_node_ports: Option<bool>,
    pub health_check_node_port: Option<i64>,
    pub load_balancer_class: Option<String>,
    pub load_balancer_source_ranges: Vec<String>,
    /// spec.trafficDistribution
    pub traffic_distribution: Option<String>,
    /// metadata.annotations[service.beta.kubernetes.io/load-balancer-source-ranges] (validated
    /// only: kube-proxy filters by the field)
    pub source_ranges_annotation: Option<String>,
    /// metadata.annotations has service.kubernetes.io/topology-aware-hints (deprecated: a warning)
    pub topology_aware_hints_annotation: bool,
    /// topology-aware routing asked for by annotation: service.kubernetes.io/topology-aware-hints
    /// (first) or service.kubernetes.io/topology-mode is "Auto" or "auto" (k8s.io/endpointslice
    /// reconciler.go hintsEnabled)
    pub topology_hints_auto: bool,
    /// that annotation as written (`service.kubernetes.io/topology-aware-hints: auto`), when
    /// [`Self::topology_hints_auto`]
    pub topology_hints_annotation: Option<String>,
    /// metadata.annotations service.kubernetes.io/topology-mode, when
    /// service.kubernetes.io/topology-aware-hints is written too with another value
    /// (ValidateService refuses it, review22)
    pub topology_mode_mismatch: Option<String>,
    /// spec.loadBalancerIP (read for GetWarningsForService only)
    pub load_balancer_ip: Option<String>,
    pub ip_families: Vec<String>,
    pub ip_family_policy: Option<String>,
    /// status.loadBalancer.ingress[].ip / hostname
    pub lb_ingress: Vec<String>,
    /// the ingress IPs with ipMode: Proxy (kube-proxy writes no rule for them:
    /// pkg/proxy/serviceport.go newBaseServiceInfo, `!proxyutil.IsVIPMode(ing)`)
    pub lb_ingress_proxy: Vec<String>,
}

#[derive(Clone, PartialEq)]
pub struct ContainerPort {
    pub name: Option<String>,
    pub container_port: i64,
    pub protocol: Option<String>,
    /// hostPort (0/absent: none)
    pub host_port: Option<i64>,
    /// hostIP (absent: none; part of what makes a host port unique, AccumulateUniqueHostPorts)
    pub host_ip: Option<String>,
}

/// Written out so that `host_port` shows only when set: the simulated pod-template-hash (and so
/// the pod names) is computed from the template's Debug form (cluster.rs template_hash_src).
impl std::fmt::Debug for ContainerPort {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut d = f.debug_struct("ContainerPort");
        d.field("name", &self.name).field("container_port", &self.container_port).field("protocol", &self.protocol);
        if self.host_port.is_some() {
            d.field("host_port", &self.host_port);
        }
        if self.host_ip.is_some() {
            d.field("host_ip", &self.host_ip);
        }
        d.finish()
    }
}

#[derive(Clone, PartialEq)]
pub struct Container {
    pub name: String,
    pub ports: Vec<ContainerPort>,
    /// init container with restartPolicy: Always (a sidecar)
    pub sidecar: bool,
    /// what the kubelet's probes change (see [`ContainerProbes`]), boxed: most containers
    /// have none of it, and a 10,000-pod dump holds every container twice (issue #12). None when
    /// all are unset: read with `probes()`
    pub(crate) probes: Option<Box<ContainerProbes>>,
}

/// A container's rarely set facts (`Container::probes`): what its probes change, and the
/// addresses a NodeLocal DNSCache container intercepts (qa9), boxed together (mem16).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContainerProbes {
    /// a readiness or startup probe (its field name) whose httpGet / tcpSocket port is a name
    /// this container does not declare (nor a number in quotes): the kubelet cannot resolve it
    /// (pkg/probe/util.go ResolveContainerPort → findPortByName: "port %s not found"), so the
    /// probe errors every time, none succeeds, and the pod is never Ready
    pub unresolved_probe_port: Option<(String, String)>,
    /// a livenessProbe whose httpGet / tcpSocket port is a name this container does not declare
    /// (the name; fidfix20, qa3's q/33): every liveness probe errors as above, and
    /// pkg/kubelet/prober/worker.go doProbe throws an errored result away, so the liveness
    /// result stays at its initial Success and the container is never restarted by it
    /// (fidfix21 corrected fidfix20's restart: cluster::liveness_restarts)
    pub unresolved_liveness_port: Option<String>,
    /// the readinessProbe's initialDelaySeconds when above 0 (fidfix21, qa4 19): the kubelet's
    /// readiness worker starts at Failure and does not probe for that long after the container
    /// starts (pkg/kubelet/prober/worker.go newWorker `initialValue = results.Failure`, doProbe
    /// "Probe disabled for InitialDelaySeconds"), so the pod is not Ready for at least that long
    pub readiness_initial_delay: Option<i64>,
    /// the startupProbe's (initialDelaySeconds, periodSeconds, failureThreshold), defaulted
    /// (pkg/apis/core/v1/defaults.go SetDefaults_Probe: period 10, failureThreshold 3), when its
    /// initialDelaySeconds is above 0 (fidfix22): the kubelet runs no readiness probe and counts
    /// the container not Ready until the startup probe succeeds (pkg/kubelet/prober/worker.go
    /// doProbe "Disable other probes until container has started"; prober_manager.go
    /// UpdatePodStatus sets Ready only `if started`), which is no sooner than initialDelaySeconds
    /// ("Probe disabled for InitialDelaySeconds")
    pub startup_probe: Option<(i64, i64, i64)>,
    /// the addresses a NodeLocal DNSCache container (k8s-dns-node-cache) binds and intercepts:
    /// its `-localip` list (kubernetes/dns cmd/node-cache/main.go parseAndValidateFlags), kept
    /// only when it sets up its interface and iptables rules (`-setupinterface`,
    /// `-setupiptables`, both true by default). cmd/node-cache/app/cache_app.go initIptables
    /// adds a raw-table NOTRACK rule for each address on port 53, so a pod's query to one of
    /// them skips conntrack — and with it kube-proxy's DNAT — and is answered by the node's own
    /// cache (qa9 10). Empty for any other container
    pub node_local_dns: Vec<String>,
}

static NO_PROBES: ContainerProbes = ContainerProbes { unresolved_probe_port: None, unresolved_liveness_port: None, readiness_initial_delay: None, startup_probe: None, node_local_dns: Vec::new() };

impl Container {
    /// the probe facts (all None when the container has none) and `node_local_dns`
    pub fn probes(&self) -> &ContainerProbes {
        self.probes.as_deref().unwrap_or(&NO_PROBES)
    }
}

/// Debug as derived, leaving out `unresolved_probe_port` when None (and
/// `unresolved_liveness_port` always): a template's Debug text is
/// the input of its pod-template-hash (cluster::template_hash_src), which must not move.
impl std::fmt::Debug for Container {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut d = f.debug_struct("Container");
        d.field("name", &self.name).field("ports", &self.ports).field("sidecar", &self.sidecar);
        if let Some(p) = &self.probes().unresolved_probe_port {
            d.field("unresolved_probe_port", p);
        }
        // (unresolved_liveness_port, readiness_initial_delay, startup_probe: never; the pod names of a template
        // with one must not move)
        d.finish()
    }
}

/// What the API server's container validation reads of one entry of `containers` or
/// `initContainers` (validateContainerCommon and friends); resolution uses [`Container`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContainerCheck {
    /// an entry of `initContainers` (else of `containers`), and its index there
    pub init: bool,
    pub index: usize,
    /// a plain init container's name (a container's or sidecar's is in [`Container::name`])
    pub name: String,
    /// `image` is set and not empty
    pub image: bool,
    /// the image as written when it has leading or trailing whitespace (a Pod refuses it)
    pub image_padded: Option<Box<str>>,
    pub pull_policy: Option<String>,
    pub restart_policy: Option<String>,
    /// the ports of a plain init container (those of containers and sidecars are in
    /// [`PodSpec::containers`] / [`PodSpec::sidecars`], not kept twice)
    pub ports: Vec<ContainerPort>,
    /// resources.requests of cpu (millicores) and memory (bytes), a limit standing in for a
    /// missing request (SetDefaults_Pod); 0 when not set or not a quantity
    pub requests: Resources,
    /// what ValidateResourceRequirements refuses in `resources` (None: nothing; read once here,
    /// where the quantities' texts are)
    pub resource_errors: Option<Box<[ResourceError]>>,
}

/// One error of ValidateResourceRequirements: the field under the container (`resources.requests`,
/// `resources.limits[cpu]`), the value as Quantity.String() shows it (None: a Required error), and
/// the detail.
#[derive(Debug, Clone, PartialEq)]
pub struct ResourceError {
    pub field: String,
    pub value: Option<String>,
    pub detail: String,
}

/// pkg/apis/core/helper/helpers.go standardResources (IsStandardResourceName, besides
/// hugepages-* and requests.hugepages-*).
const STANDARD_RESOURCES: &[&str] = &[
    "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory", "requests.ephemeral-storage", "limits.cpu", "limits.memory",
    "limits.ephemeral-storage", "pods", "services", "replicationcontrollers", "resourcequotas", "secrets", "configmaps",
    "persistentvolumeclaims", "storage", "requests.storage", "services.nodeports", "services.loadbalancers",
];

/// ValidateResourceRequirements (pkg/apis/core/validation/validation.go) on one container's
/// `resources`: every quantity non-negative (ValidateResourceQuantityValue →
/// ValidateNonnegativeQuantity), a request at most its limit, and for resources that may not be
/// overcommitted (helper.IsOvercommitAllowed: extended resources — a `/` without `kubernetes.io/` —
/// and hugepages-*) a request equal to its limit and a limit whenever a request is set.
fn resource_checks(c: &Node) -> Option<Box<[ResourceError]>> {
    let res = c.get("resources")?;
    let entries = |which: &str| -> Vec<(String, super::quantity::Quantity)> {
        let Some(m) = res.get(which).filter(|n| matches!(n.kind, NodeKind::Map(_))) else { return Vec::new() };
        m.last_entries().filter_map(|(k, v)| Some((k.as_str()?.to_string(), super::quantity::of_node(v)?))).collect()
    };
    let (limits, requests) = (entries("limits"), entries("requests"));
    let mut out = Vec::new();
    // validateContainerResourceName, on every key of limits then requests
    for which in ["limits", "requests"] {
        let Some(m) = res.get(which).filter(|n| matches!(n.kind, NodeKind::Map(_))) else { continue };
        for (k, _) in m.last_entries() {
            let Some(name) = k.as_str() else { continue };
            let bad = |detail: String| ResourceError { field: format!("resources.{which}[{name}]"), value: Some(name.to_string()), detail };
            out.extend(container_resource_name_errors(name).into_iter().map(bad));
        }
    }
    let overcommit = |name: &str| (!name.contains('/') || name.contains("kubernetes.io/")) && !name.starts_with("hugepages-");
    for (which, list) in [("limits", &limits), ("requests", &requests)] {
        for (name, q) in list.iter() {
            if q.is_negative() {
                out.push(ResourceError { field: format!("resources.{which}[{name}]"), value: Some(q.to_go_string()), detail: "must be greater than or equal to 0".into() });
            }
            // ValidateResourceQuantityValue: an integer resource (helper.IsIntegerResourceName:
            // extended resources such as nvidia.com/gpu) is a whole number (isNotIntegerErrorMsg)
            if super::quota::integer_resource(name) && !q.is_whole() {
                out.push(ResourceError { field: format!("resources.{which}[{name}]"), value: Some(q.to_go_string()), detail: "must be an integer".into() });
            }
        }
    }
    for (name, q) in &requests {
        match limits.iter().find(|(n, _)| n == name) {
            Some((_, limit)) => {
                let ord = q.cmp_value(limit);
                let detail = if !overcommit(name) && ord != std::cmp::Ordering::Equal {
                    format!("must be equal to {name} limit of {}", limit.to_go_string())
                } else if ord == std::cmp::Ordering::Greater {
                    format!("must be less than or equal to {name} limit of {}", limit.to_go_string())
                } else {
                    continue;
                };
                out.push(ResourceError { field: "resources.requests".into(), value: Some(q.to_go_string()), detail });
            }
            None if !overcommit(name) => {
                out.push(ResourceError { field: "resources.limits".into(), value: None, detail: "Limit must be set for non overcommitable resources".into() })
            }
            None => {}
        }
    }
    // then: hugepages (helper.IsHugePageResourceName) among the limits or requests need cpu or
    // memory among them — field.Forbidden(fldPath, "HugePages require cpu or memory"), on
    // `resources` itself (value None, field `resources`: core::cluster prints it Forbidden)
    let names = || limits.iter().chain(requests.iter()).map(|(n, _)| n.as_str());
    if names().any(|n| n.starts_with("hugepages-")) && !names().any(|n| n == "cpu" || n == "memory") {
        out.push(ResourceError { field: "resources".into(), value: None, detail: "HugePages require cpu or memory".into() });
    }
    (!out.is_empty()).then(|| out.into_boxed_slice())
}

/// validateResourceName (pkg/apis/core/validation): a qualified name, and only if it is one:
/// without a `/`, a standard resource (helper.IsStandardResourceName, hugepages-* and
/// requests.hugepages-* included).
pub(crate) fn resource_name_errors(name: &str) -> Vec<String> {
    let qualified = super::names::qualified_name(name);
    if !qualified.is_empty() {
        return qualified;
    }
    let standard = STANDARD_RESOURCES.contains(&name) || name.starts_with("hugepages-") || name.starts_with("requests.hugepages-");
    if !name.contains('/') && !standard {
        return vec!["must be a standard resource type or fully qualified".into()];
    }
    Vec::new()
}

/// helper.IsExtendedResourceName: not native (a `/`, not in `kubernetes.io/`), not
/// `requests.`-prefixed, and `requests.<name>` a qualified name.
pub(crate) fn extended_resource(name: &str) -> bool {
    name.contains('/') && !name.contains("kubernetes.io/") && !name.starts_with("requests.") && super::names::qualified_name(&format!("requests.{name}")).is_empty()
}

/// validateContainerResourceName: [`resource_name_errors`], then — whatever it said — without
/// a `/` a standard container resource (helper.IsStandardContainerResourceName: cpu, memory,
/// ephemeral-storage, hugepages-*), with one a native resource (helper.IsNativeResource: in
/// `kubernetes.io/`) or an extended one.
pub(crate) fn container_resource_name_errors(name: &str) -> Vec<String> {
    let mut out = resource_name_errors(name);
    if !name.contains('/') {
        if !(matches!(name, "cpu" | "memory" | "ephemeral-storage") || name.starts_with("hugepages-")) {
            out.push("must be a standard resource for containers".into());
        }
    } else if !name.contains("kubernetes.io/") && !extended_resource(name) {
        out.push("doesn't follow extended resource name standard".into());
    }
    out
}

/// CPU in millicores, memory in bytes (resource.Quantity MilliValue / Value: rounded up).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Resources {
    pub milli_cpu: u64,
    pub memory: u64,
}

/// A resource.Quantity (k8s.io/apimachinery pkg/api/resource/quantity.go ParseQuantity:
/// `<signedNumber><suffix>`, suffixes Ki Mi Gi Ti Pi Ei, n u m k M G T P E, or an exponent
/// e/E<n>) times `scale` (1000 for a milli value), rounded up; None when it does not parse or is
/// negative.
pub fn quantity(s: &str, scale: u128) -> Option<u64> {
    let s = s.trim();
    let s = s.strip_prefix('+').unwrap_or(s);
    let end = s.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(s.len());
    let (num, suffix) = s.split_at(end);
    if num.is_empty() || num == "." || num.matches('.').count() > 1 {
        return None;
    }
    let (int, frac) = num.split_once('.').unwrap_or((num, ""));
    // the number as digits / 10^frac_len
    let digits: String = format!("{int}{frac}");
    let mut value: u128 = digits.parse().ok().filter(|_| digits.len() <= 30)?;
    let mut den: u128 = 10u128.checked_pow(frac.len() as u32)?;
    let (mul, exp10): (u128, i32) = match suffix {
        "" => (1, 0),
        "Ki" => (1 << 10, 0),
        "Mi" => (1 << 20, 0),
        "Gi" => (1 << 30, 0),
        "Ti" => (1 << 40, 0),
        "Pi" => (1 << 50, 0),
        "Ei" => (1 << 60, 0),
        "n" => (1, -9),
        "u" => (1, -6),
        "m" => (1, -3),
        "k" => (1, 3),
        "M" => (1, 6),
        "G" => (1, 9),
        "T" => (1, 12),
        "P" => (1, 15),
        "E" => (1, 18),
        e if e.starts_with(['e', 'E']) => (1, e[1..].parse::<i32>().ok().filter(|x| x.abs() <= 30)?),
        _ => return None,
    };
    value = value.checked_mul(mul)?.checked_mul(scale)?;
    if exp10 >= 0 {
        value = value.checked_mul(10u128.checked_pow(exp10 as u32)?)?;
    } else {
        den = den.checked_mul(10u128.checked_pow((-exp10) as u32)?)?;
    }
    u64::try_from(value.div_ceil(den)).ok()
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PodSpec {
    /// every container and init container as validation sees it (not in the template hash)
    pub checks: Vec<ContainerCheck>,
    /// spec.dnsPolicy as written (None: ClusterFirst, written or defaulted)
    pub dns_policy: Option<String>,
    /// spec.dnsConfig: None when absent, else how many nameservers it lists
    pub dns_config_nameservers: Option<usize>,
    /// spec.dnsConfig as the kubelet merges it into the pod's resolv.conf (core::dnsquery)
    pub dns_config: Option<Box<super::dnsquery::DnsConf>>,
    pub containers: Vec<Container>,
    /// restartable init containers (sidecars), searched after containers by FindPort
    pub sidecars: Vec<Container>,
    pub node_name: Option<String>,
    /// spec.schedulerName (None: default-scheduler, written or defaulted)
    pub scheduler_name: Option<String>,
    pub hostname: Option<String>,
    pub subdomain: Option<String>,
    /// spec.tolerations
    pub tolerations: Vec<Toleration>,
    /// spec.nodeSelector (None when absent; `{}` is Some(empty))
    pub node_selector: Option<Labels>,
    /// spec.hostNetwork
    pub host_network: bool,
    /// the scheduling fields most pods leave unset (affinity, topology spread, readiness gates,
    /// activeDeadlineSeconds), boxed so that a PodSpec without them stays small (issue #12: the
    /// 10,000-pod dump keeps every pod's spec twice, in its Object and its template-sized Body).
    /// None when all are unset: read them with `sched()`, write with `sched_mut()`
    pub(crate) sched: Option<Box<PodScheduling>>,
    /// spec.restartPolicy as written (None: defaulted to Always)
    pub restart_policy: Option<String>,
}

/// PodSpec's rarely set scheduling fields (see `PodSpec::sched`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PodScheduling {
    /// spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms
    /// (None when requiredDuringScheduling… is absent)
    pub required_node_affinity: Option<Vec<NodeSelectorTerm>>,
    /// spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution as (weight,
    /// preference): only validated (ValidatePreferredSchedulingTerms); they score, and scoring
    /// is not modelled
    pub preferred_node_affinity: Vec<(i64, NodeSelectorTerm)>,
    /// spec.activeDeadlineSeconds (validated: a positive int32 on any pod, forbidden in a
    /// controller's template)
    pub active_deadline_seconds: Option<i64>,
    /// spec.readinessGates[].conditionType
    pub readiness_gates: Vec<String>,
    /// spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution
    pub required_pod_affinity: Vec<PodAffinityTerm>,
    /// spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution
    pub required_pod_anti_affinity: Vec<PodAffinityTerm>,
    /// preferredDuringSchedulingIgnoredDuringExecution of podAffinity / podAntiAffinity: only
    /// validated (weight, term); they score, and scoring is not modelled
    pub preferred_pod_affinity: Vec<(i64, PodAffinityTerm)>,
    pub preferred_pod_anti_affinity: Vec<(i64, PodAffinityTerm)>,
    /// spec.topologySpreadConstraints
    pub topology_spread: Vec<TopologySpreadConstraint>,
}

static NO_SCHEDULING: PodScheduling = PodScheduling {
    required_node_affinity: None,
    preferred_node_affinity: Vec::new(),
    active_deadline_seconds: None,
    readiness_gates: Vec::new(),
    required_pod_affinity: Vec::new(),
    required_pod_anti_affinity: Vec::new(),
    preferred_pod_affinity: Vec::new(),
    preferred_pod_anti_affinity: Vec::new(),
    topology_spread: Vec::new(),
};

impl PodSpec {
    /// the scheduling fields (all empty when none was written)
    pub fn sched(&self) -> &PodScheduling {
        self.sched.as_deref().unwrap_or(&NO_SCHEDULING)
    }

    /// the scheduling fields, to write (boxes them on first use)
    pub fn sched_mut(&mut self) -> &mut PodScheduling {
        self.sched.get_or_insert_with(Default::default)
    }

    /// the scheduling fields, to write, when any is set (boxes nothing)
    pub fn sched_if_set_mut(&mut self) -> Option<&mut PodScheduling> {
        self.sched.as_deref_mut()
    }

    /// keeps `sched` None when every scheduling field is unset, so that two specs that differ
    /// only in having written nothing compare equal
    fn set_sched(&mut self, sched: PodScheduling) {
        self.sched = (sched != NO_SCHEDULING).then(|| Box::new(sched));
    }
}

/// core/v1 TopologySpreadConstraint.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TopologySpreadConstraint {
    pub max_skew: i64,
    pub topology_key: String,
    pub when_unsatisfiable: String,
    pub label_selector: Option<LabelSelector>,
    pub min_domains: Option<i64>,
    pub match_label_keys: Vec<String>,
    /// nodeAffinityPolicy (None: Honor) / nodeTaintsPolicy (None: Ignore)
    pub node_affinity_policy: Option<String>,
    pub node_taints_policy: Option<String>,
}

/// metav1.LabelSelector: matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LabelSelector {
    pub match_labels: Labels,
    pub match_expressions: Vec<NodeSelectorRequirement>,
}

/// core/v1 PodAffinityTerm (required terms only: preferred ones only score).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PodAffinityTerm {
    /// None: no labelSelector, which selects no pod (LabelSelectorAsSelector(nil) = Nothing)
    pub label_selector: Option<LabelSelector>,
    pub namespaces: Vec<String>,
    pub namespace_selector: Option<LabelSelector>,
    pub topology_key: String,
    /// matchLabelKeys / mismatchLabelKeys: merged into the label selector from the pod's own
    /// labels when the pod is created (applyMatchLabelKeysAndMismatchLabelKeys)
    pub match_label_keys: Vec<String>,
    pub mismatch_label_keys: Vec<String>,
}

/// core/v1 Toleration. Empty strings stand for absent fields, as in the Go struct.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Toleration {
    pub key: String,
    pub operator: String,
    pub value: String,
    pub effect: String,
    pub toleration_seconds: Option<i64>,
}

/// core/v1 Taint (spec.taints of a Node).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Taint {
    pub key: String,
    pub value: String,
    pub effect: String,
}

/// core/v1 NodeSelectorRequirement.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NodeSelectorRequirement {
    pub key: String,
    pub operator: String,
    pub values: Vec<String>,
}

/// core/v1 NodeSelectorTerm: matchExpressions (node labels) and matchFields (metadata.name).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NodeSelectorTerm {
    pub match_expressions: Vec<NodeSelectorRequirement>,
    pub match_fields: Vec<NodeSelectorRequirement>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PodStatus {
    pub phase: Option<String>,
    pub pod_ip: Option<String>,
    /// status.podIPs' address of the other family (a dual-stack pod: podIPs[1])
    pub pod_ip_other: Option<String>,
    /// condition Ready: Some(true/false) when present
    pub ready: Option<bool>,
    /// a status block was present at all
    pub present: bool,
    /// condition PodScheduled False: its message (the scheduler's FailedScheduling words), or
    /// its reason when there is no message
    pub unschedulable: Option<String>,
    /// the first container status that is waiting (CrashLoopBackOff, ImagePullBackOff, …) or
    /// terminated, in the kubelet's words: "container web: CrashLoopBackOff, restarted 5 times,
    /// last exit code 1 (Error)"
    pub container_state: Option<String>,
    /// status.hostIP: the node's address, as the kubelet reported it (IPv4 or IPv6)
    pub host_ip: Option<std::net::IpAddr>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Workload {
    pub replicas: Option<i64>,
    pub match_labels: Option<Labels>,
    /// spec.selector is present (possibly empty) / its matchExpressions as written (a Job's
    /// too; a ReplicationController's selector is a plain map: none)
    pub selector_set: bool,
    pub match_expressions: Vec<NodeSelectorRequirement>,
    /// StatefulSet spec.ordinals.start (getStartOrdinal; 0 when unset)
    pub start_ordinal: i64,
    pub template_labels: Labels,
    pub template: PodSpec,
    pub service_name: Option<String>,
    /// spec.template is present (a ReplicationController's template is a pointer: nil is
    /// `spec.template: Required value`)
    pub has_template: bool,
    /// StatefulSet spec.podManagementPolicy as written (None: defaulted to OrderedReady)
    pub pod_management_policy: Option<String>,
    /// a batch/v1 Job's own fields (None for the apps kinds)
    pub job: Option<Box<JobSpec>>,
    /// what the controller last wrote in status, as (ready, replicas): readyReplicas/replicas
    /// (Deployment, ReplicaSet, StatefulSet, ReplicationController), numberReady/
    /// desiredNumberScheduled (DaemonSet), ready/active (Job); an absent count is 0 (the API
    /// types' omitempty). None without a status that states either
    pub status: Option<(i64, i64)>,
}

/// [`Workload::status`]: read quietly (a dump's status is not validated: the API server ignores
/// it on create).
fn workload_status(root: &Node, kind: &str) -> Option<(i64, i64)> {
    let (ready, total) = match kind {
        "DaemonSet" => ("numberReady", "desiredNumberScheduled"),
        "Job" => ("ready", "active"),
        _ => ("readyReplicas", "replicas"),
    };
    let status = root.get("status")?;
    let count = |k: &str| match status.get(k).map(|n| &n.kind) {
        Some(NodeKind::Scalar { value: Value::Int(i), .. }) => Some(*i),
        _ => None,
    };
    let (r, t) = (count(ready), count(total));
    (r.is_some() || t.is_some()).then(|| (r.unwrap_or(0), t.unwrap_or(0)))
}

/// What a batch/v1 Job adds to a workload (k8s.io/api batch/v1 JobSpec, JobStatus), as written:
/// SetDefaults_Job (pkg/apis/batch/v1/defaults.go) is applied where it is used.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JobSpec {
    /// metadata.uid as written (a dumped Job's), or the stand-in for the one the API server
    /// assigns on create (rest.FillObjectMetaSystemFields): the controller-uid labels carry it
    pub uid: String,
    pub parallelism: Option<i64>,
    pub completions: Option<i64>,
    pub completion_mode: Option<String>,
    pub suspend: bool,
    pub manual_selector: bool,
    pub active_deadline_seconds: Option<i64>,
    pub backoff_limit: Option<i64>,
    pub ttl_seconds_after_finished: Option<i64>,
    pub backoff_limit_per_index: Option<i64>,
    pub max_failed_indexes: Option<i64>,
    /// spec.managedBy: another controller than kubernetes.io/job-controller runs it
    pub managed_by: Option<String>,
    /// spec.selector's matchExpressions (its matchLabels, merged with the generated key, are
    /// the workload's `match_labels`)
    pub match_expressions: Vec<NodeSelectorRequirement>,
    /// status.succeeded, status.completedIndexes, and a Complete/Failed condition with status True
    pub succeeded: i64,
    pub completed_indexes: Option<String>,
    pub finished: Option<String>,
}

/// The four labels the API server puts on a Job's pod template when it generates the selector
/// (pkg/registry/batch/job/strategy.go generateSelector: `job-name`, `batch.kubernetes.io/job-name`,
/// `controller-uid`, `batch.kubernetes.io/controller-uid`; a key already written is kept as written,
/// validation then checks its value).
pub const JOB_LABELS: [(&str, bool); 4] =
    [("controller-uid", true), ("job-name", false), ("batch.kubernetes.io/controller-uid", true), ("batch.kubernetes.io/job-name", false)];

/// A stand-in for the uid the API server gives a new object: shaped like one (RFC 4122 version 4),
/// and the same for the same namespace/name so that a shared scene looks the same everywhere.
pub fn simulated_uid(namespace: &str, name: &str) -> String {
    let a = super::config::fnv(&format!("{namespace}/{name}/uid"));
    let b = super::config::fnv(&format!("{namespace}/{name}/uid/2"));
    format!(
        "{:08x}-{:04x}-4{:03x}-{:x}{:03x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        8 + (b >> 62),
        (b >> 48) & 0xfff,
        b & 0xffff_ffff_ffff
    )
}

#[derive(Debug, Clone, PartialEq)]
pub struct EndpointAddress {
    pub ip: String,
    pub node_name: Option<String>,
    pub target: Option<String>,
    pub hostname: Option<String>,
    pub ready: bool,
    pub serving: bool,
    pub terminating: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EndpointPort {
    pub name: Option<String>,
    pub port: i64,
    pub protocol: String,
}

/// Manual Endpoints (one subset) or an EndpointSlice, normalised.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointSet {
    pub service: String,
    pub addresses: Vec<EndpointAddress>,
    pub ports: Vec<EndpointPort>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct NodeInfo {
    pub internal_ip: Option<String>,
    /// a dual-stack node's InternalIP of the other family (kubelet --node-ip a,b)
    pub internal_ip_other: Option<String>,
    pub external_ip: Option<String>,
    pub pod_cidr: Option<String>,
    /// spec.podCIDRs' range of the other family than the first (a dual-stack cluster's node:
    /// the node IPAM controller allocates one per --cluster-cidr)
    pub pod_cidr_other: Option<String>,
    pub ready: Option<bool>,
    /// status of the Ready condition as written ("True", "False", "Unknown")
    pub ready_status: Option<String>,
    /// status.conditions as (type, status), in order
    pub conditions: Vec<(String, String)>,
    /// spec.taints
    pub taints: Vec<Taint>,
    /// spec.unschedulable (cordoned)
    pub unschedulable: bool,
    /// status.allocatable: cpu (millicores), memory (bytes), pods — each None when not written
    /// (not checked: a running kubelet always reports all three)
    pub allocatable: [Option<u64>; 3],
}

#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    Service(ServiceSpec),
    Pod(PodSpec, PodStatus),
    Workload(Workload),
    Endpoints(Vec<EndpointSet>),
    EndpointSlice(EndpointSet),
    Node(NodeInfo),
    Namespace,
    Ingress(Box<super::ingress::IngressSpec>),
    NetworkPolicy(Box<super::netpol::NetworkPolicySpec>),
    /// autoscaling/v1|v2 HorizontalPodAutoscaler: what bounds its target's replicas
    Autoscaler(Autoscaler),
    /// policy/v1 PodDisruptionBudget: what an eviction (kubectl drain) must leave running
    DisruptionBudget(DisruptionBudget),
    /// a Gateway API object whose routing is followed (core::gateway): HTTPRoute, GRPCRoute,
    /// Gateway, ReferenceGrant
    Gateway(Box<super::gateway::GatewayObject>),
}

/// A PodDisruptionBudget as the Eviction API reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct DisruptionBudget {
    /// spec.selector (None: selects no pod — policy/v1's null selector)
    pub selector: Option<LabelSelector>,
    pub min_available: Option<IntOrString>,
    pub max_unavailable: Option<IntOrString>,
}

/// A HorizontalPodAutoscaler as the replica count reads it: its target and bounds.
#[derive(Debug, Clone, PartialEq)]
pub struct Autoscaler {
    /// spec.scaleTargetRef kind and name
    pub target_kind: String,
    pub target_name: String,
    /// spec.minReplicas (SetDefaults_HorizontalPodAutoscaler: nil → 1)
    pub min_replicas: i64,
    pub max_replicas: i64,
}

/// One object as pasted.
#[derive(Debug, Clone, PartialEq)]
pub struct Object {
    pub kind: String,
    pub api_version: String,
    pub meta: Meta,
    pub body: Body,
    /// The object's own YAML tree (an item of a List is its own root).
    pub source: Node,
    /// the API server refuses the object (a field of the wrong type, an unknown field, a duplicate
    /// key, or a validation error of a kind whose objects do not otherwise fail): it does not exist
    pub refused: bool,
    /// What the Priority admission plugin computes for its pods from the PriorityClasses the
    /// input creates (value, preemptionPolicy): its priorityClassName's class, or with none the
    /// input's globalDefault class (core::podfields::resolve_priority_classes); None: from the
    /// system classes alone (core::podfields::computed_priority)
    pub(crate) input_priority: Option<(i64, &'static str)>,
}

impl Object {
    /// `Service/default/web`, or `Node/node-1` for cluster-scoped kinds.
    pub fn id(&self) -> String {
        object_id(&self.kind, &self.meta.namespace, &self.meta.name)
    }
    /// Where its pod spec is written: a Pod's `spec`, a workload's `spec.template.spec`.
    pub fn pod_spec_path(&self) -> Option<&'static str> {
        match self.body {
            Body::Pod(..) => Some("spec"),
            Body::Workload(_) => Some("spec.template.spec"),
            _ => None,
        }
    }
    /// Position of a field path such as `spec.ports[0].port` (nearest existing ancestor).
    pub fn pos(&self, path: &str) -> Pos {
        pos_at(&self.source, path)
    }
    /// A cluster printed it (`kubectl get -o yaml`): its metadata has a uid or resourceVersion.
    pub fn dumped(&self) -> bool {
        self.meta.dumped
    }
}

pub fn object_id(kind: &str, namespace: &str, name: &str) -> String {
    // cluster-scoped kinds (their namespace, if written, is dropped on create)
    if matches!(
        kind,
        "Node" | "Namespace" | "ClusterRole" | "ClusterRoleBinding" | "PersistentVolume" | "StorageClass" | "IngressClass" | "PriorityClass" | "CustomResourceDefinition"
    ) {
        format!("{kind}/{name}")
    } else {
        format!("{kind}/{namespace}/{name}")
    }
}

/// Walk `a.b[0].c` through the tree; return the position of the deepest node that exists.
pub fn pos_at(root: &Node, path: &str) -> Pos {
    let mut cur = root;
    for seg in path.split('.') {
        let (key, idx) = match seg.find('[') {
            Some(i) => (&seg[..i], seg[i + 1..].trim_end_matches(']').parse::<usize>().ok()),
            None => (seg, None),
        };
        if !key.is_empty() {
            match cur.get(key) {
                Some(n) => cur = n,
                None => return cur.pos,
            }
        }
        if let Some(i) = idx {
            match &cur.kind {
                NodeKind::Seq(items) if i < items.len() => cur = &items[i],
                _ => return cur.pos,
            }
        }
    }
    cur.pos
}

/// Reads typed fields out of one object's tree, reporting type errors as diagnostics.
pub struct Reader<'a> {
    pub obj: String,
    pub diags: &'a mut Vec<Diagnostic>,
}

impl Reader<'_> {
    fn type_error(&mut self, field: &dyn Display, n: &Node, want: &str) {
        let shown = match &n.kind {
            NodeKind::Scalar { value: Value::Str, text, .. } => quote(text),
            _ => n.text(),
        };
        let mut hint = String::new();
        if want == "a string" {
            if let NodeKind::Scalar { plain: true, value: Value::Bool(_) | Value::Int(_) | Value::Float(_), text, .. } = &n.kind {
                let read_as = if matches!(n.kind, NodeKind::Scalar { value: Value::Bool(_), .. }) { "a boolean" } else { "a number" };
                hint = format!("YAML reads unquoted {text} as {read_as}; quote it: \"{text}\"");
            }
        }
        self.diags.push(
            Diagnostic::invalid(&field.to_string(), n.pos, &shown, &format!("must be {want}, not {}; the API server rejects the object", article(n.type_name())))
                .code("TypeMismatch")
                .on(&self.obj)
                .hint(hint),
        );
    }
    /// A scalar field: null → None; `pick` accepts the value's YAML type or it is a type error.
    fn scalar<T>(&mut self, n: Option<&Node>, field: &dyn Display, want: &str, pick: impl Fn(&Value, &str) -> Option<T>) -> Option<T> {
        let n = n?;
        let picked = match &n.kind {
            NodeKind::Scalar { value: Value::Null, .. } => return None,
            NodeKind::Scalar { value, text, .. } => pick(value, text),
            _ => None,
        };
        if picked.is_none() {
            self.type_error(field, n, want);
        }
        picked
    }
    pub fn string(&mut self, n: Option<&Node>, field: &dyn Display) -> Option<String> {
        self.scalar(n, field, "a string", |v, text| match v {
            Value::Str => Some(text.to_string()),
            _ => None,
        })
    }
    pub fn int(&mut self, n: Option<&Node>, field: &dyn Display) -> Option<i64> {
        self.scalar(n, field, "an integer", |v, _| match v {
            Value::Int(i) => Some(*i),
            Value::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => Some(*f as i64),
            _ => None,
        })
    }
    pub fn boolean(&mut self, n: Option<&Node>, field: &dyn Display) -> Option<bool> {
        self.scalar(n, field, "a boolean", |v, _| match v {
            Value::Bool(b) => Some(*b),
            _ => None,
        })
    }
    pub fn int_or_string(&mut self, n: Option<&Node>, field: &dyn Display) -> Option<IntOrString> {
        self.scalar(n, field, "an integer or a string", |v, text| match v {
            Value::Int(i) => Some(IntOrString::Int(*i)),
            Value::Str => Some(IntOrString::Str(text.to_string())),
            _ => None,
        })
    }
    pub fn seq<'n>(&mut self, n: Option<&'n Node>, field: &dyn Display) -> &'n [Node] {
        match n {
            Some(Node { kind: NodeKind::Seq(items), .. }) => items,
            Some(n) if !n.is_null() => {
                self.type_error(field, n, "a list");
                &[]
            }
            _ => &[],
        }
    }
    pub fn map<'n>(&mut self, n: Option<&'n Node>, field: &dyn Display) -> Option<&'n Node> {
        match n {
            Some(m @ Node { kind: NodeKind::Map(_), .. }) => Some(m),
            Some(n) if !n.is_null() => {
                self.type_error(field, n, "an object");
                None
            }
            _ => None,
        }
    }
    /// map[string]string (labels, selectors).
    pub fn string_map(&mut self, n: Option<&Node>, field: &dyn Display) -> Option<Labels> {
        let m = self.map(n, field)?;
        let NodeKind::Map(entries) = &m.kind else { return None };
        // (its size known: no doubling past it — 10,000 pods' labels; perf10k, CLI peak memory)
        let mut out: Labels = Vec::with_capacity(entries.len());
        for (k, v) in entries {
            let key = match &k.kind {
                NodeKind::Scalar { text, .. } => text.as_str().to_owned(),
                _ => {
                    self.type_error(field, k, "a string key");
                    continue;
                }
            };
            let vfield = format_args!("{field}.{key}");
            if let Some(val) = self.string(Some(v), &vfield) {
                out.retain(|(kk, _)| kk != &key);
                out.push((key, val));
            } else if v.is_null() {
                out.retain(|(kk, _)| kk != &key);
                out.push((key, String::new()));
            }
        }
        Some(out)
    }
}

fn article(t: &str) -> String {
    match t {
        "integer" | "object" | "array" => format!("an {t}"),
        "null" => "null".into(),
        _ => format!("a {t}"),
    }
}

/// An object's metadata read off its tree, for a kind no [`Object`] is made of (ConfigMap,
/// Secret: validated in core::configdata); type errors were the strict decoder's already.
pub(crate) fn read_meta(root: &Node) -> Meta {
    let mut scratch = Vec::new();
    meta(&mut Reader { obj: String::new(), diags: &mut scratch }, root)
}

pub(crate) fn meta(r: &mut Reader, root: &Node) -> Meta {
    let m = r.map(root.get("metadata"), &"metadata");
    let name = r.string(m.and_then(|m| m.get("name")), &"metadata.name").unwrap_or_default();
    let ns = r.string(m.and_then(|m| m.get("namespace")), &"metadata.namespace");
    let labels = r.string_map(m.and_then(|m| m.get("labels")), &"metadata.labels").unwrap_or_default();
    let deleting = m.and_then(|m| m.get("deletionTimestamp")).is_some_and(|n| !n.is_null());
    let owners = r
        .seq(m.and_then(|m| m.get("ownerReferences")), &"metadata.ownerReferences")
        .iter()
        .filter_map(|o| Some((o.get("kind")?.as_str()?.to_string(), o.get("name")?.as_str()?.to_string())))
        .collect();
    let controlled = match m.and_then(|m| m.get("ownerReferences")).map(|r| &r.kind) {
        Some(NodeKind::Seq(refs)) => refs.iter().any(|o| o.get("controller").is_some_and(|c| matches!(c.kind, NodeKind::Scalar { value: Value::Bool(true), .. }))),
        _ => false,
    };
    Meta {
        owners,
        controlled,
        annotation_errors: annotation_errors(m.and_then(|m| m.get("annotations"))),
        name,
        namespace_set: ns.as_ref().is_some_and(|s| !s.is_empty()),
        namespace: ns.filter(|s| !s.is_empty()).unwrap_or_else(|| "default".into()),
        labels,
        deleting,
        dumped: m.is_some_and(printed_by_cluster),
        uid: m.and_then(|m| m.get("uid")?.as_str()).filter(|u| !u.is_empty()).map(str::to_string),
    }
}

/// A cluster printed the object whose `metadata` this is (`kubectl get -o yaml`): it has a uid or
/// a resourceVersion other than "0". The API server creates an object written with
/// `resourceVersion: "0"` (etcd3 store Create refuses only a non-zero version: "resourceVersion
/// should not be set on objects to be created"), and generated manifests carry it (kops' addon
/// manifests; corpus8 S3). [`crate::core`]'s re-apply and CRD checks also count a
/// creationTimestamp (`printed_by_cluster` there).
pub fn printed_by_cluster(meta: &Node) -> bool {
    let set = |k: &str| meta.get(k).is_some_and(|v| !v.is_null() && v.as_str() != Some("") && (k != "resourceVersion" || v.as_str() != Some("0")));
    set("uid") || set("resourceVersion")
}

fn container_ports(r: &mut Reader, c: &Node, f: &dyn Display) -> Vec<ContainerPort> {
    let list = r.seq(c.get("ports"), &format_args!("{f}.ports"));
    // exactly as many as written (a pushed Vec starts at 4: ×10,000 pods in a dump)
    let mut ports = Vec::with_capacity(list.len());
    for (j, p) in list.iter().enumerate() {
        let pf = format_args!("{f}.ports[{j}]");
        ports.push(ContainerPort {
            name: r.string(p.get("name"), &format_args!("{pf}.name")).filter(|s| !s.is_empty()),
            container_port: r.int(p.get("containerPort"), &format_args!("{pf}.containerPort")).unwrap_or(0),
            protocol: r.string(p.get("protocol"), &format_args!("{pf}.protocol")).filter(|s| !s.is_empty()),
            host_port: r.int(p.get("hostPort"), &format_args!("{pf}.hostPort")).filter(|&h| h != 0),
            host_ip: p.get("hostIP").and_then(|n| n.as_str()).filter(|s| !s.is_empty()).map(str::to_string),
        });
    }
    ports
}

/// resources.requests (a resources.limits entry stands in for a missing request: SetDefaults_Pod)
fn container_requests(c: &Node) -> Resources {
    let res = c.get("resources");
    let q = |which: &str, key: &str, scale: u128| -> Option<u64> {
        let n = res?.get(which)?.get(key)?;
        match &n.kind {
            NodeKind::Scalar { value: Value::Int(i), .. } => u64::try_from(*i).ok().and_then(|v| v.checked_mul(scale as u64)),
            NodeKind::Scalar { text, .. } => quantity(text, scale),
            _ => None,
        }
    };
    Resources {
        milli_cpu: q("requests", "cpu", 1000).or_else(|| q("limits", "cpu", 1000)).unwrap_or(0),
        memory: q("requests", "memory", 1).or_else(|| q("limits", "memory", 1)).unwrap_or(0),
    }
}

fn container_checks(r: &mut Reader, n: Option<&Node>, field: &dyn Display, init: bool, out: &mut Vec<ContainerCheck>) {
    // read without the Reader (no path formatted, nothing copied for a valid value): the strict
    // walk reports these fields' type errors, and `container_list` reads the same entries
    let items = match n.map(|n| &n.kind) {
        Some(NodeKind::Seq(items)) => &items[..],
        _ => &[],
    };
    for (i, c) in items.iter().enumerate() {
        if !matches!(c.kind, NodeKind::Map(_)) {
            continue;
        }
        let text = |k: &str| c.get(k).and_then(|n| n.as_str()).filter(|s| !s.is_empty());
        let restart_policy = text("restartPolicy").map(str::to_string);
        let plain_init = init && restart_policy.as_deref() != Some("Always");
        out.push(ContainerCheck {
            init,
            index: i,
            // a container's or sidecar's name is in `containers` / `sidecars` already
            name: if plain_init { text("name").unwrap_or_default().to_string() } else { String::new() },
            image: text("image").is_some(),
            image_padded: text("image").filter(|i| i.trim() != *i).map(Into::into),
            // kept only when it is not a supported value (all validation asks; a 10,000-pod dump
            // does not keep 10,000 copies of "IfNotPresent")
            pull_policy: text("imagePullPolicy").filter(|p| !matches!(*p, "Always" | "IfNotPresent" | "Never")).map(str::to_string),
            restart_policy,
            ports: if plain_init { container_ports(r, c, &format_args!("{field}[{i}]")) } else { Vec::new() },
            requests: container_requests(c),
            resource_errors: resource_checks(c),
        });
    }
}

/// A node-cache container's `-localip` addresses, read as Go's flag package reads its
/// command line (`-name value`, `-name=value`, one or two dashes; parsing stops at the first
/// argument that is no flag, and a lone `--` ends the flags): kubernetes/dns
/// cmd/node-cache/main.go parseAndValidateFlags. Empty unless the command line names
/// `-localip` and leaves `-setupinterface` and `-setupiptables` true (their default): without
/// the dummy interface or the NOTRACK rules, kube-proxy's DNAT still applies.
fn node_local_dns_ips(c: &Node) -> Vec<String> {
    let words = |k: &str| -> Vec<&str> {
        match c.get(k).map(|n| &n.kind) {
            Some(NodeKind::Seq(items)) => items.iter().filter_map(|n| n.as_str()).collect(),
            _ => Vec::new(),
        }
    };
    // the flags come after the binary: the command's own words past its first, then args
    let command = words("command");
    let args = words("args");
    let mut flags: Vec<&str> = command.iter().skip(1).copied().collect();
    flags.extend(args.iter().copied());
    // (an image's own entrypoint is /node-cache: `args` alone are its flags)
    if command.is_empty() {
        flags = args;
    }
    let mut local: Option<&str> = None;
    let mut setup = true;
    let mut i = 0;
    while i < flags.len() {
        let w = flags[i];
        if w == "--" || !w.starts_with('-') || w == "-" {
            break;
        }
        let body = w.trim_start_matches('-');
        if w.len() - body.len() > 2 {
            break;
        }
        let (name, value) = match body.split_once('=') {
            Some((n, v)) => (n, Some(v)),
            None => (body, None),
        };
        match name {
            "localip" => {
                let v = value.or_else(|| {
                    i += 1;
                    flags.get(i).copied()
                });
                local = v;
            }
            "setupinterface" | "setupiptables" => {
                // boolean flags take only the `=value` form
                if matches!(value, Some(v) if matches!(v, "false" | "0" | "f" | "F" | "FALSE" | "False")) {
                    setup = false;
                }
            }
            // every other node-cache flag that takes a value (bool flags never do), written
            // apart from its value
            "interfacename" | "syncinterval" | "initialdelay" | "metrics-listen-address" | "basecorefile" | "corefile" | "kubednscm" | "upstreamsvc" | "health-port" | "conf" | "dns.port" | "pidfile" if value.is_none() => i += 1,
            _ => {}
        }
        i += 1;
    }
    match local {
        Some(l) if setup => l.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect(),
        _ => Vec::new(),
    }
}

fn container_list(r: &mut Reader, n: Option<&Node>, field: &dyn Display, sidecars_only: bool) -> Vec<Container> {
    let list = r.seq(n, field);
    let mut out = Vec::with_capacity(if sidecars_only { 0 } else { list.len() });
    for (i, c) in list.iter().enumerate() {
        let f = format_args!("{field}[{i}]");
        if sidecars_only {
            let rp = r.string(c.get("restartPolicy"), &format_args!("{f}.restartPolicy"));
            if rp.as_deref() != Some("Always") {
                continue;
            }
        }
        let name = r.string(c.get("name"), &format_args!("{f}.name")).unwrap_or_default();
        let ports = container_ports(r, c, &f);
        // the startupProbe first (fidfix23): when both name a port the container does not
        // declare, the startup probe errors, the container never counts as started and the
        // readiness probe never runs (pkg/kubelet/prober/worker.go doProbe "Disable other probes
        // until container has started"; prober_manager.go UpdatePodStatus: Ready only `if
        // started`), so the startupProbe is the cause
        let unresolved_probe_port = ["startupProbe", "readinessProbe"].iter().find_map(|k| {
            let probe = c.get(k)?;
            let port = ["httpGet", "tcpSocket"].iter().find_map(|h| probe.get(h)?.get("port")?.as_str())?;
            let declared = ports.iter().any(|p| p.name.as_deref() == Some(port));
            (!declared && port.parse::<u16>().is_err()).then(|| (k.to_string(), port.to_string()))
        });
        let unresolved_liveness_port = c.get("livenessProbe").and_then(|probe| {
            let port = ["httpGet", "tcpSocket"].iter().find_map(|h| probe.get(h)?.get("port")?.as_str())?;
            let declared = ports.iter().any(|p| p.name.as_deref() == Some(port));
            (!declared && port.parse::<u16>().is_err()).then(|| port.to_string())
        });
        let readiness_initial_delay = c.get("readinessProbe").and_then(|probe| super::yaml::int(probe.get("initialDelaySeconds"))).filter(|d| *d > 0);
        let startup_probe = c.get("startupProbe").and_then(|probe| {
            let delay = super::yaml::int(probe.get("initialDelaySeconds")).filter(|d| *d > 0)?;
            let or = |k: &str, default: i64| super::yaml::int(probe.get(k)).filter(|n| *n > 0).unwrap_or(default);
            Some((delay, or("periodSeconds", 10), or("failureThreshold", 3)))
        });
        let node_local_dns = node_local_dns_ips(c);
        let probes = ContainerProbes { unresolved_probe_port, unresolved_liveness_port, readiness_initial_delay, startup_probe, node_local_dns };
        let probes = (probes != NO_PROBES).then(|| Box::new(probes));
        out.push(Container { name, ports, sidecar: sidecars_only, probes });
    }
    out
}

fn pod_spec(r: &mut Reader, spec: Option<&Node>, prefix: &dyn Display) -> PodSpec {
    let s = r.map(spec, prefix);
    let get = |k: &str| s.and_then(|s| s.get(k));
    let mut spec = PodSpec {
        checks: {
            let count = |k: &str| get(k).map_or(0, |n| if let NodeKind::Seq(items) = &n.kind { items.len() } else { 0 });
            let mut checks = Vec::with_capacity(count("containers") + count("initContainers"));
            container_checks(r, get("containers"), &format_args!("{prefix}.containers"), false, &mut checks);
            container_checks(r, get("initContainers"), &format_args!("{prefix}.initContainers"), true, &mut checks);
            checks
        },
        // ClusterFirst, the default, is kept as None (every pod of a dump writes it)
        dns_policy: r.string(get("dnsPolicy"), &format_args!("{prefix}.dnsPolicy")).filter(|s| !s.is_empty() && s != "ClusterFirst"),
        dns_config_nameservers: get("dnsConfig").filter(|n| !n.is_null()).map(|c| match c.get("nameservers").map(|n| &n.kind) {
            Some(NodeKind::Seq(items)) => items.len(),
            _ => 0,
        }),
        // (spec.hostAliases ride along: the kubelet writes them into the pod's /etc/hosts,
        // which the resolver reads first; core::dnsquery::lookup)
        dns_config: {
            let mut c = get("dnsConfig").filter(|n| !n.is_null()).map(|c| Box::new(super::dnsquery::DnsConf::read(c)));
            let aliases = super::dnsquery::HostAlias::read_all(get("hostAliases"));
            if !aliases.is_empty() {
                c.get_or_insert_with(Default::default).host_aliases = aliases;
            }
            c
        },
        containers: container_list(r, get("containers"), &format_args!("{prefix}.containers"), false),
        sidecars: container_list(r, get("initContainers"), &format_args!("{prefix}.initContainers"), true),
        node_name: r.string(get("nodeName"), &format_args!("{prefix}.nodeName")).filter(|s| !s.is_empty()),
        scheduler_name: r.string(get("schedulerName"), &format_args!("{prefix}.schedulerName")).filter(|s| !s.is_empty() && s != "default-scheduler"),
        hostname: r.string(get("hostname"), &format_args!("{prefix}.hostname")).filter(|s| !s.is_empty()),
        subdomain: r.string(get("subdomain"), &format_args!("{prefix}.subdomain")).filter(|s| !s.is_empty()),
        tolerations: tolerations(r, get("tolerations"), &format_args!("{prefix}.tolerations")),
        node_selector: r.string_map(get("nodeSelector"), &format_args!("{prefix}.nodeSelector")),
        host_network: r.boolean(get("hostNetwork"), &format_args!("{prefix}.hostNetwork")).unwrap_or(false),
        restart_policy: None,
        sched: None,
    };
    // in the order the fields were read before they were boxed (the diagnostics' order)
    let v_required_node_affinity = required_node_affinity(r, get("affinity"), &format_args!("{prefix}.affinity"));
    let v_preferred_node_affinity = preferred_node_affinity(r, get("affinity"), &format_args!("{prefix}.affinity"));
    let v_active_deadline_seconds = r.int(get("activeDeadlineSeconds"), &format_args!("{prefix}.activeDeadlineSeconds"));
    let v_required_pod_affinity = required_pod_affinity(r, get("affinity"), &format_args!("{prefix}.affinity"), "podAffinity");
    let v_required_pod_anti_affinity = required_pod_affinity(r, get("affinity"), &format_args!("{prefix}.affinity"), "podAntiAffinity");
    let v_preferred_pod_affinity = preferred_pod_affinity(r, get("affinity"), &format_args!("{prefix}.affinity"), "podAffinity");
    let v_preferred_pod_anti_affinity = preferred_pod_affinity(r, get("affinity"), &format_args!("{prefix}.affinity"), "podAntiAffinity");
    spec.restart_policy = r.string(get("restartPolicy"), &format_args!("{prefix}.restartPolicy")).filter(|s| !s.is_empty());
    let sched = PodScheduling {
        required_node_affinity: v_required_node_affinity,
        preferred_node_affinity: v_preferred_node_affinity,
        active_deadline_seconds: v_active_deadline_seconds,
        required_pod_affinity: v_required_pod_affinity,
        required_pod_anti_affinity: v_required_pod_anti_affinity,
        preferred_pod_affinity: v_preferred_pod_affinity,
        preferred_pod_anti_affinity: v_preferred_pod_anti_affinity,
        topology_spread: topology_spread(r, get("topologySpreadConstraints"), &format_args!("{prefix}.topologySpreadConstraints")),
        // (written order: topologySpreadConstraints is read before readinessGates)
        readiness_gates: {
            let f = format_args!("{prefix}.readinessGates");
            let gates = r.seq(get("readinessGates"), &f);
            gates.iter().enumerate().filter_map(|(i, g)| r.string(g.get("conditionType"), &format_args!("{f}[{i}].conditionType"))).collect()
        },
    };
    spec.set_sched(sched);
    spec
}

fn tolerations(r: &mut Reader, n: Option<&Node>, field: &dyn Display) -> Vec<Toleration> {
    let mut out = Vec::new();
    for (i, t) in r.seq(n, field).iter().enumerate() {
        let f = format_args!("{field}[{i}]");
        let Some(t) = r.map(Some(t), &f) else { continue };
        let s = |r: &mut Reader, k: &str| r.string(t.get(k), &format_args!("{f}.{k}")).unwrap_or_default();
        let key = s(r, "key");
        let operator = s(r, "operator");
        let value = s(r, "value");
        let effect = s(r, "effect");
        let toleration_seconds = r.int(t.get("tolerationSeconds"), &format_args!("{f}.tolerationSeconds"));
        out.push(Toleration { key, operator, value, effect, toleration_seconds });
    }
    out
}

fn selector_requirements(r: &mut Reader, n: Option<&Node>, field: &dyn Display) -> Vec<NodeSelectorRequirement> {
    let mut out = Vec::new();
    for (i, e) in r.seq(n, field).iter().enumerate() {
        let f = format_args!("{field}[{i}]");
        let Some(e) = r.map(Some(e), &f) else { continue };
        let key = r.string(e.get("key"), &format_args!("{f}.key")).unwrap_or_default();
        let operator = r.string(e.get("operator"), &format_args!("{f}.operator")).unwrap_or_default();
        let vf = format_args!("{f}.values");
        let values = r.seq(e.get("values"), &vf).iter().enumerate().filter_map(|(j, v)| r.string(Some(v), &format_args!("{vf}[{j}]"))).collect();
        out.push(NodeSelectorRequirement { key, operator, values });
    }
    out
}

fn required_node_affinity(r: &mut Reader, affinity: Option<&Node>, field: &dyn Display) -> Option<Vec<NodeSelectorTerm>> {
    let a = r.map(affinity, field)?;
    let f = format_args!("{field}.nodeAffinity");
    let na = r.map(a.get("nodeAffinity"), &f)?;
    let f = format_args!("{f}.requiredDuringSchedulingIgnoredDuringExecution");
    let req = r.map(na.get("requiredDuringSchedulingIgnoredDuringExecution"), &f)?;
    let f = format_args!("{f}.nodeSelectorTerms");
    let mut terms = Vec::new();
    for (i, t) in r.seq(req.get("nodeSelectorTerms"), &f).iter().enumerate() {
        let tf = format_args!("{f}[{i}]");
        let Some(t) = r.map(Some(t), &tf) else { continue };
        terms.push(node_selector_term(r, t, &tf));
    }
    Some(terms)
}

fn node_selector_term(r: &mut Reader, t: &Node, field: &dyn Display) -> NodeSelectorTerm {
    NodeSelectorTerm {
        match_expressions: selector_requirements(r, t.get("matchExpressions"), &format_args!("{field}.matchExpressions")),
        match_fields: selector_requirements(r, t.get("matchFields"), &format_args!("{field}.matchFields")),
    }
}

fn preferred_node_affinity(r: &mut Reader, affinity: Option<&Node>, field: &dyn Display) -> Vec<(i64, NodeSelectorTerm)> {
    let mut out = Vec::new();
    let Some(a) = r.map(affinity, field) else { return out };
    let f = format_args!("{field}.nodeAffinity");
    let Some(na) = r.map(a.get("nodeAffinity"), &f) else { return out };
    let f = format_args!("{f}.preferredDuringSchedulingIgnoredDuringExecution");
    for (i, t) in r.seq(na.get("preferredDuringSchedulingIgnoredDuringExecution"), &f).iter().enumerate() {
        let tf = format_args!("{f}[{i}]");
        let Some(t) = r.map(Some(t), &tf) else { continue };
        let weight = r.int(t.get("weight"), &format_args!("{tf}.weight")).unwrap_or(0);
        let pf = format_args!("{tf}.preference");
        let term = r.map(t.get("preference"), &pf).map(|p| node_selector_term(r, p, &pf)).unwrap_or_default();
        out.push((weight, term));
    }
    out
}

pub(crate) fn label_selector(r: &mut Reader, n: Option<&Node>, field: &dyn Display) -> Option<LabelSelector> {
    let m = r.map(n, field)?;
    Some(LabelSelector {
        match_labels: r.string_map(m.get("matchLabels"), &format_args!("{field}.matchLabels")).unwrap_or_default(),
        match_expressions: selector_requirements(r, m.get("matchExpressions"), &format_args!("{field}.matchExpressions")),
    })
}

/// `affinity.<which>.requiredDuringSchedulingIgnoredDuringExecution` (which: podAffinity or
/// podAntiAffinity).
fn required_pod_affinity(r: &mut Reader, affinity: Option<&Node>, field: &dyn Display, which: &str) -> Vec<PodAffinityTerm> {
    let Some(a) = r.map(affinity, field) else { return vec![] };
    let f = format_args!("{field}.{which}");
    let Some(pa) = r.map(a.get(which), &f) else { return vec![] };
    let f = format_args!("{f}.requiredDuringSchedulingIgnoredDuringExecution");
    let mut out = Vec::new();
    for (i, t) in r.seq(pa.get("requiredDuringSchedulingIgnoredDuringExecution"), &f).iter().enumerate() {
        let tf = format_args!("{f}[{i}]");
        if let Some(t) = r.map(Some(t), &tf) {
            out.push(affinity_term(r, t, &tf));
        }
    }
    out
}

fn string_list(r: &mut Reader, n: Option<&Node>, field: &dyn Display) -> Vec<String> {
    r.seq(n, field).iter().enumerate().filter_map(|(j, v)| r.string(Some(v), &format_args!("{field}[{j}]"))).collect()
}

fn affinity_term(r: &mut Reader, t: &Node, tf: &dyn Display) -> PodAffinityTerm {
    PodAffinityTerm {
        label_selector: label_selector(r, t.get("labelSelector"), &format_args!("{tf}.labelSelector")),
        namespaces: string_list(r, t.get("namespaces"), &format_args!("{tf}.namespaces")),
        namespace_selector: label_selector(r, t.get("namespaceSelector"), &format_args!("{tf}.namespaceSelector")),
        topology_key: r.string(t.get("topologyKey"), &format_args!("{tf}.topologyKey")).unwrap_or_default(),
        match_label_keys: string_list(r, t.get("matchLabelKeys"), &format_args!("{tf}.matchLabelKeys")),
        mismatch_label_keys: string_list(r, t.get("mismatchLabelKeys"), &format_args!("{tf}.mismatchLabelKeys")),
    }
}

fn topology_spread(r: &mut Reader, n: Option<&Node>, field: &dyn Display) -> Vec<TopologySpreadConstraint> {
    let mut out = Vec::new();
    for (i, c) in r.seq(n, field).iter().enumerate() {
        let f = format_args!("{field}[{i}]");
        let Some(c) = r.map(Some(c), &f) else { continue };
        let s = |r: &mut Reader, k: &str| r.string(c.get(k), &format_args!("{f}.{k}"));
        out.push(TopologySpreadConstraint {
            max_skew: r.int(c.get("maxSkew"), &format_args!("{f}.maxSkew")).unwrap_or(0),
            topology_key: s(r, "topologyKey").unwrap_or_default(),
            when_unsatisfiable: s(r, "whenUnsatisfiable").unwrap_or_default(),
            label_selector: label_selector(r, c.get("labelSelector"), &format_args!("{f}.labelSelector")),
            min_domains: r.int(c.get("minDomains"), &format_args!("{f}.minDomains")),
            match_label_keys: string_list(r, c.get("matchLabelKeys"), &format_args!("{f}.matchLabelKeys")),
            node_affinity_policy: s(r, "nodeAffinityPolicy"),
            node_taints_policy: s(r, "nodeTaintsPolicy"),
        });
    }
    out
}

/// `affinity.<which>.preferredDuringSchedulingIgnoredDuringExecution[]`: (weight, podAffinityTerm).
fn preferred_pod_affinity(r: &mut Reader, affinity: Option<&Node>, field: &dyn Display, which: &str) -> Vec<(i64, PodAffinityTerm)> {
    let Some(a) = r.map(affinity, field) else { return vec![] };
    let f = format_args!("{field}.{which}");
    let Some(pa) = r.map(a.get(which), &f) else { return vec![] };
    let f = format_args!("{f}.preferredDuringSchedulingIgnoredDuringExecution");
    let mut out = Vec::new();
    for (i, w) in r.seq(pa.get("preferredDuringSchedulingIgnoredDuringExecution"), &f).iter().enumerate() {
        let wf = format_args!("{f}[{i}]");
        let Some(w) = r.map(Some(w), &wf) else { continue };
        let weight = r.int(w.get("weight"), &format_args!("{wf}.weight")).unwrap_or(0);
        let tf = format_args!("{wf}.podAffinityTerm");
        let term = match r.map(w.get("podAffinityTerm"), &tf) {
            Some(t) => affinity_term(r, t, &tf),
            None => PodAffinityTerm::default(),
        };
        out.push((weight, term));
    }
    out
}

fn pod_status(r: &mut Reader, n: Option<&Node>) -> PodStatus {
    let Some(s) = r.map(n, &"status") else { return PodStatus::default() };
    let mut ready = None;
    let mut unschedulable = None;
    for (i, c) in r.seq(s.get("conditions"), &"status.conditions").iter().enumerate() {
        let kind = r.string(c.get("type"), &format_args!("status.conditions[{i}].type"));
        if kind.as_deref() == Some("PodScheduled") && c.get("status").and_then(|n| n.as_str()) == Some("False") {
            let text = |k: &str| c.get(k).and_then(|n| n.as_str()).filter(|t| !t.is_empty()).map(str::to_string);
            unschedulable = text("message").or_else(|| text("reason")).or_else(|| Some("Unschedulable".into()));
        }
        if kind.as_deref() == Some("Ready") {
            // a Go bool-less string field: "True"/"False"/"Unknown"; an unquoted True is a YAML bool
            let v = match c.get("status").map(|n| &n.kind) {
                Some(NodeKind::Scalar { value: Value::Str, text, .. }) => text == "True",
                Some(NodeKind::Scalar { value: Value::Bool(b), .. }) => *b,
                _ => false,
            };
            ready = Some(v);
        }
    }
    let pod_ip = r
        .string(s.get("podIP"), &"status.podIP")
        .filter(|s| !s.is_empty())
        .or_else(|| {
            let ips = r.seq(s.get("podIPs"), &"status.podIPs");
            ips.first().and_then(|p| p.get("ip")).and_then(|n| n.as_str()).map(str::to_string)
        });
    let host_ip = s.get("hostIP").and_then(|n| n.as_str()).and_then(|t| t.parse().ok());
    // a dual-stack pod's address of the other family (podIPs holds at most one per family)
    let v6 = |ip: &str| ip.contains(':');
    let pod_ip_other = pod_ip.as_deref().and_then(|first| {
        let NodeKind::Seq(ips) = &s.get("podIPs")?.kind else { return None };
        ips.iter().filter_map(|p| p.get("ip")?.as_str()).find(|ip| v6(ip) != v6(first) && ip.parse::<std::net::IpAddr>().is_ok()).map(str::to_string)
    });
    let phase = r.string(s.get("phase"), &"status.phase");
    // a status that says nothing of the pod's state — `status: {}`, what `kubectl run
    // --dry-run=client -o yaml` prints — is no observed state: the API server resets a created
    // pod's status (pkg/registry/core/pod/strategy.go podStrategy.PrepareForCreate) and the
    // kubelet reports it; only a status that states a phase, a condition, an IP or container
    // states is taken as what the cluster shows
    // status.containerStatuses[]: state.waiting / state.terminated reason, restartCount,
    // lastState.terminated exitCode (what `kubectl get pod` prints in STATUS and RESTARTS)
    let container_state = s.get("containerStatuses").and_then(|cs| match &cs.kind {
        NodeKind::Seq(items) => items.iter().find_map(|c| {
            let state = c.get("state")?;
            let name = c.get("name").and_then(|n| n.as_str()).unwrap_or("?");
            let reason_of = |st: &Node| st.get("reason").and_then(|r| r.as_str()).filter(|r| !r.is_empty()).map(str::to_string);
            let int_of = |n: Option<&Node>| match n.map(|n| &n.kind) {
                Some(NodeKind::Scalar { value: Value::Int(i), .. }) => Some(*i),
                _ => None,
            };
            let reason = if let Some(w) = state.get("waiting").filter(|w| !w.is_null()) {
                reason_of(w).unwrap_or_else(|| "Waiting".into())
            } else if let Some(t) = state.get("terminated").filter(|t| !t.is_null()) {
                let code = int_of(t.get("exitCode")).unwrap_or(0);
                format!("{} (exit code {code})", reason_of(t).unwrap_or_else(|| "Terminated".into()))
            } else {
                return None;
            };
            let mut text = format!("container {name}: {reason}");
            if let Some(n) = int_of(c.get("restartCount")).filter(|n| *n > 0) {
                let _ = write!(text, ", restarted {n} time{}", if n == 1 { "" } else { "s" });
            }
            if let Some(last) = c.get("lastState").and_then(|l| l.get("terminated")).filter(|t| !t.is_null()) {
                let code = int_of(last.get("exitCode")).unwrap_or(0);
                let _ = write!(text, ", last exit code {code}");
                if let Some(r) = reason_of(last) {
                    let _ = write!(text, " ({r})");
                }
            }
            // the next step `kubectl describe pod` / the kubelet's event would point to
            let image = c.get("image").and_then(|i| i.as_str()).filter(|i| !i.is_empty());
            match reason.split(' ').next().unwrap_or("") {
                "CrashLoopBackOff" | "Error" => { let _ = write!(text, ": the process exits; `kubectl logs <pod> -c {name} --previous` shows why"); },
                "ImagePullBackOff" | "ErrImagePull" | "InvalidImageName" => text.push_str(&match image {
                    Some(i) => format!(": the kubelet cannot pull {i} (its name, tag, or the registry's credentials: imagePullSecrets)"),
                    None => ": the kubelet cannot pull the image (its name, tag, or the registry's credentials: imagePullSecrets)".to_string(),
                }),
                "CreateContainerConfigError" => text.push_str(": a ConfigMap or Secret (or a key of one) the container references is missing; `kubectl describe pod` names it"),
                "OOMKilled" => text.push_str(": over its memory limit"),
                _ => {}
            }
            Some(text)
        }),
        _ => None,
    });
    let present = phase.is_some() || ready.is_some() || unschedulable.is_some() || pod_ip.is_some() || s.get("conditions").is_some() || s.get("containerStatuses").is_some();
    PodStatus { phase, pod_ip, pod_ip_other, ready, present, unschedulable, container_state, host_ip }
}

fn service_spec(r: &mut Reader, root: &Node) -> ServiceSpec {
    let s = r.map(root.get("spec"), &"spec");
    let get = |k: &str| s.and_then(|s| s.get(k));
    let mut ports = Vec::new();
    for (i, p) in r.seq(get("ports"), &"spec.ports").iter().enumerate() {
        let f = format!("spec.ports[{i}]");
        ports.push(ServicePort {
            name: r.string(p.get("name"), &format_args!("{f}.name")).filter(|s| !s.is_empty()),
            protocol: r.string(p.get("protocol"), &format_args!("{f}.protocol")).filter(|s| !s.is_empty()),
            port: r.int(p.get("port"), &format_args!("{f}.port")).unwrap_or(0),
            target_port: r.int_or_string(p.get("targetPort"), &format_args!("{f}.targetPort")),
            node_port: r.int(p.get("nodePort"), &format_args!("{f}.nodePort")).filter(|&n| n != 0),
            app_protocol: r.string(p.get("appProtocol"), &format_args!("{f}.appProtocol")),
        });
    }
    let strings = |r: &mut Reader, k: &str| -> Vec<String> {
        let f = format!("spec.{k}");
        r.seq(get(k), &f)
            .iter()
            .enumerate()
            .filter_map(|(i, n)| r.string(Some(n), &format_args!("{f}[{i}]")))
            .collect()
    };
    let cluster_ips = strings(r, "clusterIPs");
    let external_ips = strings(r, "externalIPs");
    let lb_ranges = strings(r, "loadBalancerSourceRanges");
    let ip_families = strings(r, "ipFamilies");
    let sac = r.map(get("sessionAffinityConfig"), &"spec.sessionAffinityConfig");
    let timeout = sac.and_then(|c| c.get("clientIP")).and_then(|c| c.get("timeoutSeconds"));
    let timeout = r.int(timeout, &"spec.sessionAffinityConfig.clientIP.timeoutSeconds");
    let status = r.map(root.get("status"), &"status");
    let lb = status.and_then(|s| s.get("loadBalancer"));
    let mut lb_ingress = Vec::new();
    let mut lb_ingress_proxy = Vec::new();
    for (i, ing) in r.seq(lb.and_then(|l| l.get("ingress")), &"status.loadBalancer.ingress").iter().enumerate() {
        let f = format!("status.loadBalancer.ingress[{i}]");
        let ip = r.string(ing.get("ip"), &format_args!("{f}.ip"));
        // proxyutil.IsVIPMode (pkg/proxy/util/utils.go): no ipMode, or ipMode VIP
        if let (Some(ip), Some("Proxy")) = (&ip, ing.get("ipMode").and_then(|m| m.as_str())) {
            lb_ingress_proxy.push(ip.clone());
        }
        if let Some(a) = ip.or_else(|| r.string(ing.get("hostname"), &format_args!("{f}.hostname"))) {
            lb_ingress.push(a);
        }
    }
    ServiceSpec {
        type_: r.string(get("type"), &"spec.type").filter(|s| !s.is_empty()),
        cluster_ip: r.string(get("clusterIP"), &"spec.clusterIP").filter(|s| !s.is_empty()),
        cluster_ips,
        selector: r.string_map(get("selector"), &"spec.selector"),
        ports,
        external_name: r.string(get("externalName"), &"spec.externalName").filter(|s| !s.is_empty()),
        external_ips,
        external_traffic_policy: r.string(get("externalTrafficPolicy"), &"spec.externalTrafficPolicy").filter(|s| !s.is_empty()),
        internal_traffic_policy: r.string(get("internalTrafficPolicy"), &"spec.internalTrafficPolicy").filter(|s| !s.is_empty()),
        session_affinity: r.string(get("sessionAffinity"), &"spec.sessionAffinity").filter(|s| !s.is_empty()),
        session_affinity_timeout: timeout,
        session_affinity_config_set: sac.is_some(),
        publish_not_ready_addresses: r.boolean(get("publishNotReadyAddresses"), &"spec.publishNotReadyAddresses").unwrap_or(false),
        allocate_load_balancer_node_ports: r.boolean(get("allocateLoadBalancerNodePorts"), &"spec.allocateLoadBalancerNodePorts"),
        health_check_node_port: r.int(get("healthCheckNodePort"), &"spec.healthCheckNodePort").filter(|&n| n != 0),
        load_balancer_class: r.string(get("loadBalancerClass"), &"spec.loadBalancerClass"),
        load_balancer_source_ranges: lb_ranges,
        traffic_distribution: r.string(get("trafficDistribution"), &"spec.trafficDistribution").filter(|s| !s.is_empty()),
        source_ranges_annotation: root
            .get("metadata")
            .and_then(|m| m.get("annotations"))
            .and_then(|a| a.get("service.beta.kubernetes.io/load-balancer-source-ranges"))
            .and_then(|v| v.as_str())
            .map(str::to_string),
        topology_aware_hints_annotation: root.get("metadata").and_then(|m| m.get("annotations")).and_then(|a| a.get("service.kubernetes.io/topology-aware-hints")).is_some(),
        topology_hints_auto: topology_hints_annotation(root).is_some(),
        topology_hints_annotation: topology_hints_annotation(root),
        topology_mode_mismatch: {
            let ann = |k: &str| root.get("metadata").and_then(|m| m.get("annotations")).and_then(|a| a.get(k)).and_then(|v| v.as_str());
            match (ann("service.kubernetes.io/topology-aware-hints"), ann("service.kubernetes.io/topology-mode")) {
                (Some(h), Some(m)) if h != m => Some(m.to_string()),
                _ => None,
            }
        },
        load_balancer_ip: get("loadBalancerIP").and_then(|v| v.as_str()).filter(|s| !s.is_empty()).map(str::to_string),
        ip_families,
        ip_family_policy: r.string(get("ipFamilyPolicy"), &"spec.ipFamilyPolicy"),
        lb_ingress,
        lb_ingress_proxy,
    }
}

fn workload(r: &mut Reader, root: &Node, kind: &str) -> Workload {
    let s = r.map(root.get("spec"), &"spec");
    let get = |k: &str| s.and_then(|s| s.get(k));
    let sel = r.map(get("selector"), &"spec.selector");
    let match_labels = r.string_map(sel.and_then(|s| s.get("matchLabels")), &"spec.selector.matchLabels");
    let tmpl = r.map(get("template"), &"spec.template");
    let tmeta = r.map(tmpl.and_then(|t| t.get("metadata")), &"spec.template.metadata");
    let template_labels =
        r.string_map(tmeta.and_then(|m| m.get("labels")), &"spec.template.metadata.labels").unwrap_or_default();
    let template = pod_spec(r, tmpl.and_then(|t| t.get("spec")), &"spec.template.spec");
    r.seq(sel.and_then(|s| s.get("matchExpressions")), &"spec.selector.matchExpressions");
    // the entries read again without reporting (the list's shape was reported just above)
    let match_expressions = {
        let mut scratch = Vec::new();
        let mut quiet = Reader { obj: String::new(), diags: &mut scratch };
        label_selector(&mut quiet, get("selector"), &"spec.selector").map(|s| s.match_expressions).unwrap_or_default()
    };
    let ordinals = r.map(get("ordinals"), &"spec.ordinals");
    let start_ordinal = r.int(ordinals.and_then(|o| o.get("start")), &"spec.ordinals.start").unwrap_or(0);
    Workload {
        replicas: if kind == "DaemonSet" { None } else { r.int(get("replicas"), &"spec.replicas") },
        match_labels,
        selector_set: sel.is_some(),
        match_expressions,
        start_ordinal: if kind == "StatefulSet" { start_ordinal } else { 0 },
        template_labels,
        template,
        service_name: r.string(get("serviceName"), &"spec.serviceName"),
        has_template: tmpl.is_some(),
        pod_management_policy: if kind == "StatefulSet" { r.string(get("podManagementPolicy"), &"spec.podManagementPolicy") } else { None },
        job: None,
        status: workload_status(root, kind),
    }
}

/// A batch/v1 Job: its template and selector as a workload's, its own fields in [`JobSpec`], and
/// what the API server does on create before validation (PrepareForCreate → generateSelector):
/// unless spec.manualSelector is true, the four [`JOB_LABELS`] join the template's labels and
/// `batch.kubernetes.io/controller-uid` joins spec.selector.matchLabels.
fn job(r: &mut Reader, root: &Node, meta: &Meta) -> Workload {
    let mut w = workload(r, root, "Job");
    let s = r.map(root.get("spec"), &"spec");
    let get = |k: &str| s.and_then(|s| s.get(k));
    let written_uid = root.get("metadata").and_then(|m| m.get("uid")).and_then(|u| u.as_str()).filter(|u| !u.is_empty()).map(str::to_string);
    let status = r.map(root.get("status"), &"status");
    let sget = |k: &str| status.and_then(|s| s.get(k));
    let finished = r
        .seq(sget("conditions"), &"status.conditions")
        .iter()
        .filter(|c| c.get("status").and_then(|v| v.as_str()) == Some("True"))
        .filter_map(|c| c.get("type").and_then(|v| v.as_str()))
        .find(|t| matches!(*t, "Complete" | "Failed"))
        .map(str::to_string);
    let j = JobSpec {
        uid: written_uid.unwrap_or_else(|| simulated_uid(&meta.namespace, &meta.name)),
        parallelism: r.int(get("parallelism"), &"spec.parallelism"),
        completions: r.int(get("completions"), &"spec.completions"),
        completion_mode: r.string(get("completionMode"), &"spec.completionMode"),
        suspend: r.boolean(get("suspend"), &"spec.suspend").unwrap_or(false),
        manual_selector: r.boolean(get("manualSelector"), &"spec.manualSelector").unwrap_or(false),
        active_deadline_seconds: r.int(get("activeDeadlineSeconds"), &"spec.activeDeadlineSeconds"),
        backoff_limit: r.int(get("backoffLimit"), &"spec.backoffLimit"),
        ttl_seconds_after_finished: r.int(get("ttlSecondsAfterFinished"), &"spec.ttlSecondsAfterFinished"),
        backoff_limit_per_index: r.int(get("backoffLimitPerIndex"), &"spec.backoffLimitPerIndex"),
        max_failed_indexes: r.int(get("maxFailedIndexes"), &"spec.maxFailedIndexes"),
        managed_by: r.string(get("managedBy"), &"spec.managedBy"),
        // read again without reporting (workload() reported this selector's shape already)
        match_expressions: {
            let mut scratch = Vec::new();
            let mut quiet = Reader { obj: String::new(), diags: &mut scratch };
            label_selector(&mut quiet, get("selector"), &"spec.selector").map(|s| s.match_expressions).unwrap_or_default()
        },
        succeeded: r.int(sget("succeeded"), &"status.succeeded").unwrap_or(0),
        completed_indexes: r.string(sget("completedIndexes"), &"status.completedIndexes").filter(|s| !s.is_empty()),
        finished,
    };
    if !j.manual_selector {
        for (key, is_uid) in JOB_LABELS {
            if !w.template_labels.iter().any(|(k, _)| k == key) {
                w.template_labels.push((key.to_string(), if is_uid { j.uid.clone() } else { meta.name.clone() }));
            }
        }
        // generateSelector: a missing selector becomes {} and gets the uid key (a written one is
        // merged into, never replaced)
        let ml = w.match_labels.get_or_insert_with(Vec::new);
        if !ml.iter().any(|(k, _)| k == "batch.kubernetes.io/controller-uid") {
            ml.push(("batch.kubernetes.io/controller-uid".to_string(), j.uid.clone()));
        }
        w.selector_set = true;
    }
    w.job = Some(Box::new(j));
    w
}

/// A core/v1 ReplicationController: `spec.selector` is a plain label map (equality only), and
/// SetDefaults_ReplicationController (pkg/apis/core/v1/defaults.go) fills an empty selector
/// with the template's labels (when the template has labels) and replicas nil with 1.
fn replication_controller(r: &mut Reader, root: &Node) -> Workload {
    let s = r.map(root.get("spec"), &"spec");
    let get = |k: &str| s.and_then(|s| s.get(k));
    let selector = r.string_map(get("selector"), &"spec.selector").unwrap_or_default();
    let tmpl = r.map(get("template"), &"spec.template");
    let tmeta = r.map(tmpl.and_then(|t| t.get("metadata")), &"spec.template.metadata");
    let template_labels = r.string_map(tmeta.and_then(|m| m.get("labels")), &"spec.template.metadata.labels");
    let template = pod_spec(r, tmpl.and_then(|t| t.get("spec")), &"spec.template.spec");
    let match_labels = match &template_labels {
        Some(l) if selector.is_empty() => l.clone(),
        _ => selector,
    };
    Workload {
        replicas: r.int(get("replicas"), &"spec.replicas"),
        selector_set: !match_labels.is_empty(),
        match_labels: Some(match_labels),
        match_expressions: Vec::new(),
        start_ordinal: 0,
        template_labels: template_labels.unwrap_or_default(),
        template,
        service_name: None,
        has_template: tmpl.is_some(),
        pod_management_policy: None,
        job: None,
        status: workload_status(root, "ReplicationController"),
    }
}

fn endpoint_ports(r: &mut Reader, n: Option<&Node>, field: &dyn Display) -> Vec<EndpointPort> {
    let mut out = Vec::new();
    for (i, p) in r.seq(n, field).iter().enumerate() {
        let f = format_args!("{field}[{i}]");
        out.push(EndpointPort {
            name: r.string(p.get("name"), &format_args!("{f}.name")).filter(|s| !s.is_empty()),
            port: r.int(p.get("port"), &format_args!("{f}.port")).unwrap_or(0),
            // SetDefaults_Endpoints / EndpointSlice: protocol "" -> TCP
            protocol: r.string(p.get("protocol"), &format_args!("{f}.protocol")).filter(|s| !s.is_empty()).unwrap_or_else(|| "TCP".into()),
        });
    }
    out
}

fn target_name(n: Option<&Node>) -> Option<String> {
    n.and_then(|t| t.get("name")).and_then(|n| n.as_str()).map(str::to_string)
}

fn endpoints(r: &mut Reader, root: &Node, service: &str) -> Vec<EndpointSet> {
    let mut out = Vec::new();
    for (i, sub) in r.seq(root.get("subsets"), &"subsets").iter().enumerate() {
        let f = format!("subsets[{i}]");
        let mut addresses = Vec::new();
        for (key, ready) in [("addresses", true), ("notReadyAddresses", false)] {
            for (j, a) in r.seq(sub.get(key), &format_args!("{f}.{key}")).iter().enumerate() {
                let af = format_args!("{f}.{key}[{j}]");
                if let Some(ip) = r.string(a.get("ip"), &format_args!("{af}.ip")) {
                    addresses.push(EndpointAddress {
                        ip,
                        node_name: r.string(a.get("nodeName"), &format_args!("{af}.nodeName")),
                        target: target_name(a.get("targetRef")),
                        hostname: r.string(a.get("hostname"), &format_args!("{af}.hostname")),
                        ready,
                        serving: ready,
                        terminating: false,
                    });
                }
            }
        }
        out.push(EndpointSet { service: service.to_string(), addresses, ports: endpoint_ports(r, sub.get("ports"), &format_args!("{f}.ports")) });
    }
    out
}

fn endpoint_slice(r: &mut Reader, root: &Node, meta: &Meta) -> EndpointSet {
    let service = meta.labels.iter().find(|(k, _)| k == "kubernetes.io/service-name").map(|(_, v)| v.clone()).unwrap_or_default();
    let mut addresses = Vec::new();
    for (i, e) in r.seq(root.get("endpoints"), &"endpoints").iter().enumerate() {
        let f = format!("endpoints[{i}]");
        let cond = r.map(e.get("conditions"), &format_args!("{f}.conditions"));
        let cget = |k: &str| cond.and_then(|c| c.get(k));
        // kube-proxy reads discovery/v1 EndpointConditions as (pkg/proxy/endpointslicecache.go
        // addEndpoints): ready = nil || *ready, serving = nil || *serving,
        // terminating = non-nil && *terminating — an absent `serving` is true even when ready is false
        let ready = r.boolean(cget("ready"), &format_args!("{f}.conditions.ready")).unwrap_or(true);
        let serving = r.boolean(cget("serving"), &format_args!("{f}.conditions.serving")).unwrap_or(true);
        let terminating = r.boolean(cget("terminating"), &format_args!("{f}.conditions.terminating")).unwrap_or(false);
        let node_name = r.string(e.get("nodeName"), &format_args!("{f}.nodeName"));
        let hostname = r.string(e.get("hostname"), &format_args!("{f}.hostname"));
        let target = target_name(e.get("targetRef"));
        for (j, a) in r.seq(e.get("addresses"), &format_args!("{f}.addresses")).iter().enumerate() {
            if let Some(ip) = r.string(Some(a), &format_args!("{f}.addresses[{j}]")) {
                addresses.push(EndpointAddress { ip, node_name: node_name.clone(), target: target.clone(), hostname: hostname.clone(), ready, serving, terminating });
            }
        }
    }
    EndpointSet { service, addresses, ports: endpoint_ports(r, root.get("ports"), &"ports") }
}

fn node_info(r: &mut Reader, root: &Node) -> NodeInfo {
    let spec = r.map(root.get("spec"), &"spec");
    let status = r.map(root.get("status"), &"status");
    let mut info = NodeInfo {
        pod_cidr: r.string(spec.and_then(|s| s.get("podCIDR")), &"spec.podCIDR"),
        unschedulable: r.boolean(spec.and_then(|s| s.get("unschedulable")), &"spec.unschedulable").unwrap_or(false),
        ..Default::default()
    };
    // spec.podCIDRs: at most one range per family (ValidateNode); the one of the other family
    // than the first is kept (service::dual_stack_evidence)
    if let Some(NodeKind::Seq(cidrs)) = spec.and_then(|s| s.get("podCIDRs")).map(|n| &n.kind) {
        let family = |c: &str| c.split_once('/').and_then(|(ip, _)| ip.parse::<std::net::IpAddr>().ok()).map(|a| a.is_ipv6());
        let mut texts = cidrs.iter().filter_map(|c| c.as_str());
        if let Some(first) = texts.next().and_then(family) {
            info.pod_cidr_other = texts.find(|c| family(c) == Some(!first)).map(str::to_string);
        }
    }
    for (i, t) in r.seq(spec.and_then(|s| s.get("taints")), &"spec.taints").iter().enumerate() {
        let f = format!("spec.taints[{i}]");
        let Some(t) = r.map(Some(t), &f) else { continue };
        let key = r.string(t.get("key"), &format_args!("{f}.key")).unwrap_or_default();
        let value = r.string(t.get("value"), &format_args!("{f}.value")).unwrap_or_default();
        let effect = r.string(t.get("effect"), &format_args!("{f}.effect")).unwrap_or_default();
        info.taints.push(Taint { key, value, effect });
    }
    if let Some(a) = status.and_then(|s| s.get("allocatable")).filter(|a| matches!(a.kind, NodeKind::Map(_))) {
        let q = |key: &str, scale: u128| -> Option<u64> {
            match &a.get(key)?.kind {
                NodeKind::Scalar { value: Value::Int(i), .. } => u64::try_from(*i).ok().and_then(|v| v.checked_mul(scale as u64)),
                NodeKind::Scalar { text, .. } => quantity(text, scale),
                _ => None,
            }
        };
        info.allocatable = [q("cpu", 1000), q("memory", 1), q("pods", 1)];
    }
    for (i, a) in r.seq(status.and_then(|s| s.get("addresses")), &"status.addresses").iter().enumerate() {
        let t = r.string(a.get("type"), &format_args!("status.addresses[{i}].type"));
        let addr = r.string(a.get("address"), &format_args!("status.addresses[{i}].address"));
        match t.as_deref() {
            Some("InternalIP") if info.internal_ip.is_none() => info.internal_ip = addr,
            Some("InternalIP") if info.internal_ip_other.is_none() && addr.as_deref().is_some_and(|a| a.contains(':') != info.internal_ip.as_deref().is_some_and(|f| f.contains(':'))) => {
                info.internal_ip_other = addr
            }
            Some("ExternalIP") if info.external_ip.is_none() => info.external_ip = addr,
            _ => {}
        }
    }
    for c in r.seq(status.and_then(|s| s.get("conditions")), &"status.conditions") {
        // "True"/"False"/"Unknown"; an unquoted True/False is a YAML bool (read as pod_status does)
        let status = match c.get("status").map(|n| &n.kind) {
            Some(NodeKind::Scalar { value: Value::Str, text, .. }) => Some(text.as_str().to_owned()),
            Some(NodeKind::Scalar { value: Value::Bool(b), .. }) => Some(if *b { "True" } else { "False" }.to_string()),
            _ => None,
        };
        let Some(kind) = c.get("type").and_then(|n| n.as_str()) else { continue };
        if kind == "Ready" {
            info.ready = Some(status.as_deref() == Some("True"));
            info.ready_status = status.clone();
        }
        info.conditions.push((kind.to_string(), status.unwrap_or_default()));
    }
    info
}

/// Kinds we model; everything else is reported as ignored.
pub const KINDS: &[&str] = &[
    "Service", "Pod", "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "ReplicationController", "Endpoints", "EndpointSlice", "Node",
    "Namespace", "Job", "Ingress", "NetworkPolicy", "HorizontalPodAutoscaler", "PodDisruptionBudget",
];

/// What a document that is no mapping is, in our words (kubectl's are core::kubectl_refusal's).
pub(crate) fn not_an_object(root: &Node) -> String {
    format!("a Kubernetes object must be a YAML mapping, found {}", article(root.type_name()))
}

/// Decode one object's tree. `None` (with diagnostics) when it is not an object we can use.
/// Decode one object; the object keeps its node (moved, not copied: a whole-cluster dump
/// would otherwise hold every tree twice).
pub fn decode_object(source: Node, diags: &mut Vec<Diagnostic>) -> Option<Object> {
    let root = &source;
    let NodeKind::Map(_) = &root.kind else {
        diags.push(Diagnostic::note(Severity::Error, ErrorType::Syntax, "NotAnObject", not_an_object(root), root.pos));
        return None;
    };
    let mut scratch = Vec::new();
    let mut r0 = Reader { obj: String::new(), diags: &mut scratch };
    let kind = r0.string(root.get("kind"), &"kind").unwrap_or_default();
    let api_version = r0.string(root.get("apiVersion"), &"apiVersion").unwrap_or_default();
    diags.append(&mut scratch);
    if kind.is_empty() {
        // apimachinery runtime.missingKindErr: "Object 'Kind' is missing in '<json>'"
        diags.push(Diagnostic::note(Severity::Error, ErrorType::Required, "MissingKind", "Object 'Kind' is missing".into(), root.pos).at_field("kind"));
        return None;
    }
    if api_version.is_empty() {
        diags.push(
            Diagnostic::note(Severity::Error, ErrorType::Required, "MissingVersion", "Object 'apiVersion' is missing".into(), root.pos)
                .at_field("apiVersion")
                .on(&kind),
        );
    }
    if !KINDS.contains(&kind.as_str()) {
        return None; // the caller reports it as ignored (kind: List is unpacked before this)
    }
    let before = diags.len();
    let mut r = Reader { obj: String::new(), diags };
    let meta = meta(&mut r, root);
    // the object's id goes onto its diagnostics below, made only when there are any
    let body = match kind.as_str() {
        "Service" => Body::Service(service_spec(&mut r, root)),
        "Pod" => {
            let spec = pod_spec(&mut r, root.get("spec"), &"spec");
            Body::Pod(spec, pod_status(&mut r, root.get("status")))
        }
        "Deployment" | "ReplicaSet" | "StatefulSet" | "DaemonSet" => Body::Workload(workload(&mut r, root, &kind)),
        "ReplicationController" => Body::Workload(replication_controller(&mut r, root)),
        "Job" => Body::Workload(job(&mut r, root, &meta)),
        "Ingress" => Body::Ingress(Box::new(super::ingress::decode(&mut r, root))),
        "NetworkPolicy" => Body::NetworkPolicy(Box::new(super::netpol::decode(&mut r, root))),
        "PodDisruptionBudget" => {
            let spec = root.get("spec");
            let get = |k: &str| spec.and_then(|s| s.get(k));
            Body::DisruptionBudget(DisruptionBudget {
                selector: label_selector(&mut r, get("selector"), &"spec.selector"),
                min_available: r.int_or_string(get("minAvailable"), &"spec.minAvailable"),
                max_unavailable: r.int_or_string(get("maxUnavailable"), &"spec.maxUnavailable"),
            })
        }
        "HorizontalPodAutoscaler" => {
            let spec = root.get("spec");
            let get = |k: &str| spec.and_then(|s| s.get(k));
            let target = get("scaleTargetRef");
            Body::Autoscaler(Autoscaler {
                target_kind: r.string(target.and_then(|t| t.get("kind")), &"spec.scaleTargetRef.kind").unwrap_or_default(),
                target_name: r.string(target.and_then(|t| t.get("name")), &"spec.scaleTargetRef.name").unwrap_or_default(),
                min_replicas: r.int(get("minReplicas"), &"spec.minReplicas").unwrap_or(1),
                max_replicas: r.int(get("maxReplicas"), &"spec.maxReplicas").unwrap_or(i64::MAX),
            })
        }
        "Endpoints" => Body::Endpoints(endpoints(&mut r, root, &meta.name)),
        "EndpointSlice" => Body::EndpointSlice(endpoint_slice(&mut r, root, &meta)),
        "Node" => Body::Node(node_info(&mut r, root)),
        _ => Body::Namespace,
    };
    let refused = r.diags[before..].iter().any(|d| d.code == "TypeMismatch");
    // name this object's diagnostics (metadata's too, read before the id was known)
    if r.diags.len() > before {
        let id = object_id(&kind, &meta.namespace, &meta.name);
        for d in r.diags[before..].iter_mut().filter(|d| d.object.as_deref().is_none_or(str::is_empty)) {
            d.object = Some(id.clone());
        }
    }
    Some(Object { kind, api_version, meta, body, source, refused, input_priority: None })
}

/// The annotation that turns topology aware routing on, as `key: value`, when it does: k8s.io/
/// endpointslice reconciler.go hintsEnabled reads service.kubernetes.io/topology-aware-hints
/// first (the deprecated one wins when both are set), then service.kubernetes.io/topology-mode;
/// "Auto" or "auto" is on.
fn topology_hints_annotation(root: &Node) -> Option<String> {
    let ann = root.get("metadata").and_then(|m| m.get("annotations"))?;
    ["service.kubernetes.io/topology-aware-hints", "service.kubernetes.io/topology-mode"]
        .into_iter()
        .find_map(|k| ann.get(k).map(|v| (k, v)))
        .and_then(|(k, v)| v.as_str().filter(|v| matches!(*v, "Auto" | "auto")).map(|v| format!("{k}: {v}")))
}

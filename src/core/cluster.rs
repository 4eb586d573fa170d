//! The simulated cluster: nodes, and the pods that would run — pasted Pods plus the pods that
//! workload controllers would create, named as those controllers name them — with IPs.

use std::fmt::Write as _;
use super::yaml::{items as seq, node_at};
use std::borrow::Cow;
use std::mem::take;
use serde::Serialize;

use super::config::{fnv, Cidr, Config};
use super::diag::{quote, Diagnostic, ErrorType, Severity};
use super::model::{
    Body, Container, JobSpec, LabelSelector, Labels, NodeSelectorRequirement, NodeSelectorTerm, Object, PodAffinityTerm, PodSpec, PodStatus, Resources, Taint, Toleration, TopologySpreadConstraint,
    Workload, JOB_LABELS,
};

/// Most pods we simulate (workload replicas beyond this are not drawn).
pub const MAX_PODS: usize = 20_000;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterNode {
    pub name: String,
    pub ip: String,
    #[serde(rename = "podCIDR")]
    pub pod_cidr: String,
    /// a dual-stack cluster's node: its InternalIP of the other family (kubelet
    /// --node-ip=<v4>,<v6> registers both; a NodePort of a Service of that family is reached
    /// there, and kube-proxy's proxier of that family masquerades to it); a stand-in in
    /// 2001:db8::/32 (or 192.168.49.x) when the Node lists none. Absent on a single-stack cluster
    #[serde(rename = "ipOtherFamily", skip_serializing_if = "Option::is_none")]
    pub ip_other: Option<String>,
    /// a dual-stack cluster's node: its pod range of the other family (spec.podCIDRs[1])
    #[serde(rename = "podCIDROtherFamily", skip_serializing_if = "Option::is_none")]
    pub pod_cidr_other: Option<String>,
    /// made up because the input had no Node objects
    pub simulated: bool,
    /// the Node's Ready condition (a Node object without one is taken as Ready)
    pub ready: bool,
    /// spec.unschedulable (cordoned)
    pub unschedulable: bool,
    /// the what-if "node goes down" (Config::down; whatif23): the node itself is unreachable
    /// (power or network lost), so nothing on it answers: paths entering there or starting from
    /// a client pod there fail (paths.rs `down_node_paths`). In the JSON only when true
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub down: bool,
    /// spec.taints, plus the taints the node lifecycle controller would add when the Node object
    /// does not list them (not-ready / unreachable for Ready=False / Unknown, unschedulable)
    pub taints: Vec<Taint>,
    #[serde(skip)]
    pub labels: Labels,
    /// host ports taken by the pods bound here: (protocol, port) — NodeInfo.UsedPorts
    #[serde(skip)]
    used_ports: Vec<(String, i64)>,
    /// status.allocatable cpu, memory, pods (None: not known, not checked) and what the pods
    /// bound here request (NodeInfo.Allocatable / Requested / Pods)
    #[serde(skip)]
    allocatable: [Option<u64>; 3],
    #[serde(skip)]
    requested: [u64; 3],
    #[serde(skip)]
    cidr: Cidr,
    /// `pod_cidr_other`, parsed
    #[serde(skip)]
    cidr_other: Option<Cidr>,
    #[serde(skip)]
    next_ip: u128,
}

impl ClusterNode {
    /// status.allocatable cpu in millicores, when the Node object lists it.
    pub fn allocatable_cpu(&self) -> Option<u64> {
        self.allocatable[0]
    }
    /// The node's address of a Service's family: its InternalIP of that family (a dual-stack
    /// node has one of each; kube-proxy runs one proxier per family, each on the node's address
    /// of its own family: pkg/proxy/iptables NewDualStackProxier, nodeIPs by family).
    pub fn ip_for(&self, v6: bool) -> &str {
        match &self.ip_other {
            Some(o) if self.ip.contains(':') != v6 && o.contains(':') == v6 => o,
            _ => &self.ip,
        }
    }
    /// The node's pod range of a family (spec.podCIDRs: one per family on a dual-stack cluster).
    pub fn pod_cidr_for(&self, v6: bool) -> &str {
        match &self.pod_cidr_other {
            Some(o) if self.pod_cidr.contains(':') != v6 && o.contains(':') == v6 => o,
            _ => &self.pod_cidr,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PodInst {
    pub name: String,
    pub namespace: String,
    #[serde(serialize_with = "super::report::labels_as_map")]
    pub labels: Labels,
    /// None: not scheduled (spec.nodeName names a node that does not exist, or no node passes
    /// the scheduler's filters: see `pendingReason`)
    pub node: Option<String>,
    pub ip: Option<String>,
    /// a dual-stack pod's address of the other family (a dump's status.podIPs, or on a
    /// dual-stack cluster the one this picture gives it); the EndpointSlice controller gives a
    /// Service of that family this one. Absent for a single-stack pod
    #[serde(rename = "ipOtherFamily", skip_serializing_if = "Option::is_none")]
    pub ip_other: Option<String>,
    pub phase: String,
    pub ready: bool,
    /// readiness flipped by the user (Config::flip_ready)
    #[serde(rename = "readyFlipped")]
    pub ready_flipped: bool,
    pub terminating: bool,
    #[serde(skip)]
    pub containers: Vec<Container>,
    #[serde(skip)]
    pub sidecars: Vec<Container>,
    pub hostname: Option<String>,
    pub subdomain: Option<String>,
    /// e.g. `Deployment/web` for a pod a controller would create
    pub owner: Option<String>,
    /// a Pod written in the input that its `owner` (a ReplicaSet or ReplicationController)
    /// adopted (ClaimPods): the owner did not make it
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub adopted: bool,
    /// spec.hostNetwork: the pod's IP is its node's IP
    #[serde(rename = "hostNetwork")]
    pub host_network: bool,
    /// why the pod is Pending, in the scheduler's words (the FailedScheduling event / PodScheduled
    /// condition message), e.g. `0/3 nodes are available: …`
    #[serde(rename = "pendingReason")]
    pub pending_reason: Option<String>,
    /// why the pod is not Ready although it runs, when the cluster (not the pod) decided it:
    /// its node is NotReady (node lifecycle controller MarkPodsNotReady)
    #[serde(rename = "notReadyReason")]
    pub not_ready_reason: Option<String>,
    /// why the kubelet refused a pod bound with spec.nodeName (status.message of the Failed pod),
    /// e.g. `Pod was rejected: Predicate NodeAffinity failed: …`
    #[serde(rename = "failedReason")]
    pub failed_reason: Option<String>,
    /// spec.dnsPolicy as written (None: ClusterFirst); absent from the JSON when not written
    #[serde(rename = "dnsPolicy", skip_serializing_if = "Option::is_none")]
    pub dns_policy: Option<String>,
    /// spec.dnsConfig (nameservers, searches, options), merged into its resolv.conf by the
    /// kubelet (core::dnsquery::resolver)
    #[serde(skip)]
    pub dns_config: Option<Box<super::dnsquery::DnsConf>>,
    /// the pod this one replaces: its controller created it after the user deleted that one
    /// (Config::deleted_pods, Config::drained); absent from the JSON otherwise
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replaces: Option<String>,
    /// index of the source object
    #[serde(skip)]
    pub object: usize,
    /// spec.affinity.podAntiAffinity's required terms: they keep later pods off this pod's
    /// topology domain (InterPodAffinity, existing pods' anti-affinity)
    #[serde(skip)]
    pub anti_affinity: Vec<PodAffinityTerm>,
    /// the input gave the pod's status (a dump's pod): its Ready is the kubelet's, not this
    /// picture's (learnfix15: Why's probe-port warning is for simulated pods only)
    #[serde(skip)]
    pub status_given: bool,
    /// spec.restartPolicy as written (None: Always): what a terminal pod's words say of how it
    /// got there (resolve::pod_endpoint; fidfix24)
    #[serde(skip)]
    pub restart_policy: Option<String>,
    /// what the kubelet's probes do to this pod that its Ready alone does not say (fidfix21): a
    /// livenessProbe on a port name the container does not declare (it never fails, so never
    /// restarts), a readinessProbe's initialDelaySeconds (not Ready for that long after each
    /// start). Infos for the pod's line; absent from the JSON when none
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cluster {
    pub nodes: Vec<ClusterNode>,
    pub pods: Vec<PodInst>,
    /// labels of the namespaces the input creates (plus `kubernetes.io/metadata.name`, which the
    /// API server sets on every Namespace), for PodAffinityTerm.namespaceSelector
    ns_labels: Vec<(String, Labels)>,
    /// how many placed pods carry required anti-affinity terms (0: InterPodAffinity has nothing
    /// to check for a pod without terms of its own, and the scan over placed pods is skipped)
    pods_with_anti_affinity: usize,
    /// pods with a native sidecar that declares a port (an upper bound: paths'
    /// sidecar_port_note looks for the pod only when there are some)
    pub pods_with_sidecar_ports: usize,
    /// the addresses written pods hold (status.podIP; [`ip_key`]): host-local IPAM never hands
    /// out an address in use, so a simulated pod skips them
    taken_ips: super::resolve::FastSet<u128>,
    /// pods (`namespace/name`) a drain could not evict (a PodDisruptionBudget), and the node they
    /// stay bound to while every other pod is scheduled again (only the build's)
    kept: Vec<(String, String)>,
    /// the namespace of the user's `client` pod that is the in-cluster client
    /// (Config::client_namespace; empty: default): paths::user_client
    pub client_namespace: String,
    /// the name of the input pod that is the in-cluster client (Config::client_pod; empty:
    /// `client`): paths::user_client
    pub client_name: String,
}

impl ClusterNode {
    /// The node's next free pod address (host-local IPAM: the next one after the last
    /// allocated, past the addresses written pods hold); None when its range is used up.
    fn next_pod_ip(&mut self, taken: &mut super::resolve::FastSet<u128>) -> Option<String> {
        while taken.contains(&ip_key(self.cidr.nth(self.next_ip))) && self.next_ip + 1 < self.cidr.size() {
            self.next_ip += 1;
        }
        let ip = (self.next_ip + 1 < self.cidr.size()).then(|| self.cidr.nth(self.next_ip));
        self.next_ip += 1;
        // (nodes made from a dump may share a range, as with a VPC CNI: an address is given once)
        ip.map(|ip| {
            taken.insert(ip_key(ip));
            ip.to_string()
        })
    }
}

/// An address as one number of both families (IPv4 as its IPv4-mapped IPv6 form).
fn ip_key(ip: std::net::IpAddr) -> u128 {
    match ip {
        std::net::IpAddr::V4(a) => u128::from(a.to_ipv6_mapped()),
        std::net::IpAddr::V6(a) => u128::from(a),
    }
}

/// The pod range of the `idx`-th simulated node: kubeadm's 10.244.0.0/16 cut in /24s, or on an
/// IPv6-primary cluster kind's fd00:10:244::/56 cut in /64s (kube-controller-manager
/// --node-cidr-mask-size-ipv6 64).
fn default_pod_cidr(cfg: &Config, idx: usize) -> Cidr {
    default_pod_cidr_of(cfg.ipv6(), idx)
}

fn default_pod_cidr_of(v6: bool, idx: usize) -> Cidr {
    if v6 {
        Cidr { base: (0xfd00_0010_0244_0000u128 | idx as u128) << 64, prefix: 64, v6: true }
    } else {
        Cidr::v4(u32::from(std::net::Ipv4Addr::new(10, 244, idx as u8, 0)), 24)
    }
}

/// A dual-stack node's pod range of the other family, paired with its primary one as kind
/// pairs them (kind's default podSubnet 10.244.0.0/16,fd00:10:244::/56 with node CIDR masks
/// /24 and /64: node N gets 10.244.N.0/24 and fd00:10:244:N::/64); a range of another shape
/// gets the `idx`-th of the other family's default.
fn other_pod_cidr(primary: Cidr, idx: usize) -> Cidr {
    if !primary.v6 && primary.prefix == 24 && primary.base >> 16 == 0x0af4 {
        return default_pod_cidr_of(true, ((primary.base >> 8) & 0xff) as usize);
    }
    if primary.v6 && primary.prefix == 64 && primary.base >> 80 == 0xfd00_0010_0244 && (primary.base >> 64) & 0xffff < 256 {
        return default_pod_cidr_of(false, ((primary.base >> 64) & 0xffff) as usize);
    }
    default_pod_cidr_of(!primary.v6, idx)
}

/// The address of the `idx`-th simulated node (or a Node without an InternalIP): minikube's
/// 192.168.49.x, or on an IPv6-primary cluster one in the documentation prefix 2001:db8::/32
/// (RFC 3849), never an IPv4 address.
fn default_node_ip(cfg: &Config, idx: usize) -> String {
    default_node_ip_of(cfg.ipv6(), idx)
}

fn default_node_ip_of(v6: bool, idx: usize) -> String {
    if v6 {
        format!("2001:db8:49::{:x}", 2 + idx)
    } else {
        format!("192.168.49.{}", 2 + idx)
    }
}

impl Cluster {
    /// Equal but for the pods (core::ServiceCache compares those with the last report's).
    pub(crate) fn same_but_pods(&self, other: &Cluster) -> bool {
        // (taken_ips is only the build's: what the written pods held)
        let Cluster { nodes, pods: _, ns_labels, pods_with_anti_affinity, pods_with_sidecar_ports: _, taken_ips: _, kept: _, client_namespace, client_name } = self;
        *nodes == other.nodes && *ns_labels == other.ns_labels && *pods_with_anti_affinity == other.pods_with_anti_affinity && *client_namespace == other.client_namespace && *client_name == other.client_name
    }

    /// A copy without the pods.
    pub(crate) fn without_pods(&self) -> Cluster {
        let Cluster { nodes, pods: _, ns_labels, pods_with_anti_affinity, pods_with_sidecar_ports, taken_ips: _, kept: _, client_namespace, client_name } = self;
        Cluster { nodes: nodes.clone(), pods: Vec::new(), ns_labels: ns_labels.clone(), pods_with_anti_affinity: *pods_with_anti_affinity, pods_with_sidecar_ports: *pods_with_sidecar_ports, taken_ips: Default::default(), kept: Vec::new(), client_namespace: client_namespace.clone(), client_name: client_name.clone() }
    }
}

/// rand.SafeEncodeString's alphabet (k8s.io/apimachinery/pkg/util/rand): no vowels, no 0/1/3.
const ALNUM: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

fn safe_encode(mut h: u64, n: usize) -> String {
    (0..n)
        .map(|_| {
            let c = ALNUM[(h % ALNUM.len() as u64) as usize] as char;
            h /= ALNUM.len() as u64;
            c
        })
        .collect()
}

impl Cluster {
    pub fn node(&self, name: &str) -> Option<&ClusterNode> {
        self.nodes.iter().find(|n| n.name == name)
    }
}

pub fn build(objects: &[Object], cfg: &Config, diags: &mut Vec<Diagnostic>) -> Cluster {
    build_checked(objects, None, cfg, diags)
}

/// [`validate_pod_like`]'s answer for each object (None: not a pod or workload, or refused),
/// made beforehand: core::incremental keeps them with each document's reading.
pub(crate) type PodChecks<'a> = Option<&'a [Option<(bool, Vec<Diagnostic>)>]>;

/// [`validate_pod_like`] of one object, as [`build`] asks it.
pub(crate) fn pod_check(o: &Object) -> Option<(bool, Vec<Diagnostic>)> {
    if !matches!(o.body, Body::Pod(..) | Body::Workload(_)) || o.refused {
        return None;
    }
    let mut diags = Vec::new();
    let ok = validate_pod_like(o, &mut diags);
    Some((ok, diags))
}

/// Whether a workload passes the apps/batch spec checks its expansion refuses on (selector set,
/// not empty, matching the template's labels; podManagementPolicy; update strategy;
/// minReadySeconds and the like; replicas not negative), besides [`pod_check`]: for `replaced_objects`, which asks before the
/// expansion runs whether an earlier definition was created at all. true for other kinds.
pub(crate) fn workload_spec_ok(o: &Object) -> bool {
    let Body::Workload(w) = &o.body else { return true };
    if !w.selector_set {
        return o.kind == "ReplicationController";
    }
    let sel = w.match_labels.clone().unwrap_or_default();
    if sel.is_empty() && w.match_expressions.is_empty() && w.job.is_none() {
        return false;
    }
    if !workload_selector_errors(o, w).is_empty() || !selector_matches(Some(&workload_selector(w)), &w.template_labels) {
        return false;
    }
    if w.pod_management_policy.as_deref().is_some_and(|p| !p.is_empty() && !matches!(p, "OrderedReady" | "Parallel")) {
        return false;
    }
    let mut ordinals = Vec::new();
    validate_strategy_type(o, &mut ordinals).is_empty()
        && ordinals.is_empty()
        && validate_update_strategy(o).is_empty()
        && validate_pvc_retention_policy(o).is_empty()
        && validate_seconds_and_history(o).is_empty()
        && service_name_errors(o, w).is_empty()
        && w.replicas.is_none_or(|r| r >= 0)
}

/// A workload's spec.selector as metav1.LabelSelector: matchLabels as the workload keeps them
/// (a Job's with the generated key merged in) and matchExpressions as written.
pub(crate) fn workload_selector(w: &Workload) -> LabelSelector {
    LabelSelector { match_labels: w.match_labels.clone().unwrap_or_default(), match_expressions: w.match_expressions.clone() }
}

/// pkg/apis/apps/validation/validation.go ValidateDeploymentSpec / ValidateReplicaSetSpec /
/// ValidateStatefulSetSpec / ValidateDaemonSetSpec: unversionedvalidation.ValidateLabelSelector
/// (staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation ValidateLabelSelector →
/// ValidateLabelSelectorRequirement, AllowInvalidLabelValueInSelector false on create), then
/// metav1.LabelSelectorAsSelector (meta/v1/helpers.go), which fails on the same entries
/// (labels.NewRequirement checks operator, values, key and value): Deployment and ReplicaSet add
/// `spec.selector: Invalid value: {…}: invalid label selector`, StatefulSet the same without a
/// detail, DaemonSet nothing (it only skips the template comparison). A Job's selector is
/// checked in [`validate_pod_like`] (batch ValidateJobSpec). Empty for a valid selector.
pub(crate) fn workload_selector_errors(o: &Object, w: &Workload) -> Vec<Diagnostic> {
    let mut errs = Vec::new();
    if !w.selector_set || w.job.is_some() || o.kind == "ReplicationController" {
        return errs;
    }
    let at = |f: &str| o.pos(f);
    super::netpol::validate_label_selector(&workload_selector(w), "spec.selector", &at, &mut errs);
    if errs.is_empty() {
        return errs;
    }
    let written = o.source.get("spec").and_then(|s| s.get("selector")).and_then(super::selector_value).unwrap_or_default();
    let shown = super::selector_json(&written);
    match o.kind.as_str() {
        "Deployment" | "ReplicaSet" => errs.push(Diagnostic::invalid("spec.selector", at("spec.selector"), &shown, "invalid label selector")),
        "StatefulSet" => {
            // field.Invalid(…, spec.Selector, ""): no detail after the value
            let mut d = Diagnostic::invalid("spec.selector", at("spec.selector"), &shown, "");
            d.message = format!("spec.selector: Invalid value: {shown}");
            errs.push(d);
        }
        _ => {}
    }
    errs
}

/// [`build`] with the objects' [`pod_check`]s made beforehand (or None: made here).
pub(crate) fn build_checked(objects: &[Object], checks: PodChecks, cfg: &Config, diags: &mut Vec<Diagnostic>) -> Cluster {
    let mut cluster = build_draining(objects, checks, cfg, diags);
    if !cfg.down.is_empty() {
        nodes_down(&mut cluster, objects, &cfg.down, diags);
    }
    budgets_selecting_no_pod(objects, &cluster, diags);
    budgets_allowing_no_disruption(objects, &cluster, diags);
    cluster
}

/// The what-if "node goes down" (Config::down; whatif22): the nodes' kubelets stop posting
/// status, and the picture is the cluster once node-monitor-grace-period has passed (50 s since
/// v1.32: kubernetes/kubernetes#126287 in pkg/controller/nodelifecycle/config/v1alpha1/
/// defaults.go RecommendedDefaultNodeLifecycleControllerConfiguration, for #121793; 40 s before,
/// as the stored copy of that file still reads). node_lifecycle_controller.go tryUpdateNodeHealth sets the
/// node's Ready condition Unknown ("NodeStatusUnknown", "Kubelet stopped posting node
/// status."); doNoScheduleTaintingPass (nodeConditionToTaintKeyStatusMap: Ready Unknown) and
/// processTaintBaseEviction (UnreachableTaintTemplate, swapped for NotReadyTaintTemplate) give it
/// `node.kubernetes.io/unreachable` NoSchedule and NoExecute in place of the not-ready ones;
/// monitorNodeHealth, on Ready leaving True, calls controllerutil.MarkPodsNotReady
/// (pkg/controller/util/node/controller_utils.go): every pod bound to the node gets Ready=False,
/// so the EndpointSlice controller lists it ready: false (endpointslice utils.go podToEndpoint:
/// ready = publishNotReadyAddresses || IsPodReady) and kube-proxy sends it no new connections.
/// The pods stay bound where they ran (nothing is rescheduled here: the picture before the node
/// went down is kept); their taint eviction 300 s later (DefaultTolerationSeconds) is said by
/// [`taint_eviction_notes`] for these nodes.
fn nodes_down(cluster: &mut Cluster, objects: &[Object], down: &[String], diags: &mut Vec<Diagnostic>) {
    let mut any = false;
    for n in cluster.nodes.iter_mut().filter(|n| down.contains(&n.name)) {
        any = true;
        n.ready = false;
        n.down = true;
        n.taints.retain(|t| t.key != TAINT_NOT_READY);
        for effect in ["NoSchedule", "NoExecute"] {
            if !n.taints.iter().any(|t| t.key == TAINT_UNREACHABLE && t.effect == effect) {
                n.taints.push(taint(TAINT_UNREACHABLE, effect));
            }
        }
    }
    if !any {
        return;
    }
    for p in cluster.pods.iter_mut().filter(|p| p.node.as_ref().is_some_and(|n| down.contains(n))) {
        if !p.ready {
            continue; // (already not Ready: its own reason stays)
        }
        p.ready = false;
        let node = p.node.as_deref().unwrap_or_default();
        let stays = if p.owner.as_deref().is_some_and(|o| o.starts_with("DaemonSet/")) {
            "; a DaemonSet pod tolerates node.kubernetes.io/unreachable:NoExecute without a time limit (AddOrUpdateDaemonPodTolerations), so it is never evicted and stays until the node is back"
        } else {
            ""
        };
        p.not_ready_reason = Some(format!(
            "node {node} went down (what-if): after node-monitor-grace-period (50 s by default since v1.32, 40 s before) without a status from its kubelet, the node lifecycle controller sets its Ready condition Unknown (\"Kubelet stopped posting node status.\"), taints it node.kubernetes.io/unreachable:NoExecute and marks every pod bound to it Ready=False (MarkPodsNotReady): the EndpointSlice controller lists this pod ready: false and kube-proxy sends it no new connections{stays}"
        ));
    }
    // the Pending pods, scheduled again (whatif23): the scheduler retries them, and the down
    // nodes now fail its TaintToleration filter (node.kubernetes.io/unreachable:NoSchedule
    // untolerated, before NodeAffinity, NodePorts and NodeResourcesFit look: the default
    // profile's filter order, pkg/scheduler/apis/config/v1 default_plugins.go); a pod that could
    // only go there stays Pending with these words
    let mut changed = false;
    for i in 0..cluster.pods.len() {
        let p = &cluster.pods[i];
        if p.node.is_some() || p.pending_reason.is_none() {
            continue;
        }
        let Some(spec) = objects.get(p.object).and_then(|o| scheduled_spec(o, &p.labels)) else { continue };
        let again = feasible_nodes(&cluster.nodes, &spread_state(cluster, &p.namespace, &spec), &affinity_state(cluster, &p.namespace, &p.labels, &spec), &p.labels, &spec);
        // (a node it fits now: none can, the down nodes only took taints; the words stay)
        if let Err(msg) = again {
            if cluster.pods[i].pending_reason.as_deref() != Some(msg.as_str()) {
                cluster.pods[i].pending_reason = Some(msg);
                changed = true;
            }
        }
    }
    if changed {
        diags.retain(|d| d.code != "FailedScheduling");
        failed_scheduling_warnings(cluster, objects, pending_groups(cluster), diags);
    }
    // (a node written NotReady had its not-ready taint's eviction said already: it is the
    // unreachable one now)
    diags.retain(|d| !(d.code == "TaintEviction" && down.iter().any(|n| d.message.contains(&format!(" on node {n}: ")))));
    // where the replacements can go once the taint eviction deleted the pods the down nodes ran
    // (their controllers create them anew, the scheduler places them): the cluster without those
    let mut after = cluster.without_pods();
    after.pods = cluster.pods.iter().filter(|p| !(p.node.as_ref().is_some_and(|n| down.contains(n)) && p.owner.as_deref().is_some_and(|o| !o.starts_with("DaemonSet/")))).cloned().collect();
    taint_eviction_notes(cluster, objects, Some((down, &after)), diags);
}

/// The page's status line when node `node` goes down (ui/whatif_node.rs; `pods`: the pods bound
/// there). review25: the taint eviction's 300 s is DefaultTolerationSeconds' toleration for a
/// pod that sets none of its own (plugin/pkg/admission/defaulttolerationseconds); a pod deleted
/// on an unreachable node stays Terminating (kubernetes/kubernetes#54368), which a ReplicaSet
/// replaces at once (controller_utils.go FilterActivePods leaves it out) and a StatefulSet does
/// not (stateful_set_control.go "StatefulSet is waiting for Pod to Terminate").
pub fn node_down_status(node: &str, pods: &[&str]) -> String {
    // (learnfix19: "it" for one pod)
    let (which, them, they) = match pods.len() {
        0 => ("no pod runs there".to_string(), "them", "they stay"),
        1 => (format!("its pod {} is marked Ready=False", pods[0]), "it", "it stays"),
        n => (format!("its {n} pods ({}) are marked Ready=False", pods.join(", ")), "them", "they stay"),
    };
    format!(
        "Node {node} goes down (power or network lost: its kubelet stops posting status). After node-monitor-grace-period (50 s by default since v1.32, 40 s before) the node lifecycle controller sets its Ready condition Unknown and taints it node.kubernetes.io/unreachable (NoSchedule: no new pod goes there; NoExecute); {which} (MarkPodsNotReady), so the EndpointSlice controller lists {them} ready: false and kube-proxy sends {them} no new connections. This picture is that moment. 300 s later (the toleration the DefaultTolerationSeconds admission plugin gives every pod that sets none of its own) the taint eviction controller deletes {them}; as the unreachable kubelet never confirms a deletion, {they} Terminating until the node is back or its Node object is deleted. A Deployment's ReplicaSet creates replacements at once, which the scheduler places where its filters allow (the TaintEviction warnings name the nodes, or why they stay Pending); a StatefulSet creates none until its pod is gone (the node answers again, the Node is deleted, or the pod is force-deleted); a pod without a controller is not replaced, and DaemonSet pods tolerate the taint and stay."
    )
}

/// The page's status line when node `node` comes back (ui/whatif_node.rs). review25: its
/// kubelet, not the node lifecycle controller, posts the Ready=True condition (kubelet
/// nodestatus setters.go ReadyCondition); the controller then removes the unreachable taints
/// (node_lifecycle_controller.go doNoScheduleTaintingPass, markNodeAsReachable).
pub fn node_back_status(node: &str) -> String {
    format!("Node {node} is back: its kubelet posts status again with Ready True, so the node lifecycle controller removes the node.kubernetes.io/unreachable taints; its pods are Ready again once their probes pass, and the EndpointSlice controller lists them ready again.")
}

/// pkg/controller/disruption/disruption.go `trySync`: a PodDisruptionBudget whose selector
/// matches no pod gets the event NoPods "No matching pods found", and guards nothing (a null
/// selector selects nothing in policy/v1). Said only where pods of its namespace run here: a
/// budget written without its workload is not flagged.
fn budgets_selecting_no_pod(objects: &[Object], cluster: &Cluster, diags: &mut Vec<Diagnostic>) {
    for o in objects.iter().filter(|o| !o.refused) {
        let Body::DisruptionBudget(b) = &o.body else { continue };
        let in_ns = cluster.pods.iter().filter(|p| p.namespace == o.meta.namespace).count();
        if in_ns == 0 || cluster.pods.iter().any(|p| p.namespace == o.meta.namespace && selector_matches(b.selector.as_ref(), &p.labels)) {
            continue;
        }
        let ns = &o.meta.namespace;
        let which = if in_ns == 1 { format!("the one pod of namespace {ns} does not match its selector") } else { format!("none of the {in_ns} pods of namespace {ns} matches its selector") };
        diags.push(
            Diagnostic::note(
                Severity::Warning,
                ErrorType::Resolution,
                "BudgetSelectsNoPods",
                format!("PodDisruptionBudget {} selects no pod ({which}): the disruption controller records the event NoPods \"No matching pods found\", and the budget protects no pod from eviction", o.meta.name),
                o.pos("spec.selector"),
            )
            .on(&o.id()),
        );
    }
}

/// A PodDisruptionBudget that allows no disruption even with every pod it selects healthy (qa9
/// 17, kubernetes/kubernetes#66811: a Deployment of 1 replica and minAvailable 1, "kubectl
/// drain got stuck … allowed disruptions was always 0"; kow3ns for sig-apps: give the workload
/// the capacity the budget asks for). pkg/controller/disruption/disruption.go updatePdbStatus:
/// disruptionsAllowed = currentHealthy − desiredHealthy, 0 when not positive; the Eviction API
/// (pkg/registry/core/pod/storage/eviction.go checkAndDecrement) then refuses every eviction
/// of its pods; kubectl drain retries every 5 s until its --timeout (0: none). What a node
/// upgrade or the autoscaler then does is its own (review24: not "waits forever"). Said as an
/// info, with the numbers.
fn budgets_allowing_no_disruption(objects: &[Object], cluster: &Cluster, diags: &mut Vec<Diagnostic>) {
    for o in objects.iter().filter(|o| !o.refused) {
        let Body::DisruptionBudget(b) = &o.body else { continue };
        let selected: Vec<&PodInst> = cluster.pods.iter().filter(|p| p.namespace == o.meta.namespace && selector_matches(b.selector.as_ref(), &p.labels)).collect();
        let expected = selected.len() as i64;
        let healthy = selected.iter().filter(|p| p.ready && p.phase == "Running").count() as i64;
        if expected == 0 || healthy < expected {
            continue;
        }
        let scaled = |v: &super::model::IntOrString| match v {
            super::model::IntOrString::Int(n) => Some(*n),
            super::model::IntOrString::Str(s) => s.strip_suffix('%').and_then(|n| n.parse::<i64>().ok()).map(|pct| (pct * expected + 99) / 100),
        };
        let (desired, rule, field) = match (&b.min_available, &b.max_unavailable) {
            (Some(v), _) => match scaled(v) {
                Some(d) => (d, format!("minAvailable {v}"), "spec.minAvailable"),
                None => continue,
            },
            (None, Some(v)) => match scaled(v) {
                Some(m) => (expected - m, format!("maxUnavailable {v}"), "spec.maxUnavailable"),
                None => continue,
            },
            (None, None) => continue,
        };
        if healthy - desired > 0 {
            continue;
        }
        let pods = if expected == 1 { format!("its one pod ({}) healthy", selected[0].name) } else { format!("all {expected} of its pods healthy") };
        diags.push(
            Diagnostic::note(
                Severity::Info,
                ErrorType::Resolution,
                "BudgetAllowsNoDisruption",
                format!(
                    "PodDisruptionBudget {}: {rule} with {pods} allows 0 disruptions (the disruption controller's disruptionsAllowed = {healthy} healthy − {desired} desired): every voluntary eviction of its pods is refused (\"Cannot evict pod as it would violate the pod's disruption budget.\"): kubectl drain of their nodes retries until its --timeout (none by default), and a node upgrade or the cluster autoscaler that evicts is refused too; run more replicas than the budget keeps, or allow one with maxUnavailable: 1",
                    o.meta.name
                ),
                o.pos(field),
            )
            .on(&o.id()),
        );
    }
}

/// [`build_checked`] before the budgets are looked at: a drain's evictions, if any.
fn build_draining(objects: &[Object], checks: PodChecks, cfg: &Config, diags: &mut Vec<Diagnostic>) -> Cluster {
    if cfg.drained.is_empty() {
        return build_once(objects, checks, cfg, &[], diags);
    }
    // kubectl drain: cordon, then evict the pods a controller will replace (DaemonSet pods stay:
    // --ignore-daemonsets; drain refuses bare pods without --force). The evicted pods are the
    // ones the cluster before the drain ran there; their replacements are scheduled on the
    // nodes left (pkg/kubectl/drain: Helper.GetPodsForDeletion, then eviction).
    let before = build_once(objects, checks, &Config { drained: vec![], ..cfg.clone() }, &[], &mut Vec::new());
    let mut cfg = cfg.clone();
    let mut evicted = Vec::new();
    let mut refused: Vec<Diagnostic> = Vec::new();
    let mut kept: Vec<(String, String)> = Vec::new();
    for p in &before.pods {
        let on_drained = p.node.as_ref().is_some_and(|n| cfg.drained.contains(n));
        let replaced_by_controller = p.owner.as_deref().is_some_and(|o| !o.starts_with("DaemonSet/"));
        if on_drained && replaced_by_controller {
            if let Some(d) = eviction_refused(objects, &before, p) {
                refused.push(d);
                kept.push((format!("{}/{}", p.namespace, p.name), p.node.clone().unwrap_or_default()));
                continue;
            }
            cfg.deleted_pods.push(format!("{}/{}", p.namespace, p.name));
            evicted.push(format!("{}/{}", p.namespace, p.name));
        }
    }
    let cluster = build_once_keeping(objects, checks, &cfg, &evicted, kept, diags);
    diags.extend(refused);
    cluster
}

/// The Eviction API's answer for a pod a drain evicts (pkg/registry/core/pod/storage/eviction.go
/// checkAndDecrement): refused with 429 "Cannot evict pod as it would violate the pod's
/// disruption budget." when a PodDisruptionBudget of its namespace selects it and allows no
/// disruption now (the disruption controller's disruptionsAllowed = currentHealthy −
/// desiredHealthy: minAvailable (a percentage of the pods it selects, rounded up), or the
/// selected pods − maxUnavailable (rounded up)). kubectl drain then keeps retrying. Evictions
/// the budget allows go through: their replacements are taken to become healthy in turn.
fn eviction_refused(objects: &[Object], cluster: &Cluster, pod: &PodInst) -> Option<Diagnostic> {
    for o in objects.iter().filter(|o| !o.refused && o.meta.namespace == pod.namespace) {
        let Body::DisruptionBudget(b) = &o.body else { continue };
        if !selector_matches(b.selector.as_ref(), &pod.labels) {
            continue;
        }
        let selected: Vec<&PodInst> = cluster.pods.iter().filter(|p| p.namespace == pod.namespace && selector_matches(b.selector.as_ref(), &p.labels)).collect();
        let expected = selected.len() as i64;
        let healthy = selected.iter().filter(|p| p.ready && p.phase == "Running").count() as i64;
        let scaled = |v: &super::model::IntOrString| match v {
            super::model::IntOrString::Int(n) => Some(*n),
            super::model::IntOrString::Str(s) => s.strip_suffix('%').and_then(|n| n.parse::<i64>().ok()).map(|pct| (pct * expected + 99) / 100),
        };
        let (desired, rule) = match (&b.min_available, &b.max_unavailable) {
            (Some(v), _) => (scaled(v)?, format!("minAvailable {v}")),
            (None, Some(v)) => (expected - scaled(v)?, format!("maxUnavailable {v}")),
            (None, None) => continue,
        };
        if healthy - desired <= 0 {
            return Some(
                Diagnostic::note(Severity::Warning, ErrorType::Resolution, "EvictionRefused",
                    format!("kubectl drain {}: pod {} is not evicted: the Eviction API answers \"Cannot evict pod as it would violate the pod's disruption budget.\" (PodDisruptionBudget {}: {rule}, {healthy} of {expected} selected pods healthy, so no disruption is allowed), and drain keeps retrying", pod.node.as_deref().unwrap_or_default(), pod.name, o.meta.name),
                    o.pos("spec")).on(&o.id()),
            );
        }
    }
    None
}

/// `evicted`: pods (`namespace/name`) a drain removed from another node (their addresses are
/// not on the node their replacement lands on).
fn build_once(objects: &[Object], checks: PodChecks, cfg: &Config, evicted: &[String], diags: &mut Vec<Diagnostic>) -> Cluster {
    build_once_keeping(objects, checks, cfg, evicted, Vec::new(), diags)
}

/// [`build_once`], with `kept` pods bound to the node they ran on (a drain could not evict them).
fn build_once_keeping(objects: &[Object], checks: PodChecks, cfg: &Config, evicted: &[String], kept: Vec<(String, String)>, diags: &mut Vec<Diagnostic>) -> Cluster {
    let mut cluster = Cluster { kept, ..Cluster::default() };
    // the written pods at least (a whole-cluster dump is mostly them): no doubling of 10,000
    cluster.pods.reserve_exact(objects.iter().filter(|o| matches!(o.body, Body::Pod(..))).count());
    for o in objects.iter().filter(|o| matches!(o.body, Body::Namespace) && !o.refused) {
        cluster.ns_labels.push((o.meta.name.clone(), o.meta.labels.clone()));
    }
    // a dual-stack dump: a node's pod range of the other family is the /64 (IPv4: /24) of a
    // pod's status.podIPs address of that family bound there (host-local IPAM hands a pod one
    // address from each of its node's spec.podCIDRs); else kind's pairing (other_pod_cidr)
    let mut other_cidrs: std::collections::HashMap<&str, Cidr> = std::collections::HashMap::new();
    if cfg.dual_stack {
        for o in objects.iter().filter(|o| !o.refused) {
            let Body::Pod(spec, status) = &o.body else { continue };
            let (Some(n), Some(ip)) = (&spec.node_name, status.pod_ip_other.as_deref().and_then(|ip| ip.parse::<std::net::IpAddr>().ok())) else { continue };
            if spec.host_network || other_cidrs.contains_key(n.as_str()) {
                continue;
            }
            if let Some(c) = Cidr::parse(&format!("{ip}/{}", if ip.is_ipv6() { 64 } else { 24 })) {
                other_cidrs.insert(n.as_str(), c);
            }
        }
    }
    let other_cidr_of = |name: &str, primary: Cidr, idx: usize| other_cidrs.get(name).copied().unwrap_or_else(|| other_pod_cidr(primary, idx));
    for o in objects {
        if let (Body::Node(info), false) = (&o.body, o.refused) {
            let idx = cluster.nodes.len() as u32;
            let cidr = info
                .pod_cidr
                .as_deref()
                .and_then(Cidr::parse)
                .unwrap_or_else(|| default_pod_cidr(cfg, idx as usize));
            // a dual-stack node's address of the cluster's primary family (never an IPv4 address
            // as an IPv6 cluster's node when the node has an IPv6 one)
            let primary = |ip: &&String| ip.contains(':') == cfg.ipv6();
            let ip = [&info.internal_ip, &info.internal_ip_other]
                .into_iter()
                .flatten()
                .find(primary)
                .or(info.internal_ip.as_ref())
                .cloned()
                .unwrap_or_else(|| default_node_ip(cfg, idx as usize));
            // a dual-stack cluster: the node's InternalIP of the other family, else a stand-in
            let other = cfg.dual_stack.then(|| {
                let v6 = !cfg.ipv6();
                let ip = [&info.internal_ip, &info.internal_ip_other].into_iter().flatten().find(|ip| ip.contains(':') == v6).cloned().unwrap_or_else(|| default_node_ip_of(v6, idx as usize));
                (ip, other_cidr_of(&o.meta.name, cidr, idx as usize))
            });
            cluster.nodes.push(ClusterNode {
                name: o.meta.name.clone(),
                ip,
                pod_cidr: cidr.to_string(),
                ip_other: other.as_ref().map(|o| o.0.clone()),
                pod_cidr_other: other.as_ref().map(|o| o.1.to_string()),
                cidr_other: other.map(|o| o.1),
                simulated: false,
                ready: info.ready.unwrap_or(true),
                unschedulable: info.unschedulable,
                down: false,
                taints: lifecycle_taints(&info.taints, &info.conditions, info.unschedulable),
                labels: kubelet_default_labels(&o.meta.labels, &o.meta.name),
                used_ports: vec![],
                allocatable: info.allocatable,
                requested: [0; 3],
                cidr,
                next_ip: 2,
            });
        }
    }
    let nodes_given = !cluster.nodes.is_empty();
    if !nodes_given {
        // no Node objects: the nodes the pods name (a pasted dump), else node-1..node-N
        let mut named: Vec<String> = Vec::new();
        // what the dumped pods say of their node: status.hostIP, and the /24 (IPv6: the /64) of
        // a pod address that is not the node's own (host-network pods hold the node's)
        let mut seen: Vec<(Option<std::net::IpAddr>, Option<Cidr>)> = Vec::new();
        for o in objects {
            let Body::Pod(spec, status) = &o.body else { continue };
            let Some(n) = &spec.node_name else { continue };
            let i = match named.iter().position(|x| x == n) {
                Some(i) => i,
                None if named.len() < 250 => {
                    named.push(n.clone());
                    seen.push((None, None));
                    named.len() - 1
                }
                None => continue,
            };
            let (host, cidr) = &mut seen[i];
            if host.is_none() {
                *host = status.host_ip;
            }
            if cidr.is_none() && !spec.host_network {
                if let Some(ip) = status.pod_ip.as_deref().and_then(|ip| ip.parse::<std::net::IpAddr>().ok()).filter(|ip| Some(*ip) != status.host_ip) {
                    let prefix = if ip.is_ipv6() { 64 } else { 24 };
                    *cidr = Cidr::parse(&format!("{ip}/{prefix}"));
                }
            }
        }
        let mut default: Vec<String> = (1..=cfg.nodes.clamp(1, 250)).map(|i| format!("node-{i}")).collect();
        // pods that name only simulated nodes keep the simulated cluster
        let from_pods = !named.iter().all(|n| default.contains(n));
        // the Windows builds the input's pods ask for: simulated Windows nodes beside the Linux ones
        let windows = if from_pods { Vec::new() } else { windows_requests(objects) };
        let linux = default.len();
        default.extend((1..=windows.len()).map(|i| format!("node-win-{i}")));
        if !windows.is_empty() {
            let names = default[linux..].join(", ");
            let msg = format!(
                "the input has no Node objects and its pods ask for Windows nodes (kubernetes.io/os: windows, by nodeSelector or required node affinity): {} simulated beside the {linux} Linux {}, labelled as a Windows kubelet labels its Node (kubernetes.io/os: windows, node.kubernetes.io/windows-build)",
                if windows.len() == 1 { format!("a Windows node, {names}, is") } else { format!("Windows nodes {names} are") },
                if linux == 1 { "one" } else { "ones" },
            );
            diags.push(Diagnostic::note(Severity::Info, ErrorType::Resolution, "WindowsNodesSimulated", msg, windows[0].1));
        }
        let names = if from_pods { named } else { default };
        for (idx, name) in names.into_iter().enumerate() {
            let (host, written_cidr) = if from_pods { seen[idx] } else { (None, None) };
            let cidr = written_cidr.unwrap_or_else(|| default_pod_cidr(cfg, idx));
            let ip = host.map_or_else(|| default_node_ip(cfg, idx), |h| h.to_string());
            // a dual-stack cluster: a second address and pod range of the other family (the
            // address a stand-in: a pod's status.hostIP names one family only)
            let other = cfg.dual_stack.then(|| {
                let v6 = !ip.contains(':');
                (default_node_ip_of(v6, idx), other_cidr_of(&name, cidr, idx))
            });
            cluster.nodes.push(ClusterNode {
                name: name.clone(),
                ip,
                pod_cidr: cidr.to_string(),
                ip_other: other.as_ref().map(|o| o.0.clone()),
                pod_cidr_other: other.as_ref().map(|o| o.1.to_string()),
                cidr_other: other.map(|o| o.1),
                simulated: true,
                // simulated nodes are healthy workers: no taints, and the labels every kubelet
                // registers its Node with (kubelet NodeStatusManager.InitialNode)
                ready: true,
                unschedulable: false,
                down: false,
                taints: vec![],
                labels: match idx.checked_sub(linux).filter(|_| !from_pods).and_then(|w| windows.get(w)) {
                    Some((build, _)) => kubelet_default_labels(&[("kubernetes.io/os".into(), "windows".into()), ("node.kubernetes.io/windows-build".into(), build.clone())], &name),
                    None => kubelet_default_labels(&[], &name),
                },
                used_ports: vec![],
                allocatable: [None; 3],
                requested: [0; 3],
                cidr,
                next_ip: 2,
            });
        }
    }
    cluster.taken_ips = objects
        .iter()
        .filter_map(|o| match &o.body {
            Body::Pod(_, st) => st.pod_ip.as_deref()?.parse().ok().map(ip_key),
            _ => None,
        })
        .chain(cluster.nodes.iter().filter_map(|n| n.ip.parse().ok().map(ip_key)))
        .collect();
    let cordon = |n: &mut ClusterNode| {
        if !n.unschedulable {
            n.unschedulable = true;
            n.taints.push(taint(TAINT_UNSCHEDULABLE, "NoSchedule"));
        }
    };
    for n in cluster.nodes.iter_mut().filter(|n| cfg.drained.contains(&n.name)) {
        cordon(n);
    }
    let mut rr = 0usize;
    // the Pods the input writes, by namespace and name: a StatefulSet's pod of the same name is
    // not created again (names are unique; the controller adopts a matching orphan)
    let written: std::collections::HashMap<(&str, &str), (&Labels, bool)> = objects
        .iter()
        .filter(|o| !o.refused)
        .filter_map(|o| match &o.body {
            // (no status: it runs and is Ready here, as every pod without one)
            Body::Pod(_, st) => Some(((o.meta.namespace.as_str(), o.meta.name.as_str()), (&o.meta.labels, !st.present || (st.ready == Some(true) && st.phase.as_deref().is_none_or(|p| p == "Running"))))),
            _ => None,
        })
        .collect();
    // HorizontalPodAutoscalers by their target (namespace, kind, name)
    let autoscalers: std::collections::HashMap<(&str, &str, &str), (&Object, &super::model::Autoscaler)> = objects
        .iter()
        .filter(|o| !o.refused)
        .filter_map(|o| match &o.body {
            Body::Autoscaler(a) => Some(((o.meta.namespace.as_str(), a.target_kind.as_str(), a.target_name.as_str()), (o, a))),
            _ => None,
        })
        .collect();
    let running = controllers_with_pods(objects);
    // the input's pods come from the cluster (`kubectl get all -o yaml`): a workload the cluster
    // printed beside them whose pods are none of them has no pods in this input
    let pods_dumped = objects.iter().any(|o| o.dumped() && !o.refused && matches!(o.body, Body::Pod(..)));
    let running: std::collections::HashSet<(&str, &str, &str)> = running.iter().map(|(k, ns, n)| (k.as_str(), ns.as_str(), n.as_str())).collect();
    let rs_claims = claim_replica_sets(objects, checks, pods_dumped, &running, &autoscalers);
    let claims = claim_orphans(objects, checks, cfg, pods_dumped, &running, &autoscalers, (&cluster.nodes, &rs_claims));
    for (i, o) in objects.iter().enumerate() {
        let valid = |diags: &mut Vec<Diagnostic>| match checks.and_then(|c| c.get(i)?.as_ref()) {
            Some((ok, found)) => {
                diags.extend(found.iter().cloned());
                *ok
            }
            None => validate_pod_like(o, diags),
        };
        if matches!(o.body, Body::Pod(..) | Body::Workload(_)) && (o.refused || !valid(diags)) {
            // (a workload refused for its metadata or template was told its spec's other errors
            // by validate_pod_like: spec_errors_around_template)
            continue; // the API server refuses it: no pods
        }
        if matches!(o.body, Body::Workload(_)) && running.contains(&(o.kind.as_str(), o.meta.namespace.as_str(), o.meta.name.as_str())) {
            if let Some(d) = rollout_of_dumped_pods(o, objects, cfg) {
                diags.push(d);
            }
            continue; // its pods are in the input already (a pasted `kubectl get all -o yaml`)
        }
        if let Body::Workload(w) = &o.body {
            // the input's pods are the cluster's and none is this workload's: it has none here
            // (one that creates none — replicas 0, a finished Job — is expanded: its own note)
            if pods_dumped && o.dumped() && w.replicas != Some(0) && w.job.as_ref().is_none_or(|j| job_indexes(o, j, &mut Vec::new()).is_some_and(|v| !v.is_empty())) {
                dumped_without_pods_note(o, w, diags);
                if rolled_out(cfg, o) {
                    diags.push(rollout_not_drawn(o, "the input's pods are a cluster's, and none of them is this Deployment's (see its note): there are no pods here to replace", w.replicas.map_or(1, |r| r.max(0) as usize)));
                }
                continue;
            }
        }
        match &o.body {
            Body::Pod(spec, status) => {
                // an adopted pod its ReplicaSet deleted (too many replicas), or one deleted or
                // evicted once adopted (Config::deleted_pods): gone
                if claims.gone.contains(&i) {
                    continue;
                }
                let owner = claims.owner.get(&i).map(|&w| format!("{}/{}", objects[w].kind, objects[w].meta.name));
                let pod = PodSeed { name: o.meta.name.clone(), namespace: o.meta.namespace.clone(), labels: o.meta.labels.clone(), spec: Cow::Borrowed(spec), status: Cow::Borrowed(status), deleting: o.meta.deleting, owner, replaces: None, holds_old_ip: false, object: i };
                place(&mut cluster, pod, &mut rr, o, &cfg.flip_ready, diags);
            }
            Body::Workload(w) => {
                let hpa = autoscalers.get(&(o.meta.namespace.as_str(), o.kind.as_str(), o.meta.name.as_str())).copied();
                // a Deployment that adopted a ReplicaSet with its own template: that ReplicaSet is
                // its new one and makes its pods (claim_replica_sets)
                if let Some((&rs, _)) = rs_claims.iter().find(|(_, c)| c.deployment == i && c.new) {
                    let msg = format!("Deployment {} adopted ReplicaSet {} (no controller owns it, its labels match the selector: ClaimReplicaSets) and its pod template equals the Deployment's (FindNewReplicaSet, EqualIgnoreHash): that ReplicaSet is its new one, scaled to the Deployment's replicas, and no other is created", o.meta.name, objects[rs].meta.name);
                    diags.push(Diagnostic::note(Severity::Info, ErrorType::Resolution, "AdoptedReplicaSet", msg, o.pos("spec")).on(&o.id()));
                    if rolled_out(cfg, o) {
                        let why = format!("its pods are ReplicaSet {}'s, a ReplicaSet it adopted (see AdoptedReplicaSet), and this picture rolls out only the pods it makes from a Deployment's own template", objects[rs].meta.name);
                        diags.push(rollout_not_drawn(o, &why, w.replicas.map_or(1, |r| r.max(0) as usize)));
                    }
                    continue;
                }
                if let Some(c) = rs_claims.get(&i) {
                    let d = &objects[c.deployment];
                    if !c.new {
                        let msg = format!("ReplicaSet {} is adopted by Deployment {} (no controller owns it, its labels match the selector: ClaimReplicaSets); its pod template is not the Deployment's, so it is an old ReplicaSet the rollout scales to 0: it keeps no pods", o.meta.name, d.meta.name);
                        diags.push(Diagnostic::note(Severity::Info, ErrorType::Resolution, "AdoptedReplicaSet", msg, o.pos("spec")).on(&o.id()));
                        continue;
                    }
                    let mut scaled = w.clone();
                    scaled.replicas = Some(c.replicas as i64);
                    expand(&mut cluster, o, &scaled, i, &mut rr, cfg, evicted, &written, Control { hpa: None, adopted: claims.adopted.get(&i) }, diags);
                    continue;
                }
                expand(&mut cluster, o, w, i, &mut rr, cfg, evicted, &written, Control { hpa, adopted: claims.adopted.get(&i) }, diags)
            }
            _ => {}
        }
    }
    // a replacement pod gets the next address of its node's pod CIDR after every pod already
    // there (host-local IPAM allocates round-robin from the last reserved address, so the deleted
    // pod's address — reserved in `place` — is not handed out again at once)
    for p in cluster.pods.iter_mut().filter(|p| p.replaces.is_some() && p.ip.is_none() && p.phase == "Running") {
        if let Some(node) = p.node.as_ref().and_then(|n| cluster.nodes.iter_mut().find(|x| &x.name == n)) {
            p.ip = node.next_pod_ip(&mut cluster.taken_ips);
            // (and on a dual-stack cluster its address of the other family, as `place` gives it)
            let off = p.ip.as_deref().and_then(|ip| node.cidr.offset(ip.parse().ok()?));
            p.ip_other = node.cidr_other.zip(off).map(|(c, off)| c.nth(off).to_string());
        }
    }
    for n in cluster.nodes.iter_mut().filter(|n| cfg.cordoned.contains(&n.name)) {
        cordon(n);
    }
    failed_scheduling_notes(&cluster, objects, diags);
    soft_spread_notes(&cluster, objects, diags);
    rollout_host_port_notes(&cluster, objects, diags);
    hand_written_pod_notes(&cluster, objects, diags);
    cluster
}

/// The first step of a Deployment's rollout (the what-if Config::rollout; whatif22): how many
/// old and new pods there are once the deployment controller has synced once after the
/// template changed, and the numbers it worked with.
#[derive(Debug, Clone, PartialEq)]
struct RolloutStep {
    old: usize,
    new: usize,
    /// (maxSurge as written or defaulted, resolved); (maxUnavailable …); None: Recreate
    fenceposts: Option<((String, i64), (String, i64))>,
}

/// The deployment controller's first sync after a template change (pkg/controller/deployment):
/// RollingUpdate (rolling.go rolloutRolling): reconcileNewReplicaSet scales the new ReplicaSet
/// to min(replicas, replicas + maxSurge − pods) (deployment_util.go NewRSNewReplicas; that sync
/// returns once it scaled up), then the next sync's reconcileOldReplicaSets (at once: the
/// ReplicaSet's update queues it) scales the old ones down by at most pods − (replicas −
/// maxUnavailable) − the new ReplicaSet's unavailable pods (its new pods are not available yet):
/// maxUnavailable. maxSurge and maxUnavailable default to 25% (pkg/apis/apps/v1/defaults.go
/// SetDefaults_Deployment) and resolve against replicas, the surge rounded up and the
/// unavailable down, both 0 → maxUnavailable 1 (deployment_util.go ResolveFenceposts); the
/// sync after that scales the new ReplicaSet up by what the old one gave back (so maxSurge +
/// maxUnavailable new pods), and the picture is that state, which lasts until a new pod is
/// available.
/// Recreate (recreate.go rolloutRecreate): the old pods are scaled to 0 and, once gone, the new
/// ReplicaSet is scaled to replicas. None: a strategy this does not know.
fn rollout_step(o: &Object, replicas: usize) -> Option<RolloutStep> {
    let strategy = o.source.get("spec").and_then(|s| s.get("strategy"));
    let ty = strategy.and_then(|s| s.get("type")).and_then(|t| t.as_str()).unwrap_or("RollingUpdate");
    if ty == "Recreate" {
        return Some(RolloutStep { old: 0, new: replicas, fenceposts: None });
    }
    if ty != "RollingUpdate" {
        return None;
    }
    let rolling = strategy.and_then(|s| s.get("rollingUpdate")).filter(|r| !r.is_null());
    let desired = replicas as i64;
    let scaled = |k: &str, up: bool| -> Option<(String, i64)> {
        match int_or_string(rolling.and_then(|r| r.get(k))).unwrap_or_else(|| Err("25%".to_string())) {
            Ok(i) => Some((i.to_string(), i.max(0))),
            Err(p) if is_percent(&p) => {
                let pct: i64 = p.trim_end_matches('%').parse().ok()?;
                let v = if up { (pct * desired + 99) / 100 } else { pct * desired / 100 };
                Some((p, v))
            }
            Err(_) => None,
        }
    };
    let (surge, mut unav) = (scaled("maxSurge", true)?, scaled("maxUnavailable", false)?);
    if surge.1 == 0 && unav.1 == 0 {
        unav.1 = 1;
    }
    // learn19 Q04: the syncs that follow at once (each scale updates a ReplicaSet, which queues
    // the Deployment again) — NewRSNewReplicas scales the new ReplicaSet up again by what the
    // old one gave back (replicas + maxSurge − Σ spec.replicas), then maxScaledDown is 0 — so the
    // state that lasts until a new pod is available is maxSurge + maxUnavailable new pods
    let new = ((surge.1 + unav.1) as usize).min(replicas);
    let old = replicas - (unav.1 as usize).min(replicas);
    Some(RolloutStep { old, new, fenceposts: Some((surge, unav)) })
}

/// Whether the what-if rollout (Config::rollout, `namespace/name`) names this Deployment.
fn rolled_out(cfg: &Config, o: &Object) -> bool {
    o.kind == "Deployment" && cfg.rollout.iter().any(|d| d.strip_prefix(o.meta.namespace.as_str()).and_then(|r| r.strip_prefix('/')) == Some(o.meta.name.as_str()))
}

/// The what-if rollout of a Deployment this picture does not roll out (whatif23, for whatif22's
/// "no pods to roll out", which misled for these): why not, and the first step's numbers the
/// deployment controller would work with (rollout_step), said as an info on the Deployment.
fn rollout_not_drawn(o: &Object, why: &str, replicas: usize) -> Diagnostic {
    let name = &o.meta.name;
    let step = match rollout_step(o, replicas) {
        Some(RolloutStep { old, new, fenceposts: Some(((sw, s), (uw, u))) }) if replicas > 0 => format!(
            "; in the cluster its first step (strategy RollingUpdate, maxSurge {sw} → {s}, maxUnavailable {uw} → {u} of {replicas}) would make a new ReplicaSet with {new} pod{} not Ready yet and {}",
            if new == 1 { "" } else { "s" },
            if old == replicas { format!("keep the old one at {old}") } else { format!("scale the old one down to {old}") }
        ),
        Some(RolloutStep { fenceposts: None, .. }) if replicas > 0 => format!("; in the cluster (strategy Recreate) its old pods would all go first, then {replicas} new ones come, not Ready at first"),
        _ => String::new(),
    };
    Diagnostic::note(
        Severity::Info,
        ErrorType::Resolution,
        "RolloutNotDrawn",
        format!("Deployment {name} is not rolled out in this picture (what-if: kubectl set image): {why}{step}"),
        o.pos("spec.template"),
    )
    .on(&o.id())
}

/// The what-if rollout of a Deployment whose pods are the input's own, as a cluster printed them
/// (`kubectl get deploy,rs,pods -o yaml`): they are owned by ReplicaSet `<deployment>-<hash>`
/// (ownerReferences; deployment/sync.go getNewReplicaSet names it after the pod-template-hash
/// label its pods carry), and this picture draws a dump's pods as they are.
fn rollout_of_dumped_pods(o: &Object, objects: &[Object], cfg: &Config) -> Option<Diagnostic> {
    let Body::Workload(w) = &o.body else { return None };
    if !rolled_out(cfg, o) {
        return None;
    }
    // the input's pods owned by a ReplicaSet named `<deployment>-<pod-template-hash>` (a hash
    // has no `-`; the label's own value may be written unquoted and read otherwise)
    let mut sets: Vec<(&str, usize)> = Vec::new();
    let prefix = format!("{}-", o.meta.name);
    for p in objects.iter().filter(|p| matches!(p.body, Body::Pod(..)) && p.meta.namespace == o.meta.namespace) {
        let owned = p.meta.owners.iter().find(|(k, n)| k == "ReplicaSet" && n.strip_prefix(prefix.as_str()).is_some_and(|h| !h.is_empty() && !h.contains('-')));
        if let Some((_, rs)) = owned {
            match sets.iter_mut().find(|(n, _)| *n == rs.as_str()) {
                Some((_, c)) => *c += 1,
                None => sets.push((rs.as_str(), 1)),
            }
        }
    }
    let whose = if sets.is_empty() {
        "its pods are in the input as the cluster printed them".to_string()
    } else {
        let each: Vec<String> = sets.iter().map(|(rs, c)| format!("{c} of ReplicaSet {rs}")).collect();
        format!("its pods are in the input as the cluster printed them ({}, by their ownerReferences)", each.join(", "))
    };
    let why = format!("{whose}, and this picture draws a dump's pods as they are; it rolls out only the pods it makes from a Deployment's template");
    Some(rollout_not_drawn(o, &why, w.replicas.map_or(1, |r| r.max(0) as usize)))
}

/// The words for the rollout's first step and what follows (an info on the Deployment).
fn rollout_note(o: &Object, old_rs: &str, new_rs: &str, replicas: usize, step: &RolloutStep) -> Diagnostic {
    let name = &o.meta.name;
    let pods = |n: usize| if n == 1 { "1 pod".to_string() } else { format!("{n} pods") };
    let how = match &step.fenceposts {
        Some(((sw, s), (uw, u))) => format!(
            "strategy RollingUpdate, maxSurge {sw} → {s} and maxUnavailable {uw} → {u} of {replicas} (at most {} pods in all, at least {} available): this picture is its first step — ReplicaSet {new_rs} has {} (created, not Ready yet) and {old_rs} keeps {}. Each time a new pod becomes Ready (and available, after minReadySeconds) the controller scales {old_rs} down and {new_rs} up within those bounds, until {new_rs} has {} and {old_rs} none",
            replicas as i64 + s,
            (replicas as i64 - u).max(0),
            pods(step.new),
            pods(step.old),
            pods(replicas),
        ),
        None => format!("strategy Recreate: the controller scales {old_rs} to 0 first and, once its pods are gone, {new_rs} to {replicas}: this picture is that moment, {} created and not Ready yet (no pod serves in between)", pods(step.new)),
    };
    Diagnostic::note(
        Severity::Info,
        ErrorType::Resolution,
        "RollingUpdate",
        format!(
            "Deployment {name} rolls out a new version (what-if: kubectl set image, or any change of its pod template): the deployment controller makes ReplicaSet {new_rs} (a new pod-template-hash) and replaces the pods of {old_rs}; {how}. The pod-template-hashes in {new_rs} and {old_rs} are stand-ins: the controller's own is ComputeHash (FNV-32a over the pod template as Go prints it, plus the Deployment's collisionCount, rendered with rand.SafeEncodeString; pkg/controller/controller_utils.go), and the new template is not written here, so a real cluster names the ReplicaSets and their pods otherwise. The Service's clusterIP, DNS name and selector stay the same (the selector does not name pod-template-hash); only its endpoints change, pod by pod: a new pod is a ready endpoint once Ready, an old one leaves as it terminates"
        ),
        o.pos("spec.template"),
    )
}

/// How many hand-written pods [`hand_written_pod_notes`] says one by one; the rest get one info.
pub const MAX_SIMULATED_NOTES: usize = 20;

/// A Pod without a status in an input whose other pods a cluster printed (fidfix23 item 6): the
/// API server gives every pod it creates a status (pkg/registry/core/pod/strategy.go
/// podStrategy.PrepareForCreate: Phase Pending, QOSClass), so `kubectl get -o yaml` prints one for
/// every pod; a pod without one was written by hand beside the dump. This picture simulates it as
/// if applied (scheduled, Running and Ready, an address of its own: as every pod without a
/// status) and it stands beside the cluster's pods, as a ready endpoint of the Services that
/// select it; the words say so where the pod is written. Info.
fn hand_written_pod_notes(cluster: &Cluster, objects: &[Object], diags: &mut Vec<Diagnostic>) {
    if !objects.iter().any(|o| !o.refused && matches!(&o.body, Body::Pod(_, st) if st.present)) {
        return;
    }
    // (the pods of the input's Pod objects, each once: its `object` is the Pod's index)
    let hand: Vec<(&PodInst, &Object)> = cluster
        .pods
        .iter()
        .filter(|p| !p.status_given && p.replaces.is_none())
        .filter_map(|p| Some((p, objects.get(p.object).filter(|o| !o.refused && matches!(o.body, Body::Pod(..)))?)))
        .collect();
    for &(p, o) in hand.iter().take(MAX_SIMULATED_NOTES) {
        let state = match (&p.node, &p.ip) {
            (Some(n), Some(ip)) => format!("{}, {} on node {n} with address {ip}", p.phase, if p.ready { "Ready" } else { "not Ready" }),
            _ => p.phase.clone(),
        };
        let msg = format!(
            "Pod {} has no status, unlike the input's other pods, which a cluster printed: the API server gives every pod it creates a status (phase Pending at least), so `kubectl get -o yaml` prints one for each; this pod was written by hand, and the picture simulates it as if it were applied ({state}) beside the cluster's pods, which the cluster may not have",
            o.meta.name
        );
        diags.push(Diagnostic::note(Severity::Info, ErrorType::Resolution, "PodSimulated", msg, o.source.pos).on(&o.id()));
    }
    // fidfix24: one info per pod for the first MAX_SIMULATED_NOTES, then one for the rest on the
    // next (a dump with hundreds of pods written beside it gave as many infos, the same words)
    if let Some((_, o)) = hand.get(MAX_SIMULATED_NOTES) {
        let rest = hand.len() - MAX_SIMULATED_NOTES;
        let names: Vec<&str> = hand[MAX_SIMULATED_NOTES..].iter().take(3).map(|(_, o)| o.meta.name.as_str()).collect();
        let msg = format!(
            "{rest} more {} no status, unlike the input's other pods, which a cluster printed ({}{}): written by hand, each is simulated as if it were applied beside the cluster's pods, as the first {MAX_SIMULATED_NOTES} are said to be",
            if rest == 1 { "Pod has" } else { "Pods have" },
            names.join(", "),
            if rest > 3 { ", …" } else { "" }
        );
        diags.push(Diagnostic::note(Severity::Info, ErrorType::Resolution, "PodSimulated", msg, o.source.pos).on(&o.id()));
    }
}

/// A Deployment rolling out pods that hold host ports on every node that can run them: the
/// rollout's new pod is created before an old one goes (maxUnavailable resolves to 0), and no
/// node has the ports free, so it stays Pending and the rollout never completes (qa4 08,
/// ingress-nginx#4626: hostPort 80/443/6379 on a 1-node minikube; qa4 09, kubernetes#126879:
/// hostNetwork, whose containerPorts are host ports). pkg/apis/apps/v1/defaults.go
/// SetDefaults_Deployment (RollingUpdate, maxSurge and maxUnavailable 25%);
/// pkg/controller/deployment/util/deployment_util.go ResolveFenceposts (surge rounds up,
/// unavailable down; both 0 → unavailable 1); the NodePorts filter
/// (pkg/scheduler/framework/plugins/nodeports/node_ports.go Filter) refuses the new pod.
fn rollout_host_port_notes(cluster: &Cluster, objects: &[Object], diags: &mut Vec<Diagnostic>) {
    for (oi, o) in objects.iter().enumerate().filter(|(_, o)| o.kind == "Deployment" && !o.refused) {
        let Body::Workload(w) = &o.body else { continue };
        let ports = host_ports(&w.template);
        if ports.is_empty() || cluster.nodes.is_empty() {
            continue;
        }
        let pods: Vec<&PodInst> = cluster.pods.iter().filter(|p| p.object == oi && !p.terminating).collect();
        // (pods already Pending have their own FailedScheduling warning)
        if pods.is_empty() || pods.iter().any(|p| p.pending_reason.is_some() || p.node.is_none()) {
            continue;
        }
        let strategy = o.source.get("spec").and_then(|s| s.get("strategy"));
        let ty = strategy.and_then(|s| s.get("type")).and_then(|t| t.as_str()).unwrap_or("RollingUpdate");
        if ty != "RollingUpdate" {
            continue;
        }
        let rolling = strategy.and_then(|s| s.get("rollingUpdate")).filter(|r| !r.is_null());
        let desired = w.replicas.unwrap_or(1).max(0);
        if desired == 0 {
            continue;
        }
        // intstr.GetScaledValueFromIntOrPercent: a percent of desired, rounded up for the surge
        let scaled = |k: &str, up: bool| -> Option<(String, i64)> {
            match int_or_string(rolling.and_then(|r| r.get(k))).unwrap_or_else(|| Err("25%".to_string())) {
                Ok(i) => Some((i.to_string(), i)),
                Err(p) if is_percent(&p) => {
                    let pct: i64 = p.trim_end_matches('%').parse().ok()?;
                    let v = if up { (pct * desired + 99) / 100 } else { pct * desired / 100 };
                    Some((p, v))
                }
                Err(_) => None,
            }
        };
        let (Some((surge_w, surge)), Some((unav_w, unav))) = (scaled("maxSurge", true), scaled("maxUnavailable", false)) else { continue };
        if unav > 0 || surge == 0 {
            continue;
        }
        let tolerations = admitted_tolerations(&w.template);
        let reasons: Vec<Rejection> = cluster.nodes.iter().filter_map(|n| filter_reason(&w.template, &tolerations, n)).collect();
        if reasons.len() < cluster.nodes.len() || !reasons.iter().any(|r| r.reason.contains("free ports")) {
            continue;
        }
        let held: Vec<String> = ports.iter().map(|(proto, p)| if proto == "TCP" { p.to_string() } else { format!("{p}/{proto}") }).collect();
        let on: Vec<&str> = pods.iter().filter_map(|p| p.node.as_deref()).collect();
        let mut nodes: Vec<&str> = Vec::new();
        for n in on {
            if !nodes.contains(&n) {
                nodes.push(n);
            }
        }
        diags.push(
            Diagnostic::note(
                Severity::Warning,
                ErrorType::Resolution,
                "RolloutHostPort",
                format!(
                    "Deployment {}: a rollout's new pod needs hostPort {}{} on a node, and the old pods hold them on {}: strategy RollingUpdate (maxSurge {surge_w} → {surge}, maxUnavailable {unav_w} → 0 of {}) starts the new pod before deleting an old one, so it stays Pending ({}) and the rollout never completes. Use strategy type: Recreate, or rollingUpdate maxSurge: 0 with maxUnavailable: 1",
                    o.meta.name,
                    held.join(", "),
                    if w.template.host_network { " (hostNetwork: its containerPorts are host ports)" } else { "" },
                    nodes.join(", "),
                    super::report::count(desired as usize, "replica", "replicas"),
                    fit_error(cluster.nodes.len(), None, &reasons)
                ),
                o.pos("spec.strategy"),
            )
            .on(&o.id()),
        );
    }
}

/// The orphans a ReplicaSet or ReplicationController of the input adopts.
#[derive(Default)]
struct Claims {
    /// written Pod (object index) → the workload (object index) that owns it now
    owner: std::collections::HashMap<usize, usize>,
    /// workload (object index) → what it adopted
    adopted: std::collections::HashMap<usize, Adopted>,
    /// written Pods (object index) an owner deleted (too many replicas) or that were deleted or
    /// evicted once adopted (Config::deleted_pods): not placed
    gone: std::collections::HashSet<usize>,
}

/// What one ReplicaSet / ReplicationController adopted: the pods it keeps, and the names of
/// those deleted since (Config::deleted_pods: a kubectl delete or a drain's eviction), which
/// its new pods replace.
#[derive(Default)]
struct Adopted {
    kept: Vec<usize>,
    kept_names: Vec<String>,
    deleted: Vec<String>,
    /// adopted beyond its replicas: deleted by it (manageReplicas)
    surplus: Vec<String>,
    /// a DaemonSet's: the nodes (cluster.nodes index) an adopted pod is bound to and stays on,
    /// where it creates none of its own (daemon_controller.go podsShouldBeOnNode: `exists`)
    nodes: Vec<usize>,
    /// a DaemonSet's: the adopted pods bound to those nodes
    bound: Vec<String>,
    /// a Job's (manualSelector): the pods it creates beside the adopted active ones
    /// (job_controller.go manageJob: wantActive − active), and the adopted Succeeded ones
    job_create: Option<usize>,
    job_succeeded: usize,
    /// an Indexed Job's: the completion indexes it creates (firstPendingIndexes)
    job_indexes: Option<Vec<i64>>,
}

/// What else decides a workload's pods: the HorizontalPodAutoscaler targeting it, the orphans
/// it adopted ([`claim_orphans`]).
struct Control<'a> {
    hpa: Option<(&'a Object, &'a super::model::Autoscaler)>,
    adopted: Option<&'a Adopted>,
}

/// A HorizontalPodAutoscaler's bounds on its target's replicas, as [`expand`] applies them
/// (pkg/controller/podautoscaler/horizontal.go reconcileAutoscaler).
fn hpa_clamped(replicas: usize, hpa: Option<&super::model::Autoscaler>) -> usize {
    match hpa {
        Some(a) if replicas > 0 && a.min_replicas > 0 && a.max_replicas >= a.min_replicas => {
            let cap = MAX_PODS as i64 + 1;
            replicas.clamp(a.min_replicas.min(cap) as usize, a.max_replicas.min(cap) as usize)
        }
        _ => replicas,
    }
}

/// A ReplicaSet of the input a Deployment of the input adopted ([`claim_replica_sets`]).
struct RsClaim {
    /// the Deployment (object index)
    deployment: usize,
    /// its template is the Deployment's (FindNewReplicaSet): the new ReplicaSet
    new: bool,
    /// what the Deployment scales it to: its own replicas (after its autoscaler) when new, else 0
    replicas: usize,
}

/// valfix16: pkg/controller/deployment/deployment_controller.go getReplicaSetsForDeployment →
/// controller_ref_manager.go ReplicaSetControllerRefManager.ClaimReplicaSets: a ReplicaSet of the
/// Deployment's namespace that no controller owns, not being deleted, whose own labels
/// (metadata.labels) match the Deployment's selector, is adopted (in input order: one claimed is no
/// later Deployment's orphan). Then sync.go getAllReplicaSetsAndSyncRevision → util
/// FindNewReplicaSet: the adopted one whose pod template equals the Deployment's
/// (EqualIgnoreHash: pod-template-hash ignored; both templates as stored, their defaults filled in:
/// podfields::stored_template) is the
/// new ReplicaSet, scaled to the Deployment's replicas, and the Deployment creates none of its
/// own; any other is an old ReplicaSet, which the rollout (rolling or Recreate) scales to 0, its
/// pods deleted.
fn claim_replica_sets(
    objects: &[Object],
    checks: PodChecks,
    pods_dumped: bool,
    running: &std::collections::HashSet<(&str, &str, &str)>,
    autoscalers: &std::collections::HashMap<(&str, &str, &str), (&Object, &super::model::Autoscaler)>,
) -> std::collections::HashMap<usize, RsClaim> {
    let mut out = std::collections::HashMap::new();
    let live = |o: &Object| {
        if o.refused || (pods_dumped && o.dumped()) {
            return false;
        }
        !running.contains(&(o.kind.as_str(), o.meta.namespace.as_str(), o.meta.name.as_str()))
    };
    let valid = |i: usize, o: &Object| match checks.and_then(|c| c.get(i)?.as_ref()) {
        Some((ok, _)) => *ok,
        None => validate_pod_like(o, &mut Vec::new()),
    };
    let deployments: Vec<usize> = objects.iter().enumerate().filter(|(_, o)| o.kind == "Deployment" && matches!(o.body, Body::Workload(_)) && live(o)).map(|(i, _)| i).collect();
    if deployments.is_empty() {
        return out;
    }
    let orphans: Vec<usize> = objects
        .iter()
        .enumerate()
        .filter(|(_, o)| o.kind == "ReplicaSet" && matches!(o.body, Body::Workload(_)) && live(o) && !o.meta.controlled && !o.meta.deleting)
        .map(|(i, _)| i)
        .collect();
    let strip = |l: &Labels| -> Labels { l.iter().filter(|(k, _)| k != "pod-template-hash").cloned().collect() };
    for di in deployments {
        let d = &objects[di];
        let Body::Workload(dw) = &d.body else { continue };
        if !workload_spec_ok(d) || !valid(di, d) {
            continue;
        }
        let sel = workload_selector(dw);
        let hpa = autoscalers.get(&(d.meta.namespace.as_str(), "Deployment", d.meta.name.as_str())).map(|(_, a)| *a);
        let replicas = hpa_clamped(dw.replicas.unwrap_or(1).clamp(0, MAX_PODS as i64 + 1) as usize, hpa);
        let mut has_new = false;
        for &ri in &orphans {
            let r = &objects[ri];
            if out.contains_key(&ri) || r.meta.namespace != d.meta.namespace || !selector_matches(Some(&sel), &r.meta.labels) {
                continue;
            }
            let Body::Workload(rw) = &r.body else { continue };
            // FindNewReplicaSet: the first (oldest) matching one is the new one
            let same = match (super::yaml::node_at(&r.source, "spec.template"), super::yaml::node_at(&d.source, "spec.template")) {
                // valfix18: both as stored, defaults filled (podfields::stored_template)
                (Some(a), Some(b)) => super::podfields::stored_template(a) == super::podfields::stored_template(b),
                _ => rw.template == dw.template,
            };
            let new = !has_new && same && strip(&rw.template_labels) == strip(&dw.template_labels) && workload_spec_ok(r) && valid(ri, r);
            has_new |= new;
            out.insert(ri, RsClaim { deployment: di, new, replicas: if new { replicas } else { 0 } });
        }
    }
    out
}

/// ReplicaSet / ReplicationController adoption of the input's bare Pods
/// (pkg/controller/replicaset/replica_set.go syncReplicaSet: `FilterActivePods` of the
/// namespace's pods, then claimPods → pkg/controller/controller_ref_manager.go
/// PodControllerRefManager.ClaimPods / ClaimObject: an orphan — no ownerReference with
/// `controller: true` — whose labels match the selector is adopted, one not active (Succeeded,
/// Failed, being deleted: controller_utils.go IsPodActive) is not even listed; then
/// manageReplicas: diff = adopted − replicas, so it creates only the missing pods, or deletes the
/// surplus ranked by getPodsToDelete / controller_utils.go ActivePodsWithRanks.Less: unassigned
/// (no spec.nodeName) first, then Pending < Unknown < Running, then not Ready; the later rules
/// (deletion cost, colocation, ready time, restarts, newest first) as the later one in the input).
/// A ReplicationController is the same controller (pkg/controller/replication). In input order,
/// as each syncs: a pod one adopted is not another's orphan. valfix16: a DaemonSet claims every
/// matching orphan (daemon_controller.go getDaemonPods → ClaimPods, not only active ones) and
/// keeps one per node it should run on in place of its own; a Job with manualSelector claims too
/// (job_controller.go getPodsForJob → ClaimPods) and counts the adopted pods in manageJob. A
/// Deployment adopts no Pod: it claims ReplicaSets ([`claim_replica_sets`]); its own ReplicaSet's
/// selector carries pod-template-hash (deployment/sync.go getNewReplicaSet,
/// `labelsutil.CloneSelectorAndAddLabel`), which a bare Pod lacks. A StatefulSet adopts only a pod
/// of its own name and ordinal (stateful_set.go getPodsForStatefulSet: `isMemberOf`), which
/// [`expand`] handles by name.
fn claim_orphans(
    objects: &[Object],
    checks: PodChecks,
    cfg: &Config,
    pods_dumped: bool,
    running: &std::collections::HashSet<(&str, &str, &str)>,
    autoscalers: &std::collections::HashMap<(&str, &str, &str), (&Object, &super::model::Autoscaler)>,
    (nodes, rs_claims): (&[ClusterNode], &std::collections::HashMap<usize, RsClaim>),
) -> Claims {
    let mut claims = Claims::default();
    let valid = |i: usize, o: &Object| match checks.and_then(|c| c.get(i)?.as_ref()) {
        Some((ok, _)) => *ok,
        None => validate_pod_like(o, &mut Vec::new()),
    };
    // ReplicaSets, ReplicationControllers, DaemonSets, and Jobs whose selector is their own
    // (manualSelector: true; a generated one carries the Job's uid, which no bare Pod has:
    // job_controller.go getPodsForJob claims with it all the same)
    let owners: Vec<usize> = objects
        .iter()
        .enumerate()
        .filter(|(_, o)| !o.refused)
        .filter(|(_, o)| match &o.body {
            Body::Workload(w) => match o.kind.as_str() {
                "ReplicaSet" | "ReplicationController" | "DaemonSet" => true,
                "Job" => w.job.as_ref().is_some_and(|j| j.manual_selector),
                _ => false,
            },
            _ => false,
        })
        .filter(|(_, o)| matches!(&o.body, Body::Workload(w) if !(pods_dumped && o.dumped() && w.replicas != Some(0))))
        .filter(|(_, o)| !running.contains(&(o.kind.as_str(), o.meta.namespace.as_str(), o.meta.name.as_str())))
        .map(|(i, _)| i)
        .collect();
    if owners.is_empty() {
        return claims;
    }
    // the orphans by namespace, with whether each is active (a dump's pods all have a
    // controller: none listed); ClaimObject adopts no orphan being deleted
    let mut orphans: std::collections::HashMap<&str, Vec<(usize, bool)>> = std::collections::HashMap::new();
    for (i, o) in objects.iter().enumerate() {
        let Body::Pod(_, st) = &o.body else { continue };
        if o.refused || o.meta.controlled || o.meta.deleting {
            continue;
        }
        let active = !matches!(st.phase.as_deref(), Some("Succeeded" | "Failed"));
        orphans.entry(o.meta.namespace.as_str()).or_default().push((i, active));
    }
    let phase = |pi: usize| match &objects[pi].body {
        Body::Pod(_, st) => st.phase.clone(),
        _ => None,
    };
    // ActivePodsWithRanks.Less: the pods preferred for deletion first
    let rank = |pi: usize| {
        let Body::Pod(spec, st) = &objects[pi].body else { return (true, 2, true) };
        let phase = match st.phase.as_deref() {
            None if !st.present => 2,
            Some("Running") => 2,
            Some("Unknown") => 1,
            _ => 0,
        };
        (spec.node_name.as_deref().is_some_and(|n| !n.is_empty()), phase, !st.present || st.ready == Some(true))
    };
    let surplus_of = |kept: &[usize], keep: usize| -> Vec<usize> {
        if kept.len() <= keep {
            return Vec::new();
        }
        let mut order = kept.to_vec();
        order.reverse();
        super::sort::sort_by(&mut order, |a, b| rank(*a).cmp(&rank(*b)));
        order.truncate(kept.len() - keep);
        order
    };
    let mut pod_ok: std::collections::HashMap<usize, bool> = std::collections::HashMap::new();
    for wi in owners {
        let o = &objects[wi];
        let Body::Workload(w) = &o.body else { continue };
        let Some(candidates) = orphans.get_mut(o.meta.namespace.as_str()) else { continue };
        if !workload_spec_ok(o) || !valid(wi, o) {
            continue;
        }
        let kind = o.kind.as_str();
        // replica_set.go syncReplicaSet lists FilterActivePods before claimPods; getDaemonPods and
        // getPodsForJob list every pod of the namespace
        let only_active = matches!(kind, "ReplicaSet" | "ReplicationController");
        let sel = workload_selector(w);
        let mut adopted: Vec<usize> = Vec::new();
        candidates.retain(|&(pi, active)| {
            let p = &objects[pi];
            if (only_active && !active) || !selector_matches(Some(&sel), &p.meta.labels) || !*pod_ok.entry(pi).or_insert_with(|| valid(pi, p)) {
                return true;
            }
            adopted.push(pi);
            false
        });
        if adopted.is_empty() {
            continue;
        }
        let ns = o.meta.namespace.as_str();
        let mut entry = Adopted::default();
        for pi in adopted {
            claims.owner.insert(pi, wi);
            let name = &objects[pi].meta.name;
            if cfg.deleted_pods.iter().any(|d| d.strip_prefix(ns).and_then(|r| r.strip_prefix('/')) == Some(name.as_str())) {
                claims.gone.insert(pi);
                entry.deleted.push(name.clone());
            } else {
                entry.kept.push(pi);
            }
        }
        let mut gone: Vec<usize> = Vec::new();
        match kind {
            "DaemonSet" => {
                // daemon_controller.go manage → getNodesToDaemonPods (util.GetTargetNodeName: a pod
                // with no spec.nodeName is on no node, and is left alone) → podsShouldBeOnNode per
                // node: shouldRun and none there → create; shouldContinueRunning → a Failed (or
                // Succeeded) one is deleted, of the rest all but the first (the oldest) deleted;
                // not to run there → every one deleted
                let mut template = w.template.clone();
                add_daemon_tolerations(&mut template);
                for &pi in &entry.kept {
                    let Body::Pod(spec, _) = &objects[pi].body else { continue };
                    let Some(n) = spec.node_name.as_deref().filter(|n| !n.is_empty()) else { continue };
                    let Some(ni) = nodes.iter().position(|x| x.name == n) else { continue };
                    let ended = matches!(phase(pi).as_deref(), Some("Failed" | "Succeeded"));
                    if !daemon_should_run(&template, &nodes[ni]) || ended || entry.nodes.contains(&ni) {
                        gone.push(pi);
                    } else {
                        entry.nodes.push(ni);
                        entry.bound.push(objects[pi].meta.name.clone());
                    }
                }
            }
            "Job" => {
                // job_controller.go manageJob (NonIndexed): wantActive = min(completions −
                // succeeded, parallelism) (no completions: parallelism, or the active ones once one
                // succeeded); active − wantActive deleted (activePodsForRemoval), the rest created.
                // Indexed: an adopted pod without a valid completion index is deleted
                // (appendDuplicatedIndexPodsForRemoval)
                let Some(j) = &w.job else { continue };
                let (active, ended): (Vec<usize>, Vec<usize>) = entry.kept.iter().partition(|&&pi| !matches!(phase(pi).as_deref(), Some("Failed" | "Succeeded")));
                entry.job_succeeded = ended.iter().filter(|&&pi| phase(pi).as_deref() == Some("Succeeded")).count();
                if j.completion_mode.as_deref() == Some("Indexed") {
                    // valfix18: pkg/controller/job/indexed_job_utils.go. getCompletionIndex: the
                    // annotation batch.kubernetes.io/job-completion-index, strconv.Atoi, not
                    // negative (else unknown). calculateSucceededIndexes: status.completedIndexes
                    // plus a Succeeded pod's valid index below completions when it carries the
                    // batch.kubernetes.io/job-tracking finalizer; succeeded = their count.
                    // manageJob: wantActive = min(completions − succeeded, parallelism);
                    // activePodsForRemoval → appendDuplicatedIndexPodsForRemoval deletes the pods
                    // with no valid index, an index ≥ completions, or an index another pod
                    // already has (ActivePods order: the last one stays), then more by
                    // ActivePods order down to wantActive; firstPendingIndexes: the lowest
                    // indexes neither succeeded nor held by a kept pod are created.
                    let completions = j.completions.unwrap_or(0).max(0);
                    let parallelism = j.parallelism.unwrap_or(1).max(0);
                    let index_of = |pi: usize| -> Option<i64> {
                        let v = super::yaml::node_at(&objects[pi].source, "metadata.annotations")?.get(JOB_INDEX_LABEL)?.as_str()?;
                        v.parse::<i64>().ok().filter(|i| *i >= 0)
                    };
                    let tracked = |pi: usize| super::yaml::items(super::yaml::node_at(&objects[pi].source, "metadata.finalizers")).iter().any(|f| f.as_str() == Some("batch.kubernetes.io/job-tracking"));
                    let mut done: Vec<i64> = j.completed_indexes.as_deref().map(parse_index_ranges).unwrap_or_default().into_iter().filter(|i| *i < completions).collect();
                    let before = done.len();
                    for &pi in &ended {
                        if let (Some("Succeeded"), Some(ix), true) = (phase(pi).as_deref(), index_of(pi), tracked(pi)) {
                            if ix < completions {
                                done.push(ix);
                            }
                        }
                    }
                    crate::core::sort::sort(&mut done);
                    done.dedup();
                    entry.job_succeeded = done.len() - before.min(done.len());
                    let want = (completions - done.len() as i64).min(parallelism).clamp(0, MAX_PODS as i64 + 1) as usize;
                    // ActivePods order, the pods preferred for deletion first (ties: the later one)
                    let ranked = |pods: &[usize]| -> Vec<usize> {
                        let mut order = pods.to_vec();
                        order.reverse();
                        super::sort::sort_by(&mut order, |a, b| rank(*a).cmp(&rank(*b)));
                        order
                    };
                    let mut by_index: Vec<(i64, usize)> = Vec::new();
                    let mut rm: Vec<usize> = Vec::new();
                    for &pi in &active {
                        match index_of(pi).filter(|ix| *ix < completions) {
                            Some(ix) => by_index.push((ix, pi)),
                            None => rm.push(pi),
                        }
                    }
                    let mut left: Vec<usize> = Vec::new();
                    let mut ixs: Vec<i64> = by_index.iter().map(|(ix, _)| *ix).collect();
                    crate::core::sort::sort(&mut ixs);
                    ixs.dedup();
                    for ix in ixs {
                        let same: Vec<usize> = by_index.iter().filter(|(i, _)| *i == ix).map(|(_, pi)| *pi).collect();
                        let mut order = ranked(&same);
                        let Some(stay) = order.pop() else { continue };
                        rm.extend(order);
                        left.push(stay);
                    }
                    let rm_at_least = active.len().saturating_sub(want);
                    if rm.len() < rm_at_least {
                        let more: Vec<usize> = ranked(&left).into_iter().take(rm_at_least - rm.len()).collect();
                        left.retain(|pi| !more.contains(pi));
                        rm.extend(more);
                    }
                    gone.extend(rm.iter().copied());
                    let mut taken: Vec<i64> = done.clone();
                    taken.extend(left.iter().filter_map(|&pi| index_of(pi)));
                    let mut create = Vec::new();
                    let mut i = 0;
                    while create.len() < want.saturating_sub(left.len()) && i < completions {
                        if !taken.contains(&i) {
                            create.push(i);
                        }
                        i += 1;
                    }
                    entry.job_create = Some(create.len());
                    entry.job_indexes = Some(create);
                } else {
                    let parallelism = match (j.completions, j.parallelism) {
                        (None, None) => 1,
                        (_, p) => p.unwrap_or(1),
                    }
                    .max(0);
                    let succeeded = j.succeeded + entry.job_succeeded as i64;
                    let want = match j.completions {
                        None if succeeded > 0 => active.len() as i64,
                        None => parallelism,
                        Some(c) => (c - succeeded).min(parallelism).max(0),
                    };
                    let want = want.clamp(0, MAX_PODS as i64 + 1) as usize;
                    gone.extend(surplus_of(&active, want));
                    entry.job_create = Some(want.saturating_sub(active.len()));
                }
            }
            _ => {
                let hpa = autoscalers.get(&(ns, o.kind.as_str(), o.meta.name.as_str())).map(|(_, a)| *a);
                let replicas = match rs_claims.get(&wi) {
                    // adopted by a Deployment: its replicas, or 0 for an old ReplicaSet
                    Some(c) => c.replicas,
                    None => hpa_clamped(w.replicas.unwrap_or(1).clamp(0, MAX_PODS as i64 + 1) as usize, hpa),
                };
                gone = surplus_of(&entry.kept, replicas);
            }
        }
        if !gone.is_empty() {
            entry.kept.retain(|pi| !gone.contains(pi));
            claims.gone.extend(gone.iter().copied());
            entry.surplus = gone.iter().map(|&pi| objects[pi].meta.name.clone()).collect();
        }
        entry.kept_names = entry.kept.iter().map(|&pi| objects[pi].meta.name.clone()).collect();
        claims.adopted.insert(wi, entry);
    }
    claims
}

/// The note on the orphans a DaemonSet or a Job adopted (claim_orphans): which, and which it
/// deleted (a DaemonSet: a second one on a node, an ended one, one on a node it does not run on;
/// a Job: beyond its parallelism, or without a completion index in an Indexed Job).
fn adopted_note(o: &Object, w: &Workload, a: &Adopted, kept_means: (&str, &str), diags: &mut Vec<Diagnostic>) {
    // the verb agrees with the pods named (diffsweep4 W6: "pods a, b … stands for")
    let kept_means = |n: usize| if n == 1 { kept_means.0 } else { kept_means.1 };
    let mut names: Vec<&str> = a.kept_names.iter().map(String::as_str).collect();
    names.extend(a.deleted.iter().map(String::as_str));
    names.extend(a.surplus.iter().map(String::as_str));
    let pods = |n: &[&str]| format!("pod{} {}", if n.len() == 1 { "" } else { "s" }, n.join(", "));
    let one = names.len() == 1;
    let mut msg = format!(
        "{} {} adopts {}: no controller owns {}, and {} labels match its selector (ClaimPods)",
        o.kind, o.meta.name, pods(&names), if one { "it" } else { "them" }, if one { "its" } else { "their" }
    );
    if !a.kept_names.is_empty() {
        let k: Vec<&str> = a.kept_names.iter().map(String::as_str).collect();
        let what = if o.kind == "DaemonSet" {
            let unbound: Vec<&str> = k.iter().copied().filter(|n| !a.bound.iter().any(|b| b == n)).collect();
            let mut t = String::new();
            if !a.bound.is_empty() {
                let b: Vec<&str> = a.bound.iter().map(String::as_str).collect();
                let _ = write!(t, "; {} {}", pods(&b), kept_means(b.len()));
            }
            if !unbound.is_empty() {
                let _ = write!(t, "; {} on no node (no spec.nodeName: util.GetTargetNodeName): it leaves it where the scheduler puts it and still creates its own", pods(&unbound));
            }
            t
        } else {
            let created = a.job_create.unwrap_or(0);
            format!("; {} {}{}, so it creates {created} more", pods(&k), kept_means(k.len()), if a.job_succeeded > 0 { format!(" ({} succeeded)", a.job_succeeded) } else { String::new() })
        };
        msg.push_str(&what);
    }
    if !a.surplus.is_empty() {
        let s: Vec<&str> = a.surplus.iter().map(String::as_str).collect();
        let why = if o.kind == "DaemonSet" {
            "a second pod on a node, an ended one, or one on a node it does not run on: podsShouldBeOnNode"
        } else if w.job.as_ref().is_some_and(|j| j.completion_mode.as_deref() == Some("Indexed")) {
            "no valid completion index, one not below its completions, another pod's index, or more active pods than it wants: activePodsForRemoval / appendDuplicatedIndexPodsForRemoval"
        } else {
            "more active pods than it wants: manageJob"
        };
        let _ = write!(msg, "; it deletes {} ({why})", pods(&s));
    }
    if !a.deleted.is_empty() {
        let _ = write!(msg, "; deleted since: {}", a.deleted.join(", "));
    }
    diags.push(Diagnostic::note(Severity::Info, ErrorType::Resolution, "AdoptedPods", msg, o.pos("spec")).on(&o.id()));
}

/// A workload the cluster printed (metadata uid/resourceVersion) in an input whose pods the
/// cluster printed too, none of them its own (metadata.ownerReferences, read by
/// [`controllers_with_pods`]): its pods, if it has any, are not in this input, so none are
/// simulated (a simulated pod would stand beside the real ones as a Service's endpoint: dumps6's
/// mock gke-busy-box, a copy of kube-dns, gave kube-dns 4 endpoints where the cluster's Endpoints
/// list 2). Said once per workload that would have pods, with what its status says when it has
/// one; not when its status counts 0 pods (the cluster has none either).
fn dumped_without_pods_note(o: &Object, w: &Workload, diags: &mut Vec<Diagnostic>) {
    let unit = match o.kind.as_str() {
        "DaemonSet" => "scheduled pods",
        "Job" => "active pods",
        _ => "replicas",
    };
    let status = match w.status {
        // (the cluster says it has none either: nothing to explain)
        Some((_, 0)) => return,
        Some((ready, total)) => format!("; its status says {ready} of {total} {unit} ready (pods of the cluster that this input does not print)"),
        None => String::new(),
    };
    let msg = format!(
        "{} {} has no pods in this input: it and the input's pods are printed by a cluster (metadata.uid, resourceVersion), and no pod names it in metadata.ownerReferences, so none are simulated for it{status}",
        o.kind, o.meta.name
    );
    let at = if w.replicas.is_some() { "spec.replicas" } else { "spec" };
    diags.push(Diagnostic::note(Severity::Info, ErrorType::Resolution, "PodsNotInInput", msg, o.pos(at)).on(&o.id()));
}

/// The kubelet's admission of a pod bound with spec.nodeName (pkg/kubelet/lifecycle/predicate.go
/// predicateAdmitHandler.Admit → generalFilter): AdmissionCheck (pkg/scheduler — resources,
/// NodeAffinity, NodeName, NodePorts) then the NoExecute taints only ("Kubelet is only interested
/// in the NoExecute taint"); the first failure is the reason. Kubelet.rejectPod sets phase
/// Failed with the message `Pod was rejected: ` + PredicateFailureError.Error().
fn kubelet_admit(spec: &PodSpec, node: &ClusterNode) -> Option<String> {
    let failed = |name: &str, desc: &str| Some(format!("Pod was rejected: Predicate {name} failed: {desc}"));
    // noderesources.Fits first (pods, cpu, memory): InsufficientResourceError, the first one
    let req = pod_requests(spec);
    for (i, resource, want) in [(2, "pods", 1), (0, "cpu", req.milli_cpu), (1, "memory", req.memory)] {
        if let Some(cap) = node.allocatable[i].filter(|_| want > 0) {
            let used = node.requested[i];
            if want > cap.saturating_sub(used) {
                return Some(format!("Pod was rejected: Node didn't have enough resource: {resource}, requested: {want}, used: {used}, capacity: {cap}"));
            }
        }
    }
    if !matches_node_affinity(spec, node) {
        return failed("NodeAffinity", "node(s) didn't match Pod's node affinity/selector");
    }
    if host_ports(spec).iter().any(|p| node.used_ports.contains(p)) {
        return failed("NodePorts", "node(s) didn't have free ports for the requested pod ports");
    }
    if untolerated(&node.taints, &admitted_tolerations(spec), &["NoExecute"]).is_some() {
        // tainttoleration.ErrReasonNotMatch
        return failed("TaintToleration", "node(s) had taints that the pod didn't tolerate");
    }
    None
}

/// A `whenUnsatisfiable: ScheduleAnyway` constraint whose topologyKey the node of one of the
/// object's placed pods lacks (qa9 15, kubernetes/kubernetes#97687: "I expect the incoming pods
/// should be in pending state if the topology spread constraints are not satisfied"). The
/// PodTopologySpread plugin filters with DoNotSchedule constraints only (filtering.go
/// calPreFilterState); a ScheduleAnyway one scores, and a node missing any of the pod's
/// constraint keys is put in IgnoredNodes and scored 0 (scoring.go initPreScoreState,
/// NormalizeScore): least preferred, never excluded. One info per object; only for Nodes of the
/// input (simulated nodes carry no such labels, and the cluster's own may well).
fn soft_spread_notes(cluster: &Cluster, objects: &[Object], diags: &mut Vec<Diagnostic>) {
    for (oi, o) in objects.iter().enumerate() {
        let spec = match &o.body {
            Body::Pod(spec, _) => spec,
            Body::Workload(w) => &w.template,
            _ => continue,
        };
        let hit = spec.sched().topology_spread.iter().enumerate().filter(|(_, c)| c.when_unsatisfiable == "ScheduleAnyway").find_map(|(i, c)| {
            cluster.pods.iter().filter(|p| p.object == oi).find_map(|p| {
                let node = cluster.nodes.iter().find(|n| Some(&n.name) == p.node.as_ref())?;
                (!node.simulated && label(&node.labels, &c.topology_key).is_none()).then_some((i, c, p, node))
            })
        });
        let Some((i, c, p, node)) = hit else { continue };
        let prefix = o.pod_spec_path().unwrap_or("spec");
        let field = format!("{prefix}.topologySpreadConstraints[{i}].whenUnsatisfiable");
        let msg = format!(
            "{field}: ScheduleAnyway only ranks nodes: pod {} runs on node {}, which has no label {}. The scheduler's PodTopologySpread plugin filters with DoNotSchedule constraints only; a ScheduleAnyway one scores, and a node missing any of the pod's constraint keys scores 0 there (the least preferred, never excluded), so pods land on it when other nodes do not fit or score lower elsewhere. whenUnsatisfiable: DoNotSchedule keeps pods off nodes without the label (a pod then stays Pending when no labelled node fits)",
            p.name, node.name, c.topology_key
        );
        diags.push(Diagnostic::note(Severity::Info, ErrorType::Resolution, "SpreadScheduleAnyway", msg, o.pos(&field)).on(&o.id()));
    }
}

/// The Pending pods grouped by (object, reason), in the order first met.
fn pending_groups(cluster: &Cluster) -> Vec<(usize, &str, Vec<&str>)> {
    let mut groups: Vec<(usize, &str, Vec<&str>)> = Vec::new();
    let mut group_of: std::collections::HashMap<(usize, &str), usize> = std::collections::HashMap::new();
    for p in &cluster.pods {
        let Some(reason) = p.pending_reason.as_deref() else { continue };
        match group_of.get(&(p.object, reason)) {
            Some(&g) => groups[g].2.push(&p.name),
            None => {
                group_of.insert((p.object, reason), groups.len());
                groups.push((p.object, reason, vec![&p.name]));
            }
        }
    }
    groups
}

/// One warning per object and reason for the pods the scheduler leaves Pending (the
/// FailedScheduling event a `kubectl describe pod` shows).
fn failed_scheduling_notes(cluster: &Cluster, objects: &[Object], diags: &mut Vec<Diagnostic>) {
    let groups = pending_groups(cluster);
    for p in cluster.pods.iter().filter(|p| p.failed_reason.is_some()) {
        let o = &objects[p.object];
        let field = if matches!(o.body, Body::Workload(_)) { "spec.template.spec.nodeName" } else { "spec.nodeName" };
        let msg = format!("pod {} on node {}: {}", p.name, p.node.as_deref().unwrap_or(""), p.failed_reason.as_deref().unwrap_or(""));
        diags.push(Diagnostic::note(Severity::Warning, ErrorType::Resolution, "PodRejected", msg, o.pos(field)).on(&o.id()));
    }
    taint_eviction_notes(cluster, objects, None, diags);
    failed_scheduling_warnings(cluster, objects, groups, diags);
}

/// The FailedScheduling warnings of [`failed_scheduling_notes`], one per object and reason.
fn failed_scheduling_warnings(cluster: &Cluster, objects: &[Object], groups: Vec<(usize, &str, Vec<&str>)>, diags: &mut Vec<Diagnostic>) {
    for (oi, reason, pods) in groups {
        let o = &objects[oi];
        let prefix = o.pod_spec_path().unwrap_or("spec");
        let shown = if pods.len() == 1 { format!("pod {} stays Pending", pods[0]) } else { format!("{} pods ({}, …) stay Pending", pods.len(), pods[0]) };
        // a node-role label no node carries (corpus4: Sock Shop's `node-role.kubernetes.io/worker:
        // ""`): the kubelet may not set labels under node-role.kubernetes.io on its own Node
        // (kubelet options validation: kubernetes.io/ and k8s.io/ keys outside the allowed list
        // are refused in --node-labels; NodeRestriction), kubeadm sets only
        // node-role.kubernetes.io/control-plane; an installer (OpenShift) or an admin sets others
        let spec = match &o.body {
            Body::Pod(spec, _) => Some(spec),
            Body::Workload(w) => Some(&w.template),
            _ => None,
        };
        let role = spec.and_then(|s| s.node_selector.as_ref()).and_then(|sel| {
            sel.iter().map(|(k, _)| k.as_str()).find(|k| k.starts_with("node-role.kubernetes.io/") && !cluster.nodes.iter().any(|n| label(&n.labels, k).is_some()))
        });
        let hint = match role {
            Some(k) => format!(
                " ({k} is not a label the kubelet sets: kubeadm sets only node-role.kubernetes.io/control-plane, on its control-plane nodes; OpenShift and some installers label workers; `kubectl label node <node> {k}=` adds it)"
            ),
            None => String::new(),
        };
        diags.push(
            Diagnostic::note(Severity::Warning, ErrorType::Resolution, "FailedScheduling", format!("{shown}: {reason}{hint}"), o.pos(prefix)).on(&o.id()),
        );
    }
}

/// The taint eviction controller (pkg/controller/tainteviction/taint_eviction.go
/// processPodOnNode): a running pod on a node with NoExecute taints that it all tolerates
/// (GetMatchingTolerations: the first toleration of each taint) stays only for the least
/// `tolerationSeconds` among those tolerations (getMinTolerationTime; none set: forever, ≤ 0:
/// at once), then is deleted. One warning per object and node, for the pods that run there.
/// `only`: just these nodes (the what-if nodes_down, once they carry the unreachable taint; a
/// pod nothing owns is then said not to come back).
/// `only` carries the cluster once those pods are evicted: where their replacements can go.
fn taint_eviction_notes(cluster: &Cluster, objects: &[Object], only: Option<(&[String], &Cluster)>, diags: &mut Vec<Diagnostic>) {
    // the running pods on nodes with NoExecute taints, grouped by (object, node) in one pass:
    // (first pod, how many), in the order first met
    let tainted: std::collections::HashMap<&str, usize> = cluster
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.taints.iter().any(|t| t.effect == "NoExecute") && only.is_none_or(|(o, _)| o.contains(&n.name)))
        .map(|(i, n)| (n.name.as_str(), i))
        .collect();
    if tainted.is_empty() {
        return;
    }
    let mut groups: Vec<(&PodInst, usize, usize)> = Vec::new();
    let mut group_of: std::collections::HashMap<(usize, usize), usize> = std::collections::HashMap::new();
    for p in cluster.pods.iter().filter(|p| p.phase == "Running" && !p.terminating) {
        let Some(&ni) = p.node.as_deref().and_then(|n| tainted.get(n)) else { continue };
        match group_of.get(&(p.object, ni)) {
            Some(&g) => groups[g].2 += 1,
            None => {
                group_of.insert((p.object, ni), groups.len());
                groups.push((p, ni, 1));
            }
        }
    }
    for (p, ni, count) in groups {
        let node = &cluster.nodes[ni];
        let taints: Vec<&Taint> = node.taints.iter().filter(|t| t.effect == "NoExecute").collect();
        let o = &objects[p.object];
        let (spec, prefix) = match &o.body {
            Body::Pod(spec, _) => (Cow::Borrowed(spec), "spec"),
            Body::Workload(w) => {
                let mut t = w.template.clone();
                if o.kind == "DaemonSet" {
                    add_daemon_tolerations(&mut t);
                }
                (Cow::Owned(t), "spec.template.spec")
            }
            _ => continue,
        };
        let tolerations = admitted_tolerations(&spec);
        let used: Option<Vec<&Toleration>> = taints.iter().map(|t| tolerations.iter().find(|tol| tolerates(tol, t)).copied()).collect();
        let Some(used) = used else { continue }; // not all tolerated: the kubelet's rejection says so
        let seconds = used.iter().filter_map(|t| t.toleration_seconds).map(|s| s.max(0)).min();
        let Some(seconds) = seconds else { continue };
        let shown = if count == 1 { format!("pod {}", p.name) } else { format!("{count} pods ({}, …)", p.name) };
        let which = taints.iter().map(|t| if t.value.is_empty() { format!("{}:NoExecute", t.key) } else { format!("{}={}:NoExecute", t.key, t.value) }).collect::<Vec<_>>().join(", ");
        let when = if seconds == 0 { "at once".to_string() } else { format!("{seconds} s after {} met the taint", if count == 1 { "it" } else { "each" }) };
        // review25: a StatefulSet makes no pod of an ordinal whose pod still exists
        // (pkg/controller/statefulset/stateful_set_control.go: "StatefulSet is waiting for Pod to
        // Terminate"), and a pod deleted on an unreachable node stays Terminating: its kubelet,
        // which confirms a graceful deletion, does not answer (kubernetes/kubernetes#54368, "by
        // design"; the docs' force-delete-stateful-set-pod task)
        let unreachable = taints.iter().any(|t| t.key == TAINT_UNREACHABLE);
        let again = match (&p.owner, only) {
            // (the what-if node down, learn19 Q02/Q20: the kubelet that would confirm the
            // graceful delete is gone, so the pod object stays Terminating — since 1.5 nothing
            // force-deletes a pod on an unreachable node (kubernetes/kubernetes#54368). A
            // StatefulSet keeps the name, and pkg/controller/statefulset/stateful_set_control.go
            // processReplica waits while a replica isTerminating ("StatefulSet %s/%s is waiting
            // for Pod %s to Terminate"); a ReplicaSet or ReplicationController does not count a
            // pod with a deletionTimestamp (controller.FilterActivePods) and replaces it, as a
            // Job does with its default podReplacementPolicy TerminatingOrFailed)
            (Some(o), Some(_)) if o.starts_with("StatefulSet/") => {
                let (stays, again, it) = if count == 1 { ("the pod object stays", format!("no new {}", p.name), "It stays") } else { ("each pod object stays", "no pod of the same name".to_string(), "Each stays") };
                format!(
                    "; but {stays} Terminating, since only its kubelet can confirm the delete, and a StatefulSet keeps its pods' names: the StatefulSet controller creates {again} while the old one exists (stateful_set_control.go: \"waiting for Pod … to Terminate\"). {it} so until the node comes back, its Node object is deleted (the pod garbage collector then removes its pods), the node gets the node.kubernetes.io/out-of-service taint (non-graceful node shutdown), or someone runs kubectl delete pod --force --grace-period=0 (safe only once the node is really off)"
                )
            }
            (Some(o), _) if unreachable && o.starts_with("StatefulSet/") => {
                "; the deleted pod then stays Terminating, as the unreachable kubelet never confirms the deletion, and the StatefulSet controller creates no pod of the same name until that pod is gone (the node answers again, the Node object is deleted, or the pod is force-deleted: kubectl delete pod --grace-period=0 --force)".to_string()
            }
            (Some(_), None) => "; its controller then creates a replacement".to_string(),
            (Some(_), Some((_, after))) => {
                // (whatif23: where the replacement can go, by the scheduler's filters)
                let r = replacement_words(after, o, p, count);
                format!(
                    "; {} Terminating (kubectl get pods), since only its kubelet can confirm the delete, until the node comes back or its Node object is deleted; its controller does not wait for that: it {}",
                    if count == 1 { "the pod object stays" } else { "each pod object stays" },
                    r.trim_start_matches("; its controller then ")
                )
            }
            (None, Some(_)) => "; no controller owns it, so nothing creates it again".to_string(),
            (None, None) => String::new(),
        };
        // the shortest toleration written in the pod, or the one DefaultTolerationSeconds added
        let written = spec.tolerations.iter().any(|t| t.toleration_seconds.map(|s| s.max(0)) == Some(seconds) && taints.iter().any(|x| tolerates(t, x)));
        let whose = if written { "tolerationSeconds".to_string() } else { format!("the {seconds} s toleration the DefaultTolerationSeconds admission plugin adds") };
        let msg = format!("{shown} on node {}: the taint {which} is tolerated for {seconds} s only ({whose}), so the taint eviction controller deletes {} {when}{again}", node.name, if count == 1 { "it" } else { "them" });
        diags.push(Diagnostic::note(Severity::Warning, ErrorType::Resolution, "TaintEviction", msg, o.pos(&format!("{prefix}.tolerations"))).on(&o.id()));
    }
}

/// Where the replacement of a pod the taint eviction deleted from a down node can go (whatif23):
/// its controller creates it anew (a StatefulSet with the same name), and the scheduler's filters
/// ([`feasible_nodes`], on `after`: the cluster without the evicted pods, the down nodes tainted
/// node.kubernetes.io/unreachable:NoSchedule) leave these nodes, or none (it stays Pending, in
/// the FailedScheduling words). Which node of several its Score plugins pick is not modelled.
fn replacement_words(after: &Cluster, o: &Object, p: &PodInst, count: usize) -> String {
    let Some(spec) = scheduled_spec(o, &p.labels) else {
        return "; its controller then creates a replacement".to_string();
    };
    let (one, them) = if count == 1 { ("a replacement", "it") } else { ("replacements", "them") };
    match feasible_nodes(&after.nodes, &spread_state(after, &p.namespace, &spec), &affinity_state(after, &p.namespace, &p.labels, &spec), &p.labels, &spec) {
        Ok(nodes) => {
            let names: Vec<&str> = nodes.iter().map(|&i| after.nodes[i].name.as_str()).collect();
            let which = if names.len() == 1 { format!("node {}", names[0]) } else { format!("nodes {} (which one, its scores decide)", names.join(", ")) };
            format!("; its controller then creates {one}, and the scheduler's filters leave {them} {which}")
        }
        Err(msg) => format!("; its controller then creates {one}, which no node can take, so {} Pending: {msg}", if count == 1 { "it stays" } else { "they stay" }),
    }
}

// ---------------------------------------------------------------- scheduling

const TAINT_NOT_READY: &str = "node.kubernetes.io/not-ready";
const TAINT_UNREACHABLE: &str = "node.kubernetes.io/unreachable";
const TAINT_UNSCHEDULABLE: &str = "node.kubernetes.io/unschedulable";

fn taint(key: &str, effect: &str) -> Taint {
    Taint { key: key.into(), value: String::new(), effect: effect.into() }
}

fn exists_toleration(key: &str, effect: &str, seconds: Option<i64>) -> Toleration {
    Toleration { key: key.into(), operator: "Exists".into(), value: String::new(), effect: effect.into(), toleration_seconds: seconds }
}

/// The taints a Node carries once the node lifecycle controller has seen it
/// (pkg/controller/nodelifecycle/node_lifecycle_controller.go). doNoScheduleTaintingPass maps
/// each condition, in the Node's order, through nodeConditionToTaintKeyStatusMap (Ready=False →
/// `node.kubernetes.io/not-ready`, Ready=Unknown → `node.kubernetes.io/unreachable`,
/// MemoryPressure / DiskPressure / PIDPressure / NetworkUnavailable=True → `…/memory-pressure`,
/// `…/disk-pressure`, `…/pid-pressure`, `…/network-unavailable`), all NoSchedule, and adds
/// `node.kubernetes.io/unschedulable:NoSchedule` for spec.unschedulable; processTaintBaseEviction
/// adds NotReadyTaintTemplate / UnreachableTaintTemplate (the Ready keys, NoExecute). Taints the
/// object already lists are kept first, in their order; missing ones are appended.
fn lifecycle_taints(listed: &[Taint], conditions: &[(String, String)], unschedulable: bool) -> Vec<Taint> {
    let mut out = listed.to_vec();
    let mut add = |t: Taint| {
        if !out.iter().any(|x| x.key == t.key && x.effect == t.effect) {
            out.push(t);
        }
    };
    let mut ready_key = None;
    for (kind, status) in conditions {
        let key = match (kind.as_str(), status.as_str()) {
            ("Ready", "False") => TAINT_NOT_READY,
            ("Ready", "Unknown") => TAINT_UNREACHABLE,
            ("MemoryPressure", "True") => "node.kubernetes.io/memory-pressure",
            ("DiskPressure", "True") => "node.kubernetes.io/disk-pressure",
            ("NetworkUnavailable", "True") => "node.kubernetes.io/network-unavailable",
            ("PIDPressure", "True") => "node.kubernetes.io/pid-pressure",
            _ => continue,
        };
        if kind == "Ready" {
            ready_key = Some(key);
        }
        add(taint(key, "NoSchedule"));
    }
    if unschedulable {
        add(taint(TAINT_UNSCHEDULABLE, "NoSchedule"));
    }
    if let Some(k) = ready_key {
        add(taint(k, "NoExecute"));
    }
    out
}

/// Toleration.ToleratesTaint (staging/src/k8s.io/api/core/v1/toleration.go): an empty effect
/// matches every effect, an empty key (with Exists) every key; operator "" or Equal compares
/// values, Exists matches any value. Lt/Gt belong to the alpha TaintTolerationComparisonOperators
/// gate (off by default), so they tolerate nothing here.
pub fn tolerates(t: &Toleration, taint: &Taint) -> bool {
    if !t.effect.is_empty() && t.effect != taint.effect {
        return false;
    }
    if !t.key.is_empty() && t.key != taint.key {
        return false;
    }
    match t.operator.as_str() {
        "" | "Equal" => t.value == taint.value,
        "Exists" => true,
        _ => false,
    }
}

/// FindMatchingUntoleratedTaint (staging/src/k8s.io/component-helpers/scheduling/corev1/helpers.go):
/// the first taint, in the node's order, whose effect is one of `effects` and that no toleration
/// tolerates (TolerationsTolerateTaint).
fn untolerated<'a, T: std::borrow::Borrow<Toleration>>(taints: &'a [Taint], tolerations: &[T], effects: &[&str]) -> Option<&'a Taint> {
    taints.iter().filter(|t| effects.contains(&t.effect.as_str())).find(|t| !tolerations.iter().any(|tol| tolerates(tol.borrow(), t)))
}

/// The tolerations a pod has once the API server admitted it: its own plus, from the
/// DefaultTolerationSeconds admission plugin (plugin/pkg/admission/defaulttolerationseconds),
/// `not-ready:NoExecute` and `unreachable:NoExecute` for 300 s unless it already tolerates them.
/// (The pod's own borrowed, the plugin's two made once: the scheduler asks this for every pod
/// and node, and cloning each pod's tolerations with two made-up ones was ~2% of a 10,000-pod
/// analysis; perf11.)
pub(crate) fn admitted_tolerations(spec: &PodSpec) -> Vec<&Toleration> {
    static DEFAULT_TOLERATION_SECONDS: std::sync::OnceLock<[Toleration; 2]> = std::sync::OnceLock::new();
    let added = DEFAULT_TOLERATION_SECONDS.get_or_init(|| [TAINT_NOT_READY, TAINT_UNREACHABLE].map(|key| exists_toleration(key, "NoExecute", Some(300))));
    let mut out: Vec<&Toleration> = Vec::with_capacity(spec.tolerations.len() + 2);
    out.extend(spec.tolerations.iter());
    for t in added {
        let has = spec.tolerations.iter().any(|x| x.key == t.key && (x.effect.is_empty() || x.effect == "NoExecute"));
        if !has {
            out.push(t);
        }
    }
    out
}

/// AddOrUpdateDaemonPodTolerations (pkg/controller/daemon/util/daemonset_util.go): what the
/// DaemonSet controller adds to every pod it creates — not the control-plane taint.
fn add_daemon_tolerations(spec: &mut PodSpec) {
    let mut wanted = vec![
        exists_toleration(TAINT_NOT_READY, "NoExecute", None),
        exists_toleration(TAINT_UNREACHABLE, "NoExecute", None),
        exists_toleration("node.kubernetes.io/disk-pressure", "NoSchedule", None),
        exists_toleration("node.kubernetes.io/memory-pressure", "NoSchedule", None),
        exists_toleration("node.kubernetes.io/pid-pressure", "NoSchedule", None),
        exists_toleration(TAINT_UNSCHEDULABLE, "NoSchedule", None),
    ];
    if spec.host_network {
        wanted.push(exists_toleration("node.kubernetes.io/network-unavailable", "NoSchedule", None));
    }
    for t in wanted {
        // AddOrUpdateTolerationInPodSpec: a toleration with the same key, effect, operator and
        // value (MatchToleration) is replaced, else appended
        match spec.tolerations.iter_mut().find(|x| x.key == t.key && x.effect == t.effect && x.operator == t.operator && x.value == t.value) {
            Some(x) => *x = t,
            None => spec.tolerations.push(t),
        }
    }
}

/// One NodeSelectorRequirement against node labels, as labels.Requirement.Matches after
/// nodeSelectorRequirementsAsSelector (staging/src/k8s.io/component-helpers/scheduling/corev1/
/// nodeaffinity/nodeaffinity.go). None: the requirement does not parse (the term is ignored).
fn label_requirement(r: &NodeSelectorRequirement, labels: &Labels) -> Option<bool> {
    let v = labels.iter().find(|(k, _)| *k == r.key).map(|(_, v)| v.as_str());
    let int = |s: &str| s.parse::<i64>().ok();
    Some(match r.operator.as_str() {
        "In" if !r.values.is_empty() => v.is_some_and(|v| r.values.iter().any(|x| x == v)),
        "NotIn" if !r.values.is_empty() => v.is_none_or(|v| !r.values.iter().any(|x| x == v)),
        "Exists" if r.values.is_empty() => v.is_some(),
        "DoesNotExist" if r.values.is_empty() => v.is_none(),
        "Gt" | "Lt" if r.values.len() == 1 => {
            let want = int(&r.values[0])?;
            match v.and_then(int) {
                Some(have) if r.operator == "Gt" => have > want,
                Some(have) => have < want,
                None => false,
            }
        }
        _ => return None,
    })
}

/// matchFields: only `metadata.name` with In / NotIn and exactly one value
/// (nodeSelectorRequirementsAsFieldSelector).
fn field_requirement(r: &NodeSelectorRequirement, node: &str) -> Option<bool> {
    if r.key != "metadata.name" || r.values.len() != 1 {
        return None;
    }
    match r.operator.as_str() {
        "In" => Some(node == r.values[0]),
        "NotIn" => Some(node != r.values[0]),
        _ => None,
    }
}

/// nodeSelectorTerm.Match: requirements are ANDed; an empty term, or one that does not parse,
/// matches nothing.
fn term_matches(t: &NodeSelectorTerm, node: &ClusterNode) -> bool {
    if t.match_expressions.is_empty() && t.match_fields.is_empty() {
        return false;
    }
    let labels = t.match_expressions.iter().map(|r| label_requirement(r, &node.labels)).collect::<Option<Vec<bool>>>();
    let fields = t.match_fields.iter().map(|r| field_requirement(r, &node.name)).collect::<Option<Vec<bool>>>();
    match (labels, fields) {
        (Some(l), Some(f)) => l.iter().chain(f.iter()).all(|b| *b),
        _ => false,
    }
}

/// RequiredNodeAffinity.Match (GetRequiredNodeAffinity, nodeaffinity.go): every
/// spec.nodeSelector pair is a node label, and one of the required nodeSelectorTerms matches.
pub fn matches_node_affinity(spec: &PodSpec, node: &ClusterNode) -> bool {
    if let Some(sel) = &spec.node_selector {
        if !sel.iter().all(|(k, v)| node.labels.iter().any(|(nk, nv)| nk == k && nv == v)) {
            return false;
        }
    }
    match &spec.sched().required_node_affinity {
        Some(terms) => terms.iter().any(|t| term_matches(t, node)),
        None => true,
    }
}

/// NodeAffinity.PreFilter (pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go): when
/// every required term names nodes with `matchFields metadata.name In`, only those nodes are
/// filtered. Some(empty) is the "pod affinity terms conflict" case.
fn prefilter_node_names(spec: &PodSpec) -> Option<Vec<String>> {
    let terms = spec.sched().required_node_affinity.as_ref().filter(|t| !t.is_empty())?;
    let mut names: Vec<String> = Vec::new();
    for t in terms {
        let mut term_names: Option<Vec<String>> = None;
        for r in t.match_fields.iter().filter(|r| r.key == "metadata.name" && r.operator == "In") {
            term_names = Some(match term_names {
                None => r.values.clone(),
                Some(prev) => prev.into_iter().filter(|n| r.values.contains(n)).collect(),
            });
        }
        for n in term_names? {
            if !names.contains(&n) {
                names.push(n);
            }
        }
    }
    Some(names)
}

/// The first Filter plugin that rejects `node`, in the default profile's order
/// (pkg/scheduler/apis/config/v1/default_plugins.go: NodeUnschedulable, NodeName,
/// TaintToleration, NodeAffinity, …; RunFilterPlugins stops at the first rejection), with that
/// plugin's reason string. None: the node is feasible.
fn filter_reason(spec: &PodSpec, tolerations: &[&Toleration], node: &ClusterNode) -> Option<Rejection> {
    // NodeUnschedulable.Filter (nodeunschedulable/node_unschedulable.go): tolerating the
    // unschedulable taint also tolerates spec.unschedulable
    if node.unschedulable && !tolerations.iter().any(|t| tolerates(t, &taint(TAINT_UNSCHEDULABLE, "NoSchedule"))) {
        return Some(Rejection::unresolvable("node(s) were unschedulable"));
    }
    // TaintToleration.Filter (tainttoleration/taint_toleration.go): NoSchedule and NoExecute
    // taints must be tolerated; PreferNoSchedule only scores. The reason names no taint since
    // kubernetes#134740 ("Pod statuses no longer include specific taint keys or values", v1.35.0,
    // cherry-picked to 1.34 as #135023): "node(s) had untolerated taint(s)"; earlier releases
    // said "node(s) had untolerated taint {key: value}" (review22)
    if untolerated(&node.taints, tolerations, &["NoSchedule", "NoExecute"]).is_some() {
        return Some(Rejection::unresolvable("node(s) had untolerated taint(s)"));
    }
    // NodeAffinity.Filter: ErrReasonPod
    if !matches_node_affinity(spec, node) {
        return Some(Rejection::unresolvable("node(s) didn't match Pod's node affinity/selector"));
    }
    // NodePorts.Filter (nodeports/node_ports.go): a host port the pod wants is taken on the node
    // (Unschedulable, not …AndUnresolvable: preemption may look for victims there)
    if host_ports(spec).iter().any(|p| node.used_ports.contains(p)) {
        return Some(Rejection { reason: "node(s) didn't have free ports for the requested pod ports".into(), resolvable: true });
    }
    // NodeResourcesFit.Filter (noderesources/fit.go fitsRequest): room for one more pod, then for
    // each requested resource the node's allocatable minus what its pods request; every
    // shortfall is a reason of its own
    if node.allocatable.iter().all(Option::is_none) {
        return None; // nothing known to fit against (simulated nodes, Nodes without status)
    }
    let req = pod_requests(spec);
    let mut short: Vec<&str> = Vec::new();
    if node.allocatable[2].is_some_and(|pods| node.requested[2] + 1 > pods) {
        short.push("Too many pods");
    }
    for (i, (want, what)) in [(req.milli_cpu, "Insufficient cpu"), (req.memory, "Insufficient memory")].into_iter().enumerate() {
        if want > 0 && node.allocatable[i].is_some_and(|a| want > a.saturating_sub(node.requested[i])) {
            short.push(what);
        }
    }
    if !short.is_empty() {
        return Some(Rejection { reason: short.join(REASONS), resolvable: true });
    }
    None
}

/// Joins the several reasons one node gives (fit.go: a reason per insufficient resource); the
/// FitError histogram counts each.
const REASONS: &str = "\u{0}";

/// resource.PodRequests (k8s.io/component-helpers resource/helpers.go): the containers' requests
/// summed, restartable init containers (sidecars) added to them, and the largest need of any
/// init container's turn (its requests plus the sidecars started before it) if that is more.
pub fn pod_requests(spec: &PodSpec) -> Resources {
    let add = |a: Resources, b: Resources| Resources { milli_cpu: a.milli_cpu.saturating_add(b.milli_cpu), memory: a.memory.saturating_add(b.memory) };
    let max = |a: Resources, b: Resources| Resources { milli_cpu: a.milli_cpu.max(b.milli_cpu), memory: a.memory.max(b.memory) };
    let mut reqs = spec.checks.iter().filter(|c| !c.init).fold(Resources::default(), |acc, c| add(acc, c.requests));
    let (mut sidecars, mut init) = (Resources::default(), Resources::default());
    for c in spec.checks.iter().filter(|c| c.init) {
        let turn = if c.restart_policy.as_deref() == Some("Always") {
            reqs = add(reqs, c.requests);
            sidecars = add(sidecars, c.requests);
            sidecars
        } else {
            add(c.requests, sidecars)
        };
        init = max(init, turn);
    }
    max(reqs, init)
}

/// kubelet initialNode / updateDefaultLabels (pkg/kubelet/kubelet_node_status.go): the kubelet
/// keeps `kubernetes.io/hostname`, `kubernetes.io/os` and `kubernetes.io/arch` on its Node, and
/// still the deprecated `beta.kubernetes.io/os` / `beta.kubernetes.io/arch` (kubeletapis.LabelOS,
/// LabelArch) that older manifests select on (Sock Shop, coredns 1.7), so a Node written without
/// them has them in a running cluster (nodeSelector and topologyKey see them).
/// The Windows nodes the input's pods ask for when it has no Node objects (the nodes are ours,
/// not the user's: a pod template that selects `kubernetes.io/os: windows` — or
/// `beta.kubernetes.io/os`, or a required node affinity `kubernetes.io/os In (windows)` — says the
/// cluster has Windows nodes). One per Windows build asked (`node.kubernetes.io/windows-build`,
/// which the kubelet sets on a Windows node: pkg/kubelet/kubelet_node_status.go initialNode,
/// `if goruntime.GOOS == "windows"`… `node.Labels[v1.LabelWindowsBuild]`; none asked: Windows
/// Server 2022's 10.0.20348), with where it is first asked.
fn windows_requests(objects: &[Object]) -> Vec<(String, super::yaml::Pos)> {
    let mut out: Vec<(String, super::yaml::Pos)> = Vec::new();
    for o in objects.iter().filter(|o| !o.refused) {
        let (spec, at) = match &o.body {
            Body::Pod(spec, _) => (spec, "spec.nodeSelector"),
            Body::Workload(w) => (&w.template, "spec.template.spec.nodeSelector"),
            _ => continue,
        };
        let none = Labels::new();
        let selector = spec.node_selector.as_ref().unwrap_or(&none);
        let asked = |k: &str| label(selector, k);
        let by_selector = asked("kubernetes.io/os") == Some("windows") || asked("beta.kubernetes.io/os") == Some("windows");
        let by_affinity = spec.sched().required_node_affinity.as_ref().is_some_and(|terms| {
            !terms.is_empty()
                && terms.iter().all(|t| {
                    t.match_expressions.iter().any(|e| matches!(e.key.as_str(), "kubernetes.io/os" | "beta.kubernetes.io/os") && e.operator == "In" && e.values.iter().all(|v| v == "windows"))
                })
        });
        if !by_selector && !by_affinity {
            continue;
        }
        let build = asked("node.kubernetes.io/windows-build").unwrap_or("10.0.20348").to_string();
        if !out.iter().any(|(b, _)| *b == build) && out.len() < 8 {
            let pos = if by_selector { o.pos(at) } else { o.pos(at.trim_end_matches("nodeSelector")) };
            out.push((build, pos));
        }
    }
    out
}

fn kubelet_default_labels(labels: &[(String, String)], name: &str) -> Labels {
    let mut out = labels.to_vec();
    // the beta labels carry the same GOOS / GOARCH as the stable ones (an arm64 Node written
    // with kubernetes.io/arch: arm64 is beta.kubernetes.io/arch: arm64 too; review9 d02)
    let written = |k: &str, default: &'static str| labels.iter().find(|(x, _)| x == k).map_or(default.to_string(), |(_, v)| v.clone());
    let (os, arch) = (written("kubernetes.io/os", "linux"), written("kubernetes.io/arch", "amd64"));
    for (k, v) in [
        ("kubernetes.io/hostname", name),
        ("kubernetes.io/os", os.as_str()),
        ("kubernetes.io/arch", arch.as_str()),
        ("beta.kubernetes.io/os", os.as_str()),
        ("beta.kubernetes.io/arch", arch.as_str()),
    ] {
        if !out.iter().any(|(x, _)| x == k) {
            out.push((k.to_string(), v.to_string()));
        }
    }
    out
}

/// applyMatchLabelKeysAndMismatchLabelKeys (pkg/registry/core/pod/strategy.go, PrepareForCreate;
/// MatchLabelKeysInPodAffinity, on by default): each matchLabelKeys key the pod carries becomes
/// `key In (value)`, each mismatchLabelKeys key `key NotIn (value)`; a term without a
/// labelSelector (selects nothing) is left alone.
fn apply_match_label_keys(terms: &mut [PodAffinityTerm], labels: &Labels) {
    for t in terms {
        if let Some(sel) = t.label_selector.as_mut() {
            merge_label_keys(sel, &t.match_label_keys, "In", labels);
            merge_label_keys(sel, &t.mismatch_label_keys, "NotIn", labels);
        }
    }
}

/// `key <op> (value)` added to a selector for each of `keys` the pod carries.
fn merge_label_keys(sel: &mut LabelSelector, keys: &[String], op: &str, labels: &Labels) {
    for k in keys {
        if let Some(v) = label(labels, k) {
            sel.match_expressions.push(NodeSelectorRequirement { key: k.clone(), operator: op.into(), values: vec![v.to_string()] });
        }
    }
}

/// PodTopologySpread's PreFilter state for one DoNotSchedule constraint (pkg/scheduler/framework/
/// plugins/podtopologyspread/filtering.go calPreFilterState): matching pods per topology value,
/// over the nodes that carry the constraint's key and pass its node inclusion policies.
struct SpreadState {
    constraint: TopologySpreadConstraint,
    counts: Vec<(String, i64)>,
}

/// calPreFilterState: only `whenUnsatisfiable: DoNotSchedule` constraints filter (the scheduler's
/// default constraints are ScheduleAnyway and only score). matchLabelKeys are merged into the
/// selector from the pod's labels; countPodsMatchSelector skips terminating pods and pods of
/// other namespaces.
fn spread_state(cluster: &Cluster, ns: &str, spec: &PodSpec) -> Vec<SpreadState> {
    let tolerations = admitted_tolerations(spec);
    let mut out = Vec::new();
    let hard: Vec<&TopologySpreadConstraint> = spec.sched().topology_spread.iter().filter(|c| c.when_unsatisfiable == "DoNotSchedule").collect();
    for c in &hard {
        let mut counts: Vec<(String, i64)> = Vec::new();
        for node in &cluster.nodes {
            // nodeLabelsMatchSpreadConstraints: every constraint's key on the node
            if !hard.iter().all(|h| label(&node.labels, &h.topology_key).is_some()) {
                continue;
            }
            // matchNodeInclusionPolicies: nodeAffinityPolicy Honor (default), nodeTaintsPolicy Ignore (default)
            if c.node_affinity_policy.as_deref() != Some("Ignore") && !matches_node_affinity(spec, node) {
                continue;
            }
            if c.node_taints_policy.as_deref() == Some("Honor") && untolerated(&node.taints, &tolerations, &["NoSchedule", "NoExecute"]).is_some() {
                continue;
            }
            let value = label(&node.labels, &c.topology_key).unwrap_or_default();
            let n = cluster
                .pods
                .iter()
                .filter(|p| p.node.as_deref() == Some(node.name.as_str()) && p.namespace == ns && !p.terminating && selector_matches(c.label_selector.as_ref(), &p.labels))
                .count() as i64;
            match counts.iter_mut().find(|(v, _)| v == value) {
                Some(e) => e.1 += n,
                None => counts.push((value.to_string(), n)),
            }
        }
        out.push(SpreadState { constraint: (*c).clone(), counts });
    }
    out
}

/// PodTopologySpread.Filter: a node without a constraint's key is UnschedulableAndUnresolvable
/// (ErrReasonNodeLabelNotMatch); `matchNum + selfMatch - minMatchNum > maxSkew` is Unschedulable
/// (ErrReasonConstraintsNotMatch); with fewer domains than minDomains the global minimum is 0.
fn spread_filter(spread: &[SpreadState], pod_labels: &Labels, node: &ClusterNode) -> Option<Rejection> {
    for s in spread {
        let c = &s.constraint;
        let Some(value) = label(&node.labels, &c.topology_key) else {
            return Some(Rejection::unresolvable("node(s) didn't match pod topology spread constraints (missing required label)"));
        };
        let mut min = s.counts.iter().map(|(_, n)| *n).min().unwrap_or(i64::from(i32::MAX));
        if (s.counts.len() as i64) < c.min_domains.unwrap_or(1) {
            min = 0;
        }
        let self_match = i64::from(selector_matches(c.label_selector.as_ref(), pod_labels));
        let matched = s.counts.iter().find(|(v, _)| v == value).map_or(0, |e| e.1);
        if matched + self_match - min > c.max_skew {
            return Some(Rejection { reason: "node(s) didn't match pod topology spread constraints".into(), resolvable: true });
        }
    }
    None
}

/// InterPodAffinity's PreFilter state (pkg/scheduler/framework/plugins/interpodaffinity/
/// filtering.go preFilterState): per topology pair (key, value), how many placed pods match the
/// incoming pod's required affinity terms (all of them), its anti-affinity terms, and how many
/// placed pods' anti-affinity terms match the incoming pod.
#[derive(Default)]
struct AffinityState {
    affinity: Vec<((String, String), i64)>,
    anti: Vec<((String, String), i64)>,
    existing_anti: Vec<((String, String), i64)>,
    /// podMatchesAllAffinityTerms(incoming's terms, incoming): the first pod of a group that
    /// has affinity to itself may go anywhere
    self_match: bool,
}

fn bump(m: &mut Vec<((String, String), i64)>, key: &str, value: &str) {
    match m.iter_mut().find(|((k, v), _)| k == key && v == value) {
        Some(e) => e.1 += 1,
        None => m.push(((key.to_string(), value.to_string()), 1)),
    }
}

fn count(m: &[((String, String), i64)], key: &str, value: &str) -> i64 {
    m.iter().find(|((k, v), _)| k == key && v == value).map_or(0, |e| e.1)
}

fn label<'a>(labels: &'a Labels, key: &str) -> Option<&'a str> {
    labels.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

/// metav1.LabelSelectorAsSelector(sel).Matches(labels): nil selects nothing, `{}` everything;
/// an operator a LabelSelector does not allow (Gt, Lt, unknown) makes the selector fail to parse,
/// which selects nothing here.
pub(crate) fn selector_matches(sel: Option<&LabelSelector>, labels: &Labels) -> bool {
    let Some(sel) = sel else { return false };
    sel.match_labels.iter().all(|(k, v)| label(labels, k) == Some(v.as_str()))
        && sel.match_expressions.iter().all(|r| matches!(r.operator.as_str(), "In" | "NotIn" | "Exists" | "DoesNotExist") && label_requirement(r, labels) == Some(true))
}

impl Cluster {
    /// A namespace's labels: the Namespace object's, plus `kubernetes.io/metadata.name` (set by
    /// the API server on every Namespace since v1.22, NamespaceDefaultLabelName).
    pub(crate) fn namespace_labels(&self, ns: &str) -> Labels {
        let mut l = self.ns_labels.iter().find(|(n, _)| n == ns).map(|(_, l)| l.clone()).unwrap_or_default();
        l.retain(|(k, _)| k != "kubernetes.io/metadata.name");
        l.push(("kubernetes.io/metadata.name".into(), ns.to_string()));
        l
    }

    /// AffinityTerm.Matches (pkg/scheduler/framework/types.go, newAffinityTerm +
    /// getNamespacesFromPodAffinityTerm): the term's namespaces default to its owner pod's own
    /// when neither `namespaces` nor `namespaceSelector` is set; then the label selector.
    fn term_matches_pod(&self, term: &PodAffinityTerm, owner_ns: &str, ns: &str, labels: &Labels) -> bool {
        let in_ns = if term.namespaces.is_empty() && term.namespace_selector.is_none() {
            ns == owner_ns
        } else {
            term.namespaces.iter().any(|n| n == ns) || selector_matches(term.namespace_selector.as_ref(), &self.namespace_labels(ns))
        };
        in_ns && selector_matches(term.label_selector.as_ref(), labels)
    }
}

/// InterPodAffinity.PreFilter over the pods placed so far (getExistingAntiAffinityCounts,
/// getIncomingAffinityAntiAffinityCounts). Empty when neither the pod nor any placed pod has a
/// required (anti-)affinity term (the plugin skips, and the O(pods) scan is not paid).
fn affinity_state(cluster: &Cluster, ns: &str, labels: &Labels, spec: &PodSpec) -> AffinityState {
    let mut st = AffinityState::default();
    let own = !spec.sched().required_pod_affinity.is_empty() || !spec.sched().required_pod_anti_affinity.is_empty();
    if !own && cluster.pods_with_anti_affinity == 0 {
        return st;
    }
    for p in &cluster.pods {
        let Some(node) = p.node.as_deref().and_then(|n| cluster.node(n)) else { continue };
        for t in &p.anti_affinity {
            if let (true, Some(v)) = (cluster.term_matches_pod(t, &p.namespace, ns, labels), label(&node.labels, &t.topology_key)) {
                bump(&mut st.existing_anti, &t.topology_key, v);
            }
        }
        let terms = &spec.sched().required_pod_affinity;
        if !terms.is_empty() && terms.iter().all(|t| cluster.term_matches_pod(t, ns, &p.namespace, &p.labels)) {
            for t in terms {
                if let Some(v) = label(&node.labels, &t.topology_key) {
                    bump(&mut st.affinity, &t.topology_key, v);
                }
            }
        }
        for t in &spec.sched().required_pod_anti_affinity {
            if let (true, Some(v)) = (cluster.term_matches_pod(t, ns, &p.namespace, &p.labels), label(&node.labels, &t.topology_key)) {
                bump(&mut st.anti, &t.topology_key, v);
            }
        }
    }
    st.self_match = !spec.sched().required_pod_affinity.is_empty() && spec.sched().required_pod_affinity.iter().all(|t| cluster.term_matches_pod(t, ns, ns, labels));
    st
}

impl AffinityState {
    /// InterPodAffinity.Filter: satisfyPodAffinity (UnschedulableAndUnresolvable), then
    /// satisfyPodAntiAffinity and satisfyExistingPodsAntiAffinity (Unschedulable).
    fn filter(&self, spec: &PodSpec, node: &ClusterNode) -> Option<Rejection> {
        let mut pods_exist = true;
        for t in &spec.sched().required_pod_affinity {
            match label(&node.labels, &t.topology_key) {
                Some(v) if count(&self.affinity, &t.topology_key, v) > 0 => {}
                Some(_) => pods_exist = false,
                // all topology labels must exist on the node
                None => return Some(Rejection::unresolvable("node(s) didn't match pod affinity rules")),
            }
        }
        if !(pods_exist || self.affinity.is_empty() && self.self_match) {
            return Some(Rejection::unresolvable("node(s) didn't match pod affinity rules"));
        }
        if !self.anti.is_empty()
            && spec.sched().required_pod_anti_affinity.iter().any(|t| label(&node.labels, &t.topology_key).is_some_and(|v| count(&self.anti, &t.topology_key, v) > 0))
        {
            return Some(Rejection { reason: "node(s) didn't match pod anti-affinity rules".into(), resolvable: true });
        }
        if node.labels.iter().any(|(k, v)| count(&self.existing_anti, k, v) > 0) {
            return Some(Rejection { reason: "node(s) didn't satisfy existing pods anti-affinity rules".into(), resolvable: true });
        }
        None
    }
}

/// A Filter plugin's rejection: its reason, and whether its status is Unschedulable (preemption
/// may help) rather than UnschedulableAndUnresolvable.
struct Rejection {
    reason: String,
    resolvable: bool,
}

impl Rejection {
    fn unresolvable(reason: &str) -> Rejection {
        Rejection { reason: reason.into(), resolvable: false }
    }
}

/// The host ports a pod takes on its node. SetDefaults_PodSpec (pkg/apis/core/v1/defaults.go):
/// on a hostNetwork pod every container port's hostPort defaults to its containerPort
/// (defaultHostNetworkPorts); the scheduler counts the containers' ports with a hostPort
/// (NodeInfo.UsedPorts). Protocol "" is TCP. hostIP is taken as 0.0.0.0 (conflicts with any).
fn host_ports(spec: &PodSpec) -> Vec<(String, i64)> {
    spec.containers
        .iter()
        .flat_map(|c| c.ports.iter())
        .filter_map(|p| {
            let host = if spec.host_network { Some(p.host_port.unwrap_or(p.container_port)) } else { p.host_port };
            host.map(|h| (p.protocol.clone().unwrap_or_else(|| "TCP".into()), h))
        })
        .collect()
}

/// Whether the scheduler's filters let a pod with this spec onto `node`.
pub fn accepts(spec: &PodSpec, node: &ClusterNode) -> bool {
    filter_reason(spec, &admitted_tolerations(spec), node).is_none()
}

/// `<count> <reason>` for each distinct reason, sorted as strings (sortReasonsHistogram).
fn histogram<'a>(reasons: impl Iterator<Item = &'a str>) -> String {
    let mut hist: Vec<(&str, usize)> = Vec::new();
    for r in reasons {
        match hist.iter_mut().find(|(x, _)| *x == r) {
            Some(h) => h.1 += 1,
            None => hist.push((r, 1)),
        }
    }
    let mut parts: Vec<String> = hist.into_iter().map(|(r, c)| format!("{c} {r}")).collect();
    crate::core::sort::sort(&mut parts);
    parts.join(", ")
}

/// FitError.Error (pkg/scheduler/framework/types.go): `0/N nodes are available: <reasons>.`
/// (or the PreFilter message), then DefaultPreemption's PostFilter message `preemption: ` + its
/// own FitError. Preemption looks only at nodes rejected as Unschedulable (NodesForStatusCode);
/// every pod here has priority 0, so SelectVictimsOnNode finds no lower-priority victim there:
/// "No preemption victims found for incoming pod"; every other node is absent from its map and
/// reads "Preemption is not helpful for scheduling" (framework/preemption Evaluator.Preempt).
fn fit_error(n: usize, prefilter: Option<&str>, rejections: &[Rejection]) -> String {
    let mut msg = format!("0/{n} nodes are available:");
    match prefilter {
        Some(p) => { let _ = write!(msg, " {p}."); },
        None if !rejections.is_empty() => { let _ = write!(msg, " {}.", histogram(rejections.iter().flat_map(|r| r.reason.split(REASONS)))); },
        None => {}
    }
    let victims = rejections.iter().filter(|r| r.resolvable).count();
    let preemption = std::iter::repeat_n("No preemption victims found for incoming pod", victims)
        .chain(std::iter::repeat_n("Preemption is not helpful for scheduling", n - victims));
    let _ = write!(msg, " preemption: 0/{n} nodes are available: {}.", histogram(preemption));
    msg
}

/// The scheduler for a pod without spec.nodeName: the nodes that pass the filters above, then a
/// round-robin over them in input order (a deterministic stand-in for the Score plugins).
/// Err: the FailedScheduling message.
fn schedule(nodes: &[ClusterNode], spread: &[SpreadState], affinity: &AffinityState, labels: &Labels, spec: &PodSpec, rr: &mut usize) -> Result<usize, String> {
    let feasible = feasible_nodes(nodes, spread, affinity, labels, spec)?;
    let i = feasible[*rr % feasible.len()];
    *rr += 1;
    Ok(i)
}

/// [`schedule`]'s filters: the nodes that pass them (never empty), or the FailedScheduling
/// message.
fn feasible_nodes(nodes: &[ClusterNode], spread: &[SpreadState], affinity: &AffinityState, labels: &Labels, spec: &PodSpec) -> Result<Vec<usize>, String> {
    let tolerations = admitted_tolerations(spec);
    let narrowed = prefilter_node_names(spec);
    if narrowed.as_ref().is_some_and(|n| n.is_empty()) {
        // NodeAffinity.PreFilter: errReasonConflict
        return Err(fit_error(nodes.len(), Some("pod affinity terms conflict"), &[]));
    }
    let mut feasible = Vec::new();
    let mut reasons = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        if narrowed.as_ref().is_some_and(|n| !n.contains(&node.name)) {
            // schedule_one.go findNodesThatFitPod: nodes outside the PreFilterResult
            reasons.push(Rejection::unresolvable("node(s) didn't satisfy plugin(s) [NodeAffinity]"));
            continue;
        }
        match filter_reason(spec, &tolerations, node).or_else(|| spread_filter(spread, labels, node)).or_else(|| affinity.filter(spec, node)) {
            Some(r) => reasons.push(r),
            None => feasible.push(i),
        }
    }
    if feasible.is_empty() {
        return Err(fit_error(nodes.len(), None, &reasons));
    }
    Ok(feasible)
}

/// NodeShouldRunDaemonPod / predicates (pkg/controller/daemon/daemon_controller.go): the
/// DaemonSet controller creates a pod for a node only when the template's nodeName (if any) is
/// that node, the node matches its node affinity/selector, and no NoSchedule or NoExecute taint
/// is untolerated (with the daemon tolerations added). Nothing is created elsewhere, so no
/// Pending pods.
fn daemon_should_run(spec: &PodSpec, node: &ClusterNode) -> bool {
    spec.node_name.as_ref().is_none_or(|n| *n == node.name)
        && matches_node_affinity(spec, node)
        && untolerated(&node.taints, &spec.tolerations, &["NoSchedule", "NoExecute"]).is_none()
}

/// qa5 15 (kubernetes/kubernetes#112759): the nodes a DaemonSet does not run on, and why, as
/// NodeShouldRunDaemonPod's predicates (pkg/controller/daemon/daemon_controller.go) decide:
/// the template's nodeName, its nodeSelector / required node affinity (fitsNodeAffinity), a
/// NoSchedule or NoExecute taint its tolerations (with AddOrUpdateDaemonPodTolerations') do not
/// tolerate (fitsTaints: FindMatchingUntoleratedTaint). Said when the DaemonSet runs on no node,
/// or when a node that matches its selector is left out for a taint alone — the
/// control-plane taint a kubeadm cluster puts on its control-plane nodes, which the
/// DaemonSet's own tolerations do not cover. The controller creates no pod there, so no pod is
/// Pending and nothing else tells.
fn daemon_skipped_note(o: &Object, template: &PodSpec, nodes: &[ClusterNode]) -> Option<Diagnostic> {
    if nodes.is_empty() {
        return None;
    }
    let taint_text = |t: &Taint| if t.value.is_empty() { format!("{}:{}", t.key, t.effect) } else { format!("{}={}:{}", t.key, t.value, t.effect) };
    let selector_text = || {
        let mut parts: Vec<String> = template.node_selector.iter().flat_map(|s| s.iter().map(|(k, v)| format!("{k}={v}"))).collect();
        if template.sched().required_node_affinity.is_some() {
            parts.push("its required node affinity".into());
        }
        if parts.is_empty() { "its node affinity".to_string() } else { parts.join(", ") }
    };
    let mut running = 0usize;
    // (why, nodes): nodes left out for the same reason are named together
    let mut reasons: Vec<(String, Vec<&str>)> = Vec::new();
    let mut tainted: Vec<&Taint> = Vec::new();
    for n in nodes {
        if daemon_should_run(template, n) {
            running += 1;
            continue;
        }
        let why = if let Some(name) = template.node_name.as_deref().filter(|x| *x != n.name) {
            format!("not spec.template.spec.nodeName {name}")
        } else if !matches_node_affinity(template, n) {
            format!("not matching {}", selector_text())
        } else if let Some(t) = untolerated(&n.taints, &template.tolerations, &["NoSchedule", "NoExecute"]) {
            tainted.push(t);
            format!("with taint {}, which the pod template does not tolerate", taint_text(t))
        } else {
            continue;
        };
        match reasons.iter_mut().find(|(w, _)| *w == why) {
            Some((_, v)) => v.push(&n.name),
            None => reasons.push((why, vec![&n.name])),
        }
    }
    if running > 0 && tainted.is_empty() {
        return None;
    }
    let head = if running == 0 {
        format!("DaemonSet {} runs on no node (it creates no pod, so none is Pending): ", o.meta.name)
    } else {
        format!("DaemonSet {} runs on {} of {} nodes: ", o.meta.name, running, nodes.len())
    };
    let shown: Vec<String> = reasons
        .into_iter()
        .filter(|(w, _)| running == 0 || w.starts_with("with taint "))
        .map(|(w, v)| format!("{} {} {w}", if v.len() == 1 { "node" } else { "nodes" }, v.join(", ")))
        .collect();
    let msg = format!("{head}{} (daemon_controller.go NodeShouldRunDaemonPod)", shown.join("; "));
    let at = if template.node_selector.is_some() { "spec.template.spec.nodeSelector" } else { "spec.template.spec" };
    let mut d = Diagnostic::note(Severity::Warning, ErrorType::Resolution, "DaemonSetNodesSkipped", msg, o.pos(at));
    if let Some(t) = tainted.first() {
        let value = if t.value.is_empty() { "operator: Exists".to_string() } else { format!("operator: Equal, value: {}", t.value) };
        d = d.hint(format!("to run there, add to spec.template.spec.tolerations: {{key: {}, {value}, effect: {}}}", t.key, t.effect));
    }
    Some(d)
}

/// The parts of ValidatePod / ValidateDeployment (pkg/apis/core/validation ValidateObjectMeta,
/// validateContainerPorts; pkg/apis/apps/validation) that decide whether pods exist at all:
/// object name, labels (the object's and the pod template's), container ports.
fn validate_pod_like(o: &Object, diags: &mut Vec<Diagnostic>) -> bool {
    // (the id and the field paths are made only for an error: every pod of a dump passes here)
    let id = || o.id();
    let mut errs: Vec<Diagnostic> = Vec::new();
    let at = |f: &str| o.pos(f);
    // ValidateStatefulSet: ValidateStatefulSetName is NameIsDNSLabel since kubernetes#114172
    // (v1.27; the pods' hostname is the set's name plus `-<ordinal>`), others NameIsDNSSubdomain
    let name_rule = if o.kind == "StatefulSet" { super::names::dns1123_label } else { super::names::dns1123_subdomain };
    super::service::validate_object_meta(o, name_rule, true, &at, &mut errs);
    // (the metadata's errors come first: ValidateDeployment etc. append the spec's after them)
    let meta_len = errs.len();
    // (where the pod template's errors start: a StatefulSet's claim templates' come before)
    let mut template_start = meta_len;
    let (spec, prefix) = match &o.body {
        Body::Pod(spec, _) => (spec, "spec"),
        // ValidatePodTemplateSpecForRC: a ReplicationController's template is a pointer; nil is
        // `spec.template: Required value` and nothing inside it is checked
        Body::Workload(w) if !w.has_template && o.kind == "ReplicationController" => {
            // ValidateReplicationControllerSpec: minReadySeconds, selector (ValidateNonEmptySelector),
            // replicas, then the template (valfix19: minReadySeconds and replicas told too)
            let mut spec_errs = spec_errors_beside_selector(o, w);
            let replicas = spec_errs.iter().position(|d| d.field.as_deref() == Some("spec.replicas")).map(|i| spec_errs.remove(i));
            errs.extend(spec_errs);
            if !w.selector_set {
                errs.push(Diagnostic::required("spec.selector", at("spec"), ""));
            }
            errs.extend(replicas);
            errs.push(Diagnostic::required("spec.template", at("spec"), ""));
            let id = id();
            diags.extend(errs.into_iter().map(|d| d.on(&id)));
            return false;
        }
        Body::Workload(w) => {
            if let Some(j) = &w.job {
                validate_job_selector(o, w, j, &at, &mut errs);
                validate_job_spec(j, o.source.get("spec"), &at, &mut errs);
            }
            if o.kind == "StatefulSet" {
                validate_volume_claim_templates(o, &mut errs);
            }
            template_start = errs.len();
            // ValidatePodTemplateSpec(&spec.Template, fldPath.Child("template")): ValidateLabels at
            // `spec.template.labels`
            super::service::validate_labels_in(&w.template_labels, "spec.template.labels", "spec.template.metadata.labels", &at, &mut errs);
            (&w.template, "spec.template.spec")
        }
        _ => return true,
    };
    let job = match &o.body {
        Body::Workload(w) => w.job.as_deref(),
        _ => None,
    };
    // A StatefulSet's template is validated as a pod template at create since Kubernetes 1.34
    // (kubernetes/kubernetes#131790 "fix pod template spec validation missing in sts",
    // CHANGELOG-1.34 v1.34.0-beta.0 "Add podSpec validation for create StatefulSet":
    // pkg/apis/apps/validation/validation.go ValidateStatefulSetSpec, unless
    // StatefulSetValidationOptions.SkipValidatePodTemplateSpec), the volumes its
    // volumeClaimTemplates add counted as the pod's (volumesToAddForTemplates; see
    // [`validate_volumes_and_mounts`]): its errors refuse the set, at spec.template.spec…
    validate_pod_template_spec(o, spec, prefix, job.is_some(), &at, &mut errs);
    if let Some(j) = job {
        job_restart_policy(o, spec, prefix, &at, &mut errs);
        // ValidateJobSpec: a selector is required (only a manualSelector Job can lack one), and
        // whatever it is — the written one with the generated key merged in — must select the
        // template's labels; LabelSelectorAsSelector(nil) is Nothing, which selects none
        if let Body::Workload(w) = &o.body {
            if !w.selector_set {
                errs.push(Diagnostic::required("spec.selector", at("spec"), ""));
            }
            let sel = LabelSelector { match_labels: w.match_labels.clone().unwrap_or_default(), match_expressions: j.match_expressions.clone() };
            // batch validateJobSpec: ValidateLabelSelector (meta/v1/validation), and the template
            // comparison only when LabelSelectorAsSelector succeeds (it fails on the same entries)
            let before = errs.len();
            if w.selector_set {
                super::netpol::validate_label_selector(&sel, "spec.selector", &at, &mut errs);
            }
            let parsed = errs.len() == before;
            if !w.selector_set || (parsed && !selector_matches(Some(&sel), &w.template_labels)) {
                let shown = if w.template_labels.is_empty() { "null".to_string() } else { labels_go(&w.template_labels) };
                errs.push(Diagnostic::invalid("spec.template.metadata.labels", at("spec.template.metadata.labels"), &shown, "`selector` does not match template `labels`"));
            }
        }
        // ValidateJob: an Indexed Job's pods are named `<name>-<index>` as hostnames
        if let (Some("Indexed"), Some(c), false) = (j.completion_mode.as_deref(), j.completions.filter(|&c| c > 0), o.meta.name.is_empty()) {
            let host = format!("{}-{}", o.meta.name, c - 1);
            if !super::names::dns1123_label(&host).is_empty() {
                errs.push(Diagnostic::invalid(
                    "metadata.name",
                    at("metadata.name"),
                    &quote(&o.meta.name),
                    &format!("will not able to create pod with invalid DNS label: {host}"),
                ));
            }
        }
    }
    // the Priority admission plugin (mutating, before validation) refuses a Pod on its own
    // (core::podfields::pod_priority_refusal): its error is the only one the API server returns
    let mut admission = Vec::new();
    super::podfields::pod_priority_refusal(o, &mut admission);
    if !admission.is_empty() {
        errs = admission;
    } else if let (Body::Workload(w), None, false) = (&o.body, job, errs.is_empty()) {
        // valfix19: an apps workload or ReplicationController refused for its metadata or its
        // template is told its spec's other errors too, where upstream appends them
        // ([`spec_errors_around_template`]); without a refusal here they are the expansion's
        let (before, after) = spec_errors_around_template(o, w);
        let mut template = errs.split_off(template_start);
        let claims = errs.split_off(meta_len);
        // ValidateDeploymentSpec / ValidateReplicaSetSpec / ValidateStatefulSetSpec: a selector
        // LabelSelectorAsSelector cannot parse is `spec.selector: Invalid value` and the template
        // is not validated at all (ValidatePodTemplateSpecForReplicaSet / ForStatefulSet are in
        // the `else`); ValidateDaemonSetSpec validates it whatever the selector
        if matches!(o.kind.as_str(), "Deployment" | "ReplicaSet" | "StatefulSet") && !workload_selector_errors(o, w).is_empty() {
            template.clear();
        }
        errs.extend(claims);
        errs.extend(before);
        errs.extend(template);
        errs.extend(after);
    }
    let ok = errs.is_empty();
    let warnings = if ok {
        let mut w = duplicate_port_name_warnings(o, prefix);
        w.extend(super::podchecks::pod_warnings(o, prefix));
        w
    } else {
        Vec::new()
    };
    if !errs.is_empty() || !warnings.is_empty() {
        let id = id();
        diags.extend(errs.into_iter().chain(warnings).map(|d| d.on(&id)));
    }
    ok
}

/// GetWarningsForPod / GetWarningsForPodTemplate (pkg/api/pod/warnings.go
/// warningsForPodSpecAndMeta), the warning that matters to a Service: a port name declared again
/// by another container (init containers — sidecars or not — first, then containers, as
/// VisitContainersWithPath visits them; every later one against the first: review10 w01, w02,
/// after prometheus-operator#7903's 1.34 warning text): `spec.containers[1].ports[0]: duplicate port name
/// "http" with spec.containers[0].ports[0], services and probes that select ports by name will
/// use spec.containers[0].ports[0]`. Sent back with an object that was created (kubectl prints
/// `Warning: …`); duplicates inside one container are validation errors instead.
fn duplicate_port_name_warnings(o: &Object, prefix: &str) -> Vec<Diagnostic> {
    let Some(spec) = node_at(&o.source, prefix) else { return Vec::new() };
    // each name's first port, its path written only for a warning (every named port of a dump)
    let mut first: Vec<(&str, &str, usize, usize)> = Vec::new();
    let mut out = Vec::new();
    let init = seq(spec.get("initContainers")).iter().enumerate().map(|(i, c)| ("initContainers", i, c));
    let containers = seq(spec.get("containers")).iter().enumerate().map(|(i, c)| ("containers", i, c));
    for (list, ci, c) in init.chain(containers) {
        for (pi, p) in seq(c.get("ports")).iter().enumerate() {
            let Some(name) = p.get("name").and_then(|n| n.as_str()).filter(|n| !n.is_empty()) else { continue };
            match first.iter().find(|(n, ..)| *n == name) {
                Some(&(_, olist, oci, opi)) => {
                    let path = format!("{prefix}.{list}[{ci}].ports[{pi}]");
                    let other = format!("{prefix}.{olist}[{oci}].ports[{opi}]");
                    let at = p.get("name").map_or(p.pos, |n| n.pos);
                    out.push(
                        Diagnostic::note(
                            Severity::Warning,
                            super::diag::ErrorType::ServerWarning,
                            "ServerWarning",
                            format!("{path}: duplicate port name {name:?} with {other}, services and probes that select ports by name will use {other}"),
                            at,
                        )
                        .at_field(&format!("{path}.name"))
                        .hint(format!("the API server's warning: the {} is created", o.kind)),
                    );
                }
                None => first.push((name, list, ci, pi)),
            }
        }
    }
    out
}

/// ValidatePodSpec's checks on a pod's or a pod template's spec at `prefix`, in its order (the
/// parts that decide whether pods exist), and ValidatePodTemplateSpecForReplicaSet / ForRC /
/// ValidateStatefulSetSpec / ValidateDaemonSetSpec's restartPolicy and activeDeadlineSeconds for
/// a controller's template (`job`: a Job's, or a CronJob's job template's, which may end).
fn validate_pod_template_spec(o: &Object, spec: &PodSpec, prefix: &str, job: bool, at: &dyn Fn(&str) -> super::yaml::Pos, errs: &mut Vec<Diagnostic>) {
    validate_pod_template_spec_split(o, spec, prefix, job, at, errs, None);
}

/// [`validate_pod_template_spec`], the controller's own checks of its template (restartPolicy
/// only Always, activeDeadlineSeconds Forbidden) put in `ctl` when given, the pod spec's
/// (ValidatePodSpec) in `errs`: a StatefulSet's validation runs only the former.
fn validate_pod_template_spec_split(
    o: &Object,
    spec: &PodSpec,
    prefix: &str,
    job: bool,
    at: &dyn Fn(&str) -> super::yaml::Pos,
    errs: &mut Vec<Diagnostic>,
    mut ctl: Option<&mut Vec<Diagnostic>>,
) {
    // ValidatePodSpec: activeDeadlineSeconds, when set, is 1..MaxInt32 (InclusiveRangeError)
    if let Some(v) = spec.sched().active_deadline_seconds {
        if !(1..=i64::from(i32::MAX)).contains(&v) {
            let field = format!("{prefix}.activeDeadlineSeconds");
            errs.push(Diagnostic::invalid(&field, at(&field), &v.to_string(), &format!("must be between 1 and {}, inclusive", i32::MAX)));
        }
    }
    // ValidatePodSpec (pkg/apis/core/validation/validation.go): hostname and subdomain, when
    // set, are DNS-1123 labels (ValidateDNS1123Label); a pod template is checked the same way
    for (key, value) in [("hostname", &spec.hostname), ("subdomain", &spec.subdomain)] {
        if let Some(v) = value {
            let field = format!("{prefix}.{key}");
            for m in super::names::dns1123_label(v) {
                errs.push(Diagnostic::invalid(&field, at(&field), &quote(v), &m));
            }
        }
    }
    if let Some(sel) = &spec.node_selector {
        // ValidatePodSpec: ValidateLabels(spec.NodeSelector)
        super::service::validate_labels(sel, &format!("{prefix}.nodeSelector"), at, errs);
    }
    if !spec.tolerations.is_empty() {
        validate_tolerations(&spec.tolerations, &format!("{prefix}.tolerations"), at, errs);
    }
    // validateNodeAffinity (pkg/apis/core/validation/validation.go): ValidateNodeSelector on the
    // required terms (allowInvalidLabelValueInRequiredNodeAffinity is false on create), then
    // ValidatePreferredSchedulingTerms (weight 1-100; label values not checked)
    let na = format_args!("{prefix}.affinity.nodeAffinity");
    if let Some(terms) = &spec.sched().required_node_affinity {
        let req = format!("{na}.requiredDuringSchedulingIgnoredDuringExecution");
        let tf = format!("{req}.nodeSelectorTerms");
        if terms.is_empty() {
            errs.push(Diagnostic::required(&tf, at(&req), "must have at least one node selector term"));
        }
        for (i, t) in terms.iter().enumerate() {
            validate_node_selector_term(t, false, &format!("{tf}[{i}]"), at, errs);
        }
    }
    for (i, (weight, t)) in spec.sched().preferred_node_affinity.iter().enumerate() {
        let f = format!("{na}.preferredDuringSchedulingIgnoredDuringExecution[{i}]");
        if !(1..=100).contains(weight) {
            let field = format!("{f}.weight");
            errs.push(Diagnostic::invalid(&field, at(&field), &weight.to_string(), "must be in the range 1-100"));
        }
        validate_node_selector_term(t, true, &format!("{f}.preference"), at, errs);
    }
    // validatePodAffinityTerm (pkg/apis/core/validation/validation.go): topologyKey is required
    // and a qualified label name (ValidateLabelName); validateWeightedPodAffinityTerms: weight
    // 1-100 and the same checks on `podAffinityTerm`
    let topology_key = |t: &PodAffinityTerm, term: &str, errs: &mut Vec<Diagnostic>| {
        // ValidatePodAffinityTermSelector first: ValidateLabelSelector on labelSelector and
        // namespaceSelector (AllowInvalidLabelValueInSelector false on create)
        for (sel, name) in [(&t.label_selector, "labelSelector"), (&t.namespace_selector, "namespaceSelector")] {
            if let Some(sel) = sel {
                super::netpol::validate_label_selector(sel, &format!("{term}.{name}"), at, errs);
            }
        }
        let field = format!("{term}.topologyKey");
        if t.topology_key.is_empty() {
            errs.push(Diagnostic::required(&field, at(&field), "can not be empty"));
        }
        for m in super::names::qualified_name(&t.topology_key) {
            errs.push(Diagnostic::invalid(&field, at(&field), &quote(&t.topology_key), &m));
        }
    };
    for (which, required, preferred) in [
        ("podAffinity", &spec.sched().required_pod_affinity, &spec.sched().preferred_pod_affinity),
        ("podAntiAffinity", &spec.sched().required_pod_anti_affinity, &spec.sched().preferred_pod_anti_affinity),
    ] {
        for (i, t) in required.iter().enumerate() {
            topology_key(t, &format!("{prefix}.affinity.{which}.requiredDuringSchedulingIgnoredDuringExecution[{i}]"), errs);
        }
        for (j, (weight, t)) in preferred.iter().enumerate() {
            let wf = format!("{prefix}.affinity.{which}.preferredDuringSchedulingIgnoredDuringExecution[{j}]");
            if !(1..=100).contains(weight) {
                let field = format!("{wf}.weight");
                errs.push(Diagnostic::invalid(&field, at(&field), &weight.to_string(), "must be in the range 1-100"));
            }
            topology_key(t, &format!("{wf}.podAffinityTerm"), errs);
        }
    }
    // validateTopologySpreadConstraints (pkg/apis/core/validation/validation.go)
    for (i, c) in spec.sched().topology_spread.iter().enumerate() {
        let f = format!("{prefix}.topologySpreadConstraints[{i}]");
        if c.max_skew <= 0 {
            let field = format!("{f}.maxSkew");
            errs.push(Diagnostic::invalid(&field, at(&field), &c.max_skew.to_string(), "must be greater than zero"));
        }
        if c.topology_key.is_empty() {
            let field = format!("{f}.topologyKey");
            errs.push(Diagnostic::required(&field, at(&f), "can not be empty"));
        }
        if !matches!(c.when_unsatisfiable.as_str(), "DoNotSchedule" | "ScheduleAnyway") {
            let field = format!("{f}.whenUnsatisfiable");
            errs.push(Diagnostic::not_supported(&field, at(&field), &c.when_unsatisfiable, &["DoNotSchedule", "ScheduleAnyway"]));
        }
        // ValidateSpreadConstraintNotRepeat: the {topologyKey, whenUnsatisfiable} pair against
        // the later constraints
        if spec.sched().topology_spread[i + 1..].iter().any(|d| d.topology_key == c.topology_key && d.when_unsatisfiable == c.when_unsatisfiable) {
            let field = format!("{f}.{{topologyKey, whenUnsatisfiable}}");
            errs.push(Diagnostic::duplicate(&field, at(&f), &quote(&format!("{{{}, {}}}", c.topology_key, c.when_unsatisfiable))));
        }
        // validateMinDomains: positive, and only with DoNotSchedule
        if let Some(m) = c.min_domains {
            let field = format!("{f}.minDomains");
            if m <= 0 {
                errs.push(Diagnostic::invalid(&field, at(&field), &m.to_string(), "must be greater than zero"));
            }
            if c.when_unsatisfiable != "DoNotSchedule" {
                errs.push(Diagnostic::invalid(&field, at(&field), &m.to_string(), &format!("can only use minDomains if whenUnsatisfiable=DoNotSchedule, not {}", c.when_unsatisfiable)));
            }
        }
        // validateNodeInclusionPolicy: Honor or Ignore (sets.List)
        for (key, policy) in [("nodeAffinityPolicy", &c.node_affinity_policy), ("nodeTaintsPolicy", &c.node_taints_policy)] {
            if let Some(p) = policy.as_deref().filter(|p| !matches!(*p, "Honor" | "Ignore")) {
                let field = format!("{f}.{key}");
                errs.push(Diagnostic::not_supported(&field, at(&field), p, &["Honor", "Ignore"]));
            }
        }
    }
    // validateRestartPolicy (ValidatePodSpec), then for a controller's template
    // ValidatePodTemplateSpecForReplicaSet / ForRC / ValidateStatefulSetSpec / ValidateDaemonSetSpec:
    // only Always
    if let Some(rp) = &spec.restart_policy {
        let field = || format!("{prefix}.restartPolicy");
        if !matches!(rp.as_str(), "Always" | "OnFailure" | "Never") {
            errs.push(Diagnostic::not_supported(&field(), at(&field()), rp, &["Always", "OnFailure", "Never"]));
        }
        if matches!(o.body, Body::Workload(_)) && !job && rp != "Always" {
            ctl.as_deref_mut().unwrap_or(&mut *errs).push(Diagnostic::not_supported(&field(), at(&field()), rp, &["Always"]));
        }
    }
    // ...and right after it: a controller's pods run until replaced, so a deadline is refused
    // (ValidatePodTemplateSpecForRC; ValidatePodTemplateSpecForReplicaSet, which Deployments use
    // too; ValidateStatefulSetSpec; ValidateDaemonSetSpec in pkg/apis/apps/validation)
    if let (Body::Workload(_), false, Some(_)) = (&o.body, job, spec.sched().active_deadline_seconds) {
        let owner = match o.kind.as_str() {
            "Deployment" | "ReplicaSet" => "ReplicaSet",
            other => other,
        };
        let field = format!("{prefix}.activeDeadlineSeconds");
        ctl.unwrap_or(&mut *errs).push(Diagnostic::forbidden(&field, at(&field), &format!("activeDeadlineSeconds in {owner} is not Supported")));
    }
    validate_volumes_and_mounts(o, prefix, at, errs);
    validate_probes_and_env(o, prefix, at, errs);
    validate_containers(spec, prefix, at, errs);
    validate_pod_spec_names(o, prefix, at, errs);
    if let Some(node) = node_at(&o.source, prefix) {
        super::podchecks::pod_spec_checks(node, prefix, at, errs);
    }
    if let Some(node) = node_at(&o.source, prefix) {
        super::podfields::pod_spec_fields(node, prefix, at, errs);
    }
    // validateDNSPolicy (ValidatePodSpec)
    if let Some(p) = spec.dns_policy.as_deref().filter(|p| !matches!(*p, "ClusterFirstWithHostNet" | "ClusterFirst" | "Default" | "None")) {
        let field = format!("{prefix}.dnsPolicy");
        errs.push(Diagnostic::not_supported(&field, at(&field), p, &["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"]));
    }
    // validatePodDNSConfig: dnsPolicy None takes its resolv.conf from dnsConfig alone
    if spec.dns_policy.as_deref() == Some("None") {
        let field = format!("{prefix}.dnsConfig");
        match spec.dns_config_nameservers {
            None => errs.push(Diagnostic::required(&field, at(prefix), "must provide `dnsConfig` when `dnsPolicy` is None")),
            Some(0) => {
                let ns = format!("{field}.nameservers");
                errs.push(Diagnostic::required(&ns, at(&field), "must provide at least one DNS nameserver when `dnsPolicy` is None"));
            }
            Some(_) => {}
        }
    }
    // validatePodHostNetworkDeps: on the host's network a container's hostPort (defaulted to its
    // containerPort when unset, SetDefaults_PodSpec) must be its containerPort
    if spec.host_network {
        for (ci, c) in spec.containers.iter().enumerate() {
            for (pi, p) in c.ports.iter().enumerate() {
                if let Some(h) = p.host_port.filter(|&h| h != p.container_port) {
                    let field = format!("{prefix}.containers[{ci}].ports[{pi}].hostPort");
                    errs.push(Diagnostic::invalid(&field, at(&field), &h.to_string(), "must match `containerPort` when `hostNetwork` is true"));
                }
            }
        }
    }
}

/// ValidatePodSpec (pkg/apis/core/validation/validation.go), the names and addresses it checks
/// beside the containers: serviceAccountName (ValidateServiceAccountName = NameIsDNSSubdomain;
/// the deprecated `serviceAccount` stands in when it is unset, Convert_v1_PodSpec_To_core_PodSpec),
/// priorityClassName (ValidatePriorityClassName = NameIsDNSSubdomain), and ValidateHostAliases:
/// each ip an IP address (IsValidIPForLegacyField: only an unparsable one is refused unless
/// StrictIPCIDRValidation is on, which it is not by default) and each hostname a DNS-1123 subdomain.
fn validate_pod_spec_names(o: &Object, prefix: &str, at: &dyn Fn(&str) -> super::yaml::Pos, errs: &mut Vec<Diagnostic>) {
    let Some(spec) = node_at(&o.source, prefix) else { return };
    let text = |k: &str| spec.get(k).and_then(|v| v.as_str()).filter(|v| !v.is_empty());
    if let Some(sa) = text("serviceAccountName").or_else(|| text("serviceAccount")) {
        let field = format!("{prefix}.serviceAccountName");
        for m in super::names::dns1123_subdomain(sa) {
            errs.push(Diagnostic::invalid(&field, at(&field), &quote(sa), &m));
        }
    }
    for (i, alias) in seq(spec.get("hostAliases")).iter().enumerate() {
        let ip = alias.get("ip").and_then(|v| v.as_str()).unwrap_or("");
        if let Err(msgs) = super::names::valid_ip(ip) {
            if msgs.iter().any(|m| m.starts_with("must be a valid IP address")) {
                let field = format!("{prefix}.hostAliases[{i}].ip");
                errs.push(Diagnostic::invalid(&field, at(&field), &quote(ip), "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
            }
        }
        for (j, h) in seq(alias.get("hostnames")).iter().enumerate() {
            let Some(h) = h.as_str() else { continue };
            let field = format!("{prefix}.hostAliases[{i}].hostnames[{j}]");
            for m in super::names::dns1123_subdomain(h) {
                errs.push(Diagnostic::invalid(&field, at(&field), &quote(h), &m));
            }
        }
    }
    if let Some(pc) = text("priorityClassName") {
        let field = format!("{prefix}.priorityClassName");
        for m in super::names::dns1123_subdomain(pc) {
            errs.push(Diagnostic::invalid(&field, at(&field), &quote(pc), &m));
        }
    }
}

/// validateJobSpec, after ValidatePodTemplateSpec: a Job's pods end, so restartPolicy
/// (defaulted to Always by SetDefaults_PodSpec when unset) must be OnFailure or Never.
/// `o`: the Job (or a CronJob's template decoded as one), whose `spec.podFailurePolicy`, when
/// written, allows only Never (validateJobSpec: "only \"Never\" is supported when
/// podFailurePolicy is specified"; review10 c76, c77).
fn job_restart_policy(o: &Object, spec: &PodSpec, prefix: &str, at: &dyn Fn(&str) -> super::yaml::Pos, errs: &mut Vec<Diagnostic>) {
    let field = format!("{prefix}.restartPolicy");
    let failure_policy = o.source.get("spec").and_then(|s| s.get("podFailurePolicy")).is_some_and(|p| !p.is_null());
    match spec.restart_policy.as_deref() {
        None | Some("Always") | Some("") => errs.push(Diagnostic::required(&field, at(prefix), "valid values: \"OnFailure\", \"Never\"")),
        Some("OnFailure") if failure_policy => errs.push(Diagnostic::invalid(&field, at(&field), "\"OnFailure\"", "only \"Never\" is supported when podFailurePolicy is specified")),
        Some("OnFailure") | Some("Never") => {}
        Some(other) => errs.push(Diagnostic::not_supported(&field, at(&field), other, &["OnFailure", "Never"])),
    }
}

/// ValidateJobTemplateSpec (pkg/apis/batch/validation/validation.go), for a CronJob's
/// spec.jobTemplate: `job` is the template decoded as a Job whose `spec` is the template's
/// (core::cronjob makes it; field paths here are the Job's, `spec.…`). validateJobSpec — the
/// Job's own fields, ValidatePodTemplateSpec (the template's labels and pod spec) and
/// restartPolicy OnFailure or Never — then: a written selector is refused ("will be
/// auto-generated": the CronJob controller's Job gets one), and manualSelector may not be true.
/// Not ValidateJob's metadata, generated-selector and selector-matches-labels checks: those are
/// the created Job's.
pub(crate) fn validate_job_template_spec(job: &Object) -> Vec<Diagnostic> {
    let mut errs = Vec::new();
    let Body::Workload(w) = &job.body else { return errs };
    let Some(j) = w.job.as_deref() else { return errs };
    let at = |f: &str| job.pos(f);
    validate_job_spec(j, job.source.get("spec"), &at, &mut errs);
    super::service::validate_labels_in(&w.template_labels, "spec.template.labels", "spec.template.metadata.labels", &at, &mut errs);
    let prefix = "spec.template.spec";
    validate_pod_template_spec(job, &w.template, prefix, true, &at, &mut errs);
    job_restart_policy(job, &w.template, prefix, &at, &mut errs);
    if let Some(sel) = job.source.get("spec").and_then(|s| s.get("selector")).filter(|n| !n.is_null()) {
        let shown = super::selector_value(sel).map_or_else(|| "{}".to_string(), |s| super::selector_json(&s));
        errs.push(Diagnostic::invalid("spec.selector", sel.pos, &shown, "`selector` will be auto-generated"));
    }
    if j.manual_selector {
        let f = "spec.manualSelector";
        // field.NotSupported with a *bool: printed as `true`, unquoted
        let mut d = Diagnostic::not_supported(f, at(f), "true", &["nil", "false"]);
        d.message = format!("{f}: Unsupported value: true: supported values: \"nil\", \"false\"");
        errs.push(d);
    }
    errs
}

/// validateGeneratedSelector (pkg/apis/batch/validation/validation.go), for a Job whose selector
/// the API server generated (spec.manualSelector not true): the template carries the four
/// generated labels with the Job's uid and name (ValidateHasLabel: a key written with another
/// value is kept by generateSelector and refused here), and the selector — the written one with
/// the uid key merged in — matches those labels (else "`selector` not auto-generated").
fn validate_job_selector(o: &Object, w: &Workload, j: &JobSpec, at: &dyn Fn(&str) -> super::yaml::Pos, errs: &mut Vec<Diagnostic>) {
    if j.manual_selector {
        return;
    }
    let mut expected: Labels = Vec::new();
    for (key, is_uid) in JOB_LABELS {
        let want = if is_uid { &j.uid } else { &o.meta.name };
        expected.push((key.to_string(), want.clone()));
        if w.template_labels.iter().any(|(k, v)| k == key && v != want) {
            let field = format!("spec.template.metadata.labels[{key}]");
            errs.push(Diagnostic::invalid(&field, at("spec.template.metadata.labels"), &labels_go(&w.template_labels), &format!("must be '{want}'")));
        }
    }
    // `if selector, err := metav1.LabelSelectorAsSelector(obj.Spec.Selector); err == nil` and
    // selector.Matches(expected): matchExpressions evaluated, an unparsable selector skipped
    // (validateJobSpec's ValidateLabelSelector reports it)
    let sel = workload_selector(w);
    let mut parse = Vec::new();
    super::netpol::validate_label_selector(&sel, "spec.selector", at, &mut parse);
    if parse.is_empty() && !selector_matches(Some(&sel), &expected) {
        // field.Error.ErrorBody renders the *metav1.LabelSelector with json.Marshal
        // (matchExpressions omitted when empty)
        let mut shown_sel = sel.clone();
        crate::core::sort::sort(&mut shown_sel.match_labels);
        let shown = super::selector_json(&shown_sel);
        errs.push(Diagnostic::invalid("spec.selector", at("spec.selector"), &shown, "`selector` not auto-generated"));
    }
}

/// validateJobSpec (pkg/apis/batch/validation/validation.go), the checks on the Job's own fields
/// (ValidateNonnegativeField: `must be greater than or equal to 0`; completionMode; Indexed needs
/// completions; the per-index backoff fields need Indexed).
fn validate_job_spec(j: &JobSpec, spec: Option<&super::yaml::Node>, at: &dyn Fn(&str) -> super::yaml::Pos, errs: &mut Vec<Diagnostic>) {
    for (field, v) in [
        ("spec.parallelism", j.parallelism),
        ("spec.completions", j.completions),
        ("spec.activeDeadlineSeconds", j.active_deadline_seconds),
        ("spec.backoffLimit", j.backoff_limit),
        ("spec.ttlSecondsAfterFinished", j.ttl_seconds_after_finished),
        ("spec.backoffLimitPerIndex", j.backoff_limit_per_index),
        ("spec.maxFailedIndexes", j.max_failed_indexes),
    ] {
        if let Some(v) = v.filter(|&v| v < 0) {
            errs.push(Diagnostic::invalid(field, at(field), &v.to_string(), "must be greater than or equal to 0"));
        }
    }
    if j.max_failed_indexes.is_some() && j.backoff_limit_per_index.is_none() {
        errs.push(Diagnostic::required("spec.backoffLimitPerIndex", at("spec"), "when maxFailedIndexes is specified"));
    }
    let indexed = j.completion_mode.as_deref() == Some("Indexed");
    if let Some(m) = j.completion_mode.as_deref().filter(|m| !matches!(*m, "NonIndexed" | "Indexed")) {
        errs.push(Diagnostic::not_supported("spec.completionMode", at("spec.completionMode"), m, &["NonIndexed", "Indexed"]));
    }
    if indexed {
        if j.completions.is_none() {
            errs.push(Diagnostic::required("spec.completions", at("spec"), "when completion mode is Indexed"));
        }
        if let Some(p) = j.parallelism.filter(|&p| p > 100_000) {
            errs.push(Diagnostic::invalid("spec.parallelism", at("spec.parallelism"), &p.to_string(), "must be less than or equal to 100000 when completion mode is Indexed"));
        }
        if let Some(m) = j.max_failed_indexes.filter(|&m| j.completions.is_some_and(|c| m > c)) {
            errs.push(Diagnostic::invalid("spec.maxFailedIndexes", at("spec.maxFailedIndexes"), &m.to_string(), "must be less than or equal to completions"));
        }
    } else if j.completion_mode.is_none() || j.completion_mode.as_deref() == Some("NonIndexed") {
        for (field, v) in [("spec.backoffLimitPerIndex", j.backoff_limit_per_index), ("spec.maxFailedIndexes", j.max_failed_indexes)] {
            if let Some(v) = v {
                errs.push(Diagnostic::invalid(field, at(field), &v.to_string(), "requires indexed completion mode"));
            }
        }
    }
    // then the pod failure policy, the success policy and the pod replacement policy
    // (core::podchecks::job_policies)
    if let Some(spec) = spec {
        super::podchecks::job_policies(spec, indexed, j.backoff_limit_per_index.is_some(), j.completions, at, errs);
    }
}


/// validateContainers then validateInitContainers (pkg/apis/core/validation/validation.go), the
/// parts that decide whether the pod exists: at least one container; for each (init) container
/// validateContainerCommon's name (a DNS-1123 label), image (required), ports
/// (validateContainerPorts: name, containerPort, hostPort, protocol) and imagePullPolicy; names
/// unique across containers and init containers; restartPolicy forbidden on a container, only
/// `Always` on an init container (validateInitContainerRestartPolicy).
/// validateContainers / validateInitContainers' probe, lifecycle and env checks
/// (pkg/apis/core/validation/validation.go), read from the object's tree at `prefix`:
/// * validateProbe → validateHandler: exactly one of exec, httpGet, tcpSocket, grpc ("may not
///   specify more than 1 handler type" on each later one, "must specify a handler type" for
///   none), the first one checked (validateExecAction: a command; validateHTTPGetAction /
///   validateTCPSocketAction: the port); initialDelaySeconds, timeoutSeconds, periodSeconds, successThreshold and
///   failureThreshold not negative (ValidateNonnegativeField; a 0 is defaulted first,
///   SetDefaults_Probe); validateLivenessProbe / validateStartupProbe: successThreshold must
///   be 1 (defaulted from 0). terminationGracePeriodSeconds, when set, greater than 0, and not
///   set at all on a readiness probe (validateReadinessProbe).
/// * lifecycle postStart / preStop: validateHandler with sleep as a fifth handler;
///   validateSleepAction: seconds within 0..=the pod's terminationGracePeriodSeconds.
/// * an init container that is not a sidecar (restartPolicy Always) may have no lifecycle and
///   no probe: "may not be set for init containers without restartPolicy=Always".
/// * validateEnvVarValueFrom: a valueFrom has one source, and none next to a `value`; a fieldRef
///   and a resourceFieldRef are checked as a downwardAPI volume's are, with the env's field paths.
/// * the pod's and each container's securityContext: user and group IDs within 0..=MaxInt32.
fn validate_probes_and_env(o: &Object, prefix: &str, at: &dyn Fn(&str) -> super::yaml::Pos, errs: &mut Vec<Diagnostic>) {
    use super::yaml::{Node, NodeKind, Value};
    let Some(spec) = node_at(&o.source, prefix) else { return };
    let set = |n: &Node, k: &str| n.get(k).is_some_and(|v| !v.is_null());
    let int = |n: &Node, k: &str| match n.get(k).map(|v| &v.kind) {
        Some(NodeKind::Scalar { value: Value::Int(i), .. }) => Some(*i),
        _ => None,
    };
    // the pod's terminationGracePeriodSeconds, SetDefaults_PodSpec's 30 when unset; a negative
    // one is left alone (the pod registry may rewrite it before validation)
    let grace = match spec.get("terminationGracePeriodSeconds").map(|v| &v.kind) {
        Some(NodeKind::Scalar { value: Value::Int(g), .. }) => (*g >= 0).then_some(*g),
        _ => Some(30),
    };
    let handler = |h: &Node, f: &str, kinds: &[&str], errs: &mut Vec<Diagnostic>| {
        let mut n = 0;
        for k in kinds {
            if set(h, k) {
                if n > 0 {
                    let field = format!("{f}.{k}");
                    errs.push(Diagnostic::forbidden(&field, at(&field), "may not specify more than 1 handler type"));
                } else {
                    n += 1;
                    // validateSleepAction (the handler's first kind is the one validated) with
                    // opts.AllowPodLifecycleSleepActionZeroValue: feature gate
                    // PodLifecycleSleepActionAllowZero, beta and on by default in 1.33, GA in 1.34
                    if let (&"sleep", Some(grace)) = (k, grace) {
                        let seconds = h.get("sleep").and_then(|s| int(s, "seconds")).unwrap_or(0);
                        if seconds < 0 || seconds > grace {
                            let field = format!("{f}.sleep");
                            errs.push(Diagnostic::invalid(&field, at(&field), &seconds.to_string(), &format!("must be non-negative and less than terminationGracePeriodSeconds ({grace})")));
                        }
                    }
                    // validateExecAction: `command` is required, and an empty list is none
                    // (`len(exec.Command) == 0`)
                    if *k == "exec" && seq(h.get("exec").and_then(|e| e.get("command"))).is_empty() {
                        let field = format!("{f}.exec.command");
                        errs.push(Diagnostic::required(&field, at(&field), ""));
                    }
                    // validateHTTPGetAction / validateTCPSocketAction → ValidatePortNumOrName:
                    // a number 1..65535 (absent: 0), or a name IsValidPortName accepts — in
                    // quotes "8080" is a name, and has no letter
                    if matches!(*k, "httpGet" | "tcpSocket") {
                        let field = || format!("{f}.{k}.port");
                        match int_or_string(h.get(k).and_then(|a| a.get("port"))).unwrap_or(Ok(0)) {
                            Ok(p) if !(1..=65535).contains(&p) => errs.push(Diagnostic::invalid(&field(), at(&field()), &p.to_string(), "must be between 1 and 65535, inclusive")),
                            Ok(_) => {}
                            Err(name) => {
                                for m in super::names::port_name(&name) {
                                    errs.push(Diagnostic::invalid(&field(), at(&field()), &quote(&name), &m).hint(super::service::quoted_number_hint(&name).filter(|_| m.contains("at least one letter")).unwrap_or_default()));
                                }
                            }
                        }
                    }
                    // validateHTTPGetAction, after the port: the scheme (SetDefaults_HTTPGetAction
                    // makes an empty one HTTP) one of supportedHTTPSchemes, each header name
                    // IsHTTPHeaderName (the error names the list, `httpHeaders`)
                    if let Some(get) = h.get("httpGet").filter(|_| *k == "httpGet") {
                        if let Some(s) = get.get("scheme").and_then(|s| s.as_str()).filter(|s| !s.is_empty() && !matches!(*s, "HTTP" | "HTTPS")) {
                            let field = format!("{f}.httpGet.scheme");
                            errs.push(Diagnostic::not_supported(&field, at(&field), s, &["HTTP", "HTTPS"]));
                        }
                        for (hi, header) in seq(get.get("httpHeaders")).iter().enumerate() {
                            let name = text(header, "name");
                            for m in super::names::http_header_name(name) {
                                let field = format!("{f}.httpGet.httpHeaders");
                                errs.push(Diagnostic::invalid(&field, at(&format!("{field}[{hi}].name")), &quote(name), &m));
                            }
                        }
                    }
                    // validateGRPCAction (kubernetes#102162, pkg/apis/core/validation): the int32
                    // port through ValidatePortNumOrName (absent: 0)
                    if *k == "grpc" {
                        let p = h.get("grpc").and_then(|g| int(g, "port")).unwrap_or(0);
                        if !(1..=65535).contains(&p) {
                            let field = format!("{f}.grpc.port");
                            errs.push(Diagnostic::invalid(&field, at(&field), &p.to_string(), "must be between 1 and 65535, inclusive"));
                        }
                    }
                }
            }
        }
        if n == 0 {
            errs.push(Diagnostic::required(f, at(f), "must specify a handler type"));
        }
    };
    // validatePodSpecSecurityContext / ValidateSecurityContext: user and group IDs are
    // validation.IsValidUserID / IsValidGroupID, 0..=MaxInt32 (InclusiveRangeError)
    // (field paths are made only where there is something to check: a whole cluster's dump is
    // 10,000 pods, issue #12)
    let ids = |sc: Option<&Node>, f: &dyn Fn() -> String, keys: &[&str], errs: &mut Vec<Diagnostic>| {
        let Some(sc) = sc.filter(|n| !n.is_null()) else { return };
        let f = f();
        let mut check = |v: i64, field: String| {
            if !(0..=i64::from(i32::MAX)).contains(&v) {
                errs.push(Diagnostic::invalid(&field, at(&field), &v.to_string(), &format!("must be between 0 and {}, inclusive", i32::MAX)));
            }
        };
        for k in keys {
            if let Some(v) = int(sc, k) {
                check(v, format!("{f}.{k}"));
            }
        }
        if keys.contains(&"fsGroup") {
            for (g, n) in seq(sc.get("supplementalGroups")).iter().enumerate() {
                if let NodeKind::Scalar { value: Value::Int(v), .. } = &n.kind {
                    check(*v, format!("{f}.supplementalGroups[{g}]"));
                }
            }
        }
    };
    ids(spec.get("securityContext"), &|| format!("{prefix}.securityContext"), &["fsGroup", "runAsUser", "runAsGroup"], errs);
    const PROBE: &[&str] = &["exec", "httpGet", "tcpSocket", "grpc"];
    for list in ["containers", "initContainers"] {
        for (ci, c) in seq(spec.get(list)).iter().enumerate() {
            let cf = || format!("{prefix}.{list}[{ci}]");
            ids(c.get("securityContext"), &|| format!("{}.securityContext", cf()), &["runAsUser", "runAsGroup"], errs);
            let plain_init = list == "initContainers" && c.get("restartPolicy").and_then(|r| r.as_str()) != Some("Always");
            if plain_init {
                for k in ["lifecycle", "livenessProbe", "readinessProbe", "startupProbe"] {
                    if set(c, k) {
                        let field = format!("{}.{k}", cf());
                        errs.push(Diagnostic::forbidden(&field, at(&field), "may not be set for init containers without restartPolicy=Always"));
                    }
                }
            } else {
                if let Some(l) = c.get("lifecycle").filter(|l| !l.is_null()) {
                    for k in ["postStart", "preStop"] {
                        if let Some(h) = l.get(k).filter(|h| !h.is_null()) {
                            handler(h, &format!("{}.lifecycle.{k}", cf()), &["exec", "httpGet", "tcpSocket", "sleep"], errs);
                        }
                    }
                }
                for k in ["livenessProbe", "readinessProbe", "startupProbe"] {
                    let Some(p) = c.get(k).filter(|p| !p.is_null()) else { continue };
                    let f = format!("{}.{k}", cf());
                    handler(p, &f, PROBE, errs);
                    for field in ["initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"] {
                        if let Some(v) = int(p, field).filter(|v| *v < 0) {
                            let ff = format!("{f}.{field}");
                            errs.push(Diagnostic::invalid(&ff, at(&ff), &v.to_string(), "must be greater than or equal to 0"));
                        }
                    }
                    // validateProbe: a probe's own terminationGracePeriodSeconds, when set, is
                    // positive; validateReadinessProbe: and a readiness probe may not have one
                    let tgps = int(p, "terminationGracePeriodSeconds");
                    let tf = || format!("{f}.terminationGracePeriodSeconds");
                    if let Some(v) = tgps.filter(|v| *v <= 0) {
                        errs.push(Diagnostic::invalid(&tf(), at(&tf()), &v.to_string(), "must be greater than 0"));
                    }
                    if k != "readinessProbe" {
                        let success = int(p, "successThreshold").map_or(1, |v| if v == 0 { 1 } else { v });
                        if success != 1 {
                            let ff = format!("{f}.successThreshold");
                            errs.push(Diagnostic::invalid(&ff, at(&ff), &success.to_string(), "must be 1"));
                        }
                    } else if let Some(v) = tgps {
                        errs.push(Diagnostic::invalid(&tf(), at(&tf()), &v.to_string(), "must not be set for readinessProbes"));
                    }
                }
            }
            for (ei, e) in seq(c.get("env")).iter().enumerate() {
                // ValidateEnv: the name required, then IsRelaxedEnvVarName
                // (opts.AllowRelaxedEnvironmentVariableValidation: feature gate
                // RelaxedEnvironmentVariableValidation, on by default since 1.32)
                // (the field path made only for an error: a dump's pods carry thousands of env vars)
                let name = text(e, "name");
                let nf = || format!("{}.env[{ei}].name", cf());
                if name.is_empty() {
                    errs.push(Diagnostic::required(&nf(), at(&format!("{}.env[{ei}]", cf())), ""));
                } else if let Some(m) = super::names::relaxed_env_var_name(name) {
                    errs.push(Diagnostic::invalid(&nf(), at(&nf()), &quote(name), m));
                }
                let Some(from) = e.get("valueFrom").filter(|v| !v.is_null()) else { continue };
                let f = format!("{}.env[{ei}].valueFrom", cf());
                // validateConfigMapKeySelector / validateSecretKeySelector: the name a DNS
                // subdomain (ValidateSecretName, even when empty), the key required and a
                // config key
                for k in ["configMapKeyRef", "secretKeyRef"] {
                    let Some(sel) = from.get(k).filter(|v| !v.is_null()) else { continue };
                    let sf = format!("{f}.{k}");
                    let sel_name = text(sel, "name");
                    let name_f = format!("{sf}.name");
                    for m in super::names::dns1123_subdomain(sel_name) {
                        errs.push(Diagnostic::invalid(&name_f, at(&name_f), &quote(sel_name), &m));
                    }
                    let key = text(sel, "key");
                    let key_f = format!("{sf}.key");
                    if key.is_empty() {
                        errs.push(Diagnostic::required(&key_f, at(&sf), ""));
                    } else {
                        for m in super::names::config_map_key(key) {
                            errs.push(Diagnostic::invalid(&key_f, at(&key_f), &quote(key), &m));
                        }
                    }
                }
                // validateEnvVarValueFrom: fieldRef (validateObjectFieldSelector with
                // validEnvDownwardAPIFieldPathExpressions) and resourceFieldRef
                // (validateContainerResourceFieldSelector, containerName optional)
                if let Some(fs) = from.get("fieldRef").filter(|v| !v.is_null()) {
                    object_field_selector(fs, ENV_FIELD_PATHS, &format!("{f}.fieldRef"), at, errs);
                }
                if let Some(rs) = from.get("resourceFieldRef").filter(|v| !v.is_null()) {
                    resource_field_selector(rs, false, &format!("{f}.resourceFieldRef"), at, errs);
                }
                let sources = ["fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef", "fileKeyRef"].iter().filter(|k| set(from, k)).count();
                let has_value = e.get("value").and_then(|v| v.as_str()).is_some_and(|v| !v.is_empty());
                if sources == 0 {
                    // validateEnvVarValueFrom: numSources == 0 first
                    errs.push(Diagnostic::invalid(&f, at(&f), "\"\"", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
                } else if has_value {
                    errs.push(Diagnostic::invalid(&f, at(&f), "\"\"", "may not be specified when `value` is not empty"));
                } else if sources > 1 {
                    errs.push(Diagnostic::invalid(&f, at(&f), "\"\"", "may not have more than one field specified at a time"));
                }
            }
            // ValidateEnvFrom: a prefix is an env var name (relaxed), one source, and its name
            // required and a DNS subdomain (ValidateConfigMapName / ValidateSecretName); the
            // source errors name the envFrom list itself, not the item
            for (ei, e) in seq(c.get("envFrom")).iter().enumerate() {
                let ef = format!("{}.envFrom", cf());
                let f = format!("{ef}[{ei}]");
                let prefix = text(e, "prefix");
                if let Some(m) = (!prefix.is_empty()).then(|| super::names::relaxed_env_var_name(prefix)).flatten() {
                    let pf = format!("{f}.prefix");
                    errs.push(Diagnostic::invalid(&pf, at(&pf), &quote(prefix), m));
                }
                let mut sources = 0;
                for k in ["configMapRef", "secretRef"] {
                    let Some(src) = e.get(k).filter(|v| !v.is_null()) else { continue };
                    sources += 1;
                    let name = text(src, "name");
                    let nf = format!("{f}.{k}.name");
                    if name.is_empty() {
                        errs.push(Diagnostic::required(&nf, at(&format!("{f}.{k}")), ""));
                    } else {
                        // ValidateConfigMapName / ValidateSecretName with prefix = true: a
                        // trailing '-' is masked first (apimachinery maskTrailingDash)
                        for m in super::names::dns1123_subdomain(&super::names::mask_trailing_dash(name)) {
                            errs.push(Diagnostic::invalid(&nf, at(&nf), &quote(name), &m));
                        }
                    }
                }
                if sources == 0 {
                    errs.push(Diagnostic::invalid(&ef, at(&f), "\"\"", "must specify one of: `configMapRef` or `secretRef`"));
                } else if sources > 1 {
                    errs.push(Diagnostic::invalid(&ef, at(&f), "\"\"", "may not have more than one field specified at a time"));
                }
            }
        }
    }
}

/// An intstr.IntOrString as written: Ok(int) or Err(string); None for anything else (null,
/// absent: the default applies).
fn int_or_string(n: Option<&super::yaml::Node>) -> Option<Result<i64, String>> {
    use super::yaml::{NodeKind, Value};
    match &n?.kind {
        NodeKind::Scalar { value: Value::Int(i), .. } => Some(Ok(*i)),
        NodeKind::Scalar { value: Value::Str, text, .. } => Some(Err(text.as_str().to_string())),
        _ => None,
    }
}

/// validation.IsValidPercent: `^[0-9]+%$`.
fn is_percent(s: &str) -> bool {
    s.strip_suffix('%').is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
}

/// pkg/apis/apps/validation ValidatePositiveIntOrPercent and IsNotMoreThan100Percent (`hundred`),
/// and getIntOrPercentValue's number (a percent's digits, 0 when it is not one).
fn int_or_percent(v: &Result<i64, String>, field: &str, pos: super::yaml::Pos, hundred: bool, errs: &mut Vec<Diagnostic>) -> i64 {
    match v {
        Ok(i) => {
            if *i < 0 {
                errs.push(Diagnostic::invalid(field, pos, &i.to_string(), "must be greater than or equal to 0"));
            }
            *i
        }
        Err(s) => {
            let digits = s.strip_suffix('%').filter(|_| is_percent(s));
            match digits {
                None => {
                    errs.push(Diagnostic::invalid(field, pos, &super::diag::int_or_string(v), "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"));
                    // getIntOrPercentValue: not a percent, so IntOrString.IntValue (strconv.Atoi)
                    s.parse::<i64>().unwrap_or(0)
                }
                Some(d) => {
                    let n = d.parse::<i64>().unwrap_or(i64::MAX);
                    if hundred && n > 100 {
                        errs.push(Diagnostic::invalid(field, pos, &super::diag::int_or_string(v), "must not be greater than 100%"));
                    }
                    n
                }
            }
        }
    }
}

/// pkg/apis/apps/validation ValidateDeploymentStrategy + ValidateRollingUpdateDeployment and
/// ValidateDaemonSetUpdateStrategy + ValidateRollingUpdateDaemonSet, after SetDefaults_Deployment
/// (type RollingUpdate, maxUnavailable and maxSurge 25%) and SetDefaults_DaemonSet (type
/// RollingUpdate, maxUnavailable 1, maxSurge 0) in pkg/apis/apps/v1/defaults.go. Other kinds: none.
fn validate_update_strategy(o: &Object) -> Vec<Diagnostic> {
    let mut errs = Vec::new();
    let (key, deployment) = match o.kind.as_str() {
        "Deployment" => ("strategy", true),
        "DaemonSet" => ("updateStrategy", false),
        _ => return errs,
    };
    let Some(strategy) = o.source.get("spec").and_then(|s| s.get(key)) else { return errs };
    let f = format!("spec.{key}");
    let ty = strategy.get("type").and_then(|t| t.as_str()).unwrap_or("");
    let rolling = strategy.get("rollingUpdate").filter(|r| !r.is_null());
    let rf = format!("{f}.rollingUpdate");
    let (unavailable_f, surge_f) = (format!("{rf}.maxUnavailable"), format!("{rf}.maxSurge"));
    let value = |k: &str, default: i64| int_or_string(rolling.and_then(|r| r.get(k))).unwrap_or(Ok(default));
    match (ty, deployment) {
        ("Recreate", true) if rolling.is_some() => {
            errs.push(Diagnostic::forbidden(&rf, o.pos(&rf), "may not be specified when strategy `type` is 'Recreate'"));
        }
        ("RollingUpdate" | "", true) => {
            let default = Err("25%".to_string());
            let unavailable = int_or_string(rolling.and_then(|r| r.get("maxUnavailable"))).unwrap_or_else(|| default.clone());
            let surge = int_or_string(rolling.and_then(|r| r.get("maxSurge"))).unwrap_or(default);
            let u = int_or_percent(&unavailable, &unavailable_f, o.pos(&unavailable_f), false, &mut errs);
            let s = int_or_percent(&surge, &surge_f, o.pos(&surge_f), false, &mut errs);
            if u == 0 && s == 0 {
                errs.push(Diagnostic::invalid(&unavailable_f, o.pos(&unavailable_f), &super::diag::int_or_string(&unavailable), "may not be 0 when `maxSurge` is 0"));
            }
            // IsNotMoreThan100Percent(maxUnavailable), after the two: only a valid percent
            // (getPercentValue; "200" is not one, whatever its Atoi)
            if unavailable.as_ref().err().is_some_and(|p| is_percent(p)) && u > 100 {
                errs.push(Diagnostic::invalid(&unavailable_f, o.pos(&unavailable_f), &super::diag::int_or_string(&unavailable), "must not be greater than 100%"));
            }
        }
        ("RollingUpdate" | "", false) => {
            let (unavailable, surge) = (value("maxUnavailable", 1), value("maxSurge", 0));
            let u = int_or_percent(&unavailable, &unavailable_f, o.pos(&unavailable_f), true, &mut errs);
            let s = int_or_percent(&surge, &surge_f, o.pos(&surge_f), true, &mut errs);
            match (u != 0, s != 0) {
                (true, true) => {
                    errs.push(Diagnostic::invalid(&surge_f, o.pos(&surge_f), &super::diag::int_or_string(&surge), "may not be set when maxUnavailable is non-zero"));
                }
                (false, false) => errs.push(Diagnostic::required(&unavailable_f, o.pos(&unavailable_f), "cannot be 0 when maxSurge is 0")),
                _ => {}
            }
        }
        // ValidateDeploymentStrategy's default case: field.NotSupported(spec.strategy, the
        // internal apps.DeploymentStrategy — json.Marshal of untagged fields, SetDefaults_Deployment
        // fills rollingUpdate only for RollingUpdate — , ["Recreate", "RollingUpdate"])
        (other, true) if other != "Recreate" => {
            let ru = rolling.map_or("null".to_string(), |r| format!("{{\"MaxUnavailable\":{},\"MaxSurge\":{}}}", intstr_json(r.get("maxUnavailable")), intstr_json(r.get("maxSurge"))));
            let shown = format!("{{\"Type\":{},\"RollingUpdate\":{ru}}}", quote(other));
            errs.push(Diagnostic::not_supported_shown(&f, o.pos(&f), &shown, &["Recreate", "RollingUpdate"]));
        }
        // (Recreate without rollingUpdate; OnDelete for a DaemonSet (its unknown types are
        // validate_strategy_type's))
        _ => {}
    }
    errs
}

/// An intstr.IntOrString as json.Marshal writes it (IntOrString.MarshalJSON, a value
/// receiver): a number or a quoted string; `None` (unset, the zero value) as 0.
fn intstr_json(n: Option<&super::yaml::Node>) -> String {
    match int_or_string(n) {
        Some(Ok(i)) => i.to_string(),
        Some(Err(s)) => quote(&s),
        None => "0".into(),
    }
}

/// An update strategy no StatefulSet or DaemonSet has, and a StatefulSet's ordinals:
/// * pkg/apis/apps/validation ValidateStatefulSetSpec: updateStrategy.type OnDelete with a
///   rollingUpdate (`spec.updateStrategy.rollingUpdate: Invalid value: {…}: only allowed for
///   updateStrategy 'RollingUpdate'`), any type but RollingUpdate / OnDelete (`spec.updateStrategy:
///   Invalid value: {"Type":…,"RollingUpdate":…}: must be 'RollingUpdate' or 'OnDelete'` — an
///   unset type is SetDefaults_StatefulSet's RollingUpdate); `spec.ordinals.start` not negative
///   (ValidateNonnegativeField), returned in `after` (it follows minReadySeconds upstream).
/// * ValidateDaemonSetUpdateStrategy: a type but RollingUpdate / OnDelete (unset:
///   SetDefaults_DaemonSet's RollingUpdate) is `spec.updateStrategy: Unsupported value: {…}:
///   supported values: "RollingUpdate", "OnDelete"`.
///
/// The values are the internal apps types as field.Error renders them, json.Marshal of structs
/// without json tags: `{"Type":"Recreate","RollingUpdate":null}`.
fn validate_strategy_type(o: &Object, after: &mut Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut errs = Vec::new();
    let spec = o.source.get("spec");
    let strategy = spec.and_then(|s| s.get("updateStrategy")).filter(|s| !s.is_null());
    let ty = strategy.and_then(|s| s.get("type")).and_then(|t| t.as_str()).unwrap_or("");
    let rolling = strategy.and_then(|s| s.get("rollingUpdate")).filter(|r| !r.is_null());
    let f = "spec.updateStrategy";
    match o.kind.as_str() {
        "StatefulSet" => {
            let ru = |r: &super::yaml::Node| {
                let partition = r.get("partition").and_then(|p| match p.kind {
                    super::yaml::NodeKind::Scalar { value: super::yaml::Value::Int(i), .. } => Some(i),
                    _ => None,
                });
                // valfix18: dropStatefulSetDisabledFields has cleared it (gate off in 1.34)
                let max = r
                    .get("maxUnavailable")
                    .filter(|m| !m.is_null() && super::podfields::MAX_UNAVAILABLE_STATEFUL_SET)
                    .map_or("null".to_string(), |m| intstr_json(Some(m)));
                format!("{{\"Partition\":{},\"MaxUnavailable\":{max}}}", partition.unwrap_or(0))
            };
            match ty {
                // validateRollingUpdateStatefulSet (corpfix9: core::podfields)
                "" | "RollingUpdate" => {
                    if let Some(r) = rolling {
                        super::podfields::sts_rolling_update(r, &|f: &str| o.pos(f), &mut errs);
                    }
                }
                "OnDelete" => {
                    if let Some(r) = rolling {
                        let rf = format!("{f}.rollingUpdate");
                        errs.push(Diagnostic::invalid(&rf, o.pos(&rf), &ru(r), "only allowed for updateStrategy 'RollingUpdate'"));
                    }
                }
                other => {
                    let value = format!("{{\"Type\":{},\"RollingUpdate\":{}}}", quote(other), rolling.map_or("null".to_string(), ru));
                    errs.push(Diagnostic::invalid(f, o.pos(f), &value, "must be 'RollingUpdate' or 'OnDelete'"));
                }
            }
            let start = spec.and_then(|s| s.get("ordinals")).and_then(|o| o.get("start")).and_then(|v| match v.kind {
                super::yaml::NodeKind::Scalar { value: super::yaml::Value::Int(i), .. } => Some(i),
                _ => None,
            });
            if let Some(start) = start.filter(|s| *s < 0) {
                after.push(Diagnostic::invalid("spec.ordinals.start", o.pos("spec.ordinals.start"), &start.to_string(), "must be greater than or equal to 0"));
            }
        }
        "DaemonSet" if !matches!(ty, "" | "RollingUpdate" | "OnDelete") => {
            let ru = rolling.map_or("null".to_string(), |r| format!("{{\"MaxUnavailable\":{},\"MaxSurge\":{}}}", intstr_json(r.get("maxUnavailable")), intstr_json(r.get("maxSurge"))));
            let value = format!("{{\"Type\":{},\"RollingUpdate\":{ru}}}", quote(ty));
            let list = ["RollingUpdate", "OnDelete"].iter().map(|v| quote(v)).collect::<Vec<_>>().join(", ");
            let mut d = Diagnostic::forbidden(f, o.pos(f), "");
            d.kind = ErrorType::NotSupported;
            d.code = "FieldValueNotSupported".into();
            d.message = format!("{f}: Unsupported value: {value}: supported values: {list}");
            errs.push(d);
        }
        _ => {}
    }
    errs
}

/// pkg/apis/apps/validation/validation.go ValidateDeploymentSpec, after the strategy:
/// minReadySeconds and revisionHistoryLimit not negative (ValidateNonnegativeField), then a set
/// progressDeadlineSeconds not negative and greater than minReadySeconds (`*spec.
/// ProgressDeadlineSeconds <= spec.MinReadySeconds`: "must be greater than minReadySeconds", its
/// pointer printed as the number); ValidateReplicaSetSpec and ValidateStatefulSetSpec:
/// minReadySeconds not negative (a StatefulSet's revisionHistoryLimit is not checked);
/// ValidateDaemonSetSpec: minReadySeconds, then revisionHistoryLimit, not negative.
/// A Deployment's progressDeadlineSeconds is checked when unset too: pkg/apis/apps/v1/defaults.go
/// SetDefaults_Deployment sets it to 600 first, so minReadySeconds ≥ 600 alone is refused.
fn validate_seconds_and_history(o: &Object) -> Vec<Diagnostic> {
    use super::yaml::{NodeKind, Value};
    let mut errs = Vec::new();
    let keys: &[&str] = match o.kind.as_str() {
        "Deployment" => &["minReadySeconds", "revisionHistoryLimit", "progressDeadlineSeconds"],
        // (valfix19: pkg/apis/core/validation/validation.go ValidateReplicationControllerSpec
        // checks a ReplicationController's first, ValidateNonnegativeField)
        "ReplicaSet" | "StatefulSet" | "ReplicationController" => &["minReadySeconds"],
        "DaemonSet" => &["minReadySeconds", "revisionHistoryLimit"],
        _ => return errs,
    };
    let Some(spec) = o.source.get("spec") else { return errs };
    let int = |k: &str| match spec.get(k).map(|v| &v.kind) {
        Some(NodeKind::Scalar { value: Value::Int(i), .. }) => Some(*i),
        _ => None,
    };
    for k in keys {
        // SetDefaults_Deployment: `progressDeadlineSeconds` 600 when unset (null is unset)
        let defaulted = (*k == "progressDeadlineSeconds" && spec.get(k).is_none_or(|v| v.is_null())).then_some(600);
        let Some(v) = int(k).or(defaulted) else { continue };
        let field = format!("spec.{k}");
        if v < 0 {
            errs.push(Diagnostic::invalid(&field, o.pos(&field), &v.to_string(), "must be greater than or equal to 0"));
        }
        if *k == "progressDeadlineSeconds" && v <= int("minReadySeconds").unwrap_or(0) {
            // (a defaulted deadline is not in the text: pointed at the minReadySeconds above it)
            let at = if defaulted.is_some() { o.pos("spec.minReadySeconds") } else { o.pos(&field) };
            errs.push(Diagnostic::invalid(&field, at, &v.to_string(), "must be greater than minReadySeconds"));
        }
    }
    errs
}

/// pkg/apis/apps/validation/validation.go ValidatePersistentVolumeClaimRetentionPolicy →
/// ValidatePersistentVolumeClaimRetentionPolicyType, from ValidateStatefulSetSpec (after
/// updateStrategy): whenDeleted and whenScaled are Retain or Delete (field.NotSupported).
/// SetDefaults_StatefulSet (pkg/apis/apps/v1/defaults.go) fills an unset or empty one with Retain.
fn validate_pvc_retention_policy(o: &Object) -> Vec<Diagnostic> {
    let mut errs = Vec::new();
    if o.kind != "StatefulSet" {
        return errs;
    }
    let Some(policy) = o.source.get("spec").and_then(|s| s.get("persistentVolumeClaimRetentionPolicy")) else { return errs };
    for key in ["whenDeleted", "whenScaled"] {
        let Some(v) = policy.get(key).and_then(|v| v.as_str()).filter(|v| !v.is_empty()) else { continue };
        if !matches!(v, "Retain" | "Delete") {
            let field = format!("spec.persistentVolumeClaimRetentionPolicy.{key}");
            errs.push(Diagnostic::not_supported(&field, o.pos(&field), v, &["Retain", "Delete"]));
        }
    }
    errs
}

/// kubernetes/kubernetes#132212 (Kubernetes 1.34): pkg/apis/apps/validation/validation.go
/// ValidateVolumeClaimTemplates, from ValidateStatefulSetSpec at create (after
/// persistentVolumeClaimRetentionPolicy; skipped with SkipValidateVolumeClaimTemplates): each
/// template's spec is ValidatePersistentVolumeClaimSpec'd (the options of a new claim,
/// ValidationOptionsForPersistentVolumeClaimCreate) at `spec.volumeClaimTemplates[i].spec`, e.g.
/// `spec.volumeClaimTemplates[0].spec.accessModes: Required value: at least 1 access mode is
/// required` (before 1.34 the controller's claim was refused instead: FailedCreate,
/// kubernetes#132211).
fn validate_volume_claim_templates(o: &Object, errs: &mut Vec<Diagnostic>) {
    let templates = seq(o.source.get("spec").and_then(|s| s.get("volumeClaimTemplates")));
    for (i, t) in templates.iter().enumerate() {
        errs.extend(super::storage::claim_template_spec_errors(t, &format!("spec.volumeClaimTemplates[{i}].spec")));
    }
}

/// The volume sources in the order pkg/apis/core/validation/validation.go `validateVolumeSource`
/// checks them: (JSON key, the field path its "more than 1" error names — upstream's own
/// spelling, `cephFS` and `downwarAPI` included).
const VOLUME_SOURCES: &[(&str, &str)] = &[
    ("emptyDir", "emptyDir"),
    ("hostPath", "hostPath"),
    ("gitRepo", "gitRepo"),
    ("gcePersistentDisk", "gcePersistentDisk"),
    ("awsElasticBlockStore", "awsElasticBlockStore"),
    ("secret", "secret"),
    ("nfs", "nfs"),
    ("iscsi", "iscsi"),
    ("glusterfs", "glusterfs"),
    ("flocker", "flocker"),
    ("persistentVolumeClaim", "persistentVolumeClaim"),
    ("rbd", "rbd"),
    ("cinder", "cinder"),
    ("cephfs", "cephFS"),
    ("quobyte", "quobyte"),
    ("downwardAPI", "downwarAPI"),
    ("fc", "fc"),
    ("flexVolume", "flexVolume"),
    ("configMap", "configMap"),
    ("azureFile", "azureFile"),
    ("vsphereVolume", "vsphereVolume"),
    ("photonPersistentDisk", "photonPersistentDisk"),
    ("portworxVolume", "portworxVolume"),
    ("azureDisk", "azureDisk"),
    ("storageos", "storageos"),
    ("projected", "projected"),
    ("scaleIO", "scaleIO"),
    ("csi", "csi"),
    ("ephemeral", "ephemeral"),
    ("image", "image"),
];

/// A StatefulSet's claims, as its controller makes them for a pod (pkg/controller/statefulset
/// stateful_set_utils.go getPersistentVolumeClaims: `<template name>-<pod name>`, the template's
/// spec) and creates them before the pod (stateful_pod_control.go createPersistentVolumeClaims):
/// the API server validates each as a PVC (ValidatePersistentVolumeClaimSpec, which the
/// StatefulSet's own validation never ran on its volumeClaimTemplates), and a refused one stops
/// the pod (recordClaimEvent: a FailedCreate event `create Claim <claim> for Pod <pod> in
/// StatefulSet <set> failed error: PersistentVolumeClaim "<claim>" is invalid: …`, the errors
/// aggregated as utilerrors.NewAggregate prints them: one as it is, more in `[…, …]`).
fn claim_template_refusal(o: &Object, pod: &str) -> Option<(String, super::yaml::Pos)> {
    let templates = seq(o.source.get("spec").and_then(|s| s.get("volumeClaimTemplates")));
    for (i, t) in templates.iter().enumerate() {
        let errs = super::storage::claim_template_spec_errors(t, "spec");
        let name = t.get("metadata").and_then(|m| m.get("name")).and_then(|n| n.as_str()).unwrap_or("");
        let claim = format!("{name}-{pod}");
        // ValidatePersistentVolumeClaim: ValidateObjectMeta (the claim's name) before the spec
        // (corpfix9: core::podfields::claim_meta_errors)
        let meta = super::podfields::claim_meta_errors(&claim);
        if errs.is_empty() && meta.is_empty() {
            continue;
        }
        let texts: Vec<&str> = meta.iter().map(String::as_str).chain(errs.iter().map(|d| d.message.as_str())).collect();
        let joined = if texts.len() == 1 { texts[0].to_string() } else { format!("[{}]", texts.join(", ")) };
        let message = format!(
            "the StatefulSet controller creates claim {claim} from volumeClaimTemplates[{i}] before pod {pod}, and the API server refuses it, so no pod is created (event FailedCreate: create Claim {claim} for Pod {pod} in StatefulSet {} failed error: PersistentVolumeClaim \"{claim}\" is invalid: {joined}); {}",
            o.meta.name,
            if errs.is_empty() {
                "name the claim template so that <name>-<pod> is a lowercase RFC 1123 subdomain"
            } else {
                "give the claim template what a PersistentVolumeClaim needs (accessModes, resources.requests.storage)"
            }
        );
        let at = if meta.is_empty() { format!("spec.volumeClaimTemplates[{i}]") } else { format!("spec.volumeClaimTemplates[{i}].metadata.name") };
        return Some((message, o.pos(&at)));
    }
    None
}

/// ValidatePodSpec's volume checks (pkg/apis/core/validation/validation.go), read from the
/// object's tree at `prefix` (`spec` or `spec.template.spec`):
/// * ValidateVolumes: a name is required, a DNS-1123 label, not repeated (field.Duplicate);
///   validateVolumeSource: at most one source ("may not specify more than 1 volume type", on
///   each later source in upstream's order). No source at all is not an error: SetDefaults_Volume
///   (pkg/apis/core/v1/defaults.go) makes it an emptyDir. A volume with an error is not one the
///   mounts can name.
/// * ValidateVolumeMounts, per container and init container: the name is required and must be a
///   volume (field.NotFound); mountPath is required and unique within the container. A
///   StatefulSet's volumeClaimTemplates are volumes of its pods (pkg/apis/apps/validation
///   ValidateStatefulSetSpec adds them before validating the template, volumesToAddForTemplates,
///   kubernetes#131790), a template volume of a claim's name replaced by the claim's.
///
///   validateVolumeMounts also checks `subPath` and `subPathExpr` (validateLocalDescendingPath:
///   relative, no `..` element; upstream names the list, `volumeMounts.subPath`, not the item)
///   and that the two are not both set.
///
/// Of the sources' own fields those of hostPath, secret, nfs, persistentVolumeClaim, downwardAPI,
/// configMap, projected and azureDisk are checked ([`validate_volume_source`]).
fn validate_volumes_and_mounts(o: &Object, prefix: &str, at: &dyn Fn(&str) -> super::yaml::Pos, errs: &mut Vec<Diagnostic>) {
    use super::yaml::Node;
    let Some(spec) = node_at(&o.source, prefix) else { return };
    let str_of = |n: &Node, key: &str| n.get(key).and_then(|v| v.as_str()).unwrap_or("").to_string();
    let mut valid: Vec<String> = Vec::new();
    let mut all: Vec<String> = Vec::new();
    // volumesToAddForTemplates (pkg/apis/apps/validation/validation.go, kubernetes#131790): a
    // StatefulSet's volumeClaimTemplates are volumes of its pods, a template volume of the same
    // name replaced by the claim's (as the controller's pods have it: stateful_set_utils.go
    // updateStorage), so neither "not found" for a mount nor a duplicate
    let claims: Vec<String> = if o.kind == "StatefulSet" {
        seq(o.source.get("spec").and_then(|s| s.get("volumeClaimTemplates"))).iter().filter_map(|t| t.get("metadata")).map(|m| str_of(m, "name")).collect()
    } else {
        Vec::new()
    };
    for (i, v) in seq(spec.get("volumes")).iter().enumerate() {
        let f = format!("{prefix}.volumes[{i}]");
        let name = str_of(v, "name");
        if claims.contains(&name) && !name.is_empty() {
            continue;
        }
        let mut el = Vec::new();
        // validateVolumeSource: the first source written is validated, each later one is only
        // "may not specify more than 1 volume type"
        // (the first comes before every later one, so its errors come first)
        let mut written = VOLUME_SOURCES.iter().filter_map(|(key, path)| v.get(key).filter(|n| !n.is_null()).map(|src| (*key, *path, src)));
        if let Some((key, _, src)) = written.next() {
            validate_volume_source(key, src, &format!("{f}.{key}"), at, &mut el);
        }
        for (key, path, _) in written {
            let field = format!("{f}.{path}");
            el.push(Diagnostic::forbidden(&field, at(&format!("{f}.{key}")), "may not specify more than 1 volume type"));
        }
        let name_f = format!("{f}.name");
        if name.is_empty() {
            el.push(Diagnostic::required(&name_f, at(&f), ""));
        } else {
            for m in super::names::dns1123_label(&name) {
                el.push(Diagnostic::invalid(&name_f, at(&name_f), &quote(&name), &m));
            }
        }
        if all.contains(&name) {
            el.push(Diagnostic::duplicate(&name_f, at(&name_f), &quote(&name)));
        }
        if el.is_empty() {
            all.push(name.clone());
            valid.push(name);
        } else {
            errs.append(&mut el);
        }
    }
    valid.extend(claims);
    for list in ["containers", "initContainers"] {
        for (ci, c) in seq(spec.get(list)).iter().enumerate() {
            let mut mount_points: Vec<String> = Vec::new();
            for (mi, m) in seq(c.get("volumeMounts")).iter().enumerate() {
                let f = format!("{prefix}.{list}[{ci}].volumeMounts[{mi}]");
                let name = str_of(m, "name");
                let name_f = format!("{f}.name");
                if name.is_empty() {
                    errs.push(Diagnostic::required(&name_f, at(&f), ""));
                }
                if !valid.contains(&name) {
                    errs.push(Diagnostic::not_found(&name_f, at(&name_f), &quote(&name)));
                }
                let path = str_of(m, "mountPath");
                let path_f = format!("{f}.mountPath");
                if path.is_empty() {
                    errs.push(Diagnostic::required(&path_f, at(&f), ""));
                }
                if mount_points.contains(&path) {
                    errs.push(Diagnostic::invalid(&path_f, at(&path_f), &quote(&path), "must be unique"));
                }
                mount_points.push(path);
                // ValidateVolumeMounts: validateLocalDescendingPath(mnt.SubPath, fldPath.Child("subPath"))
                // — fldPath is the list's path, so the error names `volumeMounts.subPath`
                let list_f = format!("{prefix}.{list}[{ci}].volumeMounts");
                let sub_path = str_of(m, "subPath");
                if !sub_path.is_empty() {
                    descending_path(&sub_path, &format!("{list_f}.subPath"), at(&format!("{f}.subPath")), errs);
                }
                let expr = str_of(m, "subPathExpr");
                if !expr.is_empty() {
                    let expr_f = format!("{f}.subPathExpr");
                    if !sub_path.is_empty() {
                        errs.push(Diagnostic::invalid(&expr_f, at(&expr_f), &quote(&expr), "subPathExpr and subPath are mutually exclusive"));
                    }
                    descending_path(&expr, &format!("{list_f}.subPathExpr"), at(&expr_f), errs);
                }
            }
        }
    }
}

/// validateLocalDescendingPath (pkg/apis/core/validation/validation.go): not absolute
/// (path.IsAbs: a leading `/`), then validatePathNoBacksteps: no `..` element (one error).
fn descending_path(p: &str, field: &str, pos: super::yaml::Pos, errs: &mut Vec<Diagnostic>) {
    if p.starts_with('/') {
        errs.push(Diagnostic::invalid(field, pos, &quote(p), "must be a relative path"));
    }
    if p.split('/').any(|part| part == "..") {
        errs.push(Diagnostic::invalid(field, pos, &quote(p), "must not contain '..'"));
    }
}

/// ValidateLocalNonReservedPath: validateLocalDescendingPath, then "must not start with '..'"
/// for a `..x` that the element check did not catch (not `../`).
fn local_non_reserved_path(p: &str, field: &str, pos: super::yaml::Pos, errs: &mut Vec<Diagnostic>) {
    descending_path(p, field, pos, errs);
    if p.starts_with("..") && !p.starts_with("../") {
        errs.push(Diagnostic::invalid(field, pos, &quote(p), "must not start with '..'"));
    }
}

/// A file mode (defaultMode, an item's mode) within 0..=0777 (fileModeErrorMsg); a YAML 0644 is
/// octal (go-yaml v2), a 644 is not.
fn file_mode(n: Option<&super::yaml::Node>, field: &str, at: &dyn Fn(&str) -> super::yaml::Pos, errs: &mut Vec<Diagnostic>) {
    use super::yaml::{NodeKind, Value};
    if let Some(NodeKind::Scalar { value: Value::Int(m), .. }) = n.map(|n| &n.kind) {
        if !(0..=0o777).contains(m) {
            errs.push(Diagnostic::invalid(field, at(field), &m.to_string(), "must be a number between 0 and 0777 (octal), both inclusive"));
        }
    }
}

/// A string field as written ("" when absent or not a string: the zero value).
fn text<'a>(n: &'a super::yaml::Node, key: &str) -> &'a str {
    n.get(key).and_then(|v| v.as_str()).unwrap_or("")
}

/// validateKeyToPath: key and path required, the path a local non-reserved one, the mode a
/// file mode.
fn key_to_path(item: &super::yaml::Node, f: &str, at: &dyn Fn(&str) -> super::yaml::Pos, errs: &mut Vec<Diagnostic>) {
    if text(item, "key").is_empty() {
        errs.push(Diagnostic::required(&format!("{f}.key"), at(f), ""));
    }
    let path = text(item, "path");
    let path_f = format!("{f}.path");
    if path.is_empty() {
        errs.push(Diagnostic::required(&path_f, at(f), ""));
    }
    local_non_reserved_path(path, &path_f, at(&path_f), errs);
    file_mode(item.get("mode"), &format!("{f}.mode"), at, errs);
}

/// validVolumeDownwardAPIFieldPathExpressions, sorted as sets.List shows them.
const VOLUME_FIELD_PATHS: &[&str] = &["metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid"];
/// validEnvDownwardAPIFieldPathExpressions, sorted.
const ENV_FIELD_PATHS: &[&str] = &[
    "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs",
];
/// validContainerResourceFieldPathExpressions, sorted.
const RESOURCE_FIELD_PATHS: &[&str] = &["limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory"];

/// pkg/fieldpath SplitMaybeSubscriptedPath: `metadata.labels['app']` → ("metadata.labels", "app").
fn split_subscript(p: &str) -> Option<(&str, &str)> {
    let (path, sub) = p.strip_suffix("']")?.split_once("['")?;
    (!path.is_empty()).then_some((path, sub))
}

/// validateObjectFieldSelector with the volume's or the env's expressions, after SetDefaults_ObjectFieldSelector
/// (apiVersion "v1"): fieldPath required; pods.ConvertDownwardAPIFieldLabel (pkg/apis/core/pods/
/// helpers.go) must know it ("error converting fieldPath: …"); a subscript's key is a qualified
/// name (lowercased for annotations); anything else must be one of the expressions.
fn object_field_selector(fs: &super::yaml::Node, exprs: &[&str], f: &str, at: &dyn Fn(&str) -> super::yaml::Pos, errs: &mut Vec<Diagnostic>) {
    let version = match text(fs, "apiVersion") {
        "" => "v1",
        v => v,
    };
    let label = text(fs, "fieldPath");
    let fp_f = format!("{f}.fieldPath");
    if label.is_empty() {
        errs.push(Diagnostic::required(&fp_f, at(f), ""));
        return;
    }
    let converted = if version != "v1" {
        Err(format!("unsupported pod version: {version}"))
    } else if let Some((path, _)) = split_subscript(label) {
        if matches!(path, "metadata.annotations" | "metadata.labels") {
            Ok(label)
        } else {
            Err(format!("field label does not support subscript: {label}"))
        }
    } else {
        match label {
            "metadata.annotations" | "metadata.labels" | "metadata.name" | "metadata.namespace" | "metadata.uid" | "spec.nodeName" | "spec.restartPolicy"
            | "spec.serviceAccountName" | "spec.schedulerName" | "status.phase" | "status.hostIP" | "status.hostIPs" | "status.podIP" | "status.podIPs" => Ok(label),
            "spec.host" => Ok("spec.nodeName"),
            _ => Err(format!("field label not supported: {label}")),
        }
    };
    let internal = match converted {
        Ok(p) => p,
        Err(e) => {
            errs.push(Diagnostic::invalid(&fp_f, at(&fp_f), &quote(label), &format!("error converting fieldPath: {e}")));
            return;
        }
    };
    match split_subscript(internal) {
        Some((path, sub)) => {
            let key = if path == "metadata.annotations" { super::case::lower(sub) } else { sub.to_string() };
            for m in super::names::qualified_name(&key) {
                errs.push(Diagnostic::invalid(f, at(f), &quote(&key), &m));
            }
        }
        None if !exprs.contains(&internal) => errs.push(Diagnostic::not_supported(&fp_f, at(&fp_f), internal, exprs)),
        None => {}
    }
}

/// validateContainerResourceFieldSelector: in a volume (`volume`) containerName is required
/// first; then resource is required and one of the expressions or a `requests.hugepages-` /
/// `limits.hugepages-` one; then the divisor (validateContainerResourceDivisor).
fn resource_field_selector(rs: &super::yaml::Node, volume: bool, f: &str, at: &dyn Fn(&str) -> super::yaml::Pos, errs: &mut Vec<Diagnostic>) {
    let resource = text(rs, "resource");
    if volume && text(rs, "containerName").is_empty() {
        errs.push(Diagnostic::required(&format!("{f}.containerName"), at(f), ""));
    } else if resource.is_empty() {
        errs.push(Diagnostic::required(&format!("{f}.resource"), at(f), ""));
    } else if !RESOURCE_FIELD_PATHS.contains(&resource) && !resource.starts_with("requests.hugepages-") && !resource.starts_with("limits.hugepages-") {
        let field = format!("{f}.resource");
        errs.push(Diagnostic::not_supported(&field, at(&field), resource, RESOURCE_FIELD_PATHS));
    }
    // validateContainerResourceDivisor: a divisor set (not zero) is, as Quantity.String() prints
    // it, 1m or 1 for cpu, and 1 or 1 of a unit (k…E, Ki…Ei) for memory, ephemeral storage and
    // hugepages; the value shown is the resource's name
    use super::yaml::{NodeKind, Value};
    let divisor = match rs.get("divisor").map(|n| &n.kind) {
        Some(NodeKind::Scalar { value: Value::Int(i), .. }) => i.to_string(),
        Some(NodeKind::Scalar { value: Value::Float(x), .. }) => super::decimal::shortest(*x),
        Some(NodeKind::Scalar { value: Value::Str, text, .. }) => text.to_string(),
        _ => return,
    };
    let Some(q) = super::quantity::parse(&divisor) else { return };
    if q.cmp_value(&super::quantity::parse("0").expect("zero")).is_eq() {
        return;
    }
    const BYTES: &[&str] = &["1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei"];
    let (allowed, what): (&[&str], &str) = match resource {
        "limits.cpu" | "requests.cpu" => (&["1m", "1"], "only divisor's values 1m and 1 are supported with the cpu resource"),
        "limits.memory" | "requests.memory" => (BYTES, "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the memory resource"),
        "limits.ephemeral-storage" | "requests.ephemeral-storage" => (BYTES, "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the local ephemeral storage resource"),
        r if r.starts_with("requests.hugepages-") || r.starts_with("limits.hugepages-") => (BYTES, "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the hugepages resource"),
        _ => return,
    };
    if !allowed.contains(&q.to_go_string().as_str()) {
        let field = format!("{f}.divisor");
        errs.push(Diagnostic::invalid(&field, at(&field), &quote(resource), what));
    }
}

/// validateDownwardAPIVolumeFile; `f` is the downwardAPI's own path: upstream passes it, not the
/// item's, so every error of every item names `downwardAPI.path`, `downwardAPI.mode`, ….
fn downward_api_file(file: &super::yaml::Node, f: &str, at: &dyn Fn(&str) -> super::yaml::Pos, item_at: &str, errs: &mut Vec<Diagnostic>) {
    let set = |k: &str| file.get(k).filter(|n| !n.is_null());
    let path = text(file, "path");
    let path_f = format!("{f}.path");
    if path.is_empty() {
        errs.push(Diagnostic::required(&path_f, at(item_at), ""));
    }
    local_non_reserved_path(path, &path_f, at(&format!("{item_at}.path")), errs);
    if let Some(fs) = set("fieldRef") {
        object_field_selector(fs, VOLUME_FIELD_PATHS, &format!("{f}.fieldRef"), &|p: &str| at(&p.replacen(f, item_at, 1)), errs);
        if set("resourceFieldRef").is_some() {
            errs.push(Diagnostic::invalid(f, at(item_at), &quote("resource"), "fieldRef and resourceFieldRef can not be specified simultaneously"));
        }
    } else if let Some(rs) = set("resourceFieldRef") {
        resource_field_selector(rs, true, &format!("{f}.resourceFieldRef"), &|p: &str| at(&p.replacen(f, item_at, 1)), errs);
    } else {
        errs.push(Diagnostic::required(f, at(item_at), "one of fieldRef and resourceFieldRef is required"));
    }
    if let Some(super::yaml::NodeKind::Scalar { value: super::yaml::Value::Int(m), .. }) = file.get("mode").map(|n| &n.kind) {
        if !(0..=0o777).contains(m) {
            errs.push(Diagnostic::invalid(&format!("{f}.mode"), at(&format!("{item_at}.mode")), &m.to_string(), "must be a number between 0 and 0777 (octal), both inclusive"));
        }
    }
}

/// Go net.SplitHostPort accepts it: a last colon; before it a host with no colon (or a
/// bracketed one ending right before it); no '[' after the host's start, no ']' after its end.
fn split_host_port_ok(s: &str) -> bool {
    let Some(i) = s.rfind(':') else { return false };
    let (j, k) = if s.starts_with('[') {
        match s.find(']') {
            Some(end) if end + 1 == i => (1, end + 1),
            _ => return false,
        }
    } else {
        if s[..i].contains(':') {
            return false;
        }
        (0, 0)
    };
    !s[j..].contains('[') && !s[k..].contains(']')
}

/// The checks validateVolumeSource runs on the first source written (pkg/apis/core/validation/
/// validation.go), for the sources whose fields Switchboard checks; `f` is the source's path.
/// * validateSecretVolumeSource: secretName required (the API type marks it optional, but
///   validation requires it), defaultMode, items (validateKeyToPath).
/// * validateConfigMapVolumeSource: name required, defaultMode, items.
/// * validatePersistentClaimVolumeSource: claimName required.
/// * validateHostPathVolumeSource: path required (nothing else checked without one), no `..`
///   element (validatePathNoBacksteps), a known type (validateHostPathType; SetDefaults leaves
///   it ""). validateNFSVolumeSource: server and path required, the path absolute.
/// * validateDownwardAPIVolumeSource: defaultMode, each item (validateDownwardAPIVolumeFile).
/// * validateAzureDisk: diskName and diskURI required, cachingMode and kind supported, the
///   diskURI's form by kind (SetDefaults_AzureDiskVolumeSource: kind Shared when unset).
/// * validateProjectedVolumeSource: defaultMode, then validateProjectionSources: each source's
///   secret / configMap (name required, items) / downwardAPI items / serviceAccountToken
///   (expirationSeconds — defaulted to 3600 by SetDefaults_ServiceAccountTokenProjection — at
///   least 10 minutes and at most 2^32 s; path required and local, named at `projected.path`);
///   an items path used twice ("conflicting duplicate paths", on `projected`); one kind per
///   source. (clusterTrustBundle and podCertificate are behind feature gates that are off by
///   default in 1.33/1.34: dropped before validation, not checked here.)
pub(crate) fn validate_volume_source(key: &str, src: &super::yaml::Node, f: &str, at: &dyn Fn(&str) -> super::yaml::Pos, errs: &mut Vec<Diagnostic>) {
    use super::yaml::{NodeKind, Value};
    match key {
        // validateEphemeralVolumeSource → ValidatePersistentVolumeClaimTemplate: the claim
        // template's spec is a PVC's (ValidatePersistentVolumeClaimSpec)
        "ephemeral" => {
            let t = src.get("volumeClaimTemplate").filter(|t| !t.is_null());
            match t {
                None => errs.push(Diagnostic::required(&format!("{f}.volumeClaimTemplate"), at(f), "")),
                Some(t) => {
                    let sf = format!("{f}.volumeClaimTemplate.spec");
                    errs.extend(super::storage::claim_template_spec_errors(t, &sf));
                }
            }
        }
        "secret" | "configMap" => {
            let name_key = if key == "secret" { "secretName" } else { "name" };
            if text(src, name_key).is_empty() {
                errs.push(Diagnostic::required(&format!("{f}.{name_key}"), at(f), ""));
            }
            file_mode(src.get("defaultMode"), &format!("{f}.defaultMode"), at, errs);
            for (i, item) in seq(src.get("items")).iter().enumerate() {
                key_to_path(item, &format!("{f}.items[{i}]"), at, errs);
            }
        }
        "hostPath" => {
            let path = text(src, "path");
            let path_f = format!("{f}.path");
            if path.is_empty() {
                errs.push(Diagnostic::required(&path_f, at(f), ""));
                return;
            }
            if path.split('/').any(|part| part == "..") {
                errs.push(Diagnostic::invalid(&path_f, at(&path_f), &quote(path), "must not contain '..'"));
            }
            // validateHostPathType: supportedHostPathTypes, listed sorted (sets.List)
            const TYPES: &[&str] = &["", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"];
            if let Some(ty) = src.get("type").and_then(|t| t.as_str()).filter(|t| !TYPES.contains(t)) {
                let type_f = format!("{f}.type");
                errs.push(Diagnostic::not_supported(&type_f, at(&type_f), ty, TYPES));
            }
        }
        "nfs" => {
            if text(src, "server").is_empty() {
                errs.push(Diagnostic::required(&format!("{f}.server"), at(f), ""));
            }
            let path = text(src, "path");
            let path_f = format!("{f}.path");
            if path.is_empty() {
                errs.push(Diagnostic::required(&path_f, at(f), ""));
            }
            if !path.starts_with('/') {
                errs.push(Diagnostic::invalid(&path_f, at(&path_f), &quote(path), "must be an absolute path"));
            }
        }
        // validateQuobyteVolumeSource (pod and PersistentVolume alike): a registry of
        // net.SplitHostPort pairs (one error per bad pair), unless the tenant is 64 characters or
        // more, then the volume
        "quobyte" => {
            let (registry, tenant) = (text(src, "registry"), text(src, "tenant"));
            const PAIRS: &str = "must be a host:port pair or multiple pairs separated by commas";
            let rf = format!("{f}.registry");
            if registry.is_empty() {
                errs.push(Diagnostic::required(&rf, at(f), PAIRS));
            } else if tenant.len() >= 65 {
                errs.push(Diagnostic::required(&format!("{f}.tenant"), at(&format!("{f}.tenant")), "must be a UUID and may not exceed a length of 64 characters"));
            } else {
                for pair in registry.split(',') {
                    if !split_host_port_ok(pair) {
                        errs.push(Diagnostic::invalid(&rf, at(&rf), &quote(registry), PAIRS));
                    }
                }
            }
            if text(src, "volume").is_empty() {
                errs.push(Diagnostic::required(&format!("{f}.volume"), at(f), ""));
            }
        }
        // validateFlockerVolumeSource: one of datasetName and datasetUUID, no '/' in the name
        "flocker" => {
            let (name, uuid) = (text(src, "datasetName"), text(src, "datasetUUID"));
            if name.is_empty() && uuid.is_empty() {
                errs.push(Diagnostic::required(f, at(f), "one of datasetName and datasetUUID is required"));
            }
            if !name.is_empty() && !uuid.is_empty() {
                errs.push(Diagnostic::invalid(f, at(f), "\"resource\"", "datasetName and datasetUUID can not be specified simultaneously"));
            }
            if name.contains('/') {
                let nf = format!("{f}.datasetName");
                errs.push(Diagnostic::invalid(&nf, at(&nf), &quote(name), "must not contain '/'"));
            }
        }
        // validateAzureDisk, after SetDefaults_AzureDiskVolumeSource (cachingMode ReadWrite, kind
        // Shared: a blob disk, whose diskURI is an https:// URL)
        "azureDisk" => {
            for k in ["diskName", "diskURI"] {
                if text(src, k).is_empty() {
                    errs.push(Diagnostic::required(&format!("{f}.{k}"), at(&format!("{f}.{k}")), ""));
                }
            }
            let (cf, kf, uf) = (format!("{f}.cachingMode"), format!("{f}.kind"), format!("{f}.diskURI"));
            if let Some(c) = src.get("cachingMode").and_then(|n| n.as_str()).filter(|c| !matches!(*c, "None" | "ReadOnly" | "ReadWrite")) {
                errs.push(Diagnostic::not_supported(&cf, at(&cf), c, &["None", "ReadOnly", "ReadWrite"]));
            }
            let kind = src.get("kind").filter(|n| !n.is_null()).map_or("Shared", |n| n.as_str().unwrap_or(""));
            if !matches!(kind, "Dedicated" | "Managed" | "Shared") {
                errs.push(Diagnostic::not_supported(&kf, at(&kf), kind, &["Dedicated", "Managed", "Shared"]));
            }
            let uri = text(src, "diskURI");
            if kind == "Managed" && !uri.starts_with("/subscriptions/") {
                errs.push(Diagnostic::not_supported(&uf, at(&uf), uri, &["/subscriptions/{sub-id}/resourcegroups/{group-name}/providers/microsoft.compute/disks/{disk-id}"]));
            }
            if kind != "Managed" && !uri.starts_with("https://") {
                errs.push(Diagnostic::not_supported(&uf, at(&uf), uri, &["https://{account-name}.blob.core.windows.net/{container-name}/{disk-name}.vhd"]));
            }
        }
        "persistentVolumeClaim" if text(src, "claimName").is_empty() => {
            errs.push(Diagnostic::required(&format!("{f}.claimName"), at(f), ""));
        }
        "downwardAPI" => {
            file_mode(src.get("defaultMode"), &format!("{f}.defaultMode"), at, errs);
            for (i, item) in seq(src.get("items")).iter().enumerate() {
                downward_api_file(item, f, at, &format!("{f}.items[{i}]"), errs);
            }
        }
        "projected" => {
            file_mode(src.get("defaultMode"), &format!("{f}.defaultMode"), at, errs);
            let mut all_paths: Vec<&str> = Vec::new();
            let conflict = |value: &str, errs: &mut Vec<Diagnostic>| errs.push(Diagnostic::invalid(f, at(f), &quote(value), "conflicting duplicate paths"));
            for (i, source) in seq(src.get("sources")).iter().enumerate() {
                let sf = format!("{f}.sources[{i}]");
                let mut kinds = 0;
                for kind in ["secret", "configMap"] {
                    let Some(s) = source.get(kind).filter(|n| !n.is_null()) else { continue };
                    kinds += 1;
                    let pf = format!("{sf}.{kind}");
                    let name = text(s, "name");
                    if name.is_empty() {
                        errs.push(Diagnostic::required(&format!("{pf}.name"), at(&pf), ""));
                    }
                    for (ii, item) in seq(s.get("items")).iter().enumerate() {
                        key_to_path(item, &format!("{pf}.items[{ii}]"), at, errs);
                        let path = text(item, "path");
                        if !path.is_empty() {
                            if all_paths.contains(&path) {
                                conflict(name, errs);
                            } else {
                                all_paths.push(path);
                            }
                        }
                    }
                }
                if let Some(d) = source.get("downwardAPI").filter(|n| !n.is_null()) {
                    kinds += 1;
                    let pf = format!("{sf}.downwardAPI");
                    for (ii, item) in seq(d.get("items")).iter().enumerate() {
                        downward_api_file(item, &pf, at, &format!("{pf}.items[{ii}]"), errs);
                        let path = text(item, "path");
                        if !path.is_empty() {
                            if all_paths.contains(&path) {
                                conflict(path, errs);
                            } else {
                                all_paths.push(path);
                            }
                        }
                    }
                }
                if let Some(t) = source.get("serviceAccountToken").filter(|n| !n.is_null()) {
                    kinds += 1;
                    let pf = format!("{sf}.serviceAccountToken");
                    if let Some(NodeKind::Scalar { value: Value::Int(secs), .. }) = t.get("expirationSeconds").map(|n| &n.kind) {
                        let ef = format!("{pf}.expirationSeconds");
                        if *secs < 10 * 60 {
                            errs.push(Diagnostic::invalid(&ef, at(&ef), &secs.to_string(), "may not specify a duration less than 10 minutes"));
                        }
                        if *secs > 1 << 32 {
                            errs.push(Diagnostic::invalid(&ef, at(&ef), &secs.to_string(), "may not specify a duration larger than 2^32 seconds"));
                        }
                    }
                    // (upstream names the projected volume's `path`, not the token's)
                    let path = text(t, "path");
                    let path_f = format!("{f}.path");
                    if path.is_empty() {
                        errs.push(Diagnostic::required(&path_f, at(&pf), ""));
                    } else {
                        local_non_reserved_path(path, &path_f, at(&format!("{pf}.path")), errs);
                    }
                }
                if kinds > 1 {
                    errs.push(Diagnostic::forbidden(&sf, at(&sf), "may not specify more than 1 volume type per source"));
                }
            }
        }
        _ => {}
    }
}

fn validate_containers(spec: &PodSpec, prefix: &str, at: &dyn Fn(&str) -> super::yaml::Pos, errs: &mut Vec<Diagnostic>) {
    if !spec.checks.iter().any(|c| !c.init) {
        let field = format!("{prefix}.containers");
        errs.push(Diagnostic::required(&field, at(&field), ""));
    }
    let mut names: Vec<&str> = Vec::new();
    let mut sidecars = spec.sidecars.iter();
    for c in &spec.checks {
        // the field paths are written only for an error
        let f = format_args!("{prefix}.{}[{}]", if c.init { "initContainers" } else { "containers" }, c.index);
        // a container's and a sidecar's name and ports are kept once, in `containers` / `sidecars`
        let (name, ports) = match (c.init, c.restart_policy.as_deref()) {
            (false, _) => spec.containers.get(c.index).map_or(("", &[][..]), |x| (x.name.as_str(), &x.ports[..])),
            (true, Some("Always")) => sidecars.next().map_or(("", &[][..]), |x| (x.name.as_str(), &x.ports[..])),
            (true, _) => (c.name.as_str(), &c.ports[..]),
        };
        let name_f = || format!("{f}.name");
        if name.is_empty() {
            errs.push(Diagnostic::required(&name_f(), at(&f.to_string()), ""));
        } else {
            for m in super::names::dns1123_label(name) {
                errs.push(Diagnostic::invalid(&name_f(), at(&name_f()), &quote(name), &m));
            }
        }
        if !c.image {
            let field = format!("{f}.image");
            errs.push(Diagnostic::required(&field, at(&f.to_string()), ""));
        }
        // validateContainersOnlyForPod (a Pod's containers, not a template's): the image as
        // written, without surrounding whitespace
        if let Some(image) = c.image_padded.as_deref().filter(|_| prefix == "spec") {
            let field = format!("{f}.image");
            errs.push(Diagnostic::invalid(&field, at(&field), &quote(image), "must not have leading or trailing whitespace"));
        }
        for e in c.resource_errors.iter().flat_map(|v| v.iter()) {
            let field = format!("{f}.{}", e.field);
            let written = format!("{f}.{}", e.field.split('[').next().unwrap_or_default());
            errs.push(match &e.value {
                Some(v) => Diagnostic::invalid(&field, at(&written), &quote(v), &e.detail),
                // validateResourceRequirements' hugepages check: Forbidden on `resources`
                None if e.field == "resources" => Diagnostic::forbidden(&field, at(&field), &e.detail),
                None => Diagnostic::required(&field, at(&format!("{f}.resources")), &e.detail),
            });
        }
        let mut port_names: Vec<&str> = Vec::new();
        for (pi, p) in ports.iter().enumerate() {
            let pf = format_args!("{f}.ports[{pi}]");
            if let Some(n) = &p.name {
                let field = || format!("{pf}.name");
                let msgs = super::names::port_name(n);
                if !msgs.is_empty() {
                    for m in msgs {
                        errs.push(Diagnostic::invalid(&field(), at(&field()), &quote(n), &m));
                    }
                } else if port_names.contains(&n.as_str()) {
                    errs.push(Diagnostic::duplicate(&field(), at(&field()), &quote(n)));
                } else {
                    port_names.push(n);
                }
            }
            let field = || format!("{pf}.containerPort");
            if p.container_port == 0 {
                errs.push(Diagnostic::required(&field(), at(&pf.to_string()), ""));
            } else if !(1..=65535).contains(&p.container_port) {
                errs.push(Diagnostic::invalid(&field(), at(&field()), &p.container_port.to_string(), "must be between 1 and 65535, inclusive"));
            }
            if let Some(h) = p.host_port.filter(|h| !(1..=65535).contains(h)) {
                let field = format!("{pf}.hostPort");
                errs.push(Diagnostic::invalid(&field, at(&field), &h.to_string(), "must be between 1 and 65535, inclusive"));
            }
            // supportedPortProtocols, listed sorted (sets.List)
            if let Some(proto) = p.protocol.as_deref().filter(|p| !matches!(*p, "TCP" | "UDP" | "SCTP")) {
                let field = format!("{pf}.protocol");
                errs.push(Diagnostic::not_supported(&field, at(&field), proto, &["SCTP", "TCP", "UDP"]));
            }
        }
        // validateInitContainers: `checkHostPortConflicts([]core.Container{ctr}, fldPath)` for
        // every init container, a sidecar (restartPolicy: Always) too, each alone ("init
        // containers run one-by-one"); the containers' are checked together below. The one-
        // element slice makes AccumulateUniqueHostPorts write index 0 whichever init container
        // it is: `spec.initContainers[0].ports[j].hostPort` (review22: sidecars were skipped and
        // the init container's own index was written)
        if c.init {
            unique_host_ports(std::iter::once((0, c.index, ports)), false, &format!("{prefix}.initContainers"), at, errs);
        }
        // validatePullPolicy (an absent one is defaulted first)
        if let Some(pp) = c.pull_policy.as_deref().filter(|p| !matches!(*p, "Always" | "IfNotPresent" | "Never")) {
            let field = format!("{f}.imagePullPolicy");
            errs.push(Diagnostic::not_supported(&field, at(&field), pp, &["Always", "IfNotPresent", "Never"]));
        }
        // names: unique among containers, then init containers against both
        if !name.is_empty() || !c.init {
            if names.contains(&name) {
                errs.push(Diagnostic::duplicate(&name_f(), at(&name_f()), &quote(name)));
            } else {
                names.push(name);
            }
        }
        if let Some(rp) = &c.restart_policy {
            let field = format!("{f}.restartPolicy");
            if !c.init {
                errs.push(Diagnostic::forbidden(&field, at(&field), "may not be set for non-init containers"));
            } else if rp != "Always" {
                errs.push(Diagnostic::not_supported(&field, at(&field), rp, &["Always"]));
            }
        }
    }
    // checkHostPortConflicts over all the containers together
    unique_host_ports(spec.containers.iter().enumerate().map(|(i, c)| (i, i, &c.ports[..])), spec.host_network, &format_args!("{prefix}.containers"), at, errs);
}

/// AccumulateUniqueHostPorts (pkg/apis/core/validation/validation.go): each host port once per
/// protocol/hostIP/port (`TCP//8080`; protocol defaulted to TCP) over the given containers.
/// On the host network a hostPort left unset is the containerPort (SetDefaults_PodSpec).
/// `containers` are (index written in the message, index of the container in the input).
fn unique_host_ports<'a>(containers: impl Iterator<Item = (usize, usize, &'a [super::model::ContainerPort])>, host_network: bool, field: &dyn std::fmt::Display, at: &dyn Fn(&str) -> super::yaml::Pos, errs: &mut Vec<Diagnostic>) {
    let mut seen: Vec<String> = Vec::new();
    for (ci, real, ports) in containers {
        for (pi, p) in ports.iter().enumerate() {
            let Some(h) = p.host_port.or(host_network.then_some(p.container_port)).filter(|&h| h != 0) else { continue };
            let key = format!("{}/{}/{h}", p.protocol.as_deref().unwrap_or("TCP"), p.host_ip.as_deref().unwrap_or(""));
            if seen.contains(&key) {
                let f = format!("{field}[{ci}].ports[{pi}].hostPort");
                errs.push(Diagnostic::duplicate(&f, at(&format!("{field}[{real}].ports[{pi}].hostPort")), &quote(&key)));
            } else {
                seen.push(key);
            }
        }
    }
}

/// ValidateNodeSelectorTerm (pkg/apis/core/validation/validation.go): each matchExpressions
/// entry by ValidateNodeSelectorRequirement, each matchFields entry by
/// ValidateNodeFieldSelectorRequirement (only `metadata.name`, In/NotIn with one node name).
pub(crate) fn validate_node_selector_term(t: &NodeSelectorTerm, allow_invalid_values: bool, field: &str, at: &dyn Fn(&str) -> super::yaml::Pos, errs: &mut Vec<Diagnostic>) {
    for (j, rq) in t.match_expressions.iter().enumerate() {
        let f = format!("{field}.matchExpressions[{j}]");
        let (op_f, values_f) = (format!("{f}.operator"), format!("{f}.values"));
        match rq.operator.as_str() {
            "In" | "NotIn" if rq.values.is_empty() => {
                errs.push(Diagnostic::required(&values_f, at(&f), "must be specified when `operator` is 'In' or 'NotIn'"));
            }
            "Exists" | "DoesNotExist" if !rq.values.is_empty() => {
                errs.push(Diagnostic::forbidden(&values_f, at(&values_f), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
            }
            "Gt" | "Lt" if rq.values.len() != 1 => {
                errs.push(Diagnostic::required(&values_f, at(&f), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
            }
            "In" | "NotIn" | "Exists" | "DoesNotExist" | "Gt" | "Lt" => {}
            other => errs.push(Diagnostic::invalid(&op_f, at(&op_f), &quote(other), "not a valid selector operator")),
        }
        // ValidateLabelName → IsQualifiedName
        let key_f = format!("{f}.key");
        for m in super::names::qualified_name(&rq.key) {
            errs.push(Diagnostic::invalid(&key_f, at(&key_f), &quote(&rq.key), &m));
        }
        if !allow_invalid_values {
            for (k, v) in rq.values.iter().enumerate() {
                let vf = format!("{values_f}[{k}]");
                for m in super::names::label_value(v) {
                    errs.push(Diagnostic::invalid(&vf, at(&vf), &quote(v), &m));
                }
            }
        }
    }
    for (j, rq) in t.match_fields.iter().enumerate() {
        let f = format!("{field}.matchFields[{j}]");
        let (op_f, values_f) = (format!("{f}.operator"), format!("{f}.values"));
        match rq.operator.as_str() {
            "In" | "NotIn" if rq.values.len() != 1 => {
                errs.push(Diagnostic::required(&values_f, at(&f), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
            }
            "In" | "NotIn" => {}
            other => errs.push(Diagnostic::invalid(&op_f, at(&op_f), &quote(other), "not a valid selector operator")),
        }
        let key_f = format!("{f}.key");
        if rq.key != "metadata.name" {
            errs.push(Diagnostic::invalid(&key_f, at(&key_f), &quote(&rq.key), "not a valid field selector key"));
        } else {
            // nodeFieldSelectorValidators: ValidateNodeName = NameIsDNSSubdomain
            for (k, v) in rq.values.iter().enumerate() {
                let vf = format!("{values_f}[{k}]");
                for m in super::names::dns1123_subdomain(v) {
                    errs.push(Diagnostic::invalid(&vf, at(&vf), &quote(v), &m));
                }
            }
        }
    }
}

/// ValidateTolerations (pkg/apis/core/validation/validation.go), as of v1.34 (Lt/Gt came later,
/// behind the alpha TaintTolerationComparisonOperators gate). Values print as field.Error
/// ErrorBody does ([`super::diag`]): strings quoted, a struct as its JSON.
fn validate_tolerations(tolerations: &[Toleration], field: &str, at: &dyn Fn(&str) -> super::yaml::Pos, errs: &mut Vec<Diagnostic>) {
    for (i, t) in tolerations.iter().enumerate() {
        let f = format!("{field}[{i}]");
        let key_f = format!("{f}.key");
        let op_f = format!("{f}.operator");
        let effect_f = format!("{f}.effect");
        if !t.key.is_empty() {
            // ValidateLabelName → IsQualifiedName
            for m in super::names::qualified_name(&t.key) {
                errs.push(Diagnostic::invalid(&key_f, at(&key_f), &quote(&t.key), &m));
            }
        }
        if t.key.is_empty() && t.operator != "Exists" {
            errs.push(Diagnostic::invalid(&op_f, at(&op_f), &quote(&t.operator), "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
        }
        if t.toleration_seconds.is_some() && t.effect != "NoExecute" {
            errs.push(Diagnostic::invalid(&effect_f, at(&effect_f), &quote(&t.effect), "effect must be 'NoExecute' when `tolerationSeconds` is set"));
        }
        match t.operator.as_str() {
            "" | "Equal" => {
                let m = super::names::label_value(&t.value);
                if !m.is_empty() {
                    errs.push(Diagnostic::invalid(&op_f, at(&op_f), &quote(&t.value), &m.join(";")));
                }
            }
            "Exists" if !t.value.is_empty() => {
                // field.Invalid(…, toleration, …): the internal core.Toleration (no json tags:
                // Go field names, declaration order) as field.Error ErrorBody prints it (json)
                let shown = super::diag::json_struct(&[
                    ("Key", t.key.as_str().into()),
                    ("Operator", t.operator.as_str().into()),
                    ("Value", t.value.as_str().into()),
                    ("Effect", t.effect.as_str().into()),
                    ("TolerationSeconds", t.toleration_seconds.into()),
                ]);
                errs.push(Diagnostic::invalid(&op_f, at(&op_f), &shown, "value must be empty when `operator` is 'Exists'"));
            }
            "Exists" => {}
            other => errs.push(Diagnostic::not_supported(&op_f, at(&op_f), other, &["Equal", "Exists"])),
        }
        // validateTaintEffect(allowEmpty: true)
        if !t.effect.is_empty() && !matches!(t.effect.as_str(), "NoSchedule" | "PreferNoSchedule" | "NoExecute") {
            errs.push(Diagnostic::not_supported(&effect_f, at(&effect_f), &t.effect, &["NoSchedule", "PreferNoSchedule", "NoExecute"]));
        }
    }
}

/// Workloads whose pods (or whose ReplicaSets) are themselves in the input, found through
/// metadata.ownerReferences: Pod → ReplicaSet/StatefulSet/DaemonSet, ReplicaSet → Deployment.
/// Those are not expanded again. Also every ReplicaSet a Deployment in the input owns (the
/// Deployment's expansion stands for it).
fn controllers_with_pods(objects: &[Object]) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = Vec::new();
    // the first object of each (kind, namespace, name), as a scan in input order finds it
    // (asked only for a pod owned by a ReplicaSet and for a ReplicaSet with owners: a dump of
    // bare pods builds none)
    let mut by_key: super::resolve::FastMap<(&str, &str, &str), usize> = super::resolve::FastMap::default();
    let asked = |o: &Object| match &o.body {
        Body::Pod(..) => o.meta.owners.iter().any(|(k, _)| k == "ReplicaSet"),
        Body::Workload(_) => o.kind == "ReplicaSet" && !o.meta.owners.is_empty(),
        _ => false,
    };
    if objects.iter().any(asked) {
        for (i, o) in objects.iter().enumerate() {
            by_key.entry((o.kind.as_str(), o.meta.namespace.as_str(), o.meta.name.as_str())).or_insert(i);
        }
    }
    let owner_of = |kind: &str, ns: &str, name: &str| -> Vec<(String, String)> {
        by_key.get(&(kind, ns, name)).map(|&i| objects[i].meta.owners.clone()).unwrap_or_default()
    };
    for o in objects {
        let ns = &o.meta.namespace;
        match &o.body {
            Body::Pod(..) => {
                for (k, n) in &o.meta.owners {
                    out.push((k.clone(), ns.clone(), n.clone()));
                    if k == "ReplicaSet" {
                        for (k2, n2) in owner_of("ReplicaSet", ns, n) {
                            out.push((k2, ns.clone(), n2));
                        }
                        // a dump without its ReplicaSets (`kubectl get deploy,pods -o yaml`): the
                        // Deployment's ReplicaSet is `<deployment>-<pod-template-hash>`
                        // (deployment/sync.go getNewReplicaSet), the hash is the pod's label
                        if !by_key.contains_key(&("ReplicaSet", ns.as_str(), n.as_str())) {
                            let hash = o.meta.labels.iter().find(|(k, _)| k == "pod-template-hash").map(|(_, v)| v.as_str());
                            if let Some(d) = hash.and_then(|h| n.strip_suffix(h)).and_then(|d| d.strip_suffix('-')) {
                                if by_key.contains_key(&("Deployment", ns.as_str(), d)) {
                                    out.push(("Deployment".into(), ns.clone(), d.to_string()));
                                }
                            }
                        }
                    }
                }
            }
            Body::Workload(_) if o.kind == "ReplicaSet" => {
                for (k, n) in &o.meta.owners {
                    let owner_in_input = by_key.contains_key(&(k.as_str(), ns.as_str(), n.as_str()));
                    if k == "Deployment" && owner_in_input {
                        out.push(("ReplicaSet".into(), ns.clone(), o.meta.name.clone()));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// A pod about to be placed. A written Pod lends its spec and status (a 10,000-pod dump is not
/// copied spec by spec); a controller's pod owns the template's copy.
struct PodSeed<'a> {
    name: String,
    namespace: String,
    labels: Labels,
    spec: Cow<'a, PodSpec>,
    status: Cow<'a, PodStatus>,
    deleting: bool,
    owner: Option<String>,
    replaces: Option<String>,
    /// a replacement on the node of the pod it replaces: that pod's address stays reserved
    holds_old_ip: bool,
    object: usize,
}

/// The pod's affinity terms and spread constraints with their matchLabelKeys merged in, as the
/// API server (pod affinity: MatchLabelKeysInPodAffinity) and PodTopologySpread read them.
fn with_label_keys(spec: &mut Cow<PodSpec>, labels: &Labels) {
    if !spec.sched().required_pod_affinity.is_empty() || !spec.sched().required_pod_anti_affinity.is_empty() || !spec.sched().topology_spread.is_empty() {
        let spec = spec.to_mut();
        apply_match_label_keys(&mut spec.sched_mut().required_pod_affinity, labels);
        apply_match_label_keys(&mut spec.sched_mut().required_pod_anti_affinity, labels);
        // PodTopologySpread matchLabelKeys: `key In (value)` for each key the pod carries
        for c in spec.sched_mut().topology_spread.iter_mut() {
            if let Some(sel) = c.label_selector.as_mut() {
                merge_label_keys(sel, &c.match_label_keys, "In", labels);
            }
        }
    }
}

/// The pod spec the scheduler sees for a pod of this object (a Pod's own, a workload's
/// template with the pod's labels' matchLabelKeys merged in), or None where this picture did
/// not schedule it (spec.nodeName, another scheduler, a dump's own answer, a DaemonSet pod
/// pinned to its node).
fn scheduled_spec<'a>(o: &'a Object, labels: &Labels) -> Option<Cow<'a, PodSpec>> {
    let mut spec = match &o.body {
        Body::Pod(spec, status) if status.unschedulable.is_none() && status.pod_ip.is_none() => Cow::Borrowed(spec),
        Body::Workload(w) if o.kind != "DaemonSet" => Cow::Borrowed(&w.template),
        _ => return None,
    };
    if spec.node_name.is_some() || spec.scheduler_name.is_some() {
        return None;
    }
    with_label_keys(&mut spec, labels);
    Some(spec)
}

fn place(cluster: &mut Cluster, mut p: PodSeed, rr: &mut usize, o: &Object, flip: &[String], diags: &mut Vec<Diagnostic>) {
    with_label_keys(&mut p.spec, &p.labels);
    // (nodes named only by pods were created above, so a miss here means a Node list was given)
    if cluster.pods.len() >= MAX_PODS {
        return;
    }
    let mut pending_reason = None;
    // a pod a drain could not evict stays bound where it ran
    let kept_on = cluster.kept.iter().find(|(k, _)| k.strip_prefix(p.namespace.as_str()).and_then(|r| r.strip_prefix('/')) == Some(p.name.as_str())).map(|(_, n)| n.clone());
    // spec.nodeName bypasses the scheduler; otherwise the scheduler's filters pick the node
    let node_idx = match kept_on.as_ref().or(p.spec.node_name.as_ref()) {
        Some(n) => {
            let found = cluster.nodes.iter().position(|x| &x.name == n);
            if found.is_none() {
                diags.push(
                    Diagnostic::note(
                        Severity::Warning,
                        ErrorType::Resolution,
                        "NodeNotFound",
                        match p.status.pod_ip {
                            // (a dump's pod that ran there: reconcileByAddressType, Node not found)
                            Some(_) => format!("spec.nodeName {}: no such node; the EndpointSlice controller leaves this pod out of its Services' endpoints (Node not found) unless a Service sets publishNotReadyAddresses", quote(n)),
                            None => format!("spec.nodeName {}: no such node; no kubelet will start this pod, so it never gets an IP", quote(n)),
                        },
                        o.pos(if p.owner.is_some() { "spec.template.spec.nodeName" } else { "spec.nodeName" }),
                    )
                    .on(&o.id()),
                );
            }
            found
        }
        None => {
            // a pod IP from the status tells which node's pod CIDR it came from (or, for a
            // hostNetwork pod, which node's IP it is)
            let by_ip = p.status.pod_ip.as_deref().and_then(|ip| {
                let addr = ip.parse().ok()?;
                cluster.nodes.iter().position(|n| n.cidr.contains(addr)).or_else(|| cluster.nodes.iter().position(|n| n.ip == ip))
            });
            match by_ip {
                Some(i) => Some(i),
                // the cluster's own answer in a dump: the scheduler found no node (PodScheduled
                // False), in its words; not scheduled again here
                None if p.status.unschedulable.is_some() => {
                    pending_reason = p.status.unschedulable.clone();
                    None
                }
                // the default scheduler binds only the pods that name it (scheduler profiles:
                // a pod whose schedulerName no running profile has is never picked up, and stays
                // Pending with no event); another scheduler is not part of this picture
                None if p.spec.scheduler_name.is_some() => {
                    let name = p.spec.scheduler_name.clone().unwrap_or_default();
                    pending_reason = Some(format!("schedulerName {name}: the default scheduler binds only pods with schedulerName default-scheduler; this one waits for a scheduler named {name}, which is not part of this picture (in your cluster it runs if that scheduler does)"));
                    None
                }
                None => match schedule(&cluster.nodes, &spread_state(cluster, &p.namespace, &p.spec), &affinity_state(cluster, &p.namespace, &p.labels, &p.spec), &p.labels, &p.spec, rr) {
                    Ok(i) => Some(i),
                    Err(msg) => {
                        pending_reason = Some(msg);
                        None
                    }
                },
            }
        }
    };
    // a pod bound with spec.nodeName skipped the scheduler: its kubelet admits it or not
    let failed_reason = match (node_idx, &p.spec.node_name) {
        (Some(n), Some(_)) if !p.status.present => kubelet_admit(&p.spec, &cluster.nodes[n]),
        _ => None,
    };
    // status: taken as given; no status → Running and Ready, as a healthy cluster would report
    let phase = match &failed_reason {
        Some(_) => "Failed".to_string(),
        None => p.status.phase.clone().unwrap_or_else(|| if node_idx.is_some() { "Running".into() } else { "Pending".into() }),
    };
    let ready = if p.status.present { p.status.ready.unwrap_or(false) } else { node_idx.is_some() && failed_reason.is_none() };
    let flipped = flip.iter().any(|f| *f == format!("{}/{}", p.namespace, p.name));
    // (a pod no node runs has no kubelet to probe it: a flip changes nothing)
    let mut ready = if node_idx.is_some() { ready != flipped } else { ready };
    // node_lifecycle_controller.go monitorNodeHealth: when a node's Ready condition is not True,
    // controllerutil.MarkPodsNotReady sets every pod bound to it Ready=False, so the
    // EndpointSlice controller moves them out of the ready endpoints
    let mut not_ready_reason = None;
    // kubelet status/generate.go GeneratePodReadyCondition: with readiness gates, Ready needs each
    // gate's condition True in status.conditions — nothing in a fresh cluster sets them
    if let (false, Some(gate), true) = (p.status.present, p.spec.sched().readiness_gates.first(), ready) {
        ready = false;
        not_ready_reason = Some(format!("ReadinessGatesNotReady: corresponding condition of pod readiness gate \"{gate}\" does not exist."));
    }
    // a readiness / startup probe on a port name its container does not declare: the kubelet's
    // every probe errors (ResolveContainerPort: "port %s not found"), so never Ready
    if let (false, true, Some((c, (probe, port)))) = (p.status.present, ready, p.spec.containers.iter().chain(p.spec.sidecars.iter()).find_map(|c| Some((c, c.probes().unresolved_probe_port.as_ref()?)))) {
        ready = false;
        not_ready_reason = Some(format!(
            "the {probe} of container {} uses port \"{port}\", a name the container does not declare: the kubelet cannot resolve it (port \"{port}\" not found), so every probe errors, none succeeds, and the pod is never Ready{}{}",
            c.name,
            startup_never_started(probe),
            // (an errored startupProbe: its words say the liveness probe never runs)
            if probe == "startupProbe" { String::new() } else { liveness_restarts(c) }
        ));
    }
    let notes = if p.status.present { dumped_probe_notes(&p.spec.containers, &p.spec.sidecars, ready) } else { probe_notes(&p.spec.containers, &p.spec.sidecars, ready && node_idx.is_some()) };
    // a container the kubelet reports waiting or terminated (CrashLoopBackOff, ImagePullBackOff,
    // CreateContainerConfigError, OOMKilled): why the pod is not Ready, in its words
    if let (false, Some(st)) = (ready, p.status.container_state.as_deref()) {
        not_ready_reason = Some(st.to_string());
    }
    if let Some(n) = node_idx.map(|i| &cluster.nodes[i]).filter(|n| !n.ready) {
        if ready || p.status.ready == Some(true) {
            not_ready_reason = Some(format!(
                "node {} is NotReady: the node lifecycle controller marks every pod bound to it not Ready (MarkPodsNotReady)",
                n.name
            ));
        }
        ready = false;
    }
    let ip = match (node_idx, p.status.pod_ip.clone()) {
        (_, Some(ip)) => Some(ip),
        // kubelet generateAPIPodStatus: "HostNetwork Pods inherit the node IPs as PodIPs"
        (Some(n), None) if phase != "Pending" && phase != "Failed" && p.spec.host_network => Some(cluster.nodes[n].ip.clone()),
        // a replacement's address comes after every other pod's (build_once)
        (Some(n), None) if p.replaces.is_some() => {
            if p.holds_old_ip {
                cluster.nodes[n].next_ip += 1;
            }
            None
        }
        // a dumped status (it has a phase) without podIP keeps none: ShouldPodBeInEndpoints
        // (staging/src/k8s.io/endpointslice/util/controller_utils.go) leaves a pod with no PodIP
        // out (review11 a08). A status of conditions alone (written to mark a pod Ready or not)
        // keeps the simulated address
        (Some(n), None) if phase != "Pending" && phase != "Failed" && p.status.phase.is_none() => cluster.nodes[n].next_pod_ip(&mut cluster.taken_ips),
        _ => None,
    };
    // a dual-stack pod's address of the other family: status.podIPs' (a dump); a host-network
    // pod inherits its node's (kubelet: "HostNetwork Pods inherit the node IPs as PodIPs"); a
    // pod this picture gives an address gets the one at the same offset of its node's other
    // range (host-local IPAM per range: kind hands out 10.244.1.5 and fd00:10:244:1::5 alike)
    let ip_other = match (&p.status.pod_ip_other, node_idx) {
        (Some(o), _) => Some(o.clone()),
        (None, Some(n)) if p.spec.host_network && !p.status.present => ip.as_ref().and(cluster.nodes[n].ip_other.clone()),
        (None, Some(n)) if p.status.pod_ip.is_none() => {
            let node = &cluster.nodes[n];
            let off = ip.as_deref().and_then(|ip| node.cidr.offset(ip.parse().ok()?));
            node.cidr_other.zip(off).map(|(c, off)| c.nth(off).to_string())
        }
        _ => None,
    };
    if let Some(n) = node_idx.filter(|_| failed_reason.is_none()) {
        let ports = host_ports(&p.spec);
        cluster.nodes[n].used_ports.extend(ports);
        // NodeInfo.Requested / Pods: the scheduler counts every assigned pod that has not ended
        // (only where something is known to fit against: filter_reason skips the other nodes)
        if phase != "Succeeded" && phase != "Failed" && cluster.nodes[n].allocatable.iter().any(Option::is_some) {
            let r = pod_requests(&p.spec);
            let used = &mut cluster.nodes[n].requested;
            used[0] = used[0].saturating_add(r.milli_cpu);
            used[1] = used[1].saturating_add(r.memory);
            used[2] += 1;
        }
    }
    // what the instance keeps of the spec: moved out of an owned copy, copied from a lent one
    let host_network = p.spec.host_network;
    let dns_policy = p.spec.dns_policy.clone();
    let dns_config = p.spec.dns_config.clone();
    let restart_policy = p.spec.restart_policy.clone();
    // (a placed pod keeps its anti-affinity terms for the pods placed after it)
    let placed = node_idx.is_some();
    let (containers, sidecars, hostname, subdomain, anti_affinity) = match p.spec {
        Cow::Owned(mut s) => (take(&mut s.containers), take(&mut s.sidecars), take(&mut s.hostname), take(&mut s.subdomain), if placed { s.sched_if_set_mut().map(|x| take(&mut x.required_pod_anti_affinity)).unwrap_or_default() } else { vec![] }),
        Cow::Borrowed(s) => (s.containers.clone(), s.sidecars.clone(), s.hostname.clone(), s.subdomain.clone(), if placed { s.sched().required_pod_anti_affinity.clone() } else { vec![] }),
    };
    cluster.pods_with_anti_affinity += usize::from(!anti_affinity.is_empty());
    cluster.pods_with_sidecar_ports += usize::from(sidecars.iter().any(|c| !c.ports.is_empty()));
    cluster.pods.push(PodInst {
        name: p.name,
        namespace: p.namespace,
        labels: p.labels,
        node: node_idx.map(|n| cluster.nodes[n].name.clone()),
        ip,
        ip_other,
        phase,
        ready,
        ready_flipped: flipped,
        terminating: p.deleting,
        containers,
        sidecars,
        hostname,
        subdomain,
        adopted: p.owner.is_some() && matches!(o.body, Body::Pod(..)),
        owner: p.owner,
        host_network,
        dns_policy,
        dns_config,
        pending_reason,
        not_ready_reason,
        failed_reason,
        replaces: p.replaces,
        object: p.object,
        anti_affinity,
        status_given: p.status.present,
        restart_policy,
        notes,
    });
}

/// The labels controllers stamp on the pods they create from a template revision (the
/// Deployment's pod-template-hash, and what [`revision_labels`] adds): noise when shown, never
/// what a Service's selector was meant to pick.
pub const REVISION_LABELS: [&str; 3] = ["pod-template-hash", "controller-revision-hash", "pod-template-generation"];

/// The labels a StatefulSet's or DaemonSet's controller adds from its ControllerRevision:
/// StatefulSet `controller-revision-hash: <set>-<hash>` (stateful_set_utils.go setPodRevision,
/// the revision's name, pkg/controller/history ControllerRevisionName: `<prefix>-<hash>`, the
/// prefix cut to 223 characters); DaemonSet `pod-template-generation: <generation>` (1 on
/// create) and `controller-revision-hash: <hash>` (pkg/controller/daemon/util CreatePodTemplate).
/// The hash (HashControllerRevision: FNV-32 of the revision's data, SafeEncodeString) is a
/// deterministic stand-in, made as the Deployment's pod-template-hash is.
fn revision_labels(o: &Object, hash_src: &str) -> Vec<(String, String)> {
    let hash = safe_encode(fnv(&format!("{}/revision/{hash_src}", o.kind)), 10);
    match o.kind.as_str() {
        "StatefulSet" => {
            let prefix: String = o.meta.name.chars().take(223).collect();
            vec![("controller-revision-hash".to_string(), format!("{prefix}-{hash}"))]
        }
        "DaemonSet" => vec![("pod-template-generation".to_string(), "1".to_string()), ("controller-revision-hash".to_string(), hash)],
        _ => Vec::new(),
    }
}

/// What the API server refuses in a controller's Pod though it accepted the controller's
/// template: validateContainersOnlyForPod (pkg/apis/core/validation/validation.go, from
/// ValidatePodCreate only: an image with leading or trailing whitespace) and ValidateLabels on
/// the labels the controller adds (a StatefulSet's `controller-revision-hash` is `<name>-<hash>`,
/// over 63 characters for a long name: kubernetes#64023). The controller's create fails for
/// every pod: event FailedCreate (the ReplicaSet's, DaemonSet's and Job's `Error creating: …`,
/// replica_set.go / controller_utils.go createPods; the StatefulSet's `create Pod … in
/// StatefulSet … failed error: …`, stateful_set_control.go / recordPodEvent), and no pod exists.
///
/// A StatefulSet's template pod spec is validated with the set at create since 1.34
/// (kubernetes#131790: the set is refused, [`validate_pod_like`]); what is left here is the pod
/// as initIdentity (stateful_set_utils.go) makes it — hostname the pod's name, subdomain the
/// set's serviceName — validated again as a Pod (ValidatePodSpec, the Pod's field paths `spec.…`).
fn pod_create_refusal(o: &Object, w: &Workload, pod: &str, extra: &[(String, String)]) -> Option<(String, super::yaml::Pos)> {
    // the Priority admission plugin before validation (core::podfields)
    if let Some(refusal) = super::podfields::workload_priority_refusal(o, w, pod) {
        return Some(refusal);
    }
    let mut errs: Vec<(String, super::yaml::Pos)> = Vec::new();
    for (_, v) in extra {
        for m in super::names::label_value(v) {
            // (pointed at the name the value is made from)
            errs.push((format!("metadata.labels: Invalid value: {}: {m}", quote(v)), o.pos("metadata.name")));
        }
    }
    if o.kind == "StatefulSet" {
        let mut spec = w.template.clone();
        spec.hostname = Some(pod.to_string());
        spec.subdomain = w.service_name.clone().filter(|s| !s.is_empty());
        let prefix = "spec.template.spec";
        // (the subdomain is the set's serviceName: pointed at it)
        let at = |f: &str| if f == "spec.template.spec.subdomain" { o.pos("spec.serviceName") } else { o.pos(f) };
        let (mut pod_errs, mut ctl) = (Vec::new(), Vec::new());
        validate_pod_template_spec_split(o, &spec, prefix, false, &at, &mut pod_errs, Some(&mut ctl));
        errs.extend(pod_errs.into_iter().map(|d| {
            let d = d.moved(prefix, "spec");
            (d.message, super::yaml::Pos { line: d.line, column: d.column })
        }));
    }
    // validateContainersOnlyForPod, after ValidatePodSpec: containers, then init containers
    let mut only_pod: Vec<(String, super::yaml::Pos)> = Vec::new();
    for c in &w.template.checks {
        if let Some(image) = c.image_padded.as_deref() {
            let list = if c.init { "initContainers" } else { "containers" };
            let written = format!("spec.template.spec.{list}[{}].image", c.index);
            only_pod.push((format!("spec.{list}[{}].image: Invalid value: {}: must not have leading or trailing whitespace", c.index, quote(image)), o.pos(&written)));
        }
    }
    crate::core::sort::sort_by_key(&mut only_pod, |(m, _)| m.starts_with("spec.initContainers"));
    errs.extend(only_pod);
    let (_, at) = errs.first()?.clone();
    let texts: Vec<&str> = errs.iter().map(|(m, _)| m.as_str()).collect();
    let joined = if texts.len() == 1 { texts[0].to_string() } else { format!("[{}]", texts.join(", ")) };
    let invalid = format!("Pod \"{pod}\" is invalid: {joined}");
    let message = match o.kind.as_str() {
        "StatefulSet" => format!(
            "the StatefulSet controller's pod {pod} is refused by the API server (a Pod is validated beyond what the template was), so no pod is created (event FailedCreate: create Pod {pod} in StatefulSet {} failed error: {invalid})",
            o.meta.name
        ),
        kind => {
            let (controller, owner) = match kind {
                "Deployment" => ("ReplicaSet", format!("ReplicaSet {}", pod.rsplit_once('-').map_or(pod, |(rs, _)| rs))),
                other => (other, format!("{other} {}", o.meta.name)),
            };
            format!(
                "the {controller} controller's pods are refused by the API server (a Pod is validated beyond what the template was), so no pod is created (event FailedCreate on {owner}: Error creating: {invalid})"
            )
        }
    };
    Some((message, at))
}

/// What the pod-template-hash is computed from. Written out so that the fields added to PodSpec
/// for scheduling change the hash (and so the pod names) only when they are set.
fn template_hash_src(labels: &Labels, t: &PodSpec) -> String {
    let mut s = format!(
        "{labels:?}PodSpec {{ containers: {:?}, sidecars: {:?}, node_name: {:?}, hostname: {:?}, subdomain: {:?} }}",
        t.containers, t.sidecars, t.node_name, t.hostname, t.subdomain
    );
    if !t.tolerations.is_empty() || t.node_selector.is_some() || t.host_network || t.sched().required_node_affinity.is_some() {
        let _ = write!(s, "{:?}{:?}{:?}{:?}", t.tolerations, t.node_selector, t.host_network, t.sched().required_node_affinity);
    }
    if !t.sched().readiness_gates.is_empty() {
        let _ = write!(s, "{:?}", t.sched().readiness_gates);
    }
    if !t.sched().required_pod_affinity.is_empty() || !t.sched().required_pod_anti_affinity.is_empty() {
        let _ = write!(s, "{:?}{:?}", t.sched().required_pod_affinity, t.sched().required_pod_anti_affinity);
    }
    if !t.sched().preferred_pod_affinity.is_empty() || !t.sched().preferred_pod_anti_affinity.is_empty() || t.restart_policy.is_some() {
        let _ = write!(s, "{:?}{:?}{:?}", t.sched().preferred_pod_affinity, t.sched().preferred_pod_anti_affinity, t.restart_policy);
    }
    if !t.sched().topology_spread.is_empty() {
        let _ = write!(s, "{:?}", t.sched().topology_spread);
    }
    s
}

fn labels_go(l: &Labels) -> String {
    let mut l = l.clone();
    crate::core::sort::sort(&mut l);
    // json.Marshal of a map[string]string, as field.Error.ErrorBody renders it (keys sorted)
    // inserted one by one: collect() would sort again with std's stable sort (issue #12, bundle)
    let mut m = serde_json::Map::new();
    for (k, v) in l {
        m.insert(k, serde_json::Value::String(v));
    }
    super::diag::json(&serde_json::Value::Object(m))
}

/// Workload → pods, as the controllers name them:
/// The label (and annotation) the Job controller puts on an Indexed Job's pods
/// (batch/v1 JobCompletionIndexAnnotation, used as a label key too).
const JOB_INDEX_LABEL: &str = "batch.kubernetes.io/job-completion-index";

/// The pods the Job controller creates now for a Job (pkg/controller/job/job_controller.go
/// syncJob / manageJob), one entry per pod: its completion index for an Indexed Job, None
/// otherwise. None, with a note, when it creates none: another controller manages it
/// (spec.managedBy), it has finished (a Complete or Failed condition: IsJobFinished), or it is
/// suspended. SetDefaults_Job: completions and parallelism both unset → 1 and 1; parallelism
/// unset → 1. manageJob's wantActive: completions unset → parallelism (none once one pod
/// succeeded); else min(completions − succeeded, parallelism); an Indexed Job starts the lowest
/// indexes not completed (firstPendingIndexes).
fn job_indexes(o: &Object, j: &JobSpec, diags: &mut Vec<Diagnostic>) -> Option<Vec<Option<i64>>> {
    let id = o.id();
    let note = |why: String, field: &str, diags: &mut Vec<Diagnostic>| {
        diags.push(Diagnostic::note(Severity::Info, ErrorType::Resolution, "JobNotRunning", why, o.pos(field)).on(&id));
    };
    if let Some(m) = j.managed_by.as_deref().filter(|m| *m != "kubernetes.io/job-controller") {
        note(format!("spec.managedBy is {m:?}: the built-in Job controller leaves this Job to that controller, so no pods are simulated"), "spec.managedBy", diags);
        return None;
    }
    if let Some(c) = &j.finished {
        note(format!("the Job has finished (condition {c} is True): the Job controller creates no more pods, and its ended pods are no Service's endpoints"), "status", diags);
        return None;
    }
    if j.suspend {
        note("the Job is suspended (spec.suspend: true): the Job controller creates no pods until it is resumed".to_string(), "spec.suspend", diags);
        return None;
    }
    let (completions, parallelism) = match (j.completions, j.parallelism) {
        (None, None) => (Some(1), 1),
        (c, p) => (c, p.unwrap_or(1)),
    };
    let cap = |n: i64| n.clamp(0, MAX_PODS as i64 + 1);
    if j.completion_mode.as_deref() == Some("Indexed") {
        let completions = completions.unwrap_or(0);
        let done = j.completed_indexes.as_deref().map(parse_index_ranges).unwrap_or_default();
        let want = cap((completions - done.len() as i64).min(parallelism));
        let mut out = Vec::new();
        let mut i = 0;
        while (out.len() as i64) < want && i < completions {
            if done.binary_search(&i).is_err() {
                out.push(Some(i));
            }
            i += 1;
        }
        return Some(out);
    }
    let want = match completions {
        None if j.succeeded > 0 => 0,
        None => parallelism,
        Some(c) => (c - j.succeeded).min(parallelism),
    };
    Some(vec![None; cap(want) as usize])
}

/// status.completedIndexes: `1,3-5,7` → [1, 3, 4, 5, 7] (sorted; at most a simulated pod count).
fn parse_index_ranges(s: &str) -> Vec<i64> {
    let mut out = Vec::new();
    for part in s.split(',') {
        let (a, b) = part.split_once('-').unwrap_or((part, part));
        if let (Ok(a), Ok(b)) = (a.trim().parse::<i64>(), b.trim().parse::<i64>()) {
            let mut i = a;
            while i <= b && out.len() <= MAX_PODS {
                out.push(i);
                i += 1;
            }
        }
    }
    crate::core::sort::sort(&mut out);
    out.dedup();
    out
}

/// The checks of an apps workload's spec after its selector and template: ValidateDeploymentSpec
/// (pkg/apis/apps/validation/validation.go) runs ValidateDeploymentStrategy, minReadySeconds,
/// revisionHistoryLimit and progressDeadlineSeconds whatever its selector gave (an invalid
/// selector only skips ValidatePodTemplateSpecForReplicaSet), as ValidateReplicaSetSpec's
/// replicas and minReadySeconds, ValidateStatefulSetSpec's podManagementPolicy, updateStrategy,
/// persistentVolumeClaimRetentionPolicy, replicas and ordinals, and ValidateDaemonSetSpec's
/// minReadySeconds, updateStrategy and revisionHistoryLimit do: the field.ErrorList gathers them all.
fn spec_errors_after_selector(o: &Object, w: &Workload) -> Vec<Diagnostic> {
    let mut errs = Vec::new();
    // ValidateStatefulSetSpec: podManagementPolicy is OrderedReady or Parallel
    if let Some(p) = w.pod_management_policy.as_deref().filter(|p| !p.is_empty() && !matches!(*p, "OrderedReady" | "Parallel")) {
        errs.push(Diagnostic::invalid("spec.podManagementPolicy", o.pos("spec.podManagementPolicy"), &quote(p), "must be 'OrderedReady' or 'Parallel'"));
    }
    let mut ordinals = Vec::new();
    errs.extend(validate_strategy_type(o, &mut ordinals));
    errs.extend(validate_update_strategy(o));
    errs.extend(validate_pvc_retention_policy(o));
    errs.extend(validate_seconds_and_history(o));
    errs.extend(ordinals);
    errs.extend(service_name_errors(o, w));
    errs
}

/// valfix19: kubernetes/kubernetes#130233 (Kubernetes 1.33, "StatefulSet: add explicit validation
/// for .spec.serviceName and mark the field optional"): pkg/apis/apps/validation/validation.go
/// ValidateStatefulSetSpec, after ordinals.start and before the selector, validates a non-empty
/// serviceName with apivalidation.ValidateDNS1123Label (IsDNS1123Label's messages, each a
/// field.Invalid at `spec.serviceName`) unless StatefulSetValidationOptions.AllowInvalidServiceName
/// (pkg/registry/apps/statefulset/strategy.go sets it on update only, for a stored invalid name):
/// the controller would set it as every pod's spec.subdomain, which ValidatePodSpec refuses.
fn service_name_errors(o: &Object, w: &Workload) -> Vec<Diagnostic> {
    let Some(name) = w.service_name.as_deref().filter(|n| o.kind == "StatefulSet" && !n.is_empty()) else { return Vec::new() };
    super::names::dns1123_label(name).iter().map(|m| Diagnostic::invalid("spec.serviceName", o.pos("spec.serviceName"), &quote(name), m)).collect()
}

/// [`spec_errors_after_selector`] and a negative replicas (ValidateNonnegativeField), said beside
/// the selector's errors.
fn spec_errors_beside_selector(o: &Object, w: &Workload) -> Vec<Diagnostic> {
    let mut errs = spec_errors_after_selector(o, w);
    if let Some(r) = w.replicas.filter(|r| *r < 0) {
        errs.push(Diagnostic::invalid("spec.replicas", o.pos("spec.replicas"), &r.to_string(), "must be greater than or equal to 0"));
    }
    errs
}

/// valfix19: the spec errors [`workload_spec_refusal`] finds, split where upstream puts the pod
/// template's (and the metadata's before both), for a workload [`validate_pod_like`] refuses: the
/// API server's field.ErrorList holds them all, `The Deployment "d" is invalid: [spec.selector:
/// Required value, spec.template.metadata.labels: …, spec.template.spec.containers: Required
/// value]`.
/// * pkg/apis/apps/validation/validation.go ValidateDeploymentSpec: replicas, selector (Required /
///   ValidateLabelSelector / empty), `invalid label selector` or ValidatePodTemplateSpecForReplicaSet
///   (the selector/labels match, then ValidatePodTemplateSpec) — then ValidateDeploymentStrategy,
///   minReadySeconds, revisionHistoryLimit, progressDeadlineSeconds after the template.
/// * ValidateReplicaSetSpec: replicas, minReadySeconds, selector, template (nothing after).
/// * ValidateStatefulSetSpec: podManagementPolicy, updateStrategy, the claim retention policy,
///   replicas, minReadySeconds, ordinals.start, serviceName, selector, template (nothing after).
/// * ValidateDaemonSetSpec: selector, the selector/labels match, empty selector, the template —
///   then minReadySeconds, updateStrategy, revisionHistoryLimit.
/// * pkg/apis/core/validation/validation.go ValidateReplicationControllerSpec: minReadySeconds,
///   ValidateNonEmptySelector, replicas, ValidatePodTemplateSpecForRC.
fn spec_errors_around_template(o: &Object, w: &Workload) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let all = workload_spec_refusal(o, w).unwrap_or_default();
    let after_template = |d: &Diagnostic| {
        let f = d.field.as_deref().unwrap_or("");
        let under = |k: &str| f == k || f.starts_with(&format!("{k}."));
        match o.kind.as_str() {
            "Deployment" => ["spec.strategy", "spec.minReadySeconds", "spec.revisionHistoryLimit", "spec.progressDeadlineSeconds"].iter().any(|k| under(k)),
            "DaemonSet" => ["spec.minReadySeconds", "spec.updateStrategy", "spec.revisionHistoryLimit"].iter().any(|k| under(k)),
            _ => false,
        }
    };
    all.into_iter().partition(|d| !after_template(d))
}

/// The apps/batch spec checks a workload is refused on beside its pod template (pkg/apis/apps/validation
/// ValidateDeploymentSpec etc.: selector required, non-empty, matching the template's labels;
/// strategy, minReadySeconds and the like): Some(errors) when refused.
fn workload_spec_refusal(o: &Object, w: &Workload) -> Option<Vec<Diagnostic>> {
    let mut errs = Vec::new();
    if !w.selector_set {
        // ValidateDeploymentSpec / ValidateReplicaSetSpec / ValidateStatefulSetSpec /
        // ValidateJobSpec: a nil selector is `Required`; ValidateDaemonSetSpec has no such check.
        // Then LabelSelectorAsSelector(nil) is labels.Nothing(), which matches no template:
        // every kind also says the selector does not match (ValidatePodTemplateSpecForReplicaSet /
        // ForStatefulSet, ValidateDaemonSetSpec, ValidateJobSpec)
        if o.kind != "DaemonSet" {
            errs.push(Diagnostic::required("spec.selector", o.pos("spec"), ""));
        }
        // (a ReplicationController's missing selector is an empty map: labels.Set{}.AsSelector()
        // is Empty, and ValidatePodTemplateSpecForRC then checks nothing)
        let shown = if w.template_labels.is_empty() { "null".to_string() } else { labels_go(&w.template_labels) };
        if o.kind != "ReplicationController" {
            errs.push(Diagnostic::invalid("spec.template.metadata.labels", o.pos("spec.template.metadata.labels"), &shown, "`selector` does not match template `labels`"));
        }
        errs.extend(spec_errors_beside_selector(o, w));
        return Some(errs);
    }
    let sel = w.match_labels.clone().unwrap_or_default();
    // (a Job's selector is only ever empty with manualSelector: true, and ValidateJobSpec lets
    // it select everything)
    if sel.is_empty() && w.match_expressions.is_empty() && w.job.is_none() {
        // ValidateDeploymentSpec (ReplicaSets reuse its words) / ValidateStatefulSetSpec /
        // ValidateDaemonSetSpec: the selector value is rendered as JSON (`{}`)
        let of = match o.kind.as_str() {
            "StatefulSet" => "statefulset",
            "DaemonSet" => "daemonset",
            _ => "deployment",
        };
        errs.push(Diagnostic::invalid("spec.selector", o.pos("spec.selector"), "{}", &format!("empty selector is invalid for {of}")));
        errs.extend(spec_errors_beside_selector(o, w));
        return Some(errs);
    }
    // ValidateLabelSelector, then LabelSelectorAsSelector: a selector it cannot parse matches
    // no template and is not compared with it
    let selector_errs = workload_selector_errors(o, w);
    if !selector_errs.is_empty() {
        errs.extend(selector_errs);
        errs.extend(spec_errors_beside_selector(o, w));
        return Some(errs);
    }
    // ValidatePodTemplateSpecForReplicaSet / ForStatefulSet, ValidateDaemonSetSpec:
    // selector.Matches(labels.Set(template.Labels)), matchExpressions included
    if !selector_matches(Some(&workload_selector(w)), &w.template_labels) {
        errs.push(Diagnostic::invalid(
            "spec.template.metadata.labels",
            o.pos("spec.template.metadata.labels"),
            &labels_go(&w.template_labels),
            "`selector` does not match template `labels`",
        ));
        errs.extend(spec_errors_beside_selector(o, w));
        return Some(errs);
    }
    let strategy_errs = spec_errors_after_selector(o, w);
    (!strategy_errs.is_empty()).then_some(strategy_errs)
}

/// Deployment → ReplicaSet `<name>-<pod-template-hash>` → pods `<rs>-<5 chars>`
/// (pkg/controller/deployment/sync.go, util.ComputeHash + rand.SafeEncodeString);
/// StatefulSet → `<name>-0..N-1` with hostname/subdomain (stateful_set_utils.go updateIdentity);
/// DaemonSet → one pod per node.
#[allow(clippy::too_many_arguments)]
fn expand(
    cluster: &mut Cluster,
    o: &Object,
    w: &Workload,
    index: usize,
    rr: &mut usize,
    cfg: &Config,
    evicted: &[String],
    written: &std::collections::HashMap<(&str, &str), (&Labels, bool)>,
    control: Control,
    diags: &mut Vec<Diagnostic>,
) {
    let Control { hpa, adopted } = control;
    let flip = &cfg.flip_ready;
    let id = o.id();
    // apps validation (pkg/apis/apps/validation ValidateDeploymentSpec etc.): selector required,
    // non-empty, and must match the template's labels
    if let Some(errs) = workload_spec_refusal(o, w) {
        diags.extend(errs.into_iter().map(|d| d.on(&id)));
        return;
    }
    let job_pods = match &w.job {
        Some(j) => match job_indexes(o, j, diags) {
            Some(mut p) => {
                // manageJob with the pods it adopted (claim_orphans): only the rest are created
                if let Some(a) = adopted {
                    if let Some(n) = a.job_create {
                        p.truncate(n);
                    }
                    if let Some(ix) = &a.job_indexes {
                        p = ix.iter().map(|&i| Some(i)).collect();
                    }
                    adopted_note(o, w, a, ("counts toward its completions", "count toward its completions"), diags);
                }
                Some(p)
            }
            None => return,
        },
        None => None,
    };
    let replicas = match w.replicas {
        // SetDefaults_Deployment / _StatefulSet / _ReplicaSet: replicas nil → 1
        None => 1,
        Some(r) if r < 0 => {
            diags.push(Diagnostic::invalid("spec.replicas", o.pos("spec.replicas"), &r.to_string(), "must be greater than or equal to 0").on(&id));
            return;
        }
        // at most one over the cap: enough for the TooManyPods note below, and a huge count
        // (`replicas: 9223372036854775807`, found by fuzzing) allocates nothing
        Some(r) => (r as usize).min(MAX_PODS + 1),
    };
    // a HorizontalPodAutoscaler keeps its target within its bounds before any metric is read
    // (pkg/controller/podautoscaler/horizontal.go reconcileAutoscaler: replicas 0 disables it;
    // above maxReplicas → max; below minReplicas → min, "Current number of replicas below
    // Spec.MinReplicas"); what the metrics would ask for is not modelled
    let replicas = match hpa {
        Some((h, a)) if replicas > 0 && a.min_replicas > 0 && a.max_replicas >= a.min_replicas => {
            // (both capped: a minReplicas over the cap made clamp(min, max) panic)
            let cap = MAX_PODS as i64 + 1;
            let (min, max) = (a.min_replicas.min(cap) as usize, a.max_replicas.min(cap) as usize);
            let now = replicas.clamp(min, max);
            if now != replicas {
                let why = if now > replicas { format!("below its minReplicas {min}") } else { format!("above its maxReplicas {max}") };
                diags.push(Diagnostic::note(Severity::Info, ErrorType::Resolution, "Autoscaled",
                    format!("HorizontalPodAutoscaler {} sets replicas to {now}: {replicas} is {why} (its controller does so before it reads any metric; what the metrics ask for beyond that is not modelled)", h.meta.name),
                    o.pos("spec.replicas")).on(&id));
            }
            now
        }
        _ => replicas,
    };
    let hash_src = template_hash_src(&w.template_labels, &w.template);
    let template_hash = safe_encode(fnv(&hash_src), 10);
    // the what-if rollout of this Deployment (Config::rollout), and the new ReplicaSet's pods
    let rolling_out = cfg.rollout.iter().find(|d| d.strip_prefix(o.meta.namespace.as_str()).and_then(|r| r.strip_prefix('/')) == Some(o.meta.name.as_str()));
    let mut new_pods: (String, usize) = (String::new(), 0);
    // (pod name, extra labels, node for a DaemonSet pod)
    type Planned = Vec<(String, Vec<(String, String)>, Option<usize>)>;
    let mut template = w.template.clone();
    let names: Planned = match o.kind.as_str() {
        // the Job controller's pods (job_controller.go manageJob → CreatePodsWithGenerateName):
        // `<job>-<5 chars>`, or for an Indexed Job `<job>-<index>-<5 chars>` (podGenerateNameWithIndex)
        // with the index as label and annotation `batch.kubernetes.io/job-completion-index`
        // (addCompletionIndexLabel: PodIndexLabel, on since v1.28)
        "Job" => job_pods
            .unwrap_or_default()
            .into_iter()
            .enumerate()
            .map(|(n, idx)| {
                let base = match idx {
                    Some(i) => format!("{}-{i}", o.meta.name),
                    None => o.meta.name.clone(),
                };
                let extra = idx.map(|i| vec![(JOB_INDEX_LABEL.to_string(), i.to_string())]).unwrap_or_default();
                (format!("{base}-{}", safe_encode(fnv(&format!("{base}/{n}")), 5)), extra, None)
            })
            .collect(),
        "Deployment" => {
            let rs = format!("{}-{}", o.meta.name, template_hash);
            let pod = |rs: &str, hash: &str, i: usize| (format!("{rs}-{}", safe_encode(fnv(&format!("{rs}/{i}")), 5)), vec![("pod-template-hash".to_string(), hash.to_string())], None);
            // review25: a paused Deployment rolls nothing out (deployment_controller.go
            // syncDeployment: `if d.Spec.Paused { return dc.sync(ctx, d, rsList) }`, and sync's
            // getAllReplicaSetsAndSyncRevision(…, false) creates no new ReplicaSet)
            let paused = o.source.get("spec").and_then(|s| s.get("paused")).is_some_and(|p| matches!(p.kind, super::yaml::NodeKind::Scalar { value: super::yaml::Value::Bool(true), .. }));
            if rolling_out.is_some() && paused && replicas > 0 {
                diags.push(
                    Diagnostic::note(
                        Severity::Info,
                        ErrorType::Resolution,
                        "RollingUpdate",
                        format!("Deployment {} rolls out no new version while it is paused (spec.paused: true, kubectl rollout pause): the deployment controller only scales it and creates no ReplicaSet for the changed pod template, so its pods stay those of {rs}; kubectl rollout resume deployment/{} starts the rollout", o.meta.name, o.meta.name),
                        o.pos("spec.paused"),
                    )
                    .on(&id),
                );
            }
            if rolling_out.is_some() && !paused && (replicas == 0 || rollout_step(o, replicas).is_none()) {
                let why = if replicas == 0 { "it has replicas 0: the new ReplicaSet is created with 0 pods, so no pod changes".to_string() } else { "its strategy type is neither RollingUpdate nor Recreate (the API server refuses any other)".to_string() };
                diags.push(rollout_not_drawn(o, &why, replicas));
            }
            match rolling_out.filter(|_| replicas > 0 && !paused).and_then(|_| rollout_step(o, replicas)) {
                // the what-if rollout: the old ReplicaSet's pods left, then the new one's
                Some(step) => {
                    let new_hash = safe_encode(fnv(&format!("{hash_src}\nrollout")), 10);
                    let new_rs = format!("{}-{new_hash}", o.meta.name);
                    diags.push(rollout_note(o, &rs, &new_rs, replicas, &step).on(&id));
                    new_pods = (new_rs.clone(), step.new);
                    (0..step.old).map(|i| pod(&rs, &template_hash, i)).chain((0..step.new).map(|i| pod(&new_rs, &new_hash, i))).collect()
                }
                None => (0..replicas).map(|i| pod(&rs, &template_hash, i)).collect(),
            }
        }
        // a ReplicationController names its pods as a ReplicaSet does (controller_utils.go
        // getPodsPrefix: GenerateName `<name>-`), without a pod-template-hash label
        // manageReplicas: diff = active pods it owns (the orphans it adopted) − replicas; it
        // creates only the missing ones
        "ReplicaSet" | "ReplicationController" => {
            let kept = adopted.map_or(0, |a| a.kept.len());
            if let Some(a) = adopted {
                let mut names: Vec<&str> = a.kept_names.iter().map(String::as_str).collect();
                names.extend(a.deleted.iter().map(String::as_str));
                names.extend(a.surplus.iter().map(String::as_str));
                let pods = |n: &[&str]| format!("pod{} {}", if n.len() == 1 { "" } else { "s" }, n.join(", "));
                let mut msg = format!(
                    "{} {} adopts {}: no controller owns {}, and {} labels match its selector (ClaimPods); it counts {} toward its {replicas} replicas",
                    o.kind, o.meta.name, pods(&names), if names.len() == 1 { "it" } else { "them" }, if names.len() == 1 { "its" } else { "their" }, if names.len() == 1 { "it" } else { "them" }
                );
                if !a.surplus.is_empty() {
                    let s: Vec<&str> = a.surplus.iter().map(String::as_str).collect();
                    let _ = write!(msg, " and deletes {} (too many replicas: {} pods for {replicas})", pods(&s), names.len() - a.deleted.len());
                } else {
                    let _ = write!(msg, ", so it creates {} more", replicas.saturating_sub(kept));
                }
                if !a.deleted.is_empty() {
                    let _ = write!(msg, "; deleted since: {}", a.deleted.join(", "));
                }
                diags.push(Diagnostic::note(Severity::Info, ErrorType::Resolution, "AdoptedPods", msg, o.pos(if w.replicas.is_some() { "spec.replicas" } else { "spec" })).on(&id));
            }
            (0..replicas.saturating_sub(kept)).map(|i| (format!("{}-{}", o.meta.name, safe_encode(fnv(&format!("{}/{i}", o.meta.name)), 5)), vec![], None)).collect()
        }
        // getStartOrdinal: spec.ordinals.start shifts the pod ordinals (GA in v1.31)
        "StatefulSet" => (0..replicas)
            .map(|i| {
                // updateIdentity (pkg/controller/statefulset/stateful_set_utils.go): the pod-name
                // label, and the ordinal as apps.kubernetes.io/pod-index (PodIndexLabel, GA v1.32)
                let ordinal = i as i64 + w.start_ordinal.max(0);
                let n = format!("{}-{ordinal}", o.meta.name);
                let mut labels = vec![("statefulset.kubernetes.io/pod-name".to_string(), n.clone()), ("apps.kubernetes.io/pod-index".to_string(), ordinal.to_string())];
                labels.extend(revision_labels(o, &hash_src));
                (n, labels, None)
            })
            .collect(),
        _ => {
            add_daemon_tolerations(&mut template);
            let labels = revision_labels(o, &hash_src);
            if let Some(a) = adopted {
                adopted_note(o, w, a, ("bound to a node it runs on stands for the pod it would create there", "bound to nodes it runs on stand for the pods it would create there"), diags);
            }
            if let Some(d) = daemon_skipped_note(o, &template, &cluster.nodes) {
                diags.push(d.on(&id));
            }
            (0..cluster.nodes.len())
                .filter(|&i| daemon_should_run(&template, &cluster.nodes[i]) && !adopted.is_some_and(|a| a.nodes.contains(&i)))
                .map(|i| (format!("{}-{}", o.meta.name, safe_encode(fnv(&format!("{}/{i}", o.meta.name)), 5)), labels.clone(), Some(i)))
                .collect()
        }
    };
    if o.kind == "StatefulSet" {
        if let Some((message, pos)) = names.first().and_then(|(pod, _, _)| claim_template_refusal(o, pod)) {
            diags.push(Diagnostic::note(Severity::Warning, ErrorType::Resolution, "FailedCreate", message, pos).on(&id));
            return;
        }
    }
    if let Some((message, pos)) = names.first().and_then(|(pod, extra, _)| pod_create_refusal(o, w, pod, extra)) {
        diags.push(Diagnostic::note(Severity::Warning, ErrorType::Resolution, "FailedCreate", message, pos).on(&id));
        return;
    }
    if cluster.pods.len() + names.len() > MAX_PODS {
        diags.push(
            Diagnostic::note(Severity::Warning, ErrorType::Resolution, "TooManyPods", format!("only the first {MAX_PODS} pods are simulated"), o.pos("spec.replicas")).on(&id),
        );
    }
    // SetDefaults_StatefulSet: podManagementPolicy "" → OrderedReady ("monotonic" in
    // stateful_set_control.go): pods are created one at a time, each only once its predecessors
    // are Running and Ready
    let monotonic = o.kind == "StatefulSet" && w.pod_management_policy.as_deref() != Some("Parallel");
    let total = names.len();
    let ns = &o.meta.namespace;
    let deleted = |n: &str| cfg.deleted_pods.iter().filter(|d| d.strip_prefix(ns.as_str()).and_then(|r| r.strip_prefix('/')) == Some(n)).count();
    for (i, (name, extra_labels, daemon_node)) in names.into_iter().enumerate() {
        // a deleted pod's controller creates a replacement: a StatefulSet with the same name
        // (stateful_set_control.go: the missing ordinal is created again), the others with a
        // new random suffix (rand.String(5) in the pod's generateName): a new draw per deletion
        let (name, replaces) = if o.kind == "StatefulSet" {
            let n = deleted(&name);
            (name.clone(), (n > 0).then(|| name.clone()))
        } else {
            let base = name.rsplit_once('-').map(|(b, _)| b.to_string()).unwrap_or_else(|| name.clone());
            let (mut cur, mut gen, mut last) = (name.clone(), 0u32, None);
            while deleted(&cur) > 0 && gen < 1000 {
                gen += 1;
                last = Some(cur.clone());
                cur = format!("{base}-{}", safe_encode(fnv(&format!("{base}/{i}/{gen}")), 5));
            }
            // a pod it adopted, deleted since: the first new pods stand for it
            let last = last.or_else(|| adopted.and_then(|a| a.deleted.get(i)).cloned());
            (cur, last)
        };
        // a Pod of this name written in the input: the controller's create fails (AlreadyExists);
        // it adopts the pod when its labels match the selector and it has no controller
        // (ClaimPods), and with OrderedReady waits for it as for its own
        if let Some((labels, ready)) = written.get(&(ns.as_str(), name.as_str())).filter(|_| o.kind == "StatefulSet") {
            let adopted = selector_matches(Some(&workload_selector(w)), labels);
            let msg = if adopted {
                format!("pod {name} is written in the input: the StatefulSet controller does not create it again (pod names are unique) and adopts it, its labels matching the selector")
            } else {
                format!("pod {name} is written in the input with labels the selector does not match: the StatefulSet controller cannot create its own {name} (AlreadyExists) and does not adopt that one")
            };
            diags.push(Diagnostic::note(if adopted { Severity::Info } else { Severity::Warning }, ErrorType::Resolution, "StatefulSetPodExists", msg, o.pos("spec.replicas")).on(&id));
            if monotonic && i + 1 < total && !(adopted && *ready) {
                diags.push(Diagnostic::note(Severity::Warning, ErrorType::Resolution, "StatefulSetWaiting",
                    format!("{name} is not a Running and Ready pod of this StatefulSet, so the StatefulSet controller creates no later pod (podManagementPolicy OrderedReady; its log says \"StatefulSet is waiting for Pod to be Running and Ready\"): {} of {total} replicas exist", i + 1),
                    o.pos("spec.replicas")).on(&id));
                break;
            }
            continue;
        }
        let mut extra_labels = extra_labels;
        for l in extra_labels.iter_mut().filter(|l| l.0 == "statefulset.kubernetes.io/pod-name") {
            l.1 = name.clone();
        }
        let mut labels = w.template_labels.clone();
        labels.extend(extra_labels);
        let mut spec = template.clone();
        if o.kind == "StatefulSet" {
            spec.hostname = Some(name.clone());
            spec.subdomain = w.service_name.clone();
        }
        // an Indexed Job's pod is `<job>-<index>` as hostname, whatever the template says
        // (job_controller.go manageJob: `template.Spec.Hostname = fmt.Sprintf("%s-%d", job.Name,
        // completionIndex)`); spec.subdomain stays the template's
        if let Some((_, i)) = labels.iter().find(|(k, _)| k == JOB_INDEX_LABEL).filter(|_| o.kind == "Job") {
            spec.hostname = Some(format!("{}-{i}", o.meta.name));
        }
        // ReplaceDaemonSetPodNodeNameNodeAffinity (daemonset_util.go): the DaemonSet controller
        // pins its pod with `matchFields metadata.name In [node]` and lets the scheduler bind it
        // (so NodePorts can still leave it Pending)
        if let Some(i) = daemon_node.filter(|_| spec.node_name.is_none()) {
            let pin = NodeSelectorRequirement { key: "metadata.name".into(), operator: "In".into(), values: vec![cluster.nodes[i].name.clone()] };
            spec.sched_mut().required_node_affinity = Some(vec![NodeSelectorTerm { match_expressions: vec![], match_fields: vec![pin] }]);
        }
        let seed = PodSeed {
            name,
            namespace: o.meta.namespace.clone(),
            labels,
            spec: Cow::Owned(spec),
            status: Cow::Owned(PodStatus::default()),
            deleting: false,
            owner: Some(format!("{}/{}", o.kind, o.meta.name)),
            holds_old_ip: replaces.as_ref().is_some_and(|r| !evicted.contains(&format!("{ns}/{r}"))),
            replaces,
            object: index,
        };
        // a DaemonSet pod has one candidate node: it does not move the round-robin
        let keep = *rr;
        let before = cluster.pods.len();
        // uicheck23: the what-if rollout's new pods are created while the what-if down nodes
        // are down (the page's status says "NoSchedule: no new pod goes there"): the node
        // lifecycle controller's node.kubernetes.io/unreachable:NoSchedule taint
        // (node_lifecycle_controller.go doNoScheduleTaintingPass) fails the scheduler's
        // TaintToleration filter for them (pkg/scheduler/framework/plugins/tainttoleration
        // taint_toleration.go Filter: DefaultTolerationSeconds tolerates only NoExecute). The
        // pods already bound there stay (nodes_down); only these new ones go elsewhere.
        let new_while_down = !cfg.down.is_empty() && new_pods.1 > 0 && seed.name.strip_prefix(new_pods.0.as_str()).is_some_and(|r| r.starts_with('-'));
        let taints_before: Vec<(usize, Vec<Taint>)> = if new_while_down {
            cluster.nodes.iter_mut().enumerate().filter(|(_, n)| cfg.down.contains(&n.name)).map(|(i, n)| {
                let was = n.taints.clone();
                if !n.taints.iter().any(|t| t.key == TAINT_UNREACHABLE && t.effect == "NoSchedule") {
                    n.taints.push(taint(TAINT_UNREACHABLE, "NoSchedule"));
                }
                (i, was)
            }).collect()
        } else {
            vec![]
        };
        place(cluster, seed, rr, o, flip, diags);
        for (i, was) in taints_before {
            cluster.nodes[i].taints = was;
        }
        if daemon_node.is_some() {
            *rr = keep;
        }
        // the what-if rollout's new pods: just created, so not Ready yet (their containers start,
        // then their readiness probe, if any, has to pass); a flip makes one Ready
        if let Some(p) = cluster.pods.get_mut(before).filter(|p| new_pods.1 > 0 && p.name.strip_prefix(new_pods.0.as_str()).is_some_and(|r| r.starts_with('-'))) {
            if p.ready_flipped {
                // learn19 Q18: place() flipped the Ready every simulated pod starts with, so
                // "Make it Ready" left the new pod not Ready (flipped); from the rollout's not
                // Ready, the flip is Ready (its probe passed)
                if !p.ready && p.not_ready_reason.is_none() && p.phase == "Running" {
                    p.ready = true;
                }
            } else if p.ready {
                p.ready = false;
                p.not_ready_reason = Some(format!("a new pod of the rollout (ReplicaSet {}): just created, not Ready until its containers have started and its readiness probe, if any, passes; until then the EndpointSlice controller lists it ready: false, and it gets no Service traffic", new_pods.0));
            }
        }
        // processReplica: `!isRunningAndReady(replicas[i]) && monotonic` → the controller waits
        // ("StatefulSet is waiting for Pod to be Running and Ready") and creates no later ordinal.
        // A readiness the user flipped is a what-if on pods that already exist: it halts nothing.
        let placed = cluster.pods.get(before).filter(|_| cluster.pods.len() > before);
        if let Some(p) = placed.filter(|p| monotonic && i + 1 < total && !p.ready_flipped && !(p.phase == "Running" && p.ready)) {
            let why = p.pending_reason.as_deref().map(|r| format!(" (Pending: {r})")).unwrap_or_default();
            diags.push(
                Diagnostic::note(
                    Severity::Warning,
                    ErrorType::Resolution,
                    "StatefulSetWaiting",
                    format!(
                        "{}{why} is not Running and Ready, so the StatefulSet controller creates no later pod (podManagementPolicy OrderedReady; its log says \"StatefulSet is waiting for Pod to be Running and Ready\"): {} of {total} replicas exist",
                        p.name,
                        i + 1
                    ),
                    o.pos("spec.replicas"),
                )
                .on(&id),
            );
            break;
        }
    }
}

/// What a livenessProbe on an undeclared port name does, said after the readiness cause
/// (fidfix20: qa3's q/33, jacksontj/promxy#372: both probes on port web). fidfix21 corrected it:
/// pkg/probe/util.go findPortByName errors (`port %q not found`), pkg/kubelet/prober/prober.go
/// probe returns that error ("%s probe errored and resulted in %s state"), and
/// pkg/kubelet/prober/worker.go doProbe throws an errored result away ("Prober error, throw away
/// the result"): the liveness result stays at its initial Success (newWorker), so
/// pkg/kubelet/kuberuntime/kuberuntime_manager.go computePodActions never kills the container
/// ("failed liveness probe, will be restarted" needs a Failure). "" without one.
pub(crate) fn liveness_restarts(c: &super::model::Container) -> String {
    match &c.probes().unresolved_liveness_port {
        Some(port) => format!("; its livenessProbe uses port \"{port}\" too and errors the same way, but the kubelet throws an errored probe result away, so the liveness check never fails and never restarts the container (RESTARTS stays 0)"),
        None => String::new(),
    }
}

/// The pod line's probe notes (fidfix21). A livenessProbe on a port name its container does not
/// declare, with no readiness/startup cause said already: every probe errors ("Liveness probe
/// errored and resulted in unknown state: port %q not found", the Unhealthy event) and
/// pkg/kubelet/prober/worker.go doProbe throws the errored result away, so the result stays at
/// newWorker's initial Success: the container is never restarted by it, even when the app hangs.
/// A readinessProbe with initialDelaySeconds N (qa4 19), on a pod this picture shows Ready:
/// newWorker starts readiness at results.Failure and doProbe skips probing while the container
/// has run less than N s ("Probe disabled for InitialDelaySeconds"), so the pod is not Ready —
/// and the EndpointSlice controller lists it not ready (k8s.io/endpointslice utils.go
/// podToEndpoint: Ready from podutil.IsPodReady) — for at least N s after each container start.
pub(crate) fn probe_notes(containers: &[super::model::Container], sidecars: &[super::model::Container], ready: bool) -> Vec<String> {
    let mut out = Vec::new();
    for c in containers.iter().chain(sidecars.iter()) {
        if let (None, Some(port)) = (&c.probes().unresolved_probe_port, &c.probes().unresolved_liveness_port) {
            out.push(format!(
                "the livenessProbe of container {} uses port \"{port}\", a name the container does not declare: every liveness probe errors (Liveness probe errored and resulted in unknown state: port \"{port}\" not found) and the kubelet throws an errored result away, so the liveness check never fails: the container is never restarted by it, even if the app hangs (RESTARTS stays 0)",
                c.name
            ));
        }
    }
    if ready {
        for c in containers.iter().chain(sidecars.iter()) {
            if let Some(n) = c.probes().readiness_initial_delay {
                out.push(format!(
                    "the readinessProbe of container {} has initialDelaySeconds: {n}: the kubelet counts it not ready until its first successful probe and does not probe for the first {n} s after the container starts, so the pod is not Ready, and not a ready endpoint of any Service, for at least {n} s after each start (this picture shows it later, Ready)",
                    c.name
                ));
            }
            // fidfix22: a startupProbe holds readiness back too. pkg/kubelet/prober/worker.go
            // doProbe does not probe for InitialDelaySeconds ("Probe disabled for
            // InitialDelaySeconds") and runs no readiness probe before the startup probe has
            // succeeded ("Disable other probes until container has started");
            // prober_manager.go UpdatePodStatus sets a container Ready only `if started`. After
            // failureThreshold failures, periodSeconds apart, computePodActions restarts it
            if let Some((n, period, failures)) = c.probes().startup_probe {
                out.push(format!(
                    "the startupProbe of container {} has initialDelaySeconds: {n}: the kubelet does not probe its start for the first {n} s after the container starts, and runs no readiness probe and counts it not ready until the startup probe succeeds, so the pod is not Ready, and not a ready endpoint of any Service, for at least {n} s after each start; if it keeps failing, the kubelet restarts the container within about {} s of its start (initialDelaySeconds {n} + periodSeconds {period} × failureThreshold {failures}) (this picture shows it later, Ready)",
                    c.name,
                    n + period * failures
                ));
            }
        }
    }
    out
}

/// A dumped pod (its status given, fidfix23): the status is the cluster's truth, the note
/// explains it. Not Ready, with a startup or readiness probe on a port name its container does
/// not declare: the kubelet cannot resolve it (pkg/probe/util.go ResolveContainerPort →
/// findPortByName: `port %q not found`), pkg/kubelet/prober/prober.go probe returns the error
/// and pkg/kubelet/prober/worker.go doProbe throws the result away ("Prober error, throw away
/// the result"), so the readiness result stays at newWorker's initial Failure, or the startup
/// result at Unknown and no readiness probe runs ("Disable other probes until container has
/// started"): prober_manager.go UpdatePodStatus never sets the container Ready. A pod the dump
/// shows Ready gets no such note (it would contradict the cluster).
pub(crate) fn dumped_probe_notes(containers: &[super::model::Container], sidecars: &[super::model::Container], ready: bool) -> Vec<String> {
    if ready {
        return Vec::new();
    }
    containers
        .iter()
        .chain(sidecars.iter())
        .filter_map(|c| {
            let (probe, port) = c.probes().unresolved_probe_port.as_ref()?;
            Some(format!(
                "the {probe} of container {} uses port \"{port}\", a name the container does not declare: the kubelet cannot resolve it (port \"{port}\" not found), so every probe errors, none succeeds and the pod cannot become Ready, as its status says{}",
                c.name,
                startup_never_started(probe)
            ))
        })
        .collect()
}

/// What an errored startupProbe adds (fidfix21): pkg/kubelet/prober/worker.go newWorker starts
/// the startup result at Unknown and doProbe throws an errored result away, so the container
/// never counts as started: doProbe runs no readiness or liveness probe until it has ("Disable
/// other probes until container has started"), and computePodActions kills it only on a startup
/// Failure ("Container %s failed startup probe, will be restarted"), which never comes. "" for a
/// readinessProbe.
pub(crate) fn startup_never_started(probe: &str) -> &'static str {
    if probe == "startupProbe" {
        "; the container never counts as started (the startup result stays Unknown: the kubelet throws an errored probe result away), so its readiness and liveness probes never run, and it is not restarted either (a restart needs a failed startup probe, not an errored one): RESTARTS stays 0"
    } else {
        ""
    }
}

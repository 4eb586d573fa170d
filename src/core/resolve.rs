//! Which pods back a Service, on which port, and what cluster DNS answers.
//!
//! Sources: the EndpointSlice controller (staging/src/k8s.io/endpointslice: reconciler,
//! utils.go podToEndpoint, util/controller_utils.go ShouldPodBeInEndpoints / ShouldSetHostname),
//! pkg/api/v1/pod/util.go FindPort, and the cluster DNS specification
//! (kubernetes/dns docs/specification.md).

use std::collections::HashMap;

use serde::Serialize;

use super::cluster::{Cluster, PodInst};
use super::model::{Body, IntOrString, Labels, Object};
use super::service::{Svc, SvcPort};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EndpointPortOut {
    pub name: Option<String>,
    pub port: i64,
    pub protocol: String,
    /// whether a container of the pod declares this port (containerPort is informational:
    /// traffic is forwarded either way); None when the pod declares no ports at all or the
    /// endpoint is not a pod we know
    #[serde(skip_serializing_if = "Option::is_none")]
    pub declared: Option<bool>,
    /// when `declared` is false: the protocol the pod declares this port number with instead
    /// (a containerPort without protocol is TCP, SetDefaults_ContainerPort)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub declared_as: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Endpoint {
    pub pod: Option<String>,
    pub namespace: String,
    pub ip: String,
    pub node: Option<String>,
    pub ready: bool,
    pub serving: bool,
    pub terminating: bool,
    pub hostname: Option<String>,
    pub ports: Vec<EndpointPortOut>,
    /// a dual-stack Service's endpoint: the pod's address of the Service's second family (the
    /// EndpointSlice controller writes one slice per ipFamily, reconciler.go reconcile:
    /// addressType per family; getEndpointAddresses picks the pod's podIPs entry of it)
    #[serde(rename = "ipSecondFamily", skip_serializing_if = "Option::is_none")]
    pub ip_second: Option<String>,
    /// a Service without a selector: the address was written in a v1 Endpoints object of the
    /// Service's name, which the EndpointSlice mirroring controller copies into an EndpointSlice
    /// for kube-proxy (pkg/controller/endpointslicemirroring endpointslicemirroring_controller.go
    /// syncEndpoints: only for a Service whose selector is nil); false for a hand-written
    /// EndpointSlice and for pods
    #[serde(rename = "fromEndpoints", skip_serializing_if = "std::ops::Not::not")]
    pub from_endpoints: bool,
}

/// Why a pod is not (fully) an endpoint — shown as a near miss.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Miss {
    pub pod: String,
    pub namespace: String,
    pub reason: String,
    /// selector keys that did not match: (key, wanted, pod's value)
    pub mismatched: Vec<(String, String, Option<String>)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DnsRecord {
    #[serde(rename = "type")]
    pub kind: String,
    pub name: String,
    pub answer: String,
}

#[derive(Debug, Clone, Default)]
pub struct Resolution {
    pub endpoints: Vec<Endpoint>,
    pub near_misses: Vec<Miss>,
    pub dns: Vec<DnsRecord>,
    /// pods whose labels match the selector (in the Service's namespace)
    pub selected: Vec<String>,
    /// objects that would make pods (or endpoints) in the Service's namespace but that the API
    /// server refused, each as `Pod cache-0 was refused: <first error>`
    pub refused: Vec<String>,
    /// a selector Service no pod of the input matches: its endpoints are the dumped objects'
    /// ([`dumped_endpoints`])
    pub from_dump: Option<DumpedEndpoints>,
}

/// Most near misses kept per Service (the nearest ones).
pub const MAX_NEAR_MISSES: usize = 8;

/// Levenshtein distance of two label values (at most 63 bytes each; longer ones are cut),
/// without allocating: it runs for every pod against every Service.
pub fn distance(a: &str, b: &str) -> usize {
    let (a, b) = (&a.as_bytes()[..a.len().min(64)], &b.as_bytes()[..b.len().min(64)]);
    // a common prefix and suffix change nothing (an edit script never needs to touch them):
    // `app-512` against `app-517` is `2` against `7`, one cell instead of 49 (issue #12: this
    // runs for every label value of a namespace against every Service)
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[p..], &b[p..]);
    let s = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[..a.len() - s], &b[..b.len() - s]);
    if a.is_empty() || b.is_empty() {
        return a.len().max(b.len());
    }
    // one row of at most 65 small counts, overwritten in place: `diag` holds the previous
    // row's cell to the upper left (issue #12: the two rows' swap, 3 × 130 bytes a row, was
    // most of a call; this runs for every label value of a namespace against every Service)
    let mut row = [0u16; 65];
    for (j, p) in row.iter_mut().enumerate().take(b.len() + 1) {
        *p = j as u16;
    }
    for (i, ca) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i as u16 + 1;
        for (j, cb) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = (diag + u16::from(ca != cb)).min(up + 1).min(row[j] + 1);
            diag = up;
        }
    }
    usize::from(row[b.len()])
}

/// `got` (at edit distance `d` from `wanted`) reads like a typo of `wanted`: the same letters in
/// another case or with spaces around them, or at most two edits and one in three characters.
pub(crate) fn typo_of(got: &str, wanted: &str, d: usize) -> bool {
    // (diffsweep3 S1: argocd-repo-server against argocd-server is 5 edits, adservice against
    // cartservice 3: siblings, not typos)
    // (the edit-distance test first: it is two comparisons, the trims two scans; the answer is
    // the same either way round — perf10k, called per near miss of every Service)
    (d <= 2 && d <= (got.len().max(wanted.len()) / 3).max(1)) || got.trim().eq_ignore_ascii_case(wanted.trim())
}

/// The label a selector that matches none of `pods` most likely means (learnfix14: a
/// NetworkPolicy podSelector typo, learner12's `app: wbe`, got no hint while a Service
/// selector's did): the Service selector's near-miss rules ([`typo_of`] on [`distance`]) over
/// pods that carry every other key=value of the selector — one value of one key off, else, for
/// a one-label selector, its value under another key (resolve's "no label run, but
/// app=hostnames"). (key written, value written, key meant, value meant, pods), the most pods
/// first, then the nearest value. None when nothing is near.
pub fn nearest_label(sel: &Labels, cluster: &Cluster, pods: &[usize]) -> Option<(String, String, String, String, usize)> {
    type Found = Vec<(usize, usize, String, String, String, String)>;
    let mut found: Found = Vec::new();
    let add = |found: &mut Found, d: usize, k: &str, v: &str, mk: &str, mv: &str| match found.iter_mut().find(|f| f.4 == mk && f.5 == mv && f.2 == k) {
        Some(f) => f.0 += 1,
        None => found.push((1, d, k.to_string(), v.to_string(), mk.to_string(), mv.to_string())),
    };
    for &i in pods {
        let labels = &cluster.pods[i].labels;
        for (si, (k, v)) in sel.iter().enumerate() {
            // every other pair of the selector matches, this one's value is a typo away
            let rest_ok = sel.iter().enumerate().all(|(j, (k2, v2))| j == si || labels.iter().any(|(lk, lv)| lk == k2 && lv == v2));
            if !rest_ok {
                continue;
            }
            if let Some((_, lv)) = labels.iter().find(|(lk, lv)| lk == k && lv != v) {
                let d = distance(lv, v);
                // (two neighbouring letters swapped are one slip, two edits: learner12's `wbe`)
                let swapped = lv.len() == v.len() && {
                    let diff: Vec<usize> = lv.bytes().zip(v.bytes()).enumerate().filter(|(_, (a, b))| a != b).map(|(i, _)| i).collect();
                    matches!(diff[..], [a, b] if b == a + 1 && lv.as_bytes()[a] == v.as_bytes()[b] && lv.as_bytes()[b] == v.as_bytes()[a])
                };
                if typo_of(lv, v, d) || swapped {
                    add(&mut found, d, k, v, k, lv);
                }
            }
        }
    }
    if found.is_empty() {
        if let [(k, v)] = sel.as_slice() {
            let has_key = pods.iter().any(|&i| cluster.pods[i].labels.iter().any(|(lk, _)| lk == k));
            for &i in pods.iter().filter(|_| !has_key) {
                if let Some((lk, _)) = cluster.pods[i].labels.iter().find(|(lk, lv)| lk != k && lv == v) {
                    add(&mut found, 64, k, v, lk, v);
                }
            }
        }
    }
    crate::core::sort::sort_by_key(&mut found, |f| (std::cmp::Reverse(f.0), f.1, f.4.clone(), f.5.clone()));
    found.into_iter().next().map(|(n, _, k, v, mk, mv)| (k, v, mk, mv, n))
}

pub fn selector_matches(selector: &Labels, labels: &Labels) -> bool {
    // labels.Set(selector).AsSelector(): an AND of equality requirements; {} selects everything
    selector.iter().all(|(k, v)| labels.iter().any(|(lk, lv)| lk == k && lv == v))
}

/// FindPort (pkg/api/v1/pod/util.go): an int targetPort is used as is; a name is looked up
/// in containers (then restartable init containers) by name *and* protocol.
pub fn find_port(pod: &PodInst, sp: &SvcPort) -> Result<i64, String> {
    match &sp.target_port {
        IntOrString::Int(n) => Ok(*n),
        IntOrString::Str(name) => {
            for c in pod.containers.iter().chain(pod.sidecars.iter()) {
                for p in &c.ports {
                    let proto = p.protocol.as_deref().unwrap_or("TCP"); // SetDefaults: protocol "" → TCP
                    if p.name.as_deref() == Some(name.as_str()) && proto == sp.protocol {
                        return Ok(p.container_port);
                    }
                }
            }
            // the name declared with another protocol (often the defaulted TCP): say so
            let other = pod.containers.iter().chain(pod.sidecars.iter()).flat_map(|c| c.ports.iter()).find(|p| p.name.as_deref() == Some(name.as_str()));
            Err(match other {
                Some(p) => {
                    let proto = p.protocol.as_deref().unwrap_or("TCP");
                    let default = if p.protocol.is_none() { ", as a containerPort's protocol defaults to TCP" } else { "" };
                    format!("no container port named \"{name}\" with protocol {}: \"{name}\" is {}/{proto}{default}", sp.protocol, p.container_port)
                }
                None => format!("no container port named \"{name}\" with protocol {}", sp.protocol),
            })
        }
    }
}

/// Whether any container (or sidecar) of the pod declares `port`/`protocol`; None when it
/// declares no ports at all (then there is nothing to compare with).
pub fn declares(pod: &PodInst, port: i64, protocol: &str) -> Option<bool> {
    let mut all = pod.containers.iter().chain(pod.sidecars.iter()).flat_map(|c| c.ports.iter()).peekable();
    all.peek()?;
    Some(all.any(|p| p.container_port == port && p.protocol.as_deref().unwrap_or("TCP") == protocol))
}

/// The protocol a container (or sidecar) of the pod declares `port` with, whatever the Service
/// port's: 2456 declared without protocol (TCP) behind a UDP Service port (qa3 24, valheim-k8s#24).
pub fn declared_as(pod: &PodInst, port: i64) -> Option<String> {
    pod.containers.iter().chain(pod.sidecars.iter()).flat_map(|c| c.ports.iter()).find(|p| p.container_port == port).map(|p| p.protocol.clone().unwrap_or_else(|| "TCP".into()))
}

/// Why a terminal pod (phase Succeeded or Failed) is no endpoint, and how it got there
/// (fidfix24). k8s.io/endpointslice util/controller_utils.go ShouldPodBeInEndpoints: `if
/// isPodTerminal(pod) { return false }` — whatever its restartPolicy (the old endpoints
/// controller's shouldPodBeInEndpoints kept a Failed pod with restartPolicy Always as a
/// not-ready address; the EndpointSlice controller does not). The kubelet never restarts a pod
/// in a terminal phase (pkg/kubelet/kubelet_pods.go getPhase: with restartPolicy Never a pod
/// whose containers all ended is Succeeded when each exited 0, else Failed; with OnFailure a
/// failed container is restarted, so only Succeeded ends it; with Always neither: such a pod
/// becomes terminal only when the kubelet or a controller fails it — rejected at admission,
/// evicted, past activeDeadlineSeconds, or its node shut down). A bare Pod is not recreated; a
/// controller's is replaced by a new pod.
fn terminal_reason(pod: &PodInst) -> String {
    let policy = pod.restart_policy.as_deref().unwrap_or("Always");
    let how = match (pod.phase.as_str(), policy) {
        (_, _) if pod.failed_reason.is_some() => "its node's kubelet rejected it, and a rejected pod is not retried".to_string(),
        ("Failed", "Never") => "a container exited with an error and restartPolicy: Never keeps the kubelet from restarting it (or the pod itself was failed: evicted, past activeDeadlineSeconds, or its node shut down)".to_string(),
        ("Succeeded", "Never" | "OnFailure") => format!("its containers exited 0 and restartPolicy: {policy} restarts none that succeeded"),
        ("Failed", p) => format!("with restartPolicy: {p} the kubelet restarts a container that fails, so the pod itself was failed (evicted, past activeDeadlineSeconds, or its node shut down)"),
        (_, p) => format!("with restartPolicy: {p} the kubelet restarts its containers, so the pod was ended from outside"),
    };
    let after = match (pod.owner.as_deref(), pod.phase.as_str()) {
        (None, _) => "nothing recreates a bare Pod: it stays until deleted",
        (Some(o), "Succeeded") if o.starts_with("Job/") => "its Job counts it as completed",
        (Some(o), _) if o.starts_with("Job/") => "its Job makes a new pod in its place while its backoffLimit allows",
        (Some(_), _) => "its controller makes a new pod in its place",
    };
    format!("phase {}: {how}; the kubelet never restarts a pod in a terminal phase, and the EndpointSlice controller never lists one (ShouldPodBeInEndpoints), so it gets no traffic again; {after}", pod.phase)
}

/// podToEndpoint and getEndpointPorts (staging/src/k8s.io/endpointslice utils.go, reconciler.go
/// reconcileByAddressType): the pod is an endpoint even when it resolves none of the Service's
/// ports — the reconciler groups it into a slice with an empty port list (headless Services still
/// publish its A record); the second value says which ports it lacks.
fn pod_endpoint(svc: &Svc, pod: &PodInst) -> Result<(Endpoint, Option<String>), String> {
    // ShouldPodBeInEndpoints: terminal pods and pods without an IP are skipped
    if pod.phase == "Succeeded" || pod.phase == "Failed" {
        return Err(terminal_reason(pod));
    }
    // getEndpointAddresses (staging/src/k8s.io/endpointslice utils.go): the pod's address of
    // the slice's family (a dual-stack pod has one of each); a pod with none of that family has
    // no address in the slice, and reconcileByAddressType leaves it out
    let ip = match (&pod.ip, &pod.ip_other) {
        (Some(ip), Some(other)) if ip.contains(':') != svc.ipv6 && other.contains(':') == svc.ipv6 => Some(other.clone()),
        (Some(ip), _) if ip.contains(':') != svc.ipv6 && !pod.host_network => {
            let (fam, has) = if svc.ipv6 { ("IPv6", "IPv4") } else { ("IPv4", "IPv6") };
            return Err(format!("its only address {ip} is {has} (status.podIPs lists no {fam} one): the EndpointSlice controller leaves it out of the Service's {fam} EndpointSlice (getEndpointAddresses), so no traffic through this {fam} Service"));
        }
        (ip, _) => ip.clone(),
    };
    let Some(ip) = ip else {
        if let Some(why) = &pod.pending_reason {
            return Err(format!("Pending with no pod IP: the scheduler found no node for it ({why})"));
        }
        // (a dumped pod whose status has no podIP: its sandbox is not up yet, or its status was
        // cut; one bound to a node whose init containers run has an IP and is a not-ready endpoint)
        return Err(match &pod.node {
            Some(n) if pod.phase == "Pending" => format!("{} on {n} with no pod IP in its status: not started yet (while its init containers run it is not Ready either), so no traffic", pod.phase),
            // (ShouldPodBeInEndpoints: no PodIP, no endpoint)
            Some(n) => format!("{} on {n}, but its status has no podIP: a pod without an IP is never an endpoint, so no traffic", pod.phase),
            None => "no pod IP yet (not scheduled or not started)".into(),
        });
    };
    // reconcileByAddressType (staging/src/k8s.io/endpointslice/reconciler.go): nodeLister.Get
    // NotFound → "skipping Pod for Service, Node not found", unless publishNotReadyAddresses.
    // (Only a pod whose spec.nodeName names a Node the input lacks, or one no node took, has
    // none here: with no Node in the input every named node is simulated.)
    if pod.node.is_none() && !svc.publish_not_ready_addresses {
        return Err("its node is not in the cluster (spec.nodeName names no Node here): the EndpointSlice controller skips it (\"skipping Pod for Service, Node not found\"), unless the Service sets publishNotReadyAddresses".into());
    }
    let mut ports = Vec::new();
    let mut missing = Vec::new();
    for sp in &svc.ports {
        match find_port(pod, sp) {
            Ok(port) => {
                let declared = declares(pod, port, &sp.protocol);
                let declared_as = (declared == Some(false)).then(|| declared_as(pod, port)).flatten();
                ports.push(EndpointPortOut { name: sp.name.clone(), port, protocol: sp.protocol.clone(), declared, declared_as })
            }
            Err(e) => missing.push(format!("port {}: {e}", sp.name.clone().unwrap_or_else(|| sp.port.to_string()))),
        }
    }
    let lacking = (ports.is_empty() && !svc.ports.is_empty()).then(|| {
        format!("resolves none of the Service's ports ({}); it is an endpoint with no ports, so no traffic reaches it through the Service", missing.join("; "))
    });
    // podToEndpoint: serving = Ready condition; terminating = deletionTimestamp set;
    // ready = publishNotReadyAddresses || (serving && !terminating)
    let serving = pod.ready;
    let ready = svc.publish_not_ready_addresses || (serving && !pod.terminating);
    // ShouldSetHostname: spec.hostname set and spec.subdomain == service name (same namespace)
    let hostname = match (&pod.hostname, &pod.subdomain) {
        (Some(h), Some(s)) if s == &svc.name => Some(h.clone()),
        _ => None,
    };
    // the Service's second family's slice: the pod's address of that family, when it has one
    let ip_second = match svc.ip_families.get(1) {
        Some(fam) => [&pod.ip, &pod.ip_other].into_iter().flatten().find(|a| a.contains(':') == (*fam == "IPv6")).cloned(),
        None => None,
    };
    let ep = Endpoint { pod: Some(pod.name.clone()), namespace: pod.namespace.clone(), ip, node: pod.node.clone(), ready, serving, terminating: pod.terminating, hostname, ports, ip_second, from_endpoints: false };
    Ok((ep, lacking))
}

/// Endpoints of a selectorless Service from manual Endpoints subsets and EndpointSlices, as
/// kube-proxy reads them (pkg/proxy/endpointslicecache.go addEndpoints /
/// endpointInfoByServicePort): each slice port is matched to the Service port of the same name
/// and protocol, and endpoints are deduplicated by ip:port per Service port — so one IP may serve
/// `http` on 8080 from one subset and `metrics` on 9100 from another.
///
/// For a Service with a selector (`selector_too`) only EndpointSlices count, and only those the
/// EndpointSlice controller does not manage: it rewrites the Endpoints and its own slices from
/// the selector (those written here stand for its result), but leaves other slices with the
/// `kubernetes.io/service-name` label alone, and kube-proxy reads every slice with that label
/// (pkg/proxy/endpointslicecache.go endpointSliceCacheKeys).
/// `default/kubernetes`: the API server's own Service (pkg/controlplane/controller/kubernetesservice).
/// An externalName that is an IP address (msg.Service HostType: net.ParseIP succeeds): the API
/// server accepts it (a DNS-1123 subdomain made of digits), cluster DNS answers nothing for it.
pub fn external_name_is_ip(ext: &str) -> bool {
    ext.parse::<std::net::IpAddr>().is_ok()
}

pub fn is_apiserver_service(svc: &Svc) -> bool {
    svc.name == "kubernetes" && svc.namespace == "default" && svc.selector.is_none()
}

/// The endpoints the API server keeps for `default/kubernetes` itself (pkg/controlplane/reconcilers,
/// the lease reconciler: each kube-apiserver's advertise address and --secure-port, port name
/// `https`): in a dump, the running kube-apiserver pods of kube-system (static pods on the host
/// network: the node's address), on the Service's targetPort.
fn apiserver_endpoints(svc: &Svc, cluster: &Cluster, out: &mut Vec<Endpoint>) {
    for p in cluster.pods.iter().filter(|p| {
        p.namespace == "kube-system" && p.phase == "Running" && p.labels.iter().any(|(k, v)| k == "component" && v == "kube-apiserver")
    }) {
        let Some(ip) = p.ip.clone() else { continue };
        let ports = svc
            .ports
            .iter()
            .map(|sp| EndpointPortOut {
                name: sp.name.clone(),
                port: match &sp.target_port {
                    IntOrString::Int(n) => *n,
                    IntOrString::Str(_) => 6443,
                },
                protocol: sp.protocol.clone(),
                declared: None,
                declared_as: None,
            })
            .collect();
        out.push(Endpoint { pod: Some(p.name.clone()), namespace: p.namespace.clone(), ip, node: p.node.clone(), ready: p.ready, serving: p.ready, terminating: false, hostname: None, ports, ip_second: None, from_endpoints: false });
    }
}

fn manual_endpoints(svc: &Svc, objects: &[&Object], out: &mut Vec<Endpoint>, selector_too: bool) {
    const MANAGED_BY: &str = "endpointslice.kubernetes.io/managed-by";
    for o in objects.iter().filter(|o| o.meta.namespace == svc.namespace && !o.refused) {
        if selector_too
            && (!matches!(o.body, Body::EndpointSlice(_))
                || o.meta.labels.iter().any(|(k, v)| k == MANAGED_BY && matches!(v.as_str(), "endpointslice-controller.k8s.io" | "endpointslicemirroring-controller.k8s.io")))
        {
            continue;
        }
        let from_endpoints = matches!(o.body, Body::Endpoints(_));
        let sets: Vec<&super::model::EndpointSet> = match &o.body {
            Body::Endpoints(sets) if o.meta.name == svc.name => sets.iter().collect(),
            // kube-proxy's proxier of the Service's (first) family reads only slices of that
            // address type: an FQDN slice, or one of the other family, is skipped
            // (pkg/proxy/endpointschangetracker.go EndpointSliceUpdate: address type not
            // supported by this proxier)
            Body::EndpointSlice(set) if set.service == svc.name => {
                if o.source.get("addressType").and_then(|n| n.as_str()) != Some(if svc.ipv6 { "IPv6" } else { "IPv4" }) {
                    continue;
                }
                vec![set]
            }
            _ => continue,
        };
        add_sets(svc, sets, out, from_endpoints);
    }
}

/// The endpoints of `sets` (an Endpoints object's subsets, or a slice), as kube-proxy pairs their
/// ports with the Service's by name and protocol, added to `out` (the same address on another
/// port joins its entry).
fn add_sets(svc: &Svc, sets: Vec<&super::model::EndpointSet>, out: &mut Vec<Endpoint>, from_endpoints: bool) {
    {
        for set in sets {
            let ports: Vec<EndpointPortOut> = set
                .ports
                .iter()
                .filter(|p| svc.ports.iter().any(|sp| sp.name == p.name && sp.protocol == p.protocol))
                .map(|p| EndpointPortOut { name: p.name.clone(), port: p.port, protocol: p.protocol.clone(), declared: None, declared_as: None })
                .collect();
            for a in &set.addresses {
                let same_ip = out.iter().position(|e| e.ip == a.ip && e.ready == a.ready && e.serving == a.serving && e.terminating == a.terminating);
                if let Some(i) = same_ip {
                    let e = &mut out[i];
                    // another port of the same address: add the ports this entry lacks by name;
                    // the same name on another port number is a second ip:port endpoint
                    let clash = ports.iter().any(|p| e.ports.iter().any(|q| q.name == p.name && q.protocol == p.protocol && q.port != p.port));
                    if !clash {
                        for p in &ports {
                            if !e.ports.contains(p) {
                                e.ports.push(p.clone());
                            }
                        }
                        continue;
                    }
                }
                out.push(Endpoint {
                    pod: a.target.clone(),
                    namespace: svc.namespace.clone(),
                    ip: a.ip.clone(),
                    node: a.node_name.clone(),
                    ready: a.ready,
                    serving: a.serving,
                    terminating: a.terminating,
                    hostname: a.hostname.clone(),
                    ports: ports.clone(),
                    ip_second: None,
                    from_endpoints,
                });
            }
        }
    }
}

/// The controller's own endpoints of a selector Service whose pods are not in the input: a
/// `kubectl get svc,endpointslices -o yaml` (or `svc,ep`) dump. kube-proxy programs a Service
/// from its EndpointSlices (pkg/proxy/endpointslicecache.go, keyed by the
/// kubernetes.io/service-name label), not from pods; the EndpointSlice controller wrote those
/// (label endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io,
/// pkg/controller/endpointslice reconciler.go) from the pods the cluster had. The dumped ones
/// (metadata uid/resourceVersion) of the Service's address type are used, else its dumped v1
/// Endpoints (the endpoints controller's, pkg/controller/endpoint syncService). Returns what
/// they came from when any endpoint was found.
fn dumped_endpoints(svc: &Svc, objects: &[&Object], out: &mut Vec<Endpoint>) -> Option<DumpedEndpoints> {
    const MANAGED_BY: &str = "endpointslice.kubernetes.io/managed-by";
    let before = out.len();
    let dumped = || objects.iter().filter(|o| o.meta.namespace == svc.namespace && !o.refused && o.dumped());
    let family = if svc.ipv6 { "IPv6" } else { "IPv4" };
    let slices: Vec<&super::model::EndpointSet> = dumped()
        .filter(|o| o.meta.labels.iter().any(|(k, v)| k == MANAGED_BY && v == "endpointslice-controller.k8s.io"))
        .filter_map(|o| match &o.body {
            Body::EndpointSlice(set) if set.service == svc.name && o.source.get("addressType").and_then(|n| n.as_str()) == Some(family) => Some(set),
            _ => None,
        })
        .collect();
    let from = if !slices.is_empty() {
        add_sets(svc, slices, out, false);
        DumpedEndpoints::Slices
    } else {
        let sets: Vec<&super::model::EndpointSet> = dumped()
            .filter(|o| o.meta.name == svc.name)
            .filter_map(|o| match &o.body {
                Body::Endpoints(sets) => Some(sets.iter()),
                _ => None,
            })
            .flatten()
            .collect();
        // the endpoints controller's own (a selector Service): no one wrote them by hand
        add_sets(svc, sets, out, false);
        DumpedEndpoints::Endpoints
    };
    (out.len() > before).then_some(from)
}

/// Where [`dumped_endpoints`] found a Service's endpoints.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DumpedEndpoints {
    Slices,
    Endpoints,
}

impl DumpedEndpoints {
    /// The objects, as the note names them.
    pub fn objects(self) -> &'static str {
        match self {
            DumpedEndpoints::Slices => "EndpointSlices",
            DumpedEndpoints::Endpoints => "Endpoints",
        }
    }
}

/// A hash map keyed by names with FxHash (rustc's hasher: one multiply per 8 bytes) instead of
/// SipHash: the pod index is rebuilt for 10,000 pods on every keystroke (issue #12). Only
/// looked up, or iterated and then sorted by a total order: its order never shows.
pub(crate) type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<FastHasher>>;
pub(crate) type FastSet<K> = std::collections::HashSet<K, std::hash::BuildHasherDefault<FastHasher>>;

#[derive(Default, Clone, Copy)]
pub(crate) struct FastHasher(u64);

impl FastHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl std::hash::Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // the last 1 to 7 bytes as a little-endian word, zeros above (the value a zeroed
            // [u8; 8] with them copied in gives, without the copy call: issue #12, ~450,000
            // strings hashed on a 10,000-pod dump)
            let w = rest.iter().rev().fold(0u64, |w, &c| (w << 8) | u64::from(c));
            self.add(w);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// The cluster's pods by namespace and by label (key, value), each list in pod order: a
/// Service looks only at the pods that can match it, not at every pod (Services × Pods). Its
/// keys are its own (not borrowed from the cluster): core::ClusterCache keeps it with the
/// cluster it indexes, across keystrokes (issue #12).
#[derive(Default)]
pub struct PodIndex {
    by_ns: FastMap<String, Vec<usize>>,
    by_label: FastMap<String, FastMap<String, Vec<usize>>>,
    /// namespace → key → value → pods, by each pod's first label with that key
    by_ns_label: FastMap<String, FastMap<String, FastMap<String, Vec<usize>>>>,
    /// some pod carries a label key twice: the by-value shortcut does not apply
    repeated_keys: bool,
    /// (namespace, name) → pods
    by_name: FastMap<String, FastMap<String, Vec<usize>>>,
    /// the input has EndpointSlices: a selector's endpoints may have hand-made ones added
    /// (`manual_endpoints`); without any, that scan of every object is skipped per Service
    pub slices: bool,
    /// the input has dumped Endpoints or EndpointSlices (metadata uid/resourceVersion): a
    /// selector Service no pod of the input matches takes its endpoints from them
    /// (`dumped_endpoints`); without any, that scan is skipped
    pub dumped_endpoints: bool,
    /// namespace → Service name → the Endpoints of that name and the EndpointSlices labelled
    /// with it, by object index in input order ([`PodIndex::index_endpoints`]): what
    /// `manual_endpoints` and `dumped_endpoints` look at for a Service, found without a scan of
    /// every object per Service (a `kubectl get svc,ep` dump: 1,000 Services × 1,750 objects on
    /// each keystroke). None: every object is looked at
    endpoint_objects: Option<FastMap<String, FastMap<String, Vec<usize>>>>,
}

/// The entry for `k` (a key String made only when it is new; a new key is hashed twice, not
/// three times: the lookup, then the entry that inserts it).
fn slot<'m, V: Default>(m: &'m mut FastMap<String, V>, k: &str) -> &'m mut V {
    if !m.contains_key(k) {
        return m.entry(k.to_string()).or_default();
    }
    m.get_mut(k).expect("just found")
}

impl PodIndex {
    pub fn new(cluster: &Cluster) -> Self {
        let mut ix = PodIndex { slices: true, dumped_endpoints: true, ..PodIndex::default() };
        let PodIndex { by_ns, by_label, by_ns_label, repeated_keys, by_name, .. } = &mut ix;
        // the pods of a namespace come one after another (a dump lists them so): the namespace's
        // entries are looked up once per run of pods, not once per pod and map (the same
        // entries, filled in the same order)
        let pods = &cluster.pods;
        let mut i = 0;
        while i < pods.len() {
            let ns = pods[i].namespace.as_str();
            let (ns_pods, names, ns_labels) = (slot(by_ns, ns), slot(by_name, ns), slot(by_ns_label, ns));
            while let Some(p) = pods.get(i).filter(|p| p.namespace == ns) {
                ns_pods.push(i);
                slot(names, &p.name).push(i);
                for (j, (k, v)) in p.labels.iter().enumerate() {
                    if p.labels[..j].iter().any(|(k0, _)| k0 == k) {
                        *repeated_keys = true;
                        continue;
                    }
                    slot(slot(ns_labels, k), v).push(i);
                }
                for (k, v) in &p.labels {
                    let e = slot(slot(by_label, k), v);
                    if e.last() != Some(&i) {
                        e.push(i);
                    }
                }
                i += 1;
            }
        }
        ix
    }

    /// Reads the input's Endpoints and EndpointSlices once: whether there are slices
    /// (`slices`), dumped ones (`dumped_endpoints`), and each Service's (`endpoint_objects`).
    pub fn index_endpoints(&mut self, objects: &[Object]) {
        self.slices = false;
        self.dumped_endpoints = false;
        let mut by: FastMap<String, FastMap<String, Vec<usize>>> = FastMap::default();
        for (i, o) in objects.iter().enumerate() {
            let name = match &o.body {
                Body::Endpoints(_) => &o.meta.name,
                Body::EndpointSlice(set) => &set.service,
                _ => continue,
            };
            self.slices |= matches!(o.body, Body::EndpointSlice(_));
            self.dumped_endpoints |= o.dumped();
            slot(slot(&mut by, &o.meta.namespace), name).push(i);
        }
        self.endpoint_objects = Some(by);
    }

    /// The Endpoints and EndpointSlices that may be `svc`'s, in input order (all the objects of
    /// its namespace when they are not indexed); the caller checks the kind and name. All that
    /// [`resolve`] reads of the input's objects (core's ServiceCache keys a Service's report on them).
    pub(crate) fn endpoint_objects<'a>(&self, svc: &Svc, objects: &'a [Object]) -> Vec<&'a Object> {
        match &self.endpoint_objects {
            Some(by) => by.get(&svc.namespace).and_then(|m| m.get(&svc.name)).map_or_else(Vec::new, |v| v.iter().map(|&i| &objects[i]).collect()),
            None => objects.iter().filter(|o| o.meta.namespace == svc.namespace).collect(),
        }
    }

    /// The pods named `name` in `ns`, in pod order.
    pub fn named(&self, ns: &str, name: &str) -> &[usize] {
        self.by_name.get(ns).and_then(|m| m.get(name)).map(Vec::as_slice).unwrap_or_default()
    }

    /// The pods of a namespace, in pod order.
    pub fn in_namespace(&self, ns: &str) -> &[usize] {
        self.by_ns.get(ns).map(Vec::as_slice).unwrap_or_default()
    }

    /// Pods (any namespace, in pod order) that may match a non-empty selector: those with its
    /// first label; the caller still checks the whole selector.
    fn candidates(&self, sel: &Labels) -> &[usize] {
        sel.first().and_then(|(k, v)| self.by_label.get(k.as_str())?.get(v.as_str())).map(Vec::as_slice).unwrap_or_default()
    }
}

/// The label the API server gives every Namespace (its name), never a pod.
const NAMESPACE_NAME_LABEL: &str = "kubernetes.io/metadata.name";

pub fn resolve(svc: &Svc, cluster: &Cluster, index: &PodIndex, objects: &[Object], domain: &str) -> Resolution {
    let mut r = Resolution::default();
    if svc.rejected {
        return r;
    }
    if svc.type_ != "ExternalName" {
        match &svc.selector {
            Some(sel) => {
                // the pods whose labels match, in pod order (an empty selector matches every pod,
                // but only its own namespace counts)
                let matching: &[usize] = if sel.is_empty() { index.in_namespace(&svc.namespace) } else { index.candidates(sel) };
                for &i in matching {
                    let pod = &cluster.pods[i];
                    if !selector_matches(sel, &pod.labels) {
                        continue;
                    }
                    if pod.namespace != svc.namespace {
                        // podLister.Pods(service.Namespace): other namespaces never count
                        r.near_misses.push(Miss {
                            pod: pod.name.clone(),
                            namespace: pod.namespace.clone(),
                            reason: format!("labels match, but the pod is in namespace {} and the Service in {}; a Service selects only in its own namespace", pod.namespace, svc.namespace),
                            mismatched: vec![],
                        });
                        continue;
                    }
                    r.selected.push(pod.name.clone());
                    match pod_endpoint(svc, pod) {
                        Ok((ep, lacking)) => {
                            if let Some(reason) = lacking {
                                r.near_misses.push(Miss { pod: pod.name.clone(), namespace: pod.namespace.clone(), reason, mismatched: vec![] });
                            }
                            r.endpoints.push(ep)
                        }
                        Err(reason) => r.near_misses.push(Miss { pod: pod.name.clone(), namespace: pod.namespace.clone(), reason, mismatched: vec![] }),
                    }
                }
                // `kubernetes.io/metadata.name: backend` in a Service's selector (an attempt to
                // select another namespace's pods): that is a Namespace's label, set by the API
                // server on Namespaces only (namespace strategy PrepareForCreate), so no pod has
                // it; the pods of that namespace matching the rest are the near misses
                if let Some((_, ns)) = sel.iter().find(|(k, _)| k == NAMESPACE_NAME_LABEL).filter(|_| r.selected.is_empty()) {
                    let rest: Labels = sel.iter().filter(|(k, _)| k != NAMESPACE_NAME_LABEL).cloned().collect();
                    for &i in index.in_namespace(ns).iter().filter(|&&i| !rest.is_empty() && selector_matches(&rest, &cluster.pods[i].labels)).take(MAX_NEAR_MISSES) {
                        let pod = &cluster.pods[i];
                        r.near_misses.push(Miss {
                            pod: pod.name.clone(),
                            namespace: pod.namespace.clone(),
                            reason: format!(
                                "its labels match all but {NAMESPACE_NAME_LABEL}={ns}, a label of the Namespace {ns}, not of its pods; a Service selects pods only in its own namespace ({}): define the Service in {ns}, or give {} an ExternalName of <service>.{ns}.svc",
                                svc.namespace, svc.name
                            ),
                            mismatched: vec![],
                        });
                    }
                }
                let room = MAX_NEAR_MISSES.saturating_sub(r.near_misses.len());
                if room > 0 {
                    let mut label_misses = match &sel[..] {
                        [(k, v)] if !index.repeated_keys => nearest_by_value(index, &svc.namespace, k, v, room),
                        _ => label_misses(sel, cluster, index.in_namespace(&svc.namespace)),
                    };
                    // a Service that selects pods: another value of its one label is another
                    // application unless it looks like a typo of the wanted one (corpus8 S2:
                    // microservices-demo's redis-cart listed adservice, cartservice, … while it
                    // had its own pod); one that selects none keeps the nearest values, the
                    // pods a learner may have meant
                    if let ([(k, v)], false) = (&sel[..], r.selected.is_empty()) {
                        label_misses.retain(|&(_, d, i)| cluster.pods[i].labels.iter().find(|(lk, _)| lk == k).is_some_and(|(_, lv)| typo_of(lv, v, d)));
                    }
                    // a one-label selector whose value the pods carry under another key (the
                    // Debug Services page's own example: selector run=hostnames, pods
                    // app=hostnames; learner4 a01): those pods, when no pod has the key at all
                    if let ([(k, v)], true) = (&sel[..], label_misses.is_empty() && r.selected.is_empty()) {
                        if let Some(keys) = index.by_ns_label.get(svc.namespace.as_str()) {
                            let mut other: Vec<(&str, usize)> = keys
                                .iter()
                                .filter(|(key, _)| **key != k.as_str())
                                .filter_map(|(key, values)| values.get(v.as_str()).map(|pods| (key.as_str(), pods)))
                                .flat_map(|(key, pods)| pods.iter().map(move |&i| (key, i)))
                                .collect();
                            crate::core::sort::sort_by_key(&mut other, |&(key, i)| (i, key));
                            other.dedup_by_key(|(_, i)| *i);
                            for (key, i) in other.into_iter().take(room) {
                                let pod = &cluster.pods[i];
                                r.near_misses.push(Miss {
                                    pod: pod.name.clone(),
                                    namespace: pod.namespace.clone(),
                                    reason: format!("no label {k}, but {key}={v}: the value the selector wants, under another key (wanted {k}={v})"),
                                    mismatched: vec![(k.clone(), v.clone(), None)],
                                });
                            }
                        }
                    }
                    // the nearest first: more matching keys, then the smallest difference in
                    // values, then pod order; only the first `room` are sorted
                    let key = |m: &(usize, usize, usize)| (std::cmp::Reverse(m.0), m.1, m.2);
                    if label_misses.len() > room {
                        label_misses.select_nth_unstable_by_key(room - 1, key);
                        label_misses.truncate(room);
                    }
                    crate::core::sort::sort_by_key(&mut label_misses, key);
                    for (_, _, i) in label_misses {
                        let pod = &cluster.pods[i];
                        let mismatched: Vec<(String, String, Option<String>)> = sel
                            .iter()
                            .filter(|(k, v)| !pod.labels.iter().any(|(lk, lv)| lk == k && lv == v))
                            .map(|(k, v)| (k.clone(), v.clone(), pod.labels.iter().find(|(lk, _)| lk == k).map(|(_, lv)| lv.clone())))
                            .collect();
                        let reason = mismatched
                            .iter()
                            .map(|(k, v, got)| match got {
                                Some(g) => format!("{k}={g} (wanted {k}={v})"),
                                None => format!("no label {k} (wanted {k}={v})"),
                            })
                            .collect::<Vec<_>>()
                            .join(", ");
                        r.near_misses.push(Miss { pod: pod.name.clone(), namespace: pod.namespace.clone(), reason, mismatched });
                    }
                }
                r.near_misses.truncate(MAX_NEAR_MISSES);
                if index.slices {
                    manual_endpoints(svc, &index.endpoint_objects(svc, objects), &mut r.endpoints, true);
                }
                // the pods are not in the input (a dump of Services and their slices): the
                // dumped controller's endpoints are what kube-proxy programs
                if r.selected.is_empty() && index.dumped_endpoints {
                    r.from_dump = dumped_endpoints(svc, &index.endpoint_objects(svc, objects), &mut r.endpoints);
                }
            }
            None => {
                manual_endpoints(svc, &index.endpoint_objects(svc, objects), &mut r.endpoints, false);
                if r.endpoints.is_empty() && is_apiserver_service(svc) {
                    apiserver_endpoints(svc, cluster, &mut r.endpoints);
                }
            }
        }
    }
    r.dns = dns_records(svc, &r.endpoints, domain);
    // (the lists grew by doubling and live in the report to the end: a whole-cluster dump's
    // 1,000 Services would keep their slack, megabytes at the peak; issue #12)
    r.endpoints.shrink_to_fit();
    r.selected.shrink_to_fit();
    r.near_misses.shrink_to_fit();
    r.dns.shrink_to_fit();
    r
}

/// `label_misses` for a one-label selector `k=v`, through the index: the near misses are the
/// pods whose `k` has another value, scored (0, distance of the values, pod); one distance per
/// distinct value, and only the nearest values' pods (at least `room` of them, whole ties).
fn nearest_by_value(index: &PodIndex, ns: &str, k: &str, v: &str, room: usize) -> Vec<(usize, usize, usize)> {
    let Some(values) = index.by_ns_label.get(ns).and_then(|m| m.get(k)) else { return Vec::new() };
    let mut scored: Vec<(usize, &[usize])> = values.iter().filter(|(val, _)| **val != v).map(|(val, pods)| (distance(val, v), pods.as_slice())).collect();
    // only the values the loop below can reach are sorted: those at most as far as the nearest
    // distance whose values (with all nearer ones) hold `room` pods (a namespace has hundreds
    // of values, and this runs for every Service; issue #12). Distances are at most 64.
    let mut pods_at = [0usize; 65];
    for (d, pods) in &scored {
        pods_at[(*d).min(64)] += pods.len();
    }
    let mut sum = 0;
    if let Some(cut) = pods_at.iter().position(|n| {
        sum += n;
        sum >= room
    }) {
        scored.retain(|(d, _)| *d <= cut);
    }
    crate::core::sort::sort_by_key(&mut scored, |(d, pods)| (*d, pods[0]));
    take_nearest(&scored, room)
}

/// From values sorted by distance, their pods as `(0, distance, pod)`, whole distance groups at
/// a time, until `room` is reached.
fn take_nearest(scored: &[(usize, &[usize])], room: usize) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < scored.len() && out.len() < room {
        let d = scored[i].0;
        while i < scored.len() && scored[i].0 == d {
            out.extend(scored[i].1.iter().map(|&p| (0, d, p)));
            i += 1;
        }
    }
    out
}

/// Pods of the Service's namespace that the selector does not match but nearly does (at least
/// one key=value of the selector matches), scored without allocating:
/// (matching keys, summed edit distance of the other values, pod index). Distances are
/// memoised per label value: a namespace has many pods per value.
fn label_misses(sel: &Labels, cluster: &Cluster, pods: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut memo: Vec<HashMap<&str, usize>> = vec![HashMap::new(); sel.len()];
    let mut out = Vec::new();
    for &i in pods {
        let pod = &cluster.pods[i];
        if selector_matches(sel, &pod.labels) {
            continue;
        }
        let mut keys = 0usize;
        let mut dist = 0usize;
        for (si, (k, v)) in sel.iter().enumerate() {
            match pod.labels.iter().find(|(lk, _)| lk == k) {
                Some((_, lv)) if lv == v => keys += 1,
                Some((_, lv)) => dist += *memo[si].entry(lv.as_str()).or_insert_with(|| distance(lv, v)),
                None => dist += 64,
            }
        }
        // a near miss shares at least one of the selector's key=value pairs: a pod that only
        // carries some of its keys, each with another value, is another application (corpus7
        // S4: guestbook's frontend pods under redis-master, app/tier/role all different); a
        // one-label selector's value typos are found by nearest_by_value instead
        if keys > 0 {
            out.push((keys, dist, i));
        }
    }
    out
}

/// `<d>.<c>.<b>.<a>.in-addr.arpa` for an IPv4 address, and for an IPv6 one its 32 nibbles in
/// reverse order under ip6.arpa (specification 2.3.3 / 2.4.3; RFC 3596 section 2.5).
pub fn reverse_name(ip: &str) -> Option<String> {
    match ip.parse::<std::net::IpAddr>().ok()? {
        std::net::IpAddr::V4(a) => {
            let o = a.octets();
            Some(concat(&[&o[3].to_string(), ".", &o[2].to_string(), ".", &o[1].to_string(), ".", &o[0].to_string(), ".in-addr.arpa"]))
        }
        std::net::IpAddr::V6(a) => {
            let v = u128::from(a);
            let mut out = String::with_capacity(72);
            for i in 0..32 {
                out.push(char::from(b"0123456789abcdef"[((v >> (4 * i)) & 0xf) as usize]));
                out.push('.');
            }
            out.push_str("ip6.arpa");
            Some(out)
        }
    }
}

/// The address record type for `ip` (specification 2.3.1 / 2.4.1): A for an IPv4 address, AAAA
/// for an IPv6 one.
pub fn address_kind(ip: &str) -> &'static str {
    if ip.contains(':') {
        "AAAA"
    } else {
        "A"
    }
}

/// The strings one after another, in one allocation of their total length: what
/// `format!("{a}{b}…")` of string arguments gives, without the formatting machinery (~1,500
/// instructions a call, where the copies take ~100; issue #12: the records and paths made per pod
/// and per Service).
pub(crate) fn concat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        out.push_str(p);
    }
    out
}

/// An address as one DNS label, as CoreDNS's kubernetes plugin writes it (endpointHostname, and
/// the pod records' name): `10-244-1-2`, or for IPv6 the colons dashed (`fd00-10-244-1--5`).
pub fn dashed(ip: &str) -> String {
    // (char by char: str::replace with a pattern of two chars was 1.2% of the CLI's
    // instructions on a 10,000-pod dump, one call per pod record; dumpperf)
    let mut out = String::with_capacity(ip.len());
    out.extend(ip.chars().map(|c| if c == '.' || c == ':' { '-' } else { c }));
    out
}

/// Pod A records `<dashed-ip>.<namespace>.pod.<zone>`: not in the DNS specification, but served
/// by CoreDNS's kubernetes plugin with `pods insecure` (kubeadm's default Corefile), and named in
/// the Kubernetes documentation ("DNS for Services and Pods").
pub fn pod_records(pods: &[PodInst], domain: &str) -> Vec<DnsRecord> {
    // one record per name: host-network pods of a node share its address (the name is made of
    // the address and the namespace alone)
    // (room for every pod at once: growing the set from nothing rehashed it 13 times at
    // 10,000 pods, 17 M instructions of a stream dump's analysis; perf17)
    let mut seen: FastSet<(&str, &str)> = FastSet::with_capacity_and_hasher(pods.len(), Default::default());
    pods.iter()
        .filter_map(|p| {
            let ip = p.ip.as_ref()?;
            ip.parse::<std::net::IpAddr>().ok()?;
            if !seen.insert((ip.as_str(), p.namespace.as_str())) {
                return None;
            }
            Some(DnsRecord { kind: address_kind(ip).into(), name: concat(&[&dashed(ip), ".", &p.namespace, ".pod.", domain]), answer: ip.clone() })
        })
        .collect()
}

/// kubernetes/dns docs/specification.md (schema 1.1.0), sections 2.3–2.5.
pub fn dns_records(svc: &Svc, endpoints: &[Endpoint], domain: &str) -> Vec<DnsRecord> {
    let mut out = Vec::new();
    if svc.rejected {
        return out;
    }
    let fqdn = concat(&[&svc.name, ".", &svc.namespace, ".svc.", domain]);
    let rec = |kind: &str, name: String, answer: String| DnsRecord { kind: kind.into(), name, answer };
    if svc.type_ == "ExternalName" {
        // 2.5: CNAME to spec.externalName, nothing else; an IP address is no name: CoreDNS
        // serves an ExternalName only when its host is a name (plugin/kubernetes/kubernetes.go
        // findServices: `if t, _ := s.HostType(); t == dns.TypeCNAME`), so nothing answers
        if let Some(ext) = svc.external_name.as_ref().filter(|e| !external_name_is_ip(e)) {
            out.push(rec("CNAME", fqdn, ext.clone()));
        }
        return out;
    }
    if !svc.headless() {
        // 2.3.1 / 2.3.2: A record → clusterIP regardless of endpoints; SRV per named port. A
        // dual-stack Service answers one record per clusterIP of the queried type: A for its
        // IPv4 one, AAAA for its IPv6 one (2.3.1 "A / AAAA"; CoreDNS plugin/kubernetes
        // kubernetes.go findServices: one record per svc.ClusterIPs entry)
        if let Some(first) = &svc.cluster_ip {
            let ips = if svc.cluster_ips.len() > 1 { &svc.cluster_ips[..] } else { std::slice::from_ref(first) };
            for ip in ips {
                out.push(rec(address_kind(ip), fqdn.clone(), ip.clone()));
                // 2.3.3: PTR for the clusterIP (each of them)
                if let Some(rev) = reverse_name(ip) {
                    out.push(rec("PTR", rev, fqdn.clone()));
                }
            }
            for p in &svc.ports {
                if let Some(n) = &p.name {
                    out.push(rec("SRV", concat(&["_", n, "._", &p.protocol.to_ascii_lowercase(), ".", &fqdn]), concat(&["0 100 ", &p.port.to_string(), " ", &fqdn])));
                }
            }
            // (CoreDNS answers an endpoint's own name under a Service with a clusterIP too, and
            // its PTR: coredns plugin/kubernetes/kubernetes.go findServices `if svc.Headless() ||
            // r.endpoint != ""`, reverse.go serviceRecordForIP; the DNS specification requires
            // these names only for headless Services, 2.4.1. They are not listed here: a
            // whole cluster's report would carry two records per endpoint, and a learner would
            // see pod IPs under a Service that answers with its clusterIP. dnsquery answers
            // them when asked: `endpoint_records`)
            // corpfix9: except an endpoint with a hostname (a StatefulSet's pod whose subdomain
            // is this Service: ShouldSetHostname), whose per-pod name the StatefulSet's
            // governing-Service note says CoreDNS answers: listed, so that the list agrees
            out.extend(hostname_records(endpoints, &fqdn));
        }
        return out;
    }
    // 2.4 headless: one A per ready endpoint; none → NXDOMAIN (no records)
    // (a dual-stack headless Service has a slice per family: A for the IPv4 addresses, AAAA for
    // the IPv6 ones, each endpoint's both)
    let ready: Vec<&Endpoint> = endpoints.iter().filter(|e| e.ready).collect();
    let addrs = |e: &'_ Endpoint| std::iter::once(e.ip.clone()).chain(e.ip_second.clone());
    for e in &ready {
        for ip in addrs(e) {
            out.push(rec(address_kind(&ip), fqdn.clone(), ip));
        }
    }
    out.extend(endpoint_records(endpoints, &fqdn));
    for p in &svc.ports {
        if let Some(n) = &p.name {
            let carrying: Vec<(&Endpoint, i64)> = ready.iter().filter_map(|e| Some((*e, e.ports.iter().find(|ep| ep.name.as_deref() == Some(n.as_str()))?.port))).collect();
            // the weight is shared among the answers to this name, the endpoints carrying the
            // port: floor(100 / answers), at least 1 (coredns plugin/backend_lookup.go SRV, each
            // answer's default weight 100 over their sum)
            let weight = (100 / carrying.len().max(1)).max(1);
            // (the name is the same for every answer, and no format!: issue #12)
            let name = concat(&["_", n, "._", &p.protocol.to_ascii_lowercase(), ".", &fqdn]);
            let weight = weight.to_string();
            for (e, port) in carrying {
                out.push(rec("SRV", name.clone(), concat(&["0 ", &weight, " ", &port.to_string(), " ", &endpoint_hostname(e), ".", &fqdn])));
            }
        }
    }
    out
}

/// The A / AAAA records `<hostname>.<fqdn>` of the ready endpoints that have a hostname, under a
/// Service with a clusterIP: CoreDNS answers them (coredns plugin/kubernetes/kubernetes.go
/// findServices: `if svc.Headless() || r.endpoint != ""`, the endpoint matched by
/// endpointHostname), though the DNS specification defines them only for a headless Service.
fn hostname_records(endpoints: &[Endpoint], fqdn: &str) -> Vec<DnsRecord> {
    let mut out = Vec::new();
    for e in endpoints.iter().filter(|e| e.ready) {
        let Some(h) = &e.hostname else { continue };
        for ip in std::iter::once(&e.ip).chain(e.ip_second.as_ref()) {
            out.push(DnsRecord { kind: address_kind(ip).into(), name: format!("{h}.{fqdn}"), answer: ip.clone() });
        }
    }
    out
}

/// CoreDNS's name for an endpoint (plugin/kubernetes/kubernetes.go endpointHostname): its
/// hostname, else its IP with dashes (implementation-defined: the specification's section 3
/// allows extensions).
fn endpoint_hostname(e: &Endpoint) -> String {
    e.hostname.clone().unwrap_or_else(|| dashed(&e.ip))
}

/// Each ready endpoint's own name under the Service `fqdn`, `<endpointHostname>.<fqdn>`, A or
/// AAAA per address (spec 2.4.1 for a headless Service, listed in its report; CoreDNS
/// findServices for any, asked of a Service with a clusterIP by core::dnsquery), and the
/// PTR of each address back to it (spec 2.4.3; CoreDNS plugin/kubernetes/reverse.go
/// serviceRecordForIP answers every endpoint address, with or without a hostname, unless
/// ptr_hostname_only is set).
pub(crate) fn endpoint_records(endpoints: &[Endpoint], fqdn: &str) -> Vec<DnsRecord> {
    let mut out = Vec::new();
    for e in endpoints.iter().filter(|e| e.ready) {
        for ip in std::iter::once(e.ip.clone()).chain(e.ip_second.clone()) {
            // a dual-stack endpoint's name answers both families; without a hostname CoreDNS
            // names it by the address of the slice it came from (one name per family)
            let dashed_ip;
            let host = match e.hostname.as_deref() {
                Some(h) => h,
                None => {
                    dashed_ip = dashed(&ip);
                    &dashed_ip
                }
            };
            let name = concat(&[host, ".", fqdn]);
            out.push(DnsRecord { kind: address_kind(&ip).into(), name: name.clone(), answer: ip.clone() });
            if let Some(rev) = reverse_name(&ip) {
                out.push(DnsRecord { kind: "PTR".into(), name: rev, answer: name });
            }
        }
    }
    out
}

#[cfg(test)]
mod distance_tests {
    use super::distance;

    /// FastHasher hashes a string's last bytes as the zero-padded little-endian word they make.
    #[test]
    fn fast_hasher_tail_is_the_padded_word() {
        use std::hash::Hasher;
        fn reference(bytes: &[u8]) -> u64 {
            let mut h = 0u64;
            let mut add = |w: u64| h = (h.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95);
            let mut chunks = bytes.chunks_exact(8);
            for c in &mut chunks {
                add(u64::from_le_bytes(c.try_into().unwrap()));
            }
            if !chunks.remainder().is_empty() {
                let mut b = [0u8; 8];
                b[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
                add(u64::from_le_bytes(b));
            }
            h
        }
        for n in 0..40usize {
            let bytes: Vec<u8> = (0..n).map(|i| (i * 37 + 200) as u8).collect();
            let mut h = super::FastHasher::default();
            h.write(&bytes);
            assert_eq!(h.finish(), reference(&bytes), "{n}");
        }
    }

    /// `nearest_by_value` sorting only the values it can reach gives what sorting them all gave.
    #[test]
    fn nearest_values_are_those_a_full_sort_finds() {
        use super::{nearest_by_value, take_nearest, PodIndex};
        use crate::core::config::Config;
        fn full_sort(index: &PodIndex, ns: &str, k: &str, v: &str, room: usize) -> Vec<(usize, usize, usize)> {
            let Some(values) = index.by_ns_label.get(ns).and_then(|m| m.get(k)) else { return Vec::new() };
            let mut scored: Vec<(usize, &[usize])> = values.iter().filter(|(val, _)| **val != v).map(|(val, pods)| (distance(val, v), pods.as_slice())).collect();
            crate::core::sort::sort_by_key(&mut scored, |(d, pods)| (*d, pods[0]));
            take_nearest(&scored, room)
        }
        let mut yaml = String::new();
        for i in 0..150 {
            let value = match i % 4 {
                0 => format!("app-{}", i * 7 % 53),
                1 => format!("web-{}", i % 9),
                2 => "x".repeat(i % 70 + 1),
                _ => format!("app-{}-{}", i % 5, i % 3),
            };
            yaml.push_str(&format!("---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p-{i}\n  labels:\n    app: {value}\nspec:\n  containers:\n  - name: c\n    image: i\n"));
        }
        let mut diags = Vec::new();
        let objects = crate::core::read_objects(&yaml, &mut diags);
        let cluster = crate::core::cluster::build(&objects, &Config::default(), &mut diags);
        assert!(cluster.pods.len() > 100, "{}", cluster.pods.len());
        let index = PodIndex::new(&cluster);
        for v in ["app-1", "app-10", "app-52", "web-3", "web-33", "zzz", "", "app-1-1", &"x".repeat(66), &"x".repeat(3)] {
            for room in 0..=12 {
                assert_eq!(nearest_by_value(&index, "default", "app", v, room), full_sort(&index, "default", "app", v, room), "{v} {room}");
            }
        }
    }

    /// `PodIndex::new`, which looks a namespace up once per run of its pods, fills every map as
    /// the per-pod loop it replaced did (namespaces in runs, interleaved and coming back; names
    /// and label values shared).
    #[test]
    fn pod_index_by_namespace_runs_is_the_per_pod_index() {
        use super::{slot, PodIndex};
        use crate::core::config::Config;
        fn per_pod(cluster: &super::Cluster) -> PodIndex {
            let mut ix = PodIndex { slices: true, dumped_endpoints: true, ..PodIndex::default() };
            for (i, p) in cluster.pods.iter().enumerate() {
                slot(&mut ix.by_ns, &p.namespace).push(i);
                slot(slot(&mut ix.by_name, &p.namespace), &p.name).push(i);
                let ns_labels = slot(&mut ix.by_ns_label, &p.namespace);
                for (j, (k, v)) in p.labels.iter().enumerate() {
                    if p.labels[..j].iter().any(|(k0, _)| k0 == k) {
                        ix.repeated_keys = true;
                        continue;
                    }
                    slot(slot(ns_labels, k), v).push(i);
                }
                for (k, v) in &p.labels {
                    let e = slot(slot(&mut ix.by_label, k), v);
                    if e.last() != Some(&i) {
                        e.push(i);
                    }
                }
            }
            ix
        }
        fn sorted<V: std::fmt::Debug>(m: &super::FastMap<String, V>) -> Vec<String> {
            let mut v: Vec<String> = m.iter().map(|(k, v)| format!("{k}={v:?}")).collect();
            v.sort();
            v
        }
        let mut yaml = String::new();
        for i in 0..60 {
            let ns = ["a", "a", "b", "a", "c", "c", "c", "b"][i % 8];
            yaml.push_str(&format!("---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p-{}\n  namespace: {ns}\n  labels:\n    app: web-{}\n    tier: t{}\nspec:\n  containers:\n  - name: c\n    image: i\n", i % 13, i % 4, i % 3));
        }
        let mut diags = Vec::new();
        let objects = crate::core::read_objects(&yaml, &mut diags);
        let cluster = crate::core::cluster::build(&objects, &Config::default(), &mut diags);
        assert!(cluster.pods.len() >= 40, "{}", cluster.pods.len());
        let (runs, reference) = (PodIndex::new(&cluster), per_pod(&cluster));
        assert_eq!(sorted(&runs.by_ns), sorted(&reference.by_ns));
        assert_eq!(sorted(&runs.by_name), sorted(&reference.by_name));
        assert_eq!(sorted(&runs.by_label), sorted(&reference.by_label));
        assert_eq!(sorted(&runs.by_ns_label), sorted(&reference.by_ns_label));
        assert_eq!(runs.repeated_keys, reference.repeated_keys);
    }

    #[test]
    fn distance_is_levenshtein_on_the_first_64_bytes() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("web", "wbe"), 2);
        assert_eq!(distance("app-0", "app-1"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("frontend", "frontend"), 0);
        let long = "a".repeat(100);
        assert_eq!(distance(&long, ""), 64);
        assert_eq!(distance(&long, &"a".repeat(70)), 0);
        // common prefixes and suffixes, repeated letters across the cut
        assert_eq!(distance("app-512", "app-517"), 1);
        assert_eq!(distance("abcxabc", "abcabc"), 1);
        assert_eq!(distance("aaaa", "aa"), 2);
        assert_eq!(distance("ab", "ba"), 2);
        assert_eq!(distance("xay", "xby"), 1);
    }

    /// The trimmed distance equals the full dynamic programme on every pair of short strings
    /// over a small alphabet (where common prefixes and suffixes overlap most).
    #[test]
    fn trimming_common_ends_changes_no_distance() {
        fn full(a: &[u8], b: &[u8]) -> usize {
            let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
            for (i, row) in d.iter_mut().enumerate() {
                row[0] = i;
            }
            for (j, cell) in d[0].iter_mut().enumerate() {
                *cell = j;
            }
            for i in 1..=a.len() {
                for j in 1..=b.len() {
                    d[i][j] = (d[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1])).min(d[i - 1][j] + 1).min(d[i][j - 1] + 1);
                }
            }
            d[a.len()][b.len()]
        }
        let words: Vec<String> = (0..3u32.pow(5) * 2)
            .map(|n| {
                let len = (n % 6) as usize;
                let mut m = n / 6;
                (0..len).map(|_| { let c = b"ab-"[(m % 3) as usize] as char; m /= 3; c }).collect()
            })
            .collect();
        for a in &words {
            for b in &words {
                assert_eq!(distance(a, b), full(a.as_bytes(), b.as_bytes()), "{a:?} {b:?}");
            }
        }
        // longer values, up to past the 64-byte cut (the one-row programme over whole rows)
        let mut seed = 12345u64;
        let mut next = move || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        let long: Vec<String> = (0..300).map(|_| (0..next() % 80).map(|_| b"abc-0"[next() % 5] as char).collect()).collect();
        for pair in long.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            assert_eq!(distance(a, b), full(&a.as_bytes()[..a.len().min(64)], &b.as_bytes()[..b.len().min(64)]), "{a:?} {b:?}");
        }
    }
}

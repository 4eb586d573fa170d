//! The EndpointSlices the EndpointSlice controller writes for a Service, as
//! `kubectl get endpointslices -l kubernetes.io/service-name=<svc> -o yaml` prints them (learn18
//! Q12: "what does the EndpointSlice for my Service look like?" — the page named the slice and
//! showed one pod's conditions at a time, never the object kube-proxy and cluster DNS read).
//!
//! Upstream (kubernetes/kubernetes):
//! - `pkg/controller/endpointslice/endpointslice_controller.go` syncService: a Service of type
//!   ExternalName, or one without a selector, gets no slice from the controller;
//! - `staging/src/k8s.io/endpointslice/reconciler.go` reconcileByAddressType: one group of slices
//!   per address type (the Service's ipFamilies) and per port list (`NewPortMapKey` of the
//!   pod's ports: pods whose named targetPort resolves differently land in different slices), at
//!   most `--max-endpoints-per-slice` (100) endpoints each, and one empty placeholder slice when
//!   no pod is an endpoint (read back as `endpoints: null`, `ports: null`: issue #135968);
//! - `staging/src/k8s.io/endpointslice/utils.go` newEndpointSlice (generateName `<svc>-`, an
//!   owner reference to the Service), setEndpointSliceLabels (`kubernetes.io/service-name`,
//!   `endpointslice.kubernetes.io/managed-by`, `service.kubernetes.io/headless` for a headless
//!   Service, plus the Service's own labels), podToEndpoint (addresses, conditions ready /
//!   serving / terminating, hostname, nodeName, targetRef) and getEndpointPorts (name, port,
//!   protocol, appProtocol);
//! - kubectl `-o yaml` prints the JSON's keys sorted (sigs.k8s.io/yaml JSONToYAML).
//!
//! Fields the API server fills in (uid, resourceVersion, creationTimestamp, generation, the
//! owner's uid, the last-change-trigger-time annotation) and the random name suffix cannot be
//! known from the manifests: the text says so rather than inventing them.

use super::cluster::ClusterNode;
use std::fmt::Write as _;
use super::report::ServiceReport;

/// kube-controller-manager `--max-endpoints-per-slice` default (staging/src/k8s.io/endpointslice
/// reconciler.go maxEndpointsPerSlice; cmd/kube-controller-manager options: 100).
pub const MAX_ENDPOINTS_PER_SLICE: usize = 100;

/// One endpoint of a slice (podToEndpoint: the controller writes exactly one address).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SliceEndpoint {
    pub address: String,
    pub ready: bool,
    pub serving: bool,
    pub terminating: bool,
    pub hostname: Option<String>,
    pub node_name: Option<String>,
    /// targetRef: the pod (namespace, name)
    pub pod: Option<(String, String)>,
    /// the `topology.kubernetes.io/zone` label of the endpoint's node, when it has one
    /// (podToEndpoint: `node.Labels[v1.LabelTopologyZone] != ""`; review25)
    pub zone: Option<String>,
    /// hints (review25): (forNodes, forZones), each the endpoint's own node or zone; None: no
    /// hints. trafficdist.go preferCloseHeuristic.update (trafficDistribution PreferClose,
    /// PreferSameZone, PreferSameNode: ready endpoints only, forNodes only for PreferSameNode)
    /// or the topology cache's AddHints for topology-mode Auto when no hint moves zone
    /// (paths::auto_hints Ok).
    pub hints: Option<(Option<String>, Option<String>)>,
}

/// One port of a slice (getEndpointPorts: the Service port's name, "" when unnamed, the number
/// FindPort resolved on the pod, the protocol, the appProtocol).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlicePort {
    pub name: String,
    pub port: i64,
    pub protocol: String,
    pub app_protocol: Option<String>,
}

/// One EndpointSlice as the controller writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slice {
    /// `IPv4` or `IPv6`
    pub address_type: &'static str,
    pub endpoints: Vec<SliceEndpoint>,
    pub ports: Vec<SlicePort>,
    /// topology-mode Auto whose hints the topology cache moves between zones
    /// (redistributeHints, not followed here): the endpoints' hints are not printed
    pub hints_unknown: bool,
}

/// Why the controller writes no slice for the Service (syncService).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoSlices {
    ExternalName,
    NoSelector,
}

/// The Service's address types in the order of its ipFamilies (getAddressTypesForService): the
/// report lists ipFamilies on a dual-stack cluster only; elsewhere the clusterIP's family, or the
/// endpoints' for a headless Service.
fn address_types(s: &ServiceReport) -> Vec<&'static str> {
    let fam = |f: &str| if f == "IPv6" { "IPv6" } else { "IPv4" };
    if !s.ip_families.is_empty() {
        return s.ip_families.iter().map(|f| fam(f)).collect();
    }
    let v6 = match s.cluster_ip.as_deref() {
        Some(ip) if ip != "None" => ip.contains(':'),
        _ => s.endpoints.first().is_some_and(|e| e.ip.contains(':')),
    };
    vec![if v6 { "IPv6" } else { "IPv4" }]
}

/// The zone label of node `name` among `nodes`, when set and not empty.
fn zone_of(nodes: &[ClusterNode], name: Option<&str>) -> Option<String> {
    let n = nodes.iter().find(|n| Some(n.name.as_str()) == name)?;
    n.labels.iter().find(|(k, _)| k == super::paths::ZONE_LABEL).map(|(_, v)| v.clone()).filter(|v| !v.is_empty())
}

/// The hints of one address type's endpoints (reconciler.go reconcileByAddressType: the
/// topology cache's AddHints when the Service is annotated topology-mode Auto, else
/// trafficdist.ReconcileHints for trafficDistribution). Err: hints are written but moved
/// between zones in a way not followed here.
fn set_hints(s: &ServiceReport, nodes: &[ClusterNode], eps: &mut [SliceEndpoint], ipv6: bool) -> Result<(), ()> {
    if s.topology_mode_auto {
        let ready: Vec<Option<&str>> = eps.iter().filter(|e| e.ready).map(|e| e.node_name.as_deref()).collect();
        match super::paths::auto_hints(nodes, &ready, ipv6) {
            Ok(_) => {}
            Err(why) if why.contains("redistributeHints") => return Err(()),
            Err(_) => return Ok(()),
        }
        for e in eps.iter_mut().filter(|e| e.ready) {
            e.hints = Some((None, e.zone.clone()));
        }
        return Ok(());
    }
    let Some(td) = s.traffic_distribution.as_deref().filter(|t| matches!(*t, "PreferClose" | "PreferSameZone" | "PreferSameNode")) else { return Ok(()) };
    for e in eps.iter_mut().filter(|e| e.ready) {
        let node = e.node_name.clone().filter(|_| td == "PreferSameNode");
        e.hints = (node.is_some() || e.zone.is_some()).then(|| (node, e.zone.clone()));
    }
    Ok(())
}

/// The slices the EndpointSlice controller keeps for `s` (its endpoints' nodes among `nodes`),
/// or why it keeps none.
pub fn controller_slices(s: &ServiceReport, nodes: &[ClusterNode]) -> Result<Vec<Slice>, NoSlices> {
    if s.type_ == "ExternalName" {
        return Err(NoSlices::ExternalName);
    }
    if s.selector.is_none() {
        return Err(NoSlices::NoSelector);
    }
    let app_protocol = |name: &Option<String>, proto: &str| s.ports.iter().find(|p| &p.name == name && p.protocol == proto).and_then(|p| p.app_protocol.clone());
    let mut out = Vec::new();
    for (fi, at) in address_types(s).into_iter().enumerate() {
        // (port list, endpoints) in the order the pods come
        let mut groups: Vec<(Vec<SlicePort>, Vec<SliceEndpoint>)> = Vec::new();
        for e in &s.endpoints {
            let address = if fi == 0 { Some(e.ip.clone()) } else { e.ip_second.clone() };
            let Some(address) = address else { continue };
            let ports: Vec<SlicePort> = e
                .ports
                .iter()
                .map(|p| SlicePort { name: p.name.clone().unwrap_or_default(), port: p.port, protocol: p.protocol.clone(), app_protocol: app_protocol(&p.name, &p.protocol) })
                .collect();
            let ep = SliceEndpoint {
                address,
                ready: e.ready,
                serving: e.serving,
                terminating: e.terminating,
                hostname: e.hostname.clone(),
                node_name: e.node.clone(),
                pod: e.pod.clone().map(|p| (e.namespace.clone(), p)),
                zone: zone_of(nodes, e.node.as_deref()),
                hints: None,
            };
            match groups.iter_mut().find(|(p, _)| *p == ports) {
                Some((_, eps)) => eps.push(ep),
                None => groups.push((ports, vec![ep])),
            }
        }
        if groups.is_empty() {
            // reconcileByAddressType: the placeholder slice, no endpoints and no ports
            out.push(Slice { address_type: at, endpoints: Vec::new(), ports: Vec::new(), hints_unknown: false });
            continue;
        }
        // (the hints are worked out over all slices of the address type, as AddHints does)
        let mut all: Vec<SliceEndpoint> = groups.iter().flat_map(|(_, eps)| eps.iter().cloned()).collect();
        let hints_unknown = set_hints(s, nodes, &mut all, at == "IPv6").is_err();
        let mut hinted = all.into_iter();
        for (ports, eps) in groups {
            let eps: Vec<SliceEndpoint> = hinted.by_ref().take(eps.len()).collect();
            for chunk in eps.chunks(MAX_ENDPOINTS_PER_SLICE) {
                out.push(Slice { address_type: at, endpoints: chunk.to_vec(), ports: ports.clone(), hints_unknown });
            }
        }
    }
    Ok(out)
}

/// A YAML scalar as kubectl (sigs.k8s.io/yaml) prints a string: quoted when bare it would read
/// as something else (empty, a number, a boolean, null) or holds YAML's indicators.
fn scalar(v: &str) -> String {
    let plain = !v.is_empty()
        && !matches!(v.to_ascii_lowercase().as_str(), "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "~" | "y" | "n")
        // (decimal::is_f64_text: std's float parser stays out of the wasm, issue #12)
        && !super::decimal::is_f64_text(v)
        && !v.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c) || c == ' ')
        && !v.contains(": ")
        && !v.contains(" #")
        && !v.ends_with(' ')
        && !v.ends_with(':');
    if plain {
        v.to_string()
    } else {
        format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// The slice as `kubectl get endpointslice <name> -o yaml` prints it (keys sorted), with
/// `name` standing for the API server's generated one.
pub fn slice_yaml(s: &ServiceReport, slice: &Slice, name: &str) -> String {
    let mut y = String::new();
    let _ = writeln!(y, "addressType: {}", slice.address_type);
    y.push_str("apiVersion: discovery.k8s.io/v1\n");
    if slice.endpoints.is_empty() {
        y.push_str("endpoints: null\n");
    } else {
        y.push_str("endpoints:\n");
        for e in &slice.endpoints {
            let _ = writeln!(y, "- addresses:\n  - {}", e.address);
            let _ = writeln!(y, "  conditions:\n    ready: {}\n    serving: {}\n    terminating: {}", e.ready, e.serving, e.terminating);
            if let Some((node, zone)) = &e.hints {
                y.push_str("  hints:\n");
                if let Some(n) = node {
                    let _ = writeln!(y, "    forNodes:\n    - name: {}", scalar(n));
                }
                if let Some(z) = zone {
                    let _ = writeln!(y, "    forZones:\n    - name: {}", scalar(z));
                }
            }
            if let Some(h) = &e.hostname {
                let _ = writeln!(y, "  hostname: {}", scalar(h));
            }
            if let Some(n) = &e.node_name {
                let _ = writeln!(y, "  nodeName: {}", scalar(n));
            }
            if let Some((ns, p)) = &e.pod {
                let _ = writeln!(y, "  targetRef:\n    kind: Pod\n    name: {}\n    namespace: {}", scalar(p), scalar(ns));
            }
            if let Some(z) = &e.zone {
                let _ = writeln!(y, "  zone: {}", scalar(z));
            }
        }
    }
    y.push_str("kind: EndpointSlice\n");
    y.push_str("metadata:\n");
    let _ = writeln!(y, "  generateName: {}-", s.name);
    y.push_str("  labels:\n");
    // setEndpointSliceLabels: the Service's labels but the reserved keys (isReservedLabelKey),
    // then service-name, managed-by and, for a headless Service, headless; printed sorted
    const NAME: &str = "kubernetes.io/service-name";
    const MANAGED: &str = "endpointslice.kubernetes.io/managed-by";
    const HEADLESS: &str = "service.kubernetes.io/headless";
    let mut labels: Vec<(&str, String)> = s.labels.iter().filter(|(k, _)| ![NAME, MANAGED, HEADLESS].contains(&k.as_str())).map(|(k, v)| (k.as_str(), scalar(v))).collect();
    labels.push((MANAGED, "endpointslice-controller.k8s.io".to_string()));
    labels.push((NAME, scalar(&s.name)));
    if s.headless {
        labels.push((HEADLESS, "\"\"".to_string()));
    }
    super::sort::sort_by(&mut labels, |a, b| a.0.cmp(b.0));
    for (k, v) in &labels {
        let _ = writeln!(y, "    {}: {v}", scalar(k));
    }
    let _ = writeln!(y, "  name: {name}");
    let _ = writeln!(y, "  namespace: {}", scalar(&s.namespace));
    y.push_str("  ownerReferences:\n  - apiVersion: v1\n    blockOwnerDeletion: true\n    controller: true\n    kind: Service\n");
    let _ = writeln!(y, "    name: {}", scalar(&s.name));
    if slice.ports.is_empty() {
        y.push_str("ports: null\n");
    } else {
        y.push_str("ports:\n");
        for p in &slice.ports {
            let _ = writeln!(y, "- name: {}", if p.name.is_empty() { "\"\"".to_string() } else { scalar(&p.name) });
            if let Some(a) = &p.app_protocol {
                let _ = writeln!(y, "  appProtocol: {}", scalar(a));
            }
            let _ = writeln!(y, "  port: {}\n  protocol: {}", p.port, p.protocol);
        }
    }
    // (sorted keys put appProtocol before name: rewrite that pair)
    fix_port_key_order(&y)
}

/// `- name: x\n  appProtocol: y` → `- appProtocol: y\n  name: x` (JSON keys sorted).
fn fix_port_key_order(y: &str) -> String {
    let lines: Vec<&str> = y.lines().collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        if let (Some(name), Some(next)) = (lines[i].strip_prefix("- name: "), lines.get(i + 1)) {
            if let Some(app) = next.strip_prefix("  appProtocol: ") {
                out.push(format!("- appProtocol: {app}"));
                out.push(format!("  name: {name}"));
                i += 2;
                continue;
            }
        }
        out.push(lines[i].to_string());
        i += 1;
    }
    let mut s = out.join("\n");
    s.push('\n');
    s
}

/// The name kubectl would show: generateName plus five characters the API server picks
/// (apiserver names.SimpleNameGenerator: utilrand.String(5)); here they are written `xxxxx`, and
/// a second slice `yyyyy`, so nobody mistakes them for the cluster's.
pub fn placeholder_name(s: &ServiceReport, i: usize) -> String {
    const STAND_INS: [&str; 4] = ["xxxxx", "yyyyy", "zzzzz", "wwwww"];
    format!("{}-{}", s.name, STAND_INS.get(i).copied().map(str::to_string).unwrap_or_else(|| format!("{i}xxxx")))
}

/// The command, the whole `-o yaml` text (a List, as kubectl prints a label query's answer)
/// and one sentence per part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SliceView {
    pub command: String,
    pub yaml: Option<String>,
    pub lines: Vec<String>,
}

pub fn view(s: &ServiceReport, nodes: &[ClusterNode]) -> SliceView {
    let ns = if s.namespace == "default" { String::new() } else { format!(" -n {}", s.namespace) };
    let command = format!("kubectl get endpointslices -l kubernetes.io/service-name={}{ns} -o yaml", s.name);
    let slices = match controller_slices(s, nodes) {
        Err(NoSlices::ExternalName) => {
            return SliceView {
                command,
                yaml: None,
                lines: vec![format!("No EndpointSlice: {} is an ExternalName Service, which the EndpointSlice controller skips (cluster DNS answers it with a CNAME; there is nothing to list).", s.name)],
            }
        }
        Err(NoSlices::NoSelector) => {
            let own = s.endpoints.iter().any(|e| e.from_endpoints);
            return SliceView {
                command,
                yaml: None,
                lines: vec![format!(
                    "The EndpointSlice controller writes none for {}: it has no selector. kube-proxy and cluster DNS read the EndpointSlices labelled kubernetes.io/service-name={} that you (or a tool) create{}; {}",
                    s.name,
                    s.name,
                    if own { ", and the EndpointSlice mirroring controller copies a v1 Endpoints object of the same name into one" } else { "" },
                    if s.endpoints.is_empty() { "there are none in the input, so it has no endpoints.".to_string() } else { format!("the input gives it {} address(es).", s.endpoints.len()) }
                )],
            };
        }
        Ok(v) => v,
    };
    let docs: Vec<String> = slices.iter().enumerate().map(|(i, sl)| slice_yaml(s, sl, &placeholder_name(s, i))).collect();
    // (a label query's answer is a List, even of one item: kubectl get's -o yaml)
    let mut yaml = String::from("apiVersion: v1\nitems:\n");
    for d in &docs {
        for (j, l) in d.lines().enumerate() {
            yaml.push_str(if j == 0 { "- " } else { "  " });
            yaml.push_str(l);
            yaml.push('\n');
        }
    }
    yaml.push_str("kind: List\nmetadata:\n  resourceVersion: \"\"\n");
    let mut lines = Vec::new();
    let total: usize = slices.iter().map(|sl| sl.endpoints.len()).sum();
    // (review24: kube-proxy watches only slices without the service.kubernetes.io/headless
    // label — cmd/kube-proxy/app/server.go, the noHeadlessEndpoints label requirement — and writes
    // no rules for a headless Service: cluster DNS alone reads its slices)
    let readers = if s.headless { "cluster DNS reads" } else { "kube-proxy on every node and cluster DNS read" };
    let skipped = if s.headless { "; kube-proxy skips the slices of a headless Service (its informer takes only slices without service.kubernetes.io/headless)" } else { "" };
    lines.push(format!(
        "Written by the EndpointSlice controller (kube-controller-manager), not by you: it watches the pods {} selects and rewrites {} whenever one starts, stops, changes readiness or moves; {readers} {} (labelled kubernetes.io/service-name={}{skipped}). The name is {}- plus five random characters (xxxxx here); any labels of the Service are copied onto it, and uid, resourceVersion and timestamps are left out.",
        s.name,
        if slices.len() == 1 { "this slice" } else { "these slices" },
        if slices.len() == 1 { "it" } else { "them" },
        s.name,
        s.name
    ));
    if total == 0 {
        lines.push(format!(
            "endpoints: null — no pod is an endpoint (the selector matches none, or none has an IP yet), so the controller keeps one empty placeholder slice; {}",
            if s.headless { "the Service's DNS name then answers no address (a headless Service has no kube-proxy rules)." } else { "kube-proxy then rejects connections to the Service." }
        ));
    } else {
        let ready = slices.iter().flat_map(|sl| &sl.endpoints).filter(|e| e.ready).count();
        lines.push(format!(
            "endpoints: one entry per selected pod that has an IP, {total} here, {ready} ready. conditions.ready is what DNS publishes and what kube-proxy sends to (when no endpoint of the Service is ready, kube-proxy falls back to those still serving while terminating): serving is the pod's Ready condition, terminating is set while the pod is being deleted, and ready = serving and not terminating (or always true with publishNotReadyAddresses). A pod that is not Ready stays listed with ready: false — it is not removed."
        ));
        let mut pod_ports: Vec<String> = Vec::new();
        for p in slices.iter().flat_map(|sl| &sl.ports) {
            let t = format!("{}/{}", p.port, p.protocol);
            if !pod_ports.contains(&t) {
                pod_ports.push(t);
            }
        }
        lines.push(format!(
            "ports: the port on the pod (the targetPort resolved for each pod: {}), named as the Service's port; the Service's own port ({}) is not in the slice — {}",
            pod_ports.join(", "),
            s.ports.iter().map(|p| p.port.to_string()).collect::<Vec<_>>().join(", "),
            if s.headless { "a headless Service has no kube-proxy rules, so nothing maps it: clients connect to the pod's own port at the address DNS gives." } else { "only kube-proxy's rules map it." }
        ));
        let groups = slices.iter().filter(|sl| sl.address_type == slices[0].address_type).count();
        if groups > 1 && slices.iter().filter(|sl| sl.address_type == slices[0].address_type).any(|sl| sl.ports != slices[0].ports) {
            lines.push(format!(
                "{groups} slices: the controller groups the pods by their resolved ports, so pods whose targetPort resolves to another number (a named targetPort on two versions of the pod) go into a slice of their own."
            ));
        }
        if slices.iter().any(|sl| sl.address_type != slices[0].address_type) {
            lines.push("One slice per address family: the Service is dual-stack, so the controller writes an IPv4 and an IPv6 slice (addressType).".into());
        }
        if slices.iter().any(|sl| sl.endpoints.len() == MAX_ENDPOINTS_PER_SLICE) {
            lines.push(format!("At most {MAX_ENDPOINTS_PER_SLICE} endpoints per slice (kube-controller-manager --max-endpoints-per-slice): more pods make more slices."));
        }
        // review25: zone and hints (podToEndpoint; trafficdist.go, topologycache AddHints)
        let eps = || slices.iter().flat_map(|sl| &sl.endpoints);
        if eps().any(|e| e.zone.is_some()) {
            lines.push(format!("zone: the {} label of the endpoint's node, copied by the controller.", super::paths::ZONE_LABEL));
        }
        if eps().any(|e| e.hints.is_some()) {
            let why = if s.topology_mode_auto {
                "the topology-mode Auto annotation: the controller's topology cache hints each ready endpoint for its own zone (no zone has to give endpoints to another here)".to_string()
            } else {
                format!(
                    "trafficDistribution {}: the controller hints each ready endpoint for its own zone{}",
                    s.traffic_distribution.as_deref().unwrap_or_default(),
                    if eps().any(|e| e.hints.as_ref().is_some_and(|h| h.0.is_some())) { " and its own node" } else { "" }
                )
            };
            lines.push(format!("hints: {why}; endpoints that are not ready get none."));
        }
        if slices.iter().any(|sl| sl.hints_unknown) {
            lines.push("hints: with the topology-mode Auto annotation the controller hints some endpoints for another zone than their own here (redistributeHints), which this picture does not follow, so the endpoints' hints are left out of this YAML.".into());
        }
    }
    SliceView { command, yaml: Some(yaml), lines }
}

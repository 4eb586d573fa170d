//! Per-Service infos about what kube-proxy and the kubelet do with the endpoints that the
//! picture's steady state does not show (fidfix21): the readinessProbe delay every endpoint waits
//! out after a start (qa4 19), and the zone rule of spec.trafficDistribution (qa4 18). Made with
//! the Service's report, so the incremental analysis keeps them with it (mod.rs ServiceCache).

use std::fmt::Write as _;
use super::cluster::Cluster;
use super::diag::{Diagnostic, ErrorType, Severity};
use super::model::Object;
use super::paths::{node_zone, ZONE_LABEL};
use super::report::ServiceReport;
use super::resolve::PodIndex;

/// Every ready endpoint of the Service is a pod (simulated, not a dump's) whose readinessProbe
/// has initialDelaySeconds > 0: after a start no endpoint is Ready for at least the smallest pod
/// delay. pkg/kubelet/prober/worker.go newWorker (`readiness: initialValue = results.Failure`)
/// and doProbe ("Probe disabled for InitialDelaySeconds"); the pod is Ready only when every
/// container is (pkg/kubelet/status generate.go GeneratePodReadyCondition), so a pod waits its
/// largest container delay; the EndpointSlice controller lists a pod not Ready as not ready
/// (k8s.io/endpointslice utils.go podToEndpoint), and kube-proxy sends nothing there. Info.
/// A startupProbe's initialDelaySeconds holds readiness back as well (fidfix22): doProbe runs no
/// readiness probe before the startup probe has succeeded ("Disable other probes until container
/// has started"), and prober_manager.go UpdatePodStatus sets a container Ready only `if started`;
/// a container waits the larger of its two delays, said as StartupInitialDelay when the
/// startupProbe's is the one.
pub fn readiness_delay_note(svc_obj: &Object, s: &ServiceReport, cluster: &Cluster, index: &PodIndex, diags: &mut Vec<Diagnostic>) {
    if s.rejected || s.selector.is_none() {
        return;
    }
    // (delay, container, startupProbe's (period, failureThreshold) when it is the startupProbe's)
    type Delay<'a> = (i64, &'a str, Option<(i64, i64)>);
    let mut delays: Vec<Delay> = Vec::new();
    for e in s.endpoints.iter().filter(|e| e.ready) {
        let Some(&pi) = e.pod.as_deref().and_then(|n| index.named(&e.namespace, n).first()) else { return };
        let pod = &cluster.pods[pi];
        if pod.status_given {
            return;
        }
        let own = |c: &'_ super::model::Container| -> Option<(i64, Option<(i64, i64)>)> {
            let r = c.probes().readiness_initial_delay.map(|n| (n, None));
            let st = c.probes().startup_probe.map(|(n, period, failures)| (n, Some((period, failures))));
            // the larger; on a tie the readinessProbe's words (fidfix21's)
            match (r, st) {
                (Some(r), Some(st)) if st.0 > r.0 => Some(st),
                (Some(r), _) => Some(r),
                (None, st) => st,
            }
        };
        let Some((n, c, startup)) = pod.containers.iter().chain(pod.sidecars.iter()).filter_map(|c| own(c).map(|(n, st)| (n, c.name.as_str(), st))).max_by_key(|d| d.0) else { return };
        delays.push((n, c, startup));
    }
    let Some(&(n, container, startup)) = delays.iter().min_by_key(|d| d.0) else { return };
    // (the verb agrees: "its one ready endpoint waits out", "all 2 … wait out"; qa6 20)
    let all = if delays.len() == 1 { "its one ready endpoint waits".to_string() } else { format!("all {} of its ready endpoints wait", delays.len()) };
    let (code, msg) = match startup {
        None => (
            "ReadinessInitialDelay",
            format!(
                "Service {}: {all} out a readinessProbe initialDelaySeconds (container {container}: {n} s): after a pod's containers start the kubelet does not probe for {n} s and counts the pod not Ready until a probe succeeds, so a new or restarted pod joins the Service's ready endpoints no sooner than {n} s later, and when they all start together (the first rollout, scaling up from zero, a restart of every pod) the Service has no ready endpoint for at least {n} s; the picture shows them later, Ready",
                s.name
            ),
        ),
        Some((period, failures)) => (
            "StartupInitialDelay",
            format!(
                "Service {}: {all} out a startupProbe initialDelaySeconds (container {container}: {n} s): after a pod's containers start the kubelet does not probe the start for {n} s, runs no readiness probe before the startup probe succeeds and counts the pod not Ready until then, so a new or restarted pod joins the Service's ready endpoints no sooner than {n} s later (a start that keeps failing is restarted within about {} s: initialDelaySeconds {n} + periodSeconds {period} × failureThreshold {failures}), and when they all start together (the first rollout, scaling up from zero, a restart of every pod) the Service has no ready endpoint for at least {n} s; the picture shows them later, Ready",
                s.name,
                n + period * failures
            ),
        ),
    };
    diags.push(Diagnostic::note(Severity::Info, ErrorType::Resolution, code, msg, svc_obj.pos("spec.selector")).on(&svc_obj.id()).at_field("spec.selector"));
}

/// spec.trafficDistribution in plain words, on the field (qa4 18: PreferClose read as "same
/// node"). The EndpointSlice controller hints each ready endpoint for its node's zone
/// (k8s.io/endpointslice trafficdist.go preferCloseHeuristic for PreferClose and PreferSameZone;
/// PreferSameNode adds a hint for the endpoint's node), and kube-proxy (pkg/proxy/topology.go
/// CategorizeEndpoints → topologyModeFromHints) keeps, on a node, the endpoints hinted for its
/// node (PreferSameNode: every ready endpoint node-hinted and one for it), else for its zone
/// (every ready endpoint zone-hinted and one for its zone), else every ready endpoint. PreferClose
/// is the older name of PreferSameZone (core/v1 types.go: "PreferClose … Deprecated: use
/// PreferSameZone"). With the zones of the input's nodes: which zones have endpoints. Not when
/// the topology-mode annotation wins (reconciler.go: no trafficDistribution hints then). Info.
pub fn traffic_distribution_note(svc_obj: &Object, s: &ServiceReport, cluster: &Cluster, diags: &mut Vec<Diagnostic>) {
    let Some(td) = s.traffic_distribution.as_deref().filter(|t| matches!(*t, "PreferClose" | "PreferSameZone" | "PreferSameNode")) else { return };
    if s.rejected || s.topology_mode_auto || s.type_ == "ExternalName" {
        return;
    }
    let rule = match td {
        "PreferSameNode" => "the EndpointSlice controller hints each ready endpoint for its own node and its node's zone; kube-proxy on a node then sends that node's connections only to the endpoints on that same node when every ready endpoint has a node hint and at least one is on it, otherwise only to those in the node's zone (when every ready endpoint has a zone hint and one is in that zone), otherwise to every ready endpoint (the node rule is kube-proxy's PreferSameTrafficDistribution feature: beta and on by default since Kubernetes 1.34, alpha and off in 1.33)".to_string(),
        _ => format!(
            "the EndpointSlice controller hints each ready endpoint for its node's zone (the node's {ZONE_LABEL} label), and kube-proxy on a node sends that node's connections only to the endpoints hinted for the node's zone, when every ready endpoint has a zone hint and at least one is in that zone; otherwise to every ready endpoint. It is a zone rule, not a node rule: a client's connection may go to any endpoint in its zone, on its own node or another{}",
            if td == "PreferClose" { " (PreferClose is the older name of PreferSameZone)" } else { "" }
        ),
    };
    let ready: Vec<&super::resolve::Endpoint> = s.endpoints.iter().filter(|e| e.ready).collect();
    let zone_of = |e: &&super::resolve::Endpoint| e.node.as_deref().and_then(|n| node_zone(&cluster.nodes, n));
    let here = if ready.is_empty() {
        String::new()
    } else if ready.iter().all(|e| zone_of(e).is_none()) {
        format!(". Here no ready endpoint's node has a {ZONE_LABEL} label, so no zone hint is written and {}", every(td))
    } else if let Some(e) = ready.iter().find(|e| zone_of(e).is_none()) {
        format!(
            ". Here the node of endpoint {} has no {ZONE_LABEL} label, so not every ready endpoint has a zone hint and {}",
            e.pod.as_deref().unwrap_or(e.ip.as_str()),
            every(td)
        )
    } else {
        // zones with ready endpoints, in the order of the nodes (then of the endpoints)
        let mut zones: Vec<(&str, Vec<&str>)> = Vec::new();
        for e in &ready {
            let z = zone_of(e).unwrap_or_default();
            let name = e.pod.as_deref().unwrap_or(e.ip.as_str());
            match zones.iter_mut().find(|(x, _)| *x == z) {
                Some((_, v)) => v.push(name),
                None => zones.push((z, vec![name])),
            }
        }
        let with: Vec<String> = zones.iter().map(|(z, pods)| format!("zone {z}: {}", pods.join(", "))).collect();
        let mut empty: Vec<&str> = Vec::new();
        for n in &cluster.nodes {
            if let Some(z) = node_zone(&cluster.nodes, &n.name) {
                if !zones.iter().any(|(x, _)| *x == z) && !empty.contains(&z) {
                    empty.push(z);
                }
            }
        }
        let unzoned: Vec<&str> = cluster.nodes.iter().filter(|n| node_zone(&cluster.nodes, &n.name).is_none()).map(|n| n.name.as_str()).collect();
        let mut t = format!(". Here the ready endpoints are in {}", with.join("; "));
        if !empty.is_empty() {
            let _ = write!(t, "; the nodes in {} {} have no endpoint in their zone, so kube-proxy there uses every endpoint", if empty.len() == 1 { "zone" } else { "zones" }, empty.join(", "));
        }
        if !unzoned.is_empty() {
            let _ = write!(t, "; {} {} no {ZONE_LABEL} label, so kube-proxy there uses every endpoint", unzoned.join(", "), if unzoned.len() == 1 { "has" } else { "have" });
        }
        t
    };
    // PreferSameNode: every ready endpoint has a node hint (its nodeName), so a node with a ready
    // endpoint of its own uses only those, before any zone rule (topologyModeFromHints)
    let here = if td == "PreferSameNode" && !ready.is_empty() {
        let mut own: Vec<&str> = Vec::new();
        for n in ready.iter().filter_map(|e| e.node.as_deref()) {
            if !own.contains(&n) {
                own.push(n);
            }
        }
        let rest = here.strip_prefix(". Here ").map(|r| format!("; for the other nodes: {r}")).unwrap_or_default();
        format!(". Here {} {} a ready endpoint of {} own and {} only {}{rest}", own.join(", "), if own.len() == 1 { "has" } else { "have" }, if own.len() == 1 { "its" } else { "their" }, if own.len() == 1 { "uses" } else { "use" }, if own.len() == 1 { "it" } else { "those" })
    } else {
        here
    };
    // review20: kube-proxy reads the hints only for the traffic a Cluster policy governs
    // (pkg/proxy/topology.go CategorizeEndpoints: topologyModeFromHints runs only `if
    // svcInfo.UsesClusterEndpoints()`; pkg/proxy/serviceport.go UsesClusterEndpoints: not
    // InternalPolicyLocal, or externally accessible with externalTrafficPolicy Cluster). With
    // internalTrafficPolicy: Local an in-cluster connection goes only to its own node's ready
    // endpoints, hints or not
    let msg = if s.internal_traffic_policy.as_deref() == Some("Local") {
        if s.external_traffic_policy.as_deref() == Some("Cluster") {
            format!(
                "spec.trafficDistribution: {td}: with internalTrafficPolicy: Local it governs only connections from outside the cluster (nodePort, load balancer, external IPs: externalTrafficPolicy Cluster), on the node they arrive at; in-cluster connections go only to the ready endpoints on the client's own node, whatever the hints (pkg/proxy/topology.go CategorizeEndpoints). For those outside connections: {rule}{here}"
            )
        } else {
            format!(
                "spec.trafficDistribution: {td}: not used by kube-proxy for this Service: with internalTrafficPolicy: Local{} it sends each connection only to the ready endpoints on the node it is on, and reads the EndpointSlice hints only for traffic a Cluster policy governs (pkg/proxy/topology.go CategorizeEndpoints: topologyModeFromHints only when the port uses Cluster endpoints)",
                if s.external_traffic_policy.as_deref() == Some("Local") { " and externalTrafficPolicy: Local" } else { "" }
            )
        }
    } else {
        format!("spec.trafficDistribution: {td}: {rule}{here}")
    };
    diags.push(Diagnostic::note(Severity::Info, ErrorType::Resolution, "TrafficDistribution", msg, svc_obj.pos("spec.trafficDistribution")).on(&svc_obj.id()).at_field("spec.trafficDistribution"));
}

/// Who uses every endpoint when no zone hint helps: every node, or under PreferSameNode the nodes
/// without a ready endpoint of their own.
fn every(td: &str) -> &'static str {
    if td == "PreferSameNode" {
        "those nodes use every endpoint"
    } else {
        "every endpoint is used from every node"
    }
}

/// qa6 16, 17 (rancher/rancher#6600, kubernetes/kubernetes#111536): a pod's own DNS name
/// `<hostname>.<subdomain>.<namespace>.svc.<zone>` exists only as an endpoint hostname of the
/// Service named like its subdomain: kubernetes/kubernetes
/// pkg/controller/util/endpoint/controller_utils.go ShouldSetHostname (`len(pod.Spec.Hostname) >
/// 0 && pod.Spec.Subdomain == svc.Name && svc.Namespace == pod.Namespace`), and cluster DNS
/// serves hostnames from the endpoints of that Service (kubernetes/dns docs/specification.md
/// 2.4.1 asks it of a headless Service; CoreDNS plugin/kubernetes kubernetes.go findServices
/// answers an endpoint query `if svc.Headless() || r.endpoint != ""`, so under a clusterIP
/// Service too — review21; an endpoint without hostname is named by its dashed address).
/// So a pod with spec.hostname and spec.subdomain but no Service of that name selecting it has
/// no record (warning); pods with a subdomain and no spec.hostname (a Deployment's, a
/// DaemonSet's) never have a per-pod name, though the kubelet sets their hostname -f to one
/// (info). A StatefulSet's pods are said by its serviceName warning; dumps are not judged.
/// Run while the objects' trees are whole (spec.setHostnameAsFQDN, the field's position).
pub fn pod_subdomain_notes(objects: &[Object], svcs: &[super::service::Svc], cluster: &Cluster, domain: &str, diags: &mut Vec<Diagnostic>) {
    use super::model::Body;
    // the first pod of each object whose pods have a subdomain
    let mut first: Vec<(usize, &super::cluster::PodInst, usize)> = Vec::new();
    for p in cluster.pods.iter().filter(|p| p.subdomain.as_deref().is_some_and(|s| !s.is_empty())) {
        match first.iter_mut().find(|(o, ..)| *o == p.object) {
            Some((_, _, n)) => *n += 1,
            None => first.push((p.object, p, 1)),
        }
    }
    for (oi, p, count) in first {
        let Some(o) = objects.get(oi) else { continue };
        let Some(prefix) = o.pod_spec_path() else { continue };
        if o.refused || o.dumped() || o.kind == "StatefulSet" {
            continue;
        }
        let sub = p.subdomain.as_deref().unwrap_or_default();
        let ns = p.namespace.as_str();
        let svc = svcs.iter().find(|s| !s.rejected && s.name == sub && s.namespace == ns);
        let selects = svc.and_then(|s| s.selector.as_ref()).is_some_and(|sel| !sel.is_empty() && super::resolve::selector_matches(sel, &p.labels));
        let labels = super::model::labels_text(&p.labels, ",");
        let at = o.pos(&format!("{prefix}.subdomain"));
        match p.hostname.as_deref().filter(|h| !h.is_empty()) {
            Some(host) => {
                let fqdn = format!("{host}.{sub}.{ns}.svc.{domain}");
                let why = match svc {
                    None => format!("no Service named {sub} in namespace {ns}"),
                    Some(s) if !selects => format!("Service {sub} does not select this pod ({}; the pod's labels: {labels})", s.selector.as_ref().filter(|l| !l.is_empty()).map_or("it has no selector".to_string(), |l| format!("selector {}", super::model::labels_text(l, ",")))),
                    // fidfix24 (review21): a Service with a clusterIP selects it: CoreDNS answers
                    // the name (coredns plugin/kubernetes/kubernetes.go findServices: `if
                    // svc.Headless() || r.endpoint != ""`; resolve::dns_records lists it), but
                    // the DNS specification defines it only under a headless Service
                    // (kubernetes/dns docs/specification.md 2.4.1), and kube-dns makes none
                    // (kubernetes/dns pkg/dns/dns.go addDNSUsingEndpoints: `if svc == nil ||
                    // v1.IsServiceIPSet(svc) … return nil`): said, as the StatefulSet's
                    // serviceName note says it for its pods
                    Some(s) if !s.headless() && s.type_ != "ExternalName" => {
                        diags.push(
                            Diagnostic::note(Severity::Info, ErrorType::Resolution, "SubdomainClusterIPService",
                                format!("spec.subdomain {sub} names Service {sub}, which has a clusterIP: CoreDNS answers {fqdn} with the pod's address while it is a ready endpoint, but the Kubernetes DNS specification defines a pod's hostname.subdomain name only under a headless Service (clusterIP: None), so a cluster DNS that keeps to it (kube-dns) does not answer it"),
                                at)
                            .on(&o.id()),
                        );
                        continue;
                    }
                    Some(_) => continue,
                };
                diags.push(
                    Diagnostic::note(Severity::Warning, ErrorType::Resolution, "SubdomainWithoutService",
                        format!("spec.subdomain {sub}: {why}, so {fqdn} does not resolve: cluster DNS serves a pod's hostname.subdomain name only as an endpoint hostname of the Service named like its subdomain (the DNS specification asks it of a headless Service; CoreDNS answers it under a clusterIP Service too) and the EndpointSlice controller sets the endpoint's hostname when spec.subdomain is that Service's name and spec.hostname is set"),
                        at)
                    .hint(format!("Create a headless Service (clusterIP: None) named {sub} in namespace {ns} whose selector matches the pod ({labels})"))
                    .on(&o.id()),
                );
            }
            None => {
                let fqdn_flag = super::yaml::node_at(&o.source, prefix).and_then(|s| s.get("setHostnameAsFQDN")).is_some_and(|n| matches!(n.kind, super::yaml::NodeKind::Scalar { value: super::yaml::Value::Bool(true), .. }));
                let dashed = p.ip.as_deref().map(super::resolve::dashed);
                let known = match (svc, selects, dashed) {
                    (Some(s), true, Some(d)) if s.headless() && count == 1 => format!("; cluster DNS knows it only by its address under the headless Service {sub}, as {d}.{sub}.{ns}.svc.{domain}"),
                    (Some(s), true, Some(d)) if s.headless() => format!("; cluster DNS knows them only by their addresses under the headless Service {sub}, as {d}.{sub}.{ns}.svc.{domain} and the like"),
                    (None, ..) => format!("; there is no Service named {sub} in namespace {ns} either"),
                    _ => String::new(),
                };
                let whose = if count == 1 { "the pod has no DNS name of its own" } else { "its pods have no DNS names of their own" };
                let fqdn_note = if fqdn_flag { ". With setHostnameAsFQDN: true the pod's own hostname is that name, which nobody can resolve" } else { "" };
                let hint = if matches!(o.body, Body::Pod(..)) {
                    format!("Set spec.hostname to give the pod the name <hostname>.{sub}.{ns}.svc.{domain}")
                } else {
                    format!("For stable per-pod names use a StatefulSet with serviceName: {sub} (it sets each pod's hostname to its name)")
                };
                diags.push(
                    Diagnostic::note(Severity::Info, ErrorType::Resolution, "SubdomainWithoutHostname",
                        format!("spec.subdomain {sub} without spec.hostname: {whose} (no {}.{sub}.{ns}.svc.{domain} record): the EndpointSlice controller sets an endpoint's hostname only from spec.hostname, though the kubelet makes <pod name>.{sub}.{ns}.svc.{domain} the pod's hostname -f{known}{fqdn_note}", p.name),
                        at)
                    .hint(hint)
                    .on(&o.id()),
                );
            }
        }
    }
}

/// qa6 07 (kubernetes/kubernetes#35028): a canary Deployment whose labels the main Deployment's
/// selector also matches (run=hostname on both, track=canary on the canary). kubernetes/website
/// concepts/workloads/controllers/deployment.md: "Do not overlap labels or selectors with other
/// controllers (including other Deployments and StatefulSets). Kubernetes doesn't stop you from
/// overlapping, and if multiple controllers have overlapping selectors those controllers might
/// conflict and behave unexpectedly." Since ControllerRef each controller adopts only pods no
/// other controller owns (pkg/controller/controller_ref_manager.go ClaimPods), but what selects
/// pods by the workload's selector counts the other's pods: a HorizontalPodAutoscaler lists the
/// scale subresource's selector (pkg/controller/podautoscaler/replica_calculator.go
/// GetResourceReplicas: `c.podLister.Pods(namespace).List(selector)`). An info on the apps/v1
/// workload whose matchLabels selector matches another workload's pod template in its
/// namespace; a Service selecting both (the canary pattern) is what the Service's own info says.
/// Written manifests only (a dump's controllers are as they are).
pub fn workload_selector_overlaps(objects: &[Object], diags: &mut Vec<Diagnostic>) {
    use super::model::Body;
    let apps = |o: &&Object| !o.refused && !o.dumped() && matches!(o.kind.as_str(), "Deployment" | "ReplicaSet" | "StatefulSet" | "DaemonSet") && o.api_version == "apps/v1";
    let workloads: Vec<(&Object, &super::model::Workload)> = objects.iter().filter(apps).filter_map(|o| match &o.body {
        Body::Workload(w) => Some((o, w)),
        _ => None,
    }).collect();
    if workloads.len() < 2 {
        return;
    }
    for (o, w) in &workloads {
        let Some(sel) = w.match_labels.as_ref().filter(|m| !m.is_empty() && w.match_expressions.is_empty()) else { continue };
        let others: Vec<String> = workloads.iter()
            .filter(|(p, v)| !std::ptr::eq(*p, *o) && p.meta.namespace == o.meta.namespace && super::resolve::selector_matches(sel, &v.template_labels))
            .map(|(p, v)| format!("{} {} ({})", p.kind, p.meta.name, super::model::labels_text(&v.template_labels, ",")))
            .collect();
        let Some(first) = others.first() else { continue };
        let sel_text = super::model::labels_text(sel, ",");
        let listed = if others.len() == 1 { format!("the pod template of {first}") } else { format!("the pod templates of {}", others.join(", ")) };
        diags.push(
            Diagnostic::note(Severity::Info, ErrorType::Resolution, "WorkloadSelectorOverlaps",
                format!("{} {}'s selector {sel_text} also matches {listed}: the Deployment documentation says not to overlap selectors with other controllers (\"if multiple controllers have overlapping selectors those controllers might conflict and behave unexpectedly\"). Each controller keeps only the pods it owns (ownerReferences), but whatever selects by this selector counts the other's pods too: a HorizontalPodAutoscaler of {} averages their metrics, and kubectl get pods -l {sel_text} lists them", o.kind, o.meta.name, o.meta.name),
                o.pos("spec.selector"))
            .hint(format!("Give {} a label the others' templates lack (for a canary: track: stable) in its selector and template; a Service can keep selecting {sel_text} to reach both", o.meta.name))
            .on(&o.id()),
        );
    }
}

/// qa6 01 (kubernetes/kubernetes#103464): a LoadBalancer Service with 443/TCP and 443/UDP. The
/// API server accepts it (MixedProtocolLBService, GA in 1.26), and both protocols share one
/// nodePort (pkg/registry/core/service/storage/alloc.go initNodePorts); whether the cloud's load
/// balancer serves both is the provider's call — kubernetes/website
/// concepts/services-networking/service.md "Load balancers with mixed protocol types": "The set
/// of protocols that can be used for load balanced Services is defined by your cloud provider;
/// they may impose restrictions beyond what the Kubernetes API enforces". An info.
pub fn mixed_protocol_lb_note(svc_obj: &Object, s: &ServiceReport, diags: &mut Vec<Diagnostic>) {
    if s.rejected || s.type_ != "LoadBalancer" {
        return;
    }
    let mut protocols: Vec<&str> = Vec::new();
    for p in &s.ports {
        if !protocols.contains(&p.protocol.as_str()) {
            protocols.push(&p.protocol);
        }
    }
    if protocols.len() < 2 {
        return;
    }
    diags.push(
        Diagnostic::note(Severity::Info, ErrorType::Resolution, "MixedProtocolLoadBalancer",
            format!("Service {}: a LoadBalancer with ports of more than one protocol ({}): the API server accepts it (MixedProtocolLBService, GA since Kubernetes 1.26), but the cloud provider decides which protocols its load balancer serves together and may refuse the mix or drop one (\"they may impose restrictions beyond what the Kubernetes API enforces\"); the Service's status.conditions and events say so", s.name, protocols.join(", ")),
            svc_obj.pos("spec.ports"))
        .on(&format!("Service/{}/{}", s.namespace, s.name))
        .at_field("spec.ports"),
    );
}

/// The written (not refused, not dumped) pod or workload object `object` with the path of its pod
/// spec, and "the pod" / "its pods" for the words (host_network_dns_notes, dns_none_notes).
fn written_pod_spec(objects: &[Object], object: usize) -> Option<(&Object, &'static str, &'static str)> {
    let o = objects.get(object)?;
    let prefix = o.pod_spec_path()?;
    if o.refused || o.dumped() {
        return None;
    }
    Some((o, prefix, if matches!(o.body, super::model::Body::Pod(..)) { "the pod" } else { "its pods" }))
}

/// qa6 11 (docker/for-mac#2646, kubernetes/kubernetes#17406: a hostNetwork DaemonSet's `ping
/// etcd` says "bad address"): a written host-network pod or workload whose dnsPolicy is
/// ClusterFirst (the default) does not use the cluster DNS — pkg/kubelet/network/dns/dns.go
/// getPodDNSType: `case v1.DNSClusterFirst: if !kubecontainer.IsHostNetworkPod(pod) { return
/// podDNSCluster }` "Fallback to DNSDefault for pod on hostnetwork". An info on spec.hostNetwork,
/// outside kube-system (its host-network agents, kube-proxy among them, need no Service names);
/// not for dumps. The path of such a client pod says the same (paths::node_resolver_paths).
pub fn host_network_dns_notes(objects: &[Object], cluster: &Cluster, diags: &mut Vec<Diagnostic>) {
    let mut seen: Vec<usize> = Vec::new();
    for p in cluster.pods.iter().filter(|p| p.host_network && p.namespace != "kube-system" && super::paths::node_resolver_reason(p).is_some() && p.dns_policy.is_none()) {
        if seen.contains(&p.object) {
            continue;
        }
        seen.push(p.object);
        let Some((o, prefix, whose)) = written_pod_spec(objects, p.object) else { continue };
        diags.push(
            Diagnostic::note(Severity::Info, ErrorType::Resolution, "HostNetworkClusterFirst",
                format!("hostNetwork: true with dnsPolicy ClusterFirst (the default): the kubelet gives a host-network pod its node's /etc/resolv.conf instead of the cluster DNS, so {whose} cannot resolve Service names, short or fully qualified: a lookup fails (ping: \"bad address\", curl: \"Could not resolve host\") while the Services' clusterIPs are reached"),
                o.pos(&format!("{prefix}.hostNetwork")))
            .hint("Set dnsPolicy: ClusterFirstWithHostNet to use the cluster DNS from the node's network")
            .on(&o.id()),
        );
    }
}

/// qa10 12 (SREGym/SREGym#46: `dnsPolicy: None` with `nameservers: [8.8.8.8]`, "Pod loses all
/// resolution"): a written pod or workload whose dnsPolicy is None and whose spec.dnsConfig names
/// first a resolver outside the cluster (paths::dns_none_nameserver) gets a resolv.conf of
/// dnsConfig alone — pkg/kubelet/network/dns/dns.go GetPodDNS, `case podDNSNone` — so its pods
/// resolve no Service name. An info on spec.dnsPolicy; not for dumps. The path of such a client
/// pod says the same (paths::dns_none_paths).
pub fn dns_none_notes(objects: &[Object], cluster: &Cluster, dns_ip: &str, service_cidrs: &[super::config::Cidr], diags: &mut Vec<Diagnostic>) {
    let mut seen: Vec<usize> = Vec::new();
    for p in &cluster.pods {
        if seen.contains(&p.object) {
            continue;
        }
        let Some(ns) = super::paths::dns_none_nameserver(p, cluster, dns_ip, service_cidrs) else { continue };
        seen.push(p.object);
        let Some((o, prefix, whose)) = written_pod_spec(objects, p.object) else { continue };
        diags.push(
            Diagnostic::note(Severity::Info, ErrorType::Resolution, "DNSPolicyNoneOutside",
                format!("dnsPolicy: None with nameserver {ns} first in spec.dnsConfig: the kubelet writes the /etc/resolv.conf of {whose} from spec.dnsConfig alone, without the cluster DNS {dns_ip} and its search path, and {ns} is no cluster resolver, so {whose} cannot resolve Service names, short or fully qualified (unless {ns} forwards the cluster's zone to {dns_ip}), while the Services' clusterIPs are reached"),
                o.pos(&format!("{prefix}.dnsPolicy")))
            .hint(format!("Remove dnsPolicy: None (ClusterFirst is the default and keeps spec.dnsConfig's additions), or put {dns_ip} first in spec.dnsConfig.nameservers"))
            .on(&o.id()),
        );
    }
}

/// fidfix24 (qa6 19, 20: kube-httpcache's readiness gate, mittwald/kube-httpcache#222;
/// elasticsearch's discovery Service, kubernetes/kubernetes#78290): a headless Service whose
/// selected pods are not Ready now, or not for their first seconds after each start (a
/// readinessProbe's or startupProbe's initialDelaySeconds), publishes no DNS record for them —
/// cluster DNS answers a headless Service's name and its pods' own names with its ready
/// endpoints only (kubernetes/dns docs/specification.md 2.4.1) — so pods that find each other
/// through it (peer discovery) do not see them. ServiceSpec.PublishNotReadyAddresses is the known
/// fix (core/v1 types.go: "The primary use case for setting this field is for a StatefulSet's
/// Headless Service to propagate SRV DNS records for its Pods for the purpose of peer
/// discovery"): the EndpointSlice controller then lists every selected pod ready
/// (k8s.io/endpointslice utils.go podToEndpoint: `ready := service.Spec.PublishNotReadyAddresses
/// || (serving && !terminating)`, serving still the pod's Ready condition; ShouldPodBeInEndpoints
/// keeps terminating pods too, `includeTerminating` being that field), and a headless Service has
/// no kube-proxy rules, so only DNS and the slices' readers see the change. Only for a headless
/// Service (with a clusterIP the field also sends kube-proxy's traffic to pods that are not
/// Ready), only for pods this picture simulates (not a dump's), and not for a StatefulSet's pods
/// under its governing Service, which mod.rs's StatefulSetNotReadyPeers says on serviceName. Info.
pub fn publish_not_ready_note(svc_obj: &Object, s: &ServiceReport, cluster: &Cluster, index: &PodIndex, diags: &mut Vec<Diagnostic>) {
    let publishes = matches!(&svc_obj.body, super::model::Body::Service(spec) if spec.publish_not_ready_addresses);
    if s.rejected || !s.headless || s.selector.is_none() || publishes || s.type_ == "ExternalName" {
        return;
    }
    let mut not_ready: Vec<&str> = Vec::new();
    let mut delayed: Vec<(&str, i64)> = Vec::new();
    for e in &s.endpoints {
        let Some(&pi) = e.pod.as_deref().and_then(|n| index.named(&e.namespace, n).first()) else { continue };
        let pod = &cluster.pods[pi];
        if pod.status_given || pod.terminating || pod.phase != "Running" {
            continue;
        }
        if pod.owner.as_deref().is_some_and(|o| o.starts_with("StatefulSet/")) && pod.subdomain.as_deref() == Some(s.name.as_str()) {
            continue;
        }
        if !e.ready {
            not_ready.push(pod.name.as_str());
            continue;
        }
        let delay = pod.containers.iter().chain(pod.sidecars.iter()).filter_map(|c| c.probes().readiness_initial_delay.into_iter().chain(c.probes().startup_probe.map(|p| p.0)).max()).max();
        if let Some(n) = delay.filter(|&n| n > 0) {
            delayed.push((pod.name.as_str(), n));
        }
    }
    let what = match (not_ready.as_slice(), delayed.iter().map(|d| d.1).min()) {
        ([], None) => return,
        ([one], _) => format!("its pod {one} is not Ready"),
        (many @ [_, ..], _) => format!("{} of its pods ({}) are not Ready", many.len(), if many.len() > 3 { format!("{}, …", many[..3].join(", ")) } else { many.join(", ") }),
        ([], Some(n)) => format!("its pods are not Ready for at least {n} s after each start (a probe's initialDelaySeconds; the picture shows them later, Ready)"),
    };
    let fqdn = format!("{}.{}.svc", s.name, s.namespace);
    diags.push(
        Diagnostic::note(Severity::Info, ErrorType::Resolution, "HeadlessNotReadyPeers",
            format!("Service {} is headless and {what}: cluster DNS answers {fqdn} and the pods' own names under it with ready endpoints only (DNS spec §2.4.1), so pods that find each other through this Service (peer discovery, a cluster that forms before its members pass their readiness checks) do not see a pod until it is Ready. publishNotReadyAddresses: true makes the EndpointSlice controller list every selected pod as ready (serving still says whether it is Ready); a headless Service has no kube-proxy rules, so only its DNS records and the readers of its EndpointSlices see the change", s.name),
            svc_obj.pos("spec.clusterIP"))
        .hint(format!("If the pods discover their peers through Service {}, set publishNotReadyAddresses: true on it", s.name))
        .on(&svc_obj.id())
        .at_field("spec.clusterIP"),
    );
}

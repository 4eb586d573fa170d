//! Per-Service infos about what kube-proxy and the kubelet do with the endpoints that the
//! picture's steady state does not show (fidfix21): the readinessProbe delay every endpoint waits
//! out after a start (qa4 19), and the zone rule of spec.trafficDistribution (qa4 18). Made with
//! the Service's report, so the incremental analysis keeps them with it (mod.rs ServiceCache).

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
            let r = c.readiness_initial_delay.map(|n| (n, None));
            let st = c.startup_probe.map(|(n, period, failures)| (n, Some((period, failures))));
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
    let all = if delays.len() == 1 { "its one ready endpoint".to_string() } else { format!("all {} of its ready endpoints", delays.len()) };
    let (code, msg) = match startup {
        None => (
            "ReadinessInitialDelay",
            format!(
                "Service {}: {all} wait out a readinessProbe initialDelaySeconds (container {container}: {n} s): after a pod's containers start the kubelet does not probe for {n} s and counts the pod not Ready until a probe succeeds, so a new or restarted pod joins the Service's ready endpoints no sooner than {n} s later, and when they all start together (the first rollout, scaling up from zero, a restart of every pod) the Service has no ready endpoint for at least {n} s; the picture shows them later, Ready",
                s.name
            ),
        ),
        Some((period, failures)) => (
            "StartupInitialDelay",
            format!(
                "Service {}: {all} wait out a startupProbe initialDelaySeconds (container {container}: {n} s): after a pod's containers start the kubelet does not probe the start for {n} s, runs no readiness probe before the startup probe succeeds and counts the pod not Ready until then, so a new or restarted pod joins the Service's ready endpoints no sooner than {n} s later (a start that keeps failing is restarted within about {} s: initialDelaySeconds {n} + periodSeconds {period} × failureThreshold {failures}), and when they all start together (the first rollout, scaling up from zero, a restart of every pod) the Service has no ready endpoint for at least {n} s; the picture shows them later, Ready",
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
            t.push_str(&format!("; the nodes in {} {} have no endpoint in their zone, so kube-proxy there uses every endpoint", if empty.len() == 1 { "zone" } else { "zones" }, empty.join(", ")));
        }
        if !unzoned.is_empty() {
            t.push_str(&format!("; {} {} no {ZONE_LABEL} label, so kube-proxy there uses every endpoint", unzoned.join(", "), if unzoned.len() == 1 { "has" } else { "have" }));
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

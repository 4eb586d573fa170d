//! Lines of a pod's details panel that are not its relation to the selected Service
//! (core::layout::relation): the EndpointSlice conditions of its endpoint, and what a hostPort
//! opens. Pure, so the native tests read the very sentences the page shows (learner9).

use super::report::{PodReport, ServiceReport};

/// The pod's endpoint in `svc`'s EndpointSlice, as the slice writes its conditions:
/// staging/src/k8s.io/endpointslice/utils.go podToEndpoint — serving = the pod's Ready
/// condition, terminating = deletionTimestamp set, ready = publishNotReadyAddresses ||
/// (serving && !terminating). None when the pod is no endpoint of it (learner9 U Q07).
pub fn slice_conditions(svc: Option<&ServiceReport>, pod: &PodReport) -> Option<String> {
    let s = svc?;
    let e = s.endpoints.iter().find(|e| e.pod.as_deref() == Some(pod.name.as_str()) && e.namespace == pod.namespace)?;
    let why = match (e.ready, e.serving, e.terminating) {
        (true, _, false) => "Ready",
        (true, _, true) => "publishNotReadyAddresses lists it ready though it is being deleted",
        (false, true, true) => "being deleted but still passing its readiness probe: used only while no ready endpoint is left",
        (false, false, true) => "being deleted and no longer passing its readiness probe",
        (false, true, false) => "serving",
        (false, false, false) => "not Ready",
    };
    Some(format!("ready={} serving={} terminating={} ({why})", e.ready, e.serving, e.terminating))
}

/// What each hostPort of the pod opens: the kubelet hands the pod's port mappings to the
/// container runtime with the sandbox (pkg/kubelet/kuberuntime/kuberuntime_sandbox.go
/// generatePodSandboxConfig: `PortMappings` with HostPort), and the runtime's CNI portmap plugin
/// writes a DNAT rule for that port on the pod's own node only — kube-proxy and Services play
/// no part, unlike a nodePort, which kube-proxy opens on every node (learner9 M Q12). A
/// hostNetwork pod listens on the node's address itself.
pub fn host_ports(pod: &PodReport, node_ip: Option<&str>) -> Vec<String> {
    if pod.host_network {
        return vec![];
    }
    let node = pod.node.as_deref();
    pod.containers
        .iter()
        .chain(pod.sidecars.iter())
        .flat_map(|c| c.ports.iter())
        .filter_map(|p| {
            let h = p.host_port.filter(|&h| h != 0)?;
            let proto = p.protocol.as_deref().unwrap_or("TCP");
            let at = match (node, node_ip) {
                (Some(n), Some(ip)) => format!("only {n}'s address {}", super::config::host_port(p.host_ip.as_deref().unwrap_or(ip), h)),
                (Some(n), None) => format!("only {n}:{h}"),
                (None, _) => format!("the node's port {h}, once it is scheduled,"),
            };
            Some(format!(
                "hostPort {h} → container port {}/{proto}: {at} reaches this pod, through the container runtime's CNI portmap plugin (a DNAT rule on that node alone), not kube-proxy and not a Service; a nodePort, by contrast, is open on every node",
                p.container_port
            ))
        })
        .collect()
}

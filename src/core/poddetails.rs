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
        return host_network_note(pod, node_ip).into_iter().collect();
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

/// A hostNetwork pod that declares ports: its process binds the node's ports itself, and the
/// declared ports remap nothing — pkg/apis/core/validation/validation.go validateHostNetwork:
/// hostPort "must match `containerPort` when `hostNetwork` is true" (qa3 20, kubernetes#110445:
/// hostPort/containerPort 9999 while nginx listens on 80; curl :9999 is refused, :80 answers).
/// For the scheduler the declared ports are not "only declared" (qa4 09, kubernetes#126879):
/// defaulting sets hostPort = containerPort for a hostNetwork pod (pkg/apis/core/v1/defaults.go
/// defaultHostNetworkPorts), and the NodePorts filter refuses a second pod wanting that hostPort
/// on the node (pkg/scheduler/framework/plugins/nodeports/node_ports.go Filter, ErrReason
/// "node(s) didn't have free ports for the requested pod ports"): one such pod per node.
pub fn host_network_note(pod: &PodReport, node_ip: Option<&str>) -> Option<String> {
    if !pod.host_network {
        return None;
    }
    let mut ports: Vec<String> = pod.containers.iter().chain(pod.sidecars.iter()).flat_map(|c| c.ports.iter()).map(|p| format!("{}/{}", p.container_port, p.protocol.as_deref().unwrap_or("TCP"))).collect();
    ports.dedup();
    if ports.is_empty() {
        return None;
    }
    let node = match (pod.node.as_deref(), node_ip) {
        (Some(n), Some(ip)) => format!("{n}'s ({ip})"),
        (Some(n), None) => format!("{n}'s"),
        (None, _) => "its node's".to_string(),
    };
    Some(format!(
        "hostNetwork: the process binds {node} ports itself, on whatever ports the app listens on, and nothing remaps them (with hostNetwork hostPort must equal containerPort): a client reaches {} only if the app listens there; the API server sets hostPort = containerPort ({}) for a hostNetwork pod and the scheduler reserves {} on the node, so at most one such pod per node (another stays Pending: didn't have free ports for the requested pod ports)",
        if ports.len() == 1 { ports[0].split('/').next().unwrap_or_default().to_string() } else { "those ports".to_string() },
        ports.join(", "),
        if ports.len() == 1 { "it" } else { "them" }
    ))
}

/// The details' "Selected Service" line: the pod's relation to the Service picked in the page
/// (core::layout::relation), or, when it has none, why that Service does not select it, naming
/// the Service (learner10 U q/03: "not selected by it"). A Service picks pods of its own
/// namespace whose labels hold every key=value of its selector
/// (pkg/controller/endpointslice/endpointslice_controller.go syncService:
/// podLister.Pods(service.Namespace).List(labels.Set(service.Spec.Selector)…)).
pub fn selected_service(svc: Option<&ServiceReport>, pod: &PodReport) -> String {
    let Some(s) = svc else { return "no Service picked".to_string() };
    let (_, why) = super::layout::relation(svc, pod);
    if !why.is_empty() {
        return why;
    }
    let name = &s.name;
    let because = match &s.selector {
        _ if s.type_ == "ExternalName" => format!("{name} is an ExternalName alias, which selects no pods"),
        None => format!("{name} has no selector: its endpoints are the EndpointSlices written for it, not pods"),
        Some(_) if pod.namespace != s.namespace => format!("this pod is in namespace {}, {name} in {}, and a Service selects only in its own namespace", pod.namespace, s.namespace),
        Some(sel) if sel.is_empty() => format!("{name}'s selector is empty, which the EndpointSlice controller treats as no selector"),
        Some(sel) if pod.labels.is_empty() => format!("this pod has no labels at all, and {name} selects {} (a Service picks pods by their labels)", super::model::labels_text(sel, ",")),
        Some(sel) => {
            let missed: Vec<String> = sel.iter().filter(|(k, v)| !pod.labels.iter().any(|(lk, lv)| lk == k && lv == v)).map(|(k, v)| format!("{k}={v}")).collect();
            format!("{name} selects {}, and this pod lacks {} (a selector needs every key=value)", super::model::labels_text(sel, ","), missed.join(", "))
        }
    };
    format!("not selected by Service {name}: {because}")
}

/// What a cluster does with the pod's Service traffic while `kubectl delete pod` takes effect,
/// which the page's Delete what-if skips (it shows the replacement at once; learn17 Q04/Q08:
/// "what happens to my connections when a pod goes away?"). The API server sets the pod's
/// deletionTimestamp and the kubelet gives its containers terminationGracePeriodSeconds (30 unless
/// the pod spec says otherwise: pkg/apis/core/v1/defaults.go SetDefaults_PodSpec,
/// k8s.io/api core/v1 DefaultTerminationGracePeriodSeconds); the EndpointSlice controller keeps
/// its endpoint with terminating=true, ready=false and serving = its Ready condition
/// (staging/src/k8s.io/endpointslice/utils.go podToEndpoint); kube-proxy sends new connections to
/// ready endpoints only, to serving terminating ones only when no ready one is left
/// (pkg/proxy/topology.go CategorizeEndpoints); and it does not cut TCP connections already
/// open: conntrack keeps their DNAT, kube-proxy flushes stale entries of UDP only
/// (pkg/proxy/conntrack/cleanup.go deleteStaleEndpointConntrackEntries). `r` is the report from
/// before the delete. None when the pod is an endpoint of no Service.
pub fn deletion_meanwhile(r: &super::report::Report, namespace: &str, name: &str) -> Option<String> {
    let services: Vec<&ServiceReport> = r
        .services
        .iter()
        .map(|s| s.as_ref())
        .filter(|s| s.endpoints.iter().any(|e| e.pod.as_deref() == Some(name) && e.namespace == namespace))
        .collect();
    let first = services.first()?;
    let names = services.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(", ");
    let others = first.endpoints.iter().filter(|e| e.ready && e.pod.as_deref() != Some(name)).count();
    let new_to = if others == 0 {
        format!("with no other ready endpoint of {}, kube-proxy keeps sending new connections to it while it still passes its readiness probe (serving)", first.name)
    } else {
        format!("new connections go to the {} other ready {} of {}", others, if others == 1 { "endpoint" } else { "endpoints" }, first.name)
    };
    Some(format!(
        "On a cluster {name} first turns Terminating for up to its terminationGracePeriodSeconds (30 s unless its spec sets another): the EndpointSlice of {names} keeps it with ready=false terminating=true, so {new_to}; connections already open to it (keep-alive, gRPC) run on until its containers exit, since kube-proxy does not cut established TCP connections. This picture drops it at once."
    ))
}

/// Every Service other than the selected one that has this pod as an endpoint (learn18 Q03:
/// "what happens if two Services select the same pods?" — the pod's panel named only the
/// selected Service, so nothing said the pod sat behind another one too). Kubernetes allows any
/// number: each Service's own sync lists the pods its selector matches into its own EndpointSlice
/// (pkg/controller/endpointslice/endpointslice_controller.go syncService), and kube-proxy writes
/// each Service port's own chains (pkg/proxy/iptables/proxier.go syncProxyRules: a KUBE-SVC and
/// KUBE-SEP chains per Service port), so connections reach the pod through each of them. None
/// when there is no other.
pub fn other_services(services: &[std::sync::Arc<ServiceReport>], selected: Option<&ServiceReport>, pod: &PodReport) -> Option<String> {
    let is_selected = |s: &ServiceReport| selected.is_some_and(|x| x.namespace == s.namespace && x.name == s.name);
    let others: Vec<String> = services
        .iter()
        .map(|s| s.as_ref())
        .filter(|s| !is_selected(s))
        .filter_map(|s| {
            let e = s.endpoints.iter().find(|e| e.pod.as_deref() == Some(pod.name.as_str()) && e.namespace == pod.namespace)?;
            // each Service port and the pod port it resolved to here (getEndpointPorts)
            let ports: Vec<String> = s
                .ports
                .iter()
                .filter_map(|sp| e.ports.iter().find(|p| p.name == sp.name && p.protocol == sp.protocol).map(|p| format!("port {} → {}", sp.port, p.port)))
                .collect();
            Some(if ports.is_empty() { format!("{} ({})", s.name, s.type_) } else { format!("{} ({}, {})", s.name, s.type_, ports.join(", ")) })
        })
        .collect();
    if others.is_empty() {
        return None;
    }
    let each = if others.len() == 1 { "That Service has" } else { "Each has" };
    let verb = if others.len() == 1 { "selects" } else { "select" };
    let behind_selected = selected.filter(|x| x.endpoints.iter().any(|e| e.pod.as_deref() == Some(pod.name.as_str()) && e.namespace == pod.namespace));
    let who = match behind_selected {
        Some(x) => format!("Besides {}, {} also {verb} this pod", x.name, others.join("; ")),
        None => format!("{} {verb} this pod", others.join("; ")),
    };
    // a headless Service has no kube-proxy rules (kube-proxy watches no headless slice:
    // cmd/kube-proxy/app/server.go noHeadlessEndpoints; review24): its DNS name gives the pod's
    // address and clients connect to it directly
    let headless: Vec<&str> = services.iter().map(|s| s.as_ref()).filter(|s| !is_selected(s) && s.headless && s.endpoints.iter().any(|e| e.pod.as_deref() == Some(pod.name.as_str()) && e.namespace == pod.namespace)).map(|s| s.name.as_str()).collect();
    let rules = match headless.len() {
        0 => "its own kube-proxy rules".to_string(),
        _ => format!("its own kube-proxy rules (headless {}: none, its DNS name gives the pod's address to connect to)", headless.join(", ")),
    };
    // a selectorless Service has no selector to match the pod: its EndpointSlice (or Endpoints)
    // is written by hand and lists the pod's address (endpointslice_controller.go syncService
    // skips a Service without selector; review24 on learn18)
    let selectorless: Vec<&str> = services.iter().map(|s| s.as_ref()).filter(|s| !is_selected(s) && s.selector.as_ref().is_none_or(|l| l.is_empty()) && s.endpoints.iter().any(|e| e.pod.as_deref() == Some(pod.name.as_str()) && e.namespace == pod.namespace)).map(|s| s.name.as_str()).collect();
    let own = match selectorless.len() {
        0 => "its own selector, its own EndpointSlice".to_string(),
        _ => format!("its own EndpointSlice ({} {}: no selector, an EndpointSlice or Endpoints written by hand lists this pod's address)", if selectorless.len() == 1 { "for" } else { "for each of" }, selectorless.join(", ")),
    };
    Some(format!(
        "{who}: a pod may sit behind any number of Services. {each} {own} and {rules}, so connections reach the pod through every one of them{}.",
        if pod.ready { "" } else { " (none while it is not Ready)" }
    ))
}

/// The pods behind `svc`, for the page's "Pods behind …" panel (uifix18: the pods table, with
/// each pod's state and why it is not Ready, sat only in the closed "Everything as text"
/// section). A pod is behind the Service when the EndpointSlice controller selects it — a pod of
/// the Service's own namespace whose labels hold every key=value of a non-empty selector
/// (pkg/controller/endpointslice/endpointslice_controller.go syncService:
/// podLister.Pods(service.Namespace).List(labels.Set(service.Spec.Selector).AsSelectorPreValidated()),
/// the same rule as core::layout::relation) — selected or not yet an endpoint (Pending, no IP,
/// finished: ShouldPodBeInEndpoints skips it, and that is what the reader asks about), or when an
/// endpoint of it names the pod (a selectorless Service's own EndpointSlices, targetRef).
/// The pods that get no traffic (not Ready, Pending, Failed) come first, each group in the
/// report's order: the question is "which one is not Ready, and why".
pub fn pods_behind<'a>(svc: &ServiceReport, pods: &'a [PodReport]) -> Vec<&'a PodReport> {
    let selected = |p: &PodReport| p.namespace == svc.namespace && svc.type_ != "ExternalName" && svc.selector.as_ref().is_some_and(|sel| !sel.is_empty() && super::resolve::selector_matches(sel, &p.labels));
    let endpoint = |p: &PodReport| svc.endpoints.iter().any(|e| e.pod.as_deref() == Some(p.name.as_str()) && e.namespace == p.namespace);
    let mut out: Vec<&PodReport> = pods.iter().filter(|p| selected(p) || endpoint(p)).collect();
    // (a stable sort: the report's order within each group)
    super::sort::sort_by_key(&mut out, |p| p.ready);
    out
}

//! What `kubectl get endpoints <svc>` prints for a Service, and what its ENDPOINTS column leaves
//! out (learn19 Q07: "what does `kubectl get endpoints` show vs the EndpointSlice?" — the page
//! showed the slice's YAML and "3 ready of 3", never the row a learner types and compares).
//!
//! Upstream (kubernetes/kubernetes):
//! - `pkg/controller/endpoint/endpoints_controller.go` syncService: a Service without a selector
//!   gets no Endpoints from this controller (whoever wrote one keeps it); every selected pod
//!   that `ShouldPodBeInEndpoints(pod, service.Spec.PublishNotReadyAddresses)` (not Succeeded or
//!   Failed, has an IP, not being deleted unless publishNotReadyAddresses) gets one entry per
//!   Service port that `podutil.FindPort` resolves on it; `addEndpointSubset` puts a Ready pod
//!   (or any, with publishNotReadyAddresses) in `addresses`, the others in `notReadyAddresses`;
//!   at most 1000 addresses (maxCapacity, annotation `endpoints.kubernetes.io/over-capacity:
//!   truncated`);
//! - `pkg/api/v1/endpoints/util.go` RepackSubsets / SortSubsets: the ports that share one set of
//!   addresses form one subset; addresses are sorted by IP as bytes (LessEndpointAddress),
//!   ports and subsets by a hash of their contents;
//! - `pkg/printers/internalversion/printers.go` formatEndpoints: for every subset, every port,
//!   every ready address, `net.JoinHostPort(ip, port)` (a bare IP for a subset without ports),
//!   the first 3 joined by ",", then ` + N more...`; `<none>` when the object has no subset;
//! - the API server's warning on the deprecated resource (v1.33+, KEP-4974): `Warning: v1
//!   Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice`.

use super::report::ServiceReport;
use super::resolve::Endpoint;

/// What kubectl writes to stderr first (the API server's warning header on the resource).
pub const DEPRECATION_WARNING: &str = "Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice";

/// printers.go formatEndpoints: how many `ip:port` it shows before ` + N more...`.
const SHOWN: usize = 3;

/// The block: the command, the table (or the API server's NotFound), one sentence per point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetEndpoints {
    pub command: String,
    /// NAME and ENDPOINTS as kubectl's tabwriter lays them out (AGE left out: the input has no
    /// creation time); None when there is no Endpoints object
    pub table: Option<String>,
    /// `Error from server (NotFound): …` when there is no Endpoints object
    pub error: Option<String>,
    pub lines: Vec<String>,
}

/// `net.JoinHostPort`: an IPv6 address in brackets.
fn host_port(ip: &str, port: Option<i64>) -> String {
    match port {
        None => ip.to_string(),
        Some(p) if ip.contains(':') => format!("[{ip}]:{p}"),
        Some(p) => format!("{ip}:{p}"),
    }
}

/// The endpoints the endpoints controller writes into the object: a pod being deleted only with
/// publishNotReadyAddresses (which is when such an endpoint is still `ready` in the report's
/// EndpointSlice terms: podToEndpoint's ready = publishNotReadyAddresses || …).
fn in_object(e: &Endpoint) -> bool {
    !e.terminating || e.ready
}

/// The ENDPOINTS cell from the endpoints the object holds: (the text, whether its order is
/// kubectl's for sure — one port resolving to one number is one subset, addresses by IP;
/// otherwise subsets and ports come in hash order —, how many ready entries, the resolved port
/// numbers, whether the object has any subset).
fn cell(s: &ServiceReport, eps: &[&Endpoint]) -> (String, bool, usize, Vec<i64>, bool) {
    let mut all: Vec<String> = Vec::new();
    let mut numbers: Vec<i64> = Vec::new();
    let mut any_subset = false;
    if s.ports.is_empty() {
        // a headless Service without ports: one subset without ports (addEndpointSubset with nil)
        any_subset = !eps.is_empty();
        let mut ready: Vec<&&Endpoint> = eps.iter().filter(|e| e.ready).collect();
        super::sort::sort_by(&mut ready, |a, b| a.ip.as_bytes().cmp(b.ip.as_bytes()));
        all.extend(ready.iter().map(|e| e.ip.clone()));
    } else {
        for sp in &s.ports {
            // per resolved number (pods whose named targetPort resolves differently are
            // different subsets); a pod FindPort fails on has no entry for this port
            let mut by_number: Vec<(i64, Vec<&Endpoint>)> = Vec::new();
            for e in eps.iter().copied() {
                let Some(p) = e.ports.iter().find(|p| p.name == sp.name && p.protocol == sp.protocol) else { continue };
                any_subset = true;
                if !numbers.contains(&p.port) {
                    numbers.push(p.port);
                }
                if !e.ready {
                    continue;
                }
                match by_number.iter_mut().find(|(n, _)| *n == p.port) {
                    Some((_, v)) => v.push(e),
                    None => by_number.push((p.port, vec![e])),
                }
            }
            for (n, mut v) in by_number {
                super::sort::sort_by(&mut v, |a, b| a.ip.as_bytes().cmp(b.ip.as_bytes()));
                all.extend(v.iter().map(|e| host_port(&e.ip, Some(n))));
            }
        }
    }
    if !any_subset {
        return ("<none>".into(), true, 0, numbers, false);
    }
    let sure = s.ports.len() <= 1 && numbers.len() <= 1;
    let count = all.len();
    let shown = all.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(",");
    let text = if count > SHOWN { format!("{shown} + {} more...", count - SHOWN) } else { shown };
    (text, sure, count, numbers, true)
}

/// The header and the row as kubectl's tabwriter lays them out (as getsvc's table: each column
/// as wide as its widest cell plus 3 spaces, at least 6; the last one unpadded).
fn table(name: &str, endpoints: &str) -> String {
    let w = (name.chars().count().max(4) + 3).max(6);
    format!("{:<w$}ENDPOINTS\n{}", "NAME", format!("{name:<w$}{endpoints}").trim_end())
}

fn names(eps: &[&Endpoint]) -> String {
    let n: Vec<&str> = eps.iter().map(|e| e.pod.as_deref().unwrap_or(e.ip.as_str())).collect();
    match n.len() {
        0 => String::new(),
        1..=3 => n.join(", "),
        _ => format!("{}, …", n[..3].join(", ")),
    }
}

/// `kubectl get endpoints <svc>` for the Service; None for an ExternalName Service with a
/// selector (the endpoints controller would list its pods, which this picture does not resolve
/// for a DNS alias).
pub fn view(s: &ServiceReport) -> Option<GetEndpoints> {
    let ns = if s.namespace == "default" { String::new() } else { format!(" -n {}", s.namespace) };
    let command = format!("kubectl get endpoints {}{ns}", s.name);
    let written = s.endpoints.iter().any(|e| e.from_endpoints);
    if s.selector.is_none() && !written {
        return Some(GetEndpoints {
            command,
            table: None,
            error: Some(format!("Error from server (NotFound): endpoints \"{}\" not found", s.name)),
            lines: vec![if s.type_ == "ExternalName" {
                "An ExternalName Service has no Endpoints object: cluster DNS answers its name with a CNAME, and no controller lists addresses for it.".to_string()
            } else {
                format!(
                    "No Endpoints object: a Service without a selector gets none from the endpoints controller, which writes one only for a Service that selects pods. {}",
                    if s.endpoints.is_empty() { "Write an Endpoints (or EndpointSlice) object of the Service's name to give it addresses.".to_string() } else { "Its addresses come from the EndpointSlice written for it, which kubectl get endpoints does not read: see them with kubectl get endpointslices.".to_string() }
                )
            }],
        });
    }
    if s.type_ == "ExternalName" {
        return None;
    }
    // (a pod FindPort resolves no port on has no entry in the object)
    let eps: Vec<&Endpoint> = s.endpoints.iter().filter(|e| !written || e.from_endpoints).filter(|e| in_object(e) && (s.ports.is_empty() || !e.ports.is_empty())).collect();
    let (text, sure, count, numbers, any_subset) = cell(s, &eps);
    let not_ready: Vec<&Endpoint> = eps.iter().copied().filter(|e| !e.ready).collect();
    let left_out: Vec<&Endpoint> = s.endpoints.iter().filter(|e| !written || e.from_endpoints).filter(|e| !in_object(e)).collect();
    let mut lines = Vec::new();
    let who = if written { "the Endpoints object you wrote".to_string() } else { format!("the v1 Endpoints object {} that the endpoints controller (kube-controller-manager) still writes beside the EndpointSlice", s.name) };
    let first = match (any_subset, count) {
        (false, _) => format!("ENDPOINTS <none>: {who} has no address at all (no pod selected, none with an IP, or none that declares the targetPort)."),
        (true, 0) => format!("ENDPOINTS is empty: {who} lists {} pod{}, all in notReadyAddresses (not Ready), and the column shows ready addresses only.", not_ready.len(), if not_ready.len() == 1 { "" } else { "s" }),
        (true, n) => {
            let port = match numbers.as_slice() {
                [] => "their IPs (a headless Service without ports)".to_string(),
                [p] => format!("each with the port it resolved ({p}, the targetPort on the pod, not the Service's port)"),
                _ => "each once per port it resolved (the targetPorts on the pods, not the Service's ports)".to_string(),
            };
            format!(
                "ENDPOINTS: the ready addresses of {who}, {port}; kubectl shows the first {SHOWN}{}.",
                if n > SHOWN { format!(" and \"+ {} more...\"", n - SHOWN) } else { ", then \"+ N more...\"".to_string() }
            )
        }
    };
    lines.push(first);
    if !not_ready.is_empty() && count > 0 {
        lines.push(format!(
            "Left out of the column: {} not Ready ({}), listed under notReadyAddresses in kubectl get endpoints {} -o yaml; the EndpointSlice keeps {} with ready: false.",
            if not_ready.len() == 1 { "1 pod".to_string() } else { format!("{} pods", not_ready.len()) },
            names(&not_ready),
            s.name,
            if not_ready.len() == 1 { "it" } else { "them" }
        ));
    }
    if !left_out.is_empty() {
        lines.push(format!(
            "Not in the Endpoints object at all: {} being deleted (Terminating: {}), which the endpoints controller drops at once (ShouldPodBeInEndpoints), while the EndpointSlice keeps {} with terminating: true for kube-proxy.",
            if left_out.len() == 1 { "1 pod".to_string() } else { format!("{} pods", left_out.len()) },
            names(&left_out),
            if left_out.len() == 1 { "it" } else { "them" }
        ));
    }
    if !sure && count > 1 {
        lines.push("Order: the API server sorts the object's port groups by a hash of their contents (pkg/api/v1/endpoints SortSubsets), so your cluster may list these in another order; within a group, by IP.".to_string());
    }
    if s.ip_families.len() > 1 {
        lines.push(format!("One family only: the Endpoints object holds the pods' {} addresses (the Service's first ipFamily); the other family's are in their own EndpointSlice.", s.ip_families[0]));
    }
    lines.push("The Warning is the API server's: v1 Endpoints is deprecated since v1.33. kube-proxy and cluster DNS read EndpointSlices, which also carry the serving and terminating conditions and hold more than 1000 addresses (an Endpoints object stops at 1000, annotated endpoints.kubernetes.io/over-capacity: truncated).".to_string());
    Some(GetEndpoints { command, table: Some(table(&s.name, &text)), error: None, lines })
}

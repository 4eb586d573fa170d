//! What `kubectl get svc` prints for a Service, and what each of its columns means on this
//! cluster (learn17: a learner reads `80:32089/TCP` and `<pending>` in a terminal, and the page
//! never used those words; "why are there two ports on a LoadBalancer?", "who gave my Service
//! 10.102.52.187?", "what do I do about <pending> on minikube?").
//!
//! The row is kubectl's own: kubernetes/kubernetes pkg/printers/internalversion/printers.go
//! printService (NAME, TYPE, CLUSTER-IP = spec.clusterIPs[0] or `<none>`, EXTERNAL-IP,
//! PORT(S) or `<none>`, AGE), getServiceExternalIP (ClusterIP and NodePort: spec.externalIPs or
//! `<none>`; LoadBalancer: status.loadBalancer.ingress IPs (or hostnames) then spec.externalIPs,
//! or `<pending>`; ExternalName: spec.externalName), loadBalancerStatusStringer (cut to 16
//! bytes with `...` outside `-o wide`) and makePortString (`port/protocol`, or
//! `port:nodePort/protocol` when a nodePort is set). AGE is left out: the input has no
//! creation time.

use std::fmt::Write as _;
use super::report::ServiceReport;
use super::service::LoadBalancer;

/// printers.go `loadBalancerWidth`: EXTERNAL-IP's load balancer part is cut to this many bytes
/// outside `-o wide`.
const LOAD_BALANCER_WIDTH: usize = 16;

/// One row of `kubectl get svc` (AGE left out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetSvcRow {
    pub name: String,
    pub type_: String,
    pub cluster_ip: String,
    pub external_ip: String,
    pub ports: String,
}

/// printers.go loadBalancerStatusStringer: the ingress IPs (a hostname where no IP), sorted and
/// deduplicated (sets.NewString(...).List()), joined by ",", cut to 16 bytes unless wide.
fn lb_status(ingress: &[String], wide: bool) -> String {
    let mut all: Vec<&str> = ingress.iter().map(String::as_str).filter(|s| !s.is_empty()).collect();
    super::sort::sort(&mut all);
    all.dedup();
    let r = all.join(",");
    if !wide && r.len() > LOAD_BALANCER_WIDTH {
        // byte slicing as Go's r[0:13]: the addresses and hostnames are ASCII
        let cut = r.char_indices().map(|(i, _)| i).take_while(|i| *i <= LOAD_BALANCER_WIDTH - 3).last().unwrap_or(0);
        return format!("{}...", &r[..cut]);
    }
    r
}

/// printers.go getServiceExternalIP (not wide).
fn external_ip(s: &ServiceReport) -> String {
    let ext = || s.external_ips.join(",");
    match s.type_.as_str() {
        "ClusterIP" | "NodePort" => {
            if s.external_ips.is_empty() {
                "<none>".into()
            } else {
                ext()
            }
        }
        "LoadBalancer" => {
            let lb = match &s.load_balancer {
                LoadBalancer::Ready { ingress, .. } => lb_status(ingress, false),
                _ => String::new(),
            };
            if !s.external_ips.is_empty() {
                let mut all: Vec<String> = if lb.is_empty() { Vec::new() } else { lb.split(',').map(str::to_string).collect() };
                all.extend(s.external_ips.iter().cloned());
                return all.join(",");
            }
            if lb.is_empty() {
                "<pending>".into()
            } else {
                lb
            }
        }
        "ExternalName" => s.external_name.clone().unwrap_or_default(),
        _ => "<unknown>".into(),
    }
}

/// printers.go makePortString.
pub fn port_string(s: &ServiceReport) -> String {
    s.ports
        .iter()
        .map(|p| match p.node_port.filter(|n| *n > 0) {
            Some(n) => format!("{}:{n}/{}", p.port, p.protocol),
            None => format!("{}/{}", p.port, p.protocol),
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// The row printService prints for this Service.
pub fn row(s: &ServiceReport) -> GetSvcRow {
    let cluster_ip = s.cluster_ips.first().cloned().or_else(|| s.cluster_ip.clone()).unwrap_or_else(|| "<none>".into());
    let ports = port_string(s);
    GetSvcRow {
        name: s.name.clone(),
        type_: s.type_.clone(),
        cluster_ip,
        external_ip: external_ip(s),
        ports: if ports.is_empty() { "<none>".into() } else { ports },
    }
}

impl GetSvcRow {
    /// The header and the row as kubectl's tabwriter lays them out: each column as wide as its
    /// widest cell plus 3 spaces, at least 6 (k8s.io/cli-runtime pkg/printers/tabwriter.go
    /// tabwriterMinWidth 6, tabwriterPadding 3).
    pub fn table(&self) -> String {
        let head = ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)"];
        let cells = [self.name.as_str(), self.type_.as_str(), self.cluster_ip.as_str(), self.external_ip.as_str(), self.ports.as_str()];
        let mut top = String::new();
        let mut bottom = String::new();
        for (i, (h, c)) in head.iter().zip(cells.iter()).enumerate() {
            if i + 1 == head.len() {
                top.push_str(h);
                bottom.push_str(c);
            } else {
                let w = (h.chars().count().max(c.chars().count()) + 3).max(6);
                let _ = write!(top, "{h:<w$}");
                let _ = write!(bottom, "{c:<w$}");
            }
        }
        format!("{}\n{}", top.trim_end(), bottom.trim_end())
    }
}

/// What each column of the row says about this Service, one sentence per column, with the
/// numbers of this cluster. `service_range` is the Service CIDR the API server allocates from
/// (the report's `cluster.serviceCIDR`, or both ranges on a dual-stack cluster).
pub fn explain(s: &ServiceReport, service_range: &str) -> Vec<String> {
    let r = row(s);
    let mut out = Vec::new();
    // CLUSTER-IP: pkg/registry/core/service/storage/alloc.go allocClusterIPs (an empty
    // spec.clusterIP gets the next free address of the range; a written one must be free and in
    // the range); "None" is a headless Service's (validation.go ValidateService), ExternalName
    // gets none
    out.push(match (s.type_.as_str(), s.headless) {
        ("ExternalName", _) => "CLUSTER-IP <none>: an ExternalName Service gets no clusterIP and kube-proxy writes no rule for it; cluster DNS answers its name with a CNAME.".to_string(),
        (_, true) => "CLUSTER-IP None: a headless Service (clusterIP: None) has no virtual IP; cluster DNS answers its name with the ready pods' own IPs, and kube-proxy writes no rule for it.".to_string(),
        _ if s.rejected => "CLUSTER-IP: the API server refuses this Service, so it allocates nothing (see the problems list).".to_string(),
        _ => format!(
            "CLUSTER-IP {}: the API server allocated it from the Service range {service_range} (kube-apiserver --service-cluster-ip-range) when the Service was created (spec.clusterIP may ask for one address of that range instead); it stays until the Service is deleted. With kube-proxy in iptables mode (the usual one) no network interface holds it, and kube-proxy's rules on every node catch packets sent to it (IPVS mode puts it on each node's kube-ipvs0 device).",
            r.cluster_ip
        ),
    });
    // EXTERNAL-IP: getServiceExternalIP
    let ext = &r.external_ip;
    out.push(match s.type_.as_str() {
        "ClusterIP" if s.external_ips.is_empty() => "EXTERNAL-IP <none>: reachable only from inside the cluster. From outside, use kubectl port-forward, or make it type NodePort or LoadBalancer, or put an Ingress in front of it.".to_string(),
        "NodePort" if s.external_ips.is_empty() => format!("EXTERNAL-IP <none>, and yet every node answers on its nodePort: <node IP>:{} from outside the cluster.", s.ports.iter().filter_map(|p| p.node_port).map(|n| n.to_string()).collect::<Vec<_>>().join(", ")),
        "LoadBalancer" if ext == "<pending>" => "EXTERNAL-IP <pending>: type LoadBalancer asks a cloud controller for a load balancer, and none has answered. A local cluster needs its own: on minikube run `minikube tunnel` (it sets the address to the clusterIP and routes to it), on kind run Cloud Provider KIND (cloud-provider-kind), on bare metal install MetalLB. Its nodePorts work meanwhile.".to_string(),
        "LoadBalancer" => format!("EXTERNAL-IP {ext}: the load balancer's address (status.loadBalancer.ingress, written by the cloud controller); it forwards to the nodePorts of the nodes."),
        "ExternalName" => format!("EXTERNAL-IP {ext}: not an address but spec.externalName, the name cluster DNS answers as a CNAME."),
        _ => format!("EXTERNAL-IP {ext}: spec.externalIPs; kube-proxy catches packets to these addresses on the Service's ports on every node, but nothing routes them to a node for you."),
    });
    // PORT(S): makePortString; a Service answers only its own ports (proxier.go writes one
    // KUBE-SERVICES rule per Service port: `-d <clusterIP> --dport <port>`)
    if s.ports.is_empty() {
        out.push("PORT(S) <none>: the Service declares no port.".to_string());
    } else {
        for p in &s.ports {
            let tp = p.target_port.to_string();
            let to = if s.type_ == "ExternalName" { String::new() } else { format!(", then on to targetPort {tp} on a pod (kubectl describe svc shows it; get does not)") };
            let line = match p.node_port.filter(|n| *n > 0) {
                Some(n) if s.type_ == "LoadBalancer" => format!(
                    "PORT(S) {}:{n}/{}: two numbers for one port: {} is the port clients use on the clusterIP and on the load balancer's address, {n} the nodePort the load balancer sends to on every node{to}.",
                    p.port, p.protocol, p.port
                ),
                Some(n) => format!("PORT(S) {}:{n}/{}: port {} on the clusterIP for clients inside, nodePort {n} on every node's IP for clients outside{to}.", p.port, p.protocol, p.port),
                None if s.type_ == "ExternalName" => format!("PORT(S) {}/{}: unused: an ExternalName Service is only a DNS alias, the client dials whatever port it likes on the target.", p.port, p.protocol),
                None if s.headless => format!("PORT(S) {}/{}: a headless Service remaps no port: the client dials the pod's own port itself.", p.port, p.protocol),
                None => format!("PORT(S) {}/{}: port {} on the clusterIP{to}.", p.port, p.protocol, p.port),
            };
            out.push(line);
        }
        if !s.headless && s.type_ != "ExternalName" && !s.rejected {
            // (review23: not when another Service port is that number: a rule catches it there)
            if let (Some(ip), Some(p)) = (
                s.cluster_ip.as_deref(),
                s.ports.iter().find(|p| p.target_port.to_string() != p.port.to_string() && matches!(p.target_port, super::model::IntOrString::Int(_)) && s.ports.iter().all(|q| q.port.to_string() != p.target_port.to_string())),
            ) {
                let open: Vec<String> = s.ports.iter().map(|p| p.port.to_string()).collect();
                let only = if open.len() == 1 { format!("Only port {} is", open[0]) } else { format!("Only ports {} are", open.join(", ")) };
                out.push(format!(
                    "{only} open on {ip}: kube-proxy writes a rule per Service port, so a client that dials {ip}:{} (the pods' port) matches none of them and reaches no pod, while the pod's own IP answers on {} directly.",
                    p.target_port, p.target_port
                ));
            }
        }
    }
    out
}

/// Who can reach the Service, and which type (or an Ingress) a course's app would want next
/// (learn17 Q13: "Ingress vs LoadBalancer vs NodePort: which one?"; the tour shows each type on
/// its own, nothing compared them). Each type adds to the one before: a NodePort Service is a
/// ClusterIP Service plus a port on every node, a LoadBalancer one a NodePort Service plus an
/// external load balancer (pkg/registry/core/service/storage/alloc.go allocates the nodePorts
/// of both); an Ingress is HTTP rules run by a controller in front of a Service of any type
/// (networking/v1 IngressBackend names a Service port), which is how many HTTP apps share one
/// address. The Ingresses of the input that route here are named.
pub fn who_reaches(s: &ServiceReport) -> String {
    let mut ingresses: Vec<&str> = s.paths.iter().filter(|p| p.entry == super::paths::Entry::Ingress).filter_map(|p| p.ingress.as_deref()).collect();
    super::sort::sort(&mut ingresses);
    ingresses.dedup();
    let via = match ingresses.len() {
        0 => String::new(),
        1 => format!(" Ingress {} routes HTTP requests here too.", ingresses[0]),
        _ => format!(" Ingresses {} route HTTP requests here too.", ingresses.join(", ")),
    };
    let node_ports = s.ports.iter().filter_map(|p| p.node_port).map(|n| n.to_string()).collect::<Vec<_>>().join(", ");
    let http = "For a web app many users open in a browser, an Ingress (or a Gateway API route) in front of a ClusterIP Service routes HTTP by host and path, and many Services share its one address";
    let body = match (s.type_.as_str(), s.headless) {
        ("ExternalName", _) => "Who reaches it: nothing new: it is a DNS alias pods of the cluster use for a name outside (or in another namespace); there are no pods of its own to expose.".to_string(),
        (_, true) => "Who reaches it: pods of the cluster, at the pods' own IPs that DNS returns (a StatefulSet's pods each by name); nothing from outside. To expose these pods outside, add a separate ClusterIP, NodePort or LoadBalancer Service for them.".to_string(),
        ("ClusterIP", _) => format!("Who reaches it: pods of the cluster only. {http}. NodePort would add a port on every node's IP (a lab without a cloud), LoadBalancer one external address per Service (a cloud, or minikube tunnel, cloud-provider-kind, MetalLB)."),
        ("NodePort", _) => format!("Who reaches it: pods of the cluster, and anyone who reaches a node's IP on nodePort {node_ports} (fine for a lab; a client must know a node's address and the high port). LoadBalancer would put one external address in front of these nodePorts. {http}."),
        ("LoadBalancer", _) => format!("Who reaches it: pods of the cluster, anyone who reaches a node's IP on nodePort {node_ports}, and, once it has one, anyone who reaches the load balancer's address: one external address per Service. {http}, so one load balancer serves them all."),
        _ => "Who reaches it: see its type.".to_string(),
    };
    format!("{body}{via}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lb_status_cuts_at_16_bytes_like_printers_go() {
        assert_eq!(lb_status(&["203.0.113.187".into()], false), "203.0.113.187");
        assert_eq!(lb_status(&["a1b2c3d4e5f6.elb.amazonaws.com".into()], false), "a1b2c3d4e5f6....");
        assert_eq!(lb_status(&["10.0.0.2".into(), "10.0.0.1".into(), "10.0.0.1".into()], true), "10.0.0.1,10.0.0.2");
    }
}

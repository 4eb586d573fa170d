//! The simulated cluster: nodes, and the pods that would run — pasted Pods plus the pods that
//! workload controllers would create, named as those controllers name them — with IPs.

use serde::Serialize;

use super::config::{fnv, Cidr, Config};
use super::diag::{quote, Diagnostic, ErrorType, Severity};
use super::model::{Body, Container, Labels, Object, PodSpec, PodStatus, Workload};

/// Most pods we simulate (workload replicas beyond this are not drawn).
pub const MAX_PODS: usize = 2_000;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterNode {
    pub name: String,
    pub ip: String,
    #[serde(rename = "podCIDR")]
    pub pod_cidr: String,
    /// made up because the input had no Node objects
    pub simulated: bool,
    #[serde(skip)]
    cidr: Cidr,
    #[serde(skip)]
    next_ip: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PodInst {
    pub name: String,
    pub namespace: String,
    #[serde(serialize_with = "super::report::labels_as_map")]
    pub labels: Labels,
    /// None: not scheduled (spec.nodeName names a node that does not exist)
    pub node: Option<String>,
    pub ip: Option<String>,
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
    /// index of the source object
    #[serde(skip)]
    pub object: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Cluster {
    pub nodes: Vec<ClusterNode>,
    pub pods: Vec<PodInst>,
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
    let mut cluster = Cluster::default();
    for o in objects {
        if let Body::Node(info) = &o.body {
            let idx = cluster.nodes.len() as u32;
            let cidr = info
                .pod_cidr
                .as_deref()
                .and_then(Cidr::parse)
                .unwrap_or_else(|| Cidr { base: u32::from(std::net::Ipv4Addr::new(10, 244, idx as u8, 0)), prefix: 24 });
            let ip = info.internal_ip.clone().unwrap_or_else(|| format!("192.168.49.{}", 2 + idx));
            cluster.nodes.push(ClusterNode { name: o.meta.name.clone(), ip, pod_cidr: cidr.to_string(), simulated: false, cidr, next_ip: 2 });
        }
    }
    let nodes_given = !cluster.nodes.is_empty();
    if !nodes_given {
        // no Node objects: the nodes the pods name (a pasted dump), else node-1..node-N
        let mut named: Vec<String> = Vec::new();
        for o in objects {
            let node_name = match &o.body {
                Body::Pod(spec, _) => spec.node_name.clone(),
                _ => None,
            };
            if let Some(n) = node_name {
                if !named.contains(&n) && named.len() < 250 {
                    named.push(n);
                }
            }
        }
        let default: Vec<String> = (1..=cfg.nodes.clamp(1, 250)).map(|i| format!("node-{i}")).collect();
        // pods that name only simulated nodes keep the simulated cluster
        let names = if named.iter().all(|n| default.contains(n)) { default } else { named };
        for (idx, name) in names.into_iter().enumerate() {
            let cidr = Cidr { base: u32::from(std::net::Ipv4Addr::new(10, 244, idx as u8, 0)), prefix: 24 };
            cluster.nodes.push(ClusterNode {
                name,
                ip: format!("192.168.49.{}", 2 + idx),
                pod_cidr: cidr.to_string(),
                simulated: true,
                cidr,
                next_ip: 2,
            });
        }
    }
    let mut rr = 0usize;
    let running = controllers_with_pods(objects);
    for (i, o) in objects.iter().enumerate() {
        if matches!(o.body, Body::Pod(..) | Body::Workload(_)) && (o.undecodable || !validate_pod_like(o, diags)) {
            continue; // the API server refuses it: no pods
        }
        if matches!(o.body, Body::Workload(_)) && running.iter().any(|(k, ns, n)| *k == o.kind && *ns == o.meta.namespace && *n == o.meta.name) {
            continue; // its pods are in the input already (a pasted `kubectl get all -o yaml`)
        }
        match &o.body {
            Body::Pod(spec, status) => {
                let pod = PodSeed { name: o.meta.name.clone(), namespace: o.meta.namespace.clone(), labels: o.meta.labels.clone(), spec: spec.clone(), status: status.clone(), deleting: o.meta.deleting, owner: None, object: i };
                place(&mut cluster, pod, &mut rr, o, &cfg.flip_ready, diags);
            }
            Body::Workload(w) => expand(&mut cluster, o, w, i, &mut rr, &cfg.flip_ready, diags),
            _ => {}
        }
    }
    cluster
}

/// The parts of ValidatePod / ValidateDeployment (pkg/apis/core/validation ValidateObjectMeta,
/// validateContainerPorts; pkg/apis/apps/validation) that decide whether pods exist at all:
/// object name, labels (the object's and the pod template's), container ports.
fn validate_pod_like(o: &Object, diags: &mut Vec<Diagnostic>) -> bool {
    let id = o.id();
    let mut errs: Vec<Diagnostic> = Vec::new();
    let at = |f: &str| o.pos(f);
    if o.meta.name.is_empty() {
        errs.push(Diagnostic::required("metadata.name", at("metadata"), "name or generateName is required"));
    } else {
        for m in super::names::dns1123_subdomain(&o.meta.name) {
            errs.push(Diagnostic::invalid("metadata.name", at("metadata.name"), &quote(&o.meta.name), &m));
        }
    }
    super::service::validate_labels(&o.meta.labels, "metadata.labels", &at, &mut errs);
    let (containers, prefix) = match &o.body {
        Body::Pod(spec, _) => (spec.containers.iter().chain(spec.sidecars.iter()).collect::<Vec<_>>(), "spec"),
        Body::Workload(w) => {
            super::service::validate_labels(&w.template_labels, "spec.template.metadata.labels", &at, &mut errs);
            (w.template.containers.iter().chain(w.template.sidecars.iter()).collect(), "spec.template.spec")
        }
        _ => (vec![], ""),
    };
    for (ci, c) in containers.iter().enumerate() {
        let group = if c.sidecar { "initContainers" } else { "containers" };
        let mut names: Vec<&str> = Vec::new();
        for (pi, p) in c.ports.iter().enumerate() {
            let f = format!("{prefix}.{group}[{ci}].ports[{pi}]");
            if !(1..=65535).contains(&p.container_port) {
                let field = format!("{f}.containerPort");
                if p.container_port == 0 {
                    errs.push(Diagnostic::required(&field, at(&f), ""));
                } else {
                    errs.push(Diagnostic::invalid(&field, at(&field), &p.container_port.to_string(), "must be between 1 and 65535, inclusive"));
                }
            }
            if let Some(n) = &p.name {
                let field = format!("{f}.name");
                for m in super::names::port_name(n) {
                    errs.push(Diagnostic::invalid(&field, at(&field), &quote(n), &m));
                }
                if names.contains(&n.as_str()) {
                    errs.push(Diagnostic::duplicate(&field, at(&field), &quote(n)));
                }
                names.push(n);
            }
        }
    }
    let ok = errs.is_empty();
    diags.extend(errs.into_iter().map(|d| d.on(&id)));
    ok
}

/// Workloads whose pods (or whose ReplicaSets) are themselves in the input, found through
/// metadata.ownerReferences: Pod → ReplicaSet/StatefulSet/DaemonSet, ReplicaSet → Deployment.
/// Those are not expanded again. Also every ReplicaSet a Deployment in the input owns (the
/// Deployment's expansion stands for it).
fn controllers_with_pods(objects: &[Object]) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = Vec::new();
    let owner_of = |kind: &str, ns: &str, name: &str| -> Vec<(String, String)> {
        objects.iter().find(|o| o.kind == kind && o.meta.namespace == ns && o.meta.name == name).map(|o| o.meta.owners.clone()).unwrap_or_default()
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
                    }
                }
            }
            Body::Workload(_) if o.kind == "ReplicaSet" => {
                for (k, n) in &o.meta.owners {
                    let owner_in_input = objects.iter().any(|d| d.kind == *k && d.meta.namespace == *ns && d.meta.name == *n);
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

struct PodSeed {
    name: String,
    namespace: String,
    labels: Labels,
    spec: PodSpec,
    status: PodStatus,
    deleting: bool,
    owner: Option<String>,
    object: usize,
}

fn place(cluster: &mut Cluster, p: PodSeed, rr: &mut usize, o: &Object, flip: &[String], diags: &mut Vec<Diagnostic>) {
    // (nodes named only by pods were created above, so a miss here means a Node list was given)
    if cluster.pods.len() >= MAX_PODS {
        return;
    }
    // spec.nodeName wins; otherwise spread round-robin in input order (a stand-in for the scheduler)
    let node_idx = match &p.spec.node_name {
        Some(n) => {
            let found = cluster.nodes.iter().position(|x| &x.name == n);
            if found.is_none() {
                diags.push(
                    Diagnostic::note(
                        Severity::Warning,
                        ErrorType::Resolution,
                        "NodeNotFound",
                        format!("spec.nodeName {}: no such node; no kubelet will start this pod, so it never gets an IP", quote(n)),
                        o.pos(if p.owner.is_some() { "spec.template.spec.nodeName" } else { "spec.nodeName" }),
                    )
                    .on(&o.id()),
                );
            }
            found
        }
        None => {
            // a pod IP from the status tells which node's pod CIDR it came from
            let by_ip = p.status.pod_ip.as_deref().and_then(|ip| ip.parse().ok()).and_then(|ip| cluster.nodes.iter().position(|n| n.cidr.contains(ip)));
            by_ip.or_else(|| {
                let i = *rr % cluster.nodes.len();
                *rr += 1;
                Some(i)
            })
        }
    };
    // status: taken as given; no status → Running and Ready, as a healthy cluster would report
    let phase = p.status.phase.clone().unwrap_or_else(|| if node_idx.is_some() { "Running".into() } else { "Pending".into() });
    let ready = if p.status.present { p.status.ready.unwrap_or(false) } else { node_idx.is_some() };
    let flipped = flip.iter().any(|f| *f == format!("{}/{}", p.namespace, p.name));
    let ready = ready != flipped;
    let ip = match (node_idx, p.status.pod_ip.clone()) {
        (_, Some(ip)) => Some(ip),
        (Some(n), None) if phase != "Pending" => {
            let node = &mut cluster.nodes[n];
            let ip = if node.next_ip + 1 < node.cidr.size() { Some(node.cidr.nth(node.next_ip).to_string()) } else { None };
            node.next_ip += 1;
            ip
        }
        _ => None,
    };
    cluster.pods.push(PodInst {
        name: p.name,
        namespace: p.namespace,
        labels: p.labels,
        node: node_idx.map(|n| cluster.nodes[n].name.clone()),
        ip,
        phase,
        ready,
        ready_flipped: flipped,
        terminating: p.deleting,
        containers: p.spec.containers.clone(),
        sidecars: p.spec.sidecars.clone(),
        hostname: p.spec.hostname.clone(),
        subdomain: p.spec.subdomain.clone(),
        owner: p.owner,
        object: p.object,
    });
}

fn labels_go(l: &Labels) -> String {
    let mut l = l.clone();
    l.sort();
    format!("map[string]string{{{}}}", l.iter().map(|(k, v)| format!("{}:{}", quote(k), quote(v))).collect::<Vec<_>>().join(", "))
}

/// Workload → pods, as the controllers name them:
/// Deployment → ReplicaSet `<name>-<pod-template-hash>` → pods `<rs>-<5 chars>`
/// (pkg/controller/deployment/sync.go, util.ComputeHash + rand.SafeEncodeString);
/// StatefulSet → `<name>-0..N-1` with hostname/subdomain (stateful_set_utils.go updateIdentity);
/// DaemonSet → one pod per node.
fn expand(cluster: &mut Cluster, o: &Object, w: &Workload, index: usize, rr: &mut usize, flip: &[String], diags: &mut Vec<Diagnostic>) {
    let id = o.id();
    // apps validation (pkg/apis/apps/validation ValidateDeploymentSpec etc.): selector required,
    // non-empty, and must match the template's labels
    let sel = match &w.match_labels {
        Some(s) if !s.is_empty() => s,
        _ => {
            diags.push(Diagnostic::required("spec.selector", o.pos("spec.selector"), "").on(&id));
            return;
        }
    };
    if !sel.iter().all(|(k, v)| w.template_labels.iter().any(|(tk, tv)| tk == k && tv == v)) {
        diags.push(
            Diagnostic::invalid(
                "spec.template.metadata.labels",
                o.pos("spec.template.metadata.labels"),
                &labels_go(&w.template_labels),
                "`selector` does not match template `labels`",
            )
            .on(&id),
        );
        return;
    }
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
    let hash_src = format!("{:?}{:?}", w.template_labels, w.template);
    let template_hash = safe_encode(fnv(&hash_src), 10);
    let (names, extra): (Vec<String>, Vec<Vec<(String, String)>>) = match o.kind.as_str() {
        "Deployment" => {
            let rs = format!("{}-{}", o.meta.name, template_hash);
            (0..replicas)
                .map(|i| (format!("{rs}-{}", safe_encode(fnv(&format!("{rs}/{i}")), 5)), vec![("pod-template-hash".to_string(), template_hash.clone())]))
                .unzip()
        }
        "ReplicaSet" => (0..replicas).map(|i| (format!("{}-{}", o.meta.name, safe_encode(fnv(&format!("{}/{i}", o.meta.name)), 5)), vec![])).unzip(),
        "StatefulSet" => (0..replicas)
            .map(|i| {
                let n = format!("{}-{i}", o.meta.name);
                (n.clone(), vec![("statefulset.kubernetes.io/pod-name".to_string(), n)])
            })
            .unzip(),
        _ => (0..cluster.nodes.len())
            .map(|i| (format!("{}-{}", o.meta.name, safe_encode(fnv(&format!("{}/{i}", o.meta.name)), 5)), vec![]))
            .unzip(),
    };
    if cluster.pods.len() + names.len() > MAX_PODS {
        diags.push(
            Diagnostic::note(Severity::Warning, ErrorType::Resolution, "TooManyPods", format!("only the first {MAX_PODS} pods are simulated"), o.pos("spec.replicas")).on(&id),
        );
    }
    for (i, (name, extra_labels)) in names.into_iter().zip(extra).enumerate() {
        let mut labels = w.template_labels.clone();
        labels.extend(extra_labels);
        let mut spec = w.template.clone();
        if o.kind == "StatefulSet" {
            spec.hostname = Some(name.clone());
            spec.subdomain = w.service_name.clone();
        }
        if o.kind == "DaemonSet" && spec.node_name.is_none() {
            spec.node_name = Some(cluster.nodes[i].name.clone());
        }
        let seed = PodSeed {
            name,
            namespace: o.meta.namespace.clone(),
            labels,
            spec,
            status: PodStatus::default(),
            deleting: false,
            owner: Some(format!("{}/{}", o.kind, o.meta.name)),
            object: index,
        };
        place(cluster, seed, rr, o, flip, diags);
    }
}

//! Pods an operator makes from a custom resource of the input: the labels a custom resource
//! writes for its pods (prometheus-operator's `spec.podMetadata.labels`, a `spec.template.metadata.labels`).
//! Switchboard does not model operators, so such pods are not in the cluster it builds; a
//! Service or a PodDisruptionBudget that selects them then selects "no pod" here and does in a
//! cluster where the operator runs. Where a custom resource of the Service's namespace writes
//! every label the selector asks, that warning is an info that says so (corpus10: the
//! kube-prometheus manifests, whose alertmanager-main and prometheus-k8s Services and budgets
//! select the pods of the Alertmanager and Prometheus resources: prometheus-operator
//! pkg/alertmanager/statefulset.go `makeStatefulSetSpec` copies `a.Spec.PodMetadata.Labels`
//! into the pod template's labels, pkg/prometheus likewise).

use super::diag::{Diagnostic, Severity};
use super::model::{Body, Labels, Object};
use super::yaml::{Node, NodeKind};

/// One label set a custom resource writes for pods: the resource, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomPods {
    pub kind: String,
    pub api_version: String,
    pub namespace: String,
    pub name: String,
    /// the field path of the labels (`spec.podMetadata.labels`)
    pub path: String,
    pub labels: Labels,
}

/// The mappings a pod's labels are written under: `podMetadata.labels`, `metadata.labels` (a
/// pod template's), `podTemplate.labels`, `pod.labels`.
const POD_LABEL_PARENTS: [&str; 4] = ["podMetadata", "metadata", "podTemplate", "pod"];

/// The label sets under a custom resource's `spec` (none for anything else), at most a few.
pub fn read(root: &Node, kind: &str, api_version: &str) -> Vec<CustomPods> {
    let Some(spec) = root.get("spec") else { return Vec::new() };
    let meta = root.get("metadata");
    let field = |k: &str| meta.and_then(|m| m.get(k)).and_then(|n| n.as_str()).unwrap_or("").to_string();
    let namespace = match field("namespace") {
        ns if ns.is_empty() => "default".to_string(),
        ns => ns,
    };
    let mut found = Vec::new();
    walk(spec, "spec", "", 0, &mut |path, labels| {
        found.push(CustomPods { kind: kind.to_string(), api_version: api_version.to_string(), namespace: namespace.clone(), name: field("name"), path, labels })
    });
    if kind == "CephCluster" && api_version.split_once('/').is_some_and(|(g, _)| g == "ceph.rook.io") {
        for (labels, path) in rook_daemon_labels(&namespace) {
            found.push(CustomPods { kind: kind.to_string(), api_version: api_version.to_string(), namespace: namespace.clone(), name: field("name"), path: path.to_string(), labels });
        }
    }
    found
}

/// Where [`CustomPods::path`] is no field of the resource but its operator's code: the labels
/// the operator gives the pods it makes for it (a CephCluster writes none).
const OPERATOR_CODE: &str = "operator code: ";

/// The labels Rook gives the Ceph daemons' pods of a CephCluster in `namespace` (corpus12
/// leftover: Rook's dashboard Service selects `app: rook-ceph-mgr, mgr_role: active,
/// rook_cluster: rook-ceph`, and the CephCluster writes no pod labels). rook/rook
/// pkg/operator/ceph/controller `CephDaemonAppLabels` → `AppLabels(appName, namespace)`:
/// `app` = the daemon's app name, `rook_cluster` = the cluster's namespace, then
/// `ceph_daemon_type`; pkg/operator/ceph/cluster/mgr/mgr.go labels the active mgr
/// `mgr_role: active` (mgrRoleLabelName, activeMgrStatus); AppName `rook-ceph-mgr`, and the
/// mon and osd daemons' `rook-ceph-mon`, `rook-ceph-osd`.
fn rook_daemon_labels(namespace: &str) -> Vec<(Labels, &'static str)> {
    let base = |app: &str, daemon: &str| -> Labels {
        [("app", app), ("rook_cluster", namespace), ("ceph_daemon_type", daemon)].iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    };
    let mut mgr = base("rook-ceph-mgr", "mgr");
    mgr.push(("mgr_role".to_string(), "active".to_string()));
    vec![
        (mgr, "operator code: rook's active mgr pod (pkg/operator/ceph/cluster/mgr: app=rook-ceph-mgr, rook_cluster=<namespace>, mgr_role=active)"),
        (base("rook-ceph-mon", "mon"), "operator code: rook's mon pods (pkg/operator/ceph/cluster/mon: app=rook-ceph-mon, rook_cluster=<namespace>)"),
        (base("rook-ceph-osd", "osd"), "operator code: rook's osd pods (pkg/operator/ceph/cluster/osd: app=rook-ceph-osd, rook_cluster=<namespace>)"),
    ]
}

/// The labels a batch/v1 CronJob gives the pods of the Jobs it starts
/// (`spec.jobTemplate.spec.template.metadata.labels`; pkg/controller/cronjob
/// cronjob_controllerv2.go getJobFromTemplate2 copies the job template, the Job controller its
/// pod template): none before a scheduled time comes, then one Job's pods at a time or more.
pub fn read_cronjob(root: &Node) -> Vec<CustomPods> {
    let meta = root.get("metadata");
    let field = |k: &str| meta.and_then(|m| m.get(k)).and_then(|n| n.as_str()).unwrap_or("").to_string();
    let labels = ["spec", "jobTemplate", "spec", "template", "metadata", "labels"].iter().try_fold(root, |n, k| n.get(k));
    let Some(NodeKind::Map(pairs)) = labels.map(|n| &n.kind) else { return Vec::new() };
    let labels: Labels = pairs.iter().filter_map(|(k, v)| Some((k.as_str()?.to_string(), v.as_str()?.to_string()))).collect();
    if labels.is_empty() {
        return Vec::new();
    }
    let namespace = match field("namespace") {
        ns if ns.is_empty() => "default".to_string(),
        ns => ns,
    };
    vec![CustomPods { kind: "CronJob".into(), api_version: "batch/v1".into(), namespace, name: field("name"), path: "spec.jobTemplate.spec.template.metadata.labels".into(), labels }]
}

/// A Service whose selector matches the pods a CronJob's Jobs run (qa7 15,
/// stakater/application#464; redpanda-data/helm-charts#1733 for a Job): while such a pod runs it
/// is one of the Service's endpoints — the EndpointSlice controller lists every pod the selector
/// matches and drops one only once it is terminal (k8s.io/endpointslice util.go
/// ShouldPodBeInEndpoints → pkg/api/v1/pod/util.go IsPodTerminal: Succeeded or Failed) — and gets
/// its share of the connections. An info on the Service.
pub fn cronjob_notes(objects: &[Object], custom: &[&CustomPods], diags: &mut Vec<Diagnostic>) {
    let jobs: Vec<&&CustomPods> = custom.iter().filter(|c| c.kind == "CronJob").collect();
    if jobs.is_empty() {
        return;
    }
    for o in objects.iter().filter(|o| !o.refused) {
        let Body::Service(s) = &o.body else { continue };
        let Some(sel) = s.selector.as_ref().filter(|sel| !sel.is_empty()) else { continue };
        for c in jobs.iter().filter(|c| c.namespace == o.meta.namespace && super::resolve::selector_matches(sel, &c.labels)) {
            diags.push(
                Diagnostic::note(
                    Severity::Info,
                    super::diag::ErrorType::Resolution,
                    "CronJobPodsSelected",
                    format!(
                        "Service {}'s selector {} also matches the pods of CronJob {} (its {}): each Job it starts runs a pod that is one of this Service's endpoints from when it is Ready until it completes, and gets its share of the Service's connections meanwhile; give the job template a label set the selector does not match",
                        o.meta.name,
                        super::model::labels_text(sel, ","),
                        c.name,
                        c.path
                    ),
                    o.pos("spec.selector"),
                )
                .on(&o.id()),
            );
        }
    }
}

fn walk(n: &Node, path: &str, parent: &str, depth: usize, found: &mut dyn FnMut(String, Labels)) {
    // (a pod template sits a few levels down; a bounded walk of a bounded tree)
    if depth > 8 {
        return;
    }
    let NodeKind::Map(entries) = &n.kind else { return };
    for (k, v) in entries {
        let Some(key) = k.as_str() else { continue };
        let here = format!("{path}.{key}");
        if key == "labels" && POD_LABEL_PARENTS.contains(&parent) {
            if let NodeKind::Map(pairs) = &v.kind {
                let labels: Labels = pairs.iter().filter_map(|(k, v)| Some((k.as_str()?.to_string(), v.as_str()?.to_string()))).collect();
                if !labels.is_empty() && labels.len() == pairs.len() {
                    found(here, labels);
                }
            }
        } else {
            walk(v, &here, key, depth + 1, found);
        }
    }
}

/// The NoPodsSelected and BudgetSelectsNoPods warnings whose selector a custom resource of the
/// same namespace meets: said as an info that names it (its operator's pods are not modelled).
pub fn soften(objects: &[Object], custom: &[&CustomPods], diags: &mut [Diagnostic]) {
    if custom.is_empty() {
        return;
    }
    let mut by_id: Option<std::collections::HashMap<String, &Object>> = None;
    for d in diags.iter_mut().filter(|d| d.severity == Severity::Warning && (d.code == "NoPodsSelected" || d.code == "BudgetSelectsNoPods")) {
        // (the objects by id, made once, when a warning asks)
        let by_id = by_id.get_or_insert_with(|| objects.iter().filter(|o| matches!(o.body, Body::Service(_) | Body::DisruptionBudget(_))).map(|o| (o.id(), o)).collect());
        let Some(&o) = d.object.as_deref().and_then(|id| by_id.get(id)) else { continue };
        let meets = |c: &CustomPods| match &o.body {
            Body::Service(s) => s.selector.as_ref().is_some_and(|sel| !sel.is_empty() && super::resolve::selector_matches(sel, &c.labels)),
            Body::DisruptionBudget(b) => b.selector.as_ref().is_some_and(|sel| super::cluster::selector_matches(Some(sel), &c.labels)),
            _ => false,
        };
        if let Some(c) = custom.iter().find(|c| c.kind != "CronJob" && c.namespace == o.meta.namespace && meets(c)) {
            d.severity = Severity::Info;
            d.message.push_str(&match c.path.strip_prefix(OPERATOR_CODE) {
                Some(what) => format!(
                    "; {} {} ({}, a custom resource) is in this namespace, and its operator, which Switchboard does not model, gives these labels to {what}: it likely makes the pods this selects once it runs",
                    c.kind, c.name, c.api_version
                ),
                None => format!(
                    "; {} {} ({}, a custom resource) writes these labels at {}: its operator, which Switchboard does not model, likely makes the pods this selects once it runs",
                    c.kind, c.name, c.api_version, c.path
                ),
            });
        }
    }
}

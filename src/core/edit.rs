//! What-if edits from the diagram (issue #11 item 1): scale a workload, delete a pod, cordon a
//! node, change a Service's type. Each one is computed from the positioned YAML tree as a few
//! splices of the user's text, then handed back as ONE `Edit` (the span between the first and
//! the last changed byte), so the browser applies it with one `insertText` and one Ctrl+Z takes
//! it back. Lines the edit does not touch keep their bytes: comments, key order, quoting, flow
//! or block style.
//!
//! What a real cluster does that the YAML cannot say (a controller replacing a deleted pod, a
//! drained node's pods moving) is the analysis config's business (`Config::deleted_pods`,
//! `Config::drained`): see `core::cluster`.

use serde::Serialize;

use super::checklist::Edit;
use super::diag::Diagnostic;
use super::model::Object;
use super::yaml::{Node, NodeKind, Pos};

/// An edit with the words that say what it does (for the details panel's status line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub edit: Edit,
    /// e.g. `spec.replicas: 3 → 4`
    pub summary: String,
    /// what a live cluster would say or do beyond the text (the API server's refusal of the same
    /// update on a running object, the controller's reaction)
    pub note: Option<String>,
}

/// The Service types the menu offers; `Headless` is `type: ClusterIP` with `clusterIP: None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SvcType {
    ClusterIP,
    Headless,
    NodePort,
    LoadBalancer,
    ExternalName,
}

impl SvcType {
    pub const ALL: [SvcType; 5] = [SvcType::ClusterIP, SvcType::Headless, SvcType::NodePort, SvcType::LoadBalancer, SvcType::ExternalName];
    pub fn as_str(self) -> &'static str {
        match self {
            SvcType::ClusterIP => "ClusterIP",
            SvcType::Headless => "Headless",
            SvcType::NodePort => "NodePort",
            SvcType::LoadBalancer => "LoadBalancer",
            SvcType::ExternalName => "ExternalName",
        }
    }
    pub fn parse(s: &str) -> Option<SvcType> {
        SvcType::ALL.into_iter().find(|t| t.as_str() == s)
    }
    /// the value of `spec.type`
    fn type_value(self) -> &'static str {
        match self {
            SvcType::Headless => "ClusterIP",
            t => t.as_str(),
        }
    }
}

/// The text's byte offset of a position (1-based line, column in characters).
fn offset(text: &str, pos: Pos) -> Option<usize> {
    let mut start = 0usize;
    for (i, l) in text.split('\n').enumerate() {
        if i + 1 == pos.line as usize {
            let c = pos.column.checked_sub(1)? as usize;
            return if c == l.chars().count() { Some(start + l.len()) } else { l.char_indices().nth(c).map(|(b, _)| start + b) };
        }
        start += l.len() + 1;
    }
    None
}

/// Byte offset of the start of line `line` (1-based); one past the end for the line after the last.
fn line_start(text: &str, line: u32) -> usize {
    let mut start = 0usize;
    for (i, l) in text.split('\n').enumerate() {
        if i + 1 == line as usize {
            return start;
        }
        start += l.len() + 1;
    }
    text.len()
}

fn line_of(text: &str, line: u32) -> &str {
    text.split('\n').nth(line.saturating_sub(1) as usize).unwrap_or("")
}

/// The one edit that turns `old` into `new`: the span between their common prefix and suffix.
pub fn minimal_edit(old: &str, new: &str) -> Option<Edit> {
    if old == new {
        return None;
    }
    let mut p = old.bytes().zip(new.bytes()).take_while(|(a, b)| a == b).count();
    while !old.is_char_boundary(p) || !new.is_char_boundary(p) {
        p -= 1;
    }
    let max_s = old.len().min(new.len()) - p;
    let mut s = old.bytes().rev().zip(new.bytes().rev()).take(max_s).take_while(|(a, b)| a == b).count();
    while !old.is_char_boundary(old.len() - s) || !new.is_char_boundary(new.len() - s) {
        s -= 1;
    }
    let before = &old[..p];
    let line = before.matches('\n').count() as u32 + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1;
    Some(Edit { line, column, old: old[p..old.len() - s].to_string(), new: new[p..new.len() - s].to_string() })
}

/// Splices on the original text: (start byte, end byte, replacement).
#[derive(Default)]
struct Splices(Vec<(usize, usize, String)>);

impl Splices {
    fn push(&mut self, start: usize, end: usize, with: impl Into<String>) {
        self.0.push((start, end, with.into()));
    }
    fn apply(mut self, text: &str) -> Result<String, String> {
        crate::core::sort::sort_by_key(&mut self.0, |s| (s.0, s.1));
        let mut out = String::with_capacity(text.len() + 64);
        let mut at = 0usize;
        for (s, e, w) in self.0 {
            if s < at || e > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                return Err("the edits overlap; edit the YAML by hand".into());
            }
            out.push_str(&text[at..s]);
            out.push_str(&w);
            at = e;
        }
        out.push_str(&text[at..]);
        Ok(out)
    }
}

/// Map entries of a block or flow map.
fn entries(map: &Node) -> &[(Node, Node)] {
    match &map.kind {
        NodeKind::Map(e) => e,
        _ => &[],
    }
}

/// Whether `map` is written in flow style (`{a: 1}`).
fn is_flow(text: &str, map: &Node) -> bool {
    offset(text, map.pos).is_some_and(|o| text[o..].starts_with('{'))
}

/// The byte range of scalar `node`'s source text, quotes included.
fn scalar_span(text: &str, node: &Node) -> Option<(usize, usize)> {
    let NodeKind::Scalar { text: value, plain, .. } = &node.kind else { return None };
    let start = offset(text, node.pos)?;
    let rest = &text[start..];
    if *plain {
        return rest.starts_with(value.as_str()).then_some((start, start + value.len()));
    }
    let q = rest.chars().next()?;
    // a simply quoted value (no escapes): the closing quote follows the value
    ((q == '"' || q == '\'') && rest[1..].starts_with(value.as_str()) && rest[1 + value.len()..].starts_with(q)).then_some((start, start + value.len() + 2))
}

/// Replace the value of scalar `node` by plain `new`.
fn replace_scalar(text: &str, sp: &mut Splices, node: &Node, new: &str) -> Result<(), String> {
    let (s, e) = scalar_span(text, node).ok_or_else(|| format!("the value at line {}:{} is not a simple scalar; edit the YAML by hand", node.pos.line, node.pos.column))?;
    sp.push(s, e, new);
    Ok(())
}

/// The indentation (in spaces) one nesting level adds in this file: the first block map
/// nested in another, else 2.
fn indent_unit(root: &Node) -> usize {
    fn find(n: &Node) -> Option<usize> {
        for (k, v) in entries(n) {
            if let (NodeKind::Map(inner), true) = (&v.kind, v.pos.line > k.pos.line) {
                if let Some((ik, _)) = inner.first() {
                    if ik.pos.column > k.pos.column {
                        return Some((ik.pos.column - k.pos.column) as usize);
                    }
                }
            }
            if let Some(u) = find(v) {
                return Some(u);
            }
        }
        None
    }
    find(root).unwrap_or(2)
}

/// Insert `key: value` into map `map` (its first entry decides where and how): a line of its
/// own before the first entry of a block map, at that entry's indentation; `key: value, `
/// after the `{` of a flow map. A `- first: x` sequence item gets the new line after its first
/// line, at the item's indentation.
fn insert_entry(text: &str, sp: &mut Splices, map: &Node, key: &str, value: &str) -> Result<(), String> {
    if is_flow(text, map) {
        let o = offset(text, map.pos).ok_or("no such position")?;
        let sep = if entries(map).is_empty() { "" } else { ", " };
        sp.push(o + 1, o + 1, format!("{key}: {value}{sep}"));
        return Ok(());
    }
    let (k, v) = entries(map).first().ok_or_else(|| format!("the map at line {} is empty; edit the YAML by hand", map.pos.line))?;
    let l = line_of(text, k.pos.line);
    let prefix: String = l.chars().take((k.pos.column as usize).saturating_sub(1)).collect();
    let indent = " ".repeat(prefix.chars().count());
    if prefix.chars().all(|c| c == ' ') {
        let at = line_start(text, k.pos.line);
        sp.push(at, at, format!("{indent}{key}: {value}\n"));
        return Ok(());
    }
    let item = prefix.trim_end().strip_suffix('-').is_some_and(|p| p.chars().all(|c| c == ' '));
    if item && matches!(v.kind, NodeKind::Scalar { .. }) && v.pos.line == k.pos.line {
        let at = line_start(text, k.pos.line + 1);
        let nl = if at >= text.len() && !text.ends_with('\n') { "\n" } else { "" };
        sp.push(at, at, format!("{nl}{indent}{key}: {value}\n"));
        return Ok(());
    }
    Err(format!("cannot place {key} at line {}; edit the YAML by hand", k.pos.line))
}

/// Remove entry `key` (a key with a one-line scalar value) of block map `map`.
fn remove_entry(text: &str, sp: &mut Splices, map: &Node, key: &str) -> Result<(), String> {
    let list = entries(map);
    let Some(i) = list.iter().rposition(|(k, _)| k.as_str() == Some(key)) else { return Ok(()) };
    let (k, v) = &list[i];
    if is_flow(text, map) || !matches!(v.kind, NodeKind::Scalar { .. }) || v.pos.line != k.pos.line {
        return Err(format!("cannot remove {key} at line {}:{} (flow style or a nested value); edit the YAML by hand", k.pos.line, k.pos.column));
    }
    let l = line_of(text, k.pos.line);
    let prefix: String = l.chars().take((k.pos.column as usize).saturating_sub(1)).collect();
    if prefix.chars().all(|c| c == ' ') {
        sp.push(line_start(text, k.pos.line), line_start(text, k.pos.line + 1), "");
        return Ok(());
    }
    // `- nodePort: 30080` then `  port: 80`: the next entry moves up behind the dash
    match list.get(i + 1) {
        Some((next, _)) if next.pos.line == k.pos.line + 1 && next.pos.column == k.pos.column => {
            let (s, e) = (offset(text, k.pos).ok_or("no such position")?, offset(text, next.pos).ok_or("no such position")?);
            sp.push(s, e, "");
            Ok(())
        }
        _ => Err(format!("cannot remove {key} at line {}:{}; edit the YAML by hand", k.pos.line, k.pos.column)),
    }
}

fn find_object<'a>(objects: &'a [Object], kinds: &[&str], namespace: Option<&str>, name: &str) -> Option<&'a Object> {
    objects.iter().find(|o| kinds.contains(&o.kind.as_str()) && o.meta.name == name && namespace.is_none_or(|ns| o.meta.namespace == ns))
}

fn objects(text: &str) -> Vec<Object> {
    let mut diags: Vec<Diagnostic> = Vec::new();
    super::read_objects(text, &mut diags)
}

fn finish(text: &str, sp: Splices, summary: String, note: Option<String>) -> Result<Change, String> {
    let new = sp.apply(text)?;
    let edit = minimal_edit(text, &new).ok_or("nothing to change")?;
    Ok(Change { edit, summary, note })
}

/// The kinds `kubectl scale` scales that have `spec.replicas`.
const SCALABLE: &[&str] = &["Deployment", "ReplicaSet", "StatefulSet", "ReplicationController"];

/// `kubectl scale --replicas=N`: rewrite `spec.replicas` of a Deployment, ReplicaSet,
/// StatefulSet or ReplicationController, or insert it under `spec` when absent (it defaulted to 1).
pub fn scale(text: &str, kind: &str, namespace: &str, name: &str, replicas: i64) -> Result<Change, String> {
    let objs = objects(text);
    let o = find_object(&objs, SCALABLE, Some(namespace), name)
        .filter(|o| o.kind == kind)
        .ok_or_else(|| format!("{kind} {namespace}/{name} is not written in the YAML"))?;
    scale_object(text, o, replicas)
}

/// The `spec.replicas` a Deployment, ReplicaSet, StatefulSet or ReplicationController written in
/// `text` asks for (1 when unset: SetDefaults_Deployment and the others in
/// pkg/apis/apps/v1/defaults.go; `kubectl scale` reads and writes this field). None: the object
/// is not written there, or its replicas is not an integer. learn19 Q03: during a rollout its
/// pods are more than its replicas (maxSurge), so the pod panel's scale row must not count pods.
pub fn replicas(text: &str, kind: &str, namespace: &str, name: &str) -> Option<i64> {
    let objs = objects(text);
    let o = find_object(&objs, SCALABLE, Some(namespace), name).filter(|o| o.kind == kind)?;
    match o.source.get("spec").and_then(|s| s.get("replicas")) {
        None => Some(1),
        Some(r) if r.is_null() => Some(1),
        r => super::yaml::int(r),
    }
}

/// [`scale`] of an object read from `text` (its positions are the text's: read from the whole
/// text, or from its own document with that document's first line).
pub fn scale_object(text: &str, o: &Object, replicas: i64) -> Result<Change, String> {
    let (kind, name) = (o.kind.as_str(), o.meta.name.as_str());
    if replicas < 0 {
        // ValidateDeploymentSpec etc.: ValidateNonnegativeField
        return Err(format!("spec.replicas: Invalid value: {replicas}: must be greater than or equal to 0"));
    }
    if !SCALABLE.contains(&kind) {
        return Err(format!("{kind} {name} has no spec.replicas to scale"));
    }
    let spec = o.source.get("spec").filter(|s| matches!(s.kind, NodeKind::Map(_))).ok_or_else(|| format!("{kind} {name} has no spec map"))?;
    let mut sp = Splices::default();
    let before = match spec.get("replicas") {
        Some(r) => {
            replace_scalar(text, &mut sp, r, &replicas.to_string())?;
            r.text()
        }
        None => {
            insert_entry(text, &mut sp, spec, "replicas", &replicas.to_string())?;
            "1 (default)".to_string()
        }
    };
    finish(text, sp, format!("{kind} {name}: spec.replicas {before} → {replicas}"), None)
}

/// The first and last line (1-based, inclusive) a node's text spans.
fn last_line(n: &Node) -> u32 {
    match &n.kind {
        NodeKind::Scalar { text, plain, .. } => n.pos.line + if *plain { 0 } else { text.matches('\n').count() as u32 },
        NodeKind::Seq(items) => items.iter().map(last_line).max().unwrap_or(n.pos.line),
        NodeKind::Map(e) => e.iter().map(|(k, v)| last_line(k).max(last_line(v))).max().unwrap_or(n.pos.line),
    }
}

/// `kubectl delete pod NAME` of a Pod written in the YAML: its document (or its List item) is
/// removed. What its controller does next is the analysis's business.
pub fn delete_pod(text: &str, namespace: &str, name: &str) -> Result<Change, String> {
    let objs = objects(text);
    let o = find_object(&objs, &["Pod"], Some(namespace), name).ok_or_else(|| format!("Pod {namespace}/{name} is not written in the YAML"))?;
    let (docs, _) = super::yaml::parse_stream(text);
    let line = o.source.pos.line;
    let mut sp = Splices::default();
    // the document that holds the object
    let di = docs.iter().rposition(|d| d.first_line <= line).ok_or("no document")?;
    let doc = &docs[di];
    let root = doc.root.as_ref().ok_or("empty document")?;
    if root.pos == o.source.pos {
        // the whole document: from its first line (its `---`, if any) to the next document's
        let end = docs.get(di + 1).map(|d| line_start(text, d.first_line)).unwrap_or(text.len());
        // (a first document removed: the next one's `---` now opens the stream, still valid)
        sp.push(line_start(text, doc.first_line), end, "");
    } else {
        // an item of a List: from its `-` line to the line before the next item (or the end of
        // its last line)
        let item_line = line;
        let dash_col = line_of(text, item_line).find('-').unwrap_or(0);
        let mut end_line = last_line(&o.source);
        // trailing lines indented deeper (block scalars, comments inside the item)
        let total = text.split('\n').count() as u32;
        while end_line < total {
            let next = line_of(text, end_line + 1);
            let ind = next.len() - next.trim_start().len();
            if next.trim().is_empty() || ind <= dash_col {
                break;
            }
            end_line += 1;
        }
        sp.push(line_start(text, item_line), line_start(text, end_line + 1).min(text.len()), "");
    }
    let owners: Vec<String> = o.meta.owners.iter().map(|(k, n)| format!("{k}/{n}")).collect();
    let note = (!owners.is_empty()).then(|| {
        format!(
            "On a live cluster its controller ({}) creates a replacement with a new name and IP; this picture draws the pods written in the YAML (a dump), so the replacement is not drawn until its Pod is in the text",
            owners.join(", ")
        )
    });
    finish(text, sp, format!("kubectl delete pod {name}: its YAML document is removed"), note)
}

/// `kubectl cordon NODE` on a Node written in the YAML: `spec.unschedulable: true`.
pub fn cordon(text: &str, node: &str, on: bool) -> Result<Change, String> {
    let objs = objects(text);
    let o = find_object(&objs, &["Node"], None, node).ok_or_else(|| format!("Node {node} is not written in the YAML"))?;
    let mut sp = Splices::default();
    let value = if on { "true" } else { "false" };
    match o.source.get("spec").filter(|s| matches!(s.kind, NodeKind::Map(_)) && !entries(s).is_empty()) {
        Some(spec) => match spec.get("unschedulable") {
            Some(u) => replace_scalar(text, &mut sp, u, value)?,
            None if on => insert_entry(text, &mut sp, spec, "unschedulable", value)?,
            None => return Err(format!("Node {node} is not cordoned")),
        },
        None if on => {
            // no spec (or `spec: {}`): a new `spec:` block after the metadata block, at the root's
            // indentation
            let root = &o.source;
            let list = entries(root);
            let unit = " ".repeat(indent_unit(root));
            let (k0, _) = list.first().ok_or("empty Node")?;
            let ind = " ".repeat((k0.pos.column as usize).saturating_sub(1));
            let old_spec = list.iter().rposition(|(k, _)| k.as_str() == Some("spec"));
            if let Some(i) = old_spec {
                let (k, v) = &list[i];
                if v.pos.line != k.pos.line {
                    return Err("cannot place spec; edit the YAML by hand".into());
                }
                // `spec: {}` or `spec:` (null) on one line: replace the line
                sp.push(line_start(text, k.pos.line), line_start(text, k.pos.line + 1), format!("{ind}spec:\n{ind}{unit}unschedulable: true\n"));
            } else {
                let after = list.iter().position(|(k, _)| k.as_str() == Some("metadata")).unwrap_or(list.len() - 1);
                let end_line = last_line(&list[after].1).max(list[after].0.pos.line);
                let at = line_start(text, end_line + 1);
                let nl = if at >= text.len() && !text.ends_with('\n') { "\n" } else { "" };
                sp.push(at, at, format!("{nl}{ind}spec:\n{ind}{unit}unschedulable: true\n"));
            }
        }
        None => return Err(format!("Node {node} is not cordoned")),
    }
    let summary = if on { format!("kubectl cordon {node}: spec.unschedulable: true") } else { format!("kubectl uncordon {node}: spec.unschedulable: false") };
    finish(text, sp, summary, None)
}

/// Change a Service's type from the menu. The fields the new type has no use for are dropped
/// as the API server drops them on an update (pkg/registry/core/service/strategy.go
/// dropTypeDependentFields: clusterIP(s)/ipFamilies/ipFamilyPolicy when the type needs no
/// clusterIP, nodePorts when it needs none, healthCheckNodePort, allocateLoadBalancerNodePorts,
/// loadBalancerClass, externalTrafficPolicy). What validation (ValidateService /
/// ValidateServiceUpdate) would refuse is refused with its words.
pub fn set_service_type(text: &str, namespace: &str, name: &str, to: SvcType) -> Result<Change, String> {
    let objs = objects(text);
    let o = find_object(&objs, &["Service"], Some(namespace), name).ok_or_else(|| format!("Service {namespace}/{name} is not written in the YAML"))?;
    let spec = o.source.get("spec").filter(|s| matches!(s.kind, NodeKind::Map(_))).ok_or_else(|| format!("Service {name} has no spec map"))?;
    let type_node = spec.get("type");
    let cur_type = type_node.and_then(|t| t.as_str()).unwrap_or("ClusterIP").to_string();
    let cluster_ip = spec.get("clusterIP");
    let headless = cluster_ip.and_then(|c| c.as_str()) == Some("None");
    let from = if headless && cur_type == "ClusterIP" { SvcType::Headless } else { SvcType::parse(&cur_type).unwrap_or(SvcType::ClusterIP) };
    if from == to {
        return Err(format!("Service {name} is {} already", to.as_str()));
    }
    let mut sp = Splices::default();
    let mut note = None;
    // validation.go ValidateService: a headless Service cannot be NodePort or LoadBalancer
    if headless && matches!(to, SvcType::NodePort | SvcType::LoadBalancer) {
        return Err(format!("spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for {} services", to.as_str()));
    }
    // ValidateService: ExternalName needs spec.externalName
    if to == SvcType::ExternalName && spec.get("externalName").and_then(|n| n.as_str()).is_none_or(|n| n.is_empty()) {
        return Err("spec.externalName: Required value (write the DNS name this Service should alias first)".into());
    }
    // ValidateService: every type but ExternalName and headless needs a port
    let has_ports = matches!(spec.get("ports").map(|p| &p.kind), Some(NodeKind::Seq(p)) if !p.is_empty());
    if !has_ports && matches!(to, SvcType::ClusterIP | SvcType::NodePort | SvcType::LoadBalancer) {
        return Err("spec.ports: Required value (write a port first: a ClusterIP, NodePort or LoadBalancer Service needs one)".into());
    }
    // spec.type
    match type_node {
        Some(t) => replace_scalar(text, &mut sp, t, to.type_value())?,
        None if to.type_value() != "ClusterIP" => insert_entry(text, &mut sp, spec, "type", to.type_value())?,
        None => {}
    }
    // clusterIP: None in, or out
    let immutable = |v: &str| format!("On a Service that exists, the API server refuses this update (spec.clusterIPs[0]: Invalid value: [\"{v}\"]: may not change once set): kubectl delete the Service, then apply this YAML.");
    if to == SvcType::Headless {
        match cluster_ip {
            Some(c) => replace_scalar(text, &mut sp, c, "None")?,
            None => insert_entry(text, &mut sp, spec, "clusterIP", "None")?,
        }
        note = Some(immutable("None"));
    } else if from == SvcType::Headless && to != SvcType::ExternalName {
        remove_entry(text, &mut sp, spec, "clusterIP")?;
        note = Some(immutable(""));
    }
    // dropTypeDependentFields
    if to == SvcType::ExternalName {
        for k in ["clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy"] {
            if spec.get(k).is_some() {
                if matches!(spec.get(k).map(|v| &v.kind), Some(NodeKind::Seq(_))) {
                    return Err(format!("spec.{k} is a list: remove it by hand (ExternalName Services have none)"));
                }
                remove_entry(text, &mut sp, spec, k)?;
            }
        }
    }
    let needs_node_port = matches!(to, SvcType::NodePort | SvcType::LoadBalancer);
    if !needs_node_port {
        if let Some(NodeKind::Seq(ports)) = spec.get("ports").map(|p| &p.kind) {
            for p in ports {
                remove_entry(text, &mut sp, p, "nodePort")?;
            }
        }
    }
    if to != SvcType::LoadBalancer {
        for k in ["healthCheckNodePort", "allocateLoadBalancerNodePorts", "loadBalancerClass"] {
            remove_entry(text, &mut sp, spec, k)?;
        }
    }
    // serviceapi.ExternallyAccessible: NodePort, LoadBalancer, or ClusterIP with externalIPs
    let external_ips = matches!(spec.get("externalIPs").map(|v| &v.kind), Some(NodeKind::Seq(s)) if !s.is_empty());
    if !(needs_node_port || (to == SvcType::ClusterIP && external_ips)) {
        remove_entry(text, &mut sp, spec, "externalTrafficPolicy")?;
    }
    finish(text, sp, format!("Service {name}: {} → {}", from.as_str(), to.as_str()), note)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::checklist::apply;

    fn run(text: &str, c: &Change) -> String {
        apply(text, &c.edit).expect("the edit applies")
    }

    /// Every line the edit did not mean to touch is byte-identical, in order.
    fn untouched(before: &str, after: &str, changed: &[&str]) {
        let a: Vec<&str> = after.lines().filter(|l| !changed.iter().any(|c| l.contains(c))).collect();
        let b: Vec<&str> = before.lines().filter(|l| !changed.iter().any(|c| l.contains(c))).collect();
        assert_eq!(a, b);
    }

    const WEB: &str = include_str!("../../presets/web-clusterip.yaml");

    #[test]
    fn scale_rewrites_replicas_only() {
        let c = scale(WEB, "Deployment", "default", "web", 4).unwrap();
        assert_eq!(c.edit.old, "3");
        assert_eq!(c.edit.new, "4");
        let after = run(WEB, &c);
        assert!(after.contains("  replicas: 4\n"));
        untouched(WEB, &after, &["replicas"]);
        assert!(after.starts_with("# The tutorial's example"));
        assert_eq!(c.summary, "Deployment web: spec.replicas 3 → 4");
    }

    #[test]
    fn scale_inserts_replicas_at_the_files_indentation() {
        let y = "# four-space file\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n    name: api   # the API\nspec:\n    selector:\n        matchLabels: {app: api}\n    template:\n        metadata:\n            labels: {app: api}\n        spec:\n            containers: [{name: a, image: x}]\n";
        let c = scale(y, "Deployment", "default", "api", 2).unwrap();
        let after = run(y, &c);
        assert!(after.contains("spec:\n    replicas: 2\n    selector:\n"), "{after}");
        assert_eq!(after.replace("    replicas: 2\n", ""), y);
        assert!(c.summary.contains("1 (default) → 2"));
        // the edit keeps the analysis happy: 2 pods
        let r = crate::core::analyze(&after, &Default::default());
        assert_eq!(r.pods.len(), 2);
    }

    #[test]
    fn scale_flow_style_spec_and_quoted_value() {
        let y = "kind: StatefulSet\napiVersion: apps/v1\nmetadata: {name: db}\nspec: {serviceName: db, selector: {matchLabels: {app: db}}, template: {metadata: {labels: {app: db}}, spec: {containers: [{name: d, image: p}]}}}\n";
        let c = scale(y, "StatefulSet", "default", "db", 3).unwrap();
        let after = run(y, &c);
        assert!(after.contains("spec: {replicas: 3, serviceName: db"), "{after}");
        let q = "kind: Deployment\napiVersion: apps/v1\nmetadata:\n  name: w\nspec:\n  replicas: \"2\" # quoted\n";
        let c = scale(q, "Deployment", "default", "w", 1).unwrap();
        assert_eq!(run(q, &c), "kind: Deployment\napiVersion: apps/v1\nmetadata:\n  name: w\nspec:\n  replicas: 1 # quoted\n");
        assert!(scale(q, "Deployment", "default", "w", -1).unwrap_err().contains("must be greater than or equal to 0"));
        assert!(scale(q, "Deployment", "default", "nope", 1).is_err());
    }

    #[test]
    fn scale_inside_a_list_document() {
        let y = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: a\n  spec:\n    # how many\n    replicas: 5\n    selector: {matchLabels: {app: a}}\n";
        let c = scale(y, "Deployment", "default", "a", 0).unwrap();
        assert_eq!(run(y, &c), y.replace("replicas: 5", "replicas: 0"));
    }

    #[test]
    fn delete_pod_removes_its_document_only() {
        let y = "# one\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports: [{port: 80}]\n---\n# the pod\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [{name: c, image: x}]\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n";
        let c = delete_pod(y, "default", "p").unwrap();
        let after = run(y, &c);
        assert_eq!(after, "# one\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports: [{port: 80}]\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n");
        // the first document
        let first = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n---\nkind: ConfigMap\napiVersion: v1\nmetadata:\n  name: c\n";
        assert_eq!(run(first, &delete_pod(first, "default", "p").unwrap()), "---\nkind: ConfigMap\napiVersion: v1\nmetadata:\n  name: c\n");
    }

    #[test]
    fn delete_pod_from_a_list_keeps_the_other_items() {
        let y = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: a\n    ownerReferences: [{kind: ReplicaSet, name: rs, apiVersion: apps/v1, uid: u}]\n  spec:\n    containers:\n    - name: c\n      image: x\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: b\n  spec:\n    containers: [{name: c, image: x}]\n";
        let c = delete_pod(y, "default", "a").unwrap();
        let after = run(y, &c);
        assert_eq!(after, "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: b\n  spec:\n    containers: [{name: c, image: x}]\n");
        assert!(c.note.unwrap().contains("ReplicaSet/rs"));
        let c = delete_pod(y, "default", "b").unwrap();
        let after = run(y, &c);
        assert!(after.ends_with("      image: x\n") && !after.contains("name: b"), "{after}");
    }

    #[test]
    fn cordon_sets_or_inserts_unschedulable() {
        let y = "apiVersion: v1\nkind: Node\nmetadata:\n  name: n1 # first\n  labels: {zone: a}\nstatus:\n  addresses: [{type: InternalIP, address: 10.0.0.1}]\n";
        let c = cordon(y, "n1", true).unwrap();
        let after = run(y, &c);
        assert_eq!(after, "apiVersion: v1\nkind: Node\nmetadata:\n  name: n1 # first\n  labels: {zone: a}\nspec:\n  unschedulable: true\nstatus:\n  addresses: [{type: InternalIP, address: 10.0.0.1}]\n");
        let c2 = cordon(&after, "n1", false).unwrap();
        assert!(run(&after, &c2).contains("  unschedulable: false\n"));
        let with_spec = "apiVersion: v1\nkind: Node\nmetadata:\n  name: n2\nspec:\n  podCIDR: 10.244.9.0/24\n";
        assert!(run(with_spec, &cordon(with_spec, "n2", true).unwrap()).contains("spec:\n  unschedulable: true\n  podCIDR:"));
        let r = crate::core::analyze(&after, &Default::default());
        assert!(r.nodes.iter().any(|n| n.name == "n1" && n.unschedulable));
    }

    #[test]
    fn service_type_changes_minimally() {
        let c = set_service_type(WEB, "default", "web", SvcType::NodePort).unwrap();
        let after = run(WEB, &c);
        assert!(after.contains("spec:\n  type: NodePort\n  selector:"), "{after}");
        untouched(WEB, &after, &["type: NodePort"]);
        let r = crate::core::analyze(&after, &Default::default());
        assert_eq!(r.services[0].type_, "NodePort");
        // and back: type rewritten in place, nodePort lines the API server would drop go too
        let np = "kind: Service\napiVersion: v1\nmetadata:\n  name: s\nspec:\n  type: NodePort # was\n  externalTrafficPolicy: Local\n  ports:\n  - nodePort: 30080\n    port: 80\n    name: a\n  - port: 81\n    nodePort: 30081\n    name: b\n";
        let c = set_service_type(np, "default", "s", SvcType::ClusterIP).unwrap();
        assert_eq!(run(np, &c), "kind: Service\napiVersion: v1\nmetadata:\n  name: s\nspec:\n  type: ClusterIP # was\n  ports:\n  - port: 80\n    name: a\n  - port: 81\n    name: b\n");
        let r = crate::core::analyze(&run(np, &c), &Default::default());
        assert!(!r.has_errors(), "{:?}", r.diagnostics);
    }

    #[test]
    fn service_type_follows_the_api_servers_rules() {
        // ValidateService: headless cannot be NodePort; ExternalName needs externalName
        let h = "kind: Service\napiVersion: v1\nmetadata:\n  name: db\nspec:\n  clusterIP: None\n  ports: [{port: 5432}]\n";
        assert_eq!(set_service_type(h, "default", "db", SvcType::NodePort).unwrap_err(), "spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services");
        assert!(set_service_type(WEB, "default", "web", SvcType::ExternalName).unwrap_err().starts_with("spec.externalName: Required value"));
        // headless ↔ ClusterIP: clusterIP may not change once set
        let c = set_service_type(WEB, "default", "web", SvcType::Headless).unwrap();
        assert!(run(WEB, &c).contains("spec:\n  clusterIP: None\n  selector:"));
        assert!(c.note.unwrap().contains("may not change once set"));
        let c = set_service_type(h, "default", "db", SvcType::ClusterIP).unwrap();
        assert_eq!(run(h, &c), "kind: Service\napiVersion: v1\nmetadata:\n  name: db\nspec:\n  ports: [{port: 5432}]\n");
        // ExternalName: clusterIP dropped (dropTypeDependentFields)
        let e = "kind: Service\napiVersion: v1\nmetadata:\n  name: x\nspec:\n  clusterIP: 10.96.0.50\n  externalName: db.example.com\n  ports:\n  - port: 80\n";
        let c = set_service_type(e, "default", "x", SvcType::ExternalName).unwrap();
        let after = run(e, &c);
        assert_eq!(after, "kind: Service\napiVersion: v1\nmetadata:\n  name: x\nspec:\n  type: ExternalName\n  externalName: db.example.com\n  ports:\n  - port: 80\n");
        assert!(!crate::core::analyze(&after, &Default::default()).has_errors());
        assert!(set_service_type(WEB, "default", "web", SvcType::ClusterIP).unwrap_err().contains("already"));
        let ext = include_str!("../../presets/web-externalname.yaml");
        assert!(set_service_type(ext, "default", "db", SvcType::ClusterIP).unwrap_err().starts_with("spec.ports: Required value"));
    }

    #[test]
    fn minimal_edit_is_one_span() {
        let e = minimal_edit("a: 1\nb: 2\nc: 3\n", "a: 1\nb: 20\nc: 3\n").unwrap();
        assert_eq!((e.line, e.column, e.old.as_str(), e.new.as_str()), (2, 5, "", "0"));
        let e = minimal_edit("é: 1\n", "é: 2\n").unwrap();
        assert_eq!((e.line, e.column), (1, 4));
        assert!(minimal_edit("x", "x").is_none());
    }

    // ---- what-ifs the YAML does not hold (Config), as core::cluster builds them

    fn pods(text: &str, cfg: &crate::core::config::Config) -> Vec<(String, String, String)> {
        let r = crate::core::analyze(text, cfg);
        r.pods.iter().map(|p| (p.name.clone(), p.ip.clone().unwrap_or_default(), p.node.clone().unwrap_or_default())).collect()
    }

    #[test]
    fn deleting_a_controller_pod_brings_a_new_name_and_ip() {
        use crate::core::config::Config;
        let before = pods(WEB, &Config::default());
        let victim = before[1].clone();
        let cfg = Config { deleted_pods: vec![format!("default/{}", victim.0)], ..Config::default() };
        let after = crate::core::analyze(WEB, &cfg);
        assert_eq!(after.pods.len(), 3);
        let new = after.pods.iter().find(|p| p.replaces.as_deref() == Some(victim.0.as_str())).expect("a replacement");
        assert_ne!(new.name, victim.0);
        // same ReplicaSet (pod-template-hash), a new 5-character suffix
        assert_eq!(new.name.rsplit_once('-').unwrap().0, victim.0.rsplit_once('-').unwrap().0);
        assert_ne!(new.ip.as_deref(), Some(victim.1.as_str()));
        assert!(before.iter().all(|p| Some(p.1.as_str()) != new.ip.as_deref()), "a fresh address");
        // the other pods keep their names and addresses
        for p in before.iter().filter(|p| p.0 != victim.0) {
            assert!(after.pods.iter().any(|q| q.name == p.0 && q.ip.as_deref() == Some(p.1.as_str())));
        }
        // deleting the replacement draws another name
        let cfg2 = Config { deleted_pods: vec![format!("default/{}", victim.0), format!("default/{}", new.name)], ..Config::default() };
        let again = crate::core::analyze(WEB, &cfg2);
        assert!(again.pods.iter().all(|p| p.name != new.name && p.name != victim.0));
    }

    #[test]
    fn other_pods_on_the_node_keep_their_addresses() {
        use crate::core::config::Config;
        let before = crate::core::analyze(WEB, &Config { nodes: 1, ..Config::default() });
        let victim = before.pods[0].name.clone();
        let after = crate::core::analyze(WEB, &Config { nodes: 1, deleted_pods: vec![format!("default/{victim}")], ..Config::default() });
        for p in &before.pods[1..] {
            assert!(after.pods.iter().any(|q| q.name == p.name && q.ip == p.ip), "{} keeps {:?}", p.name, p.ip);
        }
        let new = after.pods.iter().find(|p| p.replaces.is_some()).unwrap();
        assert_eq!(new.ip.as_deref(), Some("10.244.0.5"), "after .2 (deleted), .3, .4");
    }

    #[test]
    fn a_statefulset_keeps_the_name_with_a_new_ip() {
        use crate::core::config::Config;
        let y = include_str!("../../presets/headless-statefulset.yaml");
        let before = pods(y, &Config::default());
        let web0 = before.iter().find(|p| p.0 == "db-0").unwrap().clone();
        let after = crate::core::analyze(y, &Config { deleted_pods: vec!["default/db-0".into()], ..Config::default() });
        let p = after.pods.iter().find(|p| p.name == "db-0").unwrap();
        assert_eq!(p.replaces.as_deref(), Some("db-0"));
        assert_ne!(p.ip.as_deref(), Some(web0.1.as_str()));
        assert_eq!(p.hostname.as_deref(), Some("db-0"));
    }

    #[test]
    fn cordon_keeps_pods_drain_moves_them() {
        use crate::core::config::Config;
        let before = pods(WEB, &Config::default());
        let node = before[0].2.clone();
        let cordoned = crate::core::analyze(WEB, &Config { cordoned: vec![node.clone()], ..Config::default() });
        assert_eq!(pods(WEB, &Config { cordoned: vec![node.clone()], ..Config::default() }), before);
        assert!(cordoned.nodes.iter().find(|n| n.name == node).unwrap().unschedulable);
        let drained = crate::core::analyze(WEB, &Config { drained: vec![node.clone()], ..Config::default() });
        assert_eq!(drained.pods.len(), 3);
        assert!(drained.pods.iter().all(|p| p.node.as_deref() != Some(node.as_str())));
        let evicted: Vec<&String> = before.iter().filter(|p| p.2 == node).map(|p| &p.0).collect();
        assert!(!evicted.is_empty());
        for e in evicted {
            assert!(drained.pods.iter().any(|p| p.replaces.as_ref() == Some(e)), "{e} is replaced");
        }
    }

    #[test]
    fn every_preset_keeps_its_comments_and_untouched_lines() {
        use crate::core::config::Config;
        let comments = |t: &str| t.lines().filter(|l| l.trim_start().starts_with('#') || l.contains(" #")).map(str::to_string).collect::<Vec<_>>();
        for p in crate::core::presets::ALL {
            let objs = objects(p.yaml);
            for o in objs.iter().filter(|o| matches!(o.kind.as_str(), "Deployment" | "StatefulSet" | "ReplicaSet")) {
                let c = scale(p.yaml, &o.kind, &o.meta.namespace, &o.meta.name, 5).unwrap_or_else(|e| panic!("{}: {e}", p.id));
                let after = run(p.yaml, &c);
                let changed: Vec<(&str, &str)> = p.yaml.lines().zip(after.lines()).filter(|(a, b)| a != b).collect();
                assert!(changed.len() <= 1 || p.yaml.lines().count() + 1 == after.lines().count(), "{}: {changed:?}", p.id);
                assert_eq!(comments(&after), comments(p.yaml), "{}", p.id);
                let r = crate::core::analyze(&after, &Config { cloud: p.cloud, ..Config::default() });
                let owner = format!("{}/{}", o.kind, o.meta.name);
                let n = r.pods.iter().filter(|q| q.owner.as_deref() == Some(owner.as_str())).count();
                assert!(n == 5 || r.pods.iter().any(|q| q.owner.is_none()), "{}: {n} pods of {owner}", p.id);
            }
            for o in objs.iter().filter(|o| o.kind == "Service") {
                for t in SvcType::ALL {
                    let Ok(c) = set_service_type(p.yaml, &o.meta.namespace, &o.meta.name, t) else { continue };
                    let after = run(p.yaml, &c);
                    assert_eq!(comments(&after), comments(p.yaml), "{} → {t:?}", p.id);
                    // every line of the result was there before, except the type/clusterIP line
                    for l in after.lines().filter(|l| !p.yaml.lines().any(|x| x == *l)) {
                        assert!(l.trim_start().starts_with("type: ") || l.trim_start().starts_with("clusterIP: ") || l.trim_start().starts_with("- "), "{} → {t:?}: {l}", p.id);
                    }
                    // the API server would accept the Service (no validation error on it)
                    let r = crate::core::analyze(&after, &Config { cloud: p.cloud, ..Config::default() });
                    let id = format!("Service/{}/{}", o.meta.namespace, o.meta.name);
                    let was_ok = !crate::core::analyze(p.yaml, &Config::default()).diagnostics.iter().any(|d| d.object.as_deref() == Some(id.as_str()) && d.severity == crate::core::diag::Severity::Error);
                    if was_ok {
                        assert!(!r.diagnostics.iter().any(|d| d.object.as_deref() == Some(id.as_str()) && d.severity == crate::core::diag::Severity::Error), "{} → {t:?}: {:?}", p.id, r.diagnostics);
                    }
                }
            }
        }
    }

    #[test]
    fn cordon_a_four_space_node_in_a_list() {
        let y = "apiVersion: v1\nkind: NodeList\nitems:\n  - apiVersion: v1\n    kind: Node\n    metadata:\n        name: big   # GPU\n        labels:\n            gpu: \"yes\"\n    status: {}\n";
        let c = cordon(y, "big", true).unwrap();
        let after = run(y, &c);
        assert_eq!(after, "apiVersion: v1\nkind: NodeList\nitems:\n  - apiVersion: v1\n    kind: Node\n    metadata:\n        name: big   # GPU\n        labels:\n            gpu: \"yes\"\n    spec:\n        unschedulable: true\n    status: {}\n");
    }

    /// Bad input never panics: every edit on every prefix of every preset (and odd texts), and
    /// an edit that is offered always applies.
    #[test]
    fn edits_on_broken_text_never_panic() {
        let mut texts: Vec<String> = vec![
            "kind: Deployment\nmetadata: {name: w}\nspec: 3\n".into(),
            "kind: Service\nmetadata:\n  name: s\nspec:\n  type: [NodePort]\n  clusterIP: \"None\n".into(),
            "kind: Node\nmetadata:\n  name: n\nspec: {}\n".into(),
            "kind: Pod\nmetadata: {name: p}\n---\n---\nkind: Pod\nmetadata: {name: p}\n".into(),
            "kind: Service\nmetadata: {name: é}\nspec: {type: 'NodePort', ports: [{port: 80, nodePort: 30000}]}\n".into(),
        ];
        for p in crate::core::presets::ALL {
            let lines: Vec<&str> = p.yaml.lines().collect();
            // every third prefix keeps this quick in debug builds
            for i in (0..=lines.len()).step_by(3) {
                texts.push(lines[..i].join("\n"));
            }
        }
        for t in &texts {
            let objs = objects(t);
            for o in &objs {
                let (ns, n) = (o.meta.namespace.as_str(), o.meta.name.as_str());
                let mut results = vec![scale(t, &o.kind, ns, n, 2), delete_pod(t, ns, n), cordon(t, n, true), cordon(t, n, false)];
                results.extend(SvcType::ALL.into_iter().map(|ty| set_service_type(t, ns, n, ty)));
                for c in results.into_iter().flatten() {
                    assert!(apply(t, &c.edit).is_some(), "{t:?}: {c:?}");
                }
            }
        }
    }
}

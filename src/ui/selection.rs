//! The details panel of the selected thing (a pod, node or Service clicked in the diagram, or
//! chosen with Tab + Enter), with the what-if edits that thing offers (issue #11 item 1):
//! scale its workload, delete a pod, flip its readiness, cordon/drain a node, change a
//! Service's type. An edit of the YAML is one `insertText` into the textarea (see
//! `whynot::apply_edit`), so Ctrl+Z / Ctrl+Shift+Z take it back with typed edits; what a live
//! cluster does without a YAML change (a controller replacing a deleted pod, a drain of a
//! simulated node) is kept beside the YAML in `WhatIf` and said so. The edits come from
//! `crate::core::edit`.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::whynot::apply_edit;
use super::ids::Ids;
use super::Scene;
use crate::core::edit::{self, Change, SvcType};
use crate::core::layout::{pod_labels, pod_ports, pod_state};
use crate::core::report::Report;

/// What the details panel shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selected {
    Pod { namespace: String, name: String },
    Node(String),
    Service { namespace: String, name: String },
}

/// What-ifs a real cluster keeps outside the manifests (fed to `Config`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WhatIf {
    pub deleted_pods: Vec<String>,
    pub cordoned: Vec<String>,
    pub drained: Vec<String>,
    /// nodes that went down (Config::down; `ui::whatif_node`)
    pub down: Vec<String>,
    /// Deployments (`namespace/name`) rolling out a new version (Config::rollout; `ui::whatif_rollout`)
    pub rollout: Vec<String>,
    /// the node the in-cluster client runs on ("From: A pod on node-2"; Config::client_node)
    pub client_node: Option<String>,
    /// the namespace of the user's own pod named `client` that is the in-cluster client ("From:
    /// Your pod frontend/client"; Config::client_namespace)
    pub client_namespace: Option<String>,
    /// the name of the input pod (in `client_namespace`) that is the in-cluster client ("From:
    /// Your pod frontend"; Config::client_pod; None: the pod named client)
    pub client_pod: Option<String>,
}

impl WhatIf {
    pub fn is_empty(&self) -> bool {
        self.deleted_pods.is_empty() && self.cordoned.is_empty() && self.drained.is_empty() && self.down.is_empty() && self.rollout.is_empty() && self.client_node.is_none() && self.client_namespace.is_none() && self.client_pod.is_none()
    }
}

/// Select a thing and bring the panel into view.
pub fn select(scene: Scene, sel: Selected) {
    scene.selected.set(Some(sel));
}

/// The last edit's words (or the API server's refusal).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Status {
    text: String,
    refused: bool,
}

thread_local! {
    /// The panel control a what-if was made from, until the report after it is shown (a big
    /// text's comes from the worker later than `refocus`'s timer).
    static PENDING_FOCUS: std::cell::Cell<Option<(Ids, &'static str)>> = const { std::cell::Cell::new(None) };
}

/// Focus `selector`, or — when the what-if took it away or disabled it (the last pod of a
/// Deployment scaled to 0: its "−" is disabled, or the selected pod itself is gone) — the
/// nearest thing of the panel still there: the scale group, the status line that says what the
/// edit did, the panel. Never the editor the edit went through (learner6 k1: focus landed in
/// the YAML and the next Tab indented it).
/// The selectors name `#selected`, which is this instance's panel (`ids`: mountfix).
fn focus_in_panel(ids: Ids, selector: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let panel = ids.sel("selected");
    for sel in [selector, "#selected [data-kind='scale-group']", "#selected [data-kind='edit-status']", "#selected"] {
        let el = doc.query_selector(&sel.replacen("#selected", &panel, 1)).ok().flatten().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(h) = el.filter(|e| !e.has_attribute("disabled")) {
            let _ = h.focus();
            if doc.active_element().is_some_and(|a| a == *h) {
                return;
            }
        }
    }
}

/// Put the focus back on the panel control `selector` once the panel has re-rendered, so a
/// keyboard user can press + again (the edit itself focused the textarea); see `focus_in_panel`.
pub(super) fn refocus(ids: Ids, selector: &'static str) {
    PENDING_FOCUS.with(|p| p.set(Some((ids, selector))));
    set_timeout(move || focus_in_panel(ids, selector), std::time::Duration::from_millis(0));
}

/// The report after a what-if is shown: if the control that had the focus went with the old
/// panel (focus fell back to the page's body), focus the panel again (`focus_in_panel`).
fn refocus_after_report() {
    let Some((ids, selector)) = PENDING_FOCUS.with(|p| p.take()) else { return };
    set_timeout(
        move || {
            let doc = web_sys::window().and_then(|w| w.document());
            let lost = doc.as_ref().is_none_or(|d| d.active_element().is_none_or(|a| d.body().is_some_and(|b| a == *b)));
            if lost {
                focus_in_panel(ids, selector);
            }
        },
        std::time::Duration::from_millis(0),
    );
}

/// Apply a computed change to the YAML (one undo step).
fn apply_change(scene: Scene, status: RwSignal<Option<Status>>, c: Result<Change, String>, focus: &'static str) {
    // a read-only editor (`?embed&readonly`, mount's readOnly) is not changed by a what-if
    // either (docs/embedding.md: "the editor cannot be changed"; learner10 T5)
    let read_only = scene
        .ids
        .editor()
        // (this instance's editor: the one holding its text, as apply_edit checks)
        .is_some_and(|a| a.read_only() && a.value() == scene.text.get_untracked());
    if read_only && c.is_ok() {
        status.set(Some(Status { text: "The manifests are read-only here: this what-if would edit them, so it is not applied. (Making a pod Ready or not, and deleting a controller's pod, change no manifest and still work.)".into(), refused: true }));
        return;
    }
    match c {
        Ok(c) => {
            apply_edit(scene, &c.edit);
            let text = match &c.note {
                Some(n) => format!("{}. {n}", c.summary),
                None => format!("{} (Ctrl+Z undoes it)", c.summary),
            };
            status.set(Some(Status { text, refused: false }));
            refocus(scene.ids, focus);
        }
        Err(e) => status.set(Some(Status { text: e, refused: true })),
    }
}

/// Ctrl+Z / Ctrl+Shift+Z (Ctrl+Y) pressed in the panel: the textarea's own undo/redo, so the
/// panel's edits and typed edits share one history.
fn undo_keys(ids: Ids, ev: &web_sys::KeyboardEvent) {
    let z = ev.key().eq_ignore_ascii_case("z");
    if !(ev.ctrl_key() || ev.meta_key()) || !(z || ev.key().eq_ignore_ascii_case("y")) {
        return;
    }
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(area) = ids.editor() else { return };
    if area.read_only() {
        return;
    }
    ev.prevent_default();
    let active = doc.active_element();
    let _ = area.focus();
    let cmd = if z && !ev.shift_key() { "undo" } else { "redo" };
    if let Ok(f) = js_sys::Reflect::get(&doc, &"execCommand".into()).and_then(|f| f.dyn_into::<js_sys::Function>()) {
        let _ = f.call3(&doc, &cmd.into(), &false.into(), &wasm_bindgen::JsValue::UNDEFINED);
    }
    if let Some(h) = active.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = h.focus();
    }
}

/// A `<dl>` of facts; one function for every panel (one instantiation of the view code).
fn facts(list: Vec<(&'static str, String)>) -> AnyView {
    view! {
        <dl class="facts">
            // (uifix19: a pod's "`kubectl logs …`" as <code>, ui::words)
            // (learn19 leftover: the Service panel's "Ping" sentence, a down node's Ready, set in
            // the values' monospace) a value of eight words or more is a sentence: the text face
            {list.into_iter().map(|(term, value)| {
                let prose = value.split_whitespace().count() >= 8;
                view! { <dt>{term}</dt><dd class:prose=prose>{super::words::words(&value)}</dd> }
            }).collect_view()}
        </dl>
    }
    .into_any()
}

fn controller_words(owner: &str) -> (&str, &str) {
    owner.split_once('/').unwrap_or(("controller", owner))
}

fn created_by(p: &crate::core::report::PodReport) -> String {
    match (&p.owner, &p.replaces) {
        (Some(o), Some(r)) => format!("{o} (replaces the deleted {r})"),
        (Some(o), None) if p.adopted => crate::core::layout::adopted_by_owner(o, p.line),
        (Some(o), None) => crate::core::layout::created_by_owner(o),
        (None, _) => format!("the YAML, line {}", p.line),
    }
}

/// The workload kinds the panel scales (`kubectl scale`), as `kind/name` of a pod's owner.
fn scalable(owner: &str) -> Option<(String, String)> {
    Some(controller_words(owner)).filter(|(k, _)| matches!(*k, "Deployment" | "ReplicaSet" | "StatefulSet")).map(|(k, n)| (k.to_string(), n.to_string()))
}

/// The node panel's Schedulable fact: spec.unschedulable (cordon, drain), and — learn19 Q01,
/// "Schedulable: yes" beside a down node's `unreachable:NoSchedule` — a NoSchedule taint, which
/// keeps off every new pod that does not tolerate it (the scheduler's TaintToleration filter).
fn schedulable_fact(n: &crate::core::cluster::ClusterNode, drained: bool) -> String {
    if n.unschedulable {
        return if drained { "no (drained)".to_string() } else { "no (cordoned: spec.unschedulable)".to_string() };
    }
    let no_schedule: Vec<String> = n.taints.iter().filter(|t| t.effect == "NoSchedule").map(|t| if t.value.is_empty() { format!("{}:NoSchedule", t.key) } else { format!("{}={}:NoSchedule", t.key, t.value) }).collect();
    match no_schedule.as_slice() {
        [] => "yes".to_string(),
        [t] => format!("not cordoned, but its taint {t} keeps off every new pod that does not tolerate it (the scheduler's TaintToleration filter)"),
        ts => format!("not cordoned, but its taints {} keep off every new pod that does not tolerate them (the scheduler's TaintToleration filter)", ts.join(", ")),
    }
}

/// The replicas the scale row shows and steps from: the workload's pods, except while the
/// what-if rollout runs for a Deployment, whose pods are then spec.replicas plus the surge
/// (learn19 Q03: "4 replicas", and "+" wrote 5): then its spec.replicas, read from the text only
/// in that case.
fn workload_replicas(scene: Scene, r: &Report, owner: &str, ns: &str) -> i64 {
    let pods = r.pods.iter().filter(|q| q.owner.as_deref() == Some(owner) && q.namespace == ns).count() as i64;
    let Some(name) = owner.strip_prefix("Deployment/") else { return pods };
    let key = format!("{ns}/{name}");
    if !scene.whatif.with_untracked(|w| w.rollout.contains(&key)) {
        return pods;
    }
    scene.text.with_untracked(|t| edit::replicas(t, "Deployment", ns, name)).unwrap_or(pods)
}

/// `Deployment web: 2 replicas − +`: a group a keyboard user lands on when its "−" is
/// disabled at 0 (`focus_in_panel`).
fn scale_row(scene: Scene, status: RwSignal<Option<Status>>, kind: String, wname: String, ns: String, replicas: i64) -> AnyView {
    let (k2, n2, ns2) = (kind.clone(), wname.clone(), ns.clone());
    let (k3, n3, ns3) = (kind.clone(), wname.clone(), ns);
    view! {
        <div class="whatif-row" role="group" data-kind="scale-group" tabindex="-1" aria-label=format!("Scale {kind} {wname}")>
            <span>{format!("{kind} {wname}: {}", crate::core::report::count(replicas.max(0) as usize, "replica", "replicas"))}</span>
            <button type="button" class="btn" data-kind="scale-down" aria-label=format!("Scale {kind} {wname} down to {}", (replicas - 1).max(0))
                disabled=replicas == 0
                on:click=move |_| apply_change(scene, status, edit::scale(&scene.text.get_untracked(), &k2, &ns2, &n2, replicas - 1), "#selected [data-kind='scale-down']")>"−"</button>
            <button type="button" class="btn" data-kind="scale-up" aria-label=format!("Scale {kind} {wname} up to {}", replicas + 1)
                on:click=move |_| apply_change(scene, status, edit::scale(&scene.text.get_untracked(), &k3, &ns3, &n3, replicas + 1), "#selected [data-kind='scale-up']")>"+"</button>
        </div>
    }
    .into_any()
}

/// The pod's panel. `last` remembers the shown pod's owner: when an edit takes the pod away
/// (its Deployment scaled down, to 0 or past it), the panel keeps its workload's scale
/// control, so the pods can be brought back from where the keyboard is (learner6 k1: only
/// Ctrl+Z in the editor could).
fn pod_panel(scene: Scene, r: &Report, namespace: &str, name: &str, status: RwSignal<Option<Status>>, last: StoredValue<Option<(String, String)>>) -> AnyView {
    let Some(p) = r.pods.iter().find(|p| p.namespace == namespace && p.name == name).cloned() else {
        let key = format!("{namespace}/{name}");
        let owner = last.with_value(|l| l.as_ref().filter(|(k, _)| *k == key).map(|(_, o)| o.clone()));
        let Some(((kind, wname), o)) = owner.as_deref().and_then(scalable).zip(owner.clone()) else {
            return view! { <p class="muted">{format!("Pod {namespace}/{name} is gone from this scene.")}</p> }.into_any();
        };
        let replicas = workload_replicas(scene, r, &o, namespace);
        let now = match r.pods.iter().filter(|q| q.owner.as_deref() == Some(o.as_str()) && q.namespace == namespace).count() {
            0 => format!("{kind} {wname} runs no pod now"),
            1 => format!("{kind} {wname} runs 1 other pod"),
            n => format!("{kind} {wname} runs {n} other pods"),
        };
        return view! {
            <h2 class="details-title">{format!("Pod {name}")}</h2>
            <p class="muted" data-kind="pod-gone">{format!("Pod {namespace}/{name} is gone from this scene: {now}.")}</p>
            <div class="whatif-actions">{scale_row(scene, status, kind, wname, namespace.to_string(), replicas)}</div>
        }
        .into_any();
    };
    let svc = scene.service_index().and_then(|i| r.services.get(i)).map(|s| &**s);
    // (learner10 U q/03: "not selected by it" named nothing)
    let why = crate::core::poddetails::selected_service(svc, &p);
    let finished = p.phase == "Succeeded" || p.phase == "Failed";
    // the endpoint's EndpointSlice conditions, and what a hostPort opens (learner9 U Q07, M Q12)
    let conditions = crate::core::poddetails::slice_conditions(svc, &p);
    let node_ip = p.node.as_deref().and_then(|n| r.nodes.iter().find(|x| x.name == n)).map(|n| n.ip.clone());
    let host_ports = crate::core::poddetails::host_ports(&p, node_ip.as_deref());
    let reason = p.pending_reason.clone().or(p.failed_reason.clone()).or(p.not_ready_reason.clone());
    let key = format!("{}/{}", p.namespace, p.name);
    let owner = p.owner.clone();
    let scalable = owner.as_deref().and_then(scalable);
    let replicas = owner.as_ref().map(|o| workload_replicas(scene, r, o, &p.namespace)).unwrap_or(0);
    if let Some(o) = &owner {
        last.set_value(Some((key.clone(), o.clone())));
    }
    let scale_view = scalable.map(|(kind, wname)| scale_row(scene, status, kind, wname, p.namespace.clone(), replicas));
    let flip_key = key.clone();
    let del_ns = p.namespace.clone();
    let del_name = p.name.clone();
    let del_owner = owner.clone();
    let delete = move |_| {
        match &del_owner {
            // a pod written in the YAML: its document goes
            None => apply_change(scene, status, edit::delete_pod(&scene.text.get_untracked(), &del_ns, &del_name), "#selected"),
            // a pod its controller made: the YAML does not change; the controller replaces it
            Some(o) => {
                // what a cluster does meanwhile, read from the report before the delete (learn17)
                let meanwhile = crate::core::poddetails::deletion_meanwhile(&scene.analysis.get_untracked(), &del_ns, &del_name);
                scene.whatif.update(|w| w.deleted_pods.push(format!("{del_ns}/{del_name}")));
                scene.backend.set(0);
                scene.reset_animation();
                let after = scene.analysis.get_untracked();
                let (kind, wname) = controller_words(o);
                let new = after.pods.iter().find(|q| q.namespace == del_ns && q.replaces.as_deref() == Some(del_name.as_str()));
                let by = match kind {
                    "Deployment" => format!("the ReplicaSet {}", del_name.rsplit_once('-').map(|(b, _)| b).unwrap_or(wname)),
                    k => format!("the {k} {wname}"),
                };
                let text = match new {
                    Some(q) if q.name == del_name => format!(
                        "kubectl delete pod {del_name}: {by} creates {} again (a StatefulSet keeps the name), with a new IP {}. The YAML does not change.",
                        q.name,
                        q.ip.clone().unwrap_or_else(|| "(none yet)".into())
                    ),
                    Some(q) => format!(
                        "kubectl delete pod {del_name}: {by} creates {} (IP {}). The YAML does not change: the {kind} still asks for the same replicas.",
                        q.name,
                        q.ip.clone().unwrap_or_else(|| "(none yet)".into())
                    ),
                    None => format!("kubectl delete pod {del_name}: {by} would create a replacement, but none could be placed (see the pods list)."),
                };
                let text = match meanwhile {
                    Some(m) => format!("{text} {m}"),
                    None => text,
                };
                if let Some(q) = new {
                    scene.selected.set(Some(Selected::Pod { namespace: q.namespace.clone(), name: q.name.clone() }));
                }
                status.set(Some(Status { text, refused: false }));
                refocus(scene.ids, "#selected [data-kind='delete-pod']");
            }
        }
    };
    view! {
        <h2 class="details-title">{format!("Pod {}", p.name)}</h2>
        {facts({
            let mut f = vec![
            ("Namespace", p.namespace.clone()),
            ("Node", p.node.clone().unwrap_or_else(|| "none (not scheduled)".into())),
            ("IP", match &p.ip { Some(ip) if p.host_network => format!("{ip} (hostNetwork: the node's IP)"), Some(ip) => ip.clone(), None => "none".into() }),
            ("Labels", { let l = pod_labels(&p); if l.is_empty() { "none".into() } else { l } }),
            ("Ports", { let ports = pod_ports(&p); ports.split_once(' ').filter(|(h, _)| h.starts_with("containerPort")).map(|(_, r)| r.to_string()).unwrap_or(ports) }),
            ("State", match &reason { Some(w) => format!("{} ({}): {w}", pod_state(&p), p.phase), None => format!("{} ({})", pod_state(&p), p.phase) }),
            ("Created by", created_by(&p)),
            ("Selected Service", why.clone()),
            ];
            if let Some(c) = conditions {
                f.push(("EndpointSlice", c));
            }
            // (learn18 Q03: the other Services this pod is behind)
            if let Some(o) = crate::core::poddetails::other_services(&r.services, svc, &p) {
                f.push(("Other Services", o));
            }
            if !host_ports.is_empty() {
                f.push(("hostPort", host_ports.join(" ")));
            }
            // (fidfix21: a dead livenessProbe, a readinessProbe's initialDelaySeconds)
            if !p.notes.is_empty() {
                f.push(("Probes", p.notes.join(" ")));
            }
            f
        })}
        <div class="whatif-actions">
            {scale_view}
            {super::whatif_rollout::button(scene, p.owner.as_deref(), &p.namespace, move |text| status.set(Some(Status { text, refused: false })))}
            <div class="whatif-row">
                // (a pod no node runs has no kubelet to probe it: nothing to flip; nor has a
                // finished one — Succeeded/Failed pods are never endpoints, ShouldPodBeInEndpoints
                // in staging/src/k8s.io/endpointslice/utils.go; learner9 U Q10)
                {((p.node.is_some() && !finished) || p.ready_flipped).then(|| {
                    let label = if p.ready_flipped { "Restore readiness" } else if p.ready { "Fail its readiness probe" } else { "Make it Ready" };
                    view! {
                        <button type="button" class="btn" data-kind="flip-ready"
                            on:click=move |_| scene.flip_ready(flip_key.clone())>{label}</button>
                    }
                })}
                <button type="button" class="btn" data-kind="delete-pod" on:click=delete>"Delete pod"</button>
            </div>
            // (learner7 5b: "will a failing readiness probe restart my pod?")
            {(!p.ready && p.ip.is_some() && p.node.is_some() && !finished).then(|| view! {
                <p class="muted" data-kind="readiness-note">{crate::core::checklist::READINESS_DOES_NOT_RESTART}</p>
            })}
        </div>
    }
    .into_any()
}

/// The node's panel.
fn node_panel(scene: Scene, r: &Report, name: &str, status: RwSignal<Option<Status>>) -> AnyView {
    let Some(n) = r.nodes.iter().find(|n| n.name == name).cloned() else {
        return view! { <p class="muted">{format!("Node {name} is gone from this scene.")}</p> }.into_any();
    };
    let pods: Vec<String> = r.pods.iter().filter(|p| p.node.as_deref() == Some(name)).map(|p| p.name.clone()).collect();
    let taints = n.taints.iter().map(|t| if t.value.is_empty() { format!("{}:{}", t.key, t.effect) } else { format!("{}={}:{}", t.key, t.value, t.effect) }).collect::<Vec<_>>().join(", ");
    let drained = scene.whatif.with_untracked(|w| w.drained.contains(&n.name));
    let (nm, nm2) = (n.name.clone(), n.name.clone());
    let simulated = n.simulated;
    let unsched = n.unschedulable;
    let cordon = move |_| {
        let on = !unsched;
        if simulated {
            scene.whatif.update(|w| {
                w.cordoned.retain(|x| *x != nm);
                w.drained.retain(|x| *x != nm);
                if on {
                    w.cordoned.push(nm.clone());
                }
            });
            scene.reset_animation();
            let text = if on {
                format!("kubectl cordon {nm}: no new pod is scheduled there; the pods running there stay. These nodes are simulated (no Node objects in the YAML), so the cordon is kept beside the YAML; on a live cluster it is the Node's spec.unschedulable: true.")
            } else {
                format!("kubectl uncordon {nm}: new pods may be scheduled there again.")
            };
            status.set(Some(Status { text, refused: false }));
            refocus(scene.ids, "#selected [data-kind='cordon']");
        } else {
            apply_change(scene, status, edit::cordon(&scene.text.get_untracked(), &nm, on).map(|mut c| {
                if on {
                    c.note = Some("This picture schedules every pod from the YAML, so none starts on a cordoned node (as after a drain); on a live cluster kubectl cordon leaves the running pods where they are".into());
                }
                c
            }), "#selected [data-kind='cordon']");
        }
    };
    let drain = move |_| {
        let nm = nm2.clone();
        if !simulated && !unsched {
            // a Node in the YAML: the cordon is its spec.unschedulable
            apply_change(scene, status, edit::cordon(&scene.text.get_untracked(), &nm, true), "#selected [data-kind='drain']");
        }
        scene.whatif.update(|w| {
            w.cordoned.retain(|x| *x != nm);
            if !w.drained.contains(&nm) {
                w.drained.push(nm.clone());
            }
        });
        scene.backend.set(0);
        scene.reset_animation();
        let after = scene.analysis.get_untracked();
        let moved: Vec<String> = after.pods.iter().filter(|p| p.replaces.is_some() && p.node.as_deref() != Some(nm.as_str())).map(|p| format!("{} → {} on {}", p.replaces.clone().unwrap_or_default(), p.name, p.node.clone().unwrap_or_default())).collect();
        let text = format!(
            "kubectl drain {nm} --ignore-daemonsets: cordoned, and the pods its controllers own are evicted; the controllers create replacements on the other nodes{}. DaemonSet pods stay; a pod without a controller is not evicted (drain refuses it without --force).",
            if moved.is_empty() { String::new() } else { format!(" ({})", moved.join("; ")) }
        );
        status.set(Some(Status { text, refused: false }));
        refocus(scene.ids, "#selected [data-kind='drain']");
    };
    view! {
        <h2 class="details-title">{format!("Node {}", n.name)}</h2>
        {facts(vec![
            ("IP", n.ip.clone()),
            ("Pod CIDR", n.pod_cidr.clone()),
            ("Ready", super::whatif_node::ready_fact(n.ready, super::whatif_node::is_down(scene, &n.name))),
            ("Schedulable", schedulable_fact(&n, drained)),
            ("Taints", if taints.is_empty() { "none".into() } else { taints }),
            ("Pods", if pods.is_empty() { "none".into() } else { pods.join(", ") }),
            ("Source", if n.simulated { "simulated (the YAML has no Node objects)".to_string() } else { "a Node object in the YAML".to_string() }),
        ])}
        <div class="whatif-actions">
            <div class="whatif-row">
                <button type="button" class="btn" data-kind="cordon" on:click=cordon>{if n.unschedulable { "Uncordon" } else { "Cordon" }}</button>
                <button type="button" class="btn" data-kind="drain" disabled=drained on:click=drain>"Drain"</button>
                {super::whatif_node::button(scene, n.name.clone(), move |text| status.set(Some(Status { text, refused: false })))}
            </div>
        </div>
    }
    .into_any()
}

/// The Service's panel.
fn service_panel(scene: Scene, r: &Report, namespace: &str, name: &str, status: RwSignal<Option<Status>>) -> AnyView {
    let Some(s) = r.services.iter().find(|s| s.namespace == namespace && s.name == name).cloned() else {
        return view! { <p class="muted">{format!("Service {namespace}/{name} is gone from this scene.")}</p> }.into_any();
    };
    let current = if s.headless && s.type_ == "ClusterIP" { "Headless".to_string() } else { s.type_.clone() };
    let ready = s.endpoints.iter().filter(|e| e.ready).count();
    // (uifix19, uicheck21 item 5: the type, clusterIP and ports were said three times in a row —
    // the box's text under the diagram, these facts, then the kubectl row and its sentences. The
    // kubectl row says them, each with its sentence, at the top of the panel; the facts keep
    // what the row does not print: the port names and targetPorts, a dual-stack Service's other
    // clusterIP.)
    let target_ports = s.ports.iter().map(|p| format!("{}{} → {}", p.port, p.name.as_deref().map(|n| format!(" ({n})")).unwrap_or_default(), p.target_port)).collect::<Vec<_>>().join(", ");
    let (ns, nm) = (s.namespace.clone(), s.name.clone());
    let cur2 = current.clone();
    let on_change = move |ev: web_sys::Event| {
        let Some(sel) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) else { return };
        let Some(to) = SvcType::parse(&sel.value()) else { return };
        let c = edit::set_service_type(&scene.text.get_untracked(), &ns, &nm, to);
        if c.is_err() {
            sel.set_value(&cur2); // the menu shows what the Service still is
        }
        apply_change(scene, status, c, "#selected [data-kind='service-type']");
    };
    view! {
        <h2 class="details-title">{format!("Service {}", s.name)}</h2>
        // (learn17: the row a learner reads in the terminal, `80:32089/TCP`, `<pending>`, and what
        // each column means here; uifix19: first, it says the type, clusterIP and ports)
        {super::getsvc::get_svc_block(r, &s)}
        {facts(vec![
            ("Namespace", s.namespace.clone()),
            ("Cluster IPs", if s.cluster_ips.len() > 1 { format!("{} ({})", s.cluster_ips.join(", "), s.ip_families.join(", ")) } else { String::new() }),
            ("External name", s.external_name.clone().unwrap_or_default()),
            // (learner7 M 4a: "can I ping the ClusterIP?")
            ("Ping", crate::core::layout::ping_note(&s).unwrap_or_else(|| "no virtual IP to ping".into())),
            ("Target ports", if s.type_ == "ExternalName" { String::new() } else { target_ports }),
            ("Selector", s.selector.as_ref().map(|l| crate::core::model::labels_text(l, ", ")).unwrap_or_else(|| "none".into())),
            ("Endpoints", format!("{ready} ready of {}", s.endpoints.len())),
            // (externalTrafficPolicy Local: the port the load balancer probes, each node's answer)
            ("Health check", s.health_check_text().unwrap_or_else(|| "none (only a LoadBalancer with externalTrafficPolicy Local has one)".into())),
            ("DNS", s.dns.first().cloned().unwrap_or_default()),
            ("Accepted", if s.rejected { "no: the API server refuses it (see the problems list)".to_string() } else { "yes".to_string() }),
        ].into_iter().filter(|(_, v)| !v.is_empty()).collect())}
        // (learn19 Q07: the row kubectl get endpoints prints, and what it leaves out)
        {super::getep::get_endpoints_block(&s)}
        // (learn18 Q12: the EndpointSlice itself, as kubectl -o yaml prints it)
        {super::epslice::slice_block(&s, &r.nodes)}
        <div class="whatif-actions">
            <label class="whatif-row">"Type "
                <select data-kind="service-type" on:change=on_change>
                    {SvcType::ALL.into_iter().map(|t| {
                        let label = match t { SvcType::Headless => "Headless (clusterIP: None)", t => t.as_str() };
                        view! { <option value=t.as_str() selected=t.as_str() == current>{label}</option> }
                    }).collect_view()}
                </select>
            </label>
        </div>
    }
    .into_any()
}

#[component]
pub fn Details() -> impl IntoView {
    let scene = expect_context::<Scene>();
    let ids = scene.ids;
    let status = RwSignal::new(None::<Status>);
    let last = StoredValue::new(None::<(String, String)>);
    // the report after a what-if: focus back into the panel if it went with the old one
    Effect::new(move |_| {
        scene.shown.track();
        refocus_after_report();
    });
    // a new selection starts without the last edit's words
    Effect::new(move |prev: Option<Option<Selected>>| {
        let now = scene.selected.get();
        if prev.is_some_and(|p| p.as_ref().map(std::mem::discriminant) != now.as_ref().map(std::mem::discriminant)) {
            status.set(None);
        }
        now
    });
    let body = move || {
        let sel = scene.selected.get()?;
        scene.shown.with(|r| {
            Some(match &sel {
                Selected::Pod { namespace, name } => pod_panel(scene, r, namespace, name, status, last),
                Selected::Node(n) => node_panel(scene, r, n, status),
                Selected::Service { namespace, name } => service_panel(scene, r, namespace, name, status),
            })
        })
    };
    let reset = move |_| {
        scene.whatif.set(WhatIf::default());
        scene.backend.set(0);
        scene.reset_animation();
        status.set(Some(Status { text: "What-ifs kept beside the YAML are undone.".into(), refused: false }));
    };
    view! {
        <Show when=move || scene.selected.with(|s| s.is_some()) || scene.whatif.with(|w| !w.is_empty())>
            <section class="details-panel" id=ids.id("selected") data-kind="selected" tabindex="-1" aria-label="Details of the selected thing"
                on:keydown=move |ev: web_sys::KeyboardEvent| undo_keys(ids, &ev)>
                {body}
                {move || status.get().map(|s| view! {
                    <p class="edit-status" class:refused=s.refused data-kind="edit-status" tabindex="-1" role=if s.refused { "alert" } else { "status" }>{s.text}</p>
                })}
                {move || scene.whatif.with(|w| (!w.is_empty()).then(|| {
                    let mut parts = Vec::new();
                    if !w.deleted_pods.is_empty() { parts.push(format!("deleted {}", w.deleted_pods.join(", "))); }
                    if !w.cordoned.is_empty() { parts.push(format!("cordoned {}", w.cordoned.join(", "))); }
                    if !w.drained.is_empty() { parts.push(format!("drained {}", w.drained.join(", "))); }
                    if !w.down.is_empty() { parts.push(format!("down (NotReady) {}", w.down.join(", "))); }
                    if !w.rollout.is_empty() { parts.push(format!("rolling out a new version of {}", w.rollout.join(", "))); }
                    if let Some(n) = &w.client_node { parts.push(format!("the client pod runs on {n}")); }
                    match (&w.client_namespace, &w.client_pod) {
                        (ns, Some(name)) => parts.push(format!("the client is your pod {}/{name}", ns.as_deref().unwrap_or(crate::core::paths::CLIENT_NAMESPACE))),
                        (Some(ns), None) => parts.push(format!("the client is your pod {ns}/client")),
                        _ => {}
                    }
                    view! {
                        <p class="whatif-kept muted" data-kind="whatif-kept">
                            {format!("Beside the YAML (a live cluster keeps these outside your manifests): {}. ", parts.join("; "))}
                            <button type="button" class="btn" data-kind="reset-whatif" on:click=reset>"Undo these"</button>
                        </p>
                    }
                }))}
                <p class="muted details-hint">"Edits rewrite the YAML in place: Ctrl+Z undoes, Ctrl+Shift+Z redoes (here or in the editor)."</p>
                <button type="button" class="btn details-close" data-kind="details-close" aria-label="Close the details"
                    on:click=move |_| { scene.selected.set(None); status.set(None); }>"×"</button>
            </section>
        </Show>
    }
}

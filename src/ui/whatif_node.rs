//! The node panel's "Node goes down (NotReady)" what-if (whatif22; learn18's question "what
//! happens when the node of one pod goes down?"): the node's kubelet stops posting status, kept
//! beside the YAML in `WhatIf::down` (`Config::down`; a live cluster keeps it outside the
//! manifests). The core (`cluster.rs` `nodes_down`) draws the state once
//! node-monitor-grace-period has passed: Ready Unknown, the unreachable taints, the node's pods
//! Ready=False and out of the ready endpoints; the taint eviction 300 s later is said in words.

use leptos::prelude::*;

use super::Scene;

/// The node went down in this scene's what-ifs.
pub fn is_down(scene: Scene, node: &str) -> bool {
    scene.whatif.with_untracked(|w| w.down.iter().any(|n| n == node))
}

/// The node panel's Ready fact: Unknown for a node that went down (the node lifecycle
/// controller's tryUpdateNodeHealth), False for a Node written NotReady.
pub fn ready_fact(ready: bool, down: bool) -> String {
    match (ready, down) {
        (_, true) => "Unknown (what-if: the node went down; the kubelet stopped posting node status): the node lifecycle controller marks its pods not Ready".to_string(),
        (true, false) => "True".to_string(),
        (false, false) => "False: the node lifecycle controller marks its pods not Ready".to_string(),
    }
}

/// Take the node down, or bring it back; the words for the panel's status line.
fn toggle(scene: Scene, node: &str) -> String {
    let going_down = !is_down(scene, node);
    scene.whatif.update(|w| {
        w.down.retain(|x| x != node);
        if going_down {
            w.down.push(node.to_string());
        }
    });
    scene.backend.set(0);
    scene.reset_animation();
    if !going_down {
        return format!("Node {node} is back: its kubelet posts status again, so the node lifecycle controller sets Ready True and removes the node.kubernetes.io/unreachable taints; its pods are Ready again once their probes pass, and the EndpointSlice controller lists them ready again.");
    }
    let after = scene.analysis.get_untracked();
    let pods: Vec<&str> = after.pods.iter().filter(|p| p.node.as_deref() == Some(node)).map(|p| p.name.as_str()).collect();
    let (which, them) = match pods.len() {
        0 => ("no pod runs there".to_string(), "them"),
        1 => (format!("its pod {} is marked Ready=False", pods[0]), "it"),
        n => (format!("its {n} pods ({}) are marked Ready=False", pods.join(", ")), "them"),
    };
    format!(
        "Node {node} goes down (power or network lost: its kubelet stops posting status). After node-monitor-grace-period (50 s by default since v1.32, 40 s before) the node lifecycle controller sets its Ready condition Unknown and taints it node.kubernetes.io/unreachable (NoSchedule: no new pod goes there; NoExecute); {which} (MarkPodsNotReady), so the EndpointSlice controller lists {them} ready: false and kube-proxy sends {them} no new connections. This picture is that moment. 300 s later (the toleration the DefaultTolerationSeconds admission plugin gives every pod) the taint eviction controller deletes {them}, but each pod stays Terminating until the node is back or its Node object is deleted (only its kubelet can confirm the delete): a Deployment's or ReplicaSet's controller replaces it on another node meanwhile, a StatefulSet's does not (the new pod would take the old one's name), a pod without a controller is not replaced, and DaemonSet pods tolerate the taint and stay."
    )
}

/// The button beside Cordon and Drain (`data-kind="node-down"`); `said` gets the words.
pub fn button(scene: Scene, node: String, said: impl Fn(String) + Clone + Send + Sync + 'static) -> impl IntoView {
    let down = is_down(scene, &node);
    let click = move |_| {
        let text = toggle(scene, &node);
        said(text);
        super::selection::refocus(scene.ids, "#selected [data-kind='node-down']");
    };
    view! {
        <button type="button" class="btn" data-kind="node-down" aria-pressed=if down { "true" } else { "false" } on:click=click>
            {if down { "Bring node back" } else { "Node goes down (NotReady)" }}
        </button>
    }
}

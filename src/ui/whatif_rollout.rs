//! The pod panel's "Roll out a new version" what-if (whatif22; learn18's question 15, "which
//! what-if shows a rollout?"): for a Deployment's pod, `kubectl set image` (any change of the pod
//! template) kept beside the YAML in `WhatIf::rollout` (`Config::rollout`). The core
//! (`cluster.rs` `rollout_step`) draws the rollout's first step: the new ReplicaSet's maxSurge
//! pods, not Ready yet, and the old one scaled down by maxUnavailable; its RollingUpdate note
//! says the rest.

use leptos::prelude::*;

use super::Scene;

/// Start (or take back) the rollout of Deployment `ns/name`; the words for the status line.
fn toggle(scene: Scene, ns: &str, name: &str) -> String {
    let key = format!("{ns}/{name}");
    let start = !scene.whatif.with_untracked(|w| w.rollout.contains(&key));
    scene.whatif.update(|w| {
        w.rollout.retain(|x| *x != key);
        if start {
            w.rollout.push(key.clone());
        }
    });
    scene.backend.set(0);
    scene.reset_animation();
    if !start {
        return format!("The rollout of Deployment {name} is taken back: its pods are the old ReplicaSet's again (kubectl rollout undo would make the old template the new revision).");
    }
    let after = scene.analysis.get_untracked();
    // the core's own words for the step (cluster.rs rollout_note)
    let note = after.diagnostics.iter().find(|d| d.code == "RollingUpdate" && d.message.starts_with(&format!("Deployment {name} rolls out"))).map(|d| d.message.clone());
    // (or why it is not rolled out: whatif23, cluster.rs rollout_not_drawn)
    let not = || after.diagnostics.iter().find(|d| d.code == "RolloutNotDrawn" && d.message.starts_with(&format!("Deployment {name} is not"))).map(|d| d.message.clone());
    match (note, not()) {
        (Some(m), _) => format!("kubectl set image deployment/{name} …: {m}."),
        (None, Some(m)) => format!("{m}."),
        (None, None) => format!("Deployment {name} is not in this picture's report (no such Deployment, or the API server refuses it): nothing is rolled out."),
    }
}

/// The button under a Deployment's pod (`data-kind="rollout"`); nothing for other pods. `said`
/// gets the words.
pub fn button(scene: Scene, owner: Option<&str>, ns: &str, said: impl Fn(String) + Clone + Send + Sync + 'static) -> Option<impl IntoView> {
    let name = owner?.strip_prefix("Deployment/")?.to_string();
    let ns = ns.to_string();
    let on = scene.whatif.with_untracked(|w| w.rollout.contains(&format!("{ns}/{name}")));
    let click = move |_| {
        let text = toggle(scene, &ns, &name);
        said(text);
        super::selection::refocus(scene.ids, "#selected [data-kind='rollout']");
    };
    Some(view! {
        <div class="whatif-row">
            <button type="button" class="btn" data-kind="rollout" aria-pressed=if on { "true" } else { "false" } on:click=click>
                {if on { "Take the rollout back" } else { "Roll out a new version" }}
            </button>
        </div>
    })
}

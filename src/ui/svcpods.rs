//! "Pods behind <Service>": the selected Service's pods, each with its node, IP, state and — a
//! keyboard-reachable `<details>` — why it is Pending, Failed or not Ready (uifix18: that table
//! sat only in the closed "Everything as text" section, where an engineer asking "which pods are
//! behind this Service and why is one not Ready" did not look). The rows are the pods table's
//! own (`tables::pod_row`); which pods, and in what order, is `core::poddetails::pods_behind`.

use leptos::prelude::*;

use super::Scene;
use crate::core::poddetails::pods_behind;
use crate::core::report::PodReport;

/// Rows drawn at first (a Service of a whole cluster may select thousands); a button shows the rest.
const FIRST_ROWS: usize = 50;
/// Open at first when it has this many pods or fewer (a tutorial's three); a busy Service's
/// panel starts closed, its summary saying how many and how many are not Ready.
const OPEN_UP_TO: usize = 12;

/// The selected Service's pods as the panel shows them (not its name: renaming the Service, a
/// keystroke in its `name:`, leaves this equal, so the rows' list does not run again).
#[derive(Debug, Clone, PartialEq)]
struct Behind {
    total: usize,
    not_ready: usize,
    pods: Vec<PodReport>,
}

#[component]
pub fn ServicePods() -> impl IntoView {
    let scene = expect_context::<Scene>();
    let ids = scene.ids;
    let all = RwSignal::new(false);
    // which Service (its place in the report) and its name: apart from the pods, so that a
    // keystroke in the Service's name sets the summary's text and nothing else (perf16: the whole
    // panel, 72 nodes, was built again per keystroke when it followed the name)
    let picked = Memo::new(move |_| {
        scene.panel(|| {
            let i = scene.service_index()?;
            scene.shown.with(|r| r.services.get(i).map(|s| (i, s.name.clone())))
        })
    });
    let behind = Memo::new(move |_| {
        let every = all.get();
        let i = picked.with(|p| p.as_ref().map(|p| p.0))?;
        scene.panel(|| {
            scene.shown.with(|r| {
                let s = r.services.get(i)?;
                let pods = pods_behind(s, &r.pods);
                let not_ready = pods.iter().filter(|p| !p.ready).count();
                let total = pods.len();
                let pods = pods.into_iter().take(if every { usize::MAX } else { FIRST_ROWS }).cloned().collect();
                Some(Behind { total, not_ready, pods })
            })
        })
    });
    // the panel is built once per Service (its open state is the user's from then on): per place
    // in the report and the user's pick (a preset or a pasted text sets the pick), not per name,
    // which a keystroke in `name:` changes
    let service = Memo::new(move |_| picked.with(|p| p.as_ref().map(|p| (p.0, scene.service.get()))));
    let summary = move || {
        picked.with(|p| {
            let Some((_, name)) = p else { return String::new() };
            behind.with(|b| match b {
                None => String::new(),
                Some(b) if b.total == 0 => format!("Pods behind {name}: none"),
                Some(b) if b.not_ready == 0 => format!("Pods behind {name}: {}, all Ready", b.total),
                Some(b) => format!("Pods behind {name}: {}, {} not Ready", b.total, b.not_ready),
            })
        })
    };
    let rows = move || behind.with(|b| super::keyed::keyed(b.as_ref().map(|b| b.pods.clone()).unwrap_or_default(), super::keyed::key_json));
    let more = move || {
        behind.with(|b| {
            let b = b.as_ref()?;
            (b.total > b.pods.len()).then(|| {
                view! {
                    <button type="button" class="btn show-all" data-kind="show-all-service-pods" on:click=move |_| all.set(true)>
                        {format!("Show all {} pods ({} more)", b.total, b.total - b.pods.len())}
                    </button>
                }
            })
        })
    };
    move || {
        service.get()?;
        let open = behind.with_untracked(|b| b.as_ref().is_some_and(|b| b.total <= OPEN_UP_TO));
        let empty = move || behind.with(|b| b.as_ref().is_none_or(|b| b.total == 0));
        Some(view! {
            <details class="teach svc-pods" id=ids.id("service-pods") data-kind="service-pods" open=open>
                <summary>{summary}</summary>
                <Show when=empty>
                    <p class="muted">"No pod is behind it: the Service selects none (see Why no traffic?)."</p>
                </Show>
                <Show when=move || !empty()>
                    <div class="pods-wrap">
                        <table class="pods">
                            {super::tables::pods_head()}
                            <tbody>{super::keyed::keyed_list(rows, super::tables::pod_row)}</tbody>
                        </table>
                    </div>
                </Show>
                {more}
            </details>
        })
    }
}

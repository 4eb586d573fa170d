//! The analysis as readable text and tables: per Service its addresses, DNS names, ports,
//! endpoints, near misses and traffic paths; then the pods.

use leptos::prelude::*;

use super::Scene;
use crate::core::report::{PodReport, ServiceReport};
use crate::core::service::LoadBalancer;

fn labels_text(l: &[(String, String)]) -> String {
    crate::core::model::labels_text(l, ", ")
}

#[component]
fn ServiceCard(svc: ServiceReport) -> impl IntoView {
    let title = format!("{}/{}", svc.namespace, svc.name);
    let kind = if svc.headless { format!("{} (headless)", svc.type_) } else { svc.type_.clone() };
    let addr = match (&svc.cluster_ip, &svc.external_name) {
        (_, Some(e)) if svc.type_ == "ExternalName" => format!("CNAME → {e}"),
        (Some(ip), _) => format!("clusterIP {ip}"),
        _ => "not created".to_string(),
    };
    let lb = match &svc.load_balancer {
        LoadBalancer::None => None,
        LoadBalancer::Pending => {
            // why, as the pending path says it (no cloud controller, or a loadBalancerClass's)
            let why = svc.paths.iter().find(|p| p.outcome == crate::core::paths::Outcome::Pending).and_then(|p| p.reason.split(':').next()).unwrap_or("no cloud controller");
            Some(format!("load balancer: EXTERNAL-IP <pending> ({why})"))
        }
        LoadBalancer::Ready { ingress, simulated } => {
            Some(format!("load balancer: {}{}", ingress.join(", "), if *simulated { " (simulated cloud)" } else { "" }))
        }
    };
    let selector = svc.selector.as_ref().map(|s| labels_text(s));
    view! {
        <article class="service-card" class:rejected=svc.rejected data-name=svc.name.clone() data-type=svc.type_.clone()>
            <header>
                <h2>{title}</h2>
                <span class="badge">{kind}</span>
                <span class="addr">{addr}</span>
            </header>
            {svc.rejected.then(|| view! { <p class="rejected-note">"The API server would reject this Service (see diagnostics): it does not exist."</p> })}
            {lb.map(|l| view! { <p class="lb">{l}</p> })}
            <p class="selector">{match selector {
                Some(s) if s.is_empty() => "selector: {} (selects every pod in the namespace)".to_string(),
                Some(s) => format!("selector: {s}"),
                None => "no selector (endpoints come from Endpoints/EndpointSlices you create)".to_string(),
            }}</p>
            <h3>"DNS"</h3>
            {if svc.dns_records.is_empty() {
                view! { <p class="nxdomain">{format!("{}.{}.svc.… → NXDOMAIN", svc.name, svc.namespace)}</p> }.into_any()
            } else {
                view! {
                    <ul class="dns">
                        {svc.dns_records.iter().map(|r| view! {
                            <li><code>{r.kind.clone()}</code>" "<code>{r.name.clone()}</code>" → "<code>{r.answer.clone()}</code></li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(!svc.ports.is_empty()).then(|| view! {
                <h3>"Ports"</h3>
                <table class="ports">
                    <thead><tr><th>"name"</th><th>"port"</th><th>"targetPort"</th><th>"nodePort"</th><th>"protocol"</th></tr></thead>
                    <tbody>
                        {svc.ports.iter().map(|p| view! {
                            <tr>
                                <td>{p.name.clone().unwrap_or_else(|| "—".into())}</td>
                                <td>{p.port}</td>
                                <td>{p.target_port.to_string()}</td>
                                <td>{match p.node_port {
                                    Some(n) if svc.type_ == "NodePort" || svc.type_ == "LoadBalancer" => format!("{n} (every node)"),
                                    Some(n) => format!("{n} (not opened for {})", svc.type_),
                                    None => "—".into(),
                                }}</td>
                                <td>{p.protocol.clone()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            {(svc.type_ != "ExternalName" && !svc.rejected).then(|| view! {
                <h3>"Endpoints"</h3>
                {if svc.endpoints.is_empty() {
                    view! { <p class="no-endpoints">"none: nothing receives traffic"</p> }.into_any()
                } else {
                    view! {
                        <table class="endpoints">
                            <thead><tr><th>"pod"</th><th>"ip:port"</th><th>"node"</th><th>"state"</th></tr></thead>
                            <tbody>
                                {svc.endpoints.iter().map(|e| {
                                    let ports = e.ports.iter().map(|p| p.port.to_string()).collect::<Vec<_>>().join(",");
                                    let state = if e.ready { "ready" } else if e.terminating { "terminating" } else { "not ready" };
                                    view! {
                                        <tr class="endpoint" class:not-ready=!e.ready data-pod=e.pod.clone().unwrap_or_default()>
                                            <td>{e.pod.clone().unwrap_or_else(|| "—".into())}</td>
                                            <td>{format!("{}:{}", e.ip, ports)}</td>
                                            <td>{e.node.clone().unwrap_or_else(|| "—".into())}</td>
                                            <td>{state}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }}
            })}
            {(!svc.near_misses.is_empty()).then(|| view! {
                <h3>"Near misses"</h3>
                <ul class="near-misses">
                    {svc.near_misses.iter().map(|m| view! {
                        <li class="near-miss"><strong>{format!("{}/{}", m.namespace, m.pod)}</strong>": "{m.reason.clone()}</li>
                    }).collect_view()}
                </ul>
            })}
            <h3>"Traffic paths"</h3>
            <ul class="paths">
                {svc.paths.iter().map(|p| {
                    let head = format!(
                        "from {}{}{}",
                        p.entry,
                        p.node.as_ref().map(|n| format!(" via {n}")).unwrap_or_default(),
                        p.port.map(|n| format!(", port {n}")).unwrap_or_default()
                    );
                    view! {
                        <li class="path" data-entry=p.entry.as_str() data-outcome=p.outcome.as_str()>
                            <details>
                                <summary>
                                    <span class="path-head">{head}</span>" "
                                    <span class=format!("outcome outcome-{}", p.outcome)>{p.outcome.as_str()}</span>" "
                                    <span class="path-reason">{p.reason.clone()}</span>
                                </summary>
                                <ol class="hops">
                                    {p.hops.iter().map(|h| view! {
                                        <li class="hop" data-hop=h.kind.as_str()>
                                            <code>{format!("{} → {}{}", h.src, h.dst, h.rewritten.as_ref().map(|r| format!(" ⇒ {r}")).unwrap_or_default())}</code>
                                            <p>{h.explanation.clone()}</p>
                                        </li>
                                    }).collect_view()}
                                </ol>
                            </details>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </article>
    }
}

/// A whole cluster has thousands of pods: the tables show this many rows (and Service cards)
/// at first, and a button shows the rest (issue #12: 10,000 rows took seconds to build).
const FIRST_ROWS: usize = 200;
const FIRST_CARDS: usize = 50;

#[component]
pub fn Analysis() -> impl IntoView {
    let scene = expect_context::<Scene>();
    let all_services = RwSignal::new(false);
    let all_pods = RwSignal::new(false);
    // each piece follows what it shows; the cards and the pod rows are keyed by content
    // (ui::keyed), so a keystroke rebuilds only the card or row it changed
    let summary = move || {
        scene.shown.with(|r| format!("{} object(s): {} Service(s), {} pod(s) on {} node(s)", r.objects, r.services.len(), r.pods.len(), r.nodes.len()))
    };
    // the first cards, and the selected Service's wherever it is
    let cards = move || {
        let idx = scene.service_index();
        let every_svc = all_services.get();
        scene.shown.with(|r| {
            let cards: Vec<ServiceReport> =
                r.services.iter().enumerate().filter(|(i, _)| every_svc || *i < FIRST_CARDS || Some(*i) == idx).map(|(_, s)| s.clone()).collect();
            super::keyed::keyed(cards, super::keyed::key_json)
        })
    };
    let more_services = move || {
        let idx = scene.service_index();
        let every_svc = all_services.get();
        scene.shown.with(|r| {
            let shown = r.services.iter().enumerate().filter(|(i, _)| every_svc || *i < FIRST_CARDS || Some(*i) == idx).count();
            let more = r.services.len() - shown;
            (more > 0).then(|| {
                view! {
                    <button type="button" class="btn show-all" id="show-all-services" on:click=move |_| all_services.set(true)>
                        {format!("Show all {} Services ({more} more)", r.services.len())}
                    </button>
                }
            })
        })
    };
    let pods = move || {
        let every_pod = all_pods.get();
        scene.shown.with(|r| super::keyed::keyed(r.pods.iter().take(if every_pod { usize::MAX } else { FIRST_ROWS }).cloned().collect(), super::keyed::key_json))
    };
    let pod_row = |p: PodReport| {
        let state = format!("{}{}", p.phase, if p.ready { ", Ready" } else { ", not Ready" });
        let ports = p
            .ports
            .iter()
            .map(|cp| match &cp.name {
                Some(n) => format!("{n}:{}", cp.container_port),
                None => cp.container_port.to_string(),
            })
            .collect::<Vec<_>>()
            .join(", ");
        view! {
            <tr class="pod-row" data-name=p.name.clone()>
                <td>{format!("{}/{}", p.namespace, p.name)}</td>
                <td>{p.node.clone().unwrap_or_else(|| "unscheduled".into())}</td>
                <td>{p.ip.clone().unwrap_or_else(|| "—".into())}</td>
                <td>{state}</td>
                <td>{labels_text(&p.labels)}</td>
                <td>{ports}</td>
            </tr>
        }
        .into_any()
    };
    let more_pods = move || {
        let every_pod = all_pods.get();
        scene.shown.with(|r| {
            let total_pods = r.pods.len();
            let more = if every_pod { 0 } else { total_pods.saturating_sub(FIRST_ROWS) };
            (more > 0).then(|| {
                view! {
                    <button type="button" class="btn show-all" id="show-all-pods" on:click=move |_| all_pods.set(true)>
                        {format!("Show all {total_pods} pods ({more} more)")}
                    </button>
                }
            })
        })
    };
    view! {
        <div class="analysis" id="analysis" class:stale=move || scene.stale.get()>
            <p class="summary" id="summary">{summary}</p>
            <div id="services">
                {super::keyed::keyed_list(cards, |s| view! { <ServiceCard svc=s /> }.into_any())}
            </div>
            {more_services}
            <h2 class="pods-title">"Pods"</h2>
            <table class="pods" id="pods">
                <thead><tr><th>"pod"</th><th>"node"</th><th>"ip"</th><th>"state"</th><th>"labels"</th><th>"container ports"</th></tr></thead>
                <tbody>{super::keyed::keyed_list(pods, pod_row)}</tbody>
            </table>
            {more_pods}
        </div>
    }
}

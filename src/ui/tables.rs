//! The analysis as readable text and tables: per Service its addresses, DNS names, ports,
//! endpoints, near misses and traffic paths; then the pods.

use leptos::prelude::*;

use super::Scene;
use crate::core::report::{PodReport, ServiceReport};
use crate::core::service::LoadBalancer;

fn labels_text(l: &[(String, String)]) -> String {
    crate::core::model::labels_text(l, ", ")
}

/// A Service card's reactive source: the card's Service as the report has it now.
type Card = Memo<Option<std::sync::Arc<ServiceReport>>>;

/// A text of the card, following its Service.
fn txt(c: Card, f: impl Fn(&ServiceReport) -> String + Send + Sync + 'static) -> impl Fn() -> String + Send + Sync + 'static {
    move || c.with(|s| s.as_deref().map(&f).unwrap_or_default())
}

/// What a card is made of (which parts, how many rows each): the card is built again only when
/// this changes; its texts and attributes follow the Service, so a keystroke that renames it
/// sets texts instead of building a new card (issue #12, keystroke budget).
fn card_shape(svc: &ServiceReport) -> u64 {
    super::keyed::key_of(&(
        svc.rejected,
        matches!(svc.load_balancer, LoadBalancer::None),
        svc.dns_records.len(),
        svc.ports.len(),
        svc.type_ == "ExternalName",
        svc.endpoints.len(),
        svc.near_misses.len(),
        svc.paths.iter().map(|p| p.hops.len()).collect::<Vec<_>>(),
    ))
}

fn service_card(c: Card) -> AnyView {
    // the shape (ui::tables::card_shape) the card is built for
    let Some(svc) = c.get_untracked() else { return ().into_any() };
    let title = txt(c, |s| format!("{}/{}", s.namespace, s.name));
    let kind = txt(c, |s| if s.headless { format!("{} (headless)", s.type_) } else { s.type_.clone() });
    let addr = txt(c, |s| match (&s.cluster_ip, &s.external_name) {
        (_, Some(e)) if s.type_ == "ExternalName" => format!("CNAME → {e}"),
        // a dual-stack Service: both addresses (one per family)
        (Some(_), _) if s.cluster_ips.len() > 1 => format!("clusterIPs {}", s.cluster_ips.join(", ")),
        (Some(ip), _) => format!("clusterIP {ip}"),
        _ => "not created".to_string(),
    });
    let lb = txt(c, |s| match &s.load_balancer {
        LoadBalancer::None => String::new(),
        LoadBalancer::Pending => {
            // why, as the pending path says it (no cloud controller, or a loadBalancerClass's)
            let why = s.paths.iter().find(|p| p.outcome == crate::core::paths::Outcome::Pending).and_then(|p| p.reason.split(':').next()).unwrap_or("no cloud controller");
            format!("load balancer: EXTERNAL-IP <pending> ({why})")
        }
        LoadBalancer::Ready { ingress, simulated } => format!("load balancer: {}{}", ingress.join(", "), if *simulated { " (simulated cloud)" } else { "" }),
    });
    let selector = txt(c, |s| match s.selector.as_ref().map(|l| labels_text(l)) {
        Some(l) if l.is_empty() => "selector: {} (selects every pod in the namespace)".to_string(),
        Some(l) => format!("selector: {l}"),
        None => "no selector (endpoints come from Endpoints/EndpointSlices you create)".to_string(),
    });
    let dns = move |i: usize, f: fn(&crate::core::resolve::DnsRecord) -> String| txt(c, move |s| s.dns_records.get(i).map(f).unwrap_or_default());
    // the sections a rename does not change (ports, endpoints, near misses) follow memos of
    // their own: a keystroke that renames the Service runs none of their texts again
    let ports = Memo::new(move |_| c.with(|s| s.as_ref().map(|s| (s.type_.clone(), s.ports.clone()))));
    let endpoints = Memo::new(move |_| c.with(|s| s.as_ref().map(|s| s.endpoints.clone()).unwrap_or_default()));
    let misses = Memo::new(move |_| c.with(|s| s.as_ref().map(|s| s.near_misses.clone()).unwrap_or_default()));
    let port = move |i: usize, f: fn(&str, &crate::core::service::SvcPort) -> String| move || ports.with(|v| v.as_ref().and_then(|(t, ps)| ps.get(i).map(|p| f(t, p))).unwrap_or_default());
    let endpoint = move |i: usize, f: fn(&crate::core::resolve::Endpoint) -> String| move || endpoints.with(|v| v.get(i).map(f).unwrap_or_default());
    let miss = move |i: usize, f: fn(&crate::core::resolve::Miss) -> String| move || misses.with(|v| v.get(i).map(f).unwrap_or_default());
    let path = move |i: usize, f: fn(&crate::core::paths::Path) -> String| txt(c, move |s| s.paths.get(i).map(f).unwrap_or_default());
    let hop = move |i: usize, j: usize, f: fn(&crate::core::paths::Hop) -> String| txt(c, move |s| s.paths.get(i).and_then(|p| p.hops.get(j)).map(f).unwrap_or_default());
    view! {
        <article class="service-card" class:rejected=move || c.with(|s| s.as_ref().is_some_and(|s| s.rejected)) data-name=txt(c, |s| s.name.clone()) data-type=txt(c, |s| s.type_.clone())>
            <header>
                <h2>{title}</h2>
                <span class="badge">{kind}</span>
                <span class="addr">{addr}</span>
            </header>
            {svc.rejected.then(|| view! { <p class="rejected-note">"The API server would reject this Service (see diagnostics): it does not exist."</p> })}
            {(!matches!(svc.load_balancer, LoadBalancer::None)).then(|| view! { <p class="lb">{lb}</p> })}
            <p class="selector">{selector}</p>
            <h3>"DNS"</h3>
            {if svc.dns_records.is_empty() {
                view! { <p class="nxdomain">{txt(c, |s| format!("{}.{}.svc.… → NXDOMAIN", s.name, s.namespace))}</p> }.into_any()
            } else {
                view! {
                    <ul class="dns">
                        {(0..svc.dns_records.len()).map(|i| view! {
                            <li><code>{dns(i, |r| r.kind.clone())}</code>" "<code>{dns(i, |r| r.name.clone())}</code>" → "<code>{dns(i, |r| r.answer.clone())}</code></li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(!svc.ports.is_empty()).then(|| view! {
                <h3>"Ports"</h3>
                <table class="ports">
                    <thead><tr><th>"name"</th><th>"port"</th><th>"targetPort"</th><th>"nodePort"</th><th>"protocol"</th></tr></thead>
                    <tbody>
                        {(0..svc.ports.len()).map(|i| view! {
                            <tr>
                                <td>{port(i, |_, p| p.name.clone().unwrap_or_else(|| "—".into()))}</td>
                                <td>{port(i, |_, p| p.port.to_string())}</td>
                                <td>{port(i, |_, p| p.target_port.to_string())}</td>
                                <td>{port(i, |t, p| match p.node_port {
                                    Some(n) if t == "NodePort" || t == "LoadBalancer" => format!("{n} (every node)"),
                                    Some(n) => format!("{n} (not opened for {t})"),
                                    None => "—".into(),
                                })}</td>
                                <td>{port(i, |_, p| p.protocol.clone())}</td>
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
                                {(0..svc.endpoints.len()).map(|i| view! {
                                    <tr class="endpoint" class:not-ready=move || endpoints.with(|v| v.get(i).is_some_and(|e| !e.ready))
                                        data-pod=endpoint(i, |e| e.pod.clone().unwrap_or_default())>
                                        <td>{endpoint(i, |e| e.pod.clone().unwrap_or_else(|| "—".into()))}</td>
                                        <td>{endpoint(i, |e| crate::core::config::host_port(&e.ip, e.ports.iter().map(|p| p.port.to_string()).collect::<Vec<_>>().join(",")))}</td>
                                        <td>{endpoint(i, |e| e.node.clone().unwrap_or_else(|| "—".into()))}</td>
                                        <td>{endpoint(i, |e| (if e.ready { "ready" } else if e.terminating { "terminating" } else { "not ready" }).to_string())}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }}
            })}
            {(!svc.near_misses.is_empty()).then(|| view! {
                <h3>"Near misses"</h3>
                <ul class="near-misses">
                    {(0..svc.near_misses.len()).map(|i| view! {
                        <li class="near-miss"><strong>{miss(i, |m| format!("{}/{}", m.namespace, m.pod))}</strong>": "{miss(i, |m| m.reason.clone())}</li>
                    }).collect_view()}
                </ul>
            })}
            <h3>"Traffic paths"</h3>
            <ul class="paths">
                {svc.paths.iter().enumerate().map(|(i, p)| {
                    view! {
                        <li class="path" data-entry=path(i, |p| p.entry.as_str().to_string()) data-outcome=path(i, |p| p.outcome.as_str().to_string())>
                            <details>
                                <summary>
                                    <span class="path-head">{path(i, |p| format!(
                                        "from {}{}{}",
                                        p.entry,
                                        p.node.as_ref().map(|n| format!(" via {n}")).unwrap_or_default(),
                                        p.port.map(|n| format!(", port {n}")).unwrap_or_default()
                                    ))}</span>" "
                                    <span class=path(i, |p| format!("outcome outcome-{}", p.outcome))>{path(i, |p| p.outcome.as_str().to_string())}</span>" "
                                    <span class="path-reason">{path(i, |p| p.reason.clone())}</span>
                                    // our hint on the error the reason quotes (learnfix15)
                                    {move || {
                                        let h = path(i, |p| p.hint.clone().unwrap_or_default())();
                                        (!h.is_empty()).then(|| view! { <span class="diag-hint path-hint"><span class="diag-hint-label">"hint: "</span>{h}</span> })
                                    }}
                                </summary>
                                <ol class="hops">
                                    {(0..p.hops.len()).map(|j| view! {
                                        <li class="hop" data-hop=hop(i, j, |h| h.kind.as_str().to_string())>
                                            <code>{hop(i, j, |h| h.addresses(" → ", " ⇒ "))}</code>
                                            <p>{super::words::words_of(hop(i, j, |h| h.explanation.clone()))}</p>
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
    .into_any()
}

/// Under a pod's state in the pods table (fidfix23): why it is Pending, Failed or not Ready
/// (the report's pending / failed / not-ready reason, the words the diagram's pod box and the
/// details panel show) and its probe notes (core::cluster::probe_notes, dumped_probe_notes).
/// A native <details>: its summary is a button to the keyboard (Enter, Space) and to a screen
/// reader (collapsed / expanded), and the words are text in the cell, not a hover title.
fn pod_why(p: &PodReport) -> Option<AnyView> {
    let (label, reason) = match (&p.pending_reason, &p.failed_reason, &p.not_ready_reason) {
        (Some(r), _, _) => ("why Pending", Some(r.clone())),
        (None, Some(r), _) => ("why Failed", Some(r.clone())),
        (None, None, Some(r)) if !p.ready => ("why not Ready", Some(r.clone())),
        _ => ("", None),
    };
    if reason.is_none() && p.notes.is_empty() {
        return None;
    }
    let summary = match (reason.is_some(), p.notes.len()) {
        (true, 0) => label.to_string(),
        (true, _) => format!("{label}, probe notes"),
        (false, 1) => "probe note".to_string(),
        (false, n) => format!("probe notes ({n})"),
    };
    let notes = p.notes.clone();
    Some(
        view! {
            <details class="pod-why">
                <summary>{summary}</summary>
                // (uifix19: "`kubectl logs <pod> -c api --previous`" as <code>, ui::words)
                {reason.map(|r| view! { <p class="pod-reason">{super::words::words(&r)}</p> })}
                {(!notes.is_empty()).then(|| view! { <ul class="pod-notes">{notes.into_iter().map(|n| view! { <li>{super::words::words(&n)}</li> }).collect_view()}</ul> })}
            </details>
        }
        .into_any(),
    )
}

/// The pods table's header row (this table and the "Pods behind" panel's: ui::svcpods).
pub fn pods_head() -> AnyView {
    view! { <thead><tr><th>"pod"</th><th>"node"</th><th>"ip"</th><th>"state"</th><th>"labels"</th><th>"container ports"</th></tr></thead> }.into_any()
}

/// One pod's row of the pods table: name, node, IP, state with why it is not Ready (`pod_why`),
/// labels, container ports (this table and the "Pods behind" panel's: ui::svcpods).
pub fn pod_row(p: PodReport) -> AnyView {
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
    let why = pod_why(&p);
    view! {
        <tr class="pod-row" data-name=p.name.clone()>
            <td>{format!("{}/{}", p.namespace, p.name)}</td>
            <td class="pod-node">{p.node.clone().unwrap_or_else(|| "unscheduled".into())}</td>
            <td>{p.ip.clone().unwrap_or_else(|| "—".into())}</td>
            <td>{state}{why}</td>
            <td>{labels_text(&p.labels)}</td>
            <td>{ports}</td>
        </tr>
    }
    .into_any()
}

/// A whole cluster has thousands of pods: the tables show this many rows (and Service cards)
/// at first, and a button shows the rest (issue #12: 10,000 rows took seconds to build).
const FIRST_ROWS: usize = 200;
const FIRST_CARDS: usize = 50;

#[component]
pub fn Analysis() -> impl IntoView {
    let scene = expect_context::<Scene>();
    let ids = scene.ids;
    let all_services = RwSignal::new(false);
    let all_pods = RwSignal::new(false);
    // each piece follows what it shows; the cards and the pod rows are keyed by content
    // (ui::keyed), so a keystroke rebuilds only the card or row it changed
    // a big text's once its diagram is painted (Scene::panel)
    let summary = move || {
        scene.panel(|| scene.shown.with(|r| {
            use crate::core::report::count;
            format!("{}: {}, {} on {}", count(r.objects, "object", "objects"), count(r.services.len(), "Service", "Services"), count(r.pods.len(), "pod", "pods"), count(r.nodes.len(), "node", "nodes"))
        }))
    };
    // the first cards, and the selected Service's wherever it is
    let cards = move || {
        let every_svc = all_services.get();
        scene.panel(|| {
            let idx = scene.service_index();
            scene.shown.with(|r| {
                // keyed by place and shape (card_shape): a card follows its Service's texts
                let cards: Vec<usize> = (0..r.services.len()).filter(|i| every_svc || *i < FIRST_CARDS || Some(*i) == idx).collect();
                super::keyed::keyed(cards, |&i| (i, card_shape(&r.services[i])))
            })
        })
    };
    let more_services = move || {
        let every_svc = all_services.get();
        let idx = scene.panel(|| scene.service_index());
        scene.panel(|| scene.shown.with(|r| {
            let shown = r.services.iter().enumerate().filter(|(i, _)| every_svc || *i < FIRST_CARDS || Some(*i) == idx).count();
            let more = r.services.len() - shown;
            (more > 0).then(|| {
                view! {
                    <button type="button" class="btn show-all" id=ids.id("show-all-services") on:click=move |_| all_services.set(true)>
                        {format!("Show all {} Services ({more} more)", r.services.len())}
                    </button>
                }
            })
        }))
    };
    let pods = move || {
        let every_pod = all_pods.get();
        scene.panel(|| scene.shown.with(|r| super::keyed::keyed(r.pods.iter().take(if every_pod { usize::MAX } else { FIRST_ROWS }).cloned().collect(), super::keyed::key_json)))
    };
    let more_pods = move || {
        let every_pod = all_pods.get();
        scene.panel(|| scene.shown.with(|r| {
            let total_pods = r.pods.len();
            let more = if every_pod { 0 } else { total_pods.saturating_sub(FIRST_ROWS) };
            (more > 0).then(|| {
                view! {
                    <button type="button" class="btn show-all" id=ids.id("show-all-pods") on:click=move |_| all_pods.set(true)>
                        {format!("Show all {total_pods} pods ({more} more)")}
                    </button>
                }
            })
        }))
    };
    view! {
        <div class="analysis" id=ids.id("analysis") class:stale=move || scene.stale.get()>
            <p class="summary" id=ids.id("summary")>{summary}</p>
            <div id=ids.id("services")>
                {super::keyed::keyed_list(cards, move |i: usize| service_card(Memo::new(move |_| scene.panel(|| scene.shown.with(|r| r.services.get(i).cloned())))))}
            </div>
            {more_services}
            <h2 class="pods-title">"Pods"</h2>
            <div class="pods-wrap">
                <table class="pods" id=ids.id("pods")>
                    {pods_head()}
                    <tbody>{super::keyed::keyed_list(pods, pod_row)}</tbody>
                </table>
            </div>
            {more_pods}
        </div>
    }
}

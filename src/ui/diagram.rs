//! The cluster diagram (SVG), drawn from `core::layout`, with the request packet moving hop by
//! hop along the current path; and the tutorial's summary table with the current type lit.
//! Every drawn thing carries `data-kind` and `data-name` (stable test hooks).

use leptos::prelude::*;

use std::rc::Rc;

use super::flight::{self, Flight};
use super::Scene;
use crate::core::layout::{clamp_f64, current_hop, layout, packet_key, packet_label, pod_labels, pod_ports, pod_state, relation, Item, Layout, Relation, Text};
use crate::core::report::{PodReport, Report, ServiceReport};
use crate::core::service::LoadBalancer;
use crate::core::decimal::{fixed, shortest as num};

/// A near-miss line's matched keys (`✓ app=web `) and the rest (`✗ tier=backend ≠ frontend`),
/// drawn in two colours (learner7 1b); any other line is all rest.
fn hit_split(s: &str) -> (String, String) {
    match s.find(" ✗") {
        Some(i) if s.starts_with('✓') => (s[..=i].to_string(), s[i + 1..].to_string()),
        _ => (String::new(), s.to_string()),
    }
}

/// A box's lines of text, as `core::layout` placed them; a shortened one keeps its whole text
/// in `data-full` (and the box's `<title>` says everything).
fn texts_view(texts: &[Text]) -> impl IntoView {
    texts
        .iter()
        .filter(|t| !t.text.is_empty())
        .map(|t| {
            let class = if t.class.is_empty() { t.font.class().to_string() } else { format!("{} {}", t.font.class(), t.class) };
            view! {
                <text class=class x=num(t.x) y=num(t.y) text-anchor=t.end.then_some("end") data-full=t.shortened().then(|| t.full.clone())><tspan class="t-hit">{hit_split(&t.text).0}</tspan>{hit_split(&t.text).1}</text>
                // a space between lines (not drawn): the box's text content reads as words
                " "
            }
        })
        .collect_view()
}

/// A fold's counter in its badge slot (nothing until a request reached one of its pods).
fn counter(it: &Item, hits: Signal<u32>) -> impl IntoView {
    let name = it.name.clone();
    it.badge.map(|b| {
        move || (hits.get() > 0).then(|| view! {
            <g class="hits" data-kind="hits" data-name=name.clone()><rect x=num(b.x) y=num(b.y) width=num(b.w) height=num(b.h) rx="7" /><text x=num(b.x + b.w / 2.0) y=num(b.y + 11.0) text-anchor="middle">{move || hits.get().to_string()}</text></g>
        })
    })
}

/// A box's text as drawn, in drawing order (an accessible name starts with it).
fn drawn_text(texts: &[Text]) -> String {
    texts.iter().filter(|t| !t.text.is_empty()).map(|t| t.text.as_str()).collect::<Vec<_>>().join(" ")
}

/// `why`: the sentence on the pod's relation to the selected Service, which names the Service:
/// a signal, so that renaming the Service sets this text rather than rebuilding the box.
fn pod_view(it: &Item, pod: &PodReport, rel: Relation, why: Signal<String>, hits: Signal<u32>, most: Signal<u32>, client: bool) -> impl IntoView {
    let r = it.rect;
    let labels = pod_labels(pod);
    let ports = pod_ports(pod);
    let state = pod_state(pod);
    let class = format!(
        "pod state-{}{} {}",
        state.split(' ').next().unwrap_or(""),
        if pod.ready_flipped { " flipped" } else { "" },
        match rel {
            Relation::Endpoint { ready: true } => "endpoint",
            Relation::Endpoint { ready: false } => "endpoint not-ready-endpoint",
            Relation::NearMiss => "near-miss",
            Relation::None => "",
        }
    );
    let head = format!(
        "Pod {}/{} on {}\nIP {}{}\nlabels: {}\n{}\n{}",
        pod.namespace,
        pod.name,
        pod.node.clone().unwrap_or_default(),
        pod.ip.clone().unwrap_or_else(|| "none".into()),
        if pod.host_network { " (hostNetwork: the node's IP)" } else { "" },
        labels,
        ports,
        match pod.pending_reason.as_ref().or(pod.failed_reason.as_ref()).or(pod.not_ready_reason.as_ref()) {
            Some(why) => format!("{state}: {why}"),
            None => state.clone(),
        },
    );
    // what the kubelet's probes do that Ready alone does not say (core::cluster::probe_notes)
    let head = pod.notes.iter().fold(head, |h, n| format!("{h}\n{n}"));
    let title = move || {
        let why = why.get();
        format!(
            "{head}{}{}",
            if why.is_empty() { String::new() } else { format!("\n{why}") },
            if client { "" } else { "\nClick or press Enter for its details and what-ifs (scale, delete, readiness)" }
        )
    };
    // the accessible name starts with what the box shows (WCAG 2.5.3 label in name), then the
    // counter as shown, then the whole story
    let visible = drawn_text(&it.texts);
    let title2 = title.clone();
    let aria = move || {
        let n = hits.get();
        format!("{visible}{}. {}", if n > 0 { format!(" {n} requests arrived") } else { String::new() }, title2().replace('\n', ". "))
    };
    let badge = it.badge;
    view! {
        <g class=class data-kind="pod" data-name=pod.name.clone() tabindex="0" role=if client { "img" } else { "button" } aria-label=aria>
            <title>{title}</title>
            <rect class="box" x=num(r.x) y=num(r.y) width=num(r.w) height=num(r.h) rx="6" />
            {texts_view(&it.texts)}
            // its share of the requests so far: a bar along the bottom, as long as the busiest
            // pod's is the box
            {let share_name = pod.name.clone(); move || (hits.get() > 0).then(|| {
                let w = (r.w - 12.0) * hits.get() as f64 / most.get().max(1) as f64;
                view! { <rect class="share" data-kind="share" data-name=share_name.clone() x=num(r.x + 6.0) y=num(r.y + r.h - 5.0) width=fixed(w, 1) height="3" rx="1.5" /> }
            })}
            // the counter follows arrivals: requests sent minus packets still on their way
            {badge.map(|b| {
                let name = pod.name.clone();
                move || (hits.get() > 0).then(|| view! {
                    <g class="hits" data-kind="hits" data-name=name.clone()><rect x=num(b.x) y=num(b.y) width=num(b.w) height=num(b.h) rx="7" /><text x=num(b.x + b.w / 2.0) y=num(b.y + 11.0) text-anchor="middle">{move || hits.get().to_string()}</text></g>
                })
            })}
        </g>
    }
}

/// A box's lines of text (as `texts_view` draws them) following `texts`: which lines are drawn
/// is fixed by `first` (part of the box's key), what they say and where follows the data, so
/// that a rename sets texts and attributes instead of building a new box (issue #12).
fn follow_texts(first: &[Text], texts: Memo<Vec<Text>>) -> impl IntoView {
    let text = move |j: usize, f: fn(&Text) -> String| move || texts.with(|v| v.get(j).map(f).unwrap_or_default());
    first
        .iter()
        .enumerate()
        .filter(|(_, t)| !t.text.is_empty())
        .map(|(j, t)| {
            let class = if t.class.is_empty() { t.font.class().to_string() } else { format!("{} {}", t.font.class(), t.class) };
            let full = move || texts.with(|v| v.get(j).filter(|t| t.shortened()).map(|t| t.full.clone()));
            view! {
                <text class=class x=text(j, |t| num(t.x)) y=text(j, |t| num(t.y)) text-anchor=t.end.then_some("end") data-full=full><tspan class="t-hit">{text(j, |t| hit_split(&t.text).0)}</tspan>{text(j, |t| hit_split(&t.text).1)}</text>
                " "
            }
        })
        .collect_view()
}

/// The shape of a box whose texts follow its data (`follow_texts`): which lines it draws.
fn texts_shape(texts: &[Text]) -> Vec<(&'static str, &'static str, bool, bool)> {
    texts.iter().map(|t| (t.font.class(), t.class, t.end, t.text.is_empty())).collect()
}

/// A Service box's tooltip and accessible name.
fn service_texts(it: &Item, s: &ServiceReport, domain: &str) -> (String, String) {
    let ports = crate::core::layout::ports_named(s);
    let addr = it.texts.get(1).map(|t| t.full.clone()).unwrap_or_default();
    let dns = format!("{}.{}.svc.{domain}", s.name, s.namespace);
    let title = format!("Service {}/{} ({})\n{addr}\n{}\nDNS {dns}", s.namespace, s.name, s.type_, if ports.is_empty() { "no ports".to_string() } else { ports });
    let aria = format!("{}. Select Service {}. {}", drawn_text(&it.texts), s.name, title.replace('\n', ". "));
    (title, aria)
}

/// What a Service's box shows (the diagram's `service_box` follows it).
#[derive(Clone, PartialEq)]
struct SvcBox {
    rect: crate::core::layout::Rect,
    texts: Vec<Text>,
    name: String,
    namespace: String,
    type_: String,
    rejected: bool,
    selected: bool,
    title: String,
    aria: String,
}

fn service_view(it: &Item, s: &ServiceReport, selected: bool, domain: &str) -> impl IntoView {
    let r = it.rect;
    let (title, aria) = service_texts(it, s, domain);
    view! {
        <g class="service" class:selected=selected class:rejected=s.rejected data-kind="service" data-name=s.name.clone() data-type=s.type_.clone()
            tabindex="0" role="button" aria-label=aria>
            <title>{title}</title>
            <rect class="box" x=num(r.x) y=num(r.y) width=num(r.w) height=num(r.h) rx="8" />
            {texts_view(&it.texts)}
            {s.rejected.then(|| view! { <line class="strike" x1=num(r.x) y1=num(r.y) x2=num(r.x + r.w) y2=num(r.y + r.h) /> })}
        </g>
    }
}

/// The body of the boxes outside the cluster: a tooltip, then the placed lines.
fn boxed(it: &Item, title: String) -> impl IntoView {
    let rc = it.rect;
    view! {
        <title>{title}</title>
        <rect class="box" x=num(rc.x) y=num(rc.y) width=num(rc.w) height=num(rc.h) rx="8" />
        {texts_view(&it.texts)}
    }
}

thread_local! {
    static ROUTES: std::cell::RefCell<std::collections::HashMap<u64, Vec<(f64, f64)>>> = Default::default();
}

/// `l.drawn_route(from, to)`, remembered by everything it depends on ([`Layout::route_key`]): a
/// keystroke that renames something but moves no box routes nothing again (a route is a grid
/// search; issue #12 keystroke budget).
fn route(l: &Layout, from: &str, to: &str) -> Vec<(f64, f64)> {
    let (key, obstacles) = l.route_key(from, to);
    if let Some(r) = ROUTES.with_borrow(|m| m.get(&key).cloned()) {
        return r;
    }
    let r = l.drawn_route_among(from, to, [&obstacles[0], &obstacles[1]]);
    ROUTES.with_borrow_mut(|m| {
        if m.len() >= 1024 {
            m.clear();
        }
        m.insert(key, r.clone());
    });
    r
}

/// Whether a box is the request's way in from outside the cluster: the outside client, the
/// load balancer, an Ingress controller or a Gateway.
fn way_in(it: &Item) -> bool {
    match it.kind {
        "client" | "load-balancer" => true,
        "external" => crate::core::ingress::is_controller_box(&it.name) || crate::core::gateway::is_gateway_box(&it.name),
        _ => false,
    }
}

/// The drawn boxes in document order, which is the Tab order: the way in first (outside client,
/// load balancer, Ingress controller or Gateway, each a Tab stop), then the Service, nodes and
/// pods in the layout's order (uifix19; uicheck21 item 1: the load balancer came last in the SVG,
/// so after "Show me ↓" focused it on a tour step the next Tab left the diagram). They sit
/// outside the cluster's frame: drawn before it, nothing of theirs is covered.
fn way_in_first(l: &Layout, rows: Vec<(u64, usize)>) -> Vec<(u64, usize)> {
    let first = |&(_, i): &(u64, usize)| l.items.get(i).is_some_and(way_in);
    let mut out: Vec<(u64, usize)> = rows.iter().copied().filter(first).collect();
    out.extend(rows.iter().copied().filter(|r| !first(r)));
    out
}

fn center_of(l: &Layout, key: &str) -> Option<(f64, f64)> {
    l.anchor(key)
}

#[component]
pub fn Diagram() -> impl IntoView {
    let scene = expect_context::<Scene>();
    let ids = scene.ids;
    let width = RwSignal::new(1000.0f64);
    let host = NodeRef::<leptos::html::Div>::new();
    // measure the host width (embeds are narrow): on mount and on window resize
    let measure = move || {
        if let Some(h) = host.get_untracked() {
            let w = h.client_width() as f64;
            if w > 0.0 {
                width.set(w.max(320.0));
            }
        }
    };
    Effect::new(move |_| {
        if host.get().is_some() {
            measure();
        }
    });
    let _resize = window_event_listener(leptos::ev::resize, move |_| measure());
    let lay = Memo::new(move |_| {
        let idx = scene.service_index();
        let w = width.get();
        scene.shown.with(|r| layout(r, idx, w))
    });
    let path = scene.path;
    // zoom and pan: (scale, x, y of the top-left corner), 1 = the whole diagram ("fit")
    let view = RwSignal::new((1.0f64, 0.0f64, 0.0f64));
    let drag = StoredValue::new(None::<(f64, f64)>);
    let pointers = StoredValue::new(Vec::<(i32, f64, f64)>::new());
    // zoom by `k` around a point given as a fraction of the drawing (its centre when None)
    let zoom_by = move |k: f64, at: Option<(f64, f64)>| {
        let (s, tx, ty) = view.get_untracked();
        let l = lay.get_untracked();
        let ns = clamp_f64(s * k, 1.0, 8.0);
        let (fx, fy) = at.unwrap_or((0.5, 0.5));
        let (px, py) = (tx + fx * l.width / s, ty + fy * l.height / s);
        view.set(clamp_view(ns, px - fx * l.width / ns, py - fy * l.height / ns, &l));
    };
    // packets in flight (ui::flight): the pods they go to, removed as they arrive
    let inflight = RwSignal::new(Vec::<String>::new());
    let layer = NodeRef::<leptos::svg::G>::new();
    let flight = StoredValue::new_local(Flight::new(Rc::new(move |arrived: Vec<String>| {
        inflight.update(|v| {
            for pod in arrived {
                if let Some(i) = v.iter().position(|p| *p == pod) {
                    v.remove(i);
                }
            }
        })
    })));
    // launch `pods.len()` packets along the current path, each to its pod
    let launch = move |pods: Vec<String>, stagger: f64, dur: Option<f64>| {
        let Some(layer) = layer.get_untracked() else { return };
        let Some(p) = path.get_untracked() else { return };
        let l = lay.get_untracked();
        let n = p.hops.len();
        let mut batch = Vec::new();
        for pod in &pods {
            let mut pts: Vec<(f64, f64)> = Vec::new();
            for (i, h) in p.hops.iter().enumerate() {
                let to = if i + 1 == n && h.to.starts_with("pod:") && l.anchor(&format!("pod:{pod}")).is_some() { format!("pod:{pod}") } else { h.to.clone() };
                let r = l.route(&h.from, &to);
                let last = pts.last().copied();
                pts.extend(r.into_iter().skip_while(|q| last == Some(*q)));
            }
            batch.push((pts, pod.clone()));
        }
        let hop_ms = scene.hop_ms.get_untracked() as f64;
        inflight.update(|v| v.extend(pods));
        let el: &web_sys::Element = &layer;
        flight.with_value(|f| f.launch(el, batch, stagger, dur.unwrap_or(hop_ms * n.max(1) as f64 * 0.5)));
    };
    Effect::new(move |_| {
        let pods = scene.launch.get();
        if pods.is_empty() {
            return;
        }
        scene.launch.set(Vec::new());
        let stagger = scene.hop_ms.get_untracked() as f64 / 8.0;
        launch(pods, stagger, None);
    });
    // the load mode: the loop in ui::flight releases `rps` requests a second; each one's pod is
    // picked as Send picks it, its packet flies the route to that pod (routes cached per pod
    // until the drawing or the path changes); with reduced motion the counters tick at once
    let routes = StoredValue::new_local(std::collections::HashMap::<String, Vec<(f64, f64)>>::new());
    Effect::new(move |_| {
        lay.track();
        path.track();
        routes.update_value(|r| r.clear());
    });
    let route_to = move |pod: &str| -> Vec<(f64, f64)> {
        if let Some(r) = routes.with_value(|r| r.get(pod).cloned()) {
            return r;
        }
        let pts = path.with_untracked(|p| {
            let Some(p) = p else { return Vec::new() };
            lay.with_untracked(|l| {
                let n = p.hops.len();
                let mut pts: Vec<(f64, f64)> = Vec::new();
                for (i, h) in p.hops.iter().enumerate() {
                    let to = if i + 1 == n && h.to.starts_with("pod:") && l.anchor(&format!("pod:{pod}")).is_some() { format!("pod:{pod}") } else { h.to.clone() };
                    let last = pts.last().copied();
                    pts.extend(l.route(&h.from, &to).into_iter().skip_while(|q| last == Some(*q)));
                }
                pts
            })
        });
        routes.update_value(|r| {
            r.insert(pod.to_string(), pts.clone());
        });
        pts
    };
    Effect::new(move |_| {
        let load = scene.load.get();
        let Some(layer) = layer.get() else { return };
        match load {
            None => flight.with_value(|f| f.stop_load()),
            Some(rps) => {
                let emit: flight::Emitter = Rc::new(move |n: usize| {
                    let pods = super::controls::pick(scene, n as u32, false).unwrap_or_default();
                    if scene.reduce_motion.get_untracked() || pods.is_empty() {
                        return (Vec::new(), 0.0);
                    }
                    let hops = path.with_untracked(|p| p.as_ref().map(|p| p.hops.len()).unwrap_or(1)).max(1);
                    let dur = scene.hop_ms.get_untracked() as f64 * hops as f64 * 0.5;
                    // a pod with no route gets no packet: its counter ticks now
                    let batch: Vec<(Vec<(f64, f64)>, String)> = pods.into_iter().map(|p| (route_to(&p), p)).filter(|(r, _)| !r.is_empty()).collect();
                    inflight.update(|v| v.extend(batch.iter().map(|(_, p)| p.clone())));
                    (batch, dur)
                });
                let el: &web_sys::Element = &layer;
                flight.with_value(|f| f.start_load(el, rps as f64, emit));
            }
        }
    });
    on_cleanup(move || {
        let _ = flight.try_with_value(|f| f.stop_load());
    });
    flight::register_launcher(Rc::new(move |n: usize, dur: f64| {
        let pods: Vec<String> = scene.shown.with_untracked(|r| r.pods.iter().map(|p| p.name.clone()).collect());
        let pods = (0..n).map(|i| pods.get(i % pods.len().max(1)).cloned().unwrap_or_default()).collect();
        launch(pods, 2.0, Some(dur));
    }));
    // the busiest pod's count of arrived requests (the share bars' full length)
    let most = Memo::new(move |_| {
        scene.hits.with(|v| {
            inflight.with(|f| v.iter().map(|(n, c)| c.saturating_sub(f.iter().filter(|p| *p == n).count() as u32)).max().unwrap_or(0))
        })
    });
    // a fold's counter: the requests that reached the pods folded into it
    let group_hits = move |l: &Layout, group: &str| -> Signal<u32> {
        let pods: std::collections::HashSet<String> = l.folded.iter().filter(|(_, g)| g == group).map(|(p, _)| p.clone()).collect();
        Signal::derive(move || {
            let sent: u32 = scene.hits.with(|v| v.iter().filter(|(n, _)| pods.contains(n)).map(|(_, c)| *c).sum());
            let flying = inflight.with(|v| v.iter().filter(|n| pods.contains(*n)).count() as u32);
            sent.saturating_sub(flying)
        })
    };
    // each drawn pod's sentence on its relation to the selected Service, by `namespace/name`
    let whys = Memo::new(move |_| {
        let idx = scene.service_index();
        scene.shown.with(|r| {
            let svc = idx.and_then(|i| r.services.get(i)).map(|s| &**s);
            lay.with(|l| {
                l.items
                    .iter()
                    .filter(|it| it.kind == "pod")
                    .filter_map(|it| it.index.and_then(|i| r.pods.get(i)))
                    .map(|p| (format!("{}/{}", p.namespace, p.name), relation(svc, p).1))
                    .collect::<std::collections::HashMap<_, _>>()
            })
        })
    });
    // what the details panel shows: the hovered or focused thing's whole text
    let inspect = RwSignal::new(None::<String>);

    // one drawn box (cluster, node, pod, Service, …) of layout `l` for report `r`
    let item_view = move |r: &Report, l: &Layout, idx: Option<usize>, it: &Item| -> AnyView {
        let svc = idx.and_then(|i| r.services.get(i)).map(|s| &**s);
        let domain = r.cluster.cluster_domain.clone();
        {
            let rc = it.rect;
            match it.kind {
                "cluster" => view! {
                    <g class="cluster" data-kind="cluster" data-name="cluster">
                        <rect class="box" x=num(rc.x) y=num(rc.y) width=num(rc.w) height=num(rc.h) rx="12" />
                        <title>{it.texts.first().map(|t| t.full.clone()).unwrap_or_default()}</title>
                        {texts_view(&it.texts)}
                    </g>
                }.into_any(),
                "node" => {
                    let node = r.nodes.iter().find(|n| n.name == it.name);
                    let ip = node.map(|n| n.ip.clone()).unwrap_or_default();
                    let cidr = node.map(|n| n.pod_cidr.clone()).unwrap_or_default();
                    let sel = super::selection::Selected::Node(it.name.clone());
                    let sel2 = sel.clone();
                    let sel3 = sel.clone();
                    view! {
                        <g class="node" data-kind="node" data-name=it.name.clone() tabindex="0" role="button" class:picked=move || scene.selected.with(|s| s.as_ref() == Some(&sel3))
                           aria-label=format!("{}. Node {} — IP {ip}; Enter for its details (cordon, drain, take it down)", drawn_text(&it.texts), it.name)
                           on:click=move |_| super::selection::select(scene, sel.clone())
                           on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Enter" || ev.key() == " " { ev.prevent_default(); super::selection::select(scene, sel2.clone()) }>
                            <title>{format!("Node {} — IP {ip}, pods get IPs from {cidr}", it.name)}</title>
                            <rect class="box" x=num(rc.x) y=num(rc.y) width=num(rc.w) height=num(rc.h) rx="10" />
                            {texts_view(&it.texts)}
                        </g>
                    }.into_any()
                }
                "kube-proxy" => view! {
                    <g class="kube-proxy" data-kind="kube-proxy" data-name=it.name.clone()>
                        <title>{format!("kube-proxy on {}: iptables rules for every Service's clusterIP and nodePorts", it.name)}</title>
                        <rect class="box" x=num(rc.x) y=num(rc.y) width=num(rc.w) height=num(rc.h) rx="4" />
                        {texts_view(&it.texts)}
                    </g>
                }.into_any(),
                "pod" => {
                    let client = it.index.is_none();
                    let pod = if client { Some(r.cluster.client_pod.clone()) } else { it.index.and_then(|i| r.pods.get(i).cloned()) };
                    match pod {
                        Some(p) => {
                            let rel = if client { Relation::None } else { relation(svc, &p).0 };
                            // the sentence follows the report (it names the Service): not part of
                            // the box's key, so a renamed Service sets it instead of a new box
                            let why: Signal<String> = if client {
                                Signal::derive(|| "the in-cluster client every request starts from".to_string())
                            } else {
                                let key = format!("{}/{}", p.namespace, p.name);
                                Memo::new(move |_| whys.with(|w| w.get(&key).cloned().unwrap_or_default())).into()
                            };
                            let pname = p.name.clone();
                            let h = Signal::derive(move || {
                                let sent = scene.hits.with(|v| v.iter().find(|(n, _)| *n == pname).map(|(_, c)| *c).unwrap_or(0));
                                let flying = inflight.with(|v| v.iter().filter(|n| **n == pname).count() as u32);
                                sent.saturating_sub(flying)
                            });
                            let sel = super::selection::Selected::Pod { namespace: p.namespace.clone(), name: p.name.clone() };
                            let sel2 = sel.clone();
                            let sel3 = sel.clone();
                            view! {
                                <g class="pod-hit" class:picked=move || scene.selected.with(|s| s.as_ref() == Some(&sel3))
                                   on:click=move |_| if !client { super::selection::select(scene, sel.clone()) }
                                   on:keydown=move |ev: web_sys::KeyboardEvent| if !client && (ev.key() == "Enter" || ev.key() == " ") { ev.prevent_default(); super::selection::select(scene, sel2.clone()) }>
                                    {pod_view(it, &p, rel, why, h, most.into(), client)}
                                </g>
                            }.into_any()
                        }
                        None => ().into_any(),
                    }
                }
                "pod-group" => {
                    let hits = group_hits(l, &it.name);
                    // what it hides, in its words whole ("+11 more endpoints of web; 8 ready ·
                    // 3 not ready; +100 other pods": core::layout's fold_texts, uifix15)
                    let full = it.texts.iter().map(|t| t.full.as_str()).collect::<Vec<_>>().join("; ");
                    view! {
                        <g class="pod-group" data-kind="pod" data-name=it.name.clone() tabindex="0" role="img" aria-label=format!("{full} on this node")>
                            <title>{format!("{full} on this node")}</title>
                            <rect class="box" x=num(rc.x) y=num(rc.y) width=num(rc.w) height=num(rc.h) rx="6" />
                            {texts_view(&it.texts)}
                            {counter(it, hits)}
                        </g>
                    }.into_any()
                }
                "node-group" => {
                    let full = it.texts.iter().map(|t| t.full.clone()).collect::<Vec<_>>().join("\n");
                    // the folded nodes, or the pods no node runs (core::layout::PENDING_GROUP)
                    let pending = it.name == crate::core::layout::PENDING_GROUP;
                    let label = if pending { format!("{} pods not scheduled: {}", it.index.unwrap_or(0), full.replace('\n', "; ")) } else { format!("{} more nodes: {}", it.index.unwrap_or(0), full.replace('\n', "; ")) };
                    let title = if pending { format!("{full}\nPending: the scheduler found no node for them, so they have no IP and get no traffic.") } else { format!("{full}\nFolded to keep the diagram legible; the request's own nodes stay drawn.") };
                    view! {
                        <g class="node-group" data-kind="node-group" data-name=it.name.clone() tabindex="0" role="img"
                            aria-label=label>
                            <title>{title}</title>
                            <rect class="box" x=num(rc.x) y=num(rc.y) width=num(rc.w) height=num(rc.h) rx="10" />
                            {texts_view(&it.texts)}
                            {counter(it, group_hits(l, &it.name))}
                        </g>
                    }.into_any()
                }
                // (uifix17) the Services the request does not go through, folded: Enter or a
                // click takes the focus to the Service menu (its filter, where there is one)
                crate::core::layout::SERVICES_GROUP_KIND => {
                    let full = it.texts.iter().map(|t| t.full.as_str()).collect::<Vec<_>>().join("; ");
                    let ids = scene.ids;
                    let to_menu = move || {
                        let doc = web_sys::window().and_then(|w| w.document());
                        let el = doc.as_ref().and_then(|d| d.get_element_by_id(&ids.id("service-filter")).or_else(|| d.get_element_by_id(&ids.id("service"))));
                        if let Some(el) = el.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()) {
                            let _ = el.focus();
                        }
                    };
                    view! {
                        <g class="service-group" data-kind=crate::core::layout::SERVICES_GROUP_KIND data-name=it.name.clone() tabindex="0" role="button"
                           aria-label=format!("{full}. Enter: choose one in the Service menu")
                           on:click=move |_| to_menu()
                           on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Enter" || ev.key() == " " { ev.prevent_default(); to_menu() }>
                            <title>{format!("{}\nFolded to keep the diagram about this request; choose one in the Service menu to draw it.", full.replace("; ", "\n"))}</title>
                            <rect class="box" x=num(rc.x) y=num(rc.y) width=num(rc.w) height=num(rc.h) rx="8" />
                            {texts_view(&it.texts)}
                        </g>
                    }.into_any()
                }
                "service" => match it.index.and_then(|i| r.services.get(i)) {
                    Some(s) => {
                        let name = r.service_key(it.index.unwrap_or(0));
                        let selected = Some(it.index.unwrap_or(0)) == idx;
                        let sel = super::selection::Selected::Service { namespace: s.namespace.clone(), name: s.name.clone() };
                        let select = move || { scene.service.set(name.clone()); scene.port.set(None); scene.backend.set(0); scene.reset_animation(); super::selection::select(scene, sel.clone()); };
                        let select2 = select.clone();
                        view! {
                            <g on:click=move |_| select()
                               on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Enter" || ev.key() == " " { ev.prevent_default(); select2() }>
                                {service_view(it, s, selected, &domain)}
                            </g>
                        }.into_any()
                    }
                    None => ().into_any(),
                },
                // (uifix19: the way in is a Tab stop, read out by its tooltip's words)
                "client" => {
                    let title = format!("A client outside the cluster ({})", crate::core::paths::outside_ip_for(svc.and_then(|s| s.cluster_ip.as_deref())));
                    let label = title.clone();
                    view! {
                        <g class="client" data-kind="client" data-name="outside" tabindex="0" role="img" aria-label=label>
                            {boxed(it, title)}
                        </g>
                    }.into_any()
                }
                "load-balancer" => {
                    let (addr, pending) = match svc.map(|s| &s.load_balancer) {
                        Some(LoadBalancer::Ready { ingress, .. }) => (ingress.join(", "), false),
                        _ => ("<pending>".to_string(), true),
                    };
                    let health = svc.and_then(|s| s.health_check_text());
                    let title = if pending {
                        "type: LoadBalancer asked for a cloud load balancer; nothing provides one, so EXTERNAL-IP is <pending>".to_string()
                    } else if let Some(h) = health {
                        // (externalTrafficPolicy Local: not every node; learner12/learnfix14)
                        format!("Cloud load balancer {addr}: {h}")
                    } else {
                        format!("Cloud load balancer {addr}: forwards to every node's nodePort")
                    };
                    let label = title.clone();
                    view! {
                        <g class="load-balancer" class:pending=pending data-kind="load-balancer" data-name=it.name.clone() tabindex="0" role="img" aria-label=label>
                            {boxed(it, title)}
                        </g>
                    }.into_any()
                }
                "external" => {
                    let title = if let Some(ing) = it.name.strip_prefix("ingress/").filter(|_| crate::core::ingress::is_controller_box(&it.name)) {
                        // core::ingress::paths: the controller of an Ingress routing to this Service
                        format!("The ingress controller of Ingress {ing}: it matches the Ingress's rules and sends each request to the Service's endpoints itself (its own address is not in this input)")
                    } else if let Some(gw) = it.name.strip_prefix("gateway/").filter(|_| crate::core::gateway::is_gateway_box(&it.name)) {
                        // core::gateway::paths: the Gateway a route to this Service attaches to
                        crate::core::gateway::gateway_box_title(svc, gw)
                    } else if it.name.parse::<std::net::IpAddr>().is_ok() {
                        // a hand-written Endpoints: mirrored into a slice (core::layout::endpoint_origin)
                        match idx.and_then(|i| r.services.get(i)).and_then(|s| s.endpoints.iter().find(|e| e.ip == it.name && e.from_endpoints).map(|e| (s, e))) {
                            Some((s, e)) => format!("{}: {} (a Service without selector); no pod behind it", it.name, crate::core::layout::endpoint_origin(e, &s.name)),
                            None => format!("{}: an endpoint address listed by hand in an Endpoints/EndpointSlice object (a Service without selector); no pod behind it", it.name),
                        }
                    } else {
                        format!("{} lives outside the cluster; the ExternalName Service is only a DNS alias for it", it.name)
                    };
                    // the way in (an Ingress controller, a Gateway) is a Tab stop (uifix19)
                    let stop = way_in(it);
                    let label = stop.then(|| title.clone());
                    view! {
                        <g class="external" data-kind="external" data-name=it.name.clone() tabindex=stop.then_some("0") role=stop.then_some("img") aria-label=label>
                            {boxed(it, title)}
                        </g>
                    }.into_any()
                }
                _ => ().into_any(),
            }
        }
    };
    // the boxes, keyed by everything each one shows (ui::keyed): a keystroke rebuilds only
    // the boxes it changed
    let items = move || {
        let idx = scene.service_index();
        scene.shown.with(|r| {
            lay.with(|l| {
                let svc = idx.and_then(|i| r.services.get(i)).map(|s| &**s);
                let keys = super::keyed::unique(l.items.iter().map(|it| item_key(r, l, svc, it)));
                way_in_first(l, keys.into_iter().zip(0..l.items.len()).collect::<Vec<(u64, usize)>>())
            })
        })
    };
    // built while the For diffs the keys `items` just made, from the same report and layout
    // a Service's box follows its Service (see `service_box`): a keystroke that renames it sets
    // its texts and attributes instead of building a new box (issue #12)
    let service_box = move |k: usize| -> AnyView {
        // (a box whose Service is gone keeps its last values until the list drops it: an empty
        // `x=""` is an SVG attribute error in the console — trainer8, a ConfigMap-only text)
        let data = Memo::new(move |prev: Option<&Option<SvcBox>>| {
            let idx = scene.service_index();
            scene
                .shown
                .with(|r| {
                    lay.with(|l| {
                        let it = l.items.iter().find(|it| it.kind == "service" && it.index == Some(k))?;
                        let s = r.services.get(k)?;
                        let (title, aria) = service_texts(it, s, &r.cluster.cluster_domain);
                        Some(SvcBox { rect: it.rect, texts: it.texts.clone(), name: s.name.clone(), namespace: s.namespace.clone(), type_: s.type_.clone(), rejected: s.rejected, selected: idx == Some(k), title, aria })
                    })
                })
                .or_else(|| prev.cloned().flatten())
        });
        let Some(first) = data.get_untracked() else { return ().into_any() };
        let get = move |f: fn(&SvcBox) -> String| move || data.with(|d| d.as_ref().map(f).unwrap_or_default());
        let select = move || {
            let Some((namespace, name)) = data.with_untracked(|d| d.as_ref().map(|d| (d.namespace.clone(), d.name.clone()))) else { return };
            let key = scene.shown.with_untracked(|r| r.services.iter().position(|s| s.namespace == namespace && s.name == name).map(|i| r.service_key(i)));
            scene.service.set(key.unwrap_or_else(|| name.clone()));
            scene.port.set(None);
            scene.backend.set(0);
            scene.reset_animation();
            super::selection::select(scene, super::selection::Selected::Service { namespace, name });
        };
        let lines = follow_texts(&first.texts, Memo::new(move |_| data.with(|d| d.as_ref().map(|d| d.texts.clone()).unwrap_or_default())));
        let rejected = first.rejected;
        view! {
            <g on:click=move |_| select()
               on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Enter" || ev.key() == " " { ev.prevent_default(); select() }>
                <g class="service" class:selected=move || data.with(|d| d.as_ref().is_some_and(|d| d.selected)) class:rejected=rejected
                    data-kind="service" data-name=get(|d| d.name.clone()) data-type=get(|d| d.type_.clone()) tabindex="0" role="button" aria-label=get(|d| d.aria.clone())>
                    <title>{get(|d| d.title.clone())}</title>
                    <rect class="box" x=get(|d| num(d.rect.x)) y=get(|d| num(d.rect.y)) width=get(|d| num(d.rect.w)) height=get(|d| num(d.rect.h)) rx="8" />
                    {lines}
                    {rejected.then(|| view! {
                        <line class="strike" x1=get(|d| num(d.rect.x)) y1=get(|d| num(d.rect.y))
                            x2=get(|d| num(d.rect.x + d.rect.w)) y2=get(|d| num(d.rect.y + d.rect.h)) />
                    })}
                </g>
            </g>
        }
        .into_any()
    };
    // the cluster DNS box names the selected Service's DNS name: it follows the layout as a
    // Service's box does (a rename sets its texts)
    let dns_box = move || -> AnyView {
        let data = Memo::new(move |prev: Option<&Option<(crate::core::layout::Rect, Vec<Text>, String)>>| {
            scene.shown.with(|r| lay.with(|l| l.items.iter().find(|it| it.kind == "dns").map(|it| (it.rect, it.texts.clone(), r.cluster.cluster_domain.clone())))).or_else(|| prev.cloned().flatten())
        });
        let Some((_, first, _)) = data.get_untracked() else { return ().into_any() };
        let get = move |f: fn(&(crate::core::layout::Rect, Vec<Text>, String)) -> String| move || data.with(|d| d.as_ref().map(f).unwrap_or_default());
        let lines = follow_texts(&first, Memo::new(move |_| data.with(|d| d.as_ref().map(|d| d.1.clone()).unwrap_or_default())));
        view! {
            <g class="dns" data-kind="dns" data-name="cluster-dns">
                <title>{get(|d| format!("Cluster DNS (CoreDNS): answers <service>.<namespace>.svc.{}", d.2))}</title>
                <rect class="box" x=get(|d| num(d.0.x)) y=get(|d| num(d.0.y)) width=get(|d| num(d.0.w)) height=get(|d| num(d.0.h)) rx="8" />
                {lines}
            </g>
        }
        .into_any()
    };
    let item = move |i: usize| {
        untrack(|| {
            let idx = scene.service_index();
            let kind = lay.with(|l| l.items.get(i).map(|it| (it.kind, it.index)));
            match kind {
                Some(("service", Some(k))) => service_box(k),
                Some(("dns", _)) => dns_box(),
                _ => scene.shown.with(|r| lay.with(|l| l.items.get(i).map(|it| item_view(r, l, idx, it)))).into_any(),
            }
        })
    };
    // selector edges: the selected Service to each endpoint pod, routed around other boxes
    // (straight when there are many: one route costs a grid search)
    let edges = move || {
        let idx = scene.service_index();
        scene.shown.with(|r| {
            lay.with(|l| {
                let mut edges = Vec::new();
                if let Some(s) = idx.and_then(|i| r.services.get(i)) {
                    let routed = s.endpoints.len() <= 24;
                    for e in &s.endpoints {
                        let Some(pod) = &e.pod else { continue };
                        let (from, to) = (format!("service:{}", s.name), format!("pod:{pod}"));
                        let route = if routed { route(l, &from, &to) } else { [center_of(l, &from), center_of(l, &to)].into_iter().flatten().collect() };
                        if route.len() < 2 {
                            continue;
                        }
                        let points = route.iter().map(|(x, y)| format!("{},{}", fixed(*x, 1), fixed(*y, 1))).collect::<Vec<_>>().join(" ");
                        edges.push((pod.clone(), points, e.ready));
                    }
                }
                // keyed by the pod: a moved box (a renamed Service's is wider) sets the points
                edges.into_iter().map(|e| (super::keyed::key_hash(&e.0), e)).collect()
            })
        })
    };
    let edge = |e: ArcRwSignal<(String, String, bool)>| {
        let (e2, e3) = (e.clone(), e.clone());
        view! {
            <polyline class="selects" class:not-ready=move || e.with(|e| !e.2) points=move || e2.with(|e| e.1.clone()) data-kind="selects" data-name=move || e3.with(|e| e.0.clone()) />
        }
        .into_any()
    };

    // the hops drawn so far (keyed by what each shows, ui::keyed), then the packet
    let hops = move || {
        let step = scene.step.get();
        lay.with(|l| {
            path.with(|p| {
                let Some(p) = p else { return Vec::new() };
                let step = step.min(p.hops.len());
                let mut lines = Vec::new();
                for (i, h) in p.hops.iter().enumerate() {
                    let route = route(l, &h.from, &h.to);
                    if route.len() < 2 || route.first() == route.last() {
                        continue;
                    }
                    let state = if i + 1 < step { "done" } else if i + 1 == step { "current" } else { "todo" };
                    let points = route.iter().map(|(x, y)| format!("{},{}", fixed(*x, 1), fixed(*y, 1))).collect::<Vec<_>>().join(" ");
                    lines.push((format!("hop hop-{} {state}", h.kind), i + 1, h.kind.as_str().to_string(), points));
                }
                // keyed by the hop's number: a step or a moved box sets its class or points
                lines.into_iter().map(|h| (h.1 as u64, h)).collect()
            })
        })
    };
    let hop = |h: ArcRwSignal<(String, usize, String, String)>| {
        let get = move |f: fn(&(String, usize, String, String)) -> String| {
            let h = h.clone();
            move || h.with(f)
        };
        view! { <polyline class=get(|h| h.0.clone()) data-kind="hop" data-name=get(|h| h.1.to_string()) data-hop=get(|h| h.2.clone()) points=get(|h| h.3.clone()) /> }.into_any()
    };
    // the packet and its label: what they show, computed when the path, the step or the drawing
    // changes; the elements stay and only what changed is set (a rename rebuilt both, setting
    // ~30 attributes, issue #12)
    let packet = Memo::new(move |_| {
        let step = scene.step.get();
        let delivery = scene.delivery.get();
        lay.with(|l| {
            path.with(|p| {
                // (uifix16: no packet for a path of no hops — a Service the API server refused
                // sends nothing; the packet floated alone over the diagram's top middle, the
                // fallback spot, in the broken-field-typo preset)
                let p = p.as_ref().filter(|p| !p.hops.is_empty())?;
                let step = step.min(p.hops.len());
                let pos = packet_key(p, step).and_then(|k| l.rest(k)).unwrap_or((l.width / 2.0, 20.0));
                let label = packet_label(p, step);
                // which connection the request rides (core::connections), once one was sent
                let label = match delivery {
                    // (a UDP port's: a conntrack flow, core::connections::conn_noun)
                    Some(d) if step > 0 => format!("{label} · {} #{}", if scene.client.with_untracked(|c| c.udp) { "flow" } else { "conn" }, d.conn),
                    _ => label,
                };
                let end = step == p.hops.len() && step > 0;
                let failed = end && !matches!(p.outcome.as_str(), "delivered" | "external");
                // on the current hop's line, in the open (core::layout::place_pill; Layout::pill
                // may put a DNS name in two lines, uifix19)
                let cur = current_hop(p, step);
                let line = cur.map(|h| route(l, &h.from, &h.to)).unwrap_or_default();
                // (uifix17) and off the path's other lines where it can: it covered the client →
                // DNS line at 900 px, step 3 of the tutorial
                let others: Vec<Vec<(f64, f64)>> = p.hops.iter().filter(|h| !cur.is_some_and(|c| std::ptr::eq(c, *h))).map(|h| route(l, &h.from, &h.to)).filter(|r| r.len() >= 2 && r.first() != r.last()).collect();
                let (lines, lr) = l.pill(&label, pos, &line, &others);
                Some(Packet { pos, step, end, failed, lines, lr })
            })
        })
    });
    let motion = move || {
        // built again only when its number of label lines changes
        packet.with(|k| k.as_ref().map(|k| vec![(k.lines.len() as u64, k.lines.len())]).unwrap_or_default())
    };
    let motion_view = move |n: usize| {
        let get = move |f: fn(&Packet) -> String| move || packet.with(|k| k.as_ref().map(f).unwrap_or_default());
        let is = move |f: fn(&Packet) -> bool| move || packet.with(|k| k.as_ref().is_some_and(f));
        // geometry: a number even in the flush before the label goes (no path: `x=""` is an SVG
        // attribute error in the console; trainer8, a ConfigMap-only text)
        let geo = move |f: fn(&Packet) -> String| move || packet.with(|k| k.as_ref().map(f).unwrap_or_else(|| "0".into()));
        view! {
            // CSSOM (style.setProperty), not a style attribute: allowed under style-src 'self'
            <g class="packet" class:failed=is(|k| k.failed) class:arrived=is(|k| k.end && !k.failed) data-kind="packet" data-name="request"
                data-step=get(|k| k.step.to_string()) style:transform=get(|k| format!("translate({}px, {}px)", num(k.pos.0), num(k.pos.1)))>
                <circle r="9" />
                <text y="4" text-anchor="middle">{get(|k| (if k.failed { "✗" } else if k.end { "✓" } else { "" }).to_string())}</text>
            </g>
            <g class="packet-label" data-kind="packet-label" class:hidden=is(|k| k.step == 0)>
                <rect x=geo(|k| num(k.lr.x)) y=geo(|k| num(k.lr.y)) width=geo(|k| num(k.lr.w)) height=geo(|k| num(k.lr.h)) rx="9" />
                {(0..n).map(|i| view! {
                    <text x=geo(|k| num(k.lr.x + k.lr.w / 2.0)) y=move || packet.with(|k| k.as_ref().map(|k| num(k.lr.y + 14.5 + 14.0 * i as f64)).unwrap_or_else(|| "0".into()))
                        text-anchor="middle">{move || packet.with(|k| k.as_ref().and_then(|k| k.lines.get(i).cloned()).unwrap_or_default())}</text>
                }).collect_view()}
            </g>
        }
        .into_any()
    };

    view! {
        <div class="zoom-bar" role="group" aria-label="Zoom">
            <button type="button" class="btn" id=ids.id("zoom-in") title="Zoom in (+)" on:click=move |_| zoom_by(1.25, None)>"+"<span class="sr">" Zoom in"</span></button>
            <button type="button" class="btn" id=ids.id("zoom-out") title="Zoom out (−)" on:click=move |_| zoom_by(0.8, None)>"−"<span class="sr">" Zoom out"</span></button>
            <button type="button" class="btn" id=ids.id("zoom-fit") title="Fit (0)" on:click=move |_| view.set((1.0, 0.0, 0.0))>"Fit"</button>
        </div>
        <div class="diagram-host" class:zoomed={move || view.get().0 > 1.0} node_ref=host tabindex="-1"
            on:keydown=move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
                "+" | "=" => { ev.prevent_default(); zoom_by(1.25, None) }
                "-" | "_" => { ev.prevent_default(); zoom_by(0.8, None) }
                "0" => { ev.prevent_default(); view.set((1.0, 0.0, 0.0)) }
                _ => {}
            }
            on:wheel=move |ev: web_sys::WheelEvent| {
                // ctrl/⌘ + wheel (and a trackpad pinch) zooms; plain wheel pans once zoomed in,
                // and scrolls the page otherwise
                let (s, tx, ty) = view.get_untracked();
                if !(ev.ctrl_key() || ev.meta_key()) {
                    if s > 1.0 {
                        ev.prevent_default();
                        view.set(clamp_view(s, tx + ev.delta_x() / s, ty + ev.delta_y() / s, &lay.get_untracked()));
                    }
                } else {
                    ev.prevent_default();
                    let at = host.get_untracked().map(|h| {
                        let r = h.get_bounding_client_rect();
                        ((ev.client_x() as f64 - r.left()) / r.width().max(1.0), (ev.client_y() as f64 - r.top()) / r.height().max(1.0))
                    });
                    zoom_by(if ev.delta_y() < 0.0 { 1.15 } else { 1.0 / 1.15 }, at);
                }
            }
            // pointers (mouse, pen, touch): one drags the zoomed view; two pinch, zooming by the
            // change of their distance around their midpoint
            on:pointerdown=move |ev: web_sys::PointerEvent| {
                let (id, x, y) = (ev.pointer_id(), ev.client_x() as f64, ev.client_y() as f64);
                pointers.update_value(|p| { p.retain(|q| q.0 != id); p.push((id, x, y)); });
                if pointers.with_value(|p| p.len()) >= 2 || view.get_untracked().0 > 1.0 {
                    drag.set_value(Some((x, y)));
                }
            }
            on:pointermove=move |ev: web_sys::PointerEvent| {
                let (id, x, y) = (ev.pointer_id(), ev.client_x() as f64, ev.client_y() as f64);
                let before = pointers.with_value(|p| p.clone());
                let Some(i) = before.iter().position(|q| q.0 == id) else { return };
                pointers.update_value(|p| p[i] = (id, x, y));
                if before.len() >= 2 {
                    // the pinch: the two first pointers' distance before and after this move
                    let after = pointers.with_value(|p| p.clone());
                    let dist = |p: &[(i32, f64, f64)]| ((p[0].1 - p[1].1).powi(2) + (p[0].2 - p[1].2).powi(2)).sqrt();
                    let (d0, d1) = (dist(&before), dist(&after));
                    if d0 > 1.0 && d1 > 1.0 {
                        ev.prevent_default();
                        let mid = ((after[0].1 + after[1].1) / 2.0, (after[0].2 + after[1].2) / 2.0);
                        let at = host.get_untracked().map(|h| {
                            let r = h.get_bounding_client_rect();
                            ((mid.0 - r.left()) / r.width().max(1.0), (mid.1 - r.top()) / r.height().max(1.0))
                        });
                        zoom_by(d1 / d0, at);
                    }
                } else if let Some((x0, y0)) = drag.get_value() {
                    drag.set_value(Some((x, y)));
                    let (s, tx, ty) = view.get_untracked();
                    let k = host.get_untracked().map(|h| lay.with_untracked(|l| l.width) / h.get_bounding_client_rect().width().max(1.0)).unwrap_or(1.0);
                    view.set(clamp_view(s, tx - (x - x0) * k / s, ty - (y - y0) * k / s, &lay.get_untracked()));
                }
            }
            on:pointerup=move |ev: web_sys::PointerEvent| { let id = ev.pointer_id(); pointers.update_value(|p| p.retain(|q| q.0 != id)); drag.set_value(None) }
            on:pointercancel=move |ev: web_sys::PointerEvent| { let id = ev.pointer_id(); pointers.update_value(|p| p.retain(|q| q.0 != id)); drag.set_value(None) }
            on:pointerleave=move |ev: web_sys::PointerEvent| { let id = ev.pointer_id(); pointers.update_value(|p| p.retain(|q| q.0 != id)); drag.set_value(None) }>
            <svg id=ids.id("diagram") class="diagram" role="group" xmlns="http://www.w3.org/2000/svg"
                aria-label="Cluster diagram: nodes, pods, Services and the request's path"
                viewBox=move || { let (sc, tx, ty) = view.get(); lay.with(|l| format!("{} {} {} {}", fixed(tx, 1), fixed(ty, 1), fixed(l.width / sc, 1), fixed(l.height / sc, 1))) }
                width=move || lay.with(|l| num(l.width))
                height=move || lay.with(|l| num(l.height))
                style:--hop-ms=move || format!("{}ms", scene.hop_ms.get())
                on:focusin=move |ev| inspect.set(title_of(&ev))
                // (learn19 leftover: the box under the diagram kept the last tabbed pod once the
                // focus had moved on into the Service panel) focus leaving the diagram: back to
                // what is shown when nothing is focused
                on:focusout=move |ev| if !focus_stays_in(&ev) { inspect.set(None) }
                on:mouseover=move |ev| if let Some(t) = title_of(&ev) { inspect.set(Some(t)) }>
                <g class="edges">{super::keyed::follow_list(edges, edge)}</g>
                <g class="things">{super::keyed::keyed_list(items, item)}</g>
                <g class="hops">{super::keyed::follow_list(hops, hop)}</g>
                {super::keyed::keyed_list(motion, motion_view)}
                <g class="flight" data-kind="flight" node_ref=layer></g>
            </svg>
        </div>
        <div class="details" id=ids.id("details") data-kind="details" aria-live="polite">
            {move || {
                let inspected = inspect.get();
                // the selected Service, whose panel is open below: named, not said again
                // (uifix19, uicheck21 item 5: its type, clusterIP and ports were said here, in the
                // panel's facts and in its kubectl row, three times in a row)
                let open = scene.selected.with(|s| match s {
                    Some(super::selection::Selected::Service { namespace, name }) => Some((namespace.clone(), name.clone())),
                    _ => None,
                });
                let shown_is_open = open.as_ref().is_some_and(|(ns, name)| match &inspected {
                    Some(t) => t.starts_with(&format!("Service {ns}/{name} (")),
                    None => scene.shown.with(|r| scene.service_index().and_then(|i| r.services.get(i)).is_some_and(|s| &s.namespace == ns && &s.name == name)),
                });
                let lines = match open {
                    Some((_, name)) if shown_is_open => format!("Service {name} is selected: its kubectl get svc row and facts are in the panel below."),
                    _ => inspected.unwrap_or_else(|| default_details(&lay.get(), scene.service_index())),
                };
                lines.lines().map(|l| view! { <p>{l.to_string()}</p> }).collect_view()
            }}
        </div>
    }
}

/// What the request's packet and its label show (see `packet` in `Diagram`).
#[derive(Clone, PartialEq)]
struct Packet {
    pos: (f64, f64),
    step: usize,
    end: bool,
    failed: bool,
    lines: Vec<String>,
    lr: crate::core::layout::Rect,
}

/// Keep the zoomed view inside the drawing.
fn clamp_view(s: f64, x: f64, y: f64, l: &Layout) -> (f64, f64, f64) {
    let (w, h) = (l.width / s, l.height / s);
    (s, clamp_f64(x, 0.0, (l.width - w).max(0.0)), clamp_f64(y, 0.0, (l.height - h).max(0.0)))
}

/// The details panel's text when nothing is hovered or focused: the selected Service, whole.
fn default_details(l: &Layout, selected: Option<usize>) -> String {
    l.items
        .iter()
        .find(|i| i.kind == "service" && i.index == selected)
        .map(|i| i.texts.iter().map(|t| t.full.clone()).collect::<Vec<_>>().join("\n"))
        .unwrap_or_default()
}

/// A key for everything the box `it` shows: the item as placed and the report's data its view
/// reads (see `item_view` in `Diagram`).
fn item_key(r: &Report, l: &Layout, svc: Option<&ServiceReport>, it: &Item) -> u64 {
    use super::keyed::{key_item, key_json, key_of};
    let item = key_item(it);
    match it.kind {
        "node" => key_of(&(item, key_json(&r.nodes.iter().find(|n| n.name == it.name)))),
        "pod" => match it.index {
            None => key_of(&(item, key_json(&r.cluster.client_pod))),
            Some(i) => {
                // the relation's kind, not its sentence (the box reads that from `whys`)
                let rel = r.pods.get(i).map(|p| match relation(svc, p).0 {
                    Relation::Endpoint { ready: true } => 1,
                    Relation::Endpoint { ready: false } => 2,
                    Relation::NearMiss => 3,
                    Relation::None => 4,
                });
                key_of(&(item, key_json(&r.pods.get(i)), rel))
            }
        },
        "pod-group" | "node-group" => key_of(&(item, l.folded.iter().filter(|(_, g)| *g == it.name).collect::<Vec<_>>())),
        // a Service's box follows its Service (`service_box`): keyed by what it is made of
        "service" => match it.index.and_then(|i| r.services.get(i)) {
            Some(s) => key_of(&("service-box", it.index, s.rejected, texts_shape(&it.texts))),
            None => item,
        },
        // the DNS box follows its data (`dns_box`): keyed by what it is made of
        "dns" => key_of(&("dns-box", texts_shape(&it.texts))),
        // (and its health check: the box's title lists each node's answer)
        "load-balancer" => key_of(&(item, key_json(&svc.map(|s| (&s.load_balancer, &s.health_check, s.health_check_node_port))))),
        _ => item,
    }
}

/// The `<title>` of the drawn thing an event happened in (the whole of what it says).
/// A focusout whose next focus (relatedTarget) is inside the same diagram.
fn focus_stays_in(ev: &web_sys::FocusEvent) -> bool {
    use wasm_bindgen::JsCast;
    let Some(svg) = ev.current_target() else { return false };
    let Some(to) = ev.related_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return false };
    to.closest("svg").ok().flatten().is_some_and(|c| wasm_bindgen::JsValue::from(c) == wasm_bindgen::JsValue::from(svg))
}

fn title_of(ev: &web_sys::Event) -> Option<String> {
    use wasm_bindgen::JsCast;
    let el: web_sys::Element = ev.target()?.dyn_into().ok()?;
    let g = el.closest("g[data-kind]").ok()??;
    let t = g.query_selector(":scope > title").ok()??;
    t.text_content().filter(|s| !s.is_empty())
}

/// The tutorial's summary table, with the current Service's type lit.
#[component]
pub fn SummaryTable() -> impl IntoView {
    let scene = expect_context::<Scene>();
    let ids = scene.ids;
    let current = Memo::new(move |_| {
        let idx = scene.service_index();
        scene.shown.with(|r| idx.and_then(|i| r.services.get(i)).map(|s| s.type_.clone()).unwrap_or_default())
    });
    const ROWS: [(&str, &str, &str, &str); 4] = [
        // (learner7: it said "Pod-to-Pod communication"; a ClusterIP serves in-cluster clients,
        // and a LoadBalancer needs a controller to give it an address — a cloud's, or MetalLB
        // on bare metal: pkg/controller/service of the cloud provider, EXTERNAL-IP <pending> else)
        ("ClusterIP", "Internal only", "In-cluster clients reach the pods through one address", "✗ No"),
        ("NodePort", "Exposes on node IP", "Direct external access via port", "✗ No"),
        ("LoadBalancer", "External IP", "Cloud load balancer with public IP", "✓ A cloud controller (or MetalLB on bare metal)"),
        ("ExternalName", "DNS redirect", "External services via DNS", "✗ No"),
    ];
    view! {
        // (a wrapper that scrolls sideways when the words do not fit: a cell never breaks a word
        // — learner8 saw "LoadBalan|cer" at 1280 and "Clust|erIP" at 360 px)
        <div class="summary-wrap" id=ids.id("summary-wrap")>
        <table class="summary-table" id=ids.id("summary-table")>
            <caption>"Service types (from the tutorial)"</caption>
            <thead><tr><th>"Type"</th><th>"Visibility"</th><th>"Use case"</th><th>"Requires cloud"</th></tr></thead>
            <tbody>
                {ROWS.iter().map(|(t, v, u, c)| view! {
                    <tr data-type=*t class:lit=move || current.get() == *t aria-current=move || (current.get() == *t).then_some("true")>
                        <td>{*t}</td><td>{*v}</td><td>{*u}</td><td>{*c}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}

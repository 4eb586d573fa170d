//! The cluster diagram (SVG), drawn from `core::layout`, with the request packet moving hop by
//! hop along the current path; and the tutorial's summary table with the current type lit.
//! Every drawn thing carries `data-kind` and `data-name` (stable test hooks).

use leptos::prelude::*;

use super::Scene;
use crate::core::layout::{layout, Item, Layout};
use crate::core::report::{PodReport, Report, ServiceReport};
use crate::core::service::LoadBalancer;

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// Keep both ends of a long name (pod suffixes tell pods apart): `web-gh2v…-t9j59`.
fn clip_middle(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max || max < 5 {
        return clip(s, max);
    }
    let tail = (max - 1) / 2;
    let head = max - 1 - tail;
    let start: String = s.chars().take(head).collect();
    let end: String = s.chars().skip(n - tail).collect();
    format!("{start}…{end}")
}

fn chars_for(w: f64, px: f64) -> usize {
    ((w - 12.0) / px).max(4.0) as usize
}

/// How a pod stands towards the selected Service.
#[derive(Clone, Copy, PartialEq)]
enum Relation {
    None,
    Endpoint { ready: bool },
    NearMiss,
}

/// The selector keys a near-miss pod fails, as `✗ app=web-v2 ≠ web`.
fn miss_line(svc: Option<&ServiceReport>, pod: &PodReport) -> Option<String> {
    let m = svc?.near_misses.iter().find(|m| m.pod == pod.name && m.namespace == pod.namespace)?;
    if m.mismatched.is_empty() {
        return None;
    }
    Some(
        m.mismatched
            .iter()
            .map(|(k, want, got)| match got {
                Some(g) => format!("✗ {k}={g} ≠ {want}"),
                None => format!("✗ no {k} (want {want})"),
            })
            .collect::<Vec<_>>()
            .join(" "),
    )
}

fn relation(svc: Option<&ServiceReport>, pod: &PodReport) -> (Relation, String) {
    let Some(s) = svc else { return (Relation::None, String::new()) };
    if let Some(e) = s.endpoints.iter().find(|e| e.pod.as_deref() == Some(pod.name.as_str()) && e.namespace == pod.namespace) {
        let ports = e.ports.iter().map(|p| p.port.to_string()).collect::<Vec<_>>().join(",");
        if e.ports.is_empty() && !s.ports.is_empty() {
            // listed in the EndpointSlice with no ports: its targetPort does not resolve on this pod
            return (Relation::Endpoint { ready: false }, format!("endpoint of {} with no ports (its targetPort does not resolve here): no traffic through the Service", s.name));
        }
        let why = if e.ready { format!("endpoint of {}: receives traffic on {ports}", s.name) } else { format!("endpoint of {} but not ready: no traffic", s.name) };
        return (Relation::Endpoint { ready: e.ready }, why);
    }
    if let Some(m) = s.near_misses.iter().find(|m| m.pod == pod.name && m.namespace == pod.namespace) {
        return (Relation::NearMiss, format!("not selected by {}: {}", s.name, m.reason));
    }
    (Relation::None, String::new())
}

fn pod_view(it: &Item, pod: &PodReport, rel: Relation, why: String, miss: Option<String>, hits: u32, client: bool) -> impl IntoView {
    let r = it.rect;
    let n = chars_for(r.w, 6.4);
    let name_chars = chars_for(r.w - 16.0, 7.9);
    let labels = pod.labels.iter().filter(|(k, _)| k != "pod-template-hash" && !k.starts_with("statefulset.kubernetes.io")).map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(" ");
    let ports = if pod.ports.is_empty() {
        "no containerPorts".to_string()
    } else {
        pod.ports.iter().map(|p| match &p.name { Some(nm) => format!("{nm}:{}", p.container_port), None => p.container_port.to_string() }).collect::<Vec<_>>().join(" ")
    };
    let state = if pod.terminating { "terminating" } else if pod.ready { "ready" } else if pod.ip.is_none() { "pending" } else { "not ready" };
    let state = if pod.ready_flipped { format!("{state} (flipped)") } else { state.to_string() };
    let class = format!(
        "pod state-{}{} {}",
        state.split(' ').next().unwrap_or("").replace(' ', "-"),
        if pod.ready_flipped { " flipped" } else { "" },
        match rel {
            Relation::Endpoint { ready: true } => "endpoint",
            Relation::Endpoint { ready: false } => "endpoint not-ready-endpoint",
            Relation::NearMiss => "near-miss",
            Relation::None => "",
        }
    );
    let title = format!(
        "Pod {}/{} on {}\nIP {}{}\nlabels: {}\ncontainer ports: {}\n{}{}{}",
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
        if why.is_empty() { String::new() } else { format!("\n{why}") },
        if client { "" } else { "\nClick or press Enter to flip its readiness (a failing readiness probe)" }
    );
    let mark = match rel {
        Relation::Endpoint { ready: true } => "✓",
        Relation::Endpoint { ready: false } => "!",
        Relation::NearMiss => "✗",
        Relation::None => "",
    };
    let aria = title.clone();
    view! {
        <g class=class data-kind="pod" data-name=pod.name.clone() tabindex="0" role=if client { "img" } else { "button" } aria-label=aria>
            <title>{title}</title>
            <rect class="box" x=r.x y=r.y width=r.w height=r.h rx="6" />
            <text class="t-name" x=r.x + 7.0 y=r.y + 16.0>{clip_middle(&if client { "client (curl)".into() } else { pod.name.clone() }, name_chars)}</text>
            <text class="t-mark" x=r.x + r.w - 8.0 y=r.y + 16.0 text-anchor="end">{mark}</text>
            <text class="t-mono" x=r.x + 7.0 y=r.y + 32.0>{pod.ip.clone().unwrap_or_else(|| "no IP".into())}</text>
            {match miss {
                Some(m) => view! { <text class="t-small t-miss" x=r.x + 7.0 y=r.y + 47.0>{clip(&m, n)}</text> }.into_any(),
                None => view! { <text class="t-small" x=r.x + 7.0 y=r.y + 47.0>{clip(&labels, n)}</text> }.into_any(),
            }}
            <text class="t-small" x=r.x + 7.0 y=r.y + 62.0>{clip(&format!("{ports} · {state}"), n)}</text>
            {(hits > 0).then(|| view! {
                <g class="hits"><rect x=r.x + r.w - 34.0 y=r.y + r.h - 18.0 width="30" height="15" rx="7" /><text x=r.x + r.w - 19.0 y=r.y + r.h - 7.0 text-anchor="middle">{format!("{hits}")}</text></g>
            })}
        </g>
    }
}

fn service_view(it: &Item, s: &ServiceReport, selected: bool, domain: &str) -> impl IntoView {
    let r = it.rect;
    let n = chars_for(r.w, 6.9);
    let addr = if s.rejected {
        "rejected by the API server".to_string()
    } else if s.type_ == "ExternalName" {
        format!("CNAME {}", s.external_name.clone().unwrap_or_default())
    } else if s.headless {
        "clusterIP: None (headless)".to_string()
    } else {
        format!("clusterIP {}", s.cluster_ip.clone().unwrap_or_default())
    };
    let ports = s
        .ports
        .iter()
        .map(|p| format!("{}→{}{}", p.port, p.target_port, p.node_port.map(|n| format!(" (node {n})")).unwrap_or_default()))
        .collect::<Vec<_>>()
        .join(", ");
    let dns = format!("{}.{}.svc.{domain}", s.name, s.namespace);
    let title = format!("Service {}/{} ({})\n{addr}\nports {ports}\nDNS {dns}", s.namespace, s.name, s.type_);
    view! {
        <g class="service" class:selected=selected class:rejected=s.rejected data-kind="service" data-name=s.name.clone() data-type=s.type_.clone()
            tabindex="0" role="button" aria-label=format!("Select Service {}", s.name)>
            <title>{title}</title>
            <rect class="box" x=r.x y=r.y width=r.w height=r.h rx="8" />
            <text class="t-name" x=r.x + 8.0 y=r.y + 17.0>{clip(&s.name, chars_for(r.w - 90.0, 7.9))}</text>
            <text class="t-badge" x=r.x + r.w - 8.0 y=r.y + 17.0 text-anchor="end">{clip(&s.type_, 12)}</text>
            <text class="t-mono" x=r.x + 8.0 y=r.y + 34.0>{clip(&addr, n)}</text>
            <text class="t-small" x=r.x + 8.0 y=r.y + 50.0>{clip(&if ports.is_empty() { "no ports".into() } else { format!("port {ports}") }, n)}</text>
            <text class="t-small" x=r.x + 8.0 y=r.y + 66.0>{clip(&dns, n)}</text>
            {s.rejected.then(|| view! { <line class="strike" x1=r.x y1=r.y x2=r.x + r.w y2=r.y + r.h /> })}
        </g>
    }
}

/// The body of the boxes outside the cluster: a tooltip, a heading, an address, a note.
fn three_lines(rc: crate::core::layout::Rect, title: String, head: &'static str, mono: String, small: String) -> impl IntoView {
    view! {
        <title>{title}</title>
        <rect class="box" x=rc.x y=rc.y width=rc.w height=rc.h rx="8" />
        <text class="t-name" x=rc.x + 8.0 y=rc.y + 18.0>{head}</text>
        <text class="t-mono" x=rc.x + 8.0 y=rc.y + 36.0>{clip(&mono, chars_for(rc.w, 6.9))}</text>
        <text class="t-small" x=rc.x + 8.0 y=rc.y + 54.0>{clip(&small, chars_for(rc.w, 6.4))}</text>
    }
}

fn center_of(l: &Layout, key: &str) -> Option<(f64, f64)> {
    l.anchor(key)
}

#[component]
pub fn Diagram() -> impl IntoView {
    let scene = expect_context::<Scene>();
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

    let statics = move || {
        let l = lay.get();
        let r: Report = scene.shown.get();
        let idx = scene.service_index();
        let svc = idx.and_then(|i| r.services.get(i));
        let hits = scene.hits.get();
        let domain = r.cluster.cluster_domain.clone();
        let mut out = Vec::new();
        for it in &l.items {
            let rc = it.rect;
            let v = match it.kind {
                "cluster" => view! {
                    <g class="cluster" data-kind="cluster" data-name="cluster">
                        <rect class="box" x=rc.x y=rc.y width=rc.w height=rc.h rx="12" />
                        <text class="t-region" x=rc.x + 12.0 y=rc.y + 18.0>{format!("Kubernetes cluster · Services {} · nodePorts {}", r.cluster.service_cidr, r.cluster.node_port_range)}</text>
                    </g>
                }.into_any(),
                "node" => {
                    let node = r.nodes.iter().find(|n| n.name == it.name);
                    let ip = node.map(|n| n.ip.clone()).unwrap_or_default();
                    let cidr = node.map(|n| n.pod_cidr.clone()).unwrap_or_default();
                    view! {
                        <g class="node" data-kind="node" data-name=it.name.clone()>
                            <title>{format!("Node {} — IP {ip}, pods get IPs from {cidr}", it.name)}</title>
                            <rect class="box" x=rc.x y=rc.y width=rc.w height=rc.h rx="10" />
                            <text class="t-name" x=rc.x + 10.0 y=rc.y + 18.0>{it.name.clone()}</text>
                            <text class="t-mono" x=rc.x + 10.0 y=rc.y + 33.0>{clip(&format!("{ip} · pods {cidr}"), chars_for(rc.w, 6.9))}</text>
                        </g>
                    }.into_any()
                }
                "kube-proxy" => view! {
                    <g class="kube-proxy" data-kind="kube-proxy" data-name=it.name.clone()>
                        <title>{format!("kube-proxy on {}: iptables rules for every Service's clusterIP and nodePorts", it.name)}</title>
                        <rect class="box" x=rc.x y=rc.y width=rc.w height=rc.h rx="4" />
                        <text class="t-small" x=rc.x + 8.0 y=rc.y + 15.0>{clip("kube-proxy · iptables (KUBE-SERVICES, KUBE-NODEPORTS)", chars_for(rc.w, 6.0))}</text>
                    </g>
                }.into_any(),
                "pod" => {
                    let client = it.index.is_none();
                    let pod = if client { Some(r.cluster.client_pod.clone()) } else { it.index.and_then(|i| r.pods.get(i).cloned()) };
                    match pod {
                        Some(p) => {
                            let (rel, why) = if client { (Relation::None, "the in-cluster client every request starts from".to_string()) } else { relation(svc, &p) };
                            let h = hits.iter().find(|(n, _)| *n == p.name).map(|(_, c)| *c).unwrap_or(0);
                            let miss = if client { None } else { miss_line(svc, &p) };
                            let key = format!("{}/{}", p.namespace, p.name);
                            let key2 = key.clone();
                            view! {
                                <g class="pod-hit"
                                   on:click=move |_| if !client { scene.flip_ready(key.clone()) }
                                   on:keydown=move |ev: web_sys::KeyboardEvent| if !client && (ev.key() == "Enter" || ev.key() == " ") { ev.prevent_default(); scene.flip_ready(key2.clone()) }>
                                    {pod_view(it, &p, rel, why, miss, h, client)}
                                </g>
                            }.into_any()
                        }
                        None => ().into_any(),
                    }
                }
                "pod-group" => view! {
                    <g class="pod-group" data-kind="pod" data-name=it.name.clone() tabindex="0" role="img" aria-label=format!("{} more pods on this node", it.index.unwrap_or(0))>
                        <rect class="box" x=rc.x y=rc.y width=rc.w height=rc.h rx="6" />
                        <text class="t-name" x=rc.x + rc.w / 2.0 y=rc.y + rc.h / 2.0 + 5.0 text-anchor="middle">{format!("+{} more pods", it.index.unwrap_or(0))}</text>
                    </g>
                }.into_any(),
                "service" => match it.index.and_then(|i| r.services.get(i)) {
                    Some(s) => {
                        let name = s.name.clone();
                        let selected = Some(it.index.unwrap_or(0)) == idx;
                        let select = move || { scene.service.set(name.clone()); scene.port.set(None); scene.backend.set(0); scene.reset_animation(); };
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
                "dns" => {
                    let (kind, answer) = svc.map(|s| {
                        if s.dns_records.is_empty() { ("→ NXDOMAIN".to_string(), String::new()) } else {
                            let first = &s.dns_records[0];
                            let more = s.dns_records.iter().filter(|x| x.kind == first.kind && x.name == first.name).count();
                            (format!("→ {}{}", first.kind, if more > 1 { format!(" ×{more}") } else { String::new() }), first.answer.clone())
                        }
                    }).unwrap_or_default();
                    view! {
                        <g class="dns" data-kind="dns" data-name="cluster-dns">
                            <title>{format!("Cluster DNS (CoreDNS): answers <service>.<namespace>.svc.{domain}")}</title>
                            <rect class="box" x=rc.x y=rc.y width=rc.w height=rc.h rx="8" />
                            <text class="t-name" x=rc.x + 8.0 y=rc.y + 17.0>"cluster DNS"</text>
                            <text class="t-small" x=rc.x + 8.0 y=rc.y + 34.0>{clip(&svc.map(|s| format!("{}.{}.svc", s.name, s.namespace)).unwrap_or_default(), chars_for(rc.w, 6.4))}</text>
                            <text class="t-small" x=rc.x + 8.0 y=rc.y + 50.0>{kind}</text>
                            <text class="t-mono" x=rc.x + 8.0 y=rc.y + 66.0>{clip(&answer, chars_for(rc.w, 6.9))}</text>
                        </g>
                    }.into_any()
                }
                "client" => view! {
                    <g class="client" data-kind="client" data-name="outside">
                        {three_lines(rc, "A client outside the cluster (198.51.100.7)".into(), "outside client", "198.51.100.7".into(), "(the internet)".into())}
                    </g>
                }.into_any(),
                "load-balancer" => {
                    let (addr, pending) = match svc.map(|s| &s.load_balancer) {
                        Some(LoadBalancer::Ready { ingress, .. }) => (ingress.join(", "), false),
                        _ => ("<pending>".to_string(), true),
                    };
                    let title = if pending {
                        "type: LoadBalancer asked for a cloud load balancer; nothing provides one, so EXTERNAL-IP is <pending>".to_string()
                    } else {
                        format!("Cloud load balancer {addr}: forwards to every node's nodePort")
                    };
                    let note = if pending { "no cloud controller" } else { "→ nodePort on every node" };
                    view! {
                        <g class="load-balancer" class:pending=pending data-kind="load-balancer" data-name=it.name.clone()>
                            {three_lines(rc, title, "cloud load balancer", addr, note.into())}
                        </g>
                    }.into_any()
                }
                "external" => view! {
                    <g class="external" data-kind="external" data-name=it.name.clone()>
                        {three_lines(rc, format!("{} lives outside the cluster; the ExternalName Service is only a DNS alias for it", it.name), "external host", it.name.clone(), "outside the cluster".into())}
                    </g>
                }.into_any(),
                _ => ().into_any(),
            };
            out.push(v);
        }
        // selector edges: the selected Service to each endpoint pod
        let mut edges = Vec::new();
        if let Some(s) = svc {
            if let Some(from) = l.find("service", &s.name) {
                let (fx, fy) = (from.rect.x + from.rect.w / 2.0, from.rect.y + from.rect.h);
                for e in &s.endpoints {
                    let Some(pod) = &e.pod else { continue };
                    if let Some((tx, ty)) = center_of(&l, &format!("pod:{pod}")) {
                        edges.push(view! {
                            <line class="selects" class:not-ready=!e.ready x1=fx y1=fy x2=tx y2=ty - 30.0 data-kind="selects" data-name=pod.clone() />
                        });
                    }
                }
            }
        }
        view! { <g class="edges">{edges}</g><g class="things">{out}</g> }
    };

    // the hops drawn so far and the packet
    let motion = move || {
        let l = lay.get();
        let Some(p) = path.get() else { return ().into_any() };
        let step = scene.step.get().min(p.hops.len());
        let mut lines = Vec::new();
        for (i, h) in p.hops.iter().enumerate() {
            let (Some(a), Some(b)) = (center_of(&l, &h.from), center_of(&l, &h.to)) else { continue };
            if a == b {
                continue;
            }
            let state = if i + 1 < step { "done" } else if i + 1 == step { "current" } else { "todo" };
            lines.push(view! {
                <line class=format!("hop hop-{} {state}", h.kind) data-kind="hop" data-name=format!("{}", i + 1) data-hop=h.kind.as_str()
                    x1=a.0 y1=a.1 x2=b.0 y2=b.1 />
            });
        }
        let at = if step == 0 { p.hops.first().map(|h| h.from.clone()) } else { p.hops.get(step - 1).map(|h| h.to.clone()) };
        let pos = at.and_then(|k| center_of(&l, &k)).unwrap_or((l.width / 2.0, 20.0));
        let label = if step == 0 {
            p.hops.first().map(|h| format!("{} → {}", h.src, h.dst)).unwrap_or_default()
        } else {
            p.hops.get(step - 1).map(|h| match &h.rewritten { Some(r) => format!("{} ⇒ {r}", h.dst), None => h.dst.clone() }).unwrap_or_default()
        };
        // which connection the request rides (core::connections), once one was sent
        let label = match scene.delivery.get() {
            Some(d) if step > 0 => format!("{label} · conn #{}", d.conn),
            _ => label,
        };
        let end = step == p.hops.len() && step > 0;
        let failed = end && !matches!(p.outcome.as_str(), "delivered" | "external");
        let lw = (label.chars().count() as f64 * 6.8 + 14.0).min(l.width - 8.0);
        let lx = (pos.0 - lw / 2.0).clamp(4.0, l.width - lw - 4.0);
        // CSSOM (style.setProperty), not a style attribute: allowed under style-src 'self'
        let transform = format!("translate({}px, {}px)", pos.0, pos.1);
        view! {
            <g class="hops">{lines}</g>
            <g class="packet" class:failed=failed class:arrived=end && !failed data-kind="packet" data-name="request" data-step=step style:transform=transform>
                <circle r="9" />
                <text y="4" text-anchor="middle">{if failed { "✗" } else if end { "✓" } else { "" }}</text>
            </g>
            <g class="packet-label" data-kind="packet-label" class:hidden=step == 0>
                <rect x=lx y=pos.1 + 13.0 width=lw height="20" rx="10" />
                <text x=lx + lw / 2.0 y=pos.1 + 27.0 text-anchor="middle">{label}</text>
            </g>
        }
        .into_any()
    };

    view! {
        <div class="diagram-host" node_ref=host>
            <svg id="diagram" class="diagram" role="img" xmlns="http://www.w3.org/2000/svg"
                aria-label="Cluster diagram: nodes, pods, Services and the request's path"
                viewBox=move || lay.with(|l| format!("0 0 {} {}", l.width, l.height))
                width=move || lay.with(|l| l.width.to_string())
                height=move || lay.with(|l| l.height.to_string())
                style:--hop-ms=move || format!("{}ms", scene.hop_ms.get())>
                {statics}
                {motion}
            </svg>
        </div>
    }
}

/// The tutorial's summary table, with the current Service's type lit.
#[component]
pub fn SummaryTable() -> impl IntoView {
    let scene = expect_context::<Scene>();
    let current = Memo::new(move |_| {
        let idx = scene.service_index();
        scene.shown.with(|r| idx.and_then(|i| r.services.get(i)).map(|s| s.type_.clone()).unwrap_or_default())
    });
    const ROWS: [(&str, &str, &str, &str); 4] = [
        ("ClusterIP", "Internal only", "Pod-to-Pod communication", "✗ No"),
        ("NodePort", "Exposes on node IP", "Direct external access via port", "✗ No"),
        ("LoadBalancer", "External IP", "Cloud load balancer with public IP", "✓ Yes"),
        ("ExternalName", "DNS redirect", "External services via DNS", "✗ No"),
    ];
    view! {
        <table class="summary-table" id="summary-table">
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
    }
}

//! Controls: scene options (preset, nodes, IP family, cloud, theme, motion), the player (Service, entry
//! point, port, play/pause/step, send requests) and the caption that explains the current hop.

use std::time::Duration;

use leptos::prelude::*;

use super::{entry_key, Scene};
use crate::core::config::Families;
use crate::core::connections::ClientMode;
use crate::core::presets;

#[component]
pub fn SceneBar() -> impl IntoView {
    let scene = expect_context::<Scene>();
    let ids = scene.ids;
    let on_preset = move |ev| {
        let id = event_target_value(&ev);
        if id == "draft" {
            if let Some(d) = scene.draft.get_untracked() {
                scene.text.set(d);
                scene.reset_animation();
            }
        } else if let Some(p) = presets::find(&id) {
            scene.load_preset(p);
        }
    };
    // which preset the text is, if any: one comparison per keystroke, and the options follow it
    // (each option comparing the whole text was 17 effects run on every keystroke, issue #12)
    let loaded = Memo::new(move |_| scene.text.with(|t| presets::ALL.iter().position(|p| p.yaml == t.as_str())));
    // the nodes the manifests give (Some(count)) when they are not the simulated node-1..node-N
    let given = Memo::new(move |_| {
        let n = scene.nodes.get();
        let simulated = |r: &crate::core::report::Report| r.nodes.len() == n.clamp(1, 250) && r.nodes.iter().enumerate().all(|(i, x)| x.simulated && x.name == format!("node-{}", i + 1));
        scene.shown.with(|r| (!simulated(r)).then_some(r.nodes.len()))
    });
    view! {
        <div class="scenebar">
            <label>"Scene "
                <select class="preset-select" id=ids.id("preset") on:change=on_preset>
                    // the loaded scene shows as selected (its text unchanged), else the prompt
                    <option value="" prop:selected=move || loaded.get().is_none()>"Choose a preset…"</option>
                    {presets::ALL.iter().enumerate().map(|(i, p)| view! { <option value=p.id prop:selected=move || loaded.get() == Some(i)>{p.title}</option> }).collect_view()}
                    <Show when=move || scene.draft.with(|d| d.is_some())>
                        <option value="draft">"Your own text (restore)"</option>
                    </Show>
                </select>
                // (uifix17) on a phone the select cuts a long title ("Scheduling: a tainted
                // control plane, …"): the chosen one whole, under it (CSS shows it only there)
                <span class="preset-title" aria-hidden="true">{move || loaded.get().map(|i| presets::ALL[i].title).unwrap_or_default()}</span>
            </label>
            // the setting is in effect only while the nodes are simulated ones (node-1..node-N): a
            // dump's Node objects, or the nodes its pods name, are the cluster, and the box shows them
            <label title=move || if given.get().is_some() { "The nodes come from the manifests (Node objects, or the nodes the pods name); this setting applies when they name none" } else { "Nodes to simulate when the manifests have no Node objects" }>"Nodes "
                <input id=ids.id("nodes") type="number" min="1" max="8" prop:disabled=move || given.get().is_some()
                    prop:value=move || given.get().unwrap_or_else(|| scene.nodes.get()).to_string()
                    on:change=move |ev| {
                        if let Ok(n) = event_target_value(&ev).parse::<usize>() {
                            scene.nodes.set(n.clamp(1, 8));
                            scene.reset_animation();
                        }
                    } />
            </label>
            // kube-apiserver --service-cluster-ip-range: one range, or one of each family (the
            // first is the primary family); core::config::Families
            <label title="The cluster's Service IP families (kube-apiserver --service-cluster-ip-range): IPv4 10.96.0.0/12, IPv6 fd00:10:96::/112, or both (dual-stack, the first is the primary family)">"IP family "
                <select id=ids.id("families")
                    on:change=move |ev| {
                        if let Some(f) = Families::parse(&event_target_value(&ev)) {
                            scene.families.set(f);
                            scene.reset_animation();
                        }
                    }>
                    {Families::ALL.into_iter().map(|f| view! { <option value=f.key() prop:selected=move || scene.families.get() == f>{f.label()}</option> }).collect_view()}
                </select>
            </label>
            <label title="Simulate a cloud controller that gives LoadBalancer Services an address">
                <input id=ids.id("cloud") type="checkbox" prop:checked=move || scene.cloud.get()
                    on:change=move |ev| { scene.cloud.set(event_target_checked(&ev)); scene.reset_animation(); } />
                " Cloud load balancers"
            </label>
            <label title="Step through hops without continuous motion">
                <input id=ids.id("reduce-motion") type="checkbox" prop:checked=move || scene.reduce_motion.get()
                    on:change=move |ev| scene.reduce_motion.set(event_target_checked(&ev)) />
                " Reduce motion"
            </label>
            <button type="button" id=ids.id("theme") class="btn"
                aria-label=move || format!("Theme: {} (change)", scene.theme.get())
                on:click=move |_| scene.theme.update(|t| *t = match t.as_str() { "auto" => "light".into(), "light" => "dark".into(), _ => "auto".into() })>
                {move || match scene.theme.get().as_str() { "light" => "☀ Light", "dark" => "☾ Dark", _ => "◐ Auto" }}
            </button>
        </div>
    }
}

/// The load mode's highest rate (requests per second).
const MAX_RPS: u32 = 200;

/// Above this many Services the picker gets a filter (name or namespace, case-insensitive).
const FILTER_FROM: usize = 20;
/// Most options in the Service list at once (the selected Service is always one of them).
const MAX_OPTIONS: usize = 200;

/// `str::to_lowercase`, without std's case tables in the page (issue #12): `core::case::lower`
/// (ASCII in Rust, any other text by the browser's `String.prototype.toLowerCase`).
pub fn lower(s: &str) -> String {
    crate::core::case::lower(s)
}

/// Whether the picker's filter (trimmed, lower case) shows a Service: by name or namespace.
fn matches_filter(name: &str, namespace: &str, f: &str) -> bool {
    f.is_empty() || lower(name).contains(f) || lower(namespace).contains(f)
}

/// A Service option's text: `web (ClusterIP)`, or with `several` namespaces in the report
/// `shop/orders (NodePort)` (a key that already is `namespace/name` as it is).
pub(crate) fn option_label(key: &str, type_: &str, namespace: &str, several: bool) -> String {
    if several && !key.contains('/') {
        format!("{namespace}/{key} ({type_})")
    } else {
        format!("{key} ({type_})")
    }
}

/// The nodes offered for the in-cluster client ("From: A pod inside the cluster, on node-2").
const MAX_CLIENT_NODES: usize = 12;

/// The From menu's other senders (uifix11: learner11's q/10 and q/14, NetworkPolicy scenes with
/// the learner's own `client` pod in namespace frontend, which was never the sender): each pod
/// named `client` of another namespace than the client's now, `pod~<namespace>` (WhatIf::
/// client_namespace; on that pod's node); every other input pod that is not an endpoint of the
/// Service `s`, `pod~<namespace>/<name>` (fidfix20: qa3's q/19, an egress policy on pod
/// frontend; WhatIf::client_pod; paths::client_candidates); and, when the client is such a pod,
/// the default one back, `pod~` (default/client, or the stand-in in namespace default).
fn client_pod_options(r: &crate::core::report::Report, s: &crate::core::report::ServiceReport) -> Vec<(String, String)> {
    use crate::core::paths::{client_candidates, client_namespaces, CLIENT_NAMESPACE, CLIENT_POD};
    let client = &r.cluster.client_pod;
    let own = client.line > 0;
    let now = if own && client.name == CLIENT_POD { client.namespace.as_str() } else { "" };
    let mut out = Vec::new();
    for ns in client_namespaces(&r.pods).into_iter().filter(|ns| ns != now) {
        let Some(p) = r.pods.iter().find(|p| p.name == CLIENT_POD && p.namespace == ns) else { continue };
        let on = p.node.clone().unwrap_or_default();
        let label = if ns == CLIENT_NAMESPACE { format!("Your pod client, on {on}") } else { format!("Your pod {ns}/client, on {on}") };
        out.push((format!("pod~{ns}"), label));
    }
    for (ns, name) in client_candidates(&r.pods, s) {
        if own && client.name == name && client.namespace == ns {
            continue;
        }
        let Some(p) = r.pods.iter().find(|p| p.name == name && p.namespace == ns) else { continue };
        let on = p.node.clone().unwrap_or_default();
        let label = if ns == CLIENT_NAMESPACE { format!("Your pod {name}, on {on}") } else { format!("Your pod {ns}/{name}, on {on}") };
        out.push((format!("pod~{ns}/{name}"), label));
    }
    let away = own && (client.namespace != CLIENT_NAMESPACE || client.name != CLIENT_POD);
    if away && !out.iter().any(|(k, _)| *k == format!("pod~{CLIENT_NAMESPACE}")) {
        out.push(("pod~".to_string(), "A pod inside the cluster (namespace default)".to_string()));
    }
    out
}

pub(crate) fn entry_label(key: &str) -> String {
    match key.split_once('@') {
        Some(("nodeport", n)) => format!("Outside client → {n}'s nodePort"),
        // core::ingress::paths: one entry per Ingress routing to the Service
        Some(("ingress", n)) => format!("Outside client → Ingress {n}'s controller"),
        // core::gateway::paths: one entry per HTTPRoute (or GRPCRoute) sending to the Service
        Some(("httproute", n)) => format!("Outside client → Gateway → route {n}"),
        Some(("pod", n)) => format!("A pod inside the cluster, on {n}"),
        _ => match key {
            "pod" => "A pod inside the cluster".into(),
            "outside" => "A client outside the cluster".into(),
            "loadbalancer" => "Outside client → cloud load balancer".into(),
            "externalip" => "Outside client → an externalIP".into(),
            k => k.into(),
        },
    }
}

/// `count` requests on the current path: kube-proxy picks each one's pod (through the client's
/// connections, core::connections), every pod's hit count goes up. Returns the pods in order
/// (None without a path). `last`: the caption and the packet label follow the last request
/// (Send); the load mode leaves them alone (the caption is a live region).
pub fn pick(scene: Scene, count: u32, last: bool) -> Option<Vec<String>> {
    let (p, idx) = untrack(|| (scene.current_path(), scene.service_index()));
    let p = p?;
    let sticky = scene.shown.with_untracked(|r| idx.and_then(|i| r.services.get(i)).is_some_and(|s| s.session_affinity == "ClientIP"));
    let mode = ClientMode::parse(&scene.client_mode.get_untracked());
    // a connection's pod still runs if some pod has its IP (core::connections::Client::send)
    let ips: Vec<String> = scene.shown.with_untracked(|r| r.pods.iter().filter_map(|p| p.ip.clone()).collect());
    let alive = |ep: &str| ep.rsplit_once(':').is_some_and(|(ip, _)| ips.iter().any(|i| i == ip));
    let mut client = scene.client.get_untracked();
    // a UDP port: datagrams and conntrack flows, not connections (core::connections::Client::udp)
    client.udp = p.protocol.as_deref() == Some("UDP");
    if client.seed == 0 {
        // each Service port picks on its own (two Services over the same pods: not alike)
        let key = untrack(|| format!("{}/{:?}/{}", scene.service.get(), scene.port.get(), scene.entry.get()));
        client.seed = crate::core::config::fnv(&key).max(1);
    }
    // sessionAffinity: the drawn request (the caption's pick) was the client's first connection
    if sticky {
        if let Some(b) = p.backends.get(scene.backend.get_untracked()) {
            client.adopt_first_pick(b);
        }
    }
    let picker = crate::core::connections::picker(&p);
    let mut hits = scene.hits.get_untracked();
    let mut delivered = None;
    let mut pods = Vec::new();
    for _ in 0..count {
        scene.requests.update(|k| *k += 1);
        // kube-proxy picks per connection; how requests map to connections is the client's
        // (a headless path's client dials an address itself: core::connections::picker)
        if let Some(d) = client.send_by(&picker, mode, &p.backends, sticky, alive) {
            let pod = d.pod.clone().unwrap_or_else(|| d.endpoint.clone());
            pods.push(pod.clone());
            // (a request a NetworkPolicy drops at the pod gets no answer: not a hit)
            let refused = p.backends.get(d.backend).is_some_and(|b| b.refused.is_some());
            match hits.iter_mut().find(|(name, _)| *name == pod) {
                _ if refused => {}
                Some(h) => h.1 += 1,
                None => hits.push((pod, 1)),
            }
            delivered = Some(d);
        }
    }
    scene.client.set(client);
    scene.hits.set(hits);
    if last {
        scene.backend.set(delivered.as_ref().map(|d| d.backend).filter(|&b| b < p.backends.len()).unwrap_or(0));
        scene.delivery.set(delivered);
    }
    Some(pods)
}

#[component]
pub fn Player() -> impl IntoView {
    let scene = expect_context::<Scene>();
    let ids = scene.ids;
    let path = scene.path;
    let hops = Memo::new(move |_| path.with(|p| p.as_ref().map(|p| p.hops.len()).unwrap_or(0)));
    // (key, type, namespace): the key is the name, or namespace/name where two namespaces use the
    // name (Report::service_key), so that each Service can be picked
    let services = Memo::new(move |_| scene.shown.with(|r| r.service_keys().into_iter().zip(r.services.iter()).map(|(k, s)| (k, crate::core::layout::type_words(s), s.namespace.clone())).collect::<Vec<_>>()));
    // a whole cluster has hundreds of Services: a filter by name or namespace, and a bounded list
    let filter = RwSignal::new(String::new());
    let many = Memo::new(move |_| services.with(|s| s.len() > FILTER_FROM));
    // the Service drawn: the selected name, or the first Service when that name is not in the
    // report (a preset's Service after a paste); the picker always shows this one as selected
    let current = Memo::new(move |_| {
        let idx = scene.service_index();
        services.with(|all| idx.and_then(|i| all.get(i)).map(|s| s.0.clone()).unwrap_or_default())
    });
    let shown_services = Memo::new(move |_| {
        let f = lower(filter.get().trim());
        let current = current.get();
        services.with(|all| {
            let mut out: Vec<(String, String)> = Vec::new();
            let mut hidden = 0usize;
            // Services of several namespaces: each option names its namespace, "shop/orders
            // (NodePort)" (uifix11: learner11's q/48 dump read "orders (NodePort)")
            let several = all.first().is_some_and(|(_, _, first)| all.iter().any(|(_, _, ns)| ns != first));
            for (n, t, ns) in all {
                let keep = *n == current || matches_filter(n, ns, &f);
                if keep && (out.len() < MAX_OPTIONS || *n == current) {
                    out.push((n.clone(), option_label(n, t, ns, several)));
                } else if keep {
                    hidden += 1;
                }
            }
            (out, hidden)
        })
    });
    // the entries of the selected Service's paths, and for the in-cluster one a choice of the
    // client pod's node (`pod` is the node it runs on now, `pod@node-2` moves it there:
    // WhatIf::client_node, so internalTrafficPolicy: Local and topology can be tried from each)
    let entry_options = Memo::new(move |_| {
        let idx = scene.service_index();
        let port = scene.port.get();
        scene.shown.with(|r| {
            let mut out: Vec<(String, String)> = Vec::new();
            let Some(s) = idx.and_then(|i| r.services.get(i)) else { return out };
            for p in s.paths.iter().filter(|p| port.is_none() || p.port == port || p.port.is_none()) {
                let k = entry_key(p);
                if out.iter().any(|(x, _)| *x == k) {
                    continue;
                }
                let client = &r.cluster.client_pod;
                let on = client.node.clone().unwrap_or_default();
                // the user's own pod: its namespace too when not default ("frontend/client")
                let yours = if client.namespace == crate::core::paths::CLIENT_NAMESPACE { client.name.clone() } else { format!("{}/{}", client.namespace, client.name) };
                if k != "pod" || s.rejected || r.nodes.len() < 2 {
                    let label = if k == "pod" && client.line > 0 { format!("Your pod {yours}, on {on}") } else { entry_label(&k) };
                    out.push((k.clone(), label));
                } else {
                    // the first nodes (a whole cluster has hundreds), and always the client's
                    for n in r.nodes.iter().enumerate().filter(|(i, n)| *i < MAX_CLIENT_NODES || n.name == on).map(|(_, n)| &n.name) {
                        let label = match (n == &on, client.line > 0) {
                            (true, true) => format!("Your pod {yours}, on {n}"),
                            _ => format!("A pod inside the cluster, on {n}"),
                        };
                        out.push((if *n == on { "pod".to_string() } else { format!("pod@{n}") }, label));
                    }
                }
                if k == "pod" && !s.rejected {
                    out.extend(client_pod_options(r, s));
                }
            }
            out
        })
    });
    let entries = Memo::new(move |_| entry_options.with(|o| o.iter().map(|(k, _)| k.clone()).collect::<Vec<String>>()));
    let ports = Memo::new(move |_| {
        let idx = scene.service_index();
        scene.shown.with(|r| idx.and_then(|i| r.services.get(i)).map(|s| s.ports.iter().enumerate().map(|(i, p)| {
            // shared: another port has this number; first: the first of them (what a bare number picks)
            let shared = s.port_number_shared(p.port);
            let first = s.ports.iter().position(|q| q.port == p.port) == Some(i);
            (p.port, p.name.clone(), p.protocol.clone(), shared, first)
        }).collect::<Vec<_>>()).unwrap_or_default())
    });
    // keep the entry valid when the Service or the entry changes (a preset asks for "nodeport",
    // which names no single entry; after a reload the text may not change at all, so the
    // entries do not either: issue #10)
    Effect::new(move |_| {
        let e = entries.get();
        let cur = scene.entry.get();
        // the analysis may still be of the previous text (a preset or tour step just loaded):
        // its entries say nothing about the new scene's, so wait for it
        scene.source.track();
        let lagging = || scene.source.with_untracked(|s| scene.text.with_untracked(|t| s != t));
        if !e.is_empty() && !e.contains(&cur) && !lagging() {
            let fallback = e.iter().find(|k| k.starts_with(cur.split('@').next().unwrap_or(""))).cloned().unwrap_or_else(|| e[0].clone());
            scene.entry.set(fallback);
        }
    });
    // the player: one hop per tick while playing
    let handle = StoredValue::new(None::<IntervalHandle>);
    Effect::new(move |_| {
        let playing = scene.playing.get();
        let ms = scene.hop_ms.get();
        if let Some(h) = handle.get_value() {
            h.clear();
            handle.set_value(None);
        }
        if playing {
            let h = set_interval_with_handle(
                move || {
                    let n = hops.get_untracked();
                    let s = scene.step.get_untracked();
                    if s >= n {
                        scene.playing.set(false);
                    } else {
                        scene.step.set(s + 1);
                    }
                },
                Duration::from_millis(ms as u64),
            )
            .ok();
            handle.set_value(h);
        }
    });
    let rps = RwSignal::new(20u32);
    let send = move |count: u32| {
        let Some(pods) = pick(scene, count, true) else { return };
        scene.step.set(0);
        if scene.reduce_motion.get_untracked() {
            // no packet flies: show where the request landed, not its first hop (learner7: a
            // packet was left at cluster DNS labelled "conn #1", a lookup a reused connection
            // never makes)
            scene.step.set(hops.get_untracked().max(1));
        } else {
            // one packet in flight per request (ui::flight); each counter ticks on arrival
            scene.launch.set(pods);
            scene.playing.set(true);
        }
    };
    view! {
        <div class="player" role="group" aria-label="Traffic">
            <Show when=move || many.get()>
                <label>"Find "
                    <input type="search" id=ids.id("service-filter") placeholder="Service name or namespace" autocomplete="off"
                        prop:value=move || filter.get() on:input=move |ev| {
                            let f = event_target_value(&ev);
                            // the selection follows the filter: a Service it hides gives way to the
                            // first one it shows (what the list then shows as selected)
                            let needle = lower(f.trim());
                            let first = services.with_untracked(|all| {
                                let cur = current.get_untracked();
                                let hidden = all.iter().any(|(n, _, ns)| *n == cur && !matches_filter(n, ns, &needle));
                                hidden.then(|| all.iter().find(|(n, _, ns)| matches_filter(n, ns, &needle)).map(|s| s.0.clone())).flatten()
                            });
                            filter.set(f);
                            if let Some(n) = first {
                                scene.service.set(n);
                                scene.port.set(None);
                                scene.backend.set(0);
                                scene.reset_animation();
                            }
                        } />
                </label>
            </Show>
            <label>"Service "
                <select id=ids.id("service") on:change=move |ev| { scene.service.set(event_target_value(&ev)); scene.port.set(None); scene.backend.set(0); scene.reset_animation(); }>
                    // one option per place, following the Service there (a rename sets texts);
                    // each option's texts follow a signal of its own, set only when its Service
                    // changed (ui::keyed::follow_list): 200 options each following the whole
                    // list re-ran all of their 800 closures on each keystroke of a whole cluster,
                    // each one leaving and joining the list's 800 subscribers (issue #12)
                    {super::keyed::follow_list(
                        move || {
                            let current = current.get();
                            shown_services.with(|s| s.0.iter().enumerate().map(|(i, (n, t))| (i as u64, (n.clone(), t.clone(), *n == current))).collect())
                        },
                        move |row: ArcRwSignal<(String, String, bool)>| {
                            let (r1, r2, r3) = (row.clone(), row.clone(), row);
                            let name = move || r1.with(|r| r.0.clone());
                            let sel = move || r2.with(|r| r.2);
                            let label = move || r3.with(|r| r.1.clone());
                            view! { <option value=name selected=sel.clone() prop:selected=sel>{label}</option> }.into_any()
                        },
                    )}
                </select>
                {move || (shown_services.with(|s| s.1) > 0).then(|| view! { <span class="hint" id=ids.id("service-more")>{format!(" {} more: narrow the filter", shown_services.with(|s| s.1))}</span> })}
            </label>
            <label>"From "
                <select id=ids.id("entry") on:change=move |ev| {
                    let v = event_target_value(&ev);
                    match (v.strip_prefix("pod@"), v.strip_prefix("pod~")) {
                        // a pod on another node: the client moves there (a what-if beside the YAML)
                        (Some(n), _) => {
                            let n = n.to_string();
                            scene.whatif.update(|w| w.client_node = Some(n));
                            scene.entry.set("pod".into());
                        }
                        // the user's own pod named client of that namespace sends, from its own
                        // node ("": back to the default client)
                        // (`pod~<namespace>/<name>`: any pod of the input, fidfix20)
                        (_, Some(v)) => {
                            let (ns, name) = match v.split_once('/') {
                                Some((ns, name)) => (ns, Some(name.to_string())),
                                None => (v, None),
                            };
                            let ns = (!ns.is_empty() && ns != crate::core::paths::CLIENT_NAMESPACE).then(|| ns.to_string());
                            scene.whatif.update(|w| {
                                w.client_namespace = ns;
                                w.client_pod = name;
                                w.client_node = None;
                            });
                            scene.entry.set("pod".into());
                        }
                        _ => scene.entry.set(v),
                    }
                    scene.backend.set(0);
                    scene.reset_animation();
                }>
                    {move || entry_options.get().into_iter().map(|(k, label)| {
                        // the option shown is the entry of the path that plays
                        let k2 = k.clone();
                        let sel = move || path.with(|p| p.as_ref().map(entry_key)) == Some(k2.clone());
                        view! { <option value=k.clone() selected=sel.clone() prop:selected=sel>{label}</option> }
                    }).collect_view()}
                </select>
            </label>
            <Show when=move || ports.with(|p| p.len() > 1)>
                <label>"Port "
                    // value `53` or, where two ports share the number, `53/UDP`
                    <select id=ids.id("port") on:change=move |ev| {
                        let v = event_target_value(&ev);
                        let (n, proto) = match v.split_once('/') { Some((n, p)) => (n.to_string(), Some(p.to_string())), None => (v, None) };
                        scene.port.set(n.parse().ok());
                        scene.protocol.set(proto);
                        scene.reset_animation();
                    }>
                        {move || ports.get().into_iter().map(|(n, name, proto, shared, first)| {
                            let value = if shared { format!("{n}/{proto}") } else { n.to_string() };
                            let sel_proto = proto.clone();
                            let sel = move || scene.port.get() == Some(n) && (!shared || scene.protocol.with(|p| p.as_deref().map_or(first, |p| p == sel_proto)));
                            let label = format!("{n}{}{}", if shared { format!("/{proto}") } else { String::new() }, name.map(|x| format!(" ({x})")).unwrap_or_default());
                            view! { <option value=value selected=sel.clone() prop:selected=sel>{label}</option> }
                        }).collect_view()}
                    </select>
                </label>
            </Show>
            <div class="buttons">
                <button type="button" class="btn" id=ids.id("reset") title="Back to the start" on:click=move |_| scene.reset_animation()>"↺"<span class="sr">" Restart"</span></button>
                <button type="button" class="btn" id=ids.id("step-back") title="One hop back"
                    on:click=move |_| { scene.playing.set(false); scene.step.update(|s| *s = s.saturating_sub(1)); }>"◀"<span class="sr">" Step back"</span></button>
                <button type="button" class="btn primary" id=ids.id("play")
                    on:click=move |_| {
                        if scene.playing.get_untracked() { scene.playing.set(false) } else {
                            if scene.step.get_untracked() >= hops.get_untracked() { scene.step.set(0); }
                            scene.playing.set(true);
                        }
                    }>
                    {move || if scene.playing.get() { "❚❚ Pause" } else { "▶ Play" }}
                </button>
                <button type="button" class="btn" id=ids.id("step") title="One hop forward"
                    on:click=move |_| scene.step_forward()>"▶|"<span class="sr">" Step"</span></button>
                <button type="button" class="btn" id=ids.id("send-one") on:click=move |_| send(1)>"Send a request"</button>
                <button type="button" class="btn" id=ids.id("send-burst") on:click=move |_| send(12)>"Send 12"</button>
                // the load mode: requests leave at this rate until stopped (ui::flight)
                <span class="load-ctl" role="group" aria-label="Continuous load">
                    <label>"Load "
                        <input id=ids.id("load-rps") type="number" min="1" max=MAX_RPS.to_string() prop:value=move || rps.get().to_string()
                            on:change=move |ev| {
                                if let Ok(n) = event_target_value(&ev).trim().parse::<u32>() {
                                    rps.set(n.clamp(1, MAX_RPS));
                                    if scene.load.get_untracked().is_some() { scene.load.set(Some(rps.get_untracked())); }
                                }
                            } />
                        " req/s"
                    </label>
                    <button type="button" class="btn" id=ids.id("load") aria-pressed=move || if scene.load.get().is_some() { "true" } else { "false" }
                        on:click=move |_| scene.load.update(|l| *l = if l.is_some() { None } else { Some(rps.get_untracked()) })>
                        {move || if scene.load.get().is_some() { "■ Stop load" } else { "▶ Start load" }}
                    </button>
                </span>
                <label>"Speed "
                    <select id=ids.id("speed") on:change=move |ev| scene.hop_ms.set(event_target_value(&ev).parse().unwrap_or(1100))>
                        <option value="2200">"slow"</option>
                        <option value="1100" selected>"normal"</option>
                        <option value="500">"fast"</option>
                    </select>
                </label>
            </div>
        </div>
    }
}

#[component]
pub fn Caption() -> impl IntoView {
    let scene = expect_context::<Scene>();
    let ids = scene.ids;
    let path = scene.path;
    // the caption is built again only when its shape changes (a path or none, which parts, how
    // many hops); its texts and attributes follow the path, so a keystroke that renames the
    // Service sets texts (issue #12)
    let shape = move || {
        let step = scene.step.get();
        let conn = scene.delivery.with(|d| d.is_some());
        path.with(|p| {
            let shape = p.as_ref().map(|p| (p.hops.len(), step.min(p.hops.len()) > 0, conn));
            vec![(super::keyed::key_of(&shape), shape)]
        })
    };
    let build = move |shape: Option<(usize, bool, bool)>| {
        let Some((hops, body, conn)) = shape else {
            // a Service refused at a wrong apiVersion is named, not "no Service" (learner10 W2)
            return view! { <p data-kind="no-service">{move || scene.analysis.with(|r| crate::core::checklist::refused_service_caption(r)).unwrap_or_else(|| "No Service in the manifests yet: paste one, or choose a preset.".to_string())}</p> }.into_any();
        };
        let step = move || scene.step.get().min(hops);
        let on = move |f: fn(&crate::core::paths::Path, usize) -> String| move || path.with(|p| p.as_ref().map(|p| f(p, step())).unwrap_or_default());
        let hop = move |i: usize| on_hop(path, i);
        view! {
            <p class="caption-head"><strong>{on(|p, step| if step == 0 {
                format!("{}. Press Play or Step to follow the request.", crate::core::report::count(p.hops.len(), "hop", "hops"))
            } else {
                format!("Step {step} of {}", p.hops.len())
            })}</strong></p>
            {body.then(|| view! {
                <p class="caption-addr"><code>{on(|p, step| p.hops.get(step.max(1) - 1).map(|h| h.addresses_labelled()).unwrap_or_default())}</code></p>
                // (uifix19: `code` in the words as <code>, ui::words)
                <p class="caption-text">{super::words::words_of(on(|p, step| p.hops.get(step.max(1) - 1).map(|h| match crate::core::layout::step_note(h) {
                    // the ping catch after "Nothing listens on that address" (learner8 U Q13)
                    Some(n) => format!("{}. {n}", h.explanation.trim_end_matches('.')),
                    None => h.explanation.clone(),
                }).unwrap_or_default()))}</p>
            })}
            {conn.then(|| view! {
                <p class="caption-conn" data-kind="connection" data-conn=move || scene.delivery.with(|d| d.as_ref().map(|d| d.conn.to_string()).unwrap_or_default())>
                    {move || scene.delivery.with(|d| d.as_ref().map(|d| d.why.clone()).unwrap_or_default())}
                </p>
            })}
            // one class attribute, `final` in it (learner9 m360-itp-light-caption.png: a dropped
            // outcome stayed grey at step 3 of 3 — `class=` set again on a step dropped the
            // separate `class:final`, so its colour followed which of the two ran last)
            <p class=move || path.with(|p| p.as_ref().map(|p| outcome_class(p.outcome.as_str(), step() == hops)).unwrap_or_default()) data-outcome=on(|p, _| p.outcome.as_str().to_string())>
                {on(|p, _| format!("Outcome: {} — {}", p.outcome, p.reason))}
            </p>
            // our hint on the error the outcome's reason quotes, as its own muted line, as the
            // problems list shows it (learnfix15)
            <p class="caption-note muted diag-hint" data-kind="reason-hint">{on(|p, _| p.hint.as_ref().map(|h| format!("hint: {h}")).unwrap_or_default())}</p>
            // an ExternalName's Host/SNI catch (learner7 M 8b), under its outcome
            <p class="caption-note muted" data-kind="host-note">{on(|p, _| crate::core::layout::external_name_host_note(p).unwrap_or_default())}</p>
            // port-forward from outside a ClusterIP; a Service is L4 behind a load balancer
            // (the path's note, core::paths::entry_note; learner8 M)
            <p class="caption-note muted" data-kind="entry-note">{super::words::words_of(move || path.with(|p| p.as_ref().and_then(|p| p.note.clone()).unwrap_or_default()))}</p>
            // the diagram's text alternative: the whole path as steps, for screen readers
            <ol class="sr-path" aria-label="The request's path, step by step">
                {(0..hops).map(|i| view! { <li>{super::words::words_of(hop(i))}</li> }).collect_view()}
                <li>{on(|p, _| format!("Outcome: {}: {}{}", p.outcome, p.reason, crate::core::layout::external_name_host_note(p).map(|n| format!(" {n}")).unwrap_or_default()))}</li>
            </ol>
        }
        .into_any()
    };
    view! {
        <div class="caption" id=ids.id("caption") aria-live="polite">
            {super::keyed::keyed_list(shape, build)}
        </div>
    }
}

/// The caption's outcome line's classes: its outcome, and `final` once the last hop is shown
/// (the outcome's colour: style.css `.caption-outcome.final.outcome-*`).
pub fn outcome_class(outcome: &str, last_step: bool) -> String {
    format!("caption-outcome outcome-{outcome}{}", if last_step { " final" } else { "" })
}

/// Hop `i` of the path as the caption's step list says it.
fn on_hop(path: Memo<Option<crate::core::paths::Path>>, i: usize) -> impl Fn() -> String + Send + Sync + 'static {
    move || {
        path.with(|p| {
            p.as_ref()
                .and_then(|p| p.hops.get(i))
                .map(|h| format!("{}. {}", h.addresses(" → ", ", rewritten to "), h.explanation))
                .unwrap_or_default()
        })
    }
}

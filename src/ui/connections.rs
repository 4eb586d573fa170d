//! How the client uses connections (new per request, HTTP/1.1 keep-alive with N, gRPC/HTTP/2 on
//! one), the connections it has open and where each goes. "Send a request" / "Send 12" use this
//! mode; the rules are in `crate::core::connections`.

use leptos::prelude::*;

use super::Scene;
use crate::core::connections::{endpoint_column, mode_for_app_protocol, mode_line, picker, ClientMode, Picker, LONG_LIVED_REMEDY};

#[component]
pub fn Connections() -> impl IntoView {
    let scene = expect_context::<Scene>();
    let ids = scene.ids;
    // why the mode was chosen for the learner (a port's appProtocol), until they choose one
    let chosen_for: RwSignal<Option<String>> = RwSignal::new(None);
    // a new Service, entry point or port: a new client with no connections
    Effect::new(move |_| {
        let _ = (scene.service.get(), scene.entry.get(), scene.port.get());
        scene.client.set(Default::default());
        scene.delivery.set(None);
    });
    // a port marked HTTP/2 (appProtocol kubernetes.io/h2c, grpc, http2) starts the client in
    // the long-lived mode, and leaving it returns to per-request unless the learner chose
    // (core::connections::mode_for_app_protocol; learner7 6a)
    let app_protocol = Memo::new(move |_| {
        let (port, i) = (scene.port.get(), scene.service_index()?);
        scene.shown.with(|r| {
            let s = r.services.get(i)?;
            let p = port.and_then(|n| s.ports.iter().find(|p| p.port == n)).or(s.ports.first())?;
            p.app_protocol.clone()
        })
    });
    Effect::new(move |_| match mode_for_app_protocol(app_protocol.get().as_deref()) {
        Some((m, why)) => {
            scene.client_mode.set(m.key());
            chosen_for.set(Some(why));
            scene.client.set(Default::default());
            scene.delivery.set(None);
        }
        None if untrack(|| chosen_for.get().is_some()) => {
            scene.client_mode.set(ClientMode::PerRequest.key());
            chosen_for.set(None);
            scene.client.set(Default::default());
            scene.delivery.set(None);
        }
        None => {}
    });
    let mode = Memo::new(move |_| ClientMode::parse(&scene.client_mode.get()));
    // the selected port is UDP: no connections, conntrack flows (learner9 U Q15)
    let udp = Memo::new(move |_| {
        let (port, i) = (scene.port.get(), scene.service_index());
        let proto = scene.protocol.get();
        scene.shown.with(|r| {
            let Some(s) = i.and_then(|i| r.services.get(i)) else { return false };
            let p = port.and_then(|n| s.ports.iter().find(|p| p.port == n && proto.as_deref().is_none_or(|x| x == p.protocol))).or(s.ports.first());
            p.is_some_and(|p| p.protocol == "UDP")
        })
    });
    let keepalive_n = move || match mode.get() {
        ClientMode::KeepAlive(n) => n,
        _ => 2,
    };
    let set_mode = move |key: String| {
        chosen_for.set(None);
        scene.client_mode.set(key);
        scene.client.set(Default::default());
        scene.delivery.set(None);
        scene.hits.set(Vec::new());
    };
    let sticky = Memo::new(move |_| {
        scene.shown.with(|r| scene.service_index().and_then(|i| r.services.get(i)).filter(|s| s.session_affinity == "ClientIP").map(|s| s.session_affinity_timeout.unwrap_or(10800)))
    });
    // who picks a new connection's endpoint: kube-proxy, or (headless, ExternalName) the client
    let who_picks = Memo::new(move |_| scene.path.with(|p| p.as_ref().map(picker).unwrap_or_default()));
    view! {
        <details class="teach connections" id=ids.id("connections") open>
            <summary>"Connections, not requests"</summary>
            <Show when=move || udp.get()>
                <p class="muted" data-kind="udp-flows">{crate::core::connections::UDP_FLOWS}</p>
            </Show>
            <div class="conn-form" hidden=move || udp.get()>
                <label>"The client "
                    <select id=ids.id("client-mode") data-kind="client-mode" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        set_mode(if v == "keepalive" { ClientMode::KeepAlive(keepalive_n()).key() } else { v });
                    }>
                        <option value="new" selected=move || mode.get() == ClientMode::PerRequest>"opens a new connection per request"</option>
                        <option value="keepalive" selected=move || matches!(mode.get(), ClientMode::KeepAlive(_))>"HTTP/1.1 keep-alive: reuses N connections"</option>
                        <option value="grpc" selected=move || mode.get() == ClientMode::Multiplexed>"gRPC / HTTP/2: one long-lived connection"</option>
                    </select>
                </label>
                <Show when=move || matches!(mode.get(), ClientMode::KeepAlive(_))>
                    <label>" N "
                        <input id=ids.id("keepalive-n") type="number" min="1" max="16" prop:value=move || keepalive_n().to_string()
                            on:change=move |ev| {
                                let n = event_target_value(&ev).parse::<u32>().unwrap_or(2);
                                set_mode(ClientMode::KeepAlive(n).key());
                            } />
                    </label>
                </Show>
                <button type="button" class="btn" id=ids.id("close-connections")
                    on:click=move |_| { scene.client.set(Default::default()); scene.delivery.set(None); }>"Close connections"</button>
            </div>
            <p class="muted" data-kind="mode-line" hidden=move || udp.get()>
                {move || mode_line(&who_picks.get(), mode.get())}
                {move || sticky.get().filter(|_| who_picks.get() == Picker::KubeProxy).map(|t| format!(" This Service has sessionAffinity: ClientIP: every new connection from this client goes to the pod it used before (for {t} s)."))}
            </p>
            <Show when=move || mode.get() == ClientMode::Multiplexed>
                {move || chosen_for.get().map(|why| view! { <p class="muted" data-kind="mode-why">{format!("Started in this mode: {why}")}</p> })}
                <p class="muted" data-kind="long-lived-remedy">{LONG_LIVED_REMEDY}</p>
            </Show>
            {move || {
                let c = scene.client.get();
                // a UDP port's rows are conntrack flows (learner9 U Q15, learnfix10 item 6)
                let noun = crate::core::connections::conn_noun(c.udp);
                let sent = if c.udp { ("datagram", "datagrams") } else { ("request", "requests") };
                (!c.conns.is_empty()).then(|| view! {
                    <table class="conn-table">
                        <thead><tr><th scope="col">{noun}</th><th scope="col">{endpoint_column(&who_picks.get())}</th><th scope="col">{sent.1}</th></tr></thead>
                        <tbody>
                            {c.conns.iter().map(|k| view! {
                                <tr data-kind="connection-row" data-conn=k.id.to_string() data-pod=k.pod.clone().unwrap_or_default()>
                                    <td>{if c.udp { format!("{noun} #{}", k.id) } else { format!("#{}", k.id) }}</td>
                                    <td>{format!("{} ({})", k.pod.clone().unwrap_or_default(), k.endpoint)}</td>
                                    <td>{k.requests.to_string()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <p class="muted" data-kind="conn-count">{format!("{} on {} opened so far.", crate::core::report::count(c.sent as usize, sent.0, sent.1), crate::core::report::count(c.opened as usize, noun, if c.udp { "flows" } else { "connections" }))}</p>
                })
            }}
        </details>
    }
}

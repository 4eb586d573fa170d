//! DNS lookups as a pod makes them: pick the asking pod, type a name, see each query its
//! resolver sends (search path, ndots:5) and what cluster DNS answers. The rules live in
//! `crate::core::dnsquery`.

use leptos::prelude::*;

use super::Scene;
use crate::core::dnsquery::lookup;

/// Most asking pods in the list.
const ASKERS: usize = 200;

#[component]
pub fn DnsLookup() -> impl IntoView {
    let scene = expect_context::<Scene>();
    let ids = scene.ids;
    let name = RwSignal::new(String::new());
    // `namespace/name` of the asking pod; the cluster's client pod by default
    let asker = RwSignal::new(String::from("default/client"));
    // a whole cluster has thousands of pods: the list holds the client, the selected Service's
    // namespace's pods first, at most ASKERS of them (and the asking pod); what a lookup answers
    // depends on the asker's namespace only (its search path), so every namespace can be asked from
    let pods = Memo::new(move |_| {
        let who = asker.get();
        // a big text's once its diagram is painted (Scene::panel)
        scene.panel(|| {
            let idx = scene.service_index();
            scene.shown.with(|r| {
                let mut v = vec![format!("{}/{}", r.cluster.client_pod.namespace, r.cluster.client_pod.name)];
                let ns = idx.and_then(|i| r.services.get(i)).map(|s| s.namespace.as_str());
                // (a pod with no address runs nothing that could ask: Pending, not started)
                let first = r.pods.iter().filter(|p| p.ip.is_some() && Some(p.namespace.as_str()) == ns);
                let rest = r.pods.iter().filter(|p| p.ip.is_some() && Some(p.namespace.as_str()) != ns);
                // one pod of each other namespace before the rest
                let mut seen = std::collections::HashSet::new();
                let one_each: Vec<_> = rest.clone().filter(|p| seen.insert(p.namespace.as_str())).collect();
                let mut listed: std::collections::HashSet<String> = v.iter().cloned().collect();
                for p in first.chain(one_each.iter().copied()).chain(rest) {
                    if v.len() > ASKERS {
                        break;
                    }
                    let key = format!("{}/{}", p.namespace, p.name);
                    if listed.insert(key.clone()) {
                        v.push(key);
                    }
                }
                if !v.contains(&who) && r.pods.iter().any(|p| format!("{}/{}", p.namespace, p.name) == who) {
                    v.push(who);
                }
                v
            })
        })
    });
    let result = Memo::new(move |_| {
        let n = name.get();
        if n.trim().is_empty() {
            return None;
        }
        let who = asker.get();
        let (ns, pod) = who.split_once('/').unwrap_or(("default", "client"));
        Some(scene.panel(|| scene.shown.with(|r| lookup(r, ns, pod, &n))))
    });
    // names worth trying for the selected Service: short, with namespace, absolute, SRV
    let suggestions = Memo::new(move |_| {
        scene.panel(|| {
            let idx = scene.service_index();
            scene.shown.with(|r| {
                let Some(s) = idx.and_then(|i| r.services.get(i)) else { return vec![] };
                let mut v = vec![s.name.clone(), format!("{}.{}", s.name, s.namespace), format!("{}.{}.svc.{}.", s.name, s.namespace, r.cluster.cluster_domain)];
                if let Some(p) = s.ports.iter().find(|p| p.name.is_some()) {
                    v.push(format!("_{}._{}.{}", p.name.clone().unwrap_or_default(), super::controls::lower(&p.protocol), s.name));
                }
                v
            })
        })
    });
    let resolv = Memo::new(move |_| {
        let who = asker.get();
        let (ns, pod) = who.split_once('/').unwrap_or(("default", "client"));
        scene.panel(|| scene.shown.with(|r| crate::core::dnsquery::resolv_conf(r, ns, pod)))
    });
    view! {
        <details class="teach dns-lookup" id=ids.id("dns-lookup") open>
            <summary>"DNS lookup from a pod"</summary>
            <div class="dns-form">
                <label>"As pod "
                    <select id=ids.id("dns-pod") data-kind="dns-pod" on:change=move |ev| asker.set(event_target_value(&ev))>
                        {move || pods.get().into_iter().map(|p| {
                            let sel = p == asker.get_untracked();
                            view! { <option value=p.clone() selected=sel>{p.clone()}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label>" look up "
                    <input id=ids.id("dns-query") data-kind="dns-query" type="text" spellcheck="false" autocomplete="off"
                        placeholder="web, web.default, _http._tcp.web, 10.96.0.10"
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev)) />
                </label>
            </div>
            <p class="dns-try">"Try: "
                // one chip per place, its name following the Service (a rename sets texts)
                {super::keyed::keyed_list(
                    move || suggestions.with(|v| (0..v.len()).map(|i| (i as u64, i)).collect()),
                    move |i: usize| {
                        let at = move || suggestions.with(|v| v.get(i).cloned().unwrap_or_default());
                        view! { <button type="button" class="btn chip" data-kind="dns-suggestion" on:click=move |_| name.set(suggestions.with_untracked(|v| v.get(i).cloned().unwrap_or_default()))>{at}</button>" " }.into_any()
                    },
                )}
            </p>
            <pre class="resolv-conf" aria-label="The pod's /etc/resolv.conf">{move || resolv.get()}</pre>
            {move || result.get().map(|l| view! {
                <ol class="dns-answers" aria-label="Queries in the order the resolver sends them">
                    {l.tries.iter().map(|t| {
                        let answers = t.answers.iter().map(|a| format!("{} {}", a.kind, a.answer)).collect::<Vec<_>>().join(", ");
                        view! {
                            <li data-kind="dns-answer" data-rcode=t.rcode.clone() data-query=t.query.clone()>
                                <code>{format!("{} {}", t.query, t.qtype)}</code>" → "
                                <strong class=format!("rcode rcode-{}", t.rcode.to_ascii_lowercase())>{t.rcode.clone()}</strong>
                                {(!answers.is_empty()).then(|| view! { " "<code class="dns-rr">{answers}</code> })}
                                <span class="dns-note">{t.note.clone()}</span>
                            </li>
                        }
                    }).collect_view()}
                </ol>
                <p class="dns-summary" data-kind="dns-summary">{l.summary.clone()}</p>
            })}
        </details>
    }
}

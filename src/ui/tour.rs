//! The guided tour: one step per tutorial section and broken scene (`crate::core::tour`). A
//! step loads its scene, points at one drawn thing and asks for one what-if. Each step is a
//! link (`#tour=N`, `data-kind="tour-step"`); embedded, `?embed&tour=N` shows that step's card.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::ids::Ids;
use super::Scene;
use crate::core::presets;
use crate::core::tour::{step, STEPS};

/// Load step `n`: its preset, Service and entry point.
pub fn load_step(scene: Scene, n: usize) {
    let Some(st) = step(n) else { return };
    if let Some(p) = presets::find(st.preset) {
        scene.load_preset(p);
    }
    scene.service.set(st.service.to_string());
    scene.entry.set(st.entry.to_string());
    scene.tour.set(Some(n));
}

/// Mark the drawn thing the step points at (`data-kind:data-name`) with `.tour-point`, in this
/// instance's diagram (mountfix: the marks of every mount on the page were cleared, the first
/// mount's diagram marked).
fn point_at(ids: Ids, target: Option<&'static str>) {
    let Some(diagram) = ids.get("diagram") else { return };
    if let Ok(old) = diagram.query_selector_all(".tour-point") {
        for i in 0..old.length() {
            if let Some(e) = old.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
                let _ = e.class_list().remove_1("tour-point");
            }
        }
    }
    let Some((kind, name)) = target.and_then(|t| t.split_once(':')) else { return };
    let sel = format!("[data-kind='{kind}'][data-name='{name}']");
    if let Ok(Some(e)) = diagram.query_selector(&sel) {
        let _ = e.class_list().add_1("tour-point");
    }
}

/// Scroll the diagram's pointed box into view (learn17 Q19: on a phone the step's card and the
/// box it points at were 500 to 900 px apart, and nothing led the eye down to it), and move the
/// focus to it (uicheck21: from the keyboard the focus stayed on "Show me", now out of view, and
/// the next Tab scrolled back up to the card's "◀ Previous"). A box that is no Tab stop (the DNS
/// box, kube-proxy) takes the focus by `tabindex="-1"`, which keeps it out of the Tab order.
/// The box lands [`room_above`] below the viewport's top, not flush against it (uicheck21 item
/// 8: at 360 px it sat 1.5 px from the top, the line coming into it out of view).
fn show_point(ids: Ids) {
    let Some(diagram) = ids.get("diagram") else { return };
    if let Ok(Some(e)) = diagram.query_selector(".tour-point") {
        e.scroll_into_view();
        if !e.has_attribute("tabindex") {
            let _ = e.set_attribute("tabindex", "-1");
        }
        let top = e.get_bounding_client_rect().top();
        if let Ok(g) = e.dyn_into::<web_sys::SvgElement>() {
            let _ = g.focus();
        }
        if let Some(w) = web_sys::window() {
            let room = room_above(w.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(800.0));
            if top < room {
                w.scroll_by_with_x_and_y(0.0, top - room);
            }
        }
    }
}

/// The card's Previous / Next link, clicked or Enter-ed: load step `m` and write `#tour=m`
/// ourselves (learn18 Q16). Left to the link, a user's click (mouse or Enter) ran this handler,
/// the card re-rendered with the next step's links in the microtask checkpoint that follows a
/// user-initiated listener, and only then did the browser follow the href — the new one: the
/// address said `#tour=3` under "Tour 2/17" (and `#tour=2` under 3/17 after Previous), so a
/// reload or a copied address opened another step. A modified click (new tab or window) is the
/// browser's. On the last step, which has no Next, the focus goes to Previous instead of
/// falling to the page's body.
fn follow(ev: web_sys::MouseEvent, scene: Scene, m: usize) {
    if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() || ev.button() != 0 {
        return;
    }
    ev.prevent_default();
    load_step(scene, m);
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(&format!("tour={m}"));
    }
    if m == STEPS.len() {
        let ids = scene.ids;
        set_timeout(
            move || {
                if let Some(e) = ids.get("tour-prev").and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                    let _ = e.focus();
                }
            },
            std::time::Duration::from_millis(0),
        );
    }
}

/// How far below the viewport's top "Show me ↓" puts the pointed box: a fifth of the viewport,
/// 48 to 120 px (the line or box above it stays in view on a phone as on a desktop).
pub fn room_above(viewport_height: f64) -> f64 {
    crate::core::layout::clamp_f64(viewport_height / 5.0, 48.0, 120.0)
}

#[component]
pub fn Tour(embed: bool) -> impl IntoView {
    let scene = expect_context::<Scene>();
    let ids = scene.ids;
    // point again whenever the step or the drawing changes (after the diagram has rendered)
    Effect::new(move |_| {
        let target = scene.tour.get().and_then(step).map(|s| s.point);
        scene.shown.track();
        scene.service.track();
        set_timeout(move || point_at(ids, target), std::time::Duration::from_millis(0));
    });
    let card = move || {
        scene.tour.get().and_then(|n| step(n).map(|s| (n, s))).map(|(n, s)| {
            view! {
                <div class="tour-card" data-kind="tour-card" data-step=n.to_string()>
                    <p class="tour-head"><strong>{format!("Tour {n}/{}: {}", STEPS.len(), s.title)}</strong></p>
                    <p>{super::words::words(s.text)}</p>
                    // an embed has no scene bar, DNS lookup, rules or Why panel: its own words
                    // (learner10 W3)
                    <p class="tour-try"><strong>"Try it: "</strong>{super::words::words(if embed { s.embed_try } else { s.try_it })}</p>
                    // embedded: Previous / Next as buttons (the frame's address stays the host's link)
                    {embed.then(|| view! {
                        <p class="tour-nav">
                            {(n > 1).then(|| view! { <button type="button" class="btn" id=ids.id("tour-prev") on:click=move |_| load_step(scene, n - 1)>"◀ Previous"</button> })}
                            {(n < STEPS.len()).then(|| view! { <button type="button" class="btn primary" id=ids.id("tour-next") on:click=move |_| load_step(scene, n + 1)>"Next ▶"</button> })}
                        </p>
                    })}
                    {(!embed).then(|| view! {
                        <p class="tour-nav">
                            <button type="button" class="btn" data-kind="tour-show" on:click=move |_| show_point(ids)>"Show me ↓"</button>
                            {(n > 1).then(|| view! { <a class="btn" id=ids.id("tour-prev") href=format!("#tour={}", n - 1) on:click=move |ev| follow(ev, scene, n - 1)>"◀ Previous"</a> })}
                            {(n < STEPS.len()).then(|| view! { <a class="btn primary" id=ids.id("tour-next") href=format!("#tour={}", n + 1) on:click=move |ev| follow(ev, scene, n + 1)>"Next ▶"</a> })}
                            <button type="button" class="btn" id=ids.id("tour-close") on:click=move |_| scene.tour.set(None)>"Close the tour"</button>
                        </p>
                    })}
                </div>
            }
        })
    };
    view! {
        {(!embed).then(|| view! {
            <details class="teach tour" id=ids.id("tour")>
                <summary>"Guided tour of the tutorial"</summary>
                <ol class="tour-steps">
                    {STEPS.iter().enumerate().map(|(i, s)| {
                        let n = i + 1;
                        view! {
                            <li>
                                <a data-kind="tour-step" data-step=n.to_string() href=format!("#tour={n}")
                                    class:current=move || scene.tour.get() == Some(n)
                                    aria-current=move || (scene.tour.get() == Some(n)).then_some("step")
                                    on:click=move |_| load_step(scene, n)>{s.title}</a>
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </details>
        })}
        {card}
    }
}

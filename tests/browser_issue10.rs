//! Issue #10's bugs, each with the test that catches it (browser side).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}
fn select(id: &str) -> web_sys::HtmlSelectElement {
    doc().get_element_by_id(id).unwrap().dyn_into().unwrap()
}
async fn choose(id: &str, value: &str) {
    let s = select(id);
    s.set_value(value);
    assert_eq!(s.value(), value, "#{id} has no option {value}");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    s.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
    leptos::task::tick().await;
}
fn hop_from(n: u32) -> Option<(String, String)> {
    let e = doc().query_selector(&format!("[data-kind='hop'][data-name='{n}']")).unwrap()?;
    let points = e.get_attribute("points")?;
    let first = points.split(' ').next()?;
    let (x, y) = first.split_once(',')?;
    Some((x.to_string(), y.to_string()))
}

/// After a reload (the draft restored, Scene "Choose a preset…"), picking NodePort again left
/// From = "A pod inside the cluster" while the outside → node-1 path played.
#[wasm_bindgen_test]
async fn nodeport_from_select_follows_the_path_after_a_reload() {
    let nodeport = switchboard::core::presets::find("web-nodeport").unwrap();
    storage().set_item("switchboard.v1.draft", nodeport.yaml).unwrap();
    let path = web_sys::window().unwrap().location().pathname().unwrap();
    web_sys::window().unwrap().history().unwrap().replace_state_with_url(&JsValue::NULL, "", Some(&path)).unwrap();
    let old = doc().query_selector_all(".sb-app").unwrap();
    for i in 0..old.length() {
        old.item(i).unwrap().dyn_into::<web_sys::Element>().unwrap().remove();
    }
    switchboard::ui::mount();
    leptos::task::tick().await;
    // the restored text, the default scene's entry: a pod inside
    assert_eq!(select("entry").value(), "pod");
    // the restored text is the NodePort scene's: Scene says so (it said "Choose a preset…")
    assert_eq!(select("preset").value(), "web-nodeport");
    choose("preset", "web-nodeport").await;
    leptos::task::tick().await;
    let shown = select("entry").value();
    assert_eq!(shown, "nodeport@node-1", "From shows {shown}");
    // and Scene names the loaded scene, not "Choose a preset…"
    assert_eq!(select("preset").value(), "web-nodeport");
    // and what plays starts outside: the first hop leaves the outside client
    let client = doc().query_selector("[data-kind='client'] rect").unwrap().unwrap();
    let (cx, cw) = (client.get_attribute("x").unwrap().parse::<f64>().unwrap(), client.get_attribute("width").unwrap().parse::<f64>().unwrap());
    let (x1, _) = hop_from(1).expect("a first hop");
    let x1: f64 = x1.parse().unwrap();
    assert!(x1 >= cx && x1 <= cx + cw, "first hop starts at x={x1}, not at the outside client");
    storage().remove_item("switchboard.v1.draft").unwrap();
}

fn rect_of(e: &web_sys::Element) -> web_sys::DomRect {
    e.get_bounding_client_rect()
}

/// Every drawn text lies inside its box's first `rect` (as rendered, with the real font), in
/// every preset; a shortened text carries its whole text in `data-full` and the details panel
/// shows a focused box's whole text.
#[wasm_bindgen_test]
async fn every_text_fits_its_box_in_every_preset() {
    storage().remove_item("switchboard.v1.draft").ok();
    // the page's stylesheet (font sizes decide widths)
    let style = doc().create_element("style").unwrap();
    style.set_text_content(Some(include_str!("../style/main.css")));
    doc().head().unwrap().append_child(&style).unwrap();
    let old = doc().query_selector_all(".sb-app").unwrap();
    for i in 0..old.length() {
        old.item(i).unwrap().dyn_into::<web_sys::Element>().unwrap().remove();
    }
    switchboard::ui::mount();
    leptos::task::tick().await;
    let mut checked = 0;
    for p in switchboard::core::presets::ALL {
        choose("preset", p.id).await;
        let groups = doc().query_selector_all("#diagram g[data-kind]").unwrap();
        for i in 0..groups.length() {
            let g: web_sys::Element = groups.item(i).unwrap().dyn_into().unwrap();
            let kind = g.get_attribute("data-kind").unwrap_or_default();
            if kind == "hits" || kind.starts_with("packet") {
                continue;
            }
            let Some(rect) = g.query_selector(":scope > rect").unwrap() else { continue };
            let b = rect_of(&rect);
            let texts = g.query_selector_all(":scope > text").unwrap();
            for k in 0..texts.length() {
                let t: web_sys::Element = texts.item(k).unwrap().dyn_into().unwrap();
                let tb = rect_of(&t);
                let s = t.text_content().unwrap_or_default();
                if s.is_empty() {
                    continue;
                }
                assert!(
                    tb.left() >= b.left() - 0.5 && tb.right() <= b.right() + 0.5 && tb.top() >= b.top() - 0.5 && tb.bottom() <= b.bottom() + 0.5,
                    "{}: {kind} {:?}: text {s:?} [{:.1}..{:.1}] x [{:.1}..{:.1}] leaves its box [{:.1}..{:.1}] x [{:.1}..{:.1}]",
                    p.id, g.get_attribute("data-name"), tb.left(), tb.right(), tb.top(), tb.bottom(), b.left(), b.right(), b.top(), b.bottom()
                );
                if s.contains('…') {
                    assert!(t.get_attribute("data-full").is_some(), "{}: {s:?} shortened without its whole text", p.id);
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 300, "{checked}");
    // focus a pod: the details panel has its whole text
    choose("preset", "web-clusterip").await;
    let pod = doc().query_selector("[data-kind='pod'][data-name^='web-']").unwrap().unwrap();
    let name = pod.get_attribute("data-name").unwrap();
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    pod.dispatch_event(&web_sys::Event::new_with_event_init_dict("focusin", &init).unwrap()).unwrap();
    leptos::task::tick().await;
    let details = doc().get_element_by_id("details").unwrap().text_content().unwrap();
    assert!(details.contains(&format!("Pod default/{name}")), "{details}");
}

/// "Send 12" puts several packets in flight at once (each `data-kind="packet"`), and the pods'
/// counters tick as their packets arrive, not all at once.
#[wasm_bindgen_test]
async fn send_12_flies_12_packets_and_counters_follow_arrivals() {
    fresh("web-clusterip").await;
    let b: web_sys::HtmlElement = doc().get_element_by_id("send-burst").unwrap().dyn_into().unwrap();
    b.click();
    leptos::task::tick().await;
    gloo_timers::future::TimeoutFuture::new(400).await;
    let flying = doc().query_selector_all(".flight [data-kind='packet']").unwrap().length();
    assert!(flying >= 2, "{flying} packets in flight");
    let total = || {
        let l = doc().query_selector_all("[data-kind='pod'] .hits text").unwrap();
        (0..l.length()).map(|i| l.item(i).unwrap().text_content().unwrap().parse::<u32>().unwrap()).sum::<u32>()
    };
    assert!(total() < 12, "every counter already ticked: {}", total());
    for _ in 0..200 {
        if doc().query_selector_all(".flight [data-kind='packet']").unwrap().length() == 0 {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(50).await;
    }
    leptos::task::tick().await;
    assert_eq!(total(), 12);
}

/// Zoom in, out and fit, by button and by keyboard (+ − 0 on the focused diagram).
#[wasm_bindgen_test]
async fn zoom_and_fit() {
    let old = doc().query_selector_all(".sb-app").unwrap();
    for i in 0..old.length() {
        old.item(i).unwrap().dyn_into::<web_sys::Element>().unwrap().remove();
    }
    switchboard::ui::mount();
    leptos::task::tick().await;
    let vb = || doc().get_element_by_id("diagram").unwrap().get_attribute("viewBox").unwrap();
    let w = |v: String| v.split(' ').nth(2).unwrap().parse::<f64>().unwrap();
    let full = w(vb());
    let b: web_sys::HtmlElement = doc().get_element_by_id("zoom-in").unwrap().dyn_into().unwrap();
    b.click();
    leptos::task::tick().await;
    assert!(w(vb()) < full * 0.9, "{} vs {full}", vb());
    let host = doc().query_selector(".diagram-host").unwrap().unwrap();
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("0");
    init.set_bubbles(true);
    host.dispatch_event(&web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap()).unwrap();
    leptos::task::tick().await;
    assert_eq!(w(vb()), full);
    init.set_key("+");
    host.dispatch_event(&web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap()).unwrap();
    leptos::task::tick().await;
    assert!(w(vb()) < full * 0.9);
    let f: web_sys::HtmlElement = doc().get_element_by_id("zoom-fit").unwrap().dyn_into().unwrap();
    f.click();
    leptos::task::tick().await;
    assert_eq!(w(vb()), full);
}

fn counters_sum() -> u32 {
    let l = doc().query_selector_all("[data-kind='pod'] .hits text").unwrap();
    (0..l.length()).map(|i| l.item(i).unwrap().text_content().unwrap().parse::<u32>().unwrap()).sum::<u32>()
}
fn flying() -> u32 {
    doc().query_selector_all(".flight [data-kind='packet']").unwrap().length()
}
fn now() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}
async fn set_rps(n: u32) {
    let i: web_sys::HtmlInputElement = doc().get_element_by_id("load-rps").unwrap().dyn_into().unwrap();
    i.set_value(&n.to_string());
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    i.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
    leptos::task::tick().await;
}
fn click(id: &str) {
    let b: web_sys::HtmlElement = doc().get_element_by_id(id).unwrap().dyn_into().unwrap();
    b.click();
}
async fn fresh(preset: &str) {
    storage().remove_item("switchboard.v1.draft").ok();
    let old = doc().query_selector_all(".sb-app").unwrap();
    for i in 0..old.length() {
        old.item(i).unwrap().dyn_into::<web_sys::Element>().unwrap().remove();
    }
    switchboard::ui::mount();
    leptos::task::tick().await;
    choose("preset", preset).await;
}

/// The load mode: at 20 requests a second packets leave continuously (several in flight at
/// once), the counters add up to what arrived (requests sent so far minus those in flight), the
/// share bars grow on several pods; Stop ends the arrivals once the last packets land.
#[wasm_bindgen_test]
async fn load_mode_at_20_rps_counts_arrivals_and_stops() {
    fresh("web-clusterip").await;
    let rm: web_sys::HtmlInputElement = doc().get_element_by_id("reduce-motion").unwrap().dyn_into().unwrap();
    assert!(!rm.checked());
    set_rps(20).await;
    let t0 = now();
    click("load");
    leptos::task::tick().await;
    assert_eq!(doc().get_element_by_id("load").unwrap().get_attribute("aria-pressed").as_deref(), Some("true"));
    let mut most_in_flight = 0;
    while now() - t0 < 3000.0 {
        gloo_timers::future::TimeoutFuture::new(100).await;
        most_in_flight = most_in_flight.max(flying());
    }
    assert!(most_in_flight >= 5, "at most {most_in_flight} packets in flight at once");
    click("load");
    leptos::task::tick().await;
    let elapsed = now() - t0;
    let sent = counters_sum() + flying();
    let expected = 20.0 * elapsed / 1000.0;
    assert!((sent as f64 - expected).abs() <= 3.0 + 0.15 * expected, "{sent} requests in {elapsed:.0} ms at 20/s");
    assert!(counters_sum() > 0, "no counter ticked in 3 s");
    // the packets in flight land, then nothing more arrives
    for _ in 0..100 {
        if flying() == 0 {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(50).await;
    }
    leptos::task::tick().await;
    assert_eq!(counters_sum(), sent, "arrivals after Stop: {} vs {sent} sent", counters_sum());
    gloo_timers::future::TimeoutFuture::new(600).await;
    assert_eq!((counters_sum(), flying()), (sent, 0));
    let bars = doc().query_selector_all("[data-kind='share']").unwrap().length();
    assert!(bars >= 2, "{bars} share bars");
}

/// With reduced motion the load mode counts without packets.
#[wasm_bindgen_test]
async fn load_mode_with_reduced_motion_counts_without_packets() {
    fresh("web-clusterip").await;
    let rm: web_sys::HtmlInputElement = doc().get_element_by_id("reduce-motion").unwrap().dyn_into().unwrap();
    rm.set_checked(true);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    rm.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
    set_rps(30).await;
    let t0 = now();
    click("load");
    let mut seen = 0;
    while now() - t0 < 1000.0 {
        gloo_timers::future::TimeoutFuture::new(100).await;
        seen = seen.max(flying());
    }
    click("load");
    leptos::task::tick().await;
    let elapsed = now() - t0;
    assert_eq!(seen, 0, "packets flew with reduced motion");
    let n = counters_sum();
    // time-based: a busy machine gives fewer frames, not fewer requests
    let expected = 30.0 * elapsed / 1000.0;
    assert!((n as f64 - expected).abs() <= 3.0 + 0.2 * expected, "{n} requests counted in {elapsed:.0} ms at 30/s");
    gloo_timers::future::TimeoutFuture::new(300).await;
    assert_eq!(counters_sum(), n);
}

/// Touch: two pointers pinching apart zoom in around their midpoint; pinching together zooms
/// back out (pointer events, as a touch screen sends them).
#[wasm_bindgen_test]
async fn two_pointer_pinch_zooms() {
    fresh("web-clusterip").await;
    let vb = || doc().get_element_by_id("diagram").unwrap().get_attribute("viewBox").unwrap();
    let w = |v: String| v.split(' ').nth(2).unwrap().parse::<f64>().unwrap();
    let full = w(vb());
    let host = doc().query_selector(".diagram-host").unwrap().unwrap();
    let r = host.get_bounding_client_rect();
    let (cx, cy) = (r.left() + r.width() / 2.0, r.top() + r.height() / 2.0);
    let send = |kind: &str, id: i32, x: f64| {
        let init = web_sys::PointerEventInit::new();
        init.set_pointer_id(id);
        init.set_pointer_type("touch");
        init.set_is_primary(id == 1);
        init.set_client_x(x as i32);
        init.set_client_y(cy as i32);
        init.set_bubbles(true);
        init.set_cancelable(true);
        host.dispatch_event(&web_sys::PointerEvent::new_with_event_init_dict(kind, &init).unwrap()).unwrap();
    };
    send("pointerdown", 1, cx - 40.0);
    send("pointerdown", 2, cx + 40.0);
    for k in 1..=4 {
        send("pointermove", 2, cx + 40.0 + 20.0 * k as f64);
        send("pointermove", 1, cx - 40.0 - 20.0 * k as f64);
    }
    leptos::task::tick().await;
    let zoomed = w(vb());
    assert!(zoomed < full * 0.5, "pinch out: {} of {full}", zoomed);
    for k in (0..4).rev() {
        send("pointermove", 2, cx + 40.0 + 20.0 * k as f64);
        send("pointermove", 1, cx - 40.0 - 20.0 * k as f64);
    }
    send("pointerup", 2, cx + 40.0);
    send("pointerup", 1, cx - 40.0);
    leptos::task::tick().await;
    assert!((w(vb()) - full).abs() < 1.0, "pinch in: {} of {full}", vb());
}

/// A big scene: 50 nodes and 500 pods. The nodes beyond three rows fold into one box with
/// their counts, and the scene stays interactive: Send 12 lands, and every request is counted
/// on a pod, its node's "+N more" or the nodes' group (the counters add up to 12).
#[wasm_bindgen_test]
async fn fifty_nodes_500_pods_fold_and_count_every_request() {
    fresh("web-clusterip").await;
    let mut y = String::new();
    for i in 1..=50 {
        y.push_str(&format!("---\napiVersion: v1\nkind: Node\nmetadata: {{name: node-{i}}}\n"));
    }
    y.push_str("---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}\n");
    y.push_str("---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 500\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 8080}]}]}\n");
    let ta: web_sys::HtmlTextAreaElement = doc().get_element_by_id("yaml").unwrap().dyn_into().unwrap();
    ta.set_value(&y);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    ta.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
    for _ in 0..100 {
        if doc().query_selector("[data-kind='node-group']").unwrap().is_some() {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(50).await;
        leptos::task::tick().await;
    }
    let group = doc().query_selector("[data-kind='node-group']").unwrap().expect("the nodes' group");
    let said = group.text_content().unwrap();
    assert!(said.contains("nodes,") && said.contains("pods") && said.contains("ready"), "{said}");
    let nodes = doc().query_selector_all("[data-kind='node']").unwrap().length();
    assert!(nodes < 50, "{nodes} nodes drawn");
    click("send-burst");
    leptos::task::tick().await;
    for _ in 0..200 {
        if flying() == 0 {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(50).await;
    }
    leptos::task::tick().await;
    let l = doc().query_selector_all("svg .hits text").unwrap();
    let all: u32 = (0..l.length()).map(|i| l.item(i).unwrap().text_content().unwrap().parse::<u32>().unwrap()).sum();
    assert_eq!(all, 12, "counted on pods and folds");
}

//! Browser tests of the hosting and embedding gaps trainer8 left (/work/trainer8/report.md):
//! the mount handle's setters (setTheme and the URL options it lacked), a link's service/entry/step
//! that the manifests do not have (a dismissible notice, the fallback kept), exported pictures
//! that carry their title and outcome, the "Skip to diagram" first tab stop, and no resize message
//! from a page that is not framed (the framed case is tests/e2e.py's: the docs' host page).
#![cfg(target_arch = "wasm32")]

use switchboard::ui::api::{js_mount, mount_with};
use switchboard::ui::Options;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

fn opts(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        js_sys::Reflect::set(&o, &(*k).into(), v).unwrap();
    }
    o.into()
}

#[wasm_bindgen_test]
async fn the_mount_handle_sets_theme_preset_service_entry_step_and_families() {
    let h = js_mount(host("m1"), opts(&[("preset", "web-nodeport".into()), ("entry", "nodeport@node-2".into()), ("step", JsValue::from(2))]));
    settle(20).await;
    let theme = || doc().get_element_by_id("m1").unwrap().get_attribute("data-theme");
    // the mount option step, as step= in the URL
    assert_eq!(h.current_step(), 2);
    assert_eq!(theme(), None);
    assert!(h.set_theme("dark".into()));
    settle(0).await;
    assert_eq!(theme().as_deref(), Some("dark"));
    assert!(h.set_theme("light".into()));
    settle(0).await;
    assert_eq!(theme().as_deref(), Some("light"));
    assert!(!h.set_theme("javascript:alert(1)".into()), "refused");
    settle(0).await;
    assert_eq!(theme().as_deref(), Some("light"), "a refused theme changes nothing");
    assert!(h.set_theme("auto".into()));
    settle(0).await;
    assert_eq!(theme(), None, "auto follows the reader's system");

    h.set_step(99);
    settle(0).await;
    let hops = h.current_step();
    assert!((2..99).contains(&hops), "past the last hop shows the last one: {hops}");
    h.reset();
    assert_eq!(h.current_step(), 0);

    assert!(!h.set_entry("bogus".into()));
    assert!(h.set_entry("nodeport@node-3".into()));
    settle(0).await;
    assert!(!h.set_service("nope".into()));
    assert!(h.set_preset("web-loadbalancer".into()));
    settle(20).await;
    assert_eq!(within("m1", "[data-kind='service'][data-type='LoadBalancer']"), 1);
    assert!(!h.set_preset("unknown".into()));
    assert!(h.set_service("default/web".into()));
    assert!(h.set_entry("loadbalancer".into()));
    assert!(h.set_families("ipv6".into()));
    assert!(!h.set_families("ipv5".into()));
    settle(20).await;
    assert!(doc().get_element_by_id("m1").unwrap().text_content().unwrap().contains("fd00:10:96::"), "IPv6 Service addresses");
}

#[wasm_bindgen_test]
async fn a_links_unknown_service_entry_and_step_are_named_in_one_dismissible_notice() {
    let o = Options::parse("?embed&preset=web-nodeport&service=nope&entry=bogus&step=99", "");
    let _h = mount_with(host("fb"), o);
    settle(20).await;
    let notices: Vec<String> = {
        let l = doc().query_selector_all("#fb [data-kind='notice']").unwrap();
        (0..l.length()).map(|i| l.item(i).unwrap().text_content().unwrap()).collect()
    };
    assert_eq!(notices.len(), 1, "one line: {notices:?}");
    let n = &notices[0];
    // (uifix10: one line naming what was not found and what is shown, the choices under a
    // "show choices" disclosure)
    for want in [
        "Not found: service \"nope\" (showing web); entry \"bogus\" (showing pod); step=99 (showing ",
        "show choices",
        "Services: web; ways into web: pod, nodeport@node-1, nodeport@node-2, nodeport@node-3",
    ] {
        assert!(n.contains(want), "{want} in {n}");
    }
    // the fallback stays: the web Service is drawn
    assert_eq!(within("fb", "[data-kind='service'][data-name='web']"), 1);
    // dismissed with its button
    let b: web_sys::HtmlElement = doc().query_selector("#fb [data-kind='notice'] button").unwrap().unwrap().dyn_into().unwrap();
    assert_eq!(b.get_attribute("aria-label").as_deref(), Some("Dismiss this notice"));
    b.click();
    settle(0).await;
    assert_eq!(within("fb", "[data-kind='notice']"), 0);

    // an unknown preset names the default it fell back to and the choices
    let _p = mount_with(host("fp"), Options::parse("?embed&preset=unknown", ""));
    settle(20).await;
    let t = doc().query_selector("#fp [data-kind='notice']").unwrap().unwrap().text_content().unwrap();
    assert!(t.contains("there is no preset \"unknown\"; showing the default scene, web-clusterip (presets: web-clusterip, web-nodeport,"), "{t}");
    // a link whose options are all found: no notice
    let _g = mount_with(host("fg"), Options::parse("?embed&preset=web-nodeport&service=web&entry=nodeport@node-2&step=2", ""));
    settle(20).await;
    assert_eq!(within("fg", "[data-kind='notice']"), 0);
}

#[wasm_bindgen_test]
async fn the_exported_picture_carries_its_title_and_outcome() {
    let h = js_mount(host("ex"), opts(&[("preset", "web-nodeport".into()), ("entry", "nodeport@node-2".into())]));
    settle(20).await;
    for _ in 0..8 {
        h.step();
    }
    settle(20).await;
    let svg = h.export_svg().expect("svg");
    let parsed = web_sys::DomParser::new().unwrap().parse_from_string(&svg, web_sys::SupportedType::ImageSvgXml).unwrap();
    assert_eq!(parsed.get_elements_by_tag_name("parsererror").length(), 0, "{svg}");
    let root = parsed.document_element().unwrap();
    // the <title> is the picture's first child
    let first = root.first_element_child().unwrap();
    assert_eq!(first.tag_name(), "title");
    let title = first.text_content().unwrap();
    assert!(title.starts_with("Switchboard: Service default/web (NodePort), from: Outside client → node-2's nodePort. Outcome: delivered"), "{title}");
    // a visible caption row under the drawing: the title, then the outcome
    let rows = parsed.query_selector_all("[data-kind='export-caption'] text").unwrap();
    assert!(rows.length() >= 2);
    assert_eq!(rows.item(0).unwrap().text_content().unwrap(), "Service default/web (NodePort), from: Outside client → node-2's nodePort");
    assert!(rows.item(1).unwrap().text_content().unwrap().starts_with("Outcome: delivered"));
    // drawn inside the picture: the viewBox grew below the drawing
    let vb: Vec<f64> = root.get_attribute("viewBox").unwrap().split_whitespace().map(|v| v.parse().unwrap()).collect();
    let y: f64 = rows.item(rows.length() - 1).unwrap().dyn_into::<web_sys::Element>().unwrap().get_attribute("y").unwrap().parse().unwrap();
    assert!(y < vb[1] + vb[3], "last caption row at y={y} inside the viewBox {vb:?}");
    assert!(svg.contains("font-weight=\"700\""));
    // the live diagram is untouched
    assert_eq!(within("ex", "svg.diagram [data-kind='export-caption']"), 0);
}

#[wasm_bindgen_test]
async fn skip_to_diagram_is_the_first_tab_stop_and_focuses_the_diagram() {
    let _h = js_mount(host("sk"), opts(&[("preset", "web-nodeport".into()), ("hideEditor", true.into())]));
    settle(20).await;
    // the first focusable element of the instance
    let first = doc()
        .query_selector("#sk a[href], #sk button, #sk select, #sk input, #sk textarea, #sk [tabindex='0']")
        .unwrap()
        .unwrap();
    assert_eq!(first.text_content().unwrap(), "Skip to diagram");
    let href_before = web_sys::window().unwrap().location().href().unwrap();
    first.dyn_into::<web_sys::HtmlElement>().unwrap().click();
    settle(0).await;
    let active = doc().active_element().unwrap();
    assert_eq!(active.get_attribute("data-kind").as_deref(), Some("service"), "focus on the diagram's first box: {}", active.outer_html().chars().take(120).collect::<String>());
    assert!(doc().get_element_by_id("sk").unwrap().contains(Some(&active)), "this instance's diagram");
    assert_eq!(web_sys::window().unwrap().location().href().unwrap(), href_before, "the URL (its #s= scene) is left alone");
}

#[wasm_bindgen_test]
async fn no_resize_message_when_not_framed() {
    let seen = std::rc::Rc::new(std::cell::Cell::new(0u32));
    let s2 = seen.clone();
    let cb = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        let t = js_sys::Reflect::get(&e.data(), &"type".into()).ok().and_then(|v| v.as_string());
        if t.as_deref() == Some("switchboard:resize") {
            s2.set(s2.get() + 1);
        }
    });
    let w = web_sys::window().unwrap();
    w.add_event_listener_with_callback("message", cb.as_ref().unchecked_ref()).unwrap();
    let path = w.location().pathname().unwrap();
    w.history().unwrap().replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}?embed&preset=web-clusterip"))).unwrap();
    remount().await;
    settle(300).await;
    w.history().unwrap().replace_state_with_url(&JsValue::NULL, "", Some(&path)).unwrap();
    w.remove_event_listener_with_callback("message", cb.as_ref().unchecked_ref()).unwrap();
    assert_eq!(seen.get(), 0);
}

//! Browser tests of the learnfix18 fixes (learn18's learner test). Q12: the Service panel shows
//! the EndpointSlice as `kubectl get endpointslices -l kubernetes.io/service-name=web -o yaml`
//! prints it (core::epslice). Q03: a pod behind two Services names the other one in its panel
//! (core::poddetails::other_services). The words are core's (tests_learnfix18).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

/// The dd after the dt `term` in the selected thing's facts.
fn fact(term: &str) -> Option<String> {
    let dts = doc().query_selector_all("#selected dl.facts dt").unwrap();
    (0..dts.length()).map(|i| dts.item(i).unwrap().dyn_into::<web_sys::Element>().unwrap()).find(|dt| dt.text_content().unwrap_or_default() == term).and_then(|dt| dt.next_element_sibling()).map(|dd| dd.text_content().unwrap_or_default())
}

/// Q12: the tutorial's Service: the block's summary counts the endpoints, opening it shows the
/// command and the YAML (one IPv4 slice, the pods' addresses and port 8080, the controller's
/// labels), and the sentences say who writes it and that port 80 is not in it.
#[wasm_bindgen_test]
async fn service_panel_shows_the_endpointslice_yaml() {
    remount().await;
    show(include_str!("../presets/web-clusterip.yaml")).await;
    poll(40, || count("[data-kind='service'][data-name='web']") == 1).await;
    select_service("web").await;
    let block = "#selected details[data-kind='endpointslice']";
    poll(40, || count(block) == 1).await;
    assert_eq!(text(&format!("{block} > summary")), "EndpointSlice of web: 3 endpoints, 3 ready — the YAML kube-proxy reads");
    // closed until asked; opened, the YAML is there to read
    let d = doc().query_selector(block).unwrap().unwrap();
    assert!(!d.has_attribute("open"));
    d.set_attribute("open", "").unwrap();
    assert_eq!(text(&format!("{block} .epslice-cmd")), "$ kubectl get endpointslices -l kubernetes.io/service-name=web -o yaml");
    let y = text(&format!("{block} .epslice-yaml"));
    for line in ["- addressType: IPv4", "    - 10.244.0.2", "    nodeName: node-1", "      kubernetes.io/service-name: web", "      endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io", "    port: 8080", "kind: List"] {
        assert!(y.lines().any(|l| l == line), "missing {line:?} in\n{y}");
    }
    let pre = doc().query_selector(&format!("{block} .epslice-yaml")).unwrap().unwrap().dyn_into::<web_sys::HtmlElement>().unwrap();
    assert!(pre.offset_height() > 0);
    let words = items(&format!("{block} .epslice-lines li"));
    assert!(words[0].starts_with("Written by the EndpointSlice controller (kube-controller-manager), not by you"), "{words:?}");
    assert!(words.iter().any(|w| w.contains("the Service's own port (80) is not in the slice")), "{words:?}");
}

/// Q03: web and web-admin select the same pods; a pod's panel (web selected) names web-admin
/// with its port mapping, and says each Service has its own slice and rules.
#[wasm_bindgen_test]
async fn pod_behind_two_services_names_the_other() {
    remount().await;
    show(include_str!("fixtures/learnfix18-two-services.yaml")).await;
    poll(40, || count("[data-kind='pod'][data-name^='web-']") == 3).await;
    let pod = doc().query_selector("[data-kind='pod'][data-name^='web-']").unwrap().unwrap();
    pod.dispatch_event(&bubbling_click()).unwrap();
    poll(40, || fact("Other Services").is_some()).await;
    let other = fact("Other Services").unwrap();
    assert!(other.starts_with("Besides web, web-admin (NodePort, port 9000 → 8080) also selects this pod"), "{other}");
    assert!(other.contains("its own EndpointSlice and its own kube-proxy rules"), "{other}");
    // the tutorial alone: no such row
    show(include_str!("../presets/web-clusterip.yaml")).await;
    poll(40, || count("[data-kind='pod'][data-name^='web-']") == 3).await;
    let pod = doc().query_selector("[data-kind='pod'][data-name^='web-']").unwrap().unwrap();
    pod.dispatch_event(&bubbling_click()).unwrap();
    poll(40, || fact("Selected Service").is_some()).await;
    assert_eq!(fact("Other Services"), None);
}

fn cancelable_click() -> web_sys::MouseEvent {
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap()
}

fn hash() -> String {
    web_sys::window().unwrap().location().hash().unwrap_or_default()
}

fn card_step() -> Option<String> {
    attr("[data-kind='tour-card']", "data-step")
}

/// Q16: the tour card's Next and Previous load their step and write that step's `#tour=N`
/// themselves (the browser, following the link after the card had re-rendered, wrote the
/// step after it: `#tour=3` under "Tour 2/17"); on the last step the focus goes to Previous
/// rather than to the page's body.
#[wasm_bindgen_test]
async fn tour_next_and_previous_write_their_own_step() {
    web_sys::window().unwrap().location().set_hash("tour=1").unwrap();
    remount().await;
    poll(60, || card_step().as_deref() == Some("1")).await;
    let next = doc().get_element_by_id("tour-next").expect("Next");
    let ev = cancelable_click();
    next.dispatch_event(&ev).unwrap();
    assert!(ev.default_prevented(), "Next left the navigation to the link's href");
    poll(60, || card_step().as_deref() == Some("2")).await;
    assert_eq!(card_step().as_deref(), Some("2"));
    assert_eq!(hash(), "#tour=2");
    let prev = doc().get_element_by_id("tour-prev").expect("Previous");
    let ev = cancelable_click();
    prev.dispatch_event(&ev).unwrap();
    assert!(ev.default_prevented());
    poll(60, || card_step().as_deref() == Some("1")).await;
    assert_eq!(hash(), "#tour=1");
    // the last step: Next goes away, the focus stays in the card
    let n = switchboard::core::tour::STEPS.len();
    let a: web_sys::HtmlElement = doc().query_selector(&format!("[data-kind='tour-step'][data-step='{}']", n - 1)).unwrap().unwrap().dyn_into().unwrap();
    a.click();
    poll(60, || card_step() == Some((n - 1).to_string())).await;
    let next: web_sys::HtmlElement = doc().get_element_by_id("tour-next").expect("Next").dyn_into().unwrap();
    next.focus().unwrap();
    next.dispatch_event(&cancelable_click()).unwrap();
    poll(60, || card_step() == Some(n.to_string()) && doc().active_element().map(|e| e.id()).as_deref() == Some("tour-prev")).await;
    assert_eq!(card_step(), Some(n.to_string()));
    assert_eq!(hash(), format!("#tour={n}"));
    assert_eq!(doc().active_element().map(|e| e.id()).as_deref(), Some("tour-prev"));
    web_sys::window().unwrap().location().set_hash("").unwrap();
}

//! Browser test of learner6's keyboard run (q/k1-keyboard.yaml): a pod's details, "−" twice
//! scales its Deployment 2 → 1 → 0. The focus stays in the details panel (it jumped into the
//! YAML editor, where the next Tab indented the text), the panel keeps the Deployment's scale
//! control although its pod is gone, and the Why panel offers "Scale Deployment web to 1".
//! Keyboard-equivalent events: Enter on the focused pod box (its keydown handler), and on a
//! focused button the click Enter makes (a synthetic keydown has no default action).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

const K1: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n      - {name: web, image: nginx:1.27, ports: [{containerPort: 80}]}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n";

fn area() -> web_sys::HtmlTextAreaElement {
    doc().get_element_by_id("yaml").unwrap().dyn_into().unwrap()
}
fn el(sel: &str) -> web_sys::HtmlElement {
    doc().query_selector(sel).unwrap().unwrap_or_else(|| panic!("no {sel}")).dyn_into().unwrap()
}
fn web_pods() -> Vec<String> {
    let l = doc().query_selector_all("[data-kind='pod'][data-name^='web-']").unwrap();
    (0..l.length()).map(|i| l.item(i).unwrap().dyn_into::<web_sys::Element>().unwrap().get_attribute("data-name").unwrap()).collect()
}
fn active() -> web_sys::Element {
    doc().active_element().expect("a focused element")
}
/// Enter on a focused button: its click.
async fn press(sel: &str) {
    let b = el(sel);
    b.focus().unwrap();
    assert_eq!(active(), *b, "{sel} takes the focus");
    b.click();
    settle(20).await;
}
async fn set_text(t: &str) {
    let ta = area();
    ta.set_value(t);
    fire(&ta, "input");
    settle(20).await;
}

/// Enter on the first web pod's box: its details.
async fn open_first_web_pod() {
    let pod = doc().query_selector("[data-kind='pod'][data-name^='web-']").unwrap().expect("a web pod");
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Enter");
    init.set_bubbles(true);
    pod.dispatch_event(&web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap()).unwrap();
    settle(20).await;
}

#[wasm_bindgen_test]
async fn scale_to_zero_keeps_the_focus_in_the_panel_and_offers_the_way_back() {
    remount().await;
    set_text(K1).await;
    assert_eq!(web_pods().len(), 2);

    // Enter on the first web pod's box opens its details
    open_first_web_pod().await;
    assert!(text("#selected").contains("Deployment web: 2 replicas"), "{}", text("#selected"));
    assert_eq!(attr("#selected [data-kind='scale-down']", "aria-label").as_deref(), Some("Scale Deployment web down to 1"));

    // − : 2 → 1, the focus on a control of the panel, never the editor
    press("#selected [data-kind='scale-down']").await;
    assert!(area().value().contains("replicas: 1\n"), "{}", area().value());
    assert_eq!(web_pods().len(), 1);
    assert!(el("#selected").contains(Some(&active())), "focus left the panel: {:?}", active().outer_html());
    // − again (on whatever "−" the panel shows now): 1 → 0
    press("#selected [data-kind='scale-down']").await;
    let zero = area().value();
    assert_eq!(zero, K1.replace("replicas: 2", "replicas: 0"), "one value rewritten");
    assert!(web_pods().is_empty());
    settle(20).await;
    let a = active();
    assert_ne!(a, **area(), "the focus is not in the YAML editor");
    assert_eq!(a.get_attribute("data-kind").as_deref(), Some("scale-group"), "{}", a.outer_html());
    assert_eq!(a.get_attribute("aria-label").as_deref(), Some("Scale Deployment web"));
    // the panel says what happened and keeps the scale control: − disabled at 0, + there
    assert!(text("[data-kind='pod-gone']").contains("Deployment web runs no pod now"), "{}", text("#selected"));
    assert!(text("[data-kind='edit-status']").contains("spec.replicas 1 → 0"), "{}", text("[data-kind='edit-status']"));
    assert!(el("#selected [data-kind='scale-down']").has_attribute("disabled"));

    // the Why panel: the selector check fails and offers the scale as a fix
    let fix = el("[data-kind='fix'][data-check='selector']");
    assert_eq!(fix.text_content().unwrap(), "Scale Deployment web to 1");
    press("[data-kind='fix'][data-check='selector']").await;
    assert_eq!(area().value(), K1.replace("replicas: 2", "replicas: 1"));
    assert_eq!(web_pods().len(), 1);
    assert_eq!(active(), *el("#why-no-traffic > summary"), "a fix keeps the focus in the Why panel");

    // from the panel too: back to 0 through the Why fix's pod gone, then + in the gone panel
    set_text(&zero).await;
    assert!(web_pods().is_empty());
    press("#selected [data-kind='scale-up']").await;
    assert_eq!(area().value(), K1.replace("replicas: 2", "replicas: 1"));
    assert_eq!(web_pods().len(), 1);
    assert_ne!(active(), **area());

    // learner6 a8: an undeclared numeric targetPort offers both edits, each with its assumption
    set_text("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: node-app}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: node-app}}\n  template:\n    metadata: {labels: {app: node-app}}\n    spec:\n      containers:\n      - name: app\n        image: acme/node-app:3\n        ports:\n        - containerPort: 8080\n---\napiVersion: v1\nkind: Service\nmetadata: {name: node-app}\nspec:\n  selector: {app: node-app}\n  ports:\n  - port: 80\n    targetPort: 3000\n").await;
    let l = doc().query_selector_all("[data-kind='fix'][data-check='targetPort']").unwrap();
    let labels: Vec<String> = (0..l.length()).map(|i| l.item(i).unwrap().text_content().unwrap_or_default()).collect();
    assert_eq!(labels, vec!["Set targetPort: 8080 (if the app listens on 8080)", "Declare containerPort 3000 in app (if it listens on 3000)"]);
    press("[data-kind='fix'][data-check='targetPort'][data-fix='1']").await;
    assert!(area().value().contains("        ports:\n        - containerPort: 3000\n        - containerPort: 8080\n"), "{}", area().value());
    assert_eq!(attr("[data-kind='check'][data-check='targetPort']", "data-status").as_deref(), Some("ok"));
}

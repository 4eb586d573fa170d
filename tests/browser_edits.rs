//! Browser test of the two-way edits (issue #11 item 1): from the details panel of the
//! tutorial's scene, scale the web Deployment 3 → 4, change the Service type to NodePort,
//! delete a pod, cordon a node; each YAML edit is one undo step of the textarea (Ctrl+Z,
//! Ctrl+Shift+Z), pressed as key events in the panel and as the browser's own commands.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

fn yaml() -> String {
    doc().get_element_by_id("yaml").unwrap().dyn_into::<web_sys::HtmlTextAreaElement>().unwrap().value()
}
fn el(sel: &str) -> web_sys::HtmlElement {
    doc().query_selector(sel).unwrap().unwrap_or_else(|| panic!("no {sel}")).dyn_into().unwrap()
}
/// Ctrl+Z (or Ctrl+Shift+Z) pressed on the focused panel control: a real KeyboardEvent.
async fn ctrl_z(shift: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(if shift { "Z" } else { "z" });
    init.set_ctrl_key(true);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let target = doc().active_element().unwrap();
    target.dispatch_event(&web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap()).unwrap();
    settle(20).await;
}
fn exec(cmd: &str) {
    let f: js_sys::Function = js_sys::Reflect::get(&doc(), &"execCommand".into()).unwrap().dyn_into().unwrap();
    assert_eq!(f.call1(&doc(), &cmd.into()).unwrap().as_bool(), Some(true), "execCommand({cmd})");
}
fn web_pods() -> Vec<String> {
    let l = doc().query_selector_all("[data-kind='pod'][data-name^='web-']").unwrap();
    (0..l.length()).map(|i| l.item(i).unwrap().dyn_into::<web_sys::Element>().unwrap().get_attribute("data-name").unwrap()).collect()
}

#[wasm_bindgen_test]
async fn edits_from_the_details_panel() {
    if let Some(s) = web_sys::window().unwrap().local_storage().ok().flatten() {
        let _ = s.clear();
    }
    switchboard::ui::mount();
    settle(20).await;
    let start = yaml();
    assert!(start.contains("replicas: 3"));
    assert_eq!(web_pods().len(), 3);
    assert_eq!(count("#selected"), 0, "nothing selected yet");

    // ---- select a pod with the keyboard (Enter on its focused box)
    let pod = doc().query_selector("[data-kind='pod'][data-name^='web-']").unwrap().unwrap();
    let first_name = pod.get_attribute("data-name").unwrap();
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Enter");
    init.set_bubbles(true);
    pod.dispatch_event(&web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap()).unwrap();
    settle(20).await;
    assert!(text("#selected .details-title").contains(&first_name), "{}", text("#selected"));
    assert!(text("#selected").contains("Deployment web: 3 replicas"), "{}", text("#selected"));
    assert!(text("#selected").contains("app=web"), "labels in the panel");

    // ---- scale 3 → 4: YAML says replicas: 4, 4 pods drawn; only that value changed
    el("#selected [data-kind='scale-up']").click();
    settle(20).await;
    let scaled = yaml();
    assert_eq!(scaled, start.replace("replicas: 3", "replicas: 4"), "one value rewritten, nothing else");
    assert_eq!(web_pods().len(), 4);
    assert!(text("[data-kind='edit-status']").contains("spec.replicas 3 → 4"), "{}", text("[data-kind='edit-status']"));
    // the panel keeps the keyboard focus on the button
    assert_eq!(doc().active_element().and_then(|e| e.get_attribute("data-kind")).as_deref(), Some("scale-up"));

    // Ctrl+Z in the panel: the textarea's own undo; Ctrl+Shift+Z redoes
    ctrl_z(false).await;
    assert_eq!(yaml(), start, "Ctrl+Z restores the text");
    assert_eq!(web_pods().len(), 3);
    ctrl_z(true).await;
    assert_eq!(yaml(), scaled, "Ctrl+Shift+Z redoes");
    assert_eq!(web_pods().len(), 4);

    // ---- the Service's type → NodePort from the menu: nodePort paths appear
    let svc = doc().query_selector("[data-kind='service'][data-name='web']").unwrap().unwrap();
    svc.dispatch_event(&bubbling_click()).unwrap();
    settle(20).await;
    assert!(text("#selected .details-title").contains("Service web"));
    let menu: web_sys::HtmlSelectElement = el("#selected [data-kind='service-type']").dyn_into().unwrap();
    assert_eq!(menu.value(), "ClusterIP");
    assert_eq!(count("#entry option[value^='nodeport@']"), 0);
    menu.set_value("NodePort");
    let ev = web_sys::EventInit::new();
    ev.set_bubbles(true);
    menu.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &ev).unwrap()).unwrap();
    settle(20).await;
    let nodeport = yaml();
    assert!(nodeport.contains("spec:\n  type: NodePort\n  selector:"), "{nodeport}");
    assert_eq!(nodeport.replace("  type: NodePort\n", ""), scaled);
    assert!(count("#entry option[value^='nodeport@']") >= 3, "a nodePort path per node");
    // ExternalName is refused in the API server's words, and the text stays
    let menu: web_sys::HtmlSelectElement = el("#selected [data-kind='service-type']").dyn_into().unwrap();
    menu.set_value("ExternalName");
    menu.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &ev).unwrap()).unwrap();
    settle(20).await;
    assert!(text("[data-kind='edit-status'].refused").contains("spec.externalName: Required value"));
    assert_eq!(yaml(), nodeport);
    // the browser's own undo (what Ctrl+Z does in the textarea) takes the type back
    let area: web_sys::HtmlElement = el("#yaml");
    area.focus().unwrap();
    exec("undo");
    settle(20).await;
    assert_eq!(yaml(), scaled, "undo the type change");
    exec("redo");
    settle(20).await;
    assert_eq!(yaml(), nodeport, "redo the type change");

    // ---- delete a controller pod: the ReplicaSet creates another name, another IP
    let victim = web_pods()[0].clone();
    let victim_ip = doc().query_selector(&format!("[data-kind='pod'][data-name='{victim}']")).unwrap().unwrap().get_attribute("aria-label").unwrap();
    doc().query_selector(&format!("[data-kind='pod'][data-name='{victim}']")).unwrap().unwrap().dispatch_event(&bubbling_click()).unwrap();
    settle(20).await;
    el("#selected [data-kind='delete-pod']").click();
    settle(20).await;
    let pods = web_pods();
    assert_eq!(pods.len(), 4);
    assert!(!pods.contains(&victim), "{pods:?}");
    let status = text("[data-kind='edit-status']");
    assert!(status.contains(&format!("kubectl delete pod {victim}: the ReplicaSet")) && status.contains("creates web-"), "{status}");
    let new_name = pods.iter().find(|p| status.contains(p.as_str())).expect("the replacement is named").clone();
    let new_label = doc().query_selector(&format!("[data-kind='pod'][data-name='{new_name}']")).unwrap().unwrap().get_attribute("aria-label").unwrap();
    let ip_of = |l: &str| l.split("IP ").nth(1).and_then(|s| s.split_whitespace().next()).unwrap_or_default().to_string();
    assert_ne!(ip_of(&new_label), ip_of(&victim_ip), "a new IP");
    assert_eq!(yaml(), nodeport, "the YAML does not change");
    assert!(text("[data-kind='whatif-kept']").contains(&format!("deleted default/{victim}")));

    // ---- cordon a (simulated) node: it is unschedulable, its pods stay
    let node = doc().query_selector("[data-kind='node']").unwrap().unwrap();
    let node_name = node.get_attribute("data-name").unwrap();
    node.dispatch_event(&bubbling_click()).unwrap();
    settle(20).await;
    assert!(text("#selected .details-title").contains(&node_name));
    let before = web_pods();
    el("#selected [data-kind='cordon']").click();
    settle(20).await;
    assert!(text("#selected").contains("no (cordoned"), "{}", text("#selected"));
    assert!(text("[data-kind='edit-status']").contains(&format!("kubectl cordon {node_name}")));
    assert_eq!(web_pods(), before, "cordon leaves the pods where they are");
    // drain: its controller pods move
    el("#selected [data-kind='drain']").click();
    settle(20).await;
    assert!(text("[data-kind='edit-status']").contains(&format!("kubectl drain {node_name}")));
    assert!(text("#selected").contains("Pods") && !text("#selected dl").contains("web-"), "no web pod left on {node_name}: {}", text("#selected"));
    assert_eq!(web_pods().len(), 4);
    // the what-ifs beside the YAML are undone with one button
    el("[data-kind='reset-whatif']").click();
    settle(20).await;
    assert!(web_pods().contains(&victim));

    // ---- a Node written in the YAML: cordon is spec.unschedulable, one undo step
    let with_node = format!("{nodeport}---\napiVersion: v1\nkind: Node\nmetadata:\n  name: worker-a # the only node\n");
    let area: web_sys::HtmlTextAreaElement = el("#yaml").dyn_into().unwrap();
    area.set_value(&with_node);
    area.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &ev).unwrap()).unwrap();
    settle(20).await;
    doc().query_selector("[data-kind='node'][data-name='worker-a']").unwrap().expect("worker-a drawn").dispatch_event(&bubbling_click()).unwrap();
    settle(20).await;
    el("#selected [data-kind='cordon']").click();
    settle(20).await;
    assert_eq!(yaml(), format!("{with_node}spec:\n  unschedulable: true\n"));
    assert!(text("#selected").contains("no (cordoned"));
    el("#selected [data-kind='cordon']").focus().unwrap();
    ctrl_z(false).await;
    assert_eq!(yaml(), with_node, "Ctrl+Z takes the cordon back");

    // ---- a StatefulSet pod deleted: the StatefulSet creates db-0 again, with a new IP
    let s: web_sys::HtmlSelectElement = el("#preset").dyn_into().unwrap();
    s.set_value("headless-statefulset");
    s.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &ev).unwrap()).unwrap();
    settle(20).await;
    let label = |n: &str| doc().query_selector(&format!("[data-kind='pod'][data-name='{n}']")).unwrap().expect("drawn").get_attribute("aria-label").unwrap();
    let before = label("db-0");
    doc().query_selector("[data-kind='pod'][data-name='db-0']").unwrap().unwrap().dispatch_event(&bubbling_click()).unwrap();
    settle(20).await;
    el("#selected [data-kind='delete-pod']").click();
    settle(20).await;
    let after = label("db-0");
    assert_ne!(ip_of(&after), ip_of(&before), "db-0 keeps its name, gets a new IP");
    assert!(text("[data-kind='edit-status']").contains("the StatefulSet db creates db-0 again"), "{}", text("[data-kind='edit-status']"));
    assert!(text("#selected").contains("replaces the deleted db-0"));
}

//! Browser tests of the learnfix16 fixes (learn16's learner test): the diagram names the Service
//! port fields and the pods' containerPort, the nodePort caption says which number is which,
//! Why shows the Service's EndpointSlice, Send 12 under sessionAffinity ClientIP sticks to the
//! caption's first pick, a headless Service's badge and menu say headless, and Tab pressed twice
//! in the editor lights the way out. The words are core's (tests_learnfix16).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

/// The drawn lines of the SVG group `sel` (its `<text>` elements, not its tooltip).
fn lines(sel: &str) -> Vec<String> {
    let l = doc().query_selector_all(&format!("{sel} text")).unwrap();
    (0..l.length()).map(|i| l.item(i).unwrap().text_content().unwrap_or_default()).collect()
}

async fn reduce_motion(on: bool) {
    let rm: web_sys::HtmlInputElement = doc().get_element_by_id("reduce-motion").unwrap().dyn_into().unwrap();
    if rm.checked() != on {
        rm.set_checked(on);
        fire(&rm, "change");
        settle(50).await;
    }
}

/// Q01: `?preset=web-nodeport` drew "port 80→8080 (node 30080)" and "ports 8080"; the Service
/// box now says targetPort and nodePort, the pods containerPort, and the nodePort path's DNAT
/// step "(nodePort 30080 → targetPort 8080)".
#[wasm_bindgen_test]
async fn nodeport_scene_names_the_four_ports() {
    remount().await;
    show(include_str!("../presets/web-nodeport.yaml")).await;
    poll(40, || lines("[data-kind='service'][data-name='web']").iter().any(|l| l.contains("targetPort 8080"))).await;
    let svc = lines("[data-kind='service'][data-name='web']");
    assert!(svc.iter().any(|l| l == "port 80 → targetPort 8080 · nodePort 30080"), "{svc:?}");
    let pod = lines("[data-kind='pod'][data-name^='web-']");
    assert!(pod.iter().any(|l| l == "containerPort 8080"), "{pod:?}");
    choose("entry", "nodeport@node-1").await;
    poll(40, || text("#caption .sr-path").contains("nodePort 30080 → targetPort 8080")).await;
    assert!(text("#caption .sr-path").contains("to 10.244.0.2:8080 (nodePort 30080 → targetPort 8080)"), "{}", text("#caption .sr-path"));
}

/// Q12: Why lists the EndpointSlice (web-…, its endpoints and how many are ready) with the kubectl
/// line, visible (status info shows its why); broken-not-ready says none is ready.
#[wasm_bindgen_test]
async fn why_shows_the_endpointslice() {
    remount().await;
    show(include_str!("../presets/web-clusterip.yaml")).await;
    let row = "#why-no-traffic [data-check='endpointslice']";
    poll(40, || count(row) == 1).await;
    assert_eq!(attr(row, "data-status").as_deref(), Some("info"));
    assert_eq!(text(&format!("{row} .check-title")), "EndpointSlice web-…: 3 endpoints, 3 ready");
    let why = doc().query_selector(&format!("{row} .check-why")).unwrap().unwrap().dyn_into::<web_sys::HtmlElement>().unwrap();
    assert!(why.offset_height() > 0, "the why is shown");
    assert!(why.text_content().unwrap_or_default().contains("kubectl get endpointslices -l kubernetes.io/service-name=web"));
    assert!(!text("#why-no-traffic > summary").contains("fail"), "{}", text("#why-no-traffic > summary"));
    show(include_str!("../presets/broken-not-ready.yaml")).await;
    poll(40, || text(&format!("{row} .check-title")).ends_with(", 0 ready")).await;
    assert!(text(&format!("{row} .check-title")).ends_with(", 0 ready"), "{}", text(&format!("{row} .check-title")));
    assert!(text("#why-no-traffic [data-check='ready'] .check-why").contains("click the pod, then \"Make it Ready\""));
}

/// Q14: before the burst the caption said "first pick X … sticks this client to the first pick";
/// Send 12 put all 12 on another pod. Now the 12 land on X.
#[wasm_bindgen_test]
async fn session_affinity_send_twelve_sticks_to_the_first_pick() {
    remount().await;
    show(include_str!("../presets/session-affinity.yaml")).await;
    // the Service picked by name, as ?preset=session-affinity opens it: that client's own random
    // first connection would go to another pod than the first pick (learn16's Send 12)
    choose("service", "web").await;
    let outcome = || text("#caption [data-outcome]");
    poll(40, || outcome().contains("first pick ")).await;
    let o = outcome();
    let first = o.split("first pick ").nth(1).expect("first pick").split([';', ' ']).next().unwrap().trim_end_matches('.').to_string();
    assert!(first.starts_with("web-"), "{o}");
    reduce_motion(true).await;
    click("send-burst");
    settle(200).await;
    landed().await;
    poll(40, || text(&format!("[data-kind='hits'][data-name='{first}']")) == "12").await;
    assert_eq!(text(&format!("[data-kind='hits'][data-name='{first}']")), "12", "all 12 on {first}");
    assert_eq!(count("[data-kind='pod'] [data-kind='hits']"), 1);
    reduce_motion(false).await;
}

/// Q05: the headless Service's box badge says headless (not ClusterIP) and the menu
/// `db (ClusterIP, headless)`.
#[wasm_bindgen_test]
async fn headless_badge_and_menu() {
    remount().await;
    show(include_str!("../presets/headless-statefulset.yaml")).await;
    poll(40, || text("#service").contains("headless")).await;
    let opts = doc().query_selector_all("#service option").unwrap();
    let labels: Vec<String> = (0..opts.length()).map(|i| opts.item(i).unwrap().text_content().unwrap_or_default()).collect();
    assert!(labels.iter().any(|l| l == "db (ClusterIP, headless)"), "{labels:?}");
    assert_eq!(text("[data-kind='service'][data-name='db'] text.t-badge"), "headless");
    let svc = lines("[data-kind='service'][data-name='db']");
    assert!(!svc.iter().any(|l| l.contains("ClusterIP")), "{svc:?}");
}

/// Keyboard: the editor keeps Tab (it indents); pressed twice in a row, the help under the editor
/// lights up and says "press Esc, then Tab" in a live region; another key puts it out.
#[wasm_bindgen_test]
async fn second_tab_in_the_editor_lights_the_way_out() {
    remount().await;
    let ta: web_sys::HtmlElement = doc().get_element_by_id("yaml").unwrap().dyn_into().unwrap();
    ta.focus().unwrap();
    let key = |k: &str| {
        let init = web_sys::KeyboardEventInit::new();
        init.set_key(k);
        init.set_bubbles(true);
        init.set_cancelable(true);
        ta.dispatch_event(&web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap()).unwrap();
    };
    let note = || text("[data-kind='editor-tab-note']");
    key("Tab");
    settle(30).await;
    assert_eq!(note(), "");
    key("Tab");
    settle(30).await;
    assert!(note().contains("press Esc, then Tab, to leave the editor"), "{}", note());
    assert_eq!(attr("[data-kind='editor-tab-note']", "role").as_deref(), Some("status"));
    assert!(attr("#editor-help", "class").unwrap_or_default().contains("editor-help-lit"));
    key("a");
    settle(30).await;
    assert_eq!(note(), "");
    assert!(!attr("#editor-help", "class").unwrap_or_default().contains("editor-help-lit"));
}

//! Browser tests of the uifix19 fixes (session 21's page leftovers, /work/uicheck21/report.md):
//! `code` in the page's words as <code> (ui::words), the Service panel saying the type,
//! clusterIP and ports once, the kubectl get svc row as column/value pairs where it does not
//! fit, and the way in (outside client, load balancer) first in the Tab order.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

/// The page's stylesheet (the test page has none).
fn page_css() {
    if doc().get_element_by_id("uifix19-css").is_none() {
        let style = doc().create_element("style").unwrap();
        style.set_id("uifix19-css");
        style.set_text_content(Some(include_str!("../style/main.css")));
        doc().head().unwrap().append_child(&style).unwrap();
    }
}

/// broken-lb-pending with Cloud load balancers off (the preset's own setting), Service web
/// selected: its panel open.
async fn pending_lb_selected() {
    remount().await;
    choose("preset", "broken-lb-pending").await;
    let cloud: web_sys::HtmlInputElement = doc().get_element_by_id("cloud").unwrap().dyn_into().unwrap();
    if cloud.checked() {
        cloud.set_checked(false);
        fire(&cloud, "change");
    }
    poll(40, || count("[data-kind='load-balancer'].pending") == 1).await;
    let svc = doc().query_selector("[data-kind='service'][data-name='web']").unwrap().expect("Service drawn");
    svc.dispatch_event(&bubbling_click()).unwrap();
    poll(40, || text("#selected .details-title").contains("Service web") && count("#selected [data-kind='kubectl-get-svc']") == 1).await;
}

fn texts(sel: &str) -> Vec<String> {
    let l = doc().query_selector_all(sel).unwrap();
    (0..l.length()).map(|i| l.item(i).unwrap().text_content().unwrap_or_default()).collect()
}

fn display(el: &web_sys::Element) -> String {
    web_sys::window().unwrap().get_computed_style(el).unwrap().unwrap().get_property_value("display").unwrap()
}

/// uicheck21 item 6: "`minikube tunnel`" was shown with its backticks in the kubectl get svc
/// panel, the tour's card (step 14) and the pending load balancer's hop (the caption, and the
/// Service card's hop list). Each shows it as <code>, no backtick left; the report keeps the
/// backticks (the JSON is a contract: core::getsvc, core::paths unchanged).
#[wasm_bindgen_test]
async fn backticks_show_as_code_in_the_panel_the_tour_and_the_hops() {
    pending_lb_selected().await;
    let sel = "#selected [data-kind='kubectl-get-svc']";
    assert!(texts(&format!("{sel} .getsvc-cols li code")).contains(&"minikube tunnel".to_string()), "{}", text(sel));
    assert!(!text("#selected").contains('`'), "{}", text("#selected"));
    // the pending hop's words: the caption at step 1 and the Service card's hop
    choose("entry", "loadbalancer").await;
    click("step");
    poll(40, || text(".caption-text").contains("minikube tunnel")).await;
    assert_eq!(texts(".caption-text code"), vec!["minikube tunnel".to_string()], "{}", text(".caption-text"));
    assert!(!text(".caption").contains('`'), "{}", text(".caption"));
    assert!(texts(".hops .hop p code").contains(&"minikube tunnel".to_string()));
    assert!(!texts(".hops .hop p").iter().any(|t| t.contains('`')));
    // the tour's step 14 (a LoadBalancer without a cloud)
    let step = crate_step_with("minikube tunnel");
    let a: web_sys::HtmlElement = doc().query_selector(&format!("[data-kind='tour-step'][data-step='{step}']")).unwrap().unwrap().dyn_into().unwrap();
    a.click();
    poll(40, || count("[data-kind='tour-card'] code") > 0).await;
    assert_eq!(texts("[data-kind='tour-card'] p code"), vec!["minikube tunnel".to_string()], "{}", text("[data-kind='tour-card']"));
    assert!(!text("[data-kind='tour-card']").contains('`'), "{}", text("[data-kind='tour-card']"));
    // the report keeps its words
    let s = switchboard::core::tour::step(step).unwrap();
    assert!(s.text.contains("`minikube tunnel`"));
}

/// The tour step whose words carry `needle`.
fn crate_step_with(needle: &str) -> usize {
    (1..=switchboard::core::tour::STEPS.len()).find(|&n| switchboard::core::tour::step(n).is_some_and(|s| s.text.contains(needle))).expect("a step")
}

/// The words' parts are text nodes: markup in them (a name from the user's YAML could carry
/// some) is shown, never parsed; only what is between two backticks becomes <code>; an
/// unpaired backtick and an empty pair stay as written.
#[wasm_bindgen_test]
async fn words_parse_no_markup_and_pair_backticks() {
    use switchboard::ui::words::{code_spans, words};
    assert_eq!(code_spans("run `minikube tunnel` now"), vec![(false, "run "), (true, "minikube tunnel"), (false, " now")]);
    assert_eq!(code_spans("`a``b`"), vec![(true, "a"), (true, "b")]);
    assert_eq!(code_spans("one ` alone"), vec![(false, "one ` alone")]);
    assert_eq!(code_spans("empty `` pair `x`"), vec![(false, "empty `` pair "), (true, "x")]);
    assert_eq!(code_spans("no code"), vec![(false, "no code")]);
    assert_eq!(code_spans(""), Vec::<(bool, &str)>::new());
    let el = host("uifix19-words");
    let hostile = "Service <b>x</b> `<img src=x onerror=alert(1)>` & `kubectl logs`";
    let _h = leptos::mount::mount_to(el.clone(), move || words(hostile));
    settle(0).await;
    assert_eq!(el.text_content().unwrap(), "Service <b>x</b> <img src=x onerror=alert(1)> & kubectl logs");
    assert_eq!(el.query_selector_all("img, b").unwrap().length(), 0, "{}", el.inner_html());
    assert_eq!(el.query_selector_all("code").unwrap().length(), 2, "{}", el.inner_html());
    assert!(el.inner_html().contains("&lt;img src=x onerror=alert(1)&gt;"), "{}", el.inner_html());
}

/// uicheck21 item 5: the Service panel said the type, clusterIP and ports three times in a row:
/// the box's text under the diagram, the facts, then the kubectl row and its sentences. The
/// kubectl block now opens the panel and says them; the facts keep what it does not print
/// (targetPorts and port names); the box under the diagram names the selected Service only.
#[wasm_bindgen_test]
async fn the_service_panel_says_type_cluster_ip_and_ports_once() {
    pending_lb_selected().await;
    let terms = texts("#selected dl.facts dt");
    for gone in ["Type", "Cluster IP", "Ports"] {
        assert!(!terms.iter().any(|t| t == gone), "{terms:?}");
    }
    assert!(terms.contains(&"Target ports".to_string()), "{terms:?}");
    assert!(text("#selected dl.facts").contains("80 → 8080"), "{}", text("#selected dl.facts"));
    // the kubectl block first, the facts after it
    let block = doc().query_selector("#selected [data-kind='kubectl-get-svc']").unwrap().unwrap();
    let facts = doc().query_selector("#selected dl.facts").unwrap().unwrap();
    assert!(block.compare_document_position(&facts) & web_sys::Node::DOCUMENT_POSITION_FOLLOWING != 0, "the facts follow the kubectl block");
    let ip = text("#selected .getsvc-table").lines().nth(1).unwrap_or_default().split_whitespace().nth(2).unwrap_or_default().to_string();
    assert!(ip.starts_with("10."), "{ip}");
    // not a fact of its own any more (the Ping fact still names it: what pinging it does)
    assert!(!texts("#selected dl.facts dd").iter().any(|t| t == &ip), "{:?}", texts("#selected dl.facts dd"));
    // and not under the diagram
    let under = text("#details");
    assert!(under.contains("Service web is selected") && !under.contains(&ip), "{under}");
    // nothing selected: the box under the diagram shows the Service's text again
    click_sel("[data-kind='details-close']");
    poll(20, || text("#details").contains(&ip)).await;
    assert!(text("#details").contains(&ip), "{}", text("#details"));
}

fn click_sel(sel: &str) {
    doc().query_selector(sel).unwrap().unwrap_or_else(|| panic!("no {sel}")).dyn_into::<web_sys::HtmlElement>().unwrap().click();
}

/// uicheck21 item 4: at 360 px the kubectl get svc row (478 px of text in 287) needed a
/// sideways scroll for EXTERNAL-IP and PORT(S). In a block narrower than the row, each column's
/// header stands beside its value; where the row fits, the monospace row as kubectl prints it.
#[wasm_bindgen_test]
async fn the_kubectl_row_becomes_header_value_pairs_where_it_does_not_fit() {
    page_css();
    pending_lb_selected().await;
    let block: web_sys::HtmlElement = doc().query_selector("#selected [data-kind='kubectl-get-svc']").unwrap().unwrap().dyn_into().unwrap();
    let pre = doc().query_selector("#selected .getsvc-table").unwrap().unwrap();
    let pairs: web_sys::HtmlElement = doc().query_selector("#selected .getsvc-pairs").unwrap().unwrap().dyn_into().unwrap();
    let row_chars = text("#selected .getsvc-table").lines().map(|l| l.chars().count()).max().unwrap();
    assert!(row_chars > 40, "{row_chars}");
    // a phone's panel (287 px at 360)
    block.style().set_property("width", "287px").unwrap();
    settle(50).await;
    assert_eq!(display(&pre), "none");
    assert_eq!(display(&pairs), "grid");
    assert!(pairs.scroll_width() <= pairs.client_width() + 1, "{} > {}", pairs.scroll_width(), pairs.client_width());
    let dts = texts("#selected .getsvc-pairs dt");
    let dds = texts("#selected .getsvc-pairs dd");
    assert_eq!(dts, ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)"].map(String::from).to_vec());
    assert_eq!(dds[0..2], ["web".to_string(), "LoadBalancer".to_string()]);
    assert_eq!(dds[3], "<pending>");
    assert!(dds[4].starts_with("80:") && dds[4].ends_with("/TCP"), "{dds:?}");
    // a desktop's panel: the row fits, as kubectl prints it
    block.style().set_property("width", "700px").unwrap();
    settle(50).await;
    assert_eq!(display(&pairs), "none");
    assert_ne!(display(&pre), "none");
    let pre: web_sys::HtmlElement = pre.dyn_into().unwrap();
    assert!(pre.scroll_width() <= pre.client_width() + 1, "{} > {}", pre.scroll_width(), pre.client_width());
}

/// The diagram's Tab stops, in order, as `kind:name`.
fn stops() -> Vec<String> {
    let l = doc().query_selector_all("svg.diagram [tabindex='0']").unwrap();
    (0..l.length()).map(|i| l.item(i).unwrap().dyn_into::<web_sys::Element>().unwrap()).map(|e| format!("{}:{}", e.get_attribute("data-kind").unwrap_or_default(), e.get_attribute("data-name").unwrap_or_default())).collect()
}

/// uicheck21 item 1: the load balancer and the outside client were no Tab stops, and the load
/// balancer came last in the SVG: after "Show me ↓" had focused it (tour step 4), the next Tab
/// left the diagram for "Why no traffic?". The way in is now first in the Tab order — outside
/// client, load balancer, then the Service, nodes and pods — so the next Tab from the load
/// balancer is the Service; "Skip to diagram" still lands on the Service. And "Show me ↓"
/// leaves room above the box (uicheck21 item 8: it sat 1.5 px from the viewport's top).
#[wasm_bindgen_test]
async fn the_way_in_comes_first_in_the_tab_order_and_show_me_leaves_room_above() {
    remount().await;
    let a: web_sys::HtmlElement = doc().query_selector("[data-kind='tour-step'][data-step='4']").unwrap().unwrap().dyn_into().unwrap();
    a.click();
    poll(40, || count("#diagram [data-kind='load-balancer'].tour-point") == 1).await;
    let order = stops();
    assert_eq!(order[0], "client:outside", "{order:?}");
    assert!(order[1].starts_with("load-balancer:"), "{order:?}");
    assert!(order[2].starts_with("service:"), "{order:?}");
    assert!(order[3].starts_with("node:"), "{order:?}");
    let lb = doc().query_selector("#diagram [data-kind='load-balancer']").unwrap().unwrap();
    assert!(lb.get_attribute("aria-label").unwrap_or_default().contains("load balancer"), "{:?}", lb.get_attribute("aria-label"));
    // a tall page, so that the box can be scrolled anywhere
    let body: web_sys::HtmlElement = doc().body().unwrap();
    body.style().set_property("padding-bottom", "3000px").unwrap();
    let show: web_sys::HtmlElement = doc().query_selector("[data-kind='tour-card'] [data-kind='tour-show']").unwrap().unwrap().dyn_into().unwrap();
    show.focus().unwrap();
    show.click();
    settle(50).await;
    let active = doc().active_element().unwrap();
    assert_eq!(active.get_attribute("data-kind").as_deref(), Some("load-balancer"));
    let h = web_sys::window().unwrap().inner_height().unwrap().as_f64().unwrap();
    let top = active.get_bounding_client_rect().top();
    let room = switchboard::ui::tour_room_above(h);
    assert!(top >= room - 1.0 && top <= room + 1.0, "the box at {top} px, room {room} of {h}");
    // the next Tab stop after the load balancer, in document order, is the Service
    let after = order.iter().position(|s| s.starts_with("load-balancer:")).map(|i| order[i + 1].clone());
    assert!(after.as_deref().is_some_and(|s| s.starts_with("service:")), "{after:?}");
    body.style().remove_property("padding-bottom").unwrap();
}

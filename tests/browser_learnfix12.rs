//! Browser tests of the learnfix12 fixes (/work/learner10/report.md): skip links to the Why
//! panel, the pod details and the DNS lookup (learner10: 37–49 Tabs to reach them), and the
//! Why fixes and the pod details line for learner10's q/03 and q/32.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

/// The app's elements a Tab can land on, in document order (no positive tabindex is used): links,
/// buttons, form fields, summaries and tabindex=0 boxes that are rendered.
fn tab_stops() -> Vec<web_sys::Element> {
    let all = doc()
        .query_selector_all(".sb-app a[href], .sb-app button:not([disabled]), .sb-app select, .sb-app input, .sb-app textarea, .sb-app summary, .sb-app [tabindex='0']")
        .unwrap();
    (0..all.length())
        .map(|i| all.item(i).unwrap().dyn_into::<web_sys::Element>().unwrap())
        // rendered (a closed details' content and display: none have no boxes)
        .filter(|e| { let r = e.get_bounding_client_rect(); r.width() > 0.0 || r.height() > 0.0 })
        .collect()
}

/// How many Tabs from the page's load reach the first element matching `sel`.
fn tabs_to(sel: &str) -> usize {
    let stops = tab_stops();
    stops.iter().position(|e| e.matches(sel).unwrap_or(false)).map(|i| i + 1).unwrap_or_else(|| panic!("{sel} is no tab stop"))
}

fn click_sel(sel: &str) {
    doc().query_selector(sel).unwrap().unwrap_or_else(|| panic!("no {sel}")).dyn_into::<web_sys::HtmlElement>().unwrap().click();
}

fn active() -> web_sys::Element {
    doc().active_element().unwrap()
}

/// learner10 keyboard runs K1–K3: 42 Tabs to a Why fix, 38 to a pod, 49 to the DNS lookup. Now
/// the second, third and fourth Tab are skip links (shown when focused), and Enter on each lands
/// on the first Why fix, the pod details (the first pod box while none is open) and the DNS
/// query: at most 5 Tabs from the page's load.
#[wasm_bindgen_test]
async fn skip_links_reach_why_fixes_pod_details_and_dns_in_five_tabs() {
    remount().await;
    show(include_str!("fixtures/learner10/32-selector-extra-label.yaml")).await;
    poll(40, || count(".whynot .fix") > 0).await;
    // without the links: far down the page
    assert!(tabs_to(".whynot .fix") > 20, "{}", tabs_to(".whynot .fix"));
    console_log!("Tabs from load, without the links: first Why fix {}, first pod {}, DNS query {}", tabs_to(".whynot .fix"), tabs_to("svg.diagram [data-kind='pod'][role='button']"), tabs_to("[data-kind='dns-query']"));
    console_log!("Tabs to the links: why {}, details {}, dns {}", tabs_to("[data-kind='skip-why']"), tabs_to("[data-kind='skip-details']"), tabs_to("[data-kind='skip-dns']"));
    for (link, label) in [("skip-why", "Skip to Why no traffic?"), ("skip-details", "Skip to pod details"), ("skip-dns", "Skip to DNS lookup")] {
        let sel = format!("[data-kind='{link}']");
        assert!(tabs_to(&sel) <= 5, "{link}: {} Tabs", tabs_to(&sel));
        assert_eq!(text(&sel), label);
        // visible once focused (a keyboard user sees where the Tab went)
        let a: web_sys::HtmlElement = doc().query_selector(&sel).unwrap().unwrap().dyn_into().unwrap();
        a.focus().unwrap();
        assert!(a.get_bounding_client_rect().width() > 20.0, "{link} visible on focus");
    }
    // Enter on "Skip to Why no traffic?" focuses its first fix: Remove selector key env
    click_sel("[data-kind='skip-why']");
    settle(0).await;
    assert_eq!(active().text_content().unwrap_or_default(), "Remove selector key env", "{}", active().outer_html());
    // no pod picked: the first pod box, whose Enter opens the details
    click_sel("[data-kind='skip-details']");
    settle(0).await;
    assert_eq!(active().get_attribute("data-kind").as_deref(), Some("pod"), "{}", active().outer_html().chars().take(160).collect::<String>());
    fire(&active(), "click");
    settle(200).await;
    poll(20, || count(".details-panel") > 0).await;
    click_sel("[data-kind='skip-details']");
    settle(0).await;
    assert!(active().class_list().contains("details-panel"), "{}", active().outer_html().chars().take(160).collect::<String>());
    click_sel("[data-kind='skip-dns']");
    settle(0).await;
    assert_eq!(active().get_attribute("data-kind").as_deref(), Some("dns-query"), "{}", active().outer_html().chars().take(160).collect::<String>());
}

/// q/03: a bare Pod without labels. Why offers "Add labels {app: web} to Pod web", whose click
/// makes the selector match; the pod details named no Service ("not selected by it").
#[wasm_bindgen_test]
async fn labelless_pod_gets_a_label_fix_and_a_details_line_that_names_the_service() {
    remount().await;
    show(include_str!("fixtures/learner10/03-bare-pod-no-labels.yaml")).await;
    poll(40, || count(".whynot .fix") > 0).await;
    let pod = doc().query_selector("svg.diagram [data-kind='pod'][data-name='web']").unwrap().expect("pod web");
    fire(&pod, "click");
    settle(200).await;
    let details = text(".details-panel");
    assert!(details.contains("not selected by Service web: this pod has no labels at all, and web selects app=web"), "{details}");
    assert_eq!(text(".whynot .fix"), "Add labels {app: web} to Pod web");
    click_sel(".whynot .fix");
    settle(400).await;
    poll(40, || attr(".whynot [data-check='selector']", "data-status").as_deref() == Some("ok")).await;
    assert_eq!(attr(".whynot [data-check='selector']", "data-status").as_deref(), Some("ok"));
    let ta: web_sys::HtmlTextAreaElement = doc().get_element_by_id("yaml").unwrap().dyn_into().unwrap();
    assert!(ta.value().contains("  name: web\n  labels: {app: web}\n"), "{}", ta.value());
}

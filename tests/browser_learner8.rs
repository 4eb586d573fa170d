//! Browser tests of what learner8 found on the page (its inputs are in tests/fixtures/learner8):
//! headless Send 12 and the Connections panel crediting the client, not kube-proxy; the
//! loadBalancerSourceRanges check in Why; the summary table breaking no word.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

/// W1: a headless Service (kube-proxy skips it: pkg/proxy/util/utils.go ShouldSkipService):
/// Send 12's caption and the Connections panel say the client picks, with no "pod (DNAT)".
#[wasm_bindgen_test]
async fn headless_send_twelve_says_the_client_picks() {
    remount().await;
    show(include_str!("../presets/headless-statefulset.yaml")).await;
    poll(40, || text("#connections [data-kind='mode-line']").contains("Headless")).await;
    let line = text("#connections [data-kind='mode-line']");
    assert!(line.contains("kube-proxy skips this Service") && !line.contains("kube-proxy picks"), "{line}");
    let rm: web_sys::HtmlInputElement = doc().get_element_by_id("reduce-motion").unwrap().dyn_into().unwrap();
    rm.set_checked(true);
    fire(&rm, "change");
    settle(50).await;
    click("send-burst");
    settle(200).await;
    let cap = text("#caption");
    assert!(!cap.contains("KUBE-SVC"), "{cap}");
    assert!(cap.contains("A records") && cap.contains("resolver's choice"), "{cap}");
    let head = text("#connections .conn-table thead");
    assert!(!head.contains("(DNAT)"), "{head}");
    rm.set_checked(false);
    fire(&rm, "change");
    settle(50).await;
}

/// W2: q/23 (loadBalancerSourceRanges 203.0.113.0/24), cloud load balancers on, from the cloud
/// load balancer: Why fails the sourceRanges check (it said "every check passes") with a fix.
#[wasm_bindgen_test]
async fn lb_source_ranges_fail_in_why() {
    remount().await;
    show(include_str!("fixtures/learner8/23-lb-source-ranges.yaml")).await;
    let cloud: web_sys::HtmlInputElement = doc().get_element_by_id("cloud").unwrap().dyn_into().unwrap();
    if !cloud.checked() {
        cloud.set_checked(true);
        fire(&cloud, "change");
        settle(400).await;
    }
    choose("entry", "loadbalancer").await;
    poll(40, || count("#why-no-traffic [data-check='sourceRanges']") == 1).await;
    assert_eq!(attr("#why-no-traffic [data-check='sourceRanges']", "data-status").as_deref(), Some("fail"));
    assert!(text("#why-no-traffic > summary").contains("check fails") || text("#why-no-traffic > summary").contains("checks fail"), "{}", text("#why-no-traffic > summary"));
    assert_eq!(count("#why-no-traffic [data-kind='fix'][data-check='sourceRanges']"), 1);
}

/// Visual: the summary table breaks no word (learner8: "LoadBalan|cer" at 1280, "Clust|erIP" at
/// 360 px): squeezed to 220 px, every word of every cell is on one line, and the table scrolls.
#[wasm_bindgen_test]
async fn summary_table_breaks_no_word() {
    let style = doc().create_element("style").unwrap();
    style.set_text_content(Some(include_str!("../style/main.css")));
    doc().head().unwrap().append_child(&style).unwrap();
    remount().await;
    poll(40, || count("#summary-table td") > 0).await;
    let table: web_sys::HtmlElement = doc().get_element_by_id("summary-table").unwrap().dyn_into().unwrap();
    let outer: web_sys::HtmlElement = table.parent_element().unwrap().dyn_into().unwrap();
    outer.style().set_property("width", "220px").unwrap();
    settle(50).await;
    // every word of every cell on one line (a word broken across lines has rects on two; a
    // break after a hyphen, "In-" / "cluster", is between words)
    let broken = js_sys::Function::new_no_args(
        "const out = [];
         for (const cell of document.querySelectorAll('#summary-table th, #summary-table td')) {
           const t = cell.firstChild;
           if (!t || t.nodeType !== 3) continue;
           const re = /[^\\s-]+/g; let m;
           while ((m = re.exec(t.data))) {
             const r = document.createRange();
             r.setStart(t, m.index); r.setEnd(t, m.index + m[0].length);
             const tops = new Set(Array.from(r.getClientRects()).map(x => Math.round(x.top)));
             if (tops.size > 1) out.push(m[0]);
           }
         }
         return out.join(' ');",
    )
    .call0(&wasm_bindgen::JsValue::NULL)
    .unwrap()
    .as_string()
    .unwrap();
    outer.style().remove_property("width").unwrap();
    style.remove();
    assert_eq!(broken, "", "words broken across lines in the summary table");
    assert!(table.offset_width() > 220, "the table keeps its words and scrolls: {}", table.offset_width());
}

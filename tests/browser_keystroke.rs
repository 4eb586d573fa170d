//! Browser test of what one keystroke rebuilds (issue #12, keystroke budget): typing into the
//! first Service's name keeps every element whose content did not change (the editor's other
//! lines, the diagram's nodes and other pods, the iptables rows and checks that do not name the
//! Service), and sets no attribute on them; and the page still shows the new text everywhere.
//! Under `erase_components` a re-run `move || view!` rewrote every attribute of its subtree
//! (~1,600 per keystroke on this scene); the keyed lists of `ui::keyed` build only changed rows.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;


fn all(sel: &str) -> Vec<web_sys::Element> {
    let l = doc().query_selector_all(sel).unwrap();
    (0..l.length()).map(|i| l.item(i).unwrap().dyn_into().unwrap()).collect()
}

/// Type `c` after the first `name: web` of a Service, as an input event.
fn type_after_service_name(c: &str) {
    let ta: web_sys::HtmlTextAreaElement = doc().get_element_by_id("yaml").unwrap().dyn_into().unwrap();
    let v = ta.value();
    let svc = v.find("kind: Service").expect("a Service");
    let name = svc + v[svc..].find("name: ").unwrap();
    let eol = name + v[name..].find('\n').unwrap();
    ta.set_value(&format!("{}{c}{}", &v[..eol], &v[eol..]));
    ta.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
}

#[wasm_bindgen_test]
async fn a_keystroke_keeps_what_it_did_not_change() {
    if let Some(s) = web_sys::window().unwrap().local_storage().ok().flatten() {
        let _ = s.clear();
    }
    switchboard::ui::mount();
    settle(30).await;
    assert_eq!(attr("[data-kind='service']", "data-name").as_deref(), Some("web"));
    let lines = all("pre.hl > div");
    let nodes = all("[data-kind='node']");
    // pods that are not the Service's endpoints (their tooltips do not name it)
    let others = || all("g.pod-hit").into_iter().filter(|g| g.query_selector(".endpoint").unwrap().is_none()).collect::<Vec<_>>();
    let pods = others();
    let rules = all("tr[data-kind='iptables-rule']");
    let checks = all("li[data-kind='check']");
    let pod_rows = all("#pods .pod-row");
    assert!(lines.len() > 10 && nodes.len() >= 2 && !pods.is_empty() && !rules.is_empty() && !checks.is_empty() && !pod_rows.is_empty());
    let rule_texts: Vec<String> = rules.iter().map(|r| r.text_content().unwrap_or_default()).collect();
    let check_texts: Vec<String> = checks.iter().map(|r| r.outer_html()).collect();

    // every attribute set from here on, on elements that were there before
    let attrs = std::rc::Rc::new(std::cell::RefCell::new(Vec::<web_sys::Node>::new()));
    let seen = attrs.clone();
    let cb = Closure::<dyn Fn(js_sys::Array)>::new(move |records: js_sys::Array| {
        for r in records.iter() {
            let r: web_sys::MutationRecord = r.unchecked_into();
            if r.type_() == "attributes" {
                seen.borrow_mut().push(r.target().unwrap());
            }
        }
    });
    let observer = web_sys::MutationObserver::new(cb.as_ref().unchecked_ref()).unwrap();
    let opts = web_sys::MutationObserverInit::new();
    opts.set_attributes(true);
    opts.set_subtree(true);
    observer.observe_with_options(&doc().body().unwrap(), &opts).unwrap();

    type_after_service_name("x");
    settle(30).await;
    let records = observer.take_records();
    for r in records.iter() {
        let r: web_sys::MutationRecord = r.unchecked_into();
        if r.type_() == "attributes" {
            attrs.borrow_mut().push(r.target().unwrap());
        }
    }
    observer.disconnect();

    // the page follows the text
    assert_eq!(attr("[data-kind='service']", "data-name").as_deref(), Some("webx"));
    assert_eq!(count(".service-card[data-name='webx']"), 1);
    // the editor: the same line elements but the one typed in
    let after = all("pre.hl > div");
    assert_eq!(after.len(), lines.len());
    let changed: Vec<usize> = (0..lines.len()).filter(|&i| !after[i].is_same_node(Some(&lines[i]))).collect();
    let typed: Vec<usize> = changed.iter().copied().filter(|&i| after[i].text_content().unwrap().contains("webx")).collect();
    assert_eq!(typed.len(), 1, "the typed line is rebuilt");
    // besides it, only a line equal to its old text (the repeat it was keyed against)
    let old = lines[typed[0]].text_content().unwrap();
    for &i in &changed {
        assert!(i == typed[0] || after[i].text_content().unwrap() == old, "line {} rebuilt: {:?}", i + 1, after[i].text_content());
    }
    assert!(changed.len() <= 2, "only the typed line (and a repeat of it) rebuilt, got {changed:?}");
    // the diagram: nodes and the other pods are the same elements
    let same = |a: &[web_sys::Element], b: &[web_sys::Element]| a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.is_same_node(Some(y)));
    assert!(same(&nodes, &all("[data-kind='node']")), "node boxes kept");
    assert!(same(&pods, &others()), "pod boxes kept");
    assert!(same(&pod_rows, &all("#pods .pod-row")), "pod rows kept");
    // the iptables rows are kept by place (ui::keyed::follow_list): the same elements, the
    // rules naming the Service renamed in them
    let rules_after = all("tr[data-kind='iptables-rule']");
    assert!(same(&rules, &rules_after), "iptables rows kept");
    let renamed: Vec<usize> = (0..rules_after.len()).filter(|&i| rules_after[i].text_content().unwrap_or_default() != rule_texts[i]).collect();
    assert!(!renamed.is_empty(), "a rule naming the Service follows the rename");
    for &i in &renamed {
        assert!(rules_after[i].text_content().unwrap_or_default().contains("default/webx"), "rule row {i} renamed: {:?}", rules_after[i].text_content());
    }
    // checks whose text did not change are kept
    for c in all("li[data-kind='check']") {
        if check_texts.contains(&c.outer_html()) {
            assert!(checks.iter().any(|old| old.is_same_node(Some(&c))), "unchanged check rebuilt");
        }
    }
    // no attribute was rewritten on an element that was kept
    let kept: Vec<&web_sys::Element> = lines.iter().chain(&nodes).chain(&pods).chain(&pod_rows).collect();
    let touched = attrs.borrow().iter().filter(|n| kept.iter().any(|k| k.is_same_node(Some(n)) || k.contains(Some(n)))).count();
    assert_eq!(touched, 0, "attributes set on kept elements");
    drop(cb);
}

#[wasm_bindgen_test]
fn equal_content_equal_key_and_repeats_differ() {
    use switchboard::ui::keyed::{key_of, unique};
    assert_eq!(key_of(&("a", 1)), key_of(&("a", 1)));
    assert_ne!(key_of(&("a", 1)), key_of(&("a", 2)));
    let k = unique([key_of(&"x"), key_of(&"y"), key_of(&"x")]);
    assert_eq!(k[0], key_of(&"x"));
    assert_ne!(k[0], k[2]);
    assert_eq!(k.iter().collect::<std::collections::HashSet<_>>().len(), 3);
}

#[wasm_bindgen_test]
fn a_row_keeps_its_key_when_one_is_inserted_before_it() {
    use switchboard::ui::keyed::keyed;
    let before = keyed(vec!["a", "b", "c"], |s| *s);
    let after = keyed(vec!["a", "new", "b", "c"], |s| *s);
    assert_eq!(before[1], after[2]);
    assert_eq!(before[2], after[3]);
}

//! Browser test of what an edit writes into the page's DOM (issue #12, keystroke budget; keyfix):
//! an edit that does not change the report (a trailing space, a trailing comment) sets no
//! attribute and no text and adds or removes no node in the iptables panel, the Service cards or
//! the diagram; an edit of one port changes only the iptables rows that show that port; a rename
//! sets texts but no `class` in the iptables panel. Until keyfix every `.tok` span of a row whose
//! line changed had its `class` removed and set again (now the spans have no attribute) (a `view!` element's attributes are a
//! `Vec<AnyAttribute>` under `erase_components`, rebuilt whole): 186 class changes per keystroke.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

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

/// Replace the first `from` of the editor's text by `to`, as an input event.
fn edit(from: &str, to: &str) {
    let ta: web_sys::HtmlTextAreaElement = doc().get_element_by_id("yaml").unwrap().dyn_into().unwrap();
    let v = ta.value();
    assert!(v.contains(from), "{from:?} in the text");
    ta.set_value(&v.replacen(from, to, 1));
    ta.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
}

/// One DOM change: where (the element, or a text's parent), and what (`attributes` with its
/// name, `characterData`, `childList`).
struct Change {
    at: web_sys::Element,
    kind: String,
    attr: Option<String>,
}

/// Every DOM change under `<body>` while `f` runs and the page settles.
async fn changes(f: impl FnOnce()) -> Vec<Change> {
    let seen = Rc::new(RefCell::new(Vec::<web_sys::MutationRecord>::new()));
    let into = seen.clone();
    let cb = Closure::<dyn Fn(js_sys::Array)>::new(move |records: js_sys::Array| {
        into.borrow_mut().extend(records.iter().map(|r| r.unchecked_into::<web_sys::MutationRecord>()));
    });
    let observer = web_sys::MutationObserver::new(cb.as_ref().unchecked_ref()).unwrap();
    let opts = web_sys::MutationObserverInit::new();
    opts.set_attributes(true);
    opts.set_character_data(true);
    opts.set_child_list(true);
    opts.set_subtree(true);
    observer.observe_with_options(&doc().body().unwrap(), &opts).unwrap();
    f();
    settle(60).await;
    seen.borrow_mut().extend(observer.take_records().iter().map(|r| r.unchecked_into::<web_sys::MutationRecord>()));
    observer.disconnect();
    drop(cb);
    let records = seen.borrow();
    records
        .iter()
        .filter_map(|r| {
            let t = r.target()?;
            let at = match t.dyn_ref::<web_sys::Element>() {
                Some(e) => e.clone(),
                None => t.parent_element()?,
            };
            Some(Change { at, kind: r.type_(), attr: r.attribute_name() })
        })
        .collect()
}

fn inside<'a>(cs: &'a [Change], sel: &str) -> Vec<&'a Change> {
    cs.iter().filter(|c| c.at.closest(sel).ok().flatten().is_some()).collect()
}

fn describe(cs: &[&Change]) -> Vec<String> {
    cs.iter().map(|c| format!("{} {} on <{} class={:?}>", c.kind, c.attr.clone().unwrap_or_default(), c.at.tag_name(), c.at.get_attribute("class"))).collect()
}

#[wasm_bindgen_test]
async fn an_edit_touches_only_what_shows_it() {
    if let Some(s) = web_sys::window().unwrap().local_storage().ok().flatten() {
        let _ = s.clear();
    }
    switchboard::ui::mount();
    settle(30).await;
    let rules = all("#iptables tr[data-kind='iptables-rule']");
    assert!(rules.len() > 5, "the tutorial scene shows the web Service's iptables rules");
    assert!(rules.iter().any(|r| r.text_content().unwrap_or_default().contains("--dport 80")));

    // no-op edits: the report does not change (core::analyze gives an equal Report), so
    // nothing below the editor is written
    for (from, to) in [("port: 80\n", "port: 80 \n"), ("targetPort: 8080\n", "targetPort: 8080 # the container's port\n")] {
        let cs = changes(|| edit(from, to)).await;
        for panel in ["#iptables", "#services", "#diagram"] {
            let here = inside(&cs, panel);
            assert!(here.is_empty(), "{to:?}: {panel} changed: {:?}", describe(&here));
        }
    }

    // one port edited: only the rows that show it change, and no class is set
    let before: Vec<String> = all("#iptables tr[data-kind='iptables-rule']").iter().map(|r| r.text_content().unwrap_or_default()).collect();
    let cs = changes(|| edit("port: 80 \n", "port: 81\n")).await;
    let rows = all("#iptables tr[data-kind='iptables-rule']");
    assert_eq!(rows.len(), before.len());
    assert!(rows.iter().zip(&rules).all(|(a, b)| a.is_same_node(Some(b))), "the rows are kept");
    let after: Vec<String> = rows.iter().map(|r| r.text_content().unwrap_or_default()).collect();
    let moved: Vec<usize> = (0..rows.len()).filter(|&i| before[i] != after[i]).collect();
    assert!(!moved.is_empty(), "a rule shows the new port");
    for &i in &moved {
        assert!(after[i].contains("81"), "row {i} changed without showing the port: {:?}", after[i]);
    }
    let ipt = inside(&cs, "#iptables");
    for c in &ipt {
        let row = c.at.closest("tr[data-kind='iptables-rule']").ok().flatten();
        let i = row.as_ref().and_then(|r| rows.iter().position(|x| x.is_same_node(Some(r))));
        assert!(i.is_some_and(|i| moved.contains(&i)), "a change outside the port's rows: {:?}", describe(&[c]));
    }
    let classes: Vec<&Change> = ipt.iter().copied().filter(|c| c.attr.as_deref() == Some("class")).collect();
    assert!(classes.is_empty(), "classes set: {:?}", describe(&classes));

    // a rename: the rows' texts follow, no class is set again
    let cs = changes(|| edit("  name: web\nspec:\n  selector", "  name: webx\nspec:\n  selector")).await;
    assert!(text("#iptables").contains("default/webx"));
    let ipt = inside(&cs, "#iptables");
    let classes: Vec<&Change> = ipt.iter().copied().filter(|c| c.attr.as_deref() == Some("class")).collect();
    assert!(classes.is_empty(), "classes set: {:?}", describe(&classes));
    // every hyphenated word of a rule is still its own span (uifix10)
    for code in all("#iptables td.rule-line code") {
        let words = code.text_content().unwrap_or_default().split(' ').filter(|w| w.contains('-')).count() as u32;
        assert_eq!(code.query_selector_all(":scope > span").unwrap().length(), words, "{:?}", code.text_content());
    }
}

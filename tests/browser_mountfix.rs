//! mountfix: two instances on one page share no element id. The page and the first mount keep
//! the plain ids (`service`, `yaml`, `diagram`, …); a later mount's carry `-2` (ui::ids,
//! hostopts::instance_id), every `for=`/`aria-*`/skip link points into its own instance, and
//! what a reader does in the second instance (pick a Service, open Why, apply a fix, step until
//! the rules table lights up, export) changes the second and leaves the first alone.
#![cfg(target_arch = "wasm32")]

use std::collections::{BTreeMap, BTreeSet};

use switchboard::core::presets;
use switchboard::ui::api::mount_with;
use switchboard::ui::Options;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

/// The selector typo (its Why offers a fix) and a second Service, `api`, to pick.
fn yaml() -> String {
    format!(
        "{}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 81\n    targetPort: 8080\n",
        presets::find("broken-selector-typo").unwrap().yaml
    )
}

fn el(sel: &str) -> web_sys::Element {
    doc().query_selector(sel).unwrap().unwrap_or_else(|| panic!("no {sel}"))
}

/// Every id inside the element with id `host`.
fn ids_in(host: &str) -> Vec<String> {
    let l = doc().query_selector_all(&format!("#{host} [id]")).unwrap();
    (0..l.length()).map(|i| l.item(i).unwrap().dyn_into::<web_sys::Element>().unwrap().id()).collect()
}

/// Every reference to an id (`for`, `aria-describedby`/`-labelledby`/`-controls`, `list`, a
/// `#…` link) inside `host`, and whether the element it names is inside `host` too.
fn references_in(host: &str) -> Vec<(String, String, bool)> {
    let root = doc().get_element_by_id(host).unwrap();
    let mut out = Vec::new();
    for a in ["for", "aria-describedby", "aria-labelledby", "aria-controls", "aria-owns", "list", "href"] {
        let l = root.query_selector_all(&format!("[{a}]")).unwrap();
        for i in 0..l.length() {
            let e: web_sys::Element = l.item(i).unwrap().dyn_into().unwrap();
            let v = e.get_attribute(a).unwrap();
            let targets: Vec<String> = if a == "href" {
                // a fragment naming an element (the tour's `#tour=N` step links name none)
                v.strip_prefix('#').filter(|f| !f.contains('=')).map(|f| vec![f.to_string()]).unwrap_or_default()
            } else {
                v.split_whitespace().map(str::to_string).collect()
            };
            for t in targets {
                let inside = doc().get_element_by_id(&t).is_some_and(|t| root.contains(Some(&t)));
                out.push((a.to_string(), t, inside));
            }
        }
    }
    out
}

fn textarea(sel: &str) -> web_sys::HtmlTextAreaElement {
    el(sel).dyn_into().unwrap()
}

#[wasm_bindgen_test]
async fn two_mounts_share_no_id_and_each_acts_on_its_own_elements() {
    // two full instances (scene bar, share bar, teaching panels) and a host heading
    let heading = doc().create_element("h2").unwrap();
    heading.set_id("host-heading");
    doc().body().unwrap().append_child(&heading).unwrap();
    let opts = Options { yaml: Some(yaml()), ..Options::parse("", "") };
    let a = mount_with(host("ma"), opts.clone());
    let b = mount_with(host("mb"), opts);
    settle(50).await;

    // no id twice in the document
    let all = doc().query_selector_all("[id]").unwrap();
    let mut seen = BTreeMap::<String, u32>::new();
    for i in 0..all.length() {
        *seen.entry(all.item(i).unwrap().dyn_into::<web_sys::Element>().unwrap().id()).or_default() += 1;
    }
    let dup: Vec<_> = seen.iter().filter(|(_, n)| **n > 1).collect();
    assert!(dup.is_empty(), "duplicate ids: {dup:?}");

    // the first mount keeps today's ids; the second's are the same with -2
    let (ia, ib) = (ids_in("ma"), ids_in("mb"));
    for plain in ["service", "entry", "diagram", "yaml", "why-no-traffic", "iptables", "export-svg", "editor-help", "caption", "preset"] {
        assert!(ia.iter().any(|i| i == plain), "the first mount has #{plain}: {ia:?}");
    }
    assert!(ia.iter().all(|i| !i.ends_with("-2")), "{ia:?}");
    assert!(ib.iter().all(|i| i.ends_with("-2")), "{ib:?}");
    let plain_b: BTreeSet<String> = ib.iter().map(|i| i.trim_end_matches("-2").to_string()).collect();
    assert_eq!(plain_b, ia.iter().cloned().collect::<BTreeSet<_>>(), "the same elements, suffixed");
    assert_eq!(el("#ma .sb-app").get_attribute("data-sb-instance").as_deref(), Some("1"));
    assert_eq!(el("#mb .sb-app").get_attribute("data-sb-instance").as_deref(), Some("2"));

    // every for= / aria-* / skip link resolves inside its own instance
    for h in ["ma", "mb"] {
        let refs = references_in(h);
        assert!(refs.iter().any(|(a, _, _)| a == "aria-describedby") && refs.iter().any(|(a, _, _)| a == "href"), "{h}: {refs:?}");
        let out: Vec<_> = refs.iter().filter(|r| !r.2).collect();
        assert!(out.is_empty(), "{h}: references leaving the instance: {out:?}");
    }
    assert_eq!(el("#mb .skip-link").get_attribute("href").as_deref(), Some("#diagram-2"));
    assert_eq!(el("#mb .yaml-input").get_attribute("aria-describedby").as_deref(), Some("editor-help-2"));

    // pick a Service in the second: the first keeps its own
    let sel_a: web_sys::HtmlSelectElement = el("#service").dyn_into().unwrap();
    let sel_b: web_sys::HtmlSelectElement = el("#service-2").dyn_into().unwrap();
    assert!(el("#mb").contains(Some(&sel_b)));
    let before_a = sel_a.value();
    let options = doc().query_selector_all("#service-2 option").unwrap();
    let other = (0..options.length()).filter_map(|i| options.item(i)?.dyn_into::<web_sys::Element>().ok()?.get_attribute("value")).find(|v| *v != sel_b.value()).expect("a second Service");
    sel_b.set_value(&other);
    fire(&sel_b, "change");
    settle(20).await;
    assert_eq!(sel_b.value(), other);
    assert_eq!(sel_a.value(), before_a, "the first mount's Service is unchanged");
    // back to web (its selector typo has a fix)
    sel_b.set_value(&before_a);
    fire(&sel_b, "change");
    settle(20).await;

    // open Why in the second only, apply its fix: the second's text changes, focus is on the
    // second's summary (the lookup found the first's), the first's text is as it was
    let (why_a, why_b) = (el("#why-no-traffic"), el("#why-no-traffic-2"));
    why_a.remove_attribute("open").unwrap();
    why_b.remove_attribute("open").unwrap();
    el("#why-no-traffic-2 > summary").dyn_into::<web_sys::HtmlElement>().unwrap().click();
    settle(20).await;
    assert!(why_b.has_attribute("open") && !why_a.has_attribute("open"), "Why opened in the second only");
    let text_a = textarea("#yaml").value();
    assert!(text_a.contains("app: wbe"), "{text_a}");
    let fix = el("#why-no-traffic-2 [data-kind='fix']");
    fix.dyn_into::<web_sys::HtmlElement>().unwrap().click();
    settle(50).await;
    let text_b = textarea("#yaml-2").value();
    assert!(!text_b.contains("app: wbe") && text_b.contains("app: web"), "the second's selector fixed: {text_b}");
    assert_eq!(textarea("#yaml").value(), text_a, "the first's text is unchanged");
    let active = doc().active_element().expect("focus");
    assert!(el("#why-no-traffic-2").contains(Some(&active)) && active.tag_name().eq_ignore_ascii_case("summary"), "focus on the second's Why: {}", active.outer_html());
    assert_eq!(within("mb", "[data-kind='pod'].endpoint"), 3);
    assert_eq!(within("ma", "[data-kind='pod'].endpoint"), 0);

    // step the second until its rules light up: the first's table stays unlit
    for _ in 0..8 {
        if within("mb", "#iptables-2 tr.hit") > 0 {
            break;
        }
        b.step();
        settle(20).await;
    }
    assert!(within("mb", "#iptables-2 tr.hit") > 0, "the second's rules light up");
    assert_eq!(within("ma", "#iptables tr.hit"), 0, "the first's stay dark");
    assert_eq!(a.current_step(), 0);

    // export: each instance's own picture (the second's has the fixed selector's endpoints)
    let endpoints = |svg: &str| {
        let d = web_sys::DomParser::new().unwrap().parse_from_string(svg, web_sys::SupportedType::ImageSvgXml).unwrap();
        d.query_selector_all("[data-kind='pod'].endpoint").unwrap().length()
    };
    let (svg_a, svg_b) = (a.export_svg().unwrap(), b.export_svg().unwrap());
    assert_eq!((endpoints(&svg_a), endpoints(&svg_b)), (0, 3));

    // the first destroyed: a new mount takes its plain ids again
    drop(a);
    settle(0).await;
    let c = mount_with(host("mc"), Options::parse("?embed", ""));
    settle(20).await;
    assert_eq!(within("mc", "#diagram"), 1, "a freed number is reused: {:?}", ids_in("mc"));
    drop((b, c));
    heading.remove();
}

/// The ids in the document that more than one element carries.
fn duplicate_ids() -> Vec<(String, u32)> {
    let all = doc().query_selector_all("[id]").unwrap();
    let mut seen = BTreeMap::<String, u32>::new();
    for i in 0..all.length() {
        *seen.entry(all.item(i).unwrap().dyn_into::<web_sys::Element>().unwrap().id()).or_default() += 1;
    }
    seen.into_iter().filter(|(_, n)| *n > 1).collect()
}

/// lead16 (session 15's "Left"): a host heading `id="service"` (a docs page's "## Service")
/// shared that id with the first mount, whose label and Service menu then pointed at the heading;
/// now the mount takes the next number. A mount into an element not yet in the document took the
/// same number as the next mount; now it keeps its own while it waits (hostopts::free_instance_where,
/// ui::ids::Ids::claim).
#[wasm_bindgen_test]
async fn a_host_id_and_a_mount_not_yet_attached_share_no_id_with_an_instance() {
    let heading = doc().create_element("h2").unwrap();
    heading.set_id("service");
    doc().body().unwrap().append_child(&heading).unwrap();
    let a = mount_with(host("hx"), Options::parse("?embed", ""));
    settle(20).await;
    assert_eq!((within("hx", "#service"), within("hx", "#service-2")), (0, 1), "{:?}", ids_in("hx"));
    assert!(duplicate_ids().is_empty(), "duplicate ids: {:?}", duplicate_ids());
    let outside: Vec<_> = references_in("hx").into_iter().filter(|r| !r.2).collect();
    assert!(outside.is_empty(), "references leaving the mount: {outside:?}");

    // a mount into a detached element, then one into the page, then the first attached
    let waiting: web_sys::HtmlElement = doc().create_element("div").unwrap().dyn_into().unwrap();
    waiting.set_id("hw");
    let b = mount_with(waiting.clone(), Options::parse("?embed", ""));
    let c = mount_with(host("hy"), Options::parse("?embed", ""));
    settle(20).await;
    doc().body().unwrap().append_child(&waiting).unwrap();
    settle(20).await;
    assert_eq!((within("hw", "#diagram-3"), within("hy", "#diagram-4")), (1, 1), "{:?} / {:?}", ids_in("hw"), ids_in("hy"));
    assert!(duplicate_ids().is_empty(), "duplicate ids: {:?}", duplicate_ids());
    drop((a, b, c));
    heading.remove();
}

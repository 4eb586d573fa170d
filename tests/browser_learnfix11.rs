//! Browser tests of the learner10 fixes (/work/learner10/report.md; inputs in
//! tests/fixtures/learner10): the caption and Why of a Service refused at a wrong apiVersion
//! (k8s.io/apimachinery pkg/api/meta/errors.go NoKindMatchError), the embed tour's own "Try it"
//! and Previous/Next, a read-only embed's what-ifs, and the exported picture's title and
//! tooltips.
#![cfg(target_arch = "wasm32")]

use switchboard::ui::api::{js_mount, mount_with};
use switchboard::ui::Options;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

/// Remove every mounted app (a test that looks elements up by id sees only its own).
fn clear() {
    let old = doc().query_selector_all(".sb-app").unwrap();
    for i in 0..old.length() {
        old.item(i).unwrap().dyn_into::<web_sys::Element>().unwrap().remove();
    }
}

/// W2 (q/18): a Service at apps/v1. The caption names the refused Service and the hint, not
/// "No Service in the manifests yet"; Why fails with "Set apiVersion: v1", whose click brings the
/// Service (and its path) back.
#[wasm_bindgen_test]
async fn refused_service_at_wrong_api_version_is_named_with_its_fix() {
    remount().await;
    show(include_str!("fixtures/learner10/18-service-wrong-apiversion.yaml")).await;
    poll(40, || text("#caption").contains("is refused")).await;
    let cap = text("#caption");
    assert!(cap.contains("Service web is refused, so nothing is drawn: no matches for kind \"Service\" in version \"apps/v1\" (line 1): Service is apiVersion: v1."), "{cap}");
    assert!(!cap.contains("No Service in the manifests yet"), "{cap}");
    assert_eq!(attr("#why-no-traffic [data-check='accepted']", "data-status").as_deref(), Some("fail"));
    let fix = doc().query_selector("#why-no-traffic [data-kind='fix']").unwrap().expect("a fix button").dyn_into::<web_sys::HtmlElement>().unwrap();
    assert_eq!(fix.text_content().unwrap(), "Set apiVersion: v1");
    fix.click();
    settle(400).await;
    poll(40, || !text("#caption").contains("is refused")).await;
    let ta: web_sys::HtmlTextAreaElement = doc().get_element_by_id("yaml").unwrap().dyn_into().unwrap();
    assert!(ta.value().starts_with("apiVersion: v1\nkind: Service"), "{}", ta.value());
    assert!(!text("#caption").contains("is refused"), "{}", text("#caption"));
}

/// W3: `?embed&tour=3` (NodePort). The embed hides the scene bar and the rules, so the card's
/// "Try it" is the embed's own (the From picker), and the card has Previous/Next.
#[wasm_bindgen_test]
async fn embed_tour_card_uses_what_the_embed_shows_and_has_previous_next() {
    clear();
    let _h = mount_with(host("et"), Options::parse("?embed&tour=3", ""));
    settle(100).await;
    let card = doc().query_selector("#et [data-kind='tour-card']").unwrap().expect("tour card");
    let t = card.text_content().unwrap();
    assert!(t.contains("Switch \"From\" between the nodes' nodePorts"), "{t}");
    assert!(!t.contains("Set Nodes") && !t.contains("KUBE-NODEPORTS"), "{t}");
    assert_eq!(within("et", "#tour-prev"), 1);
    doc().query_selector("#et #tour-next").unwrap().expect("Next").dyn_into::<web_sys::HtmlElement>().unwrap().click();
    settle(200).await;
    assert_eq!(doc().query_selector("#et [data-kind='tour-card']").unwrap().unwrap().get_attribute("data-step").as_deref(), Some("4"));
    let t = doc().query_selector("#et [data-kind='tour-card']").unwrap().unwrap().text_content().unwrap();
    assert!(t.contains("the load balancer is only a front door") && !t.contains("Cloud load balancers"), "{t}");
    clear();
}

/// T5: `?embed&readonly`: the pod panel's + (a YAML edit) leaves the read-only manifests as they
/// are and says why (docs/embedding.md: "the editor cannot be changed").
#[wasm_bindgen_test]
async fn read_only_embed_what_ifs_do_not_edit_the_manifests() {
    clear();
    let _h = mount_with(host("ro"), Options::parse("?embed&readonly&preset=web-clusterip", ""));
    settle(100).await;
    let ta: web_sys::HtmlTextAreaElement = doc().get_element_by_id("yaml").unwrap().dyn_into().unwrap();
    assert!(ta.read_only());
    let before = ta.value();
    let pod = doc().query_selector("#ro [data-kind='pod'][data-name^='web-']").unwrap().expect("a pod of web");
    fire(&pod, "click");
    settle(200).await;
    let plus = doc().query_selector("#ro #selected [data-kind='scale-up']").unwrap();
    let plus = plus.unwrap_or_else(|| panic!("no + in {:?} / pods {}", text("#ro #selected"), count("#ro [data-kind='pod']")));
    plus.dyn_into::<web_sys::HtmlElement>().unwrap().click();
    settle(300).await;
    assert_eq!(ta.value(), before);
    let st = text("#ro #selected [data-kind='edit-status']");
    assert!(st.starts_with("The manifests are read-only here"), "{st}");
    clear();
}

/// T8: the exported SVG names the entry as the From picker does and its tooltips are SVG
/// <title>s (no XHTML namespace, no presentation attributes).
#[wasm_bindgen_test]
async fn exported_svg_titles_are_svg_tooltips_and_entry_is_named() {
    clear();
    let o = js_sys::Object::new();
    js_sys::Reflect::set(&o, &"preset".into(), &"web-nodeport".into()).unwrap();
    js_sys::Reflect::set(&o, &"entry".into(), &"nodeport@node-2".into()).unwrap();
    let h = js_mount(host("xs"), JsValue::from(o));
    settle(100).await;
    let svg = h.export_svg().expect("svg");
    assert!(!svg.contains("http://www.w3.org/1999/xhtml"), "{svg}");
    let parsed = web_sys::DomParser::new().unwrap().parse_from_string(&svg, web_sys::SupportedType::ImageSvgXml).unwrap();
    let titles = parsed.get_elements_by_tag_name("title");
    assert!(titles.length() > 3);
    for i in 0..titles.length() {
        let t = titles.item(i).unwrap();
        assert_eq!(t.namespace_uri().as_deref(), Some("http://www.w3.org/2000/svg"));
        assert!(!t.has_attributes(), "{}", t.outer_html());
    }
    assert!(titles.item(0).unwrap().text_content().unwrap().starts_with("Switchboard: Service default/web (NodePort), from: Outside client → node-2's nodePort."));
    clear();
}

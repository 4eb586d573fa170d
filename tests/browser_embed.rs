//! Browser tests for sharing and embedding: link round trip, corrupt and oversized links,
//! embed options, the mount API, two instances on one page, and the exported SVG.
#![cfg(target_arch = "wasm32")]

use switchboard::core::presets;
use switchboard::core::share::{self, SharedScene};
use switchboard::ui::api::{js_mount, mount_with};
use switchboard::ui::Options;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

fn attr(id: &str, sel: &str, a: &str) -> Option<String> {
    doc().query_selector(&format!("#{id} {sel}")).unwrap().and_then(|e| e.get_attribute(a))
}
fn set_url(url: &str) {
    web_sys::window().unwrap().history().unwrap().replace_state_with_url(&JsValue::NULL, "", Some(url)).unwrap();
}
async fn tick() {
    leptos::task::tick().await;
}

#[wasm_bindgen_test]
async fn link_round_trip_restores_the_scene() {
    let yaml = presets::find("web-nodeport").unwrap().yaml;
    let first_pod = switchboard::core::analyze(yaml, &Default::default()).pods[0].name.clone();
    let scene = SharedScene {
        yaml: yaml.into(),
        service: "web".into(),
        entry: "nodeport@node-2".into(),
        step: 2,
        theme: "dark".into(),
        nodes: 4,
        cloud: false,
        flipped: vec![format!("default/{first_pod}")],
        deleted: vec![],
        cordoned: vec!["node-1".into()],
        drained: vec![],
        client: "node-3".into(),
        families: "ipv6,ipv4".into(),
        ..Default::default()
    };
    let path = web_sys::window().unwrap().location().pathname().unwrap();
    set_url(&format!("{path}?embed#s={}", share::encode(&scene)));
    let opts = Options::from_location();
    assert!(opts.embed);
    assert_eq!(opts.link_error, None);
    let _h = mount_with(host("rt"), opts);
    tick().await;
    let ta: web_sys::HtmlTextAreaElement = doc().query_selector("#rt #yaml").unwrap().unwrap().dyn_into().unwrap();
    assert_eq!(ta.value(), scene.yaml);
    assert_eq!(within("rt", "[data-kind='node']"), 4);
    assert_eq!(attr("rt", "[data-kind='packet']", "data-step").as_deref(), Some("2"));
    let entry: web_sys::HtmlSelectElement = doc().query_selector("#rt #entry").unwrap().unwrap().dyn_into().unwrap();
    assert_eq!(entry.value(), "nodeport@node-2");
    // the IP families came with the link: an IPv6-first dual-stack cluster (the Service, single
    // stack, gets the primary family's address)
    let svc = doc().query_selector("#rt [data-kind='service'][data-name='web']").unwrap().expect("the Service is drawn").text_content().unwrap();
    assert!(svc.contains("fd00:10:96::") && !svc.contains("10.96.") && !svc.contains("10.1"), "{svc}");
    assert_eq!(doc().get_element_by_id("rt").unwrap().get_attribute("data-theme").as_deref(), Some("dark"));
    assert_eq!(within("rt", &format!("[data-kind='pod'][data-name='{first_pod}'].flipped")), 1);
    // the what-if kept outside the YAML came with the link: node-1 cordoned, named as such
    let kept = doc().query_selector("#rt [data-kind='whatif-kept']").unwrap().expect("the kept what-ifs are shown");
    assert!(kept.text_content().unwrap().contains("cordoned node-1"), "{:?}", kept.text_content());
    assert!(kept.text_content().unwrap().contains("the client pod runs on node-3"), "{:?}", kept.text_content());
    // embed view: no page chrome
    assert_eq!(within("rt", ".topbar"), 0);
    assert_eq!(within("rt", ".sharebar"), 0);
    set_url(&path);
}

#[wasm_bindgen_test]
async fn corrupt_and_oversized_links_show_a_message_and_the_default_scene() {
    let path = web_sys::window().unwrap().location().pathname().unwrap();
    let good = share::encode(&SharedScene { yaml: "kind: Service".into(), ..Default::default() });
    for (i, frag) in [format!("v1.{}", &good[3..good.len() / 2]), "v1.@@@!".to_string(), "A".repeat(9_000), "v7.xyz".to_string()].iter().enumerate() {
        set_url(&format!("{path}#s={frag}"));
        let opts = Options::from_location();
        let err = opts.link_error.clone().expect("an error");
        let id = format!("bad{i}");
        let _h = mount_with(host(&id), opts);
        tick().await;
        let shown = doc().query_selector(&format!("#{id} .link-error")).unwrap().expect("message shown").text_content().unwrap();
        assert!(shown.contains("could not be opened") && shown.contains(&err), "{shown}");
        // the default scene, intact
        assert_eq!(within(&id, "[data-kind='service'][data-name='web']"), 1);
        assert_eq!(within(&id, "[data-kind='pod'].endpoint"), 3);
    }
    set_url(&path);
}

#[wasm_bindgen_test]
async fn mount_api_two_instances_are_independent() {
    let opts_a = js_sys::Object::new();
    js_sys::Reflect::set(&opts_a, &"preset".into(), &"web-clusterip".into()).unwrap();
    let opts_b = js_sys::Object::new();
    js_sys::Reflect::set(&opts_b, &"preset".into(), &"web-nodeport".into()).unwrap();
    js_sys::Reflect::set(&opts_b, &"readOnly".into(), &true.into()).unwrap();
    js_sys::Reflect::set(&opts_b, &"theme".into(), &"dark".into()).unwrap();
    js_sys::Reflect::set(&opts_a, &"hideEditor".into(), &true.into()).unwrap();
    let mut a = js_mount(host("a"), opts_a.into());
    let b = js_mount(host("b"), opts_b.into());
    tick().await;
    assert_eq!(within("a", "[data-kind='service'][data-type='ClusterIP']"), 1);
    assert_eq!(within("b", "[data-kind='service'][data-type='NodePort']"), 1);
    // (the second mount's ids carry -2: mountfix)
    assert!(attr("b", "#yaml-2", "readonly").is_some());
    assert_eq!(within("a", ".yaml-input"), 0, "hideEditor");
    assert_eq!(within("b", ".yaml-input"), 1);
    assert_eq!(doc().get_element_by_id("b").unwrap().get_attribute("data-theme").as_deref(), Some("dark"));
    assert_eq!(doc().get_element_by_id("a").unwrap().get_attribute("data-theme"), None);

    // stepping A moves only A's packet
    a.step();
    a.step();
    tick().await;
    assert_eq!(a.current_step(), 2);
    assert_eq!(b.current_step(), 0);
    assert_eq!(attr("a", "[data-kind='packet']", "data-step").as_deref(), Some("2"));
    assert_eq!(attr("b", "[data-kind='packet']", "data-step").as_deref(), Some("0"));

    // setYaml on A: a selector typo; B keeps its endpoints
    a.set_yaml(presets::find("broken-selector-typo").unwrap().yaml.into());
    tick().await;
    assert_eq!(within("a", "[data-kind='pod'].endpoint"), 0);
    assert_eq!(within("b", "[data-kind='pod'].endpoint"), 3);
    a.play();
    a.pause();

    // the exported SVG parses as XML and holds the drawn pods, with styles inlined
    let svg = b.export_svg().expect("svg");
    let parsed = web_sys::DomParser::new().unwrap().parse_from_string(&svg, web_sys::SupportedType::ImageSvgXml).unwrap();
    assert_eq!(parsed.get_elements_by_tag_name("parsererror").length(), 0);
    assert_eq!(parsed.query_selector_all("[data-kind='pod']").unwrap().length(), 4);
    assert!(svg.contains(" fill=\"rgb(") && !svg.contains(" style=\""), "styles inlined as presentation attributes (no style attribute: CSP)");

    // destroy unmounts A only
    a.destroy();
    tick().await;
    assert_eq!(within("a", "*"), 0);
    assert_eq!(within("b", "[data-kind='service']"), 1);
}

#[wasm_bindgen_test]
async fn hostile_labels_stay_text_in_the_page_and_the_export() {
    let yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels:\n    app: '\"><svg onload=alert(1)>'\nspec:\n  containers:\n  - name: '<img src=x onerror=alert(1)>'\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n";
    let opts = js_sys::Object::new();
    js_sys::Reflect::set(&opts, &"yaml".into(), &yaml.into()).unwrap();
    let h = js_mount(host("x"), opts.into());
    tick().await;
    assert_eq!(doc().query_selector_all("#x [onload], #x [onerror], #x img").unwrap().length(), 0);
    assert!(doc().get_element_by_id("x").unwrap().text_content().unwrap().contains("onload=alert(1)"), "shown as text");
    let svg = h.export_svg().unwrap();
    let parsed = web_sys::DomParser::new().unwrap().parse_from_string(&svg, web_sys::SupportedType::ImageSvgXml).unwrap();
    assert_eq!(parsed.query_selector_all("[onload], [onerror], img").unwrap().length(), 0);
}

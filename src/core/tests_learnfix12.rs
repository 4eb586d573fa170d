//! What learner10 found and was left (/work/learner10/report.md, U q/03, q/32, q/04, M q/25),
//! fixed in "Why no traffic?" and the pod details: each test feeds the learner's own input
//! (tests/fixtures/learner10) and asserts the sentence and the fix that answer it, with the
//! upstream source it rests on (kubernetes/kubernetes paths and functions in each test's doc).

use super::analyze;
use super::checklist::{apply, checklist, Check};
use super::config::Config;

fn fixture(file: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/learner10").join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn find<'a>(c: &'a [Check], key: &str) -> &'a Check {
    c.iter().find(|c| c.key == key).unwrap_or_else(|| panic!("no {key} check in {c:#?}"))
}

fn selector_status(text: &str) -> String {
    let r = analyze(text, &Config::default());
    find(&checklist(text, &r, "web", "pod"), "selector").status.clone()
}

/// q/03: a bare Pod with no labels and a Service selecting app=web. The EndpointSlice
/// controller lists pods by the selector only (pkg/controller/endpointslice/endpointslice_controller.go
/// syncService: podLister.Pods(ns).List(labels.Set(service.Spec.Selector).AsSelectorPreValidated())),
/// so a pod without labels is never picked: Why says so and adds the labels in one click.
#[test]
fn labelless_pod_endpointslice_controller_sync_service_lists_by_labels_fix_adds_them() {
    let text = fixture("03-bare-pod-no-labels.yaml");
    let r = analyze(&text, &Config::default());
    let c = checklist(&text, &r, "web", "pod");
    let sel = find(&c, "selector");
    assert_eq!(sel.status, "fail");
    assert!(sel.why.contains("Pod web has no labels at all, so no selector picks it: a Service selects pods by their labels only, never by name. This one selects app=web: give the pod those labels (metadata.labels: {app: web})."), "{}", sel.why);
    let fix = sel.fix.as_ref().expect("a fix");
    assert_eq!(fix.label, "Add labels {app: web} to Pod web");
    let fixed = apply(&text, &fix.edit).expect("applies");
    assert!(fixed.contains("metadata:\n  name: web\n  labels: {app: web}\nspec:"), "{fixed}");
    assert_eq!(selector_status(&fixed), "ok");
    // values YAML would retype are quoted; a flow metadata gets no edit (no guess at its layout)
    let t = text.replace("    app: web\n", "    app: \"true\"\n    tier: web\n");
    let r = analyze(&t, &Config::default());
    let f = find(&checklist(&t, &r, "web", "pod"), "selector").fix.clone().expect("fix");
    assert_eq!(f.label, "Add labels {app: \"true\", tier: web} to Pod web");
    assert_eq!(selector_status(&apply(&t, &f.edit).expect("applies")), "ok");
}

/// q/03, the pod details: "Selected Service: not selected by it" named nothing. The line names
/// the Service and says why (no labels at all; what it selects).
#[test]
fn labelless_pod_details_name_the_service() {
    let text = fixture("03-bare-pod-no-labels.yaml");
    let r = analyze(&text, &Config::default());
    let pod = r.pods.iter().find(|p| p.name == "web").expect("pod");
    assert_eq!(super::poddetails::selected_service(Some(&r.services[0]), pod), "not selected by Service web: this pod has no labels at all, and web selects app=web (a Service picks pods by their labels)");
    assert_eq!(super::poddetails::selected_service(None, pod), "no Service picked");
}

/// q/32: selector app=web + env=prod, pods app=web only. Both edits, each right under its
/// assumption: remove env from the selector (block and flow maps, every other character kept),
/// or add env: prod to the Deployment's pod template (its own selector app=web still matches:
/// apps/validation ValidateDeploymentSpec needs the selector to match the template's labels,
/// a superset does).
#[test]
fn selector_key_the_pods_lack_remove_it_or_add_it_to_the_template() {
    let text = fixture("32-selector-extra-label.yaml");
    let r = analyze(&text, &Config::default());
    let sel = find(&checklist(&text, &r, "web", "pod"), "selector").clone();
    assert_eq!(sel.status, "fail");
    let labels: Vec<&str> = sel.fixes().map(|f| f.label.as_str()).collect();
    assert_eq!(labels, vec!["Remove selector key env", "Add label env: prod to Deployment web's pod template"]);
    assert!(sel.why.contains("Either the selector asks for a label the pods do not carry (remove env from the Service's selector) or the pods should carry it (add env: prod to Deployment web's pod template's labels)."), "{}", sel.why);
    let removed = apply(&text, &sel.fix.as_ref().unwrap().edit).expect("applies");
    assert!(removed.contains("  selector:\n    app: web\n  ports:"), "{removed}");
    assert_eq!(selector_status(&removed), "ok");
    let added = apply(&text, &sel.more_fixes[0].edit).expect("applies");
    assert!(added.contains("      labels:\n        env: prod\n        app: web\n"), "{added}");
    assert_eq!(selector_status(&added), "ok");
    assert!(analyze(&added, &Config::default()).diagnostics.iter().all(|d| d.severity != super::diag::Severity::Error));

    // flow maps: `selector: {app: web, env: prod}` and the key first, the template's flow labels
    for (sel_text, want) in [("{app: web, env: prod}", "{app: web}"), ("{env: prod, app: web}", "{app: web}"), ("{ app: web ,  env: \"prod\" }", "{ app: web }")] {
        let t = text.replace("  selector:\n    app: web\n    env: prod\n", &format!("  selector: {sel_text}\n")).replace("      labels:\n        app: web\n", "      labels: {app: web}\n");
        let r = analyze(&t, &Config::default());
        let sel = find(&checklist(&t, &r, "web", "pod"), "selector").clone();
        let removed = apply(&t, &sel.fix.as_ref().expect("remove").edit).expect("applies");
        assert!(removed.contains(&format!("  selector: {want}\n")), "{sel_text}: {removed}");
        assert_eq!(selector_status(&removed), "ok", "{removed}");
        let added = apply(&t, &sel.more_fixes[0].edit).expect("applies");
        assert!(added.contains("      labels: {env: prod, app: web}\n"), "{added}");
        assert_eq!(selector_status(&added), "ok");
    }
}

/// q/04: the Deployment's template says app=frontend, its selector app=web: the API server
/// refuses it (pkg/apis/apps/validation/validation.go ValidateDeploymentSpec: "`selector` does
/// not match template `labels`"). Its selector is what the Service selects, so once accepted its
/// pods carry app=web: Why names it, and the fix sets the template label.
#[test]
fn refused_deployment_whose_selector_the_service_shares_is_named_validate_deployment_spec() {
    let text = fixture("04-deploy-selector-template-mismatch.yaml");
    let r = analyze(&text, &Config::default());
    let sel = find(&checklist(&text, &r, "web", "pod"), "selector").clone();
    assert_eq!(sel.status, "fail");
    assert!(sel.why.contains("Deployment web was refused by the API server, so it runs no pods: spec.template.metadata.labels: Invalid value: {\"app\":\"frontend\"}: `selector` does not match template `labels`. Its selector picks the pods this Service selects"), "{}", sel.why);
    let fix = sel.fix.as_ref().expect("fix");
    assert_eq!(fix.label, "Set Deployment web's template label app: web");
    let fixed = apply(&text, &fix.edit).expect("applies");
    assert_eq!(selector_status(&fixed), "ok");
    // the case 0371b28 kept: the template matches, the Deployment is refused for another reason
    let t = text.replace("        app: frontend\n", "        app: web\n").replace("  replicas: 3\n", "  replicas: -1\n");
    let r = analyze(&t, &Config::default());
    let sel = find(&checklist(&t, &r, "web", "pod"), "selector").clone();
    assert!(sel.why.contains("Deployment web was refused by the API server, so it runs no pods: spec.replicas"), "{}", sel.why);
    // a refused workload of other labels and another selector is not named
    let t = text.replace("      app: web\n  template", "      app: other\n  template");
    let r = analyze(&t, &Config::default());
    assert!(!find(&checklist(&t, &r, "web", "pod"), "selector").why.contains("was refused"));
}

/// M1 follow-up (q/25 with the pods not Ready — the page's "Fail its readiness probe"): the
/// probe note (core::probes, ProbePortUndeclared: pkg/probe/util.go ResolveContainerPort uses
/// the number as is, pkg/kubelet/prober/prober.go runProbe) is the Why's likely reason, with
/// the probe port set to the declared one as a fix under its assumption.
#[test]
fn undeclared_probe_port_is_the_likely_reason_pods_are_not_ready_prober_run_probe() {
    let text = fixture("25-readiness-probe-wrong-port.yaml");
    let r = analyze(&text, &Config::default());
    assert_eq!(find(&checklist(&text, &r, "web", "pod"), "ready").status, "ok");
    let names: Vec<String> = r.pods.iter().filter(|p| p.name.starts_with("web-")).map(|p| format!("{}/{}", p.namespace, p.name)).collect();
    let cfg = Config { flip_ready: names, ..Config::default() };
    let r = analyze(&text, &cfg);
    let ready = find(&checklist(&text, &r, "web", "pod"), "ready").clone();
    assert_eq!(ready.status, "fail");
    assert!(ready.why.contains("Likely reason: spec.template.spec.containers[0].readinessProbe.httpGet.port (line 35): probe port 80 is not a declared containerPort of container web (8080): if nothing listens on 80 the probe fails and the pod never becomes Ready"), "{}", ready.why);
    let fix = ready.fix.as_ref().expect("fix");
    assert_eq!(fix.label, "Set readinessProbe port: 8080 (if the app listens on 8080)");
    let fixed = apply(&text, &fix.edit).expect("applies");
    assert!(fixed.ends_with("            path: /healthz\n            port: 8080\n"), "{fixed}");
    assert!(!analyze(&fixed, &Config::default()).diagnostics.iter().any(|d| d.code == "ProbePortUndeclared"));
    // one pod of three not Ready: a warning, the same reason
    let cfg = Config { flip_ready: vec![format!("default/{}", r.pods.iter().find(|p| p.name.starts_with("web-")).unwrap().name)], ..Config::default() };
    let r = analyze(&text, &cfg);
    let ready = find(&checklist(&text, &r, "web", "pod"), "ready").clone();
    assert_eq!(ready.status, "warn");
    assert!(ready.why.contains("Likely reason: spec.template.spec.containers[0].readinessProbe.httpGet.port"), "{}", ready.why);
}

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
    // the report says it too: the path's reason and NoPodsSelected (mod.rs refused_dependencies)
    let path = &r.services[0].paths[0];
    assert!(path.reason.contains("Deployment web was refused by the API server, so it does not exist (spec.template.metadata.labels: Invalid value"), "{}", path.reason);
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
    // (Ready as simulated: since learnfix15 a warning that names the probe's line —
    // tests_learnfix15 probe_port_trap_warns_on_why_ready_probe_util_resolve_container_port)
    assert_eq!(find(&checklist(&text, &r, "web", "pod"), "ready").status, "warn");
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

/// Item 5: an "ingress" preset (Ingress → Service web → pods, one host, pathType Prefix) and a
/// tour card that uses it. ingress-nginx sends to the endpoints itself ("By default the NGINX
/// ingress controller uses a list of all endpoints (Pod IP/port) in the NGINX upstream
/// configuration", kubernetes/ingress-nginx docs/user-guide/nginx-configuration/annotations.md
/// "Service Upstream"); not every controller does (the AWS Load Balancer Controller's default
/// instance targets go through a nodePort), so the path says ingress-nginx, not "most".
#[test]
fn ingress_preset_and_tour_card_ingress_nginx_sends_to_the_endpoints() {
    let p = super::presets::find("ingress").expect("preset");
    assert_eq!((p.service, p.entry), ("web", "ingress"));
    let r = analyze(p.yaml, &Config::default());
    assert!(r.diagnostics.iter().all(|d| d.severity == super::diag::Severity::Info), "{:#?}", r.diagnostics);
    let path = r.services[0].paths.iter().find(|p| p.entry == super::paths::Entry::Ingress).expect("ingress path");
    assert_eq!((path.outcome, path.ingress.as_deref(), path.backends.len()), (super::paths::Outcome::Delivered, Some("web"), 3));
    assert!(path.hops[0].explanation.contains("rule host web.example.com path / (Prefix) → backend service web port 80"), "{}", path.hops[0].explanation);
    let last = &path.hops.last().unwrap().explanation;
    assert!(last.starts_with("ingress-nginx (by default; Traefik's default too) sends to the Service's endpoints directly, not through its clusterIP — not every controller does"), "{last}");
    assert!(!last.contains("Most controllers"));
    let c = checklist(p.yaml, &r, "web", "ingress@web");
    assert_eq!(find(&c, "ingress").status, "ok");
    // the tour card: last (trainers' #tour=N links keep their steps), its "Try it" answers as it says
    // (#tour=15: learnfix16 appended two steps after it, so every older number holds)
    let i = super::tour::STEPS.iter().position(|s| s.preset == "ingress").expect("step");
    assert_eq!(i + 1, 15);
    let step = &super::tour::STEPS[i];
    assert_eq!((step.preset, step.entry, step.point), ("ingress", "ingress@web", "external:ingress/web"));
    assert!(step.text.contains("ingress-nginx") && !step.text.contains("most controllers"));
    let t = p.yaml.replace("              number: 80", "              number: 81");
    let r = analyze(&t, &Config::default());
    let path = r.services[0].paths.iter().find(|p| p.entry == super::paths::Entry::Ingress).expect("ingress path");
    assert_eq!(path.outcome, super::paths::Outcome::Rejected);
    assert!(r.diagnostics.iter().any(|d| d.code == "IngressBackend" && d.message.contains("has no port 81") && d.message.contains("answers 503")));
    assert_eq!(find(&checklist(&t, &r, "web", "ingress@web"), "ingress").status, "fail");
}

const INGRESS_WEB: &str = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  ingressClassName: nginx\n  rules:\n  - host: shop.example.com\n    http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: web\n            port:\n              number: 80\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: 8080\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n        ports:\n        - containerPort: 8080\n";

/// Item 6a: a NetworkPolicy selecting the backend pods that admits only app=frontend. The
/// controller's own connection arrives at the pods (ingress-nginx sends to the endpoints), so the
/// policy must admit the controller's pods (kubernetes.io NetworkPolicy: an isolated pod takes
/// only what a rule allows; k8s.io/api networking/v1 NetworkPolicyPeer). It was "delivered";
/// now dropped, with ingress-nginx's 504 after proxy-connect-timeout 5 s and 3 tries
/// (kubernetes/ingress-nginx internal/ingress/controller/config/config.go NewDefault), and the
/// rule that admits it.
#[test]
fn network_policy_without_the_controller_namespace_drops_the_ingress_path_networkpolicy_peer() {
    let np = "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: only-frontend\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          app: frontend\n";
    let text = format!("{INGRESS_WEB}{np}");
    let r = analyze(&text, &Config::default());
    let path = r.services[0].paths.iter().find(|p| p.entry == super::paths::Entry::Ingress).expect("ingress path");
    assert_eq!(path.outcome, super::paths::Outcome::Dropped, "{path:#?}");
    // (since learnfix15 with the closest rule and what it lacks, as the in-cluster entry says)
    assert!(path.reason.starts_with("NetworkPolicy only-frontend admits no connection from the ingress controller (taken as ingress-nginx's own install: pods labelled app.kubernetes.io/name=ingress-nginx in namespace ingress-nginx) to the endpoint pods (only-frontend's closest rule is ingress rule 1 (spec.ingress[0]), from podSelector app=frontend on every port — it lacks the namespace: "), "{}", path.reason);
    assert!(path.reason.contains("): they are dropped, and the controller answers 504 Gateway Time-out"), "{}", path.reason);
    let drop = path.hops.last().unwrap();
    assert_eq!(drop.kind, super::paths::HopKind::Drop);
    assert!(drop.explanation.contains("proxy-connect-timeout (5 s)"), "{}", drop.explanation);
    let c = checklist(&text, &r, "web", "ingress@web");
    assert_eq!(find(&c, "netpol").status, "fail", "{c:#?}");
    // the rule the text gives admits it
    let fixed = text.replace("          app: frontend\n", "          app: frontend\n    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: ingress-nginx\n");
    let r = analyze(&fixed, &Config::default());
    let path = r.services[0].paths.iter().find(|p| p.entry == super::paths::Entry::Ingress).expect("ingress path");
    assert_eq!(path.outcome, super::paths::Outcome::Delivered, "{}", path.reason);
    // another class: its controller's namespace is not in the input, the path says what to admit
    let traefik = text.replace("ingressClassName: nginx", "ingressClassName: traefik");
    let r = analyze(&traefik, &Config::default());
    let path = r.services[0].paths.iter().find(|p| p.entry == super::paths::Entry::Ingress).expect("ingress path");
    assert_eq!(path.outcome, super::paths::Outcome::Delivered);
    assert!(path.reason.contains("; NetworkPolicy only-frontend isolates the endpoint pods for ingress: it must admit the pods of the class-traefik ingress controller"), "{}", path.reason);
    assert_eq!(find(&checklist(&traefik, &r, "web", "ingress@web"), "netpol").status, "warn");
}

/// Item 6b: an Ingress backend that is an ExternalName Service. ingress-nginx makes the external
/// name the upstream (internal/ingress/controller/endpointslices.go getEndpointsFromSlices,
/// ExternalName case; controller.go externalNamePorts: no port of that number → the backend's
/// number) and keeps the client's Host header (rootfs/etc/nginx/template/nginx.tmpl
/// $best_http_host) unless upstream-vhost is set. It had no path at all.
#[test]
fn external_name_backend_is_proxied_to_the_external_host_get_endpoints_from_slices() {
    let text = INGRESS_WEB.replace("            name: web\n", "            name: api\n") + "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  type: ExternalName\n  externalName: api.example.com\n";
    let r = analyze(&text, &Config::default());
    let api = r.services.iter().find(|s| s.name == "api").expect("api");
    let path = api.paths.iter().find(|p| p.entry == super::paths::Entry::Ingress).expect("an ingress path for the ExternalName backend");
    assert_eq!((path.outcome, path.port), (super::paths::Outcome::External, Some(80)));
    let last = path.hops.last().unwrap();
    assert_eq!((last.to.as_str(), last.dst.as_str()), ("external:api.example.com", "api.example.com:80"));
    assert!(last.explanation.contains("with the client's Host: shop.example.com, not api.example.com"), "{}", last.explanation);
    let c = checklist(&text, &r, "api", "ingress@web");
    let ing = find(&c, "ingress");
    assert_eq!(ing.status, "ok");
    assert!(ing.why.contains("to api.example.com:80, outside the cluster (ExternalName api)"), "{}", ing.why);
    // upstream-vhost: the external name's own Host
    let vhost = text.replace("  name: web\nspec:\n  ingressClassName", "  name: web\n  annotations:\n    nginx.ingress.kubernetes.io/upstream-vhost: api.example.com\nspec:\n  ingressClassName");
    let r = analyze(&vhost, &Config::default());
    let path = r.services.iter().find(|s| s.name == "api").unwrap().paths.iter().find(|p| p.entry == super::paths::Entry::Ingress).unwrap().clone();
    assert!(path.hops.last().unwrap().explanation.contains("with Host: api.example.com (nginx.ingress.kubernetes.io/upstream-vhost)"), "{vhost}\n{}", path.hops.last().unwrap().explanation);
}

/// Item 6c: the AWS Load Balancer Controller's `use-annotation` backend. The API server takes
/// "use-annotation" as a port name (pkg/apis/networking/validation/validation.go
/// validateIngressBackend → IsValidPortName: at most 15 characters, [a-z0-9-], a letter, no
/// `--`), and the controller reads the action from alb.ingress.kubernetes.io/actions.<name>
/// (aws-load-balancer-controller pkg/ingress/enhanced_backend_builder.go): no Service port, so
/// no path is drawn, and the note says what the route does. (Documents what was already right.)
#[test]
fn use_annotation_backend_is_a_valid_port_name_and_an_alb_action_is_valid_port_name() {
    let text = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations:\n    alb.ingress.kubernetes.io/actions.ssl-redirect: '{\"Type\": \"redirect\", \"RedirectConfig\": {\"Protocol\": \"HTTPS\", \"Port\": \"443\", \"StatusCode\": \"HTTP_301\"}}'\nspec:\n  ingressClassName: alb\n  rules:\n  - http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: ssl-redirect\n            port:\n              name: use-annotation\n";
    let r = analyze(text, &Config::default());
    assert!(r.diagnostics.iter().all(|d| d.severity != super::diag::Severity::Error), "{:#?}", r.diagnostics);
    let note = r.diagnostics.iter().find(|d| d.code == "IngressBackend").expect("note");
    assert!(note.message.contains("port name use-annotation is the AWS Load Balancer Controller's action reference, not a Service port: the route takes the action in annotation alb.ingress.kubernetes.io/actions.ssl-redirect"), "{}", note.message);
    assert!(r.services.iter().all(|s| s.paths.iter().all(|p| p.entry != super::paths::Entry::Ingress)));
}

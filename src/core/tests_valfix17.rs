//! valfix17: the Priority admission plugin (kubernetes/kubernetes
//! plugin/pkg/admission/priority/admission.go admitPod, getDefaultPriority) with the
//! PriorityClasses the input creates (core::podfields::resolve_priority_classes), whole and
//! incremental; and the NetworkPolicy advice for an Ingress controller's dropped path.

use super::analyze;
use super::config::Config;
use super::diag::Severity;
use super::incremental::Incremental;

fn errors(src: &str) -> Vec<String> {
    analyze(src, &Config::default()).diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| format!("{}:{}: {}", d.line, d.column, d.message)).collect()
}

fn infos(src: &str) -> Vec<String> {
    analyze(src, &Config::default()).diagnostics.iter().filter(|d| d.severity == Severity::Info).map(|d| d.message.clone()).collect()
}

const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: batch\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n";

fn class(name: &str, value: i64, extra: &str) -> String {
    format!("---\napiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: {name}\nvalue: {value}\n{extra}")
}

fn pod(spec_extra: &str) -> String {
    POD.replace("spec:\n", &format!("spec:\n{spec_extra}"))
}

#[test]
fn admit_pod_uses_the_input_class_value() {
    // priorityClassName: high → its value; the written priority equal to it is accepted
    let ok = format!("{}{}", pod("  priorityClassName: high\n  priority: 1000\n"), class("high", 1000, ""));
    assert!(errors(&ok).is_empty(), "{:?}", errors(&ok));
    assert!(analyze(&ok, &Config::default()).pods.len() == 1);
    // another value is refused with the class's
    let bad = format!("{}{}", pod("  priorityClassName: high\n  priority: 5\n"), class("high", 1000, ""));
    assert_eq!(errors(&bad), vec!["7:13: pods \"batch\" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 1000 from the given PriorityClass name".to_string()]);
}

#[test]
fn admit_pod_uses_the_input_class_preemption_policy() {
    let never = format!("{}{}", pod("  priorityClassName: batch\n  preemptionPolicy: Never\n"), class("batch", 10, "preemptionPolicy: Never\n"));
    assert!(errors(&never).is_empty(), "{:?}", errors(&never));
    // (defaulted PreemptLowerPriority: SetDefaults_PriorityClass)
    let lower = format!("{}{}", pod("  priorityClassName: batch\n  preemptionPolicy: Never\n"), class("batch", 10, ""));
    assert_eq!(errors(&lower), vec!["7:21: pods \"batch\" is forbidden: the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name".to_string()]);
}

#[test]
fn get_default_priority_is_the_input_global_default() {
    // a pod with no priorityClassName gets the globalDefault class's value: no false refusal
    let ok = format!("{}{}", pod("  priority: 1000\n"), class("default-high", 1000, "globalDefault: true\n"));
    assert!(errors(&ok).is_empty(), "{:?}", errors(&ok));
    // and 0 is then refused
    let zero = format!("{}{}", pod("  priority: 0\n"), class("default-high", 1000, "globalDefault: true\n"));
    assert_eq!(errors(&zero), vec!["6:13: pods \"batch\" is forbidden: the integer value of priority (0) must not be provided in pod spec; priority admission controller computed 1000 from the given PriorityClass name".to_string()]);
    // a class not globalDefault is no default: 0 stands
    let not_default = format!("{}{}", pod("  priority: 1000\n"), class("high", 1000, ""));
    assert_eq!(errors(&not_default).len(), 1, "{:?}", errors(&not_default));
    // several globalDefault classes: the lowest value (getDefaultPriorityClass)
    let two = format!("{}{}{}", pod("  priority: 7\n"), class("a", 9, "globalDefault: true\n"), class("b", 7, "globalDefault: true\n"));
    assert!(errors(&two).is_empty(), "{:?}", errors(&two));
}

#[test]
fn admit_pod_input_class_for_a_deployment() {
    let dep = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: vote\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: vote\n  template:\n    metadata:\n      labels:\n        app: vote\n    spec:\n      priorityClassName: high\n      priority: 1000\n      containers:\n      - image: nginx\n        name: vote\n";
    let src = format!("{dep}{}", class("high", 1000, ""));
    let r = analyze(&src, &Config::default());
    assert_eq!(r.pods.len(), 1, "{:?}", r.diagnostics.iter().map(|d| &d.message).collect::<Vec<_>>());
}

#[test]
fn reference_assumed_only_for_a_class_not_in_the_input() {
    let src = format!("{}{}---\n{}", pod("  priorityClassName: high\n"), class("other", 1, ""), POD.replace("batch", "web").replace("spec:\n", "spec:\n  priorityClassName: other\n"));
    let i = infos(&src);
    assert!(i.iter().any(|m| m.contains("PriorityClass \"high\" (for the Pod) not created in this input: assumed to exist")), "{i:?}");
    assert!(!i.iter().any(|m| m.contains("PriorityClass \"other\"")), "{i:?}");
}

#[test]
fn incremental_follows_a_priority_class_edit() {
    let src = format!("{}{}", pod("  priority: 1000\n"), class("default-high", 1000, "globalDefault: true\n"));
    let mut inc = Incremental::new();
    inc.set(src.clone());
    let errs = |r: &super::report::Report| r.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| d.message.clone()).collect::<Vec<_>>();
    let r = inc.analyze(&Config::default());
    assert!(errs(&r).is_empty(), "{:?}", errs(&r));
    assert_eq!(r, analyze(&src, &Config::default()));
    // the class's value edited: the pod (another document) is refused
    let at = src.find("value: 1000").unwrap() + "value: ".len();
    inc.splice(at, at + 4, "2000");
    let r = inc.analyze(&Config::default());
    assert!(errs(&r).iter().any(|e| e.contains("computed 2000 from the given PriorityClass name")), "{:?}", errs(&r));
    assert_eq!(r, analyze(inc.text(), &Config::default()));
    // and back
    inc.splice(at, at + 4, "1000");
    let r = inc.analyze(&Config::default());
    assert!(errs(&r).is_empty(), "{:?}", errs(&r));
    // the pod edited (read again without the classes): resolved against them
    let p = inc.text().find("priority: 1000").unwrap() + "priority: ".len();
    inc.splice(p, p + 4, "1000");
    let r = inc.analyze(&Config::default());
    assert!(errs(&r).is_empty(), "{:?}", errs(&r));
    assert_eq!(r, analyze(inc.text(), &Config::default()));
}

/// diffsweep4 W7 (/work/diffsweep4/edge/ing-netpol-ctrl.yaml): the controller pod is in the
/// input and the policy admits namespace ingress-nginx, but only on port 8080, the backend
/// listening on 80: dropped, and the advice names the port (netpol::port_only_advice;
/// NetworkPolicyIngressRule `from` AND `ports`, k8s.io/api networking/v1 types.go), not the
/// namespaceSelector rule it already has.
const ING_NETPOL_CTRL: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: ingress-nginx-controller-abc\n  namespace: ingress-nginx\n  labels: {app.kubernetes.io/name: ingress-nginx, app.kubernetes.io/component: controller, app.kubernetes.io/instance: ingress-nginx}\nspec: {containers: [{name: controller, image: registry.k8s.io/ingress-nginx/controller:v1.11.0}]}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 80}]}]}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: allow-from-ingress}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}, podSelector: {matchLabels: {app.kubernetes.io/component: controller}}}], ports: [{port: 8080}]}]\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  ingressClassName: nginx\n  rules: [{host: b.example.com, http: {paths: [{path: /api, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}]\n";

fn ingress_path(text: &str) -> super::paths::Path {
    let r = analyze(text, &Config::default());
    let web = r.services.iter().find(|s| s.name == "web").expect("web");
    web.paths.iter().find(|p| p.entry == super::paths::Entry::Ingress).expect("ingress path").clone()
}

#[test]
fn ingress_controller_admitted_on_another_port_advice_names_the_port_network_policy_ingress_rule() {
    let path = ingress_path(ING_NETPOL_CTRL);
    assert_eq!(path.outcome, super::paths::Outcome::Dropped, "{}", path.reason);
    assert!(
        path.reason.ends_with("rule spec.ingress[0] of NetworkPolicy allow-from-ingress admits the controller's pods, but only on port 8080/TCP: the controller connects to the endpoint's port 80/TCP (policies see the pod's port) — add {port: 80} to that rule's ports"),
        "{}",
        path.reason
    );
    assert!(!path.reason.contains("a rule with from: [{namespaceSelector"), "{}", path.reason);
    let drop = path.hops.last().unwrap();
    assert!(drop.explanation.contains("add {port: 80} to that rule's ports"), "{}", drop.explanation);
    // the port added: delivered
    let fixed = ING_NETPOL_CTRL.replace("ports: [{port: 8080}]", "ports: [{port: 8080}, {port: 80}]");
    assert_eq!(ingress_path(&fixed).outcome, super::paths::Outcome::Delivered);
    // the peer missing (another namespace), whatever the port: the namespaceSelector advice stays
    let peer = ING_NETPOL_CTRL.replace("kubernetes.io/metadata.name: ingress-nginx}}, podSelector", "kubernetes.io/metadata.name: frontend}}, podSelector");
    let path = ingress_path(&peer);
    assert_eq!(path.outcome, super::paths::Outcome::Dropped);
    assert!(path.reason.ends_with("a rule with from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}}] admits it"), "{}", path.reason);
}

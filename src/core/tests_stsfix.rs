//! stsfix: a StatefulSet's template pod spec is not validated with the StatefulSet
//! (kubernetes/kubernetes pkg/apis/apps/validation/validation.go ValidateStatefulSetSpec →
//! ValidatePodTemplateSpecForStatefulSet: selector match, template labels and annotations only,
//! ValidatePodTemplateSpec a commented-out "TODO: Add validation for PodSpec"; then restartPolicy
//! Always and activeDeadlineSeconds Forbidden). The set is created; its controller's pods are
//! refused (pkg/controller/statefulset stateful_pod_control.go CreateStatefulPod / recordPodEvent:
//! FailedCreate `create Pod web-0 in StatefulSet web failed error: Pod "web-0" is invalid: …`).

use super::diag::Severity;
use super::report::Report;
use super::tests::{errors, run};

const SUBDOMAIN: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

/// The FailedCreate warnings: (message, line, column).
fn failed_create(r: &Report) -> Vec<(String, u32, u32)> {
    r.diagnostics.iter().filter(|d| d.code == "FailedCreate" && d.severity == Severity::Warning).map(|d| (d.message.clone(), d.line, d.column)).collect()
}

fn sts(spec: &str) -> String {
    format!("apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {{name: web}}\nspec:\n  serviceName: web\n  replicas: 2\n  selector: {{matchLabels: {{app: web}}}}\n  template:\n    metadata: {{labels: {{app: web}}}}\n    spec:\n{spec}")
}

// /work/diffsweep2/edge/sts-template-podspec-accepted.yaml: ValidateStatefulSetSpec does not run
// ValidatePodSpec's ValidateServiceAccountName; the pod web-0 is refused (FailedCreate), no pod
#[test]
fn validate_statefulset_spec_leaves_the_template_service_account_name_to_the_pod() {
    let src = sts("      serviceAccountName: KSA_NAME\n      containers: [{name: c, image: nginx}]\n");
    let r = run(&src);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert_eq!(r.pods.len(), 0);
    let fc = failed_create(&r);
    assert_eq!(fc.len(), 1, "{fc:?}");
    let want = format!("(event FailedCreate: create Pod web-0 in StatefulSet web failed error: Pod \"web-0\" is invalid: spec.serviceAccountName: Invalid value: \"KSA_NAME\": {SUBDOMAIN})");
    assert!(fc[0].0.ends_with(&want), "{}", fc[0].0);
    // pointed at the value in the user's text
    assert_eq!((fc[0].1, fc[0].2), (11, 27));
}

// /work/diffsweep2/edge/sts-redefined-bad-sa.yaml: the later definition's patch passes
// ValidateStatefulSetUpdate (ValidateStatefulSetSpec again: no PodSpec validation), so the set
// becomes the later manifest and its pod tensorflow-0 is refused
#[test]
fn validate_statefulset_update_accepts_a_later_definition_with_a_bad_template_pod_spec() {
    let src = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: tensorflow}\nspec:\n  serviceName: tensorflow\n  selector: {matchLabels: {pod: tensorflow-pod}}\n  template:\n    metadata: {labels: {pod: tensorflow-pod}}\n    spec:\n      containers: [{name: c, image: tensorflow/tensorflow}]\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: tensorflow}\nspec:\n  serviceName: tensorflow\n  selector: {matchLabels: {pod: tensorflow-pod}}\n  template:\n    metadata: {labels: {pod: tensorflow-pod}}\n    spec:\n      serviceAccountName: <GCSFUSE_KSA>\n      containers: [{name: c, image: tensorflow/tensorflow}]\n";
    let r = run(src);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert_eq!(r.pods.len(), 0, "the later manifest is the set: its pod is refused");
    assert!(!r.diagnostics.iter().any(|d| d.message.contains("patch is refused")), "{:?}", r.diagnostics);
    let fc = failed_create(&r);
    assert_eq!(fc.len(), 1, "{fc:?}");
    assert!(fc[0].0.contains("Pod \"tensorflow-0\" is invalid: spec.serviceAccountName: Invalid value: \"<GCSFUSE_KSA>\""), "{}", fc[0].0);
    assert_eq!((fc[0].1, fc[0].2), (21, 27));
}

// ValidatePodSpec → validateContainers: `containers: Required value` and a container's
// `image: Required value` are the pod's errors, aggregated in one FailedCreate (utilerrors
// NewAggregate: `[…, …]`); the StatefulSet is created
#[test]
fn validate_pod_template_spec_for_statefulset_does_not_require_containers() {
    let r = run(&sts("      containers: []\n"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let fc = failed_create(&r);
    assert_eq!(fc.len(), 1, "{fc:?}");
    assert!(fc[0].0.ends_with("Pod \"web-0\" is invalid: spec.containers: Required value)"), "{}", fc[0].0);
    assert_eq!((fc[0].1, fc[0].2), (11, 19));
    let r = run(&sts("      containers: [{name: c, ports: [{containerPort: 0}]}]\n"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert_eq!(r.pods.len(), 0);
    let fc = failed_create(&r);
    assert!(
        fc[0].0.ends_with("is invalid: [spec.containers[0].image: Required value, spec.containers[0].ports[0].containerPort: Required value])"),
        "{}",
        fc[0].0
    );
}

// stateful_set_utils.go initIdentity: the pod's hostname is its name and its subdomain the set's
// serviceName, whatever the template says: a bad template hostname is no error; a serviceName
// that is no DNS label refuses the pod (ValidatePodSpec: spec.subdomain), pointed at serviceName
#[test]
fn statefulset_pod_identity_replaces_the_template_hostname_and_subdomain() {
    let r = run(&sts("      hostname: Bad_Host\n      containers: [{name: c, image: nginx}]\n"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert!(failed_create(&r).is_empty(), "{:?}", failed_create(&r));
    assert_eq!(r.pods.len(), 2);
    let r = run(&sts("      containers: [{name: c, image: nginx}]\n").replace("serviceName: web", "serviceName: Web_Svc"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let fc = failed_create(&r);
    assert_eq!(fc.len(), 1, "{fc:?}");
    assert!(fc[0].0.contains("Pod \"web-0\" is invalid: spec.subdomain: Invalid value: \"Web_Svc\": a lowercase RFC 1123 label"), "{}", fc[0].0);
    assert_eq!((fc[0].1, fc[0].2), (5, 16));
}

// ValidateStatefulSetSpec itself: restartPolicy other than Always is NotSupported (only
// "Always": validateRestartPolicy's three values are ValidatePodSpec's, not run), and
// activeDeadlineSeconds is Forbidden: still refused
#[test]
fn validate_statefulset_spec_still_refuses_restart_policy_and_active_deadline() {
    let r = run(&sts("      restartPolicy: Never\n      containers: [{name: c}]\n"));
    assert_eq!(errors(&r), vec!["spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"".to_string()]);
    assert!(failed_create(&r).is_empty());
    let r = run(&sts("      restartPolicy: Foo\n      containers: [{name: c, image: nginx}]\n"));
    assert_eq!(errors(&r), vec!["spec.template.spec.restartPolicy: Unsupported value: \"Foo\": supported values: \"Always\"".to_string()]);
    let r = run(&sts("      activeDeadlineSeconds: 0\n      containers: [{name: c, image: nginx}]\n"));
    assert_eq!(errors(&r), vec!["spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported".to_string()]);
    assert_eq!(r.pods.len(), 0);
}

// ValidatePodTemplateSpecForStatefulSet: unversionedvalidation.ValidateLabels(template.Labels,
// `spec.template.labels`) still runs: refused
#[test]
fn validate_pod_template_spec_for_statefulset_still_validates_template_labels() {
    let src = sts("      containers: [{name: c, image: nginx}]\n").replace("metadata: {labels: {app: web}}", "metadata: {labels: {app: web, bad: \"-x-\"}}");
    let r = run(&src);
    let errs = errors(&r);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].starts_with("spec.template.labels: Invalid value: \"-x-\""), "{errs:?}");
    assert!(failed_create(&r).is_empty());
    assert_eq!(r.pods.len(), 0);
}

// ValidateDeploymentSpec → ValidatePodTemplateSpecForReplicaSet runs ValidatePodTemplateSpec:
// the same template refuses a Deployment (and strict decoding refuses a StatefulSet's unknown field)
#[test]
fn validate_pod_template_spec_for_replica_set_still_refuses_a_deployment() {
    let src = sts("      serviceAccountName: KSA_NAME\n      containers: []\n").replace("kind: StatefulSet", "kind: Deployment").replace("  serviceName: web\n", "");
    let r = run(&src);
    assert_eq!(errors(&r), vec![format!("spec.template.spec.serviceAccountName: Invalid value: \"KSA_NAME\": {SUBDOMAIN}"), "spec.template.spec.containers: Required value".to_string()]);
    assert!(failed_create(&r).is_empty());
    let r = run(&sts("      containers: [{name: c, image: nginx, imagePullPolicyy: Always}]\n"));
    assert!(errors(&r).iter().any(|e| e.contains("imagePullPolicyy")), "{:?}", errors(&r));
    assert_eq!(r.pods.len(), 0);
}

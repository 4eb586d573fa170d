//! stsfix: a StatefulSet's template pod spec, which before Kubernetes 1.34 was not validated with
//! the StatefulSet (pkg/apis/apps/validation/validation.go ValidatePodTemplateSpecForStatefulSet:
//! a commented-out "TODO: Add validation for PodSpec"): the set was created and its controller's
//! pods refused (stateful_pod_control.go CreateStatefulPod / recordPodEvent: FailedCreate).
//! Since 1.34 (kubernetes/kubernetes#131790, CHANGELOG-1.34 "Add podSpec validation for create
//! StatefulSet") ValidateStatefulSetSpec validates it at create and the set is refused: these
//! tests say so now (stsval; tests_stsval.rs). What the pods still meet (the identity the
//! controller gives them: initIdentity) stays here.

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

// /work/diffsweep2/edge/sts-template-podspec-accepted.yaml: since 1.34 ValidateStatefulSetSpec
// runs ValidatePodSpec (kubernetes#131790), ValidateServiceAccountName among it: the set is
// refused at spec.template.spec.serviceAccountName (was: the pod web-0, FailedCreate)
#[test]
fn validate_statefulset_spec_131790_refuses_the_template_service_account_name() {
    let src = sts("      serviceAccountName: KSA_NAME\n      containers: [{name: c, image: nginx}]\n");
    let r = run(&src);
    assert_eq!(errors(&r), vec![format!("spec.template.spec.serviceAccountName: Invalid value: \"KSA_NAME\": {SUBDOMAIN}")]);
    assert_eq!(r.pods.len(), 0);
    assert!(failed_create(&r).is_empty(), "{:?}", failed_create(&r));
    // pointed at the value in the user's text
    let d = r.diagnostics.iter().find(|d| d.severity == Severity::Error).unwrap();
    assert_eq!((d.line, d.column), (11, 27));
}

// /work/diffsweep2/edge/sts-redefined-bad-sa.yaml: the update model validates a later definition
// as the create (core::mod replaced_objects). Upstream's update skips the new template checks only
// where the old object already fails them (StatefulSetValidationOptions.SkipValidatePodTemplateSpec,
// kubernetes#131790: the ratcheting liggitt asks for on kubernetes#119529 / #132212); the earlier
// definition here passed them, so its patch is refused and it stays with its pods (was: the patch
// passed and the later manifest's pod tensorflow-0 was refused, FailedCreate)
#[test]
fn validate_statefulset_update_refuses_a_later_definition_with_a_bad_template_pod_spec() {
    let src = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: tensorflow}\nspec:\n  serviceName: tensorflow\n  selector: {matchLabels: {pod: tensorflow-pod}}\n  template:\n    metadata: {labels: {pod: tensorflow-pod}}\n    spec:\n      containers: [{name: c, image: tensorflow/tensorflow}]\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: tensorflow}\nspec:\n  serviceName: tensorflow\n  selector: {matchLabels: {pod: tensorflow-pod}}\n  template:\n    metadata: {labels: {pod: tensorflow-pod}}\n    spec:\n      serviceAccountName: <GCSFUSE_KSA>\n      containers: [{name: c, image: tensorflow/tensorflow}]\n";
    let r = run(src);
    let errs: Vec<_> = r.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| (d.message.as_str(), d.line, d.column)).collect();
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].0.starts_with("spec.template.spec.serviceAccountName: Invalid value: \"<GCSFUSE_KSA>\""), "{errs:?}");
    assert_eq!((errs[0].1, errs[0].2), (21, 27));
    assert!(r.diagnostics.iter().any(|d| d.code == "UpdateRefused" && d.message.contains("patch is refused")), "{:?}", r.diagnostics);
    assert_eq!(r.pods.len(), 1, "the earlier definition stays, with its pod");
    assert!(failed_create(&r).is_empty(), "{:?}", failed_create(&r));
}

// ValidatePodSpec → validateContainers, run by ValidateStatefulSetSpec since 1.34
// (kubernetes#131790): `containers: Required value` and a container's `image: Required value`
// refuse the set at spec.template.spec… (was: the pod's errors, one FailedCreate)
#[test]
fn validate_statefulset_spec_131790_requires_containers() {
    let r = run(&sts("      containers: []\n"));
    assert_eq!(errors(&r), vec!["spec.template.spec.containers: Required value"]);
    let d = r.diagnostics.iter().find(|d| d.severity == Severity::Error).unwrap();
    assert_eq!((d.line, d.column), (11, 19));
    assert!(failed_create(&r).is_empty());
    let r = run(&sts("      containers: [{name: c, ports: [{containerPort: 0}]}]\n"));
    assert_eq!(r.pods.len(), 0);
    assert!(failed_create(&r).is_empty());
    assert_eq!(errors(&r), vec!["spec.template.spec.containers[0].image: Required value", "spec.template.spec.containers[0].ports[0].containerPort: Required value"]);
}

// stateful_set_utils.go initIdentity: the pod's hostname is its name and its subdomain the set's
// serviceName, whatever the template says; but since 1.34 the template itself is validated
// (kubernetes#131790: ValidatePodSpec's hostname, a DNS label), so a bad template hostname
// refuses the set (was: no error); a serviceName that is no DNS label refuses the set too since
// 1.33 (kubernetes#130233, ValidateStatefulSetSpec: ValidateDNS1123Label; valfix19 — was: the
// set created and its pods refused, ValidatePodSpec's spec.subdomain, pointed at serviceName)
#[test]
fn statefulset_pod_identity_replaces_the_template_hostname_and_subdomain() {
    let r = run(&sts("      hostname: Bad_Host\n      containers: [{name: c, image: nginx}]\n"));
    assert_eq!(errors(&r).len(), 1, "{:?}", errors(&r));
    assert!(errors(&r)[0].starts_with("spec.template.spec.hostname: Invalid value: \"Bad_Host\": a lowercase RFC 1123 label"), "{:?}", errors(&r));
    assert!(failed_create(&r).is_empty(), "{:?}", failed_create(&r));
    assert_eq!(r.pods.len(), 0);
    let r = run(&sts("      hostname: good-host\n      containers: [{name: c, image: nginx}]\n"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert_eq!(r.pods.len(), 2);
    let r = run(&sts("      containers: [{name: c, image: nginx}]\n").replace("serviceName: web", "serviceName: Web_Svc"));
    assert_eq!(errors(&r).len(), 1, "{:?}", errors(&r));
    assert!(errors(&r)[0].starts_with("spec.serviceName: Invalid value: \"Web_Svc\": a lowercase RFC 1123 label"), "{:?}", errors(&r));
    assert!(failed_create(&r).is_empty(), "{:?}", failed_create(&r));
    assert_eq!(r.pods.len(), 0);
}

// ValidateStatefulSetSpec itself: restartPolicy other than Always is NotSupported (only
// "Always"), and activeDeadlineSeconds is Forbidden; since 1.34 ValidatePodSpec runs too
// (kubernetes#131790): validateRestartPolicy's three values and activeDeadlineSeconds' range
// are said beside them, as a Deployment's are (was: the set's two checks alone)
#[test]
fn validate_statefulset_spec_still_refuses_restart_policy_and_active_deadline() {
    let r = run(&sts("      restartPolicy: Never\n      containers: [{name: c, image: nginx}]\n"));
    assert_eq!(errors(&r), vec!["spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"".to_string()]);
    assert!(failed_create(&r).is_empty());
    let r = run(&sts("      restartPolicy: Foo\n      containers: [{name: c, image: nginx}]\n"));
    assert_eq!(
        errors(&r),
        vec![
            "spec.template.spec.restartPolicy: Unsupported value: \"Foo\": supported values: \"Always\", \"OnFailure\", \"Never\"".to_string(),
            "spec.template.spec.restartPolicy: Unsupported value: \"Foo\": supported values: \"Always\"".to_string()
        ]
    );
    let r = run(&sts("      activeDeadlineSeconds: 0\n      containers: [{name: c, image: nginx}]\n"));
    assert_eq!(
        errors(&r),
        vec![
            "spec.template.spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive".to_string(),
            "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported".to_string()
        ]
    );
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

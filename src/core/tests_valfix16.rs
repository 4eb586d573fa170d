//! valfix16: controller adoption beyond ReplicaSets (DaemonSet, Deployment, Job with
//! manualSelector), CustomResourceDefinition defaults against their schema, seccomp's empty
//! localhostProfile, the pod security context's seLinuxChangePolicy and supplementalGroupsPolicy,
//! a Job's success and pod failure policy limits. Each test names the upstream function
//! (kubernetes/kubernetes unless said).

use super::report::Report;
use super::tests::{errors, run};

fn has(r: &Report, m: &str) -> bool {
    errors(r).iter().any(|e| e == m)
}

fn job(spec: &str) -> String {
    format!(
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: work\nspec:\n{spec}  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox:1.36\n"
    )
}

fn pod(security_context: &str) -> String {
    format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n{security_context}  containers:\n  - name: app\n    image: nginx:1.27\n")
}

// pkg/apis/core/validation/validation.go (000f2605) validateSeccompProfileField: Localhost with
// localhostProfile nil is `Required`; with "" it goes to validateLocalDescendingPath, which finds
// nothing wrong in "" (not absolute, no `..`): the API server accepts it. Our behaviour already
// matched; this pins it.
#[test]
fn validate_seccomp_profile_field_localhost_empty_profile_is_accepted_missing_is_required() {
    let r = run(&pod("    seccompProfile:\n      type: Localhost\n      localhostProfile: \"\"\n"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert_eq!(r.pods.len(), 1);
    let r = run(&pod("    seccompProfile:\n      type: Localhost\n"));
    assert!(has(&r, "spec.securityContext.seccompProfile.localhostProfile: Required value: must be set when seccomp type is Localhost"), "{:?}", errors(&r));
    // validateLocalDescendingPath on what is written
    let r = run(&pod("    seccompProfile:\n      type: Localhost\n      localhostProfile: ../x.json\n"));
    assert!(has(&r, "spec.securityContext.seccompProfile.localhostProfile: Invalid value: \"../x.json\": must not contain '..'"), "{:?}", errors(&r));
}

// validatePodSpecSecurityContext → validateSupplementalGroupsPolicy (Merge | Strict) and
// validateSELinuxChangePolicy with opts.AllowOnlyRecursiveSELinuxChangePolicy, which
// pkg/api/pod/util.go useOnlyRecursiveSELinuxChangePolicy sets on create while the SELinuxMount
// gate is off (beta, default off since v1.33): MountOption is refused there
#[test]
fn validate_pod_spec_security_context_supplemental_groups_and_selinux_change_policy() {
    for ok in ["    supplementalGroupsPolicy: Merge\n", "    supplementalGroupsPolicy: Strict\n", "    seLinuxChangePolicy: Recursive\n"] {
        let r = run(&pod(ok));
        assert!(errors(&r).is_empty(), "{ok}: {:?}", errors(&r));
    }
    let r = run(&pod("    supplementalGroupsPolicy: Loose\n"));
    assert!(has(&r, "spec.securityContext.supplementalGroupsPolicy: Unsupported value: \"Loose\": supported values: \"Merge\", \"Strict\""), "{:?}", errors(&r));
    assert!(r.pods.is_empty());
    let r = run(&pod("    seLinuxChangePolicy: MountOption\n"));
    assert!(has(&r, "spec.securityContext.seLinuxChangePolicy: Unsupported value: \"MountOption\": supported values: \"Recursive\""), "{:?}", errors(&r));
    let r = run(&pod("    seLinuxChangePolicy: recursive\n"));
    assert!(has(&r, "spec.securityContext.seLinuxChangePolicy: Unsupported value: \"recursive\": supported values: \"Recursive\""), "{:?}", errors(&r));
}

// pkg/apis/batch/validation/validation.go validateSuccessPolicyRule → validateIndexesFormat /
// parseIndexInterval, and succeededCount against the indexes named
#[test]
fn validate_success_policy_rule_succeeded_indexes_format() {
    let indexed = |rules: &str| job(&format!("  completionMode: Indexed\n  completions: 6\n  parallelism: 6\n  successPolicy:\n    rules:\n{rules}"));
    let r = run(&indexed("    - succeededIndexes: \"1,3-5\"\n      succeededCount: 4\n"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    for (ix, want) in [
        ("3-1", "non-increasing order, previous: 3, current: 1"),
        ("1,1", "non-increasing order, previous: 1, current: 1"),
        ("0,6", "too large index: \\\"6\\\""),
        ("a", "cannot convert string to integer for index: \\\"a\\\""),
        ("1-2-3", "the fragment \\\"1-2-3\\\" violates the requirement that an index interval can have at most two parts separated by '-'"),
        ("-1", "cannot convert string to integer for index: \\\"\\\""),
    ] {
        let r = run(&indexed(&format!("    - succeededIndexes: \"{ix}\"\n")));
        let m = format!("spec.successPolicy.rules[0].succeededIndexes: Invalid value: \"{ix}\": error parsing succeededIndexes: {}", want.replace("\\\"", "\""));
        assert!(has(&r, &m), "{ix}: want {m}\n{:?}", errors(&r));
    }
    let r = run(&indexed("    - succeededIndexes: \"1,3-4\"\n      succeededCount: 4\n"));
    assert!(has(&r, "spec.successPolicy.rules[0].succeededCount: Invalid value: 4: must be less than or equal to 3 (the number of indexes in the specified succeededIndexes field)"), "{:?}", errors(&r));
}

// validateSuccessPolicy: maxSuccessPolicyRule (20) → field.TooMany on `rules`; validatePodFailurePolicy:
// maxPodFailurePolicyRules (20); validatePodFailurePolicyRuleOnExitCodes:
// maxPodFailurePolicyOnExitCodesValues (255); ...OnPodConditions: maxPodFailurePolicyOnPodConditionsPatterns (20)
#[test]
fn validate_success_and_pod_failure_policy_rule_counts() {
    let rules: String = (0..21).map(|_| "    - succeededCount: 1\n").collect();
    let r = run(&job(&format!("  completionMode: Indexed\n  completions: 2\n  parallelism: 2\n  successPolicy:\n    rules:\n{rules}")));
    assert!(has(&r, "spec.successPolicy.rules: Too many: 21: must have at most 20 items"), "{:?}", errors(&r));
    let twenty: String = (0..20).map(|_| "    - succeededCount: 1\n").collect();
    let r = run(&job(&format!("  completionMode: Indexed\n  completions: 2\n  parallelism: 2\n  successPolicy:\n    rules:\n{twenty}")));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let rule = "    - action: Ignore\n      onPodConditions:\n      - type: DisruptionTarget\n";
    let r = run(&job(&format!("  podFailurePolicy:\n    rules:\n{}", rule.repeat(21))));
    assert!(has(&r, "spec.podFailurePolicy.rules: Too many: 21: must have at most 20 items"), "{:?}", errors(&r));
    let r = run(&job(&format!("  podFailurePolicy:\n    rules:\n{}", rule.repeat(20))));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let values: Vec<String> = (1..=256).map(|v| v.to_string()).collect();
    let r = run(&job(&format!("  podFailurePolicy:\n    rules:\n    - action: FailJob\n      onExitCodes:\n        operator: In\n        values: [{}]\n", values.join(", "))));
    assert!(has(&r, "spec.podFailurePolicy.rules[0].onExitCodes.values: Too many: 256: must have at most 255 items"), "{:?}", errors(&r));
    let conds = "      - type: DisruptionTarget\n".repeat(21);
    let r = run(&job(&format!("  podFailurePolicy:\n    rules:\n    - action: Ignore\n      onPodConditions:\n{conds}")));
    assert!(has(&r, "spec.podFailurePolicy.rules[0].onPodConditions: Too many: 21: must have at most 20 items"), "{:?}", errors(&r));
}

fn crd(spec_schema: &str) -> String {
    format!("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  group: example.com\n  scope: Namespaced\n  names: {{plural: widgets, kind: Widget}}\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n        type: object\n        properties:\n          spec: {spec_schema}\n")
}

fn crd_errs(spec_schema: &str) -> Vec<String> {
    errors(&run(&crd(spec_schema)))
}

const P: &str = "spec.validation.openAPIV3Schema.properties[spec]";

// apiextensions-apiserver pkg/apiserver/schema/defaulting/validation.go ValidateDefaults →
// apiservervalidation.ValidateCustomResource → kube-openapi validate/validator.go stringValidator
// (MaxLength / MinLength in runes, values.go), kubeOpenAPIResultToFieldErrors: TooLongFailCode is
// field.TooLong (`may not be more than N bytes`, as apiextensions validation_test.go "maxLength"
// expects), TooShort is field.Invalid with errors/schema.go's "should be at least %d chars long"
#[test]
fn validate_defaults_string_lengths() {
    assert!(crd_errs("{type: object, properties: {name: {type: string, maxLength: 3, minLength: 2, default: abc}}}").is_empty());
    // runes, not bytes: "äöü" is 3
    assert!(crd_errs("{type: object, properties: {name: {type: string, maxLength: 3, default: \"äöü\"}}}").is_empty());
    assert_eq!(
        crd_errs("{type: object, properties: {name: {type: string, maxLength: 3, default: abcd}}}"),
        vec![format!("{P}.properties[name].default: Too long: may not be more than 3 bytes")]
    );
    assert_eq!(
        crd_errs("{type: object, properties: {name: {type: string, minLength: 2, default: a}}}"),
        vec![format!("{P}.properties[name].default: Invalid value: \"a\":  in body should be at least 2 chars long")]
    );
}

// kube-openapi validate/values.go MinimumNativeType / MaximumNativeType: an int64 default against
// int64(bound) (ExceedsMinimumInt prints the bound as an integer, however large), a float64 against
// the bound (%v); numberValidator merges minimum before maximum
#[test]
fn validate_defaults_number_bounds() {
    assert_eq!(
        crd_errs("{type: object, properties: {count: {type: integer, maximum: 10000000, default: 20000000}}}"),
        vec![format!("{P}.properties[count].default: Invalid value: 20000000:  in body should be less than or equal to 10000000")]
    );
    assert_eq!(
        crd_errs("{type: object, properties: {count: {type: integer, maximum: 5, exclusiveMaximum: true, default: 5}}}"),
        vec![format!("{P}.properties[count].default: Invalid value: 5:  in body should be less than 5")]
    );
    assert_eq!(
        crd_errs("{type: object, properties: {r: {type: number, minimum: 0.5, default: 0.25}}}"),
        vec![format!("{P}.properties[r].default: Invalid value: 0.25:  in body should be greater than or equal to 0.5")]
    );
    assert_eq!(
        crd_errs("{type: object, properties: {r: {type: number, maximum: 1000000, default: 1500000.5}}}"),
        vec![format!("{P}.properties[r].default: Invalid value: 1.5000005e+06:  in body should be less than or equal to 1e+06")]
    );
    assert!(crd_errs("{type: object, properties: {r: {type: number, minimum: 0.5, maximum: 2.5, default: 1.5}}}").is_empty());
}

// basicCommonValidator (validate/validator.go) runs after a type error too, and compares any
// scalar enum value; kubeOpenAPIResultToFieldErrors lists a non-string allowed value as its JSON
// (apiextensions validation_test.go "enum": `Unsupported value: true: supported values: "a", "b"`)
#[test]
fn validate_defaults_enum_of_any_scalar_after_a_type_error() {
    assert_eq!(
        crd_errs("{type: object, properties: {level: {type: integer, enum: [1, 2], default: 3}}}"),
        vec![format!("{P}.properties[level].default: Unsupported value: 3: supported values: \"1\", \"2\"")]
    );
    assert_eq!(
        crd_errs("{type: object, properties: {mode: {type: string, enum: [a, b], default: true}}}"),
        vec![
            format!("{P}.properties[mode].default: Invalid value: \"boolean\":  in body must be of type string: \"boolean\""),
            format!("{P}.properties[mode].default: Unsupported value: true: supported values: \"a\", \"b\""),
        ]
    );
    assert!(crd_errs("{type: object, properties: {level: {type: integer, enum: [1, 2], default: 2}}}").is_empty());
}

// objectValidator: required properties of a defaulted object (`Required value` at
// `<path>.default.<name>`: kubeOpenAPIResultToFieldErrors RequiredFailCode); maxProperties and
// the slice validator's maxItems are field.TooMany, minItems field.Invalid with the item count
#[test]
fn validate_defaults_required_and_counts() {
    assert_eq!(
        crd_errs("{type: object, properties: {tls: {type: object, required: [secretName], properties: {secretName: {type: string}, port: {type: integer}}, default: {port: 443}}}}"),
        vec![format!("{P}.properties[tls].default.secretName: Required value")]
    );
    assert!(crd_errs("{type: object, properties: {tls: {type: object, required: [secretName], properties: {secretName: {type: string}}, default: {secretName: s}}}}").is_empty());
    assert_eq!(
        crd_errs("{type: object, properties: {hosts: {type: array, items: {type: string}, maxItems: 2, default: [a, b, c]}}}"),
        vec![format!("{P}.properties[hosts].default: Too many: 3: must have at most 2 items")]
    );
    assert_eq!(
        crd_errs("{type: object, properties: {hosts: {type: array, items: {type: string}, minItems: 2, default: [a]}}}"),
        vec![format!("{P}.properties[hosts].default: Invalid value: 1:  in body should have at least 2 items")]
    );
    assert_eq!(
        crd_errs("{type: object, properties: {labels: {type: object, additionalProperties: {type: string}, maxProperties: 1, default: {a: p, b: q}}}}"),
        vec![format!("{P}.properties[labels].default: Too many: 2: must have at most 1 items")]
    );
}

// formatValidator → FormatOf (validate/values.go) with strfmt.Default (strfmt/default.go IsUUID*,
// date.go IsDate, isIPv4): errors.InvalidType → field.TypeInvalid, as apiextensions
// validation_test.go "k8sShortName" prints it; an unknown format is not checked (Applies: the
// registry must know it). CEL rules are neither evaluated nor reported.
#[test]
fn validate_defaults_known_formats() {
    for (format, good, bad) in [
        ("uuid", "123e4567-e89b-12d3-a456-426614174000", "123e4567-e89b-12d3-a456"),
        ("uuid4", "123E4567E89B42D3A456426614174000", "123e4567-e89b-12d3-a456-426614174000"),
        ("date", "2024-02-29", "2023-02-29"),
        ("ipv4", "010.1.2.3", "1.2.3"),
    ] {
        assert!(crd_errs(&format!("{{type: object, properties: {{v: {{type: string, format: {format}, default: \"{good}\"}}}}}}")).is_empty(), "{format} {good}");
        assert_eq!(
            crd_errs(&format!("{{type: object, properties: {{v: {{type: string, format: {format}, default: \"{bad}\"}}}}}}")),
            vec![format!("{P}.properties[v].default: Invalid value: \"{bad}\":  in body must be of type {format}: \"{bad}\"")],
            "{format} {bad}"
        );
    }
    assert!(crd_errs("{type: object, properties: {v: {type: string, format: no-such-format, default: anything}}}").is_empty());
    assert!(crd_errs("{type: object, properties: {v: {type: string, default: abc, x-kubernetes-validations: [{rule: \"self == 'x'\"}]}}}").is_empty());
}

fn bare(name: &str, labels: &str, extra_spec: &str, status: &str) -> String {
    format!("---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  labels: {labels}\nspec:\n{extra_spec}  containers:\n  - name: c\n    image: nginx\n{status}")
}

fn owned<'a>(r: &'a Report, owner: &str) -> Vec<&'a str> {
    r.pods.iter().filter(|p| p.pod.owner.as_deref() == Some(owner)).map(|p| p.pod.name.as_str()).collect()
}

const DS: &str = "---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector: {matchLabels: {app: agent}}\n  template:\n    metadata:\n      labels: {app: agent}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n";

// pkg/controller/daemon/daemon_controller.go getDaemonPods → ClaimPods (every pod of the
// namespace, not only active ones), getNodesToDaemonPods (util.GetTargetNodeName), manage →
// podsShouldBeOnNode: a matching orphan bound to node-1 is the DaemonSet's pod there (no second
// one created); one with no nodeName is adopted and left alone; a second one on node-1 and a
// Failed one on node-2 are deleted (node-2 then gets the DaemonSet's own pod)
#[test]
fn daemon_set_get_daemon_pods_claims_orphans_one_per_node() {
    let text = format!(
        "{}{}{}{}{DS}",
        bare("on-n1", "{app: agent}", "  nodeName: node-1\n", ""),
        bare("loose", "{app: agent}", "", ""),
        bare("dup-n1", "{app: agent}", "  nodeName: node-1\n", ""),
        bare("failed-n2", "{app: agent}", "  nodeName: node-2\n", "status:\n  phase: Failed\n"),
    );
    let r = run(&text);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let mine = owned(&r, "DaemonSet/agent");
    assert!(mine.contains(&"on-n1") && mine.contains(&"loose"), "{mine:?}");
    assert!(!r.pods.iter().any(|p| p.pod.name == "dup-n1" || p.pod.name == "failed-n2"), "{mine:?}");
    let nodes = r.nodes.len();
    // its own pods: every node but node-1
    let created: Vec<&str> = mine.iter().copied().filter(|n| n.starts_with("agent-")).collect();
    assert_eq!(created.len(), nodes - 1, "{mine:?}");
    assert!(r.pods.iter().filter(|p| p.pod.name.starts_with("agent-")).all(|p| p.pod.node.as_deref() != Some("node-1")));
    let on_n1 = r.pods.iter().find(|p| p.pod.name == "on-n1").unwrap();
    assert!(on_n1.pod.adopted);
    assert_eq!(
        super::layout::adopted_by_owner("DaemonSet/agent", on_n1.line),
        format!("the YAML, line {}; DaemonSet/agent adopted it (no controller owned it and its labels match its selector), and on a node it runs on it stands for the pod it would create there", on_n1.line)
    );
    let note = r.diagnostics.iter().find(|d| d.code == "AdoptedPods").expect("note");
    assert!(note.message.contains("it deletes pods dup-n1, failed-n2"), "{}", note.message);
    // without the orphans: one pod per node, as before
    assert_eq!(owned(&run(DS), "DaemonSet/agent").len(), nodes);
}

const JOB_MANUAL: &str = "---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: batch\nspec:\n  manualSelector: true\n  selector: {matchLabels: {app: batch}}\n  completions: 3\n  parallelism: 3\n  template:\n    metadata:\n      labels: {app: batch}\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox\n";

// pkg/controller/job/job_controller.go getPodsForJob → ClaimPods with the Job's selector: only
// manualSelector makes one a bare Pod can match (the generated one carries the Job's uid);
// manageJob then wants min(completions − succeeded, parallelism) active pods: an adopted active
// pod and an adopted Succeeded one leave 1 to create
#[test]
fn job_get_pods_for_job_adopts_only_with_manual_selector() {
    let text = format!("{}{}{JOB_MANUAL}", bare("w1", "{app: batch}", "  restartPolicy: Never\n", ""), bare("w0", "{app: batch}", "  restartPolicy: Never\n", "status:\n  phase: Succeeded\n"));
    let r = run(&text);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let mine = owned(&r, "Job/batch");
    assert!(mine.contains(&"w1") && mine.contains(&"w0"), "{mine:?}");
    assert_eq!(mine.iter().filter(|n| n.starts_with("batch-")).count(), 1, "{mine:?}");
    let note = r.diagnostics.iter().find(|d| d.code == "AdoptedPods").expect("note");
    assert!(note.message.contains("(1 succeeded), so it creates 1 more"), "{}", note.message);
    // a generated selector (no manualSelector): nothing adopted, three pods of its own
    let plain = JOB_MANUAL.replace("  manualSelector: true\n  selector: {matchLabels: {app: batch}}\n", "");
    let r = run(&format!("{}{plain}", bare("w1", "{app: batch}", "  restartPolicy: Never\n", "")));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert_eq!(owned(&r, "Job/batch").len(), 3);
    assert!(r.pods.iter().any(|p| p.pod.name == "w1" && p.pod.owner.is_none()));
}

fn rs(name: &str, labels: &str, replicas: u32, image: &str) -> String {
    format!("---\napiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: {name}\n  labels: {labels}\nspec:\n  replicas: {replicas}\n  selector: {{matchLabels: {{app: web}}}}\n  template:\n    metadata:\n      labels: {{app: web}}\n    spec:\n      containers:\n      - name: c\n        image: {image}\n")
}

const DEPLOY: &str = "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n";

// pkg/controller/deployment/deployment_controller.go getReplicaSetsForDeployment →
// ClaimReplicaSets (the ReplicaSet's own labels against the Deployment's selector), then
// sync.go / util FindNewReplicaSet (EqualIgnoreHash): an adopted ReplicaSet with the Deployment's
// template is its new one, scaled to 3, and the Deployment makes no other; one with another
// template is old, scaled to 0 — its pods gone — and the Deployment makes its own
#[test]
fn deployment_get_replica_sets_for_deployment_claims_orphan_replica_sets() {
    let r = run(&format!("{}{DEPLOY}", rs("web-old", "{app: web}", 1, "nginx")));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert_eq!(owned(&r, "ReplicaSet/web-old").len(), 3, "{:?}", r.pods.iter().map(|p| (&p.pod.name, &p.pod.owner)).collect::<Vec<_>>());
    assert!(owned(&r, "Deployment/web").is_empty());
    assert!(r.diagnostics.iter().any(|d| d.code == "AdoptedReplicaSet" && d.message.contains("is its new one")));
    let r = run(&format!("{}{DEPLOY}", rs("web-v0", "{app: web}", 2, "nginx:1.25")));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert!(owned(&r, "ReplicaSet/web-v0").is_empty());
    assert_eq!(owned(&r, "Deployment/web").len(), 3);
    // labels the selector does not match: not adopted, both make pods
    let r = run(&format!("{}{DEPLOY}", rs("other", "{app: other}", 2, "nginx:1.25")));
    assert_eq!(owned(&r, "ReplicaSet/other").len(), 2);
    assert_eq!(owned(&r, "Deployment/web").len(), 3);
    // a ReplicaSet with a controller (ownerReferences) is no orphan
    let controlled = rs("web-v0", "{app: web}", 2, "nginx:1.25").replace("  labels: {app: web}\nspec:", "  labels: {app: web}\n  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: other, uid: 9f0e, controller: true}]\nspec:");
    let r = run(&format!("{controlled}{DEPLOY}"));
    assert!(!r.diagnostics.iter().any(|d| d.code == "AdoptedReplicaSet"), "{:?}", r.diagnostics.iter().map(|d| &d.message).collect::<Vec<_>>());
}

// apiextensions-apiserver pkg/apiserver/schema/convert.go NewStructural refuses the `id` keyword
// on a schema node, not a property named `id` nor an `id` key inside a default: those defaults
// are validated like any other (valfix15's walk read the raw tree and said nothing of them)
#[test]
fn new_structural_refuses_the_id_keyword_not_a_property_named_id() {
    assert_eq!(
        crd_errs("{type: object, properties: {id: {type: string, format: uuid, default: not-a-uuid}}}"),
        vec![format!("{P}.properties[id].default: Invalid value: \"not-a-uuid\":  in body must be of type uuid: \"not-a-uuid\"")]
    );
    assert_eq!(
        crd_errs("{type: object, properties: {ref: {type: object, properties: {id: {type: integer}}, default: {id: x}}}}"),
        vec![format!("{P}.properties[ref].default.id: Invalid value: \"string\": .id in body must be of type integer: \"string\"")]
    );
}

//! HorizontalPodAutoscaler and PodDisruptionBudget validation (core::scaling) and strict
//! decoding (the generated tables' autoscaling/v1, autoscaling/v2, policy/v1 types). Each test
//! names the upstream function: kubernetes/kubernetes pkg/apis/autoscaling/validation/
//! validation.go or pkg/apis/policy/validation/validation.go unless said; the corpus5 probes
//! (/work/corpus5/probes q10, q11, r01-r05, r09, r10) were all accepted before.

use super::tests::{errors, run};

fn hpa(spec: &str) -> String {
    format!("apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n{spec}")
}

fn pdb(spec: &str) -> String {
    format!("apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: d\nspec:\n{spec}  selector:\n    matchLabels:\n      app: web\n")
}

/// The errors with their line:column.
fn located(src: &str) -> Vec<String> {
    run(src).diagnostics.iter().filter(|d| d.severity == super::diag::Severity::Error).map(|d| format!("{}:{} {}", d.line, d.column, d.message)).collect()
}

fn accepted(src: &str) {
    assert!(errors(&run(src)).is_empty(), "{src}\n{:?}", errors(&run(src)));
}

// kubernetes/website content/en/examples/application/hpa/php-apache.yaml (a JSON-style flow
// document) and the zookeeper PDB of content/en/examples/policy/, with minAvailable 50% too
#[test]
fn real_shapes_stay_accepted() {
    accepted("---\n{\n  apiVersion: \"autoscaling/v2\",\n  kind: \"HorizontalPodAutoscaler\",\n  metadata: {\n    name: \"php-apache\",\n  },\n  spec: {\n    scaleTargetRef: {\n      apiVersion: \"apps/v1\",\n      kind: \"Deployment\",\n      name: \"php-apache\",\n    },\n    minReplicas: 1,\n    maxReplicas: 10,\n    metrics: [{\n      type: \"Resource\",\n      resource: {\n        name: \"cpu\",\n        target: {\n          type: \"Utilization\",\n          averageUtilization: 50,\n        },\n      },\n    }],\n  },\n}\n");
    accepted("apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: zk-pdb\nspec:\n  minAvailable: 2\n  selector:\n    matchLabels:\n      app: zookeeper\n");
    accepted(&pdb("  minAvailable: 50%\n"));
    accepted(&pdb("  maxUnavailable: 1\n  unhealthyPodEvictionPolicy: AlwaysAllow\n"));
    // autoscaling/v1, and v2 with every metric source and a behavior written in full
    accepted("apiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  maxReplicas: 3\n  targetCPUUtilizationPercentage: 80\n");
    accepted(&hpa(
        "  maxReplicas: 5\n  metrics:\n  - type: Pods\n    pods: {metric: {name: packets-per-second}, target: {type: AverageValue, averageValue: 1k}}\n  - type: Object\n    object: {describedObject: {apiVersion: networking.k8s.io/v1, kind: Ingress, name: main-route}, metric: {name: requests-per-second}, target: {type: Value, value: 10k}}\n  - type: External\n    external: {metric: {name: queue_messages_ready, selector: {matchLabels: {queue: worker_tasks}}}, target: {type: AverageValue, averageValue: 30}}\n  - type: ContainerResource\n    containerResource: {name: cpu, container: application, target: {type: Utilization, averageUtilization: 60}}\n  behavior:\n    scaleDown:\n      stabilizationWindowSeconds: 300\n      policies: [{type: Percent, value: 10, periodSeconds: 60}, {type: Pods, value: 4, periodSeconds: 1800}]\n      selectPolicy: Min\n    scaleUp: {selectPolicy: Disabled}\n",
    ));
}

// q10: validateHorizontalPodAutoscalerSpec, maxReplicas < minReplicas
#[test]
fn validate_hpa_spec_max_below_min_q10() {
    let src = include_str!("../../tests/fixtures/hpa-min-gt-max.yaml");
    assert_eq!(located(src), vec!["11:16 spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`"]);
    let r = run(src);
    assert!(r.diagnostics.iter().all(|d| d.code != "IgnoredKind"));
}

// r01: maxReplicas < 1, and then below the (default or written) minReplicas
#[test]
fn validate_hpa_spec_max_zero_r01() {
    assert_eq!(
        errors(&run(&hpa("  minReplicas: 1\n  maxReplicas: 0\n"))),
        vec!["spec.maxReplicas: Invalid value: 0: must be greater than 0", "spec.maxReplicas: Invalid value: 0: must be greater than or equal to `minReplicas`"]
    );
    // unset maxReplicas is the int32's zero; minReplicas nil is 1 (SetDefaults_HorizontalPodAutoscaler)
    assert_eq!(
        errors(&run(&hpa(""))),
        vec!["spec.maxReplicas: Invalid value: 0: must be greater than 0", "spec.maxReplicas: Invalid value: 0: must be greater than or equal to `minReplicas`"]
    );
}

// r02: ValidateHorizontalPodAutoscaler's minReplicasLowerBound is 1 (HPAScaleToZero alpha,
// off), and validateMetrics forbids minReplicas 0 without an Object or External metric
#[test]
fn validate_hpa_spec_min_zero_r02() {
    assert_eq!(
        located(&hpa("  minReplicas: 0\n  maxReplicas: 3\n")),
        // (the report lists by position: the defaulted metrics have none of their own, so spec's)
        vec![
            "6:3 spec.metrics: Forbidden: must specify at least one Object or External metric to support scaling to zero replicas",
            "10:16 spec.minReplicas: Invalid value: 0: must be greater than or equal to 1",
        ]
    );
    assert_eq!(
        errors(&run(&hpa("  minReplicas: 0\n  maxReplicas: 3\n  metrics:\n  - type: External\n    external: {metric: {name: q}, target: {type: Value, value: 3}}\n"))),
        vec!["spec.minReplicas: Invalid value: 0: must be greater than or equal to 1"]
    );
}

// r03: ValidateCrossVersionObjectReference: kind and name required, path segment names
#[test]
fn validate_cross_version_object_reference_r03() {
    let src = "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    name: web\n  minReplicas: 1\n  maxReplicas: 3\n";
    assert_eq!(located(src), vec!["7:5 spec.scaleTargetRef.kind: Required value"]);
    assert_eq!(
        errors(&run(&hpa("  maxReplicas: 3\n").replace("name: web", "name: web/x").replace("kind: Deployment", "kind: .."))),
        vec!["spec.scaleTargetRef.kind: Invalid value: \"..\": may not be '..'", "spec.scaleTargetRef.name: Invalid value: \"web/x\": may not contain '/'"]
    );
}

// r10: validateMetricTarget: averageUtilization < 1
#[test]
fn validate_metric_target_utilization_r10() {
    let src = &hpa("  minReplicas: 1\n  maxReplicas: 3\n  metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      target:\n        type: Utilization\n        averageUtilization: 0\n");
    assert_eq!(located(src), vec!["18:29 spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0"]);
}

// validateMetricTarget: type required and one of three; value / averageValue positive
// (a Quantity prints as its JSON, Quantity.MarshalJSON: the canonical string)
#[test]
fn validate_metric_target_type_and_values() {
    let m = |t: &str| errors(&run(&hpa(&format!("  maxReplicas: 3\n  metrics:\n  - type: Object\n    object: {{describedObject: {{kind: Service, name: s}}, metric: {{name: rps}}, target: {t}}}\n"))));
    assert_eq!(
        m("{value: 0}"),
        vec![
            "spec.metrics[0].object.target.type: Required value: must specify a metric target type",
            "spec.metrics[0].object.target.type: Invalid value: \"\": must be either Utilization, Value, or AverageValue",
            "spec.metrics[0].object.target.value: Invalid value: \"0\": must be positive",
        ]
    );
    assert_eq!(
        m("{type: Average, averageValue: '-1500m'}"),
        vec![
            "spec.metrics[0].object.target.type: Invalid value: \"Average\": must be either Utilization, Value, or AverageValue",
            "spec.metrics[0].object.target.averageValue: Invalid value: \"-1500m\": must be positive",
        ]
    );
    // validateObjectSource: a value or an averageValue
    assert_eq!(m("{type: Value}"), vec!["spec.metrics[0].object.target.averageValue: Required value: must set either a target value or averageValue"]);
}

// validateMetricSpec: type required / NotSupported (once: ToAggregate drops repeats), the
// given source required, other sources forbidden; each source's own checks
#[test]
fn validate_metric_spec_sources() {
    let m = |metric: &str| errors(&run(&hpa(&format!("  maxReplicas: 3\n  metrics:\n  - {metric}\n"))));
    assert_eq!(
        m("resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}"),
        vec![
            "spec.metrics[0].type: Required value: must specify a metric source type",
            "spec.metrics[0].type: Unsupported value: \"\": supported values: \"ContainerResource\", \"External\", \"Object\", \"Pods\", \"Resource\"",
        ]
    );
    assert_eq!(m("type: Resource"), vec!["spec.metrics[0].resource: Required value: must populate information for the given metric source"]);
    assert_eq!(
        m("type: Resource\n    resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}\n    pods: {metric: {name: x}, target: {type: AverageValue, averageValue: 1}}"),
        vec!["spec.metrics[0].pods: Forbidden: must populate the given metric source only"]
    );
    // validatePodsSource, validateMetricIdentifier
    assert_eq!(
        m("type: Pods\n    pods: {metric: {name: ''}, target: {type: AverageValue}}"),
        vec!["spec.metrics[0].pods.metric.name: Required value: must specify a metric name", "spec.metrics[0].pods.target.averageValue: Required value: must specify a positive target averageValue"]
    );
    // validateResourceSource
    assert_eq!(
        m("type: Resource\n    resource: {target: {type: Utilization, averageUtilization: 50, averageValue: 100m}}"),
        vec!["spec.metrics[0].resource.name: Required value: must specify a resource name", "spec.metrics[0].resource.target.averageValue: Forbidden: may not set both a target raw value and a target utilization"]
    );
    assert_eq!(m("type: Resource\n    resource: {name: memory, target: {type: AverageValue}}"), vec!["spec.metrics[0].resource.target.averageUtilization: Required value: must set either a target raw value or a target utilization"]);
    // validateExternalSource
    assert_eq!(
        m("type: External\n    external: {metric: {name: q}, target: {type: Value, value: 1, averageValue: 2}}"),
        vec!["spec.metrics[0].external.target.value: Forbidden: may not set both a target value for metric and a per-pod target"]
    );
    // validateContainerResourceSource: the container a DNS-1123 label
    assert_eq!(
        m("type: ContainerResource\n    containerResource: {name: cpu, container: App, target: {type: Utilization, averageUtilization: 60}}"),
        vec!["spec.metrics[0].containerResource.container: Invalid value: \"App\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"]
    );
}

// validateBehavior → validateScalingRules / validateScalingPolicy, on the written rule with
// the defaults' other fields (copyHPAScalingRules: `policies: []` is none, unset is the default)
#[test]
fn validate_scaling_rules_and_policies() {
    let b = |rules: &str| errors(&run(&hpa(&format!("  maxReplicas: 3\n  behavior:\n    scaleDown: {rules}\n"))));
    assert!(b("{stabilizationWindowSeconds: 60}").is_empty());
    assert_eq!(b("{policies: []}"), vec!["spec.behavior.scaleDown.policies: Required value: must specify at least one Policy"]);
    assert_eq!(b("{stabilizationWindowSeconds: -1}"), vec!["spec.behavior.scaleDown.stabilizationWindowSeconds: Invalid value: -1: must be greater than or equal to zero"]);
    assert_eq!(b("{stabilizationWindowSeconds: 3601}"), vec!["spec.behavior.scaleDown.stabilizationWindowSeconds: Invalid value: 3601: must be less than or equal to 3600"]);
    assert_eq!(b("{selectPolicy: max}"), vec!["spec.behavior.scaleDown.selectPolicy: Unsupported value: \"max\": supported values: \"Disabled\", \"Max\", \"Min\""]);
    assert_eq!(
        b("{policies: [{type: Percents, value: 0, periodSeconds: 1801}, {type: Pods, value: 1}]}"),
        vec![
            "spec.behavior.scaleDown.policies[0].type: Unsupported value: \"Percents\": supported values: \"Percent\", \"Pods\"",
            "spec.behavior.scaleDown.policies[0].value: Invalid value: 0: must be greater than zero",
            "spec.behavior.scaleDown.policies[0].periodSeconds: Invalid value: 1801: must be less than or equal to 1800",
            "spec.behavior.scaleDown.policies[1].periodSeconds: Invalid value: 0: must be greater than zero",
        ]
    );
}

// autoscaling/v1: Convert_v1_HorizontalPodAutoscalerSpec_To_autoscaling_HorizontalPodAutoscalerSpec
// puts targetCPUUtilizationPercentage in metrics[0]: the error names the internal path, at the
// v1 field's line
#[test]
fn validate_hpa_v1_target_cpu_utilization() {
    let src = "apiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  maxReplicas: 3\n  targetCPUUtilizationPercentage: 0\n";
    assert_eq!(located(src), vec!["7:35 spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0"]);
}

// ValidateHorizontalPodAutoscaler: ValidateObjectMeta with NameIsDNSSubdomain
#[test]
fn validate_hpa_name() {
    assert_eq!(
        errors(&run(&hpa("  maxReplicas: 3\n").replace("name: h\n", "name: Web_HPA\n"))),
        vec!["metadata.name: Invalid value: \"Web_HPA\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"]
    );
}

// strict decoding (sigs.k8s.io/json UnmarshalStrict over k8s.io/api autoscaling/v2 types.go):
// an unknown field refuses the HPA, with did-you-mean; it was not decoded strictly before
#[test]
fn strict_decoding_hpa_and_pdb() {
    let r = run(&hpa("  maxReplicas: 3\n  minReplica: 1\n"));
    let e = errors(&r);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].contains("unknown field \"spec.minReplica\""), "{e:?}");
    let r = run(&pdb("  minAvailable: 1\n  maxUnavailble: 1\n"));
    assert!(errors(&r).iter().any(|m| m.contains("unknown field \"spec.maxUnavailble\"")), "{:?}", errors(&r));
    // a type error is the decoder's (int32 field)
    let e = errors(&run(&hpa("  maxReplicas: \"3\"\n")));
    assert!(e.len() == 1 && e[0].contains("cannot unmarshal string into Go struct field HorizontalPodAutoscalerSpec.spec.maxReplicas of type int32"), "{e:?}");
}

// q11: ValidatePodDisruptionBudgetSpec, both set: the internal spec shown as its JSON (no json
// tags in pkg/apis/policy: Go field names)
#[test]
fn validate_pdb_spec_both_set_q11() {
    let src = "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: d\nspec:\n  minAvailable: 1\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: web\n";
    assert_eq!(
        located(src),
        vec!["6:3 spec: Invalid value: {\"MinAvailable\":1,\"Selector\":{\"matchLabels\":{\"app\":\"web\"}},\"MaxUnavailable\":1,\"UnhealthyPodEvictionPolicy\":null}: minAvailable and maxUnavailable cannot be both set"]
    );
}

// r04, r05: ValidatePositiveIntOrPercent (ValidateNonnegativeField, IsValidPercent) and
// IsNotMoreThan100Percent
#[test]
fn validate_pdb_int_or_percent_r04_r05() {
    assert_eq!(located(&pdb("  minAvailable: -1\n")), vec!["6:17 spec.minAvailable: Invalid value: -1: must be greater than or equal to 0"]);
    assert_eq!(located(&pdb("  minAvailable: \"150%\"\n")), vec!["6:17 spec.minAvailable: Invalid value: \"150%\": must not be greater than 100%"]);
    assert_eq!(
        errors(&run(&pdb("  maxUnavailable: \"1\"\n"))),
        vec!["spec.maxUnavailable: Invalid value: \"1\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"]
    );
    accepted(&pdb("  maxUnavailable: 100%\n"));
    accepted(&pdb("  minAvailable: 0\n"));
}

// r09: unversionedvalidation.ValidateLabelSelector (AllowInvalidLabelValueInSelector false on
// create: pkg/registry/policy/poddisruptionbudget/strategy.go Validate)
#[test]
fn validate_pdb_selector_r09() {
    let src = "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: d\nspec:\n  minAvailable: 1\n  selector:\n    matchLabels:\n      app: \"web app\"\n";
    assert_eq!(
        located(src),
        vec!["9:12 spec.selector.matchLabels: Invalid value: \"web app\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"]
    );
}

// supportedUnhealthyPodEvictionPolicies; then (BeforeCreate, only once the spec passed)
// ValidateObjectMetaAccessor with path.ValidatePathSegmentName: a PDB name is not a DNS name
#[test]
fn validate_pdb_policy_and_name() {
    assert_eq!(
        errors(&run(&pdb("  minAvailable: 1\n  unhealthyPodEvictionPolicy: Always\n"))),
        vec!["spec.unhealthyPodEvictionPolicy: Unsupported value: \"Always\": supported values: \"AlwaysAllow\", \"IfHealthyBudget\""]
    );
    accepted(&pdb("  minAvailable: 1\n").replace("name: d", "name: My_PDB"));
    assert_eq!(errors(&run(&pdb("  minAvailable: 1\n").replace("name: d", "name: a%b"))), vec!["metadata.name: Invalid value: \"a%b\": may not contain '%'"]);
    // a spec error answers alone
    assert_eq!(errors(&run(&pdb("  minAvailable: -1\n").replace("name: d", "name: a%b"))), vec!["spec.minAvailable: Invalid value: -1: must be greater than or equal to 0"]);
}

// a refused HPA bounds nothing (cluster.rs reads only admitted ones), a refused PDB blocks no drain
#[test]
fn refused_hpa_bounds_no_replicas() {
    let src = format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: web}}\nspec:\n  replicas: 2\n  selector: {{matchLabels: {{app: web}}}}\n  template:\n    metadata: {{labels: {{app: web}}}}\n    spec: {{containers: [{{name: c, image: nginx}}]}}\n---\n{}",
        hpa("  minReplicas: 5\n  maxReplicas: 2\n")
    );
    let r = run(&src);
    assert!(!r.diagnostics.iter().any(|d| d.code == "Autoscaled"), "{:?}", r.diagnostics);
    let ok = src.replace("maxReplicas: 2", "maxReplicas: 6");
    assert!(run(&ok).diagnostics.iter().any(|d| d.code == "Autoscaled"));
}

// pkg/controller/disruption/disruption.go trySync: NoPods "No matching pods found" for a budget
// whose selector matches none of its namespace's pods (a selector typo); not said of a budget
// written without any pod of its namespace, nor of a refused one
#[test]
fn disruption_controller_no_pods_event() {
    let dep = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx}]}\n---\n";
    let notes = |src: &str| run(src).diagnostics.iter().filter(|d| d.code == "BudgetSelectsNoPods").map(|d| format!("{}:{} {}", d.line, d.column, d.message)).collect::<Vec<_>>();
    assert_eq!(
        notes(&format!("{dep}{}", pdb("  minAvailable: 1\n").replace("app: web", "app: webb"))),
        vec!["18:5 PodDisruptionBudget d selects no pod (none of the 2 pods of namespace default matches its selector): the disruption controller records the event NoPods \"No matching pods found\", and the budget protects no pod from eviction"]
    );
    assert!(notes(&format!("{dep}{}", pdb("  minAvailable: 1\n"))).is_empty());
    assert!(notes(&pdb("  minAvailable: 1\n").replace("app: web", "app: webb")).is_empty());
    assert!(notes(&format!("{dep}{}", pdb("  minAvailable: -1\n").replace("app: web", "app: webb"))).is_empty());
}

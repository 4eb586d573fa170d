//! rulefix13: invalid values printed as the current API server prints them, HPA corners,
//! CustomResourceDefinition spec checks. Each test names the upstream function.

use super::diag;
use super::tests::{deployment, errors, run};

// k8s.io/apimachinery pkg/util/validation/field/errors.go `(*Error).ErrorBody` (since
// kubernetes#132314 / c58e197e): a `string` with %q (strconv.Quote), anything that is not a
// string, int64/int32, float or bool with encoding/json Marshal (HTML-safe, map keys sorted).
#[test]
fn error_body_prints_strings_with_strconv_quote_and_the_rest_as_json() {
    // %q: control characters as \x.., non-printable Unicode as \u...., printable kept
    assert_eq!(diag::quote("a\u{1}b\u{7f}é\u{a0}<&>"), "\"a\\x01b\\x7fé\\u00a0<&>\"");
    // json.Marshal: escapeHTML, \u00XX for controls
    assert_eq!(diag::json_str("a<b>&c\u{1}\u{2028}"), "\"a\\u003cb\\u003e\\u0026c\\u0001\\u2028\"");
    // intstr.IntOrString MarshalJSON
    assert_eq!(diag::int_or_string(&Ok(0)), "0");
    assert_eq!(diag::int_or_string(&Err("150%".into())), "\"150%\"");
    // a struct of the internal API: Go field names in declaration order, null pointers
    assert_eq!(
        diag::json_struct(&[("Key", "k".into()), ("TolerationSeconds", serde_json::Value::Null), ("A", 1.into())]),
        "{\"Key\":\"k\",\"TolerationSeconds\":null,\"A\":1}"
    );
}

// pkg/apis/apps/validation ValidatePositiveIntOrPercent: field.Invalid(fldPath, intOrPercent, …)
// with an intstr.IntOrString value: its JSON, HTML-escaped like any json.Marshal output
#[test]
fn validate_positive_int_or_percent_prints_the_int_or_string_as_json() {
    let dep = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  strategy: {rollingUpdate: {maxUnavailable: '<5%'}}\n  selector: {matchLabels: {app: d}}\n  template:\n    metadata: {labels: {app: d}}\n    spec: {containers: [{name: c, image: nginx}]}\n";
    assert_eq!(
        errors(&run(dep)),
        vec!["spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"\\u003c5%\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"]
    );
}

// pkg/apis/core/validation/validation.go ValidateTolerations: field.Invalid(idxPath.Child("operator"),
// toleration, "value must be empty when `operator` is 'Exists'"), the whole internal
// core.Toleration (no json tags) as JSON — no longer `core.Toleration{Key:…, TolerationSeconds:(*int64)(nil)}`
#[test]
fn validate_tolerations_prints_the_toleration_struct_as_json() {
    let r = run(&deployment("web", 1, "      tolerations:\n      - {key: dedicated, operator: Exists, value: gpu}\n      - {key: b, operator: Exists, value: x, effect: NoExecute, tolerationSeconds: 30}\n"));
    assert_eq!(
        errors(&r),
        vec![
            "spec.template.spec.tolerations[0].operator: Invalid value: {\"Key\":\"dedicated\",\"Operator\":\"Exists\",\"Value\":\"gpu\",\"Effect\":\"\",\"TolerationSeconds\":null}: value must be empty when `operator` is 'Exists'",
            "spec.template.spec.tolerations[1].operator: Invalid value: {\"Key\":\"b\",\"Operator\":\"Exists\",\"Value\":\"x\",\"Effect\":\"NoExecute\",\"TolerationSeconds\":30}: value must be empty when `operator` is 'Exists'",
        ]
    );
}

fn hpa(spec: &str) -> String {
    format!("apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  maxReplicas: 3\n{spec}")
}

// pkg/apis/autoscaling/validation/validation.go validateContainerResourceSource:
// corevalidation.ValidateContainerResourceName on the resource name (what a container's
// resources get: validateResourceName, then a standard container resource or an extended one);
// a Resource metric's name is only required (validateResourceSource)
#[test]
fn validate_container_resource_source_checks_the_resource_name() {
    let m = |metric: &str| errors(&run(&hpa(&format!("  metrics:\n  - {metric}\n"))));
    assert_eq!(
        m("type: ContainerResource\n    containerResource: {name: gpu, container: app, target: {type: Utilization, averageUtilization: 60}}"),
        vec![
            "spec.metrics[0].containerResource.name: Invalid value: \"gpu\": must be a standard resource type or fully qualified",
            "spec.metrics[0].containerResource.name: Invalid value: \"gpu\": must be a standard resource for containers",
        ]
    );
    assert_eq!(
        m("type: ContainerResource\n    containerResource: {name: storage, container: app, target: {type: AverageValue, averageValue: 1Gi}}"),
        vec!["spec.metrics[0].containerResource.name: Invalid value: \"storage\": must be a standard resource for containers"]
    );
    assert_eq!(
        m("type: ContainerResource\n    containerResource: {name: requests.example.com/x, container: app, target: {type: AverageValue, averageValue: 1}}"),
        vec!["spec.metrics[0].containerResource.name: Invalid value: \"requests.example.com/x\": doesn't follow extended resource name standard"]
    );
    for ok in ["cpu", "memory", "hugepages-2Mi", "example.com/gpu", "kubernetes.io/x"] {
        assert!(m(&format!("type: ContainerResource\n    containerResource: {{name: {ok}, container: app, target: {{type: AverageValue, averageValue: 1}}}}")).is_empty(), "{ok}");
    }
    // validateResourceSource: no name check beyond Required
    assert!(m("type: Resource\n    resource: {name: gpu, target: {type: AverageValue, averageValue: 1}}").is_empty());
}

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

/// A CustomResourceDefinition as hand-written (the kubernetes.io "extend the API" example),
/// with `edit` applied to its text.
fn crd(edit: &[(&str, &str)]) -> String {
    let mut s = "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: crontabs.stable.example.com\nspec:\n  group: stable.example.com\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema:\n          type: object\n          properties:\n            spec:\n              type: object\n              properties:\n                cronSpec: {type: string}\n  scope: Namespaced\n  names:\n    plural: crontabs\n    singular: crontab\n    kind: CronTab\n    shortNames: [ct]\n".to_string();
    for (from, to) in edit {
        assert!(s.contains(from), "{from}");
        s = s.replacen(from, to, 1);
    }
    s
}

fn crd_errors(edit: &[(&str, &str)]) -> Vec<String> {
    errors(&run(&crd(edit)))
}

// k8s.io/apiextensions-apiserver pkg/apis/apiextensions/validation/validation.go
// ValidateCustomResourceDefinition: a valid one is accepted (and still only noted, not drawn)
#[test]
fn validate_custom_resource_definition_accepts_the_documented_example() {
    assert!(crd_errors(&[]).is_empty(), "{:?}", crd_errors(&[]));
    let r = run(&crd(&[]));
    assert!(r.diagnostics.iter().any(|d| d.code == "IgnoredKind"));
    // a bare one (it was accepted and ignored): refused
    assert!(!errors(&run("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: x}\n")).is_empty());
}

// validateCustomResourceDefinitionSpec: a version name is IsDNS1035Label, and spec.version (the
// conversion's versions[0].name) is checked again
#[test]
fn validate_custom_resource_definition_spec_version_names_are_dns1035_labels() {
    let dns1035 = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
    assert_eq!(
        crd_errors(&[("- name: v1", "- name: V1")]),
        vec![format!("spec.versions[0].name: Invalid value: \"V1\": {dns1035}"), format!("spec.version: Invalid value: \"V1\": {dns1035}")]
    );
    // a second version: its own name only
    let two = "      storage: true\n      schema:";
    let err = crd_errors(&[(two, "      storage: true\n      schema: &s\n"), ("    - name: v1\n", "    - name: 2beta\n      served: true\n      storage: false\n      schema:\n        openAPIV3Schema: {type: object}\n    - name: v1\n")]);
    assert!(err.iter().any(|e| e == &format!("spec.versions[0].name: Invalid value: \"2beta\": {dns1035}")), "{err:?}");
}

// validateCustomResourceDefinitionSpec "must have exactly one version marked as storage version"
// and ValidateCustomResourceDefinitionStoredVersions on what strategy.go PrepareForCreate set;
// spec.versions printed as the internal []CustomResourceDefinitionVersion's JSON (schema moved
// to spec.validation by the v1 conversion: null)
#[test]
fn validate_custom_resource_definition_needs_exactly_one_storage_version() {
    assert_eq!(
        crd_errors(&[("storage: true", "storage: false")]),
        vec![
            "spec.versions: Invalid value: [{\"Name\":\"v1\",\"Served\":true,\"Storage\":false,\"Deprecated\":false,\"DeprecationWarning\":null,\"Schema\":null,\"Subresources\":null,\"AdditionalPrinterColumns\":null,\"SelectableFields\":null}]: must have exactly one version marked as storage version",
            "status.storedVersions: Invalid value: null: must have at least one stored version",
        ]
    );
    // two storage versions (identical schemas, so both printable)
    let src = crd(&[("    - name: v1\n", "    - name: v1beta1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema:\n          type: object\n          properties:\n            spec:\n              type: object\n              properties:\n                cronSpec: {type: string}\n    - name: v1\n")]);
    let e = errors(&run(&src));
    assert_eq!(
        e,
        vec![
            "spec.versions: Invalid value: [{\"Name\":\"v1beta1\",\"Served\":true,\"Storage\":true,\"Deprecated\":false,\"DeprecationWarning\":null,\"Schema\":null,\"Subresources\":null,\"AdditionalPrinterColumns\":null,\"SelectableFields\":null},{\"Name\":\"v1\",\"Served\":true,\"Storage\":true,\"Deprecated\":false,\"DeprecationWarning\":null,\"Schema\":null,\"Subresources\":null,\"AdditionalPrinterColumns\":null,\"SelectableFields\":null}]: must have exactly one version marked as storage version",
            "status.storedVersions: Invalid value: [\"v1beta1\"]: must have the storage version v1",
        ]
    );
}

// validateCustomResourceDefinitionSpec with requireOpenAPISchema (every v1 version needs one)
#[test]
fn validate_custom_resource_definition_spec_requires_a_schema() {
    let no_schema = crd(&[("      schema:\n        openAPIV3Schema:\n          type: object\n          properties:\n            spec:\n              type: object\n              properties:\n                cronSpec: {type: string}\n", "")]);
    assert_eq!(errors(&run(&no_schema)), vec!["spec.versions[0].schema.openAPIV3Schema: Required value"]);
}

// ValidateCustomResourceDefinition's name rule, group, scope, names (after
// SetDefaults_CustomResourceDefinitionSpec: singular and listKind from kind)
#[test]
fn validate_custom_resource_definition_name_group_scope_and_names() {
    assert_eq!(
        crd_errors(&[("name: crontabs.stable.example.com", "name: crontab.stable.example.com")]),
        vec!["metadata.name: Invalid value: \"crontab.stable.example.com\": must be spec.names.plural+\".\"+spec.group"]
    );
    assert_eq!(crd_errors(&[("  scope: Namespaced\n", "")]), vec!["spec.scope: Required value"]);
    assert_eq!(crd_errors(&[("scope: Namespaced", "scope: namespaced")]), vec!["spec.scope: Unsupported value: \"namespaced\": supported values: \"Cluster\", \"Namespaced\""]);
    assert_eq!(
        crd_errors(&[("    kind: CronTab\n", ""), ("    singular: crontab\n", "")]),
        vec!["spec.names.singular: Required value", "spec.names.kind: Required value", "spec.names.listKind: Required value"]
    );
    assert_eq!(
        crd_errors(&[("kind: CronTab", "kind: Cron_Tab"), ("    singular: crontab\n", "")]),
        vec![
            "spec.names.singular: Invalid value: \"cron_tab\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
            "spec.names.kind: Invalid value: \"Cron_Tab\": may have mixed case, but should otherwise match: a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
            "spec.names.listKind: Invalid value: \"Cron_TabList\": may have mixed case, but should otherwise match: a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
        ]
    );
    // a protected group needs the api-approved annotation (validateAPIApproval); the name follows the group
    assert_eq!(
        crd_errors(&[("name: crontabs.stable.example.com", "name: crontabs.stable.k8s.io"), ("group: stable.example.com", "group: stable.k8s.io")]),
        vec!["metadata.annotations[api-approved.kubernetes.io]: Required value: protected groups must have approval annotation \"api-approved.kubernetes.io\", see https://github.com/kubernetes/enhancements/pull/1111"]
    );
    assert_eq!(
        crd_errors(&[("  scope: Namespaced\n", "  scope: Namespaced\n  preserveUnknownFields: true\n")]),
        vec!["spec.preserveUnknownFields: Invalid value: true: cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead"]
    );
}

// ValidateCustomResourceColumnDefinition: one version's columns are moved to
// spec.additionalPrinterColumns by the v1 conversion, and reported there
#[test]
fn validate_custom_resource_column_definition_at_the_top_level_path() {
    assert_eq!(
        crd_errors(&[("      storage: true\n", "      storage: true\n      additionalPrinterColumns:\n      - {name: Spec, type: text, jsonPath: spec.cronSpec}\n")]),
        vec![
            "spec.additionalPrinterColumns[0].type: Invalid value: \"text\": must be one of boolean,date,integer,number,string",
            "spec.additionalPrinterColumns[0].JSONPath: Invalid value: \"spec.cronSpec\": must be a simple json path starting with .",
        ]
    );
}

// pkg/apis/autoscaling/v1/conversion.go Convert_v1_HorizontalPodAutoscaler_To_autoscaling_...:
// json.Unmarshal of the metrics annotation fails the conversion, which the create handler
// answers as a decode error (k8s.io/apiserver handlers/rest.go transformDecodeError); nothing
// else is said of the object
#[test]
fn convert_v1_horizontal_pod_autoscaler_refuses_a_malformed_metrics_annotation() {
    let v1 = |annotation: &str| {
        format!("apiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\n  annotations:\n    autoscaling.alpha.kubernetes.io/metrics: '{annotation}'\nspec:\n  scaleTargetRef: {{apiVersion: apps/v1, kind: Deployment, name: web}}\n  maxReplicas: 0\n")
    };
    let r = run(&v1("[{type: Pods}]"));
    assert_eq!(
        errors(&r),
        vec!["HorizontalPodAutoscaler in version \"v1\" cannot be handled as a HorizontalPodAutoscaler: invalid character 't' looking for beginning of object key string"]
    );
    let d = r.diagnostics.iter().find(|d| d.code == "ConversionError").unwrap();
    assert_eq!((d.line, d.field.as_deref()), (6, Some("metadata.annotations[autoscaling.alpha.kubernetes.io/metrics]")));
    assert_eq!(
        errors(&run(&v1("{\"type\": \"Pods\"}"))),
        vec!["HorizontalPodAutoscaler in version \"v1\" cannot be handled as a HorizontalPodAutoscaler: json: cannot unmarshal object into Go value of type []v1.MetricSpec"]
    );
    // well-formed: validated as before (maxReplicas 0)
    assert_eq!(errors(&run(&v1("[]"))), vec!["spec.maxReplicas: Invalid value: 0: must be greater than 0", "spec.maxReplicas: Invalid value: 0: must be greater than or equal to `minReplicas`"]);
}

// pkg/apiserver/schema/validation.go validateStructuralInvariants (a v1 schema must be
// structural): the path is spec.validation.openAPIV3Schema when the v1 conversion moved the
// (single, or identical) schema to the top level, spec.versions[i].schema… otherwise
#[test]
fn validate_structural_invariants_want_a_type_everywhere() {
    assert_eq!(
        crd_errors(&[("                cronSpec: {type: string}\n", "                cronSpec: {description: the schedule}\n                replicas: {type: array}\n")]),
        vec![
            "spec.validation.openAPIV3Schema.properties[spec].properties[cronSpec].type: Required value: must not be empty for specified object fields",
            "spec.validation.openAPIV3Schema.properties[spec].properties[replicas].items: Required value: must be specified",
        ]
    );
    assert_eq!(crd_errors(&[("          type: object\n          properties:", "          properties:")]), vec!["spec.validation.openAPIV3Schema.type: Required value: must not be empty at the root"]);
    assert_eq!(crd_errors(&[("          type: object\n          properties:", "          type: string\n          properties:")]), vec!["spec.validation.openAPIV3Schema.type: Invalid value: \"string\": must be object at the root"]);
    // x-kubernetes-preserve-unknown-fields / x-kubernetes-int-or-string need no type
    assert!(crd_errors(&[("                cronSpec: {type: string}\n", "                cronSpec: {x-kubernetes-int-or-string: true}\n                extra: {x-kubernetes-preserve-unknown-fields: true}\n")]).is_empty());
    // two versions with different schemas: each is reported at its own path
    let two = crd(&[("    - name: v1\n", "    - name: v1beta1\n      served: true\n      storage: false\n      schema:\n        openAPIV3Schema: {type: object, properties: {spec: {}}}\n    - name: v1\n")]);
    assert_eq!(errors(&run(&two)), vec!["spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields"]);
}

// validateStructuralInvariants on the root's kind / apiVersion (strings) and
// validateStructuralMetadataInvariants (metadata an object, nothing but name / generateName)
#[test]
fn validate_structural_metadata_invariants() {
    let with = |props: &str| crd_errors(&[("          properties:\n            spec:", &format!("          properties:\n{props}            spec:"))]);
    assert!(with("            apiVersion: {type: string}\n            kind: {type: string}\n            metadata: {type: object}\n").is_empty());
    assert!(with("            metadata: {type: object, properties: {name: {type: string, maxLength: 63}}}\n").is_empty());
    assert_eq!(
        with("            kind: {description: the kind}\n"),
        vec![
            "spec.validation.openAPIV3Schema.properties[kind].type: Invalid value: \"\": must be string",
            "spec.validation.openAPIV3Schema.properties[kind].type: Required value: must not be empty for specified object fields",
        ]
    );
    assert_eq!(
        with("            metadata: {type: object, description: standard object metadata}\n"),
        vec!["spec.validation.openAPIV3Schema.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified"]
    );
    assert_eq!(with("            metadata: {type: string}\n"), vec!["spec.validation.openAPIV3Schema.properties[metadata].type: Invalid value: \"string\": must be object"]);
}

// ValidateCustomResourceDefinitionOpenAPISchema → specStandardValidatorV3.validate: a type that
// is no OpenAPI v3 type (requireValidPropertyType), `$ref`, an `items` list; in every subschema
#[test]
fn validate_openapi_schema_types_and_unsupported_keywords() {
    assert_eq!(
        crd_errors(&[("cronSpec: {type: string}", "cronSpec: {type: int}")]),
        vec!["spec.validation.openAPIV3Schema.properties[spec].properties[cronSpec].type: Unsupported value: \"int\": supported values: \"array\", \"boolean\", \"integer\", \"number\", \"object\", \"string\""]
    );
    assert_eq!(
        crd_errors(&[("cronSpec: {type: string}", "cronSpec: {$ref: '#/definitions/x'}")]),
        vec!["spec.validation.openAPIV3Schema.properties[spec].properties[cronSpec].$ref: Forbidden: $ref is not supported"]
    );
    assert_eq!(
        crd_errors(&[("cronSpec: {type: string}", "cronSpec: {type: array, items: [{type: string}]}")]),
        vec!["spec.validation.openAPIV3Schema.properties[spec].properties[cronSpec].items: Forbidden: items must be a schema object and not an array"]
    );
}

// validateAPIApproval reads the annotation with GetAPIApprovalState (apiextensions-apiserver
// pkg/apihelpers/helpers.go): a URL url.ParseRequestURI accepts approves. Go's net/url takes a
// space in the path (review14 w01) and refuses a control byte, a bad % escape, a non-numeric port
// or a space in the host.
#[test]
fn api_approval_url_as_url_parse_request_uri_reads_it() {
    let approved = |v: &str| {
        crd_errors(&[
            ("name: crontabs.stable.example.com", &format!("name: crontabs.stable.k8s.io\n  annotations:\n    api-approved.kubernetes.io: {v}")),
            ("group: stable.example.com", "group: stable.k8s.io"),
        ])
    };
    for ok in ["\"https://github.com/org/repo/pull/1 (see notes)\"", "https://github.com/kubernetes/enhancements/pull/1111", "\"https://user@example.com:8443/a%20b?q=1\"", "\"http://[::1]:80/x\""] {
        assert!(approved(ok).is_empty(), "{ok}: {:?}", approved(ok));
    }
    for bad in ["\"https://exa mple.com/x\"", "\"https://example.com:80a/x\"", "\"https://example.com/%zz\"", "\"https:///x\"", "\"example.com/pull/1\""] {
        let e = approved(bad);
        assert!(e.len() == 1 && e[0].starts_with("metadata.annotations[api-approved.kubernetes.io]: Invalid value:"), "{bad}: {e:?}");
    }
}

// the claim template of a Pod's ephemeral volume is validated as a PVC's spec, every rule of
// ValidatePersistentVolumeClaimSpec (validateEphemeralVolumeSource → ValidatePersistentVolumeClaimTemplate;
// review14 x101: ReadWriteOncePod with another mode, a bad class name, storage 0 were accepted)
#[test]
fn ephemeral_claim_template_gets_the_whole_pvc_spec_validation() {
    let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: nginx}]\n  volumes:\n  - name: scratch\n    ephemeral:\n      volumeClaimTemplate:\n        spec:\n          accessModes: [ReadWriteOncePod, ReadWriteOnce]\n          storageClassName: Bad_Class\n          resources: {requests: {storage: 0}}\n";
    let e = errors(&run(pod));
    assert_eq!(e.len(), 3, "{e:?}");
    assert!(e[0].starts_with("spec.volumes[0].ephemeral.volumeClaimTemplate.spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes"), "{e:?}");
    assert!(e[1].starts_with("spec.volumes[0].ephemeral.volumeClaimTemplate.spec.storageClassName: Invalid value: \"Bad_Class\""), "{e:?}");
    assert_eq!(e[2], "spec.volumes[0].ephemeral.volumeClaimTemplate.spec.resources[storage]: Invalid value: \"0\": must be greater than zero");
}

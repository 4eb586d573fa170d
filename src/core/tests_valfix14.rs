//! valfix14: validation gaps the last reviews left — PersistentVolume sources and node
//! affinity, StorageClass allowedTopologies, PVC dataSource / dataSourceRef, a Deployment's
//! strategy type, a refused StatefulSet's notes, CustomResourceDefinition schema rules. Each
//! test names the upstream function (kubernetes/kubernetes unless said).

use super::diag::Severity;
use super::tests::{errors, run};

fn pv(source: &str) -> String {
    format!("apiVersion: v1\nkind: PersistentVolume\nmetadata: {{name: pv1}}\nspec:\n  capacity: {{storage: 1Gi}}\n  accessModes: [ReadWriteOnce]\n{source}")
}

fn pv_errors(source: &str) -> Vec<String> {
    errors(&run(&pv(source)))
}

// pkg/apis/core/validation/validation.go ValidatePersistentVolumeSpec: exactly one volume type
// ("must specify a volume type" / "may not specify more than 1 volume type"), each checked by
// its own function (validateHostPathVolumeSource, validateNFSVolumeSource)
#[test]
fn validate_persistent_volume_spec_checks_the_volume_type_and_hostpath_nfs_fields() {
    assert_eq!(pv_errors(""), vec!["spec: Required value: must specify a volume type"]);
    assert_eq!(
        pv_errors("  hostPath: {path: /data}\n  nfs: {server: s, path: /x}\n"),
        vec!["spec.nfs: Forbidden: may not specify more than 1 volume type"]
    );
    assert!(pv_errors("  hostPath: {path: /data, type: DirectoryOrCreate}\n").is_empty());
    assert_eq!(pv_errors("  hostPath: {type: Directory}\n"), vec!["spec.hostPath.path: Required value"]);
    assert_eq!(
        pv_errors("  hostPath: {path: /a/../b, type: Dir}\n"),
        vec![
            "spec.hostPath.path: Invalid value: \"/a/../b\": must not contain '..'",
            "spec.hostPath.type: Unsupported value: \"Dir\": supported values: \"\", \"BlockDevice\", \"CharDevice\", \"Directory\", \"DirectoryOrCreate\", \"File\", \"FileOrCreate\", \"Socket\"",
        ]
    );
    assert_eq!(
        pv_errors("  nfs: {path: exports}\n"),
        vec!["spec.nfs.server: Required value", "spec.nfs.path: Invalid value: \"exports\": must be an absolute path"]
    );
    // validateGCEPersistentDiskVolumeSource is handed `persistentDisk`
    assert_eq!(
        pv_errors("  gcePersistentDisk: {partition: 300}\n"),
        vec!["spec.persistentDisk.pdName: Required value", "spec.persistentDisk.partition: Invalid value: 300: must be between 1 and 255, inclusive"]
    );
    assert_eq!(pv_errors("  cephfs: {path: /}\n"), vec!["spec.cephfs.monitors: Required value"]);
}

// validateLocalVolumeSource (path required, validatePathNoBacksteps) and the local volume's
// required node affinity; validateVolumeNodeAffinity → ValidateNodeSelector →
// ValidateNodeSelectorTerm / ValidateNodeSelectorRequirement (label values checked on create)
#[test]
fn validate_volume_node_affinity_and_local_volume_source() {
    let affinity = |terms: &str| format!("  local: {{path: /mnt/disks/ssd1}}\n  nodeAffinity:\n    required:\n      nodeSelectorTerms:\n{terms}");
    assert!(pv_errors(&affinity("      - matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [node-1]}]\n")).is_empty());
    assert_eq!(pv_errors("  local: {path: /mnt/../etc}\n"), vec!["spec.nodeAffinity: Required value: Local volume requires node affinity", "spec.local.path: Invalid value: \"/mnt/../etc\": must not contain '..'"]);
    assert_eq!(pv_errors("  local: {}\n  nodeAffinity: {}\n"), vec!["spec.local.path: Required value", "spec.nodeAffinity.required: Required value: must specify required node constraints"]);
    assert_eq!(
        pv_errors("  local: {path: /d}\n  nodeAffinity: {required: {nodeSelectorTerms: []}}\n"),
        vec!["spec.nodeAffinity.required.nodeSelectorTerms: Required value: must have at least one node selector term"]
    );
    assert_eq!(
        pv_errors(&affinity("      - matchExpressions: [{key: kubernetes.io/hostname, operator: In}, {key: zone, operator: Has, values: ['a b']}]\n        matchFields: [{key: metadata.uid, operator: In, values: [x]}]\n")),
        vec![
            "spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
            "spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[1].operator: Invalid value: \"Has\": not a valid selector operator",
            "spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[1].values[0]: Invalid value: \"a b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
            "spec.nodeAffinity.required.nodeSelectorTerms[0].matchFields[0].key: Invalid value: \"metadata.uid\": not a valid field selector key",
        ]
    );
    // a nodeAffinity on any volume type is validated, before the volume's own fields
    assert_eq!(pv_errors("  nfs: {server: s, path: /x}\n  nodeAffinity: {}\n"), vec!["spec.nodeAffinity.required: Required value: must specify required node constraints"]);
}

// validateCSIPersistentVolumeSource: ValidateCSIDriverName, volumeHandle required,
// validatePVSecretReference on each secret reference
#[test]
fn validate_csi_persistent_volume_source() {
    assert!(pv_errors("  csi: {driver: ebs.csi.aws.com, volumeHandle: vol-1, nodePublishSecretRef: {name: s, namespace: kube-system}}\n").is_empty());
    assert_eq!(
        pv_errors("  csi: {driver: 'Bad_Driver', nodePublishSecretRef: {name: s}}\n"),
        vec![
            "spec.csi.volumeHandle: Required value",
            "spec.csi.driver: Invalid value: \"Bad_Driver\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            "spec.csi.nodePublishSecretRef.namespace: Required value",
        ]
    );
    let long = "d".repeat(64);
    assert_eq!(pv_errors(&format!("  csi: {{driver: {long}, volumeHandle: h}}\n")), vec!["spec.csi.driver: Too long: may not be more than 63 bytes"]);
}

// validateISCSIPersistentVolumeSource (iscsiInitiatorIqnRegex / Eui / Naa, lun 0-255, CHAP
// needs a secretRef) and validateFCVolumeSource
#[test]
fn validate_iscsi_persistent_volume_source_and_fc_volume_source() {
    assert!(pv_errors("  iscsi: {targetPortal: '10.0.0.1:3260', iqn: 'iqn.2001-04.com.example:storage.disk1', lun: 0}\n").is_empty());
    assert!(pv_errors("  iscsi: {targetPortal: p, iqn: eui.02004567A425678D}\n").is_empty());
    assert_eq!(
        pv_errors("  iscsi: {iqn: 'iqn.2001-04.com.example', lun: 256, chapAuthSession: true, initiatorName: naa.1}\n"),
        vec![
            "spec.iscsi.targetPortal: Required value",
            "spec.iscsi.secretRef: Required value",
            "spec.iscsi.iqn: Invalid value: \"iqn.2001-04.com.example\": must be valid format",
            "spec.iscsi.lun: Invalid value: 256: must be between 0 and 255, inclusive",
            "spec.iscsi.initiatorname: Invalid value: \"naa.1\": must be valid format",
        ]
    );
    assert_eq!(pv_errors("  iscsi: {targetPortal: p, iqn: x.1}\n"), vec!["spec.iscsi.iqn: Invalid value: \"x.1\": must be valid format"]);
    assert!(pv_errors("  fc: {targetWWNs: ['500a0982991b8dc5'], lun: 2}\n").is_empty());
    assert_eq!(pv_errors("  fc: {fsType: ext4}\n"), vec!["spec.fc.targetWWNs: Required value: must specify either targetWWNs or wwids, but not both"]);
    assert_eq!(
        pv_errors("  fc: {targetWWNs: [a, b], wwids: [c]}\n"),
        vec![
            "spec.fc.lun: Required value: lun is required if targetWWNs is specified",
            "spec.fc.targetWWNs: Invalid value: [\"a\",\"b\"]: targetWWNs and wwids can not be specified simultaneously",
        ]
    );
}

fn storage_class(extra: &str) -> String {
    format!("apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {{name: fast}}\nprovisioner: ebs.csi.aws.com\n{extra}")
}

// pkg/apis/storage/validation/validation.go validateAllowedTopologies →
// ValidateTopologySelectorTerm / validateTopologySelectorLabelRequirement; the rawTopologies
// list starts with len(topologies) nil maps, which an empty term equals (Semantic.DeepEqual)
#[test]
fn validate_allowed_topologies() {
    let sc = |t: &str| errors(&run(&storage_class(&format!("allowedTopologies:\n{t}"))));
    assert!(sc("- matchLabelExpressions: [{key: topology.kubernetes.io/zone, values: [us-east-1a, us-east-1b]}]\n").is_empty());
    assert_eq!(
        sc("- matchLabelExpressions: [{key: 'bad key', values: [a, a]}, {key: 'bad key', values: []}]\n"),
        vec![
            "allowedTopologies[0].matchLabelExpressions[0].key: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
            "allowedTopologies[0].matchLabelExpressions[0].values[1]: Duplicate value: \"a\"",
            "allowedTopologies[0].matchLabelExpressions[1].key: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
            "allowedTopologies[0].matchLabelExpressions[1].key: Duplicate value: \"bad key\"",
            "allowedTopologies[0].matchLabelExpressions[1].values: Required value",
        ]
    );
    // the same term twice (values compared as sets)
    assert_eq!(
        sc("- matchLabelExpressions: [{key: zone, values: [a, b]}]\n- matchLabelExpressions: [{key: zone, values: [b, a]}]\n"),
        vec!["allowedTopologies[1].matchLabelExpressions: Duplicate value: \"\""]
    );
    // an empty term: a duplicate of each of the 2 nil maps upstream starts with (the report
    // keeps one of two identical errors)
    assert_eq!(sc("- {}\n- matchLabelExpressions: [{key: zone, values: [a]}]\n"), vec!["allowedTopologies[0].matchLabelExpressions: Duplicate value: \"\""]);
}

fn pvc(spec: &str) -> String {
    format!("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {{name: c}}\nspec:\n  accessModes: [ReadWriteOnce]\n  resources: {{requests: {{storage: 1Gi}}}}\n{spec}")
}

// ValidatePersistentVolumeClaimSpec: dataSource and dataSourceRef both written must match
// (isDataSourceEqualDataSourceRef; field.Invalid(fldPath, fldPath.Child("dataSource"), …): the
// *field.Path value is json.Marshal'ed, `{}`), also in a pod's ephemeral claim template and in
// the claims a StatefulSet's controller creates
#[test]
fn validate_persistent_volume_claim_spec_data_source_must_match_data_source_ref() {
    let snap = "{apiGroup: snapshot.storage.k8s.io, kind: VolumeSnapshot, name: s1}";
    assert!(errors(&run(&pvc(&format!("  dataSource: {snap}\n  dataSourceRef: {snap}\n")))).is_empty());
    assert_eq!(
        errors(&run(&pvc(&format!("  dataSource: {snap}\n  dataSourceRef: {{apiGroup: snapshot.storage.k8s.io, kind: VolumeSnapshot, name: s2}}\n")))),
        vec!["spec: Invalid value: {}: must match dataSourceRef"]
    );
    // an absent apiGroup is not an empty one (reflect.DeepEqual of the pointers)
    assert_eq!(
        errors(&run(&pvc("  dataSource: {kind: PersistentVolumeClaim, name: a}\n  dataSourceRef: {apiGroup: '', kind: PersistentVolumeClaim, name: a}\n"))),
        vec!["spec: Invalid value: {}: must match dataSourceRef"]
    );
    let sts = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  serviceName: db\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec: {containers: [{name: d, image: postgres}]}\n  volumeClaimTemplates:\n  - metadata: {name: data}\n    spec:\n      accessModes: [ReadWriteOnce]\n      resources: {requests: {storage: 1Gi}}\n      dataSource: {kind: PersistentVolumeClaim, name: a}\n      dataSourceRef: {kind: PersistentVolumeClaim, name: b}\n";
    // (since 1.34 the claim template is validated with the set: kubernetes#132212
    // ValidateVolumeClaimTemplates — was the controller's claim, FailedCreate)
    let r = run(sts);
    assert_eq!(errors(&r), vec!["spec.volumeClaimTemplates[0].spec: Invalid value: {}: must match dataSourceRef"]);
    let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: nginx}]\n  volumes:\n  - name: scratch\n    ephemeral:\n      volumeClaimTemplate:\n        spec:\n          accessModes: [ReadWriteOnce]\n          resources: {requests: {storage: 1Gi}}\n          dataSource: {kind: PersistentVolumeClaim, name: a}\n          dataSourceRef: {kind: PersistentVolumeClaim, name: b}\n";
    assert_eq!(errors(&run(pod)), vec!["spec.volumes[0].ephemeral.volumeClaimTemplate.spec: Invalid value: {}: must match dataSourceRef"]);
}

fn deploy_strategy(strategy: &str) -> String {
    format!("apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: d}}\nspec:\n  strategy: {strategy}\n  selector: {{matchLabels: {{app: d}}}}\n  template:\n    metadata: {{labels: {{app: d}}}}\n    spec: {{containers: [{{name: c, image: nginx}}]}}\n")
}

// pkg/apis/apps/validation/validation.go ValidateDeploymentStrategy: an unknown type is
// field.NotSupported(spec.strategy, the internal DeploymentStrategy, ["Recreate",
// "RollingUpdate"]); Recreate with a rollingUpdate is Forbidden; no pods either way
#[test]
fn validate_deployment_strategy_refuses_an_unknown_type() {
    let r = run(&deploy_strategy("{type: BlueGreen}"));
    assert_eq!(errors(&r), vec!["spec.strategy: Unsupported value: {\"Type\":\"BlueGreen\",\"RollingUpdate\":null}: supported values: \"Recreate\", \"RollingUpdate\""]);
    assert!(r.pods.is_empty());
    assert_eq!(
        errors(&run(&deploy_strategy("{type: recreate, rollingUpdate: {maxSurge: 1}}"))),
        vec!["spec.strategy: Unsupported value: {\"Type\":\"recreate\",\"RollingUpdate\":{\"MaxUnavailable\":0,\"MaxSurge\":1}}: supported values: \"Recreate\", \"RollingUpdate\""]
    );
    assert_eq!(
        errors(&run(&deploy_strategy("{type: Recreate, rollingUpdate: {maxSurge: 1}}"))),
        vec!["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"]
    );
    assert!(errors(&run(&deploy_strategy("{type: Recreate}"))).is_empty());
    assert!(errors(&run(&deploy_strategy("{}"))).is_empty());
}

// pkg/controller/statefulset stateful_set_utils.go updateIdentity gives pods their subdomain —
// a StatefulSet the API server refuses (ValidateStatefulSet) has no pods, so no DNS names to
// warn about
#[test]
fn a_refused_statefulset_gets_no_service_name_note() {
    let sts = |extra: &str, image: &str| format!("apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {{name: db}}\nspec:\n  serviceName: db\n{extra}  selector: {{matchLabels: {{app: db}}}}\n  template:\n    metadata: {{labels: {{app: db}}}}\n    spec: {{containers: [{{name: d{image}}}]}}\n");
    let note = |src: &str| run(src).diagnostics.iter().any(|d| d.code == "StatefulSetServiceName");
    assert!(note(&sts("", ", image: postgres")));
    // (a template container without an image refuses the set since 1.34: ValidateStatefulSetSpec
    // runs ValidatePodSpec, kubernetes#131790 — was stsfix's FailedCreate; no set, no note)
    assert!(!note(&sts("", "")));
    for bad in [sts("  podManagementPolicy: Foo\n", ", image: postgres"), sts("  updateStrategy: {type: Foo}\n", ", image: postgres"), sts("  replicas: -1\n", ", image: postgres"), sts("  minReadySeconds: -1\n", ", image: postgres")] {
        let r = run(&bad);
        assert!(r.diagnostics.iter().any(|d| d.severity == Severity::Error), "{bad}");
        assert!(!note(&bad), "{bad}");
        assert!(r.pods.is_empty(), "{bad}");
    }
}

/// A CustomResourceDefinition whose one version's schema is `spec: <spec schema>` (written as
/// flow YAML), with `extra` lines appended under `spec:`.
fn crd_with(spec_schema: &str, extra: &str) -> String {
    format!("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  group: example.com\n  scope: Namespaced\n  names: {{plural: widgets, kind: Widget}}\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n        type: object\n        properties:\n          spec: {spec_schema}\n{extra}")
}

fn crd_errs(spec_schema: &str, extra: &str) -> Vec<String> {
    errors(&run(&crd_with(spec_schema, extra)))
}

// k8s.io/apiextensions-apiserver pkg/apiserver/schema/validation.go validateStructuralInvariants
// (x-kubernetes-embedded-resource: properties or x-kubernetes-preserve-unknown-fields, no
// additionalProperties) and validateExtensions (x-kubernetes-int-or-string is neither
// preserve-unknown-fields nor an embedded resource)
#[test]
fn validate_structural_invariants_embedded_resource_and_int_or_string() {
    let p = "spec.validation.openAPIV3Schema.properties[spec]";
    assert!(crd_errs("{type: object, x-kubernetes-embedded-resource: true, x-kubernetes-preserve-unknown-fields: true}", "").is_empty());
    assert!(crd_errs("{type: object, x-kubernetes-embedded-resource: true, properties: {kind: {type: string}}}", "").is_empty());
    assert_eq!(
        crd_errs("{type: object, x-kubernetes-embedded-resource: true}", ""),
        vec![format!("{p}.properties: Required value: must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields")]
    );
    assert_eq!(
        crd_errs("{type: object, x-kubernetes-embedded-resource: true, x-kubernetes-preserve-unknown-fields: true, additionalProperties: {type: string}}", ""),
        vec![format!("{p}.additionalProperties: Forbidden: must not be used if x-kubernetes-embedded-resource is set")]
    );
    assert!(crd_errs("{x-kubernetes-int-or-string: true}", "").is_empty());
    assert_eq!(
        crd_errs("{x-kubernetes-int-or-string: true, x-kubernetes-preserve-unknown-fields: true}", ""),
        vec![format!("{p}.x-kubernetes-preserve-unknown-fields: Invalid value: true: must be false if x-kubernetes-int-or-string is true")]
    );
}

// pkg/apis/apiextensions/validation/validation.go ValidateCustomResourceDefinitionOpenAPISchema:
// uniqueItems, additionalProperties beside properties, x-kubernetes-list-type /
// x-kubernetes-list-map-keys / x-kubernetes-map-type; validateMapListKeysMapSet
#[test]
fn validate_custom_resource_definition_openapi_schema_list_and_map_types() {
    let p = "spec.validation.openAPIV3Schema.properties[spec]";
    assert!(crd_errs("{type: object, properties: {a: {type: string}}, additionalProperties: true}", "").is_empty());
    assert_eq!(
        crd_errs("{type: object, properties: {a: {type: string}}, additionalProperties: {type: string}}", ""),
        vec![format!("{p}.additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive")]
    );
    assert_eq!(
        crd_errs("{type: array, uniqueItems: true, items: {type: string}}", ""),
        vec![format!("{p}.uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic")]
    );
    let ok_map = "{type: array, x-kubernetes-list-type: map, x-kubernetes-list-map-keys: [name], items: {type: object, required: [name], properties: {name: {type: string}}}}";
    assert!(crd_errs(ok_map, "").is_empty(), "{:?}", crd_errs(ok_map, ""));
    assert_eq!(
        crd_errs("{type: array, x-kubernetes-list-type: map, items: {type: object, properties: {name: {type: string}}}}", ""),
        vec![format!("{p}.x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map")]
    );
    assert_eq!(
        crd_errs("{type: array, x-kubernetes-list-map-keys: [name], items: {type: object, properties: {name: {type: string}}}}", ""),
        vec![format!("{p}.x-kubernetes-list-type: Required value: must be map if x-kubernetes-list-map-keys is non-empty")]
    );
    assert_eq!(
        crd_errs("{type: array, x-kubernetes-list-type: map, x-kubernetes-list-map-keys: [id], items: {type: object, properties: {name: {type: string}}}}", ""),
        vec![format!("{p}.x-kubernetes-list-map-keys: Invalid value: [\"id\"]: entries must all be names of item properties")]
    );
    assert_eq!(
        crd_errs("{type: array, x-kubernetes-list-type: map, x-kubernetes-list-map-keys: [name], items: {type: object, properties: {name: {type: string}}}}", ""),
        vec![format!("{p}.items.properties[name].default: Required value: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property")]
    );
    assert_eq!(
        crd_errs("{type: array, x-kubernetes-list-type: sorted, items: {type: string}}", ""),
        vec![format!("{p}.x-kubernetes-list-type: Unsupported value: \"sorted\": supported values: \"atomic\", \"set\", \"map\"")]
    );
    assert_eq!(
        crd_errs("{type: object, x-kubernetes-list-type: set}", ""),
        vec![format!("{p}.type: Invalid value: \"object\": must be array if x-kubernetes-list-type is specified")]
    );
    // requireAtomicSetType: a set of objects must be atomic maps (the items' list type printed)
    assert_eq!(
        crd_errs("{type: array, x-kubernetes-list-type: set, items: {type: object, properties: {a: {type: string}}}}", ""),
        vec![format!("{p}.items.x-kubernetes-map-type: Invalid value: null: must be atomic as item of a list with x-kubernetes-list-type=set")]
    );
    assert!(crd_errs("{type: array, x-kubernetes-list-type: set, items: {type: object, x-kubernetes-map-type: atomic, properties: {a: {type: string}}}}", "").is_empty());
    assert_eq!(
        crd_errs("{type: object, x-kubernetes-map-type: fine}", ""),
        vec![format!("{p}.x-kubernetes-map-type: Unsupported value: \"fine\": supported values: \"atomic\", \"granular\"")]
    );
}

// ValidateCustomResourceDefinitionSubresources (scale paths) and validateCustomResourceConversion
// (validateConversionReviewVersions)
#[test]
fn validate_custom_resource_definition_subresources_and_conversion() {
    let scale = |spec: &str, status: &str| format!("    subresources:\n      scale: {{specReplicasPath: '{spec}', statusReplicasPath: '{status}'}}\n");
    assert!(crd_errs("{type: object}", &scale(".spec.replicas", ".status.replicas")).is_empty());
    assert_eq!(
        crd_errs("{type: object}", &scale(".replicas", "status.replicas")),
        vec![
            "spec.subresources.scale.specReplicasPath: Invalid value: \".replicas\": should be a json path under .spec",
            "spec.subresources.scale.statusReplicasPath: Invalid value: \"status.replicas\": must be a simple json path starting with .",
        ]
    );
    assert_eq!(crd_errs("{type: object}", "    subresources:\n      scale: {statusReplicasPath: .status.replicas}\n"), vec!["spec.subresources.scale.specReplicasPath: Required value"]);
    let webhook = |rest: &str| format!("  conversion:\n    strategy: Webhook\n    webhook:\n      clientConfig: {{service: {{name: conv, namespace: system}}}}\n{rest}");
    assert!(crd_errs("{type: object}", &webhook("      conversionReviewVersions: [v1]\n")).is_empty());
    assert_eq!(crd_errs("{type: object}", &webhook("")), vec!["spec.conversion.conversionReviewVersions: Required value"]);
    assert_eq!(crd_errs("{type: object}", &webhook("      conversionReviewVersions: [v2]\n")), vec!["spec.conversion.conversionReviewVersions: Invalid value: [\"v2\"]: must include at least one of v1, v1beta1"]);
    assert_eq!(
        crd_errs("{type: object}", "  conversion:\n    strategy: None\n    webhook: {conversionReviewVersions: [v1]}\n"),
        vec!["spec.conversion.conversionReviewVersions: Forbidden: should not be set when strategy is not set to Webhook"]
    );
    assert_eq!(crd_errs("{type: object}", "  conversion:\n    strategy: Webhook\n    webhook: {conversionReviewVersions: [v1]}\n"), vec!["spec.conversion.webhookClientConfig: Required value: required when strategy is set to Webhook"]);
}

// validateAzureDisk after SetDefaults_AzureDiskVolumeSource (kind Shared when unset: a blob
// disk's https:// URI), for a PersistentVolume and a pod's volume alike
#[test]
fn validate_azure_disk_after_its_defaults() {
    assert!(pv_errors("  azureDisk: {diskName: d, diskURI: 'https://acct.blob.core.windows.net/vhds/d.vhd'}\n").is_empty());
    assert!(pv_errors("  azureDisk: {diskName: d, kind: Managed, diskURI: /subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/disks/d}\n").is_empty());
    assert_eq!(
        pv_errors("  azureDisk: {diskName: d, diskURI: /subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/disks/d}\n"),
        vec!["spec.azureDisk.diskURI: Unsupported value: \"/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/disks/d\": supported values: \"https://{account-name}.blob.core.windows.net/{container-name}/{disk-name}.vhd\""]
    );
    assert_eq!(
        pv_errors("  azureDisk: {diskURI: 'https://a/b.vhd', cachingMode: Full}\n"),
        vec!["spec.azureDisk.diskName: Required value", "spec.azureDisk.cachingMode: Unsupported value: \"Full\": supported values: \"None\", \"ReadOnly\", \"ReadWrite\""]
    );
    let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: nginx}]\n  volumes:\n  - name: d\n    azureDisk: {diskName: d, diskURI: 'https://a/b.vhd', kind: Blob}\n";
    assert_eq!(errors(&run(pod)), vec!["spec.volumes[0].azureDisk.kind: Unsupported value: \"Blob\": supported values: \"Dedicated\", \"Managed\", \"Shared\""]);
}

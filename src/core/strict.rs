//! Strict decoding as the API server does it for `kubectl apply` / `create` (kubectl's default
//! `--validate=strict` sends `fieldValidation=Strict`, KEP-2885 server-side field validation):
//! unknown fields refuse the object; duplicate keys are what the server would refuse, had it
//! been sent the YAML (kubectl sends JSON: see below).
//!
//! * Unknown fields: the object is decoded with sigs.k8s.io/json `UnmarshalStrict`
//!   (k8s.io/apimachinery pkg/runtime/serializer/json/json.go `Serializer.unmarshal`), which is
//!   case-sensitive (`CaseSensitive` option; json.go `UnmarshalCaseSensitivePreserveInts`: "JSON
//!   keys must case-sensitively match `json` tag names ... or they are treated as unknown
//!   fields"), so `targetport` is as unknown as `selectr`. Each one is a
//!   `strictError{"unknown field", path}` (sigs.k8s.io/json internal/golang/encoding/json/
//!   kubernetes_patch.go `newFieldError`, `appendStrictFieldStackKey` / `...Index`): the path joins
//!   keys with `.` and list indexes as `[i]`, quoted with strconv.Quote. They are gathered into
//!   `strict decoding error: e1, e2` (apimachinery pkg/runtime/error.go
//!   `strictDecodingError.Error`) and the create handler answers
//!   `Service in version "v1" cannot be handled as a Service: <err>` (k8s.io/apiserver
//!   pkg/endpoints/handlers/rest.go `transformDecodeError`).
//! * Duplicate keys: for YAML the serializer also runs sigs.k8s.io/yaml `YAMLToJSONStrict`
//!   (json.go `Serializer.unmarshal`: "to catch duplicate fields in YAML that would have been
//!   dropped"), i.e. go.yaml.in/yaml/v2 `UnmarshalStrict`, whose decode.go `setMapIndex` says
//!   `line %d: key %#v already set in map` (line of the repeated entry's *value*, 1-based),
//!   wrapped by yaml.go `TypeError.Error` as `yaml: unmarshal errors:\n  <line>`.
//!   YAMLToJSONStrict returns that error bare (no "error converting YAML to JSON" prefix; that
//!   prefix belongs to sigs.k8s.io/yaml `Unmarshal`, not to this path).
//!   Caveat: the server sees the YAML only when it is sent YAML. `kubectl apply -f file.yaml`
//!   converts each document to JSON client-side, non-strictly (k8s.io/cli-runtime
//!   pkg/resource/visitor.go `StreamVisitor.Visit` → apimachinery pkg/util/yaml/decoder.go
//!   `YAMLToJSONDecoder.Decode` → sigs.k8s.io/yaml `Unmarshal`), so through kubectl a repeated
//!   YAML key silently keeps its last value (verified with kubectl v1.32: `kubectl annotate
//!   --local -f` of `port: 80` then `port: 81` prints `port: 81`). That is what we answer: a
//!   warning, the object is not refused, every reader of the tree sees the last value
//!   ([`Node::get`]; the strict walk skips a key repeated later), and the message quotes what the
//!   server alone would say. A JSON document reaches the server as is;
//!   there the decoder's own wording would be `duplicate field "<path>"` (kubernetes_patch.go
//!   `duplicateStrictErrType`), which we do not distinguish.
//!
//! The field tables are generated from the Go types: see [`super::schema_gen`] and
//! ARCHITECTURE.md "Field tables". Shape errors (a string where an object is expected...) are
//! deliberately not reported here: model.rs's Reader reports them for the fields it reads, and
//! this walker simply does not descend into a value of the wrong shape.

use super::diag::{Diagnostic, ErrorType, Severity};
use super::schema_gen::{roots, BUILTIN_GROUPS, REGISTERED_KINDS};
use super::yaml::{Node, NodeKind, Pos, Value};
use std::collections::{HashMap, HashSet};

/// A Go struct as encoding/json sees it: its JSON field names (embedded structs flattened).
pub struct Type {
    pub name: &'static str,
    pub fields: &'static [Field],
}

pub struct Field {
    pub json: &'static str,
    pub ty: Ty,
}

#[derive(Clone, Copy)]
pub enum Ty {
    /// A leaf: string, number, bool, or a type with its own UnmarshalJSON of a scalar
    /// (metav1.Time, resource.Quantity, intstr.IntOrString...), with its Go type as reflect
    /// prints it (`string`, `int32`, `v1.Protocol`): the decoder's type errors name it.
    Scalar(&'static str),
    /// Anything goes (runtime.RawExtension, metav1.FieldsV1, unresolved types).
    Any,
    Struct(&'static Type),
    List(&'static Ty),
    /// `map[string]T`: any key.
    Map(&'static Ty),
    /// A named list or map type (`v1.ResourceList`): as the inner type, printed by this name.
    Named(&'static str, &'static Ty),
    /// A struct type that holds itself (apiextensions/v1.JSONSchemaProps' `properties`): the
    /// line of the generated tables, looked up when walked ([`super::schema_gen::line`]).
    Line(usize),
}

impl Ty {
    /// [`Ty::Line`] as the struct it names; any other type as it is.
    fn resolved(self) -> Ty {
        match self {
            Ty::Line(i) => Ty::Struct(super::schema_gen::line(i)),
            ty => ty,
        }
    }
}

/// A served kind: apiVersion + kind → its root type.
pub struct Root {
    pub api_version: &'static str,
    pub kind: &'static str,
    pub ty: &'static Type,
}

#[derive(Clone, Copy)]
pub enum KindMatch {
    /// Served at this apiVersion; check its fields against the table.
    Known(&'static Type),
    /// A kind we model, asked for at an apiVersion no current cluster serves
    /// (`v1` Deployment, `extensions/v1beta1` Deployment, `discovery.k8s.io/v1beta1`
    /// EndpointSlice...): kubectl's RESTMapper refuses it, see [`no_match_message`].
    NoMatch,
    /// Another kind (or a group that may be a CustomResource): fields stay unchecked.
    Unmodelled,
}

impl std::fmt::Debug for KindMatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KindMatch::Known(t) => write!(f, "Known({})", t.name),
            KindMatch::NoMatch => write!(f, "NoMatch"),
            KindMatch::Unmodelled => write!(f, "Unmodelled"),
        }
    }
}

fn split_api_version(api_version: &str) -> (&str, &str) {
    // schema.ParseGroupVersion: "v1" is the core group, "apps/v1" is group/version.
    match api_version.split_once('/') {
        Some((g, v)) => (g, v),
        None => ("", api_version),
    }
}

pub fn kind_root(api_version: &str, kind: &str) -> KindMatch {
    if api_version.is_empty() || kind.is_empty() {
        return KindMatch::Unmodelled;
    }
    if let Some(r) = roots().iter().chain(unmodelled_roots()).find(|r| r.api_version == api_version && r.kind == kind) {
        return KindMatch::Known(r.ty);
    }
    let (group, _) = split_api_version(api_version);
    if let Some((_, kinds)) = SERVED_KINDS.iter().find(|(gv, _)| *gv == api_version) {
        // a GA group version of a built-in group holds exactly these kinds: no CustomResource can
        // add one, so a misspelt kind (`Servce`, `service`) finds no match either
        return if kinds.contains(&kind) { KindMatch::Unmodelled } else { KindMatch::NoMatch };
    }
    // (HorizontalPodAutoscaler and PodDisruptionBudget are modelled without a strict table: a
    // `policy/v2` PodDisruptionBudget is no match either, not a PodDisruptionBudget)
    if (roots().iter().any(|r| r.kind == kind) || super::model::KINDS.contains(&kind)) && BUILTIN_GROUPS.contains(&group) {
        return KindMatch::NoMatch;
    }
    if removed(api_version, kind) {
        return KindMatch::NoMatch;
    }
    // any other version of a built-in group serves only the kinds k8s.io/api registers there (a
    // `networking.k8s.io/v1beta1` Gateway is Gateway API's gateway.networking.k8s.io, misread)
    if let Some((_, kinds)) = REGISTERED_KINDS.iter().find(|(gv, _)| *gv == api_version) {
        if !kinds.contains(&kind) {
            return KindMatch::NoMatch;
        }
    }
    // the core group serves `v1` alone (SERVED_KINDS above): an apiVersion with no slash is the
    // core group at that version (k8s.io/apimachinery pkg/runtime/schema/group_version.go
    // ParseGroupVersion), so `v1beta1` or `networking.istio.io` finds no match, whatever the kind
    if group.is_empty() {
        return KindMatch::NoMatch;
    }
    // a group no kube-apiserver serves and no CustomResourceDefinition can have (`networking`,
    // `app`, `Apps`, `rbac`: [`crd_group`]) is no match either, not a custom resource
    if !BUILTIN_GROUPS.contains(&group) && !SERVER_GROUPS.contains(&group) && !crd_group(group) {
        return KindMatch::NoMatch;
    }
    KindMatch::Unmodelled
}

/// Groups kube-apiserver serves besides [`BUILTIN_GROUPS`]: apiextensions.k8s.io
/// (k8s.io/apiextensions-apiserver, CustomResourceDefinition) and apiregistration.k8s.io
/// (k8s.io/kube-aggregator, APIService).
const SERVER_GROUPS: &[&str] = &["apiextensions.k8s.io", "apiregistration.k8s.io"];

/// Whether a CustomResourceDefinition can have this group: k8s.io/apiextensions-apiserver
/// pkg/apis/apiextensions/validation/validation.go validateCustomResourceDefinitionSpec refuses a
/// `spec.group` that is not IsDNS1123Subdomain or has no dot ("should be a domain with at least
/// one dot").
fn crd_group(group: &str) -> bool {
    group.contains('.') && super::names::dns1123_subdomain(group).is_empty()
}

/// Whether `api_version` names a group kube-apiserver does not serve itself, so that any kind in
/// it is a CustomResource: not one of [`BUILTIN_GROUPS`] (every k8s.io/api */register.go
/// `GroupName`), nor apiextensions.k8s.io (k8s.io/apiextensions-apiserver, CustomResourceDefinition)
/// or apiregistration.k8s.io (k8s.io/kube-aggregator, APIService), which kube-apiserver also
/// serves, and one a CustomResourceDefinition can have ([`crd_group`]: `networking/v1` is no
/// match, not a custom resource). Its objects are validated by their CRD's schema alone
/// (k8s.io/apiextensions-apiserver pkg/registry/customresource/strategy.go
/// `customResourceStrategy.Validate`). An empty apiVersion is none (MissingVersion).
pub fn custom_group(api_version: &str) -> bool {
    if api_version.is_empty() {
        return false;
    }
    let (group, _) = split_api_version(api_version);
    !BUILTIN_GROUPS.contains(&group) && !SERVER_GROUPS.contains(&group) && crd_group(group)
}

/// Kinds Switchboard does not model whose fields are still decoded strictly, as the API server
/// does: batch/v1 CronJob (then validated by core::cronjob), core/v1 ConfigMap and Secret
/// (k8s.io/api core/v1 types.go: TypeMeta, ObjectMeta, `immutable`, `data` / `binaryData` /
/// `stringData`, `type`), so a number in a ConfigMap's `data`, an unknown field, or a Secret's
/// `data` value that is not base64 is refused as the server refuses it. Built here, not in the
/// generated tables; `metadata` is the tables' own ObjectMeta. (The other kinds not drawn but
/// decoded strictly — RBAC, PersistentVolumeClaim, StorageClass... — are generated: gen_schema.py
/// OTHER_ROOTS.)
fn unmodelled_roots() -> &'static [Root] {
    static R: std::sync::OnceLock<Vec<Root>> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        let meta = roots()
            .iter()
            .find(|r| r.kind == "Namespace")
            .and_then(|r| r.ty.fields.iter().find(|f| f.json == "metadata"))
            .map_or(Ty::Any, |f| f.ty);
        let leak = |name: &'static str, fields: Vec<Field>| -> &'static Type { Box::leak(Box::new(Type { name, fields: Box::leak(fields.into_boxed_slice()) })) };
        let string = Ty::Scalar("string");
        let bytes: &'static Ty = &Ty::Scalar("[]uint8");
        let strings: &'static Ty = &Ty::Scalar("string");
        let head = |extra: Vec<Field>| {
            let mut f = vec![Field { json: "kind", ty: string }, Field { json: "apiVersion", ty: string }, Field { json: "metadata", ty: meta }, Field { json: "immutable", ty: Ty::Scalar("bool") }];
            f.extend(extra);
            f
        };
        // batch/v1 CronJob (k8s.io/api batch/v1 types.go CronJobSpec, JobTemplateSpec): its job
        // template's spec is the generated tables' JobSpec; status (CronJobStatus) unchecked
        let job_spec = roots()
            .iter()
            .find(|r| r.kind == "Job")
            .and_then(|r| r.ty.fields.iter().find(|f| f.json == "spec"))
            .map_or(Ty::Any, |f| f.ty);
        let job_template = leak("batch/v1.JobTemplateSpec", vec![Field { json: "metadata", ty: meta }, Field { json: "spec", ty: job_spec }]);
        let cron_spec = leak(
            "batch/v1.CronJobSpec",
            vec![
                Field { json: "schedule", ty: string },
                Field { json: "timeZone", ty: string },
                Field { json: "startingDeadlineSeconds", ty: Ty::Scalar("int64") },
                Field { json: "concurrencyPolicy", ty: Ty::Scalar("v1.ConcurrencyPolicy") },
                Field { json: "suspend", ty: Ty::Scalar("bool") },
                Field { json: "jobTemplate", ty: Ty::Struct(job_template) },
                Field { json: "successfulJobsHistoryLimit", ty: Ty::Scalar("int32") },
                Field { json: "failedJobsHistoryLimit", ty: Ty::Scalar("int32") },
            ],
        );
        let cron_job = vec![
            Field { json: "kind", ty: string },
            Field { json: "apiVersion", ty: string },
            Field { json: "metadata", ty: meta },
            Field { json: "spec", ty: Ty::Struct(cron_spec) },
            Field { json: "status", ty: Ty::Any },
        ];
        vec![
            Root { api_version: "batch/v1", kind: "CronJob", ty: leak("batch/v1.CronJob", cron_job) },
            Root {
                api_version: "v1",
                kind: "ConfigMap",
                ty: leak("core/v1.ConfigMap", head(vec![Field { json: "data", ty: Ty::Map(strings) }, Field { json: "binaryData", ty: Ty::Map(bytes) }])),
            },
            Root {
                api_version: "v1",
                kind: "Secret",
                ty: leak(
                    "core/v1.Secret",
                    head(vec![Field { json: "data", ty: Ty::Map(bytes) }, Field { json: "stringData", ty: Ty::Map(strings) }, Field { json: "type", ty: Ty::Scalar("v1.SecretType") }]),
                ),
            },
        ]
    })
}

/// encoding/base64 StdEncoding.Decode (decodeQuantum, padded, not strict; `\r` and `\n`
/// skipped) on a `[]byte` field's JSON string, as encoding/json's literalStore calls it: the
/// offset of its CorruptInputError (`illegal base64 data at input byte N`), None when it decodes.
pub fn base64_error(s: &[u8]) -> Option<usize> {
    let valid = |c: u8| c.is_ascii_alphanumeric() || c == b'+' || c == b'/';
    let newline = |c: u8| c == b'\n' || c == b'\r';
    let mut si = 0;
    while si < s.len() {
        let mut j = 0;
        while j < 4 {
            if si == s.len() {
                return if j == 0 { None } else { Some(si - j) };
            }
            let c = s[si];
            si += 1;
            if valid(c) {
                j += 1;
                continue;
            }
            if newline(c) {
                continue;
            }
            if c != b'=' || j < 2 {
                return Some(si - 1);
            }
            if j == 2 {
                // "==" expected: the first '=' is consumed
                while si < s.len() && newline(s[si]) {
                    si += 1;
                }
                if si == s.len() {
                    return Some(s.len());
                }
                if s[si] != b'=' {
                    return Some(si - 1);
                }
                si += 1;
            }
            while si < s.len() && newline(s[si]) {
                si += 1;
            }
            // trailing garbage after the padding
            return (si < s.len()).then_some(si);
        }
    }
    None
}

/// A kind at a built-in group version that no kube-apiserver serves any more (the Deprecated
/// API Migration Guide, kubernetes/website content/en/docs/reference/using-api/
/// deprecation-guide.md, "Removed APIs by release": v1.16, v1.22, v1.25, v1.26, v1.27, v1.29,
/// v1.32). Discovery no longer lists them, so kubectl's RESTMapper finds no mapping and applies
/// nothing ([`no_match_message`]); kinds Switchboard does not model (RBAC, CronJob,
/// StorageClass, CustomResourceDefinition...) are refused here too, not ignored. The groups are
/// built in (`*.k8s.io` needs an approved CRD): no CustomResource serves these.
fn removed(api_version: &str, kind: &str) -> bool {
    // the `extensions` group is gone as a whole (its last kinds, Ingress included, in v1.22)
    api_version == "extensions/v1beta1" || REMOVED_KINDS.iter().any(|(gv, ks)| *gv == api_version && ks.contains(&kind))
}

/// [`removed`]: group version → the kinds that version served and no longer does (with their
/// List kinds, which kubectl maps the same way).
const REMOVED_KINDS: &[(&str, &[&str])] = &[
    // v1.16
    ("apps/v1beta1", &["Deployment", "DeploymentList", "StatefulSet", "StatefulSetList", "ReplicaSet", "ReplicaSetList", "ControllerRevision", "ControllerRevisionList"]),
    ("apps/v1beta2", &["Deployment", "DeploymentList", "StatefulSet", "StatefulSetList", "DaemonSet", "DaemonSetList", "ReplicaSet", "ReplicaSetList", "ControllerRevision", "ControllerRevisionList"]),
    // v1.22
    ("admissionregistration.k8s.io/v1beta1", &["MutatingWebhookConfiguration", "MutatingWebhookConfigurationList", "ValidatingWebhookConfiguration", "ValidatingWebhookConfigurationList"]),
    ("apiextensions.k8s.io/v1beta1", &["CustomResourceDefinition", "CustomResourceDefinitionList"]),
    ("apiregistration.k8s.io/v1beta1", &["APIService", "APIServiceList"]),
    ("authentication.k8s.io/v1beta1", &["TokenReview"]),
    ("authorization.k8s.io/v1beta1", &["LocalSubjectAccessReview", "SelfSubjectAccessReview", "SubjectAccessReview", "SelfSubjectRulesReview"]),
    ("certificates.k8s.io/v1beta1", &["CertificateSigningRequest", "CertificateSigningRequestList"]),
    ("coordination.k8s.io/v1beta1", &["Lease", "LeaseList"]),
    ("networking.k8s.io/v1beta1", &["Ingress", "IngressList", "IngressClass", "IngressClassList"]),
    ("rbac.authorization.k8s.io/v1beta1", &["ClusterRole", "ClusterRoleBinding", "ClusterRoleBindingList", "ClusterRoleList", "Role", "RoleBinding", "RoleBindingList", "RoleList"]),
    ("scheduling.k8s.io/v1beta1", &["PriorityClass", "PriorityClassList"]),
    // (and v1.27: its CSIStorageCapacity; VolumeAttributesClass is served there again since v1.31)
    ("storage.k8s.io/v1beta1", &["CSIDriver", "CSIDriverList", "CSINode", "CSINodeList", "StorageClass", "StorageClassList", "VolumeAttachment", "VolumeAttachmentList", "CSIStorageCapacity", "CSIStorageCapacityList"]),
    // v1.25 (PodSecurityPolicy removed as a kind: policy/v1 never had it)
    ("batch/v1beta1", &["CronJob", "CronJobList"]),
    ("discovery.k8s.io/v1beta1", &["EndpointSlice", "EndpointSliceList"]),
    ("events.k8s.io/v1beta1", &["Event", "EventList"]),
    ("autoscaling/v2beta1", &["HorizontalPodAutoscaler", "HorizontalPodAutoscalerList"]),
    ("policy/v1beta1", &["PodDisruptionBudget", "PodDisruptionBudgetList", "PodSecurityPolicy", "PodSecurityPolicyList"]),
    ("node.k8s.io/v1beta1", &["RuntimeClass", "RuntimeClassList"]),
    // v1.26
    ("autoscaling/v2beta2", &["HorizontalPodAutoscaler", "HorizontalPodAutoscalerList"]),
    ("flowcontrol.apiserver.k8s.io/v1beta1", &["FlowSchema", "FlowSchemaList", "PriorityLevelConfiguration", "PriorityLevelConfigurationList"]),
    // v1.29
    ("flowcontrol.apiserver.k8s.io/v1beta2", &["FlowSchema", "FlowSchemaList", "PriorityLevelConfiguration", "PriorityLevelConfigurationList"]),
    // v1.32
    ("flowcontrol.apiserver.k8s.io/v1beta3", &["FlowSchema", "FlowSchemaList", "PriorityLevelConfiguration", "PriorityLevelConfigurationList"]),
];

/// The kinds each GA group version of a built-in group registers (k8s.io/api `<group>/<version>/
/// register.go` addKnownTypes, at the commit named in `schema_gen.rs`; list kinds included).
/// Only these versions are listed: there every kind the server knows is here, so anything else
/// is a typo. Beta and alpha versions are not listed (off by default, so we cannot tell).
/// (tools/gen_schema.py SERVED_GROUP_VERSIONS names these group versions: the generated
/// REGISTERED_KINDS holds every other one.)
const SERVED_KINDS: &[(&str, &[&str])] = &[
    ("v1", &["Pod", "PodList", "PodTemplate", "PodTemplateList", "ReplicationController", "ReplicationControllerList", "Service", "ServiceList", "Endpoints", "EndpointsList", "Node", "NodeList", "Binding", "Event", "EventList", "List", "LimitRange", "LimitRangeList", "ResourceQuota", "ResourceQuotaList", "Namespace", "NamespaceList", "Secret", "SecretList", "ServiceAccount", "ServiceAccountList", "PersistentVolume", "PersistentVolumeList", "PersistentVolumeClaim", "PersistentVolumeClaimList", "ComponentStatus", "ComponentStatusList", "ConfigMap", "ConfigMapList", "Status", "DeleteOptions", "ServiceProxyOptions", "NodeProxyOptions", "PodAttachOptions", "PodLogOptions", "PodExecOptions", "PodPortForwardOptions", "PodProxyOptions", "SerializedReference", "RangeAllocation"]),
    ("apps/v1", &["Deployment", "DeploymentList", "StatefulSet", "StatefulSetList", "DaemonSet", "DaemonSetList", "ReplicaSet", "ReplicaSetList", "ControllerRevision", "ControllerRevisionList"]),
    ("batch/v1", &["Job", "JobList", "CronJob", "CronJobList"]),
    ("discovery.k8s.io/v1", &["EndpointSlice", "EndpointSliceList"]),
    ("networking.k8s.io/v1", &["Ingress", "IngressList", "IngressClass", "IngressClassList", "NetworkPolicy", "NetworkPolicyList", "IPAddress", "IPAddressList", "ServiceCIDR", "ServiceCIDRList"]),
    ("rbac.authorization.k8s.io/v1", &["Role", "RoleBinding", "RoleBindingList", "RoleList", "ClusterRole", "ClusterRoleBinding", "ClusterRoleBindingList", "ClusterRoleList"]),
    ("policy/v1", &["PodDisruptionBudget", "PodDisruptionBudgetList", "Eviction"]),
    ("autoscaling/v1", &["HorizontalPodAutoscaler", "HorizontalPodAutoscalerList", "Scale"]),
    ("autoscaling/v2", &["HorizontalPodAutoscaler", "HorizontalPodAutoscalerList"]),
    ("scheduling.k8s.io/v1", &["PriorityClass", "PriorityClassList"]),
    ("coordination.k8s.io/v1", &["Lease", "LeaseList"]),
    ("node.k8s.io/v1", &["RuntimeClass", "RuntimeClassList"]),
    ("events.k8s.io/v1", &["Event", "EventList"]),
];

/// Whether any served group version has this kind (so a no-match is about the apiVersion, not a
/// misspelt kind).
pub fn kind_exists(kind: &str) -> bool {
    roots().iter().any(|r| r.kind == kind) || SERVED_KINDS.iter().chain(REMOVED_KINDS).any(|(_, ks)| ks.contains(&kind))
}

/// The group version that serves `kind` (the last one listed, the newest where two serve it:
/// autoscaling/v2 for a HorizontalPodAutoscaler): what a no-match's hint names ("Service is
/// apiVersion: v1", "Deployment is apiVersion: apps/v1"; learner10 W2).
pub fn served_version(kind: &str) -> Option<&'static str> {
    SERVED_KINDS.iter().rev().find(|(_, ks)| ks.contains(&kind)).map(|(gv, _)| *gv)
}

/// Which field a [`KindMatch::NoMatch`] points at: the kind when its group version is a real one
/// and no served group version has that kind (a misspelt kind), else the apiVersion (a real kind
/// at a wrong version, or a group version no server has: `networking/v1`, `v1beta1`).
pub fn no_match_field(api_version: &str, kind: &str) -> &'static str {
    let known_gv = SERVED_KINDS.iter().chain(REGISTERED_KINDS).chain(REMOVED_KINDS).any(|(gv, _)| *gv == api_version);
    if known_gv && !kind_exists(kind) {
        "kind"
    } else {
        "apiVersion"
    }
}

/// The kind a misspelt one probably meant, in the same group version (same name in another case,
/// or edit distance ≤ 2).
pub fn suggest_kind(api_version: &str, kind: &str) -> Option<&'static str> {
    let (_, kinds) = SERVED_KINDS.iter().find(|(gv, _)| *gv == api_version)?;
    let kinds = kinds.iter().filter(|k| !k.ends_with("List") && !k.ends_with("Options"));
    let mut best: Option<(usize, &'static str)> = None;
    for k in kinds {
        let d = if k.eq_ignore_ascii_case(kind) { 0 } else { edit_distance(k, kind) };
        if d <= 2 && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, k));
        }
    }
    best.map(|(_, k)| k)
}

/// kubectl's resource-mapping error for a [`KindMatch::NoMatch`]: k8s.io/apimachinery
/// pkg/api/meta/errors.go `NoKindMatchError.Error` with one searched version:
/// `no matches for kind %q in version %q` (the version printed as schema.GroupVersion.String():
/// `v1` for the core group, `apps/v1beta2` otherwise). kubectl wraps it (k8s.io/cli-runtime
/// pkg/resource/mapper.go `mapper.infoForData`) as `resource mapping not found for name: %q
/// namespace: %q from %q: <this>\nensure CRDs are installed first`.
pub fn no_match_message(api_version: &str, kind: &str) -> String {
    format!("no matches for kind {} in version {}", go_quote(kind), go_quote(api_version))
}

/// [`no_match_message`] as an error at `pos` (the `apiVersion` value, say), field `apiVersion`,
/// code `NoKindMatch`.
pub fn no_match_diagnostic(api_version: &str, kind: &str, pos: Pos) -> Diagnostic {
    let d = Diagnostic::note(Severity::Error, ErrorType::Invalid, "NoKindMatch", no_match_message(api_version, kind), pos).at_field("apiVersion");
    // our suggestion, beside kubectl's words (qa2 E1)
    match suggest_kind(api_version, kind) {
        Some(k) => d.hint(format!("did you mean kind {}?", go_quote(k))),
        None => d,
    }
}

/// strconv.Quote (one implementation: [`super::diag::go_quote`]).
pub use super::diag::go_quote;

/// A YAML key as it becomes a JSON object key (sigs.k8s.io/yaml yaml.go
/// `convertToJSONableObject`: ints in decimal, floats via FormatFloat('g', -1, 32),
/// booleans `true`/`false`).
fn json_key(k: &Node) -> std::borrow::Cow<'_, str> {
    match &k.kind {
        NodeKind::Scalar { value, text, .. } => match value {
            Value::Str => text.as_str().into(),
            Value::Int(i) => i.to_string().into(),
            Value::Bool(b) => b.to_string().into(),
            Value::Float(f) => {
                if f.is_nan() {
                    ".nan".into()
                } else if f.is_infinite() {
                    if *f > 0.0 { ".inf".into() } else { "-.inf".into() }
                } else {
                    super::decimal::shortest_f32(*f as f32).into()
                }
            }
            // go-yaml gives nil; convertToJSONableObject refuses it ("unsupported map key")
            Value::Null => text.as_str().into(),
        },
        _ => k.text().into(),
    }
}

/// Upstream caps the strict errors of one decode at 100 (kubernetes_patch.go `saveStrictError`).
const MAX_STRICT_ERRORS: usize = 100;

struct Walk<'a> {
    /// the object's kind and version: the message's prefix, made only for an error
    kind: &'a str,
    version: &'a str,
    object: &'a str,
    diags: &'a mut Vec<Diagnostic>,
    seen: Vec<String>,
    /// the decoder's error context (decode.go `errorContext`): the JSON names of the struct
    /// fields being decoded (list indexes and map keys are not in it) and, for each, the Go
    /// struct that holds it
    fields: Vec<(&'static str, &'static str)>,
    /// the type error the decoder saves first (`saveError` keeps the first) and the error an
    /// UnmarshalJSON returns first (it ends the decode and wins over a saved one), each with its
    /// place in the order the decoder meets fields: kubectl sends the object as JSON made from a
    /// map, so every object's keys are sorted (encoding/json Marshal of map[string]interface{})
    saved: Option<(Vec<SortSeg>, Diagnostic)>,
    ended: Option<(Vec<SortSeg>, Diagnostic)>,
    /// every mapping's keys are distinct strings: none is repeated later in its map
    distinct_keys: bool,
    /// a field the struct does not have is skipped, not an error (encoding/json's Unmarshal, not
    /// the API server's strict decoding: [`kubectl_decode_error`])
    lenient: bool,
}

/// A step of a field path in the order the decoder meets it: keys sorted as strings (bytes),
/// list items in order.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum SortSeg {
    Key(Vec<u8>),
    Index(usize),
}

/// Check `root` (one object) against its type: every key the Go struct does not have is an
/// unknown field. `object_id` goes into [`Diagnostic::object`].
pub fn check(root: &Node, ty: &'static Type, diags: &mut Vec<Diagnostic>, object_id: &str) {
    check_keys(root, ty, diags, object_id, false);
}

/// [`check`] of a tree whose mappings' keys are known to be distinct strings
/// (`distinct_keys`: [`super::yaml::Document::distinct_keys`]): no key is looked for again later
/// in its map.
pub fn check_keys(root: &Node, ty: &'static Type, diags: &mut Vec<Diagnostic>, object_id: &str, distinct_keys: bool) {
    // a clean object (nearly all): told without the walk's bookkeeping
    if distinct_keys && quiet(root, Ty::Struct(ty), false) {
        return;
    }
    check_keys_walked(root, ty, diags, object_id, distinct_keys);
}

/// [`check_keys`] by the walk alone (its answer for a clean object: nothing).
fn check_keys_walked(root: &Node, ty: &'static Type, diags: &mut Vec<Diagnostic>, object_id: &str, distinct_keys: bool) {
    let kind = root.get("kind").and_then(|k| k.as_str()).unwrap_or("");
    let version = split_api_version(root.get("apiVersion").and_then(|v| v.as_str()).unwrap_or("")).1;
    // rest.go transformDecodeError: "%s in version %q cannot be handled as a %s: %v"
    // (gvk.Kind, gvk.Version, the handler's kind, the decode error).
    let mut w = Walk { kind, version, object: object_id, diags, seen: Vec::new(), fields: Vec::new(), saved: None, ended: None, distinct_keys, lenient: false };
    let mut path = Vec::new();
    walk(&mut w, root, Ty::Struct(ty), &mut path);
    if let Some((_, d)) = w.ended.or(w.saved) {
        // the decode's error is returned alone: kjson.UnmarshalStrict gives no strict errors
        // (unknown or duplicate fields) with it (sigs.k8s.io/json json.go), so neither does the
        // API server. `diags` holds this one object's strict errors.
        w.diags.retain(|d| d.code != "UnknownField" && d.code != "DuplicateKey");
        w.diags.push(d);
    }
}

/// kubectl's own decode of a document, before anything is sent: cli-runtime
/// pkg/resource/builder.go `metadataValidatingDecoder.Decode` unmarshals the document
/// (encoding/json, not strict: other fields are skipped) into `metadataOnlyObject` (TypeMeta +
/// ObjectMeta) "so we don't silently truncate schema errors in metadata", and mapper.go
/// `infoForData` refuses the document with `unable to decode %q: %v` (`source`: the file, or
/// STDIN); kubectl goes on with the next document (ContinueOnError). Only a document's own
/// metadata: a List's items are not decoded there (unstructuredJSONScheme.decodeToList), and a
/// document without a kind fails before (UnstructuredJSONScheme.Decode's MissingKindErr). The
/// API server never sees the document, so its words ("Service in version \"v1\" cannot be
/// handled as a Service: json: cannot unmarshal number into Go struct field
/// ObjectMeta.metadata.labels of type string") are not what the user reads (corpus11).
pub fn kubectl_decode_error(root: &Node, source: &str) -> Option<Diagnostic> {
    kubectl_decode_error_keys(root, source, false)
}

/// [`kubectl_decode_error`] of a tree whose mappings' keys are known to be distinct strings
/// ([`super::yaml::Document::distinct_keys`]): no key is looked for again later in its map (each
/// document of a stream is walked here before it is decoded; issue #12's stream rows).
pub fn kubectl_decode_error_keys(root: &Node, source: &str, distinct_keys: bool) -> Option<Diagnostic> {
    static T: std::sync::OnceLock<&'static Type> = std::sync::OnceLock::new();
    let t = T.get_or_init(|| {
        let meta = roots()
            .iter()
            .find(|r| r.kind == "Namespace")
            .and_then(|r| r.ty.fields.iter().find(|f| f.json == "metadata"))
            .map_or(Ty::Any, |f| f.ty);
        Box::leak(Box::new(Type { name: "resource.metadataOnlyObject", fields: Box::leak(Box::new([Field { json: "metadata", ty: meta }])) }))
    });
    if !matches!(root.kind, NodeKind::Map(_)) || root.get("kind").and_then(|k| k.as_str()).is_none_or(str::is_empty) {
        return None;
    }
    if distinct_keys && quiet(root, Ty::Struct(t), true) {
        return None;
    }
    let mut diags = Vec::new();
    let mut w = Walk { kind: "", version: "", object: "", diags: &mut diags, seen: Vec::new(), fields: Vec::new(), saved: None, ended: None, distinct_keys, lenient: true };
    let mut path = Vec::new();
    walk(&mut w, root, Ty::Struct(t), &mut path);
    let (_, mut d) = w.ended.or(w.saved)?;
    d.message = format!("unable to decode {}: {}", go_quote(source), d.message);
    Some(d)
}

/// How reflect's Type.String() prints a table type (a struct `core/v1.ServicePort` is
/// `v1.ServicePort`).
fn go_type(ty: Ty) -> String {
    match ty {
        Ty::Scalar(name) | Ty::Named(name, _) => name.to_string(),
        Ty::Struct(t) => t.name.rsplit('/').next().unwrap_or(t.name).to_string(),
        Ty::List(inner) => format!("[]{}", go_type(*inner)),
        Ty::Map(inner) => format!("map[string]{}", go_type(*inner)),
        Ty::Any => "interface {}".to_string(),
        Ty::Line(_) => go_type(ty.resolved()),
    }
}

/// The range of a Go integer type, None for other types.
fn int_range(go: &str) -> Option<(i128, i128)> {
    Some(match go {
        "int8" => (i8::MIN.into(), i8::MAX.into()),
        "int16" => (i16::MIN.into(), i16::MAX.into()),
        "int32" => (i32::MIN.into(), i32::MAX.into()),
        "int" | "int64" => (i64::MIN.into(), i64::MAX.into()),
        "uint8" => (0, u8::MAX.into()),
        "uint16" => (0, u16::MAX.into()),
        "uint32" => (0, u32::MAX.into()),
        "uint" | "uint64" | "uintptr" => (0, u64::MAX.into()),
        _ => return None,
    })
}

/// A document as kubectl holds it when it decodes it: sigs.k8s.io/yaml `YAMLToJSON` (go-yaml
/// into `interface{}`, `convertToJSONableObject`, then encoding/json `Marshal`): compact, each
/// mapping's keys as [`json_key`] makes them, sorted (Marshal sorts a map's keys), a repeated
/// key's last value, strings HTML-safe (Marshal's escapeHTML: [`super::diag::json_str`]).
/// Quoted by apimachinery's `Object 'Kind' is missing in '<json>'` (runtime.NewMissingKindErr).
pub(crate) fn yaml_to_json(n: &Node) -> String {
    let mut out = String::new();
    write_json(n, &mut out);
    out
}

fn write_json(n: &Node, out: &mut String) {
    match &n.kind {
        NodeKind::Scalar { value, text, .. } => match value {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Int(_) | Value::Float(_) => out.push_str(&json_number(value, text.as_str())),
            Value::Str => out.push_str(&super::diag::json_str(text.as_str())),
        },
        NodeKind::Seq(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(item, out);
            }
            out.push(']');
        }
        NodeKind::Map(entries) => {
            // a repeated key: the last one wins (a Go map), at the place the sort gives it
            let mut keyed: std::collections::BTreeMap<std::borrow::Cow<'_, str>, &Node> = std::collections::BTreeMap::new();
            for (k, v) in entries {
                keyed.insert(json_key(k), v);
            }
            out.push('{');
            for (i, (k, v)) in keyed.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&super::diag::json_str(k));
                out.push(':');
                write_json(v, out);
            }
            out.push('}');
        }
    }
}

/// The JSON a YAML number becomes (sigs.k8s.io/yaml → encoding/json): an integer's digits;
/// a float's shortest form, here the written decimal without `+`, leading or trailing zeros
/// (`80.50` → `80.5`; written exponents are kept as written).
fn json_number(value: &Value, text: &str) -> String {
    match value {
        Value::Int(i) => i.to_string(),
        Value::Float(f) if f.fract() == 0.0 && f.abs() < 1e18 => (*f as i64).to_string(),
        _ => {
            let t = text.trim_start_matches('+');
            match t.split_once('.') {
                Some((int, frac)) if !t.contains(['e', 'E']) => {
                    let (sign, int) = int.strip_prefix('-').map_or(("", int), |i| ("-", i));
                    let int = match int.trim_start_matches('0') {
                        "" => "0",
                        i => i,
                    };
                    let frac = frac.trim_end_matches('0');
                    if frac.is_empty() {
                        format!("{sign}{int}")
                    } else {
                        format!("{sign}{int}.{frac}")
                    }
                }
                _ => t.to_string(),
            }
        }
    }
}

/// Does a Go integer type take this YAML number? (JSON `80` and `80.0` → 80; `80.5` or an
/// overflow is `number 80.5`.)
fn int_fits(value: &Value, (lo, hi): (i128, i128)) -> bool {
    match value {
        Value::Int(i) => (lo..=hi).contains(&i128::from(*i)),
        Value::Float(f) => f.fract() == 0.0 && f.abs() < 1e18 && (lo..=hi).contains(&(*f as i128)),
        _ => false,
    }
}

/// The type error the decoder makes of `node` for a field of type `ty`, if any: its `Value`
/// word (`string`, `number`, `number 80.5`, `bool`, `object`, `array`) and whether it comes
/// from an UnmarshalJSON (IntOrString: encoding/json's own error, without the struct context,
/// ending the decode).
fn mismatch(node: &Node, ty: Ty) -> Option<(String, String, bool)> {
    let word = |n: &Node| -> &'static str {
        match &n.kind {
            NodeKind::Map(_) => "object",
            NodeKind::Seq(_) => "array",
            NodeKind::Scalar { value: Value::Str, .. } => "string",
            NodeKind::Scalar { value: Value::Bool(_), .. } => "bool",
            NodeKind::Scalar { .. } => "number",
        }
    };
    if node.is_null() {
        return None;
    }
    let scalar = match &node.kind {
        NodeKind::Scalar { value, text, .. } => Some((value, text)),
        _ => None,
    };
    let ty = ty.resolved();
    let plain = |fits: bool| (!fits).then(|| (word(node).to_string(), go_type(ty), false));
    match ty {
        Ty::Any | Ty::Line(_) => None,
        Ty::Named(_, inner) => match (inner, &node.kind) {
            (Ty::List(_), NodeKind::Seq(_)) | (Ty::Map(_), NodeKind::Map(_)) => None,
            _ => plain(false),
        },
        Ty::Struct(_) | Ty::Map(_) => plain(matches!(node.kind, NodeKind::Map(_))),
        Ty::List(_) => plain(matches!(node.kind, NodeKind::Seq(_))),
        // own UnmarshalJSON of a string (metav1.Time/MicroTime/Duration parse it): their errors
        // are not the decoder's; not modelled (resource.Quantity: `quantity_error`, before this)
        Ty::Scalar("v1.Time" | "v1.MicroTime" | "v1.Duration") => None,
        // IntOrString.UnmarshalJSON: a JSON string is the string; anything else goes through
        // encoding/json into its int32
        Ty::Scalar("intstr.IntOrString") => match scalar {
            Some((Value::Str, _)) => None,
            Some((v @ (Value::Int(_) | Value::Float(_)), text)) => {
                (!int_fits(v, (i32::MIN.into(), i32::MAX.into()))).then(|| (format!("number {}", json_number(v, text)), "int32".to_string(), true))
            }
            _ => Some((word(node).to_string(), "int32".to_string(), true)),
        },
        Ty::Scalar("bool") => plain(matches!(scalar, Some((Value::Bool(_), _)))),
        Ty::Scalar("[]uint8") => plain(matches!(scalar, Some((Value::Str, _))) || matches!(node.kind, NodeKind::Seq(_))),
        Ty::Scalar("float32" | "float64") => plain(matches!(scalar, Some((Value::Int(_) | Value::Float(_), _)))),
        Ty::Scalar(go) => match (int_range(go), scalar) {
            (Some(range), Some((v @ (Value::Int(_) | Value::Float(_)), text))) => {
                (!int_fits(v, range)).then(|| (format!("number {}", json_number(v, text)), go.to_string(), false))
            }
            (Some(_), _) => plain(false),
            // a Go string (or a named string type)
            (None, _) => plain(matches!(scalar, Some((Value::Str, _)))),
        },
    }
}

/// Record the decoder's type error for `node` (at `path`), keeping the first one unless an
/// UnmarshalJSON's error ends the decode.
fn type_error(w: &mut Walk, node: &Node, ty: Ty, path: &[Seg]) {
    // resource.Quantity's UnmarshalJSON: ParseQuantity's own error, which ends the decode
    // a []byte's string that is not base64: encoding/json saves base64's own error
    // (literalStore: d.saveError(err)), without the struct context of a type error
    let base64 = match (ty, &node.kind) {
        (Ty::Scalar("[]uint8"), NodeKind::Scalar { value: Value::Str, text, .. }) => base64_error(text.as_str().as_bytes()),
        _ => None,
    };
    let (value, go, aborts, quantity) = match ty {
        _ if base64.is_some() => (String::new(), String::new(), false, None),
        Ty::Scalar("resource.Quantity") => match quantity_error(node) {
            Some(e) => (String::new(), String::new(), true, Some(e.to_string())),
            None => return,
        },
        Ty::Scalar("v1.Time") => match time_error(node) {
            Some(Ok(e)) => (String::new(), String::new(), true, Some(e)),
            Some(Err(word)) => (word.to_string(), "string".to_string(), true, None),
            None => return,
        },
        _ => match mismatch(node, ty) {
            Some((value, go, aborts)) => (value, go, aborts, None),
            None => return,
        },
    };
    let place: Vec<SortSeg> = path
        .iter()
        .map(|s| match s {
            Seg::Key(k) => SortSeg::Key(key_bytes(k).into_owned()),
            Seg::Index(i) => SortSeg::Index(*i),
        })
        .collect();
    let slot = if aborts { &w.ended } else { &w.saved };
    if slot.as_ref().is_some_and(|(p, _)| *p <= place) {
        return;
    }
    // decode.go UnmarshalTypeError.Error; addErrorContext adds the struct and the field path
    // only to the decoder's own error type, not to the encoding/json error of an UnmarshalJSON
    let detail = match (&quantity, aborts, w.fields.last()) {
        _ if base64.is_some() => format!("illegal base64 data at input byte {}", base64.unwrap_or_default()),
        (Some(q), _, _) => q.clone(),
        // (an UnmarshalJSON's own encoding/json type error, returned, gets the context too:
        // decode.go `unmarshal` → addErrorContext; kubectl v1.32 on `creationTimestamp: 5`:
        // `json: cannot unmarshal number into Go struct field
        // ObjectMeta.metadata.creationTimestamp of type string`)
        (None, aborts, Some((_, st))) if !aborts || matches!(ty, Ty::Scalar("v1.Time")) => {
            let field = w.fields.iter().map(|(f, _)| *f).collect::<Vec<_>>().join(".");
            let st = st.rsplit('.').next().unwrap_or(st);
            format!("json: cannot unmarshal {value} into Go struct field {st}.{field} of type {go}")
        }
        _ => format!("json: cannot unmarshal {value} into Go value of type {go}"),
    };
    let (kind, version) = (w.kind, w.version);
    let prefix = if kind.is_empty() { String::new() } else { format!("{kind} in version {} cannot be handled as a {kind}: ", go_quote(version)) };
    let message = format!("{prefix}{detail}");
    // our hints go beside the API server's words, in `hint` (qa2 E1)
    let mut hints: Vec<String> = Vec::new();
    // a Go string written as an unquoted YAML number or boolean: say how to keep it a string
    if let (Ty::Scalar(_), NodeKind::Scalar { plain: true, value: Value::Bool(_) | Value::Int(_) | Value::Float(_), text, .. }, None, None) = (ty, &node.kind, quantity.as_deref(), base64) {
        if go != "bool" && int_range(&go).is_none() && !go.starts_with("float") {
            let read_as = if matches!(node.kind, NodeKind::Scalar { value: Value::Bool(_), .. }) { "a boolean" } else { "a number" };
            hints.push(format!("YAML reads unquoted {text} as {read_as}; quote it: \"{text}\""));
        }
    }
    // a Service's selector written as a workload's (matchLabels / matchExpressions): say what it is
    let rendered = render(path);
    if kind == "Service" && rendered.starts_with("spec.selector.") && (rendered.starts_with("spec.selector.matchLabels") || rendered.starts_with("spec.selector.matchExpressions")) {
        hints.push("a Service's selector is a plain map of labels, `selector: {app: web}`: matchLabels and matchExpressions belong to Deployments, Jobs and other workloads".into());
    }
    // a number in quotes for an integer field (`port: "80"`): json reads a JSON string there
    // as a type error (decode.go literalStore); say how to write it (learner10 U q/13)
    let last = rendered.rsplit('.').next().unwrap_or(&rendered).split('[').next().unwrap_or_default();
    if let (Ty::Scalar(_), NodeKind::Scalar { value: Value::Str, text, .. }, None, None) = (ty, &node.kind, quantity.as_deref(), base64) {
        if int_range(&go).is_some() && !text.is_empty() && text.trim().parse::<i64>().is_ok() {
            let what = if last.ends_with("port") || last.ends_with("Port") { "a port is a number".to_string() } else { format!("{last} is a number") };
            hints.push(format!("{what}: write {} without quotes", text.trim()));
        }
    }
    // a list written as a map (`ports:` with `port: 80` under it, no `- `): json cannot put an
    // object into a slice (decode.go object → UnmarshalTypeError); say it is a list (learner10 U q/16)
    let list = matches!(ty, Ty::List(_)) || matches!(ty, Ty::Named(_, Ty::List(_)));
    if list && matches!(node.kind, NodeKind::Map(_)) && !last.is_empty() {
        let item = match last {
            "ports" => "port",
            "containers" | "initContainers" => "container",
            "env" => "variable",
            _ => "item",
        };
        hints.push(format!("{last} is a list: start each {item} with `- `"));
    }
    // a Secret's `data` value that is not base64 (plain text written where base64 belongs): say
    // where plain text goes (core/v1 Secret: `data` holds base64, `stringData` "write-only
    // convenience" plain strings merged over it, Convert_v1_Secret_To_core_Secret)
    if base64.is_some() && kind == "Secret" && rendered.starts_with("data.") {
        hints.push("a Secret's data values are base64: write plain text under stringData instead, or encode it: echo -n 'value' | base64".into());
    }
    let mut d = Diagnostic::note(Severity::Error, ErrorType::Invalid, "TypeMismatch", message, node.pos).at_field(&rendered);
    for h in hints {
        d.add_hint(h);
    }
    if !w.object.is_empty() {
        d = d.on(w.object);
    }
    if aborts {
        w.ended = Some((place, d));
    } else {
        w.saved = Some((place, d));
    }
}

/// metav1.Time.UnmarshalJSON (k8s.io/apimachinery pkg/apis/meta/v1/time.go): null is the zero
/// time; anything but a JSON string fails encoding/json's unmarshal into a string; a string goes
/// through `time.Parse(time.RFC3339, str)`, whose error ends the decode (kubectl v1.32:
/// `unable to decode "x.yaml": parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot
/// parse "yesterday" as "2006"`). The parse is Go's time/format.go `parse` of the layout
/// 2006-01-02T15:04:05Z07:00, chunk by chunk, with its words ([`rfc3339_error`]).
/// Ok: the parse error; Err: the JSON word of a value that is no string (its type error).
fn time_error(node: &Node) -> Option<Result<String, &'static str>> {
    Some(Err(match &node.kind {
        NodeKind::Scalar { value: Value::Null, .. } => return None,
        NodeKind::Scalar { value: Value::Str, text, .. } => return rfc3339_error(text.as_str()).map(Ok),
        NodeKind::Scalar { value: Value::Bool(_), .. } => "bool",
        NodeKind::Scalar { .. } => "number",
        NodeKind::Map(_) => "object",
        NodeKind::Seq(_) => "array",
    }))
}

/// The days of `month` (1–12) in the proleptic Gregorian `year`, as Go's time package counts
/// them (time.go daysIn, isLeap); None for a month outside 1–12. For printed_utc_time,
/// rfc3339_error and crd.rs's `date` format.
pub(crate) fn days_in_month(year: u32, month: u32) -> Option<u32> {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
        4 | 6 | 9 | 11 => Some(30),
        2 if leap => Some(29),
        2 => Some(28),
        _ => None,
    }
}

/// `value` is a time as metav1.Time's MarshalJSON prints one in UTC (`2006-01-02T15:04:05Z`,
/// every field in its range, the day in its month): one [`rfc3339_error`] takes without an error
/// (tested against it). False says nothing: the value is then parsed as Go does.
fn printed_utc_time(value: &[u8]) -> bool {
    let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1, b'T', h0, h1, b':', i0, i1, b':', s0, s1, b'Z'] = *value else {
        return false;
    };
    let digits = [y0, y1, y2, y3, m0, m1, d0, d1, h0, h1, i0, i1, s0, s1];
    if !digits.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let n = |a: u8, b: u8| u32::from(a - b'0') * 10 + u32::from(b - b'0');
    let (year, month, day) = (n(y0, y1) * 100 + n(y2, y3), n(m0, m1), n(d0, d1));
    let Some(days) = days_in_month(year, month) else { return false };
    (1..=days).contains(&day) && n(h0, h1) < 24 && n(i0, i1) < 60 && n(s0, s1) < 60
}

/// Go's `time.Parse(time.RFC3339, value)` error, None when it parses (time/format.go `parse`:
/// each layout chunk in turn — `skip` of the literal before it, then the element —; a failed
/// element is `cannot parse "<rest>" as "<element>"`, a value out of its range `: <what> out of
/// range`, text after the zone `: extra text: "<rest>"`, and the day checked against the month
/// last: `: day out of range`). A fractional second after the seconds is taken, as Go does.
pub(crate) fn rfc3339_error(value: &str) -> Option<String> {
    const LAYOUT: &str = "2006-01-02T15:04:05Z07:00";
    let cannot = |rest: &str, elem: &str| Some(format!("parsing time {} as {}: cannot parse {} as {}", go_quote(value), go_quote(LAYOUT), go_quote(rest), go_quote(elem)));
    let range = |what: &str| Some(format!("parsing time {}: {what} out of range", go_quote(value)));
    let digit = |s: &str, i: usize| s.as_bytes().get(i).is_some_and(u8::is_ascii_digit);
    // getnum: one digit, or two; `fixed` wants two
    let getnum = |s: &str, fixed: bool| -> Option<(u32, usize)> {
        if !digit(s, 0) {
            return None;
        }
        if !digit(s, 1) {
            return (!fixed).then(|| (u32::from(s.as_bytes()[0] - b'0'), 1));
        }
        Some((u32::from(s.as_bytes()[0] - b'0') * 10 + u32::from(s.as_bytes()[1] - b'0'), 2))
    };
    let mut v = value;
    // the year: four characters, the first a digit, all digits (atoi)
    if v.len() < 4 || !digit(v, 0) || !v.is_char_boundary(4) || !v[..4].bytes().all(|b| b.is_ascii_digit()) {
        return cannot(v, "2006");
    }
    let year: u32 = v[..4].parse().unwrap_or(0);
    v = &v[4..];
    let mut nums = [0u32; 5];
    // (literal before, element, two digits required, range check name, exclusive upper bound)
    let steps: [(&str, &str, bool, &str, u32); 5] =
        [("-", "01", true, "month", 13), ("-", "02", true, "", 100), ("T", "15", false, "hour", 24), (":", "04", true, "minute", 60), (":", "05", true, "second", 60)];
    for (i, (lit, elem, fixed, what, hi)) in steps.iter().enumerate() {
        match v.strip_prefix(lit) {
            Some(rest) => v = rest,
            None => return cannot(v, lit),
        }
        let Some((n, len)) = getnum(v, *fixed) else { return cannot(v, elem) };
        v = &v[len..];
        if !what.is_empty() && (n >= *hi || (*what == "month" && n == 0)) {
            return range(what);
        }
        nums[i] = n;
    }
    // a fractional second, though the layout has none: taken
    if v.len() >= 2 && matches!(v.as_bytes()[0], b'.' | b',') && digit(v, 1) {
        let n = 2 + v[2..].bytes().take_while(u8::is_ascii_digit).count();
        v = &v[n..];
    }
    // Z07:00: `Z`, or a sign, two digits, `:`, two digits
    if let Some(rest) = v.strip_prefix('Z') {
        v = rest;
    } else {
        let b = v.as_bytes();
        if b.len() < 6 || b[3] != b':' || !matches!(b[0], b'+' | b'-') || !v.is_char_boundary(6) {
            return cannot(v, "Z07:00");
        }
        let (Some((hr, 2)), Some((mm, 2))) = (getnum(&v[1..3], true), getnum(&v[4..6], true)) else { return cannot(v, "Z07:00") };
        if mm > 60 {
            return range("time zone offset minute");
        }
        if hr > 24 {
            return range("time zone offset hour");
        }
        v = &v[6..];
    }
    if !v.is_empty() {
        return Some(format!("parsing time {}: extra text: {}", go_quote(value), go_quote(v)));
    }
    let (month, day) = (nums[0], nums[1]);
    // (the month was range-checked above: 1..=12)
    let days = days_in_month(year, month).unwrap_or(31);
    if day < 1 || day > days {
        return range("day");
    }
    None
}

/// Quantity.UnmarshalJSON (k8s.io/apimachinery pkg/api/resource/quantity.go): the JSON text (a
/// string without its quotes) through ParseQuantity; its error, if any: ErrFormatWrong from
/// parseQuantityString, ErrSuffix when the suffix is not one the suffixer knows. null is zero.
fn quantity_error(node: &Node) -> Option<&'static str> {
    const FORMAT: &str = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    const SUFFIX: &str = "unable to parse quantity's suffix";
    let text: String = match &node.kind {
        NodeKind::Scalar { value: Value::Null, .. } => return None,
        NodeKind::Scalar { value: Value::Str, text, .. } => text.trim().to_string(),
        NodeKind::Scalar { value: v @ (Value::Int(_) | Value::Float(_)), text, .. } => json_number(v, text),
        NodeKind::Scalar { value: Value::Bool(b), .. } => b.to_string(),
        // an object or a list reaches ParseQuantity as its JSON text: not a number
        _ => return Some(FORMAT),
    };
    let b = text.as_bytes();
    if b.is_empty() {
        return Some(FORMAT);
    }
    if text == "0" {
        return None;
    }
    // parseQuantityString: sign, digits, optional '.' and digits, then the suffix: letters of
    // "eEinumkKMGTP", an optional sign, digits; anything else is ErrFormatWrong
    let mut i = usize::from(matches!(b[0], b'+' | b'-'));
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
    }
    let suffix = &text[i..];
    let mut j = i;
    while j < b.len() && b"eEinumkKMGTP".contains(&b[j]) {
        j += 1;
    }
    if j < b.len() && matches!(b[j], b'+' | b'-') {
        j += 1;
    }
    while j < b.len() && b[j].is_ascii_digit() {
        j += 1;
    }
    if j < b.len() {
        return Some(FORMAT);
    }
    // quantitySuffixer.interpret: binary, decimal SI, or a decimal exponent e/E<int>
    let known = matches!(suffix, "" | "Ki" | "Mi" | "Gi" | "Ti" | "Pi" | "Ei" | "n" | "u" | "m" | "k" | "M" | "G" | "T" | "P" | "E")
        || (suffix.len() > 1 && suffix.starts_with(['e', 'E']) && suffix[1..].parse::<i32>().is_ok());
    (!known).then_some(SUFFIX)
}

/// `[i]` onto a field path (every list item of every object: no formatter)
fn push_index(path: &mut String, i: usize) {
    path.push('[');
    let mut digits = [0u8; 20];
    let mut n = i;
    let mut k = digits.len();
    loop {
        k -= 1;
        digits[k] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[k..] {
        path.push(d as char);
    }
    path.push(']');
}

/// One step of a field path: a key (its node) or a list index. The walks keep a stack of them
/// and write the path (`spec.ports[0].name`) only for an error.
#[derive(Clone, Copy)]
enum Seg<'a> {
    Key(&'a Node),
    Index(usize),
}

fn render(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(&json_key(k));
            }
            Seg::Index(i) => push_index(&mut out, *i),
        }
    }
    out
}

/// [`json_key`] as bytes: a string key's text borrowed (no UTF-8 check: every key of every
/// map is compared), other keys' JSON made.
fn key_bytes(k: &Node) -> std::borrow::Cow<'_, [u8]> {
    match &k.kind {
        NodeKind::Scalar { value: Value::Str, text, .. } => text.as_bytes().into(),
        _ => json_key(k).into_owned().into_bytes().into(),
    }
}

/// The last index of each key of a large map (more than 16 entries); None for a small one
/// (nearly all), where [`repeated_later`] looks at the next keys, nothing allocated.
fn last_indexes(entries: &[(Node, Node)]) -> Option<HashMap<std::borrow::Cow<'_, [u8]>, usize>> {
    (entries.len() > 16).then(|| entries.iter().enumerate().map(|(i, (k, _))| (key_bytes(k), i)).collect())
}

/// Entry `i`'s key is written again later in the map: go-yaml v2's non-strict decode (what
/// kubectl sends the server) keeps only the last one (decode.go `mapping`: `SetMapIndex`).
fn repeated_later(entries: &[(Node, Node)], last: Option<&HashMap<std::borrow::Cow<'_, [u8]>, usize>>, i: usize) -> bool {
    let key = key_bytes(&entries[i].0);
    match last {
        Some(last) => last[key.as_ref()] != i,
        None => entries[i + 1..].iter().any(|(later, _)| match &later.kind {
            // a string key (nearly all): its bytes, lengths first, nothing made
            NodeKind::Scalar { value: Value::Str, text, .. } => text.eq_bytes(&key),
            _ => key_bytes(later) == key,
        }),
    }
}

fn walk<'a>(w: &mut Walk, node: &'a Node, ty: Ty, path: &mut Vec<Seg<'a>>) {
    let ty = match ty.resolved() {
        Ty::Named(_, inner) if matches!((inner, &node.kind), (Ty::List(_), NodeKind::Seq(_)) | (Ty::Map(_), NodeKind::Map(_))) => *inner,
        ty => ty,
    };
    match (ty, &node.kind) {
        (Ty::Struct(t), NodeKind::Map(entries)) => {
            let last = if w.distinct_keys { None } else { last_indexes(entries) };
            for (i, (k, v)) in entries.iter().enumerate() {
                // A repeated key: the JSON the decoder sees holds only the last one.
                if !w.distinct_keys && repeated_later(entries, last.as_ref(), i) {
                    continue;
                }
                let key = key_bytes(k);
                let key = key.as_ref();
                path.push(Seg::Key(k));
                // (the length and the first byte before the words: a struct has up to
                // ~40 fields, and every key of every object is looked up; issue #12)
                match t.fields.iter().find(|f| f.json.len() == key.len() && f.json.as_bytes().first() == key.first() && super::yaml::same_bytes(f.json.as_bytes(), key)) {
                    Some(f) => {
                        w.fields.push((f.json, t.name));
                        walk(w, v, f.ty, path);
                        w.fields.pop();
                    }
                    None if w.lenient => {}
                    None => unknown(w, t, &json_key(k), &render(path), k.pos),
                }
                path.pop();
            }
        }
        (Ty::Map(inner), NodeKind::Map(entries)) => {
            let last = if w.distinct_keys { None } else { last_indexes(entries) };
            for (i, (k, v)) in entries.iter().enumerate() {
                // as above: only the last of a repeated key reaches the decoder
                if !w.distinct_keys && repeated_later(entries, last.as_ref(), i) {
                    continue;
                }
                path.push(Seg::Key(k));
                walk(w, v, *inner, path);
                path.pop();
            }
        }
        (Ty::List(inner), NodeKind::Seq(items)) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Seg::Index(i));
                walk(w, item, *inner, path);
                path.pop();
            }
        }
        // scalars, Any, and values of the wrong shape: the decoder's type errors
        _ if plain_leaf(ty, node) => {}
        _ => type_error(w, node, ty, path),
    }
}

/// A leaf [`type_error`] would find nothing in, told without its look at the Go type's name
/// (issue #12): most leaves are strings written as strings; the others nearly every object has
/// are a string for a Go type that is no number, bool, []byte or Quantity (their names start
/// with none of i u b f [ r), an int32 in range, a bool, and a metav1.Time as the API server
/// prints it (every object's creationTimestamp: `time_error`'s Go parse is ~1,600 instructions).
#[inline(always)]
fn plain_leaf(ty: Ty, node: &Node) -> bool {
    match (ty, &node.kind) {
        (Ty::Any, _) | (Ty::Scalar("string"), NodeKind::Scalar { value: Value::Str | Value::Null, .. }) => true,
        (Ty::Scalar(go), NodeKind::Scalar { value: Value::Str, .. }) if !matches!(go.as_bytes().first(), Some(b'i' | b'u' | b'b' | b'f' | b'[' | b'r')) && go != "v1.Time" => true,
        (Ty::Scalar("int32"), NodeKind::Scalar { value: Value::Int(i), .. }) => i32::try_from(*i).is_ok(),
        (Ty::Scalar("bool"), NodeKind::Scalar { value: Value::Bool(_), .. }) => true,
        (Ty::Scalar("v1.Time"), NodeKind::Scalar { value: Value::Str, text, .. }) => printed_utc_time(text.as_bytes()),
        _ => false,
    }
}

/// [`walk`] of a tree whose mappings' keys are distinct strings, when it would say nothing:
/// true only if no key is unknown (unless `lenient`) and [`type_error`] would find nothing at
/// any leaf (its own early returns, asked in the same order). False says nothing: the tree is
/// then walked, which finds the errors and their paths. Nothing is allocated on the way (the
/// walk's path, field context and key copies are for its messages): every object of a clean
/// input is checked here alone (issue #12).
fn quiet(node: &Node, ty: Ty, lenient: bool) -> bool {
    let ty = match ty.resolved() {
        Ty::Named(_, inner) if matches!((inner, &node.kind), (Ty::List(_), NodeKind::Seq(_)) | (Ty::Map(_), NodeKind::Map(_))) => *inner,
        ty => ty,
    };
    match (ty, &node.kind) {
        (Ty::Struct(t), NodeKind::Map(entries)) => entries.iter().all(|(k, v)| {
            let NodeKind::Scalar { value: Value::Str, text, .. } = &k.kind else { return false };
            let key = text.as_bytes();
            match t.fields.iter().find(|f| f.json.len() == key.len() && f.json.as_bytes().first() == key.first() && super::yaml::same_bytes(f.json.as_bytes(), key)) {
                Some(f) => quiet(v, f.ty, lenient),
                None => lenient,
            }
        }),
        (Ty::Map(inner), NodeKind::Map(entries)) => entries.iter().all(|(_, v)| quiet(v, *inner, lenient)),
        (Ty::List(inner), NodeKind::Seq(items)) => items.iter().all(|item| quiet(item, *inner, lenient)),
        _ if plain_leaf(ty, node) => true,
        // type_error's decisions, in its order, without its message
        (Ty::Scalar("[]uint8"), NodeKind::Scalar { value: Value::Str, text, .. }) if base64_error(text.as_str().as_bytes()).is_some() => false,
        (Ty::Scalar("resource.Quantity"), _) => quantity_error(node).is_none(),
        (Ty::Scalar("v1.Time"), _) => time_error(node).is_none(),
        _ => mismatch(node, ty).is_none(),
    }
}

fn unknown(w: &mut Walk, t: &Type, key: &str, path: &str, pos: Pos) {
    if w.seen.len() >= MAX_STRICT_ERRORS || w.seen.iter().any(|p| p == path) {
        return;
    }
    w.seen.push(path.to_string());
    let (kind, version) = (w.kind, w.version);
    let prefix = if kind.is_empty() { String::new() } else { format!("{kind} in version {} cannot be handled as a {kind}: ", go_quote(version)) };
    let message = format!("{prefix}strict decoding error: unknown field {}", go_quote(path));
    let mut d = Diagnostic::note(Severity::Error, ErrorType::Invalid, "UnknownField", message, pos).at_field(path);
    // our suggestion, beside the API server's words (qa2 E1)
    if let Some(s) = suggest(t, key) {
        d.add_hint(format!("did you mean {}?", go_quote(s)));
    } else if kind == "Service" && path == "spec.template" {
        // a Service's selector written under a pod template, as a Deployment's is (ServiceSpec has
        // no template: k8s.io/api core/v1 types.go ServiceSpec; learner10 U q/09)
        d.add_hint("a Service has no pod template: write its selector right under spec, beside ports: `selector: {app: web}`");
    }
    if !w.object.is_empty() {
        d = d.on(w.object);
    }
    w.diags.push(d);
}

/// A known field at the same level that the unknown `key` probably meant: the same name in
/// another case, or (for keys of 4+ characters) one at edit distance ≤ 2.
fn suggest(t: &Type, key: &str) -> Option<&'static str> {
    if let Some(f) = t.fields.iter().find(|f| f.json.eq_ignore_ascii_case(key)) {
        return Some(f.json);
    }
    if key.chars().count() < 4 {
        return None;
    }
    t.fields
        .iter()
        .map(|f| (edit_distance(key, f.json), f.json))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n)
}

/// Levenshtein distance over chars.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Two YAML keys are the same map key for go-yaml v2 when their decoded values are equal
/// (`1` and `"1"` differ; `yes` and `on` are both `true`): this is that identity as a string.
/// Collection keys never compare equal (go-yaml refuses them as "invalid map key").
fn key_identity(k: &Node) -> Option<String> {
    match &k.kind {
        NodeKind::Scalar { value, text, .. } => Some(match value {
            Value::Null => "n".into(),
            Value::Bool(b) => format!("b{b}"),
            Value::Int(i) => format!("i{i}"),
            Value::Float(f) => format!("f{}", if *f == 0.0 { 0 } else { f.to_bits() }),
            Value::Str => format!("s{text}"),
        }),
        _ => None,
    }
}

/// `key_identity(a) == key_identity(b)`, without building the strings.
fn same_key(a: &Node, b: &Node) -> bool {
    match (&a.kind, &b.kind) {
        (NodeKind::Scalar { value: va, text: ta, .. }, NodeKind::Scalar { value: vb, text: tb, .. }) => match (va, vb) {
            (Value::Null, Value::Null) => true,
            (Value::Bool(x), Value::Bool(y)) => x == y,
            (Value::Int(x), Value::Int(y)) => x == y,
            (Value::Float(x), Value::Float(y)) => (if *x == 0.0 { 0 } else { x.to_bits() }) == (if *y == 0.0 { 0 } else { y.to_bits() }),
            (Value::Str, Value::Str) => ta == tb,
            _ => false,
        },
        _ => false,
    }
}

/// go-yaml's `%#v` of a map key.
fn go_sharp_v(k: &Node) -> String {
    match &k.kind {
        NodeKind::Scalar { value, text, .. } => match value {
            Value::Str => go_quote(text),
            Value::Int(i) => i.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Float(f) => super::decimal::shortest(*f),
            Value::Null => "<nil>".into(),
        },
        _ => k.text(),
    }
}

/// Every key repeated within one mapping, in every document whatever its kind: a warning at
/// each repeat (see the module doc) saying what kubectl does with it — the last value is kept
/// (go-yaml v2 decode.go `mapping`, non-strict: `out.SetMapIndex(k, e)` overwrites, reached
/// through cli-runtime pkg/resource/visitor.go `StreamVisitor.Visit` → apimachinery
/// pkg/util/yaml/decoder.go `YAMLToJSONDecoder.Decode` → sigs.k8s.io/yaml `Unmarshal`) — and
/// what the API server alone, sent the YAML, answers: go-yaml v2 strict decode.go `setMapIndex`,
/// `line %d: key %#v already set in map` at the repeated entry's value. The object is not
/// refused: the server never sees the repeat. `field` is the JSON path of the repeated key. The
/// caller sets [`Diagnostic::on`].
pub fn duplicate_keys(root: &Node, diags: &mut Vec<Diagnostic>) {
    let mut path = Vec::new();
    let start = diags.len();
    dup_walk(root, &mut path, diags);
    // An alias repeats its anchor's subtree (same positions): report each spot once.
    let mut seen: HashSet<(u32, u32)> = HashSet::new();
    let found = diags.split_off(start);
    diags.extend(found.into_iter().filter(|d| seen.insert((d.line, d.column))));
}

/// The message of a repeated key `k` (its value `v`), first written at `first`, whose last
/// occurrence's value is `kept`.
fn duplicate_key_message(k: &Node, v: &Node, first: Pos, kept: &Node) -> String {
    let kept = match &kept.kind {
        NodeKind::Scalar { value: Value::Str, text, .. } => format!("the last value, {}", go_quote(text)),
        NodeKind::Scalar { text, .. } if text.is_empty() => "the last value, null".to_string(),
        NodeKind::Scalar { text, .. } => format!("the last value, {text}"),
        _ => format!("the last value (the one at line {})", kept.pos.line),
    };
    format!(
        "key {key} is repeated in this mapping (first at line {first}): kubectl apply/create keeps {kept} (kubectl converts \
         each document to JSON before sending it, and a repeated key keeps its last value), so the API server never sees the \
         repeat; sent this YAML itself (e.g. curl -H 'Content-Type: application/yaml'), the API server would refuse the object: \
         strict decoding error: yaml: unmarshal errors:\n  line {line}: key {key} already set in map",
        key = go_sharp_v(k),
        first = first.line,
        line = v.pos.line,
    )
}

fn dup_walk<'a>(node: &'a Node, path: &mut Vec<Seg<'a>>, diags: &mut Vec<Diagnostic>) {
    match &node.kind {
        NodeKind::Map(entries) => {
            // Entries merged in by `<<: *anchor` sit before the mapping itself (anchors are
            // defined first); go-yaml lets explicit keys override them, so they never count.
            let own = |k: &Node| k.pos >= node.pos;
            // large maps: each key's first position and last index, in one pass; small ones
            // (nearly all): compare with the other keys, no allocation per key
            let index: Option<HashMap<String, (Pos, usize)>> = (entries.len() > 16).then(|| {
                let mut index: HashMap<String, (Pos, usize)> = HashMap::with_capacity(entries.len());
                for (i, (k, _)) in entries.iter().enumerate().filter(|(_, (k, _))| own(k)) {
                    if let Some(id) = key_identity(k) {
                        index.entry(id).and_modify(|e| e.1 = i).or_insert((k.pos, i));
                    }
                }
                index
            });
            for (i, (k, v)) in entries.iter().enumerate() {
                path.push(Seg::Key(k));
                let repeat = if !own(k) {
                    None
                } else if let Some(index) = &index {
                    key_identity(k).and_then(|id| index.get(&id).copied()).filter(|(first, _)| *first != k.pos)
                } else {
                    entries[..i].iter().find(|(e, _)| own(e) && same_key(e, k)).map(|(e, _)| {
                        let last = entries.iter().rposition(|(l, _)| own(l) && same_key(l, k)).unwrap_or(i);
                        (e.pos, last)
                    })
                };
                if let Some((first, last)) = repeat {
                    let message = duplicate_key_message(k, v, first, &entries[last].1);
                    diags.push(
                        Diagnostic::note(Severity::Warning, ErrorType::Kubectl, "DuplicateKey", message, k.pos).at_field(&render(path)),
                    );
                }
                dup_walk(v, path, diags);
                path.pop();
            }
        }
        NodeKind::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Seg::Index(i));
                dup_walk(item, path, diags);
                path.pop();
            }
        }
        NodeKind::Scalar { .. } => {}
    }
}

#[cfg(test)]
#[path = "strict_tests.rs"]
mod tests;

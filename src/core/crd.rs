//! The API server's validation of a CustomResourceDefinition (apiextensions.k8s.io/v1), checked
//! on its YAML tree (no [`super::model::Object`] is made of it; strict.rs decodes it first over
//! the generated tables of apiextensions/v1, so an unknown field — v1beta1's `spec.validation`,
//! `spec.version`, `spec.conversion.webhookClientConfig`, a schema key under `properties` — or a
//! field of the wrong type refuses it before this runs). A refused one is an error, not "read
//! and ignored".
//!
//! k8s.io/apiextensions-apiserver (kubernetes/apiextensions-apiserver, staging in
//! kubernetes/kubernetes) pkg/apis/apiextensions/validation/validation.go
//! `ValidateCustomResourceDefinition`, in its order, on the internal object that
//! pkg/apis/apiextensions/v1 made of the v1 one:
//! * defaults.go `SetDefaults_CustomResourceDefinitionSpec`: `names.singular` = lower-case
//!   `names.kind`, `names.listKind` = kind + "List";
//! * conversion.go `Convert_v1_CustomResourceDefinitionSpec_To_apiextensions_...`: `spec.version`
//!   = `versions[0].name`, and each of schema / subresources / additionalPrinterColumns /
//!   selectableFields that is the same in every version is moved to the top level (so a
//!   one-version CRD's printer columns are `spec.additionalPrinterColumns[i]`);
//! * pkg/registry/customresourcedefinition/strategy.go `PrepareForCreate`: the status is reset,
//!   `status.storedVersions` = the first version marked storage.
//!
//! Checked: metadata (NameIsDNSSubdomain and `must be spec.names.plural+"."+spec.group`), group,
//! scope, a schema in every version (requireOpenAPISchema), version names (IsDNS1035Label,
//! unique, exactly one storage), deprecationWarning, names (required and
//! `ValidateCustomResourceDefinitionNames`), printer columns
//! (`ValidateCustomResourceColumnDefinition`), status.storedVersions
//! (`ValidateCustomResourceDefinitionStoredVersions`), the API approval annotation of a
//! *.k8s.io / *.kubernetes.io group (`validateAPIApproval`) and `preserveUnknownFields: true`
//! (`validatePreserveUnknownFields`), and of the schemas the structural type rules
//! ([`structural`]: a missing `type`, an array without `items`, a root that is no object, the
//! embedded-resource and int-or-string invariants), the schemas' own rules
//! ([`openapi`], [`list_and_map_types`]), the scale subresource's paths ([`subresources`]) and
//! the conversion ([`conversion`]: strategy, webhook client config, conversionReviewVersions).
//! Then each `default` against its schema ([`defaults`]: type, lengths, some formats, enum,
//! bounds, item and property counts, required, pruning) and the conversion webhook's url and service ([`webhook_url`], [`webhook_service`]).
//! Not checked: CEL rules, defaults' patterns and most formats, selectable fields. The
//! errors that
//! print `spec.versions` whole are given only when every version's schema, subresources, columns
//! and selectable fields were moved to the top level (always so with one version): otherwise the
//! value is a JSONSchemaProps Switchboard does not print.

use super::diag::{json, json_str, quote, Diagnostic};
use super::yaml::{Node, NodeKind, Value};
use super::yaml::node_at as node;

/// The errors `kubectl apply` would print for an apiextensions.k8s.io/v1
/// CustomResourceDefinition; empty for other kinds.
pub fn validate(kind: &str, api_version: &str, root: &Node) -> Vec<Diagnostic> {
    let mut errs = Vec::new();
    if kind != "CustomResourceDefinition" || api_version != "apiextensions.k8s.io/v1" {
        return errs;
    }
    let at = |p: &str| super::model::pos_at(root, p);
    let str_at = |p: &str| -> String { node(root, p).and_then(|n| n.as_str()).unwrap_or_default().to_string() };
    let spec = node(root, "spec");
    let group = str_at("spec.group");
    let plural = str_at("spec.names.plural");
    let kind_name = str_at("spec.names.kind");
    // SetDefaults_CustomResourceDefinitionSpec
    let singular = Some(str_at("spec.names.singular")).filter(|s| !s.is_empty()).unwrap_or_else(|| super::case::lower(&kind_name));
    let list_kind = Some(str_at("spec.names.listKind")).filter(|s| !s.is_empty() || kind_name.is_empty()).unwrap_or_else(|| format!("{kind_name}List"));

    // ValidateObjectMeta (cluster-scoped) with NameIsDNSSubdomain and the plural.group rule
    let meta = super::model::read_meta(root);
    let required_name = format!("{plural}.{group}");
    let name_rule = |name: &str| {
        let mut out = super::names::dns1123_subdomain(name);
        if name != required_name {
            out.push("must be spec.names.plural+\".\"+spec.group".to_string());
        }
        out
    };
    super::service::validate_meta(&meta, name_rule, false, &at, &mut errs);

    // validateCustomResourceDefinitionSpec
    if group.is_empty() {
        errs.push(Diagnostic::required("spec.group", at("spec.group"), ""));
    } else {
        let e = super::names::dns1123_subdomain(&group);
        if !e.is_empty() {
            errs.push(Diagnostic::invalid("spec.group", at("spec.group"), &quote(&group), &e.join(",")));
        } else if !group.contains('.') {
            errs.push(Diagnostic::invalid("spec.group", at("spec.group"), &quote(&group), "should be a domain with at least one dot"));
        }
    }
    // validateEnumStrings(required)
    match str_at("spec.scope").as_str() {
        "" => errs.push(Diagnostic::required("spec.scope", at("spec.scope"), "")),
        "Cluster" | "Namespaced" => {}
        other => errs.push(Diagnostic::not_supported("spec.scope", at("spec.scope"), other, &["Cluster", "Namespaced"])),
    }
    let versions: Vec<&Node> = match spec.and_then(|s| s.get("versions")).map(|n| &n.kind) {
        Some(NodeKind::Seq(items)) => items.iter().collect(),
        _ => Vec::new(),
    };
    let moved = |field: &str, slice: bool| -> bool {
        let first = normalized(versions.first().and_then(|v| v.get(field)), slice);
        versions.iter().all(|v| normalized(v.get(field), slice) == first)
    };
    let schema_moved = moved("schema", false);
    let columns_moved = moved("additionalPrinterColumns", true);
    // requireOpenAPISchema: a schema (openAPIV3Schema) in every version
    for (i, v) in versions.iter().enumerate() {
        if v.get("schema").and_then(|s| s.get("openAPIV3Schema")).is_none_or(|s| s.is_null()) {
            let f = format!("spec.versions[{i}].schema.openAPIV3Schema");
            errs.push(Diagnostic::required(&f, at(&f), ""));
        }
    }
    let mut storage = 0;
    let mut seen: Vec<&str> = Vec::new();
    let mut unique = true;
    for (i, v) in versions.iter().enumerate() {
        let name = v.get("name").and_then(|n| n.as_str()).unwrap_or_default();
        if v.get("storage").is_some_and(is_true) {
            storage += 1;
        }
        if seen.contains(&name) {
            unique = false;
        } else {
            seen.push(name);
        }
        let f = format!("spec.versions[{i}].name");
        let e = super::names::dns1035_label(name);
        if !e.is_empty() {
            errs.push(Diagnostic::invalid(&f, at(&f), &quote(name), &e.join(",")));
        }
        // validateCustomResourceDefinitionVersion: validateDeprecationWarning
        let f = format!("spec.versions[{i}].deprecationWarning");
        if let Some(w) = v.get("deprecationWarning").filter(|n| !n.is_null()).and_then(|n| n.as_str()) {
            for m in deprecation_warning(v.get("deprecated").is_some_and(is_true), w) {
                errs.push(Diagnostic::invalid(&f, at(&f), &json_str(w), &m));
            }
        }
        // its own schema when they differ between versions (validateCustomResourceDefinitionValidation)
        if !schema_moved {
            structural(v.get("schema").and_then(|s| s.get("openAPIV3Schema")), &format!("spec.versions[{i}].schema.openAPIV3Schema"), &mut errs);
        }
        // its own printer columns when they differ between versions
        if !columns_moved {
            columns(v.get("additionalPrinterColumns"), &format!("spec.versions[{i}].additionalPrinterColumns"), &mut errs);
        }
    }
    // spec.versions as field.Invalid prints it: printable when every per-version field went to
    // the top level (each version is then Name, Served, Storage, Deprecated, DeprecationWarning)
    let all_moved = schema_moved && columns_moved && moved("subresources", false) && moved("selectableFields", true);
    let shown_versions = all_moved.then(|| versions_json(spec.and_then(|s| s.get("versions")), &versions));
    if let Some(shown) = &shown_versions {
        if !unique {
            errs.push(Diagnostic::invalid("spec.versions", at("spec.versions"), shown, "must contain unique version names"));
        }
        if storage != 1 {
            errs.push(Diagnostic::invalid("spec.versions", at("spec.versions"), shown, "must have exactly one version marked as storage version"));
        }
    }
    // spec.version (versions[0].name, set by the conversion)
    if let Some(first) = versions.first().and_then(|v| v.get("name")).and_then(|n| n.as_str()).filter(|n| !n.is_empty()) {
        let e = super::names::dns1035_label(first);
        if !e.is_empty() {
            errs.push(Diagnostic::invalid("spec.version", at("spec.versions[0].name"), &quote(first), &e.join(",")));
        }
    }
    // a defaulted singular or listKind is shown where the kind it came from is written
    let names_at = |p: &str| if node(root, p).is_some() { at(p) } else if p.ends_with("singular") || p.ends_with("listKind") { at("spec.names.kind") } else { at(p) };
    for (f, v) in [("spec.names.plural", &plural), ("spec.names.singular", &singular), ("spec.names.kind", &kind_name), ("spec.names.listKind", &list_kind)] {
        if v.is_empty() {
            errs.push(Diagnostic::required(f, names_at(f), ""));
        }
    }
    names(root, &plural, &singular, &kind_name, &list_kind, &names_at, &mut errs);
    if schema_moved {
        structural(versions.first().and_then(|v| v.get("schema")).and_then(|s| s.get("openAPIV3Schema")), "spec.validation.openAPIV3Schema", &mut errs);
    }
    if columns_moved {
        columns(versions.first().and_then(|v| v.get("additionalPrinterColumns")), "spec.additionalPrinterColumns", &mut errs);
    }
    // ValidateCustomResourceDefinitionSubresources: at the top level when every version has the
    // same (the conversion moved them), else in each version (validateCustomResourceDefinitionVersion)
    if moved("subresources", false) {
        subresources(versions.first().and_then(|v| v.get("subresources")), "spec.subresources", &mut errs);
    } else {
        for (i, v) in versions.iter().enumerate() {
            subresources(v.get("subresources"), &format!("spec.versions[{i}].subresources"), &mut errs);
        }
    }
    conversion(spec.and_then(|s| s.get("conversion")), &mut errs);

    // ValidateCustomResourceDefinitionStoredVersions on what PrepareForCreate set
    let stored: Option<&str> = versions.iter().find(|v| v.get("storage").is_some_and(is_true)).map(|v| v.get("name").and_then(|n| n.as_str()).unwrap_or_default());
    let f = "status.storedVersions";
    match stored {
        None => errs.push(Diagnostic::invalid(f, at("spec.versions"), "null", "must have at least one stored version")),
        Some(first) => {
            let shown = json(&serde_json::json!([first]));
            let mut found_first = false;
            for v in &versions {
                let name = v.get("name").and_then(|n| n.as_str()).unwrap_or_default();
                let in_map = name == first && !found_first;
                if v.get("storage").is_some_and(is_true) && !in_map {
                    errs.push(Diagnostic::invalid(f, at("spec.versions"), &shown, &format!("must have the storage version {name}")));
                }
                found_first |= in_map;
            }
        }
    }

    // validateAPIApproval (apihelpers IsProtectedCommunityGroup / GetAPIApprovalState)
    let protected = ["k8s.io", "kubernetes.io"].iter().any(|g| group == *g || group.ends_with(&format!(".{g}")));
    if protected {
        const KEY: &str = "api-approved.kubernetes.io";
        let f = format!("metadata.annotations[{KEY}]");
        let value = node(root, "metadata.annotations").and_then(|a| a.get(KEY)).and_then(|n| n.as_str()).unwrap_or_default().to_string();
        if value.is_empty() {
            errs.push(Diagnostic::required(&f, at("metadata.annotations"), &format!("protected groups must have approval annotation {}, see https://github.com/kubernetes/enhancements/pull/1111", quote(KEY))));
        } else if !value.starts_with("unapproved") && !is_request_uri_with_host(&value) {
            errs.push(Diagnostic::invalid(&f, at("metadata.annotations"), &quote(&value), &format!("protected groups must have approval annotation {} with either a URL or a reason starting with \"unapproved\", see https://github.com/kubernetes/enhancements/pull/1111", quote(KEY))));
        }
    }
    // validatePreserveUnknownFields
    if node(root, "spec.preserveUnknownFields").is_some_and(is_true) {
        errs.push(Diagnostic::invalid("spec.preserveUnknownFields", at("spec.preserveUnknownFields"), "true", "cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead"));
    }
    errs
}


fn is_true(n: &Node) -> bool {
    matches!(n.kind, NodeKind::Scalar { value: Value::Bool(true), .. })
}

/// A field's value as apiequality.Semantic.DeepEqual compares the converted ones: absent and
/// null alike, and for a slice field (`slice`) an empty list too; maps by key.
fn normalized(n: Option<&Node>, slice: bool) -> serde_json::Value {
    let Some(n) = n else { return serde_json::Value::Null };
    match &n.kind {
        NodeKind::Seq(items) if slice && items.is_empty() => serde_json::Value::Null,
        _ => to_value(n),
    }
}

fn to_value(n: &Node) -> serde_json::Value {
    match &n.kind {
        NodeKind::Scalar { value, text, .. } => match value {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => (*b).into(),
            Value::Int(i) => (*i).into(),
            Value::Float(_) => serde_json::Value::String(format!("float:{}", text.as_str())),
            Value::Str => text.as_str().into(),
        },
        NodeKind::Seq(items) => items.iter().map(to_value).collect(),
        // inserted one by one, not collected: BTreeMap's FromIterator sorts with std's stable sort,
        // monomorphised once more into the wasm (issue #12); a later key replaces an earlier one
        // either way
        NodeKind::Map(_) => {
            let mut m = serde_json::Map::new();
            for (k, v) in n.last_entries() {
                if let Some(k) = k.as_str() {
                    m.insert(k.to_string(), to_value(v));
                }
            }
            m.into()
        }
    }
}

/// The internal []CustomResourceDefinitionVersion as encoding/json prints it (no json tags: Go
/// field names), every per-version field moved to the top level; `null` for no list, `[]` for an
/// empty one.
fn versions_json(list: Option<&Node>, versions: &[&Node]) -> String {
    if !matches!(list.map(|n| &n.kind), Some(NodeKind::Seq(_))) {
        return "null".into();
    }
    let items: Vec<String> = versions
        .iter()
        .map(|v| {
            let b = |k: &str| serde_json::Value::Bool(v.get(k).is_some_and(is_true));
            let warning = v.get("deprecationWarning").and_then(|n| n.as_str()).map_or(serde_json::Value::Null, Into::into);
            super::diag::json_struct(&[
                ("Name", v.get("name").and_then(|n| n.as_str()).unwrap_or_default().into()),
                ("Served", b("served")),
                ("Storage", b("storage")),
                ("Deprecated", b("deprecated")),
                ("DeprecationWarning", warning),
                ("Schema", serde_json::Value::Null),
                ("Subresources", serde_json::Value::Null),
                ("AdditionalPrinterColumns", serde_json::Value::Null),
                ("SelectableFields", serde_json::Value::Null),
            ])
        })
        .collect();
    format!("[{}]", items.join(","))
}

#[derive(Clone, Copy, PartialEq)]
enum Level {
    Root,
    Item,
    Field,
}

/// pkg/apiserver/schema/validation.go `validateStructuralInvariants`' type rules (what
/// validateCustomResourceDefinitionValidation reports first of a v1 schema, all being
/// structural): an array needs `items`; a schema without `type` (and neither
/// x-kubernetes-int-or-string nor x-kubernetes-preserve-unknown-fields) is refused at the root,
/// for array items and for object fields; an x-kubernetes-embedded-resource must be an object;
/// the root must be an object; an embedded resource has properties or keeps unknown fields and
/// no additionalProperties; int-or-string is neither preserve-unknown-fields nor an embedded
/// resource (validateExtensions). Walked through properties, items and additionalProperties as
/// NewStructural (convert.go) builds them; nothing is said of a schema NewStructural refuses
/// (an `items` list, `$ref`, `id`, `patternProperties`, `dependencies`, `additionalItems`,
/// `definitions`, `$schema` anywhere: [`openapi`] reports most of these). Then [`openapi`].
fn structural(schema: Option<&Node>, path: &str, errs: &mut Vec<Diagnostic>) {
    let Some(schema) = schema.filter(|s| matches!(s.kind, NodeKind::Map(_))) else { return };
    if let Some(n) = schema.get("nullable").filter(|n| is_true(n)) {
        errs.push(Diagnostic::forbidden(&format!("{path}.nullable"), n.pos, "nullable cannot be true at the root"));
    }
    if !refused_by_new_structural(schema) {
        // ValidateStructuralWithOptions sorts its errors by their text (map order is random)
        let mut found = Vec::new();
        invariants(schema, Level::Root, path, &mut found);
        crate::core::sort::sort_by(&mut found, |a, b| a.message.cmp(&b.message));
        // structuraldefaulting.ValidateDefaults only once ValidateStructural found nothing
        if found.is_empty() {
            defaults(schema, path, true, false, errs);
        }
        errs.extend(found);
    }
    openapi(Some(schema), path, errs);
}

/// pkg/apiserver/schema/defaulting/validation.go `ValidateDefaults` → `validate`: each
/// `default` (not null) outside metadata is checked against its own schema node, walked through
/// `items` and `properties` (not additionalProperties, where defaults are forbidden): pruned
/// with requirePrunedDefaults (`must not have unknown fields`: a key no `properties` lists,
/// without additionalProperties or x-kubernetes-preserve-unknown-fields, at any depth), then
/// apiservervalidation.ValidateCustomResource with the node's kube-openapi validator, whose
/// errors kubeOpenAPIResultToFieldErrors turns into field errors under `<path>.default` (the
/// validator's path of a nested value, `.x` / `[0]`, is a child of it):
/// * the type (kube-openapi validate/type.go typeValidator: an integral number passes for
///   integer, an integer for number; a format mismatch of a non-string value is reported as that
///   format; a string or list under a non-numeric type with a format passes) —
///   `field.TypeInvalid(path, "<json type>", "<name> in body must be of type <type>: \"<json type>\"")`
///   (errors.InvalidType's typeFailWithData);
/// * a string enum (basicCommonValidator) — `field.NotSupported`;
/// * a string's maxLength (field.TooLong) and minLength (in runes), a known format (uuid, uuid3,
///   uuid4, uuid5, password, date, ipv4: [`format_valid`]);
/// * a number's minimum / maximum (numberValidator: an integer against the bound made an int64,
///   printed as one; a float against the bound, printed as Go's %v);
/// * minItems / maxItems, maxProperties, required properties, any scalar enum
///   (basicCommonValidator — `field.NotSupported`);
///   all in [`validate_value`], valfix16 (kube-openapi validate/schema.go, validator.go, values.go,
///   errors/schema.go).
///
/// valfix18: also the formats hostname, email, uri, cidr, date-time, duration, byte ([`format_valid`])
/// and multipleOf. Not checked: patterns (Go's RE2 regexp: no such engine here, so a default is
/// never judged by its pattern), the other formats; uniqueItems needs none (`uniqueItems: true`
/// is refused on the schema itself), CEL rules
/// (x-kubernetes-validations are neither evaluated nor reported), metadata defaults of an
/// embedded resource.
fn defaults(s: &Node, path: &str, root: bool, inside_meta: bool, errs: &mut Vec<Diagnostic>) {
    let embedded = s.get("x-kubernetes-embedded-resource").is_some_and(is_true);
    let inside_meta = inside_meta && !embedded;
    if let Some(d) = s.get("default").filter(|d| !d.is_null()) {
        if !inside_meta && !root {
            let f = format!("{path}.default");
            if !pruned_clean(s, d, embedded) {
                errs.push(Diagnostic::invalid(&f, d.pos, &json(&to_value(d)), "must not have unknown fields"));
            }
            validate_value(s, d, &f, "", errs);
        }
    }
    if let Some(items) = s.get("items").filter(|i| matches!(i.kind, NodeKind::Map(_))) {
        defaults(items, &format!("{path}.items"), false, inside_meta, errs);
    }
    if let Some(props) = s.get("properties").filter(|p| matches!(p.kind, NodeKind::Map(_))) {
        for (k, v) in props.last_entries() {
            let Some(k) = k.as_str() else { continue };
            let meta = inside_meta || (embedded && matches!(k, "metadata" | "apiVersion" | "kind"));
            defaults(v, &format!("{path}.properties[{k}]"), false, meta, errs);
        }
    }
}

/// pruning.Prune leaves the value as it is: every object key is a property, or the node keeps
/// unknown fields or has additionalProperties (a schema or true); an embedded resource keeps
/// apiVersion, kind and metadata.
fn pruned_clean(s: &Node, v: &Node, embedded: bool) -> bool {
    match &v.kind {
        NodeKind::Map(_) => {
            let props = s.get("properties").filter(|p| matches!(p.kind, NodeKind::Map(_)));
            let additional = s.get("additionalProperties").filter(|a| !a.is_null() && !matches!(a.kind, NodeKind::Scalar { value: Value::Bool(false), .. }));
            let preserve = s.get("x-kubernetes-preserve-unknown-fields").is_some_and(is_true);
            v.last_entries().all(|(k, val)| {
                let Some(k) = k.as_str() else { return true };
                match props.and_then(|p| p.get(k)) {
                    Some(ps) => pruned_clean(ps, val, ps.get("x-kubernetes-embedded-resource").is_some_and(is_true)),
                    None if embedded && matches!(k, "apiVersion" | "kind" | "metadata") => true,
                    None => match additional {
                        Some(a) if matches!(a.kind, NodeKind::Map(_)) => pruned_clean(a, val, false),
                        Some(_) => true,
                        None => preserve,
                    },
                }
            })
        }
        NodeKind::Seq(items) => match s.get("items").filter(|i| matches!(i.kind, NodeKind::Map(_))) {
            Some(is) => items.iter().all(|i| pruned_clean(is, i, is.get("x-kubernetes-embedded-resource").is_some_and(is_true))),
            None => true,
        },
        NodeKind::Scalar { .. } => true,
    }
}

/// The JSON type kube-openapi's schemaInfoForType gives a decoded YAML value, and its format.
fn json_type(v: &Node) -> (&'static str, &'static str) {
    match &v.kind {
        NodeKind::Scalar { value, .. } => match value {
            Value::Null => ("null", ""),
            Value::Bool(_) => ("boolean", ""),
            Value::Int(_) => ("integer", "int64"),
            // sigs.k8s.io/yaml writes an integral float as a JSON integer, which
            // Convert_v1_JSON_To_apiextensions_JSON's util/json.Unmarshal makes an int64
            // (decimal::parse is str::parse::<f64> for every text a Float has; std's parser and its
            // tables stay out of the wasm: issue #12, bundle)
            Value::Float(_) => match super::decimal::parse(&v.text()) {
                Some(x) if x.fract() == 0.0 && x.abs() < 9.2e18 => ("integer", "int64"),
                _ => ("number", "double"),
            },
            Value::Str => ("string", ""),
        },
        NodeKind::Seq(_) => ("array", ""),
        NodeKind::Map(_) => ("object", ""),
    }
}

/// A JSON number as util/json.Unmarshal gives it: int64 when integral (an integral float too, see
/// [`json_type`]), else float64.
#[derive(Clone, Copy)]
enum Num {
    I(i64),
    F(f64),
}

fn num(n: &Node) -> Option<Num> {
    match &n.kind {
        NodeKind::Scalar { value: Value::Int(i), .. } => Some(Num::I(*i)),
        NodeKind::Scalar { value: Value::Float(_), .. } => {
            // a Float's text is go-yaml's float syntax or `.inf`/`.nan` (which std refused too)
            let x = super::decimal::parse(&n.text())?;
            Some(if x.fract() == 0.0 && x.abs() < 9.2e18 { Num::I(x as i64) } else { Num::F(x) })
        }
        _ => None,
    }
}

/// Go's `%v` of a float64 (strconv 'g', shortest): an exponent when it is below -4 or at least 6
/// (`1e+06`, `2.5e-05`), else the shortest decimal.
fn go_float(f: f64) -> String {
    if f == 0.0 || !f.is_finite() {
        return super::decimal::shortest(f);
    }
    let plain = super::decimal::shortest(f.abs());
    let (int, frac) = plain.split_once('.').unwrap_or((&plain, ""));
    let all: String = format!("{int}{frac}");
    let lead = all.len() - all.trim_start_matches('0').len();
    let digits = all.trim_start_matches('0').trim_end_matches('0');
    let dp = int.len() as i64 - lead as i64;
    let exp = dp - 1;
    let sign = if f < 0.0 { "-" } else { "" };
    if !(-4..6).contains(&exp) {
        let (first, rest) = digits.split_at(1);
        let mant = if rest.is_empty() { first.to_string() } else { format!("{first}.{rest}") };
        format!("{sign}{mant}e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs())
    } else {
        format!("{sign}{plain}")
    }
}

/// kube-openapi's strfmt.Default check of a known format (validate/formats.go formatValidator:
/// a string value, a format the registry knows): `Some(valid)`, or `None` for a format not
/// checked here (then nothing is said). Checked: uuid, uuid3, uuid4, uuid5 (strfmt/default.go's
/// regexes), password (anything), date (strfmt/date.go IsDate: time.Parse("2006-01-02")), ipv4
/// (isIPv4: netutils.ParseIPSloppy and a '.'); valfix18: hostname, email, uri, cidr, date-time,
/// duration, byte (each below, where a value is not modelled: None).
fn format_valid(format: &str, v: &str) -> Option<bool> {
    // strfmt's name normalizer drops '-' ("date-time" is "datetime")
    let name: String = format.chars().filter(|&c| c != '-').collect::<String>().to_ascii_lowercase();
    let uuid = |version: Option<u8>| {
        // (?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?V[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$ (uuid: any)
        let b = v.as_bytes();
        let mut i = 0;
        let group = |n: usize, first: Option<&[u8]>, i: &mut usize| -> bool {
            for k in 0..n {
                let Some(&c) = b.get(*i) else { return false };
                let ok = match (k, first) {
                    (0, Some(set)) => set.contains(&c.to_ascii_lowercase()),
                    _ => c.is_ascii_hexdigit(),
                };
                if !ok {
                    return false;
                }
                *i += 1;
            }
            true
        };
        let ver = version.map(|d| [b'0' + d]);
        // the variant digit [89ab]: uuid4 and uuid5 only (strfmt/default.go UUID3Pattern has
        // none; diffsweep4 F1 refused a valid uuid3 default)
        let variant: &[u8] = b"89ab";
        let groups: [(usize, Option<&[u8]>); 5] = [(8, None), (4, None), (4, ver.as_ref().map(|x| &x[..])), (4, version.filter(|v| *v != 3).map(|_| variant)), (12, None)];
        for (gi, (n, first)) in groups.iter().enumerate() {
            if gi > 0 && b.get(i) == Some(&b'-') {
                i += 1;
            }
            if !group(*n, *first, &mut i) {
                return false;
            }
        }
        i == b.len()
    };
    Some(match name.as_str() {
        "uuid" => uuid(None),
        "uuid3" => uuid(Some(3)),
        "uuid4" => uuid(Some(4)),
        "uuid5" => uuid(Some(5)),
        "password" => true,
        "date" => go_date(v),
        "ipv4" => v.contains('.') && (sloppy_ipv4(v) || v.parse::<std::net::Ipv6Addr>().is_ok()),
        // valfix18
        "hostname" => return is_hostname(v),
        "email" => return is_email(v),
        "uri" => return is_request_uri(v),
        "cidr" => is_cidr(v),
        "datetime" => is_date_time(v),
        "duration" => is_duration(v),
        "byte" => is_base64(v),
        _ => return None,
    })
}

/// valfix18: strfmt/default.go IsHostname (HostnamePattern, then at most 255 bytes and each
/// dot-separated part at most 63) for an ASCII value; None for any other (the pattern's \p{S}
/// \p{L} classes are not judged here). The pattern: one label `[a-zA-Z0-9]` then an optional
/// `-` and up to 62 more of `[a-zA-Z0-9]`; or labels `[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?`
/// each followed by `.`, then a top-level domain of 2–63 letters.
fn is_hostname(v: &str) -> Option<bool> {
    if !v.is_ascii() {
        return None;
    }
    let alnum = |c: u8| c.is_ascii_alphanumeric();
    let b = v.as_bytes();
    let single = !b.is_empty() && alnum(b[0]) && {
        let rest = if b.get(1) == Some(&b'-') { &b[2..] } else { &b[1..] };
        rest.len() <= 62 && rest.iter().all(|&c| alnum(c))
    };
    let dotted = {
        let parts: Vec<&[u8]> = b.split(|&c| c == b'.').collect();
        let Some((tld, labels)) = parts.split_last() else { return Some(false) };
        !labels.is_empty()
            && (2..=63).contains(&tld.len())
            && tld.iter().all(u8::is_ascii_alphabetic)
            && labels.iter().all(|l| (1..=63).contains(&l.len()) && alnum(l[0]) && alnum(l[l.len() - 1]) && l.iter().all(|&c| alnum(c) || c == b'-'))
    };
    Some((single || dotted) && b.len() <= 255 && b.split(|&c| c == b'.').all(|p| p.len() <= 63))
}

/// strfmt/default.go IsEmail: net/mail.ParseAddress succeeds with an address. Judged only for a
/// value with no space, quote, angle bracket, parenthesis, comma, colon, semicolon, backslash,
/// square bracket or non-ASCII character (the display-name, comment, quoted and domain-literal
/// forms are not modelled: None); then ParseAddress reads an addr-spec — a dot-atom (VCHARs but
/// the specials, no leading, trailing or doubled dot), `@`, a dot-atom — and nothing after it; a
/// value that is no addr-spec falls back to a name-addr, which needs a `<` it does not have.
fn is_email(v: &str) -> Option<bool> {
    if !v.is_ascii() || v.bytes().any(|c| c <= b' ' || c == 0x7f || b"\"<>()[],:;\\".contains(&c)) {
        return None;
    }
    let dot_atom = |s: &str| !s.is_empty() && !s.starts_with('.') && !s.ends_with('.') && !s.contains("..");
    Some(match v.split_once('@') {
        Some((local, domain)) => !domain.contains('@') && dot_atom(local) && dot_atom(domain),
        None => false,
    })
}

/// strfmt/default.go `uri`: govalidator.IsRequestURI — net/url.ParseRequestURI succeeds. Judged:
/// empty (refused), an ASCII control byte (refused), the scheme (getScheme: a letter first, then
/// letters, digits, `+`, `-`, `.`, up to `:`; a `:` first is refused), a value with no scheme that
/// does not start with `/` (refused: `invalid URI for request`), a scheme with an opaque rest
/// (accepted), a path's `%` escapes (each `%` and two hex digits, else refused). An authority
/// (`scheme://…`) is judged only when it is a plain host of unreserved and sub-delim characters
/// with an optional all-digit port; anything else there: None.
fn is_request_uri(v: &str) -> Option<bool> {
    if v.is_empty() || v.bytes().any(|c| c < 0x20 || c == 0x7f) {
        return Some(false);
    }
    let b = v.as_bytes();
    let mut scheme_end = None;
    for (i, &c) in b.iter().enumerate() {
        if c.is_ascii_alphabetic() {
            continue;
        }
        if c.is_ascii_digit() || matches!(c, b'+' | b'-' | b'.') {
            if i == 0 {
                break;
            }
            continue;
        }
        if c == b':' {
            if i == 0 {
                return Some(false);
            }
            scheme_end = Some(i);
        }
        break;
    }
    let rest = match scheme_end {
        Some(i) => &v[i + 1..],
        None => v,
    };
    // the query is cut off first, and not checked
    let rest = rest.split_once('?').map_or(rest, |(p, _)| p);
    let escapes_ok = |s: &str| {
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'%' {
                if !(b.get(i + 1).is_some_and(u8::is_ascii_hexdigit) && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit)) {
                    return false;
                }
                i += 3;
            } else {
                i += 1;
            }
        }
        true
    };
    if !rest.starts_with('/') {
        return Some(scheme_end.is_some());
    }
    let path = if scheme_end.is_some() && rest.starts_with("//") {
        let after = &rest[2..];
        let (authority, path) = match after.find('/') {
            Some(i) => (&after[..i], &after[i..]),
            None => (after, ""),
        };
        let (host, port) = match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        };
        let host_ok = host.bytes().all(|c| c.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=".contains(&c));
        if !host_ok || port.is_some_and(|p| !p.bytes().all(|c| c.is_ascii_digit())) {
            return None;
        }
        path
    } else {
        rest
    };
    Some(escapes_ok(path))
}

/// strfmt/default.go isCIDR: k8s.io/utils/net ParseCIDRSloppy — an IPv4 address (leading zeros
/// allowed) or an IPv6 one, `/`, a decimal prefix length (dtoi: digits only, below 0xFFFFFF) at
/// most 32 or 128.
fn is_cidr(v: &str) -> bool {
    let Some((addr, mask)) = v.split_once('/') else { return false };
    let bits = if sloppy_ipv4(addr) {
        32
    } else if !addr.contains('%') && addr.parse::<std::net::Ipv6Addr>().is_ok() {
        128
    } else {
        return false;
    };
    !mask.is_empty() && mask.bytes().all(|c| c.is_ascii_digit()) && mask.parse::<u32>().is_ok_and(|n| n < 0xFF_FFFF && n <= bits)
}

/// go-openapi strfmt time.go IsDateTime (kube-openapi's copy): at least 4 bytes; lower-cased and
/// split at every `t`, the first part a date (IsDate) and the second matching
/// `^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$` with hours ≤ 23 and
/// minutes, seconds ≤ 59 (compared as text).
fn is_date_time(v: &str) -> bool {
    if v.len() < 4 {
        return false;
    }
    let lower = super::case::lower(v);
    let parts: Vec<&str> = lower.split('t').collect();
    if parts.len() < 2 || !go_date(parts[0]) {
        return false;
    }
    let t: Vec<char> = parts[1].chars().collect();
    let two = |i: usize| t.get(i).is_some_and(char::is_ascii_digit) && t.get(i + 1).is_some_and(char::is_ascii_digit);
    if !(t.len() >= 9 && two(0) && t[2] == ':' && two(3) && t[5] == ':' && two(6)) {
        return false;
    }
    let text = |i: usize| -> String { t[i..i + 2].iter().collect() };
    let mut i = 8;
    // (.[0-9]+)?: any one character then digits — taken when it leaves a valid zone after it
    let zone_ok = |rest: &[char]| match rest {
        ['z'] => true,
        [s, a, b, ':', c, d] => matches!(s, '+' | '-') && [a, b, c, d].iter().all(|x| x.is_ascii_digit()),
        _ => false,
    };
    if !zone_ok(&t[i..]) {
        let mut j = i + 1;
        while j < t.len() && t[j].is_ascii_digit() {
            j += 1;
        }
        // backtracking: the digits run may end earlier only if a zone starts with a digit, which none does
        if j == i + 1 || !zone_ok(&t[j..]) {
            return false;
        }
        i = j;
    }
    let _ = i;
    text(0).as_str() <= "23" && text(3).as_str() <= "59" && text(6).as_str() <= "59"
}

/// strfmt/duration.go IsDuration → ParseDuration: time.ParseDuration, else the scala-like form
/// `^\s*(?:\d+\s*[A-Za-zµ]+\s*)+$` where some `<digits><letters>` pair has a unit (ns/nano…,
/// us/µs/micro…, ms/milli…, s/sec…, m/min…, h/hr/hour…, d/day…, w/wk/week…: the last name of
/// each as a prefix), its number fitting Atoi.
fn is_duration(v: &str) -> bool {
    go_parse_duration(v) || scala_duration(v)
}

/// time.ParseDuration (the port in core::cronjob, exact to the nanosecond and its 2^63 limit).
fn go_parse_duration(s: &str) -> bool {
    super::cronjob::parse_duration(s).is_ok()
}

fn scala_duration(s: &str) -> bool {
    let space = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c');
    let letter = |c: char| c.is_ascii_alphabetic() || c == '\u{b5}';
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() && space(chars[i]) {
        i += 1;
    }
    let mut pairs: Vec<(String, String)> = Vec::new();
    while i < chars.len() {
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return false;
        }
        let digits: String = chars[start..i].iter().collect();
        while i < chars.len() && space(chars[i]) {
            i += 1;
        }
        let ustart = i;
        while i < chars.len() && letter(chars[i]) {
            i += 1;
        }
        if i == ustart {
            return false;
        }
        let unit: String = chars[ustart..i].iter().collect();
        while i < chars.len() && space(chars[i]) {
            i += 1;
        }
        pairs.push((digits, super::case::lower(&unit)));
    }
    if pairs.is_empty() {
        return false;
    }
    const UNITS: [&[&str]; 8] = [&["ns", "nano"], &["us", "\u{b5}s", "micro"], &["ms", "milli"], &["s", "sec"], &["m", "min"], &["h", "hr", "hour"], &["d", "day"], &["w", "wk", "week"]];
    let mut ok = false;
    for (digits, unit) in &pairs {
        // strconv.Atoi: an error (out of range) fails the whole parse
        if digits.parse::<i64>().is_err() {
            return false;
        }
        for variants in UNITS {
            let last = variants.len() - 1;
            if variants.iter().enumerate().any(|(i, var)| (i == last && unit.starts_with(var)) || unit.eq_ignore_ascii_case(var)) {
                ok = true;
            }
        }
    }
    ok
}

/// govalidator.IsBase64: `^(?:[A-Za-z0-9+\/]{4})*(?:[A-Za-z0-9+\/]{2}==|[A-Za-z0-9+\/]{3}=|[A-Za-z0-9+\/]{4})$`.
fn is_base64(v: &str) -> bool {
    let b = v.as_bytes();
    if b.is_empty() || !b.len().is_multiple_of(4) {
        return false;
    }
    let ch = |c: &u8| c.is_ascii_alphanumeric() || *c == b'+' || *c == b'/';
    let (body, last) = b.split_at(b.len() - 4);
    body.iter().all(ch)
        && match last {
            [a, b2, b'=', b'='] => ch(a) && ch(b2),
            [a, b2, c, b'='] => ch(a) && ch(b2) && ch(c),
            l => l.iter().all(ch),
        }
}

/// time.Parse("2006-01-02", v): four-digit year, two-digit month 01–12 and a day of that month.
fn go_date(v: &str) -> bool {
    let b = v.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| b[r.clone()].iter().all(u8::is_ascii_digit).then(|| v[r].parse::<u32>().ok()).flatten();
    let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) else { return false };
    let Some(days) = super::strict::days_in_month(y, m) else { return false };
    (1..=days).contains(&d)
}

/// k8s.io/utils/net ParseIPSloppy's IPv4 form: four decimal fields ≤ 255, leading zeros allowed.
fn sloppy_ipv4(v: &str) -> bool {
    let parts: Vec<&str> = v.split('.').collect();
    parts.len() == 4 && parts.iter().all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|c| c.is_ascii_digit()) && p.parse::<u32>().is_ok_and(|n| n <= 255))
}

/// One value against one schema node as kube-openapi's SchemaValidator checks it (see
/// [`defaults`]); `name` is the validator's path inside the value. The validators run in
/// validate/schema.go NewSchemaValidator's order, each where it applies to the value's kind:
/// type, string (maxLength, minLength), format, number (minimum, maximum), slice (items, then
/// minItems, maxItems), common (enum), object (maxProperties, required, then the properties); a type error does not stop the others.
fn validate_value(s: &Node, v: &Node, f: &str, name: &str, errs: &mut Vec<Diagnostic>) {
    let ty = s.get("type").and_then(|n| n.as_str()).unwrap_or_default();
    let format = s.get("format").and_then(|n| n.as_str()).unwrap_or_default();
    let at = if name.is_empty() { f.to_string() } else { format!("{f}.{}", name.trim_start_matches('.')) };
    if v.is_null() {
        return;
    }
    let (sch, vformat) = json_type(v);
    if !ty.is_empty() || !format.is_empty() {
        // (isFloatInt never holds: an integral float is an integer here, see json_type; nor
        // isLowerInt / isLowerFloat: util/json gives int64 and float64 only)
        let is_int_float = sch == "integer" && ty == "number";
        let contains = !ty.is_empty() && ty == sch;
        let stringish = matches!(sch, "string" | "array");
        let invalid = |type_name: &str, shown: &str| {
            let detail = format!("{name} in body must be of type {type_name}: {}", quote(shown));
            Diagnostic::invalid(&at, v.pos, &quote(shown), &detail)
        };
        let fits = contains || is_int_float;
        let numeric = ty == "number" || ty == "integer";
        // (a string or list under a non-numeric type with a format passes the type check)
        let passes = !numeric && !format.is_empty() && stringish;
        if !stringish && !format.is_empty() && !fits && vformat != format {
            errs.push(invalid(format, vformat));
        } else if !passes && !fits && !ty.is_empty() {
            errs.push(invalid(ty, sch));
        }
    }
    let int_of = |k: &str| s.get(k).and_then(num).map(|n| match n {
        Num::I(i) => i,
        Num::F(x) => x as i64,
    });
    // stringValidator: the first of maxLength, minLength (in runes: utf8.RuneCount); pattern is
    // not checked here (a Go regexp engine)
    if let Some(text) = v.as_str() {
        let runes = text.chars().count() as i64;
        if let Some(max) = int_of("maxLength").filter(|&m| runes > m) {
            // kubeOpenAPIResultToFieldErrors: TooLongFailCode → field.TooLong(path, "", max)
            let unit = if max == 1 { "byte" } else { "bytes" };
            errs.push(Diagnostic::note(super::diag::Severity::Error, super::diag::ErrorType::TooLong, "FieldValueTooLong", format!("{at}: Too long: may not be more than {max} {unit}"), v.pos).at_field(&at));
        } else if let Some(min) = int_of("minLength").filter(|&m| runes < m) {
            errs.push(Diagnostic::invalid(&at, v.pos, &quote(text), &format!("{name} in body should be at least {min} chars long")));
        }
        // formatValidator → FormatOf → errors.InvalidType(path, in, format, data) → field.TypeInvalid
        if !format.is_empty() && format_valid(format, text) == Some(false) {
            errs.push(Diagnostic::invalid(&at, v.pos, &quote(text), &format!("{name} in body must be of type {format}: {}", quote(text))));
        }
    }
    // numberValidator: minimum, then maximum (res.Merge(resMultiple, resMinimum, resMaximum));
    // an int64 against int64(bound) (MinimumNativeType → MinimumInt: the bound printed as an
    // integer), a float64 against the bound (printed by %v)
    // valfix18: numberValidator's multipleOf, before minimum and maximum (values.go MultipleOfInt:
    // an integer against an integral factor, `data / factor * factor == data`; MultipleOf: a float,
    // `1 / factor * data` (factor < 1) or `data / factor` a JSON integer, swag.IsFloat64AJSONInteger;
    // errors.NotMultipleOf "should be a multiple of %v"). Not judged: a factor not above 0 (the
    // schema's own check), an integer against a fractional factor (MultipleOfNativeType's
    // int64(factor) there is not modelled)
    if let (Some(n), Some(factor)) = (num(v), s.get("multipleOf").and_then(num)) {
        let verdict = match (n, factor) {
            (Num::I(i), Num::I(fac)) if fac > 0 => Some((i.checked_rem(fac).is_none_or(|r| r == 0), fac.to_string(), i.to_string())),
            (Num::F(x), fac) => {
                let fac = match fac {
                    Num::I(f) => f as f64,
                    Num::F(f) => f,
                };
                (fac > 0.0).then(|| {
                    let mult = if fac < 1.0 { 1.0 / fac * x } else { x / fac };
                    (json_integer(mult), go_float(fac), go_float(x))
                })
            }
            _ => None,
        };
        if let Some((false, shown_factor, shown_value)) = verdict {
            errs.push(Diagnostic::invalid(&at, v.pos, &shown_value, &format!("{name} in body should be a multiple of {shown_factor}")));
        }
    }
    if let Some(n) = num(v) {
        let exclusive = |k: &str| s.get(k).is_some_and(is_true);
        for (k, ex_k, word) in [("minimum", "exclusiveMinimum", "greater"), ("maximum", "exclusiveMaximum", "less")] {
            let Some(bound) = s.get(k).and_then(num) else { continue };
            let ex = exclusive(ex_k);
            let below = word == "greater";
            let (fails, shown_bound, shown_value) = match n {
                Num::I(i) => {
                    let b = match bound {
                        Num::I(b) => b,
                        Num::F(x) => x as i64,
                    };
                    (if below { i < b || (ex && i == b) } else { i > b || (ex && i == b) }, b.to_string(), i.to_string())
                }
                Num::F(x) => {
                    let b = match bound {
                        Num::I(b) => b as f64,
                        Num::F(b) => b,
                    };
                    (if below { x < b || (ex && x == b) } else { x > b || (ex && x == b) }, go_float(b), go_float(x))
                }
            };
            if fails {
                let detail = format!("{name} in body should be {word} than {}{shown_bound}", if ex { "" } else { "or equal to " });
                errs.push(Diagnostic::invalid(&at, v.pos, &shown_value, &detail));
            }
        }
    }
    // schemaSliceValidator: each item, then minItems, maxItems
    if let NodeKind::Seq(items) = &v.kind {
        if let Some(is) = s.get("items").filter(|i| matches!(i.kind, NodeKind::Map(_))) {
            for (i, item) in items.iter().enumerate() {
                validate_value(is, item, f, &format!("{name}[{i}]"), errs);
            }
        }
        let size = items.len() as i64;
        if let Some(min) = int_of("minItems").filter(|&m| size < m) {
            errs.push(Diagnostic::invalid(&at, v.pos, &size.to_string(), &format!("{name} in body should have at least {min} items")));
        }
        if let Some(max) = int_of("maxItems").filter(|&m| size > m) {
            errs.push(too_many(&at, v.pos, size, max));
        }
    }
    // basicCommonValidator: enum (each value compared after Go's conversion to its type)
    if let Some(NodeKind::Seq(values)) = s.get("enum").map(|e| &e.kind) {
        if let Some((shown, allowed)) = enum_miss(v, values) {
            errs.push(Diagnostic::not_supported_shown(&at, v.pos, &shown, &allowed.iter().map(String::as_str).collect::<Vec<_>>()));
        }
    }
    // objectValidator: maxProperties, required, then each property present (minProperties: not
    // checked, which value kube-openapi's TooFewProperties carries is not settled here)
    if let NodeKind::Map(_) = &v.kind {
        let count = v.last_entries().count() as i64;
        if let Some(max) = int_of("maxProperties").filter(|&m| count > m) {
            errs.push(too_many(&at, v.pos, count, max));
        }
        if let Some(NodeKind::Seq(required)) = s.get("required").map(|r| &r.kind) {
            for k in required.iter().filter_map(|r| r.as_str()) {
                if v.get(k).is_none() {
                    errs.push(Diagnostic::required(&format!("{at}.{k}"), v.pos, ""));
                }
            }
        }
        let props = s.get("properties").filter(|p| matches!(p.kind, NodeKind::Map(_)));
        for (k, val) in v.last_entries() {
            let Some(k) = k.as_str() else { continue };
            if let Some(ps) = props.and_then(|p| p.get(k)) {
                validate_value(ps, val, f, &format!("{name}.{k}"), errs);
            } else if let Some(a) = s.get("additionalProperties").filter(|a| matches!(a.kind, NodeKind::Map(_))) {
                validate_value(a, val, f, &format!("{name}.{k}"), errs);
            }
        }
    }
}

/// swag.IsFloat64AJSONInteger: finite, within ±2^53, and integral or within a relative 1e-9 of
/// its truncation.
fn json_integer(f: f64) -> bool {
    const MAX: f64 = 9_007_199_254_740_991.0;
    if !f.is_finite() || !(-MAX..=MAX).contains(&f) {
        return false;
    }
    let g = f.trunc();
    if f == g {
        return true;
    }
    let diff = (f - g).abs();
    if g == 0.0 {
        return diff < 1e-9;
    }
    diff / (f.abs() + g.abs()) < 1e-9
}

/// field.TooMany(path, actual, max), as kubeOpenAPIResultToFieldErrors makes it of MaxItemsFailCode
/// and TooManyPropertiesCode.
fn too_many(at: &str, pos: super::yaml::Pos, actual: i64, max: i64) -> Diagnostic {
    Diagnostic::note(super::diag::Severity::Error, super::diag::ErrorType::TooMany, "FieldValueTooMany", format!("{at}: Too many: {actual}: must have at most {max} items"), pos).at_field(at)
}

/// validate/values.go Enum / basicCommonValidator: `v` against each scalar enum value, converted
/// to that value's Go type as reflect's Convert does (an int64 to a float64, an int64 to a string
/// as its rune); None when one matches (or an enum value is a list or object: not compared here),
/// else the value as field.NotSupported prints it and the allowed values as
/// kubeOpenAPIResultToFieldErrors lists them (a string as is, anything else as its JSON).
fn enum_miss(v: &Node, values: &[Node]) -> Option<(String, Vec<String>)> {
    let mut allowed = Vec::new();
    for e in values {
        let hit = match (&v.kind, &e.kind) {
            (_, NodeKind::Seq(_) | NodeKind::Map(_)) => return None,
            (NodeKind::Seq(_) | NodeKind::Map(_), _) => false,
            _ if e.is_null() => false,
            _ => match (v.as_str(), e.as_str(), num(v), num(e)) {
                (Some(a), Some(b), ..) => a == b,
                (None, Some(b), Some(Num::I(i)), _) => u32::try_from(i).ok().and_then(char::from_u32).map_or(b == "\u{FFFD}", |c| b == c.to_string()),
                (_, _, Some(Num::I(a)), Some(Num::I(b))) => a == b,
                (_, _, Some(Num::I(a)), Some(Num::F(b))) => a as f64 == b,
                (_, _, Some(Num::F(a)), Some(Num::F(b))) => a == b,
                (_, _, Some(Num::F(a)), Some(Num::I(b))) => a as i64 == b,
                _ => matches!((&v.kind, &e.kind), (NodeKind::Scalar { value: Value::Bool(a), .. }, NodeKind::Scalar { value: Value::Bool(b), .. }) if a == b),
            },
        };
        if hit {
            return None;
        }
        allowed.push(match e.as_str() {
            Some(s) => s.to_string(),
            None => match num(e) {
                Some(Num::F(x)) => super::decimal::shortest(x),
                _ => json(&to_value(e)),
            },
        });
    }
    let shown = match (v.as_str(), num(v)) {
        (Some(t), _) => quote(t),
        (None, Some(Num::F(x))) => go_float(x),
        _ => json(&to_value(v)),
    };
    Some((shown, allowed))
}

/// ValidateCustomResourceDefinitionOpenAPISchema's own rules that need nothing but the schema
/// node (specStandardValidatorV3.validate: a type outside the OpenAPI v3 ones, `null`, the
/// unsupported keywords, an `items` list; `x-kubernetes-preserve-unknown-fields: false`),
/// through every subschema it visits; reported after the structural ones, as upstream appends
/// them; uniqueItems, additionalProperties (false or a schema) beside properties, and the list
/// and map types ([`list_and_map_types`]). Its other rules (defaults, CEL) are not checked.
fn openapi(schema: Option<&Node>, path: &str, errs: &mut Vec<Diagnostic>) {
    let Some(s) = schema.filter(|s| matches!(s.kind, NodeKind::Map(_))) else { return };
    let f = |k: &str| format!("{path}.{k}");
    let pos = |k: &str| s.get(k).map_or(s.pos, |n| n.pos);
    let ty = s.get("type").and_then(|n| n.as_str()).unwrap_or_default();
    const TYPES: [&str; 6] = ["array", "boolean", "integer", "number", "object", "string"];
    if !ty.is_empty() && !TYPES.contains(&ty) {
        errs.push(Diagnostic::not_supported(&f("type"), pos("type"), ty, &TYPES));
    }
    let present = |k: &str| s.get(k).filter(|n| !n.is_null());
    let nonempty_map = |k: &str| present(k).is_some_and(|n| matches!(&n.kind, NodeKind::Map(e) if !e.is_empty()));
    if present("id").and_then(|n| n.as_str()).is_some_and(|v| !v.is_empty()) {
        errs.push(Diagnostic::forbidden(&f("id"), pos("id"), "id is not supported"));
    }
    if present("additionalItems").is_some() {
        errs.push(Diagnostic::forbidden(&f("additionalItems"), pos("additionalItems"), "additionalItems is not supported"));
    }
    if nonempty_map("patternProperties") {
        errs.push(Diagnostic::forbidden(&f("patternProperties"), pos("patternProperties"), "patternProperties is not supported"));
    }
    if nonempty_map("definitions") {
        errs.push(Diagnostic::forbidden(&f("definitions"), pos("definitions"), "definitions is not supported"));
    }
    if present("dependencies").is_some() {
        errs.push(Diagnostic::forbidden(&f("dependencies"), pos("dependencies"), "dependencies is not supported"));
    }
    if present("$ref").is_some() {
        errs.push(Diagnostic::forbidden(&f("$ref"), pos("$ref"), "$ref is not supported"));
    }
    if ty == "null" {
        errs.push(Diagnostic::forbidden(&f("type"), pos("type"), "type cannot be set to null, use nullable as an alternative"));
    }
    if matches!(present("items").map(|n| &n.kind), Some(NodeKind::Seq(items)) if !items.is_empty()) {
        errs.push(Diagnostic::forbidden(&f("items"), pos("items"), "items must be a schema object and not an array"));
    }
    if s.get("uniqueItems").is_some_and(is_true) {
        errs.push(Diagnostic::forbidden(&f("uniqueItems"), pos("uniqueItems"), "uniqueItems cannot be set to true since the runtime complexity becomes quadratic"));
    }
    // additionalProperties `false` or a schema beside properties (`true` is allowed)
    let ap = present("additionalProperties");
    if ap.is_some_and(|n| !matches!(n.kind, NodeKind::Scalar { value: Value::Bool(true), .. })) && nonempty_map("properties") {
        errs.push(Diagnostic::forbidden(&f("additionalProperties"), pos("additionalProperties"), "additionalProperties and properties are mutual exclusive"));
    }
    // the subschemas, in ValidateCustomResourceDefinitionOpenAPISchema's order
    openapi(present("additionalProperties"), &f("additionalProperties"), errs);
    let each_value = |k: &str, errs: &mut Vec<Diagnostic>| {
        if let Some(m) = present(k) {
            for (key, v) in m.last_entries() {
                if let Some(key) = key.as_str() {
                    openapi(Some(v), &format!("{path}.{k}[{key}]"), errs);
                }
            }
        }
    };
    each_value("properties", errs);
    openapi(present("not"), &f("not"), errs);
    for k in ["allOf", "oneOf", "anyOf"] {
        if let Some(NodeKind::Seq(items)) = present(k).map(|n| &n.kind) {
            for (i, v) in items.iter().enumerate() {
                openapi(Some(v), &format!("{path}.{k}[{i}]"), errs);
            }
        }
    }
    each_value("definitions", errs);
    match present("items").map(|n| &n.kind) {
        Some(NodeKind::Map(_)) => openapi(present("items"), &f("items"), errs),
        Some(NodeKind::Seq(items)) => {
            for (i, v) in items.iter().enumerate() {
                openapi(Some(v), &format!("{path}.items[{i}]"), errs);
            }
        }
        _ => {}
    }
    each_value("dependencies", errs);
    if let Some(n) = s.get("x-kubernetes-preserve-unknown-fields").filter(|n| matches!(n.kind, NodeKind::Scalar { value: Value::Bool(false), .. })) {
        errs.push(Diagnostic::invalid(&f("x-kubernetes-preserve-unknown-fields"), n.pos, "false", "must be true or undefined"));
    }
    list_and_map_types(s, path, errs);
}

/// The x-kubernetes-map-type / x-kubernetes-list-type / x-kubernetes-list-map-keys rules of
/// ValidateCustomResourceDefinitionOpenAPISchema (requireAtomicSetType on create) and
/// validateMapListKeysMapSet (requireMapListKeysMapSetValidation on create), in their order.
fn list_and_map_types(s: &Node, path: &str, errs: &mut Vec<Diagnostic>) {
    let f = |k: &str| format!("{path}.{k}");
    let pos = |k: &str| s.get(k).map_or(s.pos, |n| n.pos);
    let ty = s.get("type").and_then(|n| n.as_str()).unwrap_or_default();
    let ext = |n: &Node, k: &str| n.get(k).filter(|x| !x.is_null()).map(|x| x.as_str().unwrap_or_default().to_string());
    let map_type = ext(s, "x-kubernetes-map-type");
    let list_type = ext(s, "x-kubernetes-list-type");
    let items = s.get("items").filter(|n| matches!(n.kind, NodeKind::Map(_)));
    if let Some(m) = &map_type {
        if ty != "object" {
            if ty.is_empty() {
                errs.push(Diagnostic::required(&f("type"), pos("x-kubernetes-map-type"), "must be object if x-kubernetes-map-type is specified"));
            } else {
                errs.push(Diagnostic::invalid(&f("type"), pos("type"), &quote(ty), "must be object if x-kubernetes-map-type is specified"));
            }
        }
        if m != "atomic" && m != "granular" {
            errs.push(Diagnostic::not_supported(&f("x-kubernetes-map-type"), pos("x-kubernetes-map-type"), m, &["atomic", "granular"]));
        }
    }
    if let Some(l) = &list_type {
        if ty != "array" {
            if ty.is_empty() {
                errs.push(Diagnostic::required(&f("type"), pos("x-kubernetes-list-type"), "must be array if x-kubernetes-list-type is specified"));
            } else {
                errs.push(Diagnostic::invalid(&f("type"), pos("type"), &quote(ty), "must be array if x-kubernetes-list-type is specified"));
            }
        } else if let (true, Some(is)) = (l == "set", items) {
            let item_ty = is.get("type").and_then(|n| n.as_str()).unwrap_or_default();
            // (the value printed is the items' list type, a *string, in both cases upstream)
            let item_list = ext(is, "x-kubernetes-list-type");
            let shown = item_list.as_deref().map_or("null".to_string(), json_str);
            match item_ty {
                "array" if item_list.as_deref().is_some_and(|t| t != "atomic") => {
                    errs.push(Diagnostic::invalid(&f("items.x-kubernetes-list-type"), is.get("x-kubernetes-list-type").map_or(is.pos, |n| n.pos), &shown, "must be atomic as item of a list with x-kubernetes-list-type=set"));
                }
                "object" if ext(is, "x-kubernetes-map-type").as_deref() != Some("atomic") => {
                    errs.push(Diagnostic::invalid(&f("items.x-kubernetes-map-type"), is.get("x-kubernetes-map-type").map_or(is.pos, |n| n.pos), &shown, "must be atomic as item of a list with x-kubernetes-list-type=set"));
                }
                _ => {}
            }
        }
        if !matches!(l.as_str(), "atomic" | "set" | "map") {
            errs.push(Diagnostic::not_supported(&f("x-kubernetes-list-type"), pos("x-kubernetes-list-type"), l, &["atomic", "set", "map"]));
        }
    }
    let keys: Vec<&str> = match s.get("x-kubernetes-list-map-keys").map(|n| &n.kind) {
        Some(NodeKind::Seq(items)) => items.iter().map(|n| n.as_str().unwrap_or_default()).collect(),
        _ => Vec::new(),
    };
    if !keys.is_empty() {
        match list_type.as_deref() {
            None => errs.push(Diagnostic::required(&f("x-kubernetes-list-type"), pos("x-kubernetes-list-map-keys"), "must be map if x-kubernetes-list-map-keys is non-empty")),
            Some("map") => {}
            Some(other) => errs.push(Diagnostic::invalid(&f("x-kubernetes-list-type"), pos("x-kubernetes-list-type"), &quote(other), "must be map if x-kubernetes-list-map-keys is non-empty")),
        }
    }
    let keys_json = || json(&serde_json::Value::Array(keys.iter().map(|k| (*k).into()).collect()));
    if list_type.as_deref() == Some("map") {
        if keys.is_empty() {
            errs.push(Diagnostic::required(&f("x-kubernetes-list-map-keys"), pos("x-kubernetes-list-type"), "must not be empty if x-kubernetes-list-type is map"));
        }
        if s.get("items").is_none_or(|n| n.is_null()) {
            errs.push(Diagnostic::required(&f("items"), pos("x-kubernetes-list-type"), "must have a schema if x-kubernetes-list-type is map"));
        }
        if let Some(is) = items {
            let item_ty = is.get("type").and_then(|n| n.as_str()).unwrap_or_default();
            if item_ty != "object" {
                errs.push(Diagnostic::invalid(&f("items.type"), is.get("type").map_or(is.pos, |n| n.pos), &quote(item_ty), "must be object if parent array's x-kubernetes-list-type is map"));
            } else {
                let mut seen: Vec<&str> = Vec::new();
                for k in &keys {
                    match is.get("properties").and_then(|p| p.get(k)) {
                        Some(p) => {
                            let t = p.get("type").and_then(|n| n.as_str()).unwrap_or_default();
                            if matches!(t, "array" | "object") {
                                // (upstream prints the items' type, "object")
                                errs.push(Diagnostic::invalid(&f(&format!("items.properties[{k}].type")), p.get("type").map_or(p.pos, |n| n.pos), "\"object\"", "must be a scalar type if parent array's x-kubernetes-list-type is map"));
                            }
                        }
                        None => errs.push(Diagnostic::invalid(&f("x-kubernetes-list-map-keys"), pos("x-kubernetes-list-map-keys"), &keys_json(), "entries must all be names of item properties")),
                    }
                    if seen.contains(k) {
                        errs.push(Diagnostic::invalid(&f("x-kubernetes-list-map-keys"), pos("x-kubernetes-list-map-keys"), &keys_json(), "must not contain duplicate entries"));
                    }
                    seen.push(k);
                }
            }
        }
    }
    // validateMapListKeysMapSet
    let Some(is) = items else { return };
    let Some(l) = list_type.as_deref().filter(|l| matches!(*l, "set" | "map")) else { return };
    if is.get("nullable").is_some_and(is_true) {
        errs.push(Diagnostic::forbidden(&f("items.nullable"), is.get("nullable").map_or(is.pos, |n| n.pos), &format!("cannot be nullable when x-kubernetes-list-type is {l}")));
    }
    if l == "map" {
        let required: Vec<&str> = match is.get("required").map(|n| &n.kind) {
            Some(NodeKind::Seq(r)) => r.iter().filter_map(|n| n.as_str()).collect(),
            _ => Vec::new(),
        };
        for k in &keys {
            let Some(p) = is.get("properties").and_then(|p| p.get(k)).filter(|p| matches!(p.kind, NodeKind::Map(_))) else { continue };
            if !required.contains(k) && p.get("default").is_none_or(|d| d.is_null()) {
                errs.push(Diagnostic::required(&f(&format!("items.properties[{k}].default")), p.pos, "this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property"));
            }
            if p.get("nullable").is_some_and(is_true) {
                errs.push(Diagnostic::forbidden(&f(&format!("items.properties[{k}].nullable")), p.get("nullable").map_or(p.pos, |n| n.pos), "this property is in x-kubernetes-list-map-keys, so it cannot be nullable"));
            }
        }
    }
}

fn refused_by_new_structural(n: &Node) -> bool {
    // valfix16: walked as a schema — a property named `id` (the key of `properties`) and the
    // values under `default`, `enum` or `example` are no schema keywords
    let NodeKind::Map(_) = &n.kind else { return false };
    n.last_entries().any(|(k, v)| match k.as_str() {
        Some("id" | "$schema" | "$ref" | "patternProperties" | "dependencies" | "additionalItems" | "definitions") => true,
        Some("items") => match &v.kind {
            NodeKind::Seq(_) => true,
            _ => refused_by_new_structural(v),
        },
        Some("x-kubernetes-preserve-unknown-fields") => matches!(v.kind, NodeKind::Scalar { value: Value::Bool(false), .. }),
        Some("properties") => matches!(v.kind, NodeKind::Map(_)) && v.last_entries().any(|(_, p)| refused_by_new_structural(p)),
        Some("additionalProperties" | "not") => refused_by_new_structural(v),
        Some("allOf" | "anyOf" | "oneOf") => match &v.kind {
            NodeKind::Seq(items) => items.iter().any(refused_by_new_structural),
            _ => false,
        },
        _ => false,
    })
}

fn invariants(s: &Node, lvl: Level, path: &str, errs: &mut Vec<Diagnostic>) {
    let ty = s.get("type").and_then(|n| n.as_str()).unwrap_or_default();
    let flag = |k: &str| s.get(k).is_some_and(is_true);
    let type_at = s.get("type").map_or(s.pos, |n| n.pos);
    let items = s.get("items").filter(|n| matches!(n.kind, NodeKind::Map(_)));
    if ty == "array" && items.is_none() {
        errs.push(Diagnostic::required(&format!("{path}.items"), type_at, "must be specified"));
    }
    if let Some(items) = items {
        invariants(items, Level::Item, &format!("{path}.items"), errs);
    }
    if let Some(props) = s.get("properties") {
        for (k, v) in props.last_entries() {
            if let (Some(k), NodeKind::Map(_)) = (k.as_str(), &v.kind) {
                invariants(v, Level::Field, &format!("{path}.properties[{k}]"), errs);
            }
        }
    }
    if let Some(ap) = s.get("additionalProperties").filter(|n| !n.is_null()) {
        if lvl == Level::Root {
            errs.push(Diagnostic::forbidden(&format!("{path}.additionalProperties"), ap.pos, "must not be used at the root"));
        }
        if matches!(ap.kind, NodeKind::Map(_)) {
            invariants(ap, Level::Field, &format!("{path}.additionalProperties"), errs);
        }
    }
    let f = format!("{path}.type");
    if flag("x-kubernetes-embedded-resource") && ty != "object" {
        if ty.is_empty() {
            errs.push(Diagnostic::required(&f, type_at, "must be object if x-kubernetes-embedded-resource is true"));
        } else {
            errs.push(Diagnostic::invalid(&f, type_at, &quote(ty), "must be object if x-kubernetes-embedded-resource is true"));
        }
    } else if ty.is_empty() && !flag("x-kubernetes-int-or-string") && !flag("x-kubernetes-preserve-unknown-fields") {
        let why = match lvl {
            Level::Root => "must not be empty at the root",
            Level::Item => "must not be empty for specified array items",
            Level::Field => "must not be empty for specified object fields",
        };
        errs.push(Diagnostic::required(&f, type_at, why));
    }
    if flag("x-kubernetes-embedded-resource") {
        if let Some(ap) = s.get("additionalProperties").filter(|n| !n.is_null()) {
            errs.push(Diagnostic::forbidden(&format!("{path}.additionalProperties"), ap.pos, "must not be used if x-kubernetes-embedded-resource is set"));
        }
    }
    if lvl == Level::Root && !ty.is_empty() && ty != "object" {
        errs.push(Diagnostic::invalid(&f, type_at, &quote(ty), "must be object at the root"));
    }
    // validateExtensions
    if flag("x-kubernetes-int-or-string") {
        for k in ["x-kubernetes-preserve-unknown-fields", "x-kubernetes-embedded-resource"] {
            if let Some(n) = s.get(k).filter(|n| is_true(n)) {
                errs.push(Diagnostic::invalid(&format!("{path}.{k}"), n.pos, "true", "must be false if x-kubernetes-int-or-string is true"));
            }
        }
    }
    // a RawExtension-like field: its own schema, or any fields kept
    let no_properties = s.get("properties").is_none_or(|p| !matches!(&p.kind, NodeKind::Map(e) if !e.is_empty()));
    if flag("x-kubernetes-embedded-resource") && !flag("x-kubernetes-preserve-unknown-fields") && no_properties {
        errs.push(Diagnostic::required(&format!("{path}.properties"), s.get("x-kubernetes-embedded-resource").map_or(s.pos, |n| n.pos), "must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields"));
    }
    // the object's own kind, apiVersion and metadata (at the root, or of an embedded resource)
    let check_metadata = lvl == Level::Root || flag("x-kubernetes-embedded-resource");
    let prop = |k: &str| s.get("properties").and_then(|p| p.get(k)).filter(|n| matches!(n.kind, NodeKind::Map(_)));
    for k in ["kind", "apiVersion"] {
        if let (Some(p), true) = (prop(k), check_metadata) {
            let t = p.get("type").and_then(|n| n.as_str()).unwrap_or_default();
            if t != "string" {
                let pos = p.get("type").map_or(p.pos, |n| n.pos);
                errs.push(Diagnostic::invalid(&format!("{path}.properties[{k}].type"), pos, &quote(t), "must be string"));
            }
        }
    }
    // validateStructuralMetadataInvariants
    if let Some(m) = prop("metadata") {
        let mp = format!("{path}.properties[metadata]");
        let t = m.get("type").and_then(|n| n.as_str()).unwrap_or_default();
        if check_metadata && t != "object" {
            errs.push(Diagnostic::invalid(&format!("{mp}.type"), m.get("type").map_or(m.pos, |n| n.pos), &quote(t), "must be object"));
        }
        if lvl == Level::Root {
            // what is left once type, default and a name/generateName-only properties are
            // dropped must be nothing (keys outside the structural schema — example,
            // externalDocs — were never in it)
            let only_names = |n: &Node| n.last_entries().all(|(k, _)| matches!(k.as_str(), Some("name" | "generateName")));
            let extra = m.last_entries().any(|(k, v)| match k.as_str() {
                Some("type" | "default" | "example" | "externalDocs") => false,
                Some("properties") => !only_names(v),
                Some("nullable" | "x-kubernetes-embedded-resource" | "x-kubernetes-int-or-string" | "x-kubernetes-preserve-unknown-fields") => is_true(v),
                Some("description" | "title" | "format" | "pattern" | "x-kubernetes-list-type" | "x-kubernetes-map-type") => v.as_str().is_some_and(|s| !s.is_empty()),
                _ => !v.is_null(),
            });
            if extra {
                errs.push(Diagnostic::forbidden(&mp, m.pos, "must not specify anything other than name and generateName, but metadata is implicitly specified"));
            }
        }
    }
}

/// ValidateCustomResourceDefinitionSubresources: a scale subresource's specReplicasPath under
/// `.spec.`, statusReplicasPath under `.status.` (both required), labelSelectorPath (when set)
/// under either; each a simple JSON path first (validateSimpleJSONPath). The field paths are
/// upstream's `Child("scale.specReplicasPath")`.
fn subresources(sub: Option<&Node>, path: &str, errs: &mut Vec<Diagnostic>) {
    let Some(scale) = sub.and_then(|s| s.get("scale")).filter(|n| matches!(n.kind, NodeKind::Map(_))) else { return };
    let s = |k: &str| scale.get(k).and_then(|n| n.as_str()).unwrap_or_default();
    let pos = |k: &str| scale.get(k).map_or(scale.pos, |n| n.pos);
    for (k, under) in [("specReplicasPath", ".spec"), ("statusReplicasPath", ".status")] {
        let f = format!("{path}.scale.{k}");
        let v = s(k);
        if v.is_empty() {
            errs.push(Diagnostic::required(&f, pos(k), ""));
        } else if let Some(m) = simple_json_path(v) {
            errs.push(Diagnostic::invalid(&f, pos(k), &quote(v), &m));
        } else if !v.starts_with(&format!("{under}.")) {
            errs.push(Diagnostic::invalid(&f, pos(k), &quote(v), &format!("should be a json path under {under}")));
        }
    }
    // (a *string value: its JSON)
    let k = "labelSelectorPath";
    let v = s(k);
    let f = format!("{path}.scale.{k}");
    if !v.is_empty() {
        if let Some(m) = simple_json_path(v) {
            errs.push(Diagnostic::invalid(&f, pos(k), &quote(v), &m));
        } else if !v.starts_with(".spec.") && !v.starts_with(".status.") {
            errs.push(Diagnostic::invalid(&f, pos(k), &json_str(v), "should be a json path under either .spec or .status"));
        }
    }
}

/// validateCustomResourceConversion on what the v1 conversion makes of `spec.conversion`
/// (webhook.clientConfig → webhookClientConfig, webhook.conversionReviewVersions →
/// conversionReviewVersions; SetDefaults_CustomResourceDefinitionSpec's strategy None when
/// there is no conversion): the strategy None or Webhook; a Webhook one needs a client config
/// with exactly one of url and service, and validateConversionReviewVersions (at least one,
/// none twice, each a DNS-1035 label, one of v1 / v1beta1 — requireRecognizedVersion on create);
/// None has neither; the url ([`webhook_url`]) or the service ([`webhook_service`]). caBundle is
/// not checked on create (validationOptions.allowInvalidCABundle: the CRD is not established).
fn conversion(conv: Option<&Node>, errs: &mut Vec<Diagnostic>) {
    let Some(conv) = conv.filter(|n| matches!(n.kind, NodeKind::Map(_))) else { return };
    let p = "spec.conversion";
    let pos = |n: Option<&Node>| n.map_or(conv.pos, |n| n.pos);
    let strategy = conv.get("strategy").and_then(|n| n.as_str()).unwrap_or_default();
    match strategy {
        "" => errs.push(Diagnostic::required(&format!("{p}.strategy"), pos(conv.get("strategy")), "")),
        "None" | "Webhook" => {}
        other => errs.push(Diagnostic::not_supported(&format!("{p}.strategy"), pos(conv.get("strategy")), other, &["None", "Webhook"])),
    }
    let webhook = conv.get("webhook").filter(|n| !n.is_null());
    let client = webhook.and_then(|w| w.get("clientConfig")).filter(|n| !n.is_null());
    let review = webhook.and_then(|w| w.get("conversionReviewVersions")).filter(|n| !n.is_null());
    let versions: Vec<&Node> = match review.map(|n| &n.kind) {
        Some(NodeKind::Seq(items)) => items.iter().collect(),
        _ => Vec::new(),
    };
    let (cf, rf) = (format!("{p}.webhookClientConfig"), format!("{p}.conversionReviewVersions"));
    if strategy == "Webhook" {
        match client {
            None => errs.push(Diagnostic::required(&cf, pos(webhook.or(conv.get("strategy"))), "required when strategy is set to Webhook")),
            Some(c) => {
                let has = |k: &str| c.get(k).is_some_and(|n| !n.is_null());
                if has("url") == has("service") {
                    errs.push(Diagnostic::required(&cf, c.pos, "exactly one of url or service is required"));
                } else if let Some(u) = c.get("url").filter(|n| !n.is_null()) {
                    webhook_url(u.as_str().unwrap_or_default(), &format!("{cf}.url"), u.pos, errs);
                } else if let Some(svc) = c.get("service") {
                    webhook_service(svc, &format!("{cf}.service"), errs);
                }
            }
        }
        if versions.is_empty() {
            errs.push(Diagnostic::required(&rf, pos(review.or(webhook).or(conv.get("strategy"))), ""));
        } else {
            let mut seen: Vec<&str> = Vec::new();
            let mut accepted = false;
            for (i, n) in versions.iter().enumerate() {
                let v = n.as_str().unwrap_or_default();
                let f = format!("{rf}[{i}]");
                if seen.contains(&v) {
                    errs.push(Diagnostic::invalid(&f, n.pos, &quote(v), "duplicate version"));
                    continue;
                }
                seen.push(v);
                for m in super::names::dns1035_label(v) {
                    errs.push(Diagnostic::invalid(&f, n.pos, &quote(v), &m));
                }
                accepted |= matches!(v, "v1" | "v1beta1");
            }
            if !accepted {
                let shown = json(&serde_json::Value::Array(versions.iter().map(|n| n.as_str().unwrap_or_default().into()).collect()));
                errs.push(Diagnostic::invalid(&rf, pos(review), &shown, "must include at least one of v1, v1beta1"));
            }
        }
    } else {
        if let Some(c) = client {
            errs.push(Diagnostic::forbidden(&cf, c.pos, "should not be set when strategy is not set to Webhook"));
        }
        if !versions.is_empty() {
            errs.push(Diagnostic::forbidden(&rf, pos(review), "should not be set when strategy is not set to Webhook"));
        }
    }
}

/// k8s.io/apiserver pkg/util/webhook/validation.go `ValidateWebhookURL(…, forceHttps true)` on
/// url.Parse's answer (net/url parse, the cases a written URL meets: a control character, a
/// leading colon, a colon in a first path segment without scheme, a bad port; the scheme
/// lower-cased, `#` fragment and `?` query split off, an authority after `//`, user info
/// before its last `@`): the scheme https, a host, no user information, fragment or query.
fn webhook_url(raw: &str, f: &str, pos: super::yaml::Pos, errs: &mut Vec<Diagnostic>) {
    const FORM: &str = "; desired format: https://host[/path]";
    let parse_err = |e: &str| format!("url must be a valid URL: parse {}: {e}{FORM}", super::diag::go_quote(raw));
    if raw.bytes().any(|b| b < 0x20 || b == 0x7f) {
        errs.push(Diagnostic::required(f, pos, &parse_err("net/url: invalid control character in URL")));
        return;
    }
    let (rest, fragment) = raw.split_once('#').unwrap_or((raw, ""));
    // getScheme
    let mut scheme = "";
    let mut rest = rest;
    for (i, c) in rest.char_indices() {
        match c {
            'a'..='z' | 'A'..='Z' => {}
            '0'..='9' | '+' | '-' | '.' if i > 0 => {}
            ':' => {
                if i == 0 {
                    errs.push(Diagnostic::required(f, pos, &parse_err("missing protocol scheme")));
                    return;
                }
                scheme = &rest[..i];
                rest = &rest[i + 1..];
                break;
            }
            _ => break,
        }
    }
    let scheme = scheme.to_ascii_lowercase();
    // (a lone trailing '?' is ForceQuery: an empty query either way)
    let (rest, query) = rest.split_once('?').unwrap_or((rest, ""));
    let mut host = "";
    let mut user: Option<&str> = None;
    if !rest.starts_with('/') {
        if scheme.is_empty() && rest.split('/').next().is_some_and(|seg| seg.contains(':')) {
            errs.push(Diagnostic::required(f, pos, &parse_err("first path segment in URL cannot contain colon")));
            return;
        }
    } else if let Some(after) = rest.strip_prefix("//") {
        let authority = after.split('/').next().unwrap_or_default();
        let h = match authority.rfind('@') {
            Some(i) => {
                user = Some(&authority[..i]);
                &authority[i + 1..]
            }
            None => authority,
        };
        // parseHost: the port after the last colon (outside an IPv6 literal) is digits
        let port_part = match h.rfind(']') {
            Some(b) => h[b + 1..].strip_prefix(':'),
            None => h.rfind(':').map(|i| &h[i + 1..]),
        };
        if let Some(p) = port_part.filter(|p| !p.bytes().all(|b| b.is_ascii_digit())) {
            errs.push(Diagnostic::required(f, pos, &parse_err(&format!("invalid port {} after host", super::diag::go_quote(&format!(":{p}"))))));
            return;
        }
        host = h;
    }
    if scheme != "https" {
        errs.push(Diagnostic::invalid(f, pos, &quote(&scheme), &format!("'https' is the only allowed URL scheme{FORM}")));
    }
    if host.is_empty() {
        errs.push(Diagnostic::invalid(f, pos, &quote(host), &format!("host must be specified{FORM}")));
    }
    if let Some(u) = user {
        errs.push(Diagnostic::invalid(f, pos, &quote(u), "user information is not permitted in the URL"));
    }
    if !fragment.is_empty() {
        errs.push(Diagnostic::invalid(f, pos, &quote(fragment), "fragments are not permitted in the URL"));
    }
    if !query.is_empty() {
        errs.push(Diagnostic::invalid(f, pos, &quote(query), "query parameters are not permitted in the URL"));
    }
}

/// k8s.io/apiserver pkg/util/webhook/validation.go `ValidateWebhookService` after the v1
/// SetDefaults_ServiceReference (port 443): name and namespace required, the port a valid port
/// number, a path (other than "" and "/") starting with '/' whose segments are DNS-1123 subdomains.
fn webhook_service(svc: &Node, f: &str, errs: &mut Vec<Diagnostic>) {
    let text = |k: &str| svc.get(k).and_then(|n| n.as_str()).unwrap_or_default();
    let at = |k: &str| svc.get(k).map_or(svc.pos, |n| n.pos);
    if text("name").is_empty() {
        errs.push(Diagnostic::required(&format!("{f}.name"), at("name"), ""));
    }
    if text("namespace").is_empty() {
        errs.push(Diagnostic::required(&format!("{f}.namespace"), at("namespace"), ""));
    }
    if let Some(NodeKind::Scalar { value: Value::Int(p), .. }) = svc.get("port").map(|n| &n.kind) {
        if !(1..=65535).contains(p) {
            errs.push(Diagnostic::invalid(&format!("{f}.port"), at("port"), &p.to_string(), "port is not valid: must be between 1 and 65535, inclusive"));
        }
    }
    let Some(path) = svc.get("path").filter(|n| !n.is_null()).map(|n| n.as_str().unwrap_or_default()) else { return };
    let pf = format!("{f}.path");
    if path == "/" || path.is_empty() {
        return;
    }
    if path == "//" {
        errs.push(Diagnostic::invalid(&pf, at("path"), &quote(path), "segment[0] may not be empty"));
        return;
    }
    if !path.starts_with('/') {
        errs.push(Diagnostic::invalid(&pf, at("path"), &quote(path), "must start with a '/'"));
    }
    let mut check = &path[path.char_indices().nth(1).map_or(path.len(), |(i, _)| i)..];
    check = check.strip_suffix('/').unwrap_or(check);
    for (i, step) in check.split('/').enumerate() {
        if step.is_empty() {
            errs.push(Diagnostic::invalid(&pf, at("path"), &quote(path), &format!("segment[{i}] may not be empty")));
            continue;
        }
        for m in super::names::dns1123_subdomain(step) {
            errs.push(Diagnostic::invalid(&pf, at("path"), &quote(path), &format!("segment[{i}]: {m}")));
        }
    }
}

/// validateDeprecationWarning.
fn deprecation_warning(deprecated: bool, w: &str) -> Vec<String> {
    if !deprecated {
        return vec!["can only be set for deprecated versions".into()];
    }
    let mut out = Vec::new();
    if w.len() > 256 {
        out.push("must be <= 256 characters long".into());
    }
    if w.is_empty() {
        out.push("must not be an empty string".into());
    }
    // unicode.IsPrint (controls, spaces other than U+0020 and format characters are not printable)
    for (i, c) in w.char_indices() {
        if c.is_control() {
            out.push(format!("must only contain printable UTF-8 characters; non-printable character found at index {i}"));
            break;
        }
        if (c.is_whitespace() && c != ' ') || matches!(c as u32, 0xad | 0x200b..=0x200f | 0x2060..=0x2064 | 0xfeff) {
            out.push(format!("must only contain printable UTF-8 characters; non-printable character found at index {i}"));
            break;
        }
    }
    out
}

/// ValidateCustomResourceDefinitionNames on spec.names (after the defaults).
fn names(root: &Node, plural: &str, singular: &str, kind: &str, list_kind: &str, at: &dyn Fn(&str) -> super::yaml::Pos, errs: &mut Vec<Diagnostic>) {
    let p = "spec.names";
    let check = |f: &str, v: &str, lower: bool, errs: &mut Vec<Diagnostic>| {
        if v.is_empty() {
            return;
        }
        let e = super::names::dns1035_label(&if lower { super::case::lower(v) } else { v.to_string() });
        if !e.is_empty() {
            let detail = if lower { format!("may have mixed case, but should otherwise match: {}", e.join(",")) } else { e.join(",") };
            let f = format!("{p}.{f}");
            errs.push(Diagnostic::invalid(&f, at(&f), &quote(v), &detail));
        }
    };
    check("plural", plural, false, errs);
    check("singular", singular, false, errs);
    check("kind", kind, true, errs);
    check("listKind", list_kind, true, errs);
    let list = |k: &str| -> Vec<String> {
        match node(root, &format!("{p}.{k}")).map(|n| &n.kind) {
            Some(NodeKind::Seq(items)) => items.iter().map(|n| n.as_str().unwrap_or_default().to_string()).collect(),
            _ => Vec::new(),
        }
    };
    for (i, s) in list("shortNames").iter().enumerate() {
        let e = super::names::dns1035_label(s);
        if !e.is_empty() {
            let f = format!("{p}.shortNames[{i}]");
            errs.push(Diagnostic::invalid(&f, at(&f), &quote(s), &e.join(",")));
        }
    }
    if !kind.is_empty() && kind == list_kind {
        let f = format!("{p}.listKind");
        errs.push(Diagnostic::invalid(&f, at(&f), &quote(list_kind), "kind and listKind may not be the same"));
    }
    for (i, s) in list("categories").iter().enumerate() {
        let e = super::names::dns1035_label(s);
        if !e.is_empty() {
            let f = format!("{p}.categories[{i}]");
            errs.push(Diagnostic::invalid(&f, at(&f), &quote(s), &e.join(",")));
        }
    }
}

/// ValidateCustomResourceColumnDefinition on each printer column (`path`: where the conversion
/// left them), each error at the column's own line.
fn columns(list: Option<&Node>, path: &str, errs: &mut Vec<Diagnostic>) {
    let Some(NodeKind::Seq(items)) = list.map(|n| &n.kind) else { return };
    const TYPES: &str = "boolean,date,integer,number,string";
    const FORMATS: &str = "byte,date,date-time,double,float,int32,int64,password";
    for (i, c) in items.iter().enumerate() {
        let f = |k: &str| format!("{path}[{i}].{k}");
        let s = |k: &str| c.get(k).and_then(|n| n.as_str()).unwrap_or_default().to_string();
        let pos = |k: &str| c.get(k).map_or(c.pos, |n| n.pos);
        if s("name").is_empty() {
            errs.push(Diagnostic::required(&f("name"), pos("name"), ""));
        }
        let ty = s("type");
        if ty.is_empty() {
            errs.push(Diagnostic::required(&f("type"), pos("type"), &format!("must be one of {TYPES}")));
        } else if !TYPES.split(',').any(|t| t == ty) {
            errs.push(Diagnostic::invalid(&f("type"), pos("type"), &quote(&ty), &format!("must be one of {TYPES}")));
        }
        let format = s("format");
        if !format.is_empty() && !FORMATS.split(',').any(|t| t == format) {
            errs.push(Diagnostic::invalid(&f("format"), pos("format"), &quote(&format), &format!("must be one of {FORMATS}")));
        }
        let json_path = s("jsonPath");
        if json_path.is_empty() {
            errs.push(Diagnostic::required(&f("JSONPath"), pos("jsonPath"), ""));
        } else if let Some(m) = simple_json_path(&json_path) {
            errs.push(Diagnostic::invalid(&f("JSONPath"), pos("jsonPath"), &quote(&json_path), &m));
        }
    }
}

/// validateSimpleJSONPath: `.a.b` only (k8s.io/client-go util/jsonpath parsing is not run here:
/// the prefix rule alone).
fn simple_json_path(s: &str) -> Option<String> {
    if !s.starts_with('.') {
        return Some("must be a simple json path starting with .".into());
    }
    None
}

/// url.ParseRequestURI succeeded with a scheme and a host (an approved API's link), as Go's
/// net/url parses (url.go parse, parseAuthority, parseHost, validOptionalPort, unescape): no
/// control byte anywhere; a scheme `[A-Za-z][A-Za-z0-9+.-]*`; the authority up to the first `/`
/// (after the query is cut at `?`), its host after the last `@`, made of the characters a host
/// may hold (a space is not one: `invalid character " " in host name`), with a port of digits
/// only; every `%` followed by two hex digits. A space in the path is fine (review14 w01:
/// `https://github.com/org/repo/pull/1 (see notes)` is approved upstream).
fn is_request_uri_with_host(s: &str) -> bool {
    if s.bytes().any(|b| b < 0x20 || b == 0x7f) {
        return false;
    }
    let Some((scheme, rest)) = s.split_once("://") else { return false };
    let scheme_ok = scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    // unescape: every % begins a two-hex-digit escape
    let escapes_ok = |t: &str| {
        let b = t.as_bytes();
        b.iter().enumerate().all(|(i, &c)| c != b'%' || (b.len() > i + 2 && b[i + 1].is_ascii_hexdigit() && b[i + 2].is_ascii_hexdigit()))
    };
    let rest = rest.split_once('?').map_or(rest, |(r, _)| r);
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    // a bracketed IPv6 literal keeps its colons; the port follows the last `:` otherwise
    let (name, port) = match host.strip_prefix('[') {
        Some(v6) => match v6.split_once(']') {
            Some((_, after)) => ("[]", after.strip_prefix(':').unwrap_or(if after.is_empty() { "" } else { "x" })),
            None => return false,
        },
        None => host.rsplit_once(':').unwrap_or((host, "")),
    };
    let host_chars = name.chars().all(|c| !c.is_ascii() || c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=[]<>\"%".contains(c));
    scheme_ok && !name.is_empty() && host_chars && port.bytes().all(|b| b.is_ascii_digit()) && escapes_ok(host) && escapes_ok(path)
}

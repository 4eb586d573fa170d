//! corpfix8: pod spec and Job spec checks read from the written tree, the API server's warnings
//! for a pod spec, and the note on Secrets and ConfigMaps a pod needs that the input lacks.
//!
//! * [`job_policies`]: pkg/apis/batch/validation/validation.go validatePodFailurePolicy(Rule,
//!   RuleOnExitCodes, RuleOnPodConditions), validateSuccessPolicy(Rule) and
//!   validatePodReplacementPolicy, as validateJobSpec calls them.
//! * [`pod_spec_checks`]: pkg/apis/core/validation/validation.go validatePodSpecSecurityContext
//!   (sysctls — validateSysctls, ValidateHostSysctl —, fsGroupChangePolicy, seccompProfile,
//!   appArmorProfile, supplementalGroupsPolicy, seLinuxChangePolicy, shareProcessNamespace with
//!   hostPID), validatePodDNSConfig's limits, and per
//!   container ValidateVolumeMounts → validateMountPropagation and ValidateSecurityContext.
//! * [`pod_warnings`]: pkg/api/pod/warnings.go warningsForPodSpecAndMeta (GetWarningsForPod /
//!   GetWarningsForPodTemplate): what the API server sends back with an object it created.
//! * [`missing_references`]: Secrets and ConfigMaps the kubelet must read to start a pod.
//!
//! The field paths and value renderings are upstream's (field.Error ErrorBody, core::diag).

use super::diag::{json_str, quote, Diagnostic, ErrorType, Severity};
use super::model::{Body, Object};
use super::yaml::{Node, NodeKind, Pos, Value};
use super::yaml::{int, items as seq, node_at};

type At<'a> = &'a dyn Fn(&str) -> Pos;

/// A field that is written and not null.
fn set<'a>(n: &'a Node, key: &str) -> Option<&'a Node> {
    n.get(key).filter(|v| !v.is_null())
}

fn text<'a>(n: &'a Node, key: &str) -> Option<&'a str> {
    n.get(key).and_then(|v| v.as_str())
}

fn boolean(n: &Node, key: &str) -> Option<bool> {
    match n.get(key).map(|n| &n.kind) {
        Some(NodeKind::Scalar { value: Value::Bool(b), .. }) => Some(*b),
        _ => None,
    }
}

/// A json-printed optional string (a `*string` field of an internal type: `null` or `"x"`).
fn opt_str(n: &Node, key: &str) -> serde_json::Value {
    text(n, key).map_or(serde_json::Value::Null, |s| s.into())
}

fn opt_bool(n: &Node, key: &str) -> serde_json::Value {
    boolean(n, key).map_or(serde_json::Value::Null, |b| b.into())
}

fn opt_int(n: &Node, key: &str) -> serde_json::Value {
    int(n.get(key)).map_or(serde_json::Value::Null, |i| i.into())
}

/// field.Invalid(path, field.OmitValueType{}, detail): ErrorBody prints no value
/// (`spec.podFailurePolicy.rules[0]: Invalid value: specifying both …`).
fn invalid_omitted(field: &str, pos: Pos, detail: &str) -> Diagnostic {
    let mut d = Diagnostic::invalid(field, pos, "", detail);
    d.message = format!("{field}: Invalid value: {detail}");
    d
}

// ---------------------------------------------------------------------------------------------
// batch: pod failure policy, success policy, pod replacement policy

const PFP_ACTIONS: &[&str] = &["Count", "FailIndex", "FailJob", "Ignore"];

// pkg/apis/batch/validation/validation.go's limits: maxPodFailurePolicyRules,
// maxPodFailurePolicyOnExitCodesValues, maxPodFailurePolicyOnPodConditionsPatterns,
// maxJobSuccessPolicySucceededIndexesLimit, maxSuccessPolicyRule
const MAX_PFP_RULES: usize = 20;
const MAX_PFP_EXIT_CODES: usize = 255;
const MAX_PFP_CONDITIONS: usize = 20;
const MAX_SUCCEEDED_INDEXES: usize = 64 * 1024;
const MAX_SUCCESS_RULES: usize = 20;

/// field.TooMany(path, actual, max): `Too many: <actual>: must have at most <max> items`.
fn too_many(field: &str, pos: Pos, actual: usize, max: usize) -> Diagnostic {
    Diagnostic::note(Severity::Error, ErrorType::TooMany, "FieldValueTooMany", format!("{field}: Too many: {actual}: must have at most {max} items"), pos).at_field(field)
}

/// pkg/apis/batch/validation/validation.go validateJobSpec, after the completion-mode checks:
/// `if spec.PodFailurePolicy != nil { validatePodFailurePolicy }`, `if spec.SuccessPolicy != nil`
/// (Indexed only: "requires indexed completion mode", else validateSuccessPolicy), then
/// validatePodReplacementPolicy. `spec` is the Job's spec node (a CronJob's job template's).
pub(crate) fn job_policies(spec: &Node, indexed: bool, backoff_limit_per_index: bool, completions: Option<i64>, at: At, errs: &mut Vec<Diagnostic>) {
    let pfp = set(spec, "podFailurePolicy");
    if let Some(pfp) = pfp {
        // containerNames: the template's containers and init containers
        let tspec = node_at(spec, "template.spec");
        let names: Vec<&str> = ["containers", "initContainers"]
            .iter()
            .flat_map(|l| seq(tspec.and_then(|t| t.get(l))))
            .map(|c| text(c, "name").unwrap_or(""))
            .collect();
        let rules = seq(pfp.get("rules"));
        // validatePodFailurePolicy: maxPodFailurePolicyRules (20), before the rules' own checks
        if rules.len() > MAX_PFP_RULES {
            errs.push(too_many("spec.podFailurePolicy.rules", at("spec.podFailurePolicy.rules"), rules.len(), MAX_PFP_RULES));
        }
        for (i, rule) in rules.iter().enumerate() {
            pod_failure_policy_rule(rule, &format!("spec.podFailurePolicy.rules[{i}]"), backoff_limit_per_index, &names, at, errs);
        }
    }
    if let Some(sp) = set(spec, "successPolicy") {
        if !indexed {
            errs.push(Diagnostic::invalid("spec.successPolicy", at("spec.successPolicy"), &success_policy_json(sp), "requires indexed completion mode"));
        } else {
            success_policy(sp, completions, at, errs);
        }
    }
    // validatePodReplacementPolicy: with a pod failure policy only Failed
    if let Some(p) = text(spec, "podReplacementPolicy") {
        let f = "spec.podReplacementPolicy";
        if pfp.is_some() {
            if p != "Failed" {
                errs.push(Diagnostic::not_supported(f, at(f), p, &["Failed"]));
            }
        } else if !matches!(p, "Failed" | "TerminatingOrFailed") {
            errs.push(Diagnostic::not_supported(f, at(f), p, &["Failed", "TerminatingOrFailed"]));
        }
    }
}

/// validatePodFailurePolicyRule: the action (FailIndex needs backoffLimitPerIndex), the
/// onExitCodes requirement, the onPodConditions patterns, then exactly one of the two.
fn pod_failure_policy_rule(rule: &Node, rp: &str, blpi: bool, names: &[&str], at: At, errs: &mut Vec<Diagnostic>) {
    let ap = format!("{rp}.action");
    match text(rule, "action").unwrap_or("") {
        // fmt %q of sets.List(supportedPodFailurePolicyActions)
        "" => errs.push(Diagnostic::required(&ap, at(rp), "valid values: [\"Count\" \"FailIndex\" \"FailJob\" \"Ignore\"]")),
        "FailIndex" if !blpi => errs.push(Diagnostic::invalid(&ap, at(&ap), "\"FailIndex\"", "requires the backoffLimitPerIndex to be set")),
        a if PFP_ACTIONS.contains(&a) => {}
        a => errs.push(Diagnostic::not_supported(&ap, at(&ap), a, PFP_ACTIONS)),
    }
    let exit_codes = set(rule, "onExitCodes");
    if let Some(oec) = exit_codes {
        on_exit_codes(oec, &format!("{rp}.onExitCodes"), names, at, errs);
    }
    let conditions = seq(rule.get("onPodConditions"));
    // validatePodFailurePolicyRuleOnPodConditions: maxPodFailurePolicyOnPodConditionsPatterns
    if conditions.len() > MAX_PFP_CONDITIONS {
        let cf = format!("{rp}.onPodConditions");
        errs.push(too_many(&cf, at(&cf), conditions.len(), MAX_PFP_CONDITIONS));
    }
    for (j, pattern) in conditions.iter().enumerate() {
        // validatePodFailurePolicyRuleOnPodConditions: the type a qualified name; the status
        // (defaulted to True by SetDefaults_Job when empty) one of False, True, Unknown
        let pf = format!("{rp}.onPodConditions[{j}]");
        let ty = text(pattern, "type").unwrap_or("");
        let tf = format!("{pf}.type");
        for m in super::names::qualified_name(ty) {
            errs.push(Diagnostic::invalid(&tf, at(&tf), &quote(ty), &m));
        }
        if let Some(s) = text(pattern, "status").filter(|s| !s.is_empty() && !matches!(*s, "False" | "True" | "Unknown")) {
            let sf = format!("{pf}.status");
            errs.push(Diagnostic::not_supported(&sf, at(&sf), s, &["False", "True", "Unknown"]));
        }
    }
    if exit_codes.is_some() && !conditions.is_empty() {
        errs.push(invalid_omitted(rp, at(rp), "specifying both OnExitCodes and OnPodConditions is not supported"));
    }
    if exit_codes.is_none() && conditions.is_empty() {
        errs.push(invalid_omitted(rp, at(rp), "specifying one of OnExitCodes and OnPodConditions is required"));
    }
}

/// validatePodFailurePolicyRuleOnExitCodes: operator In or NotIn, containerName one of the
/// template's, at least one value, none 0 for In, no duplicates, ascending.
fn on_exit_codes(oec: &Node, f: &str, names: &[&str], at: At, errs: &mut Vec<Diagnostic>) {
    let of = format!("{f}.operator");
    let op = text(oec, "operator").unwrap_or("");
    match op {
        "" => errs.push(Diagnostic::required(&of, at(f), "valid values: [\"In\" \"NotIn\"]")),
        "In" | "NotIn" => {}
        other => errs.push(Diagnostic::not_supported(&of, at(&of), other, &["In", "NotIn"])),
    }
    if let Some(name) = text(oec, "containerName").filter(|n| !names.contains(n)) {
        let cf = format!("{f}.containerName");
        errs.push(Diagnostic::invalid(&cf, at(&cf), &quote(name), "must be one of the container or initContainer names in the pod template"));
    }
    let vf = format!("{f}.values");
    let values: Vec<i64> = seq(oec.get("values")).iter().filter_map(|v| int(Some(v))).collect();
    // a []int32 prints as its json: null when absent, [] when written empty
    let shown = |values: &[i64]| if set(oec, "values").is_none() { "null".to_string() } else { serde_json::to_string(values).unwrap_or_default() };
    if values.is_empty() {
        errs.push(Diagnostic::invalid(&vf, at(&vf), &shown(&values), "at least one value is required"));
    } else if values.len() > MAX_PFP_EXIT_CODES {
        // maxPodFailurePolicyOnExitCodesValues
        errs.push(too_many(&vf, at(&vf), values.len(), MAX_PFP_EXIT_CODES));
    }
    let mut ordered = true;
    for (j, v) in values.iter().enumerate() {
        let f = format!("{vf}[{j}]");
        if op == "In" && *v == 0 {
            errs.push(Diagnostic::invalid(&f, at(&f), "0", "must not be 0 for the In operator"));
        }
        if values[..j].contains(v) {
            errs.push(Diagnostic::duplicate(&f, at(&f), &v.to_string()));
        }
        if j > 0 && values[j - 1] > *v {
            ordered = false;
        }
    }
    if !ordered {
        errs.push(Diagnostic::invalid(&vf, at(&vf), &shown(&values), "must be ordered"));
    }
}

/// batch.SuccessPolicy as field.Error prints it: the internal type's json (Go field names, in
/// declaration order).
fn success_policy_json(sp: &Node) -> String {
    let rules = match sp.get("rules").filter(|r| !r.is_null()) {
        None => "null".to_string(),
        Some(r) => {
            let items: Vec<String> = seq(Some(r))
                .iter()
                .map(|rule| format!("{{\"SucceededIndexes\":{},\"SucceededCount\":{}}}", super::diag::json(&opt_str(rule, "succeededIndexes")), super::diag::json(&opt_int(rule, "succeededCount"))))
                .collect();
            format!("[{}]", items.join(","))
        }
    };
    format!("{{\"Rules\":{rules}}}")
}

/// validateSuccessPolicy / validateSuccessPolicyRule (pkg/apis/batch/validation/validation.go):
/// at least one rule and at most maxSuccessPolicyRule (20); per rule one of the two fields,
/// succeededIndexes at most 64 KiB and in validateIndexesFormat's form (`1,3-5`: ascending
/// intervals below completions), succeededCount non-negative, ≤ completions and ≤ the number of
/// indexes the rule's succeededIndexes names.
fn success_policy(sp: &Node, completions: Option<i64>, at: At, errs: &mut Vec<Diagnostic>) {
    let rules = seq(sp.get("rules"));
    let rp = "spec.successPolicy.rules";
    if rules.is_empty() {
        errs.push(Diagnostic::required(rp, at("spec.successPolicy"), "at least one rules must be specified when the successPolicy is specified"));
    }
    if rules.len() > MAX_SUCCESS_RULES {
        errs.push(too_many(rp, at(rp), rules.len(), MAX_SUCCESS_RULES));
    }
    for (i, rule) in rules.iter().enumerate() {
        let rp = format!("spec.successPolicy.rules[{i}]");
        let count = int(rule.get("succeededCount"));
        let indexes = set(rule, "succeededIndexes").and_then(|n| n.as_str());
        if count.is_none() && indexes.is_none() {
            errs.push(Diagnostic::required(&rp, at(&rp), "at least one of succeededCount or succeededIndexes must be specified"));
        }
        let mut total = 0i64;
        if let Some(ix) = indexes {
            let f = format!("{rp}.succeededIndexes");
            if ix.len() > MAX_SUCCEEDED_INDEXES {
                errs.push(Diagnostic::too_long(&f, at(&f), MAX_SUCCEEDED_INDEXES));
            }
            // (completions is required for an Indexed Job: validateJobSpec says so when it is not)
            if let Some(n) = completions {
                match indexes_format(ix, n) {
                    Ok(t) => total = t,
                    Err(e) => errs.push(Diagnostic::invalid(&f, at(&f), &quote(ix), &format!("error parsing succeededIndexes: {e}"))),
                }
            }
        }
        if let Some(c) = count {
            let cf = format!("{rp}.succeededCount");
            if c < 0 {
                errs.push(Diagnostic::invalid(&cf, at(&cf), &c.to_string(), "must be greater than or equal to 0"));
            }
            if let Some(n) = completions.filter(|&n| c > n) {
                errs.push(Diagnostic::invalid(&cf, at(&cf), &c.to_string(), &format!("must be less than or equal to {n} (the number of specified completions)")));
            }
            if indexes.is_some() && completions.is_some() && c > total {
                errs.push(Diagnostic::invalid(&cf, at(&cf), &c.to_string(), &format!("must be less than or equal to {total} (the number of indexes in the specified succeededIndexes field)")));
            }
        }
    }
}

/// Go's strconv.Atoi for an index: an optional sign, then ASCII digits, within int64.
fn atoi(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// pkg/apis/batch/validation/validation.go validateIndexesFormat / parseIndexInterval: the
/// comma-separated intervals `x` or `x-y` (x < y), each below `completions`, in increasing order;
/// the number of indexes named, or the error's text.
pub(crate) fn indexes_format(s: &str, completions: i64) -> Result<i64, String> {
    if s.is_empty() {
        return Ok(0);
    }
    let (mut last, mut total): (Option<i64>, i64) = (None, 0);
    for interval in s.split(',') {
        let limits: Vec<&str> = interval.split('-').collect();
        if limits.len() > 2 {
            return Err(format!("the fragment {} violates the requirement that an index interval can have at most two parts separated by '-'", super::diag::go_quote(interval)));
        }
        let parse = |l: &str| -> Result<i64, String> {
            let v = atoi(l).ok_or_else(|| format!("cannot convert string to integer for index: {}", super::diag::go_quote(l)))?;
            if v >= completions {
                return Err(format!("too large index: {}", super::diag::go_quote(l)));
            }
            Ok(v)
        };
        let x = parse(limits[0])?;
        let y = match limits.get(1) {
            Some(l) => {
                let y = parse(l)?;
                if x >= y {
                    return Err(format!("non-increasing order, previous: {x}, current: {y}"));
                }
                y
            }
            None => x,
        };
        if let Some(l) = last.filter(|&l| l >= x) {
            return Err(format!("non-increasing order, previous: {l}, current: {x}"));
        }
        total += y - x + 1;
        last = Some(y);
    }
    Ok(total)
}

// ---------------------------------------------------------------------------------------------
// core: the pod spec

/// ValidateSysctlName's message: SysctlMaxLength and sysctlContainSlashRegexp as %s prints it.
const SYSCTL_MSG: &str = "must have at most 253 characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$";

/// IsValidSysctlName: at most 253 bytes, segments `[a-z0-9]([-_a-z0-9]*[a-z0-9])?` joined by
/// `.` or `/`.
fn valid_sysctl_name(name: &str) -> bool {
    let seg_ok = |s: &str| {
        let b = s.as_bytes();
        let alnum = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit();
        !b.is_empty() && alnum(b[0]) && alnum(b[b.len() - 1]) && b.iter().all(|&c| alnum(c) || c == b'-' || c == b'_')
    };
    name.len() <= 253 && name.split(['.', '/']).all(seg_ok)
}

/// k8s.io/component-helpers/node/util/sysctl GetNamespace: `net.*` is the network namespace's;
/// kernel.shm*, kernel.msg*, kernel.sem and fs.mqueue.* the IPC namespace's (a name written
/// with `/` separators is normalized first: NormalizeName swaps `.` and `/` only when the first
/// separator is a `/` — `net.ipv4.conf.eno2/100.rp_filter` stays as it is; diffsweep3).
fn sysctl_namespace(name: &str) -> Option<&'static str> {
    let normalized: String;
    let name = if name.find(['.', '/']).is_some_and(|i| name.as_bytes()[i] == b'/') {
        normalized = name.chars().map(|c| match c {
            '/' => '.',
            '.' => '/',
            c => c,
        }).collect();
        normalized.as_str()
    } else {
        name
    };
    if name.starts_with("net.") {
        Some("net")
    } else if name == "kernel.sem" || name.starts_with("kernel.shm") || name.starts_with("kernel.msg") || name.starts_with("fs.mqueue.") {
        Some("ipc")
    } else {
        None
    }
}

/// validateSeccompProfileField at `f` (pod or container `securityContext.seccompProfile`).
fn seccomp_profile(sp: &Node, f: &str, at: At, errs: &mut Vec<Diagnostic>) {
    let ty = text(sp, "type").unwrap_or("");
    let tf = format!("{f}.type");
    match ty {
        "Localhost" | "RuntimeDefault" | "Unconfined" => {}
        "" => errs.push(Diagnostic::required(&tf, at(f), "type is required when seccompProfile is set")),
        other => errs.push(Diagnostic::not_supported(&tf, at(&tf), other, &["Localhost", "RuntimeDefault", "Unconfined"])),
    }
    let lf = format!("{f}.localhostProfile");
    let profile = text(sp, "localhostProfile");
    if ty == "Localhost" {
        match profile {
            None => errs.push(Diagnostic::required(&lf, at(f), "must be set when seccomp type is Localhost")),
            // validateLocalDescendingPath
            Some(p) => {
                if p.starts_with('/') {
                    errs.push(Diagnostic::invalid(&lf, at(&lf), &quote(p), "must be a relative path"));
                }
                if p.split('/').any(|part| part == "..") {
                    errs.push(Diagnostic::invalid(&lf, at(&lf), &quote(p), "must not contain '..'"));
                }
            }
        }
    } else if profile.is_some() {
        // field.Invalid(…, sp, …): the internal core.SeccompProfile's json
        let shown = super::diag::json_struct(&[("Type", ty.into()), ("LocalhostProfile", opt_str(sp, "localhostProfile"))]);
        errs.push(Diagnostic::invalid(&lf, at(&lf), &shown, "can only be set when seccomp type is Localhost"));
    }
}

/// ValidateAppArmorProfileField at `f`.
fn app_armor_profile(ap: &Node, f: &str, at: At, errs: &mut Vec<Diagnostic>) {
    let lf = format!("{f}.localhostProfile");
    let profile = text(ap, "localhostProfile");
    match text(ap, "type").unwrap_or("") {
        "Localhost" => match profile {
            None => errs.push(Diagnostic::required(&lf, at(f), "must be set when AppArmor type is Localhost")),
            Some(p) if p.trim() != p => errs.push(Diagnostic::invalid(&lf, at(&lf), &quote(p), "must not be padded with whitespace")),
            Some("") => errs.push(Diagnostic::required(&lf, at(&lf), "must be set when AppArmor type is Localhost")),
            Some(_) => {}
        },
        "RuntimeDefault" | "Unconfined" => {
            if let Some(p) = profile {
                errs.push(Diagnostic::invalid(&lf, at(&lf), &json_str(p), "can only be set when AppArmor type is Localhost"));
            }
        }
        "" => {
            let tf = format!("{f}.type");
            errs.push(Diagnostic::required(&tf, at(f), "type is required when appArmorProfile is set"));
        }
        other => {
            let tf = format!("{f}.type");
            errs.push(Diagnostic::not_supported(&tf, at(&tf), other, &["Localhost", "RuntimeDefault", "Unconfined"]));
        }
    }
}

/// The internal core.SecurityContext as field.Invalid(fldPath, sc, …) prints it: json with the Go
/// field names in declaration order, pointers null when unset; ProcMount defaulted to "Default"
/// (SetDefaults_SecurityContext, feature gate ProcMountType on by default since 1.33).
fn security_context_json(sc: &Node) -> String {
    use serde_json::Value as J;
    let list = |n: Option<&Node>| -> J {
        match n.filter(|n| !n.is_null()) {
            None => J::Null,
            Some(l) => J::Array(seq(Some(l)).iter().filter_map(|v| v.as_str().map(J::from)).collect()),
        }
    };
    let capabilities = set(sc, "capabilities").map_or("null".to_string(), |c| {
        format!("{{\"Add\":{},\"Drop\":{}}}", super::diag::json(&list(c.get("add"))), super::diag::json(&list(c.get("drop"))))
    });
    let se_linux = set(sc, "seLinuxOptions").map_or("null".to_string(), |s| {
        let f = |k: &str| super::diag::json(&J::from(text(s, k).unwrap_or("")));
        format!("{{\"User\":{},\"Role\":{},\"Type\":{},\"Level\":{}}}", f("user"), f("role"), f("type"), f("level"))
    });
    let windows = set(sc, "windowsOptions").map_or("null".to_string(), |w| {
        let s = |k: &str| super::diag::json(&opt_str(w, k));
        format!("{{\"GMSACredentialSpecName\":{},\"GMSACredentialSpec\":{},\"RunAsUserName\":{},\"HostProcess\":{}}}", s("gmsaCredentialSpecName"), s("gmsaCredentialSpec"), s("runAsUserName"), super::diag::json(&opt_bool(w, "hostProcess")))
    });
    let profile = |k: &str| {
        set(sc, k).map_or("null".to_string(), |p| format!("{{\"Type\":{},\"LocalhostProfile\":{}}}", json_str(text(p, "type").unwrap_or("")), super::diag::json(&opt_str(p, "localhostProfile"))))
    };
    let j = |v: J| super::diag::json(&v);
    format!(
        "{{\"Capabilities\":{capabilities},\"Privileged\":{},\"SELinuxOptions\":{se_linux},\"WindowsOptions\":{windows},\"RunAsUser\":{},\"RunAsGroup\":{},\"RunAsNonRoot\":{},\"ReadOnlyRootFilesystem\":{},\"AllowPrivilegeEscalation\":{},\"ProcMount\":{},\"SeccompProfile\":{},\"AppArmorProfile\":{}}}",
        j(opt_bool(sc, "privileged")),
        j(opt_int(sc, "runAsUser")),
        j(opt_int(sc, "runAsGroup")),
        j(opt_bool(sc, "runAsNonRoot")),
        j(opt_bool(sc, "readOnlyRootFilesystem")),
        j(opt_bool(sc, "allowPrivilegeEscalation")),
        json_str(text(sc, "procMount").unwrap_or("Default")),
        profile("seccompProfile"),
        profile("appArmorProfile"),
    )
}

/// The parts of ValidatePodSpec read from the written pod spec at `prefix` (see the module doc).
/// Every pod of a dump passes here: field paths are made only where something is written.
pub(crate) fn pod_spec_checks(spec: &Node, prefix: &str, at: At, errs: &mut Vec<Diagnostic>) {
    // hostUsers defaults to true (ValidatePodSpec: `hostUsers := … || *HostUsers`)
    let host_users = boolean(spec, "hostUsers") != Some(false);
    for list in ["containers", "initContainers"] {
        for (ci, c) in seq(spec.get(list)).iter().enumerate() {
            let sc = set(c, "securityContext");
            let privileged = sc.and_then(|s| boolean(s, "privileged")) == Some(true);
            // ValidateVolumeMounts: validateMountPropagation(mnt.MountPropagation, container,
            // fldPath.Child("mountPropagation")) — fldPath is the list's, not the item's
            for m in seq(c.get("volumeMounts")) {
                let Some(mp) = text(m, "mountPropagation") else { continue };
                let f = format!("{prefix}.{list}[{ci}].volumeMounts.mountPropagation");
                let pos = m.get("mountPropagation").map_or(m.pos, |n| n.pos);
                if !matches!(mp, "Bidirectional" | "HostToContainer" | "None") {
                    errs.push(Diagnostic::not_supported(&f, pos, mp, &["Bidirectional", "HostToContainer", "None"]));
                }
                if mp == "Bidirectional" && !privileged {
                    errs.push(Diagnostic::forbidden(&f, pos, "Bidirectional mount propagation is available only to privileged containers"));
                }
            }
            let Some(sc) = sc else { continue };
            // ValidateSecurityContext
            let f = format!("{prefix}.{list}[{ci}].securityContext");
            if let Some(pm) = text(sc, "procMount") {
                let pf = format!("{f}.procMount");
                if !matches!(pm, "Default" | "Unmasked") {
                    errs.push(Diagnostic::not_supported(&pf, at(&pf), pm, &["Default", "Unmasked"]));
                }
                if host_users && pm == "Unmasked" {
                    errs.push(Diagnostic::invalid(&pf, at(&pf), &json_str(pm), "`hostUsers` must be false to use `Unmasked`"));
                }
            }
            if let Some(sp) = set(sc, "seccompProfile") {
                seccomp_profile(sp, &format!("{f}.seccompProfile"), at, errs);
            }
            if boolean(sc, "allowPrivilegeEscalation") == Some(false) {
                if privileged {
                    errs.push(Diagnostic::invalid(&f, at(&f), &security_context_json(sc), "cannot set `allowPrivilegeEscalation` to false and `privileged` to true"));
                }
                for cap in seq(set(sc, "capabilities").and_then(|c| c.get("add"))) {
                    if cap.as_str() == Some("CAP_SYS_ADMIN") {
                        errs.push(Diagnostic::invalid(&f, at(&f), &security_context_json(sc), "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN"));
                    }
                }
            }
            if let Some(ap) = set(sc, "appArmorProfile") {
                app_armor_profile(ap, &format!("{f}.appArmorProfile"), at, errs);
            }
        }
    }
    // validatePodSpecSecurityContext (the internal PodSecurityContext carries the pod's host
    // namespace fields and shareProcessNamespace: Convert_v1_PodSpec_To_core_PodSpec)
    if boolean(spec, "shareProcessNamespace") == Some(true) && boolean(spec, "hostPID") == Some(true) {
        let f = format!("{prefix}.securityContext.shareProcessNamespace");
        errs.push(Diagnostic::invalid(&f, at(&format!("{prefix}.shareProcessNamespace")), "true", "ShareProcessNamespace and HostPID cannot both be enabled"));
    }
    if let Some(psc) = set(spec, "securityContext") {
        let f = format!("{prefix}.securityContext");
        let sysctls = seq(psc.get("sysctls"));
        let mut seen: Vec<&str> = Vec::new();
        for (i, s) in sysctls.iter().enumerate() {
            // validateSysctls: required, IsValidSysctlName, unique; then ValidateHostSysctl
            let name = text(s, "name").unwrap_or("");
            let nf = || format!("{f}.sysctls[{i}].name");
            if name.is_empty() {
                errs.push(Diagnostic::required(&nf(), at(&format!("{f}.sysctls[{i}]")), ""));
            } else if !valid_sysctl_name(name) {
                errs.push(Diagnostic::invalid(&nf(), at(&nf()), &quote(name), SYSCTL_MSG));
            } else if seen.contains(&name) {
                errs.push(Diagnostic::duplicate(&nf(), at(&nf()), &quote(name)));
            }
            match sysctl_namespace(name) {
                Some("net") if boolean(spec, "hostNetwork") == Some(true) => errs.push(Diagnostic::invalid(&nf(), at(&nf()), &quote(name), "may not be specified when 'hostNetwork' is true")),
                Some("ipc") if boolean(spec, "hostIPC") == Some(true) => errs.push(Diagnostic::invalid(&nf(), at(&nf()), &quote(name), "may not be specified when 'hostIPC' is true")),
                _ => {}
            }
            seen.push(name);
        }
        if let Some(p) = text(psc, "fsGroupChangePolicy").filter(|p| !matches!(*p, "Always" | "OnRootMismatch")) {
            let pf = format!("{f}.fsGroupChangePolicy");
            errs.push(Diagnostic::not_supported(&pf, at(&pf), p, &["Always", "OnRootMismatch"]));
        }
        if let Some(sp) = set(psc, "seccompProfile") {
            seccomp_profile(sp, &format!("{f}.seccompProfile"), at, errs);
        }
        if let Some(ap) = set(psc, "appArmorProfile") {
            app_armor_profile(ap, &format!("{f}.appArmorProfile"), at, errs);
        }
        // validateSupplementalGroupsPolicy: Merge or Strict (the SupplementalGroupsPolicy gate
        // is beta and on since v1.33, so dropDisabledFields keeps the field)
        if let Some(p) = text(psc, "supplementalGroupsPolicy").filter(|p| !matches!(*p, "Merge" | "Strict")) {
            let pf = format!("{f}.supplementalGroupsPolicy");
            errs.push(Diagnostic::not_supported(&pf, at(&pf), p, &["Merge", "Strict"]));
        }
        // validateSELinuxChangePolicy with opts.AllowOnlyRecursiveSELinuxChangePolicy
        // (pkg/api/pod/util.go useOnlyRecursiveSELinuxChangePolicy: true on create unless the
        // SELinuxMount gate is on — beta and off by default since v1.33). The field itself is kept:
        // the SELinuxChangePolicy gate is beta and on since v1.33 (dropSELinuxChangePolicy).
        if let Some(p) = text(psc, "seLinuxChangePolicy").filter(|p| *p != "Recursive") {
            let pf = format!("{f}.seLinuxChangePolicy");
            errs.push(Diagnostic::not_supported(&pf, at(&pf), p, &["Recursive"]));
        }
    }
    // validatePodDNSConfig (the dnsPolicy None checks are core::cluster's, and return first)
    if let Some(dc) = set(spec, "dnsConfig") {
        let f = format!("{prefix}.dnsConfig");
        let nameservers = seq(dc.get("nameservers"));
        if nameservers.is_empty() && text(spec, "dnsPolicy") == Some("None") {
            return;
        }
        let strings = |items: &[Node]| serde_json::to_string(&items.iter().map(|n| n.as_str().unwrap_or("")).collect::<Vec<_>>()).unwrap_or_default();
        if nameservers.len() > 3 {
            let nf = format!("{f}.nameservers");
            errs.push(Diagnostic::invalid(&nf, at(&nf), &strings(nameservers), "must not have more than 3 nameservers"));
        }
        for (i, ns) in nameservers.iter().enumerate() {
            // validation.IsValidIP (StrictIPCIDRValidation off: only an unparsable address)
            let ip = ns.as_str().unwrap_or("");
            if let Err(msgs) = super::names::valid_ip(ip) {
                if msgs.iter().any(|m| m.starts_with("must be a valid IP address")) {
                    let nf = format!("{f}.nameservers[{i}]");
                    errs.push(Diagnostic::invalid(&nf, at(&nf), &quote(ip), "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
                }
            }
        }
        let searches = seq(dc.get("searches"));
        let sf = format!("{f}.searches");
        if searches.len() > 32 {
            errs.push(Diagnostic::invalid(&sf, at(&sf), &strings(searches), "must not have more than 32 search paths"));
        }
        let chars = searches.iter().map(|s| s.as_str().unwrap_or("").len()).sum::<usize>() + searches.len().saturating_sub(1);
        if chars > 2048 {
            errs.push(Diagnostic::invalid(&sf, at(&sf), &strings(searches), "must not have more than 2048 characters (including spaces) in the search list"));
        }
        for (i, o) in seq(dc.get("options")).iter().enumerate() {
            if text(o, "name").unwrap_or("").is_empty() {
                let of = format!("{f}.options[{i}]");
                errs.push(Diagnostic::required(&of, at(&of), "must not be empty"));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// pkg/api/pod/warnings.go

/// pkg/api/node/util.go deprecatedNodeLabels (GetNodeLabelDeprecatedMessage).
fn deprecated_node_label(key: &str) -> Option<&'static str> {
    Some(match key {
        "beta.kubernetes.io/arch" => "deprecated since v1.14; use \"kubernetes.io/arch\" instead",
        "beta.kubernetes.io/os" => "deprecated since v1.14; use \"kubernetes.io/os\" instead",
        "failure-domain.beta.kubernetes.io/region" => "deprecated since v1.17; use \"topology.kubernetes.io/region\" instead",
        "failure-domain.beta.kubernetes.io/zone" => "deprecated since v1.17; use \"topology.kubernetes.io/zone\" instead",
        "beta.kubernetes.io/instance-type" => "deprecated since v1.17; use \"node.kubernetes.io/instance-type\" instead",
        "app.kubernetes.io/created-by" => "deprecated since v1.9",
        "scheduler.alpha.kubernetes.io/preferAvoidPods" => "deprecated since v1.22; use Taints and Tolerations instead",
        "node-role.kubernetes.io/master" => "use \"node-role.kubernetes.io/control-plane\" instead",
        _ => return None,
    })
}

/// Deprecated and removed volume plugins (warningsForPodSpecAndMeta): the source key and its text.
const DEPRECATED_VOLUMES: &[(&str, &str)] = &[
    ("photonPersistentDisk", "deprecated in v1.11, non-functional in v1.16+"),
    ("gitRepo", "deprecated in v1.11"),
    ("scaleIO", "deprecated in v1.16, non-functional in v1.22+"),
    ("flocker", "deprecated in v1.22, non-functional in v1.25+"),
    ("storageos", "deprecated in v1.22, non-functional in v1.25+"),
    ("quobyte", "deprecated in v1.22, non-functional in v1.25+"),
    ("glusterfs", "deprecated in v1.25, non-functional in v1.26+"),
    ("cephfs", "deprecated in v1.28, non-functional in v1.31+"),
    ("rbd", "deprecated in v1.28, non-functional in v1.31+"),
];

/// The Go field name warnings.go prints for a deprecated volume source (`Child("storageOS")`).
fn volume_field(key: &str) -> &str {
    if key == "storageos" {
        "storageOS"
    } else {
        key
    }
}

/// An env var's fields as warnings.go reads them.
struct EnvVar<'a> {
    name: &'a str,
    value: &'a str,
    value_from: bool,
}

/// warningsForPodSpecAndMeta for the object's pod spec at `prefix` (`spec` for a Pod,
/// `spec.template.spec` for a template) and its metadata: the API server's warnings on create,
/// printed by kubectl as `Warning: …`. Besides the duplicate port names core::cluster warns
/// of. Not for a dump (a cluster printed it: it was created already).
pub(crate) fn pod_warnings(o: &Object, prefix: &str) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = Vec::new();
    if o.dumped() {
        return out;
    }
    let Some(spec) = node_at(&o.source, prefix) else { return out };
    let meta_prefix = match prefix.strip_suffix(".spec") {
        Some(p) => format!("{p}.metadata"),
        None => "metadata".to_string(),
    };
    let meta = node_at(&o.source, &meta_prefix);
    let template = prefix != "spec";
    let mut warn = |path: String, msg: String, pos: Pos| {
        out.push(
            Diagnostic::note(
                Severity::Warning,
                ErrorType::ServerWarning,
                "ServerWarning",
                format!("{path}: {msg}"),
                pos,
            )
            .at_field(&path)
            .hint(format!("the API server's warning: the {} is created", o.kind)),
        );
    };
    // use of deprecated node labels in selectors/affinity/topology
    if let Some(NodeKind::Map(entries)) = spec.get("nodeSelector").map(|n| &n.kind) {
        for (k, v) in entries {
            if let Some(msg) = k.as_str().and_then(deprecated_node_label) {
                warn(format!("{prefix}.nodeSelector[{}]", k.as_str().unwrap_or("")), msg.to_string(), v.pos);
            }
        }
    }
    let na = node_at(spec, "affinity.nodeAffinity");
    let term_warnings = |term: &Node, f: &str, warn: &mut dyn FnMut(String, String, Pos)| {
        for (i, e) in seq(term.get("matchExpressions")).iter().enumerate() {
            let key = text(e, "key").unwrap_or("");
            if let Some(msg) = deprecated_node_label(key) {
                warn(format!("{f}.matchExpressions[{i}].key"), format!("{key} is {msg}"), e.get("key").map_or(e.pos, |n| n.pos));
            }
        }
    };
    if let Some(na) = na {
        let rf = format!("{prefix}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms");
        for (i, t) in seq(na.get("requiredDuringSchedulingIgnoredDuringExecution").and_then(|r| r.get("nodeSelectorTerms"))).iter().enumerate() {
            term_warnings(t, &format!("{rf}[{i}]"), &mut warn);
        }
        let pf = format!("{prefix}.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution");
        for (i, t) in seq(na.get("preferredDuringSchedulingIgnoredDuringExecution")).iter().enumerate() {
            if let Some(p) = t.get("preference") {
                term_warnings(p, &format!("{pf}[{i}].preference"), &mut warn);
            }
        }
    }
    for (i, t) in seq(spec.get("topologySpreadConstraints")).iter().enumerate() {
        let f = format!("{prefix}.topologySpreadConstraints[{i}]");
        let key = text(t, "topologyKey").unwrap_or("");
        if let Some(msg) = deprecated_node_label(key) {
            warn(format!("{f}.topologyKey"), format!("{key} is {msg}"), t.get("topologyKey").map_or(t.pos, |n| n.pos));
        }
        if set(t, "labelSelector").is_none() {
            warn(format!("{f}.labelSelector"), "a null labelSelector results in matching no pod".into(), t.pos);
        }
    }
    // use of deprecated annotations
    let annotations = meta.and_then(|m| m.get("annotations"));
    let annotation = |key: &str| annotations.and_then(|a| a.get(key));
    for (key, msg) in [
        ("scheduler.alpha.kubernetes.io/critical-pod", "non-functional in v1.16+; use the \"priorityClassName\" field instead"),
        ("security.alpha.kubernetes.io/sysctls", "non-functional in v1.11+; use the \"sysctls\" field instead"),
        ("security.alpha.kubernetes.io/unsafe-sysctls", "non-functional in v1.11+; use the \"sysctls\" field instead"),
    ] {
        if let Some(a) = annotation(key) {
            warn(format!("{meta_prefix}.annotations[{key}]"), msg.into(), a.pos);
        }
    }
    // deprecated and removed volume plugins
    for (i, v) in seq(spec.get("volumes")).iter().enumerate() {
        for (key, msg) in DEPRECATED_VOLUMES {
            if let Some(n) = set(v, key) {
                warn(format!("{prefix}.volumes[{i}].{}", volume_field(key)), msg.to_string(), n.pos);
            }
        }
    }
    // duplicate hostAliases ips, duplicate and empty imagePullSecrets names
    let aliases = seq(spec.get("hostAliases"));
    if aliases.len() > 1 {
        let mut seen: Vec<&str> = Vec::new();
        for (i, a) in aliases.iter().enumerate() {
            let ip = text(a, "ip").unwrap_or("");
            if seen.contains(&ip) {
                warn(format!("{prefix}.hostAliases[{i}].ip"), format!("duplicate ip {}", quote(ip)), a.get("ip").map_or(a.pos, |n| n.pos));
            } else {
                seen.push(ip);
            }
        }
    }
    let pull = seq(spec.get("imagePullSecrets"));
    if pull.len() > 1 {
        let mut seen: Vec<&str> = Vec::new();
        for (i, s) in pull.iter().enumerate() {
            let name = text(s, "name").unwrap_or("");
            if seen.contains(&name) {
                warn(format!("{prefix}.imagePullSecrets[{i}].name"), format!("duplicate name {}", quote(name)), s.pos);
            } else {
                seen.push(name);
            }
        }
    }
    for (i, s) in pull.iter().enumerate() {
        if text(s, "name").unwrap_or("").is_empty() {
            warn(format!("{prefix}.imagePullSecrets[{i}].name"), "invalid empty name \"\"".into(), s.pos);
        }
    }
    // use of the pod seccomp annotation without the field
    let pod_sc = set(spec, "securityContext");
    if pod_sc.and_then(|s| set(s, "seccompProfile")).is_none() {
        if let Some(a) = annotation("seccomp.security.alpha.kubernetes.io/pod") {
            warn(format!("{meta_prefix}.annotations[seccomp.security.alpha.kubernetes.io/pod]"), "non-functional in v1.27+; use the \"seccompProfile\" field instead".into(), a.pos);
        }
    }
    let pod_apparmor = pod_sc.and_then(|s| set(s, "appArmorProfile")).is_some();
    // VisitContainersWithPath: init containers, then containers
    let containers: Vec<(String, &Node)> = ["initContainers", "containers"]
        .iter()
        .flat_map(|l| seq(spec.get(l)).iter().enumerate().map(move |(i, c)| (format!("{prefix}.{l}[{i}]"), c)))
        .collect();
    for (p, c) in &containers {
        let name = text(c, "name").unwrap_or("");
        let csc = set(c, "securityContext");
        if csc.and_then(|s| set(s, "seccompProfile")).is_none() {
            let key = format!("container.seccomp.security.alpha.kubernetes.io/{name}");
            if let Some(a) = annotation(&key) {
                warn(format!("{meta_prefix}.annotations[{key}]"), "non-functional in v1.27+; use the \"seccompProfile\" field instead".into(), a.pos);
            }
        }
        // AppArmorFields (GA in 1.31): a template's annotation without the field (a Pod's is
        // warned of by applyAppArmorVersionSkew instead)
        if template && !pod_apparmor && csc.and_then(|s| set(s, "appArmorProfile")).is_none() {
            let key = format!("container.apparmor.security.beta.kubernetes.io/{name}");
            if let Some(a) = annotation(&key) {
                warn(format!("{meta_prefix}.annotations[{key}]"), "deprecated since v1.30; use the \"appArmorProfile\" field instead".into(), a.pos);
            }
        }
        // fractional memory / ephemeral-storage requests and limits
        for (which, res) in [("limits", "memory"), ("requests", "memory"), ("limits", "ephemeral-storage"), ("requests", "ephemeral-storage")] {
            let Some(q) = c.get("resources").and_then(|r| r.get(which)).and_then(|m| m.get(res)) else { continue };
            if let Some(v) = super::quantity::of_node(q).filter(|v| v.milli() % 1000 != 0) {
                warn(format!("{p}.resources.{which}[{res}]"), format!("fractional byte value {} is invalid, must be an integer", quote(&v.to_go_string())), q.pos);
            }
        }
        // duplicate env names (#86163): a later one hides the earlier unless it refers to it
        let env = seq(c.get("env"));
        if env.len() > 1 {
            let vars: Vec<EnvVar> = env
                .iter()
                .map(|e| EnvVar { name: text(e, "name").unwrap_or(""), value: text(e, "value").unwrap_or(""), value_from: set(e, "valueFrom").is_some() })
                .collect();
            for (i, v) in vars.iter().enumerate() {
                if !vars[..i].iter().any(|u| u.name == v.name) {
                    continue;
                }
                let reference = format!("$({})", v.name);
                if v.value_from || v.value == reference || !v.value.contains(&reference) {
                    let e = &env[i];
                    warn(format!("{p}.env[{i}]"), format!("hides previous definition of {}, which may be dropped when using apply", quote(v.name)), e.get("name").map_or(e.pos, |n| n.pos));
                }
            }
        }
    }
    // ports across all containers: hostIP without hostPort; the same containerPort/protocol
    // again (duplicate, overlapping, or dangerously ambiguous by their host ports)
    struct Port<'a> {
        field: String,
        name: &'a str,
        host_port: i64,
        container_port: i64,
        protocol: &'a str,
        host_ip: &'a str,
        /// the container's index in `containers`, its name, and whether it runs beside the
        /// others (a container, or a restartable init container: a sidecar)
        container: usize,
        container_name: &'a str,
        concurrent: bool,
    }
    let mut ports: Vec<Port> = Vec::new();
    // (ours, not the API server's: two containers of the pod declaring one port, qa7 08)
    let mut shared: Vec<Diagnostic> = Vec::new();
    for (ci, (p, c)) in containers.iter().enumerate() {
        let concurrent = p.contains(".containers[") || text(c, "restartPolicy") == Some("Always");
        for (i, port) in seq(c.get("ports")).iter().enumerate() {
            let this = Port {
                field: format!("{p}.ports[{i}]"),
                name: text(port, "name").unwrap_or(""),
                host_port: int(port.get("hostPort")).unwrap_or(0),
                container_port: int(port.get("containerPort")).unwrap_or(0),
                // SetDefaults_ContainerPort
                protocol: text(port, "protocol").filter(|p| !p.is_empty()).unwrap_or("TCP"),
                host_ip: text(port, "hostIP").unwrap_or(""),
                container: ci,
                container_name: text(c, "name").unwrap_or(""),
                concurrent,
            };
            if let Some(other) = ports.iter().find(|o| o.container != ci && o.concurrent && concurrent && o.container_port == this.container_port && o.protocol == this.protocol) {
                shared.push(shared_port_note(&this.field, other.container_name, this.container_name, this.container_port, this.protocol, (other.host_port, this.host_port), port.pos));
            }
            if !this.host_ip.is_empty() && this.host_port == 0 {
                // %+v of the internal core.ContainerPort
                warn(
                    this.field.clone(),
                    format!("hostIP set without hostPort: {{Name:{} HostPort:{} ContainerPort:{} Protocol:{} HostIP:{}}}", this.name, this.host_port, this.container_port, this.protocol, this.host_ip),
                    port.pos,
                );
            }
            for other in ports.iter().filter(|o| o.container_port == this.container_port && o.protocol == this.protocol) {
                let what = if this.host_ip == other.host_ip && this.host_port == other.host_port {
                    "duplicate"
                } else if this.host_port == 0 || other.host_port == 0 {
                    "overlapping"
                } else if this.host_port == other.host_port && (this.host_ip.is_empty() != other.host_ip.is_empty()) {
                    "dangerously ambiguous"
                } else {
                    continue;
                };
                warn(this.field.clone(), format!("{what} port definition with {}", other.field), port.pos);
            }
            ports.push(this);
        }
    }
    if int(spec.get("terminationGracePeriodSeconds")).is_some_and(|g| g < 0) {
        warn(format!("{prefix}.terminationGracePeriodSeconds"), "must be >= 0; negative values are invalid and will be treated as 1".into(), spec.get("terminationGracePeriodSeconds").map_or(spec.pos, |n| n.pos));
    }
    // pod (anti-)affinity terms without a labelSelector
    for which in ["podAffinity", "podAntiAffinity"] {
        let Some(a) = node_at(spec, &format!("affinity.{which}")) else { continue };
        let f = format!("{prefix}.affinity.{which}");
        for (i, t) in seq(a.get("requiredDuringSchedulingIgnoredDuringExecution")).iter().enumerate() {
            if set(t, "labelSelector").is_none() {
                warn(format!("{f}.requiredDuringSchedulingIgnoredDuringExecution[{i}].labelSelector"), "a null labelSelector results in matching no pod".into(), t.pos);
            }
        }
        for (i, t) in seq(a.get("preferredDuringSchedulingIgnoredDuringExecution")).iter().enumerate() {
            if t.get("podAffinityTerm").and_then(|p| set(p, "labelSelector")).is_none() {
                warn(format!("{f}.preferredDuringSchedulingIgnoredDuringExecution[{i}].podAffinityTerm.labelSelector"), "a null labelSelector results in matching no pod".into(), t.pos);
            }
        }
    }
    out.extend(shared);
    out
}

/// Two containers of one pod that run side by side declare the same containerPort and protocol
/// (qa7 08, kubernetes/website#1278; kubernetes/kubernetes#91279, liggitt: "Containers in a pod
/// share a network address. If both containers are binding to the same address/port, only one of
/// them will succeed"): an info, also where warningsForPodSpecAndMeta says nothing (their
/// hostPorts differ).
fn shared_port_note(field: &str, first: &str, second: &str, port: i64, protocol: &str, host_ports: (i64, i64), pos: Pos) -> Diagnostic {
    let hosts = match host_ports {
        (a, b) if a != 0 && b != 0 && a != b => format!("; hostPorts {a} and {b} both lead to the pod's one port {port}, so both reach whichever container listens there"),
        _ => String::new(),
    };
    Diagnostic::note(
        Severity::Info,
        ErrorType::Resolution,
        "ContainerPortShared",
        format!("{field}: containers {first} and {second} both declare containerPort {port}/{protocol}: the containers of a pod share one network namespace, so two processes in the pod cannot both listen on {port}/{protocol} (unless both set SO_REUSEPORT): if both containers try, the second one's bind fails (\"address already in use\"){hosts}"),
        pos,
    )
    .at_field(field)
}

// ---------------------------------------------------------------------------------------------
// Secrets and ConfigMaps a pod needs

/// A Secret or ConfigMap a pod spec references, not optional: (kind, name, where, position).
fn references(spec: &Node, prefix: &str) -> Vec<(&'static str, String, String, Pos)> {
    let mut out = Vec::new();
    let optional = |n: &Node| boolean(n, "optional") == Some(true);
    for (i, v) in seq(spec.get("volumes")).iter().enumerate() {
        let vname = text(v, "name").unwrap_or("");
        if let Some(s) = set(v, "secret").filter(|s| !optional(s)) {
            if let Some(name) = text(s, "secretName").filter(|n| !n.is_empty()) {
                out.push(("secret", name.to_string(), format!("volume {vname:?} ({prefix}.volumes[{i}].secret)"), s.pos));
            }
        }
        if let Some(c) = set(v, "configMap").filter(|c| !optional(c)) {
            if let Some(name) = text(c, "name").filter(|n| !n.is_empty()) {
                out.push(("configmap", name.to_string(), format!("volume {vname:?} ({prefix}.volumes[{i}].configMap)"), c.pos));
            }
        }
        if let Some(p) = set(v, "projected") {
            for (j, src) in seq(p.get("sources")).iter().enumerate() {
                for (key, kind) in [("secret", "secret"), ("configMap", "configmap")] {
                    if let Some(s) = set(src, key).filter(|s| !optional(s)) {
                        if let Some(name) = text(s, "name").filter(|n| !n.is_empty()) {
                            out.push((kind, name.to_string(), format!("volume {vname:?} ({prefix}.volumes[{i}].projected.sources[{j}].{key})"), s.pos));
                        }
                    }
                }
            }
        }
    }
    for list in ["initContainers", "containers"] {
        for (ci, c) in seq(spec.get(list)).iter().enumerate() {
            let cname = text(c, "name").unwrap_or("");
            for (ei, e) in seq(c.get("env")).iter().enumerate() {
                let Some(from) = set(e, "valueFrom") else { continue };
                for (key, kind) in [("secretKeyRef", "secret"), ("configMapKeyRef", "configmap")] {
                    if let Some(r) = set(from, key).filter(|r| !optional(r)) {
                        if let Some(name) = text(r, "name").filter(|n| !n.is_empty()) {
                            out.push((kind, name.to_string(), format!("container {cname:?} ({prefix}.{list}[{ci}].env[{ei}].valueFrom.{key})"), r.pos));
                        }
                    }
                }
            }
            for (ei, e) in seq(c.get("envFrom")).iter().enumerate() {
                for (key, kind) in [("secretRef", "secret"), ("configMapRef", "configmap")] {
                    if let Some(r) = set(e, key).filter(|r| !optional(r)) {
                        if let Some(name) = text(r, "name").filter(|n| !n.is_empty()) {
                            out.push((kind, name.to_string(), format!("container {cname:?} ({prefix}.{list}[{ci}].envFrom[{ei}].{key})"), r.pos));
                        }
                    }
                }
            }
        }
    }
    out
}

/// Pods (and pod templates) that need a Secret or ConfigMap the input does not create: the
/// kubelet reads each before it starts the containers — a volume's through the secret or
/// configMap volume plugin (pkg/volume/secret/secret.go, pkg/volume/configmap/configmap.go
/// SetUpAt: event FailedMount `MountVolume.SetUp failed for volume "v" : secret "x" not found`),
/// an env var's in makeEnvironmentVariables (pkg/kubelet/kubelet_pods.go: the container waits
/// in CreateContainerConfigError). The NotFound text is the kubelet's secret/configmap
/// managers' (pkg/kubelet/secret/secret_manager.go `corev1.Resource("secret")`,
/// pkg/kubelet/configmap/configmap_manager.go `corev1.Resource("configmap")`: singular).
/// Assumed to exist in the cluster, as a namespace is: an information, once per object, and the
/// pods' phases and endpoints are left as they are. Not for a dump (a cluster printed it), nor
/// for kube-root-ca.crt (every namespace gets it: the root-ca-cert-publisher controller), nor
/// for anything marked `optional: true`.
/// `created`: the input's Secrets and ConfigMaps (kind, namespace, name), from reapply::ConfigState.
pub(crate) fn missing_references(objects: &[Object], created: &[(&str, &str, &str)], diags: &mut Vec<Diagnostic>) {
    for o in objects {
        if o.dumped() || o.refused {
            continue;
        }
        let Some(prefix) = o.pod_spec_path() else { continue };
        let Some(spec) = node_at(&o.source, prefix) else { continue };
        let ns = o.meta.namespace.as_str();
        let mut missing: Vec<(&'static str, String, String, Pos)> = Vec::new();
        for r in references(spec, prefix) {
            if r.0 == "configmap" && r.1 == "kube-root-ca.crt" {
                continue;
            }
            let kind = if r.0 == "secret" { "Secret" } else { "ConfigMap" };
            let present = created.iter().any(|(k, n, name)| *k == kind && *n == ns && *name == r.1);
            if !present && !missing.iter().any(|m| m.0 == r.0 && m.1 == r.1) {
                missing.push(r);
            }
        }
        let Some(first) = missing.first() else { continue };
        // (a pod or workload the API server refuses makes no pod: nothing to say)
        if super::cluster::pod_check(o).is_some_and(|(ok, _)| !ok) {
            continue;
        }
        let list: Vec<String> = missing.iter().map(|(kind, name, user, _)| format!("{kind} {name:?} (for {user})")).collect();
        let example = if first.2.starts_with("volume") {
            format!("event FailedMount: MountVolume.SetUp failed for volume {} : {} {:?} not found", first.2.split(' ').nth(1).unwrap_or("\"\""), first.0, first.1)
        } else {
            format!("the container waits in CreateContainerConfigError: {} {:?} not found", first.0, first.1)
        };
        // a missing volume source keeps the pod ContainerCreating (FailedMount); a missing env
        // source lets the volumes mount, then the container cannot be created: `kubectl get pods`
        // shows CreateContainerConfigError (kuberuntime_container.go generateContainerConfig →
        // ErrCreateContainerConfig; diffsweep3 S2)
        let status = if first.2.starts_with("volume") { "ContainerCreating" } else { "CreateContainerConfigError" };
        let (pods, stay) = if matches!(o.body, Body::Pod(..)) {
            ("the pod", format!("the pod stays {status}, not ready, and is no endpoint"))
        } else {
            ("its pods", format!("its pods stay {status}, not ready, and are no endpoints"))
        };
        diags.push(
            Diagnostic::note(
                Severity::Info,
                ErrorType::Resolution,
                "ReferenceAssumed",
                format!(
                    "{} in namespace {ns} not created in this input: assumed to exist in the cluster; if not, the kubelet cannot start {pods} ({example}; {stay})",
                    list.join(", ")
                ),
                first.3,
            )
            .on(&o.id()),
        );
    }
}

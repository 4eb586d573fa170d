//! The API server's validation of a batch/v1 CronJob, which Switchboard does not otherwise model
//! (it creates no pods when it is created): pkg/apis/batch/validation/validation.go
//! `ValidateCronJobCreate` → `validateCronJobSpec`, after `SetDefaults_CronJob`
//! (pkg/apis/batch/v1/defaults.go). Checked on the object's YAML tree, as core::configdata checks
//! ConfigMaps and Secrets: a refused CronJob is an error, not "read and ignored".
//!
//! The schedule is parsed as the API server parses it, with github.com/robfig/cron/v3
//! `ParseStandard` (parser.go, v3.0.1), ported here with its error strings: [`parse_standard`].

use std::fmt::Write as _;
use super::diag::{quote, Diagnostic, ErrorType, Severity};
use super::yaml::{Node, NodeKind, Pos, Text, Value};

/// The errors `kubectl apply` would print for a CronJob (strict decoding passed); empty for
/// other kinds.
pub fn validate(kind: &str, root: &Node) -> Vec<Diagnostic> {
    let mut errs = Vec::new();
    if kind != "CronJob" {
        return errs;
    }
    let at = |p: &str| super::model::pos_at(root, p);
    let meta = super::model::read_meta(root);
    // ValidateObjectMeta with ValidateReplicationControllerName (NameIsDNSSubdomain), namespaced
    super::service::validate_meta(&meta, super::names::dns1123_subdomain, true, &at, &mut errs);
    let spec = root.get("spec");
    let get = |k: &str| spec.and_then(|s| s.get(k)).filter(|n| !n.is_null());
    // validateCronJobSpec, in its order
    let schedule = get("schedule").and_then(|n| n.as_str()).unwrap_or("");
    let time_zone = get("timeZone").and_then(|n| n.as_str());
    if schedule.is_empty() {
        errs.push(Diagnostic::required("spec.schedule", at("spec.schedule"), ""));
    } else {
        validate_schedule_format(schedule, at("spec.schedule"), &mut errs);
    }
    if let Some(v) = get("startingDeadlineSeconds").and_then(int).filter(|&v| v < 0) {
        nonnegative("spec.startingDeadlineSeconds", v, &at, &mut errs);
    }
    if let Some(tz) = time_zone {
        validate_time_zone(tz, at("spec.timeZone"), &mut errs);
    }
    // validateConcurrencyPolicy, after SetDefaults_CronJob (an empty policy is Allow: its
    // `Required value` cannot be reached from a manifest)
    if let Some(p) = get("concurrencyPolicy").and_then(|n| n.as_str()).filter(|p| !p.is_empty() && !matches!(*p, "Allow" | "Forbid" | "Replace")) {
        errs.push(Diagnostic::not_supported("spec.concurrencyPolicy", at("spec.concurrencyPolicy"), p, &["Allow", "Forbid", "Replace"]));
    }
    validate_job_template(root, &mut errs);
    // zero is a valid history limit (SetDefaults_CronJob: 3 and 1 when unset)
    for f in ["successfulJobsHistoryLimit", "failedJobsHistoryLimit"] {
        if let Some(v) = get(f).and_then(int).filter(|&v| v < 0) {
            nonnegative(&format!("spec.{f}"), v, &at, &mut errs);
        }
    }
    // ValidateCronJobCreate: the controller names its Jobs `<name>-<11 characters>` and a Job's
    // name is at most 63 (DNS1035LabelMaxLength − 11 = 52)
    if meta.name.len() > 52 {
        errs.push(Diagnostic::invalid("metadata.name", at("metadata.name"), &quote(&meta.name), "must be no more than 52 characters"));
    }
    // created: the API server's warnings (not for a dump: it was created already)
    if errs.is_empty() && !meta.dumped {
        errs.extend(job_template_warnings(root));
    }
    errs
}

/// ValidateNonnegativeField.
fn nonnegative(field: &str, v: i64, at: &dyn Fn(&str) -> Pos, errs: &mut Vec<Diagnostic>) {
    errs.push(Diagnostic::invalid(field, at(field), &v.to_string(), "must be greater than or equal to 0"));
}

fn int(n: &Node) -> Option<i64> {
    match &n.kind {
        NodeKind::Scalar { value: Value::Int(i), .. } => Some(*i),
        _ => None,
    }
}

/// validateScheduleFormat on create (allowTZInSchedule false): cron.ParseStandard's error, then
/// any `TZ` in the schedule refused (the time zone has its own field).
fn validate_schedule_format(schedule: &str, pos: Pos, errs: &mut Vec<Diagnostic>) {
    match parse_standard(schedule) {
        Ok(()) => {}
        Err(Refusal::Invalid(m)) => errs.push(Diagnostic::invalid("spec.schedule", pos, &quote(schedule), &m)),
        Err(Refusal::Panic(why)) => {
            // the handler's panic is re-raised by the request finisher and answered by the
            // apiserver's WithPanicRecovery (k8s.io/apiserver pkg/server/filters/wrap.go): a 500
            // with this text, and no validation errors
            let m = format!("the API server panics on this schedule ({why}) and answers 500: \"This request caused apiserver to panic. Look in the logs for details.\"");
            errs.push(Diagnostic::note(Severity::Error, ErrorType::Internal, "InternalError", m, pos).at_field("spec.schedule"));
            return;
        }
    }
    if schedule.contains("TZ") {
        errs.push(Diagnostic::invalid("spec.schedule", pos, &quote(schedule), "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
    }
}

/// validateTimeZone. The IANA naming rules it checks first (validTimeZoneCharacters, per `/`
/// component: 1-14 of `A-Za-z.-_0-9+`, not `.`/`..`, not starting with `-`), then
/// time.LoadLocation against the tz database's names ([`super::tznames`], generated by
/// tools/gen_tznames.py): `Europe/Pariss` is `unknown time zone Europe/Pariss`.
fn validate_time_zone(tz: &str, pos: Pos, errs: &mut Vec<Diagnostic>) {
    if tz.is_empty() {
        errs.push(Diagnostic::invalid("spec.timeZone", pos, "\"\"", "timeZone must be nil or non-empty string"));
        return;
    }
    if !iana_shaped(tz) {
        errs.push(Diagnostic::invalid("spec.timeZone", pos, &quote(tz), &format!("unknown time zone {tz}")));
        return;
    }
    if tz.eq_ignore_ascii_case("Local") {
        errs.push(Diagnostic::invalid("spec.timeZone", pos, &quote(tz), "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"));
        // time.LoadLocation knows `Local` exactly; `local` or `LOCAL` is a file it does not find
        if tz != "Local" {
            errs.push(Diagnostic::invalid("spec.timeZone", pos, &quote(tz), &format!("unknown time zone {tz}")));
        }
        return;
    }
    // then time.LoadLocation: a name with ".." is errLocation before any lookup (review10 c54)
    if let Err(e) = load_location(tz) {
        errs.push(Diagnostic::invalid("spec.timeZone", pos, &quote(tz), &e));
    }
}

/// validTimeZoneCharacters (`^[A-Za-z\.\-_0-9+]{1,14}$`) on each `/` component, none `.` or
/// `..` or starting with `-`.
fn iana_shaped(tz: &str) -> bool {
    tz.split('/').all(|p| {
        p != "." && p != ".." && !p.starts_with('-') && (1..=14).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'+'))
    })
}

/// ValidateJobTemplateSpec(&spec.JobTemplate, "spec.jobTemplate"): the template is decoded as a
/// Job whose `spec` is the template's and checked by core::cluster, as a Job's own spec is;
/// the field paths then move under `spec.jobTemplate`.
fn validate_job_template(root: &Node, errs: &mut Vec<Diagnostic>) {
    let Some(job) = template_job(root) else { return };
    errs.extend(super::cluster::validate_job_template_spec(&job).into_iter().map(|d| d.moved("spec", "spec.jobTemplate.spec")));
}

/// The API server's warnings with a CronJob it created (pkg/registry/batch/cronjob/strategy.go
/// WarningsOnCreate → job.WarningsForJobSpec(spec.jobTemplate.spec) →
/// pod.GetWarningsForPodTemplate(spec.jobTemplate.spec.template): core::podchecks::pod_warnings
/// on the template, paths under `spec.jobTemplate.spec`.
fn job_template_warnings(root: &Node) -> Vec<Diagnostic> {
    let Some(job) = template_job(root) else { return Vec::new() };
    super::podchecks::pod_warnings(&job, "spec.template.spec")
        .into_iter()
        .map(|mut d| {
            d.hint = d.hint.map(|h| h.replace("the API server's warning: the Job is created", "the API server's warning: the CronJob is created"));
            d.moved("spec", "spec.jobTemplate.spec")
        })
        .collect()
}

/// The job template decoded as a Job whose `spec` is the template's.
fn template_job(root: &Node) -> Option<super::model::Object> {
    let tmpl = root.get("spec").and_then(|s| s.get("jobTemplate"));
    let tspec = tmpl.and_then(|t| t.get("spec")).filter(|n| !n.is_null());
    let pos = tspec.or(tmpl).or_else(|| root.get("spec")).map_or(root.pos, |n| n.pos);
    let scalar = |s: &str| Node { kind: NodeKind::Scalar { text: Text::from(s), plain: true, value: Value::Str }, pos };
    let mut entries = vec![(scalar("apiVersion"), scalar("batch/v1")), (scalar("kind"), scalar("Job"))];
    if let Some(s) = tspec {
        entries.push((scalar("spec"), s.clone()));
    }
    let job = Node { kind: NodeKind::Map(entries), pos };
    // strict decoding passed: the Reader has nothing to say of it
    super::model::decode_object(job, &mut Vec::new())
}

/// Why [`parse_standard`] refuses a schedule: its error, or the panic it would have.
#[derive(Debug, PartialEq)]
pub enum Refusal {
    /// the error's text (`err.Error()`)
    Invalid(String),
    /// Parse slices out of range (`spec[eq+1:i]`, i = -1): a `TZ=`/`CRON_TZ=` prefix with no
    /// space after it
    Panic(&'static str),
}

/// robfig/cron v3 `ParseStandard` (parser.go): `Parser.Parse` with the standard parser's options
/// (Minute | Hour | Dom | Month | Dow | Descriptor). Only whether and why it fails is kept.
pub fn parse_standard(spec: &str) -> Result<(), Refusal> {
    let fail = |m: String| Err(Refusal::Invalid(m));
    if spec.is_empty() {
        return fail("empty spec string".into());
    }
    let mut spec = spec;
    // Extract timezone if present
    if spec.starts_with("TZ=") || spec.starts_with("CRON_TZ=") {
        // `i := strings.Index(spec, " ")`; with none, spec[eq+1:-1] panics
        let Some(i) = spec.find(' ') else { return Err(Refusal::Panic("robfig/cron Parse: a TZ= prefix with no space after it, slice bounds out of range")) };
        let eq = spec.find('=').unwrap_or(0);
        let name = &spec[eq + 1..i];
        if let Err(e) = load_location(name) {
            return fail(format!("provided bad location {name}: {e}"));
        }
        spec = spec[i..].trim();
    }
    // Handle named schedules (descriptors)
    if spec.starts_with('@') {
        return parse_descriptor(spec);
    }
    let fields: Vec<&str> = spec.split_whitespace().collect();
    if fields.len() != 5 {
        return fail(format!("expected exactly 5 fields, found {}: [{}]", fields.len(), fields.join(" ")));
    }
    // minute, hour, day of month, month, day of week (the seconds field is "0")
    for (field, bounds) in fields.iter().zip([MINUTES, HOURS, DOM, MONTHS, DOW]) {
        get_field(field, &bounds).map_err(Refusal::Invalid)?;
    }
    Ok(())
}

/// spec.go `bounds`: a field's range and its names.
struct Bounds {
    min: u64,
    max: u64,
    names: &'static [&'static str],
}

const MINUTES: Bounds = Bounds { min: 0, max: 59, names: &[] };
const HOURS: Bounds = Bounds { min: 0, max: 23, names: &[] };
const DOM: Bounds = Bounds { min: 1, max: 31, names: &[] };
/// jan = 1 … dec = 12
const MONTHS: Bounds = Bounds { min: 1, max: 12, names: &["", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"] };
/// sun = 0 … sat = 6
const DOW: Bounds = Bounds { min: 0, max: 6, names: &["sun", "mon", "tue", "wed", "thu", "fri", "sat"] };

/// getField: a comma-separated list of ranges (strings.FieldsFunc: empty ones dropped).
fn get_field(field: &str, r: &Bounds) -> Result<(), String> {
    field.split(',').filter(|e| !e.is_empty()).try_for_each(|e| get_range(e, r))
}

/// getRange: `number | number "-" number [ "/" number ]`, `*` or `?` for the whole range.
fn get_range(expr: &str, r: &Bounds) -> Result<(), String> {
    let range_and_step: Vec<&str> = expr.split('/').collect();
    let low_and_high: Vec<&str> = range_and_step[0].split('-').collect();
    let single_digit = low_and_high.len() == 1;
    let (start, mut end);
    if low_and_high[0] == "*" || low_and_high[0] == "?" {
        (start, end) = (r.min, r.max);
    } else {
        start = parse_int_or_name(low_and_high[0], r.names)?;
        end = match low_and_high.len() {
            1 => start,
            2 => parse_int_or_name(low_and_high[1], r.names)?,
            _ => return Err(format!("too many hyphens: {expr}")),
        };
    }
    let step = match range_and_step.len() {
        1 => 1,
        2 => {
            let step = must_parse_int(range_and_step[1])?;
            // "N/step" means "N-max/step"
            if single_digit {
                end = r.max;
            }
            step
        }
        _ => return Err(format!("too many slashes: {expr}")),
    };
    if start < r.min {
        return Err(format!("beginning of range ({start}) below minimum ({}): {expr}", r.min));
    }
    if end > r.max {
        return Err(format!("end of range ({end}) above maximum ({}): {expr}", r.max));
    }
    if start > end {
        return Err(format!("beginning of range ({start}) beyond end of range ({end}): {expr}"));
    }
    if step == 0 {
        return Err(format!("step of range should be a positive number: {expr}"));
    }
    Ok(())
}

/// parseIntOrName: a name (case-insensitive: strings.ToLower) or a number.
fn parse_int_or_name(expr: &str, names: &[&str]) -> Result<u64, String> {
    let lower = super::case::lower(expr);
    match names.iter().position(|n| !n.is_empty() && *n == lower) {
        Some(i) => Ok(i as u64),
        None => must_parse_int(expr),
    }
}

/// mustParseInt: strconv.Atoi, not negative.
fn must_parse_int(expr: &str) -> Result<u64, String> {
    let num = atoi(expr).map_err(|e| format!("failed to parse int from {expr}: {e}"))?;
    if num < 0 {
        return Err(format!("negative number ({num}) not allowed: {expr}"));
    }
    Ok(num as u64)
}

/// strconv.Atoi (64-bit int): an optional sign and decimal digits; `*NumError`'s text.
fn atoi(s: &str) -> Result<i64, String> {
    let err = |what: &str| format!("strconv.Atoi: parsing {}: {what}", go_quote(s));
    let syntax = || err("invalid syntax");
    let (neg, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty() {
        return Err(syntax());
    }
    // ParseUint: left to right, the first bad byte or overflow answers
    let mut n: u64 = 0;
    for b in digits.bytes() {
        if !b.is_ascii_digit() {
            return Err(syntax());
        }
        n = match n.checked_mul(10).and_then(|n| n.checked_add(u64::from(b - b'0'))) {
            Some(n) => n,
            None => return Err(err("value out of range")),
        };
    }
    let cutoff = 1u64 << 63;
    if (!neg && n >= cutoff) || (neg && n > cutoff) {
        return Err(err("value out of range"));
    }
    Ok(if neg { (n as i64).wrapping_neg() } else { n as i64 })
}

/// strconv.Quote (one implementation: [`super::diag::go_quote`]).
use super::diag::go_quote;

/// parseDescriptor: `@yearly` (`@annually`), `@monthly`, `@weekly`, `@daily` (`@midnight`),
/// `@hourly`, or `@every <duration>` (time.ParseDuration; any duration is taken: Every rounds
/// one under a second up to a second).
fn parse_descriptor(descriptor: &str) -> Result<(), Refusal> {
    match descriptor {
        "@yearly" | "@annually" | "@monthly" | "@weekly" | "@daily" | "@midnight" | "@hourly" => Ok(()),
        d => match d.strip_prefix("@every ") {
            Some(dur) => parse_duration(dur).map(|_| ()).map_err(|e| Refusal::Invalid(format!("failed to parse duration {descriptor}: {e}"))),
            None => Err(Refusal::Invalid(format!("unrecognized descriptor: {descriptor}"))),
        },
    }
}

/// time.LoadLocation: "" and `UTC` are UTC, `Local` the local zone, a name with `..` or a
/// leading `/` or `\` is "time: invalid location name"; any other name is looked up in the tz
/// database (the zoneinfo directory's files; `posix/` and `right/` hold the same names), and
/// one it does not hold is "unknown time zone".
fn load_location(name: &str) -> Result<(), String> {
    if matches!(name, "" | "UTC" | "Local") {
        return Ok(());
    }
    if name.contains("..") || name.starts_with('/') || name.starts_with('\\') {
        return Err("time: invalid location name".into());
    }
    if !iana_shaped(name) || !tz_known(name) {
        return Err(format!("unknown time zone {name}"));
    }
    Ok(())
}

/// A name the tz database holds (case-sensitive, as the zoneinfo files are looked up).
fn tz_known(name: &str) -> bool {
    let name = name.strip_prefix("posix/").or_else(|| name.strip_prefix("right/")).unwrap_or(name);
    let (area, rest) = name.split_once('/').unwrap_or(("", name));
    super::tznames::TZ_NAMES
        .lines()
        .find_map(|l| l.strip_prefix(area).and_then(|l| l.strip_prefix(':')))
        .is_some_and(|names| names.split(',').any(|n| n == rest))
}

/// time.ParseDuration: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, units ns us µs μs ms s m h; the
/// nanoseconds (overflow is "invalid duration").
pub fn parse_duration(s: &str) -> Result<i64, String> {
    let orig = s;
    let invalid = || format!("time: invalid duration {}", time_quote(orig));
    let mut s = s;
    let mut neg = false;
    if let Some(c) = s.bytes().next().filter(|c| matches!(c, b'-' | b'+')) {
        neg = c == b'-';
        s = &s[1..];
    }
    if s == "0" {
        return Ok(0);
    }
    if s.is_empty() {
        return Err(invalid());
    }
    const LIMIT: u64 = 1 << 63;
    let mut d: u64 = 0;
    while !s.is_empty() {
        let b = s.as_bytes()[0];
        if !(b == b'.' || b.is_ascii_digit()) {
            return Err(invalid());
        }
        // leadingInt
        let mut v: u64 = 0;
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        for b in s[..digits].bytes() {
            if v > LIMIT / 10 {
                return Err(invalid());
            }
            v = v * 10 + u64::from(b - b'0');
            if v > LIMIT {
                return Err(invalid());
            }
        }
        let pre = digits > 0;
        s = &s[digits..];
        // leadingFraction
        let (mut f, mut scale, mut post) = (0u64, 1f64, false);
        if let Some(rest) = s.strip_prefix('.') {
            let n = rest.bytes().take_while(u8::is_ascii_digit).count();
            let mut overflow = false;
            for b in rest[..n].bytes() {
                if overflow {
                    continue;
                }
                if f > (LIMIT - 1) / 10 {
                    overflow = true;
                    continue;
                }
                let y = f * 10 + u64::from(b - b'0');
                if y > LIMIT {
                    overflow = true;
                    continue;
                }
                f = y;
                scale *= 10.0;
            }
            post = n > 0;
            s = &rest[n..];
        }
        if !pre && !post {
            return Err(invalid());
        }
        let i = s.bytes().position(|b| b == b'.' || b.is_ascii_digit()).unwrap_or(s.len());
        if i == 0 {
            return Err(format!("time: missing unit in duration {}", time_quote(orig)));
        }
        let u = &s[..i];
        s = &s[i..];
        let unit: u64 = match u {
            "ns" => 1,
            "us" | "\u{b5}s" | "\u{3bc}s" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => return Err(format!("time: unknown unit {} in duration {}", time_quote(u), time_quote(orig))),
        };
        if v > LIMIT / unit {
            return Err(invalid());
        }
        v *= unit;
        if f > 0 {
            v += (f as f64 * (unit as f64 / scale)) as u64;
            if v > LIMIT {
                return Err(invalid());
            }
        }
        d += v;
        if d > LIMIT {
            return Err(invalid());
        }
    }
    if neg {
        return Ok((d as i64).wrapping_neg());
    }
    if d > LIMIT - 1 {
        return Err(invalid());
    }
    Ok(d as i64)
}

/// The time package's quote: `"` and `\` escaped, bytes of non-ASCII and control characters
/// as `\xNN`.
fn time_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        if !c.is_ascii() || (c as u32) < 0x20 {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "\\x{b:02x}");
            }
        } else {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out.push('"');
    out
}

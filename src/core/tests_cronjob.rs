//! batch/v1 CronJob validation (core::cronjob): each test names the upstream function
//! (kubernetes/kubernetes pkg/apis/batch/validation/validation.go unless said) and asserts the
//! server's exact message; accepted neighbours stay accepted with the IgnoredKind note.

use super::cronjob::{parse_duration, parse_standard, Refusal};
use super::tests::{errors, run};

/// A CronJob `name` with `spec` lines (indented under `spec:`) and a valid job template.
fn cron_job(name: &str, spec: &str) -> String {
    format!(
        "apiVersion: batch/v1\nkind: CronJob\nmetadata: {{name: {name}}}\nspec:\n{spec}  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers: [{{name: busybox, image: busybox}}]\n"
    )
}

fn accepted(doc: &str) {
    let r = run(doc);
    assert!(errors(&r).is_empty(), "{doc}\n{:?}", errors(&r));
    assert!(r.diagnostics.iter().any(|d| d.code == "IgnoredKind"), "{doc}");
}

fn refused(doc: &str) -> Vec<String> {
    let r = run(doc);
    assert!(!r.diagnostics.iter().any(|d| d.code == "IgnoredKind"), "{doc}");
    errors(&r)
}

// corpus4 finding 3 (dgkanatsios/CKAD-exercises c.pod_design.md CronJob blocks, with the typos
// learners make): validateCronJobSpec → validateScheduleFormat (cron.ParseStandard; TZ in the
// schedule), schedule Required, ValidateJobTemplateSpec → validateJobSpec (restartPolicy; the
// containers' image). Was "read and ignored" for all four.
#[test]
fn validate_cron_job_spec_corpus4_finding_3() {
    let src = include_str!("../../tests/fixtures/cronjob-ckad-typos.yaml");
    let r = run(src);
    assert_eq!(
        errors(&r),
        vec![
            "spec.schedule: Invalid value: \"*/5 * * *\": expected exactly 5 fields, found 4: [*/5 * * *]",
            "spec.schedule: Required value",
            "spec.schedule: Invalid value: \"TZ=UTC 0 * * * *\": cannot use TZ or CRON_TZ in schedule, use timeZone field instead",
            "spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"",
            "spec.jobTemplate.spec.template.spec.containers[0].image: Required value",
        ]
    );
    let on: Vec<(&str, u32)> = r.diagnostics.iter().map(|d| (d.object.as_deref().unwrap_or(""), d.line)).collect();
    assert_eq!(on, vec![("CronJob/default/a", 12), ("CronJob/default/b", 24), ("CronJob/default/c", 35), ("CronJob/default/d", 52), ("CronJob/default/d", 52)]);
    // the same CronJob written right is accepted, and still not drawn
    let fixed = src.replace("\"*/5 * * *\"", "\"*/5 * * * *\"");
    let fixed = fixed.split("---").next().unwrap_or_default();
    accepted(fixed);
    assert!(run(fixed).services.is_empty());
}

// robfig/cron v3 parser_test.go TestRange / TestStandardSpecSchedule / TestParseScheduleErrors,
// through ParseStandard (minute, hour, dom, month, dow)
#[test]
fn validate_schedule_format_robfig_cron_parser_cases() {
    let err = |s: &str| match parse_standard(s) {
        Err(Refusal::Invalid(m)) => m,
        other => panic!("{s}: {other:?}"),
    };
    for ok in [
        "5 * * * *",
        "@every 5m",
        "@every 1h30m",
        "@every 500ms",
        "@midnight",
        "@yearly",
        "@annually",
        "@monthly",
        "@weekly",
        "@daily",
        "@hourly",
        "CRON_TZ=UTC  5 * * * *",
        "TZ=UTC  @midnight",
        "TZ=Asia/Tokyo @midnight",
        "5-7/2 * * * *",
        "*/2 * * * *",
        "1,5-7/2,3 * * * *",
        "0 0 * JAN-MAR MON-FRI",
        "0 0 * jan sun",
        "? * * * ?",
        "0 9-17 1,15 */3 1-5",
        "59 23 31 12 6",
        "*/61 * * * *",
        "5,,6 * * * *",
    ] {
        assert_eq!(parse_standard(ok), Ok(()), "{ok}");
    }
    assert_eq!(err("5 j * * *"), "failed to parse int from j: strconv.Atoi: parsing \"j\": invalid syntax");
    assert_eq!(err("* * * *"), "expected exactly 5 fields, found 4: [* * * *]");
    assert_eq!(err("0 5 * * * *"), "expected exactly 5 fields, found 6: [0 5 * * * *]");
    assert_eq!(err(" "), "expected exactly 5 fields, found 0: []");
    assert_eq!(err(""), "empty spec string");
    assert_eq!(err("@every Xm"), "failed to parse duration @every Xm: time: invalid duration \"Xm\"");
    assert_eq!(err("@unrecognized"), "unrecognized descriptor: @unrecognized");
    assert_eq!(err("@every"), "unrecognized descriptor: @every");
    assert_eq!(err("@every 5"), "failed to parse duration @every 5: time: missing unit in duration \"5\"");
    // TestRange's errors, in the minute field unless its bounds need another
    assert_eq!(err("5--5 * * * *"), "too many hyphens: 5--5");
    assert_eq!(err("* * * jan-x *"), "failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax");
    assert_eq!(err("2-x * * * *"), "failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax");
    assert_eq!(err("*/-12 * * * *"), "negative number (-12) not allowed: -12");
    assert_eq!(err("*//2 * * * *"), "too many slashes: *//2");
    assert_eq!(err("* * 0 * *"), "beginning of range (0) below minimum (1): 0");
    assert_eq!(err("60 * * * *"), "end of range (60) above maximum (59): 60");
    assert_eq!(err("* 24 * * *"), "end of range (24) above maximum (23): 24");
    assert_eq!(err("* * * * 7"), "end of range (7) above maximum (6): 7");
    assert_eq!(err("* * * 13 *"), "end of range (13) above maximum (12): 13");
    assert_eq!(err("5-3 * * * *"), "beginning of range (5) beyond end of range (3): 5-3");
    assert_eq!(err("*/0 * * * *"), "step of range should be a positive number: */0");
    // "N/step" means "N-max/step"
    assert_eq!(err("5/0 * * * *"), "step of range should be a positive number: 5/0");
    // the first failing field answers, minute first
    assert_eq!(err("61 25 * * *"), "end of range (61) above maximum (59): 61");
    assert_eq!(err("-5 * * * *"), "failed to parse int from : strconv.Atoi: parsing \"\": invalid syntax");
    assert_eq!(
        err("99999999999999999999 * * * *"),
        "failed to parse int from 99999999999999999999: strconv.Atoi: parsing \"99999999999999999999\": value out of range"
    );
    // the location of a TZ= prefix is loaded before the fields are counted (parser.go Parse)
    assert_eq!(err("TZ=../x 5 * * * *"), "provided bad location ../x: time: invalid location name");
    assert_eq!(err("TZ=Not/A Zone * * * * *"), "provided bad location Not/A: unknown time zone Not/A");
    assert_eq!(err("TZ=Europe/Paris Zone * * * * *"), "expected exactly 5 fields, found 6: [Zone * * * * *]");
    assert_eq!(parse_standard("TZ=UTC"), Err(Refusal::Panic("robfig/cron Parse: a TZ= prefix with no space after it, slice bounds out of range")));
}

// time.ParseDuration (Go src/time/format.go), as `@every` reads it
#[test]
fn parse_duration_go_time_cases() {
    for (s, ns) in [("5m", 300_000_000_000), ("1h30m", 5_400_000_000_000), ("1.5h", 5_400_000_000_000), ("-1s", -1_000_000_000), ("0", 0), ("300ms", 300_000_000), ("2µs", 2_000), (".5s", 500_000_000)] {
        assert_eq!(parse_duration(s), Ok(ns), "{s}");
    }
    assert_eq!(parse_duration(""), Err("time: invalid duration \"\"".into()));
    assert_eq!(parse_duration("."), Err("time: invalid duration \".\"".into()));
    assert_eq!(parse_duration("1d"), Err("time: unknown unit \"d\" in duration \"1d\"".into()));
    assert_eq!(parse_duration("3000000h"), Err("time: invalid duration \"3000000h\"".into()));
    assert_eq!(parse_duration("5é"), Err("time: unknown unit \"\\xc3\\xa9\" in duration \"5\\xc3\\xa9\"".into()));
}

// validateCronJobSpec: TZ in the schedule on create; validateTimeZone; validateConcurrencyPolicy
// (after SetDefaults_CronJob); ValidateNonnegativeField on startingDeadlineSeconds and the
// history limits (zero is valid)
#[test]
fn validate_cron_job_spec_fields() {
    accepted(&cron_job("nightly", "  schedule: \"0 3 * * *\"\n  timeZone: Europe/Paris\n  concurrencyPolicy: Forbid\n  startingDeadlineSeconds: 0\n  successfulJobsHistoryLimit: 0\n  failedJobsHistoryLimit: 0\n  suspend: true\n"));
    accepted(&cron_job("utc", "  schedule: \"@hourly\"\n  timeZone: Etc/GMT+5\n  concurrencyPolicy: Replace\n"));
    assert_eq!(
        refused(&cron_job("tz", "  schedule: \"CRON_TZ=Europe/Paris 0 3 * * *\"\n")),
        vec!["spec.schedule: Invalid value: \"CRON_TZ=Europe/Paris 0 3 * * *\": cannot use TZ or CRON_TZ in schedule, use timeZone field instead"]
    );
    // a parse error and the TZ error both
    assert_eq!(
        refused(&cron_job("tz", "  schedule: \"TZ=UTC 0 3 * *\"\n")),
        vec![
            "spec.schedule: Invalid value: \"TZ=UTC 0 3 * *\": expected exactly 5 fields, found 4: [0 3 * *]",
            "spec.schedule: Invalid value: \"TZ=UTC 0 3 * *\": cannot use TZ or CRON_TZ in schedule, use timeZone field instead",
        ]
    );
    assert_eq!(refused(&cron_job("e", "  schedule: \"\"\n")), vec!["spec.schedule: Required value"]);
    assert_eq!(
        refused(&cron_job("z", "  schedule: \"0 3 * * *\"\n  timeZone: \"\"\n")),
        vec!["spec.timeZone: Invalid value: \"\": timeZone must be nil or non-empty string"]
    );
    assert_eq!(
        refused(&cron_job("z", "  schedule: \"0 3 * * *\"\n  timeZone: Local\n")),
        vec!["spec.timeZone: Invalid value: \"Local\": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"]
    );
    assert_eq!(
        refused(&cron_job("z", "  schedule: \"0 3 * * *\"\n  timeZone: local\n")),
        vec![
            "spec.timeZone: Invalid value: \"local\": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones",
            "spec.timeZone: Invalid value: \"local\": unknown time zone local",
        ]
    );
    for tz in ["America/New York", "Europe//Paris", "/UTC", "America/Argentina/ComodRivadaviaX", "-05:00"] {
        assert_eq!(
            refused(&cron_job("z", &format!("  schedule: \"0 3 * * *\"\n  timeZone: \"{tz}\"\n"))),
            vec![format!("spec.timeZone: Invalid value: \"{tz}\": unknown time zone {tz}")],
            "{tz}"
        );
    }
    // time.LoadLocation looks the name up in the tz database (tools/gen_tznames.py): a misspelt
    // zone, a lower-case one, the corpus6 probe's Mars/Base (the zoneinfo files' names are
    // case-sensitive); every IANA name, backward links and the posix/ and right/ copies found
    for tz in ["Europe/Pariss", "europe/paris", "Mars/Base", "America/Buenos_Aires_", "US/Eastern/X"] {
        assert_eq!(
            refused(&cron_job("z", &format!("  schedule: \"0 3 * * *\"\n  timeZone: \"{tz}\"\n"))),
            vec![format!("spec.timeZone: Invalid value: \"{tz}\": unknown time zone {tz}")],
            "{tz}"
        );
    }
    for tz in ["America/Argentina/Buenos_Aires", "US/Eastern", "Asia/Kolkata", "Asia/Calcutta", "Europe/Kyiv", "America/Ciudad_Juarez", "EST5EDT", "Etc/GMT-14", "GMT0", "posix/Europe/Paris", "right/UTC", "UTC", "Zulu"] {
        accepted(&cron_job("z", &format!("  schedule: \"0 3 * * *\"\n  timeZone: \"{tz}\"\n")));
    }
    // validateTimeZone's last step, time.LoadLocation: ".." in the name is errLocation (review10 c54)
    assert_eq!(
        refused(&cron_job("z", "  schedule: \"0 3 * * *\"\n  timeZone: Europe/a..b\n")),
        vec!["spec.timeZone: Invalid value: \"Europe/a..b\": time: invalid location name"]
    );
    assert_eq!(
        refused(&cron_job("c", "  schedule: \"0 3 * * *\"\n  concurrencyPolicy: forbid\n  startingDeadlineSeconds: -10\n  successfulJobsHistoryLimit: -1\n  failedJobsHistoryLimit: -1\n")),
        vec![
            "spec.concurrencyPolicy: Unsupported value: \"forbid\": supported values: \"Allow\", \"Forbid\", \"Replace\"",
            "spec.startingDeadlineSeconds: Invalid value: -10: must be greater than or equal to 0",
            "spec.successfulJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0",
            "spec.failedJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0",
        ]
    );
    // robfig/cron Parse slices `spec[eq+1:i]` with i = -1: the API server panics (500), and
    // WithPanicRecovery's text is all kubectl gets
    let r = run(&cron_job("p", "  schedule: \"TZ=UTC\"\n"));
    let d = r.diagnostics.iter().find(|d| d.code == "InternalError").expect("the panic");
    assert_eq!((d.line, d.field.as_deref()), (5, Some("spec.schedule")));
    assert!(d.message.ends_with("answers 500: \"This request caused apiserver to panic. Look in the logs for details.\""), "{}", d.message);
    assert_eq!(errors(&r).len(), 1, "{:?}", errors(&r));
    // an empty policy is defaulted to Allow (SetDefaults_CronJob)
    accepted(&cron_job("d", "  schedule: \"0 3 * * *\"\n  concurrencyPolicy: \"\"\n"));
}

// ValidateCronJobCreate: ValidateObjectMeta (ValidateReplicationControllerName: a DNS subdomain),
// then the 52-character limit (the controller's Jobs are `<name>-<11 characters>`)
#[test]
fn validate_cron_job_create_name() {
    let name52 = "a".repeat(52);
    accepted(&cron_job(&name52, "  schedule: \"0 3 * * *\"\n"));
    let name53 = "a".repeat(53);
    assert_eq!(
        refused(&cron_job(&name53, "  schedule: \"0 3 * * *\"\n")),
        vec![format!("metadata.name: Invalid value: \"{name53}\": must be no more than 52 characters")]
    );
    let r = refused(&cron_job("Nightly_Backup", "  schedule: \"0 3 * * *\"\n"));
    assert_eq!(r.len(), 1, "{r:?}");
    assert!(r[0].starts_with("metadata.name: Invalid value: \"Nightly_Backup\": a lowercase RFC 1123 subdomain"), "{r:?}");
}

// ValidateJobTemplateSpec: validateJobSpec at spec.jobTemplate.spec (the Job's own fields, the
// pod template, restartPolicy OnFailure or Never), a written selector refused (it will be
// generated), manualSelector not true
#[test]
fn validate_job_template_spec() {
    let doc = |job: &str| format!("apiVersion: batch/v1\nkind: CronJob\nmetadata: {{name: backup}}\nspec:\n  schedule: \"0 3 * * *\"\n  jobTemplate:\n    spec:\n{job}");
    accepted(&doc("      backoffLimit: 2\n      activeDeadlineSeconds: 600\n      template:\n        metadata: {labels: {app: backup}}\n        spec:\n          restartPolicy: Never\n          containers: [{name: c, image: busybox, ports: [{containerPort: 80}]}]\n"));
    assert_eq!(
        refused(&doc("      backoffLimit: -1\n      selector: {matchLabels: {app: backup}}\n      manualSelector: true\n      template:\n        metadata: {labels: {app: backup}}\n        spec:\n          restartPolicy: Always\n          containers: [{name: Backup, image: busybox}]\n")),
        vec![
            "spec.jobTemplate.spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0",
            "spec.jobTemplate.spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"backup\"}}: `selector` will be auto-generated",
            "spec.jobTemplate.spec.manualSelector: Unsupported value: true: supported values: \"nil\", \"false\"",
            "spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"",
            "spec.jobTemplate.spec.template.spec.containers[0].name: Invalid value: \"Backup\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
        ]
    );
    // no job template at all: a pod template with no containers
    let r = refused("apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: x}\nspec:\n  schedule: \"0 3 * * *\"\n");
    assert!(r.iter().any(|m| m.starts_with("spec.jobTemplate.spec.template.spec.containers: Required value")), "{r:?}");
    assert!(r.contains(&"spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"".to_string()), "{r:?}");
}

// the CronJob's fields are decoded strictly (k8s.io/api batch/v1 CronJobSpec, JobTemplateSpec,
// JobSpec): an unknown field is refused, a number for the schedule is the decoder's type error
#[test]
fn cron_job_strict_decoding() {
    let doc = cron_job("x", "  schedule: \"0 3 * * *\"\n").replace("containers:", "container:");
    let r = refused(&doc);
    assert_eq!(r.len(), 1, "{r:?}");
    assert!(r[0].contains("unknown field \"spec.jobTemplate.spec.template.spec.container\""), "{r:?}");
    let r = refused(&cron_job("x", "  schedule: 5\n"));
    assert_eq!(r.len(), 1, "{r:?}");
    assert!(r[0].contains("cannot unmarshal number into Go struct field CronJobSpec.spec.schedule of type string"), "{r:?}");
    // batch/v1beta1 was removed in v1.25: no mapping, as before
    let r = run(&cron_job("x", "  schedule: \"0 3 * * *\"\n").replace("batch/v1", "batch/v1beta1"));
    assert!(r.diagnostics.iter().any(|d| d.code == "NoKindMatch"), "{:?}", r.diagnostics);
}

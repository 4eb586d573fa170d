//! hintfix (qa2 E1, qa1 "Not Kubernetes' words"): a diagnostic's `message` is the API server's /
//! kubectl's text alone; our own words for the learner go in `hint` (JSON field `hint`, left out
//! when there is none), which the CLI text prints on the next line and the page under the
//! message. Inputs: tests/fixtures/hintfix (qa1 q/09, q/21; qa2 q/09, q/24, q/29).

use super::analyze;
use super::config::Config;
use super::diag::{Diagnostic, Severity};
use super::report::Report;

fn fixture(file: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hintfix").join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn run(src: &str) -> Report {
    analyze(src, &Config::default())
}

fn by_code<'a>(r: &'a Report, code: &str) -> Vec<&'a Diagnostic> {
    r.diagnostics.iter().filter(|d| d.code == code).collect()
}

/// (message, hint) of each diagnostic whose field is `field`.
fn at_field<'a>(r: &'a Report, field: &str) -> Vec<(&'a str, Option<&'a str>)> {
    r.diagnostics.iter().filter(|d| d.field.as_deref() == Some(field)).map(|d| (d.message.as_str(), d.hint.as_deref())).collect()
}

/// qa1 q/09 (openshift/origin#10072) and q/21 (kubernetes#9734): `targetPort: "30014"` is a
/// string, and a string IntOrString is a port name (k8s.io/apimachinery pkg/util/intstr
/// intstr.go `UnmarshalJSON`), which pkg/apis/core/validation/validation.go
/// `ValidatePortNumOrName` refuses with `validation.IsValidPortName`'s words. The message stays
/// those words; the hint says to drop the quotes.
#[test]
fn quoted_target_port_intstr_unmarshal_json_validate_port_num_or_name_hint() {
    let r = run(&fixture("qa1-09-quoted-target-port.yaml"));
    assert_eq!(
        at_field(&r, "spec.ports[2].targetPort"),
        vec![("spec.ports[2].targetPort: Invalid value: \"30014\": must contain at least one letter (a-z)", Some("write 30014 without quotes: a quoted number is a port name"))]
    );
    assert_eq!(
        at_field(&r, "spec.ports[3].targetPort"),
        vec![("spec.ports[3].targetPort: Invalid value: \"30015\": must contain at least one letter (a-z)", Some("write 30015 without quotes: a quoted number is a port name"))]
    );
    let r = run(&fixture("qa1-21-quoted-target-port.yaml"));
    assert_eq!(
        at_field(&r, "spec.ports[0].targetPort"),
        vec![("spec.ports[0].targetPort: Invalid value: \"6379\": must contain at least one letter (a-z)", Some("write 6379 without quotes: a quoted number is a port name"))]
    );
    // a name that is not a number: the words alone
    let svc = "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: \"web_port\"}]\n";
    assert!(at_field(&run(svc), "spec.ports[0].targetPort").iter().all(|(_, h)| h.is_none()));
}

/// The same IntOrString port name elsewhere: a NetworkPolicy port (pkg/apis/networking/validation
/// validation.go `ValidateNetworkPolicyPort`: `validation.IsValidPortName`) and a probe's httpGet
/// port (pkg/apis/core/validation validation.go `validateHTTPGetAction` → `ValidatePortNumOrName`).
#[test]
fn quoted_port_number_hint_on_network_policy_port_and_probe_port() {
    let np = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: np}\nspec:\n  podSelector: {}\n  ingress:\n  - ports:\n    - port: \"80\"\n";
    assert_eq!(
        at_field(&run(np), "spec.ingress[0].ports[0].port"),
        vec![("spec.ingress[0].ports[0].port: Invalid value: \"80\": must contain at least one letter (a-z)", Some("write 80 without quotes: a quoted number is a port name"))]
    );
    let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: nginx\n    readinessProbe:\n      httpGet: {port: \"8080\"}\n";
    assert_eq!(
        at_field(&run(pod), "spec.containers[0].readinessProbe.httpGet.port"),
        vec![("spec.containers[0].readinessProbe.httpGet.port: Invalid value: \"8080\": must contain at least one letter (a-z)", Some("write 8080 without quotes: a quoted number is a port name"))]
    );
}

/// qa2 E1's three examples: the messages end where Kubernetes' words end. q/24: ValidateService
/// (pkg/apis/core/validation validation.go, `ValidateServiceName` = `NameIsDNS1035Label`); q/09:
/// sigs.k8s.io/json strict decoding (`unknown field`, apiserver handlers/rest.go
/// `transformDecodeError`); q/29: k8s.io/apimachinery pkg/api/meta/errors.go
/// `NoKindMatchError.Error`.
#[test]
fn qa2_e1_messages_are_kubernetes_words_alone_hints_apart() {
    let r = run(&fixture("qa2-24.yaml"));
    let d = by_code(&r, "FieldValueInvalid").into_iter().find(|d| d.field.as_deref() == Some("metadata.name")).expect("name error");
    assert!(d.message.ends_with("regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"), "{}", d.message);
    assert!(d.hint.as_deref().is_some_and(|h| h.starts_with("a Service's name becomes a DNS label")), "{:?}", d.hint);

    let r = run(&fixture("qa2-09.yaml"));
    let d = by_code(&r, "UnknownField")[0];
    assert_eq!(d.message, "Endpoints in version \"v1\" cannot be handled as a Endpoints: strict decoding error: unknown field \"subsets[0].addresses[0].IP\"");
    assert_eq!(d.hint.as_deref(), Some("did you mean \"ip\"?"));

    let r = run(&fixture("qa2-29.yaml"));
    let d = by_code(&r, "NoKindMatch")[0];
    assert_eq!(d.message, "no matches for kind \"pod\" in version \"v1\"");
    assert_eq!(d.hint.as_deref(), Some("did you mean kind \"Pod\"?"));
}

/// pkg/api/pod/warnings.go `warningsForPodSpecAndMeta` (and GetWarningsForService): the warning
/// is the API server's text; "the API server's warning: the … is created" is ours.
#[test]
fn server_warnings_pod_warnings_go_text_alone_hint_says_whose() {
    let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx\n    ports:\n    - containerPort: 80\n    - containerPort: 80\n";
    let r = run(pod);
    let w = by_code(&r, "ServerWarning");
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].message, "spec.containers[0].ports[1]: duplicate port definition with spec.containers[0].ports[0]");
    assert_eq!(w[0].hint.as_deref(), Some("the API server's warning: the Pod is created"));
    // a CronJob's template: its own words (pkg/registry/batch/cronjob/strategy.go WarningsOnCreate)
    let cj = "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly\nspec:\n  schedule: \"0 1 * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n          - name: main\n            image: busybox:1.36\n            env:\n            - name: A\n              value: one\n            - name: A\n              value: two\n";
    let r = run(cj);
    let w = by_code(&r, "ServerWarning");
    assert_eq!(w[0].message, "spec.jobTemplate.spec.template.spec.containers[0].env[1]: hides previous definition of \"A\", which may be dropped when using apply");
    assert_eq!(w[0].hint.as_deref(), Some("the API server's warning: the CronJob is created"));
}

/// go-yaml v2's words (scannerc.go yaml_parser_fetch_next_token: a tab starts no token), as
/// kubectl prints them; our "indent with spaces, not tabs" apart.
#[test]
fn yaml_syntax_go_yaml_words_alone_hint_apart() {
    let r = run("apiVersion: v1\nkind: Service\nmetadata:\n\tname: web\n");
    let d = by_code(&r, "YAMLSyntax")[0];
    // kubectl's whole line (visitor.go StreamVisitor.Visit, sigs.k8s.io/yaml Unmarshal), without
    // go-yaml's `line N: ` (our line:column says where)
    assert_eq!(d.message, "error parsing STDIN: error converting YAML to JSON: yaml: found character that cannot start any token");
    assert_eq!(d.hint.as_deref(), Some("indent with spaces, not tabs; kubectl stops reading STDIN at this error: this document is not sent; those before it are sent"));
}

/// The report is a contract: `hint` is a new field, left out when there is none; the CLI text
/// prints it on the line after the message; the page's wire format carries it.
#[test]
fn hint_json_field_omitted_when_none_cli_text_next_line_wire_round_trip() {
    let r = run(&fixture("qa1-21-quoted-target-port.yaml"));
    let json = serde_json::to_value(&r).expect("json");
    let diags = json["diagnostics"].as_array().expect("diagnostics");
    let with: Vec<&serde_json::Value> = diags.iter().filter(|d| d.get("hint").is_some()).collect();
    assert_eq!(with.len(), 1, "{diags:?}");
    assert_eq!(with[0]["hint"], "write 6379 without quotes: a quoted number is a port name");
    assert!(diags.iter().filter(|d| d.get("hint").is_none()).all(|d| d.get("message").is_some()));
    let text = r.to_text();
    assert!(
        text.contains("Invalid value: \"6379\": must contain at least one letter (a-z)\n      hint: write 6379 without quotes: a quoted number is a port name\n"),
        "{text}"
    );
    let back = super::wire::decode(&super::wire::encode(&r)).expect("decodes");
    assert_eq!(back.diagnostics, r.diagnostics);
}

/// The Why checklist's rename fix reads the suggestion from the hint; since learnfix15 its text
/// ends with the error and the hint is the check's own `hint` (a muted line on the page).
#[test]
fn why_checklist_reads_the_hint_rename_fix_and_text() {
    let src = "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selectr: {app: web}\n  ports: [{port: 80}]\n";
    let r = run(src);
    let checks = super::checklist::checklist(src, &r, "web", "pod");
    let accepted = checks.iter().find(|c| c.key == "accepted").expect("accepted");
    assert_eq!(accepted.status, "fail");
    assert!(accepted.why.ends_with("unknown field \"spec.selectr\""), "{}", accepted.why);
    assert_eq!(accepted.hint.as_deref(), Some("did you mean \"selector\"?"));
    let fix = accepted.fix.as_ref().expect("rename fix");
    assert_eq!((fix.edit.old.as_str(), fix.edit.new.as_str()), ("selectr", "selector"));
}

/// No error or warning message of the fixtures' inputs carries one of our hints inside it.
#[test]
fn no_message_carries_our_hint_inside() {
    let ours = [
        "(did you mean",
        "(the API server's warning",
        "without quotes)",
        "(YAML reads unquoted",
        "(this picture's Service range",
        "(a Service's name becomes",
        "(check the indentation)",
        "(indent with spaces",
        "(kubectl apply finds",
        "is a list: start each",
        "(a Secret's data values",
    ];
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files = Vec::new();
    for sub in ["hintfix", "learner10", "learner11", "corpus7", "real"] {
        if let Ok(rd) = std::fs::read_dir(dir.join(sub)) {
            files.extend(rd.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "yaml")));
        }
    }
    assert!(files.len() > 20, "{files:?}");
    let mut hinted = 0;
    for f in files {
        let r = run(&std::fs::read_to_string(&f).unwrap_or_default());
        for d in r.diagnostics.iter().filter(|d| d.severity != Severity::Info) {
            assert!(!ours.iter().any(|o| d.message.contains(o)), "{}: {}", f.display(), d.message);
            hinted += usize::from(d.hint.is_some());
        }
    }
    assert!(hinted >= 5, "{hinted}");
}

/// The Why selector check quotes a refused workload's first error with our hint after it, as it
/// read before the hint left the message: a Deployment refused by strict decoding
/// (sigs.k8s.io/json unknown field; apiserver handlers/rest.go transformDecodeError) whose pods
/// the Service would select.
#[test]
fn why_selector_check_quotes_a_refused_workloads_error_with_its_hint() {
    let src = "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n        imagePullPolicyy: Always\n";
    let r = run(src);
    let checks = super::checklist::checklist(src, &r, "web", "pod");
    let selector = checks.iter().find(|c| c.key == "selector").expect("selector check");
    assert!(
        selector.why.contains("unknown field \"spec.template.spec.containers[0].imagePullPolicyy\". Its selector picks"),
        "{}",
        selector.why
    );
    // (the hint apart since learnfix15: the check's own `hint`)
    assert_eq!(selector.hint.as_deref(), Some("did you mean \"imagePullPolicy\"?"));
}

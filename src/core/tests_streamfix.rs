//! streamfix (qa2 B1/B2): kubectl reads a file as one stream of documents and stops at the first
//! one it cannot decode (k8s.io/cli-runtime pkg/resource/visitor.go `StreamVisitor.Visit`:
//! `error parsing <source>: …`, no later document visited); a `---` line followed by more than
//! spaces or a comment is refused (apimachinery pkg/util/yaml/decoder.go `YAMLReader.Read`:
//! `invalid Yaml document separator: <rest>`), losing the document above it. The documents
//! before the error are applied (resource/result.go `Result.Infos` returns them with the error;
//! kubectl/pkg/cmd/apply/apply.go `Run` applies every info, then reports the error).

use super::config::Config;
use super::diag::ErrorType;
use super::incremental::Incremental;
use super::report::Report;
use super::{analyze, analyze_files_staged, Source};

/// Each syntax error as `message (hint)`: kubectl's words, then ours (what is not sent; apart in
/// the diagnostic, qa2 E1: tests_hintfix).
fn syntax(r: &Report) -> Vec<(u32, u32, String)> {
    r.diagnostics.iter().filter(|d| d.kind == ErrorType::Syntax).map(|d| (d.line, d.column, d.message_and_hint())).collect()
}

fn services(r: &Report) -> Vec<String> {
    r.services.iter().map(|s| format!("{}/{}", s.namespace, s.name)).collect()
}

/// qa2 q/28 (brotandgames/ciao#83): document 3 (the Deployment) is mis-indented; document 4, the
/// Service, is never sent — before, it was analysed as created (nodePort, "selector matches 0 pods").
const Q28: &str = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: monitoring\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: ciao\n  namespace: monitoring\ndata:\n  A: YWRtaW4=\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ciao\n  namespace: monitoring\nspec:\n  replicas: 1\n  template:\n    metadata:\n  selector:\n      labels:\n        app: ciao\n    spec:\n      containers:\n      - image: brotandgames/ciao:latest\n        name: ciao\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: ciao\n  namespace: monitoring\nspec:\n  ports:\n    - port: 80\n      targetPort: 3000\n  type: NodePort\n  selector:\n    app: ciao\n";

#[test]
fn stream_visitor_visit_a_yaml_error_stops_the_stream_q28() {
    let r = analyze(Q28, &Config::default());
    let s = syntax(&r);
    assert_eq!(s.len(), 1, "{s:?}");
    let (line, column, msg) = &s[0];
    assert_eq!((*line, *column), (26, 5), "{msg}");
    assert!(msg.starts_with("error parsing STDIN: error converting YAML to JSON: yaml: "), "{msg}");
    assert!(msg.contains("kubectl stops reading STDIN at this error: this document and the 1 document after it are not sent"), "{msg}");
    assert!(services(&r).is_empty(), "the Service after the error is not created: {:?}", services(&r));
    // the Namespace and the Secret before it are read (2 objects: the Secret is read and ignored)
    assert!(r.objects >= 1, "{}", r.objects);
    assert!(r.diagnostics.iter().any(|d| d.code == "IgnoredKind" && d.line == 6), "the Secret before the error is still read");
}

/// A second error after the first is never read, so never reported (one diagnostic).
#[test]
fn stream_visitor_visit_reports_the_first_error_alone() {
    let src = "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  ports:\n  - port: 80\n---\na: [1, 2\n---\nb: {\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: c\nspec:\n  ports:\n  - port: 80\n";
    let r = analyze(src, &Config::default());
    let s = syntax(&r);
    assert_eq!(s.len(), 1, "{s:?}");
    assert!(s[0].2.contains("this document and the 2 documents after it are not sent"), "{}", s[0].2);
    assert_eq!(services(&r), ["default/a"]);
}

/// qa2 q/47 (a Helm trim bug: `---apiVersion: v1`): YAMLReader.Read refuses the line while it
/// reads Service a, whose buffer is dropped: nothing is created, not even a.
#[test]
fn yaml_reader_read_invalid_separator_loses_the_document_above_q47() {
    let src = "# helm trim\napiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  ports:\n  - port: 80\n---apiVersion: v1\nkind: Service\nmetadata:\n  name: b\nspec:\n  ports:\n  - port: 80\n";
    let r = analyze(src, &Config::default());
    let s = syntax(&r);
    assert_eq!(s.len(), 1, "{:?}", r.diagnostics);
    let (line, column, msg) = &s[0];
    assert_eq!((*line, *column), (9, 4));
    assert!(msg.starts_with("error parsing STDIN: invalid Yaml document separator: apiVersion: v1 ("), "{msg}");
    assert!(msg.contains("the document above this line and the 1 document after it are not sent"), "{msg}");
    assert!(services(&r).is_empty(), "{:?}", services(&r));
    assert_eq!(r.diagnostics.len(), 1, "no strict-decoding or repeated-key noise from b: {:?}", r.diagnostics);
}

/// qa2 q/30 (kubernetes/kubernetes#30961): `----` on line 1 is `invalid Yaml document separator: -`.
#[test]
fn yaml_reader_read_invalid_separator_on_the_first_line_q30() {
    let src = "----\nkind: NetworkPolicy\napiVersion: networking.k8s.io/v1\nmetadata:\n  name: default-deny\n  namespace: default\nspec:\n  podSelector:\n    matchLabels: {}\n";
    let r = analyze(src, &Config::default());
    let s = syntax(&r);
    assert_eq!(s.len(), 1, "{s:?}");
    assert_eq!((s[0].0, s[0].1), (1, 4));
    assert!(s[0].2.starts_with("error parsing STDIN: invalid Yaml document separator: - (kubectl stops reading STDIN at this error: the 1 document after it is not sent; those before it are sent"), "{}", s[0].2);
    assert_eq!(r.objects, 0);
}

/// YAMLReader.Read: only spaces or a `#` comment may follow `---` (`---# x` too: the rest is
/// trimmed, then its first byte checked); `--- x` is refused like `---x`.
#[test]
fn yaml_reader_read_separator_rest_is_spaces_or_a_comment() {
    let svc = |n: &str| format!("apiVersion: v1\nkind: Service\nmetadata:\n  name: {n}\nspec:\n  ports:\n  - port: 80\n");
    for sep in ["---", "--- ", "---\t", "---   # Source: x", "---# x", "--- \r"] {
        let r = analyze(&format!("{}{sep}\n{}", svc("a"), svc("b")), &Config::default());
        assert!(syntax(&r).is_empty(), "{sep:?}: {:?}", syntax(&r));
        assert_eq!(services(&r), ["default/a", "default/b"], "{sep:?}");
    }
    for (sep, rest) in [("--- x", "x"), ("---x", "x"), ("----", "-"), ("--- |", "|"), ("---  {a: 1} ", "{a: 1}")] {
        let r = analyze(&format!("{}{sep}\n{}", svc("a"), svc("b")), &Config::default());
        let s = syntax(&r);
        assert!(s.len() == 1 && s[0].2.contains(&format!("invalid Yaml document separator: {rest} (")), "{sep:?}: {s:?}");
        assert!(services(&r).is_empty(), "{sep:?}");
    }
    // a JSON stream (first byte `{`) is read by encoding/json: no separator is looked for
    let r = analyze("{\"apiVersion\": \"v1\", \"kind\": \"Service\", \"metadata\": {\"name\": \"j\"}, \"spec\": {\"ports\": [{\"port\": 80}]}}\n", &Config::default());
    assert_eq!(services(&r), ["default/j"]);
}

/// The page's incremental analysis (ui::worker) gives the same report as the whole one while a
/// document is broken, and again once it is mended (the Service comes back).
#[test]
fn incremental_follows_the_stream_stop() {
    let good = Q28.replace("    metadata:\n  selector:\n      labels:", "    metadata:\n      labels:");
    let cfg = Config::default();
    let mut inc = Incremental::new();
    inc.set(good.clone());
    assert_eq!(inc.analyze(&cfg), analyze(&good, &cfg));
    assert_eq!(services(&inc.analyze(&cfg)), ["monitoring/ciao"]);
    // break it (the keystroke that makes the mis-indented line)
    let at = good.find("      labels:\n        app: ciao\n    spec").unwrap();
    assert!(inc.splice(at, at, "  selector:\n"));
    assert_eq!(inc.text(), Q28);
    let broken = inc.analyze(&cfg);
    assert_eq!(broken, analyze(Q28, &cfg));
    assert!(services(&broken).is_empty());
    // mend it
    assert!(inc.splice(at, at + "  selector:\n".len(), ""));
    assert_eq!(inc.analyze(&cfg), analyze(&good, &cfg));
    // a bad separator made and unmade by a keystroke
    let end = good.find("---\napiVersion: v1\nkind: Service").unwrap() + 3;
    assert!(inc.splice(end, end, "x"));
    let r = inc.analyze(&cfg);
    assert_eq!(r, analyze(inc.text(), &cfg));
    assert!(syntax(&r)[0].2.contains("invalid Yaml document separator: xapiVersion: v1") || syntax(&r)[0].2.contains("invalid Yaml document separator: x"), "{:?}", syntax(&r));
    assert!(inc.splice(end, end + 1, ""));
    assert_eq!(services(&inc.analyze(&cfg)), ["monitoring/ciao"]);
}

/// Several files (`kubectl apply -f a.yaml -f b.yaml`): each is a stream of its own
/// (cli-runtime builder.go `visitByPaths`: an `EagerVisitorList` of `FileVisitor`s under
/// ContinueOnError), so an error in the first stops that file alone and names it.
#[test]
fn eager_visitor_list_an_error_stops_its_own_file_alone() {
    let a = "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  ports:\n  - port: 80\n---\nb: [1\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: a2\nspec:\n  ports:\n  - port: 80\n";
    let b = "apiVersion: v1\nkind: Service\nmetadata:\n  name: b\nspec:\n  ports:\n  - port: 80\n";
    let text = format!("{a}---\n{b}");
    let sources = [Source { bytes: 0..a.len(), name: "a.yaml".into() }, Source { bytes: a.len() + 4..text.len(), name: "b.yaml".into() }];
    let r = analyze_files_staged(text.clone(), &sources, &Config::default(), &mut |_| {});
    let s = syntax(&r);
    assert_eq!(s.len(), 1, "{s:?}");
    assert!(s[0].2.starts_with("error parsing a.yaml: ") && s[0].2.contains("this document and the 1 document after it are not sent"), "{}", s[0].2);
    assert_eq!(s[0].0, 9, "the line in the whole text");
    assert_eq!(services(&r), ["default/a", "default/b"]);
    // one text (the page, `kubectl apply -f -`): the error stops b too
    assert_eq!(services(&analyze(&text, &Config::default())), ["default/a"]);
}

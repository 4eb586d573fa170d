//! corpfix11: what the corpus11 sweep of uncurated real manifests found (tests/fixtures/corpus11;
//! the sources are in each fixture's header).

use super::analyze;
use super::config::Config;
use super::diag::Severity;

fn notes<'a>(r: &'a super::report::Report, code: &str) -> Vec<(Severity, &'a str, u32, u32)> {
    r.diagnostics.iter().filter(|d| d.code == code).map(|d| (d.severity, d.message.as_str(), d.line, d.column)).collect()
}

/// An Ingress pasted without any Service of its namespace (kubernetes.io's minimal-ingress; ECK's
/// recipes, whose `<name>-es-http` Services the operator makes) is a partial input, not a wrong
/// Service name: an info, as gateway.rs already says of an HTTPRoute's backendRef (99c7878). The
/// 503 is ingress-nginx's only if the cluster has no such Service either
/// (internal/ingress/controller/controller.go createUpstreams: "Error obtaining Service").
#[test]
fn ingress_pasted_alone_backend_service_not_in_input_is_info_create_upstreams() {
    let src = include_str!("../../tests/fixtures/corpus11/minimal-ingress.yaml");
    let r = analyze(src, &Config::default());
    assert!(r.diagnostics.iter().all(|d| d.severity != Severity::Error && d.severity != Severity::Warning), "{:#?}", r.diagnostics);
    let n = notes(&r, "IngressBackend");
    assert_eq!(n.len(), 1, "{n:?}");
    assert_eq!(
        n[0],
        (
            Severity::Info,
            "route */testpath → service test port 80: Service \"test\" is not in this input (nor any Service of namespace default: paste it too to follow this route); if the cluster has none either, ingress-nginx has no upstream and answers 503 (Traefik and Contour leave such a path out instead: the request matches another path of the Ingress or gets 404)",
            16,
            11
        )
    );
    // a Service of the namespace in the input, under another name: a wrong name, still the warning
    let other = format!("{src}---\napiVersion: v1\nkind: Service\nmetadata: {{name: web}}\nspec:\n  selector: {{app: web}}\n  ports: [{{port: 80}}]\n");
    let r = analyze(&other, &Config::default());
    let n = notes(&r, "IngressBackend");
    assert!(n.len() == 1 && n[0].0 == Severity::Warning && n[0].1.contains("Service \"test\" does not exist in namespace default"), "{n:?}");
    // a Service of that name in another namespace only: qa9 08 (terraform-provider-kubernetes
    // #1198) — that Service is the one meant, and the Ingress cannot reach it (networking/v1
    // IngressServiceBackend.Name "must exist in the same namespace as the Ingress object"): the
    // warning names it (was an info saying "not in this input")
    let elsewhere = other.replace("metadata: {name: web}", "metadata: {name: test, namespace: shop}");
    let r = analyze(&elsewhere, &Config::default());
    let n = notes(&r, "IngressBackend");
    assert!(n.len() == 1 && n[0].0 == Severity::Warning && n[0].1.contains("the input's Service test is in namespace shop"), "{n:?}");
    // a Service of another name in another namespace only: still a partial input, the info
    let unrelated = other.replace("metadata: {name: web}", "metadata: {name: web, namespace: shop}");
    let r = analyze(&unrelated, &Config::default());
    let n = notes(&r, "IngressBackend");
    assert!(n.len() == 1 && n[0].0 == Severity::Info, "{n:?}");
}

fn errors(src: &str) -> Vec<(String, u32, u32)> {
    analyze(src, &Config::default()).diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| (d.message.clone(), d.line, d.column)).collect()
}

/// kubectl decodes each document's own metadata before it sends anything (cli-runtime
/// pkg/resource/builder.go `metadataValidatingDecoder.Decode`: json.Unmarshal into
/// `metadataOnlyObject`), refusing it with mapper.go `infoForData`'s `unable to decode %q: %v`
/// (the source: STDIN for the page's text) and going on with the next document
/// (ContinueOnError). A label value written as a YAML number (kubernetes#85143) is kubectl's
/// refusal, in kubectl's words (checked against kubectl v1.32: `kubectl annotate --local -f -`);
/// the same mistake in a selector or a pod template's labels (kubernetes#22506) is sent, and the
/// API server's words stay.
#[test]
fn metadata_validating_decoder_refuses_a_documents_own_metadata_before_sending() {
    let src = include_str!("../../tests/fixtures/corpus11/label-numbers-k8s-85143-22506.yaml");
    let r = analyze(src, &Config::default());
    let e: Vec<_> = r.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| (d.message.as_str(), d.line, d.column, d.object.as_deref())).collect();
    assert_eq!(
        e,
        vec![
            (
                "unable to decode \"STDIN\": json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string",
                15,
                14,
                Some("Pod/default/test-pod")
            ),
            (
                "ReplicationController in version \"v1\" cannot be handled as a ReplicationController: json: cannot unmarshal number into Go struct field ReplicationControllerSpec.spec.selector of type string",
                34,
                14,
                Some("ReplicationController/kube-system/elasticsearch-logging-1")
            ),
        ],
        "{e:#?}"
    );
    // our hint beside kubectl's words
    assert!(r.diagnostics.iter().any(|d| d.hint.as_deref().is_some_and(|h| h.contains("YAML reads unquoted 5 as a number; quote it: \"5\""))), "{:#?}", r.diagnostics);
    assert!(r.pods.is_empty());
}

/// The other shapes kubectl's metadataOnlyObject decode refuses, each as kubectl v1.32 words it:
/// metadata that is no mapping (a name line with a non-breaking space: `name:\u{a0}web` is one
/// plain scalar, so `metadata` is a string), labels as a list, a number for the name, an
/// annotation's number; a custom resource too (kubectl decodes it before any mapping: it was read
/// and ignored, a missed refusal); a List's own metadata, not its items' (decodeToList does not
/// decode them: the API server answers for an item).
#[test]
fn metadata_validating_decoder_words_for_each_shape() {
    let svc = |meta: &str| format!("apiVersion: v1\nkind: Service\nmetadata:\n{meta}spec:\n  ports:\n  - port: 80\n");
    assert_eq!(
        errors(&svc("  name:\u{a0}web\n")),
        vec![("unable to decode \"STDIN\": json: cannot unmarshal string into Go struct field metadataOnlyObject.metadata of type v1.ObjectMeta".to_string(), 4, 3)]
    );
    assert_eq!(
        errors(&svc("  name: web\n  labels:\n    - app: web\n")),
        vec![("unable to decode \"STDIN\": json: cannot unmarshal array into Go struct field ObjectMeta.metadata.labels of type map[string]string".to_string(), 6, 5)]
    );
    assert_eq!(
        errors("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 123\ndata: {a: b}\n"),
        vec![("unable to decode \"STDIN\": json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string".to_string(), 4, 9)]
    );
    let cr = "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  annotations:\n    replicas: 3\n";
    assert_eq!(
        errors(cr),
        vec![("unable to decode \"STDIN\": json: cannot unmarshal number into Go struct field ObjectMeta.metadata.annotations of type string".to_string(), 6, 15)]
    );
    let r = analyze(cr, &Config::default());
    assert!(!r.diagnostics.iter().any(|d| d.code == "IgnoredKind"), "{:#?}", r.diagnostics);
    let list = |meta: &str| format!("apiVersion: v1\nkind: List\nmetadata:{meta}\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {{name: x, labels: {{b: 2}}}}\n");
    assert_eq!(
        errors(&list("\n  labels: {a: 1}")),
        vec![("unable to decode \"STDIN\": json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string".to_string(), 4, 15)]
    );
    assert_eq!(
        errors(&list(" {}")),
        vec![("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string".to_string(), 7, 35)]
    );
    // a pod template's metadata is not the document's: the API server's words
    let e = errors("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata:\n      labels: {app: web}\n      annotations: {prometheus.io/port: 9090}\n    spec:\n      containers: [{name: c, image: nginx}]\n");
    assert_eq!(e.len(), 1);
    assert!(e[0].0.starts_with("Deployment in version \"v1\" cannot be handled as a Deployment: json: cannot unmarshal number into Go struct field ObjectMeta.spec.template.metadata.annotations of type string"), "{e:?}");
}

/// A bare `n` (or y, yes, no, on, off) is a YAML 1.1 boolean (go-yaml v2 resolve.go
/// resolveMapList): `metadata: {name: n}` is refused by kubectl's metadataOnlyObject decode
/// (kubectl v1.32: `unable to decode "…": json: cannot unmarshal bool into Go struct field
/// ObjectMeta.metadata.name of type string`) whatever the kind — an aggregated API's NodeMetrics
/// too (review12's fixture had it; it now names its node node-1).
#[test]
fn metadata_validating_decoder_yaml_1_1_boolean_name() {
    let src = "apiVersion: metrics.k8s.io/v1beta1\nkind: NodeMetrics\nmetadata: {name: n}\ntimestamp: \"2024-01-01T00:00:00Z\"\nwindow: 10s\nusage: {cpu: 1m, memory: 1Mi}\n";
    assert_eq!(
        errors(src),
        vec![("unable to decode \"STDIN\": json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.name of type string".to_string(), 3, 18)]
    );
}

/// go-yaml v2 parserc.go yaml_parser_parse_document_start: a text's first document is implicit,
/// and a `...` (document end marker) before any content is not skipped there as the "extra
/// document end indicators" after a document are: yaml_parser_parse_node fails, "did not find
/// expected node content", at the marker (kubectl v1.32: `yaml: line 4: did not find expected node
/// content` for this file, go-yaml's 0-based line; the stream stops). Was accepted.
#[test]
fn parse_document_start_implicit_document_end_marker_first_is_an_error() {
    let src = include_str!("../../tests/fixtures/corpus11/eso-ibm-snippet-elided.yaml");
    assert_eq!(errors(src), vec![("error parsing STDIN: error converting YAML to JSON: yaml: did not find expected node content".to_string(), 5, 1)]);
    // after a `---` line too (YAMLReader.Read does not give go-yaml the separator line): the
    // document before is sent, the stream stops there
    let cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n";
    let r = analyze(&format!("{cm}---\n# c\n...\n{}", cm.replace("name: a", "name: b")), &Config::default());
    let e: Vec<_> = r.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| (d.message.as_str(), d.line, d.column)).collect();
    assert_eq!(e, vec![("error parsing STDIN: error converting YAML to JSON: yaml: did not find expected node content", 7, 1)]);
    assert_eq!(r.diagnostics.iter().filter(|d| d.code == "IgnoredKind").count(), 1, "ConfigMap a is sent: {:#?}", r.diagnostics);
    // an indented `...` is a plain scalar, a `...x` too: no marker
    assert!(errors(&format!("{cm}data:\n  x: ...\n")).is_empty());
}

/// go-yaml v2's Unmarshal reads a text's first document alone (decode.go `unmarshal`: one
/// `p.parse()`): after the root, a `...` at column 0 ends it and what follows is never parsed,
/// right or wrong. A dump quoted with `...` elisions is the Pod's metadata alone, which the API
/// server refuses for its missing containers (kubectl v1.32 sends apiVersion, kind and metadata
/// only); it was our own "more than one document without a `---` line" at the `spec:` line.
#[test]
fn unmarshal_first_document_only_text_after_a_document_end_marker_is_dropped() {
    let src = include_str!("../../tests/fixtures/corpus11/pod-dump-elided.yaml");
    assert_eq!(errors(src), vec![("spec.containers: Required value".to_string(), 5, 1)]);
    // and broken YAML after the marker is not read either
    let cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n... # end\nfoo: [\n";
    let r = analyze(cm, &Config::default());
    assert!(r.diagnostics.iter().all(|d| d.severity != Severity::Error), "{:#?}", r.diagnostics);
}

/// A document that is no mapping — a shell line pasted between `---` lines with the manifests
/// (`kubectl apply -f - <<EOF`, `EOF`), a list, a number — fails UnstructuredJSONScheme's first
/// unmarshal into its `detector` struct (apimachinery pkg/apis/meta/v1/unstructured/helpers.go
/// `decode`), and kubectl says so and goes on: `unable to decode "STDIN": json: cannot unmarshal
/// string into Go value of type unstructured.detector` (kubectl v1.32); our own sentence was the
/// message, it is now the hint.
#[test]
fn unstructured_json_scheme_detector_refuses_a_document_that_is_no_mapping() {
    let src = "---\nkubectl apply -f - <<EOF\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\nEOF\n";
    let r = analyze(src, &Config::default());
    let e: Vec<_> = r.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| (d.code.as_str(), d.message.as_str(), d.line, d.hint.as_deref())).collect();
    let words = "unable to decode \"STDIN\": json: cannot unmarshal string into Go value of type unstructured.detector";
    let ours = Some("a Kubernetes object must be a YAML mapping, found a string");
    assert_eq!(e, vec![("NotAnObject", words, 2, ours), ("NotAnObject", words, 8, ours)]);
    assert_eq!(r.diagnostics.iter().filter(|d| d.code == "IgnoredKind").count(), 1, "the ConfigMap is sent");
    assert_eq!(errors("- a\n- b\n")[0].0, "unable to decode \"STDIN\": json: cannot unmarshal array into Go value of type unstructured.detector");
    assert_eq!(errors("42\n")[0].0, "unable to decode \"STDIN\": json: cannot unmarshal number into Go value of type unstructured.detector");
    assert_eq!(errors("true\n")[0].0, "unable to decode \"STDIN\": json: cannot unmarshal bool into Go value of type unstructured.detector");
}

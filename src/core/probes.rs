//! A probe on a port its container does not declare (learner10 M1, q/25): the API server takes
//! it (pkg/apis/core/validation/validation.go validateHTTPGetAction / validateTCPSocketAction:
//! ValidatePortNumOrName checks the number's range or the name's form, never the container's
//! ports), and the kubelet probes the number as is (pkg/probe/util.go ResolveContainerPort: an
//! int is used unchanged; pkg/kubelet/prober/prober.go runProbe). containerPort is
//! informational, so the app may listen there anyway: an info, not a warning. If nothing
//! listens, every probe fails: a readiness probe keeps the pod out of the endpoints, a liveness
//! or startup probe restarts the container. (A port *name* no containerPort declares is the
//! kubelet's "port %q not found" every time: cluster.rs makes that pod not Ready.)

use super::diag::{Diagnostic, ErrorType, Severity};
use super::model::Object;
use super::yaml::{int, items, node_at};

/// One info per container (the first probe that names an undeclared number), for each Pod and
/// workload template the API server takes: one per template, not per replica.
pub fn notes(objects: &[Object], diags: &mut Vec<Diagnostic>) {
    for o in objects.iter().filter(|o| !o.refused) {
        let Some(prefix) = o.pod_spec_path() else { continue };
        let Some(spec) = node_at(&o.source, prefix) else { continue };
        for (list, restart_sidecars_only) in [("containers", false), ("initContainers", true)] {
            for (i, c) in items(spec.get(list)).iter().enumerate() {
                if restart_sidecars_only && c.get("restartPolicy").and_then(|p| p.as_str()) != Some("Always") {
                    continue;
                }
                let declared: Vec<i64> = items(c.get("ports")).iter().filter_map(|p| int(p.get("containerPort"))).collect();
                // a readiness or startup probe on a port *name* no port of the container has
                // (learnfix15): the kubelet cannot resolve it (pkg/probe/util.go
                // ResolveContainerPort → findPortByName: `port %q not found`), the probe errors,
                // and pkg/kubelet/prober/prober.go probe takes an error as results.Failure — every
                // time, so the pod is never Ready (cluster.rs says so on the pod). A warning at the
                // line, which Why's Ready check names.
                let names: Vec<&str> = items(c.get("ports")).iter().filter_map(|p| p.get("name")?.as_str()).collect();
                // the startupProbe first (fidfix23): with both on such names, the startup probe
                // errors and the readiness probe never runs (pkg/kubelet/prober/worker.go doProbe
                // "Disable other probes until container has started"), so it is the cause
                let unresolved = |k: &'static str| {
                    let probe = c.get(k).filter(|p| !p.is_null())?;
                    ["httpGet", "tcpSocket"].iter().find_map(|h| {
                        let port = probe.get(h)?.get("port")?.as_str()?;
                        (!names.contains(&port) && port.parse::<u16>().is_err()).then_some((k, *h, port))
                    })
                };
                let named = unresolved("startupProbe").or_else(|| unresolved("readinessProbe"));
                // the readinessProbe's own unresolved name, said after the startup cause
                let readiness_too = named.filter(|n| n.0 == "startupProbe").and_then(|_| unresolved("readinessProbe"));
                // a livenessProbe on such a name (fidfix20: qa3's q/33, jacksontj/promxy#372;
                // corrected by fidfix21): every liveness probe errors too, but
                // pkg/kubelet/prober/worker.go doProbe throws an errored result away ("Prober
                // error, throw away the result"), so the result stays at newWorker's initial
                // Success and computePodActions never kills the container: the check is dead.
                // Said with the readiness warning, or alone
                let live = c.get("livenessProbe").filter(|p| !p.is_null()).and_then(|probe| {
                    ["httpGet", "tcpSocket"].iter().find_map(|h| {
                        let port = probe.get(h)?.get("port")?.as_str()?;
                        (!names.contains(&port) && port.parse::<u16>().is_err()).then_some(("livenessProbe", *h, port))
                    })
                });
                let cname = c.get("name").and_then(|n| n.as_str()).unwrap_or_default();
                // (made only for a message: issue #12)
                let never = || format!("the kubelet throws an errored probe result away, so the liveness check never fails and never restarts container {cname}, even if the app hangs (RESTARTS stays 0)");
                if let (None, Some((k, h, port))) = (named, live) {
                    let field = format!("{prefix}.{list}[{i}].{k}.{h}.port");
                    let has = if names.is_empty() { "it names no port".to_string() } else { format!("its ports are named {}", names.join(", ")) };
                    let message = format!("{field}: port \"{port}\" not found: container {cname} has no port named {port} ({has}), so the kubelet cannot resolve the probe's port and every livenessProbe errors (Liveness probe errored and resulted in unknown state); {}", never());
                    let pos = o.pos(&field);
                    diags.push(Diagnostic::note(Severity::Warning, ErrorType::Resolution, "ProbePortNotFound", message, pos).on(&o.id()).at_field(&field));
                }
                if let Some((k, h, port)) = named {
                    let field = format!("{prefix}.{list}[{i}].{k}.{h}.port");
                    let name = cname;
                    let has = if names.is_empty() { "it names no port".to_string() } else { format!("its ports are named {}", names.join(", ")) };
                    let readiness = match readiness_too {
                        Some((_, _, rp)) => format!("; the readinessProbe uses port \"{rp}\", not found either, but it never runs: the kubelet runs no readiness probe before the startup probe has succeeded"),
                        None => String::new(),
                    };
                    // (an errored startupProbe: its words say the liveness probe never runs)
                    let also = match live.filter(|_| k != "startupProbe") {
                        Some((_, _, lp)) => format!("; the livenessProbe uses port \"{lp}\" too and errors as well, but {}", never()),
                        None => String::new(),
                    };
                    let message = format!("{field}: port \"{port}\" not found: container {name} has no port named {port} ({has}), so the kubelet cannot resolve the probe's port, every {k} errors and the pod never becomes Ready (no endpoint: the Service sends it nothing){}{}{also}", super::cluster::startup_never_started(k), readiness);
                    let pos = o.pos(&field);
                    diags.push(Diagnostic::note(Severity::Warning, ErrorType::Resolution, "ProbePortNotFound", message, pos).on(&o.id()).at_field(&field));
                }
                // no containerPort at all: nothing to compare with
                if declared.is_empty() {
                    continue;
                }
                let found = ["readinessProbe", "livenessProbe", "startupProbe"].iter().find_map(|k| {
                    let probe = c.get(k).filter(|p| !p.is_null())?;
                    ["httpGet", "tcpSocket", "grpc"].iter().find_map(|h| {
                        let port = int(probe.get(h)?.get("port"))?;
                        (!declared.contains(&port) && (1..=65535).contains(&port)).then_some((*k, *h, port))
                    })
                });
                let Some((k, h, port)) = found else { continue };
                let field = format!("{prefix}.{list}[{i}].{k}.{h}.port");
                let name = c.get("name").and_then(|n| n.as_str()).unwrap_or_default();
                let ports: Vec<String> = declared.iter().map(i64::to_string).collect();
                let then = if k == "readinessProbe" {
                    "the probe fails and the pod never becomes Ready (no endpoint: the Service sends it nothing)"
                } else if k == "livenessProbe" {
                    "the probe fails and the kubelet restarts the container again and again"
                } else {
                    "the startup probe fails, the kubelet restarts the container, and the pod never becomes Ready"
                };
                let message = format!(
                    "{field}: probe port {port} is not a declared containerPort of container {name} ({}): if nothing listens on {port} {then}; containerPort is informational, so the app may listen there anyway",
                    ports.join(", ")
                );
                let pos = o.pos(&field);
                diags.push(Diagnostic::note(Severity::Info, ErrorType::Resolution, "ProbePortUndeclared", message, pos).on(&o.id()).at_field(&field));
            }
        }
    }
}

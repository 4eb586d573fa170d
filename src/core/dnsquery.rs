//! A DNS lookup as a pod makes it: the name it types, expanded by its resolv.conf search path,
//! each query tried in order and answered from the model's DNS records.
//!
//! Sources:
//! - the pod's resolv.conf (dnsPolicy ClusterFirst, the default): kubernetes/kubernetes
//!   pkg/kubelet/network/dns/dns.go `generateSearchesForDNSClusterFirst`
//!   (`<ns>.svc.<zone> svc.<zone> <zone>`, then the node's own search domains, none here) and
//!   `defaultDNSOptions = ["ndots:5"]`;
//! - the order of tries: the stub resolver's search (glibc resolv/res_query.c `__res_context_search`):
//!   a name ending in `.` is absolute and asked as is; a name with at least `ndots` dots is asked
//!   as is first, then with each search suffix; otherwise each suffix first and the bare name last.
//!   NXDOMAIN (and an empty answer) moves on to the next try; an answer ends the search;
//! - the answers: kubernetes/dns docs/specification.md — §2.3.1 A and §2.3.2 SRV for a Service
//!   with a clusterIP, §2.4.1/§2.4.2 headless A/SRV (NXDOMAIN with no ready endpoint), §2.5 CNAME
//!   for ExternalName, §2.6 the deprecated `a-b-c-d.<ns>.pod.<zone>` A records (and, as
//!   CoreDNS does, a ready endpoint's own name under a Service with a clusterIP too), and §2.1
//!   "all comparisons … are case-insensitive". These are the records `resolve::dns_records`
//!   puts in the report. Names outside the cluster zone are forwarded to the upstream resolver,
//!   which Switchboard does not model.

use std::fmt::Write as _;
use serde::Serialize;

use super::report::Report;
use super::resolve::{self, DnsRecord};

/// kubelet's `defaultDNSOptions`.
pub const NDOTS: usize = 5;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DnsTry {
    /// the fully qualified name asked (with its trailing dot)
    pub query: String,
    /// A | SRV
    pub qtype: String,
    /// NOERROR | NXDOMAIN | FORWARDED | TIMEOUT, or HOSTS: answered from the pod's /etc/hosts, no query sent
    pub rcode: String,
    pub answers: Vec<DnsRecord>,
    /// why this answer, in one sentence (with the spec section)
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lookup {
    /// the name as typed
    pub name: String,
    /// the asking pod, `namespace/name`
    pub pod: String,
    pub search: Vec<String>,
    pub ndots: usize,
    /// each query in the order the resolver sends it, up to the one that answered
    pub tries: Vec<DnsTry>,
    /// in one sentence
    pub summary: String,
}

/// The search list of a pod in `namespace` (generateSearchesForDNSClusterFirst).
pub fn search_path(namespace: &str, zone: &str) -> Vec<String> {
    vec![format!("{namespace}.svc.{zone}"), format!("svc.{zone}"), zone.to_string()]
}

/// The names the stub resolver asks, in order (glibc res_search with `ndots`).
pub fn candidates(name: &str, search: &[String], ndots: usize) -> Vec<String> {
    let name = name.trim();
    if let Some(abs) = name.strip_suffix('.') {
        return vec![abs.to_string()];
    }
    let dots = name.matches('.').count();
    let with: Vec<String> = search.iter().map(|s| format!("{name}.{s}")).collect();
    if dots >= ndots {
        std::iter::once(name.to_string()).chain(with).collect()
    } else {
        with.into_iter().chain(std::iter::once(name.to_string())).collect()
    }
}

/// Why a dotted name went through the search list before it was asked as typed, when that is
/// what happened: fewer dots than ndots (glibc `__res_context_search`: `dots < ndots` tries the
/// search domains first, the name as is last), no trailing dot, and the name as typed is the
/// query that got the answer (or went upstream) after the search list's misses (learner6 b5:
/// api.stripe.com's three NXDOMAIN with nothing saying why). A name without a dot is what the
/// search list is for, so nothing is said about it.
fn search_first(typed: &str, tries: &[DnsTry], ndots: usize, per_name: usize) -> Option<String> {
    let dots = typed.matches('.').count();
    if typed.ends_with('.') || dots == 0 || dots >= ndots || tries.len() < 2 * per_name {
        return None;
    }
    let last = &tries[tries.len() - per_name..];
    let answered = last.iter().any(|t| t.rcode == "FORWARDED" || !t.answers.is_empty());
    (answered && last[0].query == format!("{typed}.")).then(|| {
        format!(
            "{typed} has {dots} dot{}, fewer than ndots:{ndots}, so the search list is tried first; write {typed}. (trailing dot) to ask it directly",
            if dots == 1 { "" } else { "s" }
        )
    })
}

/// A name that found nothing but is a Service's of another namespace: `web` asked from
/// default while Service web is in shop (the search path's first domain is the pod's own
/// namespace: kubelet pkg/kubelet/network/dns/dns.go generateSearchesForDNSClusterFirst), or
/// `shop.web` (namespace first) for shop/web, whose record is web.shop.svc.<zone> (kubernetes/dns
/// docs/specification.md 2.3.1 `<service>.<ns>.svc.<zone>`).
fn other_namespace_hint(report: &Report, typed: &str, namespace: &str) -> Option<String> {
    let t = typed.trim_end_matches('.');
    let labels: Vec<&str> = t.split('.').collect();
    let live = |ns: &str, name: &str| report.services.iter().any(|s| s.namespace == ns && s.name == name && !s.rejected);
    match labels[..] {
        [name] => {
            let mut nss: Vec<&str> = report.services.iter().filter(|s| s.name == name && !s.rejected && s.namespace != namespace).map(|s| s.namespace.as_str()).collect();
            nss.dedup();
            let first = *nss.first()?;
            let ask: Vec<String> = nss.iter().take(3).map(|ns| format!("{name}.{ns}")).collect();
            let where_ = if nss.len() == 1 { format!("is in namespace {first}") } else { format!("is in namespaces {}", nss.iter().take(3).copied().collect::<Vec<_>>().join(", ")) };
            Some(format!("Service {name} {where_}, not {namespace}: a bare name is looked up in the pod's own namespace first; ask {}", ask.join(" or ")))
        }
        [a, b] if !live(b, a) && live(a, b) => Some(format!("Service {b} is in namespace {a}: ask {b}.{a} (the Service's name first, then its namespace)")),
        [host, sub] => pod_name_hint(report, host, sub, namespace),
        _ => None,
    }
}

/// `<hostname>.<subdomain>` that found nothing, when a pod of that hostname has its record under
/// another subdomain or in another namespace (learner11 q/20 `db-0.db-hl` for a StatefulSet
/// whose serviceName is db; q/21 `db-0.db` asked from default for namespace data). The record
/// is `<hostname>.<subdomain>.<ns>.svc.<zone>` (kubernetes/dns docs/specification.md 2.4.1;
/// the StatefulSet controller sets hostname = pod name and subdomain = spec.serviceName:
/// pkg/controller/statefulset stateful_set_utils.go updateIdentity).
fn pod_name_hint(report: &Report, host: &str, sub: &str, namespace: &str) -> Option<String> {
    let with_host: Vec<&super::report::PodReport> = report.pods.iter().filter(|p| p.subdomain.is_some() && p.hostname.as_deref().unwrap_or(&p.name) == host).collect();
    let own = with_host.iter().find(|p| p.namespace == namespace);
    match own {
        Some(p) if p.subdomain.as_deref() != Some(sub) => {
            let s = p.subdomain.as_deref().unwrap_or_default();
            Some(format!("pod {}'s subdomain is {s}, not {sub} (a StatefulSet's pods take its serviceName): ask {host}.{s}", p.name))
        }
        Some(_) => None,
        None => {
            let p = with_host.iter().find(|p| p.subdomain.as_deref() == Some(sub)).or(with_host.first())?;
            let s = p.subdomain.as_deref().unwrap_or_default();
            let also = if s == sub { String::new() } else { format!(", its subdomain {s}") };
            Some(format!("pod {} is in namespace {}{also}, not {namespace}: ask {host}.{s}.{} (hostname, subdomain, then the namespace)", p.name, p.namespace, p.namespace))
        }
    }
}

/// A name that found nothing and is a pod's name (qa9 04, canonical/microk8s#948: `nslookup
/// mypod1` for a pod behind headless Service myservice; the asker's fix was spec.hostname and
/// spec.subdomain). A pod's name is no DNS name: cluster DNS holds records for Services, for a
/// headless Service's endpoints (`<hostname>.<service>.<ns>.svc.<zone>` when the pod sets
/// hostname and its subdomain names that Service: kubernetes/dns docs/specification.md 2.4.1;
/// CoreDNS's kubernetes plugin endpointHostname names one without a hostname by its dashed
/// address) and `<a-b-c-d>.<ns>.pod.<zone>` per pod address (2.6, CoreDNS `pods insecure`).
/// Typed as `name`, `name.ns`, `name.ns.svc` or `name.ns.svc.<zone>`.
fn pod_name_lookup_hint(report: &Report, typed: &str, namespace: &str, zone: &str) -> Option<String> {
    let t = typed.trim_end_matches('.');
    let t = t.strip_suffix(&format!(".{zone}")).unwrap_or(t);
    let t = t.strip_suffix(".svc").unwrap_or(t);
    let (name, ns) = match t.split('.').collect::<Vec<_>>()[..] {
        [name] => (name, namespace),
        [name, ns] => (name, ns),
        _ => return None,
    };
    if report.services.iter().any(|s| s.name == name && s.namespace == ns && !s.rejected) {
        return None;
    }
    let p = report.pods.iter().find(|p| p.name == name && p.namespace == ns)?;
    let mut out = format!("{name} is the name of pod {ns}/{name}, and a pod's name is no DNS name: cluster DNS answers for Services, for the endpoints of a headless Service and for <dashed address>.{ns}.pod.{zone}");
    // the names it does have: under the headless Services it is a ready endpoint of
    let under: Vec<&super::report::ServiceReport> = report.services.iter().filter(|s| s.headless && s.namespace == ns && s.endpoints.iter().any(|e| e.ready && e.pod.as_deref() == Some(name))).map(|s| s.as_ref()).collect();
    let ip = p.ip.as_deref();
    let named: Vec<String> = under
        .iter()
        .flat_map(|s| {
            let under = format!("{}.{ns}.svc.{zone}", s.name);
            s.dns_records.iter().filter(move |r| is_address(&r.kind) && Some(r.answer.as_str()) == ip && r.name.split_once('.').is_some_and(|(_, rest)| rest == under))
        })
        .map(|r| r.name.clone())
        .collect();
    if let Some(first) = named.first() {
        let _ = write!(out, "; this pod answers as {first}");
    }
    // a headless Service lists it, but not ready (fidfix26 2, review24): CoreDNS builds endpoint
    // records from EndpointSlice endpoints and skips those not ready (coredns
    // plugin/kubernetes/object/endpoint.go EndpointSliceToEndpoints: `if
    // !endpointsliceReady(end.Conditions.Ready) { continue }`); the EndpointSlice controller marks
    // ready = serving and not terminating, or always with publishNotReadyAddresses
    // (pkg/controller/util/endpointslice utils.go podToEndpoint; resolve.rs keeps that as `ready`)
    let waiting = report.services.iter().find(|s| s.headless && s.namespace == ns && s.endpoints.iter().any(|e| !e.ready && e.pod.as_deref() == Some(name)));
    if let (None, Some(s)) = (under.first(), waiting) {
        // (its name there once Ready: hostname when it sets spec.hostname and its subdomain is the
        // Service, else the dashed address: ShouldSetHostname; CoreDNS endpointHostname)
        let host = match (p.hostname.as_deref(), p.subdomain.as_deref()) {
            (Some(h), Some(sub)) if sub == s.name => Some(h.to_string()),
            _ => ip.map(|i| i.replace(['.', ':'], "-")),
        };
        let _ = write!(
            out,
            "; headless Service {} selects it, but the pod is not Ready: its EndpointSlice lists it with ready: false, and cluster DNS publishes only ready endpoints (unless the Service sets publishNotReadyAddresses: true), so the pod has no name under {} until it is Ready{}",
            s.name,
            s.name,
            host.map(|h| format!(" (then {h}.{}.{ns}.svc.{zone})", s.name)).unwrap_or_default()
        );
    } else {
    match (p.hostname.as_deref(), p.subdomain.as_deref(), under.first()) {
        // (hostname and subdomain set and a headless Service of that name: its name is above)
        (Some(_), Some(_), Some(_)) => {}
        (_, _, Some(s)) => { let _ = write!(out, 
            "; with spec.hostname: {name} and spec.subdomain: {} in the pod{} it answers as {name}.{}.{ns}.svc.{zone}",
            s.name,
            if p.owner.is_some() { " (in a controller's template every replica would share that hostname and so that name)" } else { "" },
            s.name
        ); },
        // (an endpoint carries a hostname only when the pod sets spec.hostname:
        // pkg/controller/util/endpointslice ShouldSetHostname; without it CoreDNS names the
        // endpoint by its dashed address, so the Service alone never gives <name>.<sub>: review24)
        (Some(host), Some(sub), None) => { let _ = write!(out, "; its subdomain {sub} names no headless Service selecting it in namespace {ns}: create one named {sub} to give it {host}.{sub}.{ns}.svc.{zone}"); },
        (None, Some(sub), None) => { let _ = write!(out, 
            "; its subdomain {sub} names no headless Service selecting it in namespace {ns}, and it sets no spec.hostname (without one its record under such a Service is its dashed address): set spec.hostname: {name} in the pod and create one named {sub} to give it {name}.{sub}.{ns}.svc.{zone}"
        ); },
        (_, None, None) => { let _ = write!(out, 
            "; for a name of its own, set spec.hostname and spec.subdomain in the pod and create a headless Service (clusterIP: None) named like the subdomain that selects it: <hostname>.<subdomain>.{ns}.svc.{zone}"
        ); },
    }
    }
    if let Some(ip) = ip.filter(|i| !i.contains(':')) {
        let _ = write!(out, " (by address: {}.{ns}.pod.{zone})", ip.replace('.', "-"));
    }
    Some(out)
}

/// A reverse name (`5.1.244.10.in-addr.arpa`, `….ip6.arpa`): a PTR query.
fn is_reverse(name: &str) -> bool {
    let n = name.trim_end_matches('.');
    n.ends_with(".in-addr.arpa") || n.ends_with(".ip6.arpa")
}

fn in_zone(name: &str, zone: &str) -> bool {
    name == zone || name.ends_with(&format!(".{zone}"))
}

/// §2.6: `a-b-c-d.<ns>.pod.<zone>` → a.b.c.d; an IPv6 pod's name has its colons dashed
/// (`fd00-10-244-1--5` → AAAA fd00:10:244:1::5), as CoreDNS's kubernetes plugin reads it
/// (findPods: three dashes and no `--` is IPv4, anything else IPv6).
fn pod_record(name: &str, zone: &str) -> Option<DnsRecord> {
    let rest = name.strip_suffix(&format!(".pod.{zone}"))?;
    let (dashed, ns) = rest.split_once('.')?;
    if ns.is_empty() || ns.contains('.') {
        return None;
    }
    let parts: Vec<&str> = dashed.split('-').collect();
    if parts.len() == 4 && !dashed.contains("--") {
        let ok = parts.iter().all(|p| !p.is_empty() && p.len() <= 3 && p.parse::<u8>().is_ok());
        return ok.then(|| DnsRecord { kind: "A".into(), name: name.to_string(), answer: parts.join(".") });
    }
    let ip: std::net::Ipv6Addr = dashed.replace('-', ":").parse().ok()?;
    Some(DnsRecord { kind: "AAAA".into(), name: name.to_string(), answer: ip.to_string() })
}

/// An address record type: A or AAAA.
fn is_address(kind: &str) -> bool {
    kind == "A" || kind == "AAAA"
}

/// One query against the cluster DNS: the records for `name` of `qtype` (CNAME answers any type).
fn ask(report: &Report, name: &str, qtype: &str) -> DnsTry {
    ask_at(report, name, qtype, 0)
}

/// [`ask`], `depth` CNAMEs into a chase.
fn ask_at(report: &Report, name: &str, qtype: &str, depth: usize) -> DnsTry {
    let zone = report.cluster.cluster_domain.to_ascii_lowercase();
    let q = format!("{name}.");
    // CoreDNS's kubernetes plugin serves the reverse zones too (kubeadm's Corefile:
    // `kubernetes cluster.local in-addr.arpa ip6.arpa { … fallthrough in-addr.arpa ip6.arpa }`,
    // cmd/kubeadm/app/phases/addons/dns/manifests.go CoreDNSConfigMap)
    let reverse = is_reverse(name);
    if !reverse && !in_zone(name, &zone) {
        return DnsTry {
            query: q,
            qtype: qtype.into(),
            rcode: "FORWARDED".into(),
            answers: vec![],
            note: format!("{name} is outside the cluster zone {zone}: cluster DNS forwards it to the upstream resolver (not modelled here)"),
        };
    }
    let mut recs: Vec<DnsRecord> = report.services.iter().flat_map(|s| s.dns_records.iter()).filter(|r| r.name.to_ascii_lowercase() == name).cloned().collect();
    // (a hostname's record is listed already: resolve::dns_records, corpfix9)
    for r in endpoint_names_under_cluster_ips(report, name, &zone) {
        if !recs.contains(&r) {
            recs.push(r);
        }
    }
    // the `kubernetes` Service every cluster has, when the input does not carry it (learner9 W5)
    if recs.is_empty() {
        if let Some(r) = implicit_kubernetes(report, name, &zone).filter(|r| r.kind == qtype) {
            return DnsTry {
                query: q,
                qtype: qtype.into(),
                rcode: "NOERROR".into(),
                answers: vec![r],
                note: "Found (Kubernetes DNS spec §2.3.1): default/kubernetes, the Service the API server itself creates in every cluster (pkg/controlplane/controller/kubernetesservice), with the first address of the Service range as its clusterIP and port 443 to the API server. It is not in your YAML".into(),
            };
        }
    }
    if let Some(c) = recs.iter().find(|r| r.kind == "CNAME") {
        let (target, target_in_zone) = super::paths::external_target(&c.answer, &zone);
        // CoreDNS follows a CNAME whose target is in its own zone and answers with the CNAME and
        // the target's records, or with nothing when the target has none (coredns/coredns
        // plugin/backend_lookup.go A: `dns.IsSubDomain(zone, …)`, at most 8 CNAMEs deep)
        if target_in_zone && depth < 8 && target != name {
            let next = ask_at(report, &target, qtype, depth + 1);
            if next.answers.is_empty() {
                return DnsTry {
                    query: q,
                    qtype: qtype.into(),
                    rcode: "NOERROR".into(),
                    answers: vec![],
                    note: format!("An ExternalName Service: a CNAME to {target} (spec §2.5), a name in the cluster zone that has no {qtype} record, so cluster DNS answers with nothing (it leaves out a CNAME whose in-zone target has no records); the resolver moves on"),
                };
            }
            let mut answers = vec![c.clone()];
            answers.extend(next.answers);
            return DnsTry {
                query: q,
                qtype: qtype.into(),
                rcode: "NOERROR".into(),
                answers,
                note: format!("An ExternalName Service: a CNAME to {target} (spec §2.5), a name in the cluster zone, so cluster DNS follows it itself and answers with the CNAME and {target}'s records"),
            };
        }
        return DnsTry {
            query: q,
            qtype: qtype.into(),
            rcode: "NOERROR".into(),
            answers: vec![c.clone()],
            note: format!("An ExternalName Service: a CNAME to {} (spec §2.5), a name outside the cluster zone: CoreDNS asks its upstream resolver for it and answers with the CNAME and its addresses (not modelled here)", c.answer),
        };
    }
    // each query gets its own type only: an A query never answers AAAA (kubernetes/dns
    // docs/specification.md 2.3.1; on a dual-stack cluster `lookup` asks both, learner9 W4)
    let of_type: Vec<DnsRecord> = recs.iter().filter(|r| r.kind == qtype).cloned().collect();
    if !of_type.is_empty() {
        // (an endpoint's name under a Service with a clusterIP is not among its records: by the name)
        let svc = report.services.iter().find(|s| s.dns_records.iter().any(|r| r.name.to_ascii_lowercase() == name)).or_else(|| {
            report.services.iter().find(|s| name.strip_suffix(format!("{}.{}.svc.{zone}", s.name, s.namespace).to_ascii_lowercase().as_str()).is_some_and(|h| h.ends_with('.')))
        });
        // an endpoint's own name (`<hostname or dashed IP>.<service>…`), not the Service's
        let own = svc.is_some_and(|s| name != format!("{}.{}.svc.{zone}", s.name, s.namespace));
        let section = match (qtype, svc.map(|s| s.headless), own) {
            // (a reverse name is neither the Service's nor an endpoint's own name)
            ("PTR", _, _) => "§2.3.3 / §2.4.3: the name of the address, a Service's for its clusterIP, an endpoint's for its own address (CoreDNS answers every endpoint address: plugin/kubernetes/reverse.go serviceRecordForIP)",
            ("SRV", Some(true), _) => "§2.4.2: one SRV per ready endpoint and named port",
            ("SRV", _, _) => "§2.3.2: the named port's number and the Service's name",
            (_, Some(true), true) => "§2.4.1: a ready endpoint's own name under its headless Service",
            (_, Some(true), false) => "§2.4.1: a headless Service answers with its ready endpoints' own IPs",
            // coredns plugin/kubernetes/kubernetes.go findServices: `svc.Headless() || r.endpoint != ""`
            (_, _, true) => "a ready endpoint's own name: CoreDNS answers it under any Service; the DNS spec requires it only for a headless Service, §2.4.1",
            _ => "§2.3.1: a Service with a clusterIP answers with the clusterIP, whatever its endpoints",
        };
        return DnsTry { query: q, qtype: qtype.into(), rcode: "NOERROR".into(), answers: of_type, note: format!("Found ({})", section.strip_prefix('§').map_or_else(|| section.to_string(), |r| format!("Kubernetes DNS spec §{r}"))) };
    }
    if reverse {
        // no Service or endpoint has the address: the plugin falls through to the next one
        // (`fallthrough in-addr.arpa ip6.arpa`), forward, the upstream resolver
        return DnsTry {
            query: q,
            qtype: qtype.into(),
            rcode: "FORWARDED".into(),
            answers: vec![],
            note: "No Service clusterIP or ready endpoint has this address: CoreDNS's kubernetes plugin falls through (fallthrough in-addr.arpa ip6.arpa) and the query goes to the upstream resolver (not modelled here)".into(),
        };
    }
    if is_address(qtype) {
        if let Some(r) = pod_record(name, &zone).filter(|r| r.kind == qtype) {
            return DnsTry { query: q, qtype: qtype.into(), rcode: "NOERROR".into(), answers: vec![r], note: "A pod's dashed-IP name (spec §2.6, deprecated but required)".into() };
        }
    }
    let note = if !recs.is_empty() {
        format!("The name exists but has no {qtype} record (NODATA); the resolver moves on")
    } else if let Some(s) = report.services.iter().find(|s| format!("{}.{}.svc.{zone}", s.name, s.namespace) == name) {
        if s.headless {
            "A headless Service with no ready endpoint has no records: NXDOMAIN (spec §2.4.1)".to_string()
        } else {
            format!("Service {}/{} has no DNS records (it was not created)", s.namespace, s.name)
        }
    } else if let Some(why) = pod_subdomain_miss(report, name, &zone) {
        why
    } else if let Some(why) = srv_miss(report, name, &zone) {
        why
    } else {
        format!("No Service, pod or endpoint has this name in {zone}: NXDOMAIN")
    };
    DnsTry { query: q, qtype: qtype.into(), rcode: if recs.is_empty() { "NXDOMAIN".into() } else { "NOERROR".into() }, answers: vec![], note }
}

/// `_<port>._<proto>.<service>.<namespace>.svc.<zone>` that has no SRV record though the Service
/// exists: the Service has no port of that name and protocol, or (headless) no ready endpoint
/// carries a port of that name — a hand-written Endpoints whose port has no name (qa3 07,
/// kubernetes#80175). kubernetes/dns docs/specification.md §2.4.2: one SRV per ready endpoint and
/// named port; coredns plugin/kubernetes/kubernetes.go findServices keeps an endpoint port only
/// when it matches the asked name and protocol (matchPortAndProtocol on eps.Ports).
fn srv_miss(report: &Report, name: &str, zone: &str) -> Option<String> {
    let rest = name.strip_prefix('_')?;
    let (port, rest) = rest.split_once("._")?;
    let (proto, fqdn) = rest.split_once('.')?;
    let s = report.services.iter().find(|s| format!("{}.{}.svc.{zone}", s.name, s.namespace).to_ascii_lowercase() == fqdn)?;
    let sp = s.ports.iter().find(|p| p.name.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(port)) && p.protocol.eq_ignore_ascii_case(proto));
    if sp.is_none() {
        let named: Vec<String> = s.ports.iter().filter_map(|p| p.name.as_ref().map(|n| format!("{n}/{}", p.protocol))).collect();
        return Some(format!(
            "Service {}/{} exists, but has no port named {port} with protocol {} (its named ports: {}): SRV records exist only for named ports (spec §2.3.2, §2.4.2): NXDOMAIN",
            s.namespace, s.name, proto.to_ascii_uppercase(), if named.is_empty() { "none".to_string() } else { named.join(", ") }
        ));
    }
    if !s.headless {
        return None;
    }
    let ready = s.endpoints.iter().filter(|e| e.ready).count();
    if ready == 0 {
        return None;
    }
    let carrying = s.endpoints.iter().filter(|e| e.ready && e.ports.iter().any(|p| p.name.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(port)) && p.protocol.eq_ignore_ascii_case(proto))).count();
    (carrying == 0).then(|| {
        format!(
            "Service {}/{} and its {} exist, but no endpoint has a port named {port}: a headless Service's SRV records come from its endpoints' named ports (spec §2.4.2; CoreDNS matches the endpoint port by name), and the Endpoints/EndpointSlices port is unnamed or named otherwise, so there is no SRV record: NXDOMAIN. Name the Endpoints' port {port}, as the Service port is",
            s.namespace, s.name, super::report::count(ready, "ready endpoint", "ready endpoints")
        )
    })
}

/// `kubernetes.default.svc.<zone>` when the input has no `default/kubernetes` Service: the API
/// server creates it in every cluster (pkg/controlplane/controller/kubernetesservice
/// Controller.UpdateKubernetesService → CreateOrUpdateMasterServiceIfNeeded, port 443 →
/// the API server's secure port) with the first address of the Service range
/// (pkg/controlplane/services.go ServiceIPRange: `apiServerServiceIP, err := utilnet.GetIndexedIP(&serviceClusterIPRange, 1)`),
/// which the allocator therefore never hands out (service::Allocations::reserved). Not added
/// to the report's Services: only answered here.
fn implicit_kubernetes(report: &Report, name: &str, zone: &str) -> Option<DnsRecord> {
    if name != format!("kubernetes.default.svc.{zone}") || report.services.iter().any(|s| s.name == "kubernetes" && s.namespace == "default") {
        return None;
    }
    let ip = super::config::Cidr::parse(&report.cluster.service_cidr)?.nth(1);
    Some(DnsRecord { kind: if ip.is_ipv6() { "AAAA" } else { "A" }.into(), name: name.to_string(), answer: ip.to_string() })
}

/// A ready endpoint's own name (`<hostname or dashed IP>.<service>.<ns>.svc.<zone>`) under a
/// Service with a clusterIP, and the PTR of its address: CoreDNS answers them as for a headless
/// Service (plugin/kubernetes/kubernetes.go findServices: `if svc.Headless() || r.endpoint !=
/// ""`; reverse.go serviceRecordForIP), though the DNS specification requires them only for
/// headless Services (2.4.1). Made when asked (resolve::dns_records does not list them).
fn endpoint_names_under_cluster_ips(report: &Report, name: &str, zone: &str) -> Vec<DnsRecord> {
    let reverse = is_reverse(name);
    let mut out = Vec::new();
    for s in report.services.iter().filter(|s| !s.rejected && !s.headless && s.type_ != "ExternalName" && s.cluster_ip.is_some()) {
        let fqdn = format!("{}.{}.svc.{zone}", s.name, s.namespace).to_ascii_lowercase();
        if reverse || name.strip_suffix(fqdn.as_str()).is_some_and(|h| h.ends_with('.')) {
            out.extend(resolve::endpoint_records(&s.endpoints, &fqdn).into_iter().filter(|r| r.name.to_ascii_lowercase() == name));
        }
    }
    out
}

/// `<hostname>.<subdomain>.<ns>.svc.<zone>` that a pod asks for with spec.hostname and
/// spec.subdomain but that has no record: why (spec §2.4.1: the record is an endpoint's of the
/// headless Service named like the subdomain, in the pod's namespace — CoreDNS answers it under
/// a Service with a clusterIP too, plugin/kubernetes/kubernetes.go findServices; the
/// endpoint's hostname comes from the pod's when ShouldSetHostname — pod.Spec.Subdomain ==
/// service name).
fn pod_subdomain_miss(report: &Report, name: &str, zone: &str) -> Option<String> {
    let rest = name.strip_suffix(&format!(".svc.{zone}"))?;
    let mut parts = rest.splitn(3, '.');
    let (host, sub, ns) = (parts.next()?, parts.next()?, parts.next()?);
    if ns.contains('.') {
        return None;
    }
    let pod = report.pods.iter().find(|p| p.namespace == ns && p.subdomain.as_deref() == Some(sub) && p.hostname.as_deref().unwrap_or(&p.name) == host)?;
    let svc = report.services.iter().find(|s| s.namespace == ns && s.name == sub);
    Some(match svc {
        None => format!("Pod {} sets subdomain {sub}, but namespace {ns} has no Service named {sub}: its {host}.{sub} record exists only as an endpoint of a headless Service of that name (spec §2.4.1): NXDOMAIN", pod.name),
        // (CoreDNS answers a ready endpoint's name under a Service with a clusterIP too:
        // plugin/kubernetes/kubernetes.go findServices)
        Some(s) => format!(
            "Pod {} sets subdomain {sub}, but it is not a ready endpoint of the {}Service {ns}/{sub} (its selector must match the pod, and the pod be Ready): NXDOMAIN",
            pod.name,
            if s.headless { "headless " } else { "" }
        ),
    })
}

/// A pod's spec.dnsConfig (PodDNSConfig): options as resolv.conf writes them, `name` or
/// `name:value`; and its spec.hostAliases, the lines the kubelet adds to its /etc/hosts, which
/// the resolver reads before any DNS query (qa7 04, 11).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DnsConf {
    pub nameservers: Vec<String>,
    pub searches: Vec<String>,
    pub options: Vec<String>,
    /// spec.hostAliases, in order
    pub host_aliases: Vec<HostAlias>,
}

/// One spec.hostAliases item (core/v1 HostAlias): an IP and the names /etc/hosts gives it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HostAlias {
    pub ip: String,
    pub hostnames: Vec<String>,
}

impl HostAlias {
    /// spec.hostAliases as written (validation is core::cluster's: an IP, DNS-1123 subdomains).
    pub fn read_all(n: Option<&super::yaml::Node>) -> Vec<HostAlias> {
        let Some(super::yaml::NodeKind::Seq(items)) = n.map(|v| &v.kind) else { return vec![] };
        items
            .iter()
            .filter_map(|a| {
                let ip = a.get("ip")?.as_str()?.to_string();
                let hostnames = match a.get("hostnames").map(|h| &h.kind) {
                    Some(super::yaml::NodeKind::Seq(hs)) => hs.iter().filter_map(|h| h.as_str()).map(str::to_string).collect(),
                    _ => vec![],
                };
                Some(HostAlias { ip, hostnames })
            })
            .collect()
    }
}

impl DnsConf {
    /// spec.dnsConfig as written (validation is core::cluster's validatePodDNSConfig).
    pub fn read(n: &super::yaml::Node) -> DnsConf {
        let strings = |k: &str| -> Vec<String> {
            match n.get(k).map(|v| &v.kind) {
                Some(super::yaml::NodeKind::Seq(items)) => items.iter().filter_map(|i| i.as_str()).map(str::to_string).collect(),
                _ => vec![],
            }
        };
        let options = match n.get("options").map(|v| &v.kind) {
            Some(super::yaml::NodeKind::Seq(items)) => items
                .iter()
                .filter_map(|o| {
                    let name = o.get("name")?.as_str()?.to_string();
                    Some(match o.get("value").and_then(|v| v.as_str()) {
                        Some(v) => format!("{name}:{v}"),
                        None => name,
                    })
                })
                .collect(),
            _ => vec![],
        };
        DnsConf { nameservers: strings("nameservers"), searches: strings("searches"), options, host_aliases: vec![] }
    }
}

/// The resolver a pod gets: the kubelet's GetPodDNS (pkg/kubelet/network/dns/dns.go):
/// getPodDNSType picks the base (ClusterFirst: the cluster DNS, generateSearchesForDNSClusterFirst
/// and defaultDNSOptions ndots:5; Default, or ClusterFirst on hostNetwork: the node's
/// resolv.conf; None: empty), then appendDNSConfig adds spec.dnsConfig — nameservers and
/// searches appended without duplicates (omitDuplicates), options merged by name, the pod's
/// winning (mergeDNSOptions).
#[derive(Debug, Clone, PartialEq)]
pub struct Resolver {
    pub nameservers: Vec<String>,
    pub search: Vec<String>,
    pub options: Vec<String>,
    /// options ndots (glibc resolv: 1 when not set, at most 15)
    pub ndots: usize,
    /// why the pod's queries do not go to the cluster DNS, when they do not
    pub elsewhere: Option<String>,
    /// the dnsPolicy that would use the cluster DNS, when the pod asks its node's resolver
    /// (paths::NodeResolver::fix)
    pub fix: Option<&'static str>,
}

/// mergeDNSOptions: the pod's options overwrite the base's of the same name (kept in order here;
/// the kubelet's map has none).
fn merge_options(base: &[String], pod: &[String]) -> Vec<String> {
    let name = |o: &str| o.split_once(':').map_or(o, |(n, _)| n).to_string();
    let mut out: Vec<String> = base.to_vec();
    for o in pod {
        match out.iter().position(|b| name(b) == name(o)) {
            Some(i) => out[i] = o.clone(),
            None => out.push(o.clone()),
        }
    }
    out
}

fn omit_duplicates(v: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(v.len());
    for s in v {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// The cluster DNS Service's address: kubeadm's tenth of the Service range
/// (cmd/kubeadm/app/constants GetDNSIP; service::Allocations::reserved).
fn cluster_dns_ip(report: &Report) -> String {
    super::config::Cidr::parse(&report.cluster.service_cidr).map(|c| c.nth(10).to_string()).unwrap_or_default()
}

/// The resolver of pod `namespace/pod` (GetPodDNS).
pub fn resolver(report: &Report, namespace: &str, pod: &str) -> Resolver {
    let zone = report.cluster.cluster_domain.to_ascii_lowercase();
    let client = &report.cluster.client_pod;
    let asker = report.pods.iter().map(|p| &**p).find(|p| p.namespace == namespace && p.name == pod).or((client.namespace == namespace && client.name == pod).then_some(&**client));
    let policy = asker.and_then(|p| p.dns_policy.as_deref()).unwrap_or("ClusterFirst");
    let host_network = asker.is_some_and(|p| p.host_network);
    let dns = cluster_dns_ip(report);
    // the node's resolv.conf (ClusterFirst on the host network, Default) or spec.dnsConfig alone
    // (None) start empty; the others ask the cluster DNS
    let host = super::paths::node_resolver_policy(Some(policy), host_network);
    let mut r = if host.is_some() || policy == "None" {
        Resolver { nameservers: vec![], search: vec![], options: vec![], ndots: 1, elsewhere: None, fix: host.map(|h| h.fix) }
    } else {
        Resolver { nameservers: vec![dns.clone()], search: search_path(namespace, &zone), options: vec![format!("ndots:{NDOTS}")], ndots: NDOTS, elsewhere: None, fix: None }
    };
    if let Some(c) = asker.and_then(|p| p.dns_config.as_ref()) {
        r.nameservers = omit_duplicates(r.nameservers.into_iter().chain(c.nameservers.iter().cloned()).collect());
        r.search = omit_duplicates(r.search.into_iter().chain(c.searches.iter().map(|s| s.trim_end_matches('.').to_ascii_lowercase())).collect());
        r.options = merge_options(&r.options, &c.options);
    }
    // glibc res_init: `ndots:n`, capped at RES_MAXNDOTS (15); 1 when absent
    r.ndots = r.options.iter().rev().find_map(|o| o.strip_prefix("ndots:").and_then(|n| n.parse::<usize>().ok())).map_or(1, |n| n.min(15));
    r.elsewhere = match (host, policy) {
        // (the cause alone, the fix in `fix`: fidfix24, the summary read "… (hostNetwork: true with
        // dnsPolicy ClusterFirst (set ClusterFirstWithHostNet to keep the cluster DNS))")
        (Some(h), _) => Some(h.cause.to_string()),
        // a pod that names the cluster DNS first still asks it (the stub resolver asks the
        // first nameserver; another is tried only when it does not answer)
        (None, "None") if r.nameservers.first() != Some(&dns) => Some(match r.nameservers.first() {
            Some(ns) => format!("dnsPolicy: None with nameserver {ns} (spec.dnsConfig), not the cluster DNS {dns}"),
            None => "dnsPolicy: None with no nameserver in spec.dnsConfig".to_string(),
        }),
        _ => None,
    };
    r
}

/// Why the pod `namespace/pod` does not use the cluster DNS, if it does not (getPodDNSType,
/// pkg/kubelet/network/dns/dns.go): ClusterFirst falls back to the node's resolv.conf for a
/// hostNetwork pod (ClusterFirstWithHostNet keeps cluster DNS); Default always uses it; None
/// takes only spec.dnsConfig.
pub fn host_dns(report: &Report, namespace: &str, pod: &str) -> Option<String> {
    resolver(report, namespace, pod).elsewhere
}

/// The pod's /etc/resolv.conf as the kubelet writes it (GetPodDNS).
pub fn resolv_conf(report: &Report, namespace: &str, pod: &str) -> String {
    let r = resolver(report, namespace, pod);
    let mut lines = Vec::new();
    let host = r.elsewhere.as_deref().filter(|w| !w.starts_with("dnsPolicy: None"));
    if let Some(why) = host {
        lines.push(format!("# the node's own resolv.conf ({why})"));
    }
    for ns in &r.nameservers {
        lines.push(format!("nameserver {ns}"));
    }
    if !r.search.is_empty() {
        lines.push(format!("search {}", r.search.join(" ")));
    }
    if !r.options.is_empty() {
        lines.push(format!("options {}", r.options.join(" ")));
    }
    if host.is_some() && lines.len() > 1 {
        lines.insert(1, "# and from spec.dnsConfig:".to_string());
    }
    lines.join("\n")
}

/// The lines of pod `namespace/pod`'s /etc/hosts that name something, as the kubelet writes them
/// (kubernetes/kubernetes pkg/kubelet/kubelet_pods.go ensureHostsFile): a pod on the pod network
/// gets managedHostsFileContent — localhost, its own IP with its hostname (and
/// `hostname.subdomain.<ns>.svc.<zone>` with a subdomain; GeneratePodHostNameAndDomain,
/// truncatePodHostnameIfNeeded) — then hostsEntriesFromHostAliases; a hostNetwork pod gets its
/// node's /etc/hosts (not modelled) with the same hostAliases lines appended
/// (nodeHostsFileContent). Each entry: the address, its names, where the line comes from.
pub fn etc_hosts(report: &Report, namespace: &str, pod: &str) -> Vec<(String, Vec<String>, String)> {
    let zone = report.cluster.cluster_domain.to_ascii_lowercase();
    let client = &report.cluster.client_pod;
    let Some(p) = report.pods.iter().map(|p| &**p).find(|p| p.namespace == namespace && p.name == pod).or((client.namespace == namespace && client.name == pod).then_some(&**client)) else {
        return vec![];
    };
    let mut out = Vec::new();
    if !p.host_network {
        out.push(("127.0.0.1".to_string(), vec!["localhost".to_string()], "the kubelet's managed /etc/hosts".to_string()));
        out.push(("::1".to_string(), vec!["localhost".into(), "ip6-localhost".into(), "ip6-loopback".into()], "the kubelet's managed /etc/hosts".to_string()));
        // GeneratePodHostNameAndDomain: spec.hostname, else the pod's name, cut to 63
        // characters without a trailing '-' or '.' (truncatePodHostnameIfNeeded)
        let mut host: String = p.hostname.clone().filter(|h| !h.is_empty()).unwrap_or_else(|| p.name.clone()).chars().take(63).collect();
        while host.ends_with('-') || host.ends_with('.') {
            host.pop();
        }
        let mut names = Vec::new();
        if let Some(sub) = p.subdomain.as_deref().filter(|s| !s.is_empty()) {
            names.push(format!("{host}.{sub}.{namespace}.svc.{zone}"));
        }
        names.push(host);
        for ip in p.ip.iter().chain(p.ip_other.iter()) {
            out.push((ip.clone(), names.clone(), "the kubelet's managed /etc/hosts: the pod's own name".to_string()));
        }
    }
    for (i, a) in p.dns_config.iter().flat_map(|c| c.host_aliases.iter()).enumerate() {
        out.push((a.ip.clone(), a.hostnames.clone(), format!("spec.hostAliases[{i}]")));
    }
    out
}

/// `typed` (lower-cased) in the pod's /etc/hosts, which the stub resolver reads before asking DNS
/// (glibc nsswitch.conf `hosts: files dns`; musl's name_from_hosts before name_from_dns): the
/// name as typed, no search path. A name with a trailing dot is left to DNS. `as_typed`: the name
/// with its case. The libcs differ on case (fidfix25): glibc's nss_files compares the names
/// without regard to case (nss/nss_files/files-hosts.c: `LOOKUP_NAME_CASE`, `__strcasecmp`), as
/// Go's resolver does (net/hosts.go: lowerASCIIBytes on both sides), while musl's
/// name_from_hosts (src/network/lookup_name.c) finds the name with `strstr`, byte for byte: a
/// line `10.0.0.5 db` answers `DB` under glibc and Go, not under musl (Alpine), which then asks
/// DNS. The answer follows glibc and Go, and says where musl differs.
fn hosts_answer(report: &Report, namespace: &str, pod: &str, typed: &str, as_typed: &str, qtype: &str) -> Option<(DnsTry, String)> {
    if typed.ends_with('.') || !matches!(qtype, "A" | "AAAA") {
        return None;
    }
    let lines = etc_hosts(report, namespace, pod);
    let hits: Vec<&(String, Vec<String>, String)> = lines.iter().filter(|(_, names, _)| names.iter().any(|n| n.eq_ignore_ascii_case(typed))).collect();
    let first = hits.first()?;
    let answers: Vec<DnsRecord> = hits.iter().map(|(ip, _, _)| DnsRecord { kind: if ip.contains(':') { "AAAA".into() } else { "A".into() }, name: typed.to_string(), answer: ip.clone() }).collect();
    let shown: Vec<String> = answers.iter().map(|a| format!("{} {}", a.kind, a.answer)).collect();
    // review23: "files before dns" holds for musl (name_from_hosts, then DNS), Go's resolver and
    // glibc with the usual nsswitch.conf; glibc without /etc/nsswitch.conf uses its default
    // `hosts: dns [!UNAVAIL=return] files` (the glibc manual, Notes on NSS Configuration File)
    let mut note = format!("{typed} is in the pod's /etc/hosts ({}): musl, Go's resolver and glibc with the usual /etc/nsswitch.conf (hosts: files dns) read /etc/hosts before DNS, so no DNS query is sent; an image with glibc and no /etc/nsswitch.conf asks DNS first and reads /etc/hosts only when DNS is unreachable (glibc's default hosts: dns [!UNAVAIL=return] files)", first.2);
    let mut summary = format!("{typed} answers {} from the pod's /etc/hosts ({}), before any DNS query (unless the image has glibc and no /etc/nsswitch.conf)", shown.join(", "), first.2);
    // written in another case than the /etc/hosts line: found by glibc and Go, not by musl
    let exact = hits.iter().any(|(_, names, _)| names.iter().any(|n| n == as_typed));
    if !exact {
        let written: Vec<&str> = hits.iter().flat_map(|(_, names, _)| names.iter()).filter(|n| n.eq_ignore_ascii_case(typed)).map(String::as_str).collect();
        let line = written.first().copied().unwrap_or(typed);
        let _ = write!(note, ". {as_typed} is written there as {line}: glibc and Go's resolver compare /etc/hosts names without regard to case and find it; musl (Alpine) compares them byte for byte, does not find it, and asks DNS");
        let _ = write!(summary, "; on musl (Alpine) {as_typed} does not match {line} there (its /etc/hosts lookup is case-sensitive) and DNS is asked");
    }
    Some((DnsTry { query: typed.to_string(), qtype: qtype.to_string(), rcode: "HOSTS".into(), answers, note }, summary))
}

/// Look `name` up as pod `namespace/pod` would. SRV when the name starts with `_` (`_http._tcp.web`),
/// PTR for a reverse name or an address (`10.244.1.5`), else A.
pub fn lookup(report: &Report, namespace: &str, pod: &str, name: &str) -> Lookup {
    let zone = report.cluster.cluster_domain.to_ascii_lowercase();
    // the asking pod's own resolv.conf: its dnsConfig merged as the kubelet does (learner9 W3)
    let res = resolver(report, namespace, pod);
    let (search, ndots) = (res.search.clone(), res.ndots);
    // DNS names compare case-insensitively in ASCII only (RFC 4343 §3): WEB is web, but a
    // Kelvin sign (U+212A) is not k (std's Unicode to_lowercase would make it one)
    let typed = name.trim().to_ascii_lowercase();
    // an address asks for its name (nslookup 10.244.1.5, dig -x: the reverse name's PTR,
    // absolute, no search path)
    let typed = match typed.trim_end_matches('.').parse::<std::net::IpAddr>() {
        Ok(ip) => resolve::reverse_name(&ip.to_string()).map_or(typed, |r| format!("{r}.")),
        Err(_) => typed,
    };
    // an IPv6 cluster's names answer AAAA (specification 2.3.1: AAAA for an IPv6 clusterIP)
    let address = if report.cluster.service_cidr.contains(':') { "AAAA" } else { "A" };
    let qtype = if is_reverse(&typed) { "PTR" } else if typed.starts_with('_') { "SRV" } else { address };
    // a dual-stack cluster: the stub resolver (getaddrinfo, AF_UNSPEC) sends an A and an AAAA
    // query for each name, and each gets only its own type (kubernetes/dns
    // docs/specification.md 2.3.1: an A record per IPv4 clusterIP, an AAAA per IPv6 one; CoreDNS
    // plugin/kubernetes answers a query by its qtype) — learner9 W4: "A → AAAA …, A …"
    let qtypes: Vec<&str> = if qtype == address && report.cluster.service_cidrs.len() > 1 { vec!["A", "AAAA"] } else { vec![qtype] };
    let mut tries = Vec::new();
    let mut summary = String::new();
    if typed.is_empty() || typed.len() > 253 || typed.contains(char::is_whitespace) {
        return Lookup { name: name.into(), pod: format!("{namespace}/{pod}"), search, ndots, tries, summary: "Type a name such as web, web.default or _http._tcp.web, or an address for its PTR".into() };
    }
    // the pod's /etc/hosts answers first (kubelet_pods.go ensureHostsFile: hostAliases, the
    // pod's own name, localhost), for a hostNetwork pod too (qa7 04, 11)
    if let Some((t, summary)) = hosts_answer(report, namespace, pod, &typed, name.trim(), qtype) {
        return Lookup { name: name.into(), pod: format!("{namespace}/{pod}"), search, ndots, tries: vec![t], summary };
    }
    // a pod that does not use the cluster DNS (host_dns) asks its node's resolver
    if let Some(why) = &res.elsewhere {
        let q = format!("{typed}{}", if typed.ends_with('.') { "" } else { "." });
        let to = if why.starts_with("dnsPolicy: None") { "the nameserver its dnsConfig names" } else { "its node's resolver" };
        let fix = res.fix.map(|f| format!("; dnsPolicy: {f} would use the cluster DNS")).unwrap_or_default();
        let note = format!("{why}: the pod does not use the cluster DNS; the query goes to {to} (not modelled), which knows no {zone} names{fix}");
        tries.push(DnsTry { query: q.clone(), qtype: qtype.into(), rcode: "FORWARDED".into(), answers: vec![], note });
        let summary = if typed.trim_end_matches('.').ends_with(&zone) || !typed.contains('.') {
            format!("{q} is not answered by the cluster DNS: this pod resolves through {to} ({why})")
        } else {
            format!("{q} goes to {to} ({why})")
        };
        return Lookup { name: name.into(), pod: format!("{namespace}/{pod}"), search: res.search, ndots, tries, summary };
    }
    // an egress NetworkPolicy drops the pod's queries (core::netpol::dns_blocked): the first
    // query gets no answer at all, and the resolver gives up after its retries
    let key = format!("{namespace}/{pod}");
    if let Some((_, why)) = report.cluster.dns_blocked.iter().find(|(k, _)| *k == key) {
        let first = candidates(&typed, &search, ndots).into_iter().next().unwrap_or_else(|| typed.clone());
        let q = format!("{}{}", first.trim_end_matches('.'), ".");
        tries.push(DnsTry { query: q.clone(), qtype: qtype.into(), rcode: "TIMEOUT".into(), answers: vec![], note: format!("No answer: {why}") });
        let summary = format!("{q} gets no answer: the pod's DNS queries are dropped by a NetworkPolicy (nslookup: \"no servers could be reached\")");
        return Lookup { name: name.into(), pod: key, search, ndots, tries, summary };
    }
    for cand in candidates(&typed, &search, ndots) {
        let asked: Vec<DnsTry> = qtypes.iter().map(|qt| ask(report, &cand, qt)).collect();
        let done = asked.iter().any(|t| t.rcode == "FORWARDED" || !t.answers.is_empty());
        if done && summary.is_empty() {
            let t = &asked[0];
            summary = if t.rcode == "FORWARDED" && is_reverse(&cand) {
                format!("{} names no Service clusterIP or ready endpoint here: cluster DNS passes it to the upstream resolver", t.query)
            } else if t.rcode == "FORWARDED" && tries.is_empty() {
                // (asked as typed first: a trailing dot, or ndots dots or more)
                format!("{} is outside the cluster zone: it goes straight to the upstream resolver", t.query)
            } else if t.rcode == "FORWARDED" {
                let n = tries.len() / qtypes.len();
                format!("{n} quer{} inside the cluster zone found nothing; {} goes to the upstream resolver", if n == 1 { "y" } else { "ies" }, t.query)
            } else {
                let a: Vec<String> = asked.iter().flat_map(|t| t.answers.iter()).map(|r| format!("{} {}", r.kind, r.answer)).collect();
                let n = tries.len() / qtypes.len() + 1;
                if qtypes.len() > 1 {
                    format!("{} answers {} (name {n} of the search, an A and an AAAA query each)", t.query, a.join(", "))
                } else {
                    format!("{} answers {} (query {n} of the search)", t.query, a.join(", "))
                }
            };
        }
        tries.extend(asked);
        if done {
            break;
        }
    }
    if summary.is_empty() {
        summary = format!("NXDOMAIN: none of the {} names the search path made exists", tries.len() / qtypes.len());
    }
    // no answer, and the name is a Service's of another namespace (bare, or namespace.name
    // reversed): say which name answers, not the trailing-dot tip (learner10 U q/31)
    let answered = tries.iter().any(|t| !t.answers.is_empty());
    if let Some(hint) = (!answered).then(|| other_namespace_hint(report, &typed, namespace).or_else(|| pod_name_lookup_hint(report, &typed, namespace, &zone))).flatten() {
        summary = format!("{summary}. {hint}");
    } else if let Some(why) = (!answered && qtype == "SRV").then(|| tries.iter().find_map(|t| srv_miss(report, t.query.trim_end_matches('.'), &zone))).flatten() {
        // the Service exists, its SRV record does not (qa3 07): say why, not "none exists"
        summary = format!("{summary}. {why}");
    } else if let Some(why) = search_first(&typed, &tries, ndots, qtypes.len()) {
        summary = format!("{summary}. {why}");
    }
    Lookup { name: name.into(), pod: format!("{namespace}/{pod}"), search, ndots, tries, summary }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{analyze, config::Config, presets};

    fn scene(id: &str) -> Report {
        analyze(presets::find(id).expect("preset").yaml, &Config::default())
    }

    /// A pod's hostname.subdomain name without a record says why: no Service of that name, not
    /// headless, or the pod not its ready endpoint (spec §2.4.1; learner QA n07).
    #[test]
    fn a_pods_subdomain_name_without_record_says_why() {
        let pod = |name: &str, host: &str, sub: &str| format!("---\napiVersion: v1\nkind: Pod\nmetadata: {{name: {name}, labels: {{app: bb}}}}\nspec: {{hostname: {host}, subdomain: {sub}, containers: [{{name: c, image: busybox}}]}}\n");
        let svc = |headless: &str| format!("apiVersion: v1\nkind: Service\nmetadata: {{name: bb}}\nspec: {{{headless}selector: {{app: bb}}, ports: [{{name: foo, port: 1234}}]}}\n");
        let text = format!("{}{}{}", svc("clusterIP: None, "), pod("p1", "one", "bb"), pod("p2", "two", "wrong"));
        let r = analyze(&text, &Config::default());
        let ok = lookup(&r, "default", "client", "one.bb");
        assert_eq!(ok.tries[0].answers.len(), 1, "{}", ok.summary);
        let miss = lookup(&r, "default", "client", "two.wrong");
        assert!(miss.tries[0].note.contains("Pod p2 sets subdomain wrong, but namespace default has no Service named wrong"), "{}", miss.tries[0].note);
        let r = analyze(&format!("{}{}", svc("clusterIP: None, "), pod("p1", "one", "bb").replace("app: bb", "app: other")), &Config::default());
        let miss = lookup(&r, "default", "client", "one.bb");
        assert!(miss.tries[0].note.contains("Pod p1 sets subdomain bb, but it is not a ready endpoint of the headless Service default/bb"), "{}", miss.tries[0].note);
    }

    /// nslookup/dig -x of an address: the reverse name's PTR, served by CoreDNS's kubernetes
    /// plugin for the reverse zones (kubeadm's Corefile `kubernetes cluster.local in-addr.arpa
    /// ip6.arpa … fallthrough in-addr.arpa ip6.arpa`; plugin/kubernetes/reverse.go
    /// serviceRecordForIP: a clusterIP names its Service, an endpoint's address the endpoint);
    /// an address nothing holds falls through to the upstream resolver.
    #[test]
    fn reverse_lookup_of_cluster_ip_endpoint_and_outside_address() {
        let r = scene("web-clusterip");
        let s = r.services.iter().find(|s| s.name == "web").expect("web");
        let cip = s.cluster_ip.clone().expect("a clusterIP");
        let l = lookup(&r, "default", "client", &cip);
        assert_eq!(l.tries.len(), 1, "no search path: {}", l.summary);
        assert_eq!(l.tries[0].qtype, "PTR");
        assert_eq!(l.tries[0].answers.iter().map(|a| a.answer.as_str()).collect::<Vec<_>>(), ["web.default.svc.cluster.local"], "{}", l.summary);
        let e = s.endpoints.iter().find(|e| e.ready).expect("a ready endpoint");
        let l = lookup(&r, "default", "client", &e.ip);
        let want = format!("{}.web.default.svc.cluster.local", e.ip.replace('.', "-"));
        assert_eq!(l.tries[0].answers.iter().map(|a| a.answer.as_str()).collect::<Vec<_>>(), [want.as_str()], "{}", l.summary);
        assert!(l.tries[0].note.contains("serviceRecordForIP"), "{}", l.tries[0].note);
        let l = lookup(&r, "default", "client", "8.8.8.8");
        assert_eq!((l.tries.len(), l.tries[0].rcode.as_str(), l.tries[0].query.as_str()), (1, "FORWARDED", "8.8.8.8.in-addr.arpa."));
        assert!(l.summary.contains("names no Service clusterIP or ready endpoint"), "{}", l.summary);
    }

    /// review11 c06: CoreDNS answers an endpoint's own name (hostname.subdomain, or the dashed
    /// IP) under a Service with a clusterIP too (coredns plugin/kubernetes/kubernetes.go
    /// findServices: `if svc.Headless() || r.endpoint != ""`); the note says the DNS spec
    /// requires it only for headless Services. A pod that is no ready endpoint still misses.
    #[test]
    fn coredns_find_services_answers_endpoint_names_under_a_clusterip_service() {
        let pod = |name: &str, labels: &str| format!("---\napiVersion: v1\nkind: Pod\nmetadata: {{name: {name}, labels: {{app: {labels}}}}}\nspec: {{hostname: one, subdomain: bb, nodeName: n1, containers: [{{name: c, image: busybox}}]}}\nstatus: {{phase: Running, podIP: 10.244.1.5, conditions: [{{type: Ready, status: \"True\"}}]}}\n");
        let node = "apiVersion: v1\nkind: Node\nmetadata: {name: n1}\nstatus: {addresses: [{type: InternalIP, address: 172.18.0.2}], conditions: [{type: Ready, status: \"True\"}]}\n---\n";
        let svc = "apiVersion: v1\nkind: Service\nmetadata: {name: bb}\nspec: {clusterIP: 10.96.0.50, selector: {app: bb}, ports: [{name: foo, port: 1234}]}\n";
        // p2 has no hostname: its name is its dashed IP (CoreDNS endpointHostname)
        let p2 = pod("p2", "bb").replace("hostname: one, subdomain: bb, ", "").replace("10.244.1.5", "10.244.1.6");
        let r = analyze(&format!("{node}{svc}{}{p2}", pod("p1", "bb")), &Config::default());
        for (name, ip) in [("one.bb", "10.244.1.5"), ("10-244-1-6.bb", "10.244.1.6")] {
            let l = lookup(&r, "default", "client", name);
            let t = &l.tries[0];
            assert_eq!(t.rcode, "NOERROR", "{name}: {}", t.note);
            assert_eq!(t.answers.iter().map(|a| a.answer.as_str()).collect::<Vec<_>>(), [ip], "{name}");
            assert!(t.note.contains("CoreDNS answers it under any Service; the DNS spec requires it only for a headless Service"), "{}", t.note);
        }
        // an endpoint with a hostname is not also named by its dashed IP
        assert_eq!(lookup(&r, "default", "client", "10-244-1-5.bb").tries[0].rcode, "NXDOMAIN");
        // the Service's own name still answers its clusterIP only
        let l = lookup(&r, "default", "client", "bb");
        assert_eq!(l.tries[0].answers.iter().map(|a| a.answer.as_str()).collect::<Vec<_>>(), ["10.96.0.50"]);
        let r = analyze(&format!("{node}{svc}{}", pod("p1", "other")), &Config::default());
        let miss = lookup(&r, "default", "client", "one.bb");
        assert_eq!(miss.tries[0].rcode, "NXDOMAIN");
        assert!(miss.tries[0].note.contains("Pod p1 sets subdomain bb, but it is not a ready endpoint of the Service default/bb"), "{}", miss.tries[0].note);
    }

    /// learner6 b5: api.stripe.com from a pod sends three in-zone queries first; the summary
    /// says why (fewer dots than ndots:5) and how to ask it directly. Nothing is said when the
    /// name went straight out (a trailing dot, five dots or more), when the search list found
    /// it, or for a name without a dot.
    #[test]
    fn fewer_dots_than_ndots_is_explained_only_when_the_search_list_went_first() {
        let r = scene("web-clusterip");
        let l = lookup(&r, "shop", "checkout", "api.stripe.com");
        assert_eq!(l.tries.iter().map(|t| t.rcode.as_str()).collect::<Vec<_>>(), vec!["NXDOMAIN", "NXDOMAIN", "NXDOMAIN", "FORWARDED"]);
        assert!(
            l.summary.ends_with(". api.stripe.com has 2 dots, fewer than ndots:5, so the search list is tried first; write api.stripe.com. (trailing dot) to ask it directly"),
            "{}",
            l.summary
        );
        // the fully qualified Service name without its dot: 4 dots, answered at query 4
        let l = lookup(&r, "default", "client", "web.default.svc.cluster.local");
        assert_eq!(l.tries.len(), 4);
        assert!(l.summary.contains("web.default.svc.cluster.local has 4 dots, fewer than ndots:5"), "{}", l.summary);
        for quiet in ["api.stripe.com.", "a.b.c.d.e.stripe.com", "web", "web.default", "nothing.cluster.local"] {
            let l = lookup(&r, "default", "client", quiet);
            assert!(!l.summary.contains("ndots"), "{quiet}: {}", l.summary);
        }
        // with the trailing dot: one query, straight out (it said "0 queries inside the cluster
        // zone found nothing")
        let l = lookup(&r, "shop", "checkout", "api.stripe.com.");
        assert_eq!(l.tries.len(), 1);
        assert_eq!(l.summary, "api.stripe.com. is outside the cluster zone: it goes straight to the upstream resolver");
        // one dot, forwarded after the search list: singular
        assert!(lookup(&r, "default", "client", "example.org").summary.contains("example.org has 1 dot, fewer than ndots:5"));
    }

    #[test]
    fn generate_searches_for_dns_cluster_first() {
        assert_eq!(search_path("default", "cluster.local"), vec!["default.svc.cluster.local", "svc.cluster.local", "cluster.local"]);
    }

    #[test]
    fn res_search_order_with_ndots_5() {
        let s = search_path("default", "cluster.local");
        assert_eq!(candidates("web", &s, 5)[0], "web.default.svc.cluster.local");
        assert_eq!(candidates("web", &s, 5).last().map(String::as_str), Some("web"));
        // five dots or more: as is first
        assert_eq!(candidates("a.b.c.d.e.f", &s, 5)[0], "a.b.c.d.e.f");
        // absolute: only as is
        assert_eq!(candidates("web.default.svc.cluster.local.", &s, 5), vec!["web.default.svc.cluster.local"]);
    }

    #[test]
    fn names_compare_in_ascii_case_only() {
        let r = scene("web-clusterip");
        let upper = lookup(&r, "default", "client", "WEB");
        assert_eq!(upper.tries[0].query, "web.default.svc.cluster.local.");
        assert_eq!(Some(upper.tries[0].answers[0].answer.clone()), r.services[0].cluster_ip);
        // "kube-dns" spelt with a Kelvin sign: asked as typed, not as "kube-dns" (RFC 4343 §3)
        let kelvin = lookup(&r, "default", "client", "\u{212A}ube-dns.kube-system");
        assert!(kelvin.tries.iter().all(|t| t.answers.is_empty()), "{}", kelvin.summary);
        assert!(kelvin.tries[0].query.starts_with('\u{212A}'), "{}", kelvin.tries[0].query);
    }

    #[test]
    fn web_from_default_answers_the_cluster_ip_on_the_first_try() {
        let r = scene("web-clusterip");
        let l = lookup(&r, "default", "client", "web");
        assert_eq!(l.tries.len(), 1);
        assert_eq!(l.tries[0].query, "web.default.svc.cluster.local.");
        assert_eq!(l.tries[0].answers[0].kind, "A");
        assert_eq!(Some(l.tries[0].answers[0].answer.clone()), r.services[0].cluster_ip);
    }

    #[test]
    fn web_from_another_namespace_misses_then_forwards() {
        let r = scene("web-clusterip");
        let l = lookup(&r, "shop", "p", "web");
        assert_eq!(l.tries.iter().map(|t| t.rcode.as_str()).collect::<Vec<_>>(), vec!["NXDOMAIN", "NXDOMAIN", "NXDOMAIN", "FORWARDED"]);
        // web.default from another namespace: the second suffix finds it
        let l = lookup(&r, "shop", "p", "Web.Default");
        assert_eq!(l.tries.len(), 2);
        assert_eq!(l.tries[1].query, "web.default.svc.cluster.local.");
        assert_eq!(l.tries[1].rcode, "NOERROR");
    }

    #[test]
    fn externalname_answers_the_cname() {
        let r = scene("web-externalname");
        for name in ["web", "db"] {
            let svc = r.services.iter().find(|s| s.name == name).expect("ExternalName");
            let l = lookup(&r, "default", "client", name);
            assert_eq!(l.tries.len(), 1);
            assert_eq!(l.tries[0].answers[0].kind, "CNAME");
            assert_eq!(Some(l.tries[0].answers[0].answer.clone()), svc.external_name);
        }
        assert!(lookup(&r, "default", "client", "db").summary.contains("CNAME db.example.com"));
    }

    /// An ExternalName to a Service of this cluster: CoreDNS follows the in-zone CNAME itself
    /// (coredns plugin/backend_lookup.go A) and answers with the CNAME and the target's A; an
    /// in-zone target with no records gives no answer at all (the CNAME is left out).
    #[test]
    fn coredns_backend_lookup_a_follows_an_in_zone_cname() {
        let y = "apiVersion: v1\nkind: Service\nmetadata: {name: api}\nspec: {type: ExternalName, externalName: api.shop.svc.cluster.local.}\n---\n\
                 apiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: shop}\nspec: {selector: {app: api}, ports: [{port: 80}]}\n---\n\
                 apiVersion: v1\nkind: Service\nmetadata: {name: gone}\nspec: {type: ExternalName, externalName: nothing.shop.svc.cluster.local}\n";
        let r = analyze(y, &Config::default());
        let shop = r.services.iter().find(|s| s.namespace == "shop").expect("shop/api");
        let l = lookup(&r, "default", "client", "api");
        assert_eq!(l.tries.len(), 1);
        let got: Vec<(&str, &str)> = l.tries[0].answers.iter().map(|a| (a.kind.as_str(), a.answer.as_str())).collect();
        assert_eq!(got, vec![("CNAME", "api.shop.svc.cluster.local."), ("A", shop.cluster_ip.as_deref().expect("clusterIP"))]);
        assert!(l.tries[0].note.contains("follows it itself"), "{}", l.tries[0].note);
        // the in-zone target has no record: nothing on this try, the search goes on
        let l = lookup(&r, "default", "client", "gone");
        assert!(l.tries[0].answers.is_empty() && l.tries[0].rcode == "NOERROR", "{:?}", l.tries[0]);
        assert!(l.tries.len() > 1, "{l:?}");
    }

    #[test]
    fn srv_for_named_ports_and_pod_records() {
        let r = scene("named-targetport");
        let svc = &r.services[0];
        if let Some(p) = svc.ports.iter().find(|p| p.name.is_some()) {
            let q = format!("_{}._{}.{}", p.name.clone().unwrap_or_default(), p.protocol.to_ascii_lowercase(), svc.name);
            let l = lookup(&r, &svc.namespace, "client", &q);
            assert_eq!(l.tries.last().expect("try").answers[0].kind, "SRV", "{l:?}");
        }
        let l = lookup(&r, "default", "client", "10-244-0-2.default.pod.cluster.local.");
        assert_eq!(l.tries[0].answers[0].answer, "10.244.0.2");
    }

    #[test]
    fn headless_with_no_ready_endpoint_is_nxdomain() {
        let r = analyze("apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  clusterIP: None\n  selector:\n    app: db\n  ports:\n  - port: 5432\n", &Config::default());
        let l = lookup(&r, "default", "client", "db");
        assert_eq!(l.tries[0].rcode, "NXDOMAIN");
        assert!(l.tries[0].note.contains("§2.4.1"), "{}", l.tries[0].note);
    }

    // getPodDNSType (pkg/kubelet/network/dns/dns.go): a hostNetwork pod with the default
    // ClusterFirst uses its node's resolv.conf, so Service names do not resolve;
    // ClusterFirstWithHostNet keeps the cluster DNS
    #[test]
    fn host_network_pod_dns_policy() {
        let pod = |policy: &str| format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: agent}}\nspec:\n  hostNetwork: true\n{policy}  containers: [{{name: c, image: x}}]\n---\n{}", presets::find("web-clusterip").expect("web").yaml);
        let r = analyze(&pod(""), &Config::default());
        let l = lookup(&r, "default", "agent", "web");
        assert_eq!((l.tries.len(), l.tries[0].rcode.as_str()), (1, "FORWARDED"));
        assert!(l.summary.contains("not answered by the cluster DNS"), "{}", l.summary);
        assert!(resolv_conf(&r, "default", "agent").starts_with("# the node's own resolv.conf"));
        let r = analyze(&pod("  dnsPolicy: ClusterFirstWithHostNet\n"), &Config::default());
        let l = lookup(&r, "default", "agent", "web");
        assert!(l.tries.iter().any(|t| t.rcode == "NOERROR"), "{:?}", l.summary);
        assert!(resolv_conf(&r, "default", "agent").starts_with("nameserver 10.96.0.10\nsearch default.svc.cluster.local"));
    }
}

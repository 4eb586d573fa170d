//! A compact binary form of the report, for the page's Web Worker (issue #12): the worker runs
//! `analyze` in the same wasm module and hands the page these bytes (a transferable
//! `Uint8Array`); the page decodes them into the very `Report` the main thread would have made.
//! Hand-written (varints, length-prefixed UTF-8) rather than a serde `Deserialize` for every
//! report type: far less code in the bundle, and faster than JSON both ways. Each struct is read
//! back with a struct literal naming every field, so a field added to the report and not here is
//! a compile error, not a silently lost value. Bad bytes give `None`, never a panic.

use super::cluster::ClusterNode;
use super::config::Config;
use super::diag::{Diagnostic, ErrorType, Severity};
use super::model::{Container, ContainerPort, IntOrString, Taint};
use super::paths::{Backend, Entry, Hop, HopKind, Outcome, Path};
use super::report::{ClusterReport, ContainerPortReport, HealthCheckAnswer, PodReport, Report, ScaledToZero, ServiceReport};
use super::resolve::{DnsRecord, Endpoint, EndpointPortOut, Miss};
use super::service::{LoadBalancer, SvcPort};
use super::cluster::PodInst;
use super::dnsquery::{DnsConf, HostAlias};

/// Bumped when the layout changes (the worker and the page are always the same build; this
/// only guards against a stale cached worker).
const MAGIC: u32 = 0x5357_0001;

/// A reader over encoded bytes.
pub struct Rd<'a> {
    b: &'a [u8],
    i: usize,
}

impl Rd<'_> {
    fn byte(&mut self) -> Option<u8> {
        let v = *self.b.get(self.i)?;
        self.i += 1;
        Some(v)
    }
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let end = self.i.checked_add(n)?;
        let s = self.b.get(self.i..end)?;
        self.i = end;
        Some(s)
    }
    fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }
    /// A length that cannot exceed what is left (each element takes at least one byte).
    fn len(&mut self) -> Option<usize> {
        let n = usize::try_from(self.varint()?).ok()?;
        (n <= self.b.len() - self.i).then_some(n)
    }
}

fn put_varint(w: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        w.push((v as u8) | 0x80);
        v >>= 7;
    }
    w.push(v as u8);
}

/// Encodable and decodable.
pub trait Wire: Sized {
    fn put(&self, w: &mut Vec<u8>);
    fn get(r: &mut Rd) -> Option<Self>;
}

impl Wire for u64 {
    fn put(&self, w: &mut Vec<u8>) {
        put_varint(w, *self);
    }
    fn get(r: &mut Rd) -> Option<Self> {
        r.varint()
    }
}
impl Wire for u32 {
    fn put(&self, w: &mut Vec<u8>) {
        put_varint(w, u64::from(*self));
    }
    fn get(r: &mut Rd) -> Option<Self> {
        u32::try_from(r.varint()?).ok()
    }
}
impl Wire for usize {
    fn put(&self, w: &mut Vec<u8>) {
        put_varint(w, *self as u64);
    }
    fn get(r: &mut Rd) -> Option<Self> {
        usize::try_from(r.varint()?).ok()
    }
}
impl Wire for i64 {
    fn put(&self, w: &mut Vec<u8>) {
        put_varint(w, ((*self << 1) ^ (*self >> 63)) as u64); // zigzag
    }
    fn get(r: &mut Rd) -> Option<Self> {
        let v = r.varint()?;
        Some(((v >> 1) as i64) ^ -((v & 1) as i64))
    }
}
impl Wire for f64 {
    fn put(&self, w: &mut Vec<u8>) {
        w.extend_from_slice(&self.to_le_bytes());
    }
    fn get(r: &mut Rd) -> Option<Self> {
        Some(f64::from_le_bytes(r.take(8)?.try_into().ok()?))
    }
}
impl Wire for bool {
    fn put(&self, w: &mut Vec<u8>) {
        w.push(u8::from(*self));
    }
    fn get(r: &mut Rd) -> Option<Self> {
        match r.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}
impl Wire for String {
    fn put(&self, w: &mut Vec<u8>) {
        put_varint(w, self.len() as u64);
        w.extend_from_slice(self.as_bytes());
    }
    fn get(r: &mut Rd) -> Option<Self> {
        let n = r.len()?;
        String::from_utf8(r.take(n)?.to_vec()).ok()
    }
}
impl<T: Wire> Wire for Option<T> {
    fn put(&self, w: &mut Vec<u8>) {
        match self {
            None => w.push(0),
            Some(v) => {
                w.push(1);
                v.put(w);
            }
        }
    }
    fn get(r: &mut Rd) -> Option<Self> {
        match r.byte()? {
            0 => Some(None),
            1 => Some(Some(T::get(r)?)),
            _ => None,
        }
    }
}
impl<T: Wire> Wire for Vec<T> {
    fn put(&self, w: &mut Vec<u8>) {
        put_varint(w, self.len() as u64);
        for v in self {
            v.put(w);
        }
    }
    fn get(r: &mut Rd) -> Option<Self> {
        let n = r.len()?;
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(T::get(r)?);
        }
        Some(v)
    }
}
impl<T: Wire> Wire for std::sync::Arc<T> {
    fn put(&self, w: &mut Vec<u8>) {
        (**self).put(w);
    }
    fn get(r: &mut Rd) -> Option<Self> {
        Some(std::sync::Arc::new(T::get(r)?))
    }
}
impl<T: Wire> Wire for Box<T> {
    fn put(&self, w: &mut Vec<u8>) {
        (**self).put(w);
    }
    fn get(r: &mut Rd) -> Option<Self> {
        Some(Box::new(T::get(r)?))
    }
}
impl<A: Wire, B: Wire> Wire for (A, B) {
    fn put(&self, w: &mut Vec<u8>) {
        self.0.put(w);
        self.1.put(w);
    }
    fn get(r: &mut Rd) -> Option<Self> {
        Some((A::get(r)?, B::get(r)?))
    }
}
impl<A: Wire, B: Wire, C: Wire> Wire for (A, B, C) {
    fn put(&self, w: &mut Vec<u8>) {
        self.0.put(w);
        self.1.put(w);
        self.2.put(w);
    }
    fn get(r: &mut Rd) -> Option<Self> {
        Some((A::get(r)?, B::get(r)?, C::get(r)?))
    }
}

/// A struct, field by field (the literal in `get` names them all: a new field must be listed).
/// Fields after `;` are the cluster builder's own (nothing after the build reads them): not sent,
/// rebuilt empty.
macro_rules! wire_struct {
    ($t:ident { $($f:ident),* $(,)? $(; $($skip:ident),*)? }) => {
        impl Wire for $t {
            fn put(&self, w: &mut Vec<u8>) {
                $(self.$f.put(w);)*
            }
            fn get(r: &mut Rd) -> Option<Self> {
                Some($t { $($f: Wire::get(r)?,)* $($($skip: Default::default(),)*)? })
            }
        }
    };
}

/// A field-less enum, by its position in a list (`match` in `put` is exhaustive).
macro_rules! wire_enum {
    ($t:ident { $($v:ident),* $(,)? }) => {
        impl Wire for $t {
            fn put(&self, w: &mut Vec<u8>) {
                const ALL: &[$t] = &[$($t::$v),*];
                match self { $($t::$v)|* => {} }
                w.push(ALL.iter().position(|x| x == self).unwrap_or(0) as u8);
            }
            fn get(r: &mut Rd) -> Option<Self> {
                const ALL: &[$t] = &[$($t::$v),*];
                ALL.get(usize::from(r.byte()?)).copied()
            }
        }
    };
}

/// The report's string enums (paths::string_enum), by their position in `ALL`.
macro_rules! wire_string_enum {
    ($($t:ident),*) => {$(
        impl Wire for $t {
            fn put(&self, w: &mut Vec<u8>) {
                w.push($t::ALL.iter().position(|x| x == self).unwrap_or(0) as u8);
            }
            fn get(r: &mut Rd) -> Option<Self> {
                $t::ALL.get(usize::from(r.byte()?)).copied()
            }
        }
    )*};
}

wire_enum!(Severity { Error, Warning, Info });
wire_enum!(ErrorType { Required, Invalid, Duplicate, NotSupported, Forbidden, TooMany, Internal, Syntax, Resolution, Ignored, Kubectl, TooLong, NotFound, ServerWarning });
wire_string_enum!(HopKind, Outcome, Entry);

impl Wire for IntOrString {
    fn put(&self, w: &mut Vec<u8>) {
        match self {
            IntOrString::Int(i) => {
                w.push(0);
                i.put(w);
            }
            IntOrString::Str(s) => {
                w.push(1);
                s.put(w);
            }
        }
    }
    fn get(r: &mut Rd) -> Option<Self> {
        match r.byte()? {
            0 => Some(IntOrString::Int(i64::get(r)?)),
            1 => Some(IntOrString::Str(String::get(r)?)),
            _ => None,
        }
    }
}

impl Wire for LoadBalancer {
    fn put(&self, w: &mut Vec<u8>) {
        match self {
            LoadBalancer::None => w.push(0),
            LoadBalancer::Pending => w.push(1),
            LoadBalancer::Ready { ingress, simulated } => {
                w.push(2);
                ingress.put(w);
                simulated.put(w);
            }
        }
    }
    fn get(r: &mut Rd) -> Option<Self> {
        match r.byte()? {
            0 => Some(LoadBalancer::None),
            1 => Some(LoadBalancer::Pending),
            2 => Some(LoadBalancer::Ready { ingress: Wire::get(r)?, simulated: Wire::get(r)? }),
            _ => None,
        }
    }
}

wire_struct!(Diagnostic { severity, code, message, object, field, kind, line, column, hint });
wire_struct!(DnsRecord { kind, name, answer });
wire_struct!(SvcPort { name, protocol, port, target_port, node_port, app_protocol });
wire_struct!(EndpointPortOut { name, port, protocol, declared, declared_as });
wire_struct!(Endpoint { pod, namespace, ip, node, ready, serving, terminating, hostname, ports, ip_second, from_endpoints });
wire_struct!(Miss { pod, namespace, reason, mismatched });
wire_struct!(Hop { kind, from, to, src, dst, rewritten, explanation, src_rewritten });
wire_struct!(Backend { pod, ip, port, node, probability, declared, refused, declared_as });
wire_struct!(Path { entry, node, port, protocol, hops, outcome, reason, backends, note, ingress, allowed_by, hint, route_kind });
wire_struct!(Taint { key, value, effect });
wire_struct!(ContainerPort { name, container_port, protocol, host_port; host_ip });
/// A container: its name, ports and sidecar flag, and of its boxed rare facts only the NodeLocal
/// DNSCache addresses (the page's DNS judgement reads them, qa9); the probe facts stay behind
/// (no page reader), as before mem16 boxed them.
impl Wire for Container {
    fn put(&self, w: &mut Vec<u8>) {
        self.name.put(w);
        self.ports.put(w);
        self.sidecar.put(w);
        self.probes().node_local_dns.put(w);
    }
    fn get(r: &mut Rd) -> Option<Self> {
        let (name, ports, sidecar) = (Wire::get(r)?, Wire::get(r)?, Wire::get(r)?);
        let node_local_dns: Vec<String> = Wire::get(r)?;
        let probes = (!node_local_dns.is_empty()).then(|| Box::new(super::model::ContainerProbes { node_local_dns, ..Default::default() }));
        Some(Container { name, ports, sidecar, probes })
    }
}
wire_struct!(ContainerPortReport { container, name, container_port, protocol });
wire_struct!(PodInst {
    name, namespace, labels, node, ip, phase, ready, ready_flipped, terminating, containers, sidecars, hostname, subdomain, owner, adopted,
    host_network, pending_reason, not_ready_reason, failed_reason, object, replaces, dns_policy, ip_other, dns_config, status_given, notes, restart_policy; anti_affinity
});
wire_struct!(DnsConf { nameservers, searches, options, host_aliases });
wire_struct!(HostAlias { ip, hostnames });
wire_struct!(PodReport { pod, ports, line });
wire_struct!(ClusterReport { service_cidr, node_port_range, cluster_domain, cloud, client_pod, dns_blocked, service_cidrs });
wire_struct!(ServiceReport {
    name, namespace, type_, headless, cluster_ip, external_name, dns, dns_records, ports, endpoints, paths, selector, near_misses,
    load_balancer, external_traffic_policy, internal_traffic_policy, session_affinity, session_affinity_timeout,
    load_balancer_source_ranges, health_check_node_port, external_ips, rejected, line, traffic_distribution, topology_mode_auto, cluster_ips, ip_families, scaled_to_zero,
    lb_no_rules, health_check, health_check_node_port_given, labels,
});
wire_struct!(HealthCheckAnswer { node, local_endpoints, status });
wire_struct!(ScaledToZero { kind, name, line });

/// A cluster node: its public fields (the private ones are the cluster builder's bookkeeping —
/// host ports taken, the next pod IP — which nothing after the build reads; a decoded node gets
/// a fresh builder's).
fn put_node(n: &ClusterNode, w: &mut Vec<u8>) {
    let ClusterNode { name, ip, pod_cidr, ip_other, pod_cidr_other, simulated, ready, unschedulable, down, taints, labels, .. } = n;
    name.put(w);
    ip.put(w);
    pod_cidr.put(w);
    ip_other.put(w);
    pod_cidr_other.put(w);
    simulated.put(w);
    ready.put(w);
    unschedulable.put(w);
    down.put(w);
    taints.put(w);
    labels.put(w);
}

fn get_node(r: &mut Rd, template: &ClusterNode) -> Option<ClusterNode> {
    let mut n = template.clone();
    n.name = Wire::get(r)?;
    n.ip = Wire::get(r)?;
    n.pod_cidr = Wire::get(r)?;
    n.ip_other = Wire::get(r)?;
    n.pod_cidr_other = Wire::get(r)?;
    n.simulated = Wire::get(r)?;
    n.ready = Wire::get(r)?;
    n.unschedulable = Wire::get(r)?;
    n.down = Wire::get(r)?;
    n.taints = Wire::get(r)?;
    n.labels = Wire::get(r)?;
    Some(n)
}

/// The report as bytes.
pub fn encode(r: &Report) -> Vec<u8> {
    let Report { version, diagnostics, services, nodes, pods, cluster, objects, pod_dns_records } = r;
    let mut w = Vec::with_capacity(4096);
    MAGIC.put(&mut w);
    version.put(&mut w);
    diagnostics.put(&mut w);
    services.put(&mut w);
    put_varint(&mut w, nodes.len() as u64);
    for n in nodes {
        put_node(n, &mut w);
    }
    pods.put(&mut w);
    cluster.put(&mut w);
    objects.put(&mut w);
    pod_dns_records.put(&mut w);
    w
}

/// A report as what changed since another one (`encode_since`).
const DELTA: u32 = 0x5357_0101;

/// `r` as bytes for a reader that holds `base` (the report these bytes were last made of, the
/// `base_seq`-th): the Services equal to one of `base`'s (the same index, else the same
/// namespace and name), and the pods, diagnostics and pod DNS records when all equal, are
/// named, not sent. None when `r` equals `base` (nothing to send). A keystroke in a whole
/// cluster's text changes one Service or a few: its bytes are kilobytes, not megabytes (issue
/// #12), and `decode_since` takes the rest from `base` without copying it.
pub fn encode_since(r: &Report, base: &Report, base_seq: u32, seq: u32) -> Option<Vec<u8>> {
    let Report { version, diagnostics, services, nodes, pods, cluster, objects, pod_dns_records } = r;
    let mut w = Vec::with_capacity(4096);
    DELTA.put(&mut w);
    base_seq.put(&mut w);
    seq.put(&mut w);
    version.put(&mut w);
    let mut changed = *version != base.version || *objects != base.objects || *cluster != base.cluster || *nodes != base.nodes;
    changed |= put_shared(diagnostics, &base.diagnostics, &mut w);
    put_varint(&mut w, services.len() as u64);
    let mut by_name: Option<std::collections::HashMap<(&str, &str), usize>> = None;
    for (i, s) in services.iter().enumerate() {
        let same = |j: usize| base.services.get(j).is_some_and(|b| std::sync::Arc::ptr_eq(b, s) || **b == **s);
        let at = if same(i) {
            Some(i)
        } else {
            let names = by_name.get_or_insert_with(|| base.services.iter().enumerate().rev().map(|(j, b)| ((b.namespace.as_str(), b.name.as_str()), j)).collect());
            names.get(&(s.namespace.as_str(), s.name.as_str())).copied().filter(|&j| same(j))
        };
        match at {
            Some(j) => {
                changed |= j != i;
                put_varint(&mut w, j as u64 + 1);
            }
            None => {
                changed = true;
                w.push(0);
                s.put(&mut w);
            }
        }
    }
    changed |= services.len() != base.services.len();
    put_varint(&mut w, nodes.len() as u64);
    for n in nodes {
        put_node(n, &mut w);
    }
    changed |= put_shared(pods, &base.pods, &mut w);
    cluster.put(&mut w);
    objects.put(&mut w);
    changed |= put_shared(pod_dns_records, &base.pod_dns_records, &mut w);
    changed.then_some(w)
}

/// A shared list: 0 (the reader's is the same) or 1 and the list. True when sent.
fn put_shared<T: Wire + PartialEq>(v: &std::sync::Arc<T>, base: &std::sync::Arc<T>, w: &mut Vec<u8>) -> bool {
    if std::sync::Arc::ptr_eq(v, base) || **v == **base {
        w.push(0);
        false
    } else {
        w.push(1);
        v.put(w);
        true
    }
}

fn get_shared<T: Wire>(r: &mut Rd, base: Option<&std::sync::Arc<T>>) -> Option<std::sync::Arc<T>> {
    match r.byte()? {
        0 => base.cloned(),
        1 => Wire::get(r),
        _ => None,
    }
}

/// What a set of bytes is (`decode_since` reads both kinds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// a whole report (`encode`)
    Whole,
    /// `encode_since`: what changed since the reader's `base`-th report; this one is the `seq`-th
    Since { base: u32, seq: u32 },
}

/// The kind of `b` (None: not report bytes).
pub fn kind(b: &[u8]) -> Option<Kind> {
    let mut r = Rd { b, i: 0 };
    match u32::get(&mut r)? {
        MAGIC => Some(Kind::Whole),
        DELTA => Some(Kind::Since { base: u32::get(&mut r)?, seq: u32::get(&mut r)? }),
        _ => None,
    }
}

/// The report back from `encode`'s or `encode_since`'s bytes; the latter need the `base` they
/// were made for (the caller checks `kind`'s sequence numbers), whose unchanged parts are
/// shared, not copied. None: not such bytes (or a Service named from beyond `base`).
pub fn decode_since(b: &[u8], base: Option<&Report>) -> Option<Report> {
    match kind(b)? {
        Kind::Whole => decode(b),
        Kind::Since { .. } => {
            let base = base?;
            let mut r = Rd { b, i: 0 };
            u32::get(&mut r)?;
            u32::get(&mut r)?;
            u32::get(&mut r)?;
            let version = Wire::get(&mut r)?;
            let diagnostics = get_shared(&mut r, Some(&base.diagnostics))?;
            let n = r.len()?;
            let mut services = Vec::with_capacity(n);
            for _ in 0..n {
                services.push(match usize::get(&mut r)? {
                    0 => Wire::get(&mut r)?,
                    j => base.services.get(j - 1)?.clone(),
                });
            }
            let nodes = get_nodes(&mut r)?;
            let pods = get_shared(&mut r, Some(&base.pods))?;
            let report = Report { version, diagnostics, services, nodes, pods, cluster: Wire::get(&mut r)?, objects: Wire::get(&mut r)?, pod_dns_records: get_shared(&mut r, Some(&base.pod_dns_records))? };
            (r.i == b.len()).then_some(report)
        }
    }
}

fn get_nodes(r: &mut Rd) -> Option<Vec<ClusterNode>> {
    let n = r.len()?;
    let mut nodes = Vec::with_capacity(n);
    if n > 0 {
        let template = super::cluster::build(&[], &Config { nodes: 1, ..Config::default() }, &mut Vec::new()).nodes.into_iter().next()?;
        for _ in 0..n {
            nodes.push(get_node(r, &template)?);
        }
    }
    Some(nodes)
}

/// The report back from `encode`'s bytes (None: not such bytes).
pub fn decode(b: &[u8]) -> Option<Report> {
    let mut r = Rd { b, i: 0 };
    if u32::get(&mut r)? != MAGIC {
        return None;
    }
    let version = Wire::get(&mut r)?;
    let diagnostics = Wire::get(&mut r)?;
    let services = Wire::get(&mut r)?;
    let nodes = get_nodes(&mut r)?;
    let report = Report { version, diagnostics, services, nodes, pods: Wire::get(&mut r)?, cluster: Wire::get(&mut r)?, objects: Wire::get(&mut r)?, pod_dns_records: Wire::get(&mut r)? };
    (r.i == b.len()).then_some(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{analyze, presets};

    /// Decoded == original, as the JSON contract sees it, plus the fields JSON leaves out.
    fn same(a: &Report, b: &Report) {
        assert_eq!(a.to_json(), b.to_json());
        assert_eq!(a.services, b.services);
        assert_eq!(a.pods, b.pods);
        assert_eq!(a.diagnostics, b.diagnostics);
        let labels = |r: &Report| r.nodes.iter().map(|n| n.labels.clone()).collect::<Vec<_>>();
        assert_eq!(labels(a), labels(b));
    }

    #[test]
    fn every_preset_round_trips() {
        for p in presets::ALL {
            for cfg in [Config::default(), Config { cloud: true, nodes: 2, ..Config::default() }] {
                let r = analyze(p.yaml, &cfg);
                let back = decode(&encode(&r)).unwrap_or_else(|| panic!("{} does not decode", p.id));
                same(&r, &back);
            }
        }
    }

    #[test]
    fn a_broken_text_round_trips_with_its_diagnostics() {
        let r = analyze("kind: Service\nmetadata: {name: a\n", &Config::default());
        assert!(!r.diagnostics.is_empty());
        same(&r, &decode(&encode(&r)).unwrap());
    }

    #[test]
    fn bad_bytes_are_refused_not_a_panic() {
        let r = analyze(presets::DEFAULT.yaml, &Config::default());
        let b = encode(&r);
        assert!(decode(&[]).is_none());
        assert!(decode(&b[..b.len() - 1]).is_none());
        let mut longer = b.clone();
        longer.push(0);
        assert!(decode(&longer).is_none());
        for cut in (0..b.len()).step_by(97) {
            let _ = decode(&b[..cut]);
        }
        let mut flipped = b.clone();
        for i in (8..flipped.len()).step_by(13) {
            flipped[i] ^= 0xff;
            let _ = decode(&flipped);
        }
        let mut big = Vec::new();
        MAGIC.put(&mut big);
        put_varint(&mut big, 1);
        put_varint(&mut big, u64::MAX);
        assert!(decode(&big).is_none());
    }

    /// The page's side: `next` sent as what changed since `prev`, applied to the page's
    /// decoding of `prev`, is `next`.
    fn since(prev: &Report, next: &Report) -> Option<Report> {
        let held = decode(&encode(prev)).unwrap();
        let bytes = encode_since(next, prev, 7, 8)?;
        assert_eq!(kind(&bytes), Some(Kind::Since { base: 7, seq: 8 }));
        let back = decode_since(&bytes, Some(&held)).expect("decodes");
        same(next, &back);
        Some(back)
    }

    #[test]
    fn what_changed_applied_to_the_last_report_is_the_new_report() {
        let cfg = Config::default();
        for p in presets::ALL {
            let a = analyze(p.yaml, &cfg);
            // the same report: nothing to send
            assert!(encode_since(&analyze(p.yaml, &cfg), &a, 0, 1).is_none(), "{}", p.id);
            // a Service renamed, a line inserted (every position below moves), the text cut
            // (Services, pods, diagnostics gone), a broken document, and back
            let renamed = p.yaml.replacen("  name: ", "  name: x", 1);
            let moved = format!("# a comment\n{}", p.yaml);
            let cut = &p.yaml[..p.yaml.len() / 2];
            let broken = p.yaml.replacen("metadata:", "metadata: [", 1);
            let mut prev = a.clone();
            for text in [renamed.as_str(), moved.as_str(), cut, broken.as_str(), "", p.yaml] {
                let next = analyze(text, &Config { cloud: true, ..cfg.clone() });
                if since(&prev, &next).is_none() {
                    assert_eq!(prev.to_json(), next.to_json(), "{}: nothing sent, but the reports differ", p.id);
                }
                prev = next;
            }
        }
    }

    #[test]
    fn a_rename_sends_that_service_only_and_shares_the_rest() {
        let text = presets::ALL.iter().map(|p| p.yaml).find(|y| y.matches("kind: Service").count() >= 2).expect("a preset with two Services");
        let cfg = Config::default();
        let a = analyze(text, &cfg);
        let at = text.find("kind: Service").unwrap();
        let name = at + text[at..].find("  name: ").unwrap() + "  name: ".len();
        let b = analyze(&format!("{}x{}", &text[..name], &text[name..]), &cfg);
        let held = decode(&encode(&a)).unwrap();
        let bytes = encode_since(&b, &a, 0, 1).unwrap();
        assert!(bytes.len() < encode(&b).len(), "{} of {} bytes", bytes.len(), encode(&b).len());
        let back = decode_since(&bytes, Some(&held)).unwrap();
        same(&b, &back);
        assert!(std::sync::Arc::ptr_eq(&back.pods, &held.pods));
        let shared = back.services.iter().filter(|s| held.services.iter().any(|h| std::sync::Arc::ptr_eq(s, h))).count();
        assert_eq!(shared, b.services.len() - 1, "all but the renamed Service are the held ones");
    }

    #[test]
    fn services_reordered_are_found_by_name() {
        let cfg = Config::default();
        let a = analyze(presets::DEFAULT.yaml, &cfg);
        let mut b = a.clone();
        b.services.reverse();
        b.services.truncate(b.services.len().saturating_sub(1));
        let bytes = encode_since(&b, &a, 0, 1).unwrap();
        // the delta is the full encoding less every Service's bytes (an index each instead)
        let service_bytes: usize = b.services.iter().map(|s| {
            let mut w = Vec::new();
            s.put(&mut w);
            w.len()
        }).sum();
        assert!(bytes.len() + service_bytes <= encode(&b).len() + 2 * b.services.len() + 16, "{} bytes of {}: the Services are named, not sent", bytes.len(), encode(&b).len());
        same(&b, &decode_since(&bytes, Some(&decode(&encode(&a)).unwrap())).unwrap());
    }

    #[test]
    fn what_changed_needs_its_base_and_bad_bytes_are_refused() {
        let cfg = Config::default();
        let a = analyze(presets::DEFAULT.yaml, &cfg);
        let b = analyze(&presets::DEFAULT.yaml.replacen("  name: ", "  name: y", 1), &cfg);
        let bytes = encode_since(&b, &a, 0, 1).unwrap();
        assert!(decode_since(&bytes, None).is_none());
        assert!(decode(&bytes).is_none());
        let held = decode(&encode(&a)).unwrap();
        for cut in 0..bytes.len() {
            assert!(decode_since(&bytes[..cut], Some(&held)).is_none());
        }
        let mut flipped = bytes.clone();
        for i in (4..flipped.len()).step_by(3) {
            flipped[i] ^= 0xff;
            let _ = decode_since(&flipped, Some(&held));
        }
        assert_eq!(kind(&encode(&a)), Some(Kind::Whole));
        assert_eq!(kind(&[1, 2, 3]), None);
    }

    #[test]
    fn integers_keep_their_sign_and_size() {
        for v in [0i64, 1, -1, i64::MAX, i64::MIN, 30000, -65536] {
            let mut w = Vec::new();
            v.put(&mut w);
            assert_eq!(i64::get(&mut Rd { b: &w, i: 0 }), Some(v));
        }
    }
}

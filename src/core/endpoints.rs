//! What the API server checks on manual Endpoints and EndpointSlices before they exist:
//! kubernetes/kubernetes pkg/apis/core/validation/validation.go ValidateEndpoints
//! (validateEndpointSubsets, validateEndpointAddress, validateEndpointPort) and
//! pkg/apis/discovery/validation/validation.go ValidateEndpointSliceCreate (validateAddressType,
//! validateEndpoints, validatePorts). Read from the object's own tree (type errors were reported
//! by the decoder already); a refused object is not used by kube-proxy or DNS.

use super::diag::{quote, Diagnostic};
use super::model::{Body, Object};
use super::names;
use super::yaml::Node;
use super::yaml::{items, int};

const PROTOCOLS: &[&str] = &["SCTP", "TCP", "UDP"];

/// Errors of one Endpoints or EndpointSlice object (empty for other kinds).
pub fn validate(o: &Object) -> Vec<Diagnostic> {
    let mut errs = Vec::new();
    let at = |f: &str| o.pos(f);
    // ValidateObjectMeta with ValidateEndpointsName / ValidateEndpointSliceName = NameIsDNSSubdomain
    let name_check = |errs: &mut Vec<Diagnostic>| super::service::validate_object_name(o, names::dns1123_subdomain, &at, errs);
    match &o.body {
        Body::Endpoints(_) => {
            name_check(&mut errs);
            for (i, ss) in items(o.source.get("subsets")).iter().enumerate() {
                let f = format!("subsets[{i}]");
                let addrs = items(ss.get("addresses"));
                let not_ready = items(ss.get("notReadyAddresses"));
                if addrs.is_empty() && not_ready.is_empty() {
                    errs.push(Diagnostic::required(&f, at(&f), "must specify `addresses` or `notReadyAddresses`"));
                }
                for (key, list) in [("addresses", addrs), ("notReadyAddresses", not_ready)] {
                    for (j, a) in list.iter().enumerate() {
                        endpoint_address(a, &format!("{f}.{key}[{j}]"), &at, &mut errs);
                    }
                }
                let ports = items(ss.get("ports"));
                for (j, p) in ports.iter().enumerate() {
                    let pf = format!("{f}.ports[{j}]");
                    // validateEndpointPort: a name is required when there is more than one port
                    match p.get("name").and_then(Node::as_str).filter(|s| !s.is_empty()) {
                        None if ports.len() > 1 => errs.push(Diagnostic::required(&format!("{pf}.name"), at(&pf), "")),
                        None => {}
                        Some(n) => label(n, &format!("{pf}.name"), &at, &mut errs),
                    }
                    let port = int(p.get("port")).unwrap_or(0);
                    if !(1..=65535).contains(&port) {
                        errs.push(Diagnostic::invalid(&format!("{pf}.port"), at(&format!("{pf}.port")), &port.to_string(), "must be between 1 and 65535, inclusive"));
                    }
                    protocol(p, &pf, &at, &mut errs);
                }
            }
        }
        Body::EndpointSlice(_) => {
            name_check(&mut errs);
            // validateAddressType (ValidateEndpointSliceCreate)
            let address_type = o.source.get("addressType").and_then(Node::as_str).unwrap_or("");
            if address_type.is_empty() {
                errs.push(Diagnostic::required("addressType", o.source.pos, ""));
            } else if !["FQDN", "IPv4", "IPv6"].contains(&address_type) {
                errs.push(Diagnostic::not_supported("addressType", at("addressType"), address_type, &["FQDN", "IPv4", "IPv6"]));
            }
            let endpoints = items(o.source.get("endpoints"));
            if endpoints.len() > 1000 {
                errs.push(Diagnostic::note(super::diag::Severity::Error, super::diag::ErrorType::TooMany, "FieldValueTooMany", format!("endpoints: Too many: {}: must have at most 1000 items", endpoints.len()), at("endpoints")).at_field("endpoints"));
            }
            for (i, e) in endpoints.iter().enumerate().take(1000) {
                let f = format!("endpoints[{i}]");
                let addrs = items(e.get("addresses"));
                if addrs.is_empty() {
                    errs.push(Diagnostic::required(&format!("{f}.addresses"), at(&f), "must contain at least 1 address"));
                } else if addrs.len() > 100 {
                    errs.push(
                        Diagnostic::note(super::diag::Severity::Error, super::diag::ErrorType::TooMany, "FieldValueTooMany", format!("{f}.addresses: Too many: {}: must have at most 100 items", addrs.len()), at(&format!("{f}.addresses")))
                            .at_field(&format!("{f}.addresses")),
                    );
                }
                for (j, a) in addrs.iter().enumerate() {
                    let af = format!("{f}.addresses[{j}]");
                    let Some(text) = a.as_str() else { continue };
                    match address_type {
                        // validateEndpoints (pkg/apis/discovery/validation/validation.go at
                        // kubernetes 76f1684): IsValidIPv4Address / IsValidIPv6Address, then
                        // ValidateEndpointIP, both appended. Both parse with ParseIPSloppy (apimachinery
                        // validation: `ip == nil || ip.To4() == nil` → "must be a valid IPv4 address",
                        // `ip == nil || ip.To4() != nil` → "must be a valid IPv6 address"): no canonical
                        // form, no leading-zero or IPv4-mapped refusal as IsValidIP (strict) has — an
                        // IPv6 slice takes "2001:DB8::1" as written (fidfix26 7); an IPv4-mapped address
                        // is IPv4 (To4), so an IPv6 slice refuses it and an IPv4 slice takes it
                        "IPv4" | "IPv6" => {
                            let parsed = names::parse_ip_sloppy(text);
                            let is4 = parsed.map(|ip| match ip {
                                std::net::IpAddr::V4(_) => true,
                                std::net::IpAddr::V6(a) => a.to_ipv4_mapped().is_some(),
                            });
                            if is4 != Some(address_type == "IPv4") {
                                errs.push(Diagnostic::invalid(&af, a.pos, &quote(text), &format!("must be a valid {address_type} address")));
                            }
                            match parsed {
                                Some(ip) => names::non_special_ip(ip, text).iter().for_each(|m| errs.push(Diagnostic::invalid(&af, a.pos, &quote(text), m))),
                                None => errs.push(Diagnostic::invalid(&af, a.pos, &quote(text), "must be a valid IP address")),
                            }
                        }
                        // FQDN: IsFullyQualifiedDomainName; other types fall through unchecked
                        "FQDN" => {
                            for m in names::dns1123_subdomain(text.strip_suffix('.').unwrap_or(text)) {
                                errs.push(Diagnostic::invalid(&af, a.pos, &quote(text), &m));
                            }
                        }
                        _ => {}
                    }
                }
                if let Some(nn) = e.get("nodeName").and_then(Node::as_str) {
                    for m in names::dns1123_subdomain(nn) {
                        errs.push(Diagnostic::invalid(&format!("{f}.nodeName"), at(&format!("{f}.nodeName")), &quote(nn), &m));
                    }
                }
                if let Some(h) = e.get("hostname").and_then(Node::as_str) {
                    label(h, &format!("{f}.hostname"), &at, &mut errs);
                }
            }
            // validatePorts: names are DNS-1123 labels and unique (the empty name counts once);
            // protocol is defaulted to TCP (SetDefaults_EndpointPort) and must be supported
            let mut seen: Vec<String> = Vec::new();
            for (i, p) in items(o.source.get("ports")).iter().enumerate() {
                let pf = format!("ports[{i}]");
                let name = p.get("name").and_then(Node::as_str).unwrap_or("").to_string();
                if !name.is_empty() {
                    label(&name, &format!("{pf}.name"), &at, &mut errs);
                }
                if seen.contains(&name) {
                    errs.push(Diagnostic::duplicate(&format!("{pf}.name"), at(&format!("{pf}.name")), &quote(&name)));
                } else {
                    seen.push(name);
                }
                protocol(p, &pf, &at, &mut errs);
            }
        }
        _ => {}
    }
    errs
}

/// validateEndpointAddress: IsValidIP, hostname a DNS-1123 label, nodeName a DNS subdomain,
/// then ValidateNonSpecialIP (which parses sloppily: an unparsable address is reported twice,
/// as upstream does).
fn endpoint_address(a: &Node, f: &str, at: &dyn Fn(&str) -> super::yaml::Pos, errs: &mut Vec<Diagnostic>) {
    let ipf = format!("{f}.ip");
    if let Some(ip) = a.get("ip").and_then(Node::as_str) {
        let pos = at(&ipf);
        // (IsValidIPForLegacyField: not canonical form, unlike IsValidIP: fidfix26 7)
        match names::valid_ip_legacy(ip) {
            Ok(parsed) => {
                for m in names::non_special_ip(parsed, ip) {
                    errs.push(Diagnostic::invalid(&ipf, pos, &quote(ip), &m));
                }
            }
            Err(msgs) => {
                for m in &msgs {
                    errs.push(Diagnostic::invalid(&ipf, pos, &quote(ip), m));
                }
                match ip.parse::<std::net::IpAddr>() {
                    Ok(parsed) => names::non_special_ip(parsed, ip).iter().for_each(|m| errs.push(Diagnostic::invalid(&ipf, pos, &quote(ip), m))),
                    Err(_) if msgs[0].starts_with("must be a valid IP") => errs.push(Diagnostic::invalid(&ipf, pos, &quote(ip), "must be a valid IP address")),
                    Err(_) => {}
                }
            }
        }
    } else {
        errs.push(Diagnostic::invalid(&ipf, at(f), "\"\"", "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
    }
    if let Some(h) = a.get("hostname").and_then(Node::as_str).filter(|h| !h.is_empty()) {
        label(h, &format!("{f}.hostname"), at, errs);
    }
    if let Some(nn) = a.get("nodeName").and_then(Node::as_str) {
        for m in names::dns1123_subdomain(nn) {
            errs.push(Diagnostic::invalid(&format!("{f}.nodeName"), at(&format!("{f}.nodeName")), &quote(nn), &m));
        }
    }
}

fn label(v: &str, f: &str, at: &dyn Fn(&str) -> super::yaml::Pos, errs: &mut Vec<Diagnostic>) {
    for m in names::dns1123_label(v) {
        errs.push(Diagnostic::invalid(f, at(f), &quote(v), &m));
    }
}

fn protocol(p: &Node, f: &str, at: &dyn Fn(&str) -> super::yaml::Pos, errs: &mut Vec<Diagnostic>) {
    if let Some(proto) = p.get("protocol").and_then(Node::as_str).filter(|s| !s.is_empty()) {
        if !PROTOCOLS.contains(&proto) {
            errs.push(Diagnostic::not_supported(&format!("{f}.protocol"), at(&format!("{f}.protocol")), proto, PROTOCOLS));
        }
    }
}

//! Name and value checks from k8s.io/apimachinery/pkg/util/validation/validation.go, with the
//! same error strings (regexError's "(e.g. 'a',  or 'b', regex used for validation is '…')").

use std::fmt::Write as _;

/// ValidateNonSpecialIP (pkg/apis/core/validation/validation.go), used for externalIPs,
/// Endpoints and EndpointSlice addresses: unspecified, loopback, link-local and link-local
/// multicast addresses are refused, each with its own message. `text` is the address as given.
pub fn non_special_ip(ip: std::net::IpAddr, text: &str) -> Vec<String> {
    use std::net::IpAddr;
    let mut errs = Vec::new();
    let (unspecified, loopback, link_local, ll_multicast) = match ip {
        IpAddr::V4(a) => (a.is_unspecified(), a.is_loopback(), a.is_link_local(), a.octets()[..3] == [224, 0, 0]),
        IpAddr::V6(a) => {
            let s0 = a.segments()[0];
            // an IPv4-mapped IPv6 address is checked as IPv4, as Go's net.IP does
            if let Some(v4) = a.to_ipv4_mapped() {
                return non_special_ip(IpAddr::V4(v4), text);
            }
            (a.is_unspecified(), a.is_loopback(), s0 & 0xffc0 == 0xfe80, s0 & 0xff0f == 0xff02)
        }
    };
    if unspecified {
        errs.push(format!("may not be unspecified ({text})"));
    }
    if loopback {
        errs.push("may not be in the loopback range (127.0.0.0/8, ::1/128)".into());
    }
    if link_local {
        errs.push("may not be in the link-local range (169.254.0.0/16, fe80::/10)".into());
    }
    if ll_multicast {
        errs.push("may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)".into());
    }
    errs
}

/// IsValidIP (k8s.io/apimachinery pkg/util/validation/ip.go, strict form, used by
/// ValidateService for clusterIPs and externalIPs): the address, or the messages. Go's sloppy
/// parser accepts IPv4 octets with leading zeros, which strict validation then refuses.
pub fn valid_ip(text: &str) -> Result<std::net::IpAddr, Vec<String>> {
    let ip = valid_ip_legacy(text)?;
    if ip.to_string() != text {
        return Err(vec![format!("must be in canonical form (\"{ip}\")")]);
    }
    Ok(ip)
}

/// IsValidIPForLegacyField with strictValidation (apimachinery pkg/util/validation/ip.go: "this
/// allows IPs that are not in canonical form (e.g., \"FE80:0:0:0:0:0:0:0abc\" instead of
/// \"fe80::abc\")"; leading zeros and IPv4-mapped IPv6 refused): [`valid_ip`] without its
/// canonical-form check, for the fields that predate strict validation (Endpoints addresses).
pub fn valid_ip_legacy(text: &str) -> Result<std::net::IpAddr, Vec<String>> {
    use std::net::{IpAddr, Ipv4Addr};
    let ip: IpAddr = match text.parse() {
        Ok(ip) => ip,
        Err(_) => {
            let parts: Vec<&str> = text.split('.').collect();
            let sloppy = parts.len() == 4
                && parts.iter().all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
                && parts.iter().map(|p| p.parse::<u16>().unwrap_or(999)).all(|n| n <= 255);
            return Err(vec![if sloppy && text.parse::<Ipv4Addr>().is_err() {
                "must not have leading 0s".to_string()
            } else {
                "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)".to_string()
            }]);
        }
    };
    if let IpAddr::V6(a) = ip {
        if a.to_ipv4_mapped().is_some() {
            return Err(vec!["must not be an IPv4-mapped IPv6 address".into()]);
        }
    }
    Ok(ip)
}

/// k8s.io/utils/net ParseIPSloppy (a fork of Go 1.16's net.ParseIP): an IPv4 address may have
/// leading zeros in its fields (each read as decimal, at most 255), an IPv6 address any of its
/// written forms (upper-case hex, zeros not compressed), with an embedded IPv4 tail read the same
/// way. None: unparsable (a zone `%eth0` included).
pub fn parse_ip_sloppy(text: &str) -> Option<std::net::IpAddr> {
    use std::net::{IpAddr, Ipv4Addr};
    if let Ok(ip) = text.parse::<IpAddr>() {
        return Some(ip);
    }
    let v4 = |t: &str| -> Option<Ipv4Addr> {
        let parts: Vec<&str> = t.split('.').collect();
        if parts.len() != 4 || !parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) {
            return None;
        }
        let mut o = [0u8; 4];
        for (k, p) in parts.iter().enumerate() {
            // (dtoi: any number of digits, the value at most 0xFF)
            o[k] = p.trim_start_matches('0').parse::<u8>().or_else(|e| if p.bytes().all(|b| b == b'0') { Ok(0) } else { Err(e) }).ok()?;
        }
        Some(Ipv4Addr::from(o))
    };
    match text.rsplit_once(':') {
        Some((head, tail)) if tail.contains('.') => format!("{head}:{}", v4(tail)?).parse::<IpAddr>().ok(),
        Some(_) => None,
        None => v4(text).map(IpAddr::V4),
    }
}

/// IsValidCIDR (k8s.io/apimachinery pkg/util/validation/ip.go, strict form, used per entry of
/// spec.loadBalancerSourceRanges): the messages, empty when valid.
pub fn valid_cidr(text: &str) -> Vec<String> {
    let invalid = || vec!["must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)".to_string()];
    let Some((addr, bits)) = text.split_once('/') else { return invalid() };
    let Ok(prefix) = bits.parse::<u8>() else { return invalid() };
    let ip = match valid_ip(addr) {
        Ok(ip) => ip,
        Err(m) if m[0] == "must not have leading 0s" => return vec!["must not have leading 0s in IP or prefix length".into()],
        Err(m) if m[0].starts_with("must not be an IPv4-mapped") => return vec!["must not have an IPv4-mapped IPv6 address".into()],
        Err(m) if m[0].starts_with("must be in canonical form") => {
            // still a CIDR; canonical form is checked on the whole value below
            match addr.parse::<std::net::IpAddr>() {
                Ok(ip) => ip,
                Err(_) => return invalid(),
            }
        }
        Err(_) => return invalid(),
    };
    let width = if ip.is_ipv4() { 32 } else { 128 };
    if prefix > width {
        return invalid();
    }
    if bits.len() > 1 && bits.starts_with('0') {
        return vec!["must not have leading 0s in IP or prefix length".into()];
    }
    let masked: std::net::IpAddr = match ip {
        std::net::IpAddr::V4(a) => {
            let m = if prefix == 0 { 0 } else { u32::MAX << (32 - prefix) };
            std::net::Ipv4Addr::from(u32::from(a) & m).into()
        }
        std::net::IpAddr::V6(a) => {
            let m = if prefix == 0 { 0 } else { u128::MAX << (128 - prefix) };
            std::net::Ipv6Addr::from(u128::from(a) & m).into()
        }
    };
    if masked != ip {
        return vec!["must not have bits set beyond the prefix length".into()];
    }
    let canonical = format!("{masked}/{prefix}");
    if canonical != text {
        return vec![format!("must be in canonical form (\"{canonical}\")")];
    }
    Vec::new()
}

/// IsHTTPHeaderName (k8s.io/apimachinery pkg/util/validation/validation.go): `[-A-Za-z0-9]+`.
pub fn http_header_name(s: &str) -> Vec<String> {
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return Vec::new();
    }
    vec![regex_error("a valid HTTP header must consist of alphanumeric characters or '-'", "[-A-Za-z0-9]+", &["X-Header-Name"])]
}

fn regex_error(msg: &str, fmt: &str, examples: &[&str]) -> String {
    let mut m = format!("{msg} (e.g. ");
    for (i, e) in examples.iter().enumerate() {
        if i > 0 {
            m.push_str(" or ");
        }
        let _ = write!(m, "'{e}', ");
    }
    let _ = write!(m, "regex used for validation is '{fmt}')");
    m
}

fn max_len_error(n: usize) -> String {
    format!("must be no more than {n} characters")
}

fn is_alnum_lower(c: u8) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit()
}

fn dns1123_label_ok(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && is_alnum_lower(b[0])
        && is_alnum_lower(b[b.len() - 1])
        && b.iter().all(|&c| is_alnum_lower(c) || c == b'-')
}

/// IsDNS1035Label (Service names).
pub fn dns1035_label(s: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if s.len() > 63 {
        errs.push(max_len_error(63));
    }
    let b = s.as_bytes();
    let ok = !b.is_empty() && b[0].is_ascii_lowercase() && dns1123_label_ok(s);
    if !ok {
        errs.push(regex_error(
            "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
            "[a-z]([-a-z0-9]*[a-z0-9])?",
            &["my-name", "abc-123"],
        ));
    }
    errs
}

/// IsDNS1123Label (namespaces, Service port names).
pub fn dns1123_label(s: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if s.len() > 63 {
        errs.push(max_len_error(63));
    }
    if !dns1123_label_ok(s) {
        errs.push(regex_error(
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?",
            &["my-name", "123-abc"],
        ));
    }
    errs
}

/// IsDNS1123Subdomain (Pod names, externalName).
pub fn dns1123_subdomain(s: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if s.len() > 253 {
        errs.push(max_len_error(253));
    }
    if s.is_empty() || !s.split('.').all(dns1123_label_ok) {
        errs.push(regex_error(
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*",
            &["example.com"],
        ));
    }
    errs
}

/// apimachinery pkg/api/validation/generic.go maskTrailingDash: what a name function called with
/// `prefix = true` (a generateName, an envFrom's ConfigMap/Secret name) checks — a trailing '-'
/// (and the character before it) replaced by "a".
pub fn mask_trailing_dash(name: &str) -> std::borrow::Cow<'_, str> {
    if name.len() > 1 && name.ends_with('-') {
        let cut = name[..name.len() - 1].char_indices().last().map_or(0, |(i, _)| i);
        std::borrow::Cow::Owned(format!("{}a", &name[..cut]))
    } else {
        std::borrow::Cow::Borrowed(name)
    }
}

/// validation.IsConfigMapKey (a ConfigMap's or Secret's data key, a key selector's key): at most
/// 253 characters of `[-._a-zA-Z0-9]`, and not `.`, `..` or starting with `..` (hasChDirPrefix).
pub fn config_map_key(s: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if s.len() > 253 {
        errs.push(max_len_error(253));
    }
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_')) {
        errs.push(regex_error("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", "[-._a-zA-Z0-9]+", &["key.name", "KEY_NAME", "key-name"]));
    }
    if s == "." {
        errs.push("must not be '.'".into());
    } else if s == ".." {
        errs.push("must not be '..'".into());
    } else if s.starts_with("..") {
        errs.push("must not start with '..'".into());
    }
    errs
}

/// validation.IsRelaxedEnvVarName for a non-empty name (an env var's name, an envFrom prefix):
/// printable ASCII other than `=` (unicode.IsPrint: space is printable).
pub fn relaxed_env_var_name(s: &str) -> Option<&'static str> {
    s.chars()
        .any(|c| !(' '..='~').contains(&c) || c == '=')
        .then_some("a valid environment variable name must consist only of printable ASCII characters other than '='")
}

/// IsWildcardDNS1123Subdomain (an Ingress rule's host with a `*`): `*.` then a DNS-1123 subdomain.
pub fn wildcard_dns1123_subdomain(s: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if s.len() > 253 {
        errs.push(max_len_error(253));
    }
    if !s.strip_prefix("*.").is_some_and(|rest| !rest.is_empty() && rest.split('.').all(dns1123_label_ok)) {
        errs.push(regex_error(
            "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character",
            "\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*",
            &["*.example.com"],
        ));
    }
    errs
}

/// IsValidPortName (IANA_SVC_NAME): container port names and named targetPorts.
pub fn port_name(s: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if s.len() > 15 {
        errs.push("must be no more than 15 characters".to_string());
    }
    if !s.bytes().all(|c| is_alnum_lower(c) || c == b'-') {
        errs.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)".to_string());
    }
    if !s.bytes().any(|c| c.is_ascii_lowercase()) {
        errs.push("must contain at least one letter (a-z)".to_string());
    }
    if s.contains("--") {
        errs.push("must not contain consecutive hyphens".to_string());
    }
    if s.starts_with('-') || s.ends_with('-') {
        errs.push("must not begin or end with a hyphen".to_string());
    }
    errs
}

fn qualified_part_ok(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
        && b.iter().all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
}

/// IsQualifiedName (label keys): optional DNS-subdomain prefix + '/' + name (<= 63).
pub fn qualified_name(s: &str) -> Vec<String> {
    let mut errs = Vec::new();
    // more than one '/': the whole key is refused at once (IsQualifiedName's default case,
    // k8s.io/apimachinery pkg/util/validation/validation.go, as of v1.34; "a valid label key"
    // from v1.35)
    if s.matches('/').count() > 1 {
        let m = regex_error(
            "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
            "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]",
            &["MyName", "my.name", "123-abc"],
        );
        return vec![format!("{m} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')")];
    }
    let (prefix, name) = match s.split_once('/') {
        Some((p, n)) => (Some(p), n),
        None => (None, s),
    };
    if let Some(p) = prefix {
        if p.is_empty() {
            errs.push("prefix part must be non-empty".to_string());
        } else {
            errs.extend(dns1123_subdomain(p).into_iter().map(|e| format!("prefix part {e}")));
        }
    }
    if name.is_empty() {
        errs.push("name part must be non-empty".to_string());
    } else if name.len() > 63 {
        errs.push(format!("name part {}", max_len_error(63)));
    }
    if !name.is_empty() && !qualified_part_ok(name) {
        errs.push(regex_error(
            "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
            "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]",
            &["MyName", "my.name", "123-abc"],
        ));
    }
    errs
}

/// IsValidLabelValue.
pub fn label_value(s: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if s.len() > 63 {
        errs.push(max_len_error(63));
    }
    if !s.is_empty() && !qualified_part_ok(s) {
        errs.push(regex_error(
            "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
            "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?",
            &["MyValue", "my_value", "12345"],
        ));
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;

    // apimachinery/pkg/util/validation/validation.go IsDNS1035Label: Service names must start with a letter
    #[test]
    fn is_dns1035_label() {
        assert!(dns1035_label("web").is_empty());
        assert!(dns1035_label("web-2").is_empty());
        assert!(!dns1035_label("1web").is_empty());
        assert!(!dns1035_label("Web").is_empty());
        assert!(!dns1035_label("web.api").is_empty());
        assert!(!dns1035_label("web-").is_empty());
        assert_eq!(dns1035_label(&"a".repeat(64))[0], "must be no more than 63 characters");
        assert_eq!(
            dns1035_label("Web")[0],
            "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"
        );
    }

    // IsValidPortName (IANA_SVC_NAME)
    #[test]
    fn is_valid_port_name() {
        assert!(port_name("http").is_empty());
        assert!(port_name("http-alt").is_empty());
        assert_eq!(port_name("8080"), vec!["must contain at least one letter (a-z)"]);
        assert!(!port_name("http--x").is_empty());
        assert!(!port_name("-http").is_empty());
        assert!(!port_name("a-very-long-port-name").is_empty());
        assert!(!port_name("HTTP").is_empty());
    }

    #[test]
    fn labels() {
        assert!(qualified_name("app").is_empty());
        assert!(qualified_name("app.kubernetes.io/name").is_empty());
        assert!(!qualified_name("-app").is_empty());
        assert!(label_value("").is_empty());
        assert!(label_value("web_v2.1").is_empty());
        assert!(!label_value("\"><svg onload=alert(1)>").is_empty());
    }
}

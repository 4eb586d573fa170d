//! resource.Quantity as the API server holds it (k8s.io/apimachinery pkg/api/resource
//! quantity.go): ParseQuantity's value (rounded up to nano units), its format, and String() —
//! the text validation messages quote (`must be less than or equal to cpu limit of 500m`).
//! [`super::model::quantity`] stays the fast reader of requests for scheduling.

use std::cmp::Ordering;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    DecimalSI,
    BinarySI,
    DecimalExponent,
}

/// A parsed quantity: the value in units of 10⁻⁹ (ParseQuantity rounds a non-zero value up to
/// the nano scale, away from zero), the format its suffix implies, and the written text when
/// ParseQuantity keeps it as the canonical form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quantity {
    nanos: i128,
    format: Format,
    kept: Option<String>,
}

impl Quantity {
    pub fn is_negative(&self) -> bool {
        self.nanos < 0
    }

    /// Quantity.Sign() == 1.
    pub fn is_positive(&self) -> bool {
        self.nanos > 0
    }

    /// Quantity.MilliValue() % 1000 == 0: a whole number (ValidateResourceQuantityValue's
    /// integer resources).
    pub fn is_whole(&self) -> bool {
        self.milli() % 1000 == 0
    }

    /// Quantity.MilliValue(): the value in thousandths, rounded up (toward +∞; a negative
    /// quantity is refused before this is asked).
    pub fn milli(&self) -> i128 {
        if self.nanos >= 0 {
            (self.nanos + 999_999) / 1_000_000
        } else {
            self.nanos / 1_000_000
        }
    }

    /// Quantity.Cmp: the values, exactly.
    pub fn cmp_value(&self, other: &Quantity) -> Ordering {
        self.nanos.cmp(&other.nanos)
    }

    /// Quantity.String: the written text when ParseQuantity kept it, else CanonicalizeBytes.
    pub fn to_go_string(&self) -> String {
        if let Some(s) = &self.kept {
            return s.clone();
        }
        if self.nanos == 0 {
            return "0".into();
        }
        let sign = if self.nanos < 0 { "-" } else { "" };
        let abs = self.nanos.unsigned_abs();
        let mut format = self.format;
        if format == Format::BinarySI {
            // CanonicalizeBytes: below 1024 in magnitude, or not a whole number, shown as DecimalSI
            if abs < 1024 * NANO as u128 || !abs.is_multiple_of(NANO as u128) {
                format = Format::DecimalSI;
            }
        }
        if format == Format::BinarySI {
            // AsCanonicalBase1024Bytes
            let (mut n, mut e) = (abs / NANO as u128, 0usize);
            while n.is_multiple_of(1024) && e < 6 {
                n /= 1024;
                e += 1;
            }
            return format!("{sign}{n}{}", ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"][e]);
        }
        // AsCanonicalBytes: factors of ten into the exponent, then the exponent down to a
        // multiple of three
        let (mut n, mut e) = (abs, -9i32);
        while n.is_multiple_of(10) {
            n /= 10;
            e += 1;
        }
        while e % 3 != 0 {
            n *= 10;
            e -= 1;
        }
        let suffix = match (format, e) {
            (_, 0) => String::new(),
            (Format::DecimalSI, -9) => "n".into(),
            (Format::DecimalSI, -6) => "u".into(),
            (Format::DecimalSI, -3) => "m".into(),
            (Format::DecimalSI, 3) => "k".into(),
            (Format::DecimalSI, 6) => "M".into(),
            (Format::DecimalSI, 9) => "G".into(),
            (Format::DecimalSI, 12) => "T".into(),
            (Format::DecimalSI, 15) => "P".into(),
            (Format::DecimalSI, 18) => "E".into(),
            (_, e) => format!("e{e}"),
        };
        format!("{sign}{n}{suffix}")
    }
}

const NANO: i128 = 1_000_000_000;

/// ParseQuantity: `<sign><digits>[.<digits>]<suffix>` with the suffixes Ki…Ei (BinarySI),
/// n u m "" k M G T P E (DecimalSI) or e/E<exponent> (DecimalExponent). None when it does not
/// parse (the decoder has refused such a value already) or is beyond what is modelled here.
pub fn parse(s: &str) -> Option<Quantity> {
    parse_text(s)
}

/// A Quantity written as a YAML number or string (`storage: 10Gi`, `cpu: 2`, `cpu: 0.5`).
pub fn of_node(n: &super::yaml::Node) -> Option<Quantity> {
    use super::yaml::{NodeKind, Value};
    match &n.kind {
        NodeKind::Scalar { value: Value::Int(i), .. } => parse_text(&i.to_string()),
        NodeKind::Scalar { value: Value::Float(f), .. } => parse_text(&super::decimal::shortest(*f)), // = format!("{f}")
        NodeKind::Scalar { value: Value::Str, text, .. } => parse_text(text.as_str()),
        _ => None,
    }
}

fn parse_text(s: &str) -> Option<Quantity> {
    if s.is_empty() {
        return None;
    }
    if s == "0" {
        return Some(Quantity { nanos: 0, format: Format::DecimalSI, kept: Some(s.into()) });
    }
    let (positive, rest) = match s.as_bytes()[0] {
        b'+' => (true, &s[1..]),
        b'-' => (false, &s[1..]),
        _ => (true, s),
    };
    let end = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
    let (number, suffix) = rest.split_at(end);
    let (num, denom) = number.split_once('.').unwrap_or((number, ""));
    if (num.is_empty() && denom.is_empty()) || denom.contains('.') {
        return None;
    }
    let (format, base2, exponent): (Format, bool, i32) = match suffix {
        "Ki" => (Format::BinarySI, true, 10),
        "Mi" => (Format::BinarySI, true, 20),
        "Gi" => (Format::BinarySI, true, 30),
        "Ti" => (Format::BinarySI, true, 40),
        "Pi" => (Format::BinarySI, true, 50),
        "Ei" => (Format::BinarySI, true, 60),
        "n" => (Format::DecimalSI, false, -9),
        "u" => (Format::DecimalSI, false, -6),
        "m" => (Format::DecimalSI, false, -3),
        "" => (Format::DecimalSI, false, 0),
        "k" => (Format::DecimalSI, false, 3),
        "M" => (Format::DecimalSI, false, 6),
        "G" => (Format::DecimalSI, false, 9),
        "T" => (Format::DecimalSI, false, 12),
        "P" => (Format::DecimalSI, false, 15),
        "E" => (Format::DecimalSI, false, 18),
        e if e.len() > 1 && (e.starts_with('e') || e.starts_with('E')) => (Format::DecimalExponent, false, e[1..].parse().ok()?),
        _ => return None,
    };
    // value = digits × 10^(exp10) × 2^(exp2), kept in nano units, rounded up
    let digits = format!("{num}{denom}");
    let digits = digits.trim_start_matches('0');
    if digits.len() > 30 {
        return None;
    }
    let mantissa: i128 = if digits.is_empty() { 0 } else { digits.parse().ok()? };
    let exp10 = if base2 { 0 } else { exponent } - denom.len() as i32 + 9;
    if !(-60..=30).contains(&exp10) {
        return None;
    }
    let pow = |e: i32| 10i128.checked_pow(e.unsigned_abs());
    let mut nanos = if exp10 >= 0 {
        mantissa.checked_mul(pow(exp10)?)?
    } else {
        let d = pow(-exp10)?;
        (mantissa + d - 1) / d
    };
    if base2 {
        nanos = nanos.checked_mul(1i128 << exponent)?;
        // the cap of a binary quantity (maxAllowed: 2^63 − 1)
        nanos = nanos.min(i64::MAX as i128 * NANO);
    }
    let nanos = if positive { nanos } else { -nanos };
    // ParseQuantity's fast path keeps the text when it is canonical already: few enough digits,
    // a scale of at least nano, and (decimal) a scale that is a multiple of three with no
    // trailing "000" and no leading zero / (binary) a value not divisible by 8
    let shifted = format!("{num}{denom}");
    let kept = match format {
        Format::BinarySI => {
            let precision = 15 - num.len() as i32 - (exponent as f32 * 3.0 / 10.0) as i32 - 1;
            let value: Option<i64> = shifted.parse().ok();
            (denom.is_empty() && precision >= 0 && value.is_some_and(|v| v & 7 != 0 && v.checked_mul(1i64 << exponent).is_some())).then(|| s.to_string())
        }
        _ => {
            let precision = 18 - (num.len() + denom.len()) as i32;
            let scale = exponent - denom.len() as i32;
            let value: Option<i64> = shifted.parse().ok();
            (precision >= 0 && scale >= -9 && value.is_some() && scale % 3 == 0 && !shifted.ends_with("000") && !shifted.starts_with('0')).then(|| s.to_string())
        }
    };
    Some(Quantity { nanos, format, kept })
}

#[cfg(test)]
mod tests {
    use super::*;

    // quantity_test.go TestQuantityString / TestQuantityParseEmit: the canonical forms
    #[test]
    fn quantity_string_is_canonical() {
        for (input, want) in [
            ("0", "0"),
            ("500m", "500m"),
            ("0.5", "500m"),
            (".5", "500m"),
            ("1000m", "1"),
            ("2", "2"),
            ("1.5", "1500m"),
            ("1Gi", "1Gi"),
            ("1024Mi", "1Gi"),
            ("1536Mi", "1536Mi"),
            ("2048Mi", "2Gi"),
            ("1.5Gi", "1536Mi"),
            ("512", "512"),
            ("100Mi", "100Mi"),
            ("1e3", "1e3"),
            ("12e2", "1200"),
            ("1000", "1k"),
            ("1000k", "1M"),
            ("0.1m", "100u"),
            ("1n", "1n"),
            ("0.1n", "1n"),
            ("-1", "-1"),
            ("-0.5", "-500m"),
            ("0.5Ki", "512"),
            ("128974848", "128974848"),
            ("129e6", "129e6"),
            ("123Mi", "123Mi"),
            ("7Ki", "7Ki"),
            ("8Ki", "8Ki"),
            ("1M", "1M"),
            ("1000M", "1G"),
            ("100u", "100u"),
        ] {
            assert_eq!(parse(input).map(|q| q.to_go_string()).as_deref(), Some(want), "{input}");
        }
    }

    #[test]
    fn quantity_cmp_is_exact() {
        let q = |s| parse(s).unwrap();
        assert_eq!(q("1").cmp_value(&q("1000m")), Ordering::Equal);
        assert_eq!(q("1Gi").cmp_value(&q("1G")), Ordering::Greater);
        assert_eq!(q("0.1n").cmp_value(&q("1n")), Ordering::Equal);
        assert!(q("-1").is_negative());
        assert!(parse("1x").is_none());
    }
}

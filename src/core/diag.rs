//! Diagnostics in the API server's words (k8s.io/apimachinery/pkg/util/validation/field/errors.go):
//! `spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive`,
//! plus the object, the field path and a line:column in the pasted text.

use std::fmt::Write as _;
use serde::Serialize;

use super::yaml::Pos;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// field.ErrorType as the API server prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ErrorType {
    Required,
    Invalid,
    Duplicate,
    NotSupported,
    Forbidden,
    TooMany,
    /// Not a field error: apierrors.NewInternalError (`Internal error occurred: …`), e.g. a
    /// nodePort or serviceIP range that is full.
    Internal,
    /// Not a field.ErrorType: YAML syntax or budget problems.
    Syntax,
    /// Not a field.ErrorType: facts about resolution (no endpoints, unresolved named port...).
    Resolution,
    /// Not a field.ErrorType: the object was read but is not modelled.
    Ignored,
    /// Not a field.ErrorType: what kubectl does to the input before an API server sees it (a
    /// repeated YAML key keeps its last value; an object defined again replaces the earlier one).
    /// Not a syntax error: the YAML is read.
    Kubectl,
    TooLong,
    /// field.NotFound (`Not found: <value>`), e.g. a volumeMount naming no volume.
    NotFound,
    /// Not a field.ErrorType: a warning the API server returns with an object it created
    /// (kubectl prints `Warning: …`), e.g. pkg/api/service/warnings.go GetWarningsForService.
    ServerWarning,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: String,
    pub message: String,
    pub object: Option<String>,
    pub field: Option<String>,
    #[serde(rename = "type")]
    pub kind: ErrorType,
    pub line: u32,
    pub column: u32,
    /// Our own words for the learner (how to fix it, what we assumed), kept apart from
    /// `message`, which stays exactly the text the API server / kubectl prints (qa2 E1). JSON
    /// field `hint`, left out when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

// How a field error prints its bad value: k8s.io/apimachinery pkg/util/validation/field/errors.go
// `(*Error).ErrorBody` as upstream has it since "Nicer value rendering in API errors"
// (kubernetes#132314, apimachinery c58e197e, Kubernetes 1.34): an int64, int32, float or bool
// with %v; a `string` with %q (strconv.Quote); anything else — a struct (the internal API types
// have no json tags: Go field names), slice, map, pointer (nil → `null`), intstr.IntOrString,
// resource.Quantity, a named string type — as encoding/json Marshal prints it. Every `Invalid
// value: …` / `Duplicate value: …` / `Unsupported value: …` / `Not found: …` is made with these.

/// A Go `string` bad value: %q, i.e. strconv.Quote (printable Unicode kept, the rest escaped).
pub fn quote(s: &str) -> String {
    go_quote(s)
}

/// strconv.Quote: Go-syntax double-quoted. (Printable non-ASCII characters are kept, as Go
/// does; of the non-printable ones the controls, spaces and format characters are escaped.)
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\x07' => out.push_str("\\a"),
            '\x08' => out.push_str("\\b"),
            '\x0c' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\x0b' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => { let _ = write!(out, "\\x{:02x}", c as u32); },
            c if c.is_ascii() => out.push(c),
            c if c.is_control() || c.is_whitespace() || matches!(c as u32, 0xad | 0x200b..=0x200f | 0x2060..=0x2064 | 0xfeff) => {
                if (c as u32) < 0x10000 {
                    let _ = write!(out, "\\u{:04x}", c as u32);
                } else {
                    let _ = write!(out, "\\U{:08x}", c as u32);
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A bad value that is not a Go `string`/number/bool, as encoding/json Marshal prints it:
/// compact, map keys sorted (serde_json's map is ordered by key), and HTML-safe (`<`, `>`, `&`,
/// U+2028 and U+2029 escaped as `\u003c`…: Marshal's escapeHTML).
pub fn json(v: &serde_json::Value) -> String {
    html_escape(serde_json::to_string(v).unwrap_or_default())
}

/// A Go struct bad value, as encoding/json Marshal prints it: its fields in declaration order
/// (the internal API types have no json tags, so the names are the Go field names, and nothing
/// is omitted), each value as [`json`] prints it.
pub fn json_struct(fields: &[(&str, serde_json::Value)]) -> String {
    let body: Vec<String> = fields.iter().map(|(k, v)| format!("{}:{}", json_str(k), json(v))).collect();
    format!("{{{}}}", body.join(","))
}

/// A string inside a json-printed bad value (a resource.Quantity, a named string type, a
/// string-valued intstr.IntOrString): encoding/json's string encoding.
pub fn json_str(s: &str) -> String {
    html_escape(serde_json::to_string(s).unwrap_or_default())
}

fn html_escape(s: String) -> String {
    if !s.contains(['<', '>', '&', '\u{2028}', '\u{2029}']) {
        return s;
    }
    s.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026").replace('\u{2028}', "\\u2028").replace('\u{2029}', "\\u2029")
}

/// An intstr.IntOrString bad value (Ok: an int, Err: a string): its MarshalJSON, `1` or
/// `"150%"` (k8s.io/apimachinery pkg/util/intstr/intstr.go `MarshalJSON`).
pub fn int_or_string(v: &Result<i64, String>) -> String {
    match v {
        Ok(i) => i.to_string(),
        Err(s) => json_str(s),
    }
}

impl Diagnostic {
    fn field_error(kind: ErrorType, field: &str, pos: Pos, detail: String, code: &str) -> Diagnostic {
        let label = match kind {
            ErrorType::Required => "Required value",
            ErrorType::Invalid => "Invalid value",
            ErrorType::Duplicate => "Duplicate value",
            ErrorType::NotSupported => "Unsupported value",
            ErrorType::Forbidden => "Forbidden",
            ErrorType::TooMany => "Too many",
            ErrorType::TooLong => "Too long",
            ErrorType::NotFound => "Not found",
            _ => "",
        };
        let message = if detail.is_empty() {
            format!("{field}: {label}")
        } else {
            format!("{field}: {label}: {detail}")
        };
        Diagnostic {
            severity: Severity::Error,
            code: code.to_string(),
            message,
            object: None,
            field: Some(field.to_string()),
            kind,
            line: pos.line,
            column: pos.column,
            hint: None,
        }
    }
    /// field.Required(path, detail)
    pub fn required(field: &str, pos: Pos, detail: &str) -> Diagnostic {
        Self::field_error(ErrorType::Required, field, pos, detail.to_string(), "FieldValueRequired")
    }
    /// field.Invalid(path, value, detail); `value` already printed (use [`quote`] for strings).
    pub fn invalid(field: &str, pos: Pos, value: &str, detail: &str) -> Diagnostic {
        Self::field_error(ErrorType::Invalid, field, pos, format!("{value}: {detail}"), "FieldValueInvalid")
    }
    /// field.Duplicate(path, value)
    pub fn duplicate(field: &str, pos: Pos, value: &str) -> Diagnostic {
        Self::field_error(ErrorType::Duplicate, field, pos, value.to_string(), "FieldValueDuplicate")
    }
    /// field.NotSupported(path, value, validValues)
    pub fn not_supported(field: &str, pos: Pos, value: &str, valid: &[&str]) -> Diagnostic {
        Self::not_supported_shown(field, pos, &quote(value), valid)
    }
    /// field.NotSupported of a value that is not a string, `shown` already printed (its JSON).
    pub fn not_supported_shown(field: &str, pos: Pos, shown: &str, valid: &[&str]) -> Diagnostic {
        let list = valid.iter().map(|v| quote(v)).collect::<Vec<_>>().join(", ");
        Self::field_error(ErrorType::NotSupported, field, pos, format!("{shown}: supported values: {list}"), "FieldValueNotSupported")
    }
    /// field.TooLong(path, _, max): `Too long: may not be more than <max> bytes`
    pub fn too_long(field: &str, pos: Pos, max: usize) -> Diagnostic {
        Self::field_error(ErrorType::TooLong, field, pos, format!("may not be more than {max} bytes"), "FieldValueTooLong")
    }
    /// field.NotFound(path, value): `Not found: <value>`
    pub fn not_found(field: &str, pos: Pos, value: &str) -> Diagnostic {
        Self::field_error(ErrorType::NotFound, field, pos, value.to_string(), "FieldValueNotFound")
    }
    /// field.Forbidden(path, detail)
    pub fn forbidden(field: &str, pos: Pos, detail: &str) -> Diagnostic {
        Self::field_error(ErrorType::Forbidden, field, pos, detail.to_string(), "FieldValueForbidden")
    }
    /// apierrors.NewInternalError(err): `Internal error occurred: <err>`, no field.
    pub fn internal(detail: &str, pos: Pos) -> Diagnostic {
        Self::note(Severity::Error, ErrorType::Internal, "InternalError", format!("Internal error occurred: {detail}"), pos)
    }
    /// A diagnostic that is not a field error (syntax, resolution, information).
    pub fn note(severity: Severity, kind: ErrorType, code: &str, message: String, pos: Pos) -> Diagnostic {
        Diagnostic {
            severity,
            code: code.to_string(),
            message,
            object: None,
            field: None,
            kind,
            line: pos.line,
            column: pos.column,
            hint: None,
        }
    }
    pub fn with_severity(mut self, s: Severity) -> Diagnostic {
        self.severity = s;
        self
    }
    pub fn on(mut self, object: &str) -> Diagnostic {
        self.object = Some(object.to_string());
        self
    }
    /// The field path's leading `from` replaced by `to`, in the field and in the message that
    /// begins with it: a template validated as an object of its own, named as the object holding
    /// it names it (a CronJob's job template, a claim template).
    pub fn moved(mut self, from: &str, to: &str) -> Diagnostic {
        if let Some(f) = self.field.take() {
            let moved = match f.strip_prefix(from) {
                Some(rest) => format!("{to}{rest}"),
                None => f.clone(),
            };
            if let Some(rest) = self.message.strip_prefix(f.as_str()) {
                self.message = format!("{moved}{rest}");
            }
            self.field = Some(moved);
        }
        self
    }
    pub fn at_field(mut self, field: &str) -> Diagnostic {
        self.field = Some(field.to_string());
        self
    }
    pub fn code(mut self, code: &str) -> Diagnostic {
        self.code = code.to_string();
        self
    }
    /// Our hint, beside the upstream `message` (a second hint joins the first after "; ").
    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.add_hint(hint);
        self
    }
    /// [`Self::hint`] on a diagnostic in place.
    pub fn add_hint(&mut self, hint: impl Into<String>) {
        let hint = hint.into();
        if hint.is_empty() {
            return;
        }
        self.hint = Some(match self.hint.take() {
            Some(h) => format!("{h}; {hint}"),
            None => hint,
        });
    }
    /// The message with our hint after it in parentheses, for our own prose that quotes the
    /// diagnostic (the checklist's Why texts): `message (hint)`.
    pub fn message_and_hint(&self) -> String {
        match &self.hint {
            Some(h) => format!("{} ({h})", self.message),
            None => self.message.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // k8s.io/apimachinery/pkg/util/validation/field/errors.go Error.ErrorBody
    #[test]
    fn messages_read_like_the_api_server() {
        let p = Pos { line: 3, column: 5 };
        assert_eq!(
            Diagnostic::invalid("spec.ports[0].port", p, "0", "must be between 1 and 65535, inclusive").message,
            "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive"
        );
        assert_eq!(Diagnostic::required("spec.ports[1].name", p, "").message, "spec.ports[1].name: Required value");
        assert_eq!(
            Diagnostic::not_supported("spec.type", p, "Foo", &["ClusterIP", "NodePort"]).message,
            "spec.type: Unsupported value: \"Foo\": supported values: \"ClusterIP\", \"NodePort\""
        );
    }
}

//! Diagnostics in the API server's words (k8s.io/apimachinery/pkg/util/validation/field/errors.go):
//! `spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive`,
//! plus the object, the field path and a line:column in the pasted text.

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
}

/// How Go's %v / strconv.Quote print a value in `Invalid value: <v>`.
pub fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
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
    pub fn at_field(mut self, field: &str) -> Diagnostic {
        self.field = Some(field.to_string());
        self
    }
    pub fn code(mut self, code: &str) -> Diagnostic {
        self.code = code.to_string();
        self
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

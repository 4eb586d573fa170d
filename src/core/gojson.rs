//! What Go's encoding/json says of text it cannot unmarshal, for JSON held in a string (the
//! autoscaling/v1 HorizontalPodAutoscaler's `autoscaling.alpha.kubernetes.io/*` annotations):
//! the syntax check every json.Unmarshal runs first (encoding/json scanner.go `checkValid`, its
//! state functions and their `invalid character … <context>` words, `unexpected end of JSON
//! input`), then the kind of the top-level value against the Go type (decode.go
//! UnmarshalTypeError, `json: cannot unmarshal object into Go value of type []v1.MetricSpec`).

#[derive(Clone, Copy)]
enum St {
    BeginValue,
    BeginValueOrEmpty,
    BeginStringOrEmpty,
    BeginString,
    EndValue,
    EndTop,
    InString,
    InStringEsc,
    /// `\u` and this many hex digits
    U(u8),
    Neg,
    One,
    Zero,
    Dot,
    Dot0,
    E,
    ESign,
    E0,
    /// inside `true` / `false` / `null`, expecting its byte at this index
    Lit(&'static str, usize),
}

#[derive(Clone, Copy, PartialEq)]
enum Ps {
    ObjectKey,
    ObjectValue,
    ArrayValue,
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n')
}

/// scanner.go quoteChar.
fn quote_char(c: u8) -> String {
    match c {
        b'\'' => "'\\''".into(),
        b'"' => "'\"'".into(),
        _ => {
            let q = super::diag::go_quote(&char::from(c).to_string());
            format!("'{}'", &q[1..q.len() - 1])
        }
    }
}

struct Scanner {
    st: St,
    stack: Vec<Ps>,
    end_top: bool,
}

impl Scanner {
    fn err(c: u8, context: &str) -> Result<(), String> {
        Err(format!("invalid character {} {context}", quote_char(c)))
    }

    fn pop(&mut self) {
        self.stack.pop();
        if self.stack.is_empty() {
            self.st = St::EndTop;
            self.end_top = true;
        } else {
            self.st = St::EndValue;
        }
    }

    fn end_value(&mut self, c: u8) -> Result<(), String> {
        let Some(&top) = self.stack.last() else {
            self.st = St::EndTop;
            self.end_top = true;
            return self.step(c);
        };
        if is_space(c) {
            self.st = St::EndValue;
            return Ok(());
        }
        match top {
            Ps::ObjectKey if c == b':' => {
                *self.stack.last_mut().unwrap() = Ps::ObjectValue;
                self.st = St::BeginValue;
                Ok(())
            }
            Ps::ObjectKey => Self::err(c, "after object key"),
            Ps::ObjectValue if c == b',' => {
                *self.stack.last_mut().unwrap() = Ps::ObjectKey;
                self.st = St::BeginString;
                Ok(())
            }
            Ps::ObjectValue if c == b'}' => {
                self.pop();
                Ok(())
            }
            Ps::ObjectValue => Self::err(c, "after object key:value pair"),
            Ps::ArrayValue if c == b',' => {
                self.st = St::BeginValue;
                Ok(())
            }
            Ps::ArrayValue if c == b']' => {
                self.pop();
                Ok(())
            }
            Ps::ArrayValue => Self::err(c, "after array element"),
        }
    }

    fn begin_value(&mut self, c: u8) -> Result<(), String> {
        if is_space(c) {
            return Ok(());
        }
        self.st = match c {
            b'{' => {
                self.stack.push(Ps::ObjectKey);
                St::BeginStringOrEmpty
            }
            b'[' => {
                self.stack.push(Ps::ArrayValue);
                St::BeginValueOrEmpty
            }
            b'"' => St::InString,
            b'-' => St::Neg,
            b'0' => St::Zero,
            b't' => St::Lit("true", 1),
            b'f' => St::Lit("false", 1),
            b'n' => St::Lit("null", 1),
            b'1'..=b'9' => St::One,
            _ => return Self::err(c, "looking for beginning of value"),
        };
        Ok(())
    }

    fn step(&mut self, c: u8) -> Result<(), String> {
        match self.st {
            St::BeginValue => self.begin_value(c),
            St::BeginValueOrEmpty => {
                if is_space(c) {
                    Ok(())
                } else if c == b']' {
                    self.end_value(c)
                } else {
                    self.begin_value(c)
                }
            }
            St::BeginStringOrEmpty => {
                if is_space(c) {
                    Ok(())
                } else if c == b'}' {
                    *self.stack.last_mut().unwrap() = Ps::ObjectValue;
                    self.end_value(c)
                } else {
                    self.st = St::BeginString;
                    self.step(c)
                }
            }
            St::BeginString => {
                if is_space(c) {
                    Ok(())
                } else if c == b'"' {
                    self.st = St::InString;
                    Ok(())
                } else {
                    Self::err(c, "looking for beginning of object key string")
                }
            }
            St::EndValue => self.end_value(c),
            St::EndTop => {
                if is_space(c) {
                    Ok(())
                } else {
                    Self::err(c, "after top-level value")
                }
            }
            St::InString => {
                match c {
                    b'"' => self.st = St::EndValue,
                    b'\\' => self.st = St::InStringEsc,
                    c if c < 0x20 => return Self::err(c, "in string literal"),
                    _ => {}
                }
                Ok(())
            }
            St::InStringEsc => {
                self.st = match c {
                    b'b' | b'f' | b'n' | b'r' | b't' | b'\\' | b'/' | b'"' => St::InString,
                    b'u' => St::U(0),
                    _ => return Self::err(c, "in string escape code"),
                };
                Ok(())
            }
            St::U(k) => {
                if !c.is_ascii_hexdigit() {
                    return Self::err(c, "in \\u hexadecimal character escape");
                }
                self.st = if k == 3 { St::InString } else { St::U(k + 1) };
                Ok(())
            }
            St::Neg => {
                self.st = match c {
                    b'0' => St::Zero,
                    b'1'..=b'9' => St::One,
                    _ => return Self::err(c, "in numeric literal"),
                };
                Ok(())
            }
            St::One if c.is_ascii_digit() => Ok(()),
            St::One | St::Zero => match c {
                b'.' => {
                    self.st = St::Dot;
                    Ok(())
                }
                b'e' | b'E' => {
                    self.st = St::E;
                    Ok(())
                }
                _ => self.end_value(c),
            },
            St::Dot => {
                if !c.is_ascii_digit() {
                    return Self::err(c, "after decimal point in numeric literal");
                }
                self.st = St::Dot0;
                Ok(())
            }
            St::Dot0 => match c {
                b'0'..=b'9' => Ok(()),
                b'e' | b'E' => {
                    self.st = St::E;
                    Ok(())
                }
                _ => self.end_value(c),
            },
            St::E if c == b'+' || c == b'-' => {
                self.st = St::ESign;
                Ok(())
            }
            St::E | St::ESign => {
                if !c.is_ascii_digit() {
                    return Self::err(c, "in exponent of numeric literal");
                }
                self.st = St::E0;
                Ok(())
            }
            St::E0 => {
                if c.is_ascii_digit() {
                    Ok(())
                } else {
                    self.end_value(c)
                }
            }
            St::Lit(word, i) => {
                let want = word.as_bytes()[i];
                if c != want {
                    return Self::err(c, &format!("in literal {word} (expecting {})", quote_char(want)));
                }
                self.st = if i + 1 == word.len() { St::EndValue } else { St::Lit(word, i + 1) };
                Ok(())
            }
        }
    }
}

/// scanner.go checkValid: the SyntaxError's message, if `text` is not one JSON value.
pub fn syntax_error(text: &str) -> Option<String> {
    let mut s = Scanner { st: St::BeginValue, stack: Vec::new(), end_top: false };
    for &c in text.as_bytes() {
        if let Err(e) = s.step(c) {
            return Some(e);
        }
    }
    // eof
    if s.end_top {
        return None;
    }
    if let Err(e) = s.step(b' ') {
        return Some(e);
    }
    if s.end_top {
        None
    } else {
        Some("unexpected end of JSON input".into())
    }
}

/// encoding/json's `Decoder` reading a stream of values (stream.go `readValue`), as apimachinery
/// pkg/util/yaml/decoder.go `YAMLOrJSONDecoder` runs it on a stream whose first non-space byte
/// is `{` (`GuessJSONStream`): each value's byte range, in order, and the error that stops the
/// stream — the offending byte's index and kubectl's words: `JSONSyntaxError.Error`'s `json:
/// offset N: <the SyntaxError>` (N counts the bytes read, the offending one included, from the
/// stream's start: the scanner's `bytes` is never reset between values), or `unexpected EOF`
/// (io.ErrUnexpectedEOF: a value cut short).
pub(crate) fn stream_values(b: &[u8]) -> (Vec<std::ops::Range<usize>>, Option<(usize, String)>) {
    let mut values = Vec::new();
    let mut i = 0;
    loop {
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        if i == b.len() {
            return (values, None);
        }
        let start = i;
        let mut s = Scanner { st: St::BeginValue, stack: Vec::new(), end_top: false };
        loop {
            if i == b.len() {
                // a top-level number ends at EOF (the invented space of readValue); else cut short
                if s.step(b' ').is_ok() && s.end_top {
                    values.push(start..i);
                    return (values, None);
                }
                return (values, Some((i, "unexpected EOF".into())));
            }
            if let Err(e) = s.step(b[i]) {
                return (values, Some((i, format!("json: offset {}: {e}", i + 1))));
            }
            i += 1;
            if s.end_top {
                values.push(start..i);
                break;
            }
        }
    }
}

/// json.Unmarshal of `text` into a Go slice `[]<elem>` (`elem` as reflect prints it, e.g.
/// `v1.MetricSpec`, a struct): the error it returns, when that is known exactly — a syntax
/// error, a top-level value that is no list, or a list item that is no object before any object
/// item (an object's own fields are not checked, so an error after one is not known).
pub fn unmarshal_struct_slice_error(text: &str, elem: &str) -> Option<String> {
    if let Some(e) = syntax_error(text) {
        return Some(e);
    }
    // the text is one JSON value (checkValid above): the kinds are read off it with the crate's
    // JSON reader (share::Json), not parsed into a serde_json::Value (issue #12, bundle)
    let kind = |c: u8| match c {
        b'{' => "object",
        b'[' => "array",
        b'"' => "string",
        b't' | b'f' => "bool",
        b'n' => "null",
        _ => "number",
    };
    let mut p = super::share::Json::new(text.as_bytes());
    match p.peek()? {
        b'n' => None,
        b'[' => {
            p.eat(b'[');
            if p.eat(b']') {
                return None;
            }
            loop {
                match p.peek()? {
                    // decode.go literalStore: null into a struct is ignored
                    b'n' => {}
                    b'{' => return None,
                    other => return Some(format!("json: cannot unmarshal {} into Go value of type {elem}", kind(other))),
                }
                p.skip().ok()?;
                if !p.eat(b',') {
                    return None;
                }
            }
        }
        other => Some(format!("json: cannot unmarshal {} into Go value of type []{elem}", kind(other))),
    }
}

/// The string at `key` of a top-level JSON object (the last one written, as a map keeps it),
/// what `serde_json::from_str::<Value>(text)?.get(key)?.as_str()` gave: None when `text` is not
/// one JSON value, not an object, or its `key` is no string.
pub fn top_string_field(text: &str, key: &str) -> Option<String> {
    let mut p = super::share::Json::new(text.as_bytes());
    if !p.eat(b'{') {
        return None;
    }
    let mut found = None;
    if !p.eat(b'}') {
        loop {
            let k = p.string().ok()?;
            if !p.eat(b':') {
                return None;
            }
            if k == key && p.peek() == Some(b'"') {
                found = Some(p.string().ok()?);
            } else {
                if k == key {
                    found = None;
                }
                p.skip().ok()?;
            }
            if p.eat(b'}') {
                break;
            }
            if !p.eat(b',') {
                return None;
            }
        }
    }
    if p.at_end() {
        found
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // encoding/json scanner.go: the messages of checkValid (each case as Go's scanner_test /
    // json.Unmarshal gives it)
    #[test]
    fn check_valid_messages_as_go() {
        assert_eq!(syntax_error("[]"), None);
        assert_eq!(syntax_error(" {\"a\": [1, -2.5e+3, true, null, \"x\\u00e9\"]} "), None);
        assert_eq!(syntax_error(""), Some("unexpected end of JSON input".into()));
        assert_eq!(syntax_error("[{\"type\": \"Pods\"}"), Some("unexpected end of JSON input".into()));
        assert_eq!(syntax_error("cpu"), Some("invalid character 'c' looking for beginning of value".into()));
        assert_eq!(syntax_error("[{type: Pods}]"), Some("invalid character 't' looking for beginning of object key string".into()));
        assert_eq!(syntax_error("[{'type': 1}]"), Some("invalid character '\\'' looking for beginning of object key string".into()));
        assert_eq!(syntax_error("{\"a\" 1}"), Some("invalid character '1' after object key".into()));
        assert_eq!(syntax_error("{\"a\": 1 \"b\": 2}"), Some("invalid character '\"' after object key:value pair".into()));
        assert_eq!(syntax_error("[1 2]"), Some("invalid character '2' after array element".into()));
        assert_eq!(syntax_error("[1,]"), Some("invalid character ']' looking for beginning of value".into()));
        assert_eq!(syntax_error("[] x"), Some("invalid character 'x' after top-level value".into()));
        assert_eq!(syntax_error("[tru]"), Some("invalid character ']' in literal true (expecting 'e')".into()));
        assert_eq!(syntax_error("[nil]"), Some("invalid character 'i' in literal null (expecting 'u')".into()));
        assert_eq!(syntax_error("[01]"), Some("invalid character '1' after array element".into()));
        assert_eq!(syntax_error("[1.]"), Some("invalid character ']' after decimal point in numeric literal".into()));
        assert_eq!(syntax_error("[1e]"), Some("invalid character ']' in exponent of numeric literal".into()));
        assert_eq!(syntax_error("[-]"), Some("invalid character ']' in numeric literal".into()));
        assert_eq!(syntax_error("[\"a\tb\"]"), Some("invalid character '\\t' in string literal".into()));
        assert_eq!(syntax_error("[\"\\x\"]"), Some("invalid character 'x' in string escape code".into()));
        assert_eq!(syntax_error("[\"\\u12g4\"]"), Some("invalid character 'g' in \\u hexadecimal character escape".into()));
    }

    #[test]
    fn unmarshal_into_a_slice_of_structs() {
        let e = |t: &str| unmarshal_struct_slice_error(t, "v1.MetricSpec");
        assert_eq!(e("null"), None);
        assert_eq!(e("[{\"type\":\"Pods\"}, 1]"), None);
        assert_eq!(e("{\"type\":\"Pods\"}"), Some("json: cannot unmarshal object into Go value of type []v1.MetricSpec".into()));
        assert_eq!(e("\"x\""), Some("json: cannot unmarshal string into Go value of type []v1.MetricSpec".into()));
        assert_eq!(e("[null, \"Pods\"]"), Some("json: cannot unmarshal string into Go value of type v1.MetricSpec".into()));
    }
}

//! Unicode default case conversion (`str::to_lowercase` / `str::to_uppercase`) without std's
//! case tables in the page (issue #12, bundle: `LOWERCASE_TABLE` and `UPPERCASE_TABLE` were
//! 27 KB of the wasm's data, ~12 KB gzipped). ASCII text (every Kubernetes name, kind and
//! keyword) is converted here; any other text natively by std and in the page by the browser's
//! `String.prototype.toLowerCase` / `toUpperCase`, which ECMA-262 (sec. 22.1.3.28
//! String.prototype.toLowerCase, 22.1.3.30 toUpperCase) defines as the same full, locale-free
//! Unicode default case conversion (SpecialCasing's unconditional mappings, Final_Sigma
//! included) that std implements. `tests_sizefix` refuses std's conversions in shipped code.

/// `s.to_lowercase()`.
pub fn lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::JsString::from(s).to_lower_case())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        s.to_lowercase()
    }
}

/// `s.to_uppercase()`.
pub fn upper(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_uppercase();
    }
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::JsString::from(s).to_upper_case())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        s.to_uppercase()
    }
}

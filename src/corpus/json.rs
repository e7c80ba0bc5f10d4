//! One JSONL record into id, metadata and text, in one pass over the line. Values other than the
//! text are taken as written in the line (serde_json's `RawValue`), so numbers keep every digit:
//! `2.50` stays `2.50`, a 21-digit id is not rounded to a float. Strings are unescaped, `null` is
//! empty, arrays and objects are kept as compact JSON. A text that is not a string is an error.

use super::ReadOptions;
use serde::de::{DeserializeSeed, Deserializer, Error as _, MapAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::Value;
use std::fmt;

/// Id (empty when absent), metadata in the order of the object, text.
pub(crate) type Parsed = (String, Vec<(String, String)>, String);

/// Why a line is not a document.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum JsonError {
    /// Not JSON, not an object, or a text that is not a string.
    Invalid(String),
    /// An object without the text field (usually every line of the file: the wrong
    /// `--text-field`); the message lists the fields the line has.
    NoText(String),
}

impl JsonError {
    #[cfg(test)]
    fn message(&self) -> &str {
        match self {
            JsonError::Invalid(message) | JsonError::NoText(message) => message,
        }
    }
}

pub(crate) fn parse_json(bytes: &[u8], options: &ReadOptions) -> Result<Parsed, JsonError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let members = Members { options }
        .deserialize(&mut deserializer)
        .and_then(|members| deserializer.end().map(|()| members))
        .map_err(|e| match e.classify() {
            serde_json::error::Category::Data => JsonError::Invalid("expected a JSON object".to_string()),
            _ => JsonError::Invalid(format!("invalid JSON: {e}")),
        })?;
    let Object { id, id_seen, meta, text } = members;
    let key = &options.text_field;
    match text {
        Some(Value::String(text)) => Ok((id, meta, text)),
        Some(other) => Err(JsonError::Invalid(format!("text field \"{key}\" is {}", not_text(&other)))),
        None => {
            let id_field = id_seen.then_some(options.id_field.as_str());
            let fields: Vec<&str> = id_field.into_iter().chain(meta.iter().map(|(name, _)| name.as_str())).collect();
            let fields = if fields.is_empty() { "none".to_string() } else { fields.join(", ") };
            Err(JsonError::NoText(format!(
                "no field '{key}' for the text (fields: {fields}); choose one with --text-field"
            )))
        }
    }
}

/// Reads the members of the object (the seed knows which field is which).
struct Members<'o> {
    options: &'o ReadOptions,
}

struct Object {
    id: String,
    id_seen: bool,
    meta: Vec<(String, String)>,
    text: Option<Value>,
}

impl<'de> DeserializeSeed<'de> for Members<'_> {
    type Value = Object;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Object, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Members<'_> {
    type Value = Object;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Object, A::Error> {
        let mut object = Object {
            id: String::new(),
            id_seen: false,
            meta: Vec::with_capacity(map.size_hint().unwrap_or(8)),
            text: None,
        };
        while let Some(key) = map.next_key::<String>()? {
            if key == self.options.text_field {
                object.text = Some(map.next_value()?);
                continue;
            }
            let raw: &RawValue = map.next_value()?;
            let value = cell(raw.get()).map_err(A::Error::custom)?;
            if key == self.options.id_field {
                object.id = value;
                object.id_seen = true;
            } else {
                object.meta.push((key, value));
            }
        }
        Ok(object)
    }
}

/// A JSON value, as written, as a cell.
fn cell(json: &str) -> Result<String, serde_json::Error> {
    Ok(match json.as_bytes().first() {
        Some(b'"') => serde_json::from_str(json)?,
        Some(b'n') => String::new(),
        Some(b'[' | b'{') => compact(json),
        _ => json.to_string(),
    })
}

/// Valid JSON without the whitespace between tokens.
fn compact(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            (in_string, escaped) = (escaped || c != '"', !escaped && c == '\\');
        } else if c == '"' {
            in_string = true;
        } else if matches!(c, ' ' | '\t' | '\n' | '\r') {
            continue;
        }
        out.push(c);
    }
    out
}

/// What a text field holds instead of a string.
fn not_text(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean, not a string",
        Value::Number(_) => "a number, not a string",
        Value::Array(_) => "an array, not a string",
        Value::Object(_) | Value::String(_) => "an object, not a string",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(line: &str) -> Result<Parsed, String> {
        parse_json(line.as_bytes(), &ReadOptions::default()).map_err(|e| e.message().to_string())
    }

    #[test]
    fn numbers_are_kept_as_written() {
        let line = r#"{"id": 123456789012345678901, "score": 2.50, "n": {"a": [1.10, -0, 1E5, " x\" "]}, "text": "t"}"#;
        let (id, meta, text) = json(line).unwrap();
        assert_eq!(id, "123456789012345678901");
        assert_eq!(meta, [("score".into(), "2.50".into()), ("n".into(), r#"{"a":[1.10,-0,1E5," x\" "]}"#.into())]);
        assert_eq!(text, "t");
    }

    #[test]
    fn strings_are_unescaped_and_null_is_empty() {
        let (id, meta, _) = json(r#"{"id": null, "who": "A\u00e9\"", "ok": true, "text": "t"}"#).unwrap();
        assert_eq!(id, "");
        assert_eq!(meta, [("who".into(), "Aé\"".into()), ("ok".into(), "true".into())]);
    }

    #[test]
    fn a_text_that_is_not_a_string_is_an_error() {
        let rows = [
            ("null", "text field \"text\" is null"),
            ("5", "text field \"text\" is a number, not a string"),
            ("true", "text field \"text\" is a boolean, not a string"),
            ("[\"a\"]", "text field \"text\" is an array, not a string"),
            ("{\"a\": 1}", "text field \"text\" is an object, not a string"),
        ];
        for (value, message) in rows {
            assert_eq!(json(&format!("{{\"id\": \"x\", \"text\": {value}}}")).unwrap_err(), message, "{value}");
        }
        assert_eq!(json("{\"id\": \"x\", \"text\": \"\"}").unwrap().2, "", "an empty string is an empty document");
    }

    #[test]
    fn not_an_object_and_not_json() {
        assert_eq!(json("[1, 2]").unwrap_err(), "expected a JSON object");
        assert_eq!(json("\"text\"").unwrap_err(), "expected a JSON object");
        assert!(json("{\"text\": ").unwrap_err().starts_with("invalid JSON: "));
        assert!(json("{\"text\": \"a\"} trailing").unwrap_err().starts_with("invalid JSON: "));
        assert_eq!(
            json("{\"id\": 1, \"body\": \"b\", \"date\": null}").unwrap_err(),
            "no field 'text' for the text (fields: id, body, date); choose one with --text-field"
        );
        assert_eq!(
            json("{}").unwrap_err(),
            "no field 'text' for the text (fields: none); choose one with --text-field"
        );
        let missing = parse_json(b"{\"body\": \"b\"}", &ReadOptions::default()).unwrap_err();
        assert!(matches!(missing, JsonError::NoText(_)), "{missing:?}");
    }
}

//! A document's date, for "first seen" and "last seen": the value of `--date-field`, or by default
//! of the field `date`, else `year`. Values are compared on one scale (ISO dates with an optional
//! time, years, other numbers: see `reuse::parse_order`); a value that is not a date, a year or a
//! number (`NA`) counts as no date.

use crate::reuse::parse_order;

/// Where a document's date is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum DateField {
    /// `date` when the document has a usable one, else `year`.
    #[default]
    DateOrYear,
    /// This field only.
    Field(String),
}

/// A date as written, with its place on the common scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dated<'a> {
    /// The value as written.
    pub raw: &'a str,
    /// Its position in time (`None` when it is not a date, a year or a number).
    pub key: Option<f64>,
}

impl DateField {
    /// The date of a document with metadata `meta`, if any field applies.
    pub fn value<'m>(&self, meta: &'m [(String, String)]) -> Option<Dated<'m>> {
        let field = |name: &str| {
            meta.iter()
                .find(|(key, value)| key == name && !value.trim().is_empty())
                .map(|(_, value)| Dated { raw: value.as_str(), key: parse_order(value) })
        };
        match self {
            DateField::Field(name) => field(name),
            DateField::DateOrYear => match field("date") {
                Some(date) if date.key.is_some() => Some(date),
                date => field("year").filter(|year| year.key.is_some()).or(date),
            },
        }
    }
}

/// The earliest and the latest date seen (the first seen wins ties), kept as written.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Span {
    pub first: Option<(f64, String)>,
    pub last: Option<(f64, String)>,
}

impl Span {
    pub fn see(&mut self, date: Option<Dated>) {
        let Some(Dated { raw, key: Some(key) }) = date else { return };
        if self.first.as_ref().is_none_or(|(k, _)| key < *k) {
            self.first = Some((key, raw.to_string()));
        }
        if self.last.as_ref().is_none_or(|(k, _)| key > *k) {
            self.last = Some((key, raw.to_string()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn date_else_year() {
        let default = DateField::default();
        assert_eq!(default.value(&meta(&[("date", "2022-02-21"), ("year", "2022")])).unwrap().raw, "2022-02-21");
        assert_eq!(default.value(&meta(&[("date", "NA"), ("year", "2001")])).unwrap().raw, "2001");
        assert_eq!(default.value(&meta(&[("date", "NA")])).unwrap().key, None);
        assert_eq!(default.value(&meta(&[("country", "RUS")])), None);
        let session = DateField::Field("session".into());
        assert_eq!(session.value(&meta(&[("session", "77"), ("year", "2022")])).unwrap().key, Some(77.0));
    }

    #[test]
    fn span_keeps_the_extremes_as_written() {
        let mut span = Span::default();
        for raw in ["2001", "1999-05-01", "NA", "2003", "1999-05-01T00:00:00Z"] {
            span.see(Some(Dated { raw, key: parse_order(raw) }));
        }
        assert_eq!(span.first.unwrap().1, "1999-05-01");
        assert_eq!(span.last.unwrap().1, "2003");
    }
}

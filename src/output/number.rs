//! Number formatting for the tables: fixed at four decimals, trailing zeros dropped, so that the
//! same value is always written with the same bytes (`0.25`, `12`, `3.3333`).

/// Formats `value` with at most four decimals.
pub fn format_number(value: f64) -> String {
    let mut text = format!("{value:.4}");
    if text.contains('.') {
        while text.ends_with('0') {
            text.pop();
        }
        if text.ends_with('.') {
            text.pop();
        }
    }
    if text == "-0" {
        text = "0".into();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::format_number;

    #[test]
    fn table() {
        for (value, expected) in
            [(0.0, "0"), (12.0, "12"), (0.25, "0.25"), (10.0 / 3.0, "3.3333"), (0.99999, "1"), (-0.00001, "0")]
        {
            assert_eq!(format_number(value), expected);
        }
    }
}

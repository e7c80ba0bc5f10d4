//! Number formatting for the tables: fixed at four decimals, trailing zeros dropped, so that the
//! same value is always written with the same bytes (`0.25`, `12`, `3.3333`).

/// Formats `value` with at most four decimals (rounded half away from zero).
pub fn format_number(value: f64) -> String {
    let scaled = (value * 10_000.0).round();
    if scaled.abs() < 1e15 {
        let scaled = scaled as i64;
        let (whole, fraction) = (scaled.abs() / 10_000, scaled.abs() % 10_000);
        let sign = if scaled < 0 { "-" } else { "" };
        if fraction == 0 {
            return format!("{sign}{whole}");
        }
        let digits = format!("{fraction:04}");
        return format!("{sign}{whole}.{}", digits.trim_end_matches('0'));
    }
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

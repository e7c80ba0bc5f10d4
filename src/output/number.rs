//! Number formatting for the tables: fixed at four decimals, trailing zeros dropped, so that the
//! same value is always written with the same bytes (`0.25`, `12`, `3.3333`).

/// Formats `value` with at most four decimals (rounded half away from zero).
pub fn format_number(value: f64) -> String {
    let mut text = String::with_capacity(24);
    push_number(&mut text, value);
    text
}

/// Appends `value` to `text` as [`format_number`] writes it (without allocating, for the tables of
/// millions of rows).
pub fn push_number(text: &mut String, value: f64) {
    let scaled = (value * 10_000.0).round();
    if scaled.abs() < 1e15 {
        let scaled = scaled as i64;
        let (whole, fraction) = (scaled.abs() / 10_000, scaled.abs() % 10_000);
        if scaled < 0 {
            text.push('-');
        }
        push_digits(text, whole as u64);
        if fraction != 0 {
            text.push('.');
            let mut fraction = fraction;
            let mut width = 4;
            while fraction % 10 == 0 {
                fraction /= 10;
                width -= 1;
            }
            let start = text.len();
            push_digits(text, fraction as u64);
            // Leading zeros of the fraction (0.05 is "05" before trailing zeros are dropped).
            let written = text.len() - start;
            for _ in written..width {
                text.insert(start, '0');
            }
        }
        return;
    }
    let mut wide = format!("{value:.4}");
    if wide.contains('.') {
        while wide.ends_with('0') {
            wide.pop();
        }
        if wide.ends_with('.') {
            wide.pop();
        }
    }
    text.push_str(if wide == "-0" { "0" } else { &wide });
}

/// Appends the decimal digits of `n` (no allocation: this runs for every number of every table).
fn push_digits(text: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    text.push_str(std::str::from_utf8(&digits[at..]).expect("ASCII digits"));
}

#[cfg(test)]
mod tests {
    use super::format_number;

    #[test]
    fn table() {
        for (value, expected) in [
            (0.0, "0"),
            (12.0, "12"),
            (0.25, "0.25"),
            (10.0 / 3.0, "3.3333"),
            (0.99999, "1"),
            (-0.00001, "0"),
            (0.05, "0.05"),
            (-2.0005, "-2.0005"),
            (1234.5, "1234.5"),
            (0.0001, "0.0001"),
            (-0.25, "-0.25"),
        ] {
            assert_eq!(format_number(value), expected);
        }
    }
}

//! Order values: which document is "earlier". An `--order-by` value may be an ISO date
//! (`2022-02-21`, optionally with a time: `2022-02-21T17:30:00Z`), a year (`1994`) or any number
//! (`77`, `3.5`). Dates and years share one scale (a year is its first of January), so a field
//! mixing the two still orders correctly.

/// A sortable position in time (or any numeric order).
pub type OrderKey = f64;

/// Parses an order value; `None` when it is empty or not a date or number.
pub fn parse_order(value: &str) -> Option<OrderKey> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if let Some(date) = parse_date(value) {
        return Some(date);
    }
    value.parse::<f64>().ok().filter(|v| v.is_finite())
}

fn parse_date(value: &str) -> Option<f64> {
    let (date, time) = match value.find(['T', ' ']) {
        Some(i) => (&value[..i], Some(&value[i + 1..])),
        None => (value, None),
    };
    let mut parts = date.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || year.len() != 4 || month.len() != 2 || day.len() != 2 {
        return None;
    }
    let (year, month, day): (u32, u32, u32) = (year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let seconds = time.and_then(parse_time).unwrap_or(0.0);
    let day_of_year = f64::from((month - 1) * 31 + (day - 1)) + seconds / 86_400.0;
    Some(f64::from(year) + day_of_year / 372.0)
}

fn parse_time(time: &str) -> Option<f64> {
    let mut parts = time.trim_end_matches('Z').split(':');
    let hours: f64 = parts.next()?.parse().ok()?;
    let minutes: f64 = parts.next().unwrap_or("0").parse().ok()?;
    let seconds: f64 = parts.next().unwrap_or("0").get(..2).unwrap_or("0").parse().ok()?;
    Some(hours * 3600.0 + minutes * 60.0 + seconds)
}

#[cfg(test)]
mod tests {
    use super::parse_order;

    #[test]
    fn dates_years_and_numbers_sort_together() {
        let ordered = ["1994", "1994-03-02", "1994-03-02T09:00:00Z", "1994-12-31", "1995"];
        let keys: Vec<f64> = ordered.iter().map(|v| parse_order(v).unwrap()).collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "{keys:?}");
        assert_eq!(parse_order("77"), Some(77.0));
        for bad in ["", "NA", "2022-13-01", "21.02.2022", "soon"] {
            assert_eq!(parse_order(bad), None, "{bad}");
        }
    }
}

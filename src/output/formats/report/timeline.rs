//! Time bins for the "frames over time" charts: the resolution is chosen from the span of the
//! documents' dates — months up to three years, quarters up to twelve, years up to eighty, then
//! decades — and every bin between the first and the last date is listed, empty ones included, so
//! that gaps show. A corpus dated only by years is binned by year (or decade). Documents without a
//! usable date are in no bin; the page lists them apart.

/// How finely time is binned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Resolution {
    Month,
    Quarter,
    Year,
    Decade,
}

impl Resolution {
    pub fn name(self) -> &'static str {
        match self {
            Resolution::Month => "month",
            Resolution::Quarter => "quarter",
            Resolution::Year => "year",
            Resolution::Decade => "decade",
        }
    }

    /// The bin number of a date (months, quarters, years or decades since year 0).
    fn ordinal(self, year: u32, month: Option<u32>) -> u32 {
        match self {
            Resolution::Month => year * 12 + month.unwrap_or(1) - 1,
            Resolution::Quarter => year * 4 + (month.unwrap_or(1) - 1) / 3,
            Resolution::Year => year,
            Resolution::Decade => year / 10,
        }
    }

    fn label(self, ordinal: u32) -> String {
        match self {
            Resolution::Month => format!("{:04}-{:02}", ordinal / 12, ordinal % 12 + 1),
            Resolution::Quarter => format!("{:04}-Q{}", ordinal / 4, ordinal % 4 + 1),
            Resolution::Year => format!("{ordinal:04}"),
            Resolution::Decade => format!("{:04}s", ordinal * 10),
        }
    }
}

/// The bins of a corpus and the bin of each document.
#[derive(Debug, Clone, Default)]
pub(super) struct Timeline {
    /// `None` when no document has a usable date.
    pub resolution: Option<Resolution>,
    /// The label of each bin, in time order.
    pub labels: Vec<String>,
    /// Per document, its bin.
    pub bin_of: Vec<Option<usize>>,
}

/// Bins documents by their (year, month) dates.
pub(super) fn bin_documents(dates: &[Option<(u32, Option<u32>)>]) -> Timeline {
    let dated: Vec<(u32, Option<u32>)> = dates.iter().flatten().copied().collect();
    let Some(&first) = dated.iter().min() else {
        return Timeline { resolution: None, labels: Vec::new(), bin_of: vec![None; dates.len()] };
    };
    let last = *dated.iter().max().expect("not empty");
    let all_months = dated.iter().all(|(_, month)| month.is_some());
    let months = (last.0 * 12 + last.1.unwrap_or(12)) - (first.0 * 12 + first.1.unwrap_or(1)) + 1;
    let resolution = match (all_months, months) {
        (true, m) if m <= 36 => Resolution::Month,
        (true, m) if m <= 144 => Resolution::Quarter,
        _ if last.0 - first.0 < 80 => Resolution::Year,
        _ => Resolution::Decade,
    };
    let start = resolution.ordinal(first.0, first.1);
    let end = resolution.ordinal(last.0, last.1);
    let labels = (start..=end).map(|ordinal| resolution.label(ordinal)).collect();
    let bin_of =
        dates.iter().map(|date| date.map(|(year, month)| (resolution.ordinal(year, month) - start) as usize)).collect();
    Timeline { resolution: Some(resolution), labels, bin_of }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_resolution_follows_the_span() {
        let months = bin_documents(&[Some((2021, Some(10))), None, Some((2022, Some(5)))]);
        assert_eq!(months.resolution, Some(Resolution::Month));
        assert_eq!(months.labels.first().map(String::as_str), Some("2021-10"));
        assert_eq!(months.labels.len(), 8, "every month between, empty ones too");
        assert_eq!(months.bin_of, [Some(0), None, Some(7)]);
        let quarters = bin_documents(&[Some((2008, Some(1))), Some((2016, Some(12)))]);
        assert_eq!(quarters.resolution, Some(Resolution::Quarter));
        assert_eq!(quarters.labels.last().map(String::as_str), Some("2016-Q4"));
        let years = bin_documents(&[Some((1946, None)), Some((2023, None))]);
        assert_eq!((years.resolution, years.labels.len()), (Some(Resolution::Year), 78));
        let decades = bin_documents(&[Some((1790, Some(1))), Some((2020, Some(3)))]);
        assert_eq!(decades.resolution, Some(Resolution::Decade));
        assert_eq!(decades.labels.first().map(String::as_str), Some("1790s"));
        assert_eq!(bin_documents(&[None, None]).resolution, None);
    }
}

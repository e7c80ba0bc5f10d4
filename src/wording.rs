//! Counts in words: the one place that makes a count agree with its noun ("1 document",
//! "2 documents", "1 problem"), for every message of the library and the command alike.

/// `count` followed by `one` or `many`: `plural(1, "document", "documents")` is `1 document`.
pub fn plural(count: impl Count, one: &str, many: &str) -> String {
    format!("{count} {}", noun(count, one, many))
}

/// The form of the noun that agrees with `count`, for a count written another way (`10,952
/// documents`).
pub fn noun<'a>(count: impl Count, one: &'a str, many: &'a str) -> &'a str {
    if count.is_one() {
        one
    } else {
        many
    }
}

/// A whole number that can be counted in words.
pub trait Count: Copy + std::fmt::Display {
    /// Whether it is exactly 1.
    fn is_one(self) -> bool;
}

macro_rules! count {
    ($($t:ty),*) => {$(
        impl Count for $t {
            fn is_one(self) -> bool {
                self == 1
            }
        }
    )*};
}
count!(u8, u16, u32, u64, usize);

#[cfg(test)]
mod tests {
    use super::plural;

    #[test]
    fn one_and_many() {
        assert_eq!(plural(0u64, "document", "documents"), "0 documents");
        assert_eq!(plural(1u64, "document", "documents"), "1 document");
        assert_eq!(plural(2u32, "problem", "problems"), "2 problems");
        assert_eq!(plural(1u8, "entry", "entries"), "1 entry");
    }
}

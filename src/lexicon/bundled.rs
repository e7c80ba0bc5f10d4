//! The lexicons shipped in `lexicons/`, compiled into the binary so that `leitmotif scan` works
//! from any directory. A test checks that every file in `lexicons/` is listed here.

/// (file name, contents) of each bundled lexicon, in load order.
pub const BUNDLED: &[(&str, &str)] = &[
    ("kremlin-en.toml", include_str!("../../lexicons/kremlin-en.toml")),
    ("kremlin-ru.toml", include_str!("../../lexicons/kremlin-ru.toml")),
];

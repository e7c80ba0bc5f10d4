//! The checks shared by the fuzz targets live in the library (`leitmotif::fuzzing`), so that the
//! main build compiles them and its tests run them; this crate only names them for the targets.

pub use leitmotif::fuzzing::*;

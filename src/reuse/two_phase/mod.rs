//! Two-phase reuse detection, for clusters that run a program over partitions of rows (Spark SQL's
//! `TRANSFORM … USING`, Hadoop streaming) and shuffle between phases with group-by and joins.
//!
//! - Phase one, `shingles` (`shingles.rs`): per document, one row per kept fingerprint — hash
//!   (scheme [`SCHEME`]), place (document key and word position, `keys.rs`), character offsets, id.
//! - Between the phases the cluster (or `sort` and `local.rs` on one machine) finds each hash's
//!   earliest holder — the smallest place, a pre-aggregated group-by minimum — and hands each
//!   document (*target*) its seeds and the records of the documents they name.
//! - Phase two, `resolve` (`target.rs`): the detector's own per-document step on that data. The
//!   fallback for long verbatim runs reads every earlier holder of some hashes and their documents,
//!   which cannot be known before the step runs: the step then says what it needs (`need-doc`,
//!   `need-hash` rows) and the driver runs that target again with those rows added. Most targets
//!   finish in the first round; none needs more than a few.
//! - Last, `finish.rs` numbers clusters over all passages (few) as `cluster.rs` does.
//!
//! Given the same documents, the passages are those of [`detect`](super::detect), byte for byte.

mod finish;
mod grouped;
mod keys;
mod local;
mod phase_one;
mod rows;
mod shingles;
mod target;

pub use finish::{passages_table, read_passage_rows};
pub use grouped::{resolve_grouped, GroupedStats};
pub use keys::{doc_key, DOC_KEY_LEN, PLACE_LEN};
pub use local::{resolve_local, LocalRun, MAX_ROUNDS};
pub use phase_one::{shingle_inputs, ShingleOptions, ShingleStats};
pub use shingles::{record_json, ShingledDoc, SCHEME, SHINGLE_COLUMNS};
pub use target::{PassageRow, HOLDERS_KEPT};

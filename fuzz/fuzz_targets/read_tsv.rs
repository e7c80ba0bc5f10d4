//! Fuzz target: arbitrary bytes read as TSV (tab-separated, header row with `id` and `text`). Every
//! record must come out as a document or as a located `RecordError`, never a panic, and every
//! document must pass the analysis invariants of `leitmotif_fuzz::check_text`.
#![no_main]

use leitmotif::corpus::InputKind;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| leitmotif_fuzz::check_reader(InputKind::Tsv, data));

//! Fuzz target: arbitrary bytes read as a plain text file (one document: UTF-8 check, byte order
//! mark). Every record must come out as a document or as a located `RecordError`, never a panic,
//! and every document must pass the analysis invariants of `leitmotif_fuzz::check_text`.
#![no_main]

use leitmotif::corpus::InputKind;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| leitmotif_fuzz::check_reader(InputKind::Text, data));

//! Fuzz target: arbitrary UTF-8 text through tokenisation, sentences, speaker turns, the scanner
//! and the character-offset conversion. Tokens and hits must lie on character boundaries, every
//! hit must quote the text it covers (`text[start..end] == matched`) and its character offsets
//! select the same text; sentences, turns and segments stay within bounds (see
//! `leitmotif_fuzz::check_text`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| leitmotif_fuzz::check_text(text, &[]));

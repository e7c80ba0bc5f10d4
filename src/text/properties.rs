//! Property tests: on arbitrary text (Latin, Cyrillic, combining marks, joiners, quotes, line
//! breaks), tokens are ordered, disjoint, on character boundaries and made of token characters;
//! sentences partition the tokens; character offsets agree with `chars()`; segments cover every
//! token once; turn labels sit where the grammar allows.

use super::*;
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "NATO",
        "expansion",
        "братский",
        "народ",
        "e\u{301}",
        "\u{ad}",
        "\u{200d}",
        " ",
        "\u{a0}",
        "\n",
        "\n\n",
        "\r\n",
        ". ",
        "! ",
        "? ",
        "… ",
        "“",
        "”",
        "-",
        "'",
        ":",
        "Vladimir Putin: ",
        "Question: ",
        "* * *",
        "Mr. ",
        "V. ",
        "2014",
        "😀",
        "a",
        "Ё",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|p| p.concat())
}

proptest! {
    #[test]
    fn tokens_are_ordered_disjoint_and_whole(text in text()) {
        let mut tokens = Vec::new();
        tokenize(&text, &mut tokens);
        let mut last_end = 0;
        for token in &tokens {
            prop_assert!(token.start >= last_end && token.end > token.start);
            prop_assert!(text.is_char_boundary(token.start) && text.is_char_boundary(token.end));
            let first = text[token.start..].chars().next().unwrap();
            prop_assert!(is_token_char(first));
            last_end = token.end;
        }
    }

    #[test]
    fn sentences_partition_the_tokens(text in text()) {
        let mut seg = Segmentation::default();
        seg.analyse(&text);
        let mut next = 0;
        for (index, range) in seg.sentences.iter().enumerate() {
            prop_assert_eq!(range.start, next);
            prop_assert!(range.end > range.start);
            prop_assert!(seg.token_sentence[range.clone()].iter().all(|&s| s as usize == index));
            next = range.end;
        }
        prop_assert_eq!(next, seg.tokens.len());
    }

    #[test]
    fn character_offsets_agree_with_chars(text in text()) {
        let offsets = CharOffsets::new(&text);
        for (n, (byte, _)) in text.char_indices().enumerate() {
            prop_assert_eq!(offsets.char_offset(byte), n);
        }
        prop_assert_eq!(offsets.len(), text.chars().count());
    }

    #[test]
    fn segments_cover_every_token_once(text in text()) {
        let mut seg = Segmentation::default();
        seg.analyse(&text);
        let whole = 0..text.len();
        let spans = segment(&seg, std::slice::from_ref(&whole), &paragraph_breaks(&text));
        let mut next = 0;
        for span in &spans {
            prop_assert_eq!(span.tokens.start, next);
            prop_assert!(span.tokens.end > span.tokens.start);
            next = span.tokens.end;
        }
        prop_assert_eq!(next, seg.tokens.len());
    }

    #[test]
    fn turn_labels_end_in_a_colon_at_a_turn_position(text in text()) {
        for turn in detect_turns(&text, &SpeakerPattern::default()) {
            prop_assert_eq!(&text[turn.label_end..turn.body_start], ":");
            let before = text[..turn.label_start].trim_end_matches([' ', '\u{a0}', '\t']);
            prop_assert!(
                before.is_empty()
                    || before.ends_with(['\n', '\r', '.', '!', '?', '…', '*', '"', '\'', '”', '’', '»', ')', ']'])
                    || before.contains('*'), // a label run on from a heading after `* * *`
                "label {:?} after {:?}", turn.label, before
            );
        }
    }
}

//! The same address in Russian and in English gives the same profile with the bundled lexicons.
//!
//! Four Kremlin events exist in both `kremlin-news-2021-2022.csv` (en.kremlin.ru) and
//! `ru/russia_ukraine_putin.csv` (kremlin.ru), matched by the event number that ends both URLs:
//! the Security Council meeting and the address of 21 February 2022, the address of 24 February
//! 2022 and the meeting with Sergei Shoigu of 21 April 2022. Skipped, with a printed reason, when
//! `../shared` is absent.
//!
//! Two measures, stated in README ("The bundled lexicons"):
//! - **frame profile**: each version's hits per frame as a share of its hits; the distance between
//!   the two profiles is the total variation distance, half the sum of the absolute differences
//!   of the shares (0 = identical, 1 = disjoint): the share of hits that would have to change
//!   frame to turn one profile into the other. It must be at most [`MAX_FRAME_DISTANCE`].
//! - **motif presence**: every motif with at least [`STRONG_MOTIF`] hits in one version has at
//!   least one hit in the other.

use crate::util::{shared_corpora, Table, Workdir};
use std::collections::{BTreeMap, BTreeSet};

/// Event numbers of the addresses and meetings published in both languages.
const PAIRS: &[(&str, &str)] = &[
    ("67825", "Security Council meeting, 21 February 2022"),
    ("67828", "Address by the President, 21 February 2022"),
    ("67843", "Address by the President, 24 February 2022"),
    ("68254", "Meeting with Sergei Shoigu, 21 April 2022"),
];
const MAX_FRAME_DISTANCE: f64 = 0.15;
const STRONG_MOTIF: usize = 3;

/// The last path segment of a URL: `.../events/president/news/67828` → `67828`.
fn event(url: &str) -> &str {
    url.trim_end_matches('/').rsplit('/').next().unwrap_or(url)
}

/// Hits per key (frame or motif).
type Counts = BTreeMap<String, usize>;

/// Hits per frame and per motif of each event, from a `hits.csv`.
fn counts(hits: &Table) -> BTreeMap<String, (Counts, Counts)> {
    let mut by_event: BTreeMap<String, (Counts, Counts)> = BTreeMap::new();
    for hit in &hits.rows {
        let entry = by_event.entry(event(&hit["doc_id"]).to_string()).or_default();
        *entry.0.entry(hit["frame"].trim_start_matches('\'').to_string()).or_default() += 1;
        *entry.1.entry(hit["motif"].trim_start_matches('\'').to_string()).or_default() += 1;
    }
    by_event
}

fn total_variation(a: &Counts, b: &Counts) -> f64 {
    let (na, nb) = (a.values().sum::<usize>() as f64, b.values().sum::<usize>() as f64);
    let frames: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    frames
        .iter()
        .map(|f| {
            let share_a = a.get(*f).copied().unwrap_or(0) as f64 / na;
            let share_b = b.get(*f).copied().unwrap_or(0) as f64 / nb;
            (share_a - share_b).abs()
        })
        .sum::<f64>()
        / 2.0
}

#[test]
fn russian_and_english_versions_of_one_address_give_the_same_profile() {
    let Some(corpora) = shared_corpora() else {
        return;
    };
    let work = Workdir::new();
    let english = corpora.join("kremlin-news-2021-2022.csv");
    let run =
        work.run(&["scan", english.to_str().unwrap(), "--text-column", "body", "--id-column", "link", "--out", "en"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let russian = corpora.join("ru").join("russia_ukraine_putin.csv");
    let run = work.run(&["scan", russian.to_str().unwrap(), "--id-column", "url", "--out", "ru"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (en, ru) = (counts(&work.table("en/hits.csv")), counts(&work.table("ru/hits.csv")));
    let mut failures = Vec::new();
    for (id, title) in PAIRS {
        let (Some((en_frames, en_motifs)), Some((ru_frames, ru_motifs))) = (en.get(*id), ru.get(*id)) else {
            panic!("event {id} ({title}) has no hits in one of the versions");
        };
        let distance = total_variation(en_frames, ru_frames);
        let one_sided: Vec<String> = en_motifs
            .keys()
            .chain(ru_motifs.keys())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .filter_map(|motif| {
                let (e, r) = (en_motifs.get(motif).copied().unwrap_or(0), ru_motifs.get(motif).copied().unwrap_or(0));
                ((e >= STRONG_MOTIF && r == 0) || (r >= STRONG_MOTIF && e == 0)).then(|| format!("{motif} {e}/{r}"))
            })
            .collect();
        println!(
            "{id} {title}: {} hits EN, {} RU; frame distance {distance:.3}; one-sided motifs {one_sided:?}",
            en_motifs.values().sum::<usize>(),
            ru_motifs.values().sum::<usize>()
        );
        if distance > MAX_FRAME_DISTANCE {
            failures.push(format!("{id} ({title}): frame distance {distance:.3} > {MAX_FRAME_DISTANCE}"));
        }
        if !one_sided.is_empty() {
            failures.push(format!("{id} ({title}): motifs found in one language only (EN/RU hits): {one_sided:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

//! The frames of one timeline segment and how its time is shared among them.
//!
//! A segment's frames come from three sources, strongest first:
//!
//! - **hits**: leitmotif hits in the segment; the evidence of a frame is the sum of its hits'
//!   frame weights (a stretch hit by several motifs of the frame counting once);
//! - **cues**: matches of the frame's `[frames.cues]`; their weights add to the frame's evidence,
//!   but a frame without hits in the segment is framed by cues only when their weight reaches
//!   [`FramingOptions::min_cue_weight`] (one cue word does not frame a paragraph); cue weight is
//!   added to a hit frame's evidence too, even where a cue overlaps one of its hits;
//! - **model**: a segment with neither is given the frame the corpus model predicts, when its
//!   probability reaches the model's threshold (see `crate::model`).
//!
//! The segment's time is shared among its frames in proportion to their evidence, so the
//! `<frame>_seconds` of a framed segment add up to its time. Frames are listed largest share
//! first (ties: lexicon order); the first is the segment's main frame.

/// Where a segment's frame came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub enum FrameSource {
    /// Leitmotif hits of the frame.
    Hits,
    /// The frame's cue terms (and no hits of it).
    Cues,
    /// The corpus model (the segment has no hits and no cues that frame it).
    Model,
}

impl FrameSource {
    /// The name written in the outputs.
    pub fn name(self) -> &'static str {
        match self {
            FrameSource::Hits => "hits",
            FrameSource::Cues => "cues",
            FrameSource::Model => "model",
        }
    }
}

/// One frame of a segment.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SegmentFrame {
    /// Index into the lexicon set's frames.
    pub frame: usize,
    /// Its share of the segment's time (the shares of a framed segment add up to 1).
    pub share: f64,
    /// Where it came from.
    pub source: FrameSource,
    /// How sure: 1 for hits; for cues, their weight ÷ twice the weight that frames a segment, at
    /// most 1 (0.5 for a frame just framed by cues); for the model, its probability.
    pub confidence: f64,
}

/// Which sources frame segments, and how.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FramingOptions {
    /// Cue terms frame segments.
    pub cues: bool,
    /// The weight of one frame's cues that frames a segment without hits of the frame.
    pub min_cue_weight: f64,
}

/// The default cue weight needed to frame a segment: two cues at the default weight.
pub const DEFAULT_MIN_CUE_WEIGHT: f64 = 1.0;

impl Default for FramingOptions {
    fn default() -> Self {
        FramingOptions { cues: true, min_cue_weight: DEFAULT_MIN_CUE_WEIGHT }
    }
}

/// The frames of a segment from the weights of its hits and cues per frame (`hit_weights[f]`,
/// `cue_weights[f]`), largest share first, ties in frame order; empty when nothing frames it.
pub fn evidence_frames(hit_weights: &[f64], cue_weights: &[f64], options: &FramingOptions) -> Vec<SegmentFrame> {
    let mut frames: Vec<SegmentFrame> = Vec::new();
    for (frame, (&hits, &cues)) in hit_weights.iter().zip(cue_weights).enumerate() {
        let cues = if options.cues { cues } else { 0.0 };
        let (evidence, source, confidence) = if hits > 0.0 {
            (hits + cues, FrameSource::Hits, 1.0)
        } else if cues > 0.0 && cues >= options.min_cue_weight {
            (cues, FrameSource::Cues, (cues / (2.0 * options.min_cue_weight)).min(1.0))
        } else {
            continue;
        };
        frames.push(SegmentFrame { frame, share: evidence, source, confidence });
    }
    let total: f64 = frames.iter().map(|f| f.share).sum();
    for f in &mut frames {
        f.share /= total;
    }
    frames.sort_by(|a, b| b.share.total_cmp(&a.share).then(a.frame.cmp(&b.frame)));
    frames
}

/// Adds a segment's `time` to `seconds` (one per frame), shared among its frames by their shares.
pub fn add_segment_seconds(seconds: &mut [f64], time: f64, frames: &[SegmentFrame]) {
    for f in frames {
        seconds[f.frame] += time * f.share;
    }
}

/// Seconds per frame of segments given as (seconds, frames), and the frame holding most of the
/// first quarter of their total time (segments in speaking order).
pub fn frame_seconds<'a>(
    segments: impl Iterator<Item = (f64, &'a [SegmentFrame])> + Clone,
    frame_count: usize,
) -> (Vec<f64>, f64, Option<usize>) {
    let mut seconds = vec![0.0; frame_count];
    let mut total = 0.0;
    for (time, frames) in segments.clone() {
        total += time;
        add_segment_seconds(&mut seconds, time, frames);
    }
    let window = total * 0.25;
    let mut opening = vec![0.0; frame_count];
    let mut clock = 0.0;
    for (time, frames) in segments {
        let overlap = (clock + time).min(window) - clock;
        if overlap <= 0.0 {
            break;
        }
        for f in frames {
            opening[f.frame] += overlap * f.share;
        }
        clock += time;
    }
    (seconds, total, super::timeline::argmax(&opening))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hits_and_cues_share_the_segment_by_evidence() {
        let options = FramingOptions::default();
        // Frame 0: one hit and one cue; frame 1: one hit; frame 2: one cue only (below the
        // minimum); frame 3: two cues.
        let frames = evidence_frames(&[1.0, 1.0, 0.0, 0.0], &[0.5, 0.0, 0.5, 1.0], &options);
        let got: Vec<(usize, f64, FrameSource)> = frames.iter().map(|f| (f.frame, f.share, f.source)).collect();
        assert_eq!(
            got,
            [(0, 1.5 / 3.5, FrameSource::Hits), (1, 1.0 / 3.5, FrameSource::Hits), (3, 1.0 / 3.5, FrameSource::Cues)]
        );
        let sum: f64 = frames.iter().map(|f| f.share).sum();
        assert!((sum - 1.0).abs() < 1e-12);
        let without_cues =
            evidence_frames(&[1.0, 1.0, 0.0, 0.0], &[0.5, 0.0, 0.5, 1.0], &FramingOptions { cues: false, ..options });
        assert_eq!(without_cues.iter().map(|f| (f.frame, f.share)).collect::<Vec<_>>(), [(0, 0.5), (1, 0.5)]);
        assert!(evidence_frames(&[0.0; 2], &[0.5, 0.0], &options).is_empty());
    }

    #[test]
    fn seconds_add_up_and_the_opening_frame_follows_the_shares() {
        let a = [
            SegmentFrame { frame: 0, share: 0.25, source: FrameSource::Hits, confidence: 1.0 },
            SegmentFrame { frame: 1, share: 0.75, source: FrameSource::Cues, confidence: 1.0 },
        ];
        let b = [SegmentFrame { frame: 0, share: 1.0, source: FrameSource::Model, confidence: 0.8 }];
        let segments = [(10.0, &a[..]), (20.0, &[][..]), (10.0, &b[..])];
        let (seconds, total, opening) = frame_seconds(segments.iter().copied(), 2);
        assert_eq!((seconds, total), (vec![12.5, 7.5], 40.0));
        assert_eq!(opening, Some(1));
    }
}

//! `leitmotif lexicon import`: converts a LIWC, LIWC-22, quanteda YAML, WordStat or Lexicoder
//! dictionary to our TOML format, printing renamed ids and unconverted lines on standard error.

use super::args::ImportArgs;
use super::{say, Exit};
use leitmotif::lexicon::import::{import, LexiconFormat};
use leitmotif::lexicon::{check_sources, LexiconSource};
use leitmotif::wording::plural;
use std::io::Write;

pub fn run(args: ImportArgs) -> anyhow::Result<Exit> {
    let format = match args.format.map(LexiconFormat::from) {
        Some(format) => format,
        None => match LexiconFormat::from_path(&args.file) {
            LexiconFormat::Toml => anyhow::bail!(
                "{}: cannot tell the format from the extension; give --format dic, dicx, yaml, cat or lc3",
                args.file.display()
            ),
            format => format,
        },
    };
    if let Some(out) = &args.out {
        if out == &args.file
            || (out.exists() && std::fs::canonicalize(out).ok() == std::fs::canonicalize(&args.file).ok())
        {
            anyhow::bail!("{}: --out would overwrite the dictionary being imported", out.display());
        }
    }
    let name = args.file.display().to_string();
    let text = std::fs::read_to_string(&args.file).map_err(|e| leitmotif::Error::io(&args.file, e))?;
    let imported = import(&text, &name, format);
    for (id, original) in &imported.slugs {
        say(format_args!("{id} <- {original}"));
    }
    for note in &imported.notes {
        say(format_args!("{note}"));
    }
    let target = args.out.as_ref().map_or_else(|| name.clone(), |p| p.display().to_string());
    if imported.patterns == 0 {
        anyhow::bail!("{name}: nothing could be converted");
    }
    // The generated lexicon must load; if it does not, that is a bug of the importer.
    if let Err(diagnostics) = check_sources(&[LexiconSource { name: target.clone(), text: imported.toml.clone() }]) {
        let first = diagnostics.first().map(ToString::to_string).unwrap_or_default();
        anyhow::bail!("{name}: the converted lexicon does not load ({first})");
    }
    match &args.out {
        Some(path) => std::fs::write(path, &imported.toml).map_err(|e| leitmotif::Error::io(path, e))?,
        None => std::io::stdout().lock().write_all(imported.toml.as_bytes())?,
    }
    let dropped = imported.notes.len();
    say(format_args!(
        "imported {name} ({}): {}, {}, {}; {} not converted{}",
        format.describe(),
        plural(imported.frames, "frame", "frames"),
        plural(imported.motifs, "motif", "motifs"),
        plural(imported.patterns, "pattern", "patterns"),
        plural(dropped, "line", "lines"),
        args.out.as_ref().map_or(String::new(), |p| format!(" → {}", p.display()))
    ));
    Ok(if dropped == 0 { Exit::Success } else { Exit::Partial })
}

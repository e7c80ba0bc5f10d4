"""Errors raise typed exceptions carrying the CLI's messages."""

import pytest

import leitmotif
from conftest import SAMPLE, read_jsonl, run_cli


def test_an_invalid_lexicon_raises_lexicon_error_with_the_cli_message(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "bad"\nlanguage = "en"\nversion = "1"\n[frames.x]\nlabel = 3\n')
    with pytest.raises(leitmotif.LexiconError) as caught:
        leitmotif.Lexicon.load(bad)
    cli = run_cli("lexicon", "check", bad)
    assert cli.returncode != 0
    message = str(caught.value)
    assert message and message.splitlines()[0] in cli.stdout + cli.stderr
    assert isinstance(caught.value, leitmotif.LeitmotifError)


def test_a_missing_input_raises_input_error_with_the_cli_message(tmp_path):
    missing = tmp_path / "missing.jsonl"
    with pytest.raises(leitmotif.InputError) as caught:
        leitmotif.scan_files([missing])
    cli = run_cli("scan", missing, "--out", tmp_path / "out")
    assert cli.returncode != 0
    assert str(caught.value) in cli.stderr
    with pytest.raises(leitmotif.InputError):
        leitmotif.Lexicon.load(tmp_path / "missing.toml")


def test_bad_options_raise_usage_error():
    records = read_jsonl(SAMPLE)[:2]
    with pytest.raises(leitmotif.UsageError, match="speaker"):
        leitmotif.scan(records, by="paragraph")
    with pytest.raises(leitmotif.UsageError, match="reuse"):
        leitmotif.scan(records, order_by="date")
    with pytest.raises(leitmotif.UsageError, match="no column 'body'"):
        leitmotif.scan(__import__("pyarrow").table({"text": ["a"]}), text="body")


def test_lexicons_list_frames_and_motifs_and_check_them():
    lexicon = leitmotif.Lexicon.bundled()
    assert lexicon.frames.num_rows > 0
    motifs = lexicon.motifs
    assert {"motif", "frame", "label", "description", "cue"} <= set(motifs.column_names)
    assert set(motifs.column("frame").to_pylist()) <= set(lexicon.frames.column("frame").to_pylist())
    assert lexicon.check() == []
    loaded = leitmotif.Lexicon.load(*sorted((SAMPLE.parent.parent / "lexicons").glob("*.toml")))
    assert loaded.motifs.num_rows > 0

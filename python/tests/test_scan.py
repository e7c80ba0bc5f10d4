"""leitmotif.scan and scan_files give the figures, columns and types of `leitmotif scan` on the
same records: the bundled sample corpus, and slices of ../shared/corpora."""

import os
import signal

import pyarrow as pa
import pytest

import leitmotif
from conftest import CORPUS, SAMPLE, assert_same, cli_scan, read_jsonl, shared


def test_records_give_the_tables_of_the_cli(tmp_path):
    result = leitmotif.scan(read_jsonl(SAMPLE), threads=2)
    cli = cli_scan(tmp_path, SAMPLE)
    assert set(result.tables) == set(cli)
    for name in cli:
        assert_same(result.tables[name], cli[name], name)
    assert result.report["documents"] == 42
    assert result.passages is None, "no reuse asked"


def test_rows_by_speaker_with_reuse_equal_the_cli(tmp_path):
    result = leitmotif.scan(read_jsonl(SAMPLE), by="speaker", reuse=True, order_by="date")
    cli = cli_scan(tmp_path, SAMPLE, "--by", "speaker", "--reuse", "--order-by", "date")
    assert {"passages", "refrains"} <= set(cli)
    assert set(result.tables) == set(cli)
    for name in cli:
        assert_same(result.tables[name], cli[name], name)
    assert result.passages.num_rows > 0
    assert "speaker" in result.documents.column_names


def test_groups_equal_the_cli(tmp_path):
    result = leitmotif.scan(read_jsonl(SAMPLE), group_by="date:year")
    cli = cli_scan(tmp_path, SAMPLE, "--group-by", "date:year")
    assert result.groups is not None
    assert_same(result.groups, cli["groups"], "groups")


def test_a_data_frame_and_a_pyarrow_table_give_the_same_documents(tmp_path):
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(read_jsonl(SAMPLE))
    cli = cli_scan(tmp_path, SAMPLE)
    from_pandas = leitmotif.scan(frame)
    from_arrow = leitmotif.scan(pa.Table.from_pandas(frame, preserve_index=False))
    for result in (from_pandas, from_arrow):
        for name in ("documents", "hits", "segments"):
            assert_same(result.tables[name], cli[name], name)


def test_files_on_disk_give_the_tables_of_the_cli(tmp_path):
    result = leitmotif.scan_files([CORPUS], reuse=True)
    cli = cli_scan(tmp_path, CORPUS, "--reuse")
    assert set(result.tables) == set(cli)
    for name in cli:
        assert_same(result.tables[name], cli[name], name)


def test_columns_are_typed():
    result = leitmotif.scan(read_jsonl(SAMPLE), reuse=True)
    documents = result.documents.schema
    assert documents.field("words").type == pa.int64()
    assert documents.field("date").type == pa.date32(), "ISO dates in the input"
    shares = [f for f in documents if f.name.endswith("_share")]
    assert shares and all(f.type == pa.float64() for f in shares)
    segments = result.segments.schema
    assert segments.field("motifs").type == pa.list_(pa.string())
    assert result.hits.schema.field("doc_id").type == pa.string()
    frames = result.to_pandas()["documents"]
    assert str(frames["words"].dtype) == "int64"


def test_a_list_of_strings_takes_ids_and_metadata():
    texts = ["We are one people with common roots.", "Nothing here."]
    result = leitmotif.scan(texts, ids=["a", "b"], meta={"year": [2022, 2023]})
    documents = result.documents
    assert documents.column("doc_id").to_pylist() == ["a", "b"]
    assert documents.column("year").to_pylist() == [2022, 2023]
    assert documents.schema.field("year").type == pa.int64()
    hits = result.hits.column("motif").to_pylist()
    assert hits == ["one_people", "common_roots"]
    assert leitmotif.scan(texts).documents.column("doc_id").to_pylist() == ["0", "1"]


def test_parquet_files_hold_the_tables(tmp_path):
    import pyarrow.parquet as pq

    result = leitmotif.scan(read_jsonl(SAMPLE))
    paths = result.write_parquet(tmp_path / "out")
    assert sorted(os.path.basename(p) for p in paths) == sorted(f"{n}.parquet" for n in result.tables)
    assert pq.read_table(tmp_path / "out" / "documents.parquet").equals(result.documents)


def test_progress_is_reported_and_an_exception_in_it_stops_the_run():
    seen = []
    records = read_jsonl(SAMPLE)
    leitmotif.scan(records, progress=lambda documents, size: seen.append((documents, size)))
    assert seen[-1][0] == 42
    assert seen[-1][1] == sum(len(r["text"].encode()) for r in records)

    def stop(documents, size):
        raise RuntimeError("stop here")

    with pytest.raises(RuntimeError, match="stop here"):
        leitmotif.scan(records * 50, progress=stop, threads=1)


def test_ctrl_c_interrupts_a_scan():
    def interrupt(documents, size):
        os.kill(os.getpid(), signal.SIGINT)

    # Python raises KeyboardInterrupt only with its own SIGINT handler, which it does not install
    # when started with SIGINT ignored (a background job of a non-interactive shell).
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            leitmotif.scan(read_jsonl(SAMPLE) * 50, progress=interrupt, threads=1)
    finally:
        signal.signal(signal.SIGINT, previous)
    # The package is still usable afterwards.
    assert leitmotif.scan(["one people"]).report["documents"] == 1


def test_a_slice_of_sotu_equals_the_cli(tmp_path):
    path = shared("sotu.jsonl")
    records = read_jsonl(path, limit=40)
    part = tmp_path / "sotu-40.jsonl"
    with open(path, encoding="utf-8") as f, open(part, "w", encoding="utf-8") as out:
        out.writelines(next(f) for _ in range(40))
    cli = cli_scan(tmp_path, part, "--by", "speaker", "--reuse", "--order-by", "year")
    result = leitmotif.scan(records, by="speaker", reuse=True, order_by="year")
    for name in cli:
        assert_same(result.tables[name], cli[name], name)


def test_a_slice_of_kremlin_news_from_pandas_equals_the_cli(tmp_path):
    pd = pytest.importorskip("pandas")
    path = shared("kremlin-news-2021-2022.csv")
    news = pd.read_csv(path).head(80)
    part = tmp_path / "kremlin-80.csv"
    news.to_csv(part, index=False)
    cli = cli_scan(tmp_path, part, "--text-column", "body", "--id-column", "link", "--reuse")
    result = leitmotif.scan(news, text="body", id="link", reuse=True)
    assert set(result.tables) == set(cli)
    for name in cli:
        assert_same(result.tables[name], cli[name], name)


def test_pandas_columns_read_as_in_a_jsonl_file():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {
            "text": ["We are one people.", None],
            "when": pd.to_datetime(["2022-02-24", None]),
            "year": [2022.0, None],
            "note": pd.array(["a", None], dtype="string"),
        },
        index=["x", "y"],
    )
    documents = leitmotif.scan(frame).documents
    assert documents.column("doc_id").to_pylist() == ["x", "y"], "the index names the rows"
    assert documents.schema.field("when").type == pa.date32(), "midnights are dates"
    assert documents.schema.field("year").type == pa.int64(), "whole floats with gaps are integers"
    assert documents.column("note").to_pylist() == ["a", ""]
    assert documents.column("words").to_pylist() == [4, 0], "a missing text is empty, as in a CSV"


def test_framing_options_equal_the_cli_flags(tmp_path):
    records = read_jsonl(SAMPLE)
    # A model trained on this run and saved is the CLI's --save-model, byte for byte.
    saved = tmp_path / "python-model.json"
    trained = leitmotif.scan(records, save_model=saved)
    cli_model = tmp_path / "cli-model.json"
    cli = cli_scan(tmp_path / "train", SAMPLE, "--save-model", cli_model)
    assert_same(trained.segments, cli["segments"], "segments")
    assert saved.read_bytes() == cli_model.read_bytes()
    for kwargs, flags in [
        ({"model": False}, ["--no-model"]),
        ({"model": saved, "model_threshold": 0.95}, ["--model", saved, "--model-threshold", "0.95"]),
        ({"cues": False, "model": False}, ["--no-cues", "--no-model"]),
    ]:
        result = leitmotif.scan(records, **kwargs)
        cli = cli_scan(tmp_path / flags[0].strip("-"), SAMPLE, *flags)
        for name in ("documents", "segments"):
            assert_same(result.tables[name], cli[name], f"{name} with {kwargs}")
    # The options change the timeline, so the checks above are not one check four times.
    frames = {
        str(kwargs): leitmotif.scan(records, **kwargs).segments.column("frame").to_pylist()
        for kwargs in [{}, {"model": False}, {"cues": False, "model": False}]
    }
    assert len(set(map(tuple, frames.values()))) == 3


def test_tables_makes_only_the_tables_named(tmp_path):
    result = leitmotif.scan(read_jsonl(SAMPLE), tables=["documents"], model=False)
    cli = cli_scan(tmp_path, SAMPLE, "--tables", "documents", "--no-model")
    assert set(result.tables) == set(cli) == {"documents", "errors"}
    assert_same(result.documents, cli["documents"], "documents")
    assert result.hits is None and result.segments is None
    with pytest.raises(leitmotif.UsageError, match="tables may name documents, hits and segments"):
        leitmotif.scan(["text"], tables=["passages"])
    with pytest.raises(leitmotif.UsageError, match="save_model"):
        leitmotif.scan(["text"], model=False, save_model=tmp_path / "m.json")

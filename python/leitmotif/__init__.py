"""leitmotif: rhetoric and framing detection over speech archives, from Python.

The same Rust library as the ``leitmotif`` command line, with no second implementation: scan
texts held in pandas, pyarrow or plain Python (:func:`scan`) or files on disk (:func:`scan_files`)
against lexicons of leitmotifs (:class:`Lexicon`), and get the CLI's tables as typed pyarrow
Tables (``result.documents.to_pandas()`` for a DataFrame)::

    import pandas as pd, leitmotif
    news = pd.read_csv("kremlin-news-2021-2022.csv")
    result = leitmotif.scan(news, text="text", id="id")
    documents = result.documents.to_pandas()

The GIL is released while the library works, so ``threads`` scale as in the CLI, and Ctrl-C (a
notebook's "interrupt") stops a scan within about a batch per worker.
"""

from __future__ import annotations

import os
from typing import Any, Callable, Dict, Iterable, List, Optional

import pyarrow as pa
import pyarrow.ipc

from . import _leitmotif
from ._leitmotif import InputError, LeitmotifError, LexiconError, UsageError

__all__ = [
    "Lexicon",
    "Result",
    "scan",
    "scan_files",
    "LeitmotifError",
    "LexiconError",
    "InputError",
    "UsageError",
    "__version__",
]

__version__: str = _leitmotif.__version__

#: The tables a scan can make, in the CLI's order of files.
TABLES = ("documents", "groups", "hits", "segments", "passages", "refrains", "errors")

#: Where in-memory documents say they come from (the ``source`` of ``errors``, and of the ids
#: ``<source>:<line>`` of documents whose id is missing).
MEMORY_SOURCE = "<memory>"


class Lexicon:
    """Lexicons of leitmotifs, merged and validated as the CLI's ``--lexicon`` files are.

    Use :meth:`load` for files and :meth:`bundled` for the lexicons that come with leitmotif.
    """

    def __init__(self, native: Any) -> None:
        self._native = native

    @staticmethod
    def load(*paths: "os.PathLike[str] | str") -> "Lexicon":
        """Loads lexicon files (TOML, or other formats imported by their extension); a folder
        stands for the ``.toml`` files below it. Raises :class:`LexiconError` listing every
        problem as ``file:line:column: message``."""
        return Lexicon(_leitmotif.Lexicon.load(*[os.fspath(p) for p in paths]))

    @staticmethod
    def bundled() -> "Lexicon":
        """The lexicons compiled into leitmotif (what the CLI uses without ``--lexicon``)."""
        return Lexicon(_leitmotif.Lexicon.bundled())

    @property
    def frames(self) -> pa.Table:
        """One row per frame: ``frame``, ``label``, ``description``."""
        rows = self._native.frame_rows()
        return pa.table(_columns(rows, ["frame", "label", "description"]))

    @property
    def motifs(self) -> pa.Table:
        """One row per motif: ``motif``, ``frame``, ``label``, ``description``, ``cue`` (a
        frame's cue terms, which frame segments but are not hits)."""
        rows = self._native.motif_rows()
        names = ["motif", "frame", "label", "description", "cue"]
        columns = _columns(rows, names)
        columns["cue"] = pa.array(columns["cue"], type=pa.bool_())
        return pa.table(columns)

    @property
    def files(self) -> pa.Table:
        """One row per lexicon file: ``name``, ``version``, ``language``, ``source``,
        ``content_hash``."""
        rows = self._native.file_rows()
        return pa.table(_columns(rows, ["name", "version", "language", "source", "content_hash"]))

    def check(self) -> List[str]:
        """The problems ``leitmotif lexicon check`` reports, as ``file:line:column: message``:
        patterns the scanner cannot compile, then warnings (empty when all is well)."""
        return list(self._native.check())

    def __repr__(self) -> str:
        return f"<leitmotif.Lexicon: {self.frames.num_rows} frames, {self.motifs.num_rows} motifs>"


class Result:
    """The tables of one scan, as pyarrow Tables with the CLI's columns and types (the columns and
    types of its ``--format parquet`` files). A table the run does not make is ``None``:
    ``passages`` and ``refrains`` need ``reuse=True``, ``groups`` needs ``group_by``."""

    documents: Optional[pa.Table]
    hits: Optional[pa.Table]
    segments: Optional[pa.Table]
    passages: Optional[pa.Table]
    refrains: Optional[pa.Table]
    groups: Optional[pa.Table]
    errors: Optional[pa.Table]

    def __init__(self, tables: Dict[str, pa.Table], report: Dict[str, Any]) -> None:
        self.tables = tables
        #: Counts of the run: documents, words, hits, errors, elapsed_seconds, …
        self.report = report
        for name in TABLES:
            setattr(self, name, tables.get(name))

    def to_pandas(self, **options: Any) -> Dict[str, Any]:
        """Every table as a pandas DataFrame, by name (``options`` go to
        ``pyarrow.Table.to_pandas``)."""
        return {name: table.to_pandas(**options) for name, table in self.tables.items()}

    def write_parquet(self, directory: "os.PathLike[str] | str") -> List[str]:
        """Writes every table as ``<directory>/<table>.parquet`` (zstd), as the CLI's
        ``--format parquet`` does; returns the paths."""
        import pyarrow.parquet as pq

        os.makedirs(directory, exist_ok=True)
        paths = []
        for name, table in self.tables.items():
            path = os.path.join(os.fspath(directory), f"{name}.parquet")
            pq.write_table(table, path, compression="zstd", row_group_size=65_536)
            paths.append(path)
        return paths

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}: {table.num_rows} rows" for name, table in self.tables.items())
        return f"<leitmotif.Result {shown}>"


def scan(
    texts: Any,
    *,
    ids: Optional[Iterable[Any]] = None,
    meta: Any = None,
    lexicon: Optional[Lexicon] = None,
    by: str = "document",
    reuse: bool = False,
    order_by: Optional[str] = None,
    min_words: int = 25,
    group_by: Optional[str] = None,
    speaker: Optional[str] = None,
    threads: int = 0,
    text: str = "text",
    id: str = "id",
    progress: "Callable[[int, int], Any] | bool | None" = None,
) -> Result:
    """Scans texts held in memory and returns their tables.

    ``texts`` is a pandas DataFrame or pyarrow Table (the text in column ``text``, the id in
    column ``id`` when there is one, every other column kept as metadata, as a JSONL field or a
    CSV column is), a pandas Series (its index gives the ids), a list of strings, or an iterable
    of dicts (keys as in a JSONL line). ``ids`` and ``meta`` (a DataFrame, a pyarrow Table or a
    dict of columns) give ids and metadata to a list of strings. Without ids, a document's id is
    its position (``0``, ``1``, …) or its Series index.

    Each document is scanned exactly as if it had been read from a file: the figures are those of
    ``leitmotif scan`` on the same records. ``by="speaker"`` gives a row per (document, speaker),
    ``reuse=True`` finds recycled passages (``order_by``: the field giving their order,
    ``min_words``: their least length), ``group_by`` adds up rows per group (``"date:month"``),
    ``speaker`` keeps only that speaker's turns, ``threads=0`` uses one worker per core.

    ``progress`` is called as ``progress(documents, bytes_of_text)`` about ten times a second;
    ``True`` draws a tqdm bar when tqdm is installed.

    Raises :class:`UsageError` for bad options and ``KeyboardInterrupt`` when interrupted.
    """
    texts_column, ids_column, names, columns = _layout(texts, ids, meta, text, id)
    callback = _progress(progress, _text_bytes(texts_column) if progress is True else None)
    try:
        tables, report = _leitmotif.scan_documents(
            texts_column,
            ids_column,
            names,
            columns,
            lexicon=None if lexicon is None else lexicon._native,
            options=_options(by, reuse, order_by, min_words, group_by, speaker, threads),
            progress=callback,
            source=MEMORY_SOURCE,
        )
    finally:
        _close(callback)
    return _result(tables, report)


def scan_files(
    paths: "Iterable[os.PathLike[str] | str] | os.PathLike[str] | str",
    *,
    lexicon: Optional[Lexicon] = None,
    by: str = "document",
    reuse: bool = False,
    order_by: Optional[str] = None,
    min_words: int = 25,
    group_by: Optional[str] = None,
    speaker: Optional[str] = None,
    threads: int = 0,
    text: str = "text",
    id: str = "id",
    max_doc_bytes: int = 64 << 20,
    progress: "Callable[[int, int], Any] | bool | None" = None,
) -> Result:
    """Scans files on disk as ``leitmotif scan`` does, streaming (``.txt``, ``.md``, ``.jsonl``,
    ``.csv``, ``.tsv``, ``.srt``, ``.vtt``, optionally ``.gz``/``.zst``; folders are walked).
    ``text`` and ``id`` name the JSONL fields and the CSV columns; ``progress`` is called with the
    documents done and the bytes read from disk. Other options as in :func:`scan`. Records that
    cannot be read are rows of ``result.errors``; a file that cannot be opened raises
    :class:`InputError`."""
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    paths = [os.fspath(p) for p in paths]
    total = None
    if progress is True:
        total = sum(os.path.getsize(p) for p in paths if os.path.isfile(p)) or None
    callback = _progress(progress, total)
    try:
        tables, report = _leitmotif.scan_files(
            paths,
            lexicon=None if lexicon is None else lexicon._native,
            options=_options(by, reuse, order_by, min_words, group_by, speaker, threads),
            progress=callback,
            text=text,
            id=id,
            max_doc_bytes=max_doc_bytes,
        )
    finally:
        _close(callback)
    return _result(tables, report)


def _options(by, reuse, order_by, min_words, group_by, speaker, threads) -> Dict[str, Any]:
    if not isinstance(threads, int) or threads < 0:
        raise UsageError(f"threads must be 0 (one per core) or more, not {threads!r}")
    if not isinstance(min_words, int) or min_words < 1:
        raise UsageError(f"min_words must be a positive whole number, not {min_words!r}")
    return {
        "by": by,
        "reuse": bool(reuse),
        "order_by": order_by,
        "min_words": min_words,
        "threads": threads,
        "group_by": group_by,
        "speaker": speaker,
    }


def _result(tables: Dict[str, List[bytes]], report: Dict[str, Any]) -> Result:
    """Opens each table's Arrow IPC streams (one record batch each) without copying them."""
    arrow = {}
    for name, streams in tables.items():
        parts = [pa.ipc.open_stream(stream).read_all() for stream in streams]
        arrow[name] = parts[0] if len(parts) == 1 else pa.concat_tables(parts)
    return Result(arrow, report)


def _columns(rows: List[tuple], names: List[str]) -> Dict[str, list]:
    return {name: [row[i] for row in rows] for i, name in enumerate(names)}


def _layout(texts: Any, ids: Any, meta: Any, text: str, id: str):
    """(texts, ids or None, metadata names, metadata columns) of any supported input."""
    meta_names: List[str] = []
    meta_columns: List[Any] = []
    if meta is not None:
        meta_names, meta_columns = _table_columns(meta)
    module = type(texts).__module__.split(".")[0]
    if module == "pandas" and hasattr(texts, "columns"):  # a DataFrame: its index names rows
        names, columns = _table_columns(texts)
        if ids is None and id not in names:
            ids = [str(i) for i in texts.index]
        return _split(names, columns, ids, meta_names, meta_columns, text, id)
    if module == "pyarrow" and isinstance(texts, (pa.Table, pa.RecordBatch)):
        names, columns = _table_columns(texts)
        return _split(names, columns, ids, meta_names, meta_columns, text, id)
    if module == "pandas":  # a Series: its index names the documents
        if ids is None:
            ids = [str(i) for i in texts.index]
        return _pandas_column(texts), _ids(ids), meta_names, meta_columns
    if isinstance(texts, (pa.Array, pa.ChunkedArray)):
        texts = texts.to_pylist()
    if isinstance(texts, str):
        raise UsageError("texts is one string; pass a list of strings")
    texts = list(texts)
    if texts and all(isinstance(t, dict) for t in texts):
        return _records(texts, ids, meta_names, meta_columns, text, id)
    if ids is None:
        ids = [str(i) for i in range(len(texts))]
    return texts, _ids(ids), meta_names, meta_columns


def _split(names, columns, ids, meta_names, meta_columns, text, id):
    """Splits the columns of a table into text, id and metadata."""
    if text not in names:
        raise UsageError(
            f"no column '{text}' for the text (columns: {', '.join(names)}); choose one with text="
        )
    by_name = dict(zip(names, columns))
    texts = by_name[text]
    if ids is None:
        ids = by_name[id] if id in names else [str(i) for i in range(len(texts))]
    kept = [(n, c) for n, c in zip(names, columns) if n not in (text, id)]
    return (
        texts,
        _ids(ids),
        [n for n, _ in kept] + meta_names,
        [c for _, c in kept] + meta_columns,
    )


def _records(records: List[dict], ids, meta_names, meta_columns, text, id):
    """Texts, ids and metadata columns of dicts (keys in order of first appearance; a key a
    record lacks is an empty value)."""
    names: Dict[str, None] = {}
    for record in records:
        for key in record:
            if key not in (text, id):
                names.setdefault(key, None)
    missing = [i for i, r in enumerate(records) if text not in r]
    if missing:
        raise UsageError(
            f"record {missing[0]} has no field '{text}' for the text "
            f"(fields: {', '.join(records[missing[0]])}); choose one with text="
        )
    texts = [r[text] for r in records]
    if ids is None:
        ids = [r.get(id) for r in records] if any(id in r for r in records) else [
            str(i) for i in range(len(records))
        ]
    columns = [[r.get(name) for r in records] for name in names]
    return texts, _ids(ids), list(names) + meta_names, columns + meta_columns


def _ids(ids: Iterable[Any]) -> list:
    return list(ids)


def _table_columns(table: Any):
    """Column names and values (Python lists) of a DataFrame, pyarrow Table or dict of columns.
    Dates become ISO dates, whole numbers stored as floats (a pandas column with gaps) whole
    numbers, so that each value reads as it would in a JSONL file."""
    if isinstance(table, dict):
        return list(map(str, table.keys())), [list(v) for v in table.values()]
    module = type(table).__module__.split(".")[0]
    if module == "pandas":
        return [str(c) for c in table.columns], [_pandas_column(table[c]) for c in table.columns]
    if isinstance(table, (pa.Table, pa.RecordBatch)):
        return list(table.column_names), [_arrow_column(table.column(i)) for i in range(table.num_columns)]
    raise UsageError(f"cannot read columns from {type(table).__name__}")


def _pandas_column(series: Any) -> list:
    import pandas as pd

    kind = series.dtype.kind
    if kind == "M":  # datetime64: ISO dates when every value is a midnight
        values = series.dropna()
        if (values == values.dt.normalize()).all():
            return series.dt.strftime("%Y-%m-%d").where(series.notna(), None).tolist()
        return [None if pd.isna(v) else v.isoformat() for v in series]
    if kind == "f":
        values = series.dropna()
        if len(values) and (values == values.round()).all() and values.abs().max() < 2**53:
            return [None if pd.isna(v) else int(v) for v in series]
        return series.tolist()
    if kind in "iub":
        return series.tolist()
    # Objects and pandas' own dtypes: missing values (None, NaN, NA, NaT) become None.
    return series.astype(object).where(series.notna(), None).tolist()


def _arrow_column(column: Any) -> list:
    if pa.types.is_floating(column.type):
        values = [v for v in column.to_pylist() if v is not None and v == v]
        if values and all(v == int(v) and abs(v) < 2**53 for v in values):
            return [None if v is None or v != v else int(v) for v in column.to_pylist()]
    return column.to_pylist()


def _text_bytes(texts: Iterable[Any]) -> Optional[int]:
    try:
        return sum(len(t.encode("utf-8")) for t in texts if isinstance(t, str))
    except TypeError:
        return None


class _Bar:
    """A tqdm bar fed by the progress callback (bytes of text)."""

    def __init__(self, total: Optional[int]) -> None:
        from tqdm.auto import tqdm

        self.bar = tqdm(total=total, unit="B", unit_scale=True, desc="leitmotif")
        self.done = 0

    def __call__(self, documents: int, bytes_read: int) -> None:
        self.bar.update(bytes_read - self.done)
        self.done = bytes_read
        self.bar.set_postfix(documents=documents, refresh=False)

    def close(self) -> None:
        self.bar.close()


def _progress(progress: Any, total: Optional[int]):
    if progress is True:
        try:
            return _Bar(total)
        except ImportError:
            return None
    if progress in (None, False):
        return None
    if not callable(progress):
        raise UsageError("progress must be a callable progress(documents, bytes), True or None")
    return progress


def _close(callback: Any) -> None:
    if isinstance(callback, _Bar):
        callback.close()

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

from . import _inputs, _leitmotif, _progress
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
    model: "bool | os.PathLike[str] | str" = True,
    save_model: "os.PathLike[str] | str | None" = None,
    model_threshold: float = 0.8,
    cues: bool = True,
    tables: Optional[Iterable[str]] = None,
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

    Segments without hits or cues are framed by a corpus model trained on this run (``model=True``,
    as ``leitmotif scan`` does), by none (``model=False``, ``--no-model``) or by a model saved
    earlier (``model="model.json"``, ``--model``); ``save_model`` saves the one trained on this run
    (``--save-model``), ``model_threshold`` is ``--model-threshold`` and ``cues=False`` is
    ``--no-cues``. ``tables=["documents"]`` makes only the tables named (any of ``documents``,
    ``hits``, ``segments``; ``--tables``), so a run for the scores alone does not pay for the rest.

    ``progress`` is called as ``progress(documents, bytes_of_text)`` about ten times a second;
    ``True`` draws a tqdm bar when tqdm is installed.

    Raises :class:`UsageError` for bad options and ``KeyboardInterrupt`` when interrupted.
    """
    texts_column, ids_column, names, columns = _inputs.layout(texts, ids, meta, text, id)
    callback = _progress.callback(progress, _inputs.text_bytes(texts_column) if progress is True else None)
    try:
        tables, report = _leitmotif.scan_documents(
            texts_column,
            ids_column,
            names,
            columns,
            lexicon=None if lexicon is None else lexicon._native,
            options=_options(by, reuse, order_by, min_words, group_by, speaker, threads,
                             model, save_model, model_threshold, cues, tables),
            progress=callback,
            source=MEMORY_SOURCE,
        )
    finally:
        _progress.close(callback)
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
    model: "bool | os.PathLike[str] | str" = True,
    save_model: "os.PathLike[str] | str | None" = None,
    model_threshold: float = 0.8,
    cues: bool = True,
    tables: Optional[Iterable[str]] = None,
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
    callback = _progress.callback(progress, total)
    try:
        tables, report = _leitmotif.scan_files(
            paths,
            lexicon=None if lexicon is None else lexicon._native,
            options=_options(by, reuse, order_by, min_words, group_by, speaker, threads,
                             model, save_model, model_threshold, cues, tables),
            progress=callback,
            text=text,
            id=id,
            max_doc_bytes=max_doc_bytes,
        )
    finally:
        _progress.close(callback)
    return _result(tables, report)


def _options(by, reuse, order_by, min_words, group_by, speaker, threads,
             model, save_model, model_threshold, cues, tables) -> Dict[str, Any]:
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
        "model": "train" if model is True else "off" if model is False else "file",
        "model_path": None if isinstance(model, bool) else os.fspath(model),
        "save_model": None if save_model is None else os.fspath(save_model),
        "model_threshold": float(model_threshold),
        "cues": bool(cues),
        "tables": None if tables is None else [str(t) for t in ([tables] if isinstance(tables, str) else tables)],
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

"""Any supported input (a pandas DataFrame or Series, a pyarrow Table, a list of strings, an
iterable of dicts) laid out as the extension takes it: texts, ids, and metadata columns whose
values read as they would in a JSONL file."""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional

import pyarrow as pa

from ._leitmotif import UsageError


def layout(texts: Any, ids: Any, meta: Any, text: str, id: str):
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


def text_bytes(texts: Iterable[Any]) -> Optional[int]:
    try:
        return sum(len(t.encode("utf-8")) for t in texts if isinstance(t, str))
    except TypeError:
        return None

"""Shared helpers: the CLI binary, a CLI run read back as CSV rows, and a comparison of a pyarrow
Table with a CSV table cell by cell (so that the Python tables are checked against the files the
command line writes)."""

import csv
import datetime
import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
SAMPLE = CORPUS / "sample-statements.jsonl"
SHARED = Path(os.environ.get("LEITMOTIF_SHARED", ROOT.parent / "shared")) / "corpora"


def cli_binary() -> Path:
    """The debug binary (built by `cargo test` in CI), built here when absent."""
    given = os.environ.get("LEITMOTIF_BIN")
    if given:
        return Path(given)
    binary = ROOT / "target" / "debug" / "leitmotif"
    if not binary.exists():
        subprocess.run(["cargo", "build", "--quiet", "--bin", "leitmotif"], cwd=ROOT, check=True)
    return binary


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(cli_binary()), *map(str, args)], capture_output=True, text=True)


def cli_scan(tmp_path: Path, *args: str) -> dict:
    """`leitmotif scan ARGS --out DIR`, its CSV tables as {name: (header, rows)}."""
    out = tmp_path / "cli-out"
    done = run_cli("scan", *args, "--out", out, "-q")
    assert done.returncode in (0, 1), done.stderr
    tables = {}
    for path in sorted(out.glob("*.csv")):
        with open(path, newline="", encoding="utf-8-sig") as f:
            rows = list(csv.reader(f))
        tables[path.stem] = (rows[0], rows[1:])
    return tables


def cell_text(value) -> str:
    """A pyarrow value as the CSV writes it (floats are compared as numbers, see `assert_same`)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return csv_text(value)
    return str(value)


def csv_text(text: str) -> str:
    """A text cell as the CSV writes it: a cell a spreadsheet would evaluate as a formula gets a
    leading apostrophe (src/output/cell.rs, `escape_formula`); Arrow tables keep the text as is."""
    if text[:1] in ("=", "+", "-", "@", "\t", "\r", "'"):
        try:
            float(text.strip())
        except ValueError:
            return "'" + text
    return text


def assert_same(table, csv_table, name: str = "") -> None:
    """The pyarrow `table` holds the cells of the CSV table: same columns in the same order, same
    rows in the same order; numbers equal as numbers (the CSV rounds to four decimals, as
    ArrowLayout does)."""
    header, rows = csv_table
    assert table.column_names == header, name
    assert table.num_rows == len(rows), name
    columns = [table.column(i).to_pylist() for i in range(table.num_columns)]
    for r, row in enumerate(rows):
        for c, expected in enumerate(row):
            value = columns[c][r]
            where = f"{name} row {r} column {header[c]}"
            if isinstance(value, float):
                assert expected != "", where
                assert value == pytest.approx(float(expected), abs=1e-9), where
            else:
                assert cell_text(value) == expected, where


def read_jsonl(path: Path, limit=None) -> list:
    with open(path, encoding="utf-8") as f:
        lines = f.readlines() if limit is None else [next(f) for _ in range(limit)]
    return [json.loads(line) for line in lines]


def shared(name: str) -> Path:
    """A file of ../shared/corpora, or a visible skip."""
    path = SHARED / name
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared/corpora not beside the repository)")
    return path

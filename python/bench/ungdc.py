"""leitmotif.scan on all of UNGDC from a pandas DataFrame against the CLI on the same file
(`leitmotif scan ungdc.jsonl.gz --format parquet`): wall time and peak memory of each, the cost
of `.to_pandas()`, and a check that the tables are the same.

    python python/bench/ungdc.py [--rounds 2] [--cli target/release/leitmotif]

Each measurement runs in a process of its own; the peak memory of a Python scan is measured from
the RSS after the data frame is loaded (the peak is reset then), so that the figures say what the
scan adds. Needs
../shared/corpora/ungdc.jsonl.gz and a release build of both the CLI and the extension
(`cargo build --release`, `maturin develop --release`).
"""

import argparse
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UNGDC = ROOT.parent / "shared" / "corpora" / "ungdc.jsonl.gz"


def status(field: str) -> float:
    """A memory figure of this process from /proc/self/status, in MB."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise KeyError(field)


def reset_peak() -> None:
    """Resets the peak RSS (VmHWM) to the current RSS, so that the peak of the scan is measured
    apart from that of loading the data frame (Linux 4.0 and later)."""
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")


def child(mode: str, out: str) -> None:
    """One measured run, in this process; prints a JSON line of figures."""
    import pandas as pd
    import pyarrow.parquet as pq

    import leitmotif

    figures = {}
    if mode == "frame":
        started = time.perf_counter()
        frame = pd.read_json(UNGDC, lines=True, compression="gzip", dtype={"id": str})
        figures["load_s"] = time.perf_counter() - started
        figures["frame_mb"] = frame.memory_usage(deep=True).sum() / 2**20
    gc.collect()
    reset_peak()
    figures["rss_before_scan_mb"] = status("VmRSS")
    started = time.perf_counter()
    if mode == "frame":
        result = leitmotif.scan(frame, text="text", id="id")
    else:
        result = leitmotif.scan_files([UNGDC])
    figures["scan_s"] = time.perf_counter() - started
    figures["peak_rss_mb"] = status("VmHWM")
    figures["scan_added_mb"] = figures["peak_rss_mb"] - figures["rss_before_scan_mb"]
    figures["tables_mb"] = sum(t.nbytes for t in result.tables.values()) / 2**20
    figures["rows"] = {name: table.num_rows for name, table in result.tables.items()}
    for name in ("documents", "hits", "segments"):
        started = time.perf_counter()
        result.tables[name].to_pandas()
        figures[f"to_pandas_{name}_s"] = time.perf_counter() - started
    started = time.perf_counter()
    result.to_pandas()
    figures["to_pandas_all_s"] = time.perf_counter() - started
    figures["peak_rss_after_to_pandas_mb"] = status("VmHWM")
    if out:
        same = {}
        for name, table in result.tables.items():
            path = Path(out) / f"{name}.parquet"
            same[name] = path.exists() and pq.read_table(path).equals(table)
        figures["same_as_cli_parquet"] = same
    print(json.dumps(figures))


def cli(binary: str, out: str) -> dict:
    started = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M", binary, "scan", str(UNGDC), "--format", "parquet", "--out", out, "-q"],
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        sys.exit(done.stderr)
    return {"scan_s": elapsed, "peak_rss_mb": int(done.stderr.strip().splitlines()[-1]) / 1024}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--cli", default=str(ROOT / "target" / "release" / "leitmotif"))
    parser.add_argument("--child", choices=["frame", "files"])
    parser.add_argument("--out", default="")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.out)
        return
    if not UNGDC.exists():
        sys.exit(f"{UNGDC} is absent")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "cli")
        for round in range(args.rounds):
            print("cli", json.dumps(cli(args.cli, out)), flush=True)
            for mode in ("frame", "files"):
                run = subprocess.run(
                    [sys.executable, __file__, "--child", mode, "--out", out if round == 0 else ""],
                    capture_output=True,
                    text=True,
                )
                if run.returncode != 0:
                    sys.exit(run.stderr)
                print(mode, run.stdout.strip(), flush=True)


if __name__ == "__main__":
    main()

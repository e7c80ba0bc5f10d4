"""Progress of a scan: a callable, or a tqdm bar when ``progress=True`` and tqdm is installed."""

from __future__ import annotations

from typing import Any, Optional

from ._leitmotif import UsageError


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


def callback(progress: Any, total: Optional[int]):
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


def close(callback: Any) -> None:
    if isinstance(callback, _Bar):
        callback.close()

"""Type hints of the leitmotif package."""

import os
from typing import Any, Callable, Dict, Iterable, List, Optional, Union

import pyarrow as pa

__version__: str
TABLES: tuple[str, ...]
MEMORY_SOURCE: str

_Path = Union[str, "os.PathLike[str]"]
_Progress = Union[Callable[[int, int], Any], bool, None]

class LeitmotifError(Exception):
    """Any error of leitmotif."""

class LexiconError(LeitmotifError):
    """A lexicon file is invalid; the message lists every problem as file:line:column: message."""

class InputError(LeitmotifError):
    """An input file or stream could not be opened or read."""

class UsageError(LeitmotifError):
    """The request cannot be carried out (a bad option value, no input files…)."""

class Lexicon:
    @staticmethod
    def load(*paths: _Path) -> Lexicon: ...
    @staticmethod
    def bundled() -> Lexicon: ...
    @property
    def frames(self) -> pa.Table: ...
    @property
    def motifs(self) -> pa.Table: ...
    @property
    def files(self) -> pa.Table: ...
    def check(self) -> List[str]: ...

class Result:
    tables: Dict[str, pa.Table]
    report: Dict[str, Any]
    documents: Optional[pa.Table]
    hits: Optional[pa.Table]
    segments: Optional[pa.Table]
    passages: Optional[pa.Table]
    refrains: Optional[pa.Table]
    groups: Optional[pa.Table]
    errors: Optional[pa.Table]
    def to_pandas(self, **options: Any) -> Dict[str, Any]: ...
    def write_parquet(self, directory: _Path) -> List[str]: ...

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
    model: Union[bool, os.PathLike[str], str] = True,
    save_model: Union[os.PathLike[str], str, None] = None,
    model_threshold: float = 0.8,
    cues: bool = True,
    tables: Optional[Iterable[str]] = None,
    threads: int = 0,
    text: str = "text",
    id: str = "id",
    progress: _Progress = None,
) -> Result: ...
def scan_files(
    paths: Union[Iterable[_Path], _Path],
    *,
    lexicon: Optional[Lexicon] = None,
    by: str = "document",
    reuse: bool = False,
    order_by: Optional[str] = None,
    min_words: int = 25,
    group_by: Optional[str] = None,
    speaker: Optional[str] = None,
    model: Union[bool, os.PathLike[str], str] = True,
    save_model: Union[os.PathLike[str], str, None] = None,
    model_threshold: float = 0.8,
    cues: bool = True,
    tables: Optional[Iterable[str]] = None,
    threads: int = 0,
    text: str = "text",
    id: str = "id",
    max_doc_bytes: int = ...,
    progress: _Progress = None,
) -> Result: ...

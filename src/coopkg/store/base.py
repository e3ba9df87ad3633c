"""What every repository offers, embedded or remote, and the errors of the store layer."""

from __future__ import annotations

from typing import Iterable, Protocol

import pyoxigraph as ox


class StoreFault(RuntimeError):
    """The store cannot be used: ``kind`` says why (missing, damaged, unreadable, locked), the
    message says where and what to do. ``public`` is the same without the folder, for pages."""

    ADVICE = {
        "missing": "run `coopkg build` to build one",
        "damaged": "rebuild it with `coopkg build` (then the damaged build folder can be deleted)",
        "unreadable": "run coopkg as the user who built it, or give that user read access to the folder",
        "locked": "another process is writing to it (a build, or a program holding it open): wait for it "
                  "or stop it, then try again",
    }
    WHAT = {"missing": "no store at {where}", "damaged": "the store at {where} is damaged",
            "unreadable": "the store at {where} cannot be read (permission denied)",
            "locked": "the store at {where} is locked"}

    def __init__(self, kind: str, location: str | None = None, detail: str = ""):
        self.kind, self.location, self.detail = kind, location, detail
        where = location or "the configured store folder"
        text = self.WHAT[kind].format(where=where) + (f" ({detail})" if detail else "") + ": " + self.ADVICE[kind]
        super().__init__(text)


class StoreMissing(StoreFault):
    """No build has been swapped in yet."""

    def __init__(self, message: str, location: str | None = None):
        RuntimeError.__init__(self, message)
        self.kind, self.location, self.detail = "missing", location, ""


def diagnose(exc: BaseException, location: str | None = None) -> StoreFault | None:
    """What an error from opening or reading an Oxigraph store says about the store; None when it
    is about something else. RocksDB's messages, as measured (notes/security-design.md)."""
    if isinstance(exc, StoreFault):
        return exc
    if not isinstance(exc, (OSError, RuntimeError)):
        return None
    text = " ".join(str(exc).split())
    if "Corruption" in text or "checksum mismatch" in text:
        first = text.split(" The file ")[0].removeprefix("Corruption: ")
        return StoreFault("damaged", location, first[:200])
    if "Permission denied" in text:
        return StoreFault("unreadable", location)
    if "LOCK" in text or "lock hold" in text or "Resource temporarily unavailable" in text:
        return StoreFault("locked", location)
    if isinstance(exc, FileNotFoundError) or "No such file or directory" in text:
        return StoreFault("missing", location)
    return None


class Repository(Protocol):
    """What the rest of the code needs from a store, embedded or remote."""

    def query(self, sparql: str, substitutions: dict | None = None):
        """Run a SPARQL query with the project's prefixes and the merge of the named graphs as
        default graph; ``substitutions`` maps variable names (or ``ox.Variable``) to RDF terms."""

    def quads(self, graph: str | None = None) -> Iterable[ox.Quad]:
        """Every quad, or those of one named graph."""

    def named_graphs(self) -> list[str]:
        """The IRIs of the named graphs."""

    def describe(self) -> str:
        """Where this repository is (for messages; never includes credentials)."""


def as_substitutions(values: dict | None) -> dict[ox.Variable, object] | None:
    if not values:
        return None
    return {(k if isinstance(k, ox.Variable) else ox.Variable(str(k).lstrip("?$"))): v for k, v in values.items()}

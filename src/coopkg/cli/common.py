"""What every subcommand shares: the one kind of error a user is shown, the language of messages,
and where output goes."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

from coopkg.config import settings


class UsageError(Exception):
    """Bad input from the user: printed as one line naming the place, never as a traceback."""


def language(args) -> str:
    """--lang, else COOPKG_LANG."""
    return getattr(args, "lang", None) or settings().lang


@contextmanager
def output(path: str | None):
    """A binary stream to ``path``, or to standard output for None or "-"."""
    if not path or path == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    with open(Path(path), "wb") as stream:
        yield stream

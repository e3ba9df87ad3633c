"""The ``# expect:`` lines that open a fixture file (UCO-style committed expectations)."""

from __future__ import annotations

import re
from pathlib import Path


def expect_lines(path: Path, pattern: re.Pattern) -> list[tuple[str, ...]]:
    """The groups of every ``# expect:`` line of the leading comment block; ``# expect: nothing``
    declares that nothing fires. A malformed expect line fails the test that reads it."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        if line.startswith("# expect: nothing"):
            continue
        match = pattern.match(line)
        if line.startswith("# expect:") and not match:
            raise AssertionError(f"{path.name}: malformed expect line {line!r}")
        if match:
            found.append(match.groups())
    return found

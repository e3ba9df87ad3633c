"""What a build computes from its store and keeps beside it (placeholder filled below)."""

from __future__ import annotations

from pathlib import Path


def write_derived(repository, folder: Path) -> None:
    return None

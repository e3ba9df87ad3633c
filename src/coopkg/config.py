"""Where the project's files and the built store live."""

from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    """The folder holding ontology/, data/ and queries/.

    ``COOPKG_HOME`` wins; otherwise the repository this package was installed from (editable
    install) or the current folder when it holds the project.
    """
    env = os.environ.get("COOPKG_HOME")
    if env:
        return Path(env).resolve()
    here = Path(__file__).resolve().parent
    for candidate in (here.parent.parent, Path.cwd()):
        if (candidate / "ontology").is_dir() and (candidate / "queries").is_dir():
            return candidate
    return here.parent.parent


def store_root() -> Path:
    """The folder holding the built stores (``COOPKG_STORE`` or ``var/store`` in the project)."""
    env = os.environ.get("COOPKG_STORE")
    return Path(env).resolve() if env else project_root() / "var" / "store"


def ontology_dir() -> Path:
    return project_root() / "ontology"


def data_dir() -> Path:
    return project_root() / "data"


def queries_dir() -> Path:
    return project_root() / "queries"

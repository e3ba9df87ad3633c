"""Data quality of the served store: its SHACL report, label completeness, unsourced things.

The SHACL report re-validates what the store holds (not the files): the store's quads go
through the same seam as a build (``loading.to_rdflib_graph`` then
``validation.validate_graph``); the report is kept per repository, as validation takes seconds.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from coopkg.rdf.namespaces import ID, VOCAB
from coopkg.read.labels import FALLBACK_LANGUAGES, Labels, kind_label, load_kinds, load_labels

_cache: "weakref.WeakKeyDictionary[object, StoreReport]" = weakref.WeakKeyDictionary()
_lock = threading.Lock()


@dataclass(frozen=True)
class StoreReport:
    results: list  # coopkg.build.validation.ShapeResult
    elapsed: float

    @property
    def violations(self) -> list:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def warnings(self) -> list:
        return [r for r in self.results if r.severity == "Warning"]


def shacl_report(repository) -> StoreReport:
    """The SHACL results for everything the repository holds (computed once per repository)."""
    with _lock:
        cached = _cache.get(repository)
    if cached is not None:
        return cached
    from coopkg.build.loading import SourceFile, to_rdflib_graph
    from coopkg.build.validation import validate_graph  # pyshacl is slow to import: only here

    start = time.perf_counter()
    graph = to_rdflib_graph([SourceFile(Path("store"), list(repository.quads()))])
    report = StoreReport(validate_graph(graph).results, time.perf_counter() - start)
    with _lock:
        _cache[repository] = report
    return report


def _node_iri(n3: str) -> str | None:
    return n3[1:-1] if n3.startswith("<") and n3.endswith(">") else None


def results_table(results: list, labels: Labels, lang: str = "en") -> pd.DataFrame:
    """One row per result: severity, shape, constraint, focus node (with its label), path, value,
    and the message in ``lang``."""
    rows = []
    for r in results:
        focus = _node_iri(r.focus_node)
        rows.append({
            "severity": r.severity,
            "shape": r.source_shape,
            "constraint": r.constraint,
            "focus": focus or r.focus_node,
            "focusLabel": labels.label(focus, lang) if focus else r.focus_node,
            "path": r.result_path or "",
            "value": r.value or "",
            "message": r.message(lang),
        })
    return pd.DataFrame(rows, columns=["severity", "shape", "constraint", "focus", "focusLabel", "path", "value",
                                       "message"])


def results_summary(results: list, lang: str = "en") -> pd.DataFrame:
    """How many results each shape gave, with its message in ``lang``."""
    groups: dict[tuple[str, str, str], list] = defaultdict(list)
    for r in results:
        groups[(r.severity, r.source_shape, r.constraint)].append(r)
    rows = [{"severity": s, "shape": shape, "constraint": c, "count": len(members), "message": members[0].message(lang)}
            for (s, shape, c), members in groups.items()]
    frame = pd.DataFrame(rows, columns=["severity", "shape", "constraint", "count", "message"])
    return frame.sort_values(["severity", "count"], ascending=[False, False]).reset_index(drop=True)


def _described(iri: str) -> bool:
    return iri.startswith((ID, VOCAB))


def label_completeness(repository, lang: str = "en", labels: Labels | None = None) -> pd.DataFrame:
    """Per kind of thing described by the project: how many have a preferred label in fr, en, ru."""
    labels = labels or load_labels(repository)
    kinds = load_kinds(repository)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for thing, kind in kinds.items():
        if not _described(thing):
            continue
        counts[kind]["things"] += 1
        for language in labels.preferred_languages(thing) & set(FALLBACK_LANGUAGES):
            counts[kind][language] += 1
    rows = []
    for kind, row in sorted(counts.items(), key=lambda kv: -kv[1]["things"]):
        entry = {"kind": kind, "kindLabel": kind_label(kind, lang), "things": row["things"]}
        for language in FALLBACK_LANGUAGES:
            entry[language] = row[language]
            entry[f"{language}%"] = round(100.0 * row[language] / row["things"], 1)
        rows.append(entry)
    return pd.DataFrame(rows)


def missing_labels(repository, language: str, lang: str = "en", kind: str | None = None,
                   labels: Labels | None = None) -> pd.DataFrame:
    """The things described by the project without a preferred label in ``language``."""
    labels = labels or load_labels(repository)
    kinds = load_kinds(repository)
    rows = [{"thing": thing, "label": labels.label(thing, lang), "kind": k, "kindLabel": kind_label(k, lang)}
            for thing, k in kinds.items()
            if _described(thing) and (kind is None or k == kind) and language not in labels.preferred_languages(thing)]
    rows.sort(key=lambda r: (r["kind"], r["label"].casefold()))
    return pd.DataFrame(rows, columns=["thing", "label", "kind", "kindLabel"])


__all__ = ["StoreReport", "shacl_report", "results_table", "results_summary", "label_completeness",
           "missing_labels"]

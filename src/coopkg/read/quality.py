"""Data quality of the served build: its validation report, label completeness, unsourced things.

The validation report is the one the build saved beside its store (``coopkg.store.report``): the
same results ``coopkg build`` printed, read in a fraction of a second, never computed again here.
A remote endpoint has no saved report (``coopkg validate`` checks the files).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from coopkg.rdf.namespaces import ID, VOCAB
from coopkg.read.labels import FALLBACK_LANGUAGES, Labels, kind_label, load_kinds, load_labels
from coopkg.store import REMOTE_KEY
from coopkg.store.report import ValidationReport, build_report


def saved_report(key: str) -> ValidationReport | None:
    """The validation report saved with the build that ``key`` names (``coopkg.store.repository_key``),
    or None for a remote endpoint or a build saved without one."""
    return None if key == REMOTE_KEY else build_report(Path(key))


def _node_iri(n3: str) -> str | None:
    return n3[1:-1] if n3.startswith("<") and n3.endswith(">") else None


def results_table(results: list, labels: Labels, lang: str = "en") -> list[dict]:
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
    return rows


def results_summary(results: list, lang: str = "en") -> list[dict]:
    """How many results each shape gave, with its message in ``lang``."""
    groups: dict[tuple[str, str, str], list] = defaultdict(list)
    for r in results:
        groups[(r.severity, r.source_shape, r.constraint)].append(r)
    rows = [{"severity": s, "shape": shape, "constraint": c, "count": len(members), "message": members[0].message(lang)}
            for (s, shape, c), members in groups.items()]
    order = {"Violation": 0, "Warning": 1, "Info": 2}
    return sorted(rows, key=lambda r: (order.get(r["severity"], 3), -r["count"], r["shape"]))


def _described(iri: str) -> bool:
    return iri.startswith((ID, VOCAB))


def label_completeness(repository, lang: str = "en", labels: Labels | None = None) -> list[dict]:
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
    return rows


def missing_labels(repository, language: str, lang: str = "en", kind: str | None = None,
                   labels: Labels | None = None) -> list[dict]:
    """The things described by the project without a preferred label in ``language``."""
    labels = labels or load_labels(repository)
    kinds = load_kinds(repository)
    rows = [{"thing": thing, "label": labels.label(thing, lang), "kind": k, "kindLabel": kind_label(k, lang)}
            for thing, k in kinds.items()
            if _described(thing) and (kind is None or k == kind) and language not in labels.preferred_languages(thing)]
    rows.sort(key=lambda r: (r["kind"], r["label"].casefold()))
    return rows


__all__ = ["saved_report", "results_table", "results_summary", "label_completeness",
           "missing_labels"]

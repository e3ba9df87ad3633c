"""What the command line prints: build and validation reports, statistics, result tables."""

from __future__ import annotations

import shutil
from collections import defaultdict
from typing import TYPE_CHECKING

from coopkg.build.loading import display_path
from coopkg.i18n import t
from coopkg.rdf.formats import term_text, visible
from coopkg.rdf.namespaces import compact
from coopkg.sparql.catalogue import load_checks

if TYPE_CHECKING:
    from coopkg.build.pipeline import Outcome
    from coopkg.read.stats import Stats


def format_report(outcome: Outcome, lang: str = "en", limit: int = 20, warning_limit: int = 3) -> str:
    """A readable report grouped by shape (or check): focus node, describing file, constraint,
    message in ``lang``; at most ``limit`` focus nodes per group (``warning_limit`` for
    warnings, which do not block and would otherwise bury the rest)."""
    lines: list[str] = []
    if outcome.syntax_errors:
        for error in outcome.syntax_errors:
            lines.append(f"  {error}")
        return "\n".join(lines)
    def files_of(node: str) -> str:
        return ", ".join(display_path(p) for p in outcome.files_of(node)) or "?"

    def shape_section(title: str, results: list, limit: int) -> None:
        if not results:
            return
        lines.append(f"{title} ({len(results)})")
        groups = defaultdict(list)
        for result in results:
            groups[(result.source_shape, result.constraint)].append(result)
        for (shape, constraint), members in sorted(groups.items()):
            message = members[0].messages.get(lang) or members[0].messages.get("en") or ""
            lines.append(f"  [{shape}] {constraint} ({len(members)})")
            lines.append(f"    {message}")
            for result in members[:limit]:
                focus = _short(result.focus_node)
                detail = f"    - {t('report.focus', lang)} {focus} ({t('report.file', lang)} {files_of(result.focus_node)})"
                if result.result_path:
                    detail += f"; {t('report.path', lang)} {_short(result.result_path)}"
                if result.value is not None:
                    detail += f"; {t('report.value', lang)} {_short(result.value)}"
                lines.append(detail)
            if len(members) > limit:
                lines.append("    " + t("report.more", lang, n=len(members) - limit))

    shape_section(t("report.violations", lang), [r for r in outcome.violations if not r.is_check], limit)
    checks = [r for r in outcome.violations if r.is_check]
    if checks:
        titles = {check.name: check for check in load_checks()}
        lines.append(f"{t('report.check', lang).capitalize()}s ({len(checks)})")
        groups = defaultdict(list)
        for result in checks:
            groups[result.check_name].append(result)
        for name, members in sorted(groups.items()):
            title = titles[name].title(lang) if name in titles else name
            lines.append(f"  [queries/checks/{name}.rq] {title} ({len(members)})")
            for result in members[:limit]:
                focus = _short(result.focus_node)
                graph = f", graph {_short(result.value)}" if result.value else ""
                lines.append(f"    - {t('report.focus', lang)} {focus} ({t('report.file', lang)} "
                             f"{files_of(result.focus_node)}{graph}): {result.message(lang)}")
            if len(members) > limit:
                lines.append("    " + t("report.more", lang, n=len(members) - limit))
    shape_section(t("report.warnings", lang), outcome.warnings, warning_limit)
    return "\n".join(lines)


def _short(n3: str) -> str:
    if n3.startswith("<") and n3.endswith(">"):
        short = compact(n3[1:-1])
        return short if short != n3[1:-1] else n3
    return n3


def format_stats(stats: Stats, lang: str = "en") -> str:
    lines = [t("stats.by_class", lang)]
    width = max([len(compact(c)) for c, _ in stats.by_class] + [10])
    for cls, count in stats.by_class:
        lines.append(f"  {compact(cls).ljust(width)}  {count:>7}")
    lines.append("")
    lines.append(t("stats.by_graph", lang))
    width = max([len(compact(g)) for g, _, _ in stats.by_graph] + [10])
    for graph, count, title in stats.by_graph:
        lines.append(f"  {compact(graph).ljust(width)}  {count:>7}  {title}")
    lines.append(f"  {'total'.ljust(width)}  {stats.triples:>7}")
    return "\n".join(lines)


def format_table(solutions, max_width: int | None = None) -> str:
    """A plain-text table of SELECT solutions, columns cut to fit the terminal."""
    names = [v.value for v in solutions.variables]
    rows = [[visible(term_text(row[n])) for n in names] for row in solutions]
    if not names:
        return ""
    max_width = max_width or shutil.get_terminal_size((160, 20)).columns
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    budget = max(max_width - 3 * (len(names) - 1), 10 * len(names))
    while sum(widths) > budget and max(widths) > 10:
        widest = widths.index(max(widths))
        widths[widest] -= 1

    def cell(text: str, width: int) -> str:
        return (text if len(text) <= width else text[: width - 1] + "…").ljust(width)

    out = [" | ".join(cell(n, w) for n, w in zip(names, widths)).rstrip(),
           "-+-".join("-" * w for w in widths)]
    out += [" | ".join(cell(v, w) for v, w in zip(r, widths)).rstrip() for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)

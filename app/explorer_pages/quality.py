"""Data quality: the validation report the build saved with the served store (never computed
again here), label completeness, things without a source."""

import common
import pyoxigraph as ox
import state
import streamlit as st
import tables

from coopkg.i18n import t
from coopkg.read import quality, views
from coopkg.read.labels import kind_label
from coopkg.store.report import ValidationReport

PAGE = "quality"
SEVERITIES = ("Violation", "Warning", "Info")
KINDS = ("authority", "person", "organisation", "event", "place", "partnership", "concept")


@st.cache_resource(show_spinner=False, max_entries=2)
def _report(path: str):
    return quality.saved_report(path)


@st.cache_data(show_spinner=False, max_entries=4)
def _unsourced(path: str) -> list[dict]:
    return views.run_view(common.repository(), views.UNSOURCED).rows


def literal(value):
    return None if value in (None, "") else ox.Literal(str(value))


def main():
    lang = common.lang()
    state.keep_only(["severity", "missing", "kind"])
    path = common.build_path()
    repo, labels = common.repository(), common.labels()
    st.title(common.tr("app.quality.title"))

    report = _report(path)
    if report is None:
        st.info(common.tr("app.quality.no_report"))
        report = ValidationReport()
    cols = st.columns(3)
    cols[0].metric(common.tr("app.quality.violations"), len(report.violations))
    cols[1].metric(common.tr("app.quality.warnings"), len(report.warnings))
    cols[2].metric(common.tr("app.quality.validated"), report.created[:16].replace("T", " ") or "—")
    if report.engine:
        st.caption(common.tr("app.quality.engine", engine=report.engine, triples=report.triples))
    if report.violations:
        st.error(common.tr("app.quality.has_violations", n=len(report.violations)))
    else:
        st.success(common.tr("app.quality.no_violations"))

    def severity_name(s: str) -> str:
        return t(f"app.quality.severity.{s}", lang)

    st.subheader(common.tr("app.quality.by_shape"))
    summary = [{"severity": literal(severity_name(r["severity"])), "message": literal(r["message"]),
                "count": ox.Literal(str(r["count"]), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
                "shape": literal(r["shape"]), "constraint": literal(r["constraint"])}
               for r in quality.results_summary(report.results, lang)]
    tables.show(summary, [tables.Column("severity", common.tr("app.col.severity")),
                          tables.Column("message", common.tr("app.col.message")),
                          tables.Column("count", common.tr("app.col.count"), tables.NUMBER),
                          tables.Column("shape", common.tr("app.col.shape")),
                          tables.Column("constraint", common.tr("app.col.constraint"))],
                key="summary", name="validation-summary", lang=lang)
    default = "Violation" if report.violations else "Warning"
    severity = state.segmented(PAGE, "severity", common.tr("app.quality.severity"), SEVERITIES, lang=lang,
                               default=default, format_func=severity_name)
    chosen = quality.results_table([r for r in report.results if r.severity == severity], labels, lang)
    rows = [{"focus": ox.NamedNode(r["focus"]) if r["focus"].startswith("http") else literal(r["focus"]),
             "message": literal(r["message"]), "path": literal(r["path"]), "value": literal(r["value"]),
             "shape": literal(r["shape"])} for r in chosen]
    tables.show(rows, [tables.Column("focus", common.tr("app.col.focus"), tables.IRI),
                       tables.Column("message", common.tr("app.col.message")),
                       tables.Column("path", common.tr("app.col.path")),
                       tables.Column("value", common.tr("app.col.value")),
                       tables.Column("shape", common.tr("app.col.shape"))],
                key="results", name=f"validation-{severity.lower()}", lang=lang)

    st.subheader(common.tr("app.quality.labels"))
    integer = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    decimal = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
    completeness = []
    for r in quality.label_completeness(repo, lang, labels):
        row = {"kind": literal(kind_label(r["kind"], lang)), "things": ox.Literal(str(r["things"]), datatype=integer)}
        for language in ("fr", "en", "ru"):
            row[language] = ox.Literal(str(r[language]), datatype=integer)
            row[f"{language}%"] = ox.Literal(str(r[f"{language}%"]), datatype=decimal)
        completeness.append(row)
    columns = [tables.Column("kind", common.tr("app.col.kind")),
               tables.Column("things", common.tr("app.col.things"), tables.NUMBER)]
    for language in ("fr", "en", "ru"):
        columns += [tables.Column(language, language, tables.NUMBER),
                    tables.Column(f"{language}%", common.tr("app.col.percent", language=language), tables.NUMBER)]
    tables.show(completeness, columns, key="completeness", name="label-completeness", lang=lang)

    left, right = st.columns(2)
    language = state.selectbox(PAGE, "missing", common.tr("app.quality.missing_in"), ["fr", "en", "ru"], lang=lang,
                               default="ru", container=left, format_func=lambda x: common.LANGUAGES[x])
    kind = state.selectbox(PAGE, "kind", common.tr("app.col.kind"), [""] + list(KINDS), lang=lang, default="",
                           container=right, format_func=lambda k: kind_label(k, lang) if k else t("app.views.any", lang))
    missing = quality.missing_labels(repo, language, lang, kind or None, labels)
    st.caption(common.tr("app.quality.labels_missing", n=len(missing)))
    tables.show([{"thing": ox.NamedNode(r["thing"]), "kind": literal(r["kindLabel"])} for r in missing],
                [tables.Column("thing", common.tr("app.col.label"), tables.IRI),
                 tables.Column("kind", common.tr("app.col.kind"))],
                key="missing", name=f"missing-labels-{language}", lang=lang, height=300)

    st.subheader(common.tr("app.quality.unsourced"))
    st.caption(common.tr("app.quality.unsourced_hint"))
    unsourced = tables.plain_rows(_unsourced(path), iri_columns=("thing", "class"))
    tables.show(unsourced, [tables.Column("thing", common.tr("app.col.label"), tables.IRI),
                            tables.Column("class", common.tr("app.col.kind"), tables.IRI)],
                key="unsourced", name="unsourced", lang=lang)
    with st.expander(common.tr("app.views.query")):
        st.code(views.view_query(views.UNSOURCED).text, language="sparql")


common.guard(main)

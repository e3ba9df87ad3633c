"""Data quality: the SHACL report of the served store, label completeness, unsourced things."""

import common
import streamlit as st

from coopkg.read import quality, views
from coopkg.read.labels import kind_label


@st.cache_resource(show_spinner=False)
def _report(path: str):
    return quality.saved_report(path)


def _headers(*names: str) -> dict:
    """Column titles in the interface language for the report tables."""
    keys = {"severity": "app.col.severity", "shape": "app.col.shape", "constraint": "app.col.constraint",
            "count": "app.col.count", "message": "app.col.message", "focusLabel": "app.col.label",
            "path": "app.col.path", "value": "app.col.value"}
    return {name: common.tr(keys[name]) for name in names if name in keys}


def main():
    lang = common.lang()
    path = common.build_path()
    repo, labels = common.repository(), common.labels()
    st.title(common.tr("app.quality.title"))

    report = _report(path)
    if report is None:
        st.info(common.tr("app.quality.no_report"))
        report = quality.ValidationReport()
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
    st.subheader(common.tr("app.quality.by_shape"))
    summary = quality.results_summary(report.results, lang)
    st.dataframe(summary, hide_index=True, width="stretch", column_config=_headers(*summary.columns))
    severity = st.segmented_control(common.tr("app.quality.severity"), ["Violation", "Warning", "Info"],
                                    default="Violation" if report.violations else "Warning", key="severity")
    chosen = [r for r in report.results if r.severity == severity]
    if chosen:
        shown, config = common.links(quality.results_table(chosen, labels, lang), ["focus"])
        config = {**_headers(*shown.columns), **config}
        config["focus"]["label"] = common.tr("app.col.focus")  # a LinkColumn config is a dict
        st.dataframe(shown, column_config=config, hide_index=True, width="stretch")
    else:
        st.caption(common.tr("app.no_rows"))

    st.subheader(common.tr("app.quality.labels"))
    st.dataframe(quality.label_completeness(repo, lang, labels), hide_index=True, width="stretch",
                 column_order=["kindLabel", "things", "fr", "fr%", "en", "en%", "ru", "ru%"],
                 column_config={"kindLabel": common.tr("app.col.kind"), "things": common.tr("app.col.count")})
    left, right = st.columns(2)
    language = left.selectbox(common.tr("app.quality.missing_in"), ["fr", "en", "ru"], index=2, key="missing-lang")
    kind = right.selectbox(common.tr("app.col.kind"), ["", "authority", "person", "organisation", "event", "place",
                                                       "partnership", "concept"], key="missing-kind",
                           format_func=lambda k: kind_label(k, lang) if k else common.tr("app.views.any"))
    missing = quality.missing_labels(repo, language, lang, kind or None, labels)
    st.caption(common.tr("app.views.rows", n=len(missing)))
    shown, config = common.links(missing[["label", "kindLabel", "thing"]], ["thing"])
    st.dataframe(shown, column_config=config, hide_index=True, width="stretch")

    st.subheader(common.tr("app.quality.unsourced"))
    st.caption(common.tr("app.quality.unsourced_hint"))
    view = views.unsourced(repo, lang, labels)
    frame = view.frame
    shown, config = common.links(frame[["thingLabel", "classLabel", "thing"]] if not frame.empty else frame, ["thing"])
    st.dataframe(shown, column_config=config, hide_index=True, width="stretch")
    with st.expander(common.tr("app.views.query")):
        st.code(view.sparql(), language="sparql")


common.guard(main)

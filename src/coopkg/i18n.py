"""Interface strings in French and English, for the command line and the explorer."""

from __future__ import annotations

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "en"

MESSAGES: dict[str, dict[str, str]] = {
    "build.syntax_failed": {
        "en": "Build failed: {n} file problem(s). The store was not changed.",
        "fr": "Échec de la construction : {n} problème(s) de fichier. Le store n'a pas été modifié.",
    },
    "build.validation_failed": {
        "en": "Build failed: {n} violation(s). The store was not changed.",
        "fr": "Échec de la construction : {n} violation(s). Le store n'a pas été modifié.",
    },
    "build.previous_store": {
        "en": "Still serving the previous store: {path}",
        "fr": "Le store précédent reste en service : {path}",
    },
    "build.no_previous_store": {
        "en": "No previous store exists yet.",
        "fr": "Aucun store précédent n'existe encore.",
    },
    "build.succeeded": {
        "en": "Build succeeded: {triples} triples in {graphs} named graphs, now served from {path}",
        "fr": "Construction réussie : {triples} triplets dans {graphs} graphes nommés, servis depuis {path}",
    },
    "validate.succeeded": {
        "en": "Valid: no violation ({warnings} warning(s)). No store was written.",
        "fr": "Valide : aucune violation ({warnings} avertissement(s)). Aucun store n'a été écrit.",
    },
    "validate.failed": {
        "en": "Invalid: {n} violation(s). No store was written.",
        "fr": "Invalide : {n} violation(s). Aucun store n'a été écrit.",
    },
    "report.violations": {"en": "Violations", "fr": "Violations"},
    "report.warnings": {"en": "Warnings", "fr": "Avertissements"},
    "report.focus": {"en": "focus node", "fr": "nœud focal"},
    "report.file": {"en": "described in", "fr": "décrit dans"},
    "report.value": {"en": "value", "fr": "valeur"},
    "report.path": {"en": "path", "fr": "chemin"},
    "report.check": {"en": "check", "fr": "contrôle"},
    "report.more": {"en": "... and {n} more", "fr": "... et {n} de plus"},
    "stats.by_class": {"en": "Things per class", "fr": "Entités par classe"},
    "stats.by_graph": {"en": "Triples per source graph", "fr": "Triplets par graphe source"},
    "stats.class": {"en": "class", "fr": "classe"},
    "stats.count": {"en": "count", "fr": "nombre"},
    "stats.graph": {"en": "graph", "fr": "graphe"},
    "stats.source": {"en": "source", "fr": "source"},
    "stats.triples": {"en": "triples", "fr": "triplets"},
}


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The message ``key`` in ``lang`` (falling back to English), formatted with ``values``."""
    entry = MESSAGES[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text

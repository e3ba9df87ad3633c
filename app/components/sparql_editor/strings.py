"""The editor's interface strings in French, English and Russian (``{name}`` fields are filled
in by the editor). A page may pass its own strings, which win over these."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "locale": "en-GB",
        "editor_label": "SPARQL query",
        "run": "Run",
        "run_shortcut": "Ctrl+Enter (⌘+Enter) runs the query",
        "history": "History",
        "history_pick": "Earlier queries ({n})",
        "history_empty": "No earlier query",
        "history_clear": "Clear history",
    },
    "fr": {
        "locale": "fr-FR",
        "editor_label": "Requête SPARQL",
        "run": "Exécuter",
        "run_shortcut": "Ctrl+Entrée (⌘+Entrée) exécute la requête",
        "history": "Historique",
        "history_pick": "Requêtes précédentes ({n})",
        "history_empty": "Aucune requête précédente",
        "history_clear": "Effacer l'historique",
    },
    "ru": {
        "locale": "ru-RU",
        "editor_label": "Запрос SPARQL",
        "run": "Выполнить",
        "run_shortcut": "Ctrl+Enter (⌘+Enter) выполняет запрос",
        "history": "История",
        "history_pick": "Предыдущие запросы ({n})",
        "history_empty": "Нет предыдущих запросов",
        "history_clear": "Очистить историю",
    },
}


def strings_for(lang: str) -> dict[str, str]:
    """The strings of ``lang``, English where it is not one of the three."""
    return dict(STRINGS.get(lang) or STRINGS["en"])

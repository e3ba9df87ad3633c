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
    # --- the explorer's query service (coopkg.sandbox) ---
    "sandbox.update": {
        "en": "This explorer only reads: {keyword} (SPARQL Update or LOAD) is refused. Use SELECT, ASK, CONSTRUCT or DESCRIBE.",
        "fr": "Cet explorateur ne fait que lire : {keyword} (SPARQL Update ou LOAD) est refusé. Utilisez SELECT, ASK, CONSTRUCT ou DESCRIBE.",
    },
    "sandbox.service": {
        "en": "SERVICE {endpoint} is refused: this explorer does not query other endpoints (none is allowed, or this one is not on the allow-list).",
        "fr": "SERVICE {endpoint} est refusé : cet explorateur n'interroge pas d'autres points d'accès (aucun n'est autorisé, ou celui-ci n'est pas sur la liste).",
    },
    "sandbox.syntax": {"en": "SPARQL syntax error{where}: {message}", "fr": "Erreur de syntaxe SPARQL{where} : {message}"},
    "sandbox.syntax_at": {"en": " (line {line}, column {column})", "fr": " (ligne {line}, colonne {column})"},
    "sandbox.timeout": {
        "en": "The query was stopped after {seconds} s, the time limit of this explorer. Narrow it (a LIMIT, more specific patterns) and try again.",
        "fr": "La requête a été arrêtée après {seconds} s, la limite de temps de cet explorateur. Restreignez-la (un LIMIT, des motifs plus précis) et réessayez.",
    },
    "sandbox.busy": {
        "en": "The query service is busy with other queries; try again in a moment.",
        "fr": "Le service de requêtes est occupé par d'autres requêtes ; réessayez dans un instant.",
    },
    "sandbox.memory": {
        "en": "The query was stopped: it needed more memory than this explorer allows. Narrow it and try again.",
        "fr": "La requête a été arrêtée : elle demandait plus de mémoire que cet explorateur n'en accorde. Restreignez-la et réessayez.",
    },
    "sandbox.store": {
        "en": "The knowledge graph is not available (no store has been built, or it cannot be opened): run `coopkg build`.",
        "fr": "Le graphe de connaissances n'est pas disponible (aucun store construit, ou illisible) : lancez `coopkg build`.",
    },
    "sandbox.failed": {"en": "The query could not be run: {message}", "fr": "La requête n'a pas pu être exécutée : {message}"},
    "sandbox.truncated": {
        "en": "Only the first {limit} results are shown (the limit of this page); the downloads can hold more.",
        "fr": "Seuls les {limit} premiers résultats sont affichés (la limite de cette page) ; les téléchargements peuvent en contenir davantage.",
    },
    # --- kinds of things (coopkg.labels.KINDS) ---
    "kind.authority": {"en": "Local authorities", "fr": "Collectivités territoriales"},
    "kind.person": {"en": "Persons", "fr": "Personnes"},
    "kind.organisation": {"en": "Organisations", "fr": "Organisations"},
    "kind.series": {"en": "Event series", "fr": "Séries d'événements"},
    "kind.event": {"en": "Events", "fr": "Événements"},
    "kind.partnership": {"en": "Partnerships", "fr": "Partenariats"},
    "kind.participation": {"en": "Participations", "fr": "Participations"},
    "kind.post": {"en": "Posts held", "fr": "Fonctions occupées"},
    "kind.count": {"en": "Counts", "fr": "Décomptes"},
    "kind.publication": {"en": "Publications", "fr": "Publications"},
    "kind.plan": {"en": "Plans", "fr": "Projets"},
    "kind.history": {"en": "Phases of the cooperation", "fr": "Phases de la coopération"},
    "kind.country": {"en": "Countries", "fr": "Pays"},
    "kind.place": {"en": "Places and territories", "fr": "Lieux et territoires"},
    "kind.concept": {"en": "Themes and controlled terms", "fr": "Thèmes et termes contrôlés"},
    "kind.source": {"en": "Source documents", "fr": "Documents sources"},
    "kind.graph": {"en": "Named graphs", "fr": "Graphes nommés"},
    "kind.dataset": {"en": "Datasets", "fr": "Jeux de données"},
    "kind.term": {"en": "Ontology terms", "fr": "Termes de l'ontologie"},
    "kind.other": {"en": "Other things", "fr": "Autres"},
}


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The message ``key`` in ``lang`` (falling back to English), formatted with ``values``."""
    entry = MESSAGES[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text

"""HTML documentation of the ontology, generated with pyLODE (never written by hand), in French,
English or Russian.

pyLODE writes its own headings in English and knows one label per term: the ontology it is given
keeps one language of each text (else it runs a term's French, English and Russian labels into one
heading), two terms sharing a label are told apart by their prefixed names ("Organisation
(org:Organization)", "Organisation (foaf:Organization)"), the ontology's creator and publisher get
their names in that language from the data files, and the page's fixed texts are translated and
its ``<html>`` says its language.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from coopkg.config import data_dir, ontology_dir
from coopkg.rdf.namespaces import compact

# pyLODE's fixed texts (headings, metadata and table labels, the legend) -> French, Russian.
PAGE_TEXTS = {
    "Metadata": ("Métadonnées", "Метаданные"),
    "Classes": ("Classes", "Классы"),
    "Object Properties": ("Propriétés d'objet", "Объектные свойства"),
    "Datatype Properties": ("Propriétés de données", "Свойства данных"),
    "Annotation Properties": ("Propriétés d'annotation", "Свойства-аннотации"),
    "Functional Properties": ("Propriétés fonctionnelles", "Функциональные свойства"),
    "Inverse Functional Properties": ("Propriétés fonctionnelles inverses", "Обратно функциональные свойства"),
    "Named Individuals": ("Individus nommés", "Именованные индивиды"),
    "Namespaces": ("Espaces de noms", "Пространства имён"),
    "Legend": ("Légende", "Условные обозначения"),
    "Table of Contents": ("Sommaire", "Содержание"),
    "Title": ("Titre", "Название"),
    "Creator": ("Créateur", "Автор"),
    "Publisher": ("Éditeur", "Издатель"),
    "Contributor": ("Contributeur", "Участник"),
    "Date Created": ("Date de création", "Дата создания"),
    "Date Modified": ("Date de modification", "Дата изменения"),
    "License": ("Licence", "Лицензия"),
    "Rights": ("Droits", "Права"),
    "Version Iri": ("IRI de version", "IRI версии"),
    "Version Info": ("Version", "Версия"),
    "Preferred Namespace Prefix": ("Préfixe d'espace de noms préféré", "Предпочтительный префикс"),
    "Preferred Namespace Uri": ("URI d'espace de noms préférée", "Предпочтительный URI пространства имён"),
    "Description": ("Description", "Описание"),
    "Is Defined By": ("Défini par", "Определено в"),
    "Domain": ("Domaine", "Область определения"),
    "Range": ("Codomaine", "Область значений"),
    "Domainincludes": ("Domaine possible", "Возможная область определения"),
    "Rangeincludes": ("Codomaine possible", "Возможная область значений"),
    "In Domain Of": ("Dans le domaine de", "В области определения"),
    "In Range Of": ("Dans le codomaine de", "В области значений"),
    "In Domain Includes Of": ("Dans le domaine possible de", "В возможной области определения"),
    "In Range Includes Of": ("Dans le codomaine possible de", "В возможной области значений"),
    "Sub Class Of": ("Sous-classe de", "Подкласс"),
    "Super Class Of": ("Super-classe de", "Надкласс"),
    "Sub Property Of": ("Sous-propriété de", "Подсвойство"),
    "Super Property Of": ("Super-propriété de", "Надсвойство"),
    "Equivalent Class": ("Classe équivalente", "Эквивалентный класс"),
    "Restrictions": ("Restrictions", "Ограничения"),
    "Example": ("Exemple", "Пример"),
    "Scope Note": ("Note d'application", "Примечание"),
    "OWL/RDFS Class": ("Classe OWL/RDFS", "Класс OWL/RDFS"),
    "OWL Object Property": ("Propriété d'objet OWL", "Объектное свойство OWL"),
    "OWL Datatype Property": ("Propriété de données OWL", "Свойство данных OWL"),
    "OWL Annotation Property": ("Propriété d'annotation OWL", "Свойство-аннотация OWL"),
}
TRANSLATED = {"fr": 0, "ru": 1}
AGENT_ROLES = ("http://purl.org/dc/terms/creator", "http://purl.org/dc/terms/publisher")


def ontology_in(lang: str):
    """The ontology as an rdflib Graph for pyLODE: one language of each text, shared labels
    qualified by the terms' prefixed names, the creator and publisher named."""
    import rdflib

    graph = rdflib.Graph().parse(ontology_dir() / "coopkg.ttl", format="turtle")
    texts = defaultdict(set)  # (subject, predicate) -> the languages it is given in
    for s, p, o in graph:
        if isinstance(o, rdflib.Literal) and o.language:
            texts[(s, p)].add(o.language)
    for s, p, o in list(graph):  # the page's language, else English (Russian texts are not all written)
        if isinstance(o, rdflib.Literal) and o.language:
            keep = lang if lang in texts[(s, p)] else "en"
            if o.language != keep:
                graph.remove((s, p, o))
    by_label = defaultdict(set)
    for term, label in graph.subject_objects(rdflib.RDFS.label):
        if isinstance(term, rdflib.URIRef):
            by_label[str(label)].add(term)
    for label, terms in by_label.items():
        if len(terms) > 1:
            for term in terms:
                for old in [o for o in graph.objects(term, rdflib.RDFS.label) if str(o) == label]:
                    graph.remove((term, rdflib.RDFS.label, old))
                    graph.add((term, rdflib.RDFS.label, rdflib.Literal(f"{label} ({compact(str(term))})", lang=old.language)))
    agents = {o for role in AGENT_ROLES for o in graph.objects(None, rdflib.URIRef(role)) if isinstance(o, rdflib.URIRef)}
    for agent, name in agent_names({str(a) for a in agents}, lang).items():
        graph.add((rdflib.URIRef(agent), rdflib.FOAF.name, rdflib.Literal(name, lang=lang)))
    return graph


def agent_names(agents: set[str], lang: str) -> dict[str, str]:
    """Each agent's skos:prefLabel in ``lang`` (else its foaf:name) as the data files state it."""
    import pyoxigraph as ox

    if not agents:
        return {}
    labels: dict[str, str] = {}
    names: dict[str, str] = {}
    for path in sorted(data_dir().rglob("*.trig")):
        for quad in ox.parse(path=str(path), format=ox.RdfFormat.TRIG):
            subject = quad.subject.value if isinstance(quad.subject, ox.NamedNode) else None
            if subject not in agents or not isinstance(quad.object, ox.Literal):
                continue
            if quad.predicate.value.endswith("core#prefLabel") and quad.object.language == lang:
                labels[subject] = quad.object.value
            elif quad.predicate.value == "http://xmlns.com/foaf/0.1/name":
                names.setdefault(subject, quad.object.value)
    return {agent: labels.get(agent) or names[agent] for agent in agents if agent in labels or agent in names}


def localise(page: str, lang: str) -> str:
    """pyLODE's page with ``<html lang>`` and its fixed texts in ``lang``."""
    page = re.sub(r"<html(?![^>]*\blang=)", f'<html lang="{lang}"', page, count=1)
    if lang not in TRANSLATED:
        return page
    column = TRANSLATED[lang]
    words = sorted(PAGE_TEXTS, key=len, reverse=True)
    element_text = re.compile(r"(>\s*)(" + "|".join(map(re.escape, words)) + r")(\s*<)")
    page = element_text.sub(lambda m: m.group(1) + PAGE_TEXTS[m.group(2)][column] + m.group(3), page)
    title = re.compile(r'(title=")(' + "|".join(map(re.escape, words)) + r')(")')
    return title.sub(lambda m: m.group(1) + PAGE_TEXTS[m.group(2)][column] + m.group(3), page)


def generate(destination: Path, lang: str = "en") -> Path:
    """Write the ontology's HTML documentation in ``lang`` to ``destination``; return its path."""
    from pylode import OntPub

    destination.parent.mkdir(parents=True, exist_ok=True)
    page = OntPub(ontology=ontology_in(lang)).make_html()
    destination.write_text(localise(page, lang), encoding="utf-8")
    return destination

"""One search box for every named thing, by any of its labels, in any language or script.

Labels and queries are folded to the same ASCII key: Cyrillic is transliterated (unidecode),
accents and case are dropped, and the spellings by which French and English transliterate
Russian are brought together (ch/sh/tch -> s, j/zh -> j, ou/u -> u, ï/y/i -> i, ie/ye/e -> e,
doubled letters -> one...). "Nijni", "Nizhny" and "Нижний" all fold to ``nijni``;
"Chvydkoï", "Shvydkoy" and "Швыдкой" to ``svidkoi``. Collisions are acceptable: a search box
should find too much rather than miss.
"""

from __future__ import annotations

import re
import threading
import unicodedata
import weakref
from dataclasses import dataclass, field

from unidecode import unidecode

from coopkg.rdf.namespaces import compact, expand
from coopkg.read.labels import KINDS, LABEL_PREDICATES, OTHER_KIND, Labels, kind_label, load_kinds, load_labels
from coopkg.sparql.catalogue import library_text

# Applied in this order to each ASCII, lower-case word.
_RULES: tuple[tuple[re.Pattern, str], ...] = tuple((re.compile(a), b) for a, b in (
    (r"chtch|shch|tsch|tch|sch", "s"),  # щ, ч (fr "tch", de "tsch")
    (r"ch|sh", "s"),  # ш (fr "ch", en "sh"), ч (en "ch")
    (r"zh", "j"),  # ж (en "zh", fr "j")
    (r"ou", "u"),  # у (fr "ou", en "u")
    (r"gu(?=[ei])", "g"),  # fr "Guennadi" for Gennady
    (r"ph", "f"),
    (r"w", "v"),  # de "Tschaikowsky"
    (r"x", "ks"),  # Alexandre / Aleksandr
    (r"y", "i"),  # й, ы (fr "ï", en "y"), я/ю/е (en "ya", "yu", "ye")
    (r"(.)\1+", r"\1"),  # fr "Vassili" / en "Vasily"; "ii" from unidecode's "ий"
    (r"ie", "e"),  # е (fr "Iekaterinbourg", en "Yekaterinburg", "Ekaterinburg")
    (r"(?<=...)e$", ""),  # a silent French final e: "Alexandre" / "Aleksandr"
))
_WORD = re.compile(r"[a-z0-9]+")
# Saint in its abbreviations and languages (St, Ste, Sankt, Sainte), after folding: one word.
_SAINT = {"st": "saint", "ste": "saint", "sankt": "saint", "saint": "saint"}
_YEAR = re.compile(r"(1[89]|20)[0-9]{2}")


def ascii_words(text: str) -> list[str]:
    """Lower-case ASCII words of any text, Cyrillic transliterated, accents dropped."""
    text = unicodedata.normalize("NFKC", text)
    return _WORD.findall(unidecode(text).lower())


def fold_word(word: str) -> str:
    for pattern, replacement in _RULES:
        word = pattern.sub(replacement, word)
    return _SAINT.get(word, word)


def fold(text: str) -> list[str]:
    """The search key of a text: one folded word per word of the text."""
    return [fold_word(w) for w in ascii_words(text)]


def skeleton(word: str) -> str:
    """A folded word without its vowels after the first letter: a last, looser comparison."""
    return word[:1] + re.sub(r"[aeiou]", "", word[1:])


@dataclass(frozen=True)
class _Entry:
    thing: str
    text: str
    lang: str
    predicate: str
    plain: tuple[str, ...]  # ascii words
    folded: tuple[str, ...]


@dataclass(frozen=True)
class Hit:
    iri: str
    label: str  # in the interface language, with fallback
    matched: str  # the label that matched (may be in another language or script)
    matched_lang: str
    kind: str
    score: float


@dataclass
class KindGroup:
    kind: str
    title: str
    hits: list[Hit] = field(default_factory=list)


class SearchIndex:
    def __init__(self, labels: Labels, kinds: dict[str, str], years: dict[str, set[str]] | None = None):
        self.labels = labels
        self.kinds = kinds
        self.years = years or {}  # thing -> the years of its dates: a year in the query narrows to them
        self.entries = []
        for entry in labels.entries:
            plain = tuple(ascii_words(entry.text))
            if plain:
                self.entries.append(_Entry(entry.thing, entry.text, entry.lang, entry.predicate, plain,
                                           tuple(fold_word(w) for w in plain)))

    @staticmethod
    def _word_score(q_plain: str, q_folded: str, entry: _Entry) -> float:
        best = 0.0
        for plain, folded in zip(entry.plain, entry.folded):
            if q_plain == plain or q_folded == folded:
                return 3.0
            if plain.startswith(q_plain) or folded.startswith(q_folded):
                best = max(best, 2.0)
            elif len(q_folded) >= 3 and (q_plain in plain or q_folded in folded):
                best = max(best, 1.0)
            elif best < 0.5:
                q_skeleton = skeleton(q_folded)
                if len(q_skeleton) >= 3 and skeleton(folded).startswith(q_skeleton):
                    best = 0.5
        return best

    def search(self, query: str, lang: str = "en", limit: int = 100) -> list[Hit]:
        """The things whose labels match every word of the query, best first. A year among the
        words matches a label that says it, or a thing dated that year (an event of 2020)."""
        words = ascii_words(query)
        if not words:
            return []
        folded_words = [fold_word(w) for w in words]
        best: dict[str, tuple[float, _Entry]] = {}
        for entry in self.entries:
            total = 0.0
            for q_plain, q_folded in zip(words, folded_words):
                score = self._word_score(q_plain, q_folded, entry)
                if not score and _YEAR.fullmatch(q_plain) and q_plain in self.years.get(entry.thing, ()):
                    score = 3.0
                if not score:
                    break
                total += score
            else:
                total = total / len(words)
                if entry.predicate == LABEL_PREDICATES[0]:
                    total += 0.25 + (0.25 if entry.lang == lang else 0.0)
                if len(entry.plain) == len(words):
                    total += 0.25  # the whole label matched
                if entry.thing not in best or total > best[entry.thing][0]:
                    best[entry.thing] = (total, entry)
        direct = self._by_iri(query)
        if direct and direct not in best:
            best[direct] = (10.0, _Entry(direct, compact(direct), "", "", (), ()))
        hits = [Hit(thing, self.labels.label(thing, lang), entry.text, entry.lang,
                    self.kinds.get(thing, OTHER_KIND), score)
                for thing, (score, entry) in best.items()]
        hits.sort(key=lambda h: (-h.score, h.label.casefold(), h.iri))
        return hits[:limit]

    def _by_iri(self, query: str) -> str | None:
        """A query that is an IRI or a prefixed name of a known thing finds that thing."""
        text = query.strip()
        if not re.fullmatch(r"<?[A-Za-z][\w+.-]*:\S+?>?", text):
            return None
        iri = expand(text)
        return iri if (iri in self.kinds or iri in self.labels) else None


def group_by_kind(hits: list[Hit], lang: str = "en") -> list[KindGroup]:
    """Hits grouped by kind; groups in the order of their best hit, then of ``KINDS``."""
    order = {key: i for i, (key, _) in enumerate(KINDS)}
    groups: dict[str, KindGroup] = {}
    for hit in hits:
        groups.setdefault(hit.kind, KindGroup(hit.kind, kind_label(hit.kind, lang))).hits.append(hit)
    return sorted(groups.values(), key=lambda g: (-g.hits[0].score, order.get(g.kind, len(order))))


_cache: "weakref.WeakKeyDictionary[object, SearchIndex]" = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def load_index(repository) -> SearchIndex:
    """The search index of a repository, built once from its labels and kept while it lives."""
    with _lock:
        cached = _cache.get(repository)
    if cached is None:
        years: dict[str, set[str]] = {}
        for row in repository.query(library_text("read/search-years")):
            years.setdefault(row["thing"].value, set()).add(row["year"].value)
        cached = SearchIndex(load_labels(repository), load_kinds(repository), years)
        with _lock:
            _cache[repository] = cached
    return cached


def search(repository, query: str, lang: str = "en", limit: int = 100) -> list[KindGroup]:
    """The things matching ``query``, grouped by kind."""
    return group_by_kind(load_index(repository).search(query, lang, limit), lang)


__all__ = ["fold", "fold_word", "ascii_words", "skeleton", "SearchIndex", "Hit", "KindGroup", "search",
           "group_by_kind", "load_index"]

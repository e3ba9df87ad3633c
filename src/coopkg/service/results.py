"""Query results written by pyoxigraph's own serialisers, under a cap of rows and of bytes.

One function, :func:`write_result`, used where a query runs (the worker process, or the parent for
a remote endpoint): it writes a SELECT, ASK, CONSTRUCT or DESCRIBE result in a named format into
a sink, counting rows exactly, and stops at either cap. Two ways to stop:

``truncate`` (the explorer's pages and downloads)
    the rows up to the cap are kept, whole, and the result says it was cut;
``refuse`` (the SPARQL endpoint)
    a result over a cap is an error, so that no client ever gets a complete-looking document
    that lacks rows.

Rows are counted on a line-per-row form that pyoxigraph writes itself: TSV for solutions (every
newline in a value is escaped, so one line is one row), N-Triples for graphs. A SELECT answer in
another format is written as TSV first (in a spooled buffer, within the caps), then read back and
written in the format asked: about 1.4 times the CPU of writing it directly (benchmarks/
result_transport.py), for a count that no other format gives.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass

import pyoxigraph as ox

from coopkg.rdf.formats import OUTPUT_PREFIXES, RDF_FORMATS, RESULT_FORMATS

SPOOL_IN_MEMORY = 8 * 1024 * 1024  # then a temporary file
TRUNCATE, REFUSE = "truncate", "refuse"
SOLUTION_FORMATS = tuple(RESULT_FORMATS)  # csv tsv json xml
BOOLEAN_FORMATS = ("json", "xml", "csv", "tsv")
GRAPH_FORMATS = ("turtle", "ntriples", "nquads", "trig", "jsonld", "rdfxml")


class CapReached(Exception):
    """A result passed its cap of rows or bytes (``what``: "rows" or "bytes")."""

    def __init__(self, what: str, cap: int):
        super().__init__(f"more than {cap:,} {what}")
        self.what, self.cap = what, cap


@dataclass
class Written:
    form: str  # SELECT, ASK or GRAPH
    rows: int = 0  # solutions or triples written
    truncated: str | None = None  # "rows" or "bytes" when cut (truncate mode)
    bytes: int = 0
    total: int | None = None  # SELECT cut at its rows, counted on: every row of the result
    total_exact: bool = True  # False: the counting stopped at its deadline, ``total`` is a lower bound


class Capped:
    """A binary sink that refuses to grow past ``max_bytes``."""

    def __init__(self, sink, max_bytes: int):
        self.sink, self.max_bytes, self.size = sink, max_bytes, 0

    def write(self, data) -> int:
        if self.size + len(data) > self.max_bytes:
            raise CapReached("bytes", self.max_bytes)
        self.size += len(data)
        self.sink.write(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


class Lines:
    """A sink that passes on whole lines only: at most ``max_lines`` of them (the first one, a
    header, not counted when ``header``) and ``max_bytes`` in all. In truncate mode, reaching a cap
    raises :class:`CapReached` after the last whole line that fits has been passed on. With
    ``count_until`` (a ``time.monotonic()`` deadline), reaching the cap of lines passes nothing
    more on but lets the serialiser go on while the lines are counted, until the deadline: the
    true total of a cut result, counted by the serialiser itself."""

    def __init__(self, sink, max_lines: int, max_bytes: int, header: bool, count_until: float | None = None):
        self.sink, self.max_lines, self.max_bytes = sink, max_lines, max_bytes
        self.pending = b""
        self.lines = -1 if header else 0
        self.size = 0
        self.count_until = count_until
        self.counted: int | None = None  # lines seen in all, once the cap of lines is passed
        self.cut: CapReached | None = None

    def write(self, data) -> int:
        if self.cut is not None:  # the serialiser's buffer written again as it is dropped
            raise self.cut
        if self.counted is not None:
            return self._count(data)
        chunk = self.pending + bytes(data)
        end = chunk.rfind(b"\n") + 1
        self.pending = chunk[end:]
        whole = chunk[:end]
        if whole:
            count = whole.count(b"\n")
            if self.lines + count > self.max_lines:
                keep = self.max_lines - self.lines
                cut = _after_nth_newline(whole, keep) if keep > 0 else 0
                self._pass(whole[:cut])
                if self.count_until is not None:
                    self.counted = self.lines + count
                    self.lines += keep
                    self.pending = self.pending[-1:]  # only whether a line is open matters now
                    return len(data)
                self.lines += keep
                self.cut = CapReached("rows", self.max_lines)
                raise self.cut
            self._pass(whole)
            self.lines += count
        if len(self.pending) > self.max_bytes:  # one line longer than the whole cap
            raise CapReached("bytes", self.max_bytes)
        return len(data)

    def _pass(self, whole: bytes) -> None:
        if self.size + len(whole) > self.max_bytes:
            room = self.max_bytes - self.size
            cut = whole.rfind(b"\n", 0, room) + 1
            if cut:
                self.sink.write(whole[:cut])
                self.size += cut
                self.lines += whole.count(b"\n", 0, cut)
            raise CapReached("bytes", self.max_bytes)
        self.sink.write(whole)
        self.size += len(whole)

    def _count(self, data) -> int:
        data = bytes(data)
        self.counted += data.count(b"\n")
        self.pending = data[-1:]
        if time.monotonic() > self.count_until:
            self.cut = CapReached("rows", self.max_lines)
            raise self.cut
        return len(data)

    @property
    def total(self) -> int | None:
        """Every row of a result counted past its cap (None when nothing was cut)."""
        if self.counted is None:
            return None
        return self.counted + (1 if self.pending not in (b"", b"\n") else 0)

    def close(self) -> None:
        if self.counted is not None:
            return
        if self.pending:  # serialisers end with a newline; anything else is passed on as it is
            self._pass(self.pending + b"\n")
            self.lines += 1
            self.pending = b""

    def flush(self) -> None:
        pass

    @property
    def rows(self) -> int:
        return max(self.lines, 0)


def _after_nth_newline(data: bytes, n: int) -> int:
    at = -1
    for _ in range(n):
        at = data.index(b"\n", at + 1)
    return at + 1


def form_of(result) -> str:
    if isinstance(result, ox.QueryBoolean):
        return "ASK"
    if isinstance(result, ox.QuerySolutions):
        return "SELECT"
    return "GRAPH"


def formats_for(form: str) -> tuple[str, ...]:
    return {"SELECT": SOLUTION_FORMATS, "ASK": BOOLEAN_FORMATS, "GRAPH": GRAPH_FORMATS}[form]


def write_result(result, fmt: str, sink, *, max_rows: int, max_bytes: int, mode: str = REFUSE,
                 count_s: float | None = None) -> Written:
    """Write ``result`` (what ``Store.query`` returned) as ``fmt`` into ``sink``. In REFUSE mode a
    cap raises :class:`CapReached`; in TRUNCATE mode (formats "tsv" for solutions, "ntriples" for
    graphs) the rows that fit are written and ``truncated`` names the cap. With ``count_s``, a
    SELECT cut at its rows is counted on for at most that many seconds: ``total``."""
    deadline = None if count_s is None else time.monotonic() + count_s
    form = form_of(result)
    if fmt not in formats_for(form):
        raise ValueError(f"a {form} result cannot be written as {fmt}")
    if form == "ASK":
        data = result.serialize(format=RESULT_FORMATS[fmt])
        Capped(sink, max_bytes).write(data)
        return Written(form, 1, None, len(data))
    if form == "SELECT":
        return _solutions(result, fmt, sink, max_rows, max_bytes, mode, deadline)
    return _graph(result, fmt, sink, max_rows, max_bytes, mode)


def _solutions(result, fmt, sink, max_rows, max_bytes, mode, deadline=None) -> Written:
    if fmt != "tsv" and mode == TRUNCATE:  # cut as TSV, then written as asked
        with tempfile.SpooledTemporaryFile(SPOOL_IN_MEMORY) as spool:
            cut = _solutions(result, "tsv", spool, max_rows, max_bytes, TRUNCATE, deadline)
            spool.seek(0)
            out = Capped(sink, 4 * max_bytes)  # TSV is the most compact form: XML is about 3 times larger
            ox.parse_query_results(spool, format=ox.QueryResultsFormat.TSV).serialize(out, format=RESULT_FORMATS[fmt])
            return Written("SELECT", cut.rows, cut.truncated, out.size, cut.total, cut.total_exact)
    if fmt == "tsv":
        lines = Lines(sink, max_rows, max_bytes, header=True, count_until=deadline if mode == TRUNCATE else None)
        try:
            result.serialize(lines, format=ox.QueryResultsFormat.TSV)
            lines.close()
        except CapReached as cap:
            if mode == REFUSE:
                raise
            if lines.counted is not None:  # cut at its rows, counted until the deadline
                return Written("SELECT", lines.rows, "rows", lines.size, lines.total, False)
            return Written("SELECT", lines.rows, cap.what, lines.size)
        if lines.counted is not None:
            return Written("SELECT", lines.rows, "rows", lines.size, lines.total, True)
        return Written("SELECT", lines.rows, None, lines.size)
    # Counted as TSV first, then written as asked.
    with tempfile.SpooledTemporaryFile(SPOOL_IN_MEMORY) as spool:
        counted = _solutions(result, "tsv", spool, max_rows, max_bytes, REFUSE)
        spool.seek(0)
        again = ox.parse_query_results(spool, format=ox.QueryResultsFormat.TSV)
        out = Capped(sink, max_bytes)
        again.serialize(out, format=RESULT_FORMATS[fmt])
        return Written("SELECT", counted.rows, None, out.size)


def _graph(result, fmt, sink, max_rows, max_bytes, mode) -> Written:
    count, more = 0, False

    def triples():
        # Stops (never raises) at the cap, so that the serialiser writes out what it buffered.
        nonlocal count, more
        for triple in result:
            if count == max_rows:
                more = True
                return
            count += 1
            yield triple

    rdf_format = RDF_FORMATS[fmt]
    items = triples()
    if rdf_format in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
        items = (ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in items)
    kwargs = {"prefixes": OUTPUT_PREFIXES} if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG,
                                                             ox.RdfFormat.RDF_XML) else {}
    if mode == TRUNCATE and fmt != "ntriples":  # cut as N-Triples, then written as asked
        with tempfile.SpooledTemporaryFile(SPOOL_IN_MEMORY) as spool:
            cut = _graph(result, "ntriples", spool, max_rows, max_bytes, TRUNCATE)
            spool.seek(0)
            again = ox.parse(spool, format=ox.RdfFormat.N_TRIPLES)
            if rdf_format in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
                again = (ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in again)
            else:
                again = (ox.Triple(q.subject, q.predicate, q.object) for q in again)
            out = Capped(sink, 4 * max_bytes)
            ox.serialize(again, out, format=rdf_format, **kwargs)
            return Written("GRAPH", cut.rows, cut.truncated, out.size)
    if mode == TRUNCATE:
        lines = Lines(sink, max_rows, max_bytes, header=False)
        try:
            ox.serialize(items, lines, format=rdf_format)
            lines.close()
        except CapReached as cap:
            return Written("GRAPH", lines.rows, cap.what, lines.size)
        return Written("GRAPH", lines.rows, "rows" if more else None, lines.size)
    out = Capped(sink, max_bytes)
    ox.serialize(items, out, format=rdf_format, **kwargs)
    if more:
        raise CapReached("rows", max_rows)
    return Written("GRAPH", count, None, out.size)

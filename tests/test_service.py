"""The query service itself (coopkg.service.core): the OS denies its workers the network even when
the reader is bypassed, each worker death is named, the caps hold, the fair share keeps a worker
for short queries, the supervisor replaces what dies, and store faults are said as such."""

from __future__ import annotations

import json
import os
import shutil
import signal
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from hostile_corpus import MILLIONS_OF_ROWS, NO_ROW_RUNAWAY, ORDER_BY_PANIC, service_spellings
from loopback_listeners import HttpListener

from coopkg.service import sandbox
from coopkg.service.core import Job, QueryService
from coopkg.service.fairshare import Admission, Refused
from coopkg.service.pool import Pool, classify
from coopkg.service.results import REFUSE, TRUNCATE
from coopkg.store.base import StoreFault, diagnose
from coopkg.store.embedded import EmbeddedRepository
from coopkg.store.layout import store_dir


def wait_until(condition, timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "the condition never held"
        time.sleep(0.01)


@pytest.fixture(scope="module")
def service():
    svc = QueryService(workers=3)
    svc.start()
    yield svc
    svc.close()


def job(sparql: str, store, **kwargs) -> Job:
    defaults = dict(client="test", formats={"SELECT": "tsv", "ASK": "json", "GRAPH": "ntriples"}, max_rows=1000,
                    max_bytes=1 << 20, timeout_s=10.0, store=str(store))
    return Job(sparql, **{**defaults, **kwargs})


# --- the network, denied by the OS even when the text check is bypassed ---------------------------

def test_no_spelling_reaches_a_listener_from_a_worker_even_past_the_reader(fixture_build):
    """Each query is sent to a worker directly, as if the reader had let it through: the worker's
    seccomp filter (or network namespace) refuses every socket. The control: the same queries
    from this test process (no denial) reach the listener."""
    listener = HttpListener()
    pool = Pool(1, 4096, spare=0)
    try:
        queries = service_spellings(listener.port)
        control = ox.Store()
        for name, text in queries.items():
            try:
                if text.startswith("LOAD"):
                    control.update(text)
                else:
                    result = control.query(text)
                    bool(result) if isinstance(result, ox.QueryBoolean) else list(result)
            except (OSError, SyntaxError, RuntimeError, ValueError):
                pass
        reached = listener.settle()
        assert len(reached) >= 15, f"the control reached the listener only for {reached}"
        listener.seen.clear()
        pool.start()
        worker = pool.acquire(60)
        assert worker.denial.enforced, worker.denial.detail
        outcomes = {}
        for name, text in queries.items():
            request = {"store": str(fixture_build), "sparql": text, "formats": {"SELECT": "tsv", "ASK": "json",
                       "GRAPH": "ntriples"}, "max_rows": 10, "max_bytes": 1 << 16, "mode": TRUNCATE}
            worker.conn.send_bytes(json.dumps(request).encode())
            while (message := worker.conn.recv_bytes())[:1] != b"E":
                pass
            outcomes[name] = json.loads(message[1:])
        assert listener.settle() == [], "a worker reached the listener"
        assert worker.alive(), "a refused connection must not cost the worker"
        refused = [n for n, o in outcomes.items() if not o["ok"] and "not permitted" in o.get("message", "")]
        assert len(refused) >= 10, outcomes  # the others: syntax errors, SILENT's empty solution, FROM as a graph
        pool.release(worker)
    finally:
        pool.close()
        listener.close()


# --- deaths, named ------------------------------------------------------------------------------

def test_an_engine_panic_costs_one_worker_and_is_named(service, fixture_build):
    answer = service.run(job(ORDER_BY_PANIC, fixture_build))
    assert answer.problem.kind == "panic" and answer.problem.status == 500
    assert "ORDER BY" in answer.problem.message and "STR(?x)" in answer.problem.message
    assert service.deaths[-1].kind == "panic" and service.deaths[-1].order_bug
    assert service.run(job("ASK { ?s ?p ?o }", fixture_build)).ok  # the service goes on


def test_a_worker_killed_by_someone_else_is_said_so(service, built):
    result = {}
    thread = threading.Thread(target=lambda: result.setdefault("answer", service.run(
        job(NO_ROW_RUNAWAY, built.store_path, client="victim", timeout_s=120))))
    before = len(service.deaths)
    thread.start()
    wait_until(lambda: len(service.pool.busy_pids()) == 1)
    os.kill(service.pool.busy_pids()[0], signal.SIGKILL)  # as the kernel's OOM killer would
    thread.join(60)
    assert result["answer"].problem.kind == "killed"
    assert "stopped by the system" in result["answer"].problem.message
    assert service.deaths[before].kind == "killed"


def test_the_memory_cap_stops_a_query_and_says_so(built):
    svc = QueryService(workers=1, memory_mb=1024, spare=0)
    try:
        answer = svc.run(job("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f", built.store_path,
                             timeout_s=120))
        assert answer.problem.kind == "memory", answer.problem
        assert "1,024 MiB" in answer.problem.message
    finally:
        svc.close()


@pytest.mark.parametrize("code, stderr, kind", [
    (-6, "memory allocation of 50331648 bytes failed\nFatal Python error: Aborted", "memory"),
    (1, "Traceback (most recent call last):\nMemoryError", "memory"),
    (-6, "thread '<unnamed>' panicked at smallsort.rs:854:5:\nuser-provided comparison function does not "
         "correctly implement a total order", "panic"),
    (-11, "Fatal Python error: Segmentation fault", "stack"),
    (-6, "thread 'x' has overflowed its stack\nfatal runtime error: stack overflow", "stack"),
    (-9, "", "killed"),
    (3, "something else", "crashed"),
])
def test_each_death_is_told_by_its_signature(code, stderr, kind):
    assert classify(code, stderr, None).kind == kind
    assert classify(-9, stderr, "timeout").kind == "timeout"  # the parent knows what it killed


def test_a_worker_that_cannot_start_makes_the_service_say_why(fixture_build):
    svc = QueryService(workers=1, memory_mb=1, spare=0)  # 1 MiB: no interpreter starts in that
    try:
        answer = svc.run(job("ASK { ?s ?p ?o }", fixture_build))
        assert answer.problem.kind == "unavailable" and answer.problem.status == 503
        assert "failed to start" in answer.problem.message
    finally:
        svc.close()


def test_a_client_gone_has_its_query_killed_before_the_limit(service, built):
    gone = threading.Event()
    result = {}
    thread = threading.Thread(target=lambda: result.setdefault("answer", service.run(
        job(NO_ROW_RUNAWAY, built.store_path, client="leaver", timeout_s=600), gone.is_set)))
    thread.start()
    wait_until(lambda: len(service.pool.busy_pids()) == 1)
    gone.set()
    thread.join(60)  # far before the 600 s limit
    assert not thread.is_alive()
    assert result["answer"].problem.kind == "cancelled"
    assert service.deaths[-1].kind == "cancelled"


# --- caps ---------------------------------------------------------------------------------------

def test_rows_and_bytes_refused_or_truncated_never_cut_silently(service, fixture_build):
    refused = service.run(job(MILLIONS_OF_ROWS, fixture_build, formats={"SELECT": "json"}, max_rows=500))
    assert refused.problem.kind == "rows" and refused.problem.status == 422 and "LIMIT" in refused.problem.message
    cut = service.run(job(MILLIONS_OF_ROWS, fixture_build, mode=TRUNCATE, max_rows=500))
    assert cut.ok and cut.rows == 500 and cut.truncated == "rows"
    assert cut.read().count(b"\n") == 501  # the header and 500 whole rows
    small = service.run(job(MILLIONS_OF_ROWS, fixture_build, mode=TRUNCATE, max_rows=10 ** 6, max_bytes=20_000))
    body = small.read()
    assert small.truncated == "bytes" and len(body) <= 20_000 and body.endswith(b"\n")
    assert len(list(ox.parse_query_results(body, format=ox.QueryResultsFormat.TSV))) == small.rows
    too_big = service.run(job(MILLIONS_OF_ROWS, fixture_build, formats={"SELECT": "xml"}, max_rows=10 ** 6,
                              max_bytes=20_000, mode=REFUSE))
    assert too_big.problem.kind == "bytes" and too_big.problem.status == 422
    graph = service.run(job("CONSTRUCT WHERE { ?s ?p ?o }", fixture_build, formats={"GRAPH": "turtle"}, max_rows=5))
    assert graph.problem.kind == "rows"


def test_every_format_round_trips_the_same_rows(service, fixture_build):
    query = "SELECT ?s ?label WHERE { ?s skos:prefLabel ?label } ORDER BY ?s ?label"
    reference = [tuple(r) for r in EmbeddedRepository.open(fixture_build).query(query)]
    assert len(reference) > 20
    for fmt, parser in (("json", ox.QueryResultsFormat.JSON), ("xml", ox.QueryResultsFormat.XML),
                        ("tsv", ox.QueryResultsFormat.TSV)):
        answer = service.run(job(query, fixture_build, formats={"SELECT": fmt}))
        rows = [tuple(r) for r in ox.parse_query_results(answer.read(), format=parser)]
        assert rows == reference, fmt


# --- the fair share -------------------------------------------------------------------------------

class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_budget_spent_is_429_with_the_seconds_to_wait():
    clock = Clock()
    admission = Admission(slots=3, budget_s=10, refill=0.5, long_after_s=1, clock=clock)
    ticket = admission.admit("greedy", 10, 0)
    clock.now += 12
    admission.done(ticket)  # 12 s spent of 10
    with pytest.raises(Refused) as refused:
        admission.admit("greedy", 10, 0)
    assert refused.value.kind == "budget" and refused.value.retry_after == 5  # 2 s owed at 0.5 s/s, +1
    admission.admit("other", 10, 0)  # nobody else pays for it
    clock.now += 5
    admission.admit("greedy", 10, 0)


def test_the_long_lane_keeps_a_worker_for_short_queries():
    clock = Clock()
    admission = Admission(slots=3, budget_s=60, refill=0.5, long_after_s=1, clock=clock)
    first, second, third = (admission.admit(c, 10, 0) for c in ("a", "b", "c"))
    clock.now += 2  # all three are long now
    assert admission.may_go_on(first) is None and admission.may_go_on(second) is None
    assert admission.may_go_on(third) == 8  # stopped: Retry-After when the oldest reaches its limit
    admission.done(third)
    short = admission.admit("d", 10, 0)
    assert admission.may_go_on(short) is None
    with pytest.raises(Refused) as busy:  # three running: the fourth waits, then 503
        admission.admit("e", 10, 0)
    assert busy.value.kind == "busy"


def test_a_heavy_client_never_takes_the_last_free_slot():
    clock = Clock()
    admission = Admission(slots=3, budget_s=60, refill=0.5, long_after_s=1, clock=clock)
    runaway = admission.admit("runaway", 10, 0)
    clock.now += 3
    admission.done(runaway)  # 3 s spent: heavy for a few seconds
    held = [admission.admit(c, 10, 0) for c in ("a", "b")]
    with pytest.raises(Refused):
        admission.admit("runaway", 10, 0)  # one slot is free, but it is the last
    admission.admit("light", 10, 0)  # which a light client gets
    for ticket in held:
        admission.done(ticket)
    clock.now += 10  # its budget is nearly whole again
    admission.admit("runaway", 10, 0)


def test_one_client_has_one_long_query_at_a_time():
    clock = Clock()
    admission = Admission(slots=4, budget_s=60, refill=0.5, long_after_s=1, clock=clock)
    first, second = admission.admit("a", 10, 0), admission.admit("a", 10, 0)
    clock.now += 2
    assert admission.may_go_on(first) is None and admission.may_go_on(second) is not None


def test_three_runaway_clients_leave_a_worker_to_the_others(built, fixture_build, monkeypatch):
    monkeypatch.setenv("COOPKG_LONG_QUERY_S", "0.5")
    svc = QueryService(workers=3)
    svc.start()
    answers = {}
    try:
        threads = [threading.Thread(target=lambda c=c: answers.setdefault(c, svc.run(job(
            NO_ROW_RUNAWAY, built.store_path, client=c, timeout_s=60)))) for c in ("r1", "r2", "r3")]
        for thread in threads:
            thread.start()
        wait_until(lambda: len(answers) == 1)  # the third to become long is stopped
        (stopped,) = answers.values()
        assert stopped.problem.kind == "long" and stopped.problem.retry_after >= 1
        cheap = [svc.run(job("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", fixture_build, client=f"c{i}"))
                 for i in range(5)]
        assert all(a.ok for a in cheap) and len(answers) == 1  # answered while two runaways still run
    finally:
        svc.close()  # kills the two runaways
        for thread in threads:
            thread.join(60)


# --- store faults ---------------------------------------------------------------------------------

@pytest.fixture()
def damaged_build(fixture_build, tmp_path) -> Path:
    copy = tmp_path / "damaged"
    shutil.copytree(fixture_build, copy)
    biggest = max(store_dir(copy).glob("*.sst"), key=lambda p: p.stat().st_size)
    with open(biggest, "r+b") as f:
        f.truncate(biggest.stat().st_size // 2)
    return copy


def test_a_damaged_store_is_said_damaged_with_what_to_do(service, damaged_build):
    outcome = sandbox.run_query("SELECT * WHERE { ?s ?p ?o }", store_path=damaged_build, service=service)
    assert outcome.error_kind == "store" and "damaged" in outcome.error and "coopkg build" in outcome.error
    assert str(damaged_build) not in outcome.error  # no path of this machine on a page
    french = sandbox.run_query("ASK { ?s ?p ?o }", store_path=damaged_build, service=service, lang="fr")
    assert "endommagé" in french.error


@pytest.mark.parametrize("message, kind", [
    ("Corruption: Sst file size mismatch between expected 315162 and file system 157581 sstable: 14.sst", "damaged"),
    ("IO error: No such file or directory: While opening a file for sequentially reading: x/CURRENT", "missing"),
    ("IO error: While opening a file for sequentially reading: /s/CURRENT: Permission denied", "unreadable"),
    ("IO error: lock hold by current process, acquire time 1796124552: ok/LOCK: No locks available", "locked"),
])
def test_store_errors_are_diagnosed_from_rocksdb_messages(message, kind):
    error = (RuntimeError if kind == "damaged" else FileNotFoundError if kind == "missing" else OSError)(message)
    fault = diagnose(error, "/srv/store")
    assert isinstance(fault, StoreFault) and fault.kind == kind and "/srv/store" in str(fault)
    assert diagnose(ValueError(message)) is None and diagnose(OSError("disk full")) is None

"""Network denied by the operating system to query workers: no spelling of SERVICE reaches a
listener from a process that called deny_network(), while the same queries from a process that
did not reach it (the control that shows the corpus is live)."""

from __future__ import annotations

import ctypes.util
import json
import os
import shutil
import subprocess
import sys
import tempfile

import pytest
from hostile_corpus import service_spellings
from loopback_listeners import DnsListener, HttpListener, UnixListener

from coopkg.service import netdeny
from coopkg.store.layout import store_dir

AUTH = "https://w3id.org/coopkg/id/authority/"
NOBODY = 65534


# The corpus's spellings that issue 11 saw reach a listener through Oxigraph; the control below
# proves each one live here.
REACHING = ("plain", "silent", "lower-case", "glued-silent", "glued-prefix", "prefix", "base", "escaped-quote",
            "middle-dot", "comment-trick", "escape-in-iri", "hexadecimal-ip", "decimal-ip", "short-ip", "host-name",
            "ask", "construct", "nested")


def spellings(port: int) -> dict[str, str]:
    """Each trick of issue 11 that reached a listener through Oxigraph, one path each."""
    corpus = service_spellings(port)
    return {name: corpus[name] for name in REACHING}


# A worker's first steps: deny the network (with the mechanisms asked), open the store read-only,
# then run the queries read from standard input; prints what happened as JSON.
WORKER = r"""
import json, sys
from coopkg.service.netdeny import deny_network
mechanisms = tuple(json.loads(sys.argv[1]))
denial = deny_network(mechanisms).mechanism if mechanisms else None
import pyoxigraph as ox
store = ox.Store.read_only(sys.argv[2])
outcomes = {}
for name, query in json.loads(sys.stdin.read()).items():
    try:
        result = store.query(query)
        outcomes[name] = "answered " + repr(bool(result) if isinstance(result, ox.QueryBoolean) else
                                            [str(row) for row in result])
    except OSError as exc:
        outcomes[name] = f"{type(exc).__name__}: {exc}"
print(json.dumps({"denial": denial, "outcomes": outcomes}))
"""


def run_worker(mechanisms, store, queries: dict, *, prefix=()) -> dict:
    done = subprocess.run([*prefix, sys.executable, "-c", WORKER, json.dumps(list(mechanisms)), str(store_dir(store))],
                          input=json.dumps(queries), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def available(mechanism: str, prefix=()) -> netdeny.NetworkDenial:
    done = subprocess.run([*prefix, sys.executable, "-c", "import json, sys; from coopkg.service.netdeny import "
                           "deny_network; d = deny_network((sys.argv[1],)); print(json.dumps([d.mechanism, d.detail]))",
                           mechanism], capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        pytest.skip(f"cannot start an interpreter this way: {done.stderr.strip()[-200:]}")
    return netdeny.NetworkDenial(*json.loads(done.stdout))


@pytest.fixture(params=netdeny.MECHANISMS)
def mechanism(request) -> str:
    denial = available(request.param)
    if not denial.enforced:
        pytest.skip(f"{request.param} is not available on this machine: {denial.detail}")
    return request.param


@pytest.fixture
def listener():
    listening = HttpListener()
    yield listening
    listening.close()


# --- what this machine gives a worker ----------------------------------------------------------

@pytest.mark.skipif(not ctypes.util.find_library("seccomp"), reason="libseccomp is not installed here")
def test_a_new_worker_gets_the_seccomp_filter_where_libseccomp_is_installed():
    denial = netdeny.probe_worker()
    assert (denial.mechanism, denial.enforced) == (netdeny.SECCOMP, True), denial.detail
    assert "socket" in denial.detail and "io_uring_setup" in denial.detail


def test_when_no_mechanism_applies_the_denial_says_why():
    # libseccomp hidden and a second thread running: neither mechanism can be applied.
    code = ("import ctypes.util, threading, time\n"
            "ctypes.util.find_library = lambda name: None\n"
            "threading.Thread(target=time.sleep, args=(60,), daemon=True).start()\n"
            "from coopkg.service.netdeny import deny_network, network_denial\n"
            "assert network_denial() is None\n"
            "d = deny_network()\n"
            "assert network_denial() == d\n"
            "print(d.mechanism, d.enforced, d.detail, sep='|')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    mechanism, enforced, detail = done.stdout.strip().split("|")
    assert (mechanism, enforced) == (netdeny.NONE, "False"), done.stderr
    assert "seccomp: libseccomp cannot be loaded" in detail
    assert "netns: the process already runs 2 threads" in detail


# --- no spelling reaches the listener ----------------------------------------------------------

def test_without_denial_every_spelling_reaches_the_listener(listener, fixture_build):
    """The control: the corpus is live, so the tests below can fail."""
    queries = spellings(listener.port)
    ran = run_worker((), fixture_build, queries)
    assert sorted(listener.settle()) == sorted(f"/{name}" for name in queries)
    assert HttpListener.ANSWER in ran["outcomes"]["plain"]


def test_no_spelling_reaches_the_listener_from_a_denied_worker(mechanism, listener, fixture_build):
    queries = spellings(listener.port)
    ran = run_worker((mechanism,), fixture_build, queries)
    assert ran["denial"] == mechanism
    assert listener.settle() == []
    refusal = {netdeny.SECCOMP: "PermissionError: Operation not permitted",
               netdeny.NETNS: "OSError: Network is unreachable"}[mechanism]
    for name, outcome in ran["outcomes"].items():
        if "silent" in name:  # SILENT turns the failure into one empty solution
            assert outcome == "answered ['<QuerySolution>']", name
        else:
            assert outcome.startswith(refusal), (name, outcome)


def test_the_denial_holds_for_a_user_without_privileges(mechanism, listener, fixture_build):
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("runs the worker as nobody: needs root and setpriv(1) to switch user")
    as_nobody = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    denial = available(mechanism, as_nobody)
    if not denial.enforced:
        pytest.skip(f"{mechanism} is not available to an unprivileged user here: {denial.detail}")
    with tempfile.TemporaryDirectory() as folder:  # a store of nobody's own, where nobody can reach it
        os.chmod(folder, 0o755)
        store = shutil.copytree(fixture_build, os.path.join(folder, "store"))
        for path in (store, *(os.path.join(store, name) for name in os.listdir(store))):
            os.chown(path, NOBODY, NOBODY)
        ran = run_worker((mechanism,), store, spellings(listener.port), prefix=as_nobody)
    assert ran["denial"] == mechanism
    assert listener.settle() == []


def test_the_filter_covers_threads_started_before_it(listener):
    code = ("import socket, sys, threading\n"
            "go, done = threading.Event(), []\n"
            "def connect():\n"
            "    go.wait()\n"
            "    try:\n"
            "        socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=10).close()\n"
            "        done.append('connected')\n"
            "    except OSError as exc:\n"
            "        done.append(type(exc).__name__)\n"
            "thread = threading.Thread(target=connect)\n"
            "thread.start()\n"
            "from coopkg.service.netdeny import deny_network\n"
            "print(deny_network(('seccomp',)).mechanism)\n"
            "go.set(); thread.join()\n"
            "print(done[0])\n")
    done = subprocess.run([sys.executable, "-c", code, str(listener.port)], capture_output=True, text=True,
                          timeout=60)
    if done.stdout.split()[:1] != [netdeny.SECCOMP]:
        pytest.skip(f"seccomp is not available here: {done.stdout} {done.stderr}")
    assert done.stdout.split() == [netdeny.SECCOMP, "PermissionError"]
    assert listener.settle() == []


def test_the_inherited_channel_to_the_parent_keeps_working():
    """The worker talks to its parent over an inherited socket pair (multiprocessing's Connection):
    that keeps working; creating any socket does not."""
    import socket
    from multiprocessing.connection import Connection

    parent, child = socket.socketpair()
    code = ("import socket, sys\n"
            "from multiprocessing.connection import Connection\n"
            "from coopkg.service.netdeny import deny_network\n"
            "denial = deny_network()\n"
            "conn = Connection(int(sys.argv[1]))\n"
            "request = conn.recv()\n"
            "refused = []\n"
            "for family in (socket.AF_UNIX, socket.AF_INET, socket.AF_INET6):\n"
            "    try:\n"
            "        socket.socket(family, socket.SOCK_DGRAM).close()\n"
            "    except PermissionError:\n"
            "        refused.append(family.name)\n"
            "pair = socket.socketpair(); pair[0].sendall(b'x'); assert pair[1].recv(1) == b'x'\n"
            "conn.send({'echo': request, 'denial': denial.mechanism, 'refused': refused})\n")
    with subprocess.Popen([sys.executable, "-c", code, str(child.fileno())], pass_fds=(child.fileno(),)) as worker:
        child.close()
        conn = Connection(parent.detach())
        conn.send({"sparql": "ASK {}"})
        assert conn.poll(60)
        answer = conn.recv()
        conn.close()
    assert worker.returncode == 0
    assert answer["echo"] == {"sparql": "ASK {}"}
    if answer["denial"] == netdeny.SECCOMP:
        assert answer["refused"] == ["AF_UNIX", "AF_INET", "AF_INET6"]


# --- host names: no DNS question leaves, no local resolver daemon is asked ------------------------

@pytest.fixture
def resolvers(tmp_path):
    """A DNS server on 127.0.0.1:53 and a stand-in for nscd's socket, and the command prefix that
    runs a process in a mount namespace where /etc/resolv.conf names that server and nscd's socket
    is the stand-in (so no question ever goes to the machine's own resolver)."""
    if os.geteuid() != 0 or not shutil.which("unshare"):
        pytest.skip("needs root and unshare(1) for a mount namespace and a DNS server on port 53")
    try:
        dns = DnsListener()
    except OSError as exc:
        pytest.skip(f"127.0.0.1:53 is taken: {exc}")
    nscd = UnixListener(tmp_path / "nscd.socket")
    resolv = tmp_path / "resolv.conf"
    resolv.write_text("nameserver 127.0.0.1\noptions timeout:1 attempts:1\n")
    setup = ('mount --bind "$0" /etc/resolv.conf && mount -t tmpfs tmpfs /run && mkdir /run/nscd && '
             ': > /run/nscd/socket && mount --bind "$1" /run/nscd/socket && shift && exec "$@"')
    prefix = ["unshare", "--mount", "sh", "-c", setup, str(resolv), nscd.path]
    yield dns, nscd, prefix
    dns.close()
    nscd.close()


def lookups(name: str) -> dict[str, str]:
    return {"lookup": f"SELECT * WHERE {{ SERVICE <http://{name}:8080/lookup> {{ ?s ?p ?o }} }}"}


def test_without_denial_host_names_reach_the_resolvers(resolvers, fixture_build):
    dns, nscd, prefix = resolvers
    name = "control.coopkg-probe.test"
    ran = run_worker((), fixture_build, lookups(name), prefix=prefix)
    assert "failed to lookup address information" in ran["outcomes"]["lookup"]
    assert name in dns.settle()
    assert any(name in request for request in nscd.settle())


def test_no_dns_question_leaves_a_denied_worker(mechanism, resolvers, fixture_build):
    dns, nscd, prefix = resolvers
    name = f"{mechanism}.coopkg-probe.test"
    ran = run_worker((mechanism,), fixture_build, lookups(name), prefix=prefix)
    assert ran["outcomes"]["lookup"] == ("OSError: failed to lookup address information: "
                                         "Temporary failure in name resolution")
    assert dns.settle() == []
    if mechanism == netdeny.SECCOMP:
        # No Unix socket either: a local resolver daemon is never asked. (An empty network
        # namespace keeps Unix sockets with a path: the weaker fallback.)
        assert nscd.settle() == []

"""Network access denied by the operating system to the processes that run queries (issue 11).

Oxigraph evaluates ``SERVICE`` with its own HTTP client, and its parser accepts spellings that no
reading of the query text can be sure to see (``SERVICESILENT<…>``, ``SERVICEx:t``, escapes). So
a query worker calls :func:`deny_network` first, before it opens a store or reads a query, and
from then on no query can reach any host, whatever its spelling.

Mechanisms, in the order tried:

``seccomp``
    A seccomp filter (libseccomp, through the ``pyseccomp`` package), with no_new_privs and on
    every thread: ``socket(2)`` fails with EPERM for every address family. AF_UNIX too, because
    glibc's ``getaddrinfo`` hands host names to a local resolver daemon (nscd, systemd-resolved)
    over a Unix socket, which would ask the network for them. The ways to a socket that bypass
    ``socket(2)`` are refused as well: io_uring (which opens and connects sockets itself),
    ``pidfd_getfd`` and ``ptrace`` (which take another process's). ``socketpair(2)`` stays: it
    makes a connected pair that reaches nothing, and the worker's channel to its parent is an
    inherited descriptor. Works as root and as any user, in containers, on any kernel since 3.17.
``netns``
    An empty network namespace (``unshare(CLONE_NEWNET)``, inside a new user namespace when not
    root): one loopback interface, down. Needs root or unprivileged user namespaces, and a process
    that still has a single thread. Weaker: a Unix socket with a path stays reachable, so a local
    resolver daemon may still be asked for a host name that a query spells out.
``none``
    Neither could be applied: the caller must refuse ``SERVICE`` entirely and say so at start-up.

Landlock is not used: its network rules (ABI 4, kernel 6.7) cover TCP only, and DNS questions over
UDP still leave (measured in notes/security-design.md).
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import socket
import subprocess
import sys
from dataclasses import asdict, dataclass

SECCOMP = "seccomp"
NETNS = "netns"
NONE = "none"
MECHANISMS = (SECCOMP, NETNS)

# Refused with EPERM by the seccomp filter. "socket" is the one that matters; the others are the
# ways to a socket that do not go through socket(2).
DENIED_SYSCALLS = ("socket", "io_uring_setup", "io_uring_enter", "io_uring_register", "pidfd_getfd", "ptrace")

_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000
_PR_SET_NO_NEW_PRIVS = 38


@dataclass(frozen=True)
class NetworkDenial:
    """What denies network access to this process: a mechanism and, in words, what it does or why
    no mechanism could be applied."""

    mechanism: str  # SECCOMP, NETNS or NONE
    detail: str

    @property
    def enforced(self) -> bool:
        return self.mechanism != NONE


class _Unavailable(Exception):
    """This mechanism cannot be applied here (the message says why)."""


_applied: NetworkDenial | None = None


def deny_network(mechanisms: tuple[str, ...] = MECHANISMS) -> NetworkDenial:
    """Deny this process (and every process it starts) any network access, with the first of
    ``mechanisms`` that works here. Call it first in a worker: the network namespace needs a
    process with a single thread. Never raises: a ``NONE`` result tells why nothing applied.
    Once a mechanism is in force, later calls return it (a filter cannot be lifted anyway)."""
    global _applied
    if _applied is not None and _applied.enforced:
        return _applied
    reasons = []
    for name in mechanisms:
        try:
            detail = _APPLY[name]()
        except _Unavailable as exc:
            reasons.append(f"{name}: {exc}")
            continue
        _applied = NetworkDenial(name, detail)
        return _applied
    _applied = NetworkDenial(NONE, "; ".join(reasons) or "no mechanism was tried")
    return _applied


def network_denial() -> NetworkDenial | None:
    """What :func:`deny_network` put in force in this process; None if it was never called."""
    return _applied


def probe_worker(timeout_s: float = 30.0) -> NetworkDenial:
    """What a new worker process gets here: applied in a fresh interpreter, for the service to say
    at start-up which mechanism protects its workers (and to refuse SERVICE when none does)."""
    try:
        done = subprocess.run([sys.executable, "-m", "coopkg.service.netdeny"], capture_output=True,
                              text=True, timeout=timeout_s, stdin=subprocess.DEVNULL)
        found = json.loads(done.stdout)
        return NetworkDenial(found["mechanism"], found["detail"])
    except (OSError, subprocess.TimeoutExpired, ValueError, KeyError, TypeError) as exc:
        return NetworkDenial(NONE, f"the probe process failed: {exc}")


# --- seccomp -------------------------------------------------------------------------------------

def _apply_seccomp() -> str:
    try:
        import pyseccomp as seccomp
    except (ImportError, RuntimeError, OSError) as exc:  # RuntimeError: libseccomp.so.2 not found
        raise _Unavailable(f"libseccomp cannot be loaded ({exc})") from None
    try:
        rules = seccomp.SyscallFilter(seccomp.ALLOW)
        rules.set_attr(seccomp.Attr.CTL_NNP, 1)  # no_new_privs: what lets a non-root process load it
        rules.set_attr(seccomp.Attr.CTL_TSYNC, 1)  # every thread, not only the calling one
        denied = []
        for name in DENIED_SYSCALLS:
            try:
                rules.add_rule(seccomp.ERRNO(errno.EPERM), name)
            except (OSError, ValueError):
                if name == "socket":
                    raise
                continue  # a libseccomp too old to know this call (nor, most likely, the kernel)
            denied.append(name)
        rules.load()
    except (OSError, ValueError) as exc:
        raise _Unavailable(f"the kernel refused the filter ({exc})") from None
    _expect_socket_refused()
    return f"seccomp filter: {', '.join(denied)} fail with EPERM, for every address family"


def _expect_socket_refused() -> None:
    for family in (socket.AF_INET, socket.AF_INET6, socket.AF_UNIX):
        try:
            socket.socket(family, socket.SOCK_STREAM).close()
        except PermissionError:
            continue
        except OSError as exc:  # e.g. no IPv6 in this kernel: refused anyway
            if exc.errno in (errno.EAFNOSUPPORT, errno.EPROTONOSUPPORT):
                continue
            raise _Unavailable(f"socket({family.name}) failed otherwise than refused: {exc}") from None
        raise _Unavailable(f"the filter is loaded but socket({family.name}) still works")


# --- network namespace ---------------------------------------------------------------------------

def _apply_netns() -> str:
    threads = _thread_count()
    if threads != 1:
        raise _Unavailable(f"the process already runs {threads} threads (a new namespace would hold one)")
    libc = ctypes.CDLL(None, use_errno=True)
    uid, gid = os.geteuid(), os.getegid()
    if libc.unshare(_CLONE_NEWNET) == 0:
        how = "an empty network namespace"
    else:
        first = ctypes.get_errno()
        if libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) != 0:
            raise _Unavailable(f"unshare: {os.strerror(first)}; with a user namespace: "
                               f"{os.strerror(ctypes.get_errno())}")
        _map_identity(uid, gid)
        how = "an empty network namespace in a new user namespace"
    libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    _expect_no_route()
    return f"{how}: only a loopback interface, down"


def _map_identity(uid: int, gid: int) -> None:
    """Keep this user's own ids inside the new user namespace, so that files keep their owners."""
    try:
        with open("/proc/self/setgroups", "w") as f:
            f.write("deny")
        with open("/proc/self/uid_map", "w") as f:
            f.write(f"{uid} {uid} 1")
        with open("/proc/self/gid_map", "w") as f:
            f.write(f"{gid} {gid} 1")
    except OSError as exc:
        raise _Unavailable(f"cannot map the user's ids in the new user namespace ({exc})") from None


def _expect_no_route() -> None:
    # Connecting a UDP socket sends nothing: it only asks the kernel for a route.
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("127.0.0.1", 9))
    except OSError as exc:
        if exc.errno == errno.ENETUNREACH:
            return
        raise _Unavailable(f"unexpected error when probing the namespace: {exc}") from None
    finally:
        probe.close()
    raise _Unavailable("the new network namespace still routes to 127.0.0.1")


def _thread_count() -> int:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("Threads:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return -1


_APPLY = {SECCOMP: _apply_seccomp, NETNS: _apply_netns}


if __name__ == "__main__":
    # ``python -m coopkg.service.netdeny``: apply, and print what applied (the probe of probe_worker).
    print(json.dumps(asdict(deny_network())))

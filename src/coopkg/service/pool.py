"""The worker processes and their supervisor: started ahead, replaced when they die, and the cause
of each death said in words.

A worker is ``python -m coopkg.service.worker`` (a fresh interpreter, never a fork of a server
that holds threads and sockets; nor ``multiprocessing``, whose spawn re-runs the parent's
``__main__``, in Streamlit the page being rendered). Its stderr goes to an unnamed temporary file
that the parent reads when it dies: how each cause shows (measured, notes/security-design.md):

=====================  ===================================================
time limit, client     killed by the parent (SIGKILL), which knows why
gone, long-lane rule
killed by another      SIGKILL the parent did not send: the kernel's OOM killer, an operator
memory cap             SIGABRT and "memory allocation of N bytes failed" (Rust), or MemoryError
engine panic           SIGABRT and "panicked at" (the ORDER BY sort: "total order")
stack overflow         SIGSEGV, or "has overflowed its stack"
=====================  ===================================================

Three workers dying in a row before their hello (a broken installation, a missing interpreter)
put the pool in a failing state with the reason, instead of restarting forever.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection

from coopkg.config import child_environment
from coopkg.service.netdeny import NONE, NetworkDenial

log = logging.getLogger(__name__)

HELLO_TIMEOUT_S = 60.0
POLL_S = 0.05
STDERR_TAIL = 64 * 1024  # the panic's line comes before faulthandler's traceback
MAX_EARLY_DEATHS = 3


class Unavailable(RuntimeError):
    """No worker can be had: the pool is failing (the message says why) or closed."""


@dataclass(frozen=True)
class Death:
    kind: str  # timeout, cancelled, long, shutdown, killed, memory, panic, stack, crashed
    pid: int
    code: int | None
    detail: str = ""  # the last line of its stderr, for the log
    order_bug: bool = False  # the panic is Oxigraph's known ORDER BY sort bug
    at: float = field(default_factory=time.monotonic, compare=False)  # when the parent saw it gone

    def describe(self) -> str:
        why = {"timeout": "stopped at its time limit", "cancelled": "stopped: its client went away",
               "long": "stopped: too many long queries at once", "shutdown": "stopped with the service",
               "killed": "killed by a signal it was not sent by the service (the kernel's OOM killer?)",
               "memory": "ran out of its memory cap", "panic": "the query engine panicked",
               "stack": "overflowed its stack", "crashed": "ended unexpectedly"}[self.kind]
        tail = f": {self.detail}" if self.detail else ""
        return f"query worker {self.pid} {why} (exit {exit_text(self.code)}){tail}"


def exit_text(code: int | None) -> str:
    if code is None:
        return "unknown"
    if code < 0:
        try:
            return signal.Signals(-code).name
        except ValueError:
            return f"signal {-code}"
    return str(code)


def classify(code: int | None, stderr: str, killed_for: str | None, pid: int = 0) -> Death:
    lines = [line for line in stderr.splitlines() if line.strip()]
    detail = next((line for line in lines if "panicked at" in line or "memory allocation" in line
                   or "overflowed" in line or "MemoryError" in line), lines[-1] if lines else "")
    detail = "".join(c if c.isprintable() else " " for c in detail)[:300]
    if killed_for:
        return Death(killed_for, pid, code)
    if code == -signal.SIGKILL:
        return Death("killed", pid, code, detail)
    if "memory allocation of" in stderr or "MemoryError" in stderr:
        return Death("memory", pid, code, detail)
    if "panicked at" in stderr:
        following = stderr[stderr.index("panicked at"):]
        return Death("panic", pid, code, detail + " " + " ".join(following.splitlines()[1:2]),
                     order_bug="total order" in following)
    if "overflowed its stack" in stderr or "stack overflow" in stderr or code == -signal.SIGSEGV:
        return Death("stack", pid, code, detail)
    return Death("crashed", pid, code, detail)


class Worker:
    """One worker process and its end of the channel."""

    def __init__(self, memory_mb: int):
        parent, child = socket.socketpair()
        self.stderr = tempfile.TemporaryFile()
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "coopkg.service.worker", str(child.fileno()), str(memory_mb)],
                pass_fds=(child.fileno(),), env=child_environment(), stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL, stderr=self.stderr, close_fds=True)
        except BaseException:
            parent.close()
            self.stderr.close()
            raise
        finally:
            child.close()
        self.conn = Connection(parent.detach())
        self.pid = self.process.pid
        self.killed_for: str | None = None
        self.denial: NetworkDenial | None = None
        self.niceness = 0

    def wait_hello(self, timeout_s: float = HELLO_TIMEOUT_S) -> NetworkDenial:
        if not self.conn.poll(timeout_s):
            raise TimeoutError(f"query worker {self.pid} did not start within {timeout_s:g} s")
        message = self.conn.recv_bytes()  # EOFError if it died first
        if message[:1] != b"H":
            raise RuntimeError(f"query worker {self.pid} began with an unexpected message")
        hello = json.loads(message[1:])
        self.denial = NetworkDenial(hello["mechanism"], hello["detail"])
        return self.denial

    def alive(self) -> bool:
        return self.process.poll() is None

    def set_niceness(self, niceness: int) -> bool:
        """Give every thread of the worker this niceness (a long query at 10 gets a tenth of the CPU
        a short one gets, when they compete); False if the system refuses (lowering it again needs
        privileges a plain user may not have)."""
        try:
            for task in os.listdir(f"/proc/{self.pid}/task"):
                os.setpriority(os.PRIO_PROCESS, int(task), niceness)
        except (OSError, ValueError):
            return False
        self.niceness = niceness
        return True

    def kill(self, reason: str) -> None:
        if self.process.poll() is None:
            self.killed_for = self.killed_for or reason
            self.process.kill()  # SIGKILL: a query running inside Rust code cannot be interrupted

    def death(self) -> Death:
        """Why it ended (waits for the process to be gone)."""
        try:
            code = self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = self.process.wait(5)
        try:
            self.stderr.seek(max(0, os.fstat(self.stderr.fileno()).st_size - STDERR_TAIL))
            tail = self.stderr.read().decode("utf-8", "replace")
        except OSError:
            tail = ""
        return classify(code, tail, self.killed_for, self.pid)

    def close(self) -> None:
        self.kill("shutdown")
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            log.error("query worker %s did not exit after SIGKILL", self.pid)
        self.conn.close()
        self.stderr.close()


class Pool:
    """``size`` workers for as many queries at once, plus ``spare`` started ahead so that a killed
    worker's place is taken at once while its replacement starts."""

    def __init__(self, size: int, memory_mb: int, spare: int = 1):
        self.size, self.memory_mb, self.target = size, memory_mb, size + spare
        self._idle: list[Worker] = []
        self._busy: set[Worker] = set()
        self._count = 0  # alive or starting
        self._cond = threading.Condition()
        self.deaths: deque[Death] = deque(maxlen=200)
        self.failing: str | None = None
        self.mechanism: NetworkDenial | None = None
        self._early_deaths = 0
        self._closed = False
        self._started = False

    # --- life ---------------------------------------------------------------------------------

    def start(self) -> NetworkDenial:
        """Start the workers; returns the network denial the first one reports."""
        with self._cond:
            if not self._started:
                self._started = True
                for _ in range(self.target - self._count):
                    self._spawn_locked()
            if not self._cond.wait_for(lambda: self.mechanism is not None or self.failing, HELLO_TIMEOUT_S * 2):
                raise Unavailable("the query workers did not start")
            if self.mechanism is None:
                raise Unavailable(self.failing)
            return self.mechanism

    def _spawn_locked(self) -> None:
        if self._closed or self.failing:
            return
        self._count += 1
        threading.Thread(target=self._spawn, daemon=True, name="coopkg-worker-start").start()

    def _spawn(self) -> None:
        worker = None
        try:
            worker = Worker(self.memory_mb)
            denial = worker.wait_hello()
            with self._cond:
                if self.mechanism is None:
                    self.mechanism = denial
                elif denial.mechanism == NONE and self.mechanism.mechanism != NONE:
                    raise RuntimeError(f"query worker {worker.pid} could not deny itself the network "
                                       f"({denial.detail}) although its predecessors could")
                self._early_deaths = 0
                if self._closed:
                    raise Unavailable("closed")
                self._idle.append(worker)
                self._cond.notify_all()
        except (OSError, EOFError, TimeoutError, RuntimeError) as exc:
            reason = str(exc)
            if worker is not None:
                worker.kill("shutdown" if isinstance(exc, Unavailable) else "crashed")
                death = worker.death()
                reason = f"{exc}; {death.describe()}" if not isinstance(exc, EOFError) else death.describe()
                worker.close()
            with self._cond:
                self._count -= 1
                if self._closed:
                    return
                self._early_deaths += 1
                log.error("query worker failed to start: %s", reason)
                if self._early_deaths >= MAX_EARLY_DEATHS:
                    self.failing = f"{MAX_EARLY_DEATHS} query workers in a row failed to start ({reason})"
                    log.error("query service failing: %s", self.failing)
                    self._cond.notify_all()
                    return
                self._cond.wait(min(5.0, 0.5 * 2 ** self._early_deaths))  # back off a little
                self._spawn_locked()

    def close(self) -> None:
        with self._cond:
            self._closed = True
            idle, self._idle = self._idle, []
            busy = list(self._busy)
            self._cond.notify_all()
        for worker in idle:
            worker.close()
        for worker in busy:  # their callers see them die and stop waiting
            worker.kill("shutdown")

    def busy_pids(self) -> list[int]:
        """The processes running a query now."""
        with self._cond:
            return [w.pid for w in self._busy]

    # --- use ----------------------------------------------------------------------------------

    def acquire(self, timeout_s: float) -> Worker:
        with self._cond:
            if not self._started:
                self._started = True
                for _ in range(self.target - self._count):
                    self._spawn_locked()
            # The first workers start now: waiting for them is not waiting for a busy service.
            self._cond.wait_for(lambda: self.mechanism is not None or self.failing or self._closed, HELLO_TIMEOUT_S)
            deadline = time.monotonic() + timeout_s
            while True:
                if self.failing:
                    raise Unavailable(self.failing)
                if self._closed:
                    raise Unavailable("the query service is closed")
                while self._idle:
                    worker = self._idle.pop()
                    if worker.alive():
                        self._busy.add(worker)
                        return worker
                    self._discard_locked(worker, worker.death())
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError("no query worker became free")
                self._cond.wait(remaining)

    def release(self, worker: Worker) -> None:
        if worker.niceness and not worker.set_niceness(0):
            worker.kill("shutdown")  # it cannot be given its full share again: replaced
        with self._cond:
            self._busy.discard(worker)
            if worker.alive() and not self._closed:
                self._idle.append(worker)
                self._cond.notify_all()
                return
        self.discard(worker)

    def discard(self, worker: Worker, death: Death | None = None) -> Death:
        """A worker that was killed or died: record why, start its replacement."""
        death = death or worker.death()
        with self._cond:
            self._discard_locked(worker, death)
        return death

    def _discard_locked(self, worker: Worker, death: Death) -> None:
        self._busy.discard(worker)
        self.deaths.append(death)
        (log.info if death.kind in ("timeout", "cancelled", "long", "shutdown") else log.warning)(death.describe())
        worker.conn.close()
        worker.stderr.close()
        self._count -= 1
        self._spawn_locked()

    def counts(self) -> dict[str, int]:
        """How many workers died of each cause (for tests and the start-up line)."""
        found: dict[str, int] = {}
        for death in self.deaths:
            found[death.kind] = found.get(death.kind, 0) + 1
        return found

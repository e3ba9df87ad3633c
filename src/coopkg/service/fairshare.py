"""A fair share of the workers for every client, so that a few runaway queries never take them all.

A client is an address on the SPARQL endpoint, a session in the explorer, the user of
``coopkg query``. Three rules:

1. **A budget of worker time** per client, a token bucket as WDQS has: ``budget_s`` worker-seconds
   at most, given back at ``refill`` per second; a query's real duration is charged when it
   ends, and time its running queries have already taken counts at admission. An empty bucket
   is 429 Too Many Requests with Retry-After, the seconds until it is positive again.
2. **Slots**: at most ``slots`` queries run at once, and one client at most ``slots - 1`` of them;
   a query waits for a slot at most ``wait_s``, then 503 Service Unavailable with Retry-After. A
   heavy client (one that spent more than twice ``long_after_s`` of worker time lately, by its
   budget) never takes the last free slot: a runaway client that comes back at once cannot hold
   it for the second it takes to be found long.
3. **The long lane**: a query running past ``long_after_s`` is long. At most ``slots - 1`` long
   queries run at once, and one per client: a query that becomes long beyond that is stopped
   (503, Retry-After: when the oldest long query reaches its time limit), so that one worker is
   always left to short queries. Which queries are long is only known by running them, hence a
   rule on running time and not on the text.
"""

from __future__ import annotations

import itertools
import math
import threading
import time
from dataclasses import dataclass, field


class Refused(Exception):
    """Not admitted: ``kind`` "budget" (429) or "busy" (503), with Retry-After seconds."""

    def __init__(self, kind: str, retry_after: int):
        super().__init__(f"{kind}: retry after {retry_after} s")
        self.kind, self.retry_after = kind, retry_after


@dataclass(eq=False)
class Ticket:
    client: str
    started: float
    timeout_s: float
    long_since: int | None = None  # order in which running queries became long
    charged: bool = field(default=False, repr=False)


@dataclass
class _Bucket:
    level: float
    updated: float


class Admission:
    def __init__(self, slots: int, budget_s: float, refill: float, long_after_s: float, clock=time.monotonic):
        self.slots, self.budget_s, self.refill, self.long_after_s = slots, budget_s, refill, long_after_s
        self.long_limit = max(1, slots - 1)
        self.heavy_after_s = 2 * long_after_s
        self.per_client = max(1, slots - 1)
        self.clock = clock
        self._running: list[Ticket] = []
        self._buckets: dict[str, _Bucket] = {}
        self._cond = threading.Condition()
        self._order = itertools.count()

    def _level(self, client: str, now: float) -> float:
        bucket = self._buckets.get(client)
        if bucket is None:
            return self.budget_s
        return min(self.budget_s, bucket.level + (now - bucket.updated) * self.refill)

    def _retry_budget(self, level: float) -> int:
        return max(1, math.ceil(-level / self.refill) + 1)

    def admit(self, client: str, timeout_s: float, wait_s: float) -> Ticket:
        deadline = self.clock() + wait_s
        with self._cond:
            while True:
                now = self.clock()
                mine = [t for t in self._running if t.client == client]
                level = self._level(client, now) - sum(now - t.started for t in mine)
                if level <= 0:
                    raise Refused("budget", self._retry_budget(level))
                heavy = self._level(client, now) < self.budget_s - self.heavy_after_s
                room = self.slots - (1 if heavy and self.slots > 1 else 0)
                if len(self._running) < room and len(mine) < self.per_client:
                    ticket = Ticket(client, now, timeout_s)
                    self._running.append(ticket)
                    return ticket
                remaining = deadline - now
                if remaining <= 0:
                    raise Refused("busy", self._retry_busy(now))
                self._cond.wait(min(remaining, 0.25))

    def _retry_busy(self, now: float) -> int:
        ends = [t.started + t.timeout_s - now for t in self._running]
        return max(1, math.ceil(min(ends))) if ends else 1

    def may_go_on(self, ticket: Ticket) -> int | None:
        """None while ``ticket``'s query may keep running; else the Retry-After of stopping it
        by the long-lane rule."""
        now = self.clock()
        if now - ticket.started < self.long_after_s:
            return None
        with self._cond:
            if ticket.long_since is None:
                ticket.long_since = next(self._order)
            earlier = [t for t in self._running if t.long_since is not None and t.long_since < ticket.long_since]
            if len(earlier) < self.long_limit and not any(t.client == ticket.client for t in earlier):
                return None
            oldest = min(earlier, key=lambda t: t.started + t.timeout_s)
            return max(1, math.ceil(oldest.started + oldest.timeout_s - now))

    def done(self, ticket: Ticket) -> float:
        """The query has ended: free its slot, charge its time; returns that time."""
        with self._cond:
            now = self.clock()
            spent = now - ticket.started
            if ticket in self._running:
                self._running.remove(ticket)
            if not ticket.charged:
                ticket.charged = True
                level = self._level(ticket.client, now) - spent
                self._buckets[ticket.client] = _Bucket(level, now)
                if len(self._buckets) > 10_000:  # forget clients whose budget is whole again
                    self._buckets = {c: b for c, b in self._buckets.items()
                                     if self._level(c, now) < self.budget_s}
            self._cond.notify_all()
            return spent

    def running(self) -> int:
        with self._cond:
            return len(self._running)

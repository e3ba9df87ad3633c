"""Real servers on loopback for the publishing tests: free ports, bounded waits, always stopped.

Imported by tests/test_endpoint.py, test_publish.py and test_remote.py (not a conftest: these
servers are theirs alone).
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "publishing"
START_TIMEOUT_S = 20.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, timeout_s: float = START_TIMEOUT_S, process: subprocess.Popen | None = None) -> None:
    """Until ``url`` answers at all (any status), for at most ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}: {process.stderr.read() if process.stderr else ''}")
        try:
            httpx.get(url, timeout=1.0)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer within {timeout_s} s")


@contextlib.contextmanager
def running(command: list[str], ready_url: str, env: dict | None = None):
    """A server process, stopped (terminate, then kill) when the block ends."""
    process = subprocess.Popen(command, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    try:
        wait_for(ready_url, process=process)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        if process.stderr:
            process.stderr.close()


def coopkg_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "coopkg", *args]


def coopkg_env() -> dict:
    return {"PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}


def oxigraph_command() -> str:
    """The `oxigraph` program of the PyPI package `oxigraph` (a test dependency: the remote store
    the tests stand up), beside this Python, else on PATH."""
    import shutil

    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if not found:
        raise FileNotFoundError("the `oxigraph` command is missing: install the PyPI package `oxigraph`")
    return found


@contextlib.contextmanager
def oxigraph_endpoint(location: Path, union: bool = True, timeout_s: int = 10):
    """Oxigraph's read-only server on ``location``; yields its query address."""
    from coopkg.store.layout import store_dir

    port = free_port()
    command = [oxigraph_command(), "serve-read-only", "--location", str(store_dir(location)), "--bind", f"127.0.0.1:{port}",
               "--timeout-s", str(timeout_s)] + (["--union-default-graph"] if union else [])
    with running(command, f"http://127.0.0.1:{port}/query"):
        yield f"http://127.0.0.1:{port}/query"


@contextlib.contextmanager
def uvicorn_app(app, port: int | None = None):
    """An ASGI app served by uvicorn on loopback (a free port by default), in a thread; yields
    its address."""
    import uvicorn

    port = port or free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        wait_for(f"http://127.0.0.1:{port}/")
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def fixture_store(path: Path, *files: str) -> Path:
    """An on-disk store holding the fixture TriG files of tests/fixtures/publishing/."""
    store = ox.Store(str(path))
    for name in files or ("dataset.trig",):
        store.bulk_load(path=str(FIXTURES / name), format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    return path

"""A store that is damaged, missing or unreadable gets a message saying so and what to do, from
every command and from the explorer's query service; never a traceback, never "needed more
memory"."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from publishing_servers import coopkg_env, free_port

from coopkg.store.layout import BUILDS, CURRENT, clean_stray_links, current_build, store_dir

COMMANDS = [["stats"], ["query", "ASK { ?s ?p ?o }"], ["query", "--trusted", "ASK { ?s ?p ?o }"],
            ["export", "--format", "nquads"], ["export", "--entity", "auth:fr-nice"],
            ["repertoire", "--format", "html", "-o", "/dev/null"]]


def copy_of_the_build(built, root: Path) -> Path:
    (root / BUILDS).mkdir(parents=True)
    build = root / BUILDS / built.store_path.name
    shutil.copytree(built.store_path, build)
    (root / CURRENT).symlink_to(Path(BUILDS) / build.name)
    return build


@pytest.fixture(scope="module")
def damaged(built, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("damaged")
    build = copy_of_the_build(built, root)
    biggest = max(store_dir(build).glob("*.sst"), key=lambda p: p.stat().st_size)
    with open(biggest, "r+b") as f:
        f.truncate(biggest.stat().st_size // 2)
    return root


@pytest.fixture(scope="module")
def emptied(built, tmp_path_factory) -> Path:
    """The build folder is there, its store files are gone (deleted by hand)."""
    root = tmp_path_factory.mktemp("emptied")
    build = copy_of_the_build(built, root)
    files = store_dir(build)  # before the removal: store_dir falls back to the build folder itself
    shutil.rmtree(files)
    files.mkdir()
    return root


def coopkg(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "coopkg", *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, **coopkg_env(), "COOPKG_STORE": str(root)})


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_damaged_store_is_said_damaged_by_every_command(damaged, args):
    done = coopkg(damaged, *args)
    assert done.returncode == 2, done.stderr
    assert "damaged" in done.stderr and "coopkg build" in done.stderr
    assert "Traceback" not in done.stderr and "unexpected error" not in done.stderr
    assert "memory" not in done.stderr


@pytest.mark.parametrize("args", COMMANDS[:3], ids=" ".join)
def test_a_store_whose_files_are_gone_is_said_missing(emptied, args):
    done = coopkg(emptied, *args)
    assert done.returncode == 2, done.stderr
    assert "no store at" in done.stderr or "no store" in done.stderr
    assert "coopkg build" in done.stderr and "Traceback" not in done.stderr


def test_the_endpoint_on_a_damaged_store_says_so_at_start(damaged):
    done = coopkg(damaged, "serve", "--port", str(free_port()))
    assert done.returncode == 2 and "damaged" in done.stderr and "coopkg build" in done.stderr


def test_the_explorer_service_names_the_fault_without_the_folder(damaged):
    from coopkg.service import sandbox
    from coopkg.service.core import QueryService

    service = QueryService(workers=1, spare=0)
    try:
        outcome = sandbox.run_query("ASK { ?s ?p ?o }", store_path=current_build(damaged), service=service, lang="ru")
    finally:
        service.close()
    assert outcome.error_kind == "store" and "повреждено" in outcome.error
    assert str(damaged) not in outcome.error


def test_stray_swap_links_are_cleaned_and_the_served_build_kept(built, tmp_path):
    root = tmp_path / "store"
    build = copy_of_the_build(built, root)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stray = root / f".{CURRENT}.{dead.stdout.strip()}"
    stray.symlink_to(Path(BUILDS) / build.name)
    mine = root / f".{CURRENT}.{os.getpid()}"  # a live process's link is its own business
    mine.symlink_to(Path(BUILDS) / build.name)
    assert clean_stray_links(root) == [stray]
    assert not stray.is_symlink() and mine.is_symlink() and current_build(root) == build

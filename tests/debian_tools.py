"""Linked-data tools from Debian for the tests (rapper, Jena riot, the OWL API): where they are,
with what class path they run, and the skip that becomes a failure under CI."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from functools import cache
from pathlib import Path

import pytest

JAVA_DIR = Path("/usr/share/java")
# slf4j bindings Debian installs side by side: keep one (simple, to stderr), or slf4j refuses to start.
SLF4J_OTHERS = re.compile(r"/(log4j-over-slf4j|slf4j-log4j12|slf4j-jdk14|slf4j-jcl|slf4j-nop|slf4j-migrator|slf4j-ext|"
                          r"jul-to-slf4j|jcl-over-slf4j|slf4j-reload4j)(-[0-9.]+)?\.jar$")


def require(what: str, ok: bool, how: str) -> None:
    """Skip with the reason when a tool is missing; under CI (``CI`` set) a missing tool fails."""
    if ok:
        return
    message = f"{what} is not installed ({how})"
    if os.environ.get("CI"):
        pytest.fail(message + "; CI must install it (test.sh)")
    pytest.skip(message)


def _installed(package: str) -> bool:
    result = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True)
    return result.returncode == 0 and "install ok installed" in result.stdout


@cache
def _dependencies(package: str) -> frozenset[str]:
    """The installed packages ``package`` depends on, recursively (alternatives: the installed one)."""
    seen: set[str] = set()
    todo = [package]
    while todo:
        name = todo.pop()
        if name in seen or not _installed(name):
            continue
        seen.add(name)
        depends = subprocess.run(["dpkg-query", "-W", "-f=${Depends},${Pre-Depends}", name],
                                 capture_output=True, text=True).stdout
        for group in filter(None, (g.strip() for g in depends.split(","))):
            for alternative in group.split("|"):
                dependency = alternative.strip().split(" ")[0].split(":")[0]
                if dependency and _installed(dependency):
                    todo.append(dependency)
                    break
    return frozenset(seen)


@cache
def debian_classpath(package: str, exclude: tuple[str, ...] = ()) -> str | None:
    """The jars of an installed Debian Java package and of its dependencies, or None."""
    if not shutil.which("java") or not _installed(package):
        return None
    jars = set()
    for name in _dependencies(package):
        listing = subprocess.run(["dpkg-query", "-L", name], capture_output=True, text=True).stdout.split()
        jars |= {p for p in listing if p.startswith(str(JAVA_DIR) + "/") and p.endswith(".jar") and p.count("/") == 4}
    jars = {j for j in jars if not SLF4J_OTHERS.search(j) and not any(x in j for x in exclude)}
    return os.pathsep.join(sorted(jars))


def jena_classpath(workdir: Path) -> str | None:
    """Jena (libapache-jena-java) with the message bundles its relocated Xerces looks for: Debian's
    jena-core 4.5.0 ships them under org/apache/jena/ext/xerces/ only, and riot then dies with
    "internal error" while initialising the XSD datatypes."""
    classpath = debian_classpath("libapache-jena-java")
    if classpath is None:
        return None
    core = JAVA_DIR / "jena-core.jar"
    with zipfile.ZipFile(core) as jar:
        for name in jar.namelist():
            if name.startswith("org/apache/jena/ext/xerces/impl/") and name.endswith(".properties"):
                target = workdir / name.removeprefix("org/apache/jena/ext/")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    return os.pathsep.join([str(workdir), classpath])

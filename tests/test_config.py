"""The one settings object: every COOPKG_* variable declared once, validated once, one error policy."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from coopkg import config
from coopkg.config import ConfigError, Settings, settings, split_credentials

ROOT = Path(__file__).resolve().parent.parent


def test_every_variable_the_code_names_is_a_declared_setting():
    declared = {name for name, *_ in config.describe(settings({}))}
    named = set()
    for base in ("src", "app"):
        for path in (ROOT / base).rglob("*.py"):
            named |= set(re.findall(r"\bCOOPKG_[A-Z_]+[A-Z]\b", path.read_text(encoding="utf-8")))
    assert named - declared == set(), "a COOPKG_* variable is used but not declared in coopkg.config.Settings"
    assert len(declared) == len(Settings.model_fields)


def test_only_the_config_module_reads_the_environment():
    readers = []
    for base in ("src", "app"):
        for path in (ROOT / base).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if re.search(r"os\.environ(\.get)?\s*[\[(]\s*[\"']COOPKG_|getenv\(\s*[\"']COOPKG_", text):
                readers.append(str(path.relative_to(ROOT)))
    assert readers == []


def test_defaults_and_types():
    current = settings({})
    assert current.query_timeout == 10.0 and current.row_limit == 1000 and current.query_workers == 3
    assert current.lang == "en" and current.service_allowlist == () and not current.remote
    assert current.store_root == current.home / "var" / "store"
    parsed = settings({"COOPKG_QUERY_TIMEOUT": "2.5", "COOPKG_DEBUG": "1", "COOPKG_LANG": "ru",
                       "COOPKG_TRUSTED_PROXIES": "10.0.0.1, 10.0.0.2"})
    assert parsed.query_timeout == 2.5 and parsed.debug is True and parsed.lang == "ru"
    assert parsed.trusted_proxies == ("10.0.0.1", "10.0.0.2")


def test_no_service_endpoint_can_be_allowed():
    """The query workers have no network at all: an allow-list would promise what cannot work."""
    with pytest.raises(ConfigError, match="COOPKG_SERVICE_ALLOWLIST=.*SERVICE is not supported"):
        settings({"COOPKG_SERVICE_ALLOWLIST": "https://query.wikidata.org/sparql"})


@pytest.mark.parametrize("variable, value, expected", [
    ("COOPKG_QUERY_TIMEOUT", "abc", "valid number"),
    ("COOPKG_QUERY_TIMEOUT", "0", "greater than 0"),
    ("COOPKG_ROW_LIMIT", "-5", "greater than 0"),
    ("COOPKG_LANG", "de", "'fr', 'en' or 'ru'"),
    ("COOPKG_DEBUG", "maybe", "boolean"),
    ("COOPKG_ENDPOINT", "ftp://example.org/q", "http(s) address"),
    ("COOPKG_EXPLORER_URL", "javascript:alert(1)", "http(s) address"),
])
def test_a_bad_value_names_the_variable(variable, value, expected):
    with pytest.raises(ConfigError) as refused:
        settings({variable: value})
    assert f"{variable}=" in str(refused.value) and expected in str(refused.value)


def test_every_bad_value_is_reported_at_once():
    with pytest.raises(ConfigError) as refused:
        settings({"COOPKG_ROW_LIMIT": "x", "COOPKG_QUERY_WORKERS": "y"})
    assert "COOPKG_ROW_LIMIT" in str(refused.value) and "COOPKG_QUERY_WORKERS" in str(refused.value)


@pytest.mark.parametrize("password", ["s3cr3t/PW", "pa#ss", "wh?at", "at@sign", "plain"])
def test_credentials_in_the_address_whatever_they_hold(password):
    address, user, secret = split_credentials(f"http://reader:{password}@127.0.0.1:7878/query")
    assert (address, user, secret) == ("http://127.0.0.1:7878/query", "reader", password)
    current = settings({"COOPKG_ENDPOINT": f"https://reader:{password}@kg.example.org/sparql"})
    assert current.endpoint == "https://kg.example.org/sparql" and current.endpoint_user == "reader"
    assert current.endpoint_password.get_secret_value() == password
    shown = " ".join(" ".join(row) for row in config.describe(current))
    assert password not in shown and "https://kg.example.org/sparql" in shown


def test_percent_encoded_credentials_are_decoded():
    assert split_credentials("http://a%40b:p%2Fw@host/q") == ("http://host/q", "a@b", "p/w")
    assert split_credentials("http://host:8080/q") == ("http://host:8080/q", None, None)


def test_a_bad_endpoint_never_shows_its_password():
    with pytest.raises(ConfigError) as refused:
        settings({"COOPKG_ENDPOINT": "ftp://reader:Sekr1t@host/q"})
    assert "Sekr1t" not in str(refused.value)


def test_unknown_variables_are_named():
    assert config.unknown_variables({"COOPKG_QUERY_TIMEOUTS": "3", "COOPKG_LANG": "fr"}) == ["COOPKG_QUERY_TIMEOUTS"]


def coopkg(*args: str, env: dict) -> subprocess.CompletedProcess:
    import os

    clean = {k: v for k, v in os.environ.items() if not k.startswith("COOPKG_")}
    return subprocess.run([sys.executable, "-m", "coopkg", *args], capture_output=True, text=True,
                          env={**clean, "COOPKG_HOME": str(ROOT), **env}, check=False)


def test_every_command_stops_at_start_up_on_a_bad_setting(tmp_path):
    done = coopkg("stats", env={"COOPKG_STORE": str(tmp_path), "COOPKG_QUERY_WORKERS": "many"})
    assert done.returncode == 2
    assert done.stderr.strip().startswith("coopkg stats: invalid setting: COOPKG_QUERY_WORKERS='many'")
    assert "Traceback" not in done.stderr


def test_coopkg_config_lists_every_setting_and_masks_secrets(tmp_path):
    done = coopkg("config", env={"COOPKG_STORE": str(tmp_path), "COOPKG_ENDPOINT_PASSWORD": "Hunter2-Secret",
                                 "COOPKG_ENDPOINT": "http://u:Inline-Secret@127.0.0.1:1/q", "COOPKG_TYPO": "1"})
    assert done.returncode == 0
    for name in Settings.model_fields:
        assert f"COOPKG_{name.upper()}" in done.stdout
    assert "Hunter2-Secret" not in done.stdout and "Inline-Secret" not in done.stdout
    assert "********" in done.stdout and "COOPKG_TYPO is not a coopkg setting" in done.stdout


def test_every_interface_string_is_used():
    """A message no code asks for is dead text that translators would still keep up to date."""
    from coopkg.i18n import MESSAGES

    code = "".join(p.read_text(encoding="utf-8") for base in ("src", "app") for p in (ROOT / base).rglob("*.py")
                   if p.name != "i18n.py")
    made = set(re.findall(r'f["\']([a-z_.]+)\{', code))
    unused = []
    for key in MESSAGES:
        if f'"{key}"' in code or f"'{key}'" in code:
            continue
        if any(key.startswith(start) for start in made):  # a key made from a name: kind.{kind}
            continue
        if re.search(r'(?:strings|translations)\(["\']' + re.escape(key.split(".", 1)[0]) + r'["\']', code):  # a component's table
            continue
        unused.append(key)
    assert unused == []


def test_every_translation_of_a_string_has_the_same_fields():
    """A field that one language names differently is a KeyError on that language's page."""
    import string

    from coopkg.i18n import MESSAGES

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    differing = {key: {lang: sorted(fields(text)) for lang, text in entry.items()}
                 for key, entry in MESSAGES.items() if len({frozenset(fields(text)) for text in entry.values()}) > 1}
    assert differing == {}

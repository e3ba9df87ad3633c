"""The one place where coopkg reads its configuration: every ``COOPKG_*`` environment variable.

``settings()`` reads and validates them once (again only when the environment changes, as in
tests) into a typed, frozen ``Settings``. A bad value is a ``ConfigError`` naming the variable and
what it takes, raised at start-up by every command, the explorer and the servers: never a silent
fallback to a default. ``coopkg config`` lists every variable with its current value (secrets
masked), its default and what it does.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator, model_validator

PREFIX = "COOPKG_"
LANGUAGES = ("fr", "en", "ru")


class ConfigError(ValueError):
    """A setting has a value coopkg cannot use; the message names the variable."""


# scheme://userinfo@host[:port][/path...]: the userinfo is everything up to the LAST "@" that a
# host follows, so that a password holding "/", "#", "?" or "@" unencoded stays whole.
_ADDRESS_WITH_USERINFO = re.compile(
    r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?P<userinfo>.*)@"
    r"(?P<authority>(?:\[[0-9A-Fa-f:.]+\]|[^\s/?#@\[\]]+)(?::\d*)?)(?P<rest>(?:[/?#].*)?)$", re.S)


def split_credentials(address: str) -> tuple[str, str | None, str | None]:
    """``scheme://user:password@host/...`` -> (``scheme://host/...``, user, password), the user and
    password percent-decoded; (address, None, None) when it holds no credentials."""
    from urllib.parse import unquote

    address = address.strip()
    match = _ADDRESS_WITH_USERINFO.match(address)
    if not match:
        return address, None, None
    user, sep, password = match.group("userinfo").partition(":")
    return (match.group("scheme") + match.group("authority") + match.group("rest"),
            unquote(user), unquote(password) if sep else None)


_SECRET_PARAMETER = re.compile(r"(?i)(token|key|secret|passw|auth|sig|credential|session)")


def redact_address(address: str) -> str:
    """An endpoint's address as any message, log line or page may show it: no user or password,
    and the value of every query-string parameter named like a secret (token, key, secret,
    password, auth...) replaced by ``***``."""
    from urllib.parse import parse_qsl, urlencode

    bare, _, _ = split_credentials(address)
    head, sep, query = bare.partition("?")
    if not sep:
        return bare
    query, hash_, fragment = query.partition("#")
    pairs = [(k, "***" if _SECRET_PARAMETER.search(k) else v) for k, v in parse_qsl(query, keep_blank_values=True)]
    return head + "?" + urlencode(pairs, safe="*") + (hash_ + fragment if hash_ else "")


def _detected_home() -> Path:
    """The folder holding ontology/, data/ and queries/: the repository this package was installed
    from (editable install), or the current folder when it holds the project."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent.parent, Path.cwd()):
        if (candidate / "ontology").is_dir() and (candidate / "queries").is_dir():
            return candidate
    return here.parent.parent


class Settings(BaseModel):
    """Every setting of coopkg, read from ``COOPKG_<NAME>`` (the field name in upper case)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    home: Path = Field(default_factory=_detected_home,
                       description="Folder of the project (ontology/, data/, queries/); detected from the installed package")
    store: Path | None = Field(default=None, description="Folder of the built stores (default: var/store in the project)")
    lang: Literal["fr", "en", "ru"] = Field(
        default="en", description="Default language of messages, reports and the explorer (a browser's own "
                                  "language, or ?lang=, wins in the explorer)")
    debug: bool = Field(default=False, description="Show Python tracebacks of unexpected errors (1/0, true/false)")

    endpoint: str = Field(default="", description="SPARQL 1.1 query endpoint to read instead of the local build "
                                                  "(http(s) address; may hold user:password@)")
    endpoint_user: str = Field(default="", description="User for HTTP basic authentication at the endpoint")
    endpoint_password: SecretStr = Field(default=SecretStr(""), description="Password for the endpoint (never shown)")
    endpoint_timeout_s: float = Field(default=60.0, gt=0, description="Seconds to wait for the endpoint's answer")

    query_timeout: float = Field(default=10.0, gt=0,
                                 description="Seconds a visitor's query may run before its worker is killed")
    row_limit: int = Field(default=1000, gt=0, description="Rows a page of the explorer shows at most")
    download_limit: int = Field(default=100_000, gt=0, description="Rows a download holds at most")
    query_workers: int = Field(default=3, gt=0, description="Worker processes of the query service")
    query_memory_mb: int = Field(default=4096, gt=0, description="Memory cap of each query worker (MiB)")
    service_allowlist: tuple[str, ...] = Field(
        default=(), description="SERVICE endpoints visitors' queries may call: must stay empty, since query "
                                "workers have no network at all (SERVICE is refused)")
    result_max_bytes: int = Field(default=64 * 1024 * 1024, gt=0,
                                  description="Bytes a result of the SPARQL endpoint or a download holds at most")
    page_max_bytes: int = Field(default=8 * 1024 * 1024, gt=0,
                                description="Bytes of results an explorer page receives at most (then cut)")
    client_budget_s: float = Field(default=60.0, gt=0,
                                   description="Worker-seconds a client (address or explorer session) may spend "
                                               "in a burst before 429 Too Many Requests")
    client_refill: float = Field(default=0.5, gt=0,
                                 description="Worker-seconds per second given back to each client's budget")
    long_query_s: float = Field(default=1.0, gt=0,
                                description="Seconds after which a query counts as long: at most workers - 1 long "
                                            "queries run at once, one per client, so one worker stays for short ones")
    queue_wait_s: float = Field(default=2.0, gt=0,
                                description="Seconds a query waits for a free worker before 503 Service Unavailable")
    trusted_proxies: tuple[str, ...] = Field(
        default=(), description="Addresses of reverse proxies whose X-Forwarded-For names the client "
                                "(comma- or space-separated; none by default)")

    explorer_url: str = Field(default="", description="Address of the explorer, to which the dereferencing "
                                                      "server sends HTML requests (may hold {iri})")

    @model_validator(mode="before")
    @classmethod
    def _credentials_out_of_the_address(cls, data):
        """user:password@ in COOPKG_ENDPOINT moves to the user and password settings (unless they
        are set), so that the address itself can be shown."""
        if isinstance(data, dict) and data.get("endpoint"):
            address, user, password = split_credentials(str(data["endpoint"]))
            data = {**data, "endpoint": address}
            if user and not data.get("endpoint_user"):
                data["endpoint_user"] = user
            if password is not None and not data.get("endpoint_password"):
                data["endpoint_password"] = password
        return data

    @field_validator("service_allowlist", "trusted_proxies", mode="before")
    @classmethod
    def _split_list(cls, value):
        if isinstance(value, str):
            return tuple(item for item in re.split(r"[\s,]+", value) if item)
        return value

    @field_validator("service_allowlist", mode="after")
    @classmethod
    def _no_service(cls, value):
        if value:
            raise ValueError("SERVICE is not supported: the query workers are denied any network by the "
                             "operating system; leave it empty")
        return value

    @field_validator("home", "store", mode="after")
    @classmethod
    def _absolute(cls, value):
        return value.resolve() if value is not None else None

    @field_validator("endpoint", "explorer_url", mode="after")
    @classmethod
    def _http_address(cls, value: str):
        value = value.strip()
        if value and not re.match(r"^https?://[^/?#\s]", value):
            raise ValueError("must be an http(s) address")
        return value

    # --- derived places ------------------------------------------------------------------------

    @property
    def store_root(self) -> Path:
        return self.store if self.store is not None else self.home / "var" / "store"

    @property
    def remote(self) -> bool:
        """Whether queries go to a remote endpoint rather than the local build."""
        return bool(self.endpoint)


def _variable(field: str) -> str:
    return PREFIX + field.upper()


def _snapshot(environ) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k.upper(), v) for k, v in environ.items() if k.upper().startswith(PREFIX)))


@functools.lru_cache(maxsize=8)
def _load(snapshot: tuple[tuple[str, str], ...]) -> Settings:
    values = {key[len(PREFIX):].lower(): value for key, value in snapshot}
    known = {name: values[name] for name in Settings.model_fields if name in values}
    try:
        return Settings(**known)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            field = str(error["loc"][0]) if error["loc"] else "?"
            shown = repr(_shown(field, values.get(field, "")))
            shown = "(hidden)" if field == "endpoint_password" else shown
            problems.append(f"{_variable(field)}={shown}: {error['msg'].removeprefix('Value error, ')}")
        raise ConfigError("invalid setting" + ("s" if len(problems) > 1 else "") + ": " + "; ".join(problems)) from None


def settings(environ=None) -> Settings:
    """The settings of the current environment (``os.environ`` by default), validated."""
    return _load(_snapshot(os.environ if environ is None else environ))


def unknown_variables(environ=None) -> list[str]:
    """``COOPKG_*`` variables that name no setting (a typo would otherwise go unnoticed)."""
    known = {_variable(name) for name in Settings.model_fields}
    return sorted(key for key, _ in _snapshot(os.environ if environ is None else environ) if key not in known)


def describe(current: Settings | None = None) -> list[tuple[str, str, str, str]]:
    """(variable, current value, default, description) of every setting; secrets masked."""
    current = current or settings()
    rows = []
    for name, field in Settings.model_fields.items():
        value = getattr(current, name)
        default = field.get_default(call_default_factory=True)
        rows.append((_variable(name), _shown(name, value), _shown(name, default), field.description or ""))
    return rows


def _shown(name: str, value) -> str:
    if isinstance(value, SecretStr):
        return "********" if value.get_secret_value() else ""
    if name == "endpoint" and isinstance(value, str):
        address, user, password = split_credentials(value)
        return address if user is None and password is None else address.replace("://", "://********@", 1)
    if isinstance(value, tuple):
        return " ".join(value)
    return "" if value is None else str(value)


def child_environment(current: Settings | None = None) -> dict[str, str]:
    """The environment of a process coopkg starts (the explorer's server, a query worker): this
    one's, with the project and the store pinned to where they are here."""
    current = current or settings()
    env = dict(os.environ)
    env[_variable("home")] = str(current.home)
    env[_variable("store")] = str(current.store_root)
    return env


# --- the project's places, as the rest of the package reads them -------------------------------

def project_root() -> Path:
    return settings().home


def store_root() -> Path:
    return settings().store_root


def ontology_dir() -> Path:
    return project_root() / "ontology"


def data_dir() -> Path:
    return project_root() / "data"


def queries_dir() -> Path:
    return project_root() / "queries"

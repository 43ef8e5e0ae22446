"""The dashboard: a read-only web view and JSON API of a store (``watchfloor serve``)."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]

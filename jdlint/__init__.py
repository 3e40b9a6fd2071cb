"""jdlint: a compliance linter for job descriptions in Russian and Lithuanian."""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"

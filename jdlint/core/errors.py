"""Errors that reach the user as a one-line reason (JD001, exit code 2), never a traceback."""

from __future__ import annotations


class InputError(Exception):
    """A file could not be read as a job description document.

    ``reason`` is one sentence a person understands ("not a Word document (.docx): the file is a
    PNG image"); the CLI prints it and the JSON carries it as ``{"code": "JD001", ...}``.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class UsageError(Exception):
    """Bad command-line or configuration input (exit code 2)."""

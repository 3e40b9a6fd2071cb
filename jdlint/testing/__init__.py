"""Helpers for tests and the corpus: building DOCX files at test time (no binary fixtures)."""

from __future__ import annotations

from jdlint.testing.docxbuild import P, Table, build_docx, text_to_docx

__all__ = ["P", "Table", "build_docx", "text_to_docx"]

"""Checks across a collection of documents rather than inside one (cross-document duplicates).

``jdlint.collection.duplicates`` finds clauses repeated in many documents and near-copies of
whole instructions (MinHash LSH); ``jdlint.collection.command`` is the ``jdlint duplicates``
click command. Nothing heavy is imported here.
"""

from __future__ import annotations

__all__: list[str] = []

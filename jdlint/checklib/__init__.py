"""Helpers shared by the checks (phrase and title matching, places, jurisdiction, numbering
models). They are not rules: the registry discovers rules in ``jdlint.checks`` only.
"""

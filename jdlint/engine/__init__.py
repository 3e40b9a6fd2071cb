"""The engine: the registry that joins checks to rules, one document's lint
(``engine.lint``) and the read-build-lint pipeline of one file.
"""

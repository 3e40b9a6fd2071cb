"""The core layer: the document model, errors, text utilities, results and safe file I/O.

Every other layer may import it; it imports nothing of jdlint.
"""

"""A run over many files: the folder scan, the plan, the worker pool, the result cache and the
outcome filter shared by ``check`` and ``report``.
"""

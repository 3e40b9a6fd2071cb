"""Python implementations of rules (the "how"); their metadata lives in ``rules/JDxxx.yaml``.

Every module here is imported once by ``jdlint.engine.registry.discover`` and registers its
checks with ``@implements("JDxxx")``; nothing imports these modules by name, so adding a rule
means adding a function here and a YAML file in ``rules/``. One module per family: ``document``
(JD0xx), ``structure`` (JD1xx), ``labour`` (JD2xx), ``duplicates`` (JD3xx), ``profstandard``
(JD4xx). Helpers shared by several checks live in ``jdlint.checklib``, which holds no rule.
"""

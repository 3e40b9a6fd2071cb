"""The import contract the rule API promises, checked on the source (AST, no imports run).

* No import cycle anywhere in ``jdlint`` — counting imports inside functions and under
  ``TYPE_CHECKING`` too, since those are cycles a refactoring turns into real ones.
* A check (``jdlint/checks/``) imports neither the engine nor the registry (the public rule API
  is ``jdlint.ruleapi``), imports no private name of the engine's modules and touches no
  private member of ``RuleContext``; no rule module imports another (shared helpers are
  ``jdlint.checklib``).
* The packages follow the layers (``LAYERS``, lowest first): nothing imports upwards or
  sideways, counting lazy imports, so the layering cannot erode one import at a time.
"""

from __future__ import annotations

import ast
from pathlib import Path

import jdlint

PACKAGE = Path(jdlint.__file__).resolve().parent
ENGINE_MODULES = {"jdlint.engine.lint", "jdlint.engine.registry", "jdlint.ruleapi",
                  "jdlint.nlp.doctext"}


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> list[tuple[str, tuple[str, ...]]]:
    """(imported jdlint module, names taken from it) for every import statement of a module."""
    out: list[tuple[str, tuple[str, ...]]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.extend((a.name, ()) for a in node.names if a.name.startswith("jdlint"))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
                package = package[:len(package) - node.level + 1]
                base = ".".join([*package, base] if base else package)
            if not base.startswith("jdlint"):
                continue
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                out.append((sub, ()) if sub in MODULES else (base, (alias.name,)))
    return out


def _graph() -> dict[str, set[str]]:
    return {name: {m for m, _ in _imports(name, path) if m in MODULES and m != name}
            for name, path in MODULES.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_in_jdlint() -> None:
    assert cycles(_graph()) == []


def test_engine_and_registry_do_not_import_each_other() -> None:
    graph = _graph()
    assert "jdlint.engine.registry" in graph["jdlint.engine.lint"]
    assert "jdlint.engine.lint" not in graph["jdlint.engine.registry"]
    assert not graph["jdlint.ruleapi"] & {"jdlint.engine.lint", "jdlint.engine.registry"}


def _private_context_members() -> set[str]:
    tree = ast.parse((PACKAGE / "ruleapi.py").read_text(encoding="utf-8"))
    cls = next(n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)
               and n.name == "RuleContext")
    names: set[str] = set()
    for node in cls.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.FunctionDef):
            names.add(node.name)
    private = {n for n in names if n.startswith("_") and not n.startswith("__")}
    assert "_memo" in private and "_clauses" in private  # the test sees the real class
    return private


def test_checks_use_only_the_public_rule_api() -> None:
    private = _private_context_members()
    problems: list[str] = []
    for name, path in sorted(MODULES.items()):
        if not name.startswith("jdlint.checks."):
            continue
        for module, names in _imports(name, path):
            if module in ("jdlint.engine.lint", "jdlint.engine.registry"):
                problems.append(f"{name} imports {module} (use jdlint.ruleapi)")
            if module in ENGINE_MODULES:
                problems.extend(f"{name} imports private {module}.{n}" for n in names
                                if n.startswith("_"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in private:
                problems.append(f"{name}:{node.lineno} touches RuleContext.{node.attr}")
    assert problems == []


# NOTE: the layers, lowest first. A module may import its own package and any package of a
# lower layer; never a higher layer nor a sibling package of its own layer. (The root package
# ``jdlint`` holds only ``__version__``.)
LAYERS: tuple[tuple[str, ...], ...] = (
    ("jdlint", "jdlint.core"),
    ("jdlint.nlp",),
    ("jdlint.catalogue",),
    ("jdlint.settings",),
    ("jdlint.readers",),
    ("jdlint.structure",),
    ("jdlint.profstandards",),
    ("jdlint.ruleapi",),
    ("jdlint.checklib",),
    ("jdlint.checks",),
    ("jdlint.engine",),
    ("jdlint.run",),
    ("jdlint.output", "jdlint.collection"),
    ("jdlint.report", "jdlint.testing", "jdlint.checkcli"),
    ("jdlint.cli",),
    ("jdlint.entry",),
    ("jdlint.__main__",),
)


def layer_of(module: str) -> tuple[int, str]:
    """(layer index, package) of a module: the longest package prefix in ``LAYERS``."""
    found = [(len(p), i, p) for i, group in enumerate(LAYERS) for p in group
             if module == p or module.startswith(p + ".")]
    if not found:
        raise AssertionError(f"{module} is in no layer: add its package to LAYERS")
    _, index, package = max(found)
    return index, package


def layer_violations(graph: dict[str, set[str]]) -> list[str]:
    problems: list[str] = []
    for name, imported in sorted(graph.items()):
        mine, package = layer_of(name)
        for other in sorted(imported):
            theirs, their_package = layer_of(other)
            if theirs > mine or (theirs == mine and their_package != package):
                problems.append(f"{name} (layer {mine}) imports {other} (layer {theirs})")
    return problems


def test_every_module_has_a_layer() -> None:
    for name in MODULES:
        layer_of(name)


def test_the_layer_check_finds_an_upward_import() -> None:
    assert layer_violations({"jdlint.core.model": {"jdlint.engine.lint"}}) == [
        "jdlint.core.model (layer 0) imports jdlint.engine.lint (layer 10)"]
    assert layer_violations({"jdlint.output.json": {"jdlint.collection.minhash"}})
    assert layer_violations({"jdlint.checks.labour": {"jdlint.checklib.matching"}}) == []


def test_imports_follow_the_layers() -> None:
    assert layer_violations(_graph()) == []


def test_a_rule_module_imports_no_other_rule_module() -> None:
    """Shared code lives in ``jdlint.checklib``; a rule module is imported only by discovery."""
    graph = _graph()
    problems = [f"{name} imports {other}" for name, imported in sorted(graph.items())
                for other in sorted(imported)
                if other.startswith("jdlint.checks.") and other != name]
    assert problems == []

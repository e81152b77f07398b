"""The apps' layers, written once here, and no import cycle anywhere.

Every import of every module of the project is read from its source, the ones inside
functions too (a lazy import hides a dependency; it does not remove it).
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Bottom to top. An app may import the apps of the layers below its own, never one of
# its own layer or above: cross-cutting web concerns, then the knowledge base, the page
# workflows, the search and the feedback on pages, the programme's projects (a request
# belongs to one), the request desk, the guidance gaps (fed by searches, feedback and
# requests), personal data, and the demo on top.
LAYERS = (
    ("web",),
    ("knowledge",),
    ("workflows", "search", "feedback"),
    ("projects",),
    ("desk",),
    ("gaps",),
    ("privacy",),
    ("demo",),
)
# The settings package wires the apps together (settings, URLs, the API's assembly): it
# may import any app, and no app imports it.
WIRING = "trihub"
SOURCES = {**{app: ROOT / app for layer in LAYERS for app in layer}, WIRING: ROOT / "site" / WIRING}
LAYER_OF = {app: level for level, layer in enumerate(LAYERS) for app in layer}


def _module_name(app, path):
    parts = [app, *path.relative_to(SOURCES[app]).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _project_modules():
    modules = {}
    for app, folder in SOURCES.items():
        for path in sorted(folder.rglob("*.py")):
            modules[_module_name(app, path)] = path
    return modules


MODULES = _project_modules()


def _imports(module, path):
    """The project modules `module` imports, each with the line it does it on."""
    is_package = path.name == "__init__.py"
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.extend((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                package = module.split(".")
                package = package if is_package else package[:-1]
                package = package[: len(package) - node.level + 1]
                base = ".".join(package + ([node.module] if node.module else []))
            else:
                base = node.module
            for alias in node.names:
                # `from package import module` imports that module.
                target = f"{base}.{alias.name}"
                found.append((target if target in MODULES else base, node.lineno))
    return [(name, line) for name, line in found if name.split(".")[0] in SOURCES]


IMPORTS = {module: _imports(module, path) for module, path in MODULES.items()}


def test_every_app_of_the_project_has_its_layer():
    from django.apps import apps

    ours = {
        config.name.split(".")[0]
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(ROOT)
        and not Path(config.path).resolve().relative_to(ROOT).parts[0].startswith(".")
    }
    assert ours == set(LAYER_OF)


def test_the_layers_name_every_app_and_the_walk_reads_them():
    for app, folder in SOURCES.items():
        assert (folder / "__init__.py").exists(), app
        assert any(module.split(".")[0] == app for module in MODULES), app
    # The walk does see imports (a parse that found none would pass everything below).
    assert any(target.startswith("knowledge") for target, _ in IMPORTS["desk.roles"])


@pytest.mark.parametrize("app", sorted(LAYER_OF))
def test_no_app_imports_its_own_layer_or_one_above(app):
    wrong = []
    for module, imports in IMPORTS.items():
        if module.split(".")[0] != app:
            continue
        for target, line in imports:
            other = target.split(".")[0]
            if other == app:
                continue
            if other == WIRING or LAYER_OF[other] >= LAYER_OF[app]:
                wrong.append(f"{MODULES[module].relative_to(ROOT)}:{line} imports {target}")
    assert not wrong, "\n".join(wrong)


def _cycles():
    """Strongly connected groups of more than one module (Tarjan's algorithm)."""
    graph = {
        module: {target for target, _ in IMPORTS[module]} & MODULES.keys() for module in MODULES
    }
    index, low, on_stack, stack, groups = {}, {}, set(), [], []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in graph[module]:
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == module:
                    break
            if len(group) > 1 or module in graph[module]:
                groups.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return groups


def test_no_import_cycle_even_through_lazy_imports():
    assert _cycles() == []


def test_the_cycle_finder_finds_a_cycle(monkeypatch):
    monkeypatch.setitem(IMPORTS, "desk.states", [*IMPORTS["desk.states"], ("desk.steps", 1)])
    assert any("desk.states" in group for group in _cycles())

"""``desk.uploads`` stays a utility package: the desk's models import it, never the reverse."""

import ast
import importlib.util
from pathlib import Path

import desk.uploads


def test_no_module_of_the_package_imports_the_desk_models():
    modules = sorted(Path(desk.uploads.__file__).parent.glob("*.py"))
    assert modules

    for module in modules:
        package = "desk.uploads"
        imported = set()
        for node in ast.walk(ast.parse(module.read_text())):
            if isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = importlib.util.resolve_name("." * node.level + (node.module or ""), package)
                imported.add(base)
                imported.update(f"{base}.{alias.name}" for alias in node.names)
        assert not [name for name in imported if name.startswith("desk.models")], module.name

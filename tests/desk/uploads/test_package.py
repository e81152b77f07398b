"""``desk.uploads`` stays a utility package: the desk's models import it, never the reverse."""

from pathlib import Path

import desk.uploads
from tests.test_layers import IMPORTS


def test_no_module_of_the_package_imports_the_desk_models():
    # Every module of the package, as the project-wide walk names them.
    package = {
        module: imports
        for module, imports in IMPORTS.items()
        if module == "desk.uploads" or module.startswith("desk.uploads.")
    }
    files = sorted(Path(desk.uploads.__file__).parent.rglob("*.py"))
    assert len(package) == len(files) > 1
    # The walk does read this package's imports (none found would pass everything below).
    assert "desk.uploads.storage" in {target for target, _ in package["desk.uploads"]}

    wrong = [
        f"{module}:{line} imports {target}"
        for module, imports in package.items()
        for target, line in imports
        if target == "desk.models" or target.startswith("desk.models.")
    ]
    assert not wrong, "\n".join(wrong)

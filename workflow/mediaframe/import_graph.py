"""Which library source files a script or notebook runs, read from its import statements.

The workflow lists these files as each rule's code inputs, so that editing a module
reruns exactly the rules whose scripts (or report notebooks) import it, directly or
through other modules; the layout test draws the same graph to check that no stage
imports a later one. Imports are read with :mod:`ast`, never executed: every
``import`` and ``from ... import`` anywhere in a file counts (also those inside
functions, which load a plug-in only when it is chosen), and importing
``mediaframe.clean.pages`` also runs ``mediaframe/__init__.py`` and
``mediaframe/clean/__init__.py``, so those count too.

Example:
    >>> files = library_closure([Path("workflow/scripts/clean.py")], LIBRARY)
    >>> sorted(f.relative_to(LIBRARY).as_posix() for f in files)[:3]
    ['__init__.py', 'clean/__init__.py', 'clean/boilerplate.py']
"""

from __future__ import annotations

import ast
import json
from collections.abc import Iterable
from pathlib import Path

PACKAGE = "mediaframe"
LIBRARY = Path(__file__).resolve().parent


def source_of(path: Path) -> str:
    """Python source of a module, or of a notebook's code cells (magics dropped)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".ipynb":
        return text
    cells = json.loads(text)["cells"]
    lines = [
        line
        for cell in cells
        if cell["cell_type"] == "code"
        for line in "".join(cell["source"]).splitlines()
        if not line.lstrip().startswith(("%", "!"))
    ]
    return "\n".join(lines)


def imported_names(source: str, module: str = "") -> set[str]:
    """Dotted names a source imports: modules, and ``module.name`` for ``from`` imports
    (which is a submodule when ``name`` is one). ``module`` resolves relative imports.
    """
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = module.rsplit(".", node.level)[0]
                base = f"{parent}.{base}" if base else parent
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def module_file(name: str, root: Path = LIBRARY) -> Path | None:
    """The source file of library module ``name`` under ``root``, or None if it is not one."""
    parts = name.split(".")
    if parts[0] != PACKAGE:
        return None
    base = root.joinpath(*parts[1:])
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


def module_name(path: Path, root: Path = LIBRARY) -> str:
    """``mediaframe.clean.pages`` for ``root/clean/pages.py``."""
    parts = path.relative_to(root).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join((PACKAGE, *parts))


def library_imports(path: Path, root: Path = LIBRARY, parents: bool = True) -> set[Path]:
    """Library files that running ``path`` loads directly; with ``parents``, also the
    ``__init__.py`` of each package on the way to an imported module.
    """
    inside = path.is_relative_to(root)
    module = module_name(path, root) if inside else ""
    if inside and path.name == "__init__.py":
        module += ".__init__"  # relative imports in a package resolve against the package
    files: set[Path] = set()
    for name in imported_names(source_of(path), module):
        found = module_file(name, root)
        if found is None:
            continue
        files.add(found)
        parts = name.split(".")
        for end in range(1, len(parts) if parents else 0):
            files.add(module_file(".".join(parts[:end]), root) or found)
    files.discard(path)
    return files


def library_closure(entries: Iterable[Path], root: Path = LIBRARY) -> list[Path]:
    """Every library file that running the ``entries`` (scripts, notebooks) loads, sorted."""
    seen: set[Path] = set()
    todo = [Path(entry) for entry in entries]
    while todo:
        current = todo.pop()
        for found in library_imports(current, root):
            if found not in seen:
                seen.add(found)
                todo.append(found)
    return sorted(seen)


def import_graph(root: Path = LIBRARY) -> dict[str, set[str]]:
    """Each library module and the library modules it names in its imports."""
    return {
        module_name(path, root): {
            module_name(found, root) for found in library_imports(path, root, parents=False)
        }
        for path in sorted(root.rglob("*.py"))
        if "__pycache__" not in path.parts
    }

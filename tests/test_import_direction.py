"""Domain packages import one way: when one imports another, the other never imports it back.

Every module of every domain package is read with `ast`, imports inside functions included, so a
cycle cannot hide in a function body; a relative import counts like an absolute one.
"""

import ast
from collections import defaultdict
from pathlib import Path

import councilportal

PACKAGE_DIR = Path(councilportal.__file__).parent
DOMAINS = sorted(path.name for path in PACKAGE_DIR.iterdir()
                 if (path / "__init__.py").is_file() and path.name != "migrations")


def imported_modules(source: str, package: str) -> set[str]:
    """Every module the source imports, written out in full; `from x import y` names both x and x.y.
    `package` is the dotted package the source lives in, against which relative imports resolve."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[:len(package.split(".")) - node.level + 1] if node.level else []
            source_module = ".".join([*base, node.module] if node.module else base)
            found.add(source_module)
            found.update(f"{source_module}.{alias.name}" for alias in node.names)
    return found


def domain_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "councilportal" and len(parts) > 1 and parts[1] in DOMAINS else None


def domain_imports() -> dict[tuple[str, str], set[str]]:
    """(importing domain, imported domain) -> the files where it happens."""
    edges: dict[tuple[str, str], set[str]] = defaultdict(set)
    for domain in DOMAINS:
        for path in (PACKAGE_DIR / domain).rglob("*.py"):
            package = ".".join(path.parent.relative_to(PACKAGE_DIR.parent).parts)
            for module in imported_modules(path.read_text(encoding="utf-8"), package):
                imported = domain_of(module)
                if imported is not None and imported != domain:
                    edges[domain, imported].add(str(path.relative_to(PACKAGE_DIR.parent)))
    return edges


def test_the_domain_packages_are_found():
    assert {"accounts", "organisations", "councils", "meetings", "calendar", "viewpoints", "mail",
            "privacy"} <= set(DOMAINS)


def test_imports_inside_functions_and_relative_imports_count():
    source = ("from councilportal.accounts.models import User\n"
              "import councilportal.mail.services\n"
              "def later():\n"
              "    from councilportal.viewpoints import agenda\n"
              "from ..councils import policies\n"
              "from . import models\n")
    found = {domain_of(module) for module in imported_modules(source, "councilportal.meetings")}
    assert found == {"accounts", "mail", "viewpoints", "councils", "meetings"}


def test_no_two_domain_packages_import_each_other():
    edges = domain_imports()
    both_ways = sorted(
        f"{first} <-> {second}: {sorted(edges[first, second])} and {sorted(edges[second, first])}"
        for first, second in edges if (second, first) in edges and first < second
    )
    assert not both_ways, "domain packages that import each other:\n" + "\n".join(both_ways)

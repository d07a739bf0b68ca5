"""The layers hold by test: pure code loads without Flask, services never see the request.

``lint-imports`` (the contracts in setup.cfg, run by ``make test``) checks the module
graph. These tests check what the graph cannot: which modules a fresh interpreter
loads, and which names of Flask a service takes.
"""

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "lms"
FLASK_FAMILY = ("flask", "flask_babel", "flask_login", "flask_sqlalchemy", "flask_wtf", "werkzeug")

# Modules that belong to the web side by name: they may use the request and the user.
WEB_MODULE_NAMES = {"views.py", "blueprint.py", "loaders.py", "forms.py"}
WEB_MODULES = {
    "app.py",
    "plugin.py",
    "blueprint.py",
    "permissions.py",
    "locale.py",
    "settings.py",
    "forms.py",
    "errors.py",
    "cli.py",
    "health.py",
    "demo.py",
    "extensions.py",
    "limits.py",
    "static_files.py",
    "certificates/links.py",
}
# What a service may not take: the request, the session, the logged-in user, the app.
REQUEST_NAMES = {
    "flask": {"request", "session", "g", "current_app", "url_for", "flash", "abort"},
    "flask_login": {"current_user", "login_user", "logout_user"},
}
WEB_IMPORTS = {"lms.permissions", "lms.locale", "lms.settings"}


def loaded_modules(*modules: str) -> set[str]:
    """Return the top-level packages a fresh interpreter loads to import ``modules``."""
    code = (
        "import importlib, json, sys\n"
        f"for name in {list(modules)!r}: importlib.import_module(name)\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=PACKAGE.parent,
    )
    return set(json.loads(result.stdout))


def test_content_layer_loads_without_flask_or_sqlalchemy():
    """Import Markdown, course files and GIFT in a fresh interpreter: no Flask, no database."""
    loaded = loaded_modules(
        "lms.content",
        "lms.content.gift",
        "lms.content.markdown",
        "lms.content.curriculum",
        "lms.content.course_export",
    )
    assert "lms" in loaded
    assert loaded.isdisjoint({*FLASK_FAMILY, "sqlalchemy"})


def test_certificate_drawing_and_credentials_load_without_flask():
    """Import the PDF, serial, key and credential code in a fresh interpreter: no Flask."""
    loaded = loaded_modules(
        "lms.certificates.pdf",
        "lms.certificates.credential",
        "lms.certificates.keys",
        "lms.certificates.serials",
        "lms.certificates.fonts",
    )
    assert {"fpdf", "jwt"} <= loaded
    assert loaded.isdisjoint(FLASK_FAMILY)


def test_participant_files_and_login_slips_load_without_flask_or_a_database():
    """Import the roster file reader and the slip drawing in a fresh interpreter."""
    loaded = loaded_modules("lms.cohorts.roster_file", "lms.auth.slips")
    assert {"fpdf", "segno"} <= loaded
    assert loaded.isdisjoint({*FLASK_FAMILY, "sqlalchemy"})


def service_modules() -> list[Path]:
    """Return every academy module outside the web side and the content layer."""
    modules = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        web = path.name in WEB_MODULE_NAMES or path.name.endswith("_views.py")
        if web or relative in WEB_MODULES or relative.startswith("content/"):
            continue
        modules.append(path)
    return modules


def request_uses(path: Path, source: str | None = None) -> list[str]:
    """Return each import in ``path`` of the request, the session, the user or a web module."""
    found = []
    source = path.read_text() if source is None else source
    for node in ast.walk(ast.parse(source, str(path))):
        if isinstance(node, ast.ImportFrom):
            module = resolve(path, node)
            names = {alias.name for alias in node.names}
            bad = names & REQUEST_NAMES.get(module, set())
            if module in WEB_IMPORTS or any(f"{module}.{n}" in WEB_IMPORTS for n in names):
                bad |= names
            found += [f"{path.name}:{node.lineno} {module}.{name}" for name in sorted(bad)]
        elif isinstance(node, ast.Import):
            found += [
                f"{path.name}:{node.lineno} {alias.name}"
                for alias in node.names
                if alias.name in WEB_IMPORTS
            ]
    return found


def resolve(path: Path, node: ast.ImportFrom) -> str:
    """Return the absolute module name of a (possibly relative) ``from ... import``."""
    if not node.level:
        return node.module or ""
    parts = ["lms", *path.relative_to(PACKAGE).with_suffix("").parts]
    base = parts[: len(parts) - node.level]
    return ".".join(base + ([node.module] if node.module else []))


def test_the_service_modules_are_found():
    """Find the services this rule guards, so the test below cannot pass on an empty list."""
    names = {path.relative_to(PACKAGE).as_posix() for path in service_modules()}
    assert {"learn/services.py", "certificates/services.py", "capabilities.py"} <= names
    assert "learn/views.py" not in names and "permissions.py" not in names


@pytest.mark.parametrize("path", service_modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_services_know_nothing_of_the_request(path):
    """Keep services to explicit arguments: no request, session, logged-in user or app."""
    assert request_uses(path) == []


def test_the_request_rule_catches_a_service_that_reads_the_request():
    """Flag a service module that imports ``request``, ``current_user`` or a web module."""
    source = (
        "from flask import request, jsonify\n"
        "from flask_login import current_user\n"
        "from ..permissions import lms_user\n"
        "from .. import settings\n"
    )
    found = request_uses(PACKAGE / "learn" / "services.py", source)
    assert found == [
        "services.py:1 flask.request",
        "services.py:2 flask_login.current_user",
        "services.py:3 lms.permissions.lms_user",
        "services.py:4 lms.settings",
    ]

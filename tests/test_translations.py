"""Tests for the Simplified Chinese catalogue of the ``lms`` gettext domain."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po
from babel.support import Translations

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "lms" / "translations"
LOCALE = "zh_Hans"
DOMAIN = "lms"
PO_FILE = TRANSLATIONS / LOCALE / "LC_MESSAGES" / f"{DOMAIN}.po"
MO_FILE = PO_FILE.with_suffix(".mo")

# The extra keywords of the Makefile's `messages` target (Babel's defaults come on top).
EXTRACT_KEYWORDS = ("_l", "lazy_gettext")

# A `%` conversion: an escaped `%%` or a named placeholder such as `%(num)s`.
PERCENT = re.compile(r"%%|%\((?P<name>\w+)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
CJK = re.compile(r"[\u3400-\u9fff]")


def load_catalog(path: Path) -> Catalog:
    """Read a PO or POT file with Babel."""
    with path.open("rb") as handle:
        return read_po(handle)


def entries(catalog: Catalog) -> list[Message]:
    """Return the catalogue's messages without the header (read_po keeps obsolete apart)."""
    return [message for message in catalog if message.id]


def key(message: Message) -> tuple[str, str | tuple[str, ...]]:
    """Identify a message by its context and msgid (with msgid_plural for plurals)."""
    return (message.context or "", message.id)


def describe(message_key: tuple[str, str | tuple[str, ...]]) -> str:
    """Format a message key for a failure report."""
    context, msgid = message_key
    text = " / ".join(map(repr, msgid)) if isinstance(msgid, tuple) else repr(msgid)
    return f"[{context}] {text}" if context else text


def placeholders(text: str) -> set[str]:
    """Return the named placeholders (such as ``%(num)s``) of a python-format string."""
    return {match.group() for match in PERCENT.finditer(text) if match.group("name")}


def stray_percent(text: str) -> bool:
    """Tell whether a python-format string has a `%` that is not `%%` or a placeholder."""
    return "%" in PERCENT.sub("", text)


def lookup(translations: Translations, message: Message, count: int) -> str:
    """Translate a message with the compiled catalogue (``count`` picks a plural form)."""
    context = message.context
    if message.pluralizable:
        singular, plural = message.id[:2]
        if context:
            return translations.npgettext(context, singular, plural, count)
        return translations.ngettext(singular, plural, count)
    if context:
        return translations.pgettext(context, message.id)
    return translations.gettext(message.id)


def test_every_message_is_translated_with_its_placeholders():
    """Check each msgid has a non-fuzzy Chinese msgstr keeping the msgid's placeholders."""
    catalog = load_catalog(PO_FILE)
    assert str(catalog.locale) == LOCALE
    assert catalog.num_plurals == 1, "Chinese has one form: nplurals=1; plural=0;"
    problems = []
    if catalog.fuzzy:
        problems.append("the header is fuzzy, so pybabel compile would skip it")
    for message in entries(catalog):
        name = describe(key(message))
        forms = message.string if message.pluralizable else (message.string,)
        if message.fuzzy:
            problems.append(f"{name}: marked fuzzy")
        if message.pluralizable and len(forms) != catalog.num_plurals:
            problems.append(f"{name}: has {len(forms)} plural forms, expected 1")
        if not all(forms):
            problems.append(f"{name}: not translated")
            continue
        if not message.python_format:
            continue
        sources = message.id if message.pluralizable else (message.id,)
        expected = set().union(*map(placeholders, sources))
        for form in forms:
            if placeholders(form) != expected:
                found, wanted = sorted(placeholders(form)), sorted(expected)
                problems.append(f"{name}: {form!r} has {found}, expected {wanted}")
            if stray_percent(form):
                problems.append(f"{name}: {form!r} has a lone %; write %% instead")
    report = "\n".join(problems)
    assert not problems, f"Problems in {PO_FILE.relative_to(ROOT)}:\n{report}"


def test_catalogue_matches_the_strings_in_the_code(tmp_path):
    """Extract the strings as `make messages` does and compare them with the catalogue."""
    template = tmp_path / f"{DOMAIN}.pot"
    command = [sys.executable, "-m", "babel.messages.frontend", "--quiet", "extract"]
    command += ["--mapping", "babel.cfg", "--no-location", "--sort-output"]
    for keyword in EXTRACT_KEYWORDS:
        command += ["--keywords", keyword]
    command += ["--project", "Producer Academy", "--output", str(template), "."]
    result = subprocess.run(
        command,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"pybabel extract failed:\n{result.stderr}"

    in_code = {key(message) for message in entries(load_catalog(template))}
    in_catalogue = {key(message) for message in entries(load_catalog(PO_FILE))}
    missing = sorted(map(describe, in_code - in_catalogue))
    extra = sorted(map(describe, in_catalogue - in_code))
    assert not missing and not extra, (
        f"{PO_FILE.relative_to(ROOT)} is stale: run `make messages`, then "
        "translate the new strings.\nIn the code but not in the catalogue:\n  "
        + ("\n  ".join(missing) or "(none)")
        + "\nIn the catalogue but no longer in the code:\n  "
        + ("\n  ".join(extra) or "(none)")
    )


def test_compiled_catalogue_translates_to_chinese():
    """Load the compiled catalogue and check it returns the Chinese of every message."""
    mo_file = MO_FILE.relative_to(ROOT)
    assert MO_FILE.is_file(), f"{mo_file} is missing: run `make translations`"
    translations = Translations.load(str(TRANSLATIONS), [LOCALE], DOMAIN)
    assert isinstance(translations, Translations), "run `make translations`"

    log_in = translations.gettext("Log in")
    assert log_in != "Log in"
    assert CJK.search(log_in), f"'Log in' is translated as {log_in!r}, not Chinese"

    stale = []
    for message in entries(load_catalog(PO_FILE)):
        wanted = message.string[0] if message.pluralizable else message.string
        if message.fuzzy or not wanted:
            continue  # the untranslated-message test reports these
        for count in (1, 2) if message.pluralizable else (1,):
            got = lookup(translations, message, count)
            if got != wanted:
                stale.append(f"{describe(key(message))} (n={count}) gives {got!r}")
    report = "\n".join(stale)
    assert not stale, f"{mo_file} is out of date: run `make translations`.\n{report}"

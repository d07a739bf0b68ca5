"""Build the templates trainers hand out: one XLSX or DOCX per spec and language.

Reads ``templates/<course-slug>/<name>.yml`` and writes
``courses/<course-slug>/files/<name>.<lang>.xlsx|docx``. See templates/README.md for
the spec's shape. The output is byte-for-byte the same on every run, so re-running
changes nothing that git would see::

    python templates/build.py           # write what changed
    python templates/build.py --check   # exit 1 if a committed file is out of date
"""

from __future__ import annotations

import argparse
import re
import sys
import zipfile
from io import BytesIO
from pathlib import Path

import yaml
from document import build_document
from sheet import build_sheet
from spec import FIXED_DATE, LANGUAGES, SpecError

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
KINDS = {"sheet": "xlsx", "document": "docx"}
FIXED_TIME = FIXED_DATE.timetuple()[:6]  # of every entry in the files' zips
FIXED_STAMP = FIXED_DATE.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
_CORE_DATE = re.compile(rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")


def load_spec(path: Path) -> dict:
    """Read one spec and check what every template needs."""
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(spec, dict):
        raise SpecError(f"{path}: a spec is a mapping of keys")
    if spec.get("kind") not in KINDS:
        raise SpecError(f"{path}: 'kind' must be one of {', '.join(KINDS)}")
    for key in ("title", "intro"):
        if not isinstance(spec.get(key), dict) or set(spec[key]) != set(LANGUAGES):
            raise SpecError(f"{path}: {key!r} needs one text per language (en, zh)")
    module = spec.get("module")
    course = ROOT / "courses" / path.parent.name
    if not module or not (course / f"{module}.md").is_file():
        raise SpecError(f"{path}: 'module' must name a module of {course.name}, not {module!r}")
    return spec


def deterministic(data: bytes) -> bytes:
    """Rewrite an Office file's zip with fixed times, so the same content gives the same bytes."""
    source = zipfile.ZipFile(BytesIO(data))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _CORE_DATE.sub(rb"\g<1>" + FIXED_STAMP + rb"\g<3>", body)
            entry = zipfile.ZipInfo(info.filename, FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, body)
    return out.getvalue()


def build(spec: dict, language: str) -> bytes:
    """Return the file ``spec`` describes, in ``language``."""
    draw = build_sheet if spec["kind"] == "sheet" else build_document
    return deterministic(draw(spec, language))


def outputs(spec_path: Path, spec: dict) -> dict[Path, str]:
    """Map each file a spec makes to its language."""
    folder = ROOT / "courses" / spec_path.parent.name / "files"
    extension = KINDS[spec["kind"]]
    return {folder / f"{spec_path.stem}.{language}.{extension}": language for language in LANGUAGES}


def spec_paths() -> list[Path]:
    """Return every spec, in a stable order."""
    return sorted(HERE.glob("*/*.yml"))


def main(argv: list[str] | None = None) -> int:
    """Build every spec (or check that the committed files are up to date)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; fail if stale")
    args = parser.parse_args(argv)
    stale = []
    for spec_path in spec_paths():
        try:
            spec = load_spec(spec_path)
            built = {
                path: build(spec, language) for path, language in outputs(spec_path, spec).items()
            }
        except SpecError as exc:
            print(f"{spec_path.relative_to(ROOT)}: {exc}", file=sys.stderr)
            return 2
        for path, data in built.items():
            if path.is_file() and path.read_bytes() == data:
                continue
            stale.append(path)
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
    for path in stale:
        verb = "out of date" if args.check else "wrote"
        print(f"{verb}: {path.relative_to(ROOT)}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())

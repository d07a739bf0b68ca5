"""Serve the academy's static files under fingerprinted names, precompressed, cached for a year.

Templates name a static file through ``static_url("lms.css")``, which gives
``/static/lms.<hash>.css``: the name carries a hash of the file's content, so a browser
may keep it for a year without asking again, and a changed file gets a new URL.

Standalone, :func:`serve_static_files` (called by ``create_app``) puts WhiteNoise in
front of the Flask app. It copies each file under its fingerprinted name into
``instance/static-cache`` with gzip and Brotli versions beside it, once per content, and
WhiteNoise answers those URLs before Flask sees the request. Mounted in a host app, the
blueprint's route :func:`send_static` answers instead: the same names and the same
caching, sent by Flask without precompression.
"""

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app, send_from_directory, url_for
from whitenoise import WhiteNoise
from whitenoise.compress import Compressor

STATIC_FOLDER = Path(__file__).resolve().parent / "static"
CACHE_FOLDER = "static-cache"  # in the instance folder
ONE_YEAR = 365 * 24 * 60 * 60
IMMUTABLE = f"public, max-age={ONE_YEAR}, immutable"
# A name without a fingerprint may change under the same URL: ask again every time
# (a 304 when the ETag or Last-Modified still match).
REVALIDATE = "no-cache"
HASH_LENGTH = 12


@dataclass(frozen=True)
class StaticFiles:
    """The academy's static files: each file's name and its fingerprinted name."""

    folder: Path
    fingerprinted: dict[str, str]  # "lms.css" -> "lms.0123456789ab.css"
    originals: dict[str, str]  # the other way round

    @classmethod
    def scan(cls, folder: Path = STATIC_FOLDER) -> "StaticFiles":
        """Hash every file under ``folder`` (reading it only) and name it after its hash."""
        fingerprinted = {}
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                name = path.relative_to(folder).as_posix()
                fingerprinted[name] = fingerprinted_name(name, path.read_bytes())
        originals = {new: old for old, new in fingerprinted.items()}
        return cls(folder=folder, fingerprinted=fingerprinted, originals=originals)


def fingerprinted_name(name: str, content: bytes) -> str:
    """Return ``name`` with a hash of ``content`` before its extension: ``lms.<hash>.css``."""
    digest = hashlib.sha256(content).hexdigest()[:HASH_LENGTH]
    folder, _, filename = name.rpartition("/")
    stem, dot, extension = filename.partition(".")
    renamed = f"{stem}.{digest}{dot}{extension}"
    return f"{folder}/{renamed}" if folder else renamed


def static_url(filename: str) -> str:
    """Return the URL of the academy's static file ``filename``, under its fingerprinted name."""
    files: StaticFiles = current_app.extensions["lms"].static_files
    return url_for("lms.static", filename=files.fingerprinted.get(filename, filename))


def send_static(filename: str):
    """Send a static file through Flask: a fingerprinted name for a year, a plain one revalidated.

    Standalone, WhiteNoise answers first and only a name it does not hold gets here;
    in a host app this route serves every static file.
    """
    files: StaticFiles = current_app.extensions["lms"].static_files
    original = files.originals.get(filename)
    response = send_from_directory(files.folder, original or filename)
    response.headers["Cache-Control"] = IMMUTABLE if original else REVALIDATE
    return response


def precompress(files: StaticFiles, cache: Path) -> None:
    """Copy each file into ``cache`` under its fingerprinted name, with its .gz and .br beside it.

    A fingerprinted file already there is complete (its name is its content), so the
    work is done once per new content. Each file is made in a scratch folder and moved
    in, its compressed versions first, so that a worker starting at the same moment
    sees a file whole with its versions, or not at all.
    """
    compressor = Compressor(quiet=True)
    for name, fingerprinted in files.fingerprinted.items():
        target = cache / fingerprinted
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=cache.parent, prefix=".static-") as scratch:
            copy = Path(scratch) / target.name
            shutil.copy2(files.folder / name, copy)
            versions = compressor.compress(str(copy)) if compressor.should_compress(name) else []
            for version in versions:
                os.replace(version, target.parent / Path(version).name)
            os.replace(copy, target)


def serve_static_files(app: Flask) -> None:
    """Put WhiteNoise in front of the standalone ``app`` for the academy's static files."""
    state = app.extensions["lms"]
    cache = Path(app.instance_path) / CACHE_FOLDER
    cache.mkdir(parents=True, exist_ok=True)
    precompress(state.static_files, cache)

    def add_headers(headers, path: str, _url: str) -> None:
        fingerprinted = Path(path).is_relative_to(cache)
        headers["Cache-Control"] = IMMUTABLE if fingerprinted else REVALIDATE
        headers["X-Content-Type-Options"] = "nosniff"

    static = WhiteNoise(app.wsgi_app, allow_all_origins=False, add_headers_function=add_headers)
    prefix = f"{state.url_prefix}/static/"
    static.add_files(str(cache), prefix)
    static.add_files(str(state.static_files.folder), prefix)
    app.wsgi_app = static

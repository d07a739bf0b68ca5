"""Send a file a module offers, as a download, to those who may read the module."""

from io import BytesIO
from pathlib import PurePosixPath
from urllib.parse import quote

from flask import send_file

from ..capabilities import LEARN
from ..permissions import lms_user, require
from .blueprint import bp
from .loaders import load_download

# Only enrolled learners may have a module's files, so no shared cache keeps them; the
# browser asks again each time with the ETag and gets a 304 while the file is the same.
DOWNLOAD_CACHE = "private, no-cache"
# Should a browser open a file rather than save it, it still runs nothing from it.
DOWNLOAD_POLICY = "default-src 'none'; sandbox"


@bp.get("/courses/<slug>/modules/<module_slug>/files/<filename>")
@require(LEARN)
def download(slug: str, module_slug: str, filename: str):
    """Send the module's file ``filename`` with its type, its name and its ETag."""
    file = load_download(slug, module_slug, filename, lms_user())
    response = send_file(
        BytesIO(file.data),
        mimetype=file.content_type,
        as_attachment=True,
        download_name=file.filename,
        etag=file.sha256,
        last_modified=file.updated_at,
        max_age=None,
    )
    response.headers["Cache-Control"] = DOWNLOAD_CACHE
    response.headers["Content-Security-Policy"] = DOWNLOAD_POLICY
    if not file.filename.isascii():
        # Browsers use filename*; the rare one that cannot still gets a usable name, not the
        # bare ".docx" that dropping the Chinese characters would leave.
        fallback = "download" + PurePosixPath(file.filename).suffix
        response.headers["Content-Disposition"] = (
            f"attachment; filename={fallback}; filename*=UTF-8''{quote(file.filename)}"
        )
    return response

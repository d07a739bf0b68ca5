"""Send a course's cover picture, with caching, as an image that can run nothing."""

from flask import Response, redirect, request

from ..curriculum.covers import cover_of
from ..static_files import static_url
from .blueprint import bp
from .loaders import load_course

# A cover is opened as a picture, never as a page; should someone open its URL, an SVG
# still runs no script and loads nothing.
COVER_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
# Covers change only when a course is imported again: browsers keep one for a day, then ask
# again with its ETag and get a 304 while it is the same.
COVER_CACHE = "public, max-age=86400"
DEFAULT_COVER = "cover.svg"  # in lms/static: for a course without a picture of its own


@bp.get("/courses/<slug>/cover")
def cover(slug: str):
    """Send the course's cover, or send the browser to the academy's default one."""
    course = load_course(slug)
    stored = cover_of(course)
    if stored is None:
        return redirect(static_url(DEFAULT_COVER))
    response = Response(stored.data, mimetype=stored.content_type)
    response.set_etag(stored.digest)
    response.last_modified = stored.updated_at
    response.headers["Cache-Control"] = (
        COVER_CACHE if course.status == "published" else "private, no-cache"
    )
    response.headers["Content-Security-Policy"] = COVER_POLICY
    response.headers["Content-Disposition"] = f'inline; filename="{stored.filename}"'
    return response.make_conditional(request)

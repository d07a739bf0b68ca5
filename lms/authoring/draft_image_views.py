"""Send a course's pictures to its trainers, for the editor's preview of a draft."""

from flask import abort, request

from ..capabilities import RUN_COURSES
from ..learn.images import image_file, send_image
from ..permissions import require
from .blueprint import bp
from .loaders import load_course


@bp.get("/courses/<slug>/modules/<int:module_id>/images/<name>")
@require(RUN_COURSES)
def draft_image(slug: str, module_id: int, name: str):
    """Send picture ``name`` of the course; the editor's preview names it ``images/<name>``."""
    load_course(slug)
    original = request.args.get("size") == "original"
    image = image_file(slug, name, None, original, published=False)
    if image is None:
        abort(404)
    return send_image(image, original)

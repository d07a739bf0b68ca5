"""Send a course's pictures to those who may read its modules."""

from flask import abort, request

from ..capabilities import LEARN
from ..permissions import lms_user, require
from . import services
from .blueprint import bp
from .images import image_file, send_image


@bp.get("/courses/<slug>/modules/images/<name>")
@require(LEARN)
def course_image(slug: str, name: str):
    """Send picture ``name`` at phone width (``?size=original``: as uploaded).

    Module pages name it ``images/<name>``, relative to themselves, so it resolves here
    wherever the academy is mounted.
    """
    user = lms_user()
    original = request.args.get("size") == "original"
    image = image_file(slug, name, user.id, original)
    if image is None or not image.enrolled:
        abort(404)
    if not services.may_see_course(image.course_status, user, enrolled=True):
        abort(404)
    return send_image(image, original)

"""Show the glossary: the curriculum's terms in both languages, filtered by course if asked."""

from flask import render_template, request

from ..locale import content_language
from . import services
from .blueprint import bp


@bp.get("/glossary")
def glossary():
    """List the terms by first letter; ``?course=slug`` keeps that course's terms."""
    page = services.glossary_page(content_language(), request.args.get("course") or None)
    return render_template("lms/glossary/index.html", page=page)

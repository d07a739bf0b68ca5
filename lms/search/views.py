"""Show the search page: a box, and the courses and modules that match, 20 to a page."""

from flask import render_template, request

from ..locale import content_language
from ..rules import RuleError
from . import services
from .blueprint import bp


@bp.get("/search")
def search():
    """Search the published courses and modules; anyone may, as anyone reads the catalogue.

    Without ``q`` the page offers the box alone; a bad ``q`` gets the reason instead of
    results (too long: 400).
    """
    query = request.args.get("q")
    page = request.args.get("page", 1, type=int)
    if query is None:
        return render_template("lms/search/results.html", query="", results=None, error=None)
    try:
        results = services.search(query, content_language(), page)
    except RuleError as error:
        status = 400 if len(query) > services.MAX_QUERY_LENGTH else 200
        return render_template(
            "lms/search/results.html", query=query, results=None, error=error
        ), status
    return render_template("lms/search/results.html", query=query, results=results, error=None)

"""Show the catalogue, a course, a module, and the learner's own dashboard."""

from flask import flash, redirect, render_template, url_for

from ..capabilities import LEARN
from ..extensions import db
from ..forms import action_confirmed
from ..i18n import gettext as _
from ..locale import content_language
from ..models import Course, Module
from ..permissions import lms_user, require
from ..rules import RuleError
from ..settings import issuer_name
from . import services
from .blueprint import bp
from .catalogue import catalogue, enrolled_courses
from .loaders import load_course, load_course_outline, load_module, load_module_page


@bp.get("/")
def catalog():
    """List the published courses, with the learner's progress where enrolled."""
    user = lms_user()
    entries = catalogue(content_language(), user.id if user else None)
    return render_template("lms/learn/catalog.html", courses=entries)


@bp.get("/courses/<slug>")
def course(slug: str):
    """Show a course's summary and outline, and the learner's place in it."""
    user = lms_user()
    outline = load_course_outline(slug, user)
    return render_template("lms/learn/course.html", course=outline)


@bp.post("/courses/<slug>/enrol")
@require(LEARN)
def enrol(slug: str):
    """Enrol the learner and open the first module."""
    course = load_course(slug)
    if action_confirmed():
        services.enrol(lms_user(), course)
        db.session.commit()
        modules = services.active_modules(course)
        if modules:
            return redirect(url_for(".module", slug=slug, module_slug=modules[0].slug))
    return redirect(url_for(".course", slug=slug))


def _neighbours(course: Course, module: Module) -> tuple[int, list[Module]]:
    """Return the module's index in the course outline, and the outline."""
    outline = services.active_modules(course)
    return outline.index(module), outline


@bp.get("/courses/<slug>/modules/<module_slug>")
@require(LEARN)
def module(slug: str, module_slug: str):
    """Show a module with previous/next links and the learner's progress."""
    user = lms_user()
    page = load_module_page(slug, module_slug, user)
    if not page.course.enrolled:
        flash(_("Enrol in the course to read its modules."), "info")
        return redirect(url_for(".course", slug=slug))
    # Drawn before the commit, which would expire the user the page names; the view is
    # recorded last, so the write holds SQLite's lock for one statement only.
    html = render_template("lms/learn/module.html", page=page)
    services.record_view(user, page.module.id)
    db.session.commit()
    return html


@bp.post("/courses/<slug>/modules/<module_slug>/complete")
@require(LEARN)
def complete(slug: str, module_slug: str):
    """Mark a module done, then go on to the next one (or back to the course)."""
    course = load_course(slug)
    module = load_module(course, module_slug)
    user = lms_user()
    if services.enrolment_for(user, course) is None or not action_confirmed():
        return redirect(url_for(".course", slug=slug))
    try:
        completed_course = services.mark_done(user, module, issuer_name())
    except RuleError as error:
        flash(str(error), "info")
        return redirect(url_for(".module", slug=slug, module_slug=module_slug))
    db.session.commit()
    if completed_course:
        flash(_("Congratulations! You have completed this course."), "success")
        return redirect(url_for(".course", slug=slug))
    index, outline = _neighbours(course, module)
    if index + 1 < len(outline):
        return redirect(url_for(".module", slug=slug, module_slug=outline[index + 1].slug))
    return redirect(url_for(".course", slug=slug))


@bp.get("/dashboard")
@require(LEARN)
def dashboard():
    """Show the learner's courses: what is finished and what is left, as a percentage."""
    courses = enrolled_courses(content_language(), lms_user().id)
    return render_template("lms/learn/dashboard.html", courses=courses)

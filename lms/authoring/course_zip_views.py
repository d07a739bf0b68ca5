"""Download a course as a ZIP of its folder, and import such a ZIP back.

The service (:mod:`.course_zip`) checks, validates and imports; these views load the
course, check who asks, commit a successful import and say what it changed.
"""

from flask import current_app, flash, redirect, render_template, url_for

from ..capabilities import RUN_COURSES
from ..extensions import db
from ..i18n import gettext as _
from ..i18n import ngettext
from ..permissions import lms_user, require
from . import course_zip
from .blueprint import bp
from .course_forms import CourseZipForm
from .loaders import load_course


@bp.get("/courses/<slug>/download.zip")
@require(RUN_COURSES)
def download_course_zip(slug: str):
    """Send the course and its quizzes as ``<slug>-v<version>.zip``, as learners read it."""
    course = load_course(slug)
    response = current_app.response_class(course_zip.course_zip(course), mimetype="application/zip")
    name = f"{course.slug}-v{course.version}.zip"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "private, no-cache"
    return response


@bp.route("/courses/import", methods=["GET", "POST"])
@require(RUN_COURSES)
def import_course_zip_page():
    """Import the courses of an uploaded ZIP, all or nothing, and say what changed."""
    form = CourseZipForm()
    problems: list[str] = []
    if form.validate_on_submit():
        try:
            upload = form.file.data.read(course_zip.MAX_ZIP_BYTES + 1)
            report = course_zip.import_course_zip(upload, lms_user())
        except course_zip.CourseZipError as error:
            db.session.rollback()
            problems = error.problems
            form.file.errors.append(
                ngettext(
                    "The ZIP has %(num)s problem, so nothing was imported:",
                    "The ZIP has %(num)s problems, so nothing was imported:",
                    len(problems),
                )
            )
        else:
            db.session.commit()
            flash(_summary(report), "success")
            slugs = report.created + report.updated + report.unchanged
            if len(slugs) == 1:
                return redirect(url_for(".course", slug=slugs[0]))
            return redirect(url_for(".index"))
    status = 422 if form.errors else 200
    page = render_template("lms/authoring/course_zip.html", form=form, problems=problems)
    return page, status


def _summary(report) -> str:
    """Say in one sentence what an import created, updated, added, revised and retired."""
    if not report.changed:
        return _("The ZIP matches what is published: nothing was changed.")
    return _(
        "Imported. Courses started: %(created)s, updated: %(updated)s. Modules added: "
        "%(added)s, revised: %(revised)s, retired: %(retired)s. Quizzes added or changed: "
        "%(quizzes)s.",
        created=len(report.created),
        updated=len(report.updated),
        added=len(report.added_modules),
        revised=len(report.revised_modules),
        retired=len(report.retired_modules),
        quizzes=len(report.added_quizzes) + len(report.changed_quizzes),
    )

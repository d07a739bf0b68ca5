"""Show coordinators their SPO's progress, NAPP staff every SPO's, trainers their quizzes."""

from flask import abort, redirect, render_template, url_for

from ..authoring.course_setup import working_title
from ..capabilities import (
    RUN_COURSES,
    VIEW_ALL_PROGRESS,
    VIEW_ORG_PROGRESS,
    can,
    run_course_ids,
    visible_organization_ids,
)
from ..locale import content_language
from ..permissions import lms_user, require
from . import quizzes as quiz_reports
from . import services
from .blueprint import bp
from .loaders import load_organization, load_quiz


@bp.get("/")
@require(VIEW_ORG_PROGRESS)
def overview():
    """List the SPOs the caller may follow; a coordinator goes straight to their own."""
    user = lms_user()
    if not can(user, VIEW_ALL_PROGRESS):
        if user.organization_id is None:
            abort(403)
        return redirect(url_for(".organization", organization_id=user.organization_id))
    summaries = services.organization_summaries(visible_organization_ids(user))
    return render_template("lms/reports/overview.html", summaries=summaries)


@bp.get("/organizations/<int:organization_id>")
@require(VIEW_ORG_PROGRESS)
def organization(organization_id: int):
    """Show each member of one SPO and how far they are in each course."""
    organization = load_organization(organization_id)
    return render_template(
        "lms/reports/organization.html",
        organization=organization,
        members=services.member_reports(organization),
    )


@bp.get("/quizzes")
@require(RUN_COURSES)
def quizzes():
    """List the quizzes of the courses the caller runs, with attempts and pass rates."""
    summaries = quiz_reports.quiz_summaries(run_course_ids(lms_user()))
    return render_template("lms/reports/quizzes.html", summaries=summaries)


@bp.get("/quizzes/<int:quiz_id>")
@require(RUN_COURSES)
def quiz(quiz_id: int):
    """Show how learners did on one quiz, question by question."""
    quiz = load_quiz(quiz_id)
    report = quiz_reports.quiz_report(quiz, content_language())
    title = working_title(quiz.module, content_language())
    return render_template("lms/reports/quiz.html", quiz=quiz, report=report, module_title=title)

"""Expose every LMS model; importing this module registers them all on ``Base``."""

from .attachment import ModuleAttachment
from .audit import AuditEvent
from .base import Base, utcnow
from .certificate import Certificate
from .cohort import Cohort, CohortMember, cohort_course
from .course import (
    COURSE_STATUSES,
    Course,
    CourseText,
    CourseTrainer,
    Module,
    ModuleRevision,
    ModuleText,
    course_order,
)
from .cover import CourseCover
from .draft import REVIEW_STATES, CourseReview, ModuleDraft, ModuleDraftText
from .glossary import GlossaryTerm, GlossaryTermCourse
from .guide import CourseGuide
from .image import CourseImage
from .organization import Organization, new_enrolment_code
from .progress import Enrolment, ModuleProgress
from .quiz import (
    LAYOUTS,
    REVIEW_OPTIONS,
    Question,
    QuestionRevision,
    Quiz,
    QuizAnswer,
    QuizAttempt,
)
from .report import ReportTally
from .search import SearchEntry
from .user import Role, User

__all__ = [
    "COURSE_STATUSES",
    "AuditEvent",
    "Base",
    "Certificate",
    "Cohort",
    "CohortMember",
    "Course",
    "CourseCover",
    "CourseGuide",
    "CourseImage",
    "CourseReview",
    "CourseText",
    "CourseTrainer",
    "LAYOUTS",
    "Question",
    "QuestionRevision",
    "Quiz",
    "QuizAnswer",
    "QuizAttempt",
    "REVIEW_OPTIONS",
    "REVIEW_STATES",
    "Enrolment",
    "GlossaryTerm",
    "GlossaryTermCourse",
    "Module",
    "ModuleAttachment",
    "ModuleDraft",
    "ModuleDraftText",
    "ModuleProgress",
    "ModuleRevision",
    "ModuleText",
    "Organization",
    "ReportTally",
    "Role",
    "SearchEntry",
    "User",
    "new_enrolment_code",
    "cohort_course",
    "course_order",
    "utcnow",
]

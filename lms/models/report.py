"""Model the report summary: what each SPO's members did in each course, month by month.

The database keeps it: triggers made by migration 0012 add and take away a row's
share in the same transaction as the enrolment, module progress or certificate it
counts, and move a learner's shares when they change SPO. Nothing in Python writes it
except :func:`lms.reports.tallies.recount`, so no code path can leave it stale.
"""

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class ReportTally(Base):
    """Counts for one SPO, one course and one calendar month (UTC, ``YYYY-MM``).

    ``enrolled`` counts enrolments made that month and ``completed`` courses completed
    that month; ``modules_completed`` counts the course's modules completed that month
    and ``certificates`` the certificates issued that month and not revoked. A learner
    is counted in the SPO they belong to now; people without an SPO are not counted.
    """

    __tablename__ = "lms_report_tally"

    organization_id: Mapped[int] = mapped_column(
        ForeignKey("lms_organization.id", ondelete="CASCADE"), primary_key=True
    )
    course_id: Mapped[int] = mapped_column(
        ForeignKey("lms_course.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    enrolled: Mapped[int] = mapped_column(default=0, server_default="0")
    completed: Mapped[int] = mapped_column(default=0, server_default="0")
    modules_completed: Mapped[int] = mapped_column(default=0, server_default="0")
    certificates: Mapped[int] = mapped_column(default=0, server_default="0")

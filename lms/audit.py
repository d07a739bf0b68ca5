"""Record admin actions and content changes in the audit trail."""

from .extensions import db
from .models import AuditEvent, Course, Module, Quiz


def course_id_of(target) -> int | None:
    """Return the id of the course ``target`` belongs to, if it is a piece of content."""
    if isinstance(target, Course):
        return target.id
    if isinstance(target, Module):
        return target.course_id
    if isinstance(target, Quiz):
        return target.module.course_id
    return getattr(target, "course_id", None)


def record(actor, action: str, target, **detail) -> AuditEvent:
    """Add an audit event saying that ``actor`` did ``action`` to ``target``."""
    event = AuditEvent(
        actor_id=getattr(actor, "id", None),
        action=action,
        target_type=type(target).__name__,
        target_id=getattr(target, "id", None),
        course_id=course_id_of(target),
        detail=detail,
    )
    db.session.add(event)
    return event

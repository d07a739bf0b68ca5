"""Record admin actions and content changes in the audit trail."""

from .extensions import db
from .models import AuditEvent


def record(actor, action: str, target, **detail) -> AuditEvent:
    """Add an audit event saying that ``actor`` did ``action`` to ``target``."""
    event = AuditEvent(
        actor_id=getattr(actor, "id", None),
        action=action,
        target_type=type(target).__name__,
        target_id=getattr(target, "id", None),
        detail=detail,
    )
    db.session.add(event)
    return event

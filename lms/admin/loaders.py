"""Load what an administrator's URL names: 404 when it does not exist.

The area's pages are for administrators only (``require`` on each view), so there is
no per-object permission to check beyond that.
"""

from ..extensions import db
from ..models import Organization, User


def load_organization(organization_id: int) -> Organization:
    """Return the SPO with ``organization_id``, else answer 404."""
    return db.get_or_404(Organization, organization_id)


def load_user(user_id: int) -> User:
    """Return the account with ``user_id``, else answer 404."""
    return db.get_or_404(User, user_id)

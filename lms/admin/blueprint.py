"""Create the ``admin`` area's blueprint; its view modules import it and add routes.

The area: NAPP staff's pages: SPOs, users and roles.
"""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

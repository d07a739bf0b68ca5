"""Create the ``certificates`` area's blueprint; its view modules import it and add routes.

The area: learners' certificates, staff lists and revocation, public verification.
"""

from flask import Blueprint

bp = Blueprint("certificates", __name__)

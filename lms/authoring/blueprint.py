"""Create the ``authoring`` area's blueprint; its view modules import it and add routes.

The area: writing the courses a trainer runs: quiz settings, GIFT, answer keys, trainers.
"""

from flask import Blueprint

bp = Blueprint("authoring", __name__, url_prefix="/manage")

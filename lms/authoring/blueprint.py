"""Create the ``authoring`` area's blueprint; its view modules import it and add routes.

The area: trainers' pages for the courses they run: quiz settings, GIFT, answer keys.
"""

from flask import Blueprint

bp = Blueprint("authoring", __name__, url_prefix="/manage")

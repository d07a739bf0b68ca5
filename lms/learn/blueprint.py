"""Create the ``learn`` area's blueprint; its view modules import it and add routes.

The area: the catalogue, courses, modules and the learner's dashboard.
"""

from flask import Blueprint

bp = Blueprint("learn", __name__)

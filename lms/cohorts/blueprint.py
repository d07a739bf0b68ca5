"""Create the ``cohorts`` area's blueprint; its view modules import it and add routes.

The area: training events: their trainers, courses and members.
"""

from flask import Blueprint

bp = Blueprint("cohorts", __name__, url_prefix="/cohorts")

"""Create the ``reports`` area's blueprint; its view modules import it and add routes.

The area: progress across SPOs and quiz statistics.
"""

from flask import Blueprint

bp = Blueprint("reports", __name__, url_prefix="/reports")

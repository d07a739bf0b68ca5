"""Create the ``quiz`` area's blueprint; its view modules import it and add routes.

The area: taking a module's quiz: attempts, pages of questions, results.
"""

from flask import Blueprint

bp = Blueprint("quiz", __name__)

"""Create the ``search`` area's blueprint; its views module imports it and adds routes.

The area: the search page over published courses and modules.
"""

from flask import Blueprint

bp = Blueprint("search", __name__)

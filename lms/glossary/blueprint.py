"""Create the ``glossary`` area's blueprint; its views module imports it and adds routes.

The area: the glossary page, public like the catalogue.
"""

from flask import Blueprint

bp = Blueprint("glossary", __name__)

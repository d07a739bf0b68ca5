"""Create the ``auth`` area's blueprint; its view modules import it and add routes.

The area: logging in and out, signing up, the account page and the language switch.
"""

from flask import Blueprint

bp = Blueprint("auth", __name__)

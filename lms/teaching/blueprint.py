"""Create the ``teaching`` area's blueprint; its view module imports it and adds routes.

The area: running the courses a trainer teaches: the attempts at their quizzes,
essays to mark, the learners of a course and completion recorded for them. It
shares the ``/manage`` prefix with authoring, so the trainer's URLs read as one place.
"""

from flask import Blueprint

bp = Blueprint("teaching", __name__, url_prefix="/manage")

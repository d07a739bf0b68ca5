"""The yardstick of ``bench_http.py``: a bare Flask app that answers "Hello, World!".

Served by the same gunicorn setting as the academy (``gunicorn --chdir bench hello:app``),
it shows what the stack costs before the academy does any work.
"""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    """Answer with the smallest page Flask can serve."""
    return "Hello, World!"

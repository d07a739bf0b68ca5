"""Re-export the request helpers of conftest for test modules to import."""

from .conftest import COURSES, PASSWORD, csrf_token, login, post

__all__ = ["COURSES", "PASSWORD", "csrf_token", "login", "post"]

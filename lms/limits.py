"""Set up the academy's rate limits so that a request pays for them only where a view has one.

Flask-Limiter's ``init_app`` adds three hooks to every request of the application: a
check before it, a hook after it (where a failed login is counted, ``deduct_when``) and
a teardown. Flask-Limiter 4 has no setting that leaves them out while keeping the
decorators working, and the academy sets no default or application-wide limit: every
limit is a decorator on a view (logging in, verifying a certificate), which checks its
limits itself when the view runs. So :func:`init_limiter` lets Flask-Limiter register
its hooks and then runs each one only for an endpoint whose view carries a limit; any
other request pays one set lookup.
"""

from flask import Flask, request
from flask_limiter.util import get_qualified_name

from .extensions import limiter


def init_limiter(app: Flask) -> None:
    """Initialise the academy's limiter on ``app``, its request hooks only for limited views.

    Call it once every academy view is registered: the limited endpoints are found then.
    """
    registries = (app.before_request_funcs, app.after_request_funcs, app.teardown_request_funcs)
    kept = [list(registry.get(None, ())) for registry in registries]
    limiter.init_app(app)
    limited = limited_endpoints(app)
    for registry, earlier in zip(registries, kept, strict=True):
        hooks = registry.get(None, [])
        registry[None] = [hook if hook in earlier else only_for(limited, hook) for hook in hooks]


def limited_endpoints(app: Flask) -> frozenset[str]:
    """Return the endpoints of ``app`` whose view carries a limit of the academy's limiter."""
    with app.app_context():  # a limit may read its rate from the configuration
        return frozenset(
            endpoint
            for endpoint, view in app.view_functions.items()
            if limiter.limit_manager.decorated_limits(get_qualified_name(view))
        )


def only_for(endpoints: frozenset[str], hook):
    """Return ``hook`` run only for a request to one of ``endpoints``; others pass it by."""

    def limited_only(*args):
        if request.endpoint in endpoints:
            return hook(*args)
        return args[0] if args else None  # an after_request hook hands back the response

    return limited_only

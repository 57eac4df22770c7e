"""The console's blueprint, its CSRF protection and what every page is rendered with."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, render_template, request
from flask_wtf.csrf import CSRFProtect

from mockads.domain import errors
from mockads.domain.clock import format_time
from mockads.schemas.body import parameter_problem

__all__ = ["PREFIX", "console", "csrf", "page", "store"]

PREFIX = "/console"
console = Blueprint(
    "console",
    __name__,
    url_prefix=PREFIX,
    template_folder="templates",
    static_folder="static",
    static_url_path="/static",
)
#: Checked on the console's own forms only (`before_request` below): the API and the control
#: plane take no cookies, so cross-site requests cannot act through them.
csrf = CSRFProtect()


@console.before_request
def _protect_forms() -> None:
    """Forms carry their CSRF token, and no field holds text the store cannot keep (NUL,
    unpaired surrogates), as the API refuses it too."""
    for source in (request.args, request.form):
        for name, value in source.items(multi=True):
            if (found := parameter_problem({name: value})) is not None:
                raise errors.InvalidParameter(*found)
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        csrf.protect()


@console.errorhandler(errors.MockadsError)
def _refused(error: errors.MockadsError) -> tuple[str, int]:
    """A page for what the console cannot show: unknown here (404), or refused (400)."""
    status = 404 if isinstance(error, errors.NotFound) else 400
    return page("refused.html", message=error.message, status=status), status


def store() -> Any:
    """The app's store."""
    return current_app.extensions["mockads"].store


def page(template: str, **context: Any) -> str:
    """A console page: `template` under `console/`, with the time helpers every page uses."""
    return render_template(f"console/{template}", time_text=format_time, **context)

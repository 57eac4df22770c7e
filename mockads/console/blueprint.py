"""The console's blueprint, its CSRF protection and what every page is rendered with."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, render_template, request
from flask_wtf.csrf import CSRFProtect

from mockads.domain.clock import format_time

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
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        csrf.protect()


def store() -> Any:
    """The app's store."""
    return current_app.extensions["mockads"].store


def page(template: str, **context: Any) -> str:
    """A console page: `template` under `console/`, with the time helpers every page uses."""
    return render_template(f"console/{template}", time_text=format_time, **context)

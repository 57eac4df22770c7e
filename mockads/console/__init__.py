"""The training console: Ads Manager's Spark flows and the creator's phone, in a browser.

Server-rendered pages (Jinja2) calling the same services as the API, never the API itself.
"""

from mockads.console import auth, campaigns, phone, spark_posts, trainer  # noqa: F401  (their routes join the blueprint)
from mockads.console.blueprint import PREFIX, console, csrf
from mockads.console.consent import portal
from mockads.console.sessions import ConsoleSessionInterface

__all__ = ["PREFIX", "ConsoleSessionInterface", "console", "csrf", "portal"]

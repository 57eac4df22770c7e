"""The control plane (`/_mockads/v1`): health, sandboxes, clocks; later the creator app."""

from mockads.control.blueprint import control

__all__ = ["control"]

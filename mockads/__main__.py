"""`python -m mockads` runs the command-line interface."""

from mockads.cli import main

main()

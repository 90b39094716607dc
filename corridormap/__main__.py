"""Run the command line as ``python -m corridormap``."""

from .cli import main

main(prog_name="corridormap")

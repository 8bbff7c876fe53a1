"""`python build.py ARGS` is `vnu-site ARGS`; with no arguments it builds the bundled bulletin."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from vnu_site.__main__ import main

if __name__ == "__main__":
    arguments = sys.argv[1:]
    if not arguments or (arguments[0].startswith("-") and arguments[0] not in ("--help", "-h", "--version")):
        arguments = ["build", *arguments]
    sys.exit(main(arguments))

"""Allow ``python -m game`` to behave exactly like the ``budapest56`` command."""

import sys

from game.cli import main

sys.exit(main())

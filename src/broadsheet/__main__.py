"""``python -m broadsheet``: the same as the ``broadsheet`` command."""

import sys

from broadsheet.cli import main

sys.exit(main())

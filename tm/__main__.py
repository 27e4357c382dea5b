"""``python -m tm`` runs the tmkit command line."""

import sys

from tm.cli import main

sys.exit(main())

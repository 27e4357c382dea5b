"""Lets the TM tests import the synthetic pair builder that lives beside them."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

"""``python -m itu_governance``: the same as the ``itu-governance`` command."""

from __future__ import annotations

import sys

from itu_governance.cli import main

sys.exit(main())

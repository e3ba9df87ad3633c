"""`python -m coopkg`: the same as the `coopkg` command."""

import sys

from coopkg.cli.main import main

sys.exit(main())

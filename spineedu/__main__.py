import sys

from spineedu.cli import main

sys.exit(main())

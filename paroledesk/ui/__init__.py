"""The PySide6 desktop app. Shows what `paroledesk.case` and `paroledesk.packet` compute;
holds no business rules of its own. Entry point: `paroledesk.ui.app.run_app`."""

import sys

from .pyside_refcount import make_singletons_immortal

make_singletons_immortal()  # before any Qt callback can drop a reference (see the module)

# Painting a view calls Python (model data, flags) hundreds of times, and each call must win
# the GIL back from a busy export or readiness thread. At the default 5 ms switch interval a
# repaint during an export froze the window for most of a second; at 1 ms it stays fluid.
sys.setswitchinterval(0.001)

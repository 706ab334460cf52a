"""The PySide6 desktop app. Shows what `paroledesk.case` and `paroledesk.packet` compute;
holds no business rules of its own. Entry point: `paroledesk.ui.app.run_app`."""

from .pyside_refcount import make_singletons_immortal

make_singletons_immortal()  # before any Qt callback can drop a reference (see the module)

"""Opening and starting cases: the start screen, Open, New, and one window per case."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from ..case import CaseError, CaseFolder, NotACaseError
from ..case.office_profile import apply_office_profile
from .about import AboutDialog
from .dialogs import confirm, show_error
from .main_window import MainWindow
from .new_case_dialog import NewCaseDialog
from .recent import recent_cases, remember_case
from .start_screen import StartScreen


class Launcher:
    def __init__(self) -> None:
        self.windows: dict[Path, MainWindow] = {}
        self.start_screen: StartScreen | None = None

    def show_start(self) -> None:
        if self.start_screen is None:
            self.start_screen = StartScreen(recent_cases(), self.open_case, lambda: self.open_case_dialog(None),
                                            lambda: self.new_case_dialog(None), lambda: self.show_about(None))
        self.start_screen.show()
        self.start_screen.raise_()

    def _close_start(self) -> None:
        if self.start_screen is not None:
            self.start_screen.close()
            self.start_screen.deleteLater()
            self.start_screen = None

    # -- AppActions ------------------------------------------------------------------------

    def open_case_dialog(self, parent: QWidget | None) -> None:
        chosen = QFileDialog.getExistingDirectory(parent or self.start_screen, "Open Case Folder", str(Path.home()))
        if chosen:
            self.open_case(Path(chosen), parent)

    def new_case_dialog(self, parent: QWidget | None, folder: Path | None = None) -> MainWindow | None:
        dialog = NewCaseDialog(parent or self.start_screen, folder)
        if not dialog.exec():
            return None
        try:
            created = CaseFolder.create(dialog.chosen_folder(), dialog.chosen_category(),
                                        beneficiary_name=dialog.beneficiary_name())
        except CaseError as exc:
            show_error(parent or self.start_screen, "Could not start the case", exc.message)
            return None
        try:
            if dialog.use_office.isChecked():
                apply_office_profile(created)
        except CaseError as exc:  # the case is started; only the attorney's facts are missing
            show_error(parent or self.start_screen, "The office's attorney was not filled in", exc.message)
        return self._show(created)

    def show_about(self, parent: QWidget | None) -> None:
        AboutDialog(parent or self.start_screen).exec()

    def case_closed(self, window: MainWindow) -> None:
        self.windows = {root: w for root, w in self.windows.items() if w is not window}
        if getattr(window, "back_to_start", False) and not self.windows:
            self.show_start()  # shown before the window goes, so the app does not quit

    # -- opening ---------------------------------------------------------------------------

    def open_case(self, root: Path, parent: QWidget | None = None) -> MainWindow | None:
        """Open `root` in a window; offer to start a case when it has no case.json."""
        key = root.resolve()
        if key in self.windows:
            self.windows[key].raise_()
            self.windows[key].activateWindow()
            return self.windows[key]
        owner = parent or self.start_screen
        try:
            folder = CaseFolder.open(root, fall_back_to_read_only=True)
        except NotACaseError:
            if confirm(owner, "Not a case yet", f"{root} has no ParoleDesk case yet. Start a case in this folder? "
                       "Files already in it will be listed as unfiled records; nothing is moved or copied.",
                       yes="Start a Case Here", no="Cancel"):
                return self.new_case_dialog(parent, folder=root)
            return None
        except CaseError as exc:
            show_error(owner, "Could not open the case", exc.message)
            return None
        return self._show(folder)

    def _show(self, folder: CaseFolder) -> MainWindow:
        window = MainWindow(folder, self)
        self.windows[folder.root.resolve()] = window
        remember_case(folder.root)
        window.show()
        self._close_start()
        return window

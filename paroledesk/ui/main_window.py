"""One open case: checklist on the left, the selected item, facts and statement on the right,
readiness below. Opening it does no file work on the UI thread; checks follow in the background."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (QLabel, QMainWindow, QSplitter, QTabWidget, QToolBar, QVBoxLayout, QWidget)

from ..case import CaseFolder, Problem, Stage
from ..case.readiness import SIGNATURE
from ..case.status import required_progress
from .banner import Banner
from .checklist_model import ChecklistModel
from .checklist_view import ChecklistView
from .dialogs import confirm
from .export_flow import ExportFlow
from .facts_form import FactsForm
from .history_tab import HistoryTab
from .item_panel import ItemPanel
from .lazy_tab import LazyTab
from .readiness_panel import ReadinessPanel
from .readiness_refresh import CaseCheck, ReadinessRefresh
from .signatures_panel import SignaturesPanel
from .statement_editor import StatementEditor
from .theme import icon
from .undo import CaseEdits
from .unfiled_panel import UnfiledPanel
from .window_state import remember, restore, size_to_screen

TAB_ITEM, TAB_FACTS, TAB_STATEMENT, TAB_SIGNATURES = range(4)


class AppActions(Protocol):
    def open_case_dialog(self, parent: QWidget | None) -> None: ...
    def new_case_dialog(self, parent: QWidget | None) -> None: ...
    def show_about(self, parent: QWidget | None) -> None: ...
    def case_closed(self, window: "MainWindow") -> None: ...


class MainWindow(QMainWindow):
    def __init__(self, folder: CaseFolder, actions: AppActions | None = None, export_to: Path | None = None) -> None:
        super().__init__()
        self.folder, self._actions = folder, actions
        self.back_to_start = False  # Close Case shows the start screen (closing the window quits)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.edits = CaseEdits(folder, self)
        self.edits.failed.connect(self.show_error)
        self.edits.changed.connect(self._case_changed)

        self.readonly_banner = Banner("readonly", closable=False, parent=self)
        if folder.read_only:
            if folder.locked_by:
                self.readonly_banner.show_message(
                    f"Read-only: {folder.locked_by.describe()}. Changes cannot be saved until it is closed there.")
            else:
                self.readonly_banner.show_message(f"Read-only: {folder.read_only_reason or 'opened read-only'}")
        self.error_banner = Banner("error", parent=self)

        self.checklist_model = ChecklistModel(self.edits, self)
        self.checklist = ChecklistView(self.checklist_model, self.edits, self)
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("progressLabel")
        self.progress_label.setAccessibleName("Checklist progress")
        self.unfiled = UnfiledPanel(folder.read_only, self)
        self.unfiled.file_requested.connect(self._file_unfiled)
        self.unfiled.suggestions_accepted.connect(self.edits.file_suggested)
        # Checklist over unfiled files, the line between them draggable: forty scans need room.
        self.left_splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.left_splitter.addWidget(self.checklist)
        self.left_splitter.addWidget(self.unfiled)
        self.left_splitter.setStretchFactor(0, 3)
        self.left_splitter.setStretchFactor(1, 2)
        self.left_splitter.setChildrenCollapsible(False)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.progress_label)
        left_layout.addWidget(self.left_splitter, 1)

        self.item_panel = ItemPanel(self.edits, self)
        self._facts_tab: LazyTab[FactsForm] = LazyTab(lambda parent: FactsForm(self.edits, parent))
        self._statement_tab: LazyTab[StatementEditor] = LazyTab(lambda parent: StatementEditor(self.edits, parent))
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Case sections")
        self.tabs.addTab(self.item_panel, "Selected &item")
        self.tabs.addTab(self._facts_tab, "Case &facts")
        self.tabs.addTab(self._statement_tab, "&Statement")
        self.signatures = SignaturesPanel(self.edits, self)
        self.tabs.addTab(self.signatures, "Si&gnatures")
        self._history_tab: LazyTab[HistoryTab] = LazyTab(self._build_history)
        self.tabs.addTab(self._history_tab, "&History")
        self.checklist.item_selected.connect(self._item_selected)
        self.item_panel.fact_requested.connect(self.go_to_fact)

        self.readiness = ReadinessPanel(self)
        self.readiness.problem_chosen.connect(self.go_to_problem)
        self.refresh = ReadinessRefresh(self.edits, self)
        self.refresh.started.connect(self.readiness.set_checking)
        self.refresh.checked.connect(self._checked)
        self.refresh.failed.connect(lambda text: self.statusBar().showMessage(f"Could not check the case: {text}"))

        self.export_flow = ExportFlow(self.edits, self, export_to)
        self.export_flow.message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.export_flow.go_to_problem.connect(self.go_to_problem)
        self.signatures.export_requested.connect(self.export_flow.start_signing)

        top = QSplitter(Qt.Orientation.Horizontal, self)
        top.addWidget(left)
        top.addWidget(self.tabs)
        top.setStretchFactor(0, 2)
        top.setStretchFactor(1, 3)
        top.setChildrenCollapsible(False)
        body = QSplitter(Qt.Orientation.Vertical, self)
        body.addWidget(top)
        body.addWidget(self.readiness)
        body.setStretchFactor(0, 4)
        body.setStretchFactor(1, 1)
        body.setChildrenCollapsible(False)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addWidget(self.readonly_banner)
        layout.addWidget(body, 1)
        self.setCentralWidget(central)
        self.error_banner.float_over(body)  # an error appearing does not push the case down
        self._build_menus()
        self._case_changed()
        self.checklist.first_item()
        self._splitters = {"top": top, "body": body, "left": self.left_splitter}
        size_to_screen(self, self._splitters)
        restore(self, self._splitters)  # as the user left it last time, within this screen
        self.refresh.refresh()  # hashes and page checks start once the window is up

    @property
    def facts(self) -> FactsForm:
        return self._facts_tab.content()

    @property
    def statement(self) -> StatementEditor:
        return self._statement_tab.content()

    @property
    def history(self) -> HistoryTab:
        return self._history_tab.content()

    def _build_history(self, parent: QWidget) -> HistoryTab:
        tab = HistoryTab(self.edits, parent)
        tab.reparole_started.connect(self._reparole_started)
        return tab

    def _reparole_started(self, root: Path) -> None:
        self.statusBar().showMessage(f"Started a re-parole case in {root}", 10_000)
        open_case = getattr(self._actions, "open_case", None)  # the launcher opens it in its own window
        if open_case is not None:
            open_case(root, self)

    # -- menus and shortcuts ---------------------------------------------------------------

    def _action(self, text: str, slot: object, shortcut: QKeySequence | str | None = None,
                icon_name: str | None = None) -> QAction:
        action = QAction(icon(icon_name) if icon_name else QIcon(), text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        actions = self._actions
        self.new_action = self._action("&New Case…", lambda: actions and actions.new_case_dialog(self), "Ctrl+N", "new")
        self.open_action = self._action("&Open Case Folder…", lambda: actions and actions.open_case_dialog(self), "Ctrl+O", "open")
        self.export_action = self._action("&Export Packet…", lambda: self.export_flow.choose(), "Ctrl+E", "export")
        self.draft_action = self._action("Export &Draft", lambda: self.export_flow.start(draft=True))
        self.signing_action = self._action("Export &Signing Set…", self.export_flow.start_signing, None, "export")
        self.signing_action.setToolTip("The pages still to be signed by hand, each after a \"Sign here\" sheet")
        self.signing_action.setEnabled(False)  # until the case check says only signatures are missing
        self.close_action = self._action("&Close Case", self.close_case, QKeySequence.StandardKey.Close)
        close = self.close_action
        self.undo_action = self._action("&Undo", self.edits.undo, "Ctrl+Z")
        self.redo_action = self._action("&Redo", self.edits.redo, "Ctrl+Shift+Z")
        stack = self.edits.stack
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        stack.undoTextChanged.connect(lambda t: self.undo_action.setText(f"&Undo {t}" if t else "&Undo"))
        stack.redoTextChanged.connect(lambda t: self.redo_action.setText(f"&Redo {t}" if t else "&Redo"))
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        waive = self._action("&Waive Selected Item…", self.checklist.waive_current)
        add = self._action("&Add Records to Selected Item…", self.item_panel.records.add_files, None, "add")
        about = self._action("&About ParoleDesk", lambda: actions and actions.show_about(self))
        waive.setEnabled(not self.folder.read_only)
        add.setEnabled(not self.folder.read_only)
        # Someone else holds a read-only case: nothing is exported from it here (ExportFlow refuses too).
        self.export_action.setEnabled(not self.folder.read_only)
        self.draft_action.setEnabled(not self.folder.read_only)

        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        for action in (self.new_action, self.open_action, None, self.export_action, self.draft_action,
                       self.signing_action, None, close):
            file_menu.addSeparator() if action is None else file_menu.addAction(action)
        edit_menu = menu.addMenu("&Edit")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        item_menu = menu.addMenu("&Item")
        item_menu.addAction(waive)
        item_menu.addAction(add)
        menu.addMenu("&Help").addAction(about)

        toolbar = QToolBar("Main", self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setMovable(False)
        for action in (self.open_action, self.new_action, self.export_action, self.signing_action):
            toolbar.addAction(action)
        self.addToolBar(toolbar)

    # -- reacting to the case --------------------------------------------------------------

    def _case_changed(self) -> None:
        name = self.folder.case.beneficiary.name.strip() or self.folder.root.name
        # Qt adds " — ParoleDesk" (the application's display name) itself.
        self.setWindowTitle(name)
        done, required = required_progress(self.folder.case, self.folder.category)
        self.progress_label.setText(f"{done} of {required} required items done")
        if self.refresh.last is not None:
            self._show_unfiled(self.refresh.last.unfiled)
        if self.edits.stack.count():
            self.statusBar().showMessage(f"Saved to {self.folder.root / 'case.json'}", 4000)

    def _checked(self, check: CaseCheck) -> None:
        self.checklist_model.set_problems(check.problems)
        self.readiness.set_problems(check.problems)
        self.signatures.set_signatures(check.signatures, check.stage)
        unsigned = self.signatures.unsigned_count()
        self.tabs.setTabText(TAB_SIGNATURES, f"Si&gnatures ({unsigned} to sign)" if unsigned else "Si&gnatures")
        self.signing_action.setEnabled(check.stage is Stage.SIGNING and not self.folder.read_only)
        self.unfiled.set_unlisted(check.unlisted)
        self.item_panel.editor.set_offered(check.own_titles)
        self._show_unfiled(check.unfiled)

    def _show_unfiled(self, scanned: list[str]) -> None:
        known = {r.path for r in self.folder.case.records.values()}
        suggestions = self.refresh.last.suggestions if self.refresh.last is not None else []
        titles = {item.id: item.title for item in self.folder.category.items}
        self.unfiled.set_paths(self.folder.root, [p for p in scanned if p not in known], suggestions, titles)

    def _item_selected(self, item_id: str | None) -> None:
        self.item_panel.show_item(item_id)
        if item_id is not None:
            self.tabs.setCurrentIndex(TAB_ITEM)

    def _file_unfiled(self, paths: list[Path]) -> None:
        item_id = self.checklist.item_id()
        if item_id is None:
            self.show_error("Select a checklist item first, then file the unfiled files under it.")
            return
        self.edits.attach(item_id, paths)

    def go_to_problem(self, problem: Problem) -> None:
        if problem.kind == SIGNATURE and self.signatures.select_problem(problem):
            # A certificate has no checklist item: the Signatures tab is where its scan is attached.
            self.tabs.setCurrentIndex(TAB_SIGNATURES)
        elif problem.item:
            self.checklist.select_item(problem.item)
            self.tabs.setCurrentIndex(TAB_ITEM)
            if problem.record:
                self.item_panel.records.select_record(problem.record)
            self.checklist.setFocus()
        else:
            self.tabs.setCurrentIndex(TAB_FACTS)

    def go_to_fact(self, key: str) -> None:
        """A fact a form still needs: its box in Case facts, focused."""
        self.tabs.setCurrentIndex(TAB_FACTS)
        self.facts.show_fact(key)

    def show_error(self, message: str) -> None:
        self.error_banner.show_message(message)

    # -- closing ---------------------------------------------------------------------------

    def close_case(self) -> None:
        """Close Case: the case window goes and the start screen comes back (the app does not quit)."""
        self.back_to_start = True
        if not self.close():
            self.back_to_start = False

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.export_flow.running:
            if not confirm(self, "Export running", "A packet is being exported. Stop the export and close the case?",
                           yes="Stop and Close", no="Keep Working"):
                event.ignore()
                return
            self.export_flow.cancel()
        self.edits.flush()
        remember(self, self._splitters)
        if self._statement_tab.built:
            self.statement.cleanup()
        self.folder.close()
        if self._actions is not None:
            self._actions.case_closed(self)
        event.accept()

"""Export profiles: how the same packet is put out. The plan, exhibit letters, stamps and
sequence numbers are the same in each; only the output differs.

- paper: packet.pdf, printed one-sided (as ever);
- duplex: packet.pdf with blank backs, so each document and exhibit starts on a front page;
- electronic: the paper packet.pdf, plus upload/ with one file per document and exhibit,
  each within the upload limit, for filing online.

The choices' names and descriptions are wording in forms/profiles.toml; the limit is rule
data (forms/rules.toml, or the case's filing.upload_limit); the recompression steps are in
forms/packet.toml [upload]."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ..case import Case, CaseError
from ..case.rules import DatedRule, dated_rules
from ..case.sizes import parse_size
from .errors import ExportError
from .wording import Wording

LIMIT_RULE = "upload-file-limit"


class Profile(str, Enum):
    PAPER = "paper"
    DUPLEX = "duplex"
    ELECTRONIC = "electronic"


@dataclass(frozen=True)
class ProfileChoice:
    profile: Profile
    label: str
    description: str


def parse_profile(text: str | Profile) -> Profile:
    try:
        return Profile(text)
    except ValueError:
        names = ", ".join(p.value for p in Profile)
        raise ExportError(f"'{text}' is not an export profile; choose one of {names}.") from None


def profile_choices() -> list[ProfileChoice]:
    """The profiles in the order the app and the command line offer them."""
    w = profile_wording()
    order = [parse_profile(name) for name in w.raw("profiles.order")]
    return [ProfileChoice(p, w.text(f"profiles.{p.value}.label"), w.text(f"profiles.{p.value}.description"))
            for p in order]


def profile_wording() -> Wording:
    return Wording.load("profiles")


@dataclass(frozen=True)
class UploadLimit:
    bytes: int
    source: str            # where it came from, as the upload sheet says it
    rule: DatedRule | None


def upload_limit(case: Case, given: int | None = None) -> UploadLimit:
    """The largest upload file: `given` (a caller's own), else the case's
    filing.upload_limit, else the dated rule in forms/rules.toml."""
    rule = next((r for r in dated_rules() if r.id == LIMIT_RULE), None)
    if given is not None:
        return UploadLimit(given, "as asked for this export", rule)
    own = str(getattr(case.filing, "upload_limit", "") or "").strip()
    if own:
        return UploadLimit(parse_size(own, "The case's upload limit (filing.upload_limit)"),
                           "the case's filing.upload_limit", rule)
    if rule is None:
        raise ExportError(f"forms/rules.toml has no rule '{LIMIT_RULE}'; restore it from the shipped copy, "
                          "or set the case's own with: paroledesk set FOLDER filing.upload_limit 6MB.")
    try:
        size = parse_size(rule.value, f"forms/rules.toml rule '{LIMIT_RULE}'")
    except CaseError as exc:
        raise ExportError(str(exc)) from None
    return UploadLimit(size, f"USCIS rule data as of {rule.as_of.isoformat()}", rule)


@dataclass(frozen=True)
class Recompression:
    """forms/packet.toml [upload]: the steps an oversized upload file is made smaller by."""

    dpis: tuple[float, ...]   # descending: images printed finer than each are downsampled to it
    quality: int
    floor: int

    def steps(self) -> list[tuple[float, int]]:
        """(dpi, JPEG quality) for each step, gentlest first; the floor comes last."""
        out = [(dpi, self.quality) for dpi in self.dpis]
        if self.floor < self.quality:
            out.append((self.dpis[-1], self.floor))
        return out

    @property
    def bilevel_dpi(self) -> float:
        return self.dpis[0]


def recompression(w: Wording) -> Recompression:
    where = "forms/packet.toml [upload]"
    try:
        dpis = tuple(sorted((float(v) for v in w.raw("upload.dpi")), reverse=True))
        quality, floor = int(w.raw("upload.jpeg_quality")), int(w.raw("upload.jpeg_quality_floor"))
    except (TypeError, ValueError):
        raise ExportError(f"{where}: dpi must be a list of numbers, jpeg_quality and jpeg_quality_floor "
                          "whole numbers.") from None
    if not dpis or not all(72 <= d <= 1200 for d in dpis):
        raise ExportError(f"{where}: dpi must list one or more resolutions from 72 to 1200.")
    if not 30 <= floor <= quality <= 95:
        raise ExportError(f"{where}: jpeg_quality_floor must be 30 or more and at most jpeg_quality (up to 95).")
    return Recompression(dpis, quality, floor)

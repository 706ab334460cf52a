"""`paroledesk set` on the schema-4 facts: supporters added and removed by number, an unknown
key answered with the closest keys, and a bad value in a hand-edited case.json said by
`status` as a warning, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from paroledesk.case.fact_keys import fact_keys
from tests.test_cli import REPO, run

# The command run as a user runs it, in a process of its own: a traceback would show on stderr.
STATUS = "import sys; from paroledesk.cli import main; sys.exit(main(['status', *sys.argv[1:]]))"


@pytest.fixture
def case(tmp_path: Path, capsys) -> Path:
    root = tmp_path / "case"
    assert run(capsys, "new", root, "--category", "humanitarian-family")[0] == 0
    return root


def _supporters(case: Path) -> list[dict]:
    return json.loads((case / "case.json").read_text(encoding="utf-8"))["supporters"]


def test_supporters_are_added_by_setting_the_next_number_and_set_by_theirs(capsys, case):
    code, out, _ = run(capsys, "set", case, "supporters.1.name", "Tomas Fictitio")
    assert (code, out) == (0, "Added supporter 1.\n")
    assert run(capsys, "set", case, "supporters.2.given_name", "Rosa")[:2] == (0, "Added supporter 2.\n")
    assert run(capsys, "set", case, "supporters.1.annual_income", "45000")[:2] == (0, "")
    assert [(s["name"], s["given_name"], s["annual_income"]) for s in _supporters(case)] == \
        [("Tomas Fictitio", "", "45000"), ("", "Rosa", "")]


def test_a_supporter_past_the_next_number_is_refused_saying_which_number_adds_one(capsys, case):
    before = (case / "case.json").read_bytes()
    code, out, err = run(capsys, "set", case, "supporters.2.name", "Rosa")
    assert (code, out) == (2, "")
    assert err == "paroledesk: There is no supporter 2: the case has none yet; supporters.1 adds the first.\n"
    assert (case / "case.json").read_bytes() == before


def test_a_supporter_is_removed_with_remove_and_the_next_ones_move_up(capsys, case):
    for n, name in enumerate(["Ana", "Bea", "Cai"], start=1):
        run(capsys, "set", case, f"supporters.{n}.name", name)
    code, out, _ = run(capsys, "set", case, "supporters.1", "--remove")
    assert (code, out) == (0, "Removed supporter 1; the supporters after it moved up one.\n")
    assert [s["name"] for s in _supporters(case)] == ["Bea", "Cai"]
    assert run(capsys, "set", case, "supporters.2", "--remove")[:2] == (0, "Removed supporter 2.\n")
    code, _, err = run(capsys, "set", case, "supporters.2", "--remove")
    assert code == 2 and err == "paroledesk: There is no supporter 2: the case has 1.\n"
    code, _, err = run(capsys, "set", case, "supporters.1", "Bea", "--remove")
    assert code == 2 and "--remove takes no value" in err
    code, _, err = run(capsys, "set", case, "beneficiary.name", "--remove")
    assert code == 2 and err.startswith("paroledesk: 'beneficiary.name' does not name a supporter")
    assert [s["name"] for s in _supporters(case)] == ["Bea"]


def test_twenty_supporters_at_most(capsys, case):
    data = json.loads((case / "case.json").read_text(encoding="utf-8"))
    data["supporters"] = [{"name": f"S{n}"} for n in range(20)]
    (case / "case.json").write_text(json.dumps(data), encoding="utf-8")
    code, _, err = run(capsys, "set", case, "supporters.21.name", "One more")
    assert code == 2 and err == "paroledesk: There is no supporter 21: supporters are numbered from 1 to 20 at most.\n"


@pytest.mark.parametrize("key, meant", [
    ("beneficiary.familyname", "did you mean beneficiary.family_name?"),
    ("beneficiary.first_name", "did you mean beneficiary.given_name, requestor.given_name or attorney.given_name?"),
    ("attorney.zip", "did you mean attorney.mailing_zip?"),
    ("supporters.2.anual_income", "did you mean supporters.2.annual_income?"),
    ("benficiary.a_number", "did you mean beneficiary.a_number"),
    ("beneficiary.employer", "did you mean supporters.1.employer?"),
])
def test_an_unknown_key_is_one_sentence_with_the_closest_keys_not_all_of_them(capsys, case, key, meant):
    assert len(fact_keys()) > 150
    code, out, err = run(capsys, "set", case, key, "x")
    assert (code, out) == (2, "")
    assert err == f"paroledesk: There is no case fact '{key}'; {err.partition('; ')[2]}"
    assert meant in err and err.count("\n") == 1 and len(err) < 200


def test_a_key_like_nothing_says_how_keys_are_made(capsys, case):
    code, _, err = run(capsys, "set", case, "zzz", "x")
    assert code == 2 and "a key is a section and a field, such as beneficiary.family_name" in err
    assert err.count("\n") == 1


def test_set_help_says_how_supporters_are_added_and_removed(capsys):
    code, out, _ = run(capsys, "set", "--help")
    flat = " ".join(out.split())
    assert code == 0 and "supporters.N.FIELD with N one past the last supporter adds one" in flat
    assert "set FOLDER supporters.N --remove removes supporter N" in flat.replace("`", "")


def test_a_hand_edited_bad_value_is_a_status_warning_naming_the_key_not_a_traceback(case):
    data = json.loads((case / "case.json").read_text(encoding="utf-8"))
    data["beneficiary"].update(a_number="A-12", name="Ana Perez", given_name="Ana", family_name="Gomez")
    data["supporters"] = [{"email": "rosa at example", "mailing_state": "Illinois"}]
    (case / "case.json").write_text(json.dumps(data), encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", STATUS, str(case), "--json"],
                          capture_output=True, text=True, cwd=REPO, timeout=120)
    assert done.returncode == 1 and done.stderr == ""
    warnings = [p["message"] for p in json.loads(done.stdout)["problems"] if p["severity"] == "warning"]
    assert "beneficiary.a_number is not 7 to 9 digits: fix it in Case facts." in warnings
    assert "supporters.1.email is not an e-mail address: fix it in Case facts." in warnings
    assert "supporters.1.mailing_state is not a two-letter USPS state code: fix it in Case facts." in warnings
    assert ("beneficiary.name does not match beneficiary.given_name and beneficiary.family_name: "
            "correct one of them in Case facts.") in warnings
    text = subprocess.run([sys.executable, "-c", STATUS, str(case)],
                          capture_output=True, text=True, cwd=REPO, timeout=120)
    assert "warning  beneficiary.a_number is not 7 to 9 digits: fix it in Case facts." in text.stdout

"""The eight parole categories load from forms/ and follow the conventions the packet needs."""

import pytest

from paroledesk.case import CaseError, all_categories, load_category
from paroledesk.case.checklist import category_ids

CATEGORY_IDS = [
    "humanitarian-medical", "humanitarian-family", "humanitarian-child", "humanitarian-crisis",
    "public-benefit", "military-pip", "refugee-related", "re-parole",
]


def test_every_category_in_the_domain_has_a_checklist():
    assert sorted(category_ids()) == sorted(CATEGORY_IDS)


@pytest.mark.parametrize("category_id", CATEGORY_IDS)
def test_a_checklist_has_forms_identity_declaration_and_prompts(category_id):
    category = load_category(category_id)
    items = {item.id: item for item in category.items}
    assert category.title and category.legal_basis and category.summary
    assert items["i-131"].form and items["i-131"].required
    assert all(item.kinds == ("pdf",) for item in items.values() if item.form)
    assert "beneficiary-id" in items and not items["beneficiary-id"].form
    assert category.declaration_item is not None and category.declaration_item.required
    assert all(item.guidance.strip() for item in category.items)
    assert 4 <= len(category.prompts) <= 8
    for prompt in category.prompts:
        for cited in prompt.cites:
            assert not items[cited].form, f"{prompt.id} cites a form"


def test_refugee_related_says_no_published_evidence_list_exists():
    assert "no published" in load_category("refugee-related").evidence_source.lower()


def test_an_unknown_category_is_one_sentence_naming_it():
    with pytest.raises(CaseError, match="no parole category 'asylum'"):
        load_category("asylum")


def test_all_categories_is_sorted_and_complete():
    assert [c.id for c in all_categories()] == sorted(CATEGORY_IDS)

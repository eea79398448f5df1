import pytest

from stenogram.parse.persons import PersonRegistry, split_label, split_role_name, tag_to_name


@pytest.mark.parametrize(
    ("label", "person", "role"),
    [
        ("President of Russia Vladimir Putin", "Vladimir Putin", "President of Russia"),
        (
            "Prime Minister of the Republic of Armenia Nikol Pashinyan",
            "Nikol Pashinyan",
            "Prime Minister of the Republic of Armenia",
        ),
        ("Acting President of Kyrgyzstan Talant Mamytov", "Talant Mamytov", "Acting President of Kyrgyzstan"),
        ("Defence Minister Sergei Shoigu", "Sergei Shoigu", "Defence Minister"),
        ("Sergei Kulikov", "Sergei Kulikov", None),
        ("CEO of Royal Dutch Shell Ben van Beurden", "Ben van Beurden", "CEO of Royal Dutch Shell"),
        ("Alexei Kudrin, Chairman of the Accounts Chamber", "Alexei Kudrin", "Chairman of the Accounts Chamber"),
        ("King Abdullah II of Jordan", "Abdullah II", "King of Jordan"),
        (
            "Labour and Social Protection MINISTER MAXIM TOPILIN",
            "Maxim Topilin",
            "Labour and Social Protection MINISTER",
        ),
        ("VladimirPutin", "Vladimir Putin", None),
        ("Question", None, None),
    ],
)
def test_split_role_name(label: str, person: str | None, role: str | None) -> None:
    ident = split_role_name(label)
    assert (ident.person, ident.role) == (person, role)


def test_notes_are_kept_in_the_label_and_recorded() -> None:
    assert split_label("Viktor Orban (retranslated):") == ("Viktor Orban (retranslated)", "retranslated")
    assert split_label("Question  (speaking German)") == ("Question (speaking German)", "speaking German")
    # An acronym inside a title is not a note.
    assert split_label("chairman of Vnesheconombank (VEB) Vladimir Dmitriev")[1] is None


def test_tags_are_last_name_first() -> None:
    assert tag_to_name("Pashinyan Nikol") == "Nikol Pashinyan"
    assert tag_to_name("Erdogan Recep Tayyip") == "Recep Tayyip Erdogan"


def test_registry_resolves_short_forms_typos_and_initials() -> None:
    reg = PersonRegistry()
    reg.learn_tag("Putin Vladimir")
    reg.learn_tag("Pashinyan Nikol")
    assert reg.resolve("Prime Minister of Armenia Nikol Pashinyan").person == "Nikol Pashinyan"
    assert reg.resolve("Nikol Pashinyan").person == "Nikol Pashinyan"
    assert reg.resolve("Vlaidmir Putin").person == "Vladimir Putin"
    assert reg.resolve("V.Putin").person == "Vladimir Putin"
    assert reg.resolve("Remark").person is None


def test_registry_uses_learned_given_names_to_find_where_the_name_starts() -> None:
    reg = PersonRegistry()
    assert reg.resolve("President of Turkey Recep Tayyip Erdogan").person == "Tayyip Erdogan"
    reg.learn_name("Recep Tayyip Ozkan")  # teaches the given names Recep and Tayyip
    assert reg.resolve("President of Turkey Recep Tayyip Erdogan").person == "Recep Tayyip Erdogan"

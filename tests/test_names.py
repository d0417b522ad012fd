"""kg/extract/names.py: given names and their gender, without the parser."""
import subprocess
import sys

from kg.extract.names import given_name_gender


def test_known_given_names_have_their_usual_gender():
    assert given_name_gender("Mary") == "female"
    assert given_name_gender("John") == "male"


def test_function_words_lower_case_and_unknown_words_are_no_given_names():
    assert given_name_gender("The") is None       # spaCy's stop words
    assert given_name_gender("mary") is None      # a given name is capitalised
    assert given_name_gender("Xqzvtr") is None


def test_reading_given_names_does_not_import_spacy():
    """Resolution uses given names; it must not pay for loading spaCy."""
    code = ("import sys; from kg.extract.names import given_name_gender; given_name_gender('The'); "
            "print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

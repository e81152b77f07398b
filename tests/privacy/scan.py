"""Where a person's strings are left: every text of every table, and the private files.

The tables and their columns come from the database itself (`connection.introspection`),
not from the models: the full-text tables (ours, `search_fts*`, and Wagtail's,
`wagtailsearch_indexentry*`) and any table a migration or a library adds are scanned
too. Every value that is not a number, a date or a boolean is read as text (a blob as
UTF-8, JSON decoded as well), so text, JSON and the full-text shadow tables are all
covered.

Values and strings are compared in lower case without accents, and a phone number
also with its separators removed (`06 12 34 56 78` is found as `0612345678` and as
`+33612345678`).
"""

import contextlib
import datetime
import decimal
import json
import re
from pathlib import Path

from django.db import connection

from desk.redaction import PHONE, fold, phone_key

_NOT_TEXT = (bool, int, float, decimal.Decimal, datetime.date, datetime.time, datetime.timedelta)
_PHONE_SEPARATORS = re.compile(r"[\s.\-()\u00a0]")


def forms_of(strings):
    """What to look for: each string folded, and each phone number's digit forms."""
    forms = set()
    for string in strings:
        forms.add(fold(string.strip()))
        if PHONE.fullmatch(string.strip()):
            digits = phone_key(string)
            forms |= {f"0{digits}", f"33{digits}"}
    return forms


def _text(value):
    if value is None or isinstance(value, _NOT_TEXT):
        return None
    if isinstance(value, (bytes, memoryview)):
        return bytes(value).decode("utf-8", "ignore")
    text = str(value)
    if text[:1] in "{[":  # JSON is stored with "é" as "\\u00e9": read it decoded too
        with contextlib.suppress(ValueError):
            text += json.dumps(json.loads(text), ensure_ascii=False)
    return text


def _found_in(text, forms):
    folded = fold(text)
    squeezed = _PHONE_SEPARATORS.sub("", folded)
    return {form for form in forms if form in folded or form in squeezed}


def database_places_holding(strings):
    """{(table, column, form)} for every column of every table holding one of `strings`."""
    forms = forms_of(strings)
    found = set()
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = [
                column.name
                for column in connection.introspection.get_table_description(cursor, table)
            ]
            quoted = ", ".join(connection.ops.quote_name(name) for name in columns)
            cursor.execute(f"SELECT {quoted} FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                for name, value in zip(columns, row, strict=True):
                    if (text := _text(value)) is not None:
                        found |= {(table, name, form) for form in _found_in(text, forms)}
    return found


def file_places_holding(strings, root):
    """{(path, form)} for every file under `root` whose name or content holds one of
    `strings`."""
    forms = forms_of(strings)
    found = set()
    for path in Path(root).rglob("*"):
        if path.is_file():
            text = f"{path.name}\n{path.read_bytes().decode('utf-8', 'ignore')}"
            found |= {(str(path), form) for form in _found_in(text, forms)}
    return found


def places_holding(strings, *, private_root=None):
    """Every place of the database (and of `private_root`, if given) holding one of
    `strings`: an empty set once the person is erased."""
    found = {
        (f"{table}.{column}", form) for table, column, form in database_places_holding(strings)
    }
    if private_root is not None:
        found |= file_places_holding(strings, private_root)
    return found

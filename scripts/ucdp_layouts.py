#!/usr/bin/env python3
"""UCDP GED in its other layouts, and an independent count of a GED file, for the tests.

    ucdp_layouts.py count GED.csv [COUNTRY]
                                           prints one JSON object: rows, and per column the count
                                           of each value of type_of_violence, where_prec and
                                           date_prec, the sums of best, low and high, and the
                                           number of rows whose date_end differs from date_start;
                                           with COUNTRY, of the rows whose country column is that
    ucdp_layouts.py hdx GED.csv OUT.csv    the layout of HDX's copies: fewer columns, in another
                                           order, with a row of HXL hashtags under the header
    ucdp_layouts.py explorer GED.csv OUT.csv
                                           the layout of the UCDP explorer's exports: US dates with
                                           a time (1/3/2013 12:00:00 AM), True/False for
                                           active_year, and a comma at the end of every line

Python's standard library only (csv, json): it shares no code with StrikeMap's readers.
"""
import csv
import json
import sys
from collections import Counter

# HDX's copies (data.humdata.org, "UCDP data for <country>") keep these columns, with these tags.
HDX = [
    ("id", "#event+id"), ("year", "#date+year"), ("type_of_violence", "#event+type"),
    ("conflict_name", "#event+name"), ("side_a", "#group+a"), ("side_b", "#group+b"),
    ("where_prec", "#geo+precision"), ("where_coordinates", "#loc+name"), ("adm_1", "#adm1+name"),
    ("adm_2", "#adm2+name"), ("country", "#country+name"), ("region", "#region+name"),
    ("date_start", "#date+start"), ("date_end", "#date+end"), ("date_prec", "#date+precision"),
    ("best", "#affected+killed"), ("high", "#affected+killed+high"), ("low", "#affected+killed+low"),
    ("longitude", "#geo+lon"), ("latitude", "#geo+lat"),
]


def rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def count(path, country=None):
    data = [r for r in rows(path) if country is None or r["country"] == country]
    out = {"rows": len(data)}
    for col in ("type_of_violence", "where_prec", "date_prec"):
        out[col] = dict(Counter(r[col] for r in data))
    for col in ("best", "low", "high"):
        out[col] = sum(int(float(r[col])) for r in data if r[col].strip())
    out["spans"] = sum(1 for r in data if r["date_end"][:10] != r["date_start"][:10])
    out["country"] = dict(Counter(r["country"] for r in data))
    print(json.dumps(out))


def hdx(path, dest):
    data = rows(path)
    with open(dest, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow([c for c, _ in HDX])
        w.writerow([t for _, t in HDX])
        for r in data:
            w.writerow([r[c][:10] if c.startswith("date_") else r[c] for c, _ in HDX])


def us_date(text):
    y, m, d = (int(p) for p in text[:10].split("-"))
    return f"{m}/{d}/{y} 12:00:00 AM"


def explorer(path, dest):
    data = rows(path)
    header = list(data[0].keys())
    with open(dest, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator=",\r\n")
        w.writerow(header)
        for r in data:
            out = []
            for c in header:
                v = r[c]
                if c in ("date_start", "date_end"):
                    v = us_date(v)
                elif c == "active_year":
                    v = "True" if v == "1" else "False"
                out.append(v)
            w.writerow(out)


if __name__ == "__main__":
    what = sys.argv[1]
    if what == "count":
        count(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
    elif what == "hdx":
        hdx(sys.argv[2], sys.argv[3])
    elif what == "explorer":
        explorer(sys.argv[2], sys.argv[3])
    else:
        sys.exit(f"unknown command {what}: count, hdx or explorer")

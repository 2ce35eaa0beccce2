#!/usr/bin/env bash
# GMT plotting a file of event points on the same basemap as default_scene.sh, framed on Syria
# (the `--region syria` of `strikemap render`): sea, land, lakes, province lines, rivers and
# borders from the same Natural Earth extract, every event as a small circle, a title and a
# scale bar, ~1600 px wide PNG. This is what the benchmark times against
# `strikemap render --events F --region syria` at 10,000 to 1,000,000 events.
# Usage: points_scene.sh DATADIR POINTS OUTPREFIX
#   DATADIR from prepare.py; POINTS "lon lat" per line (written by the benchmark's generator,
#   outside the timed run, as prepare.py writes the default scene's inputs).
set -euo pipefail
d=$1; points=$2; out=$3
export GMT_SESSION_NAME=strikemap-bench-points-$$
gmt begin "$out" png E200
  gmt set MAP_FRAME_TYPE plain MAP_FRAME_PEN 0.6p,gray50 FONT_ANNOT_PRIMARY 7p FONT_LABEL 7p FONT_TITLE 14p,Helvetica-Bold
  # Syria's preset extent (Geo/regions.csv: 35.4,32.2,42.6,37.5), Lambert conformal conic with
  # standard parallels at a sixth and five sixths of its latitudes, as StrikeMap fits it.
  gmt basemap -R35.4/42.6/32.2/37.5 -JL39.0/34.85/33.08/36.62/20c -B+t"Events in Syria" -B0
  gmt coast -Slightsteelblue1 -Dc -A10000  # sea colour only; the shapes come from Natural Earth below
  gmt plot "$d/land.gmt" -Gseashell2 -W0.3p,lightsteelblue3
  gmt plot "$d/lakes.gmt" -Glightsteelblue1
  gmt plot "$d/admin1_lines.gmt" -W0.3p,gray70,-
  gmt plot "$d/rivers.gmt" -W0.6p,skyblue3
  gmt plot "$d/borders.gmt" -W0.9p,gray40
  gmt plot "$points" -Sc0.05c -Gorangered3
  gmt basemap -LjBR+w200k+o0.5c/0.5c+f -F+gwhite
gmt end

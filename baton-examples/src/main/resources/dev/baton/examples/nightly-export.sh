#!/bin/sh
# Exports one day's orders to a CSV file: the stand-in for a vendor's export tool or a team's
# Python script, run by the NightlyExport workflow as a shell step.
#
#   nightly-export.sh DAY ORDERS OUTPUT_DIR
#
# Exit codes:  0  exported; the last line of stdout is the file's path
#              3  nothing to export for that day
#             64  bad usage
#             75  the warehouse is temporarily unavailable: worth another attempt
#
# A step can run again after a crash (at-least-once). The script tells a repeat from new work by
# the idempotency key Baton puts in its environment, and does not export twice.
set -eu

if [ $# -ne 3 ]; then
  echo "usage: nightly-export.sh DAY ORDERS OUTPUT_DIR" >&2
  exit 64
fi
day="$1"
orders="$2"
out="$3"
if [ -z "${WAREHOUSE_PASSWORD:-}" ]; then
  echo "WAREHOUSE_PASSWORD is not set" >&2
  exit 64
fi

# Printed on purpose, to show that Baton masks secrets: the step's log reads "password ***".
echo "connecting to the warehouse as exporter with password $WAREHOUSE_PASSWORD"

if [ "$orders" -eq 0 ]; then
  echo "no orders on $day: nothing to export"
  exit 3
fi

mkdir -p "$out"
file="$out/orders-$day.csv"
marker="$file.key"
if [ -f "$file" ] && [ -f "$marker" ] && [ "$(cat "$marker")" = "$BATON_IDEMPOTENCY_KEY" ]; then
  echo "already exported by this step (key $BATON_IDEMPOTENCY_KEY); not exporting again"
  echo "$file"
  exit 0
fi

partial="$file.partial"
echo "order,day,amount_cents" > "$partial"
i=1
while [ "$i" -le "$orders" ]; do
  echo "order-$i,$day,$((i * 1250))" >> "$partial"
  i=$((i + 1))
done
mv "$partial" "$file"
echo "$BATON_IDEMPOTENCY_KEY" > "$marker"
echo "exported $orders orders for $day"
echo "$file"

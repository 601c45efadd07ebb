#!/usr/bin/env bash
# Command-line behaviour that only a real process shows: exit codes, files written or not,
# Ctrl-C and kill -9 mid-run, thread-count invariance of the stored tables.
set -uo pipefail
bin="$1"
root="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0
passes=0
check() {  # check NAME CONDITION-EXIT-CODE
  if [ "$2" -eq 0 ]; then passes=$((passes + 1)); echo "ok: $1"; else failures=$((failures + 1)); echo "FAILED: $1"; fi
}
minimal="$root/tests/scenarios/minimal.yaml"
invalid="$root/tests/golden/invalid/misspelt-top-level-key.yaml"
[ -f "$invalid" ] || invalid="$(ls "$root"/tests/golden/invalid/*.yaml | head -1)"

"$bin" --version | grep -q '^linchpin '; check "--version prints the version" $?
"$bin" --help | grep -q 'Examples'; check "--help has examples" $?
"$bin" run --help | grep -q 'Examples'; check "run --help has examples" $?

"$bin" validate "$minimal" >/dev/null; check "a valid scenario validates" $?
"$bin" validate "$invalid" 2>"$work/err.txt"; code=$?
[ $code -eq 2 ]; check "an invalid scenario exits with code 2 (got $code)" $?
grep -Eq ':[0-9]+:[0-9]+: error: ' "$work/err.txt"; check "errors are file:line:col: error:" $?

"$bin" run "$invalid" --out "$work/never.sqlite" >/dev/null 2>&1; code=$?
[ $code -eq 2 ] && [ ! -e "$work/never.sqlite" ]; check "run on invalid input exits 2 and writes nothing" $?

"$bin" run --trials abc "$minimal" >/dev/null 2>&1; code=$?
[ $code -eq 2 ]; check "a malformed option exits 2 (got $code)" $?

"$bin" run "$minimal" --out "$work/a.sqlite" --threads 1 --quiet 2>/dev/null; check "run writes a database" $?
[ "$(sqlite3 "$work/a.sqlite" "select status from runs")" = "completed" ]; check "status is completed" $?
"$bin" run "$minimal" --out "$work/a.sqlite" --quiet >/dev/null 2>&1; code=$?
[ $code -eq 2 ] && [ "$(sqlite3 "$work/a.sqlite" "select count(*) from trials")" = "500" ]
check "an existing database is not overwritten without --force" $?

"$bin" run "$minimal" --out "$work/b.sqlite" --threads 2 --quiet 2>/dev/null
for table in "outcomes" "metric_quantiles" "outcome_incidence" "trial_outcomes order by trial, outcome" "trials" "events order by trial, sequence"; do
  a="$(sqlite3 "$work/a.sqlite" "select * from $table")"
  b="$(sqlite3 "$work/b.sqlite" "select * from $table")"
  [ -n "$a" ] && [ "$a" = "$b" ]; check "1 and 2 threads give identical table: $table" $?
done

# The issue's acceptance check: the default scenario, 20000 trials, 1 vs 2 threads, same seed.
# (The sanitizer run of `make check` sets LINCHPIN_CLI_TRIALS lower: the Debug+ASan binary is ~20x
# slower and the determinism claim does not depend on the count beyond many 64-trial blocks.)
trials="${LINCHPIN_CLI_TRIALS:-20000}"
"$bin" run "$root/scenarios/korea-2026.yaml" --trials "$trials" --threads 1 --seed 5 --out "$work/k1.sqlite" --quiet 2>/dev/null
"$bin" run "$root/scenarios/korea-2026.yaml" --trials "$trials" --threads 2 --seed 5 --out "$work/k2.sqlite" --quiet 2>/dev/null
for table in "outcomes" "metric_quantiles" "outcome_incidence"; do
  a="$(sqlite3 "$work/k1.sqlite" "select * from $table")"
  b="$(sqlite3 "$work/k2.sqlite" "select * from $table")"
  [ -n "$a" ] && [ "$a" = "$b" ]; check "korea-2026, $trials trials: 1 and 2 threads identical: $table" $?
done

"$bin" show "$work/a.sqlite" | grep -q 'Outcome'; check "show prints the outcome table" $?
"$bin" show "$work/a.sqlite" --trial 0 | grep -Eq '^20[0-9]{2}-[0-9]{2} +elections +election\.'
check "show --trial prints a traced trial's events, elections on their dates" $?
# The alliance and deterrence mechanisms' events reach the trace (talks on the SMA open in 2029 in
# every trial; a crisis comes in almost every trial).
"$bin" run "$root/scenarios/korea-2026.yaml" --trials 20 --trace 3 --out "$work/trace.sqlite" --quiet 2>/dev/null
for k in 0 1 2; do "$bin" show "$work/trace.sqlite" --trial $k >"$work/trace$k.txt"; done
grep -Eq '^2029-[0-9]{2} +burden_sharing +burden_sharing\.talks_open' "$work/trace0.txt" &&
  grep -q 'deterrence\.crisis' "$work/trace0.txt" "$work/trace1.txt" "$work/trace2.txt"
check "traces show the alliance and deterrence mechanisms' events" $?
"$bin" show "$work/a.sqlite" --trial 400 >/dev/null 2>&1; code=$?
[ $code -eq 2 ]; check "show --trial on an untraced trial exits 2" $?
"$bin" show "$work/missing.sqlite" >/dev/null 2>&1; code=$?
[ $code -eq 2 ]; check "show on a missing file exits 2" $?
"$bin" report "$work/a.sqlite" -o "$work/a.html" >/dev/null; check "report writes HTML" $?
grep -q '<svg' "$work/a.html" && ! grep -q '<script' "$work/a.html" && ! grep -q 'http://\|https://' "$work/a.html"
check "the report is self-contained (inline SVG, no scripts, no links out)" $?
"$bin" report "$work/a.sqlite" -o "$work/a.html" >/dev/null 2>&1; code=$?
[ $code -eq 2 ]; check "report refuses to replace an existing report without --force (got $code)" $?
cp "$work/a.sqlite" "$work/a_copy.sqlite"
"$bin" report "$work/a.sqlite" -o "$work/a.sqlite" --force >/dev/null 2>&1; code=$?
[ $code -eq 2 ] && cmp -s "$work/a.sqlite" "$work/a_copy.sqlite"
check "report never writes over its own results database, even with --force (got $code)" $?
mkdir -p "$work/dir.sqlite"
"$bin" run "$minimal" --trials 5 --out "$work/dir.sqlite" --force --quiet >/dev/null 2>&1; code=$?
[ $code -eq 2 ] && [ -d "$work/dir.sqlite" ]
check "run --force refuses to replace a directory or device (got $code)" $?

# Ctrl-C: the run stops, the database says 'interrupted' and holds the finished trials.
"$bin" run "$minimal" --trials 200000000 --out "$work/int.sqlite" --quiet >/dev/null 2>&1 &
pid=$!
sleep 1.5
kill -INT $pid
wait $pid; code=$?
[ $code -eq 130 ]; check "Ctrl-C exits with 130 (got $code)" $?
[ "$(sqlite3 "$work/int.sqlite" "select status from runs")" = "interrupted" ]; check "Ctrl-C leaves status interrupted" $?
done_trials="$(sqlite3 "$work/int.sqlite" "select trials_completed from runs")"
[ "$done_trials" -gt 0 ] && [ "$(sqlite3 "$work/int.sqlite" "select trials from outcomes limit 1")" = "$done_trials" ]
check "interrupted run keeps aggregates of its $done_trials finished trials" $?

# kill -9: no chance to clean up, yet the file is a valid database that says it did not finish.
"$bin" run "$minimal" --trials 200000000 --out "$work/kill.sqlite" --quiet >/dev/null 2>&1 &
pid=$!
sleep 1.5
kill -KILL $pid
wait $pid 2>/dev/null
[ "$(sqlite3 "$work/kill.sqlite" "pragma integrity_check")" = "ok" ]; check "a killed run leaves a valid database" $?
"$bin" show "$work/kill.sqlite" | grep -q 'no end recorded'; check "show reports the killed run as unfinished" $?

# align: landscape theory on a small file; bad landscapes exit 2 with file:line:col.
printf 'actor,size,A,B,C\nA,1,,1,-1\nB,2,1,,2\nC,3,-1,2,\n' >"$work/land.csv"
"$bin" align "$work/land.csv" | grep -q 'energy -1 .*(global minimum)'; check "align finds the hand-computed global minimum" $?
"$bin" align "$work/land.csv" --format json | grep -q '"local_minima": 1'; check "align --format json" $?
"$bin" align "$work/land.csv" --method local --starts 50 --seed 3 | grep -q 'energy -1'; check "align --method local" $?
printf 'actor,size,A,B\nA,1,,1\nB,1,2,\n' >"$work/asym.csv"
"$bin" align "$work/asym.csv" 2>"$work/err.txt"; code=$?
[ $code -eq 2 ] && grep -Eq 'asym.csv:3:3: error: .*not symmetric' "$work/err.txt"; check "an asymmetric landscape exits 2 at file:line:col (got $code)" $?
printf 'actor,size,A,B\nA,-1,,1\nB,1,1,\n' >"$work/neg.csv"
"$bin" align "$work/neg.csv" 2>"$work/err.txt"; code=$?
[ $code -eq 2 ] && grep -Eq 'neg.csv:2:2: error: size' "$work/err.txt"; check "a negative size exits 2 (got $code)" $?
printf 'actor,size,A\nA,1,\n' >"$work/one.csv"
"$bin" align "$work/one.csv" >/dev/null 2>&1; code=$?
[ $code -eq 2 ]; check "a one-actor landscape exits 2 (got $code)" $?
# bargain: the expected-utility model on the EC example (if the shared data are present),
# a scenario issue, and bad input.
ec="$root/../shared/data/bdm/ec-emissions-1994.csv"
if [ -f "$ec" ]; then
  "$bin" bargain "$ec" >"$work/ec.txt"; code=$?
  [ $code -eq 0 ] && grep -q '^Forecast' "$work/ec.txt"; check "bargain on the EC example exits 0 with a forecast (got $code)" $?
else
  echo "skip: $ec absent (bargain on the EC example)"
fi
"$bin" bargain "$root/scenarios/korea-2026.yaml" --issue burden-sharing --format json >"$work/b.json"; code=$?
[ $code -eq 0 ] && grep -q '"forecast"' "$work/b.json"
check "bargain on a scenario issue prints JSON with a forecast" $?
"$bin" bargain "$root/scenarios/korea-2026.yaml" --issue burden-sharng 2>"$work/err.txt"; code=$?
[ $code -eq 2 ] && grep -q "did you mean 'burden-sharing'" "$work/err.txt"; check "bargain with an unknown issue exits 2 with a suggestion (got $code)" $?
record="$root/data/history/dprk_launch_record.csv"
"$bin" data fit-regimes --record "$record" --bootstrap 0 --last-year 2015 >"$work/fit.txt"; code=$?
[ $code -eq 0 ] && grep -q 'filtered regime probabilities at the end of 2015' "$work/fit.txt"
check "data fit-regimes prints the fit up to --last-year (got $code)" $?
"$bin" data fit-regimes --record "$record" --bootstrap 0 --distribution gamma 2>"$work/err.txt"; code=$?
[ $code -eq 2 ]; check "data fit-regimes with an unknown distribution exits 2 (got $code)" $?
printf 'Actor,Capability,Position,Salience\nA,1,4,1.5\nB,1,x,0.5\n' >"$work/bad.csv"
"$bin" bargain "$work/bad.csv" 2>"$work/err.txt"; code=$?
[ $code -eq 2 ] && grep -Eq 'bad.csv:2:4: error: Salience' "$work/err.txt"; check "bargain on a bad CSV exits 2 with file:line:col (got $code)" $?
"$bin" bargain "$root/scenarios/korea-2026.yaml" --issue burden-sharing --model smp >"$work/smp.txt"; code=$?
[ $code -eq 0 ] && grep -q '^Forecast' "$work/smp.txt"; check "bargain --model smp on a scenario issue (got $code)" $?
ktab="$root/../shared/data/ktab-smp/dummyData_3Dim.csv"
if [ -f "$ktab" ]; then
  "$bin" bargain "$ktab" --model smp --rounds 100 >"$work/ktab.txt"; code=$?
  [ $code -eq 0 ] && grep -q 'stopped after turn 10 (converged)' "$work/ktab.txt"; check "bargain --model smp on KTAB's dummyData_3Dim stops at turn 10 (got $code)" $?
else
  echo "skip: $ktab absent (bargain --model smp on KTAB's example)"
fi

# data theatre-rates: the UCDP/PRIO fit prints the same numbers twice; a bad row exits 2.
ucdp="$root/../shared/data/ucdp/ucdp-prio-acd-211.csv"
if [ -f "$ucdp" ]; then
  "$bin" data theatre-rates --ucdp "$ucdp" --format yaml >"$work/rates1.yaml"; code=$?
  "$bin" data theatre-rates --ucdp "$ucdp" --format yaml >"$work/rates2.yaml"
  [ $code -eq 0 ] && cmp -s "$work/rates1.yaml" "$work/rates2.yaml" && grep -q 'taiwan-strait:' "$work/rates1.yaml"
  check "data theatre-rates is reproducible (got $code)" $?
  { head -2 "$ucdp"; sed -n 2p "$ucdp" | sed 's/,21\.1\(\r*\)$/,20.1\1/'; } >"$work/ucdp_bad.csv"
  "$bin" data theatre-rates --ucdp "$work/ucdp_bad.csv" 2>"$work/err.txt"; code=$?
  [ $code -eq 2 ] && grep -q 'ucdp_bad.csv:3:28: error: version' "$work/err.txt"; check "data theatre-rates on a bad row exits 2 with file:line:col (got $code)" $?
else
  echo "skip: $ucdp absent (data theatre-rates)"
fi

# sensitivity: the estimators beside the analytic values; a results database is not supported yet.
"$bin" sensitivity --test-function ishigami --method sobol --samples 1024 --bootstrap 100 >"$work/sens.txt"; code=$?
[ $code -eq 0 ] && grep -Eq '^x3 .* 0\.2437$' "$work/sens.txt"; check "sensitivity prints Sobol' indices beside the analytic ones (got $code)" $?
"$bin" sensitivity --test-function g-function --method morris --samples 10 --format json >"$work/sens.json"; code=$?
[ $code -eq 0 ] && grep -q '"mu_star"' "$work/sens.json"; check "sensitivity --method morris --format json (got $code)" $?
"$bin" sensitivity "$work/results.sqlite" --method sobol 2>"$work/err.txt"; code=$?
[ $code -eq 2 ] && grep -q 'experiments are not implemented yet' "$work/err.txt"; check "sensitivity on a database says it is not implemented and exits 2 (got $code)" $?

# pillars: the ablation with common random numbers; results land in SQLite; no silent overwrite.
"$bin" pillars "$root/scenarios/korea-2026.yaml" --trials 30 --out "$work/pillars.sqlite" >"$work/pillars.txt"; code=$?
[ $code -eq 0 ] && grep -q '^no_pillars' "$work/pillars.txt"; check "pillars runs the four variants (got $code)" $?
[ "$(sqlite3 "$work/pillars.sqlite" "select count(distinct variant) from pillar_differences")" = "4" ]
check "pillars writes every variant's differences to the database" $?
"$bin" pillars "$root/scenarios/korea-2026.yaml" --trials 30 --out "$work/pillars.sqlite" >/dev/null 2>&1; code=$?
[ $code -eq 2 ]; check "pillars refuses to overwrite without --force (got $code)" $?
# backtest: rolling origins against the record and the baselines, on 2 origins x 20 trials.
"$bin" backtest --scenario "$root/scenarios/korea-2000.yaml" --record "$root/data/history/korea_events_yearly.csv" \
  --trials 20 --origins 2012,2020 --report "$work/backtest.md" --out "$work/backtest.sqlite" >/dev/null; code=$?
[ $code -eq 0 ] && grep -q '^## Where the model loses' "$work/backtest.md" && grep -q '| \*\*all series\*\* |' "$work/backtest.md"
check "backtest writes its report with skill and coverage (got $code)" $?
[ "$(sqlite3 "$work/backtest.sqlite" "select count(distinct forecaster) || ',' || count(distinct origin) from forecast_scores")" = "5,2" ]
check "backtest stores every forecaster's scores per origin" $?
[ "$(sqlite3 "$work/backtest.sqlite" "select count(distinct trial) from trial_counts")" = "20" ]; check "backtest stores the trial counts" $?
"$bin" backtest --scenario "$root/scenarios/korea-2000.yaml" --record "$root/data/history/korea_events_yearly.csv" \
  --trials 5 --origins 2020 --out "$work/backtest.sqlite" >/dev/null 2>&1; code=$?
[ $code -eq 2 ]; check "backtest refuses to overwrite --out without --force (got $code)" $?
"$bin" backtest --scenario "$root/scenarios/korea-2000.yaml" --record "$root/data/history/korea_events_yearly.csv" \
  --trials 5 --origins 2020 --hindcast --report "$work/hindcast.md" >/dev/null; code=$?
[ $code -eq 0 ] && grep -q 'hindcast_leaders' "$work/hindcast.md"; check "backtest --hindcast replays the leaders (got $code)" $?
printf 'year,dprk_missile_launch_events\n2001,0\n' >"$work/short.csv"
"$bin" backtest --scenario "$root/scenarios/korea-2000.yaml" --record "$work/short.csv" --trials 5 2>"$work/err.txt"; code=$?
[ $code -eq 2 ] && grep -q 'short.csv:1:1: error: dprk_nuclear_tests' "$work/err.txt"; check "backtest on a record without a column exits 2 (got $code)" $?

echo "$passes passed, $failures failed"
[ $failures -eq 0 ]

#!/bin/bash
# run.sh - make test-cluster: the Slurm and MPI recipes of docs/cluster.md run
# for real on this machine (as root), each compared byte for byte with one
# serial run of tests/data/cluster/sweep.cfg:
#
#   1. a one-node Slurm cluster on localhost starts (tests/cluster/slurm.sh);
#   2. the doc's sweep.sbatch runs as a 3-task job array with the doc's
#      dependent merge job; the merged folder equals the serial run;
#   3. a task is requeued while it runs (preemption): it resumes its shard
#      and the same merge job still runs;
#   4. a task is killed (SIGKILL): the merge's afterok can no longer be met,
#      the doc's requeue recipe resumes the shard and merges again;
#   5. the MPI build runs the sweep under mpirun -n 2; both ranks work and
#      the folder equals the serial run.
#   6. tests/data/cluster/decide.cfg (journeysim decide) as a 3-task array + merge
#      job and under mpirun -n 2: both folders equal one serial decide run.
#
# Usage: bash tests/cluster/run.sh JOURNEYSIM MPI_JOURNEYSIM (from the top of
# the checkout). Every daemon and job it started is stopped on any exit; the
# temporary folder goes on success and is kept, with the daemons' logs, on
# failure. The last line is "cluster: N passed, M failed".
set -u
export PATH=$PATH:/usr/sbin:/sbin
export LC_ALL=C

REPO=$(pwd)
BIN=$(realpath "${1:-./journeysim}")
MPI_BIN=$(realpath "${2:-build-mpi/journeysim}")
CONFIG=$REPO/tests/data/cluster/sweep.cfg
SHARDS=3
BOUND=180 # seconds any job may take to finish here
TMP=$(mktemp -d /tmp/journeysim-cluster.XXXXXX) || exit 1
export TMPDIR=$TMP # Open MPI's session files and the jobs' temporaries stay here too
passed=0
failed=0

source "$(dirname "$0")/slurm.sh"
# a Slurm job's own variables would point the commands at another cluster
unset $(env | sed -n 's/^\(SLURM_[A-Z_]*\|SBATCH_[A-Z_]*\|SQUEUE_[A-Z_]*\)=.*/\1/p')

finish()
{
	trap "" INT TERM HUP # the cleanup itself is not interrupted
	trap - EXIT
	cluster_stop
	if [ "$failed" -eq 0 ]; then
		rm -rf "$TMP"
	else
		# slurmd.log also has what each job's slurmstepd said; munged logs to its .out
		for daemon in munged slurmctld slurmd; do
			log=$TMP/log/$daemon.log
			[ -s "$log" ] || log=$TMP/log/$daemon.out
			[ -s "$log" ] && { echo "--- the end of $log:"; tail -n 12 "$log"; } >&2
		done
		echo "cluster: kept $TMP: daemons' logs in $TMP/log, each job's output in $TMP/*/slurm-*.out" >&2
	fi
	echo "cluster: $passed passed, $failed failed"
	exit $((failed > 0))
}
trap finish EXIT
trap 'echo "cluster: interrupted" >&2; failed=$((failed + 1)); exit 1' INT TERM HUP

ok()
{
	passed=$((passed + 1))
	echo "ok - $*"
}

# Counts a failure, says why, and makes the caller's step return 1.
not_ok()
{
	failed=$((failed + 1))
	echo "not ok - $*" >&2
	return 1
}

# ---- the doc's recipes ----

# The shell block after <!-- recipe:NAME --> in docs/cluster.md.
recipe()
{
	awk -v m="<!-- recipe:$1 -->" '
		$0 == m { getline; if ($0 == "```sh") on = 1; next }
		on && $0 == "```" { exit }
		on { print }' "$REPO/docs/cluster.md"
}

# A work folder with the doc's sweep.sbatch, its array cut to $SHARDS tasks
# (the only change), and a bin/ for PATH with the journeysim under test.
work_make()
{
	local work=$TMP/$1
	mkdir -p "$work/bin" || return 1
	ln -s "$BIN" "$work/bin/journeysim"
	recipe sbatch | sed "s/^#SBATCH --array=1-16\$/#SBATCH --array=1-$SHARDS/" > "$work/sweep.sbatch"
	[ "$(grep -c "^#SBATCH --array=1-$SHARDS\$" "$work/sweep.sbatch")" = 1 ] ||
		not_ok "docs/cluster.md: the sbatch recipe has no '#SBATCH --array=1-16' line"
}

# Runs the doc's recipe $2 in work folder $1, as a user would type it there;
# it reads and sets the caller's jid and merge (the job ids).
work_recipe()
{
	local work=$TMP/$1 block
	block=$(recipe "$2")
	[ -n "$block" ] || { not_ok "docs/cluster.md: no $2 recipe"; return 1; }
	(cd "$work" && export PATH="$work/bin:$PATH" CONFIG && eval "$block" && echo "$jid $merge" > "$work/ids") \
		> "$work/$2.out" 2>&1 || { not_ok "the $2 recipe failed: $(cat "$work/$2.out")"; return 1; }
	read -r jid merge < "$work/ids"
	[[ $jid =~ ^[0-9]+$ && $merge =~ ^[0-9]+$ ]] ||
		not_ok "the $2 recipe gave no job ids (jid=$jid merge=$merge): $(cat "$work/$2.out")"
}

# ---- jobs ----

# "STATE EXIT" of job or array task $1 (one line per task of an array).
job_states()
{
	scontrol show job -o "$1" 2>/dev/null | sed -n 's/.* JobState=\([A-Z_]*\) .* ExitCode=\([0-9:]*\).*/\1 \2/p'
}

job_field()
{
	scontrol show job -o "$1" 2>/dev/null | tr ' ' '\n' | sed -n "s/^$2=//p" | head -1
}

job_active()
{
	[ -n "$(squeue -h -j "$1" -o %i 2>/dev/null)" ]
}

job_ended()
{
	! job_active "$1"
}

# Waits up to $1 seconds until the command after it succeeds, like
# cluster_wait_for, but gives up at once (status 2, counted as a failure) when
# the node can no longer run jobs.
job_wait_for()
{
	local end=$((SECONDS + $1)) i=0 trouble
	shift
	until "$@" >/dev/null 2>&1; do
		[ "$SECONDS" -lt "$end" ] || return 1
		if ((i++ % 10 == 0)) && trouble=$(cluster_node_trouble); then
			not_ok "node $CLUSTER_NODE: $trouble (slurmd's log says why)"
			return 2
		fi
		sleep 0.1
	done
}

# Waits until job $1 (every task of an array) has ended, then checks that
# every task completed with exit code 0.
job_wait_ok()
{
	local id=$1 what=$2 bad
	job_wait_for "$BOUND" job_ended "$id" ||
		{ [ $? = 2 ] || not_ok "$what: still not done after $BOUND s: $(squeue -h -j "$id" 2>&1)"; return 1; }
	bad=$(job_states "$id" | grep -v '^COMPLETED 0:0$')
	[ -z "$bad" ] && [ -n "$(job_states "$id")" ] && return 0
	not_ok "$what: did not complete: $(job_states "$id" | tr '\n' ' ')$(job_failures "$id")"
}

# For each task of job $1 that did not complete: its id, state and the end
# of its output file.
job_failures()
{
	local line
	scontrol show job -o "$1" 2>/dev/null | grep -v ' JobState=COMPLETED .* ExitCode=0:0 ' | while read -r line; do
		out=$(tr ' ' '\n' <<< "$line" | sed -n 's/^StdOut=//p')
		printf '\n  %s %s, the end of %s:\n' "$(tr ' ' '\n' <<< "$line" | grep -E '^(JobId|ArrayTaskId)=' | tr '\n' ' ')" \
			"$(tr ' ' '\n' <<< "$line" | grep -E '^(JobState|ExitCode)=' | tr '\n' ' ')" "$out"
		tail -n 4 "$out" 2>/dev/null | sed 's/^/    /'
	done
}

# The complete point records of shard folder $1's journal: a record that
# SIGKILL cut has no newline yet and is left out.
records()
{
	[ -f "$1/journal" ] || return 0
	if [ -n "$(tail -c1 "$1/journal")" ]; then
		sed '$d' "$1/journal"
	else
		cat "$1/journal"
	fi | grep '^R '
}

records_count()
{
	records "$1" | wc -l
}

# Waits until array task $1 runs and its shard folder $2 has journaled at
# least one point but not all $3: the moment to interrupt it.
task_wait_midway()
{
	local task=$1 shard=$2 points=$3 i=0 n trouble end=$((SECONDS + BOUND))
	while [ "$SECONDS" -lt "$end" ]; do
		n=$(records_count "$shard")
		if [ "$n" -ge 1 ]; then
			[ "$n" -lt "$points" ] && [ "$(squeue -h -j "$task" -o %t 2>/dev/null)" = R ] && return 0
			not_ok "task $task finished its shard before it could be interrupted ($n records)"
			return 1
		fi
		if job_ended "$task"; then
			not_ok "task $task ended without journaling a point: $(job_states "$task")$(job_failures "$task")"
			return 1
		fi
		if ((i++ % 20 == 0)) && trouble=$(cluster_node_trouble); then
			not_ok "node $CLUSTER_NODE: $trouble (slurmd's log says why)"
			return 1
		fi
		sleep 0.05
	done
	not_ok "task $task journaled nothing in $BOUND s: $(squeue -h -j "$task" 2>&1)"
}

# The merged folder $1 holds the files of the serial run, byte for byte
# (charts included), and nothing else; the serial run also has its journal.
same_as_serial()
{
	local diff
	diff=$(diff -rq -x journal "$TMP/serial" "$1" 2>&1) ||
		{ not_ok "$2: $1 differs from the serial run: $diff"; return 1; }
}

# The shard's journal now has all its points once each, and the records it
# had when interrupted ($2, a file) come first, unchanged: it resumed.
resumed()
{
	local shard=$1 before=$2 points=$3 k
	k=$(wc -l < "$before")
	[ "$(records_count "$shard")" -eq "$points" ] &&
		[ "$(records "$shard" | cut -d' ' -f2 | cut -d';' -f1 | sort -u | wc -l)" -eq "$points" ] ||
		{ not_ok "$4: $shard/journal does not hold each of its $points points once"; return 1; }
	records "$shard" | head -n "$k" | cmp -s - "$before" ||
		{ not_ok "$4: the $k records journaled before the interruption were not kept"; return 1; }
}

shard_points()
{
	# points whose id % SHARDS == K - 1
	local k=$1 points
	points=$(tail -n +2 "$TMP/serial/points.csv" | wc -l)
	echo $(((points - k + SHARDS) / SHARDS))
}

# ---- the steps ----

# Each Slurm step first checks that the node can still run jobs.
node_usable()
{
	local trouble
	trouble=$(cluster_node_trouble) || return 0
	not_ok "${FUNCNAME[1]} not run: node $CLUSTER_NODE is $trouble"
}

step_cluster()
{
	if [ "$(id -u)" != 0 ]; then
		not_ok "make test-cluster runs munged, slurmctld and slurmd as root (SlurmUser=root)"
		return 1
	fi
	if cluster_start "$TMP"; then
		ok "munged, slurmctld and slurmd started; sinfo shows node $CLUSTER_NODE idle"
	else
		not_ok "the one-node cluster did not start"
	fi
}

step_serial()
{
	local TIMEFORMAT='%U %S' # its CPU time, for step_mpi
	{ time "$BIN" sweep "$CONFIG" -o "$TMP/serial" --quiet --jobs 2 > "$TMP/serial.out" 2>&1; } 2> "$TMP/serial.cpu" ||
		{ not_ok "the serial sweep failed: $(cat "$TMP/serial.out")"; return 1; }
	ok "one serial run of tests/data/cluster/sweep.cfg ($(tail -n +2 "$TMP/serial/points.csv" | wc -l) points)"
}

step_array()
{
	node_usable || return 1
	local jid merge k out=$TMP/array/out/market_speed
	work_make array && work_recipe array sbatch-submit || return 1
	job_wait_ok "$jid" "the $SHARDS-task array $jid" && job_wait_ok "$merge" "the merge job $merge" || return 1
	for ((k = 1; k <= SHARDS; k++)); do
		grep -qx "shard $k/$SHARDS" "$out/shard-$k/journal" 2>/dev/null ||
			{ not_ok "array task $k did not run shard $k/$SHARDS"; return 1; }
	done
	ok "sbatch sweep.sbatch: array $jid of $SHARDS tasks, each on its own shard, then merge job $merge"
	same_as_serial "$out/merged" "array + merge" && ok "the array's merged folder equals the serial run"
}

step_preempt()
{
	node_usable || return 1
	local jid merge task=2 out=$TMP/preempt/out/market_speed points
	points=$(shard_points $task)
	work_make preempt && work_recipe preempt sbatch-submit || return 1
	task_wait_midway "${jid}_$task" "$out/shard-$task" "$points" || return 1
	scontrol requeue "${jid}_$task" || { not_ok "scontrol requeue ${jid}_$task failed"; return 1; }
	cluster_wait_for 60 task_not_running "${jid}_$task" ||
		{ not_ok "task ${jid}_$task still running after its requeue"; return 1; }
	records "$out/shard-$task" > "$TMP/preempt/before"
	job_wait_ok "$jid" "the array $jid" && job_wait_ok "$merge" "the merge job $merge" || return 1
	[ "$(job_field "${jid}_$task" Restarts)" = 1 ] ||
		{ not_ok "task ${jid}_$task was not restarted ($(job_field "${jid}_$task" Restarts) restarts)"; return 1; }
	resumed "$out/shard-$task" "$TMP/preempt/before" "$points" "requeued task" || return 1
	ok "task $task requeued after $(wc -l < "$TMP/preempt/before") of its $points points: it resumed, and merge job $merge ran"
	same_as_serial "$out/merged" "requeued task" && ok "after the requeue the merged folder equals the serial run"
}

task_not_running()
{
	local t
	t=$(squeue -h -j "$1" -o %t 2>/dev/null)
	[ "$t" != R ] && [ "$t" != CG ]
}

merge_stuck()
{
	[ "$(job_field "$1" Reason)" = DependencyNeverSatisfied ]
}

step_kill()
{
	node_usable || return 1
	local jid merge task out=$TMP/kill/out/market_speed points old
	# the task that the doc's requeue recipe names
	task=$(recipe sbatch-requeue | sed -n 's/^task=\([0-9]*\)$/\1/p')
	[ -n "$task" ] || { not_ok "docs/cluster.md: the sbatch-requeue recipe sets no task="; return 1; }
	points=$(shard_points "$task")
	work_make kill && work_recipe kill sbatch-submit || return 1
	task_wait_midway "${jid}_$task" "$out/shard-$task" "$points" || return 1
	scancel --signal=KILL "${jid}_$task" || { not_ok "scancel --signal=KILL ${jid}_$task failed"; return 1; }
	cluster_wait_for 60 task_not_running "${jid}_$task" ||
		{ not_ok "task ${jid}_$task still running after SIGKILL"; return 1; }
	records "$out/shard-$task" > "$TMP/kill/before"
	case $(job_states "${jid}_$task") in
	COMPLETED*) not_ok "task ${jid}_$task completed although it was killed"; return 1 ;;
	esac
	cluster_wait_for 60 job_ended "$jid" || { not_ok "the array $jid did not end"; return 1; }
	cluster_wait_for 30 merge_stuck "$merge" ||
		{ not_ok "merge job $merge: expected DependencyNeverSatisfied, got $(job_field "$merge" Reason)"; return 1; }
	ok "task $task killed with SIGKILL after $(wc -l < "$TMP/kill/before") of its $points points; merge job $merge can no longer start"
	old=$merge
	work_recipe kill sbatch-requeue || return 1
	[ "$merge" != "$old" ] && cluster_wait_for 30 job_ended "$old" ||
		{ not_ok "the requeue recipe did not replace merge job $old"; return 1; }
	job_wait_ok "${jid}_$task" "the requeued task ${jid}_$task" && job_wait_ok "$merge" "the new merge job $merge" ||
		return 1
	resumed "$out/shard-$task" "$TMP/kill/before" "$points" "killed task" || return 1
	ok "the requeue recipe: task $task resumed its shard, merge job $merge ran"
	same_as_serial "$out/merged" "killed task" && ok "after the kill and requeue the merged folder equals the serial run"
}

# decide (issue 14): tests/data/cluster/decide.cfg split over a 3-task job array
# with a dependent merge job, and over mpirun -n 2; each folder must equal one
# serial decide run, journal aside (the merged one holds the shards' records in
# shard order).
DECIDE_CONFIG=$REPO/tests/data/cluster/decide.cfg

step_decide()
{
	local work=$TMP/decide jid merge k flags=""
	mkdir -p "$work" || return 1
	"$BIN" decide "$DECIDE_CONFIG" -o "$work/serial" --jobs 2 --quiet --no-charts > "$work/serial.out" 2>&1 ||
		{ not_ok "the serial decide failed: $(cat "$work/serial.out")"; return 1; }
	ok "one serial decide of tests/data/cluster/decide.cfg ($(tail -n +2 "$work/serial/worlds.csv" | wc -l) worlds)"
	node_usable || return 1
	cat > "$work/decide.sbatch" <<EOF
#!/bin/bash
#SBATCH --job-name=journeysim-decide
#SBATCH --array=1-$SHARDS
#SBATCH --cpus-per-task=1
#SBATCH --output=$work/slurm-%A_%a.out
set -euo pipefail
srun "$BIN" decide "$DECIDE_CONFIG" -o "$work/out/shard-\$SLURM_ARRAY_TASK_ID" --jobs 1 --resume --quiet --no-charts
EOF
	jid=$(cd "$work" && sbatch --parsable decide.sbatch) || { not_ok "sbatch decide.sbatch failed"; return 1; }
	merge=$(cd "$work" && sbatch --parsable --dependency=afterok:"$jid" --output="$work/slurm-merge-%j.out" \
		--wrap "$BIN merge -o $work/out/merged --no-charts $work/out/shard-*") ||
		{ not_ok "sbatch of the decide merge job failed"; return 1; }
	job_wait_ok "$jid" "the decide array $jid" && job_wait_ok "$merge" "the decide merge job $merge" || return 1
	for ((k = 1; k <= SHARDS; k++)); do
		grep -qx "shard $k/$SHARDS" "$work/out/shard-$k/journal" 2>/dev/null ||
			{ not_ok "decide array task $k did not run shard $k/$SHARDS"; return 1; }
	done
	ok "sbatch decide.sbatch: array $jid of $SHARDS tasks, each on its own shard of worlds, then merge job $merge"
	diff -rq -x journal "$work/serial" "$work/out/merged" > "$work/diff.out" 2>&1 ||
		{ not_ok "decide array + merge: differs from the serial run: $(cat "$work/diff.out")"; return 1; }
	ok "the decide array's merged folder equals the serial run"
	[ "$(id -u)" = 0 ] && flags="--allow-run-as-root"
	# shellcheck disable=SC2086
	mpirun $flags --oversubscribe -n 2 "$MPI_BIN" decide "$DECIDE_CONFIG" -o "$work/mpi" --jobs 1 --quiet \
		--no-charts > "$work/mpirun.out" 2>&1 ||
		{ not_ok "mpirun -n 2 journeysim decide failed: $(cat "$work/mpirun.out")"; return 1; }
	diff -rq -x journal "$work/serial" "$work/mpi" > "$work/diff-mpi.out" 2>&1 ||
		{ not_ok "decide under mpirun: differs from the serial run: $(cat "$work/diff-mpi.out")"; return 1; }
	ok "mpirun -n 2: the MPI build's decide folder equals the serial run"
}

step_mpi()
{
	local n=2 flags="" r cpu serial_cpu
	[ "$(id -u)" = 0 ] && flags="--allow-run-as-root"
	mkdir -p "$TMP/mpi" || return 1
	# each rank reports its own CPU time: both must have done part of the work
	cat > "$TMP/mpi/rank.sh" <<'EOF'
#!/bin/bash
TIMEFORMAT='%U %S'
{ time "$@" 2> "$TMPDIR/mpi/rank-$OMPI_COMM_WORLD_RANK.err"; } 2> "$TMPDIR/mpi/rank-$OMPI_COMM_WORLD_RANK.cpu"
EOF
	# shellcheck disable=SC2086
	mpirun $flags --oversubscribe -n $n bash "$TMP/mpi/rank.sh" "$MPI_BIN" sweep "$CONFIG" -o "$TMP/mpi/out" \
		--jobs 1 --quiet > "$TMP/mpi/mpirun.out" 2>&1 ||
		{ not_ok "mpirun -n $n journeysim sweep failed: $(cat "$TMP/mpi/mpirun.out" "$TMP"/mpi/rank-*.err)"; return 1; }
	ok "mpirun -n $n: the MPI build ran the sweep"
	same_as_serial "$TMP/mpi/out" "mpirun" && ok "the MPI run's folder equals the serial run"
	# a rank that ran no points, or all of them, means the ranks did not share the sweep
	serial_cpu=$(awk '{print $1 + $2}' "$TMP/serial.cpu")
	for ((r = 0; r < n; r++)); do
		cpu=$(awk '{print $1 + $2}' "$TMP/mpi/rank-$r.cpu")
		awk -v c="$cpu" -v s="$serial_cpu" -v n=$n 'BEGIN { exit !(c > 0.5 * s / n && c < 1.5 * s / n) }' ||
			{ not_ok "rank $r used $cpu s of CPU, the serial run $serial_cpu s: the $n ranks did not share the points"; return 1; }
	done
	ok "both ranks ran about half of the points ($(awk '{printf "%s%.1f s", sep, $1 + $2; sep = ", "}' "$TMP"/mpi/rank-*.cpu) of CPU; serial $serial_cpu s)"
}

step_cluster || exit
step_serial || exit
step_array
step_preempt
step_kill
step_mpi
step_decide

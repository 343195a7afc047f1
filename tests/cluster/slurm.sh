# slurm.sh - a one-node Slurm cluster on localhost, owned by the caller
# (sourced by tests/cluster/run.sh; bash).
#
#   cluster_start DIR   writes a munge key and DIR/slurm.conf, starts munged,
#                       slurmctld and slurmd in the foreground as background
#                       children of this shell (pids in CLUSTER_PIDS), exports
#                       SLURM_CONF, and returns once sinfo shows the node idle;
#                       or 1 at once if a daemon exits (DIR/log says why).
#   cluster_stop        cancels every job of the cluster, waits for them, then
#                       stops the daemons by pid and waits for them.
#   cluster_node_trouble  prints why the node can run no job, if it cannot.
#
# Everything the daemons write (key, socket, state, spool, pids, logs) is under
# DIR; no system configuration is read or changed, except that the packages'
# plugins and commands are used. The machine's own munged and slurmd, if any,
# are left alone: this munged has its own socket, and the Slurm ports are the
# first free ones from 6817 and 6818 up.

CLUSTER_PIDS=()
CLUSTER_NAMES=()
CLUSTER_DIR=
CLUSTER_NODE=localhost
CLUSTER_CPUS=8 # declared, not detected: see SlurmdParameters below

# The first TCP port from $1 up that nothing listens on (bash's /dev/tcp:
# a refused connection means a free port).
cluster_port_free()
{
	local p=$1
	while (exec 3<> "/dev/tcp/127.0.0.1/$p") 2>/dev/null; do
		p=$((p + 1))
	done
	echo "$p"
}

cluster_config_write()
{
	local dir=$1 ctld_port slurmd_port
	ctld_port=$(cluster_port_free 6817)
	slurmd_port=$(cluster_port_free $((ctld_port + 1)))
	cat > "$dir/slurm.conf" <<EOF
# one node on localhost for make test-cluster; every path is in $dir
ClusterName=journeysim
SlurmctldHost=$CLUSTER_NODE(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket,cred_expire=10
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/run/slurmctld.pid
SlurmdPidFile=$dir/run/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
PlugStackConfig=$dir/plugstack.conf
MailProg=/bin/true
# no cgroups here: plain process tracking, no task binding, no accounting
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SwitchType=switch/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
# look at pending jobs every second (a requeued task waits for cred_expire)
SchedulerParameters=sched_interval=1,bf_interval=1
ReturnToService=2
KillWait=5
# The node declares $CLUSTER_CPUS CPUs whatever the machine has, so that the
# documented script (--cpus-per-task=4) runs unchanged, two tasks at a time.
SlurmdParameters=config_overrides
NodeName=$CLUSTER_NODE NodeAddr=127.0.0.1 CPUs=$CLUSTER_CPUS State=UNKNOWN
PartitionName=debug Nodes=$CLUSTER_NODE Default=YES MaxTime=INFINITE State=UP
EOF
	: > "$dir/plugstack.conf"
}

# Waits (up to $1 seconds of wall time) until the command after it succeeds.
cluster_wait_for()
{
	local end=$((SECONDS + $1))
	shift
	until "$@" >/dev/null 2>&1; do
		[ "$SECONDS" -lt "$end" ] || return 1
		sleep 0.1
	done
}

cluster_node_idle()
{
	[ "$(sinfo -h -n "$CLUSTER_NODE" -o %T 2>/dev/null)" = idle ]
}

# Prints the node's state and Slurm's reason, and succeeds, if the node can
# run no job (down, drained, failing, not responding).
cluster_node_trouble()
{
	local state
	state=$(sinfo -h -n "$CLUSTER_NODE" -o '%T|%E' 2>&1)
	case $state in
	idle* | mixed* | allocated* | completing*) return 1 ;;
	esac
	echo "${state:-not known to slurmctld}"
}

cluster_start()
{
	local dir=$1
	CLUSTER_DIR=$dir
	# munged wants every directory above its socket searchable by all
	chmod 755 "$dir"
	mkdir -p "$dir/munge" "$dir/state" "$dir/spool" "$dir/run" "$dir/log"
	mungekey --create --keyfile="$dir/munge/munge.key" || return 1
	chmod 400 "$dir/munge/munge.key"
	cluster_config_write "$dir"
	export SLURM_CONF=$dir/slurm.conf

	# in the foreground each daemon is a child of this shell (its pid is $!),
	# and what it prints goes to DIR/log/NAME.out (munged logs only there)
	munged --foreground --socket="$dir/munge/munge.socket" --key-file="$dir/munge/munge.key" \
		--pid-file="$dir/run/munged.pid" --seed-file="$dir/munge/munged.seed" > "$dir/log/munged.out" 2>&1 &
	CLUSTER_PIDS+=($!)
	CLUSTER_NAMES+=(munged)
	if ! cluster_wait_for 20 munge --socket="$dir/munge/munge.socket" --no-input; then
		echo "cluster: munged did not answer on $dir/munge/munge.socket" >&2
		return 1
	fi
	slurmctld -D -c -f "$SLURM_CONF" > "$dir/log/slurmctld.out" 2>&1 &
	CLUSTER_PIDS+=($!)
	CLUSTER_NAMES+=(slurmctld)
	slurmd -D -N "$CLUSTER_NODE" -f "$SLURM_CONF" > "$dir/log/slurmd.out" 2>&1 &
	CLUSTER_PIDS+=($!)
	CLUSTER_NAMES+=(slurmd)
	local end=$((SECONDS + 60))
	while [ "$SECONDS" -lt "$end" ]; do
		cluster_node_idle && return 0
		cluster_daemons_alive || return 1
		sleep 0.1
	done
	echo "cluster: node $CLUSTER_NODE not idle after 60 s: $(sinfo -h -o '%T %E' 2>&1)" >&2
	return 1
}

# Says which daemon exited, if one did.
cluster_daemons_alive()
{
	local i
	for ((i = 0; i < ${#CLUSTER_PIDS[@]}; i++)); do
		kill -0 "${CLUSTER_PIDS[i]}" 2>/dev/null && continue
		echo "cluster: ${CLUSTER_NAMES[i]} (pid ${CLUSTER_PIDS[i]}) exited; its log is in $CLUSTER_DIR/log" >&2
		return 1
	done
}

cluster_stop()
{
	local pid i
	# without slurmctld, squeue and scancel would only time out (and no job runs)
	if [ ${#CLUSTER_PIDS[@]} -ge 2 ] && kill -0 "${CLUSTER_PIDS[1]}" 2>/dev/null; then
		# every job here is ours: this cluster lives in the test's folder
		scancel --quiet $(squeue -h -o %A 2>/dev/null) 2>/dev/null
		cluster_wait_for 30 cluster_no_jobs ||
			echo "cluster: jobs still there after 30 s: $(squeue -h 2>&1)" >&2
	fi
	for ((i = ${#CLUSTER_PIDS[@]} - 1; i >= 0; i--)); do
		pid=${CLUSTER_PIDS[i]}
		kill "$pid" 2>/dev/null
		cluster_wait_for 15 cluster_pid_gone "$pid" || kill -KILL "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	done
	CLUSTER_PIDS=()
	CLUSTER_NAMES=()
}

cluster_no_jobs()
{
	[ -z "$(squeue -h -o %A 2>/dev/null)" ]
}

cluster_pid_gone()
{
	! kill -0 "$1" 2>/dev/null
}

/*
 * mpi.c - sweeps over MPI ranks (make MPI=1: mpicc, -DJOURNEYSIM_MPI).
 *
 *   mpirun -n 4 ./journeysim sweep FILE -o DIR --jobs 2
 *
 * Rank 0 opens (or resumes) DIR/journal and broadcasts which points it
 * already holds; rank r runs the remaining points with point % size == r on
 * its own --jobs threads and sends each finished point's journal record to
 * rank 0, which checks it and appends it to the journal; rank 0 then writes
 * the outputs from the journal exactly as a serial run does, so the bytes are
 * the same. Only each process's main thread calls MPI (MPI_THREAD_FUNNELED):
 * the worker threads hand records to it through a queue. Rank 0 polls with
 * MPI_Iprobe and short sleeps so that waiting does not take a core from its
 * own workers.
 *
 * Without JOURNEYSIM_MPI every function here is a stub: one rank.
 */
#include <stdlib.h>
#include <string.h>

#include "sweep_internal.h"

#ifndef JOURNEYSIM_MPI

int sweep_mpi_init(int *rank, int *size, struct js_error *err)
{
	(void)err;
	*rank = 0;
	*size = 1;
	return 0;
}

void sweep_mpi_finalize(void)
{
}

int mpi_size(void)
{
	return 1;
}

int mpi_rank(void)
{
	return 0;
}

int mpi_sweep_run(const struct sweep *sw, const char *dir, const struct sweep_options *o, struct sweep_status *st,
		  struct js_error *err)
{
	(void)sw;
	(void)dir;
	(void)o;
	(void)st;
	return js_error_set(err, EX_SOFTWARE, "this journeysim was built without MPI (make MPI=1)");
}

#else

#include <errno.h>
#include <pthread.h>
#include <time.h>

#include <mpi.h>

#include "output.h"
#include "progress.h"

#define TAG_RECORD 1
#define TAG_DONE 2
#define POLL_NS 2000000L /* 2 ms between probes on rank 0 */

static int mpi_up(void)
{
	int init = 0, fin = 0;
	MPI_Initialized(&init);
	MPI_Finalized(&fin);
	return init && !fin;
}

static int under_mpirun(void)
{
	return getenv("OMPI_COMM_WORLD_SIZE") || getenv("PMI_SIZE") || getenv("PMIX_RANK") || getenv("PMI_RANK");
}

int sweep_mpi_init(int *rank, int *size, struct js_error *err)
{
	*rank = 0;
	*size = 1;
	if (!under_mpirun())
		return 0;
	int provided = 0;
	if (!mpi_up() && MPI_Init_thread(NULL, NULL, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS)
		return js_error_set(err, EX_SOFTWARE, "MPI_Init_thread failed");
	MPI_Comm_rank(MPI_COMM_WORLD, rank);
	MPI_Comm_size(MPI_COMM_WORLD, size);
	return 0;
}

void sweep_mpi_finalize(void)
{
	if (mpi_up())
		MPI_Finalize();
}

int mpi_size(void)
{
	int n = 1;
	if (mpi_up())
		MPI_Comm_size(MPI_COMM_WORLD, &n);
	return n;
}

int mpi_rank(void)
{
	int r = 0;
	if (mpi_up())
		MPI_Comm_rank(MPI_COMM_WORLD, &r);
	return r;
}

/* ---- the worker side: records queued for the main thread ---- */

struct item {
	char *rec;
	size_t len;
};

struct queue {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct item *items;
	size_t n, cap;
	int finished; /* the runner returned */
};

/* Rank 0's journal, shared by its own workers and its main thread. */
struct root {
	struct journal_sink sink;
	pthread_mutex_t lock; /* serialises the sink */
};

struct worker {
	const struct sweep *sw;
	const size_t *todo;
	size_t n;
	unsigned jobs;
	runner_sink_fn sink;
	void *sink_ctx;
	struct queue *q;
	int rc;
	struct js_error err;
};

static int queue_sink(void *ctx, size_t point, const char *rec, size_t len, struct js_error *err)
{
	(void)point;
	struct queue *q = ctx;
	char *copy = malloc(len);
	if (!copy)
		return js_error_set(err, EX_OSERR, "out of memory");
	memcpy(copy, rec, len);
	pthread_mutex_lock(&q->lock);
	if (q->n == q->cap) {
		size_t cap = q->cap ? 2 * q->cap : 16;
		struct item *it = realloc(q->items, cap * sizeof *it);
		if (!it) {
			pthread_mutex_unlock(&q->lock);
			free(copy);
			return js_error_set(err, EX_OSERR, "out of memory");
		}
		q->items = it;
		q->cap = cap;
	}
	q->items[q->n++] = (struct item){copy, len};
	pthread_cond_signal(&q->cond);
	pthread_mutex_unlock(&q->lock);
	return 0;
}

static int root_append(struct root *rt, const char *rec, size_t len, struct js_error *err)
{
	pthread_mutex_lock(&rt->lock);
	int rc = journal_sink_append(&rt->sink, 0, rec, len, err);
	pthread_mutex_unlock(&rt->lock);
	return rc;
}

static int root_sink(void *ctx, size_t point, const char *rec, size_t len, struct js_error *err)
{
	(void)point;
	return root_append(ctx, rec, len, err);
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	js_error_clear(&w->err);
	w->rc = runner_run(w->sw, w->todo, w->n, w->jobs, w->sink, w->sink_ctx, &w->err);
	pthread_mutex_lock(&w->q->lock);
	w->q->finished = 1;
	pthread_cond_signal(&w->q->cond);
	pthread_mutex_unlock(&w->q->lock);
	return NULL;
}

static int queue_finished(struct queue *q)
{
	pthread_mutex_lock(&q->lock);
	int f = q->finished;
	pthread_mutex_unlock(&q->lock);
	return f;
}

/* Ranks > 0: send every queued record, then a DONE message with the error text ("" when fine). */
static void drain_and_send(struct queue *q, struct worker *w)
{
	for (;;) {
		pthread_mutex_lock(&q->lock);
		while (q->n == 0 && !q->finished)
			pthread_cond_wait(&q->cond, &q->lock);
		struct item *items = q->items;
		size_t n = q->n;
		int finished = q->finished;
		q->items = NULL;
		q->n = q->cap = 0;
		pthread_mutex_unlock(&q->lock);
		for (size_t i = 0; i < n; i++) {
			MPI_Send(items[i].rec, (int)items[i].len, MPI_CHAR, 0, TAG_RECORD, MPI_COMM_WORLD);
			free(items[i].rec);
		}
		free(items);
		if (finished && n == 0)
			break;
	}
	const char *msg = w->rc == 0 ? "" : w->err.msg;
	MPI_Send(msg, (int)strlen(msg) + 1, MPI_CHAR, 0, TAG_DONE, MPI_COMM_WORLD);
}

/* Rank 0: receive records and DONE messages until every rank is done. */
static int receive_all(const struct sweep_plan *p, struct root *rt, struct queue *q, int size,
		       struct js_error *err)
{
	int waiting = size - 1, rc = 0;
	char *buf = NULL;
	size_t cap = 0;
	struct timespec pause = {0, POLL_NS};
	while (waiting > 0 || !queue_finished(q)) {
		int flag = 0;
		MPI_Status status;
		MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status);
		if (!flag) {
			nanosleep(&pause, NULL);
			continue;
		}
		int count = 0;
		MPI_Get_count(&status, MPI_CHAR, &count);
		if ((size_t)count + 1 > cap) {
			size_t ncap = (size_t)count + 1;
			char *nb = realloc(buf, 2 * ncap);
			if (!nb) {
				rc = js_error_set(err, EX_OSERR, "out of memory");
				break;
			}
			buf = nb;
			cap = 2 * ncap;
		}
		MPI_Recv(buf, count, MPI_CHAR, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
		if (status.MPI_TAG == TAG_DONE) {
			waiting--;
			buf[count > 0 ? count - 1 : 0] = 0;
			if (buf[0] && rc == 0)
				rc = js_error_set(err, EX_SOFTWARE, "rank %d: %s", status.MPI_SOURCE, buf);
			continue;
		}
		/* check the record before it goes into the journal */
		size_t point;
		char *check = malloc((size_t)count + 1);
		int ok = check && count > 1 && buf[count - 1] == '\n';
		if (ok) {
			memcpy(check, buf, (size_t)count);
			ok = journal_record_parse(check, (size_t)count - 1, p, &point, NULL) == 0 &&
			     (int)(point % (size_t)size) == status.MPI_SOURCE;
		}
		free(check);
		if (!ok) {
			if (rc == 0)
				rc = js_error_set(err, EX_SOFTWARE, "rank %d sent a damaged record", status.MPI_SOURCE);
			continue;
		}
		if (rc == 0 && root_append(rt, buf, (size_t)count, err) != 0)
			rc = -1;
	}
	free(buf);
	return rc;
}

int mpi_sweep_run(const struct sweep *sw, const char *dir, const struct sweep_options *o, struct sweep_status *st,
		  struct js_error *err)
{
	const struct sweep_plan *p = &sw->plan;
	int rank = mpi_rank(), size = mpi_size(), rc = -1;
	unsigned char *done = calloc(p->n_points, 1);
	size_t *todo = malloc(p->n_points * sizeof *todo);
	char path[OUT_PATH_MAX] = "";
	FILE *fp = NULL;
	struct queue q;
	memset(&q, 0, sizeof q);
	pthread_mutex_init(&q.lock, NULL);
	pthread_cond_init(&q.cond, NULL);
	struct root rt = {{NULL, path, o->progress, 0}, PTHREAD_MUTEX_INITIALIZER};

	int ok = done && todo;
	if (rank == 0 && ok)
		ok = journal_open(dir, p, o->resume, done, &fp, path, sizeof path, err) == 0;
	else if (!ok)
		js_error_set(err, EX_OSERR, "out of memory for %zu points", p->n_points);
	/* every rank learns whether rank 0 could open the journal, then what it holds */
	int all_ok = 0;
	MPI_Allreduce(&ok, &all_ok, 1, MPI_INT, MPI_LAND, MPI_COMM_WORLD);
	if (!all_ok) {
		if (ok)
			js_error_set(err, EX_SOFTWARE, "rank %d: another rank failed to start (see rank 0's message)",
				     rank);
		goto out;
	}
	MPI_Bcast(done, (int)p->n_points, MPI_UNSIGNED_CHAR, 0, MPI_COMM_WORLD);

	sweep_todo(p, done, rank, size, todo, st);
	rt.sink.fp = fp;
	rt.sink.done = st->resumed;
	if (rank == 0)
		progress_start(o->progress, st->resumed, st->points);

	struct worker w = {sw, todo, st->run, o->jobs, rank == 0 ? root_sink : queue_sink, NULL, &q, 0, {0, ""}};
	w.sink_ctx = rank == 0 ? (void *)&rt : (void *)&q;
	pthread_t tid;
	int threaded = pthread_create(&tid, NULL, worker_main, &w) == 0;
	if (!threaded)
		worker_main(&w); /* then everything is queued (or appended) before it is received */
	if (rank == 0) {
		rc = receive_all(p, &rt, &q, size, err);
	} else {
		drain_and_send(&q, &w);
		rc = 0;
	}
	if (threaded)
		pthread_join(tid, NULL);
	if (rank == 0)
		progress_finish(o->progress);
	if (w.rc != 0 && rc == 0) {
		*err = w.err;
		rc = -1;
	}
out:
	if (fp && fclose(fp) != 0 && rc == 0)
		rc = js_error_set(err, EX_IOERR, "%s: cannot close: %s", path, strerror(errno));
	for (size_t i = 0; i < q.n; i++)
		free(q.items[i].rec);
	free(q.items);
	pthread_mutex_destroy(&q.lock);
	pthread_cond_destroy(&q.cond);
	pthread_mutex_destroy(&rt.lock);
	free(done);
	free(todo);
	return rc;
}

#endif

/* parallel.c - the worker team shared by the experiment and sweep runners,
 * and their queue of numbered tasks. */
#include <pthread.h>
#include <string.h>

#include "parallel.h"

void parallel_run(size_t jobs, void *(*work)(void *), void *arg)
{
	pthread_t threads[PARALLEL_JOBS_MAX];
	size_t started = 0;
	if (jobs > PARALLEL_JOBS_MAX)
		jobs = PARALLEL_JOBS_MAX;
	if (jobs > 1)
		while (started < jobs && pthread_create(&threads[started], NULL, work, arg) == 0)
			started++;
	if (started == 0)
		work(arg);
	for (size_t i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
}

size_t parallel_jobs(unsigned jobs, size_t n)
{
	size_t t = jobs < 1 ? 1 : jobs > PARALLEL_JOBS_MAX ? PARALLEL_JOBS_MAX : jobs;
	return t > n ? n : t;
}

int parallel_tasks_init(struct parallel_tasks *q, size_t n, struct js_error *err)
{
	memset(q, 0, sizeof *q);
	q->n = q->stop_at = n;
	if (pthread_mutex_init(&q->lock, NULL) != 0)
		return js_error_set(err, EX_OSERR, "cannot create a mutex");
	return 0;
}

void parallel_tasks_fini(struct parallel_tasks *q)
{
	pthread_mutex_destroy(&q->lock);
}

int parallel_tasks_take(struct parallel_tasks *q, size_t *t)
{
	if (q->next >= q->stop_at)
		return 0;
	*t = q->next++;
	return 1;
}

void parallel_tasks_fail(struct parallel_tasks *q, size_t t, const struct js_error *err)
{
	if (t >= q->stop_at)
		return;
	q->stop_at = t;
	q->error = *err;
	if (!q->error.code)
		q->error.code = EX_SOFTWARE;
}

int parallel_tasks_failed(const struct parallel_tasks *q)
{
	return q->stop_at < q->n;
}

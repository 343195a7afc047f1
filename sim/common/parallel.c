/* parallel.c - the worker team shared by the experiment and sweep runners. */
#include <pthread.h>

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

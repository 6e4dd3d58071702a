/*
 * The libkcapi side of the TypedAlg benchmark: the same operations as bench/TypedAlg.Bench, through
 * Debian's libkcapi with handle reuse (one handle per operation and size, reused for every call) and
 * KCAPI_ACCESS_HEURISTIC (libkcapi's own sendmsg/vmsplice choice), which is its fastest synchronous mode.
 *
 *   kcapi-bench time  OPS SIZES WARMUP_MS BATCH_MS BATCHES   -> "libkcapi<TAB>op<TAB>size<TAB>ops/s<TAB>-"
 *   kcapi-bench count OPS SIZES N                            -> markers for the strace pass (bench/guest.sh)
 *
 * OPS and SIZES are comma-separated. Each (op, size) cell runs in a forked child so that a cell the
 * kernel never finishes (libkcapi's 1 MiB gcm(aes) blocks on the socket buffer) times out alone.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <kcapi.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CELL_TIMEOUT_S 20

static const uint8_t key16[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
static const uint8_t key32[32] = { 7 };
static const uint8_t iv16[16] = { 9 };

struct cell {
	const char *op;
	size_t size;
	struct kcapi_handle *h;
	uint8_t *in;   /* page aligned, as libkcapi's vmsplice path wants */
	uint8_t *out;
	size_t in_len; /* bytes handed to libkcapi (gcm decrypt: ct || tag) */
};

static uint8_t *page_alloc(size_t n)
{
	void *p = NULL;
	if (posix_memalign(&p, 4096, n + 4096))
		return NULL;
	memset(p, 0x5a, n + 4096);
	return p;
}

static int fail(const char *what, long rc)
{
	fprintf(stderr, "kcapi-bench: %s: %s\n", what, strerror(rc < 0 ? (int)-rc : (int)rc));
	return -1;
}

static int setup(struct cell *c)
{
	long rc;
	c->in = page_alloc(c->size + 16);
	c->out = page_alloc(c->size + 16);
	if (!c->in || !c->out)
		return fail("posix_memalign", ENOMEM);
	c->in_len = c->size;
	if (!strcmp(c->op, "sha256")) {
		if ((rc = kcapi_md_init(&c->h, "sha256", 0)))
			return fail("kcapi_md_init(sha256)", rc);
	} else if (!strcmp(c->op, "hmac-sha256")) {
		if ((rc = kcapi_md_init(&c->h, "hmac(sha256)", 0)))
			return fail("kcapi_md_init(hmac(sha256))", rc);
		if ((rc = kcapi_md_setkey(c->h, key32, sizeof(key32))))
			return fail("kcapi_md_setkey", rc);
	} else if (!strcmp(c->op, "cbc-aes128-enc")) {
		if ((rc = kcapi_cipher_init(&c->h, "cbc(aes)", 0)))
			return fail("kcapi_cipher_init(cbc(aes))", rc);
		if ((rc = kcapi_cipher_setkey(c->h, key16, sizeof(key16))))
			return fail("kcapi_cipher_setkey", rc);
	} else if (!strcmp(c->op, "gcm-aes128-enc") || !strcmp(c->op, "gcm-aes128-dec")) {
		if ((rc = kcapi_aead_init(&c->h, "gcm(aes)", 0)))
			return fail("kcapi_aead_init(gcm(aes))", rc);
		if ((rc = kcapi_aead_setkey(c->h, key16, sizeof(key16))))
			return fail("kcapi_aead_setkey", rc);
		if ((rc = kcapi_aead_settaglen(c->h, 16)))
			return fail("kcapi_aead_settaglen", rc);
		kcapi_aead_setassoclen(c->h, 0);
		if (!strcmp(c->op, "gcm-aes128-dec")) {
			/* Decrypt a real ciphertext || tag so that the tag check passes. */
			rc = kcapi_aead_encrypt(c->h, c->out, c->size, iv16, c->in, c->size + 16, KCAPI_ACCESS_HEURISTIC);
			if (rc < 0)
				return fail("kcapi_aead_encrypt (preparing the ciphertext)", rc);
			c->in_len = c->size + 16;
		}
	} else if (!strcmp(c->op, "drbg-nopr-sha256")) {
		if ((rc = kcapi_rng_init(&c->h, "drbg_nopr_sha256", 0)))
			return fail("kcapi_rng_init(drbg_nopr_sha256)", rc);
		/* An empty seed instantiates the DRBG from the kernel's own entropy, as TypedAlg does. */
		if ((rc = kcapi_rng_seed(c->h, NULL, 0)))
			return fail("kcapi_rng_seed", rc);
	} else {
		fprintf(stderr, "kcapi-bench: unknown op '%s'\n", c->op);
		return -1;
	}
	return 0;
}

static int run_once(struct cell *c)
{
	ssize_t rc;
	const char *op = c->op;
	if (op[0] == 's' || op[0] == 'h')
		rc = kcapi_md_digest(c->h, c->in, c->size, c->out, 32);
	else if (op[0] == 'c')
		rc = kcapi_cipher_encrypt(c->h, c->in, c->size, iv16, c->out, c->size, KCAPI_ACCESS_HEURISTIC);
	else if (!strcmp(op, "gcm-aes128-enc"))
		rc = kcapi_aead_encrypt(c->h, c->in, c->size, iv16, c->out, c->size + 16, KCAPI_ACCESS_HEURISTIC);
	else if (!strcmp(op, "gcm-aes128-dec"))
		rc = kcapi_aead_decrypt(c->h, c->in, c->in_len, iv16, c->out, c->size, KCAPI_ACCESS_HEURISTIC);
	else
		rc = kcapi_rng_generate(c->h, c->out, c->size);
	if (rc < 0)
		return fail(op, rc);
	return 0;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Runs until at least ms milliseconds have passed; returns ops per second. */
static double timed(struct cell *c, double ms, long *ops)
{
	double start = now_s(), end = start + ms / 1000.0, t;
	long n = 0;
	do {
		if (run_once(c))
			return -1;
		n++;
	} while ((t = now_s()) < end);
	*ops = n;
	return n / (t - start);
}

/* A marker the strace pass finds: write to fd -1 fails at once, and strace prints the text. */
static void marker(const char *what, const struct cell *c, long count)
{
	char buf[128];
	int n = snprintf(buf, sizeof(buf), "TABENCH %s %s %zu %ld", what, c->op, c->size, count);
	if (write(-1, buf, (size_t)n) < 0) { /* expected: EBADF */ }
}

static int cell_main(struct cell *c, int count_mode, double warmup_ms, double batch_ms, int batches, long count)
{
	long ops;
	if (setup(c))
		return 1;
	if (count_mode) {
		/* Same rule as TypedAlg.Bench: see bench/guest.sh. */
		if (!strcmp(c->op, "drbg-nopr-sha256") && c->size > 8192)
			return 0;
		if (c->size >= 8192)
			count = 1;
		/* A warm-up call first: libkcapi's lazy setup is not per-operation cost. */
		if (run_once(c))
			return 1;
		marker("begin", c, count);
		for (long i = 0; i < count; i++)
			if (run_once(c))
				return 1;
		marker("end", c, count);
		printf("libkcapi\t%s\t%zu\tcount\t%ld\n", c->op, c->size, count);
		return 0;
	}
	if (timed(c, warmup_ms, &ops) < 0)
		return 1;
	double rates[64];
	if (batches > 64)
		batches = 64;
	for (int i = 0; i < batches; i++)
		if ((rates[i] = timed(c, batch_ms, &ops)) < 0)
			return 1;
	qsort(rates, (size_t)batches, sizeof(double), cmp_double);
	printf("libkcapi\t%s\t%zu\t%.3f\t-\n", c->op, c->size, rates[batches / 2]);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 4 || (strcmp(argv[1], "time") && strcmp(argv[1], "count"))) {
		fprintf(stderr, "usage: %s time OPS SIZES WARMUP_MS BATCH_MS BATCHES | count OPS SIZES N\n", argv[0]);
		return 2;
	}
	int count_mode = !strcmp(argv[1], "count");
	if ((count_mode && argc != 5) || (!count_mode && argc != 7)) {
		fprintf(stderr, "kcapi-bench: wrong number of arguments\n");
		return 2;
	}
	double warmup_ms = count_mode ? 0 : atof(argv[4]);
	double batch_ms = count_mode ? 0 : atof(argv[5]);
	int batches = count_mode ? 0 : atoi(argv[6]);
	long count = count_mode ? atol(argv[4]) : 0;
	int status = 0;

	char *ops = strdup(argv[2]);
	for (char *op = strtok(ops, ","); op; op = strtok(NULL, ",")) {
		char *sizes = strdup(argv[3]), *save = NULL;
		for (char *s = strtok_r(sizes, ",", &save); s; s = strtok_r(NULL, ",", &save)) {
			struct cell c = { .op = op, .size = strtoul(s, NULL, 10) };
			fflush(stdout);
			pid_t pid = fork();
			if (pid == 0) {
				int rc = cell_main(&c, count_mode, warmup_ms, batch_ms, batches, count);
				fflush(stdout); /* _exit does not flush, and stdout is a pipe here */
				_exit(rc);
			}
			/* Poll so a cell that never finishes is killed after CELL_TIMEOUT_S and reported. The count
			 * pass runs under strace, and under qemu -icount (sleep=off) the guest clock jumps ahead while
			 * the traced child waits: 20 s of guest time killed counting cells there, so it waits 20 times longer. */
			int st = 0, timed_out = 0;
			double deadline = now_s() + (count_mode ? 20 : 1) * CELL_TIMEOUT_S;
			while (waitpid(pid, &st, WNOHANG) == 0) {
				if (now_s() > deadline) {
					kill(pid, SIGKILL);
					waitpid(pid, &st, 0);
					printf("libkcapi\t%s\t%zu\ttimeout\t-\n", op, c.size);
					timed_out = 1;
					break;
				}
				usleep(20000);
			}
			if (!timed_out && !(WIFEXITED(st) && WEXITSTATUS(st) == 0)) {
				printf("libkcapi\t%s\t%zu\terror\t-\n", op, c.size);
				status = 1;
			}
		}
		free(sizes);
	}
	free(ops);
	return status;
}

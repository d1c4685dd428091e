/*
 * The tool registry: the built-in tools, the tools of harness.conf and
 * those registered at run time with POST /v1/tools, which are kept in
 * the engine's state store (SQLite, WAL) so they survive restarts.
 * Secret grants come only from harness.conf: a registered tool cannot
 * ask for a secret.
 */
#include <sys/types.h>

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>
#include <sodium.h>
#include <sqlite3.h>

#include "auditc.h"
#include "conf.h"
#include "engine.h"
#include "jsonschema.h"
#include "log.h"
#include "proc.h"

#define STATE_DB		"/state.db"
#define TOOLS_DYNAMIC_MAX	256
#define TOOL_DESC_MAX		4096
#define TOOL_CODE_MAX		(256 * 1024)
#define TOOL_SCHEMA_MAX		(64 * 1024)

static struct etools	 tools = TAILQ_HEAD_INITIALIZER(tools);
static sqlite3		*db;
static size_t		 ndynamic;

/*
 * A registration or deletion waiting for its audit record: the state
 * store changes only once auditd has acknowledged the tool.register or
 * tool.delete record (fail secure: auditd down, no change).  Its name
 * is taken meanwhile.
 */
struct tools_wait {
	TAILQ_ENTRY(tools_wait) entry;
	struct proc_ctx	*ctx;
	uint32_t	 id;			/* the request */
	int		 del;			/* 0 register, 1 delete */
	struct etool	*t;			/* register: the new tool */
	char		*def;			/* register: as stored */
	char		 name[CONF_NAME_MAX];
	char		 who[80];
};
TAILQ_HEAD(tools_waits, tools_wait);
static struct tools_waits waits = TAILQ_HEAD_INITIALIZER(waits);
static size_t		 nwaits_register;

static void	tools_audit(struct tools_wait *, const char *, const char *);

static struct tools_wait *
wait_find(const char *name)
{
	struct tools_wait	*w;

	TAILQ_FOREACH(w, &waits, entry)
		if (strcmp(w->name, name) == 0)
			return w;
	return NULL;
}

/* The tools every engine offers, whatever the config says. */
static const struct {
	const char	*name;
	enum tool_builtin bi;
	const char	*description;
	const char	*schema;
} builtins[] = {
	/* Bounded by the call's arguments (CALL_ARGS_MAX). */
	{ "shell", BI_SHELL, "Run a shell command line in the session's "
	  "sandbox (sh -c, the workspace is the working directory)",
	  "{\"type\":\"object\",\"properties\":{\"command\":"
	  "{\"type\":\"string\",\"minLength\":1}},"
	  "\"required\":[\"command\"],\"additionalProperties\":false}" },
	{ "python", BI_PYTHON, "Run Python 3 code in the session's sandbox",
	  "{\"type\":\"object\",\"properties\":{\"code\":"
	  "{\"type\":\"string\",\"minLength\":1}},"
	  "\"required\":[\"code\"],\"additionalProperties\":false}" },
	{ "read_file", BI_READ_FILE, "Read a file of the session's workspace",
	  "{\"type\":\"object\",\"properties\":{\"path\":"
	  "{\"type\":\"string\",\"minLength\":1,\"maxLength\":1024}},"
	  "\"required\":[\"path\"],\"additionalProperties\":false}" },
	{ "write_file", BI_WRITE_FILE, "Write a file of the session's "
	  "workspace (created or replaced)",
	  "{\"type\":\"object\",\"properties\":{\"path\":"
	  "{\"type\":\"string\",\"minLength\":1,\"maxLength\":1024},"
	  "\"content\":{\"type\":\"string\"}},"
	  "\"required\":[\"path\",\"content\"],"
	  "\"additionalProperties\":false}" },
	{ "list_files", BI_LIST_FILES, "List the files of a directory of the "
	  "session's workspace",
	  "{\"type\":\"object\",\"properties\":{\"path\":"
	  "{\"type\":\"string\",\"maxLength\":1024}},"
	  "\"additionalProperties\":false}" },
};

static void
etool_free(struct etool *t)
{
	size_t	 i;

	if (t == NULL)
		return;
	free(t->description);
	free(t->schema_text);
	jsonschema_free(t->schema);
	for (i = 0; i < t->argc; i++)
		free(t->argv[i]);
	free(t->argv);
	free(t->code);
	free(t);
}

static int
set_schema(struct etool *t, const char *text, char *err, size_t errlen)
{
	struct json_object	*o;
	char			 why[400];

	if (text == NULL)
		text = "{\"type\":\"object\"}";
	if ((o = json_tokener_parse(text)) == NULL ||
	    !json_object_is_type(o, json_type_object)) {
		json_object_put(o);
		snprintf(err, errlen, "the schema is not a JSON object");
		return -1;
	}
	if ((t->schema = jsonschema_compile(o, why, sizeof(why))) == NULL) {
		json_object_put(o);
		snprintf(err, errlen, "bad schema: %s", why);
		return -1;
	}
	if (!jsonschema_takes_object(o)) {
		json_object_put(o);
		snprintf(err, errlen, "bad schema: a tool's arguments are a "
		    "JSON object, and its type does not allow one");
		return -1;
	}
	t->schema_text = strdup(json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN));
	json_object_put(o);
	if (t->schema_text == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

static struct etool *
etool_from_conf(const struct conf_tool *ct, char *err, size_t errlen)
{
	struct etool	*t;
	size_t		 i;

	if ((t = calloc(1, sizeof(*t))) == NULL)
		goto nomem;
	t->source = TOOL_CONFIG;
	strlcpy(t->name, ct->name, sizeof(t->name));
	if ((t->description = strdup(ct->description != NULL ?
	    ct->description : "")) == NULL)
		goto nomem;
	if (set_schema(t, ct->schema, err, errlen) == -1)
		goto fail;
	if (ct->command.n > 0) {
		if ((t->argv = calloc(ct->command.n, sizeof(char *))) == NULL)
			goto nomem;
		for (i = 0; i < ct->command.n; i++) {
			if ((t->argv[i] = strdup(ct->command.v[i])) == NULL)
				goto nomem;
			t->argc++;
		}
	}
	strlcpy(t->lang, ct->language, sizeof(t->lang));
	if (ct->code != NULL && (t->code = strdup(ct->code)) == NULL)
		goto nomem;
	strlcpy(t->shell_arg, ct->shell_arg, sizeof(t->shell_arg));
	t->limits = ct->limits;
	strlcpy(t->network, ct->network[0] ? ct->network : "none",
	    sizeof(t->network));
	if (conf_network(t->network) == CONF_NET_HOSTS)
		log_warnx("tool %s: network \"%s\": no filter by "
		    "destination yet, its calls are refused", t->name,
		    t->network);
	t->cache_ttl_ms = ct->cache_ttl_ms;
	t->has_grants = !TAILQ_EMPTY(&ct->grants);
	strlcpy(t->owner, "config", sizeof(t->owner));
	return t;
 nomem:
	snprintf(err, errlen, "out of memory");
 fail:
	etool_free(t);
	return NULL;
}

static struct etool *
etool_builtin(size_t i)
{
	struct etool	*t;
	char		 err[256];

	if ((t = calloc(1, sizeof(*t))) == NULL)
		return NULL;
	t->source = TOOL_BUILTIN;
	t->builtin = builtins[i].bi;
	strlcpy(t->name, builtins[i].name, sizeof(t->name));
	strlcpy(t->network, "none", sizeof(t->network));
	strlcpy(t->owner, "builtin", sizeof(t->owner));
	if ((t->description = strdup(builtins[i].description)) == NULL ||
	    set_schema(t, builtins[i].schema, err, sizeof(err)) == -1) {
		etool_free(t);
		return NULL;
	}
	if (t->builtin == BI_SHELL)
		strlcpy(t->shell_arg, "command", sizeof(t->shell_arg));
	return t;
}

/*
 * A JSON value that is a count of base units (a non-negative integer),
 * or a string as harness.conf(5) writes it, read by parse().
 */
static int
parse_value(struct json_object *o, int (*parse)(const char *, uint64_t *),
    uint64_t *out)
{
	int64_t	 i;

	if (json_object_is_type(o, json_type_int)) {
		if ((i = json_object_get_int64(o)) < 0)
			return -1;
		*out = (uint64_t)i;
		return 0;
	}
	if (!json_object_is_type(o, json_type_string))
		return -1;
	return parse(json_object_get_string(o), out);
}

/* Durations: milliseconds, or "500ms", "30s" (or "30"), "5m", "2h",
   "1d". */
int
tools_parse_duration(struct json_object *o, uint64_t *out)
{
	return parse_value(o, conf_parse_duration, out);
}

/* Sizes: bytes, or "64K", "512M", "1G", "2T" (also "64KB"). */
int
tools_parse_size(struct json_object *o, uint64_t *out)
{
	return parse_value(o, conf_parse_size, out);
}

/*
 * Limit i (of struct conf_limits) given as v, as harness.conf takes it:
 * not 0, processes and files in their ranges.  prefix names where it
 * was: "limits." (the message then reads "limits.time: ...") or "".
 */
int
tools_limit_check(size_t i, uint64_t v, const char *prefix, char *err,
    size_t errlen)
{
	char	 msg[128];

	if (conf_limit_check(i, v, msg, sizeof(msg)) == 0)
		return 0;
	snprintf(err, errlen, "%s%s", prefix, msg);
	return -1;
}

int
tools_parse_limits(struct json_object *o, struct conf_limits *l, char *err,
    size_t errlen)
{
	static const struct {
		const char	*name;
		int		 is_time;
		size_t		 off;
	} keys[] = {
		{ "time", 1, offsetof(struct conf_limits, wall_ms) },
		{ "cpu", 1, offsetof(struct conf_limits, cpu_ms) },
		{ "memory", 0, offsetof(struct conf_limits, memory) },
		{ "processes", 0, offsetof(struct conf_limits, procs) },
		{ "output", 0, offsetof(struct conf_limits, output) },
		{ "filesize", 0, offsetof(struct conf_limits, fsize) },
		{ "files", 0, offsetof(struct conf_limits, nofile) },
		{ "tmp", 0, offsetof(struct conf_limits, tmp) },
	};
	size_t	 i;
	int	 found;

	if (!json_object_is_type(o, json_type_object)) {
		snprintf(err, errlen, "limits must be an object");
		return -1;
	}
	json_object_object_foreach(o, k, v) {
		found = 0;
		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
			if (strcmp(k, keys[i].name) != 0)
				continue;
			found = 1;
			if ((keys[i].is_time ? tools_parse_duration(v,
			    (uint64_t *)((char *)l + keys[i].off)) :
			    tools_parse_size(v,
			    (uint64_t *)((char *)l + keys[i].off))) == -1) {
				snprintf(err, errlen, "limits.%s: expected %s",
				    k, keys[i].is_time ? "a duration (\"30s\" "
				    "or milliseconds)" : "a size (\"64M\" or "
				    "bytes) or a number");
				return -1;
			}
			if (tools_limit_check(keys[i].off / sizeof(uint64_t),
			    *(uint64_t *)((char *)l + keys[i].off), "limits.",
			    err, errlen) == -1)
				return -1;
		}
		if (!found) {
			snprintf(err, errlen, "limits: unknown limit \"%.64s\" "
			    "(time, cpu, memory, processes, output, "
			    "filesize, files, tmp)", k);
			return -1;
		}
	}
	return 0;
}

static int
name_valid(const char *s)
{
	return sandbox_tool_valid(s) && strlen(s) < CONF_NAME_MAX;
}

/*
 * A registered tool from its JSON definition.  Everything is checked
 * here; the engine trusts nothing the client sent.
 */
static struct etool *
etool_from_json(struct json_object *o, char *err, size_t errlen)
{
	struct etool		*t;
	struct json_object	*v, *e;
	size_t			 i, n;
	const char		*s;

	if (!json_object_is_type(o, json_type_object)) {
		snprintf(err, errlen, "a tool is a JSON object");
		return NULL;
	}
	json_object_object_foreach(o, key, val) {
		(void)val;
		if (strcmp(key, "name") && strcmp(key, "description") &&
		    strcmp(key, "schema") && strcmp(key, "command") &&
		    strcmp(key, "language") && strcmp(key, "code") &&
		    strcmp(key, "limits") && strcmp(key, "network") &&
		    strcmp(key, "cache") && strcmp(key, "shell")) {
			if (strcmp(key, "secrets") == 0 ||
			    strcmp(key, "secret") == 0)
				snprintf(err, errlen, "secret grants come only "
				    "from harness.conf");
			else
				snprintf(err, errlen, "unknown member \"%.64s\" "
				    "(name, description, schema, command, "
				    "language, code, shell, limits, network, "
				    "cache)", key);
			return NULL;
		}
	}
	if ((t = calloc(1, sizeof(*t))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	t->source = TOOL_DYNAMIC;
	if (!json_object_object_get_ex(o, "name", &v) ||
	    !json_object_is_type(v, json_type_string) ||
	    !name_valid(json_object_get_string(v))) {
		snprintf(err, errlen, "name: 1 to %d of [A-Za-z0-9_.-], not "
		    "starting with '.'", CONF_NAME_MAX - 1);
		goto fail;
	}
	if (conf_tool_reserved(json_object_get_string(v)) != NULL) {
		snprintf(err, errlen, "name: \"%s\" is reserved: %s",
		    json_object_get_string(v),
		    conf_tool_reserved(json_object_get_string(v)));
		goto fail;
	}
	strlcpy(t->name, json_object_get_string(v), sizeof(t->name));
	s = "";
	if (json_object_object_get_ex(o, "description", &v)) {
		if (!json_object_is_type(v, json_type_string) ||
		    json_object_get_string_len(v) > TOOL_DESC_MAX) {
			snprintf(err, errlen, "description: a string of at "
			    "most %d bytes", TOOL_DESC_MAX);
			goto fail;
		}
		s = json_object_get_string(v);
	}
	if ((t->description = strdup(s)) == NULL)
		goto nomem;
	s = NULL;
	if (json_object_object_get_ex(o, "schema", &v)) {
		if (!json_object_is_type(v, json_type_object)) {
			snprintf(err, errlen, "schema: a JSON Schema object");
			goto fail;
		}
		s = json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN);
		if (strlen(s) > TOOL_SCHEMA_MAX) {
			snprintf(err, errlen, "schema: at most %d bytes",
			    TOOL_SCHEMA_MAX);
			goto fail;
		}
	}
	if (set_schema(t, s, err, errlen) == -1)
		goto fail;
	if (json_object_object_get_ex(o, "command", &v)) {
		if (!json_object_is_type(v, json_type_array) ||
		    (n = json_object_array_length(v)) == 0 ||
		    n > SANDBOX_ARGV_MAX) {
			snprintf(err, errlen, "command: an array of 1 to %d "
			    "strings", SANDBOX_ARGV_MAX);
			goto fail;
		}
		if ((t->argv = calloc(n, sizeof(char *))) == NULL)
			goto nomem;
		for (i = 0; i < n; i++) {
			e = json_object_array_get_idx(v, i);
			if (!json_object_is_type(e, json_type_string) ||
			    json_object_get_string_len(e) >= SANDBOX_ARG_MAX ||
			    memchr(json_object_get_string(e), '\0',
			    (size_t)json_object_get_string_len(e)) != NULL ||
			    (i == 0 && json_object_get_string_len(e) == 0)) {
				snprintf(err, errlen, "command[%zu]: a string "
				    "without NUL, shorter than %d bytes%s", i,
				    SANDBOX_ARG_MAX, i == 0 ? ", not empty" :
				    "");
				goto fail;
			}
			if ((t->argv[i] = strdup(json_object_get_string(e)))
			    == NULL)
				goto nomem;
			t->argc++;
		}
	}
	if (json_object_object_get_ex(o, "language", &v)) {
		if (!json_object_is_type(v, json_type_string) ||
		    !sandbox_lang_known(json_object_get_string(v))) {
			snprintf(err, errlen, "language: sh, bash or python3");
			goto fail;
		}
		strlcpy(t->lang, json_object_get_string(v), sizeof(t->lang));
	}
	if (json_object_object_get_ex(o, "code", &v)) {
		if (!json_object_is_type(v, json_type_string) ||
		    json_object_get_string_len(v) == 0 ||
		    json_object_get_string_len(v) > TOOL_CODE_MAX) {
			snprintf(err, errlen, "code: a string of 1 to %d bytes",
			    TOOL_CODE_MAX);
			goto fail;
		}
		if ((t->code = strdup(json_object_get_string(v))) == NULL)
			goto nomem;
	}
	if ((t->argc > 0) == (t->code != NULL) ||
	    (t->code != NULL) != (t->lang[0] != '\0')) {
		snprintf(err, errlen, "a tool runs either a command or a "
		    "language with code");
		goto fail;
	}
	if (json_object_object_get_ex(o, "shell", &v)) {
		if (!json_object_is_type(v, json_type_string) ||
		    json_object_get_string_len(v) == 0 ||
		    json_object_get_string_len(v) >= CONF_NAME_MAX) {
			snprintf(err, errlen, "shell: the name of the argument "
			    "holding a command line");
			goto fail;
		}
		strlcpy(t->shell_arg, json_object_get_string(v),
		    sizeof(t->shell_arg));
	}
	if (json_object_object_get_ex(o, "limits", &v) &&
	    tools_parse_limits(v, &t->limits, err, errlen) == -1)
		goto fail;
	strlcpy(t->network, "none", sizeof(t->network));
	if (json_object_object_get_ex(o, "network", &v)) {
		if (!json_object_is_type(v, json_type_string) ||
		    json_object_get_string_len(v) == 0 ||
		    conf_network(json_object_get_string(v)) ==
		    CONF_NET_HOSTS) {
			snprintf(err, errlen, "network: \"none\" or \"any\"");
			goto fail;
		}
		strlcpy(t->network, json_object_get_string(v),
		    sizeof(t->network));
	}
	if (json_object_object_get_ex(o, "cache", &v) &&
	    tools_parse_duration(v, &t->cache_ttl_ms) == -1) {
		snprintf(err, errlen, "cache: a duration (\"5m\" or "
		    "milliseconds)");
		goto fail;
	}
	return t;
 nomem:
	snprintf(err, errlen, "out of memory");
 fail:
	etool_free(t);
	return NULL;
}

/* The definition as stored and as GET shows it. */
struct json_object *
tools_describe(const struct etool *t)
{
	struct json_object	*o, *a, *l;
	static const char	*srcs[] = { "builtin", "config", "dynamic" };
	size_t			 i;

	o = json_object_new_object();
	json_object_object_add(o, "name", json_object_new_string(t->name));
	json_object_object_add(o, "description",
	    json_object_new_string(t->description));
	json_object_object_add(o, "schema",
	    json_tokener_parse(t->schema_text));
	json_object_object_add(o, "source",
	    json_object_new_string(srcs[t->source]));
	if (t->argc > 0) {
		a = json_object_new_array();
		for (i = 0; i < t->argc; i++)
			json_object_array_add(a,
			    json_object_new_string(t->argv[i]));
		json_object_object_add(o, "command", a);
	}
	if (t->code != NULL) {
		json_object_object_add(o, "language",
		    json_object_new_string(t->lang));
		json_object_object_add(o, "code",
		    json_object_new_string(t->code));
	}
	if (t->shell_arg[0] != '\0' && t->builtin == BI_NONE)
		json_object_object_add(o, "shell",
		    json_object_new_string(t->shell_arg));
	l = json_object_new_object();
#define LIM(n, f) if (t->limits.f) json_object_object_add(l, n, \
	    json_object_new_int64((int64_t)t->limits.f))
	LIM("time", wall_ms);
	LIM("cpu", cpu_ms);
	LIM("memory", memory);
	LIM("processes", procs);
	LIM("output", output);
	LIM("filesize", fsize);
	LIM("files", nofile);
	LIM("tmp", tmp);
#undef LIM
	if (json_object_object_length(l) > 0)
		json_object_object_add(o, "limits", l);
	else
		json_object_put(l);
	json_object_object_add(o, "network",
	    json_object_new_string(t->network));
	if (t->cache_ttl_ms > 0)
		json_object_object_add(o, "cache",
		    json_object_new_int64((int64_t)t->cache_ttl_ms));
	if (t->source == TOOL_DYNAMIC) {
		json_object_object_add(o, "owner",
		    json_object_new_string(t->owner));
		json_object_object_add(o, "created",
		    json_object_new_int64(t->created));
	}
	return o;
}

void
tools_hash(struct etool *t)
{
	struct json_object	*o;
	const char		*s;

	o = tools_describe(t);
	json_object_object_del(o, "created");
	s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
	crypto_hash_sha256(t->defhash, (const unsigned char *)s, strlen(s));
	json_object_put(o);
}

struct etool *
tools_find(const char *name)
{
	struct etool	*t;

	TAILQ_FOREACH(t, &tools, entry)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}

static int
db_exec(const char *sql)
{
	char	*msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		log_warnx("state: %s: %s", sql, msg ? msg : "?");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static void
load_dynamic(void)
{
	sqlite3_stmt		*st;
	struct json_object	*o;
	struct etool		*t;
	char			 err[512];

	if (db == NULL || sqlite3_prepare_v2(db, "SELECT name, def, owner, "
	    "created FROM tools ORDER BY created, name", -1, &st, NULL) !=
	    SQLITE_OK)
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		const char *def = (const char *)sqlite3_column_text(st, 1);
		const char *owner = (const char *)sqlite3_column_text(st, 2);

		if (name == NULL || def == NULL)
			continue;
		o = json_tokener_parse(def);
		t = o != NULL ? etool_from_json(o, err, sizeof(err)) : NULL;
		json_object_put(o);
		if (t == NULL) {
			log_warnx("state: tool %s ignored: %s", name,
			    o == NULL ? "not JSON" : err);
			continue;
		}
		if (tools_find(t->name) != NULL) {
			log_warnx("state: registered tool %s is shadowed by "
			    "a built-in or configured tool", t->name);
			etool_free(t);
			continue;
		}
		strlcpy(t->owner, owner ? owner : "", sizeof(t->owner));
		t->created = sqlite3_column_int64(st, 3);
		TAILQ_INSERT_TAIL(&tools, t, entry);
		ndynamic++;
	}
	sqlite3_finalize(st);
}

/*
 * The tool list from a configuration, the API's registrations and the
 * built-ins.  How many tools of the file were ignored, the first one's
 * error in why.
 */
static size_t
build(const struct harness_conf *conf, char *why, size_t whysz)
{
	struct conf_tool	*ct;
	struct etool		*t;
	size_t			 i, bad = 0;
	char			 err[512];

	while ((t = TAILQ_FIRST(&tools)) != NULL) {
		TAILQ_REMOVE(&tools, t, entry);
		etool_free(t);
	}
	ndynamic = 0;
	TAILQ_FOREACH(ct, &conf->tools, entry) {
		if ((t = etool_from_conf(ct, err, sizeof(err))) == NULL) {
			log_warnx("tool %s (%s:%d) ignored: %s", ct->name,
			    ct->file, ct->line, err);
			if (bad++ == 0 && why != NULL)
				snprintf(why, whysz, "tool %s (%s:%d) "
				    "ignored: %s", ct->name, ct->file,
				    ct->line, err);
			continue;
		}
		TAILQ_INSERT_TAIL(&tools, t, entry);
	}
	for (i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++) {
		if (tools_find(builtins[i].name) != NULL)
			continue;	/* the config redefines it */
		if ((t = etool_builtin(i)) == NULL)
			fatalx("%s: out of memory", __func__);
		TAILQ_INSERT_TAIL(&tools, t, entry);
	}
	load_dynamic();
	TAILQ_FOREACH(t, &tools, entry)
		tools_hash(t);
	return bad;
}

int
tools_init(struct proc_ctx *ctx)
{
	if (sqlite3_open_v2(STATE_DB, &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		log_warnx("state: cannot open %s: %s", STATE_DB,
		    db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		db = NULL;
		return -1;
	}
	sqlite3_busy_timeout(db, 2000);
	if (db_exec("PRAGMA journal_mode = WAL") == -1 ||
	    db_exec("PRAGMA synchronous = FULL") == -1 ||
	    db_exec("CREATE TABLE IF NOT EXISTS tools (name TEXT PRIMARY KEY, "
	    "def TEXT NOT NULL, owner TEXT NOT NULL, created INTEGER NOT "
	    "NULL)") == -1)
		return -1;
	(void)build(ctx->conf, NULL, 0);
	log_info("tools: %zu registered at run time, state in %s", ndynamic,
	    STATE_DB);
	return 0;
}

/* Registrations and deletions still waiting for their record. */
size_t
tools_pending(void)
{
	struct tools_wait	*w;
	size_t			 n = 0;

	TAILQ_FOREACH(w, &waits, entry)
		n++;
	return n;
}

/*
 * A clean stop: closing the last connection checkpoints the WAL into
 * the database and removes state.db-wal and state.db-shm.
 */
void
tools_shutdown(void)
{
	if (db == NULL)
		return;
	if (sqlite3_close(db) != SQLITE_OK)
		log_warnx("state: cannot close %s: %s", STATE_DB,
		    sqlite3_errmsg(db));
	else
		db = NULL;
}

int
tools_reload(struct proc_ctx *ctx, struct harness_conf *nconf, char *note,
    size_t notesz)
{
	struct etool	*t;
	size_t		 bad, n = 0, len;

	(void)ctx;
	if ((bad = build(nconf, note, notesz)) > 0) {
		len = strlen(note);
		if (bad > 1 && len < notesz)
			snprintf(note + len, notesz - len, " (and %zu more)",
			    bad - 1);
		return -1;
	}
	TAILQ_FOREACH(t, &tools, entry)
		n++;
	snprintf(note, notesz, "%zu tool%s, %zu registered through the "
	    "API", n, n == 1 ? "" : "s", ndynamic);
	return 0;
}

void
tools_route_list(struct proc_ctx *ctx, const struct gw_req *r)
{
	struct json_object	*o, *arr;
	struct etool		*t;

	o = json_object_new_object();
	arr = json_object_new_array();
	TAILQ_FOREACH(t, &tools, entry)
		if (eng_allowed(r, t->name))
			json_object_array_add(arr, tools_describe(t));
	json_object_object_add(o, "tools", arr);
	eng_reply_obj(ctx, r->id, 200, o);
	json_object_put(o);
}

void
tools_route_get(struct proc_ctx *ctx, const struct gw_req *r,
    const char *name)
{
	struct etool		*t;
	struct json_object	*o;

	if ((t = tools_find(name)) == NULL || !eng_allowed(r, name)) {
		eng_error(ctx, r->id, 404, "no_such_tool", "no tool \"%s\"",
		    name);
		return;
	}
	o = tools_describe(t);
	eng_reply_obj(ctx, r->id, 200, o);
	json_object_put(o);
}

/*
 * A registration or deletion refused: answered, and recorded (not
 * waited for) as outcome "refused" with the code and reason.
 */
static void __attribute__((__format__ (printf, 7, 8)))
tools_refuse(struct proc_ctx *ctx, const struct gw_req *r, int del,
    const char *name, int status, const char *code, const char *fmt, ...)
{
	struct json_object	*o;
	va_list			 ap;
	char			 msg[1024];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	o = json_object_new_object();
	if (name != NULL && name[0] != '\0')
		json_object_object_add(o, "tool", json_object_new_string(name));
	json_object_object_add(o, "outcome",
	    json_object_new_string("refused"));
	json_object_object_add(o, "code", json_object_new_string(code));
	json_object_object_add(o, "reason", json_object_new_string(msg));
	if (audit_event(del ? "tool.delete" : "tool.register", "", r->who,
	    json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN), 0,
	    NULL, NULL) == -1)
		log_warnx("cannot audit a refused tool %s by %s",
		    del ? "deletion" : "registration", r->who);
	json_object_put(o);
	eng_error(ctx, r->id, status, code, "%s", msg);
}

void
tools_route_register(struct proc_ctx *ctx, const struct gw_req *r)
{
	struct json_object	*o, *d;
	struct json_tokener	*tok;
	struct etool		*t;
	struct tools_wait	*w;
	char			 err[512];
	const char		*def;
	size_t			 over;

	if (!eng_unrestricted(r)) {
		tools_refuse(ctx, r, 0, NULL, 403, "forbidden", "%s may only "
		    "call its own tools; registering needs an unrestricted "
		    "identity", r->who);
		return;
	}
	if ((tok = json_tokener_new_ex(32)) == NULL) {
		tools_refuse(ctx, r, 0, NULL, 500, "internal", "out of memory");
		return;
	}
	o = json_tokener_parse_ex(tok, r->body, (int)r->blen);
	if (o == NULL || tok->char_offset != (int)r->blen) {
		tools_refuse(ctx, r, 0, NULL, 400, "bad_json", "the body is "
		    "not one JSON object: %s", o == NULL ?
		    json_tokener_error_desc(json_tokener_get_error(tok)) :
		    "trailing bytes");
		json_object_put(o);
		json_tokener_free(tok);
		return;
	}
	json_tokener_free(tok);
	strlcpy(err, "$", sizeof(err));
	if (eng_nul_find(o, NULL, err, sizeof(err))) {
		json_object_put(o);
		tools_refuse(ctx, r, 0, NULL, 400, "bad_tool", "%s: a string "
		    "with a NUL byte (\\u0000)", err);
		return;
	}
	if ((t = etool_from_json(o, err, sizeof(err))) == NULL) {
		json_object_put(o);
		tools_refuse(ctx, r, 0, NULL, 400, "bad_tool", "%s", err);
		return;
	}
	json_object_put(o);
	/* as harness.conf(5) refuses such a tool: every run would be */
	over = 0;
	if (conf_limits_over(&t->limits, &ctx->conf->sandboxd.max_limits,
	    &over, err, sizeof(err))) {
		tools_refuse(ctx, r, 0, t->name, 400, "bad_tool", "limits: %s",
		    err);
		etool_free(t);
		return;
	}
	if (wait_find(t->name) != NULL) {
		tools_refuse(ctx, r, 0, t->name, 409, "busy", "a tool named "
		    "\"%s\" is being %s", t->name, wait_find(t->name)->del ?
		    "deleted" : "registered");
		etool_free(t);
		return;
	}
	if (tools_find(t->name) != NULL) {
		if (tools_find(t->name)->source == TOOL_DYNAMIC)
			tools_refuse(ctx, r, 0, t->name, 409, "exists",
			    "a tool named \"%s\" exists already: DELETE "
			    "/v1/tools/%s (or harnessctl tool rm %s) first",
			    t->name, t->name, t->name);
		else
			tools_refuse(ctx, r, 0, t->name, 409, "exists",
			    "a tool named \"%s\" exists already, %s", t->name,
			    tools_find(t->name)->source == TOOL_BUILTIN ?
			    "built in" : "from the configuration");
		etool_free(t);
		return;
	}
	if (ndynamic + nwaits_register >= TOOLS_DYNAMIC_MAX) {
		tools_refuse(ctx, r, 0, t->name, 507, "too_many_tools",
		    "at most %d registered tools", TOOLS_DYNAMIC_MAX);
		etool_free(t);
		return;
	}
	strlcpy(t->owner, r->who, sizeof(t->owner));
	t->created = (int64_t)time(NULL);

	/* Durable before it is acknowledged, and audited before that. */
	d = tools_describe(t);
	json_object_object_del(d, "source");
	json_object_object_del(d, "owner");
	json_object_object_del(d, "created");
	def = json_object_to_json_string_ext(d, JSON_C_TO_STRING_PLAIN);
	if ((w = calloc(1, sizeof(*w))) == NULL ||
	    (w->def = strdup(def)) == NULL) {
		free(w);
		json_object_put(d);
		tools_refuse(ctx, r, 0, t->name, 500, "internal",
		    "out of memory");
		etool_free(t);
		return;
	}
	json_object_put(d);
	w->ctx = ctx;
	w->id = r->id;
	w->t = t;
	strlcpy(w->name, t->name, sizeof(w->name));
	strlcpy(w->who, r->who, sizeof(w->who));
	TAILQ_INSERT_TAIL(&waits, w, entry);
	nwaits_register++;
	tools_audit(w, "registered", NULL);
}

/* A tool's definition as the state store keeps it: its SHA-256. */
static void
def_sha256(const char *def, char *hex, size_t len)
{
	unsigned char	 h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)def, strlen(def));
	sodium_bin2hex(hex, len, h, sizeof(h));
}

static void
wait_free(struct tools_wait *w)
{
	TAILQ_REMOVE(&waits, w, entry);
	if (!w->del)
		nwaits_register--;
	etool_free(w->t);
	free(w->def);
	free(w);
}

static void	tools_audited(int, uint64_t, const char *, void *);

/*
 * Send w's record: outcome "registered" or "deleted" (acknowledged
 * before the change), or "failed" with a reason (after it, not waited
 * for).
 */
static void
tools_audit(struct tools_wait *w, const char *outcome, const char *reason)
{
	struct json_object	*o;
	char			 hex[crypto_hash_sha256_BYTES * 2 + 1];
	const char		*type;
	int			 rc, ack = reason == NULL;

	type = w->del ? "tool.delete" : "tool.register";
	o = json_object_new_object();
	json_object_object_add(o, "tool", json_object_new_string(w->name));
	json_object_object_add(o, "outcome", json_object_new_string(outcome));
	if (w->def != NULL) {
		def_sha256(w->def, hex, sizeof(hex));
		json_object_object_add(o, "sha256",
		    json_object_new_string(hex));
		json_object_object_add(o, "bytes",
		    json_object_new_int64((int64_t)strlen(w->def)));
	}
	if (reason != NULL)
		json_object_object_add(o, "reason",
		    json_object_new_string(reason));
	rc = audit_event(type, "", w->who,
	    json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN),
	    ack ? AUDIT_ACK : 0, ack ? tools_audited : NULL, ack ? w : NULL);
	json_object_put(o);
	if (rc == -1) {
		if (ack)
			tools_audited(0, 0, "auditd unreachable: cannot send "
			    "the record", w);
		else
			log_warnx("cannot audit: tool %s: %s", w->name,
			    reason);
	}
}

/* Register: the record is durable; store the tool, then answer. */
static void
register_commit(struct tools_wait *w)
{
	struct etool		*t = w->t;
	struct json_object	*o;
	sqlite3_stmt		*st;
	int			 rc = SQLITE_ERROR;

	/* A reload may have brought a tool of that name meanwhile. */
	if (tools_find(t->name) != NULL) {
		tools_audit(w, "failed", "a tool of that name came with a "
		    "reload");
		eng_error(w->ctx, w->id, 409, "exists", "a tool named \"%s\" "
		    "exists already, from the configuration", t->name);
		return;
	}
	if (db != NULL && sqlite3_prepare_v2(db, "INSERT INTO tools (name, "
	    "def, owner, created) VALUES (?, ?, ?, ?)", -1, &st, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, w->def, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, t->owner, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, t->created);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
	}
	if (rc != SQLITE_DONE) {
		log_warnx("state: cannot store tool %s: %s", t->name,
		    db ? sqlite3_errmsg(db) : "no database");
		tools_audit(w, "failed", "cannot store the tool");
		eng_error(w->ctx, w->id, 500, "state", "cannot store the tool");
		return;
	}
	tools_hash(t);
	TAILQ_INSERT_TAIL(&tools, t, entry);
	w->t = NULL;
	ndynamic++;
	log_info("tool %s registered by %s", t->name, w->who);
	o = tools_describe(t);
	eng_reply_obj(w->ctx, w->id, 201, o);
	json_object_put(o);
}

/* Delete: the record is durable; remove the tool, then answer. */
static void
delete_commit(struct tools_wait *w)
{
	struct etool	*t;
	sqlite3_stmt	*st;
	int		 rc = SQLITE_ERROR;

	if (db != NULL && sqlite3_prepare_v2(db, "DELETE FROM tools WHERE "
	    "name = ?", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, w->name, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
	}
	if (rc != SQLITE_DONE) {
		log_warnx("state: cannot delete tool %s: %s", w->name,
		    db ? sqlite3_errmsg(db) : "no database");
		tools_audit(w, "failed", "cannot delete the tool");
		eng_error(w->ctx, w->id, 500, "state", "cannot delete the "
		    "tool");
		return;
	}
	log_info("tool %s deleted by %s", w->name, w->who);
	/* Found again: a reload rebuilds the list. */
	if ((t = tools_find(w->name)) != NULL && t->source == TOOL_DYNAMIC) {
		TAILQ_REMOVE(&tools, t, entry);
		etool_free(t);
		ndynamic--;
	}
	eng_reply(w->ctx, w->id, 200, "{\"deleted\":true}");
}

static void
tools_audited(int ok, uint64_t seq, const char *err, void *arg)
{
	struct tools_wait	*w = arg;

	if (!ok) {
		log_warnx("tool %s not %s: %s", w->name, w->del ? "deleted" :
		    "registered", err);
		eng_error(w->ctx, w->id, 503, "audit_unavailable", "tool %s "
		    "not %s: %s", w->name, w->del ? "deleted" : "registered",
		    err);
	} else if (w->del)
		delete_commit(w);
	else
		register_commit(w);
	wait_free(w);
}

void
tools_route_delete(struct proc_ctx *ctx, const struct gw_req *r,
    const char *name)
{
	struct etool		*t;
	struct tools_wait	*w;

	if ((t = tools_find(name)) == NULL || !eng_allowed(r, name)) {
		tools_refuse(ctx, r, 1, name, 404, "no_such_tool",
		    "no tool \"%s\"", name);
		return;
	}
	if (t->source != TOOL_DYNAMIC) {
		tools_refuse(ctx, r, 1, name, 403, "forbidden", "tool \"%s\" "
		    "is %s; only registered tools can be deleted", name,
		    t->source == TOOL_BUILTIN ? "built in" :
		    "defined in harness.conf");
		return;
	}
	if (!eng_unrestricted(r)) {
		tools_refuse(ctx, r, 1, name, 403, "forbidden", "deleting "
		    "tools needs an unrestricted identity");
		return;
	}
	if (wait_find(name) != NULL) {
		tools_refuse(ctx, r, 1, name, 409, "busy", "tool \"%s\" is "
		    "being deleted already", name);
		return;
	}
	if ((w = calloc(1, sizeof(*w))) == NULL) {
		tools_refuse(ctx, r, 1, name, 500, "internal", "out of memory");
		return;
	}
	w->ctx = ctx;
	w->id = r->id;
	w->del = 1;
	strlcpy(w->name, name, sizeof(w->name));
	strlcpy(w->who, r->who, sizeof(w->who));
	TAILQ_INSERT_TAIL(&waits, w, entry);
	tools_audit(w, "deleted", NULL);
}

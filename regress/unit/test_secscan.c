/*
 * lib/secscan: every pattern is found and replaced, and the things that
 * look a bit like secrets but are not (UUIDs, digests, paths, prose,
 * placeholders) are left alone.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "secscan.h"
#include "../tap.h"

#define RSA_BODY \
	"MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi6Z2ez+o4ahxXEWRJX7BBJ6M0Q\n" \
	"y8GwPjzC4eRmKqFfJ1B2vZ+1Zz7M1m2XH7q4D4Z2Q6KpZy8wqJ9D1fQeX3Fv9t3r\n" \
	"w0bT5wJ2l3qN8zC2oQ==\n"

struct tcase {
	const char	*name;
	const char	*in;
	const char	*want;		/* expected output */
	const char	*pattern;	/* first hit's pattern, NULL: none */
};

static const struct tcase cases[] = {
	/* --- true positives ------------------------------------------ */
	{ "RSA private key block",
	  "key:\n-----BEGIN RSA PRIVATE KEY-----\n" RSA_BODY
	  "-----END RSA PRIVATE KEY-----\nafter",
	  "key:\n[REDACTED:private-key]\nafter", "private-key" },
	{ "OPENSSH private key block",
	  "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5v"
	  "bmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----",
	  "[REDACTED:private-key]", "private-key" },
	{ "EC private key block",
	  "x -----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg\n"
	  "-----END EC PRIVATE KEY----- y",
	  "x [REDACTED:private-key] y", "private-key" },
	{ "ENCRYPTED private key block with headers",
	  "-----BEGIN ENCRYPTED PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
	  "MIIFHzBJBgkqhkiG9w0BBQ0wPDAbBgkqhkiG9w0BBQwwDgQI\n"
	  "-----END ENCRYPTED PRIVATE KEY-----\n",
	  "[REDACTED:private-key]\n", "private-key" },
	{ "private key inside a JSON string (escaped newlines)",
	  "{\"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADAN"
	  "\\n-----END PRIVATE KEY-----\\n\", \"x\": 1}",
	  "{\"private_key\": \"[REDACTED:private-key]\", \"x\": 1}",
	  "private-key" },
	{ "truncated private key: body lines up to the prose",
	  "-----BEGIN RSA PRIVATE KEY-----\n" RSA_BODY
	  "MIIEpAIBAAKCAQEA3Tz2mr7S\n(output truncated)\n",
	  "[REDACTED:private-key]\n(output truncated)\n", "private-key" },
	{ "AWS access key id (AKIA)",
	  "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n",
	  "aws_access_key_id = [REDACTED:aws-access-key-id]\n",
	  "aws-access-key-id" },
	{ "AWS temporary key id (ASIA) in JSON",
	  "{\"AccessKeyId\": \"ASIAY34FZKBOKMUTVV7A\"}",
	  "{\"AccessKeyId\": \"[REDACTED:aws-access-key-id]\"}",
	  "aws-access-key-id" },
	{ "AWS secret key in an ini assignment",
	  "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
	  "aws_secret_access_key = [REDACTED:aws-secret-key]\n",
	  "aws-secret-key" },
	{ "AWS secret key in sts JSON output",
	  "\"SecretAccessKey\": \"je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY\",",
	  "\"SecretAccessKey\": \"[REDACTED:aws-secret-key]\",",
	  "aws-secret-key" },
	{ "GitHub personal token",
	  "token ghp_16C7e42F292c6912E7710c838347Ae178B4a used",
	  "token [REDACTED:github-token] used", "github-token" },
	{ "GitHub fine-grained token",
	  "GH=github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEF"
	  "GHIJKLMNOPQRSTUV0123456789\n",
	  "GH=[REDACTED:github-token]\n", "github-token" },
	{ "GitHub app token as URL password",
	  "git clone https://x-access-token:ghs_16C7e42F292c6912E7710c838347"
	  "Ae178B4a@github.com/o/r",
	  "git clone https://x-access-token:[REDACTED:github-token]"
	  "@github.com/o/r", "github-token" },
	{ "Slack bot token",
	  "SLACK=xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx ok",
	  "SLACK=[REDACTED:slack-token] ok", "slack-token" },
	{ "Slack webhook URL",
	  "post to https://hooks.slack.com/services/T00000000/B00000000/"
	  "XXXXXXXXXXXXXXXXXXXXXXXX now",
	  "post to [REDACTED:slack-webhook] now", "slack-webhook" },
	{ "JWT",
	  "cookie: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3"
	  "ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJS"
	  "MeKKF2QT4fwpMeJf36POk6yJV_adQssw5c;",
	  "cookie: [REDACTED:jwt];", "jwt" },
	{ "password=value",
	  "login user=bob password=hunter22 ok",
	  "login user=bob password=[REDACTED:password-assignment] ok",
	  "password-assignment" },
	{ "JSON \"password\": \"...\" with spaces inside",
	  "{\"user\": \"bob\", \"password\": \"correct horse battery\"}",
	  "{\"user\": \"bob\", "
	  "\"password\": \"[REDACTED:password-assignment]\"}",
	  "password-assignment" },
	{ "JSON \"password\": \"x\" (short but quoted)",
	  "{\"password\": \"x\", \"passwd\": \"\"}",
	  "{\"password\": \"[REDACTED:password-assignment]\", "
	  "\"passwd\": \"\"}",
	  "password-assignment" },
	{ "YAML password: value",
	  "db:\n  host: x\n  password: s3cr3tP4ss\n",
	  "db:\n  host: x\n  password: [REDACTED:password-assignment]\n",
	  "password-assignment" },
	{ "environment DB_PASSWORD and DB_PASS",
	  "DB_PASSWORD='p@ss w0rd'\nDB_PASS=abc123\n",
	  "DB_PASSWORD='[REDACTED:password-assignment]'\n"
	  "DB_PASS=[REDACTED:password-assignment]\n", "password-assignment" },
	{ "api_key / apiKey / client_secret",
	  "api_key: \"k-123456\" apiKey=Zx9_q client_secret => 'cs-42'",
	  "api_key: \"[REDACTED:password-assignment]\" "
	  "apiKey=[REDACTED:password-assignment] "
	  "client_secret => '[REDACTED:password-assignment]'",
	  "password-assignment" },
	{ "command line --password VALUE and --token=VALUE",
	  "mysql --password hunter22 --token=t0k3n-abc -h db",
	  "mysql --password [REDACTED:password-assignment] "
	  "--token=[REDACTED:password-assignment] -h db",
	  "password-assignment" },
	{ "Go := and private_key assignment",
	  "pwd := \"letmein\"; private_key = 'abcdef'",
	  "pwd := \"[REDACTED:password-assignment]\"; "
	  "private_key = '[REDACTED:password-assignment]'",
	  "password-assignment" },
	{ "URL credentials",
	  "DATABASE_URL=postgres://app:pa55w0rd@db.internal:5432/app",
	  "DATABASE_URL=postgres://app:[REDACTED:url-password]"
	  "@db.internal:5432/app", "url-password" },
	{ "query string access_token",
	  "GET /cb?access_token=abc123def&state=x HTTP/1.1",
	  "GET /cb?access_token=[REDACTED:password-assignment]&state=x "
	  "HTTP/1.1", "password-assignment" },
	{ "Authorization header",
	  "> Authorization: Bearer abc.def-ghi\r\n> Accept: */*\r\n",
	  "> Authorization: Bearer [REDACTED:auth-header]\r\n"
	  "> Accept: */*\r\n", "auth-header" },
	{ "escaped JSON inside a JSON string",
	  "{\"content\": \"{\\\"client_secret\\\": \\\"s3cr3t-v4lue\\\"}\"}",
	  "{\"content\": \"{\\\"client_secret\\\": "
	  "\\\"[REDACTED:password-assignment]\\\"}\"}",
	  "password-assignment" },
	{ "high-entropy string in prose",
	  "the key is Xq3vT9zL2mR8wK4nB7yH1cJ6fD5sG0aP, keep it safe",
	  "the key is [REDACTED:high-entropy], keep it safe",
	  "high-entropy" },
	{ "high-entropy base64 with padding",
	  "blob: 9fK2+Lq8/ZxR3mT7vW1yB4nC6hJ0dE5sG8aP2uQ4rI=\n",
	  "blob: [REDACTED:high-entropy]\n", "high-entropy" },
	/* --- false positives: must be left alone --------------------- */
	{ "UUIDs", "request 550e8400-e29b-41d4-a716-446655440000 and "
	  "6F9619FF-8B86-D011-B42D-00C04FC964FF done",
	  NULL, NULL },
	{ "ordinary English",
	  "The quick brown fox jumps over the lazy dog. Passwords should be "
	  "long; never share your password or secret token with anyone.",
	  NULL, NULL },
	{ "file paths",
	  "/usr/lib/x86_64-linux-gnu/libstdc++.so.6 "
	  "/home/Alice/Projects/Thing2/src/main.c "
	  "org/apache/commons/lang3/StringUtils2.java "
	  "node_modules/@types/react-dom/v18/index.d.ts", NULL, NULL },
	{ "password without a value",
	  "Enter your password:\npassword=\nForgot password? token:\n",
	  NULL, NULL },
	{ "short tokens", "ghp_abc xoxb-123 AKIA1234 github_pat_x eyJhbG.a.b",
	  NULL, NULL },
	{ "git SHAs and sha256sum output (hex digests, by policy)",
	  "commit 3b18e512dba79e4c8300dd08aeb37f8e728b8dad\n"
	  "Merge: 4a5b6c7 8d9e0f1\n"
	  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  "
	  "-\nimage sha256:a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8"
	  "a7c22955b46d4\n", NULL, NULL },
	{ "base64 of low-entropy text",
	  "YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFh "
	  "aGVsbG8gd29ybGQgaGVsbG8gd29ybGQgaGVsbG8gd29ybGQ=", NULL, NULL },
	{ "CamelCase identifiers",
	  "AbstractSingletonProxyFactoryBean2Impl "
	  "TestHTTPServerHandlesIPv6AndTLS13Correctly "
	  "MyGreatCompany/Infrastructure/Terraform2/Modules", NULL, NULL },
	{ "placeholders and references",
	  "password=${DB_PASSWORD} token: <your-token-here> "
	  "secret: \"********\" api_key: null password: xxxxxxxx "
	  "secret=$SECRET_FROM_ENV", NULL, NULL },
	{ "paths and code, not values",
	  "PWD=/home/user\nOLDPWD=/tmp\npassword_file=/run/secrets/db\n"
	  "secret: /run/secrets/token\npassword = getpass()\n"
	  "if password == \"\":\n", NULL, NULL },
	{ "code references, not values",
	  "const token = req.headers.authorization;\n"
	  "secret = os.getenv(\"SECRET\")\npassword: string;\n"
	  "self.password = self.password\n", NULL, NULL },
	{ "token counts and types",
	  "max_tokens: 4096\ntoken_type: bearer\ntokens=12\n", NULL, NULL },
	{ "npm integrity (SRI digest)",
	  "\"integrity\": \"sha512-Q3Vk8Gm1dQzJh6Xn2LkT5Wc7rPb9Ys4Ef0Ai3Ho6"
	  "Ju8Kl1Mn"
	  "2Op5Qr7St9Uv0Wx3Yz4AaBbCcDdEeFfGgHh==\"", NULL, NULL },
	{ "certificate and public key bodies",
	  "-----BEGIN CERTIFICATE-----\n"
	  "MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n"
	  "RTESMBAGA1UEChMJQmFsdGltb3JlMRMwEQYDVQQLEwpDeWJlclRydXN0MSIwIAYD\n"
	  "-----END CERTIFICATE-----\n-----BEGIN PUBLIC KEY-----\n"
	  "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEq8Lk3T9vZxR2mW7yB1nC6hJ0dE5s\n"
	  "-----END PUBLIC KEY-----\n", NULL, NULL },
	{ "URLs without a password",
	  "https://user@example.com/x https://example.com:8443/a?b=c "
	  "ssh://git@github.com:22/o/r http://[::1]:80/", NULL, NULL },
	{ "not a JWT: header is not JSON",
	  "eyeglasses.are.nice eyJub3RqdXN0.anwt.x", NULL, NULL },
	{ "Kubernetes names and snake_case",
	  "pod myapp-deployment-5d8f7c9b6-x2k4p "
	  "this_is_a_very_long_python_function_name_v2", NULL, NULL },
};

static void
t_cases(void)
{
	struct secscan_hit	 hits[8];
	const struct tcase	*c;
	const char		*want;
	char			*out;
	size_t			 i, outlen;
	int			 n, ok;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		c = &cases[i];
		want = c->want != NULL ? c->want : c->in;
		n = secscan_redact(c->in, strlen(c->in), &out, &outlen, hits,
		    8);
		ok = n >= 0 && out != NULL && outlen == strlen(want) &&
		    strcmp(out, want) == 0;
		if (c->pattern == NULL)
			ok = ok && n == 0;
		else
			ok = ok && n > 0 && strcmp(hits[0].pattern,
			    c->pattern) == 0;
		if (!ok) {
			TAP_DIAG("got %d hits: %s", n, out ? out : "(null)");
			if (n > 0)
				TAP_DIAG("first hit %s at %zu+%zu",
				    hits[0].pattern, hits[0].off, hits[0].len);
		}
		tap_ok(ok, "%s: %s", c->pattern ? "finds" : "ignores", c->name);
		free(out);
	}
}

static void
t_offsets(void)
{
	const char		*in = "a AKIAIOSFODNN7EXAMPLE b "
	    "password=hunter22 c ghp_16C7e42F292c6912E7710c838347Ae178B4a";
	struct secscan_hit	 hits[2];
	int			 n;

	n = secscan_find(in, strlen(in), hits, 2);
	tap_ok(n == 3 && hits[0].off == 2 && hits[0].len == 20 &&
	    strcmp(hits[0].pattern, "aws-access-key-id") == 0 &&
	    hits[1].off == 34 && hits[1].len == 8 &&
	    strcmp(hits[1].pattern, "password-assignment") == 0,
	    "hits reported in order with offsets; count beyond maxhits");
}

static void
t_binary(void)
{
	static const char	 in[] = "\0\xff\xfe token=\x01\x02 "
	    "AKIAIOSFODNN7EXAMPLE\0\xc3\x28 "
	    "password=\xe2\x82\xac\xe2\x82\xac\n";
	char			*out;
	size_t			 outlen;
	int			 n;

	n = secscan_redact(in, sizeof(in) - 1, &out, &outlen, NULL, 0);
	tap_ok(n == 2 && out != NULL && out[outlen] == '\0' &&
	    memmem(out, outlen, "[REDACTED:aws-access-key-id]\0\xc3\x28",
	    31) != NULL &&
	    memmem(out, outlen, "password=[REDACTED:password-assignment]\n",
	    40) != NULL && memcmp(out, "\0\xff\xfe token=\x01\x02 ", 12) == 0,
	    "NUL bytes and invalid UTF-8 pass through");
	free(out);
}

static void
t_api(void)
{
	char	*out = (char *)1;
	size_t	 outlen = 99;
	int	 ok = 1;

	if (secscan_redact("", 0, &out, &outlen, NULL, 0) != 0 ||
	    out == NULL || outlen != 0 || out[0] != '\0')
		ok = 0;
	free(out);
	if (secscan_redact(NULL, 0, &out, &outlen, NULL, 0) != 0)
		ok = 0;
	free(out);
	if (secscan_redact(NULL, 5, &out, &outlen, NULL, 0) != -1 ||
	    errno != EINVAL || out != NULL)
		ok = 0;
	if (secscan_find("x", 1, NULL, 3) != -1)
		ok = 0;
	tap_ok(ok, "empty input, NULL input and bad arguments");
}

static void
t_large(void)
{
	size_t		 n = 8 << 20, i;
	char		*in, *out;
	size_t		 outlen;
	int		 rv;
	static const char seed[] = "-----BEGIN RSA PRIVATE KEY-----"
	    "eyJhbGciOiJIUzI1NiJ9.a.b password: :// ghp_ xoxb- AKIA @ ";

	/* Many unfinished patterns: the scan must stay linear. */
	if ((in = malloc(n)) == NULL)
		abort();
	for (i = 0; i < n; i++)
		in[i] = seed[i % (sizeof(seed) - 1)];
	rv = secscan_redact(in, n, &out, &outlen, NULL, 0);
	tap_ok(rv >= 0 && out != NULL, "8 MiB of partial patterns (%d hits)",
	    rv);
	free(out);
	free(in);
}

int
main(void)
{
	t_cases();
	t_offsets();
	t_binary();
	t_api();
	t_large();
	return tap_done();
}

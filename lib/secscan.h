/*
 * secscan: find and redact credentials nobody told us about.
 *
 * The engine runs every tool result and every message bound for an LLM
 * provider through secscan_redact(); each hit becomes
 * "[REDACTED:pattern]" and is reported as (pattern, offset, length) so
 * that it can be audited without the value.  Patterns:
 *
 *   private-key          -----BEGIN ... PRIVATE KEY----- through the
 *                        matching END line (RSA, EC, DSA, OPENSSH,
 *                        ENCRYPTED, PGP ... BLOCK); a block cut off
 *                        before its END line is redacted up to the
 *                        last line that still looks like key material
 *   aws-access-key-id    AKIA/ASIA/AGPA/AIDA/AROA/AIPA/ANPA/ANVA/ABIA/
 *                        ACCA/A3Tx + 16 [A-Z0-9], as a whole word
 *   aws-secret-key       40 base64 characters assigned to a key named
 *                        like aws_secret_access_key / SecretAccessKey
 *   github-token         gh[pousr]_ + >= 36 alnum, github_pat_ + >= 22
 *   slack-token          xox[abprse]- + >= 10 [A-Za-z0-9-]
 *   slack-webhook        [https://]hooks.slack.com/services/...
 *   jwt                  eyJ... three base64url segments whose first
 *                        decodes to a JSON object with "alg"
 *   auth-header          the credentials of Authorization: <scheme> X
 *   url-password         the password in scheme://user:password@host
 *   password-assignment  the value assigned to a key ending in password,
 *                        passwd, passphrase, secret, secret_key, token,
 *                        api_key, apikey, access_key, private_key (any
 *                        case, with or without _ - .) or whose last
 *                        component is pwd or pass; separators = : => :=
 *                        (and a space after --flag); quoted or not; as
 *                        in key=value, JSON, YAML, shell, query strings
 *   high-entropy         see secscan.c: >= 32 characters of the base64
 *                        or base64url alphabet with upper case, lower
 *                        case and digits, Shannon entropy above a
 *                        length-dependent threshold and not made of
 *                        words.  Runs of hex digits (and dashes) alone
 *                        are never flagged: git, sha256sum, docker and
 *                        lock files are full of digests and UUIDs that
 *                        the model needs to see.
 *
 * Overlapping hits are merged so that every byte any matcher flagged is
 * redacted; the merged hit takes the most specific pattern's name.
 * Values that are plainly not secrets (empty, "${VAR}", "<your-key>",
 * "****", null/true/false, a path) are not flagged.  Linear time, memory
 * proportional to the input, any bytes (NUL, invalid UTF-8) accepted.
 */
#ifndef HARNESS_SECSCAN_H
#define HARNESS_SECSCAN_H

#include <stddef.h>

struct secscan_hit {
	const char	*pattern;	/* static: the pattern's name */
	size_t		 off;		/* in the input */
	size_t		 len;
};

/*
 * Scan in[0..len) and store up to maxhits hits in order of offset
 * (hits may be NULL when maxhits is 0).  Returns the number of hits
 * found, which may exceed maxhits, or -1 with errno ENOMEM or EINVAL.
 */
int	 secscan_find(const char *, size_t, struct secscan_hit *, size_t);

/*
 * As secscan_find(), and *out is a new malloc'd, NUL-terminated copy of
 * the input with every hit replaced by "[REDACTED:pattern]" (*outlen
 * bytes, not counting the NUL).  On error *out is NULL.
 */
int	 secscan_redact(const char *, size_t, char **, size_t *,
	    struct secscan_hit *, size_t);

#endif /* HARNESS_SECSCAN_H */

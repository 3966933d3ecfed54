/* test_ids.c: UUIDv7 ids, API key format / checksum / hash, passwords. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <sodium.h>
#include "auth/apikey.h"
#include "auth/password.h"
#include "util/uuid.h"

static void
uuid_v7_shape_and_order(void **state)
{
	char a[37], b[37];

	(void)state;
	uuid_v7(a);
	uuid_v7(b);
	assert_true(uuid_valid(a));
	assert_int_equal(a[14], '7');                    /* version */
	assert_non_null(strchr("89ab", a[19]));          /* variant */
	assert_true(strncmp(a, b, 8) <= 0);              /* time-ordered */
	assert_string_not_equal(a, b);
}

static void
uuid_validation(void **state)
{
	(void)state;
	assert_true(uuid_valid("11111111-2222-3333-4444-555555555555"));
	assert_true(uuid_valid("ABCDEF01-2222-3333-4444-555555555555"));
	assert_false(uuid_valid("aaaa-bbbb-cccc-dddd-eeee"));
	assert_false(uuid_valid("11111111-2222-3333-4444-55555555555"));
	assert_false(uuid_valid("11111111-2222-3333-4444-5555555555555"));
	assert_false(uuid_valid("11111111x2222-3333-4444-555555555555"));
	assert_false(uuid_valid("g1111111-2222-3333-4444-555555555555"));
	assert_false(uuid_valid(""));
	assert_false(uuid_valid(NULL));
}

static void
apikey_roundtrip_and_typos(void **state)
{
	char key[APIKEY_LEN + 1], typo[APIKEY_LEN + 1], shown[APIKEY_SHOWN_LEN + 1];
	unsigned char h1[32], h2[32];

	(void)state;
	apikey_generate(key);
	assert_int_equal(strlen(key), APIKEY_LEN);
	assert_memory_equal(key, "sk_pageref_", 11);
	assert_true(apikey_well_formed(key));
	/* any single-character change is caught by the checksum (or alphabet) */
	for (int i = APIKEY_PREFIX_LEN; i < APIKEY_LEN; i += 3) {
		memcpy(typo, key, sizeof(typo));
		typo[i] = typo[i] == 'a' ? 'b' : 'a';
		assert_false(apikey_well_formed(typo));
	}
	assert_false(apikey_well_formed("sk_pageref_short"));
	assert_false(apikey_well_formed(NULL));
	memcpy(typo, key, sizeof(typo));
	typo[20] = '-';
	assert_false(apikey_well_formed(typo));
	apikey_hash(key, h1);
	apikey_hash(key, h2);
	assert_memory_equal(h1, h2, 32);
	apikey_shown_prefix(key, shown);
	assert_int_equal(strlen(shown), APIKEY_SHOWN_LEN);
	assert_memory_equal(shown, key, APIKEY_SHOWN_LEN);
}

static void
passwords(void **state)
{
	char hash[PASSWORD_HASH_MAX], pw[21];

	(void)state;
	password_generate(pw, sizeof(pw), 20);
	assert_int_equal(strlen(pw), 20);
	assert_int_equal(password_hash(pw, hash), SA_OK);
	assert_memory_equal(hash, "$argon2id$", 10);
	assert_true(password_verify(pw, hash));
	assert_false(password_verify("wrong password", hash));
	assert_false(password_verify(pw, "not a hash"));
	assert_false(password_verify(pw, NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(uuid_v7_shape_and_order),
		cmocka_unit_test(uuid_validation),
		cmocka_unit_test(apikey_roundtrip_and_typos),
		cmocka_unit_test(passwords),
	};
	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Tests of src/mod/linkage/rubric_lines.c: the rubric form's lines read into criteria (the
 * target, a name that may hold spaces, the weight), blank lines skipped, CR LF endings, lines
 * without a name or with a bad weight kept for the rule to refuse, and no more than the caller
 * asks for. Pure functions: no database. */
#include <stdio.h>

#include "testlib.h"

#include "mod/linkage/rubric_lines.h"

static void test_lines(void **state)
{
    (void)state;
    char text[] = "session 示范性 60\r\n\r\n  session\t可推广 性 40  \n"
                  "participant 落实 100";
    lk_criterion k[4];
    assert_int_equal(linkage_rubric_lines(text, k, 4), 3);
    assert_string_equal(k[0].target, "session");
    assert_string_equal(k[0].name, "示范性");
    assert_int_equal(k[0].weight, 60);
    assert_int_equal(k[0].id, 0);
    assert_string_equal(k[1].target, "session");
    assert_string_equal(k[1].name, "可推广 性"); /* the words between the first and the last */
    assert_int_equal(k[1].weight, 40);
    assert_string_equal(k[2].target, "participant");
    assert_string_equal(k[2].name, "落实");
    assert_int_equal(k[2].weight, 100);
}

static void test_incomplete_lines(void **state)
{
    (void)state;
    char text[] = "session\nsession 60\nsession 名 六十\nsession 名 -5\nsession 名 99999999999\n"
                  "session 名 12x\nparticipant   名   007";
    lk_criterion k[8];
    assert_int_equal(linkage_rubric_lines(text, k, 8), 7);
    assert_string_equal(k[0].target, "session"); /* one word: no name, no weight */
    assert_null(k[0].name);
    assert_int_equal(k[0].weight, -1);
    assert_null(k[1].name); /* two words: the weight is not a name */
    assert_int_equal(k[1].weight, -1);
    for (int i = 2; i < 6; i++) {
        assert_string_equal(k[i].name, "名");
        assert_int_equal(k[i].weight, -1); /* not a whole number from 0 */
    }
    assert_string_equal(k[6].name, "名");
    assert_int_equal(k[6].weight, 7);
}

static void test_cap_and_empty(void **state)
{
    (void)state;
    char empty[] = " \n\t\r\n";
    lk_criterion k[40];
    assert_int_equal(linkage_rubric_lines(empty, k, 40), 0);
    char many[40 * 24] = "";
    for (int i = 0; i < 35; i++) {
        char line[24];
        snprintf(line, sizeof line, "session c%d 1\n", i);
        strcat(many, line);
    }
    /* one more than the rule allows is enough to learn there were too many */
    assert_int_equal(linkage_rubric_lines(many, k, 33), 33);
    assert_string_equal(k[32].name, "c32");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lines),
        cmocka_unit_test(test_incomplete_lines),
        cmocka_unit_test(test_cap_and_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

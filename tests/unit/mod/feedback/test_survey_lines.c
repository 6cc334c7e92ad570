/* Tests of a survey's questions one a line (survey_lines.h), without a database: the kinds, the
 * optional mark, options, spaces, blank lines and line ends, a line without a colon, text that
 * is not UTF-8, and the lines written back reading to the same questions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mod/feedback/survey_lines.h"

#include <cmocka.h>

static const char *field(json_t *arr, size_t i, const char *key)
{
    return json_string_value(json_object_get(json_array_get(arr, i), key));
}

static int required(json_t *arr, size_t i)
{
    return json_is_true(json_object_get(json_array_get(arr, i), "required"));
}

static size_t noptions(json_t *arr, size_t i)
{
    return json_array_size(json_object_get(json_array_get(arr, i), "options"));
}

static void test_lines(void **state)
{
    (void)state;
    size_t bad = 99;
    json_t *q = survey_lines_parse("single: 您最想参加哪类活动？ | 演出 | 讲座 | 展览\n"
                                   "\n"
                                   "  rating :  满意度  \r\n"
                                   "text ?: 其他建议\r"
                                   "multiple?: 时间：周末 | 上午|下午 \n",
                                   &bad);
    assert_non_null(q);
    assert_int_equal(bad, 0);
    assert_int_equal(json_array_size(q), 4);
    assert_string_equal(field(q, 0, "kind"), "single");
    assert_string_equal(field(q, 0, "text"), "您最想参加哪类活动？");
    assert_true(required(q, 0));
    assert_int_equal(noptions(q, 0), 3);
    assert_string_equal(
        json_string_value(json_array_get(json_object_get(json_array_get(q, 0), "options"), 2)),
        "展览");
    assert_string_equal(field(q, 1, "kind"), "rating");
    assert_string_equal(field(q, 1, "text"), "满意度");
    assert_null(json_object_get(json_array_get(q, 1), "options"));
    assert_string_equal(field(q, 2, "kind"), "text");
    assert_false(required(q, 2));
    /* the text keeps a colon of its own; options lose their spaces */
    assert_string_equal(field(q, 3, "kind"), "multiple");
    assert_false(required(q, 3));
    assert_string_equal(field(q, 3, "text"), "时间：周末");
    assert_string_equal(
        json_string_value(json_array_get(json_object_get(json_array_get(q, 3), "options"), 1)),
        "下午");
    json_decref(q);

    /* a colon in the text after the kind's */
    q = survey_lines_parse("text: 地址: 哪里", &bad);
    assert_string_equal(field(q, 0, "text"), "地址: 哪里");
    json_decref(q);

    /* nothing, or only blank lines: no question (the rules refuse an empty survey) */
    q = survey_lines_parse(NULL, &bad);
    assert_int_equal(json_array_size(q), 0);
    json_decref(q);
    q = survey_lines_parse(" \n\t\r\n", &bad);
    assert_int_equal(json_array_size(q), 0);
    json_decref(q);
}

static void test_refused(void **state)
{
    (void)state;
    size_t bad = 0;
    assert_null(survey_lines_parse("single: a | b\n\n随便写点什么\ntext: c", &bad));
    assert_int_equal(bad, 3);
    assert_null(survey_lines_parse("no colon", &bad));
    assert_int_equal(bad, 1);
    /* text that is not UTF-8 reads as empty, which the rules refuse */
    json_t *q = survey_lines_parse("single: \xff\xfe | a", &bad);
    assert_non_null(q);
    assert_string_equal(field(q, 0, "text"), "");
    json_decref(q);
}

static void test_round_trip(void **state)
{
    (void)state;
    const char *opts[] = {"上午", "下午", "晚上"};
    strbuf sb = STRBUF_INIT;
    assert_int_equal(survey_lines_add(&sb, "single", 1, "您常在什么时间去图书馆？", opts, 3), 0);
    sb_addc(&sb, '\n');
    assert_int_equal(survey_lines_add(&sb, "text", 0, "其他建议", NULL, 0), 0);
    assert_string_equal(sb.buf,
                        "single: 您常在什么时间去图书馆？ | 上午 | 下午 | 晚上\ntext?: 其他建议");
    size_t bad;
    json_t *q = survey_lines_parse(sb.buf, &bad);
    assert_int_equal(json_array_size(q), 2);
    assert_string_equal(field(q, 0, "text"), "您常在什么时间去图书馆？");
    assert_int_equal(noptions(q, 0), 3);
    assert_false(required(q, 1));
    json_decref(q);
    sb_release(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lines),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

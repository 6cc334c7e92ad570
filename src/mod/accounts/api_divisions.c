/* api_divisions: a node of the division tree with its children and population. */
#include "mod/accounts/handlers.h"
#include "core/division.h"

void api_division(http_req *req)
{
    division_view v;
    if (division_get(req_ctx(req), req_param(req, 0), &v) < 0) {
        resp_fail(req);
        return;
    }
    char pad[DIVISION_CODE_MAX];
    division_pad(v.self.code, pad);
    json_t *children = json_array();
    for (size_t i = 0; i < v.nchildren; i++)
        json_array_append_new(children, json_pack("{s:s,s:s,s:s}", "code", v.children[i].code,
                                                  "name", v.children[i].name, "level",
                                                  division_level_name(v.children[i].level)));
    json_t *pop = json_array();
    for (size_t i = 0; i < v.npopulation; i++)
        json_array_append_new(pop, json_pack("{s:s,s:i,s:I,s:s}", "metric", v.population[i].metric,
                                             "year", v.population[i].year, "persons",
                                             (json_int_t)v.population[i].persons, "source",
                                             v.population[i].source_url));
    resp_json(req, 200,
              json_pack("{s:s,s:s,s:s,s:s,s:s?,s:o,s:o}", "code", v.self.code, "code12", pad,
                        "name", v.self.name, "level", division_level_name(v.self.level), "parent",
                        v.self.parent, "children", children, "population", pop));
}

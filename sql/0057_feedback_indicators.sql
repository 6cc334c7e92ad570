-- The indicators of public feedback in the catalogue, so that the dashboards, reports and
-- targets show them: computed by the feedback module (src/mod/feedback/module.c) from the
-- complaints and suggestions and the satisfaction surveys (docs/feedback.md).
INSERT INTO indicator_defs(code, name_zh, name_en, unit, definition, attribute, levels,
                           period_kind, source, measure, plans, public, flag, sort) VALUES
('feedback.complaints_received', '群众意见建议受理数', 'Complaints and suggestions received', 'items',
 'Complaints and suggestions of the subtree filed in the period.',
 NULL, 'city,county', 'year', 'computed', 'flow', '', 1, NULL, 700),
('feedback.answered_in_time', '意见建议按期答复率', 'Complaints answered within the deadline', '%',
 'Of the complaints and suggestions of the subtree filed in the period, the share answered by their deadline; no data without one.',
 NULL, 'city,county', 'year', 'computed', 'flow', '', 1, NULL, 710),
('feedback.response_days', '意见建议平均答复天数', 'Average response time to complaints', 'days',
 'Mean days from filing to answer, over the complaints and suggestions of the subtree filed in the period and answered.',
 NULL, 'city,county', 'year', 'computed', 'flow', '', 1, NULL, 720),
('feedback.satisfaction', '群众满意度（平均评分）', 'Average satisfaction', 'points (1-5)',
 'Mean of the 1-5 ratings given in the subtree''s satisfaction surveys in the period.',
 NULL, 'city,county', 'year', 'computed', 'flow', '', 1, NULL, 730);

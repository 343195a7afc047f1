/* names.c - the names of stages, pools, foci, technology and governance modes
 * as they are written in scenario files and outputs. */
#include "scenario.h"

const char *const stage_names[STAGE_COUNT] = {"marketing", "sales", "delivery", "service"};
const char *const pool_names[POOL_COUNT] = {"sales", "delivery", "service"};
const char *const staffing_rule_names[STAFFING_RULE_COUNT] = {"fixed", "service_level", "cost_optimal"};
const char *const pool_labels[POOL_COUNT] = {"sales team", "delivery team", "contact centre"};
const char *const pool_seats[POOL_COUNT] = {"sellers", "people", "seats"};
const enum stage pool_stage[POOL_COUNT] = {STAGE_SALES, STAGE_DELIVERY, STAGE_SERVICE};
const char *const focus_names[FOCUS_COUNT] = {"cost", "revenue", "experience"};
const char *const tech_names[TECH_COUNT] = {"it", "own", "embedded", "supported"};
const char *const governance_names[GOV_COUNT] = {"single", "bilateral", "council", "escalation"};

const enum stage transition_from[TR_COUNT] = {STAGE_MARKETING, STAGE_SALES, STAGE_DELIVERY,
					      STAGE_SERVICE, STAGE_SERVICE};
const enum stage transition_to[TR_COUNT] = {STAGE_SALES, STAGE_DELIVERY, STAGE_SERVICE, STAGE_SALES,
					    STAGE_DELIVERY};

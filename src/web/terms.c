/*
 * terms: msgids that the source passes to req_tr()/web_t() as variables, not as literals, so
 * xgettext cannot see them at the call: role names, statuses, division levels, content
 * types, flash messages, form labels kept in tables. Listing them here with N_ puts them
 * into po/zh_CN.po (scripts/update-po.sh). Nothing calls this file; when you add a role, a
 * status or a table of labels, add its strings here too (the script warns when a string here
 * no longer appears anywhere else in src/ or sql/).
 */

#define N_(s) s

static const char *const terms[] __attribute__((unused)) = {
    /* roles: ROLE_LIST in domain/authz.h */
    N_("citizen"),
    N_("venue_manager"),
    N_("teacher"),
    N_("provider"),
    N_("volunteer_coordinator"),
    N_("reviewer"),
    N_("district_admin"),
    N_("city_admin"),
    N_("auditor"),
    N_("planner"),

    /* account statuses: users.status */
    N_("active"),
    N_("disabled"),

    /* member import: reasons given to rows, and why a job failed (domain/member_import.c) */
    N_("want 2 to 5 columns: phone,name[,password[,role,division]]"),
    N_("This mobile number appears on an earlier row of the file."),
    N_("An account with this mobile number exists already."),
    N_("not UTF-8 text (save the file as CSV UTF-8)"),
    N_("the file could not be read back"),
    N_("the account that asked for it is gone"),

    /* content and review statuses: review_items.status, notices.status */
    N_("draft"),
    N_("pending"),
    N_("published"),
    N_("rejected"),

    /* activity and booking statuses: activities.status, bookings.status */
    N_("cancelled"),
    N_("confirmed"),
    N_("waitlisted"),
    N_("checked_in"),
    N_("no_show"),

    /* division levels: division_level_name() */
    N_("province"),
    N_("city"),
    N_("county"),
    N_("town"),
    N_("village"),

    /* activity categories: activity_categories in domain/activity.c */
    N_("timed_entry"),

    /* timed entry form labels: timed_entry_form() in web/pages_venues.c */
    N_("People per slot"),
    N_("Days ahead that can be booked"),
    N_("Companions per booking"),

    /* content types: review_type.name */
    N_("notice"),
    N_("activity"),
    N_("activity_revision"),

    /* flash messages: flashes[] in web/layout.c */
    N_("The no-show has been excused."),
    N_("Thank you: your rating will show once it has been approved."),
    N_("Your account is ready. Please log in."),
    N_("Your password has been changed."),
    N_("Your password has been set. Please log in."),
    N_("You have logged out."),
    N_("Saved."),
    N_("The role has been granted."),
    N_("The role has been revoked."),
    N_("Your decision has been recorded."),
    N_("Submitted for review."),
    N_("Booked: show the QR code at the door."),
    N_("The session is full: you are on the waiting list."),
    N_("You have booked this session already."),
    N_("This session is full."),
    N_("The booking did not go through; please try again."),
    N_("Your booking is cancelled."),
    N_("You have booked for as many people as one account may in a day."),
    N_("Booking for this session has not opened yet."),
    N_("Booking for this session has closed."),
    N_("This session has been cancelled."),
    N_("This activity takes fewer companions per booking."),
    N_("Each companion has a name of 1 to 32 characters."),
    N_("The session has been changed."),

    /* activity categories: activity_categories[] in domain/activity.c */
    N_("performance"),
    N_("exhibition"),
    N_("lecture"),
    N_("reading"),
    N_("film"),
    N_("training"),
    N_("festival"),
    N_("heritage"),
    N_("other"),

    /* booking and session statuses: bookings.status, activity_sessions.status */
    N_("confirmed"),
    N_("waitlisted"),
    N_("cancelled"),
    N_("checked_in"),
    N_("no_show"),
    N_("scheduled"),
    N_("All marked read."),
    N_("The session has been changed; everyone booked has been told."),
    N_("The session has been cancelled; everyone booked has been told."),
    N_("The poster has been saved."),
    N_("The poster has been removed."),
    N_("The target has been saved."),
    N_("The value has been reported."),

    /* form labels kept in tables: fields[] in web/pages_admin.c */
    N_("Mobile number"),
    N_("Real name"),
    N_("Initial password"),
    N_("Division code"),

    /* the second branch of a ?: inside fail(): xgettext takes only the first */
    N_("Too many failed logins: wait a moment before trying again."),

    /* venue statuses: venues.status */
    N_("open"),
    N_("closed"),
    N_("planned"),

    /* weekdays of the opening hours: weekday_names[] in web/pages_venues.c */
    N_("Mon"),
    N_("Tue"),
    N_("Wed"),
    N_("Thu"),
    N_("Fri"),
    N_("Sat"),
    N_("Sun"),

    /* form labels kept in tables: fields[] in web/pages_venues.c */
    N_("Name"),
    N_("Venue name"),
    N_("Address"),
    N_("Longitude (WGS84)"),
    N_("Latitude (WGS84)"),
    N_("Floor area (m²)"),
    N_("Contact"),
    N_("Awards"),

    /* rule options of the circle page: rules[] in web/pages_circles.c */
    N_("4 venues or spaces (Panzhihua)"),
    N_("1 required + 2 free spaces (Zhejiang)"),
    N_("at least 1 venue"),

    /* the second branch of a ?: passed to stat_box() in web/pages_circles.c */
    N_("of the population is covered"),

    /* space booking statuses: space_bookings.status (pending, rejected above) */
    N_("approved"),
    N_("cancelled"),
    /* flash messages of space booking: flashes[] in web/layout.c */
    N_("Your request has been sent: staff will approve or reject it."),
    N_("Your request is cancelled."),
    N_("Approved where free; weeks that overlap stay pending."),
    /* the second branch of a ?: inside wy_fail() in mod/spaces/space.c */
    N_("Only a pending or approved booking can be rejected."),
    /* the link of an empty state: web_empty_card()'s fifth argument */
    N_("Find an activity"),
    N_("Find a space"),
    /* the later branches of a ?: passed to web_t() in mod/circles/pages_circles.c */
    N_("Finding what each place reaches"),
    N_("Waiting for another analysis to finish"),
    /* refusals kept in a table: booking_outcome_refusal() in mod/activities/booking_rules.c */
    N_("You have booked this session already."),
    N_("You have booked for as many people as one account may in a day."),
    N_("This Idempotency-Key was used for another booking."),
};

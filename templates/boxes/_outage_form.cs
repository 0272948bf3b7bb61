<?cs ## The moments of an outage (Form.*): detected, repair started, restored, note. ?>
<?cs call:text_field("detected_day", L.outages.detected_day, 1, 10, "date") ?>
<?cs call:text_field("detected_time", L.outages.detected_time, 1, 5, "time") ?>
<?cs call:text_field("repair_day", L.outages.repair_day, 0, 10, "date") ?>
<?cs call:text_field("repair_time", L.outages.repair_time, 0, 5, "time") ?>
<?cs call:text_field("restored_day", L.outages.restored_day, 0, 10, "date") ?>
<?cs call:text_field("restored_time", L.outages.restored_time, 0, 5, "time") ?>
<?cs call:text_field("note", L.outages.note, 0, 200, "") ?>
<p class="muted small"><?cs var:L.outages.form_hint ?></p>

-- 0209_reservations_room: a room's reservations in time order, for what
-- a box acts on now (its schedule, the boxes page): a bounded range
-- whatever the room's history.
CREATE INDEX reservations_room_idx ON reservations (room_id, starts_at);
